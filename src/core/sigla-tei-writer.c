/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-writer.c: exports documents, their entities and annotations as TEI P5 XML.
 *
 * Every annotation is written: spans that overlap without nesting, or cross
 * a paragraph, are cut into pieces joined by @next and @prev (see
 * sigla-tei-layout.c). The same project always gives the same bytes, so an
 * export read back and exported again is identical. */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "sigla-claim.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-mention.h"
#include "sigla-output.h"
#include "sigla-project-private.h"
#include "sigla-tei-layout.h"
#include "sigla-tei-weave.h"
#include "sigla-tei-writer.h"
#include "sigla-tei-writer-private.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define MAX_FILE_NAME_TITLE 80

static void
document_data_clear (DocumentData *data)
{
  g_clear_pointer (&data->document, sigla_document_free);
  g_clear_pointer (&data->blocks, g_array_unref);
  g_clear_pointer (&data->mentions, g_ptr_array_unref);
  g_clear_pointer (&data->claims, g_ptr_array_unref);
  g_clear_pointer (&data->revisions, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocumentData, document_data_clear)

/* The entities a document's annotations point to, and those its words are cited for or
 * related to them (sigla_tei_registry_add_related()), in the registry's order. */
static GPtrArray *
used_entities (Writer             *w,
               GPtrArray          *all,
               const DocumentData *data)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *entities = g_ptr_array_new ();

  for (guint i = 0; i < data->mentions->len; i++)
    {
      SiglaMention *mention = data->mentions->pdata[i];

      if (mention->entity_id != 0)
        g_hash_table_add (used, &mention->entity_id);
    }
  for (guint i = 0; i < data->claims->len; i++)
    {
      SiglaClaim *claim = data->claims->pdata[i];

      if (claim->speaker_id != 0)
        g_hash_table_add (used, &claim->speaker_id);
      if (claim->reporter_id != 0)
        g_hash_table_add (used, &claim->reporter_id);
      for (guint k = 0; k < claim->about->len; k++)
        g_hash_table_add (used, &g_array_index (claim->about, gint64, k));
    }
  sigla_tei_registry_add_related (w, data->document->id, used);

  for (guint i = 0; i < all->len; i++)
    {
      SiglaEntity *entity = all->pdata[i];

      if (g_hash_table_contains (used, &entity->id))
        g_ptr_array_add (entities, entity);
    }

  return entities;
}

/* -- one document ------------------------------------------------------- */

static gboolean
load_document (SiglaProject  *project,
               gint64         id,
               DocumentData  *data,
               GError       **error)
{
  data->document = sigla_document_get (project, id, error);
  if (data->document == NULL)
    return FALSE;

  data->blocks = sigla_document_get_blocks (project, id, error);
  if (data->mentions == NULL && data->blocks != NULL)
    data->mentions = sigla_mention_list (project, id, error);
  if (data->claims == NULL && data->mentions != NULL)
    data->claims = sigla_claim_list (project, id, error);
  data->revisions = data->claims != NULL ? sigla_document_get_revisions (project, id, error) : NULL;

  return data->revisions != NULL;
}

/* The annotations of one document, taken from a list of all of them in
 * document order from *@next on: a corpus reads them in one pass, not one
 * query a document. */
static GPtrArray *
take_document_slice (GPtrArray *all,
                     guint     *next,
                     gint64     document_id,
                     gboolean   claims)
{
  GPtrArray *slice = g_ptr_array_new ();

  while (*next < all->len)
    {
      gpointer item = all->pdata[*next];
      gint64 owner = claims ? ((SiglaClaim *) item)->document_id : ((SiglaMention *) item)->document_id;

      if (owner != document_id)
        break;
      g_ptr_array_add (slice, item);
      (*next)++;
    }

  return slice;
}

static void
write_tei (Writer             *w,
           const DocumentData *data,
           GPtrArray          *registry,
           int                 depth)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (SiglaSpan));
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GArray) pieces = NULL;
  g_autofree guint *n_parts = NULL;

  /* Who says the names and relations are so: in the corpus's header, or this one's. */
  if (registry != NULL)
    sigla_tei_registry_choose (w, registry);
  infos = sigla_tei_collect_spans (w, data, spans);
  pieces = sigla_tei_layout (data->blocks, spans);
  n_parts = sigla_tei_name_pieces (data, pieces, infos);

  if (depth > 0)
    sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_start (w, "TEI");
  if (depth == 0)
    sigla_tei_writer_attribute (w, "xmlns", TEI_NS);
  if (sigla_tei_is_language_code (data->document->language))
    sigla_tei_writer_attribute (w, "xml:lang", data->document->language);

  sigla_tei_write_header (w, data, registry != NULL);

  /* An empty standOff is not valid TEI. */
  if ((registry != NULL && registry->len > 0) || sigla_tei_has_annotations (infos))
    {
      sigla_tei_writer_indent (w, 1);
      sigla_tei_writer_start (w, "standOff");
      if (registry != NULL)
        sigla_tei_registry_write (w, 2, registry);
      sigla_tei_write_annotations (w, data, infos, n_parts);
      sigla_tei_writer_indent (w, 1);
      sigla_tei_writer_end (w);
    }

  sigla_tei_write_body (w, data, pieces, infos);
  sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_end (w);
}

/* The project's entities, sorted as sigla_entity_list() sorts them. */
static GPtrArray *
registry_from (Writer    *w,
               GPtrArray *order)
{
  GPtrArray *registry = g_ptr_array_new ();

  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = ((SiglaEntity *) order->pdata[i])->id;

      g_ptr_array_add (registry, g_hash_table_lookup (w->entities, &id));
    }

  return registry;
}

/* One document as a <TEI> with the entities (of @order, every one of the
 * project's) its annotations use, and the words of @cited it holds; one
 * imported from another tool's TEI as that TEI, annotated. */
static gboolean
write_document (SiglaProject           *project,
                gint64                  document_id,
                const SiglaTeiOptions  *options,
                GPtrArray              *order,
                SiglaTeiCited          *cited,
                GOutputStream          *output,
                GError                **error)
{
  g_auto(DocumentData) data = { NULL, NULL, NULL, NULL, NULL, "" };
  g_autoptr(GPtrArray) registry = NULL;
  g_autoptr(GPtrArray) used = NULL;
  Writer w = { 0 };
  gboolean woven = FALSE;

  /* Another tool's TEI goes back as its own tree, annotated. */
  if (!sigla_tei_weave (project, document_id, options, output, &woven, error))
    return FALSE;
  if (woven)
    return TRUE;

  if (!load_document (project, document_id, &data, error) ||
      !sigla_tei_writer_open (&w, options, order, output, error))
    return FALSE;

  w.cited = cited;
  w.alone = document_id;
  registry = registry_from (&w, order);
  used = used_entities (&w, registry, &data);
  write_tei (&w, &data, used, 0);
  sigla_tei_writer_indent (&w, 0);

  return sigla_tei_writer_close (&w, error);
}

/**
 * sigla_tei_write_document:
 *
 * Writes one document as a <TEI> with the entities its annotations use; a
 * document imported from another tool's TEI as that TEI, annotated.
 */
gboolean
sigla_tei_write_document (SiglaProject           *project,
                          gint64                  document_id,
                          const SiglaTeiOptions  *options,
                          GOutputStream          *output,
                          GError                **error)
{
  g_autoptr(GPtrArray) order = sigla_entity_list (project, error);
  g_autoptr(SiglaTeiCited) cited = order != NULL ? sigla_tei_cited_new (project, order, error) : NULL;

  return cited != NULL && write_document (project, document_id, options, order, cited, output, error);
}

/**
 * sigla_tei_write_corpus:
 *
 * Writes the whole project as a <teiCorpus>: the registry of every entity
 * once, then each document's <TEI>, whose ids start "d1.", "d2." … so that
 * they stay unique in the one file.
 */
gboolean
sigla_tei_write_corpus (SiglaProject           *project,
                        const SiglaTeiOptions  *options,
                        GOutputStream          *output,
                        GError                **error)
{
  g_autoptr(GPtrArray) documents = sigla_document_list (project, error);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) registry = NULL;
  g_autoptr(GHashTable) prefixes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(SiglaTeiCited) cited = NULL;
  g_autofree char *name = NULL;
  Writer w = { 0 };

  /* Documents are listed, and annotations sorted, by document id. */
  if (documents == NULL || (order = sigla_entity_list (project, error)) == NULL ||
      (mentions = sigla_mention_list (project, 0, error)) == NULL ||
      (claims = sigla_claim_list (project, 0, error)) == NULL ||
      !sigla_tei_writer_open (&w, options, order, output, error))
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    g_hash_table_insert (prefixes, &((SiglaDocument *) documents->pdata[i])->id, g_strdup_printf ("d%u.", i + 1));
  if ((cited = sigla_tei_cited_new (project, order, error)) == NULL)
    {
      sigla_tei_writer_close (&w, NULL);
      return FALSE;
    }
  w.cited = cited;
  w.prefixes = prefixes;

  registry = registry_from (&w, order);
  sigla_tei_registry_choose (&w, registry);
  name = g_path_get_basename (sigla_project_get_path (project));

  sigla_tei_writer_start (&w, "teiCorpus");
  sigla_tei_writer_attribute (&w, "xmlns", TEI_NS);
  sigla_tei_writer_indent (&w, 1);
  sigla_tei_writer_start (&w, "teiHeader");
  sigla_tei_writer_indent (&w, 2);
  sigla_tei_writer_start (&w, "fileDesc");
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_start (&w, "titleStmt");
  sigla_tei_writer_element (&w, 4, "title", name);
  sigla_tei_write_resp_stmt (&w, 4, "resp.corpus");
  sigla_tei_registry_write_resp (&w, 4);
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_start (&w, "publicationStmt");
  sigla_tei_writer_element (&w, 4, "p", "Unpublished: annotated with Sigla.");
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_start (&w, "sourceDesc");
  sigla_tei_writer_element (&w, 4, "p", "The documents of a Sigla project.");
  sigla_tei_writer_indent (&w, 3);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 2);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 1);
  sigla_tei_writer_end (&w);

  if (registry->len > 0)
    {
      sigla_tei_writer_indent (&w, 1);
      sigla_tei_writer_start (&w, "standOff");
      sigla_tei_registry_write (&w, 2, registry);
      sigla_tei_writer_indent (&w, 1);
      sigla_tei_writer_end (&w);
    }

  for (guint i = 0, next_mention = 0, next_claim = 0; i < documents->len && w.error == NULL; i++)
    {
      gint64 id = ((SiglaDocument *) documents->pdata[i])->id;
      g_auto(DocumentData) data = { NULL, NULL, NULL, NULL, NULL, NULL };
      g_autofree char *prefix = g_strdup_printf ("d%u.", i + 1);

      if (options != NULL && g_cancellable_is_cancelled (options->cancellable))
        {
          g_set_error_literal (&w.error, SIGLA_ERROR, SIGLA_ERROR_CANCELLED, _("The export was cancelled"));
          break;
        }

      data.prefix = prefix;
      data.mentions = take_document_slice (mentions, &next_mention, id, FALSE);
      data.claims = take_document_slice (claims, &next_claim, id, TRUE);
      if (!load_document (project, id, &data, &w.error))
        break;
      write_tei (&w, &data, NULL, 1);
      if (options != NULL && options->progress != NULL)
        options->progress (i + 1, documents->len, options->progress_data);
    }

  sigla_tei_writer_indent (&w, 0);
  sigla_tei_writer_end (&w);
  sigla_tei_writer_indent (&w, 0);
  return sigla_tei_writer_close (&w, error);
}

typedef struct
{
  gint64                 document_id;   /* 0 for the corpus */
  const SiglaTeiOptions *options;
  GPtrArray             *entities;      /* read once for many documents, or NULL */
  SiglaTeiCited         *cited;         /* with them */
} TeiExport;

static gboolean
write_tei_cb (SiglaProject   *project,
              GOutputStream  *output,
              gpointer        data,
              GError        **error)
{
  const TeiExport *export = data;

  if (export->document_id == 0)
    return sigla_tei_write_corpus (project, export->options, output, error);
  if (export->entities != NULL)
    return write_document (project, export->document_id, export->options, export->entities, export->cited,
                           output, error);
  return sigla_tei_write_document (project, export->document_id, export->options, output, error);
}

/* Through a temporary file renamed into place at the end, so that an
 * interrupted export never leaves a truncated file under the real name. */
static gboolean
write_file (const char             *path,
            SiglaProject           *project,
            gint64                  document_id,
            const SiglaTeiOptions  *options,
            GError                **error)
{
  TeiExport export = { document_id, options, NULL, NULL };

  return sigla_output_write_file (path, write_tei_cb, project, &export, error);
}

gboolean
sigla_tei_export_document (SiglaProject           *project,
                           gint64                  document_id,
                           const SiglaTeiOptions  *options,
                           const char             *path,
                           GError                **error)
{
  g_return_val_if_fail (document_id > 0, FALSE);

  return write_file (path, project, document_id, options, error);
}

gboolean
sigla_tei_export_corpus (SiglaProject           *project,
                         const SiglaTeiOptions  *options,
                         const char             *path,
                         GError                **error)
{
  return write_file (path, project, 0, options, error);
}

/**
 * sigla_tei_file_name:
 *
 * A file name for a document that cannot leave its folder whatever its
 * title says: "0003-Ciphered-Telegram-No-25902.xml".
 *
 * Returns: (transfer full): the name
 */
char *
sigla_tei_file_name (gint64      document_id,
                     const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  GString *name = g_string_new ("");
  guint kept = 0;

  g_string_printf (name, "%04" G_GINT64_FORMAT "-", document_id);
  for (const char *p = ascii; *p != '\0' && kept < MAX_FILE_NAME_TITLE; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (name, *p);
          kept++;
        }
      else if (name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);

  g_string_append (name, ".xml");
  return g_string_free (name, FALSE);
}

/**
 * sigla_tei_export_directory:
 * @directory: an existing folder
 *
 * Writes one file a document into @directory, as one batch: each file is
 * under its name whole, or not at all (see sigla_output_batch_new()).
 *
 * Returns: (transfer full) (element-type utf8): the paths written, or %NULL
 */
GPtrArray *
sigla_tei_export_directory (SiglaProject           *project,
                            const SiglaTeiOptions  *options,
                            const char             *directory,
                            GError                **error)
{
  SiglaDb *db = sigla_project_get_db (project);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(SiglaTeiCited) cited = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SiglaOutputBatch) batch = NULL;
  gboolean written = TRUE;

  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_NOT_FOUND, _("“%s” is not a folder"), directory);
      return NULL;
    }

  /* One read of the project for all the files: one state throughout, and
   * no lock taken and given back at each statement. */
  if (!sigla_db_exec (db, "BEGIN", error))
    return NULL;
  if ((documents = sigla_document_list_titles (project, error)) == NULL ||
      (entities = sigla_entity_list (project, error)) == NULL ||
      (cited = sigla_tei_cited_new (project, entities, error)) == NULL)
    written = FALSE;

  batch = sigla_output_batch_new (directory);
  for (guint i = 0; written && i < documents->len; i++)
    {
      SiglaDocument *document = documents->pdata[i];
      g_autofree char *name = sigla_tei_file_name (document->id, document->title);
      char *path = g_build_filename (directory, name, NULL);
      TeiExport export = { document->id, options, entities, cited };

      g_ptr_array_add (paths, path);
      written = sigla_output_batch_write (batch, path, write_tei_cb, project, &export, error);
    }
  sigla_db_exec (db, "COMMIT", NULL);

  return written && sigla_output_batch_commit (batch, error) ? g_steal_pointer (&paths) : NULL;
}
