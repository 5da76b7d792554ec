/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-import.c: brings a file into a project as a document, whole or not at all. */

#define G_LOG_DOMAIN "sigla-import"

#include "sigla-document.h"
#include "sigla-error.h"
#include "sigla-import.h"
#include "sigla-page.h"
#include "sigla-project-private.h"
#include "sigla-source.h"

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

/**
 * sigla_import_file:
 * @path: a text file: plain text, or an archive page as the seeds are
 *
 * Imports the file as one action: its bytes are kept as they are, its text
 * becomes the reading text. Refuses binary data, unknown encodings, empty
 * files and whatever is not a file, naming the file and the reason, and
 * leaves nothing behind when it refuses.
 *
 * Returns: the new document's id, or 0 with @error set
 */
gint64
sigla_import_file (SiglaProject  *project,
                   const char    *path,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SiglaPage) page = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autofree char *label = NULL;
  gsize length = 0;
  gsize source_size;
  const guint8 *source;

  bytes = sigla_source_load (path, error);
  if (bytes == NULL)
    return 0;

  text = sigla_source_decode (path, bytes, &length, error);
  if (text == NULL)
    return 0;

  page = sigla_page_parse (text, length);
  g_clear_pointer (&text, g_free);
  if (page->length == 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY,
                   "Cannot import “%s”: it holds no text to read", path);
      return 0;
    }

  document = document_from_page (page, path);
  label = g_strdup_printf ("Import “%s”", document->source_name);
  if (!sigla_project_begin_action (project, label, error))
    return 0;

  source = g_bytes_get_data (bytes, &source_size);
  if (!sigla_document_insert (project, document, page->blocks, source, source_size, error))
    {
      sigla_project_abort_action (project);
      g_prefix_error (error, "Cannot import “%s”: ", path);
      return 0;
    }

  if (!commit_durably (project, error))
    return 0;

  return document->id;
}
