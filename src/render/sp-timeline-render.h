#pragma once

#include <gtk/gtk.h>

#include "sp-timeline-layout.h"

G_BEGIN_DECLS

/* Colours and fonts the drawing uses; the widget fills it from the style
 * (light, dark, high contrast), the exporter from fixed values. */
typedef struct {
  GdkRGBA   foreground;
  GdkRGBA   background;
  GdkRGBA   dim;           /* grid lines, secondary text */
  GdkRGBA   accent;        /* selection, focus, today */
  gboolean  dark;
  gboolean  high_contrast;
  double    scale;         /* device pixels per logical pixel */
} SpRenderStyle;

void sp_render_style_init_light (SpRenderStyle *style);
void sp_render_style_init_dark (SpRenderStyle *style);
void sp_render_style_set_high_contrast (SpRenderStyle *style);

/* Stance colours readable on @style's background; each stance also has
 * its own marker shape, so colour never carries the meaning alone. */
void sp_render_stance_color (const SpRenderStyle *style,
                             SpStance             stance,
                             GdkRGBA             *color);
/* Appends a stance marker of @size centred on (@x, @y). */
void sp_render_stance_marker (GtkSnapshot         *snapshot,
                              const SpRenderStyle *style,
                              SpStance             stance,
                              double               x,
                              double               y,
                              double               size);

/* Text for other drawings, shaped once and kept with @pango like the
 * timeline's own: Pango @markup in the context's font and @color, wrapped
 * at @wrap_width (on one line when it is < 0).  Returns a new reference to
 * its node, or NULL when there is nothing to draw, and sets @size. */
GskRenderNode *sp_render_markup (PangoContext    *pango,
                                 const char      *markup,
                                 double           wrap_width,
                                 const GdkRGBA   *color,
                                 graphene_size_t *size);

/* Draws the whole timeline of @layout: axis with ticks and "today",
 * lane labels, office bands, stance tracks with shift markers, marks and
 * clusters with counts, and the selection (item index or G_MAXUINT). */
void sp_render_timeline (GtkSnapshot            *snapshot,
                         const SpTimelineLayout *layout,
                         const SpRenderStyle    *style,
                         PangoContext           *pango,
                         guint                   selected,
                         guint                   focused);
/* Draws the legend (stance words with their markers, cluster, office band,
 * shift) in a row of the given width; returns its height. */
double sp_render_timeline_legend (GtkSnapshot         *snapshot,
                                  const SpRenderStyle *style,
                                  PangoContext        *pango,
                                  double               width);

G_END_DECLS
