/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-view.h: a document's original text, read-only, with its annotations
 * highlighted: each kind its colour and its underline. */
#pragma once

#include <gtk/gtk.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_DOCUMENT_VIEW (sigla_document_view_get_type ())

G_DECLARE_FINAL_TYPE (SiglaDocumentView, sigla_document_view, SIGLA, DOCUMENT_VIEW, GtkWidget)

/* What a tag key asks for: a kind of mention, or a claim. */
#define SIGLA_TAG_CLAIM ((int) SIGLA_KIND_DATE + 1)

gboolean     sigla_document_view_show           (SiglaDocumentView  *self,
                                                 SiglaProject       *project,
                                                 gint64              document_id,
                                                 GError            **error);
void         sigla_document_view_clear          (SiglaDocumentView  *self);
gboolean     sigla_document_view_refresh        (SiglaDocumentView  *self,
                                                 GError            **error);
void         sigla_document_view_reload_names   (SiglaDocumentView  *self);
gboolean     sigla_document_view_update_marks   (SiglaDocumentView  *self,
                                                 GArray             *changed);
gint64       sigla_document_view_get_document   (SiglaDocumentView  *self);
gint64       sigla_document_view_get_entity_at_cursor (SiglaDocumentView  *self,
                                                       char              **words);
gboolean     sigla_document_view_get_selection  (SiglaDocumentView  *self,
                                                 gint64             *start,
                                                 gint64             *end);
char        *sigla_document_view_get_selected_text (SiglaDocumentView *self);
void         sigla_document_view_select_span    (SiglaDocumentView  *self,
                                                 gint64              start,
                                                 gint64              end);
void         sigla_document_view_emphasize      (SiglaDocumentView  *self,
                                                 gint64              entity_id);
gboolean     sigla_document_view_select_next_mention (SiglaDocumentView *self,
                                                      gint64             entity_id,
                                                      gboolean           forward);
void         sigla_document_view_mark_unsaved   (SiglaDocumentView  *self,
                                                 gint64              start,
                                                 gint64              end,
                                                 gboolean            unsaved);
GtkTextView *sigla_document_view_get_text_view  (SiglaDocumentView  *self);
char        *sigla_document_view_describe       (SiglaDocumentView  *self,
                                                 gint64              offset);
gboolean     sigla_document_view_get_selection_area (SiglaDocumentView *self,
                                                     GdkRectangle      *area);

G_END_DECLS
