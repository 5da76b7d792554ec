/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-report.h: what a TEI import read, linked, and kept only in the tree: said for
 * every file, so that nothing is dropped without a word. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint       documents;
  guint       blocks;
  guint       names;            /* person, place and organisation names read as mentions */
  guint       names_linked;     /* of which linked to an entity */
  guint       dates;            /* dates read as mentions */
  guint       claims;
  guint       entities;         /* registry records read */
  guint       notes;            /* notes, read after their block */
  guint       alternatives;     /* readings not shown (sic, orig, abbr, rdg …), kept in the tree */
  guint       letters;          /* correspDesc entries */
  GHashTable *unlinked;         /* a reference that points to nothing → how often */
  GHashTable *outside;          /* a record the file points to but lacks, made an entity → how often */
  GHashTable *kept_out;         /* an element whose text is not read → how often */
  GHashTable *not_understood;   /* an element read as no annotation ("rs type=event") → how often */
} SiglaTeiReport;

SiglaTeiReport *sigla_tei_report_new      (void);
void            sigla_tei_report_free     (SiglaTeiReport       *report);
void            sigla_tei_report_count    (GHashTable           *table,
                                           const char           *key,
                                           guint                 n);
char           *sigla_tei_report_to_text  (const SiglaTeiReport *report);
void            sigla_tei_report_to_json  (const SiglaTeiReport *report,
                                           JsonBuilder          *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaTeiReport, sigla_tei_report_free)

G_END_DECLS
