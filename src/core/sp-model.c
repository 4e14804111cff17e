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
  { "source", NC_("record kind", "Source") },
  { "actor", NC_("record kind", "Actor") },
  { "office", NC_("record kind", "Office") },
  { "topic", NC_("record kind", "Topic") },
  { "event", NC_("record kind", "Event") },
  { "statement", NC_("record kind", "Statement") },
};

static const char * const record_plurals[] = {
  NULL, "sources", "actors", "offices", "topics", "events", "statements",
};

static const Term actor_kinds[] = {
  { NULL, NULL },
  { "person", NC_("actor kind", "Person") },
  { "country", NC_("actor kind", "Country") },
  { "organization", NC_("actor kind", "Organization") },
};

static const Term stances[] = {
  { NULL, NULL },
  /* Translators: the stance of a statement towards a proposition */
  { "support", NC_("stance", "Supports") },
  { "oppose", NC_("stance", "Opposes") },
  { "neutral", NC_("stance", "Neutral") },
  { "mixed", NC_("stance", "Mixed") },
  { "unclear", NC_("stance", "Unclear") },
};

static const Term roles[] = {
  { NULL, NULL },
  /* Translators: the role of a participant in an event */
  { "chair", NC_("event role", "Chair") },
  { "host", NC_("event role", "Host") },
  { "attendee", NC_("event role", "Attendee") },
  { "speaker", NC_("event role", "Speaker") },
  { "organizer", NC_("event role", "Organizer") },
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
/* Each table's labels have their own context, as a translation may
 * depend on it ("Source" the record kind, "Chair" the role). */
#define LABEL(terms, context, value) \
  ((guint) (value) > 0 && (guint) (value) < G_N_ELEMENTS (terms) ? \
   g_dpgettext2 (GETTEXT_PACKAGE, context, terms[value].label) : NULL)

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
  return LABEL (record_kinds, "record kind", kind);
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

const char *
sp_actor_kind_get_label (SpActorKind kind)
{
  return LABEL (actor_kinds, "actor kind", kind);
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
  return LABEL (stances, "stance", stance);
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
  return LABEL (roles, "event role", role);
}

/**
 * sp_format_quantity:
 * @value: an amount a statement names
 * @unit: (nullable): its unit, as the dataset writes it
 *
 * Writes the amount with the locale's decimal sign and digit grouping,
 * followed by its unit, which is dataset content and stays as written.
 *
 * Returns: (transfer full): the text, such as "5 % of GDP"
 */
char *
sp_format_quantity (double      value,
                    const char *unit)
{
  g_autofree char *number = g_strdup_printf ("%'.15g", value);

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);

  /* A no-break space keeps the number with its unit. */
  return g_strdup_printf ("%s\u00a0%s", number, unit);
}
