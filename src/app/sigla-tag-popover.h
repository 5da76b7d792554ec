/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tag-popover.h: links a selection to an entity, or a date to its value: completion
 * over names and aliases, or a new one. */
#pragma once

#include <gtk/gtk.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_TAG_POPOVER (sigla_tag_popover_get_type ())

G_DECLARE_FINAL_TYPE (SiglaTagPopover, sigla_tag_popover, SIGLA, TAG_POPOVER, GtkPopover)

SiglaTagPopover *sigla_tag_popover_new   (void);
gboolean         sigla_tag_popover_start (SiglaTagPopover  *self,
                                          SiglaProject     *project,
                                          int               kind,
                                          const char       *text,
                                          GError          **error);
int              sigla_tag_popover_get_kind (SiglaTagPopover *self);

G_END_DECLS
