/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-additions.c: what an export adds to another edition's file outside its text: the
 * records of the entities its new names point to (in the file's own lists, else a standOff),
 * the stand-off annotations of claims, and the respStmt every addition points to. */

#define G_LOG_DOMAIN "sigla-tei-additions"

#include "sigla-entity.h"
#include "sigla-tei-weaver.h"

/* An xml:id not yet in the file, from @base ("sigla-resp", "stalin"): the
 * base itself, else with a number. */
char *
sigla_tei_weaver_new_id (Weaver     *w,
                         const char *base)
{
  char *id = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (w->ids, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (w->ids, g_strdup (id));
  return id;
}

void
sigla_tei_weaver_set_id (xmlNode    *node,
                         const char *id)
{
  xmlNs *xml = xmlSearchNsByHref (node->doc, node, XML_XML_NAMESPACE);

  xmlSetNsProp (node, xml, BAD_CAST "id", BAD_CAST id);
}

static xmlNode *
new_element (Weaver     *w,
             const char *name)
{
  xmlNode *element = xmlNewDocNode (w->doc, w->ns, BAD_CAST name, NULL);

  xmlSetProp (element, BAD_CAST "resp", BAD_CAST w->resp);
  return element;
}

/* A child element with text, escaped by libxml2. */
static xmlNode *
add_text_child (Weaver     *w,
                xmlNode    *parent,
                const char *name,
                const char *text)
{
  return xmlNewTextChild (parent, w->ns, BAD_CAST name, BAD_CAST text);
}

/* -- records ------------------------------------------------------------------ */

static const char *
list_name (SiglaKind kind)
{
  return kind == SIGLA_KIND_PLACE ? "listPlace" : kind == SIGLA_KIND_ORG ? "listOrg" : "listPerson";
}

/* The standOff Sigla adds, after the header, once. */
static xmlNode *
ensure_standoff (Weaver *w)
{
  xmlNode *header = sigla_tei_child (w->tei, "teiHeader");

  if (w->standoff != NULL)
    return w->standoff;

  w->standoff = new_element (w, "standOff");
  if (header != NULL)
    xmlAddNextSibling (header, w->standoff);
  else if (w->tei->children != NULL)
    xmlAddPrevSibling (w->tei->children, w->standoff);
  else
    xmlAddChild (w->tei, w->standoff);
  return w->standoff;
}

static xmlNode *
ensure_list (Weaver    *w,
             SiglaKind  kind)
{
  const char *name = list_name (kind);
  xmlNode *list = g_hash_table_lookup (w->lists, name);

  if (list == NULL)
    {
      list = xmlNewChild (ensure_standoff (w), w->ns, BAD_CAST name, NULL);
      g_hash_table_insert (w->lists, (gpointer) list->name, list);
    }
  return list;
}

static void
write_record (Weaver            *w,
              xmlNode           *record,
              const SiglaEntity *entity)
{
  const char *name = entity->kind == SIGLA_KIND_PLACE ? "placeName"
                     : entity->kind == SIGLA_KIND_ORG ? "orgName" : "persName";

  add_text_child (w, record, name, entity->label);
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];
      xmlNode *variant = add_text_child (w, record, name, alias->name);
      g_autofree char *type = g_strdelimit (g_strdup (alias->type != NULL ? alias->type : "variant"), " ", '-');

      xmlSetProp (variant, BAD_CAST "type", BAD_CAST type);
      /* Who says so and where point into Sigla's own files; how surely goes anywhere. */
      if (alias->evidence.cert != NULL)
        xmlSetProp (variant, BAD_CAST "cert", BAD_CAST alias->evidence.cert);
    }
  if (entity->description != NULL)
    xmlSetProp (add_text_child (w, record, "note", entity->description), BAD_CAST "type", BAD_CAST "description");
  if (entity->kind == SIGLA_KIND_PLACE && entity->has_geo)
    {
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *geo = g_strdup_printf ("%s %s", g_ascii_dtostr (lat, sizeof lat, entity->lat),
                                              g_ascii_dtostr (lon, sizeof lon, entity->lon));
      xmlNode *location = xmlNewChild (record, w->ns, BAD_CAST "location", NULL);

      add_text_child (w, location, "geo", geo);
    }
  for (guint i = 0; i < entity->authorities->len; i++)
    xmlSetProp (add_text_child (w, record, "idno", entity->authorities->pdata[i]), BAD_CAST "type", BAD_CAST "URI");
  if (entity->note != NULL)
    add_text_child (w, record, "note", entity->note);
}

/* "#id" of the entity's record: the file's own, else one Sigla adds. */
char *
sigla_tei_weaver_ref_to (Weaver *w,
                         gint64  entity_id)
{
  const char *record_id = sigla_tei_refs_get_record (w->refs, entity_id);
  const SiglaEntity *entity;
  xmlNode *record;
  char *id;

  if (entity_id == 0)
    return NULL;
  if (record_id == NULL)
    record_id = g_hash_table_lookup (w->added, &entity_id);
  if (record_id != NULL)
    return g_strconcat ("#", record_id, NULL);

  entity = g_hash_table_lookup (w->entities, &entity_id);
  if (entity == NULL)
    return NULL;

  id = sigla_tei_weaver_new_id (w, entity->xml_id);
  record = new_element (w, entity->kind == SIGLA_KIND_PLACE ? "place" : entity->kind == SIGLA_KIND_ORG ? "org"
                                                                                                      : "person");
  sigla_tei_weaver_set_id (record, id);
  write_record (w, record, entity);
  xmlAddChild (ensure_list (w, entity->kind), record);
  g_hash_table_insert (w->added, g_memdup2 (&entity_id, sizeof entity_id), id);
  w->changed = TRUE;
  return g_strconcat ("#", id, NULL);
}

static void
add_pointer (Weaver     *w,
             xmlNode    *annotation,
             const char *type,
             gint64      entity_id)
{
  g_autofree char *target = sigla_tei_weaver_ref_to (w, entity_id);
  xmlNode *ptr;

  if (target == NULL)
    return;
  ptr = xmlNewChild (annotation, w->ns, BAD_CAST "ptr", NULL);
  xmlSetProp (ptr, BAD_CAST "type", BAD_CAST type);
  xmlSetProp (ptr, BAD_CAST "target", BAD_CAST target);
}

/* The stance a claim takes, as an interp of Sigla's standOff. */
static char *
stance_ref (Weaver     *w,
            const char *stance)
{
  g_autofree char *wanted = g_strconcat ("sigla-stance-", stance, NULL);
  xmlNode *group = NULL;
  xmlNode *interp;
  char *id;
  char *ref;

  for (xmlNode *c = ensure_standoff (w)->children; c != NULL; c = c->next)
    if (sigla_tei_is_element (c, "interpGrp"))
      group = c;
  for (xmlNode *c = group != NULL ? group->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *have = sigla_tei_xml_id (c);
      g_autofree char *text = sigla_tei_text_of (c);

      if (g_strcmp0 (text, stance) == 0)
        return g_strconcat ("#", have, NULL);
    }
  if (group == NULL)
    {
      group = xmlNewChild (w->standoff, w->ns, BAD_CAST "interpGrp", NULL);
      xmlSetProp (group, BAD_CAST "type", BAD_CAST "stance");
    }
  id = sigla_tei_weaver_new_id (w, wanted);
  interp = add_text_child (w, group, "interp", stance);
  sigla_tei_weaver_set_id (interp, id);
  ref = g_strconcat ("#", id, NULL);
  g_free (id);
  return ref;
}

/* A claim's stand-off annotation, pointing at its said (@target: "#id #id"). */
void
sigla_tei_weaver_annotate_claim (Weaver           *w,
                                 const SiglaClaim *claim,
                                 const char       *target)
{
  g_autofree char *stance = stance_ref (w, claim->stance != NULL ? claim->stance : "asserts");
  g_autofree char *annotation_id = NULL;
  xmlNode *list = NULL;
  xmlNode *annotation;

  for (xmlNode *c = w->standoff->children; c != NULL; c = c->next)
    if (sigla_tei_is_element (c, "listAnnotation"))
      list = c;
  if (list == NULL)
    list = xmlNewChild (w->standoff, w->ns, BAD_CAST "listAnnotation", NULL);

  annotation = xmlNewChild (list, w->ns, BAD_CAST "annotation", NULL);
  annotation_id = sigla_tei_weaver_new_id (w, "sigla-claim");
  sigla_tei_weaver_set_id (annotation, annotation_id);
  xmlSetProp (annotation, BAD_CAST "target", BAD_CAST target);
  xmlSetProp (annotation, BAD_CAST "motivation", BAD_CAST "describing");
  xmlSetProp (annotation, BAD_CAST "ana", BAD_CAST stance);
  if (claim->certainty != NULL)
    xmlSetProp (annotation, BAD_CAST "cert", BAD_CAST claim->certainty);
  xmlSetProp (annotation, BAD_CAST "resp", BAD_CAST w->resp);
  if (claim->paraphrase != NULL)
    xmlSetProp (add_text_child (w, annotation, "note", claim->paraphrase), BAD_CAST "type", BAD_CAST "paraphrase");
  if (claim->note != NULL)
    xmlSetProp (add_text_child (w, annotation, "note", claim->note), BAD_CAST "type", BAD_CAST "comment");
  add_pointer (w, annotation, "speaker", claim->speaker_id);
  add_pointer (w, annotation, "reporter", claim->reporter_id);
  for (guint k = 0; k < claim->about->len; k++)
    add_pointer (w, annotation, "about", g_array_index (claim->about, gint64, k));
}

/* The respStmt every addition points to, in the titleStmt. */
void
sigla_tei_weaver_add_resp_stmt (Weaver *w)
{
  xmlNode *title_stmt = sigla_tei_descend (w->tei, "teiHeader", "fileDesc", "titleStmt", NULL);
  xmlNode *resp_stmt;

  if (title_stmt == NULL)
    return;
  resp_stmt = xmlNewChild (title_stmt, w->ns, BAD_CAST "respStmt", NULL);
  sigla_tei_weaver_set_id (resp_stmt, w->resp_id);
  add_text_child (w, resp_stmt, "resp", "annotation with Sigla");
  add_text_child (w, resp_stmt, "name", w->annotator);
}
