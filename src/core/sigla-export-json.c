/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-export-json.c: places as GeoJSON (RFC 7946), for QGIS and web maps, and every
 * annotation in the W3C Web Annotation data model (JSON-LD), for annotation tools. */

#define G_LOG_DOMAIN "sigla-export"

#include <json-glib/json-glib.h>

#include "sigla-claim.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-export-text.h"
#include "sigla-export.h"
#include "sigla-mention.h"
#include "sigla-output.h"

#define QUOTE_CONTEXT 32   /* code points of prefix and suffix in a text quote selector */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static gboolean
write_json (JsonBuilder    *builder,
            GOutputStream  *output,
            GError        **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  /* Not json_generator_to_stream(): json-glib 1.6 writes with a single
   * g_output_stream_write() and drops what a buffered stream did not take. */
  text = json_generator_to_data (generator, &length);
  return g_output_stream_write_all (output, text, length, NULL, NULL, error) &&
         sigla_output_print (output, error, "\n");
}

/* -- GeoJSON ---------------------------------------------------------------- */

static gboolean
write_geojson_cb (SiglaProject   *project,
                  GOutputStream  *output,
                  gpointer        data,
                  GError        **error)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (project, error);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (entities == NULL || (mentions = sigla_mention_list (project, 0, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &mention->entity_id));

      g_hash_table_insert (counts, &mention->entity_id, GUINT_TO_POINTER (n + 1));
    }

  json_builder_begin_object (builder);
  add_string (builder, "type", "FeatureCollection");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      if (entity->kind != SIGLA_KIND_PLACE || !entity->has_geo)
        continue;

      json_builder_begin_object (builder);
      add_string (builder, "type", "Feature");
      add_string (builder, "id", entity->xml_id);
      json_builder_set_member_name (builder, "geometry");
      json_builder_begin_object (builder);
      add_string (builder, "type", "Point");
      /* GeoJSON puts the longitude first. */
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, entity->lon);
      json_builder_add_double_value (builder, entity->lat);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "properties");
      json_builder_begin_object (builder);
      add_string (builder, "name", entity->label);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint k = 0; k < entity->aliases->len; k++)
        json_builder_add_string_value (builder, ((SiglaAlias *) entity->aliases->pdata[k])->name);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "authorities");
      json_builder_begin_array (builder);
      for (guint k = 0; k < entity->authorities->len; k++)
        json_builder_add_string_value (builder, entity->authorities->pdata[k]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "mentions");
      json_builder_add_int_value (builder, GPOINTER_TO_UINT (g_hash_table_lookup (counts, &entity->id)));
      add_string (builder, "description", entity->description);
      add_string (builder, "note", entity->note);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return write_json (builder, output, error);
}

/**
 * sigla_export_geojson:
 *
 * Writes the places that have coordinates as a GeoJSON FeatureCollection.
 */
gboolean
sigla_export_geojson (SiglaProject  *project,
                      const char    *path,
                      GError       **error)
{
  return sigla_output_write_file (path, write_geojson_cb, project, NULL, error);
}

/* -- Web Annotation --------------------------------------------------------- */

typedef struct
{
  const char      *annotator;
  GHashTable      *entities;
  GHashTable      *documents;   /* gint64 id → SiglaDocument (metadata) */
  SiglaTextCursor *cursor;
} WebAnno;

static char *
entity_iri (const SiglaEntity *entity)
{
  /* An authority is the entity's name in the web of data; else its own uuid. */
  return entity->authorities->len > 0 ? g_strdup (entity->authorities->pdata[0])
                                      : g_strconcat ("urn:uuid:", entity->uuid, NULL);
}

static void
add_target (WebAnno     *anno,
            JsonBuilder *builder,
            gint64       document_id,
            gint64       start,
            gint64       end)
{
  SiglaDocument *document = g_hash_table_lookup (anno->documents, &document_id);
  g_autofree char *source = g_strconcat ("urn:uuid:", document->uuid, NULL);
  g_autofree char *exact = sigla_text_cursor_slice (anno->cursor, document_id, start, end, NULL);
  g_autofree char *prefix = sigla_text_cursor_slice (anno->cursor, document_id, MAX (0, start - QUOTE_CONTEXT),
                                                     start, NULL);
  g_autofree char *suffix = sigla_text_cursor_slice (anno->cursor, document_id, end, end + QUOTE_CONTEXT, NULL);

  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  add_string (builder, "source", source);
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextPositionSelector");
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, end);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextQuoteSelector");
  add_string (builder, "exact", exact);
  add_string (builder, "prefix", prefix);
  add_string (builder, "suffix", suffix);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_common (WebAnno     *anno,
            JsonBuilder *builder,
            const char  *id,
            const char  *motivation,
            const char  *created,
            const char  *modified)
{
  add_string (builder, "id", id);
  add_string (builder, "type", "Annotation");
  add_string (builder, "motivation", motivation);
  add_string (builder, "created", created);
  add_string (builder, "modified", modified);
  json_builder_set_member_name (builder, "creator");
  json_builder_begin_object (builder);
  add_string (builder, "type", "Person");
  add_string (builder, "name", anno->annotator);
  json_builder_end_object (builder);
}

static void
add_text_body (JsonBuilder *builder,
               const char  *purpose,
               const char  *value)
{
  if (value == NULL)
    return;

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextualBody");
  add_string (builder, "purpose", purpose);
  add_string (builder, "value", value);
  json_builder_end_object (builder);
}

static void
add_entity_body (WebAnno     *anno,
                 JsonBuilder *builder,
                 const char  *role,
                 gint64       entity_id)
{
  SiglaEntity *entity = entity_id != 0 ? g_hash_table_lookup (anno->entities, &entity_id) : NULL;
  g_autofree char *iri = NULL;

  if (entity == NULL)
    return;

  iri = entity_iri (entity);
  json_builder_begin_object (builder);
  add_string (builder, "type", "SpecificResource");
  add_string (builder, "purpose", "identifying");
  add_string (builder, "source", iri);
  add_string (builder, "role", role);
  add_string (builder, "name", entity->label);
  json_builder_end_object (builder);
}

static void
add_mention (WebAnno      *anno,
             JsonBuilder  *builder,
             SiglaMention *mention)
{
  g_autofree char *id = g_strdup_printf ("urn:sigla:mention:%" G_GINT64_FORMAT, mention->id);
  g_autofree char *range = NULL;

  json_builder_begin_object (builder);
  add_common (anno, builder, id, mention->kind == SIGLA_KIND_DATE ? "tagging" : "identifying",
              mention->created, mention->modified);
  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  add_text_body (builder, "classifying", sigla_kind_to_string (mention->kind));
  if (mention->kind == SIGLA_KIND_DATE)
    {
      range = mention->when == NULL
        ? g_strdup_printf ("%s/%s", mention->not_before != NULL ? mention->not_before : "..",
                           mention->not_after != NULL ? mention->not_after : "..")
        : NULL;
      add_text_body (builder, "tagging", mention->when != NULL ? mention->when : range);
    }
  add_entity_body (anno, builder, NULL, mention->entity_id);
  add_text_body (builder, "commenting", mention->note);
  json_builder_end_array (builder);
  add_target (anno, builder, mention->document_id, mention->start, mention->end);
  json_builder_end_object (builder);
}

static void
add_claim (WebAnno     *anno,
           JsonBuilder *builder,
           SiglaClaim  *claim)
{
  g_autofree char *id = g_strdup_printf ("urn:sigla:claim:%" G_GINT64_FORMAT, claim->id);

  json_builder_begin_object (builder);
  add_common (anno, builder, id, "describing", claim->created, claim->modified);
  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  add_text_body (builder, "classifying", claim->stance);
  add_text_body (builder, "describing", claim->paraphrase);
  add_text_body (builder, "assessing", claim->certainty);
  add_text_body (builder, "commenting", claim->note);
  add_entity_body (anno, builder, "speaker", claim->speaker_id);
  add_entity_body (anno, builder, "reporter", claim->reporter_id);
  for (guint k = 0; k < claim->about->len; k++)
    add_entity_body (anno, builder, "about", g_array_index (claim->about, gint64, k));
  json_builder_end_array (builder);
  add_target (anno, builder, claim->document_id, claim->start, claim->end);
  json_builder_end_object (builder);
}

static gboolean
write_webanno_cb (SiglaProject   *project,
                  GOutputStream  *output,
                  gpointer        data,
                  GError        **error)
{
  WebAnno *anno = data;
  g_autoptr(GPtrArray) documents = sigla_document_list (project, error);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *label = g_path_get_basename (sigla_project_get_path (project));

  if (documents == NULL || (mentions = sigla_mention_list (project, 0, error)) == NULL ||
      (claims = sigla_claim_list (project, 0, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];

      g_hash_table_insert (anno->documents, &document->id, document);
    }

  json_builder_begin_object (builder);
  add_string (builder, "@context", "http://www.w3.org/ns/anno.jsonld");
  add_string (builder, "id", "urn:sigla:annotations");
  add_string (builder, "type", "AnnotationCollection");
  add_string (builder, "label", label);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, mentions->len + claims->len);
  json_builder_set_member_name (builder, "first");
  json_builder_begin_object (builder);
  add_string (builder, "type", "AnnotationPage");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < mentions->len; i++)
    add_mention (anno, builder, mentions->pdata[i]);
  for (guint i = 0; i < claims->len; i++)
    add_claim (anno, builder, claims->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return write_json (builder, output, error);
}

/**
 * sigla_export_webanno:
 * @annotator: the annotations' creator
 *
 * Writes every mention and claim as a W3C Web Annotation, in one
 * AnnotationCollection: targets by text position and by quote, entities by
 * their authority URI where they have one.
 */
gboolean
sigla_export_webanno (SiglaProject  *project,
                      const char    *annotator,
                      const char    *path,
                      GError       **error)
{
  g_autoptr(GHashTable) entities = sigla_export_entities_by_id (project, error);
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(SiglaTextCursor) cursor = sigla_text_cursor_new (project);
  WebAnno anno = { annotator != NULL ? annotator : "Sigla", entities, documents, cursor };

  if (entities == NULL)
    return FALSE;

  return sigla_output_write_file (path, write_webanno_cb, project, &anno, error);
}
