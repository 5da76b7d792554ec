/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-header.c: a TEI header as a document's metadata: its own title, author, who sent
 * it to whom and when, archive and shelfmark, languages, abstract and the days of its history. */

#define G_LOG_DOMAIN "sigla-tei-header"

#include <string.h>

#include "sigla-date.h"
#include "sigla-tei-header.h"
#include "sigla-text.h"

static void
read_languages (const xmlNode *tei,
                SiglaDocument *document)
{
  xmlNode *usage = sigla_tei_descend (tei, "teiHeader", "profileDesc", "langUsage", NULL);

  for (xmlNode *c = usage != NULL ? usage->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *ident = NULL;
      g_autofree char *label = NULL;

      if (!sigla_tei_is_element (c, "language"))
        continue;
      ident = sigla_tei_attribute (c, "ident");
      label = sigla_tei_text_of (c);
      if (ident == NULL)
        continue;
      if (label != NULL && strstr (label, "(original)") != NULL && document->original_language == NULL)
        document->original_language = g_steal_pointer (&ident);
      else if (document->language == NULL)
        document->language = g_steal_pointer (&ident);
    }

  if (document->language == NULL)
    {
      xmlChar *lang = xmlGetNsProp (tei, BAD_CAST "lang", XML_XML_NAMESPACE);

      document->language = lang != NULL ? g_strdup ((const char *) lang) : NULL;
      xmlFree (lang);
    }
}

/* The first element named @name below @node, in document order. */
static xmlNode *
find_descendant (const xmlNode *node,
                 const char    *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    {
      xmlNode *found;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (sigla_tei_is_element (c, name))
        return c;
      if ((found = find_descendant (c, name)) != NULL)
        return found;
    }
  return NULL;
}

/* The document's own title: the main one, or the article's (level="a"),
 * not the series' or the journal's that a header may give first. */
static char *
title_of (const xmlNode *title_stmt)
{
  xmlNode *best = NULL;
  int best_score = -1;

  for (xmlNode *c = title_stmt != NULL ? title_stmt->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *type = NULL;
      g_autofree char *level = NULL;
      int score;

      if (!sigla_tei_is_element (c, "title"))
        continue;
      type = sigla_tei_attribute (c, "type");
      level = sigla_tei_attribute (c, "level");
      if (g_strcmp0 (type, "main") == 0)
        score = 4;
      else if (g_strcmp0 (level, "a") == 0)
        score = 3;
      else if (level == NULL && type == NULL)
        score = 2;
      else if (level == NULL && g_strcmp0 (type, "sub") != 0 && g_strcmp0 (type, "short") != 0)
        score = 1;
      else
        score = 0;
      if (score > best_score)
        {
          best = c;
          best_score = score;
        }
    }
  return sigla_tei_text_of (best);
}

/* A date element's value as one ISO date: @when, else the start of a range. */
static char *
iso_date_of (const xmlNode *date)
{
  g_autofree char *when = NULL;
  g_autofree char *not_before = NULL;
  g_autofree char *not_after = NULL;

  if (date == NULL || !sigla_tei_date_value (date, &when, &not_before, &not_after))
    return NULL;
  return g_strdup (when != NULL ? when : not_before != NULL ? not_before : not_after);
}

/* The people (or organisations) of a correspAction, "; " between them. */
static char *
names_of (const xmlNode *action)
{
  g_autoptr(GString) names = g_string_new ("");

  for (xmlNode *c = action->children; c != NULL; c = c->next)
    {
      g_autofree char *name = NULL;

      if (!sigla_tei_is_element (c, "persName") && !sigla_tei_is_element (c, "orgName") &&
          !sigla_tei_is_element (c, "name"))
        continue;
      if ((name = sigla_tei_text_of (c)) != NULL)
        g_string_append_printf (names, "%s%s", names->len > 0 ? "; " : "", name);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* What another tool's header says beyond Sigla's own: the author, who sent a
 * letter to whom and when (correspDesc), the date a work was made (creation),
 * the archive and shelfmark (msIdentifier). */
static void
read_foreign_metadata (const xmlNode *tei,
                       SiglaDocument *document)
{
  xmlNode *header = sigla_tei_child (tei, "teiHeader");
  xmlNode *source_desc = sigla_tei_descend (header, "fileDesc", "sourceDesc", NULL);
  xmlNode *identifier = find_descendant (source_desc, "msIdentifier");
  xmlNode *dates[3] = { NULL, NULL, NULL };

  xmlNode *letter = find_descendant (header, "correspDesc");

  for (xmlNode *c = letter != NULL ? letter->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *type = sigla_tei_is_element (c, "correspAction") ? sigla_tei_attribute (c, "type") : NULL;

      if (g_strcmp0 (type, "sent") == 0)
        {
          if (dates[0] == NULL)
            dates[0] = sigla_tei_child (c, "date");
          sigla_text_keep_first (&document->sender, names_of (c));
        }
      else if (g_strcmp0 (type, "received") == 0)
        sigla_text_keep_first (&document->addressee, names_of (c));
    }
  sigla_text_keep_first (&document->author,
                         sigla_tei_text_of (sigla_tei_descend (header, "fileDesc", "titleStmt", "author", NULL)));
  dates[1] = sigla_tei_child (sigla_tei_descend (header, "profileDesc", "creation", NULL), "date");
  dates[2] = find_descendant (source_desc, "date");

  for (guint i = 0; i < G_N_ELEMENTS (dates) && document->date == NULL; i++)
    {
      document->date = iso_date_of (dates[i]);
      if (document->date != NULL)
        {
          g_clear_pointer (&document->date_text, g_free);
          document->date_text = sigla_tei_text_of (dates[i]);
        }
    }

  if (identifier != NULL && document->archive == NULL)
    {
      g_autoptr(GString) archive = g_string_new ("");

      for (xmlNode *c = identifier->children; c != NULL; c = c->next)
        {
          g_autofree char *part = sigla_tei_is_element (c, NULL) ? sigla_tei_text_of (c) : NULL;

          if (part != NULL)
            g_string_append_printf (archive, "%s%s", archive->len > 0 ? ", " : "", part);
        }
      if (archive->len > 0)
        document->archive = g_string_free (g_steal_pointer (&archive), FALSE);
    }

  if (document->language == NULL)
    {
      xmlNode *text = sigla_tei_child (tei, "text");
      xmlChar *lang = text != NULL ? xmlGetNsProp (text, BAD_CAST "lang", XML_XML_NAMESPACE) : NULL;

      document->language = lang != NULL ? g_strdup ((const char *) lang) : NULL;
      xmlFree (lang);
    }
}

/* A group of texts in two languages (a letter and its translation): the
 * first is the original, the last the language the reader mostly reads. */
static void
read_group_languages (const xmlNode *tei,
                      SiglaDocument *document)
{
  xmlNode *group = sigla_tei_descend (tei, "text", "group", NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  for (xmlNode *c = group != NULL ? group->children : NULL; c != NULL; c = c->next)
    {
      xmlChar *lang = sigla_tei_is_element (c, "text") ? xmlGetNsProp (c, BAD_CAST "lang", XML_XML_NAMESPACE) : NULL;

      if (lang != NULL && first == NULL)
        first = g_strdup ((const char *) lang);
      else if (lang != NULL)
        {
          g_free (last);
          last = g_strdup ((const char *) lang);
        }
      xmlFree (lang);
    }
  if (first == NULL || last == NULL || g_str_equal (first, last))
    return;
  if (document->original_language == NULL)
    document->original_language = g_strdup (first);
  if (document->language == NULL || g_str_equal (document->language, first))
    {
      g_free (document->language);
      document->language = g_strdup (last);
    }
}

/**
 * sigla_tei_header_read:
 * @tei: a TEI element
 * @path: the file's name: the document's source name, and its title if it has none
 * @foreign: another tool's file, whose header says more (see read_foreign_metadata())
 *
 * Returns: (transfer full): a new document with the header's metadata, no text
 */
SiglaDocument *
sigla_tei_header_read (const xmlNode *tei,
                       const char    *path,
                       gboolean       foreign)
{
  g_autoptr(SiglaDocument) document = sigla_document_new ();
  xmlNode *bibl = sigla_tei_descend (tei, "teiHeader", "fileDesc", "sourceDesc", "bibl", NULL);
  xmlNode *abstract = sigla_tei_descend (tei, "teiHeader", "profileDesc", "abstract", NULL);
  xmlNode *revisions = sigla_tei_descend (tei, "teiHeader", "revisionDesc", NULL);

  document->title = title_of (sigla_tei_descend (tei, "teiHeader", "fileDesc", "titleStmt", NULL));

  for (xmlNode *c = bibl != NULL ? bibl->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *type = sigla_tei_is_element (c, NULL) ? sigla_tei_attribute (c, "type") : NULL;

      if (sigla_tei_is_element (c, "date") && document->date == NULL)
        {
          g_autofree char *when = sigla_tei_attribute (c, "when");

          /* The first date with an ISO value wins, with its own wording. */
          if (when != NULL && sigla_date_is_iso (when))
            {
              document->date = g_steal_pointer (&when);
              g_clear_pointer (&document->date_text, g_free);
            }
          sigla_text_keep_first (&document->date_text, sigla_tei_text_of (c));
        }
      else if (sigla_tei_is_element (c, "idno") && g_strcmp0 (type, "archive") == 0)
        sigla_text_keep_first (&document->archive, sigla_tei_text_of (c));
      else if (sigla_tei_is_element (c, "idno") && g_strcmp0 (type, "URI") == 0)
        sigla_text_keep_first (&document->url, sigla_tei_text_of (c));
      else if (sigla_tei_is_element (c, "idno") && g_strcmp0 (type, "filename") == 0)
        sigla_text_keep_first (&document->source_name, sigla_tei_text_of (c));
      else if (sigla_tei_is_element (c, "note") && g_strcmp0 (type, "citation") == 0)
        sigla_text_keep_first (&document->citation, sigla_tei_text_of (c));
    }

  if (abstract != NULL)
    {
      g_autoptr(GString) summary = g_string_new ("");

      for (xmlNode *c = abstract->children; c != NULL; c = c->next)
        {
          g_autofree char *paragraph = sigla_tei_is_element (c, "p") ? sigla_tei_text_of (c) : NULL;

          if (paragraph != NULL)
            g_string_append_printf (summary, "%s%s", summary->len > 0 ? "\n" : "", paragraph);
        }
      if (summary->len > 0)
        document->summary = g_string_free (g_steal_pointer (&summary), FALSE);
    }

  for (xmlNode *c = revisions != NULL ? revisions->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *when = sigla_tei_is_element (c, "change") ? sigla_tei_attribute (c, "when") : NULL;

      if (when == NULL || strlen (when) < 10)
        continue;
      if (document->revisions == NULL)
        document->revisions = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (document->revisions, g_strndup (when, 10));
    }

  read_languages (tei, document);
  if (foreign)
    {
      read_foreign_metadata (tei, document);
      read_group_languages (tei, document);
    }

  if (document->source_name == NULL)
    document->source_name = g_path_get_basename (path);
  if (document->title == NULL)
    document->title = g_strdup (document->source_name);

  return g_steal_pointer (&document);
}

/* The latest day of the document's history: the date its annotations bear. */
char *
sigla_tei_header_annotation_date (const SiglaDocument *document)
{
  const char *latest = NULL;

  for (guint i = 0; document->revisions != NULL && i < document->revisions->len; i++)
    if (g_strcmp0 (document->revisions->pdata[i], latest) > 0)
      latest = document->revisions->pdata[i];

  return latest != NULL ? g_strconcat (latest, "T00:00:00Z", NULL) : NULL;
}
