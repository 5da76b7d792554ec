/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-documents.c: the documents on the left: their list, in the order the settings
 * say, showing which is open, and the search over all of them, whose hits open where they are. */

#define G_LOG_DOMAIN "sigla-window"

#include "sigla-window-private.h"

/* -- the list ----------------------------------------------------------------- */

static void
append_row (GListStore *store,
            SiglaRow   *row)
{
  g_list_store_append (store, row);
  g_object_unref (row);
}

/* Its date and, for a letter, who wrote to whom: "1890-03-03 · Anna → Karl". */
static char *
document_subtitle (const SiglaDocument *document)
{
  g_autofree char *letter = NULL;

  if (document->sender != NULL || document->addressee != NULL)
    letter = g_strdup_printf ("%s → %s", document->sender != NULL ? document->sender : "?",
                              document->addressee != NULL ? document->addressee : "?");
  if (document->date != NULL && letter != NULL)
    return g_strdup_printf ("%s · %s", document->date, letter);
  return g_strdup (document->date != NULL ? document->date : letter);
}

/* By date (undated last) or by title, as the settings say; then as imported. */
static int
compare_documents (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const SiglaDocument *x = *(SiglaDocument * const *) a, *y = *(SiglaDocument * const *) b;
  g_autofree char *sort = g_settings_get_string (SIGLA_WINDOW (data)->settings, "document-sort");
  int order;

  if (g_str_equal (sort, "title"))
    order = g_utf8_collate (x->title, y->title);
  else if ((x->date == NULL) != (y->date == NULL))
    order = x->date == NULL ? 1 : -1;
  else
    order = g_strcmp0 (x->date, y->date);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

void
_sigla_window_load_documents (SiglaWindow *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 shown = sigla_document_view_get_document (self->document_view);

  g_list_store_remove_all (self->documents);
  if (self->project == NULL)
    return;

  documents = sigla_document_list (self->project, &error);
  if (documents == NULL)
    {
      sigla_window_show_error (self, error);
      return;
    }
  g_ptr_array_sort_with_data (documents, compare_documents, self);

  for (guint i = 0; i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];
      g_autofree char *subtitle = document_subtitle (document);

      append_row (self->documents, sigla_row_new (document->id, document->title, subtitle));
      if (document->id == shown)
        gtk_single_selection_set_selected (self->document_selection, i);
    }

  gtk_stack_set_visible_child_name (self->content_stack, shown != 0 ? "document" : "empty");
}

/* The document list shows which document is open, however it was opened
 * (a search hit, a panel's row): its row is selected, or none. */
void
_sigla_window_select_document_row (SiglaWindow *self,
                                   gint64       document_id)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SiglaRow) row = g_list_model_get_item (model, i);

      if (sigla_row_get_id (row) == document_id)
        {
          gtk_single_selection_set_selected (self->document_selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
}

static void
document_selected_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      SiglaWindow        *self)
{
  SiglaRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GError) error = NULL;

  if (row != NULL && sigla_row_get_id (row) != sigla_document_view_get_document (self->document_view) &&
      !sigla_window_show_document (self, sigla_row_get_id (row), &error))
    sigla_window_show_error (self, error);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   SiglaWindow    *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_list_store_remove_all (self->hits);
  if (self->project == NULL || *query == '\0')
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "documents");
      return;
    }

  /* A query still being typed ("NOT" alone) finds nothing yet. */
  hits = sigla_search (self->project, query, 100, &error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->documents)); i++)
    {
      g_autoptr(SiglaRow) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      gint64 *id = g_new (gint64, 1);

      *id = sigla_row_get_id (document);
      g_hash_table_insert (titles, id, (gpointer) sigla_row_get_title (document));
    }

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      SiglaSearchHit *hit = hits->pdata[i];
      SiglaRow *row;

      if (hit->in_title)
        continue;
      row = sigla_row_new (hit->document_id, hit->snippet, g_hash_table_lookup (titles, &hit->document_id));
      sigla_row_set_span (row, hit->document_id, hit->start, hit->end);
      append_row (self->hits, row);
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, "hits");
}

/* -- the search --------------------------------------------------------------- */

static void
hit_activated_cb (GtkListView *view,
                  guint        position,
                  SiglaWindow *self)
{
  g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  _sigla_window_show_span (self, sigla_row_get_document (row), sigla_row_get_start (row), sigla_row_get_end (row));
}

/* Enter in the search: the first hit, in the text. */
static void
search_activated_cb (SiglaWindow *self)
{
  g_autoptr(SiglaRow) first = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->hits)) == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->hits), 0);
  _sigla_window_show_span (self, sigla_row_get_document (first), sigla_row_get_start (first),
                           sigla_row_get_end (first));
}

/* Escape in the search: back to the text, the documents listed again. */
static void
search_stopped_cb (SiglaWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _sigla_window_focus_text (self);
}

void
_sigla_window_documents_init (SiglaWindow *self)
{
  self->documents = sigla_row_list_attach (self->document_list, FALSE);
  self->document_selection = g_object_ref (GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->document_list)));
  gtk_single_selection_set_can_unselect (self->document_selection, FALSE);
  g_signal_connect (self->document_selection, "notify::selected", G_CALLBACK (document_selected_cb), self);

  self->hits = sigla_row_list_attach (self->hit_list, TRUE);
  g_signal_connect (self->hit_list, "activate", G_CALLBACK (hit_activated_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (search_stopped_cb), self);
}
