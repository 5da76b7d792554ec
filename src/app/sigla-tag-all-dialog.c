/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tag-all-dialog.c: every place the texts give an entity's names, each in its context with
 * what stands there already, to tag at once. Those no mention has, or within a longer one, are
 * chosen; the others only if the user chooses them (Enter or a click on a row's box). The
 * tagging is one action; the dialog then says how many through "done", or why not through
 * "failed" and stays. */

#define G_LOG_DOMAIN "sigla-tag-all"

#include <glib/gi18n.h>
#include <string.h>

#include "sigla-a11y.h"
#include "sigla-tag-all-dialog.h"

/* -- one occurrence in the list ---------------------------------------------- */

#define SIGLA_TYPE_TAG_ALL_ITEM (sigla_tag_all_item_get_type ())
G_DECLARE_FINAL_TYPE (SiglaTagAllItem, sigla_tag_all_item, SIGLA, TAG_ALL_ITEM, GObject)

struct _SiglaTagAllItem
{
  GObject          parent_instance;
  SiglaOccurrence *occurrence;
  char            *title;      /* the words in their context */
  char            *subtitle;   /* where, and what stands there */
  gboolean         chosen;
};

enum { ITEM_PROP_0, ITEM_PROP_CHOSEN, ITEM_N_PROPS };
static GParamSpec *item_props[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (SiglaTagAllItem, sigla_tag_all_item, G_TYPE_OBJECT)

static void
sigla_tag_all_item_finalize (GObject *object)
{
  SiglaTagAllItem *self = SIGLA_TAG_ALL_ITEM (object);

  sigla_occurrence_free (self->occurrence);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (sigla_tag_all_item_parent_class)->finalize (object);
}

static void
sigla_tag_all_item_get_property (GObject    *object,
                                 guint       id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  g_value_set_boolean (value, SIGLA_TAG_ALL_ITEM (object)->chosen);
}

static void
sigla_tag_all_item_set_property (GObject      *object,
                                 guint         id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SiglaTagAllItem *self = SIGLA_TAG_ALL_ITEM (object);
  gboolean chosen = g_value_get_boolean (value) && self->occurrence->state != SIGLA_OCCURRENCE_TAGGED;

  if (chosen != self->chosen)
    {
      self->chosen = chosen;
      g_object_notify_by_pspec (object, item_props[ITEM_PROP_CHOSEN]);
    }
}

static void
sigla_tag_all_item_class_init (SiglaTagAllItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sigla_tag_all_item_finalize;
  object_class->get_property = sigla_tag_all_item_get_property;
  object_class->set_property = sigla_tag_all_item_set_property;
  item_props[ITEM_PROP_CHOSEN] = g_param_spec_boolean ("chosen", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_props);
}

static void
sigla_tag_all_item_init (SiglaTagAllItem *self)
{
}

/* -- the dialog --------------------------------------------------------------- */

struct _SiglaTagAllDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *tag_button;
  GtkToggleButton *everywhere_button;
  GtkToggleButton *here_button;
  GtkLabel        *summary_label;
  GtkStack        *stack;
  GtkListView     *list;
  AdwStatusPage   *empty_page;

  SiglaProject    *project;
  gint64           entity_id;
  GStrv            names;         /* the entity's, and the words it was opened on */
  gint64           document_id;   /* the document shown in the window, or 0 */
  GListStore      *items;
  guint            n_chosen;
};

enum { DONE, FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SiglaTagAllDialog, sigla_tag_all_dialog, ADW_TYPE_WINDOW)

static void
update_count (SiglaTagAllDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *label = NULL;

  self->n_chosen = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SiglaTagAllItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      self->n_chosen += item->chosen;
    }

  label = self->n_chosen > 0
          ? g_strdup_printf (ngettext ("_Tag %u", "_Tag %u", self->n_chosen), self->n_chosen)
          : g_strdup (_("_Tag"));
  gtk_button_set_label (self->tag_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_button), self->n_chosen > 0);
}

static SiglaTagAllItem *
item_new (SiglaOccurrence *occurrence,
          const char      *document_title,
          GHashTable      *labels)
{
  SiglaTagAllItem *item = g_object_new (SIGLA_TYPE_TAG_ALL_ITEM, NULL);
  g_autofree char *state = sigla_occurrence_describe (occurrence, g_hash_table_lookup (labels, &occurrence->mention_entity_id));
  g_autoptr(GString) subtitle = g_string_new (document_title);

  if (state != NULL)
    g_string_append_printf (subtitle, " · %s", state);
  if (occurrence->in_claim)
    g_string_append_printf (subtitle, " · %s", _("in a claim"));

  item->occurrence = occurrence;
  item->title = g_strdup (occurrence->snippet);
  item->subtitle = g_string_free (g_steal_pointer (&subtitle), FALSE);
  item->chosen = sigla_occurrence_is_proposed (occurrence);
  return item;
}

static gboolean
find (SiglaTagAllDialog  *self,
      GError            **error)
{
  gint64 scope = gtk_toggle_button_get_active (self->here_button) ? self->document_id : 0;
  g_autoptr(GPtrArray) found = sigla_occurrences_find (self->project, self->entity_id,
                                                      (const char * const *) self->names, scope, error);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) places = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *summary = NULL;

  if (found == NULL || (documents = sigla_document_list (self->project, error)) == NULL ||
      (entities = sigla_entity_list (self->project, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    g_hash_table_insert (titles, &((SiglaDocument *) documents->pdata[i])->id, ((SiglaDocument *) documents->pdata[i])->title);
  for (guint i = 0; i < entities->len; i++)
    g_hash_table_insert (labels, &((SiglaEntity *) entities->pdata[i])->id, ((SiglaEntity *) entities->pdata[i])->label);

  for (guint i = 0; i < found->len; i++)
    {
      SiglaOccurrence *occurrence = g_ptr_array_steal_index (found, i--);

      g_hash_table_add (places, &occurrence->document_id);
      g_ptr_array_add (items, item_new (occurrence, g_hash_table_lookup (titles, &occurrence->document_id), labels));
    }

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata, items->len);
  update_count (self);

  summary = g_strdup_printf (ngettext ("Named %u time in %u document.", "Named %u times in %u documents.", items->len),
                             items->len, g_hash_table_size (places));
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  return TRUE;
}

static void
scope_toggled_cb (GtkToggleButton   *button,
                  SiglaTagAllDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (gtk_toggle_button_get_active (button) && !find (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

static void
tag_clicked_cb (GtkButton         *button,
                SiglaTagAllDialog *self)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint tagged = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SiglaTagAllItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item->chosen)
        g_ptr_array_add (chosen, item->occurrence);
    }

  if (!sigla_occurrences_tag (self->project, self->entity_id, chosen, &tagged, &error))
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, tagged);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter on a row, or a double click: its box checked or not. */
static void
activate_cb (GtkListView       *list,
             guint              position,
             SiglaTagAllDialog *self)
{
  g_autoptr(SiglaTagAllItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  g_object_set (item, "chosen", !item->chosen, NULL);
}

/* -- rows ---------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_use_markup (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), labels);
  gtk_list_item_set_child (list_item, row);
}

/* The snippet with its occurrence's words in bold. */
static char *
title_markup (const SiglaTagAllItem *item)
{
  const char *words = item->occurrence->words;
  const char *at = strstr (item->title, words);
  g_autofree char *before = NULL;
  g_autofree char *bold = NULL;
  g_autofree char *after = NULL;

  if (at == NULL)
    return g_markup_escape_text (item->title, -1);
  before = g_markup_escape_text (item->title, at - item->title);
  bold = g_markup_escape_text (words, -1);
  after = g_markup_escape_text (at + strlen (words), -1);
  return g_strconcat (before, "<b>", bold, "</b>", after, NULL);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  SiglaTagAllItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_next_sibling (check));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *markup = title_markup (item);
  g_autofree char *name = g_strdup_printf (_("Tag “%s”: %s"), item->occurrence->words, item->subtitle);
  GBinding *binding = NULL;

  gtk_label_set_markup (GTK_LABEL (title), markup);
  gtk_label_set_text (GTK_LABEL (subtitle), item->subtitle);
  /* Words tagged already show checked, and stay so. */
  gtk_widget_set_sensitive (check, item->occurrence->state != SIGLA_OCCURRENCE_TAGGED);
  if (item->occurrence->state == SIGLA_OCCURRENCE_TAGGED)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  else
    {
      binding = g_object_bind_property (item, "chosen", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_set_data (G_OBJECT (list_item), "sigla-binding", binding);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  sigla_a11y_set_row (gtk_widget_get_parent (row), item->title, item->subtitle);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "sigla-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

/* -- the widget ------------------------------------------------------------------ */

static void
watch_items_cb (GListModel        *items,
                guint              position,
                guint              removed,
                guint              added,
                SiglaTagAllDialog *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_signal_connect_object (item, "notify::chosen", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
    }
}

static void
sigla_tag_all_dialog_dispose (GObject *object)
{
  SiglaTagAllDialog *self = SIGLA_TAG_ALL_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_object (&self->items);
  g_clear_pointer (&self->names, g_strfreev);
  G_OBJECT_CLASS (sigla_tag_all_dialog_parent_class)->dispose (object);
}

static void
sigla_tag_all_dialog_class_init (SiglaTagAllDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_tag_all_dialog_dispose;

  /**
   * SiglaTagAllDialog::done:
   * @tagged: how many mentions the one action added
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-tag-all-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, tag_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, everywhere_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, here_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, list);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagAllDialog, empty_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sigla_tag_all_dialog_init (SiglaTagAllDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (SIGLA_TYPE_TAG_ALL_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);

  g_signal_connect (self->items, "items-changed", G_CALLBACK (watch_items_cb), self);
  g_signal_connect (self->list, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect (self->tag_button, "clicked", G_CALLBACK (tag_clicked_cb), self);
  g_signal_connect (self->everywhere_button, "toggled", G_CALLBACK (scope_toggled_cb), self);
  g_signal_connect (self->here_button, "toggled", G_CALLBACK (scope_toggled_cb), self);
}

/**
 * sigla_tag_all_dialog_new:
 * @words: (nullable): words to look for besides the entity's names: those
 *   of the mention it was chosen by, which may be none of them ("Cde. F.")
 * @document_id: the document the window shows, for "This Document"; 0 for none
 *
 * Returns: (transfer none): the dialog, filled with the occurrences in all
 *   documents and not yet shown; %NULL with @error set if they could not be read
 */
SiglaTagAllDialog *
sigla_tag_all_dialog_new (GtkWindow     *parent,
                          SiglaProject  *project,
                          gint64         entity_id,
                          const char    *words,
                          gint64         document_id,
                          GError       **error)
{
  SiglaTagAllDialog *self = g_object_new (SIGLA_TYPE_TAG_ALL_DIALOG, "transient-for", parent, NULL);
  g_autoptr(SiglaEntity) entity = sigla_entity_get (project, entity_id, error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  self->project = g_object_ref (project);
  self->entity_id = entity_id;
  self->document_id = document_id;
  gtk_widget_set_sensitive (GTK_WIDGET (self->here_button), document_id != 0);
  if (entity != NULL)
    {
      g_strv_builder_add (names, entity->label);
      for (guint i = 0; i < entity->aliases->len; i++)
        g_strv_builder_add (names, ((SiglaAlias *) entity->aliases->pdata[i])->name);
      if (words != NULL)
        g_strv_builder_add (names, words);
      self->names = g_strv_builder_end (names);
    }
  if (entity == NULL || !find (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  adw_window_title_set_subtitle (self->window_title, entity->label);
  sigla_a11y_mend (GTK_WIDGET (self));
  return self;
}

/* How many occurrences are chosen to be tagged. */
guint
sigla_tag_all_dialog_get_n_chosen (SiglaTagAllDialog *self)
{
  g_return_val_if_fail (SIGLA_IS_TAG_ALL_DIALOG (self), 0);

  return self->n_chosen;
}
