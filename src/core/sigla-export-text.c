/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-export-text.c: what the exports share: the words an annotation covers, entities by id. */

#define G_LOG_DOMAIN "sigla-export"

#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-export-text.h"

/* Walks a document's text forwards, so that slicing annotations in text
 * order costs one pass, not one pass an annotation. */
struct _SiglaTextCursor
{
  SiglaProject  *project;
  SiglaDocument *document;
  const char    *position;    /* the byte of code point @offset */
  gint64         offset;
};

SiglaTextCursor *
sigla_text_cursor_new (SiglaProject *project)
{
  SiglaTextCursor *cursor = g_new0 (SiglaTextCursor, 1);

  cursor->project = g_object_ref (project);
  return cursor;
}

void
sigla_text_cursor_free (SiglaTextCursor *cursor)
{
  if (cursor == NULL)
    return;

  g_clear_object (&cursor->project);
  g_clear_pointer (&cursor->document, sigla_document_free);
  g_free (cursor);
}

static gboolean
load (SiglaTextCursor  *cursor,
      gint64            document_id,
      GError          **error)
{
  if (cursor->document != NULL && cursor->document->id == document_id)
    return TRUE;

  g_clear_pointer (&cursor->document, sigla_document_free);
  cursor->document = sigla_document_get (cursor->project, document_id, error);
  cursor->position = cursor->document != NULL ? cursor->document->text : NULL;
  cursor->offset = 0;
  return cursor->document != NULL;
}

/* The text of [start, end) in code points. */
char *
sigla_text_cursor_slice (SiglaTextCursor  *cursor,
                         gint64            document_id,
                         gint64            start,
                         gint64            end,
                         GError          **error)
{
  const char *to;

  if (!load (cursor, document_id, error))
    return NULL;

  if (start < cursor->offset)
    {
      cursor->position = cursor->document->text;
      cursor->offset = 0;
    }
  start = CLAMP (start, 0, cursor->document->length);
  end = CLAMP (end, start, cursor->document->length);

  cursor->position = g_utf8_offset_to_pointer (cursor->position, start - cursor->offset);
  cursor->offset = start;
  to = g_utf8_offset_to_pointer (cursor->position, end - start);

  return g_strndup (cursor->position, to - cursor->position);
}

const char *
sigla_text_cursor_title (SiglaTextCursor *cursor,
                         gint64           document_id)
{
  return load (cursor, document_id, NULL) ? cursor->document->title : NULL;
}

/**
 * sigla_export_entities_by_id:
 *
 * Returns: (transfer full): gint64 id → SiglaEntity, every entity of the project
 */
GHashTable *
sigla_export_entities_by_id (SiglaProject  *project,
                             GError       **error)
{
  g_autoptr(GPtrArray) entities = sigla_entity_list (project, error);
  GHashTable *by_id;

  if (entities == NULL)
    return NULL;

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) sigla_entity_free);
  for (guint i = 0; i < entities->len; i++)
    {
      SiglaEntity *entity = entities->pdata[i];

      g_hash_table_insert (by_id, &entity->id, entity);
    }
  g_ptr_array_set_free_func (entities, NULL);

  return by_id;
}
