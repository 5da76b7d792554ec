/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scale.c: the curve, as a corpus grows: for 1,000 and 10,000 documents (and 100,000 with
 * SIGLA_BENCH_LARGE=1), each a seed cable of ~6 KB made its own, the import rate, the time to
 * list the project as the window does (its ids in order; the first page of rows), the first page
 * of a search for a common word, a phrase and a prefix, the TEI export to one file and to a
 * folder, and the memory. A cost that grows faster than the corpus shows as a falling rate. */

#include <glib/gstdio.h>
#include <string.h>

#include "sigla-bench-util.h"
#include "sigla-test-util.h"

#define OPEN_TARGET_MS 300.0
#define SEARCH_TARGET_MS 50.0
#define SEARCH_PAGE 50

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* @n documents written into @folder; returns their paths and adds their bytes to @bytes. */
static GPtrArray *
write_corpus (const char *folder,
              guint       n,
              gsize      *bytes)
{
  const char *seeds[] = { "000", "001", "002", "003", "004" };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = sigla_test_seed_path (seeds[i]);
      char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_ptr_array_add (texts, text);
    }

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%06u.txt", i);
      /* Each its own: a number in its title, a word of its own in its text. */
      g_autofree char *text = g_strdup_printf ("Copy %u of a cable\n\nsglword%u\n\n%s", i, i,
                                               (const char *) texts->pdata[i % texts->len]);

      g_ptr_array_add (paths, sigla_test_write_file (folder, name, text, -1));
      *bytes += strlen (text);
    }
  g_ptr_array_add (paths, NULL);
  return paths;
}

static double
first_page_ms (SiglaProject *project,
               const char   *query)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 5; run++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      hits = sigla_search_page (project, query, 0, SEARCH_PAGE, NULL);
      ms = ms_since (start);
      g_assert_nonnull (hits);
      g_array_append_val (runs, ms);
    }
  return sigla_bench_percentile (runs, 50);
}

static void
measure (guint n)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "corpus", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *one = g_build_filename (dir, "corpus.xml", NULL);
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaDocumentModel) documents = sigla_document_model_new ();
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  const SiglaTeiOptions options = { "Benchmark" };
  const char *queries[] = { "the", "\"38th parallel\"", "Kae*" };
  gsize bytes = 0;
  double import_s, open_ms, one_s, folder_s;
  gint64 start, rss_before;
  GStatBuf st;

  paths = write_corpus (folder, n, &bytes);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (sigla_import_files (project, (const char * const *) paths->pdata, NULL, NULL, NULL, &error), ==, n);
  import_s = ms_since (start) / 1000.0;
  g_assert_no_error (error);

  /* As the window lists a project: the ids in order, then the first screenful of rows. */
  g_clear_object (&project);
  project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sigla_bench_reset_peak_rss ();
  rss_before = sigla_bench_read_status_kb ("VmRSS:");
  start = g_get_monotonic_time ();
  g_assert_true (sigla_document_model_set_project (documents, project, &error));
  for (guint i = 0; i < 40 && i < n; i++)
    g_object_unref (g_list_model_get_item (sigla_document_model_get_model (documents), i));
  open_ms = ms_since (start);

  sigla_bench_report ("scale: %6u documents (%.0f MB): import %.1f s, %.1f MB/s, %.0f documents/s\n",
                      n, bytes / 1048576.0, import_s, bytes / 1048576.0 / import_s, n / import_s);
  sigla_bench_report ("scale: %6u documents: listed as the window lists them in %.1f ms (target < %.0f ms: %s), "
                      "%+.1f MB held\n", n, open_ms, OPEN_TARGET_MS, sigla_bench_verdict (open_ms < OPEN_TARGET_MS),
                      (sigla_bench_read_status_kb ("VmRSS:") - rss_before) / 1024.0);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      double ms = first_page_ms (project, queries[q]);
      gint64 count = 0;

      g_assert_true (sigla_search_count (project, queries[q], &count, NULL));
      sigla_bench_report ("scale: %6u documents: search %-26s first page of %d in %6.1f ms of %" G_GINT64_FORMAT
                          " documents (target < %.0f ms: %s)\n", n, queries[q], SEARCH_PAGE, ms, count,
                          SEARCH_TARGET_MS, sigla_bench_verdict (ms < SEARCH_TARGET_MS));
    }

  start = g_get_monotonic_time ();
  g_assert_true (sigla_tei_export_corpus (project, &options, one, &error));
  one_s = ms_since (start) / 1000.0;
  g_stat (one, &st);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  start = g_get_monotonic_time ();
  files = sigla_tei_export_directory (project, &options, out, &error);
  folder_s = ms_since (start) / 1000.0;
  g_assert_nonnull (files);
  sigla_bench_report ("scale: %6u documents: TEI export %.1f MB to one file in %.2f s, %.1f MB/s; to a folder in "
                      "%.2f s: folder / one file = %.2f (target <= 1.5: %s)\n", n, st.st_size / 1048576.0, one_s,
                      st.st_size / 1048576.0 / one_s, folder_s, folder_s / one_s,
                      sigla_bench_verdict (folder_s / one_s <= 1.5));
  sigla_bench_report ("scale: %6u documents: peak memory %.0f MB\n", n, sigla_bench_read_status_kb ("VmHWM:") / 1024.0);

  g_clear_object (&documents);
  g_clear_object (&project);
  sigla_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  measure (1000);
  measure (10000);
  if (g_getenv ("SIGLA_BENCH_LARGE") != NULL)
    measure (100000);
  else
    sigla_bench_report ("scale: 100,000 documents with SIGLA_BENCH_LARGE=1 (about two minutes more)\n");
  return 0;
}
