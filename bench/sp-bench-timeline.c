#define G_LOG_DOMAIN "standpoint-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <gtk/gtk.h>

#include "sp-library.h"
#include "sp-timeline-render.h"

/* Times the timeline on a library: for a 1920x1080 view of everything,
 * of one year and of one week (both around the median statement), each
 * with the first lanes at the top and with the busiest lane at the top,
 * the index queries of the visible lanes, building the snapshot (layout
 * and drawing) and rendering it with the GSK cairo renderer.  Each figure
 * is the median of RUNS runs; the printed line has the worst view of
 * each, details go to stderr. */

#define WIDTH 1920
#define HEIGHT 1080
#define YEAR G_GINT64_CONSTANT (31556952)
#define WEEK G_GINT64_CONSTANT (604800)

typedef struct {
  double query;
  double snapshot;
  double render;
} Timing;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The queries a layout of @viewport makes, on its visible lanes. */
static void
run_queries (SpTimelineIndex        *index,
             const SpTimelineLayout *layout,
             GArray                 *marks,
             GArray                 *segments,
             GArray                 *bands)
{
  const SpViewport *viewport = &layout->viewport;

  for (guint i = 0; i < layout->lanes->len; i++)
    {
      const SpLaneBox *box = &g_array_index (layout->lanes, SpLaneBox, i);
      const SpLane *lane = sp_timeline_index_get_lane (index, box->lane);

      g_array_set_size (marks, 0);
      g_array_set_size (bands, 0);
      sp_timeline_index_query (index, box->lane, viewport->lo, viewport->hi, layout->bucket, marks);
      sp_timeline_index_query_offices (index, box->lane, viewport->lo, viewport->hi, bands);
      for (guint t = 0; t < lane->n_tracks; t++)
        {
          double y = box->y + SP_TIMELINE_LANE_HEADER + t * SP_TIMELINE_TRACK_HEIGHT;

          if (y + SP_TIMELINE_TRACK_HEIGHT <= SP_TIMELINE_AXIS_HEIGHT || y >= viewport->height)
            continue;
          g_array_set_size (segments, 0);
          sp_timeline_index_query_track (index, box->lane, t, viewport->lo, viewport->hi,
                                         layout->bucket, segments);
        }
    }
}

static void
measure (SpTimelineIndex  *index,
         PangoContext     *pango,
         GskRenderer      *renderer,
         const SpViewport *viewport,
         guint             runs,
         Timing           *timing)
{
  g_autofree double *query = g_new (double, runs);
  g_autofree double *snapshot_times = g_new (double, runs);
  g_autofree double *render = g_new (double, runs);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (SpTimelineMark));
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (SpStanceSegment));
  g_autoptr(GArray) bands = g_array_new (FALSE, FALSE, sizeof (SpOfficeBand));
  SpRenderStyle style;
  double first_snapshot;
  guint n_marks = 0;

  sp_render_style_init_light (&style);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(SpTimelineLayout) layout = NULL;
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      GtkSnapshot *snapshot;
      gint64 start;

      start = g_get_monotonic_time ();
      layout = sp_timeline_layout_new (index, viewport);
      snapshot = gtk_snapshot_new ();
      sp_render_timeline (snapshot, layout, &style, pango, G_MAXUINT, G_MAXUINT);
      node = gtk_snapshot_free_to_node (snapshot);
      snapshot_times[run] = elapsed_ms (start);

      start = g_get_monotonic_time ();
      run_queries (index, layout, marks, segments, bands);
      query[run] = elapsed_ms (start);

      start = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
      render[run] = elapsed_ms (start);

      n_marks = layout->marks->len + layout->segments->len;
    }

  /* The first run shapes the text that later runs find cached. */
  first_snapshot = snapshot_times[0];
  timing->query = median (query, runs);
  timing->snapshot = median (snapshot_times, runs);
  timing->render = median (render, runs);
  fprintf (stderr, "  %u marks and segments: query %.2f ms, snapshot %.2f ms (first %.2f ms), render %.2f ms\n",
           n_marks, timing->query, timing->snapshot, first_snapshot, timing->render);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  PangoContext *pango;
  g_autoptr(PangoFontDescription) font = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *names[] = { "all", "one year", "one week" };
  Timing worst = { 0, };
  double scroll[2] = { 0.0, 0.0 };
  guint busiest = G_MAXUINT;
  guint runs = 20;
  gint64 n_statements = 0;
  gint64 lo;
  gint64 hi;
  gint64 middle;
  gint64 start;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "Usage: %s LIBRARY [RUNS]\n", argv[0]);
      return 2;
    }
  if (argc == 3)
    runs = MAX (atoi (argv[2]), 1);

  gtk_init_check ();

  library = sp_library_open (argv[1], &error);
  if (library == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  if (sqlite3_prepare_v2 (sp_library_get_db (library), "SELECT count(*) FROM statements", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n_statements = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  start = g_get_monotonic_time ();
  index = sp_timeline_index_new (library, SP_GROUPING_ACTOR, NULL, NULL, &error);
  if (index == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  fprintf (stderr, "N=%" G_GINT64_FORMAT ": index built in %.0f ms, %u lanes, %u items\n",
           n_statements, elapsed_ms (start), sp_timeline_index_get_n_lanes (index),
           sp_timeline_index_get_n_items (index));
  if (!sp_timeline_index_get_bounds (index, &lo, &hi))
    {
      fprintf (stderr, "%s: the timeline is empty\n", argv[1]);
      return 1;
    }
  middle = sp_timeline_index_get_item (index,
                                       sp_timeline_index_get_item_at_time_position (index,
                                                                                    sp_timeline_index_get_n_items (index) / 2))->lo;

  pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  font = pango_font_description_from_string ("Cantarell 11");
  pango_context_set_font_description (pango, font);
  pango_cairo_context_set_resolution (pango, 96.0);

  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      fprintf (stderr, "GSK cairo renderer: %s\n", error->message);
      return 1;
    }

  /* The lanes at the top, and the busiest lane of statements at the top. */
  for (guint lane = 0; lane < sp_timeline_index_get_n_lanes (index); lane++)
    {
      const SpLane *info = sp_timeline_index_get_lane (index, lane);

      if (info->kind != SP_LANE_EVENTS &&
          (busiest == G_MAXUINT || info->n_items > sp_timeline_index_get_lane (index, busiest)->n_items))
        busiest = lane;
    }
  if (busiest == G_MAXUINT)
    busiest = 0;
  scroll[1] = sp_timeline_layout_get_lane_y (index, busiest);
  fprintf (stderr, "busiest lane: %s, %u items, %u tracks\n",
           sp_timeline_index_get_lane (index, busiest)->label,
           sp_timeline_index_get_lane (index, busiest)->n_items,
           sp_timeline_index_get_lane (index, busiest)->n_tracks);

  for (guint zoom = 0; zoom < G_N_ELEMENTS (names); zoom++)
    for (guint at = 0; at < G_N_ELEMENTS (scroll); at++)
      {
        SpViewport viewport = { 0, 1, WIDTH, HEIGHT, scroll[at], g_get_real_time () / G_USEC_PER_SEC };
        Timing timing;

        if (zoom == 0)
          sp_viewport_fit (&viewport, lo, hi);
        else
          {
            gint64 span = zoom == 1 ? YEAR : WEEK;

            viewport.lo = middle - span / 2;
            viewport.hi = viewport.lo + span;
          }

        fprintf (stderr, "%s, %s:\n", names[zoom], at == 0 ? "first lanes" : "busiest lane");
        measure (index, pango, renderer, &viewport, runs, &timing);
        worst.query = MAX (worst.query, timing.query);
        worst.snapshot = MAX (worst.snapshot, timing.snapshot);
        worst.render = MAX (worst.render, timing.render);
      }

  gsk_renderer_unrealize (renderer);
  g_object_unref (pango);

  printf ("timeline N=%" G_GINT64_FORMAT " query_ms=%.2f snapshot_ms=%.2f render_ms=%.2f\n",
          n_statements, worst.query, worst.snapshot, worst.render);

  return 0;
}
