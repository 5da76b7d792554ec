/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-transfer.c: documents in and out of the window's project: importing files and
 * exporting TEI, each in a thread with a progress bar that can cancel it, and what the window
 * says when they are done. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-export-task.h"
#include "sigla-import-task.h"
#include "sigla-window-private.h"

static void
show_progress (SiglaWindow *self,
               const char  *text,
               guint        done,
               guint        total)
{
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
import_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  SiglaWindow *self = user_data;
  g_autofree char *left = sigla_progress_time_left ((g_get_monotonic_time () - self->task_started) / (double) G_USEC_PER_SEC, done, total);
  g_autofree char *text = g_strdup_printf (_("Importing %u of %u%s"), done, total, left);

  show_progress (self, text, done, total);
}

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  SiglaWindow *self = user_data;
  g_autofree char *left = sigla_progress_time_left ((g_get_monotonic_time () - self->task_started) / (double) G_USEC_PER_SEC, done, total);
  g_autofree char *text = g_strdup_printf (_("Exporting %u of %u%s"), done, total, left);

  show_progress (self, text, done, total);
}

/* What the TEI files held, read and left in the tree only: nothing silent. */
static void
show_import_report (SiglaWindow *self,
                    const char  *reports)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("What the TEI Files Held"), NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (reports);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  sigla_a11y_mend (GTK_WIDGET (dialog));   /* its buttons are read "_Cancel Cancel" otherwise */
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SiglaWindow) self = user_data;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *reports = NULL;
  guint imported = sigla_import_task_finish (result, &refusals, &reports, &error);

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->task_cancellable);

  if (error != NULL)
    {
      sigla_window_show_error (self, error);
      return;
    }

  /* The import wrote through its own connection: read what it added. */
  _sigla_window_load_documents (self);
  if (sigla_document_view_get_document (self->document_view) == 0 &&
      g_list_model_get_n_items (sigla_document_model_get_model (self->documents)) > 0)
    gtk_single_selection_set_selected (self->document_selection, 0);
  _sigla_window_update_actions (self);

  message = g_strdup_printf (ngettext ("%u file imported", "%u files imported", imported), imported);
  sigla_window_notify (self, message);
  if (refusals != NULL && refusals->len > 0)
    {
      g_autofree char *all = NULL;
      g_autoptr(GError) refused = NULL;

      /* g_strjoinv() reads up to a NULL; the array keeps its strings. */
      g_ptr_array_add (refusals, NULL);
      all = g_strjoinv ("\n\n", (char **) refusals->pdata);
      refused = g_error_new_literal (SIGLA_ERROR, SIGLA_ERROR_INVALID, all);

      sigla_window_show_error (self, refused);
    }
  else if (reports != NULL && reports[0] != '\0')
    show_import_report (self, reports);
}

/**
 * sigla_window_import:
 *
 * Imports the files in a thread, as one action, with a progress bar and a
 * Cancel button; the window stays responsive.
 */
void
sigla_window_import (SiglaWindow        *self,
                     const char * const *paths)
{
  g_return_if_fail (SIGLA_IS_WINDOW (self));

  if (self->project == NULL || self->task_cancellable != NULL || paths == NULL || paths[0] == NULL)
    return;

  self->task_cancellable = g_cancellable_new ();
  self->task_started = g_get_monotonic_time ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Importing…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  sigla_import_task_run (sigla_project_get_path (self->project), paths, self->task_cancellable,
                         import_progress_cb, self, import_done_cb, g_object_ref (self));
}

static void
offer_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SiglaWindow      *self)
{
  GStrv paths = g_object_get_data (G_OBJECT (dialog), "paths");

  if (g_str_equal (response, "import"))
    sigla_window_import (self, (const char * const *) paths);
}

/**
 * sigla_window_offer_import:
 *
 * Asks before importing files given on the command line or by the file
 * manager: into which project is the question, and the answer may be no.
 */
void
sigla_window_offer_import (SiglaWindow        *self,
                           const char * const *paths)
{
  guint n = paths != NULL ? g_strv_length ((char **) paths) : 0;
  g_autofree char *project = NULL;
  GtkWidget *dialog;

  if (n == 0)
    return;
  if (self->project == NULL)
    {
      sigla_window_notify (self, _("Open or create a project first, then import the documents into it"));
      return;
    }

  project = g_path_get_basename (sigla_project_get_path (self->project));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Documents?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("Import %u document into “%s”?", "Import %u documents into “%s”?", n),
                                  n, project);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  g_object_set_data_full (G_OBJECT (dialog), "paths", g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_signal_connect (dialog, "response", G_CALLBACK (offer_response_cb), self);
  sigla_a11y_mend (GTK_WIDGET (dialog));   /* its buttons are read "_Cancel Cancel" otherwise */
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
files_chosen_cb (GtkNativeDialog *dialog,
                 int              response,
                 SiglaWindow     *self)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_object_unref (dialog);
  if (response != GTK_RESPONSE_ACCEPT)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      g_ptr_array_add (paths, g_file_get_path (file));
    }
  g_ptr_array_add (paths, NULL);
  sigla_window_import (self, (const char * const *) paths->pdata);
}
/* Files, or folders: a folder's text and XML files, in its folders too. */
void
_sigla_window_choose_import (SiglaWindow *self,
                             gboolean     folders)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (folders ? _("Import Folders") : _("Import Documents"), GTK_WINDOW (self),
                                 folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Import"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  if (!folders)
    {
      gtk_file_filter_set_name (filter, _("Text and TEI documents"));
      gtk_file_filter_add_pattern (filter, "*.txt");
      gtk_file_filter_add_pattern (filter, "*.xml");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (files_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* An export under way: its window and the file it writes. */
typedef struct
{
  SiglaWindow *window;
  char        *path;
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_object_unref (run->window);
  g_free (run->path);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRun, export_run_free)

/* Says where the file went, with a button that opens its folder. */
static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportRun) run = user_data;
  SiglaWindow *self = run->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *message = NULL;
  AdwToast *done;

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->task_cancellable);
  if (!sigla_export_task_finish (result, &error))
    {
      if (g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_CANCELLED))
        sigla_window_notify (self, _("Export cancelled: nothing was written"));
      else
        sigla_window_show_error (self, error);
      return;
    }

  name = g_path_get_basename (run->path);
  folder = g_path_get_dirname (run->path);
  message = g_strdup_printf (_("Exported as TEI to “%s” in “%s”"), name, folder);
  done = adw_toast_new (message);
  adw_toast_set_button_label (done, _("Open Folder"));
  adw_toast_set_action_name (done, "win.open-folder");
  adw_toast_set_action_target_value (done, g_variant_new_string (folder));
  sigla_a11y_add_toast (self->toast_overlay, done);
}

/**
 * sigla_window_export_name:
 * @document: a document, or 0 for the whole project
 *
 * Returns: (transfer full): the name an export is offered: the document's
 *   ("0003-Ciphered-Telegram-No-25902.xml"), or the project's ("korea.xml")
 */
char *
sigla_window_export_name (SiglaWindow *self,
                          gint64       document)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (SIGLA_IS_WINDOW (self) && self->project != NULL, NULL);

  if (document != 0)
    {
      g_autoptr(GError) unread = NULL;
      g_autoptr(SiglaDocument) shown = sigla_document_get (self->project, document, &unread);

      /* Its title unread, the name is its number alone: the export that
       * follows reads the document again, and says why it cannot. */
      return sigla_tei_file_name (document, shown != NULL ? shown->title : NULL);
    }
  base = g_path_get_basename (sigla_project_get_path (self->project));
  if (g_str_has_suffix (base, ".sigla"))
    base[strlen (base) - strlen (".sigla")] = '\0';
  return g_strconcat (base, ".xml", NULL);
}

/**
 * sigla_window_export:
 * @document: a document, or 0 for the whole project as a teiCorpus
 *
 * Exports as TEI to @path in a thread, with a progress bar whose button
 * cancels it. Returns FALSE if an import or export is already running.
 */
gboolean
sigla_window_export (SiglaWindow *self,
                     gint64       document,
                     const char  *path)
{
  g_autofree char *annotator = NULL;
  ExportRun *run;

  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (self->project == NULL || self->task_cancellable != NULL)
    return FALSE;

  annotator = g_settings_get_string (self->settings, "annotator-name");
  self->task_cancellable = g_cancellable_new ();
  self->task_started = g_get_monotonic_time ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Exporting…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  run = g_new0 (ExportRun, 1);
  run->window = g_object_ref (self);
  run->path = g_strdup (path);
  sigla_export_task_run (sigla_project_get_path (self->project), document,
                         *annotator != '\0' ? annotator : g_get_real_name (), path, self->task_cancellable,
                         export_progress_cb, self, export_done_cb, run);
  return TRUE;
}

/* The document chosen for export is kept on the dialog: 0 for the whole project. */
static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  SiglaWindow     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gint64 document = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "document"));
  g_autofree char *path = NULL;

  g_object_unref (dialog);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;

  path = g_file_get_path (file);
  if (!sigla_window_export (self, document, path))
    sigla_window_notify (self, _("An import or export is running: try again when it is done"));
}

void
_sigla_window_choose_export (SiglaWindow *self,
                             gint64       document)
{
  g_autofree char *name = sigla_window_export_name (self, document);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (document != 0 ? _("Export Document as TEI") : _("Export Project as TEI"),
                                 GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "document", GSIZE_TO_POINTER (document));
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

