#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SP_TYPE_TIMELINE_LEGEND (sp_timeline_legend_get_type ())

G_DECLARE_FINAL_TYPE (SpTimelineLegend, sp_timeline_legend, SP, TIMELINE_LEGEND, GtkWidget)

GtkWidget *sp_timeline_legend_new (void);

G_END_DECLS
