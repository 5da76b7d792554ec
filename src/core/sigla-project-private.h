/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-project-private.h: what the core's store files share about a project. */
#pragma once

#include "sigla-db.h"
#include "sigla-project.h"

G_BEGIN_DECLS

SiglaDb  *sigla_project_get_db       (SiglaProject  *self);
gboolean  sigla_project_begin_action (SiglaProject  *self,
                                      const char    *label,
                                      GError       **error);
gboolean  sigla_project_end_action   (SiglaProject  *self,
                                      GError       **error);
void      sigla_project_abort_action (SiglaProject  *self);
void      sigla_project_note_change  (SiglaProject  *self,
                                      SiglaChange    change,
                                      gint64         id);
gboolean  sigla_project_delete_row   (SiglaProject  *self,
                                      const char    *label,
                                      const char    *table,
                                      gint64         id,
                                      SiglaChange    change,
                                      const char    *what,
                                      GError       **error);
void      sigla_project_index_document (SiglaProject  *self,
                                        gint64         id);
char     *sigla_project_now          (void);

G_END_DECLS
