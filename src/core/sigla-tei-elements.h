/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-elements.h: what TEI's elements are to a reader: running text (phrases), blocks,
 * what holds blocks, and what is not the document's text at all. */
#pragma once

#include "sigla-tei-tree.h"

G_BEGIN_DECLS

/* What an element does inside running text. */
typedef enum
{
  SIGLA_TEI_ROLE_TEXT = 1,       /* read, and may be an annotation */
  SIGLA_TEI_ROLE_NOTE,           /* read after its block */
  SIGLA_TEI_ROLE_LINE_BREAK,     /* lb */
  SIGLA_TEI_ROLE_BREAK,          /* pb, cb: a word goes on across them */
  SIGLA_TEI_ROLE_SPACE,
  SIGLA_TEI_ROLE_ALTERNATIVE,    /* choice, app, subst, rdgGrp: one reading shown */
} SiglaTeiRole;

gboolean     sigla_tei_element_is_phrase     (const xmlNode *node);
gboolean     sigla_tei_element_is_kept_out   (const xmlNode *node);
gboolean     sigla_tei_element_holds_blocks  (const xmlNode *node);
SiglaTeiRole sigla_tei_element_role          (const xmlNode *node);
gboolean     sigla_tei_is_phrase_element     (const xmlNode *node);

G_END_DECLS
