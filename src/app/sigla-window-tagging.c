/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-tagging.c: tagging the selected words, through the tag popover or at once, and
 * removing a mention from the text. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>

#include "sigla-tag-all-dialog.h"
#include "sigla-window-private.h"

/**
 * sigla_window_tag_selection:
 * @kind: a #SiglaKind, or %SIGLA_TAG_CLAIM
 * @entity_id: the entity (the speaker, for a claim), or 0 to create one named @text
 * @text: a new entity's name, or a date's ISO value
 *
 * Tags the text selected in the document, as one action (two when the
 * entity is new: adding it, then tagging). If the file refuses the write,
 * the tag is kept, shown as not saved, and tried again; the error says why.
 */
gboolean
sigla_window_tag_selection (SiglaWindow  *self,
                            int           kind,
                            gint64        entity_id,
                            const char   *text,
                            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  SiglaPendingTag tag = { sigla_document_view_get_document (self->document_view), kind, entity_id,
                          (char *) text, self->tag_start, self->tag_end };

  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  /* However the tag was asked for, the popover's work is done. */
  gtk_popover_popdown (GTK_POPOVER (self->tag_popover));

  if (tag.start == tag.end && !sigla_document_view_get_selection (self->document_view, &tag.start, &tag.end))
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Select the words to tag first"));
      return FALSE;
    }
  self->tag_start = self->tag_end = 0;

  /* Behind a tag not saved, the next waits its turn: the file keeps their order. */
  if (self->unsaved->len == 0 && _sigla_window_write_tag (self, &tag, &local_error))
    return TRUE;
  if (local_error == NULL)
    g_set_error_literal (&local_error, SIGLA_ERROR, SIGLA_ERROR_IO, _("An earlier tag is not saved yet"));

  if (sigla_error_is_write_failure (local_error))
    _sigla_window_keep_tag (self, &tag, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
tag_chosen_cb (SiglaTagPopover *popover,
               gint64           entity_id,
               const char      *text,
               SiglaWindow     *self)
{
  g_autoptr(GError) error = NULL;

  /* A tag not saved is shown in the banner, not in a dialog. */
  if (!sigla_window_tag_selection (self, sigla_tag_popover_get_kind (popover), entity_id, text, &error) &&
      !sigla_error_is_write_failure (error))
    sigla_window_show_error (self, error);
  _sigla_window_focus_text (self);
}

void
_sigla_window_start_tagging (SiglaWindow *self,
                             int          kind)
{
  g_autofree char *text = sigla_document_view_get_selected_text (self->document_view);
  g_autoptr(GError) error = NULL;
  GdkRectangle area;

  if (text == NULL || !sigla_document_view_get_selection (self->document_view, &self->tag_start, &self->tag_end))
    {
      sigla_window_notify (self, _("Select the words to tag first"));
      return;
    }

  /* Where the words are, asked before the popover's entry selects its text:
   * taking the primary selection, that clears the document's selection. */
  gtk_popover_set_pointing_to (GTK_POPOVER (self->tag_popover),
                               sigla_document_view_get_selection_area (self->document_view, &area) ? &area : NULL);
  if (!sigla_tag_popover_start (self->tag_popover, self->project, kind, text, &error))
    {
      sigla_window_show_error (self, error);
      return;
    }
  gtk_popover_popup (GTK_POPOVER (self->tag_popover));
}

/* However the popover closes (Escape, a tag chosen, a click outside it,
 * which it takes), the keyboard is back in the text where it was: GTK would
 * give the focus to the next widget in the window, the pane's divider,
 * whose arrow keys then resize the panel. */
static void
tag_popover_closed_cb (SiglaWindow *self)
{
  _sigla_window_focus_text (self);
}

static void
tag_requested_cb (SiglaDocumentView *view,
                  int                kind,
                  SiglaWindow       *self)
{
  _sigla_window_start_tagging (self, kind);
}

static void
remove_requested_cb (SiglaDocumentView *view,
                     gint64             mention_id,
                     SiglaWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_mention_delete (self->project, mention_id, &error))
    sigla_window_show_error (self, error);
  else
    sigla_window_notify (self, _("Mention removed: Ctrl+Z brings it back"));
}

void
_sigla_window_tagging_init (SiglaWindow *self)
{
  self->tag_popover = sigla_tag_popover_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->tag_popover), GTK_WIDGET (self->document_view));
  g_signal_connect (self->tag_popover, "chosen", G_CALLBACK (tag_chosen_cb), self);
  g_signal_connect_swapped (self->tag_popover, "closed", G_CALLBACK (tag_popover_closed_cb), self);
  g_signal_connect (self->document_view, "tag-requested", G_CALLBACK (tag_requested_cb), self);
  g_signal_connect (self->document_view, "remove-requested", G_CALLBACK (remove_requested_cb), self);
}

void
_sigla_window_tagging_dispose (SiglaWindow *self)
{
  if (self->tag_popover == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->tag_popover));
  gtk_widget_unparent (GTK_WIDGET (self->tag_popover));
  self->tag_popover = NULL;
}

static void
tag_all_done_cb (SiglaTagAllDialog *dialog,
                 guint              tagged,
                 SiglaWindow       *self)
{
  g_autofree char *message = g_strdup_printf (ngettext ("Tagged %u occurrence", "Tagged %u occurrences", tagged),
                                              tagged);

  sigla_window_notify (self, message);
  _sigla_window_update_actions (self);
}

/* Every occurrence of the entity's names (and @words, if given), in a
 * dialog to review and tag. */
void
_sigla_window_tag_all (SiglaWindow *self,
                       gint64       entity_id,
                       const char  *words)
{
  g_autoptr(GError) error = NULL;
  SiglaTagAllDialog *dialog;

  dialog = sigla_tag_all_dialog_new (GTK_WINDOW (self), self->project, entity_id, words,
                                     sigla_document_view_get_document (self->document_view), &error);
  if (dialog == NULL)
    {
      sigla_window_show_error (self, error);
      return;
    }
  g_signal_connect_object (dialog, "done", G_CALLBACK (tag_all_done_cb), self, 0);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (sigla_window_show_error), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
