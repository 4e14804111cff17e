#pragma once

#include <gtk/gtk.h>

#include "sp-comparison.h"
#include "sp-timeline-render.h"

G_BEGIN_DECLS

/* The comparison board: one column per side, one row per topic (the
 * proposition under its label), a roles row on top.  The widget and the
 * PNG exporter draw it with the same code, so the picture is what the user
 * saw; the layout also serves hit testing. */

#define SP_BOARD_ROLES_ROW G_MAXUINT

typedef struct {
  graphene_rect_t rect;
  guint           row;    /* index in comparison->rows, or SP_BOARD_ROLES_ROW */
  guint           side;   /* index in comparison->sides */
} SpBoardCellBox;

typedef struct {
  const SpComparison *comparison;  /* borrowed */
  double              width;
  double              height;      /* as far as it is laid out */
  GArray             *cells;       /* SpBoardCellBox, as far as laid out */
  gboolean            complete;    /* every row is laid out */
  /* private to the render code */
  gpointer            data;
  GDestroyNotify      data_free;
} SpBoardLayout;

/* Lays out the whole board. */
SpBoardLayout        *sp_board_layout_new (const SpComparison *comparison,
                                           PangoContext       *pango,
                                           double              width);
/* A board of hundreds of topics takes long to lay out: this lays out its
 * head, and sp_board_layout_grow() the rows that follow, until the board
 * is at least @min_height high and, after that, until @deadline (in
 * monotonic time).  Returns whether the layout is complete. */
SpBoardLayout        *sp_board_layout_begin (const SpComparison *comparison,
                                             PangoContext       *pango,
                                             double              width);
gboolean              sp_board_layout_grow (SpBoardLayout *layout,
                                            PangoContext  *pango,
                                            double         min_height,
                                            gint64         deadline);
void                  sp_board_layout_free (SpBoardLayout *layout);
const SpBoardCellBox *sp_board_layout_hit_test (const SpBoardLayout *layout,
                                                double               x,
                                                double               y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBoardLayout, sp_board_layout_free)

/* Draws the board, or of its rows those that meet @area (NULL for all);
 * the cell (@selected_row, @selected_side) gets the selection ring
 * (G_MAXUINT - 1 for none). */
void     sp_render_board (GtkSnapshot           *snapshot,
                          const SpBoardLayout   *layout,
                          const SpRenderStyle   *style,
                          PangoContext          *pango,
                          const graphene_rect_t *area,
                          guint                  selected_row,
                          guint                  selected_side);

/* Draws the legend of the board (stance pills, no recorded position,
 * disagreement, quotes and sources) in rows of @width; returns its height.
 * With a NULL @snapshot, only measures. */
double   sp_render_board_legend (GtkSnapshot         *snapshot,
                                 const SpRenderStyle *style,
                                 PangoContext        *pango,
                                 double               width);

/* "United States vs United Kingdom as of 12 Feb 2025" */
char    *sp_board_get_default_title (const SpComparison *comparison);

/* The board as a picture for an article or a slide: @title (NULL for the
 * default title), the sides, the as-of date, a legend, the board with the
 * agreement summary and, at the bottom, the numbered citations (publisher,
 * title, date, url) of what the picture shows.  Needs no display.  @scale
 * is 1 or 2. */
gboolean sp_export_board_png (const SpComparison  *comparison,
                              const char          *title,
                              int                  scale,
                              GFile               *file,
                              GError             **error);

G_END_DECLS
