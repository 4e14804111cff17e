#include "config.h"

#include "sp-i18n.h"
#include "sp-cli.h"

int
main (int   argc,
      char *argv[])
{
  sp_i18n_init ();

  return sp_cli_run (argc, argv);
}
