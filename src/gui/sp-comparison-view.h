#pragma once

#include <gtk/gtk.h>

#include "sp-comparison.h"
#include "sp-library.h"
#include "sp-view-state.h"

G_BEGIN_DECLS

#define SP_TYPE_COMPARISON_VIEW (sp_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (SpComparisonView, sp_comparison_view, SP, COMPARISON_VIEW, GtkWidget)

GtkWidget          *sp_comparison_view_new (SpViewState *state);
void                sp_comparison_view_set_library (SpComparisonView *self,
                                                    SpLibrary        *library);
/* NULL while loading or when fewer than two sides are chosen. */
const SpComparison *sp_comparison_view_get_comparison (SpComparisonView *self);
char               *sp_comparison_view_get_default_file_name (SpComparisonView *self);
gboolean            sp_comparison_view_export (SpComparisonView  *self,
                                               GFile             *file,
                                               int                scale,
                                               GError           **error);

G_END_DECLS
