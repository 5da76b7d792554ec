/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-writer-output.c: the XML a TEI export writes, element by element, with its
 * first error kept: later calls do nothing, and closing reports it. */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include <glib/gi18n-lib.h>

#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-tei-writer-private.h"

gboolean
sigla_tei_writer_check (Writer     *w,
                        int         rc,
                        const char *what)
{
  if (rc >= 0 || w->error != NULL)
    return w->error == NULL;

  g_set_error (&w->error, SIGLA_ERROR, SIGLA_ERROR_IO, _("Cannot write the TEI (%s)"), what);
  return FALSE;
}

void
sigla_tei_writer_start (Writer     *w,
                        const char *name)
{
  if (w->error == NULL)
    sigla_tei_writer_check (w, xmlTextWriterStartElement (w->writer, BAD_CAST name), name);
}

void
sigla_tei_writer_end (Writer *w)
{
  if (w->error == NULL)
    sigla_tei_writer_check (w, xmlTextWriterEndElement (w->writer), "end of element");
}

/* XML 1.0 has no place for most control characters, nor U+FFFE/U+FFFF
 * (its Char production; astral characters are fine):
 * they are written as U+FFFD, so the file stays well formed. */
static char *
xml_safe (const char *text)
{
  GString *safe = NULL;
  const guchar *byte = (const guchar *) text;

  /* Most text has nothing to replace: only a control byte, or 0xEF (the
   * lead byte of U+FFFE and U+FFFF), needs a closer look. */
  while (*byte != '\0' && (*byte >= 0x20 || *byte == '\t' || *byte == '\n' || *byte == '\r') &&
         *byte != 0xef && *byte != 0x7f)
    byte++;
  if (*byte == '\0')
    return NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xd7ff) ||
                         (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

      if (!allowed && safe == NULL)
        safe = g_string_new_len (text, p - text);
      if (safe != NULL)
        {
          if (allowed)
            g_string_append_unichar (safe, c);
          else
            g_string_append (safe, "\xef\xbf\xbd");
        }
    }

  return safe != NULL ? g_string_free (safe, FALSE) : NULL;
}

void
sigla_tei_writer_attribute (Writer     *w,
                            const char *name,
                            const char *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL || w->error != NULL)
    return;

  safe = xml_safe (value);
  sigla_tei_writer_check (w, xmlTextWriterWriteAttribute (w->writer, BAD_CAST name, BAD_CAST (safe != NULL ? safe : value)),
         name);
}

void
sigla_tei_writer_text (Writer     *w,
                       const char *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL || *value == '\0' || w->error != NULL)
    return;

  safe = xml_safe (value);
  sigla_tei_writer_check (w, xmlTextWriterWriteString (w->writer, BAD_CAST (safe != NULL ? safe : value)), "text");
}

void
sigla_tei_writer_text_len (Writer     *w,
                           const char *value,
                           gsize       length)
{
  g_autofree char *copy = g_strndup (value, length);

  sigla_tei_writer_text (w, copy);
}

/* White space between elements that hold no text, for people reading the file. */
void
sigla_tei_writer_indent (Writer *w,
                         int     depth)
{
  static const char spaces[] = "\n                                        ";

  if (w->error == NULL)
    sigla_tei_writer_check (w, xmlTextWriterWriteRawLen (w->writer, BAD_CAST spaces, 1 + MIN (depth, 40)), "indent");
}

void
sigla_tei_writer_element (Writer     *w,
                          int         depth,
                          const char *name,
                          const char *content)
{
  if (content == NULL)
    return;

  sigla_tei_writer_indent (w, depth);
  sigla_tei_writer_start (w, name);
  sigla_tei_writer_text (w, content);
  sigla_tei_writer_end (w);
}


/* "c.3", or "d2.c.3" in a corpus: ids of one document's own things. */
char *
sigla_tei_local_id (const DocumentData *data,
                    const char         *kind,
                    guint               n)
{
  return g_strdup_printf ("%s%s.%u", data->prefix, kind, n);
}

char *
sigla_tei_ref_to (const char *id)
{
  return id != NULL ? g_strconcat ("#", id, NULL) : NULL;
}

const char *
sigla_tei_writer_entity_id (Writer *w,
                            gint64  id)
{
  SiglaEntity *entity = id != 0 ? g_hash_table_lookup (w->entities, &id) : NULL;

  return entity != NULL ? entity->xml_id : NULL;
}

char *
sigla_tei_writer_entity_ref (Writer *w,
                             gint64  id)
{
  return sigla_tei_ref_to (sigla_tei_writer_entity_id (w, id));
}

/* -- output ------------------------------------------------------------------ */

static int
write_output_cb (void       *context,
                 const char *buffer,
                 int         length)
{
  Writer *w = context;
  gsize written = 0;

  if (!g_output_stream_write_all (w->output, buffer, length, &written, NULL,
                                  w->error == NULL ? &w->error : NULL))
    return -1;

  return (int) written;
}

static int
close_output_cb (void *context)
{
  return 0;
}

/* @entities: every entity of the project (sigla_entity_list()), which the
 * writer reads from and the caller keeps. */
gboolean
sigla_tei_writer_open (Writer                 *w,
                       const SiglaTeiOptions  *options,
                       GPtrArray              *entities,
                       GOutputStream          *output,
                       GError                **error)
{
  xmlOutputBufferPtr buffer;

  w->output = output;
  w->annotator = options != NULL && options->annotator != NULL ? options->annotator : "Sigla";
  w->entities = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      g_hash_table_insert (w->entities, &entity->id, entity);
    }

  buffer = xmlOutputBufferCreateIO (write_output_cb, close_output_cb, w, NULL);
  w->writer = xmlNewTextWriter (buffer);
  if (w->writer == NULL)
    {
      g_set_error_literal (error, SIGLA_ERROR, SIGLA_ERROR_FAILED, _("Cannot start writing the TEI"));
      return FALSE;
    }

  sigla_tei_writer_check (w, xmlTextWriterStartDocument (w->writer, "1.0", "UTF-8", NULL), "XML declaration");
  return TRUE;
}

/* Ends the document, flushes it to the stream, and reports the first error. */
gboolean
sigla_tei_writer_close (Writer  *w,
                        GError **error)
{
  if (w->writer != NULL)
    {
      if (w->error == NULL)
        sigla_tei_writer_check (w, xmlTextWriterEndDocument (w->writer), "end of document");
      xmlFreeTextWriter (w->writer);
      w->writer = NULL;
    }
  g_clear_pointer (&w->entities, g_hash_table_unref);
  g_clear_pointer (&w->asserters, g_ptr_array_unref);
  g_clear_pointer (&w->written, g_hash_table_unref);

  if (w->error != NULL)
    {
      g_propagate_error (error, w->error);
      w->error = NULL;
      return FALSE;
    }

  return TRUE;
}

