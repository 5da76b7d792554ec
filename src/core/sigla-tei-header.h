/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-header.h: a TEI header as a document's metadata. */
#pragma once

#include "sigla-document.h"
#include "sigla-tei-tree.h"

G_BEGIN_DECLS

SiglaDocument *sigla_tei_header_read             (const xmlNode       *tei,
                                                  const char          *path,
                                                  gboolean             foreign);
char          *sigla_tei_header_annotation_date  (const SiglaDocument *document);

G_END_DECLS
