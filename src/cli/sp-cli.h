#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of standpoint-cli. */
enum {
  SP_CLI_EXIT_OK = 0,
  SP_CLI_EXIT_FAILED = 1,
  SP_CLI_EXIT_USAGE = 2,
};

int sp_cli_run (int    argc,
                char **argv);

G_END_DECLS
