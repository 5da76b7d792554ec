/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-file.h: sigla-cli's commands on the project file itself. */
#pragma once

G_BEGIN_DECLS

int cmd_recover (int    argc,
                 char **argv);
int cmd_compact (int    argc,
                 char **argv);
int cmd_undo    (int    argc,
                 char **argv);
int cmd_redo    (int    argc,
                 char **argv);
int cmd_stats   (int    argc,
                 char **argv);
int cmd_setting (int    argc,
                 char **argv);

G_END_DECLS
