#pragma once

#include <gio/gio.h>

#include "sp-library.h"
#include "sp-model.h"
#include "sp-timeline-index.h"

G_BEGIN_DECLS

/* Dates in this file are formatted at their precision ("Feb 2025"); other
 * text is as the dataset wrote it. */

typedef struct {
  char *title;
  char *publisher;
  char *published;
  char *url;
} SpDetailsSource;

/* Another statement, shown as a row that leads to it. */
typedef struct {
  gint64    pk;
  char     *speaker;
  char     *topic;
  SpStance  stance;
  char     *said;
  char     *text;       /* the quote in quotation marks, or the paraphrase, shortened */
} SpDetailsStatement;

typedef struct {
  char        *name;
  SpActorKind  kind;
  SpRole       role;
} SpDetailsParticipant;

typedef struct {
  SpItemKind   kind;
  gint64       pk;
  char        *id;
  char        *title;             /* the topic's label, or the event's title */
  char        *date;              /* when it was said; an event's date or span */
  GPtrArray   *sources;           /* of SpDetailsSource: a statement has one */
  GPtrArray   *datasets;          /* of char *: titles of the datasets that brought it */

  /* Statements */
  char        *proposition;
  SpStance     stance;
  char        *quantity;          /* "5 % of GDP", or NULL */
  char        *quote;
  char        *paraphrase;
  char        *speaker;
  SpActorKind  speaker_kind;
  char        *speaker_country;
  char        *office;            /* held on that date, "Secretary of Defense, United States" */
  char        *context_before;    /* the source's text around the offsets; "…" marks a cut */
  char        *context_passage;
  char        *context_after;
  gint64       event_pk;          /* 0 when not said at an event */
  char        *event_title;
  GPtrArray   *nearby;            /* of SpDetailsStatement: same topic, in time order */

  /* Events */
  char        *description;
  char        *location;
  GPtrArray   *participants;      /* of SpDetailsParticipant */
  GPtrArray   *statements;        /* of SpDetailsStatement: made at the event, in time order */
  guint        n_more_statements; /* made at the event but left out of @statements */
} SpDetails;

SpDetails *sp_details_load (SpLibrary   *library,
                            SpItemKind   kind,
                            gint64       pk,
                            GError     **error);
void       sp_details_free (SpDetails *details);
char      *sp_details_describe (const SpDetails *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpDetails, sp_details_free)

G_END_DECLS
