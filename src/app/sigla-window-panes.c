/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-panes.c: the window's three parts, the documents, the text and the panels: the
 * room each takes (the text keeps most of it, the documents fold away when narrow), showing and
 * hiding the documents and the panels (F9, Shift+F9), and the keyboard's way round them (F6). */

#define G_LOG_DOMAIN "sigla-window"

#include "sigla-window-private.h"

/* -- the room each takes ------------------------------------------------------ */

/* The panels take at most this share of the room beside the documents: the
 * text keeps the rest, 55 % of the window once the documents fold away. */
#define PANELS_SHARE 0.45

/* The panels keep the width the user gave them, however wide the window,
 * short of taking the text's room. A paned's position counts from its start,
 * so the width (the separator's included) is set again whenever the paned's
 * size changes, which moves its max-position. */
static void
panels_resized_cb (GtkPaned    *paned,
                   GParamSpec  *pspec,
                   SiglaWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));
  int wanted = g_settings_get_int (self->settings, "panel-position");

  if (width == 0)
    return;

  self->placing_panels = TRUE;
  gtk_paned_set_position (paned, MAX (width - MIN (wanted, (int) (width * PANELS_SHARE)), 0));
  self->placing_panels = FALSE;
  self->panels_placed = TRUE;
}

static void
panels_moved_cb (GtkPaned    *paned,
                 GParamSpec  *pspec,
                 SiglaWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  /* The paned's first size comes before the setting was applied: not the user's. */
  if (self->panels_placed && !self->placing_panels && width > 0)
    g_settings_set_int (self->settings, "panel-position", width - gtk_paned_get_position (paned));
}

/* Shown or hidden by the user, the documents stay so; folded away by a
 * narrow window, they come back as they were when it widens. */
static void
sidebar_revealed_cb (SiglaWindow *self)
{
  if (!adw_flap_get_folded (self->sidebar_flap))
    g_settings_set_boolean (self->settings, "show-sidebar", adw_flap_get_reveal_flap (self->sidebar_flap));
  g_object_notify (G_OBJECT (self), "show-sidebar");
}

static void
sidebar_folded_cb (SiglaWindow *self)
{
  if (!adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, g_settings_get_boolean (self->settings, "show-sidebar"));
}

/* Shift+F9, or the header's button: the panels hidden or shown, and so they stay. */
void
_sigla_window_set_show_panels (SiglaWindow *self,
                               gboolean     shown)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->panel_box)) == shown)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->panel_box), shown);
  g_settings_set_boolean (self->settings, "show-panels", shown);
  g_object_notify (G_OBJECT (self), "show-panels");
}

/* -- the keyboard's way round --------------------------------------------- */

/* The parts F6 moves between, in its order: the documents, the text, the
 * panels. A part hidden is passed over. */
enum { PANE_DOCUMENTS, PANE_TEXT, PANE_PANELS, N_PANES };

static GtkWidget *
pane (SiglaWindow *self,
      guint        which)
{
  switch (which)
    {
    case PANE_DOCUMENTS:
      return adw_flap_get_flap (self->sidebar_flap);
    case PANE_TEXT:
      return GTK_WIDGET (self->content_stack);
    default:
      return GTK_WIDGET (self->panel_box);
    }
}

static gboolean
focus_pane (SiglaWindow *self,
            guint        which)
{
  switch (which)
    {
    case PANE_DOCUMENTS:
      if (!adw_flap_get_reveal_flap (self->sidebar_flap))
        return FALSE;
      return gtk_widget_grab_focus (g_str_equal (gtk_stack_get_visible_child_name (self->sidebar_stack), "hits")
                                    ? GTK_WIDGET (self->hit_list) : GTK_WIDGET (self->document_list));
    case PANE_TEXT:
      if (sigla_document_view_get_document (self->document_view) == 0)
        return gtk_widget_child_focus (GTK_WIDGET (self->content_stack), GTK_DIR_TAB_FORWARD);
      _sigla_window_focus_text (self);
      return TRUE;
    default:
      if (!gtk_widget_get_visible (GTK_WIDGET (self->panel_box)))
        return FALSE;
      if (g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "editor"))
        sigla_entity_editor_focus (self->entity_editor);
      else if (g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "claim-editor"))
        sigla_claim_editor_focus (self->claim_editor);
      else
        return sigla_panels_focus (self->panels);
      return TRUE;
    }
}

/**
 * _sigla_window_cycle_panes:
 * @forward: F6, or Shift+F6 backwards
 *
 * Moves the keyboard to the next part of the window: from the documents to
 * the text to the panels, and round.
 */
void
_sigla_window_cycle_panes (SiglaWindow *self,
                           gboolean     forward)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint current = PANE_TEXT;

  for (guint i = 0; i < N_PANES; i++)
    if (focus != NULL && (focus == pane (self, i) || gtk_widget_is_ancestor (focus, pane (self, i))))
      current = i;
  for (guint step = 1; step < N_PANES; step++)
    if (focus_pane (self, (current + (forward ? step : N_PANES - step)) % N_PANES))
      return;
}

/* Ctrl+Shift+F: the search over all documents, shown if folded away. */
void
_sigla_window_search_corpus (SiglaWindow *self)
{
  adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_sigla_window_panes_init (SiglaWindow *self)
{
  g_signal_connect (self->inner_paned, "notify::max-position", G_CALLBACK (panels_resized_cb), self);
  g_signal_connect (self->inner_paned, "notify::position", G_CALLBACK (panels_moved_cb), self);
  g_signal_connect_swapped (self->sidebar_flap, "notify::reveal-flap", G_CALLBACK (sidebar_revealed_cb), self);
  g_signal_connect_swapped (self->sidebar_flap, "notify::folded", G_CALLBACK (sidebar_folded_cb), self);
}
