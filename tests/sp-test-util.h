#pragma once

#include <gtk/gtk.h>

#include "sp-application.h"
#include "sp-library.h"

G_BEGIN_DECLS

/* The fixture of most tests of the library: a new, empty library in a new
 * folder, for g_test_add() with the set-up and tear-down below. */
typedef struct {
  char      *dir;
  SpLibrary *library;
} SpTestLibrary;

/* A new folder in the user data folder, which the tests isolate. */
char      *sp_test_make_dir (void);
/* Writes @contents to @dir/@name and returns its path. */
char      *sp_test_write_file (const char *dir,
                               const char *name,
                               const char *contents);
/* A hash of every row in @library: equal when the data is. */
char      *sp_test_library_fingerprint (SpLibrary *library);
/* A new, empty library in @dir. */
SpLibrary *sp_test_new_library (const char *dir);
/* Imports the dataset at @path into @library, asserting that it succeeds. */
void       sp_test_import (SpLibrary  *library,
                           const char *path);
/* A library in @dir, with the dataset at @dataset imported into it. */
SpLibrary *sp_test_open_library (const char *dir,
                                 const char *dataset);
/* Fills @fixture with a new, empty library in a new folder. */
void       sp_test_library_set_up (SpTestLibrary *fixture,
                                   gconstpointer  data);
/* Frees what sp_test_library_set_up() made. */
void       sp_test_library_tear_down (SpTestLibrary *fixture,
                                      gconstpointer  data);
/* The first column of the first row that @sql returns; there must be one. */
gint64     sp_test_query_int (SpLibrary  *library,
                              const char *sql);
/* The first column of the first row that @sql returns, or NULL for none. */
char      *sp_test_query_text (SpLibrary  *library,
                               const char *sql);
/* The path of the dataset that comes with the application. */
const char *sp_test_bundled_dataset (void);
/* Deletes @path and all below it, quietly. */
void       sp_test_remove_tree (const char *path);
/* A valid dataset @dir/@id.json of @n_statements generated statements. */
char      *sp_test_write_dataset (const char *dir,
                                  const char *id,
                                  guint       n_statements);
/* Two countries, "north" and "south", that speak on each of @n_topics
 * topics: a board of as many rows. */
char      *sp_test_write_debate (const char *dir,
                                 guint       n_topics);

typedef gboolean (*SpTestMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* The first widget of @type at or below @root, depth first, for which
 * @match holds when it is not NULL. */
GtkWidget *sp_test_find_matching (GtkWidget     *root,
                                  GType          type,
                                  SpTestMatch    match,
                                  gconstpointer  data);
/* The first widget of @type at or below @root, depth first. */
GtkWidget *sp_test_find_widget (GtkWidget *root,
                                GType      type);
/* Readies a test of the interface: the library moves to a new data
 * folder, set as XDG_DATA_HOME and returned in @data_home for
 * sp_test_remove_tree() at the end; then GLib's tests, GTK and
 * libadwaita start.  Returns FALSE where there is no display: the caller
 * then returns g_test_run(), which skips. */
gboolean   sp_test_init_gui (int    *argc,
                             char ***argv,
                             char  **data_home);
/* The application, registered, and not unique, as tests run side by
 * side. */
SpApplication *sp_test_new_application (void);
/* Imports the bundled dataset into @app's library. */
void       sp_test_import_bundled (SpApplication *app);

G_END_DECLS
