/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-tally.c: the people, places and organisations named in a document (or the whole
 * project), each with how often: three list models, one a kind, sorted by name, that follow the
 * project's "changed" signal. A tag or an undo counts in place what it changed; rows keep their
 * objects, so a list view redraws only what is new. */

#define G_LOG_DOMAIN "sigla-model"

#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-entity-tally.h"
#include "sigla-mark.h"
#include "sigla-mention.h"
#include "sigla-model-util.h"

/* -- an entity's row ------------------------------------------------------- */

struct _SiglaEntityItem
{
  GObject    parent_instance;

  gint64     id;
  SiglaKind  kind;
  char      *label;
  GStrv      aliases;
  guint      count;
};

G_DEFINE_FINAL_TYPE (SiglaEntityItem, sigla_entity_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_LABEL,
  ITEM_PROP_ALIASES,
  ITEM_PROP_COUNT,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
sigla_entity_item_finalize (GObject *object)
{
  SiglaEntityItem *self = SIGLA_ENTITY_ITEM (object);

  g_free (self->label);
  g_strfreev (self->aliases);

  G_OBJECT_CLASS (sigla_entity_item_parent_class)->finalize (object);
}

static void
sigla_entity_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SiglaEntityItem *self = SIGLA_ENTITY_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ITEM_PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case ITEM_PROP_ALIASES:
      g_value_set_boxed (value, self->aliases);
      break;
    case ITEM_PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sigla_entity_item_class_init (SiglaEntityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sigla_entity_item_finalize;
  object_class->get_property = sigla_entity_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ALIASES] =
    g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
sigla_entity_item_init (SiglaEntityItem *self)
{
}

/* Its name and other names as the project has them now; notified only if they changed. */
static void
item_set_names (SiglaEntityItem   *self,
                const SiglaEntity *entity)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) aliases = NULL;

  for (guint i = 0; i < entity->aliases->len; i++)
    g_strv_builder_add (builder, ((SiglaAlias *) entity->aliases->pdata[i])->name);
  aliases = g_strv_builder_end (builder);

  self->kind = entity->kind;
  if (g_strcmp0 (self->label, entity->label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (entity->label);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_LABEL]);
    }
  if (self->aliases == NULL || !g_strv_equal ((const char * const *) self->aliases, (const char * const *) aliases))
    {
      g_strfreev (self->aliases);
      self->aliases = g_steal_pointer (&aliases);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_ALIASES]);
    }
}

static void
item_set_count (SiglaEntityItem *self,
                guint            count)
{
  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_COUNT]);
}

gint64
sigla_entity_item_get_id (SiglaEntityItem *self)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_ITEM (self), 0);
  return self->id;
}

const char *
sigla_entity_item_get_label (SiglaEntityItem *self)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_ITEM (self), NULL);
  return self->label;
}

const char * const *
sigla_entity_item_get_aliases (SiglaEntityItem *self)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_ITEM (self), NULL);
  return (const char * const *) self->aliases;
}

guint
sigla_entity_item_get_count (SiglaEntityItem *self)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_ITEM (self), 0);
  return self->count;
}

/* -- the tally -------------------------------------------------------------- */

#define N_NAMED_KINDS SIGLA_KIND_DATE

struct _SiglaEntityTally
{
  GObject           parent_instance;

  SiglaProject     *project;
  gint64            document;              /* SIGLA_SCOPE_PROJECT, _NONE, or a document */
  GListStore       *stores[N_NAMED_KINDS];
  GHashTable       *items;                 /* entity id → SiglaEntityItem listed */
  GArray           *named;                 /* SiglaNamed in scope, by mention id */
  SiglaChangeQueue  queue;
};

G_DEFINE_FINAL_TYPE (SiglaEntityTally, sigla_entity_tally, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* As the project lists entities: by name (SQLite's NOCASE folds ASCII only), then by id. */
static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SiglaEntityItem *x = a, *y = b;
  int order = g_ascii_strcasecmp (x->label, y->label);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

static void
fail (SiglaEntityTally *self,
      const GError     *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* Reads the scope's entities and counts again, keeping the rows that stay. */
static gboolean
reload (SiglaEntityTally  *self,
        GError           **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr(GArray) named = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  GPtrArray *listed[N_NAMED_KINDS];

  if (self->project != NULL && self->document != SIGLA_SCOPE_NONE &&
      ((named = sigla_mention_list_named (self->project, self->document, error)) == NULL ||
       (entities = sigla_entity_list (self->project, error)) == NULL))
    return FALSE;
  if (named == NULL)
    named = g_array_new (FALSE, FALSE, sizeof (SiglaNamed));

  for (guint i = 0; i < named->len; i++)
    {
      gint64 *entity = &g_array_index (named, SiglaNamed, i).entity_id;

      g_hash_table_insert (counts, entity,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, entity)) + 1));
    }

  for (guint k = 0; k < N_NAMED_KINDS; k++)
    listed[k] = g_ptr_array_new ();
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      const SiglaEntity *entity = entities->pdata[i];
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &entity->id));
      SiglaEntityItem *item;

      if (count == 0 || entity->kind >= N_NAMED_KINDS)
        continue;
      item = g_hash_table_lookup (self->items, &entity->id);
      item = item != NULL ? g_object_ref (item) : g_object_new (SIGLA_TYPE_ENTITY_ITEM, NULL);
      item->id = entity->id;
      item_set_names (item, entity);
      item_set_count (item, count);
      g_hash_table_insert (items, &item->id, item);
      g_ptr_array_add (listed[entity->kind], item);
    }

  g_clear_pointer (&self->items, g_hash_table_unref);
  self->items = g_steal_pointer (&items);
  g_clear_pointer (&self->named, g_array_unref);
  self->named = g_steal_pointer (&named);
  for (guint k = 0; k < N_NAMED_KINDS; k++)
    {
      sigla_list_store_replace (self->stores[k], listed[k]);
      g_ptr_array_unref (listed[k]);
    }
  return TRUE;
}

/* Where mention @id is, or would go, in the scope's mentions. */
static gboolean
find_named (SiglaEntityTally *self,
            gint64            id,
            guint            *position)
{
  guint low = 0, high = self->named->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      gint64 at = g_array_index (self->named, SiglaNamed, middle).mention_id;

      if (at == id)
        {
          *position = middle;
          return TRUE;
        }
      if (at < id)
        low = middle + 1;
      else
        high = middle;
    }
  *position = low;
  return FALSE;
}

static gboolean
find_item (SiglaEntityTally *self,
           SiglaEntityItem  *item,
           guint            *position)
{
  return g_list_store_find (self->stores[item->kind], item, position);
}

/* One mention more (@delta 1) or fewer (-1) of @entity_id. */
static gboolean
count (SiglaEntityTally  *self,
       gint64             entity_id,
       int                delta,
       GError           **error)
{
  SiglaEntityItem *item = g_hash_table_lookup (self->items, &entity_id);
  g_autoptr(SiglaEntity) entity = NULL;
  guint position;

  if (item != NULL)
    {
      if (item->count + delta > 0)
        {
          item_set_count (item, item->count + delta);
          return TRUE;
        }
      if (find_item (self, item, &position))
        g_list_store_remove (self->stores[item->kind], position);
      g_hash_table_remove (self->items, &entity_id);
      return TRUE;
    }
  if (delta < 0)
    return TRUE;

  entity = sigla_entity_get (self->project, entity_id, error);
  if (entity == NULL)
    return FALSE;
  if (entity->kind >= N_NAMED_KINDS)
    return TRUE;
  item = g_object_new (SIGLA_TYPE_ENTITY_ITEM, NULL);
  item->id = entity->id;
  item_set_names (item, entity);
  item->count = 1;
  g_hash_table_insert (self->items, &item->id, item);
  g_list_store_insert_sorted (self->stores[item->kind], item, compare_items, NULL);
  return TRUE;
}

/* A mention added, changed or gone: what it named before, out; what it names now, in. */
static gboolean
take_mention (SiglaEntityTally  *self,
              gint64             id,
              GError           **error)
{
  g_auto(SiglaMark) now = { 0 };
  g_autoptr(GError) local_error = NULL;
  gint64 before = 0, after = 0;
  guint position;
  gboolean listed = find_named (self, id, &position);

  if (listed)
    before = g_array_index (self->named, SiglaNamed, position).entity_id;
  if (sigla_mark_get (self->project, FALSE, id, &now, &local_error))
    {
      if (now.kind < N_NAMED_KINDS && now.entity_id != 0 &&
          (self->document == SIGLA_SCOPE_PROJECT || now.document_id == self->document))
        after = now.entity_id;
    }
  else if (!g_error_matches (local_error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (before == after)
    return TRUE;
  if (listed && after == 0)
    g_array_remove_index (self->named, position);
  else if (listed)
    g_array_index (self->named, SiglaNamed, position).entity_id = after;
  else
    {
      SiglaNamed one = { id, after };

      g_array_insert_val (self->named, position, one);
    }
  return (before == 0 || count (self, before, -1, error)) && (after == 0 || count (self, after, 1, error));
}

/* An entity renamed, or given other names: its row says so, in its place by name. */
static gboolean
take_entity (SiglaEntityTally  *self,
             gint64             id,
             GError           **error)
{
  SiglaEntityItem *item = g_hash_table_lookup (self->items, &id);
  g_autoptr(SiglaEntity) entity = NULL;
  guint position;

  if (item == NULL)
    return TRUE;
  entity = sigla_entity_get (self->project, id, error);
  if (entity == NULL)
    return FALSE;
  if (g_strcmp0 (item->label, entity->label) == 0)
    {
      item_set_names (item, entity);
      return TRUE;
    }

  g_object_ref (item);
  if (find_item (self, item, &position))
    g_list_store_remove (self->stores[item->kind], position);
  item_set_names (item, entity);
  g_list_store_insert_sorted (self->stores[item->kind], item, compare_items, NULL);
  g_object_unref (item);
  return TRUE;
}

static void
flush (gpointer      owner,
       gboolean      again,
       const GArray *notes)
{
  SiglaEntityTally *self = owner;
  g_autoptr(GError) error = NULL;
  gboolean taken = !again;

  for (guint i = 0; taken && i < notes->len; i++)
    {
      const SiglaChangeNote *note = &g_array_index (notes, SiglaChangeNote, i);

      taken = note->change == SIGLA_CHANGE_MENTION ? take_mention (self, note->id, &error)
                                                   : take_entity (self, note->id, &error);
    }
  /* One by one failed (a read refused): all again, and if that fails too, it is said. */
  g_clear_error (&error);
  if (!taken && !reload (self, &error))
    fail (self, error);
}

/**
 * sigla_entity_tally_set_scope:
 * @project: (nullable): the project, or %NULL for empty lists
 * @document_id: a document, %SIGLA_SCOPE_PROJECT or %SIGLA_SCOPE_NONE
 *
 * Counts the names in @document_id, and follows @project's changes to it.
 *
 * Returns: FALSE if the project could not be read; the lists are then empty
 */
gboolean
sigla_entity_tally_set_scope (SiglaEntityTally  *self,
                              SiglaProject      *project,
                              gint64             document_id,
                              GError           **error)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_TALLY (self), FALSE);

  sigla_change_queue_watch (&self->queue, project);
  g_set_object (&self->project, project);
  self->document = document_id;
  if (reload (self, error))
    return TRUE;

  self->document = SIGLA_SCOPE_NONE;
  reload (self, NULL);
  return FALSE;
}

/**
 * sigla_entity_tally_get_model:
 * @kind: a person, a place or an organisation
 *
 * Returns: (transfer none): the entities of @kind named in the scope, by
 *   name, each a #SiglaEntityItem
 */
GListModel *
sigla_entity_tally_get_model (SiglaEntityTally *self,
                              SiglaKind         kind)
{
  g_return_val_if_fail (SIGLA_IS_ENTITY_TALLY (self) && kind < N_NAMED_KINDS, NULL);
  return G_LIST_MODEL (self->stores[kind]);
}

/* Which list holds @entity_id, and where. */
gboolean
sigla_entity_tally_find (SiglaEntityTally *self,
                         gint64            entity_id,
                         SiglaKind        *kind,
                         guint            *position)
{
  SiglaEntityItem *item;

  g_return_val_if_fail (SIGLA_IS_ENTITY_TALLY (self), FALSE);

  sigla_change_queue_flush (&self->queue);
  item = g_hash_table_lookup (self->items, &entity_id);
  if (item == NULL || !find_item (self, item, position))
    return FALSE;
  *kind = item->kind;
  return TRUE;
}

static void
sigla_entity_tally_dispose (GObject *object)
{
  SiglaEntityTally *self = SIGLA_ENTITY_TALLY (object);

  sigla_change_queue_watch (&self->queue, NULL);
  g_clear_object (&self->project);
  for (guint k = 0; k < N_NAMED_KINDS; k++)
    g_clear_object (&self->stores[k]);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (sigla_entity_tally_parent_class)->dispose (object);
}

static void
sigla_entity_tally_finalize (GObject *object)
{
  SiglaEntityTally *self = SIGLA_ENTITY_TALLY (object);

  sigla_change_queue_clear (&self->queue);
  g_clear_pointer (&self->named, g_array_unref);

  G_OBJECT_CLASS (sigla_entity_tally_parent_class)->finalize (object);
}

static void
sigla_entity_tally_class_init (SiglaEntityTallyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sigla_entity_tally_dispose;
  object_class->finalize = sigla_entity_tally_finalize;

  /**
   * SiglaEntityTally::failed:
   * @error: why the lists could not follow a change; they stay as they were
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sigla_entity_tally_init (SiglaEntityTally *self)
{
  self->document = SIGLA_SCOPE_NONE;
  for (guint k = 0; k < N_NAMED_KINDS; k++)
    self->stores[k] = g_list_store_new (SIGLA_TYPE_ENTITY_ITEM);
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  self->named = g_array_new (FALSE, FALSE, sizeof (SiglaNamed));
  sigla_change_queue_init (&self->queue,
                           1u << SIGLA_CHANGE_MENTION | 1u << SIGLA_CHANGE_ENTITY | 1u << SIGLA_CHANGE_DOCUMENT,
                           flush, self);
}

SiglaEntityTally *
sigla_entity_tally_new (void)
{
  return g_object_new (SIGLA_TYPE_ENTITY_TALLY, NULL);
}
