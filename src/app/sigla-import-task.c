/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-import-task.c: imports files in a thread, with its own connection to the project,
 * reporting progress to the window, cancellable. */

#define G_LOG_DOMAIN "sigla-import-task"

#include "sigla-core.h"
#include "sigla-import-task.h"

typedef struct
{
  char          *project_path;
  GStrv          paths;
  guint          n_paths;
  GPtrArray     *refusals;       /* messages of the files refused */
  GString       *reports;        /* what each TEI file held, for a person to read */
  SiglaProgress *progress;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->project_path);
  g_strfreev (data->paths);
  g_ptr_array_unref (data->refusals);
  g_string_free (data->reports, TRUE);
  sigla_progress_free (data->progress);
  g_free (data);
}

static void
file_done_cb (const char           *path,
              guint                 index,
              gint64                document_id,
              const SiglaTeiReport *report,
              const GError         *error,
              gpointer              user_data)
{
  ImportData *data = user_data;

  if (error != NULL)
    g_ptr_array_add (data->refusals, g_strdup (error->message));
  if (report != NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *lines = sigla_tei_report_to_text (report);

      g_string_append_printf (data->reports, "%s\n%s", name, lines);
    }
  sigla_progress_report (data->progress, index + 1, data->n_paths);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  guint imported;

  /* Folders walked for their files, here, away from the window: a large one takes time. */
  files = sigla_import_gather ((const char * const *) data->paths, NULL, &error);
  if (files == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_strfreev (data->paths);
  data->n_paths = files->len - 1;   /* the NULL at the end */
  data->paths = (GStrv) g_ptr_array_steal (files, NULL);

  /* A connection of its own: SQLite connections are not shared across threads. */
  project = sigla_project_open (data->project_path, SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  imported = sigla_import_files (project, (const char * const *) data->paths, file_done_cb, data,
                                 cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, imported);
}

/**
 * sigla_import_task_run:
 * @progress: (nullable): told in the caller's main context after each file
 *
 * Imports @paths (files, and folders walked for their text and XML files)
 * into the project at @project_path as one action, in a thread. Cancelling stops before the next file; what is done is kept.
 */
void
sigla_import_task_run (const char           *project_path,
                       const char * const   *paths,
                       GCancellable         *cancellable,
                       SiglaProgressFunc     progress,
                       gpointer              progress_data,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *data = g_new0 (ImportData, 1);

  data->project_path = g_strdup (project_path);
  data->paths = g_strdupv ((char **) paths);
  data->refusals = g_ptr_array_new_with_free_func (g_free);
  data->reports = g_string_new ("");
  data->progress = sigla_progress_new (progress, progress_data);

  g_task_set_source_tag (task, sigla_import_task_run);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * sigla_import_task_finish:
 * @refusals: (out) (transfer full) (optional): a message for each file refused
 * @reports: (out) (transfer full) (optional): what each TEI file held, as
 *   text; empty when no TEI file was read
 *
 * Returns: how many files were imported
 */
guint
sigla_import_task_finish (GAsyncResult  *result,
                          GPtrArray    **refusals,
                          char         **reports,
                          GError       **error)
{
  ImportData *data = g_task_get_task_data (G_TASK (result));
  gssize imported = g_task_propagate_int (G_TASK (result), error);

  if (refusals != NULL)
    *refusals = g_ptr_array_ref (data->refusals);
  if (reports != NULL)
    *reports = g_strdup (data->reports->str);
  return imported > 0 ? (guint) imported : 0;
}
