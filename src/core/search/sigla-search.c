/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-search.c: full-text search across a project's titles and texts. */

#define G_LOG_DOMAIN "sigla-search"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sigla-error.h"
#include "sigla-project-private.h"
#include "sigla-search.h"

#define MAX_HITS_PER_DOCUMENT 50
#define SNIPPET_CONTEXT 40   /* code points either side of a hit */
#define FIELD_SEPARATOR '\x1f'
#define RECORD_SEPARATOR '\x1e'

typedef struct
{
  int    column;
  int    first_token;
  int    last_token;
  gint64 start_byte;
  gint64 end_byte;
} Hit;

typedef struct
{
  GArray *hits;       /* Hit, sorted; those of one column */
  guint   first;      /* the first hit of this column not yet placed */
  guint   last;       /* one past its last */
  int     token;      /* index of the token being visited */
} TokenWalk;

/* Returned by the token callback to stop once every hit is placed. */
#define WALK_DONE SQLITE_DONE

void
sigla_search_hit_free (SiglaSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->snippet);
  g_free (hit);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->column != y->column)
    return x->column - y->column;
  return x->first_token - y->first_token;
}

static int
record_token_cb (void       *data,
                 int         flags,
                 const char *token,
                 int         token_size,
                 int         start,
                 int         end)
{
  TokenWalk *walk = data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  /* Hits are sorted by their first token: only those begun so far can match. */
  for (guint i = walk->first; i < walk->last; i++)
    {
      Hit *hit = &g_array_index (walk->hits, Hit, i);

      if (hit->first_token > walk->token)
        break;
      if (hit->first_token == walk->token)
        hit->start_byte = start;
      if (hit->last_token == walk->token)
        hit->end_byte = end;
    }

  while (walk->first < walk->last && g_array_index (walk->hits, Hit, walk->first).end_byte >= 0)
    walk->first++;

  walk->token++;
  return walk->first == walk->last ? WALK_DONE : SQLITE_OK;
}

static void
append_snippet (GString    *out,
                const char *text,
                gint64      length,
                gint64      start_byte,
                gint64      end_byte)
{
  const char *from = text + start_byte;
  const char *to = text + end_byte;
  const char *limit = text + length;

  for (int i = 0; i < SNIPPET_CONTEXT && from > text; i++)
    from = g_utf8_prev_char (from);
  for (int i = 0; i < SNIPPET_CONTEXT && to < limit; i++)
    to = g_utf8_next_char (to);

  /* Start and end on whole words. */
  if (from > text)
    {
      while (from < text + start_byte && *from != ' ' && *from != '\n')
        from++;
      g_string_append (out, "…");
    }
  while (to < limit && to > text + end_byte && *to != ' ' && *to != '\n')
    to = g_utf8_prev_char (to);

  for (const char *p = from; p < to; p++)
    g_string_append_c (out, *p == '\n' || *p == FIELD_SEPARATOR || *p == RECORD_SEPARATOR ? ' ' : *p);

  if (to < limit)
    g_string_append (out, "…");
}

/* sigla_hits(documents_fts[, max]): the hits of the row (the first
 * MAX_HITS_PER_DOCUMENT, or @max, 0 for all) as records of
 * "column, start, end, snippet", offsets in code points. */
static void
hits_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_args,
               sqlite3_value          **args)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GString) out = g_string_new ("");
  int n_instances = 0;
  gint64 max_hits = n_args > 0 ? sqlite3_value_int64 (args[0]) : MAX_HITS_PER_DOCUMENT;

  if (api->xInstCount (fts, &n_instances) != SQLITE_OK)
    {
      sqlite3_result_error (context, "cannot count search hits", -1);
      return;
    }

  for (int i = 0; i < n_instances; i++)
    {
      int phrase, column, offset;
      Hit hit = { 0 };

      if (api->xInst (fts, i, &phrase, &column, &offset) != SQLITE_OK)
        continue;
      hit.column = column;
      hit.first_token = offset;
      hit.last_token = offset + MAX (api->xPhraseSize (fts, phrase), 1) - 1;
      hit.start_byte = hit.end_byte = -1;
      g_array_append_val (hits, hit);
    }

  g_array_sort (hits, compare_hits);
  if (max_hits > 0 && hits->len > max_hits)
    g_array_set_size (hits, max_hits);

  for (guint first = 0; first < hits->len;)
    {
      int column = g_array_index (hits, Hit, first).column;
      TokenWalk walk = { hits, first, first, 0 };
      const char *text = NULL;
      int length = 0;
      gint64 chars = 0;
      const char *counted;
      guint column_end = first;
      int rc;

      while (column_end < hits->len && g_array_index (hits, Hit, column_end).column == column)
        column_end++;
      walk.last = column_end;

      if (api->xColumnText (fts, column, &text, &length) != SQLITE_OK || text == NULL ||
          ((rc = api->xTokenize (fts, text, length, &walk, record_token_cb)) != SQLITE_OK && rc != WALK_DONE))
        {
          first = column_end;
          continue;
        }
      walk.first = first;

      /* Hits come in text order, so code points are counted once, onwards. */
      counted = text;
      for (guint i = walk.first; i < walk.last; i++)
        {
          const Hit *hit = &g_array_index (hits, Hit, i);
          gint64 start, end;

          if (hit->start_byte < 0 || hit->end_byte < hit->start_byte || text + hit->start_byte < counted)
            continue;

          chars += g_utf8_pointer_to_offset (counted, text + hit->start_byte);
          counted = text + hit->start_byte;
          start = chars;
          end = start + g_utf8_pointer_to_offset (text + hit->start_byte, text + hit->end_byte);

          g_string_append_printf (out, "%d%c%" G_GINT64_FORMAT "%c%" G_GINT64_FORMAT "%c",
                                  column, FIELD_SEPARATOR, start, FIELD_SEPARATOR, end, FIELD_SEPARATOR);
          append_snippet (out, text, length, hit->start_byte, hit->end_byte);
          g_string_append_c (out, RECORD_SEPARATOR);
        }

      first = column_end;
    }

  sqlite3_result_text (context, out->str, out->len, SQLITE_TRANSIENT);
}

gboolean
sigla_search_register (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api != NULL &&
         api->xCreateFunction (api, "sigla_hits", NULL, hits_function, NULL) == SQLITE_OK;
}

/* Appends @term as an FTS5 string (a phrase of its words), with @operator
 * before it when it follows another term. Returns FALSE for a term with no
 * word in it, which is left out. */
static gboolean
append_term (GString    *query,
             const char *operator,
             const char *term,
             gsize       length,
             gboolean    prefix)
{
  gboolean has_word = FALSE;

  for (const char *p = term; p < term + length; p = g_utf8_next_char (p))
    has_word |= g_unichar_isalnum (g_utf8_get_char (p));

  if (!has_word)
    return FALSE;

  if (query->len > 0 && operator != NULL)
    g_string_append_printf (query, " %s ", operator);
  else if (query->len > 0)
    g_string_append_c (query, ' ');

  g_string_append_c (query, '"');
  for (gsize i = 0; i < length; i++)
    {
      if (term[i] == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, term[i]);
    }
  g_string_append_c (query, '"');

  if (prefix)
    g_string_append_c (query, '*');

  return TRUE;
}

/**
 * sigla_search_build_query:
 * @query: what a user typed: words, "quoted phrases", prefix* and OR / NOT
 *   between words
 *
 * An operator counts only between two terms; where several stand together
 * the last one counts. A NOT with no word before it cannot be searched for
 * (a search lists where words are, not where they are not) and is an error.
 *
 * Returns: (transfer full) (nullable): the same as an FTS5 expression in
 *   which no user input can be read as syntax, or %NULL (error unset) if it
 *   has no words
 */
char *
sigla_search_build_query (const char  *query,
                          GError     **error)
{
  g_autoptr(GString) expression = g_string_new ("");
  const char *operator = NULL;
  const char *p = query;

  while (*p != '\0')
    {
      const char *start;
      gsize length;
      gboolean prefix = FALSE;

      while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
      if (*p == '\0')
        break;

      if (*p == '"')
        {
          start = ++p;
          while (*p != '\0' && *p != '"')
            p++;
          length = p - start;
          if (*p == '"')
            p++;
        }
      else
        {
          start = p;
          while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
          length = p - start;

          if ((length == 2 && strncmp (start, "OR", 2) == 0) ||
              (length == 3 && strncmp (start, "NOT", 3) == 0))
            {
              if (expression->len == 0 && *start == 'N')
                {
                  g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                                       _("NOT leaves words out of a search: put it between two "
                                       "words, as in “Kaesong NOT Seoul”"));
                  return NULL;
                }
              operator = *start == 'O' ? "OR" : "NOT";
              continue;
            }

          prefix = length > 1 && start[length - 1] == '*';
          length -= prefix;
        }

      if (append_term (expression, operator, start, length, prefix))
        operator = NULL;
    }

  if (expression->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&expression), FALSE);
}

static void
parse_hits (GPtrArray  *results,
            gint64      document_id,
            const char *records)
{
  g_auto(GStrv) rows = g_strsplit (records, (char[]) { RECORD_SEPARATOR, 0 }, -1);

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (rows[i], (char[]) { FIELD_SEPARATOR, 0 }, 4);
      SiglaSearchHit *hit;

      if (g_strv_length (fields) != 4)
        continue;

      hit = g_new0 (SiglaSearchHit, 1);
      hit->document_id = document_id;
      hit->in_title = g_str_equal (fields[0], "0");
      hit->start = g_ascii_strtoll (fields[1], NULL, 10);
      hit->end = g_ascii_strtoll (fields[2], NULL, 10);
      hit->snippet = g_strdup (fields[3]);
      g_ptr_array_add (results, hit);
    }
}

#define RANK_MAX 2000   /* documents found that a search still ranks */

/* Whether @expression finds at most @n documents: asked of the first n + 1
 * only, however many there are. */
static gboolean
finds_at_most (SiglaDb    *db,
               const char *expression,
               guint       n)
{
  g_autoptr(sqlite3_stmt) stmt =
    sigla_db_prepare (db, "SELECT count(*) FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)",
                      NULL);

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) n + 1);
  return sigla_db_step (db, stmt, NULL) != SIGLA_STEP_ROW || sqlite3_column_int64 (stmt, 0) <= n;
}

/**
 * sigla_search_page:
 * @query: what the user typed (see sigla_search_build_query())
 * @offset: how many of the best documents to pass over
 * @limit: at most this many documents, or 0 for all
 *
 * Finds words case- and diacritic-insensitively, as phrases and prefixes,
 * a page of documents at a time, best first (bm25) when they are at most
 * 2,000, else in the order they were imported; the hits' places and
 * snippets are worked out for the page only.
 *
 * Returns: (transfer full) (element-type SiglaSearchHit): the hits, by
 *   document (best first) and then in text order, titles first
 */
GPtrArray *
sigla_search_page (SiglaProject  *project,
                   const char    *query,
                   guint          offset,
                   guint          limit,
                   GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_search_hit_free);
  g_autoptr(GError) query_error = NULL;
  g_autofree char *expression = sigla_search_build_query (query, &query_error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SiglaStep step;

  if (query_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&query_error));
      return NULL;
    }

  if (expression == NULL)
    return g_steal_pointer (&results);

  /* Ranking weighs every document found: past RANK_MAX of them, a page of
   * the best would cost as much as the whole search, so they come in the
   * order they were imported, a page as fast as the first. */
  stmt = sigla_db_prepare (db,
                           finds_at_most (db, expression, RANK_MAX)
                           ? "SELECT rowid, sigla_hits(documents_fts) FROM documents_fts "
                             "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
                           : "SELECT rowid, sigla_hits(documents_fts) FROM documents_fts "
                             "WHERE documents_fts MATCH ? ORDER BY rowid LIMIT ? OFFSET ?",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, limit > 0 ? (int) MIN (limit, G_MAXINT) : G_MAXINT);
  sqlite3_bind_int (stmt, 3, (int) MIN (offset, G_MAXINT));
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    parse_hits (results, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));

  if (step == SIGLA_STEP_ERROR)
    {
      g_prefix_error (error, _("Cannot search for “%s”: "), query);
      return NULL;
    }

  return g_steal_pointer (&results);
}

/**
 * sigla_search:
 * @max_documents: at most this many documents, best first; 0 for all
 *
 * The first page of sigla_search_page().
 */
GPtrArray *
sigla_search (SiglaProject  *project,
              const char    *query,
              guint          max_documents,
              GError       **error)
{
  return sigla_search_page (project, query, 0, max_documents, error);
}

/**
 * sigla_search_count:
 * @count: (out): how many documents hold what @query looks for
 *
 * Returns: %FALSE with @error set if the query is not one a search takes
 */
gboolean
sigla_search_count (SiglaProject  *project,
                    const char    *query,
                    gint64        *count,
                    GError       **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GError) query_error = NULL;
  g_autofree char *expression = sigla_search_build_query (query, &query_error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *count = 0;
  if (query_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&query_error));
      return FALSE;
    }
  if (expression == NULL)
    return TRUE;

  stmt = sigla_db_prepare (db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
  if (sigla_db_step (db, stmt, error) != SIGLA_STEP_ROW)
    {
      g_prefix_error (error, _("Cannot search for “%s”: "), query);
      return FALSE;
    }
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * sigla_search_names:
 * @names: (array zero-terminated=1): names, each searched for as a phrase
 * @document_id: the one document to search, or 0 for all
 *
 * Finds every place where the texts (not the titles) name one of @names:
 * whole words, case- and diacritic-insensitively, whatever punctuation or
 * line breaks stand between the words ("Kim Il-sung", "KIM IL SUNG").
 * Where one name's hit lies within another's ("Kim" in "Kim Il Sung"),
 * both are given.
 *
 * Returns: (transfer full) (element-type SiglaSearchHit): the hits, by
 *   document and then in text order
 */
GPtrArray *
sigla_search_names (SiglaProject       *project,
                    const char * const *names,
                    gint64              document_id,
                    GError            **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_search_hit_free);
  g_autoptr(GString) phrases = g_string_new ("");
  g_autofree char *expression = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SiglaStep step;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    append_term (phrases, "OR", names[i], strlen (names[i]), FALSE);
  if (phrases->len == 0)
    return g_steal_pointer (&results);
  expression = g_strdup_printf ("text : (%s)", phrases->str);

  stmt = sigla_db_prepare (db,
                           "SELECT rowid, sigla_hits(documents_fts, 0) FROM documents_fts "
                           "WHERE documents_fts MATCH ?1 AND (?2 = 0 OR rowid = ?2) ORDER BY rowid",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document_id);
  while ((step = sigla_db_step (db, stmt, error)) == SIGLA_STEP_ROW)
    parse_hits (results, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));

  if (step == SIGLA_STEP_ERROR)
    {
      g_prefix_error (error, _("Cannot search for “%s”: "), names[0]);
      return NULL;
    }

  return g_steal_pointer (&results);
}
