/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-wrap.h: puts a span of the reading text back into the tree as elements, in
 * pieces where the tree's structure asks for it. */
#pragma once

#include "sigla-tei-projection.h"

G_BEGIN_DECLS

typedef struct _SiglaTeiWrap SiglaTeiWrap;

SiglaTeiWrap *sigla_tei_wrap_new   (SiglaTeiProjection *projection);
void          sigla_tei_wrap_free  (SiglaTeiWrap       *wrap);
int           sigla_tei_wrap_add   (SiglaTeiWrap       *wrap,
                                    gint64              start,
                                    gint64              end);
void          sigla_tei_wrap_cut   (SiglaTeiWrap       *wrap);
GPtrArray    *sigla_tei_wrap_apply (SiglaTeiWrap       *wrap,
                                    int                 index,
                                    xmlNs              *ns,
                                    const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SiglaTeiWrap, sigla_tei_wrap_free)

G_END_DECLS
