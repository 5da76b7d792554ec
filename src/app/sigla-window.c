/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window.c: the workbench: documents, the original text, and the panels of people,
 * places, organisations, dates and claims. This file builds the window and keeps what it shows:
 * the project, the document, the editors; its other jobs are in sigla-window-*.c. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-application.h"
#include "sigla-project-care.h"
#include "sigla-split-dialog.h"
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
  sigla_a11y_add_toast (self->toast_overlay, adw_toast_new (message));
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

/* -- the document and its annotations -------------------------------------- */

gboolean
sigla_window_show_document (SiglaWindow  *self,
                            gint64        document_id,
                            GError      **error)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (!sigla_document_view_show (self->document_view, self->project, document_id, error))
    return FALSE;
  _sigla_window_select_document_row (self, document_id);

  gtk_stack_set_visible_child_name (self->content_stack, "document");
  _sigla_window_update_actions (self);
  /* The panels come in the next idle moment: the text is what the first frame needs. */
  self->refresh_panels = TRUE;
  _sigla_window_schedule_refresh (self);
  return TRUE;
}

/* A search hit, a date or a claim: show where it is. */
gboolean
_sigla_window_show_span (SiglaWindow *self,
                         gint64       document,
                         gint64       start,
                         gint64       end)
{
  g_autoptr(GError) error = NULL;

  if (document != sigla_document_view_get_document (self->document_view) &&
      !sigla_window_show_document (self, document, &error))
    {
      sigla_window_show_error (self, error);
      return FALSE;
    }

  sigla_document_view_select_span (self->document_view, start, end);
  _sigla_window_focus_text (self);
  return TRUE;
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
split_done_cb (SiglaSplitDialog *dialog,
               gint64            new_id,
               guint             n_mentions,
               SiglaWindow      *self)
{
  g_autofree char *message = g_strdup_printf (ngettext ("Split off, with %u mention", "Split off, with %u mentions",
                                                        n_mentions), n_mentions);

  sigla_window_notify (self, message);
  edit_entity (self, new_id);
}

/* The entity in the editor made two, in a dialog that chooses what goes. */
void
_sigla_window_split_entity (SiglaWindow *self,
                            gint64       entity_id)
{
  g_autoptr(GError) error = NULL;
  SiglaSplitDialog *dialog = sigla_split_dialog_new (GTK_WINDOW (self), self->project, entity_id, &error);

  if (dialog == NULL)
    {
      sigla_window_show_error (self, error);
      return;
    }
  g_signal_connect_object (dialog, "done", G_CALLBACK (split_done_cb), self, 0);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (sigla_window_show_error), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A claim: where it is in the text, and its editor open. */
static gboolean
edit_claim (SiglaWindow *self,
            gint64       claim_id,
            gint64       document)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_claim_editor_show (self->claim_editor, self->project, claim_id, document, &error))
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
                    gint64       id,
                    gint64       document,
                    gint64       start,
                    gint64       end,
                    SiglaWindow *self)
{
  if (panel == SIGLA_PANEL_CLAIMS)
    {
      if (_sigla_window_show_span (self, document, start, end) && edit_claim (self, id, document))
        sigla_claim_editor_focus (self->claim_editor);
    }
  else if (panel == SIGLA_PANEL_DATES)
    _sigla_window_show_span (self, document, start, end);
  else if (edit_entity (self, id))
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

/* A citation or a relation is one action, done or not: nothing is kept to try
 * again, so a refusal is only said. */
static void
evidence_failed_cb (SiglaEntityEvidence *evidence,
                    const GError        *error,
                    SiglaWindow         *self)
{
  sigla_window_show_error (self, error);
}

/* The words selected in the text, cited by the annotator set in Preferences. */
static gboolean
cite_selection (gpointer       user_data,
                SiglaEvidence *evidence)
{
  SiglaWindow *self = user_data;
  g_autofree char *annotator = g_settings_get_string (self->settings, "annotator-name");
  gint64 start, end;

  evidence->document_id = sigla_document_view_get_document (self->document_view);
  if (evidence->document_id == 0 || !sigla_document_view_get_selection (self->document_view, &start, &end))
    {
      evidence->document_id = 0;
      return FALSE;
    }
  evidence->start = start;
  evidence->end = end;
  g_free (evidence->resp);
  evidence->resp = *g_strstrip (annotator) != '\0' ? g_steal_pointer (&annotator) : NULL;
  return TRUE;
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
  if (g_list_model_get_n_items (sigla_document_model_get_model (self->documents)) > 0)
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
      _sigla_window_set_show_panels (self, g_value_get_boolean (value));
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
  _sigla_window_panes_init (self);
  g_menu_append_section (self->recent_section, NULL, sigla_session_get_recent_menu (self->session));

  /* The sort is a setting, so it is an action of the settings (and the menu shows it). */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GAction) sort = g_settings_create_action (self->settings, "document-sort");

    g_action_map_add_action (G_ACTION_MAP (group), sort);
    gtk_widget_insert_action_group (GTK_WIDGET (self), "sidebar", G_ACTION_GROUP (group));
  }
  _sigla_window_order_documents (self);
  g_signal_connect_swapped (self->settings, "changed::document-sort", G_CALLBACK (_sigla_window_order_documents),
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
  SiglaEntityEvidence *evidence;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->unsaved = g_ptr_array_new_with_free_func ((GDestroyNotify) _sigla_window_pending_tag_free);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);

  _sigla_window_documents_init (self);

  self->panels = sigla_panels_new (self->panel_stack);
  g_signal_connect (self->panels, "activated", G_CALLBACK (panel_activated_cb), self);
  g_signal_connect_swapped (self->panels, "failed", G_CALLBACK (sigla_window_show_error), self);
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
  evidence = sigla_entity_editor_get_evidence (self->entity_editor);
  sigla_entity_evidence_set_cite_func (evidence, cite_selection, self);
  g_signal_connect_swapped (evidence, "jump", G_CALLBACK (_sigla_window_show_span), self);
  g_signal_connect (evidence, "failed", G_CALLBACK (evidence_failed_cb), self);
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
