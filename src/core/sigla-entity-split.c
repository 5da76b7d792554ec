/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-split.c: one entity made two, the counterpart of a merge: chosen mentions and
 * names of it move to a new entity of the same kind, as one action. For "Filippov" tagged as
 * Stalin where an editor doubts it, or two men of one name. */

#define G_LOG_DOMAIN "sigla-entity"

#include <glib/gi18n-lib.h>

#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-entity-private.h"
#include "sigla-error.h"
#include "sigla-mention.h"
#include "sigla-project-private.h"
#include "sigla-text.h"

static gboolean
same_words (const char *a,
            const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);

  return g_utf8_collate (x, y) == 0;
}

void
sigla_entity_words_free (SiglaEntityWords *words)
{
  if (words == NULL)
    return;
  g_free (words->words);
  g_array_unref (words->mention_ids);
  g_free (words);
}

/* Each of @entity_id's mentions with its words: @found called for each. */
static gboolean
each_mention_words (SiglaProject  *project,
                    gint64         entity_id,
                    void         (*found) (const SiglaMention *mention, const char *words, gpointer data),
                    gpointer       data,
                    GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  /* This entity's mentions alone, through the index on entity_id. */
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT id, document_id, start, \"end\" FROM mentions WHERE entity_id = ? "
                          "ORDER BY document_id, start", error);
  g_autoptr(SiglaDocument) document = NULL;
  SiglaStep step;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entity_id);

  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    {
      SiglaMention m = { .id = sqlite3_column_int64 (stmt, 0), .document_id = sqlite3_column_int64 (stmt, 1),
                         .start = sqlite3_column_int64 (stmt, 2), .end = sqlite3_column_int64 (stmt, 3),
                         .entity_id = entity_id };
      g_autofree char *words = NULL;

      if (document == NULL || document->id != m.document_id)
        {
          g_clear_pointer (&document, sigla_document_free);
          if ((document = sigla_document_get (project, m.document_id, error)) == NULL)
            return FALSE;
        }
      if (m.end > document->length)
        continue;
      words = sigla_text_span (document->text, m.start, m.end);
      found (&m, words, data);
    }

  return step == SIGLA_STEP_DONE;
}

typedef struct
{
  const char *wanted;
  GArray     *ids;
} WithWords;

static void
add_if_same_cb (const SiglaMention *mention,
                const char         *words,
                gpointer            data)
{
  WithWords *with = data;

  if (same_words (words, with->wanted))
    g_array_append_val (with->ids, mention->id);
}

/**
 * sigla_entity_mentions_with_words:
 * @words: the words, whatever their case: "Filippov" finds "FILIPPOV" too
 *
 * Returns: (transfer full) (element-type gint64): the ids of @entity_id's
 *   mentions whose words are @words, in every document; %NULL on error
 */
GArray *
sigla_entity_mentions_with_words (SiglaProject  *project,
                                  gint64         entity_id,
                                  const char    *words,
                                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  WithWords with = { words, ids };

  if (!each_mention_words (project, entity_id, add_if_same_cb, &with, error))
    return NULL;
  return g_steal_pointer (&ids);
}

typedef struct
{
  GPtrArray  *groups;
  GHashTable *by_key;   /* casefolded words → SiglaEntityWords */
  GHashTable *seen;     /* "group document" pairs counted */
} Grouping;

static gboolean
is_capitals (const char *words)
{
  g_autofree char *upper = g_utf8_strup (words, -1);
  g_autofree char *lower = g_utf8_strdown (words, -1);

  return g_str_equal (upper, words) && !g_str_equal (lower, words);
}

static void
group_cb (const SiglaMention *mention,
          const char         *words,
          gpointer            data)
{
  Grouping *grouping = data;
  g_autofree char *key = g_utf8_casefold (words, -1);
  SiglaEntityWords *group = g_hash_table_lookup (grouping->by_key, key);
  char *pair;

  if (group == NULL)
    {
      group = g_new0 (SiglaEntityWords, 1);
      group->words = g_strdup (words);
      group->mention_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (grouping->groups, group);
      g_hash_table_insert (grouping->by_key, g_steal_pointer (&key), group);
    }
  /* The group is named as the text writes it but in capitals, where it can be. */
  else if (is_capitals (group->words) && !is_capitals (words))
    {
      g_free (group->words);
      group->words = g_strdup (words);
    }
  g_array_append_val (group->mention_ids, mention->id);
  pair = g_strdup_printf ("%p %" G_GINT64_FORMAT, (void *) group, mention->document_id);
  if (g_hash_table_add (grouping->seen, pair))
    group->n_documents++;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const SiglaEntityWords *x = *(SiglaEntityWords **) a, *y = *(SiglaEntityWords **) b;

  return (int) y->mention_ids->len - (int) x->mention_ids->len;
}

/**
 * sigla_entity_list_words:
 *
 * The words @entity_id's mentions are made of, each with its mentions:
 * what a split chooses from ("Filippov", 10 mentions in 5 documents;
 * "Stalin", 4 in 3). Words differing only in case are one.
 *
 * Returns: (transfer full) (element-type SiglaEntityWords): the most
 *   mentioned first; %NULL on error
 */
GPtrArray *
sigla_entity_list_words (SiglaProject  *project,
                         gint64         entity_id,
                         GError       **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_entity_words_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Grouping grouping = { groups, by_key, seen };

  if (!each_mention_words (project, entity_id, group_cb, &grouping, error))
    return NULL;
  g_ptr_array_sort (groups, compare_groups);
  return g_steal_pointer (&groups);
}

/* Takes the alias @name out of @entity; FALSE if it has none of that name. */
/* Takes the alias @name out of @entity, with its note and evidence. */
static SiglaAlias *
take_alias (SiglaEntity *entity,
            const char  *name)
{
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      SiglaAlias *alias = entity->aliases->pdata[i];

      if (g_str_equal (alias->name, name))
        return g_ptr_array_steal_index (entity->aliases, i);
    }
  return NULL;
}

static gboolean
move_mention (SiglaDb  *db,
              gint64    mention_id,
              gint64    from_id,
              gint64    into_id,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = sigla_db_prepare (db, "UPDATE mentions SET entity_id = ?3 "
                                                   "WHERE id = ?1 AND entity_id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mention_id);
  sqlite3_bind_int64 (stmt, 2, from_id);
  sqlite3_bind_int64 (stmt, 3, into_id);
  if (!sigla_db_run (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (sigla_db_get_handle (db)) == 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                   _("There is no mention %" G_GINT64_FORMAT " of this entity: nothing was split"), mention_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * sigla_entity_split:
 * @label: the new entity's name
 * @mention_ids: (element-type gint64): mentions of @entity_id that are to
 *   name the new entity
 * @aliases: (array zero-terminated=1) (nullable): names of @entity_id that
 *   go with them; the new name, if it was one of them, goes too
 * @new_id: (out) (optional): the new entity's id
 *
 * Makes a new entity of @entity_id's kind named @label, and moves the
 * chosen mentions and names to it, as one action that one undo takes back.
 * Claims, links and the rest stay with @entity_id. Nothing is changed if a
 * mention is not @entity_id's, or a name not one of its names.
 */
gboolean
sigla_entity_split (SiglaProject        *project,
                    gint64               entity_id,
                    const char          *label,
                    GArray              *mention_ids,
                    const char * const  *aliases,
                    gint64              *new_id,
                    GError             **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(SiglaEntity) from = sigla_entity_get (project, entity_id, error);
  g_autoptr(SiglaEntity) into = NULL;
  g_autofree char *action = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (label != NULL ? label : ""));
  g_autoptr(GHashTable) moved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (from == NULL)
    return FALSE;
  if (*stripped == '\0')
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Give the new entity split from “%s” a name"),
                   from->label);
      return FALSE;
    }

  label = stripped;
  into = sigla_entity_new (from->kind, label);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      SiglaAlias *alias = take_alias (from, aliases[i]);

      if (alias == NULL)
        {
          g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                       _("“%s” is not one of the other names of “%s”: nothing was split"), aliases[i], from->label);
          return FALSE;
        }
      if (!g_str_equal (aliases[i], label))
        g_ptr_array_add (into->aliases, alias);
      else
        sigla_entity_alias_free (alias);
    }
  /* The new name, if it was one of the old entity's, is the new one's alone. */
  sigla_entity_alias_free (take_alias (from, label));

  action = g_strdup_printf ("Split “%s” from “%s”", label, from->label);
  if (!sigla_project_begin_action (project, action, error))
    return FALSE;

  if (!sigla_entity_insert (project, into, error) || !sigla_entity_update (project, from, error))
    goto failed;
  for (guint i = 0; mention_ids != NULL && i < mention_ids->len; i++)
    {
      gint64 id = g_array_index (mention_ids, gint64, i);

      /* A mention chosen twice (by its id and by its words) moves once. */
      if (g_hash_table_add (moved, g_memdup2 (&id, sizeof id)) &&
          !move_mention (db, id, entity_id, into->id, error))
        goto failed;
    }

  sigla_project_note_change (project, SIGLA_CHANGE_MENTION, 0);
  if (!sigla_project_end_action (project, error))
    return FALSE;
  if (new_id != NULL)
    *new_id = into->id;
  return TRUE;

failed:
  sigla_project_abort_action (project);
  return FALSE;
}
