/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-evidence.h: an entity's other names with who says so, how surely and where,
 * and its relations to others; each cited from the words selected in the text. */
#pragma once

#include <adwaita.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_ENTITY_EVIDENCE (sigla_entity_evidence_get_type ())

G_DECLARE_FINAL_TYPE (SiglaEntityEvidence, sigla_entity_evidence, SIGLA, ENTITY_EVIDENCE, GtkWidget)

/* Fills in the words selected in the text (document, start, end) and who the
 * user is (resp); FALSE when no words are selected. */
typedef gboolean (*SiglaCiteFunc) (gpointer       user_data,
                                   SiglaEvidence *evidence);

void     sigla_entity_evidence_set_cite_func (SiglaEntityEvidence  *self,
                                              SiglaCiteFunc         func,
                                              gpointer              user_data);
gboolean sigla_entity_evidence_show          (SiglaEntityEvidence  *self,
                                              SiglaProject         *project,
                                              const SiglaEntity    *entity,
                                              GError              **error);

G_END_DECLS
