/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-tei-read.c: any bytes read as TEI into a project: hostile XML is refused with an error
 * that names the file, and what is read in lies within its documents; each document, with a
 * name added across its middle, exports as well-formed XML. */

#include <libxml/parser.h>

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

/* A name over the middle third of the text, then the export: it must be XML
 * (for another tool's TEI, its tree with the name woven in). */
static void
check_export (SiglaProject        *project,
              const SiglaDocument *document)
{
  g_autoptr(SiglaMention) mention = sigla_mention_new ();
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  mention->document_id = document->id;
  mention->kind = SIGLA_KIND_DATE;
  mention->when = g_strdup ("1900");
  mention->start = document->length / 3;
  mention->end = MAX (mention->start + 1, 2 * document->length / 3);
  if (mention->end <= document->length)
    FUZZ_CHECK (sigla_mention_insert (project, mention, &error));

  FUZZ_CHECK (sigla_tei_write_document (project, document->id, NULL, output, &error));
  FUZZ_CHECK (g_output_stream_close (output, NULL, NULL));
  doc = xmlReadMemory (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)), NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  FUZZ_CHECK (doc != NULL);
  xmlFreeDoc (doc);
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
        {
          fuzz_check_document (project, ((SiglaDocument *) documents->pdata[i])->id);
          check_export (project, documents->pdata[i]);
        }
    }

  sigla_project_abort_action (project);
  FUZZ_CHECK (count_documents (project) == 0);

  return 0;
}
