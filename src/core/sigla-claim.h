/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-claim.h: what someone says in a document: speaker, reporter, stance and subjects. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  document_id;
  gint64  start;         /* code points into the reading text, inclusive */
  gint64  end;           /* exclusive */
  gint64  speaker_id;    /* who makes the claim (0 once detached) */
  gint64  reporter_id;   /* who reports it, or 0 */
  char   *stance;        /* asserts, denies, proposes, demands, questions, concedes … */
  char   *certainty;     /* high, medium, low, or NULL */
  char   *paraphrase;
  char   *note;
  GArray *about;         /* gint64 entity ids: what the claim is about */
  char   *created;
  char   *modified;
} SiglaClaim;

SiglaClaim         *sigla_claim_new          (void);
void                sigla_claim_free         (SiglaClaim    *claim);
const char * const *sigla_claim_get_stances  (void);

gboolean            sigla_claim_insert       (SiglaProject  *project,
                                              SiglaClaim    *claim,
                                              GError       **error);
gboolean            sigla_claim_update       (SiglaProject  *project,
                                              SiglaClaim    *claim,
                                              GError       **error);
gboolean            sigla_claim_delete       (SiglaProject  *project,
                                              gint64         id,
                                              GError       **error);
GPtrArray          *sigla_claim_list         (SiglaProject  *project,
                                              gint64         document_id,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaClaim, sigla_claim_free)

G_END_DECLS
