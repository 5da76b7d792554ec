/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-session.h: what outlives a window: the projects open, the recent ones, the sample,
 * the settings. */
#pragma once

#include <gio/gio.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define SIGLA_TYPE_SESSION (sigla_session_get_type ())

G_DECLARE_FINAL_TYPE (SiglaSession, sigla_session, SIGLA, SESSION, GObject)

SiglaSession *sigla_session_new              (void);
GSettings    *sigla_session_get_settings     (SiglaSession  *self);
GMenuModel   *sigla_session_get_recent_menu  (SiglaSession  *self);
char         *sigla_session_get_last_project (SiglaSession  *self);
SiglaProject *sigla_session_open_project     (SiglaSession  *self,
                                              const char    *path,
                                              GError       **error);
SiglaProject *sigla_session_create_project   (SiglaSession  *self,
                                              const char    *path,
                                              GError       **error);
SiglaProject *sigla_session_open_sample      (SiglaSession  *self,
                                              GError       **error);

G_END_DECLS
