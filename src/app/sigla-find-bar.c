/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-find-bar.c: finding words in the document shown (Ctrl+F). Each match is selected in the
 * text as it is typed, Enter and Shift+Enter step through them, and Escape gives the keyboard
 * back to the text with the match still selected, so that the next key tags it. */

#define G_LOG_DOMAIN "sigla-find-bar"

#include <glib/gi18n.h>

#include "sigla-find-bar.h"

struct _SiglaFindBar
{
  AdwBin          parent_instance;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *entry;
  GtkLabel       *status;
  GtkTextView    *text_view;   /* not owned: the document view holds it */
  int             match_start; /* the match shown, in characters; -1 for none */
  int             match_end;
};

G_DEFINE_FINAL_TYPE (SiglaFindBar, sigla_find_bar, ADW_TYPE_BIN)

/* Case matters not: "filippov" finds FILIPPOV. */
#define FIND_FLAGS (GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_VISIBLE_ONLY | GTK_TEXT_SEARCH_TEXT_ONLY)

static void
show_match (SiglaFindBar      *self,
            const GtkTextIter *start,
            const GtkTextIter *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_text_buffer_select_range (buffer, start, end);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer), 0.1, TRUE, 0.0, 0.3);
  gtk_label_set_text (self->status, NULL);
  self->match_start = gtk_text_iter_get_offset (start);
  self->match_end = gtk_text_iter_get_offset (end);
}

/* The next match after @from (the previous before it), going round the
 * document's end once. */
static gboolean
find_from (SiglaFindBar      *self,
           const GtkTextIter *from,
           gboolean           forward)
{
  GtkTextBuffer *buffer;
  const char *words = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkTextIter start, end, edge;
  gboolean found;

  self->match_start = self->match_end = -1;
  if (self->text_view == NULL || *words == '\0')
    {
      gtk_label_set_text (self->status, NULL);
      return FALSE;
    }

  buffer = gtk_text_view_get_buffer (self->text_view);
  found = forward ? gtk_text_iter_forward_search (from, words, FIND_FLAGS, &start, &end, NULL)
                  : gtk_text_iter_backward_search (from, words, FIND_FLAGS, &start, &end, NULL);
  if (!found)
    {
      if (forward)
        gtk_text_buffer_get_start_iter (buffer, &edge);
      else
        gtk_text_buffer_get_end_iter (buffer, &edge);
      found = forward ? gtk_text_iter_forward_search (&edge, words, FIND_FLAGS, &start, &end, NULL)
                      : gtk_text_iter_backward_search (&edge, words, FIND_FLAGS, &start, &end, NULL);
    }
  if (!found)
    {
      gtk_label_set_text (self->status, _("Not found"));
      return FALSE;
    }
  show_match (self, &start, &end);
  return TRUE;
}

/**
 * sigla_find_bar_step:
 * @forward: to the next match, or the previous
 *
 * Returns: whether there is a match, now selected in the text
 */
gboolean
sigla_find_bar_step (SiglaFindBar *self,
                     gboolean      forward)
{
  GtkTextIter start, end;

  g_return_val_if_fail (SIGLA_IS_FIND_BAR (self), FALSE);

  if (self->text_view == NULL)
    return FALSE;
  gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &start, &end);
  return find_from (self, forward ? &end : &start, forward);
}

/* While typing, the match at or after where the last one began. */
static void
search_changed_cb (SiglaFindBar *self)
{
  GtkTextIter start, end;

  if (self->text_view == NULL)
    return;
  gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &start, &end);
  find_from (self, &start, TRUE);
}

static void
next_match_cb (SiglaFindBar *self)
{
  sigla_find_bar_step (self, TRUE);
}

static void
previous_match_cb (SiglaFindBar *self)
{
  sigla_find_bar_step (self, FALSE);
}

/* Escape: the bar closes, and the keyboard is in the text at the match. */
static void
stop_search_cb (SiglaFindBar *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  if (self->text_view == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));

  /* The match selected again if it was lost on the way (X11's primary
   * selection, taken by the entry, may take the text's with it): the next
   * key tags it. */
  buffer = gtk_text_view_get_buffer (self->text_view);
  if (self->match_start >= 0 && !gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      self->match_end <= gtk_text_buffer_get_char_count (buffer))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start, self->match_start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, self->match_end);
      gtk_text_buffer_select_range (buffer, &start, &end);
    }
}

static gboolean
shift_enter_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  return sigla_find_bar_step (SIGLA_FIND_BAR (user_data), FALSE) || TRUE;
}

/**
 * sigla_find_bar_start:
 *
 * Shows the bar, its entry focused, holding the words selected in the text
 * if there are some on one line.
 */
void
sigla_find_bar_start (SiglaFindBar *self)
{
  GtkTextIter start, end;

  g_return_if_fail (SIGLA_IS_FIND_BAR (self));

  if (self->text_view != NULL &&
      gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *words = gtk_text_iter_get_visible_text (&start, &end);

      g_signal_handlers_block_by_func (self->entry, search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), words);
      g_signal_handlers_unblock_by_func (self->entry, search_changed_cb, self);
    }
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/* Another text (another document shown): the match is no more. */
static void
text_changed_cb (SiglaFindBar *self)
{
  self->match_start = self->match_end = -1;
}

void
sigla_find_bar_set_text_view (SiglaFindBar *self,
                              GtkTextView  *text_view)
{
  g_return_if_fail (SIGLA_IS_FIND_BAR (self));
  self->text_view = text_view;
  g_signal_connect_object (gtk_text_view_get_buffer (text_view), "changed", G_CALLBACK (text_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
sigla_find_bar_class_init (SiglaFindBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "findbar");
}

static void
sigla_find_bar_init (SiglaFindBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *previous = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-down-symbolic");
  GtkEventController *keys = gtk_shortcut_controller_new ();

  self->match_start = self->match_end = -1;

  self->search_bar = GTK_SEARCH_BAR (gtk_search_bar_new ());
  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  self->status = GTK_LABEL (gtk_label_new (NULL));

  g_object_set (self->entry, "placeholder-text", _("Find in this document"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find in this document"), -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->entry), 280, -1);
  gtk_widget_set_tooltip_text (previous, _("Previous Match (Shift+Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (previous), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Previous Match"), -1);
  gtk_widget_set_tooltip_text (next, _("Next Match (Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Next Match"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), previous);
  gtk_box_append (GTK_BOX (box), next);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));
  gtk_search_bar_set_child (self->search_bar, box);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  gtk_search_bar_set_show_close_button (self->search_bar, TRUE);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->search_bar));

  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (next_match_cb), self);
  g_signal_connect_swapped (self->entry, "next-match", G_CALLBACK (next_match_cb), self);
  g_signal_connect_swapped (self->entry, "previous-match", G_CALLBACK (previous_match_cb), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  g_signal_connect_swapped (previous, "clicked", G_CALLBACK (previous_match_cb), self);
  g_signal_connect_swapped (next, "clicked", G_CALLBACK (next_match_cb), self);

  /* Shift+Enter in the entry: the previous match. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                                                          gtk_callback_action_new (shift_enter_cb, self, NULL)));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}
