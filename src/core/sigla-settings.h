/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-settings.h: the project's own settings, kept in its file: they travel with it. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

/* How another edition's TEI is read: "edited" (corr, reg, expan, lem) or "diplomatic". */
#define SIGLA_SETTING_TEI_READING "tei-reading"

/* How much undo history a project keeps: a number of steps, and megabytes of
 * the original files that undone imports and deleted documents hold. */
#define SIGLA_SETTING_HISTORY_STEPS "history-steps"
#define SIGLA_SETTING_HISTORY_MEGABYTES "history-megabytes"

gint64    sigla_settings_get_number (SiglaProject  *project,
                                     const char    *key,
                                     GError       **error);
char     *sigla_settings_get (SiglaProject  *project,
                              const char    *key,
                              GError       **error);
gboolean  sigla_settings_set (SiglaProject  *project,
                              const char    *key,
                              const char    *value,
                              GError       **error);

G_END_DECLS
