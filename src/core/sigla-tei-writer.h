/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-writer.h: exports documents, their entities and annotations as TEI P5 XML. */
#pragma once

#include <gio/gio.h>

#include "sigla-project.h"
#include "sigla-tei-options.h"

G_BEGIN_DECLS

gboolean sigla_tei_write_document    (SiglaProject           *project,
                                      gint64                  document_id,
                                      const SiglaTeiOptions  *options,
                                      GOutputStream          *output,
                                      GError                **error);
gboolean sigla_tei_write_corpus      (SiglaProject           *project,
                                      const SiglaTeiOptions  *options,
                                      GOutputStream          *output,
                                      GError                **error);
gboolean sigla_tei_export_document   (SiglaProject           *project,
                                      gint64                  document_id,
                                      const SiglaTeiOptions  *options,
                                      const char             *path,
                                      GError                **error);
gboolean sigla_tei_export_corpus     (SiglaProject           *project,
                                      const SiglaTeiOptions  *options,
                                      const char             *path,
                                      GError                **error);
GPtrArray *sigla_tei_export_directory (SiglaProject          *project,
                                      const SiglaTeiOptions  *options,
                                      const char             *directory,
                                      GError                **error);
char     *sigla_tei_file_name        (gint64                  document_id,
                                      const char             *title);

G_END_DECLS
