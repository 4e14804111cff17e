#pragma once

#include <gtk/gtk.h>

#include "sp-library.h"
#include "sp-view-state.h"

G_BEGIN_DECLS

#define SP_TYPE_TIMELINE_VIEW (sp_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (SpTimelineView, sp_timeline_view, SP, TIMELINE_VIEW, GtkWidget)

GtkWidget       *sp_timeline_view_new (SpViewState *state);
void             sp_timeline_view_set_library (SpTimelineView *self,
                                               SpLibrary      *library);
SpTimelineIndex *sp_timeline_view_get_index (SpTimelineView *self);
void             sp_timeline_view_zoom (SpTimelineView *self,
                                        double          factor);
void             sp_timeline_view_zoom_to_fit (SpTimelineView *self);
void             sp_timeline_view_zoom_to_selection (SpTimelineView *self);
char            *sp_timeline_view_get_default_file_name (SpTimelineView *self);
gboolean         sp_timeline_view_export (SpTimelineView  *self,
                                          GFile           *file,
                                          int              scale,
                                          GError         **error);

G_END_DECLS
