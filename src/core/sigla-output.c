/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-output.c: writes an export to a file through a temporary one, renamed at the end. */

#define G_LOG_DOMAIN "sigla-output"

#include <glib/gi18n-lib.h>
#include "sigla-error.h"
#include "sigla-output.h"

/**
 * sigla_output_write_file:
 * @write: writes the export to a stream
 *
 * Runs @write into a temporary file beside @path and renames it into place
 * once it is complete, so that an interrupted or failed export never leaves
 * a truncated file under the real name, nor harms one already there.
 */
gboolean
sigla_output_write_file (const char      *path,
                         SiglaWriteFunc   write,
                         SiglaProject    *project,
                         gpointer         data,
                         GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GError) local_error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 1 << 16);
  if (!write (project, buffered, data, &local_error))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the temporary file. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (buffered, cancelled, NULL);
      g_set_error (error, SIGLA_ERROR,
                   local_error->domain == SIGLA_ERROR ? local_error->code : SIGLA_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (!g_output_stream_close (buffered, NULL, &local_error))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
sigla_output_print (GOutputStream  *output,
                    GError        **error,
                    const char     *format,
                    ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return g_output_stream_write_all (output, text, strlen (text), NULL, NULL, error);
}
