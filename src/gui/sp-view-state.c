#define G_LOG_DOMAIN "standpoint-view-state"

#include "config.h"

#include "sp-view-state.h"

struct _SpViewState
{
  GObject     parent_instance;

  SpGrouping  grouping;
  SpFilter   *filter;
  gint64      span_lo;
  gint64      span_hi;
  SpItemKind  selection_kind;
  gint64      selection_pk;
  GStrv       sides;
  GStrv       topics;
  gint64      as_of;
};

G_DEFINE_FINAL_TYPE (SpViewState, sp_view_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GROUPING,
  PROP_FILTER,
  PROP_SPAN_LO,
  PROP_SPAN_HI,
  PROP_SELECTION_KIND,
  PROP_SELECTION_PK,
  PROP_SIDES,
  PROP_TOPICS,
  PROP_AS_OF,
  N_PROPS
};

enum {
  LIBRARY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sp_view_state_finalize (GObject *object)
{
  SpViewState *self = (SpViewState *)object;

  sp_filter_free (self->filter);
  g_strfreev (self->sides);
  g_strfreev (self->topics);

  G_OBJECT_CLASS (sp_view_state_parent_class)->finalize (object);
}

static void
sp_view_state_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SpViewState *self = SP_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_GROUPING:
      g_value_set_int (value, self->grouping);
      break;

    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;

    case PROP_SPAN_LO:
      g_value_set_int64 (value, self->span_lo);
      break;

    case PROP_SPAN_HI:
      g_value_set_int64 (value, self->span_hi);
      break;

    case PROP_SELECTION_KIND:
      g_value_set_int (value, self->selection_kind);
      break;

    case PROP_SELECTION_PK:
      g_value_set_int64 (value, self->selection_pk);
      break;

    case PROP_SIDES:
      g_value_set_boxed (value, self->sides);
      break;

    case PROP_TOPICS:
      g_value_set_boxed (value, self->topics);
      break;

    case PROP_AS_OF:
      g_value_set_int64 (value, self->as_of);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_view_state_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SpViewState *self = SP_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_GROUPING:
      sp_view_state_set_grouping (self, g_value_get_int (value));
      break;

    case PROP_FILTER:
      sp_view_state_set_filter (self, g_value_get_boxed (value));
      break;

    case PROP_SPAN_LO:
      sp_view_state_set_span (self, g_value_get_int64 (value), self->span_hi);
      break;

    case PROP_SPAN_HI:
      sp_view_state_set_span (self, self->span_lo, g_value_get_int64 (value));
      break;

    case PROP_SIDES:
      sp_view_state_set_sides (self, g_value_get_boxed (value));
      break;

    case PROP_TOPICS:
      sp_view_state_set_topics (self, g_value_get_boxed (value));
      break;

    case PROP_AS_OF:
      sp_view_state_set_as_of (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_view_state_class_init (SpViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_view_state_finalize;
  object_class->get_property = sp_view_state_get_property;
  object_class->set_property = sp_view_state_set_property;

  /* An SpGrouping. */
  properties[PROP_GROUPING] =
    g_param_spec_int ("grouping", NULL, NULL,
                      SP_GROUPING_ACTOR, SP_GROUPING_TOPIC, SP_GROUPING_ACTOR,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL,
                        SP_TYPE_FILTER,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SPAN_LO] =
    g_param_spec_int64 ("span-lo", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SPAN_HI] =
    g_param_spec_int64 ("span-hi", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* An SpItemKind, 0 when nothing is selected. */
  properties[PROP_SELECTION_KIND] =
    g_param_spec_int ("selection-kind", NULL, NULL,
                      0, SP_ITEM_EVENT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SELECTION_PK] =
    g_param_spec_int64 ("selection-pk", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SIDES] =
    g_param_spec_boxed ("sides", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TOPICS] =
    g_param_spec_boxed ("topics", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AS_OF] =
    g_param_spec_int64 ("as-of", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LIBRARY_CHANGED] =
    g_signal_new ("library-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sp_view_state_init (SpViewState *self)
{
  self->filter = sp_filter_new ();
}

SpViewState *
sp_view_state_new (void)
{
  return g_object_new (SP_TYPE_VIEW_STATE, NULL);
}

SpGrouping
sp_view_state_get_grouping (SpViewState *self)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (self), SP_GROUPING_ACTOR);

  return self->grouping;
}

void
sp_view_state_set_grouping (SpViewState *self,
                            SpGrouping   grouping)
{
  g_return_if_fail (SP_IS_VIEW_STATE (self));
  g_return_if_fail (grouping <= SP_GROUPING_TOPIC);

  if (self->grouping == grouping)
    return;

  self->grouping = grouping;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPING]);
}

const SpFilter *
sp_view_state_get_filter (SpViewState *self)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (self), NULL);

  return self->filter;
}

void
sp_view_state_set_filter (SpViewState    *self,
                          const SpFilter *filter)
{
  g_return_if_fail (SP_IS_VIEW_STATE (self));

  if (filter == NULL)
    {
      g_autoptr(SpFilter) all = sp_filter_new ();

      sp_view_state_set_filter (self, all);
      return;
    }

  if (sp_filter_equal (self->filter, filter))
    return;

  sp_filter_free (self->filter);
  self->filter = sp_filter_copy (filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

void
sp_view_state_get_span (SpViewState *self,
                        gint64      *lo,
                        gint64      *hi)
{
  g_return_if_fail (SP_IS_VIEW_STATE (self));

  if (lo != NULL)
    *lo = self->span_lo;
  if (hi != NULL)
    *hi = self->span_hi;
}

void
sp_view_state_set_span (SpViewState *self,
                        gint64       lo,
                        gint64       hi)
{
  g_return_if_fail (SP_IS_VIEW_STATE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->span_lo != lo)
    {
      self->span_lo = lo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN_LO]);
    }
  if (self->span_hi != hi)
    {
      self->span_hi = hi;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN_HI]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

SpItemKind
sp_view_state_get_selection (SpViewState *self,
                             gint64      *pk)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (self), 0);

  if (pk != NULL)
    *pk = self->selection_pk;

  return self->selection_kind;
}

void
sp_view_state_set_selection (SpViewState *self,
                             SpItemKind   kind,
                             gint64       pk)
{
  g_return_if_fail (SP_IS_VIEW_STATE (self));

  if (kind == 0)
    pk = 0;

  if (self->selection_kind == kind && self->selection_pk == pk)
    return;

  /* Listeners read both through notify::selection-pk, which comes last. */
  g_object_freeze_notify (G_OBJECT (self));
  self->selection_kind = kind;
  self->selection_pk = pk;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_PK]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sp_view_state_library_changed (SpViewState *self)
{
  g_return_if_fail (SP_IS_VIEW_STATE (self));

  g_signal_emit (self, signals[LIBRARY_CHANGED], 0);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

const char * const *
sp_view_state_get_sides (SpViewState *self)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (self), NULL);

  return (const char * const *)self->sides;
}

void
sp_view_state_set_sides (SpViewState        *self,
                         const char * const *sides)
{
  GStrv copy;

  g_return_if_fail (SP_IS_VIEW_STATE (self));

  if (strv_equal ((const char * const *)self->sides, sides))
    return;

  /* Copy first: @sides may point into the list being replaced. */
  copy = g_strdupv ((char **)sides);
  g_strfreev (self->sides);
  self->sides = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDES]);
}

const char * const *
sp_view_state_get_topics (SpViewState *self)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (self), NULL);

  return (const char * const *)self->topics;
}

void
sp_view_state_set_topics (SpViewState        *self,
                          const char * const *topics)
{
  GStrv copy;

  g_return_if_fail (SP_IS_VIEW_STATE (self));

  if (strv_equal ((const char * const *)self->topics, topics))
    return;

  /* Copy first: @topics may point into the list being replaced. */
  copy = g_strdupv ((char **)topics);
  g_strfreev (self->topics);
  self->topics = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPICS]);
}

gint64
sp_view_state_get_as_of (SpViewState *self)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (self), 0);

  return self->as_of;
}

void
sp_view_state_set_as_of (SpViewState *self,
                         gint64       as_of)
{
  g_return_if_fail (SP_IS_VIEW_STATE (self));

  if (self->as_of == as_of)
    return;

  self->as_of = as_of;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}
