#pragma once

#include <adwaita.h>

#include "sp-library.h"
#include "sp-timeline-index.h"

G_BEGIN_DECLS

#define SP_TYPE_DETAILS_PANE (sp_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (SpDetailsPane, sp_details_pane, SP, DETAILS_PANE, GtkWidget)

GtkWidget *sp_details_pane_new (void);
void       sp_details_pane_show (SpDetailsPane *self,
                                 SpLibrary     *library,
                                 SpItemKind     kind,
                                 gint64         pk);
void       sp_details_pane_clear (SpDetailsPane *self);

G_END_DECLS
