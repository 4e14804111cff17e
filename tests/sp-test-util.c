#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "sp-importer.h"
#include "sp-test-util.h"

/* A fresh directory inside the user data folder, which the tests isolate
 * (G_TEST_OPTION_ISOLATE_DIRS) and GLib removes after each test. */
char *
sp_test_make_dir (void)
{
  g_autofree char *base = g_build_filename (g_get_user_data_dir (), "test-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (base));
  return g_steal_pointer (&base);
}

char *
sp_test_write_file (const char *dir,
                    const char *name,
                    const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

SpLibrary *
sp_test_new_library (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  SpLibrary *library;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);

  return library;
}

void
sp_test_import (SpLibrary  *library,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = sp_importer_new (library, file);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The error first, as it says what went wrong. */
  ok = sp_importer_run (importer, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

SpLibrary *
sp_test_open_library (const char *dir,
                      const char *dataset)
{
  SpLibrary *library = sp_test_new_library (dir);

  sp_test_import (library, dataset);
  return library;
}

void
sp_test_library_set_up (SpTestLibrary *fixture,
                        gconstpointer  data)
{
  fixture->dir = sp_test_make_dir ();
  fixture->library = sp_test_new_library (fixture->dir);
}

void
sp_test_library_tear_down (SpTestLibrary *fixture,
                           gconstpointer  data)
{
  g_clear_object (&fixture->library);
  g_free (fixture->dir);
}

/* Every row of every table, in a stable order, hashed: equal fingerprints
 * mean the library holds exactly the same data. */
char *
sp_test_library_fingerprint (SpLibrary *library)
{
  sqlite3 *db = sp_library_get_db (library);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2",
                                              (char *)tables->pdata[i]);

      g_checksum_update (checksum, tables->pdata[i], -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, text ? text : (const guchar *)"\x01NULL", -1);
            g_checksum_update (checksum, (const guchar *)"\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

gint64
sp_test_query_int (SpLibrary  *library,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (sp_library_get_db (library), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

char *
sp_test_query_text (SpLibrary  *library,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (sp_library_get_db (library), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

const char *
sp_test_bundled_dataset (void)
{
  const char *path = g_getenv ("STANDPOINT_BUNDLED_DATASET");

  g_assert_nonnull (path);
  return path;
}

void
sp_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sp_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

/* A valid dataset "DIR/ID.json" of @n_statements statements by 40 persons
 * on 20 topics from one source, whose record ids all start with @id, so
 * that datasets of different ids share no record. */
char *
sp_test_write_dataset (const char *dir,
                       const char *id,
                       guint       n_statements)
{
  static const char * const stances[] = { "support", "oppose", "neutral", "mixed", "unclear" };
  const guint n_actors = 40, n_topics = 20;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  g_string_append_printf (json,
                          "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
                          " \"dataset\": {\"id\": \"%s\", \"title\": \"Generated: %s\"},\n"
                          " \"sources\": [{\"id\": \"%s-source\", \"title\": \"A source\"}],\n"
                          " \"actors\": [",
                          id, id, id);
  for (guint i = 0; i < n_actors; i++)
    g_string_append_printf (json, "%s\n  {\"id\": \"%s-a%u\", \"kind\": \"person\", \"name\": \"Person %u\"}",
                            i ? "," : "", id, i, i);
  g_string_append (json, "],\n \"topics\": [");
  for (guint i = 0; i < n_topics; i++)
    g_string_append_printf (json, "%s\n  {\"id\": \"%s-t%u\", \"label\": \"Topic %u\","
                            " \"proposition\": \"Proposition %u holds\"}",
                            i ? "," : "", id, i, i, i);
  g_string_append (json, "],\n \"statements\": [");
  for (guint i = 0; i < n_statements; i++)
    g_string_append_printf (json, "%s\n  {\"id\": \"%s-s%u\", \"speaker\": \"%s-a%u\", \"topic\": \"%s-t%u\","
                            " \"stance\": \"%s\", \"paraphrase\": \"Statement %u, said about topic %u"
                            " by person %u in a generated dataset\", \"said\": \"2024-%02u-%02u\","
                            " \"source\": \"%s-source\"}",
                            i ? "," : "", id, i, id, i % n_actors, id, i % n_topics,
                            stances[i % G_N_ELEMENTS (stances)], i, i % n_topics, i % n_actors,
                            1 + i % 12, 1 + i % 28, id);
  g_string_append (json, "]}\n");

  return sp_test_write_file (dir, name, json->str);
}

char *
sp_test_write_debate (const char *dir,
                      guint       n_topics)
{
  static const char * const countries[] = { "north", "south" };
  g_autoptr(GString) json = g_string_new ("{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
                                          " \"dataset\": {\"id\": \"debate\", \"title\": \"A long debate\"},\n"
                                          " \"sources\": [{\"id\": \"src\", \"title\": \"Minutes\"}],\n"
                                          " \"actors\": [\n"
                                          "  {\"id\": \"north\", \"kind\": \"country\", \"name\": \"North\"},\n"
                                          "  {\"id\": \"south\", \"kind\": \"country\", \"name\": \"South\"}],\n"
                                          " \"topics\": [");

  for (guint i = 0; i < n_topics; i++)
    g_string_append_printf (json, "%s\n  {\"id\": \"t%03u\", \"label\": \"Topic %u\","
                            " \"proposition\": \"The sides should settle question %u before the next meeting\"}",
                            i ? "," : "", i, i, i);
  g_string_append (json, "],\n \"statements\": [");
  for (guint i = 0; i < 2 * n_topics; i++)
    g_string_append_printf (json, "%s\n  {\"id\": \"s%04u\", \"speaker\": \"%s\", \"topic\": \"t%03u\","
                            " \"stance\": \"%s\", \"paraphrase\": \"Said that question %u needs an answer from"
                            " both sides, and gave reasons that take a few lines to read\","
                            " \"said\": \"2024-03-%02u\", \"source\": \"src\"}",
                            i ? "," : "", i, countries[i % 2], i / 2, i % 4 == 1 ? "oppose" : "support",
                            i / 2, 1 + i % 28);
  g_string_append (json, "]}\n");

  return sp_test_write_file (dir, "debate.json", json->str);
}

GtkWidget *
sp_test_find_matching (GtkWidget     *root,
                       GType          type,
                       SpTestMatch    match,
                       gconstpointer  data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sp_test_find_matching (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
sp_test_find_widget (GtkWidget *root,
                     GType      type)
{
  return sp_test_find_matching (root, type, NULL, NULL);
}

void
sp_test_import_bundled (SpApplication *app)
{
  g_autoptr(GError) error = NULL;
  SpLibrary *library = sp_application_get_library (app, &error);

  g_assert_no_error (error);
  sp_test_import (library, sp_test_bundled_dataset ());
}

gboolean
sp_test_init_gui (int    *argc,
                  char ***argv,
                  char  **data_home)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system data folders for
   * its settings schemas and icons.  Only the library moves aside. */
  *data_home = g_dir_make_tmp ("standpoint-test-XXXXXX", NULL);
  g_assert_nonnull (*data_home);
  g_setenv ("XDG_DATA_HOME", *data_home, TRUE);

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return FALSE;
    }
  adw_init ();

  return TRUE;
}

SpApplication *
sp_test_new_application (void)
{
  SpApplication *app = sp_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  return app;
}
