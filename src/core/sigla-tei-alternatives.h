/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-alternatives.h: the readings another edition's TEI has but the reading text does
 * not show (sic beside corr, abbr beside expan, a variant beside the lemma), for a reader who
 * asks. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  start;        /* the words shown, in code points */
  gint64  end;
  char   *shown;        /* their element: "corr", "expan", "lem" … */
  char   *other;        /* the reading not shown: "sic", "abbr", "rdg" … */
  char   *other_text;   /* its words; "" for a reading of none (an omission) */
  char   *witness;      /* a variant's @wit, or NULL */
} SiglaTeiAlternative;

void       sigla_tei_alternative_free  (SiglaTeiAlternative *alternative);
GPtrArray *sigla_tei_alternatives_read (GBytes              *source,
                                        const char          *text,
                                        const char          *reading);

G_END_DECLS
