/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-project-care.h: the project file itself, from the window: compacting it, offering
 * the last good copy of a damaged one, and recovering the data of one Sigla refuses. */
#pragma once

#include "sigla-window.h"

G_BEGIN_DECLS

char *sigla_project_care_sibling (const char  *path);
void  sigla_project_care_compact (SiglaWindow *window);
void  sigla_project_care_recover (SiglaWindow *window,
                                  const char  *refused);
void  sigla_project_care_offer   (SiglaWindow      *window,
                                  AdwMessageDialog *dialog,
                                  const GError     *error,
                                  const char       *refused);

G_END_DECLS
