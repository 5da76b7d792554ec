/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-recover.c: the data of a project file Sigla refuses, copied into a new project.
 *
 * A file another program changed is not opened (sigla-schema-check.c), but
 * its documents and annotations are the user's work. Recovery reads only
 * the tables Sigla knows, only the columns it knows, checks every value
 * against the column's type and the new project's constraints, and writes
 * what passes into a fresh project; nothing of the old file's schema
 * (triggers, views, indexes) comes along, and its undo history stays behind. */

#define G_LOG_DOMAIN "sigla-recover"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sigla-error.h"
#include "sigla-project-private.h"
#include "sigla-recover.h"
#include "sigla-schema.h"

/* No value Sigla writes is larger: a document's text or source bytes. */
#define MAX_VALUE_BYTES (512 * 1024 * 1024)

typedef struct
{
  char *name;   /* quoted */
  int   type;   /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_BLOB */
} Column;

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->name);
}

void
sigla_recover_report_free (SiglaRecoverReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->tables, g_array_unref);
  g_free (report);
}

static void
recovered_table_clear (gpointer data)
{
  SiglaRecoveredTable *table = data;

  g_free (table->name);
  g_free (table->problem);
}

static int
type_of (const char *declared)
{
  if (g_ascii_strcasecmp (declared, "INTEGER") == 0)
    return SQLITE_INTEGER;
  if (g_ascii_strcasecmp (declared, "REAL") == 0)
    return SQLITE_FLOAT;
  if (g_ascii_strcasecmp (declared, "BLOB") == 0)
    return SQLITE_BLOB;
  return SQLITE_TEXT;
}

/* The columns of @table in the new project that the old file has too. */
static GArray *
shared_columns (SiglaDb     *to,
                SiglaDb     *from,
                const char  *table,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autoptr(sqlite3_stmt) old = sigla_db_prepare (from, sql, error);
  g_autoptr(sqlite3_stmt) now = NULL;
  SiglaStep step;

  g_array_set_clear_func (columns, column_clear);
  if (old == NULL)
    return NULL;
  while ((step = sigla_db_step (from, old, error)) == SIGLA_STEP_ROW)
    g_hash_table_add (present, sigla_stmt_dup_text (old, 1));
  if (step == SIGLA_STEP_ERROR)
    return NULL;

  if ((now = sigla_db_prepare (to, sql, error)) == NULL)
    return NULL;
  while ((step = sigla_db_step (to, now, error)) == SIGLA_STEP_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (now, 1);
      Column column;

      if (!g_hash_table_contains (present, name))
        continue;
      column.name = g_strdup_printf ("\"%s\"", name);
      column.type = type_of ((const char *) sqlite3_column_text (now, 2));
      g_array_append_val (columns, column);
    }
  if (step == SIGLA_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&columns);
}

/* Whether the value in @column of @row is of the column's type and sound:
 * text that is UTF-8, no value larger than Sigla writes. */
static const char *
check_value (sqlite3_stmt *row,
             int           column,
             int           type)
{
  int found = sqlite3_column_type (row, column);

  if (found == SQLITE_NULL)
    return NULL;
  if (found != type && !(type == SQLITE_FLOAT && found == SQLITE_INTEGER))
    return N_("a value of the wrong type");
  if (sqlite3_column_bytes (row, column) > MAX_VALUE_BYTES)
    return N_("a value too large");
  if (type == SQLITE_TEXT &&
      !g_utf8_validate ((const char *) sqlite3_column_text (row, column), sqlite3_column_bytes (row, column), NULL))
    return N_("text that is not UTF-8");
  return NULL;
}

static void
bind_value (sqlite3_stmt *insert,
            int           index,
            sqlite3_stmt *row,
            int           column)
{
  sqlite3_bind_value (insert, index, sqlite3_column_value (row, column));
}

/* Copies the rows of @table that pass, counting those that do not. */
static gboolean
copy_table (SiglaDb              *to,
            SiglaDb              *from,
            const char           *table,
            gboolean              newer,
            SiglaRecoveredTable  *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) columns = shared_columns (to, from, table, &error);
  g_autoptr(GString) names = g_string_new ("id");
  g_autoptr(GString) marks = g_string_new ("?");
  g_autofree char *select_sql = NULL, *insert_sql = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  SiglaStep step;

  if (columns == NULL)
    goto unreadable;
  /* A table that came with a later format than the file's has nothing to copy. */
  if (columns->len == 0 && newer)
    return TRUE;
  for (guint i = 0; i < columns->len; i++)
    {
      g_string_append_printf (names, ",%s", g_array_index (columns, Column, i).name);
      g_string_append (marks, ",?");
    }
  select_sql = g_strdup_printf ("SELECT %s FROM %s", names->str, table);
  insert_sql = g_strdup_printf ("INSERT INTO %s(%s) VALUES (%s)", table, names->str, marks->str);
  if ((select = sigla_db_prepare (from, select_sql, &error)) == NULL ||
      (insert = sigla_db_prepare (to, insert_sql, &error)) == NULL)
    goto unreadable;

  while ((step = sigla_db_step (from, select, &error)) == SIGLA_STEP_ROW)
    {
      const char *problem = sqlite3_column_type (select, 0) == SQLITE_INTEGER ? NULL : N_("a row without a number");

      for (guint i = 0; i < columns->len && problem == NULL; i++)
        problem = check_value (select, i + 1, g_array_index (columns, Column, i).type);
      if (problem == NULL)
        {
          g_autoptr(GError) insert_error = NULL;

          for (guint i = 0; i <= columns->len; i++)
            bind_value (insert, i + 1, select, i);
          if (!sigla_db_run (to, insert, &insert_error))
            problem = N_("a value the project does not accept");
          sqlite3_reset (insert);
          sqlite3_clear_bindings (insert);
        }
      if (problem == NULL)
        result->taken++;
      else
        {
          result->left++;
          if (result->problem == NULL)
            result->problem = g_strdup (_(problem));
        }
    }
  if (step == SIGLA_STEP_ERROR)
    goto unreadable;
  return TRUE;

unreadable:
  result->unreadable = TRUE;
  if (result->problem == NULL)
    result->problem = g_strdup (error != NULL ? error->message : _("it cannot be read"));
  return FALSE;
}

/* What the rows say of each other, checked once all are in: spans within
 * their document's text, a document's length that of its text. */
static gboolean
check_spans (SiglaDb              *to,
             SiglaRecoverReport   *report,
             GError              **error)
{
  static const char * const spanned[] = { "blocks", "mentions", "claims" };

  static const char * const sourced[] = { "aliases", "relations" };

  if (!sigla_db_exec (to, "UPDATE documents SET length = length(text) WHERE length != length(text)", error))
    return FALSE;
  /* Who says so stays; words that are not in their document go. */
  for (guint i = 0; i < G_N_ELEMENTS (sourced); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET source_document_id = NULL, source_start = NULL, "
                                              "source_end = NULL WHERE source_document_id IS NOT NULL AND "
                                              "(source_start >= 0 AND source_start < source_end AND source_end <= "
                                              "(SELECT length FROM documents WHERE documents.id = source_document_id)) "
                                              "IS NOT 1",
                                              sourced[i]);

      if (!sigla_db_exec (to, sql, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (spanned); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE \"end\" > "
                                              "(SELECT length FROM documents WHERE documents.id = document_id)",
                                              spanned[i]);

      if (!sigla_db_exec (to, sql, error))
        return FALSE;
      for (guint t = 0; t < report->tables->len; t++)
        {
          SiglaRecoveredTable *table = &g_array_index (report->tables, SiglaRecoveredTable, t);
          int removed = sqlite3_changes (sigla_db_get_handle (to));

          if (g_str_equal (table->name, spanned[i]) && removed > 0)
            {
              table->taken -= removed;
              table->left += removed;
              if (table->problem == NULL)
                table->problem = g_strdup (_("a span past the end of its document"));
            }
        }
    }
  return TRUE;
}

/**
 * sigla_project_recover:
 * @path: a project file Sigla refuses to open (or any other)
 * @new_path: where to make the new project; nothing may be there yet
 * @report: (out) (optional): per table, the rows taken and left
 *
 * Copies the documents, entities and annotations of @path that pass every
 * check into a new project at @new_path. @path is only read.
 *
 * Returns: %FALSE with @error set when @path cannot be read at all or the
 *   new project cannot be written
 */
gboolean
sigla_project_recover (const char           *path,
                       const char           *new_path,
                       SiglaRecoverReport  **report,
                       GError              **error)
{
  g_autoptr(SiglaRecoverReport) result = g_new0 (SiglaRecoverReport, 1);
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaDb) from = NULL;
  SiglaDb *to;
  gint64 version;

  result->tables = g_array_new (FALSE, TRUE, sizeof (SiglaRecoveredTable));
  g_array_set_clear_func (result->tables, recovered_table_clear);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("There is no file “%s” to recover"), path);
      return FALSE;
    }
  /* A file that is not a database at all says so here, before anything is made. */
  if ((from = sigla_db_open (path, SQLITE_OPEN_READONLY, error)) == NULL ||
      !sigla_db_query_int (from, "PRAGMA user_version", &version, error) ||
      (project = sigla_project_create (new_path, error)) == NULL)
    return FALSE;
  to = sigla_project_get_db (project);

  if (!sigla_db_exec (to, "BEGIN IMMEDIATE", error))
    {
      g_clear_object (&project);
      g_remove (new_path);
      return FALSE;
    }
  /* The tables of data, parents before the rows that point to them. */
  for (guint i = 0; sigla_schema_data_table (i) != NULL; i++)
    {
      SiglaRecoveredTable table = { g_strdup (sigla_schema_data_table (i)), 0, 0, FALSE, NULL };

      copy_table (to, from, table.name, version < sigla_schema_data_table_since (i), &table);
      g_array_append_val (result->tables, table);
    }
  if (!check_spans (to, result, error) ||
      !sigla_db_exec (to, "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')", error) ||
      !sigla_db_exec (to, "COMMIT", error))
    {
      sigla_db_exec (to, "ROLLBACK", NULL);
      g_clear_object (&project);
      g_remove (new_path);
      return FALSE;
    }

  if (report != NULL)
    *report = g_steal_pointer (&result);
  return TRUE;
}
