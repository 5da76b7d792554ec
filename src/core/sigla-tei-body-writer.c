/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-body-writer.c: the text of an export of Sigla's own TEI: its blocks as
 * head, p and item, with every annotation inline as elements cut into pieces where they
 * overlap (see sigla-tei-layout.c): names, dates, said, and the words names and relations cite. */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include "sigla-tei-writer-private.h"

static const char *
mention_element (SiglaKind kind)
{
  static const char * const names[] = {
    [SIGLA_KIND_PERSON] = "persName",
    [SIGLA_KIND_PLACE] = "placeName",
    [SIGLA_KIND_ORG] = "orgName",
    [SIGLA_KIND_DATE] = "date",
  };

  return names[kind];
}

static gboolean
is_certainty (const char *value)
{
  return g_strcmp0 (value, "high") == 0 || g_strcmp0 (value, "medium") == 0 ||
         g_strcmp0 (value, "low") == 0 || g_strcmp0 (value, "unknown") == 0;
}

/* The xml:id of a piece: its span's id, then ".2", ".3" … for later pieces. */
char *
sigla_tei_piece_id (const SpanInfo   *info,
                    const SiglaPiece *piece,
                    guint             part)
{
  if (info->id == NULL)
    return NULL;
  return part == 0 ? g_strdup (info->id) : g_strdup_printf ("%s.%u", info->id, part + 1);
}

static void
start_piece (Writer           *w,
             const SpanInfo   *info,
             const SiglaPiece *piece)
{
  g_autofree char *id = sigla_tei_piece_id (info, piece, piece->part);
  g_autofree char *next = piece->part + 1 < piece->n_parts ? sigla_tei_piece_id (info, piece, piece->part + 1) : NULL;
  g_autofree char *prev = piece->part > 0 ? sigla_tei_piece_id (info, piece, piece->part - 1) : NULL;
  g_autofree char *next_ref = sigla_tei_ref_to (next);
  g_autofree char *prev_ref = sigla_tei_ref_to (prev);

  if (info->cited)
    {
      sigla_tei_writer_start (w, "seg");
      sigla_tei_writer_attribute (w, "type", "evidence");
      sigla_tei_writer_attribute (w, "xml:id", id);
    }
  else if (info->claim != NULL)
    {
      g_autofree char *who = sigla_tei_writer_entity_ref (w, info->claim->speaker_id);

      sigla_tei_writer_start (w, "said");
      sigla_tei_writer_attribute (w, "xml:id", id);
      sigla_tei_writer_attribute (w, "who", who);
    }
  else
    {
      const SiglaMention *mention = info->mention;
      g_autofree char *ref = sigla_tei_writer_entity_ref (w, mention->entity_id);

      sigla_tei_writer_start (w, mention_element (mention->kind));
      sigla_tei_writer_attribute (w, "xml:id", id);
      sigla_tei_writer_attribute (w, "ref", ref);
      sigla_tei_writer_attribute (w, "when", mention->when);
      sigla_tei_writer_attribute (w, "notBefore", mention->not_before);
      sigla_tei_writer_attribute (w, "notAfter", mention->not_after);
      if (is_certainty (mention->cert))
        sigla_tei_writer_attribute (w, "cert", mention->cert);
    }

  sigla_tei_writer_attribute (w, "prev", prev_ref);
  sigla_tei_writer_attribute (w, "next", next_ref);
}

/* Writes [from, to) of the text, given the byte where code point @from starts. */
static const char *
write_text_to (Writer     *w,
               const char *from_byte,
               gint64      from,
               gint64      to)
{
  const char *to_byte = g_utf8_offset_to_pointer (from_byte, to - from);

  if (to > from)
    sigla_tei_writer_text_len (w, from_byte, to_byte - from_byte);
  return to_byte;
}

static void
write_block_content (Writer           *w,
                     const char       *block_text,
                     const SiglaBlock *block,
                     GArray           *pieces,
                     guint            *next_piece,
                     guint             block_index,
                     GPtrArray        *infos)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *cursor = block_text;
  gint64 position = block->start;

  for (; *next_piece < pieces->len; (*next_piece)++)
    {
      const SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, *next_piece);

      if (piece->block != block_index)
        break;

      while (open->len > 0 && g_array_index (open, gint64, open->len - 1) <= piece->start)
        {
          gint64 close_at = g_array_index (open, gint64, open->len - 1);

          cursor = write_text_to (w, cursor, position, close_at);
          position = close_at;
          sigla_tei_writer_end (w);
          g_array_set_size (open, open->len - 1);
        }

      cursor = write_text_to (w, cursor, position, piece->start);
      position = piece->start;
      start_piece (w, infos->pdata[piece->span], piece);

      if (piece->end == piece->start)
        sigla_tei_writer_end (w);
      else
        g_array_append_val (open, piece->end);
    }

  while (open->len > 0)
    {
      gint64 close_at = g_array_index (open, gint64, open->len - 1);

      cursor = write_text_to (w, cursor, position, close_at);
      position = close_at;
      sigla_tei_writer_end (w);
      g_array_set_size (open, open->len - 1);
    }

  write_text_to (w, cursor, position, block->end);
}

/* TEI allows a head only at the start of a division: each head opens a div. */
void
sigla_tei_write_body (Writer             *w,
                      const DocumentData *data,
                      GArray             *pieces,
                      GPtrArray          *infos)
{
  const char *text_start = data->document->text;
  const char *cursor = text_start;
  gint64 position = 0;
  gboolean in_div = FALSE, in_list = FALSE;
  guint next_piece = 0;

  sigla_tei_writer_indent (w, 1);
  sigla_tei_writer_start (w, "text");
  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_start (w, "body");

  for (guint b = 0; b < data->blocks->len; b++)
    {
      const SiglaBlock *block = &g_array_index (data->blocks, SiglaBlock, b);
      int depth = in_div ? 4 : 3;

      cursor = g_utf8_offset_to_pointer (cursor, block->start - position);
      position = block->start;

      if (in_list && block->kind != SIGLA_BLOCK_ITEM)
        {
          sigla_tei_writer_indent (w, depth);
          sigla_tei_writer_end (w);
          in_list = FALSE;
        }
      if (block->kind == SIGLA_BLOCK_HEAD)
        {
          if (in_div)
            {
              sigla_tei_writer_indent (w, 3);
              sigla_tei_writer_end (w);
            }
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "div");
          in_div = TRUE;
          depth = 4;
        }
      if (block->kind == SIGLA_BLOCK_ITEM && !in_list)
        {
          sigla_tei_writer_indent (w, depth);
          sigla_tei_writer_start (w, "list");
          in_list = TRUE;
        }

      sigla_tei_writer_indent (w, depth + in_list);
      sigla_tei_writer_start (w, block->kind == SIGLA_BLOCK_HEAD ? "head" : block->kind == SIGLA_BLOCK_ITEM ? "item" : "p");
      write_block_content (w, cursor, block, pieces, &next_piece, b, infos);
      sigla_tei_writer_end (w);
    }

  if (in_list)
    {
      sigla_tei_writer_indent (w, in_div ? 4 : 3);
      sigla_tei_writer_end (w);
    }
  if (in_div)
    {
      sigla_tei_writer_indent (w, 3);
      sigla_tei_writer_end (w);
    }

  /* A document of no block still needs a paragraph to be valid. */
  if (data->blocks->len == 0)
    {
      sigla_tei_writer_indent (w, 3);
      sigla_tei_writer_start (w, "p");
      sigla_tei_writer_end (w);
    }

  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_end (w);
  sigla_tei_writer_indent (w, 1);
  sigla_tei_writer_end (w);
}


static void
span_info_free (gpointer data)
{
  SpanInfo *info = data;

  g_free (info->id);
  g_free (info);
}

/* Claims outside mentions when they cover the same words; then by kind;
 * the words names and relations cite inside all. */
GPtrArray *
sigla_tei_collect_spans (Writer             *w,
                         const DocumentData *data,
                         GArray             *spans)
{
  GArray *cited = sigla_tei_registry_cited (w, data->document->id);
  GPtrArray *infos = g_ptr_array_new_with_free_func (span_info_free);

  for (guint i = 0; i < data->claims->len; i++)
    {
      SpanInfo *info = g_new0 (SpanInfo, 1);
      SiglaSpan span;

      info->claim = data->claims->pdata[i];
      info->id = sigla_tei_local_id (data, "c", i + 1);
      span.start = info->claim->start;
      span.end = info->claim->end;
      span.rank = 0;
      span.outer = TRUE;
      g_array_append_val (spans, span);
      g_ptr_array_add (infos, info);
    }

  for (guint i = 0; i < data->mentions->len; i++)
    {
      SpanInfo *info = g_new0 (SpanInfo, 1);
      SiglaSpan span;

      info->mention = data->mentions->pdata[i];
      span.start = info->mention->start;
      span.end = info->mention->end;
      span.rank = 1 + info->mention->kind;
      span.outer = FALSE;
      g_array_append_val (spans, span);
      g_ptr_array_add (infos, info);
    }

  for (guint i = 0; cited != NULL && i < cited->len; i++)
    {
      SpanInfo *info = g_new0 (SpanInfo, 1);
      SiglaSpan span = g_array_index (cited, SiglaSpan, i);

      info->cited = TRUE;
      info->id = sigla_tei_local_id (data, "e", i + 1);
      span.rank = 2 + SIGLA_KIND_DATE;
      span.outer = FALSE;
      g_array_append_val (spans, span);
      g_ptr_array_add (infos, info);
    }

  return infos;
}

/* Mentions need an id only when they are cut in pieces or have a note. */
guint *
sigla_tei_name_pieces (const DocumentData *data,
                       GArray             *pieces,
                       GPtrArray          *infos)
{
  guint *n_parts = g_new0 (guint, MAX (infos->len, 1));
  guint n_mentions = 0;

  for (guint i = 0; i < pieces->len; i++)
    {
      const SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, i);

      n_parts[piece->span] = piece->n_parts;
    }

  /* Numbered in text order, so the same annotations always get the same ids. */
  for (guint i = 0; i < pieces->len; i++)
    {
      const SiglaPiece *piece = &g_array_index (pieces, SiglaPiece, i);
      SpanInfo *info = infos->pdata[piece->span];

      if (info->mention == NULL || piece->part != 0 || info->id != NULL)
        continue;
      if (piece->n_parts > 1 || info->mention->note != NULL)
        info->id = sigla_tei_local_id (data, "m", ++n_mentions);
    }

  return n_parts;
}
