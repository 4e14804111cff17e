#include "config.h"

#include "sp-library.h"
#include "sp-test-util.h"
#include "sp-timeline-index.h"

/* An index of the first lanes is the whole index cut after its lanes: the
 * same lanes, items, tracks, offices and marks, for every grouping and
 * filter, and as few lanes as hold the rows asked for. */

/* The bundled dataset (countries, an organization, persons with and
 * without a country, events, offices) and 40 generated speakers on 20
 * topics. */
static void
fixture_set_up (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autofree char *generated = NULL;

  sp_test_library_set_up (fixture, data);
  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  generated = sp_test_write_dataset (fixture->dir, "gen", 1200);
  sp_test_import (fixture->library, generated);
}

static void
fixture_tear_down (SpTestLibrary *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->library);
  sp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_same_lane (SpTimelineIndex *first,
                  SpTimelineIndex *all,
                  guint            lane)
{
  const SpLane *a = sp_timeline_index_get_lane (first, lane);
  const SpLane *b = sp_timeline_index_get_lane (all, lane);
  g_autoptr(GArray) bands_a = g_array_new (FALSE, FALSE, sizeof (SpOfficeBand));
  g_autoptr(GArray) bands_b = g_array_new (FALSE, FALSE, sizeof (SpOfficeBand));
  g_autoptr(GArray) marks_a = g_array_new (FALSE, FALSE, sizeof (SpTimelineMark));
  g_autoptr(GArray) marks_b = g_array_new (FALSE, FALSE, sizeof (SpTimelineMark));
  gint64 lo, hi;

  g_assert_true (sp_timeline_index_get_bounds (all, &lo, &hi));
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->label, ==, b->label);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->actor_kind, ==, b->actor_kind);
  g_assert_cmpuint (a->n_items, ==, b->n_items);
  g_assert_cmpuint (a->n_tracks, ==, b->n_tracks);
  for (guint t = 0; t < a->n_tracks; t++)
    {
      g_autoptr(GArray) segments_a = g_array_new (FALSE, FALSE, sizeof (SpStanceSegment));
      g_autoptr(GArray) segments_b = g_array_new (FALSE, FALSE, sizeof (SpStanceSegment));

      g_assert_cmpstr (a->track_labels[t], ==, b->track_labels[t]);
      sp_timeline_index_query_track (first, lane, t, lo, hi, 86400, segments_a);
      sp_timeline_index_query_track (all, lane, t, lo, hi, 86400, segments_b);
      g_assert_cmpuint (segments_a->len, ==, segments_b->len);
      g_assert_cmpmem (segments_a->data, segments_a->len * sizeof (SpStanceSegment),
                       segments_b->data, segments_b->len * sizeof (SpStanceSegment));
    }

  sp_timeline_index_query_offices (first, lane, lo, hi, bands_a);
  sp_timeline_index_query_offices (all, lane, lo, hi, bands_b);
  g_assert_cmpuint (bands_a->len, ==, bands_b->len);
  for (guint i = 0; i < bands_a->len; i++)
    {
      const SpOfficeBand *x = &g_array_index (bands_a, SpOfficeBand, i);
      const SpOfficeBand *y = &g_array_index (bands_b, SpOfficeBand, i);

      g_assert_cmpint (x->pk, ==, y->pk);
      g_assert_cmpint (x->lo, ==, y->lo);
      g_assert_cmpint (x->hi, ==, y->hi);
      g_assert_cmpstr (x->title, ==, y->title);
    }

  /* Marks name items by index, so these compare the items' places too. */
  for (gint64 bucket = 3600; bucket <= 30 * 86400; bucket *= 24)
    {
      g_array_set_size (marks_a, 0);
      g_array_set_size (marks_b, 0);
      sp_timeline_index_query (first, lane, lo, hi, bucket, marks_a);
      sp_timeline_index_query (all, lane, lo, hi, bucket, marks_b);
      g_assert_cmpuint (marks_a->len, ==, marks_b->len);
      g_assert_cmpmem (marks_a->data, marks_a->len * sizeof (SpTimelineMark),
                       marks_b->data, marks_b->len * sizeof (SpTimelineMark));
    }
}

/* @first against @all: its lanes are the first of @all and whole, and it
 * stops at the first lane that makes @n_rows rows, or at the last lane. */
static void
assert_first_lanes (SpTimelineIndex *first,
                    SpTimelineIndex *all,
                    guint            n_rows)
{
  guint n_lanes = sp_timeline_index_get_n_lanes (first);
  guint n_items = 0;
  guint rows = 0;
  guint rows_before_last = 0;

  g_assert_true (sp_timeline_index_is_complete (all));
  g_assert_cmpuint (n_lanes, <=, sp_timeline_index_get_n_lanes (all));
  g_assert_cmpint (sp_timeline_index_is_complete (first), ==, n_lanes == sp_timeline_index_get_n_lanes (all));

  for (guint lane = 0; lane < n_lanes; lane++)
    {
      const SpLane *info = sp_timeline_index_get_lane (first, lane);

      assert_same_lane (first, all, lane);
      n_items += info->n_items;
      if (info->kind != SP_LANE_EVENTS)
        {
          rows_before_last = rows;
          rows += 1 + info->n_tracks;
        }
    }

  if (!sp_timeline_index_is_complete (first))
    {
      g_assert_cmpuint (rows, >=, n_rows);
      g_assert_cmpuint (rows_before_last, <, n_rows);
    }

  g_assert_cmpuint (sp_timeline_index_get_n_items (first), ==, n_items);
  for (guint i = 0; i < sp_timeline_index_get_n_items (all); i++)
    {
      const SpTimelineItem *item = sp_timeline_index_get_item (all, i);
      guint found = sp_timeline_index_find_item (first, item->kind, item->pk);

      if (i < n_items)
        {
          g_assert_cmpuint (found, ==, i);
          g_assert_cmpmem (item, sizeof *item, sp_timeline_index_get_item (first, i), sizeof *item);
        }
      else
        g_assert_cmpuint (found, ==, G_MAXUINT);
    }
}

static void
check_filter (SpTestLibrary  *fixture,
              const SpFilter *filter)
{
  static const guint sizes[] = { 1, 2, 3, 5, 8, 21, 55, 144, 10000 };

  for (SpGrouping grouping = SP_GROUPING_ACTOR; grouping <= SP_GROUPING_TOPIC; grouping++)
    {
      g_autoptr(SpTimelineIndex) all = NULL;
      g_autoptr(GError) error = NULL;
      gboolean seen_partial = FALSE;

      all = sp_timeline_index_new (fixture->library, grouping, filter, NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(SpTimelineIndex) first = NULL;

          g_test_message ("grouping %d, %u rows", grouping, sizes[i]);
          first = sp_timeline_index_new_first_lanes (fixture->library, grouping, filter, sizes[i], NULL, &error);
          g_assert_no_error (error);
          assert_first_lanes (first, all, sizes[i]);
          seen_partial |= !sp_timeline_index_is_complete (first);
        }

      /* The largest asks for more rows than there are. */
      g_assert_true (seen_partial || sp_timeline_index_get_n_lanes (all) <= 2);
    }
}

static void
test_everything (SpTestLibrary *fixture,
                 gconstpointer  data)
{
  check_filter (fixture, NULL);
}

static void
test_filters (SpTestLibrary *fixture,
              gconstpointer  data)
{
  const char *actors[] = { "gen-a7", "gen-a31", "pete-hegseth", "john-healey", NULL };
  const char *topics[] = { "gen-t3", "gen-t11", "ukraine-nato-membership", NULL };
  const char *datasets[] = { "gen", NULL };
  g_autoptr(SpFilter) filter = sp_filter_new ();

  filter->stances = 1u << SP_STANCE_SUPPORT | 1u << SP_STANCE_MIXED;
  check_filter (fixture, filter);
  filter->stances = 0;

  filter->actor_ids = g_strdupv ((char **)actors);
  check_filter (fixture, filter);
  g_clear_pointer (&filter->actor_ids, g_strfreev);

  filter->topic_ids = g_strdupv ((char **)topics);
  check_filter (fixture, filter);
  g_clear_pointer (&filter->topic_ids, g_strfreev);

  filter->dataset_ids = g_strdupv ((char **)datasets);
  check_filter (fixture, filter);
  g_clear_pointer (&filter->dataset_ids, g_strfreev);

  filter->search = g_strdup ("topic");
  check_filter (fixture, filter);
}

static void
built (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_async (SpTestLibrary *fixture,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SpTimelineIndex) first = NULL;
  g_autoptr(SpTimelineIndex) all = NULL;
  g_autoptr(GError) error = NULL;

  sp_timeline_index_new_first_lanes_async (fixture->library, SP_GROUPING_ACTOR, NULL, 30, NULL,
                                           built, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  first = sp_timeline_index_new_finish (result, &error);
  g_assert_no_error (error);
  all = sp_timeline_index_new (fixture->library, SP_GROUPING_ACTOR, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (sp_timeline_index_is_complete (first));
  assert_first_lanes (first, all, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/timeline-index/first-lanes/everything", SpTestLibrary, NULL,
              fixture_set_up, test_everything, fixture_tear_down);
  g_test_add ("/timeline-index/first-lanes/filters", SpTestLibrary, NULL,
              fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/timeline-index/first-lanes/async", SpTestLibrary, NULL,
              fixture_set_up, test_async, fixture_tear_down);

  return g_test_run ();
}
