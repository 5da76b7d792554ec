/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-evidence.h: who says so, how surely, and in which words: what an
 * alias or a relation between entities rests on. */
#pragma once

#include "sigla-db.h"
#include "sigla-project.h"

G_BEGIN_DECLS

typedef struct
{
  char   *resp;          /* the annotator who asserted it, or NULL */
  char   *cert;          /* high, medium, low, or NULL: not said */
  gint64  document_id;   /* the document whose words say so, or 0 */
  gint64  start;         /* those words, in code points of its text */
  gint64  end;
} SiglaEvidence;

/* The columns that keep it, in the order bind and read take them. */
#define SIGLA_EVIDENCE_COLUMNS "resp, cert, source_document_id, source_start, source_end"
#define SIGLA_EVIDENCE_N_COLUMNS 5

void     sigla_evidence_clear        (SiglaEvidence        *evidence);
void     sigla_evidence_copy         (SiglaEvidence        *to,
                                      const SiglaEvidence  *from);
gboolean sigla_evidence_is_empty     (const SiglaEvidence  *evidence);
gboolean sigla_evidence_is_certainty (const char           *cert);
void     sigla_evidence_bind         (sqlite3_stmt         *stmt,
                                      int                   first,
                                      const SiglaEvidence  *evidence);
void     sigla_evidence_read         (SiglaEvidence        *evidence,
                                      sqlite3_stmt         *stmt,
                                      int                   first);
gboolean sigla_evidence_check        (SiglaProject         *project,
                                      const SiglaEvidence  *evidence,
                                      GError              **error);
char    *sigla_evidence_words        (SiglaProject         *project,
                                      const SiglaEvidence  *evidence,
                                      GError              **error);
gboolean sigla_evidence_parse_span   (const char           *text,
                                      SiglaEvidence        *evidence,
                                      GError              **error);

G_END_DECLS
