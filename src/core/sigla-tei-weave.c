/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-weave.c: exports another tool's TEI as that tree, with the project's annotations
 * woven in.
 *
 * The file's own markup is the edition: it is kept whole. A name or date the file already
 * marks and the project still has stays as it is; retagged, relinked or redated it is
 * changed in place; deleted, its element is taken away and its words stay. A new one
 * becomes a persName, placeName, orgName or date (a claim a said) with @ref, wrapped
 * around its words and cut in pieces joined by @next/@prev where the tree asks. The
 * entities they point to go into the file's own listPerson, listPlace or listOrg (matched
 * by xml:id, reference or authority URI), else into a standOff of their own. Everything
 * Sigla adds bears @resp pointing to a respStmt it adds to the titleStmt, so that taking
 * those away gives back the file as it was. A document no one annotated exports as the
 * bytes it was imported from. */

#define G_LOG_DOMAIN "sigla-tei-weave"

#include <glib/gi18n-lib.h>
#include <libxml/xmlsave.h>
#include <string.h>

#include "sigla-claim.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-mention.h"
#include "sigla-tei-refs.h"
#include "sigla-tei-weave.h"
#include "sigla-tei-weaver.h"
#include "sigla-tei-wrap.h"


static const char * const annotation_names[] = { "persName", "placeName", "orgName", "date", "rs", "name", "said" };

/* The kind of a said in the candidates: no mention's. */
#define SAID_KIND ((SiglaKind) -1)

/* An element of the file that the reader made a mention (or claim) of. */
typedef struct
{
  xmlNode   *node;      /* the element, or its first piece */
  GPtrArray *pieces;    /* xmlNode *: every piece, the first included */
  SiglaKind  kind;
  gboolean   matched;
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_ptr_array_unref (candidate->pieces);
  g_free (candidate);
}

static void
weaver_clear (Weaver *w)
{
  g_clear_pointer (&w->projection, sigla_tei_projection_free);
  g_clear_pointer (&w->refs, sigla_tei_refs_free);
  g_clear_pointer (&w->ids, g_hash_table_unref);
  g_clear_pointer (&w->entities, g_hash_table_unref);
  g_clear_pointer (&w->added, g_hash_table_unref);
  g_clear_pointer (&w->lists, g_hash_table_unref);
  g_clear_pointer (&w->annotation_names, g_hash_table_unref);
  g_clear_pointer (&w->resp_id, g_free);
  g_clear_pointer (&w->resp, g_free);
  g_clear_pointer (&w->doc, xmlFreeDoc);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Weaver, weaver_clear)

/* Every xml:id of the file, and the first list of each kind: where records go. */
static void
collect_ids_and_lists (Weaver  *w,
                       xmlNode *node)
{
  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      char *id;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if ((id = sigla_tei_xml_id (c)) != NULL)
        g_hash_table_add (w->ids, id);
      if (c->name[0] == 'l' && !g_hash_table_contains (w->lists, c->name) &&
          (sigla_tei_is_element (c, "listPerson") || sigla_tei_is_element (c, "listPlace") ||
           sigla_tei_is_element (c, "listOrg")))
        g_hash_table_insert (w->lists, (gpointer) c->name, c);
      collect_ids_and_lists (w, c->children);
    }
}

/* -- names and dates the file has --------------------------------------------- */

static const char *
element_of (SiglaKind kind)
{
  switch (kind)
    {
    case SIGLA_KIND_PERSON:
      return "persName";
    case SIGLA_KIND_PLACE:
      return "placeName";
    case SIGLA_KIND_ORG:
      return "orgName";
    case SIGLA_KIND_DATE:
    default:
      return "date";
    }
}

static void
set_date (xmlNode            *node,
          const SiglaMention *mention)
{
  static const char * const others[] = { "when-iso", "from", "to", "notBefore-iso", "notAfter-iso",
                                         "from-iso", "to-iso" };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    xmlUnsetProp (node, BAD_CAST others[i]);
  if (mention->when != NULL)
    xmlSetProp (node, BAD_CAST "when", BAD_CAST mention->when);
  else
    xmlUnsetProp (node, BAD_CAST "when");
  if (mention->not_before != NULL)
    xmlSetProp (node, BAD_CAST "notBefore", BAD_CAST mention->not_before);
  else
    xmlUnsetProp (node, BAD_CAST "notBefore");
  if (mention->not_after != NULL)
    xmlSetProp (node, BAD_CAST "notAfter", BAD_CAST mention->not_after);
  else
    xmlUnsetProp (node, BAD_CAST "notAfter");
}

/* The file's element for a mention it had (every piece of it): changed
 * where the project changed it. */
static gboolean
update_candidate (Weaver              *w,
                  Candidate           *candidate,
                  const SiglaMention  *mention,
                  GError             **error)
{
  xmlNode *node = candidate->node;
  gboolean retag = candidate->kind != mention->kind;
  gboolean redate = FALSE, relink = FALSE;
  g_autofree char *ref = NULL;

  if (mention->kind == SIGLA_KIND_DATE)
    {
      g_autofree char *when = NULL, *not_before = NULL, *not_after = NULL;

      sigla_tei_date_value (node, &when, &not_before, &not_after);
      redate = retag || g_strcmp0 (when, mention->when) != 0 || g_strcmp0 (not_before, mention->not_before) != 0 ||
               g_strcmp0 (not_after, mention->not_after) != 0;
    }
  else
    {
      gint64 linked = 0;

      if (!sigla_tei_refs_resolve_node (w->refs, node, mention->kind, &linked, error))
        return FALSE;
      relink = linked != mention->entity_id;
      if (relink)
        ref = sigla_tei_weaver_ref_to (w, mention->entity_id);
    }

  for (guint i = 0; i < candidate->pieces->len; i++)
    {
      xmlNode *piece = candidate->pieces->pdata[i];

      /* Retagged: a typed name keeps its element, a name element is renamed. */
      if (retag && (sigla_tei_is_element (piece, "rs") || sigla_tei_is_element (piece, "name")))
        xmlSetProp (piece, BAD_CAST "type", BAD_CAST sigla_kind_to_string (mention->kind));
      else if (retag)
        xmlNodeSetName (piece, BAD_CAST element_of (mention->kind));
      if (redate)
        set_date (piece, mention);
      if (relink)
        {
          xmlUnsetProp (piece, BAD_CAST "key");
          if (ref != NULL)
            xmlSetProp (piece, BAD_CAST "ref", BAD_CAST ref);
          else
            xmlUnsetProp (piece, BAD_CAST "ref");
        }
    }
  w->changed = w->changed || retag || redate || relink;
  return TRUE;
}

/* A name the project no longer has: its element goes, its words stay. */
static void
unwrap (xmlNode *node)
{
  while (node->children != NULL)
    {
      xmlNode *child = node->children;

      xmlUnlinkNode (child);
      /* Linked by hand: libxml2 would merge text nodes. */
      child->parent = node->parent;
      child->prev = node->prev;
      child->next = node;
      if (node->prev != NULL)
        node->prev->next = child;
      else
        node->parent->children = child;
      node->prev = child;
    }
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* A span as one key: a reading text has fewer than 2^31 code points. */
static gint64 *
span_key (gint64 start,
          gint64 end)
{
  gint64 key = (start << 32) | (end & 0xFFFFFFFF);

  return g_memdup2 (&key, sizeof key);
}

/* The elements the reader made mentions of, by their span. */
static GHashTable *
index_candidates (Weaver *w)
{
  GHashTable *by_span = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  GArray *marked = sigla_tei_projection_get_marked (w->projection);
  g_autoptr(GHashTable) claimed = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < marked->len; i++)
    {
      const SiglaTeiMarked *m = &g_array_index (marked, SiglaTeiMarked, i);
      g_autofree char *when = NULL, *not_before = NULL, *not_after = NULL;
      Candidate *candidate;
      GPtrArray *list;
      gint64 *key;
      SiglaKind kind;

      /* Most of what is marked is hi, seg, corr …: a look at the name first. */
      if (!g_hash_table_contains (w->annotation_names, m->node->name))
        continue;
      /* A piece cut from an element goes with the element's first piece, as the reader read it. */
      if (m->later)
        continue;
      /* A said with @who is a claim: kept, matched by its span. */
      if (sigla_tei_is_element (m->node, "said") && xmlHasProp (m->node, BAD_CAST "who") != NULL)
        kind = SAID_KIND;
      else if (!sigla_tei_mention_kind (m->node, TRUE, &kind) || m->start == m->end)
        continue;
      if (kind == SIGLA_KIND_DATE && !sigla_tei_date_value (m->node, &when, &not_before, &not_after))
        continue;

      candidate = g_new0 (Candidate, 1);
      candidate->node = m->node;
      candidate->kind = kind;
      candidate->pieces = g_ptr_array_new ();
      g_ptr_array_add (candidate->pieces, m->node);
      for (guint next = m->next, steps = 0; next != 0 && steps < marked->len; steps++)
        {
          const SiglaTeiMarked *piece = &g_array_index (marked, SiglaTeiMarked, next - 1);

          /* A piece is one element's only: a loop of @next ends here. */
          if (!g_hash_table_add (claimed, piece->node))
            break;
          g_ptr_array_add (candidate->pieces, piece->node);
          next = piece->next;
        }
      key = span_key (m->start, sigla_tei_projection_joined_end (w->projection, i));
      list = g_hash_table_lookup (by_span, key);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (candidate_free);
          g_hash_table_insert (by_span, key, list);
        }
      else
        g_free (key);
      g_ptr_array_add (list, candidate);
    }
  return by_span;
}

static Candidate *
take_candidate (GHashTable         *by_span,
                const SiglaMention *mention)
{
  g_autofree gint64 *key = span_key (mention->start, mention->end);
  GPtrArray *list = g_hash_table_lookup (by_span, key);
  Candidate *other = NULL;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      Candidate *candidate = list->pdata[i];

      if (candidate->matched)
        continue;
      if (candidate->kind == mention->kind)
        {
          candidate->matched = TRUE;
          return candidate;
        }
      if (other == NULL && candidate->kind != SAID_KIND && mention->kind != SAID_KIND &&
          (candidate->kind == SIGLA_KIND_DATE) == (mention->kind == SIGLA_KIND_DATE))
        other = candidate;
    }
  if (other != NULL)
    other->matched = TRUE;
  return other;
}

/* -- new annotations ----------------------------------------------------------- */

/* Pieces of one span: ids and @next/@prev, so that a reader joins them. */
static void
join_pieces (Weaver     *w,
             GPtrArray  *pieces,
             const char *base)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (pieces->len < 2)
    return;
  for (guint i = 0; i < pieces->len; i++)
    {
      g_autofree char *wanted = g_strdup_printf ("%s.%u", base, i + 1);
      char *id = sigla_tei_weaver_new_id (w, wanted);

      sigla_tei_weaver_set_id (pieces->pdata[i], id);
      g_ptr_array_add (ids, id);
    }
  for (guint i = 0; i < pieces->len; i++)
    {
      if (i + 1 < pieces->len)
        {
          g_autofree char *next = g_strconcat ("#", (const char *) ids->pdata[i + 1], NULL);

          xmlSetProp (pieces->pdata[i], BAD_CAST "next", BAD_CAST next);
        }
      if (i > 0)
        {
          g_autofree char *prev = g_strconcat ("#", (const char *) ids->pdata[i - 1], NULL);

          xmlSetProp (pieces->pdata[i], BAD_CAST "prev", BAD_CAST prev);
        }
    }
}

static void
write_mention (Weaver             *w,
               GPtrArray          *pieces,
               const SiglaMention *mention)
{
  g_autofree char *ref = mention->kind != SIGLA_KIND_DATE ? sigla_tei_weaver_ref_to (w, mention->entity_id) : NULL;
  g_autofree char *base = g_strdup_printf ("sigla-m%" G_GINT64_FORMAT, mention->id);

  for (guint i = 0; i < pieces->len; i++)
    {
      xmlNode *piece = pieces->pdata[i];

      xmlSetProp (piece, BAD_CAST "resp", BAD_CAST w->resp);
      if (mention->kind == SIGLA_KIND_DATE)
        set_date (piece, mention);
      else if (ref != NULL)
        xmlSetProp (piece, BAD_CAST "ref", BAD_CAST ref);
      if (mention->cert != NULL && !g_str_equal (mention->cert, "unknown"))
        xmlSetProp (piece, BAD_CAST "cert", BAD_CAST mention->cert);
    }
  join_pieces (w, pieces, base);
}

static void
write_claim (Weaver           *w,
             GPtrArray        *pieces,
             const SiglaClaim *claim)
{
  g_autofree char *who = sigla_tei_weaver_ref_to (w, claim->speaker_id);
  g_autofree char *base = g_strdup_printf ("sigla-c%" G_GINT64_FORMAT, claim->id);
  g_autoptr(GString) target = g_string_new ("");

  for (guint i = 0; i < pieces->len; i++)
    {
      xmlSetProp (pieces->pdata[i], BAD_CAST "resp", BAD_CAST w->resp);
      if (who != NULL)
        xmlSetProp (pieces->pdata[i], BAD_CAST "who", BAD_CAST who);
    }
  join_pieces (w, pieces, base);
  if (pieces->len == 1)
    {
      g_autofree char *id = sigla_tei_weaver_new_id (w, base);

      sigla_tei_weaver_set_id (pieces->pdata[0], id);
    }
  for (guint i = 0; i < pieces->len; i++)
    {
      g_autofree char *id = sigla_tei_xml_id (pieces->pdata[i]);

      g_string_append_printf (target, "%s#%s", i > 0 ? " " : "", id);
    }

  /* What TEI has no inline place for: stance, certainty, paraphrase, whom it is about. */
  sigla_tei_weaver_annotate_claim (w, claim, target->str);
}

/* -- the document ---------------------------------------------------------------- */

static gboolean
weave (Weaver         *w,
       gint64          document_id,
       GError        **error)
{
  g_autoptr(GPtrArray) mentions = sigla_mention_list (w->project, document_id, error);
  g_autoptr(GPtrArray) claims = mentions != NULL ? sigla_claim_list (w->project, document_id, error) : NULL;
  g_autoptr(GHashTable) by_span = NULL;
  g_autoptr(SiglaTeiWrap) wrap = NULL;
  g_autoptr(GArray) mention_spans = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) claim_spans = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) deleted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (claims == NULL)
    return FALSE;

  by_span = index_candidates (w);
  wrap = sigla_tei_wrap_new (w->projection);

  /* Every place is found through the map before the tree changes. */
  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      Candidate *candidate = take_candidate (by_span, mention);
      int index = -1;

      if (candidate != NULL)
        {
          if (!update_candidate (w, candidate, mention, error))
            return FALSE;
        }
      else
        index = sigla_tei_wrap_add (wrap, mention->start, mention->end);
      g_array_append_val (mention_spans, index);
    }
  for (guint i = 0; i < claims->len; i++)
    {
      SiglaClaim *claim = claims->pdata[i];
      SiglaMention as_span = { .start = claim->start, .end = claim->end, .kind = SAID_KIND };
      int index = -1;

      if (take_candidate (by_span, &as_span) == NULL)
        index = sigla_tei_wrap_add (wrap, claim->start, claim->end);
      g_array_append_val (claim_spans, index);
    }

  g_hash_table_iter_init (&iter, by_span);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;

      /* A said's words are the edition's speech: it stays, claim or none. */
      for (guint i = 0; i < list->len; i++)
        if (!((Candidate *) list->pdata[i])->matched && ((Candidate *) list->pdata[i])->kind != SAID_KIND)
          g_ptr_array_extend (deleted, ((Candidate *) list->pdata[i])->pieces, NULL, NULL);
    }
  for (guint i = 0; i < deleted->len; i++)
    unwrap (deleted->pdata[i]);
  w->changed = w->changed || deleted->len > 0;

  sigla_tei_wrap_cut (wrap);
  for (guint i = 0; i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];
      int index = g_array_index (mention_spans, int, i);
      g_autoptr(GPtrArray) pieces = NULL;

      if (index < 0)
        continue;
      pieces = sigla_tei_wrap_apply (wrap, index, w->ns, element_of (mention->kind));
      write_mention (w, pieces, mention);
      w->changed = TRUE;
    }
  for (guint i = 0; i < claims->len; i++)
    {
      int index = g_array_index (claim_spans, int, i);
      g_autoptr(GPtrArray) pieces = NULL;

      if (index < 0)
        continue;
      pieces = sigla_tei_wrap_apply (wrap, index, w->ns, "said");
      if (pieces->len > 0)
        write_claim (w, pieces, claims->pdata[i]);
      w->changed = TRUE;
    }

  return TRUE;
}

typedef struct
{
  GOutputStream *output;
  GError        *error;
} Save;

static int
save_write_cb (void       *context,
               const char *buffer,
               int         length)
{
  Save *save = context;
  gsize written = 0;

  if (save->error != NULL ||
      !g_output_stream_write_all (save->output, buffer, length, &written, NULL, &save->error))
    return -1;
  return (int) written;
}

static int
save_close_cb (void *context)
{
  return 0;
}

/* The tree, straight into the stream: no copy of it in memory. */
static gboolean
save (xmlDoc         *doc,
      GOutputStream  *output,
      GError        **error)
{
  Save state = { output, NULL };
  xmlSaveCtxt *context = xmlSaveToIO (save_write_cb, save_close_cb, &state, "UTF-8", 0);
  long saved = context != NULL ? xmlSaveDoc (context, doc) : -1;

  if (context != NULL && xmlSaveClose (context) < 0)
    saved = -1;
  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }
  if (saved < 0)
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_FAILED, _("Cannot write the TEI"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (GOutputStream  *output,
           const void     *data,
           gsize           size,
           GError        **error)
{
  return g_output_stream_write_all (output, data, size, NULL, NULL, error);
}

/**
 * sigla_tei_weave:
 * @woven: (out): whether the document was another tool's TEI, and was written
 *
 * Writes a document imported from another tool's TEI as its tree with the
 * project's annotations woven in. Sigla's own TEI, any other source, a
 * document an older Sigla imported (it has no reading), and one whose
 * reading text its TEI no longer gives are not written: *@woven is %FALSE
 * then, for the caller to write it from the project.
 *
 * Returns: %FALSE with @error set if reading the project or writing failed
 */
gboolean
sigla_tei_weave (SiglaProject           *project,
                 gint64                  document_id,
                 const SiglaTeiOptions  *options,
                 GOutputStream          *output,
                 gboolean               *woven,
                 GError                **error)
{
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_auto(Weaver) w = { 0 };
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *reading = NULL;
  const char *text;

  /* Only another tool's TEI has a reading: any other document is not read twice. */
  *woven = FALSE;
  if (!sigla_document_get_reading (project, document_id, &reading, error))
    return FALSE;
  if (reading == NULL)
    return TRUE;
  if ((document = sigla_document_get (project, document_id, error)) == NULL ||
      (source = sigla_document_get_source (project, document_id, error)) == NULL)
    return FALSE;
  if (!sigla_tei_looks_like_xml (source))
    return TRUE;

  w.doc = sigla_tei_parse (document->source_name, source, &parse_error);
  w.tei = w.doc != NULL ? xmlDocGetRootElement (w.doc) : NULL;
  if (!sigla_tei_is_element (w.tei, "TEI") || sigla_tei_is_own (w.tei))
    return TRUE;

  w.projection = sigla_tei_project (sigla_tei_child (w.tei, "text"), sigla_tei_reading_from_string (document->reading));
  text = sigla_tei_projection_get_text (w.projection, NULL);
  /* The text and the bytes go before the tree is worked on: freeing a large
   * block once the tree's many small ones are free costs far more. */
  if (g_strcmp0 (text, document->text) == 0)
    {
      g_clear_pointer (&document->text, g_free);
      g_clear_pointer (&source, g_bytes_unref);
    }
  else
    {
      g_message ("Document %" G_GINT64_FORMAT " is written from the project: its TEI now reads otherwise",
                 document_id);
      return TRUE;
    }

  if ((entities = sigla_entity_list (project, error)) == NULL ||
      (w.refs = sigla_tei_refs_new (project, document->source_name, FALSE, NULL, error)) == NULL)
    return FALSE;

  w.project = project;
  w.annotator = options != NULL && options->annotator != NULL ? options->annotator : "Sigla";
  w.ns = w.tei->ns;
  w.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.entities = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) sigla_entity_free);
  w.added = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  w.lists = g_hash_table_new (g_str_hash, g_str_equal);
  w.annotation_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (annotation_names); i++)
    g_hash_table_add (w.annotation_names, (gpointer) annotation_names[i]);
  for (guint i = 0; i < entities->len; i++)
    g_hash_table_insert (w.entities, &((SiglaEntity *) entities->pdata[i])->id, entities->pdata[i]);
  g_ptr_array_set_free_func (entities, NULL);

  sigla_tei_refs_set_lookup_only (w.refs);
  if (!sigla_tei_refs_read_registry (w.refs, w.tei, error))
    return FALSE;
  collect_ids_and_lists (&w, w.tei);
  w.resp_id = sigla_tei_weaver_new_id (&w, "sigla");
  w.resp = g_strconcat ("#", w.resp_id, NULL);

  if (!weave (&w, document_id, error))
    return FALSE;

  *woven = TRUE;
  if (!w.changed)
    {
      gsize size;
      const void *data;

      if ((source = sigla_document_get_source (project, document_id, error)) == NULL)
        return FALSE;
      data = g_bytes_get_data (source, &size);
      return write_all (output, data, size, error);
    }

  sigla_tei_weaver_add_resp_stmt (&w);
  return save (w.doc, output, error);
}
