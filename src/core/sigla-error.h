/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-error.h: the error domain every fallible core call reports in. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SIGLA_ERROR (sigla_error_quark ())

typedef enum
{
  SIGLA_ERROR_FAILED,
  SIGLA_ERROR_NOT_FOUND,     /* a file, document, entity … that does not exist */
  SIGLA_ERROR_EXISTS,        /* creating what is already there */
  SIGLA_ERROR_NOT_SQLITE,    /* a project file that is not an SQLite database */
  SIGLA_ERROR_NOT_PROJECT,   /* an SQLite database that is not a Sigla project */
  SIGLA_ERROR_TOO_NEW,       /* a project written by a newer Sigla */
  SIGLA_ERROR_READ_ONLY,     /* writing to a file that cannot be written */
  SIGLA_ERROR_LOCKED,        /* another program holds the project */
  SIGLA_ERROR_CORRUPT,       /* the project file is damaged */
  SIGLA_ERROR_INVALID,       /* an argument that does not fit: offsets, kinds, dates */
  SIGLA_ERROR_IN_USE,        /* deleting what annotations still point to */
  SIGLA_ERROR_BINARY,        /* importing data that is not text */
  SIGLA_ERROR_ENCODING,      /* importing text in an encoding we cannot read */
  SIGLA_ERROR_EMPTY,         /* importing an empty file */
  SIGLA_ERROR_IO,            /* the operating system refused (disk full, permissions …) */
  SIGLA_ERROR_NOTHING_TO_UNDO,
  SIGLA_ERROR_NOTHING_TO_REDO,
  SIGLA_ERROR_CANCELLED,     /* the user stopped it: nothing was written */
  SIGLA_ERROR_MOVED,         /* the project file was removed or replaced while open */
  SIGLA_ERROR_TAMPERED,      /* a project file that holds what Sigla did not write */
  SIGLA_ERROR_TOO_SLOW,      /* a statement ran past its budget: a file made to loop */
} SiglaError;

GQuark   sigla_error_quark            (void);
gboolean sigla_error_is_write_failure (const GError *error);

G_END_DECLS
