/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tag-popover.c: links a selection to an entity, or a date to its value: completion
 * over names and aliases, or a new one. */

#define G_LOG_DOMAIN "sigla-tag-popover"

#include <glib/gi18n.h>

#include "sigla-document-view.h"
#include "sigla-row.h"
#include "sigla-tag-popover.h"

struct _SiglaTagPopover
{
  GtkPopover   parent_instance;

  GtkLabel    *heading;
  GtkEntry    *entry;
  GtkListView *list;

  int          kind;         /* SiglaKind, or SIGLA_TAG_CLAIM (a speaker is chosen) */
  GPtrArray   *candidates;   /* SiglaEntity of the kinds that fit */
  GListStore  *matches;      /* SiglaRow: id 0 is "New …" */
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (SiglaTagPopover, sigla_tag_popover, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
fits (int        kind,
      SiglaKind  entity_kind)
{
  /* Claims are made by people and organisations. */
  if (kind == SIGLA_TAG_CLAIM)
    return entity_kind == SIGLA_KIND_PERSON || entity_kind == SIGLA_KIND_ORG;
  return (int) entity_kind == kind;
}

/* "gaeseong" finds Kaesong: names and aliases, any case, with or without marks. */
static const char *
matching_name (const SiglaEntity *entity,
               const char        *typed)
{
  if (*typed == '\0' || g_str_match_string (typed, entity->label, TRUE))
    return entity->label;

  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];

      if (g_str_match_string (typed, alias->name, TRUE))
        return alias->name;
    }

  return NULL;
}

static char *
new_entity_title (int         kind,
                  const char *name)
{
  switch (kind)
    {
    case SIGLA_KIND_PERSON:
      return g_strdup_printf (_("New person “%s”"), name);
    case SIGLA_KIND_PLACE:
      return g_strdup_printf (_("New place “%s”"), name);
    case SIGLA_KIND_ORG:
      return g_strdup_printf (_("New organisation “%s”"), name);
    default:
      return g_strdup_printf (_("New speaker “%s”"), name);
    }
}

static void
update_matches (SiglaTagPopover *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (typed));
  gboolean exact = FALSE;

  g_list_store_remove_all (self->matches);

  if (self->kind == SIGLA_KIND_DATE)
    {
      g_autofree char *title = g_strdup_printf (_("Date %s"), stripped);
      g_autoptr(SiglaRow) row = sigla_row_new (0, title, sigla_date_is_iso (stripped) ? _("ISO 8601") : _("Not an ISO date: 1951-07-12, 1951-07 or 1951"));

      g_list_store_append (self->matches, row);
      return;
    }

  for (guint i = 0; self->candidates != NULL && i < self->candidates->len; i++)
    {
      SiglaEntity *entity = self->candidates->pdata[i];
      const char *name = matching_name (entity, stripped);
      g_autoptr(SiglaRow) row = NULL;
      g_autofree char *subtitle = NULL;

      if (name == NULL)
        continue;

      exact |= g_utf8_collate (entity->label, stripped) == 0;
      subtitle = name != entity->label ? g_strdup_printf (_("also “%s”"), name) : NULL;
      row = sigla_row_new (entity->id, entity->label, subtitle);
      g_list_store_append (self->matches, row);
    }

  if (!exact && *stripped != '\0')
    {
      g_autofree char *title = new_entity_title (self->kind, stripped);
      g_autoptr(SiglaRow) row = sigla_row_new (0, title, NULL);

      /* An existing name is what the historian most often means: it comes first. */
      g_list_store_append (self->matches, row);
    }

  gtk_single_selection_set_selected (self->selection, 0);
}

static void
choose (SiglaTagPopover *self,
        SiglaRow        *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (row == NULL || (sigla_row_get_id (row) == 0 && *text == '\0'))
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, sigla_row_get_id (row), text);
}

static void
activate_cb (GtkEntry        *entry,
             SiglaTagPopover *self)
{
  choose (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
list_activate_cb (GtkListView     *list,
                  guint            position,
                  SiglaTagPopover *self)
{
  g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (self->matches), position);

  choose (self, row);
}

/* Up and Down in the entry move through the names. */
static gboolean
entry_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              SiglaTagPopover       *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (n == 0 || (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up))
    return FALSE;

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else if (keyval == GDK_KEY_Down)
    selected = MIN (selected + 1, n - 1);
  else if (selected > 0)
    selected--;

  gtk_single_selection_set_selected (self->selection, selected);
  return TRUE;
}

static void
sigla_tag_popover_dispose (GObject *object)
{
  SiglaTagPopover *self = SIGLA_TAG_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_TAG_POPOVER);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (sigla_tag_popover_parent_class)->dispose (object);
}

static void
sigla_tag_popover_class_init (SiglaTagPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_tag_popover_dispose;

  /**
   * SiglaTagPopover::chosen:
   * @entity_id: the entity chosen, or 0 for a new one (or a date)
   * @text: what was typed: the new entity's name, or the date's ISO value
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-tag-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaTagPopover, heading);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, SiglaTagPopover, list);
}

static void
sigla_tag_popover_init (SiglaTagPopover *self)
{
  GtkListItemFactory *factory = sigla_row_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_list_store_new (SIGLA_TYPE_ROW);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->matches));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);

  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (update_matches), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect (self->list, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

SiglaTagPopover *
sigla_tag_popover_new (void)
{
  return g_object_new (SIGLA_TYPE_TAG_POPOVER, NULL);
}

/**
 * sigla_tag_popover_start:
 * @kind: a #SiglaKind, or %SIGLA_TAG_CLAIM to choose a claim's speaker
 * @text: the selected words; a date's are read for its ISO value
 *
 * Fills the popover for one tagging; the caller pops it up.
 *
 * Returns: FALSE if the project's entities, to choose from, could not be read
 */
gboolean
sigla_tag_popover_start (SiglaTagPopover  *self,
                         SiglaProject     *project,
                         int               kind,
                         const char       *text,
                         GError          **error)
{
  const char *headings[] = { N_("Person"), N_("Place"), N_("Organisation"), N_("Date"), N_("Claim: who says it?") };
  g_autoptr(GPtrArray) entities = sigla_entity_list (project, error);

  if (entities == NULL)
    return FALSE;

  self->kind = kind;
  gtk_label_set_text (self->heading, _(headings[kind]));

  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_entity_free);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      if (fits (kind, entity->kind))
        g_ptr_array_add (self->candidates, g_ptr_array_steal_index (entities, i--));
    }

  if (kind == SIGLA_KIND_DATE)
    {
      SiglaDate date;
      g_autofree char *iso = sigla_date_parse (text, &date) ? sigla_date_to_iso (&date) : NULL;

      gtk_editable_set_text (GTK_EDITABLE (self->entry), iso != NULL ? iso : "");
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->entry), kind == SIGLA_TAG_CLAIM ? "" : text);

  update_matches (self);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  return TRUE;
}

int
sigla_tag_popover_get_kind (SiglaTagPopover *self)
{
  return self->kind;
}
