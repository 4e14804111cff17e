#define G_LOG_DOMAIN "standpoint-library"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-library.h"

#define MIGRATIONS_PATH "/io/github/standpoint/Standpoint/migrations/"

struct _SpLibrary
{
  GObject  parent_instance;

  char     *path;
  sqlite3  *db;
  int       schema_version;
  gboolean  in_memory;
};

G_DEFINE_FINAL_TYPE (SpLibrary, sp_library, G_TYPE_OBJECT)
G_DEFINE_QUARK (sp-library-error-quark, sp_library_error)
G_DEFINE_BOXED_TYPE (SpDatasetInfo, sp_dataset_info, sp_dataset_info_copy, sp_dataset_info_free)

SpDatasetInfo *
sp_dataset_info_copy (const SpDatasetInfo *info)
{
  SpDatasetInfo *copy = g_memdup2 (info, sizeof *info);

  copy->id = g_strdup (info->id);
  copy->title = g_strdup (info->title);
  copy->description = g_strdup (info->description);
  copy->file = g_strdup (info->file);

  return copy;
}

void
sp_dataset_info_free (SpDatasetInfo *info)
{
  g_free (info->id);
  g_free (info->title);
  g_free (info->description);
  g_free (info->file);
  g_free (info);
}

static void
sp_library_finalize (GObject *object)
{
  SpLibrary *self = (SpLibrary *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self->path);

  G_OBJECT_CLASS (sp_library_parent_class)->finalize (object);
}

static void
sp_library_class_init (SpLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_library_finalize;
}

static void
sp_library_init (SpLibrary *self)
{
}

char *
sp_library_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "standpoint", "library.sqlite", NULL);
}

/* Turns the connection's last SQLite error into a GError. */
void
sp_library_set_error (SpLibrary  *self,
                      GError    **error)
{
  g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED,
               /* Translators: the first %s is a file path, the second a database error */
               _("Library %s: %s"), self->path, sqlite3_errmsg (self->db));
}

gboolean
sp_library_exec (SpLibrary   *self,
                 const char  *sql,
                 GError     **error)
{
  g_return_val_if_fail (SP_IS_LIBRARY (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      sp_library_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static int
query_int (SpLibrary  *self,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Migrations are numbered SQL files in the resources; file N brings the
 * schema from version N-1 to N.  Each runs in its own transaction together
 * with the version bump, so a crash never leaves a half-migrated library. */
static gboolean
migrate (SpLibrary  *self,
         GError    **error)
{
  g_auto(GStrv) names = NULL;
  guint n_names;

  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, error);
  if (names == NULL)
    return FALSE;

  n_names = g_strv_length (names);
  qsort (names, n_names, sizeof (char *), compare_names);

  self->schema_version = query_int (self, "PRAGMA user_version");
  if (self->schema_version < 0)
    {
      sp_library_set_error (self, error);
      return FALSE;
    }

  if (self->schema_version > (int)n_names)
    {
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NEWER_SCHEMA,
                   _("Library %s was written by a newer version of Standpoint "
                     "(schema version %d, this version knows %u); it was left untouched"),
                   self->path, self->schema_version, n_names);
      return FALSE;
    }

  /* Only now, as switching to WAL rewrites the file's header. */
  if (!self->in_memory && !sp_library_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  for (guint i = self->schema_version; i < n_names; i++)
    {
      g_autofree char *resource = g_strconcat (MIGRATIONS_PATH, names[i], NULL);
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u;", i + 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;

      bytes = g_resources_lookup_data (resource, 0, error);
      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (!sp_library_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!sp_library_exec (self, sql, error) ||
          !sp_library_exec (self, bump, error) ||
          !sp_library_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->schema_version = i + 1;
    }

  return TRUE;
}

SpLibrary *
sp_library_open (const char  *path,
                 GError     **error)
{
  g_autoptr(SpLibrary) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SP_TYPE_LIBRARY, NULL);
  self->path = g_strdup (path);
  self->in_memory = strcmp (path, ":memory:") == 0;

  if (!self->in_memory)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED,
                     _("Library %s: %s"), path, sqlite3_errstr (rc));
      else
        sp_library_set_error (self, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  /* Another writer (a second window, the CLI) may hold the lock briefly. */
  sqlite3_busy_timeout (self->db, 5000);

  if (!sp_library_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !sp_library_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !sp_library_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !sp_library_exec (self, "PRAGMA cache_size = -65536", error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
sp_library_get_path (SpLibrary *self)
{
  g_return_val_if_fail (SP_IS_LIBRARY (self), NULL);

  return self->path;
}

sqlite3 *
sp_library_get_db (SpLibrary *self)
{
  g_return_val_if_fail (SP_IS_LIBRARY (self), NULL);

  return self->db;
}

int
sp_library_get_schema_version (SpLibrary *self)
{
  g_return_val_if_fail (SP_IS_LIBRARY (self), -1);

  return self->schema_version;
}

GPtrArray *
sp_library_list_datasets (SpLibrary  *self,
                          GError    **error)
{
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_LIBRARY (self), NULL);

  datasets = g_ptr_array_new_with_free_func ((GDestroyNotify)sp_dataset_info_free);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, title, description, file, imported_at "
                          "FROM datasets ORDER BY title, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpDatasetInfo *info = g_new0 (SpDatasetInfo, 1);

      info->id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      info->title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      info->description = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      info->file = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      info->imported_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (datasets, info);
      g_hash_table_insert (by_id, info->id, info);
    }
  if (rc != SQLITE_DONE)
    goto failed;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT dataset_id, kind, count(*) FROM provenance "
                          "GROUP BY dataset_id, kind",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpDatasetInfo *info = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      int kind = sqlite3_column_int (stmt, 1);

      if (info != NULL && kind > 0 && kind <= SP_N_RECORD_KINDS)
        info->counts[kind] = sqlite3_column_int (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);

  return g_steal_pointer (&datasets);

failed:
  sp_library_set_error (self, error);
  sqlite3_finalize (stmt);
  return NULL;
}

/* Record tables in the order of SpRecordKind. */
static const char * const record_tables[] = {
  NULL, "sources", "actors", "offices", "topics", "events", "statements",
};

gboolean
sp_library_remove_dataset (SpLibrary   *self,
                           const char  *dataset_id,
                           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_return_val_if_fail (SP_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (dataset_id != NULL, FALSE);

  if (!sp_library_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM datasets WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, dataset_id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!found)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                   _("There is no dataset “%s” in the library"), dataset_id);
      return FALSE;
    }

  /* A record goes only when no other dataset brought it too. */
  for (guint kind = SP_RECORD_STATEMENT; kind >= SP_RECORD_SOURCE; kind--)
    {
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("DELETE FROM %s WHERE id IN ("
                             " SELECT record_id FROM provenance AS mine"
                             " WHERE mine.dataset_id = ?1 AND mine.kind = %u"
                             " AND NOT EXISTS (SELECT 1 FROM provenance AS other"
                             "  WHERE other.kind = mine.kind"
                             "  AND other.record_id = mine.record_id"
                             "  AND other.dataset_id <> ?1))",
                             record_tables[kind], kind);
      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        goto failed;
      sqlite3_bind_text (stmt, 1, dataset_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto failed;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM datasets WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, dataset_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;

  return TRUE;

failed:
  sp_library_set_error (self, error);
  sqlite3_finalize (stmt);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
