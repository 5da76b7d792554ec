/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-split.h: sigla-cli entity split, one entity made two. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cmd_entity_split (int    argc,
                      char **argv);

G_END_DECLS
