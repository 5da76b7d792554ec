/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-source.c: reads a file to import and decodes it to UTF-8, refusing what is not text. */

#define G_LOG_DOMAIN "sigla-source"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sigla-error.h"
#include "sigla-source.h"

/* How far to look for NUL bytes when telling binary data from text. */
#define SNIFF_BYTES 8192

/* The system's own words for why a file cannot be read: “Permission denied”. */
static void
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, SIGLA_ERROR,
               saved_errno == ENOENT ? SIGLA_ERROR_NOT_FOUND : SIGLA_ERROR_IO,
               _("Cannot import “%s”: %s"), path, g_strerror (saved_errno));
}

/* Reads the @expected->st_size bytes of @fd and closes it; a file that
 * changes size meanwhile is refused, as what was read is no longer it. */
static GBytes *
read_whole (int             fd,
            const char     *path,
            const GStatBuf *expected,
            GError        **error)
{
  gsize size = (gsize) expected->st_size;
  g_autofree guint8 *data = NULL;
  gsize done = 0;
  GStatBuf after;

  if ((goffset) size != expected->st_size || (data = g_try_malloc (size)) == NULL)
    {
      g_close (fd, NULL);
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO,
                   _("Cannot import “%s”: it is too large to read into memory"), path);
      return NULL;
    }

  while (done < size)
    {
      gssize n = read (fd, data + done, size - done);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_close (fd, NULL);
          set_errno_error (error, path, saved_errno);
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }

  if (done != size || fstat (fd, &after) != 0 || after.st_size != expected->st_size ||
      after.st_mtime != expected->st_mtime)
    {
      g_close (fd, NULL);
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO,
                   _("Cannot import “%s”: the file changed while it was read (another program "
                     "wrote it, or its disk went away); nothing was imported"), path);
      return NULL;
    }
  g_close (fd, NULL);
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/**
 * sigla_source_load:
 *
 * Reads the file into memory, checking that it is the same size at the
 * end as at the start. Not mapped: a mapped file that another program cuts
 * short (or a USB stick pulled) kills the process with SIGBUS.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
sigla_source_load (const char  *path,
                   GError     **error)
{
  GStatBuf st;
  int fd;

  /* Opened without blocking, so that a FIFO nobody writes to is refused
   * below instead of waiting for a writer; the checks are on what was
   * opened, not on a name that may have changed since. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_errno_error (error, path, saved_errno);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      set_errno_error (error, path, saved_errno);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("Cannot import “%s”: it is a folder, not a file"), path);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("Cannot import “%s”: it is not a regular file (a device, pipe or socket)"), path);
      return NULL;
    }

  if (st.st_size == 0)
    {
      g_close (fd, NULL);
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY, _("Cannot import “%s”: the file is empty"), path);
      return NULL;
    }

  return read_whole (fd, path, &st, error);
}

static gboolean
has_bom (const guint8 *data,
         gsize         size,
         const char   *bom,
         gsize         bom_size)
{
  return size >= bom_size && memcmp (data, bom, bom_size) == 0;
}

/* Text in UTF-16 without a byte-order mark shows as NUL every other byte. */
static gboolean
looks_like_utf16 (const guint8 *data,
                  gsize         size)
{
  gsize n = MIN (size, SNIFF_BYTES) & ~(gsize) 1;
  gsize even_nuls = 0, odd_nuls = 0;

  for (gsize i = 0; i < n; i += 2)
    {
      even_nuls += data[i] == 0;
      odd_nuls += data[i + 1] == 0;
    }

  return n >= 4 && (odd_nuls * 10 >= n * 4 || even_nuls * 10 >= n * 4) &&
         (odd_nuls == 0 || even_nuls == 0);
}

static char *
convert_utf16 (const char    *name,
               const guint8  *data,
               gsize          size,
               const char    *charset,
               gsize         *length,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text = g_convert ((const char *) data, size, "UTF-8", charset, NULL, length, &local_error);

  if (text == NULL)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_ENCODING,
                   _("Cannot import “%s”: it starts as %s but is not valid %s (%s)"),
                   name, charset, charset, local_error->message);
      return NULL;
    }

  if (memchr (text, '\0', *length) != NULL)
    {
      g_free (text);
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_BINARY,
                   _("Cannot import “%s”: it contains binary data (NUL characters)"), name);
      return NULL;
    }

  return text;
}

/**
 * sigla_source_decode:
 * @name: the file's name, for messages
 * @bytes: the file's contents
 * @length: (out): the length of the text in bytes
 *
 * Decodes UTF-8 (with or without a byte-order mark) and UTF-16 with a
 * byte-order mark. Refuses binary data and text in any other encoding.
 *
 * Returns: (transfer full): the text in UTF-8, not normalised yet
 */
char *
sigla_source_decode (const char  *name,
                     GBytes      *bytes,
                     gsize       *length,
                     GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const char *end = NULL;
  const guint8 *nul;
  gsize bom_size = 0;

  if (has_bom (data, size, "\xff\xfe", 2))
    return convert_utf16 (name, data + 2, size - 2, "UTF-16LE", length, error);
  if (has_bom (data, size, "\xfe\xff", 2))
    return convert_utf16 (name, data + 2, size - 2, "UTF-16BE", length, error);
  if (has_bom (data, size, "\xef\xbb\xbf", 3))
    bom_size = 3;

  /* A byte-order mark alone is no text, and no bytes at all (data may then
   * be NULL) leave nothing to copy. */
  if (size == bom_size)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY,
                   _("Cannot import “%s”: it holds no text to read"), name);
      return NULL;
    }
  data += bom_size;
  size -= bom_size;

  /* A NUL byte is never text: it is refused, not dropped like the other C0
   * controls, since it means the file is not what its name says. The offset
   * (in the file, as a hex viewer counts) lets the user find it. */
  nul = memchr (data, '\0', size);
  if (nul != NULL)
    {
      if (looks_like_utf16 (data, size))
        g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_ENCODING,
                     _("Cannot import “%s”: it looks like UTF-16 text without a byte-order mark; "
                     "save it as UTF-8, or as UTF-16 with a byte-order mark"), name);
      else
        g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_BINARY,
                     _("Cannot import “%s”: it contains binary data, not text (a NUL byte at offset %lu)"),
                     name, (unsigned long) (nul - data + bom_size));
      return NULL;
    }

  if (!g_utf8_validate_len ((const char *) data, size, &end))
    {
      gsize offset = (const guint8 *) end - data;

      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_ENCODING,
                   _("Cannot import “%s”: it is not valid UTF-8 (byte 0x%02x at offset %lu); "
                     "save it as UTF-8, or as UTF-16 with a byte-order mark"),
                   name, data[offset], (unsigned long) (offset + bom_size));
      return NULL;
    }

  *length = size;
  return g_memdup2 (data, size);
}
