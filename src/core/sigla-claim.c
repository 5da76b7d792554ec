/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-claim.c: what someone says in a document: speaker, reporter, stance and subjects. */

#define G_LOG_DOMAIN "sigla-claim"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include "sigla-claim.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-project-private.h"

static const char * const stances[] = {
  "asserts", "denies", "proposes", "demands", "questions", "concedes",
  "refuses", "requests", "promises", "warns", "reports", NULL,
};

static const char * const certainties[] = { "high", "medium", "low", NULL };

#define CLAIM_COLUMNS \
  "id, document_id, start, \"end\", speaker_id, reporter_id, stance, certainty, paraphrase, note, " \
  "created, modified"

SiglaClaim *
sigla_claim_new (void)
{
  SiglaClaim *claim = g_new0 (SiglaClaim, 1);

  claim->about = g_array_new (FALSE, FALSE, sizeof (gint64));
  return claim;
}

void
sigla_claim_free (SiglaClaim *claim)
{
  if (claim == NULL)
    return;

  g_free (claim->stance);
  g_free (claim->certainty);
  g_free (claim->paraphrase);
  g_free (claim->note);
  g_array_unref (claim->about);
  g_free (claim->created);
  g_free (claim->modified);
  g_free (claim);
}

/**
 * sigla_claim_get_stances:
 *
 * Returns: (transfer none): the stances a claim may take, %NULL-terminated
 */
const char * const *
sigla_claim_get_stances (void)
{
  return stances;
}

static gboolean
check_speaker (SiglaProject  *project,
               gint64         id,
               const char    *role,
               GError       **error)
{
  SiglaKind kind;

  if (!sigla_entity_get_kind (project, id, &kind, error))
    return FALSE;

  if (kind == SIGLA_KIND_PLACE)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("The %s of a claim is a person or an organisation; entity %" PRId64 " is a place"),
                   role, id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_claim (SiglaProject      *project,
             SiglaClaim        *claim,
             GError           **error)
{
  if (!sigla_document_check_span (project, claim->document_id, claim->start, claim->end, error))
    return FALSE;

  /* A claim may have no speaker: an anonymous one, or one whose speaker was
   * deleted and detached. */
  if ((claim->speaker_id != 0 && !check_speaker (project, claim->speaker_id, "speaker", error)) ||
      (claim->reporter_id != 0 && !check_speaker (project, claim->reporter_id, "reporter", error)))
    return FALSE;

  if (claim->stance == NULL)
    claim->stance = g_strdup ("asserts");
  if (!g_strv_contains (stances, claim->stance))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) stances);

      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("“%s” is not a stance; a claim %s"), claim->stance, known);
      return FALSE;
    }

  if (claim->certainty != NULL && !g_strv_contains (certainties, claim->certainty))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("“%s” is not a certainty: use high, medium or low"), claim->certainty);
      return FALSE;
    }

  for (guint i = 0; i < claim->about->len; i++)
    {
      SiglaKind kind;

      if (!sigla_entity_get_kind (project, g_array_index (claim->about, gint64, i), &kind, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_about (SiglaDb     *db,
             SiglaClaim  *claim,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) clear =
    sigla_db_prepare (db, "DELETE FROM claim_about WHERE claim_id = ?", error);
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, claim->id);
  if (!sigla_db_run (db, clear, error))
    return FALSE;

  insert = sigla_db_prepare (db,
                             "INSERT OR IGNORE INTO claim_about(claim_id, entity_id) VALUES (?, ?)",
                             error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < claim->about->len; i++)
    {
      sqlite3_bind_int64 (insert, 1, claim->id);
      sqlite3_bind_int64 (insert, 2, g_array_index (claim->about, gint64, i));
      if (!sigla_db_run (db, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }

  return TRUE;
}

/* Binds the fields an insert and an update share, in this order. */
static void
bind_claim_fields (sqlite3_stmt     *stmt,
                   const SiglaClaim *claim)
{
  sqlite3_bind_int64 (stmt, 1, claim->document_id);
  sqlite3_bind_int64 (stmt, 2, claim->start);
  sqlite3_bind_int64 (stmt, 3, claim->end);
  if (claim->speaker_id != 0)
    sqlite3_bind_int64 (stmt, 4, claim->speaker_id);
  else
    sqlite3_bind_null (stmt, 4);
  if (claim->reporter_id != 0)
    sqlite3_bind_int64 (stmt, 5, claim->reporter_id);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, claim->stance, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, claim->certainty, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, claim->paraphrase, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, claim->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, claim->modified, -1, SQLITE_STATIC);
}

static gboolean
save_claim (SiglaProject  *project,
            SiglaClaim    *claim,
            gboolean       is_new,
            GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_claim (project, claim, error) ||
      !sigla_project_begin_action (project, is_new ? "Add claim" : "Edit claim", error))
    return FALSE;

  /* An import brings the dates the file gives; an edit is made now. */
  if (!is_new || claim->modified == NULL)
    {
      g_free (claim->modified);
      claim->modified = sigla_project_now ();
    }
  if (is_new && claim->created == NULL)
    claim->created = g_strdup (claim->modified);

  stmt = sigla_db_prepare (db,
                           is_new
                           ? "INSERT INTO claims(document_id, start, \"end\", speaker_id, reporter_id, "
                             "stance, certainty, paraphrase, note, modified, created) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           : "UPDATE claims SET document_id = ?, start = ?, \"end\" = ?, speaker_id = ?, "
                             "reporter_id = ?, stance = ?, certainty = ?, paraphrase = ?, note = ?, "
                             "modified = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    goto failed;

  bind_claim_fields (stmt, claim);
  if (is_new)
    sqlite3_bind_text (stmt, 11, claim->created, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 11, claim->id);
  if (!sigla_db_run (db, stmt, error))
    goto failed;

  if (is_new)
    claim->id = sigla_db_last_rowid (db);
  else if (sqlite3_changes (sigla_db_get_handle (db)) == 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                   _("There is no claim %" PRId64 " in this project"), claim->id);
      goto failed;
    }

  if (!write_about (db, claim, error))
    goto failed;

  sigla_project_note_change (project, SIGLA_CHANGE_CLAIM, claim->id);
  return sigla_project_end_action (project, error);

failed:
  sigla_project_abort_action (project);
  if (is_new)
    claim->id = 0;
  return FALSE;
}

/**
 * sigla_claim_insert:
 * @claim: the new claim; its id and times are set here
 *
 * Adds a claim and its subjects as one action.
 */
gboolean
sigla_claim_insert (SiglaProject  *project,
                    SiglaClaim    *claim,
                    GError       **error)
{
  return save_claim (project, claim, TRUE, error);
}

gboolean
sigla_claim_update (SiglaProject  *project,
                    SiglaClaim    *claim,
                    GError       **error)
{
  return save_claim (project, claim, FALSE, error);
}

gboolean
sigla_claim_delete (SiglaProject  *project,
                    gint64         id,
                    GError       **error)
{
  return sigla_project_delete_row (project, "Remove claim", "claims", id, SIGLA_CHANGE_CLAIM,
                                   "claim", error);
}

/**
 * sigla_claim_list:
 * @document_id: a document, or 0 for the whole project
 *
 * Returns: (transfer full) (element-type SiglaClaim): claims in text order
 */
GPtrArray *
sigla_claim_list (SiglaProject  *project,
                  gint64         document_id,
                  GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_claim_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* Two statements, not "?1 = 0 OR document_id = ?1", which no index serves. */
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      document_id != 0
                      ? "SELECT " CLAIM_COLUMNS " FROM claims WHERE document_id = ?1 ORDER BY start, id"
                      : "SELECT " CLAIM_COLUMNS " FROM claims ORDER BY document_id, start, id",
                      error);
  g_autoptr(sqlite3_stmt) about = NULL;
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaClaim *claim = sigla_claim_new ();

      claim->id = sqlite3_column_int64 (stmt, 0);
      claim->document_id = sqlite3_column_int64 (stmt, 1);
      claim->start = sqlite3_column_int64 (stmt, 2);
      claim->end = sqlite3_column_int64 (stmt, 3);
      claim->speaker_id = sqlite3_column_int64 (stmt, 4);
      claim->reporter_id = sqlite3_column_int64 (stmt, 5);
      claim->stance = sigla_stmt_dup_text (stmt, 6);
      claim->certainty = sigla_stmt_dup_text (stmt, 7);
      claim->paraphrase = sigla_stmt_dup_text (stmt, 8);
      claim->note = sigla_stmt_dup_text (stmt, 9);
      claim->created = sigla_stmt_dup_text (stmt, 10);
      claim->modified = sigla_stmt_dup_text (stmt, 11);
      g_ptr_array_add (claims, claim);
      g_hash_table_insert (by_id, &claim->id, claim);
    }
  if (step == SIGLA_STEP_ERROR)
    return NULL;

  about = sigla_db_prepare (db,
                            document_id != 0
                            ? "SELECT claim_id, claim_about.entity_id FROM claim_about "
                              "JOIN claims ON claims.id = claim_id WHERE claims.document_id = ?1 "
                              "ORDER BY claim_id, claim_about.id"
                            : "SELECT claim_id, entity_id FROM claim_about ORDER BY claim_id, id",
                            error);
  if (about == NULL)
    return NULL;
  if (document_id != 0)
    sqlite3_bind_int64 (about, 1, document_id);

  while ((step = sigla_db_step (db, about, error)) == SIGLA_STEP_ROW)
    {
      gint64 claim_id = sqlite3_column_int64 (about, 0);
      gint64 entity_id = sqlite3_column_int64 (about, 1);
      SiglaClaim *claim = g_hash_table_lookup (by_id, &claim_id);

      if (claim != NULL)
        g_array_append_val (claim->about, entity_id);
    }

  return step == SIGLA_STEP_DONE ? g_steal_pointer (&claims) : NULL;
}
