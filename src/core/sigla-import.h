/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-import.h: brings a file into a project as a document, whole or not at all. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

gint64 sigla_import_file (SiglaProject  *project,
                          const char    *path,
                          GError       **error);

G_END_DECLS
