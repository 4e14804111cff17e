#pragma once

#include <gtk/gtk.h>

#include "sp-application.h"
#include "sp-library.h"

G_BEGIN_DECLS

char      *sp_test_make_dir (void);
char      *sp_test_write_file (const char *dir,
                               const char *name,
                               const char *contents);
char      *sp_test_library_fingerprint (SpLibrary *library);
/* A library in @dir, with the dataset at @dataset imported into it. */
SpLibrary *sp_test_open_library (const char *dir,
                                 const char *dataset);
gint64     sp_test_query_int (SpLibrary  *library,
                              const char *sql);
char      *sp_test_query_text (SpLibrary  *library,
                               const char *sql);
const char *sp_test_bundled_dataset (void);
void       sp_test_remove_tree (const char *path);
char      *sp_test_write_dataset (const char *dir,
                                  const char *id,
                                  guint       n_statements);
/* Two countries, "north" and "south", that speak on each of @n_topics
 * topics: a board of as many rows. */
char      *sp_test_write_debate (const char *dir,
                                 guint       n_topics);

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
