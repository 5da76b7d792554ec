/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-export-task.h: writes a TEI export in a thread, with its own connection to the
 * project, so that a large corpus does not stop the window. */
#pragma once

#include <gio/gio.h>

#include "sigla-progress.h"

G_BEGIN_DECLS

void     sigla_export_task_run    (const char          *project_path,
                                   gint64               document_id,
                                   const char          *annotator,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   SiglaProgressFunc    progress,
                                   gpointer             progress_data,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean sigla_export_task_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
