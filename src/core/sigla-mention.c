/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-mention.c: spans of a document's text that name an entity or a date. */

#define G_LOG_DOMAIN "sigla-mention"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include "sigla-date.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-mention.h"
#include "sigla-project-private.h"

#define MENTION_COLUMNS \
  "id, document_id, start, \"end\", kind, entity_id, \"when\", not_before, not_after, cert, note, " \
  "created, modified"

SiglaMention *
sigla_mention_new (void)
{
  return g_new0 (SiglaMention, 1);
}

void
sigla_mention_free (SiglaMention *mention)
{
  if (mention == NULL)
    return;

  g_free (mention->when);
  g_free (mention->not_before);
  g_free (mention->not_after);
  g_free (mention->cert);
  g_free (mention->note);
  g_free (mention->created);
  g_free (mention->modified);
  g_free (mention);
}

static gboolean
check_iso (const char  *value,
           const char  *what,
           GError     **error)
{
  if (value == NULL || sigla_date_is_iso (value))
    return TRUE;

  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
               _("The %s “%s” is not an ISO 8601 date (1951-07-12, 1951-07 or 1951)"), what, value);
  return FALSE;
}

static gboolean
check_mention (SiglaProject        *project,
               const SiglaMention  *mention,
               GError             **error)
{
  SiglaKind entity_kind;

  if (!sigla_document_check_span (project, mention->document_id, mention->start, mention->end, error))
    return FALSE;

  if (mention->kind == SIGLA_KIND_DATE)
    {
      if (mention->entity_id != 0)
        {
          g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                               _("A date mention has a value, not an entity"));
          return FALSE;
        }
      if (mention->when == NULL && mention->not_before == NULL && mention->not_after == NULL)
        {
          g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                               _("A date mention needs a date (when, or not before / not after)"));
          return FALSE;
        }
      return check_iso (mention->when, "date", error) &&
             check_iso (mention->not_before, "date", error) &&
             check_iso (mention->not_after, "date", error);
    }

  /* A name not (yet) identified: its kind is all that is known. */
  if (mention->entity_id == 0)
    return TRUE;

  if (!sigla_entity_get_kind (project, mention->entity_id, &entity_kind, error))
    return FALSE;

  if (entity_kind != mention->kind)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("A %s mention cannot point to entity %" PRId64 ", which is a %s"),
                   sigla_kind_to_string (mention->kind), mention->entity_id,
                   sigla_kind_to_string (entity_kind));
      return FALSE;
    }

  return TRUE;
}

/**
 * sigla_mention_insert:
 * @mention: the new mention; its id and times are set here
 *
 * Adds a mention as one action, after checking that its span lies inside the
 * document and that its kind is its entity's.
 */
gboolean
sigla_mention_insert (SiglaProject  *project,
                      SiglaMention  *mention,
                      GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = NULL;

  if (!check_mention (project, mention, error))
    return FALSE;

  label = g_strdup_printf ("Tag %s", sigla_kind_to_string (mention->kind));
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;

  /* An import brings the dates the file gives; a new mention is made now. */
  if (mention->created == NULL)
    mention->created = sigla_project_now ();
  if (mention->modified == NULL)
    mention->modified = g_strdup (mention->created);

  stmt = sigla_db_prepare (db,
                           "INSERT INTO mentions(document_id, start, \"end\", kind, entity_id, "
                           "\"when\", not_before, not_after, cert, note, created, modified) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, mention->document_id);
  sqlite3_bind_int64 (stmt, 2, mention->start);
  sqlite3_bind_int64 (stmt, 3, mention->end);
  sqlite3_bind_text (stmt, 4, sigla_kind_to_string (mention->kind), -1, SQLITE_STATIC);
  if (mention->entity_id != 0)
    sqlite3_bind_int64 (stmt, 5, mention->entity_id);
  sqlite3_bind_text (stmt, 6, mention->when, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, mention->not_before, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, mention->not_after, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, mention->cert, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, mention->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, mention->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, mention->modified, -1, SQLITE_STATIC);
  if (!sigla_db_run (db, stmt, error))
    goto failed;

  mention->id = sigla_db_last_rowid (db);
  sigla_project_note_change (project, SIGLA_CHANGE_MENTION, mention->id);
  if (!sigla_project_end_action (project, error))
    {
      mention->id = 0;
      return FALSE;
    }

  return TRUE;

failed:
  sigla_project_abort_action (project);
  return FALSE;
}

gboolean
sigla_mention_delete (SiglaProject  *project,
                      gint64         id,
                      GError       **error)
{
  return sigla_project_delete_row (project, "Remove mention", "mentions", id,
                                   SIGLA_CHANGE_MENTION, "mention", error);
}

static GPtrArray *
read_mentions (SiglaProject  *project,
               const char    *sql,
               gint64         document_id,
               GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_mention_free);
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, sql, error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaMention *mention = sigla_mention_new ();

      mention->id = sqlite3_column_int64 (stmt, 0);
      mention->document_id = sqlite3_column_int64 (stmt, 1);
      mention->start = sqlite3_column_int64 (stmt, 2);
      mention->end = sqlite3_column_int64 (stmt, 3);
      sigla_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &mention->kind);
      mention->entity_id = sqlite3_column_int64 (stmt, 5);
      mention->when = sigla_stmt_dup_text (stmt, 6);
      mention->not_before = sigla_stmt_dup_text (stmt, 7);
      mention->not_after = sigla_stmt_dup_text (stmt, 8);
      mention->cert = sigla_stmt_dup_text (stmt, 9);
      mention->note = sigla_stmt_dup_text (stmt, 10);
      mention->created = sigla_stmt_dup_text (stmt, 11);
      mention->modified = sigla_stmt_dup_text (stmt, 12);
      g_ptr_array_add (mentions, mention);
    }

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&mentions) : NULL;
}

/**
 * sigla_mention_list:
 * @document_id: a document, or 0 for the whole project
 *
 * Returns: (transfer full) (element-type SiglaMention): mentions in text order
 */
GPtrArray *
sigla_mention_list (SiglaProject  *project,
                    gint64         document_id,
                    GError       **error)
{
  /* Two statements, not "?1 = 0 OR document_id = ?1", which no index serves. */
  return read_mentions (project,
                        document_id != 0
                        ? "SELECT " MENTION_COLUMNS " FROM mentions WHERE document_id = ?1 "
                          "ORDER BY start, \"end\" DESC, id"
                        : "SELECT " MENTION_COLUMNS " FROM mentions "
                          "ORDER BY document_id, start, \"end\" DESC, id",
                        document_id, error);
}

/**
 * sigla_mention_list_dates:
 * @document_id: a document, or 0 for the whole project
 *
 * Returns: (transfer full) (element-type SiglaMention): the date mentions only
 */
GPtrArray *
sigla_mention_list_dates (SiglaProject  *project,
                          gint64         document_id,
                          GError       **error)
{
  return read_mentions (project,
                        document_id != 0
                        ? "SELECT " MENTION_COLUMNS " FROM mentions WHERE document_id = ?1 AND kind = 'date' "
                          "ORDER BY start, \"end\" DESC, id"
                        : "SELECT " MENTION_COLUMNS " FROM mentions WHERE kind = 'date' "
                          "ORDER BY document_id, start, \"end\" DESC, id",
                        document_id, error);
}

/**
 * sigla_mention_list_named:
 * @document_id: a document, or 0 for the whole project
 *
 * Which entity each mention names, and nothing else of it: what a tally of
 * names needs to count them, and to know what a changed mention named.
 *
 * Returns: (transfer full) (element-type SiglaNamed): the mentions of an
 *   entity, by id
 */
GArray *
sigla_mention_list_named (SiglaProject  *project,
                          gint64         document_id,
                          GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (SiglaNamed));
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      document_id != 0
                      ? "SELECT id, entity_id FROM mentions WHERE document_id = ?1 AND entity_id IS NOT NULL "
                        "ORDER BY id"
                      : "SELECT id, entity_id FROM mentions WHERE entity_id IS NOT NULL ORDER BY id",
                      error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaNamed one = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (named, one);
    }

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&named) : NULL;
}
