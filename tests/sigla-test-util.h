/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-test-util.h: fixtures the test programs share: temporary projects and the seeds. */
#pragma once

#include "sigla-core.h"

G_BEGIN_DECLS

char         *sigla_test_make_dir        (void);
void          sigla_test_remove_dir      (const char    *dir);
SiglaProject *sigla_test_new_project     (const char    *dir,
                                          char         **path);
char         *sigla_test_seed_path       (const char    *prefix);
gint64        sigla_test_import_seed     (SiglaProject  *project,
                                          const char    *prefix);
gint64        sigla_test_query_int       (const char    *path,
                                         const char    *sql);
char         *sigla_test_write_file      (const char    *dir,
                                          const char    *name,
                                          const void    *data,
                                          gssize         size);
char         *sigla_test_file_checksum   (const char    *path);
char         *sigla_test_list_dir        (const char    *dir);
gint64        sigla_test_add_mention     (SiglaProject  *project,
                                          gint64         document,
                                          SiglaKind      kind,
                                          gint64         entity,
                                          gint64         start,
                                          gint64         end);
void          sigla_test_drop_privileges (void);

G_END_DECLS
