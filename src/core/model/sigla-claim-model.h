/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-claim-model.h: the claims of a document (or the whole project), in text order, each with
 * who makes it, how, and its first words: a list model that follows the project as it changes. */
#pragma once

#include <gio/gio.h>

#include "sigla-change-queue.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_CLAIM_ITEM (sigla_claim_item_get_type ())

G_DECLARE_FINAL_TYPE (SiglaClaimItem, sigla_claim_item, SIGLA, CLAIM_ITEM, GObject)

gint64      sigla_claim_item_get_id         (SiglaClaimItem *self);
gint64      sigla_claim_item_get_document   (SiglaClaimItem *self);
gint64      sigla_claim_item_get_start      (SiglaClaimItem *self);
gint64      sigla_claim_item_get_end        (SiglaClaimItem *self);
const char *sigla_claim_item_get_speaker    (SiglaClaimItem *self);
const char *sigla_claim_item_get_stance     (SiglaClaimItem *self);
const char *sigla_claim_item_get_words      (SiglaClaimItem *self);
gboolean    sigla_claim_item_get_cut        (SiglaClaimItem *self);
const char *sigla_claim_item_get_paraphrase (SiglaClaimItem *self);

#define SIGLA_TYPE_CLAIM_MODEL (sigla_claim_model_get_type ())

G_DECLARE_FINAL_TYPE (SiglaClaimModel, sigla_claim_model, SIGLA, CLAIM_MODEL, GObject)

SiglaClaimModel *sigla_claim_model_new       (void);
GListModel     *sigla_claim_model_get_model (SiglaClaimModel  *self);
gboolean        sigla_claim_model_set_scope (SiglaClaimModel  *self,
                                            SiglaProject    *project,
                                            gint64           document_id,
                                            GError         **error);

G_END_DECLS
