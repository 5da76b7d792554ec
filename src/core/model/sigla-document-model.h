/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-model.h: the project's documents, by date or by title: a list model that follows
 * the project as documents come and go. */
#pragma once

#include <gio/gio.h>

#include "sigla-change-queue.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_DOCUMENT_ITEM (sigla_document_item_get_type ())

G_DECLARE_FINAL_TYPE (SiglaDocumentItem, sigla_document_item, SIGLA, DOCUMENT_ITEM, GObject)

gint64      sigla_document_item_get_id        (SiglaDocumentItem *self);
const char *sigla_document_item_get_title     (SiglaDocumentItem *self);
const char *sigla_document_item_get_date      (SiglaDocumentItem *self);
const char *sigla_document_item_get_sender    (SiglaDocumentItem *self);
const char *sigla_document_item_get_addressee (SiglaDocumentItem *self);

typedef enum
{
  SIGLA_DOCUMENT_ORDER_DATE,    /* undated last, then as imported */
  SIGLA_DOCUMENT_ORDER_TITLE,
} SiglaDocumentOrder;

#define SIGLA_TYPE_DOCUMENT_MODEL (sigla_document_model_get_type ())

G_DECLARE_FINAL_TYPE (SiglaDocumentModel, sigla_document_model, SIGLA, DOCUMENT_MODEL, GObject)

SiglaDocumentModel *sigla_document_model_new         (void);
GListModel         *sigla_document_model_get_model   (SiglaDocumentModel  *self);
gboolean            sigla_document_model_set_project (SiglaDocumentModel  *self,
                                                      SiglaProject        *project,
                                                      GError             **error);
gboolean            sigla_document_model_set_order   (SiglaDocumentModel  *self,
                                                      SiglaDocumentOrder   order,
                                                      GError             **error);
gboolean            sigla_document_model_reload      (SiglaDocumentModel  *self,
                                                      GError             **error);
gboolean            sigla_document_model_find        (SiglaDocumentModel  *self,
                                                      gint64               document_id,
                                                      guint               *position);

G_END_DECLS
