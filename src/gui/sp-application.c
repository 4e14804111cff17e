#define G_LOG_DOMAIN "standpoint-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  SpLibrary      *library;
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

static SpWindow *
get_window (SpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (sp_window_new (self));

  return SP_WINDOW (window);
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
  g_free (self->db_path);

  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sp_application_finalize;
  app_class->activate = sp_application_activate;
  app_class->open = sp_application_open;
  app_class->handle_local_options = sp_application_handle_local_options;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
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
  static const char *quit_accels[] = { "<Control>q", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
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
