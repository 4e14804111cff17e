#define G_LOG_DOMAIN "standpoint-tests"

#include "config.h"

#include <math.h>
#include <gtk/gtk.h>

#include "sp-importer.h"
#include "sp-library.h"
#include "sp-test-util.h"
#include "sp-timeline-export.h"
#include "sp-timeline-render.h"

#define WIDTH 1200
#define HEIGHT 800
/* 2025-04-01T12:00:00Z: a fixed "today", a month after the bundled dataset. */
#define NOW G_GINT64_CONSTANT (1743508800)
/* A fixed font, so that the pixels do not follow the machine's settings;
 * Debian's fonts-dejavu-core provides it. */
#define FONT "DejaVu Sans 9"
/* Channels may differ this much where text antialiasing differs... */
#define CHANNEL_TOLERANCE 3
/* ...in at most this many pixels per million. */
#define PIXEL_TOLERANCE_PPM 500

typedef struct {
  char            *dir;
  SpLibrary       *library;
  SpTimelineIndex *index;
  PangoContext    *pango;
} Fixture;

static PangoContext *
create_pango_context (void)
{
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango, options);
  pango_cairo_context_set_resolution (pango, 96.0);
  pango_context_set_font_description (pango, font);
  pango_context_set_language (pango, pango_language_from_string ("en"));
  cairo_font_options_destroy (options);

  return pango;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sp_test_make_dir ();
  fixture->library = sp_test_open_library (fixture->dir, sp_test_bundled_dataset ());

  fixture->index = sp_timeline_index_new (fixture->library, SP_GROUPING_ACTOR, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->pango = create_pango_context ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->pango);
  g_clear_object (&fixture->index);
  g_clear_object (&fixture->library);
  g_free (fixture->dir);
}

static GdkTexture *
render (GskRenderNode *node,
        int            width,
        int            height)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_nonnull (node);
  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  return texture;
}

static GdkTexture *
render_timeline (Fixture             *fixture,
                 const SpRenderStyle *style,
                 guint                selected)
{
  SpViewport viewport = { 0, 1, WIDTH, HEIGHT, 0.0, NOW };
  g_autoptr(SpTimelineLayout) layout = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  gint64 lo;
  gint64 hi;

  g_assert_true (sp_timeline_index_get_bounds (fixture->index, &lo, &hi));
  sp_viewport_fit (&viewport, lo, hi);
  layout = sp_timeline_layout_new (fixture->index, &viewport);
  sp_render_timeline (snapshot, layout, style, fixture->pango, selected, selected);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return render (node, WIDTH, HEIGHT);
}

static guchar *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guchar *pixels = g_malloc ((gsize)width * height * 4);

  gdk_texture_download (texture, pixels, width * 4);
  return pixels;
}

/* Compares @texture with tests/reference/@name, or writes it there when
 * STANDPOINT_UPDATE_REFERENCE=1. */
static void
assert_reference (GdkTexture *texture,
                  const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "reference", name, NULL);
  g_autoptr(GdkTexture) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *actual = NULL;
  g_autofree guchar *expected = NULL;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize n_pixels = (gsize)width * height;
  gsize differing = 0;

  if (g_strcmp0 (g_getenv ("STANDPOINT_UPDATE_REFERENCE"), "1") == 0)
    {
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Wrote %s", path);
      return;
    }

  reference = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reference), ==, width);
  g_assert_cmpint (gdk_texture_get_height (reference), ==, height);

  actual = download (texture);
  expected = download (reference);
  for (gsize p = 0; p < n_pixels; p++)
    for (int c = 0; c < 4; c++)
      if (ABS ((int)actual[p * 4 + c] - (int)expected[p * 4 + c]) > CHANNEL_TOLERANCE)
        {
          differing++;
          break;
        }

  if (differing * 1000000 > n_pixels * PIXEL_TOLERANCE_PPM)
    {
      g_autofree char *saved = g_build_filename (g_get_tmp_dir (), name, NULL);

      gdk_texture_save_to_png (texture, saved);
      g_test_message ("%" G_GSIZE_FORMAT " pixels differ from %s; the rendering is in %s",
                      differing, path, saved);
    }
  g_assert_cmpuint (differing * 1000000, <=, n_pixels * PIXEL_TOLERANCE_PPM);
}

static void
test_bundled_light (Fixture       *fixture,
                    gconstpointer  data)
{
  SpRenderStyle style;
  g_autoptr(GdkTexture) texture = NULL;

  sp_render_style_init_light (&style);
  texture = render_timeline (fixture, &style, G_MAXUINT);
  assert_reference (texture, "timeline-bundled.png");
}

static void
test_bundled_dark (Fixture       *fixture,
                   gconstpointer  data)
{
  SpRenderStyle style;
  g_autoptr(GdkTexture) texture = NULL;
  guint selected;

  /* Selected and focused: both rings. */
  selected = sp_timeline_index_find_item (fixture->index, SP_ITEM_EVENT, 1);
  g_assert_cmpuint (selected, !=, G_MAXUINT);

  sp_render_style_init_dark (&style);
  texture = render_timeline (fixture, &style, selected);
  assert_reference (texture, "timeline-bundled-dark.png");
}

/* The exported picture is the view with a title and the legend, at 1x
 * and 2x, and needs no display. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  SpViewport viewport = { 0, 1, WIDTH, HEIGHT, 0.0, NOW };
  g_autoptr(GError) error = NULL;
  gint64 lo, hi;

  double lanes_height = SP_TIMELINE_AXIS_HEIGHT + sp_timeline_layout_get_content_height (fixture->index);

  g_assert_true (sp_timeline_index_get_bounds (fixture->index, &lo, &hi));
  sp_viewport_fit (&viewport, lo, hi);
  g_assert_cmpfloat (lanes_height, <, HEIGHT);

  for (int scale = 1; scale <= 2; scale++)
    {
      g_autofree char *name = g_strdup_printf ("timeline-%dx.png", scale);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GdkTexture) texture = NULL;

      g_assert_true (sp_export_timeline_png (fixture->index, &viewport,
                                             "Timeline: the Ukraine Defense Contact Group",
                                             scale, file, &error));
      g_assert_no_error (error);

      texture = gdk_texture_new_from_file (file, &error);
      g_assert_no_error (error);
      /* The view plus margins, down to its last lane, with the title
       * above and the legend below. */
      g_assert_cmpint (gdk_texture_get_width (texture), ==, (WIDTH + 32) * scale);
      g_assert_cmpint (gdk_texture_get_height (texture), >, (lanes_height + 80) * scale);
      g_assert_cmpint (gdk_texture_get_height (texture), <, (lanes_height + 200) * scale);
    }
}

static double
luminance (const GdkRGBA *color)
{
  double channels[3] = { color->red, color->green, color->blue };

  for (int c = 0; c < 3; c++)
    channels[c] = channels[c] <= 0.04045 ? channels[c] / 12.92 : pow ((channels[c] + 0.055) / 1.055, 2.4);

  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* WCAG's 3:1 for graphics, in the light and dark styles, for every
 * stance; 7:1 for stances and secondary text in high contrast. */
static void
test_stance_contrast (void)
{
  for (int variant = 0; variant < 4; variant++)
    {
      gboolean high_contrast = variant >= 2;
      SpRenderStyle style;

      if (variant % 2)
        sp_render_style_init_dark (&style);
      else
        sp_render_style_init_light (&style);
      if (high_contrast)
        sp_render_style_set_high_contrast (&style);

      g_assert_cmpfloat (contrast (&style.foreground, &style.background), >=, 7.0);
      g_assert_cmpfloat (contrast (&style.dim, &style.background), >=, high_contrast ? 7.0 : 4.5);
      g_assert_cmpfloat (contrast (&style.accent, &style.background), >=, 3.0);
      for (SpStance s = SP_STANCE_SUPPORT; s <= SP_STANCE_UNCLEAR; s++)
        {
          GdkRGBA color;

          sp_render_stance_color (&style, s, &color);
          g_assert_cmpfloat (contrast (&color, &style.background), >=, high_contrast ? 7.0 : 3.0);
          for (SpStance t = SP_STANCE_SUPPORT; t < s; t++)
            {
              GdkRGBA other;

              sp_render_stance_color (&style, t, &other);
              g_assert_false (gdk_rgba_equal (&color, &other));
            }
        }
    }
}

/* Where a marker covers its background, as a mask. */
static guchar *
marker_mask (const SpRenderStyle *style,
             SpStance             stance)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  guchar *mask = g_malloc (24 * 24);

  gtk_snapshot_append_color (snapshot, &style->background, &GRAPHENE_RECT_INIT (0, 0, 24, 24));
  sp_render_stance_marker (snapshot, style, stance, 12, 12, 16);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = render (node, 24, 24);
  pixels = download (texture);

  for (int p = 0; p < 24 * 24; p++)
    {
      /* The background is white: a channel well below it is marker. */
      mask[p] = MIN (MIN (pixels[p * 4], pixels[p * 4 + 1]), pixels[p * 4 + 2]) < 160;
    }

  return mask;
}

/* Colour never tells stances apart alone: each has its own shape. */
static void
test_marker_shapes (void)
{
  SpRenderStyle style;
  guchar *masks[SP_STANCE_UNCLEAR + 1] = { NULL, };

  sp_render_style_init_light (&style);
  for (SpStance s = SP_STANCE_SUPPORT; s <= SP_STANCE_UNCLEAR; s++)
    {
      guint covered = 0;

      masks[s] = marker_mask (&style, s);
      for (int p = 0; p < 24 * 24; p++)
        covered += masks[s][p];
      g_assert_cmpuint (covered, >, 30);

      for (SpStance t = SP_STANCE_SUPPORT; t < s; t++)
        {
          guint differing = 0;

          for (int p = 0; p < 24 * 24; p++)
            differing += masks[s][p] != masks[t][p];
          /* Far more than antialiasing would change. */
          g_assert_cmpuint (differing, >, 40);
        }
    }

  for (SpStance s = SP_STANCE_SUPPORT; s <= SP_STANCE_UNCLEAR; s++)
    g_free (masks[s]);
}

static void
test_legend (void)
{
  g_autoptr(GObject) pango = G_OBJECT (create_pango_context ());
  g_autoptr(GtkSnapshot) wide = gtk_snapshot_new ();
  g_autoptr(GtkSnapshot) narrow = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  SpRenderStyle style;
  double height;

  sp_render_style_init_light (&style);

  /* One row when there is room, more rows when there is not. */
  g_assert_cmpfloat (sp_render_timeline_legend (wide, &style, PANGO_CONTEXT (pango), 2000.0), ==, 22.0);
  height = sp_render_timeline_legend (narrow, &style, PANGO_CONTEXT (pango), 300.0);
  g_assert_cmpfloat (height, >=, 3 * 22.0);

  node = gtk_snapshot_free_to_node (g_steal_pointer (&narrow));
  texture = render (node, 300, (int)height);
  assert_reference (texture, "timeline-legend.png");
}

int
main (int   argc,
      char *argv[])
{
  /* Without a display this fails and still sets up what rendering to a
   * texture needs. */
  gtk_init_check ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/timeline-render/bundled-light", Fixture, NULL,
              fixture_set_up, test_bundled_light, fixture_tear_down);
  g_test_add ("/timeline-render/bundled-dark", Fixture, NULL,
              fixture_set_up, test_bundled_dark, fixture_tear_down);
  g_test_add ("/timeline-render/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add_func ("/timeline-render/stance-contrast", test_stance_contrast);
  g_test_add_func ("/timeline-render/marker-shapes", test_marker_shapes);
  g_test_add_func ("/timeline-render/legend", test_legend);

  return g_test_run ();
}
