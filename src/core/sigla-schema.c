/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-schema.c: the project file's schema and its numbered migrations. */

#define G_LOG_DOMAIN "sigla-schema"

#include <errno.h>
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sigla-error.h"
#include "sigla-schema.h"
#include "sigla-schema-private.h"

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

static gboolean
migrate_to_v1 (SiglaDb  *db,
               GError  **error)
{
  if (!sigla_db_exec (db, schema_v1, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (journalled_tables); i++)
    if (!sigla_schema_create_journal (db, journalled_tables[i].table, journalled_tables[i].ops, error))
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
  if (!sigla_schema_create_sql_triggers (db, "documents", JOURNAL_ALL, error))
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
         sigla_schema_create_sql_triggers (db, "blocks", JOURNAL_DELETE, error) &&
         sigla_schema_create_journal (db, "settings", JOURNAL_ALL, error);
}

/* -- format 3: a journal of rows ---------------------------------------------- */

/* Every table the journal follows from format 3 on, and what it logs. */
static const struct
{
  const char *table;
  JournalOps  ops;
  guint       since;   /* the format that made the table */
} row_journal_tables[] = {
  { "documents", JOURNAL_ALL, 1 },
  { "sources", JOURNAL_DELETE, 1 },
  { "blocks", JOURNAL_DELETE, 1 },
  { "revisions", JOURNAL_DELETE, 1 },
  { "entities", JOURNAL_ALL, 1 },
  { "aliases", JOURNAL_ALL, 1 },
  { "authorities", JOURNAL_ALL, 1 },
  { "mentions", JOURNAL_ALL, 1 },
  { "claims", JOURNAL_ALL, 1 },
  { "claim_about", JOURNAL_ALL, 1 },
  { "settings", JOURNAL_ALL, 2 },
  { "relations", JOURNAL_ALL, 5 },
};

/**
 * sigla_schema_data_table:
 * @i: from 0
 *
 * The tables that hold a project's data (all that the journal follows),
 * each after the ones its rows point to.
 *
 * Returns: (nullable): the @i-th, or %NULL past the last
 */
const char *
sigla_schema_data_table (guint i)
{
  return i < G_N_ELEMENTS (row_journal_tables) ? row_journal_tables[i].table : NULL;
}

/**
 * sigla_schema_data_table_since:
 * @i: from 0, as sigla_schema_data_table() takes it
 *
 * Returns: the format that made the @i-th table of data
 */
guint
sigla_schema_data_table_since (guint i)
{
  return i < G_N_ELEMENTS (row_journal_tables) ? row_journal_tables[i].since : 0;
}

/**
 * sigla_schema_is_journalled:
 * @table: a table name as the journal stores it
 *
 * Whether the journal follows @table: the only tables undo may touch.
 */
gboolean
sigla_schema_is_journalled (const char *table)
{
  for (guint i = 0; table != NULL && i < G_N_ELEMENTS (row_journal_tables); i++)
    if (g_str_equal (table, row_journal_tables[i].table))
      return TRUE;
  return FALSE;
}



/* Drops the journal triggers of @table and makes the row journal's again:
 * for a table whose columns changed, as they copy every column. */
static gboolean
remake_row_triggers (SiglaDb     *db,
                     const char  *table,
                     JournalOps   ops,
                     GError     **error)
{
  static const char * const suffixes[] = { "ai", "ad", "au" };
  static const JournalOps kinds[] = { JOURNAL_INSERT, JOURNAL_DELETE, JOURNAL_UPDATE };

  for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
    {
      g_autofree char *drop = NULL;

      if (!(ops & kinds[k]))
        continue;
      drop = g_strdup_printf ("DROP TRIGGER %s_journal_%s", table, suffixes[k]);
      if (!sigla_db_exec (db, drop, error))
        return FALSE;
    }
  return sigla_schema_create_row_triggers (db, table, ops, error);
}

/* Undo records values, never SQL: the journal becomes rows of data (see
 * sigla-journal.c), the format 2 steps are converted, and the full-text
 * index is kept by Sigla's code rather than by triggers, which a file could
 * not otherwise run with trusted_schema off. */
static gboolean
migrate_to_v3 (SiglaDb  *db,
               GError  **error)
{
  if (!sigla_db_exec (db,
                      "DROP TRIGGER documents_fts_ad;"
                      "DROP TRIGGER documents_fts_au;"
                      "CREATE TABLE history_rows ("
                      "  seq INTEGER PRIMARY KEY,"
                      "  action_id INTEGER NOT NULL REFERENCES history_actions(id) ON DELETE CASCADE,"
                      "  tbl TEXT NOT NULL,"
                      "  op TEXT NOT NULL CHECK (op IN ('insert', 'delete', 'update')),"
                      "  row_id INTEGER NOT NULL,"
                      "  trash_id INTEGER);"
                      "CREATE INDEX history_rows_action ON history_rows(action_id, seq);",
                      error) ||
      !sigla_schema_convert_sql_journal (db, error) ||
      !sigla_db_exec (db, "DROP TABLE history_log", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (row_journal_tables); i++)
    if (row_journal_tables[i].since < 3 &&
        !remake_row_triggers (db, row_journal_tables[i].table, row_journal_tables[i].ops, error))
      return FALSE;
  return TRUE;
}

/* A list of 100,000 documents in order from indexes alone: no walk through
 * the table's rows, which hold the texts. */
static gboolean
migrate_to_v4 (SiglaDb  *db,
               GError  **error)
{
  return sigla_db_exec (db,
                        "CREATE INDEX documents_date ON documents(date);"
                        "CREATE INDEX documents_title ON documents(title);",
                        error);
}

/* Who says a name is an entity's, and where: an alias keeps the annotator
 * who asserted it, a certainty and the words of a document that say so.
 * Relations between entities are typed and sourced the same way. A source
 * document that goes leaves the claim standing, without its words. */
static gboolean
migrate_to_v5 (SiglaDb  *db,
               GError  **error)
{
  static const struct { const char *name, *type, *constraint; } evidence[] = {
    { "resp", "TEXT", "" },
    { "cert", "TEXT", " CHECK (cert IN ('high', 'medium', 'low'))" },
    { "source_document_id", "INTEGER", " REFERENCES documents(id) ON DELETE SET NULL" },
    { "source_start", "INTEGER", "" },
    /* Words of a text: what a mention's span is. A document gone (SET NULL) leaves none. */
    { "source_end", "INTEGER",
      " CHECK (source_document_id IS NULL OR (source_start >= 0 AND source_start < source_end))" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (evidence); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE aliases ADD COLUMN %s %s%s;"
                                              "ALTER TABLE aliases_trash ADD COLUMN %s %s;",
                                              evidence[i].name, evidence[i].type, evidence[i].constraint,
                                              evidence[i].name, evidence[i].type);

      if (!sigla_db_exec (db, sql, error))
        return FALSE;
    }

  return remake_row_triggers (db, "aliases", JOURNAL_ALL, error) &&
         sigla_db_exec (db,
                        "CREATE INDEX aliases_source ON aliases(source_document_id);"
                        "CREATE TABLE relations ("
                        "  id INTEGER PRIMARY KEY,"
                        "  type TEXT NOT NULL,"
                        "  from_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
                        "  to_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
                        "  resp TEXT,"
                        "  cert TEXT CHECK (cert IN ('high', 'medium', 'low')),"
                        "  note TEXT,"
                        "  source_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,"
                        "  source_start INTEGER, source_end INTEGER,"
                        "  created TEXT NOT NULL, modified TEXT NOT NULL,"
                        "  CHECK (from_id != to_id),"
                        "  CHECK (source_document_id IS NULL OR (source_start >= 0 AND source_start < source_end)));"
                        "CREATE INDEX relations_from ON relations(from_id);"
                        "CREATE INDEX relations_to ON relations(to_id);"
                        "CREATE INDEX relations_source ON relations(source_document_id);",
                        error) &&
         sigla_schema_create_trash (db, "relations", error) &&
         sigla_schema_create_row_triggers (db, "relations", JOURNAL_ALL, error);
}

/* Index i brings a file from version i to version i + 1. Append, never edit.
 * A migration that adds a column to a table of data adds it to the table's
 * "<table>_trash" too and makes its journal triggers again
 * (create_row_journal_triggers): undo reads the columns from the schema. */
static const SiglaMigrationFunc migrations[] = {
  migrate_to_v1,
  migrate_to_v2,
  migrate_to_v3,
  migrate_to_v4,
  migrate_to_v5,
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
  gboolean done;

  sigla_db_set_migrating (db, TRUE);
  done = sigla_db_exec (db, app_id, error);
  sigla_db_set_migrating (db, FALSE);
  if (!done)
    return FALSE;

  return sigla_schema_migrate (db, 0, migrations, G_N_ELEMENTS (migrations), error);
}

/* A consistent copy through SQLite's backup API, which copies pages as they
 * are, the write-ahead log's included, and runs nothing the file holds. */
static gboolean
copy_before_migrating (SiglaDb  *db,
                       gint64    from_version,
                       GError  **error)
{
  const char *path = sigla_db_get_path (db);
  g_autofree char *backup_path = g_strdup_printf ("%s.v%" G_GINT64_FORMAT ".bak", path, from_version);
  g_autofree char *partial = g_strconcat (backup_path, ".part", NULL);
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  g_remove (partial);
  rc = sqlite3_open_v2 (partial, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", sigla_db_get_handle (db), "main");
      if (backup == NULL)
        rc = sqlite3_errcode (copy);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  sqlite3_close_v2 (copy);

  if (rc != SQLITE_OK || g_rename (partial, backup_path) != 0)
    {
      g_remove (partial);
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO,
                   _("Could not copy “%s” to “%s” before upgrading it: %s"), path, backup_path,
                   rc != SQLITE_OK ? sqlite3_errstr (rc) : g_strerror (errno));
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

  sigla_db_set_migrating (db, TRUE);
  for (gint64 version = from_version; version < n_steps; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT,
                                                      version + 1);

      if (!sigla_db_exec (db, "BEGIN IMMEDIATE", error))
        {
          sigla_db_set_migrating (db, FALSE);
          return FALSE;
        }

      if (!steps[version] (db, error) || !sigla_db_exec (db, set_version, error))
        {
          sigla_db_exec (db, "ROLLBACK", NULL);
          sigla_db_set_migrating (db, FALSE);
          g_prefix_error (error, _("Could not upgrade the project to version %" PRId64 ": "), version + 1);
          return FALSE;
        }

      if (!sigla_db_exec (db, "COMMIT", error))
        {
          sigla_db_exec (db, "ROLLBACK", NULL);
          sigla_db_set_migrating (db, FALSE);
          return FALSE;
        }
    }

  sigla_db_set_migrating (db, FALSE);
  return TRUE;
}

/* Brings a file of @from_version to @to_version, not further: what a file of
 * an older format holds, made again to check it against. */
gboolean
sigla_schema_upgrade_to (SiglaDb  *db,
                         gint64    from_version,
                         gint64    to_version,
                         GError  **error)
{
  g_return_val_if_fail (to_version <= (gint64) G_N_ELEMENTS (migrations), FALSE);

  return sigla_schema_migrate (db, from_version, migrations, (guint) to_version, error);
}

gboolean
sigla_schema_upgrade (SiglaDb  *db,
                      gint64    from_version,
                      GError  **error)
{
  return sigla_schema_migrate (db, from_version, migrations, G_N_ELEMENTS (migrations), error);
}
