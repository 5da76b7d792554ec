/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-options.h: what a TEI export is told: who annotated, how to report progress and
 * when to stop. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*SiglaTeiProgress) (guint    done,
                                  guint    total,
                                  gpointer user_data);

typedef struct
{
  const char       *annotator;      /* who annotated, for the TEI respStmt; NULL for "Sigla" */
  GCancellable     *cancellable;    /* checked between a corpus's documents */
  SiglaTeiProgress  progress;       /* told after each document of a corpus */
  gpointer          progress_data;
} SiglaTeiOptions;

G_END_DECLS
