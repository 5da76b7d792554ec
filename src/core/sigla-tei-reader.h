/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-reader.h: reads TEI into a project: Sigla's own export without loss, and
 * other tools' TEI (names, places, organisations and dates, with their registries). */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

gint64   sigla_tei_read           (SiglaProject  *project,
                                   const char    *path,
                                   GBytes        *bytes,
                                   GError       **error);

G_END_DECLS
