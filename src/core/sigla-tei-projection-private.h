/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-projection-private.h: a projection's state, shared by reading the text
 * (sigla-tei-projection.c) and finding the way back (sigla-tei-projection-map.c). */
#pragma once

#include "sigla-tei-projection.h"

G_BEGIN_DECLS

/* A run of reading text that comes from one text node. An exact segment
 * reads one code point for each of the source's; another (a character the
 * NFC composed) reads as a whole. */
typedef struct
{
  gint64   start;
  gint64   length;
  xmlNode *node;
  gsize    byte;
  gsize    bytes;
  gboolean exact;
} Segment;

struct _SiglaTeiProjection
{
  SiglaTeiReading reading;
  GString    *text;
  gint64      length;             /* of text, in code points */
  GArray     *blocks;             /* SiglaBlock */
  GArray     *marked;             /* SiglaTeiMarked, by start tag */
  GArray     *segments;           /* Segment, by start */
  GArray     *alternatives;       /* SiglaTeiOtherReading */
  GHashTable *block_nodes;        /* xmlNode * of the blocks */
  GHashTable *hidden;             /* xmlNode * not read: other readings, kept out */
  GHashTable *kept_out;           /* element name → count (GUINT_TO_POINTER) */
  guint       n_alternatives;
  guint       n_notes;

  /* While walking */
  GPtrArray  *notes;              /* notes of the open block, read after it */
  gboolean    joining;            /* after <lb break="no"/>: white space is dropped */
  guint       in_note;            /* how deep in notes: their blocks are notes */
  guint       block_marked;       /* the first marked element of the open block … */
  guint       block_alternatives; /* … and its first other reading */
};

void sigla_tei_projection_link_pieces (SiglaTeiProjection *p);

G_END_DECLS
