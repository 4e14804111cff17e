#include "config.h"

#include <string.h>

#include "sp-test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs standpoint-cli with @args (NULL-terminated) and returns its exit
 * status and output. */
static void
run_cli (Result     *result,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("STANDPOINT_CLI");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *)cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
test_help_and_version (void)
{
  g_auto(Result) help = { 0 };
  g_auto(Result) version = { 0 };
  g_auto(Result) none = { 0 };
  g_auto(Result) unknown = { 0 };
  g_auto(Result) import_help = { 0 };

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--db=PATH"));
  g_assert_nonnull (strstr (help.out, "import FILE…"));
  g_assert_nonnull (strstr (help.out, "remove DATASET-ID"));

  run_cli (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "standpoint-cli " PACKAGE_VERSION "\n");

  run_cli (&none, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Commands:"));

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.err, ==, "standpoint-cli: unknown command “frobnicate”; try --help\n");

  run_cli (&import_help, "import", "--help", NULL);
  g_assert_cmpint (import_help.status, ==, 0);
  g_assert_nonnull (strstr (import_help.out, "Import datasets into the library"));
}

static void
test_end_to_end (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.sqlite", NULL);
  const char *bundled = sp_test_bundled_dataset ();
  g_auto(Result) import = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) list = { 0 };
  g_auto(Result) no_files = { 0 };
  g_auto(Result) remove = { 0 };
  g_auto(Result) remove_again = { 0 };
  g_auto(Result) list_empty = { 0 };
  g_autofree char *expected = NULL;

  run_cli (&import, "--db", db, "import", bundled, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.err, ==, "");
  expected = g_strdup_printf ("%s: dataset “ukraine-contact-group-2025-02”: 63 added, 0 updated, "
                              "0 unchanged, 0 retracted\n", bundled);
  g_assert_cmpstr (import.out, ==, expected);
  g_clear_pointer (&expected, g_free);

  run_cli (&again, "--db", db, "import", bundled, NULL);
  g_assert_cmpint (again.status, ==, 0);
  expected = g_strdup_printf ("%s: dataset “ukraine-contact-group-2025-02”: 0 added, 0 updated, "
                              "63 unchanged, 0 retracted\n", bundled);
  g_assert_cmpstr (again.out, ==, expected);

  run_cli (&list, "--db", db, "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "ukraine-contact-group-2025-02\t"));
  g_assert_nonnull (strstr (list.out, "\t10 sources, 15 actors, 10 offices, 8 topics, 5 events, 15 statements\n"));

  run_cli (&no_files, "--db", db, "import", NULL);
  g_assert_cmpint (no_files.status, ==, 2);

  run_cli (&remove, "--db", db, "remove", "ukraine-contact-group-2025-02", NULL);
  g_assert_cmpint (remove.status, ==, 0);
  g_assert_cmpstr (remove.out, ==, "Removed dataset “ukraine-contact-group-2025-02”.\n");

  run_cli (&remove_again, "--db", db, "remove", "ukraine-contact-group-2025-02", NULL);
  g_assert_cmpint (remove_again.status, ==, 1);
  g_assert_cmpstr (remove_again.err, ==, "There is no dataset “ukraine-contact-group-2025-02” in the library\n");

  run_cli (&list_empty, "--db", db, "list", NULL);
  g_assert_cmpint (list_empty.status, ==, 0);
  g_assert_nonnull (strstr (list_empty.out, "holds no datasets"));
}

static void
test_invalid_input (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *invalid = fixture_path ("invalid.json");
  g_autofree char *broken = fixture_path ("syntax-error.json");
  g_autofree char *expected = NULL;
  g_auto(Result) validate = { 0 };
  g_auto(Result) syntax = { 0 };
  g_auto(Result) import = { 0 };
  g_auto(Result) absent = { 0 };
  g_auto(Result) valid = { 0 };

  /* validate writes nothing, not even a library file. */
  run_cli (&validate, "--db", db, "validate", invalid, NULL);
  g_assert_cmpint (validate.status, ==, 1);
  g_assert_cmpstr (validate.out, ==, "");
  expected = g_strdup_printf ("%s:15:29: statements[0].speaker: unknown actor \"hegsth\"\n"
                              "%s: 1 problem found; nothing was imported\n", invalid, invalid);
  g_assert_cmpstr (validate.err, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  run_cli (&syntax, "validate", broken, NULL);
  g_assert_cmpint (syntax.status, ==, 1);
  expected = g_strdup_printf ("%s:4:48: dataset: trailing comma is not allowed\n"
                              "%s: 1 problem found; nothing was imported\n", broken, broken);
  g_assert_cmpstr (syntax.err, ==, expected);
  g_clear_pointer (&expected, g_free);

  run_cli (&import, "--db", db, "import", sp_test_bundled_dataset (), invalid, NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_nonnull (strstr (import.out, "63 added"));
  g_assert_nonnull (strstr (import.err, "unknown actor \"hegsth\""));

  run_cli (&absent, "--db", db, "import", missing, NULL);
  g_assert_cmpint (absent.status, ==, 1);
  g_assert_true (g_str_has_prefix (absent.err, missing));

  run_cli (&valid, "validate", sp_test_bundled_dataset (), NULL);
  g_assert_cmpint (valid.status, ==, 0);
  g_assert_nonnull (strstr (valid.out, ": valid, dataset “ukraine-contact-group-2025-02” with 63 records\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/cli/end-to-end", test_end_to_end);
  g_test_add_func ("/cli/invalid-input", test_invalid_input);

  return g_test_run ();
}
