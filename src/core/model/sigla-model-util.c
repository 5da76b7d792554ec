/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-model-util.c: what the list models share. */

#include "sigla-model-util.h"

/**
 * sigla_list_store_replace:
 * @items: (element-type GObject): what @store is to hold, in order
 *
 * One splice, of only the items that are not the same objects as before: a
 * list view then builds again only the rows that changed, and hears once
 * that the list did.
 */
void
sigla_list_store_replace (GListStore *store,
                          GPtrArray  *items)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint first = 0, last = 0;

  while (first < n_old && first < items->len)
    {
      g_autoptr(GObject) shown = g_list_model_get_item (model, first);

      if (shown != items->pdata[first])
        break;
      first++;
    }
  while (last < n_old - first && last < items->len - first)
    {
      g_autoptr(GObject) shown = g_list_model_get_item (model, n_old - 1 - last);

      if (shown != items->pdata[items->len - 1 - last])
        break;
      last++;
    }

  if (n_old - first - last > 0 || items->len - first - last > 0)
    g_list_store_splice (store, first, n_old - first - last, items->pdata + first, items->len - first - last);
}
