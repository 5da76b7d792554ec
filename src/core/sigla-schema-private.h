/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-schema-private.h: what the migrations share with the journal's making. */
#pragma once

#include "sigla-db.h"

G_BEGIN_DECLS

typedef enum
{
  JOURNAL_INSERT = 1 << 0,
  JOURNAL_DELETE = 1 << 1,
  JOURNAL_UPDATE = 1 << 2,
  JOURNAL_ALL = JOURNAL_INSERT | JOURNAL_DELETE | JOURNAL_UPDATE,
} JournalOps;

gboolean sigla_schema_create_trash        (SiglaDb     *db,
                                           const char  *table,
                                           GError     **error);
gboolean sigla_schema_create_journal      (SiglaDb     *db,
                                           const char  *table,
                                           JournalOps   ops,
                                           GError     **error);
gboolean sigla_schema_create_sql_triggers (SiglaDb     *db,
                                           const char  *table,
                                           JournalOps   ops,
                                           GError     **error);
gboolean sigla_schema_create_row_triggers (SiglaDb     *db,
                                           const char  *table,
                                           JournalOps   ops,
                                           GError     **error);
gboolean sigla_schema_convert_sql_journal (SiglaDb     *db,
                                           GError     **error);

G_END_DECLS
