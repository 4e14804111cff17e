#define G_LOG_DOMAIN "standpoint-tests"

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "sp-test-util.h"

/* An exported board of two sides is this wide at scale 1. */
#define EXPORT_WIDTH_2 1160

typedef struct {
  char *dir;
  char *db;
} Fixture;

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

/* Runs standpoint-cli with @args (NULL-terminated) where there is neither
 * X nor Wayland, and returns its exit status and output. */
static void
run_cli (Result     *result,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("STANDPOINT_CLI");
  va_list args;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *)cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  /* The renderer the app would pick with a display must not matter. */
  env = g_environ_unsetenv (env, "GSK_RENDERER");

  g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  fixture->dir = sp_test_make_dir ();
  fixture->db = g_build_filename (fixture->dir, "library.sqlite", NULL);
  run_cli (&result, "--db", fixture->db, "import", sp_test_bundled_dataset (), NULL);
  g_assert_cmpint (result.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->db);
  g_free (fixture->dir);
}

/* The size a PNG file says it has, after checking that it is one. */
static void
read_png_size (const char *path,
               int        *width,
               int        *height)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *contents = NULL;
  const guchar *bytes;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 33);
  bytes = (const guchar *)contents;
  g_assert_cmpmem (bytes, sizeof signature, signature, sizeof signature);
  g_assert_cmpmem (bytes + 12, 4, "IHDR", 4);
  *width = bytes[16] << 24 | bytes[17] << 16 | bytes[18] << 8 | bytes[19];
  *height = bytes[20] << 24 | bytes[21] << 16 | bytes[22] << 8 | bytes[23];

  /* And that it decodes to what it says. */
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, *width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, *height);
}

static void
test_scales (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Result) normal = { 0 };
  g_auto(Result) twice = { 0 };
  g_autofree char *normal_path = g_build_filename (fixture->dir, "normal.png", NULL);
  g_autofree char *twice_path = g_build_filename (fixture->dir, "twice.png", NULL);
  g_autofree char *expected = g_strdup_printf ("Wrote %s\n", normal_path);
  int width;
  int height;
  int width2;
  int height2;

  run_cli (&normal, "--db", fixture->db, "export-png", "--sides", "united-states,united-kingdom",
           "-o", normal_path, NULL);
  g_assert_cmpstr (normal.err, ==, "");
  g_assert_cmpstr (normal.out, ==, expected);
  g_assert_cmpint (normal.status, ==, 0);
  read_png_size (normal_path, &width, &height);
  g_assert_cmpint (width, ==, EXPORT_WIDTH_2);
  g_assert_cmpint (height, >, 1000);

  run_cli (&twice, "--db", fixture->db, "export-png", "--sides", "united-states,united-kingdom",
           "--scale", "2", "--output", twice_path, NULL);
  g_assert_cmpstr (twice.err, ==, "");
  g_assert_cmpint (twice.status, ==, 0);
  read_png_size (twice_path, &width2, &height2);
  g_assert_cmpint (width2, ==, 2 * width);
  g_assert_cmpint (height2, ==, 2 * height);
}

/* Fewer topics, an earlier date and more sides change the picture's size. */
static void
test_choices (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Result) all = { 0 };
  g_auto(Result) one = { 0 };
  g_auto(Result) early = { 0 };
  g_auto(Result) four = { 0 };
  g_autofree char *path = g_build_filename (fixture->dir, "board.png", NULL);
  int width;
  int all_height;
  int height;

  run_cli (&all, "--db", fixture->db, "export-png", "--sides", "pete-hegseth,john-healey", "-o", path, NULL);
  g_assert_cmpint (all.status, ==, 0);
  read_png_size (path, &width, &all_height);

  run_cli (&one, "--db", fixture->db, "export-png", "--sides", "pete-hegseth, john-healey",
           "--topics", "ukraine-nato-membership", "-o", path, NULL);
  g_assert_cmpstr (one.err, ==, "");
  g_assert_cmpint (one.status, ==, 0);
  read_png_size (path, &width, &height);
  g_assert_cmpint (width, ==, EXPORT_WIDTH_2);
  g_assert_cmpint (height, <, all_height);

  /* Before any statement: an empty board, but still a picture. */
  run_cli (&early, "--db", fixture->db, "export-png", "--sides", "pete-hegseth,john-healey",
           "--as-of", "2024-12", "-o", path, NULL);
  g_assert_cmpstr (early.err, ==, "");
  g_assert_cmpint (early.status, ==, 0);
  read_png_size (path, &width, &height);
  g_assert_cmpint (height, <, all_height);

  run_cli (&four, "--db", fixture->db, "export-png", "--sides", "united-states,united-kingdom,nato,ukraine",
           "--as-of", "2025-02-12", "-o", path, NULL);
  g_assert_cmpint (four.status, ==, 0);
  read_png_size (path, &width, &height);
  g_assert_cmpint (width, >, EXPORT_WIDTH_2);
}

static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Result) side = { 0 };
  g_auto(Result) topic = { 0 };
  g_auto(Result) empty = { 0 };
  g_autofree char *path = g_build_filename (fixture->dir, "board.png", NULL);
  g_autofree char *empty_db = g_build_filename (fixture->dir, "empty.sqlite", NULL);

  run_cli (&side, "--db", fixture->db, "export-png", "--sides", "united-states,narnia", "-o", path, NULL);
  g_assert_cmpint (side.status, ==, 1);
  g_assert_cmpstr (side.err, ==, "There is no actor “narnia” in the library\n");
  g_assert_cmpstr (side.out, ==, "");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  run_cli (&topic, "--db", fixture->db, "export-png", "--sides", "united-states,united-kingdom",
           "--topics", "atlantis", "-o", path, NULL);
  g_assert_cmpint (topic.status, ==, 1);
  g_assert_cmpstr (topic.err, ==, "There is no topic “atlantis” in the library\n");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  run_cli (&empty, "--db", empty_db, "export-png", "--sides", "united-states,united-kingdom", "-o", path, NULL);
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_cmpstr (empty.err, ==, "The library holds no statements; import a dataset first\n");
}

/* Usage errors: a message, then the command's help on stderr, status 2. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct {
    const char *args[6];
    const char *message;
  } cases[] = {
    { { "--sides", "united-states", "-o", "x.png" },
      "standpoint-cli export-png: --sides takes 2 to 4 actor ids, separated by commas\n" },
    { { "--sides", "a,b,c,d,e", "-o", "x.png" },
      "standpoint-cli export-png: --sides takes 2 to 4 actor ids, separated by commas\n" },
    { { "--sides", "united-states,,nato", "-o", "x.png" },
      "standpoint-cli export-png: --sides takes 2 to 4 actor ids, separated by commas\n" },
    { { "-o", "x.png" },
      "standpoint-cli export-png: --sides takes 2 to 4 actor ids, separated by commas\n" },
    { { "--sides", "united-states,nato" },
      "standpoint-cli export-png: -o FILE.png is required\n" },
    { { "--sides", "united-states,nato", "--scale", "3", "-o", "x.png" },
      "standpoint-cli export-png: --scale is 1 or 2\n" },
    { { "--sides", "united-states,nato", "--topics", ",", "-o", "x.png" },
      "standpoint-cli export-png: --topics takes topic ids, separated by commas\n" },
    { { "--sides", "united-states,nato", "--as-of", "12 Feb 2025", "-o", "x.png" },
      NULL },
    { { "--sides", "united-states,nato", "-o", "x.png", "extra" },
      "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = { 0 };
      const char * const *a = cases[i].args;

      run_cli (&result, "--db", fixture->db, "export-png", a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      if (cases[i].message == NULL)
        g_assert_true (g_str_has_prefix (result.err, "standpoint-cli export-png: --as-of: "));
      else
        g_assert_true (g_str_has_prefix (result.err, cases[i].message));
      g_assert_nonnull (strstr (result.err, "export-png --sides SIDE,SIDE[,…] -o FILE.png"));
    }
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Result) help = { 0 };
  g_auto(Result) main_help = { 0 };

  run_cli (&help, "export-png", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (g_str_has_prefix (help.out, "Usage:\n  standpoint-cli [OPTION…] export-png --sides SIDE,SIDE[,…] -o FILE.png\n"));
  g_assert_nonnull (strstr (help.out, "--sides=SIDE,SIDE[,…]"));
  g_assert_nonnull (strstr (help.out, "--topics=TOPIC,…"));
  g_assert_nonnull (strstr (help.out, "--as-of=DATE"));
  g_assert_nonnull (strstr (help.out, "--scale=1|2"));
  g_assert_nonnull (strstr (help.out, "-o, --output=FILE.png"));

  run_cli (&main_help, "--help", NULL);
  g_assert_cmpint (main_help.status, ==, 0);
  g_assert_nonnull (strstr (main_help.out, "export-png --sides SIDE,SIDE[,…] -o FILE.png"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/export/scales", Fixture, NULL, fixture_set_up, test_scales, fixture_tear_down);
  g_test_add ("/export/choices", Fixture, NULL, fixture_set_up, test_choices, fixture_tear_down);
  g_test_add ("/export/failures", Fixture, NULL, fixture_set_up, test_failures, fixture_tear_down);
  g_test_add ("/export/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/export/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);

  return g_test_run ();
}
