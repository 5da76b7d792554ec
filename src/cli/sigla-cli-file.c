/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-file.c: sigla-cli's commands on the project file itself: its counts, history,
 * settings, compacting and recovery. */

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

static int
step_history (int       argc,
              char    **argv,
              gboolean  undo)
{
  g_autofree char *shown = NULL;
  const char *usage = undo ? "undo PROJECT" : "redo PROJECT";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean done;
  int status;

  if (!parse_options (&argc, &argv, NULL, 1, usage, &status))
    return status;

  project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (error);

  done = undo ? sigla_project_undo (project, &label, &error)
              : sigla_project_redo (project, &label, &error);
  if (!done)
    return fail (error);

  shown = line_field (label);
  printf ("%s: %s\n", undo ? "Undone" : "Redone", shown);
  return EXIT_SUCCESS;
}

/* sigla-cli undo PROJECT */
int
cmd_undo (int    argc,
          char **argv)
{
  return step_history (argc, argv, TRUE);
}

/* sigla-cli redo PROJECT */
int
cmd_redo (int    argc,
          char **argv)
{
  return step_history (argc, argv, FALSE);
}

/* sigla-cli stats PROJECT [--json] */
int
cmd_stats (int    argc,
           char **argv)
{
  const char *usage = "stats PROJECT [--json]";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  SiglaCounts counts;
  int status;

  if (!parse_options (&argc, &argv, json_entries, 1, usage, &status))
    return status;

  project = open_project (argv[1], SIGLA_OPEN_READ_ONLY, &error);
  if (project == NULL || !sigla_project_get_counts (project, &counts, &error))
    return fail (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int (builder, "documents", counts.documents);
      add_int (builder, "entities", counts.entities);
      add_int (builder, "mentions", counts.mentions);
      add_int (builder, "claims", counts.claims);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    printf ("documents\t%" G_GINT64_FORMAT "\nentities\t%" G_GINT64_FORMAT "\n"
             "mentions\t%" G_GINT64_FORMAT "\nclaims\t%" G_GINT64_FORMAT "\n",
             counts.documents, counts.entities, counts.mentions, counts.claims);

  return EXIT_SUCCESS;
}

/* sigla-cli setting PROJECT KEY [VALUE]: prints the project's setting, or sets it (one action). */
int
cmd_setting (int    argc,
             char **argv)
{
  const char *usage = "setting PROJECT (tei-reading [edited|diplomatic] | history-steps [N] | history-megabytes [N])";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  int status;

  if (!parse_options (&argc, &argv, NULL, -2, usage, &status))
    return status;
  if (argc > 4)
    return usage_error (usage, NULL);

  project = open_project (argv[1], argc == 4 ? SIGLA_OPEN_DEFAULT : SIGLA_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);

  if (argc == 4)
    return sigla_settings_set (project, argv[2], argv[3], &error) ? EXIT_SUCCESS : fail (error);

  value = sigla_settings_get (project, argv[2], &error);
  if (value == NULL)
    return fail (error);
  printf ("%s\n", value);
  return EXIT_SUCCESS;
}
