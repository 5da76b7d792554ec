/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-text.h: helpers for reading texts: Unicode, and fields a source may repeat. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sigla_text_normalize  (const char  *text,
                             gsize        length);
char *sigla_text_span       (const char  *text,
                             gint64       start,
                             gint64       end);
void  sigla_text_keep_first (char       **field,
                             char        *value);

G_END_DECLS
