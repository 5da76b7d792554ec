/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-evidence.c: sigla-cli entity alias and relation: an entity's other
 * names and its relations to others, each with who says so and where. */

#define G_LOG_DOMAIN "sigla-cli"

#include <stdio.h>

#include "sigla-cli-evidence.h"
#include "sigla-cli-util.h"

/* The options every sourced statement takes. */
typedef struct
{
  char *cert;
  char *source;
  char *annotator;
  char *note;
} EvidenceOptions;

static void
evidence_options_clear (EvidenceOptions *options)
{
  g_free (options->cert);
  g_free (options->source);
  g_free (options->annotator);
  g_free (options->note);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EvidenceOptions, evidence_options_clear)

#define EVIDENCE_ENTRIES(o) \
  { "cert", 0, 0, G_OPTION_ARG_STRING, &(o).cert, NULL, NULL }, \
  { "source", 0, 0, G_OPTION_ARG_STRING, &(o).source, NULL, NULL }, \
  { "annotator", 0, 0, G_OPTION_ARG_STRING, &(o).annotator, NULL, NULL }, \
  { "note", 0, 0, G_OPTION_ARG_STRING, &(o).note, NULL, NULL }

/* Moves what the options say into @evidence; what they do not say stays. */
static gboolean
take_evidence (EvidenceOptions  *options,
               SiglaEvidence    *evidence,
               GError          **error)
{
  if (options->source != NULL && !sigla_evidence_parse_span (options->source, evidence, error))
    return FALSE;
  if (options->cert != NULL)
    {
      g_free (evidence->cert);
      evidence->cert = g_steal_pointer (&options->cert);
    }
  if (options->annotator != NULL)
    {
      g_free (evidence->resp);
      evidence->resp = g_steal_pointer (&options->annotator);
    }
  return TRUE;
}

/* {"annotator", "cert", "source": {"document", "start", "end", "words"}}. */
void
add_evidence (JsonBuilder         *builder,
              SiglaProject        *project,
              const SiglaEvidence *evidence)
{
  add_string (builder, "annotator", evidence->resp);
  add_string (builder, "cert", evidence->cert);
  json_builder_set_member_name (builder, "source");
  if (evidence->document_id != 0)
    {
      g_autofree char *words = sigla_evidence_words (project, evidence, NULL);

      json_builder_begin_object (builder);
      add_int (builder, "document", evidence->document_id);
      add_int (builder, "start", evidence->start);
      add_int (builder, "end", evidence->end);
      add_string (builder, "words", words);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
}

/* sigla-cli entity alias PROJECT ID NAME …: gives the entity the name, or
 * says again who says the name it has is its: each option given replaces
 * what it names, the others stay. */
int
cmd_entity_alias (int    argc,
                  char **argv)
{
  g_auto(EvidenceOptions) options = { 0 };
  g_autofree char *type = NULL;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, NULL, NULL },
    EVIDENCE_ENTRIES (options),
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  SiglaAlias *alias = NULL;
  gint64 entity_id;
  int status;

  if (!parse_options (&argc, &argv, entries, 3, ENTITY_ALIAS_USAGE, &status))
    return status;
  if (!parse_id (argv[2], &entity_id))
    return usage_error (ENTITY_ALIAS_USAGE, "ID is the id of the entity (“entity list” shows them)");

  if ((project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error)) == NULL ||
      (entity = sigla_entity_get (project, entity_id, &error)) == NULL)
    return fail (error);

  for (guint i = 0; i < entity->aliases->len && alias == NULL; i++)
    if (g_str_equal (((SiglaAlias *) entity->aliases->pdata[i])->name, argv[3]))
      alias = entity->aliases->pdata[i];
  if (alias == NULL)
    alias = sigla_entity_add_alias (entity, argv[3], type);
  else if (type != NULL)
    {
      g_free (alias->type);
      alias->type = g_steal_pointer (&type);
    }
  if (options.note != NULL)
    {
      g_free (alias->note);
      alias->note = g_steal_pointer (&options.note);
    }
  if (!take_evidence (&options, &alias->evidence, &error) ||
      !sigla_entity_update (project, entity, &error))
    return fail (error);

  printf ("%" G_GINT64_FORMAT "\n", entity->id);
  return EXIT_SUCCESS;
}

/* sigla-cli relation add PROJECT FROM TO --type TYPE …: prints the new relation's id. */
int
cmd_relation_add (int    argc,
                  char **argv)
{
  g_auto(EvidenceOptions) options = { 0 };
  g_autofree char *type = NULL;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, NULL, NULL },
    EVIDENCE_ENTRIES (options),
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaRelation) relation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from_id, to_id;
  int status;

  if (!parse_options (&argc, &argv, entries, 3, RELATION_ADD_USAGE, &status))
    return status;
  if (!parse_id (argv[2], &from_id) || !parse_id (argv[3], &to_id))
    return usage_error (RELATION_ADD_USAGE, "FROM and TO are the ids of two entities (“entity list” shows them)");
  if (type == NULL)
    return usage_error (RELATION_ADD_USAGE, "--type names the relation: writes-to, reports-to, meets, member-of, "
                                            "commands, part-of, or a word of your own");

  relation = sigla_relation_new (type, from_id, to_id);
  relation->note = g_steal_pointer (&options.note);
  if (!take_evidence (&options, &relation->evidence, &error) ||
      (project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error)) == NULL ||
      !sigla_relation_insert (project, relation, &error))
    return fail (error);

  printf ("%" G_GINT64_FORMAT "\n", relation->id);
  return EXIT_SUCCESS;
}

/* sigla-cli relation list PROJECT [--entity ID] [--json] */
int
cmd_relation_list (int    argc,
                   char **argv)
{
  gint64 entity_id = 0;
  const GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_INT64, &entity_id, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (&argc, &argv, entries, 1, RELATION_LIST_USAGE, &status))
    return status;
  if ((project = open_project (argv[1], SIGLA_OPEN_READ_ONLY, &error)) == NULL ||
      (relations = sigla_relation_list (project, entity_id, &error)) == NULL ||
      (entities = sigla_entity_list (project, &error)) == NULL)
    return fail (error);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      g_hash_table_insert (names, &entity->id, entity->label);
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < relations->len; i++)
    {
      const SiglaRelation *relation = relations->pdata[i];
      const char *from = g_hash_table_lookup (names, &relation->from_id);
      const char *to = g_hash_table_lookup (names, &relation->to_id);

      if (!opt_json)
        {
          g_autofree char *words = sigla_evidence_words (project, &relation->evidence, NULL);
          g_autofree char *from_field = line_field (from);
          g_autofree char *to_field = line_field (to);
          g_autofree char *words_field = line_field (words);

          printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", relation->id, from_field, relation->type, to_field,
                  relation->evidence.cert != NULL ? relation->evidence.cert : "", words_field);
          continue;
        }
      json_builder_begin_object (builder);
      add_int (builder, "id", relation->id);
      add_string (builder, "type", relation->type);
      add_int (builder, "from", relation->from_id);
      add_string (builder, "from_name", from);
      add_int (builder, "to", relation->to_id);
      add_string (builder, "to_name", to);
      add_string (builder, "note", relation->note);
      add_evidence (builder, project, &relation->evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (opt_json)
    print_json (builder);
  return EXIT_SUCCESS;
}

/* sigla-cli relation delete PROJECT ID */
int
cmd_relation_delete (int    argc,
                     char **argv)
{
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = { { NULL } };
  gint64 id;
  int status;

  if (!parse_options (&argc, &argv, entries, 2, RELATION_DELETE_USAGE, &status))
    return status;
  if (!parse_id (argv[2], &id))
    return usage_error (RELATION_DELETE_USAGE, "ID is the id of the relation (“relation list” shows them)");
  if ((project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error)) == NULL ||
      !sigla_relation_delete (project, id, &error))
    return fail (error);
  return EXIT_SUCCESS;
}
