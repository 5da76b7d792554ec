/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-documents.c: the documents on the left: their list, in the order the settings
 * say, showing which is open, and the search over all of them, whose hits open where they are. */

#define G_LOG_DOMAIN "sigla-window"

#include "sigla-window-private.h"

/* -- the list ----------------------------------------------------------------- */

/* "1890-03-03 · Anna → Karl": its date and, for a letter, who wrote to whom. */
static char *
document_subtitle (GObject    *item,
                   const char *date,
                   const char *sender,
                   const char *addressee)
{
  g_autofree char *letter = NULL;

  if (sender != NULL || addressee != NULL)
    letter = g_strdup_printf ("%s → %s", sender != NULL ? sender : "?", addressee != NULL ? addressee : "?");
  if (date != NULL && letter != NULL)
    return g_strdup_printf ("%s · %s", date, letter);
  return g_strdup (date != NULL ? date : letter);
}

static GtkExpression *
document_property (const char *name)
{
  return gtk_property_expression_new (SIGLA_TYPE_DOCUMENT_ITEM,
                                      gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"), name);
}

static SiglaDocumentOrder
settings_order (SiglaWindow *self)
{
  g_autofree char *sort = g_settings_get_string (self->settings, "document-sort");

  return g_str_equal (sort, "title") ? SIGLA_DOCUMENT_ORDER_TITLE : SIGLA_DOCUMENT_ORDER_DATE;
}

/* The documents read again: the project's, or what another connection (an
 * import's thread, another program) added, which no signal tells. */
void
_sigla_window_load_documents (SiglaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_document_model_set_project (self->documents, self->project, &error))
    sigla_window_show_error (self, error);
}

/* The order the settings say, by date or by title. */
void
_sigla_window_order_documents (SiglaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_document_model_set_order (self->documents, settings_order (self), &error))
    sigla_window_show_error (self, error);
}

/* The document list shows which document is open, however it was opened
 * (a search hit, a panel's row): its row is selected, or none. */
void
_sigla_window_select_document_row (SiglaWindow *self,
                                   gint64       document_id)
{
  guint position;

  gtk_single_selection_set_selected (self->document_selection,
                                     sigla_document_model_find (self->documents, document_id, &position)
                                     ? position : GTK_INVALID_LIST_POSITION);
}

static void
document_selected_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      SiglaWindow        *self)
{
  SiglaDocumentItem *item = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GError) error = NULL;

  if (item != NULL && sigla_document_item_get_id (item) != sigla_document_view_get_document (self->document_view) &&
      !sigla_window_show_document (self, sigla_document_item_get_id (item), &error))
    sigla_window_show_error (self, error);
}

/* While the list changes, its selection follows the rows, not the user: the
 * text is not changed to whatever row is selected meanwhile … */
static void
documents_changing_cb (SiglaWindow *self)
{
  g_signal_handlers_block_by_func (self->document_selection, document_selected_cb, self);
}

/* … and after, the row of the document shown is selected again. */
static void
documents_changed_cb (SiglaWindow *self)
{
  gint64 shown = sigla_document_view_get_document (self->document_view);

  g_signal_handlers_unblock_by_func (self->document_selection, document_selected_cb, self);
  _sigla_window_select_document_row (self, shown);
  gtk_stack_set_visible_child_name (self->content_stack, shown != 0 ? "document" : "empty");
}

/* The label of the entity @id, read once a search. */
static const char *
label_of (SiglaProject *project,
          GHashTable   *labels,
          gint64        id)
{
  SiglaEntity *entity;

  if (id == 0)
    return NULL;
  if (!g_hash_table_contains (labels, &id))
    g_hash_table_insert (labels, g_memdup2 (&id, sizeof id), sigla_entity_get (project, id, NULL));
  entity = g_hash_table_lookup (labels, &id);
  return entity != NULL ? entity->label : NULL;
}

/* A hit's row: the words in their context; below, the document and, if
 * the words are tagged, as what. */
static SiglaRow *
hit_row (SiglaWindow           *self,
         const SiglaOccurrence *hit,
         GHashTable            *titles,
         GHashTable            *labels)
{
  const char *title = g_hash_table_lookup (titles, &hit->document_id);
  g_autofree char *state = sigla_occurrence_describe (hit, label_of (self->project, labels, hit->mention_entity_id));
  g_autofree char *subtitle = state != NULL ? g_strdup_printf ("%s · %s", title, state) : g_strdup (title);
  SiglaRow *row = sigla_row_new (hit->document_id, hit->snippet, subtitle);

  sigla_row_set_span (row, hit->document_id, hit->start, hit->end);
  return row;
}

#define HIT_PAGE 50   /* documents a page of hits holds */

/* The next page of the search's hits, after those shown. */
static void
load_hits (SiglaWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) placed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) sigla_entity_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_documents = 0;

  if (self->project == NULL || self->hits_all)
    return;

  /* A query still being typed ("NOT" alone) finds nothing yet. */
  hits = sigla_search_page (self->project, query, self->hit_documents, HIT_PAGE, NULL);
  if (hits != NULL && (placed = sigla_occurrences_of_hits (self->project, hits, &error)) == NULL)
    sigla_window_show_error (self, error);
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    n_documents += i == 0 || ((SiglaSearchHit *) hits->pdata[i])->document_id !=
                             ((SiglaSearchHit *) hits->pdata[i - 1])->document_id;
  self->hit_documents += n_documents;
  self->hits_all = n_documents < HIT_PAGE;

  /* The titles of the page's documents alone: a long list is not read whole. */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint i = 0; hits != NULL && i < hits->len; i++)
      g_array_append_val (ids, ((SiglaSearchHit *) hits->pdata[i])->document_id);
    documents = sigla_document_list_some (self->project, (const gint64 *) (gpointer) ids->data, ids->len, NULL);
    for (guint i = 0; documents != NULL && i < documents->len; i++)
      g_hash_table_insert (titles, &((SiglaDocument *) documents->pdata[i])->id, ((SiglaDocument *) documents->pdata[i])->title);
  }
  for (guint i = 0; placed != NULL && i < placed->len; i++)
    g_ptr_array_add (rows, hit_row (self, placed->pdata[i], titles, labels));
  g_list_store_splice (self->hits, g_list_model_get_n_items (G_LIST_MODEL (self->hits)), 0, rows->pdata, rows->len);
}

/* Pages until there are rows enough to scroll, or no more: a page of
 * documents found by their titles alone gives no rows, and a list that
 * cannot scroll never reaches its end. */
static void
load_hit_rows (SiglaWindow *self)
{
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->hits));

  do
    load_hits (self);
  while (!self->hits_all && g_list_model_get_n_items (G_LIST_MODEL (self->hits)) < before + HIT_PAGE / 2);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   SiglaWindow    *self)
{
  g_list_store_remove_all (self->hits);
  self->hit_documents = 0;
  self->hits_all = FALSE;
  if (self->project == NULL || *gtk_editable_get_text (GTK_EDITABLE (entry)) == '\0')
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "documents");
      return;
    }

  load_hit_rows (self);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "hits");
}

/* More hits as the list is scrolled to its end. */
static void
hits_scrolled_cb (GtkScrolledWindow *scroller,
                  GtkPositionType    edge,
                  SiglaWindow       *self)
{
  if (edge == GTK_POS_BOTTOM)
    load_hit_rows (self);
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
  GListModel *documents;
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->documents = sigla_document_model_new ();
  documents = sigla_document_model_get_model (self->documents);
  /* Before the selection's own handler, and after it. */
  g_signal_connect_swapped (documents, "items-changed", G_CALLBACK (documents_changing_cb), self);
  self->document_selection = gtk_single_selection_new (g_object_ref (documents));
  g_signal_connect_object (documents, "items-changed", G_CALLBACK (documents_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_single_selection_set_autoselect (self->document_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->document_selection, FALSE);
  factory = sigla_row_factory_new_bound (document_property ("title"),
                                         gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 3,
                                                                      (GtkExpression *[]) {
                                                                        document_property ("date"),
                                                                        document_property ("sender"),
                                                                        document_property ("addressee") },
                                                                      G_CALLBACK (document_subtitle), NULL, NULL));
  gtk_list_view_set_factory (self->document_list, factory);
  gtk_list_view_set_model (self->document_list, GTK_SELECTION_MODEL (self->document_selection));
  g_signal_connect (self->document_selection, "notify::selected", G_CALLBACK (document_selected_cb), self);

  self->hits = sigla_row_list_attach (self->hit_list, TRUE);
  g_signal_connect (self->hit_list, "activate", G_CALLBACK (hit_activated_cb), self);
  g_signal_connect (gtk_widget_get_ancestor (GTK_WIDGET (self->hit_list), GTK_TYPE_SCROLLED_WINDOW), "edge-reached",
                    G_CALLBACK (hits_scrolled_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (search_stopped_cb), self);
}
