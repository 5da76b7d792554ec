/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window.c: the workbench: documents, the original text, and the panels of people,
 * places, organisations, dates and claims. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sigla-a11y.h"
#include "sigla-application.h"
#include "sigla-project-care.h"
#include "sigla-window-private.h"

G_DEFINE_FINAL_TYPE (SiglaWindow, sigla_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_SIDEBAR,
  PROP_SHOW_PANELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* -- errors and notices --------------------------------------------------- */

void
sigla_window_notify (SiglaWindow *self,
                     const char  *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
sigla_window_show_error (SiglaWindow  *self,
                         const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Something Went Wrong"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  sigla_project_care_offer (self, ADW_MESSAGE_DIALOG (dialog), error, self->refused_path);

  sigla_a11y_mend (GTK_WIDGET (dialog));   /* its buttons are read "_Cancel Cancel" otherwise */
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- documents ------------------------------------------------------------ */

static void
append_row (GListStore *store,
            SiglaRow   *row)
{
  g_list_store_append (store, row);
  g_object_unref (row);
}

/* Its date and, for a letter, who wrote to whom: "1890-03-03 · Anna → Karl". */
static char *
document_subtitle (const SiglaDocument *document)
{
  g_autofree char *letter = NULL;

  if (document->sender != NULL || document->addressee != NULL)
    letter = g_strdup_printf ("%s → %s", document->sender != NULL ? document->sender : "?",
                              document->addressee != NULL ? document->addressee : "?");
  if (document->date != NULL && letter != NULL)
    return g_strdup_printf ("%s · %s", document->date, letter);
  return g_strdup (document->date != NULL ? document->date : letter);
}

/* By date (undated last) or by title, as the settings say; then as imported. */
static int
compare_documents (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const SiglaDocument *x = *(SiglaDocument * const *) a, *y = *(SiglaDocument * const *) b;
  g_autofree char *sort = g_settings_get_string (SIGLA_WINDOW (data)->settings, "document-sort");
  int order;

  if (g_str_equal (sort, "title"))
    order = g_utf8_collate (x->title, y->title);
  else if ((x->date == NULL) != (y->date == NULL))
    order = x->date == NULL ? 1 : -1;
  else
    order = g_strcmp0 (x->date, y->date);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

void
_sigla_window_load_documents (SiglaWindow *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 shown = sigla_document_view_get_document (self->document_view);

  g_list_store_remove_all (self->documents);
  if (self->project == NULL)
    return;

  documents = sigla_document_list (self->project, &error);
  if (documents == NULL)
    {
      sigla_window_show_error (self, error);
      return;
    }
  g_ptr_array_sort_with_data (documents, compare_documents, self);

  for (guint i = 0; i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];
      g_autofree char *subtitle = document_subtitle (document);

      append_row (self->documents, sigla_row_new (document->id, document->title, subtitle));
      if (document->id == shown)
        gtk_single_selection_set_selected (self->document_selection, i);
    }

  gtk_stack_set_visible_child_name (self->content_stack, shown != 0 ? "document" : "empty");
}

/* The keyboard goes back to the text, where the work is. */
void
_sigla_window_focus_text (SiglaWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (sigla_document_view_get_text_view (self->document_view)));
}

static void
active_changed_cb (SiglaWindow *self,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;

  sigla_window_catch_up (self);
  if (_sigla_window_edits_unsaved (self))
    sigla_window_retry_unsaved (self);
}

/* -- documents, search ---------------------------------------------------- */

/* The document list shows which document is open, however it was opened
 * (a search hit, a panel's row): its row is selected, or none. */
static void
select_document_row (SiglaWindow *self,
                     gint64       document_id)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SiglaRow) row = g_list_model_get_item (model, i);

      if (sigla_row_get_id (row) == document_id)
        {
          gtk_single_selection_set_selected (self->document_selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
}

gboolean
sigla_window_show_document (SiglaWindow  *self,
                            gint64        document_id,
                            GError      **error)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (!sigla_document_view_show (self->document_view, self->project, document_id, error))
    return FALSE;
  select_document_row (self, document_id);

  gtk_stack_set_visible_child_name (self->content_stack, "document");
  _sigla_window_update_actions (self);
  /* The panels come in the next idle moment: the text is what the first frame needs. */
  self->refresh_panels = TRUE;
  _sigla_window_schedule_refresh (self);
  return TRUE;
}

static void
document_selected_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      SiglaWindow        *self)
{
  SiglaRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GError) error = NULL;

  if (row != NULL && sigla_row_get_id (row) != sigla_document_view_get_document (self->document_view) &&
      !sigla_window_show_document (self, sigla_row_get_id (row), &error))
    sigla_window_show_error (self, error);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   SiglaWindow    *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_list_store_remove_all (self->hits);
  if (self->project == NULL || *query == '\0')
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "documents");
      return;
    }

  /* A query still being typed ("NOT" alone) finds nothing yet. */
  hits = sigla_search (self->project, query, 100, &error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->documents)); i++)
    {
      g_autoptr(SiglaRow) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      gint64 *id = g_new (gint64, 1);

      *id = sigla_row_get_id (document);
      g_hash_table_insert (titles, id, (gpointer) sigla_row_get_title (document));
    }

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      SiglaSearchHit *hit = hits->pdata[i];
      SiglaRow *row;

      if (hit->in_title)
        continue;
      row = sigla_row_new (hit->document_id, hit->snippet, g_hash_table_lookup (titles, &hit->document_id));
      sigla_row_set_span (row, hit->document_id, hit->start, hit->end);
      append_row (self->hits, row);
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, "hits");
}

/* A search hit, a date or a claim: show where it is. */
static void
show_span (SiglaWindow *self,
           SiglaRow    *row)
{
  g_autoptr(GError) error = NULL;

  if (sigla_row_get_document (row) != sigla_document_view_get_document (self->document_view) &&
      !sigla_window_show_document (self, sigla_row_get_document (row), &error))
    {
      sigla_window_show_error (self, error);
      return;
    }

  sigla_document_view_select_span (self->document_view, sigla_row_get_start (row), sigla_row_get_end (row));
  _sigla_window_focus_text (self);
}

/* A person, place or organisation: its mentions emphasised, its editor open. */
static gboolean
edit_entity (SiglaWindow *self,
             gint64       entity_id)
{
  g_autoptr(GError) error = NULL;

  sigla_document_view_emphasize (self->document_view, entity_id);
  if (!sigla_entity_editor_show (self->entity_editor, self->project, entity_id,
                                 sigla_document_view_get_document (self->document_view), &error))
    {
      sigla_window_show_error (self, error);
      return FALSE;
    }
  gtk_stack_set_visible_child_name (self->panel_side, "editor");
  return TRUE;
}

static void
hit_activated_cb (GtkListView *view,
                  guint        position,
                  SiglaWindow *self)
{
  g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  show_span (self, row);
}

/* A claim: where it is in the text, and its editor open. */
static gboolean
edit_claim (SiglaWindow *self,
            SiglaRow    *row)
{
  g_autoptr(GError) error = NULL;

  show_span (self, row);
  if (!sigla_claim_editor_show (self->claim_editor, self->project, sigla_row_get_id (row),
                                sigla_row_get_document (row), &error))
    {
      sigla_window_show_error (self, error);
      return FALSE;
    }
  gtk_stack_set_visible_child_name (self->panel_side, "claim-editor");
  return TRUE;
}

/* A row opened (Enter, a click): its editor opens with the keyboard in it,
 * a date shows where it is in the text. */
static void
panel_activated_cb (SiglaPanels *panels,
                    SiglaPanel   panel,
                    SiglaRow    *row,
                    SiglaWindow *self)
{
  if (panel == SIGLA_PANEL_CLAIMS)
    {
      if (edit_claim (self, row))
        sigla_claim_editor_focus (self->claim_editor);
    }
  else if (panel == SIGLA_PANEL_DATES)
    show_span (self, row);
  else if (edit_entity (self, sigla_row_get_id (row)))
    sigla_entity_editor_focus (self->entity_editor);
}

static gboolean
editor_open (SiglaWindow *self)
{
  return !g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "lists");
}

static void
close_editor (SiglaWindow *self)
{
  sigla_document_view_emphasize (self->document_view, 0);
  gtk_stack_set_visible_child_name (self->panel_side, "lists");
}

/* Back from an editor: to the row it was opened from. */
static void
editor_done_cb (GtkWidget   *editor,
                SiglaWindow *self)
{
  close_editor (self);
  sigla_panels_focus (self->panels);
}

/* A panel's tab chosen while an editor is open: that panel, in place of it. */
static void
panel_chosen_cb (SiglaWindow *self)
{
  if (editor_open (self))
    close_editor (self);
}

static void
editor_jump_cb (SiglaEntityEditor *editor,
                gint64             start,
                gint64             end,
                SiglaWindow       *self)
{
  sigla_document_view_select_span (self->document_view, start, end);
  _sigla_window_focus_text (self);
}

/* A value refused is said in a dialog; a write the file refused is kept in
 * the editor and tried again, as a tag is. */
static void
editor_failed_cb (GtkWidget    *editor,
                  const GError *error,
                  SiglaWindow  *self)
{
  if (sigla_error_is_write_failure (error))
    _sigla_window_keep_trying (self, error);
  else
    sigla_window_show_error (self, error);
}
/* Clicking a highlight selects its entity's row, and opens its editor. */
static void
view_entity_activated_cb (SiglaDocumentView *view,
                          gint64             entity_id,
                          SiglaWindow       *self)
{
  if (sigla_panels_select_entity (self->panels, entity_id))
    edit_entity (self, entity_id);
}

/* -- the keyboard's way round the window -------------------------------- */

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

/* Enter in the search: the first hit, in the text. */
static void
search_activated_cb (SiglaWindow *self)
{
  g_autoptr(SiglaRow) first = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->hits)) == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (self->hits), 0);
  show_span (self, first);
}

/* Escape in the search: back to the text, the documents listed again. */
static void
search_stopped_cb (SiglaWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _sigla_window_focus_text (self);
}

/* -- projects ------------------------------------------------------------- */

static void
set_project (SiglaWindow  *self,
             SiglaProject *project)
{
  g_autofree char *name = NULL;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  sigla_document_view_clear (self->document_view);

  name = g_path_get_basename (sigla_project_get_path (project));
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, sigla_project_get_path (project));
  g_signal_connect (project, "changed", G_CALLBACK (_sigla_window_project_changed_cb), self);
  gtk_stack_set_visible_child_name (self->main_stack, "project");

  _sigla_window_load_documents (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->documents)) > 0)
    gtk_single_selection_set_selected (self->document_selection, 0);
  else
    _sigla_window_load_panels (self);
  _sigla_window_update_actions (self);

  /* The text is where the work is: the keys that tag go there at once. */
  if (sigla_document_view_get_document (self->document_view) != 0)
    _sigla_window_focus_text (self);
}

/* A project opened, made or refused (%NULL): shown, or the window stays as it was. */
static gboolean
take_project (SiglaWindow  *self,
              SiglaProject *project)
{
  if (project == NULL)
    return FALSE;
  set_project (self, project);
  g_object_unref (project);
  return TRUE;
}

gboolean
sigla_window_open_project (SiglaWindow  *self,
                           const char   *path,
                           GError      **error)
{
  SiglaProject *project;

  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (!_sigla_window_check_all_saved (self, error))
    return FALSE;

  project = sigla_session_open_project (self->session, path, error);
  g_free (self->refused_path);
  self->refused_path = project == NULL ? g_strdup (path) : NULL;
  return take_project (self, project);
}

gboolean
sigla_window_create_project (SiglaWindow  *self,
                             const char   *path,
                             GError      **error)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  return _sigla_window_check_all_saved (self, error) &&
         take_project (self, sigla_session_create_project (self->session, path, error));
}

/**
 * sigla_window_open_sample:
 *
 * Opens the sample project, made from the annotated sample the first time,
 * so that a first start has something to explore.
 */
gboolean
sigla_window_open_sample (SiglaWindow  *self,
                          GError      **error)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  return _sigla_window_check_all_saved (self, error) &&
         take_project (self, sigla_session_open_sample (self->session, error));
}

SiglaProject *
sigla_window_get_project (SiglaWindow *self)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), NULL);
  return self->project;
}

SiglaDocumentView *
sigla_window_get_document_view (SiglaWindow *self)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), NULL);
  return self->document_view;
}

/* -- panes ---------------------------------------------------------------- */

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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

static void
sidebar_folded_cb (SiglaWindow *self)
{
  if (!adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, g_settings_get_boolean (self->settings, "show-sidebar"));
}

static void
set_show_panels (SiglaWindow *self,
                 gboolean     shown)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->panel_box)) == shown)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->panel_box), shown);
  g_settings_set_boolean (self->settings, "show-panels", shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PANELS]);
}

static void
sigla_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SiglaWindow *self = SIGLA_WINDOW (object);

  switch (prop_id)
    {
    /* Asked by the actions before the template is built, and after it went. */
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->sidebar_flap != NULL && adw_flap_get_reveal_flap (self->sidebar_flap));
      break;
    case PROP_SHOW_PANELS:
      g_value_set_boolean (value, self->panel_box != NULL && gtk_widget_get_visible (GTK_WIDGET (self->panel_box)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sigla_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SiglaWindow *self = SIGLA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      adw_flap_set_reveal_flap (self->sidebar_flap, g_value_get_boolean (value));
      break;
    case PROP_SHOW_PANELS:
      set_show_panels (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* -- window --------------------------------------------------------------- */

static gboolean
sigla_window_close_request (GtkWindow *window)
{
  if (_sigla_window_confirm_close (SIGLA_WINDOW (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (sigla_window_parent_class)->close_request (window);
}

static void
sigla_window_dispose (GObject *object)
{
  SiglaWindow *self = SIGLA_WINDOW (object);

  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  /* The session's settings outlive this window. */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_WINDOW);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->refused_path, g_free);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);
  g_clear_pointer (&self->changed_marks, g_array_unref);
  g_clear_object (&self->documents);
  g_clear_object (&self->document_selection);
  g_clear_object (&self->hits);
  g_clear_object (&self->panels);
  g_clear_object (&self->session);
  _sigla_window_tagging_dispose (self);

  G_OBJECT_CLASS (sigla_window_parent_class)->dispose (object);
}

/* The session is the application's, known once it is set: a window made
 * without one (a test's) has a session of its own. */
static void
sigla_window_constructed (GObject *object)
{
  SiglaWindow *self = SIGLA_WINDOW (object);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (sigla_window_parent_class)->constructed (object);

  self->session = SIGLA_IS_APPLICATION (application)
                  ? g_object_ref (sigla_application_get_session (SIGLA_APPLICATION (application)))
                  : sigla_session_new ();
  self->settings = g_object_ref (sigla_session_get_settings (self->session));
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  adw_flap_set_reveal_flap (self->sidebar_flap, g_settings_get_boolean (self->settings, "show-sidebar"));
  gtk_widget_set_visible (GTK_WIDGET (self->panel_box), g_settings_get_boolean (self->settings, "show-panels"));
  g_signal_connect_swapped (self->sidebar_flap, "notify::reveal-flap", G_CALLBACK (sidebar_revealed_cb), self);
  g_signal_connect_swapped (self->sidebar_flap, "notify::folded", G_CALLBACK (sidebar_folded_cb), self);
  g_menu_append_section (self->recent_section, NULL, sigla_session_get_recent_menu (self->session));

  /* The sort is a setting, so it is an action of the settings (and the menu shows it). */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GAction) sort = g_settings_create_action (self->settings, "document-sort");

    g_action_map_add_action (G_ACTION_MAP (group), sort);
    gtk_widget_insert_action_group (GTK_WIDGET (self), "sidebar", G_ACTION_GROUP (group));
  }
  g_signal_connect_swapped (self->settings, "changed::document-sort", G_CALLBACK (_sigla_window_load_documents),
                            self);
}

static void
sigla_window_class_init (SiglaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sigla_window_constructed;
  object_class->dispose = sigla_window_dispose;
  object_class->get_property = sigla_window_get_property;
  object_class->set_property = sigla_window_set_property;

  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_PANELS] =
    g_param_spec_boolean ("show-panels", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  GTK_WINDOW_CLASS (klass)->close_request = sigla_window_close_request;

  g_type_ensure (SIGLA_TYPE_DOCUMENT_VIEW);
  g_type_ensure (SIGLA_TYPE_ENTITY_EDITOR);
  g_type_ensure (SIGLA_TYPE_CLAIM_EDITOR);
  g_type_ensure (SIGLA_TYPE_FIND_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, unsaved_revealer);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, unsaved_label);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, hit_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, panel_box);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, panel_side);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, entity_editor);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, claim_editor);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, whole_project);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, text_menu);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, recent_section);


  _sigla_window_class_actions_init (widget_class);
}

static void
sigla_window_init (SiglaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->unsaved = g_ptr_array_new_with_free_func ((GDestroyNotify) _sigla_window_pending_tag_free);
  self->changed_marks = g_array_new (FALSE, FALSE, sizeof (SiglaMark));
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
  g_signal_connect (self->inner_paned, "notify::max-position", G_CALLBACK (panels_resized_cb), self);
  g_signal_connect (self->inner_paned, "notify::position", G_CALLBACK (panels_moved_cb), self);

  self->documents = sigla_row_list_attach (self->document_list, FALSE);
  self->document_selection = g_object_ref (GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->document_list)));
  gtk_single_selection_set_can_unselect (self->document_selection, FALSE);
  g_signal_connect (self->document_selection, "notify::selected", G_CALLBACK (document_selected_cb), self);

  self->hits = sigla_row_list_attach (self->hit_list, TRUE);
  g_signal_connect (self->hit_list, "activate", G_CALLBACK (hit_activated_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (search_stopped_cb), self);

  self->panels = sigla_panels_new (self->panel_stack);
  g_signal_connect (self->panels, "activated", G_CALLBACK (panel_activated_cb), self);
  g_signal_connect_swapped (self->whole_project, "toggled", G_CALLBACK (_sigla_window_load_panels), self);
  g_signal_connect_swapped (self->panel_stack, "notify::visible-child", G_CALLBACK (panel_chosen_cb), self);

  /* The tagging commands in the text's own context menu too. */
  gtk_text_view_set_extra_menu (sigla_document_view_get_text_view (self->document_view), self->text_menu);
  sigla_find_bar_set_text_view (self->find_bar, sigla_document_view_get_text_view (self->document_view));
  _sigla_window_tagging_init (self);
  g_signal_connect (self->document_view, "entity-activated", G_CALLBACK (view_entity_activated_cb), self);
  g_signal_connect_swapped (self->document_view, "failed", G_CALLBACK (sigla_window_show_error), self);

  g_signal_connect (self->entity_editor, "done", G_CALLBACK (editor_done_cb), self);
  g_signal_connect (self->entity_editor, "jump", G_CALLBACK (editor_jump_cb), self);
  g_signal_connect (self->entity_editor, "failed", G_CALLBACK (editor_failed_cb), self);
  g_signal_connect (self->claim_editor, "done", G_CALLBACK (editor_done_cb), self);
  g_signal_connect (self->claim_editor, "failed", G_CALLBACK (editor_failed_cb), self);

  _sigla_window_dnd_init (self);
  /* Once every child is there: what GTK 4.8 leaves unnamed is named. */
  sigla_a11y_mend (GTK_WIDGET (self));
  _sigla_window_update_actions (self);
}

SiglaWindow *
sigla_window_new (AdwApplication *application)
{
  return g_object_new (SIGLA_TYPE_WINDOW, "application", application, NULL);
}
