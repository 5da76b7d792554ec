/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-cli-util.h: what every command of sigla-cli shares: options, errors, JSON. */
#pragma once

#include <json-glib/json-glib.h>

#include "sigla-core.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

/* --json, which most commands take. */
extern gboolean opt_json;
extern const GOptionEntry json_entries[];

int           fail          (GError              *error);
int           usage_error   (const char          *usage,
                             const char          *message);
gboolean      parse_options (int                 *argc,
                             char              ***argv,
                             const GOptionEntry  *entries,
                             int                  n_args,
                             const char          *usage,
                             int                 *status);
gboolean      parse_number  (const char          *text,
                             guint64              minimum,
                             gint64              *number);
gboolean      parse_id      (const char          *text,
                             gint64              *id);
gboolean      parse_offset  (const char          *text,
                             gint64              *offset);
gboolean      parse_span    (char               **argv,
                             gint64              *document,
                             gint64              *start,
                             gint64              *end);
gboolean      read_path_list (const char         *list,
                              GPtrArray          *paths,
                              GError            **error);
SiglaProject *open_project  (const char          *path,
                             SiglaOpenFlags       flags,
                             GError             **error);
char         *line_field    (const char          *value);
void          print_json    (JsonBuilder         *builder);
void          add_string    (JsonBuilder         *builder,
                             const char          *name,
                             const char          *value);
void          add_int       (JsonBuilder         *builder,
                             const char          *name,
                             gint64               value);

G_END_DECLS
