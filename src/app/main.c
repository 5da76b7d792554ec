/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: starts Sigla. */

#include <glib/gi18n.h>
#include <locale.h>

#include "sigla-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SiglaApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = sigla_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
