/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-view-private.h: the document view's parts, shared by the view
 * (sigla-document-view.c) and its following of the project (sigla-document-view-follow.c). */
#pragma once

#include "sigla-change-queue.h"
#include "sigla-document-view.h"
#include "sigla-highlighter.h"

G_BEGIN_DECLS

struct _SiglaDocumentView
{
  GtkWidget         parent_instance;

  GtkWidget        *content;
  GtkLabel         *title_label;
  GtkLabel         *meta_label;
  GtkWidget        *header_rule;
  GtkTextView      *text_view;

  SiglaProject     *project;
  gint64            document_id;
  SiglaHighlighter *highlighter;
  guint             first_frame_tick;  /* the rest of the spans are read after the first frame */
  guint             rest_source;
  GHashTable       *names;             /* entity id → label, for the tooltips; NULL until needed */
  SiglaDocument    *unread;            /* whose other readings are read once the first frame is drawn */
  GCancellable     *reading;           /* the other readings, read in a thread */
  GPtrArray        *alternatives;      /* SiglaTeiAlternative: readings not shown, for the tooltips */
  SiglaChangeQueue  queue;             /* what the project changed, shown before the next frame */
};

void _sigla_document_view_stop_loading (SiglaDocumentView *self);
void _sigla_document_view_fail         (SiglaDocumentView *self,
                                        const GError      *error);
void _sigla_document_view_follow_init  (SiglaDocumentView *self);

G_END_DECLS
