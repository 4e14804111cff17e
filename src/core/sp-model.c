#define G_LOG_DOMAIN "standpoint-model"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sp-model.h"

/* Keywords are the dataset format's spelling; labels are for people. */
typedef struct {
  const char *keyword;
  const char *label;
} Term;

static const Term record_kinds[] = {
  { NULL, NULL },
  { "source", N_("Source") },
  { "actor", N_("Actor") },
  { "office", N_("Office") },
  { "topic", N_("Topic") },
  { "event", N_("Event") },
  { "statement", N_("Statement") },
};

static const char * const record_plurals[] = {
  NULL, "sources", "actors", "offices", "topics", "events", "statements",
};

static const Term actor_kinds[] = {
  { NULL, NULL },
  { "person", N_("Person") },
  { "country", N_("Country") },
  { "organization", N_("Organization") },
};

static const Term stances[] = {
  { NULL, NULL },
  /* Translators: the stance of a statement towards a proposition */
  { "support", N_("Supports") },
  { "oppose", N_("Opposes") },
  { "neutral", N_("Neutral") },
  { "mixed", N_("Mixed") },
  { "unclear", N_("Unclear") },
};

static const Term roles[] = {
  { NULL, NULL },
  /* Translators: the role of a participant in an event */
  { "chair", N_("Chair") },
  { "host", N_("Host") },
  { "attendee", N_("Attendee") },
  { "speaker", N_("Speaker") },
  { "organizer", N_("Organizer") },
};

static guint
lookup (const Term *terms,
        guint       n_terms,
        const char *text)
{
  if (text == NULL)
    return 0;

  for (guint i = 1; i < n_terms; i++)
    if (strcmp (terms[i].keyword, text) == 0)
      return i;

  return 0;
}

#define LOOKUP(terms, text) lookup (terms, G_N_ELEMENTS (terms), text)
#define KEYWORD(terms, value) \
  ((guint) (value) < G_N_ELEMENTS (terms) ? terms[value].keyword : NULL)
#define LABEL(terms, value) \
  ((guint) (value) > 0 && (guint) (value) < G_N_ELEMENTS (terms) ? _(terms[value].label) : NULL)

const char *
sp_record_kind_to_string (SpRecordKind kind)
{
  return KEYWORD (record_kinds, kind);
}

const char *
sp_record_kind_get_plural (SpRecordKind kind)
{
  return (guint) kind < G_N_ELEMENTS (record_plurals) ? record_plurals[kind] : NULL;
}

const char *
sp_record_kind_get_label (SpRecordKind kind)
{
  return LABEL (record_kinds, kind);
}

SpActorKind
sp_actor_kind_from_string (const char *text)
{
  return LOOKUP (actor_kinds, text);
}

const char *
sp_actor_kind_to_string (SpActorKind kind)
{
  return KEYWORD (actor_kinds, kind);
}

SpStance
sp_stance_from_string (const char *text)
{
  return LOOKUP (stances, text);
}

const char *
sp_stance_to_string (SpStance stance)
{
  return KEYWORD (stances, stance);
}

const char *
sp_stance_get_label (SpStance stance)
{
  return LABEL (stances, stance);
}

SpRole
sp_role_from_string (const char *text)
{
  return LOOKUP (roles, text);
}

const char *
sp_role_to_string (SpRole role)
{
  return KEYWORD (roles, role);
}

const char *
sp_role_get_label (SpRole role)
{
  return LABEL (roles, role);
}
