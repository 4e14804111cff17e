#pragma once

#include <gio/gio.h>

#include "sp-timeline-index.h"

G_BEGIN_DECLS

/* What the user is looking at, shared by the sidebar, the timeline, the
 * details pane (and later the comparison), so they stay in step: the
 * grouping and filter, the visible span of time, and the selection.
 * Persisted through GSettings by the window. */

#define SP_TYPE_VIEW_STATE (sp_view_state_get_type ())

G_DECLARE_FINAL_TYPE (SpViewState, sp_view_state, SP, VIEW_STATE, GObject)

SpViewState    *sp_view_state_new (void);

SpGrouping      sp_view_state_get_grouping (SpViewState *self);
void            sp_view_state_set_grouping (SpViewState *self,
                                            SpGrouping   grouping);

/* (transfer none) */
const SpFilter *sp_view_state_get_filter (SpViewState *self);
void            sp_view_state_set_filter (SpViewState    *self,
                                          const SpFilter *filter);

/* The visible span; both 0 until something sets it (the timeline then
 * fits its data). */
void            sp_view_state_get_span (SpViewState *self,
                                        gint64      *lo,
                                        gint64      *hi);
void            sp_view_state_set_span (SpViewState *self,
                                        gint64       lo,
                                        gint64       hi);

/* The selected statement or event; kind 0 when nothing is selected. */
SpItemKind      sp_view_state_get_selection (SpViewState *self,
                                             gint64      *pk);
void            sp_view_state_set_selection (SpViewState *self,
                                             SpItemKind   kind,
                                             gint64       pk);

/* The comparison: 2 to 4 side actor ids (NULL until chosen), the topics
 * (NULL for all where a side has a statement) and the as-of time (0 for
 * the latest statement in the library). */
const char * const *sp_view_state_get_sides (SpViewState *self);
void            sp_view_state_set_sides (SpViewState        *self,
                                         const char * const *sides);
const char * const *sp_view_state_get_topics (SpViewState *self);
void            sp_view_state_set_topics (SpViewState        *self,
                                          const char * const *topics);
gint64          sp_view_state_get_as_of (SpViewState *self);
void            sp_view_state_set_as_of (SpViewState *self,
                                         gint64       as_of);

/* Emitted after the library changed (an import or a removal), so views
 * reload what they show. */
void            sp_view_state_library_changed (SpViewState *self);

G_END_DECLS
