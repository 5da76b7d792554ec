/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.h: what the fuzz targets share: a broken invariant is a crash, a project in memory. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sigla-core.h"

G_BEGIN_DECLS

/* libFuzzer reports an abort() as a crash and keeps the input that caused it. */
#define FUZZ_CHECK(condition)                                                   \
  G_STMT_START                                                                  \
  {                                                                             \
    if (G_UNLIKELY (!(condition)))                                              \
      {                                                                         \
        fprintf (stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,   \
                 #condition);                                                   \
        abort ();                                                               \
      }                                                                         \
  }                                                                             \
  G_STMT_END

/* The entry point libFuzzer calls; declared here because no header of its declares it. */
int           LLVMFuzzerTestOneInput     (const uint8_t  *data,
                                          size_t          size);

SiglaProject *fuzz_get_project           (void);
void          fuzz_check_error           (const GError   *error,
                                          const char     *name);
void          fuzz_check_utf8            (const char     *text);
void          fuzz_check_document        (SiglaProject   *project,
                                          gint64          id);

G_END_DECLS
