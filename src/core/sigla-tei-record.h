/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-record.h: a register's record as an entity. */
#pragma once

#include "sigla-entity.h"
#include "sigla-tei-tree.h"

G_BEGIN_DECLS

gboolean     sigla_tei_is_uri      (const char    *text);
const char  *sigla_tei_known_base  (const char    *prefix);
SiglaEntity *sigla_tei_record_read (const xmlNode *record,
                                    SiglaKind      kind);

G_END_DECLS
