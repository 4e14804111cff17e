#include "config.h"

#define _GNU_SOURCE 1

#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sp-importer.h"
#include "sp-library.h"
#include "sp-test-util.h"

/* Faults of the machine under the library: a full disk, a library that may
 * not be written, another program writing, a damaged file. */

#define BUNDLED_ID "ukraine-contact-group-2025-02"

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

/* Runs @cli (standpoint-cli when NULL) with the NULL-terminated arguments,
 * calling @setup in the child before it starts. */
static void
run_cli_full (Result               *result,
              GSpawnChildSetupFunc  setup,
              const char           *cli,
              const char           *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *)(cli != NULL ? cli : g_getenv ("STANDPOINT_CLI")));
  g_assert_nonnull (argv->pdata[0]);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, setup, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

#define run_cli(result, ...) run_cli_full ((result), NULL, NULL, __VA_ARGS__)

static char *
fingerprint_path (const char *path)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  integrity = sp_test_query_text (library, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  return sp_test_library_fingerprint (library);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (GBytes     *expected,
                   const char *path)
{
  g_autoptr(GBytes) actual = read_bytes (path);

  g_assert_true (g_bytes_equal (expected, actual));
}

/* A disk that fills up, as a SQLite VFS over the default one: once armed,
 * files may grow by disk_free bytes in all, and writes past that fail as
 * writes to a full disk do. */

#define FULL_VFS_NAME "standpoint-test-full"

static sqlite3_vfs full_vfs;
static gboolean disk_armed;
static sqlite3_int64 disk_free;

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;
} FullFile;

#define REAL(file) (((FullFile *)(file))->real)

static gboolean
take_space (sqlite3_file  *file,
            sqlite3_int64  end)
{
  sqlite3_int64 size = 0;

  if (!disk_armed)
    return TRUE;
  if (REAL (file)->pMethods->xFileSize (REAL (file), &size) != SQLITE_OK)
    return FALSE;
  if (end <= size)
    return TRUE;
  if (end - size > disk_free)
    return FALSE;

  disk_free -= end - size;
  return TRUE;
}

static int
full_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
full_read (sqlite3_file  *file,
           void          *data,
           int            amount,
           sqlite3_int64  offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), data, amount, offset);
}

static int
full_write (sqlite3_file  *file,
            const void    *data,
            int            amount,
            sqlite3_int64  offset)
{
  if (!take_space (file, offset + amount))
    return SQLITE_FULL;

  return REAL (file)->pMethods->xWrite (REAL (file), data, amount, offset);
}

static int
full_truncate (sqlite3_file  *file,
               sqlite3_int64  size)
{
  if (!take_space (file, size))
    return SQLITE_FULL;

  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
full_sync (sqlite3_file *file,
           int           flags)
{
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
full_file_size (sqlite3_file  *file,
                sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
full_lock (sqlite3_file *file,
           int           lock)
{
  return REAL (file)->pMethods->xLock (REAL (file), lock);
}

static int
full_unlock (sqlite3_file *file,
             int           lock)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), lock);
}

static int
full_check_reserved_lock (sqlite3_file *file,
                          int          *result)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), result);
}

static int
full_file_control (sqlite3_file *file,
                   int           op,
                   void         *arg)
{
  /* Growing a file ahead of writing takes space too. */
  if (op == SQLITE_FCNTL_SIZE_HINT && !take_space (file, *(sqlite3_int64 *)arg))
    return SQLITE_FULL;

  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
full_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
full_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
full_shm_map (sqlite3_file  *file,
              int            region,
              int            size,
              int            extend,
              void volatile **memory)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), region, size, extend, memory);
}

static int
full_shm_lock (sqlite3_file *file,
               int           offset,
               int           n,
               int           flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
full_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
full_shm_unmap (sqlite3_file *file,
                int           delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
full_fetch (sqlite3_file   *file,
            sqlite3_int64   offset,
            int             amount,
            void          **data)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, data);
}

static int
full_unfetch (sqlite3_file  *file,
              sqlite3_int64  offset,
              void          *data)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, data);
}

static const sqlite3_io_methods full_io_methods = {
  3,
  full_close,
  full_read,
  full_write,
  full_truncate,
  full_sync,
  full_file_size,
  full_lock,
  full_unlock,
  full_check_reserved_lock,
  full_file_control,
  full_sector_size,
  full_device_characteristics,
  full_shm_map,
  full_shm_lock,
  full_shm_barrier,
  full_shm_unmap,
  full_fetch,
  full_unfetch,
};

static int
full_open (sqlite3_vfs  *vfs,
           const char   *name,
           sqlite3_file *file,
           int           flags,
           int          *out_flags)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;
  FullFile *full = (FullFile *)file;
  int rc;

  full->real = (sqlite3_file *)&full[1];
  rc = real_vfs->xOpen (real_vfs, name, full->real, flags, out_flags);
  file->pMethods = full->real->pMethods != NULL ? &full_io_methods : NULL;

  return rc;
}

static void
register_full_vfs (void)
{
  sqlite3_vfs *real_vfs = sqlite3_vfs_find (NULL);

  g_assert_nonnull (real_vfs);
  full_vfs = *real_vfs;
  full_vfs.szOsFile = sizeof (FullFile) + real_vfs->szOsFile;
  full_vfs.pNext = NULL;
  full_vfs.zName = FULL_VFS_NAME;
  full_vfs.pAppData = real_vfs;
  full_vfs.xOpen = full_open;
  g_assert_cmpint (sqlite3_vfs_register (&full_vfs, 0), ==, SQLITE_OK);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncImport;

static void
async_import_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncImport *run = user_data;

  run->ok = sp_importer_run_finish (SP_IMPORTER (object), result, &run->error);
  run->done = TRUE;
}

/* The disk fills during an import, sync or in the window's thread, and
 * during a removal: each fails saying so and changes nothing, and once
 * there is room again the same connection imports as usual. */
static void
test_disk_full_vfs (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *big_path = sp_test_write_dataset (dir, "big", 3000);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AsyncImport run = { 0 };

  library = sp_library_open (path, &error);
  g_assert_no_error (error);
  sp_test_import (library, sp_test_bundled_dataset ());
  g_clear_object (&library);
  before = fingerprint_path (path);

  library = sp_library_open_full (path, SP_LIBRARY_OPEN_DEFAULT, FULL_VFS_NAME, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("The disk is full: the library %s could not be written. "
                              "Nothing was changed; free some space and try again.", path);

  disk_armed = TRUE;
  disk_free = 0;
  g_assert_false (sp_library_remove_dataset (library, BUNDLED_ID, &error));
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_DISK_FULL);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  disk_free = 64 * 1024;
  importer = sp_importer_new (library, big);
  g_assert_false (sp_importer_run (importer, NULL, &error));
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_DISK_FULL);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (sp_importer_get_count (importer, SP_IMPORT_ADDED), ==, 0);
  g_clear_error (&error);

  sp_importer_run_async (importer, NULL, async_import_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (run.ok);
  g_assert_error (run.error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_DISK_FULL);
  g_assert_cmpstr (run.error->message, ==, expected);
  g_clear_error (&run.error);

  after = sp_test_library_fingerprint (library);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  after = fingerprint_path (path);
  g_assert_cmpstr (after, ==, before);

  disk_armed = FALSE;
  g_clear_object (&importer);
  importer = sp_importer_new (library, big);
  sp_importer_run (importer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_importer_get_count (importer, SP_IMPORT_ADDED), ==, 1 + 40 + 20 + 3000);
  g_assert_cmpint (sp_test_query_int (library, "SELECT count(*) FROM statements"), ==, 15 + 3000);
}

/* A real full disk, a small tmpfs, under standpoint-cli.  Mounting needs
 * root and a mount namespace of the test's own; without them the test is
 * skipped (the VFS test above covers the library). */
static void
test_disk_full_tmpfs (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *mount_point = g_build_filename (dir, "small-disk", NULL);
  g_autofree char *db = g_build_filename (mount_point, "library.sqlite", NULL);
  g_autofree char *big = sp_test_write_dataset (dir, "big", 5000);
  g_autofree char *small = sp_test_write_dataset (dir, "small", 5);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Result) base = { 0 };
  g_auto(Result) full = { 0 };
  g_auto(Result) later = { 0 };

  if (geteuid () != 0)
    {
      g_test_skip ("mounting a small tmpfs needs root");
      return;
    }
  if (unshare (CLONE_NEWNS) != 0 ||
      mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_autofree char *message = g_strdup_printf ("no mount namespace of its own: %s", g_strerror (errno));

      g_test_skip (message);
      return;
    }
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (mount ("standpoint-test", mount_point, "tmpfs", 0, "size=2m") != 0)
    {
      g_autofree char *message = g_strdup_printf ("cannot mount a tmpfs: %s", g_strerror (errno));

      g_test_skip (message);
      return;
    }

  run_cli (&base, "--db", db, "import", sp_test_bundled_dataset (), NULL);
  g_assert_cmpint (base.status, ==, 0);
  before = fingerprint_path (db);

  run_cli (&full, "--db", db, "import", big, NULL);
  g_assert_cmpint (full.status, ==, 1);
  g_assert_cmpstr (full.out, ==, "");
  expected = g_strdup_printf ("%s: The disk is full: the library %s could not be written. "
                              "Nothing was changed; free some space and try again.\n", big, db);
  g_assert_cmpstr (full.err, ==, expected);

  after = fingerprint_path (db);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&expected, g_free);

  run_cli (&later, "--db", db, "import", small, NULL);
  g_assert_cmpint (later.status, ==, 0);
  expected = g_strdup_printf ("%s: dataset “small”: 66 added, 0 updated, 0 unchanged, 0 retracted\n", small);
  g_assert_cmpstr (later.out, ==, expected);

  g_assert_cmpint (umount2 (mount_point, MNT_DETACH), ==, 0);
}

static void
drop_privileges (gpointer user_data)
{
  /* nobody, as on Debian */
  if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
    _exit (127);
}

/* What this process needs to make a library read-only for the CLI it
 * runs: as root, which may write anything, the CLI runs as nobody. */
typedef enum {
  PROTECT_FILE,
  PROTECT_FOLDER,
} Protection;

static void
protect (const char *library_dir,
         const char *db,
         Protection  protection)
{
  if (geteuid () == 0)
    {
      if (protection == PROTECT_FILE)
        g_assert_cmpint (g_chmod (library_dir, 0777), ==, 0);
      else
        g_assert_cmpint (chown (db, 65534, 65534), ==, 0);
    }
  else if (protection == PROTECT_FILE)
    g_assert_cmpint (g_chmod (db, 0444), ==, 0);
  else
    g_assert_cmpint (g_chmod (library_dir, 0555), ==, 0);
}

/* The file system will not let the CLI write the library: listing works,
 * importing and removing fail with the reason and change nothing, and no
 * file is left beside the library. */
static void
test_read_only_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *top = g_dir_make_tmp ("standpoint-read-only-XXXXXX", &error);
  g_autofree char *cli = NULL;
  g_autofree char *small = NULL;
  GSpawnChildSetupFunc setup = geteuid () == 0 ? drop_privileges : NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (top, 0755), ==, 0);

  /* A copy of the CLI nobody may run, wherever the build is. */
  {
    g_autoptr(GFile) source = g_file_new_for_path (g_getenv ("STANDPOINT_CLI"));
    g_autoptr(GFile) copy = NULL;

    cli = g_build_filename (top, "standpoint-cli", NULL);
    copy = g_file_new_for_path (cli);
    g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_chmod (cli, 0755), ==, 0);
  }
  small = sp_test_write_dataset (top, "small", 1);
  g_assert_cmpint (g_chmod (small, 0644), ==, 0);

  for (Protection protection = PROTECT_FILE; protection <= PROTECT_FOLDER; protection++)
    {
      g_autofree char *library_dir = g_build_filename (top, protection == PROTECT_FILE ? "file" : "folder", NULL);
      g_autofree char *db = g_build_filename (library_dir, "library.sqlite", NULL);
      g_autofree char *reason = NULL;
      g_autofree char *message = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GDir) handle = NULL;
      g_auto(Result) created = { 0 };
      g_auto(Result) list = { 0 };
      g_auto(Result) import = { 0 };
      g_auto(Result) remove = { 0 };

      g_assert_cmpint (g_mkdir (library_dir, 0755), ==, 0);
      run_cli (&created, "--db", db, "import", sp_test_bundled_dataset (), NULL);
      g_assert_cmpint (created.status, ==, 0);
      g_assert_cmpint (g_chmod (db, 0644), ==, 0);
      bytes = read_bytes (db);
      protect (library_dir, db, protection);

      if (protection == PROTECT_FILE)
        reason = g_strdup ("you do not have permission to change the file");
      else
        reason = g_strdup_printf ("you do not have permission to change files in its folder %s", library_dir);

      run_cli_full (&list, setup, cli, "--db", db, "list", NULL);
      g_assert_cmpint (list.status, ==, 0);
      g_assert_cmpstr (list.err, ==, "");
      g_assert_true (g_str_has_prefix (list.out, BUNDLED_ID "\t"));

      run_cli_full (&import, setup, cli, "--db", db, "import", small, NULL);
      g_assert_cmpint (import.status, ==, 1);
      g_assert_cmpstr (import.out, ==, "");
      message = g_strdup_printf ("The library %s is read-only: %s. Nothing was changed.\n", db, reason);
      expected = g_strconcat (small, ": ", message, NULL);
      g_assert_cmpstr (import.err, ==, expected);

      run_cli_full (&remove, setup, cli, "--db", db, "remove", BUNDLED_ID, NULL);
      g_assert_cmpint (remove.status, ==, 1);
      g_assert_cmpstr (remove.err, ==, message);

      assert_same_bytes (bytes, db);
      handle = g_dir_open (library_dir, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (g_dir_read_name (handle), ==, "library.sqlite");
      g_assert_null (g_dir_read_name (handle));

      g_assert_cmpint (g_chmod (library_dir, 0755), ==, 0);
    }

  sp_test_remove_tree (top);
}

/* Another program holds the write lock for a second: the CLI waits and
 * then imports. */
static void
test_busy_cli_waits (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *small = sp_test_write_dataset (dir, "small", 1);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SpLibrary) holder = NULL;
  g_autoptr(GSubprocess) import = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  holder = sp_library_open (db, &error);
  g_assert_no_error (error);
  sp_test_import (holder, sp_test_bundled_dataset ());
  g_assert_true (sp_library_exec (holder, "BEGIN IMMEDIATE", &error));

  start = g_get_monotonic_time ();
  import = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             g_getenv ("STANDPOINT_CLI"), "--db", db, "import", small, NULL);
  g_assert_no_error (error);
  g_usleep (G_USEC_PER_SEC);
  g_assert_true (sp_library_exec (holder, "ROLLBACK", &error));

  g_subprocess_communicate_utf8 (import, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (import), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  expected = g_strdup_printf ("%s: dataset “small”: 62 added, 0 updated, 0 unchanged, 0 retracted\n", small);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
}

/* Another program writes for longer than the CLI waits (5 s): the CLI says
 * so and changes nothing. */
static void
test_busy_cli_gives_up (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.sqlite", NULL);
  g_autofree char *small = sp_test_write_dataset (dir, "small", 1);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SpLibrary) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) import = { 0 };
  gint64 start, elapsed;

  holder = sp_library_open (db, &error);
  g_assert_no_error (error);
  sp_test_import (holder, sp_test_bundled_dataset ());
  before = sp_test_library_fingerprint (holder);
  g_assert_true (sp_library_exec (holder, "BEGIN IMMEDIATE", &error));

  start = g_get_monotonic_time ();
  run_cli (&import, "--db", db, "import", small, NULL);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (import.status, ==, 1);
  g_assert_cmpstr (import.out, ==, "");
  expected = g_strdup_printf ("%s: The library %s is busy: another program is writing to it. "
                              "Try again when it has finished.\n", small, db);
  g_assert_cmpstr (import.err, ==, expected);
  g_assert_cmpint (elapsed, >=, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 20 * G_USEC_PER_SEC);

  g_assert_true (sp_library_exec (holder, "ROLLBACK", &error));
  after = sp_test_library_fingerprint (holder);
  g_assert_cmpstr (after, ==, before);
}

/* A damaged library: the CLI says what is wrong and what to do, and
 * set-aside keeps the file and starts a new library. */
static void
test_corrupt_cli (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "my library.sqlite", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) list = { 0 };
  g_auto(Result) import = { 0 };
  g_auto(Result) set_aside = { 0 };
  g_auto(Result) again = { 0 };
  g_auto(Result) list_new = { 0 };
  g_autofree char *aside = NULL;

  g_file_set_contents (db, "This was a library once, and now it is not.\n", -1, &error);
  g_assert_no_error (error);
  bytes = read_bytes (db);

  expected = g_strdup_printf ("The library %s is damaged (file is not a database) and was left untouched.\n"
                              "To keep it and start a new library in its place, run "
                              "“standpoint-cli --db '%s' set-aside”; or use --db to work with another library.\n",
                              db, db);
  run_cli (&list, "--db", db, "list", NULL);
  g_assert_cmpint (list.status, ==, 1);
  g_assert_cmpstr (list.out, ==, "");
  g_assert_cmpstr (list.err, ==, expected);

  run_cli (&import, "--db", db, "import", sp_test_bundled_dataset (), NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_cmpstr (import.err, ==, expected);
  assert_same_bytes (bytes, db);

  run_cli (&set_aside, "--db", db, "set-aside", NULL);
  g_assert_cmpint (set_aside.status, ==, 0);
  g_assert_cmpstr (set_aside.err, ==, "");
  escaped = g_regex_escape_string (db, -1);
  pattern = g_strdup_printf ("^Moved the damaged library to (%s\\.damaged-[0-9]{8}-[0-9]{6})\\.\n"
                             "Started a new library at %s\\.\n$", escaped, escaped);
  regex = g_regex_new (pattern, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (regex, set_aside.out, 0, &match));
  aside = g_match_info_fetch (match, 1);
  assert_same_bytes (bytes, aside);

  run_cli (&list_new, "--db", db, "list", NULL);
  g_assert_cmpint (list_new.status, ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("The library %s holds no datasets.\n", db);
  g_assert_cmpstr (list_new.out, ==, expected);

  /* A library that opens is never moved. */
  run_cli (&again, "--db", db, "set-aside", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("The library %s is not damaged; it was left where it is.\n", db);
  g_assert_cmpstr (again.err, ==, expected);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  register_full_vfs ();

  /* First, while the process has a single thread, as unshare() needs. */
  g_test_add_func ("/faults/disk-full/tmpfs", test_disk_full_tmpfs);
  g_test_add_func ("/faults/disk-full/vfs", test_disk_full_vfs);
  g_test_add_func ("/faults/read-only/cli", test_read_only_cli);
  g_test_add_func ("/faults/busy/cli-waits", test_busy_cli_waits);
  g_test_add_func ("/faults/busy/cli-gives-up", test_busy_cli_gives_up);
  g_test_add_func ("/faults/corrupt/cli", test_corrupt_cli);

  return g_test_run ();
}
