/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document-view.c: a document's original text, read-only, with its annotations
 * highlighted: each kind its colour and its underline. */

#define G_LOG_DOMAIN "sigla-document-view"

#include <glib/gi18n.h>

#include "sigla-document-view-private.h"
#include "sigla-readings-task.h"


G_DEFINE_FINAL_TYPE (SiglaDocumentView, sigla_document_view, GTK_TYPE_WIDGET)

static const SiglaTeiAlternative *alternative_at (SiglaDocumentView *self,
                                                  gint64             offset);

/* The first frame shows the text's top with its highlights: the spans that
 * start in the first characters, more than a large screen holds. */
#define FIRST_SCREEN 16384

enum {
  TAG_REQUESTED,
  ENTITY_ACTIVATED,
  REMOVE_REQUESTED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_sigla_document_view_fail (SiglaDocumentView *self,
                           const GError      *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* The offset of the character under the point, or -1. */
static gint64
offset_at_point (SiglaDocumentView *self,
                 int                x,
                 int                y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return -1;
  return gtk_text_iter_get_offset (&iter);
}

static const SiglaMark *
mention_at_point (SiglaDocumentView *self,
                  int                x,
                  int                y)
{
  gint64 offset = offset_at_point (self, x, y);

  return offset >= 0 ? sigla_highlighter_mention_at (self->highlighter, offset) : NULL;
}

static const SiglaMark *
mention_at_cursor (SiglaDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  return sigla_highlighter_mention_at (self->highlighter, gtk_text_iter_get_offset (&cursor));
}

/* The entities' names, read when a tooltip first needs one. */
static const char *
lookup_name (SiglaDocumentView *self,
             gint64             entity_id)
{
  if (self->names == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) entities = sigla_entity_list (self->project, &error);

      if (entities == NULL)
        _sigla_document_view_fail (self, error);
      self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      for (guint i = 0; entities != NULL && i < entities->len; i++)
        {
          SiglaEntity *entity = entities->pdata[i];

          g_hash_table_insert (self->names, g_memdup2 (&entity->id, sizeof (gint64)), g_strdup (entity->label));
        }
    }

  return g_hash_table_lookup (self->names, &entity_id);
}

static gboolean
query_tooltip_cb (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  SiglaDocumentView *self)
{
  gint64 offset = offset_at_point (self, x, y);
  g_autofree char *markup = offset >= 0 ? sigla_document_view_describe (self, offset) : NULL;

  if (markup == NULL)
    return FALSE;
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
  const SiglaMark *mention;

  if (gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (self->text_view)))
    return;

  mention = mention_at_point (self, (int) x, (int) y);
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
      const SiglaMark *mention = mention_at_cursor (self);

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

  _sigla_document_view_stop_loading (self);
  sigla_change_queue_watch (&self->queue, NULL);
  g_clear_object (&self->highlighter);
  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->project);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);

  G_OBJECT_CLASS (sigla_document_view_parent_class)->dispose (object);
}

static void
sigla_document_view_finalize (GObject *object)
{
  sigla_change_queue_clear (&SIGLA_DOCUMENT_VIEW (object)->queue);
  G_OBJECT_CLASS (sigla_document_view_parent_class)->finalize (object);
}

/* Headings stand out; an editor's notes read smaller, set in, under their block. */
static void
create_block_tags (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  /* A tag's margin replaces the view's: the note's is the view's and more. */
  gtk_text_buffer_create_tag (buffer, "block-head", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "block-note", "scale", PANGO_SCALE_SMALL,
                              "left-margin", gtk_text_view_get_left_margin (view) + 24, NULL);
  /* Words with another reading in the file (sic, abbr, a variant): the tooltip says it. */
  gtk_text_buffer_create_tag (buffer, "alternative", "underline", PANGO_UNDERLINE_ERROR,
                              "underline-rgba", &(GdkRGBA) { 0.47, 0.47, 0.47, 1.0 }, NULL);
}

/* -- other readings ----------------------------------------------------- */

static void
alternatives_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SiglaDocumentView) self = user_data;
  g_autoptr(GPtrArray) alternatives = sigla_readings_task_finish (result);
  GtkTextBuffer *buffer;

  /* Another document is shown by now. */
  if (g_task_get_cancellable (G_TASK (result)) != self->reading || alternatives == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  for (guint i = 0; i < alternatives->len; i++)
    {
      const SiglaTeiAlternative *alternative = alternatives->pdata[i];
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, alternative->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, alternative->end);
      gtk_text_buffer_apply_tag_by_name (buffer, "alternative", &start, &end);
    }
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  self->alternatives = g_steal_pointer (&alternatives);
}

/* Another edition's TEI keeps readings the text does not show: they are read
 * from the file again, off the main thread and after the first frame, for
 * the tooltips. Takes @document. */
static void
read_alternatives (SiglaDocumentView *self,
                   SiglaDocument     *document)
{
  g_autoptr(SiglaDocument) taken = document;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) source = sigla_document_get_source (self->project, taken->id, &error);

  if (source == NULL)
    {
      _sigla_document_view_fail (self, error);
      return;
    }
  self->reading = g_cancellable_new ();
  sigla_readings_task_run (source, g_steal_pointer (&taken->text), taken->reading, self->reading,
                           alternatives_read_cb, g_object_ref (self));
}

static const SiglaTeiAlternative *
alternative_at (SiglaDocumentView *self,
                gint64             offset)
{
  for (guint i = 0; self->alternatives != NULL && i < self->alternatives->len; i++)
    {
      const SiglaTeiAlternative *alternative = self->alternatives->pdata[i];

      if (alternative->start <= offset && offset < alternative->end)
        return alternative;
    }
  return NULL;
}


static gboolean
style_blocks (SiglaDocumentView  *self,
              SiglaProject       *project,
              gint64              document_id,
              GError            **error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GArray) blocks = sigla_document_get_blocks (project, document_id, error);

  if (blocks == NULL)
    return FALSE;
  for (guint i = 0; i < blocks->len; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);
      GtkTextIter start, end;

      if (block->kind != SIGLA_BLOCK_HEAD && block->kind != SIGLA_BLOCK_NOTE)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, block->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, block->end);
      gtk_text_buffer_apply_tag_by_name (buffer, block->kind == SIGLA_BLOCK_HEAD ? "block-head" : "block-note",
                                         &start, &end);
    }
  return TRUE;
}

static void
sigla_document_view_class_init (SiglaDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_document_view_dispose;
  object_class->finalize = sigla_document_view_finalize;

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
  /**
   * SiglaDocumentView::failed:
   * @error: why what the text shows beside itself (names in tooltips, other
   *   readings) could not be read
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, content);
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, header_rule);
  gtk_widget_class_bind_template_child (widget_class, SiglaDocumentView, text_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The rule under the header shows whenever the text is scrolled down; it
 * keeps its room when hidden, so that the text does not move. */
static void
scrolled_cb (GtkAdjustment     *adjustment,
             SiglaDocumentView *self)
{
  gtk_widget_set_opacity (self->header_rule, gtk_adjustment_get_value (adjustment) > 0 ? 1 : 0);
}

static void
sigla_document_view_init (SiglaDocumentView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _sigla_document_view_follow_init (self);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), "value-changed",
                           G_CALLBACK (scrolled_cb), self, 0);
  self->highlighter = sigla_highlighter_new (gtk_text_view_get_buffer (self->text_view));
  create_block_tags (self->text_view);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
}

static gboolean
read_rest_cb (gpointer user_data)
{
  SiglaDocumentView *self = user_data;
  g_autoptr(GError) error = NULL;

  self->rest_source = 0;
  if (!sigla_document_view_refresh (self, &error))
    _sigla_document_view_fail (self, error);
  return G_SOURCE_REMOVE;
}

/* Called as the first frame starts: the rest is read once it is drawn. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  SiglaDocumentView *self = user_data;

  self->first_frame_tick = 0;
  self->rest_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1, read_rest_cb, self, NULL);
  if (self->unread != NULL)
    read_alternatives (self, g_steal_pointer (&self->unread));
  return G_SOURCE_REMOVE;
}

void
_sigla_document_view_stop_loading (SiglaDocumentView *self)
{
  if (self->first_frame_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->first_frame_tick);
  self->first_frame_tick = 0;
  g_clear_handle_id (&self->rest_source, g_source_remove);
  g_clear_pointer (&self->unread, sigla_document_free);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
}

/**
 * sigla_document_view_show:
 *
 * Shows @document_id of @project with its metadata header and annotations:
 * those of the first screen at once, the others after the first frame.
 */
gboolean
sigla_document_view_show (SiglaDocumentView  *self,
                          SiglaProject       *project,
                          gint64              document_id,
                          GError            **error)
{
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GString) meta = g_string_new ("");
  GArray *top;

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), FALSE);

  document = sigla_document_get (project, document_id, error);
  top = document != NULL ? sigla_mark_list (project, document_id, FIRST_SCREEN, error) : NULL;
  if (top == NULL)
    return FALSE;

  sigla_document_view_clear (self);
  self->project = g_object_ref (project);
  self->document_id = document_id;
  sigla_change_queue_watch (&self->queue, project);

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
  if (!style_blocks (self, project, document_id, error))
    return FALSE;
  /* Only another tool's TEI has a reading, and readings it does not show. */
  if (document->reading != NULL)
    self->unread = g_steal_pointer (&document);
  sigla_highlighter_set_spans (self->highlighter, top);
  self->first_frame_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), first_frame_cb, self, NULL);
  return TRUE;
}

/**
 * sigla_document_view_describe:
 * @offset: a character of the text shown
 *
 * What the tooltip says of the character: the person, place, organisation
 * or date it belongs to, and the file's other reading of its words.
 *
 * Returns: (transfer full) (nullable): Pango markup, or %NULL for nothing
 */
char *
sigla_document_view_describe (SiglaDocumentView *self,
                              gint64             offset)
{
  const SiglaMark *mention = sigla_highlighter_mention_at (self->highlighter, offset);
  const SiglaTeiAlternative *alternative = alternative_at (self, offset);
  g_autofree char *markup = NULL;

  if (mention == NULL && alternative == NULL)
    return NULL;

  if (mention == NULL)
    markup = g_strdup ("");
  else if (mention->kind == SIGLA_KIND_DATE)
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", mention->when != NULL ? mention->when : "…", _("Date"));
  else
    {
      const char *name = mention->entity_id != 0 ? lookup_name (self, mention->entity_id) : NULL;
      const char *kinds[] = { N_("Person"), N_("Place"), N_("Organisation") };

      markup = g_markup_printf_escaped ("<b>%s</b>\n%s", name != NULL ? name : _("Not identified"),
                                        _(kinds[mention->kind]));
    }

  if (alternative != NULL)
    {
      /* What the edition has beside what is shown: "Also in the file: sic “whenn”". */
      g_autofree char *other = g_markup_printf_escaped (_("Also in the file: %s “%s”%s%s"), alternative->other,
                                                        alternative->other_text,
                                                        alternative->witness != NULL ? " " : "",
                                                        alternative->witness != NULL ? alternative->witness : "");

      return g_strconcat (markup, markup[0] != '\0' ? "\n" : "", other, NULL);
    }
  return g_steal_pointer (&markup);
}

void
sigla_document_view_clear (SiglaDocumentView *self)
{
  g_return_if_fail (SIGLA_IS_DOCUMENT_VIEW (self));

  _sigla_document_view_stop_loading (self);
  sigla_highlighter_clear (self->highlighter);
  sigla_change_queue_watch (&self->queue, NULL);
  g_clear_object (&self->project);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
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

/* Where the selection is on screen, for the tagging popover to point at:
 * brought into view first (a screen reader may select words out of view),
 * and kept inside the view, since a popover pointing off the screen has no
 * monitor to be placed on. */
gboolean
sigla_document_view_get_selection_area (SiglaDocumentView *self,
                                        GdkRectangle      *area)
{
  GtkTextIter from, to;
  GdkRectangle first, visible;
  graphene_point_t point;
  int x, y;

  if (!gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (self->text_view), &from, &to))
    return FALSE;

  gtk_text_view_get_iter_location (self->text_view, &from, &first);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  /* Scrolled at once: gtk_text_view_scroll_to_iter() animates the scroll,
   * and the popover, placed now, would point where the words were before. */
  if (!gdk_rectangle_intersect (&first, &visible, NULL))
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + first.y - visible.y -
                                            visible.height * 0.3);
      gtk_text_view_get_iter_location (self->text_view, &from, &first);
    }

  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, first.x, first.y, &x, &y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  area->width = MAX (first.width, 1);
  area->height = MAX (first.height, 1);
  area->x = CLAMP ((int) point.x, 0, MAX (gtk_widget_get_width (GTK_WIDGET (self)) - area->width, 0));
  area->y = CLAMP ((int) point.y, 0, MAX (gtk_widget_get_height (GTK_WIDGET (self)) - area->height, 0));
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

/* Shows where an entity is named: its mentions stand out, the first in view. */
void
sigla_document_view_emphasize (SiglaDocumentView *self,
                               gint64             entity_id)
{
  GArray *spans = sigla_highlighter_get_spans (self->highlighter);

  sigla_highlighter_emphasize (self->highlighter, entity_id);

  for (guint i = 0; entity_id != 0 && spans != NULL && i < spans->len; i++)
    {
      const SiglaMark *span = &g_array_index (spans, SiglaMark, i);
      GtkTextIter at;

      if (span->claim || span->entity_id != entity_id)
        continue;
      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->text_view), &at, span->start);
      gtk_text_view_scroll_to_iter (self->text_view, &at, 0.1, TRUE, 0.0, 0.3);
      break;
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
  GArray *spans = sigla_highlighter_get_spans (self->highlighter);
  GtkTextIter cursor, bound;
  const SiglaMark *chosen = NULL, *wrap = NULL;
  gint64 here;

  gtk_text_buffer_get_selection_bounds (buffer, &cursor, &bound);
  here = gtk_text_iter_get_offset (&cursor);

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      const SiglaMark *span = &g_array_index (spans, SiglaMark, forward ? i : spans->len - 1 - i);

      if (span->claim || span->entity_id != entity_id || entity_id == 0)
        continue;
      if (wrap == NULL)
        wrap = span;
      if (forward ? span->start > here : span->start < here)
        {
          chosen = span;
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

/* Marks [@start, @end) as a tag the file refused (or takes the mark away). */
void
sigla_document_view_mark_unsaved (SiglaDocumentView *self,
                                  gint64             start,
                                  gint64             end,
                                  gboolean           unsaved)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter from, to;

  g_return_if_fail (SIGLA_IS_DOCUMENT_VIEW (self));

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  if (unsaved)
    gtk_text_buffer_apply_tag_by_name (buffer, "unsaved", &from, &to);
  else
    gtk_text_buffer_remove_tag_by_name (buffer, "unsaved", &from, &to);
}

GtkTextView *
sigla_document_view_get_text_view (SiglaDocumentView *self)
{
  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), NULL);
  return self->text_view;
}

/**
 * sigla_document_view_get_entity_at_cursor:
 * @words: (out) (optional): the words of the mention at the cursor
 *
 * Returns: the entity the mention at the cursor names, or 0
 */
gint64
sigla_document_view_get_entity_at_cursor (SiglaDocumentView  *self,
                                          char              **words)
{
  GtkTextBuffer *buffer;
  const SiglaMark *mention;
  GtkTextIter start, end;

  g_return_val_if_fail (SIGLA_IS_DOCUMENT_VIEW (self), 0);

  mention = mention_at_cursor (self);
  if (words != NULL)
    *words = NULL;
  if (mention == NULL)
    return 0;
  if (words != NULL)
    {
      buffer = gtk_text_view_get_buffer (self->text_view);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) mention->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) mention->end);
      *words = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return mention->entity_id;
}
