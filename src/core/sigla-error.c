/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-error.c: the Sigla error domain. */

#include "sigla-error.h"

G_DEFINE_QUARK (sigla-error-quark, sigla_error)

/**
 * sigla_error_is_write_failure:
 *
 * Whether @error says the project file refused a write (held by another
 * program, a full disk, read-only, removed): the same edit may succeed later,
 * so it is kept and tried again rather than dropped.
 */
gboolean
sigla_error_is_write_failure (const GError *error)
{
  return error != NULL && error->domain == SIGLA_ERROR &&
         (error->code == SIGLA_ERROR_LOCKED || error->code == SIGLA_ERROR_READ_ONLY ||
          error->code == SIGLA_ERROR_IO || error->code == SIGLA_ERROR_MOVED);
}
