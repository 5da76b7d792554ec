/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import.c: measures batch import, corpus search and a large file's import against their targets. */

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sigla-bench-util.h"
#include "sigla-test-util.h"

/* Figures are reported in MB of 10^6 bytes, as disk and network speeds are. */
#define MB 1e6

#define N_DOCUMENTS 1000
#define N_SEARCH_RUNS 10
#define FIRST_PAGE_DOCUMENTS 100
#define DEFAULT_LARGE_MB 200
#define RANDOM_SEED 19510712

#define IMPORT_TARGET_MB_S 10.0
#define SEARCH_TARGET_MS 50.0

/* A seed's first paragraph of this many bytes, not indented, starts its body:
 * what comes before is the page's title and metadata, kept as it is so that
 * every document exercises the metadata parser too. */
#define BODY_PARAGRAPH_BYTES 200

typedef struct
{
  char      *header;       /* title and metadata, as the seed has them */
  GPtrArray *paragraphs;   /* the body, one paragraph a line */
  char      *footer;       /* the page's notes after an empty heading */
} Seed;

/* Names as the archives spell them and as other transcriptions do, so that
 * searches have to fold case and diacritics to find them all. */
static const struct
{
  const char *from;
  const char *to[3];
} substitutions[] = {
  { "Kaesong", { "Kaesong", "Kaesŏng", "Kaesông" } },
  { "Gaeseong", { "Gaeseong", "Kaesŏng", "Kaesong" } },
  { "Beijing", { "Beijing", "Peking", "Pékin" } },
  { "BEIJING", { "BEIJING", "PEKING", "PÉKIN" } },
  { "Kim Il Sung", { "Kim Il Sung", "Kim Il-sŏng", "Kim Ir Sen" } },
  { "Mao Zedong", { "Mao Zedong", "Mao Tse-tung", "Mao Tsé-toung" } },
  { "Li Kenong", { "Li Kenong", "Lǐ Kènóng", "Li K'o-nung" } },
  { "Wonsan", { "Wonsan", "Wŏnsan", "Wonsan" } },
  { "Moscow", { "Moscow", "Moskva", "Moscou" } },
  { "Filippov", { "Filippov", "Filippow", "Filippov" } },
  { "Ridgway", { "Ridgway", "Ridgeway", "Ridgway" } },
  { "Korea", { "Korea", "Corée", "Chosŏn" } },
};

static const char * const marker_names[] = {
  "Nam Il", "Peng Dehuai", "Xie Fang", "Deng Hua", "Qiao Guanhua", "Zhou Enlai",
  "Vyshinsky", "Gromyko", "Malik", "Razuvaev", "Krasovsky", "Pak Hŏn-yŏng",
};

static const char * const marker_places[] = {
  "Panmunjŏm", "Pyŏngyang", "Kaesŏng", "Mukden", "Port Arthur", "Dalny",
  "Wŏnsan", "Hŭngnam", "Sinŭiju", "Andong", "Harbin", "Vladivostok",
};

/* The marker of one document: finding it in more or fewer is a bug, not a figure. */
#define MARKER_QUERY "sgl0421"

/* What a historian types: words, phrases, prefixes, names with and without
 * diacritics, operators; one rare marker and one word found nowhere. */
static const char * const queries[] = {
  "armistice",
  "Stalin",
  "prisoners",
  "\"38th parallel\"",
  "\"demarcation line\"",
  "\"Red Cross\"",
  "\"Kim Il Sung\"",
  "Kae*",
  "negot*",
  "Ridg*",
  "Kaesŏng",
  "Pyongyang",
  "Panmunjŏm",
  "\"Lǐ Kènóng\"",
  "\"Mao Tse-tung\"",
  "Corée",
  "Filippov NOT Molotov",
  "Moscow OR Moskva",
  "enemy",
  MARKER_QUERY,
  "zzyzx",
};

/* Pads @text to @width code points, which printf's "%-24s" counts in bytes. */
static char *
pad (const char *text,
     glong       width)
{
  glong n = g_utf8_strlen (text, -1);

  return g_strdup_printf ("%s%*s", text, (int) MAX (0, width - n), "");
}

static void
seed_clear (Seed *seed)
{
  g_free (seed->header);
  g_clear_pointer (&seed->paragraphs, g_ptr_array_unref);
  g_free (seed->footer);
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static gboolean
is_empty_heading (const char *line)
{
  const char *p = line;

  while (*p == '#')
    p++;

  return p > line && is_blank (p);
}

static void
load_seed (Seed       *seed,
           const char *prefix)
{
  g_autofree char *path = sigla_test_seed_path (prefix);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) header = g_string_new ("");
  g_autoptr(GString) footer = g_string_new ("");
  gboolean in_body = FALSE, in_footer = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  seed->paragraphs = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize n = strlen (line);

      if (n > 0 && line[n - 1] == '\r')
        line[--n] = '\0';

      if (!in_body && n >= BODY_PARAGRAPH_BYTES && !g_ascii_isspace (line[0]))
        in_body = TRUE;
      if (in_body && is_empty_heading (line))
        in_footer = TRUE;

      if (in_footer)
        g_string_append_printf (footer, "%s\n", line);
      else if (!in_body)
        g_string_append_printf (header, "%s\n", line);
      else if (!is_blank (line))
        g_ptr_array_add (seed->paragraphs, g_strdup (line));
    }

  g_assert_cmpuint (seed->paragraphs->len, >, 0);
  seed->header = g_string_free (g_steal_pointer (&header), FALSE);
  seed->footer = g_string_free (g_steal_pointer (&footer), FALSE);
}

static const char *
pick_paragraph (const Seed *seeds,
                guint       n_seeds,
                GRand      *rand)
{
  const Seed *seed = &seeds[g_rand_int_range (rand, 0, n_seeds)];

  return seed->paragraphs->pdata[g_rand_int_range (rand, 0, seed->paragraphs->len)];
}

static void
append_substituted (GString    *out,
                    const char *text,
                    GRand      *rand)
{
  const char *p = text;

  while (*p != '\0')
    {
      gboolean replaced = FALSE;

      if (p == text || !g_ascii_isalnum (p[-1]))
        for (guint i = 0; i < G_N_ELEMENTS (substitutions) && !replaced; i++)
          {
            const char *from = substitutions[i].from;
            gsize n = strlen (from);

            if (*p == *from && strncmp (p, from, n) == 0 && !g_ascii_isalnum (p[n]))
              {
                g_string_append (out, substitutions[i].to[g_rand_int_range (rand, 0, 3)]);
                p += n;
                replaced = TRUE;
              }
          }

      if (!replaced)
        g_string_append_c (out, *p++);
    }
}

/* One seed's page with its body shuffled, some paragraphs dropped, repeated
 * or taken from another seed, names respelt, and a marker word of its own. */
static GString *
generate_document (const Seed *seeds,
                   guint       n_seeds,
                   guint       index,
                   GRand      *rand)
{
  const Seed *seed = &seeds[g_rand_int_range (rand, 0, n_seeds)];
  g_autoptr(GPtrArray) body = g_ptr_array_new ();
  g_autoptr(GString) plain = g_string_new (seed->header);
  GString *text = g_string_new ("");

  for (guint i = 0; i < seed->paragraphs->len; i++)
    {
      double roll = g_rand_double (rand);

      if (roll < 0.1)
        continue;
      g_ptr_array_add (body, roll < 0.3 ? (gpointer) pick_paragraph (seeds, n_seeds, rand)
                                        : seed->paragraphs->pdata[i]);
      if (g_rand_double (rand) < 0.1)
        g_ptr_array_add (body, seed->paragraphs->pdata[g_rand_int_range (rand, 0, seed->paragraphs->len)]);
    }

  for (guint i = body->len; i > 1; i--)
    {
      guint k = g_rand_int_range (rand, 0, i);
      gpointer swap = body->pdata[i - 1];

      body->pdata[i - 1] = body->pdata[k];
      body->pdata[k] = swap;
    }

  g_string_append_c (plain, '\n');
  for (guint i = 0; i < body->len; i++)
    g_string_append_printf (plain, "%s\n\n", (const char *) body->pdata[i]);

  append_substituted (text, plain->str, rand);
  g_string_append_printf (text, "Archival note: filed under sgl%04u, copy to Cde. %s at %s.\n",
                          index,
                          marker_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (marker_names))],
                          marker_places[g_rand_int_range (rand, 0, G_N_ELEMENTS (marker_places))]);
  if (seed->footer[0] != '\0')
    g_string_append_printf (text, "\n%s", seed->footer);

  return text;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* The project and its write-ahead log, in bytes. */
static gint64
project_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return file_size (path) + file_size (wal);
}

typedef struct
{
  GArray *latencies;   /* ms between one file's report and the next */
  gint64  last;
  guint   failures;
  GError *first_error;
} BatchRun;

static void
record_import_cb (const char           *path,
                  guint                 index,
                  gint64                document_id,
                  const SiglaTeiReport *report,
                  const GError         *error,
                  gpointer              user_data)
{
  BatchRun *run = user_data;
  gint64 now = g_get_monotonic_time ();
  double ms = (now - run->last) / 1000.0;

  g_array_append_val (run->latencies, ms);
  run->last = now;
  if (error != NULL)
    {
      run->failures++;
      if (run->first_error == NULL)
        run->first_error = g_error_copy (error);
    }
}

/* The same files one action each, as sigla_import_file() runs them:
 * every file pays for its own durable commit. */
static gboolean
bench_single_imports (const char *dir,
                      GPtrArray  *paths,
                      gint64      total_bytes)
{
  g_autoptr(SiglaProject) project = NULL;
  g_autofree char *path = g_build_filename (dir, "single.sigla", NULL);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  double seconds;

  project = sigla_project_create (path, &error);
  if (project == NULL)
    return FALSE;

  for (guint i = 0; i < paths->len; i++)
    if (sigla_import_file (project, paths->pdata[i], &error) <= 0)
      {
        sigla_bench_report ("import (one action a file): FAILED: %s\n", error->message);
        return FALSE;
      }

  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  sigla_bench_report ("import (one action a file, for comparison): %u documents in %.2f s: "
                      "%.0f documents/s, %.1f MB/s\n",
                      paths->len, seconds, paths->len / seconds, total_bytes / MB / seconds);
  return TRUE;
}

static gboolean
bench_batch_import (SiglaProject *project,
                    const char   *dir,
                    const Seed   *seeds,
                    guint         n_seeds)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  BatchRun run = { latencies, 0, 0, NULL };
  gint64 total_bytes = 0, started;
  guint imported;
  double seconds;

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_autoptr(GString) text = generate_document (seeds, n_seeds, i, rand);
      g_autofree char *name = g_strdup_printf ("doc-%04u.txt", i);

      total_bytes += text->len;
      g_ptr_array_add (paths, sigla_test_write_file (dir, name, text->str, text->len));
    }
  g_ptr_array_add (paths, NULL);

  /* One action for the batch, as the command line and the window import. */
  started = run.last = g_get_monotonic_time ();
  imported = sigla_import_files (project, (const char * const *) paths->pdata, record_import_cb, &run,
                                 NULL, &error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_ptr_array_set_size (paths, paths->len - 1);

  sigla_bench_report ("import: %u documents, %.1f MB in %.2f s: %.0f documents/s, %.1f MB/s (target >= %.0f MB/s: %s)\n",
                      imported, total_bytes / MB, seconds, imported / seconds,
                      total_bytes / MB / seconds, IMPORT_TARGET_MB_S,
                      sigla_bench_verdict (total_bytes / MB / seconds >= IMPORT_TARGET_MB_S));
  sigla_bench_report ("import: per document p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
                      sigla_bench_percentile (latencies, 50), sigla_bench_percentile (latencies, 95),
                      sigla_bench_percentile (latencies, 100));
  sigla_bench_report ("import: project file %.1f MB (with its write-ahead log)\n",
                      project_size (sigla_project_get_path (project)) / MB);

  if (imported != N_DOCUMENTS || run.failures > 0)
    {
      sigla_bench_report ("import: FAILED for %u documents, first: %s\n", run.failures,
                          run.first_error != NULL ? run.first_error->message
                                                  : error != NULL ? error->message : "?");
      g_clear_error (&run.first_error);
      return FALSE;
    }

  return bench_single_imports (dir, paths, total_bytes);
}

/* Runs every query N_SEARCH_RUNS times; @max_documents 0 is the whole
 * corpus, as sigla_search() gives it, and a page is what a results list
 * shows first. Prints each query's figures when @per_query. */
static gboolean
bench_search (SiglaProject *project,
              guint         max_documents,
              gboolean      per_query)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *scope = max_documents == 0
    ? g_strdup ("all documents")
    : g_strdup_printf ("first %u documents", max_documents);
  gboolean ok = TRUE;
  double p95;

  sigla_bench_report ("search (%s): %u queries × %u runs\n", scope, (guint) G_N_ELEMENTS (queries), N_SEARCH_RUNS);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *padded = pad (queries[q], 24);
      guint n_hits = 0, n_documents = 0;

      for (guint run = 0; run < N_SEARCH_RUNS; run++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) hits = NULL;
          gint64 before = g_get_monotonic_time ();
          double ms;

          hits = sigla_search (project, queries[q], max_documents, &error);
          ms = (g_get_monotonic_time () - before) / 1000.0;
          g_array_append_val (runs, ms);
          g_array_append_val (all, ms);

          if (hits == NULL)
            {
              sigla_bench_report ("search: “%s” FAILED: %s\n", queries[q], error->message);
              ok = FALSE;
              break;
            }

          if (run > 0)
            continue;

          /* Hits come grouped by document. */
          n_hits = hits->len;
          for (guint i = 0; i < hits->len; i++)
            {
              const SiglaSearchHit *hit = hits->pdata[i];

              if (i == 0 || hit->document_id != ((const SiglaSearchHit *) hits->pdata[i - 1])->document_id)
                n_documents++;
            }

          if (g_str_equal (queries[q], MARKER_QUERY) && n_documents != 1)
            {
              sigla_bench_report ("search: “%s” FAILED: found in %u documents, expected 1\n",
                      queries[q], n_documents);
              ok = FALSE;
            }
        }

      if (per_query && runs->len == N_SEARCH_RUNS)
        sigla_bench_report ("  %s %5u documents %6u hits   p50 %7.2f ms   max %7.2f ms\n",
                padded, n_documents, n_hits, sigla_bench_percentile (runs, 50), sigla_bench_percentile (runs, 100));
    }

  p95 = sigla_bench_percentile (all, 95);
  sigla_bench_report ("search (%s): %u searches: p50 %.2f ms, p95 %.2f ms, max %.2f ms (target < %.0f ms: %s)\n",
          scope, all->len, sigla_bench_percentile (all, 50), p95, sigla_bench_percentile (all, 100), SEARCH_TARGET_MS,
          sigla_bench_verdict (p95 < SEARCH_TARGET_MS));

  return ok;
}

/* Writes paragraphs drawn from the seeds until @target bytes, a piece at a
 * time, so that making the file does not itself raise the peak RSS. */
static char *
write_large_file (const char *dir,
                  const Seed *seeds,
                  guint       n_seeds,
                  gsize       target,
                  gsize      *written)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED + 1);
  char *path = g_build_filename (dir, "large.txt", NULL);
  FILE *file = g_fopen (path, "wb");
  gsize size = 0;

  if (file == NULL)
    g_error ("cannot write %s: %s", path, g_strerror (errno));

  size += fprintf (file, "# Transcripts of the armistice talks, 1951\n\n");
  while (size < target)
    {
      const char *paragraph = pick_paragraph (seeds, n_seeds, rand);

      size += fprintf (file, "%s\n\n", paragraph);
    }
  size += fprintf (file, "Archival note: filed under sglend.\n");

  if (ferror (file) || fclose (file) != 0)
    g_error ("cannot write %s: %s", path, g_strerror (errno));

  *written = size;
  return path;
}

static gboolean
bench_large_file (const char *dir,
                  const Seed *seeds,
                  guint       n_seeds)
{
  const char *env = g_getenv ("SIGLA_BENCH_LARGE_MB");
  guint64 target_mb = DEFAULT_LARGE_MB;
  g_autofree char *project_dir = g_build_filename (dir, "large", NULL);
  g_autofree char *path = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gboolean reset;
  gsize size = 0;
  gint64 rss_before, started, id;
  double seconds;

  if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 1, 4096, &target_mb, NULL))
    g_error ("SIGLA_BENCH_LARGE_MB must be a number of MB from 1 to 4096, not “%s”", env);

  g_assert_cmpint (g_mkdir (project_dir, 0700), ==, 0);
  project = sigla_test_new_project (project_dir, &project_path);
  path = write_large_file (dir, seeds, n_seeds, (gsize) (target_mb * MB), &size);

  reset = sigla_bench_reset_peak_rss ();
  rss_before = sigla_bench_read_status_kb ("VmRSS:");

  started = g_get_monotonic_time ();
  id = sigla_import_file (project, path, &error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  if (id <= 0)
    {
      sigla_bench_report ("large file: import of %.1f MB FAILED after %.2f s: %s\n",
              size / MB, seconds, error->message);
      return FALSE;
    }

  sigla_bench_report ("large file: %.1f MB in %.2f s: %.1f MB/s (target >= %.0f MB/s: %s)\n",
          size / MB, seconds, size / MB / seconds, IMPORT_TARGET_MB_S,
          sigla_bench_verdict (size / MB / seconds >= IMPORT_TARGET_MB_S));
  sigla_bench_report ("large file: peak RSS %s %.1f MB (RSS before the import %.1f MB), %.2f× the file\n",
          reset ? "during the import" : "of the whole run", sigla_bench_read_status_kb ("VmHWM:") / 1024.0,
          rss_before / 1024.0, sigla_bench_read_status_kb ("VmHWM:") * 1024.0 / size);
  sigla_bench_report ("large file: project file %.1f MB (with its write-ahead log)\n",
          project_size (project_path) / MB);

  /* A search in a huge document costs what its snippets cost: one run is enough to show it. */
  started = g_get_monotonic_time ();
  hits = sigla_search (project, "sglend", 0, &error);
  if (hits == NULL)
    {
      sigla_bench_report ("large file: search FAILED: %s\n", error->message);
      return FALSE;
    }
  sigla_bench_report ("large file: search for the last word: %u hits in %.1f ms\n",
          hits->len, (g_get_monotonic_time () - started) / 1000.0);

  /* Undoing the import is what a user who picked the wrong file does next.
   * It is asked for with SIGLA_BENCH_LARGE_UNDO=1 only, because it takes
   * several times the memory and time of the import itself. */
  if (g_getenv ("SIGLA_BENCH_LARGE_UNDO") != NULL)
    {
      reset = sigla_bench_reset_peak_rss ();
      started = g_get_monotonic_time ();
      if (!sigla_project_undo (project, NULL, &error))
        {
          sigla_bench_report ("large file: undo of the import FAILED: %s\n", error->message);
          return FALSE;
        }
      seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
      sigla_bench_report ("large file: undo of the import in %.2f s, peak RSS %s %.1f MB, %.2f× the file\n",
              seconds, reset ? "during the undo" : "of the whole run",
              sigla_bench_read_status_kb ("VmHWM:") / 1024.0, sigla_bench_read_status_kb ("VmHWM:") * 1024.0 / size);
    }

  g_remove (path);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  static const char * const prefixes[] = { "000", "001", "002", "003", "004" };
  Seed seeds[G_N_ELEMENTS (prefixes)] = { { 0 } };
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = NULL;
  gboolean ok = TRUE;
  gint64 started = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    load_seed (&seeds[i], prefixes[i]);

  project = sigla_test_new_project (dir, NULL);
  ok &= bench_batch_import (project, dir, seeds, G_N_ELEMENTS (seeds));
  if (ok)
    ok &= bench_search (project, 0, TRUE) && bench_search (project, FIRST_PAGE_DOCUMENTS, FALSE);
  sigla_bench_report ("peak RSS (VmHWM) after import and search: %.1f MB\n", sigla_bench_read_status_kb ("VmHWM:") / 1024.0);
  g_clear_object (&project);

  ok &= bench_large_file (dir, seeds, G_N_ELEMENTS (seeds));

  sigla_bench_report ("total run time %.1f s\n", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    seed_clear (&seeds[i]);
  sigla_test_remove_dir (dir);

  return ok ? 0 : 1;
}
