#pragma once

#include <adwaita.h>

#include "sp-library.h"

G_BEGIN_DECLS

#define SP_TYPE_APPLICATION (sp_application_get_type ())

G_DECLARE_FINAL_TYPE (SpApplication, sp_application, SP, APPLICATION, AdwApplication)

SpApplication *sp_application_new (void);
SpLibrary     *sp_application_get_library (SpApplication  *self,
                                           GError        **error);

G_END_DECLS
