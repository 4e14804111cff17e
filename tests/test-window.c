#include "config.h"

#include <adwaita.h>

#include "sp-application.h"
#include "sp-comparison-view.h"
#include "sp-test-util.h"
#include "sp-timeline-view.h"
#include "sp-window.h"

/* Whether @widget, a stack, has a page named @page. */
static gboolean
has_page (GtkWidget     *widget,
          gconstpointer  page)
{
  return gtk_stack_get_child_by_name (GTK_STACK (widget), page) != NULL;
}

static gboolean
timeline_loaded (SpTimelineView *timeline)
{
  SpTimelineIndex *index = sp_timeline_view_get_index (timeline);

  return index != NULL && sp_timeline_index_get_n_items (index) > 0;
}

/* One registered application for all tests: it exports itself on the
 * session bus, which a second instance in the same process cannot. */
static SpApplication *app;

static void
wait_for_timeline (SpTimelineView *timeline)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!timeline_loaded (timeline) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (timeline_loaded (timeline));
}

/* The window opens on an empty library, imports a file and shows it on the
 * timeline. */
static void
test_import (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (sp_test_bundled_dataset ());
  SpTimelineView *timeline;
  SpTimelineIndex *index;
  SpWindow *window;
  GtkStack *stack;

  window = sp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  stack = GTK_STACK (sp_test_find_matching (GTK_WIDGET (window), GTK_TYPE_STACK, has_page, "timeline"));
  timeline = SP_TIMELINE_VIEW (sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_TIMELINE_VIEW));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  sp_window_import (window, file);
  wait_for_timeline (timeline);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "timeline");
  index = sp_timeline_view_get_index (timeline);
  /* 15 statements and 5 events, in 7 speakers' lanes and the events lane. */
  g_assert_cmpuint (sp_timeline_index_get_n_items (index), ==, 20);
  g_assert_cmpuint (sp_timeline_index_get_n_lanes (index), ==, 8);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Right visits every item once, in time order; Left comes back. */
static void
test_keyboard_navigation (void)
{
  SpWindow *window = sp_window_new (app);
  SpViewState *state = sp_window_get_view_state (window);
  SpTimelineView *timeline;
  SpTimelineIndex *index;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gint64 previous_lo = G_MININT64;
  guint n_items, item = G_MAXUINT;

  gtk_window_present (GTK_WINDOW (window));
  timeline = SP_TIMELINE_VIEW (sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_TIMELINE_VIEW));
  wait_for_timeline (timeline);
  index = sp_timeline_view_get_index (timeline);
  n_items = sp_timeline_index_get_n_items (index);

  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.move", "i", -2);
  for (guint i = 0; i < n_items; i++)
    {
      const SpTimelineItem *current;
      SpItemKind kind;
      gint64 pk;

      if (i > 0)
        gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.move", "i", 1);
      kind = sp_view_state_get_selection (state, &pk);
      item = sp_timeline_index_find_item (index, kind, pk);
      g_assert_cmpuint (item, !=, G_MAXUINT);
      current = sp_timeline_index_get_item (index, item);
      g_assert_cmpint (current->lo, >=, previous_lo);
      previous_lo = current->lo;
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (item + 1)));
      g_hash_table_add (seen, GUINT_TO_POINTER (item + 1));
    }

  /* At the end, Right stays; Left goes back one. */
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.move", "i", 1);
  g_assert_cmpuint (sp_timeline_index_get_time_position (index, item), ==, n_items - 1);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.move", "i", -1);
  {
    gint64 pk;
    SpItemKind kind = sp_view_state_get_selection (state, &pk);

    g_assert_cmpuint (sp_timeline_index_get_time_position (index, sp_timeline_index_find_item (index, kind, pk)),
                      ==, n_items - 2);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Grouping, filters and the visible span come back in a new window. */
static void
test_state_persists (void)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char *topics[] = { "ukraine-nato-membership", NULL };
  SpWindow *window = sp_window_new (app);
  SpViewState *state = sp_window_get_view_state (window);
  const SpFilter *restored;
  gint64 lo, hi;

  filter->topic_ids = g_strdupv ((char **)topics);
  filter->stances = 1u << SP_STANCE_OPPOSE;
  filter->search = g_strdup ("unrealistic");
  sp_view_state_set_grouping (state, SP_GROUPING_COUNTRY);
  sp_view_state_set_filter (state, filter);
  sp_view_state_set_span (state, 1738368000, 1740787200);
  gtk_window_destroy (GTK_WINDOW (window));

  window = sp_window_new (app);
  state = sp_window_get_view_state (window);
  g_assert_cmpint (sp_view_state_get_grouping (state), ==, SP_GROUPING_COUNTRY);
  restored = sp_view_state_get_filter (state);
  g_assert_true (sp_filter_equal (restored, filter));
  sp_view_state_get_span (state, &lo, &hi);
  g_assert_cmpint (lo, ==, 1738368000);
  g_assert_cmpint (hi, ==, 1740787200);

  /* Leave the settings as they were for the tests that follow. */
  sp_view_state_set_grouping (state, SP_GROUPING_ACTOR);
  sp_view_state_set_filter (state, NULL);
  sp_view_state_set_span (state, 0, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The comparison view sits beside the timeline and exports its board. */
static void
test_comparison_export (void)
{
  SpWindow *window = sp_window_new (app);
  g_autofree char *dir = g_dir_make_tmp ("standpoint-export-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  SpComparisonView *comparison;
  AdwViewStack *stack;
  gint64 deadline;

  gtk_window_present (GTK_WINDOW (window));
  stack = ADW_VIEW_STACK (sp_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  comparison = SP_COMPARISON_VIEW (sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_COMPARISON_VIEW));
  adw_view_stack_set_visible_child_name (stack, "comparison");

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (sp_comparison_view_get_comparison (comparison) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sp_comparison_view_get_comparison (comparison));

  name = sp_comparison_view_get_default_file_name (comparison);
  g_assert_cmpstr (name, ==, "united-states-vs-united-kingdom-2025-02-12.png");
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  g_assert_true (sp_comparison_view_export (comparison, file, 2, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2320);

  adw_view_stack_set_visible_child_name (stack, "timeline");
  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_remove_tree (dir);
}

/* The very first start imports the bundled dataset, and only the first. */
static void
test_first_start (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  SpLibrary *library = sp_application_get_library (app, &error);
  SpTimelineView *timeline;
  GtkWindow *window;

  g_assert_no_error (error);
  sp_library_remove_dataset (library, "ukraine-contact-group-2025-02", &error);
  g_assert_no_error (error);
  g_settings_set_boolean (settings, "bundled-dataset-imported", FALSE);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  timeline = SP_TIMELINE_VIEW (sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_TIMELINE_VIEW));
  wait_for_timeline (timeline);
  g_assert_true (g_settings_get_boolean (settings, "bundled-dataset-imported"));

  datasets = sp_library_list_datasets (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (datasets->len, ==, 1);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  if (!sp_test_init_gui (&argc, &argv, &data_home))
    return g_test_run ();

  app = sp_test_new_application ();

  g_test_add_func ("/window/import", test_import);
  g_test_add_func ("/window/keyboard-navigation", test_keyboard_navigation);
  g_test_add_func ("/window/state-persists", test_state_persists);
  g_test_add_func ("/window/comparison-export", test_comparison_export);
  g_test_add_func ("/window/first-start", test_first_start);

  status = g_test_run ();
  g_clear_object (&app);
  sp_test_remove_tree (data_home);

  return status;
}
