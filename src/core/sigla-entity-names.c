/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-names.c: an entity's other names, with who says so and where,
 * and its links to authority records. */

#define G_LOG_DOMAIN "sigla-entity"

#include <glib/gi18n-lib.h>

#include "sigla-entity.h"
#include "sigla-entity-private.h"
#include "sigla-error.h"
#include "sigla-project-private.h"

#define ALIAS_COLUMNS "entity_id, name, type, note, " SIGLA_EVIDENCE_COLUMNS

void
sigla_entity_alias_free (SiglaAlias *alias)
{
  if (alias == NULL)
    return;
  g_free (alias->name);
  g_free (alias->type);
  g_free (alias->note);
  sigla_evidence_clear (&alias->evidence);
  g_free (alias);
}

/**
 * sigla_entity_add_alias:
 *
 * Returns: (transfer none): the new alias, to say who says so and where
 */
SiglaAlias *
sigla_entity_add_alias (SiglaEntity *entity,
                        const char  *name,
                        const char  *type)
{
  SiglaAlias *alias = g_new0 (SiglaAlias, 1);

  alias->name = g_strdup (name);
  alias->type = g_strdup (type != NULL && *type != '\0' ? type : "variant");
  g_ptr_array_add (entity->aliases, alias);
  return alias;
}

/* Every alias has a name (its evidence is checked as it is written: sigla_evidence_check()). */
gboolean
sigla_entity_check_aliases (const SiglaEntity  *entity,
                            GError            **error)
{
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      SiglaAlias *alias = entity->aliases->pdata[i];

      if (alias->name == NULL || *g_strstrip (alias->name) == '\0')
        {
          g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                       _("An alias of “%s” has no name"), entity->label);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes the names and links that belong to the entity, replacing any it had. */
gboolean
sigla_entity_write_names (SiglaProject       *project,
                          const SiglaEntity  *entity,
                          GError            **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) insert_alias = NULL;
  g_autoptr(sqlite3_stmt) insert_authority = NULL;

  if (!sigla_entity_run_with_id (db, "DELETE FROM aliases WHERE entity_id = ?", entity->id, error) ||
      !sigla_entity_run_with_id (db, "DELETE FROM authorities WHERE entity_id = ?", entity->id, error))
    return FALSE;

  insert_alias = sigla_db_prepare (db,
                                   "INSERT INTO aliases(" ALIAS_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (insert_alias == NULL)
    return FALSE;
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];

      if (!sigla_evidence_check (project, &alias->evidence, error))
        {
          g_prefix_error (error, _("The alias “%s” of “%s”: "), alias->name, entity->label);
          return FALSE;
        }
      sqlite3_bind_int64 (insert_alias, 1, entity->id);
      sqlite3_bind_text (insert_alias, 2, alias->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_alias, 3, alias->type != NULL ? alias->type : "variant", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert_alias, 4, alias->note, -1, SQLITE_STATIC);
      sigla_evidence_bind (insert_alias, 5, &alias->evidence);
      if (!sigla_db_run (db, insert_alias, error))
        return FALSE;
      sqlite3_reset (insert_alias);
    }

  insert_authority = sigla_db_prepare (db,
                                       "INSERT OR IGNORE INTO authorities(entity_id, uri) VALUES (?, ?)",
                                       error);
  if (insert_authority == NULL)
    return FALSE;
  for (guint i = 0; i < entity->authorities->len; i++)
    {
      sqlite3_bind_int64 (insert_authority, 1, entity->id);
      sqlite3_bind_text (insert_authority, 2, entity->authorities->pdata[i], -1, SQLITE_STATIC);
      if (!sigla_db_run (db, insert_authority, error))
        return FALSE;
      sqlite3_reset (insert_authority);
    }

  return TRUE;
}

/* Fills in the aliases and authority links of @entities, looked up by id. */
gboolean
sigla_entity_read_names (SiglaDb     *db,
                         GHashTable  *by_id,
                         gint64       only_id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) aliases =
    sigla_db_prepare (db,
                      only_id != 0
                      ? "SELECT " ALIAS_COLUMNS " FROM aliases WHERE entity_id = ?1 ORDER BY id"
                      : "SELECT " ALIAS_COLUMNS " FROM aliases ORDER BY id",
                      error);
  g_autoptr(sqlite3_stmt) authorities = NULL;
  SiglaStep step;

  if (aliases == NULL)
    return FALSE;

  if (only_id != 0)
    sqlite3_bind_int64 (aliases, 1, only_id);
  while ((step = sigla_db_step (db, aliases, error)) == SIGLA_STEP_ROW)
    {
      gint64 entity_id = sqlite3_column_int64 (aliases, 0);
      SiglaEntity *entity = g_hash_table_lookup (by_id, &entity_id);

      if (entity != NULL)
        {
          SiglaAlias *alias = sigla_entity_add_alias (entity, (const char *) sqlite3_column_text (aliases, 1),
                                                      (const char *) sqlite3_column_text (aliases, 2));

          alias->note = sigla_stmt_dup_text (aliases, 3);
          sigla_evidence_read (&alias->evidence, aliases, 4);
        }
    }
  if (step == SIGLA_STEP_ERROR)
    return FALSE;

  authorities = sigla_db_prepare (db,
                                  only_id != 0
                                  ? "SELECT entity_id, uri FROM authorities WHERE entity_id = ?1 ORDER BY id"
                                  : "SELECT entity_id, uri FROM authorities ORDER BY id",
                                  error);
  if (authorities == NULL)
    return FALSE;

  if (only_id != 0)
    sqlite3_bind_int64 (authorities, 1, only_id);
  while ((step = sigla_db_step (db, authorities, error)) == SIGLA_STEP_ROW)
    {
      gint64 entity_id = sqlite3_column_int64 (authorities, 0);
      SiglaEntity *entity = g_hash_table_lookup (by_id, &entity_id);

      if (entity != NULL)
        g_ptr_array_add (entity->authorities, sigla_stmt_dup_text (authorities, 1));
    }

  return step == SIGLA_STEP_DONE;
}
