/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-evidence.h: reads back who says a name or a relation is so: the @cert, @resp
 * and @source of a registry's names, and its listRelation. */
#pragma once

#include "sigla-project.h"
#include "sigla-tei-refs.h"
#include "sigla-tei-report.h"

G_BEGIN_DECLS

typedef struct _SiglaTeiEvidence SiglaTeiEvidence;

SiglaTeiEvidence *sigla_tei_evidence_new   (SiglaProject      *project,
                                            SiglaTeiRefs      *refs,
                                            GHashTable        *ids);
void              sigla_tei_evidence_free  (SiglaTeiEvidence  *evidence);
gboolean          sigla_tei_evidence_is_cited (const xmlNode  *node);
void              sigla_tei_evidence_cite  (SiglaTeiEvidence  *evidence,
                                            const char        *xml_id,
                                            gint64             document_id,
                                            gint64             start,
                                            gint64             end);
gboolean          sigla_tei_evidence_read  (SiglaTeiEvidence  *evidence,
                                            xmlNode           *root,
                                            SiglaTeiReport    *report,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaTeiEvidence, sigla_tei_evidence_free)

G_END_DECLS
