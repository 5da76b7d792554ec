/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-reader.c: reads TEI into a project: Sigla's own export without loss, and
 * other tools' TEI (names, places, organisations and dates, with their registries).
 *
 * The file is parsed with no network, no DTD loading and no entity
 * substitution; a file that declares entities is refused, and libxml2's
 * limits refuse absurd nesting and gigantic text. Everything is added inside
 * the caller's action, so a refused file leaves nothing behind. */

#define G_LOG_DOMAIN "sigla-tei-reader"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "sigla-claim.h"
#include "sigla-date.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-mention.h"
#include "sigla-project-private.h"
#include "sigla-settings.h"
#include "sigla-tei-evidence.h"
#include "sigla-tei-header.h"
#include "sigla-tei-projection.h"
#include "sigla-tei-reader.h"
#include "sigla-tei-refs.h"
#include "sigla-text.h"

/* A stand-off annotation and its place among the file's annotations. */
typedef struct
{
  xmlNode *node;
  guint    order;
} Annotation;

typedef struct
{
  SiglaProject   *project;
  const char     *path;
  gboolean        foreign;     /* another tool's TEI, not Sigla's own export */
  SiglaTeiReading reading;     /* of its alternatives: the project's setting */
  GHashTable     *ids;         /* xml:id → xmlNode */
  SiglaTeiRefs   *refs;
  SiglaTeiReport *report;
  SiglaTeiEvidence *evidence;  /* the words names and relations cite */
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->ids, g_hash_table_unref);
  g_clear_pointer (&reader->evidence, sigla_tei_evidence_free);
  g_clear_pointer (&reader->refs, sigla_tei_refs_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static const char *
first_target (const char *list)
{
  return list != NULL && list[0] == '#' ? list + 1 : NULL;
}

static void
set_error_at (GError        **error,
              const char     *path,
              const xmlNode  *node,
              const char     *format,
              ...) G_GNUC_PRINTF (4, 5);

static void
set_error_at (GError        **error,
              const char     *path,
              const xmlNode  *node,
              const char     *format,
              ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID, _("Cannot import “%s”: line %ld: %s"),
               path, node != NULL ? xmlGetLineNo (node) : 0L, reason);
}

/* Every xml:id of the file, refusing one given twice. */
static gboolean
collect_ids (Reader   *reader,
             xmlNode  *node,
             GError  **error)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      g_autofree char *id = NULL;

      if (c->type == XML_ENTITY_REF_NODE)
        {
          set_error_at (error, reader->path, c, _("the entity “&%s;” cannot be read: Sigla reads no entities"),
                        (const char *) c->name);
          return FALSE;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;

      id = sigla_tei_xml_id (c);
      if (id != NULL)
        {
          if (g_hash_table_contains (reader->ids, id))
            {
              /* Another tool's file may say it twice: the first counts. */
              if (reader->foreign)
                sigla_tei_report_count (reader->report->not_understood, "xml:id given twice", 1);
              else
                {
                  set_error_at (error, reader->path, c, _("the xml:id “%s” is given twice"), id);
                  return FALSE;
                }
            }
          else
            g_hash_table_insert (reader->ids, g_steal_pointer (&id), c);
        }

      if (!collect_ids (reader, c->children, error))
        return FALSE;
    }

  return TRUE;
}

/* -- annotations ------------------------------------------------------------ */

/* Whether the element is a name or date Sigla reads as a mention; one it
 * reads as none ("rs type=event") is counted in the report. */
static gboolean
mention_kind_of (Reader        *reader,
                 const xmlNode *node,
                 SiglaKind     *kind)
{
  g_autofree char *type = NULL;

  if (sigla_tei_mention_kind (node, reader->foreign, kind))
    return TRUE;
  if (reader->foreign && (sigla_tei_is_element (node, "rs") || sigla_tei_is_element (node, "name")))
    {
      g_autofree char *label = NULL;

      type = sigla_tei_attribute (node, "type");
      label = type != NULL ? g_strdup_printf ("%s type=%s", node->name, type) : g_strdup ((const char *) node->name);
      sigla_tei_report_count (reader->report->not_understood, label, 1);
    }
  return FALSE;
}

/* The annotation in stand-off whose first target is @id, if any. */
static Annotation *
annotation_for (GHashTable *annotations,
                const char *id)
{
  return id != NULL ? g_hash_table_lookup (annotations, id) : NULL;
}

static char *
stance_of (Reader        *reader,
           const xmlNode *annotation)
{
  g_autofree char *ana = sigla_tei_attribute (annotation, "ana");
  const char *id = first_target (ana);
  xmlNode *interp = id != NULL ? g_hash_table_lookup (reader->ids, id) : NULL;
  const char *const *stances = sigla_claim_get_stances ();
  g_autofree char *name = interp != NULL ? sigla_tei_text_of (interp) : NULL;

  if (name != NULL && g_strv_contains (stances, name))
    return g_steal_pointer (&name);
  return NULL;
}

static gboolean
read_claim (Reader         *reader,
            const xmlNode  *said,
            const xmlNode  *annotation,
            SiglaClaim     *claim,
            GError        **error)
{
  g_autofree char *who = sigla_tei_attribute (said, "who");

  if (!sigla_tei_refs_resolve (reader->refs, said, who, SIGLA_KIND_PERSON, &claim->speaker_id, error))
    return FALSE;
  if (annotation == NULL)
    return TRUE;

  claim->stance = stance_of (reader, annotation);
  claim->certainty = sigla_tei_attribute (annotation, "cert");
  if (claim->certainty != NULL && !g_str_equal (claim->certainty, "high") &&
      !g_str_equal (claim->certainty, "medium") && !g_str_equal (claim->certainty, "low"))
    g_clear_pointer (&claim->certainty, g_free);

  for (xmlNode *c = annotation->children; c != NULL; c = c->next)
    {
      g_autofree char *type = sigla_tei_is_element (c, NULL) ? sigla_tei_attribute (c, "type") : NULL;

      if (sigla_tei_is_element (c, "note"))
        {
          char **field = g_strcmp0 (type, "paraphrase") == 0 ? &claim->paraphrase : &claim->note;

          sigla_text_keep_first (field, sigla_tei_exact_text_of (c));
        }
      else if (sigla_tei_is_element (c, "ptr"))
        {
          g_autofree char *target = sigla_tei_attribute (c, "target");
          gint64 id;

          if (!sigla_tei_refs_resolve (reader->refs, c, target, SIGLA_KIND_PERSON, &id, error))
            return FALSE;
          if (id == 0)
            continue;
          if (g_strcmp0 (type, "speaker") == 0)
            claim->speaker_id = id;
          else if (g_strcmp0 (type, "reporter") == 0)
            claim->reporter_id = id;
          else if (g_strcmp0 (type, "about") == 0)
            g_array_append_val (claim->about, id);
        }
    }

  return TRUE;
}

/* Stand-off annotations by the first id they point at, in the file's order. */
static void
index_annotations (xmlNode    *node,
                   GHashTable *annotations)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      g_autofree char *target = NULL;
      const char *first;

      if (!sigla_tei_is_element (c, "annotation"))
        {
          if (c->type == XML_ELEMENT_NODE)
            index_annotations (c->children, annotations);
          continue;
        }

      target = sigla_tei_attribute (c, "target");
      first = first_target (target);
      if (first != NULL)
        {
          Annotation *annotation = g_new0 (Annotation, 1);

          annotation->node = c;
          annotation->order = g_hash_table_size (annotations);
          g_hash_table_insert (annotations, g_strndup (first, strcspn (first, " ")), annotation);
        }
    }
}

typedef struct
{
  guint       order;
  SiglaClaim *claim;
} PendingClaim;

/* Claims in the order of their stand-off annotations (the order they were
 * made), then any other said in text order. */
static int
compare_pending_claims (gconstpointer a,
                        gconstpointer b)
{
  const PendingClaim *x = a, *y = b;

  return (x->order > y->order) - (x->order < y->order);
}

static void
pending_claim_clear (gpointer data)
{
  PendingClaim *pending = data;

  g_clear_pointer (&pending->claim, sigla_claim_free);
}

static gboolean
read_annotations (Reader         *reader,
                  gint64          document_id,
                  SiglaTeiProjection *projection,
                  GHashTable     *annotations,
                  const char     *dated,
                  GError        **error)
{
  g_autoptr(GArray) claims = g_array_new (FALSE, FALSE, sizeof (PendingClaim));
  guint n_annotations = g_hash_table_size (annotations);
  GArray *all_marked = sigla_tei_projection_get_marked (projection);
  gint64 length;

  sigla_tei_projection_get_text (projection, &length);

  g_array_set_clear_func (claims, pending_claim_clear);

  for (guint i = 0; i < all_marked->len; i++)
    {
      SiglaTeiMarked *marked = &g_array_index (all_marked, SiglaTeiMarked, i);
      g_autofree char *id = NULL;
      Annotation *found;
      xmlNode *annotation;
      SiglaKind kind;
      gint64 start, end;

      /* A later piece belongs to the annotation its first piece starts. */
      if (marked->later)
        continue;

      id = sigla_tei_xml_id (marked->node);
      found = annotation_for (annotations, id);
      annotation = found != NULL ? found->node : NULL;
      start = marked->start;
      end = sigla_tei_projection_joined_end (projection, i);
      /* An empty element stands for the line break between two blocks. */
      if (start == end)
        {
          if (end < length)
            end++;
          else if (start > 0)
            start--;
        }

      if (sigla_tei_evidence_is_cited (marked->node))
        {
          sigla_tei_evidence_cite (reader->evidence, id, document_id, start, end);
          continue;
        }

      /* Another tool's said is a claim when it names who says it. */
      if (sigla_tei_is_element (marked->node, "said") &&
          (!reader->foreign || xmlHasProp (marked->node, BAD_CAST "who") != NULL))
        {
          PendingClaim pending = { found != NULL ? found->order : n_annotations + i, sigla_claim_new () };
          SiglaClaim *claim = pending.claim;

          claim->document_id = document_id;
          claim->start = start;
          claim->end = end;
          claim->created = g_strdup (dated);
          claim->modified = g_strdup (dated);
          g_array_append_val (claims, pending);
          if (!read_claim (reader, marked->node, annotation, claim, error))
            return FALSE;
          reader->report->claims++;
          continue;
        }

      if (mention_kind_of (reader, marked->node, &kind))
        {
          g_autoptr(SiglaMention) mention = sigla_mention_new ();
          g_autofree char *cert = sigla_tei_attribute (marked->node, "cert");

          mention->document_id = document_id;
          mention->kind = kind;
          mention->start = start;
          mention->end = end;
          mention->created = g_strdup (dated);
          mention->modified = g_strdup (dated);
          if (cert != NULL && (g_str_equal (cert, "high") || g_str_equal (cert, "medium") ||
                               g_str_equal (cert, "low") || g_str_equal (cert, "unknown")))
            mention->cert = g_steal_pointer (&cert);
          if (annotation != NULL)
            mention->note = sigla_tei_exact_text_of (sigla_tei_child (annotation, "note"));

          if (kind == SIGLA_KIND_DATE)
            {
              if (!sigla_tei_date_value (marked->node, &mention->when, &mention->not_before, &mention->not_after))
                {
                  sigla_tei_report_count (reader->report->not_understood, "date without a value", 1);
                  continue;
                }
              reader->report->dates++;
            }
          else
            {
              if (!sigla_tei_refs_resolve_node (reader->refs, marked->node, kind, &mention->entity_id, error))
                return FALSE;
              reader->report->names++;
              reader->report->names_linked += mention->entity_id != 0;
            }

          if (!sigla_mention_insert (reader->project, mention, error))
            {
              g_prefix_error (error, _("Cannot import “%s”: line %ld: "), reader->path,
                              xmlGetLineNo (marked->node));
              return FALSE;
            }
        }
    }

  g_array_sort (claims, compare_pending_claims);
  for (guint i = 0; i < claims->len; i++)
    if (!sigla_claim_insert (reader->project, g_array_index (claims, PendingClaim, i).claim, error))
      {
        g_prefix_error (error, _("Cannot import “%s”: "), reader->path);
        return FALSE;
      }

  return TRUE;
}

/* -- documents ------------------------------------------------------------ */

static void
add_kept_out_cb (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  sigla_tei_report_count (user_data, key, GPOINTER_TO_UINT (value));
}

/* One TEI as a document: the reading text of its <text>, the metadata of
 * its header. A TEI with no text but records or letters is read for them
 * alone: *@id is 0 then. */
static gboolean
read_tei (Reader       *reader,
          xmlNode      *tei,
          GBytes       *source,
          GHashTable   *annotations,
          gint64       *id,
          GError      **error)
{
  g_autoptr(SiglaDocument) document = sigla_tei_header_read (tei, reader->path, reader->foreign);
  g_autofree char *dated = sigla_tei_header_annotation_date (document);
  g_autoptr(SiglaTeiProjection) projection =
    sigla_tei_project (sigla_tei_child (tei, "text"), reader->reading);
  GArray *blocks = sigla_tei_projection_get_blocks (projection);
  SiglaTeiReport *report = reader->report;
  gsize source_size;
  const guint8 *source_data = g_bytes_get_data (source, &source_size);
  gint64 length;

  *id = 0;
  sigla_tei_projection_get_text (projection, &length);
  report->blocks += blocks->len;
  report->notes += sigla_tei_projection_get_n_notes (projection);
  report->alternatives += sigla_tei_projection_get_n_alternatives (projection);
  g_hash_table_foreach (sigla_tei_projection_get_kept_out (projection), add_kept_out_cb, report->kept_out);

  if (length == 0)
    {
      if (report->entities > 0 || report->letters > 0)
        return TRUE;
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY,
                   _("Cannot import “%s”: line %ld: the TEI holds no text (in <text>), no registry "
                     "(listPerson, listPlace, listOrg) and no letters (correspDesc)"),
                   reader->path, xmlGetLineNo (tei));
      return FALSE;
    }

  document->length = length;
  document->text = sigla_tei_projection_steal_text (projection);
  /* Another tool's file is read again on export: the same reading, whatever the setting is then. */
  if (reader->foreign)
    document->reading = g_strdup (sigla_tei_reading_to_string (reader->reading));
  if (!sigla_document_insert (reader->project, document, blocks, source_data, source_size, error))
    {
      g_prefix_error (error, _("Cannot import “%s”: "), reader->path);
      return FALSE;
    }

  if (!read_annotations (reader, document->id, projection, annotations, dated, error))
    return FALSE;

  report->documents++;
  *id = document->id;
  return TRUE;
}

/* -- the file -------------------------------------------------------------- */

/* A member of another tool's corpus as a TEI file of its own: its namespace
 * declared on it, the corpus's language its own unless it says otherwise. */
static GBytes *
member_source (xmlNode *tei)
{
  xmlDoc *copy = xmlNewDoc (BAD_CAST "1.0");
  xmlNode *root = xmlDocCopyNode (tei, copy, 1);
  xmlChar *lang = xmlNodeGetLang (tei);
  xmlChar *dumped = NULL;
  int size = 0;
  GBytes *bytes;

  xmlDocSetRootElement (copy, root);
  xmlReconciliateNs (copy, root);
  if (lang != NULL && !xmlHasNsProp (root, BAD_CAST "lang", XML_XML_NAMESPACE))
    xmlNodeSetLang (root, lang);
  xmlDocDumpMemoryEnc (copy, &dumped, &size, "UTF-8");
  bytes = g_bytes_new (dumped, size);
  xmlFree (dumped);
  xmlFree (lang);
  xmlFreeDoc (copy);
  return bytes;
}

static gboolean
read_root (Reader      *reader,
           xmlDoc      *doc,
           xmlNode     *root,
           GBytes      *bytes,
           gint64      *first,
           GError     **error)
{
  g_autoptr(GHashTable) annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean any = FALSE;

  reader->foreign = !sigla_tei_is_own (root);
  if (reader->foreign)
    {
      g_autofree char *reading = sigla_settings_get (reader->project, SIGLA_SETTING_TEI_READING, error);

      if (reading == NULL)
        return FALSE;
      reader->reading = sigla_tei_reading_from_string (reading);
    }
  reader->refs = sigla_tei_refs_new (reader->project, reader->path, !reader->foreign, reader->report, error);
  if (reader->refs == NULL ||
      !collect_ids (reader, root, error) ||
      !sigla_tei_refs_read_registry (reader->refs, root, error))
    return FALSE;

  index_annotations (root, annotations);
  reader->evidence = sigla_tei_evidence_new (reader->project, reader->refs, reader->ids);

  if (sigla_tei_is_element (root, "TEI"))
    return read_tei (reader, root, bytes, annotations, first, error) &&
           sigla_tei_evidence_read (reader->evidence, root, reader->report, error);

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      xmlBuffer *buffer;
      g_autoptr(GBytes) part = NULL;
      gint64 id;

      if (!sigla_tei_is_element (c, "TEI"))
        continue;

      /* Each document keeps its own part of the corpus as its source: another
       * tool's as a file of its own, with the namespace and language it inherits. */
      if (reader->foreign)
        part = member_source (c);
      else
        {
          buffer = xmlBufferCreate ();
          xmlNodeDump (buffer, doc, c, 0, 0);
          part = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
          xmlBufferFree (buffer);
        }

      if (!read_tei (reader, c, part, annotations, &id, error))
        return FALSE;
      any = TRUE;
      if (*first == 0)
        *first = id;
    }

  if (!any)
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_EMPTY, _("Cannot import “%s”: the corpus holds no TEI"),
                   reader->path);
      return FALSE;
    }
  return sigla_tei_evidence_read (reader->evidence, root, reader->report, error);
}

/**
 * sigla_tei_read:
 * @path: the file's name, for messages and the document's source name
 * @bytes: the file's contents
 * @report: (nullable): told what was read, linked and kept in the tree only
 * @first_document: (out) (optional): the first document's id; 0 for a file
 *   that holds only registries or letters
 *
 * Reads a TEI file (one TEI, or a teiCorpus of them) into the project,
 * inside the caller's action: each TEI becomes a document with its
 * metadata, its registry's people, places and organisations become
 * entities, and the text's names, dates and said become mentions and claims.
 * A file is refused only when it is not XML or not TEI, or holds nothing
 * Sigla reads.
 *
 * Returns: %FALSE with @error set if the file is refused
 */
gboolean
sigla_tei_read (SiglaProject    *project,
                const char      *path,
                GBytes          *bytes,
                SiglaTeiReport  *report,
                gint64          *first_document,
                GError         **error)
{
  g_autoptr(SiglaTeiReport) own_report = report == NULL ? sigla_tei_report_new () : NULL;
  g_auto(Reader) reader = { project, path, FALSE, SIGLA_TEI_READING_EDITED,
                            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                            NULL, report != NULL ? report : own_report, NULL };
  xmlDoc *doc = sigla_tei_parse (path, bytes, error);
  xmlNode *root;
  gint64 first = 0;
  gboolean read;

  if (first_document != NULL)
    *first_document = 0;
  if (doc == NULL)
    return FALSE;

  root = xmlDocGetRootElement (doc);
  if (!sigla_tei_is_element (root, "TEI") && !sigla_tei_is_element (root, "teiCorpus"))
    {
      g_set_error (error, SIGLA_ERROR, SIGLA_ERROR_INVALID,
                   _("Cannot import “%s”: it is XML but not TEI (its root is <%s>, where TEI's is "
                     "<TEI> or <teiCorpus>)"), path,
                   root != NULL ? (const char *) root->name : "nothing");
      xmlFreeDoc (doc);
      return FALSE;
    }

  read = read_root (&reader, doc, root, bytes, &first, error);
  xmlFreeDoc (doc);
  if (read && first_document != NULL)
    *first_document = first;
  return read;
}
