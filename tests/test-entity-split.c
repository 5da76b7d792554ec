/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-entity-split.c: one entity made two: chosen mentions and names moved to a new entity of
 * the same kind, claims left, one undo taking it all back; refused whole when a mention or a
 * name is not the entity's. */

#include "sigla-test-util.h"

#define TEXT \
  "# Cables\n\n" \
  "Mao wrote to Cde. Filippov. Stalin answered. FILIPPOV agreed; Stalin signed."

typedef struct
{
  char         *dir;
  SiglaProject *project;
  gint64        document;
  gint64        stalin;
  gint64        mao;
  GArray       *filippov;   /* the mentions over "Filippov", either case */
  GArray       *bare;       /* those over "Stalin" */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(SiglaEntity) stalin = sigla_entity_new (SIGLA_KIND_PERSON, "Joseph Stalin");
  g_autoptr(SiglaEntity) mao = sigla_entity_new (SIGLA_KIND_PERSON, "Mao Zedong");
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  const char *words[] = { "Filippov", "Stalin", "FILIPPOV", "Stalin" };   /* in the text's order */
  const char *at;

  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
  path = sigla_test_write_file (fixture->dir, "cables.txt", TEXT, -1);
  fixture->document = sigla_import_file (fixture->project, path, NULL);
  document = sigla_document_get (fixture->project, fixture->document, NULL);

  sigla_entity_add_alias (stalin, "Filippov", "pseudonym");
  sigla_entity_add_alias (stalin, "Koba", "nickname");
  g_assert_true (sigla_entity_insert (fixture->project, stalin, NULL));
  g_assert_true (sigla_entity_insert (fixture->project, mao, NULL));
  fixture->stalin = stalin->id;
  fixture->mao = mao->id;

  fixture->filippov = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->bare = g_array_new (FALSE, FALSE, sizeof (gint64));
  at = document->text;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gint64 start, id;

      at = strstr (at, words[i]);
      g_assert_nonnull (at);
      start = g_utf8_pointer_to_offset (document->text, at);
      id = sigla_test_add_mention (fixture->project, fixture->document, SIGLA_KIND_PERSON, fixture->stalin,
                                   start, start + (gint64) strlen (words[i]));
      g_array_append_val (g_ascii_strcasecmp (words[i], "Filippov") == 0 ? fixture->filippov : fixture->bare, id);
      at += strlen (words[i]);
    }

  claim->document_id = fixture->document;
  claim->start = 0;
  claim->end = 10;
  claim->speaker_id = fixture->stalin;
  g_assert_true (sigla_claim_insert (fixture->project, claim, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  g_array_unref (fixture->filippov);
  g_array_unref (fixture->bare);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* mention id → entity id, for every mention of the document. */
static GHashTable *
who_is_named (Fixture *fixture)
{
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, fixture->document, NULL);
  GHashTable *named = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < mentions->len; i++)
    {
      const SiglaMention *m = mentions->pdata[i];

      g_hash_table_insert (named, g_memdup2 (&m->id, sizeof m->id), g_memdup2 (&m->entity_id, sizeof m->entity_id));
    }
  return named;
}

static gint64
entity_of (GHashTable *named,
           gint64      mention)
{
  gint64 *entity = g_hash_table_lookup (named, &mention);

  g_assert_nonnull (entity);
  return *entity;
}

static gboolean
has_alias (SiglaEntity *entity,
           const char  *name)
{
  for (guint i = 0; i < entity->aliases->len; i++)
    if (g_str_equal (((SiglaAlias *) entity->aliases->pdata[i])->name, name))
      return TRUE;
  return FALSE;
}

/* The words find the mentions, whatever their case; only the entity's. */
static void
test_mentions_with_words (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GArray) found = sigla_entity_mentions_with_words (fixture->project, fixture->stalin, "filippov", NULL);
  g_autoptr(GArray) none = sigla_entity_mentions_with_words (fixture->project, fixture->mao, "Filippov", NULL);

  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, g_array_index (fixture->filippov, gint64, 0));
  g_assert_cmpint (g_array_index (found, gint64, 1), ==, g_array_index (fixture->filippov, gint64, 1));
  g_assert_cmpuint (none->len, ==, 0);
}

/* The words the mentions are made of, case aside, each with its mentions. */
static void
test_list_words (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = NULL;
  gint64 extra = sigla_test_add_mention (fixture->project, fixture->document, SIGLA_KIND_PERSON, fixture->stalin, 0, 3);
  const SiglaEntityWords *first;

  groups = sigla_entity_list_words (fixture->project, fixture->stalin, NULL);
  g_assert_cmpuint (groups->len, ==, 3);   /* Filippov, Stalin, and the first three letters */
  first = groups->pdata[0];
  g_assert_cmpuint (first->mention_ids->len, ==, 2);
  g_assert_cmpuint (first->n_documents, ==, 1);
  g_assert_cmpuint (((SiglaEntityWords *) groups->pdata[1])->mention_ids->len, ==, 2);
  g_assert_cmpuint (g_utf8_strlen (((SiglaEntityWords *) groups->pdata[2])->words, -1), ==, 3);
  g_assert_cmpint (g_array_index (((SiglaEntityWords *) groups->pdata[2])->mention_ids, gint64, 0), ==, extra);
  for (guint i = 0; i < 2; i++)
    {
      const SiglaEntityWords *group = groups->pdata[i];
      GArray *expected = g_ascii_strcasecmp (group->words, "Filippov") == 0 ? fixture->filippov : fixture->bare;

      g_assert_cmpuint (group->mention_ids->len, ==, expected->len);
      for (guint j = 0; j < expected->len; j++)
        g_assert_cmpint (g_array_index (group->mention_ids, gint64, j), ==, g_array_index (expected, gint64, j));
    }
}

/* "Filippov" made a person of his own: his mentions and his name move, the
 * rest and the claim stay; one undo, and all is as it was. */
static void
test_split_and_undo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) before = who_is_named (fixture);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) undone = NULL;
  g_autoptr(SiglaEntity) old = NULL;
  g_autoptr(SiglaEntity) made = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 filippov = 0;

  /* Its name, "Filippov", was one of Stalin's: it goes with it, unasked. */
  g_assert_true (sigla_entity_split (fixture->project, fixture->stalin, "Filippov", fixture->filippov, NULL,
                                     &filippov, &error));
  g_assert_no_error (error);
  g_assert_cmpint (filippov, >, 0);

  after = who_is_named (fixture);
  for (guint i = 0; i < fixture->filippov->len; i++)
    g_assert_cmpint (entity_of (after, g_array_index (fixture->filippov, gint64, i)), ==, filippov);
  for (guint i = 0; i < fixture->bare->len; i++)
    g_assert_cmpint (entity_of (after, g_array_index (fixture->bare, gint64, i)), ==, fixture->stalin);

  old = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  made = sigla_entity_get (fixture->project, filippov, NULL);
  g_assert_cmpint (made->kind, ==, SIGLA_KIND_PERSON);
  g_assert_cmpstr (made->label, ==, "Filippov");
  g_assert_false (has_alias (made, "Filippov"));
  g_assert_false (has_alias (old, "Filippov"));
  g_assert_true (has_alias (old, "Koba"));
  claims = sigla_claim_list (fixture->project, fixture->document, NULL);
  g_assert_cmpint (((SiglaClaim *) claims->pdata[0])->speaker_id, ==, fixture->stalin);

  g_assert_true (sigla_project_undo (fixture->project, &label, &error));
  g_assert_cmpstr (label, ==, "Split “Filippov” from “Joseph Stalin”");
  undone = who_is_named (fixture);
  g_assert_cmpuint (g_hash_table_size (undone), ==, g_hash_table_size (before));
  for (guint i = 0; i < fixture->filippov->len; i++)
    g_assert_cmpint (entity_of (undone, g_array_index (fixture->filippov, gint64, i)), ==, fixture->stalin);
  g_clear_pointer (&old, sigla_entity_free);
  old = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  g_assert_true (has_alias (old, "Filippov"));
  g_assert_null (sigla_entity_get (fixture->project, filippov, NULL));
}

/* A mention of another entity, a name it does not have, no name: refused,
 * nothing changed. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  const char * const unknown[] = { "Uncle Joe", NULL };
  g_autoptr(GArray) mixed = g_array_copy (fixture->filippov);
  g_autoptr(GHashTable) before = who_is_named (fixture);
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mao_mention = sigla_test_add_mention (fixture->project, fixture->document, SIGLA_KIND_PERSON, fixture->mao,
                                               0, 3);

  g_array_append_val (mixed, mao_mention);
  g_assert_false (sigla_entity_split (fixture->project, fixture->stalin, "Filippov", mixed, NULL, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sigla_entity_split (fixture->project, fixture->stalin, "Filippov", fixture->filippov, unknown, NULL,
                                      &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Uncle Joe"));
  g_clear_error (&error);
  g_assert_false (sigla_entity_split (fixture->project, fixture->stalin, "  ", fixture->filippov, NULL, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);

  entities = sigla_entity_list (fixture->project, NULL);
  g_assert_cmpuint (entities->len, ==, 2);
  for (guint i = 0; i < fixture->filippov->len; i++)
    g_assert_cmpint (entity_of (before, g_array_index (fixture->filippov, gint64, i)), ==, fixture->stalin);
  {
    g_autoptr(GHashTable) now = who_is_named (fixture);

    for (guint i = 0; i < fixture->filippov->len; i++)
      g_assert_cmpint (entity_of (now, g_array_index (fixture->filippov, gint64, i)), ==, fixture->stalin);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/entity-split/mentions-with-words", Fixture, NULL, fixture_set_up, test_mentions_with_words,
              fixture_tear_down);
  g_test_add ("/entity-split/list-words", Fixture, NULL, fixture_set_up, test_list_words, fixture_tear_down);
  g_test_add ("/entity-split/split-and-undo", Fixture, NULL, fixture_set_up, test_split_and_undo, fixture_tear_down);
  g_test_add ("/entity-split/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
