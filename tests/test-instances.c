#include "config.h"

#include "sp-library.h"
#include "sp-test-util.h"

/* Two launches of the app share one instance: the second hands its files to
 * the first and exits.  The programs run on a D-Bus session bus of the
 * test's own, so that an app the user has open never answers. */

#define OBJECT_PATH "/io/github/standpoint/Standpoint"

typedef struct {
  gboolean exited;
  gboolean ok;
} Exit;

static void
subprocess_exited (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Exit *exit = user_data;

  exit->ok = g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, NULL);
  exit->exited = TRUE;
}

static GSubprocess *
launch (GSubprocessLauncher  *launcher,
        Exit                 *exit,
        const char * const   *argv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *subprocess;

  subprocess = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (subprocess, NULL, subprocess_exited, exit);

  return subprocess;
}

/* Runs the main loop until @done says so or @seconds passed; returns
 * whether @done said so. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }

  return done (data);
}

static gboolean
has_exited (gpointer data)
{
  return ((Exit *)data)->exited;
}

static gboolean
app_is_on_bus (gpointer data)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (G_DBUS_CONNECTION (data),
                                       "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APPLICATION_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

static gboolean
has_second_dataset (gpointer data)
{
  return sp_test_query_int (SP_LIBRARY (data), "SELECT count(*) FROM datasets WHERE id = 'second'") == 1;
}

static void
test_second_launch (void)
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cli_dir = NULL;
  g_autofree char *app = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *dataset = NULL;
  Exit first_exit = { 0 };
  Exit second_exit = { 0 };
  gboolean quit;
  gint64 start;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("the app needs a display");
      return;
    }

  cli_dir = g_path_get_dirname (g_getenv ("STANDPOINT_CLI"));
  app = g_build_filename (cli_dir, "standpoint", NULL);
  g_assert_true (g_file_test (app, G_FILE_TEST_IS_EXECUTABLE));

  dir = sp_test_make_dir ();
  db = g_build_filename (dir, "library.sqlite", NULL);
  dataset = sp_test_write_dataset (dir, "second", 10);
  library = sp_library_open (db, &error);
  g_assert_no_error (error);

  /* Before the bus is up, which unsets DISPLAY in this process. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (bus), TRUE);
  /* No first-start import of the bundled dataset. */
  g_subprocess_launcher_setenv (launcher, "STANDPOINT_BUNDLED_DATASET", "/nonexistent", TRUE);

  first = launch (launcher, &first_exit, (const char * const[]) { app, "--db", db, NULL });
  g_assert_true (wait_until (app_is_on_bus, connection, 30));
  g_assert_false (first_exit.exited);

  start = g_get_monotonic_time ();
  second = launch (launcher, &second_exit, (const char * const[]) { app, "--db", db, dataset, NULL });
  g_assert_true (wait_until (has_exited, &second_exit, 20));
  g_assert_true (second_exit.ok);
  g_test_message ("the second launch took %.2f s", (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  /* The first instance imported the file the second was given. */
  g_assert_true (wait_until (has_second_dataset, library, 30));
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 10);
  g_assert_false (first_exit.exited);

  reply = g_dbus_connection_call_sync (connection, APPLICATION_ID, OBJECT_PATH,
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  quit = wait_until (has_exited, &first_exit, 20);
  if (!quit)
    {
      g_subprocess_force_exit (first);
      wait_until (has_exited, &first_exit, 10);
    }
  g_assert_true (quit);
  g_assert_true (first_exit.ok);

  g_clear_object (&connection);
  g_test_dbus_down (bus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/instances/second-launch", test_second_launch);

  return g_test_run ();
}
