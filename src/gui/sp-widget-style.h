#pragma once

#include <gtk/gtk.h>

#include "sp-timeline-render.h"

G_BEGIN_DECLS

void sp_widget_style_fill  (GtkWidget     *widget,
                            SpRenderStyle *style);
void sp_widget_style_watch (GtkWidget     *widget,
                            GCallback      changed);

G_END_DECLS
