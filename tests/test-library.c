#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sp-importer.h"
#include "sp-library.h"
#include "sp-test-util.h"

#define BUNDLED_ID "ukraine-contact-group-2025-02"

static gboolean
import_path (SpLibrary   *library,
             const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = sp_importer_new (library, file);

  return sp_importer_run (importer, NULL, error);
}

/* A library at @path holding the bundled dataset, closed. */
static void
make_library (const char *path)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  sp_test_import (library, sp_test_bundled_dataset ());
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (GBytes     *expected,
                   const char *path)
{
  g_autoptr(GBytes) actual = read_bytes (path);

  g_assert_true (g_bytes_equal (expected, actual));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **)names->pdata);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncImport;

static void
async_import_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncImport *run = user_data;

  run->ok = sp_importer_run_finish (SP_IMPORTER (object), result, &run->error);
  run->done = TRUE;
}

/* An import as the window runs it: in a thread, on a connection of its own. */
static gboolean
import_path_async (SpLibrary   *library,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = sp_importer_new (library, file);
  AsyncImport run = { 0 };

  sp_importer_run_async (importer, NULL, async_import_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  if (run.error != NULL)
    g_propagate_error (error, run.error);

  return run.ok;
}

static void
test_create (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "library.sqlite", NULL);
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sp_library_get_schema_version (library), ==, 1);
  g_assert_false (sp_library_get_read_only (library));
  g_assert_null (sp_library_get_read_only_reason (library));
  g_assert_cmpint (sp_test_query_int (library, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sp_test_query_int (library, "PRAGMA foreign_keys"), ==, 1);
  mode = sp_test_query_text (library, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  /* The indexes behind time-window, per-actor and per-topic queries. */
  g_assert_cmpint (sp_test_query_int (library,
                                      "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN"
                                      " ('statements_by_said', 'statements_by_speaker', 'statements_by_topic',"
                                      "  'events_by_start', 'offices_by_holder')"), ==, 5);
  g_assert_cmpint (sp_test_query_int (library,
                                      "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                      " ('statements_fts', 'events_fts', 'sources_fts')"), ==, 3);
}

static void
test_reopen (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  SpLibrary *library;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_library_exec (library,
                                  "INSERT INTO datasets (id, title, imported_at) VALUES ('d', 'D', 0)",
                                  &error));
  g_object_unref (library);

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM datasets"), ==, 1);
  g_object_unref (library);
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;
  SpLibrary *library;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sp_library_exec (library, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE", &error));
  g_object_unref (library);

  g_file_get_contents (path, &before, &length, &error);
  g_assert_no_error (error);

  library = sp_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NEWER_SCHEMA);
  g_assert_true (g_str_has_suffix (error->message,
                                   "was written by a newer version of Standpoint (schema version 99, "
                                   "this version knows 1); it was left untouched"));
  g_clear_error (&error);

  g_file_get_contents (path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (before, after, length) == 0);
}

static void
test_default_path (void)
{
  g_autofree char *path = sp_library_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "standpoint", "library.sqlite", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_unwritable_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLibrary) library = NULL;

  library = sp_library_open ("/proc/standpoint/library.sqlite", &error);
  g_assert_null (library);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Cannot create the folder /proc/standpoint"));
}

/* Opened for reading only, a library reads as usual and every write fails
 * with a message that says why, whichever connection makes it. */
static void
test_read_only (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *small = sp_test_write_dataset (dir, "small", 1);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;

  make_library (path);
  bytes = read_bytes (path);

  library = sp_library_open_full (path, SP_LIBRARY_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sp_library_get_read_only (library));
  g_assert_cmpstr (sp_library_get_read_only_reason (library), ==, "it was opened for reading only");
  g_assert_cmpint (sp_library_get_schema_version (library), ==, 1);

  datasets = sp_library_list_datasets (library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (datasets->len, ==, 1);
  before = sp_test_library_fingerprint (library);

  expected = g_strdup_printf ("The library %s is read-only: it was opened for reading only. "
                              "Nothing was changed.", path);

  g_assert_false (sp_library_remove_dataset (library, BUNDLED_ID, &error));
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_false (import_path (library, small, &error));
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_false (import_path_async (library, small, &error));
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  after = sp_test_library_fingerprint (library);
  g_assert_cmpstr (before, ==, after);
  g_clear_object (&library);
  assert_same_bytes (bytes, path);

  /* Reading only never creates a library. */
  library = sp_library_open_full (missing, SP_LIBRARY_OPEN_READ_ONLY, NULL, &error);
  g_assert_null (library);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND);
  g_assert_cmpstr (strstr (error->message, "There is no library at "), ==, error->message);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* While another connection writes, a write waits for the busy timeout and
 * then fails, saying so; reads go on; once the other is done, writes work. */
static void
test_busy (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *small = sp_test_write_dataset (dir, "small", 1);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(SpLibrary) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  make_library (path);
  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  other = sp_library_open (path, &error);
  g_assert_no_error (error);
  sp_library_set_busy_timeout (library, 200);
  before = sp_test_library_fingerprint (library);

  g_assert_true (sp_library_exec (other, "BEGIN IMMEDIATE", &error));
  g_assert_true (sp_library_exec (other, "DELETE FROM statements", &error));

  expected = g_strdup_printf ("The library %s is busy: another program is writing to it. "
                              "Try again when it has finished.", path);

  start = g_get_monotonic_time ();
  g_assert_false (sp_library_remove_dataset (library, BUNDLED_ID, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (elapsed, >=, 200 * 1000);
  g_clear_error (&error);

  g_assert_false (import_path (library, small, &error));
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* The window's imports use a connection of their own, with the same wait. */
  start = g_get_monotonic_time ();
  g_assert_false (import_path_async (library, small, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (elapsed, >=, 200 * 1000);
  g_assert_cmpint (elapsed, <, 4 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Reading sees the library as it was before the other's write. */
  after = sp_test_library_fingerprint (library);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (sp_library_exec (other, "ROLLBACK", &error));
  sp_test_import (library, small);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM datasets"), ==, 2);
}

/* Damaged files of each kind: opening says so and writes nothing, not even
 * a WAL beside them; set aside, they are kept as they were, and a new
 * library starts in their place. */
static void
test_corrupt (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *good_path = g_build_filename (dir, "good.sqlite", NULL);
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const struct {
    const char *name;
    const char *reason;
  } cases[] = {
    { "bad-header", "file is not a database" },
    { "cut-at-page", "database disk image is malformed" },
    { "cut-mid-page", "database disk image is malformed" },
    { "garbage", "file is not a database" },
    { "text", "file is not a database" },
  };

  make_library (good_path);
  good = read_bytes (good_path);
  g_assert_cmpuint (g_bytes_get_size (good), >, 64 * 1024);
  g_assert_cmpuint (g_bytes_get_size (good) % 4096, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *case_dir = g_build_filename (dir, cases[i].name, NULL);
      g_autofree char *path = g_build_filename (case_dir, "library.sqlite", NULL);
      g_autofree char *expected = NULL;
      g_autofree char *pattern = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *aside = NULL;
      g_autofree char *listing = NULL;
      g_autofree char *expected_listing = NULL;
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SpLibrary) library = NULL;
      g_autoptr(GPtrArray) datasets = NULL;
      g_autoptr(GError) error = NULL;
      gsize size = g_bytes_get_size (good);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (g_mkdir (case_dir, 0700), ==, 0);

      if (g_str_equal (cases[i].name, "bad-header"))
        {
          g_byte_array_append (data, g_bytes_get_data (good, NULL), size);
          memcpy (data->data, "Not a library!!", 16);
        }
      else if (g_str_equal (cases[i].name, "cut-at-page"))
        g_byte_array_append (data, g_bytes_get_data (good, NULL), size / 2 / 4096 * 4096);
      else if (g_str_equal (cases[i].name, "cut-mid-page"))
        g_byte_array_append (data, g_bytes_get_data (good, NULL), size / 2 + 100);
      else if (g_str_equal (cases[i].name, "garbage"))
        for (guint j = 0; j < 64 * 1024 / 4; j++)
          {
            guint32 word = g_rand_int (rand);

            g_byte_array_append (data, (const guint8 *)&word, 4);
          }
      else
        g_byte_array_append (data, (const guint8 *)"This is not a library.\n", 23);

      g_file_set_contents (path, (const char *)data->data, data->len, &error);
      g_assert_no_error (error);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));

      library = sp_library_open (path, &error);
      g_assert_null (library);
      g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_CORRUPT);
      expected = g_strdup_printf ("The library %s is damaged (%s) and was left untouched.",
                                  path, cases[i].reason);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      assert_same_bytes (bytes, path);
      listing = list_dir (case_dir);
      g_assert_cmpstr (listing, ==, "library.sqlite");
      g_clear_pointer (&listing, g_free);

      aside = sp_library_set_aside (path, &error);
      g_assert_no_error (error);
      escaped = g_regex_escape_string (path, -1);
      pattern = g_strconcat ("^", escaped, "\\.damaged-[0-9]{8}-[0-9]{6}$", NULL);
      g_assert_true (g_regex_match_simple (pattern, aside, 0, 0));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      assert_same_bytes (bytes, aside);

      library = sp_library_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sp_library_get_schema_version (library), ==, 1);
      datasets = sp_library_list_datasets (library, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (datasets->len, ==, 0);
      assert_same_bytes (bytes, aside);
      g_clear_object (&library);

      listing = list_dir (case_dir);
      expected_listing = g_strdup_printf ("library.sqlite %s", strrchr (aside, '/') + 1);
      g_assert_cmpstr (listing, ==, expected_listing);
    }
}

/* Setting aside takes the WAL and index files along and never replaces a
 * file: a name taken gets a number. */
static void
test_set_aside_keeps_files (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *aside_shm = NULL;
  gboolean numbered = FALSE;
  char *contents = NULL;

  g_file_set_contents (path, "damaged", -1, &error);
  g_file_set_contents (wal, "its wal", -1, &error);
  g_file_set_contents (shm, "its index", -1, &error);
  g_assert_no_error (error);

  /* The names of this second and the next few are taken already. */
  for (int s = 0; s < 5; s++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_seconds (now, s);
      g_autofree char *stamp = g_date_time_format (then, "%Y%m%d-%H%M%S");
      char *name = g_strdup_printf ("%s.damaged-%s", path, stamp);

      g_file_set_contents (name, "an earlier one", -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (taken, name);
    }

  aside = sp_library_set_aside (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < taken->len; i++)
    {
      g_autofree char *numbered_name = g_strconcat (taken->pdata[i], "-2", NULL);

      g_assert_cmpstr (aside, !=, taken->pdata[i]);
      numbered |= g_str_equal (aside, numbered_name);
      g_file_get_contents (taken->pdata[i], &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, "an earlier one");
      g_clear_pointer (&contents, g_free);
    }
  g_assert_true (numbered);

  aside_wal = g_strconcat (aside, "-wal", NULL);
  aside_shm = g_strconcat (aside, "-shm", NULL);
  g_file_get_contents (aside, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, "damaged");
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (aside_wal, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, "its wal");
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (aside_shm, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, "its index");
  g_clear_pointer (&contents, g_free);
  g_assert_no_error (error);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* Another program's SQLite database is not taken for an empty library. */
static void
test_not_a_library (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "places.sqlite", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (url TEXT); "
                                 "INSERT INTO bookmarks VALUES ('https://example.org/')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  bytes = read_bytes (path);

  library = sp_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_LIBRARY);
  expected = g_strdup_printf ("%s is not a Standpoint library; it was left untouched.", path);
  g_assert_cmpstr (error->message, ==, expected);
  assert_same_bytes (bytes, path);
}

/* A migration 0002 of the test's own, added to the app's migrations in
 * the resources for as long as the returned resource is registered. */
static GResource *
register_migration (const char *dir,
                    const char *sql)
{
  g_autofree char *program = g_find_program_in_path ("glib-compile-resources");
  g_autofree char *sources = g_build_filename (dir, "resources", NULL);
  g_autofree char *migrations = g_build_filename (sources, "migrations", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *target = g_build_filename (sources, "test.gresource", NULL);
  g_autofree char *migration = NULL;
  g_autoptr(GError) error = NULL;
  GResource *resource;
  int status;

  if (program == NULL)
    {
      g_test_skip ("glib-compile-resources is needed (Debian package libglib2.0-dev-bin)");
      return NULL;
    }

  g_assert_cmpint (g_mkdir_with_parents (migrations, 0700), ==, 0);
  migration = sp_test_write_file (migrations, "0002-test.sql", sql);
  manifest = sp_test_write_file (sources, "test.gresource.xml",
                                 "<gresources><gresource prefix=\"/io/github/standpoint/Standpoint\">"
                                 "<file>migrations/0002-test.sql</file>"
                                 "</gresource></gresources>");

  {
    const char *argv[] = { program, "--sourcedir", sources, "--target", target, manifest, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  resource = g_resource_load (target, &error);
  g_assert_no_error (error);
  g_resources_register (resource);

  return resource;
}

static void
unregister_migration (GResource *resource)
{
  g_resources_unregister (resource);
  g_resource_unref (resource);
}

/* An older library is copied, exactly as it was, before it is upgraded. */
static void
test_upgrade (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *backup = g_strconcat (path, ".backup-v1", NULL);
  g_autofree char *before = NULL;
  g_autofree char *in_backup = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  GResource *resource;

  make_library (path);
  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  before = sp_test_library_fingerprint (library);
  g_clear_object (&library);
  bytes = read_bytes (path);

  resource = register_migration (dir, "ALTER TABLE datasets ADD COLUMN note TEXT;");
  if (resource == NULL)
    return;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_library_get_schema_version (library), ==, 2);
  g_assert_cmpint (sp_test_query_int (library, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM pragma_table_info ('datasets')"
                                               " WHERE name = 'note'"), ==, 1);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 15);
  assert_same_bytes (bytes, backup);
  g_clear_object (&library);

  /* Upgraded once, it is not copied again. */
  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&library);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "library.sqlite library.sqlite.backup-v1 resources");

  unregister_migration (resource);

  /* The copy is the library as the older version knew it. */
  library = sp_library_open_full (backup, SP_LIBRARY_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_library_get_schema_version (library), ==, 1);
  in_backup = sp_test_library_fingerprint (library);
  g_assert_cmpstr (in_backup, ==, before);
}

/* An earlier copy of the same version is kept: the new one gets a number. */
static void
test_upgrade_keeps_earlier_backup (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *earlier = g_strconcat (path, ".backup-v1", NULL);
  g_autofree char *backup = g_strconcat (path, ".backup-v1-2", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  GResource *resource;

  make_library (path);
  bytes = read_bytes (path);
  g_file_set_contents (earlier, "an earlier copy", -1, &error);
  g_assert_no_error (error);

  resource = register_migration (dir, "ALTER TABLE datasets ADD COLUMN note TEXT;");
  if (resource == NULL)
    return;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_library_get_schema_version (library), ==, 2);
  assert_same_bytes (bytes, backup);
  g_file_get_contents (earlier, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "an earlier copy");

  g_clear_object (&library);
  unregister_migration (resource);
}

/* A migration that fails half-way leaves the library as it was. */
static void
test_upgrade_fails (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *backup = g_strconcat (path, ".backup-v1", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  GResource *resource;

  make_library (path);
  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  before = sp_test_library_fingerprint (library);
  g_clear_object (&library);
  bytes = read_bytes (path);

  resource = register_migration (dir, "ALTER TABLE datasets ADD COLUMN note TEXT;\n"
                                      "CREATE TABLE datasets (id TEXT);\n");
  if (resource == NULL)
    return;

  library = sp_library_open (path, &error);
  g_assert_null (library);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED);
  expected = g_strdup_printf ("Library %s: table datasets already exists", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  unregister_migration (resource);

  assert_same_bytes (bytes, backup);
  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_library_get_schema_version (library), ==, 1);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM pragma_table_info ('datasets')"
                                               " WHERE name = 'note'"), ==, 0);
  after = sp_test_library_fingerprint (library);
  g_assert_cmpstr (before, ==, after);
}

/* A library that needs upgrading cannot be opened for reading only. */
static void
test_upgrade_read_only (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *backup = g_strconcat (path, ".backup-v1", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  GResource *resource;

  make_library (path);
  bytes = read_bytes (path);

  resource = register_migration (dir, "ALTER TABLE datasets ADD COLUMN note TEXT;");
  if (resource == NULL)
    return;

  library = sp_library_open_full (path, SP_LIBRARY_OPEN_READ_ONLY, NULL, &error);
  g_assert_null (library);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_READ_ONLY);
  expected = g_strdup_printf ("The library %s cannot be opened: this version of Standpoint must "
                              "upgrade it first, and it is read-only: it was opened for reading only.",
                              path);
  g_assert_cmpstr (error->message, ==, expected);
  unregister_migration (resource);

  assert_same_bytes (bytes, path);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

typedef struct {
  guint n_changed;
} Changes;

static void
count_change (SpLibrary *library,
              Changes   *changes)
{
  changes->n_changed++;
}

/* Runs the main loop for @msec, or until @changes counts @until. */
static void
run_main_loop (Changes *changes,
               guint    until,
               guint    msec)
{
  gint64 deadline = g_get_monotonic_time () + msec * 1000;

  while (changes->n_changed < until && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* A watched library tells when another connection committed, and each
 * query sees the data of one commit. */
static void
test_watch (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(SpLibrary) other = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  other = sp_library_open (path, &error);
  g_assert_no_error (error);
  sp_library_watch (library, 10);
  g_signal_connect (library, "changed", G_CALLBACK (count_change), &changes);

  run_main_loop (&changes, 1, 100);
  g_assert_cmpuint (changes.n_changed, ==, 0);

  sp_test_import (other, sp_test_bundled_dataset ());
  run_main_loop (&changes, 1, 5000);
  g_assert_cmpuint (changes.n_changed, ==, 1);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 15);

  /* Not before the other's commit. */
  g_assert_true (sp_library_exec (other, "BEGIN IMMEDIATE;"
                                  "INSERT INTO datasets (id, title, imported_at) VALUES ('d', 'D', 0);"
                                  "DELETE FROM statements;", &error));
  run_main_loop (&changes, 2, 100);
  g_assert_cmpuint (changes.n_changed, ==, 1);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM datasets"), ==, 1);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 15);

  g_assert_true (sp_library_exec (other, "COMMIT", &error));
  run_main_loop (&changes, 2, 5000);
  g_assert_cmpuint (changes.n_changed, ==, 2);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM datasets"), ==, 2);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 0);

  /* The library's own changes are no news to it. */
  g_assert_true (sp_library_remove_dataset (library, "d", &error));
  run_main_loop (&changes, 3, 100);
  g_assert_cmpuint (changes.n_changed, ==, 2);

  sp_library_watch (library, 0);
  g_assert_true (sp_library_remove_dataset (other, BUNDLED_ID, &error));
  run_main_loop (&changes, 3, 100);
  g_assert_cmpuint (changes.n_changed, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/create", test_create);
  g_test_add_func ("/library/reopen", test_reopen);
  g_test_add_func ("/library/newer-schema", test_newer_schema);
  g_test_add_func ("/library/default-path", test_default_path);
  g_test_add_func ("/library/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/library/read-only", test_read_only);
  g_test_add_func ("/library/busy", test_busy);
  g_test_add_func ("/library/corrupt", test_corrupt);
  g_test_add_func ("/library/set-aside/keeps-files", test_set_aside_keeps_files);
  g_test_add_func ("/library/not-a-library", test_not_a_library);
  g_test_add_func ("/library/upgrade/backup", test_upgrade);
  g_test_add_func ("/library/upgrade/keeps-earlier-backup", test_upgrade_keeps_earlier_backup);
  g_test_add_func ("/library/upgrade/fails", test_upgrade_fails);
  g_test_add_func ("/library/upgrade/read-only", test_upgrade_read_only);
  g_test_add_func ("/library/watch", test_watch);

  return g_test_run ();
}
