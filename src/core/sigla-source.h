/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-source.h: reads a file to import and decodes it to UTF-8, refusing what is not text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *sigla_source_load   (const char  *path,
                             GError     **error);
char   *sigla_source_decode (const char  *name,
                             GBytes      *bytes,
                             gsize       *length,
                             GError     **error);

G_END_DECLS
