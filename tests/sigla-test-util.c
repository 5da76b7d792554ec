/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-test-util.c: fixtures the test programs share: temporary projects and the seeds. */

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sigla-test-util.h"

/* A fresh folder under the system's temporary folder; remove it with
 * sigla_test_remove_dir(). */
char *
sigla_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sigla-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
sigla_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;

  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        sigla_test_remove_dir (path);
      else
        g_remove (path);
    }

  g_rmdir (dir);
}

/* Creates "test.sigla" in @dir; @path (optional) receives its path. */
SiglaProject *
sigla_test_new_project (const char  *dir,
                        char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (dir, "test.sigla", NULL);
  SiglaProject *project = sigla_project_create (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  if (path != NULL)
    *path = g_steal_pointer (&file);
  return project;
}

/* The seed whose file name starts with @prefix ("000" … "004"). */
char *
sigla_test_seed_path (const char *prefix)
{
  const char *seeds = g_getenv ("SIGLA_SEEDS_DIR");
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_nonnull (seeds);
  dir = g_dir_open (seeds, 0, NULL);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".txt"))
      return g_build_filename (seeds, name, NULL);

  g_error ("no seed starts with “%s” in %s", prefix, seeds);
  return NULL;
}

gint64
sigla_test_import_seed (SiglaProject *project,
                        const char   *prefix)
{
  g_autofree char *path = sigla_test_seed_path (prefix);
  g_autoptr(GError) error = NULL;
  gint64 id = sigla_import_file (project, path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Writes @size bytes (-1: a string) to @dir/@name and returns the path. */
char *
sigla_test_write_file (const char *dir,
                       const char *name,
                       const void *data,
                       gssize      size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

/* SHA-256 of a file's bytes: to show that a refused file was left untouched. */
char *
sigla_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of what @dir holds, sorted, one a line: what a test expects to
 * find there (and nothing else, no temporary file left behind). */
char *
sigla_test_list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

/* Root reads and writes any file: a test of what a user may not do first
 * becomes "nobody". Call it in a child (g_test_trap_subprocess()): there is
 * no way back. */
void
sigla_test_drop_privileges (void)
{
  if (geteuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
}

/* A mention of @entity (0: not identified) over [@start, @end), which must
 * be accepted. Returns: its id */
gint64
sigla_test_add_mention (SiglaProject *project,
                        gint64        document,
                        SiglaKind     kind,
                        gint64        entity,
                        gint64        start,
                        gint64        end)
{
  g_autoptr(SiglaMention) mention = sigla_mention_new ();
  g_autoptr(GError) error = NULL;

  mention->document_id = document;
  mention->kind = kind;
  mention->entity_id = entity;
  mention->start = start;
  mention->end = end;
  g_assert_true (sigla_mention_insert (project, mention, &error));
  g_assert_no_error (error);
  return mention->id;
}

/* One number the file at @path answers to @sql, read by SQLite itself, not by Sigla. */
gint64
sigla_test_query_int (const char *path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
