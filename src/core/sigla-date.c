/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-date.c: recognising the dates written in archival documents and their ISO 8601 forms. */

#define G_LOG_DOMAIN "sigla-date"

#include "sigla-date.h"

#include <string.h>

/* Dates are written in ASCII; G_REGEX_RAW keeps matching byte-based (offsets are bytes) and spares
 * a UTF-8 validation of the whole text on every call of sigla_date_find(). GRegex still sets UCP,
 * under which \w and \b would take the bytes of UTF-8 sequences for Latin-1 letters, so word
 * boundaries are spelled out in ASCII. */
#define WORD  "A-Za-z0-9_"
#define END   "(?![" WORD "])"
/* Word processors put no-break spaces between day and month. */
#define SP    "(?:\\s|\xc2\xa0)"
/* English, German and French: editions of letters are written in all three. ä, é and û as
 * their UTF-8 bytes, since the pattern is matched bytewise. */
#define MONTH "(?<mn>jan(?:uary|uar|vier)?|j\xc3\xa4n(?:ner)?|feb(?:ruary|ruar|r)?|f(?:e|\xc3\xa9)v(?:r(?:ier)?)?" \
              "|mar(?:ch|s)?|m\xc3\xa4rz|maerz|apr(?:il)?|avr(?:il)?|ma[iy]|june?|juni|juin|july?|juli|juil(?:let)?" \
              "|aug(?:ust)?|ao\xc3\xbbt|aout|sep(?:t(?:ember|embre)?)?|oct(?:ober|obre)?|okt(?:ober)?" \
              "|nov(?:ember|embre)?|de[cz](?:ember)?|d\xc3\xa9" "c(?:embre)?)" END "\\.?"
/* "12th", and the German "12." */
#define DAY   "(?<d>\\d{1,2})(?:st|nd|rd|th|er|\\.)?" END
/* "July 10-15": the range stands for its first day. */
#define RANGE "(?:" SP "*(?:-|\xe2\x80\x93)" SP "*\\d{1,2}(?:st|nd|rd|th)?" END ")?"
/* Four-digit years in prose start with 1 or 2 so that "July 12 0100" is a time, not year 100. */
#define YEAR  "(?<y>[12]\\d{3})" END
#define SEP   "(?:" SP "*," SP "*|" SP "+)"
#define TIME  "(?:(?:[01]\\d|2[0-3])[0-5]\\d|(?:[01]?\\d|2[0-3]):[0-5]\\d)"

#define DATE \
  "(?<![" WORD "])" MONTH SP "+" DAY RANGE "(?:" SEP YEAR ")?" \
  "|(?<![" WORD ".])" DAY RANGE SP "+(?:of" SP "+)?" MONTH "(?:" SEP YEAR ")?" \
  "|(?<![" WORD "])" MONTH "(?:" SEP "(?:of" SP "+)?" YEAR \
  "|" SP "+of\\s+(?:this|that|the\\s+same|the\\s+current)\\s+year" END ")" \
  "|(?<![" WORD ".])(?<d>\\d{1,2})\\.(?<m>\\d{1,2})\\.(?:(?<y>\\d{4})|(?<yy>\\d{2}))" \
  "(?![" WORD "]|\\.\\d)" \
  "|(?<![" WORD ".])(?<d>\\d{1,2})\\." SP "+(?<m>\\d{1,2})\\." SP "*(?<y>[12]\\d{3})" END \
  "|(?<![" WORD ".-])(?<y>\\d{4})-(?<m>\\d{2})(?:-(?<d>\\d{2}))?(?![" WORD "]|-\\d)" \
  "|(?<![" WORD "-])--(?<m>\\d{2})-(?<d>\\d{2})(?![" WORD "-])"

/* A bare year is too often a number ("No. 1950") to be found, but is a date when selected. */
#define WHOLE \
  "\\A\\s*(?:(?:in|on|of)\\s+)?(?:" TIME SP "+)?(?:" DATE "|(?<y>[12]\\d{3}))" \
  "(?:" SEP TIME ")?\\s*\\.?\\s*\\z"

static GRegex *
date_regex (gboolean whole)
{
  static GRegex *regexes[2];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *patterns[] = { DATE, WHOLE };

      for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
        {
          g_autoptr(GError) error = NULL;

          regexes[i] = g_regex_new (patterns[i],
                                    G_REGEX_CASELESS | G_REGEX_RAW | G_REGEX_DUPNAMES
                                    | G_REGEX_OPTIMIZE,
                                    0, &error);
          if (regexes[i] == NULL)
            g_error ("Bad date pattern: %s", error->message);
        }
      g_once_init_leave (&initialized, 1);
    }

  return regexes[whole ? 1 : 0];
}

static gboolean
parse_digits (const char *text,
              gsize       length,
              int        *value)
{
  *value = 0;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return length > 0;
}

static int
days_in_month (int month,
               int year)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

  /* Without a year, 29 February may still be right. */
  if (month == 2 && (year == 0 || leap))
    return 29;

  return days[month - 1];
}

static gboolean
date_is_valid (const SiglaDate *date)
{
  if (date->year < 0 || date->year > 9999 || date->month < 0 || date->month > 12 || date->day < 0)
    return FALSE;

  return date->day == 0
         || (date->month > 0 && date->day <= days_in_month (date->month, date->year));
}

/* -1 when the group did not take part in the match. */
static int
fetch_number (GMatchInfo *info,
              const char *name)
{
  const char *text = g_match_info_get_string (info);
  int start, end, value;

  if (!g_match_info_fetch_named_pos (info, name, &start, &end) || start < 0 || end <= start
      || !parse_digits (text + start, end - start, &value))
    return -1;

  return value;
}

static int
fetch_month_name (GMatchInfo *info)
{
  /* The month a name starts with; longer beginnings first ("juin" before "jun"). */
  static const struct
  {
    const char *start;
    int         month;
  } names[] = {
    { "juin", 6 }, { "juil", 7 }, { "jan", 1 }, { "j\xc3\xa4n", 1 }, { "feb", 2 }, { "f\xc3\xa9v", 2 },
    { "fev", 2 }, { "mar", 3 }, { "m\xc3\xa4r", 3 }, { "mae", 3 }, { "apr", 4 }, { "avr", 4 }, { "mai", 5 },
    { "may", 5 }, { "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "ao", 8 }, { "sep", 9 }, { "oct", 10 },
    { "okt", 10 }, { "nov", 11 }, { "dec", 12 }, { "dez", 12 }, { "d\xc3\xa9" "c", 12 },
  };
  const char *text = g_match_info_get_string (info);
  int start, end;
  char lower[8] = { 0, };

  if (!g_match_info_fetch_named_pos (info, "mn", &start, &end) || start < 0 || end - start < 3)
    return 0;

  for (int i = 0; i < end - start && i < (int) sizeof lower - 1; i++)
    lower[i] = g_ascii_tolower (text[start + i]);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_has_prefix (lower, names[i].start))
      return names[i].month;

  return 0;
}

static gboolean
date_from_match (GMatchInfo *info,
                 SiglaDate  *date)
{
  int year = fetch_number (info, "y");
  int short_year = fetch_number (info, "yy");
  int month = fetch_number (info, "m");
  int day = fetch_number (info, "d");

  /* An explicit zero ("00.07.51", "0000-07") is wrong, not unknown. */
  if (year == 0 || month == 0 || day == 0)
    return FALSE;

  /* Two-digit years in the archives are mostly of the last century. */
  if (year < 0 && short_year >= 0)
    year = short_year < 40 ? 2000 + short_year : 1900 + short_year;

  date->year = MAX (year, 0);
  date->month = month > 0 ? month : fetch_month_name (info);
  date->day = MAX (day, 0);

  return date_is_valid (date) && (date->year > 0 || date->month > 0);
}

gboolean
sigla_date_parse (const char *text,
                  SiglaDate  *date)
{
  g_autoptr(GMatchInfo) info = NULL;
  SiglaDate found = { 0, };
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);

  ok = g_regex_match (date_regex (TRUE), text, 0, &info) && date_from_match (info, &found);
  if (date != NULL)
    *date = ok ? found : (SiglaDate) { 0, };

  return ok;
}

gboolean
sigla_date_find (const char *text,
                 gssize      length,
                 gboolean    require_day,
                 SiglaDate  *date,
                 gsize      *match_start,
                 gsize      *match_end)
{
  GRegex *regex = date_regex (FALSE);

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (text);

  for (gssize position = 0; position < length;)
    {
      g_autoptr(GMatchInfo) info = NULL;
      SiglaDate found = { 0, };
      gboolean valid;
      int start, end;

      if (!g_regex_match_full (regex, text, length, position, 0, &info, NULL))
        break;

      g_match_info_fetch_pos (info, 0, &start, &end);
      valid = date_from_match (info, &found);
      if (valid && found.year > 0 && found.month > 0 && (!require_day || found.day > 0))
        {
          if (date != NULL)
            *date = found;
          if (match_start != NULL)
            *match_start = start;
          if (match_end != NULL)
            *match_end = end;
          return TRUE;
        }

      /* An incomplete date may hide a longer one ("5 July 12, 1951"), but "June 1951" within
       * an impossible "31 June 1951" is no better than the rest of it. */
      position = valid ? start + 1 : end;
    }

  return FALSE;
}

char *
sigla_date_to_iso (const SiglaDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  if (!date_is_valid (date))
    return NULL;

  if (date->year > 0 && date->month > 0 && date->day > 0)
    return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
  if (date->year > 0 && date->month > 0)
    return g_strdup_printf ("%04d-%02d", date->year, date->month);
  if (date->year > 0)
    return g_strdup_printf ("%04d", date->year);
  if (date->month > 0 && date->day > 0)
    return g_strdup_printf ("--%02d-%02d", date->month, date->day);

  return NULL;
}

gboolean
sigla_date_is_iso (const char *text)
{
  SiglaDate date = { 0, };
  gsize length;

  if (text == NULL)
    return FALSE;

  length = strlen (text);
  if (length == 7 && strncmp (text, "--", 2) == 0)
    return text[4] == '-'
           && parse_digits (text + 2, 2, &date.month) && date.month > 0
           && parse_digits (text + 5, 2, &date.day) && date.day > 0
           && date_is_valid (&date);

  if (length != 4 && length != 7 && length != 10)
    return FALSE;
  if (!parse_digits (text, 4, &date.year) || date.year == 0)
    return FALSE;
  if (length >= 7 && (text[4] != '-' || !parse_digits (text + 5, 2, &date.month) || date.month == 0))
    return FALSE;
  if (length == 10 && (text[7] != '-' || !parse_digits (text + 8, 2, &date.day) || date.day == 0))
    return FALSE;

  return date_is_valid (&date);
}
