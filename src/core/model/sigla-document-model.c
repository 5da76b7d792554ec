/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-model.c: the project's documents, by date or by title: a list model that follows
 * the project's "changed" signal as documents come and go; a document that did not change keeps
 * its row. */

#define G_LOG_DOMAIN "sigla-model"

#include "sigla-document.h"
#include "sigla-document-model.h"
#include "sigla-model-util.h"

/* -- a document's row ---------------------------------------------------------- */

struct _SiglaDocumentItem
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  char    *date;
  char    *sender;
  char    *addressee;
};

G_DEFINE_FINAL_TYPE (SiglaDocumentItem, sigla_document_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_TITLE,
  ITEM_PROP_DATE,
  ITEM_PROP_SENDER,
  ITEM_PROP_ADDRESSEE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
sigla_document_item_finalize (GObject *object)
{
  SiglaDocumentItem *self = SIGLA_DOCUMENT_ITEM (object);

  g_free (self->title);
  g_free (self->date);
  g_free (self->sender);
  g_free (self->addressee);

  G_OBJECT_CLASS (sigla_document_item_parent_class)->finalize (object);
}

static void
sigla_document_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SiglaDocumentItem *self = SIGLA_DOCUMENT_ITEM (object);
  const char *values[ITEM_N_PROPS] = { NULL, self->title, self->date, self->sender, self->addressee };

  if (prop_id == 0 || prop_id >= ITEM_N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_string (value, values[prop_id]);
}

static void
sigla_document_item_class_init (SiglaDocumentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[ITEM_N_PROPS] = { NULL, "title", "date", "sender", "addressee" };

  object_class->finalize = sigla_document_item_finalize;
  object_class->get_property = sigla_document_item_get_property;

  for (guint i = 1; i < ITEM_N_PROPS; i++)
    item_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
sigla_document_item_init (SiglaDocumentItem *self)
{
}

static gboolean
item_shows (const SiglaDocumentItem *item,
            const SiglaDocument     *document)
{
  return g_strcmp0 (item->title, document->title) == 0 && g_strcmp0 (item->date, document->date) == 0 &&
         g_strcmp0 (item->sender, document->sender) == 0 && g_strcmp0 (item->addressee, document->addressee) == 0;
}

static SiglaDocumentItem *
document_item_new (const SiglaDocument *document)
{
  SiglaDocumentItem *self = g_object_new (SIGLA_TYPE_DOCUMENT_ITEM, NULL);

  self->id = document->id;
  self->title = g_strdup (document->title);
  self->date = g_strdup (document->date);
  self->sender = g_strdup (document->sender);
  self->addressee = g_strdup (document->addressee);
  return self;
}

gint64
sigla_document_item_get_id (SiglaDocumentItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_ITEM (self), 0);
  return self->id;
}

const char *
sigla_document_item_get_title (SiglaDocumentItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_ITEM (self), NULL);
  return self->title;
}

const char *
sigla_document_item_get_date (SiglaDocumentItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_ITEM (self), NULL);
  return self->date;
}

const char *
sigla_document_item_get_sender (SiglaDocumentItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_ITEM (self), NULL);
  return self->sender;
}

const char *
sigla_document_item_get_addressee (SiglaDocumentItem *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_ITEM (self), NULL);
  return self->addressee;
}

/* -- the model ---------------------------------------------------------------- */

struct _SiglaDocumentModel
{
  GObject             parent_instance;

  SiglaProject       *project;
  SiglaDocumentOrder  order;
  GListStore         *store;
  GHashTable         *items;   /* document id → SiglaDocumentItem listed */
  SiglaChangeQueue    queue;
};

G_DEFINE_FINAL_TYPE (SiglaDocumentModel, sigla_document_model, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SiglaDocumentItem *x = *(SiglaDocumentItem * const *) a, *y = *(SiglaDocumentItem * const *) b;
  SiglaDocumentOrder order = GPOINTER_TO_INT (user_data);
  int by;

  if (order == SIGLA_DOCUMENT_ORDER_TITLE)
    by = g_utf8_collate (x->title, y->title);
  else if ((x->date == NULL) != (y->date == NULL))
    by = x->date == NULL ? 1 : -1;
  else
    by = g_strcmp0 (x->date, y->date);
  return by != 0 ? by : (x->id > y->id) - (x->id < y->id);
}

/**
 * sigla_document_model_reload:
 *
 * Reads the documents again: what another connection (an import in a
 * thread, another program) added or changed, which the project's signal
 * does not tell.
 */
gboolean
sigla_document_model_reload (SiglaDocumentModel  *self,
                             GError             **error)
{
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_MODEL (self), FALSE);

  if (self->project != NULL && (documents = sigla_document_list (self->project, error)) == NULL)
    return FALSE;

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      const SiglaDocument *document = documents->pdata[i];
      SiglaDocumentItem *item = g_hash_table_lookup (self->items, &document->id);

      item = item != NULL && item_shows (item, document) ? g_object_ref (item) : document_item_new (document);
      g_hash_table_insert (items, &item->id, item);
      g_ptr_array_add (listed, item);
    }
  g_ptr_array_sort_with_data (listed, compare_items, GINT_TO_POINTER (self->order));

  g_clear_pointer (&self->items, g_hash_table_unref);
  self->items = g_steal_pointer (&items);
  sigla_list_store_replace (self->store, listed);
  return TRUE;
}

static void
flush (gpointer      owner,
       gboolean      again,
       const GArray *notes)
{
  SiglaDocumentModel *self = owner;
  g_autoptr(GError) error = NULL;

  if (!sigla_document_model_reload (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

/**
 * sigla_document_model_set_project:
 * @project: (nullable): the project, or %NULL for an empty list
 *
 * Returns: FALSE if the project could not be read; the list is then empty
 */
gboolean
sigla_document_model_set_project (SiglaDocumentModel  *self,
                                  SiglaProject        *project,
                                  GError             **error)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_MODEL (self), FALSE);

  sigla_change_queue_watch (&self->queue, project);
  g_set_object (&self->project, project);
  if (sigla_document_model_reload (self, error))
    return TRUE;

  g_clear_object (&self->project);
  sigla_change_queue_watch (&self->queue, NULL);
  sigla_document_model_reload (self, NULL);
  return FALSE;
}

gboolean
sigla_document_model_set_order (SiglaDocumentModel  *self,
                                SiglaDocumentOrder   order,
                                GError             **error)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_MODEL (self), FALSE);

  self->order = order;
  return sigla_document_model_reload (self, error);
}

/**
 * sigla_document_model_get_model:
 *
 * Returns: (transfer none): the documents, each a #SiglaDocumentItem
 */
GListModel *
sigla_document_model_get_model (SiglaDocumentModel *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_MODEL (self), NULL);
  return G_LIST_MODEL (self->store);
}

/* Where @document_id is listed. */
gboolean
sigla_document_model_find (SiglaDocumentModel *self,
                           gint64              document_id,
                           guint              *position)
{
  SiglaDocumentItem *item;

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_MODEL (self), FALSE);

  sigla_change_queue_flush (&self->queue);
  item = g_hash_table_lookup (self->items, &document_id);
  return item != NULL && g_list_store_find (self->store, item, position);
}

static void
sigla_document_model_dispose (GObject *object)
{
  SiglaDocumentModel *self = SIGLA_DOCUMENT_MODEL (object);

  sigla_change_queue_watch (&self->queue, NULL);
  g_clear_object (&self->project);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (sigla_document_model_parent_class)->dispose (object);
}

static void
sigla_document_model_finalize (GObject *object)
{
  sigla_change_queue_clear (&SIGLA_DOCUMENT_MODEL (object)->queue);
  G_OBJECT_CLASS (sigla_document_model_parent_class)->finalize (object);
}

static void
sigla_document_model_class_init (SiglaDocumentModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sigla_document_model_dispose;
  object_class->finalize = sigla_document_model_finalize;

  /**
   * SiglaDocumentModel::failed:
   * @error: why the list could not follow a change; it stays as it was
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sigla_document_model_init (SiglaDocumentModel *self)
{
  self->store = g_list_store_new (SIGLA_TYPE_DOCUMENT_ITEM);
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  sigla_change_queue_init (&self->queue, 1u << SIGLA_CHANGE_DOCUMENT, flush, self);
}

SiglaDocumentModel *
sigla_document_model_new (void)
{
  return g_object_new (SIGLA_TYPE_DOCUMENT_MODEL, NULL);
}
