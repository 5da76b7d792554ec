/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-readings-task.c: reads the readings another edition's TEI does not show (sic beside
 * corr, a variant beside the lemma) from its file again, in a thread: the file is parsed
 * whole, which a large print would make the window wait for. */

#define G_LOG_DOMAIN "sigla-readings-task"

#include "sigla-core.h"
#include "sigla-readings-task.h"

typedef struct
{
  GBytes *source;
  char   *text;
  char   *reading;
} ReadingData;

static void
reading_data_free (ReadingData *data)
{
  g_bytes_unref (data->source);
  g_free (data->text);
  g_free (data->reading);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadingData *data = task_data;
  GPtrArray *alternatives = sigla_tei_alternatives_read (data->source, data->text, data->reading);

  g_task_return_pointer (task, alternatives, alternatives != NULL ? (GDestroyNotify) g_ptr_array_unref : NULL);
}

/**
 * sigla_readings_task_run:
 * @source: the file the document was imported from
 * @text: (transfer full): the document's reading text
 * @reading: the reading it shows ("edited", "diplomatic")
 *
 * Reads the file's other readings in a thread; the project is not touched there.
 */
void
sigla_readings_task_run (GBytes              *source,
                         char                *text,
                         const char          *reading,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadingData *data = g_new0 (ReadingData, 1);

  data->source = g_bytes_ref (source);
  data->text = text;
  data->reading = g_strdup (reading);
  g_task_set_source_tag (task, sigla_readings_task_run);
  g_task_set_task_data (task, data, (GDestroyNotify) reading_data_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * sigla_readings_task_finish:
 *
 * Returns: (transfer full) (element-type SiglaTeiAlternative) (nullable):
 *   the other readings by where they stand, or %NULL when there are none to trust
 */
GPtrArray *
sigla_readings_task_finish (GAsyncResult *result)
{
  return g_task_propagate_pointer (G_TASK (result), NULL);
}
