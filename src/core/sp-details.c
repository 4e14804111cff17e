#define G_LOG_DOMAIN "standpoint-details"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-date.h"
#include "sp-details.h"

/* Code points of the source's text shown on each side of a passage. */
#define CONTEXT_CHARS 200
/* Code points of a quote or paraphrase in a row of other statements. */
#define SHORT_TEXT_CHARS 140
#define NEARBY_LIMIT 8
/* Beyond this, the rows would cost more than a pane should. */
#define EVENT_STATEMENTS_LIMIT 100

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
source_free (SpDetailsSource *source)
{
  g_free (source->title);
  g_free (source->publisher);
  g_free (source->published);
  g_free (source->url);
  g_free (source);
}

static void
statement_free (SpDetailsStatement *statement)
{
  g_free (statement->speaker);
  g_free (statement->topic);
  g_free (statement->said);
  g_free (statement->text);
  g_free (statement);
}

static void
participant_free (SpDetailsParticipant *participant)
{
  g_free (participant->name);
  g_free (participant);
}

void
sp_details_free (SpDetails *details)
{
  g_return_if_fail (details != NULL);

  g_free (details->id);
  g_free (details->title);
  g_free (details->date);
  g_ptr_array_unref (details->sources);
  g_ptr_array_unref (details->datasets);
  g_free (details->proposition);
  g_free (details->quantity);
  g_free (details->quote);
  g_free (details->paraphrase);
  g_free (details->speaker);
  g_free (details->speaker_country);
  g_free (details->office);
  g_free (details->context_before);
  g_free (details->context_passage);
  g_free (details->context_after);
  g_free (details->event_title);
  g_ptr_array_unref (details->nearby);
  g_free (details->description);
  g_free (details->location);
  g_ptr_array_unref (details->participants);
  g_ptr_array_unref (details->statements);
  g_free (details);
}

static SpDetails *
details_new (SpItemKind kind,
             gint64     pk)
{
  SpDetails *details = g_new0 (SpDetails, 1);

  details->kind = kind;
  details->pk = pk;
  details->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  details->datasets = g_ptr_array_new_with_free_func (g_free);
  details->nearby = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_free);
  details->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) participant_free);
  details->statements = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_free);

  return details;
}

static char *
column_date (sqlite3_stmt *stmt,
             int           column)
{
  return sp_date_format_stored ((const char *) sqlite3_column_text (stmt, column));
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
quoted (const char *text)
{
  /* Translators: a quotation; use your language's quotation marks */
  return g_strdup_printf (C_("quotation", "“%s”"), text);
}

/* @text cut to about @max_chars code points at a word boundary. */
static char *
shorten (const char *text,
         glong       max_chars)
{
  const char *cut;
  const char *space;
  GString *shortened;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  cut = g_utf8_offset_to_pointer (text, max_chars);
  for (space = cut; space > text && !g_ascii_isspace (*space); space--)
    ;
  /* A single long word is cut where it is. */
  if (space > text)
    cut = space;
  while (cut > text && (g_ascii_isspace (cut[-1]) || strchr (",;:", cut[-1]) != NULL))
    cut--;

  shortened = g_string_new_len (text, cut - text);
  g_string_append (shortened, "…");
  return g_string_free (shortened, FALSE);
}

/* The part of @text in [@start, @end) code points, with the rest of its
 * paragraph up to CONTEXT_CHARS code points on each side; a side cut inside
 * a paragraph is cut at a word boundary and marked with an ellipsis. */
static void
set_context (SpDetails  *details,
             const char *text,
             gint64      start,
             gint64      end)
{
  glong length = g_utf8_strlen (text, -1);
  const char *text_end = text + strlen (text);
  const char *passage;
  const char *passage_end;
  const char *from;
  const char *to;
  const char *p;
  gboolean cut_before = FALSE;
  gboolean cut_after = FALSE;

  if (start < 0 || start >= end || end > length)
    return;

  passage = g_utf8_offset_to_pointer (text, start);
  passage_end = g_utf8_offset_to_pointer (passage, end - start);
  from = g_utf8_offset_to_pointer (text, MAX (0, start - CONTEXT_CHARS));
  to = g_utf8_offset_to_pointer (passage_end, MIN (length - end, CONTEXT_CHARS));

  for (p = passage; p > from && p[-1] != '\n'; p--)
    ;
  if (p > from || from == text)
    {
      from = p;
    }
  else
    {
      cut_before = TRUE;
      for (p = from; p < passage && !g_ascii_isspace (*p); p++)
        ;
      if (p < passage)
        from = p;
      while (from < passage && g_ascii_isspace (*from))
        from++;
    }

  for (p = passage_end; p < to && *p != '\n'; p++)
    ;
  if (p < to || to == text_end)
    {
      to = p;
    }
  else
    {
      cut_after = TRUE;
      for (p = to; p > passage_end && !g_ascii_isspace (p[-1]); p--)
        ;
      if (p > passage_end)
        to = p;
      while (to > passage_end && g_ascii_isspace (to[-1]))
        to--;
    }

  details->context_before = g_strdup_printf ("%s%.*s", cut_before ? "…" : "",
                                             (int) (passage - from), from);
  details->context_passage = g_strndup (passage, passage_end - passage);
  details->context_after = g_strdup_printf ("%.*s%s", (int) (to - passage_end), passage_end,
                                            cut_after ? "…" : "");
}

static gboolean
load_datasets (SpLibrary     *library,
               SpDetails     *details,
               SpRecordKind   record_kind,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = sp_library_prepare (library,
                             "SELECT d.title FROM provenance AS p"
                             " JOIN datasets AS d ON d.id = p.dataset_id"
                             " WHERE p.kind = ?1 AND p.record_id = ?2"
                             " ORDER BY d.title, d.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, record_kind);
  sqlite3_bind_text (stmt, 2, details->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (details->datasets, column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  return TRUE;
}

#define STATEMENT_ROW_QUERY \
  "SELECT s.pk, a.name, t.label, s.stance, s.said, s.quote, s.paraphrase, s.said_lo" \
  " FROM statements AS s" \
  " JOIN actors AS a ON a.id = s.speaker_id" \
  " JOIN topics AS t ON t.id = s.topic_id"

/* Appends the rows of @stmt, a STATEMENT_ROW_QUERY, to @rows (at most
 * @limit of them) and their said_lo to @times; returns the number of rows
 * left out, or -1 on error. */
static int
read_statement_rows (SpLibrary     *library,
                     sqlite3_stmt  *stmt,
                     guint          limit,
                     GPtrArray     *rows,
                     GArray        *times,
                     GError       **error)
{
  int left_out = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpDetailsStatement *row;
      const char *quote;
      const char *paraphrase;
      gint64 said_lo;

      if (rows->len >= limit)
        {
          left_out++;
          continue;
        }

      row = g_new0 (SpDetailsStatement, 1);
      row->pk = sqlite3_column_int64 (stmt, 0);
      row->speaker = column_text (stmt, 1);
      row->topic = column_text (stmt, 2);
      row->stance = sqlite3_column_int (stmt, 3);
      row->said = column_date (stmt, 4);

      quote = (const char *) sqlite3_column_text (stmt, 5);
      paraphrase = (const char *) sqlite3_column_text (stmt, 6);
      if (quote != NULL && *quote != '\0')
        {
          g_autofree char *text = quoted (quote);

          row->text = shorten (text, SHORT_TEXT_CHARS);
        }
      else
        {
          row->text = shorten (paraphrase != NULL ? paraphrase : "", SHORT_TEXT_CHARS);
        }

      said_lo = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (rows, row);
      if (times != NULL)
        g_array_append_val (times, said_lo);
    }

  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      return -1;
    }

  return left_out;
}

/* The statements on the same topic closest in time to this one, from
 * the nearest ones on each side of it in (said_lo, pk) order. */
static gboolean
load_nearby (SpLibrary    *library,
             SpDetails    *details,
             const char   *topic_id,
             gint64        said_lo,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) earlier = NULL;
  g_autoptr(sqlite3_stmt) later = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_free);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_free);
  g_autoptr(GArray) before_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) after_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_before = 0;
  guint n_after = 0;

  earlier = sp_library_prepare (library,
                                STATEMENT_ROW_QUERY
                                " WHERE s.topic_id = ?1 AND (s.said_lo, s.pk) < (?2, ?3)"
                                " ORDER BY s.said_lo DESC, s.pk DESC LIMIT ?4",
                                error);
  if (earlier == NULL)
    return FALSE;
  later = sp_library_prepare (library,
                              STATEMENT_ROW_QUERY
                              " WHERE s.topic_id = ?1 AND (s.said_lo, s.pk) > (?2, ?3)"
                              " ORDER BY s.said_lo, s.pk LIMIT ?4",
                              error);
  if (later == NULL)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      sqlite3_stmt *stmt = i == 0 ? earlier : later;

      sqlite3_bind_text (stmt, 1, topic_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, said_lo);
      sqlite3_bind_int64 (stmt, 3, details->pk);
      sqlite3_bind_int (stmt, 4, NEARBY_LIMIT);
    }

  if (read_statement_rows (library, earlier, NEARBY_LIMIT, before, before_times, error) < 0 ||
      read_statement_rows (library, later, NEARBY_LIMIT, after, after_times, error) < 0)
    return FALSE;

  /* Ties go to the earlier statement. */
  while (n_before + n_after < NEARBY_LIMIT && (n_before < before->len || n_after < after->len))
    {
      if (n_after == after->len ||
          (n_before < before->len &&
           said_lo - g_array_index (before_times, gint64, n_before) <=
           g_array_index (after_times, gint64, n_after) - said_lo))
        n_before++;
      else
        n_after++;
    }

  for (guint i = n_before; i > 0; i--)
    g_ptr_array_add (details->nearby, g_ptr_array_steal_index (before, i - 1));
  for (guint i = 0; i < n_after; i++)
    g_ptr_array_add (details->nearby, g_ptr_array_steal_index (after, 0));

  return TRUE;
}

/* The office the speaker held when the statement was said: the one whose
 * term [start_lo, end_hi) overlaps the statement's [said_lo, said_hi),
 * the latest to start when several do. */
static gboolean
load_office (SpLibrary   *library,
             SpDetails   *details,
             const char  *speaker_id,
             gint64       said_lo,
             gint64       said_hi,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = sp_library_prepare (library,
                             "SELECT o.title, a.name FROM offices AS o"
                             " JOIN actors AS a ON a.id = o.of_id"
                             " WHERE o.holder_id = ?1 AND o.start_lo < ?3"
                             " AND (o.end_hi IS NULL OR o.end_hi > ?2)"
                             " ORDER BY o.start_lo DESC, o.pk DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, speaker_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, said_lo);
  sqlite3_bind_int64 (stmt, 3, said_hi);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    /* Translators: an office and the country or organization it belongs
     * to, as in "Secretary of Defense, United States" */
    details->office = g_strdup_printf (C_("office", "%1$s, %2$s"),
                                       (const char *) sqlite3_column_text (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1));
  else if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  return TRUE;
}

enum {
  STATEMENT_ID,
  STATEMENT_STANCE,
  STATEMENT_QUANTITY,
  STATEMENT_UNIT,
  STATEMENT_QUOTE,
  STATEMENT_PARAPHRASE,
  STATEMENT_SAID,
  STATEMENT_SAID_LO,
  STATEMENT_SAID_HI,
  STATEMENT_OFFSET_START,
  STATEMENT_OFFSET_END,
  STATEMENT_SPEAKER_ID,
  STATEMENT_TOPIC_ID,
  STATEMENT_TOPIC_LABEL,
  STATEMENT_PROPOSITION,
  STATEMENT_SPEAKER,
  STATEMENT_SPEAKER_KIND,
  STATEMENT_COUNTRY,
  STATEMENT_SOURCE_TITLE,
  STATEMENT_SOURCE_PUBLISHER,
  STATEMENT_SOURCE_PUBLISHED,
  STATEMENT_SOURCE_URL,
  STATEMENT_SOURCE_TEXT,
  STATEMENT_EVENT_PK,
  STATEMENT_EVENT_TITLE,
};

static SpDetails *
load_statement (SpLibrary  *library,
                gint64      pk,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SpDetails) details = NULL;
  SpDetailsSource *source;
  const char *text;
  int rc;

  stmt = sp_library_prepare (library,
                             "SELECT s.id, s.stance, s.quantity, s.unit, s.quote, s.paraphrase,"
                             " s.said, s.said_lo, s.said_hi, s.offset_start, s.offset_end,"
                             " s.speaker_id, s.topic_id, t.label, t.proposition,"
                             " a.name, a.kind, c.name,"
                             " src.title, src.publisher, src.published, src.url,"
                             " CASE WHEN s.offset_start IS NOT NULL THEN src.text END,"
                             " e.pk, e.title"
                             " FROM statements AS s"
                             " JOIN topics AS t ON t.id = s.topic_id"
                             " JOIN actors AS a ON a.id = s.speaker_id"
                             " LEFT JOIN actors AS c ON c.id = a.country_id"
                             " JOIN sources AS src ON src.id = s.source_id"
                             " LEFT JOIN events AS e ON e.id = s.event_id"
                             " WHERE s.pk = ?1",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pk);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                   _("The statement is no longer in the library"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sp_library_set_error (library, error);
      return NULL;
    }

  details = details_new (SP_ITEM_STATEMENT, pk);
  details->id = column_text (stmt, STATEMENT_ID);
  details->title = column_text (stmt, STATEMENT_TOPIC_LABEL);
  details->date = column_date (stmt, STATEMENT_SAID);
  details->proposition = column_text (stmt, STATEMENT_PROPOSITION);
  details->stance = sqlite3_column_int (stmt, STATEMENT_STANCE);
  if (sqlite3_column_type (stmt, STATEMENT_QUANTITY) != SQLITE_NULL)
    details->quantity = sp_format_quantity (sqlite3_column_double (stmt, STATEMENT_QUANTITY),
                                         (const char *) sqlite3_column_text (stmt, STATEMENT_UNIT));
  details->quote = column_text (stmt, STATEMENT_QUOTE);
  details->paraphrase = column_text (stmt, STATEMENT_PARAPHRASE);
  details->speaker = column_text (stmt, STATEMENT_SPEAKER);
  details->speaker_kind = sqlite3_column_int (stmt, STATEMENT_SPEAKER_KIND);
  details->speaker_country = column_text (stmt, STATEMENT_COUNTRY);
  details->event_pk = sqlite3_column_int64 (stmt, STATEMENT_EVENT_PK);
  details->event_title = column_text (stmt, STATEMENT_EVENT_TITLE);

  source = g_new0 (SpDetailsSource, 1);
  source->title = column_text (stmt, STATEMENT_SOURCE_TITLE);
  source->publisher = column_text (stmt, STATEMENT_SOURCE_PUBLISHER);
  source->published = column_date (stmt, STATEMENT_SOURCE_PUBLISHED);
  source->url = column_text (stmt, STATEMENT_SOURCE_URL);
  g_ptr_array_add (details->sources, source);

  text = (const char *) sqlite3_column_text (stmt, STATEMENT_SOURCE_TEXT);
  if (text != NULL && sqlite3_column_type (stmt, STATEMENT_OFFSET_END) != SQLITE_NULL)
    set_context (details, text,
                 sqlite3_column_int64 (stmt, STATEMENT_OFFSET_START),
                 sqlite3_column_int64 (stmt, STATEMENT_OFFSET_END));

  if (!load_office (library, details,
                    (const char *) sqlite3_column_text (stmt, STATEMENT_SPEAKER_ID),
                    sqlite3_column_int64 (stmt, STATEMENT_SAID_LO),
                    sqlite3_column_int64 (stmt, STATEMENT_SAID_HI),
                    error) ||
      !load_nearby (library, details,
                    (const char *) sqlite3_column_text (stmt, STATEMENT_TOPIC_ID),
                    sqlite3_column_int64 (stmt, STATEMENT_SAID_LO),
                    error) ||
      !load_datasets (library, details, SP_RECORD_STATEMENT, error))
    return NULL;

  return g_steal_pointer (&details);
}

static gboolean
load_event_lists (SpLibrary  *library,
                  SpDetails  *details,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) participants = NULL;
  g_autoptr(sqlite3_stmt) sources = NULL;
  g_autoptr(sqlite3_stmt) statements = NULL;
  int left_out;
  int rc;

  participants = sp_library_prepare (library,
                                     "SELECT a.name, a.kind, p.role FROM event_participants AS p"
                                     " JOIN actors AS a ON a.id = p.actor_id"
                                     " WHERE p.event_id = ?1 ORDER BY p.role, a.name, a.id",
                                     error);
  if (participants == NULL)
    return FALSE;

  sqlite3_bind_text (participants, 1, details->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (participants)) == SQLITE_ROW)
    {
      SpDetailsParticipant *participant = g_new0 (SpDetailsParticipant, 1);

      participant->name = column_text (participants, 0);
      participant->kind = sqlite3_column_int (participants, 1);
      participant->role = sqlite3_column_int (participants, 2);
      g_ptr_array_add (details->participants, participant);
    }
  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  sources = sp_library_prepare (library,
                                "SELECT s.title, s.publisher, s.published, s.url FROM event_sources AS es"
                                " JOIN sources AS s ON s.id = es.source_id"
                                " WHERE es.event_id = ?1"
                                " ORDER BY s.published_lo IS NULL, s.published_lo, s.title, s.id",
                                error);
  if (sources == NULL)
    return FALSE;

  sqlite3_bind_text (sources, 1, details->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (sources)) == SQLITE_ROW)
    {
      SpDetailsSource *source = g_new0 (SpDetailsSource, 1);

      source->title = column_text (sources, 0);
      source->publisher = column_text (sources, 1);
      source->published = column_date (sources, 2);
      source->url = column_text (sources, 3);
      g_ptr_array_add (details->sources, source);
    }
  if (rc != SQLITE_DONE)
    {
      sp_library_set_error (library, error);
      return FALSE;
    }

  statements = sp_library_prepare (library,
                                   STATEMENT_ROW_QUERY
                                   " WHERE s.event_id = ?1 ORDER BY s.said_lo, s.pk",
                                   error);
  if (statements == NULL)
    return FALSE;

  sqlite3_bind_text (statements, 1, details->id, -1, SQLITE_STATIC);
  left_out = read_statement_rows (library, statements, EVENT_STATEMENTS_LIMIT,
                                  details->statements, NULL, error);
  if (left_out < 0)
    return FALSE;
  details->n_more_statements = left_out;

  return TRUE;
}

static SpDetails *
load_event (SpLibrary  *library,
            gint64      pk,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SpDetails) details = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int rc;

  stmt = sp_library_prepare (library,
                             "SELECT id, title, description, location, start, \"end\""
                             " FROM events WHERE pk = ?1",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pk);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                   _("The event is no longer in the library"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sp_library_set_error (library, error);
      return NULL;
    }

  details = details_new (SP_ITEM_EVENT, pk);
  details->id = column_text (stmt, 0);
  details->title = column_text (stmt, 1);
  details->description = column_text (stmt, 2);
  details->location = column_text (stmt, 3);

  start = column_date (stmt, 4);
  end = column_date (stmt, 5);
  if (end != NULL)
    /* Translators: the span of an event, as in "12 Feb 2025 – 14 Feb 2025" */
    details->date = g_strdup_printf (C_("span", "%1$s – %2$s"), start, end);
  else
    details->date = g_steal_pointer (&start);

  if (!load_event_lists (library, details, error) ||
      !load_datasets (library, details, SP_RECORD_EVENT, error))
    return NULL;

  return g_steal_pointer (&details);
}

/**
 * sp_details_load:
 * @library: a library
 * @kind: whether @pk is a statement or an event
 * @pk: its row
 * @error: return location for an error
 *
 * Loads everything the details pane shows of one statement or event.
 *
 * Returns: (transfer full): the details, or %NULL with
 *   %SP_LIBRARY_ERROR_NOT_FOUND when the row is gone
 */
SpDetails *
sp_details_load (SpLibrary   *library,
                 SpItemKind   kind,
                 gint64       pk,
                 GError     **error)
{
  g_return_val_if_fail (SP_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (kind == SP_ITEM_STATEMENT || kind == SP_ITEM_EVENT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kind == SP_ITEM_STATEMENT)
    return load_statement (library, pk, error);
  else
    return load_event (library, pk, error);
}

static char *
join_list (GPtrArray *items)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        /* Translators: between the items of a list, as in "A, B, C" */
        g_string_append (text, C_("list", ", "));
      g_string_append (text, items->pdata[i]);
    }

  return g_string_free (text, FALSE);
}

static char *
describe_source (const SpDetailsSource *source)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *list = NULL;

  g_ptr_array_add (parts, source->title);
  if (source->publisher != NULL)
    g_ptr_array_add (parts, source->publisher);
  if (source->published != NULL)
    g_ptr_array_add (parts, source->published);

  list = join_list (parts);
  /* Translators: a sentence naming the source of a statement or event */
  return g_strdup_printf (_("Source: %s."), list);
}

static char *
describe_statement (const SpDetails *details)
{
  g_autofree char *speaker = NULL;
  g_autofree char *position = NULL;
  g_autofree char *said = NULL;
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;

  if (details->office != NULL)
    /* Translators: a speaker and the office they held, as in "Pete
     * Hegseth, Secretary of Defense, United States, opposes …": the
     * last comma closes the apposition before the verb */
    speaker = g_strdup_printf (C_("speaker", "%1$s, %2$s,"), details->speaker, details->office);
  else
    speaker = g_strdup (details->speaker);

  switch (details->stance)
    {
    case SP_STANCE_SUPPORT:
      /* Translators: %1$s is a speaker, %2$s the proposition a topic is
       * about and %3$s a date, as in "Pete Hegseth supports “Europe
       * should carry more of the burden” on 12 Feb 2025" */
      position = g_strdup_printf (_("%1$s supports “%2$s” on %3$s"),
                                  speaker, details->proposition, details->date);
      break;
    case SP_STANCE_OPPOSE:
      /* Translators: %1$s is a speaker, %2$s a proposition and %3$s a date */
      position = g_strdup_printf (_("%1$s opposes “%2$s” on %3$s"),
                                  speaker, details->proposition, details->date);
      break;
    case SP_STANCE_NEUTRAL:
      /* Translators: %1$s is a speaker, %2$s a proposition and %3$s a date */
      position = g_strdup_printf (_("%1$s is neutral about “%2$s” on %3$s"),
                                  speaker, details->proposition, details->date);
      break;
    case SP_STANCE_MIXED:
      /* Translators: %1$s is a speaker, %2$s a proposition and %3$s a date */
      position = g_strdup_printf (_("%1$s has mixed views about “%2$s” on %3$s"),
                                  speaker, details->proposition, details->date);
      break;
    default:
      /* Translators: %1$s is a speaker, %2$s a proposition and %3$s a date */
      position = g_strdup_printf (_("%1$s takes an unclear position on “%2$s” on %3$s"),
                                  speaker, details->proposition, details->date);
      break;
    }

  if (details->quote != NULL && *details->quote != '\0')
    text = quoted (details->quote);
  else
    text = g_strdup (details->paraphrase);

  if (text != NULL)
    /* Translators: a position and what was said, as in "Pete Hegseth
     * opposes “…” on 12 Feb 2025: “unrealistic”." */
    said = g_strdup_printf (C_("statement", "%1$s: %2$s."), position, text);
  else
    /* Translators: a position with neither quote nor paraphrase */
    said = g_strdup_printf (C_("statement", "%s."), position);

  source = describe_source (details->sources->pdata[0]);
  return g_strjoin (" ", said, source, NULL);
}

static char *
describe_event (const SpDetails *details)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *heading = NULL;

  g_ptr_array_add (parts, details->title);
  g_ptr_array_add (parts, details->date);
  if (details->location != NULL)
    g_ptr_array_add (parts, details->location);
  heading = join_list (parts);
  /* Translators: a sentence made of an event's title, date and place */
  g_string_append_printf (text, C_("event", "%s."), heading);

  for (guint i = 0; i < details->participants->len; i++)
    {
      SpDetailsParticipant *participant = details->participants->pdata[i];

      /* Translators: a participant in an event and their role, as in
       * "John Healey (Chair)" */
      g_ptr_array_add (participants, g_strdup_printf (C_("participant", "%1$s (%2$s)"),
                                                      participant->name,
                                                      sp_role_get_label (participant->role)));
    }
  if (participants->len > 0)
    {
      g_autofree char *list = join_list (participants);

      g_string_append_c (text, ' ');
      /* Translators: a sentence listing the participants in an event */
      g_string_append_printf (text, _("Participants: %s."), list);
    }

  for (guint i = 0; i < details->sources->len; i++)
    {
      g_autofree char *source = describe_source (details->sources->pdata[i]);

      g_string_append_printf (text, " %s", source);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sp_details_describe:
 * @details: details
 *
 * Describes @details in a few sentences for screen readers and tooltips.
 *
 * Returns: (transfer full): the description
 */
char *
sp_details_describe (const SpDetails *details)
{
  g_return_val_if_fail (details != NULL, NULL);

  if (details->kind == SP_ITEM_STATEMENT)
    return describe_statement (details);
  else
    return describe_event (details);
}
