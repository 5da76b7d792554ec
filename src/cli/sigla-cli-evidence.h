/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-evidence.h: sigla-cli entity alias and relation: names and
 * relations with who says so and where. */
#pragma once

#include <json-glib/json-glib.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define ENTITY_ALIAS_USAGE "entity alias PROJECT ID NAME [--type TYPE] [--cert high|medium|low] " \
                           "[--source DOC:START-END] [--annotator NAME] [--note TEXT]"
#define RELATION_ADD_USAGE "relation add PROJECT FROM TO --type TYPE [--cert high|medium|low] " \
                           "[--source DOC:START-END] [--annotator NAME] [--note TEXT]"
#define RELATION_LIST_USAGE "relation list PROJECT [--entity ID] [--json]"
#define RELATION_DELETE_USAGE "relation delete PROJECT ID"

int  cmd_entity_alias    (int                  argc,
                          char               **argv);
int  cmd_relation_add    (int                  argc,
                          char               **argv);
int  cmd_relation_list   (int                  argc,
                          char               **argv);
int  cmd_relation_delete (int                  argc,
                          char               **argv);
void add_evidence        (JsonBuilder         *builder,
                          SiglaProject        *project,
                          const SiglaEvidence *evidence);

G_END_DECLS
