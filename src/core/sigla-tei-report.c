/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-report.c: what a TEI import read, linked, and kept only in the tree. */

#define G_LOG_DOMAIN "sigla-tei-report"

#include <glib/gi18n-lib.h>

#include "sigla-tei-report.h"

SiglaTeiReport *
sigla_tei_report_new (void)
{
  SiglaTeiReport *report = g_new0 (SiglaTeiReport, 1);

  report->unlinked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->outside = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->kept_out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->not_understood = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return report;
}

void
sigla_tei_report_free (SiglaTeiReport *report)
{
  if (report == NULL)
    return;
  g_hash_table_unref (report->unlinked);
  g_hash_table_unref (report->outside);
  g_hash_table_unref (report->kept_out);
  g_hash_table_unref (report->not_understood);
  g_free (report);
}

/* Adds @n to @key's count in @table. */
void
sigla_tei_report_count (GHashTable *table,
                        const char *key,
                        guint       n)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (count + n));
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The table's keys, sorted, so that a report reads the same each time. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

static void
append_table (GString    *text,
              const char *heading,
              GHashTable *table)
{
  g_autoptr(GPtrArray) keys = sorted_keys (table);

  if (keys->len == 0)
    return;
  g_string_append_printf (text, "  %s:", heading);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (text, "%s %s (%u)", i > 0 ? "," : "", (const char *) keys->pdata[i],
                            GPOINTER_TO_UINT (g_hash_table_lookup (table, keys->pdata[i])));
  g_string_append_c (text, '\n');
}

/**
 * sigla_tei_report_to_text:
 *
 * Returns: (transfer full): the report as lines for a person to read, each
 *   starting with two spaces
 */
char *
sigla_tei_report_to_text (const SiglaTeiReport *report)
{
  GString *text = g_string_new ("");

  g_string_append_printf (text, "  %s: ", _("Text"));
  g_string_append_printf (text, ngettext ("%u document", "%u documents", report->documents), report->documents);
  g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u block", "%u blocks", report->blocks), report->blocks);
  g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u note", "%u notes", report->notes), report->notes);
  g_string_append_printf (text, "\n  %s: ", _("Annotations"));
  g_string_append_printf (text, ngettext ("%u name", "%u names", report->names), report->names);
  g_string_append_printf (text, _(" (%u linked)"), report->names_linked);
  g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u date", "%u dates", report->dates), report->dates);
  g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u claim", "%u claims", report->claims), report->claims);
  g_string_append_c (text, '\n');
  if (report->entities > 0 || report->letters > 0)
    {
      g_string_append_printf (text, "  %s: ", _("Registers"));
      g_string_append_printf (text, ngettext ("%u record", "%u records", report->entities), report->entities);
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u letter listed", "%u letters listed", report->letters),
                              report->letters);
      g_string_append_c (text, '\n');
    }
  if (report->alternatives > 0)
    g_string_append_printf (text, ngettext ("  %u other reading kept in the file\n",
                                            "  %u other readings kept in the file\n", report->alternatives),
                            report->alternatives);
  append_table (text, _("References to nothing, left unlinked"), report->unlinked);
  append_table (text, _("Records the file points to but lacks, each made an entity"), report->outside);
  append_table (text, _("Kept in the file only"), report->kept_out);
  append_table (text, _("Not understood, kept in the file"), report->not_understood);

  return g_string_free (text, FALSE);
}

static void
add_table (JsonBuilder *builder,
           const char  *name,
           GHashTable  *table)
{
  g_autoptr(GPtrArray) keys = sorted_keys (table);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint i = 0; i < keys->len; i++)
    {
      json_builder_set_member_name (builder, keys->pdata[i]);
      json_builder_add_int_value (builder, GPOINTER_TO_UINT (g_hash_table_lookup (table, keys->pdata[i])));
    }
  json_builder_end_object (builder);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Adds the report's members to the object @builder has open. */
void
sigla_tei_report_to_json (const SiglaTeiReport *report,
                          JsonBuilder          *builder)
{
  add_count (builder, "documents", report->documents);
  add_count (builder, "blocks", report->blocks);
  add_count (builder, "notes", report->notes);
  add_count (builder, "names", report->names);
  add_count (builder, "names_linked", report->names_linked);
  add_count (builder, "dates", report->dates);
  add_count (builder, "claims", report->claims);
  add_count (builder, "registry_records", report->entities);
  add_count (builder, "letters", report->letters);
  add_count (builder, "other_readings", report->alternatives);
  add_table (builder, "unlinked", report->unlinked);
  add_table (builder, "outside", report->outside);
  add_table (builder, "kept_out", report->kept_out);
  add_table (builder, "not_understood", report->not_understood);
}
