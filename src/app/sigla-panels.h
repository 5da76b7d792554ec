/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-panels.h: the panels beside the text: the people, places, organisations and dates a
 * document names, and its claims; their rows, kept up to date, and their pages. */
#pragma once

#include <adwaita.h>

#include "sigla-core.h"
#include "sigla-row.h"

G_BEGIN_DECLS

/* The panels, in the order of the view switcher; the first three are a SiglaKind's. */
typedef enum
{
  SIGLA_PANEL_PEOPLE,
  SIGLA_PANEL_PLACES,
  SIGLA_PANEL_ORGS,
  SIGLA_PANEL_DATES,
  SIGLA_PANEL_CLAIMS,
  SIGLA_N_PANELS
} SiglaPanel;

#define SIGLA_TYPE_PANELS (sigla_panels_get_type ())

G_DECLARE_FINAL_TYPE (SiglaPanels, sigla_panels, SIGLA, PANELS, GObject)

SiglaPanels *sigla_panels_new           (AdwViewStack      *stack);
GListModel  *sigla_panels_get_model     (SiglaPanels       *self,
                                         SiglaPanel         panel);
gboolean     sigla_panels_show          (SiglaPanels       *self,
                                         SiglaProject      *project,
                                         gint64             document,
                                         gboolean           whole,
                                         GError           **error);
gboolean     sigla_panels_select_entity (SiglaPanels       *self,
                                         gint64             entity_id);
gboolean     sigla_panels_focus         (SiglaPanels       *self);

G_END_DECLS
