#pragma once

#include <graphene.h>

#include "sp-timeline-index.h"

G_BEGIN_DECLS

/* Geometry of the timeline, in logical pixels.  The widget, the hit test
 * and the drawing all work from one SpTimelineLayout, so what is hit is
 * what was drawn. */
#define SP_TIMELINE_AXIS_HEIGHT    36.0   /* time axis at the top */
#define SP_TIMELINE_LABEL_WIDTH   180.0   /* lane names at the left */
#define SP_TIMELINE_LANE_HEADER    30.0   /* a lane's row of marks */
#define SP_TIMELINE_TRACK_HEIGHT   12.0   /* each stance track below it */
#define SP_TIMELINE_LANE_GAP        8.0
#define SP_TIMELINE_CLUSTER_PIXELS  8.0   /* items closer than this merge */
/* Inside a lane: marks are centred this far below its top, under the
 * titles of office bands; a mark box is a marker square (a range bar may
 * lengthen it to the right) or a cluster's pill with its stance bar. */
#define SP_TIMELINE_MARK_Y         19.0
#define SP_TIMELINE_MARKER_SIZE    12.0
#define SP_TIMELINE_PILL_HEIGHT    18.0
#define SP_TIMELINE_SEGMENT_HEIGHT  6.0   /* a stance band within its track */

/* The part of time and of the lanes the user looks at. */
typedef struct {
  gint64  lo;          /* visible time window [lo, hi), seconds since 1970 UTC */
  gint64  hi;
  double  width;       /* the whole drawing area */
  double  height;
  double  scroll_y;    /* how far the lanes are scrolled up, >= 0 */
  gint64  now;         /* drawn as "today" when in view */
} SpViewport;

/* The window maps onto the drawing right of the label column. */
double   sp_viewport_time_to_x (const SpViewport *viewport,
                                gint64            time);
gint64   sp_viewport_x_to_time (const SpViewport *viewport,
                                double            x);
/* Zooms by @factor (> 1 zooms in) keeping the time under @anchor_x where it
 * is; keeps the window within years -9999..9999 and at least a minute. */
void     sp_viewport_zoom (SpViewport *viewport,
                           double      factor,
                           double      anchor_x);
/* Moves the window by @dx pixels (positive: later in time). */
void     sp_viewport_pan (SpViewport *viewport,
                          double      dx);
/* Shows [lo, hi) with a margin on both sides. */
void     sp_viewport_fit (SpViewport *viewport,
                          gint64      lo,
                          gint64      hi);

typedef struct {
  guint            lane;
  double           y;          /* top, in drawing coordinates */
  double           height;
} SpLaneBox;

typedef struct {
  graphene_rect_t  rect;
  guint            lane;
  SpTimelineMark   mark;
} SpMarkBox;

typedef struct {
  graphene_rect_t  rect;
  guint            lane;
  SpOfficeBand     band;
} SpBandBox;

typedef struct {
  graphene_rect_t  rect;
  guint            lane;
  guint            track;
  SpStanceSegment  segment;
} SpSegmentBox;

typedef struct {
  double           x;
  gint64           time;
  gboolean         major;
  char            *label;      /* NULL for minor ticks without a label */
} SpTick;

typedef struct {
  SpViewport        viewport;
  SpTimelineIndex  *index;
  gint64            bucket;    /* seconds per cluster span */
  GArray           *lanes;     /* SpLaneBox, visible lanes only */
  GArray           *marks;     /* SpMarkBox */
  GArray           *bands;     /* SpBandBox */
  GArray           *segments;  /* SpSegmentBox */
  GArray           *ticks;     /* SpTick */
  char             *tick_unit; /* the major period at the window's start, as the
                                * major labels write it: "2025", "Feb 2025"...;
                                * NULL over year steps, which have no major labels */
} SpTimelineLayout;

/* Lays out what @viewport shows of @index; without an index, the axis. */
SpTimelineLayout *sp_timeline_layout_new (SpTimelineIndex  *index,
                                          const SpViewport *viewport);
void              sp_timeline_layout_free (SpTimelineLayout *layout);
/* Height of all lanes, to size the vertical scrolling. */
double            sp_timeline_layout_get_content_height (SpTimelineIndex *index);
/* Top of @lane in content coordinates (before scrolling). */
double            sp_timeline_layout_get_lane_y (SpTimelineIndex *index,
                                                 guint            lane);
/* The mark box under (@x, @y), or NULL. */
const SpMarkBox  *sp_timeline_layout_hit_test (const SpTimelineLayout *layout,
                                               double                  x,
                                               double                  y);
/* The box of the mark holding @item, or NULL when it is not visible. */
const SpMarkBox  *sp_timeline_layout_find_item (const SpTimelineLayout *layout,
                                                guint                   item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpTimelineLayout, sp_timeline_layout_free)

G_END_DECLS
