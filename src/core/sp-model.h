#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fixed vocabularies of the data model.  The numeric values are stored
 * in the library, so they never change; new values only get appended. */

typedef enum {
  SP_RECORD_SOURCE = 1,
  SP_RECORD_ACTOR,
  SP_RECORD_OFFICE,
  SP_RECORD_TOPIC,
  SP_RECORD_EVENT,
  SP_RECORD_STATEMENT,
} SpRecordKind;

#define SP_N_RECORD_KINDS 6

typedef enum {
  SP_ACTOR_PERSON = 1,
  SP_ACTOR_COUNTRY,
  SP_ACTOR_ORGANIZATION,
} SpActorKind;

typedef enum {
  SP_STANCE_SUPPORT = 1,
  SP_STANCE_OPPOSE,
  SP_STANCE_NEUTRAL,
  SP_STANCE_MIXED,
  SP_STANCE_UNCLEAR,
} SpStance;

typedef enum {
  SP_ROLE_CHAIR = 1,
  SP_ROLE_HOST,
  SP_ROLE_ATTENDEE,
  SP_ROLE_SPEAKER,
  SP_ROLE_ORGANIZER,
} SpRole;

const char   *sp_record_kind_to_string (SpRecordKind kind);
const char   *sp_record_kind_get_plural (SpRecordKind kind);
const char   *sp_record_kind_get_label (SpRecordKind kind);

SpActorKind   sp_actor_kind_from_string (const char *text);
const char   *sp_actor_kind_to_string (SpActorKind kind);
const char   *sp_actor_kind_get_label (SpActorKind kind);

char         *sp_format_quantity (double      value,
                                  const char *unit);

SpStance      sp_stance_from_string (const char *text);
const char   *sp_stance_to_string (SpStance stance);
const char   *sp_stance_get_label (SpStance stance);

SpRole        sp_role_from_string (const char *text);
const char   *sp_role_to_string (SpRole role);
const char   *sp_role_get_label (SpRole role);

G_END_DECLS
