#define G_LOG_DOMAIN "standpoint-board-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "sp-board-render.h"
#include "sp-board-view.h"
#include "sp-widget-style.h"

/* The comparison board as a widget: the same layout draws it and answers
 * which cell is under the pointer, so a click picks what was drawn there.
 * Its height follows from its width, for a vertically scrolled parent.
 * A board of hundreds of topics is laid out a few rows at a time between
 * frames, and only the rows in sight are drawn. */

#define FOCUS_RING_WIDTH 2.0
#define FOCUS_RING_OFFSET 2.0

/* How long laying out rows may hold the main loop at a time. */
#define GROW_BUDGET_USEC 8000

struct _SpBoardView
{
  GtkWidget           parent_instance;

  const SpComparison *comparison;
  SpBoardLayout      *layout;    /* at layout_width, rebuilt lazily */
  int                 layout_width;
  guint               grow_id;   /* lays out the rest of a long board */

  guint               selected_row;
  guint               selected_side;

  GtkWidget          *popover;

  /* Of the viewport that scrolls the board, if any: only the rows in
   * sight are drawn, and scrolling brings others into it. */
  GtkWidget          *viewport;
  GtkAdjustment      *vadjustment;
};

G_DEFINE_FINAL_TYPE (SpBoardView, sp_board_view, GTK_TYPE_WIDGET)

enum {
  CELL_SELECTED,
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
grow_layout (gpointer data)
{
  SpBoardView *self = data;
  gboolean complete = sp_board_layout_grow (self->layout, gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                            0.0, g_get_monotonic_time () + GROW_BUDGET_USEC);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (complete)
    {
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
clear_layout (SpBoardView *self)
{
  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_clear_pointer (&self->layout, sp_board_layout_free);
}

/* Rows are laid out as far as time allows, the rest between frames: the
 * board grows as the window goes on answering. */
static SpBoardLayout *
get_layout (SpBoardView *self,
            int          width)
{
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));

  if (self->comparison == NULL || width <= 0)
    return NULL;

  if (self->layout == NULL || self->layout_width != width)
    {
      clear_layout (self);
      self->layout = sp_board_layout_begin (self->comparison, pango, width);
      self->layout_width = width;
      if (!sp_board_layout_grow (self->layout, pango, 0.0, g_get_monotonic_time () + GROW_BUDGET_USEC))
        self->grow_id = g_idle_add (grow_layout, self);
    }

  return self->layout;
}

static const SpBoardCellBox *
find_cell (const SpBoardLayout *layout,
           guint                row,
           guint                side)
{
  for (guint i = 0; i < layout->cells->len; i++)
    {
      const SpBoardCellBox *box = &g_array_index (layout->cells, SpBoardCellBox, i);

      if (box->row == row && box->side == side)
        return box;
    }

  return NULL;
}

/* The box of a cell, laying out the rows up to it first. */
static const SpBoardCellBox *
get_cell (SpBoardView *self,
          guint        row,
          guint        side)
{
  SpBoardLayout *layout = get_layout (self, gtk_widget_get_width (GTK_WIDGET (self)));
  const SpBoardCellBox *box = NULL;

  if (layout == NULL)
    return NULL;

  while ((box = find_cell (layout, row, side)) == NULL && !layout->complete)
    {
      sp_board_layout_grow (layout, gtk_widget_get_pango_context (GTK_WIDGET (self)), layout->height + 1.0, 0);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }

  return box;
}

void
sp_board_view_set_comparison (SpBoardView        *self,
                              const SpComparison *comparison)
{
  g_return_if_fail (SP_IS_BOARD_VIEW (self));

  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  clear_layout (self);
  self->comparison = comparison;
  self->selected_row = SP_BOARD_NO_CELL;
  self->selected_side = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
sp_board_view_get_selected (SpBoardView *self,
                            guint       *row,
                            guint       *side)
{
  g_return_val_if_fail (SP_IS_BOARD_VIEW (self), FALSE);

  if (row != NULL)
    *row = self->selected_row;
  if (side != NULL)
    *side = self->selected_side;

  return self->selected_row != SP_BOARD_NO_CELL;
}

void
sp_board_view_select (SpBoardView *self,
                      guint        row,
                      guint        side)
{
  g_return_if_fail (SP_IS_BOARD_VIEW (self));
  g_return_if_fail (row == SP_BOARD_NO_CELL ||
                    (self->comparison != NULL && row < self->comparison->rows->len &&
                     side < self->comparison->n_sides));

  self->selected_row = row;
  self->selected_side = row == SP_BOARD_NO_CELL ? 0 : side;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
sp_board_view_get_cell_bounds (SpBoardView     *self,
                               guint            row,
                               guint            side,
                               graphene_rect_t *bounds)
{
  const SpBoardCellBox *box;

  g_return_val_if_fail (SP_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  box = get_cell (self, row, side);
  if (box == NULL)
    return FALSE;

  *bounds = box->rect;
  return TRUE;
}

static void
user_select (SpBoardView *self,
             guint        row,
             guint        side)
{
  sp_board_view_select (self, row, side);
  g_signal_emit (self, signals[CELL_SELECTED], 0, row, side);
}

void
sp_board_view_popup (SpBoardView *self,
                     GtkWidget   *content)
{
  g_return_if_fail (SP_IS_BOARD_VIEW (self));

  sp_board_view_popup_at (self, self->selected_row, self->selected_side, content);
}

void
sp_board_view_popup_at (SpBoardView *self,
                        guint        row,
                        guint        side,
                        GtkWidget   *content)
{
  graphene_rect_t bounds;

  g_return_if_fail (SP_IS_BOARD_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (content));

  if (!sp_board_view_get_cell_bounds (self, row, side, &bounds))
    {
      g_object_ref_sink (content);
      g_object_unref (content);
      return;
    }

  gtk_popover_set_child (GTK_POPOVER (self->popover), content);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) {
                                 floor (bounds.origin.x), floor (bounds.origin.y),
                                 ceil (bounds.size.width), ceil (bounds.size.height)
                               });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* Input */

static void
pressed (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         SpBoardView     *self)
{
  const SpBoardLayout *layout = get_layout (self, gtk_widget_get_width (GTK_WIDGET (self)));
  const SpBoardCellBox *box = layout != NULL ? sp_board_layout_hit_test (layout, x, y) : NULL;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (box == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* A roles cell is no statement to select; it still shows its roles. */
  if (box->row != SP_BOARD_ROLES_ROW)
    user_select (self, box->row, box->side);
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, box->row, box->side);
}

/* "(ii)": rows and sides to move by; a row step of ±G_MAXINT32 goes to the
 * first or last row. */
static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpBoardView *self = SP_BOARD_VIEW (widget);
  int row_step, side_step;
  gint64 row, side;

  if (self->comparison == NULL || self->comparison->rows->len == 0)
    return;

  g_variant_get (parameter, "(ii)", &row_step, &side_step);

  if (self->selected_row == SP_BOARD_NO_CELL)
    {
      user_select (self, 0, 0);
      return;
    }

  if (row_step == G_MAXINT32)
    row = self->comparison->rows->len - 1;
  else if (row_step == -G_MAXINT32)
    row = 0;
  else
    row = CLAMP ((gint64) self->selected_row + row_step, 0, (gint64) self->comparison->rows->len - 1);
  side = CLAMP ((gint64) self->selected_side + side_step, 0, (gint64) self->comparison->n_sides - 1);

  if (row != self->selected_row || side != self->selected_side)
    user_select (self, row, side);
}

static void
activate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpBoardView *self = SP_BOARD_VIEW (widget);

  if (self->selected_row != SP_BOARD_NO_CELL)
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, self->selected_row, self->selected_side);
}

/* Drawing and size */

/* The part of the board in the viewport, in the board's coordinates; NULL
 * when it is not in one. */
static const graphene_rect_t *
get_visible_area (SpBoardView     *self,
                  graphene_rect_t *area)
{
  if (self->viewport == NULL || !gtk_widget_compute_bounds (self->viewport, GTK_WIDGET (self), area))
    return NULL;

  return area;
}

static void
sp_board_view_root (GtkWidget *widget)
{
  SpBoardView *self = SP_BOARD_VIEW (widget);

  GTK_WIDGET_CLASS (sp_board_view_parent_class)->root (widget);

  self->viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);
  if (self->viewport != NULL)
    g_object_get (self->viewport, "vadjustment", &self->vadjustment, NULL);
  if (self->vadjustment != NULL)
    {
      g_signal_connect_object (self->vadjustment, "value-changed",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->vadjustment, "changed",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
    }
}

static void
sp_board_view_unroot (GtkWidget *widget)
{
  SpBoardView *self = SP_BOARD_VIEW (widget);

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  self->viewport = NULL;

  GTK_WIDGET_CLASS (sp_board_view_parent_class)->unroot (widget);
}

static void
sp_board_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SpBoardView *self = SP_BOARD_VIEW (widget);
  const SpBoardLayout *layout = get_layout (self, gtk_widget_get_width (widget));
  const SpBoardCellBox *box;
  SpRenderStyle style;
  graphene_rect_t area;

  if (layout == NULL)
    return;

  sp_widget_style_fill (GTK_WIDGET (self), &style);
  sp_render_board (snapshot, layout, &style, gtk_widget_get_pango_context (widget),
                   get_visible_area (self, &area), self->selected_row, self->selected_side);

  if (gtk_widget_has_visible_focus (widget) && self->selected_row != SP_BOARD_NO_CELL &&
      (box = find_cell (layout, self->selected_row, self->selected_side)) != NULL)
    {
      GskRoundedRect ring;
      GdkRGBA color = style.accent;
      float width = FOCUS_RING_WIDTH;

      color.alpha = 0.5;
      gsk_rounded_rect_init_from_rect (&ring,
                                       &GRAPHENE_RECT_INIT (box->rect.origin.x - FOCUS_RING_OFFSET - FOCUS_RING_WIDTH,
                                                            box->rect.origin.y - FOCUS_RING_OFFSET - FOCUS_RING_WIDTH,
                                                            box->rect.size.width + 2 * (FOCUS_RING_OFFSET + FOCUS_RING_WIDTH),
                                                            box->rect.size.height + 2 * (FOCUS_RING_OFFSET + FOCUS_RING_WIDTH)),
                                       8);
      gtk_snapshot_append_border (snapshot, &ring,
                                  (float[4]) { width, width, width, width },
                                  (GdkRGBA[4]) { color, color, color, color });
    }
}

static GtkSizeRequestMode
sp_board_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sp_board_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  SpBoardView *self = SP_BOARD_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 720;
    }
  else
    {
      /* Laying out a long board takes long: for no width in particular,
       * as a scrolled window asks, the height at the last width will do,
       * until the board has one. */
      const SpBoardLayout *layout = for_size > 0 ? get_layout (self, for_size) : self->layout;

      *minimum = *natural = layout != NULL ? ceil (layout->height) : 0;
    }
}

static void
sp_board_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  SpBoardView *self = SP_BOARD_VIEW (widget);

  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
sp_board_view_dispose (GObject *object)
{
  SpBoardView *self = (SpBoardView *)object;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  clear_layout (self);
  self->comparison = NULL;

  G_OBJECT_CLASS (sp_board_view_parent_class)->dispose (object);
}

static void
add_move_binding (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  GdkModifierType  modifiers,
                  int              row_step,
                  int              side_step)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers,
                                       "board.move", "(ii)", row_step, side_step);
}

static void
sp_board_view_class_init (SpBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_board_view_dispose;
  widget_class->root = sp_board_view_root;
  widget_class->unroot = sp_board_view_unroot;
  widget_class->snapshot = sp_board_view_snapshot;
  widget_class->get_request_mode = sp_board_view_get_request_mode;
  widget_class->measure = sp_board_view_measure;
  widget_class->size_allocate = sp_board_view_size_allocate;

  /**
   * SpBoardView::cell-selected:
   * @row: the row's index in the comparison
   * @side: the side's index
   *
   * The user selected a cell (click, arrow keys).
   */
  signals[CELL_SELECTED] =
    g_signal_new ("cell-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * SpBoardView::cell-activated:
   * @row: the row's index in the comparison, or SP_BOARD_ROLES_ROW
   * @side: the side's index
   *
   * The user asked for the evidence behind a cell, or for all the roles
   * of a side (click, Enter).
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "board.move", "(ii)", move_activated);
  gtk_widget_class_install_action (widget_class, "board.activate", NULL, activate_activated);

  add_move_binding (widget_class, GDK_KEY_Up, 0, -1, 0);
  add_move_binding (widget_class, GDK_KEY_Down, 0, 1, 0);
  add_move_binding (widget_class, GDK_KEY_Left, 0, 0, -1);
  add_move_binding (widget_class, GDK_KEY_Right, 0, 0, 1);
  add_move_binding (widget_class, GDK_KEY_Home, 0, -G_MAXINT32, 0);
  add_move_binding (widget_class, GDK_KEY_End, 0, G_MAXINT32, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "board.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "board.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "board.activate", NULL);
}

static void
sp_board_view_init (SpBoardView *self)
{
  GtkGesture *gesture;

  self->selected_row = SP_BOARD_NO_CELL;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  self->popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->popover, "evidence");
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));

  sp_widget_style_watch (GTK_WIDGET (self), G_CALLBACK (gtk_widget_queue_draw));
}
