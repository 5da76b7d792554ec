/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-application.h: the application: its windows, global actions and settings. */
#pragma once

#include <adwaita.h>

#include "sigla-session.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_APPLICATION (sigla_application_get_type ())

G_DECLARE_FINAL_TYPE (SiglaApplication, sigla_application, SIGLA, APPLICATION, AdwApplication)

SiglaApplication *sigla_application_new          (void);
GSettings        *sigla_application_get_settings (SiglaApplication *self);
SiglaSession     *sigla_application_get_session  (SiglaApplication *self);

G_END_DECLS
