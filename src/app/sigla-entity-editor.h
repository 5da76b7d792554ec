/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-editor.h: edits one person, place or organisation in place: names, links,
 * coordinates, note; lists where the document names it; merges and deletes. */
#pragma once

#include <adwaita.h>

#include "sigla-core.h"
#include "sigla-entity-evidence.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_ENTITY_EDITOR (sigla_entity_editor_get_type ())

G_DECLARE_FINAL_TYPE (SiglaEntityEditor, sigla_entity_editor, SIGLA, ENTITY_EDITOR, GtkWidget)

gboolean sigla_entity_editor_show       (SiglaEntityEditor  *self,
                                         SiglaProject       *project,
                                         gint64              entity_id,
                                         gint64              document_id,
                                         GError            **error);
gint64   sigla_entity_editor_get_entity (SiglaEntityEditor  *self);
gboolean sigla_entity_editor_is_unsaved (SiglaEntityEditor  *self);
gboolean sigla_entity_editor_save       (SiglaEntityEditor  *self);
void     sigla_entity_editor_focus      (SiglaEntityEditor  *self);
SiglaEntityEvidence *sigla_entity_editor_get_evidence (SiglaEntityEditor *self);

G_END_DECLS
