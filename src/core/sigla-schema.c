/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-schema.c: the project file's schema and its numbered migrations. */

#define G_LOG_DOMAIN "sigla-schema"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sigla-error.h"
#include "sigla-schema.h"

static const char schema_v1[] =
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  date TEXT, date_text TEXT, citation TEXT, archive TEXT, url TEXT,"
  "  language TEXT, original_language TEXT, summary TEXT,"
  "  source_name TEXT NOT NULL,"
  "  source_sha256 TEXT NOT NULL,"
  "  source_size INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  length INTEGER NOT NULL,"
  "  imported TEXT NOT NULL);"
  /* The imported file's bytes, apart: reading a document's text must not
   * walk through them. */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
  "  bytes BLOB NOT NULL);"
  "CREATE TABLE blocks ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('head', 'p', 'item')));"
  "CREATE INDEX blocks_document ON blocks(document_id, start);"
  /* Changes a document's history names before it came into this project
   * (read from a TEI revisionDesc), so that an export keeps them. */
  "CREATE TABLE revisions ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
  "  \"when\" TEXT NOT NULL);"
  "CREATE INDEX revisions_document ON revisions(document_id);"
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('person', 'place', 'org')),"
  "  label TEXT NOT NULL,"
  "  xml_id TEXT NOT NULL UNIQUE,"
  "  description TEXT, lat REAL, lon REAL, note TEXT,"
  "  created TEXT NOT NULL, modified TEXT NOT NULL);"
  "CREATE TABLE aliases ("
  "  id INTEGER PRIMARY KEY,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL, type TEXT NOT NULL DEFAULT 'variant', note TEXT);"
  "CREATE INDEX aliases_entity ON aliases(entity_id);"
  "CREATE TABLE authorities ("
  "  id INTEGER PRIMARY KEY,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
  "  uri TEXT NOT NULL, UNIQUE (entity_id, uri));"
  "CREATE TABLE mentions ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('person', 'place', 'org', 'date')),"
  "  entity_id INTEGER REFERENCES entities(id),"
  "  \"when\" TEXT, not_before TEXT, not_after TEXT, cert TEXT, note TEXT,"
  "  created TEXT NOT NULL, modified TEXT NOT NULL,"
  "  CHECK (start >= 0 AND start < \"end\"));"
  "CREATE INDEX mentions_document ON mentions(document_id, start);"
  "CREATE INDEX mentions_entity ON mentions(entity_id);"
  "CREATE TABLE claims ("
  "  id INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
  "  speaker_id INTEGER REFERENCES entities(id),"
  "  reporter_id INTEGER REFERENCES entities(id),"
  "  stance TEXT NOT NULL DEFAULT 'asserts',"
  "  certainty TEXT CHECK (certainty IN ('high', 'medium', 'low')),"
  "  paraphrase TEXT, note TEXT,"
  "  created TEXT NOT NULL, modified TEXT NOT NULL,"
  "  CHECK (start >= 0 AND start < \"end\"));"
  "CREATE INDEX claims_document ON claims(document_id, start);"
  "CREATE INDEX claims_speaker ON claims(speaker_id);"
  "CREATE INDEX claims_reporter ON claims(reporter_id);"
  "CREATE TABLE claim_about ("
  "  id INTEGER PRIMARY KEY,"
  "  claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id),"
  "  UNIQUE (claim_id, entity_id));"
  "CREATE INDEX claim_about_entity ON claim_about(entity_id);"
  /* The undo journal: each user action is one row of history_actions; the
   * triggers below log, for every row it changes, the SQL that reverses it. */
  "CREATE TABLE history_actions ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  undone INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX history_actions_undone ON history_actions(undone, id);"
  "CREATE TABLE history_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  action_id INTEGER NOT NULL REFERENCES history_actions(id) ON DELETE CASCADE,"
  "  tbl TEXT NOT NULL, row_id INTEGER NOT NULL, sql TEXT NOT NULL);"
  "CREATE INDEX history_log_action ON history_log(action_id, seq);"
  "CREATE TABLE history_state ("
  "  one INTEGER PRIMARY KEY CHECK (one = 1),"
  "  action_id INTEGER);"
  "INSERT INTO history_state VALUES (1, NULL);"
  "CREATE VIRTUAL TABLE documents_fts USING fts5("
  "  title, text, content='documents', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  /* New documents are indexed when their action commits (see
   * sigla_project_index_document()), not row by row: FTS5 flushes its
   * pending terms at every savepoint of an action. */
  "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN"
  "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "END;"
  "CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN"
  "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;";

typedef enum
{
  JOURNAL_INSERT = 1 << 0,
  JOURNAL_DELETE = 1 << 1,
  JOURNAL_UPDATE = 1 << 2,
  JOURNAL_ALL = JOURNAL_INSERT | JOURNAL_DELETE | JOURNAL_UPDATE,
} JournalOps;

static const struct
{
  const char *table;
  JournalOps  ops;
} journalled_tables[] = {
  { "documents", JOURNAL_ALL },
  /* Blocks, sources and revisions are only ever inserted with their document and
   * deleted by its cascade: undoing an import deletes the document, so only
   * the deletes need logging (for redo), not the many inserts. */
  { "sources", JOURNAL_DELETE },
  { "blocks", JOURNAL_DELETE },
  { "revisions", JOURNAL_DELETE },
  { "entities", JOURNAL_ALL },
  { "aliases", JOURNAL_ALL },
  { "authorities", JOURNAL_ALL },
  { "mentions", JOURNAL_ALL },
  { "claims", JOURNAL_ALL },
  { "claim_about", JOURNAL_ALL },
};

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

/* The journal keeps the rows an action deletes or overwrites in a shadow
 * table, "<table>_trash", and logs the SQL that copies them back: values
 * stay exact (no quoting of text or blobs) and large rows cost no more than
 * a copy. Shadow rows go with their history entry. */
/* The triggers that log, for every row of @table an action changes, the SQL
 * that takes the change back, with the table's columns as they are now. */
static gboolean
create_journal_triggers (SiglaDb     *db,
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

static gboolean
create_journal (SiglaDb     *db,
                const char  *table,
                JournalOps   ops,
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

  return sigla_db_exec (db, sql->str, error) && create_journal_triggers (db, table, ops, error);
}

static gboolean
migrate_to_v1 (SiglaDb  *db,
               GError  **error)
{
  if (!sigla_db_exec (db, schema_v1, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (journalled_tables); i++)
    if (!create_journal (db, journalled_tables[i].table, journalled_tables[i].ops, error))
      return FALSE;

  return TRUE;
}

/* Who wrote a document, who sent it and to whom: what the header of a
 * letter says (another edition's TEI), and which of its readings the text
 * shows. The journal's shadow of documents gains the columns too, and its
 * triggers are made again to copy them. Notes (another edition's footnotes)
 * are a kind of block. And the project has settings of its own. */
static gboolean
migrate_to_v2 (SiglaDb  *db,
               GError  **error)
{
  static const char * const columns[] = { "author", "sender", "addressee", "reading" };
  static const char * const triggers[] = { "ai", "ad", "au" };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE documents ADD COLUMN %s TEXT;"
                                              "ALTER TABLE documents_trash ADD COLUMN %s TEXT;",
                                              columns[i], columns[i]);

      if (!sigla_db_exec (db, sql, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER documents_journal_%s", triggers[i]);

      if (!sigla_db_exec (db, sql, error))
        return FALSE;
    }
  if (!create_journal_triggers (db, "documents", JOURNAL_ALL, error))
    return FALSE;

  /* Notes are blocks of their own kind: a CHECK changes only with its table.
   * Dropping the old table takes its index and journal trigger along. */
  return sigla_db_exec (db,
                        "CREATE TABLE blocks_v2 ("
                        "  id INTEGER PRIMARY KEY,"
                        "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
                        "  start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
                        "  kind TEXT NOT NULL CHECK (kind IN ('head', 'p', 'item', 'note')));"
                        "INSERT INTO blocks_v2 SELECT id, document_id, start, \"end\", kind FROM blocks;"
                        "DROP TABLE blocks;"
                        "ALTER TABLE blocks_v2 RENAME TO blocks;"
                        "CREATE INDEX blocks_document ON blocks(document_id, start);"
                        /* The project's own settings: how another edition's TEI is read. */
                        "CREATE TABLE settings ("
                        "  id INTEGER PRIMARY KEY,"
                        "  key TEXT NOT NULL UNIQUE,"
                        "  value TEXT NOT NULL);",
                        error) &&
         create_journal_triggers (db, "blocks", JOURNAL_DELETE, error) &&
         create_journal (db, "settings", JOURNAL_ALL, error);
}

/* Index i brings a file from version i to version i + 1. Append, never edit. */
static const SiglaMigrationFunc migrations[] = {
  migrate_to_v1,
  migrate_to_v2,
};

guint
sigla_schema_get_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
sigla_schema_create (SiglaDb  *db,
                     GError  **error)
{
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", SIGLA_APPLICATION_ID);

  if (!sigla_db_exec (db, app_id, error))
    return FALSE;

  return sigla_schema_migrate (db, 0, migrations, G_N_ELEMENTS (migrations), error);
}

static gboolean
copy_before_migrating (SiglaDb  *db,
                       gint64    from_version,
                       GError  **error)
{
  const char *path = sigla_db_get_path (db);
  g_autofree char *backup_path = g_strdup_printf ("%s.v%" G_GINT64_FORMAT ".bak", path, from_version);
  g_autofree char *sql = NULL;
  char *quoted;

  /* VACUUM INTO writes a consistent copy even with a WAL beside the file. */
  g_remove (backup_path);
  quoted = sqlite3_mprintf ("VACUUM INTO %Q", backup_path);
  sql = g_strdup (quoted);
  sqlite3_free (quoted);

  if (!sigla_db_exec (db, sql, error))
    {
      g_prefix_error (error, _("Could not copy “%s” to “%s” before upgrading it: "), path, backup_path);
      return FALSE;
    }

  return TRUE;
}

/* Runs steps[from_version …] each in its own transaction, after taking a copy
 * of an existing file. A new file (from_version 0) needs no copy. */
gboolean
sigla_schema_migrate (SiglaDb                  *db,
                      gint64                    from_version,
                      const SiglaMigrationFunc *steps,
                      guint                     n_steps,
                      GError                  **error)
{
  if (from_version > 0 && from_version < n_steps &&
      !copy_before_migrating (db, from_version, error))
    return FALSE;

  for (gint64 version = from_version; version < n_steps; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT,
                                                      version + 1);

      if (!sigla_db_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!steps[version] (db, error) || !sigla_db_exec (db, set_version, error))
        {
          sigla_db_exec (db, "ROLLBACK", NULL);
          g_prefix_error (error, _("Could not upgrade the project to version %" PRId64 ": "), version + 1);
          return FALSE;
        }

      if (!sigla_db_exec (db, "COMMIT", error))
        {
          sigla_db_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sigla_schema_upgrade (SiglaDb  *db,
                      gint64    from_version,
                      GError  **error)
{
  return sigla_schema_migrate (db, from_version, migrations, G_N_ELEMENTS (migrations), error);
}
