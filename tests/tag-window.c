/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tag-window.c: the window at work for test-crash-window.py, which kills it: opens
 * PROJECT, then tags one word after another of its first document through the
 * window, printing "tagged START END" once each tag is committed; every 7th
 * tag is undone ("undone START END"), and every 40th starts a TEI export of
 * the project to EXPORT, in the window's thread. */

#define UNDO_EVERY 7
#define EXPORT_EVERY 40

#include <adwaita.h>

#include "sigla-bench-util.h"
#include "sigla-window.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(SiglaDocument) document = NULL;
  g_autoptr(GArray) words = NULL;
  SiglaWindow *window;
  GtkTextBuffer *buffer;
  gint64 person = 0, offset = 0;
  guint n = 0;

  if (argc != 3)
    {
      g_printerr ("usage: tag-window PROJECT EXPORT\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  window = sigla_window_new (NULL);
  if (!sigla_window_open_project (window, argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  buffer = gtk_text_view_get_buffer (sigla_document_view_get_text_view (sigla_window_get_document_view (window)));
  document = sigla_document_get (sigla_window_get_project (window), 1, NULL);
  words = sigla_bench_find_words (document->text);

  /* After the words tagged before the last kill. */
  mentions = sigla_mention_list (sigla_window_get_project (window), 1, NULL);
  for (guint i = 0; mentions != NULL && i < mentions->len; i++)
    {
      SiglaMention *mention = mentions->pdata[i];

      offset = MAX (offset, mention->end);
      person = mention->entity_id;
    }

  g_print ("ready\n");
  for (guint w = 0; w < words->len; w++)
    {
      gint64 start = g_array_index (words, SiglaBenchSpan, w).start;
      gint64 end = g_array_index (words, SiglaBenchSpan, w).end;
      GtkTextIter from, to;

      if (start < offset)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
      gtk_text_buffer_select_range (buffer, &from, &to);
      if (!sigla_window_tag_selection (window, SIGLA_KIND_PERSON, person, "Joseph Stalin", &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("tagged %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", start, end);
      fflush (stdout);
      n++;
      if (n % UNDO_EVERY == 0 && person != 0)
        {
          SiglaCounts before, after;

          sigla_project_get_counts (sigla_window_get_project (window), &before, NULL);
          gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
          sigla_project_get_counts (sigla_window_get_project (window), &after, NULL);
          if (after.mentions != before.mentions - 1)
            {
              g_printerr ("the undo did not take the tag back\n");
              return 1;
            }
          g_print ("undone %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", start, end);
          fflush (stdout);
        }
      if (n % EXPORT_EVERY == 0)
        sigla_window_export (window, 0, argv[2]);
      if (person == 0)
        {
          g_autoptr(GPtrArray) people = sigla_entity_list (sigla_window_get_project (window), NULL);

          person = ((SiglaEntity *) people->pdata[0])->id;
        }
      offset = end;
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  g_print ("done\n");
  return 0;
}
