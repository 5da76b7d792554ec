/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-history.c: how much undo history a project keeps, and compacting the file.
 *
 * Every step of the history keeps copies of the rows it changed; an undone
 * import keeps the imported files' bytes. A project keeps the newest steps
 * up to a number and a size (its settings); older ones are dropped, and
 * their copies with them (the journal's tables cascade from the step). */

#define G_LOG_DOMAIN "sigla-history"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sigla-error.h"
#include "sigla-history.h"
#include "sigla-project-private.h"
#include "sigla-settings.h"

#define MEGABYTE (1024 * 1024)

static gboolean
count_changes (SiglaDb  *db,
               gint64   *dropped)
{
  if (dropped != NULL)
    *dropped += sqlite3_changes (sigla_db_get_handle (db));
  return TRUE;
}

/* The newest @steps steps stay (those that can be redone count too). The
 * span of the steps' ids, two lookups, bounds their number from above: only
 * once it passes the limit by a sixteenth are they counted and the oldest
 * dropped, in one go, so that an ordinary action pays two lookups.
 * @exactly: trim now, to the limit (compacting). */
static gboolean
trim_by_steps (SiglaDb   *db,
               gint64     steps,
               gboolean   exactly,
               gint64    *dropped,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 span = 0;

  if (!exactly &&
      (!sigla_db_query_int (db, "SELECT (SELECT max(id) FROM history_actions) - (SELECT min(id) FROM history_actions) + 1", &span, error) ||
       span <= steps + steps / 16))
    return span >= 0;

  stmt = sigla_db_prepare (db,
                           "DELETE FROM history_actions WHERE id < "
                           "(SELECT id FROM history_actions ORDER BY id DESC LIMIT 1 OFFSET ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, steps - 1);
  return sigla_db_run (db, stmt, error) && count_changes (db, dropped);
}

/* The original files the history holds (of imports undone), oldest step
 * first, until they take no more than @bytes. */
static gboolean
trim_by_size (SiglaDb  *db,
              gint64    bytes,
              gint64   *dropped,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) oldest = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  SiglaStep step = SIGLA_STEP_DONE;
  gint64 held = 0;
  gint64 last = 0;

  /* length() of a blob reads its size, not its bytes. */
  if (!sigla_db_query_int (db, "SELECT coalesce(sum(length(bytes)), 0) FROM sources_trash", &held, error))
    return FALSE;
  if (held <= bytes)
    return TRUE;

  oldest = sigla_db_prepare (db,
                             "SELECT action_id, length(bytes) FROM sources_trash ORDER BY action_id",
                             error);
  if (oldest == NULL)
    return FALSE;
  while (held > bytes && (step = sigla_db_step (db, oldest, error)) == SIGLA_STEP_ROW)
    {
      last = sqlite3_column_int64 (oldest, 0);
      held -= sqlite3_column_int64 (oldest, 1);
    }
  if (held > bytes && step == SIGLA_STEP_ERROR)
    return FALSE;
  g_clear_pointer (&oldest, sigla_stmt_release);

  drop = sigla_db_prepare (db, "DELETE FROM history_actions WHERE id <= ?", error);
  if (drop == NULL)
    return FALSE;
  sqlite3_bind_int64 (drop, 1, last);
  return sigla_db_run (db, drop, error) && count_changes (db, dropped);
}

/**
 * sigla_history_trim:
 * @by_size: whether to weigh the original files the history holds too (after
 *   an action on documents; the count of steps is checked always)
 * @dropped: (out) (optional): adds the number of steps dropped; when given,
 *   the steps are trimmed to the limit exactly, else once they pass it by a
 *   sixteenth
 *
 * Drops the oldest history steps past the project's limits. Runs inside
 * the action that has just been recorded.
 */
gboolean
sigla_history_trim (SiglaProject  *project,
                    gboolean       by_size,
                    gint64        *dropped,
                    GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  gint64 steps = sigla_settings_get_number (project, SIGLA_SETTING_HISTORY_STEPS, error);
  gint64 megabytes;

  if (steps < 0 || !trim_by_steps (db, steps, dropped != NULL, dropped, error))
    return FALSE;
  if (!by_size)
    return TRUE;
  megabytes = sigla_settings_get_number (project, SIGLA_SETTING_HISTORY_MEGABYTES, error);
  return megabytes >= 0 && trim_by_size (db, megabytes * MEGABYTE, dropped, error);
}

static gint64
file_bytes (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf file;
  gint64 bytes = 0;

  if (g_stat (path, &file) == 0)
    bytes += file.st_size;
  if (g_stat (wal, &file) == 0)
    bytes += file.st_size;
  return bytes;
}

/**
 * sigla_project_compact:
 * @report: (out caller-allocates): what was dropped and freed
 *
 * Drops the history past the project's limits, then writes the file anew
 * without the space the dropped rows left (SQLite's VACUUM, which needs the
 * project to itself).
 */
gboolean
sigla_project_compact (SiglaProject        *project,
                       SiglaCompactReport  *report,
                       GError             **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  const char *path = sigla_project_get_path (project);

  *report = (SiglaCompactReport) { 0, file_bytes (path), 0 };

  if (!sigla_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!sigla_history_trim (project, TRUE, &report->steps_dropped, error) ||
      !sigla_db_exec (db, "COMMIT", error))
    {
      sigla_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  if (!sigla_db_vacuum (db, error))
    return FALSE;
  report->bytes_after = file_bytes (path);
  return TRUE;
}
