/* SPDX-License-Identifier: GPL-3.0-or-later */
/* window-test-util.c: what the tests of the window share: the sample in a window on screen,
 * widgets found in it, keys pressed, pixels rendered. */

#include "window-test-util.h"

void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The first widget under @widget (itself included) that @match accepts. */
GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *widget, const char *title),
             const char *title)
{
  if (match (widget, title))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Until the window is on screen with its size, so that it can be drawn. */
void
wait_until_shown (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((gtk_widget_get_width (widget) == 0 || !gtk_widget_get_mapped (widget)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* A few more frames for the lists to fill in. */
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      run_pending ();
    }
}

/* @widget as drawn now. */
GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width, height;

  wait_until_shown (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* What a user would see, kept in the build tree for a look. */
void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = render (widget);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), name) == 0;
}

/* The sample project in a window of @width × @height, in light or dark. */
SiglaWindow *
present_sample (int      width,
                int      height,
                gboolean dark)
{
  SiglaWindow *window = sigla_window_new (NULL);
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (sigla_window_open_sample (window, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_shown (GTK_WIDGET (window));
  return window;
}

/* A key pressed in @widget, as its key controllers take it. */
void
press_key_in (GtkWidget      *widget,
              guint           keyval,
              GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  g_assert_true (handled);
  run_pending ();
}
