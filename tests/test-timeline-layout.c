#define G_LOG_DOMAIN "standpoint-tests"

#include "config.h"

#include <math.h>

#include "sp-date.h"
#include "sp-library.h"
#include "sp-test-util.h"
#include "sp-timeline-layout.h"

/* The time area is 1000 pixels wide. */
#define WIDTH (SP_TIMELINE_LABEL_WIDTH + 1000.0)
#define HEIGHT 600.0

static gint64
date_lo (const char *text)
{
  g_autoptr(GError) error = NULL;
  SpDate date;

  g_assert_true (sp_date_parse (text, -1, &date, &error));
  g_assert_no_error (error);
  return date.lo;
}

static gint64
date_hi (const char *text)
{
  SpDate date;

  g_assert_true (sp_date_parse (text, -1, &date, NULL));
  return date.hi;
}

/* Boxes hold floats. */
#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-3)

static SpViewport
make_viewport (gint64 lo,
               gint64 hi)
{
  SpViewport viewport = { lo, hi, WIDTH, HEIGHT, 0.0, 0 };

  return viewport;
}

static void
test_time_to_x (void)
{
  SpViewport viewport = make_viewport (1000, 2000);

  g_assert_cmpfloat (sp_viewport_time_to_x (&viewport, 1000), ==, SP_TIMELINE_LABEL_WIDTH);
  g_assert_cmpfloat (sp_viewport_time_to_x (&viewport, 1500), ==, SP_TIMELINE_LABEL_WIDTH + 500.0);
  g_assert_cmpfloat (sp_viewport_time_to_x (&viewport, 2000), ==, WIDTH);
  g_assert_cmpfloat (sp_viewport_time_to_x (&viewport, 0), ==, SP_TIMELINE_LABEL_WIDTH - 1000.0);
  g_assert_cmpint (sp_viewport_x_to_time (&viewport, SP_TIMELINE_LABEL_WIDTH), ==, 1000);
  g_assert_cmpint (sp_viewport_x_to_time (&viewport, SP_TIMELINE_LABEL_WIDTH + 250.4), ==, 1250);
  g_assert_cmpint (sp_viewport_x_to_time (&viewport, SP_TIMELINE_LABEL_WIDTH + 250.6), ==, 1251);
  /* A term still held ends at G_MAXINT64: far right, no overflow. */
  g_assert_cmpfloat (sp_viewport_time_to_x (&viewport, G_MAXINT64), >, 1e18);
}

/* The time under the pointer stays under it, over many zooms. */
static void
test_zoom_anchor (void)
{
  guint checked = 0;

  for (guint i = 0; i < 5000; i++)
    {
      gint64 lo = (gint64)g_test_rand_double_range (-1e10, 1e10);
      gint64 span = (gint64)exp (g_test_rand_double_range (log (8000.0), log (1e10)));
      double factor = exp (g_test_rand_double_range (-4.0, 4.0));
      double anchor_x = g_test_rand_double_range (SP_TIMELINE_LABEL_WIDTH, WIDTH);
      SpViewport viewport = make_viewport (lo, lo + span);
      gint64 anchor = sp_viewport_x_to_time (&viewport, anchor_x);
      double before = sp_viewport_time_to_x (&viewport, anchor);
      gint64 new_span;

      /* Far from the ends of time, where the window would be pushed back. */
      if (span / factor > 1e10)
        continue;

      sp_viewport_zoom (&viewport, factor, anchor_x);
      new_span = viewport.hi - viewport.lo;
      g_assert_cmpint (ABS (new_span - (gint64)round (span / factor)), <=, 1);

      /* Seconds are whole: a second must be under a quarter pixel. */
      if (new_span < 8000)
        continue;
      g_assert_cmpfloat (fabs (sp_viewport_time_to_x (&viewport, anchor) - before), <=, 0.5);
      checked++;
    }

  g_assert_cmpuint (checked, >, 3000);
}

static void
test_zoom_limits (void)
{
  SpViewport viewport = make_viewport (0, 3600);

  /* At least a minute, around the anchor. */
  sp_viewport_zoom (&viewport, 1000.0, SP_TIMELINE_LABEL_WIDTH + 500.0);
  g_assert_cmpint (viewport.lo, ==, 1770);
  g_assert_cmpint (viewport.hi, ==, 1830);
  sp_viewport_zoom (&viewport, 2.0, SP_TIMELINE_LABEL_WIDTH + 500.0);
  g_assert_cmpint (viewport.lo, ==, 1770);
  g_assert_cmpint (viewport.hi, ==, 1830);

  /* At most the years -9999 to 9999. */
  sp_viewport_zoom (&viewport, 1e-12, SP_TIMELINE_LABEL_WIDTH);
  g_assert_cmpint (viewport.lo, ==, date_lo ("-9999"));
  g_assert_cmpint (viewport.hi, ==, date_hi ("9999"));

  /* Zooming in near an end keeps the anchor, inside the range. */
  sp_viewport_zoom (&viewport, 1000.0, SP_TIMELINE_LABEL_WIDTH);
  g_assert_cmpint (viewport.lo, ==, date_lo ("-9999"));
  g_assert_cmpint (viewport.hi - viewport.lo, ==, (date_hi ("9999") - date_lo ("-9999") + 500) / 1000);
}

static void
test_pan (void)
{
  SpViewport viewport = make_viewport (0, 86400);
  gint64 first = date_lo ("-9999");
  gint64 last = date_hi ("9999");

  sp_viewport_pan (&viewport, 100.0);
  g_assert_cmpint (viewport.lo, ==, 8640);
  g_assert_cmpint (viewport.hi, ==, 95040);
  sp_viewport_pan (&viewport, -250.0);
  g_assert_cmpint (viewport.lo, ==, -12960);
  g_assert_cmpint (viewport.hi, ==, 73440);

  /* Panning stops at the ends, keeping the span. */
  viewport = make_viewport (last - 1000, last);
  sp_viewport_pan (&viewport, 500.0);
  g_assert_cmpint (viewport.lo, ==, last - 1000);
  g_assert_cmpint (viewport.hi, ==, last);
  viewport = make_viewport (first + 100, first + 1100);
  sp_viewport_pan (&viewport, -500.0);
  g_assert_cmpint (viewport.lo, ==, first);
  g_assert_cmpint (viewport.hi, ==, first + 1000);
}

static void
test_fit (void)
{
  SpViewport viewport = make_viewport (0, 60);

  /* 5% on both sides. */
  sp_viewport_fit (&viewport, 1000, 3000);
  g_assert_cmpint (viewport.lo, ==, 900);
  g_assert_cmpint (viewport.hi, ==, 3100);

  sp_viewport_fit (&viewport, date_lo ("2025-02-12"), date_hi ("2025-02-12"));
  g_assert_cmpint (viewport.lo, ==, date_lo ("2025-02-12") - 4320);
  g_assert_cmpint (viewport.hi, ==, date_hi ("2025-02-12") + 4320);

  /* An instant: a minute and its margins around it. */
  sp_viewport_fit (&viewport, 5000, 5000);
  g_assert_cmpint (viewport.lo, ==, 4967);
  g_assert_cmpint (viewport.hi, ==, 5033);

  /* Everything: no further than the ends. */
  sp_viewport_fit (&viewport, date_lo ("-9999"), date_hi ("9999"));
  g_assert_cmpint (viewport.lo, ==, date_lo ("-9999"));
  g_assert_cmpint (viewport.hi, ==, date_hi ("9999"));
  sp_viewport_fit (&viewport, date_lo ("9999-12-31"), date_hi ("9999-12-31"));
  g_assert_cmpint (viewport.hi, ==, date_hi ("9999"));
  g_assert_cmpint (viewport.lo, ==, date_hi ("9999") - 95040);
}

/* The ticks as text: "[label]" for a major tick, "label" for a minor one,
 * "|" for an unlabelled one, "*" marking major year ticks. */
static char *
ticks_text (const SpTimelineLayout *layout)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const SpTick *tick = &g_array_index (layout->ticks, SpTick, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      if (tick->major && layout->tick_unit != NULL)
        g_string_append_printf (text, "[%s]", tick->label);
      else
        g_string_append_printf (text, "%s%s", tick->major ? "*" : "", tick->label ? tick->label : "|");

      g_assert_cmpfloat (tick->x, ==, sp_viewport_time_to_x (&layout->viewport, tick->time));
      g_assert_cmpint (tick->time, >=, layout->viewport.lo);
      g_assert_cmpint (tick->time, <, layout->viewport.hi);
    }

  return g_string_free (text, FALSE);
}

static void
assert_ticks (gint64      lo,
              gint64      hi,
              const char *unit,
              const char *expected)
{
  SpViewport viewport = make_viewport (lo, hi);
  g_autoptr(SpTimelineLayout) layout = sp_timeline_layout_new (NULL, &viewport);
  g_autofree char *text = ticks_text (layout);

  g_assert_cmpstr (layout->tick_unit, ==, unit);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_ticks (void)
{
  /* A century: every 5 years, the half century standing out. */
  assert_ticks (date_lo ("1950"), date_lo ("2050"), NULL,
                "*1950 1955 1960 1965 1970 1975 1980 1985 1990 1995 "
                "*2000 2005 2010 2015 2020 2025 2030 2035 2040 2045");
  /* A millennium: every 50 years. */
  assert_ticks (date_lo ("1000"), date_lo ("2000"), NULL,
                "*1000 1050 1100 1150 1200 1250 1300 1350 1400 1450 "
                "*1500 1550 1600 1650 1700 1750 1800 1850 1900 1950");
  /* A decade: every year. */
  assert_ticks (date_lo ("2015"), date_hi ("2024"), NULL,
                "2015 2016 2017 2018 2019 *2020 2021 2022 2023 2024");
  /* A year: months. */
  assert_ticks (date_lo ("2025"), date_hi ("2025"), "2025",
                "[2025] Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec");
  /* Three years: quarters. */
  assert_ticks (date_lo ("2023-05"), date_hi ("2025"), "2023",
                "Jul Oct [2024] Jan Apr Jul Oct [2025] Jan Apr Jul Oct");
  /* A quarter: weeks from Monday, and the months between them. */
  assert_ticks (date_lo ("2025-01"), date_hi ("2025-03"), "Jan 2025",
                "[Jan 2025] 6 13 20 27 [Feb 2025] 3 10 17 24 [Mar 2025] 3 10 17 24 31");
  /* A month: days. */
  assert_ticks (date_lo ("2025-02"), date_hi ("2025-02"), "Feb 2025",
                "[Feb 2025] 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28");
  /* A day: every three hours. */
  assert_ticks (date_lo ("2025-02-12"), date_hi ("2025-02-12"), "12 Feb 2025",
                "[12 Feb 2025] 00:00 03:00 06:00 09:00 12:00 15:00 18:00 21:00");
  /* A day across a month's end: the new day among the hours. */
  assert_ticks (date_lo ("2025-02-28T12:00Z"), date_lo ("2025-03-01T12:00Z"), "28 Feb 2025",
                "12:00 15:00 18:00 21:00 [1 Mar 2025] 00:00 03:00 06:00 09:00");
  /* Hours: every 10 minutes. */
  assert_ticks (date_lo ("2025-02-12T14:00Z"), date_lo ("2025-02-12T17:00Z"), "12 Feb 2025",
                "14:00 14:10 14:20 14:30 14:40 14:50 15:00 15:10 15:20 15:30 15:40 15:50 "
                "16:00 16:10 16:20 16:30 16:40 16:50");
  /* The shortest window: every minute. */
  assert_ticks (date_lo ("2025-02-12T23:58Z"), date_lo ("2025-02-12T23:59Z") + 60, "12 Feb 2025",
                "23:58 23:59");
  /* Before the common era: years count back from 1 BCE. */
  assert_ticks (date_lo ("-0099"), date_lo ("0001"), NULL,
                "*100 BCE 90 BCE 80 BCE 70 BCE 60 BCE 50 BCE 40 BCE 30 BCE 20 BCE 10 BCE");
  assert_ticks (date_lo ("-0049"), date_lo ("0050"), NULL,
                "50 BCE 40 BCE 30 BCE 20 BCE 10 BCE 10 20 30 40");
  assert_ticks (date_lo ("-0043-03-15"), date_hi ("-0043-03-15"), "15 Mar 44 BCE",
                "[15 Mar 44 BCE] 00:00 03:00 06:00 09:00 12:00 15:00 18:00 21:00");
  /* A window reaching past the first date: ticks from there on. */
  assert_ticks (date_lo ("-9999") - 86400, date_hi ("-9999-01-02"), "1 Jan 10000 BCE",
                "[1 Jan 10000 BCE] 00:00 06:00 12:00 18:00 [2 Jan 10000 BCE] 00:00 06:00 12:00 18:00");
  /* The whole range. */
  assert_ticks (date_lo ("-9999"), date_hi ("9999"), NULL,
                "*10000 BCE 9000 BCE 8000 BCE 7000 BCE 6000 BCE *5000 BCE 4000 BCE 3000 BCE 2000 BCE "
                "1000 BCE 1000 2000 3000 4000 *5000 6000 7000 8000 9000");
}

/* A small library: */
#define DATASET \
  "{\"format\": \"standpoint-dataset\", \"version\": 1,\n" \
  " \"dataset\": {\"id\": \"layout\", \"title\": \"Layout\"},\n" \
  " \"sources\": [{\"id\": \"src\", \"title\": \"An article\"}],\n" \
  " \"actors\": [{\"id\": \"ruritania\", \"kind\": \"country\", \"name\": \"Ruritania\"},\n" \
  "            {\"id\": \"alice\", \"kind\": \"person\", \"name\": \"Alice\", \"country\": \"ruritania\"},\n" \
  "            {\"id\": \"bob\", \"kind\": \"person\", \"name\": \"Bob\"}],\n" \
  " \"offices\": [{\"id\": \"alice-fm\", \"holder\": \"alice\", \"title\": \"Foreign Minister\",\n" \
  "               \"of\": \"ruritania\", \"start\": \"2023-01-01\"}],\n" \
  " \"topics\": [{\"id\": \"tax\", \"label\": \"Tax\", \"proposition\": \"Taxes should rise\"},\n" \
  "            {\"id\": \"wall\", \"label\": \"Wall\", \"proposition\": \"The wall should stay\"}],\n" \
  " \"events\": [{\"id\": \"summit\", \"title\": \"Summit\", \"date\": \"2024-04-01\",\n" \
  "              \"participants\": [{\"actor\": \"alice\", \"role\": \"chair\"}]}],\n" \
  " \"statements\": [\n" \
  STATEMENT ("a1", "alice", "tax", "support", "2024-03-10") ",\n" \
  STATEMENT ("a2", "alice", "tax", "oppose", "2024-06-01") ",\n" \
  STATEMENT ("a3", "alice", "wall", "neutral", "2024-06-01") ",\n" \
  STATEMENT ("a4", "alice", "wall", "mixed", "2024-06-02") ",\n" \
  STATEMENT ("b1", "bob", "tax", "mixed", "2024-05") ",\n" \
  STATEMENT ("b2", "bob", "tax", "support", "2024-05-20") ",\n" \
  STATEMENT ("b3", "bob", "wall", "unclear", "2024-09-15") "\n" \
  " ]}\n"
#define STATEMENT(id, speaker, topic, stance, said) \
  "{\"id\": \"" id "\", \"speaker\": \"" speaker "\", \"topic\": \"" topic "\"," \
  " \"stance\": \"" stance "\", \"paraphrase\": \"Said so.\", \"said\": \"" said "\", \"source\": \"src\"}"

typedef struct {
  char            *dir;
  SpLibrary       *library;
  SpTimelineIndex *index;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dataset = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;

  fixture->dir = sp_test_make_dir ();
  if (dataset == NULL)
    {
      input = sp_test_write_file (fixture->dir, "input.json", DATASET);
      dataset = input;
    }
  fixture->library = sp_test_open_library (fixture->dir, dataset);

  fixture->index = sp_timeline_index_new (fixture->library, SP_GROUPING_ACTOR, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->index);
  g_clear_object (&fixture->library);
  g_free (fixture->dir);
}

static guint
find_lane (SpTimelineIndex *index,
           const char      *label)
{
  for (guint i = 0; i < sp_timeline_index_get_n_lanes (index); i++)
    if (g_strcmp0 (sp_timeline_index_get_lane (index, i)->label, label) == 0)
      return i;

  g_assert_not_reached ();
}

static guint
find_statement (Fixture    *fixture,
                const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pk FROM statements WHERE id = '%s'", id);
  guint item = sp_timeline_index_find_item (fixture->index, SP_ITEM_STATEMENT,
                                            sp_test_query_int (fixture->library, sql));

  g_assert_cmpuint (item, !=, G_MAXUINT);
  return item;
}

/* Where the marks of @lane are centred, in drawing coordinates. */
static double
mark_y (Fixture          *fixture,
        const SpViewport *viewport,
        guint             lane)
{
  return SP_TIMELINE_AXIS_HEIGHT - viewport->scroll_y
         + sp_timeline_layout_get_lane_y (fixture->index, lane) + SP_TIMELINE_MARK_Y;
}

static void
test_lanes (Fixture       *fixture,
            gconstpointer  data)
{
  SpViewport viewport = make_viewport (date_lo ("2024"), date_hi ("2024"));
  guint events = find_lane (fixture->index, "Events");
  guint alice = find_lane (fixture->index, "Alice");
  guint bob = find_lane (fixture->index, "Bob");
  /* A lane: its header, a track per topic, the gap. */
  double events_height = SP_TIMELINE_LANE_HEADER + SP_TIMELINE_LANE_GAP;
  double person_height = SP_TIMELINE_LANE_HEADER + 2 * SP_TIMELINE_TRACK_HEIGHT + SP_TIMELINE_LANE_GAP;

  g_assert_cmpuint (sp_timeline_index_get_n_lanes (fixture->index), ==, 3);
  g_assert_cmpuint (events, ==, 0);
  g_assert_cmpfloat (sp_timeline_layout_get_content_height (fixture->index), ==,
                     events_height + 2 * person_height);
  g_assert_cmpfloat (sp_timeline_layout_get_lane_y (fixture->index, events), ==, 0.0);
  g_assert_cmpfloat (sp_timeline_layout_get_lane_y (fixture->index, alice), ==, events_height);
  g_assert_cmpfloat (sp_timeline_layout_get_lane_y (fixture->index, bob), ==, events_height + person_height);

  /* Only the lanes in view, and only their marks. */
  viewport.height = SP_TIMELINE_AXIS_HEIGHT + events_height + 10.0;
  {
    g_autoptr(SpTimelineLayout) layout = sp_timeline_layout_new (fixture->index, &viewport);

    g_assert_cmpuint (layout->lanes->len, ==, 2);
    g_assert_cmpuint (g_array_index (layout->lanes, SpLaneBox, 0).lane, ==, events);
    g_assert_cmpfloat (g_array_index (layout->lanes, SpLaneBox, 0).y, ==, SP_TIMELINE_AXIS_HEIGHT);
    g_assert_cmpuint (g_array_index (layout->lanes, SpLaneBox, 1).lane, ==, alice);
    g_assert_cmpfloat (g_array_index (layout->lanes, SpLaneBox, 1).y, ==, SP_TIMELINE_AXIS_HEIGHT + events_height);
    g_assert_cmpfloat (g_array_index (layout->lanes, SpLaneBox, 1).height, ==, person_height);
    for (guint i = 0; i < layout->marks->len; i++)
      g_assert_cmpuint (g_array_index (layout->marks, SpMarkBox, i).lane, !=, bob);
    /* Alice's second track is below the bottom. */
    for (guint i = 0; i < layout->segments->len; i++)
      g_assert_cmpuint (g_array_index (layout->segments, SpSegmentBox, i).track, ==, 0);
  }

  /* Scrolled past the events lane: it is gone, Bob is in. */
  viewport.height = HEIGHT;
  viewport.scroll_y = events_height;
  {
    g_autoptr(SpTimelineLayout) layout = sp_timeline_layout_new (fixture->index, &viewport);

    g_assert_cmpuint (layout->lanes->len, ==, 2);
    g_assert_cmpuint (g_array_index (layout->lanes, SpLaneBox, 0).lane, ==, alice);
    g_assert_cmpfloat (g_array_index (layout->lanes, SpLaneBox, 0).y, ==, SP_TIMELINE_AXIS_HEIGHT);
    g_assert_cmpuint (g_array_index (layout->lanes, SpLaneBox, 1).lane, ==, bob);
  }
}

static void
test_marks (Fixture       *fixture,
            gconstpointer  data)
{
  SpViewport viewport = make_viewport (date_lo ("2024"), date_hi ("2024"));
  g_autoptr(SpTimelineLayout) layout = sp_timeline_layout_new (fixture->index, &viewport);
  guint alice = find_lane (fixture->index, "Alice");
  guint bob = find_lane (fixture->index, "Bob");
  const SpMarkBox *box;
  const SpMarkBox *cluster;
  double x;
  double y;

  /* A day a few pixels wide merges into one bucket... */
  g_assert_cmpint (layout->bucket, ==, (date_hi ("2024") - date_lo ("2024")) * 8 / 1000);

  /* A single: its marker square. */
  box = sp_timeline_layout_find_item (layout, find_statement (fixture, "a1"));
  g_assert_nonnull (box);
  g_assert_cmpuint (box->lane, ==, alice);
  g_assert_cmpuint (box->mark.count, ==, 1);
  x = sp_viewport_time_to_x (&viewport, date_lo ("2024-03-10"));
  y = mark_y (fixture, &viewport, alice);
  assert_near (box->rect.origin.x, x - SP_TIMELINE_MARKER_SIZE / 2.0);
  assert_near (box->rect.origin.y, y - SP_TIMELINE_MARKER_SIZE / 2.0);
  assert_near (box->rect.size.width, SP_TIMELINE_MARKER_SIZE);
  assert_near (box->rect.size.height, SP_TIMELINE_MARKER_SIZE);

  /* ...so a2, a3 and a4, a day apart, make a cluster with their stances. */
  cluster = sp_timeline_layout_find_item (layout, find_statement (fixture, "a3"));
  g_assert_nonnull (cluster);
  g_assert_true (cluster == sp_timeline_layout_find_item (layout, find_statement (fixture, "a2")));
  g_assert_true (cluster == sp_timeline_layout_find_item (layout, find_statement (fixture, "a4")));
  g_assert_cmpuint (cluster->mark.count, ==, 3);
  g_assert_cmpint (cluster->mark.lo, ==, date_lo ("2024-06-01"));
  g_assert_cmpint (cluster->mark.hi, ==, date_hi ("2024-06-02"));
  g_assert_cmpuint (cluster->mark.stance_counts[SP_STANCE_OPPOSE], ==, 1);
  g_assert_cmpuint (cluster->mark.stance_counts[SP_STANCE_NEUTRAL], ==, 1);
  g_assert_cmpuint (cluster->mark.stance_counts[SP_STANCE_MIXED], ==, 1);
  g_assert_cmpuint (cluster->mark.stance_counts[SP_STANCE_SUPPORT], ==, 0);
  assert_near (cluster->rect.size.height, SP_TIMELINE_PILL_HEIGHT);
  assert_near (cluster->rect.origin.y, y - SP_TIMELINE_PILL_HEIGHT / 2.0);

  /* A month: a range bar from its start to its end. */
  box = sp_timeline_layout_find_item (layout, find_statement (fixture, "b1"));
  g_assert_nonnull (box);
  g_assert_cmpuint (box->lane, ==, bob);
  g_assert_cmpuint (box->mark.count, ==, 1);
  x = sp_viewport_time_to_x (&viewport, date_lo ("2024-05"));
  assert_near (box->rect.origin.x, x - SP_TIMELINE_MARKER_SIZE / 2.0);
  assert_near (box->rect.origin.x + box->rect.size.width, sp_viewport_time_to_x (&viewport, date_hi ("2024-05")));

  /* Nothing outside the window. */
  viewport = make_viewport (date_lo ("2024-07"), date_hi ("2024-08"));
  {
    g_autoptr(SpTimelineLayout) empty = sp_timeline_layout_new (fixture->index, &viewport);

    g_assert_cmpuint (empty->marks->len, ==, 0);
    g_assert_null (sp_timeline_layout_find_item (empty, find_statement (fixture, "a1")));
  }
}

static void
test_hit_test (Fixture       *fixture,
               gconstpointer  data)
{
  SpViewport viewport = make_viewport (date_lo ("2024"), date_hi ("2024"));
  g_autoptr(SpTimelineLayout) layout = sp_timeline_layout_new (fixture->index, &viewport);
  guint alice = find_lane (fixture->index, "Alice");
  guint bob = find_lane (fixture->index, "Bob");
  guint events = find_lane (fixture->index, "Events");
  guint a1 = find_statement (fixture, "a1");
  guint b1 = find_statement (fixture, "b1");
  guint b2 = find_statement (fixture, "b2");
  const SpMarkBox *box;
  const SpMarkBox *cluster;
  double x;
  double y;

  /* On a marker, and at its corners. */
  x = sp_viewport_time_to_x (&viewport, date_lo ("2024-03-10"));
  y = mark_y (fixture, &viewport, alice);
  box = sp_timeline_layout_hit_test (layout, x, y);
  g_assert_nonnull (box);
  g_assert_cmpuint (box->mark.first, ==, a1);
  g_assert_true (sp_timeline_layout_hit_test (layout, x - 5.9, y - 5.9) == box);
  g_assert_true (sp_timeline_layout_hit_test (layout, x + 5.9, y + 5.9) == box);
  g_assert_null (sp_timeline_layout_hit_test (layout, x + 6.5, y));
  g_assert_null (sp_timeline_layout_hit_test (layout, x, y + 6.5));
  /* Another lane at the same time. */
  g_assert_null (sp_timeline_layout_hit_test (layout, x, mark_y (fixture, &viewport, bob)));

  /* On a cluster: the cluster. */
  cluster = sp_timeline_layout_find_item (layout, find_statement (fixture, "a2"));
  box = sp_timeline_layout_hit_test (layout,
                                     cluster->rect.origin.x + cluster->rect.size.width / 2.0,
                                     cluster->rect.origin.y + cluster->rect.size.height - 1.0);
  g_assert_true (box == cluster);

  /* On a range bar: its item; on a marker over the bar: that one. */
  y = mark_y (fixture, &viewport, bob);
  box = sp_timeline_layout_hit_test (layout, sp_viewport_time_to_x (&viewport, date_lo ("2024-05-10")), y);
  g_assert_nonnull (box);
  g_assert_cmpuint (box->mark.first, ==, b1);
  box = sp_timeline_layout_hit_test (layout, sp_viewport_time_to_x (&viewport, date_lo ("2024-05-20")) + 2.0, y);
  g_assert_nonnull (box);
  g_assert_cmpuint (box->mark.first, ==, b2);
  g_assert_cmpuint (box->mark.count, ==, 1);

  /* The event, in its lane. */
  box = sp_timeline_layout_hit_test (layout, sp_viewport_time_to_x (&viewport, date_lo ("2024-04-01")),
                                     mark_y (fixture, &viewport, events));
  g_assert_nonnull (box);
  g_assert_cmpuint (sp_timeline_index_get_item (fixture->index, box->mark.first)->kind, ==, SP_ITEM_EVENT);

  /* Nothing is hit in the label column, the axis, the gaps and tracks. */
  g_assert_null (sp_timeline_layout_hit_test (layout, SP_TIMELINE_LABEL_WIDTH - 1.0, mark_y (fixture, &viewport, alice)));
  g_assert_null (sp_timeline_layout_hit_test (layout, x, SP_TIMELINE_AXIS_HEIGHT - 1.0));
  g_assert_null (sp_timeline_layout_hit_test (layout, x, mark_y (fixture, &viewport, alice) + 20.0));

  /* Every mark is hit at its centre (or its marker's), and found by
   * each of its items. */
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const SpMarkBox *mark = &g_array_index (layout->marks, SpMarkBox, i);
      double width = mark->mark.count == 1 ? SP_TIMELINE_MARKER_SIZE : mark->rect.size.width;

      g_assert_true (sp_timeline_layout_hit_test (layout, mark->rect.origin.x + width / 2.0,
                                                  mark->rect.origin.y + mark->rect.size.height / 2.0) == mark);
      for (guint item = mark->mark.first; item < mark->mark.first + mark->mark.count; item++)
        g_assert_true (sp_timeline_layout_find_item (layout, item) == mark);
    }
  g_assert_cmpuint (layout->marks->len, ==, 6);

  /* Scrolled: the same marks, higher up. */
  viewport.scroll_y = 20.0;
  {
    g_autoptr(SpTimelineLayout) scrolled = sp_timeline_layout_new (fixture->index, &viewport);

    x = sp_viewport_time_to_x (&viewport, date_lo ("2024-03-10"));
    box = sp_timeline_layout_hit_test (scrolled, x, mark_y (fixture, &viewport, alice));
    g_assert_nonnull (box);
    g_assert_cmpuint (box->mark.first, ==, a1);
  }
}

static void
test_bands_and_tracks (Fixture       *fixture,
                       gconstpointer  data)
{
  SpViewport viewport = make_viewport (date_lo ("2024"), date_hi ("2024"));
  g_autoptr(SpTimelineLayout) layout = sp_timeline_layout_new (fixture->index, &viewport);
  guint alice = find_lane (fixture->index, "Alice");
  const SpLane *lane = sp_timeline_index_get_lane (fixture->index, alice);
  double lane_y = SP_TIMELINE_AXIS_HEIGHT + sp_timeline_layout_get_lane_y (fixture->index, alice);
  const SpBandBox *band;
  const SpSegmentBox *segment;
  guint tax = 0;
  guint n = 0;

  /* A term held since before the window: across the whole lane. */
  g_assert_cmpuint (layout->bands->len, ==, 1);
  band = &g_array_index (layout->bands, SpBandBox, 0);
  g_assert_cmpuint (band->lane, ==, alice);
  g_assert_cmpstr (band->band.title, ==, "Foreign Minister");
  assert_near (band->rect.origin.x, SP_TIMELINE_LABEL_WIDTH - 1.0);
  assert_near (band->rect.size.width, 1002.0);
  assert_near (band->rect.origin.y, lane_y);
  assert_near (band->rect.size.height,
                     SP_TIMELINE_LANE_HEADER + 2 * SP_TIMELINE_TRACK_HEIGHT);

  /* Alice on tax: support from 10 March, oppose from 1 June. */
  g_assert_cmpuint (lane->n_tracks, ==, 2);
  while (g_strcmp0 (lane->track_labels[tax], "Tax") != 0)
    tax++;
  for (guint i = 0; i < layout->segments->len; i++)
    {
      segment = &g_array_index (layout->segments, SpSegmentBox, i);
      if (segment->lane != alice || segment->track != tax)
        continue;

      assert_near (segment->rect.origin.y,
                         lane_y + SP_TIMELINE_LANE_HEADER + tax * SP_TIMELINE_TRACK_HEIGHT
                         + (SP_TIMELINE_TRACK_HEIGHT - SP_TIMELINE_SEGMENT_HEIGHT) / 2.0);
      assert_near (segment->rect.size.height, SP_TIMELINE_SEGMENT_HEIGHT);
      if (n == 0)
        {
          g_assert_cmpint (segment->segment.lo, ==, date_lo ("2024-03-10"));
          g_assert_cmpint (segment->segment.hi, ==, date_lo ("2024-06-01"));
          g_assert_cmpuint (segment->segment.stance, ==, SP_STANCE_SUPPORT);
          assert_near (segment->rect.origin.x, sp_viewport_time_to_x (&viewport, date_lo ("2024-03-10")));
        }
      else
        {
          g_assert_cmpint (segment->segment.lo, ==, date_lo ("2024-06-01"));
          g_assert_cmpuint (segment->segment.stance, ==, SP_STANCE_OPPOSE);
          g_assert_true (segment->segment.shift);
        }
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
}

/* On real data at any zoom, no two marks of a lane overlap: a marker
 * square or a pill may only be crossed by range bars. */
static void
test_no_overlaps (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 lo;
  gint64 hi;
  SpViewport viewport = make_viewport (0, 1);
  guint n_marks = 0;

  g_assert_true (sp_timeline_index_get_bounds (fixture->index, &lo, &hi));
  sp_viewport_fit (&viewport, lo, hi);

  for (guint zoom = 0; zoom < 14; zoom++)
    {
      g_autoptr(SpTimelineLayout) layout = sp_timeline_layout_new (fixture->index, &viewport);

      for (guint i = 0; i < layout->marks->len; i++)
        {
          const SpMarkBox *a = &g_array_index (layout->marks, SpMarkBox, i);
          graphene_rect_t ra = a->rect;

          if (a->mark.count == 1)
            ra.size.width = SP_TIMELINE_MARKER_SIZE;
          for (guint j = i + 1; j < layout->marks->len; j++)
            {
              const SpMarkBox *b = &g_array_index (layout->marks, SpMarkBox, j);
              graphene_rect_t rb = b->rect;

              if (b->mark.count == 1)
                rb.size.width = SP_TIMELINE_MARKER_SIZE;
              g_assert_false (graphene_rect_intersection (&ra, &rb, NULL));
            }
        }
      n_marks += layout->marks->len;

      /* Towards the busiest day, 12 February 2025. */
      sp_viewport_zoom (&viewport, 2.0,
                        sp_viewport_time_to_x (&viewport, date_lo ("2025-02-12T12:00Z")));
    }

  g_assert_cmpuint (n_marks, >, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timeline-layout/time-to-x", test_time_to_x);
  g_test_add_func ("/timeline-layout/zoom-anchor", test_zoom_anchor);
  g_test_add_func ("/timeline-layout/zoom-limits", test_zoom_limits);
  g_test_add_func ("/timeline-layout/pan", test_pan);
  g_test_add_func ("/timeline-layout/fit", test_fit);
  g_test_add_func ("/timeline-layout/ticks", test_ticks);
  g_test_add ("/timeline-layout/lanes", Fixture, NULL,
              fixture_set_up, test_lanes, fixture_tear_down);
  g_test_add ("/timeline-layout/marks", Fixture, NULL,
              fixture_set_up, test_marks, fixture_tear_down);
  g_test_add ("/timeline-layout/hit-test", Fixture, NULL,
              fixture_set_up, test_hit_test, fixture_tear_down);
  g_test_add ("/timeline-layout/bands-and-tracks", Fixture, NULL,
              fixture_set_up, test_bands_and_tracks, fixture_tear_down);
  g_test_add ("/timeline-layout/no-overlaps", Fixture, sp_test_bundled_dataset (),
              fixture_set_up, test_no_overlaps, fixture_tear_down);

  return g_test_run ();
}
