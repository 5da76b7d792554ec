/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-highlighter.h: keeps a text buffer's highlights in step with a document's spans. */
#pragma once

#include <gtk/gtk.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_HIGHLIGHTER (sigla_highlighter_get_type ())

G_DECLARE_FINAL_TYPE (SiglaHighlighter, sigla_highlighter, SIGLA, HIGHLIGHTER, GObject)

SiglaHighlighter *sigla_highlighter_new        (GtkTextBuffer    *buffer);
void              sigla_highlighter_set_spans  (SiglaHighlighter *self,
                                                GArray           *spans);
void              sigla_highlighter_add_span   (SiglaHighlighter *self,
                                                const SiglaMark  *span);
gboolean          sigla_highlighter_replace_mark (SiglaHighlighter *self,
                                                  gboolean          claim,
                                                  gint64            id,
                                                  const SiglaMark  *mark);
void              sigla_highlighter_clear      (SiglaHighlighter *self);
GArray           *sigla_highlighter_get_spans  (SiglaHighlighter *self);
const SiglaMark  *sigla_highlighter_find_mark  (SiglaHighlighter *self,
                                                gboolean          claim,
                                                gint64            id);
const SiglaMark  *sigla_highlighter_mention_at (SiglaHighlighter *self,
                                                gint64            offset);
void              sigla_highlighter_emphasize  (SiglaHighlighter *self,
                                                gint64            entity_id);
gboolean          sigla_highlighter_is_busy    (SiglaHighlighter *self);

G_END_DECLS
