/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-model-util.h: what the list models share. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void sigla_list_store_replace (GListStore *store,
                               GPtrArray  *items);

G_END_DECLS
