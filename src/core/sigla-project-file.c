/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-project-file.c: a project file made or opened: what is checked before it is used
 * (that it is SQLite, Sigla's, of a format this Sigla reads, whole, as Sigla made it), its
 * connection set up, an older format upgraded, and the copies kept beside it. */

#define G_LOG_DOMAIN "sigla-project"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "sigla-error.h"
#include "sigla-project-file.h"
#include "sigla-project.h"
#include "sigla-schema.h"
#include "sigla-search.h"

#define SQLITE_HEADER "SQLite format 3"

/* Reads the file's first bytes ourselves, so that a file which is not a
 * database is refused before SQLite touches it. */
static gboolean
check_is_sqlite (const char  *path,
                 GError     **error)
{
  char header[sizeof SQLITE_HEADER] = { 0 };
  int fd;
  gssize n;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_SQLITE,
                   _("“%s” is a folder, not a Sigla project"), path);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SIGLA_ERROR,
                   saved_errno == ENOENT ? SIGLA_ERROR_NOT_FOUND : SIGLA_ERROR_IO,
                   _("The project “%s” cannot be opened: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  n = read (fd, header, sizeof header);
  close (fd);

  if (n != sizeof header || memcmp (header, SQLITE_HEADER, sizeof header) != 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_SQLITE,
                   _("“%s” is not a Sigla project: it is not an SQLite database"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_writable (const char  *path,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  /* SQLite keeps its write-ahead log beside the file, so the folder must be writable too. */
  if (g_access (path, W_OK) != 0 || g_access (folder, W_OK) != 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_READ_ONLY,
                   _("The project “%s” cannot be opened for writing: the file or its folder is read-only"),
                   path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_connection (SiglaDb   *db,
                      gboolean   read_only,
                      GError   **error)
{
  if (!sigla_search_register (sigla_db_get_handle (db)))
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_FAILED,
                           _("This SQLite has no full-text search (FTS5)"));
      return FALSE;
    }

  /* A cache large enough that a big action (a batch import) does not spill
   * pages to the log before it commits. */
  if (!sigla_db_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !sigla_db_exec (db, "PRAGMA cache_size = -65536", error))
    return FALSE;

  if (read_only)
    return TRUE;

  return sigla_db_exec (db, "PRAGMA journal_mode = WAL", error) &&
         sigla_db_exec (db, "PRAGMA synchronous = NORMAL", error);
}

/* Sigla makes only UTF-8 files; the page size is SQLite's to check, but
 * only in the range SQLite writes. */
static gboolean
check_format (SiglaDb     *db,
              const char  *path,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, "PRAGMA encoding", error);
  gint64 page_size = 0;
  gboolean utf8;

  if (stmt == NULL || sigla_db_step (db, stmt, error) != SIGLA_STEP_ROW)
    return FALSE;
  utf8 = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "UTF-8") == 0;
  g_clear_pointer (&stmt, sigla_stmt_release);
  if (!sigla_db_query_int (db, "PRAGMA page_size", &page_size, error))
    return FALSE;

  if (!utf8 || page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED,
                   _("The project “%s” was changed by another program: its text encoding or page size "
                     "is not one Sigla writes"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_identity (SiglaDb     *db,
                const char  *path,
                gint64      *version,
                GError     **error)
{
  gint64 application_id;

  if (!sigla_db_query_int (db, "PRAGMA application_id", &application_id, error) ||
      !sigla_db_query_int (db, "PRAGMA user_version", version, error))
    return FALSE;

  if (application_id != SIGLA_APPLICATION_ID || *version < 1)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_PROJECT,
                   _("“%s” is an SQLite database but not a Sigla project"), path);
      return FALSE;
    }

  if (*version > sigla_schema_get_version ())
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_TOO_NEW,
                   _("The project “%s” was saved by a newer version of Sigla "
                     "(format %" PRId64 "; this version reads up to format %u). "
                     "It has been left untouched"),
                   path, *version, sigla_schema_get_version ());
      return FALSE;
    }

  return check_format (db, path, error) && sigla_schema_check (db, *version, error);
}

/* Up to this size every open checks the whole file (about 2 ms a MB);
 * above it, only a cut file is looked for, unless the caller asks. */
#define QUICK_CHECK_MAX_BYTES (8 * 1024 * 1024)

static guint32
read_be32 (const guint8 *bytes)
{
  return (guint32) bytes[0] << 24 | (guint32) bytes[1] << 16 | (guint32) bytes[2] << 8 | bytes[3];
}

/* A file cut short: its header counts more pages than it holds. The count
 * is only current when no write-ahead log holds newer pages. */
static gboolean
check_length (const char  *path,
              goffset      size,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 header[100];
  GStatBuf wal_stat;
  guint32 page_size;
  int fd;
  gssize n;

  if (g_stat (wal, &wal_stat) == 0 && wal_stat.st_size > 0)
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;
  n = read (fd, header, sizeof header);
  close (fd);
  if (n != sizeof header)
    return TRUE;

  page_size = header[16] << 8 | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (read_be32 (header + 24) == read_be32 (header + 92) &&
      size < (goffset) read_be32 (header + 28) * page_size)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_CORRUPT,
                   _("The project “%s” is damaged: the file is shorter than it should be"), path);
      return FALSE;
    }

  return TRUE;
}

/* Structural damage (a torn page, a cut file, flipped bytes in a b-tree)
 * is found before anything is read or written through it. SQLite keeps no
 * checksums of values, so damage inside a text stays invisible here. On a
 * project of 1,000 documents (35 MB) the whole check costs about 70 ms, too
 * much for each command of a script: so only up to QUICK_CHECK_MAX_BYTES,
 * or with SIGLA_OPEN_CHECK. */
static gboolean
check_not_damaged (SiglaDb     *db,
                   const char  *path,
                   gboolean     whole,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *verdict;
  SiglaStep step;
  GStatBuf file;

  if (!whole && g_stat (path, &file) == 0 && file.st_size > QUICK_CHECK_MAX_BYTES)
    return check_length (path, file.st_size, error);

  stmt = sigla_db_prepare (db, "PRAGMA quick_check(1)", error);
  /* A check of the whole file, however large, takes as long as it takes. */
  sigla_db_set_budget (db, 0);
  step = stmt != NULL ? sigla_db_step (db, stmt, error) : SIGLA_STEP_ERROR;
  sigla_db_set_budget (db, SIGLA_DB_BUDGET);
  if (step != SIGLA_STEP_ROW)
    return FALSE;

  verdict = (const char *) sqlite3_column_text (stmt, 0);
  if (verdict != NULL && g_str_has_prefix (verdict, "*** in database main ***\n"))
    verdict += strlen ("*** in database main ***\n");
  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_CORRUPT,
                   _("The project “%s” is damaged: %s"), path, verdict != NULL ? verdict : "?");
      return FALSE;
    }

  return TRUE;
}

/* A damaged project is left as it is, never repaired behind the user's
 * back; the message names the newest copy there is to go back to. */
static void
name_last_good_copy (const char  *path,
                     GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;

  if (error == NULL || *error == NULL || !g_error_matches (*error, SIGLA_ERROR, SIGLA_ERROR_CORRUPT))
    return;

  backups = sigla_project_list_backups (path);
  if (backups->len > 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s. The last good copy is “%s”"),
                                                  (*error)->message,
                                                  (const char *) backups->pdata[0]);

      g_free ((*error)->message);
      (*error)->message = g_steal_pointer (&message);
    }
}

/* Reading a project in write-ahead-log mode writes an index beside it
 * ("-shm"); on a full disk it cannot, and every read would fail. The
 * project is then read with that index in memory, which takes a connection
 * that could write and an exclusive lock (another program cannot write it
 * meanwhile); query_only keeps it from writing. So the user can still
 * search the project and export it to another disk. */
static SiglaDb *
open_for_reading (const char  *path,
                  GError     **error)
{
  g_autoptr(SiglaDb) db = sigla_db_open (path, SQLITE_OPEN_READONLY, error);
  g_autoptr(GError) probe_error = NULL;
  gint64 pages;

  if (db == NULL || sigla_db_query_int (db, "PRAGMA page_count", &pages, &probe_error) ||
      !g_error_matches (probe_error, SIGLA_ERROR, SIGLA_ERROR_IO))
    return g_steal_pointer (&db);

  g_clear_pointer (&db, sigla_db_close);
  db = sigla_db_open (path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL || !sigla_db_exec (db, "PRAGMA query_only = ON", error) ||
      !sigla_db_exec (db, "PRAGMA locking_mode = EXCLUSIVE", error))
    return NULL;
  g_message (_("The disk of “%s” is full: the project is read, but nothing can be saved to it until "
               "there is room"), path);
  return g_steal_pointer (&db);
}

/**
 * sigla_project_file_create:
 * @path: where nothing is yet
 *
 * Returns: (transfer full): a connection to a new file with Sigla's schema,
 *   or %NULL with @error set (and no file left)
 */
SiglaDb *
sigla_project_file_create (const char  *path,
                           GError     **error)
{
  g_autoptr(SiglaDb) db = sigla_db_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);

  if (db == NULL)
    return NULL;
  if (!configure_connection (db, FALSE, error) || !sigla_schema_create (db, error))
    {
      g_clear_pointer (&db, sigla_db_close);
      g_remove (path);
      return NULL;
    }
  return g_steal_pointer (&db);
}

/**
 * sigla_project_file_open:
 *
 * Refuses, leaving the file untouched, what is not a Sigla project, a
 * project from a newer Sigla, one another program changed, a damaged one,
 * and (for writing) a read-only file. A project of an older format is copied
 * beside itself and upgraded.
 *
 * Returns: (transfer full): a connection ready for use, or %NULL with @error set
 */
SiglaDb *
sigla_project_file_open (const char      *path,
                         SiglaOpenFlags   flags,
                         GError         **error)
{
  gboolean read_only = (flags & SIGLA_OPEN_READ_ONLY) != 0;
  g_autoptr(SiglaDb) db = NULL;
  gint64 version;

  if (!check_is_sqlite (path, error))
    return NULL;
  if (!read_only && !check_writable (path, error))
    return NULL;

  db = read_only ? open_for_reading (path, error) : sigla_db_open (path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL || !check_identity (db, path, &version, error) ||
      !check_not_damaged (db, path, (flags & SIGLA_OPEN_CHECK) != 0, error))
    {
      name_last_good_copy (path, error);
      return NULL;
    }

  if (!configure_connection (db, read_only, error))
    return NULL;

  if (version < sigla_schema_get_version ())
    {
      if (read_only)
        {
          g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_READ_ONLY,
                       _("The project “%s” is in an older format and must be opened for writing "
                       "once to be upgraded"), path);
          return NULL;
        }
      if (!sigla_schema_upgrade (db, version, error))
        return NULL;
    }
  return g_steal_pointer (&db);
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GStatBuf first, second;

  if (g_stat (*(const char * const *) a, &first) != 0 || g_stat (*(const char * const *) b, &second) != 0)
    return 0;

  return (first.st_mtime < second.st_mtime) - (first.st_mtime > second.st_mtime);
}

/**
 * sigla_project_list_backups:
 * @path: a project file, which need not open
 *
 * The copies kept beside a project: "NAME.sigla.v1.bak" from before an
 * upgrade, and any other "NAME.sigla….bak". For a project that fails to
 * open as damaged, the window offers the first.
 *
 * Returns: (transfer full) (element-type filename): their paths, newest first
 */
GPtrArray *
sigla_project_list_backups (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry, name) && entry[strlen (name)] == '.' && g_str_has_suffix (entry, ".bak"))
      g_ptr_array_add (backups, g_build_filename (folder, entry, NULL));

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}
