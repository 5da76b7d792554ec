/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-date-model.h: the dates tagged in a document (or the whole project), in text order: a
 * list model that follows the project as it changes. */
#pragma once

#include <gio/gio.h>

#include "sigla-change-queue.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_DATE_ITEM (sigla_date_item_get_type ())

G_DECLARE_FINAL_TYPE (SiglaDateItem, sigla_date_item, SIGLA, DATE_ITEM, GObject)

gint64      sigla_date_item_get_id       (SiglaDateItem *self);
gint64      sigla_date_item_get_document (SiglaDateItem *self);
gint64      sigla_date_item_get_start    (SiglaDateItem *self);
gint64      sigla_date_item_get_end      (SiglaDateItem *self);
const char *sigla_date_item_get_when     (SiglaDateItem *self);

#define SIGLA_TYPE_DATE_MODEL (sigla_date_model_get_type ())

G_DECLARE_FINAL_TYPE (SiglaDateModel, sigla_date_model, SIGLA, DATE_MODEL, GObject)

SiglaDateModel *sigla_date_model_new       (void);
GListModel    *sigla_date_model_get_model (SiglaDateModel  *self);
gboolean       sigla_date_model_set_scope (SiglaDateModel  *self,
                                          SiglaProject   *project,
                                          gint64          document_id,
                                          GError        **error);

G_END_DECLS
