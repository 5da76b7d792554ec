/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-document.h: the documents of a project: metadata, reading text and its blocks. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

typedef enum
{
  SIGLA_BLOCK_HEAD,
  SIGLA_BLOCK_P,
  SIGLA_BLOCK_ITEM,
  SIGLA_BLOCK_NOTE,     /* an editor's note, read under the block it annotates */
} SiglaBlockKind;

/* A stretch of the reading text, in code points: start inclusive, end exclusive. */
typedef struct
{
  gint64         start;
  gint64         end;
  SiglaBlockKind kind;
} SiglaBlock;

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *title;
  char   *date;               /* ISO 8601, may be partial: "1951-07" */
  char   *date_text;          /* the date as the document writes it */
  char   *citation;
  char   *archive;            /* archive reference: "APRF, f. 45, op. 1, d. 342, ll. 16-19" */
  char   *url;
  char   *language;           /* of the reading text (ISO 639-1 where known) */
  char   *original_language;
  char   *author;             /* who wrote it, as its source says (a TEI header) */
  char   *sender;             /* a letter's: who sent it … */
  char   *addressee;          /* … and to whom */
  char   *reading;            /* another edition's TEI: the reading its text shows ("edited",
                               * "diplomatic"); NULL for any other source */
  char   *summary;
  char   *source_name;        /* the imported file's name */
  char   *source_sha256;
  gint64  source_size;
  char   *imported;
  gint64  length;             /* of the reading text, in code points */
  char   *text;               /* NULL in lists, which leave the text out */
  GPtrArray *revisions;       /* days (ISO) of changes made before it came into the
                               * project, from a TEI revisionDesc; NULL if none */
} SiglaDocument;

const char    *sigla_block_kind_to_string (SiglaBlockKind   kind);

SiglaDocument *sigla_document_new         (void);
void           sigla_document_free        (SiglaDocument   *document);

GPtrArray     *sigla_document_list        (SiglaProject    *project,
                                           GError         **error);
GPtrArray     *sigla_document_list_titles (SiglaProject    *project,
                                           GError         **error);
GArray        *sigla_document_list_order  (SiglaProject    *project,
                                           gboolean         by_title,
                                           GError         **error);
GPtrArray     *sigla_document_list_some   (SiglaProject    *project,
                                           const gint64    *ids,
                                           guint            n,
                                           GError         **error);
SiglaDocument *sigla_document_get         (SiglaProject    *project,
                                           gint64           id,
                                           GError         **error);
GPtrArray     *sigla_document_get_revisions (SiglaProject  *project,
                                             gint64         id,
                                             GError       **error);
gboolean       sigla_document_get_reading (SiglaProject    *project,
                                           gint64           id,
                                           char           **reading,
                                           GError         **error);
GBytes        *sigla_document_get_source  (SiglaProject    *project,
                                           gint64           id,
                                           GError         **error);
GArray        *sigla_document_get_blocks  (SiglaProject    *project,
                                           gint64           id,
                                           GError         **error);
gboolean       sigla_document_insert      (SiglaProject    *project,
                                           SiglaDocument   *document,
                                           GArray          *blocks,
                                           const guint8    *source,
                                           gsize            source_size,
                                           GError         **error);
gboolean       sigla_document_check_span  (SiglaProject    *project,
                                           gint64           id,
                                           gint64           start,
                                           gint64           end,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaDocument, sigla_document_free)

G_END_DECLS
