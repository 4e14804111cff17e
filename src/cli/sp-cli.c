#define G_LOG_DOMAIN "standpoint-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sp-board-render.h"
#include "sp-cli.h"
#include "sp-comparison.h"
#include "sp-date.h"
#include "sp-importer.h"
#include "sp-library.h"

typedef struct {
  const char         *name;
  const char         *parameters;
  const char         *summary;
  int               (*run) (const char *db_path, int argc, char **argv);
  const GOptionEntry *options;   /* the command's own, or NULL */
} Command;

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s\n", message);
}

static SpLibrary *
open_library (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  SpLibrary *library;

  if (db_path == NULL)
    db_path = default_path = sp_library_get_default_path ();

  library = sp_library_open (db_path, &error);
  if (library == NULL)
    {
      print_error ("%s", error->message);

      if (g_error_matches (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_CORRUPT))
        {
          g_autofree char *quoted = g_shell_quote (db_path);
          g_autofree char *command = NULL;

          if (default_path != NULL)
            command = g_strdup ("standpoint-cli set-aside");
          else
            command = g_strdup_printf ("standpoint-cli --db %s set-aside", quoted);

          /* Translators: %s is a command line */
          print_error (_("To keep it and start a new library in its place, run “%s”; "
                         "or use --db to work with another library."), command);
        }
    }

  return library;
}

static void
show_fraction (SpImporter *importer)
{
  g_printerr ("\r%s: %3.0f%%", sp_importer_get_display_name (importer),
              100.0 * sp_importer_get_fraction (importer));
}

static gboolean
import_file (SpLibrary  *library,
             const char *path,
             gboolean    validate_only)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(SpImporter) importer = sp_importer_new (library, file);
  g_autoptr(GError) error = NULL;
  const char *name = sp_importer_get_display_name (importer);
  gboolean progress = isatty (STDERR_FILENO) && !validate_only;
  gboolean ok;

  if (progress)
    g_signal_connect (importer, "notify::fraction", G_CALLBACK (show_fraction), NULL);

  ok = sp_importer_run (importer, NULL, &error);

  if (progress)
    g_printerr ("\r\033[K");

  if (!ok)
    {
      GPtrArray *problems = sp_importer_get_problems (importer);

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = sp_problem_to_string (g_ptr_array_index (problems, i), name);

          print_error ("%s", line);
        }

      if (g_error_matches (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_INVALID))
        print_error ("%s", error->message);
      else
        print_error ("%s: %s", name, error->message);

      return FALSE;
    }

  if (validate_only)
    {
      guint records = sp_importer_get_count (importer, SP_IMPORT_ADDED) +
                      sp_importer_get_count (importer, SP_IMPORT_RETRACTED);

      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%s: valid, dataset “%s” with %'u record\n",
                            "%s: valid, dataset “%s” with %'u records\n",
                            records),
               name, sp_importer_get_dataset_id (importer), records);
    }
  else
    {
      /* Translators: the counts of records an import added, updated, left unchanged and retracted */
      g_print (_("%s: dataset “%s”: %'u added, %'u updated, %'u unchanged, %'u retracted\n"),
               name, sp_importer_get_dataset_id (importer),
               sp_importer_get_count (importer, SP_IMPORT_ADDED),
               sp_importer_get_count (importer, SP_IMPORT_UPDATED),
               sp_importer_get_count (importer, SP_IMPORT_UNCHANGED),
               sp_importer_get_count (importer, SP_IMPORT_RETRACTED));
    }

  return TRUE;
}

static int
run_import (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autoptr(SpLibrary) library = NULL;
  int status = SP_CLI_EXIT_OK;

  if (argc < 1)
    return SP_CLI_EXIT_USAGE;

  if ((library = open_library (db_path)) == NULL)
    return SP_CLI_EXIT_FAILED;

  for (int i = 0; i < argc; i++)
    if (!import_file (library, argv[i], FALSE))
      status = SP_CLI_EXIT_FAILED;

  return status;
}

static int
run_validate (const char  *db_path,
              int          argc,
              char       **argv)
{
  int status = SP_CLI_EXIT_OK;

  if (argc < 1)
    return SP_CLI_EXIT_USAGE;

  /* Each file is imported into a library of its own in memory, so nothing
   * is written anywhere and every check of a real import runs. */
  for (int i = 0; i < argc; i++)
    {
      g_autoptr(SpLibrary) library = open_library (":memory:");

      if (library == NULL || !import_file (library, argv[i], TRUE))
        status = SP_CLI_EXIT_FAILED;
    }

  return status;
}

static int
run_list (const char  *db_path,
          int          argc,
          char       **argv)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 0)
    return SP_CLI_EXIT_USAGE;

  if ((library = open_library (db_path)) == NULL)
    return SP_CLI_EXIT_FAILED;

  datasets = sp_library_list_datasets (library, &error);
  if (datasets == NULL)
    {
      print_error ("%s", error->message);
      return SP_CLI_EXIT_FAILED;
    }

  if (datasets->len == 0)
    g_print (_("The library %s holds no datasets.\n"), sp_library_get_path (library));

  for (guint i = 0; i < datasets->len; i++)
    {
      SpDatasetInfo *info = g_ptr_array_index (datasets, i);
      g_autoptr(GDateTime) imported = g_date_time_new_from_unix_local (info->imported_at);
      g_autofree char *when = g_date_time_format (imported, "%Y-%m-%d %H:%M");

      g_print ("%s\t%s\n", info->id, info->title);
      g_print (_("\t%'u sources, %'u actors, %'u offices, %'u topics, %'u events, %'u statements\n"),
               info->counts[SP_RECORD_SOURCE], info->counts[SP_RECORD_ACTOR],
               info->counts[SP_RECORD_OFFICE], info->counts[SP_RECORD_TOPIC],
               info->counts[SP_RECORD_EVENT], info->counts[SP_RECORD_STATEMENT]);
      /* Translators: the first %s is a date and time, the second a file */
      g_print (_("\timported %s from %s\n"), when, info->file ? info->file : "-");
    }

  return SP_CLI_EXIT_OK;
}

static int
run_remove (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return SP_CLI_EXIT_USAGE;

  if ((library = open_library (db_path)) == NULL)
    return SP_CLI_EXIT_FAILED;

  if (!sp_library_remove_dataset (library, argv[0], &error))
    {
      print_error ("%s", error->message);
      return SP_CLI_EXIT_FAILED;
    }

  g_print (_("Removed dataset “%s”.\n"), argv[0]);
  return SP_CLI_EXIT_OK;
}

/* A process runs one command, so its options can live here. */
static struct {
  char *sides;
  char *topics;
  char *as_of;
  int   scale;
  char *output;
} export_options;

static const GOptionEntry export_entries[] = {
  { "sides", 0, 0, G_OPTION_ARG_STRING, &export_options.sides,
    N_("The 2 to 4 sides to compare: actor ids from the library, separated by commas"), N_("SIDE,SIDE[,…]") },
  { "topics", 0, 0, G_OPTION_ARG_STRING, &export_options.topics,
    N_("Only these topics, by id (default: every topic a side has spoken on)"), N_("TOPIC,…") },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, &export_options.as_of,
    N_("Compare as of the end of DATE, written as in datasets: 2025-02-12, 2025-02 "
       "(default: the latest statement in the library)"), N_("DATE") },
  { "scale", 0, 0, G_OPTION_ARG_INT, &export_options.scale,
    N_("1 for normal size, 2 for double size (default: 1)"), "1|2" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &export_options.output,
    N_("Write the picture to FILE.png"), N_("FILE.png") },
  { NULL }
};

/* "a, b,c" as a list of ids; NULL if one is empty. */
static char **
split_ids (const char *text)
{
  g_auto(GStrv) ids = g_strsplit (text, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strstrip (ids[i])[0] == '\0')
      return NULL;

  return g_steal_pointer (&ids);
}

/* The end of the latest statement's period: every statement in the library
 * counts, and the date is one where something was said. */
static gboolean
get_latest_statement_time (SpLibrary  *library,
                           gint64     *time,
                           GError    **error)
{
  sqlite3 *db = sp_library_get_db (library);
  sqlite3_stmt *statement = NULL;
  gboolean found = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT said_hi FROM statements ORDER BY said_lo DESC, said_hi LIMIT 1",
                          -1, &statement, NULL) != SQLITE_OK ||
      ((rc = sqlite3_step (statement)) != SQLITE_ROW && rc != SQLITE_DONE))
    {
      sp_library_set_error (library, error);
      sqlite3_finalize (statement);
      return FALSE;
    }

  if (rc == SQLITE_ROW)
    {
      *time = sqlite3_column_int64 (statement, 0) - 1;
      found = TRUE;
    }
  sqlite3_finalize (statement);

  if (!found)
    g_set_error_literal (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                         _("The library holds no statements; import a dataset first"));

  return found;
}

static int
run_export_png (const char  *db_path,
                int          argc,
                char       **argv)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(SpComparison) comparison = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sides = NULL;
  g_auto(GStrv) topics = NULL;
  int scale = export_options.scale != 0 ? export_options.scale : 1;
  gint64 as_of = 0;
  guint n_sides;

  if (argc != 0)
    return SP_CLI_EXIT_USAGE;

  if (export_options.sides == NULL || (sides = split_ids (export_options.sides)) == NULL ||
      (n_sides = g_strv_length (sides)) < 2 || n_sides > SP_COMPARISON_MAX_SIDES)
    {
      print_error (_("standpoint-cli export-png: --sides takes 2 to 4 actor ids, separated by commas"));
      return SP_CLI_EXIT_USAGE;
    }

  if (export_options.topics != NULL && (topics = split_ids (export_options.topics)) == NULL)
    {
      print_error (_("standpoint-cli export-png: --topics takes topic ids, separated by commas"));
      return SP_CLI_EXIT_USAGE;
    }

  if (scale != 1 && scale != 2)
    {
      print_error (_("standpoint-cli export-png: --scale is 1 or 2"));
      return SP_CLI_EXIT_USAGE;
    }

  if (export_options.output == NULL)
    {
      print_error (_("standpoint-cli export-png: -o FILE.png is required"));
      return SP_CLI_EXIT_USAGE;
    }

  if (export_options.as_of != NULL)
    {
      SpDate date;

      if (!sp_date_parse (export_options.as_of, -1, &date, &error))
        {
          print_error (_("standpoint-cli export-png: --as-of: %s"), error->message);
          return SP_CLI_EXIT_USAGE;
        }
      as_of = date.hi - 1;
    }

  if ((library = open_library (db_path)) == NULL)
    return SP_CLI_EXIT_FAILED;

  if (export_options.as_of == NULL && !get_latest_statement_time (library, &as_of, &error))
    {
      print_error ("%s", error->message);
      return SP_CLI_EXIT_FAILED;
    }

  comparison = sp_comparison_new (library, (const char * const *)sides, (const char * const *)topics,
                                  as_of, G_MININT64, &error);
  if (comparison == NULL)
    {
      print_error ("%s", error->message);
      return SP_CLI_EXIT_FAILED;
    }

  file = g_file_new_for_commandline_arg (export_options.output);
  if (!sp_export_board_png (comparison, NULL, scale, file, &error))
    {
      print_error ("%s: %s", export_options.output, error->message);
      return SP_CLI_EXIT_FAILED;
    }

  g_print (_("Wrote %s\n"), export_options.output);
  return SP_CLI_EXIT_OK;
}

/* Only a library that cannot be opened because of damage is moved:
 * anything else would hide a library that works. */
static int
run_set_aside (const char  *db_path,
               int          argc,
               char       **argv)
{
  g_autoptr(SpLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *aside = NULL;

  if (argc != 0)
    return SP_CLI_EXIT_USAGE;

  if (db_path == NULL)
    db_path = default_path = sp_library_get_default_path ();

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      print_error (_("There is no library at %s"), db_path);
      return SP_CLI_EXIT_FAILED;
    }

  library = sp_library_open_full (db_path, SP_LIBRARY_OPEN_READ_ONLY, NULL, &error);
  if (library != NULL)
    {
      print_error (_("The library %s is not damaged; it was left where it is."), db_path);
      return SP_CLI_EXIT_FAILED;
    }

  if (!g_error_matches (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_CORRUPT))
    {
      print_error ("%s", error->message);
      return SP_CLI_EXIT_FAILED;
    }
  g_clear_error (&error);

  aside = sp_library_set_aside (db_path, &error);
  if (aside == NULL)
    {
      print_error ("%s", error->message);
      return SP_CLI_EXIT_FAILED;
    }
  g_print (_("Moved the damaged library to %s.\n"), aside);

  library = sp_library_open (db_path, &error);
  if (library == NULL)
    {
      print_error ("%s", error->message);
      return SP_CLI_EXIT_FAILED;
    }
  g_print (_("Started a new library at %s.\n"), db_path);

  return SP_CLI_EXIT_OK;
}

static const Command commands[] = {
  { "import", N_("FILE…"), N_("Import datasets into the library"), run_import },
  { "validate", N_("FILE…"), N_("Check datasets without writing anything"), run_validate },
  { "list", "", N_("List the datasets in the library with their counts"), run_list },
  { "remove", N_("DATASET-ID"), N_("Remove a dataset and the records only it brought"), run_remove },
  { "set-aside", "", N_("Keep a damaged library aside and start a new one"), run_set_aside },
  { "export-png", N_("--sides SIDE,SIDE[,…] -o FILE.png"),
    N_("Draw a comparison board as a PNG picture, with its sources"), run_export_png, export_entries },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].parameters));

      g_string_append_printf (text, "\n  %-22s %s", usage, _(commands[i].summary));
    }

  g_string_append_printf (text, "\n\n%s",
                          _("Exit status: 0 on success, 1 on invalid input or a failed "
                            "command, 2 on a usage error."));

  return g_string_free (text, FALSE);
}

int
sp_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) args = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use the library at PATH instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };
  const Command *command = NULL;
  int n_args;
  int status;

  g_set_prgname ("standpoint-cli");

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Work with a Standpoint library without a display."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_error ("standpoint-cli: %s", error->message);
      return SP_CLI_EXIT_USAGE;
    }

  if (version)
    {
      g_print ("standpoint-cli %s\n", PACKAGE_VERSION);
      return SP_CLI_EXIT_OK;
    }

  n_args = g_strv_length (args);
  if (n_args < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return SP_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (args[1], commands[i].name) == 0)
      command = &commands[i];

  if (command == NULL)
    {
      print_error (_("standpoint-cli: unknown command “%s”; try --help"), args[1]);
      return SP_CLI_EXIT_USAGE;
    }

  /* The command's own options, --help included. */
  {
    g_autoptr(GOptionContext) command_context = NULL;
    g_autofree char *parameters = g_strdup_printf ("%s %s", command->name, _(command->parameters));
    g_auto(GStrv) command_args = g_strdupv (args + 1);

    command_context = g_option_context_new (parameters);
    g_option_context_set_summary (command_context, _(command->summary));
    g_option_context_add_main_entries (command_context,
                                       command->options != NULL ? command->options : (const GOptionEntry[]) { { NULL } },
                                       GETTEXT_PACKAGE);

    /* The command name stands where parsing expects the program name. */
    if (!g_option_context_parse_strv (command_context, &command_args, &error))
      {
        print_error ("standpoint-cli %s: %s", command->name, error->message);
        return SP_CLI_EXIT_USAGE;
      }

    status = command->run (db_path, g_strv_length (command_args) - 1, command_args + 1);
    if (status == SP_CLI_EXIT_USAGE)
      {
        g_autofree char *help = g_option_context_get_help (command_context, TRUE, NULL);

        g_printerr ("%s", help);
      }
  }

  return status;
}
