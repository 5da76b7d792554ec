/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-view.c: a document's original text, read-only, with its annotations
 * highlighted: each kind its colour and its underline. */

#define G_LOG_DOMAIN "sigla-document-view"

#include <glib/gi18n.h>

#include "sigla-document-view.h"

struct _SiglaDocumentView
{
  GtkWidget      parent_instance;

  GtkWidget     *content;
  GtkLabel      *title_label;
  GtkLabel      *meta_label;
  GtkTextView   *text_view;

  SiglaProject  *project;
  gint64         document_id;
  GPtrArray     *mentions;     /* SiglaMention, in text order: for tooltips and clicks */
  GPtrArray     *claims;       /* SiglaClaim */
  guint          highlighted;  /* how many of claims, then mentions, are highlighted */
  guint          highlight_source;
  GHashTable    *names;        /* entity id → label */
};

G_DEFINE_FINAL_TYPE (SiglaDocumentView, sigla_document_view, GTK_TYPE_WIDGET)

static void load_names (SiglaDocumentView *self);

/* Highlights applied between two frames. */
#define HIGHLIGHT_CHUNK 2000

enum {
  TAG_REQUESTED,
  ENTITY_ACTIVATED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colour and underline for each kind, so that colour is not the only sign. */
static void
create_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "person",
                              "background-rgba", &(GdkRGBA) { 0.96, 0.83, 0.18, 0.35 },
                              "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "place",
                              "background-rgba", &(GdkRGBA) { 0.34, 0.89, 0.54, 0.35 },
                              "underline", PANGO_UNDERLINE_DOUBLE, NULL);
  gtk_text_buffer_create_tag (buffer, "org",
                              "background-rgba", &(GdkRGBA) { 0.75, 0.38, 0.80, 0.30 },
                              "underline", PANGO_UNDERLINE_ERROR, NULL);
  gtk_text_buffer_create_tag (buffer, "date",
                              "background-rgba", &(GdkRGBA) { 0.38, 0.63, 0.92, 0.35 },
                              "underline", PANGO_UNDERLINE_LOW, NULL);
  gtk_text_buffer_create_tag (buffer, "claim",
                              "style", PANGO_STYLE_ITALIC,
                              "foreground-rgba", &(GdkRGBA) { 0.38, 0.21, 0.51, 1.0 }, NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis",
                              "weight", PANGO_WEIGHT_BOLD,
                              "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 }, NULL);
}

static void
apply_span (GtkTextBuffer *buffer,
            const char    *tag,
            gint64         start,
            gint64         end)
{
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &from, &to);
}

/* The mention under @offset, the innermost (latest start) if several. */
static SiglaMention *
mention_at (SiglaDocumentView *self,
            gint64             offset)
{
  SiglaMention *found = NULL;

  for (guint i = 0; self->mentions != NULL && i < self->mentions->len; i++)
    {
      SiglaMention *mention = self->mentions->pdata[i];

      if (mention->start > offset)
        break;
      if (offset < mention->end)
        found = mention;
    }

  return found;
}

static gboolean
query_tooltip_cb (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  SiglaDocumentView *self)
{
  GtkTextIter iter;
  int bx, by;
  SiglaMention *mention;
  g_autofree char *markup = NULL;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return FALSE;

  mention = mention_at (self, gtk_text_iter_get_offset (&iter));
  if (mention == NULL)
    return FALSE;

  if (mention->kind == SIGLA_KIND_DATE)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", mention->when != NULL ? mention->when : "…", _("Date"));
  else
    {
      const char *name = g_hash_table_lookup (self->names, &mention->entity_id);
      const char *kinds[] = { N_("Person"), N_("Place"), N_("Organisation") };

      markup = g_markup_printf_escaped ("<b>%s</b>\n%s", name != NULL ? name : _("Not identified"),
                                        _(kinds[mention->kind]));
    }

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Clicking a highlight selects its entity in the panels. */
static void
released_cb (GtkGestureClick   *gesture,
             int                n_press,
             double             x,
             double             y,
             SiglaDocumentView *self)
{
  GtkTextIter iter;
  int bx, by;
  SiglaMention *mention;

  if (gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (self->text_view)))
    return;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;

  mention = mention_at (self, gtk_text_iter_get_offset (&iter));
  if (mention != NULL && mention->entity_id != 0)
    g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, mention->entity_id);
}

/* P, L, O, D and C tag the selection: the text is read-only, so plain
 * letters are free for commands. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SiglaDocumentView     *self)
{
  int kind;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  /* Delete removes the annotation under the cursor (undo brings it back). */
  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_BackSpace)
    {
      GtkTextIter cursor;
      SiglaMention *mention;

      gtk_text_buffer_get_iter_at_mark (gtk_text_view_get_buffer (self->text_view), &cursor,
                                        gtk_text_buffer_get_insert (gtk_text_view_get_buffer (self->text_view)));
      mention = mention_at (self, gtk_text_iter_get_offset (&cursor));
      if (mention == NULL)
        return FALSE;
      g_signal_emit (self, signals[REMOVE_REQUESTED], 0, mention->id);
      return TRUE;
    }

  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_p: kind = SIGLA_KIND_PERSON; break;
    case GDK_KEY_l: kind = SIGLA_KIND_PLACE; break;
    case GDK_KEY_o: kind = SIGLA_KIND_ORG; break;
    case GDK_KEY_d: kind = SIGLA_KIND_DATE; break;
    case GDK_KEY_c: kind = SIGLA_TAG_CLAIM; break;
    default: return FALSE;
    }

  if (!gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (self->text_view)))
    return FALSE;

  g_signal_emit (self, signals[TAG_REQUESTED], 0, kind);
  return TRUE;
}

static void
sigla_document_view_dispose (GObject *object)
{
  SiglaDocumentView *self = SIGLA_DOCUMENT_VIEW (object);

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->project);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (sigla_document_view_parent_class)->dispose (object);
}

static void
sigla_document_view_class_init (SiglaDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_document_view_dispose;

  /**
   * SiglaDocumentView::tag-requested:
   * @kind: a #SiglaKind, or %SIGLA_TAG_CLAIM
   */
  signals[TAG_REQUESTED] = g_signal_new ("tag-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ENTITY_ACTIVATED] = g_signal_new ("entity-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, content);
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, text_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sigla_document_view_init (SiglaDocumentView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  create_tags (gtk_text_view_get_buffer (self->text_view));
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
}

/**
 * sigla_document_view_reload_names:
 *
 * Reads the entities' names again, for the tooltips (an entity renamed).
 */
void
sigla_document_view_reload_names (SiglaDocumentView *self)
{
  g_return_if_fail (SIGLA_IS_DOCUMENT_VIEW (self));

  if (self->project != NULL)
    load_names (self);
}

static void
load_names (SiglaDocumentView *self)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (self->project, NULL);

  g_hash_table_remove_all (self->names);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      g_hash_table_insert (self->names, g_memdup2 (&entity->id, sizeof (gint64)), g_strdup (entity->label));
    }
}

/**
 * sigla_document_view_refresh:
 *
 * Reads the document's annotations again and highlights them.
 */
/* Highlights a slice of the annotations, and comes back for the rest:
 * 50,000 tags at once would hold the first frame for a second. */
static gboolean
highlight_chunk_cb (gpointer user_data)
{
  SiglaDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  guint n_claims = self->claims != NULL ? self->claims->len : 0;
  guint n_mentions = self->mentions != NULL ? self->mentions->len : 0;
  guint until = MIN (self->highlighted + HIGHLIGHT_CHUNK, n_claims + n_mentions);

  for (; self->highlighted < until; self->highlighted++)
    {
      guint i = self->highlighted;

      if (i < n_claims)
        {
          SiglaClaim *claim = self->claims->pdata[i];

          apply_span (buffer, "claim", claim->start, claim->end);
        }
      else
        {
          SiglaMention *mention = self->mentions->pdata[i - n_claims];

          apply_span (buffer, sigla_kind_to_string (mention->kind), mention->start, mention->end);
        }
    }

  if (self->highlighted < n_claims + n_mentions)
    return G_SOURCE_CONTINUE;

  self->highlight_source = 0;
  return G_SOURCE_REMOVE;
}

/**
 * sigla_document_view_refresh:
 *
 * Reads the document's annotations again and highlights them: the first
 * slice at once, the rest in the next idle moments.
 */
gboolean
sigla_document_view_refresh (SiglaDocumentView  *self,
                             GError            **error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->project == NULL)
    return TRUE;

  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  self->mentions = sigla_mention_list (self->project, self->document_id, error);
  self->claims = self->mentions != NULL ? sigla_claim_list (self->project, self->document_id, error) : NULL;
  if (self->claims == NULL)
    return FALSE;

  load_names (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);

  self->highlighted = 0;
  g_clear_handle_id (&self->highlight_source, g_source_remove);
  if (highlight_chunk_cb (self) == G_SOURCE_CONTINUE)
    self->highlight_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1, highlight_chunk_cb, self, NULL);

  return TRUE;
}

/**
 * sigla_document_view_add_mention:
 *
 * Highlights one new mention without reading the others again: what a
 * tagging changes, so that its highlight shows in the next frame.
 */
void
sigla_document_view_add_mention (SiglaDocumentView  *self,
                                 const SiglaMention *mention)
{
  SiglaMention *copy;
  guint i = 0;

  g_return_if_fail (SIGLA_IS_DOCUMENT_VIEW (self));

  if (self->mentions == NULL || mention->document_id != self->document_id)
    return;

  copy = sigla_mention_new ();
  *copy = *mention;
  copy->when = g_strdup (mention->when);
  copy->not_before = g_strdup (mention->not_before);
  copy->not_after = g_strdup (mention->not_after);
  copy->cert = g_strdup (mention->cert);
  copy->note = g_strdup (mention->note);
  copy->created = g_strdup (mention->created);
  copy->modified = g_strdup (mention->modified);

  /* Kept in text order, for the tooltips. */
  while (i < self->mentions->len && ((SiglaMention *) self->mentions->pdata[i])->start <= mention->start)
    i++;
  g_ptr_array_insert (self->mentions, i, copy);
  if (i < self->highlighted)
    self->highlighted++;

  if (mention->entity_id != 0 && !g_hash_table_contains (self->names, &mention->entity_id))
    load_names (self);
  apply_span (gtk_text_view_get_buffer (self->text_view), sigla_kind_to_string (mention->kind),
              mention->start, mention->end);
}

/**
 * sigla_document_view_show:
 *
 * Shows @document_id of @project with its metadata header and annotations.
 */
gboolean
sigla_document_view_show (SiglaDocumentView  *self,
                          SiglaProject       *project,
                          gint64              document_id,
                          GError            **error)
{
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GString) meta = g_string_new ("");

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), FALSE);

  document = sigla_document_get (project, document_id, error);
  if (document == NULL)
    return FALSE;

  g_set_object (&self->project, project);
  self->document_id = document_id;

  gtk_label_set_text (self->title_label, document->title);
  if (document->date_text != NULL || document->date != NULL)
    g_string_append (meta, document->date_text != NULL ? document->date_text : document->date);
  if (document->citation != NULL)
    g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "", document->citation);
  else if (document->archive != NULL)
    g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "", document->archive);
  gtk_label_set_text (self->meta_label, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), meta->len > 0);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), document->text, -1);
  return sigla_document_view_refresh (self, error);
}

void
sigla_document_view_clear (SiglaDocumentView *self)
{
  g_return_if_fail (SIGLA_IS_DOCUMENT_VIEW (self));

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  g_clear_object (&self->project);
  g_clear_pointer (&self->mentions, g_ptr_array_unref);
  g_clear_pointer (&self->claims, g_ptr_array_unref);
  self->document_id = 0;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
}

gint64
sigla_document_view_get_document (SiglaDocumentView *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), 0);
  return self->document_id;
}

/* The selection in code points, the offsets the project stores. */
gboolean
sigla_document_view_get_selection (SiglaDocumentView *self,
                                   gint64            *start,
                                   gint64            *end)
{
  GtkTextIter from, to;

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &from, &to))
    return FALSE;

  *start = gtk_text_iter_get_offset (&from);
  *end = gtk_text_iter_get_offset (&to);
  return TRUE;
}

char *
sigla_document_view_get_selected_text (SiglaDocumentView *self)
{
  GtkTextIter from, to;

  if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &from, &to))
    return NULL;

  return g_strstrip (gtk_text_iter_get_text (&from, &to));
}

/* Where the selection is on screen, for the tagging popover to point at. */
gboolean
sigla_document_view_get_selection_area (SiglaDocumentView *self,
                                        GdkRectangle      *area)
{
  GtkTextIter from, to;
  GdkRectangle first;
  graphene_point_t point;
  int x, y;

  if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &from, &to))
    return FALSE;

  gtk_text_view_get_iter_location (self->text_view, &from, &first);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, first.x, first.y, &x, &y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  area->x = (int) point.x;
  area->y = (int) point.y;
  area->width = MAX (first.width, 1);
  area->height = first.height;
  return TRUE;
}

void
sigla_document_view_select_span (SiglaDocumentView *self,
                                  gint64             start,
                                  gint64             end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_select_range (buffer, &from, &to);
  gtk_text_view_scroll_to_iter (self->text_view, &from, 0.1, TRUE, 0.0, 0.3);
}

/* Shows where an entity is named: its mentions in bold, the first in view. */
void
sigla_document_view_emphasize (SiglaDocumentView *self,
                               gint64             entity_id)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  gboolean scrolled = FALSE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "emphasis", &start, &end);

  for (guint i = 0; self->mentions != NULL && i < self->mentions->len; i++)
    {
      SiglaMention *mention = self->mentions->pdata[i];

      if (mention->entity_id != entity_id || entity_id == 0)
        continue;
      apply_span (buffer, "emphasis", mention->start, mention->end);
      if (!scrolled)
        {
          GtkTextIter at;

          gtk_text_buffer_get_iter_at_offset (buffer, &at, mention->start);
          gtk_text_view_scroll_to_iter (self->text_view, &at, 0.1, TRUE, 0.0, 0.3);
          scrolled = TRUE;
        }
    }
}

/* F3 and Shift+F3: the entity's next (or previous) mention after the
 * selection, round to the first (or last). */
gboolean
sigla_document_view_select_next_mention (SiglaDocumentView *self,
                                         gint64             entity_id,
                                         gboolean           forward)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter cursor, bound;
  SiglaMention *chosen = NULL, *wrap = NULL;
  gint64 here;

  gtk_text_buffer_get_selection_bounds (buffer, &cursor, &bound);
  here = gtk_text_iter_get_offset (&cursor);

  for (guint i = 0; self->mentions != NULL && i < self->mentions->len; i++)
    {
      SiglaMention *mention = self->mentions->pdata[forward ? i : self->mentions->len - 1 - i];

      if (mention->entity_id != entity_id || entity_id == 0)
        continue;
      if (wrap == NULL)
        wrap = mention;
      if (forward ? mention->start > here : mention->start < here)
        {
          chosen = mention;
          break;
        }
    }

  if (chosen == NULL)
    chosen = wrap;
  if (chosen == NULL)
    return FALSE;

  sigla_document_view_select_span (self, chosen->start, chosen->end);
  return TRUE;
}

GtkTextView *
sigla_document_view_get_text_view (SiglaDocumentView *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), NULL);
  return self->text_view;
}
