/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-output.c: writes an export to a file through a temporary one, renamed at the end. */

#define G_LOG_DOMAIN "sigla-output"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "sigla-error.h"
#include "sigla-output.h"

static gboolean
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot write “%s”: %s"), path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Writes the stream out and makes the bytes durable before the rename
 * publishes them: a power cut then leaves the old file or the new one. */
static gboolean
write_and_sync (int              fd,
                const char      *path,
                SiglaWriteFunc   write,
                SiglaProject    *project,
                gpointer         data,
                GError         **error)
{
  g_autoptr(GOutputStream) stream = g_unix_output_stream_new (fd, FALSE);
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (stream, 1 << 16);
  g_autoptr(GError) local_error = NULL;

  if (!write (project, buffered, data, &local_error) ||
      !g_output_stream_flush (buffered, NULL, &local_error))
    {
      g_set_error (error, SIGLA_ERROR,
                   local_error->domain == SIGLA_ERROR ? local_error->code : SIGLA_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (fsync (fd) != 0)
    return set_io_error (error, path, errno);

  return TRUE;
}

/* A file written over keeps who may read it: its mode, and its group where
 * the user may give it (a private 0600 file stays private). */
static void
keep_access (int         fd,
             const char *path)
{
  GStatBuf existing;

  if (g_stat (path, &existing) != 0 || !S_ISREG (existing.st_mode))
    return;
  if (fchown (fd, (uid_t) -1, existing.st_gid) != 0)
    g_debug ("“%s” keeps the group of its folder: %s", path, g_strerror (errno));
  if (fchmod (fd, existing.st_mode & 07777) != 0)
    g_debug ("“%s” could not keep its mode: %s", path, g_strerror (errno));
}

/**
 * sigla_output_write_file:
 * @write: writes the export to a stream
 *
 * Runs @write into a temporary file beside @path (".NAME.XXXXXX", hidden)
 * and renames it into place once it is complete and on disk, so that an
 * interrupted or failed export never leaves a truncated file under the real
 * name, nor harms one already there. This holds for a new file too: GIO's
 * g_file_replace() writes a file that does not exist yet in place.
 */
gboolean
sigla_output_write_file (const char      *path,
                         SiglaWriteFunc   write,
                         SiglaProject    *project,
                         gpointer         data,
                         GError         **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", name);
  g_autofree char *temp_path = g_build_filename (folder, template, NULL);
  gboolean written;
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_io_error (error, path, EISDIR);

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_io_error (error, path, errno);
  keep_access (fd, path);

  written = write_and_sync (fd, path, write, project, data, error);
  if (close (fd) != 0 && written)
    written = set_io_error (error, path, errno);
  if (written && g_rename (temp_path, path) != 0)
    written = set_io_error (error, path, errno);

  if (!written)
    g_remove (temp_path);
  return written;
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
