/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-settings.c: the project's own settings, kept in its file: they travel with it, and a
 * change is an action like any other, undone with the rest. */

#define G_LOG_DOMAIN "sigla-settings"

#include <glib/gi18n-lib.h>

#include "sigla-error.h"
#include "sigla-project-private.h"
#include "sigla-settings.h"

/* Each setting and the values it takes, the first its default. */
static const struct
{
  const char         *key;
  const char * const  values[3];
} known[] = {
  { SIGLA_SETTING_TEI_READING, { "edited", "diplomatic", NULL } },
};

static const char * const *
values_of (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (known[i].key, key) == 0)
      return known[i].values;
  return NULL;
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  if (values_of (key) != NULL)
    return TRUE;
  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("There is no setting “%s”"), key);
  return FALSE;
}

/**
 * sigla_settings_get:
 *
 * Returns: (transfer full): the setting's value, its default if the project
 *   has none, or %NULL with @error set
 */
char *
sigla_settings_get (SiglaProject  *project,
                    const char    *key,
                    GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char * const *values;

  if (!check_key (key, error) ||
      (stmt = sigla_db_prepare (db, "SELECT value FROM settings WHERE key = ?", error)) == NULL)
    return NULL;

  values = values_of (key);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      {
        g_autofree char *value = sigla_stmt_dup_text (stmt, 0);

        /* A value this Sigla does not know (a damaged or newer file) reads as the default. */
        return g_strv_contains (values, value) ? g_steal_pointer (&value) : g_strdup (values[0]);
      }
    case SIGLA_STEP_DONE:
      return g_strdup (values[0]);
    case SIGLA_STEP_ERROR:
    default:
      return NULL;
    }
}

/* Sets a setting, as one action. */
gboolean
sigla_settings_set (SiglaProject  *project,
                    const char    *key,
                    const char    *value,
                    GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = NULL;

  if (!check_key (key, error))
    return FALSE;
  if (!g_strv_contains (values_of (key), value))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) values_of (key));

      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("“%s” is no value of “%s”: it takes %s"), value,
                   key, allowed);
      return FALSE;
    }

  label = g_strdup_printf ("Set %s", key);
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;
  stmt = sigla_db_prepare (db, "INSERT INTO settings(key, value) VALUES (?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    {
      sigla_project_abort_action (project);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!sigla_db_run (db, stmt, error))
    {
      sigla_project_abort_action (project);
      return FALSE;
    }
  return sigla_project_end_action (project, error);
}
