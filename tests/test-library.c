#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sp-library.h"
#include "sp-test-util.h"

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

  return g_test_run ();
}
