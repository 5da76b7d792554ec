/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-claim-editor.h: edits one claim in place: speaker, reporter, stance, certainty,
 * subjects, paraphrase and note. */
#pragma once

#include <adwaita.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_CLAIM_EDITOR (sigla_claim_editor_get_type ())

G_DECLARE_FINAL_TYPE (SiglaClaimEditor, sigla_claim_editor, SIGLA, CLAIM_EDITOR, GtkWidget)

gboolean sigla_claim_editor_show       (SiglaClaimEditor  *self,
                                        SiglaProject      *project,
                                        gint64             claim_id,
                                        gint64             document_id,
                                        GError           **error);
gint64   sigla_claim_editor_get_claim  (SiglaClaimEditor  *self);
gboolean sigla_claim_editor_is_unsaved (SiglaClaimEditor  *self);
gboolean sigla_claim_editor_save       (SiglaClaimEditor  *self);
void     sigla_claim_editor_focus      (SiglaClaimEditor  *self);

G_END_DECLS
