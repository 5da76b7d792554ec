/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-tree.h: a TEI file as a tree: parsed with nothing fetched and no entity read, and
 * the small questions every reader of it asks (a child, an attribute, an element's words). */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "sigla-kind.h"

G_BEGIN_DECLS

#define SIGLA_TEI_NS "http://www.tei-c.org/ns/1.0"

gboolean  sigla_tei_is_element    (const xmlNode  *node,
                                   const char     *name);
xmlNode  *sigla_tei_child         (const xmlNode  *node,
                                   const char     *name);
xmlNode  *sigla_tei_descend       (const xmlNode  *node,
                                   ...) G_GNUC_NULL_TERMINATED;
char     *sigla_tei_attribute     (const xmlNode  *node,
                                   const char     *name);
char     *sigla_tei_xml_id        (const xmlNode  *node);
char     *sigla_tei_text_of       (const xmlNode  *node);
char     *sigla_tei_exact_text_of (const xmlNode  *node);
gboolean  sigla_tei_mention_kind  (const xmlNode  *node,
                                   gboolean        any_name,
                                   SiglaKind      *kind);
gboolean  sigla_tei_date_value    (const xmlNode  *node,
                                   char          **when,
                                   char          **not_before,
                                   char          **not_after);
gboolean  sigla_tei_is_own        (const xmlNode  *root);
void      sigla_tei_init          (void);
gboolean  sigla_tei_looks_like_xml (GBytes        *bytes);
xmlDoc   *sigla_tei_parse         (const char     *path,
                                   GBytes         *bytes,
                                   GError        **error);

G_END_DECLS
