/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-occurrences.c: every place the texts name an entity, by any of its names, with what
 * stands there already; and tagging the ones chosen as one action, one undo.
 *
 * The words are found through the search index, so that what finds a name in a search finds
 * it here: whole words, whatever their case, diacritics, punctuation or line breaks between
 * them ("Kim Il-sung", "KIM IL SUNG", "Stalin’s"). A hit within a longer one of another name
 * ("Kim" in "Kim Il Sung") is the longer one's. */

#define G_LOG_DOMAIN "sigla-occurrences"

#include <glib/gi18n-lib.h>

#include "sigla-claim.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-mention.h"
#include "sigla-occurrences.h"
#include "sigla-project-private.h"
#include "sigla-search.h"
#include "sigla-text.h"

void
sigla_occurrence_free (SiglaOccurrence *occurrence)
{
  if (occurrence == NULL)
    return;

  g_free (occurrence->words);
  g_free (occurrence->snippet);
  g_free (occurrence);
}

static const char * const state_names[] = {
  [SIGLA_OCCURRENCE_NEW] = "new",
  [SIGLA_OCCURRENCE_TAGGED] = "tagged",
  [SIGLA_OCCURRENCE_OTHER] = "other",
  [SIGLA_OCCURRENCE_INSIDE] = "inside",
  [SIGLA_OCCURRENCE_CROSSING] = "crossing",
};

const char *
sigla_occurrence_state_to_string (SiglaOccurrenceState state)
{
  return state_names[state];
}

/* Whether tagging all takes @occurrence unless the user leaves it out: words
 * no mention has, or within a longer one (a place in an organisation's name).
 * Words that name something else, or cross another mention, only if chosen. */
gboolean
sigla_occurrence_is_proposed (const SiglaOccurrence *occurrence)
{
  return occurrence->state == SIGLA_OCCURRENCE_NEW || occurrence->state == SIGLA_OCCURRENCE_INSIDE;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const SiglaSearchHit *x = *(SiglaSearchHit **) a, *y = *(SiglaSearchHit **) b;

  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (y->end > x->end) - (y->end < x->end);   /* the longest first */
}

/* The names to look for: those given, else the entity's own and its aliases. */
static GStrv
names_of (SiglaProject        *project,
          gint64               entity_id,
          const char * const  *names,
          GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(SiglaEntity) entity = NULL;

  if (names != NULL)
    {
      g_strv_builder_addv (builder, (const char **) names);
      return g_strv_builder_end (builder);
    }
  if ((entity = sigla_entity_get (project, entity_id, error)) == NULL)
    return NULL;

  g_strv_builder_add (builder, entity->label);
  for (guint i = 0; i < entity->aliases->len; i++)
    g_strv_builder_add (builder, ((SiglaAlias *) entity->aliases->pdata[i])->name);
  return g_strv_builder_end (builder);
}

/* What stands at @occurrence among @mentions (of its document): the mention
 * with the same words first, then one holding them, then one crossing them. */
static void
place_among (SiglaOccurrence *occurrence,
             GPtrArray       *mentions,
             gint64           entity_id)
{
  const SiglaMention *inside = NULL, *crossing = NULL;

  occurrence->state = SIGLA_OCCURRENCE_NEW;
  for (guint i = 0; i < mentions->len; i++)
    {
      const SiglaMention *m = mentions->pdata[i];

      if (m->end <= occurrence->start || m->start >= occurrence->end)
        continue;
      if (m->start == occurrence->start && m->end == occurrence->end)
        {
          gboolean same = entity_id != 0 && m->entity_id == entity_id;

          /* Of two mentions of the same words, this entity's says it. */
          if (occurrence->state != SIGLA_OCCURRENCE_TAGGED)
            {
              occurrence->state = same ? SIGLA_OCCURRENCE_TAGGED : SIGLA_OCCURRENCE_OTHER;
              occurrence->mention_id = m->id;
              occurrence->mention_kind = m->kind;
              occurrence->mention_entity_id = m->entity_id;
            }
        }
      else if (m->start <= occurrence->start && m->end >= occurrence->end)
        inside = inside != NULL ? inside : m;
      else if (m->start >= occurrence->start && m->end <= occurrence->end)
        ;   /* a shorter mention within the words: tagging them holds it */
      else
        crossing = crossing != NULL ? crossing : m;
    }

  if (occurrence->state != SIGLA_OCCURRENCE_NEW)
    return;
  if (crossing != NULL || inside != NULL)
    {
      const SiglaMention *m = crossing != NULL ? crossing : inside;

      occurrence->state = crossing != NULL ? SIGLA_OCCURRENCE_CROSSING : SIGLA_OCCURRENCE_INSIDE;
      occurrence->mention_id = m->id;
      occurrence->mention_kind = m->kind;
      occurrence->mention_entity_id = m->entity_id;
    }
}

static gboolean
meets_claim (const SiglaOccurrence *occurrence,
             GPtrArray             *claims)
{
  for (guint i = 0; i < claims->len; i++)
    {
      const SiglaClaim *c = claims->pdata[i];

      if (c->start < occurrence->end && c->end > occurrence->start)
        return TRUE;
    }
  return FALSE;
}

/* The text hits of @hits as occurrences, with what stands at each; only the
 * longest of hits within one another if @longest (then sorted so). */
static GPtrArray *
place_hits (SiglaProject  *project,
            GPtrArray     *hits,
            gint64         entity_id,
            gboolean       longest,
            GError       **error)
{
  g_autoptr(GPtrArray) occurrences = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_occurrence_free);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autofree char *text = NULL;
  gint64 read_document = 0;
  const SiglaSearchHit *kept = NULL;

  for (guint i = 0; i < hits->len; i++)
    {
      const SiglaSearchHit *hit = hits->pdata[i];
      SiglaOccurrence *occurrence;

      if (hit->in_title || hit->end <= hit->start)
        continue;
      /* Within a longer hit of the same document: that one's. */
      if (longest && kept != NULL && kept->document_id == hit->document_id && hit->start < kept->end)
        continue;
      kept = hit;

      if (hit->document_id != read_document)
        {
          g_autoptr(SiglaDocument) document = NULL;

          g_clear_pointer (&mentions, g_ptr_array_unref);
          g_clear_pointer (&claims, g_ptr_array_unref);
          g_clear_pointer (&text, g_free);
          if ((document = sigla_document_get (project, hit->document_id, error)) == NULL ||
              (mentions = sigla_mention_list (project, hit->document_id, error)) == NULL ||
              (claims = sigla_claim_list (project, hit->document_id, error)) == NULL)
            return NULL;
          text = g_steal_pointer (&document->text);
          read_document = hit->document_id;
        }

      occurrence = g_new0 (SiglaOccurrence, 1);
      occurrence->document_id = hit->document_id;
      occurrence->start = hit->start;
      occurrence->end = hit->end;
      occurrence->words = sigla_text_span (text, hit->start, hit->end);
      occurrence->snippet = g_strdup (hit->snippet);
      place_among (occurrence, mentions, entity_id);
      occurrence->in_claim = meets_claim (occurrence, claims);
      g_ptr_array_add (occurrences, occurrence);
    }

  return g_steal_pointer (&occurrences);
}

/**
 * sigla_occurrences_find:
 * @entity_id: the entity whose mentions count as "tagged", or 0 for none
 * @names: (array zero-terminated=1) (nullable): the names to look for;
 *   %NULL for the entity's name and aliases
 * @document_id: the one document to look in, or 0 for the whole project
 *
 * Finds every place the texts give one of the names (see
 * sigla_search_names()), and what stands there already: a mention of the
 * entity, of another, a longer mention around the words, a claim.
 *
 * Returns: (transfer full) (element-type SiglaOccurrence): by document, then
 *   in text order
 */
GPtrArray *
sigla_occurrences_find (SiglaProject        *project,
                        gint64               entity_id,
                        const char * const  *names,
                        gint64               document_id,
                        GError             **error)
{
  g_auto(GStrv) wanted = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_return_val_if_fail (entity_id > 0 || names != NULL, NULL);

  if ((wanted = names_of (project, entity_id, names, error)) == NULL ||
      (hits = sigla_search_names (project, (const char * const *) wanted, document_id, error)) == NULL)
    return NULL;
  g_ptr_array_sort (hits, compare_hits);
  return place_hits (project, hits, entity_id, TRUE, error);
}

/**
 * sigla_occurrences_of_hits:
 * @hits: (element-type SiglaSearchHit): a search's hits, as sigla_search()
 *   gives them
 *
 * What stands at each hit in a text (those in titles are left out): a
 * mention of the same words, a longer one around them, one crossing them, a
 * claim; for a search's list to say whether its hits are tagged, and as what.
 *
 * Returns: (transfer full) (element-type SiglaOccurrence): in the hits' order
 */
GPtrArray *
sigla_occurrences_of_hits (SiglaProject  *project,
                           GPtrArray     *hits,
                           GError       **error)
{
  return place_hits (project, hits, 0, FALSE, error);
}

/**
 * sigla_occurrence_describe:
 * @other: the label of the entity the mention it meets names, or %NULL for
 *   a date or none
 *
 * Returns: (transfer full) (nullable): what stands at @occurrence, in a few
 *   words for a list ("Tagged as Kaesong County"); %NULL for nothing
 */
char *
sigla_occurrence_describe (const SiglaOccurrence *occurrence,
                           const char            *other)
{
  switch (occurrence->state)
    {
    case SIGLA_OCCURRENCE_NEW:
      return NULL;
    case SIGLA_OCCURRENCE_TAGGED:
      return g_strdup (_("Tagged already"));
    case SIGLA_OCCURRENCE_OTHER:
      if (other != NULL)
        return g_strdup_printf (_("Tagged as %s"), other);
      return g_strdup (occurrence->mention_kind == SIGLA_KIND_DATE ? _("Tagged as a date") : _("Tagged, not identified"));
    case SIGLA_OCCURRENCE_INSIDE:
      if (other != NULL)
        return g_strdup_printf (_("Within “%s”"), other);
      return g_strdup (occurrence->mention_kind == SIGLA_KIND_DATE ? _("Within a date") : _("Within another mention"));
    case SIGLA_OCCURRENCE_CROSSING:
    default:
      return g_strdup (_("Crosses another mention"));
    }
}

/**
 * sigla_occurrences_tag:
 * @occurrences: (element-type SiglaOccurrence): those to tag, as found
 * @n_tagged: (out) (optional): how many mentions were added
 *
 * Tags each of @occurrences as a mention of the entity, as one action that
 * one undo takes back; words already tagged as it are left as they are.
 */
gboolean
sigla_occurrences_tag (SiglaProject  *project,
                       gint64         entity_id,
                       GPtrArray     *occurrences,
                       guint         *n_tagged,
                       GError       **error)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_get (project, entity_id, error);
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autofree char *label = NULL;
  gint64 read_document = 0;

  if (n_tagged != NULL)
    *n_tagged = 0;
  if (entity == NULL)
    return FALSE;

  /* As the project stands now, which may have changed since they were found;
   * with nothing to tag, no action to undo. */
  for (guint i = 0; i < occurrences->len; i++)
    {
      SiglaOccurrence *occurrence = occurrences->pdata[i];
      SiglaOccurrence now = *occurrence;

      if (occurrence->document_id != read_document)
        {
          g_clear_pointer (&mentions, g_ptr_array_unref);
          if ((mentions = sigla_mention_list (project, occurrence->document_id, error)) == NULL)
            return FALSE;
          read_document = occurrence->document_id;
        }
      place_among (&now, mentions, entity_id);
      /* The same words given twice are tagged once. */
      if (now.state != SIGLA_OCCURRENCE_TAGGED &&
          g_hash_table_add (chosen, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                     occurrence->document_id, occurrence->start, occurrence->end)))
        g_ptr_array_add (todo, occurrence);
    }
  if (todo->len == 0)
    return TRUE;

  label = g_strdup_printf ("Tag All “%s”", entity->label);
  if (!sigla_project_begin_action (project, label, error))
    return FALSE;

  for (guint i = 0; i < todo->len; i++)
    {
      const SiglaOccurrence *occurrence = todo->pdata[i];
      g_autoptr(SiglaMention) mention = sigla_mention_new ();

      mention->document_id = occurrence->document_id;
      mention->start = occurrence->start;
      mention->end = occurrence->end;
      mention->kind = entity->kind;
      mention->entity_id = entity_id;
      if (!sigla_mention_insert (project, mention, error))
        {
          sigla_project_abort_action (project);
          return FALSE;
        }
    }

  if (!sigla_project_end_action (project, error))
    return FALSE;
  if (n_tagged != NULL)
    *n_tagged = todo->len;
  return TRUE;
}
