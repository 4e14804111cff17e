#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sp-library.h"
#include "sp-test-util.h"

/* An import of this many statements takes about half a second to a second
 * on the machines the tests run on; long enough to be killed at many
 * different moments. */
#define N_STATEMENTS 16000

#define DEFAULT_KILLS 50
#define DEFAULT_SEED  20250212

static void
import_file (const char *db,
             const char *path)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  library = sp_library_open (db, &error);
  g_assert_no_error (error);
  sp_test_import (library, path);
}

/* The counts of every kind of row, which an import changes all at once. */
static char *
describe_counts (SpLibrary *library)
{
  return sp_test_query_text (library,
                             "SELECT (SELECT count(*) FROM datasets) || ' ' ||"
                             " (SELECT count(*) FROM provenance) || ' ' ||"
                             " (SELECT count(*) FROM sources) || ' ' ||"
                             " (SELECT count(*) FROM actors) || ' ' ||"
                             " (SELECT count(*) FROM topics) || ' ' ||"
                             " (SELECT count(*) FROM statements) || ' ' ||"
                             " (SELECT count(*) FROM statements_fts)");
}

/* Opens the library as the app would after a crash, and checks that it is
 * sound, including the full-text indexes against their tables. */
static SpLibrary *
open_checked (const char *db)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;

  library = sp_library_open (db, &error);
  g_assert_no_error (error);

  integrity = sp_test_query_text (library, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_true (sp_library_exec (library,
                                  "INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check');"
                                  "INSERT INTO events_fts (events_fts) VALUES ('integrity-check');"
                                  "INSERT INTO sources_fts (sources_fts) VALUES ('integrity-check');",
                                  &error));
  g_assert_no_error (error);

  return g_steal_pointer (&library);
}

static void
copy_library (const char *from,
              const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *side = g_strconcat (to, i == 0 ? "-wal" : "-shm", NULL);

      g_unlink (side);
    }
  g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static GPid
spawn_import (const char *db,
              const char *dataset)
{
  const char *argv[] = { g_getenv ("STANDPOINT_CLI"), "--db", db, "import", dataset, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_async (NULL, (char **)argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  return pid;
}

static guint
get_env_uint (const char *name,
              guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? (guint)g_ascii_strtoull (value, NULL, 10) : fallback;
}

/* `standpoint-cli import` killed with SIGKILL at random moments, from
 * before it opens the library to after it commits: the library is sound
 * each time and holds all of the import or none of it.
 * STANDPOINT_CRASH_KILLS and STANDPOINT_CRASH_SEED change the number of
 * kills and the moments (bench/crash.sh runs thousands). */
static void
test_sigkill (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *base = g_build_filename (dir, "base.sqlite", NULL);
  g_autofree char *dataset = sp_test_write_dataset (dir, "crash", N_STATEMENTS);
  g_autoptr(GRand) rand = g_rand_new_with_seed (get_env_uint ("STANDPOINT_CRASH_SEED", DEFAULT_SEED));
  guint n_kills = get_env_uint ("STANDPOINT_CRASH_KILLS", DEFAULT_KILLS);
  g_autofree char *none = NULL;
  g_autofree char *none_counts = NULL;
  g_autofree char *all_counts = NULL;
  guint n_none = 0, n_all = 0, n_finished = 0;
  gboolean restore = FALSE;
  gint64 start, full_usec;
  int wait_status;

  /* The library already holds a dataset, which must come through intact. */
  import_file (base, sp_test_bundled_dataset ());
  {
    g_autoptr(SpLibrary) library = open_checked (base);

    none = sp_test_library_fingerprint (library);
    none_counts = describe_counts (library);
  }

  /* One import to the end, for its length and what it leaves. */
  copy_library (base, db);
  start = g_get_monotonic_time ();
  waitpid (spawn_import (db, dataset), &wait_status, 0);
  full_usec = g_get_monotonic_time () - start;
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  {
    g_autoptr(SpLibrary) library = open_checked (db);

    all_counts = describe_counts (library);
    g_assert_cmpstr (all_counts, !=, none_counts);
    g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 15 + N_STATEMENTS);
  }
  g_test_message ("a whole import takes %.2f s", full_usec / (double)G_USEC_PER_SEC);
  copy_library (base, db);

  for (guint i = 0; i < n_kills; i++)
    {
      g_autoptr(SpLibrary) library = NULL;
      g_autofree char *counts = NULL;
      gulong delay = (gulong)g_rand_double_range (rand, 0, 1.2 * full_usec);
      GPid pid;

      if (restore)
        copy_library (base, db);

      pid = spawn_import (db, dataset);
      g_usleep (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);

      if (WIFEXITED (wait_status))
        {
          g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
          n_finished++;
        }
      else
        g_assert_cmpint (WTERMSIG (wait_status), ==, SIGKILL);

      library = open_checked (db);
      counts = describe_counts (library);
      if (g_strcmp0 (counts, all_counts) == 0)
        {
          n_all++;
          restore = TRUE;
        }
      else
        {
          g_autofree char *fingerprint = sp_test_library_fingerprint (library);

          g_assert_cmpstr (fingerprint, ==, none);
          g_assert_false (WIFEXITED (wait_status));
          n_none++;
          restore = FALSE;
        }
    }

  g_test_message ("%u kills: %u left none of the import, %u all of it (%u of these had finished)",
                  n_kills, n_none, n_all, n_finished);
  g_assert_cmpuint (n_none + n_all, ==, n_kills);
  /* Some kills came before the commit, which the earliest moments must. */
  g_assert_cmpuint (n_none, >, 0);
}

typedef struct {
  gboolean exited;
  guint    n_changed;
} Watch;

static void
subprocess_exited (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Watch *watch = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  watch->exited = TRUE;
}

static void
library_changed (SpLibrary *library,
                 Watch     *watch)
{
  watch->n_changed++;
}

/* A reader (the window) keeps its library open while standpoint-cli imports
 * into it: every query sees the library as it was before the import or as
 * it is after, never a part of it, and the watch tells when it changed. */
static void
test_reader_during_import (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *dataset = sp_test_write_dataset (dir, "concurrent", N_STATEMENTS);
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GSubprocess) import = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { 0 };
  guint n_reads_before = 0;
  gint64 deadline;

  import_file (db, sp_test_bundled_dataset ());
  library = sp_library_open (db, &error);
  g_assert_no_error (error);
  sp_library_watch (library, 20);
  g_signal_connect (library, "changed", G_CALLBACK (library_changed), &watch);

  import = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             g_getenv ("STANDPOINT_CLI"), "--db", db, "import", dataset, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (import, NULL, subprocess_exited, &watch);

  while (!watch.exited)
    {
      gint64 n = sp_test_query_int (library, "SELECT count(*) FROM statements");

      if (n == 15)
        n_reads_before++;
      else
        g_assert_cmpint (n, ==, 15 + N_STATEMENTS);

      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpuint (n_reads_before, >, 0);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (watch.n_changed == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (watch.n_changed, >, 0);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 15 + N_STATEMENTS);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM datasets"), ==, 2);

  sp_library_watch (library, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/sigkill", test_sigkill);
  g_test_add_func ("/crash/reader-during-import", test_reader_during_import);

  return g_test_run ();
}
