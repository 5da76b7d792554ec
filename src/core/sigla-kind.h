/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-kind.h: the kinds of entity and of mention, and their names in the project file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SIGLA_KIND_PERSON,
  SIGLA_KIND_PLACE,
  SIGLA_KIND_ORG,
  SIGLA_KIND_DATE,   /* mentions only: a date has a value, not an entity */
} SiglaKind;

const char *sigla_kind_to_string   (SiglaKind    kind);
gboolean    sigla_kind_from_string (const char  *text,
                                    SiglaKind   *kind);

G_END_DECLS
