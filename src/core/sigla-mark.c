/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-mark.c: a document's mentions and claims read as bare spans, with only
 * the columns a highlight needs: a view can show 50,000 of them without
 * reading every note and timestamp. */

#define G_LOG_DOMAIN "sigla-mark"

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
GArray *
sigla_mark_list (SiglaProject  *project,
                 gint64         document_id,
                 gint64         before,
                 GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaMark));
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      "SELECT id, 0, kind, entity_id, start, \"end\", \"when\" FROM mentions "
                      "WHERE document_id = ?1 AND start < ?2 "
                      "UNION ALL "
                      "SELECT id, 1, NULL, NULL, start, \"end\", NULL FROM claims "
                      "WHERE document_id = ?1 AND start < ?2 "
                      "ORDER BY 5, 6 DESC, 2, 1",
                      error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  g_array_set_clear_func (spans, (GDestroyNotify) sigla_mark_clear);
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, before);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaMark span = {
        .id = sqlite3_column_int64 (stmt, 0),
        .claim = sqlite3_column_int (stmt, 1),
        .entity_id = sqlite3_column_int64 (stmt, 3),
        .start = sqlite3_column_int64 (stmt, 4),
        .end = sqlite3_column_int64 (stmt, 5),
        .when = sigla_stmt_dup_text (stmt, 6),
      };

      if (!span.claim)
        sigla_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &span.kind);
      g_array_append_val (spans, span);
    }

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&spans) : NULL;
}
