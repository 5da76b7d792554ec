/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-projection-map.c: the way back from a projection: from a code point of the
 * reading text to the text node it comes from, and from a piece of an element cut in pieces
 * to the next. */

#define G_LOG_DOMAIN "sigla-tei-projection"

#include <string.h>

#include "sigla-tei-projection-private.h"

/* The marked element a "#id" reference names: its index + 1, or 0. */
static guint
marked_named (GHashTable    *by_id,
              const xmlNode *node,
              const char    *attribute)
{
  g_autofree char *value = sigla_tei_attribute (node, attribute);
  g_autofree char *first = NULL;

  if (value == NULL || value[0] != '#')
    return 0;
  first = g_strndup (value + 1, strcspn (value + 1, " \t\n\r"));
  return GPOINTER_TO_UINT (g_hash_table_lookup (by_id, first));
}

/* Elements cut in pieces (@next, @prev): each piece knows the next, and the
 * later ones know they are. Most files have none, and pay one look a node. */
void
sigla_tei_projection_link_pieces (SiglaTeiProjection *p)
{
  g_autoptr(GHashTable) by_id = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < p->marked->len && !any; i++)
    {
      const xmlNode *node = g_array_index (p->marked, SiglaTeiMarked, i).node;

      any = xmlHasProp (node, BAD_CAST "next") != NULL || xmlHasProp (node, BAD_CAST "prev") != NULL;
    }
  if (!any)
    return;

  by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < p->marked->len; i++)
    {
      char *id = sigla_tei_xml_id (g_array_index (p->marked, SiglaTeiMarked, i).node);

      if (id != NULL && !g_hash_table_contains (by_id, id))
        g_hash_table_insert (by_id, id, GUINT_TO_POINTER (i + 1));
      else
        g_free (id);
    }

  for (guint i = 0; i < p->marked->len; i++)
    {
      SiglaTeiMarked *marked = &g_array_index (p->marked, SiglaTeiMarked, i);
      guint next = marked_named (by_id, marked->node, "next");

      if (next != 0 && next != i + 1)
        {
          marked->next = next;
          g_array_index (p->marked, SiglaTeiMarked, next - 1).later = TRUE;
        }
      if (marked_named (by_id, marked->node, "prev") != 0)
        marked->later = TRUE;
    }
}

/* Where the element cut in pieces that the marked @index starts ends: its
 * last piece's end, following @next (each piece once, whatever loops). */
gint64
sigla_tei_projection_joined_end (SiglaTeiProjection *p,
                                 guint               index)
{
  const SiglaTeiMarked *marked = &g_array_index (p->marked, SiglaTeiMarked, index);
  gint64 end = marked->end;
  guint steps = 0;

  for (guint next = marked->next; next != 0 && steps < p->marked->len; steps++)
    {
      const SiglaTeiMarked *piece = &g_array_index (p->marked, SiglaTeiMarked, next - 1);

      end = MAX (end, piece->end);
      next = piece->next;
    }
  return end;
}

/* The first segment that ends after @offset. */
static guint
segment_after (SiglaTeiProjection *p,
               gint64              offset)
{
  guint low = 0, high = p->segments->len;

  while (low < high)
    {
      guint mid = (low + high) / 2;
      const Segment *s = &g_array_index (p->segments, Segment, mid);

      if (s->start + s->length <= offset)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static gsize
bytes_of_chars (const Segment *s,
                gint64         n)
{
  const char *start = (const char *) s->node->content + s->byte;

  return g_utf8_offset_to_pointer (start, n) - start;
}

/**
 * sigla_tei_projection_locate:
 * @offset: a code point of the reading text
 * @after: %FALSE for the place before the character at @offset (a span's
 *   start), %TRUE for the place after the one before @offset (its end)
 * @node: (out): the text node there
 * @byte: (out): the byte of its content there
 *
 * Where in the tree a span of the reading text starts or ends. A place
 * between blocks, or on a space the text put in, moves to the nearest
 * character that comes from the tree, inwards.
 *
 * Returns: %FALSE if no character of the tree is there
 */
gboolean
sigla_tei_projection_locate (SiglaTeiProjection  *p,
                             gint64               offset,
                             gboolean             after,
                             xmlNode            **node,
                             gsize               *byte)
{
  const Segment *s;
  guint i;

  if (!after)
    {
      i = segment_after (p, offset);
      if (i >= p->segments->len)
        return FALSE;
      s = &g_array_index (p->segments, Segment, i);
      *node = s->node;
      *byte = s->byte;
      if (offset > s->start)
        *byte += s->exact ? bytes_of_chars (s, offset - s->start) : 0;
      return TRUE;
    }

  if (offset <= 0)
    return FALSE;
  i = segment_after (p, offset - 1);
  if (i >= p->segments->len || g_array_index (p->segments, Segment, i).start > offset - 1)
    {
      /* On a character the text put in: the end of what came before it. */
      if (i == 0)
        return FALSE;
      i--;
    }
  s = &g_array_index (p->segments, Segment, i);
  *node = s->node;
  if (offset - 1 < s->start + s->length && s->exact)
    *byte = s->byte + bytes_of_chars (s, offset - s->start);
  else
    *byte = s->byte + s->bytes;
  return TRUE;
}
