#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "sp-model.h"

G_BEGIN_DECLS

#define SP_LIBRARY_ERROR (sp_library_error_quark ())

typedef enum {
  SP_LIBRARY_ERROR_FAILED,
  SP_LIBRARY_ERROR_NEWER_SCHEMA,
  SP_LIBRARY_ERROR_NOT_FOUND,
  SP_LIBRARY_ERROR_CORRUPT,
  SP_LIBRARY_ERROR_NOT_LIBRARY,
  SP_LIBRARY_ERROR_READ_ONLY,
  SP_LIBRARY_ERROR_BUSY,
  SP_LIBRARY_ERROR_DISK_FULL,
} SpLibraryError;

typedef enum {
  SP_LIBRARY_OPEN_DEFAULT   = 0,
  SP_LIBRARY_OPEN_READ_ONLY = 1 << 0,
} SpLibraryOpenFlags;

typedef struct {
  char   *id;
  char   *title;
  char   *description;
  char   *file;
  gint64  imported_at;
  guint   counts[SP_N_RECORD_KINDS + 1];  /* indexed by SpRecordKind */
} SpDatasetInfo;

#define SP_TYPE_DATASET_INFO (sp_dataset_info_get_type ())

GType          sp_dataset_info_get_type (void) G_GNUC_CONST;
SpDatasetInfo *sp_dataset_info_copy (const SpDatasetInfo *info);
void           sp_dataset_info_free (SpDatasetInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpDatasetInfo, sp_dataset_info_free)

#define SP_TYPE_LIBRARY (sp_library_get_type ())

G_DECLARE_FINAL_TYPE (SpLibrary, sp_library, SP, LIBRARY, GObject)

GQuark      sp_library_error_quark (void);
char       *sp_library_get_default_path (void);
SpLibrary  *sp_library_open (const char  *path,
                             GError     **error);
SpLibrary  *sp_library_open_full (const char          *path,
                                  SpLibraryOpenFlags   flags,
                                  const char          *vfs,
                                  GError             **error);
SpLibrary  *sp_library_reopen (SpLibrary  *self,
                               GError    **error);
char       *sp_library_set_aside (const char  *path,
                                  GError     **error);
const char *sp_library_get_path (SpLibrary *self);
gboolean    sp_library_get_read_only (SpLibrary *self);
const char *sp_library_get_read_only_reason (SpLibrary *self);
void        sp_library_set_busy_timeout (SpLibrary *self,
                                         guint      timeout_ms);
void        sp_library_watch (SpLibrary *self,
                              guint      interval_ms);
sqlite3    *sp_library_get_db (SpLibrary *self);
int         sp_library_get_schema_version (SpLibrary *self);
gboolean    sp_library_exec (SpLibrary   *self,
                             const char  *sql,
                             GError     **error);
void        sp_library_set_error (SpLibrary   *self,
                                  GError     **error);
sqlite3_stmt *sp_library_prepare (SpLibrary   *self,
                                  const char  *sql,
                                  GError     **error);
GPtrArray  *sp_library_list_datasets (SpLibrary  *self,
                                      GError    **error);
int         sp_library_count_datasets (SpLibrary  *self,
                                       GError    **error);
gboolean    sp_library_remove_dataset (SpLibrary   *self,
                                       const char  *dataset_id,
                                       GError     **error);

G_END_DECLS
