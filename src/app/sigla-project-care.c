/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-project-care.c: the project file itself, from the window: compacting it, offering
 * the last good copy of a damaged one, and recovering the data of one Sigla refuses. The long
 * jobs run in a thread on a connection of
 * their own, so that a large file keeps the window responsive. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-project-care.h"

/**
 * sigla_project_care_sibling:
 * @path: a project file
 *
 * Returns: (transfer full): a name beside @path that nothing has yet:
 *   "NAME (recovered).sigla", then "NAME (recovered 2).sigla" …
 */
char *
sigla_project_care_sibling (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".sigla"))
    base[strlen (base) - strlen (".sigla")] = '\0';
  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf (_("%s (recovered).sigla"), base)
                                     : g_strdup_printf (_("%s (recovered %u).sigla"), base, n);
      g_autofree char *sibling = g_build_filename (dir, name, NULL);

      if (!g_file_test (sibling, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&sibling);
    }
}

/* -- compacting ------------------------------------------------------------- */

static void
compact_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  SiglaCompactReport *report = g_new0 (SiglaCompactReport, 1);

  project = sigla_project_open (data, SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL || !sigla_project_compact (project, report, &error))
    {
      g_free (report);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, report, g_free);
}

static void
compact_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  SiglaWindow *window = SIGLA_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree SiglaCompactReport *report = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *freed = NULL;
  g_autofree char *message = NULL;

  if (report == NULL)
    {
      sigla_window_show_error (window, error);
      return;
    }
  freed = g_format_size (MAX (report->bytes_before - report->bytes_after, 0));
  message = g_strdup_printf (g_dngettext (NULL, "Compacted: %s freed, %" G_GINT64_FORMAT " old undo step dropped",
                                          "Compacted: %s freed, %" G_GINT64_FORMAT " old undo steps dropped",
                                          report->steps_dropped),
                             freed, report->steps_dropped);
  sigla_window_notify (window, message);
}

/* Drops the undo history past the project's limits and writes the file anew. */
void
sigla_project_care_compact (SiglaWindow *window)
{
  SiglaProject *project = sigla_window_get_project (window);
  g_autoptr(GTask) task = NULL;

  if (project == NULL)
    return;
  task = g_task_new (window, NULL, compact_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (sigla_project_get_path (project)), g_free);
  g_task_run_in_thread (task, compact_thread);
}

/* -- recovering --------------------------------------------------------------- */

typedef struct
{
  char               *refused;
  char               *recovered;
  SiglaRecoverReport *report;
} Recovery;

static void
recovery_free (gpointer data)
{
  Recovery *recovery = data;

  g_free (recovery->refused);
  g_free (recovery->recovered);
  sigla_recover_report_free (recovery->report);
  g_free (recovery);
}

static void
recover_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Recovery *recovery = data;
  GError *error = NULL;

  if (!sigla_project_recover (recovery->refused, recovery->recovered, &recovery->report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* "Documents: 5 taken", "Mentions: 40 taken, 2 left (a span past the end of its document)". */
static char *
describe (const SiglaRecoverReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < report->tables->len; i++)
    {
      const SiglaRecoveredTable *table = &g_array_index (report->tables, SiglaRecoveredTable, i);

      if (table->taken == 0 && table->left == 0 && !table->unreadable)
        continue;
      g_string_append_printf (text, "%s%s: ", text->len > 0 ? "\n" : "", table->name);
      if (table->unreadable)
        g_string_append_printf (text, _("could not be read (%s)"), table->problem);
      else if (table->left > 0)
        g_string_append_printf (text, _("%" G_GINT64_FORMAT " taken, %" G_GINT64_FORMAT " left (%s)"),
                                table->taken, table->left, table->problem);
      else
        g_string_append_printf (text, _("%" G_GINT64_FORMAT " taken"), table->taken);
    }
  return g_string_free (text, FALSE);
}

static void
recover_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  SiglaWindow *window = SIGLA_WINDOW (source);
  Recovery *recovery = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !sigla_window_open_project (window, recovery->recovered, &error))
    {
      sigla_window_show_error (window, error);
      return;
    }

  body = describe (recovery->report);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("The Data Was Recovered"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Opened “%s”, a new project with what could be taken from “%s”, "
                                    "which was left as it was. Its undo history stayed behind.\n\n%s"),
                                  recovery->recovered, recovery->refused, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  sigla_a11y_mend (GTK_WIDGET (dialog));   /* its buttons are read "_Cancel Cancel" otherwise */
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Copies what passes every check of @refused into a new project beside it, and opens that. */
void
sigla_project_care_recover (SiglaWindow *window,
                            const char  *refused)
{
  g_autoptr(GTask) task = g_task_new (window, NULL, recover_done_cb, NULL);
  Recovery *recovery = g_new0 (Recovery, 1);

  recovery->refused = g_strdup (refused);
  recovery->recovered = sigla_project_care_sibling (refused);
  g_task_set_task_data (task, recovery, recovery_free);
  g_task_run_in_thread (task, recover_thread);
}

/* Opens a copy of @backup beside it, "NAME (recovered).sigla": the damaged
 * file is left as it is, and the backup stays a backup. */
static void
open_backup_copy (SiglaWindow *window,
                  const char  *damaged,
                  const char  *backup)
{
  g_autofree char *path = sigla_project_care_sibling (damaged);
  g_autoptr(GFile) source = g_file_new_for_path (backup);
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_autoptr(GError) refused = g_error_new (SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot copy “%s” to “%s”: %s"),
                                               backup, path, error->message);

      sigla_window_show_error (window, refused);
      return;
    }
  if (!sigla_window_open_project (window, path, &error))
    {
      sigla_window_show_error (window, error);
      return;
    }
  message = g_strdup_printf (_("Opened “%s”, made from the last good copy; the damaged file was left as it was"),
                             path);
  sigla_window_notify (window, message);
}

static void
offer_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SiglaWindow      *window)
{
  if (g_str_equal (response, "open-copy"))
    open_backup_copy (window, g_object_get_data (G_OBJECT (dialog), "damaged"),
                      g_object_get_data (G_OBJECT (dialog), "backup"));
  else if (g_str_equal (response, "recover"))
    sigla_project_care_recover (window, g_object_get_data (G_OBJECT (dialog), "damaged"));
}

/**
 * sigla_project_care_offer:
 * @dialog: the dialog that says why the project at @refused did not open
 *
 * Adds to @dialog what can be done: a damaged project's last good copy is
 * offered, never a repair; for a file another program changed, its data,
 * never its schema, into a new project.
 */
void
sigla_project_care_offer (SiglaWindow      *window,
                          AdwMessageDialog *dialog,
                          const GError     *error,
                          const char       *refused)
{
  g_autoptr(GPtrArray) backups = NULL;

  if (refused == NULL)
    return;

  if (g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_CORRUPT) &&
      (backups = sigla_project_list_backups (refused))->len > 0)
    {
      adw_message_dialog_set_heading (dialog, _("The Project Is Damaged"));
      adw_message_dialog_add_response (dialog, "open-copy", _("_Open the Last Good Copy"));
      adw_message_dialog_set_response_appearance (dialog, "open-copy", ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backups->pdata[0]), g_free);
    }
  else if (g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED))
    {
      adw_message_dialog_set_heading (dialog, _("The Project Was Changed Elsewhere"));
      adw_message_dialog_add_response (dialog, "recover", _("_Recover the Data"));
      adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
    }
  else
    return;

  g_object_set_data_full (G_OBJECT (dialog), "damaged", g_strdup (refused), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (offer_response_cb), window);
}
