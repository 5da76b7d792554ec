/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-history.c: undo and redo of every kind of edit, kept in the project file. */

#include "sigla-test-util.h"

typedef struct
{
  char         *dir;
  char         *path;
  SiglaProject *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, &fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
undo (Fixture    *fixture,
      const char *expected_label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  sigla_project_undo (fixture->project, &label, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, expected_label);
}

static void
redo (Fixture    *fixture,
      const char *expected_label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_assert_true (sigla_project_redo (fixture->project, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, expected_label);
}

static SiglaCounts
counts (Fixture *fixture)
{
  SiglaCounts result;

  g_assert_true (sigla_project_get_counts (fixture->project, &result, NULL));
  return result;
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->project);
  fixture->project = sigla_project_open (fixture->path, SIGLA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static gint64
add_person (Fixture    *fixture,
            const char *label,
            const char *alias)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, label);

  if (alias != NULL)
    sigla_entity_add_alias (entity, alias, "pseudonym");
  g_assert_true (sigla_entity_insert (fixture->project, entity, NULL));
  return entity->id;
}

static void
test_nothing_to_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sigla_project_can_undo (fixture->project));
  g_assert_false (sigla_project_undo (fixture->project, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);
  g_assert_false (sigla_project_redo (fixture->project, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOTHING_TO_REDO);
}

static void
test_entity_edits (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = add_person (fixture, "Stalin", "Filippov");
  g_autoptr(SiglaEntity) entity = sigla_entity_get (fixture->project, id, NULL);
  g_autoptr(SiglaEntity) read = NULL;

  g_free (entity->label);
  entity->label = g_strdup ("Joseph Stalin");
  g_ptr_array_set_size (entity->aliases, 0);
  g_assert_true (sigla_entity_update (fixture->project, entity, NULL));

  undo (fixture, "Edit “Joseph Stalin”");
  read = sigla_entity_get (fixture->project, id, NULL);
  g_assert_cmpstr (read->label, ==, "Stalin");
  g_assert_cmpuint (read->aliases->len, ==, 1);
  g_assert_cmpstr (((SiglaAlias *) read->aliases->pdata[0])->name, ==, "Filippov");
  g_assert_cmpstr (((SiglaAlias *) read->aliases->pdata[0])->type, ==, "pseudonym");

  undo (fixture, "Add person “Stalin”");
  g_assert_cmpint (counts (fixture).entities, ==, 0);
  g_assert_false (sigla_project_can_undo (fixture->project));
  g_assert_true (sigla_project_can_redo (fixture->project));

  redo (fixture, "Add person “Stalin”");
  redo (fixture, "Edit “Joseph Stalin”");
  g_clear_pointer (&read, sigla_entity_free);
  read = sigla_entity_get (fixture->project, id, NULL);
  g_assert_cmpstr (read->label, ==, "Joseph Stalin");
  g_assert_cmpuint (read->aliases->len, ==, 0);
  g_assert_false (sigla_project_can_redo (fixture->project));
}

static void
test_delete_with_mentions (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 document = sigla_test_import_seed (fixture->project, "004");
  gint64 stalin = add_person (fixture, "Joseph Stalin", "Filippov");
  gint64 mention = sigla_test_add_mention (fixture->project, document, SIGLA_KIND_PERSON, stalin, 10, 20);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(SiglaEntity) entity = NULL;

  g_assert_true (sigla_entity_delete (fixture->project, stalin, SIGLA_DELETE_MENTIONS, NULL));
  g_assert_cmpint (counts (fixture).mentions, ==, 0);

  undo (fixture, "Delete “Joseph Stalin”");
  entity = sigla_entity_get (fixture->project, stalin, NULL);
  g_assert_nonnull (entity);
  g_assert_cmpuint (entity->aliases->len, ==, 1);
  mentions = sigla_mention_list (fixture->project, document, NULL);
  g_assert_cmpuint (mentions->len, ==, 1);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[0])->id, ==, mention);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[0])->entity_id, ==, stalin);
}

static void
test_claim_with_subjects (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 document = sigla_test_import_seed (fixture->project, "004");
  gint64 stalin = add_person (fixture, "Joseph Stalin", NULL);
  gint64 kim = add_person (fixture, "Kim Il Sung", NULL);
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GPtrArray) claims = NULL;

  claim->document_id = document;
  claim->start = 30;
  claim->end = 90;
  claim->speaker_id = stalin;
  g_array_append_val (claim->about, kim);
  g_assert_true (sigla_claim_insert (fixture->project, claim, NULL));

  undo (fixture, "Add claim");
  g_assert_cmpint (counts (fixture).claims, ==, 0);
  redo (fixture, "Add claim");

  claims = sigla_claim_list (fixture->project, 0, NULL);
  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpint (((SiglaClaim *) claims->pdata[0])->id, ==, claim->id);
  g_assert_cmpuint (((SiglaClaim *) claims->pdata[0])->about->len, ==, 1);
  g_assert_cmpint (g_array_index (((SiglaClaim *) claims->pdata[0])->about, gint64, 0), ==, kim);
}

/* An import is undone whole: document, blocks and search index; redo brings all back. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 document = sigla_test_import_seed (fixture->project, "002");
  g_autoptr(SiglaDocument) before = sigla_document_get (fixture->project, document, NULL);
  g_autoptr(GArray) blocks_before = sigla_document_get_blocks (fixture->project, document, NULL);
  g_autoptr(SiglaDocument) after = NULL;
  g_autoptr(GArray) blocks_after = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person = add_person (fixture, "Kim Il Sung", NULL);

  sigla_test_add_mention (fixture->project, document, SIGLA_KIND_PERSON, person, 5, 15);

  undo (fixture, "Tag person");
  undo (fixture, "Add person “Kim Il Sung”");
  undo (fixture, "Import “002_59da4a45ec0889ae.txt”");
  g_assert_cmpint (counts (fixture).documents, ==, 0);
  hits = sigla_search (fixture->project, "Kaesong", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  redo (fixture, "Import “002_59da4a45ec0889ae.txt”");
  after = sigla_document_get (fixture->project, document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->text, ==, before->text);
  g_assert_cmpstr (after->title, ==, before->title);
  g_assert_cmpstr (after->source_sha256, ==, before->source_sha256);
  blocks_after = sigla_document_get_blocks (fixture->project, document, NULL);
  g_assert_cmpuint (blocks_after->len, ==, blocks_before->len);
  /* Field by field: the struct's padding holds nothing to compare. */
  for (guint i = 0; i < blocks_after->len; i++)
    {
      const SiglaBlock *a = &g_array_index (blocks_after, SiglaBlock, i);
      const SiglaBlock *b = &g_array_index (blocks_before, SiglaBlock, i);

      g_assert_cmpint (a->start, ==, b->start);
      g_assert_cmpint (a->end, ==, b->end);
      g_assert_cmpint (a->kind, ==, b->kind);
    }
  hits = sigla_search (fixture->project, "Kaesong", 0, &error);
  g_assert_cmpuint (hits->len, >, 0);

  redo (fixture, "Add person “Kim Il Sung”");
  redo (fixture, "Tag person");
  g_assert_cmpint (counts (fixture).mentions, ==, 1);
}

static void
test_new_edit_drops_redo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_person (fixture, "Gao Gang", NULL);
  undo (fixture, "Add person “Gao Gang”");
  g_assert_true (sigla_project_can_redo (fixture->project));

  add_person (fixture, "Deng Hua", NULL);
  g_assert_false (sigla_project_can_redo (fixture->project));
  g_assert_false (sigla_project_redo (fixture->project, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOTHING_TO_REDO);
  g_assert_cmpint (counts (fixture).entities, ==, 1);
}

/* The journal is in the file: a restart (or another process) can undo and redo. */
static void
test_survives_restart (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 document = sigla_test_import_seed (fixture->project, "003");
  gint64 gao = add_person (fixture, "Gao Gang", NULL);

  sigla_test_add_mention (fixture->project, document, SIGLA_KIND_PERSON, gao, 0, 5);
  reopen (fixture);
  g_assert_true (sigla_project_can_undo (fixture->project));
  undo (fixture, "Tag person");
  reopen (fixture);
  g_assert_cmpint (counts (fixture).mentions, ==, 0);
  redo (fixture, "Tag person");
  reopen (fixture);
  g_assert_cmpint (counts (fixture).mentions, ==, 1);
}

/* A failed edit leaves nothing to undo: the journal holds only what happened. */
static void
test_failed_edit_not_journalled (Fixture       *fixture,
                                 gconstpointer  data)
{
  gint64 document = sigla_test_import_seed (fixture->project, "003");
  g_autoptr(SiglaMention) mention = sigla_mention_new ();
  g_autoptr(GError) error = NULL;

  mention->document_id = document;
  mention->kind = SIGLA_KIND_PERSON;
  mention->entity_id = 4242;
  mention->start = 0;
  mention->end = 3;
  g_assert_false (sigla_mention_insert (fixture->project, mention, &error));

  undo (fixture, "Import “003_823d394fd7040712.txt”");
  g_assert_false (sigla_project_can_undo (fixture->project));
}

typedef struct
{
  GPtrArray *reports;   /* "index path id" or "index path error: message" */
} ImportLog;

static void
log_import_cb (const char           *path,
               guint                 index,
               gint64                document_id,
               const SiglaTeiReport *report,
               const GError         *error,
               gpointer              user_data)
{
  ImportLog *log = user_data;

  if (error != NULL)
    g_ptr_array_add (log->reports, g_strdup_printf ("%u error: %s", index, error->message));
  else
    g_ptr_array_add (log->reports, g_strdup_printf ("%u %" G_GINT64_FORMAT, index, document_id));
}

/* A batch is one action: a refused file in the middle costs the others
 * nothing, and one undo takes the whole batch back. */
static void
test_batch_import (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *first = sigla_test_seed_path ("003");
  g_autofree char *binary = sigla_test_write_file (fixture->dir, "scan.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autofree char *last = sigla_test_seed_path ("004");
  const char *paths[] = { first, binary, last, NULL };
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_free);
  ImportLog log = { reports };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint imported;

  imported = sigla_import_files (fixture->project, paths, log_import_cb, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 2);
  g_assert_cmpuint (reports->len, ==, 3);
  g_assert_cmpstr (reports->pdata[0], ==, "0 1");
  g_assert_true (g_str_has_prefix (reports->pdata[1], "1 error: "));
  g_assert_nonnull (strstr (reports->pdata[1], binary));
  g_assert_cmpstr (reports->pdata[2], ==, "2 2");

  /* The original bytes are kept exactly, through undo and redo. */
  g_assert_true (g_file_get_contents (last, &contents, &length, NULL));
  source = sigla_document_get_source (fixture->project, 2, &error);
  g_assert_cmpmem (g_bytes_get_data (source, NULL), g_bytes_get_size (source), contents, length);

  undo (fixture, "Import 3 documents");
  g_assert_cmpint (counts (fixture).documents, ==, 0);
  g_assert_false (sigla_project_can_undo (fixture->project));
  redo (fixture, "Import 3 documents");
  g_assert_cmpint (counts (fixture).documents, ==, 2);
  g_clear_pointer (&source, g_bytes_unref);
  source = sigla_document_get_source (fixture->project, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (source, NULL), g_bytes_get_size (source), contents, length);
}

/* A batch in which every file is refused leaves no history entry behind. */
static void
test_batch_import_all_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  const char *paths[] = { missing, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (sigla_import_files (fixture->project, paths, NULL, NULL, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_false (sigla_project_can_undo (fixture->project));
}

/* A history of N steps keeps the newest N: the one before can no longer be undone. */
static void
test_limit_steps (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint undone = 0;

  g_assert_true (sigla_settings_set (fixture->project, SIGLA_SETTING_HISTORY_STEPS, "10", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, name);

      g_assert_true (sigla_entity_insert (fixture->project, entity, &error));
    }
  while (sigla_project_undo (fixture->project, NULL, NULL))
    undone++;
  g_assert_cmpuint (undone, ==, 10);
  /* The five oldest people stay: their steps were dropped, not undone. */
  g_assert_cmpuint (sigla_test_query_int (fixture->path, "SELECT count(*) FROM entities"), ==, 5);
}

/* The history holds the original files of undone imports up to its size;
 * past it the oldest step goes, with its copy, and the newest can still be redone. */
static void
test_limit_size (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *label = NULL;

  while (text->len < 600 * 1024)
    g_string_append (text, "The armistice talks at Kaesong resumed after a pause of some days. ");
  first = sigla_test_write_file (fixture->dir, "first.txt", text->str, text->len);
  second = sigla_test_write_file (fixture->dir, "second.txt", text->str, text->len);

  g_assert_true (sigla_settings_set (fixture->project, SIGLA_SETTING_HISTORY_MEGABYTES, "1", &error));
  g_assert_cmpint (sigla_import_file (fixture->project, first, &error), >, 0);
  g_assert_cmpint (sigla_import_file (fixture->project, second, &error), >, 0);
  g_assert_true (sigla_project_undo (fixture->project, NULL, &error));
  g_assert_true (sigla_project_undo (fixture->project, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sigla_test_query_int (fixture->path, "SELECT sum(length(bytes)) FROM sources_trash"), <=, 1024 * 1024);
  g_assert_true (sigla_project_redo (fixture->project, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sigla_test_query_int (fixture->path, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_false (sigla_project_can_redo (fixture->project));
}

/* An undone import past the size limit leaves the history when it is undone;
 * compacting gives the room it took back to the disk. */
static void
test_compact (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SiglaCompactReport report;

  while (text->len < 2 * 1024 * 1024)
    g_string_append (text, "Filippov [Stalin] answered the cable of the fourteenth at length. ");
  path = sigla_test_write_file (fixture->dir, "long.txt", text->str, text->len);
  g_assert_true (sigla_settings_set (fixture->project, SIGLA_SETTING_HISTORY_MEGABYTES, "1", &error));
  g_assert_cmpint (sigla_import_file (fixture->project, path, &error), >, 0);
  g_assert_true (sigla_project_undo (fixture->project, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sigla_test_query_int (fixture->path, "SELECT count(*) FROM sources_trash"), ==, 0);
  g_assert_false (sigla_project_can_redo (fixture->project));

  g_assert_true (sigla_project_compact (fixture->project, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.bytes_after, <, report.bytes_before - 2 * 1024 * 1024);
  g_assert_cmpint (sigla_test_query_int (fixture->path, "SELECT count(*) FROM documents"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/history/nothing-to-undo", test_nothing_to_undo);
  ADD ("/history/entity-edits", test_entity_edits);
  ADD ("/history/delete-with-mentions", test_delete_with_mentions);
  ADD ("/history/claim-with-subjects", test_claim_with_subjects);
  ADD ("/history/import", test_import);
  ADD ("/history/new-edit-drops-redo", test_new_edit_drops_redo);
  ADD ("/history/survives-restart", test_survives_restart);
  ADD ("/history/failed-edit-not-journalled", test_failed_edit_not_journalled);
  ADD ("/history/batch-import", test_batch_import);
  ADD ("/history/batch-import-all-refused", test_batch_import_all_refused);
  ADD ("/history/limit-steps", test_limit_steps);
  ADD ("/history/limit-size", test_limit_size);
  ADD ("/history/compact", test_compact);

#undef ADD

  return g_test_run ();
}
