/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-mark.c: a document's mentions and claims read as bare spans, with only
 * the columns a highlight needs: a view can show 50,000 of them without
 * reading every note and timestamp. */

#define G_LOG_DOMAIN "sigla-mark"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "sigla-error.h"
#include "sigla-project-private.h"
#include "sigla-mark.h"

void
sigla_mark_clear (SiglaMark *span)
{
  g_clear_pointer (&span->when, g_free);
}

SiglaMark
sigla_mark_from_mention (const SiglaMention *mention)
{
  return (SiglaMark) {
    .id = mention->id,
    .document_id = mention->document_id,
    .kind = mention->kind,
    .entity_id = mention->entity_id,
    .start = mention->start,
    .end = mention->end,
    .when = g_strdup (mention->when),
  };
}

/**
 * sigla_mark_list:
 * @document_id: a document
 * @before: only the spans that start before this offset (G_MAXINT64: all);
 *   the first screen's spans come from the index at once
 *
 * Returns: (transfer full) (element-type SiglaMark): mentions and claims in
 *   text order (by start, the longer first), or NULL with @error set
 */
/* One row of either SELECT below: id, claim, kind, entity, start, end, when, document. */
static SiglaMark
read_mark (sqlite3_stmt *stmt)
{
  SiglaMark mark = {
    .id = sqlite3_column_int64 (stmt, 0),
    .claim = sqlite3_column_int (stmt, 1),
    .entity_id = sqlite3_column_int64 (stmt, 3),
    .start = sqlite3_column_int64 (stmt, 4),
    .end = sqlite3_column_int64 (stmt, 5),
    .when = sigla_stmt_dup_text (stmt, 6),
    .document_id = sqlite3_column_int64 (stmt, 7),
  };

  if (!mark.claim)
    sigla_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &mark.kind);
  return mark;
}

GArray *
sigla_mark_list (SiglaProject  *project,
                 gint64         document_id,
                 gint64         before,
                 GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (SiglaMark));
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      "SELECT id, 0, kind, entity_id, start, \"end\", \"when\", document_id FROM mentions "
                      "WHERE document_id = ?1 AND start < ?2 "
                      "UNION ALL "
                      "SELECT id, 1, NULL, NULL, start, \"end\", NULL, document_id FROM claims "
                      "WHERE document_id = ?1 AND start < ?2 "
                      "ORDER BY 5, 6 DESC, 2, 1",
                      error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  g_array_set_clear_func (marks, (GDestroyNotify) sigla_mark_clear);
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, before);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaMark mark = read_mark (stmt);

      g_array_append_val (marks, mark);
    }

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&marks) : NULL;
}

/**
 * sigla_mark_get:
 * @claim: whether @id is a claim's (else a mention's)
 * @mark: (out caller-allocates): the mark, to clear with sigla_mark_clear()
 *
 * Returns: TRUE with @mark filled; FALSE with @error set, %SIGLA_ERROR_NOT_FOUND
 *   if there is no such mention or claim (deleted, undone)
 */
gboolean
sigla_mark_get (SiglaProject  *project,
                gboolean       claim,
                gint64         id,
                SiglaMark     *mark,
                GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      claim
                      ? "SELECT id, 1, NULL, NULL, start, \"end\", NULL, document_id FROM claims WHERE id = ?1"
                      : "SELECT id, 0, kind, entity_id, start, \"end\", \"when\", document_id FROM mentions "
                        "WHERE id = ?1",
                      error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      *mark = read_mark (stmt);
      return TRUE;
    case SIGLA_STEP_DONE:
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                   claim ? _("There is no claim %" PRId64 " in this project")
                         : _("There is no mention %" PRId64 " in this project"), id);
      return FALSE;
    case SIGLA_STEP_ERROR:
    default:
      return FALSE;
    }
}
