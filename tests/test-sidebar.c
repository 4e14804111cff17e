#include "config.h"

#include <adwaita.h>

#include "sp-importer.h"
#include "sp-sidebar.h"
#include "sp-test-util.h"

#define US_TITLE "The US and the UK in the Ukraine Defense Contact Group, February 2025"

typedef struct {
  char        *dir;
  SpLibrary   *library;
  SpViewState *state;
  GtkWindow   *window;
  SpSidebar   *sidebar;
} Fixture;

static void
import_file (SpLibrary  *library,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = sp_importer_new (library, file);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_importer_run (importer, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = sp_test_make_dir ();
  path = g_build_filename (fixture->dir, "library.sqlite", NULL);
  fixture->library = sp_library_open (path, &error);
  g_assert_no_error (error);
  import_file (fixture->library, data != NULL ? data : sp_test_bundled_dataset ());

  fixture->state = sp_view_state_new ();
  fixture->sidebar = SP_SIDEBAR (sp_sidebar_new (fixture->state));
  sp_sidebar_reload (fixture->sidebar, fixture->library);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->sidebar));
  gtk_window_present (fixture->window);
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
  GtkWidget *row = find_row (fixture, "Pete Hegseth");

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

  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_action_row, US_TITLE));
  g_assert_null (find (GTK_WIDGET (fixture->sidebar), is_action_row, "Pete Hegseth"));
  g_assert_false (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Datasets")));
  g_assert_false (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Topics")));
  g_assert_true (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Stances")));
  g_assert_nonnull (get_filter (fixture)->topic_ids);
  g_assert_cmpuint (g_strv_length (get_filter (fixture)->topic_ids), ==, 7);

  import_file (fixture->library, sp_test_bundled_dataset ());
  sp_sidebar_reload (fixture->sidebar, fixture->library);
  g_assert_true (gtk_widget_is_visible (find (GTK_WIDGET (fixture->sidebar), is_label_showing, "Topics")));
  g_assert_false (gtk_check_button_get_active (find_check (fixture, "Defence spending target")));
  g_assert_true (gtk_check_button_get_active (find_check (fixture, "Ukraine’s NATO membership")));
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *markup = NULL;
  int status;

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

  markup = sp_test_write_file (data_home, "markup.json",
    "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
    " \"dataset\": {\"id\": \"markup\", \"title\": \"Dataset <u>one</u> & more\"},\n"
    " \"sources\": [{\"id\": \"src\", \"title\": \"An article\"}],\n"
    " \"actors\": [{\"id\": \"rd\", \"kind\": \"country\", \"name\": \"R&D <i>land</i>\"},\n"
    "            {\"id\": \"p\", \"kind\": \"person\", \"name\": \"P <b>\", \"country\": \"rd\"}],\n"
    " \"topics\": [{\"id\": \"a\", \"label\": \"A <b>&amp;</b> B\", \"proposition\": \"x < y & z\"}],\n"
    " \"statements\": [{\"id\": \"s1\", \"speaker\": \"p\", \"topic\": \"a\", \"stance\": \"support\","
    " \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"}]}\n");

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
  ADD ("as-written", test_as_written, markup);
#undef ADD

  status = g_test_run ();
  sp_test_remove_tree (data_home);

  return status;
}
