/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-tag-all.h: sigla-cli tag-all, every occurrence of an entity's names tagged at once. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cmd_tag_all (int    argc,
                 char **argv);

G_END_DECLS
