#define G_LOG_DOMAIN "standpoint-timeline-index"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sp-timeline-index.h"

/* Everything a frame asks for is answered from flat arrays by binary
 * search.  Items are stored lane by lane, sorted by (lo, pk), and beside
 * them sit cumulative counts per stance, so that the number of items of
 * each stance in any run of a lane is a difference of two rows.  Items
 * that began before a window and still run in it are counted the same way
 * from a second order of each lane, by hi.  Marks fall into buckets
 * aligned to multiples of the bucket size since 1970, so that they stay
 * put while the window pans. */

#define N_STANCES SP_STANCE_UNCLEAR
#define ALL_STANCES (((1u << (N_STANCES + 1)) - 1) & ~1u)
#define NO_LANE G_MAXUINT
#define CANCEL_CHECK_INTERVAL 65536
/* Speakers or topics per query while loading the first lanes: beyond
 * this, loading them all at once costs less. */
#define MAX_LANE_IDS 4096

typedef struct {
  SpLane        lane;
  guint         first;         /* its items are [first, first + n_items) */
  guint        *track_starts;  /* n_tracks + 1 offsets into track_entries */
  GArray       *bands;         /* SpOfficeBand, by lo */
} Lane;

struct _SpTimelineIndex
{
  GObject          parent_instance;

  SpGrouping       grouping;
  gboolean         complete;     /* FALSE when it holds only the first lanes */
  Lane            *lanes;
  guint            n_lanes;
  SpTimelineItem  *items;
  guint            n_items;
  gint64           lo;
  gint64           hi;

  /* Row i holds, for each stance, how many of items [0, i) have it. */
  guint32         *counts;
  /* Each lane's items again, ordered by hi, with cumulative counts. */
  guint32         *hi_order;
  guint32         *hi_counts;
  /* The largest hi of a lane's items up to each one. */
  gint64          *reach;

  guint32         *time_order;
  guint32         *time_positions;

  /* Statements grouped by lane and track, each track in time order, and
   * how many of them up to each one start with another stance. */
  guint32         *track_entries;
  guint32         *track_shifts;

  guint32         *statements_by_pk;
  guint            n_statements;
  guint32         *events_by_pk;
  guint            n_events;

  /* Lane ids and labels, track labels and office texts. */
  GStringChunk    *strings;
};

G_DEFINE_FINAL_TYPE (SpTimelineIndex, sp_timeline_index, G_TYPE_OBJECT)

/* SpFilter */

G_DEFINE_BOXED_TYPE (SpFilter, sp_filter, sp_filter_copy, sp_filter_free)

/* A NULL list means everything; an empty list means nothing. */
SpFilter *
sp_filter_new (void)
{
  return g_new0 (SpFilter, 1);
}

SpFilter *
sp_filter_copy (const SpFilter *filter)
{
  SpFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_new0 (SpFilter, 1);
  copy->dataset_ids = g_strdupv (filter->dataset_ids);
  copy->actor_ids = g_strdupv (filter->actor_ids);
  copy->topic_ids = g_strdupv (filter->topic_ids);
  copy->stances = filter->stances;
  copy->search = g_strdup (filter->search);

  return copy;
}

void
sp_filter_free (SpFilter *filter)
{
  if (filter == NULL)
    return;

  g_strfreev (filter->dataset_ids);
  g_strfreev (filter->actor_ids);
  g_strfreev (filter->topic_ids);
  g_free (filter->search);
  g_free (filter);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

gboolean
sp_filter_equal (const SpFilter *a,
                 const SpFilter *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return strv_equal ((const char * const *)a->dataset_ids, (const char * const *)b->dataset_ids) &&
         strv_equal ((const char * const *)a->actor_ids, (const char * const *)b->actor_ids) &&
         strv_equal ((const char * const *)a->topic_ids, (const char * const *)b->topic_ids) &&
         a->stances == b->stances &&
         g_strcmp0 (a->search, b->search) == 0;
}

/* SpTimelineIndex */

static void
sp_timeline_index_finalize (GObject *object)
{
  SpTimelineIndex *self = (SpTimelineIndex *)object;

  for (guint i = 0; i < self->n_lanes; i++)
    {
      Lane *lane = &self->lanes[i];

      g_free (lane->lane.track_labels);
      g_free (lane->track_starts);
      g_clear_pointer (&lane->bands, g_array_unref);
    }
  g_free (self->lanes);
  g_free (self->items);
  g_free (self->counts);
  g_free (self->hi_order);
  g_free (self->hi_counts);
  g_free (self->reach);
  g_free (self->time_order);
  g_free (self->time_positions);
  g_free (self->track_entries);
  g_free (self->track_shifts);
  g_free (self->statements_by_pk);
  g_free (self->events_by_pk);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (sp_timeline_index_parent_class)->finalize (object);
}

static void
sp_timeline_index_class_init (SpTimelineIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_timeline_index_finalize;
}

static void
sp_timeline_index_init (SpTimelineIndex *self)
{
  self->strings = g_string_chunk_new (4096);
}

/* Building */

/* An actor or a topic while the index is built. */
typedef struct _Entity Entity;

struct _Entity {
  char        *id;
  char        *label;
  char        *sort_key;
  SpActorKind  kind;       /* 0 for topics */
  char        *country_id;
  Entity      *country;
  guint        rank;       /* position in lane order among its table */
  guint        lane;
};

static void
entity_free (Entity *entity)
{
  g_free (entity->id);
  g_free (entity->label);
  g_free (entity->sort_key);
  g_free (entity->country_id);
  g_free (entity);
}

typedef struct {
  gint64   lo;
  gint64   hi;
  gint64   pk;
  guint32  lane_key;       /* 0 for events, else 1 + the lane entity's rank */
  guint32  track_key;      /* rank of the track's entity */
  guint8   kind;
  guint8   stance;
  guint8   precision;
} Row;

typedef struct {
  gint64   key;
  guint32  index;
} SortKey;

typedef struct {
  SpLibrary         *library;
  sqlite3           *db;
  SpGrouping         grouping;
  const SpFilter    *filter;
  GCancellable      *cancellable;

  GHashTable        *actors;       /* id → Entity */
  GHashTable        *topics;
  GPtrArray         *actor_order;  /* Entity, by rank */
  GPtrArray         *topic_order;
  GArray            *rows;
  guint              n_statement_rows;
  GArray            *statement_members;  /* of the chosen datasets, or NULL */
  /* While loading the first lanes: the lanes' speakers or topics. */
  const char        *lane_column;
  GPtrArray         *lane_ids;
} Build;

static void
build_clear (Build *build)
{
  g_clear_pointer (&build->actors, g_hash_table_unref);
  g_clear_pointer (&build->topics, g_hash_table_unref);
  g_clear_pointer (&build->actor_order, g_ptr_array_unref);
  g_clear_pointer (&build->topic_order, g_ptr_array_unref);
  g_clear_pointer (&build->rows, g_array_unref);
  g_clear_pointer (&build->statement_members, g_array_unref);
}

static int
compare_sort_keys (const void *a,
                   const void *b)
{
  const SortKey *x = a;
  const SortKey *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

/* Countries, organizations, then persons; topics all have kind 0. */
static guint
kind_order (SpActorKind kind)
{
  switch (kind)
    {
    case SP_ACTOR_COUNTRY:
      return 0;
    case SP_ACTOR_ORGANIZATION:
      return 1;
    case SP_ACTOR_PERSON:
      return 2;
    default:
      return 3;
    }
}

/* Independent of the locale, so that lane order is the same everywhere. */
static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  const Entity *x = *(const Entity * const *)a;
  const Entity *y = *(const Entity * const *)b;
  guint kx = kind_order (x->kind);
  guint ky = kind_order (y->kind);
  int cmp;

  if (kx != ky)
    return kx < ky ? -1 : 1;
  if ((cmp = strcmp (x->sort_key, y->sort_key)) != 0)
    return cmp;
  if ((cmp = strcmp (x->label, y->label)) != 0)
    return cmp;
  return strcmp (x->id, y->id);
}

static gboolean
prepare (Build         *build,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (build->db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      sp_library_set_error (build->library, error);
      return FALSE;
    }

  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

static gboolean
load_entities (Build       *build,
               const char  *sql,
               gboolean     actors,
               GError     **error)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)entity_free);
  GPtrArray *order = g_ptr_array_new ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (actors)
    {
      build->actors = table;
      build->actor_order = order;
    }
  else
    {
      build->topics = table;
      build->topic_order = order;
    }

  if (!prepare (build, sql, &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entity *entity = g_new0 (Entity, 1);

      entity->id = g_strdup (column_text (stmt, 0));
      entity->label = g_strdup (column_text (stmt, 1));
      entity->sort_key = g_utf8_casefold (entity->label, -1);
      entity->lane = NO_LANE;
      if (actors)
        {
          entity->kind = sqlite3_column_int (stmt, 2);
          entity->country_id = g_strdup (column_text (stmt, 3));
        }
      g_hash_table_insert (table, entity->id, entity);
      g_ptr_array_add (order, entity);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (build->library, error);
      return FALSE;
    }

  g_ptr_array_sort (order, compare_entities);
  for (guint i = 0; i < order->len; i++)
    ((Entity *)order->pdata[i])->rank = i;

  return TRUE;
}

static gboolean
has_searchable_text (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* Each word becomes an FTS5 string, so that nothing a user types is read
 * as query syntax; the words are ANDed and the last one matches as a
 * prefix, as while typing.  Words without letters or digits would match
 * nothing and are left out; NULL when none remain. */
static char *
make_match_query (const char *search)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  if (search == NULL)
    return NULL;

  valid = g_utf8_make_valid (search, -1);
  words = g_strsplit_set (valid, " \t\n\r\f\v", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (!has_searchable_text (words[i]))
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append_c (query, '"');
    }

  if (query->len == 0)
    return NULL;

  g_string_append_c (query, '*');
  return g_string_free (g_steal_pointer (&query), FALSE);
}

static void
append_placeholders (GString            *sql,
                     const char * const *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");
}

static void
bind_ids (sqlite3_stmt       *stmt,
          int                *column,
          const char * const *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    sqlite3_bind_text (stmt, ++*column, ids[i], -1, SQLITE_STATIC);
}

static gboolean
is_empty (const char * const *ids)
{
  return ids != NULL && ids[0] == NULL;
}

static gboolean
check_cancelled (Build   *build,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (build->cancellable, error);
}

static int
compare_pks (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* The pks of the records of @table that the chosen datasets brought, in
 * pk order.  Provenance and the table's index on id both list ids in
 * order, so one merging pass matches them: a lookup by id per row took
 * seconds for a million statements. */
static GArray *
load_dataset_members (Build         *build,
                      SpRecordKind   kind,
                      const char    *table,
                      GError       **error)
{
  const char * const *dataset_ids = (const char * const *)build->filter->dataset_ids;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = NULL;
  g_autofree char *records_sql = NULL;
  sqlite3_stmt *provenance = NULL;
  sqlite3_stmt *records = NULL;
  int column = 1;
  int rc_provenance;
  int rc_records;

  sql = g_string_new ("SELECT record_id FROM provenance WHERE kind = ? AND dataset_id IN (");
  append_placeholders (sql, dataset_ids);
  g_string_append (sql, " ORDER BY record_id");
  records_sql = g_strdup_printf ("SELECT id, pk FROM %s ORDER BY id", table);

  if (!prepare (build, sql->str, &provenance, error))
    return NULL;
  if (!prepare (build, records_sql, &records, error))
    {
      sqlite3_finalize (provenance);
      return NULL;
    }
  sqlite3_bind_int (provenance, 1, kind);
  bind_ids (provenance, &column, dataset_ids);

  rc_provenance = sqlite3_step (provenance);
  rc_records = sqlite3_step (records);
  while (rc_provenance == SQLITE_ROW && rc_records == SQLITE_ROW)
    {
      int cmp = strcmp (column_text (provenance, 0), column_text (records, 0));

      if (cmp < 0)
        rc_provenance = sqlite3_step (provenance);
      else
        {
          if (cmp == 0)
            {
              gint64 pk = sqlite3_column_int64 (records, 1);

              g_array_append_val (members, pk);
            }
          rc_records = sqlite3_step (records);
        }
    }
  sqlite3_finalize (provenance);
  sqlite3_finalize (records);

  if ((rc_provenance != SQLITE_ROW && rc_provenance != SQLITE_DONE) ||
      (rc_records != SQLITE_ROW && rc_records != SQLITE_DONE))
    {
      sp_library_set_error (build->library, error);
      return NULL;
    }

  g_array_sort (members, compare_pks);
  return g_steal_pointer (&members);
}

/* Whether @pk is in @members; successive calls must ask in pk order. */
static gboolean
is_member (GArray *members,
           guint  *cursor,
           gint64  pk)
{
  const gint64 *pks = (const gint64 *)(gpointer)members->data;

  while (*cursor < members->len && pks[*cursor] < pk)
    (*cursor)++;

  return *cursor < members->len && pks[*cursor] == pk;
}

static gboolean
load_statements (Build       *build,
                 const char  *match,
                 GError     **error)
{
  const SpFilter *filter = build->filter;
  const char * const *dataset_ids = (const char * const *)filter->dataset_ids;
  g_autoptr(GString) sql = NULL;
  GArray *members = NULL;
  sqlite3_stmt *stmt = NULL;
  guint stance_mask = filter->stances & ALL_STANCES;
  gboolean by_stance = filter->stances != 0 && stance_mask != ALL_STANCES;
  gboolean members_by_lookup;
  guint cursor = 0;
  int column = 0;
  guint n = 0;
  int rc;

  if (is_empty (dataset_ids) ||
      is_empty ((const char * const *)filter->actor_ids) ||
      is_empty ((const char * const *)filter->topic_ids) ||
      (by_stance && stance_mask == 0))
    return TRUE;

  /* For all lanes, one pass over the datasets' records costs less than a
   * lookup per statement; for a few lanes, the lookups cost less. */
  members_by_lookup = dataset_ids != NULL && build->lane_ids != NULL;
  if (dataset_ids != NULL && !members_by_lookup)
    {
      if (build->statement_members == NULL &&
          (build->statement_members = load_dataset_members (build, SP_RECORD_STATEMENT, "statements", error)) == NULL)
        return FALSE;
      members = build->statement_members;
    }

  /* Lists of speakers and topics go to SQLite, which then reads only
   * their statements through its indexes. */
  sql = g_string_new ("SELECT pk, said_lo, said_hi, said_precision, stance, speaker_id, topic_id "
                      "FROM statements WHERE 1");
  if (build->lane_ids != NULL)
    {
      g_string_append_printf (sql, " AND %s IN (", build->lane_column);
      append_placeholders (sql, (const char * const *)build->lane_ids->pdata);
    }
  if (filter->actor_ids != NULL)
    {
      g_string_append (sql, " AND speaker_id IN (");
      append_placeholders (sql, (const char * const *)filter->actor_ids);
    }
  if (filter->topic_ids != NULL)
    {
      g_string_append (sql, " AND topic_id IN (");
      append_placeholders (sql, (const char * const *)filter->topic_ids);
    }
  if (members_by_lookup)
    {
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM provenance WHERE kind = %d"
                              " AND record_id = statements.id AND dataset_id IN (", SP_RECORD_STATEMENT);
      append_placeholders (sql, dataset_ids);
      g_string_append (sql, ")");
    }
  if (match != NULL)
    g_string_append (sql, " AND pk IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)");
  g_string_append (sql, " ORDER BY pk");

  if (!prepare (build, sql->str, &stmt, error))
    return FALSE;
  if (build->lane_ids != NULL)
    bind_ids (stmt, &column, (const char * const *)build->lane_ids->pdata);
  if (filter->actor_ids != NULL)
    bind_ids (stmt, &column, (const char * const *)filter->actor_ids);
  if (filter->topic_ids != NULL)
    bind_ids (stmt, &column, (const char * const *)filter->topic_ids);
  if (members_by_lookup)
    bind_ids (stmt, &column, dataset_ids);
  if (match != NULL)
    sqlite3_bind_text (stmt, ++column, match, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entity *speaker;
      Entity *topic;
      Entity *lane_entity;
      Row row;

      if (++n % CANCEL_CHECK_INTERVAL == 0 && check_cancelled (build, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }

      row.pk = sqlite3_column_int64 (stmt, 0);
      if (members != NULL && !is_member (members, &cursor, row.pk))
        continue;

      row.stance = sqlite3_column_int (stmt, 4);
      if (row.stance < SP_STANCE_SUPPORT || row.stance > SP_STANCE_UNCLEAR)
        continue;
      if (by_stance && (stance_mask & (1u << row.stance)) == 0)
        continue;

      speaker = g_hash_table_lookup (build->actors, sqlite3_column_text (stmt, 5));
      topic = g_hash_table_lookup (build->topics, sqlite3_column_text (stmt, 6));
      if (speaker == NULL || topic == NULL)
        continue;

      row.lo = sqlite3_column_int64 (stmt, 1);
      row.hi = MAX (row.lo + 1, sqlite3_column_int64 (stmt, 2));
      row.precision = sqlite3_column_int (stmt, 3);
      row.kind = SP_ITEM_STATEMENT;

      switch (build->grouping)
        {
        case SP_GROUPING_COUNTRY:
          lane_entity = speaker->country != NULL ? speaker->country : speaker;
          row.track_key = topic->rank;
          break;
        case SP_GROUPING_TOPIC:
          lane_entity = topic;
          row.track_key = speaker->rank;
          break;
        case SP_GROUPING_ACTOR:
        default:
          lane_entity = speaker;
          row.track_key = topic->rank;
          break;
        }
      row.lane_key = lane_entity->rank + 1;

      g_array_append_val (build->rows, row);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (build->library, error);
      return FALSE;
    }

  build->n_statement_rows = build->rows->len;
  return TRUE;
}

static Entity *
get_lane_entity (Build  *build,
                 Entity *entity)
{
  if (build->grouping == SP_GROUPING_COUNTRY && entity->country != NULL)
    return entity->country;

  return entity;
}

/* Speakers in the order of their lanes. */
static int
compare_by_lane (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  Entity *x = *(Entity * const *)a;
  Entity *y = *(Entity * const *)b;
  guint lane_x = get_lane_entity (user_data, x)->rank;
  guint lane_y = get_lane_entity (user_data, y)->rank;

  if (lane_x != lane_y)
    return lane_x < lane_y ? -1 : 1;
  return (x->rank > y->rank) - (x->rank < y->rank);
}

static int
compare_row_pks (gconstpointer a,
                 gconstpointer b)
{
  const Row *x = a;
  const Row *y = b;

  return (x->pk > y->pk) - (x->pk < y->pk);
}

static int
compare_uint64 (gconstpointer a,
                gconstpointer b)
{
  guint64 x = *(const guint64 *)a;
  guint64 y = *(const guint64 *)b;

  return (x > y) - (x < y);
}

/* Adds to @lane_rows, by lane key, the header and the stance tracks of
 * each lane in rows [@from, end). */
static guint
count_lane_rows (Build *build,
                 guint  from,
                 guint *lane_rows)
{
  g_autoptr(GArray) pairs = g_array_sized_new (FALSE, FALSE, sizeof (guint64), build->rows->len - from);
  guint n_rows = 0;

  for (guint r = from; r < build->rows->len; r++)
    {
      const Row *row = &g_array_index (build->rows, Row, r);
      guint64 pair = (guint64)row->lane_key << 32 | row->track_key;

      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_uint64);

  for (guint i = 0; i < pairs->len; i++)
    {
      guint64 pair = g_array_index (pairs, guint64, i);
      guint64 previous = i > 0 ? g_array_index (pairs, guint64, i - 1) : G_MAXUINT64;
      guint lane_key = pair >> 32;

      if (pair == previous)
        continue;
      if (previous == G_MAXUINT64 || previous >> 32 != lane_key)
        {
          lane_rows[lane_key]++;
          n_rows++;
        }
      lane_rows[lane_key]++;
      n_rows++;
    }

  return n_rows;
}

/* The statements of the first lanes that have any, until they hold
 * @max_rows rows, asked for by runs of lanes in lane order, each run
 * twice as long as the one before.  *@complete says whether every lane
 * was asked for. */
static gboolean
load_first_lanes (Build       *build,
                  const char  *match,
                  guint        max_rows,
                  gboolean    *complete,
                  GError     **error)
{
  gboolean by_topic = build->grouping == SP_GROUPING_TOPIC;
  guint n_keys = (by_topic ? build->topic_order : build->actor_order)->len + 1;
  g_autoptr(GPtrArray) by_lane = g_ptr_array_copy (by_topic ? build->topic_order : build->actor_order, NULL, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree guint *lane_rows = g_new0 (guint, n_keys);
  guint n_rows = 0;
  guint size = 1;
  guint from = 0;

  if (build->grouping == SP_GROUPING_COUNTRY)
    g_ptr_array_sort_with_data (by_lane, compare_by_lane, build);

  build->lane_column = by_topic ? "topic_id" : "speaker_id";
  build->lane_ids = ids;

  while (from < by_lane->len && n_rows < max_rows)
    {
      guint to = MIN (from + size, by_lane->len);
      guint first_row = build->rows->len;

      /* A lane's speakers are asked for together. */
      while (to < by_lane->len &&
             get_lane_entity (build, by_lane->pdata[to]) == get_lane_entity (build, by_lane->pdata[to - 1]))
        to++;

      if (to - from > MAX_LANE_IDS)
        {
          g_array_set_size (build->rows, 0);
          build->lane_ids = NULL;
          *complete = TRUE;
          return load_statements (build, match, error);
        }

      g_ptr_array_set_size (ids, 0);
      for (guint i = from; i < to; i++)
        g_ptr_array_add (ids, ((Entity *)by_lane->pdata[i])->id);
      g_ptr_array_add (ids, NULL);

      if (!load_statements (build, match, error) || check_cancelled (build, error))
        {
          build->lane_ids = NULL;
          return FALSE;
        }

      n_rows += count_lane_rows (build, first_row, lane_rows);
      from = to;
      size *= 2;
    }
  build->lane_ids = NULL;

  *complete = from >= by_lane->len;
  if (!*complete)
    {
      guint last_key = 0;
      guint kept = 0;

      for (guint key = 0, n = 0; key < n_keys && n < max_rows; key++)
        if (lane_rows[key] > 0)
          {
            last_key = key;
            n += lane_rows[key];
          }

      for (guint r = 0; r < build->rows->len; r++)
        if (g_array_index (build->rows, Row, r).lane_key <= last_key)
          g_array_index (build->rows, Row, kept++) = g_array_index (build->rows, Row, r);
      g_array_set_size (build->rows, kept);
    }

  /* Each run came in pk order; arrange() and the lookups by pk need them
   * all in that order. */
  g_array_sort (build->rows, compare_row_pks);
  build->n_statement_rows = build->rows->len;

  return TRUE;
}

static gboolean
load_events (Build       *build,
             const char  *match,
             GError     **error)
{
  const SpFilter *filter = build->filter;
  const char * const *dataset_ids = (const char * const *)filter->dataset_ids;
  const char * const *actor_ids = (const char * const *)filter->actor_ids;
  g_autoptr(GString) sql = NULL;
  g_autoptr(GArray) members = NULL;
  sqlite3_stmt *stmt = NULL;
  guint stance_mask = filter->stances & ALL_STANCES;
  guint cursor = 0;
  int column = 0;
  int rc;

  /* Events have no topic and no stance, so those filters leave none. */
  if (filter->topic_ids != NULL ||
      (filter->stances != 0 && stance_mask != ALL_STANCES) ||
      is_empty (dataset_ids) || is_empty (actor_ids))
    return TRUE;

  if (dataset_ids != NULL &&
      (members = load_dataset_members (build, SP_RECORD_EVENT, "events", error)) == NULL)
    return FALSE;

  sql = g_string_new ("SELECT pk, start_lo, coalesce (end_hi, start_hi), start_precision "
                      "FROM events WHERE 1");
  if (actor_ids != NULL)
    {
      g_string_append (sql, " AND id IN (SELECT event_id FROM event_participants WHERE actor_id IN (");
      append_placeholders (sql, actor_ids);
      g_string_append (sql, ")");
    }
  if (match != NULL)
    g_string_append (sql, " AND pk IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)");
  g_string_append (sql, " ORDER BY pk");

  if (!prepare (build, sql->str, &stmt, error))
    return FALSE;
  if (actor_ids != NULL)
    bind_ids (stmt, &column, actor_ids);
  if (match != NULL)
    sqlite3_bind_text (stmt, ++column, match, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { 0 };

      row.pk = sqlite3_column_int64 (stmt, 0);
      if (members != NULL && !is_member (members, &cursor, row.pk))
        continue;

      row.lo = sqlite3_column_int64 (stmt, 1);
      row.hi = MAX (row.lo + 1, sqlite3_column_int64 (stmt, 2));
      row.precision = sqlite3_column_int (stmt, 3);
      row.kind = SP_ITEM_EVENT;
      g_array_append_val (build->rows, row);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (build->library, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_offices (SpTimelineIndex  *self,
              Build            *build,
              GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->grouping == SP_GROUPING_TOPIC)
    return TRUE;

  if (!prepare (build,
                "SELECT pk, start_lo, end_hi, title, holder_id, of_id FROM offices "
                "ORDER BY start_lo, pk",
                &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entity *holder = g_hash_table_lookup (build->actors, sqlite3_column_text (stmt, 4));
      Entity *of = g_hash_table_lookup (build->actors, sqlite3_column_text (stmt, 5));
      guint lanes[2] = { NO_LANE, NO_LANE };
      SpOfficeBand band;

      if (holder == NULL || of == NULL)
        continue;

      /* A person's lane shows the terms they held, a country's or an
       * organization's lane the terms of its offices. */
      if (holder->lane != NO_LANE && holder->kind == SP_ACTOR_PERSON)
        lanes[0] = holder->lane;
      if (of->lane != NO_LANE && of->kind != SP_ACTOR_PERSON)
        lanes[1] = of->lane;
      if (lanes[0] == NO_LANE && lanes[1] == NO_LANE)
        continue;

      band.pk = sqlite3_column_int64 (stmt, 0);
      band.lo = sqlite3_column_int64 (stmt, 1);
      band.hi = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? G_MAXINT64 : sqlite3_column_int64 (stmt, 2);
      band.title = g_string_chunk_insert_const (self->strings, column_text (stmt, 3));
      band.holder = g_string_chunk_insert_const (self->strings, holder->label);
      band.of = g_string_chunk_insert_const (self->strings, of->label);

      for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
        if (lanes[i] != NO_LANE)
          g_array_append_val (self->lanes[lanes[i]].bands, band);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (build->library, error);
      return FALSE;
    }

  return TRUE;
}

static void
accumulate_counts (guint32       *counts,
                   guint          position,
                   const guint32 *previous,
                   guint8         stance)
{
  guint32 *row = counts + (gsize)position * N_STANCES;

  memcpy (row, previous, N_STANCES * sizeof (guint32));
  if (stance >= SP_STANCE_SUPPORT && stance <= SP_STANCE_UNCLEAR)
    row[stance - 1]++;
}

static int
compare_ranks (gconstpointer a,
               gconstpointer b)
{
  guint32 x = *(const guint32 *)a;
  guint32 y = *(const guint32 *)b;

  return (x > y) - (x < y);
}

/* Stance tracks of one lane: one per topic (per speaker in topic lanes),
 * in label order, each listing its statements in time order. */
static gboolean
build_tracks (SpTimelineIndex  *self,
              Lane             *lane,
              const guint32    *track_keys,
              GPtrArray        *track_entities,
              guint            *track_of_key,
              guint            *next_entry,
              GError          **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint *fill = NULL;
  guint end = lane->first + lane->lane.n_items;
  guint n_tracks;

  for (guint i = lane->first; i < end; i++)
    if (track_of_key[track_keys[i]] == NO_LANE)
      {
        track_of_key[track_keys[i]] = 0;
        g_array_append_val (keys, track_keys[i]);
      }

  n_tracks = keys->len;
  if (n_tracks > G_MAXUINT16 + 1)
    {
      for (guint t = 0; t < n_tracks; t++)
        track_of_key[g_array_index (keys, guint32, t)] = NO_LANE;
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED,
                   /* Translators: %s is the name of a person, a country or a topic */
                   _("The timeline cannot show “%s”: it has more than %u stance tracks"),
                   lane->lane.label, G_MAXUINT16 + 1);
      return FALSE;
    }

  g_array_sort (keys, compare_ranks);
  lane->lane.n_tracks = n_tracks;
  lane->lane.track_labels = g_new0 (char *, n_tracks + 1);
  lane->track_starts = g_new0 (guint, n_tracks + 1);
  for (guint t = 0; t < n_tracks; t++)
    {
      guint32 key = g_array_index (keys, guint32, t);

      track_of_key[key] = t;
      lane->lane.track_labels[t] = g_string_chunk_insert_const (self->strings,
                                                                ((Entity *)track_entities->pdata[key])->label);
    }

  for (guint i = lane->first; i < end; i++)
    {
      self->items[i].track = track_of_key[track_keys[i]];
      lane->track_starts[self->items[i].track + 1]++;
    }

  lane->track_starts[0] = *next_entry;
  for (guint t = 0; t < n_tracks; t++)
    lane->track_starts[t + 1] += lane->track_starts[t];
  *next_entry = lane->track_starts[n_tracks];

  fill = g_memdup2 (lane->track_starts, n_tracks * sizeof (guint));
  for (guint i = lane->first; i < end; i++)
    self->track_entries[fill[self->items[i].track]++] = i;

  for (guint t = 0; t < n_tracks; t++)
    {
      for (guint e = lane->track_starts[t]; e < lane->track_starts[t + 1]; e++)
        {
          gboolean shift = e > lane->track_starts[t] &&
                           self->items[self->track_entries[e]].stance !=
                           self->items[self->track_entries[e - 1]].stance;

          self->track_shifts[e + 1] = self->track_shifts[e] + shift;
        }
      track_of_key[g_array_index (keys, guint32, t)] = NO_LANE;
    }

  return TRUE;
}

static void
init_lane (SpTimelineIndex *self,
           Lane            *lane,
           Entity          *entity)
{
  lane->bands = g_array_new (FALSE, FALSE, sizeof (SpOfficeBand));

  if (entity == NULL)
    {
      lane->lane.kind = SP_LANE_EVENTS;
      /* Translators: the name of the timeline lane that shows events */
      lane->lane.label = g_string_chunk_insert (self->strings, _("Events"));
      return;
    }

  lane->lane.kind = self->grouping == SP_GROUPING_TOPIC ? SP_LANE_TOPIC : SP_LANE_ACTOR;
  lane->lane.actor_kind = entity->kind;
  lane->lane.id = g_string_chunk_insert (self->strings, entity->id);
  lane->lane.label = g_string_chunk_insert (self->strings, entity->label);
}

/* Puts the loaded rows into lanes, sorts them and builds what the queries
 * search and count with. */
static gboolean
arrange (SpTimelineIndex  *self,
         Build            *build,
         GError          **error)
{
  GPtrArray *lane_entities = self->grouping == SP_GROUPING_TOPIC ? build->topic_order : build->actor_order;
  GPtrArray *track_entities = self->grouping == SP_GROUPING_TOPIC ? build->actor_order : build->topic_order;
  const Row *rows = (const Row *)(gpointer)build->rows->data;
  guint n = build->rows->len;
  guint n_keys = lane_entities->len + 1;
  g_autofree guint *key_counts = g_new0 (guint, n_keys);
  g_autofree guint *key_lanes = g_new (guint, n_keys);
  g_autofree guint *fill = NULL;
  g_autofree guint *track_of_key = NULL;
  g_autofree guint32 *track_keys = NULL;
  g_autofree SortKey *keys = NULL;
  guint next_entry = 0;
  guint first = 0;

  for (guint r = 0; r < n; r++)
    key_counts[rows[r].lane_key]++;

  for (guint key = 0; key < n_keys; key++)
    self->n_lanes += key_counts[key] > 0;
  self->lanes = g_new0 (Lane, self->n_lanes);
  fill = g_new (guint, self->n_lanes);

  for (guint key = 0, l = 0; key < n_keys; key++)
    {
      Entity *entity = key > 0 ? lane_entities->pdata[key - 1] : NULL;
      Lane *lane;

      key_lanes[key] = NO_LANE;
      if (key_counts[key] == 0)
        continue;

      lane = &self->lanes[l];
      init_lane (self, lane, entity);
      lane->first = fill[l] = first;
      lane->lane.n_items = key_counts[key];
      first += key_counts[key];
      key_lanes[key] = l;
      if (entity != NULL)
        entity->lane = l;
      l++;
    }

  /* Rows come in pk order, so equal times keep it. */
  keys = g_new (SortKey, MAX (n, 1));
  for (guint r = 0; r < n; r++)
    {
      guint position = fill[key_lanes[rows[r].lane_key]]++;

      keys[position].key = rows[r].lo;
      keys[position].index = r;
    }
  for (guint l = 0; l < self->n_lanes; l++)
    qsort (keys + self->lanes[l].first, self->lanes[l].lane.n_items, sizeof (SortKey), compare_sort_keys);

  if (check_cancelled (build, error))
    return FALSE;

  self->n_items = n;
  self->n_statements = build->n_statement_rows;
  self->n_events = n - build->n_statement_rows;
  self->items = g_new0 (SpTimelineItem, MAX (n, 1));
  self->statements_by_pk = g_new (guint32, MAX (self->n_statements, 1));
  self->events_by_pk = g_new (guint32, MAX (self->n_events, 1));
  track_keys = g_new (guint32, MAX (n, 1));

  for (guint l = 0; l < self->n_lanes; l++)
    for (guint i = self->lanes[l].first; i < self->lanes[l].first + self->lanes[l].lane.n_items; i++)
      {
        guint r = keys[i].index;
        SpTimelineItem *item = &self->items[i];

        item->lo = rows[r].lo;
        item->hi = rows[r].hi;
        item->pk = rows[r].pk;
        item->lane = l;
        item->kind = rows[r].kind;
        item->stance = rows[r].stance;
        item->precision = rows[r].precision;
        track_keys[i] = rows[r].track_key;

        if (r < self->n_statements)
          self->statements_by_pk[r] = i;
        else
          self->events_by_pk[r - self->n_statements] = i;
      }
  g_clear_pointer (&build->rows, g_array_unref);

  self->counts = g_new0 (guint32, ((gsize)n + 1) * N_STANCES);
  for (guint i = 0; i < n; i++)
    accumulate_counts (self->counts, i + 1, self->counts + (gsize)i * N_STANCES, self->items[i].stance);

  self->reach = g_new (gint64, MAX (n, 1));
  self->hi_order = g_new (guint32, MAX (n, 1));
  self->hi_counts = g_new0 (guint32, ((gsize)n + 1) * N_STANCES);
  self->lo = G_MAXINT64;
  self->hi = G_MININT64;

  for (guint l = 0; l < self->n_lanes; l++)
    {
      Lane *lane = &self->lanes[l];
      guint end = lane->first + lane->lane.n_items;

      for (guint i = lane->first; i < end; i++)
        {
          self->reach[i] = i > lane->first ? MAX (self->reach[i - 1], self->items[i].hi) : self->items[i].hi;
          keys[i].key = self->items[i].hi;
          keys[i].index = i;
        }
      qsort (keys + lane->first, lane->lane.n_items, sizeof (SortKey), compare_sort_keys);

      self->lo = MIN (self->lo, self->items[lane->first].lo);
      self->hi = MAX (self->hi, self->reach[end - 1]);
    }

  for (guint x = 0; x < n; x++)
    {
      self->hi_order[x] = keys[x].index;
      accumulate_counts (self->hi_counts, x + 1, self->hi_counts + (gsize)x * N_STANCES,
                         self->items[keys[x].index].stance);
    }

  if (check_cancelled (build, error))
    return FALSE;

  self->track_entries = g_new (guint32, MAX (self->n_statements, 1));
  self->track_shifts = g_new0 (guint32, self->n_statements + 1);
  track_of_key = g_new (guint, MAX (track_entities->len, 1));
  for (guint k = 0; k < track_entities->len; k++)
    track_of_key[k] = NO_LANE;

  for (guint l = 0; l < self->n_lanes; l++)
    if (self->lanes[l].lane.kind != SP_LANE_EVENTS &&
        !build_tracks (self, &self->lanes[l], track_keys, track_entities, track_of_key, &next_entry, error))
      return FALSE;

  /* Lanes are stored in order, so an item's index breaks ties of time by
   * lane, then by pk. */
  for (guint i = 0; i < n; i++)
    {
      keys[i].key = self->items[i].lo;
      keys[i].index = i;
    }
  qsort (keys, n, sizeof (SortKey), compare_sort_keys);

  self->time_order = g_new (guint32, MAX (n, 1));
  self->time_positions = g_new (guint32, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    {
      self->time_order[p] = keys[p].index;
      self->time_positions[keys[p].index] = p;
    }

  return TRUE;
}

/* With @max_rows 0, every lane. */
static SpTimelineIndex *
build_index (SpLibrary       *library,
             SpGrouping       grouping,
             const SpFilter  *filter,
             guint            max_rows,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(SpTimelineIndex) self = g_object_new (SP_TYPE_TIMELINE_INDEX, NULL);
  g_autoptr(SpFilter) everything = sp_filter_new ();
  g_autofree char *match = NULL;
  Build build = { 0 };
  GHashTableIter iter;
  Entity *actor;
  gboolean began = FALSE;
  gboolean ok;

  self->grouping = grouping;
  build.library = library;
  build.db = sp_library_get_db (library);
  build.grouping = grouping;
  build.filter = filter != NULL ? filter : everything;
  build.cancellable = cancellable;
  build.rows = g_array_new (FALSE, FALSE, sizeof (Row));
  match = make_match_query (build.filter->search);

  /* One read transaction, so that statements, events and offices come
   * from the same state of the library. */
  if (sqlite3_get_autocommit (build.db))
    {
      if (!sp_library_exec (library, "BEGIN", error))
        {
          build_clear (&build);
          return NULL;
        }
      began = TRUE;
    }

  ok = load_entities (&build, "SELECT id, name, kind, country_id FROM actors", TRUE, error) &&
       load_entities (&build, "SELECT id, label FROM topics", FALSE, error);

  if (ok)
    {
      g_hash_table_iter_init (&iter, build.actors);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&actor))
        if (actor->kind == SP_ACTOR_PERSON && actor->country_id != NULL)
          {
            Entity *country = g_hash_table_lookup (build.actors, actor->country_id);

            if (country != NULL && country->kind == SP_ACTOR_COUNTRY)
              actor->country = country;
          }
    }

  self->complete = max_rows == 0;
  ok = ok &&
       (max_rows == 0 ? load_statements (&build, match, error)
                      : load_first_lanes (&build, match, max_rows, &self->complete, error)) &&
       load_events (&build, match, error) &&
       !check_cancelled (&build, error) &&
       arrange (self, &build, error) &&
       load_offices (self, &build, error);

  if (began)
    sqlite3_exec (build.db, "ROLLBACK", NULL, NULL, NULL);
  build_clear (&build);

  return ok ? g_steal_pointer (&self) : NULL;
}

/* A NULL @filter shows everything. */
SpTimelineIndex *
sp_timeline_index_new (SpLibrary       *library,
                       SpGrouping       grouping,
                       const SpFilter  *filter,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_return_val_if_fail (SP_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return build_index (library, grouping, filter, 0, cancellable, error);
}

/**
 * sp_timeline_index_new_first_lanes:
 *
 * Like sp_timeline_index_new(), but with only the events lane and the
 * first lanes of statements, each one whole, until they hold @n_rows rows,
 * counting a lane's header and each of its stance tracks as a row: enough
 * to draw the top of the timeline while the whole index is built, at a
 * small part of its cost in a large library.  When no lane was left out,
 * the index is the same as sp_timeline_index_new() builds, and complete.
 */
SpTimelineIndex *
sp_timeline_index_new_first_lanes (SpLibrary       *library,
                                   SpGrouping       grouping,
                                   const SpFilter  *filter,
                                   guint            n_rows,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_return_val_if_fail (SP_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (n_rows > 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return build_index (library, grouping, filter, n_rows, cancellable, error);
}

typedef struct {
  SpLibrary  *library;
  SpGrouping  grouping;
  SpFilter   *filter;
  guint       max_rows;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_clear_object (&data->library);
  g_clear_pointer (&data->filter, sp_filter_free);
  g_free (data);
}

static void
build_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BuildData *data = task_data;
  g_autoptr(SpLibrary) library = NULL;
  const char *path = sp_library_get_path (data->library);
  SpTimelineIndex *self;
  GError *error = NULL;

  /* A connection of its own, as the caller's stays in use on its thread.
   * An in-memory library exists only in its connection, which the caller
   * then must leave alone until the index is built. */
  if (g_strcmp0 (path, ":memory:") == 0)
    library = g_object_ref (data->library);
  else if ((library = sp_library_open (path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  self = build_index (library, data->grouping, data->filter, data->max_rows, cancellable, &error);
  if (self != NULL)
    g_task_return_pointer (task, self, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
build_async (SpLibrary           *library,
             SpGrouping           grouping,
             const SpFilter      *filter,
             guint                max_rows,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  data = g_new0 (BuildData, 1);
  data->library = g_object_ref (library);
  data->grouping = grouping;
  data->filter = filter != NULL ? sp_filter_copy (filter) : sp_filter_new ();
  data->max_rows = max_rows;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_timeline_index_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify)build_data_free);
  g_task_run_in_thread (task, build_in_thread);
}

void
sp_timeline_index_new_async (SpLibrary           *library,
                             SpGrouping           grouping,
                             const SpFilter      *filter,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SP_IS_LIBRARY (library));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  build_async (library, grouping, filter, 0, cancellable, callback, user_data);
}

/* Finished with sp_timeline_index_new_finish(). */
void
sp_timeline_index_new_first_lanes_async (SpLibrary           *library,
                                         SpGrouping           grouping,
                                         const SpFilter      *filter,
                                         guint                n_rows,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (SP_IS_LIBRARY (library));
  g_return_if_fail (n_rows > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  build_async (library, grouping, filter, n_rows, cancellable, callback, user_data);
}

SpTimelineIndex *
sp_timeline_index_new_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_timeline_index_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading */

SpGrouping
sp_timeline_index_get_grouping (SpTimelineIndex *self)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), SP_GROUPING_ACTOR);

  return self->grouping;
}

/* FALSE for an index of the first lanes that left lanes out. */
gboolean
sp_timeline_index_is_complete (SpTimelineIndex *self)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), FALSE);

  return self->complete;
}

guint
sp_timeline_index_get_n_lanes (SpTimelineIndex *self)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), 0);

  return self->n_lanes;
}

const SpLane *
sp_timeline_index_get_lane (SpTimelineIndex *self,
                            guint            lane)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), NULL);
  g_return_val_if_fail (lane < self->n_lanes, NULL);

  return &self->lanes[lane].lane;
}

guint
sp_timeline_index_get_n_items (SpTimelineIndex *self)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), 0);

  return self->n_items;
}

const SpTimelineItem *
sp_timeline_index_get_item (SpTimelineIndex *self,
                            guint            item)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), NULL);
  g_return_val_if_fail (item < self->n_items, NULL);

  return &self->items[item];
}

gboolean
sp_timeline_index_get_bounds (SpTimelineIndex *self,
                              gint64          *lo,
                              gint64          *hi)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), FALSE);

  if (self->n_items == 0)
    return FALSE;

  if (lo != NULL)
    *lo = self->lo;
  if (hi != NULL)
    *hi = self->hi;

  return TRUE;
}

/* The first of items [from, to) with lo >= @time, or @to. */
static guint
lower_bound (const SpTimelineItem *items,
             guint                 from,
             guint                 to,
             gint64                time)
{
  while (from < to)
    {
      guint middle = from + (to - from) / 2;

      if (items[middle].lo < time)
        from = middle + 1;
      else
        to = middle;
    }

  return from;
}

/* The same over the entries of a stance track. */
static guint
lower_bound_entries (const SpTimelineItem *items,
                     const guint32        *entries,
                     guint                 from,
                     guint                 to,
                     gint64                time)
{
  while (from < to)
    {
      guint middle = from + (to - from) / 2;

      if (items[entries[middle]].lo < time)
        from = middle + 1;
      else
        to = middle;
    }

  return from;
}

/* Buckets are aligned to multiples of @bucket since 1970. */
static gint64
bucket_start (gint64 time,
              gint64 bucket)
{
  gint64 rest = time % bucket;

  return rest < 0 ? time - rest - bucket : time - rest;
}

static gint64
bucket_end (gint64 time,
            gint64 bucket)
{
  gint64 start = bucket_start (time, bucket);

  return start > G_MAXINT64 - bucket ? G_MAXINT64 : start + bucket;
}

static void
set_stance_counts (SpTimelineMark *mark,
                   const guint32  *from,
                   const guint32  *to,
                   const guint32  *minus_from,
                   const guint32  *minus_to)
{
  guint with_stance = 0;

  for (guint s = 0; s < N_STANCES; s++)
    {
      mark->stance_counts[s + 1] = to[s] - from[s];
      if (minus_from != NULL)
        mark->stance_counts[s + 1] -= minus_to[s] - minus_from[s];
      with_stance += mark->stance_counts[s + 1];
    }
  mark->stance_counts[0] = mark->count - with_stance;
}

static const guint32 *
counts_at (const guint32 *counts,
           guint          position)
{
  return counts + (gsize)position * N_STANCES;
}

/* The items of @lane that began before @lo and still run at @lo, as one
 * mark.  They are not a contiguous run of items: those in between ended
 * before @lo, and are counted out through the lane's order by hi. */
static void
append_running (SpTimelineIndex *self,
                Lane            *lane,
                guint            start,
                gint64           lo,
                GArray          *marks)
{
  guint end = lane->first + lane->lane.n_items;
  SpTimelineMark mark = { 0 };
  guint from = lane->first;
  guint to = start;
  guint ended;

  while (from < to)
    {
      guint middle = from + (to - from) / 2;

      if (self->reach[middle] <= lo)
        from = middle + 1;
      else
        to = middle;
    }
  mark.first = from;
  mark.lo = self->items[from].lo;
  mark.hi = self->reach[start - 1];

  from = lane->first;
  to = end;
  while (from < to)
    {
      guint middle = from + (to - from) / 2;

      if (self->items[self->hi_order[middle]].hi <= lo)
        from = middle + 1;
      else
        to = middle;
    }
  ended = from - lane->first;

  mark.count = start - lane->first - ended;
  set_stance_counts (&mark,
                     counts_at (self->counts, lane->first), counts_at (self->counts, start),
                     counts_at (self->hi_counts, lane->first),
                     counts_at (self->hi_counts, lane->first + ended));
  g_array_append_val (marks, mark);
}

void
sp_timeline_index_query (SpTimelineIndex *self,
                         guint            lane_index,
                         gint64           lo,
                         gint64           hi,
                         gint64           bucket,
                         GArray          *marks)
{
  Lane *lane;
  guint start;
  guint stop;
  guint end;

  g_return_if_fail (SP_IS_TIMELINE_INDEX (self));
  g_return_if_fail (lane_index < self->n_lanes);
  g_return_if_fail (bucket > 0);
  g_return_if_fail (marks != NULL && g_array_get_element_size (marks) == sizeof (SpTimelineMark));

  if (lo >= hi)
    return;

  lane = &self->lanes[lane_index];
  end = lane->first + lane->lane.n_items;
  start = lower_bound (self->items, lane->first, end, lo);
  stop = lower_bound (self->items, start, end, hi);

  if (start > lane->first && self->reach[start - 1] > lo)
    append_running (self, lane, start, lo, marks);

  for (guint first = start, next; first < stop; first = next)
    {
      SpTimelineMark mark = { 0 };

      next = lower_bound (self->items, first + 1, stop,
                          MIN (bucket_end (self->items[first].lo, bucket), hi));
      mark.lo = self->items[first].lo;
      mark.hi = self->items[next - 1].hi;
      mark.first = first;
      mark.count = next - first;
      set_stance_counts (&mark, counts_at (self->counts, first), counts_at (self->counts, next), NULL, NULL);
      g_array_append_val (marks, mark);
    }
}

static void
append_segment (GArray *segments,
                gint64  lo,
                gint64  hi,
                guint8  stance,
                guint8  shift,
                guint8  dense)
{
  SpStanceSegment segment = { lo, hi, stance, shift, dense };

  g_array_append_val (segments, segment);
}

void
sp_timeline_index_query_track (SpTimelineIndex *self,
                               guint            lane_index,
                               guint            track,
                               gint64           lo,
                               gint64           hi,
                               gint64           bucket,
                               GArray          *segments)
{
  const SpTimelineItem *items;
  const guint32 *entries;
  const guint32 *shifts;
  Lane *lane;
  guint n;
  guint j;

  g_return_if_fail (SP_IS_TIMELINE_INDEX (self));
  g_return_if_fail (lane_index < self->n_lanes);
  g_return_if_fail (track < self->lanes[lane_index].lane.n_tracks);
  g_return_if_fail (bucket > 0);
  g_return_if_fail (segments != NULL && g_array_get_element_size (segments) == sizeof (SpStanceSegment));

  if (lo >= hi)
    return;

  lane = &self->lanes[lane_index];
  items = self->items;
  entries = self->track_entries + lane->track_starts[track];
  shifts = self->track_shifts + lane->track_starts[track];
  n = lane->track_starts[track + 1] - lane->track_starts[track];

  /* From the segment running at @lo, or rather from the first of its
   * bucket, so that a dense bucket is never cut in two. */
  j = lower_bound_entries (items, entries, 0, n, lo + 1);
  j = j > 0 ? j - 1 : 0;
  j = lower_bound_entries (items, entries, 0, j, bucket_start (items[entries[j]].lo, bucket));

  while (j < n && items[entries[j]].lo < hi)
    {
      gint64 start = items[entries[j]].lo;
      gint64 cell_end = bucket_end (start, bucket);
      guint next = lower_bound_entries (items, entries, j + 1, n, cell_end);
      guint8 stance = items[entries[next - 1]].stance;
      gint64 end = next < n ? items[entries[next]].lo : items[entries[next - 1]].hi;

      if (next - j == 1)
        {
          if (end > lo)
            append_segment (segments, start, end, stance, shifts[j + 1] > shifts[j], FALSE);
        }
      else
        {
          gint64 dense_end = MIN (end, cell_end);

          if (dense_end > lo)
            append_segment (segments, start, dense_end, stance, shifts[next] > shifts[j], TRUE);
          if (end > cell_end && end > lo && cell_end < hi)
            append_segment (segments, cell_end, end, stance, FALSE, FALSE);
        }

      j = next;
    }
}

void
sp_timeline_index_query_offices (SpTimelineIndex *self,
                                 guint            lane,
                                 gint64           lo,
                                 gint64           hi,
                                 GArray          *bands)
{
  GArray *lane_bands;

  g_return_if_fail (SP_IS_TIMELINE_INDEX (self));
  g_return_if_fail (lane < self->n_lanes);
  g_return_if_fail (bands != NULL && g_array_get_element_size (bands) == sizeof (SpOfficeBand));

  lane_bands = self->lanes[lane].bands;
  for (guint i = 0; i < lane_bands->len; i++)
    {
      const SpOfficeBand *band = &g_array_index (lane_bands, SpOfficeBand, i);

      if (band->lo >= hi)
        break;
      if (band->hi > lo)
        g_array_append_val (bands, *band);
    }
}

guint
sp_timeline_index_get_time_position (SpTimelineIndex *self,
                                     guint            item)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), G_MAXUINT);
  g_return_val_if_fail (item < self->n_items, G_MAXUINT);

  return self->time_positions[item];
}

guint
sp_timeline_index_get_item_at_time_position (SpTimelineIndex *self,
                                             guint            position)
{
  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), G_MAXUINT);
  g_return_val_if_fail (position < self->n_items, G_MAXUINT);

  return self->time_order[position];
}

/* Nearest by start; of items starting at the same time, the first. */
guint
sp_timeline_index_find_nearest (SpTimelineIndex *self,
                                guint            lane_index,
                                gint64           time)
{
  Lane *lane;
  guint end;
  guint after;
  guint before;

  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), G_MAXUINT);
  g_return_val_if_fail (lane_index < self->n_lanes, G_MAXUINT);

  lane = &self->lanes[lane_index];
  end = lane->first + lane->lane.n_items;
  if (lane->lane.n_items == 0)
    return G_MAXUINT;

  after = lower_bound (self->items, lane->first, end, time);
  if (after == lane->first)
    return after;

  before = lower_bound (self->items, lane->first, after, self->items[after - 1].lo);
  if (after == end ||
      (guint64)time - (guint64)self->items[before].lo <= (guint64)self->items[after].lo - (guint64)time)
    return before;

  return after;
}

guint
sp_timeline_index_find_item (SpTimelineIndex *self,
                             SpItemKind       kind,
                             gint64           pk)
{
  const guint32 *by_pk;
  guint from = 0;
  guint to;

  g_return_val_if_fail (SP_IS_TIMELINE_INDEX (self), G_MAXUINT);
  g_return_val_if_fail (kind == SP_ITEM_STATEMENT || kind == SP_ITEM_EVENT, G_MAXUINT);

  by_pk = kind == SP_ITEM_STATEMENT ? self->statements_by_pk : self->events_by_pk;
  to = kind == SP_ITEM_STATEMENT ? self->n_statements : self->n_events;

  while (from < to)
    {
      guint middle = from + (to - from) / 2;

      if (self->items[by_pk[middle]].pk < pk)
        from = middle + 1;
      else
        to = middle;
    }

  if (from < (kind == SP_ITEM_STATEMENT ? self->n_statements : self->n_events) &&
      self->items[by_pk[from]].pk == pk)
    return by_pk[from];

  return G_MAXUINT;
}
