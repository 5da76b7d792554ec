/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: entities, mentions and claims: what is stored, and what is refused. */

#include "sigla-test-util.h"

typedef struct
{
  char         *dir;
  SiglaProject *project;
  gint64        document;   /* seed 004, the letter to Mao */
  char         *text;
  gint64        length;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SiglaDocument) document = NULL;

  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
  fixture->document = sigla_test_import_seed (fixture->project, "004");
  document = sigla_document_get (fixture->project, fixture->document, NULL);
  fixture->text = g_steal_pointer (&document->text);
  fixture->length = document->length;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->text);
}

/* The code-point span of the first @word in the document's text. */
static void
find_word (Fixture    *fixture,
           const char *word,
           gint64     *start,
           gint64     *end)
{
  const char *found = strstr (fixture->text, word);

  g_assert_nonnull (found);
  *start = g_utf8_pointer_to_offset (fixture->text, found);
  *end = *start + g_utf8_strlen (word, -1);
}

static gint64
add_entity (Fixture    *fixture,
            SiglaKind   kind,
            const char *label)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, label);
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_entity_insert (fixture->project, entity, &error));
  g_assert_no_error (error);
  return entity->id;
}

static gboolean
add_mention (Fixture    *fixture,
             gint64      entity_id,
             SiglaKind   kind,
             gint64      start,
             gint64      end,
             gint64     *id,
             GError    **error)
{
  g_autoptr(SiglaMention) mention = sigla_mention_new ();
  gboolean added;

  mention->document_id = fixture->document;
  mention->kind = kind;
  mention->entity_id = entity_id;
  mention->start = start;
  mention->end = end;
  added = sigla_mention_insert (fixture->project, mention, error);
  if (id != NULL)
    *id = mention->id;
  return added;
}

static guint
count_mentions (Fixture *fixture)
{
  g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, 0, NULL);

  g_assert_nonnull (mentions);
  return mentions->len;
}

static void
test_entity_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SiglaEntity) stalin = sigla_entity_new (SIGLA_KIND_PERSON, "Joseph Stalin");
  g_autoptr(SiglaEntity) kaesong = sigla_entity_new (SIGLA_KIND_PLACE, "Kaesong");
  g_autoptr(SiglaEntity) read = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  SiglaAlias *alias;

  sigla_entity_add_alias (stalin, "Filippov", "pseudonym");
  sigla_entity_add_alias (stalin, "I. V. Stalin", NULL);
  g_ptr_array_add (stalin->authorities, g_strdup ("http://www.wikidata.org/entity/Q855"));
  stalin->note = g_strdup ("Signs as “Filippov” in cables; notes with 'quotes' & <angles>");
  g_assert_true (sigla_entity_insert (fixture->project, stalin, &error));
  g_assert_cmpint (stalin->id, >, 0);
  g_assert_nonnull (stalin->uuid);

  kaesong->has_geo = TRUE;
  kaesong->lat = 37.97;
  kaesong->lon = 126.55;
  sigla_entity_add_alias (kaesong, "Gaeseong", "variant");
  g_assert_true (sigla_entity_insert (fixture->project, kaesong, &error));

  read = sigla_entity_get (fixture->project, stalin->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, SIGLA_KIND_PERSON);
  g_assert_cmpstr (read->label, ==, "Joseph Stalin");
  g_assert_cmpstr (read->note, ==, stalin->note);
  g_assert_cmpuint (read->aliases->len, ==, 2);
  alias = read->aliases->pdata[0];
  g_assert_cmpstr (alias->name, ==, "Filippov");
  g_assert_cmpstr (alias->type, ==, "pseudonym");
  alias = read->aliases->pdata[1];
  g_assert_cmpstr (alias->type, ==, "variant");
  g_assert_cmpuint (read->authorities->len, ==, 1);
  g_assert_cmpstr (read->authorities->pdata[0], ==, "http://www.wikidata.org/entity/Q855");
  g_assert_false (read->has_geo);

  all = sigla_entity_list (fixture->project, &error);
  g_assert_cmpuint (all->len, ==, 2);
  /* People first, then places. */
  g_assert_cmpstr (((SiglaEntity *) all->pdata[0])->label, ==, "Joseph Stalin");
  g_assert_true (((SiglaEntity *) all->pdata[1])->has_geo);
  g_assert_cmpfloat_with_epsilon (((SiglaEntity *) all->pdata[1])->lat, 37.97, 1e-9);
  g_assert_cmpfloat_with_epsilon (((SiglaEntity *) all->pdata[1])->lon, 126.55, 1e-9);
}

static void
test_entity_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SiglaEntity) nameless = sigla_entity_new (SIGLA_KIND_PERSON, " ");
  g_autoptr(SiglaEntity) off_globe = sigla_entity_new (SIGLA_KIND_PLACE, "Wonsan");
  g_autoptr(SiglaEntity) date = sigla_entity_new (SIGLA_KIND_DATE, "30 June 1951");
  g_autoptr(SiglaEntity) empty_alias = sigla_entity_new (SIGLA_KIND_PERSON, "Nam Il");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sigla_entity_insert (fixture->project, nameless, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_clear_error (&error);

  off_globe->has_geo = TRUE;
  off_globe->lat = 139.15;   /* latitude and longitude swapped */
  off_globe->lon = 39.15;
  g_assert_false (sigla_entity_insert (fixture->project, off_globe, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Wonsan"));
  g_clear_error (&error);

  g_assert_false (sigla_entity_insert (fixture->project, date, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_clear_error (&error);

  sigla_entity_add_alias (empty_alias, "", NULL);
  g_assert_false (sigla_entity_insert (fixture->project, empty_alias, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);

  all = sigla_entity_list (fixture->project, NULL);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_entity_update (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = add_entity (fixture, SIGLA_KIND_PERSON, "Stalin");
  g_autoptr(SiglaEntity) entity = sigla_entity_get (fixture->project, id, NULL);
  g_autoptr(SiglaEntity) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  g_free (entity->label);
  entity->label = g_strdup ("Joseph Stalin");
  sigla_entity_add_alias (entity, "FILIPPOV", "pseudonym");
  g_assert_true (sigla_entity_update (fixture->project, entity, &error));

  read = sigla_entity_get (fixture->project, id, NULL);
  g_assert_cmpstr (read->label, ==, "Joseph Stalin");
  g_assert_cmpuint (read->aliases->len, ==, 1);

  /* A person with mentions cannot become a place: the mentions would lie. */
  find_word (fixture, "FILIPPOV", &start, &end);
  g_assert_true (add_mention (fixture, id, SIGLA_KIND_PERSON, start, end, NULL, &error));
  read->kind = SIGLA_KIND_PLACE;
  g_assert_false (sigla_entity_update (fixture->project, read, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE);
  g_clear_pointer (&read, sigla_entity_free);
  read = sigla_entity_get (fixture->project, id, NULL);
  g_assert_cmpint (read->kind, ==, SIGLA_KIND_PERSON);
}

static void
test_mention_offsets (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 person = add_entity (fixture, SIGLA_KIND_PERSON, "Matthew Ridgway");
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;
  SiglaMention *stored;
  g_autofree char *span = NULL;
  const struct { gint64 start, end; } bad[] = {
    { -1, 3 }, { 5, 5 }, { 9, 4 }, { fixture->length - 2, fixture->length + 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (add_mention (fixture, person, SIGLA_KIND_PERSON, bad[i].start, bad[i].end, NULL, &error));
      g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpuint (count_mentions (fixture), ==, 0);

  /* The whole text is a valid span, up to the last code point. */
  g_assert_true (add_mention (fixture, person, SIGLA_KIND_PERSON, 0, fixture->length, NULL, &error));
  g_assert_no_error (error);

  find_word (fixture, "Ridgway", &start, &end);
  g_assert_true (add_mention (fixture, person, SIGLA_KIND_PERSON, start, end, &id, &error));

  mentions = sigla_mention_list (fixture->project, fixture->document, &error);
  g_assert_cmpuint (mentions->len, ==, 2);
  stored = mentions->pdata[1];
  g_assert_cmpint (stored->id, ==, id);
  g_assert_cmpint (stored->entity_id, ==, person);
  span = g_utf8_substring (fixture->text, stored->start, stored->end);
  g_assert_cmpstr (span, ==, "Ridgway");
}

/* "BEIJING—TO KRASOVSKY": the em dash is one code point and three bytes. */
static void
test_mention_counts_code_points (Fixture       *fixture,
                                 gconstpointer  data)
{
  gint64 person = add_entity (fixture, SIGLA_KIND_PERSON, "Krasovsky");
  g_autoptr(GPtrArray) mentions = NULL;
  g_autofree char *span = NULL;
  gint64 start, end;

  find_word (fixture, "KRASOVSKY", &start, &end);
  g_assert_cmpint (start, ==, strlen ("BEIJING—TO ") - 2);
  g_assert_true (add_mention (fixture, person, SIGLA_KIND_PERSON, start, end, NULL, NULL));

  mentions = sigla_mention_list (fixture->project, 0, NULL);
  span = g_utf8_substring (fixture->text, ((SiglaMention *) mentions->pdata[0])->start,
                           ((SiglaMention *) mentions->pdata[0])->end);
  g_assert_cmpstr (span, ==, "KRASOVSKY");
}

static void
test_mention_kind_follows_entity (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 person = add_entity (fixture, SIGLA_KIND_PERSON, "Kim Il Sung");
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  find_word (fixture, "KIM IL SUNG", &start, &end);
  g_assert_false (add_mention (fixture, person, SIGLA_KIND_PLACE, start, end, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "person"));
  g_clear_error (&error);

  g_assert_false (add_mention (fixture, person + 100, SIGLA_KIND_PERSON, start, end, NULL, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_mentions (fixture), ==, 0);
}

static void
test_mention_dates (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SiglaMention) date = sigla_mention_new ();
  g_autoptr(SiglaMention) range = sigla_mention_new ();
  g_autoptr(SiglaMention) bad = sigla_mention_new ();
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  find_word (fixture, "30 June 1951", &start, &end);
  date->document_id = range->document_id = bad->document_id = fixture->document;
  date->kind = range->kind = bad->kind = SIGLA_KIND_DATE;
  date->start = range->start = bad->start = start;
  date->end = range->end = bad->end = end;

  date->when = g_strdup ("1951-06-30");
  g_assert_true (sigla_mention_insert (fixture->project, date, &error));
  g_assert_no_error (error);

  range->not_before = g_strdup ("1951-06");
  range->not_after = g_strdup ("1951-07-15");
  g_assert_true (sigla_mention_insert (fixture->project, range, &error));

  bad->when = g_strdup ("30/06/1951");
  g_assert_false (sigla_mention_insert (fixture->project, bad, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "30/06/1951"));
  g_clear_error (&error);

  g_clear_pointer (&bad->when, g_free);
  g_assert_false (sigla_mention_insert (fixture->project, bad, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);

  mentions = sigla_mention_list (fixture->project, fixture->document, NULL);
  g_assert_cmpuint (mentions->len, ==, 2);
  g_assert_cmpstr (((SiglaMention *) mentions->pdata[0])->when, ==, "1951-06-30");
  g_assert_cmpstr (((SiglaMention *) mentions->pdata[1])->not_after, ==, "1951-07-15");
}

static void
test_mention_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 person = add_entity (fixture, SIGLA_KIND_PERSON, "Peng Dehuai");
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  find_word (fixture, "PENG DEHUAI", &start, &end);
  g_assert_true (add_mention (fixture, person, SIGLA_KIND_PERSON, start, end, &id, NULL));
  g_assert_true (sigla_mention_delete (fixture->project, id, &error));
  g_assert_cmpuint (count_mentions (fixture), ==, 0);

  g_assert_false (sigla_mention_delete (fixture->project, id, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
}

static SiglaClaim *
new_claim (Fixture    *fixture,
           const char *words,
           gint64      speaker,
           gint64      reporter)
{
  SiglaClaim *claim = sigla_claim_new ();

  claim->document_id = fixture->document;
  find_word (fixture, words, &claim->start, &claim->end);
  claim->speaker_id = speaker;
  claim->reporter_id = reporter;
  return claim;
}

static void
test_claim_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 stalin = add_entity (fixture, SIGLA_KIND_PERSON, "Joseph Stalin");
  gint64 ridgway = add_entity (fixture, SIGLA_KIND_PERSON, "Matthew Ridgway");
  gint64 kaesong = add_entity (fixture, SIGLA_KIND_PLACE, "Kaesong");
  gint64 parallel = add_entity (fixture, SIGLA_KIND_PLACE, "38th parallel");
  g_autoptr(SiglaClaim) claim = new_claim (fixture, "It is necessary to demand that the meeting take place", stalin, 0);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  SiglaClaim *stored;

  claim->stance = g_strdup ("demands");
  claim->certainty = g_strdup ("high");
  claim->paraphrase = g_strdup ("Meet at the 38th parallel, at Kaesong — not on a ship at Wonsan.");
  g_array_append_val (claim->about, kaesong);
  g_array_append_val (claim->about, parallel);
  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));
  g_assert_no_error (error);

  claims = sigla_claim_list (fixture->project, fixture->document, &error);
  g_assert_cmpuint (claims->len, ==, 1);
  stored = claims->pdata[0];
  g_assert_cmpint (stored->speaker_id, ==, stalin);
  g_assert_cmpint (stored->reporter_id, ==, 0);
  g_assert_cmpstr (stored->stance, ==, "demands");
  g_assert_cmpstr (stored->certainty, ==, "high");
  g_assert_cmpstr (stored->paraphrase, ==, claim->paraphrase);
  g_assert_cmpuint (stored->about->len, ==, 2);
  g_assert_cmpint (g_array_index (stored->about, gint64, 0), ==, kaesong);
  g_assert_cmpint (g_array_index (stored->about, gint64, 1), ==, parallel);

  /* Edit: a reporter, one subject fewer. */
  stored->reporter_id = ridgway;
  g_array_remove_index (stored->about, 1);
  g_assert_true (sigla_claim_update (fixture->project, stored, &error));
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = sigla_claim_list (fixture->project, 0, &error);
  stored = claims->pdata[0];
  g_assert_cmpint (stored->reporter_id, ==, ridgway);
  g_assert_cmpuint (stored->about->len, ==, 1);

  g_assert_true (sigla_claim_delete (fixture->project, stored->id, &error));
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = sigla_claim_list (fixture->project, 0, &error);
  g_assert_cmpuint (claims->len, ==, 0);
}

static void
test_claim_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 mao = add_entity (fixture, SIGLA_KIND_PERSON, "Mao Zedong");
  gint64 wonsan = add_entity (fixture, SIGLA_KIND_PLACE, "Wonsan");
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  const char *words = "This, of course, is inconceivable and not necessary";
  g_autoptr(SiglaClaim) place_speaker = new_claim (fixture, words, wonsan, 0);
  g_autoptr(SiglaClaim) place_reporter = new_claim (fixture, words, mao, wonsan);
  g_autoptr(SiglaClaim) bad_stance = new_claim (fixture, words, mao, 0);
  g_autoptr(SiglaClaim) bad_certainty = new_claim (fixture, words, mao, 0);
  g_autoptr(SiglaClaim) missing_subject = new_claim (fixture, words, mao, 0);
  g_autoptr(SiglaClaim) outside = new_claim (fixture, words, mao, 0);
  gint64 nobody = wonsan + 1000;
  struct { SiglaClaim *claim; int code; } cases[] = {
    { place_speaker, SIGLA_ERROR_INVALID },
    { place_reporter, SIGLA_ERROR_INVALID },
    { bad_stance, SIGLA_ERROR_INVALID },
    { bad_certainty, SIGLA_ERROR_INVALID },
    { missing_subject, SIGLA_ERROR_NOT_FOUND },
    { outside, SIGLA_ERROR_INVALID },
  };

  bad_stance->stance = g_strdup ("insinuates");
  bad_certainty->certainty = g_strdup ("certain");
  g_array_append_val (missing_subject->about, nobody);
  outside->end = fixture->length + 10;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (sigla_claim_insert (fixture->project, cases[i].claim, &error));
      g_assert_error (error, SIGLA_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  claims = sigla_claim_list (fixture->project, 0, NULL);
  g_assert_cmpuint (claims->len, ==, 0);
}

/* "It is reported that …": a claim may have no known speaker. */
static void
test_claim_without_speaker (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SiglaClaim) claim = new_claim (fixture, "This, of course, is inconceivable", 0, 0);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));
  g_assert_no_error (error);
  claims = sigla_claim_list (fixture->project, 0, NULL);
  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpint (((SiglaClaim *) claims->pdata[0])->speaker_id, ==, 0);
}

static void
test_entity_delete_modes (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 stalin = add_entity (fixture, SIGLA_KIND_PERSON, "Joseph Stalin");
  gint64 kim = add_entity (fixture, SIGLA_KIND_PERSON, "Kim Il Sung");
  g_autoptr(SiglaClaim) claim = new_claim (fixture, "We also cannot maintain direct communication", stalin, 0);
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  find_word (fixture, "FILIPPOV", &start, &end);
  g_assert_true (add_mention (fixture, stalin, SIGLA_KIND_PERSON, start, end, NULL, NULL));
  find_word (fixture, "KIM IL SUNG", &start, &end);
  g_assert_true (add_mention (fixture, kim, SIGLA_KIND_PERSON, start, end, NULL, NULL));
  g_array_append_val (claim->about, kim);
  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));

  /* Refused while annotations point to it, and nothing changes. */
  g_assert_false (sigla_entity_delete (fixture->project, stalin, SIGLA_DELETE_REFUSE, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Joseph Stalin"));
  g_assert_nonnull (strstr (error->message, "2 annotations"));
  g_clear_error (&error);
  g_assert_cmpuint (count_mentions (fixture), ==, 2);

  /* Detached: the mention keeps its span, the claim its text, without the person. */
  g_assert_true (sigla_entity_delete (fixture->project, stalin, SIGLA_DELETE_DETACH, &error));
  g_assert_no_error (error);
  mentions = sigla_mention_list (fixture->project, 0, NULL);
  g_assert_cmpuint (mentions->len, ==, 2);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[1])->entity_id, ==, 0);
  claims = sigla_claim_list (fixture->project, 0, NULL);
  g_assert_cmpint (((SiglaClaim *) claims->pdata[0])->speaker_id, ==, 0);

  /* Deleted with its mentions; the claim only loses its subject. */
  g_assert_true (sigla_entity_delete (fixture->project, kim, SIGLA_DELETE_MENTIONS, &error));
  g_assert_cmpuint (count_mentions (fixture), ==, 1);
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = sigla_claim_list (fixture->project, 0, NULL);
  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpuint (((SiglaClaim *) claims->pdata[0])->about->len, ==, 0);

  g_assert_false (sigla_entity_delete (fixture->project, kim, SIGLA_DELETE_REFUSE, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
}

/* "Filippov" turns out to be Stalin: merging moves every mention and claim,
 * keeps the names as aliases, and one undo takes it all back. */
static void
test_entity_merge (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 stalin = add_entity (fixture, SIGLA_KIND_PERSON, "Joseph Stalin");
  gint64 filippov = add_entity (fixture, SIGLA_KIND_PERSON, "Filippov");
  gint64 kim = add_entity (fixture, SIGLA_KIND_PERSON, "Kim Il Sung");
  gint64 wonsan = add_entity (fixture, SIGLA_KIND_PLACE, "Wonsan");
  g_autoptr(SiglaClaim) claim = new_claim (fixture, "We also cannot maintain direct communication", filippov, 0);
  g_autoptr(SiglaEntity) merged = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  find_word (fixture, "FILIPPOV", &start, &end);
  g_assert_true (add_mention (fixture, filippov, SIGLA_KIND_PERSON, start, end, NULL, NULL));
  g_array_append_val (claim->about, filippov);
  g_array_append_val (claim->about, stalin);
  g_array_append_val (claim->about, kim);
  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));

  g_assert_false (sigla_entity_merge (fixture->project, filippov, wonsan, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sigla_entity_merge (fixture->project, filippov, stalin, &error));
  g_assert_no_error (error);

  merged = sigla_entity_get (fixture->project, stalin, NULL);
  g_assert_cmpuint (merged->aliases->len, ==, 1);
  g_assert_cmpstr (((SiglaAlias *) merged->aliases->pdata[0])->name, ==, "Filippov");
  mentions = sigla_mention_list (fixture->project, 0, NULL);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[0])->entity_id, ==, stalin);
  claims = sigla_claim_list (fixture->project, 0, NULL);
  g_assert_cmpint (((SiglaClaim *) claims->pdata[0])->speaker_id, ==, stalin);
  /* About Filippov, Stalin and Kim: now about Stalin and Kim. */
  g_assert_cmpuint (((SiglaClaim *) claims->pdata[0])->about->len, ==, 2);
  entities = sigla_entity_list (fixture->project, NULL);
  g_assert_cmpuint (entities->len, ==, 3);

  g_assert_true (sigla_project_undo (fixture->project, NULL, &error));
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = sigla_entity_list (fixture->project, NULL);
  g_assert_cmpuint (entities->len, ==, 4);
  g_clear_pointer (&mentions, g_ptr_array_unref);
  mentions = sigla_mention_list (fixture->project, 0, NULL);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[0])->entity_id, ==, filippov);
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = sigla_claim_list (fixture->project, 0, NULL);
  g_assert_cmpint (((SiglaClaim *) claims->pdata[0])->speaker_id, ==, filippov);
  g_assert_cmpuint (((SiglaClaim *) claims->pdata[0])->about->len, ==, 3);
}

/* Each entity gets a TEI id from its name when it is added, unique and kept. */
static void
test_entity_xml_ids (Fixture       *fixture,
                     gconstpointer  data)
{
  const struct { SiglaKind kind; const char *label; const char *expected; } cases[] = {
    { SIGLA_KIND_PERSON, "Joseph Stalin", "joseph-stalin" },
    { SIGLA_KIND_PERSON, "Joseph  Stalin!", "joseph-stalin-2" },
    { SIGLA_KIND_PLACE, "Kaesŏng", "kaesong" },
    { SIGLA_KIND_PLACE, "38th parallel", "place-38th-parallel" },
    { SIGLA_KIND_ORG, "Korean People's Army", "korean-people-s-army" },
    { SIGLA_KIND_ORG, "中国人民志愿军", "org" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SiglaEntity) entity = sigla_entity_new (cases[i].kind, cases[i].label);
      g_autoptr(SiglaEntity) read = NULL;

      g_assert_true (sigla_entity_insert (fixture->project, entity, NULL));
      read = sigla_entity_get (fixture->project, entity->id, NULL);
      g_assert_cmpstr (read->xml_id, ==, cases[i].expected);

      /* Renaming keeps the id, so links to a published edition stay good. */
      g_free (read->label);
      read->label = g_strdup ("Renamed");
      g_assert_true (sigla_entity_update (fixture->project, read, NULL));
      g_clear_pointer (&read, sigla_entity_free);
      read = sigla_entity_get (fixture->project, entity->id, NULL);
      g_assert_cmpstr (read->xml_id, ==, cases[i].expected);
    }
}

/* What the window highlights: mentions and claims in text order (the longer
 * first at one start), dates with their value, and only those that start
 * before a limit when the first screen is all that is asked for. */
static void
test_marks (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 stalin = add_entity (fixture, SIGLA_KIND_PERSON, "Joseph Stalin");
  g_autoptr(SiglaClaim) claim = new_claim (fixture, "It is necessary to demand that the meeting take place", stalin, 0);
  g_autoptr(SiglaMention) date = sigla_mention_new ();
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GArray) top = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end, person;
  const SiglaMark *mark;

  find_word (fixture, "FILIPPOV", &start, &end);
  g_assert_true (add_mention (fixture, stalin, SIGLA_KIND_PERSON, start, end, &person, &error));
  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));
  find_word (fixture, "30 June 1951", &start, &end);
  date->document_id = fixture->document;
  date->kind = SIGLA_KIND_DATE;
  date->start = start;
  date->end = end;
  date->when = g_strdup ("1951-06-30");
  g_assert_true (sigla_mention_insert (fixture->project, date, &error));
  g_assert_no_error (error);

  marks = sigla_mark_list (fixture->project, fixture->document, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marks->len, ==, 3);
  for (guint i = 1; i < marks->len; i++)
    g_assert_cmpint (g_array_index (marks, SiglaMark, i - 1).start, <=, g_array_index (marks, SiglaMark, i).start);

  for (guint i = 0; i < marks->len; i++)
    {
      mark = &g_array_index (marks, SiglaMark, i);
      if (mark->claim)
        {
          g_assert_cmpint (mark->id, ==, claim->id);
          g_assert_cmpint (mark->start, ==, claim->start);
          g_assert_cmpint (mark->end, ==, claim->end);
        }
      else if (mark->kind == SIGLA_KIND_DATE)
        {
          g_assert_cmpint (mark->id, ==, date->id);
          g_assert_cmpstr (mark->when, ==, "1951-06-30");
        }
      else
        {
          g_assert_cmpint (mark->id, ==, person);
          g_assert_cmpint (mark->kind, ==, SIGLA_KIND_PERSON);
          g_assert_cmpint (mark->entity_id, ==, stalin);
          g_assert_null (mark->when);
        }
    }

  /* One by one, as the window reads what an undo changed. */
  {
    g_auto(SiglaMark) one = { 0 };

    g_assert_true (sigla_mark_get (fixture->project, FALSE, person, &one, &error));
    g_assert_cmpint (one.id, ==, person);
    g_assert_cmpint (one.document_id, ==, fixture->document);
    g_assert_cmpint (one.entity_id, ==, stalin);
    g_assert_true (sigla_mark_get (fixture->project, TRUE, claim->id, &one, &error) && one.claim);
    sigla_mark_clear (&one);
    g_assert_true (sigla_mention_delete (fixture->project, person, NULL));
    g_assert_false (sigla_mark_get (fixture->project, FALSE, person, &one, &error));
    g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (sigla_project_undo (fixture->project, NULL, NULL));
  }

  /* Only what starts before the second mark. */
  top = sigla_mark_list (fixture->project, fixture->document, g_array_index (marks, SiglaMark, 1).start, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (top->len, ==, 1);
  g_assert_cmpint (g_array_index (top, SiglaMark, 0).id, ==, g_array_index (marks, SiglaMark, 0).id);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/entity/round-trip", test_entity_round_trip);
  ADD ("/store/entity/refused", test_entity_refused);
  ADD ("/store/entity/update", test_entity_update);
  ADD ("/store/entity/delete-modes", test_entity_delete_modes);
  ADD ("/store/entity/xml-ids", test_entity_xml_ids);
  ADD ("/store/entity/merge", test_entity_merge);
  ADD ("/store/mention/offsets", test_mention_offsets);
  ADD ("/store/mention/code-points", test_mention_counts_code_points);
  ADD ("/store/mention/kind-follows-entity", test_mention_kind_follows_entity);
  ADD ("/store/mention/dates", test_mention_dates);
  ADD ("/store/mention/delete", test_mention_delete);
  ADD ("/store/claim/round-trip", test_claim_round_trip);
  ADD ("/store/claim/refused", test_claim_refused);
  ADD ("/store/claim/without-speaker", test_claim_without_speaker);
  ADD ("/store/marks", test_marks);

#undef ADD

  return g_test_run ();
}
