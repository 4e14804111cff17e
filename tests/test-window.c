#include "config.h"

#include <adwaita.h>

#include "sp-application.h"
#include "sp-test-util.h"
#include "sp-timeline-view.h"
#include "sp-window.h"

/* The first widget of @type under @root that has a stack page @page,
 * when @page is not NULL. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *page)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (page == NULL || gtk_stack_get_child_by_name (GTK_STACK (root), page) != NULL))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, page);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
timeline_loaded (SpTimelineView *timeline)
{
  SpTimelineIndex *index = sp_timeline_view_get_index (timeline);

  return index != NULL && sp_timeline_index_get_n_items (index) > 0;
}

/* The window opens on an empty library, imports a file and shows it on the
 * timeline. */
static void
test_import (void)
{
  g_autoptr(SpApplication) app = sp_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (sp_test_bundled_dataset ());
  SpTimelineView *timeline;
  SpTimelineIndex *index;
  SpWindow *window;
  GtkStack *stack;
  gint64 deadline;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = sp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  stack = GTK_STACK (find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, "timeline"));
  timeline = SP_TIMELINE_VIEW (find_widget (GTK_WIDGET (window), SP_TYPE_TIMELINE_VIEW, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  sp_window_import (window, file);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!timeline_loaded (timeline) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "timeline");
  index = sp_timeline_view_get_index (timeline);
  /* 15 statements and 5 events, in 7 speakers' lanes and the events lane. */
  g_assert_cmpuint (sp_timeline_index_get_n_items (index), ==, 20);
  g_assert_cmpuint (sp_timeline_index_get_n_lanes (index), ==, 8);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system data folders for
   * its settings schemas and icons.  Only the library moves aside. */
  data_home = g_dir_make_tmp ("standpoint-test-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/window/import", test_import);

  status = g_test_run ();
  sp_test_remove_tree (data_home);

  return status;
}
