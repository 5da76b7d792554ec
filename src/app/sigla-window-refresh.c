/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-refresh.c: the window follows its project: the editors and the actions after any
 * change, and everything after another program's changes, coalesced into one refresh when idle.
 * The document list, the text and the panels follow the project themselves. */

#define G_LOG_DOMAIN "sigla-window"

#include "sigla-window-private.h"

/* The panels list what the text shows, or the whole project: from now on. */
void
_sigla_window_load_panels (SiglaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_panels_show (self->panels, self->project, sigla_document_view_get_document (self->document_view),
                          gtk_toggle_button_get_active (self->whole_project), &error))
    sigla_window_show_error (self, error);
}

/* An editor shows its entity or claim again after a change; one that has
 * gone (an undo, a delete) closes it, and any other failure is said. */
static void
close_editor_unless (SiglaWindow  *self,
                     gboolean      shown,
                     const GError *error)
{
  if (shown)
    return;
  gtk_stack_set_visible_child_name (self->panel_side, "lists");
  if (!g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND))
    sigla_window_show_error (self, error);
}

/* The coalesced refresh: whatever changed since the last idle moment is
 * read again once, however many rows an undo touched. */
static gboolean
refresh_cb (gpointer user_data)
{
  SiglaWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *side;

  self->refresh_source = 0;
  if (self->refresh_documents)
    _sigla_window_load_documents (self);
  if (self->refresh_view && sigla_document_view_get_document (self->document_view) != 0 &&
      !sigla_document_view_refresh (self->document_view, &error))
    sigla_window_show_error (self, error);
  if (self->refresh_panels)
    _sigla_window_load_panels (self);
  self->refresh_documents = self->refresh_view = self->refresh_panels = FALSE;
  _sigla_window_update_actions (self);

  /* What the editors show may have changed, or gone (undo, delete). The
   * editor is shown first, then asked how it went: not in one call, whose
   * arguments C may read in any order. */
  g_clear_error (&error);
  side = gtk_stack_get_visible_child_name (self->panel_side);
  if (g_str_equal (side, "editor"))
    {
      gboolean shown = sigla_entity_editor_show (self->entity_editor, self->project,
                                                 sigla_entity_editor_get_entity (self->entity_editor),
                                                 sigla_document_view_get_document (self->document_view), &error);

      close_editor_unless (self, shown, error);
    }
  else if (g_str_equal (side, "claim-editor"))
    {
      gboolean shown = sigla_claim_editor_show (self->claim_editor, self->project,
                                                sigla_claim_editor_get_claim (self->claim_editor),
                                                sigla_document_view_get_document (self->document_view), &error);

      close_editor_unless (self, shown, error);
    }

  return G_SOURCE_REMOVE;
}

/* The refresh runs just ahead of the text view's own layout work. */
void
_sigla_window_schedule_refresh (SiglaWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1, refresh_cb, self, NULL);
}

/* The project changed (an edit, an undo, an import): the editors and the
 * actions show it. */
void
_sigla_window_project_changed_cb (SiglaProject *project,
                                  int           change,
                                  gint64        id,
                                  SiglaWindow  *self)
{
  _sigla_window_schedule_refresh (self);
}

/**
 * sigla_window_catch_up:
 *
 * Shows what another program (sigla-cli, another window) has changed in the
 * project since the window last looked; called when the window regains the
 * focus.
 *
 * Returns: whether the project had changed
 */
gboolean
sigla_window_catch_up (SiglaWindow *self)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (self->project == NULL || !sigla_project_changed_elsewhere (self->project))
    return FALSE;

  /* The project's "changed" told nothing of them: everything is read again. */
  self->refresh_documents = self->refresh_view = self->refresh_panels = TRUE;
  _sigla_window_schedule_refresh (self);
  return TRUE;
}
