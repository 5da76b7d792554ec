/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import.c: any bytes through the text import: decoding, then the archive-page parser
 * (Markdown, metadata, dates), which must give well-formed reading text and blocks. */

#include <string.h>

#include "fuzz-common.h"
#include "sigla-page.h"
#include "sigla-source.h"

#define NAME "fuzz.txt"

/* The reading text is the blocks joined by line breaks, in NFC, with no control character
 * that XML could not carry. */
static void
check_text (const SiglaPage *page)
{
  const char *text = page->text->str;
  const char *p = text;
  gint64 offset = 0;
  g_autofree char *nfc = NULL;

  FUZZ_CHECK (g_utf8_validate_len (text, page->text->len, NULL));
  FUZZ_CHECK (g_utf8_strlen (text, page->text->len) == page->length);

  nfc = g_utf8_normalize (text, page->text->len, G_NORMALIZE_NFC);
  FUZZ_CHECK (nfc != NULL && strcmp (nfc, text) == 0);

  for (guint i = 0; i < page->blocks->len; i++)
    {
      const SiglaBlock *block = &g_array_index (page->blocks, SiglaBlock, i);

      FUZZ_CHECK (block->kind == SIGLA_BLOCK_HEAD || block->kind == SIGLA_BLOCK_P ||
                  block->kind == SIGLA_BLOCK_ITEM);
      /* One line break between blocks, none inside one, and no empty block. */
      FUZZ_CHECK (block->start == (i == 0 ? 0 : offset + 1));
      FUZZ_CHECK (block->end > block->start);
      if (i > 0)
        {
          FUZZ_CHECK (*p == '\n');
          p++;
        }

      for (offset = block->start; offset < block->end; offset++, p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          FUZZ_CHECK (*p != '\0');
          FUZZ_CHECK (!g_unichar_iscntrl (c));
        }
    }

  FUZZ_CHECK (*p == '\0');
  FUZZ_CHECK (offset == page->length);
}

static void
check_metadata (const SiglaPage *page)
{
  const char * const fields[] = {
    page->title, page->date, page->date_text, page->citation, page->archive, page->url,
    page->language, page->original_language, page->summary,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    fuzz_check_utf8 (fields[i]);

  /* A date found is one Sigla can store, and it says where it came from. */
  FUZZ_CHECK ((page->date == NULL) == (page->date_text == NULL));
  FUZZ_CHECK (page->date == NULL || sigla_date_is_iso (page->date));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaPage) page = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = sigla_source_decode (NAME, bytes, &length, &error);
  if (text == NULL)
    {
      fuzz_check_error (error, NAME);
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (g_utf8_validate_len (text, length, NULL));

  page = sigla_page_parse (text, length);
  check_text (page);
  check_metadata (page);

  return 0;
}
