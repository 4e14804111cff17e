#define G_LOG_DOMAIN "standpoint-application"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "sp-application.h"
#include "sp-date.h"
#include "sp-preferences-window.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  SpLibrary      *library;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

/* The most recently focused main window: the preferences are a window of
 * the application too. */
static SpWindow *
get_window (SpApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SP_IS_WINDOW (l->data))
      return l->data;

  return sp_window_new (self);
}

/* On the very first start the bundled dataset is imported, so that a new
 * user sees a populated timeline at once; removing it later sticks. */
static void
import_bundled_dataset (SpApplication *self,
                        SpWindow      *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GFile) file = NULL;
  const char *path;

  if (g_settings_get_boolean (settings, "bundled-dataset-imported"))
    return;
  g_settings_set_boolean (settings, "bundled-dataset-imported", TRUE);

  path = g_getenv ("STANDPOINT_BUNDLED_DATASET");
  if (path == NULL)
    path = PKGDATADIR "/datasets/" BUNDLED_DATASET;
  file = g_file_new_for_path (path);
  if (g_file_query_exists (file, NULL))
    sp_window_import (window, file);
}

/* The views keep the dates they formatted; reloading formats them anew. */
static void
date_style_changed (SpApplication *self)
{
  sp_date_set_style (g_settings_get_enum (self->settings, "date-style"));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SP_IS_WINDOW (l->data))
      sp_window_reload (l->data);
}

static void
sp_application_startup (GApplication *application)
{
  SpApplication *self = SP_APPLICATION (application);

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (application);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_swapped (self->settings, "changed::date-style",
                            G_CALLBACK (date_style_changed), self);
  sp_date_set_style (g_settings_get_enum (self->settings, "date-style"));
}

static void
sp_application_activate (GApplication *application)
{
  SpApplication *self = SP_APPLICATION (application);
  SpWindow *window = get_window (self);

  import_bundled_dataset (self, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
sp_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SpWindow *window = get_window (SP_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    sp_window_import (window, files[i]);
}

static int
sp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  SpApplication *self = SP_APPLICATION (application);
  g_autofree char *db_path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("standpoint %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^ay", &db_path))
    {
      g_free (self->db_path);
      self->db_path = g_steal_pointer (&db_path);
    }

  return -1;
}

static void
sp_application_finalize (GObject *object)
{
  SpApplication *self = (SpApplication *)object;

  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_free (self->db_path);

  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sp_application_finalize;
  app_class->startup = sp_application_startup;
  app_class->activate = sp_application_activate;
  app_class->open = sp_application_open;
  app_class->handle_local_options = sp_application_handle_local_options;
}

/* Left untranslated: it goes into bug reports, for the developers. */
static char *
get_debug_info (SpApplication *self)
{
  GString *info = g_string_new (NULL);
  g_autofree char *os = g_get_os_info (G_OS_INFO_KEY_PRETTY_NAME);
  g_autofree char *default_path = NULL;
  const char *path = self->db_path;

  if (self->library != NULL)
    path = sp_library_get_path (self->library);
  else if (path == NULL)
    path = default_path = sp_library_get_default_path ();

  g_string_append_printf (info, "Standpoint %s\n\n", PACKAGE_VERSION);
  g_string_append_printf (info, "GTK %u.%u.%u (built with %d.%d.%d)\n",
                          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                          GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION);
  g_string_append_printf (info, "libadwaita %u.%u.%u (built with %d.%d.%d)\n",
                          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                          ADW_MAJOR_VERSION, ADW_MINOR_VERSION, ADW_MICRO_VERSION);
  g_string_append_printf (info, "GLib %u.%u.%u (built with %d.%d.%d)\n",
                          glib_major_version, glib_minor_version, glib_micro_version,
                          GLIB_MAJOR_VERSION, GLIB_MINOR_VERSION, GLIB_MICRO_VERSION);
  g_string_append_printf (info, "SQLite %s (built with %s)\n", sqlite3_libversion (), SQLITE_VERSION);
  g_string_append_printf (info, "Operating system: %s\n", os != NULL ? os : "unknown");
  g_string_append_printf (info, "Library: %s\n", path);

  return g_string_free (info, FALSE);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SpApplication *self = user_data;
  const char *developers[] = { _("The Standpoint developers"), NULL };
  g_autofree char *debug_info = get_debug_info (self);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Standpoint"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("See how officials’ positions change over time and compare them "
                                      "side by side, each one traced to its quote and its source."),
                        "developer-name", _("The Standpoint developers"),
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "copyright", _("© 2026 The Standpoint developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/standpoint/standpoint",
                        "issue-url", "https://github.com/standpoint/standpoint/issues",
                        "debug-info", debug_info,
                        "debug-info-filename", "standpoint-debug-info.txt",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = user_data;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (SP_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }

  gtk_window_present (GTK_WINDOW (sp_preferences_window_new (app)));
}

static void
help_shown (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GtkWindow *parent = GTK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *datadir = NULL;
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;

  g_debug ("Cannot open the help: %s", error->message);

  body = g_string_new (_("The user guide opens in the Help app, which is not installed on this "
                         "computer. Install the “yelp” package, then try again."));
  datadir = g_path_get_dirname (PKGDATADIR);
  pages = g_build_filename (datadir, "help", "C", "standpoint", NULL);
  if (g_file_test (pages, G_FILE_TEST_IS_DIR))
    {
      g_string_append (body, "\n\n");
      /* Translators: %s is a folder */
      g_string_append_printf (body, _("The guide’s pages are in %s."), pages);
    }

  dialog = adw_message_dialog_new (parent, _("Cannot Open Help"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (parent, "help:standpoint", GDK_CURRENT_TIME, NULL, help_shown, NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "help", help_activated },
  { "quit", quit_activated },
};

static void
sp_application_init (SpApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the library at PATH instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

SpApplication *
sp_application_new (void)
{
  return g_object_new (SP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/standpoint/Standpoint",
                       NULL);
}

/* Opened on first use, so that a window can show why it failed. */
SpLibrary *
sp_application_get_library (SpApplication  *self,
                            GError        **error)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);

  if (self->library == NULL)
    {
      g_autofree char *path = self->db_path ? g_strdup (self->db_path)
                                            : sp_library_get_default_path ();

      self->library = sp_library_open (path, error);
    }

  return self->library;
}
