/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-bench-util.h: what the benchmarks share: printing figures, percentiles, peak memory, the words to tag. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stretch of text in code points, as the core counts offsets. */
typedef struct
{
  gint64 start;
  gint64 end;
} SiglaBenchSpan;


void        sigla_bench_report         (const char *format,
                                        ...) G_GNUC_PRINTF (1, 2);
double      sigla_bench_percentile_of  (GArray     *samples,
                                        guint       first,
                                        guint       n,
                                        double      p);
double      sigla_bench_percentile     (GArray     *samples,
                                        double      p);
const char *sigla_bench_verdict        (gboolean    met);
gint64      sigla_bench_read_status_kb (const char *field);
gboolean    sigla_bench_reset_peak_rss (void);
GArray     *sigla_bench_find_words     (const char *text);
GBytes     *sigla_bench_make_print     (const char *name,
                                        gsize       target_bytes);

G_END_DECLS
