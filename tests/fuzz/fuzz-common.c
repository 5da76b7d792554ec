/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.c: what the fuzz targets share: a broken invariant is a crash, a project in memory. */

#include <string.h>

#include "fuzz-common.h"

/* A critical is a broken precondition inside Sigla: as much a bug as a crash. Set before
 * libFuzzer runs the first input. */
__attribute__((constructor)) static void
make_criticals_fatal (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
}

/* One project in memory for the whole run: no file to clean up, and no schema to
 * create for each input. Each target leaves it as it found it. */
SiglaProject *
fuzz_get_project (void)
{
  static SiglaProject *project;

  if (project == NULL)
    {
      g_autoptr(GError) error = NULL;

      project = sigla_project_create (":memory:", &error);
      if (project == NULL)
        g_error ("Cannot create a project in memory: %s", error->message);
    }
  return project;
}

/* Bad input must be refused in Sigla's error domain, naming the file. */
void
fuzz_check_error (const GError *error,
                  const char   *name)
{
  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (error->domain == SIGLA_ERROR);
  FUZZ_CHECK (error->message != NULL && strstr (error->message, name) != NULL);
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
}

void
fuzz_check_utf8 (const char *text)
{
  FUZZ_CHECK (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_span (gint64 start,
            gint64 end,
            gint64 length)
{
  FUZZ_CHECK (0 <= start && start < end && end <= length);
}

/* A stored document's length counts its text's code points, and every block,
 * mention and claim lies inside it. */
void
fuzz_check_document (SiglaProject *project,
                     gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SiglaDocument) document = sigla_document_get (project, id, &error);
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  gint64 previous_end = 0;

  FUZZ_CHECK (document != NULL && document->text != NULL);
  FUZZ_CHECK (g_utf8_validate (document->text, -1, NULL));
  FUZZ_CHECK (g_utf8_strlen (document->text, -1) == document->length);
  fuzz_check_utf8 (document->title);

  blocks = sigla_document_get_blocks (project, id, &error);
  FUZZ_CHECK (blocks != NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);

      FUZZ_CHECK (previous_end <= block->start && block->start <= block->end &&
                  block->end <= document->length);
      previous_end = block->end;
    }

  mentions = sigla_mention_list (project, id, &error);
  FUZZ_CHECK (mentions != NULL);
  for (guint i = 0; i < mentions->len; i++)
    {
      const SiglaMention *mention = mentions->pdata[i];

      check_span (mention->start, mention->end, document->length);
    }

  claims = sigla_claim_list (project, id, &error);
  FUZZ_CHECK (claims != NULL);
  for (guint i = 0; i < claims->len; i++)
    {
      const SiglaClaim *claim = claims->pdata[i];

      check_span (claim->start, claim->end, document->length);
    }
}
