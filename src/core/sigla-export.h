/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-export.h: exports beside TEI for the tools historians use: CSV for spreadsheets,
 * GeoJSON for maps, the W3C Web Annotation model for annotation tools. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

gboolean sigla_export_csv     (SiglaProject  *project,
                               const char    *directory,
                               GError       **error);
gboolean sigla_export_geojson (SiglaProject  *project,
                               const char    *path,
                               GError       **error);
gboolean sigla_export_webanno (SiglaProject  *project,
                               const char    *annotator,
                               const char    *path,
                               GError       **error);

G_END_DECLS
