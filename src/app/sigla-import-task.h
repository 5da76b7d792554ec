/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-import-task.h: imports files in a thread, with its own connection to the project,
 * reporting progress to the window, cancellable. */
#pragma once

#include <gio/gio.h>

#include "sigla-progress.h"

G_BEGIN_DECLS

void       sigla_import_task_run    (const char           *project_path,
                                     const char * const   *paths,
                                     GCancellable         *cancellable,
                                     SiglaProgressFunc     progress,
                                     gpointer              progress_data,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
guint      sigla_import_task_finish (GAsyncResult         *result,
                                     GPtrArray           **refusals,
                                     char                **reports,
                                     GError              **error);

G_END_DECLS
