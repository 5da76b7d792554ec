/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-occurrences.c: every occurrence of an entity's names, with what stands there already,
 * and tagging them all as one action. Offsets are found in the texts by the test itself. */

#include "sigla-test-util.h"

#define CABLE \
  "# Cable of 13 July\n\n" \
  "Mao wrote to Cde. Filippov [Stalin]. Cde. FILIPPOV! The reply of Filippov’s staff came " \
  "later; Filippovsky is another man. Signed for Joseph\nStalin by Kim Il Sung and Kim.\n\n" \
  "The Kaesŏng talks: the Kaesong Armistice Delegation met in Gaeseong, not in KAESONG."
#define LETTER \
  "# Letter\n\nComrade Filippov answered at once."

typedef struct
{
  char         *dir;
  SiglaProject *project;
  gint64        cable;
  gint64        letter;
  char         *cable_text;
  gint64        stalin;
  gint64        kim;
  gint64        kaesong;
  gint64        other_place;
} Fixture;

static gint64
import_text (Fixture    *fixture,
             const char *name,
             const char *text)
{
  g_autofree char *path = sigla_test_write_file (fixture->dir, name, text, -1);
  g_autoptr(GError) error = NULL;
  gint64 id = sigla_import_file (fixture->project, path, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_entity (SiglaProject *project,
            SiglaKind     kind,
            const char   *label,
            const char   *alias)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, label);
  g_autoptr(GError) error = NULL;

  if (alias != NULL)
    sigla_entity_add_alias (entity, alias, "variant");
  g_assert_true (sigla_entity_insert (project, entity, &error));
  g_assert_no_error (error);
  return entity->id;
}

/* The code-point offset of the @nth (from 0) @needle in @text. */
static gint64
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *at = text;

  for (guint i = 0; i <= nth; i++)
    {
      at = strstr (i == 0 ? at : at + 1, needle);
      g_assert_nonnull (at);
    }
  return g_utf8_pointer_to_offset (text, at);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SiglaDocument) cable = NULL;

  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
  fixture->cable = import_text (fixture, "cable.txt", CABLE);
  fixture->letter = import_text (fixture, "letter.txt", LETTER);
  cable = sigla_document_get (fixture->project, fixture->cable, NULL);
  fixture->cable_text = g_steal_pointer (&cable->text);

  fixture->stalin = add_entity (fixture->project, SIGLA_KIND_PERSON, "Joseph Stalin", "Filippov");
  fixture->kim = add_entity (fixture->project, SIGLA_KIND_PERSON, "Kim Il Sung", "Kim");
  fixture->kaesong = add_entity (fixture->project, SIGLA_KIND_PLACE, "Kaesong", "Gaeseong");
  fixture->other_place = add_entity (fixture->project, SIGLA_KIND_PLACE, "Kaesong County", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->cable_text);
}

static GPtrArray *
find (Fixture *fixture,
      gint64   entity,
      gint64   document)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = sigla_occurrences_find (fixture->project, entity, NULL, document, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static const SiglaOccurrence *
occurrence_at (GPtrArray *found,
               gint64     document,
               gint64     start)
{
  for (guint i = 0; i < found->len; i++)
    {
      const SiglaOccurrence *occurrence = found->pdata[i];

      if (occurrence->document_id == document && occurrence->start == start)
        return occurrence;
    }
  g_error ("no occurrence at %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, document, start);
}

/* Whole words whatever their case, an apostrophe after them or a line
 * between them; in every document; not in a longer word, nor the title. */
static void
test_names_found (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) found = find (fixture, fixture->stalin, 0);
  const char *text = fixture->cable_text;
  const gint64 expected[] = {
    offset_of (text, "Filippov [", 0), offset_of (text, "FILIPPOV", 0), offset_of (text, "Filippov’s", 0),
    offset_of (text, "Joseph", 0),
  };
  const SiglaOccurrence *joseph;

  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SiglaOccurrence *occurrence = found->pdata[i];

      g_assert_cmpint (occurrence->document_id, ==, fixture->cable);
      g_assert_cmpint (occurrence->start, ==, expected[i]);
      g_assert_cmpint (occurrence->state, ==, SIGLA_OCCURRENCE_NEW);
      g_assert_true (sigla_occurrence_is_proposed (occurrence));
    }
  g_assert_cmpstr (((SiglaOccurrence *) found->pdata[1])->words, ==, "FILIPPOV");
  g_assert_cmpint (((SiglaOccurrence *) found->pdata[2])->end, ==, offset_of (text, "’s staff", 0));

  joseph = found->pdata[3];
  g_assert_cmpint (joseph->end, ==, offset_of (text, " by Kim", 0));
  g_assert_cmpstr (joseph->words, ==, "Joseph Stalin");
  g_assert_nonnull (strstr (joseph->snippet, "Signed for"));

  g_assert_cmpint (((SiglaOccurrence *) found->pdata[4])->document_id, ==, fixture->letter);

  /* One document only. */
  {
    g_autoptr(GPtrArray) in_letter = find (fixture, fixture->stalin, fixture->letter);

    g_assert_cmpuint (in_letter->len, ==, 1);
    g_assert_cmpint (((SiglaOccurrence *) in_letter->pdata[0])->document_id, ==, fixture->letter);
  }
}

/* A name within a longer one of the same entity is the longer one's. */
static void
test_longest_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) found = find (fixture, fixture->kim, 0);
  const char *text = fixture->cable_text;

  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (((SiglaOccurrence *) found->pdata[0])->start, ==, offset_of (text, "Kim Il Sung", 0));
  g_assert_cmpint (((SiglaOccurrence *) found->pdata[0])->end, ==, offset_of (text, " and Kim", 0));
  g_assert_cmpint (((SiglaOccurrence *) found->pdata[1])->start, ==, offset_of (text, "Kim.", 0));
}

/* What stands at each: this entity's mention, another's, a longer mention
 * around the words, one crossing them, a claim. */
static void
test_states (Fixture       *fixture,
             gconstpointer  data)
{
  const char *text = fixture->cable_text;
  gint64 diacritic = offset_of (text, "Kaesŏng", 0);
  gint64 inside = offset_of (text, "Kaesong Armistice", 0);
  gint64 tagged = offset_of (text, "Gaeseong", 0);
  gint64 other = offset_of (text, "KAESONG", 0);
  gint64 delegation = sigla_test_add_mention (fixture->project, fixture->cable, SIGLA_KIND_ORG, 0, inside,
                                              offset_of (text, " met in", 0));
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GPtrArray) found = NULL;
  const SiglaOccurrence *o;

  sigla_test_add_mention (fixture->project, fixture->cable, SIGLA_KIND_PLACE, fixture->kaesong, tagged, tagged + 8);
  sigla_test_add_mention (fixture->project, fixture->cable, SIGLA_KIND_PLACE, fixture->other_place, other, other + 7);
  /* "talks: the Kaes": across the start of nothing found, the end of "Kaesŏng" crossed. */
  sigla_test_add_mention (fixture->project, fixture->cable, SIGLA_KIND_PERSON, fixture->kim, diacritic + 3,
                          offset_of (text, " talks", 0) + 3);
  claim->document_id = fixture->cable;
  claim->start = offset_of (text, "not in", 0);
  claim->end = other + 7;
  claim->speaker_id = fixture->kim;
  g_assert_true (sigla_claim_insert (fixture->project, claim, NULL));

  found = find (fixture, fixture->kaesong, fixture->cable);
  g_assert_cmpuint (found->len, ==, 4);

  o = occurrence_at (found, fixture->cable, diacritic);
  g_assert_cmpstr (o->words, ==, "Kaesŏng");
  g_assert_cmpint (o->state, ==, SIGLA_OCCURRENCE_CROSSING);
  g_assert_false (sigla_occurrence_is_proposed (o));

  o = occurrence_at (found, fixture->cable, inside);
  g_assert_cmpint (o->state, ==, SIGLA_OCCURRENCE_INSIDE);
  g_assert_cmpint (o->mention_id, ==, delegation);
  g_assert_cmpint (o->mention_kind, ==, SIGLA_KIND_ORG);
  g_assert_true (sigla_occurrence_is_proposed (o));
  g_assert_false (o->in_claim);

  o = occurrence_at (found, fixture->cable, tagged);
  g_assert_cmpint (o->state, ==, SIGLA_OCCURRENCE_TAGGED);
  g_assert_cmpint (o->mention_entity_id, ==, fixture->kaesong);

  o = occurrence_at (found, fixture->cable, other);
  g_assert_cmpint (o->state, ==, SIGLA_OCCURRENCE_OTHER);
  g_assert_cmpint (o->mention_entity_id, ==, fixture->other_place);
  g_assert_false (sigla_occurrence_is_proposed (o));
  g_assert_true (o->in_claim);

  /* A search's hits, said as a list says them. */
  {
    g_autoptr(GPtrArray) hits = sigla_search (fixture->project, "KAESONG", 0, NULL);
    g_autoptr(GPtrArray) placed = sigla_occurrences_of_hits (fixture->project, hits, NULL);
    g_autofree char *said = NULL;

    g_assert_cmpuint (placed->len, ==, 3);   /* Kaesŏng, Kaesong, KAESONG: not Gaeseong */
    o = occurrence_at (placed, fixture->cable, other);
    said = sigla_occurrence_describe (o, "Kaesong County");
    g_assert_cmpstr (said, ==, "Tagged as Kaesong County");
    o = occurrence_at (placed, fixture->cable, inside);
    g_clear_pointer (&said, g_free);
    said = sigla_occurrence_describe (o, NULL);
    g_assert_cmpstr (said, ==, "Within another mention");
    g_clear_pointer (&said, g_free);
    said = sigla_occurrence_describe (occurrence_at (placed, fixture->cable, diacritic), NULL);
    g_assert_cmpstr (said, ==, "Crosses another mention");
  }
}

static guint
count_mentions (Fixture *fixture,
                gint64   entity)
{
  guint n = 0;

  for (gint64 document = fixture->cable; document <= fixture->letter; document++)
    {
      g_autoptr(GPtrArray) mentions = sigla_mention_list (fixture->project, document, NULL);

      for (guint i = 0; i < mentions->len; i++)
        n += ((SiglaMention *) mentions->pdata[i])->entity_id == entity;
    }
  return n;
}

/* Tagging all: each occurrence a mention of the entity's kind, as one
 * action that one undo takes back; what is tagged already stays once. */
static void
test_tag_all (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) found = find (fixture, fixture->stalin, 0);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  guint tagged = 0;
  gint64 first = ((SiglaOccurrence *) found->pdata[0])->start;

  sigla_test_add_mention (fixture->project, fixture->cable, SIGLA_KIND_PERSON, fixture->stalin, first, first + 8);
  g_assert_cmpuint (count_mentions (fixture, fixture->stalin), ==, 1);
  /* The same words given twice are tagged once. */
  g_ptr_array_add (found, g_memdup2 (found->pdata[1], sizeof (SiglaOccurrence)));
  ((SiglaOccurrence *) found->pdata[found->len - 1])->words = NULL;
  ((SiglaOccurrence *) found->pdata[found->len - 1])->snippet = NULL;

  g_assert_true (sigla_occurrences_tag (fixture->project, fixture->stalin, found, &tagged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tagged, ==, found->len - 2);
  g_assert_cmpuint (count_mentions (fixture, fixture->stalin), ==, found->len - 1);

  again = find (fixture, fixture->stalin, 0);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (((SiglaOccurrence *) again->pdata[i])->state, ==, SIGLA_OCCURRENCE_TAGGED);

  /* Tagging the same list again adds nothing. */
  g_assert_true (sigla_occurrences_tag (fixture->project, fixture->stalin, found, &tagged, &error));
  g_assert_cmpuint (tagged, ==, 0);
  g_assert_cmpuint (count_mentions (fixture, fixture->stalin), ==, found->len - 1);

  /* One undo takes all back: tagging nothing was no action. */
  g_assert_true (sigla_project_undo (fixture->project, &label, &error));
  g_assert_cmpstr (label, ==, "Tag All “Joseph Stalin”");
  g_assert_no_error (error);
  g_assert_cmpuint (count_mentions (fixture, fixture->stalin), ==, 1);
}

/* Words that are no name of the entity can be looked for too ("from a
 * selection"); an entity that does not exist is an error. */
static void
test_other_words (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const names[] = { "Comrade", NULL };
  g_autoptr(GPtrArray) found = sigla_occurrences_find (fixture->project, fixture->stalin, names, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((SiglaOccurrence *) found->pdata[0])->document_id, ==, fixture->letter);

  g_assert_null (sigla_occurrences_find (fixture->project, 999, NULL, 0, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/occurrences/names-found", Fixture, NULL, fixture_set_up, test_names_found, fixture_tear_down);
  g_test_add ("/occurrences/longest-name", Fixture, NULL, fixture_set_up, test_longest_name, fixture_tear_down);
  g_test_add ("/occurrences/states", Fixture, NULL, fixture_set_up, test_states, fixture_tear_down);
  g_test_add ("/occurrences/tag-all", Fixture, NULL, fixture_set_up, test_tag_all, fixture_tear_down);
  g_test_add ("/occurrences/other-words", Fixture, NULL, fixture_set_up, test_other_words, fixture_tear_down);

  return g_test_run ();
}
