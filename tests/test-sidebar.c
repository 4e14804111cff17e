#include "config.h"

#include <adwaita.h>

#include "sp-sidebar.h"
#include "sp-test-util.h"

#define US_TITLE "The US and the UK in the Ukraine Defense Contact Group, February 2025"

/* The generated dataset: more rows than one batch makes, and statements
 * enough that the sidebar reads the library in a thread. */
#define N_COUNTRIES 20
#define N_PERSONS 3
#define N_ORGANIZATIONS 20
#define N_TOPICS 80
#define N_STATEMENTS 4000

typedef struct {
  char        *dir;
  SpLibrary   *library;
  SpViewState *state;
  GtkWindow   *window;
  SpSidebar   *sidebar;
} Fixture;

/* Runs the main loop until the sidebar has read the library and made its
 * rows: two minutes at most, for the build with the sanitizers. */
static void
wait_for_rows (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (sp_sidebar_get_loading (fixture->sidebar) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (sp_sidebar_get_loading (fixture->sidebar));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sp_test_make_dir ();
  fixture->library = sp_test_open_library (fixture->dir, data != NULL ? data : sp_test_bundled_dataset ());

  fixture->state = sp_view_state_new ();
  fixture->sidebar = SP_SIDEBAR (sp_sidebar_new (fixture->state));
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  g_assert_true (sp_sidebar_get_loading (fixture->sidebar));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  gtk_window_present (fixture->window);
  wait_for_rows (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->library);
  sp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

typedef gboolean (*Match) (GtkWidget  *widget,
                           const char *text);

static GtkWidget *
find (GtkWidget  *root,
      Match       match,
      const char *text)
{
  if (match (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_action_row (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_expander_row (GtkWidget  *widget,
                 const char *title)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_check (GtkWidget  *widget,
          const char *unused)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static gboolean
is_search_entry (GtkWidget  *widget,
                 const char *unused)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
has_tooltip (GtkWidget  *widget,
             const char *tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label_showing (GtkWidget  *widget,
                  const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_revealer (GtkWidget  *widget,
             const char *unused)
{
  return GTK_IS_REVEALER (widget);
}

/* A country's rows, without its header, which is an action row too. */
static GtkWidget *
find_in_country (GtkWidget  *expander,
                 const char *title)
{
  return find (find (expander, is_revealer, NULL), is_action_row, title);
}

static GtkWidget *
find_row (Fixture    *fixture,
          const char *title)
{
  GtkWidget *row = find (GTK_WIDGET (fixture->sidebar), is_action_row, title);

  g_assert_nonnull (row);
  return row;
}

static GtkCheckButton *
find_check (Fixture    *fixture,
            const char *title)
{
  return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (find_row (fixture, title))));
}

/* The check in a country's header, for the country and its people. */
static GtkCheckButton *
find_country_check (Fixture    *fixture,
                    const char *name)
{
  GtkWidget *expander = find (GTK_WIDGET (fixture->sidebar), is_expander_row, name);

  g_assert_nonnull (expander);
  return GTK_CHECK_BUTTON (find (expander, is_check, NULL));
}

static GtkWidget *
find_country (Fixture    *fixture,
              const char *name)
{
  GtkWidget *expander = find (GTK_WIDGET (fixture->sidebar), is_expander_row, name);

  g_assert_nonnull (expander);
  return expander;
}

/* A country's members have rows once it is expanded. */
static GtkWidget *
expand (Fixture    *fixture,
        const char *name)
{
  GtkWidget *expander = find_country (fixture, name);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  wait_for_rows (fixture);
  return expander;
}

/* The rows of the list under @heading. */
static guint
count_rows (Fixture    *fixture,
            const char *heading)
{
  GtkWidget *label = find (GTK_WIDGET (fixture->sidebar), is_label_showing, heading);
  guint n = 0;

  g_assert_nonnull (label);
  for (GtkWidget *row = gtk_widget_get_first_child (gtk_widget_get_next_sibling (label));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

static GtkEditable *
find_search_entry (Fixture *fixture)
{
  return GTK_EDITABLE (find (GTK_WIDGET (fixture->sidebar), is_search_entry, NULL));
}

static gboolean
clear_is_offered (Fixture *fixture)
{
  GtkWidget *button = find (GTK_WIDGET (fixture->sidebar), is_button_labelled, "_Clear Filters");

  return gtk_action_bar_get_revealed (GTK_ACTION_BAR (gtk_widget_get_ancestor (button, GTK_TYPE_ACTION_BAR)));
}

static const SpFilter *
get_filter (Fixture *fixture)
{
  return sp_view_state_get_filter (fixture->state);
}

static char *
join (GStrv ids)
{
  return ids != NULL ? g_strjoinv (",", ids) : g_strdup ("(all)");
}

/* Runs the main loop until the filter's search is @search, or 5 seconds:
 * the search entry waits for a pause in typing. */
static void
wait_for_search (Fixture    *fixture,
                 const char *search)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_strcmp0 (get_filter (fixture)->search, search) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
run_main_loop (guint milliseconds)
{
  gint64 deadline = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

/* The rows, in order, section by section. */
static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *us = find (GTK_WIDGET (fixture->sidebar), is_expander_row, "United States");
  GtkWidget *row;

  row = find_row (fixture, US_TITLE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "15 statements");

  g_assert_nonnull (us);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (us)), ==, "10 statements");
  /* A country's members have rows only once it is expanded. */
  g_assert_null (find_in_country (us, "Pete Hegseth"));
  expand (fixture, "United States");
  row = find_in_country (us, "Pete Hegseth");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "8 statements");
  g_assert_nonnull (find_in_country (us, "Donald Trump"));
  g_assert_null (find_in_country (us, "John Healey"));
  g_assert_null (find_in_country (us, "United States"));

  row = find_row (fixture, "Mark Rutte");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1 statement");
  g_assert_null (gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW));
  row = find_row (fixture, "Unnamed European officials");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2 statements");

  row = find_row (fixture, "Ukraine’s NATO membership");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Ukraine can realistically become a member of NATO");
  g_assert_nonnull (find (row, is_label_showing, "3"));

  g_assert_nonnull (find_row (fixture, "Supports"));
  g_assert_nonnull (find_row (fixture, "Unclear"));
  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_action_row, "Lloyd Austin"));
  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_expander_row, "Russia"));

  /* Nothing is filtered yet, so there is nothing to clear. */
  g_assert_false (clear_is_offered (fixture));
}

static void
test_topic (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *ids = NULL;
  g_autofree char *all = NULL;
  GtkCheckButton *check = find_check (fixture, "Ukraine’s NATO membership");

  g_assert_true (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, FALSE);

  ids = join (get_filter (fixture)->topic_ids);
  g_assert_cmpstr (ids, ==,
                   "defence-spending-target,europe-defence-burden,contact-group-leadership,"
                   "us-aid-from-stockpiles,approved-us-aid-packages,new-us-approach,"
                   "ukraine-pre-2014-borders");
  g_assert_null (get_filter (fixture)->actor_ids);
  g_assert_null (get_filter (fixture)->dataset_ids);
  g_assert_cmpuint (get_filter (fixture)->stances, ==, 0);
  g_assert_true (clear_is_offered (fixture));

  /* All checked again means no restriction at all. */
  gtk_check_button_set_active (check, TRUE);
  all = join (get_filter (fixture)->topic_ids);
  g_assert_cmpstr (all, ==, "(all)");
  g_assert_false (clear_is_offered (fixture));
}

/* Space and Enter activate the focused row, which toggles its check. */
static void
test_activate_row (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *ids = NULL;
  GtkWidget *row;

  expand (fixture, "United States");
  row = find_row (fixture, "Pete Hegseth");
  gtk_widget_activate (row);
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Pete Hegseth")));
  ids = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (ids, ==,
                   "volodymyr-zelensky,john-healey,donald-trump,matthew-miller,"
                   "unnamed-european-officials,mark-rutte");
  g_assert_true (gtk_check_button_get_inconsistent (find_country_check (fixture, "United States")));
}

static void
test_stances (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const labels[] = { NULL, "Supports", "Opposes", "Neutral", "Mixed", "Unclear" };

  gtk_check_button_set_active (find_check (fixture, "Opposes"), FALSE);
  g_assert_cmpuint (get_filter (fixture)->stances, ==,
                    1u << SP_STANCE_SUPPORT | 1u << SP_STANCE_NEUTRAL |
                    1u << SP_STANCE_MIXED | 1u << SP_STANCE_UNCLEAR);

  for (SpStance stance = SP_STANCE_SUPPORT; stance <= SP_STANCE_UNCLEAR; stance++)
    gtk_check_button_set_active (find_check (fixture, labels[stance]), stance == SP_STANCE_MIXED);
  g_assert_cmpuint (get_filter (fixture)->stances, ==, 1u << SP_STANCE_MIXED);

  /* None checked lets no stance through: a zero mask would mean all. */
  gtk_check_button_set_active (find_check (fixture, "Mixed"), FALSE);
  g_assert_cmpuint (get_filter (fixture)->stances, ==, 1u);

  for (SpStance stance = SP_STANCE_SUPPORT; stance <= SP_STANCE_UNCLEAR; stance++)
    gtk_check_button_set_active (find_check (fixture, labels[stance]), TRUE);
  g_assert_cmpuint (get_filter (fixture)->stances, ==, 0);
}

static void
test_country (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *without = NULL;
  g_autofree char *only = NULL;
  GtkCheckButton *us = find_country_check (fixture, "United States");

  expand (fixture, "United States");
  gtk_check_button_set_active (us, FALSE);
  without = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (without, ==, "volodymyr-zelensky,john-healey,unnamed-european-officials,mark-rutte");
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Pete Hegseth")));
  g_assert_false (gtk_check_button_get_inconsistent (us));

  /* One of its people back: the country's check shows a mix. */
  gtk_check_button_set_active (find_check (fixture, "Donald Trump"), TRUE);
  g_assert_false (gtk_check_button_get_active (us));
  g_assert_true (gtk_check_button_get_inconsistent (us));

  gtk_check_button_set_active (us, TRUE);
  g_assert_false (gtk_check_button_get_inconsistent (us));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Matthew Miller")));
  g_assert_null (get_filter (fixture)->actor_ids);

  /* Only the UK: everything else off, country by country. */
  gtk_check_button_set_active (us, FALSE);
  gtk_check_button_set_active (find_country_check (fixture, "Ukraine"), FALSE);
  gtk_check_button_set_active (find_check (fixture, "Unnamed European officials"), FALSE);
  gtk_check_button_set_active (find_check (fixture, "Mark Rutte"), FALSE);
  only = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (only, ==, "john-healey");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEditable *entry = find_search_entry (fixture);

  gtk_editable_set_text (entry, "unrealistic");
  wait_for_search (fixture, "unrealistic");
  g_assert_cmpstr (get_filter (fixture)->search, ==, "unrealistic");

  gtk_editable_set_text (entry, "");
  wait_for_search (fixture, NULL);
  g_assert_null (get_filter (fixture)->search);

  /* Escape clears the search. */
  gtk_editable_set_text (entry, "burden");
  wait_for_search (fixture, "burden");
  g_assert_cmpstr (get_filter (fixture)->search, ==, "burden");
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  wait_for_search (fixture, NULL);
  g_assert_null (get_filter (fixture)->search);

  sp_sidebar_focus_search (fixture->sidebar);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window), GTK_WIDGET (entry)));
}

/* A filter set elsewhere (restored from settings) moves the controls, and
 * the controls do not write it back changed. */
static void
test_follow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  g_autoptr(SpFilter) none = sp_filter_new ();
  const char * const actors[] = { "pete-hegseth", "john-healey", NULL };
  const char * const topics[] = { "ukraine-nato-membership", NULL };
  const char * const datasets[] = { NULL };

  expand (fixture, "United States");
  expand (fixture, "United Kingdom");
  filter->actor_ids = g_strdupv ((GStrv)actors);
  filter->topic_ids = g_strdupv ((GStrv)topics);
  filter->dataset_ids = g_strdupv ((GStrv)datasets);
  filter->stances = 1u << SP_STANCE_OPPOSE;
  filter->search = g_strdup ("NATO");
  sp_view_state_set_filter (fixture->state, filter);

  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Pete Hegseth")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Donald Trump")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "John Healey")));
  g_assert_true (gtk_check_button_get_active (find_country_check (fixture, "United Kingdom")));
  g_assert_false (gtk_check_button_get_inconsistent (find_country_check (fixture, "United Kingdom")));
  g_assert_true (gtk_check_button_get_inconsistent (find_country_check (fixture, "United States")));
  g_assert_false (gtk_check_button_get_active (find_country_check (fixture, "Ukraine")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Mark Rutte")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Ukraine’s NATO membership")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Defence spending target")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, US_TITLE)));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Supports")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Opposes")));
  g_assert_cmpstr (gtk_editable_get_text (find_search_entry (fixture)), ==, "NATO");
  g_assert_true (clear_is_offered (fixture));

  run_main_loop (500);
  g_assert_true (sp_filter_equal (get_filter (fixture), filter));

  /* Clear Filters lets everything through again. */
  g_signal_emit_by_name (find (GTK_WIDGET (fixture->sidebar), is_button_labelled, "_Clear Filters"), "clicked");
  g_assert_null (get_filter (fixture)->actor_ids);
  g_assert_null (get_filter (fixture)->search);
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Donald Trump")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Supports")));
  g_assert_cmpstr (gtk_editable_get_text (find_search_entry (fixture)), ==, "");
  run_main_loop (500);
  g_assert_true (sp_filter_equal (get_filter (fixture), none));
}

static void
test_grouping (Fixture       *fixture,
               gconstpointer  data)
{
  GtkToggleButton *country = GTK_TOGGLE_BUTTON (find (GTK_WIDGET (fixture->sidebar), is_button_labelled, "C_ountry"));
  GtkToggleButton *actor = GTK_TOGGLE_BUTTON (find (GTK_WIDGET (fixture->sidebar), is_button_labelled, "_Actor"));
  GtkToggleButton *topic = GTK_TOGGLE_BUTTON (find (GTK_WIDGET (fixture->sidebar), is_button_labelled, "_Topic"));

  g_assert_true (gtk_toggle_button_get_active (actor));

  g_signal_emit_by_name (country, "clicked");
  g_assert_cmpint (sp_view_state_get_grouping (fixture->state), ==, SP_GROUPING_COUNTRY);
  g_assert_false (gtk_toggle_button_get_active (actor));

  sp_view_state_set_grouping (fixture->state, SP_GROUPING_TOPIC);
  g_assert_true (gtk_toggle_button_get_active (topic));
  g_assert_false (gtk_toggle_button_get_active (country));
  g_assert_cmpint (sp_view_state_get_grouping (fixture->state), ==, SP_GROUPING_TOPIC);
}

static void
remove_dataset (SpSidebar  *sidebar,
                const char *id,
                const char *title,
                GString    *log)
{
  g_string_append_printf (log, "%s “%s”\n", id, title);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  GtkWidget *button = find (GTK_WIDGET (fixture->sidebar), has_tooltip, "Remove Dataset “" US_TITLE "”");

  g_assert_nonnull (button);
  g_signal_connect (fixture->sidebar, "remove-dataset", G_CALLBACK (remove_dataset), log);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (log->str, ==, "ukraine-contact-group-2025-02 “" US_TITLE "”\n");

  /* Clicking remove does not toggle the row's check. */
  g_assert_true (gtk_check_button_get_active (find_check (fixture, US_TITLE)));
  g_assert_null (get_filter (fixture)->dataset_ids);
}

/* Reloading keeps the filter; new items of a restricted section are not
 * let through, and a removed dataset's rows disappear. */
static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  gtk_check_button_set_active (find_check (fixture, "Defence spending target"), FALSE);
  g_assert_true (sp_library_remove_dataset (fixture->library, "ukraine-contact-group-2025-02", &error));
  g_assert_no_error (error);
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_rows (fixture);

  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_action_row, US_TITLE));
  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_action_row, "Pete Hegseth"));
  g_assert_false (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Datasets")));
  g_assert_false (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Topics")));
  g_assert_true (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Stances")));
  g_assert_nonnull (get_filter (fixture)->topic_ids);
  g_assert_cmpuint (g_strv_length (get_filter (fixture)->topic_ids), ==, 7);

  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_rows (fixture);
  g_assert_true (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Topics")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Defence spending target")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Ukraine’s NATO membership")));
}

/* A collapsed country's check lets all its people through or none,
 * though they have no rows yet; expanded, their rows show it. */
static void
test_collapsed_country (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *without = NULL;
  g_autofree char *with_trump = NULL;
  GtkWidget *expander = find_country (fixture, "United States");
  GtkCheckButton *us = find_country_check (fixture, "United States");

  gtk_check_button_set_active (us, FALSE);
  without = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (without, ==, "volodymyr-zelensky,john-healey,unnamed-european-officials,mark-rutte");
  g_assert_false (gtk_check_button_get_inconsistent (us));
  g_assert_null (find_in_country (expander, "Pete Hegseth"));

  gtk_check_button_set_active (us, TRUE);
  g_assert_null (get_filter (fixture)->actor_ids);
  g_assert_false (clear_is_offered (fixture));
  gtk_check_button_set_active (us, FALSE);

  expand (fixture, "United States");
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Pete Hegseth")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Donald Trump")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Matthew Miller")));
  g_assert_false (gtk_check_button_get_active (us));
  g_assert_false (gtk_check_button_get_inconsistent (us));

  gtk_check_button_set_active (find_check (fixture, "Donald Trump"), TRUE);
  with_trump = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (with_trump, ==,
                   "volodymyr-zelensky,john-healey,donald-trump,unnamed-european-officials,mark-rutte");
  g_assert_true (gtk_check_button_get_inconsistent (us));
}

/* A filter that lets some of a collapsed country's people through shows
 * a dash on its check, and other changes keep those people as they are. */
static void
test_collapsed_mixed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char * const actors[] = { "pete-hegseth", "john-healey", NULL };
  g_autofree char *with_rutte = NULL;
  g_autofree char *with_us = NULL;
  GtkCheckButton *us = find_country_check (fixture, "United States");

  filter->actor_ids = g_strdupv ((GStrv)actors);
  sp_view_state_set_filter (fixture->state, filter);
  g_assert_false (gtk_check_button_get_active (us));
  g_assert_true (gtk_check_button_get_inconsistent (us));
  g_assert_true (gtk_check_button_get_active (find_country_check (fixture, "United Kingdom")));
  g_assert_false (gtk_check_button_get_active (find_country_check (fixture, "Ukraine")));
  run_main_loop (200);
  g_assert_true (sp_filter_equal (get_filter (fixture), filter));

  gtk_check_button_set_active (find_check (fixture, "Mark Rutte"), TRUE);
  with_rutte = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (with_rutte, ==, "john-healey,pete-hegseth,mark-rutte");

  /* Checking the dashed check lets all its people through. */
  gtk_check_button_set_active (us, TRUE);
  with_us = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (with_us, ==, "john-healey,donald-trump,matthew-miller,pete-hegseth,mark-rutte");
  g_assert_false (gtk_check_button_get_inconsistent (us));

  expand (fixture, "United States");
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Donald Trump")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Pete Hegseth")));
}

/* A reload keeps which countries are expanded, and makes their members'
 * rows as the filter says; the others' wait. */
static void
test_expanded_kept (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *us;

  expand (fixture, "United States");
  gtk_check_button_set_active (find_check (fixture, "Pete Hegseth"), FALSE);
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_rows (fixture);

  us = find_country (fixture, "United States");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (us)));
  g_assert_nonnull (find_in_country (us, "Donald Trump"));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Pete Hegseth")));
  g_assert_true (gtk_check_button_get_inconsistent (find_country_check (fixture, "United States")));
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (find_country (fixture, "United Kingdom"))));
  g_assert_null (find_in_country (find_country (fixture, "United Kingdom"), "John Healey"));
}

/* After a reload, runs the main loop until the first country of the
 * generated dataset shows again, in a new row, and checks that rows are
 * still to be made. */
static void
wait_for_some_rows (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  GtkWidget *before = find (GTK_WIDGET (fixture->sidebar), is_expander_row, "Country 00");
  GtkWidget *first = NULL;

  if (before != NULL)
    g_object_add_weak_pointer (G_OBJECT (before), (gpointer *)&before);
  while ((before != NULL || first == NULL || !gtk_widget_is_visible (first)) &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      first = find (GTK_WIDGET (fixture->sidebar), is_expander_row, "Country 00");
    }
  g_assert_null (before);
  g_assert_nonnull (first);
  g_assert_true (gtk_widget_is_visible (first));
  g_assert_true (sp_sidebar_get_loading (fixture->sidebar));
  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_action_row, "Topic 079"));
}

/* A filter set while most rows are still to be made shows in them, and
 * the controls keep it. */
static void
test_filter_before_rows (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char * const actors[] = { "person-05-1", "org-019", NULL };
  const char * const topics[] = { "topic-000", "topic-079", NULL };
  g_autofree char *topic_ids = NULL;
  g_autofree char *actor_ids = NULL;

  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_some_rows (fixture);
  filter->actor_ids = g_strdupv ((GStrv)actors);
  filter->topic_ids = g_strdupv ((GStrv)topics);
  sp_view_state_set_filter (fixture->state, filter);
  wait_for_rows (fixture);

  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Topic 000")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Topic 079")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Topic 050")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Org 019")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Org 000")));
  g_assert_true (gtk_check_button_get_inconsistent (find_country_check (fixture, "Country 05")));
  g_assert_false (gtk_check_button_get_active (find_country_check (fixture, "Country 06")));
  g_assert_false (gtk_check_button_get_inconsistent (find_country_check (fixture, "Country 06")));
  expand (fixture, "Country 05");
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Person 05-1")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Person 05-0")));
  run_main_loop (200);
  g_assert_true (sp_filter_equal (get_filter (fixture), filter));

  gtk_check_button_set_active (find_check (fixture, "Topic 050"), TRUE);
  topic_ids = join (get_filter (fixture)->topic_ids);
  actor_ids = join (get_filter (fixture)->actor_ids);
  g_assert_cmpstr (topic_ids, ==, "topic-000,topic-050,topic-079");
  g_assert_cmpstr (actor_ids, ==, "person-05-1,org-019");
}

/* A check toggled while most rows are still to be made changes only its
 * own part of the filter: the items without rows are let through. */
static void
test_toggle_before_rows (Fixture       *fixture,
                         gconstpointer  data)
{
  GStrv ids;

  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_some_rows (fixture);
  gtk_check_button_set_active (find_country_check (fixture, "Country 00"), FALSE);

  ids = get_filter (fixture)->actor_ids;
  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length (ids), ==, (N_COUNTRIES - 1) * N_PERSONS + N_ORGANIZATIONS);
  g_assert_false (g_strv_contains ((const char * const *)ids, "person-00-0"));
  g_assert_true (g_strv_contains ((const char * const *)ids, "person-19-2"));
  g_assert_true (g_strv_contains ((const char * const *)ids, "org-019"));
  g_assert_null (get_filter (fixture)->topic_ids);
  g_assert_null (get_filter (fixture)->dataset_ids);

  wait_for_rows (fixture);
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Org 019")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Topic 079")));
  expand (fixture, "Country 00");
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Person 00-2")));
  g_assert_true (gtk_check_button_get_active (find_country_check (fixture, "Country 01")));
}

static void
assert_generated_rows (Fixture *fixture)
{
  g_assert_cmpuint (count_rows (fixture, "Datasets"), ==, 1);
  g_assert_cmpuint (count_rows (fixture, "Countries"), ==, N_COUNTRIES);
  g_assert_cmpuint (count_rows (fixture, "Organizations"), ==, N_ORGANIZATIONS);
  g_assert_cmpuint (count_rows (fixture, "Topics"), ==, N_TOPICS);
  g_assert_false (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Other People")));
  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_expander_row, "United States"));
}

/* A reload while the catalog is read or rows are made ends with the rows
 * of the library as it is last, each once. */
static void
test_reload_pending (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *topics = find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Topics");
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  GtkWidget *country;

  expand (fixture, "Country 01");

  sp_sidebar_reload (fixture->sidebar, fixture->library);
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_rows (fixture);
  assert_generated_rows (fixture);

  /* The sections hide while the rows before are removed. */
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  while (gtk_widget_is_visible (topics) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gtk_widget_is_visible (topics));
  g_assert_nonnull (find (GTK_WIDGET (fixture->sidebar), is_expander_row, "Country 00"));
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_rows (fixture);
  assert_generated_rows (fixture);

  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_some_rows (fixture);
  g_assert_true (sp_library_remove_dataset (fixture->library, "ukraine-contact-group-2025-02", &error));
  g_assert_no_error (error);
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  wait_for_rows (fixture);
  assert_generated_rows (fixture);

  country = find_country (fixture, "Country 01");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (country)));
  g_assert_nonnull (find_in_country (country, "Person 01-0"));
  g_assert_nonnull (find_in_country (country, "Person 01-2"));
  g_assert_null (find_in_country (find_country (fixture, "Country 02"), "Person 02-0"));
}

/* Names from datasets are shown as written, never read as markup. */
static void
test_as_written (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *row = find_row (fixture, "A <b>&amp;</b> B");
  GtkWidget *expander = find (GTK_WIDGET (fixture->sidebar), is_expander_row, "R&D <i>land</i>");

  g_assert_nonnull (find (row, is_label_showing, "A <b>&amp;</b> B"));
  g_assert_nonnull (find (row, is_label_showing, "x < y & z"));
  g_assert_nonnull (expander);
  g_assert_nonnull (find (expander, is_label_showing, "R&D <i>land</i>"));
  g_assert_nonnull (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Dataset <u>one</u> & more"));
}

/* Countries of persons, organizations and topics, each with statements. */
static char *
generate_dataset (void)
{
  g_autoptr(GPtrArray) speakers = g_ptr_array_new_with_free_func (g_free);
  GString *json = g_string_new ("{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
                                " \"dataset\": {\"id\": \"generated\", \"title\": \"Generated\"},\n"
                                " \"sources\": [{\"id\": \"src\", \"title\": \"An article\"}],\n"
                                " \"actors\": [");

  for (guint i = 0; i < N_COUNTRIES; i++)
    {
      g_string_append_printf (json, "%s{\"id\": \"country-%02u\", \"kind\": \"country\", \"name\": \"Country %02u\"}",
                              i > 0 ? ",\n  " : "", i, i);
      for (guint j = 0; j < N_PERSONS; j++)
        {
          g_string_append_printf (json, ",\n  {\"id\": \"person-%02u-%u\", \"kind\": \"person\", "
                                  "\"name\": \"Person %02u-%u\", \"country\": \"country-%02u\"}",
                                  i, j, i, j, i);
          g_ptr_array_add (speakers, g_strdup_printf ("person-%02u-%u", i, j));
        }
    }
  for (guint i = 0; i < N_ORGANIZATIONS; i++)
    {
      g_string_append_printf (json, ",\n  {\"id\": \"org-%03u\", \"kind\": \"organization\", \"name\": \"Org %03u\"}",
                              i, i);
      g_ptr_array_add (speakers, g_strdup_printf ("org-%03u", i));
    }

  g_string_append (json, "],\n \"topics\": [");
  for (guint i = 0; i < N_TOPICS; i++)
    g_string_append_printf (json, "%s{\"id\": \"topic-%03u\", \"label\": \"Topic %03u\", "
                            "\"proposition\": \"Proposition number %03u holds\"}",
                            i > 0 ? ",\n  " : "", i, i, i);

  /* More topics than speakers: every one of both speaks or is spoken of. */
  g_assert_cmpuint (N_TOPICS, >=, speakers->len);
  g_string_append (json, "],\n \"statements\": [");
  for (guint i = 0; i < N_STATEMENTS; i++)
    g_string_append_printf (json, "%s{\"id\": \"s%04u\", \"speaker\": \"%s\", \"topic\": \"topic-%03u\", "
                            "\"stance\": \"support\", \"paraphrase\": \"Statement number %04u, said once\", "
                            "\"said\": \"2025\", \"source\": \"src\"}",
                            i > 0 ? ",\n  " : "", i, (char *)g_ptr_array_index (speakers, i % speakers->len),
                            i % N_TOPICS, i);
  g_string_append (json, "]}\n");

  return g_string_free (json, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *generated_json = NULL;
  g_autofree char *generated = NULL;
  int status;

  if (!sp_test_init_gui (&argc, &argv, &data_home))
    return g_test_run ();

  markup = sp_test_write_file (data_home, "markup.json",
    "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
    " \"dataset\": {\"id\": \"markup\", \"title\": \"Dataset <u>one</u> & more\"},\n"
    " \"sources\": [{\"id\": \"src\", \"title\": \"An article\"}],\n"
    " \"actors\": [{\"id\": \"rd\", \"kind\": \"country\", \"name\": \"R&D <i>land</i>\"},\n"
    "            {\"id\": \"p\", \"kind\": \"person\", \"name\": \"P <b>\", \"country\": \"rd\"}],\n"
    " \"topics\": [{\"id\": \"a\", \"label\": \"A <b>&amp;</b> B\", \"proposition\": \"x < y & z\"}],\n"
    " \"statements\": [{\"id\": \"s1\", \"speaker\": \"p\", \"topic\": \"a\", \"stance\": \"support\","
    " \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"}]}\n");

  generated_json = generate_dataset ();
  generated = sp_test_write_file (data_home, "generated.json", generated_json);

#define ADD(path, func, data) \
  g_test_add ("/sidebar/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("rows", test_rows, NULL);
  ADD ("topic", test_topic, NULL);
  ADD ("activate-row", test_activate_row, NULL);
  ADD ("stances", test_stances, NULL);
  ADD ("country", test_country, NULL);
  ADD ("search", test_search, NULL);
  ADD ("follow", test_follow, NULL);
  ADD ("grouping", test_grouping, NULL);
  ADD ("remove", test_remove, NULL);
  ADD ("reload", test_reload, NULL);
  ADD ("collapsed-country", test_collapsed_country, NULL);
  ADD ("collapsed-mixed", test_collapsed_mixed, NULL);
  ADD ("expanded-kept", test_expanded_kept, NULL);
  ADD ("filter-before-rows", test_filter_before_rows, generated);
  ADD ("toggle-before-rows", test_toggle_before_rows, generated);
  ADD ("reload-pending", test_reload_pending, generated);
  ADD ("as-written", test_as_written, markup);
#undef ADD

  status = g_test_run ();
  sp_test_remove_tree (data_home);

  return status;
}
