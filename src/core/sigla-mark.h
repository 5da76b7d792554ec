/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-mark.h: a document's annotations as bare spans, what a view highlights and points at. */
#pragma once

#include "sigla-mention.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     id;         /* the mention's, or the claim's */
  gint64     document_id;
  gboolean   claim;
  SiglaKind  kind;       /* mentions only */
  gint64     entity_id;  /* mentions only; 0 if not identified */
  gint64     start;      /* code points */
  gint64     end;
  char      *when;       /* date mentions: the ISO value, or NULL */
} SiglaMark;

GArray    *sigla_mark_list         (SiglaProject       *project,
                                    gint64              document_id,
                                    gint64              before,
                                    GError            **error);
gboolean   sigla_mark_get          (SiglaProject       *project,
                                    gboolean            claim,
                                    gint64              id,
                                    SiglaMark          *mark,
                                    GError            **error);
SiglaMark  sigla_mark_from_mention (const SiglaMention *mention);
void       sigla_mark_clear        (SiglaMark          *span);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SiglaMark, sigla_mark_clear)

G_END_DECLS
