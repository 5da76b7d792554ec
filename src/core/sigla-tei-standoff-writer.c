/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-tei-standoff-writer.c: the stand-off annotations of an export of Sigla's own TEI:
 * the stances, the claims and the notes on mentions, pointing to their pieces in the text. */

#define G_LOG_DOMAIN "sigla-tei-writer"

#include "sigla-tei-writer-private.h"

/* "#c.1 #c.1.2": every piece of a span. */
static char *
pieces_target (const SpanInfo *info,
               guint           n_parts)
{
  GString *target = g_string_new ("");

  for (guint part = 0; part < n_parts; part++)
    {
      g_autofree char *id = sigla_tei_piece_id (info, NULL, part);

      g_string_append_printf (target, "%s#%s", part > 0 ? " " : "", id);
    }

  return g_string_free (target, FALSE);
}

static void
write_pointer (Writer     *w,
               const char *type,
               const char *xml_id)
{
  g_autofree char *target = sigla_tei_ref_to (xml_id);

  if (target == NULL)
    return;

  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "ptr");
  sigla_tei_writer_attribute (w, "type", type);
  sigla_tei_writer_attribute (w, "target", target);
  sigla_tei_writer_end (w);
}

static void
write_note (Writer     *w,
            const char *type,
            const char *content)
{
  if (content == NULL)
    return;

  sigla_tei_writer_indent (w, 4);
  sigla_tei_writer_start (w, "note");
  sigla_tei_writer_attribute (w, "type", type);
  sigla_tei_writer_text (w, content);
  sigla_tei_writer_end (w);
}

/* Claims and notes on mentions are written in standOff. */
gboolean
sigla_tei_has_annotations (GPtrArray *infos)
{
  for (guint i = 0; i < infos->len; i++)
    {
      const SpanInfo *info = infos->pdata[i];

      if (info->claim != NULL || (info->mention != NULL && info->mention->note != NULL))
        return TRUE;
    }

  return FALSE;
}

void
sigla_tei_write_annotations (Writer             *w,
                             const DocumentData *data,
                             GPtrArray          *infos,
                             const guint        *n_parts)
{
  g_autofree char *resp_id = sigla_tei_local_id (data, "resp", 1);
  g_autofree char *resp_ref = sigla_tei_ref_to (resp_id);
  g_autoptr(GPtrArray) stances = g_ptr_array_new ();
  guint n_claims = 0, n_notes = 0;

  /* The stances in use, in the order the claims use them first. */
  for (guint i = 0; i < data->claims->len; i++)
    {
      SiglaClaim *claim = data->claims->pdata[i];

      if (!g_ptr_array_find_with_equal_func (stances, claim->stance, g_str_equal, NULL))
        g_ptr_array_add (stances, claim->stance);
    }
  if (stances->len > 0)
    {
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_start (w, "interpGrp");
      sigla_tei_writer_attribute (w, "type", "stance");
      for (guint i = 0; i < stances->len; i++)
        {
          g_autofree char *stance = g_strconcat ("stance.", (const char *) stances->pdata[i], NULL);
          g_autofree char *id = g_strconcat (data->prefix, stance, NULL);

          sigla_tei_writer_indent (w, 3);
          sigla_tei_writer_start (w, "interp");
          sigla_tei_writer_attribute (w, "xml:id", id);
          sigla_tei_writer_text (w, stances->pdata[i]);
          sigla_tei_writer_end (w);
        }
      sigla_tei_writer_indent (w, 2);
      sigla_tei_writer_end (w);
    }

  if (!sigla_tei_has_annotations (infos))
    return;

  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_start (w, "listAnnotation");
  for (guint i = 0; i < infos->len; i++)
    {
      const SpanInfo *info = infos->pdata[i];
      g_autofree char *target = NULL;
      g_autofree char *id = NULL;

      if (info->claim == NULL && (info->mention == NULL || info->mention->note == NULL))
        continue;

      target = pieces_target (info, n_parts[i]);
      sigla_tei_writer_indent (w, 3);
      sigla_tei_writer_start (w, "annotation");

      if (info->claim != NULL)
        {
          const SiglaClaim *claim = info->claim;
          g_autofree char *stance = g_strconcat ("#", data->prefix, "stance.", claim->stance, NULL);

          id = sigla_tei_local_id (data, "claim", ++n_claims);
          sigla_tei_writer_attribute (w, "xml:id", id);
          sigla_tei_writer_attribute (w, "target", target);
          sigla_tei_writer_attribute (w, "motivation", "describing");
          sigla_tei_writer_attribute (w, "ana", stance);
          sigla_tei_writer_attribute (w, "cert", claim->certainty);
          sigla_tei_writer_attribute (w, "resp", resp_ref);
          write_note (w, "paraphrase", claim->paraphrase);
          write_note (w, "comment", claim->note);
          write_pointer (w, "speaker", sigla_tei_writer_entity_id (w, claim->speaker_id));
          write_pointer (w, "reporter", sigla_tei_writer_entity_id (w, claim->reporter_id));
          for (guint k = 0; k < claim->about->len; k++)
            write_pointer (w, "about", sigla_tei_writer_entity_id (w, g_array_index (claim->about, gint64, k)));
        }
      else
        {
          id = sigla_tei_local_id (data, "note", ++n_notes);
          sigla_tei_writer_attribute (w, "xml:id", id);
          sigla_tei_writer_attribute (w, "target", target);
          sigla_tei_writer_attribute (w, "motivation", "commenting");
          sigla_tei_writer_attribute (w, "resp", resp_ref);
          write_note (w, "comment", info->mention->note);
        }

      sigla_tei_writer_indent (w, 3);
      sigla_tei_writer_end (w);
    }
  sigla_tei_writer_indent (w, 2);
  sigla_tei_writer_end (w);
}
