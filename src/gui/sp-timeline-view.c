#define G_LOG_DOMAIN "standpoint-timeline-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-date.h"
#include "sp-details.h"
#include "sp-timeline-export.h"
#include "sp-timeline-layout.h"
#include "sp-timeline-render.h"
#include "sp-timeline-view.h"
#include "sp-widget-style.h"

/* The interactive timeline: it keeps the view state's span and selection
 * in step with what the user does, and leaves querying to the index and
 * drawing to the render functions.  One layout serves drawing and hit
 * testing, so a click selects what was drawn under it. */

#define ZOOM_STEP 1.25
#define PAN_STEP 0.1        /* of the width, per key press */
#define SCROLL_PIXELS 40.0  /* per wheel step */
/* Rows of lanes (a lane's header or one of its stance tracks) that fill a
 * screen 2160 pixels tall: the first lanes of the index, loaded first, so
 * that they show while the whole index is built. */
#define FIRST_ROWS ((guint)(2160 / SP_TIMELINE_TRACK_HEIGHT))

struct _SpTimelineView
{
  GtkWidget         parent_instance;

  SpViewState      *state;
  SpLibrary        *library;
  SpTimelineIndex  *index;
  GCancellable     *loading;

  SpViewport        viewport;
  SpTimelineLayout *layout;     /* for the current viewport, rebuilt lazily */
  gint64            first_fit_lo;  /* the span fitted to the first lanes */
  gint64            first_fit_hi;

  guint             selected;   /* item, or G_MAXUINT */
  gboolean          syncing;    /* while writing to the view state */
  gboolean          first_frame_drawn;  /* with lanes and marks */

  double            drag_lo_x;  /* viewport offset where a drag began */
  double            drag_scroll_y;
  gint64            drag_lo;
  gint64            drag_hi;
  double            zoom_start_span;
};

G_DEFINE_FINAL_TYPE (SpTimelineView, sp_timeline_view, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
invalidate_layout (SpTimelineView *self)
{
  g_clear_pointer (&self->layout, sp_timeline_layout_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
max_scroll (SpTimelineView *self)
{
  double content;

  if (self->index == NULL)
    return 0.0;

  content = sp_timeline_layout_get_content_height (self->index);
  return MAX (0.0, content - (self->viewport.height - SP_TIMELINE_AXIS_HEIGHT));
}

/* Every change of the viewport goes through here: it is clamped, shown
 * and written to the view state, which persists it. */
static void
viewport_changed (SpTimelineView *self)
{
  self->viewport.scroll_y = CLAMP (self->viewport.scroll_y, 0.0, max_scroll (self));
  invalidate_layout (self);

  self->syncing = TRUE;
  sp_view_state_set_span (self->state, self->viewport.lo, self->viewport.hi);
  self->syncing = FALSE;
}

static const SpTimelineLayout *
get_layout (SpTimelineView *self)
{
  if (self->layout == NULL && self->index != NULL)
    {
      self->viewport.now = g_get_real_time () / G_USEC_PER_SEC;
      /* Nothing to fit yet (an empty library): show the year up to today. */
      if (self->viewport.hi <= self->viewport.lo)
        {
          self->viewport.hi = self->viewport.now;
          self->viewport.lo = self->viewport.now - 365 * 86400;
        }
      self->layout = sp_timeline_layout_new (self->index, &self->viewport);
    }

  return self->layout;
}

void
sp_timeline_view_zoom (SpTimelineView *self,
                       double          factor)
{
  g_return_if_fail (SP_IS_TIMELINE_VIEW (self));

  sp_viewport_zoom (&self->viewport, factor,
                    SP_TIMELINE_LABEL_WIDTH + (self->viewport.width - SP_TIMELINE_LABEL_WIDTH) / 2);
  viewport_changed (self);
}

void
sp_timeline_view_zoom_to_fit (SpTimelineView *self)
{
  gint64 lo, hi;

  g_return_if_fail (SP_IS_TIMELINE_VIEW (self));

  if (self->index == NULL || !sp_timeline_index_get_bounds (self->index, &lo, &hi))
    return;

  sp_viewport_fit (&self->viewport, lo, hi);
  viewport_changed (self);
}

/* Keeps @item's lane on screen, scrolling as little as possible. */
static void
scroll_to_lane (SpTimelineView *self,
                guint           lane)
{
  double y = sp_timeline_layout_get_lane_y (self->index, lane);
  double visible = self->viewport.height - SP_TIMELINE_AXIS_HEIGHT;

  if (y < self->viewport.scroll_y)
    self->viewport.scroll_y = y;
  else if (y + SP_TIMELINE_LANE_HEADER > self->viewport.scroll_y + visible)
    self->viewport.scroll_y = y + SP_TIMELINE_LANE_HEADER - visible;
}

void
sp_timeline_view_zoom_to_selection (SpTimelineView *self)
{
  const SpTimelineItem *item;

  g_return_if_fail (SP_IS_TIMELINE_VIEW (self));

  if (self->index == NULL || self->selected == G_MAXUINT)
    return;

  item = sp_timeline_index_get_item (self->index, self->selected);
  /* A day around a point in time, or the item's own span if longer. */
  sp_viewport_fit (&self->viewport, item->lo - 43200, MAX (item->hi, item->lo + 43200));
  scroll_to_lane (self, item->lane);
  viewport_changed (self);
}

/* Brings @item into the visible span and lanes without changing the zoom. */
static void
reveal_item (SpTimelineView *self,
             guint           item_index)
{
  const SpTimelineItem *item = sp_timeline_index_get_item (self->index, item_index);
  gint64 span = self->viewport.hi - self->viewport.lo;

  if (item->lo < self->viewport.lo || item->lo >= self->viewport.hi)
    {
      self->viewport.lo = item->lo - span / 2;
      self->viewport.hi = self->viewport.lo + span;
    }
  scroll_to_lane (self, item->lane);
  viewport_changed (self);
}

static void
update_accessible_description (SpTimelineView *self)
{
  g_autofree char *description = NULL;

  if (self->selected != G_MAXUINT && self->library != NULL)
    {
      const SpTimelineItem *item = sp_timeline_index_get_item (self->index, self->selected);
      g_autoptr(SpDetails) details = sp_details_load (self->library, item->kind, item->pk, NULL);

      if (details != NULL)
        description = sp_details_describe (details);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("Nothing selected"),
                                  -1);
}

static void
select_item (SpTimelineView *self,
             guint           item_index)
{
  const SpTimelineItem *item = NULL;

  if (item_index != G_MAXUINT)
    item = sp_timeline_index_get_item (self->index, item_index);

  self->selected = item_index;
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  self->syncing = TRUE;
  sp_view_state_set_selection (self->state, item ? item->kind : 0, item ? item->pk : 0);
  self->syncing = FALSE;
}

static void
activate_selection (SpTimelineView *self)
{
  const SpTimelineItem *item;

  if (self->selected == G_MAXUINT)
    return;

  item = sp_timeline_index_get_item (self->index, self->selected);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item->kind, item->pk);
}

/* Exporting */

static char *
format_day (gint64 time)
{
  /* The start of the day, rounding down before 1970 too. */
  gint64 day = (time >= 0 ? time : time - 86399) / 86400;
  SpDate date;

  if (!sp_date_init_from_bounds (&date, day * 86400, SP_DATE_PRECISION_DAY, 0, 0, FALSE))
    return g_strdup ("?");

  return sp_date_format (&date);
}

char *
sp_timeline_view_get_default_file_name (SpTimelineView *self)
{
  g_autoptr(GDateTime) lo = NULL;
  g_autoptr(GDateTime) hi = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (SP_IS_TIMELINE_VIEW (self), NULL);

  lo = g_date_time_new_from_unix_utc (MAX (self->viewport.lo, 0));
  hi = g_date_time_new_from_unix_utc (MAX (self->viewport.hi - 1, 0));
  from = g_date_time_format (lo, "%Y-%m-%d");
  to = g_date_time_format (hi, "%Y-%m-%d");

  /* Translators: a file name; keep it free of slashes */
  return g_strdup_printf (_("timeline-%s-to-%s.png"), from, to);
}

gboolean
sp_timeline_view_export (SpTimelineView  *self,
                         GFile           *file,
                         int              scale,
                         GError         **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *title = NULL;
  SpViewport viewport;

  g_return_val_if_fail (SP_IS_TIMELINE_VIEW (self), FALSE);

  if (self->index == NULL || !sp_timeline_index_is_complete (self->index) ||
      self->viewport.hi <= self->viewport.lo)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The timeline has nothing to export yet"));
      return FALSE;
    }

  from = format_day (self->viewport.lo);
  to = format_day (self->viewport.hi - 1);
  switch (sp_timeline_index_get_grouping (self->index))
    {
    case SP_GROUPING_COUNTRY:
      /* Translators: title of an exported timeline; the %s are dates */
      title = g_strdup_printf (_("Statements by country, %s to %s"), from, to);
      break;

    case SP_GROUPING_TOPIC:
      /* Translators: title of an exported timeline; the %s are dates */
      title = g_strdup_printf (_("Statements by topic, %s to %s"), from, to);
      break;

    case SP_GROUPING_ACTOR:
    default:
      /* Translators: title of an exported timeline; the %s are dates */
      title = g_strdup_printf (_("Statements by actor, %s to %s"), from, to);
      break;
    }

  viewport = self->viewport;
  viewport.now = g_get_real_time () / G_USEC_PER_SEC;

  return sp_export_timeline_png (self->index, &viewport, title, scale, file, error);
}

/* Loading */

static void
index_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpTimelineView) self = user_data;
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  gint64 span_lo, span_hi, pk;
  gboolean fitted_first;
  SpItemKind kind;

  index = sp_timeline_index_new_finish (result, &error);
  if (index == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot load the timeline: %s", error->message);
      return;
    }

  g_set_object (&self->index, index);
  if (sp_timeline_index_is_complete (index))
    g_clear_object (&self->loading);
  else
    sp_timeline_index_new_async (self->library,
                                 sp_view_state_get_grouping (self->state),
                                 sp_view_state_get_filter (self->state),
                                 self->loading,
                                 index_loaded,
                                 g_object_ref (self));

  /* The selection survives a reload when its item is still shown. */
  kind = sp_view_state_get_selection (self->state, &pk);
  self->selected = kind != 0 ? sp_timeline_index_find_item (self->index, kind, pk) : G_MAXUINT;
  update_accessible_description (self);

  /* A fit to the first lanes is made again over all of them, unless the
   * user moved in the meantime. */
  sp_view_state_get_span (self->state, &span_lo, &span_hi);
  fitted_first = span_lo == self->first_fit_lo && span_hi == self->first_fit_hi;
  self->first_fit_lo = self->first_fit_hi = 0;
  if (span_hi > span_lo && !fitted_first)
    {
      self->viewport.lo = span_lo;
      self->viewport.hi = span_hi;
      viewport_changed (self);
    }
  else
    {
      sp_timeline_view_zoom_to_fit (self);
      if (!sp_timeline_index_is_complete (index))
        sp_view_state_get_span (self->state, &self->first_fit_lo, &self->first_fit_hi);
    }
}

static void
reload (SpTimelineView *self)
{
  if (self->library == NULL)
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  sp_timeline_index_new_first_lanes_async (self->library,
                                           sp_view_state_get_grouping (self->state),
                                           sp_view_state_get_filter (self->state),
                                           FIRST_ROWS,
                                           self->loading,
                                           index_loaded,
                                           g_object_ref (self));
}

void
sp_timeline_view_set_library (SpTimelineView *self,
                              SpLibrary      *library)
{
  g_return_if_fail (SP_IS_TIMELINE_VIEW (self));

  if (g_set_object (&self->library, library))
    reload (self);
}

SpTimelineIndex *
sp_timeline_view_get_index (SpTimelineView *self)
{
  g_return_val_if_fail (SP_IS_TIMELINE_VIEW (self), NULL);

  return self->index;
}

static void
state_selection_changed (SpTimelineView *self)
{
  SpItemKind kind;
  gint64 pk;
  guint item;

  if (self->syncing || self->index == NULL)
    return;

  kind = sp_view_state_get_selection (self->state, &pk);
  item = kind != 0 ? sp_timeline_index_find_item (self->index, kind, pk) : G_MAXUINT;
  self->selected = item;
  update_accessible_description (self);
  if (item != G_MAXUINT)
    reveal_item (self, item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
state_span_changed (SpTimelineView *self)
{
  gint64 lo, hi;

  if (self->syncing)
    return;

  sp_view_state_get_span (self->state, &lo, &hi);
  if (hi > lo)
    {
      self->viewport.lo = lo;
      self->viewport.hi = hi;
      invalidate_layout (self);
    }
}

/* Input */

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          SpTimelineView           *self)
{
  GdkModifierType modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);
  double pixels = unit == GDK_SCROLL_UNIT_WHEEL ? SCROLL_PIXELS : 1.0;

  if (modifiers & GDK_CONTROL_MASK)
    {
      double x = 0, y = 0;
      GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

      if (event == NULL || !gdk_event_get_position (event, &x, &y))
        x = self->viewport.width / 2;
      /* Zoom where the pointer is, so that point stays put. */
      sp_viewport_zoom (&self->viewport, pow (ZOOM_STEP, -dy * (unit == GDK_SCROLL_UNIT_WHEEL ? 1.0 : 0.05)), x);
    }
  else if (modifiers & GDK_SHIFT_MASK)
    sp_viewport_pan (&self->viewport, (dx + dy) * pixels);
  else
    {
      sp_viewport_pan (&self->viewport, dx * pixels);
      self->viewport.scroll_y += dy * pixels;
    }

  viewport_changed (self);
  return GDK_EVENT_STOP;
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            SpTimelineView *self)
{
  self->drag_lo = self->viewport.lo;
  self->drag_hi = self->viewport.hi;
  self->drag_scroll_y = self->viewport.scroll_y;
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SpTimelineView *self)
{
  self->viewport.lo = self->drag_lo;
  self->viewport.hi = self->drag_hi;
  sp_viewport_pan (&self->viewport, -dx);
  self->viewport.scroll_y = self->drag_scroll_y - dy;
  viewport_changed (self);
}

static void
zoom_begin (GtkGesture       *gesture,
            GdkEventSequence *sequence,
            SpTimelineView   *self)
{
  self->drag_lo = self->viewport.lo;
  self->drag_hi = self->viewport.hi;
}

static void
zoom_scale_changed (GtkGestureZoom *gesture,
                    double          scale,
                    SpTimelineView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->viewport.width / 2;

  self->viewport.lo = self->drag_lo;
  self->viewport.hi = self->drag_hi;
  sp_viewport_zoom (&self->viewport, scale, x);
  viewport_changed (self);
}

static gboolean
same_instant (SpTimelineView       *self,
              const SpTimelineMark *mark)
{
  const SpTimelineItem *first = sp_timeline_index_get_item (self->index, mark->first);
  const SpTimelineItem *last = sp_timeline_index_get_item (self->index, mark->first + mark->count - 1);

  return first->lo == last->lo && first->lane == last->lane;
}

static void
pressed (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         SpTimelineView  *self)
{
  const SpTimelineLayout *layout = get_layout (self);
  const SpMarkBox *box = layout ? sp_timeline_layout_hit_test (layout, x, y) : NULL;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (box == NULL)
    return;

  if (box->mark.count > 1 && !same_instant (self, &box->mark))
    {
      /* A cluster opens up: show its span so its items split apart. */
      sp_viewport_fit (&self->viewport, box->mark.lo, box->mark.hi);
      viewport_changed (self);
      return;
    }

  /* Items said at one instant never split; select the first, and the
   * arrow keys go through the others. */
  select_item (self, box->mark.first);
  if (n_press == 2)
    activate_selection (self);
}

static gboolean
query_tooltip (GtkWidget      *widget,
               int             x,
               int             y,
               gboolean        keyboard,
               GtkTooltip     *tooltip,
               SpTimelineView *self)
{
  const SpTimelineLayout *layout = get_layout (self);
  const SpMarkBox *box;
  g_autofree char *text = NULL;

  if (keyboard)
    box = layout && self->selected != G_MAXUINT ? sp_timeline_layout_find_item (layout, self->selected) : NULL;
  else
    box = layout ? sp_timeline_layout_hit_test (layout, x, y) : NULL;

  if (box == NULL)
    return FALSE;

  if (box->mark.count > 1)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%'u item; click to zoom in",
                                         "%'u items; click to zoom in",
                                         box->mark.count),
                            box->mark.count);
  else
    {
      const SpTimelineItem *item = sp_timeline_index_get_item (self->index, box->mark.first);
      g_autoptr(SpDetails) details = sp_details_load (self->library, item->kind, item->pk, NULL);

      if (details == NULL)
        return FALSE;
      text = sp_details_describe (details);
    }

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Actions */

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sp_timeline_view_zoom (SP_TIMELINE_VIEW (widget), ZOOM_STEP);
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sp_timeline_view_zoom (SP_TIMELINE_VIEW (widget), 1.0 / ZOOM_STEP);
}

static void
zoom_fit_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sp_timeline_view_zoom_to_fit (SP_TIMELINE_VIEW (widget));
}

static void
zoom_selection_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  sp_timeline_view_zoom_to_selection (SP_TIMELINE_VIEW (widget));
}

/* "(i)": -1 pans back in time, 1 forward. */
static void
pan_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SpTimelineView *self = SP_TIMELINE_VIEW (widget);

  sp_viewport_pan (&self->viewport,
                   g_variant_get_int32 (parameter) * PAN_STEP * (self->viewport.width - SP_TIMELINE_LABEL_WIDTH));
  viewport_changed (self);
}

/* "(i)": -1 scrolls the lanes up, 1 down. */
static void
scroll_lanes_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SpTimelineView *self = SP_TIMELINE_VIEW (widget);

  self->viewport.scroll_y += g_variant_get_int32 (parameter) * SCROLL_PIXELS;
  viewport_changed (self);
}

/* "(i)": -1 the previous item in time, 1 the next; -2 the first, 2 the last. */
static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpTimelineView *self = SP_TIMELINE_VIEW (widget);
  int step = g_variant_get_int32 (parameter);
  guint n_items, position;

  if (self->index == NULL || (n_items = sp_timeline_index_get_n_items (self->index)) == 0)
    return;

  if (step == -2)
    position = 0;
  else if (step == 2)
    position = n_items - 1;
  else if (self->selected == G_MAXUINT)
    position = step > 0 ? 0 : n_items - 1;
  else
    {
      position = sp_timeline_index_get_time_position (self->index, self->selected);
      if ((step < 0 && position == 0) || (step > 0 && position + 1 >= n_items))
        return;
      position += step;
    }

  select_item (self, sp_timeline_index_get_item_at_time_position (self->index, position));
  reveal_item (self, self->selected);
}

/* "(i)": -1 the nearest item in the lane above, 1 in the lane below. */
static void
move_lane_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SpTimelineView *self = SP_TIMELINE_VIEW (widget);
  int step = g_variant_get_int32 (parameter);
  const SpTimelineItem *item;
  guint n_lanes, lane;
  gint64 time;

  if (self->index == NULL || self->selected == G_MAXUINT)
    return;

  item = sp_timeline_index_get_item (self->index, self->selected);
  time = item->lo;
  n_lanes = sp_timeline_index_get_n_lanes (self->index);

  /* Skip empty lanes (an events lane filtered empty, say). */
  for (lane = item->lane + step; lane < n_lanes; lane += step)
    {
      guint nearest = sp_timeline_index_find_nearest (self->index, lane, time);

      if (nearest != G_MAXUINT)
        {
          select_item (self, nearest);
          reveal_item (self, nearest);
          return;
        }
    }
}

static void
activate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  activate_selection (SP_TIMELINE_VIEW (widget));
}

/* Drawing */

/* A measurement point for bench/startup.sh, not a test hook: with
 * STANDPOINT_REPORT_FIRST_FRAME set to the launch time in microseconds
 * since 1970 (bash gives it as ${EPOCHREALTIME/./}), the first frame that
 * shows lanes and marks prints "first-frame-ms=N", the time from the
 * launch to that frame on screen, and the application quits.  Nothing
 * else depends on the variable. */
static void
report_first_frame (GdkFrameClock  *clock,
                    SpTimelineView *self)
{
  gint64 launched = g_ascii_strtoll (g_getenv ("STANDPOINT_REPORT_FIRST_FRAME"), NULL, 10);

  g_signal_handlers_disconnect_by_func (clock, report_first_frame, self);
  g_print ("first-frame-ms=%.1f\n", (g_get_real_time () - launched) / 1000.0);
  g_application_quit (g_application_get_default ());
}

static void
sp_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SpTimelineView *self = SP_TIMELINE_VIEW (widget);
  const SpTimelineLayout *layout = get_layout (self);
  SpRenderStyle style;

  if (layout == NULL)
    return;

  sp_widget_style_fill (GTK_WIDGET (self), &style);
  sp_render_timeline (snapshot, layout, &style, gtk_widget_get_pango_context (widget),
                      self->selected,
                      gtk_widget_has_focus (widget) ? self->selected : G_MAXUINT);

  if (layout->lanes->len > 0 && layout->marks->len > 0 && !self->first_frame_drawn)
    {
      self->first_frame_drawn = TRUE;
      if (g_getenv ("STANDPOINT_REPORT_FIRST_FRAME") != NULL)
        g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                          G_CALLBACK (report_first_frame), self);
    }
}

static void
sp_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  SpTimelineView *self = SP_TIMELINE_VIEW (widget);

  if (self->viewport.width == width && self->viewport.height == height)
    return;

  self->viewport.width = width;
  self->viewport.height = height;
  self->viewport.scroll_y = CLAMP (self->viewport.scroll_y, 0.0, max_scroll (self));
  invalidate_layout (self);
}

static void
sp_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = SP_TIMELINE_LABEL_WIDTH + 120;
      *natural = 800;
    }
  else
    {
      *minimum = SP_TIMELINE_AXIS_HEIGHT + 2 * SP_TIMELINE_LANE_HEADER;
      *natural = 600;
    }
}

static void
sp_timeline_view_dispose (GObject *object)
{
  SpTimelineView *self = (SpTimelineView *)object;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  g_clear_object (&self->library);
  g_clear_object (&self->index);
  g_clear_pointer (&self->layout, sp_timeline_layout_free);

  G_OBJECT_CLASS (sp_timeline_view_parent_class)->dispose (object);
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  modifiers,
             const char      *action,
             int              parameter)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action, "i", parameter);
}

static void
sp_timeline_view_class_init (SpTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_timeline_view_dispose;
  widget_class->snapshot = sp_timeline_view_snapshot;
  widget_class->size_allocate = sp_timeline_view_size_allocate;
  widget_class->measure = sp_timeline_view_measure;

  /**
   * SpTimelineView::item-activated:
   * @kind: an SpItemKind
   * @pk: the statement's or event's row
   *
   * The user asked for the details of an item (Enter, double click).
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_activated);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-selection", NULL, zoom_selection_activated);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "i", pan_activated);
  gtk_widget_class_install_action (widget_class, "timeline.scroll-lanes", "i", scroll_lanes_activated);
  gtk_widget_class_install_action (widget_class, "timeline.move", "i", move_activated);
  gtk_widget_class_install_action (widget_class, "timeline.move-lane", "i", move_lane_activated);
  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL, activate_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, 0, "timeline.zoom-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.activate", NULL);

  add_binding (widget_class, GDK_KEY_Left, 0, "timeline.move", -1);
  add_binding (widget_class, GDK_KEY_Right, 0, "timeline.move", 1);
  add_binding (widget_class, GDK_KEY_Home, 0, "timeline.move", -2);
  add_binding (widget_class, GDK_KEY_End, 0, "timeline.move", 2);
  add_binding (widget_class, GDK_KEY_Up, 0, "timeline.move-lane", -1);
  add_binding (widget_class, GDK_KEY_Down, 0, "timeline.move-lane", 1);
  add_binding (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.pan", -1);
  add_binding (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.pan", 1);
  add_binding (widget_class, GDK_KEY_Up, GDK_SHIFT_MASK, "timeline.scroll-lanes", -1);
  add_binding (widget_class, GDK_KEY_Down, GDK_SHIFT_MASK, "timeline.scroll-lanes", 1);
  add_binding (widget_class, GDK_KEY_Page_Up, 0, "timeline.scroll-lanes", -5);
  add_binding (widget_class, GDK_KEY_Page_Down, 0, "timeline.scroll-lanes", 5);
}

static void
sp_timeline_view_init (SpTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->selected = G_MAXUINT;
  self->viewport.width = 800;
  self->viewport.height = 600;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), self);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (controller, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  sp_widget_style_watch (GTK_WIDGET (self), G_CALLBACK (gtk_widget_queue_draw));
}

GtkWidget *
sp_timeline_view_new (SpViewState *state)
{
  SpTimelineView *self;

  g_return_val_if_fail (SP_IS_VIEW_STATE (state), NULL);

  self = g_object_new (SP_TYPE_TIMELINE_VIEW, NULL);
  self->state = g_object_ref (state);

  g_signal_connect_swapped (state, "notify::grouping", G_CALLBACK (reload), self);
  g_signal_connect_swapped (state, "notify::filter", G_CALLBACK (reload), self);
  g_signal_connect_swapped (state, "library-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (state, "notify::selection-pk", G_CALLBACK (state_selection_changed), self);
  g_signal_connect_swapped (state, "notify::span-lo", G_CALLBACK (state_span_changed), self);
  g_signal_connect_swapped (state, "notify::span-hi", G_CALLBACK (state_span_changed), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Nothing selected"),
                                  -1);

  return GTK_WIDGET (self);
}
