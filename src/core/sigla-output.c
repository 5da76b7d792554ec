/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-output.c: writes an export to a file through a temporary one, renamed at the end. */

#define G_LOG_DOMAIN "sigla-output"
#define _GNU_SOURCE   /* syncfs(), Linux's */

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

/* Writes the stream out to @fd, the whole of it. */
static gboolean
write_out (int              fd,
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

/* Writes the export into a new temporary file beside @path (".NAME.XXXXXX",
 * hidden), synced to disk if @sync; returns its path, or NULL with @error
 * set and nothing left behind. */
static char *
write_temporary (const char      *path,
                 SiglaWriteFunc   write,
                 SiglaProject    *project,
                 gpointer         data,
                 gboolean         sync,
                 GError         **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", name);
  g_autofree char *temp_path = g_build_filename (folder, template, NULL);
  gboolean written;
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_io_error (error, path, EISDIR);
      return NULL;
    }

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_io_error (error, path, errno);
      return NULL;
    }
  keep_access (fd, path);

  written = write_out (fd, path, write, project, data, error);
  if (written && sync && fsync (fd) != 0)
    written = set_io_error (error, path, errno);
  if (close (fd) != 0 && written)
    written = set_io_error (error, path, errno);
  if (!written)
    {
      g_remove (temp_path);
      return NULL;
    }
  return g_steal_pointer (&temp_path);
}

/**
 * sigla_output_write_file:
 * @write: writes the export to a stream
 *
 * Runs @write into a temporary file beside @path and renames it into place
 * once it is complete and on disk, so that an interrupted or failed export
 * never leaves a truncated file under the real name, nor harms one already
 * there. This holds for a new file too: GIO's g_file_replace() writes a file
 * that does not exist yet in place.
 */
gboolean
sigla_output_write_file (const char      *path,
                         SiglaWriteFunc   write,
                         SiglaProject    *project,
                         gpointer         data,
                         GError         **error)
{
  g_autofree char *temp_path = write_temporary (path, write, project, data, TRUE, error);

  if (temp_path == NULL)
    return FALSE;
  if (g_rename (temp_path, path) != 0)
    {
      int saved = errno;

      g_remove (temp_path);
      return set_io_error (error, path, saved);
    }
  return TRUE;
}

/* -- many files at once ------------------------------------------------------- */

struct _SiglaOutputBatch
{
  char      *folder;
  GPtrArray *temps;   /* the temporary files written, … */
  GPtrArray *paths;   /* … and the names they are to take */
};

/**
 * sigla_output_batch_new:
 * @folder: where every file of the batch goes
 *
 * Many files written as one: each into a temporary file, then all made
 * durable with one sync of the file system, and only then renamed into
 * place. A crash leaves each real name as it was or whole, as
 * sigla_output_write_file() does, at the cost of one sync, not one a file.
 */
SiglaOutputBatch *
sigla_output_batch_new (const char *folder)
{
  SiglaOutputBatch *batch = g_new0 (SiglaOutputBatch, 1);

  batch->folder = g_strdup (folder);
  batch->temps = g_ptr_array_new_with_free_func (g_free);
  batch->paths = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

/* Takes back the temporary files of a batch not committed. */
void
sigla_output_batch_free (SiglaOutputBatch *batch)
{
  if (batch == NULL)
    return;

  for (guint i = 0; i < batch->temps->len; i++)
    g_remove (batch->temps->pdata[i]);
  g_ptr_array_unref (batch->temps);
  g_ptr_array_unref (batch->paths);
  g_free (batch->folder);
  g_free (batch);
}

/* Writes one file of the batch, under a temporary name until the commit. */
gboolean
sigla_output_batch_write (SiglaOutputBatch  *batch,
                          const char        *path,
                          SiglaWriteFunc     write,
                          SiglaProject      *project,
                          gpointer           data,
                          GError           **error)
{
  char *temp_path = write_temporary (path, write, project, data, FALSE, error);

  if (temp_path == NULL)
    return FALSE;
  g_ptr_array_add (batch->temps, temp_path);
  g_ptr_array_add (batch->paths, g_strdup (path));
  return TRUE;
}

/* Makes every file of the batch durable, then gives each its name. */
gboolean
sigla_output_batch_commit (SiglaOutputBatch  *batch,
                           GError           **error)
{
  int dir = open (batch->folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (dir < 0)
    return set_io_error (error, batch->folder, errno);
  if (syncfs (dir) != 0)
    {
      int saved = errno;

      close (dir);
      return set_io_error (error, batch->folder, saved);
    }

  for (guint i = 0; i < batch->temps->len; i++)
    if (g_rename (batch->temps->pdata[i], batch->paths->pdata[i]) != 0)
      {
        int saved = errno;

        close (dir);
        return set_io_error (error, batch->paths->pdata[i], saved);
      }
  /* Renamed: none is a temporary file to take back any more. */
  g_ptr_array_set_size (batch->temps, 0);

  /* The new names themselves on disk. */
  if (fsync (dir) != 0)
    g_debug ("The folder “%s” could not be synced: %s", batch->folder, g_strerror (errno));
  close (dir);
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
