/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-alternatives.c: the readings another edition's TEI has but the reading text does
 * not show, read again from the file kept in the project, for a reader who asks. */

#define G_LOG_DOMAIN "sigla-tei-alternatives"

#include <string.h>

#include "sigla-tei-alternatives.h"
#include "sigla-tei-projection.h"

void
sigla_tei_alternative_free (SiglaTeiAlternative *alternative)
{
  if (alternative == NULL)
    return;
  g_free (alternative->shown);
  g_free (alternative->other);
  g_free (alternative->other_text);
  g_free (alternative->witness);
  g_free (alternative);
}

/**
 * sigla_tei_alternatives_read:
 * @source: the file a document was imported from
 * @text: the document's reading text
 * @reading: (nullable): the reading it shows ("edited", "diplomatic")
 *
 * Reads the file again (with nothing fetched, no entity read) and lists the
 * readings its text does not show. Touches no project: safe in a thread.
 *
 * Returns: (transfer full) (element-type SiglaTeiAlternative) (nullable):
 *   the other readings by where they stand, or %NULL when the file is not
 *   another tool's TEI, or no longer reads as @text
 */
GPtrArray *
sigla_tei_alternatives_read (GBytes     *source,
                             const char *text,
                             const char *reading)
{
  g_autoptr(GPtrArray) alternatives = NULL;
  g_autoptr(SiglaTeiProjection) projection = NULL;
  xmlDoc *doc;
  xmlNode *tei;
  GArray *others;

  if (!sigla_tei_looks_like_xml (source) || (doc = sigla_tei_parse ("", source, NULL)) == NULL)
    return NULL;

  tei = xmlDocGetRootElement (doc);
  if (sigla_tei_is_element (tei, "TEI") && !sigla_tei_is_own (tei))
    projection = sigla_tei_project (sigla_tei_child (tei, "text"), sigla_tei_reading_from_string (reading));
  if (projection == NULL || g_strcmp0 (sigla_tei_projection_get_text (projection, NULL), text) != 0)
    {
      g_clear_pointer (&projection, sigla_tei_projection_free);
      xmlFreeDoc (doc);
      return NULL;
    }

  others = sigla_tei_projection_get_other_readings (projection);
  alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) sigla_tei_alternative_free);
  for (guint k = 0; k < others->len; k++)
    {
      const SiglaTeiOtherReading *other = &g_array_index (others, SiglaTeiOtherReading, k);
      SiglaTeiAlternative *alternative = g_new0 (SiglaTeiAlternative, 1);
      char *words = sigla_tei_text_of (other->other);

      alternative->start = other->start;
      alternative->end = other->end;
      alternative->shown = g_strdup (other->shown != NULL ? (const char *) other->shown->name : "");
      alternative->other = g_strdup ((const char *) other->other->name);
      alternative->other_text = words != NULL ? words : g_strdup ("");
      alternative->witness = sigla_tei_attribute (other->other, "wit");
      g_ptr_array_add (alternatives, alternative);
    }

  g_clear_pointer (&projection, sigla_tei_projection_free);
  xmlFreeDoc (doc);
  return g_steal_pointer (&alternatives);
}
