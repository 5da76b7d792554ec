/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-elements.c: what TEI's elements are to a reader: running text (phrases), blocks,
 * what holds blocks, and what is not the document's text at all. */

#define G_LOG_DOMAIN "sigla-tei-elements"

#include "sigla-tei-elements.h"

/* Elements that stand inside running text. Any other element holding text is a block. */
static const char * const phrase_elements[] = {
  "abbr", "add", "addName", "affiliation", "am", "anchor", "app", "bloc", "c", "cb", "choice", "cl",
  "corr", "country", "damage", "date", "del", "distinct", "district", "email", "emph", "ex", "expan",
  "foreign", "forename", "g", "gap", "genName", "geogFeat", "geogName", "gloss", "handShift", "hi",
  "idno", "lang", "lb", "lem", "measure", "measureGrp", "mentioned", "milestone", "name",
  "nameLink", "note", "num", "orgName", "orig", "pb", "pc", "persName", "phr", "placeName", "ptr", "q",
  "quote", "rdg", "rdgGrp", "ref", "reg", "region", "roleName", "rs", "s", "said", "seg", "settlement",
  "sic", "soCalled", "space", "subst", "supplied", "surname", "term", "time", "title", "unclear", "w",
  "metamark", "mod", "redo", "restore", "retrace", "undo", "secl", "surplus", "offset", "location",
  "geo", "objectName", "eventName", "unit", "stamp", "catchwords", "address", "addrLine", "workName",
  "bibl", "author", "editor", "publisher", "pubPlace", "biblScope", "citedRange",
};

/* Elements that only ever stand as blocks or hold them: one of them makes its parent a
 * holder of blocks. Others (stage, speaker, label, an unknown element) are a block where
 * they stand among blocks, and running text inside one. */
static const char * const block_elements[] = {
  "ab", "argument", "back", "body", "byline", "castGroup", "castItem", "castList", "cell", "closer",
  "dateline", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "docImprint", "docTitle",
  "entry", "entryFree", "epigraph", "floatingText", "front", "group", "head", "item", "l", "lg", "list",
  "listBibl", "opener", "p", "postscript", "re", "row", "salute", "sense", "signed", "sp", "spGrp",
  "superEntry", "table", "text", "titlePage", "titlePart", "trailer",
};

/* Elements whose text is not the document's running text: kept in the tree, counted. */
static const char * const kept_out_elements[] = {
  "fw", "figDesc", "interpGrp", "interp", "span", "spanGrp", "link", "linkGrp", "join", "joinGrp",
  "alt", "altGrp", "timeline", "witDetail", "listPerson", "listPlace", "listOrg", "listEvent",
  "listRelation", "listPrefixDef", "listAnnotation", "standOff", "facsimile", "sourceDoc",
  "fsdDecl", "fs", "f", "graphic", "binaryObject", "formula", "notatedMusic", "teiHeader",
};

static GHashTable *phrase_set;
static GHashTable *block_set;
static GHashTable *kept_out_set;
static GHashTable *roles;

static GHashTable *
set_of (const char * const *names,
        gsize               n)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; i < n; i++)
    g_hash_table_add (set, (gpointer) names[i]);
  return set;
}

static void
ensure_sets (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      phrase_set = set_of (phrase_elements, G_N_ELEMENTS (phrase_elements));
      block_set = set_of (block_elements, G_N_ELEMENTS (block_elements));
      kept_out_set = set_of (kept_out_elements, G_N_ELEMENTS (kept_out_elements));
      roles = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (roles, "note", GINT_TO_POINTER (SIGLA_TEI_ROLE_NOTE));
      g_hash_table_insert (roles, "lb", GINT_TO_POINTER (SIGLA_TEI_ROLE_LINE_BREAK));
      g_hash_table_insert (roles, "pb", GINT_TO_POINTER (SIGLA_TEI_ROLE_BREAK));
      g_hash_table_insert (roles, "cb", GINT_TO_POINTER (SIGLA_TEI_ROLE_BREAK));
      g_hash_table_insert (roles, "space", GINT_TO_POINTER (SIGLA_TEI_ROLE_SPACE));
      g_hash_table_insert (roles, "choice", GINT_TO_POINTER (SIGLA_TEI_ROLE_ALTERNATIVE));
      g_hash_table_insert (roles, "app", GINT_TO_POINTER (SIGLA_TEI_ROLE_ALTERNATIVE));
      g_hash_table_insert (roles, "subst", GINT_TO_POINTER (SIGLA_TEI_ROLE_ALTERNATIVE));
      g_hash_table_insert (roles, "rdgGrp", GINT_TO_POINTER (SIGLA_TEI_ROLE_ALTERNATIVE));
      g_once_init_leave (&done, 1);
    }
}

/* Whether @node may stand inside running text, a note among them. */
gboolean
sigla_tei_element_is_phrase (const xmlNode *node)
{
  ensure_sets ();
  return g_hash_table_contains (phrase_set, node->name);
}

/* What @node does inside running text, by its name. */
SiglaTeiRole
sigla_tei_element_role (const xmlNode *node)
{
  SiglaTeiRole role;

  ensure_sets ();
  role = GPOINTER_TO_INT (g_hash_table_lookup (roles, node->name));
  return role != 0 ? role : SIGLA_TEI_ROLE_TEXT;
}

/* Whether TEI lets @node stand inside running text (hi, persName, choice …):
 * an element that may itself be wrapped in a name or a said. */
gboolean
sigla_tei_is_phrase_element (const xmlNode *node)
{
  return sigla_tei_is_element (node, NULL) && sigla_tei_element_is_phrase (node) &&
         !sigla_tei_is_element (node, "note");
}

/* A listBibl in the back matter is the edition's register of works, like
 * its listPerson; in the body it is a bibliography, part of the text. */
static gboolean
is_register_of_works (const xmlNode *node)
{
  if (!sigla_tei_is_element (node, "listBibl"))
    return FALSE;
  for (const xmlNode *a = node->parent; a != NULL; a = a->parent)
    if (sigla_tei_is_element (a, "back"))
      return TRUE;
  return FALSE;
}

/* Whether @node's text is not the document's running text (fw, a register,
 * another namespace's element): kept in the tree, counted. */
gboolean
sigla_tei_element_is_kept_out (const xmlNode *node)
{
  ensure_sets ();
  return node->ns != NULL && !sigla_tei_is_element (node, NULL) ? TRUE
         : g_hash_table_contains (kept_out_set, node->name) || is_register_of_works (node);
}

/* An element that holds blocks (a p, a list … or what holds them, but for a
 * note, read apart): walked through, not read as one. */
gboolean
sigla_tei_element_holds_blocks (const xmlNode *node)
{
  ensure_sets ();
  for (const xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !sigla_tei_element_is_kept_out (c) && !sigla_tei_is_element (c, "note") &&
        (g_hash_table_contains (block_set, c->name) || sigla_tei_element_holds_blocks (c)))
      return TRUE;
  return FALSE;
}
