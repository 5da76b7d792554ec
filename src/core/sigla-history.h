/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-history.h: how much undo history a project keeps, and compacting the file. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

/* What compacting a project did. */
typedef struct
{
  gint64 steps_dropped;   /* history steps past the limits, dropped with the copies they held */
  gint64 bytes_before;    /* the file (with its write-ahead log) before */
  gint64 bytes_after;
} SiglaCompactReport;

gboolean sigla_history_trim     (SiglaProject        *project,
                                 gboolean             by_size,
                                 gint64              *dropped,
                                 GError             **error);
gboolean sigla_project_compact  (SiglaProject        *project,
                                 SiglaCompactReport  *report,
                                 GError             **error);

G_END_DECLS
