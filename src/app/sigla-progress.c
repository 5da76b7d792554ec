/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-progress.c: carries a worker thread's progress to the main context
 * that started it, where widgets may be touched. */

#define G_LOG_DOMAIN "sigla-progress"

#include "sigla-progress.h"

struct _SiglaProgress
{
  SiglaProgressFunc  func;
  gpointer           user_data;
  GMainContext      *context;
};

/* One report on its way: it carries what it needs, so that it may arrive
 * after the work (and its SiglaProgress) is done. */
typedef struct
{
  SiglaProgressFunc func;
  gpointer          user_data;
  guint             done;
  guint             total;
} Report;

static gboolean
deliver_cb (gpointer data)
{
  Report *report = data;

  report->func (report->done, report->total, report->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * sigla_progress_new:
 * @func: (nullable): told in the calling thread's main context; NULL for nobody
 */
SiglaProgress *
sigla_progress_new (SiglaProgressFunc func,
                    gpointer          user_data)
{
  SiglaProgress *self = g_new0 (SiglaProgress, 1);

  self->func = func;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  return self;
}

/* From any thread. */
void
sigla_progress_report (SiglaProgress *self,
                       guint          done,
                       guint          total)
{
  Report *report;

  if (self->func == NULL)
    return;

  report = g_new (Report, 1);
  *report = (Report) { self->func, self->user_data, done, total };
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver_cb, report, g_free);
}

void
sigla_progress_free (SiglaProgress *self)
{
  if (self == NULL)
    return;

  g_main_context_unref (self->context);
  g_free (self);
}
