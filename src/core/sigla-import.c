/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-import.c: brings a file into a project as a document, whole or not at all. */

#define G_LOG_DOMAIN "sigla-import"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sigla-document.h"
#include "sigla-error.h"
#include "sigla-import.h"
#include "sigla-page.h"
#include "sigla-project-private.h"
#include "sigla-source.h"
#include "sigla-tei-reader.h"

static SiglaDocument *
document_from_page (SiglaPage  *page,
                    const char *path)
{
  g_autoptr(SiglaDocument) document = sigla_document_new ();

  document->source_name = g_path_get_basename (path);
  document->title = g_steal_pointer (&page->title);
  if (document->title == NULL)
    document->title = g_strdup (document->source_name);
  document->date = g_steal_pointer (&page->date);
  document->date_text = g_steal_pointer (&page->date_text);
  document->citation = g_steal_pointer (&page->citation);
  document->archive = g_steal_pointer (&page->archive);
  document->url = g_steal_pointer (&page->url);
  document->language = g_steal_pointer (&page->language);
  document->original_language = g_steal_pointer (&page->original_language);
  document->summary = g_steal_pointer (&page->summary);
  document->length = page->length;
  document->text = g_string_free (g_steal_pointer (&page->text), FALSE);

  return g_steal_pointer (&document);
}

/* The commit that ends an import is the one a power cut must not undo. */
static gboolean
commit_durably (SiglaProject  *project,
                GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  gboolean committed;

  sigla_db_exec (db, "PRAGMA synchronous = FULL", NULL);
  committed = sigla_project_end_action (project, error);
  sigla_db_exec (db, "PRAGMA synchronous = NORMAL", NULL);

  return committed;
}

/* TEI by its name, or by an XML declaration at its start. */
static gboolean
is_xml (const char *path,
        GBytes     *bytes)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (g_str_has_suffix (lower, ".xml") || g_str_has_suffix (lower, ".tei"))
    return TRUE;
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  return size >= 5 && memcmp (data, "<?xml", 5) == 0;
}

/* Reads, decodes and stores one file inside the current action. *@id is 0
 * for a TEI file of registries or letters alone; @report, if given, is told
 * what a TEI file held. */
static gboolean
import_one (SiglaProject    *project,
            const char      *path,
            SiglaTeiReport  *report,
            gint64          *id,
            GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SiglaPage) page = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  gsize length = 0;
  gsize source_size;
  const guint8 *source;

  *id = 0;
  bytes = sigla_source_load (path, error);
  if (bytes == NULL)
    return FALSE;

  if (is_xml (path, bytes))
    return sigla_tei_read (project, path, bytes, report, id, error);

  text = sigla_source_decode (path, bytes, &length, error);
  if (text == NULL)
    return FALSE;

  page = sigla_page_parse (text, length);
  g_clear_pointer (&text, g_free);
  if (page->length == 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY,
                   _("Cannot import “%s”: it holds no text to read"), path);
      return FALSE;
    }

  document = document_from_page (page, path);
  source = g_bytes_get_data (bytes, &source_size);
  if (!sigla_document_insert (project, document, page->blocks, source, source_size, error))
    {
      g_prefix_error (error, _("Cannot import “%s”: "), path);
      return FALSE;
    }

  *id = document->id;
  return TRUE;
}

/**
 * sigla_import_file:
 * @path: a text file: plain text, or an archive page as the seeds are
 *
 * Imports the file as one action: its bytes are kept as they are, its text
 * becomes the reading text. Refuses binary data, unknown encodings, empty
 * files and whatever is not a file, naming the file and the reason, and
 * leaves nothing behind when it refuses.
 *
 * Returns: the new document's id; 0 with @error set if the file is
 *   refused, or with no error for a TEI file of registries or letters alone
 *   (its people, places and organisations are in the project)
 */
gint64
sigla_import_file (SiglaProject  *project,
                   const char    *path,
                   GError       **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *label = g_strdup_printf ("Import “%s”", name);
  gint64 id;

  if (!sigla_project_begin_action (project, label, error))
    return 0;

  if (!import_one (project, path, NULL, &id, error))
    {
      sigla_project_abort_action (project);
      return 0;
    }

  return commit_durably (project, error) ? id : 0;
}

/**
 * sigla_import_files:
 * @paths: %NULL-terminated files to import
 * @callback: (nullable): told of each file as it is done, for progress
 * @cancellable: (nullable): stops before the next file; what is done is kept
 *
 * Imports the files as one action ("Import 12 documents", undone at once),
 * each file in an inner action, whole or not at all: a refused file is
 * reported to @callback and costs the others nothing. One durable commit at the end makes a large
 * batch fast.
 *
 * Returns: how many files were imported (a TEI file of registries alone
 *   makes no document but counts); 0 with @error set if the project could not
 *   be written (then none was)
 */
guint
sigla_import_files (SiglaProject        *project,
                    const char * const  *paths,
                    SiglaImportFunc      callback,
                    gpointer             user_data,
                    GCancellable        *cancellable,
                    GError             **error)
{
  guint n_paths = g_strv_length ((char **) paths);
  g_autofree char *label = g_strdup_printf (n_paths == 1 ? "Import %u document" : "Import %u documents",
                                            n_paths);
  guint imported = 0;

  if (n_paths == 0)
    return 0;

  if (!sigla_project_begin_action (project, label, error))
    return 0;

  for (guint i = 0; i < n_paths && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) file_error = NULL;
      g_autoptr(SiglaTeiReport) report = sigla_tei_report_new ();
      gboolean read;
      gint64 id;

      if (!sigla_project_begin_action (project, NULL, error))
        goto failed;

      read = import_one (project, paths[i], report, &id, &file_error);
      if (!read)
        sigla_project_abort_action (project);
      else if (!sigla_project_end_action (project, error))
        goto failed;

      imported += read;
      if (callback != NULL)
        callback (paths[i], i, id, read && report->blocks + report->entities + report->letters > 0 ? report : NULL,
                  file_error, user_data);
    }

  if (imported == 0)
    {
      /* Nothing to undo: leave no empty entry in the history. */
      sigla_project_abort_action (project);
      return 0;
    }

  return commit_durably (project, error) ? imported : 0;

failed:
  sigla_project_abort_action (project);
  return 0;
}
