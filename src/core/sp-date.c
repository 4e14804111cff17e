#define G_LOG_DOMAIN "standpoint-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-date.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
/* -9999-01-01T00:00:00Z and 10000-01-01T00:00:00Z, the range of 4-digit years. */
#define MIN_LO G_GINT64_CONSTANT (-377705116800)
#define MAX_HI G_GINT64_CONSTANT (253402300800)
#define MAX_UTC_OFFSET (14 * 60)
#define ALL_FLAGS (SP_DATE_APPROXIMATE | SP_DATE_UNCERTAIN)

G_DEFINE_BOXED_TYPE (SpDate, sp_date, sp_date_copy, sp_date_free)
G_DEFINE_QUARK (sp-date-error-quark, sp_date_error)

static const char * const month_abbreviations[] = {
  /* Translators: abbreviated month names, as in "12 Feb 2025" */
  NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"),
  NC_("month", "Apr"), NC_("month", "May"), NC_("month", "Jun"),
  NC_("month", "Jul"), NC_("month", "Aug"), NC_("month", "Sep"),
  NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
};

static const char * const month_names[] = {
  /* Translators: full month names, as in "day 30 does not exist in February 2025" */
  NC_("month name", "January"), NC_("month name", "February"),
  NC_("month name", "March"), NC_("month name", "April"),
  NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"),
  NC_("month name", "September"), NC_("month name", "October"),
  NC_("month name", "November"), NC_("month name", "December"),
};

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_assert (month >= 1 && month <= 12);

  if (month == 2 && is_leap_year (year))
    return 29;

  return days[month - 1];
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

/* Days from 0000-01-01 to the first day of year. The leap-year count is
 * written with floor division so that it holds on both sides of year 0,
 * where it becomes the negated count of leap years in [year, 0).
 */
static gint64
days_before_year (gint64 year)
{
  return 365 * year
         + floor_div (year - 1, 4)
         - floor_div (year - 1, 100)
         + floor_div (year - 1, 400)
         + 1;
}

static int
days_before_month (int year,
                   int month)
{
  static const int days[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

  g_assert (month >= 1 && month <= 12);

  return days[month - 1] + (month > 2 && is_leap_year (year) ? 1 : 0);
}

/* Days since 1970-01-01. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  return days_before_year (year)
         + days_before_month (year, month)
         + day - 1
         - days_before_year (1970);
}

static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 since_year_0 = days + days_before_year (1970);
  gint64 y;
  int day_of_year;
  int m;

  /* 146097 days make 400 Gregorian years, so this is off by one at most. */
  y = floor_div (since_year_0 * 400, 146097);
  while (days_before_year (y) > since_year_0)
    y--;
  while (days_before_year (y + 1) <= since_year_0)
    y++;

  day_of_year = since_year_0 - days_before_year (y);
  m = 1;
  while (m < 12 && day_of_year >= days_before_month (y, m + 1))
    m++;

  *year = y;
  *month = m;
  *day = day_of_year - days_before_month (y, m) + 1;
}

/* Fields below the precision must already be 0. */
static void
date_set (SpDate          *date,
          int              year,
          int              month,
          int              day,
          int              hour,
          int              minute,
          int              second,
          int              utc_offset,
          gboolean         has_offset,
          SpDatePrecision  precision,
          SpDateFlags      flags)
{
  date->year = year;
  date->month = month;
  date->day = day;
  date->hour = hour;
  date->minute = minute;
  date->second = second;
  date->utc_offset = utc_offset;
  date->has_offset = has_offset;
  date->precision = precision;
  date->flags = flags;

  switch (precision)
    {
    case SP_DATE_PRECISION_YEAR:
      date->lo = days_from_civil (year, 1, 1) * SECONDS_PER_DAY;
      date->hi = days_from_civil (year + 1, 1, 1) * SECONDS_PER_DAY;
      break;

    case SP_DATE_PRECISION_MONTH:
      date->lo = days_from_civil (year, month, 1) * SECONDS_PER_DAY;
      date->hi = date->lo + days_in_month (year, month) * SECONDS_PER_DAY;
      break;

    case SP_DATE_PRECISION_DAY:
      date->lo = days_from_civil (year, month, day) * SECONDS_PER_DAY;
      date->hi = date->lo + SECONDS_PER_DAY;
      break;

    case SP_DATE_PRECISION_MINUTE:
    case SP_DATE_PRECISION_SECOND:
      date->lo = days_from_civil (year, month, day) * SECONDS_PER_DAY
                 + hour * 3600 + minute * 60 + second
                 - utc_offset * 60;
      date->hi = date->lo + (precision == SP_DATE_PRECISION_MINUTE ? 60 : 1);
      break;

    default:
      g_assert_not_reached ();
    }
}

static int
digit_run (const char *p,
           const char *end)
{
  int n = 0;

  while (p + n < end && g_ascii_isdigit (p[n]))
    n++;

  return n;
}

static int
parse_digits (const char *p,
              int         n_digits)
{
  int value = 0;

  for (int i = 0; i < n_digits; i++)
    value = value * 10 + (p[i] - '0');

  return value;
}

/* Whether p starts "dd:dd", as in a time or an offset. */
static gboolean
is_clock (const char *p,
          const char *end)
{
  return digit_run (p, end) == 2
         && p + 2 < end && p[2] == ':'
         && digit_run (p + 3, end) == 2;
}

static gboolean
is_qualifier (char c)
{
  return c == '?' || c == '~' || c == '%';
}

static char *
format_year (int year)
{
  if (year >= 1)
    return g_strdup_printf ("%d", year);

  /* Translators: a year before the common era, as in "44 BCE" */
  return g_strdup_printf (_("%d BCE"), 1 - year);
}

/**
 * sp_date_parse:
 * @text: a DATE of the dataset format, such as "2025-02", "-0043~" or
 *   "2025-02-12T14:00+01:00"
 * @length: length of @text in bytes, or -1 if it is nul-terminated
 * @date: (out caller-allocates): where to store the date
 * @error: return location for a %SP_DATE_ERROR_INVALID error
 *
 * Parses strictly: only the forms of the format specification are accepted,
 * and @date is left untouched on failure. A time without a zone is UTC.
 *
 * Returns: whether @text is a valid date
 */
gboolean
sp_date_parse (const char  *text,
               gssize       length,
               SpDate      *date,
               GError     **error)
{
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  gboolean has_offset = FALSE;
  int year;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int utc_offset = 0;
  int n_digits;
  SpDatePrecision precision = SP_DATE_PRECISION_YEAR;
  SpDateFlags flags = 0;
  SpDate result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = strlen (text);
  end = text + length;

  for (p = text; p < end; p++)
    {
      if (*p == '\0')
        {
          g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                               _("the date contains a NUL character"));
          return FALSE;
        }
      if ((guchar) *p >= 0x80)
        {
          g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                               _("the date contains a non-ASCII character"));
          return FALSE;
        }
    }

  p = text;
  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  n_digits = digit_run (p, end);
  if (n_digits == 0)
    {
      g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           _("expected a date such as 2025, 2025-02 or 2025-02-12"));
      return FALSE;
    }
  if (n_digits != 4)
    {
      g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           _("a year must have exactly 4 digits, such as 0476 or 2025"));
      return FALSE;
    }
  year = parse_digits (p, 4);
  p += 4;
  if (negative && year == 0)
    {
      g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           _("year -0000 does not exist; 1 BCE is written 0000"));
      return FALSE;
    }
  if (negative)
    year = -year;

  if (p < end && *p == '-')
    {
      p++;
      if (digit_run (p, end) != 2)
        {
          g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                               _("expected a two-digit month after the year"));
          return FALSE;
        }
      month = parse_digits (p, 2);
      p += 2;
      if (month < 1 || month > 12)
        {
          g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                       _("month %d is out of range"), month);
          return FALSE;
        }
      precision = SP_DATE_PRECISION_MONTH;

      if (p < end && *p == '-')
        {
          p++;
          if (digit_run (p, end) != 2)
            {
              g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                                   _("expected a two-digit day after the month"));
              return FALSE;
            }
          day = parse_digits (p, 2);
          p += 2;
          if (day < 1 || day > 31)
            {
              g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           _("day %d is out of range"), day);
              return FALSE;
            }
          if (day > days_in_month (year, month))
            {
              g_autofree char *year_text = format_year (year);

              g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           /* Translators: %1$d is a day of the month, %2$s a
                            * full month name and %3$s a year such as "2025"
                            * or "44 BCE": "day 30 does not exist in February 2025" */
                           _("day %1$d does not exist in %2$s %3$s"),
                           day,
                           g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[month - 1]),
                           year_text);
              return FALSE;
            }
          precision = SP_DATE_PRECISION_DAY;
        }
    }

  if (p < end && *p == 'T')
    {
      if (precision != SP_DATE_PRECISION_DAY)
        {
          g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                               _("a time needs a full date, such as 2025-02-12T14:00"));
          return FALSE;
        }
      p++;
      if (!is_clock (p, end))
        {
          g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                               _("expected a time such as T14:00 or T14:00:05 after the date"));
          return FALSE;
        }
      hour = parse_digits (p, 2);
      minute = parse_digits (p + 3, 2);
      p += 5;
      if (hour > 23)
        {
          g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                       _("hour %d is out of range"), hour);
          return FALSE;
        }
      if (minute > 59)
        {
          g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                       _("minute %d is out of range"), minute);
          return FALSE;
        }
      precision = SP_DATE_PRECISION_MINUTE;

      if (p < end && *p == ':')
        {
          p++;
          if (digit_run (p, end) != 2)
            {
              g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                                   _("expected a time such as T14:00 or T14:00:05 after the date"));
              return FALSE;
            }
          second = parse_digits (p, 2);
          p += 2;
          if (second > 59)
            {
              g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           _("second %d is out of range"), second);
              return FALSE;
            }
          precision = SP_DATE_PRECISION_SECOND;
        }

      if (p < end && *p == 'Z')
        {
          has_offset = TRUE;
          p++;
        }
      else if (p < end && (*p == '+' || *p == '-'))
        {
          const char *sign = p;
          int offset_hours;
          int offset_minutes;

          p++;
          if (!is_clock (p, end))
            {
              g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                                   _("expected a time zone offset such as Z, +01:00 or -05:00 after the time"));
              return FALSE;
            }
          offset_hours = parse_digits (p, 2);
          offset_minutes = parse_digits (p + 3, 2);
          p += 5;
          if (offset_minutes > 59 || offset_hours * 60 + offset_minutes > MAX_UTC_OFFSET)
            {
              g_autofree char *written = g_strndup (sign, p - sign);

              g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           /* Translators: %s is an offset from UTC such as "+15:00" */
                           _("time zone offset %s is out of range"), written);
              return FALSE;
            }
          utc_offset = offset_hours * 60 + offset_minutes;
          if (*sign == '-')
            utc_offset = -utc_offset;
          has_offset = TRUE;
        }
    }

  if (p < end && is_qualifier (*p))
    {
      if (precision >= SP_DATE_PRECISION_MINUTE)
        {
          g_set_error (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                       /* Translators: %c is one of ?, ~ or % */
                       _("a time cannot carry the qualifier \"%c\""), *p);
          return FALSE;
        }
      if (*p == '?')
        flags = SP_DATE_UNCERTAIN;
      else if (*p == '~')
        flags = SP_DATE_APPROXIMATE;
      else
        flags = SP_DATE_UNCERTAIN | SP_DATE_APPROXIMATE;
      p++;

      if (p < end && is_qualifier (*p))
        {
          g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                               /* xgettext:no-c-format */
                               _("only one qualifier is allowed; \"%\" means uncertain and approximate"));
          return FALSE;
        }
    }

  if (p < end)
    {
      g_set_error_literal (error, SP_DATE_ERROR, SP_DATE_ERROR_INVALID,
                           _("trailing characters after the date"));
      return FALSE;
    }

  date_set (&result, year, month, day, hour, minute, second,
            utc_offset, has_offset, precision, flags);
  *date = result;

  return TRUE;
}

/**
 * sp_date_init_from_bounds:
 * @date: (out caller-allocates): where to store the date
 * @lo: the first second of the period, as in #SpDate.lo
 * @precision: the precision
 * @flags: the qualifiers
 * @utc_offset: the offset as written, in minutes east of UTC
 * @has_offset: whether a zone was written
 *
 * Re-creates a date from what the library stores. Only combinations that
 * sp_date_parse() can produce are accepted: @lo must start a period of
 * @precision (in UTC for date forms, on the local clock for time forms),
 * time forms carry no qualifiers and date forms no offset.
 *
 * Returns: whether the values describe a date; @date is untouched otherwise
 */
gboolean
sp_date_init_from_bounds (SpDate          *date,
                          gint64           lo,
                          SpDatePrecision  precision,
                          SpDateFlags      flags,
                          int              utc_offset,
                          gboolean         has_offset)
{
  gint64 local;
  gint64 days;
  int seconds;
  int year;
  int month;
  int day;
  int hour = 0;
  int minute = 0;
  int second = 0;
  SpDate result;

  g_return_val_if_fail (date != NULL, FALSE);

  if (precision < SP_DATE_PRECISION_YEAR || precision > SP_DATE_PRECISION_SECOND)
    return FALSE;
  if ((flags & ~ALL_FLAGS) != 0)
    return FALSE;

  if (precision >= SP_DATE_PRECISION_MINUTE)
    {
      if (flags != 0)
        return FALSE;
      if (utc_offset < -MAX_UTC_OFFSET || utc_offset > MAX_UTC_OFFSET)
        return FALSE;
      if (!has_offset && utc_offset != 0)
        return FALSE;
    }
  else if (has_offset || utc_offset != 0)
    {
      return FALSE;
    }

  /* Checked before adding the offset so that the sum cannot overflow. */
  if (lo < MIN_LO - MAX_UTC_OFFSET * 60 || lo >= MAX_HI + MAX_UTC_OFFSET * 60)
    return FALSE;
  local = lo + utc_offset * 60;
  if (local < MIN_LO || local >= MAX_HI)
    return FALSE;

  days = floor_div (local, SECONDS_PER_DAY);
  seconds = local - days * SECONDS_PER_DAY;
  civil_from_days (days, &year, &month, &day);

  switch (precision)
    {
    case SP_DATE_PRECISION_YEAR:
      if (month != 1 || day != 1 || seconds != 0)
        return FALSE;
      month = 0;
      day = 0;
      break;

    case SP_DATE_PRECISION_MONTH:
      if (day != 1 || seconds != 0)
        return FALSE;
      day = 0;
      break;

    case SP_DATE_PRECISION_DAY:
      if (seconds != 0)
        return FALSE;
      break;

    case SP_DATE_PRECISION_MINUTE:
      if (seconds % 60 != 0)
        return FALSE;
      hour = seconds / 3600;
      minute = seconds / 60 % 60;
      break;

    case SP_DATE_PRECISION_SECOND:
      hour = seconds / 3600;
      minute = seconds / 60 % 60;
      second = seconds % 60;
      break;

    default:
      g_assert_not_reached ();
    }

  date_set (&result, year, month, day, hour, minute, second,
            utc_offset, has_offset != FALSE, precision, flags);
  g_assert (result.lo == lo);
  *date = result;

  return TRUE;
}

static gboolean
is_valid (const SpDate *date)
{
  return date->precision >= SP_DATE_PRECISION_YEAR
         && date->precision <= SP_DATE_PRECISION_SECOND
         && date->utc_offset >= -MAX_UTC_OFFSET
         && date->utc_offset <= MAX_UTC_OFFSET
         && (date->precision < SP_DATE_PRECISION_MONTH
             || (date->month >= 1 && date->month <= 12));
}

/* Atomic, as any thread may format dates while the preferences change it. */
static int date_style = SP_DATE_STYLE_WRITTEN;

/**
 * sp_date_set_style:
 * @style: how sp_date_format() writes dates from now on
 *
 * Sets the style of sp_date_format() for the whole process. Text formatted
 * before keeps its style; sp_date_to_string() is never affected.
 */
void
sp_date_set_style (SpDateStyle style)
{
  g_return_if_fail (style == SP_DATE_STYLE_WRITTEN || style == SP_DATE_STYLE_ISO);

  g_atomic_int_set (&date_style, style);
}

/**
 * sp_date_get_style:
 *
 * Returns: the style of sp_date_format(), %SP_DATE_STYLE_WRITTEN unless
 *   sp_date_set_style() changed it
 */
SpDateStyle
sp_date_get_style (void)
{
  return g_atomic_int_get (&date_style);
}

/* The date as the dataset format writes it, such as "-0043-03-15". */
static void
append_day (GString      *text,
            const SpDate *date)
{
  if (date->year < 0)
    g_string_append_printf (text, "-%04d", -date->year);
  else
    g_string_append_printf (text, "%04d", date->year);

  if (date->precision >= SP_DATE_PRECISION_MONTH)
    g_string_append_printf (text, "-%02d", date->month);
  if (date->precision >= SP_DATE_PRECISION_DAY)
    g_string_append_printf (text, "-%02d", date->day);
}

static void
append_clock (GString      *text,
              const SpDate *date)
{
  g_string_append_printf (text, "%02d:%02d", date->hour, date->minute);
  if (date->precision == SP_DATE_PRECISION_SECOND)
    g_string_append_printf (text, ":%02d", date->second);
}

static void
append_offset (GString      *text,
               const SpDate *date)
{
  g_string_append_printf (text, "%c%02d:%02d",
                          date->utc_offset < 0 ? '-' : '+',
                          ABS (date->utc_offset) / 60,
                          ABS (date->utc_offset) % 60);
}

/* The ISO style is the same in every language, so it is not translated. */
static char *
format_iso (const SpDate *date)
{
  GString *text = g_string_new (NULL);

  if (date->flags & SP_DATE_APPROXIMATE)
    g_string_append_c (text, '~');

  append_day (text, date);

  if (date->precision >= SP_DATE_PRECISION_MINUTE)
    {
      g_string_append_c (text, ' ');
      append_clock (text, date);
      if (date->has_offset && date->utc_offset != 0)
        {
          g_string_append_c (text, ' ');
          append_offset (text, date);
        }
    }

  if (date->flags & SP_DATE_UNCERTAIN)
    g_string_append_c (text, '?');

  return g_string_free (text, FALSE);
}

static char *
format_written (const SpDate *date)
{
  g_autofree char *year = format_year (date->year);
  g_autofree char *text = NULL;

  if (date->precision == SP_DATE_PRECISION_YEAR)
    {
      text = g_steal_pointer (&year);
    }
  else
    {
      const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "month",
                                        month_abbreviations[date->month - 1]);

      if (date->precision == SP_DATE_PRECISION_MONTH)
        /* Translators: a month and a year, as in "Feb 2025"; %1$s is the
         * abbreviated month and %2$s the year */
        text = g_strdup_printf (C_("month and year", "%1$s %2$s"), month, year);
      else
        /* Translators: a date, as in "12 Feb 2025"; %1$d is the day, %2$s
         * the abbreviated month and %3$s the year */
        text = g_strdup_printf (C_("day, month and year", "%1$d %2$s %3$s"),
                                date->day, month, year);
    }

  if (date->precision >= SP_DATE_PRECISION_MINUTE)
    {
      g_autofree char *date_text = g_steal_pointer (&text);
      g_autoptr(GString) clock = g_string_new (NULL);

      append_clock (clock, date);
      if (date->has_offset && date->utc_offset != 0)
        {
          g_string_append_c (clock, ' ');
          append_offset (clock, date);
        }

      /* Translators: a date followed by a time, as in "12 Feb 2025 14:00";
       * %1$s is the date and %2$s the time */
      text = g_strdup_printf (C_("date and time", "%1$s %2$s"), date_text, clock->str);
    }

  switch (date->flags & ALL_FLAGS)
    {
    case SP_DATE_APPROXIMATE | SP_DATE_UNCERTAIN:
      /* Translators: an approximate and uncertain date, as in "~2022?" */
      return g_strdup_printf (C_("date qualifier", "~%s?"), text);

    case SP_DATE_APPROXIMATE:
      /* Translators: an approximate date, as in "~2022" */
      return g_strdup_printf (C_("date qualifier", "~%s"), text);

    case SP_DATE_UNCERTAIN:
      /* Translators: an uncertain date, as in "2022?" */
      return g_strdup_printf (C_("date qualifier", "%s?"), text);

    default:
      return g_steal_pointer (&text);
    }
}

/**
 * sp_date_format:
 * @date: a date
 *
 * Formats @date for display at its precision, in the style set with
 * sp_date_set_style(). The written style gives "Feb 2025", "15 Mar 44 BCE",
 * "~2022?" or "12 Feb 2025 14:00 +01:00"; the ISO style gives "2025-02",
 * "-0043-03-15", "~2022?" or "2025-02-12 14:00 +01:00". A time is shown on
 * the clock it was written with.
 *
 * Returns: (transfer full): the text
 */
char *
sp_date_format (const SpDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (is_valid (date), NULL);

  if (sp_date_get_style () == SP_DATE_STYLE_ISO)
    return format_iso (date);

  return format_written (date);
}

/**
 * sp_date_format_stored:
 * @text: (nullable): a date as the library stores it, in the dataset
 *   format
 *
 * Formats a stored date as sp_date_format() does.  The importer stored
 * only dates it could parse; anything else is shown as it is.
 *
 * Returns: (transfer full) (nullable): the text, or NULL for NULL
 */
char *
sp_date_format_stored (const char *text)
{
  SpDate date;

  if (text == NULL)
    return NULL;

  if (!sp_date_parse (text, -1, &date, NULL))
    return g_strdup (text);

  return sp_date_format (&date);
}

/**
 * sp_date_to_string:
 * @date: a date
 *
 * Writes @date in the form of the dataset format, such as "-0043-03-15~"
 * or "2025-02-12T14:00+01:00". A zone written as "+00:00" comes back as
 * "Z", which parses to the same date.
 *
 * Returns: (transfer full): the text, which sp_date_parse() reads back as @date
 */
char *
sp_date_to_string (const SpDate *date)
{
  GString *text;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (is_valid (date), NULL);

  text = g_string_new (NULL);

  append_day (text, date);

  if (date->precision >= SP_DATE_PRECISION_MINUTE)
    {
      g_string_append_c (text, 'T');
      append_clock (text, date);
      if (date->has_offset && date->utc_offset == 0)
        g_string_append_c (text, 'Z');
      else if (date->has_offset)
        append_offset (text, date);
    }

  switch (date->flags & ALL_FLAGS)
    {
    case SP_DATE_APPROXIMATE | SP_DATE_UNCERTAIN:
      g_string_append_c (text, '%');
      break;

    case SP_DATE_APPROXIMATE:
      g_string_append_c (text, '~');
      break;

    case SP_DATE_UNCERTAIN:
      g_string_append_c (text, '?');
      break;

    default:
      break;
    }

  return g_string_free (text, FALSE);
}

/**
 * sp_date_compare:
 * @a: a date
 * @b: another date
 *
 * Orders dates by @lo, then by @hi, so a shorter period sorts before a
 * longer one starting at the same second: "1 Feb 2025" < "Feb 2025" < "2025",
 * and "Feb 2025" < "12 Feb 2025". The remaining ties are broken by
 * precision, qualifiers (none, ~, ?, both) and zone (none, then by offset),
 * which makes this a total order: it returns 0 only for equal dates.
 *
 * Returns: a negative value, 0 or a positive value, like strcmp()
 */
int
sp_date_compare (const SpDate *a,
                 const SpDate *b)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if (a->lo != b->lo)
    return a->lo < b->lo ? -1 : 1;
  if (a->hi != b->hi)
    return a->hi < b->hi ? -1 : 1;
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;
  if (a->flags != b->flags)
    return a->flags < b->flags ? -1 : 1;
  if (!a->has_offset != !b->has_offset)
    return a->has_offset ? 1 : -1;
  if (a->utc_offset != b->utc_offset)
    return a->utc_offset < b->utc_offset ? -1 : 1;

  return 0;
}

/**
 * sp_date_copy:
 * @date: a date
 *
 * Returns: (transfer full): a copy of @date, to free with sp_date_free()
 */
SpDate *
sp_date_copy (const SpDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return g_memdup2 (date, sizeof *date);
}

void
sp_date_free (SpDate *date)
{
  g_free (date);
}
