/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-change-queue.h: what a list model follows of its project's "changed" signal, gathered
 * and handed over once, just before the next frame. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

/* A list model's scope: one document, the whole project, or nothing. */
#define SIGLA_SCOPE_PROJECT 0
#define SIGLA_SCOPE_NONE    (-1)

typedef struct
{
  SiglaChange change;
  gint64      id;
} SiglaChangeNote;

/* Called with the changes since the last time, or with @reload when there
 * were too many to take one by one (or a document came or went). */
typedef void (*SiglaChangeFlush) (gpointer      owner,
                                  gboolean      reload,
                                  const GArray *notes);

typedef struct
{
  SiglaProject     *project;
  gulong            handler;
  guint             interest;   /* 1 << SiglaChange: the changes the owner follows */
  GArray           *notes;      /* SiglaChangeNote */
  gboolean          reload;
  guint             source;
  SiglaChangeFlush  flush;
  gpointer          owner;
} SiglaChangeQueue;

void sigla_change_queue_init  (SiglaChangeQueue *queue,
                               guint             interest,
                               SiglaChangeFlush  flush,
                               gpointer          owner);
void sigla_change_queue_watch (SiglaChangeQueue *queue,
                               SiglaProject     *project);
void sigla_change_queue_flush (SiglaChangeQueue *queue);
void sigla_change_queue_clear (SiglaChangeQueue *queue);

G_END_DECLS
