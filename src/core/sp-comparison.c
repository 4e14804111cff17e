#define G_LOG_DOMAIN "standpoint-comparison"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-comparison.h"
#include "sp-date.h"

/* A side's statements are read per speaker through statements_by_speaker,
 * newest window first: the whole period, then windows before it of
 * doubling length, until every chosen topic has its latest statement or
 * the speakers' records are exhausted.  Without a (speaker, topic) index,
 * reading a speaker's statements by time and keeping those of the chosen
 * topics is cheaper than one lookup per speaker and topic.  That first
 * pass reads only what an index on (speaker_id, said_lo, topic_id,
 * said_hi, stance) would cover; the rest of a statement is read only for
 * the evidence kept. */

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
/* The longest period a said date can cover, a leap year: a statement
 * that overlaps an office term starts at most this long before it. */
#define MAX_SAID_SPAN (366 * SECONDS_PER_DAY)
#define FIRST_STEP (365 * SECONDS_PER_DAY)
#define ONGOING G_MAXINT64

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct {
  char   *id;
  char   *holder_id;
  char   *holder;
  char   *title;
  char   *of_id;
  char   *start;
  char   *end;
  char   *label;     /* "Secretary of Defense, United States" */
  gint64  lo;
  gint64  hi;        /* ONGOING while held */
} Office;

/* Inclusive bounds on said_lo. */
typedef struct {
  gint64 lo;
  gint64 hi;
} Range;

typedef struct {
  char      *id;
  char      *name;
  /* Office, borrowed, by start: the offices shown with its statements;
   * for an office holder speaking for a side, the side's offices it held,
   * outside which its statements do not count. */
  GPtrArray *terms;
  gboolean   restricted;
  GArray    *ranges;     /* Range, disjoint and in order */
} Speaker;

/* A statement that counts for a side, as far as the first pass reads it. */
typedef struct {
  gint64         pk;
  gint64         said_lo;
  gint64         said_hi;
  SpStance       stance;
  const Speaker *speaker;
  const Office  *term;
} Hit;

typedef struct {
  GArray   *hits;        /* Hit */
  gboolean  found;       /* hits hold the latest statement */
} Pending;

typedef struct {
  SpSide     *side;      /* borrowed from the comparison */
  GPtrArray  *held;      /* Office: held by the side */
  GPtrArray  *of;        /* Office: offices of the side held by others */
  GPtrArray  *speakers;  /* Speaker */
  GHashTable *pending;   /* topic id -> Pending */
  guint       n_found;
} SideState;

typedef struct {
  SpLibrary    *library;
  gboolean      in_savepoint;
  SpComparison *comparison;
  gboolean      all_topics;
  SideState     states[SP_COMPARISON_MAX_SIDES];
  GHashTable   *citations;   /* source id -> SpCitation, borrowed */
  sqlite3_stmt *read_statements;
  sqlite3_stmt *read_details;
  sqlite3_stmt *first_said;
  sqlite3_stmt *last_said;
  sqlite3_stmt *offices_held;
  sqlite3_stmt *offices_of;
  sqlite3_stmt *events;
  sqlite3_stmt *office_source;
  sqlite3_stmt *event_source;
} Builder;

typedef struct {
  char     *text;
  gboolean  current;
  gint64    lo;
  gint64    hi;
  char     *source_id;
} Role;

static void
office_free (Office *office)
{
  g_free (office->id);
  g_free (office->holder_id);
  g_free (office->holder);
  g_free (office->title);
  g_free (office->of_id);
  g_free (office->start);
  g_free (office->end);
  g_free (office->label);
  g_free (office);
}

static void
speaker_free (Speaker *speaker)
{
  g_free (speaker->id);
  g_free (speaker->name);
  g_ptr_array_unref (speaker->terms);
  g_array_unref (speaker->ranges);
  g_free (speaker);
}

static void
evidence_free (SpEvidence *evidence)
{
  g_free (evidence->id);
  g_free (evidence->said);
  g_free (evidence->speaker);
  g_free (evidence->office);
  g_free (evidence->quote);
  g_free (evidence->paraphrase);
  g_free (evidence->unit);
  g_free (evidence->source_id);
  g_free (evidence);
}

static void
pending_free (Pending *pending)
{
  g_array_unref (pending->hits);
  g_free (pending);
}

static Pending *
pending_new (void)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->hits = g_array_new (FALSE, FALSE, sizeof (Hit));

  return pending;
}

static void
role_free (Role *role)
{
  g_free (role->text);
  g_free (role->source_id);
  g_free (role);
}

static void
side_role_free (SpSideRole *role)
{
  g_free (role->text);
  g_free (role->source_id);
  g_free (role);
}

static void
citation_free (SpCitation *citation)
{
  g_free (citation->source_id);
  g_free (citation->title);
  g_free (citation->publisher);
  g_free (citation->published);
  g_free (citation->url);
  g_free (citation);
}

static void
row_free (SpComparisonRow *row)
{
  g_free (row->id);
  g_free (row->label);
  g_free (row->proposition);
  g_free (row);
}

/**
 * sp_comparison_free:
 * @comparison: a comparison
 *
 * Frees @comparison and everything in it.
 */
void
sp_comparison_free (SpComparison *comparison)
{
  g_return_if_fail (comparison != NULL);

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      SpComparisonRow *row = comparison->rows->pdata[i];

      for (guint s = 0; s < comparison->n_sides; s++)
        {
          g_clear_pointer (&row->cells[s].evidence, g_ptr_array_unref);
          g_free (row->cells[s].shifted_from_date);
        }
      g_free (row->cells);
    }
  g_ptr_array_unref (comparison->rows);

  for (guint s = 0; s < comparison->n_sides; s++)
    {
      g_free (comparison->sides[s].id);
      g_free (comparison->sides[s].name);
      g_clear_pointer (&comparison->sides[s].roles, g_ptr_array_unref);
    }
  g_free (comparison->sides);

  g_ptr_array_unref (comparison->citations);
  g_free (comparison->as_of_label);
  g_free (comparison);
}

static void
builder_clear (Builder *b)
{
  for (guint s = 0; s < SP_COMPARISON_MAX_SIDES; s++)
    {
      g_clear_pointer (&b->states[s].held, g_ptr_array_unref);
      g_clear_pointer (&b->states[s].of, g_ptr_array_unref);
      g_clear_pointer (&b->states[s].speakers, g_ptr_array_unref);
      g_clear_pointer (&b->states[s].pending, g_hash_table_unref);
    }
  g_clear_pointer (&b->comparison, sp_comparison_free);
  g_clear_pointer (&b->citations, g_hash_table_unref);
  g_clear_pointer (&b->read_statements, sqlite3_finalize);
  g_clear_pointer (&b->read_details, sqlite3_finalize);
  g_clear_pointer (&b->first_said, sqlite3_finalize);
  g_clear_pointer (&b->last_said, sqlite3_finalize);
  g_clear_pointer (&b->offices_held, sqlite3_finalize);
  g_clear_pointer (&b->offices_of, sqlite3_finalize);
  g_clear_pointer (&b->events, sqlite3_finalize);
  g_clear_pointer (&b->office_source, sqlite3_finalize);
  g_clear_pointer (&b->event_source, sqlite3_finalize);
  if (b->in_savepoint)
    sp_library_exec (b->library, "RELEASE sp_comparison", NULL);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Builder, builder_clear)

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
format_span (const char *start,
             const char *end)
{
  g_autofree char *from = sp_date_format_stored (start);
  g_autofree char *to = sp_date_format_stored (end);

  if (to == NULL)
    return g_steal_pointer (&from);

  /* Translators: a span of time, as in "12 Feb 2025 – 14 Feb 2025" */
  return g_strdup_printf (C_("span", "%1$s – %2$s"), from, to);
}

static gint64
floor_to_day (gint64 time)
{
  gint64 day = time / SECONDS_PER_DAY;

  if (time % SECONDS_PER_DAY < 0)
    day--;

  return day * SECONDS_PER_DAY;
}

/* The second after @time, without overflowing. */
static inline gint64
after (gint64 time)
{
  return time < G_MAXINT64 ? time + 1 : time;
}

/* Do [lo1, hi1) and [lo2, hi2) share a second? */
static inline gboolean
overlaps (gint64 lo1,
          gint64 hi1,
          gint64 lo2,
          gint64 hi2)
{
  return lo1 < hi2 && lo2 < hi1;
}

static gboolean
step_done (SpLibrary  *library,
           int         rc,
           GError    **error)
{
  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  return TRUE;
}

/* Offices */

#define OFFICE_QUERY \
  "SELECT o.id, o.holder_id, h.name, o.title, o.of_id, f.name," \
  " o.start, o.\"end\", o.start_lo, o.end_hi" \
  " FROM offices AS o" \
  " JOIN actors AS h ON h.id = o.holder_id" \
  " JOIN actors AS f ON f.id = o.of_id"

static GPtrArray *
load_offices (Builder       *b,
              sqlite3_stmt  *stmt,
              const char    *actor_id,
              GError       **error)
{
  g_autoptr(GPtrArray) offices = g_ptr_array_new_with_free_func ((GDestroyNotify) office_free);
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, actor_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Office *office = g_new0 (Office, 1);

      office->id = column_text (stmt, 0);
      office->holder_id = column_text (stmt, 1);
      office->holder = column_text (stmt, 2);
      office->title = column_text (stmt, 3);
      office->of_id = column_text (stmt, 4);
      /* Translators: an office and the country or organization it belongs
       * to, as in "Secretary of Defense, United States" */
      office->label = g_strdup_printf (C_("office", "%1$s, %2$s"), office->title,
                                       (const char *) sqlite3_column_text (stmt, 5));
      office->start = column_text (stmt, 6);
      office->end = column_text (stmt, 7);
      office->lo = sqlite3_column_int64 (stmt, 8);
      office->hi = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? ONGOING : sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (offices, office);
    }

  if (!step_done (b->library, rc, error))
    return NULL;

  return g_steal_pointer (&offices);
}

/* The term the statement [lo, hi) falls in, the latest to start when
 * several do, as the details pane shows it. */
static const Office *
find_term (const Speaker *speaker,
           gint64         lo,
           gint64         hi)
{
  for (guint i = speaker->terms->len; i > 0; i--)
    {
      const Office *office = speaker->terms->pdata[i - 1];

      if (overlaps (office->lo, office->hi, lo, hi))
        return office;
    }

  return NULL;
}

/* Speakers */

static Speaker *
speaker_new (const char *id,
             const char *name,
             gboolean    restricted)
{
  Speaker *speaker = g_new0 (Speaker, 1);

  speaker->id = g_strdup (id);
  speaker->name = g_strdup (name);
  speaker->restricted = restricted;
  speaker->terms = g_ptr_array_new ();
  speaker->ranges = g_array_new (FALSE, FALSE, sizeof (Range));

  return speaker;
}

/* Reads the said_lo of the first row of @stmt, bound to @speaker and
 * @as_of; FALSE with no @error when there is none. */
static gboolean
said_bound (Builder       *b,
            sqlite3_stmt  *stmt,
            Speaker       *speaker,
            gint64        *bound,
            GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, speaker->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, b->comparison->as_of);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *bound = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    sp_library_set_error (b->library, error);

  return FALSE;
}

/* The said_lo ranges to read for @speaker: its statements up to the
 * as-of date, for an office holder only those that may overlap a term. */
static gboolean
set_ranges (Builder  *b,
            Speaker  *speaker,
            GError  **error)
{
  GError *local_error = NULL;
  gint64 first = G_MININT64;
  gint64 last = b->comparison->as_of;

  /* An office holder's terms bound its ranges well enough. */
  if (!speaker->restricted &&
      (!said_bound (b, b->first_said, speaker, &first, &local_error) ||
       !said_bound (b, b->last_said, speaker, &last, &local_error)))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (!speaker->restricted)
    {
      Range range = { first, last };

      g_array_append_val (speaker->ranges, range);
      return TRUE;
    }

  for (guint i = 0; i < speaker->terms->len; i++)
    {
      const Office *term = speaker->terms->pdata[i];
      Range range;

      range.lo = MAX (term->lo - MAX_SAID_SPAN, first);
      range.hi = term->hi == ONGOING ? last : MIN (term->hi - 1, last);
      if (range.lo > range.hi)
        continue;

      /* Terms come by start, so only the last range can meet this one. */
      if (speaker->ranges->len > 0)
        {
          Range *previous = &g_array_index (speaker->ranges, Range, speaker->ranges->len - 1);

          if (range.lo <= previous->hi + 1)
            {
              previous->hi = MAX (previous->hi, range.hi);
              continue;
            }
        }
      g_array_append_val (speaker->ranges, range);
    }

  return TRUE;
}

static gboolean
load_speakers (Builder    *b,
               SideState  *state,
               GError    **error)
{
  SpSide *side = state->side;
  Speaker *self = speaker_new (side->id, side->name, FALSE);
  g_autoptr(GHashTable) holders = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_add (state->speakers, self);
  g_ptr_array_extend (self->terms, state->held, NULL, NULL);

  for (guint i = 0; i < state->of->len; i++)
    {
      Office *office = state->of->pdata[i];
      Speaker *holder;

      if (strcmp (office->holder_id, side->id) == 0)
        continue;

      holder = g_hash_table_lookup (holders, office->holder_id);
      if (holder == NULL)
        {
          holder = speaker_new (office->holder_id, office->holder, TRUE);
          g_hash_table_insert (holders, holder->id, holder);
          g_ptr_array_add (state->speakers, holder);
        }
      g_ptr_array_add (holder->terms, office);
    }

  for (guint i = 0; i < state->speakers->len; i++)
    if (!set_ranges (b, state->speakers->pdata[i], error))
      return FALSE;

  return TRUE;
}

/* Reading statements */

static gboolean
read_range (Builder    *b,
            SideState  *state,
            Speaker    *speaker,
            gint64      lo,
            gint64      hi,
            GError    **error)
{
  sqlite3_stmt *stmt = b->read_statements;
  gint64 period_start = b->comparison->period_start;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, speaker->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, lo);
  sqlite3_bind_int64 (stmt, 3, hi);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *topic_id = (const char *) sqlite3_column_text (stmt, 1);
      Pending *pending = g_hash_table_lookup (state->pending, topic_id);
      Hit hit;

      if (pending == NULL && !b->all_topics)
        continue;

      hit.said_lo = sqlite3_column_int64 (stmt, 3);
      /* Older than the period and than the latest: it changes nothing. */
      if (pending != NULL && pending->found && hit.said_lo < period_start)
        continue;

      hit.said_hi = sqlite3_column_int64 (stmt, 4);
      hit.term = find_term (speaker, hit.said_lo, hit.said_hi);
      if (speaker->restricted && hit.term == NULL)
        continue;

      hit.pk = sqlite3_column_int64 (stmt, 0);
      hit.stance = sqlite3_column_int (stmt, 2);
      hit.speaker = speaker;
      if (pending == NULL)
        {
          pending = pending_new ();
          g_hash_table_insert (state->pending, g_strdup (topic_id), pending);
        }
      g_array_append_val (pending->hits, hit);
    }

  return step_done (b->library, rc, error);
}

static gboolean
read_side (Builder    *b,
           SideState  *state,
           GError    **error)
{
  gint64 bottom = G_MAXINT64;
  gint64 top = G_MININT64;
  gint64 step = FIRST_STEP;
  gint64 lo;
  gint64 hi;

  for (guint i = 0; i < state->speakers->len; i++)
    {
      GArray *ranges = ((Speaker *) state->speakers->pdata[i])->ranges;

      if (ranges->len == 0)
        continue;
      bottom = MIN (bottom, g_array_index (ranges, Range, 0).lo);
      top = MAX (top, g_array_index (ranges, Range, ranges->len - 1).hi);
    }
  if (bottom > top)
    return TRUE;

  hi = top;
  lo = CLAMP (b->comparison->period_start, bottom, top);
  for (;;)
    {
      GHashTableIter iter;
      Pending *pending;

      for (guint i = 0; i < state->speakers->len; i++)
        {
          Speaker *speaker = state->speakers->pdata[i];

          for (guint r = 0; r < speaker->ranges->len; r++)
            {
              const Range *range = &g_array_index (speaker->ranges, Range, r);
              gint64 from = MAX (lo, range->lo);
              gint64 to = MIN (hi, range->hi);

              if (from <= to && !read_range (b, state, speaker, from, to, error))
                return FALSE;
            }
        }

      g_hash_table_iter_init (&iter, state->pending);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
        if (!pending->found && pending->hits->len > 0)
          {
            pending->found = TRUE;
            state->n_found++;
          }

      if (lo <= bottom)
        break;
      if (!b->all_topics && state->n_found == g_hash_table_size (state->pending))
        break;

      hi = lo - 1;
      lo = MAX (hi - step, bottom);
      if (step < G_MAXINT64 / 2)
        step *= 2;
    }

  return TRUE;
}

/* Cells */

/* Newest first: the later start, then the finer date (the shorter
 * period); the ids order the rest once they are read. */
static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  if (x->said_lo != y->said_lo)
    return x->said_lo > y->said_lo ? -1 : 1;
  if (x->said_hi != y->said_hi)
    return x->said_hi < y->said_hi ? -1 : 1;

  return 0;
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b)
{
  const SpEvidence *x = *(SpEvidence * const *) a;
  const SpEvidence *y = *(SpEvidence * const *) b;
  Hit hx = { .said_lo = x->said_lo, .said_hi = x->said_hi };
  Hit hy = { .said_lo = y->said_lo, .said_hi = y->said_hi };
  int order = compare_hits (&hx, &hy);

  return order != 0 ? order : strcmp (x->id, y->id);
}

/* The end of the run of statements tied with hits[start], and their
 * stance: mixed when they disagree. */
static guint
group_end (const Hit *hits,
           guint      n_hits,
           guint      start,
           SpStance  *stance)
{
  guint end;

  *stance = hits[start].stance;
  for (end = start + 1; end < n_hits; end++)
    {
      if (hits[end].said_lo != hits[start].said_lo || hits[end].said_hi != hits[start].said_hi)
        break;
      if (hits[end].stance != *stance)
        *stance = SP_STANCE_MIXED;
    }

  return end;
}

static SpEvidence *
read_evidence (Builder    *b,
               const Hit  *hit,
               GError    **error)
{
  sqlite3_stmt *stmt = b->read_details;
  SpEvidence *evidence;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, hit->pk);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sp_library_set_error (b->library, error);
      return NULL;
    }

  evidence = g_new0 (SpEvidence, 1);
  evidence->pk = hit->pk;
  evidence->id = column_text (stmt, 0);
  evidence->stance = hit->stance;
  evidence->said_lo = hit->said_lo;
  evidence->said_hi = hit->said_hi;
  evidence->said = sp_date_format_stored ((const char *) sqlite3_column_text (stmt, 1));
  evidence->speaker = g_strdup (hit->speaker->name);
  evidence->office = hit->term != NULL ? g_strdup (hit->term->label) : NULL;
  evidence->has_quantity = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  evidence->quantity = sqlite3_column_double (stmt, 2);
  evidence->unit = column_text (stmt, 3);
  evidence->quote = column_text (stmt, 4);
  evidence->paraphrase = column_text (stmt, 5);
  evidence->source_id = column_text (stmt, 6);

  return evidence;
}

static gboolean
finish_cell (Builder  *b,
             Pending  *pending,
             SpCell   *cell,
             GError  **error)
{
  gint64 period_start = b->comparison->period_start;
  const Hit *hits;
  guint n_hits;
  guint n_tied;
  guint kept;

  cell->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);
  if (pending == NULL || pending->hits->len == 0)
    {
      cell->state = SP_CELL_NO_POSITION;
      return TRUE;
    }

  g_array_sort (pending->hits, compare_hits);
  hits = (const Hit *) pending->hits->data;
  n_hits = pending->hits->len;

  cell->state = SP_CELL_POSITION;
  n_tied = group_end (hits, n_hits, 0, &cell->stance);

  if (hits[0].said_lo >= period_start)
    {
      guint start = n_tied;

      while (start < n_hits && hits[start].said_lo >= period_start)
        {
          SpStance stance;
          guint end = group_end (hits, n_hits, start, &stance);

          if (stance != cell->stance)
            {
              SpEvidence *earlier = read_evidence (b, &hits[start], error);

              if (earlier == NULL)
                return FALSE;
              cell->shifted = TRUE;
              cell->shifted_from = stance;
              cell->shifted_from_date = g_steal_pointer (&earlier->said);
              evidence_free (earlier);
              break;
            }
          start = end;
        }
    }

  /* Whole runs of ties, so that the ids decide which make the cut. */
  kept = n_tied;
  while (kept < n_hits && kept < SP_COMPARISON_EVIDENCE_LIMIT && hits[kept].said_lo >= period_start)
    {
      SpStance stance;

      kept = group_end (hits, n_hits, kept, &stance);
    }

  for (guint i = 0; i < kept; i++)
    {
      SpEvidence *evidence = read_evidence (b, &hits[i], error);

      if (evidence == NULL)
        return FALSE;
      g_ptr_array_add (cell->evidence, evidence);
    }
  g_ptr_array_sort (cell->evidence, compare_evidence);
  if (cell->evidence->len > SP_COMPARISON_EVIDENCE_LIMIT)
    g_ptr_array_remove_range (cell->evidence, SP_COMPARISON_EVIDENCE_LIMIT,
                              cell->evidence->len - SP_COMPARISON_EVIDENCE_LIMIT);
  cell->latest = cell->evidence->pdata[0];

  return TRUE;
}

/* Topics */

static gboolean
load_topic (Builder          *b,
            sqlite3_stmt     *stmt,
            const char       *topic_id,
            SpComparisonRow **row_out,
            GError          **error)
{
  SpComparisonRow *row;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, topic_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                   _("There is no topic “%s” in the library"), topic_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      sp_library_set_error (b->library, error);
      return FALSE;
    }

  row = g_new0 (SpComparisonRow, 1);
  row->id = g_strdup (topic_id);
  row->label = column_text (stmt, 0);
  row->proposition = column_text (stmt, 1);
  row->cells = g_new0 (SpCell, b->comparison->n_sides);
  *row_out = row;

  return TRUE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SpComparisonRow *x = *(SpComparisonRow * const *) a;
  const SpComparisonRow *y = *(SpComparisonRow * const *) b;
  GHashTable *keys = user_data;
  int order = strcmp (g_hash_table_lookup (keys, x->id), g_hash_table_lookup (keys, y->id));

  return order != 0 ? order : strcmp (x->id, y->id);
}

/* Every topic a side has a statement on, ordered by label. */
static gboolean
collect_topics (Builder  *b,
                GError  **error)
{
  SpComparison *comparison = b->comparison;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  stmt = sp_library_prepare (b->library, "SELECT label, proposition FROM topics WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint s = 0; s < comparison->n_sides; s++)
    {
      GHashTableIter iter;
      const char *topic_id;

      g_hash_table_iter_init (&iter, b->states[s].pending);
      while (g_hash_table_iter_next (&iter, (gpointer *) &topic_id, NULL))
        {
          SpComparisonRow *row = NULL;

          if (g_hash_table_contains (keys, topic_id))
            continue;
          if (!load_topic (b, stmt, topic_id, &row, error))
            return FALSE;
          g_ptr_array_add (comparison->rows, row);
          g_hash_table_insert (keys, row->id, g_utf8_collate_key (row->label, -1));
        }
    }

  g_ptr_array_sort_with_data (comparison->rows, compare_rows, keys);

  return TRUE;
}

static void
compare_cells (SpComparison    *comparison,
               SpComparisonRow *row)
{
  gboolean first = TRUE;
  SpStance stance = 0;

  for (guint a = 0; a < comparison->n_sides; a++)
    {
      const SpCell *x = &row->cells[a];

      if (x->state == SP_CELL_POSITION)
        {
          if (!first && x->stance != stance)
            row->disagree = TRUE;
          stance = x->stance;
          first = FALSE;
        }

      for (guint c = a + 1; c < comparison->n_sides; c++)
        {
          const SpCell *y = &row->cells[c];
          SpAgreement agreement;

          if (x->state != SP_CELL_POSITION || y->state != SP_CELL_POSITION)
            agreement = SP_AGREEMENT_INCOMPARABLE;
          else if (x->stance == y->stance)
            agreement = SP_AGREEMENT_AGREE;
          else
            agreement = SP_AGREEMENT_DIFFER;

          comparison->counts[a][c][agreement]++;
          comparison->counts[c][a][agreement]++;
        }
    }
}

/* Roles */

static char *
describe_term (const SpComparison *comparison,
               gint64              lo,
               gint64              hi,
               const char         *start,
               const char         *end)
{
  g_autofree char *from = sp_date_format_stored (start);

  if (lo <= comparison->as_of && hi > comparison->as_of)
    /* Translators: how long an office has been held, as in "since 25 Jan 2025" */
    return g_strdup_printf (_("since %s"), from);

  return format_span (start, end);
}

static gboolean
first_source (Builder       *b,
              sqlite3_stmt  *stmt,
              const char    *id,
              char         **source_id,
              GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *source_id = column_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      sp_library_set_error (b->library, error);
      return FALSE;
    }

  return TRUE;
}

/* @holder is NULL for an office held by the side itself. */
static gboolean
add_office_role (Builder       *b,
                 GPtrArray     *roles,
                 const Office  *office,
                 const char    *name,
                 const char    *holder,
                 GError       **error)
{
  const SpComparison *comparison = b->comparison;
  Role *role = g_new0 (Role, 1);
  g_autofree char *when = describe_term (comparison, office->lo, office->hi,
                                         office->start, office->end);

  role->lo = office->lo;
  role->hi = office->hi;
  role->current = office->lo <= comparison->as_of && office->hi > comparison->as_of;
  if (holder == NULL)
    /* Translators: an office and when it was held, as in "Secretary of
     * Defense, United States (since 25 Jan 2025)" */
    role->text = g_strdup_printf (C_("role", "%1$s (%2$s)"), name, when);
  else
    /* Translators: an office, its holder and when it was held, as in
     * "Secretary of Defense: Pete Hegseth (since 25 Jan 2025)" */
    role->text = g_strdup_printf (C_("role", "%1$s: %2$s (%3$s)"), name, holder, when);
  g_ptr_array_add (roles, role);

  return first_source (b, b->office_source, office->id, &role->source_id, error);
}

/* The events @actor_id took part in during the period and, when @terms is
 * not NULL, during one of them. */
static gboolean
add_event_roles (Builder     *b,
                 GPtrArray   *roles,
                 const char  *actor_id,
                 const char  *holder,
                 GPtrArray   *terms,
                 GError     **error)
{
  const SpComparison *comparison = b->comparison;
  sqlite3_stmt *stmt = b->events;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, actor_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, comparison->as_of);
  sqlite3_bind_int64 (stmt, 3, comparison->period_start);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 lo = sqlite3_column_int64 (stmt, 4);
      gint64 hi = sqlite3_column_int64 (stmt, 5);
      g_autofree char *when = NULL;
      gboolean in_term = terms == NULL;
      Role *role;

      for (guint i = 0; !in_term && i < terms->len; i++)
        {
          const Office *term = terms->pdata[i];

          in_term = overlaps (term->lo, term->hi, lo, hi) &&
                    overlaps (MAX (term->lo, lo), MIN (term->hi, hi),
                              comparison->period_start, after (comparison->as_of));
        }
      if (!in_term)
        continue;

      when = format_span ((const char *) sqlite3_column_text (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3));
      role = g_new0 (Role, 1);
      role->lo = lo;
      role->hi = hi;
      role->current = lo <= comparison->as_of && hi > comparison->as_of;
      if (holder == NULL)
        /* Translators: a part in an event, as in "Chair: Ukraine Defense
         * Contact Group meeting, 12 Feb 2025" */
        role->text = g_strdup_printf (C_("role", "%1$s: %2$s, %3$s"),
                                      sp_role_get_label (sqlite3_column_int (stmt, 6)),
                                      (const char *) sqlite3_column_text (stmt, 1), when);
      else
        /* Translators: a part an office holder took in an event, as in
         * "Chair: Ukraine Defense Contact Group meeting, 12 Feb 2025 (John Healey)" */
        role->text = g_strdup_printf (C_("role", "%1$s: %2$s, %3$s (%4$s)"),
                                      sp_role_get_label (sqlite3_column_int (stmt, 6)),
                                      (const char *) sqlite3_column_text (stmt, 1), when, holder);
      g_ptr_array_add (roles, role);
      if (!first_source (b, b->event_source, (const char *) sqlite3_column_text (stmt, 0),
                         &role->source_id, error))
        return FALSE;
    }

  return step_done (b->library, rc, error);
}

/* Current roles first, each group newest first. */
static int
compare_roles (gconstpointer a,
               gconstpointer b)
{
  const Role *x = *(Role * const *) a;
  const Role *y = *(Role * const *) b;

  if (x->current != y->current)
    return x->current ? -1 : 1;
  if (!x->current && x->hi != y->hi)
    return x->hi > y->hi ? -1 : 1;
  if (x->lo != y->lo)
    return x->lo > y->lo ? -1 : 1;

  return g_utf8_collate (x->text, y->text);
}

static gboolean
in_period (const SpComparison *comparison,
           gint64              lo,
           gint64              hi)
{
  return overlaps (lo, hi, comparison->period_start, after (comparison->as_of));
}

static gboolean
load_roles (Builder    *b,
            SideState  *state,
            GPtrArray  *roles,
            GError    **error)
{
  const SpComparison *comparison = b->comparison;

  for (guint i = 0; i < state->held->len; i++)
    {
      const Office *office = state->held->pdata[i];

      if (in_period (comparison, office->lo, office->hi) &&
          !add_office_role (b, roles, office, office->label, NULL, error))
        return FALSE;
    }

  if (!add_event_roles (b, roles, state->side->id, NULL, NULL, error))
    return FALSE;

  /* The speakers after the side itself hold its offices. */
  for (guint i = 1; i < state->speakers->len; i++)
    {
      const Speaker *speaker = state->speakers->pdata[i];
      g_autoptr(GPtrArray) other = NULL;
      gboolean any = FALSE;

      for (guint t = 0; t < speaker->terms->len; t++)
        {
          const Office *term = speaker->terms->pdata[t];

          if (!in_period (comparison, term->lo, term->hi))
            continue;
          if (!add_office_role (b, roles, term, term->title, speaker->name, error))
            return FALSE;
          any = TRUE;
        }
      if (!any)
        continue;

      other = load_offices (b, b->offices_held, speaker->id, error);
      if (other == NULL)
        return FALSE;
      for (guint o = 0; o < other->len; o++)
        {
          const Office *office = other->pdata[o];
          gboolean in_term = FALSE;

          if (strcmp (office->of_id, state->side->id) == 0)
            continue;
          for (guint t = 0; !in_term && t < speaker->terms->len; t++)
            {
              const Office *term = speaker->terms->pdata[t];

              in_term = overlaps (term->lo, term->hi, office->lo, office->hi) &&
                        in_period (comparison, MAX (term->lo, office->lo), MIN (term->hi, office->hi));
            }
          if (in_term && !add_office_role (b, roles, office, office->label, speaker->name, error))
            return FALSE;
        }

      if (!add_event_roles (b, roles, speaker->id, speaker->name, speaker->terms, error))
        return FALSE;
    }

  g_ptr_array_sort (roles, compare_roles);

  return TRUE;
}

/* Citations */

static guint
cite (Builder    *b,
      const char *source_id)
{
  SpComparison *comparison = b->comparison;
  SpCitation *citation;

  if (source_id == NULL)
    return 0;

  citation = g_hash_table_lookup (b->citations, source_id);
  if (citation == NULL)
    {
      citation = g_new0 (SpCitation, 1);
      citation->number = comparison->citations->len + 1;
      citation->source_id = g_strdup (source_id);
      g_ptr_array_add (comparison->citations, citation);
      g_hash_table_insert (b->citations, citation->source_id, citation);
    }

  return citation->number;
}

static void
cite_role (Builder    *b,
           SpSideRole *role)
{
  if (role->citation == 0)
    role->citation = cite (b, role->source_id);
}

static gboolean
load_citations (Builder  *b,
                GError  **error)
{
  GPtrArray *citations = b->comparison->citations;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sp_library_prepare (b->library, "SELECT title, publisher, published, url FROM sources WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < citations->len; i++)
    {
      SpCitation *citation = citations->pdata[i];
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, citation->source_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sp_library_set_error (b->library, error);
          return FALSE;
        }
      citation->title = column_text (stmt, 0);
      citation->publisher = column_text (stmt, 1);
      citation->published = sp_date_format_stored ((const char *) sqlite3_column_text (stmt, 2));
      citation->url = column_text (stmt, 3);
    }

  return TRUE;
}

/* Setting up */

static gboolean
prepare_all (Builder  *b,
             GError  **error)
{
  struct {
    sqlite3_stmt **stmt;
    const char    *sql;
  } queries[] = {
    { &b->read_statements,
      "SELECT pk, topic_id, stance, said_lo, said_hi FROM statements"
      " WHERE speaker_id = ?1 AND said_lo BETWEEN ?2 AND ?3" },
    { &b->read_details,
      "SELECT id, said, quantity, unit, quote, paraphrase, source_id FROM statements WHERE pk = ?1" },
    { &b->first_said,
      "SELECT said_lo FROM statements WHERE speaker_id = ?1 AND said_lo <= ?2"
      " ORDER BY said_lo LIMIT 1" },
    { &b->last_said,
      "SELECT said_lo FROM statements WHERE speaker_id = ?1 AND said_lo <= ?2"
      " ORDER BY said_lo DESC LIMIT 1" },
    { &b->offices_held, OFFICE_QUERY " WHERE o.holder_id = ?1 ORDER BY o.start_lo, o.pk" },
    { &b->offices_of, OFFICE_QUERY " WHERE o.of_id = ?1 ORDER BY o.start_lo, o.pk" },
    { &b->events,
      "SELECT e.id, e.title, e.start, e.\"end\", e.start_lo, coalesce (e.end_hi, e.start_hi), p.role"
      " FROM event_participants AS p JOIN events AS e ON e.id = p.event_id"
      " WHERE p.actor_id = ?1 AND e.start_lo <= ?2 AND coalesce (e.end_hi, e.start_hi) > ?3" },
    { &b->office_source,
      "SELECT s.id FROM office_sources AS os JOIN sources AS s ON s.id = os.source_id"
      " WHERE os.office_id = ?1"
      " ORDER BY s.published_lo IS NULL, s.published_lo, s.title, s.id LIMIT 1" },
    { &b->event_source,
      "SELECT s.id FROM event_sources AS es JOIN sources AS s ON s.id = es.source_id"
      " WHERE es.event_id = ?1"
      " ORDER BY s.published_lo IS NULL, s.published_lo, s.title, s.id LIMIT 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      *queries[i].stmt = sp_library_prepare (b->library, queries[i].sql, error);
      if (*queries[i].stmt == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_sides (Builder            *b,
            const char * const *side_ids,
            GError            **error)
{
  SpComparison *comparison = b->comparison;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = sp_library_prepare (b->library, "SELECT kind, name FROM actors WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint s = 0; s < comparison->n_sides; s++)
    {
      SpSide *side = &comparison->sides[s];
      SideState *state = &b->states[s];
      int rc;

      for (guint t = 0; t < s; t++)
        if (strcmp (side_ids[t], side_ids[s]) == 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("The side “%s” is chosen twice"), side_ids[s]);
            return FALSE;
          }

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, side_ids[s], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                       _("There is no actor “%s” in the library"), side_ids[s]);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          sp_library_set_error (b->library, error);
          return FALSE;
        }

      side->id = g_strdup (side_ids[s]);
      side->kind = sqlite3_column_int (stmt, 0);
      side->name = column_text (stmt, 1);
      side->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) side_role_free);

      state->side = side;
      state->speakers = g_ptr_array_new_with_free_func ((GDestroyNotify) speaker_free);
      state->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) pending_free);
      state->held = load_offices (b, b->offices_held, side->id, error);
      if (state->held == NULL)
        return FALSE;
      /* A person's statements are their own: nobody speaks for them. */
      if (side->kind == SP_ACTOR_PERSON)
        state->of = g_ptr_array_new ();
      else
        state->of = load_offices (b, b->offices_of, side->id, error);
      if (state->of == NULL || !load_speakers (b, state, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_chosen_topics (Builder            *b,
                    const char * const *topic_ids,
                    GError            **error)
{
  SpComparison *comparison = b->comparison;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  stmt = sp_library_prepare (b->library, "SELECT label, proposition FROM topics WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; topic_ids[i] != NULL; i++)
    {
      SpComparisonRow *row = NULL;

      if (!g_hash_table_add (seen, (gpointer) topic_ids[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The topic “%s” is chosen twice"), topic_ids[i]);
          return FALSE;
        }
      if (!load_topic (b, stmt, topic_ids[i], &row, error))
        return FALSE;
      g_ptr_array_add (comparison->rows, row);

      for (guint s = 0; s < comparison->n_sides; s++)
        g_hash_table_insert (b->states[s].pending, g_strdup (topic_ids[i]), pending_new ());
    }

  return TRUE;
}

/**
 * sp_comparison_new:
 * @library: a library
 * @side_ids: (array zero-terminated=1): 2 to 4 actor ids
 * @topic_ids: (array zero-terminated=1) (nullable): topic ids, in the order
 *   of the rows, or %NULL for every topic a side has a statement on
 * @as_of: the last second that counts
 * @period_start: where shifts are looked for from, or %G_MININT64
 * @error: return location for an error
 *
 * Compares the sides topic by topic, as described in sp-comparison.h.
 *
 * Returns: (transfer full): the comparison, or %NULL with
 *   %SP_LIBRARY_ERROR_NOT_FOUND for an unknown side or topic and
 *   %G_IO_ERROR_INVALID_ARGUMENT for a wrong number of sides, a side or
 *   topic chosen twice or a period starting after @as_of
 */
SpComparison *
sp_comparison_new (SpLibrary           *library,
                   const char * const  *side_ids,
                   const char * const  *topic_ids,
                   gint64               as_of,
                   gint64               period_start,
                   GError             **error)
{
  g_auto(Builder) b = { 0 };
  SpComparison *comparison;
  SpDate day;
  guint n_sides;

  g_return_val_if_fail (SP_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (side_ids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_sides = g_strv_length ((char **) side_ids);
  if (n_sides < 2 || n_sides > SP_COMPARISON_MAX_SIDES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A comparison needs 2 to 4 sides, not %u",
                                "A comparison needs 2 to 4 sides, not %u", n_sides),
                   n_sides);
      return NULL;
    }
  if (period_start > as_of)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The period starts after the as-of date"));
      return NULL;
    }

  b.library = library;
  b.all_topics = topic_ids == NULL;
  b.citations = g_hash_table_new (g_str_hash, g_str_equal);
  b.comparison = comparison = g_new0 (SpComparison, 1);
  comparison->as_of = as_of;
  comparison->period_start = period_start;
  comparison->n_sides = n_sides;
  comparison->sides = g_new0 (SpSide, n_sides);
  comparison->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  comparison->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) citation_free);
  if (sp_date_init_from_bounds (&day, floor_to_day (as_of), SP_DATE_PRECISION_DAY, 0, 0, FALSE))
    comparison->as_of_label = sp_date_format (&day);
  else
    comparison->as_of_label = g_strdup ("");

  /* One snapshot for all the queries, which also spares each its own
   * read transaction. */
  b.in_savepoint = sp_library_exec (library, "SAVEPOINT sp_comparison", error);
  if (!b.in_savepoint ||
      !prepare_all (&b, error) ||
      !load_sides (&b, side_ids, error) ||
      (topic_ids != NULL && !load_chosen_topics (&b, topic_ids, error)))
    return NULL;

  for (guint s = 0; s < n_sides; s++)
    if (!read_side (&b, &b.states[s], error))
      return NULL;

  if (b.all_topics && !collect_topics (&b, error))
    return NULL;

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      SpComparisonRow *row = comparison->rows->pdata[i];

      for (guint s = 0; s < n_sides; s++)
        {
          SpCell *cell = &row->cells[s];

          if (!finish_cell (&b, g_hash_table_lookup (b.states[s].pending, row->id), cell, error))
            return NULL;
        }
      compare_cells (comparison, row);
    }

  for (guint s = 0; s < n_sides; s++)
    {
      g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) role_free);

      if (!load_roles (&b, &b.states[s], roles, error))
        return NULL;
      for (guint i = 0; i < roles->len; i++)
        {
          Role *role = roles->pdata[i];
          SpSideRole *side_role = g_new0 (SpSideRole, 1);

          side_role->text = g_steal_pointer (&role->text);
          side_role->current = role->current;
          side_role->source_id = g_steal_pointer (&role->source_id);
          g_ptr_array_add (comparison->sides[s].roles, side_role);
        }
    }

  /* The sources the board shows come first, numbered without gaps: its
   * cells' statements and the statements their shifts came from, then the
   * roles it shows.  Then the roles it only counts, then the rest of the
   * evidence. */
  for (guint i = 0; i < comparison->rows->len; i++)
    {
      SpComparisonRow *row = comparison->rows->pdata[i];

      for (guint s = 0; s < n_sides; s++)
        {
          SpCell *cell = &row->cells[s];
          SpEvidence *origin = (SpEvidence *) sp_cell_get_shift_origin (cell);

          if (cell->latest != NULL)
            cell->latest->citation = cite (&b, cell->latest->source_id);
          if (origin != NULL)
            origin->citation = cite (&b, origin->source_id);
        }
    }
  for (guint s = 0; s < n_sides; s++)
    {
      GPtrArray *roles = comparison->sides[s].roles;
      guint n_current, shown_current, shown_earlier;

      sp_side_count_roles (&comparison->sides[s], &n_current, &shown_current, &shown_earlier);
      for (guint i = 0; i < roles->len; i++)
        if (i < shown_current || (i >= n_current && i < n_current + shown_earlier))
          cite_role (&b, roles->pdata[i]);
    }
  comparison->n_board_citations = comparison->citations->len;
  for (guint s = 0; s < n_sides; s++)
    for (guint i = 0; i < comparison->sides[s].roles->len; i++)
      cite_role (&b, comparison->sides[s].roles->pdata[i]);

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      SpComparisonRow *row = comparison->rows->pdata[i];

      for (guint s = 0; s < n_sides; s++)
        for (guint e = 0; e < row->cells[s].evidence->len; e++)
          {
            SpEvidence *evidence = row->cells[s].evidence->pdata[e];

            evidence->citation = cite (&b, evidence->source_id);
          }
    }

  if (!load_citations (&b, error))
    return NULL;

  return g_steal_pointer (&b.comparison);
}

void
sp_side_count_roles (const SpSide *side,
                     guint        *n_current,
                     guint        *shown_current,
                     guint        *shown_earlier)
{
  guint current = 0;
  guint n_roles;

  g_return_if_fail (side != NULL);

  n_roles = side->roles != NULL ? side->roles->len : 0;
  while (current < n_roles && ((const SpSideRole *) g_ptr_array_index (side->roles, current))->current)
    current++;

  *n_current = current;
  *shown_current = MIN (current, SP_BOARD_MAX_CURRENT_ROLES);
  *shown_earlier = MIN (n_roles - current, SP_BOARD_MAX_EARLIER_ROLES);
}

const SpEvidence *
sp_cell_get_shift_origin (const SpCell *cell)
{
  g_return_val_if_fail (cell != NULL, NULL);

  if (!cell->shifted)
    return NULL;

  /* Evidence runs newest first: the first statement with another stance
   * is the one the cell shifted from. */
  for (guint i = 0; cell->evidence != NULL && i < cell->evidence->len; i++)
    {
      const SpEvidence *earlier = g_ptr_array_index (cell->evidence, i);

      if (earlier->stance != cell->stance)
        return earlier->stance == cell->shifted_from ? earlier : NULL;
    }

  return NULL;
}
