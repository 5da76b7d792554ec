/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search.c: corpus search: words, phrases, prefixes, diacritics and hostile queries. */

#include "sigla-test-util.h"

typedef struct
{
  char         *dir;
  SiglaProject *project;
  GHashTable   *texts;    /* document id → reading text */
  GHashTable   *titles;   /* document id → title */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *seeds[] = { "000", "001", "002", "003", "004" };
  g_autofree char *korean = NULL;

  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
  fixture->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  fixture->titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    sigla_test_import_seed (fixture->project, seeds[i]);

  /* Romanisations with diacritics, as McCune–Reischauer writes them. */
  korean = sigla_test_write_file (fixture->dir, "romanised.txt",
                                  "# Notes on the meeting place\n\nThe delegates met at Kaesŏng.\n\nLater notes spell it KAESŎNG and Gaesŏng.\n",
                                  -1);
  g_assert_cmpint (sigla_import_file (fixture->project, korean, NULL), >, 0);

  {
    g_autoptr(GPtrArray) documents = sigla_document_list (fixture->project, NULL);

    for (guint i = 0; i < documents->len; i++)
      {
        SiglaDocument *listed = documents->pdata[i];
        g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, listed->id, NULL);

        g_hash_table_insert (fixture->texts, g_memdup2 (&document->id, sizeof (gint64)),
                             g_steal_pointer (&document->text));
        g_hash_table_insert (fixture->titles, g_memdup2 (&document->id, sizeof (gint64)),
                             g_steal_pointer (&document->title));
      }
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  g_clear_pointer (&fixture->texts, g_hash_table_unref);
  g_clear_pointer (&fixture->titles, g_hash_table_unref);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
search (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = sigla_search (fixture->project, query, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* What the hit's offsets point at, folded for comparison without case or marks. */
static char *
hit_text (Fixture              *fixture,
          const SiglaSearchHit *hit)
{
  GHashTable *table = hit->in_title ? fixture->titles : fixture->texts;
  const char *text = g_hash_table_lookup (table, &hit->document_id);
  g_autofree char *span = NULL;
  g_autofree char *decomposed = NULL;
  GString *folded = g_string_new ("");

  g_assert_nonnull (text);
  g_assert_cmpint (hit->start, >=, 0);
  g_assert_cmpint (hit->end, <=, g_utf8_strlen (text, -1));
  span = g_utf8_substring (text, hit->start, hit->end);
  decomposed = g_utf8_normalize (span, -1, G_NORMALIZE_NFD);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (folded, g_unichar_tolower (c));
    }

  return g_string_free (folded, FALSE);
}

static void
test_word (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (fixture, "kaesong");
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* 002 (three times), 004 ("[Kaesong]"), and the romanised note (twice). */
  g_assert_cmpuint (hits->len, ==, 6);
  for (guint i = 0; i < hits->len; i++)
    {
      SiglaSearchHit *hit = hits->pdata[i];
      g_autofree char *found = hit_text (fixture, hit);

      g_assert_false (hit->in_title);
      g_assert_cmpstr (found, ==, "kaesong");
      g_assert_nonnull (hit->snippet);
      g_assert_null (strchr (hit->snippet, '\n'));
      g_hash_table_add (documents, &hit->document_id);
    }
  g_assert_cmpuint (g_hash_table_size (documents), ==, 3);
}

static void
test_diacritics_and_case (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) plain = search (fixture, "GAESONG");
  g_autoptr(GPtrArray) marked = search (fixture, "gaesŏng");

  /* 004's "Gaeseong" is another word; "Gaesong" in 004 and "Gaesŏng" in the note match. */
  g_assert_cmpuint (plain->len, ==, 2);
  g_assert_cmpuint (marked->len, ==, plain->len);
  for (guint i = 0; i < plain->len; i++)
    {
      g_autofree char *found = hit_text (fixture, plain->pdata[i]);

      g_assert_cmpstr (found, ==, "gaesong");
    }
}

static void
test_phrase (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (fixture, "\"38th parallel\"");
  g_autoptr(GPtrArray) words = search (fixture, "parallel");

  g_assert_cmpuint (hits->len, >, 10);
  for (guint i = 0; i < hits->len; i++)
    {
      g_autofree char *found = hit_text (fixture, hits->pdata[i]);

      g_assert_cmpstr (found, ==, "38th parallel");
    }
  /* Every "38th parallel" is a "parallel", not the other way round. */
  g_assert_cmpuint (words->len, >=, hits->len);
}

static void
test_prefix (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (fixture, "Deng*");

  g_assert_cmpuint (hits->len, >, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      g_autofree char *found = hit_text (fixture, hits->pdata[i]);

      g_assert_true (g_str_has_prefix (found, "deng"));
    }
}

static void
test_title (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (fixture, "ciphered");
  guint in_titles = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      SiglaSearchHit *hit = hits->pdata[i];
      g_autofree char *found = hit_text (fixture, hit);

      g_assert_cmpstr (found, ==, "ciphered");
      in_titles += hit->in_title;
    }
  /* The titles of 001 and 002 begin "Ciphered Telegram". */
  g_assert_cmpuint (in_titles, ==, 2);
}

static void
test_all_words (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) both = search (fixture, "Ridgway Wonsan");
  g_autoptr(GPtrArray) either = search (fixture, "Ridgway OR Fedyaev");
  g_autoptr(GPtrArray) without = search (fixture, "Kaesong NOT Ridgway");
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Only 004 names both. */
  for (guint i = 0; i < both->len; i++)
    g_hash_table_add (documents, &((SiglaSearchHit *) both->pdata[i])->document_id);
  g_assert_cmpuint (g_hash_table_size (documents), ==, 1);

  g_hash_table_remove_all (documents);
  for (guint i = 0; i < either->len; i++)
    g_hash_table_add (documents, &((SiglaSearchHit *) either->pdata[i])->document_id);
  g_assert_cmpuint (g_hash_table_size (documents), ==, 2);

  g_hash_table_remove_all (documents);
  for (guint i = 0; i < without->len; i++)
    g_hash_table_add (documents, &((SiglaSearchHit *) without->pdata[i])->document_id);
  g_assert_cmpuint (g_hash_table_size (documents), ==, 2);
}

static void
test_hostile_queries (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *queries[] = {
    "", "   ", "\"", "*", "OR", "OR OR", "Kaesong NOT", "a\"b", "(", ")", "-", ":", "Cde.", "NEAR(a b)",
    "title:Mao", "Filippov [Stalin]", "'; DROP TABLE documents; --", "\"unclosed phrase",
    "Kaesong OR", "Kaesong OR NOT Seoul", "Seoul NOT NOT OR Kaesong", "^", "{a b}", "a + b", "—", "№",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = sigla_search (fixture->project, queries[i], 0, &error);

      g_test_message ("query %s", queries[i]);
      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }

  /* The injection above is a search, not SQL. */
  {
    g_autoptr(GPtrArray) documents = sigla_document_list (fixture->project, NULL);

    g_assert_cmpuint (documents->len, ==, 6);
  }
}

static void
test_build_query (void)
{
  const struct { const char *input; const char *expected; } cases[] = {
    { "Kaesong", "\"Kaesong\"" },
    { "Kae*", "\"Kae\"*" },
    { "\"38th parallel\" Kim", "\"38th parallel\" \"Kim\"" },
    /* A quote inside a word is escaped by doubling, FTS5's rule for strings. */
    { "a\"b", "\"a\"\"b\"" },
    { "Ridgway OR Joy", "\"Ridgway\" OR \"Joy\"" },
    { "OR Joy", "\"Joy\"" },
    { "Joy OR", "\"Joy\"" },
    { "Kaesong OR NOT Seoul", "\"Kaesong\" NOT \"Seoul\"" },
    { "Kaesong OR OR - Seoul", "\"Kaesong\" OR \"Seoul\"" },
    { "Cde.", "\"Cde.\"" },
    { "—  ...", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *built = sigla_search_build_query (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (built, ==, cases[i].expected);
    }
}

/* A search lists where words are; "NOT Kaesong" alone asks for where they are not. */
static void
test_leading_not (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = sigla_search (fixture->project, "NOT Kaesong", 0, &error);

  g_assert_null (hits);
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "between two words"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/search/word", test_word);
  ADD ("/search/diacritics-and-case", test_diacritics_and_case);
  ADD ("/search/phrase", test_phrase);
  ADD ("/search/prefix", test_prefix);
  ADD ("/search/title", test_title);
  ADD ("/search/operators", test_all_words);
  ADD ("/search/hostile-queries", test_hostile_queries);
  ADD ("/search/leading-not", test_leading_not);
  g_test_add_func ("/search/build-query", test_build_query);

#undef ADD

  return g_test_run ();
}
