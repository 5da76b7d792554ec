/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-output.h: writes an export to a file through a temporary one, renamed at the end. */
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
gboolean sigla_output_print      (GOutputStream   *output,
                                  GError         **error,
                                  const char      *format,
                                  ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
