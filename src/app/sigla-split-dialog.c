/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-split-dialog.c: one entity made two, the counterpart of a merge. The entity's mentions
 * are offered by their words ("Filippov", 10 mentions in 5 documents), and its other names;
 * those checked go to a new entity of the same kind, named in the entry (the first words
 * checked, unless the user names it), as one action. "done" gives the new entity's id;
 * "failed" says why not, and the dialog stays. */

#define G_LOG_DOMAIN "sigla-split"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-split-dialog.h"

struct _SiglaSplitDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *split_button;
  AdwEntryRow          *name_row;
  AdwPreferencesGroup  *aliases_group;
  GtkListBox           *words_list;
  GtkListBox           *aliases_list;

  SiglaProject         *project;
  gint64                entity_id;
  GPtrArray            *words;        /* SiglaEntityWords, in the rows' order */
  GPtrArray            *word_checks;  /* GtkCheckButton, one a row */
  GPtrArray            *alias_checks; /* GtkCheckButton, named after its alias */
  gboolean              named;        /* the user typed the name */
};

enum { DONE, FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SiglaSplitDialog, sigla_split_dialog, ADW_TYPE_WINDOW)

static gboolean
any_checked (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (checks->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
update_button (SiglaSplitDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->split_button),
                            *name != '\0' && (any_checked (self->word_checks) || any_checked (self->alias_checks)));
}

static void
name_changed_cb (SiglaSplitDialog *self)
{
  self->named = TRUE;
  update_button (self);
}

/* The first words checked name the new entity, until the user names it. */
static void
word_toggled_cb (GtkCheckButton   *check,
                 SiglaSplitDialog *self)
{
  guint index;

  if (!self->named && gtk_check_button_get_active (check) &&
      g_ptr_array_find (self->word_checks, check, &index))
    {
      const SiglaEntityWords *words = self->words->pdata[index];

      g_signal_handlers_block_by_func (self->name_row, name_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), words->words);
      g_signal_handlers_unblock_by_func (self->name_row, name_changed_cb, self);
    }
  /* Words that are one of the other names take that name along. */
  if (gtk_check_button_get_active (check) && g_ptr_array_find (self->word_checks, check, &index))
    {
      g_autofree char *key = g_utf8_casefold (((SiglaEntityWords *) self->words->pdata[index])->words, -1);

      for (guint i = 0; i < self->alias_checks->len; i++)
        {
          g_autofree char *alias = g_utf8_casefold (g_object_get_data (self->alias_checks->pdata[i], "sigla-alias"), -1);

          if (g_str_equal (alias, key))
            gtk_check_button_set_active (self->alias_checks->pdata[i], TRUE);
        }
    }
  update_button (self);
}

static GtkCheckButton *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (list, row);
  return GTK_CHECK_BUTTON (check);
}

static void
split_clicked_cb (SiglaSplitDialog *self)
{
  g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) aliases = NULL;
  g_autoptr(GError) error = NULL;
  gint64 new_id = 0;

  for (guint i = 0; i < self->word_checks->len; i++)
    if (gtk_check_button_get_active (self->word_checks->pdata[i]))
      {
        GArray *ids = ((SiglaEntityWords *) self->words->pdata[i])->mention_ids;

        g_array_append_vals (mentions, ids->data, ids->len);
      }
  for (guint i = 0; i < self->alias_checks->len; i++)
    if (gtk_check_button_get_active (self->alias_checks->pdata[i]))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (self->alias_checks->pdata[i]), "sigla-alias"));
  aliases = g_strv_builder_end (builder);

  if (!sigla_entity_split (self->project, self->entity_id, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                           mentions, (const char * const *) aliases, &new_id, &error))
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  g_signal_emit (self, signals[DONE], 0, new_id, mentions->len);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sigla_split_dialog_dispose (GObject *object)
{
  SiglaSplitDialog *self = SIGLA_SPLIT_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_clear_pointer (&self->word_checks, g_ptr_array_unref);
  g_clear_pointer (&self->alias_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (sigla_split_dialog_parent_class)->dispose (object);
}

static void
sigla_split_dialog_class_init (SiglaSplitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_split_dialog_dispose;

  /**
   * SiglaSplitDialog::done:
   * @new_id: the new entity
   * @n_mentions: how many mentions went to it
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-split-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaSplitDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SiglaSplitDialog, split_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaSplitDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaSplitDialog, aliases_group);
  gtk_widget_class_bind_template_child (widget_class, SiglaSplitDialog, words_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaSplitDialog, aliases_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sigla_split_dialog_init (SiglaSplitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->word_checks = g_ptr_array_new ();
  self->alias_checks = g_ptr_array_new ();
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->split_button, "clicked", G_CALLBACK (split_clicked_cb), self);
}

/**
 * sigla_split_dialog_new:
 *
 * Returns: (transfer none): the dialog, filled and not yet shown; %NULL
 *   with @error set if the entity could not be read
 */
SiglaSplitDialog *
sigla_split_dialog_new (GtkWindow     *parent,
                        SiglaProject  *project,
                        gint64         entity_id,
                        GError       **error)
{
  SiglaSplitDialog *self = g_object_new (SIGLA_TYPE_SPLIT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(SiglaEntity) entity = sigla_entity_get (project, entity_id, error);

  self->project = g_object_ref (project);
  self->entity_id = entity_id;
  if (entity == NULL || (self->words = sigla_entity_list_words (project, entity_id, error)) == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  adw_window_title_set_subtitle (self->window_title, entity->label);
  for (guint i = 0; i < self->words->len; i++)
    {
      const SiglaEntityWords *words = self->words->pdata[i];
      g_autofree char *where = g_strdup_printf (ngettext ("%u mention in %u document", "%u mentions in %u documents",
                                                          words->mention_ids->len),
                                                words->mention_ids->len, words->n_documents);
      GtkCheckButton *check = add_row (self->words_list, words->words, where);

      g_signal_connect (check, "toggled", G_CALLBACK (word_toggled_cb), self);
      g_ptr_array_add (self->word_checks, check);
    }
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];
      GtkCheckButton *check = add_row (self->aliases_list, alias->name, alias->type);

      g_object_set_data_full (G_OBJECT (check), "sigla-alias", g_strdup (alias->name), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_button), self);
      g_ptr_array_add (self->alias_checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_group), entity->aliases->len > 0);
  self->named = FALSE;

  sigla_a11y_mend (GTK_WIDGET (self));
  return self;
}
