/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window.h: the workbench: documents, the original text, and the panels of people,
 * places, organisations, dates and claims. */
#pragma once

#include <adwaita.h>

#include "sigla-core.h"
#include "sigla-document-view.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_WINDOW (sigla_window_get_type ())

G_DECLARE_FINAL_TYPE (SiglaWindow, sigla_window, SIGLA, WINDOW, AdwApplicationWindow)

SiglaWindow  *sigla_window_new           (AdwApplication  *application);
gboolean      sigla_window_open_project  (SiglaWindow     *self,
                                          const char      *path,
                                          GError         **error);
gboolean      sigla_window_create_project (SiglaWindow    *self,
                                           const char     *path,
                                           GError        **error);
gboolean      sigla_window_open_sample   (SiglaWindow     *self,
                                          GError         **error);
SiglaProject *sigla_window_get_project   (SiglaWindow     *self);
SiglaDocumentView *sigla_window_get_document_view (SiglaWindow *self);
gboolean      sigla_window_show_document (SiglaWindow     *self,
                                          gint64           document_id,
                                          GError         **error);
void          sigla_window_import        (SiglaWindow     *self,
                                          const char * const *paths);
void          sigla_window_offer_import  (SiglaWindow     *self,
                                          const char * const *paths);
gboolean      sigla_window_catch_up      (SiglaWindow     *self);
gboolean      sigla_window_retry_unsaved (SiglaWindow     *self);
gboolean      sigla_window_export        (SiglaWindow     *self,
                                          gint64           document,
                                          const char      *path);
char         *sigla_window_export_name   (SiglaWindow     *self,
                                          gint64           document);
gboolean      sigla_window_tag_selection (SiglaWindow     *self,
                                          int              kind,
                                          gint64           entity_id,
                                          const char      *text,
                                          GError         **error);
void          sigla_window_show_error    (SiglaWindow     *self,
                                          const GError    *error);
void          sigla_window_notify        (SiglaWindow     *self,
                                          const char      *message);

G_END_DECLS
