/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-tei-edition.c: another edition's TEI at print size: a 3 MB print made of a real one
 * (the Deutsches Textarchiv's Kluge/Lutz, tests/tei-editions/) repeated, imported as its tree
 * and exported untouched, then with 1,000 and 10,000 new annotations woven in; each against
 * libxml2 parsing the same bytes in the same run, the least either could cost. */

#include <libxml/parser.h>
#include <string.h>

#include "sigla-bench-util.h"
#include "sigla-project-private.h"
#include "sigla-test-util.h"

#define PRINT "print-dtabf-kluge-lutz-1898.xml"
#define TARGET_BYTES (3 * 1024 * 1024)
#define RANDOM_SEED 18980101
#define IMPORT_TARGET_MB_S 10.0
#define EXPORT_TARGET_MB_S 50.0
#define MB (1024.0 * 1024.0)
#define RUNS 3

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
parse_seconds (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gint64 start = g_get_monotonic_time ();
  xmlDoc *doc = xmlReadMemory (data, size, NULL, NULL, XML_PARSE_NONET);
  double seconds = seconds_since (start);

  g_assert_nonnull (doc);
  xmlFreeDoc (doc);
  return seconds;
}

static double
median (double *values,
        guint   n)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (samples, values, n);
  return sigla_bench_percentile (samples, 50);
}

static const guint annotation_steps[] = { 0, 1000, 10000 };

/* @n names more at random words of the print, one action. */
static void
add_names (SiglaProject *project,
           gint64        document,
           guint         n)
{
  static GRand *rand;
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaDocument) doc = sigla_document_get (project, document, &error);
  g_autoptr(GArray) words = sigla_bench_find_words (doc->text);
  g_autoptr(SiglaEntity) person = sigla_entity_new (SIGLA_KIND_PERSON, "Friedrich Kluge");

  if (n == 0)
    return;
  if (rand == NULL)
    rand = g_rand_new_with_seed (RANDOM_SEED);
  g_assert_true (sigla_project_begin_action (project, "Annotate", &error));
  g_assert_true (sigla_entity_insert (project, person, &error));
  for (guint i = 0; i < n; i++)
    {
      const SiglaBenchSpan *word = &g_array_index (words, SiglaBenchSpan, g_rand_int_range (rand, 0, words->len));
      g_autoptr(SiglaMention) mention = sigla_mention_new ();

      mention->document_id = document;
      mention->kind = SIGLA_KIND_PERSON;
      mention->entity_id = person->id;
      mention->start = word->start;
      mention->end = word->end;
      g_assert_true (sigla_mention_insert (project, mention, &error));
    }
  g_assert_true (sigla_project_end_action (project, &error));
}

/* The median of RUNS exports of the document, in seconds; @megabytes: their size. */
static double
time_export (SiglaProject *project,
             gint64        document,
             double       *megabytes)
{
  const SiglaTeiOptions options = { "Benchmark" };
  double seconds[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_true (sigla_tei_write_document (project, document, &options, output, &error));
      seconds[run] = seconds_since (start);
      g_assert_no_error (error);
      g_output_stream_close (output, NULL, NULL);
      *megabytes = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)) / MB;
    }
  return median (seconds, RUNS);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *print_path = NULL;
  g_autoptr(GBytes) print = NULL;
  g_autoptr(GError) error = NULL;
  double import_s[RUNS], parse_s[RUNS];
  double megabytes;
  gint64 document = 0;
  g_autoptr(SiglaProject) project = NULL;

  g_test_init (&argc, &argv, NULL);
  dir = sigla_test_make_dir ();
  print = sigla_bench_make_print (PRINT, TARGET_BYTES);
  megabytes = g_bytes_get_size (print) / MB;
  print_path = sigla_test_write_file (dir, "print.xml", g_bytes_get_data (print, NULL), g_bytes_get_size (print));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *name = g_strdup_printf ("import-%u.sigla", run);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(SiglaProject) fresh = sigla_project_create (path, &error);
      gint64 start;

      g_assert_no_error (error);
      parse_s[run] = parse_seconds (print);
      start = g_get_monotonic_time ();
      document = sigla_import_file (fresh, print_path, &error);
      import_s[run] = seconds_since (start);
      g_assert_no_error (error);
      if (run == RUNS - 1)
        project = g_steal_pointer (&fresh);
    }

  sigla_bench_report ("tei-edition: a %.1f MB print (%s repeated), medians of %d runs\n", megabytes, PRINT, RUNS);
  sigla_bench_report ("tei-edition: import %.2f s: %.1f MB/s (target >= %.0f MB/s: %s); "
                      "libxml2 parses it in %.3f s: import / parse = %.1f\n",
                      median (import_s, RUNS), megabytes / median (import_s, RUNS), IMPORT_TARGET_MB_S,
                      sigla_bench_verdict (megabytes / median (import_s, RUNS) >= IMPORT_TARGET_MB_S),
                      median (parse_s, RUNS), median (import_s, RUNS) / median (parse_s, RUNS));

  /* Untouched, then with names at random words of the print (one action each step). */
  for (guint step = 0, added = 0; step < G_N_ELEMENTS (annotation_steps); step++)
    {
      double seconds, out_megabytes;

      add_names (project, document, annotation_steps[step] - added);
      added = annotation_steps[step];
      seconds = time_export (project, document, &out_megabytes);
      sigla_bench_report ("tei-edition: export with %u annotations woven in: %.1f MB in %.3f s: %.1f MB/s "
                          "(target >= %.0f MB/s: %s); export / parse = %.1f\n",
                          added, out_megabytes, seconds, out_megabytes / seconds, EXPORT_TARGET_MB_S,
                          sigla_bench_verdict (out_megabytes / seconds >= EXPORT_TARGET_MB_S),
                          seconds / median (parse_s, RUNS));
    }

  g_clear_object (&project);
  sigla_test_remove_dir (dir);
  return 0;
}
