/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-registry.c: the registry of an export of Sigla's own TEI: its people, places and
 * organisations with their names, the relations between them, and for each name and relation
 * who says so (a respStmt), how surely (@cert) and in which words (@source: a seg of a text). */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include <string.h>

#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-relation.h"
#include "sigla-tei-layout.h"
#include "sigla-tei-writer.h"
#include "sigla-tei-writer-private.h"

static const char *
authority_type (const char *uri)
{
  if (strstr (uri, "wikidata.org") != NULL)
    return "wikidata";
  if (strstr (uri, "viaf.org") != NULL)
    return "VIAF";
  if (strstr (uri, "geonames.org") != NULL)
    return "geonames";
  return "URI";
}

/* -- who says so, and where ------------------------------------------------ */

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const SiglaSpan *x = a, *y = b;

  if (x->start != y->start)
    return (x->start > y->start) - (x->start < y->start);
  return (x->end > y->end) - (x->end < y->end);
}

static void
cite (Writer              *w,
      const SiglaEvidence *evidence)
{
  SiglaSpan span = { evidence->start, evidence->end, 0, FALSE };
  GArray *spans;

  if (evidence->document_id == 0)
    return;
  spans = g_hash_table_lookup (w->evidence, &evidence->document_id);
  if (spans == NULL)
    {
      spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
      g_hash_table_insert (w->evidence, g_memdup2 (&evidence->document_id, sizeof (gint64)), spans);
    }
  g_array_append_val (spans, span);
}

/* Sorted, each once: the same words cited twice are one seg. */
static void
sort_cited_cb (gpointer key,
               gpointer value,
               gpointer user_data)
{
  GArray *spans = value;

  g_array_sort (spans, compare_spans);
  for (guint i = 1; i < spans->len;)
    if (compare_spans (&g_array_index (spans, SiglaSpan, i), &g_array_index (spans, SiglaSpan, i - 1)) == 0)
      g_array_remove_index (spans, i);
    else
      i++;
}

/**
 * sigla_tei_registry_prepare:
 * @prefixes: (nullable): document id → "d3.", the prefix of its ids in a corpus
 * @alone: the document written alone, or 0 in a corpus
 *
 * Reads the project's relations and the words every name and relation
 * cites, and where those words' ids are: "#d3.e.1" in the corpus, "#e.1"
 * in the document written alone, "0003-cable.xml#e.1" in another's file.
 */
gboolean
sigla_tei_registry_prepare (Writer        *w,
                            SiglaProject  *project,
                            GHashTable    *prefixes,
                            gint64         alone,
                            GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;

  w->relations = sigla_relation_list (project, 0, error);
  if (w->relations == NULL)
    return FALSE;
  w->evidence = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  w->targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  g_hash_table_iter_init (&iter, w->entities);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SiglaEntity *entity = value;

      for (guint i = 0; i < entity->aliases->len; i++)
        cite (w, &((SiglaAlias *) entity->aliases->pdata[i])->evidence);
    }
  for (guint i = 0; i < w->relations->len; i++)
    cite (w, &((SiglaRelation *) w->relations->pdata[i])->evidence);
  g_hash_table_foreach (w->evidence, sort_cited_cb, NULL);

  g_hash_table_iter_init (&iter, w->evidence);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;
      char *target;

      if (prefixes != NULL)
        target = g_strdup_printf ("#%se.", (const char *) g_hash_table_lookup (prefixes, &id));
      else if (id == alone)
        target = g_strdup ("#e.");
      else
        {
          g_autoptr(SiglaDocument) document = sigla_document_get (project, id, error);
          g_autofree char *file = NULL;

          if (document == NULL)
            return FALSE;
          file = sigla_tei_file_name (id, document->title);
          target = g_strdup_printf ("%s#e.", file);
        }
      g_hash_table_insert (w->targets, key, target);
    }
  return TRUE;
}

/**
 * sigla_tei_registry_cited:
 *
 * Returns: (transfer none) (nullable): the words of @document_id that names
 *   and relations cite, sorted, each once: its seg elements
 */
GArray *
sigla_tei_registry_cited (Writer *w,
                          gint64  document_id)
{
  return w->evidence != NULL ? g_hash_table_lookup (w->evidence, &document_id) : NULL;
}

static void
add_asserter (Writer              *w,
              const SiglaEvidence *evidence)
{
  if (evidence->resp != NULL &&
      !g_ptr_array_find_with_equal_func (w->asserters, evidence->resp, g_str_equal, NULL))
    g_ptr_array_add (w->asserters, evidence->resp);
}

/* Whether the registry chosen has the entity @id. */
static gboolean
is_written (Writer *w,
            gint64  id)
{
  return w->written != NULL && g_hash_table_contains (w->written, &id);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Who says the names and relations of @entities are so: a respStmt each. */
void
sigla_tei_registry_choose (Writer    *w,
                           GPtrArray *entities)
{
  g_clear_pointer (&w->asserters, g_ptr_array_unref);
  g_clear_pointer (&w->written, g_hash_table_unref);
  w->asserters = g_ptr_array_new ();
  w->written = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      g_hash_table_add (w->written, &entity->id);

      for (guint k = 0; k < entity->aliases->len; k++)
        add_asserter (w, &((SiglaAlias *) entity->aliases->pdata[k])->evidence);
    }
  for (guint i = 0; entities != NULL && w->relations != NULL && i < w->relations->len; i++)
    {
      SiglaRelation *relation = w->relations->pdata[i];

      if (is_written (w, relation->from_id) && is_written (w, relation->to_id))
        add_asserter (w, &relation->evidence);
    }
  g_ptr_array_sort (w->asserters, compare_names);
}

static char *
asserter_id (Writer     *w,
             const char *name)
{
  guint index;

  if (name == NULL || !g_ptr_array_find_with_equal_func (w->asserters, name, g_str_equal, &index))
    return NULL;
  return g_strdup_printf ("resp.by.%u", index + 1);
}

void
sigla_tei_registry_write_resp (Writer *w,
                               int     depth)
{
  for (guint i = 0; w->asserters != NULL && i < w->asserters->len; i++)
    {
      g_autofree char *id = asserter_id (w, w->asserters->pdata[i]);

      sigla_tei_writer_indent (w, depth);
      sigla_tei_writer_start (w, "respStmt");
      sigla_tei_writer_attribute (w, "xml:id", id);
      sigla_tei_writer_start (w, "resp");
      sigla_tei_writer_text (w, "identification");
      sigla_tei_writer_end (w);
      sigla_tei_writer_start (w, "name");
      sigla_tei_writer_text (w, w->asserters->pdata[i]);
      sigla_tei_writer_end (w);
      sigla_tei_writer_end (w);
    }
}

/* @cert, @resp and @source of a name or a relation. */
static void
write_evidence (Writer              *w,
                const SiglaEvidence *evidence)
{
  g_autofree char *resp_id = asserter_id (w, evidence->resp);
  g_autofree char *resp = sigla_tei_ref_to (resp_id);
  g_autofree char *source = NULL;

  if (evidence->document_id != 0 && w->targets != NULL)
    {
      GArray *spans = g_hash_table_lookup (w->evidence, &evidence->document_id);
      const char *target = g_hash_table_lookup (w->targets, &evidence->document_id);
      SiglaSpan span = { evidence->start, evidence->end, 0, FALSE };
      guint index;

      if (spans != NULL && target != NULL &&
          g_array_binary_search (spans, &span, compare_spans, &index))
        source = g_strdup_printf ("%s%u", target, index + 1);
    }
  sigla_tei_writer_attribute (w, "cert", evidence->cert);
  sigla_tei_writer_attribute (w, "resp", resp);
  sigla_tei_writer_attribute (w, "source", source);
}

/* listRelation: those of the project's relations that are between two entities of the
 * registry chosen (sigla_tei_registry_choose()). */
static void
write_relations (Writer *w,
                 int     depth)
{
  gboolean opened = FALSE;

  for (guint i = 0; w->relations != NULL && i < w->relations->len; i++)
    {
      const SiglaRelation *relation = w->relations->pdata[i];
      g_autofree char *from = sigla_tei_writer_entity_ref (w, relation->from_id);
      g_autofree char *to = sigla_tei_writer_entity_ref (w, relation->to_id);

      if (!is_written (w, relation->from_id) || !is_written (w, relation->to_id))
        continue;
      if (!opened)
        {
          sigla_tei_writer_indent (w, depth);
          sigla_tei_writer_start (w, "listRelation");
          opened = TRUE;
        }
      sigla_tei_writer_indent (w, depth + 1);
      sigla_tei_writer_start (w, "relation");
      sigla_tei_writer_attribute (w, "name", relation->type);
      if (sigla_relation_is_mutual (relation->type))
        {
          g_autofree char *both = g_strconcat (from, " ", to, NULL);

          sigla_tei_writer_attribute (w, "mutual", both);
        }
      else
        {
          sigla_tei_writer_attribute (w, "active", from);
          sigla_tei_writer_attribute (w, "passive", to);
        }
      write_evidence (w, &relation->evidence);
      if (relation->note != NULL)
        {
          sigla_tei_writer_start (w, "desc");
          sigla_tei_writer_text (w, relation->note);
          sigla_tei_writer_end (w);
        }
      sigla_tei_writer_end (w);
    }
  if (opened)
    {
      sigla_tei_writer_indent (w, depth);
      sigla_tei_writer_end (w);
    }
}

/* -- the records ------------------------------------------------------------ */

/* @type is one token in TEI: "cover name" is written "cover-name". */
static char *
type_token (const char *type)
{
  GString *token = g_string_new ("");

  for (const char *p = type != NULL ? type : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          if (token->len > 0 && token->str[token->len - 1] != '-')
            g_string_append_c (token, '-');
        }
      else
        g_string_append_unichar (token, c);
    }
  while (token->len > 0 && token->str[token->len - 1] == '-')
    g_string_truncate (token, token->len - 1);

  if (token->len == 0)
    g_string_assign (token, "variant");
  return g_string_free (token, FALSE);
}

/* The shortest digits that read back as the same double: 37.97, not 37.969999999999999. */
static const char *
format_coordinate (char   *buffer,
                   gsize   size,
                   double  value)
{
  for (int digits = 6; digits < 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, size, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return buffer;
    }

  return g_ascii_dtostr (buffer, size, value);
}

static void
write_entity (Writer            *w,
              int                depth,
              const SiglaEntity *entity)
{
  static const char * const elements[][2] = {
    [SIGLA_KIND_PERSON] = { "person", "persName" },
    [SIGLA_KIND_PLACE] = { "place", "placeName" },
    [SIGLA_KIND_ORG] = { "org", "orgName" },
  };
  const char *name_element = elements[entity->kind][1];

  sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_start (w, elements[entity->kind][0]);
  sigla_tei_writer_attribute (w, "xml:id", entity->xml_id);

  sigla_tei_writer_indent (w, depth + 1);
  sigla_tei_writer_start (w, name_element);
  sigla_tei_writer_attribute (w, "type", "main");
  sigla_tei_writer_text (w, entity->label);
  sigla_tei_writer_end (w);
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];

      g_autofree char *type = type_token (alias->type);

      sigla_tei_writer_indent (w, depth + 1);
      sigla_tei_writer_start (w, name_element);
      sigla_tei_writer_attribute (w, "type", type);
      write_evidence (w, &alias->evidence);
      sigla_tei_writer_text (w, alias->name);
      sigla_tei_writer_end (w);
    }

  if (entity->has_geo)
    {
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *geo = g_strdup_printf ("%s %s", format_coordinate (lat, sizeof lat, entity->lat),
                                              format_coordinate (lon, sizeof lon, entity->lon));

      sigla_tei_writer_indent (w, depth + 1);
      sigla_tei_writer_start (w, "location");
      sigla_tei_writer_start (w, "geo");
      sigla_tei_writer_text (w, geo);
      sigla_tei_writer_end (w);
      sigla_tei_writer_end (w);
    }

  for (guint i = 0; i < entity->authorities->len; i++)
    {
      const char *uri = entity->authorities->pdata[i];

      sigla_tei_writer_indent (w, depth + 1);
      sigla_tei_writer_start (w, "idno");
      sigla_tei_writer_attribute (w, "type", authority_type (uri));
      sigla_tei_writer_text (w, uri);
      sigla_tei_writer_end (w);
    }

  if (entity->description != NULL)
    {
      sigla_tei_writer_indent (w, depth + 1);
      sigla_tei_writer_start (w, "note");
      sigla_tei_writer_attribute (w, "type", "description");
      sigla_tei_writer_text (w, entity->description);
      sigla_tei_writer_end (w);
    }
  sigla_tei_writer_element (w, depth + 1, "note", entity->note);

  sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_end (w);
}

/* listPerson, listPlace and listOrg, with those of @entities that are of
 * each kind; then listRelation, with the relations between them. */
void
sigla_tei_registry_write (Writer    *w,
                          int        depth,
                          GPtrArray *entities)
{
  static const char * const lists[] = {
    [SIGLA_KIND_PERSON] = "listPerson",
    [SIGLA_KIND_PLACE] = "listPlace",
    [SIGLA_KIND_ORG] = "listOrg",
  };

  for (SiglaKind kind = SIGLA_KIND_PERSON; kind <= SIGLA_KIND_ORG; kind++)
    {
      gboolean opened = FALSE;

      for (guint i = 0; i < entities->len; i++)
        {
          const SiglaEntity *entity = entities->pdata[i];

          if (entity->kind != kind)
            continue;
          if (!opened)
            {
              sigla_tei_writer_indent (w, depth);
              sigla_tei_writer_start (w, lists[kind]);
              opened = TRUE;
            }
          write_entity (w, depth + 1, entity);
        }

      if (opened)
        {
          sigla_tei_writer_indent (w, depth);
          sigla_tei_writer_end (w);
        }
    }

  write_relations (w, depth);
}
