#include "config.h"

#include <adwaita.h>

#include "sp-application.h"
#include "sp-importer.h"
#include "sp-test-util.h"
#include "sp-timeline-view.h"
#include "sp-window.h"

/* The window from a full screen down to a phone: the panes fold away and
 * overlay the timeline when open, the header bar sheds the buttons the
 * main menu repeats, and the timeline keeps the width. */

typedef struct {
  SpWindow       *window;
  SpTimelineView *timeline;
  AdwFlap        *sidebar_flap;
  AdwFlap        *details_flap;
  GtkWidget      *header_bar;
} Fixture;

static SpApplication *app;

static gboolean
has_flap_position (GtkWidget     *widget,
                   gconstpointer  data)
{
  return adw_flap_get_flap_position (ADW_FLAP (widget)) == (GtkPackType) GPOINTER_TO_INT (data);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static GtkWidget *
find_header_button (Fixture    *fixture,
                    const char *action)
{
  GtkWidget *button = sp_test_find_matching (fixture->header_bar, GTK_TYPE_BUTTON, has_action, action);

  g_assert_nonnull (button);
  return button;
}

static int
get_surface_width (Fixture *fixture)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));

  return surface != NULL ? gdk_surface_get_width (surface) : 0;
}

/* The width inside the window's frame, which takes a few pixels without a
 * compositor. */
static int
get_inner_width (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (fixture->window));
}

/* Waits until the window has @width, the timeline its whole index and
 * the flaps are done moving, or @seconds. */
static void
wait_settled (Fixture *fixture,
              int      width,
              int      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  SpTimelineIndex *index;

  while (g_get_monotonic_time () < deadline &&
         (get_surface_width (fixture) != width ||
          (index = sp_timeline_view_get_index (fixture->timeline)) == NULL ||
          !sp_timeline_index_is_complete (index) ||
          adw_flap_get_reveal_progress (fixture->sidebar_flap) != (adw_flap_get_reveal_flap (fixture->sidebar_flap) ? 1.0 : 0.0) ||
          adw_flap_get_reveal_progress (fixture->details_flap) != (adw_flap_get_reveal_flap (fixture->details_flap) ? 1.0 : 0.0)))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
settle (Fixture *fixture,
        int      width)
{
  wait_settled (fixture, width, 30);
  g_assert_cmpint (get_surface_width (fixture), ==, width);
}

/* As a user dragging the window's edge: the header bar gives up its
 * buttons once the sidebar has folded, and only then lets the window get
 * narrower than the buttons need. */
static void
resize (Fixture *fixture,
        int      width)
{
  for (guint i = 0; i < 2 && get_surface_width (fixture) != width; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 700);
      wait_settled (fixture, width, 1);
    }
  settle (fixture, width);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = sp_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), GPOINTER_TO_INT (data), 700);
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->timeline = SP_TIMELINE_VIEW (sp_test_find_widget (GTK_WIDGET (fixture->window), SP_TYPE_TIMELINE_VIEW));
  fixture->sidebar_flap = ADW_FLAP (sp_test_find_matching (GTK_WIDGET (fixture->window), ADW_TYPE_FLAP,
                                                           has_flap_position, GINT_TO_POINTER (GTK_PACK_START)));
  fixture->details_flap = ADW_FLAP (sp_test_find_matching (GTK_WIDGET (fixture->window), ADW_TYPE_FLAP,
                                                           has_flap_position, GINT_TO_POINTER (GTK_PACK_END)));
  fixture->header_bar = sp_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_HEADER_BAR);
  g_assert_nonnull (fixture->timeline);
  g_assert_nonnull (fixture->sidebar_flap);
  g_assert_nonnull (fixture->details_flap);
  g_assert_nonnull (fixture->header_bar);

  settle (fixture, GPOINTER_TO_INT (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Nothing in the window asks for more than a phone's width. */
static void
test_minimum_size (Fixture       *fixture,
                   gconstpointer  data)
{
  int minimum_width, minimum_height;

  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_VERTICAL, 360,
                      &minimum_height, NULL, NULL, NULL);
  g_assert_cmpint (minimum_width, ==, 360);
  g_assert_cmpint (minimum_height, ==, 294);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *switcher_bar = sp_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_SWITCHER_BAR);
  SpViewState *state = sp_window_get_view_state (fixture->window);

  g_assert_true (adw_flap_get_folded (fixture->sidebar_flap));
  g_assert_true (adw_flap_get_folded (fixture->details_flap));
  g_assert_false (adw_flap_get_reveal_flap (fixture->sidebar_flap));
  g_assert_false (adw_flap_get_reveal_flap (fixture->details_flap));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), ==, get_inner_width (fixture));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->timeline)), >, 0);

  /* The menu has Import and Export; the pane toggles stay. */
  g_assert_false (gtk_widget_get_visible (find_header_button (fixture, "win.import")));
  g_assert_false (gtk_widget_get_visible (find_header_button (fixture, "win.export")));
  g_assert_true (gtk_widget_get_mapped (sp_test_find_widget (fixture->header_bar, GTK_TYPE_MENU_BUTTON)));
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (switcher_bar)));

  /* The sidebar opens over the timeline, which keeps its width. */
  adw_flap_set_reveal_flap (fixture->sidebar_flap, TRUE);
  settle (fixture, 360);
  g_assert_true (adw_flap_get_folded (fixture->sidebar_flap));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), ==, get_inner_width (fixture));
  adw_flap_set_reveal_flap (fixture->sidebar_flap, FALSE);
  settle (fixture, 360);

  /* Selecting leaves the timeline in view; activating shows the details. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->timeline));
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.move", "i", -2);
  g_assert_cmpint (sp_view_state_get_selection (state, NULL), !=, 0);
  g_assert_false (adw_flap_get_reveal_flap (fixture->details_flap));
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.activate", NULL);
  g_assert_true (adw_flap_get_reveal_flap (fixture->details_flap));
  settle (fixture, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), ==, get_inner_width (fixture));
  adw_flap_set_reveal_flap (fixture->details_flap, FALSE);
  sp_view_state_set_selection (state, 0, 0);
}

/* Widening brings the sidebar back beside the timeline, and the buttons;
 * the details stay closed until asked for. */
static void
test_widen (Fixture       *fixture,
            gconstpointer  data)
{
  resize (fixture, 1280);

  g_assert_false (adw_flap_get_folded (fixture->sidebar_flap));
  g_assert_false (adw_flap_get_folded (fixture->details_flap));
  g_assert_true (adw_flap_get_reveal_flap (fixture->sidebar_flap));
  g_assert_false (adw_flap_get_reveal_flap (fixture->details_flap));
  g_assert_true (gtk_widget_get_visible (find_header_button (fixture, "win.import")));
  g_assert_true (gtk_widget_get_visible (find_header_button (fixture, "win.export")));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), ==,
                   get_inner_width (fixture) - gtk_widget_get_width (adw_flap_get_flap (fixture->sidebar_flap)) - 1);

  resize (fixture, 360);
  g_assert_true (adw_flap_get_folded (fixture->sidebar_flap));
  g_assert_false (adw_flap_get_reveal_flap (fixture->sidebar_flap));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), ==, get_inner_width (fixture));
}

/* At 800 pixels the sidebar stays beside the timeline and the details
 * fold over it. */
static void
test_medium (Fixture       *fixture,
             gconstpointer  data)
{
  g_assert_false (adw_flap_get_folded (fixture->sidebar_flap));
  g_assert_true (adw_flap_get_reveal_flap (fixture->sidebar_flap));
  g_assert_true (adw_flap_get_folded (fixture->details_flap));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->timeline)), ==,
                   get_inner_width (fixture) - gtk_widget_get_width (adw_flap_get_flap (fixture->sidebar_flap)) - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autoptr(GSettings) settings = NULL;
  int status;

  if (!sp_test_init_gui (&argc, &argv, &data_home))
    return g_test_run ();

  app = sp_test_new_application ();
  sp_test_import_bundled (app);
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_boolean (settings, "sidebar-visible", TRUE);
  g_settings_set_boolean (settings, "details-visible", FALSE);

  g_test_add ("/adaptive/minimum-size", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_minimum_size, fixture_tear_down);
  g_test_add ("/adaptive/narrow", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/adaptive/widen", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_widen, fixture_tear_down);
  g_test_add ("/adaptive/medium", Fixture, GINT_TO_POINTER (800),
              fixture_set_up, test_medium, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  sp_test_remove_tree (data_home);

  return status;
}
