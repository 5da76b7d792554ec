/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-writer.c: exports documents, their entities and annotations as TEI P5 XML.
 *
 * Every annotation is written: spans that overlap without nesting, or cross
 * a paragraph, are cut into pieces joined by @next and @prev (see
 * sigla-tei-layout.c). The same project always gives the same bytes, so an
 * export read back and exported again is identical. */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "sigla-claim.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-language.h"
#include "sigla-mention.h"
#include "sigla-output.h"
#include "sigla-project-private.h"
#include "sigla-tei-layout.h"
#include "sigla-tei-weave.h"
#include "sigla-tei-writer.h"
#include "sigla-tei-writer-private.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define MAX_FILE_NAME_TITLE 80

typedef struct
{
  SiglaMention *mention;    /* one of these two, */
  SiglaClaim   *claim;
  gboolean      cited;      /* or words a name or a relation cites */
  char         *id;         /* xml:id of its first piece, or NULL if it needs none */
} SpanInfo;

/* What one <TEI> needs, read from the project. */
typedef struct
{
  SiglaDocument *document;
  GArray        *blocks;
  GPtrArray     *mentions;
  GPtrArray     *claims;
  GPtrArray     *revisions;
  const char    *prefix;     /* before its local ids: "" alone, "d3." in a corpus */
} DocumentData;

static void
document_data_clear (DocumentData *data)
{
  g_clear_pointer (&data->document, sigla_document_free);
  g_clear_pointer (&data->blocks, g_array_unref);
  g_clear_pointer (&data->mentions, g_ptr_array_unref);
  g_clear_pointer (&data->claims, g_ptr_array_unref);
  g_clear_pointer (&data->revisions, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocumentData, document_data_clear)

/* -- ids -------------------------------------------------------------------- */

/* "c.3", or "d2.c.3" in a corpus: ids of one document's own things. */
static char *
local_id (const DocumentData *data,
          const char         *kind,
          guint               n)
{
  return g_strdup_printf ("%s%s.%u", data->prefix, kind, n);
}

/* -- the header ----------------------------------------------------------- */


/* A language code TEI accepts: two or three lower-case letters. */
static gboolean
is_language_code (const char *code)
{
  gsize n = code != NULL ? strlen (code) : 0;

  if (n < 2 || n > 3)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_islower (code[i]))
      return FALSE;
  return TRUE;
}

static void
write_language (Writer     *w,
                const char *code,
                const char *role)
{
  const char *name = sigla_language_get_name (code);
  g_autofree char *label = g_strdup_printf ("%s (%s)", name != NULL ? name : code, role);

  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "language");
  sigla_tei_writer_attribute (w, "ident", code);
  sigla_tei_writer_text (w, label);
  sigla_tei_writer_end (w);
}

static void
write_resp_stmt (Writer     *w,
                 int         depth,
                 const char *id)
{
  sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_start (w, "respStmt");
  sigla_tei_writer_attribute (w, "xml:id", id);
  sigla_tei_writer_start (w, "resp");
  sigla_tei_writer_text (w, "annotation");
  sigla_tei_writer_end (w);
  sigla_tei_writer_start (w, "name");
  sigla_tei_writer_text (w, w->annotator);
  sigla_tei_writer_end (w);
  sigla_tei_writer_end (w);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The days on which the document's annotations were made or changed, and
 * those of its history before it came into the project. */
static GPtrArray *
annotation_days (const DocumentData *data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *days = g_ptr_array_new_with_free_func (g_free);
  guint n_annotations = data->mentions->len + data->claims->len;
  guint n_revisions = data->revisions != NULL ? data->revisions->len : 0;

  for (guint i = 0; i < n_annotations + n_revisions; i++)
    {
      const char *modified = i < data->mentions->len
        ? ((SiglaMention *) data->mentions->pdata[i])->modified
        : i < n_annotations
        ? ((SiglaClaim *) data->claims->pdata[i - data->mentions->len])->modified
        : data->revisions->pdata[i - n_annotations];
      char *day;

      if (modified == NULL || strlen (modified) < 10)
        continue;
      day = g_strndup (modified, 10);
      if (g_hash_table_contains (seen, day))
        {
          g_free (day);
          continue;
        }
      g_hash_table_add (seen, day);
      g_ptr_array_add (days, day);
    }

  g_ptr_array_sort (days, compare_strings);
  return days;
}

static void
write_header (Writer             *w,
              const DocumentData *data,
              gboolean            with_asserters)
{
  const SiglaDocument *document = data->document;
  g_autofree char *resp_id = local_id (data, "resp", 1);
  g_autofree char *resp_ref = sigla_tei_ref_to (resp_id);
  g_autoptr(GPtrArray) days = annotation_days (data);

  sigla_tei_writer_indent (w, 1);
  sigla_tei_writer_start (w, "teiHeader");
  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_start (w, "fileDesc");

  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_start (w, "titleStmt");
  sigla_tei_writer_element (w, 4, "title", document->title);
  write_resp_stmt (w, 4, resp_id);
  if (with_asserters)
    sigla_tei_registry_write_resp (w, 4);
  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_end (w);

  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_start (w, "publicationStmt");
  sigla_tei_writer_element (w, 4, "p", "Unpublished: annotated with Sigla.");
  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_end (w);

  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_start (w, "sourceDesc");
  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "bibl");
  sigla_tei_writer_element (w, 5, "title", document->title);
  if (document->date != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "date");
      sigla_tei_writer_attribute (w, "when", document->date);
      sigla_tei_writer_text (w, document->date_text);
      sigla_tei_writer_end (w);
    }
  if (document->archive != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "idno");
      sigla_tei_writer_attribute (w, "type", "archive");
      sigla_tei_writer_text (w, document->archive);
      sigla_tei_writer_end (w);
    }
  if (document->url != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "idno");
      sigla_tei_writer_attribute (w, "type", "URI");
      sigla_tei_writer_text (w, document->url);
      sigla_tei_writer_end (w);
    }
  sigla_tei_writer_indent (w, 5);
  sigla_tei_writer_start (w, "idno");
  sigla_tei_writer_attribute (w, "type", "filename");
  sigla_tei_writer_text (w, document->source_name);
  sigla_tei_writer_end (w);
  if (document->citation != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "note");
      sigla_tei_writer_attribute (w, "type", "citation");
      sigla_tei_writer_text (w, document->citation);
      sigla_tei_writer_end (w);
    }
  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_end (w);
  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_end (w);

  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_end (w);   /* fileDesc */

  if (document->summary != NULL || is_language_code (document->language) ||
      is_language_code (document->original_language))
    {
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_start (w, "profileDesc");
      if (document->summary != NULL)
        {
          g_auto(GStrv) paragraphs = g_strsplit (document->summary, "\n", -1);

          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "abstract");
          for (guint i = 0; paragraphs[i] != NULL; i++)
            sigla_tei_writer_element (w, 4, "p", paragraphs[i]);
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_end (w);
        }
      if (is_language_code (document->language) || is_language_code (document->original_language))
        {
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "langUsage");
          if (is_language_code (document->original_language))
            write_language (w, document->original_language, "original");
          if (is_language_code (document->language) &&
              g_strcmp0 (document->language, document->original_language) != 0)
            write_language (w, document->language,
                            document->original_language != NULL ? "translation" : "text");
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_end (w);
        }
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_end (w);
    }

  if (days->len > 0)
    {
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_start (w, "revisionDesc");
      for (guint i = 0; i < days->len; i++)
        {
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "change");
          sigla_tei_writer_attribute (w, "when", days->pdata[i]);
          sigla_tei_writer_attribute (w, "who", resp_ref);
          sigla_tei_writer_text (w, "Annotated");
          sigla_tei_writer_end (w);
        }
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_end (w);
    }

  sigla_tei_writer_indent (w, 1);
  sigla_tei_writer_end (w);   /* teiHeader */
}

/* The entities a document's annotations point to, and those its words are cited for or
 * related to them (sigla_tei_registry_add_related()), in the registry's order. */
static GPtrArray *
used_entities (Writer             *w,
               GPtrArray          *all,
               const DocumentData *data)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *entities = g_ptr_array_new ();

  for (guint i = 0; i < data->mentions->len; i++)
    {
      SiglaMention *mention = data->mentions->pdata[i];

      if (mention->entity_id != 0)
        g_hash_table_add (used, &mention->entity_id);
    }
  for (guint i = 0; i < data->claims->len; i++)
    {
      SiglaClaim *claim = data->claims->pdata[i];

      if (claim->speaker_id != 0)
        g_hash_table_add (used, &claim->speaker_id);
      if (claim->reporter_id != 0)
        g_hash_table_add (used, &claim->reporter_id);
      for (guint k = 0; k < claim->about->len; k++)
        g_hash_table_add (used, &g_array_index (claim->about, gint64, k));
    }
  sigla_tei_registry_add_related (w, data->document->id, used);

  for (guint i = 0; i < all->len; i++)
    {
      SiglaEntity *entity = all->pdata[i];

      if (g_hash_table_contains (used, &entity->id))
        g_ptr_array_add (entities, entity);
    }

  return entities;
}

/* -- the body ------------------------------------------------------------- */

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
static char *
piece_id (const SpanInfo   *info,
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
  g_autofree char *id = piece_id (info, piece, piece->part);
  g_autofree char *next = piece->part + 1 < piece->n_parts ? piece_id (info, piece, piece->part + 1) : NULL;
  g_autofree char *prev = piece->part > 0 ? piece_id (info, piece, piece->part - 1) : NULL;
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
static void
write_body (Writer             *w,
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

/* -- stand-off annotations ------------------------------------------------ */

/* "#c.1 #c.1.2": every piece of a span. */
static char *
pieces_target (const SpanInfo *info,
               guint           n_parts)
{
  GString *target = g_string_new ("");

  for (guint part = 0; part < n_parts; part++)
    {
      g_autofree char *id = piece_id (info, NULL, part);

      g_string_append_printf (target, "%s#%s", part > 0 ? " " : "", id);
    }

  return g_string_free (target, FALSE);
}

static void
write_pointer (Writer     *w,
               const char *type,
               const char *xml_id)
{
  g_autofree char *target = sigla_tei_ref_to (xml_id);

  if (target == NULL)
    return;

  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "ptr");
  sigla_tei_writer_attribute (w, "type", type);
  sigla_tei_writer_attribute (w, "target", target);
  sigla_tei_writer_end (w);
}

static void
write_note (Writer     *w,
            const char *type,
            const char *content)
{
  if (content == NULL)
    return;

  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "note");
  sigla_tei_writer_attribute (w, "type", type);
  sigla_tei_writer_text (w, content);
  sigla_tei_writer_end (w);
}

/* Claims and notes on mentions are written in standOff. */
static gboolean
has_annotations (GPtrArray *infos)
{
  for (guint i = 0; i < infos->len; i++)
    {
      const SpanInfo *info = infos->pdata[i];

      if (info->claim != NULL || (info->mention != NULL && info->mention->note != NULL))
        return TRUE;
    }

  return FALSE;
}

static void
write_annotations (Writer             *w,
                   const DocumentData *data,
                   GPtrArray          *infos,
                   const guint        *n_parts)
{
  g_autofree char *resp_id = local_id (data, "resp", 1);
  g_autofree char *resp_ref = sigla_tei_ref_to (resp_id);
  g_autoptr(GPtrArray) stances = g_ptr_array_new ();
  guint n_claims = 0, n_notes = 0;

  /* The stances in use, in the order the claims use them first. */
  for (guint i = 0; i < data->claims->len; i++)
    {
      SiglaClaim *claim = data->claims->pdata[i];

      if (!g_ptr_array_find_with_equal_func (stances, claim->stance, g_str_equal, NULL))
        g_ptr_array_add (stances, claim->stance);
    }
  if (stances->len > 0)
    {
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_start (w, "interpGrp");
      sigla_tei_writer_attribute (w, "type", "stance");
      for (guint i = 0; i < stances->len; i++)
        {
          g_autofree char *stance = g_strconcat ("stance.", (const char *) stances->pdata[i], NULL);
          g_autofree char *id = g_strconcat (data->prefix, stance, NULL);

          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "interp");
          sigla_tei_writer_attribute (w, "xml:id", id);
          sigla_tei_writer_text (w, stances->pdata[i]);
          sigla_tei_writer_end (w);
        }
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_end (w);
    }

  if (!has_annotations (infos))
    return;

  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_start (w, "listAnnotation");
  for (guint i = 0; i < infos->len; i++)
    {
      const SpanInfo *info = infos->pdata[i];
      g_autofree char *target = NULL;
      g_autofree char *id = NULL;

      if (info->claim == NULL && (info->mention == NULL || info->mention->note == NULL))
        continue;

      target = pieces_target (info, n_parts[i]);
      sigla_tei_writer_indent (w, 3);
      sigla_tei_writer_start (w, "annotation");

      if (info->claim != NULL)
        {
          const SiglaClaim *claim = info->claim;
          g_autofree char *stance = g_strconcat ("#", data->prefix, "stance.", claim->stance, NULL);

          id = local_id (data, "claim", ++n_claims);
          sigla_tei_writer_attribute (w, "xml:id", id);
          sigla_tei_writer_attribute (w, "target", target);
          sigla_tei_writer_attribute (w, "motivation", "describing");
          sigla_tei_writer_attribute (w, "ana", stance);
          sigla_tei_writer_attribute (w, "cert", claim->certainty);
          sigla_tei_writer_attribute (w, "resp", resp_ref);
          write_note (w, "paraphrase", claim->paraphrase);
          write_note (w, "comment", claim->note);
          write_pointer (w, "speaker", sigla_tei_writer_entity_id (w, claim->speaker_id));
          write_pointer (w, "reporter", sigla_tei_writer_entity_id (w, claim->reporter_id));
          for (guint k = 0; k < claim->about->len; k++)
            write_pointer (w, "about", sigla_tei_writer_entity_id (w, g_array_index (claim->about, gint64, k)));
        }
      else
        {
          id = local_id (data, "note", ++n_notes);
          sigla_tei_writer_attribute (w, "xml:id", id);
          sigla_tei_writer_attribute (w, "target", target);
          sigla_tei_writer_attribute (w, "motivation", "commenting");
          sigla_tei_writer_attribute (w, "resp", resp_ref);
          write_note (w, "comment", info->mention->note);
        }

      sigla_tei_writer_indent (w, 3);
      sigla_tei_writer_end (w);
    }
  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_end (w);
}

/* -- one document ------------------------------------------------------- */

static void
span_info_free (gpointer data)
{
  SpanInfo *info = data;

  g_free (info->id);
  g_free (info);
}

/* Claims outside mentions when they cover the same words; then by kind;
 * the words names and relations cite inside all. */
static GPtrArray *
collect_spans (Writer             *w,
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
      info->id = local_id (data, "c", i + 1);
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
      info->id = local_id (data, "e", i + 1);
      span.rank = 2 + SIGLA_KIND_DATE;
      span.outer = FALSE;
      g_array_append_val (spans, span);
      g_ptr_array_add (infos, info);
    }

  return infos;
}

/* Mentions need an id only when they are cut in pieces or have a note. */
static guint *
name_pieces (const DocumentData *data,
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
        info->id = local_id (data, "m", ++n_mentions);
    }

  return n_parts;
}

static gboolean
load_document (SiglaProject  *project,
               gint64         id,
               DocumentData  *data,
               GError       **error)
{
  data->document = sigla_document_get (project, id, error);
  if (data->document == NULL)
    return FALSE;

  data->blocks = sigla_document_get_blocks (project, id, error);
  if (data->mentions == NULL && data->blocks != NULL)
    data->mentions = sigla_mention_list (project, id, error);
  if (data->claims == NULL && data->mentions != NULL)
    data->claims = sigla_claim_list (project, id, error);
  data->revisions = data->claims != NULL ? sigla_document_get_revisions (project, id, error) : NULL;

  return data->revisions != NULL;
}

/* The annotations of one document, taken from a list of all of them in
 * document order from *@next on: a corpus reads them in one pass, not one
 * query a document. */
static GPtrArray *
take_document_slice (GPtrArray *all,
                     guint     *next,
                     gint64     document_id,
                     gboolean   claims)
{
  GPtrArray *slice = g_ptr_array_new ();

  while (*next < all->len)
    {
      gpointer item = all->pdata[*next];
      gint64 owner = claims ? ((SiglaClaim *) item)->document_id : ((SiglaMention *) item)->document_id;

      if (owner != document_id)
        break;
      g_ptr_array_add (slice, item);
      (*next)++;
    }

  return slice;
}

static void
write_tei (Writer             *w,
           const DocumentData *data,
           GPtrArray          *registry,
           int                 depth)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GArray) pieces = NULL;
  g_autofree guint *n_parts = NULL;

  /* Who says the names and relations are so: in the corpus's header, or this one's. */
  if (registry != NULL)
    sigla_tei_registry_choose (w, registry);
  infos = collect_spans (w, data, spans);
  pieces = sigla_tei_layout (data->blocks, spans);
  n_parts = name_pieces (data, pieces, infos);

  if (depth > 0)
    sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_start (w, "TEI");
  if (depth == 0)
    sigla_tei_writer_attribute (w, "xmlns", TEI_NS);
  if (is_language_code (data->document->language))
    sigla_tei_writer_attribute (w, "xml:lang", data->document->language);

  write_header (w, data, registry != NULL);

  /* An empty standOff is not valid TEI. */
  if ((registry != NULL && registry->len > 0) || has_annotations (infos))
    {
      sigla_tei_writer_indent (w, 1);
      sigla_tei_writer_start (w, "standOff");
      if (registry != NULL)
        sigla_tei_registry_write (w, 2, registry);
      write_annotations (w, data, infos, n_parts);
      sigla_tei_writer_indent (w, 1);
      sigla_tei_writer_end (w);
    }

  write_body (w, data, pieces, infos);
  sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_end (w);
}

/* The project's entities, sorted as sigla_entity_list() sorts them. */
static GPtrArray *
registry_from (Writer    *w,
               GPtrArray *order)
{
  GPtrArray *registry = g_ptr_array_new ();

  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = ((SiglaEntity *) order->pdata[i])->id;

      g_ptr_array_add (registry, g_hash_table_lookup (w->entities, &id));
    }

  return registry;
}

/* One document as a <TEI> with the entities (of @order, every one of the
 * project's) its annotations use, and the words of @cited it holds; one
 * imported from another tool's TEI as that TEI, annotated. */
static gboolean
write_document (SiglaProject           *project,
                gint64                  document_id,
                const SiglaTeiOptions  *options,
                GPtrArray              *order,
                SiglaTeiCited          *cited,
                GOutputStream          *output,
                GError                **error)
{
  g_auto(DocumentData) data = { NULL, NULL, NULL, NULL, NULL, "" };
  g_autoptr(GPtrArray) registry = NULL;
  g_autoptr(GPtrArray) used = NULL;
  Writer w = { 0 };
  gboolean woven = FALSE;

  /* Another tool's TEI goes back as its own tree, annotated. */
  if (!sigla_tei_weave (project, document_id, options, output, &woven, error))
    return FALSE;
  if (woven)
    return TRUE;

  if (!load_document (project, document_id, &data, error) ||
      !sigla_tei_writer_open (&w, options, order, output, error))
    return FALSE;

  w.cited = cited;
  w.alone = document_id;
  registry = registry_from (&w, order);
  used = used_entities (&w, registry, &data);
  write_tei (&w, &data, used, 0);
  sigla_tei_writer_indent (&w, 0);

  return sigla_tei_writer_close (&w, error);
}

/**
 * sigla_tei_write_document:
 *
 * Writes one document as a <TEI> with the entities its annotations use; a
 * document imported from another tool's TEI as that TEI, annotated.
 */
gboolean
sigla_tei_write_document (SiglaProject           *project,
                          gint64                  document_id,
                          const SiglaTeiOptions  *options,
                          GOutputStream          *output,
                          GError                **error)
{
  g_autoptr(GPtrArray) order = sigla_entity_list (project, error);
  g_autoptr(SiglaTeiCited) cited = order != NULL ? sigla_tei_cited_new (project, order, error) : NULL;

  return cited != NULL && write_document (project, document_id, options, order, cited, output, error);
}

/**
 * sigla_tei_write_corpus:
 *
 * Writes the whole project as a <teiCorpus>: the registry of every entity
 * once, then each document's <TEI>, whose ids start "d1.", "d2." … so that
 * they stay unique in the one file.
 */
gboolean
sigla_tei_write_corpus (SiglaProject           *project,
                        const SiglaTeiOptions  *options,
                        GOutputStream          *output,
                        GError                **error)
{
  g_autoptr(GPtrArray) documents = sigla_document_list (project, error);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) registry = NULL;
  g_autoptr(GHashTable) prefixes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(SiglaTeiCited) cited = NULL;
  g_autofree char *name = NULL;
  Writer w = { 0 };

  /* Documents are listed, and annotations sorted, by document id. */
  if (documents == NULL || (order = sigla_entity_list (project, error)) == NULL ||
      (mentions = sigla_mention_list (project, 0, error)) == NULL ||
      (claims = sigla_claim_list (project, 0, error)) == NULL ||
      !sigla_tei_writer_open (&w, options, order, output, error))
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    g_hash_table_insert (prefixes, &((SiglaDocument *) documents->pdata[i])->id, g_strdup_printf ("d%u.", i + 1));
  if ((cited = sigla_tei_cited_new (project, order, error)) == NULL)
    {
      sigla_tei_writer_close (&w, NULL);
      return FALSE;
    }
  w.cited = cited;
  w.prefixes = prefixes;

  registry = registry_from (&w, order);
  sigla_tei_registry_choose (&w, registry);
  name = g_path_get_basename (sigla_project_get_path (project));

  sigla_tei_writer_start (&w, "teiCorpus");
  sigla_tei_writer_attribute (&w, "xmlns", TEI_NS);
  sigla_tei_writer_indent (&w, 1);
  sigla_tei_writer_start (&w, "teiHeader");
  sigla_tei_writer_indent (&w, 2);
  sigla_tei_writer_start (&w, "fileDesc");
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_start (&w, "titleStmt");
  sigla_tei_writer_element (&w, 4, "title", name);
  write_resp_stmt (&w, 4, "resp.corpus");
  sigla_tei_registry_write_resp (&w, 4);
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_start (&w, "publicationStmt");
  sigla_tei_writer_element (&w, 4, "p", "Unpublished: annotated with Sigla.");
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_start (&w, "sourceDesc");
  sigla_tei_writer_element (&w, 4, "p", "The documents of a Sigla project.");
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 2);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 1);
  sigla_tei_writer_end (&w);

  if (registry->len > 0)
    {
      sigla_tei_writer_indent (&w, 1);
      sigla_tei_writer_start (&w, "standOff");
      sigla_tei_registry_write (&w, 2, registry);
      sigla_tei_writer_indent (&w, 1);
      sigla_tei_writer_end (&w);
    }

  for (guint i = 0, next_mention = 0, next_claim = 0; i < documents->len && w.error == NULL; i++)
    {
      gint64 id = ((SiglaDocument *) documents->pdata[i])->id;
      g_auto(DocumentData) data = { NULL, NULL, NULL, NULL, NULL, NULL };
      g_autofree char *prefix = g_strdup_printf ("d%u.", i + 1);

      if (options != NULL && g_cancellable_is_cancelled (options->cancellable))
        {
          g_set_error_literal (&w.error, SIGLA_ERROR, SIGLA_ERROR_CANCELLED, _("The export was cancelled"));
          break;
        }

      data.prefix = prefix;
      data.mentions = take_document_slice (mentions, &next_mention, id, FALSE);
      data.claims = take_document_slice (claims, &next_claim, id, TRUE);
      if (!load_document (project, id, &data, &w.error))
        break;
      write_tei (&w, &data, NULL, 1);
      if (options != NULL && options->progress != NULL)
        options->progress (i + 1, documents->len, options->progress_data);
    }

  sigla_tei_writer_indent (&w, 0);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 0);
  return sigla_tei_writer_close (&w, error);
}

typedef struct
{
  gint64                 document_id;   /* 0 for the corpus */
  const SiglaTeiOptions *options;
  GPtrArray             *entities;      /* read once for many documents, or NULL */
  SiglaTeiCited         *cited;         /* with them */
} TeiExport;

static gboolean
write_tei_cb (SiglaProject   *project,
              GOutputStream  *output,
              gpointer        data,
              GError        **error)
{
  const TeiExport *export = data;

  if (export->document_id == 0)
    return sigla_tei_write_corpus (project, export->options, output, error);
  if (export->entities != NULL)
    return write_document (project, export->document_id, export->options, export->entities, export->cited,
                           output, error);
  return sigla_tei_write_document (project, export->document_id, export->options, output, error);
}

/* Through a temporary file renamed into place at the end, so that an
 * interrupted export never leaves a truncated file under the real name. */
static gboolean
write_file (const char             *path,
            SiglaProject           *project,
            gint64                  document_id,
            const SiglaTeiOptions  *options,
            GError                **error)
{
  TeiExport export = { document_id, options, NULL, NULL };

  return sigla_output_write_file (path, write_tei_cb, project, &export, error);
}

gboolean
sigla_tei_export_document (SiglaProject           *project,
                           gint64                  document_id,
                           const SiglaTeiOptions  *options,
                           const char             *path,
                           GError                **error)
{
  g_return_val_if_fail (document_id > 0, FALSE);

  return write_file (path, project, document_id, options, error);
}

gboolean
sigla_tei_export_corpus (SiglaProject           *project,
                         const SiglaTeiOptions  *options,
                         const char             *path,
                         GError                **error)
{
  return write_file (path, project, 0, options, error);
}

/**
 * sigla_tei_file_name:
 *
 * A file name for a document that cannot leave its folder whatever its
 * title says: "0003-Ciphered-Telegram-No-25902.xml".
 *
 * Returns: (transfer full): the name
 */
char *
sigla_tei_file_name (gint64      document_id,
                     const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  GString *name = g_string_new ("");
  guint kept = 0;

  g_string_printf (name, "%04" G_GINT64_FORMAT "-", document_id);
  for (const char *p = ascii; *p != '\0' && kept < MAX_FILE_NAME_TITLE; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (name, *p);
          kept++;
        }
      else if (name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);

  g_string_append (name, ".xml");
  return g_string_free (name, FALSE);
}

/**
 * sigla_tei_export_directory:
 * @directory: an existing folder
 *
 * Writes one file a document into @directory, as one batch: each file is
 * under its name whole, or not at all (see sigla_output_batch_new()).
 *
 * Returns: (transfer full) (element-type utf8): the paths written, or %NULL
 */
GPtrArray *
sigla_tei_export_directory (SiglaProject           *project,
                            const SiglaTeiOptions  *options,
                            const char             *directory,
                            GError                **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(SiglaTeiCited) cited = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SiglaOutputBatch) batch = NULL;
  gboolean written = TRUE;

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("“%s” is not a folder"), directory);
      return NULL;
    }

  /* One read of the project for all the files: one state throughout, and
   * no lock taken and given back at each statement. */
  if (!sigla_db_exec (db, "BEGIN", error))
    return NULL;
  if ((documents = sigla_document_list_titles (project, error)) == NULL ||
      (entities = sigla_entity_list (project, error)) == NULL ||
      (cited = sigla_tei_cited_new (project, entities, error)) == NULL)
    written = FALSE;

  batch = sigla_output_batch_new (directory);
  for (guint i = 0; written && i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];
      g_autofree char *name = sigla_tei_file_name (document->id, document->title);
      char *path = g_build_filename (directory, name, NULL);
      TeiExport export = { document->id, options, entities, cited };

      g_ptr_array_add (paths, path);
      written = sigla_output_batch_write (batch, path, write_tei_cb, project, &export, error);
    }
  sigla_db_exec (db, "COMMIT", NULL);

  return written && sigla_output_batch_commit (batch, error) ? g_steal_pointer (&paths) : NULL;
}
