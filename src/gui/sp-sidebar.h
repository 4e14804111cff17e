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
/* Whether the library is still being read, or rows are still to be made:
 * after sp_sidebar_reload() they come a batch a frame while the sidebar
 * is shown. */
gboolean   sp_sidebar_get_loading (SpSidebar *self);

G_END_DECLS
