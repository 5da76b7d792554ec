/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-db.c: a small SQLite connection wrapper with cached statements and GError. */

#define G_LOG_DOMAIN "sigla-db"

#include <glib/gi18n-lib.h>
#include "sigla-db.h"
#include "sigla-error.h"

/* How long a write waits for another program's transaction before it gives up. */
#define BUSY_TIMEOUT_MS 2000

struct _SiglaDb
{
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt*, prepared once */
};

static SiglaError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SIGLA_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return SIGLA_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
      return SIGLA_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return SIGLA_ERROR_NOT_SQLITE;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return SIGLA_ERROR_INVALID;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return SIGLA_ERROR_IO;
    default:
      return SIGLA_ERROR_FAILED;
    }
}

void
sigla_db_set_error (SiglaDb  *db,
                    int       rc,
                    GError  **error)
{
  const char *path = db->path;

  switch (error_code_for (rc))
    {
    case SIGLA_ERROR_LOCKED:
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_LOCKED,
                   _("The project “%s” is in use by another program; try again when it has finished"),
                   path);
      break;
    case SIGLA_ERROR_READ_ONLY:
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_READ_ONLY,
                   _("The project “%s” cannot be written: the file or its folder is read-only"),
                   path);
      break;
    case SIGLA_ERROR_CORRUPT:
    case SIGLA_ERROR_NOT_SQLITE:
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_CORRUPT,
                   _("The project “%s” is damaged: %s"), path, sqlite3_errstr (rc));
      break;
    case SIGLA_ERROR_IO:
      /* SQLite says "disk I/O error" for a full disk (or a file-size
       * limit) as for a failing one, and keeps no errno: say both. */
      if (rc == SQLITE_FULL || rc == SQLITE_IOERR_WRITE)
        g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO,
                     _("The project “%s” could not be written: the disk is full or refused the write; "
                       "the change was not saved"), path);
      else
        g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO,
                     _("The project “%s” could not be written: %s"), path,
                     db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      break;
    default:
      g_set_error (error, SIGLA_ERROR, error_code_for (rc),
                   _("%s"), db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      break;
    }
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

SiglaDb *
sigla_db_open (const char  *path,
               int          flags,
               GError     **error)
{
  g_autoptr(SiglaDb) db = g_new0 (SiglaDb, 1);
  int rc;

  db->path = g_strdup (path);
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &db->handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sigla_db_set_error (db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);

  return g_steal_pointer (&db);
}

void
sigla_db_close (SiglaDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  g_free (db->path);
  g_free (db);
}

sqlite3 *
sigla_db_get_handle (SiglaDb *db)
{
  return db->handle;
}

const char *
sigla_db_get_path (SiglaDb *db)
{
  return db->path;
}

gboolean
sigla_db_exec (SiglaDb     *db,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      sigla_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Returns a statement ready to bind, owned by @db: release it with
 * sigla_stmt_release() (g_autoptr does) so the next caller finds it reset. */
sqlite3_stmt *
sigla_db_prepare (SiglaDb     *db,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sigla_db_set_error (db, rc, error);
      return NULL;
    }

  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

SiglaStep
sigla_db_step (SiglaDb       *db,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return SIGLA_STEP_ROW;
  if (rc == SQLITE_DONE)
    return SIGLA_STEP_DONE;

  sigla_db_set_error (db, rc, error);
  return SIGLA_STEP_ERROR;
}

/* Steps a statement that returns no rows. */
gboolean
sigla_db_run (SiglaDb       *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  SiglaStep step;

  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    ;

  return step == SIGLA_STEP_DONE;
}

gboolean
sigla_db_query_int (SiglaDb     *db,
                    const char  *sql,
                    gint64      *value,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      *value = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    case SIGLA_STEP_DONE:
      *value = 0;
      return TRUE;
    case SIGLA_STEP_ERROR:
    default:
      return FALSE;
    }
}

gint64
sigla_db_last_rowid (SiglaDb *db)
{
  return sqlite3_last_insert_rowid (db->handle);
}

/* Whether the file at the connection's path is still the one it opened. A
 * file removed or replaced under an open project would take every later
 * commit into an inode no one can reach: data lost without a word. */
gboolean
sigla_db_check_in_place (SiglaDb  *db,
                         GError  **error)
{
  int moved = 0;

  if (sqlite3_file_control (db->handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
      moved)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_MOVED,
                   _("The project file “%s” was removed or replaced while it was open; "
                     "this change was not saved"),
                   db->path);
      return FALSE;
    }

  return TRUE;
}

void
sigla_stmt_release (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

char *
sigla_stmt_dup_text (sqlite3_stmt *stmt,
                     int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}
