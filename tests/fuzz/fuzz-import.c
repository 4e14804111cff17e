#define G_LOG_DOMAIN "standpoint-fuzz"

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sp-importer.h"
#include "sp-library.h"
#include "sp-test-util.h"

/* libFuzzer harness over the whole import path: the bytes go through a file,
 * the strict reader, validation and the writes into an in-memory library.
 * Each input is imported twice, into an empty library and into one that
 * already holds the bundled dataset (so that updates and retractions of
 * existing records are reached), and the importer's promises are checked:
 * a failed import leaves the library exactly as it was, a successful one
 * imported again changes nothing. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

typedef struct {
  SpLibrary *library;
  char      *fingerprint;
} Template;

static SpLibrary *library;
static Template templates[2];
static char *input_path;
static GFile *input_file;

static void
remove_input (void)
{
  g_unlink (input_path);
}

/* Copying a template page by page is much faster than creating the schema
 * and importing the bundled dataset for every input. */
static void
restore (Template *template)
{
  sqlite3_backup *backup;

  backup = sqlite3_backup_init (sp_library_get_db (library), "main",
                                sp_library_get_db (template->library), "main");
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_backup_finish (backup), ==, SQLITE_OK);
}

static SpLibrary *
open_library (void)
{
  g_autoptr(GError) error = NULL;
  SpLibrary *opened = sp_library_open (":memory:", &error);

  g_assert_no_error (error);
  return opened;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GFile) bundled = g_file_new_for_path (SP_FUZZ_BUNDLED_DATASET);
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  g_autofree char *name = g_strdup_printf ("standpoint-fuzz-%d.json", (int) getpid ());

  /* Anything GLib would only warn about is a finding. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  input_path = g_build_filename (dir, name, NULL);
  input_file = g_file_new_for_path (input_path);
  atexit (remove_input);

  library = open_library ();
  templates[0].library = open_library ();
  templates[1].library = open_library ();
  importer = sp_importer_new (templates[1].library, bundled);
  g_assert_true (sp_importer_run (importer, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    templates[i].fingerprint = sp_test_library_fingerprint (templates[i].library);

  return 0;
}

static guint
count_records (SpImporter *importer)
{
  return sp_importer_get_count (importer, SP_IMPORT_ADDED) +
         sp_importer_get_count (importer, SP_IMPORT_UPDATED) +
         sp_importer_get_count (importer, SP_IMPORT_UNCHANGED);
}

static void
check_failed (SpImporter *importer,
              GError     *error,
              Template   *template)
{
  GPtrArray *problems = sp_importer_get_problems (importer);
  g_autofree char *fingerprint = NULL;

  /* Whatever the bytes, a bad file is reported as such, never as a
   * database error that validation should have caught. */
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpuint (problems->len, <=, SP_IMPORT_MAX_PROBLEMS + 1);

  for (guint i = 0; i < problems->len; i++)
    {
      SpProblem *problem = problems->pdata[i];
      g_autofree char *text = sp_problem_to_string (problem, "f");

      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpuint (problem->message[0], !=, '\0');
      g_assert_true (problem->line > 0 || problem->column == 0);
    }

  for (SpImportOutcome outcome = SP_IMPORT_ADDED; outcome <= SP_IMPORT_RETRACTED; outcome++)
    g_assert_cmpuint (sp_importer_get_count (importer, outcome), ==, 0);

  fingerprint = sp_test_library_fingerprint (library);
  g_assert_cmpstr (fingerprint, ==, template->fingerprint);
}

static void
check_succeeded (SpImporter *first)
{
  g_autoptr(SpImporter) again = sp_importer_new (library, input_file);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sp_test_library_fingerprint (library);
  g_autofree char *after = NULL;

  g_assert_cmpuint (sp_importer_get_problems (first)->len, ==, 0);
  g_assert_nonnull (sp_importer_get_dataset_id (first));

  g_assert_true (sp_importer_run (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sp_importer_get_count (again, SP_IMPORT_ADDED), ==, 0);
  g_assert_cmpuint (sp_importer_get_count (again, SP_IMPORT_UPDATED), ==, 0);
  g_assert_cmpuint (sp_importer_get_count (again, SP_IMPORT_RETRACTED), ==, 0);
  g_assert_cmpuint (sp_importer_get_count (again, SP_IMPORT_UNCHANGED), ==, count_records (first));

  after = sp_test_library_fingerprint (library);
  g_assert_cmpstr (after, ==, before);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (input_path, (const char *) data, size, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr(SpImporter) importer = sp_importer_new (library, input_file);

      restore (&templates[i]);
      if (sp_importer_run (importer, NULL, &error))
        check_succeeded (importer);
      else
        check_failed (importer, error, &templates[i]);
      g_clear_error (&error);
    }

  return 0;
}
