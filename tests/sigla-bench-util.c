/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-bench-util.c: what the benchmarks share: printing figures, percentiles, peak memory. */

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "sigla-bench-util.h"

/* Prints as UTF-8 whatever the locale: g_print() would turn names with
 * diacritics into question marks under LANG=C, as test runners often set. */
void
sigla_bench_report (const char *format,
                    ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  fputs (line, stdout);
  fflush (stdout);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of @samples[first, first + n); sorts a copy. */
double
sigla_bench_percentile_of (GArray *samples,
                           guint   first,
                           guint   n,
                           double  p)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  guint rank;

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (first + n, <=, samples->len);
  g_array_append_vals (sorted, &g_array_index (samples, double, first), n);
  g_array_sort (sorted, compare_doubles);
  rank = (guint) MAX (1.0, (p / 100.0) * n + 0.999999);

  return g_array_index (sorted, double, MIN (rank, n) - 1);
}

double
sigla_bench_percentile (GArray *samples,
                        double  p)
{
  return sigla_bench_percentile_of (samples, 0, samples->len, p);
}

const char *
sigla_bench_verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

/* A field of /proc/self/status in kB ("VmHWM:" is the peak resident set); -1 if unknown. */
gint64
sigla_bench_read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, field);
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0), so
 * that one phase's peak is not another's. */
gboolean
sigla_bench_reset_peak_rss (void)
{
  int fd = g_open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC, 0);
  gboolean reset;

  if (fd < 0)
    return FALSE;

  reset = write (fd, "5", 1) == 1;
  close (fd);
  return reset;
}

/* The words of @text, in code points: what a user selects to tag. */
GArray *
sigla_bench_find_words (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (SiglaBenchSpan));
  gint64 offset = 0;
  SiglaBenchSpan word = { -1, -1 };

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gboolean in_word = g_unichar_isalnum (g_utf8_get_char (p));

      if (in_word && word.start < 0)
        word.start = offset;
      else if (!in_word && word.start >= 0)
        {
          word.end = offset;
          g_array_append_val (words, word);
          word.start = -1;
        }
    }

  if (word.start >= 0)
    {
      word.end = offset;
      g_array_append_val (words, word);
    }

  return words;
}

/* A copy's ids would be given twice. */
static void
strip_ids (xmlNode *node)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        xmlUnsetNsProp (n, xmlSearchNsByHref (n->doc, n, XML_XML_NAMESPACE), BAD_CAST "id");
        strip_ids (n->children);
      }
}

/**
 * sigla_bench_make_print:
 * @name: a file of tests/tei-editions/
 * @target_bytes: how large the print is to be
 *
 * Another edition's print at the size of a book: @name's body repeated until
 * the file holds @target_bytes, the ids of the copies taken away.
 */
GBytes *
sigla_bench_make_print (const char *name,
                        gsize       target_bytes)
{
  /* The tests' folder as meson names it: not every benchmark is a GTest program. */
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "tei-editions", name, NULL);
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body = NULL;
  xmlChar *out = NULL;
  int size = 0;
  GBytes *bytes;

  for (xmlNode *c = root->children; c != NULL && body == NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, "text"))
      for (xmlNode *b = c->children; b != NULL; b = b->next)
        if (b->type == XML_ELEMENT_NODE && g_str_equal ((const char *) b->name, "body"))
          body = b;
  g_assert_nonnull (body);

  for (;;)
    {
      xmlNode *first = body->children, *last = body->last;

      xmlDocDumpMemoryEnc (doc, &out, &size, "UTF-8");
      xmlFree (out);
      if ((gsize) size >= target_bytes)
        break;
      for (xmlNode *c = first; ; c = c->next)
        {
          xmlNode *twin = xmlDocCopyNode (c, doc, 1);

          strip_ids (twin);
          xmlAddChild (body, twin);
          if (c == last)
            break;
        }
    }

  xmlDocDumpMemoryEnc (doc, &out, &size, "UTF-8");
  bytes = g_bytes_new (out, size);
  xmlFree (out);
  xmlFreeDoc (doc);
  return bytes;
}
