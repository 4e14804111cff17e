#pragma once

#include <gio/gio.h>

#include "sp-library.h"
#include "sp-model.h"

G_BEGIN_DECLS

/* How the timeline's lanes are formed. */
typedef enum {
  SP_GROUPING_ACTOR,    /* a lane per speaker */
  SP_GROUPING_COUNTRY,  /* a lane per country (a person's country; an
                         * organization is its own lane) */
  SP_GROUPING_TOPIC,    /* a lane per topic */
} SpGrouping;

/* What the user chose to see.  NULL lists and a zero mask mean "all"; an
 * empty list means "none", and a mask without any stance bit (such as 1)
 * lets no statement through. */
typedef struct {
  GStrv  dataset_ids;
  GStrv  actor_ids;     /* speakers */
  GStrv  topic_ids;
  guint  stances;       /* bits 1 << SpStance */
  char  *search;        /* words looked up in the full-text index */
} SpFilter;

#define SP_TYPE_FILTER (sp_filter_get_type ())

GType     sp_filter_get_type (void) G_GNUC_CONST;
SpFilter *sp_filter_new (void);
SpFilter *sp_filter_copy (const SpFilter *filter);
void      sp_filter_free (SpFilter *filter);
gboolean  sp_filter_equal (const SpFilter *a,
                           const SpFilter *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpFilter, sp_filter_free)

typedef enum {
  SP_ITEM_STATEMENT = 1,
  SP_ITEM_EVENT,
} SpItemKind;

/* One statement or event: where it sits in time and in which lane. */
typedef struct {
  gint64          lo;         /* bounds of its date, [lo, hi) */
  gint64          hi;
  gint64          pk;         /* row in statements or events */
  guint32         lane;
  guint8          kind;       /* SpItemKind */
  guint8          stance;     /* SpStance for statements, 0 for events */
  guint8          precision;  /* SpDatePrecision */
  guint16         track;      /* its stance track in the lane */
} SpTimelineItem;

/* What a lane shows in one span of pixels: one item, or a cluster of
 * items that fell into the same few pixels. */
typedef struct {
  gint64 lo;                  /* first item's lo ... last item's hi */
  gint64 hi;
  guint  first;               /* index of the first item in the index */
  guint  count;               /* 1: a single item */
  guint  stance_counts[SP_STANCE_UNCLEAR + 1];
} SpTimelineMark;

/* A term of office drawn as a band behind a lane. */
typedef struct {
  gint64      lo;
  gint64      hi;             /* G_MAXINT64 while still held */
  gint64      pk;             /* row in offices */
  const char *title;          /* "Secretary of Defense" */
  const char *holder;         /* the person's name */
  const char *of;             /* the country's or organization's name */
} SpOfficeBand;

/* A stretch of one speaker's stance on one topic, from one statement to
 * the next; a shift is where a segment starts with another stance. */
typedef struct {
  gint64  lo;
  gint64  hi;                 /* the next statement's lo, or the last one's hi */
  guint8  stance;
  guint8  shift;              /* TRUE when the stance differs from the one before */
  guint8  dense;              /* TRUE when several segments fell into one bucket */
} SpStanceSegment;

typedef enum {
  SP_LANE_EVENTS = 1,         /* the events lane, always first when there are events */
  SP_LANE_ACTOR,
  SP_LANE_TOPIC,
} SpLaneKind;

typedef struct {
  char        *id;            /* actor or topic id; NULL for the events lane */
  char        *label;
  SpLaneKind   kind;
  SpActorKind  actor_kind;    /* for actor lanes */
  guint        n_items;
  /* Stance tracks: one per topic in actor and country lanes, one per
   * speaker in topic lanes; none in the events lane. */
  guint        n_tracks;
  char       **track_labels;
} SpLane;

#define SP_TYPE_TIMELINE_INDEX (sp_timeline_index_get_type ())

G_DECLARE_FINAL_TYPE (SpTimelineIndex, sp_timeline_index, SP, TIMELINE_INDEX, GObject)

/* Loads what the timeline shows of @library through @filter into memory,
 * sorted so that every query below costs the same however large the
 * library: a visible window is found by binary search and dense spans are
 * counted, never walked. */
SpTimelineIndex      *sp_timeline_index_new (SpLibrary       *library,
                                             SpGrouping       grouping,
                                             const SpFilter  *filter,
                                             GCancellable    *cancellable,
                                             GError         **error);
void                  sp_timeline_index_new_async (SpLibrary           *library,
                                                   SpGrouping           grouping,
                                                   const SpFilter      *filter,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
SpTimelineIndex      *sp_timeline_index_new_finish (GAsyncResult  *result,
                                                    GError       **error);
SpTimelineIndex      *sp_timeline_index_new_first_lanes (SpLibrary       *library,
                                                         SpGrouping       grouping,
                                                         const SpFilter  *filter,
                                                         guint            n_rows,
                                                         GCancellable    *cancellable,
                                                         GError         **error);
void                  sp_timeline_index_new_first_lanes_async (SpLibrary           *library,
                                                               SpGrouping           grouping,
                                                               const SpFilter      *filter,
                                                               guint                n_rows,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);

gboolean              sp_timeline_index_is_complete (SpTimelineIndex *self);

SpGrouping            sp_timeline_index_get_grouping (SpTimelineIndex *self);
guint                 sp_timeline_index_get_n_lanes (SpTimelineIndex *self);
const SpLane         *sp_timeline_index_get_lane (SpTimelineIndex *self,
                                                  guint            lane);
guint                 sp_timeline_index_get_n_items (SpTimelineIndex *self);
const SpTimelineItem *sp_timeline_index_get_item (SpTimelineIndex *self,
                                                  guint            item);
/* FALSE when the index is empty. */
gboolean              sp_timeline_index_get_bounds (SpTimelineIndex *self,
                                                    gint64          *lo,
                                                    gint64          *hi);

/* Appends to @marks (of SpTimelineMark) what @lane shows in [@lo, @hi),
 * merging items whose positions fall into the same @bucket seconds. */
void                  sp_timeline_index_query (SpTimelineIndex *self,
                                               guint            lane,
                                               gint64           lo,
                                               gint64           hi,
                                               gint64           bucket,
                                               GArray          *marks);
/* Appends to @segments (of SpStanceSegment) track @track of @lane in
 * [@lo, @hi), merging segments shorter than @bucket seconds. */
void                  sp_timeline_index_query_track (SpTimelineIndex *self,
                                                     guint            lane,
                                                     guint            track,
                                                     gint64           lo,
                                                     gint64           hi,
                                                     gint64           bucket,
                                                     GArray          *segments);
/* Appends to @bands (of SpOfficeBand) the terms of office of @lane that
 * overlap [@lo, @hi); the strings belong to the index. */
void                  sp_timeline_index_query_offices (SpTimelineIndex *self,
                                                       guint            lane,
                                                       gint64           lo,
                                                       gint64           hi,
                                                       GArray          *bands);

/* Keyboard navigation: items in time order (ties by lane, then pk). */
guint                 sp_timeline_index_get_time_position (SpTimelineIndex *self,
                                                           guint            item);
guint                 sp_timeline_index_get_item_at_time_position (SpTimelineIndex *self,
                                                                   guint            position);
/* The item of @lane nearest in time to @time, or G_MAXUINT if the lane is empty. */
guint                 sp_timeline_index_find_nearest (SpTimelineIndex *self,
                                                      guint            lane,
                                                      gint64           time);
/* The item for a statement or event row, or G_MAXUINT if it is filtered out. */
guint                 sp_timeline_index_find_item (SpTimelineIndex *self,
                                                   SpItemKind       kind,
                                                   gint64           pk);

G_END_DECLS
