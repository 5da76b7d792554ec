/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-db.h: a small SQLite connection wrapper with cached statements and GError. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _SiglaDb SiglaDb;

/* How long one step of a read may run by default, in µs. */
#define SIGLA_DB_BUDGET (5 * G_USEC_PER_SEC)

typedef enum
{
  SIGLA_STEP_ERROR = -1,
  SIGLA_STEP_DONE = 0,
  SIGLA_STEP_ROW = 1,
} SiglaStep;

SiglaDb      *sigla_db_open          (const char    *path,
                                      int            flags,
                                      GError       **error);
void          sigla_db_close         (SiglaDb       *db);
sqlite3      *sigla_db_get_handle    (SiglaDb       *db);
const char   *sigla_db_get_path      (SiglaDb       *db);
gboolean      sigla_db_exec          (SiglaDb       *db,
                                      const char    *sql,
                                      GError       **error);
sqlite3_stmt *sigla_db_prepare       (SiglaDb       *db,
                                      const char    *sql,
                                      GError       **error);
SiglaStep     sigla_db_step          (SiglaDb       *db,
                                      sqlite3_stmt  *stmt,
                                      GError       **error);
gboolean      sigla_db_run           (SiglaDb       *db,
                                      sqlite3_stmt  *stmt,
                                      GError       **error);
gboolean      sigla_db_query_int     (SiglaDb       *db,
                                      const char    *sql,
                                      gint64        *value,
                                      GError       **error);
void          sigla_db_set_error     (SiglaDb       *db,
                                      int            rc,
                                      GError       **error);
gint64        sigla_db_last_rowid    (SiglaDb       *db);
gboolean      sigla_db_check_in_place (SiglaDb      *db,
                                      GError       **error);
void          sigla_db_set_migrating (SiglaDb      *db,
                                      gboolean      migrating);
void          sigla_db_set_budget    (SiglaDb       *db,
                                      gint64         budget);
gboolean      sigla_db_vacuum        (SiglaDb       *db,
                                      GError       **error);
void          sigla_stmt_release     (sqlite3_stmt  *stmt);
char         *sigla_stmt_dup_text    (sqlite3_stmt  *stmt,
                                      int            column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sigla_stmt_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaDb, sigla_db_close)

G_END_DECLS
