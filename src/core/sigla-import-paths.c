/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-import-paths.c: the files an import takes from the paths it is given: a file as it
 * is, a folder walked for the files in it (and in its folders) whose names match. */

#define G_LOG_DOMAIN "sigla-import"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sigla-error.h"
#include "sigla-import.h"

/* What the window's file chooser offers: plain text and XML (TEI). */
static const char * const default_patterns[] = { "*.txt", "*.xml", NULL };

static gboolean
matches (GPtrArray  *specs,
         const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; i < specs->len; i++)
    if (g_pattern_spec_match_string (specs->pdata[i], lower))
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The matching files under @folder, in name order, folders' files in place.
 * Hidden files and folders, and folders reached through a link (which may
 * lead back up), are left out. */
static gboolean
walk (const char  *folder,
      GPtrArray   *specs,
      GPtrArray   *files,
      GError     **error)
{
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &open_error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot read the folder “%s”: %s"), folder,
                   open_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && !walk (path, specs, files, error))
            return FALSE;
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && matches (specs, names->pdata[i]))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
  return TRUE;
}

/**
 * sigla_import_gather:
 * @paths: (array zero-terminated=1): files and folders
 * @patterns: (array zero-terminated=1) (nullable): the names of the files
 *   to take from folders ("*.xml"), whatever their case; %NULL for text and
 *   XML files
 *
 * The files to import: each file named as it is (an import says if it
 * cannot read it), and for each folder the files in it and in its folders
 * whose names match, in name order.
 *
 * Returns: (transfer full): the paths, ending in %NULL; %NULL with @error
 *   set if a folder cannot be read or holds no file to import
 */
GPtrArray *
sigla_import_gather (const char * const  *paths,
                     const char * const  *patterns,
                     GError             **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);

  for (const char * const *p = patterns != NULL && patterns[0] != NULL ? patterns : default_patterns; *p != NULL; p++)
    {
      g_autofree char *lower = g_utf8_strdown (*p, -1);

      g_ptr_array_add (specs, g_pattern_spec_new (lower));
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      guint before = files->len;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (files, g_strdup (paths[i]));
          continue;
        }
      if (!walk (paths[i], specs, files, error))
        return NULL;
      if (files->len == before)
        {
          g_autofree char *wanted = g_strjoinv (", ", (char **) (patterns != NULL && patterns[0] != NULL
                                                                  ? patterns : default_patterns));

          g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                       _("The folder “%s” holds no file to import (looked for %s)"), paths[i], wanted);
          return NULL;
        }
    }

  g_ptr_array_add (files, NULL);
  return g_steal_pointer (&files);
}
