/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tei.c: the TEI export: overlapping spans laid out, every file valid, nothing dropped. */

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "sigla-tei-layout.h"
#include "sigla-test-util.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"

/* Between the fields of a key: XML 1.0 cannot hold U+001F, so no field read
 * back from a file can contain it, and the export maps it away in the store's
 * strings before they are compared. */
#define SEP "\x1f"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Fails the current test with @format's message; used where a plain
 * g_assert_true() could not say which piece, id or file broke the rule. */
static void G_GNUC_PRINTF (1, 2)
report_problem (const char *format,
                ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_assert_cmpstr (problem, ==, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* -- layout ----------------------------------------------------------------- */

/* Blocks from pairs of offsets: { 0, 10, 11, 20 } is [0, 10) and [11, 20). */
static GArray *
make_blocks (const gint64 *bounds,
             guint         n_bounds)
{
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (SiglaBlock));

  for (guint i = 0; i + 1 < n_bounds; i += 2)
    {
      SiglaBlock block = { bounds[i], bounds[i + 1], SIGLA_BLOCK_P };

      g_array_append_val (blocks, block);
    }

  return blocks;
}

static void
add_span (GArray *spans,
          gint64  start,
          gint64  end,
          int     rank)
{
  SiglaSpan span = { start, end, rank };

  g_array_append_val (spans, span);
}

/* How much of [start, end) lies in the blocks' text. */
static gint64
text_in_blocks (GArray *blocks,
                gint64  start,
                gint64  end)
{
  gint64 length = 0;

  for (guint b = 0; b < blocks->len; b++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, b);

      length += MAX (0, MIN (end, block->end) - MAX (start, block->start));
    }

  return length;
}

static gboolean
nest_or_keep_apart (const SiglaPiece *a,
                    const SiglaPiece *b)
{
  return a->end <= b->start || b->end <= a->start ||
         (a->start <= b->start && b->end <= a->end) ||
         (b->start <= a->start && a->end <= b->end);
}

/* Checks every promise sigla_tei_layout() makes, for any input. */
static void
check_layout (GArray *blocks,
              GArray *spans,
              GArray *pieces)
{
  guint n = MAX (spans->len, 1);
  g_autofree guint *seen = g_new0 (guint, n);
  g_autofree guint *n_parts = g_new0 (guint, n);
  g_autofree gint64 *covered = g_new0 (gint64, n);
  g_autofree gint64 *last_end = g_new0 (gint64, n);
  g_autofree gboolean *has_empty = g_new0 (gboolean, n);
  guint block_first = 0;   /* the first piece of the current block */
  guint problems = 0;      /* one broken rule is enough to say: the rest would follow from it */

  for (guint i = 0; i < pieces->len && problems == 0; i++)
    {
      const SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, i);
      const SiglaSpan *span;
      const SiglaBlock *block;

      if (piece->span >= spans->len || piece->block >= blocks->len)
        {
          report_problem ("piece %u names span %u of %u, block %u of %u",
                          i, piece->span, spans->len, piece->block, blocks->len);
          return;
        }
      span = &g_array_index (spans, SiglaSpan, piece->span);
      block = &g_array_index (blocks, SiglaBlock, piece->block);

      if (piece->start > piece->end || piece->start < block->start || piece->end > block->end ||
          piece->start < span->start || piece->end > span->end)
        {
          report_problem ("piece [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") is not inside its block [%"
                          G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") and its span [%" G_GINT64_FORMAT ", %"
                          G_GINT64_FORMAT ")", piece->start, piece->end, block->start, block->end,
                          span->start, span->end);
          problems++;
        }

      /* Start tags are written in this order: by block, start, then longest first. */
      if (i > 0)
        {
          const SiglaPiece *before = &g_array_index (pieces, SiglaPiece, i - 1);

          if (before->block != piece->block)
            block_first = i;
          if (before->block > piece->block ||
              (before->block == piece->block &&
               (before->start > piece->start || (before->start == piece->start && before->end < piece->end))))
            {
              report_problem ("piece %u [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") in block %u comes after [%"
                              G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") in block %u", i, piece->start,
                              piece->end, piece->block, before->start, before->end, before->block);
              problems++;
            }
        }

      for (guint k = block_first; k < i; k++)
        {
          const SiglaPiece *other = &g_array_index (pieces, SiglaPiece, k);

          if (!nest_or_keep_apart (piece, other))
            {
              problems++;
              report_problem ("pieces [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") of span %u and [%"
                              G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") of span %u cross in block %u",
                              other->start, other->end, other->span, piece->start, piece->end,
                              piece->span, piece->block);
              break;
            }
        }

      /* A span's pieces follow each other in text order, numbered from 0. */
      if (piece->part != seen[piece->span] ||
          (seen[piece->span] > 0 && (piece->n_parts != n_parts[piece->span] ||
                                     piece->start < last_end[piece->span])))
        {
          report_problem ("piece [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") of span %u is part %u of %u; "
                          "expected part %u, after offset %" G_GINT64_FORMAT, piece->start, piece->end,
                          piece->span, piece->part, piece->n_parts, seen[piece->span],
                          last_end[piece->span]);
          problems++;
        }
      n_parts[piece->span] = piece->n_parts;
      seen[piece->span]++;
      covered[piece->span] += piece->end - piece->start;
      last_end[piece->span] = piece->end;
      has_empty[piece->span] |= piece->start == piece->end;
    }

  /* Pieces inside the span, apart from each other, adding up to all of the
   * span's text: their union is the span intersected with the blocks. */
  for (guint s = 0; s < spans->len && problems == 0; s++)
    {
      const SiglaSpan *span = &g_array_index (spans, SiglaSpan, s);
      gint64 in_blocks = text_in_blocks (blocks, span->start, span->end);

      if (seen[s] == 0 || seen[s] != n_parts[s] || covered[s] != in_blocks ||
          (in_blocks == 0 && seen[s] != 1) || (in_blocks > 0 && has_empty[s]))
        {
          report_problem ("span %u [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") has %u pieces (n_parts %u) "
                          "covering %" G_GINT64_FORMAT " code points%s; %" G_GINT64_FORMAT
                          " of it lie in blocks", s, span->start, span->end, seen[s], n_parts[s],
                          covered[s], has_empty[s] ? " with an empty one" : "", in_blocks);
          problems++;
        }
    }
}

static GArray *
lay_out (GArray *blocks,
         GArray *spans)
{
  GArray *pieces = sigla_tei_layout (blocks, spans);

  check_layout (blocks, spans, pieces);
  return pieces;
}

static void
assert_piece (GArray *pieces,
              guint   i,
              guint   span,
              gint64  start,
              gint64  end,
              guint   part,
              guint   n_parts)
{
  const SiglaPiece *piece;

  g_assert_cmpuint (i, <, pieces->len);
  if (i >= pieces->len)
    return;

  piece = &g_array_index (pieces, SiglaPiece, i);
  g_assert_cmpuint (piece->span, ==, span);
  g_assert_cmpint (piece->start, ==, start);
  g_assert_cmpint (piece->end, ==, end);
  g_assert_cmpuint (piece->part, ==, part);
  g_assert_cmpuint (piece->n_parts, ==, n_parts);
}

static void
test_layout_nested (void)
{
  const gint64 bounds[] = { 0, 100 };
  g_autoptr(GArray) blocks = make_blocks (bounds, G_N_ELEMENTS (bounds));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GArray) pieces = NULL;

  add_span (spans, 20, 30, 1);
  add_span (spans, 10, 50, 0);
  add_span (spans, 22, 25, 0);
  add_span (spans, 60, 70, 3);

  pieces = lay_out (blocks, spans);
  g_assert_cmpuint (pieces->len, ==, 4);
  assert_piece (pieces, 0, 1, 10, 50, 0, 1);
  assert_piece (pieces, 1, 0, 20, 30, 0, 1);
  assert_piece (pieces, 2, 2, 22, 25, 0, 1);
  assert_piece (pieces, 3, 3, 60, 70, 0, 1);
}

static void
test_layout_crossing (void)
{
  const gint64 bounds[] = { 0, 100 };
  g_autoptr(GArray) blocks = make_blocks (bounds, G_N_ELEMENTS (bounds));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GArray) pieces = NULL;
  g_autoptr(GArray) chain = NULL;

  add_span (spans, 10, 30, 0);
  add_span (spans, 20, 40, 0);

  pieces = lay_out (blocks, spans);
  g_assert_cmpuint (pieces->len, ==, 3);
  assert_piece (pieces, 0, 0, 10, 30, 0, 1);
  assert_piece (pieces, 1, 1, 20, 30, 0, 2);
  assert_piece (pieces, 2, 1, 30, 40, 1, 2);

  /* A chain of crossings: each span starts inside the one before. */
  chain = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  for (gint64 start = 0; start < 80; start += 8)
    add_span (chain, start, start + 12, 0);
  g_clear_pointer (&pieces, g_array_unref);
  pieces = lay_out (blocks, chain);
  g_assert_cmpuint (pieces->len, >, chain->len);
}

static void
test_layout_block_edge (void)
{
  const char *text = "abcdefghij\nklmnopqrst\nuvwxyzABCD";
  const gint64 bounds[] = { 0, 10, 11, 21, 22, 32 };
  g_autoptr(GArray) blocks = make_blocks (bounds, G_N_ELEMENTS (bounds));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GArray) pieces = NULL;
  g_autoptr(GString) joined = g_string_new ("");
  g_autofree char *whole = g_utf8_substring (text, 5, 26);

  add_span (spans, 5, 26, 0);
  pieces = lay_out (blocks, spans);
  g_assert_cmpuint (pieces->len, ==, 3);
  assert_piece (pieces, 0, 0, 5, 10, 0, 3);
  assert_piece (pieces, 1, 0, 11, 21, 1, 3);
  assert_piece (pieces, 2, 0, 22, 26, 2, 3);

  /* The pieces' text, joined by the line breaks they leave out, is the span's. */
  for (guint i = 0; i < pieces->len; i++)
    {
      const SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, i);
      g_autofree char *part = g_utf8_substring (text, piece->start, piece->end);

      g_string_append_printf (joined, "%s%s", i > 0 ? "\n" : "", part);
    }
  g_assert_cmpstr (joined->str, ==, whole);
}

static void
test_layout_line_break (void)
{
  const gint64 bounds[] = { 0, 10, 11, 20 };
  g_autoptr(GArray) blocks = make_blocks (bounds, G_N_ELEMENTS (bounds));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GArray) pieces = NULL;
  guint found = 0;

  add_span (spans, 10, 11, 0);   /* only the "\n" */
  add_span (spans, 0, 20, 1);    /* around it */
  add_span (spans, 9, 12, 2);    /* over it, with text on both sides */
  add_span (spans, 10, 11, 3);   /* twice */

  pieces = lay_out (blocks, spans);
  for (guint i = 0; i < pieces->len; i++)
    {
      const SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, i);

      if (piece->span == 0 || piece->span == 3)
        {
          g_assert_cmpint (piece->start, ==, piece->end);
          g_assert_cmpuint (piece->n_parts, ==, 1);
          found++;
        }
      if (piece->span == 2)
        g_assert_true ((piece->start == 9 && piece->end == 10) || (piece->start == 11 && piece->end == 12));
    }
  g_assert_cmpuint (found, ==, 2);
}

/* A claim (an outer span) inside a date: TEI has no said inside a date, so
 * the date is cut where the claim starts and ends, and goes on inside it. */
static void
test_layout_outer (void)
{
  const gint64 bounds[] = { 0, 40 };
  g_autoptr(GArray) blocks = make_blocks (bounds, G_N_ELEMENTS (bounds));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GArray) pieces = NULL;
  SiglaSpan claim = { 12, 15, 0, TRUE };

  add_span (spans, 10, 20, 4);           /* the date */
  g_array_append_val (spans, claim);     /* inside it */

  pieces = lay_out (blocks, spans);
  g_assert_cmpuint (pieces->len, ==, 4);
  assert_piece (pieces, 0, 0, 10, 12, 0, 3);   /* the date up to the claim */
  assert_piece (pieces, 1, 1, 12, 15, 0, 1);   /* the claim, outside … */
  assert_piece (pieces, 2, 0, 12, 15, 1, 3);   /* … the date's words within it */
  assert_piece (pieces, 3, 0, 15, 20, 2, 3);   /* the rest of the date */
}

static void
test_layout_identical (void)
{
  const gint64 bounds[] = { 0, 20 };
  g_autoptr(GArray) blocks = make_blocks (bounds, G_N_ELEMENTS (bounds));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GArray) pieces = NULL;

  add_span (spans, 5, 8, 2);
  add_span (spans, 5, 8, 0);
  add_span (spans, 5, 8, 1);

  /* Lower rank outside: its start tag comes first. */
  pieces = lay_out (blocks, spans);
  g_assert_cmpuint (pieces->len, ==, 3);
  assert_piece (pieces, 0, 1, 5, 8, 0, 1);
  assert_piece (pieces, 1, 2, 5, 8, 0, 1);
  assert_piece (pieces, 2, 0, 5, 8, 0, 1);
}

static void
test_layout_part_order (void)
{
  const gint64 bounds[] = { 0, 10, 11, 20, 21, 30 };
  g_autoptr(GArray) blocks = make_blocks (bounds, G_N_ELEMENTS (bounds));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GArray) pieces = NULL;
  const gint64 expected[][2] = { { 5, 7 }, { 7, 10 }, { 11, 20 }, { 21, 25 } };
  guint part = 0;

  add_span (spans, 5, 25, 1);    /* cut by the blocks, and by the end of … */
  add_span (spans, 2, 7, 0);     /* … this one, which opens first */
  add_span (spans, 13, 22, 0);

  pieces = lay_out (blocks, spans);
  for (guint i = 0; i < pieces->len; i++)
    {
      const SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, i);

      if (piece->span != 0)
        continue;
      g_assert_cmpuint (part, <, G_N_ELEMENTS (expected));
      if (part >= G_N_ELEMENTS (expected))
        break;
      assert_piece (pieces, i, 0, expected[part][0], expected[part][1], part, G_N_ELEMENTS (expected));
      part++;
    }
  g_assert_cmpuint (part, ==, G_N_ELEMENTS (expected));
}

/* A span as annotators make them: mostly short, some across blocks, some
 * only on the line break between two blocks, some the same as an earlier. */
static void
random_extent (GRand  *rng,
               GArray *blocks,
               GArray *earlier,
               gint64 *start,
               gint64 *end)
{
  gint64 length = g_array_index (blocks, SiglaBlock, blocks->len - 1).end;
  int dice = g_rand_int_range (rng, 0, 100);

  if (dice < 6 && earlier->len > 0)
    {
      const SiglaSpan *copy = &g_array_index (earlier, SiglaSpan, g_rand_int_range (rng, 0, earlier->len));

      *start = copy->start;
      *end = copy->end;
    }
  else if (dice < 12 && blocks->len > 1)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, g_rand_int_range (rng, 0, blocks->len - 1));

      *start = block->end;
      *end = block->end + 1;
    }
  else
    {
      gint32 longest = dice < 80 ? 30 : 400;
      gint64 wanted;

      *start = g_rand_int_range (rng, 0, (gint32) length);
      wanted = *start + g_rand_int_range (rng, 1, longest + 1);
      *end = MIN (length, wanted);
    }
}

static GArray *
random_blocks (GRand *rng)
{
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (SiglaBlock));
  int n_blocks = g_rand_int_range (rng, 1, 16);
  gint64 position = 0;

  for (int i = 0; i < n_blocks; i++)
    {
      SiglaBlock block = { position, position + g_rand_int_range (rng, 1, 60), SIGLA_BLOCK_P };

      g_array_append_val (blocks, block);
      position = block.end + 1;
    }

  return blocks;
}

static void
test_layout_random (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (20240611);
  guint n_spans = 0, n_pieces = 0;

  for (guint round = 0; round < 600 && !g_test_failed (); round++)
    {
      g_autoptr(GArray) blocks = random_blocks (rng);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
      g_autoptr(GArray) pieces = NULL;
      int n = round % 100 == 99 ? 800 : g_rand_int_range (rng, 1, 50);

      for (int i = 0; i < n; i++)
        {
          gint64 start, end;

          random_extent (rng, blocks, spans, &start, &end);
          add_span (spans, start, end, g_rand_int_range (rng, 0, 5));
        }

      pieces = lay_out (blocks, spans);
      n_spans += spans->len;
      n_pieces += pieces->len;
      if (g_test_failed ())
        g_test_message ("in round %u: %u blocks, %u spans", round, blocks->len, spans->len);
    }

  g_test_message ("%u spans laid out in %u pieces", n_spans, n_pieces);
  g_assert_cmpuint (n_spans, >=, 10000);
}

/* -- what the writer must keep ------------------------------------------- */

static gboolean
is_xml_char (gunichar c)
{
  return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xd7ff) ||
         (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/* @text as the export must give it back: XML 1.0 cannot hold C0 controls
 * (but tab, line feed, carriage return), U+FFFE or U+FFFF, which the writer
 * documents it writes as U+FFFD; every other character, astral planes and
 * right-to-left scripts included, must come back as it was. */
static char *
xml_expected (const char *text)
{
  GString *expected;

  if (text == NULL)
    return NULL;

  expected = g_string_new ("");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (expected, is_xml_char (c) ? c : 0xfffd);
    }

  return g_string_free (expected, FALSE);
}

/* The first place two long texts differ, with some context: a failure
 * message that shows a whole document would hide the difference. */
static void
assert_same_text (const char *actual,
                  const char *expected,
                  const char *what)
{
  gsize i = 0;
  g_autofree char *actual_context = NULL;
  g_autofree char *expected_context = NULL;

  if (g_strcmp0 (actual, expected) == 0)
    return;

  while (actual[i] != '\0' && actual[i] == expected[i])
    i++;
  while (i > 0 && (((guchar) expected[i]) & 0xc0) == 0x80)
    i--;

  actual_context = g_strndup (actual + i, 40);
  expected_context = g_strndup (expected + i, 40);
  g_test_message ("%s differs at code point %ld", what, g_utf8_pointer_to_offset (expected, expected + i));
  g_assert_cmpstr (actual_context, ==, expected_context);
}

/* -- reading an export back ------------------------------------------------- */

static char *
from_xml (xmlChar *value)
{
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
is_tei (const xmlNode *node,
        const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, TEI_NS) == 0 &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

static xmlNode *
child_element (const xmlNode *parent,
               const char    *name)
{
  for (xmlNode *child = parent != NULL ? parent->children : NULL; child != NULL; child = child->next)
    if (is_tei (child, name))
      return child;

  return NULL;
}

/* "xml:id" is in the XML namespace; every other attribute here in none. */
static char *
attribute_of (xmlNode    *node,
              const char *name)
{
  if (g_str_equal (name, "xml:id"))
    return from_xml (xmlGetNsProp (node, BAD_CAST "id", XML_XML_NAMESPACE));

  return from_xml (xmlGetNoNsProp (node, BAD_CAST name));
}

static char *
text_of (xmlNode *node)
{
  return from_xml (xmlNodeGetContent (node));
}

typedef void (*VisitFunc) (xmlNode  *element,
                           gpointer  data);

static void
visit_elements (xmlNode   *node,
                VisitFunc  visit,
                gpointer   data)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      {
        visit (node, data);
        visit_elements (node->children, visit, data);
      }
}

static void
collect_id_cb (xmlNode  *element,
               gpointer  data)
{
  GHashTable *ids = data;
  g_autofree char *id = attribute_of (element, "xml:id");

  if (id == NULL)
    return;
  if (g_hash_table_contains (ids, id))
    report_problem ("xml:id=\"%s\" is used twice", id);
  g_hash_table_insert (ids, g_steal_pointer (&id), element);
}

/* The Schematron rules of TEI that jing does not run, as they matter here. */
static void
check_pointers_cb (xmlNode  *element,
                   gpointer  data)
{
  static const char * const pointing[] = { "ref", "target", "who", "next", "prev", "ana", "resp" };
  GHashTable *ids = data;

  for (guint i = 0; i < G_N_ELEMENTS (pointing); i++)
    {
      g_autofree char *value = attribute_of (element, pointing[i]);
      g_auto(GStrv) tokens = value != NULL ? g_strsplit_set (value, " \t\r\n", -1) : NULL;

      for (guint k = 0; tokens != NULL && tokens[k] != NULL; k++)
        if (tokens[k][0] == '#' && !g_hash_table_contains (ids, tokens[k] + 1))
          report_problem ("<%s %s=\"%s\"> points to no xml:id in the file",
                          (const char *) element->name, pointing[i], value);
    }

  if (is_tei (element, "ptr") && !xmlHasProp (element, BAD_CAST "target"))
    report_problem ("<ptr> without @target");
  if (is_tei (element, "standOff") && child_element (element, NULL) == NULL)
    report_problem ("empty <standOff>");
}

/* Every xml:id of the file, each once; every pointer resolves. */
static GHashTable *
check_rules (xmlNode *root)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  visit_elements (root, collect_id_cb, ids);
  visit_elements (root, check_pointers_cb, ids);
  return ids;
}

typedef struct
{
  xmlNode *element;
  gint64   start;
  gint64   end;
} ReadPiece;

/* The body read back: its text as the store keeps it (the blocks' texts
 * joined with "\n"), and where each annotation element starts and ends. */
typedef struct
{
  GString *text;
  gint64   length;     /* of text, in code points */
  guint    n_blocks;
  GArray  *pieces;     /* ReadPiece, in the order of their start tags */
} Reading;

static void
reading_clear (Reading *reading)
{
  if (reading->text != NULL)
    g_string_free (reading->text, TRUE);
  g_clear_pointer (&reading->pieces, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

static const char * const annotation_elements[] = { "persName", "placeName", "orgName", "date", "said", NULL };

static void
read_inline (Reading *reading,
             xmlNode *parent)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          g_string_append (reading->text, (const char *) node->content);
          reading->length += g_utf8_strlen ((const char *) node->content, -1);
        }
      else if (is_tei (node, NULL) && g_strv_contains (annotation_elements, (const char *) node->name))
        {
          ReadPiece piece = { node, reading->length, 0 };
          guint i = reading->pieces->len;

          g_array_append_val (reading->pieces, piece);
          read_inline (reading, node);
          g_array_index (reading->pieces, ReadPiece, i).end = reading->length;
        }
      else if (node->type == XML_ELEMENT_NODE)
        report_problem ("unexpected <%s> inside a block", (const char *) node->name);
    }
}

/* div and list hold blocks; head, p and item are blocks. White space between
 * them lays the file out for people and is not text. */
static void
read_structure (Reading *reading,
                xmlNode *parent)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE && !xmlIsBlankNode (node))
        report_problem ("text “%s” between blocks", (const char *) node->content);
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (is_tei (node, "head") || is_tei (node, "p") || is_tei (node, "item"))
        {
          if (reading->n_blocks++ > 0)
            {
              g_string_append_c (reading->text, '\n');
              reading->length++;
            }
          read_inline (reading, node);
        }
      else if (is_tei (node, "div") || is_tei (node, "list"))
        read_structure (reading, node);
      else
        report_problem ("unexpected <%s> in the body", (const char *) node->name);
    }
}

/* What one annotation says, as strings: the same from the store and from
 * the file, so that the two can be compared as multisets. */
enum
{
  FIELD_ELEMENT,
  FIELD_REF,          /* the inline attributes, on every piece */
  FIELD_WHO,
  FIELD_WHEN,
  FIELD_NOT_BEFORE,
  FIELD_NOT_AFTER,
  FIELD_CERT,
  FIELD_START,        /* the span, joined through @next */
  FIELD_END,
  FIELD_STANCE,       /* from the stand-off annotation */
  FIELD_CERTAINTY,
  FIELD_SPEAKER,
  FIELD_REPORTER,
  FIELD_ABOUT,
  N_STRUCTURE_FIELDS,
  FIELD_PARAPHRASE = N_STRUCTURE_FIELDS,   /* free text, compared last */
  FIELD_COMMENT,
  N_FIELDS
};

static const char * const inline_attributes[] = {
  [FIELD_REF] = "ref",
  [FIELD_WHO] = "who",
  [FIELD_WHEN] = "when",
  [FIELD_NOT_BEFORE] = "notBefore",
  [FIELD_NOT_AFTER] = "notAfter",
  [FIELD_CERT] = "cert",
};

typedef struct
{
  GPtrArray *structure;   /* kind, span, entities, stance, certainty */
  GPtrArray *content;     /* the same with notes and paraphrases */
} Keys;

static void
keys_init (Keys *keys)
{
  keys->structure = g_ptr_array_new_with_free_func (g_free);
  keys->content = g_ptr_array_new_with_free_func (g_free);
}

static void
keys_clear (Keys *keys)
{
  g_clear_pointer (&keys->structure, g_ptr_array_unref);
  g_clear_pointer (&keys->content, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Keys, keys_clear)

static char *
join_fields (char **fields,
             guint  n)
{
  GString *key = g_string_new ("");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s%s", i > 0 ? SEP : "", fields[i] != NULL ? fields[i] : "");

  return g_string_free (key, FALSE);
}

static void
clear_fields (char **fields)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&fields[i], g_free);
}

/* Adds one annotation's keys and frees its fields. */
static void
keys_take (Keys  *keys,
           char **fields)
{
  g_ptr_array_add (keys->structure, join_fields (fields, N_STRUCTURE_FIELDS));
  g_ptr_array_add (keys->content, join_fields (fields, N_FIELDS));
  clear_fields (fields);
}

static char *
readable_key (const char *key)
{
  g_auto(GStrv) fields = g_strsplit (key, SEP, -1);

  return g_strjoinv (" | ", fields);
}

/* The same keys, each as many times: says which are missing and which are extra. */
static void
assert_same_keys (GPtrArray  *actual,
                  GPtrArray  *expected,
                  const char *what)
{
  g_autoptr(GString) diff = g_string_new ("");
  guint a = 0, e = 0, n_missing = 0, n_extra = 0;

  g_ptr_array_sort (actual, compare_strings);
  g_ptr_array_sort (expected, compare_strings);

  while (a < actual->len || e < expected->len)
    {
      int order = a == actual->len ? 1 : e == expected->len ? -1
                  : strcmp (actual->pdata[a], expected->pdata[e]);
      const char *key = order < 0 ? actual->pdata[a] : expected->pdata[e];
      g_autofree char *readable = NULL;

      if (order == 0)
        {
          a++, e++;
          continue;
        }

      if ((order < 0 ? n_extra : n_missing) < 3)
        {
          readable = readable_key (key);
          g_string_append_printf (diff, "%s [%s]; ", order < 0 ? "unexpected" : "missing", readable);
        }
      if (order < 0)
        a++, n_extra++;
      else
        e++, n_missing++;
    }

  if (diff->len > 0)
    g_test_message ("%s: %u missing, %u unexpected of %u", what, n_missing, n_extra, expected->len);
  g_assert_cmpstr (diff->str, ==, "");
}

/* Fills the fields every piece of a span repeats; returns them joined. */
static char *
read_inline_fields (xmlNode  *element,
                    char    **fields)
{
  fields[FIELD_ELEMENT] = g_strdup ((const char *) element->name);
  for (guint f = FIELD_REF; f <= FIELD_CERT; f++)
    fields[f] = attribute_of (element, inline_attributes[f]);

  return join_fields (fields, FIELD_START);
}

/* The stand-off half of an annotation: a claim's stance, certainty, people
 * and texts, or a mention's note. */
static void
read_stand_off (xmlNode    *annotation,
                GHashTable *ids,
                char      **fields)
{
  g_autofree char *ana = attribute_of (annotation, "ana");
  g_autoptr(GString) about = g_string_new ("");

  if (ana != NULL)
    {
      xmlNode *interp = ana[0] == '#' ? g_hash_table_lookup (ids, ana + 1) : NULL;

      fields[FIELD_STANCE] = interp != NULL ? text_of (interp) : g_strdup (ana);
    }
  fields[FIELD_CERTAINTY] = attribute_of (annotation, "cert");

  for (xmlNode *child = annotation->children; child != NULL; child = child->next)
    {
      g_autofree char *type = is_tei (child, NULL) ? attribute_of (child, "type") : NULL;
      gboolean is_ptr = is_tei (child, "ptr");
      int field;

      if (is_tei (child, "note"))
        field = g_strcmp0 (type, "paraphrase") == 0 ? FIELD_PARAPHRASE : FIELD_COMMENT;
      else if (is_ptr && g_strcmp0 (type, "speaker") == 0)
        field = FIELD_SPEAKER;
      else if (is_ptr && g_strcmp0 (type, "reporter") == 0)
        field = FIELD_REPORTER;
      else if (is_ptr && g_strcmp0 (type, "about") == 0)
        {
          g_autofree char *target = attribute_of (child, "target");

          g_string_append_printf (about, "%s%s", about->len > 0 ? " " : "", target);
          continue;
        }
      else
        {
          if (is_tei (child, NULL))
            report_problem ("unexpected <%s type=\"%s\"> in an annotation", (const char *) child->name, type);
          continue;
        }

      g_free (fields[field]);
      fields[field] = is_ptr ? attribute_of (child, "target") : text_of (child);
    }

  if (about->len > 0)
    fields[FIELD_ABOUT] = g_strdup (about->str);
}

/* Joins pieces through @next into spans, finds each span's stand-off
 * annotation, and adds one key a span. */
static void
read_annotations (Reading    *reading,
                  xmlNode    *tei,
                  GHashTable *ids,
                  Keys       *keys)
{
  g_autoptr(GHashTable) piece_of = g_hash_table_new (NULL, NULL);        /* element → index + 1 */
  g_autoptr(GHashTable) annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *list = child_element (child_element (tei, "standOff"), "listAnnotation");
  guint reached = 0, used = 0;
  gboolean broken = FALSE;   /* a broken chain: counting what it reached says nothing more */

  for (guint i = 0; i < reading->pieces->len; i++)
    g_hash_table_insert (piece_of, g_array_index (reading->pieces, ReadPiece, i).element, GUINT_TO_POINTER (i + 1));

  /* Each annotation by the first piece it points to. */
  for (xmlNode *node = list != NULL ? list->children : NULL; node != NULL; node = node->next)
    if (is_tei (node, "annotation"))
      {
        g_autofree char *target = attribute_of (node, "target");
        g_auto(GStrv) tokens = g_strsplit (target != NULL ? target : "", " ", 2);

        if (tokens[0] == NULL || tokens[0][0] != '#')
          report_problem ("<annotation target=\"%s\"> points to no piece", target);
        else
          g_hash_table_insert (annotations, g_strdup (tokens[0] + 1), node);
      }

  for (guint i = 0; i < reading->pieces->len; i++)
    {
      const ReadPiece *first = &g_array_index (reading->pieces, ReadPiece, i);
      const ReadPiece *piece = first;
      g_autofree char *prev = attribute_of (first->element, "prev");
      g_autofree char *first_id = attribute_of (first->element, "xml:id");
      g_autofree char *inline_key = NULL;
      g_autoptr(GString) targets = g_string_new ("");
      char *fields[N_FIELDS] = { NULL };
      xmlNode *annotation;
      gint64 end = first->end;

      if (prev != NULL)
        continue;

      inline_key = read_inline_fields (first->element, fields);
      g_string_append_printf (targets, "#%s", first_id);
      reached++;

      /* Follow @next; each piece must point back with @prev and say the same. */
      for (guint steps = 0; steps < reading->pieces->len && !broken; steps++)
        {
          g_autofree char *next = attribute_of (piece->element, "next");
          g_autofree char *id = attribute_of (piece->element, "xml:id");
          g_autofree char *back = NULL;
          g_autofree char *expected_back = NULL;
          char *follower_fields[N_FIELDS] = { NULL };
          g_autofree char *follower_key = NULL;
          xmlNode *element = next != NULL && next[0] == '#' ? g_hash_table_lookup (ids, next + 1) : NULL;
          guint index = GPOINTER_TO_UINT (g_hash_table_lookup (piece_of, element));
          const ReadPiece *follower;

          if (next == NULL)
            break;
          if (index == 0)
            {
              report_problem ("next=\"%s\" points to no piece of the body", next);
              broken = TRUE;
              break;
            }

          follower = &g_array_index (reading->pieces, ReadPiece, index - 1);
          back = attribute_of (follower->element, "prev");
          expected_back = g_strconcat ("#", id, NULL);
          follower_key = read_inline_fields (follower->element, follower_fields);
          clear_fields (follower_fields);

          g_assert_cmpstr (back, ==, expected_back);
          g_assert_cmpstr (follower_key, ==, inline_key);
          broken |= g_strcmp0 (back, expected_back) != 0;
          if (follower->start < end)
            report_problem ("piece %s starts at %" G_GINT64_FORMAT ", before the piece it follows ends (%"
                            G_GINT64_FORMAT ")", next, follower->start, end);
          end = follower->end;
          g_string_append_printf (targets, " %s", next);
          piece = follower;
          reached++;
        }

      fields[FIELD_START] = g_strdup_printf ("%" G_GINT64_FORMAT, first->start);
      fields[FIELD_END] = g_strdup_printf ("%" G_GINT64_FORMAT, end);

      annotation = first_id != NULL ? g_hash_table_lookup (annotations, first_id) : NULL;
      if (annotation != NULL)
        {
          g_autofree char *target = attribute_of (annotation, "target");

          g_assert_cmpstr (target, ==, targets->str);
          read_stand_off (annotation, ids, fields);
          used++;
        }
      else if (g_str_equal (fields[FIELD_ELEMENT], "said"))
        report_problem ("<said xml:id=\"%s\"> has no stand-off annotation", first_id);

      keys_take (keys, fields);
    }

  /* Every piece in one chain, every annotation about one span. */
  if (!broken)
    {
      g_assert_cmpuint (reached, ==, reading->pieces->len);
      g_assert_cmpuint (used, ==, g_hash_table_size (annotations));
    }
}

/* -- what the store holds ----------------------------------------------- */

typedef struct
{
  GPtrArray  *entities;    /* SiglaEntity, in sigla_entity_list() order */
  GHashTable *by_id;       /* gint64 id → SiglaEntity */
  GHashTable *by_xml_id;   /* xml:id → SiglaEntity */
} Registry;

static void
registry_clear (Registry *registry)
{
  g_clear_pointer (&registry->by_id, g_hash_table_unref);
  g_clear_pointer (&registry->by_xml_id, g_hash_table_unref);
  g_clear_pointer (&registry->entities, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Registry, registry_clear)

static void
registry_load (Registry     *registry,
               SiglaProject *project)
{
  g_autoptr(GError) error = NULL;

  registry->entities = sigla_entity_list (project, &error);
  g_assert_no_error (error);
  registry->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  registry->by_xml_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < registry->entities->len; i++)
    {
      SiglaEntity *entity = registry->entities->pdata[i];

      g_hash_table_insert (registry->by_id, &entity->id, entity);
      g_hash_table_insert (registry->by_xml_id, entity->xml_id, entity);
    }
}

/* "#joseph-stalin", or NULL for no entity; notes @used. */
static char *
entity_ref (Registry   *registry,
            gint64      id,
            GHashTable *used)
{
  SiglaEntity *entity = id != 0 ? g_hash_table_lookup (registry->by_id, &id) : NULL;

  if (entity == NULL)
    return NULL;
  g_hash_table_add (used, entity->xml_id);
  return g_strconcat ("#", entity->xml_id, NULL);
}

/* Where the export puts [start, end): the part of it in the blocks' text,
 * or, when it covers none (only the line break between two blocks), an
 * empty span where the next block begins. */
static void
clip_to_blocks (GArray *blocks,
                gint64 *start,
                gint64 *end)
{
  gint64 first = -1, last = -1;

  for (guint b = 0; b < blocks->len; b++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, b);

      if (MAX (*start, block->start) < MIN (*end, block->end))
        {
          if (first < 0)
            first = MAX (*start, block->start);
          last = MIN (*end, block->end);
        }
      else if (first < 0 && block->start >= *start)
        {
          first = last = block->start;
          break;
        }
    }

  if (first < 0 && blocks->len > 0)
    first = last = g_array_index (blocks, SiglaBlock, blocks->len - 1).end;
  *start = first;
  *end = last;
}

static const char *
element_of_kind (SiglaKind kind)
{
  static const char * const names[] = {
    [SIGLA_KIND_PERSON] = "persName",
    [SIGLA_KIND_PLACE] = "placeName",
    [SIGLA_KIND_ORG] = "orgName",
    [SIGLA_KIND_DATE] = "date",
  };

  return names[kind];
}

/* The keys of the document's mentions and claims, as the store holds them;
 * @used receives the xml:ids of the entities they point to. */
static void
expect_annotations (SiglaProject *project,
                    gint64        document_id,
                    GArray       *blocks,
                    Registry     *registry,
                    Keys         *keys,
                    GHashTable   *used)
{
  g_autoptr(GPtrArray) mentions = sigla_mention_list (project, document_id, NULL);
  g_autoptr(GPtrArray) claims = sigla_claim_list (project, document_id, NULL);

  g_assert_nonnull (mentions);
  g_assert_nonnull (claims);
  if (mentions == NULL || claims == NULL)
    return;

  for (guint i = 0; i < mentions->len; i++)
    {
      const SiglaMention *mention = mentions->pdata[i];
      char *fields[N_FIELDS] = { NULL };
      gint64 start = mention->start, end = mention->end;

      clip_to_blocks (blocks, &start, &end);
      fields[FIELD_ELEMENT] = g_strdup (element_of_kind (mention->kind));
      fields[FIELD_REF] = entity_ref (registry, mention->entity_id, used);
      fields[FIELD_WHEN] = g_strdup (mention->when);
      fields[FIELD_NOT_BEFORE] = g_strdup (mention->not_before);
      fields[FIELD_NOT_AFTER] = g_strdup (mention->not_after);
      fields[FIELD_CERT] = g_strdup (mention->cert);
      fields[FIELD_START] = g_strdup_printf ("%" G_GINT64_FORMAT, start);
      fields[FIELD_END] = g_strdup_printf ("%" G_GINT64_FORMAT, end);
      fields[FIELD_COMMENT] = xml_expected (mention->note);
      keys_take (keys, fields);
    }

  for (guint i = 0; i < claims->len; i++)
    {
      const SiglaClaim *claim = claims->pdata[i];
      char *fields[N_FIELDS] = { NULL };
      g_autoptr(GString) about = g_string_new ("");
      gint64 start = claim->start, end = claim->end;

      for (guint k = 0; k < claim->about->len; k++)
        {
          g_autofree char *ref = entity_ref (registry, g_array_index (claim->about, gint64, k), used);

          if (ref != NULL)
            g_string_append_printf (about, "%s%s", about->len > 0 ? " " : "", ref);
        }

      clip_to_blocks (blocks, &start, &end);
      fields[FIELD_ELEMENT] = g_strdup ("said");
      fields[FIELD_WHO] = entity_ref (registry, claim->speaker_id, used);
      fields[FIELD_START] = g_strdup_printf ("%" G_GINT64_FORMAT, start);
      fields[FIELD_END] = g_strdup_printf ("%" G_GINT64_FORMAT, end);
      fields[FIELD_STANCE] = g_strdup (claim->stance);
      fields[FIELD_CERTAINTY] = g_strdup (claim->certainty);
      fields[FIELD_SPEAKER] = entity_ref (registry, claim->speaker_id, used);
      fields[FIELD_REPORTER] = entity_ref (registry, claim->reporter_id, used);
      fields[FIELD_ABOUT] = about->len > 0 ? g_strdup (about->str) : NULL;
      fields[FIELD_PARAPHRASE] = xml_expected (claim->paraphrase);
      fields[FIELD_COMMENT] = xml_expected (claim->note);
      keys_take (keys, fields);
    }
}

/* An entity as one line: its names, place, links and notes. */
static void
append_part (GString    *line,
             const char *label,
             const char *value)
{
  if (value != NULL)
    g_string_append_printf (line, "%s%s=%s", line->len > 0 ? SEP : "", label, value);
}

static char *
format_geo (double lat,
            double lon)
{
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE], lon_text[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s %s", g_ascii_formatd (lat_text, sizeof lat_text, "%.17g", lat),
                          g_ascii_formatd (lon_text, sizeof lon_text, "%.17g", lon));
}

static char *
describe_entity (const SiglaEntity *entity)
{
  static const char * const elements[] = {
    [SIGLA_KIND_PERSON] = "person",
    [SIGLA_KIND_PLACE] = "place",
    [SIGLA_KIND_ORG] = "org",
  };
  GString *line = g_string_new ("");
  g_autofree char *label = xml_expected (entity->label);
  g_autofree char *description = xml_expected (entity->description);
  g_autofree char *note = xml_expected (entity->note);

  append_part (line, "element", elements[entity->kind]);
  append_part (line, "main", label);
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];
      g_autofree char *name = xml_expected (alias->name);

      append_part (line, alias->type, name);
    }
  if (entity->has_geo)
    {
      g_autofree char *geo = format_geo (entity->lat, entity->lon);

      append_part (line, "geo", geo);
    }
  for (guint i = 0; i < entity->authorities->len; i++)
    append_part (line, "idno", entity->authorities->pdata[i]);
  append_part (line, "description", description);
  append_part (line, "note", note);

  return g_string_free (line, FALSE);
}

/* The same line read from a <person>, <place> or <org>. */
static char *
read_entity (xmlNode *element)
{
  GString *line = g_string_new ("");

  append_part (line, "element", (const char *) element->name);
  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      g_autofree char *type = attribute_of (child, "type");
      g_autofree char *content = is_tei (child, NULL) ? text_of (child) : NULL;

      if (is_tei (child, "persName") || is_tei (child, "placeName") || is_tei (child, "orgName"))
        append_part (line, type != NULL ? type : "untyped", content);
      else if (is_tei (child, "location"))
        {
          g_auto(GStrv) numbers = g_strsplit (g_strstrip (content), " ", -1);
          g_autofree char *geo = NULL;

          g_assert_cmpuint (g_strv_length (numbers), ==, 2);
          if (g_strv_length (numbers) == 2)
            geo = format_geo (g_ascii_strtod (numbers[0], NULL), g_ascii_strtod (numbers[1], NULL));
          append_part (line, "geo", geo);
        }
      else if (is_tei (child, "idno"))
        append_part (line, "idno", content);
      else if (is_tei (child, "note"))
        append_part (line, g_strcmp0 (type, "description") == 0 ? "description" : "note", content);
      else if (is_tei (child, NULL))
        report_problem ("unexpected <%s> in <%s>", (const char *) child->name, (const char *) element->name);
    }

  return g_string_free (line, FALSE);
}

/* The registry in @stand_off holds each of @expected (every entity when
 * NULL) once, with all it knows of them. */
static void
check_registry (xmlNode    *stand_off,
                Registry   *registry,
                GHashTable *expected)
{
  guint n = 0;

  for (xmlNode *list = stand_off != NULL ? stand_off->children : NULL; list != NULL; list = list->next)
    {
      if (!is_tei (list, "listPerson") && !is_tei (list, "listPlace") && !is_tei (list, "listOrg"))
        continue;

      for (xmlNode *element = list->children; element != NULL; element = element->next)
        {
          g_autofree char *id = NULL;
          g_autofree char *read = NULL;
          g_autofree char *wanted = NULL;
          SiglaEntity *entity;

          if (!is_tei (element, NULL))
            continue;

          id = attribute_of (element, "xml:id");
          entity = id != NULL ? g_hash_table_lookup (registry->by_xml_id, id) : NULL;
          if (entity == NULL || (expected != NULL && !g_hash_table_contains (expected, id)))
            {
              report_problem ("<%s xml:id=\"%s\"> is not an entity the file should list",
                              (const char *) element->name, id);
              continue;
            }

          read = read_entity (element);
          wanted = describe_entity (entity);
          g_assert_cmpstr (read, ==, wanted);
          n++;
        }
    }

  g_assert_cmpuint (n, ==, expected != NULL ? g_hash_table_size (expected) : registry->entities->len);
}

/* One <TEI> against the document it was written from. */
static void
check_tei (xmlNode      *tei,
           SiglaProject *project,
           gint64        document_id,
           Registry     *registry,
           GHashTable   *ids,
           gboolean      own_registry)
{
  g_autoptr(SiglaDocument) document = sigla_document_get (project, document_id, NULL);
  g_autoptr(GArray) blocks = sigla_document_get_blocks (project, document_id, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *expected_text = NULL;
  g_auto(Reading) reading = { g_string_new (""), 0, 0, g_array_new (FALSE, FALSE, sizeof (ReadPiece)) };
  g_auto(Keys) expected = { NULL, NULL };
  g_auto(Keys) actual = { NULL, NULL };
  xmlNode *body = child_element (child_element (tei, "text"), "body");

  g_assert_nonnull (document);
  g_assert_nonnull (blocks);
  g_assert_nonnull (body);
  if (body == NULL || document == NULL || blocks == NULL)
    return;

  keys_init (&expected);
  keys_init (&actual);
  read_structure (&reading, body);
  expect_annotations (project, document_id, blocks, registry, &expected, used);
  read_annotations (&reading, tei, ids, &actual);

  /* Where and what first, then the free texts, so that a failure says which. */
  assert_same_keys (actual.structure, expected.structure, document->title);
  assert_same_keys (actual.content, expected.content, document->title);

  expected_text = xml_expected (document->text);
  assert_same_text (reading.text->str, expected_text, document->title);
  g_assert_cmpuint (reading.n_blocks, ==, MAX (blocks->len, 1));

  if (own_registry)
    check_registry (child_element (tei, "standOff"), registry, used);
}

/* Parses an export (no network), checks the rules jing does not, and reads
 * every annotation and entity back against the store. @document_id is 0 for
 * a corpus. */
static void
check_export (SiglaProject *project,
              const char   *path,
              gint64        document_id)
{
  g_autoptr(xmlDoc) doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_autoptr(GHashTable) ids = NULL;
  g_auto(Registry) registry = { NULL, NULL, NULL };
  xmlNode *root;

  g_assert_nonnull (doc);
  if (doc == NULL)
    {
      g_test_message ("%s is not well formed", path);
      return;
    }

  root = xmlDocGetRootElement (doc);
  ids = check_rules (root);
  registry_load (&registry, project);

  if (document_id != 0)
    {
      g_assert_true (is_tei (root, "TEI"));
      check_tei (root, project, document_id, &registry, ids, TRUE);
    }
  else
    {
      g_autoptr(GPtrArray) documents = sigla_document_list (project, NULL);
      guint n = 0;

      g_assert_true (is_tei (root, "teiCorpus"));
      check_registry (child_element (root, "standOff"), &registry, NULL);
      for (xmlNode *tei = root->children; tei != NULL; tei = tei->next)
        if (is_tei (tei, "TEI") && n < documents->len)
          check_tei (tei, project, ((SiglaDocument *) documents->pdata[n++])->id, &registry, ids, FALSE);
      g_assert_cmpuint (n, ==, documents->len);
    }
}

/* All the files in one run of jing: starting Java costs a second. */
static void
assert_valid_tei (GPtrArray *paths)
{
  const char *schema = g_getenv ("SIGLA_TEI_SCHEMA");
  g_autofree char *jing = g_find_program_in_path ("jing");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) problems = g_string_new ("");
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  g_assert_nonnull (schema);
  if (schema == NULL)
    return;
  if (jing == NULL)
    {
      g_test_skip ("jing is not installed: the files were not validated");
      return;
    }

  g_ptr_array_add (argv, jing);
  g_ptr_array_add (argv, (gpointer) schema);
  g_ptr_array_extend (argv, paths, NULL, NULL);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);

  /* jing warns on stderr that it cannot find some Java classes: harmless. */
  output = g_strconcat (out, err, NULL);
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "[warning]"))
      g_string_append_printf (problems, "%s\n", lines[i]);

  g_test_message ("jing validated %u files", paths->len);
  g_assert_cmpstr (problems->str, ==, "");
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* -- a project of the five seeds, annotated by hand -------------------------- */

typedef struct
{
  char         *dir;
  SiglaProject *project;
  GArray       *documents;   /* gint64 ids, seeds 000 … 004 */
  GPtrArray    *texts;       /* their reading texts */
} Fixture;

typedef struct
{
  const char *from;         /* the claim runs from the start of these words … */
  const char *to;           /* … to the end of these, in the same document */
  gint64      speaker;
  gint64      reporter;
  const char *stance;
  const char *certainty;
  const char *paraphrase;
  const char *note;
  gint64      about[3];     /* 0 ends the list */
} ClaimSpec;

static gint64
insert_entity (SiglaProject *project,
               SiglaEntity  *entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_entity_insert (project, entity, &error));
  g_assert_no_error (error);
  return entity->id;
}

static gint64
add_entity (SiglaProject *project,
            SiglaKind     kind,
            const char   *label,
            const char   *alias,
            const char   *alias_type,
            const char   *authority)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, label);

  if (alias != NULL)
    sigla_entity_add_alias (entity, alias, alias_type);
  if (authority != NULL)
    g_ptr_array_add (entity->authorities, g_strdup (authority));
  return insert_entity (project, entity);
}

static gint64
insert_mention (SiglaProject *project,
                SiglaMention *mention)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sigla_mention_insert (project, mention, &error));
  g_assert_no_error (error);
  return mention->id;
}

/* Every occurrence of @words in every document, as a mention like @model. */
static guint
tag_words (Fixture            *fixture,
           const char         *words,
           const SiglaMention *model)
{
  guint n = 0;

  for (guint d = 0; d < fixture->documents->len; d++)
    {
      const char *text = fixture->texts->pdata[d];

      for (const char *found = strstr (text, words); found != NULL; found = strstr (found + 1, words))
        {
          g_autoptr(SiglaMention) mention = sigla_mention_new ();

          mention->document_id = g_array_index (fixture->documents, gint64, d);
          mention->kind = model->kind;
          mention->entity_id = model->entity_id;
          mention->when = g_strdup (model->when);
          mention->not_before = g_strdup (model->not_before);
          mention->not_after = g_strdup (model->not_after);
          mention->cert = g_strdup (model->cert);
          mention->note = g_strdup (model->note);
          mention->start = g_utf8_pointer_to_offset (text, found);
          mention->end = mention->start + g_utf8_strlen (words, -1);
          insert_mention (fixture->project, mention);
          n++;
        }
    }

  g_assert_cmpuint (n, >, 0);
  return n;
}

static void
tag_entity (Fixture    *fixture,
            const char *words,
            SiglaKind   kind,
            gint64      entity_id)
{
  SiglaMention model = { .kind = kind, .entity_id = entity_id };

  tag_words (fixture, words, &model);
}

static void
tag_date (Fixture    *fixture,
          const char *words,
          const char *when,
          const char *not_before,
          const char *not_after)
{
  SiglaMention model = {
    .kind = SIGLA_KIND_DATE,
    .when = (char *) when,
    .not_before = (char *) not_before,
    .not_after = (char *) not_after,
  };

  tag_words (fixture, words, &model);
}

static gint64
add_claim (Fixture         *fixture,
           const ClaimSpec *spec)
{
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GError) error = NULL;

  for (guint d = 0; d < fixture->documents->len && claim->document_id == 0; d++)
    {
      const char *text = fixture->texts->pdata[d];
      const char *from = strstr (text, spec->from);
      const char *to = from != NULL ? strstr (from, spec->to) : NULL;

      if (to == NULL)
        continue;
      claim->document_id = g_array_index (fixture->documents, gint64, d);
      claim->start = g_utf8_pointer_to_offset (text, from);
      claim->end = g_utf8_pointer_to_offset (text, to) + g_utf8_strlen (spec->to, -1);
    }
  g_assert_cmpint (claim->document_id, !=, 0);

  claim->speaker_id = spec->speaker;
  claim->reporter_id = spec->reporter;
  claim->stance = g_strdup (spec->stance);
  claim->certainty = g_strdup (spec->certainty);
  claim->paraphrase = g_strdup (spec->paraphrase);
  claim->note = g_strdup (spec->note);
  for (guint k = 0; k < G_N_ELEMENTS (spec->about) && spec->about[k] != 0; k++)
    g_array_append_val (claim->about, spec->about[k]);

  g_assert_true (sigla_claim_insert (fixture->project, claim, &error));
  g_assert_no_error (error);
  return claim->id;
}

/* People with pseudonyms, places with coordinates and variants,
 * organisations, authority links; mentions and dates; claims that overlap
 * without nesting and cross paragraphs; a person deleted, detaching his
 * mentions and his claim. */
static void
annotate_seeds (Fixture *fixture)
{
  SiglaProject *project = fixture->project;
  g_autoptr(SiglaEntity) stalin_entity = sigla_entity_new (SIGLA_KIND_PERSON, "Joseph Stalin");
  g_autoptr(SiglaEntity) kaesong_entity = sigla_entity_new (SIGLA_KIND_PLACE, "Kaesong");
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  gint64 stalin, mao, kim, peng, li, joy, gao, ridgway, krasovsky;
  gint64 kaesong, wonsan, beijing, parallel, moscow, korea;
  gint64 kpa, volunteers, red_cross;
  guint n_detached = 0;

  sigla_entity_add_alias (stalin_entity, "Filippov", "pseudonym");
  sigla_entity_add_alias (stalin_entity, "I. V. Stalin", "variant");
  g_ptr_array_add (stalin_entity->authorities, g_strdup ("http://www.wikidata.org/entity/Q855"));
  g_ptr_array_add (stalin_entity->authorities, g_strdup ("https://viaf.org/viaf/101787139"));
  stalin_entity->description = g_strdup ("General Secretary of the CPSU");
  stalin_entity->note = g_strdup ("Signs as “Filippov” in cables; 'quotes' & <angles>");
  stalin = insert_entity (project, stalin_entity);

  kaesong_entity->has_geo = TRUE;
  kaesong_entity->lat = 37.97;
  kaesong_entity->lon = 126.55;
  sigla_entity_add_alias (kaesong_entity, "Gaeseong", "variant");
  sigla_entity_add_alias (kaesong_entity, "Gaesong", "variant");
  g_ptr_array_add (kaesong_entity->authorities, g_strdup ("https://www.geonames.org/1840886"));
  kaesong = insert_entity (project, kaesong_entity);

  mao = add_entity (project, SIGLA_KIND_PERSON, "Mao Zedong", "Mao Tse-tung", "transliteration",
                    "http://www.wikidata.org/entity/Q5816");
  kim = add_entity (project, SIGLA_KIND_PERSON, "Kim Il Sung", NULL, NULL, "http://www.wikidata.org/entity/Q39464");
  peng = add_entity (project, SIGLA_KIND_PERSON, "Peng Dehuai", NULL, NULL, NULL);
  li = add_entity (project, SIGLA_KIND_PERSON, "Li Kenong", NULL, NULL, NULL);
  joy = add_entity (project, SIGLA_KIND_PERSON, "C. Turner Joy", "Joy", "variant", NULL);
  gao = add_entity (project, SIGLA_KIND_PERSON, "Gao Gang", NULL, NULL, NULL);
  ridgway = add_entity (project, SIGLA_KIND_PERSON, "Matthew Ridgway", "RIDGWAY", "variant", NULL);
  krasovsky = add_entity (project, SIGLA_KIND_PERSON, "Krasovsky", "Stalin's cover name", "pseudonym", NULL);
  wonsan = add_entity (project, SIGLA_KIND_PLACE, "Wonsan", NULL, NULL, NULL);
  beijing = add_entity (project, SIGLA_KIND_PLACE, "Beijing", "BEIJING", "variant", NULL);
  parallel = add_entity (project, SIGLA_KIND_PLACE, "38th parallel", NULL, NULL, NULL);
  moscow = add_entity (project, SIGLA_KIND_PLACE, "Moscow", NULL, NULL, "https://www.geonames.org/524901");
  korea = add_entity (project, SIGLA_KIND_PLACE, "Korea", NULL, NULL, NULL);
  kpa = add_entity (project, SIGLA_KIND_ORG, "Korean People's Army", "KPA", "abbreviation",
                    "http://www.wikidata.org/entity/Q862446");
  volunteers = add_entity (project, SIGLA_KIND_ORG, "Chinese People's Volunteers", "Chinese volunteer units",
                           "variant", NULL);
  red_cross = add_entity (project, SIGLA_KIND_ORG, "International Red Cross", NULL, NULL, NULL);

  {
    g_autoptr(SiglaEntity) wonsan_entity = sigla_entity_get (project, wonsan, &error);

    wonsan_entity->has_geo = TRUE;
    wonsan_entity->lat = 39.15;
    wonsan_entity->lon = 127.443611;
    g_assert_true (sigla_entity_update (project, wonsan_entity, &error));
    g_assert_no_error (error);
  }

  tag_entity (fixture, "Filippov", SIGLA_KIND_PERSON, stalin);
  tag_entity (fixture, "FILIPPOV", SIGLA_KIND_PERSON, stalin);
  tag_entity (fixture, "Stalin", SIGLA_KIND_PERSON, stalin);
  tag_entity (fixture, "Mao Zedong", SIGLA_KIND_PERSON, mao);
  tag_entity (fixture, "MAO ZEDONG", SIGLA_KIND_PERSON, mao);
  tag_entity (fixture, "Kim Il Sung", SIGLA_KIND_PERSON, kim);
  tag_entity (fixture, "KIM IL SUNG", SIGLA_KIND_PERSON, kim);
  tag_entity (fixture, "PENG DEHUAI", SIGLA_KIND_PERSON, peng);
  tag_entity (fixture, "Li Kenong", SIGLA_KIND_PERSON, li);
  tag_entity (fixture, "LI KENONG", SIGLA_KIND_PERSON, li);
  tag_entity (fixture, "Joy", SIGLA_KIND_PERSON, joy);
  tag_entity (fixture, "Gao Gang", SIGLA_KIND_PERSON, gao);
  tag_entity (fixture, "Ridgway", SIGLA_KIND_PERSON, ridgway);
  tag_entity (fixture, "RIDGWAY", SIGLA_KIND_PERSON, ridgway);
  tag_entity (fixture, "KRASOVSKY", SIGLA_KIND_PERSON, krasovsky);
  tag_entity (fixture, "Gaeseong", SIGLA_KIND_PLACE, kaesong);
  tag_entity (fixture, "Kaesong", SIGLA_KIND_PLACE, kaesong);
  tag_entity (fixture, "Gaesong", SIGLA_KIND_PLACE, kaesong);
  tag_entity (fixture, "Wonsan", SIGLA_KIND_PLACE, wonsan);
  tag_entity (fixture, "BEIJING", SIGLA_KIND_PLACE, beijing);
  tag_entity (fixture, "38th parallel", SIGLA_KIND_PLACE, parallel);
  tag_entity (fixture, "Moscow", SIGLA_KIND_PLACE, moscow);
  tag_entity (fixture, "Korean People's Army", SIGLA_KIND_ORG, kpa);
  tag_entity (fixture, "Chinese volunteer units", SIGLA_KIND_ORG, volunteers);
  tag_entity (fixture, "International Red Cross", SIGLA_KIND_ORG, red_cross);

  /* A place inside an organisation's name, and a note with a certainty. */
  tag_entity (fixture, "Korea", SIGLA_KIND_PLACE, korea);
  {
    SiglaMention noted = {
      .kind = SIGLA_KIND_PERSON, .entity_id = stalin, .cert = (char *) "medium",
      .note = (char *) "The editors' gloss “[Stalin]” after a cover name",
    };

    tag_words (fixture, "Filippov [Stalin]", &noted);
  }

  tag_date (fixture, "July 12, 1951", "1951-07-12", NULL, NULL);
  tag_date (fixture, "13 July 1951", "1951-07-13", NULL, NULL);
  tag_date (fixture, "30 June 1951", "1951-06-30", NULL, NULL);
  tag_date (fixture, "14 June 1951", "1951-06-14", NULL, NULL);
  tag_date (fixture, "13.6.51", "1951-06-13", NULL, NULL);
  tag_date (fixture, "13.8.51", "1951-08-13", NULL, NULL);
  tag_date (fixture, "13 June", "--06-13", NULL, NULL);
  tag_date (fixture, "July 10-15", NULL, "1951-07-10", "1951-07-15");
  tag_date (fixture, "In June and July", NULL, "1951-06", "1951-07");
  tag_date (fixture, "in June of this year", NULL, "1951-06-01", "1951-06-30");

  {
    const ClaimSpec specs[] = {
      /* These two overlap without nesting. */
      { "It is necessary decisively to refuse", "in the region of Gaeseong [Kaesong].", stalin, 0,
        "demands", "high", "Refuse the hospital ship at Wonsan; meet at the 38th parallel, at Kaesong.",
        "Read with the next claim: they share a sentence.", { wonsan, parallel, kaesong } },
      { "It is necessary to demand that the meeting", "on the question of a place for the meeting.", stalin, 0,
        "proposes", "medium", "The Chinese and Koreans lead; the Americans will concede.", NULL, { kaesong } },
      /* This one starts inside a person's name and ends after it. */
      { "SUNG and Comrade PENG DEHUAI.", "only one Korean signature.", stalin, 0, "warns", "high",
        "Both commanders must sign.", NULL, { kim, peng } },
      /* Across two paragraphs. */
      { "In our opinion it is necessary immediately", "Send to Ridgway today an answer roughly like this:",
        stalin, 0, "proposes", NULL, "Answer Ridgway by radio, signed by Kim and Peng.", NULL,
        { ridgway, kim, peng } },
      { "We propose as a meeting place", "in the area of the city of Gaesong.", kpa, stalin, "proposes", "low",
        NULL, "A draft that Stalin dictates for the Korean and Chinese commanders.", { kaesong, parallel } },
      { "I want to dwell on the criticism", "In July 1950 the North Korean government declared", joy, li,
        "asserts", "medium", "The UN agenda is general on purpose.", NULL, { red_cross } },
      { "has no interest in an arbitrary boundary", "which has no military significance", joy, li, "denies",
        "high", "No line without military significance.", NULL, { parallel } },
      { "Therefore we consider it necessary to work out a definite resolution",
        "with regard to the 38th parallel.", li, mao, "proposes", NULL, NULL, NULL, { parallel } },
      { "4. We (Li Kenong, Deng Hua", "It is thus necessary for us to decide:", li, mao, "asserts", "medium",
        "The enemy wants the present front line.", NULL, { 0 } },
      { "It is possible that the Americans will oppose this", "at the beginning.", mao, 0, "warns", "low",
        NULL, NULL, { 0 } },
      { "In the interests of the cause of peace", "the question of Korea.", mao, gao, "promises", NULL,
        "Korea first.", NULL, { korea } },
      { "We ask you to receive it", "receive us today.", gao, 0, "requests", NULL, NULL, NULL, { stalin, mao } },
      /* Its speaker is deleted below. */
      { "BEIJING—TO KRASOVSKY", "BEIJING—TO KRASOVSKY", krasovsky, 0, "reports", NULL, NULL,
        "The address line names the cover name.", { beijing } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
      add_claim (fixture, &specs[i]);
  }

  g_assert_true (sigla_entity_delete (project, krasovsky, SIGLA_DELETE_DETACH, &error));
  g_assert_no_error (error);

  /* The detached mention and claim are still there, without their entity. */
  mentions = sigla_mention_list (project, 0, &error);
  claims = sigla_claim_list (project, 0, &error);
  for (guint i = 0; i < mentions->len; i++)
    n_detached += ((SiglaMention *) mentions->pdata[i])->kind != SIGLA_KIND_DATE &&
                  ((SiglaMention *) mentions->pdata[i])->entity_id == 0;
  for (guint i = 0; i < claims->len; i++)
    n_detached += ((SiglaClaim *) claims->pdata[i])->speaker_id == 0;
  g_assert_cmpuint (n_detached, ==, 2);
}

static gint64
fixture_add_document (Fixture *fixture,
                      gint64   id)
{
  g_autoptr(SiglaDocument) document = sigla_document_get (fixture->project, id, NULL);

  g_assert_nonnull (document);
  g_array_append_val (fixture->documents, id);
  g_ptr_array_add (fixture->texts, document != NULL ? g_steal_pointer (&document->text) : g_strdup (""));
  return id;
}

/* A new project in a new folder, with @seeds imported. */
static void
fixture_init (Fixture            *fixture,
              const char * const *seeds,
              guint               n_seeds)
{
  fixture->dir = sigla_test_make_dir ();
  fixture->project = sigla_test_new_project (fixture->dir, NULL);
  fixture->documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_seeds; i++)
    fixture_add_document (fixture, sigla_test_import_seed (fixture->project, seeds[i]));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const seeds[] = { "000", "001", "002", "003", "004" };

  fixture_init (fixture, seeds, G_N_ELEMENTS (seeds));
  annotate_seeds (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  sigla_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_array_unref (fixture->documents);
  g_ptr_array_unref (fixture->texts);
}

static char *
export_document (SiglaProject *project,
                 gint64        document_id,
                 const char   *dir,
                 const char   *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (sigla_tei_export_document (project, document_id, NULL, path, &error));
  g_assert_no_error (error);
  return path;
}

static char *
export_corpus (SiglaProject *project,
               const char   *dir,
               const char   *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (sigla_tei_export_corpus (project, NULL, path, &error));
  g_assert_no_error (error);
  return path;
}

/* How many elements called @name in @path carry @attribute. */
static guint
count_elements (const char *path,
                const char *name,
                const char *attribute)
{
  g_autofree char *contents = NULL;
  g_autofree char *tag = g_strconcat ("<", name, " ", NULL);
  g_autofree char *with = g_strconcat (" ", attribute, "=\"", NULL);
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = strstr (contents, tag); p != NULL; p = strstr (p + 1, tag))
    {
      const char *close = strchr (p, '>');
      g_autofree char *start_tag = g_strndup (p, close - p);

      n += strstr (start_tag, with) != NULL;
    }

  return n;
}

static void
test_export_valid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint i = 0; i < fixture->documents->len; i++)
    {
      gint64 id = g_array_index (fixture->documents, gint64, i);
      g_autofree char *name = g_strdup_printf ("document-%u.xml", i);
      char *path = export_document (fixture->project, id, out, name);

      g_ptr_array_add (paths, path);
      check_export (fixture->project, path, id);
    }

  g_ptr_array_add (paths, export_corpus (fixture->project, out, "corpus.xml"));
  check_export (fixture->project, paths->pdata[paths->len - 1], 0);

  written = sigla_tei_export_directory (fixture->project, NULL, folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_cmpuint (written->len, ==, fixture->documents->len);
  for (guint i = 0; written != NULL && i < written->len; i++)
    {
      check_export (fixture->project, written->pdata[i], g_array_index (fixture->documents, gint64, i));
      g_ptr_array_add (paths, g_strdup (written->pdata[i]));
    }

  /* The overlapping and the cross-paragraph claims of the last seed were
   * cut; its detached mention is there without @ref. */
  last = g_strdup (paths->pdata[fixture->documents->len - 1]);
  g_assert_cmpuint (count_elements (last, "said", "next"), >=, 2);
  g_assert_cmpuint (count_elements (last, "said", "prev"), >=, 2);
  g_assert_true (g_file_get_contents (last, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<persName>KRASOVSKY</persName>"));
  g_clear_pointer (&contents, g_free);

  /* The registry says what the design promises, shortest coordinates too. */
  g_assert_true (g_file_get_contents (paths->pdata[fixture->documents->len], &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<persName type=\"pseudonym\">Filippov</persName>"));
  g_assert_nonnull (strstr (contents, "<geo>37.97 126.55</geo>"));
  g_assert_nonnull (strstr (contents, "<idno type=\"wikidata\">http://www.wikidata.org/entity/Q855</idno>"));
  g_assert_nonnull (strstr (contents, "<idno type=\"geonames\">https://www.geonames.org/1840886</idno>"));

  assert_valid_tei (paths);
}

/* -- every annotation of random projects --------------------------------- */

/* The characters an export must survive: XML's own, CDATA's end, C0
 * controls, DEL, U+FFFE, astral planes (an emoji, CJK Extension B),
 * right-to-left text with its marks, and the white space a parser would
 * normalise if it were written unescaped. */
static const char * const odd_pieces[] = {
  "<", "&", "\"", "'", "]]>", "&amp;", "<b>", "\x01", "\x1b", "\x7f", "\xef\xbf\xbe",
  "\xf0\x9f\x98\x80", "\xf0\xa0\x80\x80", "שלום", "مرحبا", "\xe2\x80\x8f", "\xe2\x80\xae",
  "Kaesŏng", "Filippov", " ", "\t", "\n", "\r", "\r\n",
};

static char *
random_text (GRand *rng,
             guint  n_pieces)
{
  GString *text = g_string_new ("Name");

  for (guint i = 0; i < n_pieces; i++)
    g_string_append (text, odd_pieces[g_rand_int_range (rng, 0, G_N_ELEMENTS (odd_pieces))]);

  return g_string_free (text, FALSE);
}

static char *
maybe_random_text (GRand *rng,
                   guint  percent)
{
  return (guint) g_rand_int_range (rng, 0, 100) < percent ? random_text (rng, g_rand_int_range (rng, 1, 12)) : NULL;
}

static gint64
random_entity (GRand        *rng,
               SiglaProject *project,
               SiglaKind     kind)
{
  static const char * const alias_types[] = { "pseudonym", "variant", "transliteration" };
  g_autofree char *label = random_text (rng, g_rand_int_range (rng, 1, 8));
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, label);
  int n_aliases = g_rand_int_range (rng, 0, 3);

  for (int i = 0; i < n_aliases; i++)
    {
      g_autofree char *alias = random_text (rng, g_rand_int_range (rng, 1, 6));

      sigla_entity_add_alias (entity, alias, alias_types[g_rand_int_range (rng, 0, G_N_ELEMENTS (alias_types))]);
    }
  if (kind == SIGLA_KIND_PLACE)
    {
      entity->has_geo = TRUE;
      entity->lat = g_rand_double_range (rng, -90, 90);
      entity->lon = g_rand_double_range (rng, -180, 180);
    }
  if (g_rand_boolean (rng))
    g_ptr_array_add (entity->authorities,
                     g_strdup_printf ("http://www.wikidata.org/entity/Q%d", g_rand_int_range (rng, 1, 1000000)));
  entity->description = maybe_random_text (rng, 30);
  entity->note = maybe_random_text (rng, 50);

  return insert_entity (project, entity);
}

/* Headings, lists and paragraphs of odd text: the body must keep it all. */
static char *
write_random_document (GRand      *rng,
                       const char *dir,
                       guint       n)
{
  static const char * const words[] = {
    "armistice", "<tag>", "a & b", "\"quoted\"", "it's", "]]>", "\xf0\x9f\x98\x80", "\xf0\xa0\x80\x80",
    "שלום", "مرحبا", "Kaesŏng", "38th", "—",
  };
  g_autoptr(GString) text = g_string_new ("");
  g_autofree char *name = g_strdup_printf ("odd-%u.txt", n);
  int n_lines = g_rand_int_range (rng, 12, 30);

  for (int i = 0; i < n_lines; i++)
    {
      int kind = g_rand_int_range (rng, 0, 6);
      int n_words = g_rand_int_range (rng, 1, 25);

      g_string_append (text, i == 0 || kind == 0 ? "# " : kind == 1 ? "- " : "");
      for (int w = 0; w < n_words; w++)
        g_string_append_printf (text, "%s%s", w > 0 ? " " : "", words[g_rand_int_range (rng, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, kind == 1 ? "\n" : "\n\n");
    }

  return sigla_test_write_file (dir, name, text->str, -1);
}

typedef struct
{
  GRand        *rng;
  SiglaProject *project;
  GArray       *people;     /* gint64 ids, by kind … */
  GArray       *places;
  GArray       *orgs;
  GArray       *speakers;   /* people and organisations */
} RandomProject;

static gint64
pick (GRand  *rng,
      GArray *ids)
{
  return g_array_index (ids, gint64, g_rand_int_range (rng, 0, ids->len));
}

static const char *
pick_string (GRand              *rng,
             const char * const *strings,
             guint               n)
{
  return strings[g_rand_int_range (rng, 0, n)];
}

static guint
annotate_randomly (RandomProject *random,
                   gint64         document_id)
{
  static const char * const certainties[] = { NULL, "high", "medium", "low" };
  static const char * const mention_certs[] = { NULL, NULL, "high", "medium", "low", "unknown" };
  GRand *rng = random->rng;
  g_autoptr(GArray) blocks = sigla_document_get_blocks (random->project, document_id, NULL);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  const char * const *stances = sigla_claim_get_stances ();
  guint n_stances = g_strv_length ((char **) stances);
  int n = g_rand_int_range (rng, 100, 250);

  for (int i = 0; i < n; i++)
    {
      gint64 start, end;

      random_extent (rng, blocks, spans, &start, &end);
      add_span (spans, start, end, 0);

      if (g_rand_int_range (rng, 0, 100) < 70)
        {
          g_autoptr(SiglaMention) mention = sigla_mention_new ();
          GArray *kinds[] = { random->people, random->places, random->orgs };

          mention->document_id = document_id;
          mention->start = start;
          mention->end = end;
          mention->kind = g_rand_int_range (rng, SIGLA_KIND_PERSON, SIGLA_KIND_DATE + 1);
          if (mention->kind == SIGLA_KIND_DATE)
            {
              int month = g_rand_int_range (rng, 1, 13);

              if (g_rand_boolean (rng))
                mention->when = g_strdup_printf ("1951-%02d-%02d", month, g_rand_int_range (rng, 1, 29));
              else
                {
                  mention->not_before = g_strdup_printf ("1951-%02d", month);
                  mention->not_after = g_strdup ("1952");
                }
            }
          else
            mention->entity_id = pick (rng, kinds[mention->kind]);
          mention->cert = g_strdup (pick_string (rng, mention_certs, G_N_ELEMENTS (mention_certs)));
          mention->note = maybe_random_text (rng, 20);
          insert_mention (random->project, mention);
        }
      else
        {
          g_autoptr(SiglaClaim) claim = sigla_claim_new ();
          g_autoptr(GError) error = NULL;
          int n_about = g_rand_int_range (rng, 0, 4);

          claim->document_id = document_id;
          claim->start = start;
          claim->end = end;
          claim->speaker_id = pick (rng, random->speakers);
          claim->reporter_id = g_rand_boolean (rng) ? pick (rng, random->speakers) : 0;
          claim->stance = g_strdup (pick_string (rng, stances, n_stances));
          claim->certainty = g_strdup (pick_string (rng, certainties, G_N_ELEMENTS (certainties)));
          claim->paraphrase = maybe_random_text (rng, 60);
          claim->note = maybe_random_text (rng, 30);
          for (int k = 0; k < n_about; k++)
            {
              gint64 about = pick (rng, g_rand_boolean (rng) ? random->places : random->speakers);
              gboolean seen = FALSE;

              for (guint j = 0; j < claim->about->len; j++)
                seen |= g_array_index (claim->about, gint64, j) == about;
              if (!seen)
                g_array_append_val (claim->about, about);
            }
          g_assert_true (sigla_claim_insert (random->project, claim, &error));
          g_assert_no_error (error);
        }
    }

  return n;
}

static GArray *
add_random_entities (RandomProject *random,
                     SiglaKind      kind,
                     guint          n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      gint64 id = random_entity (random->rng, random->project, kind);

      g_array_append_val (ids, id);
      if (kind != SIGLA_KIND_PLACE)
        g_array_append_val (random->speakers, id);
    }

  return ids;
}

/* Two seeds and a document of odd characters, hundreds of random
 * annotations each, a person deleted with his mentions and claims kept;
 * every document and the corpus exported, read back and added to @paths. */
static guint
export_random_project (GRand      *rng,
                       const char *parent,
                       guint       index,
                       GPtrArray  *paths)
{
  const char *seeds[] = { "000", "001", "002", "003", "004" };
  g_autofree char *name = g_strdup_printf ("project-%u", index);
  g_autofree char *dir = g_build_filename (parent, name, NULL);
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GArray) speakers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) people = NULL;
  g_autoptr(GArray) places = NULL;
  g_autoptr(GArray) orgs = NULL;
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *odd = NULL;
  g_autoptr(GError) error = NULL;
  RandomProject random = { rng, NULL, NULL, NULL, NULL, speakers };
  int first = g_rand_int_range (rng, 0, G_N_ELEMENTS (seeds));
  int second = (first + g_rand_int_range (rng, 1, G_N_ELEMENTS (seeds))) % G_N_ELEMENTS (seeds);
  gint64 id;
  guint n = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  project = random.project = sigla_test_new_project (dir, NULL);
  people = random.people = add_random_entities (&random, SIGLA_KIND_PERSON, 4);
  places = random.places = add_random_entities (&random, SIGLA_KIND_PLACE, 3);
  orgs = random.orgs = add_random_entities (&random, SIGLA_KIND_ORG, 2);

  id = sigla_test_import_seed (project, seeds[first]);
  g_array_append_val (documents, id);
  id = sigla_test_import_seed (project, seeds[second]);
  g_array_append_val (documents, id);
  odd = write_random_document (rng, dir, index);
  id = sigla_import_file (project, odd, &error);
  g_assert_no_error (error);
  g_array_append_val (documents, id);

  for (guint d = 0; d < documents->len; d++)
    n += annotate_randomly (&random, g_array_index (documents, gint64, d));

  g_assert_true (sigla_entity_delete (project, g_array_index (people, gint64, 0), SIGLA_DELETE_DETACH, &error));
  g_assert_no_error (error);

  for (guint d = 0; d < documents->len; d++)
    {
      g_autofree char *file = g_strdup_printf ("document-%u.xml", d);
      char *path = export_document (project, g_array_index (documents, gint64, d), dir, file);

      g_ptr_array_add (paths, path);
      check_export (project, path, g_array_index (documents, gint64, d));
    }
  g_ptr_array_add (paths, export_corpus (project, dir, "corpus.xml"));
  check_export (project, paths->pdata[paths->len - 1], 0);

  return n;
}

static void
test_export_random (void)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (19510710);
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n = 0, p;

  /* After a failure the rest would fail the same way: stop there. */
  for (p = 0; p < 10 && !g_test_failed (); p++)
    n += export_random_project (rng, dir, p, paths);

  g_test_message ("%u random annotations in %u files", n, paths->len);
  if (p == 10)
    g_assert_cmpuint (n, >=, 2000);
  assert_valid_tei (paths);
  sigla_test_remove_dir (dir);
}

/* Each odd character on its own, so that a failure names it. */
static void
test_export_characters (void)
{
  static const char * const alias_types[] = { "pseudonym", "cover name", "<type>", "a&b" };
  const char * const seeds[] = { "004" };
  g_autoptr(GArray) entities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autofree char *odd = NULL;
  SiglaProject *project;
  Fixture fixture;
  gint64 seed, odd_id;

  fixture_init (&fixture, seeds, G_N_ELEMENTS (seeds));
  project = fixture.project;
  seed = g_array_index (fixture.documents, gint64, 0);
  odd = sigla_test_write_file (fixture.dir, "odd.txt",
                               "# Odd characters\n\n"
                               "Kaesŏng \xf0\x9f\x98\x80 \xf0\xa0\x80\x80 שלום مرحبا "
                               "\xe2\x80\x8f <b> & \"q\" 'a' ]]> end\n", -1);
  odd_id = sigla_import_file (project, odd, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (odd_pieces); i++)
    {
      g_autofree char *label = g_strconcat ("Name ", odd_pieces[i], " end", NULL);
      g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, label);

      sigla_entity_add_alias (entity, label, alias_types[i % G_N_ELEMENTS (alias_types)]);
      insert_entity (project, entity);
      g_array_append_val (entities, entity->id);
      sigla_test_add_mention (project, seed, SIGLA_KIND_PERSON, entity->id, 0, 7);
    }

  g_ptr_array_add (paths, export_document (project, seed, fixture.dir, "seed.xml"));
  g_ptr_array_add (paths, export_document (project, odd_id, fixture.dir, "odd.xml"));

  doc = xmlReadFile (paths->pdata[0], NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  ids = check_rules (xmlDocGetRootElement (doc));
  for (guint i = 0; i < entities->len; i++)
    {
      g_autoptr(SiglaEntity) entity = sigla_entity_get (project, g_array_index (entities, gint64, i), NULL);
      xmlNode *element = g_hash_table_lookup (ids, entity->xml_id);
      g_autofree char *read = element != NULL ? text_of (child_element (element, "persName")) : NULL;
      g_autofree char *expected = xml_expected (entity->label);
      g_autofree char *piece = g_strescape (odd_pieces[i], NULL);

      if (g_strcmp0 (read, expected) != 0)
        g_test_message ("the name with “%s” (U+%04X) is not written as it should be", piece,
                        g_utf8_get_char (odd_pieces[i]));
      g_assert_cmpstr (read, ==, expected);
    }

  /* The body keeps astral and right-to-left text, and what XML escapes. */
  check_export (project, paths->pdata[1], odd_id);
  assert_valid_tei (paths);

  fixture_tear_down (&fixture, NULL);
}

/* About 1 MB made of every odd piece in turn, starting and ending with a
 * letter (names are stored without white space around them). */
static char *
long_odd_text (void)
{
  GString *text = g_string_new ("Name");

  for (guint i = 0; text->len < 1024 * 1024; i++)
    g_string_append (text, odd_pieces[i % G_N_ELEMENTS (odd_pieces)]);
  g_string_append (text, " end");
  return g_string_free (text, FALSE);
}

/* A name as the reader takes it from a file (sigla-tei-reader.c): runs of
 * white space as one space, however the file was indented. */
static char *
collapse_space (const char *text)
{
  GString *collapsed = g_string_new ("");
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = collapsed->len > 0;
      else
        {
          if (space)
            g_string_append_c (collapsed, ' ');
          space = FALSE;
          g_string_append_unichar (collapsed, c);
        }
    }

  return g_string_free (collapsed, FALSE);
}

/* A name and a note of 1 MB of odd characters: stored exactly, exported as
 * valid TEI, and read back from it into a new project as the export wrote
 * them (the name with its white space runs as one space, as any TEI name is read). */
static void
test_export_long_text (void)
{
  const char * const seeds[] = { "004" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = long_odd_text ();
  g_autofree char *expected = xml_expected (text);
  g_autofree char *expected_name = collapse_space (expected);
  g_autofree char *other_path = NULL;
  g_autoptr(SiglaProject) other = NULL;
  g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, text);
  g_autoptr(SiglaEntity) stored = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  SiglaEntity *read = NULL;
  Fixture fixture;
  gint64 seed;

  fixture_init (&fixture, seeds, G_N_ELEMENTS (seeds));
  seed = g_array_index (fixture.documents, gint64, 0);
  entity->note = g_strdup (text);
  insert_entity (fixture.project, entity);
  sigla_test_add_mention (fixture.project, seed, SIGLA_KIND_PERSON, entity->id, 0, 7);

  stored = sigla_entity_get (fixture.project, entity->id, &error);
  g_assert_no_error (error);
  assert_same_text (stored->label, text, "the stored name");
  assert_same_text (stored->note, text, "the stored note");

  g_ptr_array_add (paths, export_document (fixture.project, seed, fixture.dir, "long.xml"));
  check_export (fixture.project, paths->pdata[0], seed);
  assert_valid_tei (paths);

  other_path = g_build_filename (fixture.dir, "other.sigla", NULL);
  other = sigla_project_create (other_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sigla_import_file (other, paths->pdata[0], &error), >, 0);
  g_assert_no_error (error);
  imported = sigla_entity_list (other, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < imported->len; i++)
    if (g_strcmp0 (((SiglaEntity *) imported->pdata[i])->xml_id, stored->xml_id) == 0)
      read = imported->pdata[i];
  g_assert_nonnull (read);
  assert_same_text (read->label, expected_name, "the name read back");
  assert_same_text (read->note, expected, "the note read back");

  fixture_tear_down (&fixture, NULL);
}

/* A claim that starts inside a date, or lies inside one: TEI has no <said>
 * inside <date>, so the writer must cut the date rather than the claim. */
static void
test_export_claim_in_date (void)
{
  const char * const seeds[] = { "004" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  Fixture fixture;
  gint64 document, stalin;

  fixture_init (&fixture, seeds, G_N_ELEMENTS (seeds));
  document = g_array_index (fixture.documents, gint64, 0);
  stalin = add_entity (fixture.project, SIGLA_KIND_PERSON, "Joseph Stalin", NULL, NULL, NULL);
  tag_date (&fixture, "30 June 1951", "1951-06-30", NULL, NULL);
  tag_date (&fixture, "28 June", "--06-28", NULL, NULL);
  {
    const ClaimSpec claims[] = {
      { "June 1951", "June 1951", stalin, 0, "asserts", NULL, NULL, NULL, { 0 } },
      { "June regarding an armistice", "has been received.", stalin, 0, "reports", NULL, NULL, NULL, { 0 } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
      add_claim (&fixture, &claims[i]);
  }

  g_ptr_array_add (paths, export_document (fixture.project, document, fixture.dir, "document.xml"));
  check_export (fixture.project, paths->pdata[0], document);
  assert_valid_tei (paths);

  fixture_tear_down (&fixture, NULL);
}

/* Ids a TEI file brought in are kept (sigla-entity.c): they may look like
 * the ids the writer makes for its own elements. */
static void
test_export_kept_ids (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *wanted[] = { "c.1", "m.1", "resp.1", "stance.demands", "claim.1", "note.1", "d5.c.1" };
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  gint64 document = g_array_index (fixture->documents, gint64, 4);
  g_autofree char *path = NULL;
  g_autofree char *corpus = NULL;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      g_autofree char *label = g_strdup_printf ("Imported %u", i);
      g_autoptr(SiglaEntity) entity = sigla_entity_new (SIGLA_KIND_PERSON, label);
      g_autoptr(SiglaEntity) stored = NULL;
      SiglaMention model = { .kind = SIGLA_KIND_PERSON, .note = (char *) "imported" };
      ClaimSpec claim = { "It is necessary to demand", "the meeting take place", 0, 0, "demands", NULL, NULL,
                          NULL, { 0 } };

      entity->xml_id = g_strdup (wanted[i]);
      model.entity_id = claim.speaker = insert_entity (fixture->project, entity);
      stored = sigla_entity_get (fixture->project, model.entity_id, NULL);
      /* Ids the export makes all have a dot; an entity's never does. */
      g_assert_null (strchr (stored->xml_id, '.'));

      tag_words (fixture, "KRASOVSKY", &model);
      add_claim (fixture, &claim);
    }

  path = export_document (fixture->project, document, out, "document.xml");
  check_export (fixture->project, path, document);
  corpus = export_corpus (fixture->project, out, "corpus.xml");
  check_export (fixture->project, corpus, 0);
}

/* -- files ------------------------------------------------------------------- */

static char *
long_title (void)
{
  GString *title = g_string_new ("");

  while (g_utf8_strlen (title->str, -1) < 500)
    g_string_append (title, "Cable No. 21726, Mao Zedong to Cde. Filippov [Stalin]; ");
  g_string_truncate (title, 500);
  return g_string_free (title, FALSE);
}

/* A name that stays in its folder, is seen, and fits any file system. */
static void
assert_safe_file_name (const char *name)
{
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, '\\'));
  g_assert_cmpint (name[0], !=, '.');
  g_assert_true (g_str_has_suffix (name, ".xml"));
  g_assert_cmpuint (strlen (name), >, strlen (".xml"));
  g_assert_cmpuint (strlen (name), <=, 255);
  g_assert_true (g_utf8_validate (name, -1, NULL));
}

static void
test_file_name (void)
{
  g_autofree char *long_one = long_title ();
  const char *titles[] = {
    "../../etc/passwd", "", "a/b\\c", ".hidden", long_one, "Шифртелеграмма № 25902", "..", "/",
    "\\\\server\\share", "...", "-", "Cable No. 21726, Mao Zedong to Cde. Filippov [Stalin]", NULL,
  };
  const gint64 ids[] = { 1, 42, 123456 };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
      {
        g_autofree char *name = sigla_tei_file_name (ids[k], titles[i]);
        g_autofree char *other = sigla_tei_file_name (ids[k] + 1, titles[i]);

        assert_safe_file_name (name);
        /* Two documents of one title must not overwrite each other. */
        g_assert_cmpstr (name, !=, other);
      }
}

static void
test_export_directory_confined (void)
{
  g_autofree char *long_one = long_title ();
  const char *titles[] = {
    "../../etc/passwd", "a/b\\c", ".hidden", long_one, "Шифртелеграмма № 25902", "Same title", "Same title",
  };
  g_autofree char *sources = NULL;
  g_autofree char *out = NULL;
  g_autofree char *inner = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected_listing = NULL;
  g_autofree char *dir_before = NULL;
  g_autofree char *dir_after = NULL;
  g_autofree char *out_listing = NULL;
  Fixture fixture;

  fixture_init (&fixture, NULL, 0);
  sources = g_build_filename (fixture.dir, "sources", NULL);
  out = g_build_filename (fixture.dir, "out", NULL);
  inner = g_build_filename (out, "inner", NULL);
  g_assert_cmpint (g_mkdir (sources, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (inner, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *name = g_strdup_printf ("document-%u.txt", i);
      g_autofree char *contents = g_strdup_printf ("# %s\n\nThe text of document %u.\n", titles[i], i);
      g_autofree char *path = sigla_test_write_file (sources, name, contents, -1);
      g_autoptr(SiglaDocument) document = NULL;
      gint64 id = sigla_import_file (fixture.project, path, &error);

      g_assert_no_error (error);
      document = sigla_document_get (fixture.project, id, NULL);
      g_assert_cmpstr (document->title, ==, titles[i]);
    }

  dir_before = sigla_test_list_dir (fixture.dir);
  written = sigla_tei_export_directory (fixture.project, NULL, inner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_cmpuint (written != NULL ? written->len : 0, ==, G_N_ELEMENTS (titles));

  for (guint i = 0; written != NULL && i < written->len; i++)
    {
      g_autofree char *folder = g_path_get_dirname (written->pdata[i]);
      g_autofree char *name = g_path_get_basename (written->pdata[i]);

      g_assert_cmpstr (folder, ==, inner);
      assert_safe_file_name (name);
      g_assert_true (g_file_test (written->pdata[i], G_FILE_TEST_IS_REGULAR));
      g_ptr_array_add (names, g_steal_pointer (&name));
    }

  /* The folder holds exactly these files, one a document; nothing was
   * written beside it or above it. */
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  expected_listing = g_strjoinv ("\n", (char **) names->pdata);
  listing = sigla_test_list_dir (inner);
  g_assert_cmpstr (listing, ==, expected_listing);
  out_listing = sigla_test_list_dir (out);
  g_assert_cmpstr (out_listing, ==, "inner");
  dir_after = sigla_test_list_dir (fixture.dir);
  g_assert_cmpstr (dir_after, ==, dir_before);

  fixture_tear_down (&fixture, NULL);
}

static void
assert_error_names (const GError *error,
                    const char   *path)
{
  g_assert_nonnull (error);
  if (error == NULL)
    return;
  g_assert_true (error->domain == SIGLA_ERROR);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_export_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autofree char *missing_file = g_build_filename (missing, "deeper", "document.xml", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document = g_array_index (fixture->documents, gint64, 4);

  /* A folder that does not exist: refused, naming the path, nothing made. */
  g_assert_false (sigla_tei_export_document (fixture->project, document, NULL, missing_file, &error));
  assert_error_names (error, missing_file);
  g_clear_error (&error);
  g_assert_false (sigla_tei_export_corpus (fixture->project, NULL, missing_file, &error));
  assert_error_names (error, missing_file);
  g_clear_error (&error);
  written = sigla_tei_export_directory (fixture->project, NULL, missing, &error);
  g_assert_null (written);
  assert_error_names (error, missing);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A document that does not exist, over a file that does: the file keeps
   * every byte, and no temporary file is left beside it. */
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  path = export_document (fixture->project, document, out, "document.xml");
  before = sigla_test_file_checksum (path);
  g_assert_false (sigla_tei_export_document (fixture->project, 999999, NULL, path, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND);
  assert_error_names (error, path);
  after = sigla_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  listing = sigla_test_list_dir (out);
  g_assert_cmpstr (listing, ==, "document.xml");
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_after;   /* 0: never */
  GArray       *reports;        /* guint: each progress report's count done */
  guint         total;
} ExportProgress;

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  ExportProgress *progress = user_data;

  g_array_append_val (progress->reports, done);
  progress->total = total;
  if (done == progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

/* A corpus export reports each document done, and stops when cancelled:
 * the file under the real name keeps every byte it had, nothing is left
 * beside it. */
static void
test_export_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) reports = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  ExportProgress progress = { cancellable, 0, reports, 0 };
  SiglaTeiOptions options = { NULL, cancellable, export_progress_cb, &progress };

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  path = export_corpus (fixture->project, out, "corpus.xml");
  before = sigla_test_file_checksum (path);

  /* Told of each document, in order. */
  g_assert_true (sigla_tei_export_corpus (fixture->project, &options, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, fixture->documents->len);
  for (guint i = 0; i < reports->len; i++)
    g_assert_cmpuint (g_array_index (reports, guint, i), ==, i + 1);
  g_assert_cmpuint (progress.total, ==, fixture->documents->len);

  /* Cancelled after the second document. */
  g_array_set_size (reports, 0);
  progress.cancel_after = 2;
  g_assert_false (sigla_tei_export_corpus (fixture->project, &options, path, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_CANCELLED);
  assert_error_names (error, path);
  g_assert_cmpuint (reports->len, ==, 2);
  after = sigla_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  listing = sigla_test_list_dir (out);
  g_assert_cmpstr (listing, ==, "corpus.xml");
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length = 0, second_length = 0;

  g_assert_true (g_file_get_contents (a, &first, &first_length, NULL));
  g_assert_true (g_file_get_contents (b, &second, &second_length, NULL));
  g_assert_cmpuint (first_length, ==, second_length);
  assert_same_text (second, first, b);
}

static void
test_export_deterministic (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *corpus = NULL;
  g_autofree char *corpus_again = NULL;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  for (guint i = 0; i < fixture->documents->len; i++)
    {
      gint64 id = g_array_index (fixture->documents, gint64, i);
      g_autofree char *once = export_document (fixture->project, id, out, "once.xml");
      g_autofree char *twice = export_document (fixture->project, id, out, "twice.xml");

      assert_same_file (once, twice);
    }

  corpus = export_corpus (fixture->project, out, "corpus.xml");
  corpus_again = export_corpus (fixture->project, out, "corpus-again.xml");
  assert_same_file (corpus, corpus_again);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A failed check marks its test failed and lets the others run, so that
   * one bug in the writer does not hide what the other tests would say. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/tei/layout/nested", test_layout_nested);
  g_test_add_func ("/tei/layout/crossing", test_layout_crossing);
  g_test_add_func ("/tei/layout/block-edge", test_layout_block_edge);
  g_test_add_func ("/tei/layout/line-break", test_layout_line_break);
  g_test_add_func ("/tei/layout/identical", test_layout_identical);
  g_test_add_func ("/tei/layout/outer", test_layout_outer);
  g_test_add_func ("/tei/layout/part-order", test_layout_part_order);
  g_test_add_func ("/tei/layout/random", test_layout_random);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tei/export/valid", test_export_valid);
  ADD ("/tei/export/kept-ids", test_export_kept_ids);
  ADD ("/tei/export/atomic", test_export_atomic);
  ADD ("/tei/export/cancelled", test_export_cancelled);
  ADD ("/tei/export/deterministic", test_export_deterministic);

#undef ADD

  g_test_add_func ("/tei/export/characters", test_export_characters);
  g_test_add_func ("/tei/export/long-text", test_export_long_text);
  g_test_add_func ("/tei/export/claim-in-date", test_export_claim_in_date);
  g_test_add_func ("/tei/export/random", test_export_random);
  g_test_add_func ("/tei/file-name", test_file_name);
  g_test_add_func ("/tei/export/directory", test_export_directory_confined);

  status = g_test_run ();
  xmlCleanupParser ();
  return status;
}
