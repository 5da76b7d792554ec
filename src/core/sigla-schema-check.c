/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-schema-check.c: a project file's schema, checked against the one Sigla makes.
 *
 * A file from a colleague may have been changed by any program: a trigger
 * that runs on an ordinary edit, a view in place of a table, an index on
 * an expression. Before anything else reads it, its schema (every table,
 * index and trigger, with its SQL) must be exactly what Sigla's own
 * migrations make for the file's format version. */

#define G_LOG_DOMAIN "sigla-schema"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "sigla-error.h"
#include "sigla-schema.h"

/* One object of a schema: "type name", and its SQL ("" for an index SQLite makes). */
static GHashTable *
read_schema (SiglaDb  *db,
             GError  **error)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT type, name, sql FROM sqlite_schema", error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *sql = (const char *) sqlite3_column_text (stmt, 2);

      /* What ANALYZE leaves only guides the query planner. */
      if (name != NULL && g_str_has_prefix (name, "sqlite_stat"))
        continue;
      g_hash_table_insert (objects, g_strdup_printf ("%s “%s”", type != NULL ? type : "?", name != NULL ? name : "?"),
                           g_strdup (sql != NULL ? sql : ""));
    }
  if (step == SIGLA_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&objects);
}

/* The schema Sigla's migrations make for @version, made once in memory. */
static GHashTable *
expected_schema (gint64    version,
                 GError  **error)
{
  static GHashTable *by_version;   /* version -> schema */
  G_LOCK_DEFINE_STATIC (by_version);
  g_autoptr(SiglaDb) db = NULL;
  GHashTable *schema;

  G_LOCK (by_version);
  if (by_version == NULL)
    by_version = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  schema = g_hash_table_lookup (by_version, &version);
  if (schema == NULL &&
      (db = sigla_db_open (":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error)) != NULL &&
      sigla_schema_upgrade_to (db, 0, version, error))
    {
      schema = read_schema (db, error);
      if (schema != NULL)
        g_hash_table_insert (by_version, g_memdup2 (&version, sizeof version), schema);
    }
  G_UNLOCK (by_version);
  return schema;
}

static gboolean
tampered (SiglaDb     *db,
          const char  *reason,
          GError     **error)
{
  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED,
               _("The project “%s” was changed by another program: %s. Sigla opens only what it "
                 "made; “Recover the Data” (sigla-cli recover) copies its documents and annotations into a new project"),
               sigla_db_get_path (db), reason);
  return FALSE;
}

/**
 * sigla_schema_check:
 * @version: the file's format version, already known to be one Sigla reads
 *
 * Whether the file's schema is exactly the one Sigla makes for @version:
 * nothing added (a trigger, a view, an index), nothing taken away, nothing
 * changed in any object's SQL.
 *
 * Returns: %FALSE with %SIGLA_ERROR_TAMPERED naming the first difference
 */
gboolean
sigla_schema_check (SiglaDb  *db,
                    gint64    version,
                    GError  **error)
{
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GList) names = NULL;
  GHashTable *expected;

  g_return_val_if_fail (version >= 1 && version <= sigla_schema_get_version (), FALSE);

  if ((expected = expected_schema (version, error)) == NULL || (found = read_schema (db, error)) == NULL)
    return FALSE;

  /* In a fixed order, so that the message names the same object each time. */
  names = g_list_sort (g_hash_table_get_keys (found), (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *sql = g_hash_table_lookup (expected, l->data);

      if (sql == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("it holds a %s that Sigla did not make"),
                                                     (const char *) l->data);
          return tampered (db, reason, error);
        }
      if (!g_str_equal (sql, g_hash_table_lookup (found, l->data)))
        {
          g_autofree char *reason = g_strdup_printf (_("its %s is not as Sigla made it"), (const char *) l->data);
          return tampered (db, reason, error);
        }
    }
  g_clear_pointer (&names, g_list_free);

  names = g_list_sort (g_hash_table_get_keys (expected), (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_hash_table_contains (found, l->data))
      {
        g_autofree char *reason = g_strdup_printf (_("its %s is missing"), (const char *) l->data);
        return tampered (db, reason, error);
      }

  return TRUE;
}
