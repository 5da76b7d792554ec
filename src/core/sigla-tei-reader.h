/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-reader.h: reads TEI into a project: Sigla's own export without loss, and
 * other tools' TEI (its text, names, dates, registries and letters), with a report. */
#pragma once

#include "sigla-project.h"
#include "sigla-tei-report.h"

G_BEGIN_DECLS

gboolean sigla_tei_read           (SiglaProject    *project,
                                   const char      *path,
                                   GBytes          *bytes,
                                   SiglaTeiReport  *report,
                                   gint64          *first_document,
                                   GError         **error);

G_END_DECLS
