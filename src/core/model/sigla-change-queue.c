/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-change-queue.c: what a list model follows of its project's "changed" signal, gathered
 * and handed over once, just before the next frame: an undo of a hundred tags updates a panel
 * once, not a hundred times, and a tag shows in its panel in the frame that shows it. */

#define G_LOG_DOMAIN "sigla-model"

#include "sigla-change-queue.h"

/* Beyond this many changes at once, reading the list again costs less. */
#define MAX_NOTES 64

static gboolean
flush_cb (gpointer user_data)
{
  SiglaChangeQueue *queue = user_data;

  queue->source = 0;
  sigla_change_queue_flush (queue);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (SiglaProject     *project,
            int               change,
            gint64            id,
            SiglaChangeQueue *queue)
{
  SiglaChangeNote note = { change, id };

  if (!(queue->interest & (1u << change)))
    return;

  /* An id of 0 is "many of them" (a merge, an entity deleted with its mentions). */
  if (change == SIGLA_CHANGE_DOCUMENT || id == 0 || queue->notes->len >= MAX_NOTES)
    {
      queue->reload = TRUE;
      g_array_set_size (queue->notes, 0);
    }
  else if (!queue->reload)
    g_array_append_val (queue->notes, note);

  /* Ahead of the frame clock (G_PRIORITY_HIGH_IDLE + 20), and of a text view's layout. */
  if (queue->source == 0)
    queue->source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_cb, queue, NULL);
}

/**
 * sigla_change_queue_flush:
 *
 * Hands the changes gathered so far to the owner now, not when idle.
 */
void
sigla_change_queue_flush (SiglaChangeQueue *queue)
{
  g_autoptr(GArray) notes = NULL;
  gboolean reload = queue->reload;

  g_clear_handle_id (&queue->source, g_source_remove);
  if (!reload && queue->notes->len == 0)
    return;

  /* The owner may change the project in its turn: these notes are its own. */
  notes = g_steal_pointer (&queue->notes);
  queue->notes = g_array_new (FALSE, FALSE, sizeof (SiglaChangeNote));
  queue->reload = FALSE;
  queue->flush (queue->owner, reload, notes);
}

void
sigla_change_queue_init (SiglaChangeQueue *queue,
                         guint             interest,
                         SiglaChangeFlush  flush,
                         gpointer          owner)
{
  *queue = (SiglaChangeQueue) { .interest = interest, .flush = flush, .owner = owner };
  queue->notes = g_array_new (FALSE, FALSE, sizeof (SiglaChangeNote));
}

/* Follows @project (or none), forgetting what the last one changed. */
void
sigla_change_queue_watch (SiglaChangeQueue *queue,
                          SiglaProject     *project)
{
  if (queue->project == project)
    return;
  if (queue->project != NULL)
    g_clear_signal_handler (&queue->handler, queue->project);
  g_clear_handle_id (&queue->source, g_source_remove);
  g_array_set_size (queue->notes, 0);
  queue->reload = FALSE;
  queue->project = project;
  if (project != NULL)
    queue->handler = g_signal_connect (project, "changed", G_CALLBACK (changed_cb), queue);
}

void
sigla_change_queue_clear (SiglaChangeQueue *queue)
{
  sigla_change_queue_watch (queue, NULL);
  g_clear_pointer (&queue->notes, g_array_unref);
}
