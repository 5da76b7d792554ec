/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-progress.h: carries a worker thread's progress to the main context that started it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called in the main context that started the work. */
typedef void (*SiglaProgressFunc) (guint    done,
                                   guint    total,
                                   gpointer user_data);

typedef struct _SiglaProgress SiglaProgress;

SiglaProgress *sigla_progress_new    (SiglaProgressFunc  func,
                                      gpointer           user_data);
void           sigla_progress_report (SiglaProgress     *self,
                                      guint              done,
                                      guint              total);
void           sigla_progress_free   (SiglaProgress     *self);
char          *sigla_progress_time_left (double          elapsed,
                                         guint           done,
                                         guint           total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaProgress, sigla_progress_free)

G_END_DECLS
