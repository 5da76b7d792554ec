/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-panels.c: the panels beside the text: the people, places, organisations and dates a
 * document names, and its claims; their rows, kept up to date in place as mentions come and
 * go, and their pages, which say how to fill them while empty. */

#define G_LOG_DOMAIN "sigla-panels"

#include <glib/gi18n.h>

#include "sigla-export-text.h"
#include "sigla-panels.h"

struct _SiglaPanels
{
  GObject        parent_instance;

  AdwViewStack  *stack;                 /* the pages, not owned: the window holds it */
  GtkListView   *lists[SIGLA_N_PANELS];
  GListStore    *stores[SIGLA_N_PANELS];
  SiglaProject  *project;
  gint64         document;              /* what the panels count: a document, or 0 */
  gboolean       whole;                 /* … the whole project instead */
};

G_DEFINE_FINAL_TYPE (SiglaPanels, sigla_panels, G_TYPE_OBJECT)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static const struct
{
  const char *name;
  const char *title;
  const char *list;    /* the list's name, as a screen reader says it */
  const char *icon;
  const char *empty;   /* what an empty panel says, and how to fill it */
  const char *how;
} panel_pages[SIGLA_N_PANELS] = {
  { "people", N_("People"), N_("People"), "avatar-default-symbolic",
    N_("No People Tagged"), N_("Select a name in the text and press P") },
  { "places", N_("Places"), N_("Places"), "mark-location-symbolic",
    N_("No Places Tagged"), N_("Select a place name in the text and press L") },
  /* Translators: the organisations' tab, short like the header's "Org" button: a tab has
   * a fifth of the panel's width, and "Organisations" would be cut short */
  { "orgs", N_("Orgs"), N_("Organisations"), "network-workgroup-symbolic",
    N_("No Organisations Tagged"), N_("Select an organisation's name in the text and press O") },
  { "dates", N_("Dates"), N_("Dates"), "x-office-calendar-symbolic",
    N_("No Dates Tagged"), N_("Select a date in the text and press D") },
  { "claims", N_("Claims"), N_("Claims"), "chat-message-new-symbolic",
    N_("No Claims Recorded"), N_("Select what someone asserts in the text and press C") },
};

static char *
entity_names (const SiglaEntity *entity)
{
  GString *names = g_string_new ("");

  for (guint i = 0; i < entity->aliases->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", ((SiglaAlias *) entity->aliases->pdata[i])->name);

  return g_string_free (names, FALSE);
}

/* An entity's row: its name, how often it is named, its other names. */
static SiglaRow *
entity_row_new (const SiglaEntity *entity,
                guint              n)
{
  g_autofree char *aliases = entity_names (entity);
  g_autofree char *subtitle = *aliases != '\0'
    ? g_strdup_printf (ngettext ("%u mention · also %s", "%u mentions · also %s", n), n, aliases)
    : g_strdup_printf (ngettext ("%u mention", "%u mentions", n), n);
  SiglaRow *row = sigla_row_new (entity->id, entity->label, subtitle);

  sigla_row_set_count (row, n);
  return row;
}

static SiglaRow *
date_row_new (const SiglaMark *mark)
{
  SiglaRow *row = sigla_row_new (mark->id, mark->when != NULL ? mark->when : "…", NULL);

  sigla_row_set_span (row, mark->document_id, mark->start, mark->end);
  return row;
}

/* The panels' orders, as the project lists them: entities by name (SQLite's
 * NOCASE folds ASCII only), dates in text order. */
static int
compare_entity_rows (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  SiglaRow *x = (SiglaRow *) a, *y = (SiglaRow *) b;
  int order = g_ascii_strcasecmp (sigla_row_get_title (x), sigla_row_get_title (y));
  gint64 i = sigla_row_get_id (x), j = sigla_row_get_id (y);

  return order != 0 ? order : (i > j) - (i < j);
}

static int
compare_date_rows (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  SiglaRow *x = (SiglaRow *) a, *y = (SiglaRow *) b;
  gint64 keys[2][3] = {
    { sigla_row_get_document (x), sigla_row_get_start (x), sigla_row_get_id (x) },
    { sigla_row_get_document (y), sigla_row_get_start (y), sigla_row_get_id (y) },
  };

  for (guint k = 0; k < 3; k++)
    if (keys[0][k] != keys[1][k])
      return keys[0][k] < keys[1][k] ? -1 : 1;
  return 0;
}

/* How much of a claim's words its row shows. */
#define CLAIM_WORDS_SHOWN 80

/* A claim's row: who says it and how, its first words on one line, and
 * its paraphrase. The cursor reads each document once, the claims coming
 * in text order. */
static SiglaRow *
claim_row_new (const SiglaClaim  *claim,
               const char        *speaker,
               SiglaTextCursor   *cursor,
               GError           **error)
{
  gint64 end = MIN (claim->end, claim->start + CLAIM_WORDS_SHOWN);
  g_autofree char *words = sigla_text_cursor_slice (cursor, claim->document_id, claim->start, end, error);
  g_autofree char *title = g_strdup_printf ("%s %s", speaker != NULL ? speaker : _("Someone"), claim->stance);
  g_autofree char *subtitle = NULL;
  SiglaRow *row;

  if (words == NULL)
    return NULL;
  g_strstrip (g_strdelimit (words, "\r\n\t", ' '));
  /* Translators: a claim's words in the Claims panel, and "…" when they go on */
  subtitle = g_strdup_printf (_("“%s%s”"), words, end < claim->end ? "…" : "");
  if (claim->paraphrase != NULL)
    {
      g_autofree char *quoted = g_steal_pointer (&subtitle);
      g_autofree char *paraphrase = g_strdelimit (g_strdup (claim->paraphrase), "\r\n\t", ' ');

      subtitle = g_strconcat (quoted, "\n", paraphrase, NULL);
    }
  row = sigla_row_new (claim->id, title, subtitle);
  sigla_row_set_span (row, claim->document_id, claim->start, claim->end);
  return row;
}

/* The rows of every panel for one document (0: the whole project).
 * Mentions are counted in SQL: a panel need not read 50,000 of them to
 * show a number. */
static gboolean
fill_panels (SiglaPanels  *self,
             gint64        document,
             GPtrArray    *rows[SIGLA_N_PANELS],
             GError      **error)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(SiglaTextCursor) cursor = sigla_text_cursor_new (self->project);

  if ((counts = sigla_mention_count_by_entity (self->project, document, error)) == NULL ||
      (dates = sigla_mention_list_dates (self->project, document, error)) == NULL ||
      (claims = sigla_claim_list (self->project, document, error)) == NULL ||
      (entities = sigla_entity_list (self->project, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < dates->len; i++)
    {
      const SiglaMention *date = dates->pdata[i];
      const SiglaMark mark = { .id = date->id, .kind = SIGLA_KIND_DATE, .document_id = date->document_id,
                               .start = date->start, .end = date->end, .when = date->when };

      g_ptr_array_add (rows[SIGLA_PANEL_DATES], date_row_new (&mark));
    }

  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &entity->id));

      g_hash_table_insert (names, &entity->id, entity->label);
      if (n > 0)
        g_ptr_array_add (rows[entity->kind], entity_row_new (entity, n));
    }

  for (guint i = 0; i < claims->len; i++)
    {
      SiglaClaim *claim = claims->pdata[i];
      SiglaRow *row = claim_row_new (claim, g_hash_table_lookup (names, &claim->speaker_id), cursor, error);

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (rows[SIGLA_PANEL_CLAIMS], row);
    }
  return TRUE;
}

static gboolean
find_row (GListStore *store,
          gint64      id,
          guint      *position)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (sigla_row_get_id (row) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* A mention counted in its panel in place, @delta 1 when it came, -1 when
 * it went: rebuilding the panels after every tag or undo would hold the
 * window up for a tenth of a second on a large document. Returns FALSE if
 * the panels must be read again instead. */
static gboolean
count_mark (SiglaPanels     *self,
            const SiglaMark *mark,
            int              delta)
{
  GListStore *store;
  g_autoptr(SiglaEntity) entity = NULL;
  g_autoptr(GError) unread = NULL;
  g_autoptr(SiglaRow) row = NULL;
  guint position, n;

  if (mark->claim)
    return FALSE;

  store = self->stores[mark->kind];
  if (mark->kind == SIGLA_KIND_DATE)
    {
      if (delta < 0)
        {
          if (!find_row (store, mark->id, &position))
            return FALSE;
          g_list_store_remove (store, position);
          return TRUE;
        }
      row = date_row_new (mark);
      g_list_store_insert_sorted (store, row, compare_date_rows, NULL);
      return TRUE;
    }

  if (mark->entity_id == 0)
    return TRUE;

  if (find_row (store, mark->entity_id, &position))
    {
      g_autoptr(SiglaRow) shown = g_list_model_get_item (G_LIST_MODEL (store), position);

      n = sigla_row_get_count (shown);
    }
  else
    {
      n = 0;
      position = G_MAXUINT;
    }
  if ((int) n + delta < 0)
    return FALSE;
  n += delta;

  if (n == 0)
    {
      if (position != G_MAXUINT)
        g_list_store_remove (store, position);
      return TRUE;
    }

  /* Not found, or not read: the panels are read again, and say why. */
  entity = sigla_entity_get (self->project, mark->entity_id, &unread);
  if (entity == NULL)
    return FALSE;
  row = entity_row_new (entity, n);
  if (position != G_MAXUINT)
    g_list_store_splice (store, position, 1, (gpointer *) &row, 1);
  else
    g_list_store_insert_sorted (store, row, compare_entity_rows, NULL);
  return TRUE;
}


/**
 * sigla_panels_count:
 * @mark: a mention that came (@delta 1) or went (-1)
 *
 * Counts a mention in its panel in place: reading the panels again after
 * every tag or undo would hold the window up for a tenth of a second on a
 * large document.
 *
 * Returns: FALSE if the panels must be shown again instead
 */
gboolean
sigla_panels_count (SiglaPanels     *self,
                    const SiglaMark *mark,
                    int              delta)
{
  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);

  return self->project != NULL && count_mark (self, mark, delta);
}

/* Beyond this many changed mentions, reading the panels again costs less
 * than looking each one up among the shown marks. */
#define MAX_COUNTED_MARKS 64

/**
 * sigla_panels_count_changed:
 * @view: the text, which shows each mention as it was
 * @changed: (element-type SiglaMark): the mentions an undo or an editor
 *   changed (their id and claim only)
 *
 * Counts the changed mentions in place: each as the text showed it goes, as
 * it is now comes.
 *
 * Returns: FALSE if the panels must be shown again: a claim changed, the
 *   text is still being read, or a mention lies in a document the panels
 *   count but the text does not show
 */
gboolean
sigla_panels_count_changed (SiglaPanels       *self,
                            SiglaDocumentView *view,
                            GArray            *changed)
{
  gint64 document = sigla_document_view_get_document (view);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);

  if (self->project == NULL || document == 0 || changed->len > MAX_COUNTED_MARKS)
    return FALSE;

  for (guint i = 0; i < changed->len; i++)
    {
      const SiglaMark *mark = &g_array_index (changed, SiglaMark, i);
      const SiglaMark *was = NULL;
      g_auto(SiglaMark) now = { 0 };
      g_autoptr(GError) error = NULL;
      gboolean exists;

      if (mark->claim || !sigla_document_view_find_mark (view, FALSE, mark->id, &was))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) &mark->id))
        continue;

      exists = sigla_mark_get (self->project, FALSE, mark->id, &now, &error);
      if (!exists && !g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND))
        return FALSE;
      if (exists && now.document_id != document)
        {
          if (self->whole)
            return FALSE;
          exists = FALSE;
        }
      if (was == NULL && !exists && self->whole)
        return FALSE;

      if ((was != NULL && !count_mark (self, was, -1)) || (exists && !count_mark (self, &now, 1)))
        return FALSE;
    }

  return TRUE;
}

/* One splice per panel, of only the rows that changed: appending row by row
 * would tell the list view thousands of times that it changed, and replacing
 * them all would have it build every visible row again after each edit. */
static void
replace_rows (GListStore *store,
              GPtrArray  *rows)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint first = 0, last = 0;

  while (first < n_old && first < rows->len)
    {
      g_autoptr(SiglaRow) shown = g_list_model_get_item (model, first);

      if (!sigla_row_equal (shown, rows->pdata[first]))
        break;
      first++;
    }
  while (last < n_old - first && last < rows->len - first)
    {
      g_autoptr(SiglaRow) shown = g_list_model_get_item (model, n_old - 1 - last);

      if (!sigla_row_equal (shown, rows->pdata[rows->len - 1 - last]))
        break;
      last++;
    }

  if (n_old - first - last > 0 || rows->len - first - last > 0)
    g_list_store_splice (store, first, n_old - first - last, rows->pdata + first, rows->len - first - last);
}

/**
 * sigla_panels_show:
 * @project: (nullable): the project, or %NULL for empty panels
 * @document: the document shown, or 0
 * @whole: whether the panels count the whole project instead
 *
 * Reads the panels again: what the document names, and its claims.
 *
 * Returns: FALSE if the project could not be read; the panels are then empty
 */
gboolean
sigla_panels_show (SiglaPanels   *self,
                   SiglaProject  *project,
                   gint64         document,
                   gboolean       whole,
                   GError       **error)
{
  GPtrArray *rows[SIGLA_N_PANELS];
  gboolean read = TRUE;

  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);

  g_set_object (&self->project, project);
  self->document = document;
  self->whole = whole;

  for (guint p = 0; p < SIGLA_N_PANELS; p++)
    rows[p] = g_ptr_array_new_with_free_func (g_object_unref);
  if (project != NULL && (document != 0 || whole) && !fill_panels (self, whole ? 0 : document, rows, error))
    {
      for (guint p = 0; p < SIGLA_N_PANELS; p++)
        g_ptr_array_set_size (rows[p], 0);
      read = FALSE;
    }
  for (guint p = 0; p < SIGLA_N_PANELS; p++)
    {
      replace_rows (self->stores[p], rows[p]);
      g_ptr_array_unref (rows[p]);
    }
  return read;
}

GListModel *
sigla_panels_get_model (SiglaPanels *self,
                        SiglaPanel   panel)
{
  g_return_val_if_fail (SIGLA_IS_PANELS (self) && panel < SIGLA_N_PANELS, NULL);
  return G_LIST_MODEL (self->stores[panel]);
}

/**
 * sigla_panels_select_entity:
 *
 * Shows the panel of the entity @entity_id, its row selected.
 *
 * Returns: FALSE if no panel lists it
 */
gboolean
sigla_panels_select_entity (SiglaPanels *self,
                            gint64       entity_id)
{
  guint position;

  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);

  for (SiglaPanel p = 0; p < SIGLA_PANEL_DATES; p++)
    if (find_row (self->stores[p], entity_id, &position))
      {
        adw_view_stack_set_visible_child_name (self->stack, panel_pages[p].name);
        gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->lists[p])),
                                           position);
        return TRUE;
      }
  return FALSE;
}

/**
 * sigla_panels_focus:
 *
 * Puts the keyboard in the panel shown, on its row last focused.
 *
 * Returns: whether it took the focus
 */
gboolean
sigla_panels_focus (SiglaPanels *self)
{
  const char *shown;

  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);

  shown = adw_view_stack_get_visible_child_name (self->stack);
  for (SiglaPanel p = 0; p < SIGLA_N_PANELS; p++)
    if (g_strcmp0 (shown, panel_pages[p].name) == 0)
      return gtk_widget_grab_focus (GTK_WIDGET (self->lists[p]));
  return FALSE;
}

/* -- pages ---------------------------------------------------------------- */

/* An empty panel says so, and how to fill it, instead of staying blank. */
static void
panel_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GtkStack   *stack)
{
  gtk_stack_set_visible_child_name (stack, g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

static void
row_activated_cb (GtkListView *list,
                  guint        position,
                  SiglaPanels *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(SiglaRow) row = g_list_model_get_item (model, position);

  for (SiglaPanel p = 0; p < SIGLA_N_PANELS; p++)
    if (self->lists[p] == list)
      g_signal_emit (self, signals[ACTIVATED], 0, p, row);
}

static void
add_page (SiglaPanels *self,
          SiglaPanel   panel)
{
  GtkWidget *list = gtk_list_view_new (NULL, NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *stack = gtk_stack_new ();
  AdwViewStackPage *page;

  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(panel_pages[panel].list), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  self->lists[panel] = GTK_LIST_VIEW (list);
  self->stores[panel] = sigla_row_list_attach (GTK_LIST_VIEW (list), TRUE);
  g_signal_connect (list, "activate", G_CALLBACK (row_activated_cb), self);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), panel_pages[panel].icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _(panel_pages[panel].empty));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _(panel_pages[panel].how));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (stack), empty, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "empty");
  g_signal_connect_object (self->stores[panel], "items-changed", G_CALLBACK (panel_items_changed_cb), stack, 0);

  page = adw_view_stack_add_titled (self->stack, stack, panel_pages[panel].name, _(panel_pages[panel].title));
  adw_view_stack_page_set_icon_name (page, panel_pages[panel].icon);
}

static void
sigla_panels_dispose (GObject *object)
{
  SiglaPanels *self = SIGLA_PANELS (object);

  for (SiglaPanel p = 0; p < SIGLA_N_PANELS; p++)
    {
      if (self->lists[p] != NULL)
        g_signal_handlers_disconnect_by_data (self->lists[p], self);
      self->lists[p] = NULL;
      g_clear_object (&self->stores[p]);
    }
  g_clear_object (&self->project);

  G_OBJECT_CLASS (sigla_panels_parent_class)->dispose (object);
}

static void
sigla_panels_class_init (SiglaPanelsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sigla_panels_dispose;

  /**
   * SiglaPanels::activated:
   * @panel: the #SiglaPanel
   * @row: the #SiglaRow: an entity, a date or a claim
   */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 2, G_TYPE_INT, SIGLA_TYPE_ROW);
}

static void
sigla_panels_init (SiglaPanels *self)
{
}

/**
 * sigla_panels_new:
 * @stack: the view stack the panels' pages are added to
 */
SiglaPanels *
sigla_panels_new (AdwViewStack *stack)
{
  SiglaPanels *self = g_object_new (SIGLA_TYPE_PANELS, NULL);

  self->stack = stack;
  for (SiglaPanel p = 0; p < SIGLA_N_PANELS; p++)
    add_page (self, p);
  return self;
}
