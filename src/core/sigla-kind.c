/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-kind.c: the kinds of entity and of mention, and their names in the project file. */

#include "sigla-kind.h"

static const char * const kind_names[] = {
  [SIGLA_KIND_PERSON] = "person",
  [SIGLA_KIND_PLACE] = "place",
  [SIGLA_KIND_ORG] = "org",
  [SIGLA_KIND_DATE] = "date",
};

const char *
sigla_kind_to_string (SiglaKind kind)
{
  g_return_val_if_fail (kind <= SIGLA_KIND_DATE, NULL);

  return kind_names[kind];
}

gboolean
sigla_kind_from_string (const char *text,
                        SiglaKind  *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}
