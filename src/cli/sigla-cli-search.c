/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-search.c: sigla-cli search: the corpus searched, a page of the best documents at a
 * time, or only counted. */

#define G_LOG_DOMAIN "sigla-cli"

#include <stdio.h>

#include "sigla-cli-util.h"
#include "sigla-cli-search.h"

#define SEARCH_LIMIT 50

/* How many documents @hits come from. */
static guint
count_documents (GPtrArray *hits)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    n += i == 0 || ((SiglaSearchHit *) hits->pdata[i])->document_id != ((SiglaSearchHit *) hits->pdata[i - 1])->document_id;
  return n;
}

/* sigla-cli search PROJECT QUERY [--limit N] [--offset N] [--count] [--json]: a page of the
 * best documents (50 unless told), their hits; a full page says on standard error how many
 * more there are. */
int
cmd_search (int    argc,
            char **argv)
{
  const char *usage = "search PROJECT QUERY [--limit N] [--offset N] [--count] [--json]";
  gint64 limit = SEARCH_LIMIT, offset = 0;
  gboolean count_only = FALSE;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, NULL, NULL },
    { "offset", 0, 0, G_OPTION_ARG_INT64, &offset, NULL, NULL },
    { "count", 0, 0, G_OPTION_ARG_NONE, &count_only, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  guint shown;
  int status;

  if (!parse_options (&argc, &argv, entries, 2, usage, &status))
    return status;
  if (limit < 0 || offset < 0 || limit > G_MAXINT || offset > G_MAXINT)
    return usage_error (usage, "--limit and --offset count documents: 0 and up (--limit 0: all)");

  project = open_project (argv[1], SIGLA_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);
  if (count_only)
    {
      if (!sigla_search_count (project, argv[2], &total, &error))
        return fail (error);
      if (opt_json)
        {
          json_builder_begin_object (builder);
          add_int (builder, "documents", total);
          json_builder_end_object (builder);
          print_json (builder);
        }
      else
        printf ("%" G_GINT64_FORMAT "\n", total);
      return EXIT_SUCCESS;
    }
  if ((hits = sigla_search_page (project, argv[2], (guint) offset, (guint) limit, &error)) == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      SiglaSearchHit *hit = hits->pdata[i];

      if (!opt_json)
        {
          g_autofree char *snippet = line_field (hit->snippet);

          printf ("%" G_GINT64_FORMAT "\t%s%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n",
                   hit->document_id, hit->in_title ? "title:" : "", hit->start, hit->end, snippet);
          continue;
        }

      json_builder_begin_object (builder);
      add_int (builder, "document", hit->document_id);
      add_string (builder, "field", hit->in_title ? "title" : "text");
      add_int (builder, "start", hit->start);
      add_int (builder, "end", hit->end);
      add_string (builder, "snippet", hit->snippet);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (opt_json)
    print_json (builder);

  /* A full page: there may be more, and the user is told how to see them. */
  shown = count_documents (hits);
  if (limit > 0 && shown == limit && sigla_search_count (project, argv[2], &total, NULL) && total > offset + shown)
    fprintf (stderr, "Documents %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
             ": --offset %" G_GINT64_FORMAT " for the next ones, --limit 0 for all\n",
             offset + 1, offset + shown, total, offset + shown);
  return EXIT_SUCCESS;
}
