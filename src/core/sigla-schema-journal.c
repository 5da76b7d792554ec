/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-schema-journal.c: the undo journal's tables and triggers, which every
 * migration that changes a table of data makes again. */

#define G_LOG_DOMAIN "sigla-schema"

#include "sigla-schema.h"
#include "sigla-schema-private.h"

typedef struct
{
  char *name;   /* quoted: "end" */
  char *type;
} Column;

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_free (column->type);
  g_free (column);
}

/* The columns of @table but its id, which the journal handles itself. */
static GPtrArray *
list_columns (SiglaDb     *db,
              const char  *table,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (column_free);
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, sql, error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      Column *column;

      if (g_strcmp0 (name, "id") == 0)
        continue;

      column = g_new0 (Column, 1);
      column->name = g_strdup_printf ("\"%s\"", name);
      column->type = sigla_stmt_dup_text (stmt, 2);
      g_ptr_array_add (columns, column);
    }

  if (step == SIGLA_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&columns);
}

/* "a,b,c", each name after @prefix ("old." or ""). */
static char *
join_columns (GPtrArray  *columns,
              const char *prefix)
{
  GString *names = g_string_new ("");

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (names, "%s%s%s", i > 0 ? "," : "", prefix,
                            ((Column *) columns->pdata[i])->name);

  return g_string_free (names, FALSE);
}

/**
 * sigla_schema_columns:
 * @table: a table of data
 *
 * Returns: (transfer full): its columns but its id, quoted and joined:
 *   "\"a\",\"b\"", as the file's schema has them (checked on open)
 */
char *
sigla_schema_columns (SiglaDb     *db,
                      const char  *table,
                      GError     **error)
{
  g_autoptr(GPtrArray) columns = list_columns (db, table, error);

  return columns != NULL ? join_columns (columns, "") : NULL;
}

/* The journal keeps the rows an action deletes or overwrites in a shadow
 * table, "<table>_trash", and logs the SQL that copies them back: values
 * stay exact (no quoting of text or blobs) and large rows cost no more than
 * a copy. Shadow rows go with their history entry. */
/* Formats 1 and 2: the triggers that log, for every row of @table an action
 * changes, the SQL that takes the change back. Format 3 logs rows instead
 * (see create_row_journal); these stay to know those formats exactly. */
gboolean
sigla_schema_create_sql_triggers (SiglaDb     *db,
                                  const char  *table,
                                  JournalOps   ops,
                                  GError     **error)
{
  g_autoptr(GPtrArray) columns = list_columns (db, table, error);
  g_autoptr(GString) sql = g_string_new ("");
  g_autofree char *names = NULL;
  g_autofree char *old_values = NULL;
  const char *when = "WHEN (SELECT action_id FROM history_state) IS NOT NULL";
  const char *action = "(SELECT action_id FROM history_state)";

  if (columns == NULL)
    return FALSE;

  names = join_columns (columns, "");
  old_values = join_columns (columns, "old.");

  if (ops & JOURNAL_INSERT)
    g_string_append_printf (sql,
                            "CREATE TRIGGER %s_journal_ai AFTER INSERT ON %s %s BEGIN "
                            "INSERT INTO history_log(action_id, tbl, row_id, sql) VALUES "
                            "(%s, '%s', new.id, 'DELETE FROM %s WHERE id=' || new.id); END;",
                            table, table, when, action, table, table);

  /* last_insert_rowid() is, inside a trigger, the shadow row just written. */
  if (ops & JOURNAL_DELETE)
    g_string_append_printf (sql,
                            "CREATE TRIGGER %s_journal_ad AFTER DELETE ON %s %s BEGIN "
                            "INSERT INTO %s_trash(action_id, id, %s) VALUES (%s, old.id, %s); "
                            "INSERT INTO history_log(action_id, tbl, row_id, sql) VALUES "
                            "(%s, '%s', old.id, "
                            "'INSERT INTO %s(id,%s) SELECT id,%s FROM %s_trash WHERE trash_id=' || last_insert_rowid() || "
                            "';DELETE FROM %s_trash WHERE trash_id=' || last_insert_rowid()); END;",
                            table, table, when,
                            table, names, action, old_values,
                            action, table,
                            table, names, names, table,
                            table);

  if (ops & JOURNAL_UPDATE)
    g_string_append_printf (sql,
                            "CREATE TRIGGER %s_journal_au AFTER UPDATE ON %s %s BEGIN "
                            "INSERT INTO %s_trash(action_id, id, %s) VALUES (%s, old.id, %s); "
                            "INSERT INTO history_log(action_id, tbl, row_id, sql) VALUES "
                            "(%s, '%s', old.id, "
                            "'UPDATE %s SET (%s)=(SELECT %s FROM %s_trash WHERE trash_id=' || last_insert_rowid() || "
                            "') WHERE id=' || old.id || "
                            "';DELETE FROM %s_trash WHERE trash_id=' || last_insert_rowid()); END;",
                            table, table, when,
                            table, names, action, old_values,
                            action, table,
                            table, names, names, table,
                            table);

  return sigla_db_exec (db, sql->str, error);
}

/* "<table>_trash": the shadow of @table, which keeps the rows an action
 * deleted or overwrote, with the action's id. */
gboolean
sigla_schema_create_trash (SiglaDb     *db,
                           const char  *table,
                           GError     **error)
{
  g_autoptr(GPtrArray) columns = list_columns (db, table, error);
  g_autoptr(GString) sql = g_string_new ("");

  if (columns == NULL)
    return FALSE;

  g_string_append_printf (sql, "CREATE TABLE %s_trash ("
                               "trash_id INTEGER PRIMARY KEY, "
                               "action_id INTEGER NOT NULL REFERENCES history_actions(id) ON DELETE CASCADE, "
                               "id INTEGER",
                          table);
  for (guint i = 0; i < columns->len; i++)
    {
      const Column *column = columns->pdata[i];

      g_string_append_printf (sql, ", %s %s", column->name, column->type);
    }
  g_string_append_printf (sql, ");CREATE INDEX %s_trash_action ON %s_trash(action_id);", table, table);

  return sigla_db_exec (db, sql->str, error);
}

/* Formats 1 and 2: the shadow table and the triggers that log SQL. */
gboolean
sigla_schema_create_journal (SiglaDb     *db,
                             const char  *table,
                             JournalOps   ops,
                             GError     **error)
{
  return sigla_schema_create_trash (db, table, error) && sigla_schema_create_sql_triggers (db, table, ops, error);
}

/* The triggers that log, for every row of @table an action changes, what
 * changed as values: the operation, the row's id and, for a row deleted or
 * overwritten, its shadow copy in "<table>_trash". Undo reads them with
 * statements of its own (sigla-journal.c); nothing in the file is run.
 * last_insert_rowid() is, inside a trigger, the shadow row just written. */
gboolean
sigla_schema_create_row_triggers (SiglaDb     *db,
                                  const char  *table,
                                  JournalOps   ops,
                                  GError     **error)
{
  g_autoptr(GPtrArray) columns = list_columns (db, table, error);
  g_autoptr(GString) sql = g_string_new ("");
  g_autofree char *names = NULL;
  g_autofree char *old_values = NULL;
  const char *when = "WHEN (SELECT action_id FROM history_state) IS NOT NULL";
  const char *action = "(SELECT action_id FROM history_state)";
  static const struct { JournalOps op; const char *suffix, *name, *row; } kinds[] = {
    { JOURNAL_INSERT, "ai", "INSERT", "new" },
    { JOURNAL_DELETE, "ad", "DELETE", "old" },
    { JOURNAL_UPDATE, "au", "UPDATE", "old" },
  };

  if (columns == NULL)
    return FALSE;
  names = join_columns (columns, "");
  old_values = join_columns (columns, "old.");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (!(ops & kinds[i].op))
        continue;
      g_string_append_printf (sql, "CREATE TRIGGER %s_journal_%s AFTER %s ON %s %s BEGIN ",
                              table, kinds[i].suffix, kinds[i].name, table, when);
      if (kinds[i].op == JOURNAL_INSERT)
        g_string_append_printf (sql,
                                "INSERT INTO history_rows(action_id, tbl, op, row_id) "
                                "VALUES (%s, '%s', 'insert', new.id); END;",
                                action, table);
      else
        g_string_append_printf (sql,
                                "INSERT INTO %s_trash(action_id, id, %s) VALUES (%s, old.id, %s); "
                                "INSERT INTO history_rows(action_id, tbl, op, row_id, trash_id) "
                                "VALUES (%s, '%s', '%s', old.id, last_insert_rowid()); END;",
                                table, names, action, old_values,
                                action, table, kinds[i].op == JOURNAL_DELETE ? "delete" : "update");
    }

  return sigla_db_exec (db, sql->str, error);
}

/* A step of the format 2 journal, read back as values: the SQL the old
 * triggers wrote, matched whole against the three forms they wrote. */
static gboolean
parse_sql_step (GRegex      *forms,
                const char  *tbl,
                gint64       row_id,
                const char  *sql,
                const char **op,
                gint64      *trash_id)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *insert_table = NULL, *delete_table = NULL, *update_table = NULL;
  g_autofree char *deleted_id = NULL, *insert_trash = NULL, *update_trash = NULL, *updated_id = NULL;

  if (!sigla_schema_is_journalled (tbl) || !g_regex_match (forms, sql, 0, &match))
    return FALSE;

  insert_table = g_match_info_fetch_named (match, "it");
  deleted_id = g_match_info_fetch_named (match, "iid");
  delete_table = g_match_info_fetch_named (match, "dt");
  insert_trash = g_match_info_fetch_named (match, "dtr");
  update_table = g_match_info_fetch_named (match, "ut");
  update_trash = g_match_info_fetch_named (match, "utr");
  updated_id = g_match_info_fetch_named (match, "uid");

  if (insert_table != NULL && insert_table[0] != '\0')
    {
      *op = "insert";
      *trash_id = 0;
      return g_str_equal (insert_table, tbl) && g_ascii_strtoll (deleted_id, NULL, 10) == row_id;
    }
  if (delete_table != NULL && delete_table[0] != '\0')
    {
      *op = "delete";
      *trash_id = g_ascii_strtoll (insert_trash, NULL, 10);
      return g_str_equal (delete_table, tbl);
    }
  *op = "update";
  *trash_id = g_ascii_strtoll (update_trash, NULL, 10);
  return g_str_equal (update_table, tbl) && g_ascii_strtoll (updated_id, NULL, 10) == row_id;
}

/* The steps of a format 2 journal become rows; if any is not one of the
 * forms Sigla wrote, the history is dropped whole, never run. */
gboolean
sigla_schema_convert_sql_journal (SiglaDb  *db,
                                  GError  **error)
{
  g_autoptr(GRegex) forms = g_regex_new (
    "^(?:DELETE FROM (?<it>\\w+) WHERE id=(?<iid>\\d+)"
    "|INSERT INTO (?<dt>\\w+)\\(id,[\\w\",]+\\) SELECT id,[\\w\",]+ FROM (?P=dt)_trash WHERE trash_id=(?<dtr>\\d+)"
    ";DELETE FROM (?P=dt)_trash WHERE trash_id=(?P=dtr)"
    "|UPDATE (?<ut>\\w+) SET \\([\\w\",]+\\)=\\(SELECT [\\w\",]+ FROM (?P=ut)_trash WHERE trash_id=(?<utr>\\d+)\\)"
    " WHERE id=(?<uid>\\d+);DELETE FROM (?P=ut)_trash WHERE trash_id=(?P=utr))$",
    G_REGEX_OPTIMIZE | G_REGEX_DUPNAMES, 0, error);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  SiglaStep step;
  gboolean all_known = TRUE;

  if (forms == NULL)
    return FALSE;
  select = sigla_db_prepare (db, "SELECT seq, action_id, tbl, row_id, sql FROM history_log ORDER BY seq", error);
  insert = select != NULL ? sigla_db_prepare (db,
                                              "INSERT INTO history_rows(seq, action_id, tbl, op, row_id, trash_id) "
                                              "VALUES (?, ?, ?, ?, ?, ?)", error) : NULL;
  if (insert == NULL)
    return FALSE;

  while (all_known && (step = sigla_db_step (db, select, error)) == SIGLA_STEP_ROW)
    {
      const char *tbl = (const char *) sqlite3_column_text (select, 2);
      const char *sql = (const char *) sqlite3_column_text (select, 4);
      gint64 row_id = sqlite3_column_int64 (select, 3);
      const char *op = NULL;
      gint64 trash_id = 0;

      if (tbl == NULL || sql == NULL || !parse_sql_step (forms, tbl, row_id, sql, &op, &trash_id))
        {
          all_known = FALSE;
          break;
        }
      sqlite3_bind_int64 (insert, 1, sqlite3_column_int64 (select, 0));
      sqlite3_bind_int64 (insert, 2, sqlite3_column_int64 (select, 1));
      sqlite3_bind_text (insert, 3, tbl, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, op, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 5, row_id);
      if (trash_id > 0)
        sqlite3_bind_int64 (insert, 6, trash_id);
      else
        sqlite3_bind_null (insert, 6);
      if (!sigla_db_run (db, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }
  if (all_known && step == SIGLA_STEP_ERROR)
    return FALSE;
  g_clear_pointer (&select, sigla_stmt_release);

  if (!all_known)
    {
      g_message ("The undo history of “%s” held steps Sigla did not write: it was dropped, not run",
                 sigla_db_get_path (db));
      /* The shadow rows and the logged steps go with their actions. */
      return sigla_db_exec (db, "DELETE FROM history_rows; DELETE FROM history_actions;", error);
    }
  return TRUE;
}
