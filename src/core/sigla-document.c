/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document.c: the documents of a project: metadata, reading text and its blocks. */

#define G_LOG_DOMAIN "sigla-document"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "sigla-document.h"
#include "sigla-error.h"
#include "sigla-project-private.h"

#define DOCUMENT_COLUMNS \
  "id, uuid, title, date, date_text, citation, archive, url, language, original_language, " \
  "summary, source_name, source_sha256, source_size, imported, length, author, sender, addressee, reading"

static const char * const block_kind_names[] = {
  [SIGLA_BLOCK_HEAD] = "head",
  [SIGLA_BLOCK_P] = "p",
  [SIGLA_BLOCK_ITEM] = "item",
  [SIGLA_BLOCK_NOTE] = "note",
};

const char *
sigla_block_kind_to_string (SiglaBlockKind kind)
{
  g_return_val_if_fail (kind <= SIGLA_BLOCK_NOTE, NULL);

  return block_kind_names[kind];
}

static SiglaBlockKind
block_kind_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (block_kind_names); i++)
    if (g_strcmp0 (text, block_kind_names[i]) == 0)
      return i;

  return SIGLA_BLOCK_P;
}

SiglaDocument *
sigla_document_new (void)
{
  return g_new0 (SiglaDocument, 1);
}

void
sigla_document_free (SiglaDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->uuid);
  g_free (document->title);
  g_free (document->date);
  g_free (document->date_text);
  g_free (document->citation);
  g_free (document->archive);
  g_free (document->url);
  g_free (document->language);
  g_free (document->original_language);
  g_free (document->author);
  g_free (document->sender);
  g_free (document->addressee);
  g_free (document->reading);
  g_free (document->summary);
  g_free (document->source_name);
  g_free (document->source_sha256);
  g_free (document->imported);
  g_free (document->text);
  g_clear_pointer (&document->revisions, g_ptr_array_unref);
  g_free (document);
}

static SiglaDocument *
document_from_row (sqlite3_stmt *stmt)
{
  SiglaDocument *document = sigla_document_new ();

  document->id = sqlite3_column_int64 (stmt, 0);
  document->uuid = sigla_stmt_dup_text (stmt, 1);
  document->title = sigla_stmt_dup_text (stmt, 2);
  document->date = sigla_stmt_dup_text (stmt, 3);
  document->date_text = sigla_stmt_dup_text (stmt, 4);
  document->citation = sigla_stmt_dup_text (stmt, 5);
  document->archive = sigla_stmt_dup_text (stmt, 6);
  document->url = sigla_stmt_dup_text (stmt, 7);
  document->language = sigla_stmt_dup_text (stmt, 8);
  document->original_language = sigla_stmt_dup_text (stmt, 9);
  document->summary = sigla_stmt_dup_text (stmt, 10);
  document->source_name = sigla_stmt_dup_text (stmt, 11);
  document->source_sha256 = sigla_stmt_dup_text (stmt, 12);
  document->source_size = sqlite3_column_int64 (stmt, 13);
  document->imported = sigla_stmt_dup_text (stmt, 14);
  document->length = sqlite3_column_int64 (stmt, 15);
  document->author = sigla_stmt_dup_text (stmt, 16);
  document->sender = sigla_stmt_dup_text (stmt, 17);
  document->addressee = sigla_stmt_dup_text (stmt, 18);
  document->reading = sigla_stmt_dup_text (stmt, 19);

  return document;
}

static void
set_document_not_found (gint64   id,
                        GError **error)
{
  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
               _("There is no document %" PRId64 " in this project"), id);
}

/**
 * sigla_document_list:
 *
 * Returns: (transfer full) (element-type SiglaDocument): every document's
 *   metadata, without the text, in the order they were imported
 */
GPtrArray *
sigla_document_list (SiglaProject  *project,
                     GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_document_free);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT " DOCUMENT_COLUMNS " FROM documents ORDER BY id", error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&documents) : NULL;
}

typedef struct
{
  gint64  id;
  char   *key;   /* the title's collation key */
} TitleKey;

static int
compare_title_keys (gconstpointer a,
                    gconstpointer b)
{
  const TitleKey *x = a, *y = b;
  int by = strcmp (x->key, y->key);

  return by != 0 ? by : (x->id > y->id) - (x->id < y->id);
}

/**
 * sigla_document_list_order:
 * @by_title: by title, as the user's language sorts it; else by date,
 *   undated last, then as imported
 *
 * The documents' ids alone, in the order a list shows them: what a long
 * list needs before it reads the rows it shows.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL
 */
GArray *
sigla_document_list_order (SiglaProject  *project,
                           gboolean       by_title,
                           GError       **error)
{
  /* From the indexes on date and title alone (format 4): the rows hold the texts. */
  static const char * const by_date[] = {
    "SELECT id FROM documents INDEXED BY documents_date WHERE date IS NOT NULL ORDER BY date, id",
    "SELECT id FROM documents INDEXED BY documents_date WHERE date IS NULL ORDER BY id",
  };
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) keys = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SiglaStep step;

  if (!by_title)
    {
      gboolean read = TRUE;

      /* Both parts of one state of the file: another connection's import
       * between them would list a document twice, or not at all. */
      if (!sigla_db_exec (db, "SAVEPOINT list_order", error))
        return NULL;
      for (guint i = 0; read && i < G_N_ELEMENTS (by_date); i++)
        {
          g_autoptr(sqlite3_stmt) part = sigla_db_prepare (db, by_date[i], error);

          read = part != NULL;
          while (read && (step = sigla_db_step (db, part, error)) == SIGLA_STEP_ROW)
            g_array_append_val (ids, (gint64) { sqlite3_column_int64 (part, 0) });
          read = read && step == SIGLA_STEP_DONE;
        }
      sigla_db_exec (db, "RELEASE list_order", NULL);
      return read ? g_steal_pointer (&ids) : NULL;
    }

  if ((stmt = sigla_db_prepare (db, "SELECT id, title FROM documents INDEXED BY documents_title", error)) == NULL)
    return NULL;

  keys = g_array_new (FALSE, FALSE, sizeof (TitleKey));
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      TitleKey key = { sqlite3_column_int64 (stmt, 0),
                       g_utf8_collate_key ((const char *) sqlite3_column_text (stmt, 1), -1) };

      g_array_append_val (keys, key);
    }
  if (step == SIGLA_STEP_DONE)
    g_array_sort (keys, compare_title_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      g_array_append_val (ids, g_array_index (keys, TitleKey, i).id);
      g_free (g_array_index (keys, TitleKey, i).key);
    }
  return step == SIGLA_STEP_DONE ? g_steal_pointer (&ids) : NULL;
}

/**
 * sigla_document_list_titles:
 *
 * Returns: (transfer full) (element-type SiglaDocument): every document
 *   with its id and title alone, in the order they were imported: read from
 *   the index of titles, not from the rows, which hold the texts
 */
GPtrArray *
sigla_document_list_titles (SiglaProject  *project,
                            GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_document_free);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT id, title FROM documents INDEXED BY documents_title ORDER BY id", error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaDocument *document = sigla_document_new ();

      document->id = sqlite3_column_int64 (stmt, 0);
      document->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (documents, document);
    }
  return step == SIGLA_STEP_DONE ? g_steal_pointer (&documents) : NULL;
}

/**
 * sigla_document_list_some:
 * @ids: (array length=n): the documents wanted
 *
 * Returns: (transfer full) (element-type SiglaDocument): the metadata of
 *   those of @ids that are there, without the texts, in no set order; %NULL
 *   on error
 */
GPtrArray *
sigla_document_list_some (SiglaProject  *project,
                          const gint64  *ids,
                          guint          n,
                          GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_document_free);
  g_autoptr(GString) list = g_string_new ("[");
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT " DOCUMENT_COLUMNS " FROM documents "
                          "WHERE id IN (SELECT value FROM json_each(?))", error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_STATIC);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&documents) : NULL;
}

/**
 * sigla_document_get:
 *
 * Returns: (transfer full): the document with its reading text
 */
SiglaDocument *
sigla_document_get (SiglaProject  *project,
                    gint64         id,
                    GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT " DOCUMENT_COLUMNS ", text FROM documents WHERE id = ?", error);
  SiglaDocument *document;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      document = document_from_row (stmt);
      document->text = sigla_stmt_dup_text (stmt, 20);
      return document;
    case SIGLA_STEP_DONE:
      set_document_not_found (id, error);
      return NULL;
    case SIGLA_STEP_ERROR:
    default:
      return NULL;
    }
}

/**
 * sigla_document_get_revisions:
 *
 * Returns: (transfer full) (element-type utf8): the days of changes made to
 *   the document before it came into the project, oldest first
 */
GPtrArray *
sigla_document_get_revisions (SiglaProject  *project,
                              gint64         id,
                              GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT \"when\" FROM revisions WHERE document_id = ? ORDER BY \"when\", id",
                      error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    g_ptr_array_add (revisions, sigla_stmt_dup_text (stmt, 0));

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&revisions) : NULL;
}

/**
 * sigla_document_get_source:
 *
 * Returns: (transfer full): the imported file's bytes, as they were
 */
GBytes *
sigla_document_get_source (SiglaProject  *project,
                           gint64         id,
                           GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, "SELECT bytes FROM sources WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    case SIGLA_STEP_DONE:
      set_document_not_found (id, error);
      return NULL;
    case SIGLA_STEP_ERROR:
    default:
      return NULL;
    }
}

/**
 * sigla_document_get_blocks:
 *
 * Returns: (transfer full) (element-type SiglaBlock): the blocks in text order
 */
GArray *
sigla_document_get_blocks (SiglaProject  *project,
                           gint64         id,
                           GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (SiglaBlock));
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      "SELECT start, \"end\", kind FROM blocks WHERE document_id = ? ORDER BY start",
                      error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaBlock block = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        block_kind_from_string ((const char *) sqlite3_column_text (stmt, 2)),
      };

      g_array_append_val (blocks, block);
    }

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&blocks) : NULL;
}

static gboolean
insert_source (SiglaDb       *db,
               gint64         document_id,
               const guint8  *source,
               gsize          source_size,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "INSERT INTO sources(id, bytes) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_blob64 (stmt, 2, source, source_size, SQLITE_STATIC);
  return sigla_db_run (db, stmt, error);
}

static gboolean
insert_revisions (SiglaDb        *db,
                  SiglaDocument  *document,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (document->revisions == NULL || document->revisions->len == 0)
    return TRUE;

  stmt = sigla_db_prepare (db, "INSERT INTO revisions(document_id, \"when\") VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < document->revisions->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, document->id);
      sqlite3_bind_text (stmt, 2, document->revisions->pdata[i], -1, SQLITE_STATIC);
      if (!sigla_db_run (db, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* All the blocks in one statement: each statement of an action that follows
 * the document's entry into the full-text index makes FTS5 flush, so one
 * statement rather than one a block (a 200 MB file has millions). */
static gboolean
insert_blocks (SiglaDb  *db,
               gint64    document_id,
               GArray   *blocks,
               GError  **error)
{
  g_autoptr(GString) json = g_string_sized_new (blocks->len * 16 + 2);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      "INSERT INTO blocks(document_id, start, \"end\", kind) "
                      "SELECT ?1, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?2)",
                      error);

  if (stmt == NULL)
    return FALSE;

  g_string_append_c (json, '[');
  for (guint i = 0; i < blocks->len; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);

      g_string_append_printf (json, "%s[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",\"%s\"]",
                              i > 0 ? "," : "", block->start, block->end,
                              sigla_block_kind_to_string (block->kind));
    }
  g_string_append_c (json, ']');

  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text64 (stmt, 2, json->str, json->len, SQLITE_STATIC, SQLITE_UTF8);
  return sigla_db_run (db, stmt, error);
}

/**
 * sigla_document_insert:
 * @document: metadata and text; its id, uuid and imported time are set here
 * @source: the imported file's bytes, kept untouched
 *
 * Stores a new document. Must run inside an action (the importer's).
 */
gboolean
sigla_document_insert (SiglaProject   *project,
                       SiglaDocument  *document,
                       GArray         *blocks,
                       const guint8   *source,
                       gsize           source_size,
                       GError        **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sigla_db_prepare (db,
                           "INSERT INTO documents(uuid, title, date, date_text, citation, archive, "
                           "url, language, original_language, summary, source_name, source_sha256, "
                           "source_size, text, length, imported, author, sender, addressee, reading) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  g_free (document->uuid);
  document->uuid = g_uuid_string_random ();
  g_free (document->imported);
  document->imported = sigla_project_now ();
  document->source_size = source_size;
  document->source_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, source, source_size);

  sqlite3_bind_text (stmt, 1, document->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, document->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, document->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, document->date_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, document->citation, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, document->archive, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, document->url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, document->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, document->original_language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, document->summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, document->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, document->source_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, source_size);
  sqlite3_bind_text64 (stmt, 14, document->text, strlen (document->text), SQLITE_STATIC, SQLITE_UTF8);
  sqlite3_bind_int64 (stmt, 15, document->length);
  sqlite3_bind_text (stmt, 16, document->imported, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, document->author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 18, document->sender, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 19, document->addressee, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 20, document->reading, -1, SQLITE_STATIC);

  if (!sigla_db_run (db, stmt, error))
    return FALSE;

  document->id = sigla_db_last_rowid (db);
  if (!insert_source (db, document->id, source, source_size, error) ||
      !insert_blocks (db, document->id, blocks, error) ||
      !insert_revisions (db, document, error))
    return FALSE;

  sigla_project_index_document (project, document->id);
  sigla_project_note_change (project, SIGLA_CHANGE_DOCUMENT, document->id);
  return TRUE;
}

/**
 * sigla_document_get_reading:
 * @reading: (out) (transfer full) (nullable): the reading of another tool's
 *   TEI the document shows ("edited", "diplomatic"), %NULL for other sources
 *
 * What tells an export whether to give the document back as its own TEI,
 * without reading its text.
 */
gboolean
sigla_document_get_reading (SiglaProject  *project,
                            gint64         id,
                            char         **reading,
                            GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, "SELECT reading FROM documents WHERE id = ?", error);

  *reading = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      *reading = sigla_stmt_dup_text (stmt, 0);
      return TRUE;
    case SIGLA_STEP_DONE:
      set_document_not_found (id, error);
      return FALSE;
    case SIGLA_STEP_ERROR:
    default:
      return FALSE;
    }
}

/* Checks that [start, end) is a non-empty span inside the document's text. */
gboolean
sigla_document_check_span (SiglaProject  *project,
                           gint64         id,
                           gint64         start,
                           gint64         end,
                           GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT length FROM documents WHERE id = ?", error);
  gint64 length;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      length = sqlite3_column_int64 (stmt, 0);
      break;
    case SIGLA_STEP_DONE:
      set_document_not_found (id, error);
      return FALSE;
    case SIGLA_STEP_ERROR:
    default:
      return FALSE;
    }

  if (start < 0 || end > length || start >= end)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("The span %" PRId64 "–%" PRId64 " does not fit document %" PRId64 ": "
                     "offsets must satisfy 0 ≤ start < end ≤ %" PRId64),
                   start, end, id, length);
      return FALSE;
    }

  return TRUE;
}
