/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli.c: the core on the command line, for batch work, scripts and tests. */

#define G_LOG_DOMAIN "sigla-cli"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>

#include "sigla-cli-util.h"
#include "sigla-cli-file.h"
#include "sigla-cli-search.h"
#include "sigla-cli-evidence.h"
#include "sigla-cli-split.h"
#include "sigla-cli-tag-all.h"

typedef int (*CommandFunc) (int    argc,
                            char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  run;
  const char  *usage;
} Command;

/* sigla-cli init PROJECT */
static int
cmd_init (int    argc,
          char **argv)
{
  const char *usage = "init PROJECT";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (&argc, &argv, NULL, 1, usage, &status))
    return status;

  project = sigla_project_create (argv[1], &error);
  if (project == NULL)
    return fail (error);

  return EXIT_SUCCESS;
}

typedef struct
{
  SiglaProject *project;
  GString      *imported;   /* printed once the import is committed, not before */
  JsonBuilder  *json;       /* the same, with --json */
  int           status;
} ImportRun;

static void
print_imported_cb (const char           *path,
                   guint                 index,
                   gint64                document_id,
                   const SiglaTeiReport *report,
                   const GError         *error,
                   gpointer              user_data)
{
  ImportRun *run = user_data;
  g_autoptr(SiglaDocument) document = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (error != NULL)
    {
      run->status = fail ((GError *) error);
      if (opt_json)
        {
          json_builder_begin_object (run->json);
          add_string (run->json, "file", path);
          add_string (run->json, "error", error->message);
          json_builder_end_object (run->json);
        }
      return;
    }

  /* Inside the import's transaction, so the document reads as it will be stored. */
  document = document_id != 0 ? sigla_document_get (run->project, document_id, NULL) : NULL;
  if (opt_json)
    {
      json_builder_begin_object (run->json);
      add_string (run->json, "file", path);
      add_int (run->json, "document", document_id);
      add_string (run->json, "title", document != NULL ? document->title : NULL);
      if (report != NULL)
        {
          json_builder_set_member_name (run->json, "report");
          json_builder_begin_object (run->json);
          sigla_tei_report_to_json (report, run->json);
          json_builder_end_object (run->json);
        }
      json_builder_end_object (run->json);
      return;
    }

  /* A file of registries alone makes no document: 0, and its name. */
  g_autofree char *title = line_field (document != NULL ? document->title : name);

  g_string_append_printf (run->imported, "%" G_GINT64_FORMAT "\t%s\n", document_id, title);
  if (report != NULL)
    {
      g_autofree char *lines = sigla_tei_report_to_text (report);

      g_string_append (run->imported, lines);
    }
}

/* sigla-cli import PROJECT FILE... : one action (one undo) for all the files;
 * a refused file is reported and costs the others nothing. */
static int
cmd_import (int    argc,
            char **argv)
{
  const char *usage = "import PROJECT [FILE|FOLDER]... [--files-from LIST|-] [--include PATTERN]... [--json]";
  g_autofree char *files_from = NULL;
  g_auto(GStrv) include = NULL;
  const GOptionEntry entries[] = {
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &files_from, NULL, NULL },
    { "include", 0, 0, G_OPTION_ARG_STRING_ARRAY, &include, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) imported = g_string_new ("");
  ImportRun run = { NULL, imported, NULL, EXIT_SUCCESS };
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  if (!parse_options (&argc, &argv, entries, -1, usage, &status))
    return status;
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (given, g_strdup (argv[i]));
  if (files_from != NULL && !read_path_list (files_from, given, &error))
    return fail (error);
  if (given->len == 0 && files_from != NULL)
    {
      g_set_error (&error, SIGLA_ERROR, SIGLA_ERROR_INVALID, "The list “%s” names no file: nothing was imported",
                   g_str_equal (files_from, "-") ? "standard input" : files_from);
      return fail (error);
    }
  if (given->len == 0)
    return usage_error (usage, "name the files or folders to import, or give their list with --files-from");
  g_ptr_array_add (given, NULL);

  /* Folders walked before the project is opened: a folder with nothing to import changes nothing. */
  files = sigla_import_gather ((const char * const *) given->pdata, (const char * const *) include, &error);
  if (files == NULL)
    return fail (error);

  project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (error);

  run.project = project;
  run.json = builder;
  json_builder_begin_array (builder);
  if (sigla_import_files (project, (const char * const *) files->pdata, print_imported_cb, &run, NULL, &error) == 0 &&
      error != NULL)
    return fail (error);
  json_builder_end_array (builder);

  if (opt_json)
    print_json (builder);
  else
    printf ("%s", imported->str);

  return run.status;
}

/* sigla-cli list PROJECT [--json] */
static int
cmd_list (int    argc,
          char **argv)
{
  const char *usage = "list PROJECT [--json]";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (&argc, &argv, json_entries, 1, usage, &status))
    return status;

  project = open_project (argv[1], SIGLA_OPEN_READ_ONLY, &error);
  if (project == NULL || (documents = sigla_document_list (project, &error)) == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];

      if (!opt_json)
        {
          g_autofree char *date = line_field (document->date);
          g_autofree char *title = line_field (document->title);

          printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", document->id, date, title);
          continue;
        }

      json_builder_begin_object (builder);
      add_int (builder, "id", document->id);
      add_string (builder, "title", document->title);
      add_string (builder, "date", document->date);
      add_string (builder, "source_name", document->source_name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (opt_json)
    print_json (builder);
  return EXIT_SUCCESS;
}

static void
build_document_json (JsonBuilder   *builder,
                     SiglaDocument *document,
                     GArray        *blocks)
{
  json_builder_begin_object (builder);
  add_int (builder, "id", document->id);
  add_string (builder, "uuid", document->uuid);
  add_string (builder, "title", document->title);
  add_string (builder, "date", document->date);
  add_string (builder, "date_text", document->date_text);
  add_string (builder, "citation", document->citation);
  add_string (builder, "archive", document->archive);
  add_string (builder, "url", document->url);
  add_string (builder, "language", document->language);
  add_string (builder, "original_language", document->original_language);
  add_string (builder, "author", document->author);
  add_string (builder, "sender", document->sender);
  add_string (builder, "addressee", document->addressee);
  add_string (builder, "summary", document->summary);
  add_string (builder, "source_name", document->source_name);
  add_string (builder, "source_sha256", document->source_sha256);
  add_int (builder, "source_size", document->source_size);
  add_string (builder, "imported", document->imported);
  add_int (builder, "length", document->length);
  add_string (builder, "text", document->text);

  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < blocks->len; i++)
    {
      const SiglaBlock *block = &g_array_index (blocks, SiglaBlock, i);

      json_builder_begin_object (builder);
      add_int (builder, "start", block->start);
      add_int (builder, "end", block->end);
      add_string (builder, "kind", sigla_block_kind_to_string (block->kind));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* sigla-cli show PROJECT DOC [--json] */
static int
cmd_show (int    argc,
          char **argv)
{
  const char *usage = "show PROJECT DOC [--json]";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!parse_options (&argc, &argv, json_entries, 2, usage, &status))
    return status;
  if (!parse_id (argv[2], &id))
    return usage_error (usage, "DOC is a document id, as “list” prints it");

  project = open_project (argv[1], SIGLA_OPEN_READ_ONLY, &error);
  if (project == NULL ||
      (document = sigla_document_get (project, id, &error)) == NULL ||
      (blocks = sigla_document_get_blocks (project, id, &error)) == NULL)
    return fail (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_document_json (builder, document, blocks);
      print_json (builder);
    }
  else
    printf ("%s\n", document->text);

  return EXIT_SUCCESS;
}

/* "Filippov:pseudonym" → name and type; a name may itself hold colons. */
static void
add_alias_argument (SiglaEntity *entity,
                    const char  *argument)
{
  const char *colon = strrchr (argument, ':');
  gboolean typed = colon != NULL && colon != argument && colon[1] != '\0';

  for (const char *p = colon != NULL ? colon + 1 : ""; typed && *p != '\0'; p++)
    typed = g_ascii_islower (*p);

  if (typed)
    {
      g_autofree char *name = g_strndup (argument, colon - argument);

      sigla_entity_add_alias (entity, name, colon + 1);
    }
  else
    sigla_entity_add_alias (entity, argument, NULL);
}

static gboolean
parse_geo (const char  *text,
           double      *lat,
           double      *lon)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), ",;", ' ');
  char *end = NULL;

  errno = 0;
  *lat = g_ascii_strtod (copy, &end);
  if (end == copy || errno != 0)
    return FALSE;

  text = end;
  *lon = g_ascii_strtod (text, &end);
  if (end == text || errno != 0)
    return FALSE;

  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0';
}

/* sigla-cli entity add PROJECT --kind K --name NAME [--alias NAME[:TYPE]]... … */
static int
cmd_entity_add (int    argc,
                char **argv)
{
  const char *usage = "entity add PROJECT --kind person|place|org --name NAME "
                      "[--alias NAME[:TYPE]]... [--authority URI]... [--geo \"LAT LON\"] [--note TEXT]";
  g_autofree char *kind_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *geo = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) aliases = NULL;
  g_auto(GStrv) authorities = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "alias", 0, 0, G_OPTION_ARG_STRING_ARRAY, &aliases, NULL, NULL },
    { "authority", 0, 0, G_OPTION_ARG_STRING_ARRAY, &authorities, NULL, NULL },
    { "geo", 0, 0, G_OPTION_ARG_STRING, &geo, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  SiglaKind kind;
  int status;

  if (!parse_options (&argc, &argv, entries, 1, usage, &status))
    return status;

  if (!sigla_kind_from_string (kind_name, &kind) || kind == SIGLA_KIND_DATE)
    return usage_error (usage, "--kind is person, place or org");
  if (name == NULL)
    return usage_error (usage, "--name is required");

  entity = sigla_entity_new (kind, name);
  entity->note = g_steal_pointer (&note);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    add_alias_argument (entity, aliases[i]);
  for (guint i = 0; authorities != NULL && authorities[i] != NULL; i++)
    g_ptr_array_add (entity->authorities, g_strdup (authorities[i]));
  if (geo != NULL)
    {
      if (!parse_geo (geo, &entity->lat, &entity->lon))
        return usage_error (usage, "--geo takes a latitude and a longitude: --geo \"37.97 126.55\"");
      entity->has_geo = TRUE;
    }

  project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL || !sigla_entity_insert (project, entity, &error))
    return fail (error);

  printf ("%" G_GINT64_FORMAT "\n", entity->id);
  return EXIT_SUCCESS;
}

static void
build_entity_json (JsonBuilder  *builder,
                   SiglaProject *project,
                   SiglaEntity  *entity)
{
  json_builder_begin_object (builder);
  add_int (builder, "id", entity->id);
  add_string (builder, "kind", sigla_kind_to_string (entity->kind));
  add_string (builder, "name", entity->label);

  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entity->aliases->len; i++)
    json_builder_add_string_value (builder, ((SiglaAlias *) entity->aliases->pdata[i])->name);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "alias_types");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entity->aliases->len; i++)
    json_builder_add_string_value (builder, ((SiglaAlias *) entity->aliases->pdata[i])->type);
  json_builder_end_array (builder);

  /* Each other name with who says it is one, and where. */
  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const SiglaAlias *alias = entity->aliases->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "name", alias->name);
      add_string (builder, "type", alias->type);
      add_string (builder, "note", alias->note);
      add_evidence (builder, project, &alias->evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "authorities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entity->authorities->len; i++)
    json_builder_add_string_value (builder, entity->authorities->pdata[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "geo");
  if (entity->has_geo)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, entity->lat);
      json_builder_add_double_value (builder, entity->lon);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_string (builder, "note", entity->note);
  json_builder_end_object (builder);
}

/* sigla-cli entity list PROJECT [--json] */
static int
cmd_entity_list (int    argc,
                 char **argv)
{
  const char *usage = "entity list PROJECT [--json]";
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (&argc, &argv, json_entries, 1, usage, &status))
    return status;

  project = open_project (argv[1], SIGLA_OPEN_READ_ONLY, &error);
  if (project == NULL || (entities = sigla_entity_list (project, &error)) == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      if (opt_json)
        {
          build_entity_json (builder, project, entity);
          continue;
        }

      g_autofree char *label = line_field (entity->label);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s", entity->id, sigla_kind_to_string (entity->kind), label);
      for (guint k = 0; k < entity->aliases->len; k++)
        {
          g_autofree char *alias = line_field (((SiglaAlias *) entity->aliases->pdata[k])->name);

          printf ("%s%s", k == 0 ? "\t" : ", ", alias);
        }
      printf ("\n");
    }
  json_builder_end_array (builder);

  if (opt_json)
    print_json (builder);
  return EXIT_SUCCESS;
}

/* "1951-07-12" is a day; "1951-07/1951-08" a range. */
static gboolean
set_mention_date (SiglaMention *mention,
                  const char   *value)
{
  g_auto(GStrv) parts = g_strsplit (value, "/", 2);

  if (parts[1] == NULL)
    {
      mention->when = g_strdup (value);
      return sigla_date_is_iso (value);
    }

  mention->not_before = *parts[0] != '\0' ? g_strdup (parts[0]) : NULL;
  mention->not_after = *parts[1] != '\0' ? g_strdup (parts[1]) : NULL;
  return (mention->not_before != NULL || mention->not_after != NULL) &&
         (mention->not_before == NULL || sigla_date_is_iso (mention->not_before)) &&
         (mention->not_after == NULL || sigla_date_is_iso (mention->not_after));
}

/* sigla-cli tag PROJECT DOC START END (--entity ID | --date ISO) */
static int
cmd_tag (int    argc,
         char **argv)
{
  const char *usage = "tag PROJECT DOC START END (--entity ID | --date ISO[/ISO]) [--note TEXT]";
  gint64 entity_id = 0;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_INT64, &entity_id, NULL, NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaMention) mention = sigla_mention_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (&argc, &argv, entries, 4, usage, &status))
    return status;

  if (!parse_span (argv, &mention->document_id, &mention->start, &mention->end))
    return usage_error (usage, "DOC is a document id; START and END are code-point offsets");
  if ((entity_id != 0) == (date != NULL))
    return usage_error (usage, "give either --entity or --date");

  project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (error);

  if (date != NULL)
    {
      mention->kind = SIGLA_KIND_DATE;
      if (!set_mention_date (mention, date))
        {
          g_set_error (&error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                       "“%s” is not an ISO 8601 date: use 1951-07-12, or a range 1951-07/1951-08",
                       date);
          return fail (error);
        }
    }
  else if (!sigla_entity_get_kind (project, entity_id, &mention->kind, &error))
    return fail (error);

  mention->entity_id = entity_id;
  mention->note = g_steal_pointer (&note);
  if (!sigla_mention_insert (project, mention, &error))
    return fail (error);

  printf ("%" G_GINT64_FORMAT "\n", mention->id);
  return EXIT_SUCCESS;
}

/* sigla-cli claim add PROJECT DOC START END --speaker ID … */
static int
cmd_claim_add (int    argc,
               char **argv)
{
  const char *usage = "claim add PROJECT DOC START END --speaker ID [--reporter ID] [--about ID]... "
                      "[--stance STANCE] [--certainty high|medium|low] [--paraphrase TEXT] [--note TEXT]";
  gint64 speaker = 0, reporter = 0;
  g_auto(GStrv) about = NULL;
  g_autofree char *stance = NULL;
  g_autofree char *certainty = NULL;
  g_autofree char *paraphrase = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "speaker", 0, 0, G_OPTION_ARG_INT64, &speaker, NULL, NULL },
    { "reporter", 0, 0, G_OPTION_ARG_INT64, &reporter, NULL, NULL },
    { "about", 0, 0, G_OPTION_ARG_STRING_ARRAY, &about, NULL, NULL },
    { "stance", 0, 0, G_OPTION_ARG_STRING, &stance, NULL, NULL },
    { "certainty", 0, 0, G_OPTION_ARG_STRING, &certainty, NULL, NULL },
    { "paraphrase", 0, 0, G_OPTION_ARG_STRING, &paraphrase, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(SiglaClaim) claim = sigla_claim_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_options (&argc, &argv, entries, 4, usage, &status))
    return status;

  if (!parse_span (argv, &claim->document_id, &claim->start, &claim->end))
    return usage_error (usage, "DOC is a document id; START and END are code-point offsets");
  if (speaker == 0)
    return usage_error (usage, "--speaker is required");

  for (guint i = 0; about != NULL && about[i] != NULL; i++)
    {
      gint64 id;

      if (!parse_id (about[i], &id))
        return usage_error (usage, "--about takes an entity id");
      g_array_append_val (claim->about, id);
    }

  claim->speaker_id = speaker;
  claim->reporter_id = reporter;
  claim->stance = g_steal_pointer (&stance);
  claim->certainty = g_steal_pointer (&certainty);
  claim->paraphrase = g_steal_pointer (&paraphrase);
  claim->note = g_steal_pointer (&note);

  project = open_project (argv[1], SIGLA_OPEN_DEFAULT, &error);
  if (project == NULL || !sigla_claim_insert (project, claim, &error))
    return fail (error);

  printf ("%" G_GINT64_FORMAT "\n", claim->id);
  return EXIT_SUCCESS;
}

/* sigla-cli export PROJECT --format tei|csv|geojson|webanno [--doc ID] -o PATH [--annotator NAME]
 * TEI: -o FOLDER, one file a document; -o FILE, the project as a teiCorpus; with --doc, that
 * document. CSV: -o FOLDER (entities, mentions, claims). GeoJSON, webanno: -o FILE. */
static int
cmd_export (int    argc,
            char **argv)
{
  const char *usage = "export PROJECT --format tei|csv|geojson|webanno [--doc ID] -o PATH [--annotator NAME]";
  static const char * const formats[] = { "tei", "csv", "geojson", "webanno", NULL };
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *annotator = NULL;
  gint64 document_id = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "doc", 0, 0, G_OPTION_ARG_INT64, &document_id, NULL, NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, NULL, NULL },
    { NULL }
  };
  g_autoptr(SiglaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  SiglaTeiOptions options = { NULL };
  int status;

  if (!parse_options (&argc, &argv, entries, 1, usage, &status))
    return status;
  if (!g_strv_contains (formats, format != NULL ? format : ""))
    return usage_error (usage, "--format is tei, csv, geojson or webanno");
  if (output == NULL)
    return usage_error (usage, "-o PATH is required");
  if (document_id != 0 && !g_str_equal (format, "tei"))
    return usage_error (usage, "--doc goes with --format tei");

  project = open_project (argv[1], SIGLA_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return fail (error);

  options.annotator = annotator != NULL ? annotator : g_get_real_name ();

  if (g_str_equal (format, "csv"))
    {
      if (!sigla_export_csv (project, output, &error))
        return fail (error);
    }
  else if (g_str_equal (format, "geojson"))
    {
      if (!sigla_export_geojson (project, output, &error))
        return fail (error);
    }
  else if (g_str_equal (format, "webanno"))
    {
      if (!sigla_export_webanno (project, options.annotator, output, &error))
        return fail (error);
    }
  else if (document_id != 0)
    {
      if (!sigla_tei_export_document (project, document_id, &options, output, &error))
        return fail (error);
    }
  else if (g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GPtrArray) paths = sigla_tei_export_directory (project, &options, output, &error);

      if (paths == NULL)
        return fail (error);
      for (guint i = 0; i < paths->len; i++)
        printf ("%s\n", (const char *) paths->pdata[i]);
    }
  else if (!sigla_tei_export_corpus (project, &options, output, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "init", cmd_init, "init PROJECT" },
  { "import", cmd_import, "import PROJECT [FILE|FOLDER]... [--files-from LIST|-] [--include PATTERN]... [--json]" },
  { "list", cmd_list, "list PROJECT [--json]" },
  { "show", cmd_show, "show PROJECT DOC [--json]" },
  { "search", cmd_search, "search PROJECT QUERY [--limit N] [--offset N] [--count] [--json]" },
  { "entity add", cmd_entity_add, "entity add PROJECT --kind person|place|org --name NAME [--alias NAME[:TYPE]]... "
                                  "[--authority URI]... [--geo \"LAT LON\"] [--note TEXT]" },
  { "entity list", cmd_entity_list, "entity list PROJECT [--json]" },
  { "entity alias", cmd_entity_alias, ENTITY_ALIAS_USAGE },
  { "entity split", cmd_entity_split, "entity split PROJECT ID --name NAME [--mention ID]... [--words WORDS]... "
                                      "[--alias NAME]... [--json]" },
  { "tag", cmd_tag, "tag PROJECT DOC START END (--entity ID | --date ISO[/ISO]) [--note TEXT]" },
  { "tag-all", cmd_tag_all, "tag-all PROJECT --entity ID [--name NAME]... [--doc ID] [--all] [--dry-run] [--json]" },
  { "claim add", cmd_claim_add, "claim add PROJECT DOC START END --speaker ID [--reporter ID] [--about ID]... "
                                "[--stance STANCE] [--certainty high|medium|low] [--paraphrase TEXT] [--note TEXT]" },
  { "relation add", cmd_relation_add, RELATION_ADD_USAGE },
  { "relation list", cmd_relation_list, RELATION_LIST_USAGE },
  { "relation delete", cmd_relation_delete, RELATION_DELETE_USAGE },
  { "undo", cmd_undo, "undo PROJECT" },
  { "redo", cmd_redo, "redo PROJECT" },
  { "stats", cmd_stats, "stats PROJECT [--json]" },
  { "setting", cmd_setting, "setting PROJECT (tei-reading [edited|diplomatic] | history-steps [N] | "
                            "history-megabytes [N])" },
  { "compact", cmd_compact, "compact PROJECT [--json]" },
  { "recover", cmd_recover, "recover FILE NEW_PROJECT [--json]" },
  { "export", cmd_export, "export PROJECT --format tei|csv|geojson|webanno [--doc ID] -o PATH [--annotator NAME]" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  sigla-cli %s\n", commands[i].usage);
  fprintf (out, "\nSTART and END are code-point offsets into a document's reading text "
                "(“show” prints it).\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *space = strchr (commands[i].name, ' ');

      if (space == NULL && g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);

      /* Two-word commands ("entity add") run with the second word as their name. */
      if (space != NULL && argc >= 3 &&
          strncmp (argv[1], commands[i].name, space - commands[i].name) == 0 &&
          argv[1][space - commands[i].name] == '\0' && g_str_equal (argv[2], space + 1))
        return commands[i].run (argc - 2, argv + 2);
    }

  fprintf (stderr, "sigla-cli: unknown command “%s”\n", argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
