/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-weaver.h: what the export of another edition's file shares between weaving its
 * text and adding what goes outside it: private to the two. */
#pragma once

#include "sigla-claim.h"
#include "sigla-project.h"
#include "sigla-tei-projection.h"
#include "sigla-tei-refs.h"

G_BEGIN_DECLS

typedef struct
{
  SiglaProject       *project;
  const char         *annotator;
  xmlDoc             *doc;
  xmlNode            *tei;
  xmlNs              *ns;
  SiglaTeiProjection *projection;
  SiglaTeiRefs       *refs;
  GHashTable         *ids;          /* every xml:id of the file, and those added */
  GHashTable         *entities;     /* gint64 * → SiglaEntity *, the project's */
  GHashTable         *added;        /* gint64 * → xml:id of a record Sigla added */
  GHashTable         *lists;        /* "listPerson" … → the list records go into */
  GHashTable         *annotation_names; /* elements that may be annotations: persName … said */
  xmlNode            *standoff;     /* the standOff Sigla adds, once needed */
  char               *resp_id;
  char               *resp;         /* "#" resp_id */
  gboolean            changed;
} Weaver;

char *sigla_tei_weaver_new_id          (Weaver           *w,
                                        const char       *base);
void  sigla_tei_weaver_set_id          (xmlNode          *node,
                                        const char       *id);
char *sigla_tei_weaver_ref_to          (Weaver           *w,
                                        gint64            entity_id);
void  sigla_tei_weaver_annotate_claim  (Weaver           *w,
                                        const SiglaClaim *claim,
                                        const char       *target);
void  sigla_tei_weaver_add_resp_stmt   (Weaver           *w);

G_END_DECLS
