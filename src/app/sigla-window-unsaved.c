/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-unsaved.c: the edits the file refused (a full disk, a project held by another
 * program): kept, shown as not saved, and tried again until written; closing or opening another
 * project over them asks first. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-window-private.h"

/* How often a tag the file refused is tried again. */
#define RETRY_SECONDS 5

/* Tags or an editor's edit the file refused, kept to try again. */
gboolean
_sigla_window_edits_unsaved (SiglaWindow *self)
{
  return self->unsaved->len > 0 || sigla_entity_editor_is_unsaved (self->entity_editor) ||
         sigla_claim_editor_is_unsaved (self->claim_editor);
}

void
_sigla_window_pending_tag_free (SiglaPendingTag *tag)
{
  g_free (tag->text);
  g_free (tag);
}

/* Inserts @tag: a date, a mention of an entity (made first if new), or a claim. */
gboolean
_sigla_window_write_tag (SiglaWindow      *self,
                         SiglaPendingTag  *tag,
                         GError          **error)
{
  g_autoptr(SiglaMention) mention = NULL;

  if (tag->kind != SIGLA_KIND_DATE && tag->entity_id == 0)
    {
      g_autoptr(SiglaEntity) entity =
        sigla_entity_new (tag->kind == SIGLA_TAG_CLAIM ? SIGLA_KIND_PERSON : tag->kind, tag->text);

      if (!sigla_entity_insert (self->project, entity, error))
        return FALSE;
      tag->entity_id = entity->id;
    }

  if (tag->kind == SIGLA_TAG_CLAIM)
    {
      g_autoptr(SiglaClaim) claim = sigla_claim_new ();

      claim->document_id = tag->document;
      claim->start = tag->start;
      claim->end = tag->end;
      claim->speaker_id = tag->entity_id;
      return sigla_claim_insert (self->project, claim, error);
    }

  mention = sigla_mention_new ();
  mention->document_id = tag->document;
  mention->kind = tag->kind;
  mention->start = tag->start;
  mention->end = tag->end;
  if (tag->kind == SIGLA_KIND_DATE)
    mention->when = g_strdup (tag->text);
  else
    mention->entity_id = tag->entity_id;
  return sigla_mention_insert (self->project, mention, error);
}

static void
show_unsaved (SiglaWindow  *self,
              const GError *error)
{
  g_autofree char *text =
    self->unsaved->len > 0
    ? g_strdup_printf (ngettext ("Not saved: %s. The tag is kept and Sigla tries again.",
                                 "Not saved: %s. The %u tags are kept and Sigla tries again.",
                                 self->unsaved->len),
                       error->message, self->unsaved->len)
    : g_strdup_printf (_("Not saved: %s. The edit is kept and Sigla tries again."), error->message);

  gtk_label_set_text (self->unsaved_label, text);
  gtk_revealer_set_reveal_child (self->unsaved_revealer, TRUE);
}

static gboolean retry_cb (gpointer user_data);

/* Says why the file refused, and tries again every few seconds. */
void
_sigla_window_keep_trying (SiglaWindow  *self,
                           const GError *error)
{
  show_unsaved (self, error);
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
}

/**
 * sigla_window_retry_unsaved:
 *
 * Writes the tags that could not be written, in order, and stops at the
 * first that still cannot; then an editor's refused edit: called every few
 * seconds, on Try Again and when the window regains the focus.
 *
 * Returns: whether everything is saved now
 */
gboolean
sigla_window_retry_unsaved (SiglaWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean tags_pending;

  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  tags_pending = self->unsaved->len > 0;

  while (self->unsaved->len > 0 && self->project != NULL)
    {
      SiglaPendingTag *tag = self->unsaved->pdata[0];

      if (!_sigla_window_write_tag (self, tag, &error))
        {
          show_unsaved (self, error);
          return FALSE;
        }
      if (tag->document == sigla_document_view_get_document (self->document_view))
        sigla_document_view_mark_unsaved (self->document_view, tag->start, tag->end, FALSE);
      g_ptr_array_remove_index (self->unsaved, 0);
    }

  if (tags_pending)
    sigla_window_notify (self, _("Saved"));

  /* An editor says why through its "failed"; saved, it is no longer red. */
  if ((sigla_entity_editor_is_unsaved (self->entity_editor) && !sigla_entity_editor_save (self->entity_editor)) ||
      (sigla_claim_editor_is_unsaved (self->claim_editor) && !sigla_claim_editor_save (self->claim_editor)))
    return FALSE;

  gtk_revealer_set_reveal_child (self->unsaved_revealer, FALSE);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  return TRUE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SiglaWindow      *self)
{
  if (!g_str_equal (response, "close"))
    return;
  self->closing_unsaved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing over edits the file refused asks first: they would be lost, and
 * the window would go on trying if it stayed open. Returns TRUE if it
 * asks, and the window stays open for now. */
gboolean
_sigla_window_confirm_close (SiglaWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->closing_unsaved || !_sigla_window_edits_unsaved (self) || sigla_window_retry_unsaved (self))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Close Without Saving?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” cannot be written now, so what is marked as not saved would be lost. "
                                    "Left open, Sigla keeps trying."),
                                  sigla_project_get_path (self->project));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Open"), "close", _("Close _Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  sigla_a11y_mend (GTK_WIDGET (dialog));   /* its buttons are read "_Cancel Cancel" otherwise */
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
retry_cb (gpointer user_data)
{
  SiglaWindow *self = user_data;

  if (!sigla_window_retry_unsaved (self))
    return G_SOURCE_CONTINUE;

  self->retry_source = 0;
  return G_SOURCE_REMOVE;
}

/* Tags not saved yet belong to the open project: another is not opened
 * over them. */
gboolean
_sigla_window_check_all_saved (SiglaWindow  *self,
                               GError      **error)
{
  if (!_sigla_window_edits_unsaved (self))
    return TRUE;

  if (self->unsaved->len > 0)
    g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE,
                 ngettext ("“%s” holds %u tag not saved yet: try again once the file can be written",
                           "“%s” holds %u tags not saved yet: try again once the file can be written",
                           self->unsaved->len),
                 sigla_project_get_path (self->project), self->unsaved->len);
  else
    g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE,
                 _("“%s” holds an edit not saved yet: try again once the file can be written"),
                 sigla_project_get_path (self->project));
  return FALSE;
}

/* Keeps @tag, which the file refused, to write after those before it. */
void
_sigla_window_keep_tag (SiglaWindow           *self,
                        const SiglaPendingTag *tag,
                        const GError          *error)
{
  SiglaPendingTag *kept = g_memdup2 (tag, sizeof *tag);

  kept->text = g_strdup (tag->text);
  g_ptr_array_add (self->unsaved, kept);
  sigla_document_view_mark_unsaved (self->document_view, tag->start, tag->end, TRUE);
  _sigla_window_keep_trying (self, error);
}
