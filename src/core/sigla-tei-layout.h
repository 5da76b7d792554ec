/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-layout.h: cuts overlapping spans into pieces that nest inside blocks, so that
 * every annotation can be written as XML elements: none dropped, the XML always well formed. */
#pragma once

#include "sigla-document.h"

G_BEGIN_DECLS

/* A span to lay out: an annotation's [start, end) in code points. Among
 * spans of the same extent, a lower rank is written outside a higher one.
 * An outer span (a claim: <said>) is never put inside one that is not:
 * TEI has no said inside a date. */
typedef struct
{
  gint64   start;
  gint64   end;
  int      rank;
  gboolean outer;
} SiglaSpan;

/* One element to write: all or part of a span, inside one block. */
typedef struct
{
  gint64 start;
  gint64 end;      /* == start for a span that covers no text of any block */
  guint  block;    /* index into the blocks */
  guint  span;     /* index into the spans */
  guint  part;     /* 0 for the first piece of its span, in text order */
  guint  n_parts;  /* how many pieces its span was cut into */
} SiglaPiece;

GArray *sigla_tei_layout (GArray *blocks,
                          GArray *spans);

G_END_DECLS
