/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-recover.h: the data of a project file Sigla refuses, copied into a new project. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One table of a recovery: the rows taken into the new project and those left. */
typedef struct
{
  char     *name;
  gint64    taken;
  gint64    left;
  gboolean  unreadable;   /* the table could not be read at all */
  char     *problem;      /* (nullable): why the first row left was left */
} SiglaRecoveredTable;

typedef struct
{
  GArray *tables;   /* SiglaRecoveredTable */
} SiglaRecoverReport;

gboolean sigla_project_recover     (const char           *path,
                                    const char           *new_path,
                                    SiglaRecoverReport  **report,
                                    GError              **error);
void     sigla_recover_report_free (SiglaRecoverReport   *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaRecoverReport, sigla_recover_report_free)

G_END_DECLS
