/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-registry.c: the registry of an export of Sigla's own TEI: its people, places and
 * organisations with their names, the relations between them, and for each name and relation
 * who says so (a respStmt), how surely (@cert) and in which words (@source: a seg of a text). */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include <string.h>

#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-project-private.h"
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

struct _SiglaTeiCited
{
  SiglaProject *project;
  GPtrArray    *relations;   /* SiglaRelation, all of the project */
  GArray       *homes;       /* gint64 a relation: the document whose file holds it alone */
  GHashTable   *spans;       /* gint64 document id → GArray of SiglaSpan: the words cited */
  GHashTable   *files;       /* gint64 document id → the name of its file in a folder export */
};

static void
cite (SiglaTeiCited       *cited,
      const SiglaEvidence *evidence)
{
  SiglaSpan span = { evidence->start, evidence->end, 0, FALSE };
  GArray *spans;

  if (evidence->document_id == 0)
    return;
  spans = g_hash_table_lookup (cited->spans, &evidence->document_id);
  if (spans == NULL)
    {
      spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
      g_hash_table_insert (cited->spans, g_memdup2 (&evidence->document_id, sizeof (gint64)), spans);
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

/* The first document that names both parties, else one of them; 0 for none. */
static gint64
home_of (SiglaDb              *db,
         const SiglaRelation  *relation,
         GError              **error)
{
  g_autoptr(sqlite3_stmt) both = sigla_db_prepare (db,
    "SELECT min(a.document_id) FROM mentions AS a INDEXED BY mentions_entity "
    "WHERE a.entity_id = ?1 AND EXISTS (SELECT 1 FROM mentions AS b "
    "WHERE b.document_id = a.document_id AND b.entity_id = ?2)", error);
  gint64 home;

  if (both == NULL)
    return -1;
  sqlite3_bind_int64 (both, 1, relation->from_id);
  sqlite3_bind_int64 (both, 2, relation->to_id);
  if (sigla_db_step (db, both, error) != SIGLA_STEP_ROW)
    return -1;
  home = sqlite3_column_int64 (both, 0);
  g_clear_pointer (&both, sigla_stmt_release);
  if (home == 0)
    {
      g_autoptr(sqlite3_stmt) either = sigla_db_prepare (db,
        "SELECT min(document_id) FROM mentions INDEXED BY mentions_entity WHERE entity_id IN (?1, ?2)", error);

      if (either == NULL)
        return -1;
      sqlite3_bind_int64 (either, 1, relation->from_id);
      sqlite3_bind_int64 (either, 2, relation->to_id);
      if (sigla_db_step (db, either, error) != SIGLA_STEP_ROW)
        return -1;
      home = sqlite3_column_int64 (either, 0);
    }
  return home;
}

/* Where each relation goes in a folder export: with the words it cites, else
 * in the first document that names its parties. Once: a relation written in
 * every file that names Stalin would fill the folder with it. */
static GArray *
find_homes (SiglaProject  *project,
            GPtrArray     *relations,
            GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GArray) homes = g_array_sized_new (FALSE, FALSE, sizeof (gint64), relations->len);

  for (guint i = 0; i < relations->len; i++)
    {
      const SiglaRelation *relation = relations->pdata[i];
      gint64 home = relation->evidence.document_id != 0 ? relation->evidence.document_id
                                                        : home_of (db, relation, error);

      if (home < 0)
        return NULL;
      g_array_append_val (homes, home);
    }
  return g_steal_pointer (&homes);
}

/* Whether the registry chosen has the entity @id. */
static gboolean
is_written (Writer *w,
            gint64  id)
{
  return w->written != NULL && g_hash_table_contains (w->written, &id);
}

/* Whether the @i-th relation is written here: in a corpus, when both parties
 * are in its registry; in a document's own file, when the file is its home. */
static gboolean
relation_is_written (Writer *w,
                     guint   i)
{
  const SiglaRelation *relation = w->cited->relations->pdata[i];

  if (w->alone == 0)
    return is_written (w, relation->from_id) && is_written (w, relation->to_id);
  return g_array_index (w->cited->homes, gint64, i) == w->alone;
}

/**
 * sigla_tei_cited_new:
 * @entities: every entity of the project, with its names
 *
 * Reads, once for an export of many documents, the project's relations and
 * the words every name and relation cites.
 */
SiglaTeiCited *
sigla_tei_cited_new (SiglaProject  *project,
                     GPtrArray     *entities,
                     GError       **error)
{
  g_autoptr(SiglaTeiCited) cited = g_new0 (SiglaTeiCited, 1);

  cited->project = project;
  cited->spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  cited->files = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if ((cited->relations = sigla_relation_list (project, 0, error)) == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      for (guint k = 0; k < entity->aliases->len; k++)
        cite (cited, &((SiglaAlias *) entity->aliases->pdata[k])->evidence);
    }
  for (guint i = 0; i < cited->relations->len; i++)
    cite (cited, &((SiglaRelation *) cited->relations->pdata[i])->evidence);
  g_hash_table_foreach (cited->spans, sort_cited_cb, NULL);
  if ((cited->homes = find_homes (project, cited->relations, error)) == NULL)
    return NULL;
  return g_steal_pointer (&cited);
}

void
sigla_tei_cited_free (SiglaTeiCited *cited)
{
  if (cited == NULL)
    return;
  g_clear_pointer (&cited->relations, g_ptr_array_unref);
  g_clear_pointer (&cited->homes, g_array_unref);
  g_clear_pointer (&cited->spans, g_hash_table_unref);
  g_clear_pointer (&cited->files, g_hash_table_unref);
  g_free (cited);
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
  return w->cited != NULL ? g_hash_table_lookup (w->cited->spans, &document_id) : NULL;
}

/* Where the ids of a document's cited words are: "#d3.e." in the corpus,
 * "#e." in the document written alone, "0003-cable.xml#e." in another's
 * file; nowhere (NULL) in another edition's file, which goes back as its own
 * tree, without Sigla's seg elements. */
static char *
target_of (Writer  *w,
           gint64   document_id)
{
  const char *file;

  if (w->prefixes != NULL)
    return g_strdup_printf ("#%se.", (const char *) g_hash_table_lookup (w->prefixes, &document_id));
  if (document_id == w->alone)
    return g_strdup ("#e.");
  file = g_hash_table_lookup (w->cited->files, &document_id);
  if (file == NULL)
    {
      g_autoptr(SiglaDocument) document = sigla_document_get (w->cited->project, document_id, NULL);
      g_autofree char *reading = NULL;

      if (document == NULL || !sigla_document_get_reading (w->cited->project, document_id, &reading, NULL))
        return NULL;
      file = reading != NULL ? g_strdup ("") : sigla_tei_file_name (document_id, document->title);
      g_hash_table_insert (w->cited->files, g_memdup2 (&document_id, sizeof document_id), (char *) file);
    }
  return *file != '\0' ? g_strdup_printf ("%s#e.", file) : NULL;
}

/**
 * sigla_tei_registry_add_related:
 * @used: (element-type gint64 gint64): ids of the entities a document's annotations use;
 *   grows
 *
 * Adds the entities whose names cite the document's words, and the parties
 * of the relations its file holds (its home, see find_homes()): in a folder
 * export, each cited word is in the file with the names and relations that
 * cite it, and each relation is in one file.
 */
void
sigla_tei_registry_add_related (Writer     *w,
                                gint64      document_id,
                                GHashTable *used)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (w->cited == NULL)
    return;
  g_hash_table_iter_init (&iter, w->entities);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SiglaEntity *entity = value;

      for (guint k = 0; k < entity->aliases->len; k++)
        if (((SiglaAlias *) entity->aliases->pdata[k])->evidence.document_id == document_id)
          g_hash_table_add (used, &entity->id);
    }
  /* The parties of the relations this file holds. */
  for (guint i = 0; i < w->cited->relations->len; i++)
    {
      SiglaRelation *relation = w->cited->relations->pdata[i];

      if (g_array_index (w->cited->homes, gint64, i) == document_id)
        {
          g_ptr_array_add (parties, &relation->from_id);
          g_ptr_array_add (parties, &relation->to_id);
        }
    }
  for (guint i = 0; i < parties->len; i++)
    g_hash_table_add (used, parties->pdata[i]);
}

static void
add_asserter (Writer              *w,
              const SiglaEvidence *evidence)
{
  if (evidence->resp != NULL &&
      !g_ptr_array_find_with_equal_func (w->asserters, evidence->resp, g_str_equal, NULL))
    g_ptr_array_add (w->asserters, evidence->resp);
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
  for (guint i = 0; entities != NULL && w->cited != NULL && i < w->cited->relations->len; i++)
    {
      SiglaRelation *relation = w->cited->relations->pdata[i];

      if (relation_is_written (w, i))
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

  if (evidence->document_id != 0 && w->cited != NULL)
    {
      GArray *spans = g_hash_table_lookup (w->cited->spans, &evidence->document_id);
      g_autofree char *target = target_of (w, evidence->document_id);
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

  for (guint i = 0; w->cited != NULL && i < w->cited->relations->len; i++)
    {
      const SiglaRelation *relation = w->cited->relations->pdata[i];
      g_autofree char *from = sigla_tei_writer_entity_ref (w, relation->from_id);
      g_autofree char *to = sigla_tei_writer_entity_ref (w, relation->to_id);

      if (!relation_is_written (w, i))
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
