/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-export-text.h: what the exports share: the words an annotation covers, entities by id. */
#pragma once

#include "sigla-project.h"

G_BEGIN_DECLS

typedef struct _SiglaTextCursor SiglaTextCursor;

SiglaTextCursor *sigla_text_cursor_new   (SiglaProject     *project);
void             sigla_text_cursor_free  (SiglaTextCursor  *cursor);
char            *sigla_text_cursor_slice (SiglaTextCursor  *cursor,
                                          gint64            document_id,
                                          gint64            start,
                                          gint64            end,
                                          GError          **error);
const char      *sigla_text_cursor_title (SiglaTextCursor  *cursor,
                                          gint64            document_id);
GHashTable      *sigla_export_entities_by_id (SiglaProject  *project,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaTextCursor, sigla_text_cursor_free)

G_END_DECLS
