/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-date.c: tests of date recognition on the forms found in the 1951 cables. */

#include "sigla-date.h"

#include <string.h>

typedef struct
{
  const char *text;
  const char *iso;
} Case;

static void
check_parse (const Case *cases,
             gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      SiglaDate date = { -1, -1, -1 };
      g_autofree char *iso = NULL;

      g_test_message ("parsing \"%s\"", cases[i].text);
      g_assert_true (sigla_date_parse (cases[i].text, &date));
      iso = sigla_date_to_iso (&date);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
test_parse_month_day_year (void)
{
  static const Case cases[] = {
    { "July 12, 1951", "1951-07-12" },
    { "November 14, 1951", "1951-11-14" },
    { "Jul. 12, 1951", "1951-07-12" },
    { "Jul 12, 1951", "1951-07-12" },
    { "July 12th, 1951", "1951-07-12" },
    { "july 1st 1951", "1951-07-01" },
    { "SEPT. 3, 1951", "1951-09-03" },
    { "Dec 31, 1951", "1951-12-31" },
  };

  check_parse (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_day_month_year (void)
{
  static const Case cases[] = {
    { "14 June 1951", "1951-06-14" },
    { "30 June 1951", "1951-06-30" },
    { "12 Aug 1951", "1951-08-12" },
    { "12 Aug. 1951", "1951-08-12" },
    { "12th July 1951", "1951-07-12" },
    { "2nd of March, 1951", "1951-03-02" },
    { "29 February 1952", "1952-02-29" },
  };

  check_parse (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_numeric (void)
{
  static const Case cases[] = {
    { "13.6.51", "1951-06-13" },
    { "13.8.51", "1951-08-13" },
    { "17.7.51", "1951-07-17" },
    { "14.11.1951", "1951-11-14" },
    { "01.02.05", "2005-02-01" },
    { "1.1.39", "2039-01-01" },
    { "1.1.40", "1940-01-01" },
    { "29.2.2000", "2000-02-29" },
  };

  check_parse (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_time (void)
{
  static const Case cases[] = {
    { "0100 13 July 1951", "1951-07-13" },
    { "12.8.51 4:00", "1951-08-12" },
    { "13:40 14.11.1951", "1951-11-14" },
    { "July 12, 1951, 2300", "1951-07-12" },
    { "  July 12, 1951.\n", "1951-07-12" },
    { "on 30 June 1951.", "1951-06-30" },
  };

  check_parse (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_iso (void)
{
  static const Case cases[] = {
    { "1951-07-12", "1951-07-12" },
    { "1951-07", "1951-07" },
    { "--07-12", "--07-12" },
    { "1951", "1951" },
  };

  check_parse (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_partial (void)
{
  static const Case cases[] = {
    { "28 June", "--06-28" },
    { "July 10-15", "--07-10" },
    { "July 10\u2013" "15, 1951", "1951-07-10" },
    { "14\u00a0June\u00a01951", "1951-06-14" },
    { "July 1951", "1951-07" },
    { "June of 1951", "1951-06" },
    { "Aug., 1951", "1951-08" },
  };
  SiglaDate date = { 0, };

  check_parse (cases, G_N_ELEMENTS (cases));

  g_assert_true (sigla_date_parse ("in June of this year", &date));
  g_assert_cmpint (date.year, ==, 0);
  g_assert_cmpint (date.month, ==, 6);
  g_assert_cmpint (date.day, ==, 0);
  g_assert_null (sigla_date_to_iso (&date));
}

/* Letters in German and French editions: "31. Januar 1890", "3 mars 1792", "1. 1. 1891". */
static void
test_parse_german_french (void)
{
  static const Case cases[] = {
    { "31. Januar 1890", "1890-01-31" },
    { "3. M\u00e4rz 1890", "1890-03-03" },
    { "3. Maerz 1890", "1890-03-03" },
    { "15. Okt. 1818", "1818-10-15" },
    { "9. Dezember 1817", "1817-12-09" },
    { "1. Mai 1900", "1900-05-01" },
    { "12. J\u00e4nner 1900", "1900-01-12" },
    { "1. 1. 1891", "1891-01-01" },
    { "31. 1. 1890", "1890-01-31" },
    { "3 mars 1792", "1792-03-03" },
    { "1er juillet 1789", "1789-07-01" },
    { "14 juin 1800", "1800-06-14" },
    { "2 f\u00e9vrier 1801", "1801-02-02" },
    { "25 d\u00e9cembre 1800", "1800-12-25" },
    { "15 ao\u00fbt 1769", "1769-08-15" },
    { "Juni 1890", "1890-06" },
  };

  check_parse (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_invalid (void)
{
  static const char * const texts[] = {
    "", "   ", ".", "No. 1950", "3-5 years", "f. 45, op. 1", "July", "12", "51", "0100",
    "July 32, 1951", "31 June 1951", "29 February 1951", "29.2.51", "29.2.1900", "13.13.51",
    "0.6.51", "00.06.1951", "32.1.51", "1951-13-01", "1951-02-30", "1951-00", "0000-07-12",
    "Julyy 12, 1951", "July 12, 1951 Cable", "12 July 1951 and 13 July 1951", "1.2.3.51",
    "tomorrow", "Mayor 12, 1951",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      SiglaDate date = { 1, 1, 1 };

      g_test_message ("parsing \"%s\"", texts[i]);
      g_assert_false (sigla_date_parse (texts[i], &date));
      g_assert_cmpint (date.year, ==, 0);
      g_assert_cmpint (date.month, ==, 0);
      g_assert_cmpint (date.day, ==, 0);
    }
}

static void
test_to_iso (void)
{
  static const struct
  {
    SiglaDate   date;
    const char *iso;
  } cases[] = {
    { { 1951, 7, 12 }, "1951-07-12" },
    { { 1951, 7, 0 }, "1951-07" },
    { { 1951, 0, 0 }, "1951" },
    { { 0, 7, 12 }, "--07-12" },
    { { 0, 2, 29 }, "--02-29" },
    { { 812, 1, 1 }, "0812-01-01" },
    { { 0, 0, 0 }, NULL },
    { { 0, 6, 0 }, NULL },
    { { 0, 0, 12 }, NULL },
    { { 1951, 0, 12 }, NULL },
    { { 1951, 2, 29 }, NULL },
    { { 1951, 13, 1 }, NULL },
    { { 1951, 6, 31 }, NULL },
    { { -1, 1, 1 }, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = sigla_date_to_iso (&cases[i].date);

      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
test_is_iso (void)
{
  static const char * const good[] = {
    "1951", "1951-07", "1951-07-12", "--07-12", "--02-29", "2000-02-29", "0812-12-31",
  };
  static const char * const bad[] = {
    "", "51", "0000", "1951-7-12", "1951-13", "1951-00", "1951-02-29", "1900-02-29",
    "1951-06-31", "1951-07-12T10:00", "--13-01", "--07-32", "--07", "1951/07/12", " 1951",
    "1951-07-12 ", "July 12, 1951", "195a",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (sigla_date_is_iso (good[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("checking \"%s\"", bad[i]);
      g_assert_false (sigla_date_is_iso (bad[i]));
    }
  g_assert_false (sigla_date_is_iso (NULL));
}

/* Checks that the match is @expected, found at @offset, and reads as @iso. */
static void
check_find (const char *text,
            gssize      length,
            gboolean    require_day,
            const char *expected,
            gsize       offset,
            const char *iso)
{
  SiglaDate date = { 0, };
  gsize start = G_MAXSIZE, end = G_MAXSIZE;
  g_autofree char *match = NULL;
  g_autofree char *found_iso = NULL;

  g_assert_true (sigla_date_find (text, length, require_day, &date, &start, &end));
  g_assert_cmpuint (start, <, end);
  match = g_strndup (text + start, end - start);
  g_assert_cmpstr (match, ==, expected);
  g_assert_cmpuint (start, ==, offset);
  found_iso = sigla_date_to_iso (&date);
  g_assert_cmpstr (found_iso, ==, iso);
}

static void
test_find_cables (void)
{
  static const char *received = "Copies: Stalin (2)\nFrom BEIJING Received 13:40 14.11.1951";
  static const char *filippov =
    "Your statement of 28 June regarding an armistice ... July 10-15.\n\n"
    "FILIPPOV [Stalin]\n\n30 June 1951";

  check_find ("# July 12, 1951 Cable No. 21726, Mao Zedong", -1, TRUE,
              "July 12, 1951", 2, "1951-07-12");
  check_find (received, -1, TRUE, "14.11.1951", strlen (received) - 10, "1951-11-14");
  check_find (filippov, -1, TRUE, "30 June 1951", strlen (filippov) - 12, "1951-06-30");
  check_find ("0100 13 July 1951 To Comrade Filippov", -1, TRUE, "13 July 1951", 5, "1951-07-13");
  check_find ("Sent 12.8.51 4:00. Top secret.", -1, TRUE, "12.8.51", 5, "1951-08-12");
}

static void
test_find_earliest (void)
{
  check_find ("answered 1951-07-12 the cable of 17.7.51", -1, TRUE,
              "1951-07-12", 9, "1951-07-12");
  check_find ("the cable of 17.7.51 answered 1951-07-12", -1, TRUE, "17.7.51", 13, "1951-07-17");
  check_find ("In July 1951 and on 3 August 1951", -1, FALSE, "July 1951", 3, "1951-07");
  check_find ("In July 1951 and on 3 August 1951", -1, TRUE,
              "3 August 1951", 20, "1951-08-03");
  check_find ("No. 1950, 32 July 1951, 12th Aug. 1951.", -1, FALSE,
              "12th Aug. 1951", 24, "1951-08-12");
  check_find ("5 July 12, 1951", -1, TRUE, "July 12, 1951", 2, "1951-07-12");
  check_find ("Pr\u00e9cis, 3 ao\u00fbt: 3 Aug 1951", -1, TRUE, "3 Aug 1951", 18, "1951-08-03");
}

static void
test_find_length (void)
{
  const char *text = "July 12, 1951 and 30 June 1951";
  SiglaDate date = { 0, };

  check_find (text, 13, TRUE, "July 12, 1951", 0, "1951-07-12");
  /* Cutting the first date leaves "July 12" without a year. */
  g_assert_false (sigla_date_find (text, 9, TRUE, &date, NULL, NULL));
  g_assert_false (sigla_date_find (text, 0, TRUE, &date, NULL, NULL));
  g_assert_true (sigla_date_find (text, -1, TRUE, NULL, NULL, NULL));
}

static void
test_find_none (void)
{
  static const char * const texts[] = {
    "", "Cable No. 21726", "No. 1950", "f. 45, op. 1, d. 331, l. 12", "for 3-5 years",
    "July 32, 1951", "31 June 1951", "in June of this year", "28 June", "July 10-15",
    "13:40 received", "version 1.2.3.4", "the 1951-52 plan", "Mayor 12, 1951",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("finding in \"%s\"", texts[i]);
      g_assert_false (sigla_date_find (texts[i], -1, FALSE, NULL, NULL, NULL));
    }
}

static void
test_find_long (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gsize offset;
  gint64 begin;

  /* Many near misses, which must not make the search slow. */
  while (text->len < 64 * 1024)
    g_string_append (text, "On 28 June, No. 1950, for 3-5 years, July 10-15; 12.8. ");
  offset = text->len;
  g_string_append (text, "17.7.51");

  begin = g_get_monotonic_time ();
  check_find (text->str, text->len, TRUE, "17.7.51", offset, "1951-07-17");
  g_test_message ("searched %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " us",
                  text->len, g_get_monotonic_time () - begin);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/month-day-year", test_parse_month_day_year);
  g_test_add_func ("/date/parse/day-month-year", test_parse_day_month_year);
  g_test_add_func ("/date/parse/numeric", test_parse_numeric);
  g_test_add_func ("/date/parse/time", test_parse_time);
  g_test_add_func ("/date/parse/iso", test_parse_iso);
  g_test_add_func ("/date/parse/partial", test_parse_partial);
  g_test_add_func ("/date/parse/german-french", test_parse_german_french);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/to-iso", test_to_iso);
  g_test_add_func ("/date/is-iso", test_is_iso);
  g_test_add_func ("/date/find/cables", test_find_cables);
  g_test_add_func ("/date/find/earliest", test_find_earliest);
  g_test_add_func ("/date/find/length", test_find_length);
  g_test_add_func ("/date/find/none", test_find_none);
  g_test_add_func ("/date/find/long", test_find_long);

  return g_test_run ();
}
