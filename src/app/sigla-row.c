/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-row.c: one item of the window's own lists (a document, a search hit), and the rows
 * every list shows: a title and a subtitle, set or bound to a model's items. */

#include "sigla-a11y.h"
#include "sigla-row.h"

struct _SiglaRow
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  char    *subtitle;
  gint64   document;   /* where a hit or a claim is, to jump to it */
  gint64   start;
  gint64   end;
};

G_DEFINE_FINAL_TYPE (SiglaRow, sigla_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sigla_row_finalize (GObject *object)
{
  SiglaRow *self = SIGLA_ROW (object);

  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (sigla_row_parent_class)->finalize (object);
}

static void
sigla_row_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SiglaRow *self = SIGLA_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sigla_row_class_init (SiglaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sigla_row_finalize;
  object_class->get_property = sigla_row_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sigla_row_init (SiglaRow *self)
{
}

SiglaRow *
sigla_row_new (gint64      id,
               const char *title,
               const char *subtitle)
{
  SiglaRow *self = g_object_new (SIGLA_TYPE_ROW, NULL);

  self->id = id;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  return self;
}

gint64
sigla_row_get_id (SiglaRow *self)
{
  g_return_val_if_fail (SIGLA_IS_ROW (self), 0);
  return self->id;
}

const char *
sigla_row_get_title (SiglaRow *self)
{
  g_return_val_if_fail (SIGLA_IS_ROW (self), NULL);
  return self->title;
}

const char *
sigla_row_get_subtitle (SiglaRow *self)
{
  g_return_val_if_fail (SIGLA_IS_ROW (self), NULL);
  return self->subtitle;
}

gint64
sigla_row_get_document (SiglaRow *self)
{
  g_return_val_if_fail (SIGLA_IS_ROW (self), 0);
  return self->document;
}

gint64
sigla_row_get_start (SiglaRow *self)
{
  g_return_val_if_fail (SIGLA_IS_ROW (self), 0);
  return self->start;
}

gint64
sigla_row_get_end (SiglaRow *self)
{
  g_return_val_if_fail (SIGLA_IS_ROW (self), 0);
  return self->end;
}

void
sigla_row_set_span (SiglaRow *self,
                    gint64    document,
                    gint64    start,
                    gint64    end)
{
  g_return_if_fail (SIGLA_IS_ROW (self));

  self->document = document;
  self->start = start;
  self->end = end;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  SiglaRow *row = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *text = sigla_row_get_subtitle (row);

  gtk_label_set_text (GTK_LABEL (title), sigla_row_get_title (row));
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  gtk_widget_set_visible (subtitle, text != NULL && *text != '\0');
  /* GTK 4.8's list item is no widget: the row a screen reader meets is the child's parent. */
  sigla_a11y_set_row (gtk_widget_get_parent (gtk_list_item_get_child (item)), sigla_row_get_title (row), text);
}

/* -- rows bound to a model's items ------------------------------------------ */

/* The row a screen reader meets is named after what its labels say now. */
static void
name_row (GtkWidget *box)
{
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *row = gtk_widget_get_parent (box);

  if (row != NULL)
    sigla_a11y_set_row (row, gtk_label_get_text (GTK_LABEL (title)), gtk_label_get_text (GTK_LABEL (subtitle)));
}

/* A closure expression's callback: the object it is evaluated on, then its value. */
static gboolean
holds_text (GObject    *item,
            const char *text)
{
  return text != NULL && *text != '\0';
}

static void
setup_bound_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GtkExpression           **expressions)
{
  GtkWidget *box, *title, *subtitle;
  GtkExpression *shown;

  setup_row_cb (factory, item);
  box = gtk_list_item_get_child (item);
  title = gtk_widget_get_first_child (box);
  subtitle = gtk_widget_get_next_sibling (title);
  gtk_expression_bind (gtk_expression_ref (expressions[0]), title, "label", item);
  gtk_expression_bind (gtk_expression_ref (expressions[1]), subtitle, "label", item);
  shown = gtk_cclosure_expression_new (G_TYPE_BOOLEAN, NULL, 1, (GtkExpression *[]) { gtk_expression_ref (expressions[1]) },
                                       G_CALLBACK (holds_text), NULL, NULL);
  gtk_expression_bind (shown, subtitle, "visible", item);
  g_signal_connect_object (title, "notify::label", G_CALLBACK (name_row), box, G_CONNECT_SWAPPED);
  g_signal_connect_object (subtitle, "notify::label", G_CALLBACK (name_row), box, G_CONNECT_SWAPPED);
}

static void
bind_bound_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  name_row (gtk_list_item_get_child (item));
}

static void
free_expressions (gpointer  data,
                  GClosure *closure)
{
  GtkExpression **expressions = data;

  gtk_expression_unref (expressions[0]);
  gtk_expression_unref (expressions[1]);
  g_free (expressions);
}

/**
 * sigla_row_factory_new_bound:
 * @title: (transfer full): the title, an expression on the #GtkListItem
 * @subtitle: (transfer full): the subtitle, likewise; empty, it is hidden
 *
 * A factory for list views of a model's items, each row a title and,
 * dimmed below it, a subtitle, bound to the item: they change as it does.
 *
 * Returns: (transfer full): the factory
 */
GtkListItemFactory *
sigla_row_factory_new_bound (GtkExpression *title,
                             GtkExpression *subtitle)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression **expressions = g_new (GtkExpression *, 2);

  expressions[0] = title;
  expressions[1] = subtitle;
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_bound_cb), expressions, free_expressions, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_bound_cb), NULL);
  return factory;
}

/**
 * sigla_row_factory_new:
 *
 * Returns: (transfer full): a factory for list views of rows: a title and,
 *   dimmed below it, a subtitle when there is one
 */
GtkListItemFactory *
sigla_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  return factory;
}

/**
 * sigla_row_list_attach:
 * @single_click: whether a click activates a row, or selects it only
 *
 * Gives @view a store of rows to show, each a title and a subtitle, with a
 * selection that starts empty.
 *
 * Returns: (transfer full): the store
 */
GListStore *
sigla_row_list_attach (GtkListView *view,
                       gboolean     single_click)
{
  GtkListItemFactory *factory = sigla_row_factory_new ();
  GListStore *store = g_list_store_new (SIGLA_TYPE_ROW);
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (store)));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_factory (view, factory);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_single_click_activate (view, single_click);
  g_object_unref (factory);
  g_object_unref (selection);

  return store;
}
