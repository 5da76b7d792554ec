/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-panels.c: the panels beside the text: the people, places, organisations and dates a
 * document names, and its claims. Each is a list view over a list model of the core, which
 * follows the project as it changes; the rows are bound to the items' properties, and each page
 * says how to fill it while it is empty. */

#define G_LOG_DOMAIN "sigla-panels"

#include <glib/gi18n.h>

#include "sigla-panels.h"

struct _SiglaPanels
{
  GObject           parent_instance;

  AdwViewStack     *stack;                 /* the pages, not owned: the window holds it */
  GtkListView      *lists[SIGLA_N_PANELS];
  SiglaEntityTally *entities;              /* people, places, organisations */
  SiglaDateModel   *dates;
  SiglaClaimModel  *claims;

  /* What the models are to list; the panel shown reads it at once, the
   * others when idle, one a turn, so that no frame waits for all three. */
  SiglaProject     *project;
  gint64            scope;
  gboolean          stale[3];              /* the entities, the dates, the claims */
  guint             fill_source;
};

G_DEFINE_FINAL_TYPE (SiglaPanels, sigla_panels, G_TYPE_OBJECT)

enum {
  ACTIVATED,
  FAILED,
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

/* -- what a row says ---------------------------------------------------------- */

/* "3 mentions · also Filippov, Koba" */
static char *
entity_subtitle (GObject            *item,
                 guint               count,
                 const char * const *aliases)
{
  g_autofree char *also = aliases != NULL && aliases[0] != NULL ? g_strjoinv (", ", (char **) aliases) : NULL;

  return also != NULL ? g_strdup_printf (ngettext ("%u mention · also %s", "%u mentions · also %s", count), count, also)
                      : g_strdup_printf (ngettext ("%u mention", "%u mentions", count), count);
}

static char *
date_title (GObject    *item,
            const char *when)
{
  return g_strdup (when != NULL ? when : "…");
}

/* "Mao Zedong asserts" */
static char *
claim_title (GObject    *item,
             const char *speaker,
             const char *stance)
{
  return g_strdup_printf ("%s %s", speaker != NULL ? speaker : _("Someone"), stance);
}

/* Its first words, quoted, and its paraphrase below them. */
static char *
claim_subtitle (GObject    *item,
                const char *words,
                gboolean    cut,
                const char *paraphrase)
{
  /* Translators: a claim's words in the Claims panel, and "…" when they go on */
  g_autofree char *quoted = g_strdup_printf (_("“%s%s”"), words != NULL ? words : "", cut ? "…" : "");

  return paraphrase != NULL ? g_strconcat (quoted, "\n", paraphrase, NULL) : g_steal_pointer (&quoted);
}

/* The property @name of the list item's item, of @type. */
static GtkExpression *
item_property (GType       type,
               const char *name)
{
  return gtk_property_expression_new (type, gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"), name);
}

static GtkExpression *
item_closure (GCallback callback,
              GType     type,
              guint     n_names,
              ...)
{
  GtkExpression *params[4];
  va_list names;

  va_start (names, n_names);
  for (guint i = 0; i < n_names; i++)
    params[i] = item_property (type, va_arg (names, const char *));
  va_end (names);
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, n_names, params, callback, NULL, NULL);
}

static GtkListItemFactory *
factory_new (SiglaPanel panel)
{
  switch (panel)
    {
    case SIGLA_PANEL_DATES:
      return sigla_row_factory_new_bound (item_closure (G_CALLBACK (date_title), SIGLA_TYPE_DATE_ITEM, 1, "when"),
                                          gtk_constant_expression_new (G_TYPE_STRING, NULL));
    case SIGLA_PANEL_CLAIMS:
      return sigla_row_factory_new_bound (item_closure (G_CALLBACK (claim_title), SIGLA_TYPE_CLAIM_ITEM, 2,
                                                        "speaker", "stance"),
                                          item_closure (G_CALLBACK (claim_subtitle), SIGLA_TYPE_CLAIM_ITEM, 3,
                                                        "words", "cut", "paraphrase"));
    default:
      return sigla_row_factory_new_bound (item_property (SIGLA_TYPE_ENTITY_ITEM, "label"),
                                          item_closure (G_CALLBACK (entity_subtitle), SIGLA_TYPE_ENTITY_ITEM, 2,
                                                        "count", "aliases"));
    }
}

/* -- the lists ---------------------------------------------------------------- */

static GListModel *
model_of (SiglaPanels *self,
          SiglaPanel   panel)
{
  switch (panel)
    {
    case SIGLA_PANEL_DATES:
      return sigla_date_model_get_model (self->dates);
    case SIGLA_PANEL_CLAIMS:
      return sigla_claim_model_get_model (self->claims);
    default:
      return sigla_entity_tally_get_model (self->entities, (SiglaKind) panel);
    }
}

/* The three models: the entities' (the first three panels), the dates', the claims'. */
static guint
model_index (SiglaPanel panel)
{
  return panel <= SIGLA_PANEL_ORGS ? 0 : panel == SIGLA_PANEL_DATES ? 1 : 2;
}

static gboolean
fill (SiglaPanels  *self,
      guint         model,
      GError      **error)
{
  if (!self->stale[model])
    return TRUE;
  self->stale[model] = FALSE;
  switch (model)
    {
    case 0:
      return sigla_entity_tally_set_scope (self->entities, self->project, self->scope, error);
    case 1:
      return sigla_date_model_set_scope (self->dates, self->project, self->scope, error);
    default:
      return sigla_claim_model_set_scope (self->claims, self->project, self->scope, error);
    }
}

static SiglaPanel
shown_panel (SiglaPanels *self)
{
  const char *shown = adw_view_stack_get_visible_child_name (self->stack);

  for (SiglaPanel p = 0; p < SIGLA_N_PANELS; p++)
    if (g_strcmp0 (shown, panel_pages[p].name) == 0)
      return p;
  return SIGLA_PANEL_PEOPLE;
}

/* The panels not shown, one a turn, after the frames between. */
static gboolean
fill_cb (gpointer user_data)
{
  SiglaPanels *self = user_data;
  g_autoptr(GError) error = NULL;

  for (guint m = 0; m < G_N_ELEMENTS (self->stale); m++)
    if (self->stale[m])
      {
        if (!fill (self, m, &error))
          g_signal_emit (self, signals[FAILED], 0, error);
        return G_SOURCE_CONTINUE;
      }
  self->fill_source = 0;
  return G_SOURCE_REMOVE;
}

/* A panel chosen before its turn is read at once. */
static void
panel_chosen_cb (SiglaPanels *self)
{
  g_autoptr(GError) error = NULL;

  if (!fill (self, model_index (shown_panel (self)), &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

/**
 * sigla_panels_show:
 * @project: (nullable): the project, or %NULL for empty panels
 * @document: the document shown, or 0
 * @whole: whether the panels count the whole project instead
 *
 * What the panels list: from now on, they follow the project's changes.
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
  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);

  g_set_object (&self->project, project);
  self->scope = project == NULL ? SIGLA_SCOPE_NONE
                : whole ? SIGLA_SCOPE_PROJECT : document != 0 ? document : SIGLA_SCOPE_NONE;
  for (guint m = 0; m < G_N_ELEMENTS (self->stale); m++)
    self->stale[m] = TRUE;
  if (self->fill_source == 0)
    self->fill_source = g_idle_add (fill_cb, self);
  return fill (self, model_index (shown_panel (self)), error);
}

GListModel *
sigla_panels_get_model (SiglaPanels *self,
                        SiglaPanel   panel)
{
  g_return_val_if_fail (SIGLA_IS_PANELS (self) && panel < SIGLA_N_PANELS, NULL);
  return model_of (self, panel);
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
  SiglaKind kind;
  guint position;

  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);

  if (!fill (self, 0, NULL) || !sigla_entity_tally_find (self->entities, entity_id, &kind, &position))
    return FALSE;
  adw_view_stack_set_visible_child_name (self->stack, panel_pages[kind].name);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->lists[kind])), position);
  return TRUE;
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
  g_return_val_if_fail (SIGLA_IS_PANELS (self), FALSE);
  return gtk_widget_grab_focus (GTK_WIDGET (self->lists[shown_panel (self)]));
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

/* A row opened: an entity by its id; a date or a claim, where it is too. */
static void
row_activated_cb (GtkListView *list,
                  guint        position,
                  SiglaPanels *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);

  for (SiglaPanel p = 0; p < SIGLA_N_PANELS; p++)
    if (self->lists[p] == list)
      {
        if (SIGLA_IS_DATE_ITEM (item))
          g_signal_emit (self, signals[ACTIVATED], 0, p, sigla_date_item_get_id (SIGLA_DATE_ITEM (item)),
                         sigla_date_item_get_document (SIGLA_DATE_ITEM (item)),
                         sigla_date_item_get_start (SIGLA_DATE_ITEM (item)),
                         sigla_date_item_get_end (SIGLA_DATE_ITEM (item)));
        else if (SIGLA_IS_CLAIM_ITEM (item))
          g_signal_emit (self, signals[ACTIVATED], 0, p, sigla_claim_item_get_id (SIGLA_CLAIM_ITEM (item)),
                         sigla_claim_item_get_document (SIGLA_CLAIM_ITEM (item)),
                         sigla_claim_item_get_start (SIGLA_CLAIM_ITEM (item)),
                         sigla_claim_item_get_end (SIGLA_CLAIM_ITEM (item)));
        else
          g_signal_emit (self, signals[ACTIVATED], 0, p, sigla_entity_item_get_id (SIGLA_ENTITY_ITEM (item)),
                         (gint64) 0, (gint64) 0, (gint64) 0);
      }
}

static void
add_page (SiglaPanels *self,
          SiglaPanel   panel)
{
  GtkListItemFactory *factory = factory_new (panel);
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (model_of (self, panel)));
  GtkWidget *list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *stack = gtk_stack_new ();
  AdwViewStackPage *page;

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(panel_pages[panel].list), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  self->lists[panel] = GTK_LIST_VIEW (list);
  g_signal_connect (list, "activate", G_CALLBACK (row_activated_cb), self);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), panel_pages[panel].icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _(panel_pages[panel].empty));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _(panel_pages[panel].how));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (stack), empty, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "empty");
  g_signal_connect_object (model_of (self, panel), "items-changed", G_CALLBACK (panel_items_changed_cb), stack, 0);

  page = adw_view_stack_add_titled (self->stack, stack, panel_pages[panel].name, _(panel_pages[panel].title));
  adw_view_stack_page_set_icon_name (page, panel_pages[panel].icon);
}

static void
failed_cb (SiglaPanels  *self,
           const GError *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
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
    }
  g_clear_handle_id (&self->fill_source, g_source_remove);
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  self->stack = NULL;
  g_clear_object (&self->entities);
  g_clear_object (&self->dates);
  g_clear_object (&self->claims);
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
   * @id: the entity's, the date's or the claim's
   * @document: where a date or a claim is, or 0 for an entity
   * @start: …
   * @end: …
   */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                     NULL, G_TYPE_NONE, 5, G_TYPE_INT, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64,
                                     G_TYPE_INT64);
  /**
   * SiglaPanels::failed:
   * @error: why a panel could not follow a change to the project
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sigla_panels_init (SiglaPanels *self)
{
  self->entities = sigla_entity_tally_new ();
  self->dates = sigla_date_model_new ();
  self->claims = sigla_claim_model_new ();
  g_signal_connect_swapped (self->entities, "failed", G_CALLBACK (failed_cb), self);
  g_signal_connect_swapped (self->dates, "failed", G_CALLBACK (failed_cb), self);
  g_signal_connect_swapped (self->claims, "failed", G_CALLBACK (failed_cb), self);
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
  g_signal_connect_swapped (stack, "notify::visible-child", G_CALLBACK (panel_chosen_cb), self);
  return self;
}
