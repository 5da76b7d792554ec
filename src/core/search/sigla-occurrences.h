/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-occurrences.h: every place the texts name an entity, tagged or not, and tagging them
 * all as one action. */
#pragma once

#include "sigla-kind.h"
#include "sigla-project.h"

G_BEGIN_DECLS

/* What stands at an occurrence already. */
typedef enum
{
  SIGLA_OCCURRENCE_NEW,       /* no mention touches its words */
  SIGLA_OCCURRENCE_TAGGED,    /* a mention of this entity has these words */
  SIGLA_OCCURRENCE_OTHER,     /* a mention of another entity (or a date) has these words */
  SIGLA_OCCURRENCE_INSIDE,    /* within a longer mention: "Kaesong" in "the Kaesong delegation" */
  SIGLA_OCCURRENCE_CROSSING,  /* partly within another mention */
} SiglaOccurrenceState;

typedef struct
{
  gint64               document_id;
  gint64               start;         /* code points into the text, inclusive */
  gint64               end;           /* exclusive */
  char                *words;         /* as the text has them: "FILIPPOV" */
  char                *snippet;       /* the words in their context, on one line */
  SiglaOccurrenceState state;
  gint64               mention_id;    /* the mention it meets, but for NEW */
  SiglaKind            mention_kind;
  gint64               mention_entity_id;
  gboolean             in_claim;      /* within or across a claim's words */
} SiglaOccurrence;

void       sigla_occurrence_free          (SiglaOccurrence        *occurrence);
const char *sigla_occurrence_state_to_string (SiglaOccurrenceState state);
gboolean   sigla_occurrence_is_proposed   (const SiglaOccurrence  *occurrence);
char      *sigla_occurrence_describe      (const SiglaOccurrence  *occurrence,
                                           const char             *other);

GPtrArray *sigla_occurrences_find         (SiglaProject           *project,
                                           gint64                  entity_id,
                                           const char * const     *names,
                                           gint64                  document_id,
                                           GError                **error);
GPtrArray *sigla_occurrences_of_hits      (SiglaProject           *project,
                                           GPtrArray              *hits,
                                           GError                **error);
gboolean   sigla_occurrences_tag          (SiglaProject           *project,
                                           gint64                  entity_id,
                                           GPtrArray              *occurrences,
                                           guint                  *n_tagged,
                                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaOccurrence, sigla_occurrence_free)

G_END_DECLS
