#define G_LOG_DOMAIN "standpoint-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sp-cli.h"
#include "sp-importer.h"
#include "sp-library.h"

typedef struct {
  const char *name;
  const char *parameters;
  const char *summary;
  int       (*run) (const char *db_path, int argc, char **argv);
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
    print_error ("%s", error->message);

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
                            "%s: valid, dataset “%s” with %u record\n",
                            "%s: valid, dataset “%s” with %u records\n",
                            records),
               name, sp_importer_get_dataset_id (importer), records);
    }
  else
    {
      /* Translators: the counts of records an import added, updated, left unchanged and retracted */
      g_print (_("%s: dataset “%s”: %u added, %u updated, %u unchanged, %u retracted\n"),
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
      g_print (_("\t%u sources, %u actors, %u offices, %u topics, %u events, %u statements\n"),
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

static const Command commands[] = {
  { "import", N_("FILE…"), N_("Import datasets into the library"), run_import },
  { "validate", N_("FILE…"), N_("Check datasets without writing anything"), run_validate },
  { "list", "", N_("List the datasets in the library with their counts"), run_list },
  { "remove", N_("DATASET-ID"), N_("Remove a dataset and the records only it brought"), run_remove },
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

  /* The command's own options, which for now are only --help. */
  {
    g_autoptr(GOptionContext) command_context = NULL;
    g_autofree char *parameters = g_strdup_printf ("%s %s", command->name, _(command->parameters));
    g_auto(GStrv) command_args = g_strdupv (args + 1);

    command_context = g_option_context_new (parameters);
    g_option_context_set_summary (command_context, _(command->summary));
    g_option_context_add_main_entries (command_context, (const GOptionEntry[]) { { NULL } }, GETTEXT_PACKAGE);

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
