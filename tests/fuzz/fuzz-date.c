/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-date.c: any bytes through date recognition: sigla_date_parse(), sigla_date_find() and
 * the ISO forms, which must agree with one another. */

#include <string.h>

#include "fuzz-common.h"

static gboolean
dates_equal (const SiglaDate *a,
             const SiglaDate *b)
{
  return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* A date's ISO form is one Sigla stores, and it reads back as the same date. */
static void
check_iso_round_trip (const SiglaDate *date)
{
  g_autofree char *iso = sigla_date_to_iso (date);
  SiglaDate again;

  /* Only a month alone ("in June of this year") has no ISO form. */
  FUZZ_CHECK ((iso == NULL) == (date->year == 0 && date->day == 0));
  if (iso == NULL)
    return;

  FUZZ_CHECK (sigla_date_is_iso (iso));
  FUZZ_CHECK (sigla_date_parse (iso, &again));
  FUZZ_CHECK (dates_equal (date, &again));
}

static void
check_parse (const char *text)
{
  SiglaDate date = { -1, -1, -1 };

  if (!sigla_date_parse (text, &date))
    {
      FUZZ_CHECK (date.year == 0 && date.month == 0 && date.day == 0);
      return;
    }

  FUZZ_CHECK (date.year >= 0 && date.year <= 9999);
  FUZZ_CHECK (date.month >= 0 && date.month <= 12);
  FUZZ_CHECK (date.day >= 0 && date.day <= 31);
  FUZZ_CHECK (date.year > 0 || date.month > 0);
  FUZZ_CHECK (date.day == 0 || date.month > 0);
  check_iso_round_trip (&date);
}

/* What sigla_date_find() matches is a date by itself too: the same one. */
static void
check_find (const char *text,
            gsize       length,
            gboolean    require_day)
{
  SiglaDate date = { -1, -1, -1 };
  SiglaDate alone;
  gsize start = G_MAXSIZE, end = G_MAXSIZE;
  g_autofree char *match = NULL;

  if (!sigla_date_find (text, length, require_day, &date, &start, &end))
    return;

  FUZZ_CHECK (start < end && end <= length);
  FUZZ_CHECK (date.year > 0 && date.month > 0 && (!require_day || date.day > 0));
  check_iso_round_trip (&date);

  match = g_strndup (text + start, end - start);
  FUZZ_CHECK (strlen (match) == end - start);
  FUZZ_CHECK (sigla_date_parse (match, &alone));
  FUZZ_CHECK (dates_equal (&date, &alone));
}

/* Text that sigla_date_is_iso() accepts parses to the date it writes, except bare years that
 * prose would not read as years (those outside 1000–2999). */
static void
check_is_iso (const char *text)
{
  SiglaDate date;
  g_autofree char *iso = NULL;

  if (!sigla_date_is_iso (text))
    return;

  if (strlen (text) == 4 && text[0] != '1' && text[0] != '2')
    return;

  FUZZ_CHECK (sigla_date_parse (text, &date));
  iso = sigla_date_to_iso (&date);
  FUZZ_CHECK (g_strcmp0 (iso, text) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* sigla_date_parse() reads a C string: it stops at the first NUL, as a caller's would. */
  g_autofree char *text = g_strndup ((const char *) data, size);

  check_parse (text);
  check_is_iso (text);

  /* sigla_date_find() reads bytes, NUL or not, as the page parser hands them over. */
  check_find ((const char *) data, size, TRUE);
  check_find ((const char *) data, size, FALSE);

  return 0;
}
