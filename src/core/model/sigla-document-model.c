/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-model.c: the project's documents, by date or by title: a list model that follows
 * the project's "changed" signal as documents come and go; a document that did not change keeps
 * its row. Lazy, for a project of 100,000 documents: it holds every id in order, and makes a
 * row only when a list asks for it (a page at a time, a few thousand at most kept). */

#define G_LOG_DOMAIN "sigla-model"

#include "sigla-document.h"
#include "sigla-document-model.h"

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

#define PAGE 128          /* rows read together, around the one a list asks for */
#define CACHE_MAX 4096    /* rows kept made; past that, those the list still holds live on */

struct _SiglaDocumentModel
{
  GObject             parent_instance;

  SiglaProject       *project;
  SiglaDocumentOrder  order;
  GArray             *ids;     /* gint64: every document, in the order shown */
  GHashTable         *items;   /* document id → SiglaDocumentItem made so far */
  SiglaChangeQueue    queue;
};

static void sigla_document_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SiglaDocumentModel, sigla_document_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sigla_document_model_list_init))

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Makes the rows of @ids that are not made yet. */
static gboolean
read_rows (SiglaDocumentModel  *self,
           const gint64        *ids,
           guint                n,
           GError             **error)
{
  g_autoptr(GPtrArray) documents = sigla_document_list_some (self->project, ids, n, error);

  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      const SiglaDocument *document = documents->pdata[i];

      if (!g_hash_table_contains (self->items, &document->id))
        {
          SiglaDocumentItem *item = document_item_new (document);

          g_hash_table_insert (self->items, &item->id, item);
        }
    }
  return TRUE;
}

/* Past CACHE_MAX rows made: those no list holds any more are let go. Those
 * it holds stay, so that a change to their document is still told. */
static void
forget_rows (SiglaDocumentModel *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    if (G_OBJECT (item)->ref_count == 1)
      g_hash_table_iter_remove (&iter);
}

static GType
get_item_type (GListModel *list)
{
  return SIGLA_TYPE_DOCUMENT_ITEM;
}

static guint
get_n_items (GListModel *list)
{
  return SIGLA_DOCUMENT_MODEL (list)->ids->len;
}

/* A row is read when a list first asks for it, with the page around it. */
static gpointer
get_item (GListModel *list,
          guint       position)
{
  SiglaDocumentModel *self = SIGLA_DOCUMENT_MODEL (list);
  g_autoptr(GError) error = NULL;
  SiglaDocumentItem *item;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  item = g_hash_table_lookup (self->items, &id);
  if (item == NULL)
    {
      guint first = position - position % PAGE;

      if (g_hash_table_size (self->items) + PAGE > CACHE_MAX)
        forget_rows (self);
      if (!read_rows (self, &g_array_index (self->ids, gint64, first), MIN (PAGE, self->ids->len - first), &error))
        g_signal_emit (self, signals[FAILED], 0, error);
      item = g_hash_table_lookup (self->items, &id);
    }
  if (item == NULL)
    {
      /* Not there (gone since, or unreadable): a row of its own, which the next change replaces. */
      item = g_object_new (SIGLA_TYPE_DOCUMENT_ITEM, NULL);
      item->id = id;
      item->title = g_strdup ("");
      return item;
    }
  return g_object_ref (item);
}

static void
sigla_document_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* The rows made so far read again: those whose document changed are made
 * anew and returned, those gone forgotten, the others kept as they are. */
static GHashTable *
refresh_rows (SiglaDocumentModel  *self,
              GError             **error)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) made = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (made, *(gint64 *) key);

  for (guint first = 0; first < made->len; first += PAGE)
    {
      guint n = MIN (PAGE, made->len - first);
      g_autoptr(GPtrArray) documents = sigla_document_list_some (self->project, &g_array_index (made, gint64, first),
                                                                 n, error);

      if (documents == NULL)
        return NULL;
      for (guint i = 0; i < documents->len; i++)
        {
          const SiglaDocument *document = documents->pdata[i];
          SiglaDocumentItem *item = g_hash_table_lookup (self->items, &document->id);

          if (item_shows (item, document))
            item = g_object_ref (item);
          else
            {
              item = document_item_new (document);
              g_hash_table_add (changed, &item->id);
            }
          g_hash_table_insert (items, &item->id, item);
        }
    }

  g_hash_table_unref (self->items);
  self->items = g_steal_pointer (&items);
  return g_steal_pointer (&changed);
}

/* The ids read again, and the list told what changed: the rows between
 * what stayed at its start and at its end, and rows in place whose document
 * reads otherwise; all of them for @another_project. */
static gboolean
reload (SiglaDocumentModel  *self,
        gboolean             another_project,
        GError             **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) old = NULL;
  g_autoptr(GHashTable) changed = NULL;
  guint prefix = 0, suffix = 0;

  if (self->project == NULL)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_remove_all (self->items);
      changed = g_hash_table_new (g_int64_hash, g_int64_equal);
    }
  else if ((ids = sigla_document_list_order (self->project, self->order == SIGLA_DOCUMENT_ORDER_TITLE, error)) == NULL ||
           (changed = refresh_rows (self, error)) == NULL)
    return FALSE;

  old = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&ids);

  /* Another project's documents: every row is another, whatever its id. */
  if (another_project)
    {
      if (old->len > 0 || self->ids->len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, self->ids->len);
      return TRUE;
    }

  /* What came, went or moved lies between what stayed at the start and at the end. */
  while (prefix < old->len && prefix < self->ids->len &&
         g_array_index (old, gint64, prefix) == g_array_index (self->ids, gint64, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < self->ids->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) == g_array_index (self->ids, gint64, self->ids->len - 1 - suffix))
    suffix++;
  if (old->len != prefix + suffix || self->ids->len != prefix + suffix)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                self->ids->len - prefix - suffix);

  /* A document that stayed in place but reads otherwise: its row anew. */
  for (guint i = 0; i < self->ids->len && g_hash_table_size (changed) > 0; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if ((i < prefix || i >= self->ids->len - suffix) && g_hash_table_contains (changed, &id))
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }
  return TRUE;
}

/**
 * sigla_document_model_reload:
 *
 * Reads the documents again: what another connection (an import in a
 * thread, another program) added or changed, which the project's signal
 * does not tell. Only the ids of all are read; the rows a list asks for
 * then, and those it had and which did not change stay the same objects.
 */
gboolean
sigla_document_model_reload (SiglaDocumentModel  *self,
                             GError             **error)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_MODEL (self), FALSE);

  return reload (self, FALSE, error);
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

  /* The same project again: read again, rows kept where they did not change. */
  if (project == self->project)
    return reload (self, FALSE, error);

  sigla_change_queue_watch (&self->queue, project);
  g_hash_table_remove_all (self->items);
  g_set_object (&self->project, project);
  if (reload (self, TRUE, error))
    return TRUE;

  g_clear_object (&self->project);
  sigla_change_queue_watch (&self->queue, NULL);
  reload (self, TRUE, NULL);
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
  return G_LIST_MODEL (self);
}

/* Where @document_id is listed. */
gboolean
sigla_document_model_find (SiglaDocumentModel *self,
                           gint64              document_id,
                           guint              *position)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_MODEL (self), FALSE);

  sigla_change_queue_flush (&self->queue);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == document_id)
      {
        *position = i;
        return TRUE;
      }
  return FALSE;
}

static void
sigla_document_model_dispose (GObject *object)
{
  SiglaDocumentModel *self = SIGLA_DOCUMENT_MODEL (object);

  sigla_change_queue_watch (&self->queue, NULL);
  g_clear_object (&self->project);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (sigla_document_model_parent_class)->dispose (object);
}

static void
sigla_document_model_finalize (GObject *object)
{
  SiglaDocumentModel *self = SIGLA_DOCUMENT_MODEL (object);

  sigla_change_queue_clear (&self->queue);
  g_array_unref (self->ids);
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
   * @error: why the list could not follow a change, or read a row
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sigla_document_model_init (SiglaDocumentModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  sigla_change_queue_init (&self->queue, 1u << SIGLA_CHANGE_DOCUMENT, flush, self);
}

SiglaDocumentModel *
sigla_document_model_new (void)
{
  return g_object_new (SIGLA_TYPE_DOCUMENT_MODEL, NULL);
}
