/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window.c: the workbench: documents, the original text, and the panels of people,
 * places, organisations, dates and claims. */

#define G_LOG_DOMAIN "sigla-window"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sigla-application.h"
#include "sigla-claim-editor.h"
#include "sigla-document-view.h"
#include "sigla-entity-editor.h"
#include "sigla-export-task.h"
#include "sigla-import-task.h"
#include "sigla-project-care.h"
#include "sigla-row.h"
#include "sigla-tag-popover.h"
#include "sigla-window.h"

/* The panels, in the order of the view switcher. */
typedef enum
{
  PANEL_PEOPLE,
  PANEL_PLACES,
  PANEL_ORGS,
  PANEL_DATES,
  PANEL_CLAIMS,
  N_PANELS
} Panel;

struct _SiglaWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  GtkRevealer          *progress_revealer;
  GtkRevealer          *unsaved_revealer;
  GtkLabel             *unsaved_label;
  GtkProgressBar       *progress_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *document_list;
  GtkListView          *hit_list;
  GtkStack             *content_stack;
  SiglaDocumentView    *document_view;
  AdwViewStack         *panel_stack;
  GtkStack             *panel_side;
  SiglaEntityEditor    *entity_editor;
  SiglaClaimEditor     *claim_editor;
  GtkToggleButton      *whole_project;
  GMenuModel           *text_menu;
  GMenu                *recent_section;

  GSettings            *settings;
  SiglaProject         *project;
  GListStore           *documents;
  GtkSingleSelection   *document_selection;
  GListStore           *hits;
  GListStore           *panels[N_PANELS];
  SiglaTagPopover      *tag_popover;
  GCancellable         *task_cancellable;
  SiglaMention         *adding;           /* the mention being added, while it is */
  guint                 refresh_source;
  gboolean              refresh_documents;
  gboolean              refresh_view;
  GArray               *changed_marks;    /* SiglaMark (id and claim only): mentions and claims to read again */
  gboolean              refresh_names;
  gboolean              refresh_panels;
  gboolean              tagging;          /* inside sigla_window_tag_selection() */
  gboolean              placing_panels;   /* the panels' width being set, not dragged */
  gboolean              panels_placed;    /* … once, from the setting */
  char                 *refused_path;     /* the project that last failed to open */
  GPtrArray            *unsaved;          /* PendingTag: tags the file refused, to try again */
  gboolean              closing_unsaved;  /* the user chose to close over them */
  guint                 retry_source;
  gint64                tag_start;        /* the span being tagged while the popover is up */
  gint64                tag_end;
};

G_DEFINE_FINAL_TYPE (SiglaWindow, sigla_window, ADW_TYPE_APPLICATION_WINDOW)

/* How often a tag the file refused is tried again. */
#define RETRY_SECONDS 5

static const struct
{
  const char *name;
  const char *title;
  const char *icon;
  const char *empty;   /* what an empty panel says, and how to fill it */
  const char *how;
} panel_pages[N_PANELS] = {
  { "people", N_("People"), "avatar-default-symbolic",
    N_("No People Tagged"), N_("Select a name in the text and press P") },
  { "places", N_("Places"), "mark-location-symbolic",
    N_("No Places Tagged"), N_("Select a place name in the text and press L") },
  { "orgs", N_("Organisations"), "network-workgroup-symbolic",
    N_("No Organisations Tagged"), N_("Select an organisation's name in the text and press O") },
  { "dates", N_("Dates"), "x-office-calendar-symbolic",
    N_("No Dates Tagged"), N_("Select a date in the text and press D") },
  { "claims", N_("Claims"), "chat-message-new-symbolic",
    N_("No Claims Recorded"), N_("Select what someone asserts in the text and press C") },
};

/* -- lists ---------------------------------------------------------------- */

/* Every list shows rows of a title and a subtitle. */
static GListStore *
attach_list (GtkListView *view,
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

  return store;
}

static void
append_row (GListStore *store,
            SiglaRow   *row)
{
  g_list_store_append (store, row);
  g_object_unref (row);
}

/* One splice per panel, of only the rows that changed: appending row by row
 * would tell the list view thousands of times that it changed, and replacing
 * them all would have it build every visible row again after each edit. */
static void
replace_rows (GListStore *store,
              GPtrArray  *rows)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint first = 0, last = 0;

  while (first < n_old && first < rows->len)
    {
      g_autoptr(SiglaRow) shown = g_list_model_get_item (model, first);

      if (!sigla_row_equal (shown, rows->pdata[first]))
        break;
      first++;
    }
  while (last < n_old - first && last < rows->len - first)
    {
      g_autoptr(SiglaRow) shown = g_list_model_get_item (model, n_old - 1 - last);

      if (!sigla_row_equal (shown, rows->pdata[rows->len - 1 - last]))
        break;
      last++;
    }

  if (n_old - first - last > 0 || rows->len - first - last > 0)
    g_list_store_splice (store, first, n_old - first - last, rows->pdata + first, rows->len - first - last);
}

/* -- errors and notices --------------------------------------------------- */

static void
toast (SiglaWindow *self,
       const char  *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Opens a copy of @backup beside it, "NAME (recovered).sigla": the damaged
 * file is left as it is, and the backup stays a backup. */
/* Opens a copy of @backup beside it, "NAME (recovered).sigla": the damaged
 * file is left as it is, and the backup stays a backup. */
static void
open_backup_copy (SiglaWindow *self,
                  const char  *damaged,
                  const char  *backup)
{
  g_autofree char *path = sigla_project_care_sibling (damaged);
  g_autoptr(GFile) source = g_file_new_for_path (backup);
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_autoptr(GError) refused = g_error_new (SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot copy “%s” to “%s”: %s"),
                                               backup, path, error->message);

      sigla_window_show_error (self, refused);
      return;
    }
  if (!sigla_window_open_project (self, path, &error))
    {
      sigla_window_show_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Opened “%s”, made from the last good copy; the damaged file was left as it was"),
                             path);
  toast (self, message);
}

static void
backup_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SiglaWindow      *self)
{
  if (g_str_equal (response, "open-copy"))
    open_backup_copy (self, g_object_get_data (G_OBJECT (dialog), "damaged"),
                      g_object_get_data (G_OBJECT (dialog), "backup"));
  else if (g_str_equal (response, "recover"))
    sigla_project_care_recover (self, g_object_get_data (G_OBJECT (dialog), "damaged"));
}

void
sigla_window_notify (SiglaWindow *self,
                     const char  *message)
{
  toast (self, message);
}

void
sigla_window_show_error (SiglaWindow  *self,
                         const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Something Went Wrong"), error->message);
  g_autoptr(GPtrArray) backups = NULL;

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  /* A damaged project: its last good copy is offered, never a repair. */
  if (g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_CORRUPT) && self->refused_path != NULL &&
      (backups = sigla_project_list_backups (self->refused_path))->len > 0)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("The Project Is Damaged"));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open-copy", _("_Open the Last Good Copy"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open-copy",
                                                  ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "damaged", g_strdup (self->refused_path), g_free);
      g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backups->pdata[0]), g_free);
      g_signal_connect (dialog, "response", G_CALLBACK (backup_response_cb), self);
    }
  /* A file another program changed: its data, never its schema, into a new project. */
  else if (g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_TAMPERED) && self->refused_path != NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("The Project Was Changed Elsewhere"));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "recover", _("_Recover the Data"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover", ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "damaged", g_strdup (self->refused_path), g_free);
      g_signal_connect (dialog, "response", G_CALLBACK (backup_response_cb), self);
    }

  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- filling the lists ---------------------------------------------------- */

/* Its date and, for a letter, who wrote to whom: "1890-03-03 · Anna → Karl". */
static char *
document_subtitle (const SiglaDocument *document)
{
  g_autofree char *letter = NULL;

  if (document->sender != NULL || document->addressee != NULL)
    letter = g_strdup_printf ("%s → %s", document->sender != NULL ? document->sender : "?",
                              document->addressee != NULL ? document->addressee : "?");
  if (document->date != NULL && letter != NULL)
    return g_strdup_printf ("%s · %s", document->date, letter);
  return g_strdup (document->date != NULL ? document->date : letter);
}

/* By date (undated last) or by title, as the settings say; then as imported. */
static int
compare_documents (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const SiglaDocument *x = *(SiglaDocument * const *) a, *y = *(SiglaDocument * const *) b;
  g_autofree char *sort = g_settings_get_string (SIGLA_WINDOW (data)->settings, "document-sort");
  int order;

  if (g_str_equal (sort, "title"))
    order = g_utf8_collate (x->title, y->title);
  else if ((x->date == NULL) != (y->date == NULL))
    order = x->date == NULL ? 1 : -1;
  else
    order = g_strcmp0 (x->date, y->date);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

static void
load_documents (SiglaWindow *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 shown = sigla_document_view_get_document (self->document_view);

  g_list_store_remove_all (self->documents);
  if (self->project == NULL)
    return;

  documents = sigla_document_list (self->project, &error);
  if (documents == NULL)
    {
      sigla_window_show_error (self, error);
      return;
    }
  g_ptr_array_sort_with_data (documents, compare_documents, self);

  for (guint i = 0; i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];
      g_autofree char *subtitle = document_subtitle (document);

      append_row (self->documents, sigla_row_new (document->id, document->title, subtitle));
      if (document->id == shown)
        gtk_single_selection_set_selected (self->document_selection, i);
    }

  gtk_stack_set_visible_child_name (self->content_stack, shown != 0 ? "document" : "empty");
}

static char *
entity_names (const SiglaEntity *entity)
{
  GString *names = g_string_new ("");

  for (guint i = 0; i < entity->aliases->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", ((SiglaAlias *) entity->aliases->pdata[i])->name);

  return g_string_free (names, FALSE);
}

/* An entity's row: its name, how often it is named, its other names. */
static SiglaRow *
entity_row_new (const SiglaEntity *entity,
                guint              n)
{
  g_autofree char *aliases = entity_names (entity);
  g_autofree char *subtitle = *aliases != '\0'
    ? g_strdup_printf (ngettext ("%u mention · also %s", "%u mentions · also %s", n), n, aliases)
    : g_strdup_printf (ngettext ("%u mention", "%u mentions", n), n);
  SiglaRow *row = sigla_row_new (entity->id, entity->label, subtitle);

  sigla_row_set_count (row, n);
  return row;
}

static SiglaRow *
date_row_new (const SiglaMark *mark)
{
  SiglaRow *row = sigla_row_new (mark->id, mark->when != NULL ? mark->when : "…", NULL);

  sigla_row_set_span (row, mark->document_id, mark->start, mark->end);
  return row;
}

/* The panels' orders, as the project lists them: entities by name (SQLite's
 * NOCASE folds ASCII only), dates in text order. */
static int
compare_entity_rows (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  SiglaRow *x = (SiglaRow *) a, *y = (SiglaRow *) b;
  int order = g_ascii_strcasecmp (sigla_row_get_title (x), sigla_row_get_title (y));
  gint64 i = sigla_row_get_id (x), j = sigla_row_get_id (y);

  return order != 0 ? order : (i > j) - (i < j);
}

static int
compare_date_rows (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  SiglaRow *x = (SiglaRow *) a, *y = (SiglaRow *) b;
  gint64 keys[2][3] = {
    { sigla_row_get_document (x), sigla_row_get_start (x), sigla_row_get_id (x) },
    { sigla_row_get_document (y), sigla_row_get_start (y), sigla_row_get_id (y) },
  };

  for (guint k = 0; k < 3; k++)
    if (keys[0][k] != keys[1][k])
      return keys[0][k] < keys[1][k] ? -1 : 1;
  return 0;
}

/* The rows of every panel for one document (0: the whole project).
 * Mentions are counted in SQL: a panel need not read 50,000 of them to
 * show a number. */
static void
fill_panels (SiglaWindow *self,
             gint64       document,
             GPtrArray   *rows[N_PANELS])
{
  g_autoptr(GHashTable) counts = sigla_mention_count_by_entity (self->project, document, NULL);
  g_autoptr(GPtrArray) dates = sigla_mention_list_dates (self->project, document, NULL);
  g_autoptr(GPtrArray) claims = sigla_claim_list (self->project, document, NULL);
  g_autoptr(GPtrArray) entities = sigla_entity_list (self->project, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (counts == NULL || dates == NULL || claims == NULL || entities == NULL)
    return;

  for (guint i = 0; i < dates->len; i++)
    {
      const SiglaMention *date = dates->pdata[i];
      const SiglaMark mark = { .id = date->id, .kind = SIGLA_KIND_DATE, .document_id = date->document_id,
                               .start = date->start, .end = date->end, .when = date->when };

      g_ptr_array_add (rows[PANEL_DATES], date_row_new (&mark));
    }

  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &entity->id));

      g_hash_table_insert (names, &entity->id, entity->label);
      if (n > 0)
        g_ptr_array_add (rows[entity->kind], entity_row_new (entity, n));
    }

  for (guint i = 0; i < claims->len; i++)
    {
      SiglaClaim *claim = claims->pdata[i];
      const char *speaker = g_hash_table_lookup (names, &claim->speaker_id);
      g_autofree char *title = g_strdup_printf ("%s %s", speaker != NULL ? speaker : _("Someone"), claim->stance);
      SiglaRow *row = sigla_row_new (claim->id, title, claim->paraphrase);

      sigla_row_set_span (row, claim->document_id, claim->start, claim->end);
      g_ptr_array_add (rows[PANEL_CLAIMS], row);
    }
}

static gboolean
find_row (GListStore *store,
          gint64      id,
          guint      *position)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (sigla_row_get_id (row) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* A mention counted in its panel in place, @delta 1 when it came, -1 when
 * it went: rebuilding the panels after every tag or undo would hold the
 * window up for a tenth of a second on a large document. Returns FALSE if
 * the panels must be read again instead. */
static gboolean
count_mark (SiglaWindow     *self,
            const SiglaMark *mark,
            int              delta)
{
  GListStore *store;
  g_autoptr(SiglaEntity) entity = NULL;
  g_autoptr(SiglaRow) row = NULL;
  guint position, n;

  if (mark->claim)
    return FALSE;

  store = self->panels[mark->kind];
  if (mark->kind == SIGLA_KIND_DATE)
    {
      if (delta < 0)
        {
          if (!find_row (store, mark->id, &position))
            return FALSE;
          g_list_store_remove (store, position);
          return TRUE;
        }
      row = date_row_new (mark);
      g_list_store_insert_sorted (store, row, compare_date_rows, NULL);
      return TRUE;
    }

  if (mark->entity_id == 0)
    return TRUE;

  if (find_row (store, mark->entity_id, &position))
    {
      g_autoptr(SiglaRow) shown = g_list_model_get_item (G_LIST_MODEL (store), position);

      n = sigla_row_get_count (shown);
    }
  else
    {
      n = 0;
      position = G_MAXUINT;
    }
  if ((int) n + delta < 0)
    return FALSE;
  n += delta;

  if (n == 0)
    {
      if (position != G_MAXUINT)
        g_list_store_remove (store, position);
      return TRUE;
    }

  entity = sigla_entity_get (self->project, mark->entity_id, NULL);
  if (entity == NULL)
    return FALSE;
  row = entity_row_new (entity, n);
  if (position != G_MAXUINT)
    g_list_store_splice (store, position, 1, (gpointer *) &row, 1);
  else
    g_list_store_insert_sorted (store, row, compare_entity_rows, NULL);
  return TRUE;
}

/* Beyond this many changed mentions, reading the panels again costs less
 * than looking each one up among the shown marks. */
#define MAX_COUNTED_MARKS 64

/* The mentions an undo or a panel's edit changed, counted in place: each
 * as the text showed it goes, as it is now comes. Returns FALSE if the
 * panels must be read again: a claim changed, the text is still being read,
 * or a mention lies in a document the panels count but the text does not
 * show. */
static gboolean
count_changed_marks (SiglaWindow *self)
{
  gint64 document = sigla_document_view_get_document (self->document_view);
  gboolean whole = gtk_toggle_button_get_active (self->whole_project);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (document == 0 || self->changed_marks->len > MAX_COUNTED_MARKS)
    return FALSE;

  for (guint i = 0; i < self->changed_marks->len; i++)
    {
      const SiglaMark *changed = &g_array_index (self->changed_marks, SiglaMark, i);
      const SiglaMark *was = NULL;
      g_auto(SiglaMark) now = { 0 };
      g_autoptr(GError) error = NULL;
      gboolean exists;

      if (changed->claim || !sigla_document_view_find_mark (self->document_view, FALSE, changed->id, &was))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) &changed->id))
        continue;

      exists = sigla_mark_get (self->project, FALSE, changed->id, &now, &error);
      if (!exists && !g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND))
        return FALSE;
      if (exists && now.document_id != document)
        {
          if (whole)
            return FALSE;
          exists = FALSE;
        }
      if (was == NULL && !exists && whole)
        return FALSE;

      if ((was != NULL && !count_mark (self, was, -1)) || (exists && !count_mark (self, &now, 1)))
        return FALSE;
    }

  return TRUE;
}

/* The panels list what the shown document names, and its claims. */
static void
load_panels (SiglaWindow *self)
{
  gint64 document = sigla_document_view_get_document (self->document_view);
  gboolean whole = gtk_toggle_button_get_active (self->whole_project);
  GPtrArray *rows[N_PANELS];

  for (guint p = 0; p < N_PANELS; p++)
    rows[p] = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->project != NULL && (document != 0 || whole))
    fill_panels (self, whole ? 0 : document, rows);
  for (guint p = 0; p < N_PANELS; p++)
    {
      replace_rows (self->panels[p], rows[p]);
      g_ptr_array_unref (rows[p]);
    }
}

static void
update_actions (SiglaWindow *self)
{
  gboolean open = self->project != NULL;
  gboolean document = open && sigla_document_view_get_document (self->document_view) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-tei", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", open && sigla_project_can_undo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", open && sigla_project_can_redo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tag", document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-document-tei", document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", open);
}

/* The coalesced refresh: whatever changed since the last idle moment is
 * read again once, however many rows an undo touched. */
static gboolean
refresh_cb (gpointer user_data)
{
  SiglaWindow *self = user_data;

  self->refresh_source = 0;
  if (self->refresh_documents)
    load_documents (self);
  /* A few mentions changed (an undo, a panel's edit): only they are read
   * again, and counted, unless the view cannot take them one by one. The
   * count goes first: it needs the marks as they were shown. */
  if (self->changed_marks->len > 0 && !self->refresh_panels && !count_changed_marks (self))
    self->refresh_panels = TRUE;
  if (!self->refresh_view && self->changed_marks->len > 0 &&
      !sigla_document_view_update_marks (self->document_view, self->changed_marks))
    self->refresh_view = TRUE;
  g_array_set_size (self->changed_marks, 0);
  if (self->refresh_view && sigla_document_view_get_document (self->document_view) != 0)
    sigla_document_view_refresh (self->document_view, NULL);
  else if (self->refresh_names)
    sigla_document_view_reload_names (self->document_view);
  if (self->refresh_panels)
    load_panels (self);
  self->refresh_documents = self->refresh_view = self->refresh_names = self->refresh_panels = FALSE;
  update_actions (self);

  /* What the editors show may have changed, or gone (undo, delete). */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "editor") &&
      !sigla_entity_editor_show (self->entity_editor, self->project,
                                 sigla_entity_editor_get_entity (self->entity_editor),
                                 sigla_document_view_get_document (self->document_view), NULL))
    gtk_stack_set_visible_child_name (self->panel_side, "lists");
  if (g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "claim-editor") &&
      !sigla_claim_editor_show (self->claim_editor, self->project,
                                sigla_claim_editor_get_claim (self->claim_editor),
                                sigla_document_view_get_document (self->document_view), NULL))
    gtk_stack_set_visible_child_name (self->panel_side, "lists");

  return G_SOURCE_REMOVE;
}

/* The refresh runs just ahead of the text view's own layout work. */
static void
schedule_refresh (SiglaWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1, refresh_cb, self, NULL);
}

/* The project changed (an edit, an undo, an import). A mention this window
 * just added is highlighted and counted at once; the rest is read again
 * when idle. */
static void
project_changed_cb (SiglaProject *project,
                    int           change,
                    gint64        id,
                    SiglaWindow  *self)
{
  if (change == SIGLA_CHANGE_DOCUMENT)
    self->refresh_documents = self->refresh_view = self->refresh_panels = TRUE;
  else if (change == SIGLA_CHANGE_MENTION && self->adding != NULL && id == self->adding->id && id != 0)
    {
      g_auto(SiglaMark) mark = sigla_mark_from_mention (self->adding);

      sigla_document_view_add_mention (self->document_view, self->adding);
      self->refresh_panels |= !count_mark (self, &mark, 1);
    }
  else if (change == SIGLA_CHANGE_MENTION || change == SIGLA_CHANGE_CLAIM)
    {
      SiglaMark changed = { .id = id, .claim = change == SIGLA_CHANGE_CLAIM };

      g_array_append_val (self->changed_marks, changed);
    }
  else
    {
      /* A new entity has no row until its mention, which counts it in. */
      self->refresh_names = TRUE;
      self->refresh_panels |= !self->tagging;
    }

  schedule_refresh (self);
}

/**
 * sigla_window_catch_up:
 *
 * Shows what another program (sigla-cli, another window) has changed in the
 * project since the window last looked; called when the window regains the
 * focus.
 *
 * Returns: whether the project had changed
 */
gboolean
sigla_window_catch_up (SiglaWindow *self)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (self->project == NULL || !sigla_project_changed_elsewhere (self->project))
    return FALSE;

  self->refresh_documents = self->refresh_view = self->refresh_names = self->refresh_panels = TRUE;
  schedule_refresh (self);
  return TRUE;
}

/* Tags or an editor's edit the file refused, kept to try again. */
static gboolean
edits_unsaved (SiglaWindow *self)
{
  return self->unsaved->len > 0 || sigla_entity_editor_is_unsaved (self->entity_editor) ||
         sigla_claim_editor_is_unsaved (self->claim_editor);
}

static void
active_changed_cb (SiglaWindow *self,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;

  sigla_window_catch_up (self);
  if (edits_unsaved (self))
    sigla_window_retry_unsaved (self);
}

/* -- documents, search ---------------------------------------------------- */

/* The document list shows which document is open, however it was opened
 * (a search hit, a panel's row): its row is selected, or none. */
static void
select_document_row (SiglaWindow *self,
                     gint64       document_id)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SiglaRow) row = g_list_model_get_item (model, i);

      if (sigla_row_get_id (row) == document_id)
        {
          gtk_single_selection_set_selected (self->document_selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
}

gboolean
sigla_window_show_document (SiglaWindow  *self,
                            gint64        document_id,
                            GError      **error)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (!sigla_document_view_show (self->document_view, self->project, document_id, error))
    return FALSE;
  select_document_row (self, document_id);

  gtk_stack_set_visible_child_name (self->content_stack, "document");
  update_actions (self);
  /* The panels come in the next idle moment: the text is what the first frame needs. */
  self->refresh_panels = TRUE;
  schedule_refresh (self);
  return TRUE;
}

static void
document_selected_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      SiglaWindow        *self)
{
  SiglaRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GError) error = NULL;

  if (row != NULL && sigla_row_get_id (row) != sigla_document_view_get_document (self->document_view) &&
      !sigla_window_show_document (self, sigla_row_get_id (row), &error))
    sigla_window_show_error (self, error);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   SiglaWindow    *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_list_store_remove_all (self->hits);
  if (self->project == NULL || *query == '\0')
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "documents");
      return;
    }

  /* A query still being typed ("NOT" alone) finds nothing yet. */
  hits = sigla_search (self->project, query, 100, &error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->documents)); i++)
    {
      g_autoptr(SiglaRow) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);
      gint64 *id = g_new (gint64, 1);

      *id = sigla_row_get_id (document);
      g_hash_table_insert (titles, id, (gpointer) sigla_row_get_title (document));
    }

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      SiglaSearchHit *hit = hits->pdata[i];
      SiglaRow *row;

      if (hit->in_title)
        continue;
      row = sigla_row_new (hit->document_id, hit->snippet, g_hash_table_lookup (titles, &hit->document_id));
      sigla_row_set_span (row, hit->document_id, hit->start, hit->end);
      append_row (self->hits, row);
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, "hits");
}

/* A search hit, a date or a claim: show where it is. */
static void
span_activated_cb (GtkListView *view,
                   guint        position,
                   SiglaWindow *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(SiglaRow) row = g_list_model_get_item (model, position);
  g_autoptr(GError) error = NULL;

  if (sigla_row_get_document (row) != sigla_document_view_get_document (self->document_view) &&
      !sigla_window_show_document (self, sigla_row_get_document (row), &error))
    {
      sigla_window_show_error (self, error);
      return;
    }

  sigla_document_view_select_span (self->document_view, sigla_row_get_start (row), sigla_row_get_end (row));
  gtk_widget_grab_focus (GTK_WIDGET (sigla_document_view_get_text_view (self->document_view)));
}

/* A person, place or organisation: its mentions emphasised, its editor open. */
static void
edit_entity (SiglaWindow *self,
             gint64       entity_id)
{
  g_autoptr(GError) error = NULL;

  sigla_document_view_emphasize (self->document_view, entity_id);
  if (!sigla_entity_editor_show (self->entity_editor, self->project, entity_id,
                                 sigla_document_view_get_document (self->document_view), &error))
    {
      sigla_window_show_error (self, error);
      return;
    }
  gtk_stack_set_visible_child_name (self->panel_side, "editor");
}

static void
entity_activated_cb (GtkListView *view,
                     guint        position,
                     SiglaWindow *self)
{
  g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  edit_entity (self, sigla_row_get_id (row));
}

/* A claim: where it is in the text, and its editor open. */
static void
claim_activated_cb (GtkListView *view,
                    guint        position,
                    SiglaWindow *self)
{
  g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);
  g_autoptr(GError) error = NULL;

  span_activated_cb (view, position, self);
  if (!sigla_claim_editor_show (self->claim_editor, self->project, sigla_row_get_id (row),
                                sigla_row_get_document (row), &error))
    {
      sigla_window_show_error (self, error);
      return;
    }
  gtk_stack_set_visible_child_name (self->panel_side, "claim-editor");
}

static void
editor_done_cb (GtkWidget   *editor,
                SiglaWindow *self)
{
  sigla_document_view_emphasize (self->document_view, 0);
  gtk_stack_set_visible_child_name (self->panel_side, "lists");
}

static void
editor_jump_cb (SiglaEntityEditor *editor,
                gint64             start,
                gint64             end,
                SiglaWindow       *self)
{
  sigla_document_view_select_span (self->document_view, start, end);
  gtk_widget_grab_focus (GTK_WIDGET (sigla_document_view_get_text_view (self->document_view)));
}

static void keep_trying (SiglaWindow  *self,
                         const GError *error);

/* A value refused is said in a dialog; a write the file refused is kept in
 * the editor and tried again, as a tag is. */
static void
editor_failed_cb (GtkWidget    *editor,
                  const GError *error,
                  SiglaWindow  *self)
{
  if (sigla_error_is_write_failure (error))
    keep_trying (self, error);
  else
    sigla_window_show_error (self, error);
}

static void
step_mention (SiglaWindow *self,
              gboolean     forward)
{
  gint64 entity_id = g_str_equal (gtk_stack_get_visible_child_name (self->panel_side), "editor")
                     ? sigla_entity_editor_get_entity (self->entity_editor) : 0;

  if (!sigla_document_view_select_next_mention (self->document_view, entity_id, forward))
    toast (self, _("Choose a person, place or organisation first"));
}

static void
next_mention_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  step_mention (SIGLA_WINDOW (widget), TRUE);
}

static void
previous_mention_action (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  step_mention (SIGLA_WINDOW (widget), FALSE);
}

/* Clicking a highlight selects its entity's row. */
static void
view_entity_activated_cb (SiglaDocumentView *view,
                          gint64             entity_id,
                          SiglaWindow       *self)
{
  for (guint p = 0; p < PANEL_DATES; p++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->panels[p])); i++)
      {
        g_autoptr(SiglaRow) row = g_list_model_get_item (G_LIST_MODEL (self->panels[p]), i);

        if (sigla_row_get_id (row) == entity_id)
          {
            GtkWidget *page = adw_view_stack_get_child_by_name (self->panel_stack, panel_pages[p].name);
            GtkWidget *list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page));

            adw_view_stack_set_visible_child (self->panel_stack, page);
            gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))), i);
            edit_entity (self, entity_id);
            return;
          }
      }
}

/* -- tagging -------------------------------------------------------------- */

/* A tag to write: kept, shown as not saved and tried again when writing it
 * failed (a full disk, a project held by another program). */
typedef struct
{
  gint64  document;
  int     kind;
  gint64  entity_id;   /* 0: a new entity named text, set once it is made */
  char   *text;
  gint64  start;
  gint64  end;
} PendingTag;

static void
pending_tag_free (PendingTag *tag)
{
  g_free (tag->text);
  g_free (tag);
}

/* Inserts @tag: a date, a mention of an entity (made first if new), or a claim. */
static gboolean
insert_tag (SiglaWindow  *self,
            PendingTag   *tag,
            GError      **error)
{
  g_autoptr(SiglaMention) mention = NULL;
  gboolean added;

  if (tag->kind != SIGLA_KIND_DATE && tag->entity_id == 0)
    {
      g_autoptr(SiglaEntity) entity =
        sigla_entity_new (tag->kind == SIGLA_TAG_CLAIM ? SIGLA_KIND_PERSON : tag->kind, tag->text);

      if (!sigla_entity_insert (self->project, entity, error))
        return FALSE;
      tag->entity_id = entity->id;
    }

  if (tag->kind == SIGLA_TAG_CLAIM)
    {
      g_autoptr(SiglaClaim) claim = sigla_claim_new ();

      claim->document_id = tag->document;
      claim->start = tag->start;
      claim->end = tag->end;
      claim->speaker_id = tag->entity_id;
      return sigla_claim_insert (self->project, claim, error);
    }

  mention = sigla_mention_new ();
  mention->document_id = tag->document;
  mention->kind = tag->kind;
  mention->start = tag->start;
  mention->end = tag->end;
  if (tag->kind == SIGLA_KIND_DATE)
    mention->when = g_strdup (tag->text);
  else
    mention->entity_id = tag->entity_id;
  self->adding = mention;
  added = sigla_mention_insert (self->project, mention, error);
  self->adding = NULL;
  return added;
}

/* The "changed" signals that writing @tag causes are this window's own doing. */
static gboolean
write_tag (SiglaWindow  *self,
           PendingTag   *tag,
           GError      **error)
{
  gboolean written;

  self->tagging = TRUE;
  written = insert_tag (self, tag, error);
  self->tagging = FALSE;
  return written;
}

static void
show_unsaved (SiglaWindow  *self,
              const GError *error)
{
  g_autofree char *text =
    self->unsaved->len > 0
    ? g_strdup_printf (ngettext ("Not saved: %s. The tag is kept and Sigla tries again.",
                                 "Not saved: %s. The %u tags are kept and Sigla tries again.",
                                 self->unsaved->len),
                       error->message, self->unsaved->len)
    : g_strdup_printf (_("Not saved: %s. The edit is kept and Sigla tries again."), error->message);

  gtk_label_set_text (self->unsaved_label, text);
  gtk_revealer_set_reveal_child (self->unsaved_revealer, TRUE);
}

static gboolean retry_cb (gpointer user_data);

/* Says why the file refused, and tries again every few seconds. */
static void
keep_trying (SiglaWindow  *self,
             const GError *error)
{
  show_unsaved (self, error);
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
}

/**
 * sigla_window_retry_unsaved:
 *
 * Writes the tags that could not be written, in order, and stops at the
 * first that still cannot; then an editor's refused edit: called every few
 * seconds, on Try Again and when the window regains the focus.
 *
 * Returns: whether everything is saved now
 */
gboolean
sigla_window_retry_unsaved (SiglaWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean tags_pending;

  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  tags_pending = self->unsaved->len > 0;

  while (self->unsaved->len > 0 && self->project != NULL)
    {
      PendingTag *tag = self->unsaved->pdata[0];

      if (!write_tag (self, tag, &error))
        {
          show_unsaved (self, error);
          return FALSE;
        }
      if (tag->document == sigla_document_view_get_document (self->document_view))
        sigla_document_view_mark_unsaved (self->document_view, tag->start, tag->end, FALSE);
      g_ptr_array_remove_index (self->unsaved, 0);
    }

  if (tags_pending)
    toast (self, _("Saved"));

  /* An editor says why through its "failed"; saved, it is no longer red. */
  if ((sigla_entity_editor_is_unsaved (self->entity_editor) && !sigla_entity_editor_save (self->entity_editor)) ||
      (sigla_claim_editor_is_unsaved (self->claim_editor) && !sigla_claim_editor_save (self->claim_editor)))
    return FALSE;

  gtk_revealer_set_reveal_child (self->unsaved_revealer, FALSE);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  return TRUE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SiglaWindow      *self)
{
  if (!g_str_equal (response, "close"))
    return;
  self->closing_unsaved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing over edits the file refused asks first: they would be lost, and
 * the window would go on trying if it stayed open. */
static gboolean
sigla_window_close_request (GtkWindow *window)
{
  SiglaWindow *self = SIGLA_WINDOW (window);
  AdwMessageDialog *dialog;

  if (self->closing_unsaved || !edits_unsaved (self) || sigla_window_retry_unsaved (self))
    return GTK_WINDOW_CLASS (sigla_window_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Close Without Saving?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” cannot be written now, so what is marked as not saved would be lost. "
                                    "Left open, Sigla keeps trying."),
                                  sigla_project_get_path (self->project));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Open"), "close", _("Close _Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
retry_cb (gpointer user_data)
{
  SiglaWindow *self = user_data;

  if (!sigla_window_retry_unsaved (self))
    return G_SOURCE_CONTINUE;

  self->retry_source = 0;
  return G_SOURCE_REMOVE;
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  sigla_window_retry_unsaved (SIGLA_WINDOW (widget));
}

/**
 * sigla_window_tag_selection:
 * @kind: a #SiglaKind, or %SIGLA_TAG_CLAIM
 * @entity_id: the entity (the speaker, for a claim), or 0 to create one named @text
 * @text: a new entity's name, or a date's ISO value
 *
 * Tags the text selected in the document, as one action (two when the
 * entity is new: adding it, then tagging). If the file refuses the write,
 * the tag is kept, shown as not saved, and tried again; the error says why.
 */
gboolean
sigla_window_tag_selection (SiglaWindow  *self,
                            int           kind,
                            gint64        entity_id,
                            const char   *text,
                            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  PendingTag tag = { sigla_document_view_get_document (self->document_view), kind, entity_id,
                     (char *) text, self->tag_start, self->tag_end };

  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  /* However the tag was asked for, the popover's work is done. */
  gtk_popover_popdown (GTK_POPOVER (self->tag_popover));

  if (tag.start == tag.end && !sigla_document_view_get_selection (self->document_view, &tag.start, &tag.end))
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Select the words to tag first"));
      return FALSE;
    }
  self->tag_start = self->tag_end = 0;

  /* Behind a tag not saved, the next waits its turn: the file keeps their order. */
  if (self->unsaved->len == 0 && write_tag (self, &tag, &local_error))
    return TRUE;
  if (local_error == NULL)
    g_set_error_literal (&local_error, SIGLA_ERROR, SIGLA_ERROR_IO, _("An earlier tag is not saved yet"));

  if (sigla_error_is_write_failure (local_error))
    {
      PendingTag *kept = g_memdup2 (&tag, sizeof tag);

      kept->text = g_strdup (text);
      g_ptr_array_add (self->unsaved, kept);
      sigla_document_view_mark_unsaved (self->document_view, tag.start, tag.end, TRUE);
      keep_trying (self, local_error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
tag_chosen_cb (SiglaTagPopover *popover,
               gint64           entity_id,
               const char      *text,
               SiglaWindow     *self)
{
  g_autoptr(GError) error = NULL;

  /* A tag not saved is shown in the banner, not in a dialog. */
  if (!sigla_window_tag_selection (self, sigla_tag_popover_get_kind (popover), entity_id, text, &error) &&
      !sigla_error_is_write_failure (error))
    sigla_window_show_error (self, error);
  gtk_widget_grab_focus (GTK_WIDGET (sigla_document_view_get_text_view (self->document_view)));
}

static void
start_tagging (SiglaWindow *self,
               int          kind)
{
  g_autofree char *text = sigla_document_view_get_selected_text (self->document_view);
  GdkRectangle area;

  if (text == NULL || !sigla_document_view_get_selection (self->document_view, &self->tag_start, &self->tag_end))
    {
      toast (self, _("Select the words to tag first"));
      return;
    }

  sigla_tag_popover_start (self->tag_popover, self->project, kind, text);
  if (sigla_document_view_get_selection_area (self->document_view, &area))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->tag_popover), &area);
  gtk_popover_popup (GTK_POPOVER (self->tag_popover));
}

/* However the popover closes (Escape, a tag chosen, a click outside it,
 * which it takes), the keyboard is back in the text where it was: GTK would
 * give the focus to the next widget in the window, the pane's divider,
 * whose arrow keys then resize the panel. */
static void
tag_popover_closed_cb (SiglaWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (sigla_document_view_get_text_view (self->document_view)));
}

static void
tag_requested_cb (SiglaDocumentView *view,
                  int                kind,
                  SiglaWindow       *self)
{
  start_tagging (self, kind);
}

static void
tag_action (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  SiglaKind kind;

  if (g_str_equal (name, "claim"))
    start_tagging (self, SIGLA_TAG_CLAIM);
  else if (sigla_kind_from_string (name, &kind))
    start_tagging (self, kind);
}

static void
remove_requested_cb (SiglaDocumentView *view,
                     gint64             mention_id,
                     SiglaWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_mention_delete (self->project, mention_id, &error))
    sigla_window_show_error (self, error);
  else
    toast (self, _("Mention removed: Ctrl+Z brings it back"));
}

/* -- history -------------------------------------------------------------- */

static void
step_history (SiglaWindow *self,
              gboolean     undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  gboolean done;

  if (self->project == NULL)
    return;

  done = undo ? sigla_project_undo (self->project, &label, &error)
              : sigla_project_redo (self->project, &label, &error);
  if (!done)
    {
      if (!g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOTHING_TO_UNDO) &&
          !g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_NOTHING_TO_REDO))
        sigla_window_show_error (self, error);
      return;
    }

  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);
  toast (self, message);
  update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  step_history (SIGLA_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  step_history (SIGLA_WINDOW (widget), FALSE);
}

/* -- projects ------------------------------------------------------------- */

/* The main menu's Recent Projects: the last five that are still there. */
static void
fill_recent (SiglaWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  guint shown = 0;

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL && shown < 5; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      name = g_path_get_basename (recent[i]);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
      shown++;
    }
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_window_open_project (SIGLA_WINDOW (widget), g_variant_get_string (parameter, NULL), &error))
    sigla_window_show_error (SIGLA_WINDOW (widget), error);
}

static void
remember_project (SiglaWindow *self,
                  const char  *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && i < 9; i++)
    if (!g_str_equal (recent[i], path))
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-project", path);
}

static void
set_project (SiglaWindow  *self,
             SiglaProject *project)
{
  g_autofree char *name = NULL;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  sigla_document_view_clear (self->document_view);

  name = g_path_get_basename (sigla_project_get_path (project));
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, sigla_project_get_path (project));
  g_signal_connect (project, "changed", G_CALLBACK (project_changed_cb), self);
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  remember_project (self, sigla_project_get_path (project));

  load_documents (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->documents)) > 0)
    gtk_single_selection_set_selected (self->document_selection, 0);
  else
    load_panels (self);
  update_actions (self);

  /* The text is where the work is: the keys that tag go there at once. */
  if (sigla_document_view_get_document (self->document_view) != 0)
    gtk_widget_grab_focus (GTK_WIDGET (sigla_document_view_get_text_view (self->document_view)));
}

/* Tags not saved yet belong to the open project: another is not opened
 * over them. */
static gboolean
check_all_saved (SiglaWindow  *self,
                 GError      **error)
{
  if (!edits_unsaved (self))
    return TRUE;

  if (self->unsaved->len > 0)
    g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE,
                 ngettext ("“%s” holds %u tag not saved yet: try again once the file can be written",
                           "“%s” holds %u tags not saved yet: try again once the file can be written",
                           self->unsaved->len),
                 sigla_project_get_path (self->project), self->unsaved->len);
  else
    g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_IN_USE,
                 _("“%s” holds an edit not saved yet: try again once the file can be written"),
                 sigla_project_get_path (self->project));
  return FALSE;
}

gboolean
sigla_window_open_project (SiglaWindow  *self,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(SiglaProject) project = NULL;

  if (!check_all_saved (self, error))
    return FALSE;

  project = sigla_project_open (path, SIGLA_OPEN_DEFAULT, error);

  g_clear_pointer (&self->refused_path, g_free);
  if (project == NULL)
    {
      self->refused_path = g_strdup (path);
      return FALSE;
    }
  set_project (self, project);
  return TRUE;
}

gboolean
sigla_window_create_project (SiglaWindow  *self,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(SiglaProject) project = NULL;

  if (!check_all_saved (self, error))
    return FALSE;

  project = sigla_project_create (path, error);
  if (project == NULL)
    return FALSE;
  set_project (self, project);
  return TRUE;
}

/* The annotated sample, installed with Sigla (or named by SIGLA_SAMPLE_DIR). */
static GPtrArray *
sample_files (void)
{
  const char *folder = g_getenv ("SIGLA_SAMPLE_DIR") != NULL ? g_getenv ("SIGLA_SAMPLE_DIR") : SIGLA_SAMPLE_DIR;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (paths, NULL);
  return paths;
}

/**
 * sigla_window_open_sample:
 *
 * Opens the sample project in the user's data folder, making it from the
 * annotated sample the first time, so that a first start has something to
 * explore.
 */
gboolean
sigla_window_open_sample (SiglaWindow  *self,
                          GError      **error)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "sigla", NULL);
  g_autofree char *path = g_build_filename (folder, "Sample.sigla", NULL);
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) files = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return sigla_window_open_project (self, path, error);

  files = sample_files ();
  if (files->len <= 1)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("The sample documents are not installed"));
      return FALSE;
    }

  g_mkdir_with_parents (folder, 0700);
  project = sigla_project_create (path, error);
  if (project == NULL)
    return FALSE;
  if (sigla_import_files (project, (const char * const *) files->pdata, NULL, NULL, NULL, error) == 0)
    {
      g_clear_object (&project);
      g_remove (path);
      return FALSE;
    }

  set_project (self, project);
  return TRUE;
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!sigla_window_open_sample (SIGLA_WINDOW (widget), &error))
    sigla_window_show_error (SIGLA_WINDOW (widget), error);
}

SiglaProject *
sigla_window_get_project (SiglaWindow *self)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), NULL);
  return self->project;
}

SiglaDocumentView *
sigla_window_get_document_view (SiglaWindow *self)
{
  g_return_val_if_fail (SIGLA_IS_WINDOW (self), NULL);
  return self->document_view;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
project_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   SiglaWindow     *self)
{
  gboolean creating = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_object_unref (dialog);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;

  path = g_file_get_path (file);
  if (creating && !g_str_has_suffix (path, ".sigla"))
    {
      char *named = g_strconcat (path, ".sigla", NULL);

      g_free (path);
      path = named;
    }

  if (creating ? !sigla_window_create_project (self, path, &error) : !sigla_window_open_project (self, path, &error))
    sigla_window_show_error (self, error);
}

static void
choose_project (SiglaWindow *self,
                gboolean     creating)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (creating ? _("New Project") : _("Open Project"), GTK_WINDOW (self),
                                 creating ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                 creating ? _("_Create") : _("_Open"), _("_Cancel"));

  add_filter (GTK_FILE_CHOOSER (dialog), _("Sigla projects"), "*.sigla");
  if (creating)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Untitled.sigla"));
  g_signal_connect (dialog, "response", G_CALLBACK (project_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  choose_project (SIGLA_WINDOW (widget), TRUE);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  choose_project (SIGLA_WINDOW (widget), FALSE);
}

/* -- import and export ---------------------------------------------------- */

static void
show_progress (SiglaWindow *self,
               const char  *text,
               guint        done,
               guint        total)
{
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
import_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_autofree char *text = g_strdup_printf (_("Importing %u of %u"), done, total);

  show_progress (user_data, text, done, total);
}

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_autofree char *text = g_strdup_printf (_("Exporting %u of %u"), done, total);

  show_progress (user_data, text, done, total);
}

/* What the TEI files held, read and left in the tree only: nothing silent. */
static void
show_import_report (SiglaWindow *self,
                    const char  *reports)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("What the TEI Files Held"), NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (reports);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SiglaWindow) self = user_data;
  g_autoptr(GPtrArray) refusals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *reports = NULL;
  guint imported = sigla_import_task_finish (result, &refusals, &reports, &error);

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->task_cancellable);

  if (error != NULL)
    {
      sigla_window_show_error (self, error);
      return;
    }

  /* The import wrote through its own connection: read what it added. */
  load_documents (self);
  if (sigla_document_view_get_document (self->document_view) == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->documents)) > 0)
    gtk_single_selection_set_selected (self->document_selection, 0);
  update_actions (self);

  message = g_strdup_printf (ngettext ("%u file imported", "%u files imported", imported), imported);
  toast (self, message);
  if (refusals != NULL && refusals->len > 0)
    {
      g_autofree char *all = NULL;
      g_autoptr(GError) refused = NULL;

      /* g_strjoinv() reads up to a NULL; the array keeps its strings. */
      g_ptr_array_add (refusals, NULL);
      all = g_strjoinv ("\n\n", (char **) refusals->pdata);
      refused = g_error_new_literal (SIGLA_ERROR, SIGLA_ERROR_INVALID, all);

      sigla_window_show_error (self, refused);
    }
  else if (reports != NULL && reports[0] != '\0')
    show_import_report (self, reports);
}

/**
 * sigla_window_import:
 *
 * Imports the files in a thread, as one action, with a progress bar and a
 * Cancel button; the window stays responsive.
 */
void
sigla_window_import (SiglaWindow        *self,
                     const char * const *paths)
{
  g_return_if_fail (SIGLA_IS_WINDOW (self));

  if (self->project == NULL || self->task_cancellable != NULL || paths == NULL || paths[0] == NULL)
    return;

  self->task_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Importing…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  sigla_import_task_run (sigla_project_get_path (self->project), paths, self->task_cancellable,
                         import_progress_cb, self, import_done_cb, g_object_ref (self));
}

static void
offer_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SiglaWindow      *self)
{
  GStrv paths = g_object_get_data (G_OBJECT (dialog), "paths");

  if (g_str_equal (response, "import"))
    sigla_window_import (self, (const char * const *) paths);
}

/**
 * sigla_window_offer_import:
 *
 * Asks before importing files given on the command line or by the file
 * manager: into which project is the question, and the answer may be no.
 */
void
sigla_window_offer_import (SiglaWindow        *self,
                           const char * const *paths)
{
  guint n = paths != NULL ? g_strv_length ((char **) paths) : 0;
  g_autofree char *project = NULL;
  GtkWidget *dialog;

  if (n == 0)
    return;
  if (self->project == NULL)
    {
      toast (self, _("Open or create a project first, then import the documents into it"));
      return;
    }

  project = g_path_get_basename (sigla_project_get_path (self->project));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Documents?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("Import %u document into “%s”?", "Import %u documents into “%s”?", n),
                                  n, project);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  g_object_set_data_full (G_OBJECT (dialog), "paths", g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_signal_connect (dialog, "response", G_CALLBACK (offer_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
files_chosen_cb (GtkNativeDialog *dialog,
                 int              response,
                 SiglaWindow     *self)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_object_unref (dialog);
  if (response != GTK_RESPONSE_ACCEPT)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      g_ptr_array_add (paths, g_file_get_path (file));
    }
  g_ptr_array_add (paths, NULL);
  sigla_window_import (self, (const char * const *) paths->pdata);
}

static void
import_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Import Documents"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Import"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Text and TEI documents"), "*.txt");
  g_signal_connect (dialog, "response", G_CALLBACK (files_chosen_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cancel_task_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);

  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SiglaWindow   *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  sigla_window_import (self, (const char * const *) paths->pdata);
  return TRUE;
}

/* An export under way: its window and the file it writes. */
typedef struct
{
  SiglaWindow *window;
  char        *path;
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_object_unref (run->window);
  g_free (run->path);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRun, export_run_free)

/* Says where the file went, with a button that opens its folder. */
static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportRun) run = user_data;
  SiglaWindow *self = run->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *message = NULL;
  AdwToast *done;

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->task_cancellable);
  if (!sigla_export_task_finish (result, &error))
    {
      if (g_error_matches (error, SIGLA_ERROR, SIGLA_ERROR_CANCELLED))
        toast (self, _("Export cancelled: nothing was written"));
      else
        sigla_window_show_error (self, error);
      return;
    }

  name = g_path_get_basename (run->path);
  folder = g_path_get_dirname (run->path);
  message = g_strdup_printf (_("Exported as TEI to “%s” in “%s”"), name, folder);
  done = adw_toast_new (message);
  adw_toast_set_button_label (done, _("Open Folder"));
  adw_toast_set_action_name (done, "win.open-folder");
  adw_toast_set_action_target_value (done, g_variant_new_string (folder));
  adw_toast_overlay_add_toast (self->toast_overlay, done);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

/**
 * sigla_window_export_name:
 * @document: a document, or 0 for the whole project
 *
 * Returns: (transfer full): the name an export is offered: the document's
 *   ("0003-Ciphered-Telegram-No-25902.xml"), or the project's ("korea.xml")
 */
char *
sigla_window_export_name (SiglaWindow *self,
                          gint64       document)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (SIGLA_IS_WINDOW (self) && self->project != NULL, NULL);

  if (document != 0)
    {
      g_autoptr(SiglaDocument) shown = sigla_document_get (self->project, document, NULL);

      return sigla_tei_file_name (document, shown != NULL ? shown->title : NULL);
    }
  base = g_path_get_basename (sigla_project_get_path (self->project));
  if (g_str_has_suffix (base, ".sigla"))
    base[strlen (base) - strlen (".sigla")] = '\0';
  return g_strconcat (base, ".xml", NULL);
}

/**
 * sigla_window_export:
 * @document: a document, or 0 for the whole project as a teiCorpus
 *
 * Exports as TEI to @path in a thread, with a progress bar whose button
 * cancels it. Returns FALSE if an import or export is already running.
 */
gboolean
sigla_window_export (SiglaWindow *self,
                     gint64       document,
                     const char  *path)
{
  g_autofree char *annotator = NULL;
  ExportRun *run;

  g_return_val_if_fail (SIGLA_IS_WINDOW (self), FALSE);

  if (self->project == NULL || self->task_cancellable != NULL)
    return FALSE;

  annotator = g_settings_get_string (self->settings, "annotator-name");
  self->task_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Exporting…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  run = g_new0 (ExportRun, 1);
  run->window = g_object_ref (self);
  run->path = g_strdup (path);
  sigla_export_task_run (sigla_project_get_path (self->project), document,
                         *annotator != '\0' ? annotator : g_get_real_name (), path, self->task_cancellable,
                         export_progress_cb, self, export_done_cb, run);
  return TRUE;
}

/* The document chosen for export is kept on the dialog: 0 for the whole project. */
static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  SiglaWindow     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gint64 document = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "document"));
  g_autofree char *path = NULL;

  g_object_unref (dialog);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;

  path = g_file_get_path (file);
  if (!sigla_window_export (self, document, path))
    toast (self, _("An import or export is running: try again when it is done"));
}

static void
choose_export (SiglaWindow *self,
               gint64       document)
{
  g_autofree char *name = sigla_window_export_name (self, document);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (document != 0 ? _("Export Document as TEI") : _("Export Project as TEI"),
                                 GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "document", GSIZE_TO_POINTER (document));
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
compact_project_action (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  sigla_project_care_compact (SIGLA_WINDOW (widget));
}

static void
export_tei_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  choose_export (SIGLA_WINDOW (widget), 0);
}

static void
export_document_tei_action (GtkWidget  *widget,
                            const char *action,
                            GVariant   *parameter)
{
  SiglaWindow *self = SIGLA_WINDOW (widget);

  choose_export (self, sigla_document_view_get_document (self->document_view));
}

static void
search_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (SIGLA_WINDOW (widget)->search_entry));
}

/* -- window ------------------------------------------------------------- */

/* An empty panel says so, and how to fill it, instead of staying blank. */
static void
panel_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GtkStack   *stack)
{
  gtk_stack_set_visible_child_name (stack, g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

static void
add_panel (SiglaWindow *self,
           Panel        panel)
{
  GtkWidget *list = gtk_list_view_new (NULL, NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *stack = gtk_stack_new ();
  AdwViewStackPage *page;

  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(panel_pages[panel].title), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  self->panels[panel] = attach_list (GTK_LIST_VIEW (list), TRUE);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), panel_pages[panel].icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _(panel_pages[panel].empty));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _(panel_pages[panel].how));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (stack), empty, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "empty");
  g_signal_connect_object (self->panels[panel], "items-changed", G_CALLBACK (panel_items_changed_cb), stack, 0);

  g_signal_connect (list, "activate",
                    panel < PANEL_DATES ? G_CALLBACK (entity_activated_cb)
                    : panel == PANEL_CLAIMS ? G_CALLBACK (claim_activated_cb) : G_CALLBACK (span_activated_cb),
                    self);

  page = adw_view_stack_add_titled (self->panel_stack, stack, panel_pages[panel].name, _(panel_pages[panel].title));
  adw_view_stack_page_set_icon_name (page, panel_pages[panel].icon);
}

/* -- panes ---------------------------------------------------------------- */

/* The panels keep the width the user gave them, however wide the window.
 * A paned's position counts from its start, so the width (the separator's
 * included) is set again whenever the paned's size changes, which moves its
 * max-position. */
static void
panels_resized_cb (GtkPaned    *paned,
                   GParamSpec  *pspec,
                   SiglaWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  if (width == 0)
    return;

  self->placing_panels = TRUE;
  gtk_paned_set_position (paned, MAX (width - g_settings_get_int (self->settings, "panel-position"), 0));
  self->placing_panels = FALSE;
  self->panels_placed = TRUE;
}

static void
panels_moved_cb (GtkPaned    *paned,
                 GParamSpec  *pspec,
                 SiglaWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  /* The paned's first size comes before the setting was applied: not the user's. */
  if (self->panels_placed && !self->placing_panels && width > 0)
    g_settings_set_int (self->settings, "panel-position", width - gtk_paned_get_position (paned));
}

static void
sigla_window_dispose (GObject *object)
{
  SiglaWindow *self = SIGLA_WINDOW (object);

  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  /* Other windows change the same settings (the recent projects); the
   * settings object outlives this window in its bindings. */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SIGLA_TYPE_WINDOW);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->refused_path, g_free);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);
  g_clear_pointer (&self->changed_marks, g_array_unref);
  g_clear_object (&self->documents);
  g_clear_object (&self->document_selection);
  g_clear_object (&self->hits);
  for (guint p = 0; p < N_PANELS; p++)
    g_clear_object (&self->panels[p]);
  if (self->tag_popover != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (self->tag_popover));
      gtk_widget_unparent (GTK_WIDGET (self->tag_popover));
      self->tag_popover = NULL;
    }

  G_OBJECT_CLASS (sigla_window_parent_class)->dispose (object);
}

static void
sigla_window_class_init (SiglaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sigla_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = sigla_window_close_request;

  g_type_ensure (SIGLA_TYPE_DOCUMENT_VIEW);
  g_type_ensure (SIGLA_TYPE_ENTITY_EDITOR);
  g_type_ensure (SIGLA_TYPE_CLAIM_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sigla/Sigla/sigla-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, unsaved_revealer);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, unsaved_label);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, hit_list);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, panel_side);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, entity_editor);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, claim_editor);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, whole_project);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, text_menu);
  gtk_widget_class_bind_template_child (widget_class, SiglaWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.export-tei", NULL, export_tei_action);
  gtk_widget_class_install_action (widget_class, "win.compact-project", NULL, compact_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.export-document-tei", NULL, export_document_tei_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.tag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.next-mention", NULL, next_mention_action);
  gtk_widget_class_install_action (widget_class, "win.previous-mention", NULL, previous_mention_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.next-mention", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.previous-mention", NULL);
}

static void
sigla_window_init (SiglaWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.sigla.Sigla");
  self->unsaved = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_tag_free);
  self->changed_marks = g_array_new (FALSE, FALSE, sizeof (SiglaMark));
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sidebar-position", self->outer_paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
  g_signal_connect (self->inner_paned, "notify::max-position", G_CALLBACK (panels_resized_cb), self);
  g_signal_connect (self->inner_paned, "notify::position", G_CALLBACK (panels_moved_cb), self);

  /* The sort is a setting, so it is an action of the settings (and the menu shows it). */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GAction) sort = g_settings_create_action (self->settings, "document-sort");

    g_action_map_add_action (G_ACTION_MAP (group), sort);
    gtk_widget_insert_action_group (GTK_WIDGET (self), "sidebar", G_ACTION_GROUP (group));
  }
  g_signal_connect_swapped (self->settings, "changed::document-sort", G_CALLBACK (load_documents), self);
  g_signal_connect_swapped (self->settings, "changed::recent-projects", G_CALLBACK (fill_recent), self);
  fill_recent (self);

  self->documents = attach_list (self->document_list, FALSE);
  self->document_selection = g_object_ref (GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->document_list)));
  gtk_single_selection_set_can_unselect (self->document_selection, FALSE);
  g_signal_connect (self->document_selection, "notify::selected", G_CALLBACK (document_selected_cb), self);

  self->hits = attach_list (self->hit_list, TRUE);
  g_signal_connect (self->hit_list, "activate", G_CALLBACK (span_activated_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);

  for (Panel p = 0; p < N_PANELS; p++)
    add_panel (self, p);

  /* The tagging commands in the text's own context menu too. */
  gtk_text_view_set_extra_menu (sigla_document_view_get_text_view (self->document_view), self->text_menu);

  self->tag_popover = sigla_tag_popover_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->tag_popover), GTK_WIDGET (self->document_view));
  g_signal_connect (self->tag_popover, "chosen", G_CALLBACK (tag_chosen_cb), self);
  g_signal_connect_swapped (self->tag_popover, "closed", G_CALLBACK (tag_popover_closed_cb), self);
  g_signal_connect (self->document_view, "tag-requested", G_CALLBACK (tag_requested_cb), self);
  g_signal_connect (self->document_view, "entity-activated", G_CALLBACK (view_entity_activated_cb), self);
  g_signal_connect (self->document_view, "remove-requested", G_CALLBACK (remove_requested_cb), self);

  g_signal_connect_swapped (self->whole_project, "toggled", G_CALLBACK (load_panels), self);
  g_signal_connect (self->entity_editor, "done", G_CALLBACK (editor_done_cb), self);
  g_signal_connect (self->entity_editor, "jump", G_CALLBACK (editor_jump_cb), self);
  g_signal_connect (self->entity_editor, "failed", G_CALLBACK (editor_failed_cb), self);
  g_signal_connect (self->claim_editor, "done", G_CALLBACK (editor_done_cb), self);
  g_signal_connect (self->claim_editor, "failed", G_CALLBACK (editor_failed_cb), self);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_actions (self);
}

SiglaWindow *
sigla_window_new (AdwApplication *application)
{
  return g_object_new (SIGLA_TYPE_WINDOW, "application", application, NULL);
}
