/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-export-task.c: writes a TEI export in a thread, with its own connection to the
 * project, so that a large corpus does not stop the window; reports each document
 * written, and can be cancelled (nothing is written then). */

#define G_LOG_DOMAIN "sigla-export-task"

#include "sigla-core.h"
#include "sigla-export-task.h"

typedef struct
{
  char          *project_path;
  gint64         document_id;   /* 0 for the whole project */
  char          *annotator;
  char          *path;
  SiglaProgress *progress;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->project_path);
  g_free (data->annotator);
  g_free (data->path);
  sigla_progress_free (data->progress);
  g_free (data);
}

static void
document_written_cb (guint    done,
                     guint    total,
                     gpointer user_data)
{
  sigla_progress_report (user_data, done, total);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  SiglaTeiOptions options = { data->annotator, cancellable, document_written_cb, data->progress };
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaProject) project = sigla_project_open (data->project_path, SIGLA_OPEN_READ_ONLY, &error);
  gboolean exported;

  /* Read-only may fail where the window's connection can still read (an old
   * format): then as the window opened it, and its error is the one said. */
  if (project == NULL)
    {
      g_clear_error (&error);
      project = sigla_project_open (data->project_path, SIGLA_OPEN_DEFAULT, &error);
    }
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  exported = data->document_id != 0
    ? sigla_tei_export_document (project, data->document_id, &options, data->path, &error)
    : sigla_tei_export_corpus (project, &options, data->path, &error);
  if (!exported)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sigla_export_task_run:
 * @document_id: a document, or 0 for the whole project as a teiCorpus
 *
 * @progress: (nullable): told in the caller's main context after each document of a corpus
 *
 * Exports as TEI to @path in a thread. Cancelling stops it with
 * %SIGLA_ERROR_CANCELLED, @path as it was.
 */
void
sigla_export_task_run (const char          *project_path,
                       gint64               document_id,
                       const char          *annotator,
                       const char          *path,
                       GCancellable        *cancellable,
                       SiglaProgressFunc    progress,
                       gpointer             progress_data,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *data = g_new0 (ExportData, 1);

  data->project_path = g_strdup (project_path);
  data->document_id = document_id;
  data->annotator = g_strdup (annotator);
  data->path = g_strdup (path);
  data->progress = sigla_progress_new (progress, progress_data);

  g_task_set_source_tag (task, sigla_export_task_run);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
sigla_export_task_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
