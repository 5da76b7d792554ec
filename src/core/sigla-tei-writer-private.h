/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-writer-private.h: what the export of Sigla's own TEI shares between writing
 * its XML, its header, its registry of entities, its text and its stand-off annotations. */
#pragma once

#include <libxml/xmlwriter.h>

#include "sigla-claim.h"
#include "sigla-document.h"
#include "sigla-mention.h"
#include "sigla-project.h"
#include "sigla-tei-layout.h"
#include "sigla-tei-options.h"

G_BEGIN_DECLS

typedef struct
{
  SiglaMention *mention;    /* one of these two, */
  SiglaClaim   *claim;
  gboolean      cited;      /* or words a name or a relation cites */
  char         *id;         /* xml:id of its first piece, or NULL if it needs none */
} SpanInfo;

/* What one <TEI> needs, read from the project. */
typedef struct
{
  SiglaDocument *document;
  GArray        *blocks;
  GPtrArray     *mentions;
  GPtrArray     *claims;
  GPtrArray     *revisions;
  const char    *prefix;     /* before its local ids: "" alone, "d3." in a corpus */
} DocumentData;

/* The relations of a project and the words its names and relations cite: read once an export. */
typedef struct _SiglaTeiCited SiglaTeiCited;

typedef struct
{
  xmlTextWriterPtr  writer;
  GOutputStream    *output;
  GError           *error;          /* the first failure; later calls do nothing */
  const char       *annotator;
  GHashTable       *entities;       /* gint64 id → SiglaEntity, all of the project */
  SiglaTeiCited    *cited;          /* the export's, not the writer's */
  GHashTable       *prefixes;       /* in a corpus, gint64 document id → "d3.", the export's */
  gint64            alone;          /* the document written alone, or 0 in a corpus */
  GPtrArray        *asserters;      /* who says the names and relations written, sorted */
  GHashTable       *written;        /* gint64 ids of the entities of the registry written */
} Writer;

gboolean    sigla_tei_writer_open        (Writer                 *w,
                                          const SiglaTeiOptions  *options,
                                          GPtrArray              *entities,
                                          GOutputStream          *output,
                                          GError                **error);
gboolean    sigla_tei_writer_close       (Writer                 *w,
                                          GError                **error);
gboolean    sigla_tei_writer_check       (Writer                 *w,
                                          int                     rc,
                                          const char             *what);
void        sigla_tei_writer_start       (Writer                 *w,
                                          const char             *name);
void        sigla_tei_writer_end         (Writer                 *w);
void        sigla_tei_writer_attribute   (Writer                 *w,
                                          const char             *name,
                                          const char             *value);
void        sigla_tei_writer_text        (Writer                 *w,
                                          const char             *value);
void        sigla_tei_writer_text_len    (Writer                 *w,
                                          const char             *value,
                                          gsize                   length);
void        sigla_tei_writer_indent      (Writer                 *w,
                                          int                     depth);
void        sigla_tei_writer_element     (Writer                 *w,
                                          int                     depth,
                                          const char             *name,
                                          const char             *content);
char       *sigla_tei_ref_to             (const char             *id);
const char *sigla_tei_writer_entity_id   (Writer                 *w,
                                          gint64                  id);
char       *sigla_tei_writer_entity_ref  (Writer                 *w,
                                          gint64                  id);

SiglaTeiCited *sigla_tei_cited_new        (SiglaProject           *project,
                                          GPtrArray              *entities,
                                          GError                **error);
void        sigla_tei_cited_free         (SiglaTeiCited          *cited);
void        sigla_tei_registry_add_related (Writer               *w,
                                            gint64                document_id,
                                            GHashTable           *used);
void        sigla_tei_registry_choose    (Writer                 *w,
                                          GPtrArray              *entities);
void        sigla_tei_registry_write_resp (Writer                *w,
                                           int                    depth);
void        sigla_tei_registry_write     (Writer                 *w,
                                          int                     depth,
                                          GPtrArray              *entities);
GArray     *sigla_tei_registry_cited     (Writer                 *w,
                                          gint64                  document_id);

char       *sigla_tei_local_id           (const DocumentData     *data,
                                          const char             *kind,
                                          guint                   n);

gboolean    sigla_tei_is_language_code   (const char             *code);
void        sigla_tei_write_resp_stmt    (Writer                 *w,
                                          int                     depth,
                                          const char             *id);
void        sigla_tei_write_header       (Writer                 *w,
                                          const DocumentData     *data,
                                          gboolean                with_asserters);

GPtrArray  *sigla_tei_collect_spans      (Writer                 *w,
                                          const DocumentData     *data,
                                          GArray                 *spans);
guint      *sigla_tei_name_pieces        (const DocumentData     *data,
                                          GArray                 *pieces,
                                          GPtrArray              *infos);
char       *sigla_tei_piece_id           (const SpanInfo         *info,
                                          const SiglaPiece       *piece,
                                          guint                   part);
void        sigla_tei_write_body         (Writer                 *w,
                                          const DocumentData     *data,
                                          GArray                 *pieces,
                                          GPtrArray              *infos);

gboolean    sigla_tei_has_annotations    (GPtrArray              *infos);
void        sigla_tei_write_annotations  (Writer                 *w,
                                          const DocumentData     *data,
                                          GPtrArray              *infos,
                                          const guint            *n_parts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaTeiCited, sigla_tei_cited_free)

G_END_DECLS
