/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-tag-all.c: tagging every occurrence of a name over 1,000 documents (the five seed
 * cables, each 200 times): listing the occurrences against the corpus search for the same
 * names, and committing 1,000 of them as one action against 1,000 tags of one action each,
 * both measured in the same run. */

#include "sigla-bench-util.h"
#include "sigla-test-util.h"

#define N_DOCUMENTS 1000
#define N_TAGGED 1000
#define RUNS 5
#define LIST_TARGET_MS 200.0
#define COMMIT_TARGET_MS 1000.0

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
import_corpus (SiglaProject *project,
               const char   *dir)
{
  const char *seeds[] = { "000", "001", "002", "003", "004" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_autofree char *seed = sigla_test_seed_path (seeds[i % G_N_ELEMENTS (seeds)]);
      g_autofree char *text = NULL;
      g_autofree char *copy = NULL;
      g_autofree char *name = g_strdup_printf ("cable-%04u.txt", i);

      g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
      /* Each copy its own file, not the same bytes again. */
      copy = g_strdup_printf ("%s\n\nCopy %u.\n", text, i);
      g_ptr_array_add (paths, sigla_test_write_file (dir, name, copy, -1));
    }
  g_ptr_array_add (paths, NULL);

  g_assert_cmpuint (sigla_import_files (project, (const char * const *) paths->pdata, NULL, NULL, NULL, &error),
                    ==, N_DOCUMENTS);
  g_assert_no_error (error);
}

static double
median (double *values)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (samples, values, RUNS);
  return sigla_bench_percentile (samples, 50);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaEntity) stalin = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "Joseph Stalin", "Filippov", NULL };
  double list_ms[RUNS], search_ms[RUNS];
  double commit_ms, single_ms;
  gint64 start;
  guint tagged = 0;

  g_test_init (&argc, &argv, NULL);
  dir = sigla_test_make_dir ();
  project = sigla_test_new_project (dir, NULL);
  import_corpus (project, dir);
  stalin = sigla_entity_new (SIGLA_KIND_PERSON, names[0]);
  sigla_entity_add_alias (stalin, names[1], "pseudonym");
  g_assert_true (sigla_entity_insert (project, stalin, &error));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GPtrArray) hits = NULL;

      g_clear_pointer (&found, g_ptr_array_unref);
      start = g_get_monotonic_time ();
      found = sigla_occurrences_find (project, stalin->id, NULL, 0, &error);
      list_ms[run] = ms_since (start);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      hits = sigla_search_names (project, names, 0, &error);
      search_ms[run] = ms_since (start);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (found->len, >=, 2 * N_TAGGED);

  sigla_bench_report ("tag-all: %u documents, %u occurrences of “%s” and “%s”, medians of %d runs\n",
                      N_DOCUMENTS, found->len, names[0], names[1], RUNS);
  sigla_bench_report ("tag-all: listing them with what stands there: %.1f ms (target < %.0f ms: %s); "
                      "the search index alone finds them in %.1f ms: list / search = %.2f\n",
                      median (list_ms), LIST_TARGET_MS, sigla_bench_verdict (median (list_ms) < LIST_TARGET_MS),
                      median (search_ms), median (list_ms) / median (search_ms));

  /* The first half tagged as one action; the second half one by one, as the same mentions. */
  for (guint i = 0; i < N_TAGGED; i++)
    g_ptr_array_add (chosen, found->pdata[i]);
  start = g_get_monotonic_time ();
  g_assert_true (sigla_occurrences_tag (project, stalin->id, chosen, &tagged, &error));
  commit_ms = ms_since (start);
  g_assert_no_error (error);
  g_assert_cmpuint (tagged, ==, N_TAGGED);

  start = g_get_monotonic_time ();
  for (guint i = N_TAGGED; i < 2 * N_TAGGED; i++)
    {
      const SiglaOccurrence *occurrence = found->pdata[i];

      sigla_test_add_mention (project, occurrence->document_id, SIGLA_KIND_PERSON, stalin->id,
                              occurrence->start, occurrence->end);
    }
  single_ms = ms_since (start);

  sigla_bench_report ("tag-all: %u mentions committed as one action: %.0f ms (target < %.0f ms: %s); "
                      "as %u actions of one: %.0f ms: one action / many = %.2f\n",
                      N_TAGGED, commit_ms, COMMIT_TARGET_MS, sigla_bench_verdict (commit_ms < COMMIT_TARGET_MS),
                      N_TAGGED, single_ms, commit_ms / single_ms);

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
  return 0;
}
