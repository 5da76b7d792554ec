/* SPDX-License-Identifier: GPL-3.0-or-later */
/* window-test-util.h: what the tests of the window share: the sample in a window on screen,
 * widgets found in it, keys pressed, pixels rendered. */
#pragma once

#include <adwaita.h>

#include "sigla-window.h"

G_BEGIN_DECLS

void         run_pending      (void);
GtkWidget   *find_widget      (GtkWidget        *widget,
                               gboolean        (*match) (GtkWidget *widget, const char *title),
                               const char       *title);
gboolean     is_named         (GtkWidget        *widget,
                               const char       *name);
void         wait_until_shown (GtkWidget        *widget);
GdkTexture  *render           (GtkWidget        *widget);
void         save_screenshot  (GtkWidget        *widget,
                               const char       *name);
SiglaWindow *present_sample   (int               width,
                               int               height,
                               gboolean          dark);
void         press_key_in     (GtkWidget        *widget,
                               guint             keyval,
                               GdkModifierType   state);

G_END_DECLS
