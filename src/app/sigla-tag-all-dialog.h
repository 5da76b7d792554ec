/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tag-all-dialog.h: every occurrence of an entity's names, in a list to review, tagged
 * at once. */
#pragma once

#include <adwaita.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_TAG_ALL_DIALOG (sigla_tag_all_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SiglaTagAllDialog, sigla_tag_all_dialog, SIGLA, TAG_ALL_DIALOG, AdwWindow)

SiglaTagAllDialog *sigla_tag_all_dialog_new       (GtkWindow          *parent,
                                                   SiglaProject       *project,
                                                   gint64              entity_id,
                                                   const char         *words,
                                                   gint64              document_id,
                                                   GError            **error);
guint              sigla_tag_all_dialog_get_n_chosen (SiglaTagAllDialog *self);

G_END_DECLS
