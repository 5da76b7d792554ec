/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-private.h: what the entity's store shares with its names' store. */
#pragma once

#include "sigla-db.h"
#include "sigla-entity.h"

G_BEGIN_DECLS

gboolean sigla_entity_run_with_id   (SiglaDb            *db,
                                     const char         *sql,
                                     gint64              id,
                                     GError            **error);
void     sigla_entity_alias_free    (SiglaAlias         *alias);
gboolean sigla_entity_check_aliases (const SiglaEntity  *entity,
                                     GError            **error);
gboolean sigla_entity_write_names   (SiglaProject       *project,
                                     const SiglaEntity  *entity,
                                     GError            **error);
gboolean sigla_entity_read_names    (SiglaDb            *db,
                                     GHashTable         *by_id,
                                     gint64              only_id,
                                     GError            **error);

G_END_DECLS
