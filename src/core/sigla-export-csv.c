/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-export-csv.c: entities, mentions and claims as CSV (RFC 4180, UTF-8), for spreadsheets. */

#define G_LOG_DOMAIN "sigla-export"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sigla-claim.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-export-text.h"
#include "sigla-export.h"
#include "sigla-mention.h"
#include "sigla-output.h"
#include "sigla-relation.h"

/* A row of fields, each quoted when it holds a comma, a quote or a line break. */
static gboolean
write_row (GOutputStream       *output,
           const char * const  *fields,
           guint                n_fields,
           GError             **error)
{
  g_autoptr(GString) row = g_string_new ("");

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";

      if (i > 0)
        g_string_append_c (row, ',');
      if (strpbrk (field, ",\"\r\n") == NULL)
        {
          g_string_append (row, field);
          continue;
        }
      g_string_append_c (row, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (row, '"');
          g_string_append_c (row, *p);
        }
      g_string_append_c (row, '"');
    }
  g_string_append (row, "\r\n");

  return g_output_stream_write_all (output, row->str, row->len, NULL, NULL, error);
}

static char *
format_id (gint64 id)
{
  return id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

static char *
format_coordinate (gboolean has_geo,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return has_geo ? g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)) : NULL;
}

static const char *
entity_name (GHashTable *entities,
             gint64      id)
{
  SiglaEntity *entity = id != 0 ? g_hash_table_lookup (entities, &id) : NULL;

  return entity != NULL ? entity->label : NULL;
}

static gboolean
write_entities_cb (SiglaProject   *project,
                   GOutputStream  *output,
                   gpointer        data,
                   GError        **error)
{
  static const char * const header[] = {
    "id", "xml_id", "kind", "name", "aliases", "authorities", "lat", "lon", "description", "note",
  };
  g_autoptr(GPtrArray) entities = sigla_entity_list (project, error);

  if (entities == NULL || !write_row (output, header, G_N_ELEMENTS (header), error))
    return FALSE;

  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];
      g_autoptr(GString) aliases = g_string_new ("");
      g_autoptr(GString) authorities = g_string_new ("");
      g_autofree char *id = format_id (entity->id);
      g_autofree char *lat = format_coordinate (entity->has_geo, entity->lat);
      g_autofree char *lon = format_coordinate (entity->has_geo, entity->lon);

      /* "Filippov (pseudonym); Stalin, I.V. (variant)" */
      for (guint k = 0; k < entity->aliases->len; k++)
        {
          SiglaAlias *alias = entity->aliases->pdata[k];

          g_string_append_printf (aliases, "%s%s (%s)", k > 0 ? "; " : "", alias->name, alias->type);
        }
      for (guint k = 0; k < entity->authorities->len; k++)
        g_string_append_printf (authorities, "%s%s", k > 0 ? " " : "", (const char *) entity->authorities->pdata[k]);

      {
        const char *row[] = {
          id, entity->xml_id, sigla_kind_to_string (entity->kind), entity->label, aliases->str,
          authorities->str, lat, lon, entity->description, entity->note,
        };

        if (!write_row (output, row, G_N_ELEMENTS (row), error))
          return FALSE;
      }
    }

  return TRUE;
}

static gboolean
write_mentions_cb (SiglaProject   *project,
                   GOutputStream  *output,
                   gpointer        data,
                   GError        **error)
{
  static const char * const header[] = {
    "id", "document", "document_title", "start", "end", "text", "kind", "entity", "entity_name",
    "when", "not_before", "not_after", "cert", "note",
  };
  g_autoptr(GPtrArray) mentions = sigla_mention_list (project, 0, error);
  g_autoptr(GHashTable) entities = NULL;
  g_autoptr(SiglaTextCursor) cursor = sigla_text_cursor_new (project);

  if (mentions == NULL || (entities = sigla_export_entities_by_id (project, error)) == NULL ||
      !write_row (output, header, G_N_ELEMENTS (header), error))
    return FALSE;

  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      g_autofree char *id = format_id (mention->id);
      g_autofree char *document = format_id (mention->document_id);
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, mention->start);
      g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, mention->end);
      g_autofree char *entity = format_id (mention->entity_id);
      g_autofree char *words = sigla_text_cursor_slice (cursor, mention->document_id, mention->start,
                                                         mention->end, error);
      const char *row[] = {
        id, document, sigla_text_cursor_title (cursor, mention->document_id), start, end, words,
        sigla_kind_to_string (mention->kind), entity, entity_name (entities, mention->entity_id),
        mention->when, mention->not_before, mention->not_after, mention->cert, mention->note,
      };

      if (words == NULL || !write_row (output, row, G_N_ELEMENTS (row), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_claims_cb (SiglaProject   *project,
                 GOutputStream  *output,
                 gpointer        data,
                 GError        **error)
{
  static const char * const header[] = {
    "id", "document", "document_title", "start", "end", "text", "speaker", "reporter", "about",
    "stance", "certainty", "paraphrase", "note",
  };
  g_autoptr(GPtrArray) claims = sigla_claim_list (project, 0, error);
  g_autoptr(GHashTable) entities = NULL;
  g_autoptr(SiglaTextCursor) cursor = sigla_text_cursor_new (project);

  if (claims == NULL || (entities = sigla_export_entities_by_id (project, error)) == NULL ||
      !write_row (output, header, G_N_ELEMENTS (header), error))
    return FALSE;

  for (guint i = 0; i < claims->len; i++)
    {
      SiglaClaim *claim = claims->pdata[i];
      g_autoptr(GString) about = g_string_new ("");
      g_autofree char *id = format_id (claim->id);
      g_autofree char *document = format_id (claim->document_id);
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, claim->start);
      g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, claim->end);
      g_autofree char *words = sigla_text_cursor_slice (cursor, claim->document_id, claim->start,
                                                         claim->end, error);

      for (guint k = 0; k < claim->about->len; k++)
        g_string_append_printf (about, "%s%s", k > 0 ? "; " : "",
                                entity_name (entities, g_array_index (claim->about, gint64, k)));

      {
        const char *row[] = {
          id, document, sigla_text_cursor_title (cursor, claim->document_id), start, end, words,
          entity_name (entities, claim->speaker_id), entity_name (entities, claim->reporter_id),
          about->str, claim->stance, claim->certainty, claim->paraphrase, claim->note,
        };

        if (words == NULL || !write_row (output, row, G_N_ELEMENTS (row), error))
          return FALSE;
      }
    }

  return TRUE;
}

/* Who says so, how surely, and the words cited: the last columns of names.csv and relations.csv. */
static const char * const evidence_header[] = {
  "annotator", "cert", "document", "document_title", "start", "end", "text",
};

typedef struct
{
  char *document;
  char *start;
  char *end;
  char *words;
} EvidenceFields;

static void
evidence_fields_clear (EvidenceFields *fields)
{
  g_free (fields->document);
  g_free (fields->start);
  g_free (fields->end);
  g_free (fields->words);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EvidenceFields, evidence_fields_clear)

/* Fills @row[0 … G_N_ELEMENTS (evidence_header)) from @evidence. */
static gboolean
evidence_row (SiglaTextCursor      *cursor,
              const SiglaEvidence  *evidence,
              EvidenceFields       *fields,
              const char          **row,
              GError              **error)
{
  row[0] = evidence->resp;
  row[1] = evidence->cert;
  row[2] = row[3] = row[4] = row[5] = row[6] = NULL;
  if (evidence->document_id == 0)
    return TRUE;
  fields->document = format_id (evidence->document_id);
  fields->start = g_strdup_printf ("%" G_GINT64_FORMAT, evidence->start);
  fields->end = g_strdup_printf ("%" G_GINT64_FORMAT, evidence->end);
  fields->words = sigla_text_cursor_slice (cursor, evidence->document_id, evidence->start, evidence->end, error);
  row[2] = fields->document;
  row[3] = sigla_text_cursor_title (cursor, evidence->document_id);
  row[4] = fields->start;
  row[5] = fields->end;
  row[6] = fields->words;
  return fields->words != NULL;
}

/* Every other name of an entity, a row each, with who says it is one. */
static gboolean
write_names_cb (SiglaProject   *project,
                GOutputStream  *output,
                gpointer        data,
                GError        **error)
{
  const char *header[5 + G_N_ELEMENTS (evidence_header)] = { "entity", "entity_name", "name", "type", "note" };
  g_autoptr(GPtrArray) entities = sigla_entity_list (project, error);
  g_autoptr(SiglaTextCursor) cursor = sigla_text_cursor_new (project);

  memcpy (header + 5, evidence_header, sizeof evidence_header);
  if (entities == NULL || !write_row (output, header, G_N_ELEMENTS (header), error))
    return FALSE;
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];
      g_autofree char *id = format_id (entity->id);

      for (guint k = 0; k < entity->aliases->len; k++)
        {
          SiglaAlias *alias = entity->aliases->pdata[k];
          g_auto(EvidenceFields) fields = { NULL };
          const char *row[G_N_ELEMENTS (header)] = { id, entity->label, alias->name, alias->type, alias->note };

          if (!evidence_row (cursor, &alias->evidence, &fields, row + 5, error) ||
              !write_row (output, row, G_N_ELEMENTS (row), error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_relations_cb (SiglaProject   *project,
                    GOutputStream  *output,
                    gpointer        data,
                    GError        **error)
{
  const char *header[7 + G_N_ELEMENTS (evidence_header)] = {
    "id", "type", "from", "from_name", "to", "to_name", "note",
  };
  g_autoptr(GPtrArray) relations = sigla_relation_list (project, 0, error);
  g_autoptr(GHashTable) entities = NULL;
  g_autoptr(SiglaTextCursor) cursor = sigla_text_cursor_new (project);

  memcpy (header + 7, evidence_header, sizeof evidence_header);
  if (relations == NULL || (entities = sigla_export_entities_by_id (project, error)) == NULL ||
      !write_row (output, header, G_N_ELEMENTS (header), error))
    return FALSE;
  for (guint i = 0; i < relations->len; i++)
    {
      SiglaRelation *relation = relations->pdata[i];
      g_autofree char *id = format_id (relation->id);
      g_autofree char *from = format_id (relation->from_id);
      g_autofree char *to = format_id (relation->to_id);
      g_auto(EvidenceFields) fields = { NULL };
      const char *row[G_N_ELEMENTS (header)] = {
        id, relation->type, from, entity_name (entities, relation->from_id), to,
        entity_name (entities, relation->to_id), relation->note,
      };

      if (!evidence_row (cursor, &relation->evidence, &fields, row + 7, error) ||
          !write_row (output, row, G_N_ELEMENTS (row), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sigla_export_csv:
 * @directory: an existing folder
 *
 * Writes entities.csv, names.csv, mentions.csv, claims.csv and relations.csv into @directory.
 */
gboolean
sigla_export_csv (SiglaProject  *project,
                  const char    *directory,
                  GError       **error)
{
  static const struct
  {
    const char     *name;
    SiglaWriteFunc  write;
  } tables[] = {
    { "entities.csv", write_entities_cb },
    { "names.csv", write_names_cb },
    { "mentions.csv", write_mentions_cb },
    { "claims.csv", write_claims_cb },
    { "relations.csv", write_relations_cb },
  };

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND,
                   _("CSV goes into a folder, one file a table: “%s” is not a folder"), directory);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *path = g_build_filename (directory, tables[i].name, NULL);

      if (!sigla_output_write_file (path, tables[i].write, project, NULL, error))
        return FALSE;
    }

  return TRUE;
}
