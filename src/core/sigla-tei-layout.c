/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-layout.c: cuts overlapping spans into pieces that nest inside blocks, so that
 * every annotation can be written as XML elements: none dropped, the XML always well formed. */

#define G_LOG_DOMAIN "sigla-tei-layout"

#include "sigla-tei-layout.h"

typedef struct
{
  GArray *spans;
} LayoutContext;

static const SiglaSpan *
span_of (const LayoutContext *context,
         const SiglaPiece    *piece)
{
  return &g_array_index (context->spans, SiglaSpan, piece->span);
}

/* Text order; at one start, an outer span goes outside, then the longer
 * piece, then the lower rank. */
static int
compare_pieces (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const SiglaPiece *x = a, *y = b;
  const LayoutContext *context = data;
  const SiglaSpan *x_span = span_of (context, x);
  const SiglaSpan *y_span = span_of (context, y);

  if (x->block != y->block)
    return x->block < y->block ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x_span->outer != y_span->outer)
    return x_span->outer ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if (x_span->rank != y_span->rank)
    return x_span->rank < y_span->rank ? -1 : 1;
  return x->span < y->span ? -1 : x->span > y->span;
}

/* The first block whose end is after @position (blocks are in text order). */
static guint
find_block (GArray *blocks,
            gint64  position)
{
  guint low = 0, high = blocks->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (blocks, SiglaBlock, middle).end <= position)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

static SiglaPiece *
new_piece (gint64 start,
           gint64 end,
           guint  block,
           guint  span)
{
  SiglaPiece *piece = g_new0 (SiglaPiece, 1);

  piece->start = start;
  piece->end = end;
  piece->block = block;
  piece->span = span;
  return piece;
}

/* Cuts each span at the blocks' edges. A span over no block text (the line
 * break between two blocks) becomes an empty piece where it starts. */
static void
clip_to_blocks (GArray        *blocks,
                GArray        *spans,
                GSequence     *pieces,
                LayoutContext *context)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const SiglaSpan *span = &g_array_index (spans, SiglaSpan, i);
      guint first = find_block (blocks, span->start);
      gboolean placed = FALSE;

      for (guint b = first; b < blocks->len; b++)
        {
          const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, b);
          gint64 start = MAX (span->start, block->start);
          gint64 end = MIN (span->end, block->end);

          if (block->start >= span->end)
            break;
          if (start < end)
            {
              g_sequence_insert_sorted (pieces, new_piece (start, end, b, i), compare_pieces, context);
              placed = TRUE;
            }
        }

      if (!placed && blocks->len > 0)
        {
          guint b = MIN (first, blocks->len - 1);
          const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, b);
          gint64 at = CLAMP (span->start, block->start, block->end);

          g_sequence_insert_sorted (pieces, new_piece (at, at, b, i), compare_pieces, context);
        }
    }
}

/**
 * sigla_tei_layout:
 * @blocks: (element-type SiglaBlock): the document's blocks, in text order
 * @spans: (element-type SiglaSpan): the annotations
 *
 * Cuts spans at block edges, and a span that starts inside another and ends
 * after it at the other's end, until every two pieces of a block are either
 * apart or one inside the other.
 *
 * Returns: (transfer full) (element-type SiglaPiece): the pieces in the
 *   order their start tags are written
 */
GArray *
sigla_tei_layout (GArray *blocks,
                  GArray *spans)
{
  LayoutContext context = { spans };
  g_autoptr(GSequence) pending = g_sequence_new (g_free);
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (SiglaPiece));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));   /* indices into pieces */
  g_autofree guint *n_parts = g_new0 (guint, MAX (spans->len, 1));

  clip_to_blocks (blocks, spans, pending, &context);

  while (g_sequence_get_length (pending) > 0)
    {
      GSequenceIter *first = g_sequence_get_begin_iter (pending);
      SiglaPiece piece = *(SiglaPiece *) g_sequence_get (first);

      g_sequence_remove (first);

      /* Close what ends before this piece starts, or lies in an earlier block. */
      while (open->len > 0)
        {
          const SiglaPiece *top = &g_array_index (pieces, SiglaPiece, g_array_index (open, guint, open->len - 1));

          if (top->block == piece.block && top->end > piece.start)
            break;
          if (top->block == piece.block && top->start == top->end && top->start == piece.start &&
              piece.start == piece.end)
            break;
          g_array_set_size (open, open->len - 1);
        }

      /* An outer span never goes inside one that is not: what is open there
       * ends where the outer one starts, and its rest waits its turn inside it. */
      while (span_of (&context, &piece)->outer && open->len > 0)
        {
          SiglaPiece *top = &g_array_index (pieces, SiglaPiece, g_array_index (open, guint, open->len - 1));

          if (span_of (&context, top)->outer)
            break;
          g_sequence_insert_sorted (pending, new_piece (piece.start, top->end, top->block, top->span),
                                    compare_pieces, &context);
          top->end = piece.start;
          g_array_set_size (open, open->len - 1);
        }

      /* Crossing the end of the enclosing piece: the rest waits its turn after it. */
      if (open->len > 0)
        {
          const SiglaPiece *top = &g_array_index (pieces, SiglaPiece, g_array_index (open, guint, open->len - 1));

          if (top->end < piece.end)
            {
              g_sequence_insert_sorted (pending, new_piece (top->end, piece.end, piece.block, piece.span),
                                        compare_pieces, &context);
              piece.end = top->end;
            }
        }

      piece.part = n_parts[piece.span]++;
      g_array_append_val (pieces, piece);
      g_array_append_val (open, (guint) { pieces->len - 1 });
    }

  for (guint i = 0; i < pieces->len; i++)
    {
      SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, i);

      piece->n_parts = n_parts[piece->span];
    }

  return g_steal_pointer (&pieces);
}
