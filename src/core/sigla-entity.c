/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity.c: the people, places and organisations of a project, with their other names. */

#define G_LOG_DOMAIN "sigla-entity"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include "sigla-entity.h"
#include "sigla-entity-private.h"
#include "sigla-error.h"
#include "sigla-project-private.h"

#define ENTITY_COLUMNS "id, uuid, kind, label, description, lat, lon, note, created, modified, xml_id"

SiglaEntity *
sigla_entity_new (SiglaKind   kind,
                  const char *label)
{
  SiglaEntity *entity = g_new0 (SiglaEntity, 1);

  entity->kind = kind;
  entity->label = g_strdup (label);
  entity->aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_entity_alias_free);
  entity->authorities = g_ptr_array_new_with_free_func (g_free);

  return entity;
}

void
sigla_entity_free (SiglaEntity *entity)
{
  if (entity == NULL)
    return;

  g_free (entity->uuid);
  g_free (entity->label);
  g_free (entity->xml_id);
  g_free (entity->description);
  g_ptr_array_unref (entity->aliases);
  g_ptr_array_unref (entity->authorities);
  g_free (entity->note);
  g_free (entity->created);
  g_free (entity->modified);
  g_free (entity);
}

static void
set_entity_not_found (gint64   id,
                      GError **error)
{
  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
               _("There is no entity %" PRId64 " in this project"), id);
}

static gboolean
check_entity (const SiglaEntity  *entity,
              GError            **error)
{

  if (entity->kind == SIGLA_KIND_DATE || entity->kind > SIGLA_KIND_DATE)
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                           _("An entity is a person, a place or an organisation"));
      return FALSE;
    }

  if (entity->label == NULL || *g_strstrip (entity->label) == '\0')
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("An entity needs a name"));
      return FALSE;
    }
  if (!sigla_entity_check_aliases (entity, error))
    return FALSE;

  /* Written so that NaN, which compares false with everything, is refused too. */
  if (entity->has_geo &&
      !(entity->lat >= -90 && entity->lat <= 90 && entity->lon >= -180 && entity->lon <= 180))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("The coordinates %g %g of “%s” are outside the globe "
                   "(latitude −90…90, longitude −180…180)"),
                   entity->lat, entity->lon, entity->label);
      return FALSE;
    }

  return TRUE;
}

/* "Joseph Stalin" → "joseph-stalin"; what is not a letter or digit after
 * transliteration becomes one hyphen. An id must not start with a digit. */
static char *
slug_from_label (SiglaKind   kind,
                 const char *label)
{
  g_autofree char *ascii = g_str_to_ascii (label, "C");
  GString *slug = g_string_new ("");

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_assign (slug, sigla_kind_to_string (kind));
  else if (g_ascii_isdigit (slug->str[0]))
    g_string_prepend (g_string_prepend_c (slug, '-'), sigla_kind_to_string (kind));

  return g_string_free (slug, FALSE);
}

static gboolean
xml_id_taken (SiglaDb     *db,
              const char  *xml_id,
              gboolean    *taken,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, "SELECT 1 FROM entities WHERE xml_id = ?", error);
  SiglaStep step;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, xml_id, -1, SQLITE_STATIC);
  step = sigla_db_step (db, stmt, error);
  *taken = step == SIGLA_STEP_ROW;
  return step != SIGLA_STEP_ERROR;
}

/* Keeps a wanted id (a TEI file's own) when it is a free name of letters,
 * digits, "_" and "-",
 * else makes one from the label, numbered when taken: "kim-il-sung-2". */
static gboolean
allocate_xml_id (SiglaDb      *db,
                 SiglaEntity  *entity,
                 GError      **error)
{
  g_autofree char *base = NULL;
  gboolean taken = TRUE;

  /* No dots: the ids TEI export makes for its own elements all have one. */
  if (entity->xml_id != NULL && g_regex_match_simple ("^[A-Za-z_][A-Za-z0-9_-]*$", entity->xml_id, 0, 0) &&
      !xml_id_taken (db, entity->xml_id, &taken, error))
    return FALSE;
  if (!taken)
    return TRUE;

  base = slug_from_label (entity->kind, entity->label);
  for (guint n = 1; taken; n++)
    {
      g_free (entity->xml_id);
      entity->xml_id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      if (!xml_id_taken (db, entity->xml_id, &taken, error))
        return FALSE;
    }

  return TRUE;
}

static void
bind_entity_fields (sqlite3_stmt      *stmt,
                    const SiglaEntity *entity)
{
  sqlite3_bind_text (stmt, 1, sigla_kind_to_string (entity->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity->label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entity->description, -1, SQLITE_STATIC);
  if (entity->has_geo)
    {
      sqlite3_bind_double (stmt, 4, entity->lat);
      sqlite3_bind_double (stmt, 5, entity->lon);
    }
  else
    {
      sqlite3_bind_null (stmt, 4);
      sqlite3_bind_null (stmt, 5);
    }
  sqlite3_bind_text (stmt, 6, entity->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, entity->modified, -1, SQLITE_STATIC);
}

/**
 * sigla_entity_insert:
 * @entity: the new entity; its id, uuid and times are set here
 *
 * Adds an entity with its aliases and authority links, as one action.
 */
gboolean
sigla_entity_insert (SiglaProject  *project,
                     SiglaEntity   *entity,
                     GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = NULL;

  if (!check_entity (entity, error))
    return FALSE;

  label = g_strdup_printf ("Add %s “%s”", sigla_kind_to_string (entity->kind), entity->label);
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;

  g_free (entity->uuid);
  entity->uuid = g_uuid_string_random ();
  g_free (entity->modified);
  entity->modified = sigla_project_now ();
  g_free (entity->created);
  entity->created = g_strdup (entity->modified);

  if (!allocate_xml_id (db, entity, error))
    goto failed;

  stmt = sigla_db_prepare (db,
                           "INSERT INTO entities(kind, label, description, lat, lon, note, modified, "
                           "uuid, created, xml_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    goto failed;

  bind_entity_fields (stmt, entity);
  sqlite3_bind_text (stmt, 8, entity->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, entity->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, entity->xml_id, -1, SQLITE_STATIC);
  if (!sigla_db_run (db, stmt, error))
    goto failed;

  entity->id = sigla_db_last_rowid (db);
  if (!sigla_entity_write_names (project, entity, error))
    goto failed;

  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, entity->id);
  if (!sigla_project_end_action (project, error))
    goto failed_committing;

  return TRUE;

failed:
  sigla_project_abort_action (project);
failed_committing:
  entity->id = 0;
  return FALSE;
}

/**
 * sigla_entity_update:
 * @entity: an entity read with sigla_entity_get() and edited
 *
 * Saves every field, the aliases and the authority links as one action.
 * The kind cannot change while mentions of it exist.
 */
gboolean
sigla_entity_update (SiglaProject  *project,
                     SiglaEntity   *entity,
                     GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = NULL;
  SiglaKind old_kind;

  if (!check_entity (entity, error) ||
      !sigla_entity_get_kind (project, entity->id, &old_kind, error))
    return FALSE;

  label = g_strdup_printf ("Edit “%s”", entity->label);
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;

  if (old_kind != entity->kind)
    {
      gint64 mentions = 0;
      g_autoptr(sqlite3_stmt) count =
        sigla_db_prepare (db, "SELECT count(*) FROM mentions WHERE entity_id = ?", error);

      if (count == NULL)
        goto failed;
      sqlite3_bind_int64 (count, 1, entity->id);
      if (sigla_db_step (db, count, error) != SIGLA_STEP_ROW)
        goto failed;
      mentions = sqlite3_column_int64 (count, 0);
      if (mentions > 0)
        {
          g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE,
                       ngettext ("“%s” cannot become a %s: it has %" PRId64 " mention as a %s",
                                 "“%s” cannot become a %s: it has %" PRId64 " mentions as a %s",
                                 mentions),
                       entity->label, sigla_kind_to_string (entity->kind), mentions,
                       sigla_kind_to_string (old_kind));
          goto failed;
        }
    }

  g_free (entity->modified);
  entity->modified = sigla_project_now ();

  stmt = sigla_db_prepare (db,
                           "UPDATE entities SET kind = ?, label = ?, description = ?, lat = ?, "
                           "lon = ?, note = ?, modified = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    goto failed;

  bind_entity_fields (stmt, entity);
  sqlite3_bind_int64 (stmt, 8, entity->id);
  if (!sigla_db_run (db, stmt, error) || !sigla_entity_write_names (project, entity, error))
    goto failed;

  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, entity->id);
  return sigla_project_end_action (project, error);

failed:
  sigla_project_abort_action (project);
  return FALSE;
}

static gint64
count_uses (SiglaDb  *db,
            gint64    id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      "SELECT (SELECT count(*) FROM mentions WHERE entity_id = ?1)"
                      " + (SELECT count(*) FROM claims WHERE speaker_id = ?1 OR reporter_id = ?1)"
                      " + (SELECT count(*) FROM claim_about WHERE entity_id = ?1)",
                      error);

  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sigla_db_step (db, stmt, error) != SIGLA_STEP_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

/* Runs @sql with ?1 = @first and, if it has one, ?2 = @second. */
static gboolean
run_with_ids (SiglaDb     *db,
              const char  *sql,
              gint64       first,
              gint64       second,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, second);
  return sigla_db_run (db, stmt, error);
}

/* Runs @sql, one statement, with @id as its ?1. */
gboolean
sigla_entity_run_with_id (SiglaDb     *db,
                          const char  *sql,
                          gint64       id,
                          GError     **error)
{
  return run_with_ids (db, sql, id, 0, error);
}

/**
 * sigla_entity_delete:
 * @mode: what happens to the mentions and claims that point to the entity
 *
 * Deletes an entity as one action. With %SIGLA_DELETE_REFUSE, an entity that
 * any annotation points to is kept and an error says how many point to it.
 */
gboolean
sigla_entity_delete (SiglaProject     *project,
                     gint64            id,
                     SiglaDeleteMode   mode,
                     GError          **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(SiglaEntity) entity = sigla_entity_get (project, id, error);
  g_autofree char *label = NULL;
  gint64 uses;

  if (entity == NULL)
    return FALSE;

  label = g_strdup_printf ("Delete “%s”", entity->label);
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;

  uses = count_uses (db, id, error);
  if (uses < 0)
    goto failed;

  if (uses > 0 && mode == SIGLA_DELETE_REFUSE)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE,
                   ngettext ("“%s” is still used by %" PRId64 " annotation; detach or delete it to delete it",
                             "“%s” is still used by %" PRId64 " annotations; detach or delete them to delete it",
                             uses),
                   entity->label, uses);
      goto failed;
    }

  if (mode == SIGLA_DELETE_MENTIONS
      ? !sigla_entity_run_with_id (db, "DELETE FROM mentions WHERE entity_id = ?", id, error)
      : !sigla_entity_run_with_id (db, "UPDATE mentions SET entity_id = NULL WHERE entity_id = ?", id, error))
    goto failed;

  if (!sigla_entity_run_with_id (db, "UPDATE claims SET speaker_id = NULL WHERE speaker_id = ?", id, error) ||
      !sigla_entity_run_with_id (db, "UPDATE claims SET reporter_id = NULL WHERE reporter_id = ?", id, error) ||
      !sigla_entity_run_with_id (db, "DELETE FROM claim_about WHERE entity_id = ?", id, error) ||
      !sigla_entity_run_with_id (db, "DELETE FROM relations WHERE from_id = ?1 OR to_id = ?1", id, error) ||
      !sigla_entity_run_with_id (db, "DELETE FROM aliases WHERE entity_id = ?", id, error) ||
      !sigla_entity_run_with_id (db, "DELETE FROM authorities WHERE entity_id = ?", id, error) ||
      !sigla_entity_run_with_id (db, "DELETE FROM entities WHERE id = ?", id, error))
    goto failed;

  sigla_project_note_change (project, SIGLA_CHANGE_ENTITY, id);
  if (uses > 0)
    {
      sigla_project_note_change (project, SIGLA_CHANGE_MENTION, 0);
      sigla_project_note_change (project, SIGLA_CHANGE_CLAIM, 0);
    }
  return sigla_project_end_action (project, error);

failed:
  sigla_project_abort_action (project);
  return FALSE;
}

/**
 * sigla_entity_merge:
 * @from_id: the entity that goes
 * @into_id: the entity that stays
 *
 * "Filippov" and "Stalin" are one person: every mention and claim of
 * @from_id follows to @into_id, its names become aliases of @into_id (its
 * preferred name typed "variant"), its authority links and notes join, and
 * @from_id is deleted. One action, undone at once.
 */
gboolean
sigla_entity_merge (SiglaProject  *project,
                    gint64         from_id,
                    gint64         into_id,
                    GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(SiglaEntity) from = sigla_entity_get (project, from_id, error);
  g_autoptr(SiglaEntity) into = from != NULL ? sigla_entity_get (project, into_id, error) : NULL;
  g_autofree char *label = NULL;

  if (into == NULL)
    return FALSE;

  if (from_id == into_id || from->kind != into->kind)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   from_id == into_id ? "“%s” cannot be merged into itself"
                                      : "“%s” and “%s” are not of one kind: only a person merges into a person, "
                                        "a place into a place, an organisation into an organisation",
                   from->label, into->label);
      return FALSE;
    }

  label = g_strdup_printf ("Merge “%s” into “%s”", from->label, into->label);
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;

  /* The names and links that @into does not have yet. */
  sigla_entity_add_alias (into, from->label, "variant");
  for (guint i = 0; i < from->aliases->len; i++)
    {
      SiglaAlias *alias = from->aliases->pdata[i];
      SiglaAlias *copy = sigla_entity_add_alias (into, alias->name, alias->type);

      copy->note = g_strdup (alias->note);
      sigla_evidence_copy (&copy->evidence, &alias->evidence);
    }
  for (guint i = 0; i < from->authorities->len; i++)
    if (!g_ptr_array_find_with_equal_func (into->authorities, from->authorities->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (into->authorities, g_strdup (from->authorities->pdata[i]));
  if (!into->has_geo && from->has_geo)
    {
      into->has_geo = TRUE;
      into->lat = from->lat;
      into->lon = from->lon;
    }
  if (from->note != NULL)
    {
      char *joined = into->note != NULL ? g_strconcat (into->note, "\n", from->note, NULL) : g_strdup (from->note);

      g_free (into->note);
      into->note = joined;
    }

  /* A claim about both is about @into once. The duplicates are deleted by
   * hand, not with UPDATE OR REPLACE, whose deletions fire no trigger: undo
   * would not know of them. */
  if (!run_with_ids (db, "UPDATE mentions SET entity_id = ?2 WHERE entity_id = ?1", from_id, into_id, error) ||
      !run_with_ids (db, "UPDATE claims SET speaker_id = ?2 WHERE speaker_id = ?1", from_id, into_id, error) ||
      !run_with_ids (db, "UPDATE claims SET reporter_id = ?2 WHERE reporter_id = ?1", from_id, into_id, error) ||
      !run_with_ids (db, "DELETE FROM claim_about WHERE entity_id = ?1 AND claim_id IN "
                         "(SELECT claim_id FROM claim_about WHERE entity_id = ?2)", from_id, into_id, error) ||
      !run_with_ids (db, "UPDATE claim_about SET entity_id = ?2 WHERE entity_id = ?1", from_id, into_id, error) ||
      /* A relation between the two would relate @into to itself. */
      !run_with_ids (db, "DELETE FROM relations WHERE (from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1)",
                     from_id, into_id, error) ||
      !run_with_ids (db, "UPDATE relations SET from_id = ?2 WHERE from_id = ?1", from_id, into_id, error) ||
      !run_with_ids (db, "UPDATE relations SET to_id = ?2 WHERE to_id = ?1", from_id, into_id, error))
    goto failed;

  if (!sigla_entity_update (project, into, error) ||
      !sigla_entity_delete (project, from_id, SIGLA_DELETE_REFUSE, error))
    goto failed;

  sigla_project_note_change (project, SIGLA_CHANGE_MENTION, 0);
  sigla_project_note_change (project, SIGLA_CHANGE_CLAIM, 0);
  return sigla_project_end_action (project, error);

failed:
  sigla_project_abort_action (project);
  return FALSE;
}

static SiglaEntity *
entity_from_row (sqlite3_stmt *stmt)
{
  SiglaKind kind = SIGLA_KIND_PERSON;
  SiglaEntity *entity;

  sigla_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  entity = sigla_entity_new (kind, (const char *) sqlite3_column_text (stmt, 3));
  entity->id = sqlite3_column_int64 (stmt, 0);
  entity->uuid = sigla_stmt_dup_text (stmt, 1);
  entity->description = sigla_stmt_dup_text (stmt, 4);
  entity->has_geo = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  entity->lat = sqlite3_column_double (stmt, 5);
  entity->lon = sqlite3_column_double (stmt, 6);
  entity->note = sigla_stmt_dup_text (stmt, 7);
  entity->created = sigla_stmt_dup_text (stmt, 8);
  entity->modified = sigla_stmt_dup_text (stmt, 9);
  entity->xml_id = sigla_stmt_dup_text (stmt, 10);

  return entity;
}

static GPtrArray *
select_entities (SiglaProject  *project,
                 gint64         only_id,
                 GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_entity_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db,
                      only_id != 0
                      ? "SELECT " ENTITY_COLUMNS " FROM entities WHERE id = ?1"
                      : "SELECT " ENTITY_COLUMNS " FROM entities ORDER BY kind, label COLLATE NOCASE, id",
                      error);
  SiglaStep step;

  if (stmt == NULL)
    return NULL;

  if (only_id != 0)
    sqlite3_bind_int64 (stmt, 1, only_id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaEntity *entity = entity_from_row (stmt);

      g_ptr_array_add (entities, entity);
      g_hash_table_insert (by_id, &entity->id, entity);
    }
  if (step == SIGLA_STEP_ERROR || !sigla_entity_read_names (db, by_id, only_id, error))
    return NULL;

  return g_steal_pointer (&entities);
}

/**
 * sigla_entity_get:
 *
 * Returns: (transfer full): the entity with its aliases and authority links
 */
SiglaEntity *
sigla_entity_get (SiglaProject  *project,
                  gint64         id,
                  GError       **error)
{
  g_autoptr(GPtrArray) entities = NULL;

  if (id <= 0)
    {
      set_entity_not_found (id, error);
      return NULL;
    }

  entities = select_entities (project, id, error);
  if (entities == NULL)
    return NULL;

  if (entities->len == 0)
    {
      set_entity_not_found (id, error);
      return NULL;
    }

  return g_ptr_array_steal_index (entities, 0);
}

/**
 * sigla_entity_list:
 *
 * Returns: (transfer full) (element-type SiglaEntity): every entity, by kind
 *   and name, with aliases and authority links
 */
GPtrArray *
sigla_entity_list (SiglaProject  *project,
                   GError       **error)
{
  return select_entities (project, 0, error);
}

gboolean
sigla_entity_get_kind (SiglaProject  *project,
                       gint64         id,
                       SiglaKind     *kind,
                       GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT kind FROM entities WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  switch (sigla_db_step (db, stmt, error))
    {
    case SIGLA_STEP_ROW:
      return sigla_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), kind);
    case SIGLA_STEP_DONE:
      set_entity_not_found (id, error);
      return FALSE;
    case SIGLA_STEP_ERROR:
    default:
      return FALSE;
    }
}
