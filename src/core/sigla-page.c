/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-page.c: turns an archive page (plain text or Markdown-ish) into reading text,
 * blocks and the metadata the page states. */

#define G_LOG_DOMAIN "sigla-page"

#include <string.h>

#include "sigla-date.h"
#include "sigla-document.h"
#include "sigla-language.h"
#include "sigla-page.h"
#include "sigla-text.h"

/* Dates are looked for near the top: a document states its own date early. */
#define DATE_SEARCH_BYTES 65536
#define MAX_TITLE_CHARS 160
/* Labels, chrome and a date on a line of its own are short: longer lines are text. */
#define MAX_LABEL_BYTES 64

typedef enum
{
  SECTION_BODY,        /* the document itself */
  SECTION_CITATION,
  SECTION_SUMMARY,
  SECTION_LANGUAGE,
  SECTION_CONTENTS,
  SECTION_FOOTER,      /* after an empty heading: the page's own notes */
  SECTION_OTHER,       /* page metadata we do not keep */
} Section;

/* Labels of a digital archive's metadata sections, as whole lines. */
static const struct
{
  const char *label;
  Section     section;
} section_labels[] = {
  { "citation", SECTION_CITATION },
  { "summary", SECTION_SUMMARY },
  { "original language", SECTION_LANGUAGE },
  { "contents", SECTION_CONTENTS },
  { "credits", SECTION_OTHER },
  { "author(s)", SECTION_OTHER },
  { "authors", SECTION_OTHER },
  { "associated places", SECTION_OTHER },
  { "associated people & organizations", SECTION_OTHER },
  { "associated topics", SECTION_OTHER },
  { "subjects discussed", SECTION_OTHER },
  { "document information", SECTION_OTHER },
  { "source", SECTION_OTHER },
  { "original archive", SECTION_OTHER },
  { "rights", SECTION_OTHER },
  { "keywords", SECTION_OTHER },
  { "related documents", SECTION_OTHER },
};

/* Web-page controls that transcriptions pick up: never part of the text. */
static const char * const chrome_lines[] = {
  "search in", "get citation", "share document", "english html", "english pdf",
  "digital archive international history declassified", "download pdf", "print",
  "share", "view original", "html", "pdf",
};

typedef enum
{
  LINE_BLANK,
  LINE_HEADING,
  LINE_ITEM,
  LINE_TEXT,
} LineKind;

typedef struct
{
  LineKind  kind;
  int       level;      /* headings: 1 for "#" */
  char     *text;       /* cleaned, NFC */
} Line;

/* LaTeX that OCR leaves in transcriptions, as it should read. */
static const struct
{
  const char *command;
  const char *text;
} latex_symbols[] = {
  { "\\circ", "°" }, { "\\degree", "°" }, { "\\textdegree", "°" }, { "\\%", "%" },
  { "\\times", "×" }, { "\\cdot", "·" }, { "\\S", "§" }, { "\\prime", "′" },
  { "\\,", " " }, { "\\ ", " " },
};

/* The bytes of the control character at @i (C0, DEL, or C1 in UTF-8), 0 if there is none:
 * noise from old encodings and terminals, which XML cannot carry either. */
static gsize
control_length (const char *line,
                gsize       i,
                gsize       length)
{
  guchar c = line[i];

  if (c < 0x20 || c == 0x7f)
    return 1;
  if (c == 0xc2 && i + 1 < length && (guchar) line[i + 1] >= 0x80 && (guchar) line[i + 1] <= 0x9f)
    return 2;
  return 0;
}

static void
append_latex (GString    *out,
              const char *math,
              gsize       length)
{
  for (gsize i = 0; i < length;)
    {
      gboolean matched = FALSE;
      gsize control;

      for (guint k = 0; k < G_N_ELEMENTS (latex_symbols) && !matched; k++)
        {
          gsize n = strlen (latex_symbols[k].command);

          if (i + n <= length && strncmp (math + i, latex_symbols[k].command, n) == 0 &&
              (i + n == length || !g_ascii_isalpha (math[i + n]) || !g_ascii_isalpha (math[i + n - 1])))
            {
              g_string_append (out, latex_symbols[k].text);
              i += n;
              matched = TRUE;
            }
        }

      if (matched)
        continue;

      control = control_length (math, i, length);
      if (control > 0)
        {
          i += control;
          continue;
        }

      if (strchr ("^_{}\\", math[i]) == NULL)
        g_string_append_c (out, math[i]);
      i++;
    }
}

/* A "$…$" is math only when it is short and looks like LaTeX, so that prices survive. */
static gsize
find_math_end (const char *line,
               gsize       start,
               gsize       length)
{
  for (gsize i = start + 1; i < length && i < start + 64; i++)
    if (line[i] == '$')
      {
        for (gsize k = start + 1; k < i; k++)
          if (strchr ("\\^_{", line[k]) != NULL)
            return i;
        return 0;
      }

  return 0;
}

/* Markdown escapes, bold markers, LaTeX leftovers, control characters and
 * runs of white space give way to plain text. */
static char *
clean_inline (const char *line,
              gsize       length)
{
  g_autoptr(GString) out = g_string_sized_new (length);
  gboolean ascii = TRUE;
  char *normalized;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = line[i];
      gsize math_end;
      gsize control;

      if (c == '\\' && i + 1 < length && strchr ("\\`*_{}[]()#+-.!|<>~$", line[i + 1]) != NULL)
        {
          g_string_append_c (out, line[++i]);
          continue;
        }

      if ((c == '*' || c == '_') && i + 1 < length && line[i + 1] == (char) c)
        {
          i++;
          continue;
        }

      if (c == '$' && (math_end = find_math_end (line, i, length)) != 0)
        {
          append_latex (out, line + i + 1, math_end - i - 1);
          i = math_end;
          ascii = FALSE;   /* "°", "×" …, and whatever the math held */
          continue;
        }

      if (c == ' ' || c == '\t')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }

      control = control_length (line, i, length);
      if (control > 0)
        {
          i += control - 1;
          continue;
        }

      if (c >= 0x80)
        ascii = FALSE;
      g_string_append_c (out, c);
    }

  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  if (ascii)
    return g_string_free (g_steal_pointer (&out), FALSE);

  normalized = sigla_text_normalize (out->str, out->len);
  return normalized != NULL ? normalized : g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_rule (const char *text)
{
  gsize n = strlen (text);

  if (n < 3)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (text[i] != text[0] || strchr ("-_*=", text[i]) == NULL)
      return FALSE;

  return TRUE;
}

static Line
classify_line (const char *raw,
               gsize       length)
{
  Line line = { LINE_TEXT, 0, NULL };
  gsize i = 0;

  while (i < length && g_ascii_isspace (raw[i]))
    i++;

  if (i < length && raw[i] == '#')
    {
      gsize k = i;

      while (k < length && raw[k] == '#' && k - i < 6)
        k++;
      if (k == length || raw[k] == ' ' || raw[k] == '\t')
        {
          line.kind = LINE_HEADING;
          line.level = k - i;
          i = k;
        }
    }
  else if (i + 1 < length && strchr ("-*+", raw[i]) != NULL && (raw[i + 1] == ' ' || raw[i + 1] == '\t'))
    {
      line.kind = LINE_ITEM;
      i += 2;
    }
  else if (length - i >= 4 && memcmp (raw + i, "•", 3) == 0 && g_ascii_isspace (raw[i + 3]))
    {
      line.kind = LINE_ITEM;
      i += 4;
    }
  else
    {
      gsize k = i;

      while (k < length && k - i < 3 && g_ascii_isdigit (raw[k]))
        k++;
      if (k > i && k + 1 < length && (raw[k] == '.' || raw[k] == ')') && raw[k + 1] == ' ')
        line.kind = LINE_ITEM;   /* the number is the document's own: it stays */
    }

  line.text = clean_inline (raw + i, length - i);

  if (line.kind == LINE_HEADING)
    {
      gsize n = strlen (line.text);

      while (n > 0 && (line.text[n - 1] == '#' || line.text[n - 1] == ' '))
        line.text[--n] = '\0';
    }
  else if (line.text[0] == '\0' || is_rule (line.text))
    line.kind = LINE_BLANK;

  return line;
}

/* A metadata label is a whole line such as "Summary:" or "**Original Language:**". */
static gboolean
lookup_section (const char *text,
                Section    *section)
{
  g_autofree char *label = NULL;
  gsize n = strlen (text);

  if (n > MAX_LABEL_BYTES)
    return FALSE;

  label = g_utf8_strdown (text, n);
  n = strlen (label);

  while (n > 0 && (label[n - 1] == ':' || label[n - 1] == ' '))
    label[--n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (section_labels); i++)
    if (g_str_equal (label, section_labels[i].label))
      {
        *section = section_labels[i].section;
        return TRUE;
      }

  return FALSE;
}

/* Body text may say "Source" or "Summary" on a line of its own; only headings,
 * bullets, "Label:" lines, or lines already among the page's metadata are labels. */
static gboolean
is_label_line (const Line *line,
               Section     section)
{
  return line->kind == LINE_HEADING || line->kind == LINE_ITEM ||
         g_str_has_suffix (line->text, ":") || section != SECTION_BODY;
}

static gboolean
is_chrome (const char *text)
{
  g_autofree char *lower = NULL;

  if (strlen (text) > MAX_LABEL_BYTES)
    return FALSE;

  lower = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (chrome_lines); i++)
    if (g_str_equal (lower, chrome_lines[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_url (const char *text)
{
  return (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://")) &&
         strchr (text, ' ') == NULL;
}

static void
take_metadata (SiglaPage  *page,
               GString    *summary,
               Section     section,
               const char *text)
{
  switch (section)
    {
    case SECTION_CITATION:
      if (is_url (text))
        sigla_text_keep_first (&page->url, g_strdup (text));
      else if (g_str_has_prefix (text, "\"") || g_str_has_prefix (text, "“"))
        sigla_text_keep_first (&page->citation, g_strdup (text));
      else if (summary->len == 0)
        g_string_append (summary, text);
      break;
    case SECTION_SUMMARY:
      if (summary->len > 0)
        g_string_append_c (summary, '\n');
      g_string_append (summary, text);
      break;
    case SECTION_LANGUAGE:
      sigla_text_keep_first (&page->original_language, g_strdup (sigla_language_find_code (text)));
      sigla_text_keep_first (&page->original_language, g_strdup (text));
      break;
    case SECTION_CONTENTS:
      sigla_text_keep_first (&page->language, g_strdup (sigla_language_find_code (text)));
      break;
    case SECTION_FOOTER:
      if (summary->len == 0)
        g_string_append (summary, text);
      break;
    case SECTION_BODY:
    case SECTION_OTHER:
    default:
      break;
    }
}

static void
append_block (SiglaPage      *page,
              const char     *text,
              SiglaBlockKind  kind)
{
  SiglaBlock block;

  if (page->text->len > 0)
    {
      g_string_append_c (page->text, '\n');
      page->length++;
    }

  block.start = page->length;
  block.kind = kind;
  g_string_append (page->text, text);
  page->length += g_utf8_strlen (text, -1);
  block.end = page->length;
  g_array_append_val (page->blocks, block);
}

/* "July 12, 1951 Cable No. 21726, …" → "Cable No. 21726, …" */
static char *
strip_leading_date (const char *text)
{
  SiglaDate date;
  gsize start, end;

  if (sigla_date_find (text, -1, FALSE, &date, &start, &end) && start == 0)
    {
      const char *rest = text + end;

      /* Character by character: the dashes are several bytes, which other characters share. */
      while (*rest != '\0' && g_utf8_strchr (" ,.:;-—–", -1, g_utf8_get_char (rest)) != NULL)
        rest = g_utf8_next_char (rest);
      return g_strdup (rest);
    }

  return g_strdup (text);
}

static gboolean
is_only_date (const char *text)
{
  SiglaDate date;

  return strlen (text) <= MAX_LABEL_BYTES && sigla_date_parse (text, &date);
}

static char *
truncate_title (const char *text)
{
  if (g_utf8_strlen (text, -1) <= MAX_TITLE_CHARS)
    return g_strdup (text);

  {
    g_autofree char *head = g_utf8_substring (text, 0, MAX_TITLE_CHARS - 1);

    return g_strconcat (head, "…", NULL);
  }
}

/* The citation names the document in quotes: “"Cable No. 21726, …", July 12, 1951, …” */
static char *
title_from_citation (const char *citation)
{
  const char *open = citation;
  const char *close;
  g_autofree char *inner = NULL;
  gsize n;

  if (g_str_has_prefix (open, "“"))
    {
      open += strlen ("“");
      close = strstr (open, "”");
    }
  else
    {
      open += 1;
      close = strchr (open, '"');
    }

  if (close == NULL || close == open)
    return NULL;

  inner = g_strndup (open, close - open);
  n = strlen (inner);
  while (n > 0 && strchr (" ,.", inner[n - 1]) != NULL)
    inner[--n] = '\0';

  return n > 0 ? g_strdup (inner) : NULL;
}

/* The archive reference follows the archive's name in a citation:
 * "…, Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 342, ll. 16-19." */
static char *
archive_from_citation (const char *citation)
{
  const char *marker = g_strrstr (citation, "Archive, ");
  g_autofree char *reference = NULL;
  gsize n;

  if (marker == NULL)
    return NULL;

  reference = g_strdup (marker + strlen ("Archive, "));
  n = strlen (reference);
  while (n > 0 && strchr (" .", reference[n - 1]) != NULL)
    reference[--n] = '\0';

  return n > 0 ? g_strdup (reference) : NULL;
}

static void
find_date (SiglaPage  *page,
           const char *source,
           gsize       length)
{
  gsize scan = MIN (length, DATE_SEARCH_BYTES);
  SiglaDate date;
  gsize start, end;

  /* Do not cut a UTF-8 sequence in two. */
  while (scan < length && scan > 0 && ((guchar) source[scan] & 0xc0) == 0x80)
    scan--;

  if (sigla_date_find (source, scan, TRUE, &date, &start, &end) ||
      sigla_date_find (source, scan, FALSE, &date, &start, &end))
    {
      page->date = sigla_date_to_iso (&date);
      page->date_text = g_strndup (source + start, end - start);
    }
}

static void
line_clear (Line *line)
{
  g_free (line->text);
}

/**
 * sigla_page_parse:
 * @text: UTF-8 text (validated by the caller)
 * @length: its length in bytes
 *
 * Returns: (transfer full): the reading text, blocks and metadata
 */
SiglaPage *
sigla_page_parse (const char *text,
                  gsize       length)
{
  g_autoptr(SiglaPage) page = g_new0 (SiglaPage, 1);
  g_autofree char *first_heading = NULL;
  g_autofree char *first_line = NULL;
  g_autoptr(GString) summary = g_string_new ("");
  int first_heading_level = G_MAXINT;
  Section section = SECTION_BODY;
  const char *end = text + length;

  page->text = g_string_sized_new (length);
  page->blocks = g_array_new (FALSE, FALSE, sizeof (SiglaBlock));

  for (const char *p = text; p < end;)
    {
      const char *eol = p;
      Line line;
      Section label_section;
      gboolean chrome;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

      line = classify_line (p, eol - p);

      /* CRLF, CR and LF all end a line. */
      p = eol;
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n' && (p == eol || p[-1] == '\r'))
        p++;

      if (line.kind == LINE_BLANK)
        {
          line_clear (&line);
          continue;
        }

      chrome = is_chrome (line.text);
      if (line.kind == LINE_HEADING && line.text[0] == '\0')
        section = SECTION_FOOTER;
      else if (is_label_line (&line, section) && lookup_section (line.text, &label_section))
        section = label_section;
      else if (chrome)
        {
          /* A page's menu entry ("• share document") ends the section before it. */
          if (line.kind == LINE_ITEM)
            section = SECTION_BODY;
        }
      else if (section != SECTION_BODY && line.kind == LINE_HEADING)
        section = SECTION_BODY;
      else if (section != SECTION_BODY)
        take_metadata (page, summary, section, line.text);

      if (section == SECTION_BODY && !chrome)
        {
          SiglaBlockKind kind = line.kind == LINE_HEADING ? SIGLA_BLOCK_HEAD
                              : line.kind == LINE_ITEM ? SIGLA_BLOCK_ITEM : SIGLA_BLOCK_P;

          if (line.kind == LINE_HEADING && line.level < first_heading_level)
            {
              g_free (first_heading);
              first_heading = g_strdup (line.text);
              first_heading_level = line.level;
            }
          if (first_line == NULL && !is_only_date (line.text))
            first_line = g_strdup (line.text);

          append_block (page, line.text, kind);
        }

      line_clear (&line);
    }

  find_date (page, text, length);
  if (summary->len > 0)
    page->summary = g_string_free (g_steal_pointer (&summary), FALSE);

  if (page->citation != NULL)
    page->archive = archive_from_citation (page->citation);

  if (first_heading != NULL)
    page->title = strip_leading_date (first_heading);
  if ((page->title == NULL || page->title[0] == '\0') && page->citation != NULL)
    {
      g_free (page->title);
      page->title = title_from_citation (page->citation);
    }
  if ((page->title == NULL || page->title[0] == '\0') && first_line != NULL)
    {
      g_free (page->title);
      page->title = truncate_title (first_line);
    }

  return g_steal_pointer (&page);
}

void
sigla_page_free (SiglaPage *page)
{
  if (page == NULL)
    return;

  if (page->text != NULL)
    g_string_free (page->text, TRUE);
  g_clear_pointer (&page->blocks, g_array_unref);
  g_free (page->title);
  g_free (page->date);
  g_free (page->date_text);
  g_free (page->citation);
  g_free (page->archive);
  g_free (page->url);
  g_free (page->language);
  g_free (page->original_language);
  g_free (page->summary);
  g_free (page);
}
