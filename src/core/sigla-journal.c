/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-journal.c: undo and redo as rows of data, replayed by statements of Sigla's own.
 *
 * The journal's triggers log what an action changed: the table, the
 * operation, the row's id and a shadow copy of the row as it was
 * ("<table>_trash"). Taking a step back runs statements built here from the
 * journalled tables' columns, never SQL read from the file, and checks that
 * each row is as the journal says: a project whose rows do not match its
 * history is refused, not half undone. */

#define G_LOG_DOMAIN "sigla-journal"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "sigla-error.h"
#include "sigla-journal.h"
#include "sigla-schema.h"

/* The statements that take back one table's changes. */
typedef struct
{
  char *remove;           /* an inserted row */
  char *exists;
  char *restore_deleted;  /* a deleted row, from its shadow copy */
  char *restore_updated;  /* an updated row's values, from its shadow copy */
  char *drop_shadow;
} TableStatements;

struct _SiglaJournal
{
  SiglaDb    *db;
  GHashTable *tables;   /* table name -> TableStatements */
};

static void
table_statements_free (gpointer data)
{
  TableStatements *statements = data;

  g_free (statements->remove);
  g_free (statements->exists);
  g_free (statements->restore_deleted);
  g_free (statements->restore_updated);
  g_free (statements->drop_shadow);
  g_free (statements);
}

SiglaJournal *
sigla_journal_new (SiglaDb *db)
{
  SiglaJournal *journal = g_new0 (SiglaJournal, 1);

  journal->db = db;
  journal->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, table_statements_free);
  return journal;
}

void
sigla_journal_free (SiglaJournal *journal)
{
  if (journal == NULL)
    return;
  g_hash_table_unref (journal->tables);
  g_free (journal);
}

static void
journal_row_clear (gpointer data)
{
  SiglaJournalRow *row = data;

  g_free (row->table);
  g_free (row->op);
}

static gboolean
is_op (const char *op)
{
  return g_strcmp0 (op, "insert") == 0 || g_strcmp0 (op, "delete") == 0 || g_strcmp0 (op, "update") == 0;
}

static gboolean
refuse (SiglaJournal           *journal,
        const SiglaJournalRow  *row,
        GError                **error)
{
  const char *done = g_str_equal (row->op, "insert") ? "added" : g_str_equal (row->op, "delete") ? "deleted"
                                                                                                  : "changed";

  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED,
               _("The undo history of “%s” does not match the project (row %" PRId64 " of %s, which it "
                 "says was %s, is not as it says): the file was changed by another program; "
                 "nothing was undone"),
               sigla_db_get_path (journal->db), row->row_id, row->table, done);
  return FALSE;
}

/**
 * sigla_journal_take_rows:
 * @action_id: a history action
 *
 * Reads the rows @action_id changed, newest first, and takes them out of
 * the journal: replaying them logs their reverse in their place.
 *
 * Returns: (transfer full) (element-type SiglaJournalRow): the rows, or %NULL
 *   with @error set, also when a row names a table or an operation the
 *   journal never logs
 */
GArray *
sigla_journal_take_rows (SiglaJournal  *journal,
                         gint64         action_id,
                         GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (SiglaJournalRow));
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  SiglaStep step;

  g_array_set_clear_func (rows, journal_row_clear);
  select = sigla_db_prepare (journal->db,
                             "SELECT tbl, op, row_id, trash_id FROM history_rows "
                             "WHERE action_id = ? ORDER BY seq DESC",
                             error);
  if (select == NULL)
    return NULL;

  sqlite3_bind_int64 (select, 1, action_id);
  while ((step = sigla_db_step (journal->db, select, error)) == SIGLA_STEP_ROW)
    {
      SiglaJournalRow row = {
        sigla_stmt_dup_text (select, 0),
        sigla_stmt_dup_text (select, 1),
        sqlite3_column_int64 (select, 2),
        sqlite3_column_int64 (select, 3),
      };
      gboolean known = sigla_schema_is_journalled (row.table) && is_op (row.op) &&
                       (row.trash_id > 0) == !g_str_equal (row.op, "insert");

      g_array_append_val (rows, row);
      if (!known)
        {
          g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED,
                       _("The undo history of “%s” holds a step Sigla does not write: the file was "
                         "changed by another program; nothing was undone"),
                       sigla_db_get_path (journal->db));
          return NULL;
        }
    }
  if (step == SIGLA_STEP_ERROR)
    return NULL;
  g_clear_pointer (&select, sigla_stmt_release);

  clear = sigla_db_prepare (journal->db, "DELETE FROM history_rows WHERE action_id = ?", error);
  if (clear == NULL)
    return NULL;
  sqlite3_bind_int64 (clear, 1, action_id);
  if (!sigla_db_run (journal->db, clear, error))
    return NULL;

  return g_steal_pointer (&rows);
}

static const TableStatements *
statements_for (SiglaJournal  *journal,
                const char    *table,
                GError       **error)
{
  TableStatements *statements = g_hash_table_lookup (journal->tables, table);
  g_autofree char *columns = NULL;

  if (statements != NULL)
    return statements;
  /* @table is one of the journalled tables, checked when it was read. */
  if ((columns = sigla_schema_columns (journal->db, table, error)) == NULL)
    return NULL;

  statements = g_new0 (TableStatements, 1);
  statements->remove = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table);
  statements->exists = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
  statements->restore_deleted = g_strdup_printf ("INSERT INTO %s(id,%s) SELECT id,%s FROM %s_trash "
                                                 "WHERE trash_id = ?2 AND id = ?1 AND action_id = ?3",
                                                 table, columns, columns, table);
  statements->restore_updated = g_strdup_printf ("UPDATE %s SET (%s) = (SELECT %s FROM %s_trash WHERE trash_id = ?2) "
                                                 "WHERE id = ?1 AND EXISTS (SELECT 1 FROM %s_trash "
                                                 "WHERE trash_id = ?2 AND id = ?1 AND action_id = ?3)",
                                                 table, columns, columns, table, table);
  statements->drop_shadow = g_strdup_printf ("DELETE FROM %s_trash WHERE trash_id = ?2", table);
  g_hash_table_insert (journal->tables, g_strdup (table), statements);
  return statements;
}

/* Runs one of the statements above, which all take ?1 the row's id, ?2 its
 * shadow copy and ?3 the action; @found: whether it found or changed a row. */
static gboolean
run_for_row (SiglaJournal           *journal,
             const char             *sql,
             gint64                  action_id,
             const SiglaJournalRow  *row,
             gboolean               *found,
             GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (journal->db, sql, error);
  const gint64 values[] = { row->row_id, row->trash_id, action_id };
  SiglaStep step;

  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < sqlite3_bind_parameter_count (stmt) && i < (int) G_N_ELEMENTS (values); i++)
    sqlite3_bind_int64 (stmt, i + 1, values[i]);

  step = sigla_db_step (journal->db, stmt, error);
  if (step == SIGLA_STEP_ERROR)
    return FALSE;
  if (found != NULL)
    *found = sqlite3_stmt_readonly (stmt) ? step == SIGLA_STEP_ROW
                                          : sqlite3_changes (sigla_db_get_handle (journal->db)) > 0;
  return step == SIGLA_STEP_DONE || sigla_db_run (journal->db, stmt, error);
}

/* The full-text index holds a document's words until they change: its
 * entry goes before the row is deleted or overwritten. */
static gboolean
unindex_document (SiglaJournal  *journal,
                  gint64         id,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (journal->db,
                      "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
                      "SELECT 'delete', id, title, text FROM documents WHERE id = ?",
                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sigla_db_run (journal->db, stmt, error);
}

/**
 * sigla_journal_reverse:
 * @action_id: the action @row belongs to
 * @row: one row the action changed
 *
 * Takes the change back: removes an inserted row, puts a deleted one back,
 * gives an updated one its former values. The journal's triggers log the
 * reverse under @action_id, for the next step the other way. A document's
 * entry leaves the full-text index here; the caller indexes a document put
 * back or changed once the action commits.
 *
 * Returns: %FALSE with @error set, %SIGLA_ERROR_TAMPERED when the row is
 *   not as the journal says
 */
gboolean
sigla_journal_reverse (SiglaJournal           *journal,
                       gint64                  action_id,
                       const SiglaJournalRow  *row,
                       GError                **error)
{
  const TableStatements *statements = statements_for (journal, row->table, error);
  gboolean is_document = g_str_equal (row->table, "documents");
  gboolean found = FALSE;

  if (statements == NULL)
    return FALSE;

  if (g_str_equal (row->op, "insert"))
    {
      if (is_document && !unindex_document (journal, row->row_id, error))
        return FALSE;
      if (!run_for_row (journal, statements->remove, action_id, row, &found, error))
        return FALSE;
      return found || refuse (journal, row, error);
    }

  if (g_str_equal (row->op, "delete"))
    {
      if (!run_for_row (journal, statements->exists, action_id, row, &found, error))
        return FALSE;
      if (found)
        return refuse (journal, row, error);
      if (!run_for_row (journal, statements->restore_deleted, action_id, row, &found, error))
        return FALSE;
    }
  else
    {
      if (is_document && !unindex_document (journal, row->row_id, error))
        return FALSE;
      if (!run_for_row (journal, statements->restore_updated, action_id, row, &found, error))
        return FALSE;
    }
  if (!found)
    return refuse (journal, row, error);
  return run_for_row (journal, statements->drop_shadow, action_id, row, NULL, error);
}
