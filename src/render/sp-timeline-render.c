#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sp-timeline-render.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }

/* Okabe–Ito hues, darkened on light and lightened on dark backgrounds until
 * each has a contrast of at least 4:1 against the background. */
static const GdkRGBA light_stances[] = {
  RGB (0x6e6e6e),  /* no stance */
  RGB (0x008a65),  /* support: bluish green */
  RGB (0xc85200),  /* oppose: vermillion */
  RGB (0x0072b2),  /* neutral: blue */
  RGB (0xb0467f),  /* mixed: reddish purple */
  RGB (0x6b6b6b),  /* unclear: grey */
};

static const GdkRGBA dark_stances[] = {
  RGB (0xa0a0a0),
  RGB (0x2fc796),
  RGB (0xff8a3d),
  RGB (0x56b4e9),
  RGB (0xe08cc0),
  RGB (0xa8a8a8),
};

/* The same hues for the high-contrast style, at 7:1 or more. */
static const GdkRGBA light_high_contrast_stances[] = {
  RGB (0x404040),
  RGB (0x005c43),
  RGB (0x8f3a00),
  RGB (0x00507d),
  RGB (0x7d2f5a),
  RGB (0x404040),
};

static const GdkRGBA dark_high_contrast_stances[] = {
  RGB (0xd0d0d0),
  RGB (0x6ee6bd),
  RGB (0xffb07a),
  RGB (0x9ad2f5),
  RGB (0xf2b8dc),
  RGB (0xd0d0d0),
};

/* Marker shapes: one per stance, and one for events. */
typedef enum {
  SHAPE_EVENT,
  SHAPE_TRIANGLE_UP,
  SHAPE_TRIANGLE_DOWN,
  SHAPE_CIRCLE,
  SHAPE_DIAMOND,
  SHAPE_HATCHED_SQUARE,
} Shape;

typedef struct {
  double  x;
  double  y;
  double  size;
  Shape   shape;
  GdkRGBA color;
} Marker;

typedef enum {
  FONT_LABEL,   /* lane names */
  FONT_SMALL,   /* axis labels, legend */
  FONT_BOLD,    /* major axis labels */
  FONT_TINY,    /* track names, office titles */
  FONT_COUNT,   /* cluster counts */
  FONT_MARKUP,  /* other drawings' Pango markup, wrapped rather than ellipsized */
  N_FONTS,
} Font;

/* A piece of text shaped and turned into nodes once, drawn many times. */
typedef struct {
  GskRenderNode *node;   /* NULL when there is nothing to draw */
  double         width;
  double         height;
} Text;

/* Shaping text is the dearest part of drawing, and the same names, dates
 * and counts come back frame after frame: their nodes are kept with the
 * PangoContext until it changes. */
typedef struct {
  guint       serial;
  GHashTable *texts;     /* TextKey -> Text */
} TextCache;

typedef struct {
  guint32     font_width;  /* the font in the low byte, the width above */
  guint32     color;
  const char *text;        /* owned by keys in the table */
} TextKey;

#define MAX_CACHED_TEXTS 4096

typedef struct {
  GtkSnapshot         *snapshot;
  const SpRenderStyle *style;
  PangoContext        *pango;
  TextCache           *cache;
  PangoLayout         *layouts[N_FONTS];  /* made on the first cache miss */
} Painter;

void
sp_render_style_init_light (SpRenderStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (SpRenderStyle) {
    .foreground = RGB (0x2e2e2e),
    .background = RGB (0xffffff),
    .dim = RGB (0x6e6e6e),
    .accent = RGB (0x1c71d8),
    .dark = FALSE,
    .scale = 1.0,
  };
}

void
sp_render_style_init_dark (SpRenderStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (SpRenderStyle) {
    .foreground = RGB (0xffffff),
    .background = RGB (0x1e1e1e),
    .dim = RGB (0xa0a0a0),
    .accent = RGB (0x78aeed),
    .dark = TRUE,
    .scale = 1.0,
  };
}

/**
 * sp_render_style_set_high_contrast:
 * @style: a light or dark style
 *
 * Turns @style into its high-contrast variant: secondary text and stance
 * colours reach 7:1 against the background.
 */
void
sp_render_style_set_high_contrast (SpRenderStyle *style)
{
  g_return_if_fail (style != NULL);

  style->high_contrast = TRUE;
  style->dim = style->dark ? (GdkRGBA) RGB (0xd0d0d0) : (GdkRGBA) RGB (0x404040);
}

void
sp_render_stance_color (const SpRenderStyle *style,
                        SpStance             stance,
                        GdkRGBA             *color)
{
  const GdkRGBA *palette;

  g_return_if_fail (style != NULL);
  g_return_if_fail (color != NULL);

  if (style->high_contrast)
    palette = style->dark ? dark_high_contrast_stances : light_high_contrast_stances;
  else
    palette = style->dark ? dark_stances : light_stances;
  *color = palette[stance >= SP_STANCE_SUPPORT && stance <= SP_STANCE_UNCLEAR ? stance : 0];
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          t)
{
  return (GdkRGBA) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

/* Device pixels: lines and edges land on them and stay crisp. */
static double
snap (const SpRenderStyle *style,
      double               value)
{
  double scale = style->scale > 0.0 ? style->scale : 1.0;

  return round (value * scale) / scale;
}

static void
fill_rect (GtkSnapshot   *snapshot,
           const GdkRGBA *color,
           double         x,
           double         y,
           double         width,
           double         height)
{
  graphene_rect_t rect;

  if (width <= 0.0 || height <= 0.0)
    return;

  graphene_rect_init (&rect, x, y, width, height);
  gtk_snapshot_append_color (snapshot, color, &rect);
}

/* A rectangle whose edges are on device pixels. */
static void
fill_snapped (GtkSnapshot         *snapshot,
              const SpRenderStyle *style,
              const GdkRGBA       *color,
              double               x,
              double               y,
              double               width,
              double               height)
{
  double x1 = snap (style, x);
  double y1 = snap (style, y);

  fill_rect (snapshot, color, x1, y1, snap (style, x + width) - x1, snap (style, y + height) - y1);
}

static void
vertical_line (GtkSnapshot         *snapshot,
               const SpRenderStyle *style,
               const GdkRGBA       *color,
               double               x,
               double               y,
               double               height)
{
  fill_rect (snapshot, color, snap (style, x - 0.5), y, 1.0, height);
}

static void
horizontal_line (GtkSnapshot         *snapshot,
                 const SpRenderStyle *style,
                 const GdkRGBA       *color,
                 double               x,
                 double               y,
                 double               width)
{
  fill_rect (snapshot, color, x, snap (style, y - 0.5), width, 1.0);
}

static void
ring (GtkSnapshot           *snapshot,
      const graphene_rect_t *rect,
      double                 radius,
      double                 width,
      const GdkRGBA         *color)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
fill_rounded (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              double                 radius,
              const GdkRGBA         *color)
{
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

/* Shapes */

static void
marker_path (cairo_t *cr,
             Shape    shape,
             double   x,
             double   y,
             double   size)
{
  double r = size / 2.0;

  switch (shape)
    {
    case SHAPE_TRIANGLE_UP:
      cairo_move_to (cr, x, y - 1.1 * r);
      cairo_line_to (cr, x + 1.1 * r, y + 0.8 * r);
      cairo_line_to (cr, x - 1.1 * r, y + 0.8 * r);
      cairo_close_path (cr);
      break;

    case SHAPE_TRIANGLE_DOWN:
      cairo_move_to (cr, x, y + 1.1 * r);
      cairo_line_to (cr, x + 1.1 * r, y - 0.8 * r);
      cairo_line_to (cr, x - 1.1 * r, y - 0.8 * r);
      cairo_close_path (cr);
      break;

    case SHAPE_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 0.9 * r, 0.0, 2.0 * G_PI);
      break;

    case SHAPE_DIAMOND:
      cairo_move_to (cr, x, y - 1.1 * r);
      cairo_line_to (cr, x + 0.9 * r, y);
      cairo_line_to (cr, x, y + 1.1 * r);
      cairo_line_to (cr, x - 0.9 * r, y);
      cairo_close_path (cr);
      break;

    case SHAPE_HATCHED_SQUARE:
      cairo_rectangle (cr, x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r);
      break;

    case SHAPE_EVENT:
      /* A pennant on a staff. */
      cairo_move_to (cr, x - 0.7 * r, y + 1.1 * r);
      cairo_line_to (cr, x - 0.7 * r, y - 1.1 * r);
      cairo_line_to (cr, x + 0.9 * r, y - 0.55 * r);
      cairo_line_to (cr, x - 0.2 * r, y);
      cairo_line_to (cr, x - 0.2 * r, y + 1.1 * r);
      cairo_close_path (cr);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Each marker gets a halo of the background, so that it stands out from
 * bands, bars and neighbours. */
static void
draw_marker (cairo_t       *cr,
             const GdkRGBA *background,
             const Marker  *marker)
{
  double r = marker->size / 2.0;

  marker_path (cr, marker->shape, marker->x, marker->y, marker->size);
  gdk_cairo_set_source_rgba (cr, background);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke_preserve (cr);

  switch (marker->shape)
    {
    case SHAPE_CIRCLE:
      cairo_fill (cr);
      cairo_arc (cr, marker->x, marker->y, 0.9 * r - 1.0, 0.0, 2.0 * G_PI);
      gdk_cairo_set_source_rgba (cr, &marker->color);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      break;

    case SHAPE_HATCHED_SQUARE:
      cairo_fill (cr);
      cairo_save (cr);
      marker_path (cr, marker->shape, marker->x, marker->y, marker->size);
      cairo_clip (cr);
      gdk_cairo_set_source_rgba (cr, &marker->color);
      cairo_set_line_width (cr, 1.5);
      for (double d = -1.6 * r; d <= 1.6 * r; d += 0.8 * r)
        {
          cairo_move_to (cr, marker->x + d - r, marker->y + r);
          cairo_line_to (cr, marker->x + d + r, marker->y - r);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
      marker_path (cr, marker->shape, marker->x, marker->y, marker->size);
      gdk_cairo_set_source_rgba (cr, &marker->color);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;

    default:
      gdk_cairo_set_source_rgba (cr, &marker->color);
      cairo_fill (cr);
      break;
    }
}

/* Each kind of marker is drawn once into a texture at the device scale,
 * then placed on device pixels wherever it appears: a texture node is far
 * cheaper to build and to render than a path. */
#define MAX_MARKER_TEXTURES 512

typedef struct {
  guint32 color;
  guint32 background;
  guint16 size;         /* in 1/16 pixels */
  guint8  scale;        /* in 1/8 */
  guint8  shape;
} MarkerKey;

static guint32
pack_color (const GdkRGBA *color)
{
  return (guint32)(CLAMP (color->red, 0.f, 1.f) * 255.f + 0.5f) << 24
         | (guint32)(CLAMP (color->green, 0.f, 1.f) * 255.f + 0.5f) << 16
         | (guint32)(CLAMP (color->blue, 0.f, 1.f) * 255.f + 0.5f) << 8
         | (guint32)(CLAMP (color->alpha, 0.f, 1.f) * 255.f + 0.5f);
}

static guint
marker_key_hash (gconstpointer data)
{
  const MarkerKey *key = data;

  return key->color * 31u ^ key->background * 17u ^ (guint)key->size << 16 ^ (guint)key->scale << 8 ^ key->shape;
}

static gboolean
marker_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const MarkerKey *x = a;
  const MarkerKey *y = b;

  return x->color == y->color && x->background == y->background &&
         x->size == y->size && x->scale == y->scale && x->shape == y->shape;
}

static GdkTexture *
marker_texture (const SpRenderStyle *style,
                const Marker        *marker)
{
  static GHashTable *textures;
  double scale = style->scale > 0.0 ? style->scale : 1.0;
  MarkerKey key = {
    pack_color (&marker->color), pack_color (&style->background),
    (guint16)(marker->size * 16.0), (guint8)(scale * 8.0), marker->shape,
  };
  GdkTexture *texture;
  cairo_surface_t *surface;
  cairo_t *cr;
  Marker centred = *marker;
  g_autoptr(GBytes) bytes = NULL;
  int side;

  if (textures == NULL)
    textures = g_hash_table_new_full (marker_key_hash, marker_key_equal, g_free, g_object_unref);
  texture = g_hash_table_lookup (textures, &key);
  if (texture != NULL)
    return texture;
  if (g_hash_table_size (textures) > MAX_MARKER_TEXTURES)
    g_hash_table_remove_all (textures);

  /* An even number of pixels, so that the centre falls between them. */
  side = 2 * (int)ceil ((marker->size * 0.6 + 2.0) * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  centred.x = side / scale / 2.0;
  centred.y = centred.x;
  draw_marker (cr, &style->background, &centred);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is GDK's default memory format. */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize)cairo_image_surface_get_stride (surface) * side);
  texture = gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  g_hash_table_insert (textures, g_memdup2 (&key, sizeof key), texture);

  return texture;
}

/* Markers are drawn after what they sit on, lane by lane. */
static void
draw_markers (GtkSnapshot         *snapshot,
              const SpRenderStyle *style,
              GArray              *markers)
{
  double scale = style->scale > 0.0 ? style->scale : 1.0;

  for (guint i = 0; i < markers->len; i++)
    {
      const Marker *marker = &g_array_index (markers, Marker, i);
      GdkTexture *texture = marker_texture (style, marker);
      double extent = gdk_texture_get_width (texture) / scale / 2.0;
      double x = snap (style, marker->x);
      double y = snap (style, marker->y);

      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (x - extent, y - extent, 2.0 * extent, 2.0 * extent));
    }

  g_array_set_size (markers, 0);
}

static Shape
stance_shape (SpStance stance)
{
  switch (stance)
    {
    case SP_STANCE_SUPPORT:
      return SHAPE_TRIANGLE_UP;
    case SP_STANCE_OPPOSE:
      return SHAPE_TRIANGLE_DOWN;
    case SP_STANCE_NEUTRAL:
      return SHAPE_CIRCLE;
    case SP_STANCE_MIXED:
      return SHAPE_DIAMOND;
    case SP_STANCE_UNCLEAR:
    default:
      return SHAPE_HATCHED_SQUARE;
    }
}

static void
add_marker (GArray              *markers,
            const SpRenderStyle *style,
            guint                kind,
            SpStance             stance,
            double               x,
            double               y,
            double               size)
{
  Marker marker = { x, y, size, SHAPE_EVENT, style->foreground };

  if (kind == SP_ITEM_STATEMENT)
    {
      marker.shape = stance_shape (stance);
      sp_render_stance_color (style, stance, &marker.color);
    }
  g_array_append_val (markers, marker);
}

void
sp_render_stance_marker (GtkSnapshot         *snapshot,
                         const SpRenderStyle *style,
                         SpStance             stance,
                         double               x,
                         double               y,
                         double               size)
{
  g_autoptr(GArray) markers = g_array_new (FALSE, FALSE, sizeof (Marker));

  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (style != NULL);

  add_marker (markers, style, SP_ITEM_STATEMENT, stance, x, y, size);
  draw_markers (snapshot, style, markers);
}

/* Text */

static void
text_free (gpointer data)
{
  Text *text = data;

  g_clear_pointer (&text->node, gsk_render_node_unref);
  g_free (text);
}

static guint
text_key_hash (gconstpointer data)
{
  const TextKey *key = data;

  return g_str_hash (key->text) ^ key->font_width * 31u ^ key->color;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *x = a;
  const TextKey *y = b;

  return x->font_width == y->font_width && x->color == y->color && strcmp (x->text, y->text) == 0;
}

static void
text_key_free (gpointer data)
{
  TextKey *key = data;

  g_free ((char *)key->text);
  g_free (key);
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_hash_table_unref (cache->texts);
  g_free (cache);
}

static TextCache *
text_cache_get (PangoContext *pango)
{
  static GQuark quark;
  TextCache *cache;

  if (quark == 0)
    quark = g_quark_from_static_string ("sp-render-text-cache");

  cache = g_object_get_qdata (G_OBJECT (pango), quark);
  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      cache->texts = g_hash_table_new_full (text_key_hash, text_key_equal, text_key_free, text_free);
      g_object_set_qdata_full (G_OBJECT (pango), quark, cache, text_cache_free);
    }

  /* A new font, resolution or font options: shape everything again. */
  if (cache->serial != pango_context_get_serial (pango) ||
      g_hash_table_size (cache->texts) > MAX_CACHED_TEXTS)
    {
      g_hash_table_remove_all (cache->texts);
      cache->serial = pango_context_get_serial (pango);
    }

  return cache;
}

static PangoLayout *
new_layout (PangoContext *pango,
            Font          font)
{
  static const struct {
    double      scale;
    PangoWeight weight;
  } fonts[N_FONTS] = {
    [FONT_LABEL] = { 1.0, PANGO_WEIGHT_SEMIBOLD },
    [FONT_SMALL] = { 0.85, PANGO_WEIGHT_NORMAL },
    [FONT_BOLD] = { 0.85, PANGO_WEIGHT_BOLD },
    [FONT_TINY] = { 0.8, PANGO_WEIGHT_NORMAL },
    [FONT_COUNT] = { 0.75, PANGO_WEIGHT_BOLD },
    [FONT_MARKUP] = { 1.0, PANGO_WEIGHT_NORMAL },
  };
  PangoLayout *layout = pango_layout_new (pango);
  const PangoFontDescription *base = pango_context_get_font_description (pango);
  g_autoptr(PangoFontDescription) description = pango_font_description_copy (base);
  int size = pango_font_description_get_size (base);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (base))
    pango_font_description_set_absolute_size (description, size * fonts[font].scale);
  else
    pango_font_description_set_size (description, (int)(size * fonts[font].scale));
  pango_font_description_set_weight (description, fonts[font].weight);
  pango_layout_set_font_description (layout, description);
  if (font == FONT_MARKUP)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

static void
painter_init (Painter             *painter,
              GtkSnapshot         *snapshot,
              const SpRenderStyle *style,
              PangoContext        *pango)
{
  *painter = (Painter) { snapshot, style, pango, text_cache_get (pango), { NULL, } };
}

static void
painter_clear (Painter *painter)
{
  for (guint f = 0; f < N_FONTS; f++)
    g_clear_object (&painter->layouts[f]);
}

/* @text in @font and @color, ellipsized to @max_width unless it is < 0. */
static const Text *
get_text (Painter       *painter,
          Font           font,
          const char    *text,
          double         max_width,
          const GdkRGBA *color)
{
  TextKey key = { font | (guint32)(max_width < 0.0 ? 0 : max_width + 1.0) << 8, pack_color (color), text };
  g_autoptr(GtkSnapshot) snapshot = NULL;
  PangoLayout *layout;
  PangoRectangle logical;
  TextKey *stored;
  Text *shaped;

  shaped = g_hash_table_lookup (painter->cache->texts, &key);
  if (shaped != NULL)
    return shaped;

  if (painter->layouts[font] == NULL)
    painter->layouts[font] = new_layout (painter->pango, font);
  layout = painter->layouts[font];
  pango_layout_set_width (layout, max_width < 0.0 ? -1 : (int)(max_width * PANGO_SCALE));
  if (font == FONT_MARKUP)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_layout (snapshot, layout, color);

  shaped = g_new0 (Text, 1);
  shaped->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  shaped->width = (double)logical.width / PANGO_SCALE;
  shaped->height = (double)logical.height / PANGO_SCALE;
  stored = g_memdup2 (&key, sizeof key);
  stored->text = g_strdup (text);
  g_hash_table_insert (painter->cache->texts, stored, shaped);

  return shaped;
}

/* Draws @text with its top left at (@x, @y). */
static void
draw_shaped (Painter    *painter,
             const Text *text,
             double      x,
             double      y)
{
  if (text->node == NULL)
    return;

  gtk_snapshot_save (painter->snapshot);
  gtk_snapshot_translate (painter->snapshot,
                          &GRAPHENE_POINT_INIT (snap (painter->style, x), snap (painter->style, y)));
  gtk_snapshot_append_node (painter->snapshot, text->node);
  gtk_snapshot_restore (painter->snapshot);
}

/* Draws @text vertically centred on @mid; returns its width. */
static double
draw_text (Painter       *painter,
           Font           font,
           const char    *text,
           double         x,
           double         mid,
           double         max_width,
           const GdkRGBA *color)
{
  const Text *shaped = get_text (painter, font, text, max_width, color);

  draw_shaped (painter, shaped, x, mid - shaped->height / 2.0);

  return shaped->width;
}

GskRenderNode *
sp_render_markup (PangoContext    *pango,
                  const char      *markup,
                  double           wrap_width,
                  const GdkRGBA   *color,
                  graphene_size_t *size)
{
  Painter painter;
  const Text *text;
  GskRenderNode *node;

  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), NULL);
  g_return_val_if_fail (markup != NULL, NULL);
  g_return_val_if_fail (color != NULL, NULL);
  g_return_val_if_fail (size != NULL, NULL);

  painter_init (&painter, NULL, NULL, pango);
  text = get_text (&painter, FONT_MARKUP, markup, wrap_width < 0.0 ? -1.0 : floor (wrap_width), color);
  graphene_size_init (size, text->width, text->height);
  node = text->node != NULL ? gsk_render_node_ref (text->node) : NULL;
  painter_clear (&painter);

  return node;
}

/* Where the "today" tag goes in the axis, if today is in view. */
static gboolean
today_tag (Painter                *painter,
           const SpTimelineLayout *layout,
           graphene_rect_t        *tag)
{
  const SpViewport *viewport = &layout->viewport;
  const Text *text;
  double x;

  if (viewport->now < viewport->lo || viewport->now >= viewport->hi)
    return FALSE;

  x = sp_viewport_time_to_x (viewport, viewport->now);
  /* Translators: the mark of the current date on the timeline */
  text = get_text (painter, FONT_BOLD, _("Today"), -1, &painter->style->background);
  graphene_rect_init (tag, x - text->width / 2.0 - 5.0, 2.0, text->width + 10.0, text->height + 2.0);
  tag->origin.x = CLAMP (tag->origin.x, SP_TIMELINE_LABEL_WIDTH, viewport->width - tag->size.width);

  return TRUE;
}

static void
draw_today_line (Painter                *painter,
                 const SpTimelineLayout *layout)
{
  const SpViewport *viewport = &layout->viewport;
  GdkRGBA color = with_alpha (&painter->style->accent, 0.8f);

  if (viewport->now < viewport->lo || viewport->now >= viewport->hi)
    return;

  fill_rect (painter->snapshot, &color, snap (painter->style, sp_viewport_time_to_x (viewport, viewport->now)) - 1.0,
             0, 2.0, viewport->height);
}

/* The axis */

static void
draw_axis (Painter                *painter,
           const SpTimelineLayout *layout)
{
  GtkSnapshot *snapshot = painter->snapshot;
  const SpRenderStyle *style = painter->style;
  const SpViewport *viewport = &layout->viewport;
  double left = SP_TIMELINE_LABEL_WIDTH;
  double top_mid = SP_TIMELINE_AXIS_HEIGHT * 0.3;
  double bottom_mid = SP_TIMELINE_AXIS_HEIGHT * 0.72;
  double major_end = -G_MAXDOUBLE;
  double minor_end = -G_MAXDOUBLE;
  gboolean two_rows = layout->tick_unit != NULL;
  GdkRGBA rule = with_alpha (&style->dim, 0.6f);
  graphene_rect_t tag = GRAPHENE_RECT_INIT (-100, 0, 0, 0);
  gboolean today = today_tag (painter, layout, &tag);

  fill_rect (snapshot, &style->background, 0, 0, viewport->width, SP_TIMELINE_AXIS_HEIGHT);
  horizontal_line (snapshot, style, &rule, 0, SP_TIMELINE_AXIS_HEIGHT - 0.5, viewport->width);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left, 0, MAX (viewport->width - left, 0.0),
                                                         SP_TIMELINE_AXIS_HEIGHT));

  /* The period the window starts in stays in view, pushed aside by the
   * first major label that comes near. */
  if (two_rows)
    {
      const Text *unit = get_text (painter, FONT_BOLD, layout->tick_unit, -1, &style->foreground);
      double next = viewport->width;

      for (guint i = 0; i < layout->ticks->len; i++)
        {
          const SpTick *tick = &g_array_index (layout->ticks, SpTick, i);

          if (tick->major && tick->label != NULL)
            {
              next = tick->x;
              break;
            }
        }

      if (tag.origin.x > left)
        next = MIN (next, tag.origin.x);
      if (next - left < 2.0 || left + 4.0 + unit->width + 8.0 <= next)
        {
          draw_shaped (painter, unit, left + 4.0, top_mid - unit->height / 2.0);
          major_end = left + 4.0 + unit->width;
        }
    }

  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const SpTick *tick = &g_array_index (layout->ticks, SpTick, i);
      gboolean top_row = two_rows && tick->major;
      double length = tick->major ? SP_TIMELINE_AXIS_HEIGHT * (two_rows ? 1.0 : 0.4) : 6.0;
      double *end = top_row ? &major_end : &minor_end;
      double mid = top_row ? top_mid : two_rows ? bottom_mid : SP_TIMELINE_AXIS_HEIGHT / 2.0;
      const Text *label;

      vertical_line (snapshot, style, &rule, tick->x, SP_TIMELINE_AXIS_HEIGHT - length, length);

      /* Labels that would run into the one before are left out. */
      if (tick->label == NULL || tick->x + 4.0 < *end + 8.0)
        continue;

      label = get_text (painter, top_row ? FONT_BOLD : FONT_SMALL, tick->label, -1, &style->foreground);
      /* The "today" tag covers the upper row. */
      if ((top_row || !two_rows) &&
          tick->x + label->width + 12.0 > tag.origin.x && tick->x < tag.origin.x + tag.size.width + 4.0)
        continue;
      draw_shaped (painter, label, tick->x + 4.0, mid - label->height / 2.0);
      *end = tick->x + 4.0 + label->width;
    }

  if (today)
    {
      double x = sp_viewport_time_to_x (viewport, viewport->now);

      fill_rect (snapshot, &style->accent, snap (style, x) - 1.0, 0, 2.0, SP_TIMELINE_AXIS_HEIGHT);
      fill_rounded (snapshot, &tag, tag.size.height / 2.0, &style->accent);
      draw_text (painter, FONT_BOLD, _("Today"), tag.origin.x + 5.0,
                 tag.origin.y + tag.size.height / 2.0, -1, &style->background);
    }

  gtk_snapshot_pop (snapshot);
}

/* Lanes */

static void
draw_grid (Painter                *painter,
           const SpTimelineLayout *layout)
{
  const SpRenderStyle *style = painter->style;
  GdkRGBA major = with_alpha (&style->dim, 0.32f);
  GdkRGBA minor = with_alpha (&style->dim, 0.12f);

  for (guint i = 0; i < layout->ticks->len; i++)
    {
      const SpTick *tick = &g_array_index (layout->ticks, SpTick, i);

      /* A minor tick where a major one is. */
      if (i > 0 && g_array_index (layout->ticks, SpTick, i - 1).time == tick->time)
        continue;
      vertical_line (painter->snapshot, style, tick->major ? &major : &minor, tick->x,
                     SP_TIMELINE_AXIS_HEIGHT, layout->viewport.height - SP_TIMELINE_AXIS_HEIGHT);
    }
}

/* Terms of office: a tint over the lane, an edge where a term starts or
 * ends in view, and the title where there is room for it. */
static void
draw_bands (Painter                *painter,
            const SpTimelineLayout *layout)
{
  const SpRenderStyle *style = painter->style;
  GdkRGBA tint = with_alpha (&style->accent, style->dark ? 0.16f : 0.09f);
  GdkRGBA edge = with_alpha (&style->accent, 0.55f);
  GdkRGBA title_color = mix (&style->dim, &style->foreground, style->dark ? 0.3f : 0.2f);
  guint lane = G_MAXUINT;
  double title_end = 0.0;

  for (guint i = 0; i < layout->bands->len; i++)
    {
      const SpBandBox *box = &g_array_index (layout->bands, SpBandBox, i);
      const graphene_rect_t *rect = &box->rect;
      const Text *title;
      double start = sp_viewport_time_to_x (&layout->viewport, box->band.lo);
      double end = sp_viewport_time_to_x (&layout->viewport, box->band.hi);
      double x;
      double room;

      if (box->lane != lane)
        {
          lane = box->lane;
          title_end = 0.0;
        }

      fill_snapped (painter->snapshot, style, &tint, rect->origin.x, rect->origin.y,
                    rect->size.width, rect->size.height);
      if (start >= rect->origin.x && start <= rect->origin.x + rect->size.width)
        vertical_line (painter->snapshot, style, &edge, start, rect->origin.y, rect->size.height);
      if (end >= rect->origin.x && end <= rect->origin.x + rect->size.width)
        vertical_line (painter->snapshot, style, &edge, end, rect->origin.y, rect->size.height);

      if (box->band.title == NULL)
        continue;

      /* Overlapping terms put their titles one after the other. */
      x = MAX (rect->origin.x + 4.0, title_end + 12.0);
      room = rect->origin.x + rect->size.width - x - 4.0;
      if (room < 40.0)
        continue;
      title = get_text (painter, FONT_TINY, box->band.title, -1, &title_color);
      /* Ellipsized to steps of the room, so that panning does not shape
       * the title again at every pixel. */
      if (title->width > room)
        title = get_text (painter, FONT_TINY, box->band.title, floor (room / 16.0) * 16.0, &title_color);
      draw_shaped (painter, title, x,
                   rect->origin.y + (SP_TIMELINE_MARK_Y - SP_TIMELINE_PILL_HEIGHT / 2.0 - title->height) / 2.0);
      title_end = x + title->width;
    }
}

static void
draw_lane_frames (Painter                *painter,
                  const SpTimelineLayout *layout)
{
  const SpRenderStyle *style = painter->style;
  GdkRGBA separator = with_alpha (&style->dim, 0.35f);
  GdkRGBA baseline = with_alpha (&style->dim, 0.18f);
  SpTimelineIndex *index = layout->index;

  for (guint i = 0; i < layout->lanes->len; i++)
    {
      const SpLaneBox *box = &g_array_index (layout->lanes, SpLaneBox, i);
      const SpLane *lane = sp_timeline_index_get_lane (index, box->lane);

      horizontal_line (painter->snapshot, style, &separator, 0,
                       box->y + box->height - SP_TIMELINE_LANE_GAP / 2.0, layout->viewport.width);
      for (guint t = 0; t < lane->n_tracks; t++)
        horizontal_line (painter->snapshot, style, &baseline, SP_TIMELINE_LABEL_WIDTH,
                         box->y + SP_TIMELINE_LANE_HEADER + (t + 0.5) * SP_TIMELINE_TRACK_HEIGHT,
                         layout->viewport.width - SP_TIMELINE_LABEL_WIDTH);
    }
}

static void
draw_labels (Painter                *painter,
             const SpTimelineLayout *layout)
{
  const SpRenderStyle *style = painter->style;
  GdkRGBA column = mix (&style->background, &style->foreground, style->dark ? 0.05f : 0.035f);
  GdkRGBA rule = with_alpha (&style->dim, 0.6f);
  GdkRGBA track_color = style->dim;

  fill_rect (painter->snapshot, &column, 0, SP_TIMELINE_AXIS_HEIGHT, SP_TIMELINE_LABEL_WIDTH,
             layout->viewport.height - SP_TIMELINE_AXIS_HEIGHT);

  for (guint i = 0; i < layout->lanes->len; i++)
    {
      const SpLaneBox *box = &g_array_index (layout->lanes, SpLaneBox, i);
      const SpLane *lane = sp_timeline_index_get_lane (layout->index, box->lane);

      if (lane->label != NULL)
        draw_text (painter, FONT_LABEL, lane->label, 12.0, box->y + SP_TIMELINE_MARK_Y,
                   SP_TIMELINE_LABEL_WIDTH - 20.0, &style->foreground);

      for (guint t = 0; t < lane->n_tracks; t++)
        {
          double y = box->y + SP_TIMELINE_LANE_HEADER + (t + 0.5) * SP_TIMELINE_TRACK_HEIGHT;

          if (y < SP_TIMELINE_AXIS_HEIGHT - SP_TIMELINE_TRACK_HEIGHT || y > layout->viewport.height + SP_TIMELINE_TRACK_HEIGHT)
            continue;
          if (lane->track_labels != NULL && lane->track_labels[t] != NULL)
            draw_text (painter, FONT_TINY, lane->track_labels[t], 24.0, y,
                       SP_TIMELINE_LABEL_WIDTH - 32.0, &track_color);
        }
    }

  vertical_line (painter->snapshot, style, &rule, SP_TIMELINE_LABEL_WIDTH - 0.5, SP_TIMELINE_AXIS_HEIGHT,
                 layout->viewport.height - SP_TIMELINE_AXIS_HEIGHT);
}

/* Stance tracks: a band per segment in its stance's colour, hatched where
 * several segments fell into a few pixels; where the stance shifts, a rule
 * and the new stance's marker, which also marks the first segment in view
 * so that no band is told by colour alone. */
static void
draw_segments (Painter                *painter,
               const SpTimelineLayout *layout,
               guint                   lane,
               guint                  *at,
               GArray                 *markers)
{
  const SpRenderStyle *style = painter->style;
  GtkSnapshot *snapshot = painter->snapshot;
  GdkRGBA transparent = { 0, 0, 0, 0 };
  guint track = G_MAXUINT;

  for (; *at < layout->segments->len; (*at)++)
    {
      const SpSegmentBox *box = &g_array_index (layout->segments, SpSegmentBox, *at);
      const graphene_rect_t *rect = &box->rect;
      double mid = rect->origin.y + rect->size.height / 2.0;
      double x1 = snap (style, rect->origin.x);
      double x2 = MAX (snap (style, rect->origin.x + rect->size.width), x1 + 1.0);
      gboolean first = box->track != track;
      GdkRGBA color;

      if (box->lane != lane)
        break;
      track = box->track;

      sp_render_stance_color (style, box->segment.stance, &color);
      if (box->segment.dense)
        {
          GskColorStop stops[] = {
            { 0.0f, color }, { 0.5f, color }, { 0.5f, transparent }, { 1.0f, transparent },
          };

          gtk_snapshot_append_repeating_linear_gradient (snapshot,
                                                         &GRAPHENE_RECT_INIT (x1, rect->origin.y, x2 - x1, rect->size.height),
                                                         &GRAPHENE_POINT_INIT (x1, rect->origin.y),
                                                         &GRAPHENE_POINT_INIT (x1 + 2.0, rect->origin.y + 2.0),
                                                         stops, G_N_ELEMENTS (stops));
          fill_rect (snapshot, &color, x1, rect->origin.y, x2 - x1, 1.0);
          fill_rect (snapshot, &color, x1, rect->origin.y + rect->size.height - 1.0, x2 - x1, 1.0);
        }
      else
        {
          fill_rect (snapshot, &color, x1, snap (style, rect->origin.y), x2 - x1, rect->size.height);
        }

      if (box->segment.shift)
        vertical_line (snapshot, style, &style->foreground, rect->origin.x,
                       mid - SP_TIMELINE_TRACK_HEIGHT / 2.0, SP_TIMELINE_TRACK_HEIGHT);
      if (box->segment.shift || first)
        add_marker (markers, style, SP_ITEM_STATEMENT, box->segment.stance,
                    MAX (rect->origin.x + (box->segment.shift ? 5.0 : 0.0), SP_TIMELINE_LABEL_WIDTH + 6.0),
                    mid, 8.0);
    }
}

static void
draw_cluster (Painter         *painter,
              const SpMarkBox *box)
{
  const SpRenderStyle *style = painter->style;
  GtkSnapshot *snapshot = painter->snapshot;
  graphene_rect_t pill;
  GdkRGBA fill = mix (&style->background, &style->foreground, style->dark ? 0.22f : 0.13f);
  GdkRGBA border = with_alpha (&style->dim, 0.8f);
  const Text *text;
  char count[16];
  double x;
  double bar_width;
  guint total = 0;

  graphene_rect_init (&pill, snap (style, box->rect.origin.x), snap (style, box->rect.origin.y),
                      snap (style, box->rect.size.width), SP_TIMELINE_PILL_HEIGHT - 4.0);
  fill_rounded (snapshot, &pill, pill.size.height / 2.0, &fill);
  ring (snapshot, &pill, pill.size.height / 2.0, 1.0, &border);

  g_snprintf (count, sizeof count, "%u", box->mark.count);
  text = get_text (painter, FONT_COUNT, count, -1, &style->foreground);
  draw_shaped (painter, text, pill.origin.x + (pill.size.width - text->width) / 2.0,
               pill.origin.y + (pill.size.height - text->height) / 2.0);

  /* What the cluster holds, by stance, under the pill. */
  for (guint s = 0; s < G_N_ELEMENTS (box->mark.stance_counts); s++)
    total += box->mark.stance_counts[s];
  if (total == 0)
    return;

  x = pill.origin.x + 2.0;
  bar_width = pill.size.width - 4.0;
  for (guint s = 0, sum = 0; s < G_N_ELEMENTS (box->mark.stance_counts); s++)
    {
      double x1 = x + snap (style, bar_width * sum / total);
      double x2;
      GdkRGBA color;

      if (box->mark.stance_counts[s] == 0)
        continue;
      sum += box->mark.stance_counts[s];
      x2 = x + snap (style, bar_width * sum / total);
      if (s == 0)
        color = style->foreground;
      else
        sp_render_stance_color (style, s, &color);
      fill_rect (snapshot, &color, x1, pill.origin.y + pill.size.height + 1.0, MAX (x2 - x1, 1.0), 3.0);
    }
}

static void
draw_marks (Painter                *painter,
            const SpTimelineLayout *layout,
            guint                   lane,
            guint                  *at,
            GArray                 *markers)
{
  const SpRenderStyle *style = painter->style;
  guint start = *at;
  guint end;

  for (end = start; end < layout->marks->len; end++)
    if (g_array_index (layout->marks, SpMarkBox, end).lane != lane)
      break;
  *at = end;

  /* Range bars under clusters under markers, as the hit test sees them. */
  for (guint i = start; i < end; i++)
    {
      const SpMarkBox *box = &g_array_index (layout->marks, SpMarkBox, i);
      const SpTimelineItem *item;
      double mid = box->rect.origin.y + box->rect.size.height / 2.0;
      double start;
      double end;
      GdkRGBA color;

      if (box->mark.count != 1 || box->rect.size.width <= SP_TIMELINE_MARKER_SIZE)
        continue;

      item = sp_timeline_index_get_item (layout->index, box->mark.first);
      if (item->kind == SP_ITEM_STATEMENT)
        sp_render_stance_color (style, item->stance, &color);
      else
        color = style->foreground;
      start = MAX (box->rect.origin.x + SP_TIMELINE_MARKER_SIZE / 2.0, SP_TIMELINE_LABEL_WIDTH - 1.0);
      end = box->rect.origin.x + box->rect.size.width;
      fill_snapped (painter->snapshot, style, &color, start, mid - 1.5, end - start, 3.0);
      /* The end of the period, so that a bar reads as a span. */
      fill_snapped (painter->snapshot, style, &color, end - 1.5, mid - 4.0, 1.5, 8.0);
      /* A bar from before the window still shows whose stance it is. */
      if (start > box->rect.origin.x + SP_TIMELINE_MARKER_SIZE / 2.0)
        add_marker (markers, style, item->kind, item->stance, SP_TIMELINE_LABEL_WIDTH + 7.0, mid, 10.0);
    }

  for (guint i = start; i < end; i++)
    {
      const SpMarkBox *box = &g_array_index (layout->marks, SpMarkBox, i);

      if (box->mark.count > 1)
        draw_cluster (painter, box);
    }

  for (guint i = start; i < end; i++)
    {
      const SpMarkBox *box = &g_array_index (layout->marks, SpMarkBox, i);
      const SpTimelineItem *item;

      if (box->mark.count != 1)
        continue;

      item = sp_timeline_index_get_item (layout->index, box->mark.first);
      add_marker (markers, style, item->kind, item->stance,
                  box->rect.origin.x + SP_TIMELINE_MARKER_SIZE / 2.0,
                  box->rect.origin.y + SP_TIMELINE_MARKER_SIZE / 2.0,
                  SP_TIMELINE_MARKER_SIZE);
    }
}

/* Selection: a solid ring; keyboard focus: a wider, lighter one outside
 * it, as GTK draws focus. */
static void
draw_ring (Painter         *painter,
           const SpMarkBox *box,
           double           grow,
           const GdkRGBA   *color)
{
  graphene_rect_t rect = box->rect;
  double radius;

  if (box->mark.count == 1 && rect.size.width <= SP_TIMELINE_MARKER_SIZE)
    radius = rect.size.width / 2.0 + grow;
  else
    radius = (box->mark.count == 1 ? 4.0 : (SP_TIMELINE_PILL_HEIGHT - 4.0) / 2.0) + grow;

  graphene_rect_inset (&rect, -grow, -grow);
  ring (painter->snapshot, &rect, radius, 2.0, color);
}

void
sp_render_timeline (GtkSnapshot            *snapshot,
                    const SpTimelineLayout *layout,
                    const SpRenderStyle    *style,
                    PangoContext           *pango,
                    guint                   selected,
                    guint                   focused)
{
  const SpViewport *viewport;
  g_autoptr(GArray) markers = NULL;
  Painter painter;
  guint marks_at = 0;
  guint segments_at = 0;
  double width;
  double height;
  double area;

  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (layout != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (pango));

  viewport = &layout->viewport;
  width = viewport->width;
  height = viewport->height;
  area = MAX (width - SP_TIMELINE_LABEL_WIDTH, 0.0);
  if (width <= 0.0 || height <= 0.0)
    return;

  painter_init (&painter, snapshot, style, pango);
  markers = g_array_new (FALSE, FALSE, sizeof (Marker));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  fill_rect (snapshot, &style->background, 0, 0, width, height);

  if (layout->index != NULL)
    {
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, SP_TIMELINE_AXIS_HEIGHT, width,
                                                             height - SP_TIMELINE_AXIS_HEIGHT));
      draw_labels (&painter, layout);

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (SP_TIMELINE_LABEL_WIDTH, SP_TIMELINE_AXIS_HEIGHT,
                                                             area,
                                                             height - SP_TIMELINE_AXIS_HEIGHT));
      draw_grid (&painter, layout);
      draw_bands (&painter, layout);
      draw_today_line (&painter, layout);
      gtk_snapshot_pop (snapshot);

      draw_lane_frames (&painter, layout);

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (SP_TIMELINE_LABEL_WIDTH, SP_TIMELINE_AXIS_HEIGHT,
                                                             area,
                                                             height - SP_TIMELINE_AXIS_HEIGHT));
      for (guint i = 0; i < layout->lanes->len; i++)
        {
          guint lane = g_array_index (layout->lanes, SpLaneBox, i).lane;

          draw_segments (&painter, layout, lane, &segments_at, markers);
          draw_marks (&painter, layout, lane, &marks_at, markers);
          draw_markers (snapshot, style, markers);
        }

      if (selected != G_MAXUINT)
        {
          const SpMarkBox *box = sp_timeline_layout_find_item (layout, selected);

          if (box != NULL)
            draw_ring (&painter, box, 3.0, &style->accent);
        }
      if (focused != G_MAXUINT)
        {
          const SpMarkBox *box = sp_timeline_layout_find_item (layout, focused);
          GdkRGBA focus = with_alpha (&style->accent, 0.5f);

          if (box != NULL)
            draw_ring (&painter, box, 6.0, &focus);
        }
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_pop (snapshot);
    }

  draw_axis (&painter, layout);

  gtk_snapshot_pop (snapshot);
  painter_clear (&painter);
}

/* The legend */

typedef enum {
  KEY_STANCE,
  KEY_EVENT,
  KEY_RANGE,
  KEY_CLUSTER,
  KEY_OFFICE,
  KEY_SHIFT,
} KeyKind;

typedef struct {
  KeyKind     kind;
  SpStance    stance;
  const char *label;
} Key;

static const Key keys[] = {
  { KEY_STANCE, SP_STANCE_SUPPORT, NULL },
  { KEY_STANCE, SP_STANCE_OPPOSE, NULL },
  { KEY_STANCE, SP_STANCE_NEUTRAL, NULL },
  { KEY_STANCE, SP_STANCE_MIXED, NULL },
  { KEY_STANCE, SP_STANCE_UNCLEAR, NULL },
  /* Translators: legend of the timeline's marks */
  { KEY_EVENT, 0, N_("Event") },
  /* Translators: legend of the timeline: a date known only to the month or year */
  { KEY_RANGE, SP_STANCE_SUPPORT, N_("Month or year only") },
  /* Translators: legend of the timeline: several statements too close to tell apart */
  { KEY_CLUSTER, 0, N_("Several, by stance") },
  /* Translators: legend of the timeline */
  { KEY_OFFICE, 0, N_("Term of office") },
  /* Translators: legend of the timeline: where a speaker's stance on a topic changes */
  { KEY_SHIFT, SP_STANCE_OPPOSE, N_("Change of stance") },
};

#define KEY_SYMBOL_WIDTH 28.0
#define KEY_ROW_HEIGHT 22.0

static void
draw_key_symbol (Painter   *painter,
                 const Key *key,
                 double     x,
                 double     mid,
                 GArray    *markers)
{
  const SpRenderStyle *style = painter->style;
  GtkSnapshot *snapshot = painter->snapshot;
  GdkRGBA color;
  graphene_rect_t rect;

  switch (key->kind)
    {
    case KEY_STANCE:
      add_marker (markers, style, SP_ITEM_STATEMENT, key->stance, x + 8.0, mid, SP_TIMELINE_MARKER_SIZE);
      break;

    case KEY_EVENT:
      add_marker (markers, style, SP_ITEM_EVENT, 0, x + 8.0, mid, SP_TIMELINE_MARKER_SIZE);
      break;

    case KEY_RANGE:
      sp_render_stance_color (style, key->stance, &color);
      fill_snapped (snapshot, style, &color, x + 8.0, mid - 1.5, 16.0, 3.0);
      fill_snapped (snapshot, style, &color, x + 22.5, mid - 4.0, 1.5, 8.0);
      add_marker (markers, style, SP_ITEM_STATEMENT, key->stance, x + 7.0, mid, SP_TIMELINE_MARKER_SIZE);
      break;

    case KEY_CLUSTER:
      {
        SpMarkBox box = { GRAPHENE_RECT_INIT (x, mid - SP_TIMELINE_PILL_HEIGHT / 2.0 + 2.0, 22.0,
                                              SP_TIMELINE_PILL_HEIGHT), 0, { 0, } };

        box.mark.count = 3;
        box.mark.stance_counts[SP_STANCE_SUPPORT] = 2;
        box.mark.stance_counts[SP_STANCE_OPPOSE] = 1;
        draw_cluster (painter, &box);
      }
      break;

    case KEY_OFFICE:
      color = with_alpha (&style->accent, style->dark ? 0.16f : 0.09f);
      graphene_rect_init (&rect, x, mid - 8.0, 24.0, 16.0);
      fill_rect (snapshot, &color, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
      color = with_alpha (&style->accent, 0.55f);
      vertical_line (snapshot, style, &color, x + 0.5, rect.origin.y, rect.size.height);
      break;

    case KEY_SHIFT:
      sp_render_stance_color (style, SP_STANCE_SUPPORT, &color);
      fill_snapped (snapshot, style, &color, x, mid - 3.0, 10.0, SP_TIMELINE_SEGMENT_HEIGHT);
      sp_render_stance_color (style, key->stance, &color);
      fill_snapped (snapshot, style, &color, x + 10.0, mid - 3.0, 14.0, SP_TIMELINE_SEGMENT_HEIGHT);
      vertical_line (snapshot, style, &style->foreground, x + 10.0, mid - 6.0, 12.0);
      add_marker (markers, style, SP_ITEM_STATEMENT, key->stance, x + 15.0, mid, 8.0);
      break;

    default:
      g_assert_not_reached ();
    }
}

double
sp_render_timeline_legend (GtkSnapshot         *snapshot,
                           const SpRenderStyle *style,
                           PangoContext        *pango,
                           double               width)
{
  g_autoptr(GArray) markers = NULL;
  Painter painter;
  double x = 0.0;
  double y = 0.0;

  g_return_val_if_fail (GTK_IS_SNAPSHOT (snapshot), 0.0);
  g_return_val_if_fail (style != NULL, 0.0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), 0.0);

  painter_init (&painter, snapshot, style, pango);
  markers = g_array_new (FALSE, FALSE, sizeof (Marker));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const Key *key = &keys[i];
      const char *label = key->kind == KEY_STANCE ? sp_stance_get_label (key->stance) : _(key->label);
      const Text *text;
      double item_width;

      text = get_text (&painter, FONT_SMALL, label, -1, &style->foreground);
      item_width = KEY_SYMBOL_WIDTH + 4.0 + text->width;
      if (x > 0.0 && x + item_width > width)
        {
          x = 0.0;
          y += KEY_ROW_HEIGHT;
        }

      draw_key_symbol (&painter, key, x, y + KEY_ROW_HEIGHT / 2.0, markers);
      draw_shaped (&painter, text, x + KEY_SYMBOL_WIDTH + 4.0, y + (KEY_ROW_HEIGHT - text->height) / 2.0);
      x += item_width + 16.0;
    }

  draw_markers (snapshot, style, markers);
  painter_clear (&painter);

  return y + KEY_ROW_HEIGHT;
}
