/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-project.c: creating and opening project files, and refusing what is not one. */

#include <glib/gstdio.h>
#include <unistd.h>
#include <utime.h>

#include "sigla-project-private.h"
#include "sigla-schema.h"
#include "sigla-test-util.h"

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Opening @path must fail with @code, name the file, and leave its bytes as they were. */
static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autofree char *before = sigla_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaProject) project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);

  g_assert_null (project);
  g_assert_error (error, SIGLA_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));

  after = sigla_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_create_and_reopen (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaProject) again = NULL;
  g_autoptr(GError) error = NULL;
  SiglaCounts counts;

  g_assert_cmpstr (sigla_project_get_path (project), ==, path);
  g_clear_object (&project);

  g_assert_cmpint (sigla_test_query_int (path, "PRAGMA application_id"), ==, SIGLA_APPLICATION_ID);
  g_assert_cmpint (sigla_test_query_int (path, "PRAGMA user_version"), ==, sigla_schema_get_version ());

  again = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (sigla_project_get_counts (again, &counts, &error));
  g_assert_cmpint (counts.documents + counts.entities + counts.mentions + counts.claims, ==, 0);
  g_assert_cmpint (sigla_test_query_int (path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_false (sigla_project_can_undo (again));

  g_clear_object (&again);
  sigla_test_remove_dir (dir);
}

static void
test_create_refuses_existing (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = sigla_test_write_file (dir, "notes.sigla", "my notes", -1);
  g_autofree char *before = sigla_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaProject) project = sigla_project_create (path, &error);

  g_assert_null (project);
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_EXISTS);
  after = sigla_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  sigla_test_remove_dir (dir);
}

static void
test_open_missing (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "missing.sigla", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaProject) project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);

  g_assert_null (project);
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  sigla_test_remove_dir (dir);
}

static void
test_refuse_not_sqlite (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *text = sigla_test_write_file (dir, "cable.sigla", "To Comrade Filippov\n", -1);
  g_autofree char *empty = sigla_test_write_file (dir, "empty.sigla", "", 0);
  g_autofree char *folder = g_build_filename (dir, "folder.sigla", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaProject) project = NULL;

  assert_refused_untouched (text, SIGLA_ERROR_NOT_SQLITE);
  assert_refused_untouched (empty, SIGLA_ERROR_NOT_SQLITE);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  project = sigla_project_open (folder, SIGLA_OPEN_DEFAULT, &error);
  g_assert_null (project);
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, "folder"));

  sigla_test_remove_dir (dir);
}

static void
test_refuse_other_sqlite (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "other.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaProject) project = NULL;

  exec_sql (path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');");
  assert_refused_untouched (path, SIGLA_ERROR_NOT_PROJECT);

  project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);
  g_assert_nonnull (strstr (error->message, "not a Sigla project"));
  g_assert_cmpint (sigla_test_query_int (path, "SELECT count(*) FROM bookmarks"), ==, 1);

  sigla_test_remove_dir (dir);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(GError) error = NULL;

  g_clear_object (&project);
  exec_sql (path, "PRAGMA user_version = 99");

  assert_refused_untouched (path, SIGLA_ERROR_TOO_NEW);
  project = sigla_project_open (path, SIGLA_OPEN_READ_ONLY, &error);
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_cmpint (sigla_test_query_int (path, "PRAGMA user_version"), ==, 99);

  sigla_test_remove_dir (dir);
}

static void
test_refuse_read_only_file (void)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("SIGLA_TEST_READ_ONLY_PROJECT");
      g_autoptr(GError) error = NULL;
      g_autoptr(SiglaProject) project = NULL;
      g_autoptr(SiglaProject) reader = NULL;
      SiglaCounts counts;

      /* Root may write any file, so the check runs as an ordinary user. */
      sigla_test_drop_privileges ();
      project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);
      g_assert_null (project);
      g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);

      reader = sigla_project_open (path, SIGLA_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_true (sigla_project_get_counts (reader, &counts, &error));
      g_assert_cmpint (counts.entities, ==, 1);
      return;
    }

  {
    g_autofree char *dir = sigla_test_make_dir ();
    g_autofree char *path = NULL;
    g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
    g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, "Gao Gang");
    g_autoptr(GError) error = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (sigla_entity_insert (project, entity, &error));
    g_clear_object (&project);   /* closing checkpoints the log into the file */

    g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
    g_assert_cmpint (g_chmod (path, 0444), ==, 0);
    before = sigla_test_file_checksum (path);

    g_setenv ("SIGLA_TEST_READ_ONLY_PROJECT", path, TRUE);
    g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();

    after = sigla_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
    sigla_test_remove_dir (dir);
  }
}

static void
test_read_only_open_refuses_writes (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaProject) reader = NULL;
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PLACE, "Kaesong");
  g_autoptr(GError) error = NULL;

  g_clear_object (&project);
  reader = sigla_project_open (path, SIGLA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_false (sigla_entity_insert (reader, entity, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_READ_ONLY);
  g_assert_cmpint (entity->id, ==, 0);
  g_assert_cmpint (sigla_test_query_int (path, "SELECT count(*) FROM entities"), ==, 0);

  g_clear_object (&reader);
  sigla_test_remove_dir (dir);
}

static void
test_locked_by_another_program (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, "Li Kenong");
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* Another connection stands for another program holding a write transaction. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (sigla_entity_insert (project, entity, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (sigla_entity_insert (project, entity, &error));
  g_assert_no_error (error);

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
}

static gboolean
add_notes_table (SiglaDb  *db,
                 GError  **error)
{
  return sigla_db_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", error);
}

static gboolean
fail_halfway (SiglaDb  *db,
              GError  **error)
{
  return sigla_db_exec (db, "CREATE TABLE half (id INTEGER)", error) &&
         sigla_db_exec (db, "INSERT INTO no_such_table VALUES (1)", error);
}

/* A project made by the version before (tests/data/project-v1.sigla: sigla-cli at schema 1,
 * a seed imported, two tags, the second undone) opens upgraded: copied first, its data and
 * history whole, and letters' senders kept through an undo and a redo of their import. */
static void
test_upgrade_from_v1 (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "project-v1.sigla", NULL);
  g_autofree char *path = g_build_filename (dir, "old.sigla", NULL);
  g_autofree char *backup = g_strconcat (path, ".v1.bak", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *letter = NULL;
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  gint64 id;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (sigla_test_query_int (path, "PRAGMA user_version"), ==, 1);

  project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sigla_test_query_int (path, "PRAGMA user_version"), ==, sigla_schema_get_version ());
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  document = sigla_document_get (project, 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (document->text, "BEIJING"));
  g_assert_null (document->sender);
  mentions = sigla_mention_list (project, 1, NULL);
  g_assert_cmpuint (mentions->len, ==, 1);
  g_assert_true (sigla_project_redo (project, NULL, &error));
  g_clear_pointer (&mentions, g_ptr_array_unref);
  mentions = sigla_mention_list (project, 1, NULL);
  g_assert_cmpuint (mentions->len, ==, 2);

  /* A letter's sender survives its import undone and redone: the journal copies the new columns. */
  letter = sigla_test_write_file (dir, "letter.xml",
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>A letter</title>"
    "<author>Anna Muster</author></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>"
    "</fileDesc><profileDesc><correspDesc><correspAction type=\"sent\"><persName>Anna</persName></correspAction>"
    "<correspAction type=\"received\"><persName>Karl</persName><persName>Berta</persName></correspAction>"
    "</correspDesc></profileDesc></teiHeader><text><body><p>Dear Karl.</p></body></text></TEI>", -1);
  id = sigla_import_file (project, letter, &error);
  g_assert_no_error (error);
  g_assert_true (sigla_project_undo (project, NULL, &error));
  g_clear_pointer (&document, sigla_document_free);
  document = sigla_document_get (project, id, &error);
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (sigla_project_redo (project, NULL, &error));
  document = sigla_document_get (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->author, ==, "Anna Muster");
  g_assert_cmpstr (document->sender, ==, "Anna");
  g_assert_cmpstr (document->addressee, ==, "Karl; Berta");

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
}

static void
test_migration_copies_first (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, "Peng Dehuai");
  g_autoptr(GError) error = NULL;
  guint current = sigla_schema_get_version ();
  /* Steps before the current version never run: migration starts at the file's version. */
  g_autofree SiglaMigrationFunc *steps = g_new0 (SiglaMigrationFunc, current + 1);

  g_assert_true (sigla_entity_insert (project, entity, &error));
  steps[current] = add_notes_table;

  g_assert_true (sigla_schema_migrate (sigla_project_get_db (project), current, steps, current + 1, &error));
  g_assert_no_error (error);

  backup = g_strdup_printf ("%s.v%u.bak", path, current);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sigla_test_query_int (backup, "PRAGMA user_version"), ==, current);
  g_assert_cmpint (sigla_test_query_int (backup, "SELECT count(*) FROM entities"), ==, 1);
  g_assert_cmpint (sigla_test_query_int (backup, "SELECT count(*) FROM sqlite_master WHERE name = 'notes'"), ==, 0);
  g_assert_cmpint (sigla_test_query_int (path, "PRAGMA user_version"), ==, current + 1);
  g_assert_cmpint (sigla_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'notes'"), ==, 1);

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
}

static void
test_migration_failure_rolls_back (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(GError) error = NULL;
  guint current = sigla_schema_get_version ();
  g_autofree SiglaMigrationFunc *steps = g_new0 (SiglaMigrationFunc, current + 1);

  g_autofree char *expected = g_strdup_printf ("version %u", current + 1);

  steps[current] = fail_halfway;
  g_assert_false (sigla_schema_migrate (sigla_project_get_db (project), current, steps, current + 1, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, expected));

  g_assert_cmpint (sigla_test_query_int (path, "PRAGMA user_version"), ==, current);
  g_assert_cmpint (sigla_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"), ==, 0);

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
}

/* A file removed or replaced under an open project: the next edit would go
 * into an inode no one can reach, so it is refused, and so is undo. */
static void
test_file_removed_or_replaced (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *other_path = g_build_filename (dir, "other.sigla", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaProject) other = NULL;
  g_autoptr(SiglaEntity) first = sigla_entity_new (SIGLA_KIND_PERSON, "Nam Il");
  g_autoptr(SiglaEntity) second = sigla_entity_new (SIGLA_KIND_PERSON, "Li Kenong");
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_entity_insert (project, first, &error));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (sigla_entity_insert (project, second, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_MOVED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (sigla_project_undo (project, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_MOVED);
  g_clear_error (&error);

  /* Another project renamed into its place is not written to either. */
  other = sigla_project_create (other_path, &error);
  g_assert_no_error (error);
  g_clear_object (&other);
  g_assert_cmpint (g_rename (other_path, path), ==, 0);
  before = sigla_test_file_checksum (path);
  g_assert_false (sigla_entity_insert (project, second, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_MOVED);
  g_clear_error (&error);
  after = sigla_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sigla_test_query_int (path, "SELECT count(*) FROM entities WHERE label = 'Li Kenong'"), ==, 0);

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
}

/* The copies beside a project, newest first, and nothing else. */
static void
test_list_backups (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "korea.sigla", NULL);
  g_autofree char *old = sigla_test_write_file (dir, "korea.sigla.v1.bak", "old", -1);
  g_autofree char *newer = sigla_test_write_file (dir, "korea.sigla.v2.bak", "newer", -1);
  g_autoptr(GPtrArray) backups = NULL;
  struct utimbuf times = { 1000000000, 1000000000 };

  /* Not this project's copies. */
  g_free (sigla_test_write_file (dir, "korea.siglax.bak", "other", -1));
  g_free (sigla_test_write_file (dir, "other.sigla.v1.bak", "other", -1));

  g_assert_cmpint (g_utime (old, &times), ==, 0);
  backups = sigla_project_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (backups->pdata[0], ==, newer);
  g_assert_cmpstr (backups->pdata[1], ==, old);

  sigla_test_remove_dir (dir);
}

typedef struct
{
  SiglaChange change;
  gint64      id;
  guint       count;
  gint64      entities_on_disk;
  const char *path;
} ChangeRecord;

static void
changed_cb (SiglaProject *project,
            int           change,
            gint64        id,
            ChangeRecord *record)
{
  record->change = change;
  record->id = id;
  record->count++;
  /* Listeners must find the change on disk already. */
  record->entities_on_disk = sigla_test_query_int (record->path, "SELECT count(*) FROM entities");
}

static void
test_change_signal (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_ORG, "International Red Cross");
  g_autoptr(SiglaEntity) nameless = sigla_entity_new (SIGLA_KIND_ORG, "  ");
  g_autoptr(GError) error = NULL;
  ChangeRecord record = { 0, 0, 0, 0, path };

  g_signal_connect (project, "changed", G_CALLBACK (changed_cb), &record);

  g_assert_true (sigla_entity_insert (project, entity, &error));
  g_assert_cmpuint (record.count, ==, 1);
  g_assert_cmpint (record.change, ==, SIGLA_CHANGE_ENTITY);
  g_assert_cmpint (record.id, ==, entity->id);
  g_assert_cmpint (record.entities_on_disk, ==, 1);

  g_assert_false (sigla_entity_insert (project, nameless, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_assert_cmpuint (record.count, ==, 1);

  g_assert_true (sigla_project_undo (project, NULL, NULL));
  g_assert_cmpuint (record.count, ==, 2);
  g_assert_cmpint (record.change, ==, SIGLA_CHANGE_ENTITY);
  g_assert_cmpint (record.entities_on_disk, ==, 0);

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
}

/* Two connections to one file, as a window and sigla-cli: each learns when
 * the other has committed, and not of its own commits. */
static void
test_changed_elsewhere (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) window = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaProject) other = sigla_project_open (path, SIGLA_OPEN_DEFAULT, NULL);
  g_autoptr(SiglaEntity) stalin = sigla_entity_new (SIGLA_KIND_PERSON, "Joseph Stalin");
  g_autoptr(SiglaEntity) mao = sigla_entity_new (SIGLA_KIND_PERSON, "Mao Zedong");

  g_assert_nonnull (other);
  g_assert_false (sigla_project_changed_elsewhere (window));

  g_assert_true (sigla_entity_insert (other, stalin, NULL));
  g_assert_true (sigla_project_changed_elsewhere (window));
  g_assert_false (sigla_project_changed_elsewhere (window));

  g_assert_true (sigla_entity_insert (window, mao, NULL));
  g_assert_false (sigla_project_changed_elsewhere (window));
  g_assert_true (sigla_project_changed_elsewhere (other));

  g_clear_object (&window);
  g_clear_object (&other);
  sigla_test_remove_dir (dir);
}

/* SQLite's own words for a file it cannot read say nothing of which file
 * (fuzz-project found "unsupported file format"): the message names it. */
static void
test_refuse_unsupported_format (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_clear_object (&project);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* The schema format number, at byte 44 of the header: SQLite writes 1 to 4. */
  contents[47] = 9;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  project = sigla_project_open (path, SIGLA_OPEN_READ_ONLY, &error);
  g_assert_null (project);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "unsupported file format"));

  sigla_test_remove_dir (dir);
}

/* No statement runs past its budget: one that would take hours (a join of
 * three 3,000-row sequences) is stopped after a few seconds, in Sigla's words. */
static void
test_endless_statement_stopped (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GString) array = g_string_new ("[0");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 1; i < 3000; i++)
    g_string_append_printf (array, ",%u", i);
  g_string_append_c (array, ']');
  stmt = sigla_db_prepare (db, "SELECT count(*) FROM json_each(?1) a, json_each(?1) b, json_each(?1) c", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, array->str, -1, SQLITE_STATIC);

  start = g_get_monotonic_time ();
  g_assert_cmpint (sigla_db_step (db, stmt, &error), ==, SIGLA_STEP_ERROR);
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_TOO_SLOW);
  g_assert_nonnull (strstr (error->message, "took too long"));
  /* Stopped by the clock, not run to its end. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);

  g_clear_pointer (&stmt, sigla_stmt_release);
  sigla_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/project/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/project/open-missing", test_open_missing);
  g_test_add_func ("/project/refuse/not-sqlite", test_refuse_not_sqlite);
  g_test_add_func ("/project/refuse/other-sqlite", test_refuse_other_sqlite);
  g_test_add_func ("/project/refuse/newer", test_refuse_newer);
  g_test_add_func ("/project/refuse/unsupported-format", test_refuse_unsupported_format);
  g_test_add_func ("/project/endless-statement-stopped", test_endless_statement_stopped);
  g_test_add_func ("/project/refuse/read-only-file", test_refuse_read_only_file);
  g_test_add_func ("/project/read-only-open-refuses-writes", test_read_only_open_refuses_writes);
  g_test_add_func ("/project/locked", test_locked_by_another_program);
  g_test_add_func ("/project/migration/copies-first", test_migration_copies_first);
  g_test_add_func ("/project/migration/from-v1", test_upgrade_from_v1);
  g_test_add_func ("/project/migration/failure-rolls-back", test_migration_failure_rolls_back);
  g_test_add_func ("/project/change-signal", test_change_signal);
  g_test_add_func ("/project/file-removed-or-replaced", test_file_removed_or_replaced);
  g_test_add_func ("/project/list-backups", test_list_backups);
  g_test_add_func ("/project/changed-elsewhere", test_changed_elsewhere);

  return g_test_run ();
}
