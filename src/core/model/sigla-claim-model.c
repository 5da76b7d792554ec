/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-claim-model.c: the claims of a document (or the whole project), in text order, each with
 * who makes it, how, and its first words: a list model that follows the project's "changed"
 * signal. Claims are few beside mentions: a change reads them again, and a claim that did not
 * change keeps its row. */

#define G_LOG_DOMAIN "sigla-model"

#include "sigla-claim.h"
#include "sigla-claim-model.h"
#include "sigla-entity.h"
#include "sigla-export-text.h"
#include "sigla-model-util.h"

/* How much of a claim's words its row holds. */
#define WORDS_KEPT 80

/* -- a claim's row ----------------------------------------------------------- */

struct _SiglaClaimItem
{
  GObject   parent_instance;

  gint64    id;
  gint64    document;
  gint64    start;
  gint64    end;
  gint64    speaker_id;
  char     *speaker;      /* the speaker's name, or NULL */
  char     *stance;
  char     *words;        /* the first words, on one line */
  gboolean  cut;          /* … and more */
  char     *paraphrase;   /* on one line, or NULL */
};

G_DEFINE_FINAL_TYPE (SiglaClaimItem, sigla_claim_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_SPEAKER,
  ITEM_PROP_STANCE,
  ITEM_PROP_WORDS,
  ITEM_PROP_CUT,
  ITEM_PROP_PARAPHRASE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
sigla_claim_item_finalize (GObject *object)
{
  SiglaClaimItem *self = SIGLA_CLAIM_ITEM (object);

  g_free (self->speaker);
  g_free (self->stance);
  g_free (self->words);
  g_free (self->paraphrase);

  G_OBJECT_CLASS (sigla_claim_item_parent_class)->finalize (object);
}

static void
sigla_claim_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SiglaClaimItem *self = SIGLA_CLAIM_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_SPEAKER:
      g_value_set_string (value, self->speaker);
      break;
    case ITEM_PROP_STANCE:
      g_value_set_string (value, self->stance);
      break;
    case ITEM_PROP_WORDS:
      g_value_set_string (value, self->words);
      break;
    case ITEM_PROP_CUT:
      g_value_set_boolean (value, self->cut);
      break;
    case ITEM_PROP_PARAPHRASE:
      g_value_set_string (value, self->paraphrase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sigla_claim_item_class_init (SiglaClaimItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sigla_claim_item_finalize;
  object_class->get_property = sigla_claim_item_get_property;

  item_properties[ITEM_PROP_SPEAKER] =
    g_param_spec_string ("speaker", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_STANCE] =
    g_param_spec_string ("stance", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_WORDS] =
    g_param_spec_string ("words", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_CUT] =
    g_param_spec_boolean ("cut", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_PARAPHRASE] =
    g_param_spec_string ("paraphrase", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
sigla_claim_item_init (SiglaClaimItem *self)
{
}

static gboolean
item_equal (const SiglaClaimItem *x,
            const SiglaClaimItem *y)
{
  return x->id == y->id && x->document == y->document && x->start == y->start && x->end == y->end &&
         g_strcmp0 (x->speaker, y->speaker) == 0 && g_strcmp0 (x->stance, y->stance) == 0 &&
         g_strcmp0 (x->paraphrase, y->paraphrase) == 0;
}

#define CLAIM_ITEM_GETTER(type, name, fallback)                  \
  type                                                           \
  sigla_claim_item_get_##name (SiglaClaimItem *self)             \
  {                                                              \
    g_return_val_if_fail (SIGLA_IS_CLAIM_ITEM (self), fallback); \
    return self->name;                                           \
  }

CLAIM_ITEM_GETTER (gint64, id, 0)
CLAIM_ITEM_GETTER (gint64, document, 0)
CLAIM_ITEM_GETTER (gint64, start, 0)
CLAIM_ITEM_GETTER (gint64, end, 0)
CLAIM_ITEM_GETTER (const char *, speaker, NULL)
CLAIM_ITEM_GETTER (const char *, stance, NULL)
CLAIM_ITEM_GETTER (const char *, words, NULL)
CLAIM_ITEM_GETTER (gboolean, cut, FALSE)
CLAIM_ITEM_GETTER (const char *, paraphrase, NULL)

/* -- the model ---------------------------------------------------------------- */

struct _SiglaClaimModel
{
  GObject           parent_instance;

  SiglaProject     *project;
  gint64            document;   /* SIGLA_SCOPE_PROJECT, _NONE, or a document */
  GListStore       *store;
  GHashTable       *items;      /* claim id → SiglaClaimItem listed */
  SiglaChangeQueue  queue;
};

G_DEFINE_FINAL_TYPE (SiglaClaimModel, sigla_claim_model, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
one_line (const char *text)
{
  return text != NULL ? g_strstrip (g_strdelimit (g_strdup (text), "\r\n\t", ' ')) : NULL;
}

/* @claim's row: the one shown if nothing in it changed, so that a list view
 * need not build it again; its words read from the text only if new. */
static SiglaClaimItem *
claim_item (SiglaClaimModel   *self,
            const SiglaClaim  *claim,
            GHashTable        *names,
            SiglaTextCursor   *cursor,
            GError           **error)
{
  SiglaClaimItem *shown = g_hash_table_lookup (self->items, &claim->id);
  g_autoptr(SiglaClaimItem) item = g_object_new (SIGLA_TYPE_CLAIM_ITEM, NULL);
  gint64 end = MIN (claim->end, claim->start + WORDS_KEPT);

  item->id = claim->id;
  item->document = claim->document_id;
  item->start = claim->start;
  item->end = claim->end;
  item->speaker_id = claim->speaker_id;
  item->speaker = g_strdup (g_hash_table_lookup (names, &claim->speaker_id));
  item->stance = g_strdup (claim->stance);
  item->paraphrase = one_line (claim->paraphrase);
  if (shown != NULL && item_equal (shown, item))
    return g_object_ref (shown);

  item->words = sigla_text_cursor_slice (cursor, claim->document_id, claim->start, end, error);
  if (item->words == NULL)
    return NULL;
  g_strstrip (g_strdelimit (item->words, "\r\n\t", ' '));
  item->cut = end < claim->end;
  return g_steal_pointer (&item);
}

static gboolean
reload (SiglaClaimModel  *self,
        GError          **error)
{
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(SiglaTextCursor) cursor = NULL;

  if (self->project != NULL && self->document != SIGLA_SCOPE_NONE)
    {
      if ((claims = sigla_claim_list (self->project, self->document, error)) == NULL ||
          (entities = sigla_entity_list (self->project, error)) == NULL)
        return FALSE;
      cursor = sigla_text_cursor_new (self->project);
    }

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      g_hash_table_insert (names, &entity->id, entity->label);
    }
  /* In text order: the cursor reads each document once. */
  for (guint i = 0; claims != NULL && i < claims->len; i++)
    {
      SiglaClaimItem *item = claim_item (self, claims->pdata[i], names, cursor, error);

      if (item == NULL)
        return FALSE;
      g_hash_table_insert (items, &item->id, item);
      g_ptr_array_add (listed, item);
    }

  g_clear_pointer (&self->items, g_hash_table_unref);
  self->items = g_steal_pointer (&items);
  sigla_list_store_replace (self->store, listed);
  return TRUE;
}

/* Whether @notes change what a row shows: a claim, or a speaker's name (a
 * new person tagged is neither). */
static gboolean
concern_rows (SiglaClaimModel *self,
              const GArray    *notes)
{
  GHashTableIter iter;
  gpointer item;

  for (guint i = 0; i < notes->len; i++)
    {
      const SiglaChangeNote *note = &g_array_index (notes, SiglaChangeNote, i);

      if (note->change != SIGLA_CHANGE_ENTITY)
        return TRUE;
      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, NULL, &item))
        if (((SiglaClaimItem *) item)->speaker_id == note->id)
          return TRUE;
    }
  return FALSE;
}

static void
flush (gpointer      owner,
       gboolean      again,
       const GArray *notes)
{
  SiglaClaimModel *self = owner;
  g_autoptr(GError) error = NULL;

  if (!again && !concern_rows (self, notes))
    return;
  if (!reload (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

/**
 * sigla_claim_model_set_scope:
 * @project: (nullable): the project, or %NULL for an empty list
 * @document_id: a document, %SIGLA_SCOPE_PROJECT or %SIGLA_SCOPE_NONE
 *
 * Returns: FALSE if the project could not be read; the list is then empty
 */
gboolean
sigla_claim_model_set_scope (SiglaClaimModel  *self,
                             SiglaProject     *project,
                             gint64            document_id,
                             GError          **error)
{
  g_return_val_if_fail (SIGLA_IS_CLAIM_MODEL (self), FALSE);

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
 * sigla_claim_model_get_model:
 *
 * Returns: (transfer none): the claims, each a #SiglaClaimItem
 */
GListModel *
sigla_claim_model_get_model (SiglaClaimModel *self)
{
  g_return_val_if_fail (SIGLA_IS_CLAIM_MODEL (self), NULL);
  return G_LIST_MODEL (self->store);
}

static void
sigla_claim_model_dispose (GObject *object)
{
  SiglaClaimModel *self = SIGLA_CLAIM_MODEL (object);

  sigla_change_queue_watch (&self->queue, NULL);
  g_clear_object (&self->project);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (sigla_claim_model_parent_class)->dispose (object);
}

static void
sigla_claim_model_finalize (GObject *object)
{
  sigla_change_queue_clear (&SIGLA_CLAIM_MODEL (object)->queue);
  G_OBJECT_CLASS (sigla_claim_model_parent_class)->finalize (object);
}

static void
sigla_claim_model_class_init (SiglaClaimModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sigla_claim_model_dispose;
  object_class->finalize = sigla_claim_model_finalize;

  /**
   * SiglaClaimModel::failed:
   * @error: why the list could not follow a change; it stays as it was
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sigla_claim_model_init (SiglaClaimModel *self)
{
  self->document = SIGLA_SCOPE_NONE;
  self->store = g_list_store_new (SIGLA_TYPE_CLAIM_ITEM);
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  sigla_change_queue_init (&self->queue,
                           1u << SIGLA_CHANGE_CLAIM | 1u << SIGLA_CHANGE_ENTITY | 1u << SIGLA_CHANGE_DOCUMENT,
                           flush, self);
}

SiglaClaimModel *
sigla_claim_model_new (void)
{
  return g_object_new (SIGLA_TYPE_CLAIM_MODEL, NULL);
}
