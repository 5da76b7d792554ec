/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-highlighter.c: keeps a text buffer's highlights in step with a
 * document's spans. A new set of spans is compared with the shown one, so
 * that an undo re-highlights what it changed rather than 50,000 spans; what
 * must be applied in bulk is applied a slice at a time, between frames. */

#define G_LOG_DOMAIN "sigla-highlighter"

#include <adwaita.h>

#include "sigla-highlighter.h"

/* Highlights applied between two frames. */
#define CHUNK 2000

/* Beyond this many removed spans, highlighting everything again costs less
 * than mending each removed range. */
#define MAX_MENDED 256

struct _SiglaHighlighter
{
  GObject        parent_instance;

  GtkTextBuffer *buffer;
  GArray        *spans;       /* SiglaMark, in text order; NULL: nothing highlighted */
  GArray        *pending;     /* SiglaMark (without `when`), still to apply */
  guint          next;        /* the first of pending not yet applied */
  guint          source;
  gint64         emphasized;  /* the entity whose mentions stand out, or 0 */
};

G_DEFINE_FINAL_TYPE (SiglaHighlighter, sigla_highlighter, G_TYPE_OBJECT)

static const char * const highlight_tags[] = { "person", "place", "org", "date", "claim", "emphasis" };

/* Each kind's colours, in the light style and in the dark: backgrounds are
 * translucent over the view's, a claim's words a colour of their own, each
 * with a contrast of 4.5:1 or more against the text over it in either style
 * (tests/test-window.c computes it). */
static const struct
{
  const char *tag;
  const char *property;
  GdkRGBA     light;
  GdkRGBA     dark;
} palette[] = {
  { "person", "background-rgba", { 0.96, 0.83, 0.18, 0.35 }, { 0.96, 0.83, 0.18, 0.30 } },
  { "place", "background-rgba", { 0.34, 0.89, 0.54, 0.35 }, { 0.34, 0.89, 0.54, 0.25 } },
  { "org", "background-rgba", { 0.75, 0.38, 0.80, 0.30 }, { 0.75, 0.38, 0.80, 0.30 } },
  { "date", "background-rgba", { 0.38, 0.63, 0.92, 0.35 }, { 0.38, 0.63, 0.92, 0.30 } },
  { "claim", "foreground-rgba", { 0.38, 0.21, 0.51, 1.0 }, { 0.91, 0.82, 1.0, 1.0 } },
  { "unsaved", "background-rgba", { 0.88, 0.11, 0.14, 0.25 }, { 0.88, 0.11, 0.14, 0.35 } },
};

static void
apply_palette (SiglaHighlighter *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    g_object_set (gtk_text_tag_table_lookup (table, palette[i].tag), palette[i].property,
                  dark ? &palette[i].dark : &palette[i].light, NULL);
}

/* An underline for each kind too, so that colour is not the only sign
 * (an organisation's is a line above, not the wavy mark of a misspelling);
 * a tag not saved is struck through in red. */
static void
create_tags (SiglaHighlighter *self)
{
  GtkTextBuffer *buffer = self->buffer;

  gtk_text_buffer_create_tag (buffer, "person", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "place", "underline", PANGO_UNDERLINE_DOUBLE, NULL);
  gtk_text_buffer_create_tag (buffer, "org", "overline", PANGO_OVERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "date", "underline", PANGO_UNDERLINE_LOW, NULL);
  gtk_text_buffer_create_tag (buffer, "claim", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "unsaved",
                              "strikethrough", TRUE,
                              "strikethrough-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 }, NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis",
                              "weight", PANGO_WEIGHT_BOLD,
                              "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 }, NULL);
  apply_palette (self);
}

static void
get_range (SiglaHighlighter *self,
           const SiglaMark  *span,
           GtkTextIter      *from,
           GtkTextIter      *to)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, from, span->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, to, span->end);
}

static gboolean
is_emphasized (SiglaHighlighter *self,
               const SiglaMark  *span)
{
  return !span->claim && span->entity_id != 0 && span->entity_id == self->emphasized;
}

static void
apply (SiglaHighlighter *self,
       const SiglaMark  *span)
{
  GtkTextIter from, to;

  get_range (self, span, &from, &to);
  gtk_text_buffer_apply_tag_by_name (self->buffer, span->claim ? "claim" : sigla_kind_to_string (span->kind),
                                     &from, &to);
  if (is_emphasized (self, span))
    gtk_text_buffer_apply_tag_by_name (self->buffer, "emphasis", &from, &to);
}

static void
queue (SiglaHighlighter *self,
       const SiglaMark  *span)
{
  SiglaMark copy = *span;

  copy.when = NULL;
  g_array_append_val (self->pending, copy);
}

static gboolean
apply_chunk_cb (gpointer user_data)
{
  SiglaHighlighter *self = user_data;
  guint until = MIN (self->next + CHUNK, self->pending->len);

  for (; self->next < until; self->next++)
    apply (self, &g_array_index (self->pending, SiglaMark, self->next));

  if (self->next < self->pending->len)
    return G_SOURCE_CONTINUE;

  g_array_set_size (self->pending, 0);
  self->next = 0;
  self->source = 0;
  return G_SOURCE_REMOVE;
}

/* A first slice now, so that a small change shows in the next frame; the
 * rest just ahead of the text view's own layout work. */
static void
start_applying (SiglaHighlighter *self)
{
  if (self->source == 0 && apply_chunk_cb (self) == G_SOURCE_CONTINUE)
    self->source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1, apply_chunk_cb, self, NULL);
}

static void
remove_all (SiglaHighlighter *self)
{
  GtkTextIter start, end;

  g_clear_handle_id (&self->source, g_source_remove);
  g_array_set_size (self->pending, 0);
  self->next = 0;
  if (self->spans == NULL)
    return;

  /* Only the highlights: a tag not saved stays marked. */
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (highlight_tags); i++)
    gtk_text_buffer_remove_tag_by_name (self->buffer, highlight_tags[i], &start, &end);
}

static guint
span_hash (gconstpointer key)
{
  const SiglaMark *span = key;

  return g_int64_hash (&span->id) ^ (guint) span->claim;
}

static gboolean
span_equal (gconstpointer a,
            gconstpointer b)
{
  const SiglaMark *x = a, *y = b;

  return x->id == y->id && x->claim == y->claim;
}

static gboolean
same_place (const SiglaMark *x,
            const SiglaMark *y)
{
  return x->claim == y->claim && x->kind == y->kind && x->entity_id == y->entity_id &&
         x->start == y->start && x->end == y->end;
}

/* Takes the highlights of @removed away, and queues again the marks of
 * @spans that they overlapped: a tag is one range in the buffer, so
 * removing one mark's also removed it from its neighbours'. */
static void
take_away (SiglaHighlighter *self,
           GArray           *removed,
           GArray           *spans)
{
  for (guint r = 0; r < removed->len; r++)
    {
      const SiglaMark *gone = &g_array_index (removed, SiglaMark, r);
      GtkTextIter from, to;

      get_range (self, gone, &from, &to);
      gtk_text_buffer_remove_tag_by_name (self->buffer, gone->claim ? "claim" : sigla_kind_to_string (gone->kind),
                                          &from, &to);
      gtk_text_buffer_remove_tag_by_name (self->buffer, "emphasis", &from, &to);
    }

  for (guint i = 0; removed->len > 0 && i < spans->len; i++)
    {
      const SiglaMark *span = &g_array_index (spans, SiglaMark, i);

      for (guint r = 0; r < removed->len; r++)
        {
          const SiglaMark *gap = &g_array_index (removed, SiglaMark, r);

          if (span->start < gap->end && gap->start < span->end)
            {
              queue (self, span);
              break;
            }
        }
    }
}

/* Queues what @spans has and the shown spans lack; takes the highlights of
 * what they had and @spans lacks away, and re-applies what overlapped it.
 * Returns FALSE, having changed nothing on screen, if too much was removed. */
static gboolean
mend (SiglaHighlighter *self,
      GArray           *spans)
{
  g_autoptr(GHashTable) gone = g_hash_table_new (span_hash, span_equal);
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (SiglaMark));
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < self->spans->len; i++)
    g_hash_table_add (gone, &g_array_index (self->spans, SiglaMark, i));

  for (guint i = 0; i < spans->len; i++)
    {
      const SiglaMark *span = &g_array_index (spans, SiglaMark, i);
      const SiglaMark *shown = g_hash_table_lookup (gone, span);

      if (shown != NULL && same_place (shown, span))
        g_hash_table_remove (gone, shown);
      else
        queue (self, span);
    }

  if (g_hash_table_size (gone) > MAX_MENDED)
    return FALSE;

  g_hash_table_iter_init (&iter, gone);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (removed, *(const SiglaMark *) key);
  take_away (self, removed, spans);
  return TRUE;
}

static void
sigla_highlighter_dispose (GObject *object)
{
  SiglaHighlighter *self = SIGLA_HIGHLIGHTER (object);

  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (sigla_highlighter_parent_class)->dispose (object);
}

static void
sigla_highlighter_class_init (SiglaHighlighterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sigla_highlighter_dispose;
}

static void
sigla_highlighter_init (SiglaHighlighter *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (SiglaMark));
}

SiglaHighlighter *
sigla_highlighter_new (GtkTextBuffer *buffer)
{
  SiglaHighlighter *self = g_object_new (SIGLA_TYPE_HIGHLIGHTER, NULL);

  self->buffer = g_object_ref (buffer);
  create_tags (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (apply_palette), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * sigla_highlighter_set_spans:
 * @spans: (transfer full): the document's spans (SiglaMark), in text order
 *
 * Shows @spans: only what changed since the last call is highlighted anew.
 */
void
sigla_highlighter_set_spans (SiglaHighlighter *self,
                             GArray           *spans)
{
  g_return_if_fail (SIGLA_IS_HIGHLIGHTER (self));

  /* Half-applied highlights cannot be compared: start again. */
  if (self->spans == NULL || self->source != 0 || !mend (self, spans))
    {
      remove_all (self);
      for (guint i = 0; i < spans->len; i++)
        queue (self, &g_array_index (spans, SiglaMark, i));
    }

  g_clear_pointer (&self->spans, g_array_unref);
  self->spans = spans;
  start_applying (self);
}

/* One span added by the user: highlighted at once, in the frame that follows the key. */
void
sigla_highlighter_add_span (SiglaHighlighter *self,
                            const SiglaMark  *span)
{
  SiglaMark copy = *span;
  guint i = 0;

  g_return_if_fail (SIGLA_IS_HIGHLIGHTER (self));

  if (self->spans == NULL)
    return;

  while (i < self->spans->len)
    {
      const SiglaMark *other = &g_array_index (self->spans, SiglaMark, i);

      if (other->start > span->start || (other->start == span->start && other->end < span->end))
        break;
      i++;
    }
  copy.when = g_strdup (span->when);
  g_array_insert_val (self->spans, i, copy);
  apply (self, span);
}

static gboolean
find_span (SiglaHighlighter *self,
           gboolean          claim,
           gint64            id,
           guint            *index)
{
  for (guint i = 0; self->spans != NULL && i < self->spans->len; i++)
    {
      const SiglaMark *shown = &g_array_index (self->spans, SiglaMark, i);

      if (shown->id == id && shown->claim == claim)
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The mention or claim @id as shown, or NULL if it is not. */
const SiglaMark *
sigla_highlighter_find_mark (SiglaHighlighter *self,
                             gboolean          claim,
                             gint64            id)
{
  guint i;

  g_return_val_if_fail (SIGLA_IS_HIGHLIGHTER (self), NULL);

  return find_span (self, claim, id, &i) ? &g_array_index (self->spans, SiglaMark, i) : NULL;
}

/**
 * sigla_highlighter_replace_mark:
 * @mark: (nullable): the mark as it is now, or NULL if it is gone
 *
 * One mention or claim changed (an undo, an edit in a panel): its old
 * highlight goes, the new one comes. Returns FALSE, having done nothing,
 * while highlights are still being applied: read them all again then.
 */
gboolean
sigla_highlighter_replace_mark (SiglaHighlighter *self,
                                gboolean          claim,
                                gint64            id,
                                const SiglaMark  *mark)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (SiglaMark));
  guint i;

  g_return_val_if_fail (SIGLA_IS_HIGHLIGHTER (self), FALSE);

  if (self->spans == NULL || self->source != 0)
    return FALSE;

  if (find_span (self, claim, id, &i))
    {
      SiglaMark gone = g_array_index (self->spans, SiglaMark, i);

      gone.when = NULL;
      g_array_append_val (removed, gone);
      g_array_remove_index (self->spans, i);
    }

  take_away (self, removed, self->spans);
  if (mark != NULL)
    sigla_highlighter_add_span (self, mark);
  start_applying (self);
  return TRUE;
}

/* The text is gone (another document, or none): so are its highlights. */
void
sigla_highlighter_clear (SiglaHighlighter *self)
{
  g_return_if_fail (SIGLA_IS_HIGHLIGHTER (self));

  g_clear_handle_id (&self->source, g_source_remove);
  g_array_set_size (self->pending, 0);
  self->next = 0;
  g_clear_pointer (&self->spans, g_array_unref);
}

/* Returns: (transfer none) (nullable): the spans shown, in text order */
GArray *
sigla_highlighter_get_spans (SiglaHighlighter *self)
{
  g_return_val_if_fail (SIGLA_IS_HIGHLIGHTER (self), NULL);
  return self->spans;
}

/* The mention under @offset, the innermost (latest start) if several. */
const SiglaMark *
sigla_highlighter_mention_at (SiglaHighlighter *self,
                              gint64            offset)
{
  const SiglaMark *found = NULL;

  g_return_val_if_fail (SIGLA_IS_HIGHLIGHTER (self), NULL);

  for (guint i = 0; self->spans != NULL && i < self->spans->len; i++)
    {
      const SiglaMark *span = &g_array_index (self->spans, SiglaMark, i);

      if (span->start > offset)
        break;
      if (!span->claim && offset < span->end)
        found = span;
    }

  return found;
}

/* Makes @entity_id's mentions stand out (0: none). */
void
sigla_highlighter_emphasize (SiglaHighlighter *self,
                             gint64            entity_id)
{
  GtkTextIter start, end;

  g_return_if_fail (SIGLA_IS_HIGHLIGHTER (self));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (self->buffer, "emphasis", &start, &end);
  self->emphasized = entity_id;

  for (guint i = 0; self->spans != NULL && i < self->spans->len; i++)
    {
      const SiglaMark *span = &g_array_index (self->spans, SiglaMark, i);

      if (is_emphasized (self, span))
        {
          get_range (self, span, &start, &end);
          gtk_text_buffer_apply_tag_by_name (self->buffer, "emphasis", &start, &end);
        }
    }
}

/* TRUE while highlights are still being applied. */
gboolean
sigla_highlighter_is_busy (SiglaHighlighter *self)
{
  g_return_val_if_fail (SIGLA_IS_HIGHLIGHTER (self), FALSE);
  return self->source != 0;
}
