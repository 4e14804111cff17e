#include "config.h"

#include "sp-i18n.h"
#include "sp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpApplication) app = NULL;

  sp_i18n_init ();

  app = sp_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
