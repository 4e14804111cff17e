#define G_LOG_DOMAIN "standpoint-tests"

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "sp-board-render.h"
#include "sp-library.h"
#include "sp-png.h"
#include "sp-test-util.h"

/* End of 12 Feb 2025 UTC, the day of the bundled dataset's latest statement. */
#define FEB_12_END G_GINT64_CONSTANT (1739404799)
/* An exported board of two sides is this wide, margins included. */
#define EXPORT_WIDTH_2 1160

/* Every case on one board: a shift with a quantity, the five stances, no
 * recorded position, a disagreement, a statement by a former office
 * holder, who no longer speaks for his country. */
static const char states_dataset[] =
  "{\"format\": \"standpoint-dataset\", \"version\": 1,"
  " \"dataset\": {\"id\": \"board-states\", \"title\": \"Board states\"},"
  " \"sources\": ["
  "  {\"id\": \"first\", \"title\": \"Alphaland holds the line\", \"publisher\": \"The Daily Test\","
  "   \"published\": \"2025-01-03\", \"url\": \"https://example.org/first\"},"
  "  {\"id\": \"second\", \"title\": \"Alphaland changes course\", \"publisher\": \"Weekly Test\","
  "   \"published\": \"2025-02-12\", \"url\": \"https://example.org/second\"}],"
  " \"actors\": ["
  "  {\"id\": \"alpha\", \"kind\": \"country\", \"name\": \"Alphaland\"},"
  "  {\"id\": \"beta\", \"kind\": \"country\", \"name\": \"Betastan\"},"
  "  {\"id\": \"gamma\", \"kind\": \"organization\", \"name\": \"Gamma Alliance\"},"
  "  {\"id\": \"ann\", \"kind\": \"person\", \"name\": \"Ann Archer\", \"country\": \"alpha\"},"
  "  {\"id\": \"bob\", \"kind\": \"person\", \"name\": \"Bob Baker\", \"country\": \"beta\"},"
  "  {\"id\": \"cal\", \"kind\": \"person\", \"name\": \"Cal Cole\", \"country\": \"beta\"},"
  "  {\"id\": \"gil\", \"kind\": \"person\", \"name\": \"Gil Grant\"}],"
  " \"offices\": ["
  "  {\"id\": \"ann-minister\", \"holder\": \"ann\", \"title\": \"Minister of Defence\", \"of\": \"alpha\","
  "   \"start\": \"2024-06-01\", \"sources\": [\"first\"]},"
  "  {\"id\": \"bob-secretary\", \"holder\": \"bob\", \"title\": \"Defence Secretary\", \"of\": \"beta\","
  "   \"start\": \"2023\", \"sources\": [\"first\"]},"
  "  {\"id\": \"cal-secretary\", \"holder\": \"cal\", \"title\": \"Defence Secretary\", \"of\": \"beta\","
  "   \"start\": \"2019\", \"end\": \"2022-12\"},"
  "  {\"id\": \"gil-general\", \"holder\": \"gil\", \"title\": \"Secretary General\", \"of\": \"gamma\","
  "   \"start\": \"2024-10-01\", \"sources\": [\"second\"]}],"
  " \"topics\": ["
  "  {\"id\": \"spending\", \"label\": \"Defence spending\","
  "   \"proposition\": \"Members should spend more than 2% of GDP on defence\"},"
  "  {\"id\": \"membership\", \"label\": \"Deltaland’s membership\","
  "   \"proposition\": \"Deltaland should join the Gamma Alliance\"},"
  "  {\"id\": \"talks\", \"label\": \"Peace talks\", \"proposition\": \"Talks should start this year\"}],"
  " \"events\": ["
  "  {\"id\": \"summit\", \"title\": \"Gamma summit\", \"date\": \"2025-02-12\","
  "   \"participants\": [{\"actor\": \"ann\", \"role\": \"chair\"}, {\"actor\": \"bob\", \"role\": \"attendee\"}],"
  "   \"sources\": [\"second\"]}],"
  " \"statements\": ["
  "  {\"id\": \"ann-spending-1\", \"speaker\": \"ann\", \"topic\": \"spending\", \"stance\": \"oppose\","
  "   \"paraphrase\": \"Said that 2% of GDP was enough.\", \"said\": \"2025-01-03\", \"source\": \"first\"},"
  "  {\"id\": \"ann-spending-2\", \"speaker\": \"ann\", \"topic\": \"spending\", \"stance\": \"support\","
  "   \"quantity\": {\"value\": 3.5, \"unit\": \"% of GDP\"},"
  "   \"quote\": \"We will reach 3.5% within five years\", \"said\": \"2025-02-12\", \"source\": \"second\","
  "   \"event\": \"summit\"},"
  "  {\"id\": \"bob-spending\", \"speaker\": \"bob\", \"topic\": \"spending\", \"stance\": \"support\","
  "   \"quantity\": {\"value\": 2.5, \"unit\": \"% of GDP\"},"
  "   \"paraphrase\": \"Backed a target of 2.5% of GDP.\", \"said\": \"2025-02\", \"source\": \"second\"},"
  "  {\"id\": \"gil-spending\", \"speaker\": \"gil\", \"topic\": \"spending\", \"stance\": \"neutral\","
  "   \"paraphrase\": \"Left the level to the members.\", \"said\": \"2025-02-12\", \"source\": \"second\"},"
  "  {\"id\": \"ann-membership\", \"speaker\": \"ann\", \"topic\": \"membership\", \"stance\": \"oppose\","
  "   \"quote\": \"not now\", \"paraphrase\": \"Said membership was “not now” a question.\","
  "   \"said\": \"2025-02-12\", \"source\": \"second\"},"
  "  {\"id\": \"bob-membership\", \"speaker\": \"bob\", \"topic\": \"membership\", \"stance\": \"mixed\","
  "   \"paraphrase\": \"Welcomed the goal but not the timing.\", \"said\": \"2025-02-12\", \"source\": \"second\"},"
  "  {\"id\": \"cal-talks\", \"speaker\": \"cal\", \"topic\": \"talks\", \"stance\": \"support\","
  "   \"paraphrase\": \"Called for talks, after leaving office.\", \"said\": \"2025-01\", \"source\": \"first\"},"
  "  {\"id\": \"gil-talks\", \"speaker\": \"gil\", \"topic\": \"talks\", \"stance\": \"unclear\","
  "   \"paraphrase\": \"Would not say.\", \"said\": \"2025-02-12\", \"source\": \"second\"}]}";

static void
fixture_set_up (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autofree char *states = NULL;

  sp_test_library_set_up (fixture, data);
  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  states = sp_test_write_file (fixture->dir, "states.json", states_dataset);
  sp_test_import (fixture->library, states);
}

static SpComparison *
compare (SpTestLibrary *fixture,
         const char    *first,
         ...)
{
  g_autoptr(GPtrArray) sides = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  SpComparison *comparison;
  va_list args;

  va_start (args, first);
  for (const char *side = first; side != NULL; side = va_arg (args, const char *))
    g_ptr_array_add (sides, (char *)side);
  va_end (args);
  g_ptr_array_add (sides, NULL);

  comparison = sp_comparison_new (fixture->library, (const char * const *)sides->pdata, NULL,
                                  FEB_12_END, G_MININT64, &error);
  g_assert_no_error (error);
  g_assert_nonnull (comparison);

  return comparison;
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

static GdkTexture *
export (const SpComparison *comparison,
        const char         *title,
        int                 scale,
        const char         *dir)
{
  g_autofree char *path = g_build_filename (dir, "board.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_true (sp_export_board_png (comparison, title, scale, file, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);

  return texture;
}

/* Compares @texture with tests/reference/@name pixel for pixel, or writes
 * it there when STANDPOINT_UPDATE_REFERENCE=1. */
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
  for (gsize p = 0; p < (gsize)width * height; p++)
    differing += memcmp (actual + p * 4, expected + p * 4, 4) != 0;

  if (differing > 0)
    {
      g_autofree char *saved = g_build_filename (g_get_tmp_dir (), name, NULL);

      gdk_texture_save_to_png (texture, saved);
      g_test_message ("%" G_GSIZE_FORMAT " pixels differ from %s; the rendering is in %s",
                      differing, path, saved);
    }
  g_assert_cmpuint (differing, ==, 0);
}

static void
test_bundled (SpTestLibrary *fixture,
              gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "united-states", "united-kingdom", NULL);
  g_autoptr(GdkTexture) texture = export (comparison, NULL, 1, fixture->dir);

  g_assert_cmpint (gdk_texture_get_width (texture), ==, EXPORT_WIDTH_2);
  assert_reference (texture, "board-bundled.png");
}

static void
test_states (SpTestLibrary *fixture,
             gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "alpha", "beta", "gamma", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  const SpComparisonRow *spending;

  /* What the picture has to show, as the comparison holds it. */
  g_assert_cmpuint (comparison->rows->len, ==, 3);
  spending = g_ptr_array_index (comparison->rows, 0);
  g_assert_cmpstr (spending->id, ==, "spending");
  g_assert_true (spending->disagree);
  g_assert_true (spending->cells[0].shifted);
  g_assert_cmpint (spending->cells[0].shifted_from, ==, SP_STANCE_OPPOSE);
  g_assert_true (spending->cells[0].latest->has_quantity);
  g_assert_cmpint (spending->cells[2].stance, ==, SP_STANCE_NEUTRAL);

  texture = export (comparison, "Board states", 1, fixture->dir);
  assert_reference (texture, "board-states.png");
}

static void
test_default_title (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpComparison) two = compare (fixture, "united-states", "united-kingdom", NULL);
  g_autoptr(SpComparison) four = compare (fixture, "united-states", "united-kingdom", "nato", "ukraine", NULL);
  g_autofree char *two_title = sp_board_get_default_title (two);
  g_autofree char *four_title = sp_board_get_default_title (four);

  g_assert_cmpstr (two_title, ==, "United States vs United Kingdom as of 12 Feb 2025");
  g_assert_cmpstr (four_title, ==, "United States vs United Kingdom vs NATO vs Ukraine as of 12 Feb 2025");
}

/* The layout tiles the board with cells that the hit test finds again,
 * and rows take the height their text needs. */
static void
test_layout (SpTestLibrary *fixture,
             gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "united-states", "united-kingdom", NULL);
  g_autoptr(GObject) pango = G_OBJECT (sp_png_create_pango_context ());
  g_autoptr(SpBoardLayout) wide = sp_board_layout_new (comparison, PANGO_CONTEXT (pango), 1400);
  g_autoptr(SpBoardLayout) narrow = sp_board_layout_new (comparison, PANGO_CONTEXT (pango), 700);
  const SpBoardCellBox *first;
  const SpBoardCellBox *last;

  g_assert_cmpuint (comparison->rows->len, ==, 7);
  g_assert_cmpuint (wide->cells->len, ==, (comparison->rows->len + 1) * 2);
  g_assert_cmpfloat (narrow->height, >, wide->height);

  for (guint i = 0; i < wide->cells->len; i++)
    {
      const SpBoardCellBox *cell = &g_array_index (wide->cells, SpBoardCellBox, i);
      const SpBoardCellBox *hit;

      g_assert_cmpuint (cell->row, ==, i < 2 ? SP_BOARD_ROLES_ROW : i / 2 - 1);
      g_assert_cmpuint (cell->side, ==, i % 2);
      g_assert_cmpfloat (cell->rect.size.height, >=, 40.0);
      g_assert_cmpfloat (cell->rect.origin.y + cell->rect.size.height, <=, wide->height);
      hit = sp_board_layout_hit_test (wide, cell->rect.origin.x + 1, cell->rect.origin.y + 1);
      g_assert_true (hit == cell);
      hit = sp_board_layout_hit_test (wide, cell->rect.origin.x + cell->rect.size.width - 1,
                                      cell->rect.origin.y + cell->rect.size.height - 1);
      g_assert_true (hit == cell);
      /* Rows follow each other, a rule apart. */
      if (i >= 2)
        {
          const SpBoardCellBox *above = &g_array_index (wide->cells, SpBoardCellBox, i - 2);

          g_assert_cmpfloat (cell->rect.origin.y, ==, above->rect.origin.y + above->rect.size.height + 1.0);
        }
    }

  first = &g_array_index (wide->cells, SpBoardCellBox, 0);
  last = &g_array_index (wide->cells, SpBoardCellBox, wide->cells->len - 1);
  g_assert_cmpfloat (last->rect.origin.x + last->rect.size.width, <=, 1400.0);
  g_assert_cmpfloat (last->rect.origin.x + last->rect.size.width, >, 1400.0 - 2.0);
  /* The label column, the head and the space under the board hold no cell. */
  g_assert_null (sp_board_layout_hit_test (wide, first->rect.origin.x - 1, first->rect.origin.y + 1));
  g_assert_null (sp_board_layout_hit_test (wide, first->rect.origin.x + 1, first->rect.origin.y - 1));
  g_assert_null (sp_board_layout_hit_test (wide, last->rect.origin.x + 1, wide->height + 1));
}

static guchar *
render_board_area (const SpBoardLayout   *layout,
                   PangoContext          *pango,
                   const graphene_rect_t *area,
                   guint                  row,
                   guint                  side)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  SpRenderStyle style;

  sp_render_style_init_dark (&style);
  gtk_snapshot_append_color (snapshot, &style.background,
                             &GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height));
  sp_render_board (snapshot, layout, &style, pango, area, row, side);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height));
  gsk_renderer_unrealize (renderer);

  return download (texture);
}

static guchar *
render_board (const SpBoardLayout *layout,
              PangoContext        *pango,
              guint                row,
              guint                side)
{
  return render_board_area (layout, pango, NULL, row, side);
}

/* Of a long board, the window draws the rows in sight: those that meet
 * the area come out as in the whole board, the others are not drawn. */
static void
test_area (SpTestLibrary *fixture,
           gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "united-states", "united-kingdom", NULL);
  g_autoptr(GObject) pango = G_OBJECT (sp_png_create_pango_context ());
  g_autoptr(SpBoardLayout) layout = sp_board_layout_new (comparison, PANGO_CONTEXT (pango), 900);
  /* The third topic's row, from a little below its top to its middle */
  const SpBoardCellBox *cell = &g_array_index (layout->cells, SpBoardCellBox, 3 * comparison->n_sides);
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, cell->rect.origin.y + 5, 900, cell->rect.size.height / 2);
  g_autofree guchar *whole = render_board (layout, PANGO_CONTEXT (pango), G_MAXUINT - 1, G_MAXUINT - 1);
  g_autofree guchar *part = render_board_area (layout, PANGO_CONTEXT (pango), &area, G_MAXUINT - 1, G_MAXUINT - 1);
  int width = (int)layout->width;
  int height = (int)layout->height;
  int top = (int)cell->rect.origin.y;
  int bottom = (int)(cell->rect.origin.y + cell->rect.size.height);
  gsize row_bytes = (gsize) width * 4;
  guint differing_rows = 0;

  g_assert_cmpuint (cell->row, ==, 2);
  /* The row itself and its rule, but for the first line of pixels, which
   * the rule above it shares */
  g_assert_cmpmem (part + (top + 1) * row_bytes, (bottom - top) * row_bytes,
                   whole + (top + 1) * row_bytes, (bottom - top) * row_bytes);

  /* Elsewhere, the rows above and below it are missing. */
  for (int y = 0; y < height; y++)
    if ((y < top - 1 || y > bottom + 1) && memcmp (part + y * row_bytes, whole + y * row_bytes, row_bytes) != 0)
      differing_rows++;
  g_assert_cmpuint (differing_rows, >, (guint) (height - (bottom - top)) / 2);
}

/* A long board laid out a few rows at a time ends up as laid out at
 * once, and is drawn as far as it goes meanwhile. */
static void
test_grow (SpTestLibrary *fixture,
           gconstpointer  data)
{
  g_autofree char *debate = sp_test_write_debate (fixture->dir, 60);
  g_autoptr(SpComparison) comparison = NULL;
  g_autoptr(GObject) pango = G_OBJECT (sp_png_create_pango_context ());
  g_autoptr(SpBoardLayout) whole = NULL;
  g_autoptr(SpBoardLayout) layout = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds;
  SpRenderStyle style;
  double height;

  sp_test_import (fixture->library, debate);
  comparison = compare (fixture, "north", "south", NULL);
  g_assert_cmpuint (comparison->rows->len, ==, 60);
  whole = sp_board_layout_new (comparison, PANGO_CONTEXT (pango), 900);
  g_assert_true (whole->complete);
  g_assert_cmpuint (whole->cells->len, ==, 61 * 2);

  /* The head only, then a row at a time */
  layout = sp_board_layout_begin (comparison, PANGO_CONTEXT (pango), 900);
  g_assert_false (layout->complete);
  g_assert_cmpuint (layout->cells->len, ==, 0);
  g_assert_cmpfloat (layout->height, >, 0);
  g_assert_false (sp_board_layout_grow (layout, PANGO_CONTEXT (pango), layout->height + 1, 0));
  g_assert_cmpuint (layout->cells->len, ==, 2);
  g_assert_false (sp_board_layout_grow (layout, PANGO_CONTEXT (pango), layout->height + 500, 0));
  g_assert_cmpuint (layout->cells->len, >, 4);
  g_assert_cmpuint (layout->cells->len, <, 40);

  /* Half of it is drawn, and no further. */
  sp_render_style_init_light (&style);
  sp_render_board (snapshot, layout, &style, PANGO_CONTEXT (pango), NULL, G_MAXUINT - 1, G_MAXUINT - 1);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  gsk_render_node_get_bounds (node, &bounds);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, layout->height + 1);

  height = layout->height;
  while (!sp_board_layout_grow (layout, PANGO_CONTEXT (pango), layout->height + 1, 0))
    {
      g_assert_cmpfloat (layout->height, >, height);
      height = layout->height;
    }
  g_assert_true (layout->complete);
  g_assert_cmpfloat (layout->height, ==, whole->height);
  g_assert_cmpuint (layout->cells->len, ==, whole->cells->len);
  g_assert_cmpmem (layout->cells->data, layout->cells->len * sizeof (SpBoardCellBox),
                   whole->cells->data, whole->cells->len * sizeof (SpBoardCellBox));
  /* Nothing more to do */
  g_assert_true (sp_board_layout_grow (layout, PANGO_CONTEXT (pango), G_MAXDOUBLE, G_MAXINT64));
}

/* The selection ring is drawn inside the selected cell and nowhere else. */
static void
test_selection (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "united-states", "united-kingdom", NULL);
  g_autoptr(GObject) pango = G_OBJECT (sp_png_create_pango_context ());
  g_autoptr(SpBoardLayout) layout = sp_board_layout_new (comparison, PANGO_CONTEXT (pango), 900);
  const SpBoardCellBox *cell = &g_array_index (layout->cells, SpBoardCellBox, 5);
  g_autofree guchar *plain = render_board (layout, PANGO_CONTEXT (pango), G_MAXUINT - 1, G_MAXUINT - 1);
  g_autofree guchar *selected = render_board (layout, PANGO_CONTEXT (pango), cell->row, cell->side);
  int width = (int)layout->width;
  int height = (int)layout->height;
  int x1 = width;
  int y1 = height;
  int x2 = -1;
  int y2 = -1;

  g_assert_cmpuint (cell->row, ==, 1);
  g_assert_cmpuint (cell->side, ==, 1);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (memcmp (plain + (y * width + x) * 4, selected + (y * width + x) * 4, 4) != 0)
        {
          x1 = MIN (x1, x);
          y1 = MIN (y1, y);
          x2 = MAX (x2, x);
          y2 = MAX (y2, y);
        }

  g_assert_cmpint (x2, >=, 0);
  g_assert_cmpint (x1, >=, (int)cell->rect.origin.x);
  g_assert_cmpint (y1, >=, (int)cell->rect.origin.y);
  g_assert_cmpint (x2, <, (int)(cell->rect.origin.x + cell->rect.size.width));
  g_assert_cmpint (y2, <, (int)(cell->rect.origin.y + cell->rect.size.height));
  /* A ring around the cell, not a mark in one corner. */
  g_assert_cmpint (x2 - x1, >, cell->rect.size.width - 10);
  g_assert_cmpint (y2 - y1, >, cell->rect.size.height - 10);
}

/* Double size is the same picture, twice as many pixels each way. */
static void
test_scale (SpTestLibrary *fixture,
            gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "pete-hegseth", "john-healey", NULL);
  g_autoptr(GdkTexture) normal = export (comparison, NULL, 1, fixture->dir);
  g_autoptr(GdkTexture) twice = export (comparison, NULL, 2, fixture->dir);

  g_assert_cmpint (gdk_texture_get_width (normal), ==, EXPORT_WIDTH_2);
  g_assert_cmpint (gdk_texture_get_width (twice), ==, 2 * EXPORT_WIDTH_2);
  g_assert_cmpint (gdk_texture_get_height (twice), ==, 2 * gdk_texture_get_height (normal));
}

static void
add_role (SpSide     *side,
          guint       index,
          gboolean    current,
          guint       citation)
{
  SpSideRole *role = g_new0 (SpSideRole, 1);

  role->text = g_strdup ("Envoy: Dee Dunn");
  role->current = current;
  role->citation = citation;
  g_ptr_array_insert (side->roles, index, role);
}

static double
roles_height (const SpComparison *comparison,
              PangoContext       *pango)
{
  g_autoptr(SpBoardLayout) layout = sp_board_layout_new (comparison, pango, 1200);

  return g_array_index (layout->cells, SpBoardCellBox, 0).rect.size.height;
}

/* A roles cell names at most 6 current and 4 earlier roles, and counts
 * the others. */
static void
test_roles_cap (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "alpha", "beta", NULL);
  g_autoptr(GObject) pango = G_OBJECT (sp_png_create_pango_context ());
  SpSide *alpha = &comparison->sides[0];
  double heights[4];

  /* Alpha's roles set the row's height: 2 current, no earlier one, and
   * then 6, 7 and 27 current roles. */
  g_assert_cmpuint (alpha->roles->len, ==, 2);
  g_assert_true (((SpSideRole *) g_ptr_array_index (alpha->roles, 1))->current);

  for (guint i = 0; i < 4; i++)
    add_role (alpha, 0, TRUE, 1);
  heights[0] = roles_height (comparison, PANGO_CONTEXT (pango));
  add_role (alpha, 0, TRUE, 1);
  heights[1] = roles_height (comparison, PANGO_CONTEXT (pango));
  for (guint i = 0; i < 20; i++)
    add_role (alpha, 0, TRUE, 1);
  heights[2] = roles_height (comparison, PANGO_CONTEXT (pango));
  g_assert_cmpfloat (heights[1], >, heights[0]);
  g_assert_cmpfloat (heights[2], ==, heights[1]);

  /* Alpha's earlier roles: 4, all named; then 5 and 25, 4 named and a
   * count. */
  for (guint i = 0; i < 4; i++)
    add_role (alpha, alpha->roles->len, FALSE, 2);
  heights[0] = roles_height (comparison, PANGO_CONTEXT (pango));
  add_role (alpha, alpha->roles->len, FALSE, 2);
  heights[1] = roles_height (comparison, PANGO_CONTEXT (pango));
  for (guint i = 0; i < 20; i++)
    add_role (alpha, alpha->roles->len, FALSE, 2);
  heights[3] = roles_height (comparison, PANGO_CONTEXT (pango));
  g_assert_cmpfloat (heights[0], >, heights[2]);
  g_assert_cmpfloat (heights[1], >, heights[0]);
  g_assert_cmpfloat (heights[3], ==, heights[1]);
}

static guint
add_citation (SpComparison *comparison,
              const char   *title)
{
  SpCitation *citation = g_new0 (SpCitation, 1);

  citation->number = comparison->citations->len + 1;
  citation->source_id = g_strdup_printf ("extra-%u", citation->number);
  citation->title = g_strdup (title);
  g_ptr_array_add (comparison->citations, citation);

  return citation->number;
}

static int
export_height (const SpComparison *comparison,
               const char         *dir)
{
  g_autoptr(GdkTexture) texture = export (comparison, "Board states", 1, dir);

  return gdk_texture_get_height (texture);
}

/* The picture lists the sources of what it shows, not those of the
 * evidence behind it or of roles it does not name. */
static void
test_sources (SpTestLibrary *fixture,
              gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = compare (fixture, "alpha", "beta", "gamma", NULL);
  g_autoptr(SpComparison) plain = compare (fixture, "alpha", "beta", "gamma", NULL);
  int height = export_height (comparison, fixture->dir);
  const SpComparisonRow *spending;
  SpEvidence *earlier;
  SpSideRole *role;

  g_assert_cmpuint (comparison->citations->len, ==, 2);
  g_assert_cmpuint (comparison->n_board_citations, ==, 2);

  /* Cited by nothing the picture shows. */
  add_citation (comparison, "Only in the evidence");
  g_assert_cmpint (export_height (comparison, fixture->dir), ==, height);

  /* Gamma's seventh current role is not named. */
  for (guint i = 0; i < 7; i++)
    {
      add_role (&comparison->sides[2], 0, TRUE, 1);
      add_role (&plain->sides[2], 0, TRUE, 1);
    }
  height = export_height (comparison, fixture->dir);
  role = g_ptr_array_index (comparison->sides[2].roles, 6);
  role->citation = add_citation (comparison, "For a role not named");
  g_assert_cmpint (export_height (comparison, fixture->dir), ==, height);

  /* Its sixth is: one more line under Sources, as on a board that has
   * no other sources. */
  role = g_ptr_array_index (comparison->sides[2].roles, 5);
  role->citation = add_citation (comparison, "For a role named");
  role = g_ptr_array_index (plain->sides[2].roles, 5);
  role->citation = add_citation (plain, "For a role named");
  g_assert_cmpint (export_height (comparison, fixture->dir), >, height);
  g_assert_cmpint (export_height (comparison, fixture->dir), ==, export_height (plain, fixture->dir));

  /* The statement a shift started from is cited in the cell. */
  height = export_height (plain, fixture->dir);
  spending = g_ptr_array_index (plain->rows, 0);
  g_assert_true (spending->cells[0].shifted);
  earlier = g_ptr_array_index (spending->cells[0].evidence, 1);
  g_assert_cmpint (earlier->stance, ==, spending->cells[0].shifted_from);
  earlier->citation = add_citation (plain, "Where it started");
  g_assert_cmpint (export_height (plain, fixture->dir), >, height);
}

/* Translucent pixels keep their colour and alpha through the PNG. */
static void
test_png_pixels (SpTestLibrary *fixture,
                 gconstpointer  data)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) expected = NULL;
  g_autoptr(GdkTexture) actual = NULL;
  g_autoptr(GObject) pango = G_OBJECT (sp_png_create_pango_context ());
  g_autoptr(PangoLayout) layout = pango_layout_new (PANGO_CONTEXT (pango));
  g_autofree char *path = g_build_filename (fixture->dir, "translucent.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree guchar *expected_pixels = NULL;
  g_autofree guchar *actual_pixels = NULL;

  /* Half the picture is empty, the rest a translucent colour and text,
   * with an edge across a row of pixels. */
  pango_layout_set_text (layout, "Defence spending, 12 Feb 2025", -1);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.9, 0.3, 0.1, 0.37 }, &GRAPHENE_RECT_INIT (0, 0, 200, 40.5));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0.2, 0.4, 0.8, 0.8 });
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  g_assert_true (sp_png_save_node (node, 300, 80, file, &error));
  g_assert_no_error (error);
  actual = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);

  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  expected = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 300, 80));
  gsk_renderer_unrealize (renderer);

  g_assert_cmpint (gdk_texture_get_width (actual), ==, 300);
  g_assert_cmpint (gdk_texture_get_height (actual), ==, 80);
  actual_pixels = download (actual);
  expected_pixels = download (expected);
  /* Not all opaque, nor all clear. */
  g_assert_cmpint (expected_pixels[4 * (10 * 300 + 250) + 3], ==, 0);
  g_assert_cmpint (expected_pixels[4 * (60 * 300 + 10) + 3], ==, 0);
  g_assert_cmpint (expected_pixels[4 * (30 * 300 + 190) + 3], ==, 94);
  g_assert_cmpmem (actual_pixels, 300 * 80 * 4, expected_pixels, 300 * 80 * 4);
}

/* Saves @node as a PNG and compares it with what the GSK cairo renderer
 * makes of it, pixel for pixel. */
static void
assert_png_matches_renderer (GskRenderNode *node,
                             int            width,
                             int            height,
                             const char    *dir)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) expected = NULL;
  g_autoptr(GdkTexture) actual = NULL;
  g_autofree char *path = g_build_filename (dir, "picture.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree guchar *expected_pixels = NULL;
  g_autofree guchar *actual_pixels = NULL;

  g_assert_true (sp_png_save_node (node, width, height, file, &error));
  g_assert_no_error (error);
  actual = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);

  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  expected = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  g_assert_cmpint (gdk_texture_get_width (actual), ==, width);
  g_assert_cmpint (gdk_texture_get_height (actual), ==, height);
  actual_pixels = download (actual);
  expected_pixels = download (expected);
  g_assert_cmpmem (actual_pixels, (gsize) width * height * 4, expected_pixels, (gsize) width * height * 4);
}

/* A tall picture is drawn and compressed in stripes, by several threads:
 * text across the stripes' edges, scaled and shifted parts; a transparent
 * last row, far from the first stripe, turns the whole picture to RGBA;
 * widths that are not a multiple of four pixels; all of it at double
 * size, as exports are, with the background covering every stripe. */
static void
test_png_stripes (SpTestLibrary *fixture,
                  gconstpointer  data)
{
  g_autoptr(GObject) pango = G_OBJECT (sp_png_create_pango_context ());
  g_autoptr(PangoLayout) layout = pango_layout_new (PANGO_CONTEXT (pango));
  static const struct {
    int width;
    int height;
    int scale;
  } pictures[] = {
    { 320, 1500, 1 },
    { 320, 1501, 1 },
    { 323, 1500, 1 },
    { 642, 3000, 2 },
    { 641, 3000, 2 },
  };

  pango_layout_set_text (layout, "How the sides stand on 12 Feb 2025\nNATO membership\n5 % of GDP", -1);

  for (guint i = 0; i < G_N_ELEMENTS (pictures); i++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      gtk_snapshot_scale (snapshot, pictures[i].scale, pictures[i].scale);
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, 321, 1500));
      for (int y = 100; y < 1400; y += 97)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (7, y + 0.5));
          gtk_snapshot_scale (snapshot, 2, 2);
          gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0.2, 0.4, 0.8, 1 });
          gtk_snapshot_restore (snapshot);
          gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.9, 0.3, 0.1, 0.5 }, &GRAPHENE_RECT_INIT (200, y, 100, 40));
        }
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

      assert_png_matches_renderer (node, pictures[i].width, pictures[i].height, fixture->dir);
    }
}

static void
test_png_too_large (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "large.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, 10, 10));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  g_assert_false (sp_png_save_node (node, 40000, 10, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Could not make the PNG picture: invalid value (typically too big) "
                                       "for the size of the input (surface, pattern, etc.)");
  g_assert_false (g_file_query_exists (file, NULL));
}

int
main (int   argc,
      char *argv[])
{
  /* Without a display this fails and still sets up what rendering to a
   * texture needs. */
  gtk_init_check ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/board-render/" path, SpTestLibrary, NULL, fixture_set_up, func, sp_test_library_tear_down)

  ADD ("bundled", test_bundled);
  ADD ("states", test_states);
  ADD ("default-title", test_default_title);
  ADD ("layout", test_layout);
  ADD ("selection", test_selection);
  ADD ("area", test_area);
  ADD ("grow", test_grow);
  ADD ("scale", test_scale);
  ADD ("roles-cap", test_roles_cap);
  ADD ("sources", test_sources);
  ADD ("png-pixels", test_png_pixels);
  ADD ("png-stripes", test_png_stripes);
  ADD ("png-too-large", test_png_too_large);

#undef ADD

  return g_test_run ();
}
