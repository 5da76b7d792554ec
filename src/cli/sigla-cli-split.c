/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-split.c: sigla-cli entity split: chosen mentions (by id, or by their words) and
 * names of an entity moved to a new one, as one action. */

#define G_LOG_DOMAIN "sigla-cli"

#include <stdio.h>

#include "sigla-cli-util.h"
#include "sigla-cli-split.h"

#define USAGE "entity split PROJECT ID --name NAME [--mention ID]... [--words WORDS]... [--alias NAME]... [--json]"

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* sigla-cli entity split PROJECT ID --name NAME …: prints the new entity's id. */
int
cmd_entity_split (int    argc,
                  char **argv)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) mention_args = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) aliases = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "mention", 0, 0, G_OPTION_ARG_STRING_ARRAY, &mention_args, NULL, NULL },
    { "words", 0, 0, G_OPTION_ARG_STRING_ARRAY, &words, NULL, NULL },
    { "alias", 0, 0, G_OPTION_ARG_STRING_ARRAY, &aliases, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 entity_id, new_id = 0;
  int status;

  if (!parse_options (&argc, &argv, entries, 2, USAGE, &status))
    return status;
  if (!parse_id (argv[2], &entity_id))
    return usage_error (USAGE, "ID is the id of the entity to split (“entity list” shows them)");
  if (name == NULL)
    return usage_error (USAGE, "--name gives the new entity's name");
  for (guint i = 0; mention_args != NULL && mention_args[i] != NULL; i++)
    {
      gint64 id;

      if (!parse_id (mention_args[i], &id))
        return usage_error (USAGE, "--mention takes a mention's id");
      g_array_append_val (mentions, id);
    }

  project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (error);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autoptr(GArray) found = sigla_entity_mentions_with_words (project, entity_id, words[i], &error);

      if (found == NULL)
        return fail (error);
      g_array_append_vals (mentions, found->data, found->len);
    }

  /* Chosen by id and by words, or by words in two cases: each once. */
  g_array_sort (mentions, compare_ids);
  for (guint i = 1; i < mentions->len;)
    if (g_array_index (mentions, gint64, i) == g_array_index (mentions, gint64, i - 1))
      g_array_remove_index (mentions, i);
    else
      i++;

  if (!sigla_entity_split (project, entity_id, name, mentions, (const char * const *) aliases, &new_id, &error))
    return fail (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int (builder, "id", new_id);
      add_int (builder, "mentions", mentions->len);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    printf ("%" G_GINT64_FORMAT "\n", new_id);
  return EXIT_SUCCESS;
}
