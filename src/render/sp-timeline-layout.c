#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "sp-date.h"
#include "sp-timeline-layout.h"

/* -9999-01-01 and 10000-01-01, the range of SpDate. */
#define MIN_TIME G_GINT64_CONSTANT (-377705116800)
#define MAX_TIME G_GINT64_CONSTANT (253402300800)
#define MIN_SPAN G_GINT64_CONSTANT (60)
#define FIT_MARGIN 0.05

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
/* Days from 0000-01-01 to 1970-01-01. */
#define DAYS_BEFORE_1970 G_GINT64_CONSTANT (719528)
/* 1970-01-05, a Monday, in days since 1970. */
#define FIRST_MONDAY 4
/* More ticks than any axis needs; bounds the work on absurd widths. */
#define MAX_TICKS 2000

/* Marks keep at least this much room between them; closer ones merge. */
#define MARK_GAP 2.0
/* Marks are looked for this far past the window's sides, in pixels, for
 * the halves of markers and pills that show. */
#define QUERY_MARGIN 40.0

static const char * const month_abbreviations[] = {
  /* Translators: abbreviated month names, as in "12 Feb 2025" */
  NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"),
  NC_("month", "Apr"), NC_("month", "May"), NC_("month", "Jun"),
  NC_("month", "Jul"), NC_("month", "Aug"), NC_("month", "Sep"),
  NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
};

static double
time_width (const SpViewport *viewport)
{
  return MAX (viewport->width - SP_TIMELINE_LABEL_WIDTH, 1.0);
}

double
sp_viewport_time_to_x (const SpViewport *viewport,
                       gint64            time)
{
  g_return_val_if_fail (viewport != NULL, 0.0);
  g_return_val_if_fail (viewport->hi > viewport->lo, 0.0);

  /* In doubles: @time may be G_MAXINT64 for a term still held. */
  return SP_TIMELINE_LABEL_WIDTH
         + ((double)time - (double)viewport->lo) * time_width (viewport)
           / (double)(viewport->hi - viewport->lo);
}

gint64
sp_viewport_x_to_time (const SpViewport *viewport,
                       double            x)
{
  double time;

  g_return_val_if_fail (viewport != NULL, 0);
  g_return_val_if_fail (viewport->hi > viewport->lo, 0);

  time = (double)viewport->lo
         + (x - SP_TIMELINE_LABEL_WIDTH) * (double)(viewport->hi - viewport->lo)
           / time_width (viewport);

  return (gint64)CLAMP (round (time), (double)MIN_TIME, (double)MAX_TIME);
}

/* Both ends are rounded on their own, so that a point of the window keeps
 * its place within half a second. */
static void
set_window (SpViewport *viewport,
            double      lo,
            double      span)
{
  gint64 new_lo;
  gint64 new_hi;

  span = CLAMP (span, (double)MIN_SPAN, (double)(MAX_TIME - MIN_TIME));
  lo = CLAMP (lo, (double)MIN_TIME, (double)MAX_TIME - span);

  new_lo = (gint64)round (lo);
  new_hi = (gint64)round (lo + span);
  if (new_hi - new_lo < MIN_SPAN)
    new_hi = new_lo + MIN_SPAN;
  if (new_hi > MAX_TIME)
    {
      new_lo -= new_hi - MAX_TIME;
      new_hi = MAX_TIME;
    }

  viewport->lo = new_lo;
  viewport->hi = new_hi;
}

void
sp_viewport_zoom (SpViewport *viewport,
                  double      factor,
                  double      anchor_x)
{
  double span;
  double fraction;
  double anchor;
  double new_span;

  g_return_if_fail (viewport != NULL);
  g_return_if_fail (viewport->hi > viewport->lo);
  g_return_if_fail (factor > 0.0);

  span = (double)(viewport->hi - viewport->lo);
  fraction = (anchor_x - SP_TIMELINE_LABEL_WIDTH) / time_width (viewport);
  anchor = (double)viewport->lo + fraction * span;
  new_span = CLAMP (span / factor, (double)MIN_SPAN, (double)(MAX_TIME - MIN_TIME));

  set_window (viewport, anchor - fraction * new_span, new_span);
}

void
sp_viewport_pan (SpViewport *viewport,
                 double      dx)
{
  double span;

  g_return_if_fail (viewport != NULL);
  g_return_if_fail (viewport->hi > viewport->lo);

  span = (double)(viewport->hi - viewport->lo);
  set_window (viewport, (double)viewport->lo + dx * span / time_width (viewport), span);
}

void
sp_viewport_fit (SpViewport *viewport,
                 gint64      lo,
                 gint64      hi)
{
  double span;

  g_return_if_fail (viewport != NULL);
  g_return_if_fail (hi >= lo);

  span = MAX ((double)hi - (double)lo, (double)MIN_SPAN) * (1.0 + 2.0 * FIT_MARGIN);
  set_window (viewport, ((double)lo + (double)hi - span) / 2.0, span);
}

/* Calendar arithmetic for the ticks, in UTC on the proleptic Gregorian
 * calendar with astronomical years (0 is 1 BCE). */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static gboolean
is_leap_year (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The first second of @month (1-12) of @year. */
static gint64
month_start (gint64 year,
             int    month)
{
  static const int days_before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
  gint64 days;

  /* Leap days in the years before @year; year 0 is one of them. */
  days = 365 * year
         + floor_div (year - 1, 4) - floor_div (year - 1, 100) + floor_div (year - 1, 400) + 1
         + days_before_month[month - 1]
         + (month > 2 && is_leap_year (year) ? 1 : 0);

  return (days - DAYS_BEFORE_1970) * SECONDS_PER_DAY;
}

static void
civil_from_time (gint64  time,
                 SpDate *date)
{
  gboolean valid;

  valid = sp_date_init_from_bounds (date, time, SP_DATE_PRECISION_SECOND, 0, 0, FALSE);
  g_assert (valid);
}

/* @time formatted at @precision, as sp_date_format() shows dates. */
static char *
format_period (gint64          time,
               SpDatePrecision precision)
{
  SpDate date;
  gboolean valid;

  valid = sp_date_init_from_bounds (&date, time, precision, 0, 0, FALSE);
  g_assert (valid);

  return sp_date_format (&date);
}

typedef enum {
  STEP_MINUTES,
  STEP_DAYS,
  STEP_WEEKS,
  STEP_MONTHS,
  STEP_YEARS,
} StepKind;

/* A spacing of the minor ticks, and of the major ticks that go with it. */
typedef struct {
  StepKind  kind;
  int       step;         /* in minutes, days, weeks, months or years */
  double    seconds;      /* about how long a step is */
  double    min_pixels;   /* room its label needs */
  int       major_years;  /* for year steps: years between major ticks */
} TickUnit;

#define MINUTES(n) { STEP_MINUTES, n, 60.0 * n, 44.0, 0 }
#define YEARS(n, major) { STEP_YEARS, n, 31556952.0 * n, 40.0, major }

static const TickUnit tick_units[] = {
  MINUTES (1), MINUTES (5), MINUTES (10), MINUTES (15), MINUTES (30),
  MINUTES (60), MINUTES (180), MINUTES (360), MINUTES (720),
  { STEP_DAYS, 1, 86400.0, 24.0, 0 },
  { STEP_WEEKS, 1, 604800.0, 28.0, 0 },
  { STEP_MONTHS, 1, 2629746.0, 34.0, 0 },
  { STEP_MONTHS, 3, 7889238.0, 34.0, 0 },
  YEARS (1, 10), YEARS (2, 10), YEARS (5, 50), YEARS (10, 100), YEARS (20, 100),
  YEARS (50, 500), YEARS (100, 1000), YEARS (200, 1000), YEARS (500, 5000),
  YEARS (1000, 5000),
};

#undef MINUTES
#undef YEARS

/* Year ticks are multiples of the step in the common era and count back
 * from 1 BCE before it, so that they read as round numbers both sides:
 * "100 BCE", "1 BCE"... "100", "200". */
static gint64
year_tick_floor (gint64 year,
                 gint64 step)
{
  if (year >= step)
    return floor_div (year, step) * step;
  if (year >= 1)
    return 1 - step;

  return 1 - (step - year) / step * step;
}

static gint64
year_tick_next (gint64 year,
                gint64 step)
{
  if (year >= 1 || year + step <= 0)
    return year + step;

  return step;
}

static gboolean
is_round_year (gint64 year,
               gint64 step)
{
  return year >= 1 ? year % step == 0 : (1 - year) % step == 0;
}

/* The start of the period of @unit that holds @time. */
static gint64
tick_floor (const TickUnit *unit,
            gint64          time)
{
  SpDate date;
  gint64 seconds;
  gint64 year;

  switch (unit->kind)
    {
    case STEP_MINUTES:
      seconds = unit->step * 60;
      return floor_div (time, seconds) * seconds;

    case STEP_DAYS:
      return floor_div (time, SECONDS_PER_DAY) * SECONDS_PER_DAY;

    case STEP_WEEKS:
      seconds = 7 * SECONDS_PER_DAY;
      return floor_div (time - FIRST_MONDAY * SECONDS_PER_DAY, seconds) * seconds
             + FIRST_MONDAY * SECONDS_PER_DAY;

    case STEP_MONTHS:
      civil_from_time (time, &date);
      return month_start (date.year, (date.month - 1) / unit->step * unit->step + 1);

    case STEP_YEARS:
      civil_from_time (time, &date);
      year = year_tick_floor (date.year, unit->step);
      /* Never before -9999, where dates end. */
      while (month_start (year, 1) < MIN_TIME)
        year = year_tick_next (year, unit->step);
      return month_start (year, 1);

    default:
      g_assert_not_reached ();
    }
}

static gint64
tick_next (const TickUnit *unit,
           gint64          time)
{
  SpDate date;
  int month;

  switch (unit->kind)
    {
    case STEP_MINUTES:
      return time + unit->step * 60;

    case STEP_DAYS:
      return time + SECONDS_PER_DAY;

    case STEP_WEEKS:
      return time + 7 * SECONDS_PER_DAY;

    case STEP_MONTHS:
      civil_from_time (time, &date);
      month = date.month - 1 + unit->step;
      return month_start (date.year + month / 12, month % 12 + 1);

    case STEP_YEARS:
      civil_from_time (time, &date);
      return month_start (year_tick_next (date.year, unit->step), 1);

    default:
      g_assert_not_reached ();
    }
}

static char *
minor_label (const TickUnit *unit,
             gint64          time)
{
  SpDate date;

  civil_from_time (time, &date);

  switch (unit->kind)
    {
    case STEP_MINUTES:
      /* Translators: a time of day on the timeline's axis, as in "14:00" */
      return g_strdup_printf (C_("axis", "%02d:%02d"), date.hour, date.minute);

    case STEP_DAYS:
    case STEP_WEEKS:
      return g_strdup_printf ("%d", date.day);

    case STEP_MONTHS:
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "month", month_abbreviations[date.month - 1]));

    case STEP_YEARS:
      return format_period (time, SP_DATE_PRECISION_YEAR);

    default:
      g_assert_not_reached ();
    }
}

/* What a major tick of @unit marks: a day under hours, a month under days
 * and weeks, a year under months; 0 for year steps, whose major ticks
 * only stand out. */
static SpDatePrecision
major_precision (const TickUnit *unit)
{
  switch (unit->kind)
    {
    case STEP_MINUTES:
      return SP_DATE_PRECISION_DAY;
    case STEP_DAYS:
    case STEP_WEEKS:
      return SP_DATE_PRECISION_MONTH;
    case STEP_MONTHS:
      return SP_DATE_PRECISION_YEAR;
    case STEP_YEARS:
    default:
      return 0;
    }
}

static gint64
period_floor (gint64          time,
              SpDatePrecision precision)
{
  SpDate date;

  civil_from_time (time, &date);
  switch (precision)
    {
    case SP_DATE_PRECISION_DAY:
      return floor_div (time, SECONDS_PER_DAY) * SECONDS_PER_DAY;
    case SP_DATE_PRECISION_MONTH:
      return month_start (date.year, date.month);
    case SP_DATE_PRECISION_YEAR:
      return month_start (date.year, 1);
    default:
      g_assert_not_reached ();
    }
}

static gint64
period_next (gint64          start,
             SpDatePrecision precision)
{
  SpDate date;

  civil_from_time (start, &date);
  switch (precision)
    {
    case SP_DATE_PRECISION_DAY:
      return start + SECONDS_PER_DAY;
    case SP_DATE_PRECISION_MONTH:
      return date.month == 12 ? month_start (date.year + 1, 1) : month_start (date.year, date.month + 1);
    case SP_DATE_PRECISION_YEAR:
      return month_start (date.year + 1, 1);
    default:
      g_assert_not_reached ();
    }
}

static void
tick_clear (gpointer data)
{
  SpTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static void
add_tick (SpTimelineLayout *layout,
          gint64            time,
          gboolean          major,
          char             *label)
{
  SpTick tick;

  tick.x = sp_viewport_time_to_x (&layout->viewport, time);
  tick.time = time;
  tick.major = major;
  tick.label = label;
  g_array_append_val (layout->ticks, tick);
}

/* Minor ticks at the finest unit whose labels fit, each labelled; major
 * ticks at the starts of the periods that hold them, labelled with the
 * period ("2025" over months, "Feb 2025" over days, "12 Feb 2025" over
 * hours) and put before a minor tick at the same time.  Over year steps
 * major ticks are the rounder years, labelled by their minor tick. */
static void
compute_ticks (SpTimelineLayout *layout)
{
  const SpViewport *viewport = &layout->viewport;
  double pixels_per_second = time_width (viewport) / (double)(viewport->hi - viewport->lo);
  const TickUnit *unit = &tick_units[G_N_ELEMENTS (tick_units) - 1];
  SpDatePrecision precision;
  gint64 major = G_MAXINT64;
  gint64 minor;
  guint n = 0;
  /* Dates exist from -9999 to 9999, whatever the window says. */
  gint64 lo = MAX (viewport->lo, MIN_TIME);
  gint64 hi = MIN (viewport->hi, MAX_TIME);

  if (lo >= hi)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tick_units); i++)
    {
      double min_pixels = tick_units[i].min_pixels;

      /* "44 BCE" is longer than "2025". */
      if (tick_units[i].kind == STEP_YEARS && lo < month_start (1, 1))
        min_pixels *= 1.5;
      if (tick_units[i].seconds * pixels_per_second >= min_pixels)
        {
          unit = &tick_units[i];
          break;
        }
    }

  precision = major_precision (unit);
  if (precision != 0)
    {
      major = period_floor (lo, precision);
      layout->tick_unit = format_period (major, precision);
      if (major < lo)
        major = period_next (major, precision);
    }

  minor = tick_floor (unit, lo);
  if (minor < lo)
    minor = tick_next (unit, minor);

  while (n++ < MAX_TICKS)
    {
      if (major < hi && major <= minor)
        {
          add_tick (layout, major, TRUE, format_period (major, precision));
          major = period_next (major, precision);
        }
      else if (minor < hi)
        {
          SpDate date;
          gboolean round = FALSE;

          if (unit->kind == STEP_YEARS)
            {
              civil_from_time (minor, &date);
              round = is_round_year (date.year, unit->major_years);
            }
          add_tick (layout, minor, round, minor_label (unit, minor));
          minor = tick_next (unit, minor);
        }
      else
        {
          break;
        }
    }
}

/* Lanes */

static double
lane_height (const SpLane *lane)
{
  return SP_TIMELINE_LANE_HEADER + lane->n_tracks * SP_TIMELINE_TRACK_HEIGHT + SP_TIMELINE_LANE_GAP;
}

double
sp_timeline_layout_get_content_height (SpTimelineIndex *index)
{
  guint n_lanes;
  double height = 0.0;

  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (index), 0.0);

  n_lanes = sp_timeline_index_get_n_lanes (index);
  for (guint i = 0; i < n_lanes; i++)
    height += lane_height (sp_timeline_index_get_lane (index, i));

  return height;
}

double
sp_timeline_layout_get_lane_y (SpTimelineIndex *index,
                               guint            lane)
{
  double y = 0.0;

  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (index), 0.0);
  g_return_val_if_fail (lane < sp_timeline_index_get_n_lanes (index), 0.0);

  for (guint i = 0; i < lane; i++)
    y += lane_height (sp_timeline_index_get_lane (index, i));

  return y;
}

/* Marks */

/* A mark on its way to a box: where its items sit and how wide it is. */
typedef struct {
  SpTimelineMark mark;
  double         first_x;
  double         last_x;
  double         left;
  double         right;
} Pending;

static double
pill_width (guint count)
{
  guint digits = 1;

  while (count >= 10)
    {
      count /= 10;
      digits++;
    }

  return MAX (SP_TIMELINE_MARKER_SIZE + 6.0, 8.0 + 7.0 * digits);
}

static void
pending_measure (Pending *pending)
{
  double centre = (pending->first_x + pending->last_x) / 2.0;
  double width = pending->mark.count == 1 ? SP_TIMELINE_MARKER_SIZE : pill_width (pending->mark.count);

  pending->left = centre - width / 2.0;
  pending->right = centre + width / 2.0;
}

/* @into takes in @from, the mark just before it in time. */
static void
pending_merge (Pending       *into,
               const Pending *from)
{
  into->mark.lo = from->mark.lo;
  into->mark.hi = MAX (into->mark.hi, from->mark.hi);
  into->mark.first = from->mark.first;
  into->mark.count += from->mark.count;
  for (guint s = 0; s < G_N_ELEMENTS (into->mark.stance_counts); s++)
    into->mark.stance_counts[s] += from->mark.stance_counts[s];
  into->first_x = from->first_x;
  pending_measure (into);
}

/* The index merges items a bucket apart; markers and pills are wider than
 * that, so neighbours that would touch merge too, and no two marks of a
 * lane overlap. */
static void
add_lane_marks (SpTimelineLayout *layout,
                guint             lane,
                double            mid,
                GArray           *found,
                GArray           *pending)
{
  const SpViewport *viewport = &layout->viewport;
  double seconds_per_pixel = (double)(viewport->hi - viewport->lo) / time_width (viewport);
  gint64 margin = (gint64)ceil (QUERY_MARGIN * seconds_per_pixel);
  gint64 query_lo = MAX (viewport->lo - margin, MIN_TIME);

  g_array_set_size (found, 0);
  g_array_set_size (pending, 0);
  sp_timeline_index_query (layout->index, lane, query_lo, MIN (viewport->hi + margin, MAX_TIME),
                           layout->bucket, found);

  for (guint i = 0; i < found->len; i++)
    {
      Pending next;

      next.mark = g_array_index (found, SpTimelineMark, i);
      next.first_x = sp_viewport_time_to_x (viewport, next.mark.lo);
      next.last_x = next.first_x;
      if (next.mark.count > 1)
        next.last_x = MIN (sp_viewport_time_to_x (viewport, next.mark.hi),
                           next.first_x + SP_TIMELINE_CLUSTER_PIXELS);

      /* Items that began before the window and still run in it, such as
       * several statements dated to the month of a window of days: their
       * cluster waits at the left edge.  A single one shows its bar.
       * Their items are not one run of the index, so first and count of
       * such a cluster (and of what merges with it) only cover them in
       * part. */
      if (next.mark.lo < query_lo && next.mark.count > 1 && next.mark.hi > viewport->lo)
        {
          next.first_x = SP_TIMELINE_LABEL_WIDTH + pill_width (next.mark.count) / 2.0 + MARK_GAP;
          next.last_x = next.first_x;
        }
      pending_measure (&next);

      while (pending->len > 0)
        {
          Pending *last = &g_array_index (pending, Pending, pending->len - 1);

          if (last->right + MARK_GAP <= next.left)
            break;
          pending_merge (&next, last);
          g_array_set_size (pending, pending->len - 1);
        }
      g_array_append_val (pending, next);
    }

  for (guint i = 0; i < pending->len; i++)
    {
      const Pending *p = &g_array_index (pending, Pending, i);
      double right = p->right;
      SpMarkBox box;

      box.lane = lane;
      box.mark = p->mark;
      if (p->mark.count == 1)
        {
          double end = sp_viewport_time_to_x (viewport, p->mark.hi);

          /* Long enough to stick out of the marker: a range bar. */
          graphene_rect_init (&box.rect, p->left, mid - SP_TIMELINE_MARKER_SIZE / 2.0,
                              SP_TIMELINE_MARKER_SIZE, SP_TIMELINE_MARKER_SIZE);
          if (end - p->first_x > SP_TIMELINE_MARKER_SIZE / 2.0)
            {
              right = MIN (end, viewport->width + SP_TIMELINE_MARKER_SIZE);
              box.rect.size.width = right - p->left;
            }
        }
      else
        {
          graphene_rect_init (&box.rect, p->left, mid - SP_TIMELINE_PILL_HEIGHT / 2.0,
                              p->right - p->left, SP_TIMELINE_PILL_HEIGHT);
        }

      if (right > SP_TIMELINE_LABEL_WIDTH && p->left < viewport->width)
        g_array_append_val (layout->marks, box);
    }
}

static double
clamp_x (const SpViewport *viewport,
         gint64            time)
{
  /* A pixel past the edges, so that nothing seems to end there. */
  return CLAMP (sp_viewport_time_to_x (viewport, time),
                SP_TIMELINE_LABEL_WIDTH - 1.0, viewport->width + 1.0);
}

static void
add_lane_bands (SpTimelineLayout *layout,
                guint             lane,
                double            y,
                double            height,
                GArray           *found)
{
  const SpViewport *viewport = &layout->viewport;

  g_array_set_size (found, 0);
  sp_timeline_index_query_offices (layout->index, lane, viewport->lo, viewport->hi, found);

  for (guint i = 0; i < found->len; i++)
    {
      SpBandBox box;
      double x1;
      double x2;

      box.lane = lane;
      box.band = g_array_index (found, SpOfficeBand, i);
      x1 = clamp_x (viewport, box.band.lo);
      x2 = clamp_x (viewport, box.band.hi);
      graphene_rect_init (&box.rect, x1, y, x2 - x1, height);
      g_array_append_val (layout->bands, box);
    }
}

static void
add_track_segments (SpTimelineLayout *layout,
                    guint             lane,
                    guint             track,
                    double            y,
                    GArray           *found)
{
  const SpViewport *viewport = &layout->viewport;

  g_array_set_size (found, 0);
  sp_timeline_index_query_track (layout->index, lane, track, viewport->lo, viewport->hi,
                                 layout->bucket, found);

  for (guint i = 0; i < found->len; i++)
    {
      SpSegmentBox box;
      double x1;
      double x2;

      box.lane = lane;
      box.track = track;
      box.segment = g_array_index (found, SpStanceSegment, i);
      x1 = clamp_x (viewport, box.segment.lo);
      x2 = clamp_x (viewport, box.segment.hi);
      graphene_rect_init (&box.rect, x1, y + (SP_TIMELINE_TRACK_HEIGHT - SP_TIMELINE_SEGMENT_HEIGHT) / 2.0,
                          x2 - x1, SP_TIMELINE_SEGMENT_HEIGHT);
      g_array_append_val (layout->segments, box);
    }
}

SpTimelineLayout *
sp_timeline_layout_new (SpTimelineIndex  *index,
                        const SpViewport *viewport)
{
  g_autoptr(SpTimelineLayout) layout = NULL;
  g_autoptr(GArray) found_marks = NULL;
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GArray) found_bands = NULL;
  g_autoptr(GArray) found_segments = NULL;
  double width;
  double y;
  guint n_lanes;

  g_return_val_if_fail (index == NULL || SP_IS_TIMELINE_INDEX (index), NULL);
  g_return_val_if_fail (viewport != NULL, NULL);
  g_return_val_if_fail (viewport->hi > viewport->lo, NULL);

  layout = g_new0 (SpTimelineLayout, 1);
  layout->viewport = *viewport;
  layout->index = index != NULL ? g_object_ref (index) : NULL;
  layout->lanes = g_array_new (FALSE, FALSE, sizeof (SpLaneBox));
  layout->marks = g_array_new (FALSE, FALSE, sizeof (SpMarkBox));
  layout->bands = g_array_new (FALSE, FALSE, sizeof (SpBandBox));
  layout->segments = g_array_new (FALSE, FALSE, sizeof (SpSegmentBox));
  layout->ticks = g_array_new (FALSE, FALSE, sizeof (SpTick));
  g_array_set_clear_func (layout->ticks, tick_clear);

  width = time_width (viewport);
  layout->bucket = MAX ((gint64)((double)(viewport->hi - viewport->lo) * SP_TIMELINE_CLUSTER_PIXELS / width), 1);

  compute_ticks (layout);

  if (index == NULL)
    return g_steal_pointer (&layout);

  found_marks = g_array_new (FALSE, FALSE, sizeof (SpTimelineMark));
  pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  found_bands = g_array_new (FALSE, FALSE, sizeof (SpOfficeBand));
  found_segments = g_array_new (FALSE, FALSE, sizeof (SpStanceSegment));

  y = SP_TIMELINE_AXIS_HEIGHT - viewport->scroll_y;
  n_lanes = sp_timeline_index_get_n_lanes (index);
  for (guint lane = 0; lane < n_lanes && y < viewport->height; lane++)
    {
      const SpLane *info = sp_timeline_index_get_lane (index, lane);
      double height = lane_height (info);
      SpLaneBox box = { lane, y, height };

      if (y + height - SP_TIMELINE_LANE_GAP > SP_TIMELINE_AXIS_HEIGHT)
        {
          g_array_append_val (layout->lanes, box);
          add_lane_bands (layout, lane, y, height - SP_TIMELINE_LANE_GAP, found_bands);
          add_lane_marks (layout, lane, y + SP_TIMELINE_MARK_Y, found_marks, pending);

          for (guint track = 0; track < info->n_tracks; track++)
            {
              double track_y = y + SP_TIMELINE_LANE_HEADER + track * SP_TIMELINE_TRACK_HEIGHT;

              if (track_y + SP_TIMELINE_TRACK_HEIGHT > SP_TIMELINE_AXIS_HEIGHT && track_y < viewport->height)
                add_track_segments (layout, lane, track, track_y, found_segments);
            }
        }
      y += height;
    }

  return g_steal_pointer (&layout);
}

void
sp_timeline_layout_free (SpTimelineLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_object (&layout->index);
  g_clear_pointer (&layout->lanes, g_array_unref);
  g_clear_pointer (&layout->marks, g_array_unref);
  g_clear_pointer (&layout->bands, g_array_unref);
  g_clear_pointer (&layout->segments, g_array_unref);
  g_clear_pointer (&layout->ticks, g_array_unref);
  g_free (layout->tick_unit);
  g_free (layout);
}

/* Singles are drawn above clusters, and a single's marker above its range
 * bar, which may run under other marks. */
const SpMarkBox *
sp_timeline_layout_hit_test (const SpTimelineLayout *layout,
                             double                  x,
                             double                  y)
{
  const graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  g_return_val_if_fail (layout != NULL, NULL);

  if (x < SP_TIMELINE_LABEL_WIDTH || y < SP_TIMELINE_AXIS_HEIGHT)
    return NULL;

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = layout->marks->len; i-- > 0;)
      {
        const SpMarkBox *box = &g_array_index (layout->marks, SpMarkBox, i);
        graphene_rect_t rect = box->rect;

        if ((box->mark.count == 1) != (pass != 1))
          continue;
        if (pass == 0)
          rect.size.width = SP_TIMELINE_MARKER_SIZE;
        if (graphene_rect_contains_point (&rect, &point))
          return box;
      }

  return NULL;
}

const SpMarkBox *
sp_timeline_layout_find_item (const SpTimelineLayout *layout,
                              guint                   item)
{
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const SpMarkBox *box = &g_array_index (layout->marks, SpMarkBox, i);

      if (item >= box->mark.first && item - box->mark.first < box->mark.count)
        return box;
    }

  return NULL;
}
