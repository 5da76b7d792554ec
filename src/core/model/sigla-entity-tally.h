/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-tally.h: the people, places and organisations named in a document (or the whole
 * project), each with how often: three list models that follow the project as it changes. */
#pragma once

#include <gio/gio.h>

#include "sigla-change-queue.h"
#include "sigla-kind.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_ENTITY_ITEM (sigla_entity_item_get_type ())

G_DECLARE_FINAL_TYPE (SiglaEntityItem, sigla_entity_item, SIGLA, ENTITY_ITEM, GObject)

gint64              sigla_entity_item_get_id      (SiglaEntityItem *self);
const char         *sigla_entity_item_get_label   (SiglaEntityItem *self);
const char * const *sigla_entity_item_get_aliases (SiglaEntityItem *self);
guint               sigla_entity_item_get_count   (SiglaEntityItem *self);

#define SIGLA_TYPE_ENTITY_TALLY (sigla_entity_tally_get_type ())

G_DECLARE_FINAL_TYPE (SiglaEntityTally, sigla_entity_tally, SIGLA, ENTITY_TALLY, GObject)

SiglaEntityTally *sigla_entity_tally_new       (void);
GListModel       *sigla_entity_tally_get_model (SiglaEntityTally  *self,
                                                SiglaKind          kind);
gboolean          sigla_entity_tally_set_scope (SiglaEntityTally  *self,
                                                SiglaProject      *project,
                                                gint64             document_id,
                                                GError           **error);
gboolean          sigla_entity_tally_find      (SiglaEntityTally  *self,
                                                gint64             entity_id,
                                                SiglaKind         *kind,
                                                guint             *position);

G_END_DECLS
