/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-project.c: a project file as it may come from anyone: bytes mutated from a real one
 * (tests/fuzz/corpus/fuzz-project), written to disk and opened; then what a user does first:
 * list the documents and entities, read a document's claims, tag, undo and redo. A file is
 * refused naming itself, or worked on; nothing crashes, hangs or runs what the file holds. */

#include <glib/gstdio.h>

#include "fuzz-common.h"

#define NAME "fuzz.sigla"

static const char *
project_path (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("sigla-fuzz-project-XXXXXX", NULL);

      FUZZ_CHECK (dir != NULL);
      path = g_build_filename (dir, NAME, NULL);
    }
  return path;
}

/* The file and everything SQLite and Sigla leave beside it. */
static void
clear_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".v1.bak", ".v2.bak", ".v3.bak" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* A later step may fail (the file is odd, the offsets do not fit): in Sigla's words. */
static void
check_failure (const GError *error)
{
  FUZZ_CHECK (error != NULL && error->domain == SIGLA_ERROR);
  fuzz_check_utf8 (error->message);
}

static void
tag_first_document (SiglaProject *project,
                    GPtrArray    *documents,
                    GPtrArray    *entities)
{
  g_autoptr(SiglaMention) mention = sigla_mention_new ();
  g_autoptr(GError) error = NULL;
  const SiglaDocument *document;

  if (documents->len == 0)
    return;
  document = documents->pdata[0];
  mention->document_id = document->id;
  mention->start = 0;
  mention->end = MAX (document->length, 1);
  if (entities->len > 0)
    {
      const SiglaEntity *entity = entities->pdata[0];

      mention->kind = entity->kind;
      mention->entity_id = entity->id;
    }
  else
    {
      mention->kind = SIGLA_KIND_DATE;
      mention->when = g_strdup ("1951-07-10");
    }
  if (!sigla_mention_insert (project, mention, &error))
    check_failure (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = project_path ();
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  clear_files (path);
  FUZZ_CHECK (g_file_set_contents (path, (const char *) data, size, NULL));

  project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      fuzz_check_error (error, NAME);
      return 0;
    }

  documents = sigla_document_list (project, &error);
  if (documents == NULL)
    {
      check_failure (error);
      return 0;
    }
  entities = sigla_entity_list (project, &error);
  if (entities == NULL)
    {
      check_failure (error);
      return 0;
    }
  for (guint i = 0; i < documents->len && i < 2; i++)
    {
      g_autoptr(GPtrArray) claims = sigla_claim_list (project, ((SiglaDocument *) documents->pdata[i])->id, &error);

      if (claims == NULL)
        {
          check_failure (error);
          g_clear_error (&error);
        }
    }

  tag_first_document (project, documents, entities);
  if (!sigla_project_undo (project, NULL, &error))
    check_failure (error);
  g_clear_error (&error);
  if (!sigla_project_redo (project, NULL, &error))
    check_failure (error);
  return 0;
}
