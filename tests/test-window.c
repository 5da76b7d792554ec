/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the workbench in a real window (under Xvfb): open a project, tag the
 * selected words, find the row in the panel and the mention in the project file, undo. */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sigla-document-view.h"
#include "sigla-row.h"
#include "sigla-test-util.h"
#include "sigla-window.h"

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Every GtkListView under @widget whose rows include one titled @title. */
static GtkListView *
find_list_with_row (GtkWidget  *widget,
                    const char *title)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));

      for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          /* Combo rows have list views of their own, of other items. */
          if (SIGLA_IS_ROW (item) && g_strcmp0 (sigla_row_get_title (SIGLA_ROW (item)), title) == 0)
            return GTK_LIST_VIEW (widget);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_list_with_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static SiglaDocumentView *
find_document_view (GtkWidget *widget)
{
  if (SIGLA_IS_DOCUMENT_VIEW (widget))
    return SIGLA_DOCUMENT_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SiglaDocumentView *found = find_document_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Until the window is on screen with its size, so that it can be drawn. */
static void
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

/* What a user would see, kept in the build tree for a look. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  int width, height;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  wait_until_shown (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_tag_in_window (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  SiglaWindow *window;
  SiglaDocumentView *view;
  GtkListView *people;
  const char *found;
  gint64 start, end;
  GtkTextBuffer *buffer;
  GtkTextIter from, to;
  g_autofree char *span = NULL;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);

  window = sigla_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (sigla_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  run_pending ();

  /* The first document is shown, with the tagging commands in its context menu. */
  view = find_document_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  g_assert_nonnull (gtk_text_view_get_extra_menu (sigla_document_view_get_text_view (view)));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_text_view_get_extra_menu (sigla_document_view_get_text_view (view))), ==, 1);
  g_assert_cmpint (sigla_document_view_get_document (view), ==, 1);
  document = sigla_document_get (sigla_window_get_project (window), 1, NULL);
  found = strstr (document->text, "FILIPPOV");
  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (document->text, found);
  end = start + strlen ("FILIPPOV");

  /* Select the words, as a mouse or the keyboard would, and tag them. */
  buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_select_range (buffer, &from, &to);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag", "s", "person"));
  run_pending ();
  g_assert_true (sigla_window_tag_selection (window, SIGLA_KIND_PERSON, 0, "Joseph Stalin", &error));
  g_assert_no_error (error);
  run_pending ();

  /* In the project file … */
  entities = sigla_entity_list (sigla_window_get_project (window), NULL);
  g_assert_cmpuint (entities->len, ==, 1);
  g_assert_cmpstr (((SiglaEntity *) entities->pdata[0])->label, ==, "Joseph Stalin");
  mentions = sigla_mention_list (sigla_window_get_project (window), 1, NULL);
  g_assert_cmpuint (mentions->len, ==, 1);
  span = g_utf8_substring (document->text, ((SiglaMention *) mentions->pdata[0])->start,
                           ((SiglaMention *) mentions->pdata[0])->end);
  g_assert_cmpstr (span, ==, "FILIPPOV");

  /* … and in the People panel. */
  people = find_list_with_row (GTK_WIDGET (window), "Joseph Stalin");
  g_assert_nonnull (people);
  save_screenshot (GTK_WIDGET (window), "window-tagged.png");

  /* Undo takes the mention back, everywhere. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  run_pending ();
  g_clear_pointer (&mentions, g_ptr_array_unref);
  mentions = sigla_mention_list (sigla_window_get_project (window), 1, NULL);
  g_assert_cmpuint (mentions->len, ==, 0);
  g_assert_null (find_list_with_row (GTK_WIDGET (window), "Joseph Stalin"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  run_pending ();
  people = find_list_with_row (GTK_WIDGET (window), "Joseph Stalin");
  g_assert_nonnull (people);

  /* Choosing the row opens the editor; a new name, applied, is saved. */
  g_signal_emit_by_name (people, "activate", 0);
  run_pending ();
  {
    AdwEntryRow *name_row = find_entry_row (GTK_WIDGET (window), "Preferred name");
    AdwEntryRow *aliases_row = find_entry_row (GTK_WIDGET (window), "Other names: Filippov (pseudonym); …");
    g_autoptr(SiglaEntity) edited = NULL;

    g_assert_nonnull (name_row);
    g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (name_row)) || !gtk_widget_get_mapped (GTK_WIDGET (window)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Joseph Stalin");
    gtk_editable_set_text (GTK_EDITABLE (name_row), "I. V. Stalin");
    gtk_editable_set_text (GTK_EDITABLE (aliases_row), "Filippov (pseudonym)");
    g_signal_emit_by_name (name_row, "apply");
    run_pending ();

    edited = sigla_entity_get (sigla_window_get_project (window), ((SiglaEntity *) entities->pdata[0])->id, NULL);
    g_assert_cmpstr (edited->label, ==, "I. V. Stalin");
    g_assert_cmpuint (edited->aliases->len, ==, 1);
    g_assert_cmpstr (((SiglaAlias *) edited->aliases->pdata[0])->type, ==, "pseudonym");
    save_screenshot (GTK_WIDGET (window), "window-editor.png");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    run_pending ();
    g_clear_pointer (&edited, sigla_entity_free);
    edited = sigla_entity_get (sigla_window_get_project (window), ((SiglaEntity *) entities->pdata[0])->id, NULL);
    g_assert_cmpstr (edited->label, ==, "Joseph Stalin");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Joseph Stalin");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

static AdwComboRow *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_COMBO_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Mark a claim, open it from the Claims panel, and set its stance there. */
static void
test_claim_in_window (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) stalin = sigla_entity_new (SIGLA_KIND_PERSON, "Joseph Stalin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  const char *words = "This, of course, is inconceivable and not necessary.";
  SiglaWindow *window;
  SiglaDocumentView *view;
  GtkTextBuffer *buffer;
  GtkTextIter from, to;
  GtkListView *claim_list;
  AdwComboRow *stance_row, *certainty_row;
  gint64 start;
  const char * const *stances = sigla_claim_get_stances ();
  guint demands = 0;

  sigla_test_import_seed (setup, "004");
  g_assert_true (sigla_entity_insert (setup, stalin, NULL));
  g_clear_object (&setup);

  window = sigla_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (sigla_window_open_project (window, path, &error));
  gtk_window_present (GTK_WINDOW (window));
  run_pending ();

  view = find_document_view (GTK_WIDGET (window));
  document = sigla_document_get (sigla_window_get_project (window), 1, NULL);
  start = g_utf8_pointer_to_offset (document->text, strstr (document->text, words));
  buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, start + g_utf8_strlen (words, -1));
  gtk_text_buffer_select_range (buffer, &from, &to);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag", "s", "claim"));
  g_assert_true (sigla_window_tag_selection (window, SIGLA_TAG_CLAIM, stalin->id, NULL, &error));
  g_assert_no_error (error);
  run_pending ();

  claim_list = find_list_with_row (GTK_WIDGET (window), "Joseph Stalin asserts");
  g_assert_nonnull (claim_list);
  g_signal_emit_by_name (claim_list, "activate", 0);
  run_pending ();

  stance_row = find_combo_row (GTK_WIDGET (window), "Stance");
  certainty_row = find_combo_row (GTK_WIDGET (window), "Certainty");
  g_assert_nonnull (stance_row);
  for (guint i = 0; stances[i] != NULL; i++)
    if (g_str_equal (stances[i], "refuses"))
      demands = i;
  adw_combo_row_set_selected (stance_row, demands);
  adw_combo_row_set_selected (certainty_row, 1);   /* High */
  run_pending ();
  save_screenshot (GTK_WIDGET (window), "window-claim.png");

  claims = sigla_claim_list (sigla_window_get_project (window), 1, NULL);
  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpint (((SiglaClaim *) claims->pdata[0])->speaker_id, ==, stalin->id);
  g_assert_cmpstr (((SiglaClaim *) claims->pdata[0])->stance, ==, "refuses");
  g_assert_cmpstr (((SiglaClaim *) claims->pdata[0])->certainty, ==, "high");

  /* Each change was its own action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  run_pending ();
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = sigla_claim_list (sigla_window_get_project (window), 1, NULL);
  g_assert_cmpstr (((SiglaClaim *) claims->pdata[0])->stance, ==, "refuses");
  g_assert_null (((SiglaClaim *) claims->pdata[0])->certainty);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* A first start opens the sample: made from the annotated seeds the first
 * time, reopened after. */
static void
test_sample_project (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "sigla", "Sample.sigla", NULL);
  g_autoptr(GError) error = NULL;
  SiglaCounts counts;
  SiglaWindow *window;

  g_remove (path);
  window = sigla_window_new (NULL);
  g_assert_true (sigla_window_open_sample (window, &error));
  /* Opened projects are remembered, the last first. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.sigla.Sigla");
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-projects");

    g_assert_cmpstr (recent[0], ==, path);
  }
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (sigla_project_get_counts (sigla_window_get_project (window), &counts, NULL));
  g_assert_cmpint (counts.documents, ==, 5);
  g_assert_cmpint (counts.claims, >=, 12);
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();

  window = sigla_window_new (NULL);
  g_assert_true (sigla_window_open_sample (window, &error));
  g_assert_cmpstr (sigla_project_get_path (sigla_window_get_project (window)), ==, path);
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  g_remove (path);
}

/* A project that cannot be opened is refused with a message, and the
 * window stays as it was. */
static void
test_refused_project (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = sigla_test_write_file (dir, "notes.sigla", "not a project", -1);
  g_autoptr(GError) error = NULL;
  SiglaWindow *window = sigla_window_new (NULL);

  g_assert_false (sigla_window_open_project (window, path, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_SQLITE);
  g_assert_null (sigla_window_get_project (window));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/tag", test_tag_in_window);
  g_test_add_func ("/window/claim", test_claim_in_window);
  g_test_add_func ("/window/sample-project", test_sample_project);
  g_test_add_func ("/window/refused-project", test_refused_project);

  return g_test_run ();
}
