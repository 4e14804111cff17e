#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <string.h>
#include <png.h>
#include <zlib.h>

#include <glib/gi18n.h>

#include "sp-png.h"

/* gdk_texture_save_to_png_bytes() takes seconds for a tall board: it
 * converts a copy of the pixels and compresses at zlib's default level.
 * Here cairo draws the node as the GSK cairo renderer does, to the same
 * pixels, and libpng writes them at the fastest level without filtering,
 * which on a board's flat backgrounds also makes smaller files than the
 * "sub" or "up" filter at that level. */

typedef struct {
  GByteArray *bytes;
  char       *message;
} Output;

static void
write_bytes (png_structp png,
             png_bytep   data,
             png_size_t  length)
{
  Output *output = png_get_io_ptr (png);

  g_byte_array_append (output->bytes, data, length);
}

static void
flush_bytes (png_structp png)
{
}

static void
fail (png_structp     png,
      png_const_charp message)
{
  Output *output = png_get_error_ptr (png);

  output->message = g_strdup (message);
  png_longjmp (png, 1);
}

static void
warn (png_structp     png,
      png_const_charp message)
{
  g_debug ("libpng: %s", message);
}

/* Pixels are cairo's: native-endian 32-bit words of premultiplied ARGB. */
static gboolean
is_opaque (const guint32 *pixels,
           int            width)
{
  guint32 alpha = 0xff000000;

  for (int x = 0; x < width; x++)
    alpha &= pixels[x];

  return alpha == 0xff000000;
}

static void
convert_row (const guint32 *pixels,
             int            width,
             gboolean       opaque,
             guchar        *row)
{
  /* Each store puts a pixel's red, green and blue in place, and a zero
   * that the next one overwrites: @row has room for it. */
  if (opaque)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 rgb = GUINT32_TO_BE (pixels[x] << 8);

          memcpy (row + 3 * x, &rgb, 4);
        }
      return;
    }

  for (int x = 0; x < width; x++)
    {
      guint a = pixels[x] >> 24;
      guint r = (pixels[x] >> 16) & 0xff;
      guint g = (pixels[x] >> 8) & 0xff;
      guint b = pixels[x] & 0xff;

      if (a != 0 && a != 0xff)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      row[4 * x] = r;
      row[4 * x + 1] = g;
      row[4 * x + 2] = b;
      row[4 * x + 3] = a;
    }
}

static void
set_error (GError     **error,
           const char  *reason)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: %s is the reason cairo or libpng gives, in English */
               _("Could not make the PNG picture: %s"), reason);
}

typedef enum {
  ENCODED,
  TRANSLUCENT,
  FAILED,
} Outcome;

/* With @opaque, writes no alpha channel and gives up at the first row
 * that needs one.  Everything libpng may jump out of stays in this frame,
 * and nothing here changes after setjmp(). */
static Outcome
encode (cairo_surface_t *surface,
        gboolean         opaque,
        guchar          *row,
        Output          *output)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  png_structp png;
  png_infop info;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, output, fail, warn);
  if (png == NULL)
    return FAILED;
  info = png_create_info_struct (png);
  if (info == NULL || setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      return FAILED;
    }

  png_set_write_fn (png, output, write_bytes, flush_bytes);
  png_set_compression_level (png, Z_BEST_SPEED);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, width, height, 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);

  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);

      if (opaque && !is_opaque (pixels, width))
        {
          png_destroy_write_struct (&png, &info);
          return TRANSLUCENT;
        }
      convert_row (pixels, width, opaque, row);
      png_write_row (png, row);
    }

  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  return ENCODED;
}

gboolean
sp_png_save_node (GskRenderNode  *node,
                  int             width,
                  int             height,
                  GFile          *file,
                  GError        **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree guchar *row = NULL;
  g_autofree char *message = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  Output output;
  Outcome outcome;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      set_error (error, cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Pictures are opaque but for rare edges, and need no alpha channel. */
  row = g_malloc ((gsize) width * 4);
  bytes = g_byte_array_new ();
  output = (Output) { bytes, NULL };
  outcome = encode (surface, TRUE, row, &output);
  if (outcome == TRANSLUCENT)
    {
      g_byte_array_set_size (bytes, 0);
      outcome = encode (surface, FALSE, row, &output);
    }
  cairo_surface_destroy (surface);
  if (outcome == FAILED)
    {
      message = output.message;
      set_error (error, message != NULL ? message : g_strerror (ENOMEM));
      return FALSE;
    }

  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len,
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/* Exports look the same on every machine: a fixed font, greyscale
 * antialiasing, no hinting. */
PangoContext *
sp_png_create_pango_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("DejaVu Sans 9");
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  pango_context_set_font_description (context, font);

  /* Pictures follow the interface's direction: the window's, or the
   * locale's where GTK has no display. */
  if ((gtk_is_initialized () ? gtk_widget_get_default_direction () : gtk_get_locale_direction ()) == GTK_TEXT_DIR_RTL)
    pango_context_set_base_dir (context, PANGO_DIRECTION_RTL);

  return context;
}
