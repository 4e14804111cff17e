#pragma once

#include <gtk/gtk.h>

#include "sp-comparison.h"

G_BEGIN_DECLS

/* A custom-drawn comparison board with a selectable cell, for a
 * vertically scrolled parent; see sp-board-render.h. */

/* No cell selected, as sp_render_board () takes it. */
#define SP_BOARD_NO_CELL (G_MAXUINT - 1)

#define SP_TYPE_BOARD_VIEW (sp_board_view_get_type ())

G_DECLARE_FINAL_TYPE (SpBoardView, sp_board_view, SP, BOARD_VIEW, GtkWidget)

/* @comparison is borrowed until the next call; the selection is cleared. */
void       sp_board_view_set_comparison (SpBoardView        *self,
                                         const SpComparison *comparison);

/* FALSE when no cell is selected. */
gboolean   sp_board_view_get_selected (SpBoardView *self,
                                       guint       *row,
                                       guint       *side);
/* Selects a cell (@row SP_BOARD_NO_CELL for none) without emitting
 * SpBoardView::cell-selected. */
void       sp_board_view_select (SpBoardView *self,
                                 guint        row,
                                 guint        side);
/* The cell's box in the widget's coordinates at its current width. */
gboolean   sp_board_view_get_cell_bounds (SpBoardView     *self,
                                          guint            row,
                                          guint            side,
                                          graphene_rect_t *bounds);

/* Shows @content in a popover that points at the selected cell, or at
 * the cell (@row, @side), which may be a roles cell. */
void       sp_board_view_popup    (SpBoardView *self,
                                   GtkWidget   *content);
void       sp_board_view_popup_at (SpBoardView *self,
                                   guint        row,
                                   guint        side,
                                   GtkWidget   *content);

G_END_DECLS
