/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-offsets.c: the conversions between code points (what the project stores) and bytes (what
 * the text is): slicing a document's text (code points to bytes), search hits (bytes to code
 * points) and span checks, against a table of where each code point starts.
 *
 * The input is a text, then optionally a NUL and pairs of 16-bit offsets to slice and check. */

#include <string.h>

#include "fuzz-common.h"
#include "sigla-export-text.h"
#include "sigla-project-private.h"

/* Each slice walks the text and asks the project: a few dozen keep a run fast. */
#define MAX_SLICES 64

typedef struct
{
  const char *text;
  GArray     *bytes;    /* gsize: the byte where each code point starts, and the text's length */
  gint64      length;   /* in code points */
} Reference;

static void
reference_init (Reference  *reference,
                const char *text)
{
  reference->text = text;
  reference->bytes = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gsize byte = p - text;

      g_array_append_val (reference->bytes, byte);
      if (*p == '\0')
        break;
    }
  reference->length = reference->bytes->len - 1;
}

static gsize
byte_of (const Reference *reference,
         gint64           offset)
{
  return g_array_index (reference->bytes, gsize, offset);
}

static gint64
insert_document (const char *text,
                 gint64      length)
{
  SiglaProject *project = fuzz_get_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaDocument) document = sigla_document_new ();
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (SiglaBlock));
  SiglaBlock block = { 0, length, SIGLA_BLOCK_P };

  /* A title with no word in it: every search hit is in the text. */
  document->title = g_strdup ("·");
  document->source_name = g_strdup ("fuzz.txt");
  document->text = g_strdup (text);
  document->length = length;
  g_array_append_val (blocks, block);

  FUZZ_CHECK (sigla_project_begin_action (project, "Import", &error));
  FUZZ_CHECK (sigla_document_insert (project, document, blocks, (const guint8 *) text, strlen (text), &error));
  FUZZ_CHECK (sigla_project_end_action (project, &error));
  return document->id;
}

/* Code points to bytes: a slice is the bytes between the starts of its ends, once clamped to
 * the text, however the slices before it moved the cursor. */
static void
check_slice (SiglaTextCursor *cursor,
             gint64           document_id,
             const Reference *reference,
             gint64           start,
             gint64           end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *slice = sigla_text_cursor_slice (cursor, document_id, start, end, &error);
  gint64 from = CLAMP (start, 0, reference->length);
  gint64 to = CLAMP (end, from, reference->length);
  gboolean fits;

  FUZZ_CHECK (slice != NULL);
  FUZZ_CHECK (strlen (slice) == byte_of (reference, to) - byte_of (reference, from));
  FUZZ_CHECK (memcmp (slice, reference->text + byte_of (reference, from), strlen (slice)) == 0);

  fits = sigla_document_check_span (fuzz_get_project (), document_id, start, end, &error);
  FUZZ_CHECK (fits == (0 <= start && start < end && end <= reference->length));
  FUZZ_CHECK (fits == (error == NULL));
}

static gboolean
is_ascii (const char *text,
          gsize       size)
{
  for (gsize i = 0; i < size; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c);
}

/* The first ASCII word at or after code point @from that stands between ASCII non-word
 * characters, so that the full-text index has it as a token of its own. */
static gboolean
find_word (const Reference *reference,
           gint64           from,
           gint64          *start,
           gint64          *end)
{
  const char *text = reference->text;

  for (gint64 i = from; i < reference->length; i++)
    {
      gsize byte = byte_of (reference, i);
      gint64 k = i;

      if (!is_word_char (text[byte]) || (i > 0 && ((guchar) text[byte - 1] >= 0x80 || is_word_char (text[byte - 1]))))
        continue;

      while (k < reference->length && is_word_char (text[byte_of (reference, k)]))
        k++;
      if (k < reference->length && (guchar) text[byte_of (reference, k)] >= 0x80)
        {
          i = k;
          continue;
        }

      *start = i;
      *end = k;
      return TRUE;
    }

  return FALSE;
}

/* Bytes to code points: every hit of a word found in the text is that word, in text order,
 * and the occurrence it was taken from is among them. */
static void
check_search (const Reference *reference,
              gint64           from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *word = NULL;
  gint64 word_start, word_end;
  gint64 previous = -1;
  gboolean found_it = FALSE;

  if (!find_word (reference, from, &word_start, &word_end))
    return;

  word = g_strndup (reference->text + byte_of (reference, word_start), word_end - word_start);
  /* Between two words these are operators, not words to find. */
  if (g_str_equal (word, "OR") || g_str_equal (word, "NOT"))
    return;

  hits = sigla_search (fuzz_get_project (), word, 0, &error);
  FUZZ_CHECK (hits != NULL && error == NULL);
  FUZZ_CHECK (hits->len > 0);

  for (guint i = 0; i < hits->len; i++)
    {
      const SiglaSearchHit *hit = hits->pdata[i];
      gsize from_byte, to_byte;

      FUZZ_CHECK (!hit->in_title);
      FUZZ_CHECK (previous < hit->start && hit->start < hit->end && hit->end <= reference->length);
      FUZZ_CHECK (hit->snippet != NULL && g_utf8_validate (hit->snippet, -1, NULL));
      previous = hit->start;
      found_it |= hit->start == word_start;

      from_byte = byte_of (reference, hit->start);
      to_byte = byte_of (reference, hit->end);
      if (is_ascii (reference->text + from_byte, to_byte - from_byte))
        FUZZ_CHECK (to_byte - from_byte == strlen (word) &&
                    g_ascii_strncasecmp (reference->text + from_byte, word, strlen (word)) == 0);
    }

  /* Past 50 hits a document's are cut short. */
  FUZZ_CHECK (found_it || hits->len >= 50);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *nul = memchr (data, '\0', size);
  gsize text_size = nul != NULL ? (gsize) (nul - data) : size;
  const uint8_t *pairs = nul != NULL ? nul + 1 : data + size;
  gsize n_pairs = MIN ((size - (pairs - data)) / 4, MAX_SLICES);
  g_autofree char *text = g_utf8_make_valid ((const char *) data, text_size);
  SiglaProject *project = fuzz_get_project ();
  g_autoptr(SiglaTextCursor) cursor = sigla_text_cursor_new (project);
  g_autoptr(GError) error = NULL;
  Reference reference;
  gint64 id;

  if (text[0] == '\0')
    return 0;

  reference_init (&reference, text);
  id = insert_document (text, reference.length);
  fuzz_check_document (project, id);

  for (gsize i = 0; i < n_pairs; i++)
    check_slice (cursor, id, &reference,
                 (gint64) (pairs[4 * i] | pairs[4 * i + 1] << 8) - 8,
                 (gint64) (pairs[4 * i + 2] | pairs[4 * i + 3] << 8) - 8);

  /* Backwards, one code point at a time: the cursor goes back to the start each time. */
  for (gint64 i = MIN (reference.length, MAX_SLICES); i > 0; i--)
    check_slice (cursor, id, &reference, i - 1, i);
  check_slice (cursor, id, &reference, 0, reference.length);

  check_search (&reference, n_pairs > 0 ? pairs[0] : 0);

  /* Undone, the document leaves the project as it was. */
  FUZZ_CHECK (sigla_project_undo (project, NULL, &error));
  g_array_unref (reference.bytes);

  return 0;
}
