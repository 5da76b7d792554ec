/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-progress.c: carries a worker thread's progress to the main context
 * that started it, where widgets may be touched. */

#define G_LOG_DOMAIN "sigla-progress"

#include <glib/gi18n.h>

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

/**
 * sigla_progress_time_left:
 * @elapsed: seconds since the work began
 *
 * Returns: (transfer full): " — about 3 minutes left", from the pace so
 *   far, to follow "Importing 1,200 of 20,000"; empty in the first seconds,
 *   when the pace is not known yet, and at the end
 */
char *
sigla_progress_time_left (double elapsed,
                          guint  done,
                          guint  total)
{
  double left;
  guint minutes;

  if (done == 0 || done >= total || elapsed < 2)
    return g_strdup ("");
  left = elapsed * (total - done) / done;
  if (left < 60)
    return g_strdup (_(" — less than a minute left"));
  minutes = (guint) (left / 60 + 0.5);
  return g_strdup_printf (ngettext (" — about %u minute left", " — about %u minutes left", minutes), minutes);
}
