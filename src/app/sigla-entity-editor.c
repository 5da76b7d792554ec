/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-editor.c: edits one person, place or organisation in place: names, links,
 * coordinates, note; lists where the document names it; merges and deletes. */

#define G_LOG_DOMAIN "sigla-entity-editor"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-entity-editor.h"
#include "sigla-entity-evidence.h"

#define CONTEXT_CHARS 40   /* code points either side of a mention in the list */

struct _SiglaEntityEditor
{
  GtkWidget             parent_instance;

  GtkButton            *back_button;
  GtkLabel             *title;
  AdwEntryRow          *name_row;
  AdwEntryRow          *aliases_row;
  SiglaEntityEvidence  *evidence;
  AdwEntryRow          *authorities_row;
  AdwActionRow         *open_link_row;
  AdwPreferencesGroup  *geo_group;
  AdwEntryRow          *geo_row;
  AdwEntryRow          *note_row;
  GtkListBox           *mention_list;
  GtkMenuButton        *merge_button;
  GtkListBox           *merge_list;
  GtkButton            *delete_button;

  SiglaProject         *project;
  SiglaEntity          *entity;
  gint64                document_id;
};

G_DEFINE_FINAL_TYPE (SiglaEntityEditor, sigla_entity_editor, GTK_TYPE_WIDGET)

enum {
  DONE,
  JUMP,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fail (SiglaEntityEditor *self,
      GError            *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* "Filippov (pseudonym); Stalin, I.V. (variant)": names with their type. */
static char *
format_aliases (const SiglaEntity *entity)
{
  GString *text = g_string_new ("");

  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];

      g_string_append_printf (text, "%s%s (%s)", i > 0 ? "; " : "", alias->name, alias->type);
    }

  return g_string_free (text, FALSE);
}

/* The names as typed; a name kept keeps its note and who says it is one. */
static void
parse_aliases (SiglaEntity *entity,
               const char  *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(SiglaEntity) previous = sigla_entity_new (entity->kind, NULL);
  GPtrArray *before = entity->aliases;

  /* The old names go with @previous. */
  entity->aliases = previous->aliases;
  previous->aliases = before;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);
      char *open = strrchr (name, '(');
      g_autofree char *type = NULL;

      if (open != NULL && g_str_has_suffix (name, ")") && open > name)
        {
          type = g_strndup (open + 1, strlen (open + 1) - 1);
          *open = '\0';
          g_strstrip (name);
        }
      if (*name != '\0')
        {
          SiglaAlias *alias = sigla_entity_add_alias (entity, name, type);

          for (guint k = 0; k < before->len; k++)
            {
              SiglaAlias *old = before->pdata[k];

              if (g_str_equal (old->name, name))
                {
                  alias->note = g_steal_pointer (&old->note);
                  sigla_evidence_copy (&alias->evidence, &old->evidence);
                  g_ptr_array_remove_index (before, k);
                  break;
                }
            }
        }
    }
}

/* A field showing what is saved: no Apply button until the user edits it.
 * AdwEntryRow counts any new text as an edit; hiding its button forgets it. */
static void
set_field (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

static void
fill_fields (SiglaEntityEditor *self)
{
  const SiglaEntity *entity = self->entity;
  g_autofree char *aliases = format_aliases (entity);
  g_autoptr(GString) authorities = g_string_new ("");
  g_autofree char *geo = NULL;

  for (guint i = 0; i < entity->authorities->len; i++)
    g_string_append_printf (authorities, "%s%s", i > 0 ? " " : "", (const char *) entity->authorities->pdata[i]);

  if (entity->has_geo)
    {
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      geo = g_strdup_printf ("%s %s", g_ascii_formatd (lat, sizeof lat, "%.6g", entity->lat),
                             g_ascii_formatd (lon, sizeof lon, "%.6g", entity->lon));
    }

  gtk_label_set_text (self->title, entity->label);
  set_field (self->name_row, entity->label);
  set_field (self->aliases_row, aliases);
  set_field (self->authorities_row, authorities->str);
  gtk_widget_set_visible (GTK_WIDGET (self->open_link_row), entity->authorities->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->geo_group), entity->kind == SIGLA_KIND_PLACE);
  set_field (self->geo_row, geo != NULL ? geo : "");
  set_field (self->note_row, entity->note != NULL ? entity->note : "");
}

/* Saves the entity as the fields now say, as one action. */
static void
save (SiglaEntityEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaEntity) edited = sigla_entity_get (self->project, self->entity->id, &error);
  const char *geo = gtk_editable_get_text (GTK_EDITABLE (self->geo_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  g_auto(GStrv) uris = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->authorities_row)), " \t", -1);

  /* Gone (an undo, another program): there is nothing left to save into. */
  if (edited == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      fail (self, error);
      return;
    }

  g_free (edited->label);
  edited->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  parse_aliases (edited, gtk_editable_get_text (GTK_EDITABLE (self->aliases_row)));
  g_ptr_array_set_size (edited->authorities, 0);
  for (guint i = 0; uris[i] != NULL; i++)
    if (*uris[i] != '\0')
      g_ptr_array_add (edited->authorities, g_strdup (uris[i]));
  g_free (edited->note);
  edited->note = *note != '\0' ? g_strdup (note) : NULL;

  edited->has_geo = FALSE;
  if (*geo != '\0')
    {
      char *end = NULL;

      edited->lat = g_ascii_strtod (geo, &end);
      edited->lon = end != NULL ? g_ascii_strtod (end, &end) : 0;
      edited->has_geo = TRUE;
    }

  if (!sigla_entity_update (self->project, edited, &error))
    {
      /* A file that refused the write keeps the fields as typed, marked as
       * not saved, for Apply to try again; a value refused goes back. */
      if (sigla_error_is_write_failure (error))
        gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
          fill_fields (self);
        }
      fail (self, error);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  sigla_entity_free (self->entity);
  self->entity = g_steal_pointer (&edited);
  fill_fields (self);
}

static void
open_link_cb (AdwActionRow      *row,
              SiglaEntityEditor *self)
{
  if (self->entity->authorities->len > 0)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->entity->authorities->pdata[0],
                  GDK_CURRENT_TIME);
}

static void
mention_row_activated_cb (GtkListBox        *list,
                          GtkListBoxRow     *row,
                          SiglaEntityEditor *self)
{
  gint64 *span = g_object_get_data (G_OBJECT (row), "span");

  g_signal_emit (self, signals[JUMP], 0, span[0], span[1]);
}

/* Each mention in the document shown in its sentence, so that the
 * historian sees which is which; none without a document. */
static gboolean
fill_mentions (SiglaEntityEditor  *self,
               GError            **error)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mention_list))) != NULL)
    gtk_list_box_remove (self->mention_list, child);

  if (self->document_id == 0)
    return TRUE;
  if ((mentions = sigla_mention_list (self->project, self->document_id, error)) == NULL ||
      (document = sigla_document_get (self->project, self->document_id, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      gint64 from = MAX (0, mention->start - CONTEXT_CHARS);
      gint64 to = MIN (document->length, mention->end + CONTEXT_CHARS);
      g_autofree char *before = NULL, *words = NULL, *after = NULL, *markup = NULL, *text = NULL;
      GtkWidget *row, *label;
      gint64 *span;

      if (mention->entity_id != self->entity->id)
        continue;

      before = g_utf8_substring (document->text, from, mention->start);
      words = g_utf8_substring (document->text, mention->start, mention->end);
      after = g_utf8_substring (document->text, mention->end, to);
      g_strdelimit (before, "\n", ' ');
      g_strdelimit (after, "\n", ' ');
      markup = g_markup_printf_escaped ("…%s<b>%s</b>%s…", before, words, after);
      text = g_strdup_printf ("…%s%s%s…", before, words, after);

      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      span = g_new (gint64, 2);
      span[0] = mention->start;
      span[1] = mention->end;
      g_object_set_data_full (G_OBJECT (row), "span", span, g_free);
      sigla_a11y_set_row (row, text, NULL);
      gtk_list_box_append (self->mention_list, row);
    }
  return TRUE;
}

static void
merge_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   SiglaEntityEditor *self)
{
  gint64 into = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "into"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "merge"))
    return;

  if (!sigla_entity_merge (self->project, self->entity->id, into, &error))
    fail (self, error);
  else if (!sigla_entity_editor_show (self, self->project, into, self->document_id, &error))
    fail (self, error);
}

static void
merge_row_activated_cb (GtkListBox        *list,
                        GtkListBoxRow     *row,
                        SiglaEntityEditor *self)
{
  gint64 into = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "entity"));
  const char *name = g_object_get_data (G_OBJECT (row), "name");
  GtkWidget *dialog;

  gtk_menu_button_popdown (self->merge_button);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Merge?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” becomes another name of “%s”, and its mentions and claims "
                                    "follow. Undo takes it back."),
                                  self->entity->label, name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "into", GSIZE_TO_POINTER (into));
  g_signal_connect (dialog, "response", G_CALLBACK (merge_response_cb), self);
  sigla_a11y_mend (dialog);   /* its buttons are read "_Cancel Cancel" otherwise */
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
fill_merge_targets (SiglaEntityEditor  *self,
                    GError            **error)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (self->project, error);
  GtkWidget *child;

  if (entities == NULL)
    return FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->merge_list))) != NULL)
    gtk_list_box_remove (self->merge_list, child);

  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];
      GtkWidget *row, *label;

      if (entity->kind != self->entity->kind || entity->id == self->entity->id)
        continue;

      label = gtk_label_new (entity->label);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "entity", GSIZE_TO_POINTER (entity->id));
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (entity->label), g_free);
      sigla_a11y_set_row (row, entity->label, NULL);
      gtk_list_box_append (self->merge_list, row);
    }
  return TRUE;
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    SiglaEntityEditor *self)
{
  g_autoptr(GError) error = NULL;
  SiglaDeleteMode mode;

  if (g_str_equal (response, "detach"))
    mode = SIGLA_DELETE_DETACH;
  else if (g_str_equal (response, "delete"))
    mode = SIGLA_DELETE_MENTIONS;
  else
    return;

  if (!sigla_entity_delete (self->project, self->entity->id, mode, &error))
    fail (self, error);
  else
    g_signal_emit (self, signals[DONE], 0);
}

static void
delete_clicked_cb (GtkButton         *button,
                   SiglaEntityEditor *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);

  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"), self->entity->label);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Its mentions can stay as names not yet identified, or go with it. "
                                 "Undo takes it back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "detach", _("_Keep the Mentions"), "delete", _("_Delete the Mentions"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  sigla_a11y_mend (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_clicked_cb (GtkButton         *button,
                 SiglaEntityEditor *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
sigla_entity_editor_dispose (GObject *object)
{
  SiglaEntityEditor *self = SIGLA_ENTITY_EDITOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_ENTITY_EDITOR);
  /* The template's outer box is not a bound child: it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->entity, sigla_entity_free);

  G_OBJECT_CLASS (sigla_entity_editor_parent_class)->dispose (object);
}

static void
sigla_entity_editor_class_init (SiglaEntityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_entity_editor_dispose;

  /* The historian is done with this entity (back, or deleted). */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  /* Show these code points of the document. */
  signals[JUMP] = g_signal_new ("jump", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (SIGLA_TYPE_ENTITY_EVIDENCE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-entity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, title);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, evidence);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, authorities_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, open_link_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, geo_group);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, geo_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, note_row);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, mention_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, merge_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, merge_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEditor, delete_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sigla_entity_editor_init (SiglaEntityEditor *self)
{
  AdwEntryRow *rows[] = { NULL, NULL, NULL, NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  sigla_a11y_mend (GTK_WIDGET (self));

  rows[0] = self->name_row;
  rows[1] = self->aliases_row;
  rows[2] = self->authorities_row;
  rows[3] = self->geo_row;
  rows[4] = self->note_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_swapped (rows[i], "apply", G_CALLBACK (save), self);

  g_signal_connect (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_signal_connect (self->open_link_row, "activated", G_CALLBACK (open_link_cb), self);
  g_signal_connect (self->mention_list, "row-activated", G_CALLBACK (mention_row_activated_cb), self);
  g_signal_connect (self->merge_list, "row-activated", G_CALLBACK (merge_row_activated_cb), self);
  g_signal_connect (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
}

/**
 * sigla_entity_editor_show:
 * @document_id: the document whose mentions of it are listed
 */
gboolean
sigla_entity_editor_show (SiglaEntityEditor  *self,
                          SiglaProject       *project,
                          gint64              entity_id,
                          gint64              document_id,
                          GError            **error)
{
  SiglaEntity *entity = sigla_entity_get (project, entity_id, error);
  /* An edit the file refused stays as typed while the window tries again. */
  gboolean keep_fields = sigla_entity_editor_is_unsaved (self) && project == self->project &&
                         entity_id == sigla_entity_editor_get_entity (self);

  if (entity == NULL)
    return FALSE;

  g_set_object (&self->project, project);
  g_clear_pointer (&self->entity, sigla_entity_free);
  self->entity = entity;
  self->document_id = document_id;
  if (!keep_fields)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      fill_fields (self);
    }
  return sigla_entity_evidence_show (self->evidence, project, entity, error) &&
         fill_mentions (self, error) && fill_merge_targets (self, error);
}

/* Returns: (transfer none): who says its names are its, and its relations */
SiglaEntityEvidence *
sigla_entity_editor_get_evidence (SiglaEntityEditor *self)
{
  return self->evidence;
}

gint64
sigla_entity_editor_get_entity (SiglaEntityEditor *self)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_EDITOR (self), 0);
  return self->entity != NULL ? self->entity->id : 0;
}

/* Whether the fields hold an edit the file refused: shown as not saved. */
gboolean
sigla_entity_editor_is_unsaved (SiglaEntityEditor *self)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_EDITOR (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self), "error");
}

/**
 * sigla_entity_editor_save:
 *
 * Saves the fields as they are, as Apply does; "failed" says why not.
 *
 * Returns: whether they are saved now
 */
gboolean
sigla_entity_editor_save (SiglaEntityEditor *self)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_EDITOR (self), FALSE);

  save (self);
  return !sigla_entity_editor_is_unsaved (self);
}

/**
 * sigla_entity_editor_focus:
 *
 * Puts the keyboard in the editor, on its name.
 */
void
sigla_entity_editor_focus (SiglaEntityEditor *self)
{
  g_return_if_fail (SIGLA_IS_ENTITY_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
