/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-tei-read.c: any bytes read as TEI into a project: hostile XML is refused with an error
 * that names the file, and what is read in lies within its documents. */

#include "fuzz-common.h"
#include "sigla-project-private.h"
#include "sigla-tei-reader.h"

#define NAME "fuzz.xml"

static gint64
count_documents (SiglaProject *project)
{
  g_autoptr(GError) error = NULL;
  SiglaCounts counts;

  FUZZ_CHECK (sigla_project_get_counts (project, &counts, &error));
  return counts.documents;
}

/* Read inside an action, as an import does, then rolled back: every input starts
 * from the same empty project. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  SiglaProject *project = fuzz_get_project ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  gint64 id;

  FUZZ_CHECK (sigla_project_begin_action (project, "Import", &error));
  if (!sigla_tei_read (project, NAME, bytes, NULL, &id, &error))
    fuzz_check_error (error, NAME);
  else if (id == 0)
    FUZZ_CHECK (count_documents (project) == 0);
  else
    {
      g_autoptr(GPtrArray) documents = sigla_document_list (project, &error);

      FUZZ_CHECK (error == NULL && documents != NULL && documents->len > 0);
      for (guint i = 0; i < documents->len; i++)
        fuzz_check_document (project, ((SiglaDocument *) documents->pdata[i])->id);
    }

  sigla_project_abort_action (project);
  FUZZ_CHECK (count_documents (project) == 0);

  return 0;
}
