/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-annotate.c: measures how long tagging a mention and undoing it take, one action at a time. */

#include <stdarg.h>
#include <stdio.h>

#include "sigla-bench-util.h"
#include "sigla-test-util.h"

#define N_MENTIONS 10000
#define N_UNDOS 1000
#define N_WINDOW 1000        /* mentions in the first and last windows compared */
#define N_QUERIES 100        /* calls of can_undo and can_redo timed */
#define RANDOM_SEED 19510712

/* One frame at 60 Hz: a tag the user makes must not stall the window. */
#define FRAME_MS 16.0

static guint
count_over (GArray *samples,
            double  limit)
{
  guint n = 0;

  for (guint i = 0; i < samples->len; i++)
    n += g_array_index (samples, double, i) > limit;

  return n;
}

static gboolean
insert_mention (SiglaProject         *project,
                gint64                document_id,
                gint64                entity_id,
                const SiglaBenchSpan *span,
                double               *ms,
                GError              **error)
{
  g_autoptr(SiglaMention) mention = sigla_mention_new ();
  gint64 before;
  gboolean inserted;

  mention->document_id = document_id;
  mention->start = span->start;
  mention->end = span->end;
  mention->kind = SIGLA_KIND_PERSON;
  mention->entity_id = entity_id;

  before = g_get_monotonic_time ();
  inserted = sigla_mention_insert (project, mention, error);
  *ms = (g_get_monotonic_time () - before) / 1000.0;

  return inserted;
}

static gboolean
check_mention_count (SiglaProject *project,
                     gint64        expected)
{
  g_autoptr(GError) error = NULL;
  SiglaCounts counts = { 0 };

  if (!sigla_project_get_counts (project, &counts, &error))
    {
      sigla_bench_report ("counts: FAILED: %s\n", error->message);
      return FALSE;
    }

  if (counts.mentions != expected)
    {
      sigla_bench_report ("counts: FAILED: %" G_GINT64_FORMAT " mentions, expected %" G_GINT64_FORMAT "\n",
              counts.mentions, expected);
      return FALSE;
    }

  return TRUE;
}

/* What the window asks after every action, to set its Undo and Redo buttons. */
static void
bench_history_queries (SiglaProject *project,
                       const char   *when)
{
  g_autoptr(GArray) can_undo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) can_redo = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_QUERIES; i++)
    {
      gint64 before = g_get_monotonic_time ();
      double ms;

      sigla_project_can_undo (project);
      ms = (g_get_monotonic_time () - before) / 1000.0;
      g_array_append_val (can_undo, ms);

      before = g_get_monotonic_time ();
      sigla_project_can_redo (project);
      ms = (g_get_monotonic_time () - before) / 1000.0;
      g_array_append_val (can_redo, ms);
    }

  sigla_bench_report ("history: %s: can_undo p50 %.3f ms, can_redo p50 %.3f ms, p99 %.3f ms\n",
          when, sigla_bench_percentile (can_undo, 50), sigla_bench_percentile (can_redo, 50), sigla_bench_percentile (can_redo, 99));
}

static gboolean
bench_mentions (SiglaProject *project,
                gint64        document_id,
                gint64        entity_id,
                GArray       *words)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  g_autoptr(GArray) inserts = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 started = g_get_monotonic_time ();
  gint64 elapsed;
  double p99;

  for (guint i = 0; i < N_MENTIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      guint first = g_rand_int_range (rand, 0, words->len);
      guint last = MIN (first + g_rand_int_range (rand, 0, 3), words->len - 1);
      SiglaBenchSpan span = {
        g_array_index (words, SiglaBenchSpan, first).start,
        g_array_index (words, SiglaBenchSpan, last).end,
      };
      double ms;

      if (!insert_mention (project, document_id, entity_id, &span, &ms, &error))
        {
          sigla_bench_report ("annotate: mention %u (%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT ") FAILED: %s\n",
                  i, span.start, span.end, error->message);
          return FALSE;
        }
      g_array_append_val (inserts, ms);
    }
  elapsed = g_get_monotonic_time () - started;
  p99 = sigla_bench_percentile (inserts, 99);

  sigla_bench_report ("annotate: %u mentions in %.2f s: %.0f mentions/s\n",
          N_MENTIONS, elapsed / (double) G_USEC_PER_SEC, N_MENTIONS * (double) G_USEC_PER_SEC / elapsed);
  sigla_bench_report ("annotate: per mention p50 %.2f ms, p99 %.2f ms, max %.2f ms; %u over %.0f ms "
          "(target p99 < %.0f ms: %s)\n",
          sigla_bench_percentile (inserts, 50), p99, sigla_bench_percentile (inserts, 100),
          count_over (inserts, FRAME_MS), FRAME_MS, FRAME_MS, sigla_bench_verdict (p99 < FRAME_MS));
  /* The history grows with every action: a cost that grows with it shows here. */
  sigla_bench_report ("annotate: first %u p50 %.2f ms, p99 %.2f ms; last %u p50 %.2f ms, p99 %.2f ms\n",
          N_WINDOW, sigla_bench_percentile_of (inserts, 0, N_WINDOW, 50), sigla_bench_percentile_of (inserts, 0, N_WINDOW, 99),
          N_WINDOW, sigla_bench_percentile_of (inserts, N_MENTIONS - N_WINDOW, N_WINDOW, 50),
          sigla_bench_percentile_of (inserts, N_MENTIONS - N_WINDOW, N_WINDOW, 99));

  return check_mention_count (project, N_MENTIONS);
}

static gboolean
bench_undo (SiglaProject *project,
            gint64        document_id,
            gint64        entity_id,
            GArray       *words)
{
  g_autoptr(GArray) undos = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 elapsed;
  gboolean ok = TRUE;
  double ms, p99;

  for (guint i = 0; i < N_UNDOS; i++)
    {
      g_autofree char *label = NULL;
      gint64 before = g_get_monotonic_time ();

      if (!sigla_project_undo (project, &label, &error))
        {
          sigla_bench_report ("undo: undo %u FAILED: %s\n", i, error->message);
          return FALSE;
        }
      ms = (g_get_monotonic_time () - before) / 1000.0;
      g_array_append_val (undos, ms);

      if (!g_str_equal (label, "Tag person"))
        {
          sigla_bench_report ("undo: undo %u FAILED: undid “%s”, expected “Tag person”\n", i, label);
          ok = FALSE;
        }
    }
  elapsed = g_get_monotonic_time () - started;
  p99 = sigla_bench_percentile (undos, 99);

  sigla_bench_report ("undo: %u undos in %.2f s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < %.0f ms: %s)\n",
          N_UNDOS, elapsed / (double) G_USEC_PER_SEC, sigla_bench_percentile (undos, 50), p99,
          sigla_bench_percentile (undos, 100), FRAME_MS, sigla_bench_verdict (p99 < FRAME_MS));
  ok &= check_mention_count (project, N_MENTIONS - N_UNDOS);
  bench_history_queries (project, "after the undos");

  /* The first action after undoing drops all that could be redone, at once. */
  {
    SiglaBenchSpan span = g_array_index (words, SiglaBenchSpan, 0);

    if (!insert_mention (project, document_id, entity_id, &span, &ms, &error))
      {
        sigla_bench_report ("annotate: mention after the undos FAILED: %s\n", error->message);
        return FALSE;
      }
    sigla_bench_report ("annotate: first mention after %u undos (drops the redo history): %.2f ms\n", N_UNDOS, ms);
  }

  return ok && check_mention_count (project, N_MENTIONS - N_UNDOS + 1);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(SiglaEntity) entity = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id;
  gboolean ok;

  document_id = sigla_test_import_seed (project, "000");
  document = sigla_document_get (project, document_id, &error);
  g_assert_no_error (error);
  words = sigla_bench_find_words (document->text);
  g_assert_cmpuint (words->len, >, 3);

  entity = sigla_entity_new (SIGLA_KIND_PERSON, "Li Kenong");
  sigla_entity_add_alias (entity, "Lǐ Kènóng", "transliteration");
  sigla_entity_insert (project, entity, &error);
  g_assert_no_error (error);

  sigla_bench_report ("annotate: seed 000, %" G_GINT64_FORMAT " code points, %u words; "
          "%u mentions of one to three words, one action each\n",
          document->length, words->len, N_MENTIONS);

  ok = bench_mentions (project, document_id, entity->id, words);
  if (ok)
    {
      bench_history_queries (project, "after the mentions");
      ok = bench_undo (project, document_id, entity->id, words);
    }

  g_clear_object (&project);
  sigla_test_remove_dir (dir);

  return ok ? 0 : 1;
}
