#pragma once

#include "sp-timeline-layout.h"

G_BEGIN_DECLS

/* The timeline as the user sees it (@viewport), with a title line and the
 * legend, as a PNG; @scale is 1 or 2.  Needs no display. */
gboolean sp_export_timeline_png (SpTimelineIndex   *index,
                                 const SpViewport  *viewport,
                                 const char        *title,
                                 int                scale,
                                 GFile             *file,
                                 GError           **error);

G_END_DECLS
