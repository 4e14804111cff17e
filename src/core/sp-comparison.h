#pragma once

#include <gio/gio.h>

#include "sp-library.h"
#include "sp-model.h"

G_BEGIN_DECLS

/* A side-by-side comparison of 2 to 4 sides, topic by topic, as of a date.
 *
 * A side is an actor.  A person speaks for themselves.  A country or an
 * organization speaks through its own statements and through the persons
 * who held one of its offices at the time of each statement (a former
 * official no longer speaks for it).  A cell holds the side's latest
 * stance on the topic as of the date; no statement means "no recorded
 * position", which is never shown as neutral.
 *
 * The rules, exactly:
 *
 * - A statement counts as of @as_of when its said_lo <= as_of: "Feb 2025"
 *   counts from 1 Feb 2025.  Pass the last second of the as-of day.
 * - It counts for a country or organization when said by the side itself,
 *   or by a holder of one of the side's offices (offices.of_id) whose term
 *   [start_lo, end_hi) overlaps the statement's [said_lo, said_hi); an
 *   office without an end is still held.  Being from a country
 *   (actors.country_id) is not enough.
 * - Statements are ordered newest first: the later said_lo, then the finer
 *   date (the smaller said_hi: "1 Feb 2025" before "Feb 2025"), then the
 *   id.  The first is the latest.  Statements with the same said_lo and
 *   said_hi as the latest are tied with it; when tied statements hold
 *   different stances, the cell's stance is SP_STANCE_MIXED (its latest
 *   is still the first of them, and all of them are in the evidence).
 * - The cell has shifted when the latest is in [period_start, as_of] and
 *   earlier statements in that period held another stance.  Earlier
 *   statements are taken as runs of ties, each with one stance (mixed when
 *   they disagree), like the cell; shifted_from is the stance of the most
 *   recent run whose stance differs from the cell's, shifted_from_date its
 *   date.
 * - The evidence is the latest and the statements tied with it, then the
 *   other statements said in the period, newest first, at most
 *   SP_COMPARISON_EVIDENCE_LIMIT in all.  A shift found further back is
 *   still reported.
 * - A row disagrees when at least two sides have a position and not all
 *   positions hold the same stance (neutral, mixed and unclear are
 *   stances like the others).
 * - Roles: the offices the side held, the offices of the side and the
 *   other offices their holders held during their terms, when they overlap
 *   [period_start, as_of]; and the events in that period the side took
 *   part in, or a holder during a term.  Current roles come first, each
 *   group newest first.  An office held at @as_of shows "since" its start,
 *   an earlier one its span.  A role cites the first of its sources by
 *   publication date.
 * - Citations are numbered in order of first use, first what the board
 *   shows: the latest statement of each cell, row by row and side by
 *   side, then the roles side by side; then the rest of the evidence in
 *   the same order, newest first.  A source cited twice keeps its first
 *   number.
 * - Without chosen topics, the rows are every topic where a side has a
 *   counted statement as of the date, ordered by label; reading a side's
 *   whole record then costs time in proportion to it.  With chosen topics,
 *   reading stops once the period is read and each topic has its latest. */

#define SP_COMPARISON_MAX_SIDES 4
#define SP_COMPARISON_EVIDENCE_LIMIT 50

/* One statement behind a cell, with what is needed to show and cite it. */
typedef struct {
  gint64       pk;            /* row in statements */
  char        *id;
  SpStance     stance;
  gint64       said_lo;
  gint64       said_hi;
  char        *said;          /* formatted at its precision: "12 Feb 2025" */
  char        *speaker;       /* name */
  char        *office;        /* "Secretary of Defense, United States" held on that date, or NULL */
  char        *quote;         /* or NULL */
  char        *paraphrase;    /* or NULL */
  gboolean     has_quantity;
  double       quantity;
  char        *unit;          /* "% of GDP", or NULL */
  guint        citation;      /* 1-based number in the comparison's citation list */
  char        *source_id;     /* the cited source's id */
} SpEvidence;

typedef enum {
  SP_CELL_NO_POSITION,        /* no statement as of the date */
  SP_CELL_POSITION,
} SpCellState;

typedef struct {
  SpCellState  state;
  SpStance     stance;        /* the latest statement's stance, SP_STANCE_MIXED when statements
                               * tied with it disagree; 0 without a position */
  SpEvidence  *latest;        /* borrowed from evidence, or NULL */
  /* The stance changed within the period: from the earlier stance (with
   * the date of the statement that held it) to the latest. */
  gboolean     shifted;
  SpStance     shifted_from;
  char        *shifted_from_date;
  GPtrArray   *evidence;      /* SpEvidence, newest first, as the rules above say; empty without a position */
} SpCell;

typedef struct {
  char        *id;
  char        *label;
  char        *proposition;
  gboolean     disagree;      /* sides with a position hold different stances */
  SpCell      *cells;         /* one per side */
} SpComparisonRow;

/* What a side was doing at the date: offices held (by it or, for a country
 * or organization, by its office holders) and its part in events. */
typedef struct {
  char        *text;          /* "Secretary of Defense: Pete Hegseth (since 25 Jan 2025)" */
  gboolean     current;       /* held or happening at the date, not only before it */
  guint        citation;      /* 0 when no source */
  char        *source_id;     /* or NULL */
} SpSideRole;

/* The board shows at most this many of a side's current roles, and of its
 * earlier ones; it counts the rest. */
#define SP_BOARD_MAX_CURRENT_ROLES 6
#define SP_BOARD_MAX_EARLIER_ROLES 4

typedef struct {
  char        *id;
  char        *name;
  SpActorKind  kind;
  GPtrArray   *roles;         /* SpSideRole */
} SpSide;

typedef struct {
  guint        number;        /* 1-based */
  char        *source_id;
  char        *title;
  char        *publisher;     /* or NULL */
  char        *published;     /* formatted, or NULL */
  char        *url;           /* or NULL */
} SpCitation;

typedef enum {
  SP_AGREEMENT_AGREE,         /* both have a position, and the same stance */
  SP_AGREEMENT_DIFFER,        /* both have a position, different stances */
  SP_AGREEMENT_INCOMPARABLE,  /* one or both have no recorded position */
} SpAgreement;

typedef struct {
  gint64            as_of;        /* end of the as-of day, seconds since 1970 UTC */
  gint64            period_start; /* shifts are looked for in [period_start, as_of] */
  char             *as_of_label;  /* "12 Feb 2025" */
  guint             n_sides;
  SpSide           *sides;
  GPtrArray        *rows;         /* SpComparisonRow */
  GPtrArray        *citations;    /* SpCitation, numbered in order of first use */
  guint             n_board_citations; /* the first ones, cited by the cells' latest statements
                                        * and the roles; the others only by evidence */
  /* counts[a][b][SpAgreement] over the rows, for every pair of sides a < b,
   * and the same in counts[b][a] */
  guint             counts[SP_COMPARISON_MAX_SIDES][SP_COMPARISON_MAX_SIDES][SP_AGREEMENT_INCOMPARABLE + 1];
} SpComparison;

/* @side_ids: 2 to 4 actor ids; @topic_ids: NULL for every topic where any
 * side has a statement as of the date; @as_of: a time (statements said up
 * to it count); @period_start: G_MININT64 for all history.  Unknown ids
 * fail with SP_LIBRARY_ERROR_NOT_FOUND; a wrong number of sides, an id
 * given twice or a period starting after @as_of with
 * G_IO_ERROR_INVALID_ARGUMENT. */
SpComparison *sp_comparison_new (SpLibrary           *library,
                                 const char * const  *side_ids,
                                 const char * const  *topic_ids,
                                 gint64               as_of,
                                 gint64               period_start,
                                 GError             **error);
void          sp_comparison_free (SpComparison *comparison);

/* The side's roles are its current ones, then its earlier ones: how many
 * are current, and how many of each the board shows. */
void              sp_side_count_roles      (const SpSide *side,
                                            guint        *n_current,
                                            guint        *shown_current,
                                            guint        *shown_earlier);
/* The statement that held the stance a shifted cell changed from, or
 * NULL. */
const SpEvidence *sp_cell_get_shift_origin (const SpCell *cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpComparison, sp_comparison_free)

G_END_DECLS
