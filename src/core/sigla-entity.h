/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-entity.h: the people, places and organisations of a project, with their other names. */
#pragma once

#include "sigla-evidence.h"
#include "sigla-kind.h"
#include "sigla-project.h"

G_BEGIN_DECLS

typedef struct
{
  char          *name;
  char          *type;       /* pseudonym, variant, transliteration … */
  char          *note;
  SiglaEvidence  evidence;   /* who says it is this entity's name, and where */
} SiglaAlias;

typedef struct
{
  gint64     id;
  char      *uuid;
  SiglaKind  kind;
  char      *label;         /* the preferred name */
  char      *xml_id;        /* its id in TEI, made from the name when it is added, then kept */
  char      *description;
  GPtrArray *aliases;       /* SiglaAlias */
  GPtrArray *authorities;   /* URIs: Wikidata, VIAF, GeoNames … */
  gboolean   has_geo;
  double     lat;
  double     lon;
  char      *note;
  char      *created;
  char      *modified;
} SiglaEntity;

/* The mentions of an entity made of the same words, whatever their case. */
typedef struct
{
  char   *words;         /* as the first of them has them */
  GArray *mention_ids;   /* gint64 */
  guint   n_documents;
} SiglaEntityWords;

/* What to do with the annotations that point to an entity being deleted. */
typedef enum
{
  SIGLA_DELETE_REFUSE,   /* refuse while any annotation points to it */
  SIGLA_DELETE_DETACH,   /* keep mentions and claims, without the entity */
  SIGLA_DELETE_MENTIONS, /* delete its mentions; claims lose it as speaker, reporter or subject */
} SiglaDeleteMode;

SiglaEntity *sigla_entity_new          (SiglaKind         kind,
                                        const char       *label);
void         sigla_entity_free         (SiglaEntity      *entity);
SiglaAlias  *sigla_entity_add_alias    (SiglaEntity      *entity,
                                        const char       *name,
                                        const char       *type);

gboolean     sigla_entity_insert       (SiglaProject     *project,
                                        SiglaEntity      *entity,
                                        GError          **error);
gboolean     sigla_entity_update       (SiglaProject     *project,
                                        SiglaEntity      *entity,
                                        GError          **error);
gboolean     sigla_entity_delete       (SiglaProject     *project,
                                        gint64            id,
                                        SiglaDeleteMode   mode,
                                        GError          **error);
gboolean     sigla_entity_merge        (SiglaProject     *project,
                                        gint64            from_id,
                                        gint64            into_id,
                                        GError          **error);
SiglaEntity *sigla_entity_get          (SiglaProject     *project,
                                        gint64            id,
                                        GError          **error);
GPtrArray   *sigla_entity_list         (SiglaProject     *project,
                                        GError          **error);
gboolean     sigla_entity_get_kind     (SiglaProject     *project,
                                        gint64            id,
                                        SiglaKind        *kind,
                                        GError          **error);

gboolean     sigla_entity_split        (SiglaProject        *project,
                                        gint64               entity_id,
                                        const char          *label,
                                        GArray              *mention_ids,
                                        const char * const  *aliases,
                                        gint64              *new_id,
                                        GError             **error);
void         sigla_entity_words_free   (SiglaEntityWords *words);
GPtrArray   *sigla_entity_list_words   (SiglaProject     *project,
                                        gint64            entity_id,
                                        GError          **error);
GArray      *sigla_entity_mentions_with_words (SiglaProject  *project,
                                               gint64         entity_id,
                                               const char    *words,
                                               GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaEntity, sigla_entity_free)

G_END_DECLS
