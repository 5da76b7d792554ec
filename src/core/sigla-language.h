/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-language.h: the languages archival documents name, and their ISO 639-1 codes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *sigla_language_find_code (const char *text);
const char *sigla_language_get_name  (const char *code);

G_END_DECLS
