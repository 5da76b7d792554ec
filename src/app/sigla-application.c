/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-application.c: the application: its windows, its session, global actions and
 * settings. */

#define G_LOG_DOMAIN "sigla-application"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-application.h"
#include "sigla-tei-tree.h"
#include "sigla-window.h"

struct _SiglaApplication
{
  AdwApplication  parent_instance;

  SiglaSession   *session;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SiglaApplication, sigla_application, ADW_TYPE_APPLICATION)

static SiglaWindow *
active_window (SiglaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (sigla_window_new (ADW_APPLICATION (self)));
  return SIGLA_WINDOW (window);
}

/* The project opened last, if it is still there. */
static void
open_last_project (SiglaApplication *self,
                   SiglaWindow      *window)
{
  g_autofree char *last = sigla_session_get_last_project (self->session);
  g_autoptr(GError) error = NULL;

  /* The very first start opens the sample project, to explore. */
  if (*last == '\0')
    {
      if (!sigla_window_open_sample (window, &error))
        g_message ("No sample project: %s", error->message);
      return;
    }

  if (g_file_test (last, G_FILE_TEST_IS_REGULAR) && !sigla_window_open_project (window, last, &error))
    g_message ("Not reopening %s: %s", last, error->message);
}

static void
sigla_application_activate (GApplication *application)
{
  SiglaApplication *self = SIGLA_APPLICATION (application);
  gboolean created = gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL;
  SiglaWindow *window = active_window (self);

  if (created)
    open_last_project (self, window);
  gtk_window_present (GTK_WINDOW (window));
}

/* "sigla PROJECT.sigla" opens it; "sigla FILE…" offers to import the files into the project open. */
static void
sigla_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  SiglaApplication *self = SIGLA_APPLICATION (application);
  SiglaWindow *window = active_window (self);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        continue;
      if (g_str_has_suffix (path, ".sigla"))
        {
          if (!sigla_window_open_project (window, path, &error))
            sigla_window_show_error (window, error);
        }
      else
        g_ptr_array_add (documents, g_steal_pointer (&path));
    }

  if (documents->len > 0 && sigla_window_get_project (window) == NULL)
    open_last_project (self, window);
  g_ptr_array_add (documents, NULL);
  gtk_window_present (GTK_WINDOW (window));
  sigla_window_offer_import (window, (const char * const *) documents->pdata);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SiglaApplication *self = user_data;
  const char *developers[] = { "The Sigla developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Sigla"),
                         "application-icon", "io.github.sigla.Sigla",
                         "version", PACKAGE_VERSION,
                         "comments", _("Read archival documents beside the people, places and claims in them, "
                                       "and publish them as TEI"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
reading_selected_cb (AdwComboRow  *row,
                     GParamSpec   *pspec,
                     SiglaProject *project)
{
  static const char * const readings[] = { "edited", "diplomatic" };
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (selected < G_N_ELEMENTS (readings) &&
      !sigla_settings_set (project, SIGLA_SETTING_TEI_READING, readings[selected], &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
      GtkWindow *parent = root != NULL ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

      if (SIGLA_IS_WINDOW (parent))
        sigla_window_show_error (SIGLA_WINDOW (parent), error);
    }
}

static void
history_changed_cb (GtkSpinButton *spin,
                    SiglaProject  *project)
{
  const char *key = g_object_get_data (G_OBJECT (spin), "setting");
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
  g_autoptr(GError) error = NULL;

  if (!sigla_settings_set (project, key, value, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (spin));
      GtkWindow *parent = root != NULL ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

      if (SIGLA_IS_WINDOW (parent))
        sigla_window_show_error (SIGLA_WINDOW (parent), error);
    }
}

/* A row with a number of the project's settings: how much undo history it keeps. */
static GtkWidget *
history_row (SiglaProject *project,
             const char   *key,
             gint64        value,
             const char   *title,
             const char   *subtitle,
             double        minimum,
             double        maximum)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (minimum, maximum, 10);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value > 0 ? value : minimum);
  g_object_set_data (G_OBJECT (spin), "setting", (gpointer) key);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (history_changed_cb), project, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

/* The open project's own settings: how other editions' TEI is read, how
 * much history it keeps; %NULL if they cannot be read. */
static GtkWidget *
project_group (SiglaProject  *project,
               GError       **error)
{
  const char * const readings[] = { N_("Edited"), N_("Diplomatic"), NULL };
  g_autofree char *current = sigla_settings_get (project, SIGLA_SETTING_TEI_READING, error);
  gint64 steps = current != NULL ? sigla_settings_get_number (project, SIGLA_SETTING_HISTORY_STEPS, error) : -1;
  gint64 megabytes = steps >= 0 ? sigla_settings_get_number (project, SIGLA_SETTING_HISTORY_MEGABYTES, error) : -1;
  g_autoptr(GtkStringList) names = NULL;
  GtkWidget *group, *reading;

  if (megabytes < 0)
    return NULL;

  names = gtk_string_list_new (NULL);
  group = adw_preferences_group_new ();
  reading = adw_combo_row_new ();

  for (guint i = 0; readings[i] != NULL; i++)
    gtk_string_list_append (names, _(readings[i]));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("This Project"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Kept in the project file, for everyone who works on it"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reading), _("Other Editions’ Alternatives"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (reading),
                               _("Edited: corr, reg, expan, lem. Diplomatic: sic, orig, abbr. "
                                 "For files imported from now on"));
  adw_combo_row_set_model (ADW_COMBO_ROW (reading), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (reading), g_strcmp0 (current, "diplomatic") == 0 ? 1 : 0);
  g_signal_connect_object (reading, "notify::selected", G_CALLBACK (reading_selected_cb), project, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), reading);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             history_row (project, SIGLA_SETTING_HISTORY_STEPS, steps, _("Undo Steps Kept"),
                                          _("Older steps are dropped, and what they kept"), 10, 1000000));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             history_row (project, SIGLA_SETTING_HISTORY_MEGABYTES, megabytes, _("Undo History Size (MB)"),
                                          _("Files of undone imports kept for redo"), 1, 1024 * 1024));
  return group;
}

/* The annotator's name and initials, written in TEI as who annotated; and
 * the open project's settings. */
static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SiglaApplication *self = user_data;
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *initials = adw_entry_row_new ();
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Annotator"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Who annotates, as TEI exports name them"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (initials), _("Initials"));
  g_settings_bind (self->settings, "annotator-name", name, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "annotator-initials", initials, "text", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), initials);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  /* The project's settings unread are said, and the rest still shown. */
  if (SIGLA_IS_WINDOW (active) && sigla_window_get_project (SIGLA_WINDOW (active)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *settings = project_group (sigla_window_get_project (SIGLA_WINDOW (active)), &error);

      if (settings != NULL)
        adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (settings));
      else
        sigla_window_show_error (SIGLA_WINDOW (active), error);
    }
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_transient_for (GTK_WINDOW (window), active);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  sigla_a11y_mend (window);
  gtk_window_present (GTK_WINDOW (window));
}

/* Each window is asked to close, so that one holding edits the file
 * refused can say so; the application ends with the last. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
sigla_application_startup (GApplication *application)
{
  SiglaApplication *self = SIGLA_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* Before any thread reads XML. */
  sigla_tei_init ();
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (sigla_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  gtk_css_provider_load_from_resource (css, "/io/github/sigla/Sigla/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
sigla_application_dispose (GObject *object)
{
  SiglaApplication *self = SIGLA_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sigla_application_parent_class)->dispose (object);
}

static void
sigla_application_class_init (SiglaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sigla_application_dispose;
  application_class->activate = sigla_application_activate;
  application_class->open = sigla_application_open;
  application_class->startup = sigla_application_startup;
}

static void
sigla_application_init (SiglaApplication *self)
{
  self->session = sigla_session_new ();
  self->settings = g_object_ref (sigla_session_get_settings (self->session));
}

SiglaApplication *
sigla_application_new (void)
{
  /* Each instance its own process: a project is one file, and a second
   * window on another project should not share a process with the first. */
  return g_object_new (SIGLA_TYPE_APPLICATION,
                       "application-id", "io.github.sigla.Sigla",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/sigla/Sigla",
                       NULL);
}

GSettings *
sigla_application_get_settings (SiglaApplication *self)
{
  g_return_val_if_fail (SIGLA_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* What outlives a window: the projects open, the recent ones. */
SiglaSession *
sigla_application_get_session (SiglaApplication *self)
{
  g_return_val_if_fail (SIGLA_IS_APPLICATION (self), NULL);
  return self->session;
}
