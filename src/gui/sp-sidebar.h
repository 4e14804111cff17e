#pragma once

#include <gtk/gtk.h>

#include "sp-library.h"
#include "sp-view-state.h"

G_BEGIN_DECLS

#define SP_TYPE_SIDEBAR (sp_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SpSidebar, sp_sidebar, SP, SIDEBAR, GtkWidget)

GtkWidget *sp_sidebar_new (SpViewState *state);
void       sp_sidebar_reload (SpSidebar *self,
                              SpLibrary *library);
void       sp_sidebar_focus_search (SpSidebar *self);

G_END_DECLS
