/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-date-model.c: the dates tagged in a document (or the whole project), in text order: a
 * list model that follows the project's "changed" signal, a tag or an undo moving only the date
 * it changed. */

#define G_LOG_DOMAIN "sigla-model"

#include "sigla-date-model.h"
#include "sigla-error.h"
#include "sigla-mark.h"
#include "sigla-model-util.h"

/* -- a date's row ---------------------------------------------------------- */

struct _SiglaDateItem
{
  GObject  parent_instance;

  gint64   id;
  gint64   document;
  gint64   start;
  gint64   end;
  char    *when;   /* the ISO value, or NULL */
};

G_DEFINE_FINAL_TYPE (SiglaDateItem, sigla_date_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_WHEN,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
sigla_date_item_finalize (GObject *object)
{
  g_free (SIGLA_DATE_ITEM (object)->when);
  G_OBJECT_CLASS (sigla_date_item_parent_class)->finalize (object);
}

static void
sigla_date_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ITEM_PROP_WHEN:
      g_value_set_string (value, SIGLA_DATE_ITEM (object)->when);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sigla_date_item_class_init (SiglaDateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sigla_date_item_finalize;
  object_class->get_property = sigla_date_item_get_property;

  item_properties[ITEM_PROP_WHEN] =
    g_param_spec_string ("when", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
sigla_date_item_init (SiglaDateItem *self)
{
}

static SiglaDateItem *
date_item_new (const SiglaMark *mark)
{
  SiglaDateItem *self = g_object_new (SIGLA_TYPE_DATE_ITEM, NULL);

  self->id = mark->id;
  self->document = mark->document_id;
  self->start = mark->start;
  self->end = mark->end;
  self->when = g_strdup (mark->when);
  return self;
}

gint64
sigla_date_item_get_id (SiglaDateItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DATE_ITEM (self), 0);
  return self->id;
}

gint64
sigla_date_item_get_document (SiglaDateItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DATE_ITEM (self), 0);
  return self->document;
}

gint64
sigla_date_item_get_start (SiglaDateItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DATE_ITEM (self), 0);
  return self->start;
}

gint64
sigla_date_item_get_end (SiglaDateItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DATE_ITEM (self), 0);
  return self->end;
}

const char *
sigla_date_item_get_when (SiglaDateItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DATE_ITEM (self), NULL);
  return self->when;
}

/* -- the list --------------------------------------------------------------- */

struct _SiglaDateModel
{
  GObject           parent_instance;

  SiglaProject     *project;
  gint64            document;   /* SIGLA_SCOPE_PROJECT, _NONE, or a document */
  GListStore       *store;
  GHashTable       *items;      /* mention id → SiglaDateItem listed */
  SiglaChangeQueue  queue;
};

G_DEFINE_FINAL_TYPE (SiglaDateModel, sigla_date_model, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In text order, as the project lists dates: document, start, the longer first, id. */
static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SiglaDateItem *x = a, *y = b;
  gint64 keys[2][4] = { { x->document, x->start, -x->end, x->id }, { y->document, y->start, -y->end, y->id } };

  for (guint k = 0; k < 4; k++)
    if (keys[0][k] != keys[1][k])
      return keys[0][k] < keys[1][k] ? -1 : 1;
  return 0;
}

static gboolean
reload (SiglaDateModel  *self,
        GError        **error)
{
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();

  if (self->project != NULL && self->document != SIGLA_SCOPE_NONE &&
      (dates = sigla_mention_list_dates (self->project, self->document, error)) == NULL)
    return FALSE;

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      const SiglaMention *date = dates->pdata[i];
      SiglaDateItem *item = g_hash_table_lookup (self->items, &date->id);

      /* The same date, the same row: a list view need not build it again. */
      if (item != NULL && item->document == date->document_id && item->start == date->start &&
          item->end == date->end && g_strcmp0 (item->when, date->when) == 0)
        g_object_ref (item);
      else
        {
          g_auto(SiglaMark) mark = sigla_mark_from_mention (date);

          item = date_item_new (&mark);
        }
      g_hash_table_insert (items, &item->id, item);
      g_ptr_array_add (listed, item);
    }

  g_clear_pointer (&self->items, g_hash_table_unref);
  self->items = g_steal_pointer (&items);
  sigla_list_store_replace (self->store, listed);
  return TRUE;
}

/* A mention added, changed or gone: its date out of its old place, into its new. */
static gboolean
take_mention (SiglaDateModel  *self,
              gint64          id,
              GError        **error)
{
  SiglaDateItem *item = g_hash_table_lookup (self->items, &id);
  g_auto(SiglaMark) now = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean dated = FALSE;
  guint position;

  if (sigla_mark_get (self->project, FALSE, id, &now, &local_error))
    dated = now.kind == SIGLA_KIND_DATE &&
            (self->document == SIGLA_SCOPE_PROJECT || now.document_id == self->document);
  else if (!g_error_matches (local_error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (item != NULL)
    {
      if (g_list_store_find (self->store, item, &position))
        g_list_store_remove (self->store, position);
      g_hash_table_remove (self->items, &id);
    }
  if (dated)
    {
      item = date_item_new (&now);
      g_hash_table_insert (self->items, &item->id, item);
      g_list_store_insert_sorted (self->store, item, compare_items, NULL);
    }
  return TRUE;
}

static void
flush (gpointer      owner,
       gboolean      again,
       const GArray *notes)
{
  SiglaDateModel *self = owner;
  g_autoptr(GError) error = NULL;
  gboolean taken = !again;

  for (guint i = 0; taken && i < notes->len; i++)
    taken = take_mention (self, g_array_index (notes, SiglaChangeNote, i).id, &error);
  g_clear_error (&error);
  if (!taken && !reload (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

/**
 * sigla_date_model_set_scope:
 * @project: (nullable): the project, or %NULL for an empty list
 * @document_id: a document, %SIGLA_SCOPE_PROJECT or %SIGLA_SCOPE_NONE
 *
 * Returns: FALSE if the project could not be read; the list is then empty
 */
gboolean
sigla_date_model_set_scope (SiglaDateModel  *self,
                           SiglaProject   *project,
                           gint64          document_id,
                           GError        **error)
{
  g_return_val_if_fail (SIGLA_IS_DATE_MODEL (self), FALSE);

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
 * sigla_date_model_get_model:
 *
 * Returns: (transfer none): the dates, each a #SiglaDateItem
 */
GListModel *
sigla_date_model_get_model (SiglaDateModel *self)
{
  g_return_val_if_fail (SIGLA_IS_DATE_MODEL (self), NULL);
  return G_LIST_MODEL (self->store);
}

static void
sigla_date_model_dispose (GObject *object)
{
  SiglaDateModel *self = SIGLA_DATE_MODEL (object);

  sigla_change_queue_watch (&self->queue, NULL);
  g_clear_object (&self->project);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (sigla_date_model_parent_class)->dispose (object);
}

static void
sigla_date_model_finalize (GObject *object)
{
  sigla_change_queue_clear (&SIGLA_DATE_MODEL (object)->queue);
  G_OBJECT_CLASS (sigla_date_model_parent_class)->finalize (object);
}

static void
sigla_date_model_class_init (SiglaDateModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sigla_date_model_dispose;
  object_class->finalize = sigla_date_model_finalize;

  /**
   * SiglaDateModel::failed:
   * @error: why the list could not follow a change; it stays as it was
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sigla_date_model_init (SiglaDateModel *self)
{
  self->document = SIGLA_SCOPE_NONE;
  self->store = g_list_store_new (SIGLA_TYPE_DATE_ITEM);
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  sigla_change_queue_init (&self->queue, 1u << SIGLA_CHANGE_MENTION | 1u << SIGLA_CHANGE_DOCUMENT, flush, self);
}

SiglaDateModel *
sigla_date_model_new (void)
{
  return g_object_new (SIGLA_TYPE_DATE_MODEL, NULL);
}
