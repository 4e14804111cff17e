#pragma once

#include <adwaita.h>

#include "sp-application.h"
#include "sp-view-state.h"

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())

G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

SpWindow *sp_window_new (SpApplication *application);
void      sp_window_import (SpWindow *self,
                            GFile    *file);
void      sp_window_reload (SpWindow *self);
SpViewState *sp_window_get_view_state (SpWindow *self);

G_END_DECLS
