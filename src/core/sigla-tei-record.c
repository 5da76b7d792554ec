/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-record.c: a register's record as an entity: its names and variants, authority
 * numbers and URIs in the forms editions write them, coordinates in any of theirs, life dates. */

#define G_LOG_DOMAIN "sigla-tei-record"

#include <math.h>
#include <string.h>

#include "sigla-tei-record.h"
#include "sigla-text.h"

/* Prefixes whose meaning every edition shares, for files that use them
 * without a listPrefixDef. */
static const struct
{
  const char *prefix;
  const char *base;
} known_prefixes[] = {
  { "gnd", "https://d-nb.info/gnd/" },
  { "viaf", "https://viaf.org/viaf/" },
  { "wd", "http://www.wikidata.org/entity/" },
  { "wikidata", "http://www.wikidata.org/entity/" },
  { "geonames", "https://sws.geonames.org/" },
  { "getty", "http://vocab.getty.edu/tgn/" },
  { "tgn", "http://vocab.getty.edu/tgn/" },
  { "lc", "http://id.loc.gov/authorities/names/" },
  { "isni", "https://isni.org/isni/" },
  { "orcid", "https://orcid.org/" },
};

gboolean
sigla_tei_is_uri (const char *text)
{
  return text != NULL && (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://"));
}

/* -- coordinates and authority numbers ------------------------------------ */

/* A number as editions write it: "48.2083" or "48,2083". */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *dotted = g_strdup (text);
  char *end = NULL;

  g_strdelimit (dotted, ",", '.');
  *value = g_ascii_strtod (dotted, &end);
  return end != dotted && *end == '\0';
}

/* "48.2 16.3", "48.2, 16.3", "48,2 16,3" or "48.2,16.3": latitude then longitude. */
static gboolean
parse_geo (const char *text,
           double     *lat,
           double     *lon)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strchomp (g_strdelimit (parts[i], ";", ' '));
      if (g_str_has_suffix (parts[i], ","))
        parts[i][strlen (parts[i]) - 1] = '\0';
      if (parts[i][0] != '\0')
        g_ptr_array_add (numbers, parts[i]);
    }

  if (numbers->len == 1)
    {
      /* One token: the comma separates the two. */
      g_auto(GStrv) pair = g_strsplit (numbers->pdata[0], ",", -1);

      return g_strv_length (pair) == 2 && parse_number (pair[0], lat) && parse_number (pair[1], lon) &&
             fabs (*lat) <= 90 && fabs (*lon) <= 180;
    }

  return numbers->len == 2 && parse_number (numbers->pdata[0], lat) && parse_number (numbers->pdata[1], lon) &&
         fabs (*lat) <= 90 && fabs (*lon) <= 180;
}

/* The URI a prefix every edition shares stands for ("gnd" → the GND's), or NULL. */
const char *
sigla_tei_known_base (const char *prefix)
{
  g_autofree char *lower = g_ascii_strdown (prefix, -1);

  for (guint i = 0; i < G_N_ELEMENTS (known_prefixes); i++)
    if (g_str_equal (lower, known_prefixes[i].prefix))
      return known_prefixes[i].base;
  return NULL;
}

/* An idno as an authority URI: a URI, or a number of a known authority
 * ("<idno type="GND">118779362</idno>"). */
static char *
authority_of (const xmlNode *idno)
{
  g_autofree char *value = sigla_tei_text_of (idno);
  g_autofree char *type = sigla_tei_attribute (idno, "type");
  const char *base;

  if (value == NULL)
    return NULL;
  if (sigla_tei_is_uri (value))
    return g_steal_pointer (&value);
  base = type != NULL ? sigla_tei_known_base (type) : NULL;
  if (base != NULL && strchr (value, ' ') == NULL && strchr (value, '/') == NULL)
    return g_strconcat (base, value, NULL);
  return NULL;
}

/* -- records ------------------------------------------------------------------ */

/* The year of a birth or death: "1860", or "-44" BCE. */
static char *
year_of (const xmlNode *event)
{
  g_autofree char *when = NULL;

  if (event == NULL)
    return NULL;
  when = sigla_tei_attribute (event, "when");
  if (when == NULL)
    when = sigla_tei_attribute (event, "notBefore");
  if (when == NULL || strlen (when) < 4)
    return NULL;
  return g_strndup (when, when[0] == '-' ? 5 : 4);
}

/* "1862–1918" from a person's birth and death, as a description. */
static char *
life_dates (const xmlNode *person)
{
  g_autofree char *born = year_of (sigla_tei_child (person, "birth"));
  g_autofree char *died = year_of (sigla_tei_child (person, "death"));

  if (born == NULL && died == NULL)
    return NULL;
  return g_strdup_printf ("%s–%s", born != NULL ? born : "?", died != NULL ? died : "?");
}

static gboolean
is_name_of (const xmlNode *node,
            SiglaKind      kind)
{
  static const char * const name_elements[] = {
    [SIGLA_KIND_PERSON] = "persName",
    [SIGLA_KIND_PLACE] = "placeName",
    [SIGLA_KIND_ORG] = "orgName",
  };

  return sigla_tei_is_element (node, name_elements[kind]) || sigla_tei_is_element (node, "name") ||
         (kind == SIGLA_KIND_PLACE && (sigla_tei_is_element (node, "settlement") ||
                                       sigla_tei_is_element (node, "geogName") ||
                                       sigla_tei_is_element (node, "country")));
}

/**
 * sigla_tei_record_read:
 * @record: a person, place or org of a register
 *
 * Returns: (transfer full): the record as an entity, not yet in any project:
 *   names and variants, authority URIs, coordinates, notes and life dates
 */
SiglaEntity *
sigla_tei_record_read (const xmlNode *record,
                       SiglaKind      kind)
{
  g_autoptr(SiglaEntity) entity = sigla_entity_new (kind, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  int main_name = -1;

  entity->xml_id = sigla_tei_xml_id (record);

  for (xmlNode *c = record->children; c != NULL; c = c->next)
    {
      if (is_name_of (c, kind))
        {
          char *name = sigla_tei_text_of (c);
          char *type = sigla_tei_attribute (c, "type");

          if (name == NULL || g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            {
              g_free (name);
              g_free (type);
              continue;
            }
          if (main_name < 0 && (type == NULL || g_str_equal (type, "main") || g_str_equal (type, "pref") ||
                                g_str_equal (type, "preferred") || g_str_equal (type, "reg")))
            main_name = names->len;
          g_ptr_array_add (names, name);
          g_ptr_array_add (types, type);
        }
      else if (sigla_tei_is_element (c, "idno"))
        {
          char *uri = authority_of (c);

          if (uri != NULL && !g_ptr_array_find_with_equal_func (entity->authorities, uri, g_str_equal, NULL))
            g_ptr_array_add (entity->authorities, uri);
          else
            g_free (uri);
        }
      else if (sigla_tei_is_element (c, "location") && !entity->has_geo)
        {
          g_autofree char *geo = sigla_tei_text_of (sigla_tei_child (c, "geo"));

          entity->has_geo = geo != NULL && parse_geo (geo, &entity->lat, &entity->lon);
        }
      else if (sigla_tei_is_element (c, "note") || sigla_tei_is_element (c, "desc"))
        {
          g_autofree char *type = sigla_tei_attribute (c, "type");
          char **field = g_strcmp0 (type, "description") == 0 || sigla_tei_is_element (c, "desc")
                         ? &entity->description : &entity->note;

          sigla_text_keep_first (field, sigla_tei_exact_text_of (c));
        }
    }

  if (main_name < 0)
    main_name = 0;
  for (guint i = 0; i < names->len; i++)
    {
      if ((int) i == main_name)
        entity->label = g_strdup (names->pdata[i]);
      else
        sigla_entity_add_alias (entity, names->pdata[i], types->pdata[i]);
    }
  if (entity->label == NULL)
    entity->label = g_strdup (entity->xml_id != NULL ? entity->xml_id : sigla_kind_to_string (kind));
  if (kind == SIGLA_KIND_PERSON)
    sigla_text_keep_first (&entity->description, life_dates (record));

  return g_steal_pointer (&entity);
}
