#pragma once

#include <gio/gio.h>

#include "sp-library.h"

G_BEGIN_DECLS

#define SP_IMPORT_ERROR (sp_import_error_quark ())

typedef enum {
  SP_IMPORT_ERROR_INVALID,
  SP_IMPORT_ERROR_FAILED,
} SpImportError;

/* One thing wrong with a dataset file, at a place in it. */
typedef struct {
  guint  line;
  guint  column;
  char  *path;     /* JSON path such as "statements[12].speaker", or NULL */
  char  *message;
} SpProblem;

#define SP_TYPE_PROBLEM (sp_problem_get_type ())

GType      sp_problem_get_type (void) G_GNUC_CONST;
SpProblem *sp_problem_copy (const SpProblem *problem);
void       sp_problem_free (SpProblem *problem);
char      *sp_problem_to_string (const SpProblem *problem,
                                 const char      *file_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpProblem, sp_problem_free)

typedef enum {
  SP_IMPORT_ADDED,
  SP_IMPORT_UPDATED,
  SP_IMPORT_UNCHANGED,
  SP_IMPORT_RETRACTED,
} SpImportOutcome;

#define SP_IMPORT_MAX_PROBLEMS 100

#define SP_TYPE_IMPORTER (sp_importer_get_type ())

G_DECLARE_FINAL_TYPE (SpImporter, sp_importer, SP, IMPORTER, GObject)

GQuark      sp_import_error_quark (void);
SpImporter *sp_importer_new (SpLibrary *library,
                             GFile     *file);
GFile      *sp_importer_get_file (SpImporter *self);
const char *sp_importer_get_display_name (SpImporter *self);
double      sp_importer_get_fraction (SpImporter *self);
guint64     sp_importer_get_bytes_read (SpImporter *self);
gboolean    sp_importer_run (SpImporter    *self,
                             GCancellable  *cancellable,
                             GError       **error);
void        sp_importer_run_async (SpImporter          *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean    sp_importer_run_finish (SpImporter    *self,
                                    GAsyncResult  *result,
                                    GError       **error);
const char *sp_importer_get_dataset_id (SpImporter *self);
const char *sp_importer_get_dataset_title (SpImporter *self);
guint       sp_importer_get_count (SpImporter      *self,
                                   SpImportOutcome  outcome);
GPtrArray  *sp_importer_get_problems (SpImporter *self);

G_END_DECLS
