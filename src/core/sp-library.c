#define G_LOG_DOMAIN "standpoint-library"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-library.h"

#define MIGRATIONS_PATH "/io/github/standpoint/Standpoint/migrations/"

/* Long enough for another program's import of a usual dataset to finish. */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _SpLibrary
{
  GObject             parent_instance;

  char               *path;
  char               *vfs;
  SpLibraryOpenFlags  flags;
  sqlite3            *db;
  int                 schema_version;
  gboolean            in_memory;
  char               *read_only_reason;   /* NULL when the library can be changed */
  guint               busy_timeout;
  GSource            *watch;
  gint64              data_version;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
sp_library_dispose (GObject *object)
{
  SpLibrary *self = (SpLibrary *)object;

  if (self->watch != NULL)
    g_source_destroy (self->watch);
  g_clear_pointer (&self->watch, g_source_unref);

  G_OBJECT_CLASS (sp_library_parent_class)->dispose (object);
}

static void
sp_library_finalize (GObject *object)
{
  SpLibrary *self = (SpLibrary *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self->path);
  g_free (self->vfs);
  g_free (self->read_only_reason);

  G_OBJECT_CLASS (sp_library_parent_class)->finalize (object);
}

static void
sp_library_class_init (SpLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_library_dispose;
  object_class->finalize = sp_library_finalize;

  /**
   * SpLibrary::changed:
   *
   * Another connection committed changes to the library: another program,
   * or an import running in the background.  Emitted only while the
   * library is watched, see sp_library_watch().
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sp_library_init (SpLibrary *self)
{
  self->busy_timeout = DEFAULT_BUSY_TIMEOUT_MS;
}

char *
sp_library_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "standpoint", "library.sqlite", NULL);
}

static void
set_disk_full_error (SpLibrary  *self,
                     GError    **error)
{
  g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_DISK_FULL,
               _("The disk is full: the library %s could not be written. "
                 "Nothing was changed; free some space and try again."),
               self->path);
}

static void
set_busy_error (SpLibrary  *self,
                GError    **error)
{
  g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_BUSY,
               _("The library %s is busy: another program is writing to it. "
                 "Try again when it has finished."),
               self->path);
}

/**
 * sp_library_prepare:
 * @self: a library
 * @sql: one SQL statement
 * @error: the reason, as sp_library_set_error() gives it
 *
 * Returns: (transfer full) (nullable): the statement, or NULL
 */
sqlite3_stmt *
sp_library_prepare (SpLibrary   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (SP_IS_LIBRARY (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sp_library_set_error (self, error);
      return NULL;
    }

  return stmt;
}

/* Turns the connection's last SQLite error into a GError, with the
 * faults people can act on (a full disk, a busy or read-only library, a
 * damaged file) told apart. */
void
sp_library_set_error (SpLibrary  *self,
                      GError    **error)
{
  int code = sqlite3_extended_errcode (self->db);
  int system_errno = sqlite3_system_errno (self->db);

  switch (code & 0xff)
    {
    case SQLITE_FULL:
      set_disk_full_error (self, error);
      return;

    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EDQUOT)
        {
          set_disk_full_error (self, error);
          return;
        }
      break;

    case SQLITE_BUSY:
      set_busy_error (self, error);
      return;

    case SQLITE_READONLY:
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_READ_ONLY,
                   /* Translators: the first %s is a file path, the second a reason such as
                    * "you do not have permission to change the file" */
                   _("The library %s is read-only: %s. Nothing was changed."),
                   self->path,
                   self->read_only_reason != NULL ? self->read_only_reason
                                                  : _("the file cannot be written to"));
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_CORRUPT,
                   /* Translators: the first %s is a file path, the second a database error */
                   _("The library %s is damaged: %s"),
                   self->path, sqlite3_errmsg (self->db));
      return;

    default:
      break;
    }

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

/* Returns -1 on failure, with the error left in the connection. */
static gint64
query_int (SpLibrary  *self,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Whether the WAL beside @path holds changes not yet in the file itself:
 * a write in progress in another program, or one left by a crash. */
static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf buf;

  return g_stat (wal, &buf) == 0 && buf.st_size > 0;
}

/* Why the file system will not let this process change the library at
 * @path, or NULL.  SQLite needs the folder too, for its WAL and index. */
static char *
find_read_only_reason (const char *path)
{
  g_autofree char *dir = NULL;
  int saved_errno;

  if (g_access (path, W_OK) != 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        return NULL;
      if (saved_errno == EROFS)
        return g_strdup (_("it is on a read-only file system"));
      return g_strdup (_("you do not have permission to change the file"));
    }

  dir = g_path_get_dirname (path);
  if (g_access (dir, W_OK) != 0)
    {
      saved_errno = errno;
      if (saved_errno == EROFS)
        return g_strdup (_("it is on a read-only file system"));
      /* Translators: %s is a folder */
      return g_strdup_printf (_("you do not have permission to change files in its folder %s"), dir);
    }

  return NULL;
}

static void
set_damaged_error (SpLibrary   *self,
                   const char  *reason,
                   GError     **error)
{
  g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_CORRUPT,
               /* Translators: the first %s is a file path, the second what is wrong with it */
               _("The library %s is damaged (%s) and was left untouched."),
               self->path, reason);
}

static gboolean
connect_db (SpLibrary  *self,
            GError    **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_NOMUTEX;
  int rc;

  if (!self->in_memory)
    self->read_only_reason = find_read_only_reason (self->path);

  /* Reading a WAL library needs its index file, which a process that may
   * not write there cannot create (and would leave behind, read-only, in
   * the way of the library's owner).  When no write is in progress or
   * left over, the file holds everything and is read as it is. */
  if (self->read_only_reason != NULL && !has_wal_content (self->path))
    {
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);

      uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_URI;
    }

  if (self->read_only_reason == NULL && (self->flags & SP_LIBRARY_OPEN_READ_ONLY))
    self->read_only_reason = g_strdup (_("it was opened for reading only"));

  if (self->read_only_reason == NULL)
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                   _("There is no library at %s"), self->path);
      return FALSE;
    }
  else
    flags |= SQLITE_OPEN_READONLY;

  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, flags, self->vfs);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, TRUE);
      sqlite3_busy_timeout (self->db, self->busy_timeout);
      return TRUE;
    }

  if (self->db != NULL && (rc & 0xff) == SQLITE_CANTOPEN && sqlite3_system_errno (self->db) != 0)
    g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED,
                 /* Translators: the first %s is a file path, the second a system error */
                 _("Cannot open the library %s: %s"),
                 self->path, g_strerror (sqlite3_system_errno (self->db)));
  else if (self->db != NULL)
    sp_library_set_error (self, error);
  else
    g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED,
                 _("Library %s: %s"), self->path, sqlite3_errstr (rc));

  return FALSE;
}

static gboolean
open_failed (SpLibrary  *self,
             GError    **error)
{
  int code = sqlite3_errcode (self->db);

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    set_damaged_error (self, sqlite3_errmsg (self->db), error);
  else
    sp_library_set_error (self, error);

  return FALSE;
}

/* Only reads: a damaged file or one that is not a library must be left
 * exactly as it is, so that it can be kept aside and perhaps repaired. */
static gboolean
check_file (SpLibrary  *self,
            GError    **error)
{
  gint64 n_objects;
  gint64 version;

  /* Reading the schema finds a damaged header, and a file shorter than
   * its header says. */
  n_objects = query_int (self, "SELECT count(*) FROM sqlite_schema");
  if (n_objects < 0)
    return open_failed (self, error);

  version = query_int (self, "PRAGMA user_version");
  if (version < 0)
    return open_failed (self, error);
  self->schema_version = version;

  /* Migrations bump the version in the transaction that creates tables. */
  if (version == 0 && n_objects > 0)
    {
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_LIBRARY,
                   _("%s is not a Standpoint library; it was left untouched."),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

/* Moves everything the WAL holds into the file; FALSE if another
 * connection's reading or writing keeps it from finishing in time. */
static gboolean
checkpoint (SpLibrary  *self,
            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean done = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA wal_checkpoint (TRUNCATE)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    sp_library_set_error (self, error);
  else if (sqlite3_column_int (stmt, 0) != 0)
    set_busy_error (self, error);
  else
    done = TRUE;
  sqlite3_finalize (stmt);

  return done;
}

static gboolean
copy_file (const char  *from,
           char        *to_template,
           GError     **error)
{
  GStatBuf buf;
  char data[64 * 1024];
  gssize n_read = 0;
  int in = -1;
  int out = -1;
  int saved_errno = 0;

  if ((in = g_open (from, O_RDONLY | O_CLOEXEC, 0)) < 0 ||
      fstat (in, &buf) != 0 ||
      (out = g_mkstemp_full (to_template, O_WRONLY | O_CLOEXEC, buf.st_mode & 0666)) < 0)
    {
      saved_errno = errno;
      goto out;
    }

  while (saved_errno == 0 && (n_read = read (in, data, sizeof data)) != 0)
    {
      if (n_read < 0)
        {
          if (errno != EINTR)
            saved_errno = errno;
          continue;
        }
      for (gssize written = 0; written < n_read && saved_errno == 0; )
        {
          gssize n = write (out, data + written, n_read - written);

          if (n >= 0)
            written += n;
          else if (errno != EINTR)
            saved_errno = errno;
        }
    }

  if (saved_errno == 0 && fsync (out) != 0)
    saved_errno = errno;

out:
  if (in >= 0)
    close (in);
  if (out >= 0 && close (out) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (out >= 0 && saved_errno != 0)
    g_unlink (to_template);

  if (saved_errno != 0)
    g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));

  return saved_errno == 0;
}

/* A copy of the file as the older version left it, beside it, so that
 * the older version can still be used and nothing is lost if the upgrade
 * goes wrong.  An earlier copy is never replaced. */
static gboolean
make_backup (SpLibrary  *self,
             int         version,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *temp = NULL;

  for (guint n = 1; backup == NULL; n++)
    {
      g_autofree char *name = NULL;

      if (n == 1)
        name = g_strdup_printf ("%s.backup-v%d", self->path, version);
      else
        name = g_strdup_printf ("%s.backup-v%d-%u", self->path, version, n);

      if (!g_file_test (name, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        backup = g_steal_pointer (&name);
    }

  temp = g_strconcat (backup, ".XXXXXX", NULL);
  if (copy_file (self->path, temp, &local_error) && g_rename (temp, backup) == 0)
    return TRUE;

  if (local_error == NULL)
    {
      int saved_errno = errno;

      g_unlink (temp);
      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_DISK_FULL,
                 _("The disk is full: there is no room for the copy of the library %s "
                   "that is made before upgrading it. Nothing was changed; free some "
                   "space and try again."),
                 self->path);
  else
    g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED,
                 /* Translators: the first %s is a file path, the second a system error */
                 _("The library %s was not upgraded, as it could not be copied first: %s"),
                 self->path, local_error->message);

  return FALSE;
}

/* All the migrations a library needs run in one transaction together with
 * the version bumps, so a crash never leaves a half-upgraded library. */
static gboolean
upgrade (SpLibrary   *self,
         char       **names,
         guint        n_names,
         GError     **error)
{
  gint64 version;

  /* The backup is a copy of the file alone, so everything must be in it:
   * the WAL is emptied, then the lock taken, and if another program wrote
   * in between it starts again. */
  for (guint attempt = 0; ; attempt++)
    {
      if (!self->in_memory && !checkpoint (self, error))
        return FALSE;
      if (!sp_library_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (self->in_memory || !has_wal_content (self->path))
        break;

      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      if (attempt == 3)
        {
          set_busy_error (self, error);
          return FALSE;
        }
    }

  /* Another program may have upgraded it before the lock was taken. */
  version = query_int (self, "PRAGMA user_version");
  if (version < 0)
    goto failed;

  if (version > 0 && version < n_names && !self->in_memory &&
      !make_backup (self, version, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  for (guint i = version; i < n_names; i++)
    {
      g_autofree char *resource = g_strconcat (MIGRATIONS_PATH, names[i], NULL);
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u;", i + 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;

      bytes = g_resources_lookup_data (resource, 0, error);
      if (bytes == NULL)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (self->db, bump, NULL, NULL, NULL) != SQLITE_OK)
        goto failed;
    }

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;

  self->schema_version = MAX (version, (gint64)n_names);
  return TRUE;

failed:
  sp_library_set_error (self, error);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Migrations are numbered SQL files in the resources; file N brings the
 * schema from version N-1 to N. */
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

  if (self->schema_version > (int)n_names)
    {
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NEWER_SCHEMA,
                   _("Library %s was written by a newer version of Standpoint "
                     "(schema version %d, this version knows %u); it was left untouched"),
                   self->path, self->schema_version, n_names);
      return FALSE;
    }

  if (self->read_only_reason != NULL)
    {
      if (self->schema_version == (int)n_names)
        return TRUE;

      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_READ_ONLY,
                   /* Translators: the first %s is a file path, the second a reason such as
                    * "you do not have permission to change the file" */
                   _("The library %s cannot be opened: this version of Standpoint must "
                     "upgrade it first, and it is read-only: %s."),
                   self->path, self->read_only_reason);
      return FALSE;
    }

  /* Only now, as switching to WAL rewrites the file's header. */
  if (!self->in_memory && !sp_library_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  if (self->schema_version == (int)n_names)
    return TRUE;

  return upgrade (self, names, n_names, error);
}

SpLibrary *
sp_library_open (const char  *path,
                 GError     **error)
{
  return sp_library_open_full (path, SP_LIBRARY_OPEN_DEFAULT, NULL, error);
}

/**
 * sp_library_open_full:
 * @path: the library file, or ":memory:"
 * @flags: %SP_LIBRARY_OPEN_READ_ONLY to open it for reading only
 * @vfs: (nullable): the name of the SQLite VFS to use, or %NULL for the default
 * @error: return location for an error
 *
 * Opens the library at @path, creating it if needed, and upgrades it when
 * an older version of Standpoint wrote it (after copying it to
 * "PATH.backup-vN").  A library the file system will not let this process
 * change opens for reading; see sp_library_get_read_only_reason().
 *
 * Fails with %SP_LIBRARY_ERROR_CORRUPT for a damaged file,
 * %SP_LIBRARY_ERROR_NOT_LIBRARY for another kind of database and
 * %SP_LIBRARY_ERROR_NEWER_SCHEMA for a library of a newer version; all
 * three are left untouched.
 *
 * Returns: (transfer full) (nullable): the library
 */
SpLibrary *
sp_library_open_full (const char          *path,
                      SpLibraryOpenFlags   flags,
                      const char          *vfs,
                      GError             **error)
{
  g_autoptr(SpLibrary) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SP_TYPE_LIBRARY, NULL);
  self->path = g_strdup (path);
  self->vfs = g_strdup (vfs);
  self->flags = flags;
  self->in_memory = strcmp (path, ":memory:") == 0;

  if (!self->in_memory && !(flags & SP_LIBRARY_OPEN_READ_ONLY))
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

  if (!connect_db (self, error))
    return NULL;

  if (!check_file (self, error) ||
      !sp_library_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !sp_library_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !sp_library_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !sp_library_exec (self, "PRAGMA cache_size = -65536", error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_library_reopen:
 * @self: a library
 * @error: return location for an error
 *
 * Opens another connection to the library, as @self was opened, for
 * work in another thread.
 *
 * Returns: (transfer full) (nullable): the new connection
 */
SpLibrary *
sp_library_reopen (SpLibrary  *self,
                   GError    **error)
{
  SpLibrary *other;

  g_return_val_if_fail (SP_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (!self->in_memory, NULL);

  other = sp_library_open_full (self->path, self->flags, self->vfs, error);
  if (other != NULL)
    sp_library_set_busy_timeout (other, self->busy_timeout);

  return other;
}

/**
 * sp_library_set_aside:
 * @path: a damaged library file
 * @error: return location for an error
 *
 * Renames the library at @path, with its WAL and index files, to
 * "PATH.damaged-YYYYmmdd-HHMMSS", so that a new library can be started at
 * @path while the damaged one is kept as it was.  An existing file is
 * never replaced: the name gets a number if it is taken.
 *
 * Returns: (transfer full) (nullable): the new path of the damaged file
 */
char *
sp_library_set_aside (const char  *path,
                      GError     **error)
{
  /* The WAL goes first: a new library would take up a WAL left beside it. */
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint n = 1; aside == NULL; n++)
    {
      g_autofree char *name = NULL;
      gboolean taken = FALSE;

      if (n == 1)
        name = g_strdup_printf ("%s.damaged-%s", path, stamp);
      else
        name = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);

      for (guint i = 0; i < G_N_ELEMENTS (suffixes) && !taken; i++)
        {
          g_autofree char *file = g_strconcat (name, suffixes[i], NULL);

          taken = g_file_test (file, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
        }

      if (!taken)
        aside = g_steal_pointer (&name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) destination = g_file_new_for_path (to);
      g_autoptr(GError) local_error = NULL;

      if (g_file_move (source, destination,
                       G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                       NULL, NULL, NULL, &local_error))
        continue;

      if (suffixes[i][0] != '\0' && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        continue;

      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED,
                   /* Translators: the first %s is a file path, the second a system error */
                   _("Cannot move the library %s aside: %s"), path, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&aside);
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

gboolean
sp_library_get_read_only (SpLibrary *self)
{
  g_return_val_if_fail (SP_IS_LIBRARY (self), FALSE);

  return self->read_only_reason != NULL;
}

/**
 * sp_library_get_read_only_reason:
 * @self: a library
 *
 * Returns: (nullable): why the library can only be read, as a phrase
 *   such as "you do not have permission to change the file", or %NULL
 *   when it can be changed
 */
const char *
sp_library_get_read_only_reason (SpLibrary *self)
{
  g_return_val_if_fail (SP_IS_LIBRARY (self), NULL);

  return self->read_only_reason;
}

/* How long a write waits for another program's write to finish before it
 * fails with %SP_LIBRARY_ERROR_BUSY. */
void
sp_library_set_busy_timeout (SpLibrary *self,
                             guint      timeout_ms)
{
  g_return_if_fail (SP_IS_LIBRARY (self));

  self->busy_timeout = timeout_ms;
  sqlite3_busy_timeout (self->db, MIN (timeout_ms, G_MAXINT));
}

static gboolean
check_data_version (gpointer user_data)
{
  SpLibrary *self = user_data;
  gint64 version = query_int (self, "PRAGMA data_version");

  if (version >= 0 && version != self->data_version)
    {
      self->data_version = version;
      g_signal_emit (self, signals[CHANGED], 0);
    }

  return G_SOURCE_CONTINUE;
}

/**
 * sp_library_watch:
 * @self: a library
 * @interval_ms: how often to look, or 0 to stop watching
 *
 * Looks for changes committed by other connections every @interval_ms in
 * the thread-default main context, and emits #SpLibrary::changed when
 * there were some.  Each query of the library sees the data as of one
 * commit, so a reader never sees part of another program's import.
 */
void
sp_library_watch (SpLibrary *self,
                  guint      interval_ms)
{
  g_return_if_fail (SP_IS_LIBRARY (self));

  if (self->watch != NULL)
    g_source_destroy (self->watch);
  g_clear_pointer (&self->watch, g_source_unref);

  if (interval_ms == 0)
    return;

  self->data_version = query_int (self, "PRAGMA data_version");
  self->watch = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->watch, check_data_version, self, NULL);
  g_source_set_static_name (self->watch, "[standpoint] library watch");
  g_source_attach (self->watch, g_main_context_get_thread_default ());
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

/* Cheaper than sp_library_list_datasets(), which counts their records;
 * -1 on failure. */
int
sp_library_count_datasets (SpLibrary  *self,
                           GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_return_val_if_fail (SP_IS_LIBRARY (self), -1);

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM datasets", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  else
    sp_library_set_error (self, error);
  sqlite3_finalize (stmt);

  return n;
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
