/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gui.c: the workbench in a real window (under Xvfb) with a 6 MB document and
 * 50,000 annotations: time to the first frame, against the same text without
 * annotations; memory; and the time from the tagging key to the committed transaction. */

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "sigla-bench-util.h"
#include "sigla-document-view.h"
#include "sigla-highlighter.h"
#include "sigla-project-private.h"
#include "sigla-tag-popover.h"
#include "sigla-test-util.h"
#include "sigla-window.h"

/* Figures are reported in MB of 10^6 bytes for files, MiB (as /proc counts) for memory. */
#define MB 1e6

#define DOCUMENT_BYTES (6 * 1000 * 1000)
#define N_ANNOTATIONS 50000
#define N_CLAIMS 2500               /* of the annotations; the rest are mentions */
#define N_RUNS 5                    /* openings of each project, alternating: the machine swings ±25% */
#define N_TAGS 200                  /* sigla_window_tag_selection() timed */
#define TAG_BUDGET_S 40             /* the tagging loop stops early past this */
#define AFTER_TAG_MS 250            /* watched after each tag's frame, for the deferred refresh */
#define N_KEY_RUNS 5                /* the whole path: key, popover, Enter */
#define KEY_BUDGET_S 20
#define N_UNDOS 10                  /* Ctrl+Z on the tags just made */
#define N_LOOKUPS 2000              /* tooltip lookups, spread over the document */
#define SETTLE_S 3                  /* how long a new window is watched laying out the rest */
#define MEMORY_SETTLE_S 5           /* SIGLA_BENCH_GUI_WATCH_S=150 watches until the whole document is laid out */
#define RANDOM_SEED 19510712

#define FIRST_FRAME_RATIO_TARGET 1.2
#define MEMORY_TARGET_MB 250.0
#define FRAME_MS 16.0

/* A frame, or a settling window, that takes longer than this is a bug, not a figure. */
#define WAIT_LIMIT_S 60

/* The first and the last mention in text order, and their tags: whether the
 * window shows them highlighted tells how far its highlighting has come. */
typedef struct
{
  SiglaBenchSpan first;
  const char    *first_tag;
  SiglaBenchSpan last;
  const char    *last_tag;
} Probe;

static const char * const people[] = {
  "Mao Zedong", "Joseph Stalin", "Kim Il Sung", "Li Kenong", "Nam Il", "Peng Dehuai",
  "Xie Fang", "Deng Hua", "Qiao Guanhua", "Zhou Enlai", "Andrey Vyshinsky", "Andrei Gromyko",
  "Yakov Malik", "Vladimir Razuvaev", "Stepan Krasovsky", "Pak Hŏn-yŏng", "Matthew Ridgway",
  "C. Turner Joy", "Dean Acheson", "Harry Truman", "Lǐ Kènóng", "Nie Rongzhen", "Gao Gang",
  "Chai Chengwen",
};

static const char * const places[] = {
  "Panmunjŏm", "Pyŏngyang", "Kaesŏng", "Mukden", "Port Arthur", "Dalny", "Wŏnsan",
  "Hŭngnam", "Sinŭiju", "Andong", "Harbin", "Vladivostok", "Beijing", "Moscow", "Seoul",
  "Inchon",
};

static const char * const organisations[] = {
  "Chinese People's Volunteers", "Korean People's Army", "United Nations Command",
  "VKP(b) Central Committee", "General Staff of the Soviet Army", "International Red Cross",
  "Ministry of Foreign Affairs", "Politburo",
};

/* -- the document and the projects ---------------------------------------- */

static gboolean
usable_paragraph (const char *line)
{
  return strlen (line) >= 80 && !g_str_has_prefix (line, "#") && !g_str_has_prefix (line, "http") &&
         !g_str_has_prefix (line, "[") && !g_str_has_prefix (line, "!") && !g_str_has_prefix (line, "|") &&
         !g_str_has_prefix (line, "*");
}

/* The seeds' paragraphs, drawn at random until @target bytes: the same bytes every run. */
static char *
write_document (const char *dir,
                gsize      *size)
{
  const char *prefixes[] = { "000", "001", "002", "003", "004" };
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  g_autoptr(GString) text = g_string_sized_new (DOCUMENT_BYTES + 4096);
  char *path;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *seed = sigla_test_seed_path (prefixes[i]);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) lines = NULL;

      g_file_get_contents (seed, &contents, NULL, &error);
      g_assert_no_error (error);
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_strstrip (lines[l]);
          if (usable_paragraph (lines[l]))
            g_ptr_array_add (paragraphs, g_strdup (lines[l]));
        }
    }
  g_assert_cmpuint (paragraphs->len, >, 20);

  g_string_append (text, "# Transcripts of the armistice talks, 1951\n\n");
  while (text->len < DOCUMENT_BYTES)
    g_string_append_printf (text, "%s\n\n",
                            (const char *) paragraphs->pdata[g_rand_int_range (rand, 0, paragraphs->len)]);

  path = sigla_test_write_file (dir, "talks.txt", text->str, text->len);
  *size = text->len;
  return path;
}

static SiglaProject *
new_project (const char  *dir,
             const char  *name,
             char       **path)
{
  g_autoptr(GError) error = NULL;
  SiglaProject *project;

  *path = g_build_filename (dir, name, NULL);
  project = sigla_project_create (*path, &error);
  g_assert_no_error (error);
  return project;
}

static GArray *
insert_entities (SiglaProject       *project,
                 SiglaKind           kind,
                 const char * const *names,
                 guint               n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, names[i]);
      g_autoptr(GError) error = NULL;

      sigla_entity_insert (project, entity, &error);
      g_assert_no_error (error);
      g_array_append_val (ids, entity->id);
    }

  return ids;
}

static gint64
pick_id (GArray *ids,
         GRand  *rand)
{
  return g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));
}

/* 50,000 annotations at deterministic pseudo-random words, one a stretch of the
 * text so that mentions do not overlap; claims run over several words, as claims do. */
static gboolean
annotate (SiglaProject *project,
          gint64        document_id,
          GArray       *words,
          gint64       *person_id,
          guint        *counts,
          Probe        *probe)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED + 1);
  g_autoptr(GArray) person_ids = insert_entities (project, SIGLA_KIND_PERSON, people, G_N_ELEMENTS (people));
  g_autoptr(GArray) place_ids = insert_entities (project, SIGLA_KIND_PLACE, places, G_N_ELEMENTS (places));
  g_autoptr(GArray) org_ids = insert_entities (project, SIGLA_KIND_ORG, organisations, G_N_ELEMENTS (organisations));
  const char * const *stances = sigla_claim_get_stances ();
  guint n_stances = g_strv_length ((char **) stances);
  guint stride = words->len / N_ANNOTATIONS;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (stride, >=, 6);
  *person_id = g_array_index (person_ids, gint64, 0);

  if (!sigla_project_begin_action (project, "Annotate the benchmark", &error))
    {
      sigla_bench_report ("gui: annotating FAILED: %s\n", error->message);
      return FALSE;
    }

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      guint first = i * stride + g_rand_int_range (rand, 0, stride - 3);
      /* Claims are spread evenly among the annotations. */
      gboolean is_claim = i % (N_ANNOTATIONS / N_CLAIMS) == N_ANNOTATIONS / N_CLAIMS - 1;
      gboolean inserted;

      if (is_claim)
        {
          g_autoptr(SiglaClaim) claim = sigla_claim_new ();
          guint last = MIN (first + g_rand_int_range (rand, 5, 15), words->len - 1);

          claim->document_id = document_id;
          claim->start = g_array_index (words, SiglaBenchSpan, first).start;
          claim->end = g_array_index (words, SiglaBenchSpan, last).end;
          claim->speaker_id = g_rand_boolean (rand) ? pick_id (person_ids, rand) : pick_id (org_ids, rand);
          claim->stance = g_strdup (stances[g_rand_int_range (rand, 0, n_stances)]);
          inserted = sigla_claim_insert (project, claim, &error);
          counts[SIGLA_TAG_CLAIM] += inserted;
        }
      else
        {
          g_autoptr(SiglaMention) mention = sigla_mention_new ();
          guint last = first + g_rand_int_range (rand, 0, 3);
          double roll = g_rand_double (rand);

          mention->document_id = document_id;
          mention->start = g_array_index (words, SiglaBenchSpan, first).start;
          mention->end = g_array_index (words, SiglaBenchSpan, last).end;
          if (roll < 0.45)
            {
              mention->kind = SIGLA_KIND_PERSON;
              mention->entity_id = pick_id (person_ids, rand);
            }
          else if (roll < 0.70)
            {
              mention->kind = SIGLA_KIND_PLACE;
              mention->entity_id = pick_id (place_ids, rand);
            }
          else if (roll < 0.84)
            {
              mention->kind = SIGLA_KIND_ORG;
              mention->entity_id = pick_id (org_ids, rand);
            }
          else
            {
              mention->kind = SIGLA_KIND_DATE;
              mention->when = g_strdup_printf ("1951-%02d-%02d", g_rand_int_range (rand, 6, 13),
                                               g_rand_int_range (rand, 1, 29));
            }
          inserted = sigla_mention_insert (project, mention, &error);
          counts[mention->kind] += inserted;

          /* Mentions do not overlap, and come in text order. */
          if (probe->first_tag == NULL)
            {
              probe->first = (SiglaBenchSpan) { mention->start, mention->end };
              probe->first_tag = sigla_kind_to_string (mention->kind);
            }
          probe->last = (SiglaBenchSpan) { mention->start, mention->end };
          probe->last_tag = sigla_kind_to_string (mention->kind);
        }

      if (!inserted)
        {
          sigla_bench_report ("gui: annotation %u FAILED: %s\n", i, error->message);
          sigla_project_abort_action (project);
          return FALSE;
        }
    }

  if (!sigla_project_end_action (project, &error))
    {
      sigla_bench_report ("gui: committing the annotations FAILED: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

/* -- frames --------------------------------------------------------------- */

/* Follows what is drawn on one surface: a frame counts when the surface was
 * rendered in it, and it ends when the X server has done the drawing. */
typedef struct
{
  GdkSurface    *surface;
  GdkFrameClock *clock;
  gulong         before_id;
  gulong         after_id;
  gboolean       rendered;        /* in the frame under way */
  gint64         frame_started;
  guint          n_frames;        /* frames that drew the surface */
  gint64         last_frame_end;
  gboolean     (*ready) (gpointer data);        /* whether a frame shows what is awaited … */
  gboolean     (*highlighted) (gpointer data);  /* … and the highlights at the top */
  gpointer       data;
  gint64         first_ready;     /* the end of the first frame that did */
  gint64         first_highlighted;
} Monitor;

static GPtrArray *monitors;

/* GdkSurface::render stops at the first handler that draws: an emission hook
 * runs before any, and tells which surface a frame draws. */
static gboolean
render_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               data)
{
  GObject *surface = g_value_get_object (&params[0]);

  for (guint i = 0; i < monitors->len; i++)
    {
      Monitor *monitor = monitors->pdata[i];

      if ((GObject *) monitor->surface == surface)
        monitor->rendered = TRUE;
    }

  return TRUE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Monitor       *monitor)
{
  monitor->frame_started = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Monitor       *monitor)
{
  gint64 now;

  if (!monitor->rendered)
    return;

  monitor->rendered = FALSE;
  gdk_display_sync (gdk_surface_get_display (monitor->surface));
  now = g_get_monotonic_time ();
  monitor->n_frames++;
  monitor->last_frame_end = now;
  if (monitor->first_ready == 0 && (monitor->ready == NULL || monitor->ready (monitor->data)))
    monitor->first_ready = now;
  if (monitor->first_highlighted == 0 && monitor->first_ready != 0 &&
      (monitor->highlighted == NULL || monitor->highlighted (monitor->data)))
    monitor->first_highlighted = now;
}

/* @widget is realized: its surface and frame clock exist. */
static Monitor *
monitor_new (GtkWidget *widget,
             gboolean (*ready) (gpointer data),
             gboolean (*highlighted) (gpointer data),
             gpointer   data)
{
  Monitor *monitor = g_new0 (Monitor, 1);

  monitor->surface = g_object_ref (gtk_native_get_surface (GTK_NATIVE (widget)));
  monitor->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  monitor->ready = ready;
  monitor->highlighted = highlighted;
  monitor->data = data;
  monitor->before_id = g_signal_connect (monitor->clock, "before-paint", G_CALLBACK (before_paint_cb), monitor);
  monitor->after_id = g_signal_connect (monitor->clock, "after-paint", G_CALLBACK (after_paint_cb), monitor);
  g_ptr_array_add (monitors, monitor);

  return monitor;
}

static void
monitor_free (Monitor *monitor)
{
  g_ptr_array_remove (monitors, monitor);
  g_signal_handler_disconnect (monitor->clock, monitor->before_id);
  g_signal_handler_disconnect (monitor->clock, monitor->after_id);
  g_object_unref (monitor->clock);
  g_object_unref (monitor->surface);
  g_free (monitor);
}

/* Runs the main loop until @monitor has drawn @n frames; FALSE past the limit. */
static gboolean
wait_for_frames (Monitor *monitor,
                 guint    n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (monitor->n_frames < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return monitor->n_frames >= n;
}

static gboolean
wait_until_ready (Monitor *monitor)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (monitor->first_ready == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return monitor->first_ready != 0;
}

/* Runs the main loop for @ms and returns the longest single dispatch: how
 * long the window stood still, unable to draw or to take a key. (Not
 * run_pending(): it would not return while the text view lays out the rest
 * of the document in the background.) */
static double
run_for (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  double longest = 0;

  while (g_get_monotonic_time () < end)
    {
      gint64 before = g_get_monotonic_time ();

      if (g_main_context_iteration (NULL, FALSE))
        longest = MAX (longest, (g_get_monotonic_time () - before) / 1000.0);
      else
        g_usleep (1000);
    }

  return longest;
}

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* -- the window ----------------------------------------------------------- */

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows of every list under @widget. */
static guint
count_rows (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LIST_VIEW (widget))
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));

      return model != NULL ? g_list_model_get_n_items (model) : 0;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

typedef struct
{
  SiglaWindow       *window;
  SiglaDocumentView *view;
  GtkTextView       *text_view;
  GtkWidget         *panels;       /* the panels' view stack */
  Monitor           *monitor;
  const Probe       *probe;        /* NULL for the plain document */
} Shown;

/* What a user sees of the document: the text view on screen, with its size. */
static gboolean
document_on_screen (gpointer data)
{
  Shown *shown = data;

  return gtk_widget_get_mapped (GTK_WIDGET (shown->text_view)) &&
         gtk_widget_get_width (GTK_WIDGET (shown->text_view)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (shown->text_view)) > 0 &&
         gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (shown->text_view)) > 0;
}

static gboolean
span_has_tag (GtkTextView *text_view,
              const SiglaBenchSpan  *span,
              const char  *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, span->start);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* The first mention, at the top of the document: what the first screen shows. */
static gboolean
top_highlighted (gpointer data)
{
  Shown *shown = data;

  return shown->probe == NULL || span_has_tag (shown->text_view, &shown->probe->first, shown->probe->first_tag);
}

static gboolean
all_highlighted (Shown *shown)
{
  return shown->probe == NULL || span_has_tag (shown->text_view, &shown->probe->last, shown->probe->last_tag);
}

typedef struct
{
  double   open_ms;          /* sigla_window_open_project() */
  double   present_ms;       /* gtk_window_present() */
  double   first_frame_ms;   /* from before the open to the end of the first frame that shows the text */
  double   top_ms;           /* … to the end of the first frame that shows the top's highlights */
  double   all_ms;           /* … until the last mention is highlighted */
  double   panels_ms;        /* … until the panels list what the document names */
  double   settled_ms;       /* … until the main loop falls quiet, or stops being watched */
  gboolean quiet;            /* whether it fell quiet within the time watched */
  double   longest_ms;       /* the longest the window stood still while watched */
  guint    frames;           /* drawn until then */
  gint64   rss_kb;           /* VmRSS at the first frame */
} OpenTimes;

static double
since (gint64 when,
       gint64 started)
{
  return when != 0 ? (when - started) / 1000.0 : -1;
}

/* Watches the window for @limit_s at most, until the main loop has had
 * nothing to do for 200 ms: the highlights and the panels come in idle
 * moments, and the text view lays out the rest of the document. */
static void
watch (Shown     *shown,
       int        limit_s,
       gint64     started,
       OpenTimes *times)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = now + limit_s * G_USEC_PER_SEC;
  gint64 last_busy = now, all = 0, panels = 0, panels_checked = 0;

  times->quiet = FALSE;
  times->longest_ms = 0;
  while ((now = g_get_monotonic_time ()) < deadline)
    {
      if (g_main_context_iteration (NULL, FALSE))
        {
          gint64 after = g_get_monotonic_time ();

          times->longest_ms = MAX (times->longest_ms, (after - now) / 1000.0);
          last_busy = after;
        }
      else if (now - last_busy > 200 * 1000)
        {
          times->quiet = TRUE;
          break;
        }
      else
        g_usleep (1000);

      if (all == 0 && all_highlighted (shown))
        all = g_get_monotonic_time ();
      if (panels == 0 && shown->probe != NULL && now - panels_checked > 10 * 1000)
        {
          panels_checked = now;
          if (count_rows (shown->panels) > 0)
            panels = g_get_monotonic_time ();
        }
    }

  times->top_ms = since (shown->monitor->first_highlighted, started);
  times->all_ms = since (all, started);
  times->panels_ms = since (panels, started);
  times->settled_ms = since (MAX (last_busy, shown->monitor->first_ready), started);
  times->frames = shown->monitor->n_frames;
}

/* Opens @path in a new window, waits for its first frame, then watches it
 * for @watch_s. */
static gboolean
open_window (const char  *path,
             const Probe *probe,
             int          watch_s,
             Shown       *shown,
             OpenTimes   *times)
{
  g_autoptr(GError) error = NULL;
  gint64 started, opened, presented;

  memset (shown, 0, sizeof *shown);
  memset (times, 0, sizeof *times);
  shown->probe = probe;
  shown->window = sigla_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (shown->window), 1280, 800);
  shown->view = SIGLA_DOCUMENT_VIEW (find_child (GTK_WIDGET (shown->window), SIGLA_TYPE_DOCUMENT_VIEW));
  shown->panels = find_child (GTK_WIDGET (shown->window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (shown->view);
  g_assert_nonnull (shown->panels);
  shown->text_view = sigla_document_view_get_text_view (shown->view);
  run_pending ();

  started = g_get_monotonic_time ();
  if (!sigla_window_open_project (shown->window, path, &error))
    {
      sigla_bench_report ("gui: opening %s FAILED: %s\n", path, error->message);
      return FALSE;
    }
  opened = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (shown->window));
  presented = g_get_monotonic_time ();
  shown->monitor = monitor_new (GTK_WIDGET (shown->window), document_on_screen, top_highlighted, shown);

  if (sigla_document_view_get_document (shown->view) == 0)
    {
      sigla_bench_report ("gui: %s FAILED: the window shows no document\n", path);
      return FALSE;
    }
  if (!wait_until_ready (shown->monitor))
    {
      sigla_bench_report ("gui: %s FAILED: no frame showed the document within %d s\n", path, WAIT_LIMIT_S);
      return FALSE;
    }
  times->rss_kb = sigla_bench_read_status_kb ("VmRSS:");
  times->open_ms = (opened - started) / 1000.0;
  times->present_ms = (presented - opened) / 1000.0;
  times->first_frame_ms = since (shown->monitor->first_ready, started);

  watch (shown, watch_s, started, times);
  return TRUE;
}

static void
close_window (Shown *shown)
{
  if (shown->monitor != NULL)
    monitor_free (shown->monitor);
  if (shown->window != NULL)
    gtk_window_destroy (GTK_WINDOW (shown->window));
  run_pending ();
  memset (shown, 0, sizeof *shown);
  /* What the window freed goes back to the system, so that the next figure is its own. */
  malloc_trim (0);
}

/* -- time to first frame, and memory --------------------------------------- */

static double
mib (gint64 kb)
{
  return kb / 1024.0;
}

/* The target is in MB of 10^6 bytes; /proc counts in KiB. */
static gboolean
memory_met (gint64 kb)
{
  return kb * 1024.0 <= MEMORY_TARGET_MB * MB;
}

/* "12 ms", or that it did not happen in the @watched_s seconds watched. */
static char *
format_ms (double ms,
           int    watched_s)
{
  return ms >= 0 ? g_strdup_printf ("at %.0f ms", ms) : g_strdup_printf ("not within %d s", watched_s);
}

/* Memory with the annotated document shown: at its first frame, and while the
 * text view lays out the rest. */
static gboolean
bench_memory (const char  *annotated,
              const Probe *probe)
{
  const char *env = g_getenv ("SIGLA_BENCH_GUI_WATCH_S");
  guint64 watch_s = MEMORY_SETTLE_S;
  Shown shown;
  OpenTimes times;
  gboolean reset;
  gint64 before, peak, rss;
  double later_s;
  g_autofree char *verdict = NULL;
  g_autofree char *top = NULL, *all = NULL, *panels = NULL;

  if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 0, 3600, &watch_s, NULL))
    g_error ("SIGLA_BENCH_GUI_WATCH_S must be a number of seconds up to 3600, not “%s”", env);

  reset = sigla_bench_reset_peak_rss ();
  before = sigla_bench_read_status_kb ("VmRSS:");
  if (!open_window (annotated, probe, (int) watch_s, &shown, &times))
    return FALSE;
  peak = sigla_bench_read_status_kb ("VmHWM:");
  rss = sigla_bench_read_status_kb ("VmRSS:");
  close_window (&shown);

  /* While the text view still lays the document out, memory still grows: met so far is not met. */
  later_s = (times.settled_ms - times.first_frame_ms) / 1000.0;
  if (!memory_met (peak))
    verdict = g_strdup (sigla_bench_verdict (FALSE));
  else if (times.quiet)
    verdict = g_strdup (sigla_bench_verdict (TRUE));
  else
    verdict = g_strdup_printf ("met so far, but still growing by %.0f MiB/s",
                               later_s > 0 ? mib (rss - times.rss_kb) / later_s : 0.0);

  sigla_bench_report ("gui: memory, annotated document: RSS %.1f MiB before the open, %.1f MiB at the first frame "
                      "(target <= %.0f MB: %s)\n",
                      mib (before), mib (times.rss_kb), MEMORY_TARGET_MB,
                      sigla_bench_verdict (memory_met (times.rss_kb)));
  sigla_bench_report ("gui: memory, annotated document %.1f s later (%s): RSS %.1f MiB, peak RSS %s %.1f MiB "
                      "(target <= %.0f MB: %s)\n",
                      later_s, times.quiet ? "all laid out, the window idle" : "the window still busy laying it out",
                      mib (rss), reset ? "since before the open" : "of the whole run", mib (peak), MEMORY_TARGET_MB,
                      verdict);
  top = format_ms (times.top_ms, (int) watch_s);
  all = format_ms (times.all_ms, (int) watch_s);
  panels = format_ms (times.panels_ms, (int) watch_s);
  sigla_bench_report ("gui: meanwhile (from before the open): first frame at %.0f ms, the top's highlights drawn %s, "
                      "all %u highlighted %s, panels filled %s (SIGLA_BENCH_GUI_WATCH_S=150 to watch longer)\n",
                      times.first_frame_ms, top, N_ANNOTATIONS, all, panels);
  return TRUE;
}

static double
median (GArray *samples)
{
  return sigla_bench_percentile (samples, 50);
}

/* One project's openings. */
typedef struct
{
  GArray *frames;
  GArray *opens;
  GArray *tops;
  GArray *alls;
  GArray *panels;
  GArray *longest;
  gboolean quiet;
} Series;

static void
series_init (Series *series)
{
  series->frames = g_array_new (FALSE, FALSE, sizeof (double));
  series->opens = g_array_new (FALSE, FALSE, sizeof (double));
  series->tops = g_array_new (FALSE, FALSE, sizeof (double));
  series->alls = g_array_new (FALSE, FALSE, sizeof (double));
  series->panels = g_array_new (FALSE, FALSE, sizeof (double));
  series->longest = g_array_new (FALSE, FALSE, sizeof (double));
  series->quiet = TRUE;
}

static void
series_clear (Series *series)
{
  g_array_unref (series->frames);
  g_array_unref (series->opens);
  g_array_unref (series->tops);
  g_array_unref (series->alls);
  g_array_unref (series->panels);
  g_array_unref (series->longest);
}

static void
series_add (Series          *series,
            const OpenTimes *times)
{
  g_array_append_val (series->frames, times->first_frame_ms);
  g_array_append_val (series->opens, times->open_ms);
  g_array_append_val (series->tops, times->top_ms);
  g_array_append_val (series->alls, times->all_ms);
  g_array_append_val (series->panels, times->panels_ms);
  g_array_append_val (series->longest, times->longest_ms);
  series->quiet &= times->quiet;
}

/* A median over runs where something may not have happened (-1): it did not, if in any. */
static double
median_if_all (GArray *samples)
{
  for (guint i = 0; i < samples->len; i++)
    if (g_array_index (samples, double, i) < 0)
      return -1;
  return median (samples);
}

static gboolean
bench_first_frame (const char  *plain,
                   const char  *annotated,
                   const Probe *probe,
                   double       document_mb)
{
  const char *paths[2] = { plain, annotated };
  const Probe *probes[2] = { NULL, probe };
  const char *names[2] = { "plain", "annotated" };
  Series series[2];
  gboolean ok = TRUE;

  series_init (&series[0]);
  series_init (&series[1]);

  for (guint run = 0; run < N_RUNS && ok; run++)
    for (guint k = 0; k < 2 && ok; k++)
      {
        Shown shown;
        OpenTimes times;
        g_autofree char *top = NULL, *all = NULL, *panels = NULL;

        ok = open_window (paths[k], probes[k], SETTLE_S, &shown, &times);
        close_window (&shown);
        if (!ok)
          break;

        series_add (&series[k], &times);
        top = format_ms (times.top_ms, SETTLE_S);
        all = format_ms (times.all_ms, SETTLE_S);
        panels = format_ms (times.panels_ms, SETTLE_S);
        if (probes[k] != NULL)
          sigla_bench_report ("gui: run %u, %s: open %.0f ms, present %.0f ms, first frame %.0f ms; the top's "
                              "highlights drawn %s, all highlighted %s, panels filled %s; %s %.0f ms: %u frames, "
                              "the longest stall %.0f ms\n",
                              run + 1, names[k], times.open_ms, times.present_ms, times.first_frame_ms, top, all,
                              panels, times.quiet ? "quiet at" : "still busy at", times.settled_ms, times.frames,
                              times.longest_ms);
        else
          sigla_bench_report ("gui: run %u, %s: open %.0f ms, present %.0f ms, first frame %.0f ms; %s %.0f ms: "
                              "%u frames, the longest stall %.0f ms\n",
                              run + 1, names[k], times.open_ms, times.present_ms, times.first_frame_ms,
                              times.quiet ? "quiet at" : "still busy at", times.settled_ms, times.frames,
                              times.longest_ms);
      }

  if (ok)
    {
      double ratio = median (series[1].frames) / median (series[0].frames);
      double top_ratio = median_if_all (series[1].tops) / median (series[0].frames);
      g_autofree char *top = format_ms (median_if_all (series[1].tops), SETTLE_S);
      g_autofree char *all = format_ms (median_if_all (series[1].alls), SETTLE_S);
      g_autofree char *panels = format_ms (median_if_all (series[1].panels), SETTLE_S);
      g_autofree char *top_ratio_text = top_ratio > 0 ? g_strdup_printf ("%.2f", top_ratio) : g_strdup ("-");

      sigla_bench_report ("gui: first frame, %.1f MB plain: %.0f ms; annotated (%u): %.0f ms; ratio %.2f "
                          "(target <= %.1f: %s)\n",
                          document_mb, median (series[0].frames), N_ANNOTATIONS, median (series[1].frames), ratio,
                          FIRST_FRAME_RATIO_TARGET, sigla_bench_verdict (ratio <= FIRST_FRAME_RATIO_TARGET));
      sigla_bench_report ("gui: annotated, medians of %u: the first frame with the top's highlights %s (ratio %s); "
                          "all %u highlighted %s; panels filled %s\n",
                          N_RUNS, top, top_ratio_text,
                          N_ANNOTATIONS, all, panels);
      for (guint k = 0; k < 2; k++)
        sigla_bench_report ("gui: %s, medians of %u: sigla_window_open_project %.0f ms of the first frame; "
                            "then the window %s; it stood still up to %.0f ms at a time\n",
                            names[k], N_RUNS, median (series[k].opens),
                            series[k].quiet ? "fell quiet" : "was still busy (laying out the rest, drawing) "
                            "after " G_STRINGIFY (SETTLE_S) " s",
                            median (series[k].longest));
    }

  series_clear (&series[0]);
  series_clear (&series[1]);
  return ok;
}

/* -- another edition's print -------------------------------------------------- */

/* A 3 MB print imported from another edition's TEI (its notes and headings styled, its
 * other readings read in a thread) against the same reading text imported as plain text:
 * the first frame of each, medians of N_RUNS. */
static gboolean
bench_tei_first_frame (const char *dir)
{
  g_autoptr(GBytes) print = sigla_bench_make_print ("print-dtabf-kluge-lutz-1898.xml", 3 * 1024 * 1024);
  g_autofree char *print_path = sigla_test_write_file (dir, "print.xml", g_bytes_get_data (print, NULL),
                                                       g_bytes_get_size (print));
  g_autofree char *tei_project = NULL, *text_project = NULL, *text_path = NULL;
  g_autoptr(SiglaProject) tei = new_project (dir, "print-tei.sigla", &tei_project);
  g_autoptr(SiglaProject) text = new_project (dir, "print-text.sigla", &text_project);
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) text_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tei_frames = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *frames[2] = { text_frames, tei_frames };
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { text_project, tei_project };
  gint64 id;
  gboolean ok = TRUE;

  id = sigla_import_file (tei, print_path, &error);
  g_assert_no_error (error);
  document = sigla_document_get (tei, id, &error);
  g_assert_no_error (error);
  text_path = sigla_test_write_file (dir, "print.txt", document->text, -1);
  sigla_import_file (text, text_path, &error);
  g_assert_no_error (error);
  g_clear_object (&tei);
  g_clear_object (&text);

  for (guint run = 0; run < N_RUNS && ok; run++)
    for (guint k = 0; k < 2 && ok; k++)
      {
        Shown shown;
        OpenTimes times;

        ok = open_window (paths[k], NULL, 1, &shown, &times);
        close_window (&shown);
        if (ok)
          g_array_append_val (frames[k], times.first_frame_ms);
      }

  if (ok)
    {
      double ratio = median (frames[1]) / median (frames[0]);

      sigla_bench_report ("gui: first frame of a %.1f MB TEI print (%" G_GINT64_FORMAT " code points), medians of "
                          "%u: %.0f ms as its TEI, %.0f ms as plain text; ratio %.2f (target <= %.1f: %s)\n",
                          g_bytes_get_size (print) / MB, document->length, N_RUNS, median (frames[1]),
                          median (frames[0]), ratio, FIRST_FRAME_RATIO_TARGET,
                          sigla_bench_verdict (ratio <= FIRST_FRAME_RATIO_TARGET));
    }
  return ok;
}

/* -- from the tagging key to the committed transaction ---------------------- */

static gint64 committed_at;

/* Runs before any handler of SiglaProject::changed, the window's included: the
 * transaction is on disk by then. */
static gboolean
changed_hook (GSignalInvocationHint *hint,
              guint                  n_params,
              const GValue          *params,
              gpointer               data)
{
  if (committed_at == 0)
    committed_at = g_get_monotonic_time ();
  return TRUE;
}

static void
select_span (GtkTextView *text_view,
             const SiglaBenchSpan  *span)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, span->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, span->end);
  gtk_text_buffer_select_range (buffer, &from, &to);
}

static void
report_samples (const char *what,
                GArray     *samples,
                gboolean    with_target)
{
  double p99;

  if (samples->len == 0)
    return;

  p99 = sigla_bench_percentile (samples, 99);
  if (with_target)
    sigla_bench_report ("gui: %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (target < %.0f ms: %s)\n", what,
                        sigla_bench_percentile (samples, 50), p99, sigla_bench_percentile (samples, 100),
                        FRAME_MS, sigla_bench_verdict (p99 < FRAME_MS));
  else
    sigla_bench_report ("gui: %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", what,
                        sigla_bench_percentile (samples, 50), p99, sigla_bench_percentile (samples, 100));
}

static gint64
count_mentions (SiglaWindow *window)
{
  SiglaCounts counts = { 0 };

  if (!sigla_project_get_counts (sigla_window_get_project (window), &counts, NULL))
    return -1;
  return counts.mentions;
}

/* What a tag costs the window, from the request: the transaction, the call
 * (the window's synchronous reaction included), the frame that shows it, and
 * the longest stall while the window catches up (a refresh it deferred). */
typedef struct
{
  GArray *commits;
  GArray *calls;
  GArray *frames;
  GArray *stalls;
} TagTimes;

static void
tag_times_init (TagTimes *times)
{
  times->commits = g_array_new (FALSE, FALSE, sizeof (double));
  times->calls = g_array_new (FALSE, FALSE, sizeof (double));
  times->frames = g_array_new (FALSE, FALSE, sizeof (double));
  times->stalls = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
tag_times_clear (TagTimes *times)
{
  g_array_unref (times->commits);
  g_array_unref (times->calls);
  g_array_unref (times->frames);
  g_array_unref (times->stalls);
}

/* After the call that tagged (started at @started, returned at @returned):
 * the next frame, then AFTER_TAG_MS of the window's life. */
static gboolean
tag_aftermath (Shown    *shown,
               guint     frames_before,
               gint64    started,
               gint64    returned,
               TagTimes *times)
{
  double ms;

  if (committed_at == 0)
    {
      sigla_bench_report ("gui: tagging FAILED: the project did not emit “changed”\n");
      return FALSE;
    }
  if (!wait_for_frames (shown->monitor, frames_before + 1))
    {
      sigla_bench_report ("gui: tagging FAILED: no frame drawn within %d s\n", WAIT_LIMIT_S);
      return FALSE;
    }

  ms = (committed_at - started) / 1000.0;
  g_array_append_val (times->commits, ms);
  ms = (returned - started) / 1000.0;
  g_array_append_val (times->calls, ms);
  ms = (shown->monitor->last_frame_end - started) / 1000.0;
  g_array_append_val (times->frames, ms);
  ms = run_for (AFTER_TAG_MS);
  g_array_append_val (times->stalls, ms);
  return TRUE;
}

static void
report_tag_times (const TagTimes *times,
                  const char     *from)
{
  g_autofree char *commits = g_strdup_printf ("  %s to the committed transaction (“changed” emitted)", from);
  g_autofree char *calls = g_strdup_printf ("  %s to committed and shown (the window's synchronous reaction done)", from);
  g_autofree char *frames = g_strdup_printf ("  %s to the next frame drawn", from);

  report_samples (commits, times->commits, FALSE);
  report_samples (calls, times->calls, TRUE);
  report_samples (frames, times->frames, FALSE);
  report_samples ("  then the window stood still (the longest dispatch within " G_STRINGIFY (AFTER_TAG_MS) " ms)",
                  times->stalls, FALSE);
}

/* What the popover's Enter does, on one word after another near the top of
 * the document, where the user is looking. */
static gboolean
bench_tag_calls (Shown  *shown,
                 GArray *words,
                 gint64  person_id)
{
  gint64 mentions_before = count_mentions (shown->window);
  gint64 budget_end = g_get_monotonic_time () + TAG_BUDGET_S * G_USEC_PER_SEC;
  TagTimes times;
  gboolean ok = TRUE;
  guint n = 0;

  tag_times_init (&times);
  for (; ok && n < N_TAGS && g_get_monotonic_time () < budget_end; n++)
    {
      g_autoptr(GError) error = NULL;
      guint frames_before;
      gint64 started, returned;

      select_span (shown->text_view, &g_array_index (words, SiglaBenchSpan, 2 * n + 1));
      run_for (20);

      frames_before = shown->monitor->n_frames;
      committed_at = 0;
      started = g_get_monotonic_time ();
      if (!sigla_window_tag_selection (shown->window, SIGLA_KIND_PERSON, person_id, NULL, &error))
        {
          sigla_bench_report ("gui: tag %u FAILED: %s\n", n, error->message);
          ok = FALSE;
          break;
        }
      returned = g_get_monotonic_time ();
      ok = tag_aftermath (shown, frames_before, started, returned, &times);
    }

  if (ok && count_mentions (shown->window) != mentions_before + n)
    {
      sigla_bench_report ("gui: tagging FAILED: %" G_GINT64_FORMAT " mentions, expected %" G_GINT64_FORMAT "\n",
                          count_mentions (shown->window), mentions_before + n);
      ok = FALSE;
    }

  if (ok)
    {
      sigla_bench_report ("gui: tagging a selected word as an existing person (sigla_window_tag_selection, what "
                          "the popover's Enter calls), %u times%s, %" G_GINT64_FORMAT " mentions in the document:\n",
                          n, n < N_TAGS ? " (as many as " G_STRINGIFY (TAG_BUDGET_S) " s allowed)" : "",
                          mentions_before);
      report_tag_times (&times, "tag");
    }

  tag_times_clear (&times);
  return ok;
}

/* The whole path a few times: the tag key's action, the popover on screen,
 * a name typed, Enter. */
static gboolean
bench_tag_key (Shown       *shown,
               GArray      *words,
               const char  *person)
{
  g_autoptr(GArray) popovers = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *popover = find_child (GTK_WIDGET (shown->view), SIGLA_TYPE_TAG_POPOVER);
  gint64 budget_end = g_get_monotonic_time () + KEY_BUDGET_S * G_USEC_PER_SEC;
  GtkWidget *entry;
  TagTimes times;
  gboolean ok = TRUE;
  guint n = 0;

  g_assert_nonnull (popover);
  entry = find_child (popover, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);

  tag_times_init (&times);
  for (; ok && n < N_KEY_RUNS && g_get_monotonic_time () < budget_end; n++)
    {
      Monitor *monitor;
      guint frames_before;
      gint64 started, returned;
      double ms;

      select_span (shown->text_view, &g_array_index (words, SiglaBenchSpan, 2 * N_TAGS + 2 * n + 1));
      gtk_widget_grab_focus (GTK_WIDGET (shown->text_view));
      run_for (20);

      /* The key: what "P" over a selection asks for. */
      started = g_get_monotonic_time ();
      if (!gtk_widget_activate_action (GTK_WIDGET (shown->window), "win.tag", "s", "person") ||
          !gtk_widget_get_mapped (popover))
        {
          sigla_bench_report ("gui: tag key %u FAILED: no popover\n", n);
          ok = FALSE;
          break;
        }
      monitor = monitor_new (popover, NULL, NULL, NULL);
      ok = wait_for_frames (monitor, 1);
      ms = (monitor->last_frame_end - started) / 1000.0;
      monitor_free (monitor);
      if (!ok)
        {
          sigla_bench_report ("gui: tag key %u FAILED: the popover was never drawn\n", n);
          break;
        }
      g_array_append_val (popovers, ms);

      /* The name typed, then Enter. */
      gtk_editable_set_text (GTK_EDITABLE (entry), person);
      run_for (20);
      frames_before = shown->monitor->n_frames;
      committed_at = 0;
      started = g_get_monotonic_time ();
      g_signal_emit_by_name (entry, "activate");
      returned = g_get_monotonic_time ();
      if (gtk_widget_get_mapped (popover))
        {
          sigla_bench_report ("gui: tag key %u FAILED: Enter left the popover up\n", n);
          ok = FALSE;
          break;
        }
      ok = tag_aftermath (shown, frames_before, started, returned, &times);
    }

  if (ok)
    {
      sigla_bench_report ("gui: the tag key's whole path (win.tag, the popover, a name, Enter), %u times:\n", n);
      report_samples ("  tag key to the popover drawn", popovers, FALSE);
      report_tag_times (&times, "Enter");
    }

  tag_times_clear (&times);
  return ok;
}

/* Ctrl+Z on the last tags: the window reads the document's annotations
 * again and re-highlights what the undo changed. */
static gboolean
bench_undo (Shown *shown)
{
  gint64 mentions_before = count_mentions (shown->window);
  TagTimes times;
  gboolean ok = TRUE;
  guint n = 0;

  tag_times_init (&times);
  for (; ok && n < N_UNDOS; n++)
    {
      guint frames_before = shown->monitor->n_frames;
      gint64 started, returned;

      committed_at = 0;
      started = g_get_monotonic_time ();
      if (!gtk_widget_activate_action (GTK_WIDGET (shown->window), "win.undo", NULL))
        {
          sigla_bench_report ("gui: undo %u FAILED: no win.undo\n", n);
          ok = FALSE;
          break;
        }
      returned = g_get_monotonic_time ();
      ok = tag_aftermath (shown, frames_before, started, returned, &times);
    }

  if (ok && count_mentions (shown->window) != mentions_before - n)
    {
      sigla_bench_report ("gui: undo FAILED: %" G_GINT64_FORMAT " mentions, expected %" G_GINT64_FORMAT "\n",
                          count_mentions (shown->window), mentions_before - n);
      ok = FALSE;
    }

  if (ok)
    {
      sigla_bench_report ("gui: undoing the last tags (win.undo), %u times:\n", n);
      report_tag_times (&times, "undo");
    }

  tag_times_clear (&times);
  return ok;
}

/* Tagging in the annotated document, and the memory it holds meanwhile. */
static gboolean
bench_tagging (const char  *annotated,
               const Probe *probe,
               GArray      *words,
               gint64       person_id)
{
  Shown shown;
  OpenTimes times;
  gulong hook;
  guint signal_id;
  gboolean reset = sigla_bench_reset_peak_rss ();
  gint64 started = g_get_monotonic_time ();
  gint64 peak, rss;
  gboolean ok;

  /* A user starts tagging once the document is up: its highlights, its panels. */
  if (!open_window (annotated, probe, SETTLE_S, &shown, &times))
    return FALSE;

  signal_id = g_signal_lookup ("changed", SIGLA_TYPE_PROJECT);
  hook = g_signal_add_emission_hook (signal_id, 0, changed_hook, NULL, NULL);
  ok = bench_tag_calls (&shown, words, person_id) && bench_tag_key (&shown, words, people[0]) &&
       bench_undo (&shown);
  g_signal_remove_emission_hook (signal_id, hook);

  peak = sigla_bench_read_status_kb ("VmHWM:");
  rss = sigla_bench_read_status_kb ("VmRSS:");
  if (ok)
    sigla_bench_report ("gui: memory, annotated document shown and tagged for %.0f s: RSS %.1f MiB, peak RSS %s "
                        "%.1f MiB (target <= %.0f MB: %s)\n",
                        (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, mib (rss),
                        reset ? "since before the open" : "of the whole run", mib (peak), MEMORY_TARGET_MB,
                        sigla_bench_verdict (memory_met (peak)));

  close_window (&shown);
  return ok;
}

/* What a tooltip asks as the pointer moves over the text: the mention under
 * it. The marks are those of the annotated document, offsets spread evenly
 * over it, so that the end (the longest lookup) counts as much as the top. */
static gboolean
bench_tooltip_lookup (const char *path,
                      gint64      document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaProject) project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GtkTextBuffer) buffer = NULL;
  g_autoptr(SiglaHighlighter) highlighter = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *marks;
  guint found = 0;

  document = project != NULL ? sigla_document_get (project, document_id, &error) : NULL;
  marks = document != NULL ? sigla_mark_list (project, document_id, G_MAXINT64, &error) : NULL;
  if (marks == NULL)
    {
      sigla_bench_report ("gui: tooltip lookup FAILED: %s\n", error->message);
      return FALSE;
    }

  buffer = gtk_text_buffer_new (NULL);
  gtk_text_buffer_set_text (buffer, document->text, -1);
  highlighter = sigla_highlighter_new (buffer);
  sigla_highlighter_set_spans (highlighter, marks);

  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      gint64 offset = document->length * i / N_LOOKUPS;
      gint64 before = g_get_monotonic_time ();
      double us;

      found += sigla_highlighter_mention_at (highlighter, offset) != NULL;
      us = g_get_monotonic_time () - before;
      g_array_append_val (samples, us);
    }

  sigla_bench_report ("gui: the mention under the pointer (sigla_highlighter_mention_at, for the tooltip), "
                      "%u offsets over %u marks, %u on a mention: p50 %.0f µs, p99 %.0f µs, max %.0f µs\n",
                      N_LOOKUPS, marks->len, found, sigla_bench_percentile (samples, 50),
                      sigla_bench_percentile (samples, 99), sigla_bench_percentile (samples, 100));
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *annotated_path = NULL;
  g_autoptr(SiglaProject) plain = NULL;
  g_autoptr(SiglaProject) annotated = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[SIGLA_TAG_CLAIM + 1] = { 0 };
  Probe probe = { { 0, 0 }, NULL, { 0, 0 }, NULL };
  gint64 document_id, person_id = 0, started, rss_made;
  gsize size = 0;
  gboolean ok;
  Shown shown;
  OpenTimes times;

  if (!gtk_init_check ())
    {
      sigla_bench_report ("gui: SKIPPED: no display (run it under xvfb-run)\n");
      return 77;
    }
  adw_init ();
  monitors = g_ptr_array_new ();
  g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0, render_hook, NULL, NULL);

  /* The projects: the same text, without and with its annotations. */
  dir = sigla_test_make_dir ();
  started = g_get_monotonic_time ();
  text_path = write_document (dir, &size);
  plain = new_project (dir, "plain.sigla", &plain_path);
  document_id = sigla_import_file (plain, text_path, &error);
  g_assert_no_error (error);
  annotated = new_project (dir, "annotated.sigla", &annotated_path);
  g_assert_cmpint (sigla_import_file (annotated, text_path, &error), ==, document_id);
  g_assert_no_error (error);

  document = sigla_document_get (plain, document_id, &error);
  g_assert_no_error (error);
  words = sigla_bench_find_words (document->text);
  ok = annotate (annotated, document_id, words, &person_id, counts, &probe);
  sigla_bench_report ("gui: %.1f MB document, %" G_GINT64_FORMAT " code points, %u words; %u annotations: "
                      "%u people, %u places, %u organisations, %u dates, %u claims (made in %.1f s)\n",
                      size / MB, document->length, words->len, N_ANNOTATIONS, counts[SIGLA_KIND_PERSON],
                      counts[SIGLA_KIND_PLACE], counts[SIGLA_KIND_ORG], counts[SIGLA_KIND_DATE],
                      counts[SIGLA_TAG_CLAIM], (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  g_clear_object (&plain);
  g_clear_object (&annotated);
  g_clear_pointer (&document, sigla_document_free);
  malloc_trim (0);
  rss_made = sigla_bench_read_status_kb ("VmRSS:");

  /* The process's first window pays for the theme, the fonts and the glyph
   * caches: a warm-up, reported but not counted. */
  if (ok)
    {
      ok = open_window (plain_path, NULL, 1, &shown, &times);
      if (ok)
        sigla_bench_report ("gui: warm-up (the process's first window), plain: first frame %.0f ms\n",
                            times.first_frame_ms);
      close_window (&shown);
      sigla_bench_report ("gui: RSS %.1f MiB once the projects were made, %.1f MiB after the warm-up's window "
                          "was closed\n", mib (rss_made), mib (sigla_bench_read_status_kb ("VmRSS:")));
    }

  ok = ok && bench_memory (annotated_path, &probe);
  ok = ok && bench_first_frame (plain_path, annotated_path, &probe, size / MB);
  ok = ok && bench_tagging (annotated_path, &probe, words, person_id);
  ok = ok && bench_tooltip_lookup (annotated_path, document_id);
  ok = ok && bench_tei_first_frame (dir);

  sigla_bench_report ("gui: peak RSS of the whole run %.1f MiB\n", mib (sigla_bench_read_status_kb ("VmHWM:")));

  sigla_test_remove_dir (dir);
  return ok ? 0 : 1;
}
