/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-a11y.c: what GTK 4.8 and libadwaita 1.2 leave out of the accessible tree, put in. */

#define G_LOG_DOMAIN "sigla-a11y"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sigla-a11y.h"

/* What Enter does on the row. A list view's row is selected first, as a
 * click selects it: the document list acts on the selection, not on Enter. */
static void
activate_row_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       row)
{
  if (!GTK_IS_LIST_BOX_ROW (row))
    gtk_widget_activate_action (row, "listitem.select", "(bb)", FALSE, FALSE);
  gtk_widget_activate (row);
}

/* GTK 4.8 offers through AT-SPI's Action interface only a widget's own
 * actions that take no parameter, and a row has none: this one is
 * "row.activate". */
static void
add_row_action (GtkWidget *row)
{
  g_autoptr(GSimpleActionGroup) group = NULL;
  g_autoptr(GSimpleAction) action = NULL;

  if (g_object_get_data (G_OBJECT (row), "sigla-a11y-row") != NULL)
    return;

  group = g_simple_action_group_new ();
  action = g_simple_action_new ("activate", NULL);
  g_signal_connect_object (action, "activate", G_CALLBACK (activate_row_cb), row, 0);
  /* A combo row with one choice, or none yet, is not activatable. */
  if (GTK_IS_LIST_BOX_ROW (row))
    g_object_bind_property (row, "activatable", action, "enabled", G_BINDING_SYNC_CREATE);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (group));
  g_object_set_data (G_OBJECT (row), "sigla-a11y-row", GINT_TO_POINTER (TRUE));
}

/* The page of a stack, or the child of a revealer, that is not on screen is
 * still in GTK 4.8's accessible tree, and every node there says it is
 * visible and none that it is showing: a screen reader cannot tell it from
 * the page shown. Hidden, it is left out of the tree. */
static void
page_mapped_cb (GtkWidget *page)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
}

static void
page_unmapped_cb (GtkWidget *page)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

static void
track_page (GtkWidget *page)
{
  g_signal_connect (page, "map", G_CALLBACK (page_mapped_cb), NULL);
  g_signal_connect (page, "unmap", G_CALLBACK (page_unmapped_cb), NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN,
                               !gtk_widget_get_mapped (page), -1);
}

static void
status_title_changed_cb (AdwStatusPage *page,
                         GParamSpec    *pspec,
                         GtkWidget     *scroller)
{
  const char *title = adw_status_page_get_title (page);

  gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : "", -1);
}

/* In GTK 4.8 Tab moves from row to row of a list view: past a long list
 * it is out of reach. Here Tab and Shift+Tab leave the list, as arrows
 * move in it: the list is made unfocusable for the move, which then goes on
 * from it to its neighbours, in GTK's own order. */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkWidget             *list)
{
  GtkDirectionType direction;
  gboolean moved;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (list)), direction);
  gtk_widget_set_can_focus (list, TRUE);

  return moved ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
leave_list_by_tab (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), list, 0);
  gtk_widget_add_controller (list, keys);
}

static void
mend_one (GtkWidget *widget)
{
  /* A button with a mnemonic is labelled "_Cancel" and, by its label,
   * "Cancel": it would be read "_Cancel Cancel". */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  /* An entry row's Apply button is named after its icon's class, "GtkImage". */
  if (GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL &&
      gtk_widget_get_tooltip_text (widget) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_widget_get_tooltip_text (widget), -1);

  /* A toast's close button, an icon alone, is named after the icon's class. */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL &&
      gtk_widget_get_parent (widget) != NULL &&
      ADW_IS_TOAST_OVERLAY (gtk_widget_get_parent (gtk_widget_get_parent (widget))))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);

  /* A scroller takes the focus when nothing in it can, and has no name:
   * it takes the name of the list or the text it scrolls... */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget));

      if (GTK_IS_VIEWPORT (child))
        child = gtk_viewport_get_child (GTK_VIEWPORT (child));
      if (GTK_IS_LIST_VIEW (child) || GTK_IS_LIST_BOX (child) || GTK_IS_TEXT_VIEW (child))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        child, NULL, -1);
    }

  /* ...or, in a status page, its title. */
  if (ADW_IS_STATUS_PAGE (widget) && GTK_IS_SCROLLED_WINDOW (gtk_widget_get_first_child (widget)))
    {
      g_signal_connect_object (widget, "notify::title", G_CALLBACK (status_title_changed_cb),
                               gtk_widget_get_first_child (widget), 0);
      status_title_changed_cb (ADW_STATUS_PAGE (widget), NULL, gtk_widget_get_first_child (widget));
    }

  if (ADW_IS_ACTION_ROW (widget))
    add_row_action (widget);

  if (GTK_IS_LIST_VIEW (widget))
    leave_list_by_tab (widget);

  if (GTK_IS_STACK (widget) || ADW_IS_VIEW_STACK (widget) || GTK_IS_REVEALER (widget))
    for (GtkWidget *page = gtk_widget_get_first_child (widget); page != NULL; page = gtk_widget_get_next_sibling (page))
      track_page (page);
}

static void
mend_widget (GtkWidget *widget)
{
  /* A composite mends itself, and the window then all it holds: each widget once. */
  if (g_object_get_data (G_OBJECT (widget), "sigla-a11y-mended") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "sigla-a11y-mended", GINT_TO_POINTER (TRUE));
      mend_one (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    mend_widget (child);
}

/**
 * sigla_a11y_set_row:
 * @row: a row of a list box, or the widget GTK 4.8 makes for a list view's
 *   item (the parent of the item's child)
 *
 * Names @row after what it shows, and gives it an action, "row.activate",
 * that does what Enter does on it.
 */
void
sigla_a11y_set_row (GtkWidget  *row,
                    const char *title,
                    const char *subtitle)
{
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WIDGET (row));

  if (subtitle != NULL && *subtitle != '\0')
    /* Translators: a row of a list as a screen reader reads it: its title, then what is below it */
    name = g_strdup_printf (_("%s, %s"), title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : title != NULL ? title : "", -1);
  add_row_action (row);
}

static void
mend_toasts (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (child != content)
      mend_widget (child);
}

/**
 * sigla_a11y_add_toast:
 * @overlay: where @toast is shown
 * @toast: (transfer full): a toast
 *
 * Shows @toast as adw_toast_overlay_add_toast() does, with its buttons
 * named: libadwaita 1.2 names the close button "GtkImage", after its
 * icon's class, and reads the action button's label twice.
 */
void
sigla_a11y_add_toast (AdwToastOverlay *overlay,
                      AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (overlay, toast);
  /* The overlay makes a toast's widgets when it shows it: now, or, behind
   * another, in its own handler of that one's "dismissed", which runs
   * before this one, connected after it. */
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (mend_toasts), overlay, G_CONNECT_SWAPPED);
  mend_toasts (overlay);
}

/**
 * sigla_a11y_mend:
 * @root: a widget whose children are all there
 *
 * Names what GTK 4.8 and libadwaita 1.2 leave unnamed or name after a
 * class under @root (scrollers, buttons with a mnemonic, entry rows' Apply
 * buttons, toasts' close buttons), gives action rows an action to activate
 * them, lets Tab leave list views, and leaves the
 * pages of stacks and revealers that are not on screen out of the
 * accessible tree.
 */
void
sigla_a11y_mend (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  mend_widget (root);
}
