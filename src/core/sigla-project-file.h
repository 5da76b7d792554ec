/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-project-file.h: a project file made or opened, checked before it is used. */
#pragma once

#include "sigla-db.h"
#include "sigla-project.h"

G_BEGIN_DECLS

SiglaDb *sigla_project_file_create (const char      *path,
                                    GError         **error);
SiglaDb *sigla_project_file_open   (const char      *path,
                                    SiglaOpenFlags   flags,
                                    GError         **error);

G_END_DECLS
