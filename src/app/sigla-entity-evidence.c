/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity-evidence.c: an entity's other names with who says so, how surely and where,
 * and its relations to others. Each change is one action of the project, undone as any other. */

#define G_LOG_DOMAIN "sigla-entity-evidence"

#include <glib/gi18n.h>

#include "sigla-a11y.h"
#include "sigla-entity-evidence.h"

#define MAX_WORDS_SHOWN 80   /* code points of cited words in a row */

struct _SiglaEntityEvidence
{
  GtkWidget             parent_instance;

  AdwPreferencesGroup  *names_group;
  GtkListBox           *names_list;
  GtkListBox           *relations_list;
  GtkMenuButton        *add_button;
  GtkPopover           *add_popover;
  GtkLabel             *add_subject;
  GtkBox               *type_box;
  GtkCheckButton       *reverse_check;
  GtkCheckButton       *cite_check;
  GtkListBox           *other_list;

  SiglaProject         *project;
  SiglaEntity          *entity;
  GPtrArray            *type_buttons; /* GtkCheckButton, one a type of sigla_relation_types() */
  SiglaCiteFunc         cite;
  gpointer              cite_data;
};

G_DEFINE_FINAL_TYPE (SiglaEntityEvidence, sigla_entity_evidence, GTK_TYPE_WIDGET)

enum {
  JUMP,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fail (SiglaEntityEvidence *self,
      GError              *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

static const char *
certainty_label (const char *cert)
{
  if (g_strcmp0 (cert, "high") == 0)
    return _("certain");
  if (g_strcmp0 (cert, "medium") == 0)
    return _("probable");
  if (g_strcmp0 (cert, "low") == 0)
    return _("doubtful");
  return NULL;
}

/* "pseudonym · certain · said by A. Editor · “Cde. Filippov [Stalin]”, Cable No. 21726" */
static char *
describe (SiglaEntityEvidence *self,
          const char          *type,
          const SiglaEvidence *evidence)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *cert = certainty_label (evidence->cert);

  if (type != NULL)
    g_ptr_array_add (parts, g_strdup (type));
  if (cert != NULL)
    g_ptr_array_add (parts, g_strdup (cert));
  if (evidence->resp != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("said by %s"), evidence->resp));
  if (evidence->document_id != 0)
    {
      g_autofree char *words = sigla_evidence_words (self->project, evidence, NULL);
      g_autoptr(SiglaDocument) document = sigla_document_get (self->project, evidence->document_id, NULL);
      g_autofree char *shown = NULL;

      if (words != NULL)
        {
          g_strdelimit (words, "\n", ' ');
          shown = g_utf8_strlen (words, -1) > MAX_WORDS_SHOWN ? g_utf8_substring (words, 0, MAX_WORDS_SHOWN)
                                                               : g_strdup (words);
          g_ptr_array_add (parts, g_strdup_printf ("“%s%s”, %s", shown,
                                                   g_utf8_strlen (words, -1) > MAX_WORDS_SHOWN ? "…" : "",
                                                   document != NULL ? document->title : ""));
        }
    }
  if (parts->len == (type != NULL ? 1u : 0u))
    g_ptr_array_add (parts, g_strdup (_("nobody says so yet")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

/* The menu of one name: cite, go to the words, how surely, forget. */
static GMenuModel *
name_menu (guint                index,
           const SiglaEvidence *evidence)
{
  static const struct { const char *cert; const char *label; } certainties[] = {
    { "high", N_("Certain") },
    { "medium", N_("Probable") },
    { "low", N_("Doubtful") },
    { "", N_("Certainty Not Said") },
  };
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) words = g_menu_new ();
  g_autoptr(GMenu) surely = g_menu_new ();
  g_autoptr(GMenu) forget = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("Cite the Selected Words"), NULL);
  g_menu_item_set_action_and_target_value (item, "evidence.cite", g_variant_new_uint32 (index));
  g_menu_append_item (words, item);
  if (evidence->document_id != 0)
    {
      g_clear_object (&item);
      item = g_menu_item_new (_("Go to the Words"), NULL);
      g_menu_item_set_action_and_target_value (item, "evidence.go", g_variant_new_uint32 (index));
      g_menu_append_item (words, item);
    }
  for (guint i = 0; i < G_N_ELEMENTS (certainties); i++)
    {
      g_clear_object (&item);
      item = g_menu_item_new (_(certainties[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, "evidence.cert",
                                               g_variant_new ("(us)", index, certainties[i].cert));
      g_menu_append_item (surely, item);
    }
  g_clear_object (&item);
  item = g_menu_item_new (_("Forget Who Says So"), NULL);
  g_menu_item_set_action_and_target_value (item, "evidence.forget", g_variant_new_uint32 (index));
  g_menu_append_item (forget, item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (words));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (surely));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (forget));
  return G_MENU_MODEL (menu);
}

static void
fill_names (SiglaEntityEvidence *self)
{
  clear_list (self->names_list);
  gtk_widget_set_visible (GTK_WIDGET (self->names_group), self->entity->aliases->len > 0);
  for (guint i = 0; i < self->entity->aliases->len; i++)
    {
      const SiglaAlias *alias = self->entity->aliases->pdata[i];
      g_autofree char *subtitle = describe (self, alias->type, &alias->evidence);
      g_autofree char *menu_label = g_strdup_printf (_("Who says “%s” is a name of “%s”"), alias->name,
                                                     self->entity->label);
      g_autoptr(GMenuModel) menu = name_menu (i, &alias->evidence);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_menu_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alias->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, menu_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->names_list, row);
    }
}

static char *
entity_label (SiglaEntityEvidence *self,
              gint64               id)
{
  g_autoptr(SiglaEntity) entity = NULL;

  if (id == self->entity->id)
    return g_strdup (self->entity->label);
  entity = sigla_entity_get (self->project, id, NULL);
  return g_strdup (entity != NULL ? entity->label : "?");
}

static void
delete_relation_cb (GtkButton           *button,
                    SiglaEntityEvidence *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "relation"));
  g_autoptr(GError) error = NULL;

  if (!sigla_relation_delete (self->project, id, &error))
    fail (self, error);
}

static gboolean
fill_relations (SiglaEntityEvidence  *self,
                GError              **error)
{
  g_autoptr(GPtrArray) relations = sigla_relation_list (self->project, self->entity->id, error);

  if (relations == NULL)
    return FALSE;
  clear_list (self->relations_list);
  for (guint i = 0; i < relations->len; i++)
    {
      const SiglaRelation *relation = relations->pdata[i];
      g_autofree char *from = entity_label (self, relation->from_id);
      g_autofree char *to = entity_label (self, relation->to_id);
      g_autofree char *title = g_strdup_printf ("%s %s %s", from, sigla_relation_type_label (relation->type), to);
      g_autofree char *subtitle = describe (self, NULL, &relation->evidence);
      g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"), title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gint64 *span = g_new (gint64, 3);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), relation->evidence.document_id != 0);
      span[0] = relation->evidence.document_id;
      span[1] = relation->evidence.start;
      span[2] = relation->evidence.end;
      g_object_set_data_full (G_OBJECT (row), "span", span, g_free);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, delete_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
      g_object_set_data (G_OBJECT (button), "relation", GSIZE_TO_POINTER ((gsize) relation->id));
      g_signal_connect (button, "clicked", G_CALLBACK (delete_relation_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->relations_list, row);
    }
  return TRUE;
}

static void
relation_activated_cb (GtkListBox          *list,
                       GtkListBoxRow       *row,
                       SiglaEntityEvidence *self)
{
  const gint64 *span = g_object_get_data (G_OBJECT (row), "span");

  if (span != NULL && span[0] != 0)
    g_signal_emit (self, signals[JUMP], 0, span[0], span[1], span[2]);
}

/* -- the names' evidence, changed ------------------------------------------ */

typedef enum
{
  CHANGE_CITE,
  CHANGE_CERT,
  CHANGE_FORGET,
} Change;

/* Changes the evidence of the @index-th name, as the project has it now, in one action. */
static void
change_name (SiglaEntityEvidence *self,
             guint                index,
             Change               change,
             const char          *cert)
{
  g_autoptr(SiglaEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  SiglaEvidence cited = { NULL };
  SiglaAlias *alias = NULL;
  const char *name;

  if (self->entity == NULL || index >= self->entity->aliases->len)
    return;
  name = ((SiglaAlias *) self->entity->aliases->pdata[index])->name;
  if ((entity = sigla_entity_get (self->project, self->entity->id, &error)) == NULL)
    {
      fail (self, error);
      return;
    }
  for (guint i = 0; i < entity->aliases->len && alias == NULL; i++)
    if (g_str_equal (((SiglaAlias *) entity->aliases->pdata[i])->name, name))
      alias = entity->aliases->pdata[i];
  if (alias == NULL)
    return;

  switch (change)
    {
    case CHANGE_CITE:
      if (self->cite == NULL || !self->cite (self->cite_data, &cited))
        {
          g_set_error (&error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                       _("Select the words that say “%s” is a name of “%s” in the text first"), name, entity->label);
          fail (self, error);
          return;
        }
      alias->evidence.document_id = cited.document_id;
      alias->evidence.start = cited.start;
      alias->evidence.end = cited.end;
      g_free (alias->evidence.resp);
      alias->evidence.resp = g_steal_pointer (&cited.resp);
      sigla_evidence_clear (&cited);
      break;
    case CHANGE_CERT:
      g_free (alias->evidence.cert);
      alias->evidence.cert = cert != NULL && *cert != '\0' ? g_strdup (cert) : NULL;
      break;
    case CHANGE_FORGET:
    default:
      sigla_evidence_clear (&alias->evidence);
      break;
    }
  if (!sigla_entity_update (self->project, entity, &error))
    fail (self, error);
}

static void
cite_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  change_name (SIGLA_ENTITY_EVIDENCE (widget), g_variant_get_uint32 (parameter), CHANGE_CITE, NULL);
}

static void
cert_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  guint32 index;
  const char *cert;

  g_variant_get (parameter, "(u&s)", &index, &cert);
  change_name (SIGLA_ENTITY_EVIDENCE (widget), index, CHANGE_CERT, cert);
}

static void
forget_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  change_name (SIGLA_ENTITY_EVIDENCE (widget), g_variant_get_uint32 (parameter), CHANGE_FORGET, NULL);
}

static void
go_action (GtkWidget  *widget,
           const char *action,
           GVariant   *parameter)
{
  SiglaEntityEvidence *self = SIGLA_ENTITY_EVIDENCE (widget);
  guint index = g_variant_get_uint32 (parameter);
  const SiglaAlias *alias;

  if (self->entity == NULL || index >= self->entity->aliases->len)
    return;
  alias = self->entity->aliases->pdata[index];
  if (alias->evidence.document_id != 0)
    g_signal_emit (self, signals[JUMP], 0, alias->evidence.document_id, alias->evidence.start, alias->evidence.end);
}

/* -- a new relation --------------------------------------------------------- */

/* The other entities, listed again each time the popover opens: they may have changed. */
static void
add_popover_show_cb (GtkPopover          *popover,
                     SiglaEntityEvidence *self)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;

  if (self->entity == NULL || (entities = sigla_entity_list (self->project, &error)) == NULL)
    {
      if (error != NULL)
        fail (self, error);
      return;
    }
  clear_list (self->other_list);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];
      GtkWidget *label, *row;

      if (entity->id == self->entity->id)
        continue;
      label = gtk_label_new (entity->label);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "entity", GSIZE_TO_POINTER ((gsize) entity->id));
      sigla_a11y_set_row (row, entity->label, NULL);
      gtk_list_box_append (self->other_list, row);
    }
  subject = g_strdup_printf (_("“%s” and another: choose the kind, then the other"), self->entity->label);
  gtk_label_set_text (self->add_subject, subject);
}

/* The other chosen: the relation is added. */
static void
other_activated_cb (GtkListBox          *list,
                    GtkListBoxRow       *row,
                    SiglaEntityEvidence *self)
{
  gint64 other = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "entity"));
  const char * const *known = sigla_relation_types ();
  g_autoptr(SiglaRelation) relation = NULL;
  g_autoptr(GError) error = NULL;
  const char *type = known[0];

  if (self->entity == NULL || other == 0)
    return;
  for (guint i = 0; i < self->type_buttons->len; i++)
    if (gtk_check_button_get_active (self->type_buttons->pdata[i]))
      type = known[i];
  relation = gtk_check_button_get_active (self->reverse_check)
             ? sigla_relation_new (type, other, self->entity->id)
             : sigla_relation_new (type, self->entity->id, other);
  if (gtk_check_button_get_active (self->cite_check) &&
      (self->cite == NULL || !self->cite (self->cite_data, &relation->evidence)))
    {
      g_set_error_literal (&error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                           _("Select the words that say so in the text first, or add the relation without them"));
      fail (self, error);
      return;
    }
  gtk_popover_popdown (self->add_popover);
  if (!sigla_relation_insert (self->project, relation, &error))
    fail (self, error);
}

/* -- the widget ----------------------------------------------------------------- */

void
sigla_entity_evidence_set_cite_func (SiglaEntityEvidence *self,
                                     SiglaCiteFunc        func,
                                     gpointer             user_data)
{
  self->cite = func;
  self->cite_data = user_data;
}

static SiglaEntity *
copy_entity (const SiglaEntity *entity)
{
  SiglaEntity *copy = sigla_entity_new (entity->kind, entity->label);

  copy->id = entity->id;
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];
      SiglaAlias *kept = sigla_entity_add_alias (copy, alias->name, alias->type);

      sigla_evidence_copy (&kept->evidence, &alias->evidence);
    }
  return copy;
}

/**
 * sigla_entity_evidence_show:
 * @entity: as the project has it now; copied
 */
gboolean
sigla_entity_evidence_show (SiglaEntityEvidence  *self,
                            SiglaProject         *project,
                            const SiglaEntity    *entity,
                            GError              **error)
{
  g_set_object (&self->project, project);
  g_clear_pointer (&self->entity, sigla_entity_free);
  self->entity = copy_entity (entity);
  fill_names (self);
  return fill_relations (self, error);
}

static void
sigla_entity_evidence_dispose (GObject *object)
{
  SiglaEntityEvidence *self = SIGLA_ENTITY_EVIDENCE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_ENTITY_EVIDENCE);
  /* The template's outer box is not a bound child: it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->entity, sigla_entity_free);
  g_clear_pointer (&self->type_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (sigla_entity_evidence_parent_class)->dispose (object);
}

static void
sigla_entity_evidence_class_init (SiglaEntityEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_entity_evidence_dispose;

  /* Show these code points of this document: the words cited. */
  signals[JUMP] = g_signal_new ("jump", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_install_action (widget_class, "evidence.cite", "u", cite_action);
  gtk_widget_class_install_action (widget_class, "evidence.cert", "(us)", cert_action);
  gtk_widget_class_install_action (widget_class, "evidence.forget", "u", forget_action);
  gtk_widget_class_install_action (widget_class, "evidence.go", "u", go_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-entity-evidence.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, names_group);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, names_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, relations_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, add_button);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, add_popover);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, add_subject);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, type_box);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, reverse_check);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, cite_check);
  gtk_widget_class_bind_template_child (widget_class, SiglaEntityEvidence, other_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sigla_entity_evidence_init (SiglaEntityEvidence *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sigla_a11y_mend (GTK_WIDGET (self));
  /* The kinds of relation, one choice of them. */
  self->type_buttons = g_ptr_array_new ();
  for (const char * const *type = sigla_relation_types (); *type != NULL; type++)
    {
      GtkWidget *button = gtk_check_button_new_with_label (sigla_relation_type_label (*type));

      if (self->type_buttons->len > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), self->type_buttons->pdata[0]);
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
      gtk_box_append (self->type_box, button);
      g_ptr_array_add (self->type_buttons, button);
    }
  g_signal_connect (self->add_popover, "show", G_CALLBACK (add_popover_show_cb), self);
  g_signal_connect (self->other_list, "row-activated", G_CALLBACK (other_activated_cb), self);
  g_signal_connect (self->relations_list, "row-activated", G_CALLBACK (relation_activated_cb), self);
}
