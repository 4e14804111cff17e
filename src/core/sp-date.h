#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_TYPE_DATE (sp_date_get_type ())
#define SP_DATE_ERROR (sp_date_error_quark ())

typedef enum
{
  SP_DATE_PRECISION_YEAR = 1,
  SP_DATE_PRECISION_MONTH,
  SP_DATE_PRECISION_DAY,
  SP_DATE_PRECISION_MINUTE,
  SP_DATE_PRECISION_SECOND,
} SpDatePrecision;

typedef enum
{
  SP_DATE_APPROXIMATE = 1 << 0,
  SP_DATE_UNCERTAIN   = 1 << 1,
} SpDateFlags;

typedef enum
{
  SP_DATE_ERROR_INVALID,
} SpDateError;

typedef enum
{
  SP_DATE_STYLE_WRITTEN,
  SP_DATE_STYLE_ISO,
} SpDateStyle;

typedef struct
{
  /* Bounds in seconds since 1970-01-01T00:00:00Z, proleptic Gregorian:
   * lo is the first second of the period, hi the first second after it.
   */
  gint64 lo;
  gint64 hi;

  /* As written: astronomical year (0 is 1 BCE), and the local clock for
   * the time forms. Fields below the precision are 0.
   */
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;

  /* Minutes east of UTC as written ("Z" is an offset of 0); 0 if none. */
  int utc_offset;
  gboolean has_offset;

  SpDatePrecision precision;
  SpDateFlags flags;
} SpDate;

GType        sp_date_get_type         (void) G_GNUC_CONST;
GQuark       sp_date_error_quark      (void);

SpDate      *sp_date_copy             (const SpDate    *date);
void         sp_date_free             (SpDate          *date);

gboolean     sp_date_parse            (const char      *text,
                                       gssize           length,
                                       SpDate          *date,
                                       GError         **error);
gboolean     sp_date_init_from_bounds (SpDate          *date,
                                       gint64           lo,
                                       SpDatePrecision  precision,
                                       SpDateFlags      flags,
                                       int              utc_offset,
                                       gboolean         has_offset);

char        *sp_date_format           (const SpDate    *date);
char        *sp_date_format_stored    (const char      *text);
char        *sp_date_to_string        (const SpDate    *date);
int          sp_date_compare          (const SpDate    *a,
                                       const SpDate    *b);

void         sp_date_set_style        (SpDateStyle      style);
SpDateStyle  sp_date_get_style        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpDate, sp_date_free)

G_END_DECLS
