/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-tag-all.c: sigla-cli tag-all: every place the texts give an entity's names (or
 * other words), listed with what stands there, and the new ones tagged as one action. */

#define G_LOG_DOMAIN "sigla-cli"

#include <stdio.h>

#include "sigla-cli-util.h"
#include "sigla-cli-tag-all.h"

#define USAGE "tag-all PROJECT --entity ID [--name NAME]... [--doc ID] [--all] [--dry-run] [--json]"

static void
print_occurrence (JsonBuilder           *builder,
                  const SiglaOccurrence *occurrence,
                  gboolean               tagged)
{
  if (!opt_json)
    {
      g_autofree char *words = line_field (occurrence->words);
      g_autofree char *snippet = line_field (occurrence->snippet);

      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
              occurrence->document_id, occurrence->start, occurrence->end,
              sigla_occurrence_state_to_string (occurrence->state), tagged ? "tagged" : "-", words, snippet);
      return;
    }

  json_builder_begin_object (builder);
  add_int (builder, "document", occurrence->document_id);
  add_int (builder, "start", occurrence->start);
  add_int (builder, "end", occurrence->end);
  add_string (builder, "words", occurrence->words);
  add_string (builder, "snippet", occurrence->snippet);
  add_string (builder, "state", sigla_occurrence_state_to_string (occurrence->state));
  if (occurrence->state != SIGLA_OCCURRENCE_NEW)
    {
      add_int (builder, "mention", occurrence->mention_id);
      add_string (builder, "mention_kind", sigla_kind_to_string (occurrence->mention_kind));
      if (occurrence->mention_entity_id != 0)
        add_int (builder, "mention_entity", occurrence->mention_entity_id);
    }
  json_builder_set_member_name (builder, "in_claim");
  json_builder_add_boolean_value (builder, occurrence->in_claim);
  json_builder_set_member_name (builder, "tagged");
  json_builder_add_boolean_value (builder, tagged);
  json_builder_end_object (builder);
}

/* sigla-cli tag-all PROJECT --entity ID …: lists every occurrence (DOC START END STATE
 * TAGGED WORDS SNIPPET, or JSON) and tags the new ones, and those within a longer
 * mention; --all the ones naming something else or crossing a mention too. */
int
cmd_tag_all (int    argc,
             char **argv)
{
  gint64 entity_id = 0, document_id = 0;
  g_auto(GStrv) names = NULL;
  gboolean all = FALSE, dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_INT64, &entity_id, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, NULL, NULL },
    { "doc", 0, 0, G_OPTION_ARG_INT64, &document_id, NULL, NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GHashTable) tagged = g_hash_table_new (NULL, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  guint n_tagged = 0;
  int status;

  if (!parse_options (&argc, &argv, entries, 1, USAGE, &status))
    return status;
  if (entity_id <= 0 || document_id < 0)
    return usage_error (USAGE, "--entity gives the id of the entity to tag (“entity list” shows them)");

  project = open_project (argv[1], dry_run ? SIGLA_OPEN_READ_ONLY : SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL ||
      (found = sigla_occurrences_find (project, entity_id, (const char * const *) names, document_id, &error)) == NULL)
    return fail (error);

  for (guint i = 0; i < found->len; i++)
    {
      SiglaOccurrence *occurrence = found->pdata[i];

      if (occurrence->state != SIGLA_OCCURRENCE_TAGGED && (all || sigla_occurrence_is_proposed (occurrence)))
        g_ptr_array_add (chosen, occurrence);
    }
  if (!dry_run && chosen->len > 0)
    {
      if (!sigla_occurrences_tag (project, entity_id, chosen, &n_tagged, &error))
        return fail (error);
      for (guint i = 0; i < chosen->len; i++)
        g_hash_table_add (tagged, chosen->pdata[i]);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "occurrences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    print_occurrence (builder, found->pdata[i], g_hash_table_contains (tagged, found->pdata[i]));
  json_builder_end_array (builder);
  add_int (builder, "tagged", n_tagged);
  json_builder_end_object (builder);

  if (opt_json)
    print_json (builder);
  else
    fprintf (stderr, "%u of %u occurrences %s\n", dry_run ? chosen->len : n_tagged, found->len,
             dry_run ? "would be tagged" : "tagged");
  return EXIT_SUCCESS;
}
