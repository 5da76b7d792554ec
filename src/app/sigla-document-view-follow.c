/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-view-follow.c: the document view follows its project: what a tag, an undo, an
 * editor or an import changed is highlighted anew before the next frame, only what changed
 * where it can be, and an entity renamed is named anew in the tooltips. */

#define G_LOG_DOMAIN "sigla-document-view"

#include "sigla-document-view-private.h"

/**
 * sigla_document_view_reload_names:
 *
 * Forgets the entities' names, read again for the next tooltip (an entity renamed).
 */
void
sigla_document_view_reload_names (SiglaDocumentView *self)
{
  g_return_if_fail (SIGLA_IS_DOCUMENT_VIEW (self));

  g_clear_pointer (&self->names, g_hash_table_unref);
}

/**
 * sigla_document_view_refresh:
 *
 * Reads the document's annotations again; only what changed is highlighted anew.
 */
gboolean
sigla_document_view_refresh (SiglaDocumentView  *self,
                             GError            **error)
{
  GArray *spans;

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->project == NULL)
    return TRUE;

  _sigla_document_view_stop_loading (self);
  spans = sigla_mark_list (self->project, self->document_id, G_MAXINT64, error);
  if (spans == NULL)
    return FALSE;

  g_clear_pointer (&self->names, g_hash_table_unref);
  sigla_highlighter_set_spans (self->highlighter, spans);
  return TRUE;
}

/* Beyond this many, reading all the marks again costs less. */
#define MAX_UPDATED_MARKS 256

/**
 * sigla_document_view_update_marks:
 * @changed: (element-type SiglaMark): the mentions and claims that changed
 *   (their id and claim fields)
 *
 * Reads only @changed again and re-highlights them: what an undo or a
 * panel's edit touched. Returns FALSE, having changed nothing, if the view
 * should rather be refreshed whole.
 */
gboolean
sigla_document_view_update_marks (SiglaDocumentView *self,
                                  GArray            *changed)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->project == NULL || self->first_frame_tick != 0 || self->rest_source != 0 ||
      changed->len > MAX_UPDATED_MARKS || sigla_highlighter_is_busy (self->highlighter))
    return FALSE;

  for (guint i = 0; i < changed->len; i++)
    {
      const SiglaMark *which = &g_array_index (changed, SiglaMark, i);
      g_auto(SiglaMark) mark = { 0 };
      g_autoptr(GError) error = NULL;
      gboolean found = sigla_mark_get (self->project, which->claim, which->id, &mark, &error);

      if ((!found && !g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND)) ||
          !sigla_highlighter_replace_mark (self->highlighter, which->claim, which->id,
                                           found && mark.document_id == self->document_id ? &mark : NULL))
        return FALSE;
    }

  return TRUE;
}

/* The changes since the last frame: the marks they touched read again, or
 * all of them when there were many, or a document came or went. */
static void
flush (gpointer      owner,
       gboolean      again,
       const GArray *notes)
{
  SiglaDocumentView *self = owner;
  g_autoptr(GArray) changed = g_array_new (FALSE, TRUE, sizeof (SiglaMark));
  g_autoptr(GError) error = NULL;

  if (self->document_id == 0)
    return;

  for (guint i = 0; !again && i < notes->len; i++)
    {
      const SiglaChangeNote *note = &g_array_index (notes, SiglaChangeNote, i);
      SiglaMark mark = { .id = note->id, .claim = note->change == SIGLA_CHANGE_CLAIM };

      if (note->change == SIGLA_CHANGE_ENTITY)
        sigla_document_view_reload_names (self);
      else
        g_array_append_val (changed, mark);
    }

  if ((again || (changed->len > 0 && !sigla_document_view_update_marks (self, changed))) &&
      !sigla_document_view_refresh (self, &error))
    _sigla_document_view_fail (self, error);
}

void
_sigla_document_view_follow_init (SiglaDocumentView *self)
{
  sigla_change_queue_init (&self->queue,
                           1u << SIGLA_CHANGE_DOCUMENT | 1u << SIGLA_CHANGE_ENTITY | 1u << SIGLA_CHANGE_MENTION |
                           1u << SIGLA_CHANGE_CLAIM,
                           flush, self);
}
