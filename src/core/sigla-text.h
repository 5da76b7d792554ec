/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-text.h: Unicode helpers for reading texts. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sigla_text_normalize (const char *text,
                            gsize       length);

G_END_DECLS
