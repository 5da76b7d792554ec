/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-weave.h: exports another tool's TEI as that tree, with the project's annotations
 * woven in. */
#pragma once

#include "sigla-project.h"
#include "sigla-tei-options.h"

G_BEGIN_DECLS

gboolean sigla_tei_weave (SiglaProject           *project,
                          gint64                  document_id,
                          const SiglaTeiOptions  *options,
                          GOutputStream          *output,
                          gboolean               *woven,
                          GError                **error);

G_END_DECLS
