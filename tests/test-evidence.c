/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-evidence.c: who says a name is an entity's, and where; relations between entities.
 * Kept with the alias through an edit, a merge, a split and undo; refused when the words are
 * not in their document or the certainty is not one of the three; relations follow a merge,
 * go with a deleted entity and come back with undo. */

#include "sigla-test-util.h"

#define TEXT \
  "# Cable 21726\n\n" \
  "Mao Zedong to Cde. Filippov [Stalin]. Li Kenong reports to Mao."

typedef struct
{
  char         *dir;
  SiglaProject *project;
  gint64        document;
  gint64        stalin;
  gint64        mao;
  gint64        li;
  gint64        gloss_start;   /* "Cde. Filippov [Stalin]" */
  gint64        gloss_end;
} Fixture;

static gint64
offset_of (const char *text,
           const char *words)
{
  const char *at = strstr (text, words);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static gint64
add_person (SiglaProject *project,
            const char   *name)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, name);

  g_assert_true (sigla_entity_insert (project, entity, NULL));
  return entity->id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(SiglaDocument) document = NULL;

  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
  path = sigla_test_write_file (fixture->dir, "cable.txt", TEXT, -1);
  fixture->document = sigla_import_file (fixture->project, path, NULL);
  document = sigla_document_get (fixture->project, fixture->document, NULL);
  fixture->gloss_start = offset_of (document->text, "Cde. Filippov");
  fixture->gloss_end = offset_of (document->text, ". Li Kenong");
  fixture->stalin = add_person (fixture->project, "Joseph Stalin");
  fixture->mao = add_person (fixture->project, "Mao Zedong");
  fixture->li = add_person (fixture->project, "Li Kenong");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Filippov, a pseudonym of Stalin's, as the gloss of the cable says, surely. */
static void
cite_gloss (Fixture *fixture)
{
  g_autoptr(SiglaEntity) stalin = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  SiglaAlias *alias = sigla_entity_add_alias (stalin, "Filippov", "pseudonym");
  g_autoptr(GError) error = NULL;

  alias->evidence.resp = g_strdup ("A. Editor");
  alias->evidence.cert = g_strdup ("high");
  alias->evidence.document_id = fixture->document;
  alias->evidence.start = fixture->gloss_start;
  alias->evidence.end = fixture->gloss_end;
  g_assert_true (sigla_entity_update (fixture->project, stalin, &error));
  g_assert_no_error (error);
}

static const SiglaAlias *
alias_named (const SiglaEntity *entity,
             const char        *name)
{
  for (guint i = 0; i < entity->aliases->len; i++)
    if (g_str_equal (((SiglaAlias *) entity->aliases->pdata[i])->name, name))
      return entity->aliases->pdata[i];
  return NULL;
}

static void
assert_gloss (Fixture         *fixture,
              const SiglaAlias *alias)
{
  g_autofree char *words = NULL;

  g_assert_nonnull (alias);
  g_assert_cmpstr (alias->type, ==, "pseudonym");
  g_assert_cmpstr (alias->evidence.resp, ==, "A. Editor");
  g_assert_cmpstr (alias->evidence.cert, ==, "high");
  g_assert_cmpint (alias->evidence.document_id, ==, fixture->document);
  words = sigla_evidence_words (fixture->project, &alias->evidence, NULL);
  g_assert_cmpstr (words, ==, "Cde. Filippov [Stalin]");
}

static void
test_alias_evidence (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SiglaEntity) stalin = NULL;
  g_autoptr(SiglaEntity) again = NULL;
  g_autofree char *label = NULL;

  cite_gloss (fixture);
  stalin = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  assert_gloss (fixture, alias_named (stalin, "Filippov"));

  /* Another field edited: the evidence stays. */
  g_free (stalin->description);
  stalin->description = g_strdup ("General Secretary");
  g_assert_true (sigla_entity_update (fixture->project, stalin, NULL));
  again = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  assert_gloss (fixture, alias_named (again, "Filippov"));

  /* Undo twice: the description, then the name with its evidence. */
  g_assert_true (sigla_project_undo (fixture->project, NULL, NULL));
  g_assert_true (sigla_project_undo (fixture->project, &label, NULL));
  g_clear_pointer (&again, sigla_entity_free);
  again = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  g_assert_null (alias_named (again, "Filippov"));
  g_assert_true (sigla_project_redo (fixture->project, NULL, NULL));
  g_clear_pointer (&again, sigla_entity_free);
  again = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  assert_gloss (fixture, alias_named (again, "Filippov"));
}

/* Words outside their text, as a file another program changed may hold, are none. */
static void
test_words_outside (Fixture       *fixture,
                    gconstpointer  data)
{
  SiglaEvidence outside = { NULL, NULL, fixture->document, 5, 100000 };
  SiglaEvidence backwards = { NULL, NULL, fixture->document, 9, 3 };
  SiglaEvidence inside = { NULL, NULL, fixture->document, fixture->gloss_start, fixture->gloss_end };
  g_autofree char *words = sigla_evidence_words (fixture->project, &inside, NULL);

  g_assert_cmpstr (words, ==, "Cde. Filippov [Stalin]");
  g_assert_null (sigla_evidence_words (fixture->project, &outside, NULL));
  g_assert_null (sigla_evidence_words (fixture->project, &backwards, NULL));
}

static void
test_alias_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SiglaEntity) stalin = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  g_autoptr(SiglaEntity) after = NULL;
  SiglaAlias *alias = sigla_entity_add_alias (stalin, "Filippov", "pseudonym");
  g_autoptr(GError) error = NULL;

  alias->evidence.document_id = fixture->document;
  alias->evidence.start = fixture->gloss_start;
  alias->evidence.end = 100000;
  g_assert_false (sigla_entity_update (fixture->project, stalin, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Filippov"));
  g_clear_error (&error);

  alias->evidence.document_id = fixture->document + 100;
  alias->evidence.end = fixture->gloss_end;
  g_assert_false (sigla_entity_update (fixture->project, stalin, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  alias->evidence.document_id = fixture->document;
  alias->evidence.cert = g_strdup ("certain");
  g_assert_false (sigla_entity_update (fixture->project, stalin, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing of the refused edits is in the project. */
  after = sigla_entity_get (fixture->project, fixture->stalin, NULL);
  g_assert_cmpuint (after->aliases->len, ==, 0);
}

static void
test_merge_and_split_keep_evidence (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(SiglaEntity) joined = NULL;
  g_autoptr(SiglaEntity) apart = NULL;
  g_autoptr(SiglaEntity) filippov = sigla_entity_new (SIGLA_KIND_PERSON, "Filippov (cover)");
  const char *names[] = { "Filippov", NULL };
  gint64 new_id = 0;

  g_assert_true (sigla_entity_insert (fixture->project, filippov, NULL));
  cite_gloss (fixture);
  /* Stalin, with the cited name, merged into another entity: the name keeps its evidence. */
  g_assert_true (sigla_entity_merge (fixture->project, fixture->stalin, filippov->id, NULL));
  joined = sigla_entity_get (fixture->project, filippov->id, NULL);
  assert_gloss (fixture, alias_named (joined, "Filippov"));

  /* Split off again with the name: the new entity has it, with its evidence. */
  g_assert_true (sigla_entity_split (fixture->project, filippov->id, "Stalin again", NULL, names, &new_id, NULL));
  apart = sigla_entity_get (fixture->project, new_id, NULL);
  assert_gloss (fixture, alias_named (apart, "Filippov"));
  g_clear_pointer (&joined, sigla_entity_free);
  joined = sigla_entity_get (fixture->project, filippov->id, NULL);
  g_assert_null (alias_named (joined, "Filippov"));
}

static SiglaRelation *
relation_between (GPtrArray  *relations,
                  const char *type,
                  gint64      from_id,
                  gint64      to_id)
{
  for (guint i = 0; i < relations->len; i++)
    {
      SiglaRelation *relation = relations->pdata[i];

      if (g_str_equal (relation->type, type) && relation->from_id == from_id && relation->to_id == to_id)
        return relation;
    }
  return NULL;
}

static void
test_relations (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SiglaRelation) writes = sigla_relation_new ("writes-to", fixture->mao, fixture->stalin);
  g_autoptr(SiglaRelation) reports = sigla_relation_new ("reports-to", fixture->li, fixture->mao);
  g_autoptr(SiglaRelation) self = sigla_relation_new ("meets", fixture->mao, fixture->mao);
  g_autoptr(SiglaRelation) spaced = sigla_relation_new ("writes to", fixture->mao, fixture->li);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) of_li = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  SiglaRelation *found;

  writes->evidence.document_id = fixture->document;
  writes->evidence.start = fixture->gloss_start;
  writes->evidence.end = fixture->gloss_end;
  writes->evidence.cert = g_strdup ("high");
  g_assert_true (sigla_relation_insert (fixture->project, writes, &error));
  g_assert_no_error (error);
  g_assert_true (sigla_relation_insert (fixture->project, reports, &error));

  g_assert_false (sigla_relation_insert (fixture->project, self, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sigla_relation_insert (fixture->project, spaced, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_clear_error (&error);

  all = sigla_relation_list (fixture->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 2);
  found = relation_between (all, "writes-to", fixture->mao, fixture->stalin);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->evidence.cert, ==, "high");
  words = sigla_evidence_words (fixture->project, &found->evidence, NULL);
  g_assert_cmpstr (words, ==, "Cde. Filippov [Stalin]");
  of_li = sigla_relation_list (fixture->project, fixture->li, NULL);
  g_assert_cmpuint (of_li->len, ==, 1);
  g_assert_nonnull (relation_between (of_li, "reports-to", fixture->li, fixture->mao));
  g_assert_cmpstr (sigla_relation_type_label ("reports-to"), ==, "reports to");
  g_assert_true (sigla_relation_is_mutual ("meets"));

  /* One undo takes the last relation back. */
  g_assert_true (sigla_project_undo (fixture->project, NULL, NULL));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sigla_relation_list (fixture->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (sigla_relation_delete (fixture->project, writes->id, NULL));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sigla_relation_list (fixture->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_false (sigla_relation_delete (fixture->project, writes->id, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
}

static void
test_relations_follow_entities (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(SiglaRelation) writes = sigla_relation_new ("writes-to", fixture->mao, fixture->stalin);
  g_autoptr(SiglaRelation) reports = sigla_relation_new ("reports-to", fixture->li, fixture->mao);
  g_autoptr(SiglaRelation) meets = sigla_relation_new ("meets", fixture->li, fixture->stalin);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (sigla_relation_insert (fixture->project, writes, NULL));
  g_assert_true (sigla_relation_insert (fixture->project, reports, NULL));
  g_assert_true (sigla_relation_insert (fixture->project, meets, NULL));

  /* Li merged into Stalin: Li's report is Stalin's; Li meeting Stalin would be Stalin meeting himself. */
  g_assert_true (sigla_entity_merge (fixture->project, fixture->li, fixture->stalin, NULL));
  all = sigla_relation_list (fixture->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_nonnull (relation_between (all, "reports-to", fixture->stalin, fixture->mao));
  g_assert_nonnull (relation_between (all, "writes-to", fixture->mao, fixture->stalin));
  g_assert_true (sigla_project_undo (fixture->project, NULL, NULL));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sigla_relation_list (fixture->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_nonnull (relation_between (all, "meets", fixture->li, fixture->stalin));

  /* Mao deleted: his relations go with him, and come back with undo. */
  g_assert_true (sigla_entity_delete (fixture->project, fixture->mao, SIGLA_DELETE_REFUSE, NULL));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sigla_relation_list (fixture->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (sigla_project_undo (fixture->project, NULL, NULL));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = sigla_relation_list (fixture->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 3);
}

static void
test_parse_span (void)
{
  SiglaEvidence evidence = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_evidence_parse_span ("3:120-142", &evidence, NULL));
  g_assert_cmpint (evidence.document_id, ==, 3);
  g_assert_cmpint (evidence.start, ==, 120);
  g_assert_cmpint (evidence.end, ==, 142);
  g_assert_false (sigla_evidence_parse_span ("3:120", &evidence, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sigla_evidence_parse_span ("0:1-2", &evidence, &error));
  g_clear_error (&error);
  g_assert_false (sigla_evidence_parse_span ("3:1-2x", &evidence, &error));
  sigla_evidence_clear (&evidence);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/evidence/alias", Fixture, NULL, fixture_set_up, test_alias_evidence, fixture_tear_down);
  g_test_add ("/evidence/words-outside", Fixture, NULL, fixture_set_up, test_words_outside, fixture_tear_down);
  g_test_add ("/evidence/alias-refused", Fixture, NULL, fixture_set_up, test_alias_refused, fixture_tear_down);
  g_test_add ("/evidence/merge-and-split", Fixture, NULL, fixture_set_up, test_merge_and_split_keep_evidence,
              fixture_tear_down);
  g_test_add ("/evidence/relations", Fixture, NULL, fixture_set_up, test_relations, fixture_tear_down);
  g_test_add ("/evidence/relations-follow-entities", Fixture, NULL, fixture_set_up, test_relations_follow_entities,
              fixture_tear_down);
  g_test_add_func ("/evidence/parse-span", test_parse_span);

  return g_test_run ();
}
