/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-refs.h: a TEI file's registries as entities, and what its references point to:
 * "#id", a "prefix:value" its listPrefixDef expands, a bare key, or an authority URI. */
#pragma once

#include "sigla-kind.h"
#include "sigla-project.h"
#include "sigla-tei-report.h"
#include "sigla-tei-tree.h"

G_BEGIN_DECLS

typedef struct _SiglaTeiRefs SiglaTeiRefs;

SiglaTeiRefs *sigla_tei_refs_new           (SiglaProject    *project,
                                            const char      *path,
                                            gboolean         strict,
                                            SiglaTeiReport  *report,
                                            GError         **error);
void          sigla_tei_refs_free          (SiglaTeiRefs    *refs);
void          sigla_tei_refs_set_lookup_only (SiglaTeiRefs  *refs);
const char   *sigla_tei_refs_get_record    (SiglaTeiRefs    *refs,
                                            gint64           entity_id);
gboolean      sigla_tei_refs_read_registry (SiglaTeiRefs    *refs,
                                            xmlNode         *root,
                                            GError         **error);
gboolean      sigla_tei_refs_resolve       (SiglaTeiRefs    *refs,
                                            const xmlNode   *node,
                                            const char      *reference,
                                            SiglaKind        kind,
                                            gint64          *entity_id,
                                            GError         **error);
gboolean      sigla_tei_refs_resolve_node  (SiglaTeiRefs    *refs,
                                            const xmlNode   *node,
                                            SiglaKind        kind,
                                            gint64          *entity_id,
                                            GError         **error);
gint64        sigla_tei_refs_lookup        (SiglaTeiRefs    *refs,
                                            const char      *xml_id);
char         *sigla_tei_refs_expand        (SiglaTeiRefs    *refs,
                                            const char      *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaTeiRefs, sigla_tei_refs_free)

G_END_DECLS
