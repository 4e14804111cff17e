#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <math.h>

#include "sp-png.h"
#include "sp-timeline-export.h"
#include "sp-timeline-render.h"

#define MARGIN 16.0
#define TITLE_GAP 10.0

gboolean
sp_export_timeline_png (SpTimelineIndex   *index,
                        const SpViewport  *viewport,
                        const char        *title,
                        int                scale,
                        GFile             *file,
                        GError           **error)
{
  PangoContext *pango;
  g_autoptr(SpTimelineLayout) layout = NULL;
  g_autoptr(GtkSnapshot) legend_snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) legend = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(PangoFontDescription) title_font = pango_font_description_from_string ("DejaVu Sans Bold 13");
  GtkSnapshot *snapshot;
  SpRenderStyle style;
  SpViewport view;
  PangoRectangle extents;
  double legend_height, title_height, width, height;

  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (index), FALSE);
  g_return_val_if_fail (viewport != NULL && viewport->hi > viewport->lo, FALSE);
  g_return_val_if_fail (scale == 1 || scale == 2, FALSE);

  /* No empty space under the last lane. */
  view = *viewport;
  view.height = MIN (view.height,
                     SP_TIMELINE_AXIS_HEIGHT + sp_timeline_layout_get_content_height (index) - view.scroll_y);
  view.height = MAX (view.height, SP_TIMELINE_AXIS_HEIGHT + SP_TIMELINE_LANE_HEADER);
  viewport = &view;

  pango = sp_png_create_pango_context ();
  sp_render_style_init_light (&style);
  style.scale = scale;
  width = viewport->width + 2 * MARGIN;

  heading = pango_layout_new (pango);
  pango_layout_set_text (heading, title, -1);
  pango_layout_set_width (heading, viewport->width * PANGO_SCALE);
  pango_layout_set_wrap (heading, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_font_description (heading, title_font);
  pango_layout_get_pixel_extents (heading, NULL, &extents);
  title_height = extents.height;

  legend_height = sp_render_timeline_legend (legend_snapshot, &style, pango, viewport->width);
  legend = gtk_snapshot_free_to_node (g_steal_pointer (&legend_snapshot));

  height = MARGIN + title_height + TITLE_GAP + viewport->height + TITLE_GAP + legend_height + MARGIN;

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_append_color (snapshot, &style.background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, MARGIN));
  gtk_snapshot_append_layout (snapshot, heading, &style.foreground);
  gtk_snapshot_restore (snapshot);

  layout = sp_timeline_layout_new (index, viewport);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, MARGIN + title_height + TITLE_GAP));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, viewport->width, viewport->height));
  sp_render_timeline (snapshot, layout, &style, pango, G_MAXUINT, G_MAXUINT);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);

  if (legend != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (MARGIN, height - MARGIN - legend_height));
      gtk_snapshot_append_node (snapshot, legend);
      gtk_snapshot_restore (snapshot);
    }

  node = gtk_snapshot_free_to_node (snapshot);
  g_object_unref (pango);

  return sp_png_save_node (node, ceil (width * scale), ceil (height * scale), file, error);
}
