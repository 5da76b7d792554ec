/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-actions.c: what the window can be asked to do, from its menus, its buttons
 * and its shortcuts: the win.* actions and their keys. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>

#include "sigla-project-care.h"
#include "sigla-window-private.h"

/* What can be done now: with a project open, with a document shown. */
void
_sigla_window_update_actions (SiglaWindow *self)
{
  gboolean open = self->project != NULL;
  gboolean document = open && sigla_document_view_get_document (self->document_view) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-tei", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", open && sigla_project_can_undo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", open && sigla_project_can_redo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tag", document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tag-all", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-document-tei", document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", document);
}

/* -- history -------------------------------------------------------------- */

static void
step_history (SiglaWindow *self,
              gboolean     undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  gboolean done;

  if (self->project == NULL)
    return;

  done = undo ? sigla_project_undo (self->project, &label, &error)
              : sigla_project_redo (self->project, &label, &error);
  if (!done)
    {
      if (!g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOTHING_TO_UNDO) &&
          !g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOTHING_TO_REDO))
        sigla_window_show_error (self, error);
      return;
    }

  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);
  sigla_window_notify (self, message);
  _sigla_window_update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  step_history (SIGLA_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  step_history (SIGLA_WINDOW (widget), FALSE);
}
/* -- projects ------------------------------------------------------------- */

static void
open_recent_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_window_open_project (SIGLA_WINDOW (widget), g_variant_get_string (parameter, NULL), &error))
    sigla_window_show_error (SIGLA_WINDOW (widget), error);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_window_open_sample (SIGLA_WINDOW (widget), &error))
    sigla_window_show_error (SIGLA_WINDOW (widget), error);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
project_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   SiglaWindow     *self)
{
  gboolean creating = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_object_unref (dialog);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;

  path = g_file_get_path (file);
  if (creating && !g_str_has_suffix (path, ".sigla"))
    {
      char *named = g_strconcat (path, ".sigla", NULL);

      g_free (path);
      path = named;
    }

  if (creating ? !sigla_window_create_project (self, path, &error) : !sigla_window_open_project (self, path, &error))
    sigla_window_show_error (self, error);
}

static void
choose_project (SiglaWindow *self,
                gboolean     creating)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (creating ? _("New Project") : _("Open Project"), GTK_WINDOW (self),
                                 creating ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                 creating ? _("_Create") : _("_Open"), _("_Cancel"));

  add_filter (GTK_FILE_CHOOSER (dialog), _("Sigla projects"), "*.sigla");
  if (creating)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Untitled.sigla"));
  g_signal_connect (dialog, "response", G_CALLBACK (project_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  choose_project (SIGLA_WINDOW (widget), TRUE);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  choose_project (SIGLA_WINDOW (widget), FALSE);
}
/* -- documents ------------------------------------------------------------ */

static void
import_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  _sigla_window_choose_import (SIGLA_WINDOW (widget), FALSE);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  _sigla_window_choose_import (SIGLA_WINDOW (widget), TRUE);
}

static void
cancel_task_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);

  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
}
static void
retry_save_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  sigla_window_retry_unsaved (SIGLA_WINDOW (widget));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
compact_project_action (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  sigla_project_care_compact (SIGLA_WINDOW (widget));
}

static void
export_tei_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  _sigla_window_choose_export (SIGLA_WINDOW (widget), 0);
}

static void
export_document_tei_action (GtkWidget  *widget,
                            const char *action,
                            GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);

  _sigla_window_choose_export (self, sigla_document_view_get_document (self->document_view));
}

/* -- the keyboard's way round ------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  _sigla_window_search_corpus (SIGLA_WINDOW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  sigla_find_bar_start (SIGLA_WINDOW (widget)->find_bar);
}

static void
focus_text_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  _sigla_window_focus_text (SIGLA_WINDOW (widget));
}

static void
next_pane_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  _sigla_window_cycle_panes (SIGLA_WINDOW (widget), TRUE);
}

static void
previous_pane_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  _sigla_window_cycle_panes (SIGLA_WINDOW (widget), FALSE);
}

static void
step_mention (SiglaWindow *self,
              gboolean     forward)
{
  gint64 entity_id = g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "editor")
                     ? sigla_entity_editor_get_entity (self->entity_editor) : 0;

  if (!sigla_document_view_select_next_mention (self->document_view, entity_id, forward))
    sigla_window_notify (self, _("Choose a person, place or organisation first"));
}

static void
next_mention_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  step_mention (SIGLA_WINDOW (widget), TRUE);
}

static void
previous_mention_action (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  step_mention (SIGLA_WINDOW (widget), FALSE);
}

/* The entity open in the editor, else the one named at the cursor, whose
 * words are looked for too. */
static void
tag_all_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);
  g_autofree char *words = NULL;
  gint64 entity_id;

  if (g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "editor"))
    entity_id = sigla_entity_editor_get_entity (self->entity_editor);
  else
    entity_id = sigla_document_view_get_entity_at_cursor (self->document_view, &words);

  if (entity_id == 0)
    sigla_window_notify (self, _("Put the cursor in a tagged name, or open a person, place or organisation, first"));
  else
    _sigla_window_tag_all (self, entity_id, words);
}

static void
split_entity_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "editor"))
    _sigla_window_split_entity (self, sigla_entity_editor_get_entity (self->entity_editor));
}

static void
tag_action (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  SiglaKind kind;

  if (g_str_equal (name, "claim"))
    _sigla_window_start_tagging (self, SIGLA_TAG_CLAIM);
  else if (sigla_kind_from_string (name, &kind))
    _sigla_window_start_tagging (self, kind);
}

void
_sigla_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.export-tei", NULL, export_tei_action);
  gtk_widget_class_install_action (widget_class, "win.compact-project", NULL, compact_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.export-document-tei", NULL, export_document_tei_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.tag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "win.tag-all", NULL, tag_all_action);
  gtk_widget_class_install_action (widget_class, "win.split-entity", NULL, split_entity_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.focus-text", NULL, focus_text_action);
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, next_pane_action);
  gtk_widget_class_install_action (widget_class, "win.previous-pane", NULL, previous_pane_action);
  gtk_widget_class_install_action (widget_class, "win.next-mention", NULL, next_mention_action);
  gtk_widget_class_install_action (widget_class, "win.previous-mention", NULL, previous_mention_action);

  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_install_property_action (widget_class, "win.show-panels", "show-panels");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "win.show-panels", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.focus-text", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.previous-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.tag-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.next-mention", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.previous-mention", NULL);
}
