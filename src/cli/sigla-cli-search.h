/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-search.h: sigla-cli search, a page at a time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cmd_search (int    argc,
                char **argv);

G_END_DECLS
