/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-relation.c: typed relations between entities, each with who says so and where. */

#define G_LOG_DOMAIN "sigla-relation"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-project-private.h"
#include "sigla-relation.h"

#define RELATION_COLUMNS "id, type, from_id, to_id, note, created, modified, " SIGLA_EVIDENCE_COLUMNS

/* The types a historian reaches for first; any other one-word type is kept as it is. */
static const struct
{
  const char *type;
  const char *label;
  gboolean    mutual;
} known_types[] = {
  { "writes-to", N_("writes to"), FALSE },
  { "reports-to", N_("reports to"), FALSE },
  { "meets", N_("meets"), TRUE },
  { "member-of", N_("is a member of"), FALSE },
  { "commands", N_("commands"), FALSE },
  { "part-of", N_("is part of"), FALSE },
};

SiglaRelation *
sigla_relation_new (const char *type,
                    gint64      from_id,
                    gint64      to_id)
{
  SiglaRelation *relation = g_new0 (SiglaRelation, 1);

  relation->type = g_strdup (type);
  relation->from_id = from_id;
  relation->to_id = to_id;
  return relation;
}

void
sigla_relation_free (SiglaRelation *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->type);
  g_free (relation->note);
  sigla_evidence_clear (&relation->evidence);
  g_free (relation->created);
  g_free (relation->modified);
  g_free (relation);
}

/**
 * sigla_relation_types:
 *
 * Returns: (transfer none): the types offered first, %NULL-terminated
 */
const char * const *
sigla_relation_types (void)
{
  static const char *types[G_N_ELEMENTS (known_types) + 1];

  if (types[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
      types[i] = known_types[i].type;
  return types;
}

/* "writes to" for "writes-to"; a type of the user's own as it is. */
const char *
sigla_relation_type_label (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    if (g_strcmp0 (type, known_types[i].type) == 0)
      return _(known_types[i].label);
  return type;
}

/* Whether the relation runs both ways (they meet), so that neither is first. */
gboolean
sigla_relation_is_mutual (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    if (g_strcmp0 (type, known_types[i].type) == 0)
      return known_types[i].mutual;
  return FALSE;
}

/* A type is one word of letters, digits and hyphens, as TEI's @name takes it. */
static gboolean
check_relation (SiglaProject         *project,
                const SiglaRelation  *relation,
                GError              **error)
{
  SiglaKind kind;

  if (relation->type == NULL || *relation->type == '\0' ||
      strspn (relation->type, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
      strlen (relation->type))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("“%s” is not a type of relation: write one word, as writes-to or member-of"),
                   relation->type != NULL ? relation->type : "");
      return FALSE;
    }
  if (relation->from_id == relation->to_id)
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                           _("A relation is between two entities, not an entity and itself"));
      return FALSE;
    }
  return sigla_entity_get_kind (project, relation->from_id, &kind, error) &&
         sigla_entity_get_kind (project, relation->to_id, &kind, error) &&
         sigla_evidence_check (project, &relation->evidence, error);
}

static void
bind_relation (sqlite3_stmt        *stmt,
               const SiglaRelation *relation)
{
  sqlite3_bind_text (stmt, 1, relation->type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, relation->from_id);
  sqlite3_bind_int64 (stmt, 3, relation->to_id);
  sqlite3_bind_text (stmt, 4, relation->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, relation->modified, -1, SQLITE_STATIC);
  sigla_evidence_bind (stmt, 6, &relation->evidence);
}

/**
 * sigla_relation_insert:
 * @relation: the new relation; its id and times are set here
 *
 * Adds a relation between two entities, as one action.
 */
gboolean
sigla_relation_insert (SiglaProject   *project,
                       SiglaRelation  *relation,
                       GError        **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = NULL;

  if (!check_relation (project, relation, error))
    return FALSE;

  label = g_strdup_printf ("Add Relation “%s”", relation->type);
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;

  g_free (relation->modified);
  relation->modified = sigla_project_now ();
  g_free (relation->created);
  relation->created = g_strdup (relation->modified);

  stmt = sigla_db_prepare (db,
                           "INSERT INTO relations(type, from_id, to_id, note, modified, "
                           SIGLA_EVIDENCE_COLUMNS ", created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    goto failed;
  bind_relation (stmt, relation);
  sqlite3_bind_text (stmt, 6 + SIGLA_EVIDENCE_N_COLUMNS, relation->created, -1, SQLITE_STATIC);
  if (!sigla_db_run (db, stmt, error))
    goto failed;

  relation->id = sigla_db_last_rowid (db);
  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, relation->from_id);
  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, relation->to_id);
  if (sigla_project_end_action (project, error))
    return TRUE;
  relation->id = 0;
  return FALSE;

failed:
  sigla_project_abort_action (project);
  return FALSE;
}

/**
 * sigla_relation_update:
 *
 * Saves every field of @relation as one action.
 */
gboolean
sigla_relation_update (SiglaProject   *project,
                       SiglaRelation  *relation,
                       GError        **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_relation (project, relation, error) ||
      !sigla_project_begin_action (project, "Edit Relation", error))
    return FALSE;

  g_free (relation->modified);
  relation->modified = sigla_project_now ();
  stmt = sigla_db_prepare (db,
                           "UPDATE relations SET (type, from_id, to_id, note, modified, "
                           SIGLA_EVIDENCE_COLUMNS ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?",
                           error);
  if (stmt == NULL)
    goto failed;
  bind_relation (stmt, relation);
  sqlite3_bind_int64 (stmt, 6 + SIGLA_EVIDENCE_N_COLUMNS, relation->id);
  if (!sigla_db_run (db, stmt, error))
    goto failed;
  if (sqlite3_changes (sigla_db_get_handle (db)) == 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                   _("There is no relation %" PRId64 " in this project"), relation->id);
      goto failed;
    }

  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, relation->from_id);
  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, relation->to_id);
  return sigla_project_end_action (project, error);

failed:
  sigla_project_abort_action (project);
  return FALSE;
}

/* Deletes a relation as one action; its two parties are told of it. */
gboolean
sigla_relation_delete (SiglaProject  *project,
                       gint64         id,
                       GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 from_id, to_id;

  if (!sigla_project_begin_action (project, "Delete Relation", error))
    return FALSE;
  stmt = sigla_db_prepare (db, "DELETE FROM relations WHERE id = ? RETURNING from_id, to_id", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      from_id = sqlite3_column_int64 (stmt, 0);
      to_id = sqlite3_column_int64 (stmt, 1);
      break;
    case SIGLA_STEP_DONE:
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("There is no relation %" PRId64 " in this project"),
                   id);
      goto failed;
    case SIGLA_STEP_ERROR:
    default:
      goto failed;
    }
  g_clear_pointer (&stmt, sigla_stmt_release);
  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, from_id);
  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, to_id);
  return sigla_project_end_action (project, error);

failed:
  g_clear_pointer (&stmt, sigla_stmt_release);
  sigla_project_abort_action (project);
  return FALSE;
}

/**
 * sigla_relation_list:
 * @entity_id: the entity whose relations, either way; 0 for all of the project
 *
 * Returns: (transfer full) (element-type SiglaRelation): in the order they were made
 */
GPtrArray *
sigla_relation_list (SiglaProject  *project,
                     gint64         entity_id,
                     GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_relation_free);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      entity_id != 0
                      ? "SELECT " RELATION_COLUMNS " FROM relations WHERE from_id = ?1 "
                        "UNION SELECT " RELATION_COLUMNS " FROM relations WHERE to_id = ?1 ORDER BY id"
                      : "SELECT " RELATION_COLUMNS " FROM relations ORDER BY id",
                      error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;
  if (entity_id != 0)
    sqlite3_bind_int64 (stmt, 1, entity_id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaRelation *relation = sigla_relation_new ((const char *) sqlite3_column_text (stmt, 1),
                                                    sqlite3_column_int64 (stmt, 2),
                                                    sqlite3_column_int64 (stmt, 3));

      relation->id = sqlite3_column_int64 (stmt, 0);
      relation->note = sigla_stmt_dup_text (stmt, 4);
      relation->created = sigla_stmt_dup_text (stmt, 5);
      relation->modified = sigla_stmt_dup_text (stmt, 6);
      sigla_evidence_read (&relation->evidence, stmt, 7);
      g_ptr_array_add (relations, relation);
    }
  return step == SIGLA_STEP_DONE ? g_steal_pointer (&relations) : NULL;
}
