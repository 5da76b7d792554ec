/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-search.h: full-text search across a project's titles and texts. */
#pragma once

#include <sqlite3.h>

#include "sigla-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    document_id;
  gboolean  in_title;   /* the offsets are into the title, not the text */
  gint64    start;      /* code points, inclusive */
  gint64    end;        /* exclusive */
  char     *snippet;    /* the hit in its context, on one line */
} SiglaSearchHit;

void       sigla_search_hit_free    (SiglaSearchHit  *hit);
char      *sigla_search_build_query (const char      *query,
                                     GError         **error);
GPtrArray *sigla_search             (SiglaProject    *project,
                                     const char      *query,
                                     guint            max_documents,
                                     GError         **error);
GPtrArray *sigla_search_page        (SiglaProject    *project,
                                     const char      *query,
                                     guint            offset,
                                     guint            limit,
                                     GError         **error);
gboolean   sigla_search_count       (SiglaProject    *project,
                                     const char      *query,
                                     gint64          *count,
                                     GError         **error);
GPtrArray *sigla_search_names       (SiglaProject       *project,
                                     const char * const *names,
                                     gint64              document_id,
                                     GError            **error);
gboolean   sigla_search_register    (sqlite3         *db);

G_END_DECLS
