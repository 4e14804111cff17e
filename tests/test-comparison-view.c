#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "sp-board-render.h"
#include "sp-board-view.h"
#include "sp-catalog.h"
#include "sp-comparison-view.h"
#include "sp-test-util.h"

/* End of 12 Feb 2025 UTC, the day of the bundled dataset's latest statement. */
#define FEB_12_END G_GINT64_CONSTANT (1739404799)

typedef struct {
  char             *dir;
  SpLibrary        *library;
  SpViewState      *state;
  GtkWindow        *window;
  SpComparisonView *view;
  SpBoardView      *board;
} Fixture;

static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 deadline;

  /* GTK wants the system's data folders, which GLib's isolation hides. */
  fixture->dir = g_dir_make_tmp ("standpoint-comparison-view-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->library = sp_test_open_library (fixture->dir, data != NULL ? data : sp_test_bundled_dataset ());

  fixture->state = sp_view_state_new ();
  fixture->view = SP_COMPARISON_VIEW (sp_comparison_view_new (fixture->state));
  fixture->board = SP_BOARD_VIEW (sp_test_find_widget (GTK_WIDGET (fixture->view), SP_TYPE_BOARD_VIEW));
  g_assert_nonnull (fixture->board);
  sp_comparison_view_set_library (fixture->view, fixture->library);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (sp_comparison_view_get_comparison (fixture->view) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sp_comparison_view_get_comparison (fixture->view));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  settle ();
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->library);
  sp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
statement_pk (Fixture    *fixture,
              const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pk FROM statements WHERE id = '%s'", id);

  return sp_test_query_int (fixture->library, sql);
}

static guint
find_row (const SpComparison *comparison,
          const char         *topic_id)
{
  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SpComparisonRow *row = g_ptr_array_index (comparison->rows, i);

      if (g_str_equal (row->id, topic_id))
        return i;
    }

  g_assert_not_reached ();
}

static void
assert_sides (const SpComparison *comparison,
              const char * const *expected)
{
  g_assert_cmpuint (comparison->n_sides, ==, g_strv_length ((char **)expected));
  for (guint i = 0; i < comparison->n_sides; i++)
    g_assert_cmpstr (comparison->sides[i].id, ==, expected[i]);
}

/* With no sides chosen, the two countries with the most statements, as of
 * the latest statement, over every topic where one of them spoke. */
static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  const SpComparison *comparison = sp_comparison_view_get_comparison (fixture->view);
  const char *sides[] = { "united-states", "united-kingdom", NULL };
  /* By label: Defence spending target, Europe’s share of the defence
   * burden, Leadership of the Ukraine Defense Contact Group, ... */
  const char *topics[] = {
    "defence-spending-target",
    "europe-defence-burden",
    "contact-group-leadership",
    "us-aid-from-stockpiles",
    "approved-us-aid-packages",
    "ukraine-nato-membership",
    "ukraine-pre-2014-borders",
    NULL
  };
  g_autoptr(GPtrArray) row_ids = g_ptr_array_new ();
  g_autofree char *name = NULL;

  assert_sides (comparison, sides);
  g_assert_null (sp_view_state_get_sides (fixture->state));
  g_assert_cmpint (comparison->as_of, ==, FEB_12_END);
  g_assert_cmpstr (comparison->as_of_label, ==, "12 Feb 2025");

  for (guint i = 0; i < comparison->rows->len; i++)
    g_ptr_array_add (row_ids, ((SpComparisonRow *)g_ptr_array_index (comparison->rows, i))->id);
  g_ptr_array_add (row_ids, NULL);
  g_assert_cmpstrv ((char **)row_ids->pdata, topics);

  /* Each side speaks on different topics: nothing to compare. */
  g_assert_cmpuint (comparison->counts[0][1][SP_AGREEMENT_AGREE], ==, 0);
  g_assert_cmpuint (comparison->counts[0][1][SP_AGREEMENT_DIFFER], ==, 0);
  g_assert_cmpuint (comparison->counts[0][1][SP_AGREEMENT_INCOMPARABLE], ==, 7);

  name = sp_comparison_view_get_default_file_name (fixture->view);
  g_assert_cmpstr (name, ==, "united-states-vs-united-kingdom-2025-02-12.png");
}

/* A statement selected elsewhere (the timeline) moves the as-of date to
 * its day and selects the cell that shows it. */
static void
test_selection_from_state (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 pk = statement_pk (fixture, "st-hegseth-nato-unrealistic");
  const SpComparison *comparison;
  guint row, side;

  /* The end of 1 Feb 2025: before Hegseth spoke. */
  sp_view_state_set_as_of (fixture->state, G_GINT64_CONSTANT (1738454399));
  comparison = sp_comparison_view_get_comparison (fixture->view);
  g_assert_cmpstr (comparison->as_of_label, ==, "1 Feb 2025");
  g_assert_false (sp_board_view_get_selected (fixture->board, NULL, NULL));

  sp_view_state_set_selection (fixture->state, SP_ITEM_STATEMENT, pk);

  g_assert_cmpint (sp_view_state_get_as_of (fixture->state), ==, FEB_12_END);
  comparison = sp_comparison_view_get_comparison (fixture->view);
  g_assert_cmpstr (comparison->as_of_label, ==, "12 Feb 2025");
  g_assert_true (sp_board_view_get_selected (fixture->board, &row, &side));
  g_assert_cmpuint (row, ==, find_row (comparison, "ukraine-nato-membership"));
  g_assert_cmpuint (side, ==, 0);

  /* An event is in no cell. */
  sp_view_state_set_selection (fixture->state, SP_ITEM_EVENT, 1);
  g_assert_false (sp_board_view_get_selected (fixture->board, NULL, NULL));
  g_assert_cmpint (sp_view_state_get_as_of (fixture->state), ==, FEB_12_END);
}

/* Selecting a cell with the keyboard selects its latest statement. */
static void
test_select_cell (Fixture       *fixture,
                  gconstpointer  data)
{
  const SpComparison *comparison = sp_comparison_view_get_comparison (fixture->view);
  guint nato = find_row (comparison, "ukraine-nato-membership");
  guint leadership = find_row (comparison, "contact-group-leadership");
  const SpComparisonRow *row;
  guint selected_row, selected_side;
  gint64 pk;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->board));
  gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move", "(ii)", 0, 0);
  g_assert_true (sp_board_view_get_selected (fixture->board, &selected_row, &selected_side));
  g_assert_cmpuint (selected_row, ==, 0);
  g_assert_cmpuint (selected_side, ==, 0);

  /* Down to the NATO row, on the United States' side. */
  for (guint i = 0; i < nato; i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move", "(ii)", 1, 0);
  row = g_ptr_array_index (comparison->rows, nato);
  g_assert_true (sp_board_view_get_selected (fixture->board, &selected_row, &selected_side));
  g_assert_cmpuint (selected_row, ==, nato);
  g_assert_cmpint (row->cells[0].state, ==, SP_CELL_POSITION);
  g_assert_cmpint (sp_view_state_get_selection (fixture->state, &pk), ==, SP_ITEM_STATEMENT);
  g_assert_cmpint (pk, ==, row->cells[0].latest->pk);
  g_assert_cmpint (row->cells[0].stance, ==, SP_STANCE_OPPOSE);

  /* Right, to the United Kingdom, which said nothing on it: the
   * statement stays selected. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move", "(ii)", 0, 1);
  g_assert_true (sp_board_view_get_selected (fixture->board, &selected_row, &selected_side));
  g_assert_cmpuint (selected_side, ==, 1);
  g_assert_cmpint (row->cells[1].state, ==, SP_CELL_NO_POSITION);
  g_assert_cmpint (sp_view_state_get_selection (fixture->state, NULL), ==, SP_ITEM_STATEMENT);

  /* Up or down to the leadership row: Healey. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->board), "board.move", "(ii)", (int) leadership - (int) nato, 0);
  g_assert_cmpint (sp_view_state_get_selection (fixture->state, &pk), ==, SP_ITEM_STATEMENT);
  g_assert_cmpint (pk, ==, statement_pk (fixture, "st-healey-uk-takes-lead"));

  /* The selection stays on its topic and side when the date moves. */
  sp_view_state_set_as_of (fixture->state, FEB_12_END + 86400);
  g_assert_true (sp_board_view_get_selected (fixture->board, &selected_row, &selected_side));
  g_assert_cmpuint (selected_row, ==, leadership);
  g_assert_cmpuint (selected_side, ==, 1);
}

/* The board counts roles beyond a few; clicking the roles cell lists them
 * all, each with its source. */
static void
test_all_roles (Fixture       *fixture,
                gconstpointer  data)
{
  const SpComparison *comparison = sp_comparison_view_get_comparison (fixture->view);
  const SpSide *us = &comparison->sides[0];
  g_autoptr(GString) texts = g_string_new (NULL);
  guint n_current, shown_current, shown_earlier;
  GtkWidget *popover = NULL;
  guint selected_row, selected_side;

  sp_side_count_roles (us, &n_current, &shown_current, &shown_earlier);
  g_assert_cmpuint (n_current + shown_earlier, <, us->roles->len);

  g_signal_emit_by_name (fixture->board, "cell-activated", SP_BOARD_ROLES_ROW, 0);
  settle ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->board)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  collect_label_texts (popover, texts);

  for (guint i = 0; i < us->roles->len; i++)
    g_assert_nonnull (strstr (texts->str, ((SpSideRole *) us->roles->pdata[i])->text));
  g_assert_nonnull (strstr (texts->str, "[5] Lloyd Austin"));
  /* A roles cell is no statement: nothing gets selected. */
  g_assert_false (sp_board_view_get_selected (fixture->board, &selected_row, &selected_side));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
assert_png_size (GFile *file,
                 int    width,
                 int    height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_file (file, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  if (height > 0)
    g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
}

/* The export is 640 + 220 pixels per side wide plus margins, at 1 or 2
 * pixels per point. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "board.png", NULL);
  g_autofree char *path2 = g_build_filename (fixture->dir, "board@2.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  const char *four[] = { "united-states", "united-kingdom", "ukraine", "unnamed-european-officials", NULL };
  int height;

  g_assert_true (sp_comparison_view_export (fixture->view, file, 1, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1160);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (height, >, 600);

  g_assert_true (sp_comparison_view_export (fixture->view, file2, 2, &error));
  g_assert_no_error (error);
  assert_png_size (file2, 2320, 2 * height);

  sp_view_state_set_sides (fixture->state, four);
  g_assert_true (sp_comparison_view_export (fixture->view, file, 1, &error));
  g_assert_no_error (error);
  assert_png_size (file, 1600, -1);
}

/* "+" adds the next country that spoke most, the remove buttons take a
 * side away, and fewer than two valid sides leave nothing to compare. */
static void
test_sides (Fixture       *fixture,
            gconstpointer  data)
{
  const char *three[] = { "united-states", "united-kingdom", "ukraine", NULL };
  const char *four[] = { "united-states", "united-kingdom", "ukraine", "unnamed-european-officials", NULL };
  const char *two[] = { "united-states", "ukraine", NULL };
  const char *one_valid[] = { "united-states", "no-such-actor", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  const SpComparison *comparison;
  g_autofree char *name = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "comparison.add-side", NULL);
  g_assert_cmpstrv (sp_view_state_get_sides (fixture->state), three);
  assert_sides (sp_comparison_view_get_comparison (fixture->view), three);

  /* The fourth: no other country spoke, so the organization that did most. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "comparison.add-side", NULL);
  g_assert_cmpstrv (sp_view_state_get_sides (fixture->state), four);
  comparison = sp_comparison_view_get_comparison (fixture->view);
  assert_sides (comparison, four);
  /* The United States and Ukraine differ on Ukraine's pre-2014 borders. */
  g_assert_cmpuint (comparison->counts[0][2][SP_AGREEMENT_DIFFER], ==, 1);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "comparison.add-side", NULL) &&
                  g_strv_length ((char **)sp_view_state_get_sides (fixture->state)) > 4);

  name = sp_comparison_view_get_default_file_name (fixture->view);
  g_assert_cmpstr (name, ==, "united-states-vs-united-kingdom-vs-ukraine-vs-unnamed-european-officials-2025-02-12.png");

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "comparison.remove-side", "i", 3);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "comparison.remove-side", "i", 1);
  g_assert_cmpstrv (sp_view_state_get_sides (fixture->state), two);
  assert_sides (sp_comparison_view_get_comparison (fixture->view), two);

  sp_view_state_set_sides (fixture->state, one_valid);
  g_assert_null (sp_comparison_view_get_comparison (fixture->view));
  file = g_file_new_build_filename (fixture->dir, "none.png", NULL);
  g_assert_false (sp_comparison_view_export (fixture->view, file, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "There is no comparison to export: choose at least two sides");
}

/* The date entry takes the dataset's dates, and means the end of the
 * period written; "Latest" goes back to the latest statement. */
static void
test_as_of_entry (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *entry = sp_test_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2025-02-12");

  gtk_editable_set_text (GTK_EDITABLE (entry), "2025-02-10");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (sp_view_state_get_as_of (fixture->state), ==, FEB_12_END - 2 * 86400);
  g_assert_cmpstr (sp_comparison_view_get_comparison (fixture->view)->as_of_label, ==, "10 Feb 2025");

  gtk_editable_set_text (GTK_EDITABLE (entry), "2025-02");
  g_signal_emit_by_name (entry, "activate");
  /* The end of 28 Feb 2025. */
  g_assert_cmpint (sp_view_state_get_as_of (fixture->state), ==, G_GINT64_CONSTANT (1740787199));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2025-02-28");

  gtk_editable_set_text (GTK_EDITABLE (entry), "12 Feb");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==,
                   "Not a date: a year must have exactly 4 digits, such as 0476 or 2025");
  g_assert_cmpint (sp_view_state_get_as_of (fixture->state), ==, G_GINT64_CONSTANT (1740787199));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "comparison.latest", NULL);
  g_assert_cmpint (sp_view_state_get_as_of (fixture->state), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2025-02-12");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (sp_comparison_view_get_comparison (fixture->view)->as_of, ==, FEB_12_END);
}

/* Chosen topics replace "every topic where a side spoke". */
static void
test_topics (Fixture       *fixture,
             gconstpointer  data)
{
  const char *topics[] = { "ukraine-nato-membership", "new-us-approach", NULL };
  const char *none[] = { NULL };
  const SpComparison *comparison;

  sp_view_state_set_topics (fixture->state, topics);
  comparison = sp_comparison_view_get_comparison (fixture->view);
  g_assert_cmpuint (comparison->rows->len, ==, 2);

  sp_view_state_set_topics (fixture->state, none);
  comparison = sp_comparison_view_get_comparison (fixture->view);
  g_assert_cmpuint (comparison->rows->len, ==, 0);

  sp_view_state_set_topics (fixture->state, NULL);
  comparison = sp_comparison_view_get_comparison (fixture->view);
  g_assert_cmpuint (comparison->rows->len, ==, 7);
}

static int
board_height (Fixture *fixture)
{
  return gtk_widget_get_height (GTK_WIDGET (fixture->board));
}

/* A board of hundreds of topics is laid out a few rows at a time between
 * frames, and grows to its whole height; a cell further down is laid out
 * when it is asked for.  (How many rows come at once depends on the
 * machine's speed: test-board-render checks the growing itself.) */
static void
test_long_board (Fixture       *fixture,
                 gconstpointer  data)
{
  const SpComparison *comparison = sp_comparison_view_get_comparison (fixture->view);
  g_autoptr(SpBoardLayout) whole = NULL;
  const SpBoardCellBox *last;
  graphene_rect_t bounds;
  gint64 deadline;

  g_assert_cmpuint (comparison->rows->len, ==, 300);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (board_height (fixture) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  whole = sp_board_layout_new (comparison, gtk_widget_get_pango_context (GTK_WIDGET (fixture->board)),
                               gtk_widget_get_width (GTK_WIDGET (fixture->board)));
  last = &g_array_index (whole->cells, SpBoardCellBox, whole->cells->len - 1);
  g_assert_cmpuint (last->row, ==, 299);

  g_assert_true (sp_board_view_get_cell_bounds (fixture->board, 299, 1, &bounds));
  g_assert_true (graphene_rect_equal (&bounds, &last->rect));

  while (board_height (fixture) < (int)ceil (whole->height))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (board_height (fixture), ==, (int)ceil (whole->height));
}

/* Whether @widget is the menu button whose popover lists the topics. */
static gboolean
lists_topics (GtkWidget     *widget,
              gconstpointer  data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

  return popover != NULL && sp_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_CHECK_BUTTON) != NULL;
}

/* A large library's catalog is read in a thread: the view says that it
 * is loading, then compares the two who spoke most; the topics menu makes
 * its checks when it first opens. */
static void
test_large_library (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *topics_button;
  GtkWidget *topics_box;
  GtkStack *stack;
  const SpComparison *comparison;
  gint64 deadline;
  guint n_checks = 0;

  fixture->dir = g_dir_make_tmp ("standpoint-comparison-view-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->library = sp_test_open_library (fixture->dir, data);
  g_assert_false (sp_catalog_loads_quickly (fixture->library));

  fixture->state = sp_view_state_new ();
  fixture->view = SP_COMPARISON_VIEW (sp_comparison_view_new (fixture->state));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);

  sp_comparison_view_set_library (fixture->view, fixture->library);
  stack = GTK_STACK (gtk_widget_get_ancestor (sp_test_find_widget (GTK_WIDGET (fixture->view), SP_TYPE_BOARD_VIEW),
                                             GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");

  /* Two minutes at most, for the build with the sanitizers. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (sp_comparison_view_get_comparison (fixture->view) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  comparison = sp_comparison_view_get_comparison (fixture->view);
  g_assert_nonnull (comparison);
  g_assert_cmpuint (comparison->n_sides, ==, 2);
  g_assert_cmpuint (comparison->rows->len, >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "board");

  topics_button = sp_test_find_matching (GTK_WIDGET (fixture->view), GTK_TYPE_MENU_BUTTON, lists_topics, NULL);
  g_assert_nonnull (topics_button);
  topics_box = gtk_widget_get_parent (sp_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (topics_button))),
                                                           GTK_TYPE_CHECK_BUTTON));
  /* "All topics" and a separator */
  for (GtkWidget *child = gtk_widget_get_first_child (topics_box); child; child = gtk_widget_get_next_sibling (child))
    n_checks++;
  g_assert_cmpuint (n_checks, ==, 2);

  gtk_menu_button_popup (GTK_MENU_BUTTON (topics_button));
  settle ();
  n_checks = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (topics_box); child; child = gtk_widget_get_next_sibling (child))
    n_checks += g_object_get_data (G_OBJECT (child), "sp-topic") != NULL;
  g_assert_cmpuint (n_checks, ==, 20);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (topics_button));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *large = NULL;
  g_autofree char *debate = NULL;
  int status;

  if (!sp_test_init_gui (&argc, &argv, &data_home))
    return g_test_run ();

  g_test_add ("/comparison-view/defaults", Fixture, NULL, fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/comparison-view/selection-from-state", Fixture, NULL, fixture_set_up, test_selection_from_state, fixture_tear_down);
  g_test_add ("/comparison-view/select-cell", Fixture, NULL, fixture_set_up, test_select_cell, fixture_tear_down);
  g_test_add ("/comparison-view/all-roles", Fixture, NULL, fixture_set_up, test_all_roles, fixture_tear_down);
  g_test_add ("/comparison-view/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/comparison-view/sides", Fixture, NULL, fixture_set_up, test_sides, fixture_tear_down);
  g_test_add ("/comparison-view/as-of-entry", Fixture, NULL, fixture_set_up, test_as_of_entry, fixture_tear_down);
  g_test_add ("/comparison-view/topics", Fixture, NULL, fixture_set_up, test_topics, fixture_tear_down);

  debate = sp_test_write_debate (data_home, 300);
  g_test_add ("/comparison-view/long-board", Fixture, debate, fixture_set_up, test_long_board, fixture_tear_down);

  /* Statements enough that the library is read in a thread */
  large = sp_test_write_dataset (data_home, "large", 5000);
  g_test_add ("/comparison-view/large-library", Fixture, large, NULL, test_large_library, fixture_tear_down);

  status = g_test_run ();
  sp_test_remove_tree (data_home);

  return status;
}
