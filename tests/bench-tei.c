/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-tei.c: measures TEI export of 1,000 documents and 100,000 annotations, checks the
 * result with jing, and times libxml2 parsing it (xmllint --noout) as the practical limit. */

#include <glib/gstdio.h>

#include "sigla-bench-util.h"
#include "sigla-project-private.h"
#include "sigla-test-util.h"

#define N_COPIES 200          /* of each of the five seeds: 1,000 documents */
#define N_ANNOTATIONS 100000
#define RANDOM_SEED 19510630
#define TARGET_MB_S 50.0
#define FOLDER_RATIO 1.5      /* a folder export's time against one file's */
#define MB (1024.0 * 1024.0)

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Runs a command, returning its wall time in seconds, or -1 if it failed. */
static double
time_command (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      sigla_bench_report ("%s FAILED: %s\n", argv[0], error != NULL ? error->message : err);
      return -1;
    }

  return seconds_since (start);
}

/* 1,000 documents, and 100,000 mentions and claims at random spans, many
 * overlapping: the export's hard case. */
static gboolean
build_project (SiglaProject *project,
               const char   *dir)
{
  const char *seeds[] = { "000", "001", "002", "003", "004" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  g_autoptr(GError) error = NULL;
  gint64 people[8], places[8];

  for (guint copy = 0; copy < N_COPIES; copy++)
    for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
      {
        g_autofree char *seed = sigla_test_seed_path (seeds[s]);
        g_autofree char *contents = NULL;
        g_autofree char *name = g_strdup_printf ("doc-%03u-%s.txt", copy, seeds[s]);
        gsize length;

        g_assert_true (g_file_get_contents (seed, &contents, &length, NULL));
        g_ptr_array_add (paths, sigla_test_write_file (dir, name, contents, length));
      }
  g_ptr_array_add (paths, NULL);
  if (sigla_import_files (project, (const char * const *) paths->pdata, NULL, NULL, NULL, &error) != paths->len - 1)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *person = g_strdup_printf ("Person %u & <Co>", i);
      g_autofree char *place = g_strdup_printf ("Place %u", i);
      g_autoptr(SiglaEntity) a = sigla_entity_new (SIGLA_KIND_PERSON, person);
      g_autoptr(SiglaEntity) b = sigla_entity_new (SIGLA_KIND_PLACE, place);

      sigla_entity_add_alias (a, "Alias \"quoted\"", "pseudonym");
      if (!sigla_entity_insert (project, a, &error) || !sigla_entity_insert (project, b, &error))
        return FALSE;
      people[i] = a->id;
      places[i] = b->id;
    }

  documents = sigla_document_list (project, &error);

  /* One action for all, as an import of annotations would be. */
  if (!sigla_project_begin_action (project, "Annotate", &error))
    return FALSE;
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      SiglaDocument *document = documents->pdata[i % documents->len];
      gint64 start = g_rand_int_range (rand, 0, document->length - 2);
      gint64 span = g_rand_int_range (rand, 1, i % 10 == 0 ? 400 : 25);
      gint64 end = MIN (document->length, start + span);
      gboolean added;

      if (i % 10 == 0)
        {
          g_autoptr(SiglaClaim) claim = sigla_claim_new ();

          claim->document_id = document->id;
          claim->start = start;
          claim->end = end;
          claim->speaker_id = people[i % G_N_ELEMENTS (people)];
          claim->paraphrase = g_strdup ("A paraphrase with <markup> & “quotes”");
          added = sigla_claim_insert (project, claim, &error);
        }
      else
        {
          g_autoptr(SiglaMention) mention = sigla_mention_new ();

          mention->document_id = document->id;
          mention->start = start;
          mention->end = end;
          mention->kind = i % 2 == 0 ? SIGLA_KIND_PERSON : SIGLA_KIND_PLACE;
          mention->entity_id = i % 2 == 0 ? people[i % G_N_ELEMENTS (people)] : places[i % G_N_ELEMENTS (places)];
          added = sigla_mention_insert (project, mention, &error);
        }
      if (!added)
        {
          sigla_project_abort_action (project);
          sigla_bench_report ("annotating FAILED: %s\n", error->message);
          return FALSE;
        }
    }
  return sigla_project_end_action (project, &error);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  g_autofree char *corpus = g_build_filename (dir, "corpus.xml", NULL);
  g_autoptr(GError) error = NULL;
  const SiglaTeiOptions options = { "Benchmark" };
  const char *schema = g_getenv ("SIGLA_TEI_SCHEMA");
  const char *xmllint[] = { "xmllint", "--noout", corpus, NULL };
  const char *jing[] = { "jing", schema, corpus, NULL };
  GStatBuf st;
  double export_s, parse_s, valid_s, megabytes;
  gint64 start;

  g_test_init (&argc, &argv, NULL);

  start = g_get_monotonic_time ();
  if (!build_project (project, dir))
    return 1;
  sigla_bench_report ("tei: built 1,000 documents and %d annotations in %.1f s\n", N_ANNOTATIONS,
                      seconds_since (start));

  start = g_get_monotonic_time ();
  if (!sigla_tei_export_corpus (project, &options, corpus, &error))
    {
      sigla_bench_report ("tei: export FAILED: %s\n", error->message);
      return 1;
    }
  export_s = seconds_since (start);
  g_stat (corpus, &st);
  megabytes = st.st_size / MB;

  parse_s = time_command (xmllint);
  valid_s = time_command (jing);
  sigla_bench_report ("tei: export %.1f MB in %.2f s: %.1f MB/s (target >= %.0f MB/s: %s)\n",
                      megabytes, export_s, megabytes / export_s, TARGET_MB_S,
                      sigla_bench_verdict (megabytes / export_s >= TARGET_MB_S));
  sigla_bench_report ("tei: xmllint --noout parses it in %.2f s: %.1f MB/s (libxml2's own speed)\n",
                      parse_s, megabytes / parse_s);
  sigla_bench_report ("tei: jing %s in %.1f s\n", valid_s >= 0 ? "finds it valid" : "finds it INVALID", valid_s);

  /* The same documents, one file each, into a folder made for them: written together, one sync. */
  {
    g_autofree char *folder = g_build_filename (dir, "folder", NULL);
    g_autoptr(GPtrArray) files = NULL;
    double folder_s;

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    start = g_get_monotonic_time ();
    files = sigla_tei_export_directory (project, &options, folder, &error);
    folder_s = seconds_since (start);
    if (files == NULL)
      {
        sigla_bench_report ("tei: folder export FAILED: %s\n", error->message);
        return 1;
      }
    sigla_bench_report ("tei: export to a folder, %u files in %.2f s: folder / one file = %.2f (target <= %.1f: %s)\n",
                        files->len, folder_s, folder_s / export_s, FOLDER_RATIO,
                        sigla_bench_verdict (folder_s / export_s <= FOLDER_RATIO));
  }

  /* SIGLA_BENCH_KEEP=1 leaves the project and the export, for a profiler. */
  if (g_getenv ("SIGLA_BENCH_KEEP") != NULL)
    sigla_bench_report ("tei: kept %s\n", dir);
  else
    sigla_test_remove_dir (dir);
  return parse_s >= 0 && valid_s >= 0 ? 0 : 1;
}
