/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-header-writer.c: the teiHeader of an export of Sigla's own TEI: title,
 * annotators, the source with its date and references, abstract, languages, revisions. */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include <string.h>

#include "sigla-language.h"
#include "sigla-tei-writer-private.h"

/* A language code TEI accepts: two or three lower-case letters. */
gboolean
sigla_tei_is_language_code (const char *code)
{
  gsize n = code != NULL ? strlen (code) : 0;

  if (n < 2 || n > 3)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_islower (code[i]))
      return FALSE;
  return TRUE;
}

static void
write_language (Writer     *w,
                const char *code,
                const char *role)
{
  const char *name = sigla_language_get_name (code);
  g_autofree char *label = g_strdup_printf ("%s (%s)", name != NULL ? name : code, role);

  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "language");
  sigla_tei_writer_attribute (w, "ident", code);
  sigla_tei_writer_text (w, label);
  sigla_tei_writer_end (w);
}

void
sigla_tei_write_resp_stmt (Writer     *w,
                           int         depth,
                           const char *id)
{
  sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_start (w, "respStmt");
  sigla_tei_writer_attribute (w, "xml:id", id);
  sigla_tei_writer_start (w, "resp");
  sigla_tei_writer_text (w, "annotation");
  sigla_tei_writer_end (w);
  sigla_tei_writer_start (w, "name");
  sigla_tei_writer_text (w, w->annotator);
  sigla_tei_writer_end (w);
  sigla_tei_writer_end (w);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The days on which the document's annotations were made or changed, and
 * those of its history before it came into the project. */
static GPtrArray *
annotation_days (const DocumentData *data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *days = g_ptr_array_new_with_free_func (g_free);
  guint n_annotations = data->mentions->len + data->claims->len;
  guint n_revisions = data->revisions != NULL ? data->revisions->len : 0;

  for (guint i = 0; i < n_annotations + n_revisions; i++)
    {
      const char *modified = i < data->mentions->len
        ? ((SiglaMention *) data->mentions->pdata[i])->modified
        : i < n_annotations
        ? ((SiglaClaim *) data->claims->pdata[i - data->mentions->len])->modified
        : data->revisions->pdata[i - n_annotations];
      char *day;

      if (modified == NULL || strlen (modified) < 10)
        continue;
      day = g_strndup (modified, 10);
      if (g_hash_table_contains (seen, day))
        {
          g_free (day);
          continue;
        }
      g_hash_table_add (seen, day);
      g_ptr_array_add (days, day);
    }

  g_ptr_array_sort (days, compare_strings);
  return days;
}

void
sigla_tei_write_header (Writer             *w,
                        const DocumentData *data,
                        gboolean            with_asserters)
{
  const SiglaDocument *document = data->document;
  g_autofree char *resp_id = sigla_tei_local_id (data, "resp", 1);
  g_autofree char *resp_ref = sigla_tei_ref_to (resp_id);
  g_autoptr(GPtrArray) days = annotation_days (data);

  sigla_tei_writer_indent (w, 1);
  sigla_tei_writer_start (w, "teiHeader");
  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_start (w, "fileDesc");

  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_start (w, "titleStmt");
  sigla_tei_writer_element (w, 4, "title", document->title);
  sigla_tei_write_resp_stmt (w, 4, resp_id);
  if (with_asserters)
    sigla_tei_registry_write_resp (w, 4);
  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_end (w);

  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_start (w, "publicationStmt");
  sigla_tei_writer_element (w, 4, "p", "Unpublished: annotated with Sigla.");
  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_end (w);

  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_start (w, "sourceDesc");
  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "bibl");
  sigla_tei_writer_element (w, 5, "title", document->title);
  if (document->date != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "date");
      sigla_tei_writer_attribute (w, "when", document->date);
      sigla_tei_writer_text (w, document->date_text);
      sigla_tei_writer_end (w);
    }
  if (document->archive != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "idno");
      sigla_tei_writer_attribute (w, "type", "archive");
      sigla_tei_writer_text (w, document->archive);
      sigla_tei_writer_end (w);
    }
  if (document->url != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "idno");
      sigla_tei_writer_attribute (w, "type", "URI");
      sigla_tei_writer_text (w, document->url);
      sigla_tei_writer_end (w);
    }
  sigla_tei_writer_indent (w, 5);
  sigla_tei_writer_start (w, "idno");
  sigla_tei_writer_attribute (w, "type", "filename");
  sigla_tei_writer_text (w, document->source_name);
  sigla_tei_writer_end (w);
  if (document->citation != NULL)
    {
      sigla_tei_writer_indent (w, 5);
      sigla_tei_writer_start (w, "note");
      sigla_tei_writer_attribute (w, "type", "citation");
      sigla_tei_writer_text (w, document->citation);
      sigla_tei_writer_end (w);
    }
  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_end (w);
  sigla_tei_writer_indent (w, 3);
  sigla_tei_writer_end (w);

  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_end (w);   /* fileDesc */

  if (document->summary != NULL || sigla_tei_is_language_code (document->language) ||
      sigla_tei_is_language_code (document->original_language))
    {
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_start (w, "profileDesc");
      if (document->summary != NULL)
        {
          g_auto(GStrv) paragraphs = g_strsplit (document->summary, "\n", -1);

          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "abstract");
          for (guint i = 0; paragraphs[i] != NULL; i++)
            sigla_tei_writer_element (w, 4, "p", paragraphs[i]);
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_end (w);
        }
      if (sigla_tei_is_language_code (document->language) || sigla_tei_is_language_code (document->original_language))
        {
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "langUsage");
          if (sigla_tei_is_language_code (document->original_language))
            write_language (w, document->original_language, "original");
          if (sigla_tei_is_language_code (document->language) &&
              g_strcmp0 (document->language, document->original_language) != 0)
            write_language (w, document->language,
                            document->original_language != NULL ? "translation" : "text");
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_end (w);
        }
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_end (w);
    }

  if (days->len > 0)
    {
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_start (w, "revisionDesc");
      for (guint i = 0; i < days->len; i++)
        {
          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "change");
          sigla_tei_writer_attribute (w, "when", days->pdata[i]);
          sigla_tei_writer_attribute (w, "who", resp_ref);
          sigla_tei_writer_text (w, "Annotated");
          sigla_tei_writer_end (w);
        }
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_end (w);
    }

  sigla_tei_writer_indent (w, 1);
  sigla_tei_writer_end (w);   /* teiHeader */
}
