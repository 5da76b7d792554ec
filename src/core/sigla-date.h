/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-date.h: recognising the dates written in archival documents and their ISO 8601 forms. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int year;   /* 0 when unknown */
  int month;  /* 1-12, 0 when unknown */
  int day;    /* 1-31, 0 when unknown */
} SiglaDate;

/* Parses @text, which must be one date expression (leading/trailing white space, a leading or
 * trailing time like "0100" or "4:00", and a trailing period are allowed). "in June of this
 * year" gives a month alone, which has no ISO form. @date may be NULL; it is zeroed on failure. */
gboolean sigla_date_parse   (const char      *text,
                             SiglaDate       *date);

/* Finds the first date in @text (@length bytes, or -1 for NUL-terminated) that has at least a
 * year and a month (with @require_day also a day); sets byte offsets of the match (the date
 * itself, without surrounding times). Must be fast on long texts: it is called on up to 64 KiB.
 * @date, @match_start and @match_end may be NULL. */
gboolean sigla_date_find    (const char      *text,
                             gssize           length,
                             gboolean         require_day,
                             SiglaDate       *date,
                             gsize           *match_start,
                             gsize           *match_end);

/* ISO 8601: "1951-07-12", "1951-07", "1951", or "--07-12" for a day without a year; NULL if the
 * date is empty, invalid, or a month without year or day. Returns a newly allocated string. */
char    *sigla_date_to_iso  (const SiglaDate *date);

/* TRUE for the ISO forms Sigla stores: YYYY, YYYY-MM, YYYY-MM-DD (valid calendar dates), --MM-DD. */
gboolean sigla_date_is_iso  (const char      *text);

G_END_DECLS
