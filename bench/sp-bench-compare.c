#define G_LOG_DOMAIN "standpoint-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sp-board-render.h"
#include "sp-comparison.h"
#include "sp-library.h"

/* Times the comparison on a library: 4 sides (the two countries and the
 * organization with the most offices, the person with the most statements)
 * and the 50 topics with the most statements, as of the last day anything
 * was said, looking for shifts over the year before it; then the export of
 * boards as PNG pictures at double size: that of the 50 topics, and a
 * publishable one of the 8 topics with the most statements, each to a
 * new file.  Each figure is the median of RUNS runs (the exports a
 * quarter as many), in wall clock and in processor time; details go to
 * stderr, and stdout gets two lines, the last one the benchmark's result:
 *   compare-published N=... export_ms=... export_cpu_ms=... export_topics=8 export_px=WxH
 *   compare N=... query_ms=... query_cpu_ms=... export_ms=... export_cpu_ms=... export_topics=50 export_px=WxH */

#define N_TOPICS 50
#define N_PUBLISHED_TOPICS 8
#define EXPORT_SCALE 2
#define YEAR G_GINT64_CONSTANT (31556952)
#define DAY G_GINT64_CONSTANT (86400)

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Processor time, to tell a slow query from a busy machine. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1000000.0;
}

/* The first column of every row of @sql. */
static GPtrArray *
query_column (SpLibrary  *library,
              const char *sql)
{
  GPtrArray *values = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (sp_library_get_db (library), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (sp_library_get_db (library)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return values;
}

static gint64
query_int (SpLibrary  *library,
           const char *sql)
{
  g_autoptr(GPtrArray) values = query_column (library, sql);

  return values->len > 0 ? g_ascii_strtoll (values->pdata[0], NULL, 10) : 0;
}

typedef struct {
  double wall_ms;
  double cpu_ms;
} Timing;

/* Medians of @n runs. */
static Timing
median_timing (Timing *timings,
               guint   n)
{
  g_autofree double *wall = g_new (double, n);
  g_autofree double *cpu = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      wall[i] = timings[i].wall_ms;
      cpu[i] = timings[i].cpu_ms;
    }

  return (Timing) { median (wall, n), median (cpu, n) };
}

static Timing
measure_query (SpLibrary          *library,
               const char * const *sides,
               const char * const *topics,
               gint64              as_of,
               gint64              period_start,
               guint               runs,
               const char         *name)
{
  g_autofree Timing *timings = g_new (Timing, runs);
  Timing result;

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpComparison) comparison = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_ms ();

      comparison = sp_comparison_new (library, sides, topics, as_of, period_start, &error);
      timings[run] = (Timing) { elapsed_ms (start), cpu_ms () - cpu };
      if (comparison == NULL)
        g_error ("comparison: %s", error->message);
    }

  result = median_timing (timings, runs);
  fprintf (stderr, "%s: query %.2f ms, processor %.2f ms (first run %.2f ms)\n",
           name, result.wall_ms, result.cpu_ms, timings[0].wall_ms);

  return result;
}

/* The width and height in a PNG file's header. */
static void
read_png_size (const char *path,
               guint      *width,
               guint      *height)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s: %s", path, error->message);
  if (length < 24 || memcmp (contents, "\x89PNG\r\n\x1a\n", 8) != 0)
    g_error ("%s: not a PNG file", path);

  *width = GUINT32_FROM_BE (*(guint32 *) (contents + 16));
  *height = GUINT32_FROM_BE (*(guint32 *) (contents + 20));
}

/* Exports to a new file each time, as the window's default name does;
 * replacing a file costs GLib's wait for the disk besides, which is shown
 * apart. */
static Timing
measure_export (const SpComparison *comparison,
                GFile              *file,
                guint               runs,
                guint              *width,
                guint              *height)
{
  g_autofree Timing *timings = g_new (Timing, runs);
  g_autofree Timing *replacing = g_new (Timing, runs);
  g_autofree char *path = g_file_get_path (file);
  Timing result;
  Timing replaced;

  for (guint run = 0; run < 2 * runs; run++)
    {
      g_autoptr(GError) error = NULL;
      gboolean replace = run >= runs;
      gint64 start;
      double cpu;

      if (!replace)
        g_file_delete (file, NULL, NULL);
      start = g_get_monotonic_time ();
      cpu = cpu_ms ();
      if (!sp_export_board_png (comparison, NULL, EXPORT_SCALE, file, &error))
        g_error ("export: %s", error->message);
      (replace ? replacing : timings)[run % runs] = (Timing) { elapsed_ms (start), cpu_ms () - cpu };
    }

  read_png_size (path, width, height);
  result = median_timing (timings, runs);
  replaced = median_timing (replacing, runs);
  fprintf (stderr, "export of %u topics at %dx, %ux%u pixels: %.2f ms, processor %.2f ms (first run %.2f ms); "
           "replacing a file: %.2f ms\n",
           comparison->rows->len, EXPORT_SCALE, *width, *height, result.wall_ms, result.cpu_ms,
           timings[0].wall_ms, replaced.wall_ms);
  g_file_delete (file, NULL, NULL);

  return result;
}

static void
describe (const SpComparison *comparison)
{
  guint positions = 0;
  guint evidence = 0;
  guint shifted = 0;
  guint disagree = 0;
  guint roles = 0;

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SpComparisonRow *row = comparison->rows->pdata[i];

      disagree += row->disagree;
      for (guint s = 0; s < comparison->n_sides; s++)
        {
          positions += row->cells[s].state == SP_CELL_POSITION;
          shifted += row->cells[s].shifted;
          evidence += row->cells[s].evidence->len;
        }
    }
  for (guint s = 0; s < comparison->n_sides; s++)
    roles += comparison->sides[s].roles->len;

  fprintf (stderr, "%u rows, %u cells with a position, %u shifted, %u rows disagree, "
           "%u statements of evidence, %u roles, %u citations (%u on the board)\n",
           comparison->rows->len, positions, shifted, disagree, evidence, roles,
           comparison->citations->len, comparison->n_board_citations);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GPtrArray) sides = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) published_topics = g_ptr_array_new_null_terminated (N_PUBLISHED_TOPICS, NULL, TRUE);
  g_autoptr(SpComparison) comparison = NULL;
  g_autoptr(SpComparison) published = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  guint runs = 20;
  guint export_runs;
  gint64 n_statements;
  gint64 as_of;
  gint64 period_start;
  Timing query;
  Timing export;
  Timing published_export;
  guint width;
  guint height;
  guint published_width;
  guint published_height;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "Usage: %s LIBRARY [RUNS]\n", argv[0]);
      return 2;
    }
  if (argc == 3)
    runs = MAX (atoi (argv[2]), 1);

  gtk_init_check ();

  library = sp_library_open (argv[1], &error);
  if (library == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  n_statements = query_int (library, "SELECT count(*) FROM statements");

  sides = query_column (library,
                        "SELECT o.of_id FROM offices AS o JOIN actors AS a ON a.id = o.of_id"
                        " WHERE a.kind = 2 GROUP BY o.of_id ORDER BY count(*) DESC, o.of_id LIMIT 2");
  more = query_column (library,
                       "SELECT * FROM (SELECT o.of_id FROM offices AS o JOIN actors AS a ON a.id = o.of_id"
                       "  WHERE a.kind = 3 GROUP BY o.of_id ORDER BY count(*) DESC, o.of_id LIMIT 1)"
                       " UNION ALL"
                       " SELECT * FROM (SELECT s.speaker_id FROM statements AS s"
                       "  JOIN actors AS a ON a.id = s.speaker_id"
                       "  WHERE a.kind = 1 GROUP BY s.speaker_id ORDER BY count(*) DESC, s.speaker_id LIMIT 1)");
  g_ptr_array_extend_and_steal (sides, g_steal_pointer (&more));
  topics = query_column (library,
                         "SELECT topic_id FROM statements GROUP BY topic_id"
                         " ORDER BY count(*) DESC, topic_id LIMIT 50");
  if (sides->len != 4 || topics->len != N_TOPICS)
    {
      fprintf (stderr, "%s: needs 2 countries and an organization with offices, a person with "
               "statements and %u topics\n", argv[1], N_TOPICS);
      return 1;
    }

  /* The end of the last day anything was said. */
  as_of = query_int (library, "SELECT max(said_lo) FROM statements");
  as_of = as_of - as_of % DAY + DAY - 1;
  period_start = as_of + 1 - YEAR;

  fprintf (stderr, "N=%" G_GINT64_FORMAT ", sides:", n_statements);
  for (guint s = 0; s < sides->len; s++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM statements WHERE speaker_id = '%s'",
                                              (char *)sides->pdata[s]);
      g_autofree char *offices = g_strdup_printf ("SELECT count(*) FROM offices WHERE of_id = '%s'",
                                                  (char *)sides->pdata[s]);

      fprintf (stderr, " %s (%" G_GINT64_FORMAT " own statements, %" G_GINT64_FORMAT " offices)",
               (char *)sides->pdata[s], query_int (library, sql), query_int (library, offices));
    }
  fprintf (stderr, "\n");

  query = measure_query (library, (const char * const *)sides->pdata, (const char * const *)topics->pdata,
                         as_of, period_start, runs, "4 sides, 50 topics, shifts over a year");
  measure_query (library, (const char * const *)sides->pdata, (const char * const *)topics->pdata,
                 as_of, G_MININT64, MAX (runs / 4, 1), "4 sides, 50 topics, shifts over all history");
  measure_query (library, (const char * const *)sides->pdata, NULL,
                 as_of, period_start, MAX (runs / 4, 1), "4 sides, every topic they spoke on");

  for (guint i = 0; i < N_PUBLISHED_TOPICS; i++)
    g_ptr_array_add (published_topics, topics->pdata[i]);
  measure_query (library, (const char * const *)sides->pdata, (const char * const *)published_topics->pdata,
                 as_of, period_start, MAX (runs / 4, 1), "4 sides, 8 topics, shifts over a year");

  comparison = sp_comparison_new (library, (const char * const *)sides->pdata,
                                  (const char * const *)topics->pdata, as_of, period_start, &error);
  g_assert_no_error (error);
  describe (comparison);
  published = sp_comparison_new (library, (const char * const *)sides->pdata,
                                 (const char * const *)published_topics->pdata, as_of, period_start, &error);
  g_assert_no_error (error);
  describe (published);

  dir = g_dir_make_tmp ("standpoint-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "board.png", NULL);
  file = g_file_new_for_path (path);

  /* Rendering a tall board costs far more than the query; fewer runs do. */
  export_runs = MAX (runs / 4, 1);
  export = measure_export (comparison, file, export_runs, &width, &height);
  published_export = measure_export (published, file, export_runs, &published_width, &published_height);
  g_rmdir (dir);

  printf ("compare-published N=%" G_GINT64_FORMAT " export_ms=%.2f export_cpu_ms=%.2f export_topics=%u export_px=%ux%u\n",
          n_statements, published_export.wall_ms, published_export.cpu_ms, published->rows->len,
          published_width, published_height);
  printf ("compare N=%" G_GINT64_FORMAT " query_ms=%.2f query_cpu_ms=%.2f export_ms=%.2f export_cpu_ms=%.2f"
          " export_topics=%u export_px=%ux%u\n",
          n_statements, query.wall_ms, query.cpu_ms, export.wall_ms, export.cpu_ms,
          comparison->rows->len, width, height);

  return 0;
}
