/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-readings-task.h: reads the readings another edition's TEI does not show, in a thread. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void       sigla_readings_task_run    (GBytes              *source,
                                       char                *text,
                                       const char          *reading,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *sigla_readings_task_finish (GAsyncResult        *result);

G_END_DECLS
