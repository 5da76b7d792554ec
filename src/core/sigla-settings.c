/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-settings.c: the project's own settings, kept in its file: they travel with it, and a
 * change is an action like any other, undone with the rest. */

#define G_LOG_DOMAIN "sigla-settings"

#include <glib/gi18n-lib.h>

#include "sigla-error.h"
#include "sigla-project-private.h"
#include "sigla-settings.h"

/* Each setting and the values it takes, the first its default; a number
 * setting takes any from @minimum to @maximum. */
static const struct
{
  const char         *key;
  const char * const  values[3];
  gint64              minimum;
  gint64              maximum;   /* 0: not a number */
} known[] = {
  { SIGLA_SETTING_TEI_READING, { "edited", "diplomatic", NULL }, 0, 0 },
  { SIGLA_SETTING_HISTORY_STEPS, { "1000", NULL }, 10, 1000000 },
  { SIGLA_SETTING_HISTORY_MEGABYTES, { "1024", NULL }, 1, 1024 * 1024 },
};

static gint
find (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (known[i].key, key) == 0)
      return (gint) i;
  return -1;
}

static const char * const *
values_of (const char *key)
{
  gint i = find (key);

  return i >= 0 ? known[i].values : NULL;
}

/* Whether @value is one @key takes. */
static gboolean
takes (const char *key,
       const char *value)
{
  gint i = find (key);
  guint64 number;

  if (i < 0 || value == NULL)
    return FALSE;
  if (known[i].maximum == 0)
    return g_strv_contains (known[i].values, value);
  return g_ascii_string_to_unsigned (value, 10, known[i].minimum, known[i].maximum, &number, NULL);
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
        return takes (key, value) ? g_steal_pointer (&value) : g_strdup (values[0]);
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
  if (!takes (key, value))
    {
      gint i = find (key);
      g_autofree char *allowed = known[i].maximum == 0
        ? g_strjoinv (", ", (char **) known[i].values)
        : g_strdup_printf (_("a number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT), known[i].minimum,
                           known[i].maximum);

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

/**
 * sigla_settings_get_number:
 * @key: a number setting
 *
 * Returns: its value, or -1 with @error set
 */
gint64
sigla_settings_get_number (SiglaProject  *project,
                           const char    *key,
                           GError       **error)
{
  g_autofree char *value = sigla_settings_get (project, key, error);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : -1;
}
