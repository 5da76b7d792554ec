/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-reader.c: reads TEI into a project: Sigla's own export without loss, and
 * other tools' TEI (names, places, organisations and dates, with their registries).
 *
 * The file is parsed with no network, no DTD loading and no entity
 * substitution; a file that declares entities is refused, and libxml2's
 * limits refuse absurd nesting and gigantic text. Everything is added inside
 * the caller's action, so a refused file leaves nothing behind. */

#define G_LOG_DOMAIN "sigla-tei-reader"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "sigla-claim.h"
#include "sigla-date.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-mention.h"
#include "sigla-project-private.h"
#include "sigla-tei-reader.h"
#include "sigla-text.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"

/* An annotation element of the body and the code points it covers. */
typedef struct
{
  xmlNode *node;
  gint64   start;
  gint64   end;
} Marked;

/* A stand-off annotation and its place among the file's annotations. */
typedef struct
{
  xmlNode *node;
  guint    order;
} Annotation;

/* The reading text as the body's blocks give it. */
typedef struct
{
  GString  *text;
  gint64    length;          /* in code points */
  GArray   *blocks;          /* SiglaBlock */
  GArray   *marked;          /* Marked, in document order of their start tags */
  gboolean  in_block;
} Body;

typedef struct
{
  SiglaProject *project;
  const char   *path;
  GHashTable   *ids;         /* xml:id → xmlNode */
  GHashTable   *entities;    /* xml:id of a registry entry → entity id (gint64 *) */
  GHashTable   *by_uri;      /* authority URI → entity id (gint64 *) */
  GHashTable   *existing;    /* xml_id → SiglaEntity already in the project */
} Reader;

static void
body_clear (Body *body)
{
  if (body->text != NULL)
    g_string_free (body->text, TRUE);
  g_clear_pointer (&body->blocks, g_array_unref);
  g_clear_pointer (&body->marked, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Body, body_clear)

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->ids, g_hash_table_unref);
  g_clear_pointer (&reader->entities, g_hash_table_unref);
  g_clear_pointer (&reader->by_uri, g_hash_table_unref);
  g_clear_pointer (&reader->existing, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* -- the tree --------------------------------------------------------------- */

/* TEI elements, with or without the TEI namespace (some tools leave it out). */
static gboolean
is_tei (const xmlNode *node,
        const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         (node->ns == NULL || g_strcmp0 ((const char *) node->ns->href, TEI_NS) == 0) &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

static xmlNode *
child (const xmlNode *node,
       const char    *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_tei (c, name))
      return c;

  return NULL;
}

/* child (child (…)), as a path of names ending in NULL. */
static xmlNode *
descend (const xmlNode *node,
         ...)
{
  const char *name;
  va_list args;

  va_start (args, node);
  while (node != NULL && (name = va_arg (args, const char *)) != NULL)
    node = child (node, name);
  va_end (args);

  return (xmlNode *) node;
}

static char *
attribute (const xmlNode *node,
           const char    *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
xml_id (const xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST "id", XML_XML_NAMESPACE);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The element's text with white space runs made one space, trimmed: what a
 * name or a title reads as, however the file was indented. */
static char *
text_of (const xmlNode *node)
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
static char *
exact_text_of (const xmlNode *node)
{
  xmlChar *content = node != NULL ? xmlNodeGetContent (node) : NULL;
  char *copy = content != NULL && *content != '\0' ? g_strdup ((const char *) content) : NULL;

  xmlFree (content);
  return copy;
}

static const char *
first_target (const char *list)
{
  return list != NULL && list[0] == '#' ? list + 1 : NULL;
}

static void
set_error_at (GError        **error,
              const char     *path,
              const xmlNode  *node,
              const char     *format,
              ...) G_GNUC_PRINTF (4, 5);

static void
set_error_at (GError        **error,
              const char     *path,
              const xmlNode  *node,
              const char     *format,
              ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Cannot import “%s”: line %ld: %s"),
               path, node != NULL ? xmlGetLineNo (node) : 0L, reason);
}

/* Every xml:id of the file, refusing one given twice. */
static gboolean
collect_ids (Reader   *reader,
             xmlNode  *node,
             GError  **error)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      g_autofree char *id = NULL;

      if (c->type == XML_ENTITY_REF_NODE)
        {
          set_error_at (error, reader->path, c, _("the entity “&%s;” cannot be read: Sigla reads no entities"),
                        (const char *) c->name);
          return FALSE;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;

      id = xml_id (c);
      if (id != NULL)
        {
          if (g_hash_table_contains (reader->ids, id))
            {
              set_error_at (error, reader->path, c, _("the xml:id “%s” is given twice"), id);
              return FALSE;
            }
          g_hash_table_insert (reader->ids, g_steal_pointer (&id), c);
        }

      if (!collect_ids (reader, c->children, error))
        return FALSE;
    }

  return TRUE;
}

/* -- entities -------------------------------------------------------------- */

static gboolean
entity_kind_of (const xmlNode *node,
                SiglaKind     *kind)
{
  if (is_tei (node, "person"))
    *kind = SIGLA_KIND_PERSON;
  else if (is_tei (node, "place"))
    *kind = SIGLA_KIND_PLACE;
  else if (is_tei (node, "org"))
    *kind = SIGLA_KIND_ORG;
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_uri (const char *text)
{
  return text != NULL && (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://"));
}

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* A registry entry (person, place, org) as an entity. */
static SiglaEntity *
entity_from_entry (const xmlNode *entry,
                   SiglaKind      kind)
{
  static const char * const name_elements[] = {
    [SIGLA_KIND_PERSON] = "persName",
    [SIGLA_KIND_PLACE] = "placeName",
    [SIGLA_KIND_ORG] = "orgName",
  };
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  int main_name = -1;

  entity->xml_id = xml_id (entry);

  for (xmlNode *c = entry->children; c != NULL; c = c->next)
    {
      if (is_tei (c, name_elements[kind]))
        {
          char *name = text_of (c);
          char *type = attribute (c, "type");

          if (name == NULL)
            {
              g_free (type);
              continue;
            }
          if (main_name < 0 && (type == NULL || g_str_equal (type, "main")))
            main_name = names->len;
          g_ptr_array_add (names, name);
          g_ptr_array_add (types, type);
        }
      else if (is_tei (c, "idno"))
        {
          char *uri = text_of (c);

          if (is_uri (uri))
            g_ptr_array_add (entity->authorities, uri);
          else
            g_free (uri);
        }
      else if (is_tei (c, "location"))
        {
          g_autofree char *geo = text_of (child (c, "geo"));
          char *end = NULL;

          if (geo != NULL)
            {
              entity->lat = g_ascii_strtod (geo, &end);
              entity->has_geo = end != geo;
              if (entity->has_geo)
                {
                  const char *lon = end;

                  entity->lon = g_ascii_strtod (lon, &end);
                  entity->has_geo = end != lon;
                }
            }
        }
      else if (is_tei (c, "note"))
        {
          g_autofree char *type = attribute (c, "type");
          char **field = g_strcmp0 (type, "description") == 0 ? &entity->description : &entity->note;

          sigla_text_keep_first (field, exact_text_of (c));
        }
    }

  if (main_name < 0)
    main_name = 0;
  for (guint i = 0; i < names->len; i++)
    {
      if ((int) i == main_name)
        entity->label = g_strdup (names->pdata[i]);
      else
        sigla_entity_add_alias (entity, names->pdata[i], types->pdata[i]);
    }
  if (entity->label == NULL)
    entity->label = g_strdup (entity->xml_id != NULL ? entity->xml_id : sigla_kind_to_string (kind));

  return g_steal_pointer (&entity);
}

/* The project's own entity for an entry: the one with its id, kind and name. */
static gint64
find_existing (Reader            *reader,
               const SiglaEntity *entity)
{
  SiglaEntity *found = entity->xml_id != NULL ? g_hash_table_lookup (reader->existing, entity->xml_id) : NULL;

  if (found != NULL && found->kind == entity->kind && g_strcmp0 (found->label, entity->label) == 0)
    return found->id;

  for (guint i = 0; i < entity->authorities->len; i++)
    {
      gint64 *id = g_hash_table_lookup (reader->by_uri, entity->authorities->pdata[i]);

      if (id != NULL)
        return *id;
    }

  return 0;
}

static gboolean
add_entity (Reader       *reader,
            SiglaEntity  *entity,
            GError      **error)
{
  if (!sigla_entity_insert (reader->project, entity, error))
    return FALSE;

  for (guint i = 0; i < entity->authorities->len; i++)
    g_hash_table_insert (reader->by_uri, g_strdup (entity->authorities->pdata[i]), new_id (entity->id));
  return TRUE;
}

/* Every person, place and org of the file's lists, in the file's order. */
static gboolean
read_registry (Reader   *reader,
               xmlNode  *node,
               GError  **error)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      SiglaKind kind;

      if (c->type != XML_ELEMENT_NODE)
        continue;

      if (entity_kind_of (c, &kind) && c->parent != NULL &&
          (is_tei (c->parent, "listPerson") || is_tei (c->parent, "listPlace") || is_tei (c->parent, "listOrg")))
        {
          g_autoptr(SiglaEntity) entity = entity_from_entry (c, kind);
          g_autofree char *id = g_strdup (entity->xml_id);
          gint64 existing = find_existing (reader, entity);

          if (existing == 0)
            {
              if (!add_entity (reader, entity, error))
                {
                  g_prefix_error (error, _("Cannot import “%s”: line %ld: "), reader->path, xmlGetLineNo (c));
                  return FALSE;
                }
              existing = entity->id;
            }
          if (id != NULL)
            g_hash_table_insert (reader->entities, g_steal_pointer (&id), new_id (existing));
          continue;
        }

      if (!read_registry (reader, c->children, error))
        return FALSE;
    }

  return TRUE;
}

/* What a @ref or @who names: a registry entry of the file ("#stalin"), or
 * an authority URI, one entity for each URI. 0 for no reference. */
static gboolean
resolve_entity (Reader         *reader,
                const xmlNode  *node,
                const char     *reference,
                SiglaKind       kind,
                gint64         *entity_id,
                GError        **error)
{
  g_autofree char *first = reference != NULL ? g_strdup (reference) : NULL;
  char *space = first != NULL ? strchr (first, ' ') : NULL;
  gint64 *found;

  *entity_id = 0;
  if (first == NULL)
    return TRUE;
  if (space != NULL)
    *space = '\0';

  if (first[0] == '#')
    {
      found = g_hash_table_lookup (reader->entities, first + 1);
      if (found == NULL)
        {
          set_error_at (error, reader->path, node, _("“%s” points to no person, place or organisation "
                        "listed in the file"), first);
          return FALSE;
        }
      *entity_id = *found;
      return TRUE;
    }

  if (!is_uri (first))
    return TRUE;

  found = g_hash_table_lookup (reader->by_uri, first);
  if (found == NULL)
    {
      g_autofree char *name = text_of (node);
      g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, name != NULL ? name : first);

      g_ptr_array_add (entity->authorities, g_strdup (first));
      if (!add_entity (reader, entity, error))
        return FALSE;
      *entity_id = entity->id;
      return TRUE;
    }

  *entity_id = *found;
  return TRUE;
}

/* -- the body ------------------------------------------------------------- */

static gboolean
is_block (const xmlNode *node,
          SiglaBlockKind *kind)
{
  if (is_tei (node, "head"))
    *kind = SIGLA_BLOCK_HEAD;
  else if (is_tei (node, "item"))
    *kind = SIGLA_BLOCK_ITEM;
  else if (is_tei (node, "p") || is_tei (node, "ab") || is_tei (node, "l"))
    *kind = SIGLA_BLOCK_P;
  else
    return FALSE;
  return TRUE;
}

/* Annotations a body may hold inline. */
static gboolean
is_annotation (const xmlNode *node)
{
  return is_tei (node, "persName") || is_tei (node, "placeName") || is_tei (node, "orgName") ||
         is_tei (node, "rs") || is_tei (node, "date") || is_tei (node, "said");
}

/* Editorial matter that is not the document's text. */
static gboolean
is_apparatus (const xmlNode *node)
{
  return is_tei (node, "note") || is_tei (node, "fw") || is_tei (node, "figure") ||
         is_tei (node, "interpGrp") || is_tei (node, "interp");
}

/* Runs of white space read as one space; none at the start of a block. */
static void
append_space (Body *body)
{
  gsize n = body->text->len;

  if (n == 0 || body->text->str[n - 1] == ' ' || body->text->str[n - 1] == '\n')
    return;

  g_string_append_c (body->text, ' ');
  body->length++;
}

static void
append_text (Body       *body,
             const char *content)
{
  g_autofree char *normalized = sigla_text_normalize (content, strlen (content));

  for (const char *p = normalized; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        append_space (body);
      else if (!g_unichar_iscntrl (c))
        {
          g_string_append_unichar (body->text, c);
          body->length++;
        }
    }
}

/* None at the end of a block either: what ended after it ends before it. */
static void
trim_block (Body  *body,
            guint  first_marked)
{
  gsize n = body->text->len;

  if (n == 0 || body->text->str[n - 1] != ' ')
    return;

  g_string_truncate (body->text, n - 1);
  body->length--;
  for (guint i = first_marked; i < body->marked->len; i++)
    {
      Marked *marked = &g_array_index (body->marked, Marked, i);

      marked->start = MIN (marked->start, body->length);
      marked->end = MIN (marked->end, body->length);
    }
}

static void
walk_body (Body    *body,
           xmlNode *node)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      SiglaBlockKind kind;

      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (body->in_block)
            append_text (body, (const char *) c->content);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE || is_apparatus (c))
        continue;

      if (!body->in_block && is_block (c, &kind))
        {
          SiglaBlock block;
          guint first_marked;

          if (body->text->len > 0)
            {
              g_string_append_c (body->text, '\n');
              body->length++;
            }
          block.start = body->length;
          block.kind = kind;
          first_marked = body->marked->len;
          body->in_block = TRUE;
          walk_body (body, c->children);
          body->in_block = FALSE;
          trim_block (body, first_marked);
          block.end = body->length;
          g_array_append_val (body->blocks, block);
          continue;
        }

      if (body->in_block && is_tei (c, "lb"))
        {
          append_space (body);
          continue;
        }

      if (body->in_block && is_annotation (c))
        {
          Marked marked = { c, 0, 0 };
          guint index;

          marked.start = body->length;
          index = body->marked->len;
          g_array_append_val (body->marked, marked);
          walk_body (body, c->children);
          g_array_index (body->marked, Marked, index).end = body->length;
          continue;
        }

      walk_body (body, c->children);
    }
}

/* -- annotations ------------------------------------------------------------ */

/* The extent of an annotation cut in pieces: its first piece's start to its
 * last piece's end, following @next. An empty element stands for the line
 * break between two blocks. */
static void
join_pieces (Reader     *reader,
             GHashTable *marked_by_node,
             Marked     *first,
             gint64     *start,
             gint64     *end,
             gint64      length)
{
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  Marked *piece = first;

  *start = first->start;
  *end = first->end;
  while (piece != NULL && !g_hash_table_contains (visited, piece))
    {
      g_autofree char *next = attribute (piece->node, "next");
      const char *next_id = first_target (next);
      xmlNode *next_node = next_id != NULL ? g_hash_table_lookup (reader->ids, next_id) : NULL;

      g_hash_table_add (visited, piece);
      *end = MAX (*end, piece->end);
      piece = next_node != NULL ? g_hash_table_lookup (marked_by_node, next_node) : NULL;
    }

  if (*start == *end)
    {
      if (*end < length)
        (*end)++;
      else if (*start > 0)
        (*start)--;
    }
}

static gboolean
mention_kind_of (const xmlNode *node,
                 SiglaKind     *kind)
{
  g_autofree char *type = NULL;

  if (is_tei (node, "persName"))
    *kind = SIGLA_KIND_PERSON;
  else if (is_tei (node, "placeName"))
    *kind = SIGLA_KIND_PLACE;
  else if (is_tei (node, "orgName"))
    *kind = SIGLA_KIND_ORG;
  else if (is_tei (node, "date"))
    *kind = SIGLA_KIND_DATE;
  else if (is_tei (node, "rs") && (type = attribute (node, "type")) != NULL)
    {
      if (g_str_equal (type, "person"))
        *kind = SIGLA_KIND_PERSON;
      else if (g_str_equal (type, "place"))
        *kind = SIGLA_KIND_PLACE;
      else if (g_str_equal (type, "org") || g_str_equal (type, "organisation") ||
               g_str_equal (type, "organization"))
        *kind = SIGLA_KIND_ORG;
      else
        return FALSE;
    }
  else
    return FALSE;
  return TRUE;
}

/* A date's value: its attributes, or what its words say. */
static gboolean
read_date_value (const xmlNode *node,
                 SiglaMention  *mention)
{
  g_autofree char *when = attribute (node, "when");
  g_autofree char *not_before = attribute (node, "notBefore");
  g_autofree char *not_after = attribute (node, "notAfter");
  SiglaDate date;

  /* A time of day is more than Sigla keeps: the day is the value. */
  if (when != NULL && strlen (when) > 10 && when[10] == 'T')
    when[10] = '\0';

  if (when != NULL && sigla_date_is_iso (when))
    mention->when = g_steal_pointer (&when);
  if (not_before != NULL && sigla_date_is_iso (not_before))
    mention->not_before = g_steal_pointer (&not_before);
  if (not_after != NULL && sigla_date_is_iso (not_after))
    mention->not_after = g_steal_pointer (&not_after);

  if (mention->when == NULL && mention->not_before == NULL && mention->not_after == NULL)
    {
      g_autofree char *words = text_of (node);

      if (words != NULL && sigla_date_parse (words, &date))
        mention->when = sigla_date_to_iso (&date);
    }

  return mention->when != NULL || mention->not_before != NULL || mention->not_after != NULL;
}

/* The annotation in stand-off whose first target is @id, if any. */
static Annotation *
annotation_for (GHashTable *annotations,
                const char *id)
{
  return id != NULL ? g_hash_table_lookup (annotations, id) : NULL;
}

static char *
stance_of (Reader        *reader,
           const xmlNode *annotation)
{
  g_autofree char *ana = attribute (annotation, "ana");
  const char *id = first_target (ana);
  xmlNode *interp = id != NULL ? g_hash_table_lookup (reader->ids, id) : NULL;
  const char *const *stances = sigla_claim_get_stances ();
  g_autofree char *name = interp != NULL ? text_of (interp) : NULL;

  if (name != NULL && g_strv_contains (stances, name))
    return g_steal_pointer (&name);
  return NULL;
}

static gboolean
read_claim (Reader         *reader,
            const xmlNode  *said,
            const xmlNode  *annotation,
            SiglaClaim     *claim,
            GError        **error)
{
  g_autofree char *who = attribute (said, "who");

  if (!resolve_entity (reader, said, who, SIGLA_KIND_PERSON, &claim->speaker_id, error))
    return FALSE;
  if (annotation == NULL)
    return TRUE;

  claim->stance = stance_of (reader, annotation);
  claim->certainty = attribute (annotation, "cert");
  if (claim->certainty != NULL && !g_str_equal (claim->certainty, "high") &&
      !g_str_equal (claim->certainty, "medium") && !g_str_equal (claim->certainty, "low"))
    g_clear_pointer (&claim->certainty, g_free);

  for (xmlNode *c = annotation->children; c != NULL; c = c->next)
    {
      g_autofree char *type = is_tei (c, NULL) ? attribute (c, "type") : NULL;

      if (is_tei (c, "note"))
        {
          char **field = g_strcmp0 (type, "paraphrase") == 0 ? &claim->paraphrase : &claim->note;

          sigla_text_keep_first (field, exact_text_of (c));
        }
      else if (is_tei (c, "ptr"))
        {
          g_autofree char *target = attribute (c, "target");
          gint64 id;

          if (!resolve_entity (reader, c, target, SIGLA_KIND_PERSON, &id, error))
            return FALSE;
          if (id == 0)
            continue;
          if (g_strcmp0 (type, "speaker") == 0)
            claim->speaker_id = id;
          else if (g_strcmp0 (type, "reporter") == 0)
            claim->reporter_id = id;
          else if (g_strcmp0 (type, "about") == 0)
            g_array_append_val (claim->about, id);
        }
    }

  return TRUE;
}

/* Stand-off annotations by the first id they point at, in the file's order. */
static void
index_annotations (xmlNode    *node,
                   GHashTable *annotations)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      g_autofree char *target = NULL;
      const char *first;

      if (!is_tei (c, "annotation"))
        {
          if (c->type == XML_ELEMENT_NODE)
            index_annotations (c->children, annotations);
          continue;
        }

      target = attribute (c, "target");
      first = first_target (target);
      if (first != NULL)
        {
          Annotation *annotation = g_new0 (Annotation, 1);

          annotation->node = c;
          annotation->order = g_hash_table_size (annotations);
          g_hash_table_insert (annotations, g_strndup (first, strcspn (first, " ")), annotation);
        }
    }
}

typedef struct
{
  guint       order;
  SiglaClaim *claim;
} PendingClaim;

/* Claims in the order of their stand-off annotations (the order they were
 * made), then any other said in text order. */
static int
compare_pending_claims (gconstpointer a,
                        gconstpointer b)
{
  const PendingClaim *x = a, *y = b;

  return (x->order > y->order) - (x->order < y->order);
}

static void
pending_claim_clear (gpointer data)
{
  PendingClaim *pending = data;

  g_clear_pointer (&pending->claim, sigla_claim_free);
}

static gboolean
read_annotations (Reader         *reader,
                  gint64          document_id,
                  Body           *body,
                  GHashTable     *annotations,
                  const char     *dated,
                  GError        **error)
{
  g_autoptr(GHashTable) marked_by_node = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) claims = g_array_new (FALSE, FALSE, sizeof (PendingClaim));
  guint n_annotations = g_hash_table_size (annotations);

  g_array_set_clear_func (claims, pending_claim_clear);

  for (guint i = 0; i < body->marked->len; i++)
    {
      Marked *marked = &g_array_index (body->marked, Marked, i);

      g_hash_table_insert (marked_by_node, marked->node, marked);
    }

  for (guint i = 0; i < body->marked->len; i++)
    {
      Marked *marked = &g_array_index (body->marked, Marked, i);
      g_autofree char *prev = attribute (marked->node, "prev");
      g_autofree char *id = xml_id (marked->node);
      Annotation *found = annotation_for (annotations, id);
      xmlNode *annotation = found != NULL ? found->node : NULL;
      SiglaKind kind;
      gint64 start, end;

      /* A later piece belongs to the annotation its first piece starts. */
      if (prev != NULL && first_target (prev) != NULL &&
          g_hash_table_lookup (reader->ids, first_target (prev)) != NULL)
        continue;

      join_pieces (reader, marked_by_node, marked, &start, &end, body->length);

      if (is_tei (marked->node, "said"))
        {
          PendingClaim pending = { found != NULL ? found->order : n_annotations + i, sigla_claim_new () };
          SiglaClaim *claim = pending.claim;

          claim->document_id = document_id;
          claim->start = start;
          claim->end = end;
          claim->created = g_strdup (dated);
          claim->modified = g_strdup (dated);
          g_array_append_val (claims, pending);
          if (!read_claim (reader, marked->node, annotation, claim, error))
            return FALSE;
          continue;
        }

      if (mention_kind_of (marked->node, &kind))
        {
          g_autoptr(SiglaMention) mention = sigla_mention_new ();
          g_autofree char *ref = attribute (marked->node, "ref");
          g_autofree char *cert = attribute (marked->node, "cert");

          mention->document_id = document_id;
          mention->kind = kind;
          mention->start = start;
          mention->end = end;
          mention->created = g_strdup (dated);
          mention->modified = g_strdup (dated);
          if (cert != NULL && (g_str_equal (cert, "high") || g_str_equal (cert, "medium") ||
                               g_str_equal (cert, "low") || g_str_equal (cert, "unknown")))
            mention->cert = g_steal_pointer (&cert);
          if (annotation != NULL)
            mention->note = exact_text_of (child (annotation, "note"));

          if (kind == SIGLA_KIND_DATE)
            {
              if (!read_date_value (marked->node, mention))
                continue;
            }
          else if (!resolve_entity (reader, marked->node, ref, kind, &mention->entity_id, error))
            return FALSE;

          if (!sigla_mention_insert (reader->project, mention, error))
            {
              g_prefix_error (error, _("Cannot import “%s”: line %ld: "), reader->path,
                              xmlGetLineNo (marked->node));
              return FALSE;
            }
        }
    }

  g_array_sort (claims, compare_pending_claims);
  for (guint i = 0; i < claims->len; i++)
    if (!sigla_claim_insert (reader->project, g_array_index (claims, PendingClaim, i).claim, error))
      {
        g_prefix_error (error, _("Cannot import “%s”: "), reader->path);
        return FALSE;
      }

  return TRUE;
}

/* -- documents ------------------------------------------------------------ */

static void
read_languages (const xmlNode *tei,
                SiglaDocument *document)
{
  xmlNode *usage = descend (tei, "teiHeader", "profileDesc", "langUsage", NULL);

  for (xmlNode *c = usage != NULL ? usage->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *ident = NULL;
      g_autofree char *label = NULL;

      if (!is_tei (c, "language"))
        continue;
      ident = attribute (c, "ident");
      label = text_of (c);
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

static SiglaDocument *
read_metadata (const xmlNode *tei,
               const char    *path)
{
  g_autoptr(SiglaDocument) document = sigla_document_new ();
  xmlNode *bibl = descend (tei, "teiHeader", "fileDesc", "sourceDesc", "bibl", NULL);
  xmlNode *abstract = descend (tei, "teiHeader", "profileDesc", "abstract", NULL);
  xmlNode *revisions = descend (tei, "teiHeader", "revisionDesc", NULL);

  document->title = text_of (descend (tei, "teiHeader", "fileDesc", "titleStmt", "title", NULL));

  for (xmlNode *c = bibl != NULL ? bibl->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *type = is_tei (c, NULL) ? attribute (c, "type") : NULL;

      if (is_tei (c, "date") && document->date == NULL)
        {
          g_autofree char *when = attribute (c, "when");

          /* The first date with an ISO value wins, with its own wording. */
          if (when != NULL && sigla_date_is_iso (when))
            {
              document->date = g_steal_pointer (&when);
              g_clear_pointer (&document->date_text, g_free);
            }
          sigla_text_keep_first (&document->date_text, text_of (c));
        }
      else if (is_tei (c, "idno") && g_strcmp0 (type, "archive") == 0)
        sigla_text_keep_first (&document->archive, text_of (c));
      else if (is_tei (c, "idno") && g_strcmp0 (type, "URI") == 0)
        sigla_text_keep_first (&document->url, text_of (c));
      else if (is_tei (c, "idno") && g_strcmp0 (type, "filename") == 0)
        sigla_text_keep_first (&document->source_name, text_of (c));
      else if (is_tei (c, "note") && g_strcmp0 (type, "citation") == 0)
        sigla_text_keep_first (&document->citation, text_of (c));
    }

  if (abstract != NULL)
    {
      g_autoptr(GString) summary = g_string_new ("");

      for (xmlNode *c = abstract->children; c != NULL; c = c->next)
        {
          g_autofree char *paragraph = is_tei (c, "p") ? text_of (c) : NULL;

          if (paragraph != NULL)
            g_string_append_printf (summary, "%s%s", summary->len > 0 ? "\n" : "", paragraph);
        }
      if (summary->len > 0)
        document->summary = g_string_free (g_steal_pointer (&summary), FALSE);
    }

  for (xmlNode *c = revisions != NULL ? revisions->children : NULL; c != NULL; c = c->next)
    {
      g_autofree char *when = is_tei (c, "change") ? attribute (c, "when") : NULL;

      if (when == NULL || strlen (when) < 10)
        continue;
      if (document->revisions == NULL)
        document->revisions = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (document->revisions, g_strndup (when, 10));
    }

  read_languages (tei, document);

  if (document->source_name == NULL)
    document->source_name = g_path_get_basename (path);
  if (document->title == NULL)
    document->title = g_strdup (document->source_name);

  return g_steal_pointer (&document);
}

/* The latest day of the document's history: the date its annotations bear. */
static char *
annotation_date (const SiglaDocument *document)
{
  const char *latest = NULL;

  for (guint i = 0; document->revisions != NULL && i < document->revisions->len; i++)
    if (g_strcmp0 (document->revisions->pdata[i], latest) > 0)
      latest = document->revisions->pdata[i];

  return latest != NULL ? g_strconcat (latest, "T00:00:00Z", NULL) : NULL;
}

static gint64
read_tei (Reader       *reader,
          xmlNode      *tei,
          GBytes       *source,
          GHashTable   *annotations,
          GError      **error)
{
  g_autoptr(SiglaDocument) document = read_metadata (tei, reader->path);
  g_auto(Body) body = { g_string_new (""), 0, g_array_new (FALSE, FALSE, sizeof (SiglaBlock)),
                        g_array_new (FALSE, FALSE, sizeof (Marked)), FALSE };
  g_autofree char *dated = annotation_date (document);
  xmlNode *text_body = descend (tei, "text", "body", NULL);
  gsize source_size;
  const guint8 *source_data = g_bytes_get_data (source, &source_size);

  walk_body (&body, text_body != NULL ? text_body->children : NULL);
  if (body.length == 0)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY,
                   _("Cannot import “%s”: line %ld: the TEI has no text in its body"),
                   reader->path, xmlGetLineNo (tei));
      return 0;
    }

  document->length = body.length;
  document->text = g_string_free (g_steal_pointer (&body.text), FALSE);
  if (!sigla_document_insert (reader->project, document, body.blocks, source_data, source_size, error))
    {
      g_prefix_error (error, _("Cannot import “%s”: "), reader->path);
      return 0;
    }

  body.text = g_string_new ("");
  if (!read_annotations (reader, document->id, &body, annotations, dated, error))
    return 0;

  return document->id;
}

/* -- the file -------------------------------------------------------------- */

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
static xmlDoc *
parse (const char  *path,
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

static gboolean
load_existing_entities (Reader  *reader,
                        GError **error)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (reader->project, error);

  if (entities == NULL)
    return FALSE;

  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      for (guint k = 0; k < entity->authorities->len; k++)
        g_hash_table_insert (reader->by_uri, g_strdup (entity->authorities->pdata[k]), new_id (entity->id));
      g_hash_table_insert (reader->existing, g_strdup (entity->xml_id), entity);
    }
  g_ptr_array_set_free_func (entities, NULL);

  return TRUE;
}

/**
 * sigla_tei_read:
 * @path: the file's name, for messages and the document's source name
 * @bytes: the file's contents
 *
 * Reads a TEI file (one TEI, or a teiCorpus of them) into the project,
 * inside the caller's action: each TEI becomes a document with its
 * metadata, its registry's people, places and organisations become
 * entities, and the body's names, dates and said become mentions and claims.
 *
 * Returns: the first document's id, or 0 with @error set
 */
gint64
sigla_tei_read (SiglaProject  *project,
                const char    *path,
                GBytes        *bytes,
                GError       **error)
{
  g_auto(Reader) reader = { project, path,
                            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                            g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) sigla_entity_free) };
  g_autoptr(GHashTable) annotations = NULL;
  xmlDoc *doc = parse (path, bytes, error);
  xmlNode *root;
  gint64 first = 0;

  if (doc == NULL)
    return 0;

  root = xmlDocGetRootElement (doc);
  if (!is_tei (root, "TEI") && !is_tei (root, "teiCorpus"))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("Cannot import “%s”: it is XML but not TEI (its root is <%s>)"), path,
                   root != NULL ? (const char *) root->name : "nothing");
      xmlFreeDoc (doc);
      return 0;
    }

  if (!load_existing_entities (&reader, error) ||
      !collect_ids (&reader, root, error) ||
      !read_registry (&reader, root, error))
    {
      xmlFreeDoc (doc);
      return 0;
    }

  annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index_annotations (root, annotations);

  if (is_tei (root, "TEI"))
    first = read_tei (&reader, root, bytes, annotations, error);
  else
    for (xmlNode *c = root->children; c != NULL; c = c->next)
      {
        xmlBuffer *buffer;
        g_autoptr(GBytes) part = NULL;
        gint64 id;

        if (!is_tei (c, "TEI"))
          continue;

        /* Each document keeps its own part of the corpus as its source. */
        buffer = xmlBufferCreate ();
        xmlNodeDump (buffer, doc, c, 0, 0);
        part = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
        xmlBufferFree (buffer);

        id = read_tei (&reader, c, part, annotations, error);
        if (id == 0)
          {
            first = 0;
            break;
          }
        if (first == 0)
          first = id;
      }

  if (first == 0 && error != NULL && *error == NULL)
    g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY, _("Cannot import “%s”: the corpus holds no TEI"), path);

  xmlFreeDoc (doc);
  return first;
}
