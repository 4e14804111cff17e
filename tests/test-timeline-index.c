#include "config.h"

#include <string.h>

#include "sp-date.h"
#include "sp-library.h"
#include "sp-test-util.h"
#include "sp-timeline-index.h"

#define HEADER(dataset) \
  "{\"format\": \"standpoint-dataset\", \"version\": 1,\n" \
  " \"dataset\": {\"id\": \"" dataset "\", \"title\": \"Test\"},\n" \
  " \"sources\": [{\"id\": \"src\", \"title\": \"An article\"}],\n"

#define STATEMENT(id, speaker, topic, stance, said, text) \
  "{\"id\": \"" id "\", \"speaker\": \"" speaker "\", \"topic\": \"" topic "\"," \
  " \"stance\": \"" stance "\", \"said\": \"" said "\", \"source\": \"src\", " text "}"

/* Two countries, an organization speaking as itself, persons with and
 * without a country, a person who holds an office but never speaks. */
#define ACTORS \
  " \"actors\": [" \
  "  {\"id\": \"us\", \"kind\": \"country\", \"name\": \"United States\"}," \
  "  {\"id\": \"uk\", \"kind\": \"country\", \"name\": \"United Kingdom\"}," \
  "  {\"id\": \"nato\", \"kind\": \"organization\", \"name\": \"NATO\"}," \
  "  {\"id\": \"pete\", \"kind\": \"person\", \"name\": \"Pete Hegseth\", \"country\": \"us\"}," \
  "  {\"id\": \"lloyd\", \"kind\": \"person\", \"name\": \"Lloyd Austin\", \"country\": \"us\"}," \
  "  {\"id\": \"john\", \"kind\": \"person\", \"name\": \"John Healey\", \"country\": \"uk\"}," \
  "  {\"id\": \"mark\", \"kind\": \"person\", \"name\": \"Mark Rutte\"}],\n"

#define TOPICS \
  " \"topics\": [" \
  "  {\"id\": \"membership\", \"label\": \"Membership\", \"proposition\": \"Ukraine should join NATO\"}," \
  "  {\"id\": \"spending\", \"label\": \"Spending\", \"proposition\": \"Allies should spend more\"}],\n"

#define OFFICES \
  " \"offices\": [" \
  "  {\"id\": \"pete-secdef\", \"holder\": \"pete\", \"title\": \"Secretary of Defense\", \"of\": \"us\"," \
  "   \"start\": \"2025-01-25\"}," \
  "  {\"id\": \"lloyd-secdef\", \"holder\": \"lloyd\", \"title\": \"Secretary of Defense\", \"of\": \"us\"," \
  "   \"start\": \"2021-01-22\", \"end\": \"2025-01-20\"}," \
  "  {\"id\": \"mark-sg\", \"holder\": \"mark\", \"title\": \"Secretary General\", \"of\": \"nato\"," \
  "   \"start\": \"2024-10-01\"}," \
  "  {\"id\": \"john-sos\", \"holder\": \"john\", \"title\": \"Secretary of State for Defence\", \"of\": \"uk\"," \
  "   \"start\": \"2024-07-05\"}],\n"

#define EVENTS \
  " \"events\": [" \
  "  {\"id\": \"e1\", \"title\": \"Contact Group meeting\", \"description\": \"In Brussels\"," \
  "   \"date\": \"2025-02-12\", \"participants\": [{\"actor\": \"john\", \"role\": \"chair\"}," \
  "   {\"actor\": \"pete\", \"role\": \"attendee\"}]}," \
  "  {\"id\": \"e2\", \"title\": \"Founding meeting\", \"date\": \"2022-04-26\"," \
  "   \"participants\": [{\"actor\": \"lloyd\", \"role\": \"chair\"}]}],\n"

#define STATEMENTS \
  " \"statements\": [" \
  STATEMENT ("s1", "pete", "membership", "support", "2025-01-30", "\"quote\": \"membership is possible\"") "," \
  STATEMENT ("s2", "pete", "membership", "oppose", "2025-02-12T10:00Z", "\"quote\": \"membership is unrealistic\"") "," \
  STATEMENT ("s3", "pete", "spending", "support", "2025-02-12T15:00Z", "\"paraphrase\": \"five percent of GDP\"") "," \
  STATEMENT ("s4", "john", "membership", "support", "2025-02-12", "\"paraphrase\": \"backs membership\"") "," \
  STATEMENT ("s5", "mark", "spending", "support", "2025-02", "\"paraphrase\": \"allies should contribute more\"") "," \
  STATEMENT ("s6", "us", "spending", "neutral", "2025-03-01", "\"paraphrase\": \"the official position\"") "," \
  STATEMENT ("s7", "nato", "membership", "unclear", "2025-02-20", "\"paraphrase\": \"the door stays open, near or far\"") \
  "]}"

#define CRAFTED HEADER ("test") ACTORS TOPICS OFFICES EVENTS STATEMENTS

/* Items of the crafted dataset in the actor grouping, lane by lane. */
enum {
  ITEM_E2, ITEM_E1, ITEM_S6, ITEM_S7, ITEM_S4, ITEM_S5, ITEM_S1, ITEM_S2, ITEM_S3,
};

static void
import_text (SpTestLibrary *fixture,
             const char    *contents)
{
  g_autofree char *path = sp_test_write_file (fixture->dir, "input.json", contents);

  sp_test_import (fixture->library, path);
}

static SpTimelineIndex *
new_index (SpTestLibrary  *fixture,
           SpGrouping      grouping,
           const SpFilter *filter)
{
  g_autoptr(GError) error = NULL;
  SpTimelineIndex *index;

  index = sp_timeline_index_new (fixture->library, grouping, filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (index);

  return index;
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

#define DAY G_GINT64_CONSTANT (86400)
#define HOUR G_GINT64_CONSTANT (3600)

/* The dataset id of an item's row. */
static char *
item_id (SpTestLibrary        *fixture,
         const SpTimelineItem *item)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE pk = %" G_GINT64_FORMAT,
                                          item->kind == SP_ITEM_STATEMENT ? "statements" : "events",
                                          item->pk);

  return sp_test_query_text (fixture->library, sql);
}

/* "label: id id id" per lane, lanes separated by " | ". */
static char *
describe_lanes (SpTestLibrary   *fixture,
                SpTimelineIndex *index)
{
  GString *text = g_string_new (NULL);
  guint item = 0;

  for (guint l = 0; l < sp_timeline_index_get_n_lanes (index); l++)
    {
      const SpLane *lane = sp_timeline_index_get_lane (index, l);

      g_string_append_printf (text, "%s%s:", l > 0 ? " | " : "", lane->label);
      for (guint i = 0; i < lane->n_items; i++, item++)
        {
          const SpTimelineItem *it = sp_timeline_index_get_item (index, item);
          g_autofree char *id = item_id (fixture, it);

          g_assert_cmpuint (it->lane, ==, l);
          g_string_append_printf (text, " %s", id);
        }
    }
  g_assert_cmpuint (item, ==, sp_timeline_index_get_n_items (index));

  return g_string_free (text, FALSE);
}

static char *
describe_tracks (const SpLane *lane)
{
  g_autofree char *joined = g_strjoinv ("|", lane->track_labels);

  g_assert_cmpuint (g_strv_length (lane->track_labels), ==, lane->n_tracks);
  return g_strdup_printf ("%u:%s", lane->n_tracks, joined);
}

static guint
find_lane (SpTimelineIndex *index,
           const char      *label)
{
  for (guint l = 0; l < sp_timeline_index_get_n_lanes (index); l++)
    if (g_strcmp0 (sp_timeline_index_get_lane (index, l)->label, label) == 0)
      return l;

  g_assert_not_reached ();
}

static char *
describe_filtered (SpTestLibrary  *fixture,
                   SpGrouping      grouping,
                   const SpFilter *filter)
{
  g_autoptr(SpTimelineIndex) index = new_index (fixture, grouping, filter);

  return describe_lanes (fixture, index);
}

static GArray *
query (SpTimelineIndex *index,
       guint            lane,
       gint64           lo,
       gint64           hi,
       gint64           bucket)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (SpTimelineMark));

  sp_timeline_index_query (index, lane, lo, hi, bucket, marks);
  return marks;
}

static void
assert_mark (const SpTimelineMark *mark,
             gint64                lo,
             gint64                hi,
             guint                 first,
             guint                 count,
             const guint           stance_counts[SP_STANCE_UNCLEAR + 1])
{
  g_assert_cmpint (mark->lo, ==, lo);
  g_assert_cmpint (mark->hi, ==, hi);
  g_assert_cmpuint (mark->first, ==, first);
  g_assert_cmpuint (mark->count, ==, count);
  for (guint s = 0; s <= SP_STANCE_UNCLEAR; s++)
    g_assert_cmpuint (mark->stance_counts[s], ==, stance_counts[s]);
}

/* Counts indexed by SpStance; [0] counts events. */
#define COUNTS(events, support, oppose, neutral, mixed, unclear) \
  ((const guint[]) { events, support, oppose, neutral, mixed, unclear })

static char *
lane_labels (SpTimelineIndex *index)
{
  GString *labels = g_string_new (NULL);

  for (guint l = 0; l < sp_timeline_index_get_n_lanes (index); l++)
    g_string_append_printf (labels, "%s%s", l > 0 ? "|" : "", sp_timeline_index_get_lane (index, l)->label);

  return g_string_free (labels, FALSE);
}

static guint
lane_first (SpTimelineIndex *index,
            guint            lane)
{
  guint first = 0;

  for (guint l = 0; l < lane; l++)
    first += sp_timeline_index_get_lane (index, l)->n_items;

  return first;
}

static void
test_filter_boxed (void)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  g_autoptr(SpFilter) copy = NULL;
  g_autoptr(SpFilter) empty = sp_filter_new ();
  const char *ids[] = { "pete", "john", NULL };
  const char *reversed[] = { "john", "pete", NULL };
  const char *none[] = { NULL };

  g_assert_null (filter->dataset_ids);
  g_assert_null (filter->search);
  g_assert_cmpuint (filter->stances, ==, 0);
  g_assert_true (sp_filter_equal (filter, empty));

  filter->actor_ids = g_strdupv ((char **)ids);
  filter->stances = 1 << SP_STANCE_OPPOSE;
  filter->search = g_strdup ("nato");
  copy = g_boxed_copy (SP_TYPE_FILTER, filter);
  g_assert_true (copy->actor_ids != filter->actor_ids);
  g_assert_true (sp_filter_equal (filter, copy));

  /* Lists compare by content, in order. */
  g_strfreev (copy->actor_ids);
  copy->actor_ids = g_strdupv ((char **)reversed);
  g_assert_false (sp_filter_equal (filter, copy));
  g_strfreev (copy->actor_ids);
  copy->actor_ids = g_strdupv ((char **)ids);
  g_assert_true (sp_filter_equal (filter, copy));

  /* NULL (everything) is not an empty list (nothing). */
  empty->topic_ids = g_strdupv ((char **)none);
  g_assert_false (sp_filter_equal (empty, filter));
  g_clear_pointer (&copy->topic_ids, g_strfreev);
  copy->topic_ids = g_strdupv ((char **)none);
  g_assert_false (sp_filter_equal (filter, copy));
  g_clear_pointer (&copy->topic_ids, g_strfreev);

  copy->stances = 1 << SP_STANCE_SUPPORT;
  g_assert_false (sp_filter_equal (filter, copy));
  copy->stances = filter->stances;
  g_free (copy->search);
  copy->search = g_strdup ("NATO");
  g_assert_false (sp_filter_equal (filter, copy));

  g_assert_true (G_TYPE_IS_BOXED (SP_TYPE_FILTER));
}

static void
test_lanes_actor (SpTestLibrary *fixture,
                  gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autofree char *lanes = NULL;
  const char *tracks[] = { NULL, "1:Spending", "1:Membership", "1:Membership", "1:Spending", "2:Membership|Spending" };
  const SpActorKind kinds[] = { 0, SP_ACTOR_COUNTRY, SP_ACTOR_ORGANIZATION, SP_ACTOR_PERSON, SP_ACTOR_PERSON, SP_ACTOR_PERSON };
  const char *ids[] = { NULL, "us", "nato", "john", "mark", "pete" };
  const guint item_tracks[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  g_assert_cmpint (sp_timeline_index_get_grouping (index), ==, SP_GROUPING_ACTOR);

  /* Events first; then countries, organizations and persons, each by
   * name; Lloyd Austin never speaks and has no lane. */
  lanes = describe_lanes (fixture, index);
  g_assert_cmpstr (lanes, ==,
                   "Events: e2 e1 | United States: s6 | NATO: s7 | John Healey: s4 | "
                   "Mark Rutte: s5 | Pete Hegseth: s1 s2 s3");

  for (guint l = 0; l < sp_timeline_index_get_n_lanes (index); l++)
    {
      const SpLane *lane = sp_timeline_index_get_lane (index, l);

      g_assert_cmpstr (lane->id, ==, ids[l]);
      g_assert_cmpint (lane->kind, ==, l == 0 ? SP_LANE_EVENTS : SP_LANE_ACTOR);
      if (l == 0)
        {
          g_assert_cmpuint (lane->n_tracks, ==, 0);
          continue;
        }
      g_assert_cmpint (lane->actor_kind, ==, kinds[l]);

      {
        g_autofree char *text = describe_tracks (lane);

        g_assert_cmpstr (text, ==, tracks[l]);
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (item_tracks); i++)
    {
      const SpTimelineItem *item = sp_timeline_index_get_item (index, i);

      g_assert_cmpuint (item->track, ==, item_tracks[i]);
      g_assert_cmpuint (item->kind, ==, i <= ITEM_E1 ? SP_ITEM_EVENT : SP_ITEM_STATEMENT);
    }

  /* What an item carries. */
  {
    const SpTimelineItem *s5 = sp_timeline_index_get_item (index, ITEM_S5);
    const SpTimelineItem *s2 = sp_timeline_index_get_item (index, ITEM_S2);
    const SpTimelineItem *e1 = sp_timeline_index_get_item (index, ITEM_E1);

    g_assert_cmpint (s5->lo, ==, utc (2025, 2, 1, 0, 0));
    g_assert_cmpint (s5->hi, ==, utc (2025, 3, 1, 0, 0));
    g_assert_cmpuint (s5->precision, ==, SP_DATE_PRECISION_MONTH);
    g_assert_cmpuint (s5->stance, ==, SP_STANCE_SUPPORT);
    g_assert_cmpuint (s5->lane, ==, 4);
    g_assert_cmpint (s2->lo, ==, utc (2025, 2, 12, 10, 0));
    g_assert_cmpint (s2->hi, ==, utc (2025, 2, 12, 10, 1));
    g_assert_cmpuint (s2->precision, ==, SP_DATE_PRECISION_MINUTE);
    g_assert_cmpuint (s2->stance, ==, SP_STANCE_OPPOSE);
    g_assert_cmpint (s2->pk, ==, sp_test_query_int (fixture->library, "SELECT pk FROM statements WHERE id = 's2'"));
    g_assert_cmpint (e1->lo, ==, utc (2025, 2, 12, 0, 0));
    g_assert_cmpint (e1->hi, ==, utc (2025, 2, 13, 0, 0));
    g_assert_cmpuint (e1->stance, ==, 0);
    g_assert_cmpuint (e1->precision, ==, SP_DATE_PRECISION_DAY);
  }
}

static void
test_lanes_country (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autofree char *lanes = NULL;
  g_autofree char *us_tracks = NULL;
  const SpLane *us;

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_COUNTRY, NULL);

  /* Persons speak in their country's lane; the country's own statement
   * joins them; an organization and a person without a country keep
   * lanes of their own. */
  lanes = describe_lanes (fixture, index);
  g_assert_cmpstr (lanes, ==,
                   "Events: e2 e1 | United Kingdom: s4 | United States: s1 s2 s3 s6 | NATO: s7 | Mark Rutte: s5");

  us = sp_timeline_index_get_lane (index, 2);
  g_assert_cmpstr (us->id, ==, "us");
  g_assert_cmpint (us->kind, ==, SP_LANE_ACTOR);
  g_assert_cmpint (us->actor_kind, ==, SP_ACTOR_COUNTRY);
  us_tracks = describe_tracks (us);
  g_assert_cmpstr (us_tracks, ==, "2:Membership|Spending");
  g_assert_cmpint (sp_timeline_index_get_lane (index, 4)->actor_kind, ==, SP_ACTOR_PERSON);
}

static void
test_lanes_topic (SpTestLibrary *fixture,
                  gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autofree char *lanes = NULL;
  g_autofree char *membership = NULL;
  g_autofree char *spending = NULL;

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_TOPIC, NULL);

  lanes = describe_lanes (fixture, index);
  g_assert_cmpstr (lanes, ==, "Events: e2 e1 | Membership: s1 s4 s2 s7 | Spending: s5 s3 s6");

  g_assert_cmpint (sp_timeline_index_get_lane (index, 1)->kind, ==, SP_LANE_TOPIC);
  g_assert_cmpstr (sp_timeline_index_get_lane (index, 1)->id, ==, "membership");

  /* A track per speaker, in the order of actor lanes. */
  membership = describe_tracks (sp_timeline_index_get_lane (index, 1));
  g_assert_cmpstr (membership, ==, "3:NATO|John Healey|Pete Hegseth");
  spending = describe_tracks (sp_timeline_index_get_lane (index, 2));
  g_assert_cmpstr (spending, ==, "3:United States|Mark Rutte|Pete Hegseth");

  /* s1 s4 s2 s7: Pete, John, Pete, NATO. */
  g_assert_cmpuint (sp_timeline_index_get_item (index, 2)->track, ==, 2);
  g_assert_cmpuint (sp_timeline_index_get_item (index, 3)->track, ==, 1);
  g_assert_cmpuint (sp_timeline_index_get_item (index, 4)->track, ==, 2);
  g_assert_cmpuint (sp_timeline_index_get_item (index, 5)->track, ==, 0);
}

static void
assert_bands (SpTimelineIndex *index,
              guint            lane,
              gint64           lo,
              gint64           hi,
              const char      *expected)
{
  g_autoptr(GArray) bands = g_array_new (FALSE, FALSE, sizeof (SpOfficeBand));
  g_autoptr(GString) text = g_string_new (NULL);

  sp_timeline_index_query_offices (index, lane, lo, hi, bands);
  for (guint i = 0; i < bands->len; i++)
    {
      const SpOfficeBand *band = &g_array_index (bands, SpOfficeBand, i);
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (band->lo);
      g_autofree char *start_text = g_date_time_format (start, "%F");
      g_autofree char *end_text = NULL;

      if (band->hi == G_MAXINT64)
        end_text = g_strdup ("-");
      else
        {
          g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (band->hi);

          end_text = g_date_time_format (end, "%F");
        }
      g_string_append_printf (text, "%s%s, %s of %s, %s..%s", i > 0 ? "; " : "",
                              band->holder, band->title, band->of, start_text, end_text);
    }

  g_assert_cmpstr (text->str, ==, expected);
}

static void
test_bundled (SpTestLibrary *fixture,
              gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) actors = NULL;
  g_autoptr(SpTimelineIndex) countries = NULL;
  g_autoptr(SpTimelineIndex) topics = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autofree char *hegseth_tracks = NULL;
  g_autofree char *actor_labels = NULL;
  g_autofree char *country_labels = NULL;
  g_autofree char *topic_labels = NULL;
  guint hegseth;
  guint us;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  actors = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  actor_labels = lane_labels (actors);
  g_assert_cmpstr (actor_labels, ==,
                   "Events|Unnamed European officials|Donald Trump|John Healey|Mark Rutte|"
                   "Matthew Miller|Pete Hegseth|Volodymyr Zelensky");
  g_assert_cmpuint (sp_timeline_index_get_n_items (actors), ==, 20);
  g_assert_cmpuint (sp_timeline_index_get_lane (actors, 0)->n_items, ==, 5);

  hegseth = find_lane (actors, "Pete Hegseth");
  g_assert_cmpuint (hegseth, ==, 6);
  g_assert_cmpuint (sp_timeline_index_get_lane (actors, hegseth)->n_items, ==, 8);
  hegseth_tracks = describe_tracks (sp_timeline_index_get_lane (actors, hegseth));
  g_assert_cmpstr (hegseth_tracks, ==,
                   "6:Defence spending target|Europe’s share of the defence burden|"
                   "New US military aid from US stockpiles|Previously approved US aid packages|"
                   "Ukraine’s NATO membership|Ukraine’s pre-2014 borders");
  assert_bands (actors, hegseth, G_MININT64, G_MAXINT64,
                "Pete Hegseth, Secretary of Defense of United States, 2025-01-25..-");
  assert_bands (actors, find_lane (actors, "Unnamed European officials"), G_MININT64, G_MAXINT64, "");

  /* All of Hegseth's statements are of 12 February: one mark a day wide,
   * four for and four against, however fine the bucket, as they share
   * their time. */
  marks = query (actors, hegseth, utc (2025, 1, 1, 0, 0), utc (2026, 1, 1, 0, 0), HOUR);
  g_assert_cmpuint (marks->len, ==, 1);
  assert_mark (&g_array_index (marks, SpTimelineMark, 0), utc (2025, 2, 12, 0, 0), utc (2025, 2, 13, 0, 0),
               lane_first (actors, hegseth), 8, COUNTS (0, 4, 4, 0, 0, 0));

  countries = new_index (fixture, SP_GROUPING_COUNTRY, NULL);
  country_labels = lane_labels (countries);
  g_assert_cmpstr (country_labels, ==, "Events|Ukraine|United Kingdom|United States|Unnamed European officials|Mark Rutte");

  us = find_lane (countries, "United States");
  g_assert_cmpuint (sp_timeline_index_get_lane (countries, us)->n_items, ==, 10);
  g_assert_cmpuint (sp_timeline_index_get_lane (countries, find_lane (countries, "United Kingdom"))->n_items, ==, 1);
  assert_bands (countries, us, G_MININT64, G_MAXINT64,
                "Donald Trump, President of United States, 2017-01-20..2021-01-21; "
                "Lloyd Austin, Secretary of Defense of United States, 2021-01-22..2025-01-21; "
                "Matthew Miller, Spokesperson for the Department of State of United States, 2023-04-24..2025-01-21; "
                "Donald Trump, President of United States, 2025-01-20..-; "
                "Pete Hegseth, Secretary of Defense of United States, 2025-01-25..-");
  assert_bands (countries, us, utc (2024, 1, 1, 0, 0), utc (2025, 1, 21, 0, 0),
                "Lloyd Austin, Secretary of Defense of United States, 2021-01-22..2025-01-21; "
                "Matthew Miller, Spokesperson for the Department of State of United States, 2023-04-24..2025-01-21; "
                "Donald Trump, President of United States, 2025-01-20..-");
  assert_bands (countries, find_lane (countries, "United Kingdom"), G_MININT64, G_MAXINT64,
                "John Healey, Secretary of State for Defence of United Kingdom, 2024-07-05..-");
  assert_bands (countries, find_lane (countries, "Mark Rutte"), G_MININT64, G_MAXINT64,
                "Mark Rutte, Secretary General of NATO, 2024-10-01..-");

  topics = new_index (fixture, SP_GROUPING_TOPIC, NULL);
  topic_labels = lane_labels (topics);
  g_assert_cmpstr (topic_labels, ==,
                   "Events|Defence spending target|Europe’s share of the defence burden|"
                   "Leadership of the Ukraine Defense Contact Group|New US military aid from US stockpiles|"
                   "Previously approved US aid packages|The new US approach to Ukraine and European security|"
                   "Ukraine’s NATO membership|Ukraine’s pre-2014 borders");
  for (guint l = 0; l < sp_timeline_index_get_n_lanes (topics); l++)
    assert_bands (topics, l, G_MININT64, G_MAXINT64, "");

  g_assert_cmpint (sp_timeline_index_get_lane (topics, 0)->kind, ==, SP_LANE_EVENTS);
  g_assert_null (sp_timeline_index_get_lane (topics, 0)->id);
}

static void
test_filter_datasets (SpTestLibrary *fixture,
                      gconstpointer  data)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char *other[] = { "other", NULL };
  const char *both[] = { "test", "other", NULL };
  const char *unknown[] = { "unknown", NULL };
  const char *none[] = { NULL };
  g_autofree char *lanes = NULL;

  import_text (fixture, CRAFTED);
  import_text (fixture,
               HEADER ("other") ACTORS TOPICS
               " \"events\": [{\"id\": \"e3\", \"title\": \"Summit\", \"date\": \"2025-06-24\"}],\n"
               " \"statements\": ["
               STATEMENT ("s8", "pete", "spending", "support", "2025-06-24", "\"quote\": \"five percent\"") "]}");

  filter->dataset_ids = g_strdupv ((char **)other);
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==, "Events: e3 | Pete Hegseth: s8");

  g_strfreev (filter->dataset_ids);
  filter->dataset_ids = g_strdupv ((char **)both);
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==,
                   "Events: e2 e1 e3 | United States: s6 | NATO: s7 | John Healey: s4 | "
                   "Mark Rutte: s5 | Pete Hegseth: s1 s2 s3 s8");

  g_strfreev (filter->dataset_ids);
  filter->dataset_ids = g_strdupv ((char **)unknown);
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==, "");

  g_strfreev (filter->dataset_ids);
  filter->dataset_ids = g_strdupv ((char **)none);
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==, "");
}

static void
test_filter_actors (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char *pete[] = { "pete", NULL };
  const char *lloyd[] = { "lloyd", NULL };
  const char *us_and_pete[] = { "us", "pete", NULL };
  const char *none[] = { NULL };
  g_autofree char *lanes = NULL;

  import_text (fixture, CRAFTED);

  /* Events where one of them took part. */
  filter->actor_ids = g_strdupv ((char **)pete);
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==, "Events: e1 | Pete Hegseth: s1 s2 s3");

  g_strfreev (filter->actor_ids);
  filter->actor_ids = g_strdupv ((char **)lloyd);
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==, "Events: e2");

  /* Speakers, not countries: John (of the UK) is not in "us". */
  g_strfreev (filter->actor_ids);
  filter->actor_ids = g_strdupv ((char **)us_and_pete);
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_COUNTRY, filter);
  g_assert_cmpstr (lanes, ==, "Events: e1 | United States: s1 s2 s3 s6");

  g_strfreev (filter->actor_ids);
  filter->actor_ids = g_strdupv ((char **)none);
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_COUNTRY, filter);
  g_assert_cmpstr (lanes, ==, "");
}

static void
test_filter_topics (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char *spending[] = { "spending", NULL };
  const char *none[] = { NULL };
  g_autofree char *lanes = NULL;

  import_text (fixture, CRAFTED);

  /* Events have no topic. */
  filter->topic_ids = g_strdupv ((char **)spending);
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==, "United States: s6 | Mark Rutte: s5 | Pete Hegseth: s3");
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_TOPIC, filter);
  g_assert_cmpstr (lanes, ==, "Spending: s5 s3 s6");

  g_strfreev (filter->topic_ids);
  filter->topic_ids = g_strdupv ((char **)none);
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_TOPIC, filter);
  g_assert_cmpstr (lanes, ==, "");
}

static void
test_filter_stances (SpTestLibrary *fixture,
                     gconstpointer  data)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  g_autofree char *lanes = NULL;

  import_text (fixture, CRAFTED);

  filter->stances = 1 << SP_STANCE_SUPPORT;
  lanes = describe_filtered (fixture, SP_GROUPING_ACTOR, filter);
  g_assert_cmpstr (lanes, ==, "John Healey: s4 | Mark Rutte: s5 | Pete Hegseth: s1 s3");

  filter->stances = 1 << SP_STANCE_OPPOSE | 1 << SP_STANCE_UNCLEAR | 1 << SP_STANCE_NEUTRAL;
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_TOPIC, filter);
  g_assert_cmpstr (lanes, ==, "Membership: s2 s7 | Spending: s6");

  filter->stances = 1 << SP_STANCE_MIXED;
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_TOPIC, filter);
  g_assert_cmpstr (lanes, ==, "");

  /* Every stance is no filter at all: events stay. */
  filter->stances = 1 << SP_STANCE_SUPPORT | 1 << SP_STANCE_OPPOSE | 1 << SP_STANCE_NEUTRAL |
                    1 << SP_STANCE_MIXED | 1 << SP_STANCE_UNCLEAR;
  g_clear_pointer (&lanes, g_free);
  lanes = describe_filtered (fixture, SP_GROUPING_TOPIC, filter);
  g_assert_cmpstr (lanes, ==, "Events: e2 e1 | Membership: s1 s4 s2 s7 | Spending: s5 s3 s6");
}

static void
test_filter_search (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *lanes;
  } cases[] = {
    { "unrealistic", "Membership: s2" },
    { "membership", "Membership: s1 s4 s2" },
    { "MEMBER", "Membership: s1 s4 s2" },                 /* the last word is a prefix */
    { "membership unrealistic", "Membership: s2" },       /* words are ANDed */
    { "unreal membership", "" },                          /* only the last one is a prefix */
    { "meeting", "Events: e2 e1" },
    { "brussels", "Events: e1" },
    { "percent GDP", "Spending: s3" },
    { "  \t ", "Events: e2 e1 | Membership: s1 s4 s2 s7 | Spending: s5 s3 s6" },
    /* Operators and quotes are words like any other. */
    { "\"", "Events: e2 e1 | Membership: s1 s4 s2 s7 | Spending: s5 s3 s6" },
    { "*", "Events: e2 e1 | Membership: s1 s4 s2 s7 | Spending: s5 s3 s6" },
    { "NEAR(", "Membership: s7" },
    { "open, NEAR(", "Membership: s7" },
    { "\"unrealistic", "Membership: s2" },
    { "membership\" OR \"", "" },
    { "membership OR five", "" },
    { "-membership", "Membership: s1 s4 s2" },
    { "quote:unrealistic", "" },
    { "^five", "Spending: s3" },
    { "(five) AND", "" },
    { "{quote paraphrase}: five", "" },
    { "five*", "Spending: s3" },
    { "\xff\xfe five", "Spending: s3" },
  };
  import_text (fixture, CRAFTED);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpFilter) filter = sp_filter_new ();
      /* Escaped: the TAP log must stay valid UTF-8. */
      g_autofree char *shown = g_strescape (cases[i].search, NULL);
      g_autofree char *lanes = NULL;

      filter->search = g_strdup (cases[i].search);
      lanes = describe_filtered (fixture, SP_GROUPING_TOPIC, filter);
      g_test_message ("search: %s", shown);
      g_assert_cmpstr (lanes, ==, cases[i].lanes);
    }
}

static void
test_query_clusters (SpTestLibrary *fixture,
                     gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GArray) day = NULL;
  g_autoptr(GArray) hour = NULL;
  g_autoptr(GArray) decade = NULL;
  g_autoptr(GArray) edge = NULL;
  g_autoptr(GArray) empty = NULL;
  gint64 lo = utc (2025, 1, 1, 0, 0);
  gint64 hi = utc (2025, 4, 1, 0, 0);
  guint pete;

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  pete = find_lane (index, "Pete Hegseth");

  /* s2 and s3 were said on the same day, five hours apart. */
  day = query (index, pete, lo, hi, DAY);
  g_assert_cmpuint (day->len, ==, 2);
  assert_mark (&g_array_index (day, SpTimelineMark, 0), utc (2025, 1, 30, 0, 0), utc (2025, 1, 31, 0, 0),
               ITEM_S1, 1, COUNTS (0, 1, 0, 0, 0, 0));
  assert_mark (&g_array_index (day, SpTimelineMark, 1), utc (2025, 2, 12, 10, 0), utc (2025, 2, 12, 15, 1),
               ITEM_S2, 2, COUNTS (0, 1, 1, 0, 0, 0));

  hour = query (index, pete, lo, hi, HOUR);
  g_assert_cmpuint (hour->len, ==, 3);
  assert_mark (&g_array_index (hour, SpTimelineMark, 1), utc (2025, 2, 12, 10, 0), utc (2025, 2, 12, 10, 1),
               ITEM_S2, 1, COUNTS (0, 0, 1, 0, 0, 0));
  assert_mark (&g_array_index (hour, SpTimelineMark, 2), utc (2025, 2, 12, 15, 0), utc (2025, 2, 12, 15, 1),
               ITEM_S3, 1, COUNTS (0, 1, 0, 0, 0, 0));

  /* Buckets are aligned to multiples of their size since 1970: this one
   * runs from 2019-12-20 to 2029-12-17. */
  decade = query (index, pete, lo, hi, 3650 * DAY);
  g_assert_cmpuint (decade->len, ==, 1);
  assert_mark (&g_array_index (decade, SpTimelineMark, 0), utc (2025, 1, 30, 0, 0), utc (2025, 2, 12, 15, 1),
               ITEM_S1, 3, COUNTS (0, 2, 1, 0, 0, 0));

  /* A bucket never reaches past the window. */
  edge = query (index, pete, lo, utc (2025, 2, 12, 12, 0), 3650 * DAY);
  g_assert_cmpuint (edge->len, ==, 1);
  assert_mark (&g_array_index (edge, SpTimelineMark, 0), utc (2025, 1, 30, 0, 0), utc (2025, 2, 12, 10, 1),
               ITEM_S1, 2, COUNTS (0, 1, 1, 0, 0, 0));

  /* Events count as such; an empty window has no marks. */
  g_clear_pointer (&edge, g_array_unref);
  edge = query (index, 0, G_MININT64, G_MAXINT64, DAY);
  g_assert_cmpuint (edge->len, ==, 2);
  assert_mark (&g_array_index (edge, SpTimelineMark, 1), utc (2025, 2, 12, 0, 0), utc (2025, 2, 13, 0, 0),
               ITEM_E1, 1, COUNTS (1, 0, 0, 0, 0, 0));
  empty = query (index, pete, utc (2025, 2, 13, 0, 0), utc (2025, 3, 1, 0, 0), HOUR);
  g_assert_cmpuint (empty->len, ==, 0);
  sp_timeline_index_query (index, pete, hi, lo, HOUR, empty);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_query_straddling (SpTestLibrary *fixture,
                       gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GArray) marks = NULL;
  guint mark;
  guint john;
  guint first;

  import_text (fixture,
               HEADER ("test") ACTORS TOPICS
               " \"statements\": ["
               STATEMENT ("f", "john", "spending", "support", "2025-02-01", "\"paraphrase\": \"f\"") ","
               STATEMENT ("g", "john", "spending", "oppose", "2025-02", "\"paraphrase\": \"g\"") ","
               STATEMENT ("a", "mark", "spending", "support", "2025", "\"paraphrase\": \"a\"") ","
               STATEMENT ("b", "mark", "spending", "oppose", "2025-02", "\"paraphrase\": \"b\"") ","
               STATEMENT ("c", "mark", "spending", "neutral", "2025-02-05", "\"paraphrase\": \"c\"") ","
               STATEMENT ("d", "mark", "spending", "support", "2025-02-10", "\"paraphrase\": \"d\"") ","
               STATEMENT ("e", "mark", "spending", "mixed", "2025-02-10T12:00Z", "\"paraphrase\": \"e\"") "]}");
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  g_assert_cmpuint (sp_timeline_index_get_n_lanes (index), ==, 2);
  john = find_lane (index, "John Healey");
  mark = find_lane (index, "Mark Rutte");
  first = lane_first (index, mark);

  /* The year and the month still run on 7 February; c ended before. */
  marks = query (index, mark, utc (2025, 2, 7, 0, 0), utc (2025, 2, 8, 0, 0), HOUR);
  g_assert_cmpuint (marks->len, ==, 1);
  assert_mark (&g_array_index (marks, SpTimelineMark, 0), utc (2025, 1, 1, 0, 0), utc (2026, 1, 1, 0, 0),
               first, 2, COUNTS (0, 1, 1, 0, 0, 0));

  /* On 5 February c runs too; then d and e start inside the window. */
  g_clear_pointer (&marks, g_array_unref);
  marks = query (index, mark, utc (2025, 2, 5, 12, 0), utc (2025, 2, 11, 0, 0), HOUR);
  g_assert_cmpuint (marks->len, ==, 3);
  assert_mark (&g_array_index (marks, SpTimelineMark, 0), utc (2025, 1, 1, 0, 0), utc (2026, 1, 1, 0, 0),
               first, 3, COUNTS (0, 1, 1, 1, 0, 0));
  assert_mark (&g_array_index (marks, SpTimelineMark, 1), utc (2025, 2, 10, 0, 0), utc (2025, 2, 11, 0, 0),
               first + 3, 1, COUNTS (0, 1, 0, 0, 0, 0));
  assert_mark (&g_array_index (marks, SpTimelineMark, 2), utc (2025, 2, 10, 12, 0), utc (2025, 2, 10, 12, 1),
               first + 4, 1, COUNTS (0, 0, 0, 0, 1, 0));

  /* A single item running into the window is a single mark. */
  g_clear_pointer (&marks, g_array_unref);
  marks = query (index, mark, utc (2025, 6, 1, 0, 0), utc (2025, 7, 1, 0, 0), DAY);
  g_assert_cmpuint (marks->len, ==, 1);
  assert_mark (&g_array_index (marks, SpTimelineMark, 0), utc (2025, 1, 1, 0, 0), utc (2026, 1, 1, 0, 0),
               first, 1, COUNTS (0, 1, 0, 0, 0, 0));

  /* [lo, hi): nothing is left on 1 January 2026. */
  g_clear_pointer (&marks, g_array_unref);
  marks = query (index, mark, utc (2026, 1, 1, 0, 0), utc (2026, 2, 1, 0, 0), DAY);
  g_assert_cmpuint (marks->len, ==, 0);

  /* f and g start together; on 2 February only g runs on, so the mark
   * starts with g. */
  g_clear_pointer (&marks, g_array_unref);
  marks = query (index, john, utc (2025, 2, 2, 0, 0), utc (2025, 2, 3, 0, 0), DAY);
  g_assert_cmpuint (marks->len, ==, 1);
  assert_mark (&g_array_index (marks, SpTimelineMark, 0), utc (2025, 2, 1, 0, 0), utc (2025, 3, 1, 0, 0),
               lane_first (index, john) + 1, 1, COUNTS (0, 0, 1, 0, 0, 0));
}

static GArray *
query_track (SpTimelineIndex *index,
             guint            lane,
             guint            track,
             gint64           lo,
             gint64           hi,
             gint64           bucket)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (SpStanceSegment));

  sp_timeline_index_query_track (index, lane, track, lo, hi, bucket, segments);
  return segments;
}

static void
assert_segment (GArray   *segments,
                guint     i,
                gint64    lo,
                gint64    hi,
                SpStance  stance,
                gboolean  shift,
                gboolean  dense)
{
  const SpStanceSegment *segment = &g_array_index (segments, SpStanceSegment, i);

  g_assert_cmpuint (i, <, segments->len);
  g_assert_cmpint (segment->lo, ==, lo);
  g_assert_cmpint (segment->hi, ==, hi);
  g_assert_cmpuint (segment->stance, ==, stance);
  g_assert_cmpuint (segment->shift, ==, shift);
  g_assert_cmpuint (segment->dense, ==, dense);
}

static void
test_tracks_shift (SpTestLibrary *fixture,
                   gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GArray) fine = NULL;
  g_autoptr(GArray) coarse = NULL;
  g_autoptr(GArray) spending = NULL;
  guint pete;

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  pete = find_lane (index, "Pete Hegseth");

  /* Pete supports, then opposes membership: one shift. */
  fine = query_track (index, pete, 0, utc (2025, 1, 1, 0, 0), utc (2025, 4, 1, 0, 0), HOUR);
  g_assert_cmpuint (fine->len, ==, 2);
  assert_segment (fine, 0, utc (2025, 1, 30, 0, 0), utc (2025, 2, 12, 10, 0), SP_STANCE_SUPPORT, FALSE, FALSE);
  assert_segment (fine, 1, utc (2025, 2, 12, 10, 0), utc (2025, 2, 12, 10, 1), SP_STANCE_OPPOSE, TRUE, FALSE);

  /* Both in one bucket (2024-12-18 to 2025-12-18): one dense segment that
   * ends as the last one did, with the shift inside it. */
  coarse = query_track (index, pete, 0, utc (2025, 1, 1, 0, 0), utc (2025, 4, 1, 0, 0), 365 * DAY);
  g_assert_cmpuint (coarse->len, ==, 1);
  assert_segment (coarse, 0, utc (2025, 1, 30, 0, 0), utc (2025, 2, 12, 10, 1), SP_STANCE_OPPOSE, TRUE, TRUE);

  spending = query_track (index, pete, 1, utc (2025, 1, 1, 0, 0), utc (2025, 4, 1, 0, 0), HOUR);
  g_assert_cmpuint (spending->len, ==, 1);
  assert_segment (spending, 0, utc (2025, 2, 12, 15, 0), utc (2025, 2, 12, 15, 1), SP_STANCE_SUPPORT, FALSE, FALSE);
}

static void
test_tracks_dense (SpTestLibrary *fixture,
                   gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GArray) minute = NULL;
  g_autoptr(GArray) day = NULL;
  g_autoptr(GArray) later = NULL;
  g_autoptr(GArray) late_fine = NULL;
  g_autoptr(GArray) before = NULL;
  gint64 lo = utc (2025, 1, 1, 0, 0);
  gint64 hi = utc (2025, 4, 1, 0, 0);

  import_text (fixture,
               HEADER ("test") ACTORS TOPICS
               " \"statements\": ["
               STATEMENT ("a", "pete", "membership", "support", "2025-01-10", "\"paraphrase\": \"a\"") ","
               STATEMENT ("b", "pete", "membership", "oppose", "2025-01-10T12:00Z", "\"paraphrase\": \"b\"") ","
               STATEMENT ("c", "pete", "membership", "oppose", "2025-01-10T13:00Z", "\"paraphrase\": \"c\"") ","
               STATEMENT ("d", "pete", "membership", "support", "2025-03-01", "\"paraphrase\": \"d\"") "]}");
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);

  minute = query_track (index, 0, 0, lo, hi, 60);
  g_assert_cmpuint (minute->len, ==, 4);
  assert_segment (minute, 0, utc (2025, 1, 10, 0, 0), utc (2025, 1, 10, 12, 0), SP_STANCE_SUPPORT, FALSE, FALSE);
  assert_segment (minute, 1, utc (2025, 1, 10, 12, 0), utc (2025, 1, 10, 13, 0), SP_STANCE_OPPOSE, TRUE, FALSE);
  assert_segment (minute, 2, utc (2025, 1, 10, 13, 0), utc (2025, 3, 1, 0, 0), SP_STANCE_OPPOSE, FALSE, FALSE);
  assert_segment (minute, 3, utc (2025, 3, 1, 0, 0), utc (2025, 3, 2, 0, 0), SP_STANCE_SUPPORT, TRUE, FALSE);

  /* The three of 10 January merge into a day; the last stance goes on. */
  day = query_track (index, 0, 0, lo, hi, DAY);
  g_assert_cmpuint (day->len, ==, 3);
  assert_segment (day, 0, utc (2025, 1, 10, 0, 0), utc (2025, 1, 11, 0, 0), SP_STANCE_OPPOSE, TRUE, TRUE);
  assert_segment (day, 1, utc (2025, 1, 11, 0, 0), utc (2025, 3, 1, 0, 0), SP_STANCE_OPPOSE, FALSE, FALSE);
  assert_segment (day, 2, utc (2025, 3, 1, 0, 0), utc (2025, 3, 2, 0, 0), SP_STANCE_SUPPORT, TRUE, FALSE);

  /* A window after the dense day sees only what runs in it. */
  later = query_track (index, 0, 0, utc (2025, 2, 1, 0, 0), utc (2025, 2, 2, 0, 0), DAY);
  g_assert_cmpuint (later->len, ==, 1);
  assert_segment (later, 0, utc (2025, 1, 11, 0, 0), utc (2025, 3, 1, 0, 0), SP_STANCE_OPPOSE, FALSE, FALSE);
  late_fine = query_track (index, 0, 0, utc (2025, 1, 10, 12, 30), utc (2025, 2, 2, 0, 0), 60);
  g_assert_cmpuint (late_fine->len, ==, 2);
  assert_segment (late_fine, 0, utc (2025, 1, 10, 12, 0), utc (2025, 1, 10, 13, 0), SP_STANCE_OPPOSE, TRUE, FALSE);
  assert_segment (late_fine, 1, utc (2025, 1, 10, 13, 0), utc (2025, 3, 1, 0, 0), SP_STANCE_OPPOSE, FALSE, FALSE);

  /* Nothing before the first statement or after the last one's end. */
  before = query_track (index, 0, 0, utc (2024, 1, 1, 0, 0), utc (2025, 1, 10, 0, 0), DAY);
  g_assert_cmpuint (before->len, ==, 0);
  sp_timeline_index_query_track (index, 0, 0, utc (2025, 3, 2, 0, 0), utc (2026, 1, 1, 0, 0), DAY, before);
  g_assert_cmpuint (before->len, ==, 0);
}

static void
test_offices (SpTestLibrary *fixture,
              gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) actors = NULL;
  g_autoptr(SpTimelineIndex) countries = NULL;
  g_autoptr(SpTimelineIndex) topics = NULL;

  import_text (fixture, CRAFTED);

  actors = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  assert_bands (actors, 0, G_MININT64, G_MAXINT64, "");
  assert_bands (actors, find_lane (actors, "Pete Hegseth"), G_MININT64, G_MAXINT64,
                "Pete Hegseth, Secretary of Defense of United States, 2025-01-25..-");
  /* The country speaking for itself shows the terms of its offices. */
  assert_bands (actors, find_lane (actors, "United States"), G_MININT64, G_MAXINT64,
                "Lloyd Austin, Secretary of Defense of United States, 2021-01-22..2025-01-21; "
                "Pete Hegseth, Secretary of Defense of United States, 2025-01-25..-");
  assert_bands (actors, find_lane (actors, "NATO"), G_MININT64, G_MAXINT64,
                "Mark Rutte, Secretary General of NATO, 2024-10-01..-");
  assert_bands (actors, find_lane (actors, "Mark Rutte"), G_MININT64, G_MAXINT64,
                "Mark Rutte, Secretary General of NATO, 2024-10-01..-");

  /* Only terms overlapping the window [lo, hi). */
  assert_bands (actors, find_lane (actors, "United States"), utc (2022, 1, 1, 0, 0), utc (2023, 1, 1, 0, 0),
                "Lloyd Austin, Secretary of Defense of United States, 2021-01-22..2025-01-21");
  assert_bands (actors, find_lane (actors, "United States"), utc (2025, 1, 21, 0, 0), utc (2025, 1, 25, 0, 0), "");
  assert_bands (actors, find_lane (actors, "United States"), utc (2025, 1, 20, 0, 0), utc (2025, 1, 25, 0, 1),
                "Lloyd Austin, Secretary of Defense of United States, 2021-01-22..2025-01-21; "
                "Pete Hegseth, Secretary of Defense of United States, 2025-01-25..-");
  assert_bands (actors, find_lane (actors, "Pete Hegseth"), utc (2030, 1, 1, 0, 0), utc (2031, 1, 1, 0, 0),
                "Pete Hegseth, Secretary of Defense of United States, 2025-01-25..-");

  countries = new_index (fixture, SP_GROUPING_COUNTRY, NULL);
  assert_bands (countries, find_lane (countries, "United States"), G_MININT64, G_MAXINT64,
                "Lloyd Austin, Secretary of Defense of United States, 2021-01-22..2025-01-21; "
                "Pete Hegseth, Secretary of Defense of United States, 2025-01-25..-");
  assert_bands (countries, find_lane (countries, "United Kingdom"), G_MININT64, G_MAXINT64,
                "John Healey, Secretary of State for Defence of United Kingdom, 2024-07-05..-");

  topics = new_index (fixture, SP_GROUPING_TOPIC, NULL);
  for (guint l = 0; l < sp_timeline_index_get_n_lanes (topics); l++)
    assert_bands (topics, l, G_MININT64, G_MAXINT64, "");
}

static void
test_time_order (SpTestLibrary *fixture,
                 gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  /* e1 and s4 share their time: the events lane comes first. */
  const guint expected[] = { ITEM_E2, ITEM_S1, ITEM_S5, ITEM_E1, ITEM_S4, ITEM_S2, ITEM_S3, ITEM_S7, ITEM_S6 };

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);

  g_assert_cmpuint (sp_timeline_index_get_n_items (index), ==, G_N_ELEMENTS (expected));
  for (guint p = 0; p < G_N_ELEMENTS (expected); p++)
    {
      g_assert_cmpuint (sp_timeline_index_get_item_at_time_position (index, p), ==, expected[p]);
      g_assert_cmpuint (sp_timeline_index_get_time_position (index, expected[p]), ==, p);
    }
}

static void
test_find_item (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(SpTimelineIndex) spending = NULL;
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char *topic[] = { "spending", NULL };
  const char *statements[] = { "s6", "s7", "s4", "s5", "s1", "s2", "s3" };
  gint64 e1;
  gint64 s2;

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT pk FROM statements WHERE id = '%s'", statements[i]);
      gint64 pk = sp_test_query_int (fixture->library, sql);

      g_assert_cmpuint (sp_timeline_index_find_item (index, SP_ITEM_STATEMENT, pk), ==, ITEM_S6 + i);
    }
  e1 = sp_test_query_int (fixture->library, "SELECT pk FROM events WHERE id = 'e1'");
  g_assert_cmpuint (sp_timeline_index_find_item (index, SP_ITEM_EVENT, e1), ==, ITEM_E1);
  g_assert_cmpuint (sp_timeline_index_find_item (index, SP_ITEM_EVENT, 999999), ==, G_MAXUINT);
  g_assert_cmpuint (sp_timeline_index_find_item (index, SP_ITEM_STATEMENT, -1), ==, G_MAXUINT);

  /* Filtered out. */
  filter->topic_ids = g_strdupv ((char **)topic);
  spending = new_index (fixture, SP_GROUPING_ACTOR, filter);
  s2 = sp_test_query_int (fixture->library, "SELECT pk FROM statements WHERE id = 's2'");
  g_assert_cmpuint (sp_timeline_index_find_item (spending, SP_ITEM_STATEMENT, s2), ==, G_MAXUINT);
  g_assert_cmpuint (sp_timeline_index_find_item (spending, SP_ITEM_EVENT, e1), ==, G_MAXUINT);
}

static void
test_find_nearest (SpTestLibrary *fixture,
                   gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  guint pete;

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  pete = find_lane (index, "Pete Hegseth");

  g_assert_cmpuint (sp_timeline_index_find_nearest (index, pete, utc (2020, 1, 1, 0, 0)), ==, ITEM_S1);
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, pete, utc (2030, 1, 1, 0, 0)), ==, ITEM_S3);
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, pete, utc (2025, 2, 12, 10, 0)), ==, ITEM_S2);
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, pete, utc (2025, 2, 12, 12, 0)), ==, ITEM_S2);
  /* Halfway: the earlier one. */
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, pete, utc (2025, 2, 12, 12, 30)), ==, ITEM_S2);
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, pete, utc (2025, 2, 12, 12, 31)), ==, ITEM_S3);
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, pete, utc (2025, 2, 5, 0, 0)), ==, ITEM_S1);
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, 0, utc (2025, 1, 1, 0, 0)), ==, ITEM_E1);
  g_assert_cmpuint (sp_timeline_index_find_nearest (index, 0, utc (2023, 1, 1, 0, 0)), ==, ITEM_E2);
}

static void
test_bounds (SpTestLibrary *fixture,
             gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(SpTimelineIndex) filtered = NULL;
  g_autoptr(SpFilter) filter = sp_filter_new ();
  const char *mark[] = { "mark", NULL };
  gint64 lo = 0;
  gint64 hi = 0;

  import_text (fixture, CRAFTED);
  index = new_index (fixture, SP_GROUPING_COUNTRY, NULL);
  g_assert_true (sp_timeline_index_get_bounds (index, &lo, &hi));
  g_assert_cmpint (lo, ==, utc (2022, 4, 26, 0, 0));
  g_assert_cmpint (hi, ==, utc (2025, 3, 2, 0, 0));
  g_assert_true (sp_timeline_index_get_bounds (index, NULL, NULL));

  filter->actor_ids = g_strdupv ((char **)mark);
  filtered = new_index (fixture, SP_GROUPING_COUNTRY, filter);
  g_assert_true (sp_timeline_index_get_bounds (filtered, &lo, &hi));
  g_assert_cmpint (lo, ==, utc (2025, 2, 1, 0, 0));
  g_assert_cmpint (hi, ==, utc (2025, 3, 1, 0, 0));
}

static void
test_empty (SpTestLibrary *fixture,
            gconstpointer  data)
{
  for (SpGrouping grouping = SP_GROUPING_ACTOR; grouping <= SP_GROUPING_TOPIC; grouping++)
    {
      g_autoptr(SpTimelineIndex) index = new_index (fixture, grouping, NULL);
      gint64 lo = 1;
      gint64 hi = 2;

      g_assert_cmpint (sp_timeline_index_get_grouping (index), ==, grouping);
      g_assert_cmpuint (sp_timeline_index_get_n_lanes (index), ==, 0);
      g_assert_cmpuint (sp_timeline_index_get_n_items (index), ==, 0);
      g_assert_false (sp_timeline_index_get_bounds (index, &lo, &hi));
      g_assert_cmpint (lo, ==, 1);
      g_assert_cmpint (hi, ==, 2);
      g_assert_cmpuint (sp_timeline_index_find_item (index, SP_ITEM_STATEMENT, 1), ==, G_MAXUINT);
      g_assert_cmpuint (sp_timeline_index_find_item (index, SP_ITEM_EVENT, 1), ==, G_MAXUINT);
    }
}

static void
build_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static SpTimelineIndex *
new_index_async (SpTestLibrary   *fixture,
                 SpGrouping       grouping,
                 const SpFilter  *filter,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sp_timeline_index_new_async (fixture->library, grouping, filter, cancellable, build_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sp_timeline_index_new_finish (result, error);
}

static void
test_async (SpTestLibrary *fixture,
            gconstpointer  data)
{
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(SpTimelineIndex) cancelled = NULL;
  g_autoptr(SpTimelineIndex) sync_cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SpFilter) filter = sp_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *lanes = NULL;
  const char *pete[] = { "pete", NULL };

  import_text (fixture, CRAFTED);

  filter->actor_ids = g_strdupv ((char **)pete);
  index = new_index_async (fixture, SP_GROUPING_COUNTRY, filter, NULL, &error);
  g_assert_no_error (error);
  lanes = describe_lanes (fixture, index);
  g_assert_cmpstr (lanes, ==, "Events: e1 | United States: s1 s2 s3");

  g_cancellable_cancel (cancellable);
  cancelled = new_index_async (fixture, SP_GROUPING_COUNTRY, filter, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  g_clear_error (&error);

  sync_cancelled = sp_timeline_index_new (fixture->library, SP_GROUPING_TOPIC, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (sync_cancelled);
}

#define N_LARGE 100000

/* Query cost must not grow with the items in view: a hundred thousand
 * items in one bucket are one cluster, counted rather than walked. */
static void
test_large_cluster (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (HEADER ("test") ACTORS TOPICS " \"statements\": [");
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GArray) day = NULL;
  g_autoptr(GArray) hour = NULL;
  g_autoptr(GArray) minutes = NULL;
  g_autoptr(GArray) segments = NULL;
  static const char * const stances[] = { "support", "oppose", "neutral", "mixed", "unclear" };
  gint64 noon = utc (2025, 2, 12, 12, 0);

  /* Item i at minute i % 1440 of the day, with stance i % 5. */
  for (guint i = 0; i < N_LARGE; i++)
    g_string_append_printf (text,
                            "%s{\"id\": \"s%u\", \"speaker\": \"pete\", \"topic\": \"membership\","
                            " \"stance\": \"%s\", \"said\": \"2025-02-12T%02u:%02uZ\","
                            " \"source\": \"src\", \"paraphrase\": \"p\"}\n",
                            i > 0 ? "," : "", i, stances[i % 5], i % 1440 / 60, i % 60);
  g_string_append (text, "]}");
  import_text (fixture, text->str);

  index = new_index (fixture, SP_GROUPING_ACTOR, NULL);
  g_assert_cmpuint (sp_timeline_index_get_n_lanes (index), ==, 1);
  g_assert_cmpuint (sp_timeline_index_get_lane (index, 0)->n_items, ==, N_LARGE);

  day = query (index, 0, utc (2025, 1, 1, 0, 0), utc (2026, 1, 1, 0, 0), DAY);
  g_assert_cmpuint (day->len, ==, 1);
  assert_mark (&g_array_index (day, SpTimelineMark, 0), utc (2025, 2, 12, 0, 0), utc (2025, 2, 13, 0, 0),
               0, N_LARGE, COUNTS (0, N_LARGE / 5, N_LARGE / 5, N_LARGE / 5, N_LARGE / 5, N_LARGE / 5));

  /* 100,000 = 69 × 1440 + 640: minutes before 10:40 have 70 items, all of
   * one stance as 1440 is a multiple of 5. */
  hour = query (index, 0, utc (2025, 2, 12, 6, 0), utc (2025, 2, 12, 7, 0), HOUR);
  g_assert_cmpuint (hour->len, ==, 1);
  assert_mark (&g_array_index (hour, SpTimelineMark, 0), utc (2025, 2, 12, 6, 0), utc (2025, 2, 12, 7, 0),
               6 * 60 * 70, 60 * 70, COUNTS (0, 840, 840, 840, 840, 840));

  minutes = query (index, 0, utc (2025, 2, 12, 10, 38), utc (2025, 2, 12, 10, 42), 60);
  g_assert_cmpuint (minutes->len, ==, 4);
  assert_mark (&g_array_index (minutes, SpTimelineMark, 0), utc (2025, 2, 12, 10, 38), utc (2025, 2, 12, 10, 39),
               638 * 70, 70, COUNTS (0, 0, 0, 0, 70, 0));
  assert_mark (&g_array_index (minutes, SpTimelineMark, 2), utc (2025, 2, 12, 10, 40), utc (2025, 2, 12, 10, 41),
               640 * 70, 69, COUNTS (0, 69, 0, 0, 0, 0));

  /* The stance track of the day is one dense stretch at a coarse bucket,
   * ending with the stance of the last statement, at 23:59. */
  segments = query_track (index, 0, 0, noon - DAY, noon + DAY, DAY);
  g_assert_cmpuint (segments->len, ==, 1);
  assert_segment (segments, 0, utc (2025, 2, 12, 0, 0), utc (2025, 2, 13, 0, 0), SP_STANCE_UNCLEAR, TRUE, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timeline-index/filter-boxed", test_filter_boxed);

#define ADD(path, func) \
  g_test_add ("/timeline-index/" path, SpTestLibrary, NULL, \
              sp_test_library_set_up, func, sp_test_library_tear_down)

  ADD ("lanes/actor", test_lanes_actor);
  ADD ("lanes/country", test_lanes_country);
  ADD ("lanes/topic", test_lanes_topic);
  ADD ("bundled", test_bundled);
  ADD ("filter/datasets", test_filter_datasets);
  ADD ("filter/actors", test_filter_actors);
  ADD ("filter/topics", test_filter_topics);
  ADD ("filter/stances", test_filter_stances);
  ADD ("filter/search", test_filter_search);
  ADD ("query/clusters", test_query_clusters);
  ADD ("query/straddling", test_query_straddling);
  ADD ("tracks/shift", test_tracks_shift);
  ADD ("tracks/dense", test_tracks_dense);
  ADD ("offices", test_offices);
  ADD ("time-order", test_time_order);
  ADD ("find-item", test_find_item);
  ADD ("find-nearest", test_find_nearest);
  ADD ("bounds", test_bounds);
  ADD ("empty", test_empty);
  ADD ("async", test_async);
  ADD ("large-cluster", test_large_cluster);

  return g_test_run ();
}
