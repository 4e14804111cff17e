#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <errno.h>
#include <zlib.h>

#include <glib/gi18n.h>

#include "sp-deflate.h"
#include "sp-png.h"

/* gdk_texture_save_to_png_bytes() takes seconds for a tall board: it
 * converts a copy of the whole picture and compresses it at zlib's default
 * level in one stream.  Here the picture is cut into stripes that workers
 * draw with cairo, as the GSK cairo renderer does, each into a small
 * surface of its own, and compress into independent pieces of one deflate
 * stream, as pigz does: the processors share the work, and memory holds a
 * few stripes and the compressed picture, never the whole of it.  The
 * pieces come from sp_deflate_rows(), which finds a board's repeats (flat
 * backgrounds, rows like the one above, letters) several times faster than
 * zlib's fastest level; rows go unfiltered, which that encoder wants. */

#define STRIPE_ROWS 128

typedef struct {
  GskRenderNode *node;
  int            width;
  int            height;
  gboolean       opaque;     /* RGB rows; else RGBA */
  guint          n_stripes;
  GByteArray   **pieces;     /* the compressed stripes, in order */
  guint32       *adlers;     /* the Adler-32 of each stripe's rows */
  gsize         *lengths;    /* the length of each stripe's rows */
  guint          next;       /* the next stripe to take, atomically */
  gint           translucent;  /* an RGB picture met a translucent pixel */
  GMutex         lock;
  char          *failure;    /* the first error, under @lock */
} Job;

static void
job_fail (Job        *job,
          const char *message)
{
  g_mutex_lock (&job->lock);
  if (job->failure == NULL)
    job->failure = g_strdup (message);
  g_mutex_unlock (&job->lock);
}

static gboolean
job_failed (Job *job)
{
  gboolean failed;

  g_mutex_lock (&job->lock);
  failed = job->failure != NULL;
  g_mutex_unlock (&job->lock);

  return failed || g_atomic_int_get (&job->translucent);
}

/* Pixels are cairo's: native-endian 32-bit words of premultiplied ARGB.
 * @row gets the filter type "none", then the pixels.  Returns FALSE when
 * an RGB row meets a pixel that is not opaque. */
static gboolean
filter_row (const guint32 *pixels,
            int            width,
            gboolean       opaque,
            guchar        *row)
{
  guchar *out = row + 1;

  row[0] = 0;  /* none */
  if (opaque)
    {
      for (int x = 0; x < width; x++)
        {
          if (pixels[x] >> 24 != 0xff)
            return FALSE;
          out[0] = pixels[x] >> 16;
          out[1] = pixels[x] >> 8;
          out[2] = pixels[x];
          out += 3;
        }
      return TRUE;
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
      out[0] = r;
      out[1] = g;
      out[2] = b;
      out[3] = a;
      out += 4;
    }

  return TRUE;
}

/* Draws what of @node meets @clip, as gsk_render_node_draw() does: a
 * stripe skips the nodes that lie wholly outside it. */
static void
draw_node (GskRenderNode         *node,
           cairo_t               *cr,
           const graphene_rect_t *clip)
{
  graphene_rect_t bounds;

  gsk_render_node_get_bounds (node, &bounds);
  if (!graphene_rect_intersection (&bounds, clip, NULL))
    return;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        draw_node (gsk_container_node_get_child (node, i), cr, clip);
      return;

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        g_autoptr(GskTransform) inverse = NULL;
        float xx, yx, xy, yy, dx, dy;
        graphene_rect_t child_clip;
        cairo_matrix_t matrix;

        if (gsk_transform_get_category (transform) < GSK_TRANSFORM_CATEGORY_2D ||
            (inverse = gsk_transform_invert (gsk_transform_ref (transform))) == NULL)
          break;

        gsk_transform_to_2d (transform, &xx, &yx, &xy, &yy, &dx, &dy);
        cairo_matrix_init (&matrix, xx, yx, xy, yy, dx, dy);
        gsk_transform_transform_bounds (inverse, clip, &child_clip);
        cairo_save (cr);
        cairo_transform (cr, &matrix);
        draw_node (gsk_transform_node_get_child (node), cr, &child_clip);
        cairo_restore (cr);
      }
      return;

    default:
      break;
    }

  gsk_render_node_draw (node, cr);
}

static gboolean
do_stripe (Job             *job,
           guint            stripe,
           cairo_surface_t *surface,
           guchar          *rows)
{
  int top = stripe * STRIPE_ROWS;
  int n_rows = MIN (STRIPE_ROWS, job->height - top);
  gsize row_length = 1 + (gsize) job->width * (job->opaque ? 3 : 4);
  const guchar *data;
  int stride;
  cairo_t *cr;

  /* The surface is cleared, as a new one is, then the node drawn shifted
   * up by whole pixels: the same pixels as drawing the whole picture. */
  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, 0, -top);
  draw_node (job->node, cr, &GRAPHENE_RECT_INIT (0, top, job->width, n_rows));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < n_rows; y++)
    if (!filter_row ((const guint32 *) (data + (gsize) y * stride), job->width, job->opaque,
                     rows + y * row_length))
      {
        g_atomic_int_set (&job->translucent, TRUE);
        return FALSE;
      }

  job->lengths[stripe] = n_rows * row_length;
  job->adlers[stripe] = adler32 (adler32 (0, NULL, 0), rows, job->lengths[stripe]);
  job->pieces[stripe] = g_byte_array_new ();
  sp_deflate_rows (rows, job->lengths[stripe], row_length, job->opaque ? 3 : 4,
                   stripe + 1 == job->n_stripes, job->pieces[stripe]);

  return TRUE;
}

/* A worker takes stripes in order until none is left or one failed. */
static gpointer
work (gpointer data)
{
  Job *job = data;
  cairo_surface_t *surface;
  g_autofree guchar *rows = NULL;
  guint stripe;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, MIN (STRIPE_ROWS, job->height));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      job_fail (job, cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  rows = g_try_malloc ((gsize) STRIPE_ROWS * (1 + (gsize) job->width * 4));
  if (rows == NULL)
    job_fail (job, g_strerror (ENOMEM));

  while (!job_failed (job) &&
         (stripe = g_atomic_int_add (&job->next, 1)) < job->n_stripes &&
         do_stripe (job, stripe, surface, rows))
    ;

  cairo_surface_destroy (surface);

  return NULL;
}

static void
append_be32 (GByteArray *bytes,
             guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_byte_array_append (bytes, (const guint8 *) &be, 4);
}

/* A chunk: its length, type and data, and the CRC of type and data. */
static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  guint32 crc = crc32 (0, (const Bytef *) type, 4);

  append_be32 (png, length);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    {
      g_byte_array_append (png, data, length);
      crc = crc32 (crc, data, length);
    }
  append_be32 (png, crc);
}

static GByteArray *
assemble (Job *job)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* The zlib stream around the pieces: deflate with a 32 KiB window. */
  static const guint8 zlib_header[] = { 0x78, 0x01 };
  GByteArray *png = g_byte_array_new ();
  g_autoptr(GByteArray) header = g_byte_array_new ();
  g_autoptr(GByteArray) trailer = g_byte_array_new ();
  guint32 adler = adler32 (0, NULL, 0);
  guint8 ihdr_tail[] = { 8, job->opaque ? 2 : 6, 0, 0, 0 };

  g_byte_array_append (png, signature, sizeof signature);

  append_be32 (header, job->width);
  append_be32 (header, job->height);
  g_byte_array_append (header, ihdr_tail, sizeof ihdr_tail);
  append_chunk (png, "IHDR", header->data, header->len);

  append_chunk (png, "IDAT", zlib_header, sizeof zlib_header);
  for (guint i = 0; i < job->n_stripes; i++)
    {
      append_chunk (png, "IDAT", job->pieces[i]->data, job->pieces[i]->len);
      adler = adler32_combine (adler, job->adlers[i], job->lengths[i]);
    }
  append_be32 (trailer, adler);
  append_chunk (png, "IDAT", trailer->data, trailer->len);
  append_chunk (png, "IEND", NULL, 0);

  return png;
}

static void
job_clear (Job *job)
{
  for (guint i = 0; i < job->n_stripes; i++)
    if (job->pieces[i] != NULL)
      g_byte_array_unref (job->pieces[i]);
  g_clear_pointer (&job->pieces, g_free);
  g_clear_pointer (&job->adlers, g_free);
  g_clear_pointer (&job->lengths, g_free);
  g_mutex_clear (&job->lock);
}

/* Encodes the picture with or without alpha; with @opaque, stops at the
 * first pixel that needs it and returns NULL without a failure. */
static GByteArray *
encode (GskRenderNode *node,
        int            width,
        int            height,
        gboolean       opaque,
        char         **failure)
{
  Job job = {
    .node = node,
    .width = width,
    .height = height,
    .opaque = opaque,
    .n_stripes = (height + STRIPE_ROWS - 1) / STRIPE_ROWS,
  };
  guint n_workers = CLAMP (g_get_num_processors (), 1, 8);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  GByteArray *png = NULL;

  g_mutex_init (&job.lock);
  job.pieces = g_new0 (GByteArray *, job.n_stripes);
  job.adlers = g_new0 (guint32, job.n_stripes);
  job.lengths = g_new0 (gsize, job.n_stripes);

  /* Fonts set themselves up on first use, and not for two threads at
   * once: the whole picture is drawn once here, clipped to nothing. */
  if (n_workers > 1 && job.n_stripes > 1)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);

      cairo_rectangle (cr, 0, 0, 0, 0);
      cairo_clip (cr);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  n_workers = MIN (n_workers, job.n_stripes);
  for (guint i = 1; i < n_workers; i++)
    {
      GThread *thread = g_thread_try_new ("sp-png", work, &job, NULL);

      /* Fewer workers only take longer. */
      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  work (&job);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  if (job.failure != NULL)
    *failure = g_steal_pointer (&job.failure);
  else if (!job.translucent)
    png = assemble (&job);

  job_clear (&job);

  return png;
}

static void
set_error (GError     **error,
           const char  *reason)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: %s is the reason cairo gives, in English */
               _("Could not make the PNG picture: %s"), reason);
}

gboolean
sp_png_save_node (GskRenderNode  *node,
                  int             width,
                  int             height,
                  GFile          *file,
                  GError        **error)
{
  g_autoptr(GByteArray) png = NULL;
  g_autofree char *failure = NULL;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (height > SP_PNG_MAX_HEIGHT)
    {
      failure = g_strdup_printf ("%d pixels high, more than %d", height, SP_PNG_MAX_HEIGHT);
      set_error (error, failure);
      return FALSE;
    }

  /* Pictures are opaque but for rare edges, and need no alpha channel. */
  png = encode (node, width, height, TRUE, &failure);
  if (png == NULL && failure == NULL)
    png = encode (node, width, height, FALSE, &failure);
  if (png == NULL)
    {
      set_error (error, failure);
      return FALSE;
    }

  return g_file_replace_contents (file, (const char *) png->data, png->len,
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

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
