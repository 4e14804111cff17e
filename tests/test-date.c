#define G_LOG_DOMAIN "standpoint-tests"

#include "config.h"

#include <string.h>

#include "sp-date.h"

#define DAY_SECONDS G_GINT64_CONSTANT (86400)
/* -9999-01-01, 0000-01-01 and 10000-01-01 in seconds since 1970. */
#define FIRST_LO G_GINT64_CONSTANT (-377705116800)
#define YEAR_0_LO G_GINT64_CONSTANT (-62167219200)
#define END_HI G_GINT64_CONSTANT (253402300800)

typedef struct
{
  const char *text;
  gint64 lo;
  gint64 hi;
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
  int utc_offset;
  gboolean has_offset;
  SpDatePrecision precision;
  SpDateFlags flags;
} ParseCase;

static const ParseCase year_cases[] = {
  { "2025", 1735689600, 1767225600, 2025, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "1970", 0, 31536000, 1970, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "0001", -62135596800, -62104060800, 1, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "9999", 253370764800, END_HI, 9999, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
};

static const ParseCase month_cases[] = {
  { "2025-02", 1738368000, 1740787200, 2025, 2, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, 0 },
  { "2025-12", 1764547200, 1767225600, 2025, 12, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, 0 },
  { "0476-09", -47124979200, -47122387200, 476, 9, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, 0 },
};

static const ParseCase day_cases[] = {
  { "2025-02-12", 1739318400, 1739404800, 2025, 2, 12, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
  { "1970-01-01", 0, 86400, 1970, 1, 1, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
  { "1969-12-31", -86400, 0, 1969, 12, 31, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
};

static const ParseCase minute_cases[] = {
  { "2025-02-12T14:00", 1739368800, 1739368860, 2025, 2, 12, 14, 0, 0, 0, FALSE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T00:00", 1739318400, 1739318460, 2025, 2, 12, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T23:59", 1739404740, 1739404800, 2025, 2, 12, 23, 59, 0, 0, FALSE, SP_DATE_PRECISION_MINUTE, 0 },
};

static const ParseCase second_cases[] = {
  { "2025-02-12T14:00:05", 1739368805, 1739368806, 2025, 2, 12, 14, 0, 5, 0, FALSE, SP_DATE_PRECISION_SECOND, 0 },
  { "1969-12-31T23:59:59", -1, 0, 1969, 12, 31, 23, 59, 59, 0, FALSE, SP_DATE_PRECISION_SECOND, 0 },
  { "2025-02-12T14:00:00", 1739368800, 1739368801, 2025, 2, 12, 14, 0, 0, 0, FALSE, SP_DATE_PRECISION_SECOND, 0 },
};

static const ParseCase offset_cases[] = {
  { "2025-02-12T14:00Z", 1739368800, 1739368860, 2025, 2, 12, 14, 0, 0, 0, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T14:00+00:00", 1739368800, 1739368860, 2025, 2, 12, 14, 0, 0, 0, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T14:00-00:00", 1739368800, 1739368860, 2025, 2, 12, 14, 0, 0, 0, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T14:00+01:00", 1739365200, 1739365260, 2025, 2, 12, 14, 0, 0, 60, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T14:00:05-05:30", 1739388605, 1739388606, 2025, 2, 12, 14, 0, 5, -330, TRUE, SP_DATE_PRECISION_SECOND, 0 },
  { "2025-02-12T14:00:05Z", 1739368805, 1739368806, 2025, 2, 12, 14, 0, 5, 0, TRUE, SP_DATE_PRECISION_SECOND, 0 },
  { "2025-01-01T00:30+01:00", 1735687800, 1735687860, 2025, 1, 1, 0, 30, 0, 60, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T14:00+14:00", 1739318400, 1739318460, 2025, 2, 12, 14, 0, 0, 840, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
  { "2025-02-12T14:00-14:00", 1739419200, 1739419260, 2025, 2, 12, 14, 0, 0, -840, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
  { "9999-12-31T23:59:59-14:00", END_HI - 1 + 50400, END_HI + 50400, 9999, 12, 31, 23, 59, 59, -840, TRUE, SP_DATE_PRECISION_SECOND, 0 },
  { "-9999-01-01T00:00+14:00", FIRST_LO - 50400, FIRST_LO - 50340, -9999, 1, 1, 0, 0, 0, 840, TRUE, SP_DATE_PRECISION_MINUTE, 0 },
};

static const ParseCase leap_cases[] = {
  { "2024-02-29", 1709164800, 1709251200, 2024, 2, 29, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
  { "2000-02-29", 951782400, 951868800, 2000, 2, 29, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
  { "2024-02", 1706745600, 1709251200, 2024, 2, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, 0 },
  { "2000-02", 949363200, 951868800, 2000, 2, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, 0 },
  { "1900-02", -2206310400, -2203891200, 1900, 2, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, 0 },
  { "1900", -2208988800, -2177452800, 1900, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "2000", 946684800, 978307200, 2000, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "0000-02-29", YEAR_0_LO + 59 * DAY_SECONDS, YEAR_0_LO + 60 * DAY_SECONDS, 0, 2, 29, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
  { "-0004-02-29", YEAR_0_LO - 1461 * DAY_SECONDS + 59 * DAY_SECONDS, YEAR_0_LO - 1461 * DAY_SECONDS + 60 * DAY_SECONDS, -4, 2, 29, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
};

static const ParseCase bce_cases[] = {
  { "0000", YEAR_0_LO, -62135596800, 0, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "-0001", YEAR_0_LO - 365 * DAY_SECONDS, YEAR_0_LO, -1, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "-0043", -63524131200, -63492595200, -43, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
  { "-0043-03", -63519033600, -63516355200, -43, 3, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, 0 },
  { "-0043-03-15", -63517824000, -63517737600, -43, 3, 15, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, 0 },
  { "-9999", FIRST_LO, FIRST_LO + 365 * DAY_SECONDS, -9999, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, 0 },
};

static const ParseCase qualifier_cases[] = {
  { "2022~", 1640995200, 1672531200, 2022, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, SP_DATE_APPROXIMATE },
  { "2022?", 1640995200, 1672531200, 2022, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, SP_DATE_UNCERTAIN },
  { "2022%", 1640995200, 1672531200, 2022, 0, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_YEAR, SP_DATE_APPROXIMATE | SP_DATE_UNCERTAIN },
  { "2025-02?", 1738368000, 1740787200, 2025, 2, 0, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_MONTH, SP_DATE_UNCERTAIN },
  { "2025-02-12~", 1739318400, 1739404800, 2025, 2, 12, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, SP_DATE_APPROXIMATE },
  { "-0043-03-15%", -63517824000, -63517737600, -43, 3, 15, 0, 0, 0, 0, FALSE, SP_DATE_PRECISION_DAY, SP_DATE_APPROXIMATE | SP_DATE_UNCERTAIN },
};

static const struct
{
  const ParseCase *cases;
  gsize n_cases;
} all_cases[] = {
  { year_cases, G_N_ELEMENTS (year_cases) },
  { month_cases, G_N_ELEMENTS (month_cases) },
  { day_cases, G_N_ELEMENTS (day_cases) },
  { minute_cases, G_N_ELEMENTS (minute_cases) },
  { second_cases, G_N_ELEMENTS (second_cases) },
  { offset_cases, G_N_ELEMENTS (offset_cases) },
  { leap_cases, G_N_ELEMENTS (leap_cases) },
  { bce_cases, G_N_ELEMENTS (bce_cases) },
  { qualifier_cases, G_N_ELEMENTS (qualifier_cases) },
};

static void
assert_same_date (const SpDate *a,
                  const SpDate *b)
{
  g_assert_cmpint (a->lo, ==, b->lo);
  g_assert_cmpint (a->hi, ==, b->hi);
  g_assert_cmpint (a->year, ==, b->year);
  g_assert_cmpint (a->month, ==, b->month);
  g_assert_cmpint (a->day, ==, b->day);
  g_assert_cmpint (a->hour, ==, b->hour);
  g_assert_cmpint (a->minute, ==, b->minute);
  g_assert_cmpint (a->second, ==, b->second);
  g_assert_cmpint (a->utc_offset, ==, b->utc_offset);
  g_assert_cmpint (a->has_offset, ==, b->has_offset);
  g_assert_cmpint (a->precision, ==, b->precision);
  g_assert_cmpint (a->flags, ==, b->flags);
  g_assert_cmpint (sp_date_compare (a, b), ==, 0);
}

static SpDate
parse_or_fail (const char *text)
{
  g_autoptr(GError) error = NULL;
  SpDate date;

  if (!sp_date_parse (text, -1, &date, &error))
    g_test_message ("could not parse %s", text);
  g_assert_no_error (error);

  return date;
}

static void
check_cases (const ParseCase *cases,
             gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      const ParseCase *c = &cases[i];
      SpDate expected = {
        .lo = c->lo, .hi = c->hi,
        .year = c->year, .month = c->month, .day = c->day,
        .hour = c->hour, .minute = c->minute, .second = c->second,
        .utc_offset = c->utc_offset, .has_offset = c->has_offset,
        .precision = c->precision, .flags = c->flags,
      };
      SpDate date = parse_or_fail (c->text);

      if (memcmp (&date, &expected, sizeof date) != 0)
        g_test_message ("unexpected result for %s", c->text);
      assert_same_date (&date, &expected);
    }
}

static void
test_parse_year (void)
{
  check_cases (year_cases, G_N_ELEMENTS (year_cases));
}

static void
test_parse_month (void)
{
  check_cases (month_cases, G_N_ELEMENTS (month_cases));
}

static void
test_parse_day (void)
{
  check_cases (day_cases, G_N_ELEMENTS (day_cases));
}

static void
test_parse_minute (void)
{
  check_cases (minute_cases, G_N_ELEMENTS (minute_cases));
}

static void
test_parse_second (void)
{
  check_cases (second_cases, G_N_ELEMENTS (second_cases));
}

static void
test_parse_offset (void)
{
  check_cases (offset_cases, G_N_ELEMENTS (offset_cases));
}

static void
test_parse_leap_years (void)
{
  check_cases (leap_cases, G_N_ELEMENTS (leap_cases));
}

static void
test_parse_bce (void)
{
  SpDate before = parse_or_fail ("-0043");
  SpDate year_0 = parse_or_fail ("0000");
  SpDate year_1 = parse_or_fail ("0001");

  check_cases (bce_cases, G_N_ELEMENTS (bce_cases));

  g_assert_cmpint (before.hi, <, year_0.lo);
  g_assert_cmpint (year_0.hi, ==, year_1.lo);
  g_assert_cmpint (sp_date_compare (&before, &year_0), <, 0);
  g_assert_cmpint (sp_date_compare (&year_0, &year_1), <, 0);
  g_assert_cmpint (sp_date_compare (&before, &year_1), <, 0);
  /* Year 0 is a leap year, -1 is not. */
  g_assert_cmpint (year_0.hi - year_0.lo, ==, 366 * DAY_SECONDS);
}

static void
test_parse_qualifiers (void)
{
  check_cases (qualifier_cases, G_N_ELEMENTS (qualifier_cases));
}

static void
test_parse_length (void)
{
  static const char not_terminated[4] = { '2', '0', '2', '5' };
  g_autoptr(GError) error = NULL;
  SpDate date;

  g_assert_true (sp_date_parse ("2025-02-12T14:00", 7, &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (date.precision, ==, SP_DATE_PRECISION_MONTH);
  g_assert_cmpint (date.lo, ==, 1738368000);

  g_assert_true (sp_date_parse (not_terminated, sizeof not_terminated, &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (date.year, ==, 2025);
  g_assert_cmpint (date.precision, ==, SP_DATE_PRECISION_YEAR);

  g_assert_false (sp_date_parse ("2025", 0, &date, &error));
  g_assert_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "expected a date such as 2025, 2025-02 or 2025-02-12");
}

static const struct
{
  const char *text;
  gssize length;
  const char *message;
} error_cases[] = {
  { "", -1, "expected a date such as 2025, 2025-02 or 2025-02-12" },
  { "Feb 2025", -1, "expected a date such as 2025, 2025-02 or 2025-02-12" },
  { " 2025", -1, "expected a date such as 2025, 2025-02 or 2025-02-12" },
  { "+2025", -1, "expected a date such as 2025, 2025-02 or 2025-02-12" },
  { "-", -1, "expected a date such as 2025, 2025-02 or 2025-02-12" },
  { "--2025", -1, "expected a date such as 2025, 2025-02 or 2025-02-12" },
  { "202", -1, "a year must have exactly 4 digits, such as 0476 or 2025" },
  { "20255", -1, "a year must have exactly 4 digits, such as 0476 or 2025" },
  { "-43", -1, "a year must have exactly 4 digits, such as 0476 or 2025" },
  { "476-09", -1, "a year must have exactly 4 digits, such as 0476 or 2025" },
  { "-0000", -1, "year -0000 does not exist; 1 BCE is written 0000" },
  { "-0000-01-01", -1, "year -0000 does not exist; 1 BCE is written 0000" },
  { "2025-", -1, "expected a two-digit month after the year" },
  { "2025-2", -1, "expected a two-digit month after the year" },
  { "2025-123", -1, "expected a two-digit month after the year" },
  { "2025--02", -1, "expected a two-digit month after the year" },
  { "2025-13", -1, "month 13 is out of range" },
  { "2025-00", -1, "month 0 is out of range" },
  { "2025-99-01", -1, "month 99 is out of range" },
  { "2025-02-", -1, "expected a two-digit day after the month" },
  { "2025-02-1", -1, "expected a two-digit day after the month" },
  { "2025-02-123", -1, "expected a two-digit day after the month" },
  { "2025-02-00", -1, "day 0 is out of range" },
  { "2025-01-32", -1, "day 32 is out of range" },
  { "2025-02-30", -1, "day 30 does not exist in February 2025" },
  { "2025-02-29", -1, "day 29 does not exist in February 2025" },
  { "1900-02-29", -1, "day 29 does not exist in February 1900" },
  { "2025-04-31", -1, "day 31 does not exist in April 2025" },
  { "-0043-02-29", -1, "day 29 does not exist in February 44 BCE" },
  { "-0100-02-29", -1, "day 29 does not exist in February 101 BCE" },
  { "0001-11-31", -1, "day 31 does not exist in November 1" },
  { "2025T14:00", -1, "a time needs a full date, such as 2025-02-12T14:00" },
  { "2025-02T14:00", -1, "a time needs a full date, such as 2025-02-12T14:00" },
  { "2025-02-12T", -1, "expected a time such as T14:00 or T14:00:05 after the date" },
  { "2025-02-12T14", -1, "expected a time such as T14:00 or T14:00:05 after the date" },
  { "2025-02-12T1400", -1, "expected a time such as T14:00 or T14:00:05 after the date" },
  { "2025-02-12T14:0", -1, "expected a time such as T14:00 or T14:00:05 after the date" },
  { "2025-02-12T4:00", -1, "expected a time such as T14:00 or T14:00:05 after the date" },
  { "2025-02-12T14:00:", -1, "expected a time such as T14:00 or T14:00:05 after the date" },
  { "2025-02-12T14:00:5", -1, "expected a time such as T14:00 or T14:00:05 after the date" },
  { "2025-02-12T14:00:05.5", -1, "trailing characters after the date" },
  { "2025-02-12T24:00", -1, "hour 24 is out of range" },
  { "2025-02-12T99:99", -1, "hour 99 is out of range" },
  { "2025-02-12T14:60", -1, "minute 60 is out of range" },
  { "2025-02-12T23:59:60", -1, "second 60 is out of range" },
  { "2025-02-12T14:00+", -1, "expected a time zone offset such as Z, +01:00 or -05:00 after the time" },
  { "2025-02-12T14:00-", -1, "expected a time zone offset such as Z, +01:00 or -05:00 after the time" },
  { "2025-02-12T14:00+01", -1, "expected a time zone offset such as Z, +01:00 or -05:00 after the time" },
  { "2025-02-12T14:00+0100", -1, "expected a time zone offset such as Z, +01:00 or -05:00 after the time" },
  { "2025-02-12T14:00+1:00", -1, "expected a time zone offset such as Z, +01:00 or -05:00 after the time" },
  { "2025-02-12T14:00+15:00", -1, "time zone offset +15:00 is out of range" },
  { "2025-02-12T14:00+14:01", -1, "time zone offset +14:01 is out of range" },
  { "2025-02-12T14:00-14:30", -1, "time zone offset -14:30 is out of range" },
  { "2025-02-12T14:00+01:60", -1, "time zone offset +01:60 is out of range" },
  { "2025-02-12T14:00~", -1, "a time cannot carry the qualifier \"~\"" },
  { "2025-02-12T14:00:05Z?", -1, "a time cannot carry the qualifier \"?\"" },
  { "2025-02-12T14:00+01:00%", -1, "a time cannot carry the qualifier \"%\"" },
  { "2025~?", -1, "only one qualifier is allowed; \"%\" means uncertain and approximate" },
  { "2025??", -1, "only one qualifier is allowed; \"%\" means uncertain and approximate" },
  { "2025 ", -1, "trailing characters after the date" },
  { "2025-02-12 14:00", -1, "trailing characters after the date" },
  { "2025-02-12t14:00", -1, "trailing characters after the date" },
  { "2025-02-12T14:00z", -1, "trailing characters after the date" },
  { "2025-02-12T14:00ZZ", -1, "trailing characters after the date" },
  { "2025-02-12T14:00Z+01:00", -1, "trailing characters after the date" },
  { "2025~x", -1, "trailing characters after the date" },
  { "2025?-02", -1, "trailing characters after the date" },
  { "2025\n", -1, "trailing characters after the date" },
  { "2025\0", 5, "the date contains a NUL character" },
  { "\0", 1, "the date contains a NUL character" },
  { "2025-02-12\xc3\xa9", -1, "the date contains a non-ASCII character" },
  { "2025\xe2\x80\x90" "02", -1, "the date contains a non-ASCII character" },
  { "\xff", -1, "the date contains a non-ASCII character" },
};

static void
test_parse_errors (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SpDate date;
      SpDate untouched;
      gboolean parsed;

      memset (&date, 0x5a, sizeof date);
      untouched = date;

      parsed = sp_date_parse (error_cases[i].text, error_cases[i].length, &date, &error);
      if (parsed || g_strcmp0 (error->message, error_cases[i].message) != 0)
        {
          g_autofree char *escaped = g_strescape (error_cases[i].text, NULL);

          g_test_message ("wrong outcome for \"%s\"", escaped);
        }
      g_assert_false (parsed);
      g_assert_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, error_cases[i].message);
      g_assert_cmpmem (&date, sizeof date, &untouched, sizeof untouched);
    }
}

static const struct
{
  const char *text;
  const char *display;
} format_cases[] = {
  { "2025", "2025" },
  { "2025-02", "Feb 2025" },
  { "2025-02-12", "12 Feb 2025" },
  { "2025-02-02", "2 Feb 2025" },
  { "2025-02-12T14:00", "12 Feb 2025 14:00" },
  { "2025-02-12T14:00Z", "12 Feb 2025 14:00" },
  { "2025-02-12T14:00+00:00", "12 Feb 2025 14:00" },
  { "2025-02-12T14:00:05", "12 Feb 2025 14:00:05" },
  { "2025-02-12T14:00+01:00", "12 Feb 2025 14:00 +01:00" },
  { "2025-02-12T09:05:07-05:30", "12 Feb 2025 09:05:07 -05:30" },
  { "2025-01-01T00:30+14:00", "1 Jan 2025 00:30 +14:00" },
  { "0000", "1 BCE" },
  { "-0001", "2 BCE" },
  { "-0043", "44 BCE" },
  { "-0043-03", "Mar 44 BCE" },
  { "-0043-03-15", "15 Mar 44 BCE" },
  { "-9999", "10000 BCE" },
  { "-0043-03-15T12:00", "15 Mar 44 BCE 12:00" },
  { "0001", "1" },
  { "0476", "476" },
  { "0476-09", "Sep 476" },
  { "0476-09-04", "4 Sep 476" },
  { "2022~", "~2022" },
  { "2022?", "2022?" },
  { "2022%", "~2022?" },
  { "2025-02?", "Feb 2025?" },
  { "-0043-03-15~", "~15 Mar 44 BCE" },
  { "0000%", "~1 BCE?" },
  { "2025-01", "Jan 2025" },
  { "2025-03", "Mar 2025" },
  { "2025-04", "Apr 2025" },
  { "2025-05", "May 2025" },
  { "2025-06", "Jun 2025" },
  { "2025-07", "Jul 2025" },
  { "2025-08", "Aug 2025" },
  { "2025-09", "Sep 2025" },
  { "2025-10", "Oct 2025" },
  { "2025-11", "Nov 2025" },
  { "2025-12", "Dec 2025" },
};

static void
test_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      SpDate date = parse_or_fail (format_cases[i].text);
      g_autofree char *display = sp_date_format (&date);

      g_assert_cmpstr (display, ==, format_cases[i].display);
    }
}

static const struct
{
  const char *text;
  const char *canonical;
} to_string_cases[] = {
  { "2025", "2025" },
  { "2025-02", "2025-02" },
  { "2025-02-12", "2025-02-12" },
  { "2025-02-12T14:00", "2025-02-12T14:00" },
  { "2025-02-12T14:00:05", "2025-02-12T14:00:05" },
  { "2025-02-12T14:00Z", "2025-02-12T14:00Z" },
  { "2025-02-12T14:00+00:00", "2025-02-12T14:00Z" },
  { "2025-02-12T14:00-00:00", "2025-02-12T14:00Z" },
  { "2025-02-12T14:00:05-05:30", "2025-02-12T14:00:05-05:30" },
  { "2025-02-12T14:00+14:00", "2025-02-12T14:00+14:00" },
  { "0000", "0000" },
  { "-0043-03-15~", "-0043-03-15~" },
  { "-9999-01-01T00:00+14:00", "-9999-01-01T00:00+14:00" },
  { "0476?", "0476?" },
  { "2022%", "2022%" },
};

static void
test_to_string (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (to_string_cases); i++)
    {
      SpDate date = parse_or_fail (to_string_cases[i].text);
      g_autofree char *text = sp_date_to_string (&date);

      g_assert_cmpstr (text, ==, to_string_cases[i].canonical);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (all_cases); i++)
    for (gsize j = 0; j < all_cases[i].n_cases; j++)
      {
        SpDate date = parse_or_fail (all_cases[i].cases[j].text);
        g_autofree char *text = sp_date_to_string (&date);
        SpDate again = parse_or_fail (text);

        assert_same_date (&again, &date);
      }
}

/* In ascending order. */
static const char * const sorted_dates[] = {
  "-9999",
  "-0043",
  "-0043-03",
  "-0043-03-15",
  "0000",
  "0001",
  "2024-12-31T23:30+01:00",
  "2025-01-01T00:00:00",
  "2025-01-01T00:00:00Z",
  "2025-01-01T00:00",
  "2024-12-31T19:00-05:00",
  "2025-01-01T00:00Z",
  "2025-01-01T01:00+01:00",
  "2025-01-01",
  "2025-01",
  "2025",
  "2025~",
  "2025?",
  "2025%",
  "2025-01-01T00:30+00:00",
  "2025-02-01",
  "2025-02",
  "2025-02?",
  "2025-02-12",
  "2025-02-12T14:00+01:00",
  "2025-02-12T14:00",
  "2025-02-12T14:00:05",
  "9999",
  "9999-12-31T23:59:59-14:00",
};

static int
compare_pointers (gconstpointer a,
                  gconstpointer b)
{
  return sp_date_compare (*(SpDate * const *) a, *(SpDate * const *) b);
}

static void
test_compare (void)
{
  gsize n = G_N_ELEMENTS (sorted_dates);
  g_autofree SpDate *dates = g_new (SpDate, n);
  g_autoptr(GPtrArray) shuffled = g_ptr_array_new ();

  for (gsize i = 0; i < n; i++)
    dates[i] = parse_or_fail (sorted_dates[i]);

  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < n; j++)
      {
        int result = sp_date_compare (&dates[i], &dates[j]);
        int sign = (result > 0) - (result < 0);
        int expected = (i > j) - (i < j);

        if (sign != expected)
          g_test_message ("wrong order of %s and %s", sorted_dates[i], sorted_dates[j]);
        g_assert_cmpint (sign, ==, expected);
      }

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (shuffled, &dates[(i * 7) % n]);
  g_ptr_array_sort (shuffled, compare_pointers);
  for (gsize i = 0; i < n; i++)
    g_assert_true (g_ptr_array_index (shuffled, i) == &dates[i]);
}

static void
assert_bounds_round_trip (const SpDate *date)
{
  SpDate again;

  g_assert_true (sp_date_init_from_bounds (&again, date->lo, date->precision, date->flags,
                                           date->utc_offset, date->has_offset));
  assert_same_date (&again, date);
}

static void
test_init_from_bounds (void)
{
  static const struct
  {
    gint64 lo;
    SpDatePrecision precision;
    SpDateFlags flags;
    int utc_offset;
    gboolean has_offset;
  } rejected[] = {
    { 1738368000, SP_DATE_PRECISION_YEAR, 0, 0, FALSE },
    { 1739318400, SP_DATE_PRECISION_MONTH, 0, 0, FALSE },
    { 1739318400 + 3600, SP_DATE_PRECISION_DAY, 0, 0, FALSE },
    { 1739368805, SP_DATE_PRECISION_MINUTE, 0, 0, FALSE },
    { 1735689600, 0, 0, 0, FALSE },
    { 1735689600, SP_DATE_PRECISION_SECOND + 1, 0, 0, FALSE },
    { 1735689600, SP_DATE_PRECISION_YEAR, 1 << 2, 0, FALSE },
    { 1739368800, SP_DATE_PRECISION_MINUTE, SP_DATE_APPROXIMATE, 0, FALSE },
    { 1739368805, SP_DATE_PRECISION_SECOND, SP_DATE_UNCERTAIN, 0, TRUE },
    { 1735689600, SP_DATE_PRECISION_YEAR, 0, 0, TRUE },
    { 1739318400, SP_DATE_PRECISION_DAY, 0, 60, FALSE },
    { 1739368800, SP_DATE_PRECISION_MINUTE, 0, 60, FALSE },
    { 1739368800, SP_DATE_PRECISION_MINUTE, 0, 841, TRUE },
    { 1739368800, SP_DATE_PRECISION_MINUTE, 0, -841, TRUE },
    { 1739368800, SP_DATE_PRECISION_MINUTE, 0, G_MININT, TRUE },
    { FIRST_LO - 366 * DAY_SECONDS, SP_DATE_PRECISION_YEAR, 0, 0, FALSE },
    { FIRST_LO - 60, SP_DATE_PRECISION_MINUTE, 0, 0, FALSE },
    { END_HI, SP_DATE_PRECISION_YEAR, 0, 0, FALSE },
    { END_HI, SP_DATE_PRECISION_MINUTE, 0, 0, TRUE },
    { END_HI - 1 + 50400, SP_DATE_PRECISION_SECOND, 0, 0, TRUE },
    { G_MININT64, SP_DATE_PRECISION_SECOND, 0, 840, TRUE },
    { G_MAXINT64, SP_DATE_PRECISION_SECOND, 0, -840, TRUE },
    { G_MAXINT64, SP_DATE_PRECISION_YEAR, 0, 0, FALSE },
  };
  SpDate date;

  for (gsize i = 0; i < G_N_ELEMENTS (all_cases); i++)
    for (gsize j = 0; j < all_cases[i].n_cases; j++)
      {
        SpDate parsed = parse_or_fail (all_cases[i].cases[j].text);

        assert_bounds_round_trip (&parsed);
      }

  g_assert_true (sp_date_init_from_bounds (&date, 1739365200, SP_DATE_PRECISION_MINUTE, 0, 60, TRUE));
  g_assert_cmpint (date.year, ==, 2025);
  g_assert_cmpint (date.month, ==, 2);
  g_assert_cmpint (date.day, ==, 12);
  g_assert_cmpint (date.hour, ==, 14);
  g_assert_cmpint (date.minute, ==, 0);
  g_assert_cmpint (date.hi, ==, 1739365260);

  g_assert_true (sp_date_init_from_bounds (&date, -1, SP_DATE_PRECISION_SECOND, 0, 0, FALSE));
  g_assert_cmpint (date.year, ==, 1969);
  g_assert_cmpint (date.hour, ==, 23);
  g_assert_cmpint (date.second, ==, 59);

  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      SpDate untouched;

      gboolean accepted;

      memset (&date, 0x5a, sizeof date);
      untouched = date;

      accepted = sp_date_init_from_bounds (&date, rejected[i].lo, rejected[i].precision,
                                           rejected[i].flags, rejected[i].utc_offset,
                                           rejected[i].has_offset);
      if (accepted)
        g_test_message ("case %" G_GSIZE_FORMAT " was accepted", i);
      g_assert_false (accepted);
      g_assert_cmpmem (&date, sizeof date, &untouched, sizeof untouched);
    }
}

static int
test_days_in_month (int year,
                    int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = year % 400 == 0 || (year % 4 == 0 && year % 100 != 0);

  return month == 2 && leap ? 29 : days[month - 1];
}

/* Walks every day from -9999-01-01 to 9999-12-31, so the calendar
 * arithmetic is checked against plain counting between two known anchors.
 */
static void
test_every_day (void)
{
  gint64 lo = FIRST_LO;
  int year = -9999;
  int month = 1;
  int day = 1;
  guint n = 0;

  while (year <= 9999)
    {
      SpDate date;

      g_assert_true (sp_date_init_from_bounds (&date, lo, SP_DATE_PRECISION_DAY, 0, 0, FALSE));
      if (date.year != year || date.month != month || date.day != day || date.hi != lo + DAY_SECONDS)
        g_error ("%d-%d-%d at %" G_GINT64_FORMAT " came back as %d-%d-%d",
                 year, month, day, lo, date.year, date.month, date.day);

      if (day == 1)
        {
          SpDate start;

          g_assert_true (sp_date_init_from_bounds (&start, lo, SP_DATE_PRECISION_MONTH, 0, 0, FALSE));
          g_assert_cmpint (start.hi - start.lo, ==, test_days_in_month (year, month) * DAY_SECONDS);
          if (month == 1)
            {
              g_assert_true (sp_date_init_from_bounds (&start, lo, SP_DATE_PRECISION_YEAR, 0, 0, FALSE));
              g_assert_cmpint (start.year, ==, year);
            }
        }
      else if (day == 2)
        {
          g_assert_false (sp_date_init_from_bounds (&date, lo, SP_DATE_PRECISION_MONTH, 0, 0, FALSE));
        }

      if (n++ % 997 == 0)
        {
          g_autofree char *text = sp_date_to_string (&date);
          SpDate again = parse_or_fail (text);

          assert_same_date (&again, &date);
        }

      if (year == 0 && month == 1 && day == 1)
        g_assert_cmpint (lo, ==, YEAR_0_LO);
      if (year == 1970 && month == 1 && day == 1)
        g_assert_cmpint (lo, ==, 0);

      lo += DAY_SECONDS;
      if (++day > test_days_in_month (year, month))
        {
          day = 1;
          if (++month > 12)
            {
              month = 1;
              year++;
            }
        }
    }

  g_assert_cmpint (lo, ==, END_HI);
  g_assert_false (sp_date_init_from_bounds (&(SpDate) { 0 }, lo, SP_DATE_PRECISION_DAY, 0, 0, FALSE));
}

static void
check_parsed_invariants (const char *text,
                         gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *canonical = NULL;
  SpDate date;
  SpDate again;

  if (!sp_date_parse (text, length, &date, &error))
    {
      g_assert_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpint (date.lo, <, date.hi);

  display = sp_date_format (&date);
  g_assert_nonnull (display);

  canonical = sp_date_to_string (&date);
  g_assert_true (sp_date_parse (canonical, -1, &again, &error));
  g_assert_no_error (error);
  assert_same_date (&again, &date);
  assert_bounds_round_trip (&date);
}

static void
mutate (GString *text)
{
  static const char alphabet[] = "0123456789-T:Z+~?% tz.\xff\xc3";
  guint position = text->len > 0 ? g_test_rand_int_range (0, text->len + 1) : 0;
  char c = g_test_rand_bit ()
             ? alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]
             : (char) g_test_rand_int_range (0, 256);

  switch (g_test_rand_int_range (0, 3))
    {
    case 0:
      g_string_insert_c (text, position, c);
      break;

    case 1:
      if (position < text->len)
        text->str[position] = c;
      break;

    default:
      if (position < text->len)
        g_string_erase (text, position, 1);
      break;
    }
}

/* Nothing may crash or break an invariant, whatever the input. Mutated valid
 * dates reach deep into the grammar; random bytes cover the rest.
 */
static void
test_fuzz (void)
{
  guint rounds = g_test_slow () ? 200 : 20;

  for (gsize i = 0; i < G_N_ELEMENTS (all_cases); i++)
    for (gsize j = 0; j < all_cases[i].n_cases; j++)
      {
        const char *valid = all_cases[i].cases[j].text;
        gsize length = strlen (valid);

        for (gsize cut = 0; cut <= length; cut++)
          {
            g_autofree char *copy = g_strndup (valid, cut);

            check_parsed_invariants (valid, cut);
            check_parsed_invariants (copy, -1);
          }

        for (guint round = 0; round < rounds; round++)
          {
            g_autoptr(GString) text = g_string_new (valid);
            guint n_mutations = g_test_rand_int_range (1, 4);

            for (guint k = 0; k < n_mutations; k++)
              mutate (text);
            check_parsed_invariants (text->str, text->len);
            check_parsed_invariants (text->str, -1);
          }
      }

  for (guint round = 0; round < rounds * 500; round++)
    {
      char buffer[32];
      gsize length = g_test_rand_int_range (0, sizeof buffer);

      for (gsize k = 0; k < length; k++)
        buffer[k] = g_test_rand_int_range (0, 256);
      check_parsed_invariants (buffer, length);
    }

  for (guint round = 0; round < rounds * 500; round++)
    {
      g_autofree char *text =
        g_strdup_printf ("%s%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                         g_test_rand_bit () ? "-" : "",
                         g_test_rand_int_range (0, 10000),
                         g_test_rand_int_range (0, 14),
                         g_test_rand_int_range (0, 33),
                         g_test_rand_int_range (0, 25),
                         g_test_rand_int_range (0, 61),
                         g_test_rand_int_range (0, 61),
                         g_test_rand_bit () ? '+' : '-',
                         g_test_rand_int_range (0, 16),
                         g_test_rand_int_range (0, 61));

      for (gsize cut = 0; text[cut] != '\0'; cut++)
        check_parsed_invariants (text, cut);
      check_parsed_invariants (text, -1);
    }
}

static void
test_boxed (void)
{
  SpDate date = parse_or_fail ("-0043-03-15~");
  g_autoptr(SpDate) copy = sp_date_copy (&date);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (SP_TYPE_DATE));
  g_assert_cmpstr (g_type_name (SP_TYPE_DATE), ==, "SpDate");
  g_assert_true (copy != &date);
  assert_same_date (copy, &date);

  g_value_init (&value, SP_TYPE_DATE);
  g_value_set_boxed (&value, copy);
  g_assert_true (g_value_get_boxed (&value) != copy);
  assert_same_date (g_value_get_boxed (&value), &date);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/year", test_parse_year);
  g_test_add_func ("/date/parse/month", test_parse_month);
  g_test_add_func ("/date/parse/day", test_parse_day);
  g_test_add_func ("/date/parse/minute", test_parse_minute);
  g_test_add_func ("/date/parse/second", test_parse_second);
  g_test_add_func ("/date/parse/offset", test_parse_offset);
  g_test_add_func ("/date/parse/leap-years", test_parse_leap_years);
  g_test_add_func ("/date/parse/bce", test_parse_bce);
  g_test_add_func ("/date/parse/qualifiers", test_parse_qualifiers);
  g_test_add_func ("/date/parse/length", test_parse_length);
  g_test_add_func ("/date/parse/errors", test_parse_errors);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/to-string", test_to_string);
  g_test_add_func ("/date/compare", test_compare);
  g_test_add_func ("/date/init-from-bounds", test_init_from_bounds);
  g_test_add_func ("/date/every-day", test_every_day);
  g_test_add_func ("/date/fuzz", test_fuzz);
  g_test_add_func ("/date/boxed", test_boxed);

  return g_test_run ();
}
