/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-identity-window.c: who the names are, from the window (under Xvfb). Tagging every
 * occurrence: Ctrl+T on a name in the text opens the list of its occurrences, the ones to tag
 * chosen, Enter on a row changes that, the scope narrows to the document, and the Tag button
 * makes them mentions as one action that one undo takes back. Splitting an entity: the
 * editor's Split… moves the mentions of the words chosen to a new one, shown in the editor. */

#include "sigla-tag-all-dialog.h"
#include "sigla-document-view.h"
#include "sigla-entity-editor.h"
#include "sigla-split-dialog.h"
#include "sigla-row.h"
#include "sigla-test-util.h"
#include "window-test-util.h"

static void
forget_sample (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "sigla", NULL);

  sigla_test_remove_dir (dir);
}

static gint64
entity_named (SiglaProject *project,
              const char   *label)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (project, NULL);

  for (guint i = 0; i < entities->len; i++)
    if (g_str_equal (((SiglaEntity *) entities->pdata[i])->label, label))
      return ((SiglaEntity *) entities->pdata[i])->id;
  g_error ("no entity “%s” in the sample", label);
}

/* Every mention of @entity in the project. */
static GPtrArray *
mentions_of (SiglaProject *project,
             gint64        entity)
{
  g_autoptr(GPtrArray) documents = sigla_document_list (project, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_mention_free);

  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GPtrArray) mentions = sigla_mention_list (project, ((SiglaDocument *) documents->pdata[i])->id, NULL);

      for (guint j = 0; j < mentions->len; j++)
        if (((SiglaMention *) mentions->pdata[j])->entity_id == entity)
          g_ptr_array_add (found, g_ptr_array_steal_index (mentions, j--));
    }
  return found;
}

static gboolean
has_mention (SiglaProject       *project,
             gint64              entity,
             const SiglaMention *like)
{
  g_autoptr(GPtrArray) mentions = mentions_of (project, entity);

  for (guint i = 0; i < mentions->len; i++)
    {
      const SiglaMention *m = mentions->pdata[i];

      if (m->document_id == like->document_id && m->start == like->start && m->end == like->end)
        return TRUE;
    }
  return FALSE;
}

static guint
count_proposed (SiglaProject *project,
                gint64        entity)
{
  g_autoptr(GPtrArray) found = sigla_occurrences_find (project, entity, NULL, 0, NULL);
  guint n = 0;

  for (guint i = 0; i < found->len; i++)
    n += sigla_occurrence_is_proposed (found->pdata[i]);
  return n;
}

/* The dialog of @type on screen, or NULL. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

#define find_dialog() ((SiglaTagAllDialog *) find_toplevel (SIGLA_TYPE_TAG_ALL_DIALOG))
#define find_split_dialog() ((SiglaSplitDialog *) find_toplevel (SIGLA_TYPE_SPLIT_DIALOG))

/* Ctrl+T with the cursor in a mention of @mention's entity. */
static SiglaTagAllDialog *
open_from_text (SiglaWindow        *window,
                const SiglaMention *mention)
{
  SiglaDocumentView *view = sigla_window_get_document_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));
  g_autoptr(GError) error = NULL;
  GtkTextIter inside;
  SiglaTagAllDialog *dialog;

  g_assert_true (sigla_window_show_document (window, mention->document_id, &error));
  g_assert_no_error (error);
  run_pending ();
  gtk_text_buffer_get_iter_at_offset (buffer, &inside, (int) mention->start + 1);
  gtk_text_buffer_place_cursor (buffer, &inside);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag-all", NULL));
  run_pending ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  wait_until_shown (GTK_WIDGET (dialog));
  return dialog;
}

static guint
n_rows (SiglaTagAllDialog *dialog)
{
  GtkListView *list = GTK_LIST_VIEW (find_widget (GTK_WIDGET (dialog), is_named, "list"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static void
test_tag_all_from_text (void)
{
  SiglaWindow *window = present_sample (1400, 900, FALSE);
  SiglaProject *project = sigla_window_get_project (window);
  gint64 stalin = entity_named (project, "Joseph Stalin");
  guint proposed = count_proposed (project, stalin);
  g_autoptr(GPtrArray) everywhere = sigla_occurrences_find (project, stalin, NULL, 0, NULL);
  g_autoptr(GPtrArray) tagged = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_mention_free);
  const SiglaMention *gone[2], *kept;
  g_autofree char *label = NULL;
  SiglaTagAllDialog *dialog;
  GtkWidget *list, *tag_button, *here_button;
  guint n_here;

  /* Two of the names tagged as Stalin untagged, in two documents; a third stays, to start from. */
  for (guint i = 0; i < everywhere->len; i++)
    {
      const SiglaOccurrence *occurrence = everywhere->pdata[i];
      SiglaMention *mention;

      if (occurrence->state != SIGLA_OCCURRENCE_TAGGED)
        continue;
      mention = sigla_mention_new ();
      mention->id = occurrence->mention_id;
      mention->document_id = occurrence->document_id;
      mention->start = occurrence->start;
      mention->end = occurrence->end;
      g_ptr_array_add (tagged, mention);
    }
  g_assert_cmpuint (tagged->len, >=, 3);
  gone[0] = tagged->pdata[0];
  gone[1] = tagged->pdata[tagged->len - 1];
  kept = tagged->pdata[1];
  g_assert_cmpint (gone[0]->document_id, !=, gone[1]->document_id);
  g_assert_true (sigla_mention_delete (project, gone[0]->id, NULL));
  g_assert_true (sigla_mention_delete (project, gone[1]->id, NULL));

  dialog = open_from_text (window, kept);
  list = find_widget (GTK_WIDGET (dialog), is_named, "list");
  tag_button = find_widget (GTK_WIDGET (dialog), is_named, "tag_button");
  here_button = find_widget (GTK_WIDGET (dialog), is_named, "here_button");
  g_assert_cmpuint (n_rows (dialog), ==, everywhere->len);
  g_assert_cmpuint (sigla_tag_all_dialog_get_n_chosen (dialog), ==, proposed + 2);
  label = g_strdup_printf ("_Tag %u", proposed + 2);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (tag_button)), ==, label);
  save_screenshot (GTK_WIDGET (dialog), "tag-all-light.png");

  /* Enter on a row leaves it out, and again takes it. */
  g_signal_emit_by_name (list, "activate", 0);
  run_pending ();
  g_assert_cmpuint (sigla_tag_all_dialog_get_n_chosen (dialog), ==, proposed + 1);
  g_signal_emit_by_name (list, "activate", 0);
  run_pending ();
  g_assert_cmpuint (sigla_tag_all_dialog_get_n_chosen (dialog), ==, proposed + 2);

  /* This document only, and back. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (here_button), TRUE);
  run_pending ();
  n_here = n_rows (dialog);
  g_assert_cmpuint (n_here, <, everywhere->len);
  g_assert_cmpuint (n_here, >=, 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (GTK_WIDGET (dialog), is_named, "everywhere_button")), TRUE);
  run_pending ();
  g_assert_cmpuint (n_rows (dialog), ==, everywhere->len);

  /* Tagged: both are mentions again, the dialog gone; one undo takes both back. */
  g_signal_emit_by_name (tag_button, "clicked");
  run_pending ();
  g_assert_null (find_dialog ());
  g_assert_true (has_mention (project, stalin, gone[0]));
  g_assert_true (has_mention (project, stalin, gone[1]));
  g_assert_cmpuint (count_proposed (project, stalin), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  run_pending ();
  g_assert_false (has_mention (project, stalin, gone[0]));
  g_assert_false (has_mention (project, stalin, gone[1]));
  g_assert_true (has_mention (project, stalin, kept));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
}

/* Dark, as a user may have it: looked at in the build tree. */
static void
test_tag_all_dark (void)
{
  SiglaWindow *window = present_sample (1400, 900, TRUE);
  SiglaProject *project = sigla_window_get_project (window);
  g_autoptr(GPtrArray) mentions = mentions_of (project, entity_named (project, "Kaesong"));

  g_assert_cmpuint (mentions->len, >=, 2);
  SiglaTagAllDialog *dialog;

  g_assert_true (sigla_mention_delete (project, ((SiglaMention *) mentions->pdata[0])->id, NULL));
  dialog = open_from_text (window, mentions->pdata[1]);
  save_screenshot (GTK_WIDGET (dialog), "tag-all-dark.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  run_pending ();
  g_assert_null (find_dialog ());

  {
    g_autoptr(GError) error = NULL;
    SiglaSplitDialog *split = sigla_split_dialog_new (GTK_WINDOW (window), project,
                                                      entity_named (project, "Joseph Stalin"), &error);

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (split));
    save_screenshot (GTK_WIDGET (split), "split-dark.png");
    gtk_window_destroy (GTK_WINDOW (split));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* No name under the cursor and no entity open: said, no dialog. An entity
 * the texts never name: the dialog says so instead of an empty list. */
static void
test_tag_all_nothing (void)
{
  SiglaWindow *window = present_sample (1400, 900, FALSE);
  SiglaProject *project = sigla_window_get_project (window);
  g_autoptr(SiglaEntity) nobody = sigla_entity_new (SIGLA_KIND_PERSON, "Nobody Anywhere");
  g_autoptr(GError) error = NULL;
  SiglaTagAllDialog *dialog;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (sigla_window_get_document_view (window)));
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tag-all", NULL));
  run_pending ();
  g_assert_null (find_dialog ());

  g_assert_true (sigla_entity_insert (project, nobody, &error));
  dialog = sigla_tag_all_dialog_new (GTK_WINDOW (window), project, nobody->id, NULL, 0, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_shown (GTK_WIDGET (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_widget (GTK_WIDGET (dialog), is_named, "stack"))),
                   ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (dialog), is_named, "tag_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
}

/* From a mention whose words are none of the entity's names ("[Stalin]",
 * where the names are "Joseph Stalin", "Filippov"…), those words are looked
 * for too. */
static void
test_tag_all_words_at_cursor (void)
{
  SiglaWindow *window = present_sample (1400, 900, FALSE);
  SiglaProject *project = sigla_window_get_project (window);
  gint64 stalin = entity_named (project, "Joseph Stalin");
  g_autoptr(GPtrArray) mentions = mentions_of (project, stalin);
  g_autoptr(GPtrArray) by_names = sigla_occurrences_find (project, stalin, NULL, 0, NULL);
  g_autoptr(SiglaEntity) entity = sigla_entity_get (project, stalin, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) by_words = NULL;
  const SiglaMention *bare = NULL;
  SiglaTagAllDialog *dialog;

  for (guint i = 0; i < mentions->len && bare == NULL; i++)
    {
      const SiglaMention *m = mentions->pdata[i];
      g_autoptr(SiglaDocument) document = sigla_document_get (project, m->document_id, NULL);
      const char *from = g_utf8_offset_to_pointer (document->text, m->start);

      if (m->end - m->start == 6 && strncmp (from, "Stalin", 6) == 0)
        bare = m;
    }
  g_assert_nonnull (bare);

  g_strv_builder_add (builder, entity->label);
  for (guint i = 0; i < entity->aliases->len; i++)
    g_strv_builder_add (builder, ((SiglaAlias *) entity->aliases->pdata[i])->name);
  g_strv_builder_add (builder, "Stalin");
  names = g_strv_builder_end (builder);
  by_words = sigla_occurrences_find (project, stalin, (const char * const *) names, 0, NULL);
  g_assert_cmpuint (by_words->len, >, by_names->len);

  dialog = open_from_text (window, bare);
  g_assert_cmpuint (n_rows (dialog), ==, by_words->len);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
}

/* The corpus search says of each hit whether its words are tagged, and as
 * what (the mentions read from the project); an untagged hit says nothing. */
static void
test_search_hits_say_tagged (void)
{
  SiglaWindow *window = present_sample (1400, 900, FALSE);
  SiglaProject *project = sigla_window_get_project (window);
  GtkWidget *entry = find_widget (GTK_WIDGET (window), is_named, "search_entry");
  GtkListView *list = GTK_LIST_VIEW (find_widget (GTK_WIDGET (window), is_named, "hit_list"));
  GListModel *hits = G_LIST_MODEL (gtk_list_view_get_model (list));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tagged = 0, untagged = 0;

  gtk_editable_set_text (GTK_EDITABLE (entry), "Filippov");
  while (g_list_model_get_n_items (hits) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (hits), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(SiglaRow) hit = g_list_model_get_item (hits, i);
      g_autoptr(GPtrArray) mentions = sigla_mention_list (project, sigla_row_get_document (hit), NULL);
      g_autoptr(SiglaEntity) named = NULL;

      for (guint j = 0; j < mentions->len && named == NULL; j++)
        {
          const SiglaMention *m = mentions->pdata[j];

          if (m->start == sigla_row_get_start (hit) && m->end == sigla_row_get_end (hit))
            named = sigla_entity_get (project, m->entity_id, NULL);
        }
      if (named != NULL)
        {
          g_autofree char *said = g_strdup_printf ("Tagged as %s", named->label);

          g_assert_nonnull (strstr (sigla_row_get_subtitle (hit), said));
          tagged++;
        }
      else
        {
          g_assert_null (strstr (sigla_row_get_subtitle (hit), "Tagged"));
          untagged++;
        }
    }
  g_assert_cmpuint (tagged, >, 0);
  g_assert_cmpuint (untagged, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
}

/* A row's box, by the row's title, or its title and subtitle ("Filippov
 * pseudonym"): the rows of mentions come first. */
static gboolean
is_check_named (GtkWidget  *widget,
                const char *name)
{
  AdwActionRow *row;
  const char *title;
  g_autofree char *both = NULL;

  if (!GTK_IS_CHECK_BUTTON (widget))
    return FALSE;
  row = ADW_ACTION_ROW (gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW));
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  both = g_strdup_printf ("%s %s", title, adw_action_row_get_subtitle (row));
  return g_ascii_strcasecmp (title, name) == 0 || g_ascii_strcasecmp (both, name) == 0;
}

/* Stalin's "Filippov"s made a person of their own from his editor: the
 * words' box checked names the new one; Split moves exactly those mentions
 * and opens the new person's editor; one undo makes them one again. */
static void
test_split_from_editor (void)
{
  SiglaWindow *window = present_sample (1400, 900, FALSE);
  SiglaProject *project = sigla_window_get_project (window);
  gint64 stalin = entity_named (project, "Joseph Stalin");
  g_autoptr(GPtrArray) groups = sigla_entity_list_words (project, stalin, NULL);
  g_autoptr(GPtrArray) before = mentions_of (project, stalin);
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const SiglaEntityWords *filippov = NULL;
  SiglaEntityEditor *editor;
  SiglaSplitDialog *dialog;
  GtkWidget *name_row, *split_button;
  gint64 new_id;

  for (guint i = 0; i < groups->len && filippov == NULL; i++)
    if (g_ascii_strcasecmp (((SiglaEntityWords *) groups->pdata[i])->words, "Filippov") == 0)
      filippov = groups->pdata[i];
  g_assert_nonnull (filippov);
  g_assert_cmpuint (filippov->mention_ids->len, <, before->len);

  /* The editor, as a click on one of his highlights opens it. */
  g_signal_emit_by_name (sigla_window_get_document_view (window), "entity-activated", stalin);
  run_pending ();
  editor = SIGLA_ENTITY_EDITOR (find_widget (GTK_WIDGET (window), is_named, "entity_editor"));
  g_assert_cmpint (sigla_entity_editor_get_entity (editor), ==, stalin);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.split-entity", NULL));
  run_pending ();
  dialog = find_split_dialog ();
  g_assert_nonnull (dialog);
  wait_until_shown (GTK_WIDGET (dialog));

  name_row = find_widget (GTK_WIDGET (dialog), is_named, "name_row");
  split_button = find_widget (GTK_WIDGET (dialog), is_named, "split_button");
  g_assert_false (gtk_widget_get_sensitive (split_button));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (GTK_WIDGET (dialog), is_check_named, "Filippov")), TRUE);
  run_pending ();
  /* Named as the texts write it, capitals aside; the pseudonym "Filippov" goes along. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Filippov");
  g_assert_true (gtk_widget_get_sensitive (split_button));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_widget (GTK_WIDGET (dialog), is_check_named,
                                                                             "Filippov pseudonym"))));
  save_screenshot (GTK_WIDGET (dialog), "split-light.png");

  g_signal_emit_by_name (split_button, "clicked");
  run_pending ();
  g_assert_null (find_split_dialog ());
  new_id = sigla_entity_editor_get_entity (editor);
  g_assert_cmpint (new_id, !=, stalin);
  moved = mentions_of (project, new_id);
  after = mentions_of (project, stalin);
  g_assert_cmpuint (moved->len, ==, filippov->mention_ids->len);
  g_assert_cmpuint (after->len, ==, before->len - moved->len);
  {
    g_autoptr(SiglaEntity) old = sigla_entity_get (project, stalin, NULL);

    for (guint i = 0; i < old->aliases->len; i++)
      g_assert_cmpstr (((SiglaAlias *) old->aliases->pdata[i])->name, !=, "Filippov");
  }
  for (guint i = 0; i < moved->len; i++)
    {
      gint64 id = ((SiglaMention *) moved->pdata[i])->id;
      gboolean chosen = FALSE;

      for (guint j = 0; j < filippov->mention_ids->len; j++)
        chosen |= g_array_index (filippov->mention_ids, gint64, j) == id;
      g_assert_true (chosen);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  run_pending ();
  g_clear_pointer (&after, g_ptr_array_unref);
  after = mentions_of (project, stalin);
  g_assert_cmpuint (after->len, ==, before->len);

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button_tipped (GtkWidget  *widget,
                  const char *tip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tip) == 0;
}

static const SiglaAlias *
alias_of (SiglaProject *project,
          gint64        entity,
          const char   *name,
          guint        *index)
{
  static SiglaEntity *last;   /* kept for the alias returned */
  const SiglaAlias *found = NULL;

  g_clear_pointer (&last, sigla_entity_free);
  last = sigla_entity_get (project, entity, NULL);
  for (guint i = 0; i < last->aliases->len && found == NULL; i++)
    if (g_str_equal (((SiglaAlias *) last->aliases->pdata[i])->name, name))
      {
        found = last->aliases->pdata[i];
        if (index != NULL)
          *index = i;
      }
  g_assert_nonnull (found);
  return found;
}

static gboolean
has_relation (SiglaProject *project,
              const char   *type,
              gint64        from_id,
              gint64        to_id)
{
  g_autoptr(GPtrArray) relations = sigla_relation_list (project, from_id, NULL);

  for (guint i = 0; i < relations->len; i++)
    {
      SiglaRelation *relation = relations->pdata[i];

      if (g_str_equal (relation->type, type) && relation->from_id == from_id && relation->to_id == to_id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_check_labelled (GtkWidget  *widget,
                   const char *label)
{
  return GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

static gboolean
is_row_labelled (GtkWidget  *widget,
                 const char *label)
{
  GtkWidget *child = GTK_IS_LIST_BOX_ROW (widget) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget)) : NULL;

  return GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), label) == 0;
}

/* Who says so, from Stalin's editor: the sample's gloss of Filippov shown with its words;
 * the words selected in cable 4's title cited for "Stalin, I.V." by the annotator of the
 * Preferences, then made probable; a relation added from the Add… popover, deleted with its
 * button, and brought back by undo. */
static void
test_evidence_in_editor (void)
{
  SiglaWindow *window = present_sample (1400, 1000, FALSE);
  SiglaProject *project = sigla_window_get_project (window);
  gint64 stalin = entity_named (project, "Joseph Stalin");
  gint64 kim = entity_named (project, "Kim Il Sung");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.sigla.Sigla");
  g_autoptr(GPtrArray) documents = sigla_document_list (project, NULL);
  SiglaDocumentView *view = sigla_window_get_document_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (view));
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaDocument) full = NULL;
  const SiglaDocument *letter = NULL;
  const SiglaAlias *alias;
  SiglaEntityEditor *editor;
  GtkWidget *evidence, *row, *add_button, *delete_button, *other;
  GtkTextIter from, to;
  guint index = 0;

  g_settings_set_string (settings, "annotator-name", "Test Annotator");
  g_signal_emit_by_name (view, "entity-activated", stalin);
  run_pending ();
  editor = SIGLA_ENTITY_EDITOR (find_widget (GTK_WIDGET (window), is_named, "entity_editor"));
  evidence = GTK_WIDGET (sigla_entity_editor_get_evidence (editor));

  /* The shipped gloss, as the row says it. */
  row = find_widget (evidence, is_row_titled, "Filippov");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "“Cde. Filippov [Stalin]”"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "certain"));
  g_assert_nonnull (find_widget (evidence, is_row_titled, "Mao Zedong writes to Joseph Stalin"));
  save_screenshot (GTK_WIDGET (editor), "evidence-light.png");

  /* "Stalin, I.V.": the words of cable 4's title selected, then cited from the name's menu. */
  for (guint i = 0; i < documents->len && letter == NULL; i++)
    if (g_str_has_prefix (((SiglaDocument *) documents->pdata[i])->title, "To Comrade Stalin"))
      letter = full = sigla_document_get (project, ((SiglaDocument *) documents->pdata[i])->id, NULL);
  g_assert_nonnull (letter);
  g_assert_true (sigla_window_show_document (window, letter->id, &error));
  g_assert_no_error (error);
  run_pending ();
  g_assert_nonnull (strstr (letter->text, "Stalin, I.V."));
  gtk_text_buffer_get_iter_at_offset (buffer, &from, (int) g_utf8_pointer_to_offset (letter->text, strstr (letter->text, "Stalin, I.V.")));
  to = from;
  gtk_text_iter_forward_chars (&to, (int) g_utf8_strlen ("Stalin, I.V.", -1));
  gtk_text_buffer_select_range (buffer, &from, &to);
  alias_of (project, stalin, "Stalin, I.V.", &index);
  g_assert_true (gtk_widget_activate_action_variant (evidence, "evidence.cite", g_variant_new_uint32 (index)));
  run_pending ();
  alias = alias_of (project, stalin, "Stalin, I.V.", NULL);
  g_assert_cmpint (alias->evidence.document_id, ==, letter->id);
  g_assert_cmpint (alias->evidence.start, ==, gtk_text_iter_get_offset (&from));
  g_assert_cmpint (alias->evidence.end, ==, gtk_text_iter_get_offset (&to));
  g_assert_cmpstr (alias->evidence.resp, ==, "Test Annotator");
  g_assert_true (gtk_widget_activate_action_variant (evidence, "evidence.cert", g_variant_new ("(us)", index, "medium")));
  run_pending ();
  g_assert_cmpstr (alias_of (project, stalin, "Stalin, I.V.", NULL)->evidence.cert, ==, "medium");
  row = find_widget (evidence, is_row_titled, "Stalin, I.V.");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "said by Test Annotator"));

  /* Stalin writes to Kim Il Sung: from the Add… popover. */
  add_button = find_widget (evidence, is_named, "add_button");
  gtk_menu_button_popup (GTK_MENU_BUTTON (add_button));
  run_pending ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (evidence, is_check_labelled,
                                                             sigla_relation_type_label ("writes-to"))), TRUE);
  save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (add_button))), "relation-light.png");
  other = find_widget (find_widget (evidence, is_named, "other_list"), is_row_labelled, "Kim Il Sung");
  g_assert_nonnull (other);
  g_signal_emit_by_name (find_widget (evidence, is_named, "other_list"), "row-activated", other);
  run_pending ();
  g_assert_true (has_relation (project, "writes-to", stalin, kim));
  row = find_widget (evidence, is_row_titled, "Joseph Stalin writes to Kim Il Sung");
  g_assert_nonnull (row);

  /* Deleted with its button; one undo brings it back. */
  delete_button = find_widget (row, is_button_tipped, "Delete “Joseph Stalin writes to Kim Il Sung”");
  g_assert_nonnull (delete_button);
  g_signal_emit_by_name (delete_button, "clicked");
  run_pending ();
  g_assert_false (has_relation (project, "writes-to", stalin, kim));
  g_assert_null (find_widget (evidence, is_row_titled, "Joseph Stalin writes to Kim Il Sung"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  run_pending ();
  g_assert_true (has_relation (project, "writes-to", stalin, kim));
  g_assert_nonnull (find_widget (evidence, is_row_titled, "Joseph Stalin writes to Kim Il Sung"));

  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
  g_settings_reset (settings, "annotator-name");
}

/* The same editor in the dark style, for a look. */
static void
test_evidence_dark (void)
{
  SiglaWindow *window = present_sample (1400, 1000, TRUE);
  SiglaProject *project = sigla_window_get_project (window);

  g_signal_emit_by_name (sigla_window_get_document_view (window), "entity-activated",
                         entity_named (project, "Joseph Stalin"));
  run_pending ();
  save_screenshot (GTK_WIDGET (window), "evidence-dark.png");
  gtk_window_destroy (GTK_WINDOW (window));
  run_pending ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A sample as shipped: not one an earlier run left changed. */
  forget_sample ();

  g_test_add_func ("/tag-all/from-text", test_tag_all_from_text);
  g_test_add_func ("/tag-all/dark", test_tag_all_dark);
  g_test_add_func ("/tag-all/nothing", test_tag_all_nothing);
  g_test_add_func ("/tag-all/words-at-cursor", test_tag_all_words_at_cursor);
  g_test_add_func ("/tag-all/search-hits-say-tagged", test_search_hits_say_tagged);
  g_test_add_func ("/split/from-editor", test_split_from_editor);
  g_test_add_func ("/evidence/in-editor", test_evidence_in_editor);
  g_test_add_func ("/evidence/dark", test_evidence_dark);

  return g_test_run ();
}
