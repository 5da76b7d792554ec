/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-util.c: what every command of sigla-cli shares: options, errors, JSON. */

#define G_LOG_DOMAIN "sigla-cli"

#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <string.h>

#include "sigla-cli-util.h"

gboolean opt_json;

const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON", NULL },
  { NULL }
};

/* Output is always UTF-8, as JSON and scripts expect, whatever the locale:
 * so printf, not g_print, which would convert it to the locale's charset. */
int
fail (GError *error)
{
  fprintf (stderr, "sigla-cli: %s\n", error->message);
  return EXIT_FAILURE;
}

int
usage_error (const char *usage,
             const char *message)
{
  if (message != NULL)
    fprintf (stderr, "sigla-cli: %s\n", message);
  fprintf (stderr, "Usage: sigla-cli %s\n", usage);
  return EXIT_USAGE;
}

/* Parses options, leaving the positional arguments in @argv; they must number @n_args. */
gboolean
parse_options (int                *argc,
               char             ***argv,
               const GOptionEntry *entries,
               int                 n_args,
               const char         *usage,
               int                *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (usage, error->message);
      return FALSE;
    }

  if (n_args >= 0 ? *argc - 1 != n_args : *argc - 1 < -n_args)
    {
      *status = usage_error (usage, NULL);
      return FALSE;
    }

  return TRUE;
}

/* A decimal number from @minimum up: ids start at 1, offsets at 0. */
gboolean
parse_number (const char *text,
              guint64     minimum,
              gint64     *number)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, minimum, G_MAXINT64, &value, NULL))
    return FALSE;

  *number = value;
  return TRUE;
}

gboolean
parse_id (const char *text,
          gint64     *id)
{
  return parse_number (text, 1, id);
}

gboolean
parse_offset (const char *text,
              gint64     *offset)
{
  return parse_number (text, 0, offset);
}

/* "PROJECT DOC START END": the annotation's document and code points. */
gboolean
parse_span (char   **argv,
            gint64  *document,
            gint64  *start,
            gint64  *end)
{
  return parse_id (argv[2], document) && parse_offset (argv[3], start) && parse_offset (argv[4], end);
}

SiglaProject *
open_project (const char      *path,
              SiglaOpenFlags   flags,
              GError         **error)
{
  return sigla_project_open (path, flags, error);
}

void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}


/* A value as one field of a line of output: a tab, a line break or a
 * backslash in it is written \t, \n (\r) or \\, so that a record stays one
 * line with its fields apart, whatever the data holds. --json gives values
 * as they are. */
char *
line_field (const char *value)
{
  GString *field = g_string_sized_new (value != NULL ? strlen (value) : 0);

  for (const char *p = value; p != NULL && *p != '\0'; p++)
    switch (*p)
      {
      case '\t':
        g_string_append (field, "\\t");
        break;
      case '\n':
        g_string_append (field, "\\n");
        break;
      case '\r':
        g_string_append (field, "\\r");
        break;
      case '\\':
        g_string_append (field, "\\\\");
        break;
      default:
        g_string_append_c (field, *p);
      }
  return g_string_free (field, FALSE);
}

/* The paths in @list ("-" for standard input), one a line; empty lines are
 * none. Every byte of a line is the path's, spaces and tabs included. */
gboolean
read_path_list (const char  *list,
                GPtrArray   *paths,
                GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (g_str_equal (list, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      /* Read whole, then ended with a NUL before the stream is closed. */
      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, error) < 0 ||
          !g_output_stream_write_all (out, "", 1, NULL, NULL, error) ||
          !g_output_stream_close (out, NULL, error))
        return FALSE;
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  else if (!g_file_get_contents (list, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      if (n > 0 && lines[i][n - 1] == '\r')
        lines[i][n - 1] = '\0';
      if (lines[i][0] != '\0')
        g_ptr_array_add (paths, g_strdup (lines[i]));
    }
  return TRUE;
}
