#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The tallest picture sp_png_save_node() makes, well beyond what viewers
 * show comfortably; cairo limits the width to 32767 pixels. */
#define SP_PNG_MAX_HEIGHT 65535

/* Draws @node over [0, @width) x [0, @height) device pixels with cairo, as
 * the GSK cairo renderer does and without a display, in stripes on all
 * processors, and writes it to @file as a PNG compressed for speed. */
gboolean sp_png_save_node (GskRenderNode  *node,
                           int             width,
                           int             height,
                           GFile          *file,
                           GError        **error);

/* A Pango context for drawing without a widget, as exports do. */
PangoContext *sp_png_create_pango_context (void);

G_END_DECLS
