/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-mention.h: spans of a document's text that name an entity or a date. */
#pragma once

#include "sigla-kind.h"
#include "sigla-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     id;
  gint64     document_id;
  gint64     start;        /* code points into the reading text, inclusive */
  gint64     end;          /* exclusive */
  SiglaKind  kind;
  gint64     entity_id;    /* 0 for dates, and for mentions detached from a deleted entity */
  char      *when;         /* dates: ISO 8601 … */
  char      *not_before;   /* … or a range */
  char      *not_after;
  char      *cert;
  char      *note;
  char      *created;
  char      *modified;
} SiglaMention;

/* A mention of an entity, reduced to which it names. */
typedef struct
{
  gint64 mention_id;
  gint64 entity_id;
} SiglaNamed;

SiglaMention *sigla_mention_new    (void);
void          sigla_mention_free   (SiglaMention  *mention);

gboolean      sigla_mention_insert (SiglaProject  *project,
                                    SiglaMention  *mention,
                                    GError       **error);
gboolean      sigla_mention_delete (SiglaProject  *project,
                                    gint64         id,
                                    GError       **error);
GPtrArray    *sigla_mention_list   (SiglaProject  *project,
                                    gint64         document_id,
                                    GError       **error);

GArray       *sigla_mention_list_named     (SiglaProject  *project,
                                            gint64         document_id,
                                            GError       **error);
GPtrArray    *sigla_mention_list_dates     (SiglaProject  *project,
                                            gint64         document_id,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaMention, sigla_mention_free)

G_END_DECLS
