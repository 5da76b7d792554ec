/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-import.h: brings files into a project as documents, each whole or not at all. */
#pragma once

#include <gio/gio.h>

#include "sigla-project.h"
#include "sigla-tei-report.h"

G_BEGIN_DECLS

/* Called once a file: with the new document's id (0 for a TEI file of
 * registries alone) and, for TEI, what it held; or with why it was refused. */
typedef void (*SiglaImportFunc) (const char           *path,
                                 guint                 index,
                                 gint64                document_id,
                                 const SiglaTeiReport *report,
                                 const GError         *error,
                                 gpointer              user_data);

gint64   sigla_import_file  (SiglaProject        *project,
                             const char          *path,
                             GError             **error);
GPtrArray *sigla_import_gather (const char * const  *paths,
                                const char * const  *patterns,
                                GError             **error);
guint    sigla_import_files (SiglaProject        *project,
                             const char * const  *paths,
                             SiglaImportFunc      callback,
                             gpointer             user_data,
                             GCancellable        *cancellable,
                             GError             **error);

G_END_DECLS
