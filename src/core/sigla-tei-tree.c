/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-tree.c: a TEI file as a tree: parsed with nothing fetched and no entity read, and
 * the small questions every reader of it asks (a child, an attribute, an element's words). */

#define G_LOG_DOMAIN "sigla-tei-tree"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <string.h>

#include "sigla-date.h"
#include "sigla-error.h"
#include "sigla-tei-tree.h"

/**
 * sigla_tei_is_element:
 * @name: (nullable): the local name, or %NULL for any
 *
 * Whether @node is a TEI element, with or without the TEI namespace (some
 * tools leave it out).
 */
gboolean
sigla_tei_is_element (const xmlNode *node,
                      const char    *name)
{
  /* The name first: it tells most elements apart at its first letter. */
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         (name == NULL || strcmp ((const char *) node->name, name) == 0) &&
         (node->ns == NULL || strcmp ((const char *) node->ns->href, SIGLA_TEI_NS) == 0);
}

xmlNode *
sigla_tei_child (const xmlNode *node,
                 const char    *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (sigla_tei_is_element (c, name))
      return c;

  return NULL;
}

/* child (child (…)), as a path of names ending in NULL. */
xmlNode *
sigla_tei_descend (const xmlNode *node,
                   ...)
{
  const char *name;
  va_list args;

  va_start (args, node);
  while (node != NULL && (name = va_arg (args, const char *)) != NULL)
    node = sigla_tei_child (node, name);
  va_end (args);

  return (xmlNode *) node;
}

char *
sigla_tei_attribute (const xmlNode *node,
                     const char    *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

char *
sigla_tei_xml_id (const xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST "id", XML_XML_NAMESPACE);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The words of @node: its text, a line break (but for break="no") read as a space. */
static void
gather_words (const xmlNode *node,
              GString       *words)
{
  for (const xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        g_string_append (words, (const char *) c->content);
      else if (sigla_tei_is_element (c, "lb") || sigla_tei_is_element (c, "pb") ||
               sigla_tei_is_element (c, "cb"))
        {
          g_autofree char *kind = sigla_tei_attribute (c, "break");

          if (g_strcmp0 (kind, "no") != 0)
            g_string_append_c (words, ' ');
        }
      else if (c->type == XML_ELEMENT_NODE)
        gather_words (c, words);
    }
}

/* The element's text with white space runs made one space, trimmed: what a
 * name or a title reads as, however the file was indented or its lines broken. */
char *
sigla_tei_text_of (const xmlNode *node)
{
  g_autoptr(GString) content = NULL;
  GString *text;
  gboolean space = FALSE;

  if (node == NULL)
    return NULL;

  content = g_string_new ("");
  if (node->type == XML_ELEMENT_NODE)
    gather_words (node, content);
  else if (node->content != NULL)
    g_string_append (content, (const char *) node->content);

  text = g_string_new ("");
  for (const char *p = content->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = text->len > 0;
      else
        {
          if (space)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_unichar (text, c);
        }
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* The element's text as written: notes and paraphrases keep their lines. */
char *
sigla_tei_exact_text_of (const xmlNode *node)
{
  xmlChar *content = node != NULL ? xmlNodeGetContent (node) : NULL;
  char *copy = content != NULL && *content != '\0' ? g_strdup ((const char *) content) : NULL;

  xmlFree (content);
  return copy;
}

/* Sigla's own export says so in its publication statement; anything else is
 * another tool's TEI. */
static gboolean
is_own_export (const xmlNode *tei)
{
  xmlNode *statement = sigla_tei_descend (tei, "teiHeader", "fileDesc", "publicationStmt", NULL);
  g_autofree char *said = sigla_tei_text_of (sigla_tei_child (statement, "p"));

  return g_strcmp0 (said, "Unpublished: annotated with Sigla.") == 0;
}

/**
 * sigla_tei_is_own:
 * @root: a TEI or teiCorpus element
 *
 * Whether Sigla wrote the file (a corpus: its first TEI): such a file is
 * read strictly and exported from the project; another tool's is kept as
 * its tree, and exported as that tree with Sigla's annotations woven in.
 */
gboolean
sigla_tei_is_own (const xmlNode *root)
{
  if (sigla_tei_is_element (root, "teiCorpus"))
    for (const xmlNode *c = root->children; c != NULL; c = c->next)
      if (sigla_tei_is_element (c, "TEI"))
        return is_own_export (c);
  return is_own_export (root);
}

/* The kind an @type of rs or name gives: "person", "pers", "persName",
 * "place", "placeName", "settlement", "org", "institution" … */
static gboolean
kind_of_type (const char *type,
              SiglaKind  *kind)
{
  static const char * const places[] = { "place", "placename", "loc", "location", "settlement", "city",
                                         "country", "region", "geo", "geogname", NULL };
  static const char * const orgs[] = { "institution", "corporation", "corporatebody", "company", NULL };
  g_autofree char *lower = type != NULL ? g_ascii_strdown (type, -1) : NULL;

  if (lower == NULL)
    return FALSE;
  if (g_str_has_prefix (lower, "pers") || g_str_equal (lower, "people"))
    *kind = SIGLA_KIND_PERSON;
  else if (g_strv_contains (places, lower))
    *kind = SIGLA_KIND_PLACE;
  else if (g_str_has_prefix (lower, "org") || g_strv_contains (orgs, lower))
    *kind = SIGLA_KIND_ORG;
  else if (g_str_equal (lower, "date"))
    *kind = SIGLA_KIND_DATE;
  else
    return FALSE;
  return TRUE;
}

/**
 * sigla_tei_mention_kind:
 * @any_name: whether a `name` with a @type counts (other tools' files)
 *
 * Whether @node is a name or a date Sigla reads as a mention, and of what kind:
 * persName, placeName, orgName, date, and rs (or name) with a @type it knows.
 */
gboolean
sigla_tei_mention_kind (const xmlNode *node,
                        gboolean       any_name,
                        SiglaKind     *kind)
{
  g_autofree char *type = NULL;

  if (sigla_tei_is_element (node, "persName"))
    *kind = SIGLA_KIND_PERSON;
  else if (sigla_tei_is_element (node, "placeName"))
    *kind = SIGLA_KIND_PLACE;
  else if (sigla_tei_is_element (node, "orgName"))
    *kind = SIGLA_KIND_ORG;
  else if (sigla_tei_is_element (node, "date"))
    *kind = SIGLA_KIND_DATE;
  else if (sigla_tei_is_element (node, "rs") || (any_name && sigla_tei_is_element (node, "name")))
    return kind_of_type ((type = sigla_tei_attribute (node, "type")), kind);
  else
    return FALSE;
  return TRUE;
}

/* The value of the first of the attributes (a NULL-ended list) that @node has. */
static char *
first_attribute (const xmlNode *node,
                 ...)
{
  const char *name;
  char *value = NULL;
  va_list args;

  va_start (args, node);
  while (value == NULL && (name = va_arg (args, const char *)) != NULL)
    value = sigla_tei_attribute (node, name);
  va_end (args);
  return value;
}

/**
 * sigla_tei_date_value:
 * @when: (out) (transfer full): the day, ISO 8601, or %NULL …
 * @not_before: (out) (transfer full): … or a range
 * @not_after: (out) (transfer full):
 *
 * A date element's value: its attributes, in any of the ways TEI says it,
 * or what its words say.
 *
 * Returns: whether it has one
 */
gboolean
sigla_tei_date_value (const xmlNode  *node,
                      char          **when_out,
                      char          **not_before_out,
                      char          **not_after_out)
{
  /* All the ways TEI says it: @when, @when-iso, @from/@to, @notBefore-iso … */
  g_autofree char *when = first_attribute (node, "when", "when-iso", NULL);
  g_autofree char *not_before = first_attribute (node, "notBefore", "from", "notBefore-iso", "from-iso", NULL);
  g_autofree char *not_after = first_attribute (node, "notAfter", "to", "notAfter-iso", "to-iso", NULL);
  SiglaDate date;

  for (char **value = (char *[]) { when, not_before, not_after }, **stop = value + 3; value < stop; value++)
    if (*value != NULL && strlen (*value) > 10 && (*value)[10] == 'T')
      (*value)[10] = '\0';

  if (when != NULL && sigla_date_is_iso (when))
    *when_out = g_steal_pointer (&when);
  if (not_before != NULL && sigla_date_is_iso (not_before))
    *not_before_out = g_steal_pointer (&not_before);
  if (not_after != NULL && sigla_date_is_iso (not_after))
    *not_after_out = g_steal_pointer (&not_after);

  if (*when_out == NULL && *not_before_out == NULL && *not_after_out == NULL)
    {
      g_autofree char *words = sigla_tei_text_of (node);

      if (words != NULL && sigla_date_parse (words, &date))
        *when_out = sigla_date_to_iso (&date);
    }

  return *when_out != NULL || *not_before_out != NULL || *not_after_out != NULL;
}

/* Whether @bytes start as XML does (a byte-order mark and white space aside):
 * a plain text is not parsed for nothing. */
gboolean
sigla_tei_looks_like_xml (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize i = size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && data[i] == '<';
}

/**
 * sigla_tei_init:
 *
 * Sets libxml2 up once: its lazy set-up is not safe when two threads read
 * XML first at the same time (the window reads another edition's other
 * readings in a thread while an import runs in another). The application
 * calls it at start-up; every parse calls it too.
 */
void
sigla_tei_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      g_once_init_leave (&done, 1);
    }
}

/* -- parsing ----------------------------------------------------------------- */

static void
replace_string (char       **field,
                  const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* The first fatal error of a parse, which is the one that says what is
 * wrong: libxml2 goes on after it and reports what follows from it (after
 * an attribute too long to read, "Extra content at the end of the document"). */
typedef struct
{
  int   line;
  char *message;
} FirstError;

static void
keep_first_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  xmlParserCtxtPtr context = user_data;
  FirstError *first = context->_private;

  if (first->message == NULL && error->level == XML_ERR_FATAL && error->message != NULL)
    {
      first->line = error->line;
      first->message = g_strdup (error->message);
    }
}

/* Parses with no network, no DTD and no entity substitution. */
xmlDoc *
sigla_tei_parse (const char  *path,
                 GBytes      *bytes,
                 GError     **error)
{
  xmlParserCtxtPtr context;

  sigla_tei_init ();
  context = xmlNewParserCtxt ();
  FirstError first = { 0, NULL };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDoc *doc;

  if (context == NULL || size > G_MAXINT)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Cannot import “%s”: it is too large to read as XML"),
                   path);
      xmlFreeParserCtxt (context);
      return NULL;
    }

  /* The parser calls back with itself as the user data. */
  context->_private = &first;
  context->sax->serror = keep_first_error_cb;
  doc = xmlCtxtReadMemory (context, data, (int) size, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !context->wellFormed)
    {
      const xmlError *last = &context->lastError;
      int line = first.message != NULL ? first.line : last->line;
      /* libxml2 quotes the file's bytes, which need not be UTF-8. */
      g_autofree char *reason = g_strchomp (g_utf8_make_valid (first.message != NULL ? first.message :
                                                               last->message != NULL ? last->message :
                                                               "not well formed", -1));

      /* libxml2's own words name an option of its API, not what is wrong. */
      if (g_str_has_prefix (reason, "Excessive depth"))
        replace_string (&reason, "elements are nested more than 256 deep");
      else if (strstr (reason, "XML_PARSE_HUGE") != NULL || g_str_has_prefix (reason, "AttValue length too long"))
        replace_string (&reason, "a text or an attribute is larger than 10 MB");

      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Cannot import “%s”: line %d: %s"),
                   path, line, reason);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  /* Parameter entities too: "<!ENTITY % p SYSTEM …> %p;" names a file or a URL. */
  else if (doc->intSubset != NULL && (doc->intSubset->entities != NULL || doc->intSubset->pentities != NULL))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("Cannot import “%s”: it declares entities, which Sigla does not read"), path);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  g_free (first.message);
  xmlFreeParserCtxt (context);
  return doc;
}
