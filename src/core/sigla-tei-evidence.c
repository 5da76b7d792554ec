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

#define MAX_ASSERTER_CHARS 200   /* a name, not a text */

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
  GHashTable   *ids;         /* the file's xml:id → xmlNode */
  GHashTable   *cited;       /* xml:id of a seg → Cited */
  GHashTable   *asserters;   /* xml:id a @resp points to → the name, or NULL */
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
  evidence->asserters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return evidence;
}

void
sigla_tei_evidence_free (SiglaTeiEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_hash_table_unref (evidence->cited);
  g_hash_table_unref (evidence->asserters);
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

/* Who @resp names: a respStmt's name, or a person's, in this file; nobody
 * for anything else, or a name longer than a name is. Each once. */
static char *
asserter_of (SiglaTeiEvidence *evidence,
             const xmlNode    *node)
{
  g_autofree char *resp = sigla_tei_attribute (node, "resp");
  xmlNode *target, *name = NULL;
  char *text;

  if (resp == NULL || resp[0] != '#' ||
      (target = g_hash_table_lookup (evidence->ids, resp + 1)) == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (evidence->asserters, resp + 1, NULL, (gpointer *) &text))
    return g_strdup (text);
  if (sigla_tei_is_element (target, "respStmt"))
    name = sigla_tei_child (target, "name");
  else if (sigla_tei_is_element (target, "person"))
    name = sigla_tei_child (target, "persName");
  text = name != NULL ? sigla_tei_text_of (name) : NULL;
  if (text != NULL && g_utf8_strlen (text, -1) > MAX_ASSERTER_CHARS)
    g_clear_pointer (&text, g_free);
  g_hash_table_insert (evidence->asserters, g_strdup (resp + 1), text);
  return g_strdup (text);
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
is_record (const xmlNode *node)
{
  return sigla_tei_is_element (node, "person") || sigla_tei_is_element (node, "place") ||
         sigla_tei_is_element (node, "org");
}

/* Counts what could not be taken, and goes on: one bad pointer costs the import nothing. */
static void
not_taken (SiglaTeiReport *report,
           const char     *what,
           GError        **refused)
{
  sigla_tei_report_count (report->not_understood, what, 1);
  g_clear_error (refused);
}

/* The evidence of a record's names, given to its entity's aliases that have
 * none yet, or no words yet that this file has. A record the registry did not
 * read is none of Sigla's business here. */
static void
read_record (SiglaTeiEvidence  *evidence,
             xmlNode           *record,
             SiglaTeiReport    *report)
{
  g_autofree char *id = sigla_tei_xml_id (record);
  gint64 entity_id = sigla_tei_refs_lookup (evidence->refs, id);
  g_autoptr(SiglaEntity) entity = NULL;
  g_autoptr(GError) refused = NULL;
  gboolean changed = FALSE, sourced = FALSE;

  for (xmlNode *c = record->children; c != NULL && !sourced; c = c->next)
    sourced = c->type == XML_ELEMENT_NODE &&
              (xmlHasProp (c, BAD_CAST "cert") || xmlHasProp (c, BAD_CAST "resp") || xmlHasProp (c, BAD_CAST "source"));
  if (!sourced || entity_id == 0 || (entity = sigla_entity_get (evidence->project, entity_id, &refused)) == NULL)
    {
      if (refused != NULL)
        not_taken (report, "name's evidence Sigla does not take", &refused);
      return;
    }

  for (xmlNode *c = record->children; c != NULL; c = c->next)
    {
      g_autofree char *name = NULL;

      if (c->type != XML_ELEMENT_NODE || (name = sigla_tei_text_of (c)) == NULL)
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
          if (!sigla_evidence_is_empty (&read) &&
              (sigla_evidence_is_empty (&alias->evidence) ||
               (alias->evidence.document_id == 0 && read.document_id != 0)))
            {
              sigla_evidence_copy (&alias->evidence, &read);
              changed = TRUE;
            }
          sigla_evidence_clear (&read);
          break;
        }
    }
  if (changed && !sigla_entity_update (evidence->project, entity, &refused))
    not_taken (report, "name's evidence Sigla does not take", &refused);
}

/* A party: a record of the file's registry, by "#id". */
static gint64
party_of (SiglaTeiEvidence *evidence,
          const char       *reference)
{
  return reference != NULL && reference[0] == '#' ? sigla_tei_refs_lookup (evidence->refs, reference + 1) : 0;
}

static gboolean
same_evidence (const SiglaEvidence *a,
               const SiglaEvidence *b)
{
  return g_strcmp0 (a->resp, b->resp) == 0 && g_strcmp0 (a->cert, b->cert) == 0 &&
         a->document_id == b->document_id && a->start == b->start && a->end == b->end;
}

/* "type from to": the relations that may be the same one. */
static char *
relation_key (const SiglaRelation *relation)
{
  return g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, relation->type, relation->from_id,
                          relation->to_id);
}

/* The project's relation that @relation is: the same in all it says, or the
 * same but for the words this file has and it lacks (set in *@completes). */
static SiglaRelation *
find_known (GHashTable          *known,
            const SiglaRelation *relation,
            gboolean            *completes)
{
  g_autofree char *key = relation_key (relation);
  GPtrArray *alike = g_hash_table_lookup (known, key);

  *completes = FALSE;
  for (guint i = 0; alike != NULL && i < alike->len; i++)
    {
      SiglaRelation *other = alike->pdata[i];

      if (g_strcmp0 (other->note, relation->note) != 0)
        continue;
      if (same_evidence (&other->evidence, &relation->evidence))
        return other;
      if (g_strcmp0 (other->evidence.resp, relation->evidence.resp) != 0 ||
          g_strcmp0 (other->evidence.cert, relation->evidence.cert) != 0)
        continue;
      /* One of the two names no words: its file pointed to another's, which has them. */
      if (relation->evidence.document_id == 0)
        return other;
      if (other->evidence.document_id == 0)
        {
          *completes = TRUE;
          return other;
        }
    }
  return NULL;
}

static void
remember (GHashTable    *known,
          SiglaRelation *relation)
{
  char *key = relation_key (relation);
  GPtrArray *alike = g_hash_table_lookup (known, key);

  if (alike == NULL)
    {
      alike = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_relation_free);
      g_hash_table_insert (known, key, alike);
    }
  else
    g_free (key);
  g_ptr_array_add (alike, relation);
}

/* A relation between two records of the file, unless the project has it already. */
static void
read_relation (SiglaTeiEvidence  *evidence,
               xmlNode           *node,
               GHashTable        *known,
               SiglaTeiReport    *report)
{
  g_autofree char *name = sigla_tei_attribute (node, "name");
  g_autofree char *active = sigla_tei_attribute (node, "active");
  g_autofree char *passive = sigla_tei_attribute (node, "passive");
  g_autofree char *mutual = sigla_tei_attribute (node, "mutual");
  g_auto(GStrv) parties = mutual != NULL ? g_strsplit_set (g_strstrip (mutual), " \t\n\r", -1) : NULL;
  g_autoptr(SiglaRelation) relation = NULL;
  g_autoptr(GError) refused = NULL;
  SiglaRelation *found;
  gboolean completes;
  gint64 from_id, to_id;

  if (parties != NULL && g_strv_length (parties) == 2)
    {
      from_id = party_of (evidence, parties[0]);
      to_id = party_of (evidence, parties[1]);
    }
  else
    {
      from_id = party_of (evidence, active);
      to_id = party_of (evidence, passive);
    }
  if (name == NULL || from_id == 0 || to_id == 0)
    {
      not_taken (report, "relation without a name or two records of the file", NULL);
      return;
    }

  relation = sigla_relation_new (name, from_id, to_id);
  read_evidence (evidence, node, &relation->evidence);
  relation->note = sigla_tei_exact_text_of (sigla_tei_child (node, "desc"));
  /* Known already: nothing, or the words it lacked when this file has them
   * (another file of a folder points to them, this one holds them). */
  if ((found = find_known (known, relation, &completes)) != NULL)
    {
      if (completes)
        {
          sigla_evidence_copy (&found->evidence, &relation->evidence);
          if (!sigla_relation_update (evidence->project, found, &refused))
            not_taken (report, "relation Sigla does not take", &refused);
        }
      return;
    }
  /* Another edition's type may be no one word: that relation is counted, not read. */
  if (!sigla_relation_insert (evidence->project, relation, &refused))
    {
      not_taken (report, "relation Sigla does not take", &refused);
      return;
    }
  remember (known, g_steal_pointer (&relation));
}

static void
walk (SiglaTeiEvidence  *evidence,
      xmlNode           *node,
      GHashTable        *known,
      SiglaTeiReport    *report)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_record (c))
        read_record (evidence, c, report);
      else if (sigla_tei_is_element (c, "relation"))
        read_relation (evidence, c, known, report);
      /* Registries are outside the text. */
      else if (!sigla_tei_is_element (c, "text"))
        walk (evidence, c->children, known, report);
    }
}

/**
 * sigla_tei_evidence_read:
 *
 * Gives the names of the file's records who says they are so, and adds its
 * relations, inside the caller's action: once its documents are read. What
 * the project does not take is counted in @report, not refused.
 */
gboolean
sigla_tei_evidence_read (SiglaTeiEvidence  *evidence,
                         xmlNode           *root,
                         SiglaTeiReport    *report,
                         GError           **error)
{
  g_autoptr(GPtrArray) relations = sigla_relation_list (evidence->project, 0, error);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);

  if (relations == NULL)
    return FALSE;
  while (relations->len > 0)
    remember (known, g_ptr_array_steal_index (relations, relations->len - 1));
  walk (evidence, root, known, report);
  return TRUE;
}
