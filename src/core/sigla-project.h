/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-project.h: one open project file, its user actions and their undo journal. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SIGLA_TYPE_PROJECT (sigla_project_get_type ())

G_DECLARE_FINAL_TYPE (SiglaProject, sigla_project, SIGLA, PROJECT, GObject)

typedef enum
{
  SIGLA_OPEN_DEFAULT = 0,
  SIGLA_OPEN_READ_ONLY = 1 << 0,
  SIGLA_OPEN_CHECK = 1 << 1,      /* check the whole file for damage, however large */
} SiglaOpenFlags;

/* What a "changed" signal is about. */
typedef enum
{
  SIGLA_CHANGE_DOCUMENT,
  SIGLA_CHANGE_ENTITY,
  SIGLA_CHANGE_MENTION,
  SIGLA_CHANGE_CLAIM,
} SiglaChange;

typedef struct
{
  gint64 documents;
  gint64 entities;
  gint64 mentions;
  gint64 claims;
} SiglaCounts;

SiglaProject *sigla_project_create       (const char      *path,
                                          GError         **error);
SiglaProject *sigla_project_open         (const char      *path,
                                          SiglaOpenFlags   flags,
                                          GError         **error);
const char   *sigla_project_get_path     (SiglaProject    *self);
gboolean      sigla_project_get_counts   (SiglaProject    *self,
                                          SiglaCounts     *counts,
                                          GError         **error);
gboolean      sigla_project_can_undo     (SiglaProject    *self);
gboolean      sigla_project_can_redo     (SiglaProject    *self);
gboolean      sigla_project_undo         (SiglaProject    *self,
                                          char           **label,
                                          GError         **error);
gboolean      sigla_project_redo         (SiglaProject    *self,
                                          char           **label,
                                          GError         **error);
GPtrArray    *sigla_project_list_backups (const char     *path);
gboolean      sigla_project_changed_elsewhere (SiglaProject *self);

G_END_DECLS
