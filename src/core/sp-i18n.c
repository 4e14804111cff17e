#define G_LOG_DOMAIN "standpoint-i18n"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "sp-i18n.h"

/**
 * sp_i18n_init:
 *
 * Sets the locale from the environment and binds the message catalogs,
 * for both programs and the tests.  The catalogs come from the installed
 * prefix, or from STANDPOINT_LOCALEDIR when it is set, which lets
 * build-aux/run and the tests use the translations of the build tree.
 */
void
sp_i18n_init (void)
{
  const char *localedir = g_getenv ("STANDPOINT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
