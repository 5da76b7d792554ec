/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-db.c: a small SQLite connection wrapper with cached statements and GError. */

#define G_LOG_DOMAIN "sigla-db"

#include <glib/gi18n-lib.h>
#include "sigla-db.h"
#include "sigla-error.h"

/* How long a write waits for another program's transaction before it gives up. */
#define BUSY_TIMEOUT_MS 2000
/* The progress handler looks at the clock every so many virtual machine steps. */
#define PROGRESS_STEPS 4000

struct _SiglaDb
{
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt*, prepared once */
  gint64      deadline;     /* monotonic time the running statement must end by, or 0 */
  gint64      budget;       /* how long one step of a read may run, in µs; 0: no limit */
  gboolean    migrating;    /* the schema may change: only while Sigla upgrades a file */
  gboolean    vacuuming;    /* the file is written anew: only when the user compacts it */
  gboolean    refused;      /* the last statement asked for what the authorizer refused */
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
    case SQLITE_AUTH:
      return SIGLA_ERROR_TAMPERED;
    case SQLITE_INTERRUPT:
      return SIGLA_ERROR_TOO_SLOW;
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

  switch (db->refused ? SIGLA_ERROR_TAMPERED : error_code_for (rc))
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
    case SIGLA_ERROR_TAMPERED:
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED,
                   _("The project “%s” asked Sigla to do what it never does (%s): "
                     "the file was changed by another program; nothing was done"),
                   path, db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      break;
    case SIGLA_ERROR_TOO_SLOW:
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_TOO_SLOW,
                   _("The project “%s” took too long to answer (more than %d s): it may hold "
                     "something Sigla did not write; nothing was changed"),
                   path, (int) (db->budget / G_USEC_PER_SEC));
      break;
    case SIGLA_ERROR_IO:
      /* SQLite says "disk I/O error" for a full disk (or a file-size
       * limit) as for a failing one, and keeps no errno: say both. */
      if (rc == SQLITE_FULL || rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_SHMSIZE ||
          rc == SQLITE_IOERR_SHMOPEN || rc == SQLITE_IOERR_TRUNCATE)
        g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO,
                     _("The project “%s” could not be written: the disk is full or refused the write; "
                       "the change was not saved"), path);
      else
        g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO,
                     _("The project “%s” could not be written: %s"), path,
                     db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      break;
    case SIGLA_ERROR_FAILED:
      /* SQLite's own words ("unsupported file format", "no such table") say
       * nothing of which file: the project is named. */
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_FAILED, _("The project “%s” could not be read: %s"), path,
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

/* -- what a project file may make Sigla do ---------------------------------- */

/* Every function Sigla's own statements, its schema's triggers and FTS5's
 * own statements call: a file cannot smuggle in another (fts3_tokenizer,
 * load_extension, readfile …). */
static const char * const allowed_functions[] = {
  "->>", "coalesce", "count", "fts5", "highlight", "json_each", "last_insert_rowid", "length",
  "match", "max", "min", "sigla_hits", "snippet", "bm25", "sum",
};

/* Pragmas Sigla reads or sets; those that write the schema's identity only
 * while it upgrades a file. */
static const char * const allowed_pragmas[] = {
  "cache_size", "data_version", "defer_foreign_keys", "foreign_keys", "journal_mode", "locking_mode",
  "page_count", "query_only", "quick_check", "synchronous", "table_info",
};
static const char * const migration_pragmas[] = {
  "application_id", "user_version", "encoding", "page_size", "wal_checkpoint",
};

static gboolean
in_list (const char         *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; name != NULL && i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Allows what Sigla's own statements do, nothing more: reading and writing
 * rows, transactions, the functions and pragmas above, and changing the
 * schema only while Sigla itself upgrades the file. ATTACH, DETACH, VACUUM
 * (an ATTACH inside), views and temporary objects are never allowed. */
static gboolean
allowed (SiglaDb    *db,
         int         action,
         const char *arg1,
         const char *arg2)
{
  switch (action)
    {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      return TRUE;
    case SQLITE_FUNCTION:
      /* ALTER TABLE runs SQLite's own functions (sqlite_rename_table, printf …). */
      return db->migrating || in_list (arg2, allowed_functions, G_N_ELEMENTS (allowed_functions));
    case SQLITE_PRAGMA:
      if (in_list (arg1, allowed_pragmas, G_N_ELEMENTS (allowed_pragmas)))
        return TRUE;
      return in_list (arg1, migration_pragmas, G_N_ELEMENTS (migration_pragmas)) &&
             (arg2 == NULL || db->migrating);
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_VTABLE:
    case SQLITE_ALTER_TABLE:
    case SQLITE_REINDEX:
      return db->migrating;
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      /* VACUUM attaches its copy, "vacuum_db", and takes it away: nothing else may. */
      return db->vacuuming;
    default:
      return FALSE;
    }
}

static int
authorize_cb (void       *data,
              int         action,
              const char *arg1,
              const char *arg2,
              const char *database,
              const char *trigger)
{
  SiglaDb *db = data;

  (void) database;
  if (allowed (db, action, arg1, arg2))
    return SQLITE_OK;

  db->refused = TRUE;
  g_debug ("Refused in “%s”: action %d (%s, %s) in %s", db->path, action,
           arg1 != NULL ? arg1 : "", arg2 != NULL ? arg2 : "", trigger != NULL ? trigger : "a statement");
  return SQLITE_DENY;
}

/* Stops a statement past its deadline: SQLite then fails it with SQLITE_INTERRUPT. */
static int
progress_cb (void *data)
{
  SiglaDb *db = data;

  return db->deadline != 0 && g_get_monotonic_time () > db->deadline;
}

/* A file is data: the schema it carries may not call what is not innocuous
 * (trusted_schema off), nor write its own schema or the shadow tables of
 * the full-text index (defensive), nor attach other files, nor hold views. */
static gboolean
harden (SiglaDb *db)
{
  sqlite3 *handle = db->handle;
  int set = -1;

  if (sqlite3_db_config (handle, SQLITE_DBCONFIG_DEFENSIVE, 1, &set) != SQLITE_OK || set != 1 ||
      sqlite3_db_config (handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &set) != SQLITE_OK || set != 0 ||
      sqlite3_db_config (handle, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &set) != SQLITE_OK || set != 0 ||
      sqlite3_db_config (handle, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, &set) != SQLITE_OK || set != 0 ||
      sqlite3_db_config (handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &set) != SQLITE_OK || set != 0)
    return FALSE;

  sqlite3_limit (handle, SQLITE_LIMIT_ATTACHED, 0);
  /* Sigla's triggers go two deep (a journal trigger in a cascade): more is a file's. */
  sqlite3_limit (handle, SQLITE_LIMIT_TRIGGER_DEPTH, 8);
  sqlite3_set_authorizer (handle, authorize_cb, db);
  sqlite3_progress_handler (handle, PROGRESS_STEPS, progress_cb, db);
  return TRUE;
}

SiglaDb *
sigla_db_open (const char  *path,
               int          flags,
               GError     **error)
{
  g_autoptr(SiglaDb) db = g_new0 (SiglaDb, 1);
  int rc;

  db->path = g_strdup (path);
  db->budget = SIGLA_DB_BUDGET;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &db->handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sigla_db_set_error (db, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  if (!harden (db))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_FAILED,
                   _("Cannot open “%s” safely: this SQLite lacks the settings Sigla needs (3.31 or newer)"),
                   path);
      return NULL;
    }

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

/* A step of a statement that reads may run SIGLA_DB_BUDGET: far beyond any of
 * Sigla's own, so that a file made to loop is stopped, not waited on. What
 * runs inside a write transaction (an action, an undo: work as long as what
 * the user imports), a migration or a compaction is Sigla's own work on
 * data it checked, and is not cut short. */
static void
start_clock (SiglaDb *db)
{
  gboolean own_work = db->budget == 0 || db->migrating ||
                      sqlite3_txn_state (db->handle, NULL) == SQLITE_TXN_WRITE;

  db->refused = FALSE;
  db->deadline = own_work ? 0 : g_get_monotonic_time () + db->budget;
}

gboolean
sigla_db_exec (SiglaDb     *db,
               const char  *sql,
               GError     **error)
{
  int rc;

  start_clock (db);
  rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
  db->deadline = 0;
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

  db->refused = FALSE;
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
  int rc;

  start_clock (db);
  rc = sqlite3_step (stmt);
  db->deadline = 0;
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

/* How long a read may run, in µs; 0: as long as it takes (a check of the
 * whole file the user asked for). */
void
sigla_db_set_budget (SiglaDb *db,
                     gint64   budget)
{
  db->budget = budget;
}

/* Only while Sigla upgrades or creates a file may its schema change. */
void
sigla_db_set_migrating (SiglaDb  *db,
                        gboolean  migrating)
{
  db->migrating = migrating;
}

/* Writes the file anew without its free pages, and empties the write-ahead
 * log: the one statement that may rewrite the file, asked for by the user. */
gboolean
sigla_db_vacuum (SiglaDb  *db,
                 GError  **error)
{
  gboolean done;

  db->migrating = db->vacuuming = TRUE;
  sqlite3_limit (db->handle, SQLITE_LIMIT_ATTACHED, 1);
  done = sigla_db_exec (db, "VACUUM", error) && sigla_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  sqlite3_limit (db->handle, SQLITE_LIMIT_ATTACHED, 0);
  db->migrating = db->vacuuming = FALSE;
  return done;
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
