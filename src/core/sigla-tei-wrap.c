/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-wrap.c: puts a span of the reading text back into the tree as elements.
 *
 * Each span's ends are found in the tree through the projection's map, every text node
 * is cut where a span starts or ends, and the nodes between are wrapped: in one element
 * where they share a parent that may hold phrases, else in pieces, one a parent, never
 * around a block, inside an alternative's other reading, or around nothing the reader
 * reads. Nodes are linked by hand: libxml2's own insertions merge adjacent text nodes,
 * which would lose the cuts. */

#define G_LOG_DOMAIN "sigla-tei-wrap"

#include <libxml/xpath.h>
#include <string.h>

#include "sigla-tei-elements.h"
#include "sigla-tei-wrap.h"

typedef struct
{
  xmlNode *node;     /* before the cuts */
  gsize    byte;
  gboolean end;      /* the place after a span's last character */
} Place;

typedef struct
{
  guint start;       /* into places */
  guint end;
} Span;

/* A span as noted: its parts, one a block (spans) */
typedef struct
{
  guint first;
  guint n;
} Noted;

/* A text node and where it was cut: cut k starts piece k + 1. */
typedef struct
{
  GArray    *offsets;   /* gsize, ascending, without 0 and the length */
  GPtrArray *pieces;    /* xmlNode *, offsets->len + 1 of them */
} Cuts;

struct _SiglaTeiWrap
{
  SiglaTeiProjection *projection;
  GArray             *places;
  GArray             *spans;
  GArray             *noted;     /* Noted */
  GHashTable         *cuts;      /* xmlNode * → Cuts * */
  gboolean            cut;
};

static void
cuts_free (gpointer data)
{
  Cuts *cuts = data;

  g_array_unref (cuts->offsets);
  g_ptr_array_unref (cuts->pieces);
  g_free (cuts);
}

SiglaTeiWrap *
sigla_tei_wrap_new (SiglaTeiProjection *projection)
{
  SiglaTeiWrap *wrap = g_new0 (SiglaTeiWrap, 1);

  wrap->projection = projection;
  wrap->places = g_array_new (FALSE, FALSE, sizeof (Place));
  wrap->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  wrap->noted = g_array_new (FALSE, FALSE, sizeof (Noted));
  wrap->cuts = g_hash_table_new_full (NULL, NULL, NULL, cuts_free);
  return wrap;
}

void
sigla_tei_wrap_free (SiglaTeiWrap *wrap)
{
  if (wrap == NULL)
    return;
  g_array_unref (wrap->places);
  g_array_unref (wrap->spans);
  g_array_unref (wrap->noted);
  g_hash_table_unref (wrap->cuts);
  g_free (wrap);
}

/* Whether @a comes before @b in the document, or is @b. */
static gboolean
precedes (xmlNode *a,
          gsize    a_byte,
          xmlNode *b,
          gsize    b_byte)
{
  if (a == b)
    return a_byte <= b_byte;
  return xmlXPathCmpNodes (a, b) > 0;
}

/* One part of a span, inside one block: FALSE if it covers nothing of the tree. */
static gboolean
add_part (SiglaTeiWrap *wrap,
          gint64        start,
          gint64        end)
{
  Place first = { NULL, 0, FALSE }, last = { NULL, 0, TRUE };
  Span span;

  if (start >= end ||
      !sigla_tei_projection_locate (wrap->projection, start, FALSE, &first.node, &first.byte) ||
      !sigla_tei_projection_locate (wrap->projection, end, TRUE, &last.node, &last.byte) ||
      (first.node == last.node && first.byte >= last.byte) ||
      (first.node != last.node && !precedes (first.node, first.byte, last.node, last.byte)))
    return FALSE;

  span.start = wrap->places->len;
  g_array_append_val (wrap->places, first);
  span.end = wrap->places->len;
  g_array_append_val (wrap->places, last);
  g_array_append_val (wrap->spans, span);
  return TRUE;
}

/**
 * sigla_tei_wrap_add:
 *
 * Notes the span [@start, @end) of the reading text, to be wrapped once
 * every span is noted and sigla_tei_wrap_cut() has cut the text nodes. A
 * span over several blocks is noted a part a block: blocks need not stand
 * in the tree in their text's order (a note is read after its paragraph but
 * stands inside it).
 *
 * Returns: the span's index, or -1 if it covers nothing of the tree
 */
int
sigla_tei_wrap_add (SiglaTeiWrap *wrap,
                    gint64        start,
                    gint64        end)
{
  GArray *blocks = sigla_tei_projection_get_blocks (wrap->projection);
  Noted noted = { wrap->spans->len, 0 };
  guint low = 0, high = blocks->len;

  g_return_val_if_fail (!wrap->cut, -1);

  /* The first block that ends after @start. */
  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (g_array_index (blocks, SiglaBlock, mid).end <= start)
        low = mid + 1;
      else
        high = mid;
    }
  for (guint i = low; i < blocks->len && g_array_index (blocks, SiglaBlock, i).start < end; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);

      noted.n += add_part (wrap, MAX (start, block->start), MIN (end, block->end));
    }
  if (noted.n == 0)
    return -1;
  g_array_append_val (wrap->noted, noted);
  return wrap->noted->len - 1;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return (x > y) - (x < y);
}

/* Puts @node after @after, as libxml2 would but without merging text. */
static void
link_after (xmlNode *after,
            xmlNode *node)
{
  node->parent = after->parent;
  node->doc = after->doc;
  node->prev = after;
  node->next = after->next;
  if (after->next != NULL)
    after->next->prev = node;
  else if (after->parent != NULL)
    after->parent->last = node;
  after->next = node;
}

static void
cut_node (xmlNode *node,
          Cuts    *cuts)
{
  gsize length = strlen ((const char *) node->content);
  g_autofree char *content = g_strndup ((const char *) node->content, length);

  g_ptr_array_set_size (cuts->pieces, cuts->offsets->len + 1);
  cuts->pieces->pdata[0] = node;

  /* From the last cut back, so that the node keeps what comes first. */
  for (guint k = cuts->offsets->len; k > 0; k--)
    {
      gsize offset = g_array_index (cuts->offsets, gsize, k - 1);
      gsize next = k < cuts->offsets->len ? g_array_index (cuts->offsets, gsize, k) : length;
      xmlNode *piece = node->type == XML_CDATA_SECTION_NODE
                       ? xmlNewCDataBlock (node->doc, BAD_CAST content + offset, next - offset)
                       : xmlNewDocTextLen (node->doc, BAD_CAST content + offset, next - offset);

      link_after (node, piece);
      cuts->pieces->pdata[k] = piece;
    }
  xmlNodeSetContentLen (node, BAD_CAST content, cuts->offsets->len > 0
                                                ? g_array_index (cuts->offsets, gsize, 0) : length);
}

/**
 * sigla_tei_wrap_cut:
 *
 * Cuts every text node where a span noted starts or ends. After it, no
 * span can be added, and the projection's map no longer holds.
 */
void
sigla_tei_wrap_cut (SiglaTeiWrap *wrap)
{
  GHashTableIter iter;
  gpointer key, value;

  wrap->cut = TRUE;
  for (guint i = 0; i < wrap->places->len; i++)
    {
      Place *place = &g_array_index (wrap->places, Place, i);
      Cuts *cuts = g_hash_table_lookup (wrap->cuts, place->node);
      gsize length = strlen ((const char *) place->node->content);

      if (cuts == NULL)
        {
          cuts = g_new0 (Cuts, 1);
          cuts->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
          cuts->pieces = g_ptr_array_new ();
          g_hash_table_insert (wrap->cuts, place->node, cuts);
        }
      if (place->byte > 0 && place->byte < length)
        g_array_append_val (cuts->offsets, place->byte);
    }

  g_hash_table_iter_init (&iter, wrap->cuts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Cuts *cuts = value;
      guint kept = 0;

      g_array_sort (cuts->offsets, compare_offsets);
      for (guint k = 0; k < cuts->offsets->len; k++)
        if (kept == 0 || g_array_index (cuts->offsets, gsize, kept - 1) != g_array_index (cuts->offsets, gsize, k))
          g_array_index (cuts->offsets, gsize, kept++) = g_array_index (cuts->offsets, gsize, k);
      g_array_set_size (cuts->offsets, kept);
      cut_node (key, cuts);
    }
}

/* The text node that holds a place's character after the cuts. */
static xmlNode *
piece_at (SiglaTeiWrap *wrap,
          const Place  *place)
{
  Cuts *cuts = g_hash_table_lookup (wrap->cuts, place->node);
  guint k = 0;

  /* The piece a start begins, or the one an end closes. */
  while (k < cuts->offsets->len &&
         (place->end ? g_array_index (cuts->offsets, gsize, k) < place->byte
                     : g_array_index (cuts->offsets, gsize, k) <= place->byte))
    k++;
  return cuts->pieces->pdata[k];
}

/* -- wrapping ---------------------------------------------------------------- */

static gboolean
is_blank_text (const xmlNode *node)
{
  for (const char *p = (const char *) node->content; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether the reader reads any of @node's text in this flow: not another
 * reading, not what is kept out, not a note (read after its block). */
static gboolean
has_reading (SiglaTeiWrap  *wrap,
             const xmlNode *node)
{
  if (sigla_tei_projection_is_hidden (wrap->projection, node))
    return FALSE;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    return !is_blank_text (node);
  if (node->type != XML_ELEMENT_NODE || sigla_tei_is_element (node, "note"))
    return FALSE;
  for (const xmlNode *c = node->children; c != NULL; c = c->next)
    if (has_reading (wrap, c))
      return TRUE;
  return FALSE;
}

static gboolean
is_alternative (const xmlNode *node)
{
  return sigla_tei_is_element (node, "choice") || sigla_tei_is_element (node, "app") ||
         sigla_tei_is_element (node, "rdgGrp") || sigla_tei_is_element (node, "subst");
}

/* Whether an element may be put inside @parent: a block, what is inside
 * one, or an element holding text of its own; not an alternative. */
static gboolean
holds_phrases (SiglaTeiWrap  *wrap,
               const xmlNode *parent)
{
  if (parent == NULL || parent->type != XML_ELEMENT_NODE || is_alternative (parent))
    return FALSE;
  for (const xmlNode *a = parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (sigla_tei_projection_is_block (wrap->projection, a))
      return TRUE;
  for (const xmlNode *c = parent->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !is_blank_text (c))
      return TRUE;
  return FALSE;
}

static gboolean
first_read (SiglaTeiWrap  *wrap,
            const xmlNode *node)
{
  for (const xmlNode *c = node->prev; c != NULL; c = c->prev)
    if (has_reading (wrap, c))
      return FALSE;
  return TRUE;
}

static gboolean
last_read (SiglaTeiWrap  *wrap,
           const xmlNode *node)
{
  for (const xmlNode *c = node->next; c != NULL; c = c->next)
    if (has_reading (wrap, c))
      return FALSE;
  return TRUE;
}

/* Wraps @first … @last, siblings, in a new element; or, where their parent
 * may hold no phrase, each of them inside. */
static void
wrap_run (SiglaTeiWrap *wrap,
          xmlNode      *first,
          xmlNode      *last,
          xmlNs        *ns,
          const char   *name,
          GPtrArray    *pieces)
{
  xmlNode *element;
  gboolean reads = FALSE;

  /* Nothing the reader reads at either end: not inside the element. */
  while (first != last && !has_reading (wrap, first))
    first = first->next;
  while (last != first && !has_reading (wrap, last))
    last = last->prev;
  for (xmlNode *c = first;; c = c->next)
    {
      reads = reads || has_reading (wrap, c);
      if (c == last)
        break;
    }
  if (!reads)
    return;

  if (!holds_phrases (wrap, first->parent))
    {
      for (xmlNode *c = first, *next;; c = next)
        {
          next = c->next;
          if (c->type == XML_ELEMENT_NODE && c->children != NULL && has_reading (wrap, c))
            wrap_run (wrap, c->children, c->last, ns, name, pieces);
          if (c == last)
            break;
        }
      return;
    }

  element = xmlNewDocNode (first->doc, ns, BAD_CAST name, NULL);
  element->parent = first->parent;
  element->prev = first->prev;
  if (first->prev != NULL)
    first->prev->next = element;
  else
    first->parent->children = element;
  element->next = last->next;
  if (last->next != NULL)
    last->next->prev = element;
  else
    first->parent->last = element;

  element->children = first;
  element->last = last;
  first->prev = NULL;
  last->next = NULL;
  for (xmlNode *c = first; c != NULL; c = c->next)
    c->parent = element;

  g_ptr_array_add (pieces, element);
}

static gboolean
is_ancestor (const xmlNode *ancestor,
             const xmlNode *node)
{
  for (; node != NULL; node = node->parent)
    if (node == ancestor)
      return TRUE;
  return FALSE;
}

/* Wraps one part of a span, which lies in one block, adding what it made to @pieces. */
static void
apply_part (SiglaTeiWrap *wrap,
            const Span   *span,
            xmlNs        *ns,
            const char   *name,
            GPtrArray    *pieces)
{
  xmlNode *first = piece_at (wrap, &g_array_index (wrap->places, Place, span->start));
  xmlNode *last = piece_at (wrap, &g_array_index (wrap->places, Place, span->end));
  g_autoptr(GPtrArray) right = g_ptr_array_new ();
  xmlNode *common = first->parent;
  xmlNode *cur;
  xmlNode *left_top, *right_top;
  gboolean whole;

  while (common != NULL && !is_ancestor (common, last))
    common = common->parent;
  if (common == NULL)
    return;

  /* The left side: from the first node up to a child of the common parent,
   * taking all that follows at each level. An element the span begins with is
   * taken whole only if it stands in running text (a form or an orth may hold
   * a name, but no name may hold them). */
  cur = first;
  whole = TRUE;
  while (cur->parent != common)
    {
      xmlNode *parent = cur->parent;

      if (whole && first_read (wrap, cur) && sigla_tei_is_phrase_element (parent))
        {
          cur = parent;
          continue;
        }
      if (whole || cur->next != NULL)
        wrap_run (wrap, whole ? cur : cur->next, parent->last, ns, name, pieces);
      cur = parent;
      whole = FALSE;
    }
  left_top = whole ? cur : cur->next;

  /* The right side, the same from the last node, kept to write after the middle. */
  cur = last;
  whole = TRUE;
  while (cur->parent != common)
    {
      xmlNode *parent = cur->parent;

      if (whole && last_read (wrap, cur) && sigla_tei_is_phrase_element (parent))
        {
          cur = parent;
          continue;
        }
      if (whole || cur->prev != NULL)
        g_ptr_array_add (right, whole ? cur : cur->prev);
      cur = parent;
      whole = FALSE;
    }
  right_top = whole ? cur : cur->prev;

  if (left_top != NULL && right_top != NULL && (left_top == right_top || precedes (left_top, 0, right_top, 0)))
    {
      /* Where the span is all an element reads, the element itself is wrapped. */
      while (left_top == right_top && first_read (wrap, left_top) && last_read (wrap, left_top) &&
             common->parent != NULL && sigla_tei_is_phrase_element (common) &&
             holds_phrases (wrap, common->parent))
        {
          left_top = right_top = common;
          common = common->parent;
        }
      wrap_run (wrap, left_top, right_top, ns, name, pieces);
    }

  for (guint i = right->len; i > 0; i--)
    {
      xmlNode *end = right->pdata[i - 1];

      wrap_run (wrap, end->parent->children, end, ns, name, pieces);
    }
}

/**
 * sigla_tei_wrap_apply:
 * @index: a span sigla_tei_wrap_add() noted
 * @ns: (nullable): the new elements' namespace
 * @name: their name: "persName", "date", "said" …
 *
 * Wraps the span, after sigla_tei_wrap_cut(). Spans overlap freely: one
 * that crosses an element already there is cut at its edges.
 *
 * Returns: (transfer container): the elements made, in text order: one,
 *   or the pieces of a span cut (for @next/@prev)
 */
GPtrArray *
sigla_tei_wrap_apply (SiglaTeiWrap *wrap,
                      int           index,
                      xmlNs        *ns,
                      const char   *name)
{
  const Noted *noted = &g_array_index (wrap->noted, Noted, index);
  GPtrArray *pieces = g_ptr_array_new ();

  g_return_val_if_fail (wrap->cut, pieces);

  for (guint i = 0; i < noted->n; i++)
    apply_part (wrap, &g_array_index (wrap->spans, Span, noted->first + i), ns, name, pieces);
  return pieces;
}
