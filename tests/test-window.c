/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the workbench in a real window (under Xvfb): open a project, tag the
 * selected words, find the row in the panel and the mention in the project file, undo. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "sigla-claim-editor.h"
#include "sigla-document-view.h"
#include "sigla-entity-editor.h"
#include "sigla-highlighter.h"
#include "sigla-progress.h"
#include "sigla-row.h"
#include "sigla-test-util.h"
#include "sigla-window.h"
#include "window-test-util.h"

/* The title of a list's item, as its row shows it: a document, a search
 * hit, or the panels' entities, dates and claims. */
static char *
item_title (GObject *item)
{
  if (SIGLA_IS_ROW (item))
    return g_strdup (sigla_row_get_title (SIGLA_ROW (item)));
  if (SIGLA_IS_DOCUMENT_ITEM (item))
    return g_strdup (sigla_document_item_get_title (SIGLA_DOCUMENT_ITEM (item)));
  if (SIGLA_IS_ENTITY_ITEM (item))
    return g_strdup (sigla_entity_item_get_label (SIGLA_ENTITY_ITEM (item)));
  if (SIGLA_IS_DATE_ITEM (item))
    return g_strdup (sigla_date_item_get_when (SIGLA_DATE_ITEM (item)));
  if (SIGLA_IS_CLAIM_ITEM (item))
    return g_strdup_printf ("%s %s", sigla_claim_item_get_speaker (SIGLA_CLAIM_ITEM (item)),
                            sigla_claim_item_get_stance (SIGLA_CLAIM_ITEM (item)));
  return NULL;
}

/* An item's id: a document's, an entity's, a date's or a claim's. */
static gint64
item_id (GObject *item)
{
  if (SIGLA_IS_ROW (item))
    return sigla_row_get_id (SIGLA_ROW (item));
  if (SIGLA_IS_DOCUMENT_ITEM (item))
    return sigla_document_item_get_id (SIGLA_DOCUMENT_ITEM (item));
  if (SIGLA_IS_ENTITY_ITEM (item))
    return sigla_entity_item_get_id (SIGLA_ENTITY_ITEM (item));
  if (SIGLA_IS_DATE_ITEM (item))
    return sigla_date_item_get_id (SIGLA_DATE_ITEM (item));
  return sigla_claim_item_get_id (SIGLA_CLAIM_ITEM (item));
}

/* A list view whose rows include one titled @title. */
static gboolean
is_list_with_row (GtkWidget  *widget,
                  const char *title)
{
  GListModel *model;

  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;

  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_autofree char *shown = item_title (item);

      /* Combo rows have list views of their own, of other items. */
      if (g_strcmp0 (shown, title) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_preferences_row (GtkWidget  *widget,
                    const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A label shown whose text starts with @title. */
static gboolean
is_label_starting (GtkWidget  *widget,
                   const char *title)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_child_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), title);
}

/* A label on screen that holds @text. */
static gboolean
label_holds (GtkWidget  *widget,
             const char *text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_toggle (GtkWidget  *widget,
           const char *title)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), title) == 0;
}

#define find_list_with_row(window, title) GTK_LIST_VIEW (find_widget ((window), is_list_with_row, (title)))
#define find_entry_row(window, title) ADW_ENTRY_ROW (find_widget ((window), is_preferences_row, (title)))
#define find_combo_row(window, title) ADW_COMBO_ROW (find_widget ((window), is_preferences_row, (title)))

/* A new window of @width × @height on the project at @path, on screen. */
static SiglaWindow *
present_project (const char *path,
                 int         width,
                 int         height)
{
  SiglaWindow *window = sigla_window_new (NULL);
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (sigla_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The pixels of the first @rows rows of @widget as drawn now. */
static GBytes *
render_rows (GtkWidget *widget,
             int        rows)
{
  g_autoptr(GdkTexture) texture = render (widget);
  gsize stride = gdk_texture_get_width (texture) * 4;
  guchar *pixels = g_malloc (stride * gdk_texture_get_height (texture));

  gdk_texture_download (texture, pixels, stride);
  return g_bytes_new_take (pixels, stride * MIN (rows, gdk_texture_get_height (texture)));
}

/* The subtitle the row titled @title shows, read from its labels: what a
 * user sees. The row must be on screen (its panel shown). */
static const char *
row_subtitle (GtkWidget  *window,
              const char *title)
{
  GtkListView *view = find_list_with_row (window, title);

  g_assert_nonnull (view);
  run_pending ();
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkWidget *label = box != NULL ? gtk_widget_get_first_child (box) : NULL;

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
        return gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (label)));
    }

  g_error ("no row titled “%s” on screen", title);
}

static void
show_whole_project (SiglaWindow *window,
                    gboolean     whole)
{
  GtkWidget *toggle = find_widget (GTK_WIDGET (window), is_toggle, "Whole Project");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), whole);
  run_pending ();
}

/* The panels read afresh from the project: the other scope and back. */
static void
reload_panels (SiglaWindow *window)
{
  GtkWidget *toggle = find_widget (GTK_WIDGET (window), is_toggle, "Whole Project");
  gboolean whole = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));

  show_whole_project (window, !whole);
  show_whole_project (window, whole);
}

/* After @action (or none), the row titled @title says @count at once, as
 * reading the panels afresh says it. */
static void
assert_recounted (SiglaWindow *window,
                  const char  *action,
                  const char  *title,
                  const char  *count)
{
  g_autofree char *counted = NULL;

  if (action != NULL)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
      run_pending ();
    }
  counted = g_strdup (row_subtitle (GTK_WIDGET (window), title));
  g_assert_nonnull (strstr (counted, count));
  reload_panels (window);
  g_assert_cmpstr (row_subtitle (GTK_WIDGET (window), title), ==, counted);
}

/* The message dialog the window presented, if any. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* The message dialog a task in a thread presents once it is done. */
static AdwMessageDialog *
wait_for_message_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return dialog;
}

/* The window shows the copy made beside the refused file at @path, which
 * keeps the checksum @before. */
static void
assert_opened_copy (SiglaWindow *window,
                    const char  *copy,
                    const char  *path,
                    const char  *before)
{
  g_autofree char *after = sigla_test_file_checksum (path);
  SiglaCounts counts;

  g_assert_nonnull (sigla_window_get_project (window));
  g_assert_cmpstr (sigla_project_get_path (sigla_window_get_project (window)), ==, copy);
  g_assert_true (sigla_project_get_counts (sigla_window_get_project (window), &counts, NULL));
  g_assert_cmpint (counts.documents, ==, 1);
  g_assert_cmpstr (after, ==, before);
}

/* Selects the first @word of the shown document, as a mouse would; returns
 * where it starts, in code points. */
static gint64
select_word (SiglaDocumentView *view,
             const char        *word)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));
  GtkTextIter from, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &from);
  g_assert_true (gtk_text_iter_forward_search (&from, word, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  return gtk_text_iter_get_offset (&match_start);
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
  GtkTextBuffer *buffer;
  GtkTextIter from, to;
  g_autofree char *span = NULL;
  GMenuModel *menu;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);

  window = present_project (path, 1280, 800);
  run_pending ();

  /* The first document is shown, with the tagging commands in its context menu, then Tag All. */
  view = sigla_window_get_document_view (window);
  g_assert_nonnull (view);
  menu = gtk_text_view_get_extra_menu (sigla_document_view_get_text_view (view));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  {
    g_autoptr(GMenuModel) tag_all = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
    g_autofree char *action = NULL;

    g_assert_true (g_menu_model_get_item_attribute (tag_all, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "win.tag-all");
  }
  g_assert_cmpint (sigla_document_view_get_document (view), ==, 1);
  document = sigla_document_get (sigla_window_get_project (window), 1, NULL);
  buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));

  /* Select the words, as a mouse or the keyboard would, and tag them. */
  select_word (view, "FILIPPOV");
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
  g_assert_null (find_widget (GTK_WIDGET (window), label_holds, "No People Tagged"));

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
    AdwEntryRow *aliases_row = find_entry_row (GTK_WIDGET (window), "Other names");
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

  /* A second mention is counted in the row at once, as reading the panels
   * afresh would count it; undo and redo count it out and in again, in this
   * document's panel and in the whole project's. */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, 5);
  gtk_text_buffer_select_range (buffer, &from, &to);
  g_assert_true (sigla_window_tag_selection (window, SIGLA_KIND_PERSON, ((SiglaEntity *) entities->pdata[0])->id,
                                             NULL, &error));
  g_assert_no_error (error);
  assert_recounted (window, NULL, "Joseph Stalin", "2 mentions");
  assert_recounted (window, "win.undo", "Joseph Stalin", "1 mention");
  assert_recounted (window, "win.redo", "Joseph Stalin", "2 mentions");
  show_whole_project (window, TRUE);
  assert_recounted (window, "win.undo", "Joseph Stalin", "1 mention");
  show_whole_project (window, FALSE);

  /* A date has a row of its own, which undo takes away and redo brings back. */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, 6);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, 10);
  gtk_text_buffer_select_range (buffer, &from, &to);
  g_assert_true (sigla_window_tag_selection (window, SIGLA_KIND_DATE, 0, "1951-06-30", &error));
  g_assert_no_error (error);
  run_pending ();
  g_assert_nonnull (find_list_with_row (GTK_WIDGET (window), "1951-06-30"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  run_pending ();
  g_assert_null (find_list_with_row (GTK_WIDGET (window), "1951-06-30"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  run_pending ();
  g_assert_nonnull (find_list_with_row (GTK_WIDGET (window), "1951-06-30"));
  reload_panels (window);
  g_assert_nonnull (find_list_with_row (GTK_WIDGET (window), "1951-06-30"));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
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

  window = present_project (path, 1280, 800);
  run_pending ();

  view = sigla_window_get_document_view (window);
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

static gboolean
is_view_stack (GtkWidget  *widget,
               const char *unused)
{
  return ADW_IS_VIEW_STACK (widget);
}

/* A claim of @speaker over @words in @document's text, as @stance. */
static void
add_claim (SiglaProject        *project,
           const SiglaDocument *document,
           gint64               speaker,
           const char          *stance,
           const char          *words,
           const char          *paraphrase)
{
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  const char *found = strstr (document->text, words);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (found);
  claim->document_id = document->id;
  claim->start = g_utf8_pointer_to_offset (document->text, found);
  claim->end = claim->start + g_utf8_strlen (words, -1);
  claim->speaker_id = speaker;
  claim->stance = g_strdup (stance);
  claim->paraphrase = g_strdup (paraphrase);
  g_assert_true (sigla_claim_insert (project, claim, &error));
  g_assert_no_error (error);
}

/* A claim's row says who and how, then its words, on one line and cut
 * short when long, then its paraphrase if it has one. */
static void
test_claim_rows (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) mao = sigla_entity_new (SIGLA_KIND_PERSON, "Mao Zedong");
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "Cable from Mao Zedong.\n\n"
                     "We shall not yield an inch of ground along the thirty-eighth parallel, whatever they say.\n\n"
                     "The talks at Kaesong go on.\n";
  g_autofree char *file = sigla_test_write_file (dir, "cable.txt", text, -1);
  const char *long_words = "We shall not yield an inch of ground along the thirty-eighth parallel, whatever "
                           "they say.\nThe talks";
  g_autofree char *shown = NULL;
  SiglaWindow *window;

  g_assert_cmpint (sigla_import_file (setup, file, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (sigla_entity_insert (setup, mao, NULL));
  document = sigla_document_get (setup, 1, NULL);
  add_claim (setup, document, mao->id, "warns", long_words, NULL);
  add_claim (setup, document, mao->id, "reports", "The talks at Kaesong go on.", "Negotiations\ncontinue");
  g_clear_object (&setup);
  /* The first 80 characters of the long one, less the space they end on. */
  shown = g_strchomp (g_utf8_substring (long_words, 0, 80));
  g_assert_cmpint (g_utf8_strlen (long_words, -1), >, 80);
  g_assert_null (strchr (shown, '\n'));

  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  for (guint whole = 0; whole < 2; whole++)
    {
      g_autofree char *cut = g_strdup_printf ("“%s…”", shown);

      show_whole_project (window, whole);
      g_assert_cmpstr (row_subtitle (GTK_WIDGET (window), "Mao Zedong warns"), ==, cut);
      g_assert_cmpstr (row_subtitle (GTK_WIDGET (window), "Mao Zedong reports"), ==,
                       "“The talks at Kaesong go on.”\nNegotiations continue");
    }
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), is_view_stack, NULL)),
                                         "claims");
  save_screenshot (GTK_WIDGET (window), "window-claim-rows.png");

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* Whether the character at @offset carries the highlight @name. */
static gboolean
has_tag (SiglaDocumentView *view,
         gint64             offset,
         const char        *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* Highlights come in idle moments and after frames: waits (10 s at most)
 * until the character at @offset shows @name, or no longer does. */
static gboolean
wait_for_tag (SiglaDocumentView *view,
              gint64             offset,
              const char        *name,
              gboolean           shown)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (has_tag (view, offset, name) != shown && g_get_monotonic_time () < deadline)
    {
      g_usleep (1000);
      run_pending ();
    }

  return has_tag (view, offset, name) == shown;
}

/* A long document: its top highlighted first, the rest after; an edit made
 * elsewhere (a panel, an undo) changes only what it touched, and overlapping
 * highlights survive the removal of one of them. */
static void
test_highlights (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GString) text = g_string_new ("");
  g_autofree char *file = NULL;
  g_autoptr(SiglaEntity) speaker = sigla_entity_new (SIGLA_KIND_PERSON, "Li Kenong");
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GError) error = NULL;
  SiglaWindow *window;
  SiglaDocumentView *view;
  SiglaProject *project;
  gint64 first, second;

  while (text->len < 100000)
    g_string_append (text, "Alpha Beta Gamma Delta. ");
  file = sigla_test_write_file (dir, "long.txt", text->str, text->len);
  g_assert_cmpint (sigla_import_file (setup, file, &error), ==, 1);
  g_assert_no_error (error);
  first = sigla_test_add_mention (setup, 1, SIGLA_KIND_PERSON, 0, 0, 10);    /* "Alpha Beta" */
  second = sigla_test_add_mention (setup, 1, SIGLA_KIND_PERSON, 0, 6, 16);   /* "Beta Gamma", overlapping */
  sigla_test_add_mention (setup, 1, SIGLA_KIND_PLACE, 0, 90000, 90005);    /* far below the first screen */
  g_assert_true (sigla_entity_insert (setup, speaker, &error));
  claim->document_id = 1;
  claim->start = 24;
  claim->end = 47;
  claim->speaker_id = speaker->id;
  g_assert_true (sigla_claim_insert (setup, claim, &error));
  g_assert_no_error (error);
  g_clear_object (&setup);

  window = present_project (path, 1280, 800);
  view = sigla_window_get_document_view (window);
  project = sigla_window_get_project (window);

  /* The top at once; the far place once the window has drawn and idled. */
  g_assert_true (has_tag (view, 2, "person"));
  g_assert_true (has_tag (view, 30, "claim"));
  g_assert_true (wait_for_tag (view, 90002, "place", TRUE));
  g_assert_false (has_tag (view, 89998, "place"));

  /* Another part of the app removes the second person: the first keeps its
   * highlight where the two overlapped. */
  g_assert_true (sigla_mention_delete (project, second, &error));
  g_assert_true (wait_for_tag (view, 13, "person", FALSE));
  for (gint64 offset = 0; offset < 10; offset++)
    g_assert_true (has_tag (view, offset, "person"));
  g_assert_true (has_tag (view, 30, "claim"));
  g_assert_true (has_tag (view, 90002, "place"));

  /* Undo brings it back; the claim removed goes, the rest stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (wait_for_tag (view, 13, "person", TRUE));
  g_assert_true (sigla_claim_delete (project, claim->id, &error));
  g_assert_true (wait_for_tag (view, 30, "claim", FALSE));
  g_assert_true (has_tag (view, 2, "person"));
  g_assert_true (has_tag (view, 13, "person"));
  g_assert_true (has_tag (view, 90002, "place"));
  g_assert_no_error (error);

  /* sigla-cli removes the first person: the window, catching up, compares
   * all it shows with the file; the second person keeps the overlap. */
  {
    g_autoptr(SiglaProject) other = sigla_project_open (path, SIGLA_OPEN_DEFAULT, NULL);

    g_assert_true (sigla_mention_delete (other, first, &error));
    g_assert_true (sigla_window_catch_up (window));
    g_assert_true (wait_for_tag (view, 2, "person", FALSE));
    for (gint64 offset = 6; offset < 16; offset++)
      g_assert_true (has_tag (view, offset, "person"));
    g_assert_true (has_tag (view, 90002, "place"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* The paned that holds the text on its left and the panels on its right. */
static GtkPaned *
find_panels_paned (SiglaWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (sigla_window_get_document_view (window));

  while (widget != NULL && !GTK_IS_PANED (widget))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return GTK_PANED (widget);
}

/* The panels keep their width (a setting) whatever the window's width, and
 * a width dragged by the user is kept for the next window. */
static void
test_panel_width (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.sigla.Sigla");
  SiglaWindow *window;
  GtkPaned *paned;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);
  g_settings_set_int (settings, "panel-position", 420);

  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));

  paned = find_panels_paned (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (paned)) - gtk_paned_get_position (paned), ==, 420);

  /* Dragged narrower: remembered … */
  gtk_paned_set_position (paned, gtk_widget_get_width (GTK_WIDGET (paned)) - 330);
  wait_until_shown (GTK_WIDGET (window));
  g_assert_cmpint (g_settings_get_int (settings, "panel-position"), ==, 330);
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();

  /* … by the next window, a narrower one. */
  window = present_project (path, 1000, 700);
  wait_until_shown (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <, 1280);
  paned = find_panels_paned (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (paned)) - gtk_paned_get_position (paned), ==, 330);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  g_settings_reset (settings, "panel-position");
  sigla_test_remove_dir (dir);
}

/* An export runs in a thread; its Cancel stops it with nothing written
 * under the chosen name, and the next export writes the whole corpus. */
static void
test_export_cancelled (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *first = g_build_filename (out, "first.xml", NULL);
  g_autofree char *second = g_build_filename (out, "second.xml", NULL);
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *written = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  SiglaWindow *window;

  /* Enough documents that the export is still at work when Cancel comes. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("letter-%03u.txt", i);
      g_autofree char *text = g_strdup_printf ("Letter %u from Beijing to Moscow, 30 June 1951.\n", i);

      g_ptr_array_add (files, sigla_test_write_file (dir, name, text, -1));
    }
  g_ptr_array_add (files, NULL);
  g_assert_cmpuint (sigla_import_files (setup, (const char * const *) files->pdata, NULL, NULL, NULL, NULL), ==, 200);
  g_clear_object (&setup);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  window = present_project (path, 1280, 800);
  g_assert_true (sigla_window_export (window, 0, first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-task", NULL));

  /* A second export starts once the first has stopped. */
  while (!sigla_window_export (window, 0, second) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));

  while (!sigla_window_export (window, 0, first) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_get_contents (second, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "<teiCorpus"));
  g_assert_nonnull (strstr (written, "Letter 199 from Beijing"));
  g_assert_true (g_str_has_suffix (g_strchomp (written), "</teiCorpus>"));

  /* Let the last export finish before the window goes. */
  while (!g_file_test (first, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  listing = sigla_test_list_dir (out);
  g_assert_cmpstr (listing, ==, "first.xml\nsecond.xml");
  sigla_test_remove_dir (dir);
}

/* sigla-cli (or another window) tags while the window is open: the window
 * shows it once it catches up, as it does when it regains the focus. */
static void
test_changes_elsewhere (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) other = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) kaesong = sigla_entity_new (SIGLA_KIND_PLACE, "Kaesong");
  g_autoptr(SiglaDocument) document = NULL;
  SiglaWindow *window;
  SiglaDocumentView *view;
  gint64 start;

  sigla_test_import_seed (other, "004");
  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  view = sigla_window_get_document_view (window);
  g_assert_false (sigla_window_catch_up (window));

  document = sigla_document_get (other, 1, NULL);
  g_assert_true (sigla_entity_insert (other, kaesong, NULL));
  start = g_utf8_pointer_to_offset (document->text, strstr (document->text, "Kaesong"));
  sigla_test_add_mention (other, 1, SIGLA_KIND_PLACE, kaesong->id, start, start + strlen ("Kaesong"));
  g_assert_null (find_list_with_row (GTK_WIDGET (window), "Kaesong"));

  g_assert_true (sigla_window_catch_up (window));
  g_assert_true (wait_for_tag (view, start + 1, "place", TRUE));
  run_pending ();
  g_assert_nonnull (find_list_with_row (GTK_WIDGET (window), "Kaesong"));
  g_assert_false (sigla_window_catch_up (window));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  g_clear_object (&other);
  sigla_test_remove_dir (dir);
}

static gboolean
is_apply_button (GtkWidget  *widget,
                 const char *unused)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "adw-entry-apply-symbolic") == 0;
}

/* Whether @row shows its Apply button: an edit not yet saved. */
static gboolean
shows_apply (AdwEntryRow *row)
{
  GtkWidget *button = find_widget (GTK_WIDGET (row), is_apply_button, NULL);

  g_assert_nonnull (button);
  return gtk_widget_is_visible (button) && gtk_widget_get_child_visible (gtk_widget_get_parent (button)) &&
         gtk_widget_get_opacity (button) > 0;
}

/* The entity editor shows what is saved as it is: no example data where a
 * field is empty, and no Apply button once saved, nor in the next entity's editor. */
static void
test_editor_fields (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autoptr(SiglaProject) project = sigla_test_new_project (dir, NULL);
  g_autoptr(SiglaEntity) place = sigla_entity_new (SIGLA_KIND_PLACE, "Kaesong");
  g_autoptr(SiglaEntity) person = sigla_entity_new (SIGLA_KIND_PERSON, "Nam Il");
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  SiglaEntityEditor *editor = g_object_new (SIGLA_TYPE_ENTITY_EDITOR, NULL);
  AdwEntryRow *aliases_row;
  GtkWidget *apply;

  g_assert_true (sigla_entity_insert (project, place, &error));
  g_assert_true (sigla_entity_insert (project, person, &error));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sigla_entity_editor_show (editor, project, place->id, 0, &error));
  wait_until_shown (window);

  /* A place with no other names and no coordinates shows none. */
  g_assert_null (find_widget (window, label_holds, "Filippov"));
  g_assert_null (find_widget (window, label_holds, "37.97"));

  aliases_row = find_entry_row (window, "Other names");
  g_assert_nonnull (aliases_row);
  g_assert_false (shows_apply (aliases_row));
  /* Typed into, as a user does: the field has the focus. */
  gtk_widget_grab_focus (GTK_WIDGET (aliases_row));
  gtk_editable_set_text (GTK_EDITABLE (aliases_row), "Gaeseong (spelling)");
  run_pending ();
  g_assert_true (shows_apply (aliases_row));
  /* A screen reader reads the button as its tooltip says, not "GtkImage". */
  apply = find_widget (GTK_WIDGET (aliases_row), is_apply_button, NULL);
  gtk_test_accessible_assert_property (apply, GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_widget_get_tooltip_text (apply));
  /* Saved otherwise than by its button (leaving the editor saves it). */
  g_assert_true (sigla_entity_editor_save (editor));
  run_pending ();
  g_assert_false (shows_apply (aliases_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (aliases_row)), ==, "Gaeseong (spelling)");

  /* The next entity's editor, the field still focused, shows nothing to apply. */
  g_assert_true (sigla_entity_editor_show (editor, project, person->id, 0, &error));
  run_pending ();
  g_assert_false (shows_apply (find_entry_row (window, "Preferred name")));
  g_assert_false (shows_apply (aliases_row));
  g_assert_false (shows_apply (find_entry_row (window, "Note")));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

static gboolean
is_shown_separator (GtkWidget  *widget,
                    const char *unused)
{
  return GTK_IS_SEPARATOR (widget) && gtk_widget_is_visible (widget) && gtk_widget_get_opacity (widget) > 0;
}

/* The title and date above a document stay as they are while its text
 * scrolls, and a rule under them shows once it is scrolled: a line cut by
 * the scroller's edge is not read as touching the date. */
static void
test_header_over_text (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  SiglaDocumentView *view;
  GtkWidget *scroller, *rule;
  GtkAdjustment *adjustment;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  SiglaWindow *window;
  double top = 0, rule_top = 0;

  sigla_test_import_seed (setup, "000");
  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  view = sigla_window_get_document_view (window);
  scroller = gtk_widget_get_parent (GTK_WIDGET (sigla_document_view_get_text_view (view)));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  g_assert_null (find_widget (GTK_WIDGET (view), is_shown_separator, NULL));
  g_assert_true (gtk_widget_translate_coordinates (scroller, GTK_WIDGET (view), 0, 0, NULL, &top));
  before = render_rows (GTK_WIDGET (view), (int) top - 6);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), >, 200);
  /* Every few pixels, so that some line is cut by the scroller's top edge. */
  for (double value = 5; value < 120; value += 7)
    {
      gtk_adjustment_set_value (adjustment, value);
      run_pending ();
      rule = find_widget (GTK_WIDGET (view), is_shown_separator, NULL);
      g_assert_nonnull (rule);
      g_assert_true (gtk_widget_translate_coordinates (rule, GTK_WIDGET (view), 0, 0, NULL, &rule_top));
      g_assert_cmpfloat (rule_top, <=, top);
      g_clear_pointer (&after, g_bytes_unref);
      after = render_rows (GTK_WIDGET (view), (int) top - 6);
      g_assert_true (g_bytes_equal (before, after));
    }
  save_screenshot (GTK_WIDGET (window), "window-scrolled.png");

  gtk_adjustment_set_value (adjustment, 0);
  run_pending ();
  g_assert_null (find_widget (GTK_WIDGET (view), is_shown_separator, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* An export is offered under the project's name, and its toast says where
 * the file went, with a button that opens the folder. */
static void
test_export_toast (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *folder_words = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GtkWidget *said = NULL;
  SiglaWindow *window;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  /* Nothing tagged yet: the panel says so, and how to begin. */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), label_holds, "No People Tagged"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), label_holds, "press P"));
  name = sigla_window_export_name (window, 0);
  g_assert_cmpstr (name, ==, "test.xml");
  target = g_build_filename (dir, name, NULL);
  g_assert_true (sigla_window_export (window, 0, target));
  while ((said = find_widget (GTK_WIDGET (window), label_holds, "test.xml")) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (said);
  folder_words = g_strdup_printf ("“%s”", dir);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (said)), folder_words));
  g_assert_true (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_button_labelled, "Open Folder"));
  save_screenshot (GTK_WIDGET (window), "window-exported.png");

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* WCAG's relative luminance of an opaque colour. */
static double
luminance (const GdkRGBA *colour)
{
  const double channels[] = { colour->red, colour->green, colour->blue };
  const double weights[] = { 0.2126, 0.7152, 0.0722 };
  double sum = 0;

  for (guint i = 0; i < 3; i++)
    sum += weights[i] * (channels[i] <= 0.03928 ? channels[i] / 12.92 : pow ((channels[i] + 0.055) / 1.055, 2.4));
  return sum;
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double x = luminance (a), y = luminance (b);

  return (MAX (x, y) + 0.05) / (MIN (x, y) + 0.05);
}

/* @over, translucent, laid on the opaque @under. */
static GdkRGBA
blend (const GdkRGBA *over,
       const GdkRGBA *under)
{
  return (GdkRGBA) { over->red * over->alpha + under->red * (1 - over->alpha),
                     over->green * over->alpha + under->green * (1 - over->alpha),
                     over->blue * over->alpha + under->blue * (1 - over->alpha), 1 };
}

/* Every highlight, and a claim's words over each, reads at 4.5:1 or more
 * against the view's own colours, in the light style and the dark, as the
 * text view has them once the style is switched. */
static void
test_highlight_contrast (void)
{
  static const char * const kinds[] = { "person", "place", "org", "date", "unsaved" };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  g_autoptr(SiglaHighlighter) highlighter = sigla_highlighter_new (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  AdwStyleManager *styles = adw_style_manager_get_default ();

  /* The highlighter made the tags, and follows the style while it lives. */
  g_assert_nonnull (highlighter);
  gtk_widget_add_css_class (view, "view");
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  for (guint dark = 0; dark < 2; dark++)
    {
      GtkStyleContext *style;
      GdkRGBA background, text;
      g_autoptr(GdkRGBA) claim = NULL;

      adw_style_manager_set_color_scheme (styles, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      wait_until_shown (window);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      style = gtk_widget_get_style_context (view);
      g_assert_true (gtk_style_context_lookup_color (style, "view_bg_color", &background));
      gtk_style_context_get_color (style, &text);
G_GNUC_END_IGNORE_DEPRECATIONS
      text = blend (&text, &background);
      g_object_get (gtk_text_tag_table_lookup (table, "claim"), "foreground-rgba", &claim, NULL);
      g_test_message ("%s: claim on the view %.1f", dark ? "dark" : "light", contrast (claim, &background));
      g_assert_cmpfloat (contrast (claim, &background), >=, 4.5);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr(GdkRGBA) tint = NULL;
          GdkRGBA under;

          g_object_get (gtk_text_tag_table_lookup (table, kinds[k]), "background-rgba", &tint, NULL);
          under = blend (tint, &background);
          g_test_message ("%s: %s %.1f, a claim in it %.1f", dark ? "dark" : "light", kinds[k],
                          contrast (&text, &under), contrast (claim, &under));
          g_assert_cmpfloat (contrast (&text, &under), >=, 4.5);
          g_assert_cmpfloat (contrast (claim, &under), >=, 4.5);
        }
    }
  adw_style_manager_set_color_scheme (styles, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
}

static gboolean
is_list_with_title_holding (GtkWidget  *widget,
                            const char *text)
{
  GListModel *model;

  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (SIGLA_IS_ROW (item) && strstr (sigla_row_get_title (SIGLA_ROW (item)), text) != NULL &&
          g_strcmp0 (sigla_row_get_title (SIGLA_ROW (item)), text) != 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_any_search_entry (GtkWidget  *widget,
                     const char *unused)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_view_switcher (GtkWidget  *widget,
                  const char *unused)
{
  return ADW_IS_VIEW_SWITCHER (widget);
}

/* The search over all documents (not the find bar's, in one document). */
static gboolean
is_search_entry (GtkWidget  *widget,
                 const char *unused)
{
  g_autofree char *placeholder = NULL;

  if (!GTK_IS_SEARCH_ENTRY (widget))
    return FALSE;
  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  return g_strcmp0 (placeholder, "Search documents") == 0;
}

/* A search hit in another document opens it, and the document list then
 * shows that document chosen, not the one before. */
static void
test_search_hit_selects (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  gint64 cable = sigla_test_import_seed (setup, "000");
  gint64 krasovsky = sigla_test_import_seed (setup, "004");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkSingleSelection *documents;
  GtkListView *hits = NULL;
  GtkWidget *entry;
  SiglaWindow *window;
  g_autoptr(GError) error = NULL;

  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  g_assert_true (sigla_window_show_document (window, cable, &error));
  documents = GTK_SINGLE_SELECTION (gtk_list_view_get_model (find_list_with_row (GTK_WIDGET (window),
                                                                                 "BEIJING—TO KRASOVSKY")));
  g_assert_cmpint (item_id (gtk_single_selection_get_selected_item (documents)), ==, cable);

  entry = find_widget (GTK_WIDGET (window), is_search_entry, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Ridgway");
  while ((hits = GTK_LIST_VIEW (find_widget (GTK_WIDGET (window), is_list_with_title_holding, "Ridgway"))) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (hits);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (hits))); i++)
    {
      g_autoptr(SiglaRow) hit = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (hits)), i);

      if (sigla_row_get_document (hit) == krasovsky)
        {
          g_signal_emit_by_name (hits, "activate", i);
          break;
        }
    }
  run_pending ();

  g_assert_cmpint (sigla_document_view_get_document (sigla_window_get_document_view (window)), ==, krasovsky);
  g_assert_nonnull (gtk_single_selection_get_selected_item (documents));
  g_assert_cmpint (item_id (gtk_single_selection_get_selected_item (documents)), ==, krasovsky);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

static gboolean
is_stack_with_page (GtkWidget  *widget,
                    const char *name)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL;
}

/* Clicking a highlight shows its entity's panel, its row selected, and
 * opens its editor, whichever panel was shown before. */
static void
test_highlight_click (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  SiglaDocumentView *view;
  AdwViewStack *panels;
  GtkSingleSelection *people;
  GtkStack *side;
  SiglaWindow *window;
  gint64 stalin;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  view = sigla_window_get_document_view (window);
  select_word (view, "FILIPPOV");
  g_assert_true (sigla_window_tag_selection (window, SIGLA_KIND_PERSON, 0, "Joseph Stalin", &error));
  g_assert_no_error (error);
  run_pending ();
  entities = sigla_entity_list (sigla_window_get_project (window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 1);
  stalin = ((SiglaEntity *) entities->pdata[0])->id;

  panels = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), is_view_stack, NULL));
  g_assert_nonnull (panels);
  adw_view_stack_set_visible_child_name (panels, "places");
  side = GTK_STACK (find_widget (GTK_WIDGET (window), is_stack_with_page, "claim-editor"));
  g_assert_nonnull (side);

  g_signal_emit_by_name (view, "entity-activated", stalin);
  run_pending ();

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (panels), ==, "people");
  people = GTK_SINGLE_SELECTION (gtk_list_view_get_model (find_list_with_row (GTK_WIDGET (window), "Joseph Stalin")));
  g_assert_nonnull (gtk_single_selection_get_selected_item (people));
  g_assert_cmpint (item_id (gtk_single_selection_get_selected_item (people)), ==, stalin);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (side), ==, "editor");

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* Escape from the tag popover leaves the keyboard in the text, where the
 * selection is: not on the pane's divider, whose arrows would resize it. */
static void
test_popover_escape (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  SiglaDocumentView *view;
  GtkWidget *text, *popover;
  SiglaWindow *window;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  view = sigla_window_get_document_view (window);
  text = GTK_WIDGET (sigla_document_view_get_text_view (view));
  select_word (view, "FILIPPOV");
  gtk_widget_grab_focus (text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag", "s", "person"));
  run_pending ();
  popover = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));

  /* Escape, as GtkPopover handles it: popped down. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  run_pending ();
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == text);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* Where the tag popover points, in @window's coordinates: its pointing-to
 * rectangle is in its parent's. */
static graphene_rect_t
popover_target (SiglaWindow *window,
                GtkPopover  *popover)
{
  GdkRectangle area;
  graphene_point_t point;

  g_assert_true (gtk_popover_get_pointing_to (popover, &area));
  g_assert_true (gtk_widget_compute_point (gtk_widget_get_parent (GTK_WIDGET (popover)), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (area.x, area.y), &point));
  return GRAPHENE_RECT_INIT (point.x, point.y, area.width, area.height);
}

/* The popover for tagging the selected @word, once the window has drawn
 * (and scrolled) what it must, points at the word's line, inside the text's
 * visible area. */
static void
assert_popover_at_word (SiglaWindow *window,
                        const char  *word)
{
  SiglaDocumentView *view = sigla_window_get_document_view (window);
  GtkTextView *text = sigla_document_view_get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text);
  GtkWidget *popover;
  GtkTextIter start;
  GdkRectangle location;
  graphene_rect_t visible, target;
  graphene_point_t line;
  int x, y;

  /* Where the word starts: the popover's entry, taking the primary
   * selection, may have cleared the text's. */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, select_word (view, word));
  gtk_widget_grab_focus (GTK_WIDGET (text));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag", "s", "person"));
  wait_until_shown (GTK_WIDGET (window));
  popover = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));

  gtk_text_view_get_iter_location (text, &start, &location);
  gtk_text_view_buffer_to_window_coords (text, GTK_TEXT_WINDOW_WIDGET, location.x, location.y, &x, &y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (text), GTK_WIDGET (window), &GRAPHENE_POINT_INIT (x, y),
                                           &line));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (text), GTK_WIDGET (window), &visible));
  target = popover_target (window, GTK_POPOVER (popover));
  g_test_message ("%s: line at %.0f,%.0f (%d high), popover pointing at %.0f,%.0f; text %.0f…%.0f", word,
                  line.x, line.y, location.height, target.origin.x, target.origin.y, visible.origin.y,
                  visible.origin.y + visible.size.height);

  /* The word's line is in view … */
  g_assert_true (graphene_rect_contains_point (&visible, &line));
  /* … and the popover points at it. */
  g_assert_true (graphene_rect_contains_point (&visible, &target.origin));
  g_assert_cmpfloat (fabs (target.origin.y - line.y), <=, 2);
  g_assert_cmpfloat (fabs (target.origin.x - line.x), <=, 2);

  gtk_popover_popdown (GTK_POPOVER (popover));
  run_pending ();
}

/* The tag popover points at the selected words, even far down a long text
 * that must scroll to show them; the next popover at the next words, not
 * where the last one was. */
static void
test_popover_at_selection (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GString) text = g_string_new ("");
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  SiglaWindow *window;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (text, "%s Alpha Beta Gamma Delta, Alpha Beta Gamma Delta.\n\n",
                            i == 150 ? "Panmunjom" : i == 152 ? "Munsan" : i == 300 ? "Kaesong" : "Line");
  file = sigla_test_write_file (dir, "long.txt", text->str, text->len);
  g_assert_cmpint (sigla_import_file (setup, file, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&setup);

  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  assert_popover_at_word (window, "Panmunjom");
  /* A few lines below, in view already. */
  assert_popover_at_word (window, "Munsan");
  assert_popover_at_word (window, "Kaesong");
  assert_popover_at_word (window, "Panmunjom");

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* Files refused in an import through the window are each named in one
 * message, the good ones imported beside them. */
static void
test_import_refused (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  const guint8 binary[] = { 0x7f, 'E', 'L', 'F', 0, 0, 1, 0, 0, 0, 0xff, 0xfe, 0, 0 };
  g_autofree char *good = sigla_test_write_file (dir, "cable.txt", "Nam Il replied at Kaesong.\n", -1);
  g_autofree char *first = sigla_test_write_file (dir, "program.bin", (const char *) binary, sizeof binary);
  g_autofree char *second = sigla_test_write_file (dir, "empty.txt", "", 0);
  const char *paths[] = { first, good, second, NULL };
  AdwMessageDialog *dialog = NULL;
  const char *body;
  SiglaCounts counts;
  SiglaWindow *window;

  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  sigla_window_import (window, paths);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "program.bin"));
  g_assert_nonnull (strstr (body, "empty.txt"));
  g_assert_null (strstr (body, "cable.txt"));
  g_assert_true (sigla_project_get_counts (sigla_window_get_project (window), &counts, NULL));
  g_assert_cmpint (counts.documents, ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* How many documents the corpus search's hits come from. */
static guint
count_hit_documents (GListModel *hits)
{
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(SiglaRow) row = g_list_model_get_item (hits, i);
      gint64 document = sigla_row_get_document (row);

      g_hash_table_add (documents, g_memdup2 (&document, sizeof document));
    }
  return g_hash_table_size (documents);
}

/* The corpus search shows a page of documents, and the next as the list is
 * scrolled to its end, each once, until there are no more. */
static void
test_search_loads_more (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWidget *entry, *list;
  GListModel *hits;
  GtkAdjustment *adjustment;
  SiglaWindow *window;

  for (guint i = 0; i < 130; i++)
    {
      g_autofree char *name = g_strdup_printf ("cable-%03u.txt", i);
      g_autofree char *text = g_strdup_printf ("Cable %u\n\nThe delegates met at Kaesong, day %u.\n", i, i);

      g_ptr_array_add (files, sigla_test_write_file (dir, name, text, -1));
    }
  g_ptr_array_add (files, NULL);
  g_assert_cmpuint (sigla_import_files (setup, (const char * const *) files->pdata, NULL, NULL, NULL, NULL), ==, 130);
  g_clear_object (&setup);

  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  entry = find_widget (GTK_WIDGET (window), is_named, "search_entry");
  list = find_widget (GTK_WIDGET (window), is_named, "hit_list");
  hits = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Kaesong");
  while (g_list_model_get_n_items (hits) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  wait_until_shown (list);
  g_assert_cmpuint (count_hit_documents (hits), ==, 50);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW)));
  /* Scrolled to the end twice: 100 documents, then all 130; each hit once (one a document). */
  for (guint expected = 100; expected < 200; expected += 100)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
      run_pending ();
      wait_until_shown (list);
      g_assert_cmpuint (count_hit_documents (hits), ==, MIN (expected, 130));
      g_assert_cmpuint (g_list_model_get_n_items (hits), ==, MIN (expected, 130));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* A long import or export says how long it has left, from its pace: not in
 * its first seconds, nor at its end. */
static void
test_time_left (void)
{
  struct { double elapsed; guint done, total; const char *said; } cases[] = {
    { 1.0, 10, 100, "" },                                   /* the pace not known yet */
    { 10.0, 0, 100, "" },
    { 10.0, 100, 100, "" },                                 /* done */
    { 10.0, 50, 100, " — less than a minute left" },        /* 10 s */
    { 10.0, 10, 100, " — about 2 minutes left" },           /* 90 s */
    { 60.0, 1200, 20000, " — about 16 minutes left" },      /* 940 s */
    { 30.0, 1, 3, " — about 1 minute left" },               /* 60 s */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *said = sigla_progress_time_left (cases[i].elapsed, cases[i].done, cases[i].total);

      g_assert_cmpstr (said, ==, cases[i].said);
    }
}

/* A folder given to the window (dropped, chosen, or on the command line) is
 * imported with its folders' text files, one action; an empty one is said. */
static void
test_import_folder (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autofree char *folder = g_build_filename (dir, "cables", NULL);
  g_autofree char *inner = g_build_filename (folder, "1951", NULL);
  g_autofree char *empty = g_build_filename (dir, "nothing", NULL);
  const char *paths[] = { folder, NULL };
  const char *nothing[] = { empty, NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  AdwMessageDialog *dialog;
  SiglaCounts counts = { 0 };
  SiglaWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (inner, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_free (sigla_test_write_file (folder, "a.txt", "Nam Il replied at Kaesong.\n", -1));
  g_free (sigla_test_write_file (inner, "b.txt", "Peng Dehuai agreed.\n", -1));
  g_free (sigla_test_write_file (inner, "c.md", "Not a document.\n", -1));
  g_clear_object (&setup);

  window = present_project (path, 1280, 800);
  sigla_window_import (window, paths);
  while (counts.documents < 2 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_true (sigla_project_get_counts (sigla_window_get_project (window), &counts, NULL));
    }
  run_pending ();
  g_assert_cmpint (counts.documents, ==, 2);
  g_assert_true (sigla_project_can_undo (sigla_window_get_project (window)));

  sigla_window_import (window, nothing);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "nothing"));
  g_assert_true (sigla_project_get_counts (sigla_window_get_project (window), &counts, NULL));
  g_assert_cmpint (counts.documents, ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* Importing another edition's TEI ends with its report: what was read, linked and kept in
 * the file only, nothing silent. Screenshots in light and dark. */
static void
test_import_report (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autofree char *letter = g_test_build_filename (G_TEST_DIST, "tei-editions", "letter-schnitzler-L00002.xml", NULL);
  const char *paths[] = { letter, NULL };
  AdwMessageDialog *dialog = NULL;
  GtkWidget *label;
  const char *report;
  SiglaCounts counts;
  SiglaWindow *window;

  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  sigla_window_import (window, paths);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);

  label = find_widget (GTK_WIDGET (dialog), is_label_starting, "letter-schnitzler-L00002.xml");
  g_assert_nonnull (label);
  report = gtk_label_get_text (GTK_LABEL (label));
  g_assert_nonnull (strstr (report, "letter-schnitzler-L00002.xml"));
  /* What XPath counts in the letter's body: 4 names, 2 dates, 2 notes; the back's registers. */
  g_assert_nonnull (strstr (report, "2 notes"));
  g_assert_nonnull (strstr (report, "4 names (4 linked) · 2 dates"));
  g_assert_nonnull (strstr (report, "Kept in the file only: listBibl (1), listOrg (1), listPerson (1), listPlace (1)"));
  g_assert_nonnull (strstr (report, "rs type=work (5)"));
  save_screenshot (GTK_WIDGET (dialog), "window-import-report.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  run_pending ();
  save_screenshot (GTK_WIDGET (dialog), "window-import-report-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sigla_project_get_counts (sigla_window_get_project (window), &counts, NULL));
  g_assert_cmpint (counts.documents, ==, 1);

  /* The letter in the list: its date, who wrote to whom. */
  g_assert_cmpstr (row_subtitle (GTK_WIDGET (window), "Jaques Joachim an Arthur Schnitzler, 31. 1. 1890"), ==,
                   "1890-01-31 · Joachim, Jaques → Schnitzler, Arthur");
  /* Its notes read as notes: set apart from the letter's own words. */
  {
    GtkTextView *text = sigla_document_view_get_text_view (sigla_window_get_document_view (window));
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (text);
    GtkTextTag *note = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "block-note");
    GtkTextIter start, at, end;

    gtk_text_buffer_get_start_iter (buffer, &start);
    g_assert_true (gtk_text_iter_forward_search (&start, "Das erste Heft", 0, &at, &end, NULL));
    g_assert_true (gtk_text_iter_has_tag (&at, note));
    g_assert_true (gtk_text_iter_forward_search (&start, "Sehr geehrter", 0, &at, &end, NULL));
    g_assert_false (gtk_text_iter_has_tag (&at, note));
  }

  save_screenshot (GTK_WIDGET (window), "window-tei-letter.png");
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* Words the edition gives another reading of (sic beside corr, a variant beside the lemma)
 * are marked, and hovering them tells the other reading. */
static void
test_other_readings (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autofree char *papyrus = g_test_build_filename (G_TEST_DIST, "tei-editions", "apparatus-ddbdp-p.oxy.1.119.xml", NULL);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  SiglaDocumentView *view;
  GtkTextBuffer *buffer;
  GtkTextTag *marked;
  GtkTextIter iter;
  g_autofree char *said = NULL;
  SiglaWindow *window;
  gint64 id;

  id = sigla_import_file (setup, papyrus, &error);
  g_assert_no_error (error);
  g_clear_object (&setup);
  window = present_project (path, 1280, 800);
  view = sigla_window_get_document_view (window);
  buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));
  marked = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "alternative");
  g_assert_cmpint (sigla_document_view_get_document (view), ==, id);

  /* Read in a thread: the words are marked once it is done. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (!gtk_text_iter_forward_to_tag_toggle (&iter, marked) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      gtk_text_buffer_get_start_iter (buffer, &iter);
    }
  g_assert_true (gtk_text_iter_has_tag (&iter, marked));
  said = sigla_document_view_describe (view, gtk_text_iter_get_offset (&iter));
  g_assert_nonnull (said);
  g_assert_true (g_str_has_prefix (said, "Also in the file: "));
  g_test_message ("%s", said);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* A damaged project is refused, and the dialog that says so offers its last
 * good copy: opened as a new file beside it, the damaged one left as it is. */
static void
test_damaged_project (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *recovered = g_build_filename (dir, "test (recovered).sigla", NULL);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;
  SiglaWindow *window;
  gsize length;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);
  backup = g_strconcat (path, ".v1.bak", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2 + 123, NULL));
  before = sigla_test_file_checksum (path);

  window = sigla_window_new (NULL);
  g_assert_false (sigla_window_open_project (window, path, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_CORRUPT);
  sigla_window_show_error (window, error);
  run_pending ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "open-copy"));
  save_screenshot (GTK_WIDGET (dialog), "window-damaged.png");
  adw_message_dialog_response (dialog, "open-copy");
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_pending ();

  assert_opened_copy (window, recovered, path, before);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* A project another program changed (a trigger planted in it) is refused;
 * "Recover the Data" copies its documents into a new project beside it and
 * opens that, the changed file left as it is. */
static void
test_tampered_project (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autofree char *recovered = g_build_filename (dir, "test (recovered).sigla", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;
  SiglaWindow *window;
  sqlite3 *forger = NULL;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);
  g_assert_cmpint (sqlite3_open (path, &forger), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (forger, "CREATE TRIGGER planted AFTER INSERT ON mentions BEGIN "
                                         "UPDATE documents SET title = 'x'; END", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (forger);
  before = sigla_test_file_checksum (path);

  window = sigla_window_new (NULL);
  g_assert_false (sigla_window_open_project (window, path, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED);
  sigla_window_show_error (window, error);
  run_pending ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "recover"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "trigger “planted”"));
  save_screenshot (GTK_WIDGET (dialog), "window-tampered.png");
  adw_message_dialog_response (dialog, "recover");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "documents: 1 taken"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_pending ();

  assert_opened_copy (window, recovered, path, before);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : -1;
}

/* Compact Project, from the menu: the room an undone import took goes back to the disk. */
static void
test_compact_project (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GString) text = g_string_new ("");
  g_autofree char *long_path = NULL;
  g_autoptr(GError) error = NULL;
  SiglaWindow *window;
  gint64 before, deadline;

  while (text->len < 2 * 1024 * 1024)
    g_string_append (text, "The delegation met again at Kaesong and left without an answer. ");
  long_path = sigla_test_write_file (dir, "long.txt", text->str, text->len);
  g_assert_true (sigla_settings_set (setup, SIGLA_SETTING_HISTORY_MEGABYTES, "1", &error));
  g_assert_cmpint (sigla_import_file (setup, long_path, &error), >, 0);
  g_assert_true (sigla_project_undo (setup, NULL, &error));
  g_clear_object (&setup);
  before = file_size (path);

  window = sigla_window_new (NULL);
  g_assert_true (sigla_window_open_project (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compact-project", NULL));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (file_size (path) >= before - 2 * 1024 * 1024 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  run_pending ();
  g_assert_cmpint (file_size (path), <, before - 2 * 1024 * 1024);
  g_assert_null (find_message_dialog ());

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

/* Another program writing to the project: it holds the write lock. */
static sqlite3 *
hold_write_lock (const char *path)
{
  sqlite3 *holder;

  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return holder;
}

static void
release_write_lock (sqlite3 *holder)
{
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);
}

/* The file refuses a tag (another program holds it): the tag stays on screen
 * marked as not saved, a banner says why, nothing pretends it is in the
 * project; once the file is free, trying again writes it. */
static void
test_unsaved_tag (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  SiglaWindow *window;
  SiglaDocumentView *view;
  sqlite3 *holder;
  gint64 start;

  sigla_test_import_seed (setup, "004");
  g_clear_object (&setup);

  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  view = sigla_window_get_document_view (window);

  /* Another program writes to the project and holds it. */
  holder = hold_write_lock (path);

  start = select_word (view, "FILIPPOV");
  g_assert_false (sigla_window_tag_selection (window, SIGLA_KIND_PERSON, 0, "Joseph Stalin", &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_LOCKED);
  g_clear_error (&error);
  run_pending ();
  g_assert_true (has_tag (view, start + 1, "unsaved"));
  g_assert_false (has_tag (view, start + 1, "person"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_starting, "Not saved: "));
  save_screenshot (GTK_WIDGET (window), "window-unsaved.png");

  /* Another project is not opened over it. */
  g_assert_false (sigla_window_open_project (window, path, &error));
  g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE);
  g_clear_error (&error);

  /* The file is free again: the tag is written, and shown as any other. */
  release_write_lock (holder);
  g_assert_true (sigla_window_retry_unsaved (window));
  run_pending ();
  mentions = sigla_mention_list (sigla_window_get_project (window), 1, NULL);
  g_assert_cmpuint (mentions->len, ==, 1);
  g_assert_cmpint (((SiglaMention *) mentions->pdata[0])->start, ==, start);
  g_assert_false (has_tag (view, start + 1, "unsaved"));
  g_assert_true (has_tag (view, start + 1, "person"));
  g_assert_nonnull (find_list_with_row (GTK_WIDGET (window), "Joseph Stalin"));

  /* The entity editor: a name the file refuses stays as typed, marked as
   * not saved, through whatever the window reads again meanwhile; once the
   * file is free, trying again saves it. */
  g_signal_emit_by_name (find_list_with_row (GTK_WIDGET (window), "Joseph Stalin"), "activate", 0);
  run_pending ();
  {
    AdwEntryRow *name_row = find_entry_row (GTK_WIDGET (window), "Preferred name");
    g_autoptr(SiglaEntity) stalin = NULL;
    g_autoptr(GPtrArray) people = NULL;
    GtkWidget *banner;

    g_assert_nonnull (name_row);
    holder = hold_write_lock (path);
    gtk_editable_set_text (GTK_EDITABLE (name_row), "I. V. Stalin");
    g_signal_emit_by_name (name_row, "apply");
    run_pending ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "I. V. Stalin");
    g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (GTK_WIDGET (name_row), SIGLA_TYPE_ENTITY_EDITOR),
                                             "error"));
    banner = find_widget (GTK_WIDGET (window), is_label_starting, "Not saved: ");
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner)), "The edit is kept"));
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER))));
    save_screenshot (GTK_WIDGET (window), "window-editor-unsaved.png");
    people = sigla_entity_list (sigla_window_get_project (window), NULL);
    g_assert_cmpstr (((SiglaEntity *) people->pdata[0])->label, ==, "Joseph Stalin");

    /* Closing the window asks first, and Keep Open keeps it. */
    {
      gpointer alive = window;
      AdwMessageDialog *dialog;

      g_object_add_weak_pointer (G_OBJECT (window), &alive);
      gtk_window_close (GTK_WINDOW (window));
      run_pending ();
      dialog = find_message_dialog ();
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Close Without Saving?");
      save_screenshot (GTK_WIDGET (dialog), "window-close-unsaved.png");
      adw_message_dialog_response (dialog, "keep");
      gtk_window_destroy (GTK_WINDOW (dialog));
      run_pending ();
      g_assert_nonnull (alive);
      g_object_remove_weak_pointer (G_OBJECT (window), &alive);
    }

    /* Another program writes meanwhile; the window reads it all again. */
    release_write_lock (holder);
    {
      g_autoptr(SiglaProject) other = sigla_project_open (path, SIGLA_OPEN_DEFAULT, NULL);
      g_autoptr(SiglaEntity) mao = sigla_entity_new (SIGLA_KIND_PERSON, "Mao Zedong");

      g_assert_true (sigla_entity_insert (other, mao, NULL));
    }
    g_assert_true (sigla_window_catch_up (window));
    run_pending ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "I. V. Stalin");
    g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (GTK_WIDGET (name_row), SIGLA_TYPE_ENTITY_EDITOR),
                                             "error"));

    /* Another project is not opened over it. */
    g_assert_false (sigla_window_open_project (window, path, &error));
    g_assert_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE);
    g_clear_error (&error);

    /* What the window does every few seconds and on focus. */
    g_assert_true (sigla_window_retry_unsaved (window));
    run_pending ();
    g_assert_false (gtk_widget_has_css_class (gtk_widget_get_ancestor (GTK_WIDGET (name_row), SIGLA_TYPE_ENTITY_EDITOR),
                                              "error"));
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER))));
    stalin = sigla_entity_get (sigla_window_get_project (window), ((SiglaEntity *) people->pdata[0])->id, NULL);
    g_assert_cmpstr (stalin->label, ==, "I. V. Stalin");
  }

  /* All saved: the window closes without asking. */
  {
    gpointer alive = window;

    g_object_add_weak_pointer (G_OBJECT (window), &alive);
    gtk_window_close (GTK_WINDOW (window));
    run_pending ();
    g_assert_null (alive);
    g_assert_null (find_message_dialog ());
  }
  sigla_test_remove_dir (dir);
}

/* An edit the file refused, to an entity another program then deletes:
 * trying again says the entity is gone, once, and stops. */
static void
test_unsaved_edit_gone (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) stalin = sigla_entity_new (SIGLA_KIND_PERSON, "Joseph Stalin");
  SiglaEntityEditor *editor;
  AdwEntryRow *name_row;
  AdwMessageDialog *dialog;
  SiglaWindow *window;
  sqlite3 *holder;

  sigla_test_import_seed (setup, "004");
  g_assert_true (sigla_entity_insert (setup, stalin, NULL));
  sigla_test_add_mention (setup, 1, SIGLA_KIND_PERSON, stalin->id, 0, 7);

  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  g_signal_emit_by_name (find_list_with_row (GTK_WIDGET (window), "Joseph Stalin"), "activate", 0);
  run_pending ();
  name_row = find_entry_row (GTK_WIDGET (window), "Preferred name");
  g_assert_nonnull (name_row);
  editor = SIGLA_ENTITY_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (name_row), SIGLA_TYPE_ENTITY_EDITOR));

  holder = hold_write_lock (path);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "I. V. Stalin");
  g_signal_emit_by_name (name_row, "apply");
  run_pending ();
  g_assert_true (sigla_entity_editor_is_unsaved (editor));
  release_write_lock (holder);

  g_assert_true (sigla_entity_delete (setup, stalin->id, SIGLA_DELETE_MENTIONS, NULL));
  g_assert_true (sigla_window_retry_unsaved (window));
  run_pending ();
  g_assert_false (sigla_entity_editor_is_unsaved (editor));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_pending ();

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  sigla_test_remove_dir (dir);
}

static gboolean
is_group_titled (GtkWidget  *widget,
                 const char *title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static gboolean
is_text_view (GtkWidget  *widget,
              const char *unused)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static gboolean
is_claim_editor (GtkWidget  *widget,
                 const char *unused)
{
  return SIGLA_IS_CLAIM_EDITOR (widget);
}

/* The claim editor's field titled @title: a text view several lines tall,
 * framed, that wraps words and leaves Tab to move the focus. */
static GtkTextView *
find_text_field (GtkWidget  *editor,
                 const char *title,
                 GtkWidget **apply)
{
  GtkWidget *group = find_widget (editor, is_group_titled, title);
  GtkWidget *view, *scroller;

  g_assert_nonnull (group);
  view = find_widget (group, is_text_view, NULL);
  g_assert_nonnull (view);
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_WORD_CHAR);
  g_assert_false (gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (view)));
  scroller = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_scrolled_window_get_has_frame (GTK_SCROLLED_WINDOW (scroller)));
  g_assert_cmpint (gtk_widget_get_height (scroller), >=, 3 * 20);
  *apply = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));
  g_assert_true (GTK_IS_BUTTON (*apply));
  return GTK_TEXT_VIEW (view);
}

static char *
dup_view_text (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

/* @text typed over what @view holds, as a user would. */
static void
type_text (GtkTextView *view,
           const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
}

/* The claim as the project file has it. */
static SiglaClaim *
get_claim (SiglaWindow *window)
{
  g_autoptr(GPtrArray) claims = sigla_claim_list (sigla_window_get_project (window), 1, NULL);

  g_assert_cmpuint (claims->len, ==, 1);
  return g_ptr_array_steal_index (claims, 0);
}

/* The paraphrase and the note of a claim run to several lines, each saved
 * when applied (its button, Ctrl+Enter) as one action that undo takes back,
 * kept as typed while the file refuses it; Tab leaves them. */
static void
test_claim_text_fields (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(SiglaProject) setup = sigla_test_new_project (dir, &path);
  g_autoptr(SiglaEntity) stalin = sigla_entity_new (SIGLA_KIND_PERSON, "Joseph Stalin");
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(SiglaClaim) claim = NULL;
  GtkTextView *paraphrase, *note;
  GtkWidget *paraphrase_apply, *note_apply, *editor;
  g_autofree char *shown = NULL;
  SiglaWindow *window;
  sqlite3 *holder;

  sigla_test_import_seed (setup, "004");
  g_assert_true (sigla_entity_insert (setup, stalin, NULL));
  document = sigla_document_get (setup, 1, NULL);
  add_claim (setup, document, stalin->id, "asserts", "This, of course, is inconceivable and not necessary.", NULL);
  g_clear_object (&setup);

  window = present_project (path, 1280, 800);
  wait_until_shown (GTK_WIDGET (window));
  g_signal_emit_by_name (find_list_with_row (GTK_WIDGET (window), "Joseph Stalin asserts"), "activate", 0);
  wait_until_shown (GTK_WIDGET (window));
  editor = find_widget (GTK_WIDGET (window), is_claim_editor, NULL);
  g_assert_nonnull (editor);
  paraphrase = find_text_field (editor, "Paraphrase", &paraphrase_apply);
  note = find_text_field (editor, "Note", &note_apply);
  g_assert_false (gtk_widget_get_visible (paraphrase_apply));

  /* Typed, then applied by the button. */
  gtk_widget_grab_focus (GTK_WIDGET (paraphrase));
  type_text (paraphrase, "Not needed.\nNot possible either.");
  run_pending ();
  g_assert_true (gtk_widget_get_visible (paraphrase_apply));
  save_screenshot (GTK_WIDGET (window), "window-claim-text.png");
  g_signal_emit_by_name (paraphrase_apply, "clicked");
  run_pending ();
  claim = get_claim (window);
  g_assert_cmpstr (claim->paraphrase, ==, "Not needed.\nNot possible either.");
  g_assert_false (gtk_widget_get_visible (paraphrase_apply));

  /* Tab leaves the text for the next field, and types nothing. */
  press_key_in (GTK_WIDGET (paraphrase), GDK_KEY_Tab, 0);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (paraphrase)));
  shown = dup_view_text (paraphrase);
  g_assert_cmpstr (shown, ==, "Not needed.\nNot possible either.");

  /* The note, applied by Ctrl+Enter's action; undo takes it back, in the field too. */
  type_text (note, "Said twice:\n\nonce to Kim.");
  g_assert_true (gtk_widget_activate_action (editor, "claim.apply", NULL));
  run_pending ();
  g_clear_pointer (&claim, sigla_claim_free);
  claim = get_claim (window);
  g_assert_cmpstr (claim->note, ==, "Said twice:\n\nonce to Kim.");
  g_assert_cmpstr (claim->paraphrase, ==, "Not needed.\nNot possible either.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  run_pending ();
  g_clear_pointer (&claim, sigla_claim_free);
  claim = get_claim (window);
  g_assert_null (claim->note);
  g_clear_pointer (&shown, g_free);
  shown = dup_view_text (note);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (gtk_widget_get_visible (note_apply));

  /* The file refuses it: kept as typed, not saved, until it can be. */
  holder = hold_write_lock (path);
  type_text (paraphrase, "Held back.");
  g_signal_emit_by_name (paraphrase_apply, "clicked");
  run_pending ();
  g_assert_true (sigla_claim_editor_is_unsaved (SIGLA_CLAIM_EDITOR (editor)));
  g_assert_true (gtk_widget_get_visible (paraphrase_apply));
  release_write_lock (holder);
  run_pending ();
  g_clear_pointer (&shown, g_free);
  shown = dup_view_text (paraphrase);
  g_assert_cmpstr (shown, ==, "Held back.");
  g_assert_true (sigla_window_retry_unsaved (window));
  run_pending ();
  g_assert_false (sigla_claim_editor_is_unsaved (SIGLA_CLAIM_EDITOR (editor)));
  g_assert_false (gtk_widget_get_visible (paraphrase_apply));
  g_clear_pointer (&claim, sigla_claim_free);
  claim = get_claim (window);
  g_assert_cmpstr (claim->paraphrase, ==, "Held back.");

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

static gboolean
is_flap (GtkWidget  *widget,
         const char *unused)
{
  return ADW_IS_FLAP (widget);
}

static gboolean
is_list_view (GtkWidget  *widget,
              const char *unused)
{
  return GTK_IS_LIST_VIEW (widget);
}

/* At 900 px the text keeps 55 % of the width: the documents fold away, F9
 * brings them over the text and back, Shift+F9 hides the panels, and the
 * next window remembers that. */
static void
test_narrow_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.sigla.Sigla");
  SiglaWindow *window = present_sample (900, 650, FALSE);
  GtkWidget *text = find_widget (GTK_WIDGET (window), is_named, "content_stack");
  AdwFlap *flap = ADW_FLAP (find_widget (GTK_WIDGET (window), is_flap, NULL));
  GtkWidget *panels;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int shared;

  g_assert_cmpint (width, <=, 1000);
  g_assert_cmpfloat (gtk_widget_get_width (text), >=, 0.55 * width);
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));

  /* F9: the documents over the text, which keeps its width. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  wait_until_shown (GTK_WIDGET (window));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_cmpfloat (gtk_widget_get_width (text), >=, 0.55 * width);
  save_screenshot (GTK_WIDGET (window), "window-narrow-documents.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  /* Folded away by the width, not by the user: still shown when wide. */
  g_assert_true (g_settings_get_boolean (settings, "show-sidebar"));

  /* Shift+F9: the panels hidden, their room goes to the text, and to the
   * documents beside it, which fit again; remembered. */
  shared = gtk_widget_get_width (text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panels", NULL));
  wait_until_shown (GTK_WIDGET (window));
  panels = find_widget (GTK_WIDGET (window), is_named, "panel_box");
  g_assert_false (gtk_widget_get_visible (panels));
  g_assert_cmpint (gtk_widget_get_width (text), >, shared);
  g_assert_cmpfloat (gtk_widget_get_width (text), >=, 0.55 * width);
  g_assert_false (g_settings_get_boolean (settings, "show-panels"));
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();

  window = present_sample (1400, 900, FALSE);
  panels = find_widget (GTK_WIDGET (window), is_named, "panel_box");
  g_assert_false (gtk_widget_get_visible (panels));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-panels", NULL));
  g_assert_true (gtk_widget_get_visible (panels));
  g_assert_true (g_settings_get_boolean (settings, "show-panels"));
  /* Wide, the documents are beside the text, not over it. */
  flap = ADW_FLAP (find_widget (GTK_WIDGET (window), is_flap, NULL));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The window as a user sees it, light and dark, wide and narrow, with a
 * claim open: kept in the build tree to be looked at. The text keeps its
 * share in each. */
static void
test_screenshots (void)
{
  const struct { int width, height; } sizes[] = { { 1400, 900 }, { 900, 650 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int dark = 0; dark <= 1; dark++)
      {
        SiglaWindow *window = present_sample (sizes[i].width, sizes[i].height, dark);
        GtkWidget *claims = find_widget (GTK_WIDGET (window), is_named, "panel_stack");
        g_autofree char *name = g_strdup_printf ("window-%s-%dx%d.png", dark ? "dark" : "light",
                                                 sizes[i].width, sizes[i].height);
        g_autofree char *editing = g_strdup_printf ("window-%s-%dx%d-claim.png", dark ? "dark" : "light",
                                                    sizes[i].width, sizes[i].height);
        int width = gtk_widget_get_width (GTK_WIDGET (window));

        g_assert_cmpfloat (gtk_widget_get_width (find_widget (GTK_WIDGET (window), is_named, "content_stack")), >=,
                           0.55 * width - (width > 1000 ? 280 : 0));
        save_screenshot (GTK_WIDGET (window), name);

        /* The claims, and the first one open in its editor. */
        g_assert_nonnull (claims);
        adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (claims), "claims");
        wait_until_shown (GTK_WIDGET (window));
        g_signal_emit_by_name (find_widget (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (claims), "claims"),
                                            is_list_view, NULL), "activate", 0);
        wait_until_shown (GTK_WIDGET (window));
        save_screenshot (GTK_WIDGET (window), editing);

        gtk_window_destroy (GTK_WINDOW (window));
        run_pending ();
      }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static GtkWidget *
focus_of (SiglaWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* @widget has the keyboard, or holds what has. */
static gboolean
has_focus_in (SiglaWindow *window,
              GtkWidget   *widget)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The keyboard paths, as the keys run them (each an action bound to its
 * key): Ctrl+F finds words and Escape leaves them selected in the text;
 * Ctrl+Shift+F and Enter open the first hit; F6 goes round the documents,
 * the text and the panels; Enter on a row lands in its editor, Back in the
 * row again, and a tab closes the editor; Escape returns to the text. */
static void
test_keyboard_paths (void)
{
  SiglaWindow *window = present_sample (1400, 900, FALSE);
  SiglaDocumentView *view = sigla_window_get_document_view (window);
  GtkWidget *text = GTK_WIDGET (sigla_document_view_get_text_view (view));
  GtkWidget *find = find_widget (GTK_WIDGET (window), is_named, "find_bar");
  GtkWidget *search = find_widget (GTK_WIDGET (window), is_search_entry, NULL);
  GtkWidget *documents = find_widget (GTK_WIDGET (window), is_named, "document_list");
  GtkWidget *panels = find_widget (GTK_WIDGET (window), is_named, "panel_box");
  GtkWidget *side = find_widget (GTK_WIDGET (window), is_named, "panel_side");
  AdwViewStack *stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), is_named, "panel_stack"));
  GtkWidget *entry, *claims, *find_entry;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  gint64 shown;

  g_assert_nonnull (find);
  g_assert_true (has_focus_in (window, text));

  /* Ctrl+F, "filippov": the first Filippov selected, case aside. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  run_pending ();
  find_entry = find_widget (find, is_any_search_entry, NULL);
  g_assert_true (has_focus_in (window, find_entry));
  gtk_editable_set_text (GTK_EDITABLE (find_entry), "filippov");
  g_signal_emit_by_name (find_entry, "search-changed");
  run_pending ();
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, "Filippov");
  /* Enter: the next one, further on. */
  {
    int first = gtk_text_iter_get_offset (&start);

    g_signal_emit_by_name (find_entry, "activate");
    g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
    g_assert_cmpint (gtk_text_iter_get_offset (&start), >, first);
  }
  /* Escape: back in the text, the words still selected, ready for P. */
  g_signal_emit_by_name (find_entry, "stop-search");
  run_pending ();
  g_assert_true (has_focus_in (window, text));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_clear_pointer (&selected, g_free);
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, "Filippov");

  /* Ctrl+Shift+F, "Ridgway", Enter: the hit shown, the keyboard in the text. */
  shown = sigla_document_view_get_document (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  run_pending ();
  entry = search;
  g_assert_true (has_focus_in (window, entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Ridgway");
  g_signal_emit_by_name (entry, "search-changed");
  /* The entry's text selected on focus takes X11's primary selection; the
   * text view would give its own up when that news comes, after the hit's. */
  wait_until_shown (GTK_WIDGET (window));
  g_signal_emit_by_name (entry, "activate");
  run_pending ();
  g_assert_cmpint (sigla_document_view_get_document (view), !=, shown);
  g_assert_true (has_focus_in (window, text));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_clear_pointer (&selected, g_free);
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, "Ridgway");
  /* Escape in the search: the text, the documents listed again. */
  gtk_widget_grab_focus (entry);
  g_signal_emit_by_name (entry, "stop-search");
  run_pending ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (has_focus_in (window, text));

  /* F6 from the text: the panels, the documents, the text again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-pane", NULL));
  g_assert_true (has_focus_in (window, panels));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-pane", NULL));
  g_assert_true (has_focus_in (window, documents));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-pane", NULL));
  g_assert_true (has_focus_in (window, text));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-pane", NULL));
  g_assert_true (has_focus_in (window, documents));

  /* A claim's row, Enter: its editor, the keyboard on its stance; the tabs stay. */
  adw_view_stack_set_visible_child_name (stack, "claims");
  run_pending ();
  claims = find_widget (adw_view_stack_get_child_by_name (stack, "claims"), is_list_view, NULL);
  g_signal_emit_by_name (claims, "activate", 0);
  run_pending ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (side)), ==, "claim-editor");
  g_assert_true (has_focus_in (window, find_widget (side, is_preferences_row, "Stance")));
  g_assert_true (gtk_widget_get_mapped (find_widget (panels, is_view_switcher, NULL)));
  /* Escape: the text; F6: back in the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-text", NULL));
  g_assert_true (has_focus_in (window, text));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-pane", NULL));
  g_assert_true (has_focus_in (window, find_widget (side, is_preferences_row, "Stance")));
  /* Back: the claims again, the keyboard on their list. */
  g_signal_emit_by_name (find_widget (side, is_named, "claim_editor"), "done");
  run_pending ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (side)), ==, "lists");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "claims");
  g_assert_true (has_focus_in (window, claims));

  /* A person's row, Enter: the keyboard on the name; the People tab closes it. */
  adw_view_stack_set_visible_child_name (stack, "people");
  run_pending ();
  g_signal_emit_by_name (find_widget (adw_view_stack_get_child_by_name (stack, "people"), is_list_view, NULL),
                         "activate", 0);
  run_pending ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (side)), ==, "editor");
  g_assert_true (has_focus_in (window, find_widget (side, is_preferences_row, "Preferred name")));
  adw_view_stack_set_visible_child_name (stack, "places");
  run_pending ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (side)), ==, "lists");

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Whether a label under @widget is cut short ("Organisati…"). */
static gboolean
holds_ellipsized_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_test_message ("cut short: %s", gtk_label_get_text (GTK_LABEL (widget)));
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (holds_ellipsized_label (child))
      return TRUE;
  return FALSE;
}

/* The panels' tabs read whole at the default width and at 900 px. */
static void
test_panel_tabs (void)
{
  const int widths[] = { 1400, 900 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      SiglaWindow *window = present_sample (widths[i], 800, FALSE);
      GtkWidget *tabs = find_widget (GTK_WIDGET (window), is_view_switcher, NULL);

      g_assert_nonnull (tabs);
      g_assert_false (holds_ellipsized_label (tabs));
      gtk_window_destroy (GTK_WINDOW (window));
      run_pending ();
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Tab leaves a list, whatever row has the focus (GTK 4.8 would move to
 * the next row): from the document list to the text, and back with
 * Shift+Tab; the document's title and date above the text are not Tab
 * stops on the way. */
static void
test_tab_leaves_lists (void)
{
  SiglaWindow *window = present_sample (1400, 900, FALSE);
  GtkWidget *documents = find_widget (GTK_WIDGET (window), is_named, "document_list");
  GtkWidget *text = GTK_WIDGET (sigla_document_view_get_text_view (sigla_window_get_document_view (window)));
  GtkWidget *first, *second;

  g_assert_true (gtk_widget_child_focus (documents, GTK_DIR_TAB_FORWARD));
  first = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_is_ancestor (first, documents));
  g_assert_true (gtk_widget_child_focus (documents, GTK_DIR_DOWN));
  second = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (second != first && gtk_widget_is_ancestor (second, documents));

  press_key_in (documents, GDK_KEY_Tab, 0);
  g_assert_true (gtk_widget_has_focus (text));

  /* Back to the row it left. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == second);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
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
  g_test_add_func ("/window/claim-rows", test_claim_rows);
  g_test_add_func ("/window/claim-text-fields", test_claim_text_fields);
  g_test_add_func ("/window/highlights", test_highlights);
  g_test_add_func ("/window/panel-width", test_panel_width);
  g_test_add_func ("/window/export-cancelled", test_export_cancelled);
  g_test_add_func ("/window/changes-elsewhere", test_changes_elsewhere);
  g_test_add_func ("/window/damaged-project", test_damaged_project);
  g_test_add_func ("/window/tampered-project", test_tampered_project);
  g_test_add_func ("/window/compact-project", test_compact_project);
  g_test_add_func ("/window/import-report", test_import_report);
  g_test_add_func ("/window/import-refused", test_import_refused);
  g_test_add_func ("/window/editor-fields", test_editor_fields);
  g_test_add_func ("/window/header-over-text", test_header_over_text);
  g_test_add_func ("/window/export-toast", test_export_toast);
  g_test_add_func ("/window/highlight-contrast", test_highlight_contrast);
  g_test_add_func ("/window/search-hit-selects", test_search_hit_selects);
  g_test_add_func ("/window/popover-escape", test_popover_escape);
  g_test_add_func ("/window/highlight-click", test_highlight_click);
  g_test_add_func ("/window/popover-at-selection", test_popover_at_selection);
  g_test_add_func ("/window/other-readings", test_other_readings);
  g_test_add_func ("/window/unsaved-tag", test_unsaved_tag);
  g_test_add_func ("/window/unsaved-edit-gone", test_unsaved_edit_gone);
  g_test_add_func ("/window/sample-project", test_sample_project);
  g_test_add_func ("/window/refused-project", test_refused_project);
  g_test_add_func ("/window/narrow", test_narrow_window);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/keyboard-paths", test_keyboard_paths);
  g_test_add_func ("/window/panel-tabs", test_panel_tabs);
  g_test_add_func ("/window/tab-leaves-lists", test_tab_leaves_lists);
  g_test_add_func ("/window/import-folder", test_import_folder);
  g_test_add_func ("/window/time-left", test_time_left);
  g_test_add_func ("/window/search-loads-more", test_search_loads_more);

  return g_test_run ();
}
