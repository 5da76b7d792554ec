/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-a11y.h: what GTK 4.8 and libadwaita 1.2 leave out of the accessible tree, put in. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void sigla_a11y_set_row   (GtkWidget       *row,
                           const char      *title,
                           const char      *subtitle);
void sigla_a11y_mend      (GtkWidget       *root);
void sigla_a11y_add_toast (AdwToastOverlay *overlay,
                           AdwToast        *toast);

G_END_DECLS
