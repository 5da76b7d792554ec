/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-split-dialog.h: one entity made two: the mentions (by their words) and names that go to
 * a new one, chosen. */
#pragma once

#include <adwaita.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_SPLIT_DIALOG (sigla_split_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SiglaSplitDialog, sigla_split_dialog, SIGLA, SPLIT_DIALOG, AdwWindow)

SiglaSplitDialog *sigla_split_dialog_new (GtkWindow     *parent,
                                          SiglaProject  *project,
                                          gint64         entity_id,
                                          GError       **error);

G_END_DECLS
