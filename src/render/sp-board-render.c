#define G_LOG_DOMAIN "standpoint-render"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sp-board-render.h"
#include "sp-png.h"

/* Geometry, in logical pixels. */
#define CELL_PAD        14.0
#define LINE_GAP         6.0   /* between the blocks of a cell */
#define PILL_MARKER     10.0
#define HEAD_RULE        2.0
#define SUMMARY_GAP     28.0   /* under the agreement summary */
#define MATRIX_COLUMN  170.0
/* A side's roles row shows this many; the rest are counted. */
#define EXPORT_MARGIN   40.0
#define EXPORT_GAP      22.0

/* Sizes are relative to the context's font, so that the board follows
 * the desktop's font in the window and the fixed one in exports. */
typedef enum {
  TEXT_TITLE,
  TEXT_SUBTITLE,
  TEXT_NOTE,
  TEXT_HEAD,
  TEXT_CAPTION,     /* small capitals over columns and sections */
  TEXT_LABEL,
  TEXT_PROPOSITION,
  TEXT_BODY,
  TEXT_META,
  TEXT_PILL,
  TEXT_QUANTITY,
  TEXT_NUMBER,
  TEXT_SMALL,
} TextKind;

static const struct {
  double scale;
  int    weight;
  int    letter_spacing;   /* in 1/1024 points */
} text_kinds[] = {
  [TEXT_TITLE] = { 2.1, PANGO_WEIGHT_BOLD, 0 },
  [TEXT_SUBTITLE] = { 1.25, PANGO_WEIGHT_NORMAL, 0 },
  [TEXT_NOTE] = { 1.0, PANGO_WEIGHT_NORMAL, 0 },
  [TEXT_HEAD] = { 1.4, PANGO_WEIGHT_BOLD, 0 },
  [TEXT_CAPTION] = { 0.8, PANGO_WEIGHT_BOLD, 1024 },
  [TEXT_LABEL] = { 1.15, PANGO_WEIGHT_BOLD, 0 },
  [TEXT_PROPOSITION] = { 1.0, PANGO_WEIGHT_NORMAL, 0 },
  [TEXT_BODY] = { 1.1, PANGO_WEIGHT_NORMAL, 0 },
  [TEXT_META] = { 0.95, PANGO_WEIGHT_NORMAL, 0 },
  [TEXT_PILL] = { 0.95, PANGO_WEIGHT_BOLD, 0 },
  [TEXT_QUANTITY] = { 1.3, PANGO_WEIGHT_BOLD, 0 },
  [TEXT_NUMBER] = { 2.2, PANGO_WEIGHT_BOLD, 0 },
  [TEXT_SMALL] = { 0.9, PANGO_WEIGHT_NORMAL, 0 },
};

/* Layout and drawing share one code path: with no snapshot, a pen only
 * measures, so what the hit test sees is what gets drawn. */
typedef struct {
  GtkSnapshot         *snapshot;
  const SpRenderStyle *style;
  PangoContext        *pango;
  double               points;   /* size of the context's font */
  double               top;      /* the board's rows outside [top, bottom] */
  double               bottom;   /* are not drawn */
} Pen;

/* The same pen, measuring only: what goes under a text is drawn first. */
#define MEASURING(pen) (&(Pen) { NULL, (pen)->style, (pen)->pango, (pen)->points, (pen)->top, (pen)->bottom })

typedef struct {
  double y;
  double height;
} RowBox;

typedef struct {
  double   width;
  double   label_width;
  double   column_width;
  gboolean rtl;    /* columns run from the right, as tables do in RTL text */
  GArray  *rows;   /* RowBox: the roles row, then one per comparison row,
                    * as far as they are laid out */
  double   rows_end;  /* under the last row laid out and its rule */
} Grid;

static double
grid_label_x (const Grid *grid)
{
  return grid->rtl ? grid->width - grid->label_width : 0.0;
}

static double
grid_column_x (const Grid *grid,
               guint       side)
{
  if (grid->rtl)
    return grid->width - grid->label_width - (side + 1) * grid->column_width;

  return grid->label_width + side * grid->column_width;
}

static void
grid_free (gpointer data)
{
  Grid *grid = data;

  g_array_unref (grid->rows);
  g_free (grid);
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

static double
snap (const SpRenderStyle *style,
      double               value)
{
  double scale = style->scale > 0.0 ? style->scale : 1.0;

  return round (value * scale) / scale;
}

/* Right-to-left text puts a cell's parts from its right edge. */
static gboolean
pen_is_rtl (const Pen *pen)
{
  return pango_context_get_base_dir (pen->pango) == PANGO_DIRECTION_RTL;
}

static void
pen_init (Pen                 *pen,
          GtkSnapshot         *snapshot,
          const SpRenderStyle *style,
          PangoContext        *pango)
{
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  double size = font != NULL ? pango_font_description_get_size (font) / (double)PANGO_SCALE : 0.0;

  if (font != NULL && pango_font_description_get_size_is_absolute (font))
    {
      double dpi = pango_cairo_context_get_resolution (pango);

      size = size * 72.0 / (dpi > 0.0 ? dpi : 96.0);
    }

  *pen = (Pen) { snapshot, style, pango, size > 0.0 ? size : 10.0, -G_MAXDOUBLE, G_MAXDOUBLE };
}

static void
pen_fill (Pen                   *pen,
          const GdkRGBA         *color,
          const graphene_rect_t *rect)
{
  const SpRenderStyle *style = pen->style;
  double x1 = snap (style, rect->origin.x);
  double y1 = snap (style, rect->origin.y);
  double x2 = snap (style, rect->origin.x + rect->size.width);
  double y2 = snap (style, rect->origin.y + rect->size.height);

  if (pen->snapshot != NULL && x2 > x1 && y2 > y1)
    gtk_snapshot_append_color (pen->snapshot, color, &GRAPHENE_RECT_INIT (x1, y1, x2 - x1, y2 - y1));
}

static void
pen_fill_rounded (Pen                   *pen,
                  const GdkRGBA         *color,
                  const graphene_rect_t *rect,
                  double                 radius)
{
  GskRoundedRect clip;

  if (pen->snapshot == NULL)
    return;

  gsk_rounded_rect_init_from_rect (&clip, rect, radius);
  gtk_snapshot_push_rounded_clip (pen->snapshot, &clip);
  gtk_snapshot_append_color (pen->snapshot, color, rect);
  gtk_snapshot_pop (pen->snapshot);
}

static void
pen_ring (Pen                   *pen,
          const GdkRGBA         *color,
          const graphene_rect_t *rect,
          double                 radius,
          double                 width)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  if (pen->snapshot == NULL)
    return;

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (pen->snapshot, &outline, widths, colors);
}

static char *
color_to_hex (const GdkRGBA *color)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (int)(CLAMP (color->red, 0.f, 1.f) * 255.f + 0.5f),
                          (int)(CLAMP (color->green, 0.f, 1.f) * 255.f + 0.5f),
                          (int)(CLAMP (color->blue, 0.f, 1.f) * 255.f + 0.5f));
}

/* Draws @markup of @kind with its top left at (@x, @y), wrapped at
 * @width (< 0: one line); returns its height and sets @text_width. */
static double
pen_text (Pen           *pen,
          TextKind       kind,
          const char    *markup,
          double         x,
          double         y,
          double         width,
          const GdkRGBA *color,
          double        *text_width)
{
  g_autofree char *span = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  graphene_size_t size;

  span = g_strdup_printf ("<span size=\"%d\" weight=\"%d\" letter_spacing=\"%d\">%s</span>",
                          (int)(pen->points * text_kinds[kind].scale * PANGO_SCALE + 0.5),
                          text_kinds[kind].weight, text_kinds[kind].letter_spacing, markup);
  node = sp_render_markup (pen->pango, span, width, color, &size);

  if (pen->snapshot != NULL && node != NULL)
    {
      gtk_snapshot_save (pen->snapshot);
      gtk_snapshot_translate (pen->snapshot,
                              &GRAPHENE_POINT_INIT (snap (pen->style, x), snap (pen->style, y)));
      gtk_snapshot_append_node (pen->snapshot, node);
      gtk_snapshot_restore (pen->snapshot);
    }

  if (text_width != NULL)
    *text_width = size.width;

  return size.height;
}

/* Plain text, escaped. */
static double
pen_plain (Pen           *pen,
           TextKind       kind,
           const char    *text,
           double         x,
           double         y,
           double         width,
           const GdkRGBA *color,
           double        *text_width)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return pen_text (pen, kind, markup, x, y, width, color, text_width);
}

static double
pen_caption (Pen           *pen,
             const char    *text,
             double         x,
             double         y,
             double         width,
             const GdkRGBA *color)
{
  g_autofree char *upper = g_utf8_strup (text, -1);

  return pen_plain (pen, TEXT_CAPTION, upper, x, y, width, color, NULL);
}

/* Stance words stay in their hue but darker (lighter on dark), so that
 * they read as text on the pill's tint. */
static GdkRGBA
stance_text_color (const SpRenderStyle *style,
                   SpStance             stance)
{
  GdkRGBA color;

  sp_render_stance_color (style, stance, &color);
  return mix (&color, &style->foreground, 0.25f);
}

/* A stance as a pill: its marker, its word and its colour. */
static double
pen_pill (Pen      *pen,
          SpStance  stance,
          double    x,
          double    y,
          double   *pill_width)
{
  const SpRenderStyle *style = pen->style;
  GdkRGBA word = stance_text_color (style, stance);
  GdkRGBA tint;
  SpRenderStyle marker_style = *style;
  double text_width;
  double text_height;
  double height;
  double width;

  sp_render_stance_color (style, stance, &tint);
  tint = mix (&style->background, &tint, style->dark ? 0.24f : 0.13f);
  /* Measured first: the pill goes under its text. */
  text_height = pen_plain (MEASURING (pen), TEXT_PILL,
                           sp_stance_get_label (stance), 0, 0, -1, &word, &text_width);
  height = ceil (text_height + 6.0);
  width = ceil (8.0 + PILL_MARKER + 6.0 + text_width + 10.0);

  if (pen->snapshot != NULL)
    {
      pen_fill_rounded (pen, &tint, &GRAPHENE_RECT_INIT (snap (style, x), snap (style, y), width, height),
                        height / 2.0);
      /* The marker's halo takes the pill's colour instead of the page's. */
      marker_style.background = tint;
      sp_render_stance_marker (pen->snapshot, &marker_style, stance,
                               pen_is_rtl (pen) ? x + width - 8.0 - PILL_MARKER / 2.0 : x + 8.0 + PILL_MARKER / 2.0,
                               y + height / 2.0, PILL_MARKER);
      pen_plain (pen, TEXT_PILL, sp_stance_get_label (stance),
                 pen_is_rtl (pen) ? x + 10.0 : x + 8.0 + PILL_MARKER + 6.0,
                 y + (height - text_height) / 2.0, -1, &word, NULL);
    }

  if (pill_width != NULL)
    *pill_width = width;

  return height;
}

/* "No recorded position": hatched and outlined with dashes, unlike any
 * stance's pill, with its words. */
#define DASH 4.0
#define GAP 3.0

static void
pen_no_position (Pen                   *pen,
                 const graphene_rect_t *rect)
{
  const SpRenderStyle *style = pen->style;
  GdkRGBA line = mix (&style->background, &style->dim, style->dark ? 0.3f : 0.2f);
  GdkRGBA transparent = { 0, 0, 0, 0 };
  GskColorStop stops[] = {
    { 0.0f, line }, { 0.18f, line }, { 0.18f, transparent }, { 1.0f, transparent },
  };
  if (pen->snapshot == NULL)
    return;

  gtk_snapshot_append_repeating_linear_gradient (pen->snapshot, rect,
                                                 &GRAPHENE_POINT_INIT (rect->origin.x, rect->origin.y),
                                                 &GRAPHENE_POINT_INIT (rect->origin.x + 5.0, rect->origin.y + 5.0),
                                                 stops, G_N_ELEMENTS (stops));

  /* A dashed border of plain rectangles: the PNG exporter draws stripes
   * in several threads, and a cairo node's recording does not take
   * being replayed by two at once. */
  for (double x = 0.0; x < rect->size.width; x += DASH + GAP)
    {
      double length = MIN (DASH, rect->size.width - x);

      pen_fill (pen, &style->dim, &GRAPHENE_RECT_INIT (rect->origin.x + x, rect->origin.y, length, 1.0));
      pen_fill (pen, &style->dim, &GRAPHENE_RECT_INIT (rect->origin.x + x, rect->origin.y + rect->size.height - 1.0,
                                                       length, 1.0));
    }
  for (double y = DASH + GAP; y < rect->size.height - 1.0; y += DASH + GAP)
    {
      double length = MIN (DASH, rect->size.height - 1.0 - y);

      pen_fill (pen, &style->dim, &GRAPHENE_RECT_INIT (rect->origin.x, rect->origin.y + y, 1.0, length));
      pen_fill (pen, &style->dim, &GRAPHENE_RECT_INIT (rect->origin.x + rect->size.width - 1.0, rect->origin.y + y,
                                                       1.0, length));
    }
}

/* The dark tag at the left of a row where the sides disagree. */
static double
pen_disagree_tag (Pen    *pen,
                  double  x,
                  double  y,
                  double *tag_width)
{
  const SpRenderStyle *style = pen->style;
  /* Translators: the tag of a board row where the sides hold different stances */
  g_autofree char *text = g_strdup_printf ("≠ %s", _("Disagree"));
  double text_width;
  double text_height;
  double width;
  double height;

  text_height = pen_plain (MEASURING (pen), TEXT_PILL, text,
                           0, 0, -1, &style->background, &text_width);
  width = ceil (text_width + 14.0);
  height = ceil (text_height + 4.0);
  pen_fill_rounded (pen, &style->foreground,
                    &GRAPHENE_RECT_INIT (snap (style, x), snap (style, y), width, height), 3.0);
  pen_plain (pen, TEXT_PILL, text, x + 7.0, y + 2.0, -1, &style->background, NULL);

  if (tag_width != NULL)
    *tag_width = width;

  return height;
}

/* The quote in quotation marks, or the paraphrase in italics with the
 * words it quotes set upright. */
static char *
evidence_markup (const SpEvidence *evidence)
{
  const char *found = NULL;

  if (evidence->paraphrase != NULL &&
      (evidence->quote == NULL || (found = strstr (evidence->paraphrase, evidence->quote)) != NULL))
    {
      g_autofree char *before = NULL;
      g_autofree char *quote = NULL;
      g_autofree char *after = NULL;

      if (evidence->quote == NULL)
        return g_markup_printf_escaped ("<i>%s</i>", evidence->paraphrase);

      before = g_markup_escape_text (evidence->paraphrase, found - evidence->paraphrase);
      quote = g_markup_escape_text (evidence->quote, -1);
      after = g_markup_escape_text (found + strlen (evidence->quote), -1);

      return g_strdup_printf ("<i>%s</i>%s<i>%s</i>", before, quote, after);
    }

  if (evidence->quote != NULL)
    {
      /* Translators: a verbatim quote in the board, in your language's quotation marks */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), evidence->quote);

      return g_markup_escape_text (quoted, -1);
    }

  return g_strdup ("");
}

/* A date that does not break across lines. */
static char *
unbroken (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", " ", -1);

  return g_strjoinv ("\u00a0", words);
}

static char *
attribution_markup (const SpEvidence *evidence)
{
  g_autofree char *said = unbroken (evidence->said);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  if (evidence->office != NULL)
    /* Translators: who said it, in which office, and when, under a quote */
    text = g_strdup_printf (_("— %s, %s, %s"), evidence->speaker, evidence->office, said);
  else
    /* Translators: who said it and when, under a quote */
    text = g_strdup_printf (_("— %s, %s"), evidence->speaker, said);
  escaped = g_markup_escape_text (text, -1);

  if (evidence->citation == 0)
    return g_steal_pointer (&escaped);

  return g_strdup_printf ("%s\u00a0<b>[%u]</b>", escaped, evidence->citation);
}

/* The statement that held the earlier stance is cited too. */
static guint
shift_citation (const SpCell *cell)
{
  const SpEvidence *origin = sp_cell_get_shift_origin (cell);

  return origin != NULL ? origin->citation : 0;
}

static char *
shift_markup (const SpRenderStyle *style,
              const SpCell        *cell)
{
  GdkRGBA from_color = stance_text_color (style, cell->shifted_from);
  GdkRGBA to_color = stance_text_color (style, cell->stance);
  g_autofree char *from_hex = color_to_hex (&from_color);
  g_autofree char *to_hex = color_to_hex (&to_color);
  g_autofree char *from = g_markup_printf_escaped ("<span foreground=\"%s\" weight=\"bold\">%s</span>", from_hex,
                                                   sp_stance_get_label (cell->shifted_from));
  g_autofree char *to = g_markup_printf_escaped ("<span foreground=\"%s\" weight=\"bold\">%s</span>", to_hex,
                                                 sp_stance_get_label (cell->stance));
  g_autofree char *from_date = unbroken (cell->shifted_from_date);
  g_autofree char *to_date = unbroken (cell->latest->said);
  g_autofree char *dates = NULL;
  g_autofree char *span = NULL;
  /* Translators: leads the change of stance in a board cell */
  g_autofree char *label = g_markup_escape_text (_("Shift:"), -1);
  g_autofree char *change = NULL;
  guint citation = shift_citation (cell);

  if (citation != 0)
    dates = g_strdup_printf ("%s\u00a0[%u]\u00a0→\u00a0%s", from_date, citation, to_date);
  else
    dates = g_strdup_printf ("%s\u00a0→\u00a0%s", from_date, to_date);
  span = g_markup_escape_text (dates, -1);

  /* Translators: a change of stance in a board cell: "Opposes → Supports
   * (3 Jan 2025 → 12 Feb 2025)"; the first two are stances, then their dates */
  change = g_strdup_printf (_("%s → %s (%s)"), from, to, span);

  return g_strdup_printf ("<b>%s</b> %s", label, change);
}

/* A topic's cell; returns the height its content needs.  @height is the
 * row's, which a cell with no recorded position fills. */
static double
pen_cell (Pen          *pen,
          const SpCell *cell,
          double        x,
          double        y,
          double        width,
          double        height)
{
  const SpRenderStyle *style = pen->style;
  const SpEvidence *evidence = cell->latest;
  double inner = width - 2.0 * CELL_PAD;
  double left = x + CELL_PAD;
  double top = y + CELL_PAD;
  double pill_width;
  double pill_height;
  g_autofree char *body = NULL;
  g_autofree char *attribution = NULL;

  if (cell->state == SP_CELL_NO_POSITION || evidence == NULL)
    {
      const char *text = _("No recorded position");
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", text);
      double text_width;
      double text_height;
      double box_height;

      text_height = pen_text (MEASURING (pen), TEXT_META, markup,
                              0, 0, inner - 16.0, &style->dim, &text_width);
      box_height = MAX (text_height + 20.0, height - 2.0 * CELL_PAD);
      pen_no_position (pen, &GRAPHENE_RECT_INIT (snap (style, left), snap (style, top),
                                                 snap (style, inner), snap (style, box_height)));
      if (pen->snapshot != NULL)
        {
          GdkRGBA plate = style->background;

          /* The words sit on a plate, clear of the hatching. */
          pen_fill (pen, &plate, &GRAPHENE_RECT_INIT (left + (inner - text_width) / 2.0 - 6.0,
                                                      top + (box_height - text_height) / 2.0 - 2.0,
                                                      text_width + 12.0, text_height + 4.0));
          pen_text (pen, TEXT_META, markup, left + (inner - text_width) / 2.0,
                    top + (box_height - text_height) / 2.0, inner - 16.0, &style->dim, NULL);
        }

      return 2.0 * CELL_PAD + text_height + 20.0;
    }

  if (pen_is_rtl (pen))
    {
      pen_pill (MEASURING (pen), cell->stance, 0, 0, &pill_width);
      pill_height = pen_pill (pen, cell->stance, left + inner - pill_width, top, NULL);
    }
  else
    {
      pill_height = pen_pill (pen, cell->stance, left, top, &pill_width);
    }

  if (evidence->has_quantity)
    {
      g_autofree char *quantity = sp_format_quantity (evidence->quantity, evidence->unit);
      double quantity_width;
      double quantity_height;

      quantity_height = pen_plain (MEASURING (pen), TEXT_QUANTITY, quantity,
                                   0, 0, -1, &style->foreground, &quantity_width);
      if (pill_width + 10.0 + quantity_width <= inner)
        {
          pen_plain (pen, TEXT_QUANTITY, quantity,
                     pen_is_rtl (pen) ? left + inner - pill_width - 10.0 - quantity_width : left + pill_width + 10.0,
                     top + (pill_height - quantity_height) / 2.0, -1, &style->foreground, NULL);
          top += MAX (pill_height, quantity_height);
        }
      else
        {
          top += pill_height + 4.0;
          top += pen_plain (pen, TEXT_QUANTITY, quantity, left, top, inner, &style->foreground, NULL);
        }
    }
  else
    {
      top += pill_height;
    }

  if (cell->shifted)
    {
      g_autofree char *shift = shift_markup (style, cell);

      top += LINE_GAP;
      top += pen_text (pen, TEXT_META, shift, left, top, inner, &style->foreground, NULL);
    }

  body = evidence_markup (evidence);
  if (body[0] != '\0')
    {
      top += LINE_GAP + 2.0;
      top += pen_text (pen, TEXT_BODY, body, left, top, inner, &style->foreground, NULL);
    }

  attribution = attribution_markup (evidence);
  top += LINE_GAP;
  top += pen_text (pen, TEXT_META, attribution, left, top, inner, &style->dim, NULL);

  if (cell->evidence != NULL && cell->evidence->len > 1)
    {
      guint earlier = cell->evidence->len - 1;
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u earlier statement",
                                                            "and %u earlier statements",
                                                            earlier),
                                               earlier);

      top += 2.0;
      top += pen_plain (pen, TEXT_META, more, left, top, inner, &style->dim, NULL);
    }

  return top + CELL_PAD - y;
}

/* The row's label: the disagreement tag, the topic and its proposition. */
static double
pen_row_label (Pen                   *pen,
               const SpComparisonRow *row,
               double                 x,
               double                 y,
               double                 width)
{
  const SpRenderStyle *style = pen->style;
  double inner = width - 2.0 * CELL_PAD;
  double top = y + CELL_PAD;

  if (row->disagree)
    top += pen_disagree_tag (pen, x + CELL_PAD, top, NULL) + LINE_GAP;

  top += pen_plain (pen, TEXT_LABEL, row->label, x + CELL_PAD, top, inner, &style->foreground, NULL);
  if (row->proposition != NULL)
    {
      top += 3.0;
      top += pen_plain (pen, TEXT_PROPOSITION, row->proposition, x + CELL_PAD, top, inner, &style->dim, NULL);
    }

  return top + CELL_PAD - y;
}

/* Current roles come first; how many of the side's roles the row shows. */
static double
pen_role (Pen              *pen,
          const SpSideRole *role,
          double            x,
          double            y,
          double            width)
{
  const SpRenderStyle *style = pen->style;
  g_autofree char *text = g_markup_escape_text (role->text, -1);
  g_autofree char *markup = NULL;

  if (role->citation != 0)
    markup = g_strdup_printf ("%s\u00a0<b>[%u]</b>", text, role->citation);
  else
    markup = g_strdup (text);

  return pen_text (pen, role->current ? TEXT_BODY : TEXT_META, markup, x, y, width,
                   role->current ? &style->foreground : &style->dim, NULL);
}

static double
pen_more_roles (Pen    *pen,
                guint   more,
                double  x,
                double  y,
                double  width)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more),
                                           more);

  return 3.0 + pen_plain (pen, TEXT_META, text, x, y + 3.0, width, &pen->style->dim, NULL);
}

static double
pen_roles (Pen          *pen,
           const SpSide *side,
           double        x,
           double        y,
           double        width)
{
  const SpRenderStyle *style = pen->style;
  double inner = width - 2.0 * CELL_PAD;
  double left = x + CELL_PAD;
  double top = y + CELL_PAD;
  guint n_current;
  guint shown_current;
  guint shown_earlier;
  guint n_earlier;

  if (side->roles == NULL || side->roles->len == 0)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", _("No recorded role"));

      top += pen_text (pen, TEXT_META, markup, left, top, inner, &style->dim, NULL);
      return top + CELL_PAD - y;
    }

  /* A side may hold or have held dozens of offices; the row names the
   * latest few, which keeps the board and its picture readable. */
  sp_side_count_roles (side, &n_current, &shown_current, &shown_earlier);
  n_earlier = side->roles->len - n_current;

  for (guint i = 0; i < shown_current; i++)
    {
      if (i > 0)
        top += 5.0;
      top += pen_role (pen, g_ptr_array_index (side->roles, i), left, top, inner);
    }
  if (n_current > shown_current)
    top += pen_more_roles (pen, n_current - shown_current, left, top, inner);

  if (n_earlier > 0)
    {
      if (n_current > 0)
        top += 10.0;
      /* Translators: over the roles a side held before the board's date */
      top += pen_caption (pen, _("Earlier"), left, top, inner, &style->dim) + 2.0;
    }
  for (guint i = 0; i < shown_earlier; i++)
    {
      if (n_current > 0 || i > 0)
        top += 3.0;
      top += pen_role (pen, g_ptr_array_index (side->roles, n_current + i), left, top, inner);
    }
  if (n_earlier > shown_earlier)
    top += pen_more_roles (pen, n_earlier - shown_earlier, left, top, inner);

  return top + CELL_PAD - y;
}

static double
pen_roles_label (Pen                *pen,
                 const SpComparison *comparison,
                 double              x,
                 double              y,
                 double              width)
{
  const SpRenderStyle *style = pen->style;
  double inner = width - 2.0 * CELL_PAD;
  double top = y + CELL_PAD;
  /* Translators: the first row of the board, what each side was doing */
  g_autofree char *note = g_strdup_printf (_("Offices and parts in events on %s"), comparison->as_of_label);

  /* Translators: the label of the board's first row */
  top += pen_plain (pen, TEXT_LABEL, _("Roles"), x + CELL_PAD, top, inner, &style->foreground, NULL);
  top += 3.0;
  top += pen_plain (pen, TEXT_PROPOSITION, note, x + CELL_PAD, top, inner, &style->dim, NULL);

  return top + CELL_PAD - y;
}

/* Column heads: the side's name and kind. */
static double
pen_head (Pen                *pen,
          const SpComparison *comparison,
          const Grid         *grid,
          double              y)
{
  const SpRenderStyle *style = pen->style;
  double height = 0.0;

  /* Translators: the head of the board's first column */
  height = pen_caption (pen, _("Topic and proposition"), grid_label_x (grid) + CELL_PAD, y + CELL_PAD / 2.0,
                        grid->label_width - 2.0 * CELL_PAD, &style->dim);

  for (guint s = 0; s < comparison->n_sides; s++)
    {
      const SpSide *side = &comparison->sides[s];
      double x = grid_column_x (grid, s) + CELL_PAD;
      double inner = grid->column_width - 2.0 * CELL_PAD;
      double top = y + CELL_PAD / 2.0;
      const char *kind = sp_actor_kind_get_label (side->kind);

      top += pen_caption (pen, kind != NULL ? kind : "", x, top, inner, &style->dim);
      top += 2.0;
      top += pen_plain (pen, TEXT_HEAD, side->name, x, top, inner, &style->foreground, NULL);
      height = MAX (height, top - y);
    }

  return height + CELL_PAD / 2.0;
}

/* Two sides: how many topics they agree on, differ on, cannot compare. */
static double
pen_agreement_counts (Pen                *pen,
                      const SpComparison *comparison,
                      double              top,
                      double              width)
{
  const SpRenderStyle *style = pen->style;
  const guint *counts = comparison->counts[0][1];
  const char *labels[] = {
    /* Translators: in the agreement summary, after a count of topics */
    [SP_AGREEMENT_AGREE] = N_("agree"),
    /* Translators: in the agreement summary, after a count of topics */
    [SP_AGREEMENT_DIFFER] = N_("differ"),
    /* Translators: in the agreement summary, after a count of topics where
     * one side or both have no recorded position */
    [SP_AGREEMENT_INCOMPARABLE] = N_("cannot be compared"),
  };
  double x = 0.0;
  double height = 0.0;

  for (guint a = SP_AGREEMENT_AGREE; a <= SP_AGREEMENT_INCOMPARABLE; a++)
    {
      char number[16];
      double number_width;
      double number_height;
      double label_width;
      double label_height;

      g_snprintf (number, sizeof number, "%u", counts[a]);
      number_height = pen_plain (pen, TEXT_NUMBER, number, x, top, -1, &style->foreground, &number_width);
      label_height = pen_plain (MEASURING (pen), TEXT_LABEL, _(labels[a]), 0, 0, -1,
                                &style->foreground, &label_width);
      /* Both fonts have their baseline at about the same fraction of
       * their height. */
      pen_plain (pen, TEXT_LABEL, _(labels[a]), x + number_width + 8.0,
                 top + (number_height - label_height) * 0.78, -1, &style->foreground, NULL);
      x += number_width + 8.0 + label_width + 36.0;
      height = MAX (height, number_height);
    }
  top += height;

  if (counts[SP_AGREEMENT_INCOMPARABLE] > 0)
    top += pen_plain (pen, TEXT_META,
                      _("Topics cannot be compared where one side or both have no recorded position."),
                      0, top + 2.0, width, &style->dim, NULL) + 2.0;

  return top;
}

/* Three or four sides: the counts of each pair in a matrix. */
static double
pen_agreement_matrix (Pen                *pen,
                      const SpComparison *comparison,
                      double              top,
                      double              width)
{
  const SpRenderStyle *style = pen->style;
  GdkRGBA rule = mix (&style->background, &style->dim, 0.35f);
  GdkRGBA diagonal = mix (&style->background, &style->foreground, style->dark ? 0.08f : 0.05f);
  guint n = comparison->n_sides;
  double name_width = 0.0;
  double column;
  double head_height = 0.0;

  for (guint s = 0; s < n; s++)
    {
      double name;

      pen_plain (MEASURING (pen), TEXT_PILL, comparison->sides[s].name, 0, 0, -1, &style->foreground, &name);
      name_width = MAX (name_width, name);
    }
  name_width = MIN (ceil (name_width) + 16.0, width / 3.0);
  column = MIN (MATRIX_COLUMN, (width - name_width) / n);

  for (guint s = 0; s < n; s++)
    head_height = MAX (head_height,
                       pen_plain (pen, TEXT_PILL, comparison->sides[s].name, name_width + s * column + 8.0,
                                  top, column - 16.0, &style->foreground, NULL));
  top += head_height + 4.0;

  for (guint a = 0; a < n; a++)
    {
      double height = 0.0;

      pen_fill (pen, &rule, &GRAPHENE_RECT_INIT (0, top, name_width + n * column, 1.0));
      top += 1.0;

      for (guint b = 0; b < n; b++)
        {
          const guint *counts = comparison->counts[MIN (a, b)][MAX (a, b)];
          g_autofree char *first = NULL;
          g_autofree char *second = NULL;
          double x = name_width + b * column + 8.0;
          double cell_height;

          if (a == b)
            continue;

          /* Translators: a cell of the agreement matrix, Pango markup: the
           * topics on which two sides agree and differ */
          first = g_strdup_printf (_("<b>%u</b> agree · <b>%u</b> differ"),
                                   counts[SP_AGREEMENT_AGREE], counts[SP_AGREEMENT_DIFFER]);
          second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u cannot be compared",
                                                 "%u cannot be compared",
                                                 counts[SP_AGREEMENT_INCOMPARABLE]),
                                    counts[SP_AGREEMENT_INCOMPARABLE]);
          cell_height = pen_text (pen, TEXT_META, first, x, top + 6.0, column - 16.0, &style->foreground, NULL);
          cell_height += pen_plain (pen, TEXT_META, second, x, top + 6.0 + cell_height, column - 16.0,
                                    &style->dim, NULL);
          height = MAX (height, cell_height + 12.0);
        }

      pen_fill (pen, &diagonal, &GRAPHENE_RECT_INIT (name_width + a * column, top, column, height));
      pen_plain (pen, TEXT_PILL, comparison->sides[a].name, 0, top + 6.0, name_width - 8.0,
                 &style->foreground, NULL);
      top += height;
    }
  pen_fill (pen, &rule, &GRAPHENE_RECT_INIT (0, top, name_width + n * column, 1.0));

  return top + 1.0;
}

static double
pen_summary (Pen                *pen,
             const SpComparison *comparison,
             double              width)
{
  guint n_topics = comparison->rows->len;
  g_autofree char *caption = NULL;
  double top;

  if (comparison->n_sides == 2)
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Agreement on %u topic",
                                            "Agreement on %u topics",
                                            n_topics),
                               n_topics);
  else
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Agreement between the sides on %u topic",
                                            "Agreement between the sides on %u topics",
                                            n_topics),
                               n_topics);
  top = pen_caption (pen, caption, 0, 0, width, &pen->style->dim) + 6.0;

  if (comparison->n_sides == 2)
    return pen_agreement_counts (pen, comparison, top, width);

  return pen_agreement_matrix (pen, comparison, top, width);
}

/* The agreement summary, the sides' heads and the rule under them;
 * returns where the rows begin. */
static double
pen_board_top (Pen                *pen,
               const SpComparison *comparison,
               const Grid         *grid,
               double              width)
{
  double y;

  y = pen_summary (pen, comparison, width) + SUMMARY_GAP;
  y += pen_head (pen, comparison, grid, y);
  pen_fill (pen, &pen->style->foreground, &GRAPHENE_RECT_INIT (0, y, width, HEAD_RULE));

  return y + HEAD_RULE;
}

/* Row @r of the board in @box, the roles row for 0; returns the height
 * of what it holds, which measuring finds out with a box of no height.
 * The rule under it is drawn at the box's bottom. */
static double
pen_board_row (Pen                *pen,
               const SpComparison *comparison,
               const Grid         *grid,
               guint               r,
               const RowBox       *box)
{
  const SpRenderStyle *style = pen->style;
  const SpComparisonRow *row = r > 0 ? g_ptr_array_index (comparison->rows, r - 1) : NULL;
  GdkRGBA rule = mix (&style->background, &style->dim, 0.35f);
  GdkRGBA shade = mix (&style->background, &style->foreground, style->dark ? 0.07f : 0.04f);
  double height;

  /* What goes under the text first */
  if (row == NULL)
    pen_fill (pen, &shade, &GRAPHENE_RECT_INIT (0, box->y, grid->width, box->height));
  else if (row->disagree)
    pen_fill (pen, &style->foreground,
              &GRAPHENE_RECT_INIT (grid->rtl ? grid->width - 4.0 : 0.0, box->y, 4.0, box->height));

  if (row == NULL)
    height = pen_roles_label (pen, comparison, grid_label_x (grid), box->y, grid->label_width);
  else
    height = pen_row_label (pen, row, grid_label_x (grid), box->y, grid->label_width);

  for (guint s = 0; s < comparison->n_sides; s++)
    {
      double x = grid_column_x (grid, s);

      if (row == NULL)
        height = MAX (height, pen_roles (pen, &comparison->sides[s], x, box->y, grid->column_width));
      else
        height = MAX (height, pen_cell (pen, &row->cells[s], x, box->y, grid->column_width, box->height));
    }

  pen_fill (pen, r == comparison->rows->len ? &style->foreground : &rule,
            &GRAPHENE_RECT_INIT (0, box->y + box->height, grid->width, 1.0));

  return height;
}

/* What follows the rows at @y: a note when there are none; returns its
 * height. */
static double
pen_board_end (Pen                *pen,
               const SpComparison *comparison,
               double              y,
               double              width)
{
  g_autofree char *markup = NULL;

  if (comparison->rows->len > 0)
    return 0.0;

  markup = g_markup_printf_escaped ("<i>%s</i>",
                                    _("None of the sides has a recorded position "
                                      "on any topic up to this date."));

  return pen_text (pen, TEXT_BODY, markup, CELL_PAD, y + CELL_PAD, width - 2.0 * CELL_PAD,
                   &pen->style->dim, NULL) + 2.0 * CELL_PAD;
}

/* Draws the board as far as it is laid out, or of its rows those that
 * meet the pen's bounds. */
static void
pen_board (Pen                 *pen,
           const SpBoardLayout *layout)
{
  const SpComparison *comparison = layout->comparison;
  const Grid *grid = layout->data;

  pen_board_top (pen, comparison, grid, layout->width);

  for (guint r = 0; r < grid->rows->len; r++)
    {
      const RowBox *box = &g_array_index (grid->rows, RowBox, r);

      if (box->y <= pen->bottom && box->y + box->height + 1.0 >= pen->top)
        pen_board_row (pen, comparison, grid, r, box);
    }

  if (layout->complete)
    pen_board_end (pen, comparison, grid->rows_end, layout->width);
}

SpBoardLayout *
sp_board_layout_begin (const SpComparison *comparison,
                       PangoContext       *pango,
                       double              width)
{
  SpBoardLayout *layout;
  SpRenderStyle style;
  Grid *grid;
  Pen pen;

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (comparison->n_sides > 0 && comparison->n_sides <= SP_COMPARISON_MAX_SIDES, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), NULL);

  /* Only sizes matter here, and no style changes them. */
  sp_render_style_init_light (&style);
  pen_init (&pen, NULL, &style, pango);

  grid = g_new0 (Grid, 1);
  grid->rows = g_array_new (FALSE, FALSE, sizeof (RowBox));
  grid->width = width;
  grid->rtl = pango_context_get_base_dir (pango) == PANGO_DIRECTION_RTL;
  grid->label_width = floor (CLAMP (width * 0.24, 160.0, 300.0));
  grid->column_width = floor (MAX (width - grid->label_width, 0.0) / comparison->n_sides);
  grid->rows_end = pen_board_top (&pen, comparison, grid, width);

  layout = g_new0 (SpBoardLayout, 1);
  layout->comparison = comparison;
  layout->width = width;
  layout->height = grid->rows_end;
  layout->cells = g_array_new (FALSE, FALSE, sizeof (SpBoardCellBox));
  layout->data = grid;
  layout->data_free = grid_free;

  return layout;
}

gboolean
sp_board_layout_grow (SpBoardLayout *layout,
                      PangoContext  *pango,
                      double         min_height,
                      gint64         deadline)
{
  const SpComparison *comparison;
  SpRenderStyle style;
  Grid *grid;
  Pen pen;

  g_return_val_if_fail (layout != NULL, TRUE);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), TRUE);

  comparison = layout->comparison;
  grid = layout->data;
  sp_render_style_init_light (&style);
  pen_init (&pen, NULL, &style, pango);

  /* The roles row, then a row per topic */
  while (grid->rows->len <= comparison->rows->len &&
         (layout->height < min_height || g_get_monotonic_time () < deadline))
    {
      guint r = grid->rows->len;
      RowBox box = { grid->rows_end, 0.0 };

      box.height = ceil (pen_board_row (&pen, comparison, grid, r, &box));
      g_array_append_val (grid->rows, box);

      for (guint s = 0; s < comparison->n_sides; s++)
        {
          SpBoardCellBox cell = {
            GRAPHENE_RECT_INIT (grid_column_x (grid, s), box.y, grid->column_width, box.height),
            r == 0 ? SP_BOARD_ROLES_ROW : r - 1,
            s,
          };

          g_array_append_val (layout->cells, cell);
        }

      grid->rows_end = box.y + box.height + 1.0;
      layout->height = grid->rows_end;
    }

  if (!layout->complete && grid->rows->len > comparison->rows->len)
    {
      layout->height = grid->rows_end + pen_board_end (&pen, comparison, grid->rows_end, layout->width);
      layout->complete = TRUE;
    }

  return layout->complete;
}

SpBoardLayout *
sp_board_layout_new (const SpComparison *comparison,
                     PangoContext       *pango,
                     double              width)
{
  SpBoardLayout *layout = sp_board_layout_begin (comparison, pango, width);

  if (layout != NULL)
    sp_board_layout_grow (layout, pango, G_MAXDOUBLE, 0);

  return layout;
}

void
sp_board_layout_free (SpBoardLayout *layout)
{
  if (layout == NULL)
    return;

  if (layout->data_free != NULL)
    layout->data_free (layout->data);
  g_array_unref (layout->cells);
  g_free (layout);
}

const SpBoardCellBox *
sp_board_layout_hit_test (const SpBoardLayout *layout,
                          double               x,
                          double               y)
{
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint i = 0; i < layout->cells->len; i++)
    {
      const SpBoardCellBox *cell = &g_array_index (layout->cells, SpBoardCellBox, i);

      if (graphene_rect_contains_point (&cell->rect, &GRAPHENE_POINT_INIT (x, y)))
        return cell;
    }

  return NULL;
}

void
sp_render_board (GtkSnapshot           *snapshot,
                 const SpBoardLayout   *layout,
                 const SpRenderStyle   *style,
                 PangoContext          *pango,
                 const graphene_rect_t *area,
                 guint                  selected_row,
                 guint                  selected_side)
{
  Pen pen;

  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (layout != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (pango));

  pen_init (&pen, snapshot, style, pango);
  if (area != NULL)
    {
      pen.top = area->origin.y;
      pen.bottom = area->origin.y + area->size.height;
    }
  pen_board (&pen, layout);

  for (guint i = 0; i < layout->cells->len; i++)
    {
      const SpBoardCellBox *cell = &g_array_index (layout->cells, SpBoardCellBox, i);
      graphene_rect_t ring;

      if (cell->row != selected_row || cell->side != selected_side)
        continue;

      graphene_rect_inset_r (&cell->rect, 3.0, 3.0, &ring);
      pen_ring (&pen, &style->accent, &ring, 6.0, 2.0);
    }
}

/* The legend */

static double
legend_stances (Pen    *pen,
                double  x,
                double  y,
                double  width)
{
  const SpRenderStyle *style = pen->style;
  double left = x;
  double height = 0.0;
  double text_width;
  double text_height;

  /* Translators: the legend of the board, before the stance pills */
  text_height = pen_plain (pen, TEXT_META, _("Latest stance toward the proposition:"), x, y + 4.0, -1,
                           &style->dim, &text_width);
  x += text_width + 12.0;
  height = text_height + 8.0;

  for (SpStance s = SP_STANCE_SUPPORT; s <= SP_STANCE_UNCLEAR; s++)
    {
      double pill_width;
      double pill_height = pen_pill (MEASURING (pen), s, 0, 0, &pill_width);

      if (x + pill_width > left + width)
        {
          x = left;
          y += height + 6.0;
        }
      pen_pill (pen, s, x, y, NULL);
      x += pill_width + 8.0;
      height = MAX (height, pill_height);
    }

  return y + height;
}

typedef enum {
  KEY_TEXT,
  KEY_NO_POSITION,
  KEY_DISAGREE,
} KeySymbol;

/* Draws the symbol of a key of the legend in a row of @height at (@x, @y);
 * returns its width. */
static double
pen_key_symbol (Pen       *pen,
                KeySymbol  symbol,
                double     x,
                double     y,
                double     height)
{
  const SpRenderStyle *style = pen->style;

  switch (symbol)
    {
    case KEY_NO_POSITION:
      {
        g_autofree char *text = g_markup_printf_escaped ("<i>%s</i>", _("No recorded position"));
        double text_width;
        double text_height = pen_text (MEASURING (pen), TEXT_META, text, 0, 0, -1, &style->dim, &text_width);
        double width = ceil (text_width + 16.0);

        pen_no_position (pen, &GRAPHENE_RECT_INIT (x, y, width, height));
        pen_fill (pen, &style->background, &GRAPHENE_RECT_INIT (x + 4.0, y + 3.0, width - 8.0, height - 6.0));
        pen_text (pen, TEXT_META, text, x + 8.0, y + (height - text_height) / 2.0, -1, &style->dim, NULL);

        return width;
      }

    case KEY_DISAGREE:
      {
        double width;
        double tag_height = pen_disagree_tag (MEASURING (pen), 0, 0, &width);

        pen_disagree_tag (pen, x, y + (height - tag_height) / 2.0, NULL);

        return width;
      }

    case KEY_TEXT:
    default:
      return 0.0;
    }
}

double
sp_render_board_legend (GtkSnapshot         *snapshot,
                        const SpRenderStyle *style,
                        PangoContext        *pango,
                        double               width)
{
  /* Translators: legend of the board, after the "No recorded position" box */
  g_autofree char *no_position = g_markup_escape_text (_("no statement up to the date"), -1);
  /* Translators: legend of the board, after the "Disagree" tag */
  g_autofree char *disagree = g_markup_escape_text (_("the sides hold different stances"), -1);
  /* Translators: legend of the board: numbers in brackets refer to the list of sources */
  g_autofree char *source = g_markup_escape_text (_("[1] source, listed below"), -1);
  const struct {
    KeySymbol   symbol;
    const char *markup;
  } keys[] = {
    /* Translators: legend of the board, Pango markup; the quotation marks are your language's */
    { KEY_TEXT, _("“Quote”, <i>paraphrase</i>") },
    { KEY_NO_POSITION, no_position },
    { KEY_DISAGREE, disagree },
    { KEY_TEXT, source },
  };
  Pen pen;
  double x = 0.0;
  double y;
  double line_height = 0.0;

  g_return_val_if_fail (snapshot == NULL || GTK_IS_SNAPSHOT (snapshot), 0.0);
  g_return_val_if_fail (style != NULL, 0.0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), 0.0);

  pen_init (&pen, snapshot, style, pango);
  y = legend_stances (&pen, 0.0, 0.0, width) + 10.0;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      double text_width;
      double height = pen_text (MEASURING (&pen), TEXT_META, keys[k].markup, 0, 0, -1,
                                &style->foreground, &text_width) + 8.0;
      double symbol_width = pen_key_symbol (MEASURING (&pen), keys[k].symbol, 0, 0, height);
      double key_width = symbol_width + (symbol_width > 0.0 ? 8.0 : 0.0) + text_width;

      if (x > 0.0 && x + key_width > width)
        {
          x = 0.0;
          y += line_height + 6.0;
          line_height = 0.0;
        }

      pen_key_symbol (&pen, keys[k].symbol, x, y, height);
      pen_text (&pen, TEXT_META, keys[k].markup, x + key_width - text_width, y + 4.0, -1,
                &style->foreground, NULL);
      x += key_width + 24.0;
      line_height = MAX (line_height, height);
    }

  return y + line_height;
}

/* The export */

static char *
join_names (const SpComparison *comparison)
{
  char *names = g_strdup (comparison->sides[0].name);

  for (guint s = 1; s < comparison->n_sides; s++)
    {
      char *joined;

      if (s + 1 < comparison->n_sides)
        /* Translators: joins names in a list, before the last one */
        joined = g_strdup_printf (_("%s, %s"), names, comparison->sides[s].name);
      else
        /* Translators: joins the last name of a list */
        joined = g_strdup_printf (_("%s and %s"), names, comparison->sides[s].name);
      g_free (names);
      names = joined;
    }

  return names;
}

char *
sp_board_get_default_title (const SpComparison *comparison)
{
  g_autoptr(GString) names = NULL;

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (comparison->n_sides > 0, NULL);

  if (comparison->n_sides == 2)
    /* Translators: the title of an exported comparison: "United States vs
     * United Kingdom as of 12 Feb 2025" */
    return g_strdup_printf (_("%s vs %s as of %s"), comparison->sides[0].name, comparison->sides[1].name,
                            comparison->as_of_label);

  names = g_string_new (comparison->sides[0].name);
  for (guint s = 1; s < comparison->n_sides; s++)
    /* Translators: between the names of the sides in an exported comparison's title */
    g_string_append_printf (names, _(" vs %s"), comparison->sides[s].name);

  /* Translators: the title of an exported comparison of three or four sides */
  return g_strdup_printf (_("%s as of %s"), names->str, comparison->as_of_label);
}

/* The numbers the picture shows: the cells' latest statements, the
 * statements their shifts started from and the roles the board names.
 * The rest of the evidence is not in the picture, nor are its sources. */
static gboolean *
find_cited (const SpComparison *comparison,
            guint              *last)
{
  guint n = comparison->citations->len;
  gboolean *cited = g_new0 (gboolean, n + 1);

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const SpComparisonRow *row = g_ptr_array_index (comparison->rows, r);

      for (guint s = 0; s < comparison->n_sides; s++)
        {
          const SpCell *cell = &row->cells[s];

          if (cell->state == SP_CELL_NO_POSITION || cell->latest == NULL)
            continue;
          cited[cell->latest->citation] = TRUE;
          if (cell->shifted)
            cited[shift_citation (cell)] = TRUE;
        }
    }

  for (guint s = 0; s < comparison->n_sides; s++)
    {
      const SpSide *side = &comparison->sides[s];
      guint n_current;
      guint shown_current;
      guint shown_earlier;

      if (side->roles == NULL)
        continue;
      sp_side_count_roles (side, &n_current, &shown_current, &shown_earlier);
      for (guint i = 0; i < shown_current; i++)
        cited[((const SpSideRole *) g_ptr_array_index (side->roles, i))->citation] = TRUE;
      for (guint i = 0; i < shown_earlier; i++)
        cited[((const SpSideRole *) g_ptr_array_index (side->roles, n_current + i))->citation] = TRUE;
    }

  *last = 0;
  for (guint number = 1; number <= n; number++)
    if (cited[number])
      *last = number;

  return cited;
}

static double
draw_citations (Pen                *pen,
                const SpComparison *comparison,
                double              x,
                double              y,
                double              width)
{
  const SpRenderStyle *style = pen->style;
  g_autofree gboolean *cited = NULL;
  g_autofree char *widest = NULL;
  double top = y;
  double number_width = 0.0;
  guint last;

  cited = find_cited (comparison, &last);
  if (last == 0)
    return 0.0;

  /* Translators: the heading of the list of sources under an exported board */
  top += pen_caption (pen, _("Sources"), x, top, width, &style->dim) + 6.0;

  widest = g_strdup_printf ("<b>[%u]</b>", last);
  pen_text (MEASURING (pen), TEXT_SMALL, widest, 0, 0, -1, &style->foreground, &number_width);
  number_width = ceil (number_width) + 8.0;

  for (guint i = 0; i < last; i++)
    {
      const SpCitation *citation = g_ptr_array_index (comparison->citations, i);
      g_autoptr(GString) text = NULL;
      g_autofree char *number = NULL;
      g_autofree char *title = NULL;

      if (!cited[citation->number])
        continue;

      text = g_string_new (NULL);
      number = g_strdup_printf ("<b>[%u]</b>", citation->number);
      if (citation->publisher != NULL)
        g_string_append_printf (text, "%s, ", citation->publisher);
      /* Translators: a source's title in the list of sources, in your language's quotation marks */
      title = g_strdup_printf (_("“%s”"), citation->title);
      g_string_append (text, title);
      if (citation->published != NULL)
        g_string_append_printf (text, ", %s", citation->published);
      if (citation->url != NULL)
        g_string_append_printf (text, ", %s", citation->url);

      pen_text (pen, TEXT_SMALL, number, x, top, -1, &style->foreground, NULL);
      top += pen_plain (pen, TEXT_SMALL, text->str, x + number_width, top, width - number_width,
                        &style->foreground, NULL) + 3.0;
    }

  return top - y;
}

static double
draw_heading (Pen                *pen,
              const SpComparison *comparison,
              const char         *title,
              double              x,
              double              y,
              double              width)
{
  const SpRenderStyle *style = pen->style;
  guint n_topics = comparison->rows->len;
  g_autofree char *names = join_names (comparison);
  g_autofree char *subtitle = NULL;
  double top = y;

  top += pen_plain (pen, TEXT_TITLE, title, x, top, width, &style->foreground, NULL) + 6.0;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "How %s stand on %u topic, as of %s",
                                           "How %s stand on %u topics, as of %s",
                                           n_topics),
                              names, n_topics, comparison->as_of_label);
  top += pen_plain (pen, TEXT_SUBTITLE, subtitle, x, top, width, &style->foreground, NULL) + 4.0;
  top += pen_plain (pen, TEXT_NOTE,
                    _("Each cell holds the side’s latest statement on the topic up to that date. A country "
                      "or organization speaks through the people who held its offices when they spoke."),
                    x, top, width, &style->dim, NULL);

  return top - y;
}

gboolean
sp_export_board_png (const SpComparison  *comparison,
                     const char          *title,
                     int                  scale,
                     GFile               *file,
                     GError             **error)
{
  g_autoptr(GObject) pango_owner = NULL;
  PangoContext *pango;
  g_autoptr(SpBoardLayout) layout = NULL;
  g_autoptr(GtkSnapshot) content = NULL;
  g_autoptr(GskRenderNode) content_node = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *default_title = NULL;
  SpRenderStyle style;
  Pen pen;
  double board_width;
  double width;
  double y;

  g_return_val_if_fail (comparison != NULL, FALSE);
  g_return_val_if_fail (comparison->n_sides >= 2 && comparison->n_sides <= SP_COMPARISON_MAX_SIDES, FALSE);
  g_return_val_if_fail (scale == 1 || scale == 2, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Without a display nothing registers the node types. */
  g_type_ensure (GSK_TYPE_CONTAINER_NODE);
  g_type_ensure (GSK_TYPE_TRANSFORM_NODE);
  g_type_ensure (GSK_TYPE_COLOR_NODE);
  g_type_ensure (GSK_TYPE_TEXT_NODE);
  g_type_ensure (GSK_TYPE_TEXTURE_NODE);
  g_type_ensure (GSK_TYPE_BORDER_NODE);
  g_type_ensure (GSK_TYPE_ROUNDED_CLIP_NODE);
  g_type_ensure (GSK_TYPE_REPEATING_LINEAR_GRADIENT_NODE);
  g_type_ensure (GSK_TYPE_CAIRO_NODE);

  if (title == NULL)
    title = default_title = sp_board_get_default_title (comparison);

  pango = sp_png_create_pango_context ();
  pango_owner = G_OBJECT (pango);
  sp_render_style_init_light (&style);
  style.scale = scale;

  /* Room for a readable column per side. */
  board_width = 640.0 + 220.0 * comparison->n_sides;
  width = board_width + 2.0 * EXPORT_MARGIN;

  content = gtk_snapshot_new ();
  pen_init (&pen, content, &style, pango);
  y = EXPORT_MARGIN;
  y += draw_heading (&pen, comparison, title, EXPORT_MARGIN, y, board_width) + EXPORT_GAP;

  gtk_snapshot_save (content);
  gtk_snapshot_translate (content, &GRAPHENE_POINT_INIT (EXPORT_MARGIN, y));
  y += sp_render_board_legend (content, &style, pango, board_width) + EXPORT_GAP + 8.0;
  gtk_snapshot_restore (content);

  layout = sp_board_layout_new (comparison, pango, board_width);
  gtk_snapshot_save (content);
  gtk_snapshot_translate (content, &GRAPHENE_POINT_INIT (EXPORT_MARGIN, y));
  sp_render_board (content, layout, &style, pango, NULL, G_MAXUINT - 1, G_MAXUINT - 1);
  gtk_snapshot_restore (content);
  y += layout->height + EXPORT_GAP;

  y += draw_citations (&pen, comparison, EXPORT_MARGIN, y, board_width);
  y = ceil (y + EXPORT_MARGIN);

  if (y * scale > SP_PNG_MAX_HEIGHT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The board would be %d pixels high, more than one picture can hold; "
                     "choose fewer topics or a scale of 1"),
                   (int)(y * scale));
      return FALSE;
    }

  content_node = gtk_snapshot_free_to_node (g_steal_pointer (&content));

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_append_color (snapshot, &style.background, &GRAPHENE_RECT_INIT (0, 0, width, y));
  gtk_snapshot_append_node (snapshot, content_node);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return sp_png_save_node (node, (int)ceil (width * scale), (int)(y * scale), file, error);
}
