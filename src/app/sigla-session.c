/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-session.c: what outlives a window: the projects open, the recent ones, the sample,
 * the settings. The application keeps one for all its windows. */

#define G_LOG_DOMAIN "sigla-session"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sigla-session.h"

struct _SiglaSession
{
  GObject     parent_instance;

  GSettings  *settings;
  GMenu      *recent_menu;
  GHashTable *projects;   /* path → SiglaProject, not owned: each window holds the one it shows */
};

G_DEFINE_FINAL_TYPE (SiglaSession, sigla_session, G_TYPE_OBJECT)

/* How many recent projects the menu shows, and the setting keeps. */
#define RECENT_SHOWN 5
#define RECENT_KEPT 10

/* The main menu's Recent Projects: the last few that are still there. */
static void
fill_recent (SiglaSession *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  guint shown = 0;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL && shown < RECENT_SHOWN; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      name = g_path_get_basename (recent[i]);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
      shown++;
    }
}

static void
remember_project (SiglaSession *self,
                  const char   *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && i < RECENT_KEPT - 1; i++)
    if (!g_str_equal (recent[i], path))
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-project", path);
}

static void
project_finalized_cb (gpointer  data,
                      GObject  *project)
{
  SiglaSession *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->projects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) project)
      g_hash_table_iter_remove (&iter);
}

/* A project is opened once however many windows show it: one connection,
 * whose "changed" tells them all. */
static SiglaProject *
keep_project (SiglaSession *self,
              SiglaProject *project)
{
  g_hash_table_insert (self->projects, g_strdup (sigla_project_get_path (project)), project);
  g_object_weak_ref (G_OBJECT (project), project_finalized_cb, self);
  remember_project (self, sigla_project_get_path (project));
  return project;
}

/**
 * sigla_session_open_project:
 *
 * Returns: (transfer full): the project at @path, the one already open if a
 *   window shows it
 */
SiglaProject *
sigla_session_open_project (SiglaSession  *self,
                            const char    *path,
                            GError       **error)
{
  SiglaProject *open = g_hash_table_lookup (self->projects, path);
  SiglaProject *project;

  g_return_val_if_fail (SIGLA_IS_SESSION (self), NULL);

  if (open != NULL)
    {
      remember_project (self, path);
      return g_object_ref (open);
    }
  project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, error);
  return project != NULL ? keep_project (self, project) : NULL;
}

SiglaProject *
sigla_session_create_project (SiglaSession  *self,
                              const char    *path,
                              GError       **error)
{
  SiglaProject *project;

  g_return_val_if_fail (SIGLA_IS_SESSION (self), NULL);

  project = sigla_project_create (path, error);
  return project != NULL ? keep_project (self, project) : NULL;
}

/* The annotated sample, installed with Sigla (or named by SIGLA_SAMPLE_DIR);
 * %NULL-terminated. */
static GPtrArray *
sample_files (GError **error)
{
  const char *folder = g_getenv ("SIGLA_SAMPLE_DIR") != NULL ? g_getenv ("SIGLA_SAMPLE_DIR") : SIGLA_SAMPLE_DIR;
  g_autoptr(GError) unread = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &unread);
  GPtrArray *paths;
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("The sample documents are not installed: %s"),
                   unread->message);
      return NULL;
    }
  paths = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (paths, NULL);
  return paths;
}

/**
 * sigla_session_open_sample:
 *
 * Opens the sample project in the user's data folder, making it from the
 * annotated sample the first time, so that a first start has something to
 * explore.
 *
 * Returns: (transfer full): the sample project
 */
SiglaProject *
sigla_session_open_sample (SiglaSession  *self,
                           GError       **error)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "sigla", NULL);
  g_autofree char *path = g_build_filename (folder, "Sample.sigla", NULL);
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (SIGLA_IS_SESSION (self), NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return sigla_session_open_project (self, path, error);

  files = sample_files (error);
  if (files == NULL)
    return NULL;
  if (files->len <= 1)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("The sample documents are not installed"));
      return NULL;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot make the folder “%s”: %s"),
                   folder, g_strerror (saved));
      return NULL;
    }
  project = sigla_project_create (path, error);
  if (project == NULL)
    return NULL;
  if (sigla_import_files (project, (const char * const *) files->pdata, NULL, NULL, NULL, error) == 0)
    {
      g_clear_object (&project);
      g_remove (path);
      return NULL;
    }
  return keep_project (self, g_steal_pointer (&project));
}

/* The project opened last, "" if none. */
char *
sigla_session_get_last_project (SiglaSession *self)
{
  g_return_val_if_fail (SIGLA_IS_SESSION (self), NULL);
  return g_settings_get_string (self->settings, "last-project");
}

GSettings *
sigla_session_get_settings (SiglaSession *self)
{
  g_return_val_if_fail (SIGLA_IS_SESSION (self), NULL);
  return self->settings;
}

/* The recent projects, as a menu section every window shows. */
GMenuModel *
sigla_session_get_recent_menu (SiglaSession *self)
{
  g_return_val_if_fail (SIGLA_IS_SESSION (self), NULL);
  return G_MENU_MODEL (self->recent_menu);
}

static void
sigla_session_dispose (GObject *object)
{
  SiglaSession *self = SIGLA_SESSION (object);
  GHashTableIter iter;
  gpointer value;

  if (self->projects != NULL)
    {
      g_hash_table_iter_init (&iter, self->projects);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, project_finalized_cb, self);
      g_clear_pointer (&self->projects, g_hash_table_unref);
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (sigla_session_parent_class)->dispose (object);
}

static void
sigla_session_class_init (SiglaSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sigla_session_dispose;
}

static void
sigla_session_init (SiglaSession *self)
{
  self->settings = g_settings_new ("io.github.sigla.Sigla");
  self->recent_menu = g_menu_new ();
  self->projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_swapped (self->settings, "changed::recent-projects", G_CALLBACK (fill_recent), self);
  fill_recent (self);
}

SiglaSession *
sigla_session_new (void)
{
  return g_object_new (SIGLA_TYPE_SESSION, NULL);
}
