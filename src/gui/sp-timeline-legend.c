#define G_LOG_DOMAIN "standpoint-timeline-legend"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-timeline-legend.h"
#include "sp-timeline-render.h"
#include "sp-widget-style.h"

/* The key to the timeline's shapes and colours, drawn by the same code as
 * the timeline (and the exported pictures), so the two always agree. */

struct _SpTimelineLegend
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SpTimelineLegend, sp_timeline_legend, GTK_TYPE_WIDGET)

/* The legend wraps, so its height depends on the width it gets. */
static double
legend_height (GtkWidget *widget,
               double     width)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  SpRenderStyle style;
  double height;

  sp_widget_style_fill (widget, &style);
  height = sp_render_timeline_legend (snapshot, &style, gtk_widget_get_pango_context (widget), width);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return height;
}

static GtkSizeRequestMode
sp_timeline_legend_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sp_timeline_legend_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    *minimum = *natural = ceil (legend_height (widget, for_size > 0 ? for_size : 600));
}

static void
sp_timeline_legend_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SpRenderStyle style;

  sp_widget_style_fill (widget, &style);
  sp_render_timeline_legend (snapshot, &style, gtk_widget_get_pango_context (widget),
                             gtk_widget_get_width (widget));
}

static void
sp_timeline_legend_class_init (SpTimelineLegendClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = sp_timeline_legend_get_request_mode;
  widget_class->measure = sp_timeline_legend_measure;
  widget_class->snapshot = sp_timeline_legend_snapshot;

  gtk_widget_class_set_css_name (widget_class, "timeline-legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_timeline_legend_init (SpTimelineLegend *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Legend"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Supports: upward triangle. Opposes: downward triangle. "
                                    "Neutral: hollow circle. Mixed: diamond. Unclear: hatched square. "
                                    "Event: pennant. A bar after a marker: a date known only to the "
                                    "month or year. A pill with a number: that many statements too "
                                    "close to tell apart. Shaded band: a term of office. A tick on a "
                                    "stance track: a change of stance."),
                                  -1);
  sp_widget_style_watch (GTK_WIDGET (self), G_CALLBACK (gtk_widget_queue_draw));
}

GtkWidget *
sp_timeline_legend_new (void)
{
  return g_object_new (SP_TYPE_TIMELINE_LEGEND, NULL);
}
