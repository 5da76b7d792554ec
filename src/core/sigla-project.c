/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-project.c: one open project file, its user actions and their undo journal. */

#define G_LOG_DOMAIN "sigla-project"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sigla-error.h"
#include "sigla-history.h"
#include "sigla-journal.h"
#include "sigla-project-file.h"
#include "sigla-project-private.h"


typedef struct
{
  SiglaChange change;
  gint64      id;
} PendingChange;

struct _SiglaProject
{
  GObject  parent_instance;

  SiglaDb *db;
  SiglaJournal *journal;      /* undo and redo, as rows */
  gboolean read_only;
  GArray  *pending_changes;   /* PendingChange, emitted once the action is on disk */
  GArray  *nested;            /* guint: pending_changes' length as each inner action began */
  GHashTable *to_index;       /* ids of documents to add to the full-text index at commit */
  guint    depth;             /* 0 outside an action, 1 in one, more in inner ones */
  gint64   data_version;      /* PRAGMA data_version when last asked: others' commits change it */
};

G_DEFINE_FINAL_TYPE (SiglaProject, sigla_project, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SiglaChange
change_for_table (const char *table)
{
  if (g_str_equal (table, "mentions"))
    return SIGLA_CHANGE_MENTION;
  if (g_str_equal (table, "claims") || g_str_equal (table, "claim_about"))
    return SIGLA_CHANGE_CLAIM;
  if (g_str_equal (table, "documents") || g_str_equal (table, "blocks"))
    return SIGLA_CHANGE_DOCUMENT;
  return SIGLA_CHANGE_ENTITY;
}

/* Whether a row of @table is what its change is about, by the same id. */
static gboolean
names_change (const char *table)
{
  return g_str_equal (table, "entities") || g_str_equal (table, "mentions") ||
         g_str_equal (table, "claims") || g_str_equal (table, "documents");
}

static void
emit_pending_changes (SiglaProject *self)
{
  g_autoptr(GArray) changes = g_steal_pointer (&self->pending_changes);

  self->pending_changes = g_array_new (FALSE, FALSE, sizeof (PendingChange));

  for (guint i = 0; i < changes->len; i++)
    {
      const PendingChange *pending = &g_array_index (changes, PendingChange, i);

      g_signal_emit (self, signals[CHANGED], 0, pending->change, pending->id);
    }
}

/* Whether the action under way changed documents: only then can the
 * history have grown by whole files. */
static gboolean
touched_documents (SiglaProject *self)
{
  for (guint i = 0; i < self->pending_changes->len; i++)
    if (g_array_index (self->pending_changes, PendingChange, i).change == SIGLA_CHANGE_DOCUMENT)
      return TRUE;
  return FALSE;
}

static gboolean
set_current_action (SiglaProject  *self,
                    gint64         action_id,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (self->db, "UPDATE history_state SET action_id = ?", error);

  if (stmt == NULL)
    return FALSE;

  if (action_id > 0)
    sqlite3_bind_int64 (stmt, 1, action_id);

  return sigla_db_run (self->db, stmt, error);
}

/* Puts a document that came in during the action into the full-text index
 * when the action commits, in one pass after all its other statements. */
void
sigla_project_index_document (SiglaProject *self,
                              gint64        id)
{
  g_hash_table_add (self->to_index, g_memdup2 (&id, sizeof id));
}

/* A document whose action was rolled back is no longer there: it is left out. */
static gboolean
index_documents (SiglaProject  *self,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer id;

  if (g_hash_table_size (self->to_index) == 0)
    return TRUE;

  stmt = sigla_db_prepare (self->db,
                           "INSERT INTO documents_fts(rowid, title, text) "
                           "SELECT id, title, text FROM documents WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, self->to_index);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) id);
      if (!sigla_db_run (self->db, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  g_hash_table_remove_all (self->to_index);
  return TRUE;
}

/* Takes back the rows @action_id changed, newest first. While they are
 * replayed, the journal's triggers log their reverse under the same action,
 * so that it can be replayed the other way next time. */
static gboolean
replay_action (SiglaProject  *self,
               gint64         action_id,
               GError       **error)
{
  g_autoptr(GArray) rows = sigla_journal_take_rows (self->journal, action_id, error);

  if (rows == NULL)
    return FALSE;

  /* Rows come back in reverse order of their dependencies (a mention before
   * its document); the keys are checked once the whole action is replayed. */
  if (!sigla_db_exec (self->db, "PRAGMA defer_foreign_keys = ON", error) ||
      !set_current_action (self, action_id, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const SiglaJournalRow *row = &g_array_index (rows, SiglaJournalRow, i);

      if (!sigla_journal_reverse (self->journal, action_id, row, error))
        return FALSE;
      /* A row of a table of its own names what changed; an alias, a link or a
       * relation names only itself: its entity is one of many (0). */
      sigla_project_note_change (self, change_for_table (row->table),
                                 names_change (row->table) ? row->row_id : 0);
      /* A document put back or given its former words goes into the index again. */
      if (g_str_equal (row->table, "documents") && !g_str_equal (row->op, "insert"))
        sigla_project_index_document (self, row->row_id);
    }

  return set_current_action (self, 0, error);
}

static gboolean
step_history (SiglaProject  *self,
              gboolean       undo,
              char         **label,
              GError       **error)
{
  const char *find_sql = undo
    ? "SELECT id, label FROM history_actions WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    : "SELECT id, label FROM history_actions WHERE undone = 1 ORDER BY id ASC LIMIT 1";
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autofree char *action_label = NULL;
  gint64 action_id;

  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!sigla_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  find = sigla_db_prepare (self->db, find_sql, error);
  if (find == NULL)
    goto failed;

  switch (sigla_db_step (self->db, find, error))
    {
    case SIGLA_STEP_ROW:
      action_id = sqlite3_column_int64 (find, 0);
      action_label = sigla_stmt_dup_text (find, 1);
      break;
    case SIGLA_STEP_DONE:
      g_set_error_literal (error, SIGLA_ERROR,
                           undo ? SIGLA_ERROR_NOTHING_TO_UNDO : SIGLA_ERROR_NOTHING_TO_REDO,
                           undo ? "There is nothing to undo" : "There is nothing to redo");
      goto failed;
    case SIGLA_STEP_ERROR:
    default:
      goto failed;
    }
  g_clear_pointer (&find, sigla_stmt_release);

  if (!replay_action (self, action_id, error))
    goto failed;

  mark = sigla_db_prepare (self->db, "UPDATE history_actions SET undone = ? WHERE id = ?", error);
  if (mark == NULL)
    goto failed;
  sqlite3_bind_int (mark, 1, undo);
  sqlite3_bind_int64 (mark, 2, action_id);
  if (!sigla_db_run (self->db, mark, error) || !index_documents (self, error) ||
      !sigla_history_trim (self, touched_documents (self), NULL, error) ||
      !sigla_db_check_in_place (self->db, error) || !sigla_db_exec (self->db, "COMMIT", error))
    goto failed;

  emit_pending_changes (self);
  if (label != NULL)
    *label = g_steal_pointer (&action_label);
  return TRUE;

failed:
  sigla_project_abort_action (self);
  return FALSE;
}

static void
sigla_project_finalize (GObject *object)
{
  SiglaProject *self = SIGLA_PROJECT (object);

  g_clear_pointer (&self->journal, sigla_journal_free);
  g_clear_pointer (&self->db, sigla_db_close);
  g_clear_pointer (&self->pending_changes, g_array_unref);
  g_clear_pointer (&self->nested, g_array_unref);
  g_clear_pointer (&self->to_index, g_hash_table_unref);

  G_OBJECT_CLASS (sigla_project_parent_class)->finalize (object);
}

static void
sigla_project_class_init (SiglaProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sigla_project_finalize;

  /**
   * SiglaProject::changed:
   * @change: a #SiglaChange: what kind of object changed
   * @id: the row that changed, or 0 for several
   *
   * Emitted after an action (or its undo or redo) is committed to disk.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
}

static void
sigla_project_init (SiglaProject *self)
{
  self->pending_changes = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  self->nested = g_array_new (FALSE, FALSE, sizeof (guint));
  self->to_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* A project on @db, which it takes. */
static SiglaProject *
project_new (SiglaDb  *db,
             gboolean  read_only)
{
  SiglaProject *self = g_object_new (SIGLA_TYPE_PROJECT, NULL);

  self->db = db;
  self->journal = sigla_journal_new (db);
  self->read_only = read_only;
  return self;
}

/**
 * sigla_project_create:
 * @path: where to create the project file; nothing may exist there yet
 *
 * Returns: (transfer full): the new, empty project
 */
SiglaProject *
sigla_project_create (const char  *path,
                      GError     **error)
{
  g_autoptr(SiglaDb) db = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EXISTS,
                   _("Cannot create the project “%s”: a file of that name exists already"), path);
      return NULL;
    }

  if ((db = sigla_project_file_create (path, error)) == NULL)
    return NULL;
  return project_new (g_steal_pointer (&db), FALSE);
}

/**
 * sigla_project_open:
 * @path: an existing project file
 * @flags: #SIGLA_OPEN_READ_ONLY to only read it
 *
 * Opens @path after every check of sigla_project_file_open(), which says
 * what is refused, and upgrades an older format.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
SiglaProject *
sigla_project_open (const char      *path,
                    SiglaOpenFlags   flags,
                    GError         **error)
{
  gboolean read_only = (flags & SIGLA_OPEN_READ_ONLY) != 0;
  g_autoptr(SiglaProject) self = NULL;
  g_autoptr(SiglaDb) db = sigla_project_file_open (path, flags, error);

  if (db == NULL)
    return NULL;
  self = project_new (g_steal_pointer (&db), read_only);
  sigla_project_changed_elsewhere (self);
  return g_steal_pointer (&self);
}

/**
 * sigla_project_changed_elsewhere:
 *
 * Whether another connection to the file (another window, sigla-cli, an
 * import in a thread) has committed since the project was opened or this was
 * last asked: what a window shows of the project is then out of date.
 */
gboolean
sigla_project_changed_elsewhere (SiglaProject *self)
{
  gint64 version = 0;
  gboolean changed;

  g_return_val_if_fail (SIGLA_IS_PROJECT (self), FALSE);

  if (!sigla_db_query_int (self->db, "PRAGMA data_version", &version, NULL))
    return FALSE;

  changed = self->data_version != 0 && version != self->data_version;
  self->data_version = version;
  return changed;
}

const char *
sigla_project_get_path (SiglaProject *self)
{
  g_return_val_if_fail (SIGLA_IS_PROJECT (self), NULL);

  return sigla_db_get_path (self->db);
}

SiglaDb *
sigla_project_get_db (SiglaProject *self)
{
  return self->db;
}

char *
sigla_project_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* An action begun inside another is a savepoint of it: it can fail alone,
 * and it is undone with the outer one. */
static gboolean
begin_inner_action (SiglaProject  *self,
                    GError       **error)
{
  guint pending = self->pending_changes->len;

  if (!sigla_db_exec (self->db, "SAVEPOINT inner_action", error))
    return FALSE;

  g_array_append_val (self->nested, pending);
  self->depth++;
  return TRUE;
}

/* Starts one user action: a write transaction whose changes the journal
 * records under a new history entry. Starting one drops what could be redone. */
gboolean
sigla_project_begin_action (SiglaProject  *self,
                            const char    *label,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) drop_redo = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = NULL;

  if (self->depth > 0)
    return begin_inner_action (self, error);

  if (!sigla_db_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->depth = 1;

  drop_redo = sigla_db_prepare (self->db, "DELETE FROM history_actions WHERE undone = 1", error);
  if (drop_redo == NULL || !sigla_db_run (self->db, drop_redo, error))
    goto failed;

  insert = sigla_db_prepare (self->db,
                             "INSERT INTO history_actions(label, created) VALUES (?, ?)",
                             error);
  if (insert == NULL)
    goto failed;
  now = sigla_project_now ();
  sqlite3_bind_text (insert, 1, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, now, -1, SQLITE_TRANSIENT);
  if (!sigla_db_run (self->db, insert, error) ||
      !set_current_action (self, sigla_db_last_rowid (self->db), error))
    goto failed;

  return TRUE;

failed:
  sigla_project_abort_action (self);
  return FALSE;
}

/* Commits the action: once this returns TRUE the change is on disk. An
 * inner action only joins the one around it. */
gboolean
sigla_project_end_action (SiglaProject  *self,
                          GError       **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      if (!sigla_db_exec (self->db, "RELEASE inner_action", error))
        {
          sigla_project_abort_action (self);
          return FALSE;
        }
      g_array_set_size (self->nested, self->nested->len - 1);
      self->depth--;
      return TRUE;
    }

  if (!index_documents (self, error) || !set_current_action (self, 0, error) ||
      !sigla_history_trim (self, touched_documents (self), NULL, error) ||
      !sigla_db_check_in_place (self->db, error) || !sigla_db_exec (self->db, "COMMIT", error))
    {
      sigla_project_abort_action (self);
      return FALSE;
    }

  self->depth = 0;
  emit_pending_changes (self);
  return TRUE;
}

/* Drops what the action did; an inner action only its own part. */
void
sigla_project_abort_action (SiglaProject *self)
{
  if (self->depth > 1)
    {
      guint pending = g_array_index (self->nested, guint, self->nested->len - 1);

      sigla_db_exec (self->db, "ROLLBACK TO inner_action", NULL);
      sigla_db_exec (self->db, "RELEASE inner_action", NULL);
      g_array_set_size (self->nested, self->nested->len - 1);
      g_array_set_size (self->pending_changes, pending);
      self->depth--;
      return;
    }

  if (!sqlite3_get_autocommit (sigla_db_get_handle (self->db)))
    sigla_db_exec (self->db, "ROLLBACK", NULL);

  self->depth = 0;
  g_array_set_size (self->nested, 0);
  g_array_set_size (self->pending_changes, 0);
  g_hash_table_remove_all (self->to_index);
}

void
sigla_project_note_change (SiglaProject *self,
                           SiglaChange   change,
                           gint64        id)
{
  PendingChange pending = { change, id };

  g_array_append_val (self->pending_changes, pending);
}

/* Deletes one row of @table (a fixed table name, never user input) as one action. */
gboolean
sigla_project_delete_row (SiglaProject  *self,
                          const char    *label,
                          const char    *table,
                          gint64         id,
                          SiglaChange    change,
                          const char    *what,
                          GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!sigla_project_begin_action (self, label, error))
    return FALSE;

  stmt = sigla_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!sigla_db_run (self->db, stmt, error))
    goto failed;

  if (sqlite3_changes (sigla_db_get_handle (self->db)) == 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                   _("There is no %s %" PRId64 " in this project"), what, id);
      goto failed;
    }

  sigla_project_note_change (self, change, id);
  return sigla_project_end_action (self, error);

failed:
  sigla_project_abort_action (self);
  return FALSE;
}

gboolean
sigla_project_get_counts (SiglaProject  *self,
                          SiglaCounts   *counts,
                          GError       **error)
{
  g_return_val_if_fail (SIGLA_IS_PROJECT (self), FALSE);

  return sigla_db_query_int (self->db, "SELECT count(*) FROM documents", &counts->documents, error) &&
         sigla_db_query_int (self->db, "SELECT count(*) FROM entities", &counts->entities, error) &&
         sigla_db_query_int (self->db, "SELECT count(*) FROM mentions", &counts->mentions, error) &&
         sigla_db_query_int (self->db, "SELECT count(*) FROM claims", &counts->claims, error);
}

static gboolean
has_history (SiglaProject *self,
             gboolean      undone)
{
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (self->db, "SELECT 1 FROM history_actions WHERE undone = ? LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, undone);
  return sigla_db_step (self->db, stmt, NULL) == SIGLA_STEP_ROW;
}

gboolean
sigla_project_can_undo (SiglaProject *self)
{
  g_return_val_if_fail (SIGLA_IS_PROJECT (self), FALSE);

  return has_history (self, FALSE);
}

gboolean
sigla_project_can_redo (SiglaProject *self)
{
  g_return_val_if_fail (SIGLA_IS_PROJECT (self), FALSE);

  return has_history (self, TRUE);
}

gboolean
sigla_project_undo (SiglaProject  *self,
                    char         **label,
                    GError       **error)
{
  g_return_val_if_fail (SIGLA_IS_PROJECT (self), FALSE);

  return step_history (self, TRUE, label, error);
}

gboolean
sigla_project_redo (SiglaProject  *self,
                    char         **label,
                    GError       **error)
{
  g_return_val_if_fail (SIGLA_IS_PROJECT (self), FALSE);

  return step_history (self, FALSE, label, error);
}
