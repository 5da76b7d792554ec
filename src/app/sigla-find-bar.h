/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-find-bar.h: finding words in the document shown (Ctrl+F): each match selected in the
 * text, ready to tag. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SIGLA_TYPE_FIND_BAR (sigla_find_bar_get_type ())

G_DECLARE_FINAL_TYPE (SiglaFindBar, sigla_find_bar, SIGLA, FIND_BAR, AdwBin)

void     sigla_find_bar_set_text_view (SiglaFindBar *self,
                                       GtkTextView  *text_view);
void     sigla_find_bar_start         (SiglaFindBar *self);
gboolean sigla_find_bar_step          (SiglaFindBar *self,
                                       gboolean      forward);

G_END_DECLS
