/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-tree.c: a TEI file as a tree: parsed with nothing fetched and no entity read, and
 * the small questions every reader of it asks (a child, an attribute, an element's words). */

#define G_LOG_DOMAIN "sigla-tei-tree"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <string.h>

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
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         (node->ns == NULL || g_strcmp0 ((const char *) node->ns->href, SIGLA_TEI_NS) == 0) &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
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

/* The element's text with white space runs made one space, trimmed: what a
 * name or a title reads as, however the file was indented. */
char *
sigla_tei_text_of (const xmlNode *node)
{
  xmlChar *content;
  GString *text;
  gboolean space = FALSE;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  text = g_string_new ("");
  for (const char *p = (const char *) content; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
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
  xmlFree (content);

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
  xmlParserCtxtPtr context = xmlNewParserCtxt ();
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
