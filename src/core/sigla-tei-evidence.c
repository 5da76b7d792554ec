/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-evidence.c: reads back who says a name or a relation is so.
 *
 * The words a name or a relation cites are a seg type="evidence" of a text,
 * read with the documents; the registry's names and relations point to them
 * (@source), to who says so (@resp: a respStmt or a person) and say how
 * surely (@cert). They are applied once every document is in. */

#define G_LOG_DOMAIN "sigla-tei-reader"

#include "sigla-entity.h"
#include "sigla-evidence.h"
#include "sigla-relation.h"
#include "sigla-tei-evidence.h"
#include "sigla-tei-tree.h"

typedef struct
{
  gint64 document_id;
  gint64 start;
  gint64 end;
} Cited;

struct _SiglaTeiEvidence
{
  SiglaProject *project;
  SiglaTeiRefs *refs;
  GHashTable   *ids;     /* the file's xml:id → xmlNode */
  GHashTable   *cited;   /* xml:id of a seg → Cited */
};

SiglaTeiEvidence *
sigla_tei_evidence_new (SiglaProject *project,
                        SiglaTeiRefs *refs,
                        GHashTable   *ids)
{
  SiglaTeiEvidence *evidence = g_new0 (SiglaTeiEvidence, 1);

  evidence->project = project;
  evidence->refs = refs;
  evidence->ids = ids;
  evidence->cited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return evidence;
}

void
sigla_tei_evidence_free (SiglaTeiEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_hash_table_unref (evidence->cited);
  g_free (evidence);
}

/* Whether @node is words that a name or a relation cites. */
gboolean
sigla_tei_evidence_is_cited (const xmlNode *node)
{
  g_autofree char *type = NULL;

  if (!sigla_tei_is_element (node, "seg"))
    return FALSE;
  type = sigla_tei_attribute (node, "type");
  return g_strcmp0 (type, "evidence") == 0;
}

void
sigla_tei_evidence_cite (SiglaTeiEvidence *evidence,
                         const char       *xml_id,
                         gint64            document_id,
                         gint64            start,
                         gint64            end)
{
  Cited *cited = g_new (Cited, 1);

  if (xml_id == NULL)
    {
      g_free (cited);
      return;
    }
  cited->document_id = document_id;
  cited->start = start;
  cited->end = end;
  g_hash_table_replace (evidence->cited, g_strdup (xml_id), cited);
}

/* Who @resp names: a respStmt's name, or a person's, in this file. */
static char *
asserter_of (SiglaTeiEvidence *evidence,
             const xmlNode    *node)
{
  g_autofree char *resp = sigla_tei_attribute (node, "resp");
  xmlNode *target;

  if (resp == NULL || resp[0] != '#' ||
      (target = g_hash_table_lookup (evidence->ids, resp + 1)) == NULL)
    return NULL;
  if (sigla_tei_is_element (target, "respStmt"))
    return sigla_tei_text_of (sigla_tei_child (target, "name"));
  if (sigla_tei_is_element (target, "person"))
    return sigla_tei_text_of (sigla_tei_child (target, "persName"));
  return sigla_tei_text_of (target);
}

/* @cert, @resp and @source of @node; a source is the first of its pointers
 * that names words of this file. */
static void
read_evidence (SiglaTeiEvidence *evidence,
               const xmlNode    *node,
               SiglaEvidence    *into)
{
  g_autofree char *cert = sigla_tei_attribute (node, "cert");
  g_autofree char *source = sigla_tei_attribute (node, "source");
  g_auto(GStrv) pointers = source != NULL ? g_strsplit_set (source, " \t\n\r", -1) : NULL;

  sigla_evidence_clear (into);
  if (sigla_evidence_is_certainty (cert))
    into->cert = g_steal_pointer (&cert);
  into->resp = asserter_of (evidence, node);
  for (guint i = 0; pointers != NULL && pointers[i] != NULL; i++)
    {
      Cited *cited = pointers[i][0] == '#' ? g_hash_table_lookup (evidence->cited, pointers[i] + 1) : NULL;

      if (cited != NULL)
        {
          into->document_id = cited->document_id;
          into->start = cited->start;
          into->end = cited->end;
          break;
        }
    }
}

static gboolean
kind_of_record (const xmlNode *node,
                SiglaKind     *kind)
{
  if (sigla_tei_is_element (node, "person"))
    *kind = SIGLA_KIND_PERSON;
  else if (sigla_tei_is_element (node, "place"))
    *kind = SIGLA_KIND_PLACE;
  else if (sigla_tei_is_element (node, "org"))
    *kind = SIGLA_KIND_ORG;
  else
    return FALSE;
  return TRUE;
}

/* The evidence of a record's names, given to its entity's aliases that have none yet. */
static gboolean
read_record (SiglaTeiEvidence  *evidence,
             xmlNode           *record,
             SiglaKind          kind,
             GError           **error)
{
  g_autofree char *id = sigla_tei_xml_id (record);
  g_autofree char *reference = id != NULL ? g_strconcat ("#", id, NULL) : NULL;
  g_autoptr(SiglaEntity) entity = NULL;
  gint64 entity_id = 0;
  gboolean changed = FALSE, sourced = FALSE;

  for (xmlNode *c = record->children; c != NULL && !sourced; c = c->next)
    sourced = c->type == XML_ELEMENT_NODE &&
              (xmlHasProp (c, BAD_CAST "cert") || xmlHasProp (c, BAD_CAST "resp") || xmlHasProp (c, BAD_CAST "source"));
  if (!sourced)
    return TRUE;
  if (reference == NULL ||
      !sigla_tei_refs_resolve (evidence->refs, record, reference, kind, &entity_id, error))
    return reference == NULL;
  if (entity_id == 0 || (entity = sigla_entity_get (evidence->project, entity_id, error)) == NULL)
    return entity_id == 0;

  for (xmlNode *c = record->children; c != NULL; c = c->next)
    {
      g_autofree char *name = NULL;

      if (c->type != XML_ELEMENT_NODE ||
          (!xmlHasProp (c, BAD_CAST "cert") && !xmlHasProp (c, BAD_CAST "resp") && !xmlHasProp (c, BAD_CAST "source")) ||
          (name = sigla_tei_text_of (c)) == NULL)
        continue;
      for (guint i = 0; i < entity->aliases->len; i++)
        {
          SiglaAlias *alias = entity->aliases->pdata[i];

          SiglaEvidence read = { NULL };

          if (!g_str_equal (alias->name, name))
            continue;
          /* Evidence the project has stays, unless this file names the words it lacks:
           * another file of a folder points to them, this one has them. */
          read_evidence (evidence, c, &read);
          if (sigla_evidence_is_empty (&alias->evidence) ||
              (alias->evidence.document_id == 0 && read.document_id != 0))
            {
              sigla_evidence_copy (&alias->evidence, &read);
              changed = TRUE;
            }
          sigla_evidence_clear (&read);
          break;
        }
    }
  return !changed || sigla_entity_update (evidence->project, entity, error);
}

static gint64
resolve_party (SiglaTeiEvidence  *evidence,
               const xmlNode     *relation,
               const char        *reference,
               GError           **error)
{
  gint64 id = 0;

  /* A party is a record of the file's registry: its kind is the record's. */
  if (reference != NULL && reference[0] == '#')
    {
      xmlNode *record = g_hash_table_lookup (evidence->ids, reference + 1);
      SiglaKind kind;

      if (record != NULL && kind_of_record (record, &kind) &&
          !sigla_tei_refs_resolve (evidence->refs, relation, reference, kind, &id, error))
        return -1;
    }
  return id;
}

static SiglaRelation *
find_known (GPtrArray           *relations,
            const SiglaRelation *relation)
{
  for (guint i = 0; i < relations->len; i++)
    {
      SiglaRelation *other = relations->pdata[i];

      if (g_str_equal (other->type, relation->type) && other->from_id == relation->from_id &&
          other->to_id == relation->to_id)
        return other;
    }
  return NULL;
}

/* A relation between two records of the file, unless the project has it already. */
static gboolean
read_relation (SiglaTeiEvidence  *evidence,
               xmlNode           *node,
               GPtrArray         *known,
               SiglaTeiReport    *report,
               GError           **error)
{
  g_autofree char *name = sigla_tei_attribute (node, "name");
  g_autofree char *active = sigla_tei_attribute (node, "active");
  g_autofree char *passive = sigla_tei_attribute (node, "passive");
  g_autofree char *mutual = sigla_tei_attribute (node, "mutual");
  g_auto(GStrv) parties = mutual != NULL ? g_strsplit_set (g_strstrip (mutual), " \t\n\r", -1) : NULL;
  g_autoptr(SiglaRelation) relation = NULL;
  g_autoptr(GError) refused = NULL;
  SiglaRelation *found;
  gint64 from_id, to_id;

  if (parties != NULL && g_strv_length (parties) == 2)
    {
      from_id = resolve_party (evidence, node, parties[0], error);
      to_id = resolve_party (evidence, node, parties[1], error);
    }
  else
    {
      from_id = resolve_party (evidence, node, active, error);
      to_id = resolve_party (evidence, node, passive, error);
    }
  if (from_id < 0 || to_id < 0)
    return FALSE;
  if (name == NULL || from_id == 0 || to_id == 0)
    {
      sigla_tei_report_count (report->not_understood, "relation without a name or two parties", 1);
      return TRUE;
    }

  relation = sigla_relation_new (name, from_id, to_id);
  read_evidence (evidence, node, &relation->evidence);
  relation->note = sigla_tei_exact_text_of (sigla_tei_child (node, "desc"));
  /* Known already: given the words it lacked, when this file has them (another file
   * of a folder points to them, this one holds them). */
  if ((found = find_known (known, relation)) != NULL)
    {
      if (found->evidence.document_id != 0 || relation->evidence.document_id == 0)
        return TRUE;
      sigla_evidence_copy (&found->evidence, &relation->evidence);
      return sigla_relation_update (evidence->project, found, error);
    }
  /* Another edition's type may be no one word: that relation is counted, not read. */
  if (!sigla_relation_insert (evidence->project, relation, &refused))
    {
      sigla_tei_report_count (report->not_understood, "relation Sigla does not take", 1);
      return TRUE;
    }
  g_ptr_array_add (known, g_steal_pointer (&relation));
  return TRUE;
}

static gboolean
walk (SiglaTeiEvidence  *evidence,
      xmlNode           *node,
      GPtrArray         *known,
      SiglaTeiReport    *report,
      GError           **error)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      SiglaKind kind;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (kind_of_record (c, &kind))
        {
          if (!read_record (evidence, c, kind, error))
            return FALSE;
          continue;
        }
      if (sigla_tei_is_element (c, "relation"))
        {
          if (!read_relation (evidence, c, known, report, error))
            return FALSE;
          continue;
        }
      /* Registries are outside the text. */
      if (!sigla_tei_is_element (c, "text") && !walk (evidence, c->children, known, report, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sigla_tei_evidence_read:
 *
 * Gives the names of the file's records who says they are so, and adds its
 * relations, inside the caller's action: once its documents are read.
 */
gboolean
sigla_tei_evidence_read (SiglaTeiEvidence  *evidence,
                         xmlNode           *root,
                         SiglaTeiReport    *report,
                         GError           **error)
{
  g_autoptr(GPtrArray) known = sigla_relation_list (evidence->project, 0, error);

  return known != NULL && walk (evidence, root, known, report, error);
}
