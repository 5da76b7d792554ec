/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-relation.h: typed relations between entities (writes to, reports to,
 * is part of …), each with who says so and where. */
#pragma once

#include "sigla-evidence.h"
#include "sigla-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64         id;
  char          *type;       /* one token: writes-to, member-of … */
  gint64         from_id;    /* the active party: who writes, the part */
  gint64         to_id;      /* the passive one: to whom, the whole */
  char          *note;
  SiglaEvidence  evidence;
  char          *created;
  char          *modified;
} SiglaRelation;

SiglaRelation      *sigla_relation_new        (const char     *type,
                                               gint64          from_id,
                                               gint64          to_id);
void                sigla_relation_free       (SiglaRelation  *relation);
const char * const *sigla_relation_types      (void);
const char         *sigla_relation_type_label (const char     *type);
gboolean            sigla_relation_is_mutual  (const char     *type);
gboolean            sigla_relation_insert     (SiglaProject   *project,
                                               SiglaRelation  *relation,
                                               GError        **error);
gboolean            sigla_relation_update     (SiglaProject   *project,
                                               SiglaRelation  *relation,
                                               GError        **error);
gboolean            sigla_relation_delete     (SiglaProject   *project,
                                               gint64          id,
                                               GError        **error);
GPtrArray          *sigla_relation_list       (SiglaProject   *project,
                                               gint64          entity_id,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaRelation, sigla_relation_free)

G_END_DECLS
