/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-output.h: writes an export to a file through a temporary one, renamed at the end; many
 * files at once with one sync. */
#pragma once

#include <gio/gio.h>

#include "sigla-project.h"

G_BEGIN_DECLS

typedef gboolean (*SiglaWriteFunc) (SiglaProject   *project,
                                    GOutputStream  *output,
                                    gpointer        data,
                                    GError        **error);

gboolean sigla_output_write_file (const char      *path,
                                  SiglaWriteFunc   write,
                                  SiglaProject    *project,
                                  gpointer         data,
                                  GError         **error);
typedef struct _SiglaOutputBatch SiglaOutputBatch;

SiglaOutputBatch *sigla_output_batch_new    (const char        *folder);
void              sigla_output_batch_free   (SiglaOutputBatch  *batch);
gboolean          sigla_output_batch_write  (SiglaOutputBatch  *batch,
                                             const char        *path,
                                             SiglaWriteFunc     write,
                                             SiglaProject      *project,
                                             gpointer           data,
                                             GError           **error);
gboolean          sigla_output_batch_commit (SiglaOutputBatch  *batch,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaOutputBatch, sigla_output_batch_free)

gboolean sigla_output_print      (GOutputStream   *output,
                                  GError         **error,
                                  const char      *format,
                                  ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
