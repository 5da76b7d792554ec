/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-projection.h: the reading text of a TEI tree, and the way back from its offsets
 * to the tree: one reading of each alternative, words joined across line breaks, notes as
 * a flow of their own, and every element whose text is kept out counted. */
#pragma once

#include "sigla-document.h"
#include "sigla-tei-tree.h"

G_BEGIN_DECLS

/* Which reading of an alternative (choice, app, subst) the text shows. */
typedef enum
{
  SIGLA_TEI_READING_EDITED,      /* corr, reg, expan, lem, add */
  SIGLA_TEI_READING_DIPLOMATIC,  /* sic, orig, abbr, the first rdg, del */
} SiglaTeiReading;

/* An element of the text that may be an annotation, and the code points it covers. */
typedef struct
{
  xmlNode *node;
  gint64   start;
  gint64   end;
  guint    next;    /* the next piece of an element cut in pieces (@next): its index + 1, or 0 */
  gboolean later;   /* a later piece: another piece's @next, or its own @prev, points to it */
} SiglaTeiMarked;

/* A reading of an alternative (choice, app, subst) that the text does not show, and
 * where the one it shows stands. */
typedef struct
{
  gint64   start;
  gint64   end;
  xmlNode *shown;   /* corr, reg, expan, lem … */
  xmlNode *other;   /* sic, orig, abbr, rdg … */
} SiglaTeiOtherReading;

typedef struct _SiglaTeiProjection SiglaTeiProjection;

const char         *sigla_tei_reading_to_string     (SiglaTeiReading      reading);
SiglaTeiReading     sigla_tei_reading_from_string   (const char          *name);
SiglaTeiProjection *sigla_tei_project               (xmlNode             *text,
                                                     SiglaTeiReading      reading);
void                sigla_tei_projection_free       (SiglaTeiProjection  *projection);

const char         *sigla_tei_projection_get_text   (SiglaTeiProjection  *projection,
                                                     gint64              *length);
char               *sigla_tei_projection_steal_text (SiglaTeiProjection  *projection);
GArray             *sigla_tei_projection_get_blocks (SiglaTeiProjection  *projection);
GArray             *sigla_tei_projection_get_marked (SiglaTeiProjection  *projection);
gint64              sigla_tei_projection_joined_end (SiglaTeiProjection  *projection,
                                                     guint                index);
GHashTable         *sigla_tei_projection_get_kept_out (SiglaTeiProjection *projection);
guint               sigla_tei_projection_get_n_alternatives (SiglaTeiProjection *projection);
GArray             *sigla_tei_projection_get_other_readings (SiglaTeiProjection *projection);
guint               sigla_tei_projection_get_n_notes (SiglaTeiProjection *projection);

gboolean            sigla_tei_projection_is_block   (SiglaTeiProjection  *projection,
                                                     const xmlNode       *node);
gboolean            sigla_tei_projection_is_hidden  (SiglaTeiProjection  *projection,
                                                     const xmlNode       *node);
gboolean            sigla_tei_projection_locate     (SiglaTeiProjection  *projection,
                                                     gint64               offset,
                                                     gboolean             after,
                                                     xmlNode            **node,
                                                     gsize               *byte);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaTeiProjection, sigla_tei_projection_free)

G_END_DECLS
