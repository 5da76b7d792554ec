/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-claim-editor.c: edits one claim in place: speaker, reporter, stance, certainty,
 * subjects, paraphrase and note. */

#define G_LOG_DOMAIN "sigla-claim-editor"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-claim-editor.h"

static const char * const certainties[] = { "high", "medium", "low" };

struct _SiglaClaimEditor
{
  GtkWidget     parent_instance;

  GtkButton    *back_button;
  GtkLabel     *title;
  GtkLabel     *quote;
  AdwComboRow  *speaker_row;
  AdwComboRow  *reporter_row;
  AdwComboRow  *stance_row;
  AdwComboRow  *certainty_row;
  AdwEntryRow  *about_row;
  GtkTextView  *paraphrase_view;
  GtkButton    *paraphrase_apply;
  GtkTextView  *note_view;
  GtkButton    *note_apply;
  GtkButton    *delete_button;

  SiglaProject *project;
  SiglaClaim   *claim;
  GPtrArray    *people;      /* SiglaEntity: persons and organisations, who may speak */
  GPtrArray    *entities;    /* every SiglaEntity, for the subjects */
  gboolean      filling;     /* the rows are being set from the claim, not by the user */
};

G_DEFINE_FINAL_TYPE (SiglaClaimEditor, sigla_claim_editor, GTK_TYPE_WIDGET)

enum {
  DONE,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Position in @people of @id, counting from 1 when "none" comes first. */
static guint
position_of (GPtrArray *people,
             gint64     id,
             guint      offset)
{
  for (guint i = 0; i < people->len; i++)
    if (((SiglaEntity *) people->pdata[i])->id == id)
      return i + offset;
  return 0;
}

static gint64
id_at (GPtrArray *people,
       guint      position,
       guint      offset)
{
  if (position < offset || position - offset >= people->len)
    return 0;
  return ((SiglaEntity *) people->pdata[position - offset])->id;
}

static char *
format_about (SiglaClaimEditor *self)
{
  GString *names = g_string_new ("");

  for (guint i = 0; i < self->claim->about->len; i++)
    for (guint k = 0; k < self->entities->len; k++)
      {
        SiglaEntity *entity = self->entities->pdata[k];

        if (entity->id == g_array_index (self->claim->about, gint64, i))
          g_string_append_printf (names, "%s%s", names->len > 0 ? "; " : "", entity->label);
      }

  return g_string_free (names, FALSE);
}

/* Names typed for the subjects, each an entity's name or one of its aliases. */
static gboolean
parse_about (SiglaClaimEditor  *self,
             const char        *text,
             GArray            *about,
             GError           **error)
{
  g_auto(GStrv) names = g_strsplit (text, ";", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      gint64 found = 0;

      if (*name == '\0')
        continue;
      for (guint k = 0; k < self->entities->len && found == 0; k++)
        {
          SiglaEntity *entity = self->entities->pdata[k];

          if (g_utf8_collate (entity->label, name) == 0)
            found = entity->id;
          for (guint a = 0; a < entity->aliases->len && found == 0; a++)
            if (g_utf8_collate (((SiglaAlias *) entity->aliases->pdata[a])->name, name) == 0)
              found = entity->id;
        }
      if (found == 0)
        {
          g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                       _("No person, place or organisation is called “%s”: tag it first, then name it here"),
                       name);
          return FALSE;
        }
      g_array_append_val (about, found);
    }

  return TRUE;
}

/* A text view's text, or NULL when it is empty. */
static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_iter_equal (&start, &end) ? NULL : gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Shows @text as saved, with no Apply button. The same text as shown is
 * left alone, and the cursor where it was: the editor is filled again after
 * each change to the project. */
static void
set_text (GtkTextView *view,
          const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *shown = dup_text (view);

  if (g_strcmp0 (shown, text) != 0)
    gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_set_modified (buffer, FALSE);
}

static void fill (SiglaClaimEditor *self);

/* Saves the claim as the rows now say, as one action. */
static void
save (SiglaClaimEditor *self)
{
  const char * const *stances = sigla_claim_get_stances ();
  g_autoptr(GArray) about = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  SiglaClaim *claim = self->claim;
  guint certainty = adw_combo_row_get_selected (self->certainty_row);

  if (self->filling || claim == NULL)
    return;

  /* A subject refused is the user's to mend: it is not tried again. */
  if (!parse_about (self, gtk_editable_get_text (GTK_EDITABLE (self->about_row)), about, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  claim->speaker_id = id_at (self->people, adw_combo_row_get_selected (self->speaker_row), 1);
  claim->reporter_id = id_at (self->people, adw_combo_row_get_selected (self->reporter_row), 1);
  g_free (claim->stance);
  claim->stance = g_strdup (stances[adw_combo_row_get_selected (self->stance_row)]);
  g_free (claim->certainty);
  claim->certainty = certainty > 0 ? g_strdup (certainties[certainty - 1]) : NULL;
  g_array_set_size (claim->about, 0);
  g_array_append_vals (claim->about, about->data, about->len);
  g_free (claim->paraphrase);
  claim->paraphrase = dup_text (self->paraphrase_view);
  g_free (claim->note);
  claim->note = dup_text (self->note_view);

  /* A file that refused the write leaves the rows as set, marked as not
   * saved, to be tried again; a claim refused or gone is not. */
  if (!sigla_claim_update (self->project, claim, &error))
    {
      if (sigla_error_is_write_failure (error))
        gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_text_buffer_set_modified (gtk_text_view_get_buffer (self->paraphrase_view), FALSE);
  gtk_text_buffer_set_modified (gtk_text_view_get_buffer (self->note_view), FALSE);
}

static GtkStringList *
names_of (GPtrArray  *entities,
          const char *first)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (names, first);
  for (guint i = 0; i < entities->len; i++)
    gtk_string_list_append (names, ((SiglaEntity *) entities->pdata[i])->label);
  return names;
}

static void
fill (SiglaClaimEditor *self)
{
  const char * const *stances = sigla_claim_get_stances ();
  const SiglaClaim *claim = self->claim;
  g_autofree char *about = format_about (self);
  guint stance = 0, certainty = 0;

  self->filling = TRUE;
  /* "Nobody" first: a claim may have no known speaker, and must not get one by chance. */
  adw_combo_row_set_model (self->speaker_row, G_LIST_MODEL (names_of (self->people, _("Nobody known"))));
  adw_combo_row_set_model (self->reporter_row, G_LIST_MODEL (names_of (self->people, _("Nobody"))));
  adw_combo_row_set_selected (self->speaker_row, position_of (self->people, claim->speaker_id, 1));
  adw_combo_row_set_selected (self->reporter_row, position_of (self->people, claim->reporter_id, 1));

  for (guint i = 0; stances[i] != NULL; i++)
    if (g_strcmp0 (stances[i], claim->stance) == 0)
      stance = i;
  adw_combo_row_set_selected (self->stance_row, stance);
  for (guint i = 0; i < G_N_ELEMENTS (certainties); i++)
    if (g_strcmp0 (certainties[i], claim->certainty) == 0)
      certainty = i + 1;
  adw_combo_row_set_selected (self->certainty_row, certainty);

  gtk_editable_set_text (GTK_EDITABLE (self->about_row), about);
  set_text (self->paraphrase_view, claim->paraphrase);
  set_text (self->note_view, claim->note);
  self->filling = FALSE;
}

/* A text edited shows its Apply button until it is saved. */
static void
modified_changed_cb (GtkTextBuffer *buffer,
                     GtkWidget     *apply)
{
  gtk_widget_set_visible (apply, gtk_text_buffer_get_modified (buffer));
}

static void
apply_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  save (SIGLA_CLAIM_EDITOR (widget));
}

static void
choose_cb (GSimpleAction *action,
           GVariant      *parameter,
           AdwComboRow   *row)
{
  adw_combo_row_set_selected (row, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "position")));
}

/* GTK 4.8 gives AT-SPI no way to choose in a combo row but by keys: each
 * choice is an action without parameter, which its Action interface offers
 * ("choose.refuses"). */
static void
add_choices (AdwComboRow        *row,
             const char * const *names)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], NULL);

      g_object_set_data (G_OBJECT (action), "position", GUINT_TO_POINTER (i));
      g_signal_connect_object (action, "activate", G_CALLBACK (choose_cb), row, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (row), "choose", G_ACTION_GROUP (group));
}

static void
delete_clicked_cb (GtkButton        *button,
                   SiglaClaimEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_claim_delete (self->project, self->claim->id, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
  else
    g_signal_emit (self, signals[DONE], 0);
}

static void
back_clicked_cb (GtkButton        *button,
                 SiglaClaimEditor *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
sigla_claim_editor_dispose (GObject *object)
{
  SiglaClaimEditor *self = SIGLA_CLAIM_EDITOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_CLAIM_EDITOR);
  /* The template's outer box is not a bound child: it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->claim, sigla_claim_free);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);

  G_OBJECT_CLASS (sigla_claim_editor_parent_class)->dispose (object);
}

static void
sigla_claim_editor_class_init (SiglaClaimEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_claim_editor_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-claim-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, title);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, quote);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, speaker_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, reporter_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, stance_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, certainty_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, about_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, paraphrase_view);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, paraphrase_apply);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, note_apply);
  gtk_widget_class_bind_template_child (widget_class, SiglaClaimEditor, delete_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "claim.apply", NULL, apply_action);
}

static void
sigla_claim_editor_init (SiglaClaimEditor *self)
{
  const char *certainty_names[] = { N_("Not given"), N_("High"), N_("Medium"), N_("Low"), NULL };
  const char *certainty_choices[] = { "not-given", "high", "medium", "low", NULL };
  g_autoptr(GtkStringList) certainty_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  sigla_a11y_mend (GTK_WIDGET (self));

  for (guint i = 0; certainty_names[i] != NULL; i++)
    gtk_string_list_append (certainty_model, _(certainty_names[i]));
  adw_combo_row_set_model (self->certainty_row, G_LIST_MODEL (certainty_model));
  adw_combo_row_set_model (self->stance_row,
                           G_LIST_MODEL (gtk_string_list_new ((const char * const *) sigla_claim_get_stances ())));
  add_choices (self->stance_row, sigla_claim_get_stances ());
  add_choices (self->certainty_row, certainty_choices);

  g_signal_connect_swapped (self->speaker_row, "notify::selected", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->reporter_row, "notify::selected", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->stance_row, "notify::selected", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->certainty_row, "notify::selected", G_CALLBACK (save), self);
  g_signal_connect_swapped (self->about_row, "apply", G_CALLBACK (save), self);
  g_signal_connect (gtk_text_view_get_buffer (self->paraphrase_view), "modified-changed",
                    G_CALLBACK (modified_changed_cb), self->paraphrase_apply);
  g_signal_connect (gtk_text_view_get_buffer (self->note_view), "modified-changed",
                    G_CALLBACK (modified_changed_cb), self->note_apply);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_signal_connect (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
}

gboolean
sigla_claim_editor_show (SiglaClaimEditor  *self,
                         SiglaProject      *project,
                         gint64             claim_id,
                         gint64             document_id,
                         GError           **error)
{
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autofree char *words = NULL;
  SiglaClaim *found = NULL;

  /* An edit the file refused stays as set while the window tries again:
   * the rows, and the lists their choices index, are kept. */
  if (sigla_claim_editor_is_unsaved (self) && project == self->project && claim_id == sigla_claim_editor_get_claim (self))
    return TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  claims = sigla_claim_list (project, document_id, error);

  for (guint i = 0; claims != NULL && i < claims->len && found == NULL; i++)
    if (((SiglaClaim *) claims->pdata[i])->id == claim_id)
      found = g_ptr_array_steal_index (claims, i);
  if (found == NULL)
    {
      if (claims != NULL)
        g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("The claim is no longer there"));
      return FALSE;
    }

  g_set_object (&self->project, project);
  g_clear_pointer (&self->claim, sigla_claim_free);
  self->claim = found;
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  self->entities = sigla_entity_list (project, error);
  if (self->entities == NULL)
    return FALSE;
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = g_ptr_array_new ();
  for (guint i = 0; i < self->entities->len; i++)
    if (((SiglaEntity *) self->entities->pdata[i])->kind != SIGLA_KIND_PLACE)
      g_ptr_array_add (self->people, self->entities->pdata[i]);

  document = sigla_document_get (project, document_id, error);
  if (document == NULL)
    return FALSE;
  words = g_utf8_substring (document->text, found->start, found->end);
  gtk_label_set_text (self->quote, words);
  fill (self);
  return TRUE;
}

gint64
sigla_claim_editor_get_claim (SiglaClaimEditor *self)
{
  g_return_val_if_fail (SIGLA_IS_CLAIM_EDITOR (self), 0);
  return self->claim != NULL ? self->claim->id : 0;
}

/* Whether the rows hold an edit the file refused: shown as not saved. */
gboolean
sigla_claim_editor_is_unsaved (SiglaClaimEditor *self)
{
  g_return_val_if_fail (SIGLA_IS_CLAIM_EDITOR (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self), "error");
}

/**
 * sigla_claim_editor_save:
 *
 * Saves the rows as they are; "failed" says why not.
 *
 * Returns: whether they are saved now
 */
gboolean
sigla_claim_editor_save (SiglaClaimEditor *self)
{
  g_return_val_if_fail (SIGLA_IS_CLAIM_EDITOR (self), FALSE);

  save (self);
  return !sigla_claim_editor_is_unsaved (self);
}

/**
 * sigla_claim_editor_focus:
 *
 * Puts the keyboard in the editor, on its stance, what is most often set.
 */
void
sigla_claim_editor_focus (SiglaClaimEditor *self)
{
  g_return_if_fail (SIGLA_IS_CLAIM_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->stance_row));
}
