#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <zlib.h>

#include <glib/gi18n.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define HAVE_SSSE3_ROWS 1
#endif

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

/* A node drawn whole, and where it lands in the picture. */
typedef struct {
  GskRenderNode  *node;
  cairo_matrix_t  matrix;   /* from the node's coordinates to the picture's */
  graphene_rect_t bounds;   /* in the picture's */
} Item;

typedef struct {
  int            width;
  int            height;
  gboolean       opaque;     /* RGB rows; else RGBA */
  guint          n_stripes;
  GArray        *items;      /* Item, in drawing order */
  GArray       **stripe_items;  /* per stripe, the indices of the items it meets */
  GByteArray   **chunks;     /* the compressed stripes, as IDAT chunks, in order */
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

/* The bounds of @rect under @matrix. */
static void
transform_bounds (const cairo_matrix_t  *matrix,
                  const graphene_rect_t *rect,
                  graphene_rect_t       *bounds)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  for (guint corner = 0; corner < 4; corner++)
    {
      double x = rect->origin.x + (corner & 1 ? rect->size.width : 0);
      double y = rect->origin.y + (corner & 2 ? rect->size.height : 0);

      cairo_matrix_transform_point (matrix, &x, &y);
      x1 = MIN (x1, x);
      y1 = MIN (y1, y);
      x2 = MAX (x2, x);
      y2 = MAX (y2, y);
    }

  graphene_rect_init (bounds, x1, y1, x2 - x1, y2 - y1);
}

/* Lists the nodes under @node that draw in the picture, going into
 * containers and 2D transforms, and files each under the stripes it
 * meets, so that a stripe visits its own nodes rather than the whole
 * tree. */
static void
collect_items (Job                  *job,
               GskRenderNode        *node,
               const cairo_matrix_t *matrix)
{
  Item item = { node, *matrix, };
  graphene_rect_t bounds;
  guint index;
  int top;
  int bottom;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_items (job, gsk_container_node_get_child (node, i), matrix);
      return;

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float xx, yx, xy, yy, dx, dy;
        cairo_matrix_t local;
        cairo_matrix_t inverse;

        if (gsk_transform_get_category (transform) < GSK_TRANSFORM_CATEGORY_2D)
          break;

        gsk_transform_to_2d (transform, &xx, &yx, &xy, &yy, &dx, &dy);
        cairo_matrix_init (&local, xx, yx, xy, yy, dx, dy);
        cairo_matrix_multiply (&item.matrix, &local, matrix);
        /* A transform that flattens draws nothing, and cairo refuses it. */
        inverse = item.matrix;
        if (cairo_matrix_invert (&inverse) == CAIRO_STATUS_SUCCESS)
          collect_items (job, gsk_transform_node_get_child (node), &item.matrix);
      }
      return;

    default:
      break;
    }

  gsk_render_node_get_bounds (node, &bounds);
  transform_bounds (matrix, &bounds, &item.bounds);
  top = MAX (floor (item.bounds.origin.y), 0);
  bottom = MIN (ceil (item.bounds.origin.y + item.bounds.size.height), job->height);
  if (top >= bottom ||
      item.bounds.origin.x >= job->width || item.bounds.origin.x + item.bounds.size.width <= 0)
    return;

  index = job->items->len;
  g_array_append_val (job->items, item);
  for (int stripe = top / STRIPE_ROWS; stripe <= (bottom - 1) / STRIPE_ROWS; stripe++)
    g_array_append_val (job->stripe_items[stripe], index);
}

/* Whether @item paints all of [0, width) x [@top, @bottom) an opaque
 * colour, so that what was there before does not show. */
static gboolean
item_covers (const Job  *job,
             const Item *item,
             int         top,
             int         bottom)
{
  const graphene_rect_t *bounds = &item->bounds;

  return gsk_render_node_get_node_type (item->node) == GSK_COLOR_NODE &&
         gsk_color_node_get_color (item->node)->alpha >= 1.0f &&
         item->matrix.xy == 0.0 && item->matrix.yx == 0.0 &&
         bounds->origin.x <= 0 && bounds->origin.x + bounds->size.width >= job->width &&
         bounds->origin.y <= top && bounds->origin.y + bounds->size.height >= bottom;
}

#ifdef HAVE_SSSE3_ROWS
/* Four pixels at a time, their bytes B G R A in memory as this processor
 * keeps cairo's words, shuffled to R G B; each store writes four bytes
 * beyond the twelve, which the next overwrites.  Returns FALSE when a
 * pixel is not opaque. */
__attribute__ ((target ("ssse3")))
static gboolean
filter_rgb_ssse3 (const guint32 *pixels,
                  int            width,
                  guchar        *out)
{
  const __m128i order = _mm_setr_epi8 (2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m128i ones = _mm_set1_epi32 (-1);
  __m128i all = ones;
  guint32 rest = 0xffffffff;
  int x = 0;

  for (; x + 4 <= width; x += 4)
    {
      __m128i four = _mm_loadu_si128 ((const __m128i *) (pixels + x));

      all = _mm_and_si128 (all, four);
      _mm_storeu_si128 ((__m128i *) out, _mm_shuffle_epi8 (four, order));
      out += 12;
    }
  for (; x < width; x++)
    {
      rest &= pixels[x];
      memcpy (out, (guint8[]) { pixels[x] >> 16, pixels[x] >> 8, pixels[x] }, 3);
      out += 3;
    }

  /* Every alpha byte is the top byte of a word. */
  return (_mm_movemask_epi8 (_mm_cmpeq_epi8 (all, ones)) & 0x8888) == 0x8888 && rest >> 24 == 0xff;
}
#endif

/* One pixel at a time: red, green, blue and a byte to spare in memory
 * order, whatever the byte order. */
static gboolean
filter_rgb (const guint32 *pixels,
            int            width,
            guchar        *out)
{
  guint32 all = 0xffffffff;

  for (int x = 0; x < width; x++)
    {
      guint32 rgb = GUINT32_TO_BE (pixels[x] << 8);

      all &= pixels[x];
      memcpy (out, &rgb, 4);
      out += 3;
    }

  return all >> 24 == 0xff;
}

/* Pixels are cairo's: native-endian 32-bit words of premultiplied ARGB.
 * @row gets the filter type "none", then the pixels.  Returns FALSE when
 * an RGB row meets a pixel that is not opaque.  RGB pixels are written a
 * few bytes too wide, so @row needs 4 bytes to spare after it. */
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
#ifdef HAVE_SSSE3_ROWS
      static gsize ssse3;

      if (g_once_init_enter (&ssse3))
        g_once_init_leave (&ssse3, __builtin_cpu_supports ("ssse3") ? 2 : 1);
      if (ssse3 == 2)
        return filter_rgb_ssse3 (pixels, width, out);
#endif
      return filter_rgb (pixels, width, out);
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

static void
put_be32 (guint8  *out,
          guint32  value)
{
  guint32 be = GUINT32_TO_BE (value);

  memcpy (out, &be, 4);
}

/* A chunk: its length, type and data, and the CRC of type and data.  The
 * data is already in @chunk, after 8 bytes left for length and type. */
static void
finish_chunk (GByteArray *chunk,
              const char *type)
{
  guint8 crc[4];

  put_be32 (chunk->data, chunk->len - 8);
  memcpy (chunk->data + 4, type, 4);
  put_be32 (crc, crc32 (0, chunk->data + 4, chunk->len - 4));
  g_byte_array_append (chunk, crc, 4);
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  g_autoptr(GByteArray) chunk = g_byte_array_sized_new (length + 12);

  g_byte_array_set_size (chunk, 8);
  g_byte_array_append (chunk, data, length);
  finish_chunk (chunk, type);
  g_byte_array_append (png, chunk->data, chunk->len);
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
  GArray *indices = job->stripe_items[stripe];
  guint32 adler = 1;
  const guchar *data;
  int stride;
  cairo_t *cr;

  /* The surface is cleared, as a new one is, unless a colour covers it;
   * the items are drawn shifted up by whole pixels, the same pixels as
   * drawing the whole picture. */
  cr = cairo_create (surface);
  if (indices->len == 0 ||
      !item_covers (job, &g_array_index (job->items, Item, g_array_index (indices, guint, 0)),
                    top, top + n_rows))
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }
  for (guint i = 0; i < indices->len; i++)
    {
      const Item *item = &g_array_index (job->items, Item, g_array_index (indices, guint, i));
      cairo_matrix_t matrix = item->matrix;

      matrix.y0 -= top;
      cairo_set_matrix (cr, &matrix);
      gsk_render_node_draw (item->node, cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Each row is summed while it is still in the cache. */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < n_rows; y++)
    {
      guchar *row = rows + y * row_length;

      if (!filter_row ((const guint32 *) (data + (gsize) y * stride), job->width, job->opaque, row))
        {
          g_atomic_int_set (&job->translucent, TRUE);
          return FALSE;
        }
      adler = sp_adler32 (adler, row, row_length);
    }

  job->lengths[stripe] = n_rows * row_length;
  job->adlers[stripe] = adler;
  job->chunks[stripe] = g_byte_array_new ();
  g_byte_array_set_size (job->chunks[stripe], 8);
  sp_deflate_rows (rows, job->lengths[stripe], row_length, job->opaque ? 3 : 4,
                   stripe + 1 == job->n_stripes, job->chunks[stripe]);
  finish_chunk (job->chunks[stripe], "IDAT");

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
  /* RGBA rows, or RGB ones and bytes to spare. */
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
job_clear (Job *job)
{
  for (guint i = 0; i < job->n_stripes; i++)
    {
      g_array_unref (job->stripe_items[i]);
      if (job->chunks[i] != NULL)
        g_byte_array_unref (job->chunks[i]);
    }
  g_clear_pointer (&job->stripe_items, g_free);
  g_clear_pointer (&job->chunks, g_free);
  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->adlers, g_free);
  g_clear_pointer (&job->lengths, g_free);
  g_mutex_clear (&job->lock);
}

/* Draws and compresses the picture with or without alpha into @job;
 * with @opaque, stops at the first pixel that needs it and returns FALSE
 * without a failure. */
static gboolean
encode (Job           *job,
        GskRenderNode *node,
        int            width,
        int            height,
        gboolean       opaque,
        char         **failure)
{
  guint n_workers = CLAMP (g_get_num_processors (), 1, 8);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  cairo_matrix_t identity;

  *job = (Job) {
    .width = width,
    .height = height,
    .opaque = opaque,
    .n_stripes = (height + STRIPE_ROWS - 1) / STRIPE_ROWS,
  };
  g_mutex_init (&job->lock);
  job->items = g_array_new (FALSE, FALSE, sizeof (Item));
  job->stripe_items = g_new (GArray *, job->n_stripes);
  for (guint i = 0; i < job->n_stripes; i++)
    job->stripe_items[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  job->chunks = g_new0 (GByteArray *, job->n_stripes);
  job->adlers = g_new0 (guint32, job->n_stripes);
  job->lengths = g_new0 (gsize, job->n_stripes);

  cairo_matrix_init_identity (&identity);
  collect_items (job, node, &identity);

  /* Fonts set themselves up on first use, and not for two threads at
   * once: the whole picture is drawn once here, clipped to nothing. */
  if (n_workers > 1 && job->n_stripes > 1)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);

      cairo_rectangle (cr, 0, 0, 0, 0);
      cairo_clip (cr);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  n_workers = MIN (n_workers, job->n_stripes);
  for (guint i = 1; i < n_workers; i++)
    {
      GThread *thread = g_thread_try_new ("sp-png", work, job, NULL);

      /* Fewer workers only take longer. */
      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  work (job);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  if (job->failure != NULL)
    {
      *failure = g_steal_pointer (&job->failure);
      return FALSE;
    }

  return !job->translucent;
}

/* Writes the PNG file: header, the stripes' chunks between the start and
 * the end of the zlib stream, and the end. */
static gboolean
write_png (Job      *job,
           GFile    *file,
           GError  **error)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* The zlib stream around the pieces: deflate with a 32 KiB window. */
  static const guint8 zlib_header[] = { 0x78, 0x01 };
  g_autoptr(GByteArray) head = g_byte_array_new ();
  g_autoptr(GByteArray) tail = g_byte_array_new ();
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree GOutputVector *vectors = g_new (GOutputVector, job->n_stripes + 2);
  guint8 ihdr[13];
  guint8 trailer[4];
  guint32 adler = 1;
  gboolean existed;

  g_byte_array_append (head, signature, sizeof signature);
  put_be32 (ihdr, job->width);
  put_be32 (ihdr + 4, job->height);
  memcpy (ihdr + 8, (guint8[]) { 8, job->opaque ? 2 : 6, 0, 0, 0 }, 5);
  append_chunk (head, "IHDR", ihdr, sizeof ihdr);
  append_chunk (head, "IDAT", zlib_header, sizeof zlib_header);

  for (guint i = 0; i < job->n_stripes; i++)
    adler = adler32_combine (adler, job->adlers[i], job->lengths[i]);
  put_be32 (trailer, adler);
  append_chunk (tail, "IDAT", trailer, sizeof trailer);
  append_chunk (tail, "IEND", NULL, 0);

  vectors[0] = (GOutputVector) { head->data, head->len };
  for (guint i = 0; i < job->n_stripes; i++)
    vectors[i + 1] = (GOutputVector) { job->chunks[i]->data, job->chunks[i]->len };
  vectors[job->n_stripes + 1] = (GOutputVector) { tail->data, tail->len };

  existed = g_file_query_exists (file, NULL);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (g_output_stream_writev_all (G_OUTPUT_STREAM (stream), vectors, job->n_stripes + 2,
                                  NULL, NULL, error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    return TRUE;

  /* A half-written file must not stay: a replaced one is kept as it was,
   * a new one is removed. */
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
  if (!existed)
    g_file_delete (file, NULL, NULL);

  return FALSE;
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
  g_autofree char *failure = NULL;
  Job job;
  gboolean encoded;
  gboolean written;

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
  encoded = encode (&job, node, width, height, TRUE, &failure);
  if (!encoded && failure == NULL)
    {
      job_clear (&job);
      encoded = encode (&job, node, width, height, FALSE, &failure);
    }
  if (!encoded)
    {
      job_clear (&job);
      set_error (error, failure);
      return FALSE;
    }

  written = write_png (&job, file, error);
  job_clear (&job);

  return written;
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
