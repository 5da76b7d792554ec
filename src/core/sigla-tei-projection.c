/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-projection.c: the reading text of a TEI tree, and the way back from its offsets
 * to the tree.
 *
 * A block is an element that holds text but no other block (p, head, l, cell, dateline,
 * speaker, def …, and any element the list below does not know); an element that holds
 * blocks is walked through, and text standing between its blocks becomes a block of its
 * own. Inside a block everything reads as running text, but for alternatives (one reading
 * shown), line breaks (a space, or nothing with break="no") and notes, which are read
 * after their block as blocks of their own. What is kept out on purpose is counted by
 * element name, so an import can say so. */

#define G_LOG_DOMAIN "sigla-tei-projection"

#include <string.h>

#include "sigla-tei-elements.h"
#include "sigla-tei-projection-private.h"
#include "sigla-text.h"

static gboolean
is_text (const xmlNode *node)
{
  return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
breaks_no_word (const xmlNode *node)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST "break");
  gboolean no = value != NULL && g_strcmp0 ((const char *) value, "no") == 0;

  xmlFree (value);
  return no;
}

static void
count_kept_out (SiglaTeiProjection *p,
                xmlNode            *node)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (p->kept_out, node->name));

  g_hash_table_insert (p->kept_out, (gpointer) node->name, GUINT_TO_POINTER (n + 1));
  g_hash_table_add (p->hidden, node);
}

/* -- the text, and where each of its characters comes from ---------------- */

static void
add_segment (SiglaTeiProjection *p,
             xmlNode            *node,
             gsize               byte,
             gsize               bytes,
             gint64              length,
             gboolean            exact)
{
  Segment *last = p->segments->len > 0 ? &g_array_index (p->segments, Segment, p->segments->len - 1) : NULL;
  Segment segment = { p->length - length, length, node, byte, bytes, exact };

  if (exact && last != NULL && last->exact && last->node == node && last->byte + last->bytes == byte &&
      last->start + last->length == segment.start)
    {
      last->length += length;
      last->bytes += bytes;
      return;
    }
  g_array_append_val (p->segments, segment);
}

/* After the text lost its last character: what ended after it ends before
 * it, what started after it starts there, in the open block. */
static void
clamp_to_length (SiglaTeiProjection *p)
{
  for (guint i = p->block_marked; i < p->marked->len; i++)
    {
      SiglaTeiMarked *marked = &g_array_index (p->marked, SiglaTeiMarked, i);

      marked->start = MIN (marked->start, p->length);
      marked->end = MIN (marked->end, p->length);
    }
  for (guint i = p->block_alternatives; i < p->alternatives->len; i++)
    {
      SiglaTeiOtherReading *other = &g_array_index (p->alternatives, SiglaTeiOtherReading, i);

      other->start = MIN (other->start, p->length);
      other->end = MIN (other->end, p->length);
    }
}

/* Takes back the last character if it is a space: none ends a block, nor
 * comes before a word joined across a line break. */
static void
drop_trailing_space (SiglaTeiProjection *p)
{
  gsize n = p->text->len;
  Segment *last;

  if (n == 0 || p->text->str[n - 1] != ' ')
    return;

  g_string_truncate (p->text, n - 1);
  p->length--;
  clamp_to_length (p);

  last = p->segments->len > 0 ? &g_array_index (p->segments, Segment, p->segments->len - 1) : NULL;
  if (last == NULL || last->start + last->length != p->length + 1)
    return;
  if (last->length == 1)
    g_array_set_size (p->segments, p->segments->len - 1);
  else
    {
      const char *content = (const char *) last->node->content;
      const char *end = content + last->byte + last->bytes;

      last->length--;
      last->bytes -= end - g_utf8_prev_char (end);
    }
}

/* A synthetic space (a line break's): runs of white space read as one, and
 * none at the start of a block. */
static void
append_break (SiglaTeiProjection *p)
{
  gsize n = p->text->len;

  if (n == 0 || p->text->str[n - 1] == ' ' || p->text->str[n - 1] == '\n' || p->joining)
    return;
  g_string_append_c (p->text, ' ');
  p->length++;
}

static void
append_char (SiglaTeiProjection *p,
             xmlNode            *node,
             gsize               byte,
             gsize               bytes,
             gunichar            c)
{
  if (g_unichar_isspace (c))
    {
      gsize n = p->text->len;

      if (n == 0 || p->text->str[n - 1] == ' ' || p->text->str[n - 1] == '\n' || p->joining)
        return;
      g_string_append_c (p->text, ' ');
      p->length++;
      add_segment (p, node, byte, bytes, 1, TRUE);
      return;
    }
  if (g_unichar_iscntrl (c))
    return;

  p->joining = FALSE;
  g_string_append_unichar (p->text, c);
  p->length++;
  add_segment (p, node, byte, bytes, 1, TRUE);
}

/* A character and the marks that follow it, which NFC may compose. */
static gsize
cluster_end (const char *text,
             gsize       at)
{
  const char *p = g_utf8_next_char (text + at);

  while (*p != '\0' && g_unichar_combining_class (g_utf8_get_char (p)) != 0)
    p = g_utf8_next_char (p);
  return p - text;
}

static void
append_text (SiglaTeiProjection *p,
             xmlNode            *node)
{
  const char *content = (const char *) node->content;
  gsize size = content != NULL ? strlen (content) : 0;
  g_autofree char *normalized = NULL;
  gboolean composed;

  if (size == 0)
    return;

  /* Below U+0300 every character is in NFC and none composes with another
   * (a mark that could, U+0300 and up, would be seen): most texts need no
   * normalising at all. */
  composed = FALSE;
  for (const char *q = content; *q != '\0'; q++)
    if ((guchar) *q >= 0xCC)
      {
        normalized = sigla_text_normalize (content, size);
        composed = normalized != NULL && strcmp (normalized, content) != 0;
        break;
      }

  for (gsize at = 0; at < size;)
    {
      gunichar c = g_utf8_get_char (content + at);
      gsize next = g_utf8_next_char (content + at) - content;

      if (composed && !g_unichar_isspace (c))
        {
          gsize end = cluster_end (content, at);
          g_autofree char *nfc = g_utf8_normalize (content + at, end - at, G_NORMALIZE_NFC);
          gint64 length = 0;

          for (const char *q = nfc; q != NULL && *q != '\0'; q = g_utf8_next_char (q))
            if (!g_unichar_iscntrl (g_utf8_get_char (q)))
              {
                g_string_append_unichar (p->text, g_utf8_get_char (q));
                length++;
              }
          if (length > 0)
            {
              p->joining = FALSE;
              p->length += length;
              add_segment (p, node, at, end - at, length, length == 1 && g_utf8_strlen (content + at, end - at) == 1);
            }
          at = end;
          continue;
        }

      if (!composed && !g_unichar_isspace (c) && !g_unichar_iscntrl (c))
        {
          /* A run of word characters goes in at once, one segment. */
          gsize end = next;
          gint64 length = 1;

          while (end < size)
            {
              guchar byte = content[end];
              gunichar d;

              if (byte < 0x80)
                {
                  /* One space between words reads as itself: the run goes on. */
                  if (byte == ' ' && end + 1 < size && (guchar) content[end + 1] > ' ' &&
                      content[end + 1] != 0x7F)
                    {
                      end++;
                      length++;
                      continue;
                    }
                  if (byte <= ' ' || byte == 0x7F)
                    break;
                  end++;
                }
              else
                {
                  d = g_utf8_get_char (content + end);
                  if (g_unichar_isspace (d) || g_unichar_iscntrl (d))
                    break;
                  end = g_utf8_next_char (content + end) - content;
                }
              length++;
            }
          g_string_append_len (p->text, content + at, end - at);
          p->length += length;
          p->joining = FALSE;
          add_segment (p, node, at, end - at, length, TRUE);
          at = end;
          continue;
        }

      append_char (p, node, at, next - at, c);
      at = next;
    }
}

/* -- walking the tree ------------------------------------------------------ */

static void walk_inline    (SiglaTeiProjection *p,
                            xmlNode            *first,
                            xmlNode            *last);
static void walk_container (SiglaTeiProjection *p,
                            xmlNode            *node);

static SiglaBlockKind
block_kind_of (const xmlNode *node)
{
  if (sigla_tei_is_element (node, "head"))
    return SIGLA_BLOCK_HEAD;
  if (sigla_tei_is_element (node, "item"))
    return SIGLA_BLOCK_ITEM;
  return SIGLA_BLOCK_P;
}

static gboolean
is_reading (SiglaTeiProjection *p,
            const xmlNode      *node)
{
  static const char * const edited[] = { "corr", "reg", "expan", "lem", "add", NULL };
  static const char * const diplomatic[] = { "sic", "orig", "abbr", "rdg", "del", NULL };
  const char * const *names = p->reading == SIGLA_TEI_READING_EDITED ? edited : diplomatic;

  return sigla_tei_is_element (node, NULL) && g_strv_contains (names, (const char *) node->name);
}

/* The one child of an alternative that the text shows: the preferred
 * reading, else the first one; a rdgGrp or a nested choice is one too. */
static xmlNode *
chosen_reading (SiglaTeiProjection *p,
                xmlNode            *alternative)
{
  xmlNode *first = NULL;

  for (xmlNode *c = alternative->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE || sigla_tei_element_is_kept_out (c))
        continue;
      if (is_reading (p, c))
        return c;
      if (first == NULL && !sigla_tei_is_element (c, "witDetail") && !sigla_tei_is_element (c, "note"))
        first = c;
    }
  /* subst: with the edited reading, what was added; else what stood there. */
  return first;
}

static void
walk_alternative (SiglaTeiProjection *p,
                  xmlNode            *alternative)
{
  xmlNode *chosen = chosen_reading (p, alternative);
  guint first = p->alternatives->len;
  gint64 start = p->length, end = p->length;

  for (xmlNode *c = alternative->children; c != NULL; c = c->next)
    {
      if (c == chosen)
        {
          start = p->length;
          walk_inline (p, c, c);
          end = p->length;
        }
      else if (c->type == XML_ELEMENT_NODE)
        {
          if (sigla_tei_is_element (c, "note"))
            walk_inline (p, c, c);
          else if (sigla_tei_element_is_kept_out (c))
            count_kept_out (p, c);
          else
            {
              SiglaTeiOtherReading other = { 0, 0, chosen, c };

              g_hash_table_add (p->hidden, c);
              g_array_append_val (p->alternatives, other);
              p->n_alternatives++;
            }
        }
    }

  /* Where the reading shown stands: only known once it is read. */
  for (guint i = first; i < p->alternatives->len; i++)
    if (g_array_index (p->alternatives, SiglaTeiOtherReading, i).shown == chosen)
      {
        g_array_index (p->alternatives, SiglaTeiOtherReading, i).start = start;
        g_array_index (p->alternatives, SiglaTeiOtherReading, i).end = end;
      }
}

/* Runs of inline content, from @first to @last (included) of its siblings. */
static void
walk_inline (SiglaTeiProjection *p,
             xmlNode            *first,
             xmlNode            *last)
{
  for (xmlNode *c = first; c != NULL; c = c == last ? NULL : c->next)
    {
      if (is_text (c))
        {
          append_text (p, c);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;

      if (sigla_tei_element_is_kept_out (c))
        {
          count_kept_out (p, c);
          continue;
        }

      switch (sigla_tei_element_role (c))
        {
        case SIGLA_TEI_ROLE_NOTE:
          /* Read after its block, where it breaks no sentence. */
          g_ptr_array_add (p->notes, c);
          break;

        case SIGLA_TEI_ROLE_LINE_BREAK:
        case SIGLA_TEI_ROLE_BREAK:
          if (breaks_no_word (c))
            {
              drop_trailing_space (p);
              p->joining = TRUE;
            }
          else if (sigla_tei_is_element (c, "lb"))
            append_break (p);
          break;

        case SIGLA_TEI_ROLE_SPACE:
          append_break (p);
          break;

        case SIGLA_TEI_ROLE_ALTERNATIVE:
          walk_alternative (p, c);
          break;

        default:
        {
          SiglaTeiMarked marked = { c, p->length, 0, 0, FALSE };
          guint index = p->marked->len;

          g_array_append_val (p->marked, marked);
          walk_inline (p, c->children, NULL);
          g_array_index (p->marked, SiglaTeiMarked, index).end = p->length;
        }
        }
    }
}

static void walk_note (SiglaTeiProjection *p,
                       xmlNode            *note);

/* One block: @first to @last of their siblings, then the notes they hold. */
static void
read_block (SiglaTeiProjection *p,
            xmlNode            *element,
            SiglaBlockKind      kind,
            xmlNode            *first,
            xmlNode            *last)
{
  g_autoptr(GPtrArray) outer_notes = p->notes;
  SiglaBlock block;
  gboolean newline = p->text->len > 0;

  p->notes = g_ptr_array_new ();
  if (newline)
    {
      g_string_append_c (p->text, '\n');
      p->length++;
    }
  block.start = p->length;
  block.kind = p->in_note > 0 ? SIGLA_BLOCK_NOTE : kind;
  p->block_marked = p->marked->len;
  p->block_alternatives = p->alternatives->len;
  p->joining = FALSE;

  if (element != NULL)
    g_hash_table_add (p->block_nodes, element);
  walk_inline (p, first, last);
  drop_trailing_space (p);
  p->joining = FALSE;

  block.end = p->length;
  if (block.end > block.start)
    g_array_append_val (p->blocks, block);
  else if (newline)
    {
      /* A block with no text leaves no empty line. */
      g_string_truncate (p->text, p->text->len - 1);
      p->length--;
      clamp_to_length (p);
    }

  {
    g_autoptr(GPtrArray) notes = g_steal_pointer (&p->notes);

    p->notes = g_steal_pointer (&outer_notes);
    for (guint i = 0; i < notes->len; i++)
      walk_note (p, notes->pdata[i]);
  }
}

static void
walk_note (SiglaTeiProjection *p,
           xmlNode            *note)
{
  p->n_notes++;
  p->in_note++;
  if (sigla_tei_element_holds_blocks (note))
    walk_container (p, note);
  else
    read_block (p, NULL, SIGLA_BLOCK_NOTE, note->children, NULL);
  p->in_note--;
}

/* The children of an element that holds blocks: each block read, each
 * container walked, and runs of text between them read as blocks too. */
static void
walk_container (SiglaTeiProjection *p,
                xmlNode            *node)
{
  xmlNode *run = NULL;          /* the first of a run of inline content */
  xmlNode *run_last = NULL;
  gboolean run_has_text = FALSE;

  for (xmlNode *c = node->children;; c = c->next)
    {
      gboolean inline_content = c != NULL && c->type != XML_ELEMENT_NODE;

      if (c != NULL && c->type == XML_ELEMENT_NODE)
        inline_content = !sigla_tei_element_is_kept_out (c) && sigla_tei_element_is_phrase (c) && !sigla_tei_is_element (c, "note") &&
                         !sigla_tei_element_holds_blocks (c);
      if (inline_content)
        {
          if (run == NULL)
            run = c;
          run_last = c;
          if (is_text (c) ? !is_blank ((const char *) c->content) : c->type == XML_ELEMENT_NODE)
            run_has_text = TRUE;
          continue;
        }

      if (run != NULL && run_has_text)
        read_block (p, NULL, SIGLA_BLOCK_P, run, run_last);
      run = NULL;
      run_has_text = FALSE;

      if (c == NULL)
        break;

      if (sigla_tei_element_is_kept_out (c))
        count_kept_out (p, c);
      else if (sigla_tei_is_element (c, "note"))
        walk_note (p, c);
      else if (sigla_tei_element_holds_blocks (c))
        walk_container (p, c);
      else
        read_block (p, c, block_kind_of (c), c->children, NULL);
    }
}

/* -- public API ------------------------------------------------------------- */

static const char * const reading_names[] = {
  [SIGLA_TEI_READING_EDITED] = "edited",
  [SIGLA_TEI_READING_DIPLOMATIC] = "diplomatic",
};

const char *
sigla_tei_reading_to_string (SiglaTeiReading reading)
{
  return reading_names[reading];
}

/* The reading a name stands for; the edited one for NULL or a name not known. */
SiglaTeiReading
sigla_tei_reading_from_string (const char *name)
{
  return g_strcmp0 (name, reading_names[SIGLA_TEI_READING_DIPLOMATIC]) == 0 ? SIGLA_TEI_READING_DIPLOMATIC
                                                                             : SIGLA_TEI_READING_EDITED;
}

/**
 * sigla_tei_project:
 * @text: a TEI `text` element (or any element that holds blocks)
 *
 * Reads the reading text of @text: its blocks, the elements that may be
 * annotations (names, dates, said, …) with the code points they cover, and
 * the map from each code point back to the text node it comes from. The
 * projection points into the tree, which must outlive it.
 */
SiglaTeiProjection *
sigla_tei_project (xmlNode         *text,
                   SiglaTeiReading  reading)
{
  SiglaTeiProjection *p = g_new0 (SiglaTeiProjection, 1);

  p->reading = reading;
  p->text = g_string_new ("");
  p->blocks = g_array_new (FALSE, FALSE, sizeof (SiglaBlock));
  p->marked = g_array_new (FALSE, FALSE, sizeof (SiglaTeiMarked));
  p->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  p->alternatives = g_array_new (FALSE, FALSE, sizeof (SiglaTeiOtherReading));
  p->block_nodes = g_hash_table_new (NULL, NULL);
  p->hidden = g_hash_table_new (NULL, NULL);
  p->kept_out = g_hash_table_new (g_str_hash, g_str_equal);
  p->notes = g_ptr_array_new ();

  if (text != NULL)
    {
      if (sigla_tei_element_holds_blocks (text))
        walk_container (p, text);
      else
        read_block (p, NULL, block_kind_of (text), text->children, NULL);
    }
  sigla_tei_projection_link_pieces (p);

  return p;
}

void
sigla_tei_projection_free (SiglaTeiProjection *p)
{
  if (p == NULL)
    return;
  if (p->text != NULL)
    g_string_free (p->text, TRUE);
  g_array_unref (p->blocks);
  g_array_unref (p->marked);
  g_array_unref (p->segments);
  g_array_unref (p->alternatives);
  g_hash_table_unref (p->block_nodes);
  g_hash_table_unref (p->hidden);
  g_hash_table_unref (p->kept_out);
  g_clear_pointer (&p->notes, g_ptr_array_unref);
  g_free (p);
}

const char *
sigla_tei_projection_get_text (SiglaTeiProjection *p,
                               gint64             *length)
{
  if (length != NULL)
    *length = p->length;
  return p->text->str;
}

char *
sigla_tei_projection_steal_text (SiglaTeiProjection *p)
{
  char *text = g_string_free (g_steal_pointer (&p->text), FALSE);

  p->text = g_string_new ("");
  return text;
}

/* Returns: (transfer none): SiglaBlock, in text order */
GArray *
sigla_tei_projection_get_blocks (SiglaTeiProjection *p)
{
  return p->blocks;
}

/* Returns: (transfer none): SiglaTeiMarked, in the order of their start tags */
GArray *
sigla_tei_projection_get_marked (SiglaTeiProjection *p)
{
  return p->marked;
}

/* Returns: (transfer none): element name → how many were kept out of the text */
GHashTable *
sigla_tei_projection_get_kept_out (SiglaTeiProjection *p)
{
  return p->kept_out;
}

/* Returns: (transfer none): SiglaTeiOtherReading, the readings not shown, in the text's order */
GArray *
sigla_tei_projection_get_other_readings (SiglaTeiProjection *p)
{
  return p->alternatives;
}

guint
sigla_tei_projection_get_n_alternatives (SiglaTeiProjection *p)
{
  return p->n_alternatives;
}

guint
sigla_tei_projection_get_n_notes (SiglaTeiProjection *p)
{
  return p->n_notes;
}

gboolean
sigla_tei_projection_is_block (SiglaTeiProjection *p,
                               const xmlNode      *node)
{
  return g_hash_table_contains (p->block_nodes, node);
}

/* Whether @node's text is not read: another reading, or kept out. */
gboolean
sigla_tei_projection_is_hidden (SiglaTeiProjection *p,
                                const xmlNode      *node)
{
  return g_hash_table_contains (p->hidden, node);
}
