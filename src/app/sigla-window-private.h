/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-window-private.h: the window's parts, shared by the files that build it: the window
 * (sigla-window.c), its actions, its documents, its panes, following the project, drag and
 * drop, import and export, tagging, and the edits the file refused (sigla-window-*.c). */
#pragma once

#include "sigla-claim-editor.h"
#include "sigla-entity-editor.h"
#include "sigla-find-bar.h"
#include "sigla-panels.h"
#include "sigla-session.h"
#include "sigla-tag-popover.h"
#include "sigla-window.h"

G_BEGIN_DECLS

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
  AdwFlap              *sidebar_flap;
  GtkPaned             *inner_paned;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *document_list;
  GtkListView          *hit_list;
  GtkStack             *content_stack;
  SiglaFindBar         *find_bar;
  SiglaDocumentView    *document_view;
  AdwViewStack         *panel_stack;
  GtkBox               *panel_box;
  GtkStack             *panel_side;
  SiglaEntityEditor    *entity_editor;
  SiglaClaimEditor     *claim_editor;
  GtkToggleButton      *whole_project;
  GMenuModel           *text_menu;
  GMenu                *recent_section;

  SiglaSession         *session;
  GSettings            *settings;
  SiglaProject         *project;
  SiglaDocumentModel   *documents;
  GtkSingleSelection   *document_selection;
  GListStore           *hits;
  guint                 hit_documents;   /* the documents the hits shown come from */
  gboolean              hits_all;        /* no more to load as the list scrolls */
  SiglaPanels          *panels;
  SiglaTagPopover      *tag_popover;
  GCancellable         *task_cancellable;
  gint64                task_started;   /* monotonic time, for the time left */
  guint                 refresh_source;
  gboolean              refresh_documents;
  gboolean              refresh_view;      /* another program changed the project */
  gboolean              refresh_panels;
  gboolean              placing_panels;   /* the panels' width being set, not dragged */
  gboolean              panels_placed;    /* … once, from the setting */
  char                 *refused_path;     /* the project that last failed to open */
  GPtrArray            *unsaved;          /* SiglaPendingTag: tags the file refused, to try again */
  gboolean              closing_unsaved;  /* the user chose to close over them */
  guint                 retry_source;
  gint64                tag_start;        /* the span being tagged while the popover is up */
  gint64                tag_end;
};

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
} SiglaPendingTag;

/* sigla-window.c */
void     _sigla_window_focus_text       (SiglaWindow     *self);
gboolean _sigla_window_show_span        (SiglaWindow     *self,
                                         gint64           document,
                                         gint64           start,
                                         gint64           end);

/* sigla-window-documents.c */
void     _sigla_window_documents_init   (SiglaWindow     *self);
void     _sigla_window_load_documents   (SiglaWindow     *self);
void     _sigla_window_order_documents  (SiglaWindow     *self);
void     _sigla_window_select_document_row (SiglaWindow  *self,
                                         gint64           document_id);


/* sigla-window-actions.c */
void     _sigla_window_class_actions_init (GtkWidgetClass *widget_class);
void     _sigla_window_update_actions   (SiglaWindow     *self);

/* sigla-window-panes.c */
void     _sigla_window_cycle_panes      (SiglaWindow     *self,
                                         gboolean         forward);
void     _sigla_window_search_corpus    (SiglaWindow     *self);
void     _sigla_window_panes_init       (SiglaWindow     *self);
void     _sigla_window_set_show_panels  (SiglaWindow     *self,
                                         gboolean         shown);

/* sigla-window-refresh.c */
void     _sigla_window_load_panels      (SiglaWindow     *self);
void     _sigla_window_schedule_refresh (SiglaWindow     *self);
void     _sigla_window_project_changed_cb (SiglaProject  *project,
                                         int              change,
                                         gint64           id,
                                         SiglaWindow     *self);

/* sigla-window-dnd.c */
void     _sigla_window_dnd_init         (SiglaWindow     *self);

/* sigla-window-transfer.c */
void     _sigla_window_choose_import    (SiglaWindow     *self,
                                         gboolean         folders);
void     _sigla_window_choose_export    (SiglaWindow     *self,
                                         gint64           document);

/* sigla-window-tagging.c */
void     _sigla_window_tagging_init     (SiglaWindow     *self);
void     _sigla_window_tagging_dispose  (SiglaWindow     *self);
void     _sigla_window_split_entity     (SiglaWindow     *self,
                                         gint64           entity_id);
void     _sigla_window_tag_all          (SiglaWindow     *self,
                                         gint64           entity_id,
                                         const char      *words);
void     _sigla_window_start_tagging    (SiglaWindow     *self,
                                         int              kind);

/* sigla-window-unsaved.c */
gboolean _sigla_window_write_tag        (SiglaWindow     *self,
                                         SiglaPendingTag *tag,
                                         GError         **error);
void     _sigla_window_keep_tag         (SiglaWindow     *self,
                                         const SiglaPendingTag *tag,
                                         const GError    *error);
void     _sigla_window_keep_trying      (SiglaWindow     *self,
                                         const GError    *error);
gboolean _sigla_window_edits_unsaved    (SiglaWindow     *self);
gboolean _sigla_window_check_all_saved  (SiglaWindow     *self,
                                         GError         **error);
gboolean _sigla_window_confirm_close    (SiglaWindow     *self);
void     _sigla_window_pending_tag_free (SiglaPendingTag *tag);

G_END_DECLS
