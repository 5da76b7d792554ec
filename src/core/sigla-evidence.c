/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-evidence.c: who says so, how surely, and in which words. */

#define G_LOG_DOMAIN "sigla-evidence"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sigla-document.h"
#include "sigla-error.h"
#include "sigla-evidence.h"
#include "sigla-project-private.h"
#include "sigla-text.h"

void
sigla_evidence_clear (SiglaEvidence *evidence)
{
  g_clear_pointer (&evidence->resp, g_free);
  g_clear_pointer (&evidence->cert, g_free);
  evidence->document_id = evidence->start = evidence->end = 0;
}

void
sigla_evidence_copy (SiglaEvidence       *to,
                     const SiglaEvidence *from)
{
  sigla_evidence_clear (to);
  to->resp = g_strdup (from->resp);
  to->cert = g_strdup (from->cert);
  to->document_id = from->document_id;
  to->start = from->start;
  to->end = from->end;
}

/* Whether nobody and nothing is named: an alias as older projects have them. */
gboolean
sigla_evidence_is_empty (const SiglaEvidence *evidence)
{
  return evidence->resp == NULL && evidence->cert == NULL && evidence->document_id == 0;
}

gboolean
sigla_evidence_is_certainty (const char *cert)
{
  return g_strcmp0 (cert, "high") == 0 || g_strcmp0 (cert, "medium") == 0 || g_strcmp0 (cert, "low") == 0;
}

/* Binds the SIGLA_EVIDENCE_COLUMNS from parameter @first on. */
void
sigla_evidence_bind (sqlite3_stmt        *stmt,
                     int                  first,
                     const SiglaEvidence *evidence)
{
  sqlite3_bind_text (stmt, first, evidence->resp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 1, evidence->cert, -1, SQLITE_TRANSIENT);
  if (evidence->document_id != 0)
    {
      sqlite3_bind_int64 (stmt, first + 2, evidence->document_id);
      sqlite3_bind_int64 (stmt, first + 3, evidence->start);
      sqlite3_bind_int64 (stmt, first + 4, evidence->end);
    }
  else
    for (int i = 2; i < SIGLA_EVIDENCE_N_COLUMNS; i++)
      sqlite3_bind_null (stmt, first + i);
}

/* Reads the SIGLA_EVIDENCE_COLUMNS from result column @first on. A source
 * whose document went (ON DELETE SET NULL) names no words. */
void
sigla_evidence_read (SiglaEvidence *evidence,
                     sqlite3_stmt  *stmt,
                     int            first)
{
  sigla_evidence_clear (evidence);
  evidence->resp = sigla_stmt_dup_text (stmt, first);
  evidence->cert = sigla_stmt_dup_text (stmt, first + 1);
  if (sqlite3_column_type (stmt, first + 2) != SQLITE_NULL)
    {
      evidence->document_id = sqlite3_column_int64 (stmt, first + 2);
      evidence->start = sqlite3_column_int64 (stmt, first + 3);
      evidence->end = sqlite3_column_int64 (stmt, first + 4);
    }
}

/* A certainty of the three, and words that are in their document. */
gboolean
sigla_evidence_check (SiglaProject         *project,
                      const SiglaEvidence  *evidence,
                      GError              **error)
{
  if (evidence->cert != NULL && !sigla_evidence_is_certainty (evidence->cert))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("“%s” is not a certainty: it is high, medium or low"), evidence->cert);
      return FALSE;
    }
  if (evidence->resp != NULL && *evidence->resp == '\0')
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Who says so needs a name"));
      return FALSE;
    }
  return evidence->document_id == 0 ||
         sigla_document_check_span (project, evidence->document_id, evidence->start, evidence->end, error);
}

/**
 * sigla_evidence_words:
 *
 * Returns: (transfer full) (nullable): the words that say so, or %NULL
 *   (and no error) when none are named
 */
char *
sigla_evidence_words (SiglaProject         *project,
                      const SiglaEvidence  *evidence,
                      GError              **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (evidence->document_id == 0)
    return NULL;
  if ((stmt = sigla_db_prepare (db, "SELECT text, length FROM documents WHERE id = ?", error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evidence->document_id);
  if (sigla_db_step (db, stmt, error) != SIGLA_STEP_ROW)
    return NULL;
  /* A file another program changed may say anything: words outside the text are none. */
  if (!(evidence->start >= 0 && evidence->start < evidence->end && evidence->end <= sqlite3_column_int64 (stmt, 1)))
    return NULL;
  return sigla_text_span ((const char *) sqlite3_column_text (stmt, 0), evidence->start, evidence->end);
}

/**
 * sigla_evidence_parse_span:
 * @text: "DOCUMENT:START-END", as the command line takes it
 *
 * Sets the document and the words of @evidence.
 */
gboolean
sigla_evidence_parse_span (const char     *text,
                           SiglaEvidence  *evidence,
                           GError        **error)
{
  const char *whole = text;
  gint64 document_id, start, end;
  char *rest;

  document_id = g_ascii_strtoll (text, &rest, 10);
  if (rest == text || *rest != ':')
    goto invalid;
  text = rest + 1;
  start = g_ascii_strtoll (text, &rest, 10);
  if (rest == text || *rest != '-')
    goto invalid;
  text = rest + 1;
  end = g_ascii_strtoll (text, &rest, 10);
  if (rest == text || *rest != '\0' || document_id <= 0)
    goto invalid;

  evidence->document_id = document_id;
  evidence->start = start;
  evidence->end = end;
  return TRUE;

invalid:
  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
               _("“%s” is not a span: write DOCUMENT:START-END, as 3:120-142"), whole);
  return FALSE;
}
