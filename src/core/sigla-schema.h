/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-schema.h: the project file's schema and its numbered migrations. */
#pragma once

#include "sigla-db.h"

G_BEGIN_DECLS

/* "SIGL": tells a Sigla project from any other SQLite file. */
#define SIGLA_APPLICATION_ID 0x5349474c

/* One migration: brings a file from version (index) to version (index + 1). */
typedef gboolean (*SiglaMigrationFunc) (SiglaDb  *db,
                                        GError  **error);

guint    sigla_schema_get_version   (void);
gboolean sigla_schema_is_journalled (const char               *table);
const char *sigla_schema_data_table (guint                     i);
guint    sigla_schema_data_table_since (guint                 i);
char    *sigla_schema_columns       (SiglaDb                  *db,
                                     const char               *table,
                                     GError                  **error);
gboolean sigla_schema_create        (SiglaDb                  *db,
                                     GError                  **error);
gboolean sigla_schema_migrate       (SiglaDb                  *db,
                                     gint64                    from_version,
                                     const SiglaMigrationFunc *steps,
                                     guint                     n_steps,
                                     GError                  **error);
gboolean sigla_schema_upgrade       (SiglaDb                  *db,
                                     gint64                    from_version,
                                     GError                  **error);
gboolean sigla_schema_upgrade_to    (SiglaDb                  *db,
                                     gint64                    from_version,
                                     gint64                    to_version,
                                     GError                  **error);
gboolean sigla_schema_check         (SiglaDb                  *db,
                                     gint64                    version,
                                     GError                  **error);

G_END_DECLS
