/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-row.h: one item of the window's own lists (a document, a search hit), and the rows
 * every list shows: a title and a subtitle. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SIGLA_TYPE_ROW (sigla_row_get_type ())

G_DECLARE_FINAL_TYPE (SiglaRow, sigla_row, SIGLA, ROW, GObject)

SiglaRow   *sigla_row_new          (gint64      id,
                                    const char *title,
                                    const char *subtitle);
gint64      sigla_row_get_id       (SiglaRow   *self);
const char *sigla_row_get_title    (SiglaRow   *self);
const char *sigla_row_get_subtitle (SiglaRow   *self);
gint64      sigla_row_get_document (SiglaRow   *self);
gint64      sigla_row_get_start    (SiglaRow   *self);
gint64      sigla_row_get_end      (SiglaRow   *self);
void        sigla_row_set_span     (SiglaRow   *self,
                                    gint64      document,
                                    gint64      start,
                                    gint64      end);

GtkListItemFactory *sigla_row_factory_new (void);
GtkListItemFactory *sigla_row_factory_new_bound (GtkExpression *title,
                                                 GtkExpression *subtitle);
GListStore         *sigla_row_list_attach (GtkListView *view,
                                           gboolean     single_click);

G_END_DECLS
