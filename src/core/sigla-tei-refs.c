/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-refs.c: a TEI file's registries as entities, and what its references point to.
 *
 * Records of listPerson, listPlace and listOrg become entities (names and variants,
 * authority idnos, coordinates in any of the forms editions write, life dates); a record
 * the project has already (same id and name, or an authority URI in common) is not
 * added twice. References resolve as "#id", as "prefix:value" through the file's
 * listPrefixDef (or a prefix every edition means the same by: gnd, viaf, wd, geonames),
 * as a bare key matched against the records' ids, or as an authority URI: one entity a
 * URI. In Sigla's own files a "#id" that points to nothing is an error; in others it is
 * counted in the report and the name left unlinked. */

#define G_LOG_DOMAIN "sigla-tei-refs"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-tei-record.h"
#include "sigla-tei-refs.h"
#include "sigla-text.h"

/* A pattern from a hostile file must not run long: the longest value it is
 * matched against, how many patterns a file may define, and how far PCRE2
 * may backtrack for one match. Each reference is matched once, then cached. */
#define MAX_PREFIXED_VALUE 256
#define MAX_PREFIX_DEFS 64
#define PATTERN_LIMITS "(*LIMIT_MATCH=10000)(*LIMIT_DEPTH=1000)"

typedef struct
{
  char   *ident;
  GRegex *match;
  char   *replacement;
} PrefixDef;

struct _SiglaTeiRefs
{
  SiglaProject   *project;
  const char     *path;
  gboolean        strict;
  SiglaTeiReport *report;
  GHashTable     *entities;    /* xml:id of a registry record → entity id (gint64 *) */
  GHashTable     *by_uri;      /* authority URI → entity id (gint64 *) */
  GHashTable     *existing;    /* xml_id → SiglaEntity already in the project */
  GPtrArray      *prefixes;    /* PrefixDef */
  GHashTable     *expanded;    /* "prefix:value" → its URI, or "" for none */
  GHashTable     *by_label;    /* "kind:label" → SiglaEntity already in the project, made when needed */
  GHashTable     *records;     /* entity id (gint64 *) → xml:id of its first record in the file */
  gboolean        lookup_only; /* adds no entity: reads the file against the project */
};

static void
prefix_def_free (gpointer data)
{
  PrefixDef *def = data;

  g_free (def->ident);
  g_clear_pointer (&def->match, g_regex_unref);
  g_free (def->replacement);
  g_free (def);
}

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
is_list (const xmlNode *node)
{
  return sigla_tei_is_element (node, "listPerson") || sigla_tei_is_element (node, "listPlace") ||
         sigla_tei_is_element (node, "listOrg") || sigla_tei_is_element (node, "listNym");
}

static gboolean
entity_kind_of (const xmlNode *node,
                SiglaKind     *kind)
{
  if (sigla_tei_is_element (node, "person") || sigla_tei_is_element (node, "personGrp"))
    *kind = SIGLA_KIND_PERSON;
  else if (sigla_tei_is_element (node, "place"))
    *kind = SIGLA_KIND_PLACE;
  else if (sigla_tei_is_element (node, "org"))
    *kind = SIGLA_KIND_ORG;
  else
    return FALSE;
  return TRUE;
}

/* The project's own entity for a record: the one with its id, kind and name,
 * or one with an authority URI in common. */
static gint64
find_existing (SiglaTeiRefs      *refs,
               const SiglaEntity *entity)
{
  SiglaEntity *found = entity->xml_id != NULL ? g_hash_table_lookup (refs->existing, entity->xml_id) : NULL;

  if (found != NULL && found->kind == entity->kind && g_strcmp0 (found->label, entity->label) == 0)
    return found->id;

  for (guint i = 0; i < entity->authorities->len; i++)
    {
      gint64 *id = g_hash_table_lookup (refs->by_uri, entity->authorities->pdata[i]);

      if (id != NULL)
        return *id;
    }

  /* Read again for an export: the project may have given the record another
   * id (its own was taken, or is not one Sigla keeps): the same name tells it. */
  if (refs->lookup_only)
    {
      g_autofree char *key = g_strdup_printf ("%d:%s", entity->kind, entity->label);
      const SiglaEntity *named;

      if (refs->by_label == NULL)
        {
          GHashTableIter iter;
          gpointer value;

          refs->by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_iter_init (&iter, refs->existing);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              const SiglaEntity *each = value;

              g_hash_table_insert (refs->by_label, g_strdup_printf ("%d:%s", each->kind, each->label), value);
            }
        }
      named = g_hash_table_lookup (refs->by_label, key);
      if (named != NULL)
        return named->id;
    }

  return 0;
}

static gboolean
add_entity (SiglaTeiRefs  *refs,
            SiglaEntity   *entity,
            GError       **error)
{
  if (!sigla_entity_insert (refs->project, entity, error))
    return FALSE;

  for (guint i = 0; i < entity->authorities->len; i++)
    g_hash_table_insert (refs->by_uri, g_strdup (entity->authorities->pdata[i]), new_id (entity->id));
  return TRUE;
}

static gboolean
read_record (SiglaTeiRefs  *refs,
             xmlNode       *record,
             SiglaKind      kind,
             GError       **error)
{
  g_autoptr(SiglaEntity) entity = sigla_tei_record_read (record, kind);
  g_autofree char *id = g_strdup (entity->xml_id);
  gint64 existing = find_existing (refs, entity);

  if (existing == 0 && refs->lookup_only)
    return TRUE;
  if (existing == 0)
    {
      if (!add_entity (refs, entity, error))
        {
          g_prefix_error (error, _("Cannot import “%s”: line %ld: "), refs->path, xmlGetLineNo (record));
          return FALSE;
        }
      existing = entity->id;
    }
  if (id != NULL && !g_hash_table_contains (refs->records, &existing))
    {
      gint64 *key = new_id (existing);

      g_hash_table_insert (refs->records, key, g_strdup (id));
    }
  if (id != NULL)
    g_hash_table_insert (refs->entities, g_steal_pointer (&id), new_id (existing));
  if (refs->report != NULL)
    refs->report->entities++;
  return TRUE;
}

static void
read_prefix_def (SiglaTeiRefs *refs,
                 xmlNode      *def)
{
  g_autofree char *ident = sigla_tei_attribute (def, "ident");
  g_autofree char *pattern = sigla_tei_attribute (def, "matchPattern");
  g_autofree char *replacement = sigla_tei_attribute (def, "replacementPattern");
  g_autofree char *anchored = NULL;
  GRegex *match;
  PrefixDef *prefix;

  if (ident == NULL || pattern == NULL || replacement == NULL || strlen (pattern) > MAX_PREFIXED_VALUE ||
      refs->prefixes->len >= MAX_PREFIX_DEFS)
    return;

  anchored = g_strdup_printf (PATTERN_LIMITS "^(?:%s)$", pattern);
  match = g_regex_new (anchored, G_REGEX_OPTIMIZE, 0, NULL);
  if (match == NULL)
    return;

  prefix = g_new0 (PrefixDef, 1);
  prefix->ident = g_steal_pointer (&ident);
  prefix->match = match;
  prefix->replacement = g_steal_pointer (&replacement);
  g_ptr_array_add (refs->prefixes, prefix);
}

/* Names in a correspDesc: who wrote, to whom, from where, as entities of their URIs. */
static gboolean
read_correspondents (SiglaTeiRefs  *refs,
                     xmlNode       *node,
                     GError       **error)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      SiglaKind kind = SIGLA_KIND_PERSON;
      gint64 id;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (sigla_tei_is_element (c, "persName") || sigla_tei_is_element (c, "placeName") ||
          sigla_tei_is_element (c, "orgName"))
        {
          kind = sigla_tei_is_element (c, "placeName") ? SIGLA_KIND_PLACE
                 : sigla_tei_is_element (c, "orgName") ? SIGLA_KIND_ORG : SIGLA_KIND_PERSON;
          if (!sigla_tei_refs_resolve_node (refs, c, kind, &id, error))
            return FALSE;
          continue;
        }
      if (!read_correspondents (refs, c, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_registry (SiglaTeiRefs  *refs,
               xmlNode       *node,
               gboolean       in_list,
               GPtrArray     *letters,
               GError       **error)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      SiglaKind kind;

      if (c->type != XML_ELEMENT_NODE)
        continue;

      /* person, place, org, prefixDef, correspDesc and the lists: the rest,
       * most of a file, is told apart by its first letter. */
      if (!strchr ("pocl", c->name[0]))
        {
          if (!read_registry (refs, c->children, in_list, letters, error))
            return FALSE;
          continue;
        }

      if (in_list && entity_kind_of (c, &kind))
        {
          if (!read_record (refs, c, kind, error))
            return FALSE;
          /* Places within a place are records of their own. */
          if (!read_registry (refs, c->children, TRUE, letters, error))
            return FALSE;
          continue;
        }
      if (sigla_tei_is_element (c, "prefixDef"))
        read_prefix_def (refs, c);
      else if (sigla_tei_is_element (c, "correspDesc"))
        {
          g_ptr_array_add (letters, c);
          continue;
        }

      if (!read_registry (refs, c->children, in_list || is_list (c), letters, error))
        return FALSE;
    }

  return TRUE;
}

/* -- public API ------------------------------------------------------------- */

/**
 * sigla_tei_refs_new:
 * @strict: whether a "#id" that points to nothing is an error (Sigla's own files)
 * @report: (nullable): counts records read and references left unlinked
 */
SiglaTeiRefs *
sigla_tei_refs_new (SiglaProject    *project,
                    const char      *path,
                    gboolean         strict,
                    SiglaTeiReport  *report,
                    GError         **error)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (project, error);
  SiglaTeiRefs *refs;

  if (entities == NULL)
    return NULL;

  refs = g_new0 (SiglaTeiRefs, 1);
  refs->project = project;
  refs->path = path;
  refs->strict = strict;
  refs->report = report;
  refs->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  refs->by_uri = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  refs->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sigla_entity_free);
  refs->prefixes = g_ptr_array_new_with_free_func (prefix_def_free);
  refs->records = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  refs->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      for (guint k = 0; k < entity->authorities->len; k++)
        g_hash_table_insert (refs->by_uri, g_strdup (entity->authorities->pdata[k]), new_id (entity->id));
      g_hash_table_insert (refs->existing, g_strdup (entity->xml_id), entity);
    }
  g_ptr_array_set_free_func (entities, NULL);

  return refs;
}

void
sigla_tei_refs_free (SiglaTeiRefs *refs)
{
  if (refs == NULL)
    return;
  g_hash_table_unref (refs->entities);
  g_hash_table_unref (refs->by_uri);
  g_hash_table_unref (refs->existing);
  g_ptr_array_unref (refs->prefixes);
  g_hash_table_unref (refs->records);
  g_hash_table_unref (refs->expanded);
  g_clear_pointer (&refs->by_label, g_hash_table_unref);
  g_free (refs);
}

/* Every record of the file's lists, in the file's order; its prefix
 * definitions; and the correspondents of its correspDesc. */
gboolean
sigla_tei_refs_read_registry (SiglaTeiRefs  *refs,
                              xmlNode       *root,
                              GError       **error)
{
  g_autoptr(GPtrArray) letters = g_ptr_array_new ();

  if (!read_registry (refs, root, FALSE, letters, error))
    return FALSE;

  /* Letters listed in correspDesc, once every record is read. */
  for (guint i = 0; i < letters->len && !refs->strict; i++)
    {
      if (refs->report != NULL)
        refs->report->letters++;
      if (!read_correspondents (refs, letters->pdata[i], error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sigla_tei_refs_expand:
 * @token: one reference, "prefix:value"
 *
 * Returns: (transfer full) (nullable): the URI it stands for, through the
 *   file's listPrefixDef or a prefix every edition shares
 */
static char *
expand (SiglaTeiRefs *refs,
        const char   *token);

char *
sigla_tei_refs_expand (SiglaTeiRefs *refs,
                       const char   *token)
{
  const char *known = g_hash_table_lookup (refs->expanded, token);
  char *uri;

  if (known != NULL)
    return known[0] != '\0' ? g_strdup (known) : NULL;
  uri = expand (refs, token);
  g_hash_table_insert (refs->expanded, g_strdup (token), g_strdup (uri != NULL ? uri : ""));
  return uri;
}

static char *
expand (SiglaTeiRefs *refs,
        const char   *token)
{
  const char *colon = strchr (token, ':');
  g_autofree char *prefix = NULL;
  const char *value;
  const char *base;

  if (colon == NULL || colon == token || sigla_tei_is_uri (token) || strlen (token) > MAX_PREFIXED_VALUE)
    return NULL;
  prefix = g_strndup (token, colon - token);
  value = colon + 1;

  for (guint i = 0; i < refs->prefixes->len; i++)
    {
      PrefixDef *def = refs->prefixes->pdata[i];
      g_autoptr(GMatchInfo) info = NULL;

      if (!g_str_equal (def->ident, prefix) || !g_regex_match (def->match, value, 0, &info))
        continue;
      {
        g_autoptr(GString) uri = g_string_new ("");

        /* $1 … $9 name the pattern's groups. */
        for (const char *p = def->replacement; *p != '\0'; p++)
          {
            if (p[0] == '$' && p[1] >= '1' && p[1] <= '9')
              {
                g_autofree char *group = g_match_info_fetch (info, p[1] - '0');

                g_string_append (uri, group != NULL ? group : "");
                p++;
              }
            else
              g_string_append_c (uri, *p);
          }
        return g_string_free (g_steal_pointer (&uri), FALSE);
      }
    }

  base = sigla_tei_known_base (prefix);
  return base != NULL && *value != '\0' ? g_strconcat (base, value, NULL) : NULL;
}

/* A record the file points to but does not hold ("#person_14397" of an
 * edition's register, a key of its database): the project's entity of that
 * id if there is one (imported from the register, or made for an earlier
 * letter), else an entity made for it, named by the words, so that every
 * letter naming it names the same one. */
static gboolean
resolve_outside (SiglaTeiRefs   *refs,
                 const xmlNode  *node,
                 const char     *id,
                 SiglaKind       kind,
                 gint64         *entity_id,
                 GError        **error)
{
  SiglaEntity *found = g_hash_table_lookup (refs->existing, id);
  g_autofree char *name = NULL;
  g_autoptr(SiglaEntity) entity = NULL;

  if (found != NULL && found->kind == kind)
    {
      *entity_id = found->id;
      return TRUE;
    }
  if (refs->lookup_only && kind != SIGLA_KIND_DATE)
    {
      /* The entity made for it may have had to take another id: its name tells it. */
      g_autoptr(SiglaEntity) named = sigla_entity_new (kind, NULL);

      named->label = sigla_tei_text_of (node);
      *entity_id = named->label != NULL ? find_existing (refs, named) : 0;
      return TRUE;
    }
  if (refs->lookup_only || refs->strict || kind == SIGLA_KIND_DATE || *id == '\0')
    return TRUE;

  name = sigla_tei_text_of (node);
  entity = sigla_entity_new (kind, name != NULL ? name : id);
  entity->xml_id = g_strdup (id);
  if (!sigla_entity_insert (refs->project, entity, error))
    return FALSE;
  g_hash_table_insert (refs->entities, g_strdup (id), new_id (entity->id));
  if (refs->report != NULL)
    sigla_tei_report_count (refs->report->outside, id, 1);
  *entity_id = entity->id;
  return TRUE;
}

/**
 * sigla_tei_refs_resolve:
 * @node: the element that refers, for its name and for messages
 * @reference: (nullable): its @ref, @key, @who …: one reference or several
 * @entity_id: (out): the entity, 0 for none
 *
 * What a reference names: the first of its tokens that resolves. A URI no
 * entity has yet becomes a new entity, named by the element's words.
 *
 * Returns: %FALSE with @error set when the project refuses a new entity,
 *   or, in Sigla's own files, a "#id" points to nothing
 */
gboolean
sigla_tei_refs_resolve (SiglaTeiRefs   *refs,
                        const xmlNode  *node,
                        const char     *reference,
                        SiglaKind       kind,
                        gint64         *entity_id,
                        GError        **error)
{
  g_auto(GStrv) tokens = NULL;

  *entity_id = 0;
  if (reference == NULL)
    return TRUE;

  tokens = g_strsplit_set (reference, " \t\n\r", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];
      g_autofree char *uri = NULL;
      gint64 *found;

      if (token[0] == '\0')
        continue;

      if (token[0] == '#')
        {
          found = g_hash_table_lookup (refs->entities, token + 1);
          if (found != NULL)
            {
              *entity_id = *found;
              return TRUE;
            }
          if (refs->strict)
            {
              g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                           _("Cannot import “%s”: line %ld: “%s” points to no person, place or organisation "
                             "listed in the file"), refs->path, xmlGetLineNo (node), token);
              return FALSE;
            }
          if (!resolve_outside (refs, node, token + 1, kind, entity_id, error))
            return FALSE;
          if (*entity_id != 0)
            return TRUE;
          continue;
        }

      uri = sigla_tei_is_uri (token) ? g_strdup (token) : sigla_tei_refs_expand (refs, token);
      if (uri == NULL)
        {
          /* A bare key: the id of a record. */
          found = g_hash_table_lookup (refs->entities, token);
          if (found != NULL)
            {
              *entity_id = *found;
              return TRUE;
            }
          if (!resolve_outside (refs, node, token, kind, entity_id, error))
            return FALSE;
          if (*entity_id != 0)
            return TRUE;
          continue;
        }

      found = g_hash_table_lookup (refs->by_uri, uri);
      if (found == NULL && refs->lookup_only)
        continue;
      if (found == NULL)
        {
          g_autofree char *name = sigla_tei_text_of (node);
          g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, name != NULL ? name : uri);

          g_ptr_array_add (entity->authorities, g_strdup (uri));
          if (!add_entity (refs, entity, error))
            return FALSE;
          *entity_id = entity->id;
          return TRUE;
        }
      *entity_id = *found;
      return TRUE;
    }

  if (refs->report != NULL)
    {
      g_autofree char *shown = g_utf8_substring (reference, 0, MIN (g_utf8_strlen (reference, -1), 80));

      sigla_tei_report_count (refs->report->unlinked, shown, 1);
    }
  return TRUE;
}

/**
 * sigla_tei_refs_lookup:
 * @xml_id: a record's id, without "#"
 *
 * Returns: the entity of a record the file's registry gave, or 0: nothing
 *   is looked for elsewhere, nothing made
 */
gint64
sigla_tei_refs_lookup (SiglaTeiRefs *refs,
                       const char   *xml_id)
{
  gint64 *found = xml_id != NULL ? g_hash_table_lookup (refs->entities, xml_id) : NULL;

  return found != NULL ? *found : 0;
}

/* Reads the file against the project without adding to it: what an export
 * needs to know of the file's records and references. */
void
sigla_tei_refs_set_lookup_only (SiglaTeiRefs *refs)
{
  refs->lookup_only = TRUE;
}

/* Returns: (nullable): the xml:id of the file's record of the entity */
const char *
sigla_tei_refs_get_record (SiglaTeiRefs *refs,
                           gint64        entity_id)
{
  return g_hash_table_lookup (refs->records, &entity_id);
}

/* An element's reference, from @ref, else @key, else @corresp. */
gboolean
sigla_tei_refs_resolve_node (SiglaTeiRefs   *refs,
                             const xmlNode  *node,
                             SiglaKind       kind,
                             gint64         *entity_id,
                             GError        **error)
{
  static const char * const attributes[] = { "ref", "key", "corresp", "sameAs" };

  *entity_id = 0;
  for (guint i = 0; i < G_N_ELEMENTS (attributes) && (i == 0 || !refs->strict); i++)
    {
      g_autofree char *reference = sigla_tei_attribute (node, attributes[i]);

      if (reference == NULL)
        continue;
      return sigla_tei_refs_resolve (refs, node, reference, kind, entity_id, error);
    }
  return TRUE;
}
