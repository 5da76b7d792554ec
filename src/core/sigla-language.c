/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-language.c: the languages archival documents name, and their ISO 639-1 codes. */

#include <string.h>

#include "sigla-language.h"

static const struct
{
  const char *name;   /* lower case, as a page writes it */
  const char *code;
} languages[] = {
  { "albanian", "sq" }, { "bulgarian", "bg" }, { "chinese", "zh" }, { "czech", "cs" },
  { "english", "en" }, { "french", "fr" }, { "german", "de" }, { "hungarian", "hu" },
  { "italian", "it" }, { "japanese", "ja" }, { "korean", "ko" }, { "mongolian", "mn" },
  { "polish", "pl" }, { "romanian", "ro" }, { "russian", "ru" }, { "serbian", "sr" },
  { "spanish", "es" }, { "vietnamese", "vi" },
};

/* The code of the first language named in @text ("Translation - English" → "en"). */
const char *
sigla_language_find_code (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strstr (lower, languages[i].name) != NULL)
      return languages[i].code;

  return NULL;
}

/* "ru" → "Russian"; NULL for a code not in the list. */
const char *
sigla_language_get_name (const char *code)
{
  static const char * const names[] = {
    "Albanian", "Bulgarian", "Chinese", "Czech", "English", "French", "German", "Hungarian",
    "Italian", "Japanese", "Korean", "Mongolian", "Polish", "Romanian", "Russian", "Serbian",
    "Spanish", "Vietnamese",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (languages));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (code, languages[i].code) == 0)
      return names[i];

  return NULL;
}
