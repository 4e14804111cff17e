#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "sp-application.h"
#include "sp-board-view.h"
#include "sp-comparison-view.h"
#include "sp-date.h"
#include "sp-details-pane.h"
#include "sp-preferences-window.h"
#include "sp-sidebar.h"
#include "sp-test-util.h"
#include "sp-timeline-legend.h"
#include "sp-timeline-view.h"
#include "sp-window.h"

/* One registered application for all tests, as in test-window.c. */
static SpApplication *app;

/* The toplevel of @type, which the main loop may still have to show. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
            return window;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  return NULL;
}

static void
wait_for_date_style (SpDateStyle style)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sp_date_get_style () != style && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (sp_date_get_style (), ==, style);
}

/* Lets settings changes and the like reach their handlers. */
static void
flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
format_date (const char *text)
{
  g_autoptr(GError) error = NULL;
  SpDate date;

  g_assert_true (sp_date_parse (text, -1, &date, &error));
  g_assert_no_error (error);

  return sp_date_format (&date);
}

/* The about window names the application, its version, licence and
 * addresses, and its debug information has what a bug report needs. */
static void
test_about (void)
{
  g_autofree char *library = sp_library_get_default_path ();
  g_autofree char *library_line = g_strdup_printf ("\nLibrary: %s\n", library);
  g_autofree char *sqlite_line = g_strdup_printf ("\nSQLite %s (built with %s)\n",
                                                  sqlite3_libversion (), SQLITE_VERSION);
  g_autofree char *gtk_line = g_strdup_printf ("\nGTK %u.%u.%u (built with ",
                                               gtk_get_major_version (), gtk_get_minor_version (),
                                               gtk_get_micro_version ());
  g_autofree char *adw_line = g_strdup_printf ("\nlibadwaita %u.%u.%u (built with ",
                                               adw_get_major_version (), adw_get_minor_version (),
                                               adw_get_micro_version ());
  AdwAboutWindow *about;
  const char *debug_info;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);

  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Standpoint");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, "io.github.standpoint.Standpoint");
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "The Standpoint developers");
  g_assert_cmpstrv (adw_about_window_get_developers (about),
                    ((const char * const []) { "The Standpoint developers", NULL }));
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (about), ==, "https://github.com/standpoint/standpoint");
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, "https://github.com/standpoint/standpoint/issues");
  g_assert_cmpstr (adw_about_window_get_translator_credits (about), ==, "translator-credits");

  debug_info = adw_about_window_get_debug_info (about);
  g_assert_true (g_str_has_prefix (debug_info, "Standpoint " PACKAGE_VERSION "\n\n"));
  g_assert_nonnull (strstr (debug_info, gtk_line));
  g_assert_nonnull (strstr (debug_info, adw_line));
  g_assert_nonnull (strstr (debug_info, sqlite_line));
  g_assert_nonnull (strstr (debug_info, library_line));

  gtk_window_destroy (GTK_WINDOW (about));
}

static GtkMenuButton *
find_primary_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return GTK_MENU_BUTTON (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The primary menu ends with the section the GNOME HIG asks for, in its
 * order. */
static void
test_primary_menu (void)
{
  static const char * const expected[] = { "app.preferences", "win.show-help-overlay", "app.help", "app.about" };
  SpWindow *window = sp_window_new (app);
  GtkMenuButton *button = find_primary_menu_button (GTK_WIDGET (window));
  GMenuModel *menu, *section;
  int n_sections;

  g_assert_nonnull (button);

  menu = gtk_menu_button_get_menu_model (button);
  n_sections = g_menu_model_get_n_items (menu);
  section = g_menu_model_get_item_link (menu, n_sections - 1, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_cmpstr (action, ==, expected[i]);
    }
  g_object_unref (section);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Accelerators as gtk_accelerator_name() writes them; the keypad's keys
 * are listed with the main ones. */
static void
add_accelerator (GHashTable      *set,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Add:
      keyval = GDK_KEY_plus;
      break;

    case GDK_KEY_KP_Subtract:
      keyval = GDK_KEY_minus;
      break;

    case GDK_KEY_KP_Enter:
      keyval = GDK_KEY_Return;
      break;

    default:
      break;
    }

  g_hash_table_add (set, gtk_accelerator_name (keyval, modifiers));
}

static void
add_trigger (GHashTable         *set,
             GtkShortcutTrigger *trigger)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    add_accelerator (set,
                     gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                     gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (set, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)));
      add_trigger (set, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)));
    }
}

/* The keys bound on @widget to actions whose names start with @prefix. */
static void
add_bindings (GHashTable *set,
              GtkWidget  *widget,
              const char *prefix)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_nonnull (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), prefix))
            add_trigger (set, gtk_shortcut_get_trigger (shortcut));
        }
    }
}

static void
add_application_accels (GHashTable *set)
{
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &modifiers));
          add_accelerator (set, keyval, modifiers);
        }
    }
}

static GHashTable *
new_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The accelerators the shortcuts window lists, by the name of their group. */
static void
collect_listed (GtkWidget  *widget,
                const char *group,
                GHashTable *groups)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    group = gtk_widget_get_name (widget);

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget) && group != NULL)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accelerators = NULL;
      GtkShortcutType type;
      GHashTable *set;

      g_object_get (widget, "shortcut-type", &type, "accelerator", &accelerator, NULL);
      if (type != GTK_SHORTCUT_ACCELERATOR)
        return;

      if ((set = g_hash_table_lookup (groups, group)) == NULL)
        g_hash_table_insert (groups, g_strdup (group), (set = new_set ()));

      accelerators = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; accelerators[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accelerators[i], &keyval, &modifiers));
          add_accelerator (set, keyval, modifiers);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_listed (child, group, groups);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static char *
join_sorted (GHashTable *set)
{
  guint n = 0;
  g_autofree const char **keys = NULL;

  g_assert_nonnull (set);
  keys = (const char **)g_hash_table_get_keys_as_array (set, &n);
  qsort (keys, n, sizeof *keys, compare_strings);

  return g_strjoinv (" ", (char **)keys);
}

/* The shortcuts window lists exactly the keys bound in the code: those of
 * the application and the window under "general", the timeline's and the
 * comparison board's under theirs. */
static void
test_shortcuts (void)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify)g_hash_table_unref);
  g_autoptr(GHashTable) general = new_set ();
  g_autoptr(GHashTable) timeline = new_set ();
  g_autoptr(GHashTable) board = new_set ();
  SpWindow *window = sp_window_new (app);
  GtkShortcutsWindow *overlay;
  struct {
    const char *group;
    GHashTable *bound;
  } expected[] = {
    { "general", general },
    { "timeline", timeline },
    { "comparison", board },
  };

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  collect_listed (GTK_WIDGET (overlay), NULL, listed);

  add_application_accels (general);
  add_bindings (general, GTK_WIDGET (window), "win.");
  add_bindings (timeline, sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_TIMELINE_VIEW), "timeline.");
  add_bindings (board, sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_BOARD_VIEW), "board.");

  /* Checked by hand once, so that the comparison below cannot pass on
   * two empty sets. */
  g_assert_true (g_hash_table_contains (general, "<Control>question"));
  g_assert_true (g_hash_table_contains (general, "<Control>comma"));
  g_assert_true (g_hash_table_contains (general, "F1"));
  g_assert_true (g_hash_table_contains (timeline, "<Shift>Left"));
  g_assert_true (g_hash_table_contains (board, "Home"));

  g_assert_cmpuint (g_hash_table_size (listed), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *bound = join_sorted (expected[i].bound);
      g_autofree char *shown = join_sorted (g_hash_table_lookup (listed, expected[i].group));

      g_test_message ("%s: %s", expected[i].group, bound);
      g_assert_cmpstr (shown, ==, bound);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *action,
            const char *target)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    {
      g_autofree char *text = g_variant_print (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root)), FALSE);

      if (g_str_equal (text, target))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, action, target);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_preferences_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    n += SP_IS_PREFERENCES_WINDOW (l->data);

  return n;
}

/* Each row of the preferences sets its key, and shows the key's value. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SpWindow *window = sp_window_new (app);
  GtkWidget *preferences;
  g_autofree char *iso = NULL;
  g_autofree char *written = NULL;
  g_autofree char *grouping = NULL;
  g_autofree char *style = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_cmpuint (count_preferences_windows (), ==, 1);
  preferences = GTK_WIDGET (wait_for_toplevel (SP_TYPE_PREFERENCES_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (preferences, "prefs.default-grouping", "'actor'"))));
  gtk_widget_activate (find_check (preferences, "prefs.default-grouping", "'topic'"));
  grouping = g_settings_get_string (settings, "default-grouping");
  g_assert_cmpstr (grouping, ==, "topic");
  g_settings_set_string (settings, "default-grouping", "country");
  flush_main_context ();
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (preferences, "prefs.default-grouping", "'country'"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (preferences, "prefs.default-grouping", "'topic'"))));

  gtk_widget_activate (find_check (preferences, "prefs.export-scale", "2"));
  g_assert_cmpint (g_settings_get_int (settings, "export-scale"), ==, 2);
  gtk_widget_activate (find_check (preferences, "prefs.export-scale", "1"));
  g_assert_cmpint (g_settings_get_int (settings, "export-scale"), ==, 1);

  /* The application applies the date style to everything formatted after. */
  gtk_widget_activate (find_check (preferences, "prefs.date-style", "'iso'"));
  style = g_settings_get_string (settings, "date-style");
  g_assert_cmpstr (style, ==, "iso");
  wait_for_date_style (SP_DATE_STYLE_ISO);
  iso = format_date ("2025-02-12");
  g_assert_cmpstr (iso, ==, "2025-02-12");

  gtk_widget_activate (find_check (preferences, "prefs.date-style", "'written'"));
  wait_for_date_style (SP_DATE_STYLE_WRITTEN);
  written = format_date ("2025-02-12");
  g_assert_cmpstr (written, ==, "12 Feb 2025");

  g_settings_reset (settings, "default-grouping");
  g_settings_reset (settings, "export-scale");
  g_settings_reset (settings, "date-style");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (count_preferences_windows (), ==, 0);
}

/* Each style formats every form of date; the dataset form never changes. */
static void
test_date_style (void)
{
  static const struct {
    const char *text;
    const char *written;
    const char *iso;
  } cases[] = {
    { "2025", "2025", "2025" },
    { "2025-02", "Feb 2025", "2025-02" },
    { "2025-02-12", "12 Feb 2025", "2025-02-12" },
    { "2025-02-12T14:00+01:00", "12 Feb 2025 14:00 +01:00", "2025-02-12 14:00 +01:00" },
    { "2025-02-12T14:00:30Z", "12 Feb 2025 14:00:30", "2025-02-12 14:00:30" },
    { "-0043-03-15", "15 Mar 44 BCE", "-0043-03-15" },
    { "0000", "1 BCE", "0000" },
    { "2022~", "~2022", "~2022" },
    { "2022?", "2022?", "2022?" },
    { "2022-05%", "~May 2022?", "~2022-05?" },
  };

  g_assert_cmpint (sp_date_get_style (), ==, SP_DATE_STYLE_WRITTEN);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *written = NULL;
      g_autofree char *iso = NULL;
      g_autofree char *canonical = NULL;
      SpDate date;

      g_assert_true (sp_date_parse (cases[i].text, -1, &date, &error));
      g_assert_no_error (error);

      sp_date_set_style (SP_DATE_STYLE_ISO);
      iso = sp_date_format (&date);
      canonical = sp_date_to_string (&date);
      sp_date_set_style (SP_DATE_STYLE_WRITTEN);
      written = sp_date_format (&date);

      g_assert_cmpstr (iso, ==, cases[i].iso);
      g_assert_cmpstr (written, ==, cases[i].written);
      g_assert_cmpstr (canonical, ==, cases[i].text);
    }
}

/* The application's actions, with the accelerators the shortcuts window
 * shows. */
static void
test_actions (void)
{
  static const struct {
    const char *name;
    const char *accel;
  } actions[] = {
    { "about", NULL },
    { "preferences", "<Control>comma" },
    { "help", "F1" },
    { "quit", "<Control>q" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *detailed = g_strconcat ("app.", actions[i].name, NULL);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), detailed);

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), actions[i].name));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), actions[i].name));
      g_assert_cmpstr (accels[0], ==, actions[i].accel);
      if (accels[0] != NULL)
        g_assert_null (accels[1]);
    }
}

/* Without a help viewer, F1 says what to install instead of failing
 * silently. */
static void
test_help_without_viewer (void)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  SpWindow *window;
  AdwMessageDialog *dialog;

  if (viewer != NULL)
    {
      g_test_skip ("a help viewer is installed; activating app.help would start it");
      return;
    }

  window = sp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open Help");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "The user guide opens in the Help app, which is not installed on this computer. "
                                   "Install the “yelp” package, then try again."));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every custom widget has a CSS name of its own, for the inspector and
 * for style.css. */
static void
test_css_names (void)
{
  static const struct {
    GType (*get_type) (void);
    const char *name;
  } widgets[] = {
    { sp_board_view_get_type, "board" },
    { sp_comparison_view_get_type, "comparison" },
    { sp_details_pane_get_type, "details-pane" },
    { sp_sidebar_get_type, "sidebar" },
    { sp_timeline_legend_get_type, "timeline-legend" },
    { sp_timeline_view_get_type, "timeline" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      GtkWidgetClass *klass = g_type_class_ref (widgets[i].get_type ());

      g_assert_cmpstr (gtk_widget_class_get_css_name (klass), ==, widgets[i].name);
      g_type_class_unref (klass);
    }
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

  g_test_add_func ("/app-parts/date-style", test_date_style);
  g_test_add_func ("/app-parts/actions", test_actions);
  g_test_add_func ("/app-parts/about", test_about);
  g_test_add_func ("/app-parts/primary-menu", test_primary_menu);
  g_test_add_func ("/app-parts/shortcuts", test_shortcuts);
  g_test_add_func ("/app-parts/preferences", test_preferences);
  g_test_add_func ("/app-parts/help-without-viewer", test_help_without_viewer);
  g_test_add_func ("/app-parts/css-names", test_css_names);

  status = g_test_run ();
  g_clear_object (&app);
  sp_test_remove_tree (data_home);

  return status;
}
