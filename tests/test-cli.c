/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: runs the sigla-cli binary as a user or a script would, and checks what it prints. */

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>

#include "sigla-test-util.h"

#define EXIT_USAGE 2

/* The seeds in import order, with the dates their pages give. */
static const struct
{
  const char *prefix;
  const char *date;
} seeds[] = {
  { "000", "1951-07-12" },
  { "001", "1951-08-13" },
  { "002", "1951-11-14" },
  { "003", "1951-06-14" },
  { "004", "1951-06-30" },
};

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* Like g_assert_cmpstr(), so that a failure shows both strings. */
#define assert_contains(haystack, needle)                                              \
  G_STMT_START                                                                         \
  {                                                                                    \
    const char *haystack_ = (haystack);                                                \
    const char *needle_ = (needle);                                                    \
    if (strstr (haystack_, needle_) == NULL)                                           \
      g_assertion_message_cmpstr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,         \
                                  #haystack " contains " #needle,                      \
                                  haystack_, "does not contain", needle_);             \
  }                                                                                    \
  G_STMT_END

/* Runs sigla-cli with @args (%NULL-terminated, without the program's name).
 * @locale, unless %NULL, replaces the caller's LC_ALL. */
static CliRun *
run_cli_argv (const char         *locale,
              const char * const *args)
{
  const char *cli = g_getenv ("SIGLA_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  CliRun *run = g_new0 (CliRun, 1);

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  command = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("%s%s%s", locale != NULL ? "LC_ALL=" : "", locale != NULL ? locale : "", command);

  /* An empty stdin: a test must never wait on the terminal. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (locale != NULL)
    g_subprocess_launcher_setenv (launcher, "LC_ALL", locale, TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  /* A crash, or a sanitizer's abort, is never an answer. */
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  return run;
}

static CliRun *
run_cli_va (const char *first,
            va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  return run_cli_argv (NULL, (const char * const *) argv->pdata);
}

static CliRun   *run_cli      (const char *first,
                               ...) G_GNUC_NULL_TERMINATED;
static char     *run_cli_ok   (const char *first,
                               ...) G_GNUC_NULL_TERMINATED;
static char     *run_cli_id   (const char *first,
                               ...) G_GNUC_NULL_TERMINATED;
static JsonNode *run_cli_json (const char *first,
                               ...) G_GNUC_NULL_TERMINATED;

static CliRun *
run_cli (const char *first,
         ...)
{
  CliRun *run;
  va_list args;

  va_start (args, first);
  run = run_cli_va (first, args);
  va_end (args);
  return run;
}

/* Runs a command that must succeed quietly, and returns what it printed. */
static char *
run_cli_ok_va (const char *first,
               va_list     args)
{
  g_autoptr(CliRun) run = run_cli_va (first, args);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, EXIT_SUCCESS);
  return g_steal_pointer (&run->out);
}

static char *
run_cli_ok (const char *first,
            ...)
{
  char *out;
  va_list args;

  va_start (args, first);
  out = run_cli_ok_va (first, args);
  va_end (args);
  return out;
}

/* For the commands that print only the id of what they made: returns it as text. */
static char *
run_cli_id (const char *first,
            ...)
{
  g_autofree char *out = NULL;
  guint64 id = 0;
  va_list args;

  va_start (args, first);
  out = run_cli_ok_va (first, args);
  va_end (args);

  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  g_assert_true (g_ascii_string_to_unsigned (out, 10, 1, G_MAXINT64, &id, NULL));
  return g_steal_pointer (&out);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_steal_root (parser);
  g_assert_nonnull (root);
  return root;
}

static JsonNode *
run_cli_json (const char *first,
              ...)
{
  g_autofree char *out = NULL;
  va_list args;

  va_start (args, first);
  out = run_cli_ok_va (first, args);
  va_end (args);
  return parse_json (out);
}

/* Exits with @status, saying why on stderr with @needle in the message. */
static void
assert_refused (const CliRun *run,
                int           status,
                const char   *needle)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, status);
  assert_contains (run->err, needle);
}

/* The JSON accessors check the type first: a wrong one is a failed test, not a critical. */
static JsonArray *
node_array (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static JsonObject *
node_object (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_test_message ("no member “%s”", name);
  g_assert_nonnull (node);
  return node;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = get_member (object, name);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

/* A member that is an array of strings, as a strv for g_assert_cmpstrv(). */
static GStrv
get_strings (JsonObject *object,
             const char *name)
{
  JsonArray *array = node_array (get_member (object, name));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      g_assert_true (json_node_get_value_type (element) == G_TYPE_STRING);
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  gint64 wanted = g_ascii_strtoll (id, NULL, 10);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = node_object (json_array_get_element (array, i));

      if (get_int (object, "id") == wanted)
        return object;
    }

  g_test_message ("no object with id %s", id);
  g_assert_not_reached ();
}

/* "init" a project in @dir; returns its path. */
static char *
new_project (const char *dir)
{
  char *path = g_build_filename (dir, "korea.sigla", NULL);
  g_autofree char *out = run_cli_ok ("init", path, NULL);

  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* A project holding the five seeds; @import_out (optional) receives what "import" printed. */
static char *
new_seeded_project (const char  *dir,
                    char       **import_out)
{
  char *path = new_project (dir);
  char *paths[G_N_ELEMENTS (seeds)];
  char *out;

  for (gsize i = 0; i < G_N_ELEMENTS (seeds); i++)
    paths[i] = sigla_test_seed_path (seeds[i].prefix);

  out = run_cli_ok ("import", path, paths[0], paths[1], paths[2], paths[3], paths[4], NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (seeds); i++)
    g_free (paths[i]);

  if (import_out != NULL)
    *import_out = out;
  else
    g_free (out);
  return path;
}

/* One of the numbers "stats --json" gives: "documents", "entities", "mentions" or "claims". */
static gint64
count (const char *project,
       const char *what)
{
  g_autoptr(JsonNode) stats = run_cli_json ("stats", project, "--json", NULL);

  return get_int (node_object (stats), what);
}

/* The id of the document imported from the seed starting with @prefix, as text. */
static char *
find_seed_document (const char *project,
                    const char *prefix)
{
  g_autoptr(JsonNode) list = run_cli_json ("list", project, "--json", NULL);
  JsonArray *documents = node_array (list);
  g_autofree char *start = g_strconcat (prefix, "_", NULL);

  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *document = node_object (json_array_get_element (documents, i));

      if (g_str_has_prefix (get_string (document, "source_name"), start))
        return g_strdup_printf ("%" G_GINT64_FORMAT, get_int (document, "id"));
    }

  g_test_message ("no document from seed %s", prefix);
  g_assert_not_reached ();
}

static JsonNode *
show_json (const char *project,
           const char *document)
{
  return run_cli_json ("show", project, document, "--json", NULL);
}

/* The reading text of @document and, through @length, its length in code points. */
static char *
document_text (const char *project,
               const char *document,
               gint64     *length)
{
  g_autoptr(JsonNode) shown = show_json (project, document);
  JsonObject *object = node_object (shown);

  if (length != NULL)
    *length = get_int (object, "length");
  return g_strdup (get_string (object, "text"));
}

/* Where @needle first stands in @text, in code points: the unit the CLI counts in. */
static gint64
find_offset (const char *text,
             const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

/* An offset or an id as a command-line argument. */
static char *
int_arg (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* How often @words stand as whole words in @text, regardless of case: what a search
 * for them must find, worked out without the search. */
static guint
count_words (const char *text,
             const char *words)
{
  g_autofree char *haystack = g_utf8_casefold (text, -1);
  g_autofree char *needle = g_utf8_casefold (words, -1);
  gsize needle_length = strlen (needle);
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    {
      const char *after = p + needle_length;
      gboolean starts = p == haystack || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)));
      gboolean ends = *after == '\0' || !g_unichar_isalnum (g_utf8_get_char (after));

      if (starts && ends)
        n++;
    }

  return n;
}

static guint
count_words_in_project (const char *project,
                        const char *words)
{
  g_autoptr(JsonNode) list = run_cli_json ("list", project, "--json", NULL);
  JsonArray *documents = node_array (list);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *listed = node_object (json_array_get_element (documents, i));
      g_autofree char *id = int_arg (get_int (listed, "id"));
      g_autoptr(JsonNode) shown = show_json (project, id);

      n += count_words (get_string (node_object (shown), "text"), words);
      n += count_words (get_string (node_object (shown), "title"), words);
    }

  return n;
}

/* Runs "search --json" and returns its hits. */
static JsonNode *
search_json (const char *project,
             const char *query)
{
  JsonNode *hits = run_cli_json ("search", project, query, "--json", NULL);

  node_array (hits);
  return hits;
}

/* Checks that each hit's [start, end) in its document's text (or title) reads
 * @expected regardless of case (or begins so, for a @prefix), and that its
 * snippet shows it. */
static void
check_hits (const char *project,
            JsonArray  *hits,
            const char *expected,
            gboolean    prefix)
{
  g_autoptr(GHashTable) documents =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  g_autofree char *wanted = g_utf8_casefold (expected, -1);

  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = node_object (json_array_get_element (hits, i));
      g_autofree char *id = int_arg (get_int (hit, "document"));
      const char *field = get_string (hit, "field");
      gint64 start = get_int (hit, "start");
      gint64 end = get_int (hit, "end");
      g_autofree char *snippet = g_utf8_casefold (get_string (hit, "snippet"), -1);
      g_autofree char *slice = NULL;
      g_autofree char *folded = NULL;
      JsonNode *document = g_hash_table_lookup (documents, id);
      const char *source;

      if (document == NULL)
        {
          document = show_json (project, id);
          g_hash_table_insert (documents, g_strdup (id), document);
        }

      g_assert_true (g_strcmp0 (field, "text") == 0 || g_strcmp0 (field, "title") == 0);
      source = get_string (node_object (document), field);
      g_assert_nonnull (source);
      g_assert_cmpint (start, >=, 0);
      g_assert_cmpint (start, <, end);
      g_assert_cmpint (end, <=, g_utf8_strlen (source, -1));

      slice = g_utf8_substring (source, start, end);
      folded = g_utf8_casefold (slice, -1);
      if (prefix)
        g_assert_true (g_str_has_prefix (folded, wanted));
      else
        g_assert_cmpstr (folded, ==, wanted);
      assert_contains (snippet, folded);
    }
}

static void
test_init (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *path = new_project (dir);
  g_autofree char *before = sigla_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) no_path = NULL;
  g_autoptr(JsonNode) stats = NULL;

  again = run_cli ("init", path, NULL);
  assert_refused (again, EXIT_FAILURE, path);
  g_assert_cmpstr (again->out, ==, "");
  after = sigla_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);

  no_path = run_cli ("init", NULL);
  assert_refused (no_path, EXIT_USAGE, "init PROJECT");

  stats = run_cli_json ("stats", path, "--json", NULL);
  for (const char * const *what = (const char *[]) { "documents", "entities", "mentions", "claims", NULL };
       *what != NULL; what++)
    g_assert_cmpint (get_int (node_object (stats), *what), ==, 0);

  sigla_test_remove_dir (dir);
}

static void
test_import_list (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *imported = NULL;
  g_autofree char *project = new_seeded_project (dir, &imported);
  g_auto(GStrv) lines = g_strsplit (imported, "\n", -1);
  g_autoptr(JsonNode) list = run_cli_json ("list", project, "--json", NULL);
  JsonArray *documents = node_array (list);
  g_autofree char *plain = run_cli_ok ("list", project, NULL);
  g_auto(GStrv) plain_lines = g_strsplit (plain, "\n", -1);

  /* Five lines, each "ID<TAB>TITLE", and nothing after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (seeds) + 1);
  g_assert_cmpstr (lines[G_N_ELEMENTS (seeds)], ==, "");
  g_assert_cmpuint (json_array_get_length (documents), ==, G_N_ELEMENTS (seeds));

  for (gsize i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autofree char *seed = sigla_test_seed_path (seeds[i].prefix);
      g_autofree char *seed_name = g_path_get_basename (seed);
      JsonObject *document;

      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      g_assert_true (g_ascii_string_to_unsigned (fields[0], 10, 1, G_MAXINT64, NULL, NULL));
      g_assert_cmpstr (fields[1], !=, "");

      document = find_by_id (documents, fields[0]);
      g_assert_cmpstr (get_string (document, "title"), ==, fields[1]);
      g_assert_cmpstr (get_string (document, "source_name"), ==, seed_name);
      g_assert_cmpstr (get_string (document, "date"), ==, seeds[i].date);
    }

  /* The plain list: "ID<TAB>DATE<TAB>TITLE", one document a line. */
  g_assert_cmpuint (g_strv_length (plain_lines), ==, G_N_ELEMENTS (seeds) + 1);
  for (gsize i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_auto(GStrv) fields = g_strsplit (plain_lines[i], "\t", 3);
      JsonObject *document;

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      document = find_by_id (documents, fields[0]);
      g_assert_cmpstr (fields[1], ==, get_string (document, "date"));
      g_assert_cmpstr (fields[2], ==, get_string (document, "title"));
    }

  sigla_test_remove_dir (dir);
}

static void
test_show (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);
  g_autofree char *id = find_seed_document (project, "000");
  g_autoptr(JsonNode) shown = show_json (project, id);
  JsonObject *document = node_object (shown);
  const char *text = get_string (document, "text");
  gint64 length = get_int (document, "length");
  JsonArray *blocks = node_array (get_member (document, "blocks"));
  g_autofree char *plain = NULL;
  g_autofree char *expected_plain = NULL;
  g_autoptr(CliRun) missing = NULL;
  g_autoptr(CliRun) not_an_id = NULL;
  gint64 previous_end = 0;

  g_assert_cmpint (get_int (document, "id"), ==, g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpstr (get_string (document, "original_language"), ==, "ru");
  g_assert_true (g_str_has_suffix (get_string (document, "url"), "/document/117415"));
  g_assert_true (g_str_has_prefix (get_string (document, "source_name"), "000_"));
  g_assert_nonnull (text);
  g_assert_cmpint (length, >, 0);
  g_assert_cmpint (length, ==, g_utf8_strlen (text, -1));

  /* Blocks lie inside the text, in order, without overlapping. */
  g_assert_cmpuint (json_array_get_length (blocks), >, 0);
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *block = node_object (json_array_get_element (blocks, i));
      gint64 start = get_int (block, "start");
      gint64 end = get_int (block, "end");
      const char *kind = get_string (block, "kind");

      g_assert_cmpint (start, >=, previous_end);
      g_assert_cmpint (start, <, end);
      g_assert_cmpint (end, <=, length);
      g_assert_true (g_strcmp0 (kind, "head") == 0 || g_strcmp0 (kind, "p") == 0 ||
                     g_strcmp0 (kind, "item") == 0);
      previous_end = end;
    }

  plain = run_cli_ok ("show", project, id, NULL);
  expected_plain = g_strconcat (text, "\n", NULL);
  g_assert_cmpstr (plain, ==, expected_plain);

  missing = run_cli ("show", project, "999", NULL);
  assert_refused (missing, EXIT_FAILURE, "999");
  g_assert_cmpstr (missing->out, ==, "");

  not_an_id = run_cli ("show", project, "first", NULL);
  assert_refused (not_an_id, EXIT_USAGE, "show PROJECT DOC");

  sigla_test_remove_dir (dir);
}

static void
test_search_word (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);
  guint expected = count_words_in_project (project, "Kaesong");
  g_autoptr(JsonNode) hits = search_json (project, "Kaesong");
  g_autoptr(JsonNode) upper = search_json (project, "KAESONG");
  g_autoptr(JsonNode) accented = search_json (project, "Kaes\u00f3ng");
  g_autofree char *plain = run_cli_ok ("search", project, "Kaesong", NULL);
  g_auto(GStrv) plain_lines = g_strsplit (plain, "\n", -1);

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (json_array_get_length (node_array (hits)), ==, expected);
  check_hits (project, node_array (hits), "Kaesong", FALSE);

  /* Neither case nor diacritics matter. */
  g_assert_cmpuint (json_array_get_length (node_array (upper)), ==, expected);
  g_assert_cmpuint (json_array_get_length (node_array (accented)), ==, expected);
  check_hits (project, node_array (accented), "Kaesong", FALSE);

  /* Without --json: one hit a line. */
  g_assert_cmpuint (g_strv_length (plain_lines), ==, expected + 1);

  sigla_test_remove_dir (dir);
}

static void
test_search_phrase_prefix (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);
  guint expected = count_words_in_project (project, "38th parallel");
  g_autoptr(JsonNode) phrase = search_json (project, "\"38th parallel\"");
  g_autoptr(JsonNode) prefix = search_json (project, "Kae*");

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (json_array_get_length (node_array (phrase)), ==, expected);
  check_hits (project, node_array (phrase), "38th parallel", FALSE);

  g_assert_cmpuint (json_array_get_length (node_array (prefix)), >=,
                    count_words_in_project (project, "Kaesong"));
  check_hits (project, node_array (prefix), "Kae", TRUE);

  sigla_test_remove_dir (dir);
}

static void
test_search_operators (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);
  g_autoptr(JsonNode) kaesong = search_json (project, "Kaesong");
  g_autoptr(JsonNode) either = search_json (project, "Kaesong OR Ridgway");
  g_autoptr(JsonNode) without = search_json (project, "Kaesong NOT Gaeseong");
  JsonArray *hits = node_array (without);
  guint n_kaesong = json_array_get_length (node_array (kaesong));

  g_assert_cmpuint (json_array_get_length (node_array (either)), >, n_kaesong);

  /* Seed 004 writes "Gaeseong [Kaesong]": NOT leaves its hit out and keeps the others. */
  g_assert_cmpuint (json_array_get_length (hits), >, 0);
  g_assert_cmpuint (json_array_get_length (hits), <, n_kaesong);
  check_hits (project, hits, "Kaesong", FALSE);
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = node_object (json_array_get_element (hits, i));
      g_autofree char *id = int_arg (get_int (hit, "document"));
      g_autofree char *text = document_text (project, id, NULL);

      g_assert_cmpuint (count_words (text, "Gaeseong"), ==, 0);
    }

  sigla_test_remove_dir (dir);
}

/* What a user may type must never reach the search engine as syntax. */
static void
check_queries_answer (const char         *project,
                      const char * const *queries,
                      gboolean            empty)
{
  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autoptr(JsonNode) hits = search_json (project, queries[i]);

      if (empty)
        g_assert_cmpuint (json_array_get_length (node_array (hits)), ==, 0);
    }
}

static void
test_search_hostile (void)
{
  static const char * const punctuation[] = {
    "?!.,;:", "\"", "\"\"", "*", "(((", "))", "-", "'", "^", "…", "OR", "OR OR", NULL,
  };
  static const char * const hostile[] = {
    "a\"b OR NOT (", "NEAR(Kaesong", "text:Kaesong", "title:Filippov", "Kaesong\"", "\"Kaesong",
    "{text title}: x", "Kaesong AND", "Kae**", "*Kae", "x OR", "Kaesong NOT", NULL,
  };
  static const char * const leading_not[] = { "NOT", "NOT Kaesong", "OR NOT Kaesong", NULL };
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);

  check_queries_answer (project, punctuation, TRUE);
  check_queries_answer (project, hostile, FALSE);

  /* A search lists where words are: "NOT Kaesong" alone is explained, not guessed at. */
  for (guint i = 0; leading_not[i] != NULL; i++)
    {
      g_autoptr(CliRun) run = run_cli ("search", project, leading_not[i], "--json", NULL);

      assert_refused (run, EXIT_FAILURE, "between two words");
    }

  sigla_test_remove_dir (dir);
}

/* Two operators in a row are what a user types; they are no more syntax than one. */
static void
test_search_adjacent_operators (void)
{
  static const char * const queries[] = {
    "Kaesong OR NOT Seoul", "Kaesong OR OR Seoul", "Kaesong NOT NOT Seoul", "Kaesong NOT OR Seoul",
    NULL,
  };
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);

  check_queries_answer (project, queries, FALSE);

  sigla_test_remove_dir (dir);
}

static void
test_entity_add (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *stalin = run_cli_id ("entity", "add", project, "--kind", "person",
                                        "--name", "Joseph Stalin", "--alias", "Filippov:pseudonym",
                                        "--authority", "http://www.wikidata.org/entity/Q855", NULL);
  g_autofree char *kaesong = run_cli_id ("entity", "add", project, "--kind", "place",
                                         "--name", "Kaesong", "--geo", "37.97 126.55", NULL);
  g_autofree char *army = run_cli_id ("entity", "add", project, "--kind", "org",
                                      "--name", "Korean People's Army", NULL);
  g_autoptr(JsonNode) list = run_cli_json ("entity", "list", project, "--json", NULL);
  JsonArray *entities = node_array (list);
  JsonObject *entity;
  JsonArray *geo;
  g_auto(GStrv) aliases = NULL;
  g_auto(GStrv) alias_types = NULL;
  g_auto(GStrv) authorities = NULL;
  g_auto(GStrv) no_aliases = NULL;

  g_assert_cmpstr (stalin, !=, kaesong);
  g_assert_cmpstr (kaesong, !=, army);
  g_assert_cmpuint (json_array_get_length (entities), ==, 3);

  entity = find_by_id (entities, stalin);
  g_assert_cmpstr (get_string (entity, "name"), ==, "Joseph Stalin");
  g_assert_cmpstr (get_string (entity, "kind"), ==, "person");
  aliases = get_strings (entity, "aliases");
  g_assert_cmpstrv (aliases, ((const char * const[]) { "Filippov", NULL }));
  alias_types = get_strings (entity, "alias_types");
  g_assert_cmpstrv (alias_types, ((const char * const[]) { "pseudonym", NULL }));
  authorities = get_strings (entity, "authorities");
  g_assert_cmpstrv (authorities, ((const char * const[]) { "http://www.wikidata.org/entity/Q855", NULL }));
  g_assert_true (JSON_NODE_HOLDS_NULL (get_member (entity, "geo")));

  entity = find_by_id (entities, kaesong);
  g_assert_cmpstr (get_string (entity, "name"), ==, "Kaesong");
  g_assert_cmpstr (get_string (entity, "kind"), ==, "place");
  no_aliases = get_strings (entity, "aliases");
  g_assert_cmpuint (g_strv_length (no_aliases), ==, 0);
  geo = node_array (get_member (entity, "geo"));
  g_assert_cmpuint (json_array_get_length (geo), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (geo, 0), ==, 37.97);
  g_assert_cmpfloat (json_array_get_double_element (geo, 1), ==, 126.55);

  entity = find_by_id (entities, army);
  g_assert_cmpstr (get_string (entity, "kind"), ==, "org");
  g_assert_cmpstr (get_string (entity, "name"), ==, "Korean People's Army");

  sigla_test_remove_dir (dir);
}

/* One column of one row, read straight from the project file, as bytes. */
static char *
query_text (const char *project,
            const char *sql,
            gint64      id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (project, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (statement, 1, id);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  text = g_strndup ((const char *) sqlite3_column_text (statement, 0), sqlite3_column_bytes (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return text;
}

/* What a name or a note may hold: SQL's and XML's special characters, C0
 * controls and DEL, right-to-left text with its marks, astral characters. */
static const char odd_text[] =
  "O'Brien \"Bob\" '); DROP TABLE entities; -- <b>&amp; & < > ]]> \x01\x1b\x7f "
  "שלום مرحبا \xe2\x80\x8f\xe2\x80\xae \xf0\x9f\x98\x80 \xf0\xa0\x80\x80 % %s \\ end";

/* Names and notes are stored as given, byte for byte, and printed so. A
 * note as long as one argument may be (Linux allows 128 KB), with line
 * breaks and tabs. */
static void
test_entity_odd_text (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *id = NULL;
  g_autofree char *stored_name = NULL;
  g_autofree char *stored_note = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *entity;

  while (note->len < 100 * 1024)
    {
      g_string_append (note, odd_text);
      g_string_append (note, "\n\t");
    }
  g_string_append (note, "last line");

  id = run_cli_id ("entity", "add", project, "--kind", "person", "--name", odd_text, "--note", note->str, NULL);
  stored_name = query_text (project, "SELECT label FROM entities WHERE id = ?", g_ascii_strtoll (id, NULL, 10));
  stored_note = query_text (project, "SELECT note FROM entities WHERE id = ?", g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpstr (stored_name, ==, odd_text);
  g_assert_true (g_strcmp0 (stored_note, note->str) == 0);

  list = run_cli_json ("entity", "list", project, "--json", NULL);
  entity = find_by_id (node_array (list), id);
  g_assert_cmpstr (get_string (entity, "name"), ==, odd_text);
  g_assert_true (g_strcmp0 (get_string (entity, "note"), note->str) == 0);
  g_assert_cmpint (count (project, "entities"), ==, 1);

  sigla_test_remove_dir (dir);
}

/* "entity add" with @option set to @value: refused with @status, leaving no entity. */
static void
check_entity_refused (const char *project,
                      const char *kind,
                      const char *option,
                      const char *value,
                      int         status,
                      const char *needle)
{
  g_autoptr(CliRun) run = run_cli ("entity", "add", project, "--kind", kind,
                                   "--name", "Panmunjom", option, value, NULL);

  assert_refused (run, status, needle);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpint (count (project, "entities"), ==, 0);
}

static void
test_entity_refused (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);
  g_autoptr(CliRun) no_name = NULL;
  g_autoptr(CliRun) no_kind = NULL;

  check_entity_refused (project, "place", "--geo", "37.97", EXIT_USAGE, "--geo");
  check_entity_refused (project, "place", "--geo", "north east", EXIT_USAGE, "--geo");
  check_entity_refused (project, "place", "--geo", "37.97 126.55 10", EXIT_USAGE, "--geo");
  check_entity_refused (project, "place", "--geo", "", EXIT_USAGE, "--geo");
  check_entity_refused (project, "place", "--geo", "91 126.55", EXIT_FAILURE, "91");
  check_entity_refused (project, "planet", "--note", "", EXIT_USAGE, "--kind");
  check_entity_refused (project, "date", "--note", "", EXIT_USAGE, "--kind");
  check_entity_refused (project, "place", "--name", "   ", EXIT_FAILURE, "name");

  no_name = run_cli ("entity", "add", project, "--kind", "person", NULL);
  assert_refused (no_name, EXIT_USAGE, "--name");
  no_kind = run_cli ("entity", "add", project, "--name", "Kim Il Sung", NULL);
  assert_refused (no_kind, EXIT_USAGE, "--kind");
  g_assert_cmpint (count (project, "entities"), ==, 0);

  sigla_test_remove_dir (dir);
}

/* A number that is not one is no latitude: the entity must not be added without its place. */
static void
test_entity_geo_not_a_number (void)
{
  static const char * const values[] = { "nan 126.55", "37.97 nan", "inf 126.55", NULL };
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autoptr(CliRun) run = run_cli ("entity", "add", project, "--kind", "place",
                                       "--name", "Panmunjom", "--geo", values[i], NULL);

      g_test_message ("stdout: %s stderr: %s", run->out, run->err);
      g_assert_cmpint (run->status, !=, EXIT_SUCCESS);
      g_assert_cmpint (count (project, "entities"), ==, 0);
    }

  sigla_test_remove_dir (dir);
}

/* A command that must be refused with @status and @needle in its message,
 * leaving the count of @what ("mentions", "claims" …) as it was. */
static void
check_refused (const char         *project,
               const char         *what,
               const char * const *args,
               int                 status,
               const char         *needle)
{
  gint64 before = count (project, what);
  g_autoptr(CliRun) run = run_cli_argv (NULL, args);

  assert_refused (run, status, needle);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpint (count (project, what), ==, before);
}

static void
test_tag (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);
  g_autofree char *document = find_seed_document (project, "004");
  g_autofree char *stalin = run_cli_id ("entity", "add", project, "--kind", "person",
                                        "--name", "Joseph Stalin", "--alias", "Filippov:pseudonym", NULL);
  g_autofree char *place = run_cli_id ("entity", "add", project, "--kind", "place",
                                       "--name", "Kaesong", NULL);
  gint64 length = 0;
  g_autofree char *text = document_text (project, document, &length);
  gint64 offset = find_offset (text, "FILIPPOV");
  g_autofree char *start = int_arg (offset);
  g_autofree char *end = int_arg (offset + strlen ("FILIPPOV"));
  g_autofree char *slice = g_utf8_substring (text, offset, offset + strlen ("FILIPPOV"));
  g_autofree char *beyond = int_arg (length + 1);
  g_autofree char *length_text = int_arg (length);
  gint64 date_offset = find_offset (text, "30 June 1951");
  g_autofree char *date_start = int_arg (date_offset);
  g_autofree char *date_end = int_arg (date_offset + strlen ("30 June 1951"));
  gint64 place_offset = find_offset (text, "Kaesong");
  g_autofree char *place_start = int_arg (place_offset);
  g_autofree char *place_end = int_arg (place_offset + strlen ("Kaesong"));
  g_autofree char *mention = NULL;
  g_autofree char *place_mention = NULL;
  g_autofree char *date_mention = NULL;
  g_autofree char *range_mention = NULL;
  g_autoptr(CliRun) too_far = NULL;

  g_assert_cmpstr (slice, ==, "FILIPPOV");
  mention = run_cli_id ("tag", project, document, start, end, "--entity", stalin, NULL);
  g_assert_cmpint (count (project, "mentions"), ==, 1);

  /* The span must fit the text, and the message says which offsets did not. */
  too_far = run_cli ("tag", project, document, start, beyond, "--entity", stalin, NULL);
  assert_refused (too_far, EXIT_FAILURE, beyond);
  assert_contains (too_far->err, start);
  assert_contains (too_far->err, length_text);
  g_assert_cmpint (count (project, "mentions"), ==, 1);
  check_refused (project, "mentions",
                 (const char *[]) { "tag", project, document, start, start, "--entity", stalin, NULL },
                 EXIT_FAILURE, start);
  check_refused (project, "mentions",
                 (const char *[]) { "tag", project, "999", start, end, "--entity", stalin, NULL },
                 EXIT_FAILURE, "999");
  check_refused (project, "mentions",
                 (const char *[]) { "tag", project, document, start, end, "--entity", "999", NULL },
                 EXIT_FAILURE, "999");

  /* A mention's kind is its entity's: there is no way to say otherwise. */
  check_refused (project, "mentions",
                 (const char *[]) { "tag", project, document, start, end, "--entity", stalin,
                                    "--kind", "place", NULL },
                 EXIT_USAGE, "kind");
  check_refused (project, "mentions",
                 (const char *[]) { "tag", project, document, start, end, "--entity", stalin,
                                    "--date", "1951-06-30", NULL },
                 EXIT_USAGE, "--entity");
  check_refused (project, "mentions", (const char *[]) { "tag", project, document, start, end, NULL },
                 EXIT_USAGE, "--entity");
  g_assert_cmpint (count (project, "mentions"), ==, 1);

  place_mention = run_cli_id ("tag", project, document, place_start, place_end, "--entity", place, NULL);
  g_assert_cmpint (count (project, "mentions"), ==, 2);

  date_mention = run_cli_id ("tag", project, document, date_start, date_end, "--date", "1951-06-30", NULL);
  g_assert_cmpint (count (project, "mentions"), ==, 3);
  check_refused (project, "mentions",
                 (const char *[]) { "tag", project, document, date_start, date_end,
                                    "--date", "30/06/1951", NULL },
                 EXIT_FAILURE, "ISO 8601");
  check_refused (project, "mentions",
                 (const char *[]) { "tag", project, document, date_start, date_end,
                                    "--date", "30 June 1951", NULL },
                 EXIT_FAILURE, "ISO 8601");
  range_mention = run_cli_id ("tag", project, document, date_start, date_end,
                              "--date", "1951-06/1951-07", NULL);
  g_assert_cmpint (count (project, "mentions"), ==, 4);

  g_assert_cmpstr (mention, !=, place_mention);
  g_assert_cmpstr (place_mention, !=, date_mention);
  g_assert_cmpstr (date_mention, !=, range_mention);

  sigla_test_remove_dir (dir);
}

static void
test_claim (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);
  g_autofree char *document = find_seed_document (project, "004");
  g_autofree char *stalin = run_cli_id ("entity", "add", project, "--kind", "person",
                                        "--name", "Joseph Stalin", NULL);
  g_autofree char *krasovsky = run_cli_id ("entity", "add", project, "--kind", "person",
                                           "--name", "Krasovsky", NULL);
  g_autofree char *kaesong = run_cli_id ("entity", "add", project, "--kind", "place",
                                         "--name", "Kaesong", NULL);
  g_autofree char *text = document_text (project, document, NULL);
  const char *sentence = "It is necessary to demand that the meeting take place at the 38th parallel";
  gint64 offset = find_offset (text, sentence);
  g_autofree char *start = int_arg (offset);
  g_autofree char *end = int_arg (offset + strlen (sentence));
  g_autofree char *claim = NULL;
  g_autoptr(CliRun) stance = NULL;

  claim = run_cli_id ("claim", "add", project, document, start, end, "--speaker", stalin,
                      "--reporter", krasovsky, "--about", kaesong, "--stance", "proposes",
                      "--certainty", "high", NULL);
  g_assert_cmpint (count (project, "claims"), ==, 1);

  /* A wrong stance is told the stances there are. */
  stance = run_cli ("claim", "add", project, document, start, end, "--speaker", stalin,
                    "--stance", "shouts", NULL);
  assert_refused (stance, EXIT_FAILURE, "shouts");
  for (const char * const *known = sigla_claim_get_stances (); *known != NULL; known++)
    assert_contains (stance->err, *known);
  g_assert_cmpint (count (project, "claims"), ==, 1);

  check_refused (project, "claims",
                 (const char *[]) { "claim", "add", project, document, start, end,
                                    "--speaker", kaesong, NULL },
                 EXIT_FAILURE, "place");
  check_refused (project, "claims",
                 (const char *[]) { "claim", "add", project, document, start, end,
                                    "--speaker", stalin, "--reporter", kaesong, NULL },
                 EXIT_FAILURE, "place");
  check_refused (project, "claims",
                 (const char *[]) { "claim", "add", project, document, start, end,
                                    "--speaker", stalin, "--certainty", "sure", NULL },
                 EXIT_FAILURE, "sure");
  check_refused (project, "claims",
                 (const char *[]) { "claim", "add", project, document, start, end,
                                    "--speaker", stalin, "--about", "999", NULL },
                 EXIT_FAILURE, "999");
  check_refused (project, "claims",
                 (const char *[]) { "claim", "add", project, document, start, end,
                                    "--speaker", "999", NULL },
                 EXIT_FAILURE, "999");
  check_refused (project, "claims",
                 (const char *[]) { "claim", "add", project, document, end, start,
                                    "--speaker", stalin, NULL },
                 EXIT_FAILURE, start);
  check_refused (project, "claims",
                 (const char *[]) { "claim", "add", project, document, start, end, NULL },
                 EXIT_USAGE, "--speaker");

  sigla_test_remove_dir (dir);
}

/* "undo" or "redo", in a process of its own, that must succeed. */
static void
step (const char *command,
      const char *project)
{
  g_autofree char *out = run_cli_ok (command, project, NULL);

  g_assert_true (g_str_has_prefix (out, g_str_equal (command, "undo") ? "Undone: " : "Redone: "));
}

static void
check_step_refused (const char *command,
                    const char *project,
                    const char *needle)
{
  g_autoptr(CliRun) run = run_cli (command, project, NULL);

  assert_refused (run, EXIT_FAILURE, needle);
  g_assert_cmpstr (run->out, ==, "");
}

/* Every command is a process of its own, so each step here also shows that the
 * journal outlives the process that wrote it. */
static void
test_undo_redo (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *seed = sigla_test_seed_path ("002");
  g_autofree char *imported = NULL;
  g_autofree char *document = NULL;
  g_autofree char *mao = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *other = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after_redo = NULL;
  g_autoptr(JsonNode) after_undo = NULL;
  guint n_hits;

  check_step_refused ("undo", project, "nothing to undo");
  check_step_refused ("redo", project, "nothing to redo");

  imported = run_cli_ok ("import", project, seed, NULL);
  document = find_seed_document (project, "002");
  before = search_json (project, "Kaesong");
  n_hits = json_array_get_length (node_array (before));
  g_assert_cmpuint (n_hits, >, 0);

  mao = run_cli_id ("entity", "add", project, "--kind", "person", "--name", "Mao Zedong", NULL);
  claim = run_cli_id ("claim", "add", project, document, "0", "10", "--speaker", mao, NULL);
  g_assert_cmpint (count (project, "claims"), ==, 1);

  step ("undo", project);
  g_assert_cmpint (count (project, "claims"), ==, 0);
  g_assert_cmpint (count (project, "entities"), ==, 1);
  step ("redo", project);
  g_assert_cmpint (count (project, "claims"), ==, 1);
  check_step_refused ("redo", project, "nothing to redo");

  /* Back past the claim and the entity to the import, which takes its words out of search. */
  step ("undo", project);
  step ("undo", project);
  g_assert_cmpint (count (project, "entities"), ==, 0);
  step ("undo", project);
  g_assert_cmpint (count (project, "documents"), ==, 0);
  after_undo = search_json (project, "Kaesong");
  g_assert_cmpuint (json_array_get_length (node_array (after_undo)), ==, 0);
  check_step_refused ("undo", project, "nothing to undo");

  step ("redo", project);
  g_assert_cmpint (count (project, "documents"), ==, 1);
  after_redo = search_json (project, "Kaesong");
  g_assert_true (json_node_equal (after_redo, before));

  /* A new action forgets what could have been redone. */
  other = run_cli_id ("entity", "add", project, "--kind", "person", "--name", "Peng Dehuai", NULL);
  check_step_refused ("redo", project, "nothing to redo");
  g_assert_cmpint (count (project, "entities"), ==, 1);
  g_assert_cmpint (count (project, "claims"), ==, 0);

  sigla_test_remove_dir (dir);
}

/* A project that cannot be opened: refused by each kind of command, naming
 * @path and saying @reason, and left as it was. */
static void
check_project_refused (const char *path,
                       const char *reason)
{
  g_autofree char *seed = sigla_test_seed_path ("000");
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  g_autofree char *before = NULL;
  const char *commands[][8] = {
    { "list", path, NULL },
    { "stats", path, "--json", NULL },
    { "import", path, seed, NULL },
    { "entity", "add", path, "--kind", "person", "--name", "Kim Il Sung", NULL },
    { "undo", path, NULL },
  };

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    before = sigla_test_file_checksum (path);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliRun) run = run_cli_argv (NULL, commands[i]);

      assert_refused (run, EXIT_FAILURE, path);
      assert_contains (run->err, reason);
      g_assert_cmpstr (run->out, ==, "");
    }

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS) == existed);
  if (before != NULL)
    {
      g_autofree char *after = sigla_test_file_checksum (path);

      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_bad_projects (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.sigla", NULL);
  g_autofree char *notes = sigla_test_write_file (dir, "notes.txt", "Cde. Filippov!\n", -1);
  g_autofree char *database = g_build_filename (dir, "other.sqlite", NULL);
  sqlite3 *db = NULL;

  check_project_refused (missing, "cannot be opened");
  check_project_refused (notes, "not a Sigla project");
  check_project_refused (notes, "not an SQLite database");
  check_project_refused (dir, "folder");

  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE cables (id INTEGER PRIMARY KEY, text TEXT)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  check_project_refused (database, "not a Sigla project");

  sigla_test_remove_dir (dir);
}

static void
test_bad_imports (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *missing = g_build_filename (dir, "cable-21726.txt", NULL);
  g_autofree char *empty = sigla_test_write_file (dir, "empty.txt", "", 0);
  g_autofree char *first = sigla_test_seed_path ("000");
  g_autofree char *second = sigla_test_seed_path ("001");
  const char *refused[] = { missing, empty, dir, NULL };
  g_autoptr(CliRun) mixed = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autoptr(CliRun) run = run_cli ("import", project, refused[i], NULL);

      assert_refused (run, EXIT_FAILURE, refused[i]);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_cmpint (count (project, "documents"), ==, 0);
    }

  /* Each file is its own action: the one refused costs not the others. */
  mixed = run_cli ("import", project, first, missing, second, NULL);
  assert_refused (mixed, EXIT_FAILURE, missing);
  lines = g_strsplit (mixed->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpint (count (project, "documents"), ==, 2);

  sigla_test_remove_dir (dir);
}

/* The project's setting for other editions' TEI: read, set, undone, and refused when wrong;
 * an import of TEI prints its report, as JSON too. */
static void
test_setting_and_report (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *tei = sigla_test_write_file (dir, "letter.xml",
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>A letter</title>"
    "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
    "<text><body><p>Dear <persName ref=\"#k\">Karl</persName>, <choice><sic>whenn</sic><corr>when</corr></choice>"
    " you <rs type=\"event\">come</rs>.</p></body><back><listPerson><person xml:id=\"k\"><persName>Karl Kraus"
    "</persName></person></listPerson></back></text></TEI>", -1);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) imported = NULL;
  g_autoptr(CliRun) wrong = NULL;
  JsonObject *report;

  out = run_cli_ok ("setting", project, "tei-reading", NULL);
  g_assert_cmpstr (out, ==, "edited\n");
  g_free (run_cli_ok ("setting", project, "tei-reading", "diplomatic", NULL));
  g_free (out);
  out = run_cli_ok ("setting", project, "tei-reading", NULL);
  g_assert_cmpstr (out, ==, "diplomatic\n");
  g_free (run_cli_ok ("undo", project, NULL));
  g_free (out);
  out = run_cli_ok ("setting", project, "tei-reading", NULL);
  g_assert_cmpstr (out, ==, "edited\n");
  wrong = run_cli ("setting", project, "tei-reading", "modern", NULL);
  assert_refused (wrong, EXIT_FAILURE, "edited, diplomatic");

  g_free (out);
  out = run_cli_ok ("import", project, tei, NULL);
  assert_contains (out, "1\tA letter\n");
  assert_contains (out, "1 name (1 linked)");
  assert_contains (out, "1 other reading kept in the file");
  assert_contains (out, "rs type=event (1)");

  imported = run_cli_json ("import", project, tei, "--json", NULL);
  report = json_object_get_object_member (json_array_get_object_element (node_array (imported), 0), "report");
  g_assert_nonnull (report);
  g_assert_cmpint (json_object_get_int_member (report, "names"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "names_linked"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "other_readings"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "not_understood"),
                                               "rs type=event"), ==, 1);

  sigla_test_remove_dir (dir);
}

static void
test_command_line (void)
{
  static const char * const listed[] = {
    "sigla-cli init ", "sigla-cli import ", "sigla-cli list ", "sigla-cli show ",
    "sigla-cli search ", "sigla-cli entity add ", "sigla-cli entity list ", "sigla-cli tag ",
    "sigla-cli claim add ", "sigla-cli undo ", "sigla-cli redo ", "sigla-cli stats ", NULL,
  };
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_project (dir);
  g_autofree char *help = run_cli_ok ("--help", NULL);
  g_autoptr(CliRun) unknown = run_cli ("frobnicate", project, NULL);
  g_autoptr(CliRun) nothing = run_cli_argv (NULL, (const char *[]) { NULL });
  g_autoptr(CliRun) half = run_cli ("entity", "remove", project, NULL);
  g_autoptr(CliRun) option = run_cli ("list", project, "--bogus", NULL);
  g_autoptr(CliRun) extra = run_cli ("stats", project, "more", NULL);

  for (guint i = 0; listed[i] != NULL; i++)
    assert_contains (help, listed[i]);

  assert_refused (unknown, EXIT_USAGE, "frobnicate");
  g_assert_cmpstr (unknown->out, ==, "");
  assert_refused (nothing, EXIT_USAGE, "Usage");
  assert_refused (half, EXIT_USAGE, "entity");
  assert_refused (option, EXIT_USAGE, "--bogus");
  assert_refused (extra, EXIT_USAGE, "stats PROJECT");

  sigla_test_remove_dir (dir);
}

/* JSON is UTF-8 whatever the locale: a script run from cron, or with LC_ALL=C,
 * must read the same text as one run from a desktop session. */
static void
test_json_in_c_locale (void)
{
  g_autofree char *dir = sigla_test_make_dir ();
  g_autofree char *project = new_seeded_project (dir, NULL);
  g_autofree char *document = find_seed_document (project, "000");
  const char * const args[] = { "show", project, document, "--json", NULL };
  g_autoptr(CliRun) utf8 = run_cli_argv ("C.UTF-8", args);
  g_autoptr(CliRun) c = run_cli_argv ("C", args);
  g_autoptr(JsonNode) utf8_json = NULL;
  g_autoptr(JsonNode) c_json = NULL;
  const char *text;

  g_assert_cmpint (utf8->status, ==, EXIT_SUCCESS);
  g_assert_cmpint (c->status, ==, EXIT_SUCCESS);
  utf8_json = parse_json (utf8->out);
  c_json = parse_json (c->out);

  /* The seed holds "Nº" and "N°": the comparison below is not between two ASCII texts. */
  text = get_string (node_object (utf8_json), "text");
  g_assert_false (g_str_is_ascii (text));
  g_assert_cmpstr (get_string (node_object (c_json), "text"), ==, text);

  sigla_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/init", test_init);
  g_test_add_func ("/cli/import-list", test_import_list);
  g_test_add_func ("/cli/show", test_show);
  g_test_add_func ("/cli/search/word", test_search_word);
  g_test_add_func ("/cli/search/phrase-prefix", test_search_phrase_prefix);
  g_test_add_func ("/cli/search/operators", test_search_operators);
  g_test_add_func ("/cli/search/hostile", test_search_hostile);
  g_test_add_func ("/cli/search/adjacent-operators", test_search_adjacent_operators);
  g_test_add_func ("/cli/entity/add", test_entity_add);
  g_test_add_func ("/cli/entity/odd-text", test_entity_odd_text);
  g_test_add_func ("/cli/entity/refused", test_entity_refused);
  g_test_add_func ("/cli/entity/geo-not-a-number", test_entity_geo_not_a_number);
  g_test_add_func ("/cli/tag", test_tag);
  g_test_add_func ("/cli/claim", test_claim);
  g_test_add_func ("/cli/undo-redo", test_undo_redo);
  g_test_add_func ("/cli/errors/project", test_bad_projects);
  g_test_add_func ("/cli/errors/import", test_bad_imports);
  g_test_add_func ("/cli/errors/command-line", test_command_line);
  g_test_add_func ("/cli/setting-and-report", test_setting_and_report);
  g_test_add_func ("/cli/json/c-locale", test_json_in_c_locale);

  return g_test_run ();
}
