/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-file.c: sigla-cli's commands on the project file itself. */

#define G_LOG_DOMAIN "sigla-cli"

#include <stdio.h>

#include "sigla-cli-util.h"
#include "sigla-cli-file.h"

/* sigla-cli recover FILE NEW [--json]: a refused project's data, copied into a new one. */
int
cmd_recover (int    argc,
             char **argv)
{
  const char *usage = "recover FILE NEW_PROJECT [--json]";
  g_autoptr(SiglaRecoverReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (&argc, &argv, json_entries, 2, usage, &status))
    return status;
  if (!sigla_project_recover (argv[1], argv[2], &report, &error))
    return fail (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "project", argv[2]);
      json_builder_set_member_name (builder, "tables");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->tables->len; i++)
        {
          const SiglaRecoveredTable *table = &g_array_index (report->tables, SiglaRecoveredTable, i);

          json_builder_begin_object (builder);
          add_string (builder, "table", table->name);
          add_int (builder, "taken", table->taken);
          add_int (builder, "left", table->left);
          json_builder_set_member_name (builder, "unreadable");
          json_builder_add_boolean_value (builder, table->unreadable);
          add_string (builder, "problem", table->problem);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  printf ("TABLE\tTAKEN\tLEFT\tPROBLEM\n");
  for (guint i = 0; i < report->tables->len; i++)
    {
      const SiglaRecoveredTable *table = &g_array_index (report->tables, SiglaRecoveredTable, i);

      printf ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n", table->name, table->taken, table->left,
              table->unreadable ? "unreadable" : table->problem != NULL ? table->problem : "");
    }
  return EXIT_SUCCESS;
}

/* sigla-cli compact PROJECT [--json]: the history cut to its limits, the file written anew. */
int
cmd_compact (int    argc,
             char **argv)
{
  const char *usage = "compact PROJECT [--json]";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  SiglaCompactReport report;
  int status;

  if (!parse_options (&argc, &argv, json_entries, 1, usage, &status))
    return status;
  project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL || !sigla_project_compact (project, &report, &error))
    return fail (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int (builder, "steps_dropped", report.steps_dropped);
      add_int (builder, "bytes_before", report.bytes_before);
      add_int (builder, "bytes_after", report.bytes_after);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    printf ("steps dropped\t%" G_GINT64_FORMAT "\nbytes before\t%" G_GINT64_FORMAT
            "\nbytes after\t%" G_GINT64_FORMAT "\nfreed\t%" G_GINT64_FORMAT "\n",
            report.steps_dropped, report.bytes_before, report.bytes_after,
            MAX (report.bytes_before - report.bytes_after, 0));
  return EXIT_SUCCESS;
}
