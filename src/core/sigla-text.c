/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-text.c: Unicode helpers for reading texts. */

#include "sigla-text.h"

/* What GLib normalises in one call: its time grows with the length of what it composes. */
#define NFC_PIECE_BYTES 4096

/**
 * sigla_text_normalize:
 * @text: valid UTF-8
 * @length: its length in bytes
 *
 * Puts @text in Unicode NFC. A long text goes through in pieces, each cut
 * before an ASCII character: no composition puts one after another
 * character, so the cut changes nothing.
 *
 * Returns: (transfer full) (nullable): the text in NFC, or %NULL if it is
 *   not valid UTF-8
 */
char *
sigla_text_normalize (const char *text,
                      gsize       length)
{
  g_autoptr(GString) out = g_string_sized_new (length);

  for (gsize start = 0; start < length;)
    {
      gsize end = MIN (start + NFC_PIECE_BYTES, length);
      g_autofree char *piece = NULL;

      while (end < length && (guchar) text[end] >= 0x80)
        end++;

      piece = g_utf8_normalize (text + start, end - start, G_NORMALIZE_NFC);
      if (piece == NULL)
        return NULL;
      g_string_append (out, piece);
      start = end;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * sigla_text_keep_first:
 * @value: (transfer full) (nullable): what the source says, taken
 *
 * Sets *@field to @value unless it is set already or @value is empty: a
 * source that says a thing twice keeps the first.
 */
void
sigla_text_keep_first (char **field,
                       char  *value)
{
  if (*field == NULL && value != NULL && *value != '\0')
    *field = value;
  else
    g_free (value);
}

/**
 * sigla_text_span:
 * @start: code points into @text, inclusive
 * @end: exclusive; within @text
 *
 * Returns: (transfer full): the words of @text from @start to @end on one
 *   line, its line breaks and tabs read as spaces, for a list to show
 */
char *
sigla_text_span (const char *text,
                 gint64      start,
                 gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (from, end - start);
  char *words = g_strndup (from, to - from);

  return g_strdelimit (words, "\n\t\r", ' ');
}
