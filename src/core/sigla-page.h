/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-page.h: turns an archive page (plain text or Markdown-ish) into reading text,
 * blocks and the metadata the page states. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GString *text;               /* the reading text: NFC, one block a line */
  GArray  *blocks;             /* SiglaBlock, in code points */
  gint64   length;             /* of text, in code points */
  char    *title;
  char    *date;               /* ISO 8601 */
  char    *date_text;
  char    *citation;
  char    *archive;
  char    *url;
  char    *language;
  char    *original_language;
  char    *summary;
} SiglaPage;

SiglaPage *sigla_page_parse (const char *text,
                             gsize       length);
void       sigla_page_free  (SiglaPage  *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaPage, sigla_page_free)

G_END_DECLS
