#define G_LOG_DOMAIN "standpoint-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sp-date.h"
#include "sp-importer.h"
#include "sp-json-reader.h"

/* The importer reads a dataset as a stream of records (one small tree per
 * record, never the whole document), validates each against the format and
 * writes it inside one transaction.  Valid records are written even after a
 * problem was found, so that checks which need the database (offsets into a
 * source's text) still run, and every problem is reported; the transaction
 * is then rolled back.  References may point forward in the file: those not
 * yet defined are checked once the whole file was read. */

#define FORMAT_NAME "standpoint-dataset"
#define FORMAT_VERSION 1
#define MAX_ID_LENGTH 256
/* Progress is reported every 1% of the file, or, when its size is unknown
 * (a pipe), every this many bytes. */
#define UNKNOWN_SIZE_STEP (1024 * 1024)
#define MAX_FIELDS 16

typedef enum {
  FIELD_ID,
  FIELD_TEXT,
  FIELD_URL,
  FIELD_DATE,
  FIELD_KEYWORD,
  FIELD_REF,
  FIELD_REF_LIST,
  FIELD_QUANTITY,
  FIELD_OFFSETS,
  FIELD_PARTICIPANTS,
} FieldType;

#define ACTOR_KIND_BIT(kind) (1u << (kind))
#define ANY_ACTOR 0

typedef struct {
  const char   *name;
  const char   *column;       /* NULL when kept in a child table */
  FieldType     type;
  gboolean      required;
  SpRecordKind  ref_kind;     /* FIELD_REF and FIELD_REF_LIST */
  guint         actor_kinds;  /* for references to actors */
  guint       (*keyword) (const char *text);
  const char   *choices;      /* for messages about FIELD_KEYWORD */
} Field;

typedef struct {
  SpJsonValue *value;         /* NULL when absent or null */
  const char  *text;
  SpDate       date;
  guint        keyword;
  double       number;
  gint64       start;
  gint64       end;
} Slot;

typedef struct _Run Run;

typedef struct {
  SpRecordKind  kind;
  const char   *member;       /* array name in the file, also the table */
  const Field  *fields;
  guint         n_fields;
  void        (*check) (Run *run, SpJsonValue *object, Slot *slots);
} Kind;

static const Field dataset_fields[] = {
  { "id", "id", FIELD_ID, TRUE },
  { "title", "title", FIELD_TEXT, TRUE },
  { "description", "description", FIELD_TEXT },
  { "language", "language", FIELD_TEXT },
  { "license", "license", FIELD_TEXT },
};

static const Field source_fields[] = {
  { "id", "id", FIELD_ID, TRUE },
  { "title", "title", FIELD_TEXT, TRUE },
  { "publisher", "publisher", FIELD_TEXT },
  { "url", "url", FIELD_URL },
  { "published", "published", FIELD_DATE },
  { "accessed", "accessed", FIELD_DATE },
  { "language", "language", FIELD_TEXT },
  { "text", "text", FIELD_TEXT },
};

static const Field actor_fields[] = {
  { "id", "id", FIELD_ID, TRUE },
  { "kind", "kind", FIELD_KEYWORD, TRUE, 0, 0,
    (guint (*) (const char *))sp_actor_kind_from_string, "person, country, organization" },
  { "name", "name", FIELD_TEXT, TRUE },
  { "country", "country_id", FIELD_REF, FALSE, SP_RECORD_ACTOR, ACTOR_KIND_BIT (SP_ACTOR_COUNTRY) },
  { "description", "description", FIELD_TEXT },
};

enum { OFFICE_START = 4, OFFICE_END };

static const Field office_fields[] = {
  { "id", "id", FIELD_ID, TRUE },
  { "holder", "holder_id", FIELD_REF, TRUE, SP_RECORD_ACTOR, ACTOR_KIND_BIT (SP_ACTOR_PERSON) },
  { "title", "title", FIELD_TEXT, TRUE },
  { "of", "of_id", FIELD_REF, TRUE, SP_RECORD_ACTOR,
    ACTOR_KIND_BIT (SP_ACTOR_COUNTRY) | ACTOR_KIND_BIT (SP_ACTOR_ORGANIZATION) },
  { "start", "start", FIELD_DATE, TRUE },
  { "end", "end", FIELD_DATE },
  { "sources", NULL, FIELD_REF_LIST, FALSE, SP_RECORD_SOURCE },
};

static const Field topic_fields[] = {
  { "id", "id", FIELD_ID, TRUE },
  { "label", "label", FIELD_TEXT, TRUE },
  { "proposition", "proposition", FIELD_TEXT, TRUE },
  { "description", "description", FIELD_TEXT },
};

enum { EVENT_DATE = 4, EVENT_START, EVENT_END };

static const Field event_fields[] = {
  { "id", "id", FIELD_ID, TRUE },
  { "title", "title", FIELD_TEXT, TRUE },
  { "description", "description", FIELD_TEXT },
  { "location", "location", FIELD_TEXT },
  { "date", NULL, FIELD_DATE },
  { "start", "start", FIELD_DATE },
  { "end", "end", FIELD_DATE },
  { "participants", NULL, FIELD_PARTICIPANTS },
  { "sources", NULL, FIELD_REF_LIST, FALSE, SP_RECORD_SOURCE },
};

enum { STATEMENT_QUOTE = 5, STATEMENT_PARAPHRASE, STATEMENT_SAID, STATEMENT_SOURCE, STATEMENT_OFFSETS };

static const Field statement_fields[] = {
  { "id", "id", FIELD_ID, TRUE },
  { "speaker", "speaker_id", FIELD_REF, TRUE, SP_RECORD_ACTOR, ANY_ACTOR },
  { "topic", "topic_id", FIELD_REF, TRUE, SP_RECORD_TOPIC },
  { "stance", "stance", FIELD_KEYWORD, TRUE, 0, 0,
    (guint (*) (const char *))sp_stance_from_string, "support, oppose, neutral, mixed, unclear" },
  { "quantity", "quantity", FIELD_QUANTITY },
  { "quote", "quote", FIELD_TEXT },
  { "paraphrase", "paraphrase", FIELD_TEXT },
  { "said", "said", FIELD_DATE, TRUE },
  { "source", "source_id", FIELD_REF, TRUE, SP_RECORD_SOURCE },
  { "offsets", "offset", FIELD_OFFSETS },
  { "event", "event_id", FIELD_REF, FALSE, SP_RECORD_EVENT },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statement_fields) <= MAX_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (event_fields) <= MAX_FIELDS);

static void check_office (Run *run, SpJsonValue *object, Slot *slots);
static void check_event (Run *run, SpJsonValue *object, Slot *slots);
static void check_statement (Run *run, SpJsonValue *object, Slot *slots);

/* Indexed by SpRecordKind. */
static const Kind kinds[] = {
  { 0, "dataset", dataset_fields, G_N_ELEMENTS (dataset_fields) },
  { SP_RECORD_SOURCE, "sources", source_fields, G_N_ELEMENTS (source_fields) },
  { SP_RECORD_ACTOR, "actors", actor_fields, G_N_ELEMENTS (actor_fields) },
  { SP_RECORD_OFFICE, "offices", office_fields, G_N_ELEMENTS (office_fields), check_office },
  { SP_RECORD_TOPIC, "topics", topic_fields, G_N_ELEMENTS (topic_fields) },
  { SP_RECORD_EVENT, "events", event_fields, G_N_ELEMENTS (event_fields), check_event },
  { SP_RECORD_STATEMENT, "statements", statement_fields, G_N_ELEMENTS (statement_fields), check_statement },
};

/* What the file said of an id: where it was defined, whether it was a
 * retraction, and for actors their kind, packed in a pointer-sized value. */
#define ID_INFO(line, retracted, actor_kind) \
  GSIZE_TO_POINTER (((gsize)(line) << 3) | ((retracted) ? 4 : 0) | (actor_kind))
#define ID_INFO_LINE(info) ((guint)(GPOINTER_TO_SIZE (info) >> 3))
#define ID_INFO_RETRACTED(info) ((GPOINTER_TO_SIZE (info) & 4) != 0)
#define ID_INFO_ACTOR_KIND(info) ((SpActorKind)(GPOINTER_TO_SIZE (info) & 3))

typedef struct {
  SpRecordKind  kind;
  guint         actor_kinds;
  const char   *id;
  guint         line;
  guint         column;
  char         *path;
} PendingReference;

typedef struct {
  const char *id;
  guint       line;
  guint       column;
  char       *path;
} PendingOffsets;

typedef struct {
  sqlite3_stmt *select;
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
  sqlite3_stmt *retract;
  sqlite3_stmt *insert_child;
  sqlite3_stmt *insert_child2;
  sqlite3_stmt *delete_children;
  sqlite3_stmt *delete_children2;
  gboolean      was_empty;
  gint64        last_pk;      /* the largest pk before the import */
} Statements;

struct _Run
{
  SpImporter       *importer;
  SpJsonReader     *reader;
  SpLibrary        *library;       /* the connection writing, maybe not the importer's own */
  sqlite3          *db;
  GCancellable     *cancellable;
  goffset           size;
  guint64           reported_bytes;

  GString          *path;          /* of the record being read */
  GStringChunk     *strings;
  GHashTable       *ids[SP_N_RECORD_KINDS + 1];
  GArray           *pending_references;
  GArray           *pending_offsets;

  char             *dataset_id;
  gboolean          writing;
  gboolean          failed;        /* too many problems, or a fatal error */
  GError           *fatal;

  Statements        statements[SP_N_RECORD_KINDS + 1];
  sqlite3_stmt     *provenance;
  sqlite3_stmt     *retract_provenance;
};

struct _SpImporter
{
  GObject       parent_instance;

  SpLibrary    *library;
  GFile        *file;
  char         *display_name;
  double        fraction;
  guint64       bytes_read;
  GMainContext *context;

  char         *dataset_id;
  char         *dataset_title;
  GPtrArray    *problems;
  guint         counts[SP_IMPORT_RETRACTED + 1];
};

G_DEFINE_FINAL_TYPE (SpImporter, sp_importer, G_TYPE_OBJECT)
G_DEFINE_QUARK (sp-import-error-quark, sp_import_error)
G_DEFINE_BOXED_TYPE (SpProblem, sp_problem, sp_problem_copy, sp_problem_free)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_FILE,
  PROP_FRACTION,
  PROP_BYTES_READ,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpProblem *
sp_problem_copy (const SpProblem *problem)
{
  SpProblem *copy = g_new (SpProblem, 1);

  copy->line = problem->line;
  copy->column = problem->column;
  copy->path = g_strdup (problem->path);
  copy->message = g_strdup (problem->message);

  return copy;
}

void
sp_problem_free (SpProblem *problem)
{
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

/* FILE:LINE:COLUMN: PATH: message, the form compilers use, so that editors
 * and terminals can jump to the place. */
char *
sp_problem_to_string (const SpProblem *problem,
                      const char      *file_name)
{
  GString *text = g_string_new (file_name);

  if (problem->line > 0)
    g_string_append_printf (text, ":%u:%u", problem->line, problem->column);
  g_string_append (text, ": ");
  if (problem->path != NULL)
    g_string_append_printf (text, "%s: ", problem->path);
  g_string_append (text, problem->message);

  return g_string_free (text, FALSE);
}

/* Problems */

static void
add_problem_at (Run        *run,
                guint       line,
                guint       column,
                const char *path,
                char       *message)
{
  SpImporter *self = run->importer;
  SpProblem *problem;

  if (run->failed)
    {
      g_free (message);
      return;
    }

  problem = g_new (SpProblem, 1);
  problem->line = line;
  problem->column = column;
  problem->path = g_strdup (path);
  problem->message = message;
  g_ptr_array_add (self->problems, problem);

  if (self->problems->len >= SP_IMPORT_MAX_PROBLEMS)
    {
      problem = g_new0 (SpProblem, 1);
      problem->message = g_strdup_printf (_("too many problems, stopped after %u"),
                                          SP_IMPORT_MAX_PROBLEMS);
      g_ptr_array_add (self->problems, problem);
      run->failed = TRUE;
    }
}

/* The path of the record being read with @suffix, a member name or an
 * index such as "[2]", appended. */
static char *
field_path (Run        *run,
            const char *suffix)
{
  if (suffix == NULL)
    return g_strdup (run->path->str);
  if (suffix[0] == '[')
    return g_strconcat (run->path->str, suffix, NULL);
  return g_strconcat (run->path->str, ".", suffix, NULL);
}

/* Reports a problem at @value, with @suffix appended to the record's path. */
G_GNUC_PRINTF (4, 5)
static void
problem (Run         *run,
         SpJsonValue *value,
         const char  *suffix,
         const char  *format,
         ...)
{
  g_autofree char *path = field_path (run, suffix);
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  add_problem_at (run, value->line, value->column, path, message);
}

/* The reader's messages already start with FILE:LINE:COLUMN; keep only the
 * message and take the place from the reader.  Inside a value the reader
 * also tells the path from it to the error, which extends the value's own. */
static void
reader_problem (Run    *run,
                GError *error)
{
  g_autofree char *prefix = g_strdup_printf ("%s:", run->importer->display_name);
  const char *relative = sp_json_reader_get_error_path (run->reader);
  g_autofree char *path = NULL;
  const char *message = error->message;
  guint line = 0, column = 0;

  if (relative != NULL && run->path->len > 0)
    path = g_strconcat (run->path->str, relative, NULL);

  if (g_str_has_prefix (message, prefix))
    {
      char *end;

      line = strtoul (message + strlen (prefix), &end, 10);
      if (*end == ':')
        column = strtoul (end + 1, &end, 10);
      if (g_str_has_prefix (end, ": "))
        message = end + 2;
      else
        line = column = 0, message = error->message;
    }

  add_problem_at (run, line, column, path, g_strdup (message));
}

static void
fatal (Run    *run,
       GError *error)
{
  if (run->fatal == NULL)
    run->fatal = error;
  else
    g_error_free (error);
  run->failed = TRUE;
}

static void
fatal_sqlite (Run *run)
{
  GError *error = NULL;

  sp_library_set_error (run->library, &error);
  fatal (run, error);
}

/* Values */

static const char *
value_type_name (SpJsonValue *value)
{
  switch (value->type)
    {
    case SP_JSON_VALUE_OBJECT: return _("an object");
    case SP_JSON_VALUE_ARRAY: return _("an array");
    case SP_JSON_VALUE_STRING: return _("a string");
    case SP_JSON_VALUE_NUMBER: return _("a number");
    case SP_JSON_VALUE_BOOLEAN: return _("a boolean");
    case SP_JSON_VALUE_NULL: return _("null");
    default: g_assert_not_reached ();
    }
}

/* @expected is untranslated (N_), translated only when it is reported:
 * this runs for every member of every record. */
static gboolean
expect_type (Run             *run,
             SpJsonValue     *value,
             const char      *suffix,
             SpJsonValueType  type,
             const char      *expected)
{
  if (value->type == type)
    return TRUE;

  /* Translators: "expected a string, found a number" */
  problem (run, value, suffix, _("expected %s, found %s"), _(expected), value_type_name (value));
  return FALSE;
}

static gboolean
check_id_syntax (Run         *run,
                 SpJsonValue *value,
                 const char  *suffix)
{
  if (!expect_type (run, value, suffix, SP_JSON_VALUE_STRING, N_("a string")))
    return FALSE;

  if (value->length == 0)
    {
      problem (run, value, suffix, _("an id must not be empty"));
      return FALSE;
    }

  if (value->length > MAX_ID_LENGTH)
    {
      problem (run, value, suffix, _("an id must not be longer than %u bytes"), MAX_ID_LENGTH);
      return FALSE;
    }

  for (gsize i = 0; i < value->length; i++)
    {
      guchar c = value->string[i];

      if (c < 0x20 || c == 0x7f)
        {
          problem (run, value, suffix, _("an id must not contain control characters"));
          return FALSE;
        }
    }

  return TRUE;
}

static const char *
intern (Run         *run,
        SpJsonValue *value)
{
  return g_string_chunk_insert_len (run->strings, value->string, value->length);
}

static gboolean
same_string (SpJsonValue *a,
             SpJsonValue *b)
{
  return a != NULL && b != NULL &&
         a->type == SP_JSON_VALUE_STRING && b->type == SP_JSON_VALUE_STRING &&
         a->length == b->length && memcmp (a->string, b->string, a->length) == 0;
}

static char *
suffix_printf (const char *name,
               guint       index,
               const char *member)
{
  if (member != NULL)
    return g_strdup_printf ("%s[%u].%s", name, index, member);
  return g_strdup_printf ("%s[%u]", name, index);
}

/* The message when actor @id, as the file defined it (@info), is not of
 * one of @actor_kinds; NULL when it is, or when its kind was itself wrong
 * and already reported. */
static char *
check_actor_kind (const char *id,
                  gpointer    info,
                  guint       actor_kinds)
{
  SpActorKind kind = ID_INFO_ACTOR_KIND (info);
  g_autoptr(GString) expected = NULL;

  if (actor_kinds == 0 || kind == 0 || (actor_kinds & ACTOR_KIND_BIT (kind)) != 0)
    return NULL;

  expected = g_string_new (NULL);
  for (SpActorKind k = SP_ACTOR_PERSON; k <= SP_ACTOR_ORGANIZATION; k++)
    if (actor_kinds & ACTOR_KIND_BIT (k))
      g_string_append_printf (expected, "%s%s", expected->len ? _(" or ") : "",
                              sp_actor_kind_to_string (k));

  /* Translators: "actor "usa" is a country, expected a person" */
  return g_strdup_printf (_("actor \"%s\" is a %s, expected a %s"),
                          id, sp_actor_kind_to_string (kind), expected->str);
}

static void
check_reference (Run          *run,
                 SpJsonValue  *value,
                 const char   *suffix,
                 SpRecordKind  kind,
                 guint         actor_kinds)
{
  gpointer info;

  if (!check_id_syntax (run, value, suffix))
    return;

  if (g_hash_table_lookup_extended (run->ids[kind], value->string, NULL, &info) &&
      !ID_INFO_RETRACTED (info))
    {
      char *message = check_actor_kind (value->string, info, actor_kinds);

      if (message != NULL)
        {
          g_autofree char *path = field_path (run, suffix);

          add_problem_at (run, value->line, value->column, path, message);
        }
    }
  else
    {
      PendingReference pending = {
        .kind = kind,
        .actor_kinds = actor_kinds,
        .id = intern (run, value),
        .line = value->line,
        .column = value->column,
        .path = field_path (run, suffix),
      };

      g_array_append_val (run->pending_references, pending);
    }
}

static void
check_field (Run         *run,
             const Field *field,
             Slot        *slot)
{
  SpJsonValue *value = slot->value;

  switch (field->type)
    {
    case FIELD_ID:
      if (check_id_syntax (run, value, field->name))
        slot->text = value->string;
      break;

    case FIELD_TEXT:
    case FIELD_URL:
      if (!expect_type (run, value, field->name, SP_JSON_VALUE_STRING, N_("a string")))
        break;
      if (value->length == 0)
        {
          problem (run, value, field->name, _("must not be empty"));
          break;
        }
      if (field->type == FIELD_URL &&
          !g_str_has_prefix (value->string, "https://") &&
          !g_str_has_prefix (value->string, "http://"))
        {
          problem (run, value, field->name, _("a URL must start with http:// or https://"));
          break;
        }
      slot->text = value->string;
      break;

    case FIELD_DATE:
      {
        g_autoptr(GError) error = NULL;

        if (!expect_type (run, value, field->name, SP_JSON_VALUE_STRING, N_("a date string")))
          break;
        if (!sp_date_parse (value->string, value->length, &slot->date, &error))
          {
            problem (run, value, field->name, _("invalid date \"%s\": %s"),
                     value->string, error->message);
            break;
          }
        slot->text = value->string;
      }
      break;

    case FIELD_KEYWORD:
      if (!expect_type (run, value, field->name, SP_JSON_VALUE_STRING, N_("a string")))
        break;
      slot->keyword = field->keyword (value->string);
      if (slot->keyword == 0)
        problem (run, value, field->name,
                 /* Translators: the second %s is a list of the allowed words */
                 _("unknown value \"%s\", expected one of: %s"),
                 value->string, field->choices);
      break;

    case FIELD_REF:
      check_reference (run, value, field->name, field->ref_kind, field->actor_kinds);
      slot->text = value->type == SP_JSON_VALUE_STRING ? value->string : NULL;
      break;

    case FIELD_REF_LIST:
      if (!expect_type (run, value, field->name, SP_JSON_VALUE_ARRAY, N_("an array")))
        break;
      {
        guint index = 0;

        for (SpJsonValue *item = value->first_child; item; item = item->next, index++)
          {
            g_autofree char *suffix = suffix_printf (field->name, index, NULL);

            for (SpJsonValue *earlier = value->first_child; earlier != item; earlier = earlier->next)
              if (item->type == SP_JSON_VALUE_STRING && same_string (earlier, item))
                {
                  problem (run, item, suffix, _("\"%s\" is listed twice"), item->string);
                  break;
                }
            check_reference (run, item, suffix, field->ref_kind, 0);
          }
      }
      break;

    case FIELD_PARTICIPANTS:
      if (!expect_type (run, value, field->name, SP_JSON_VALUE_ARRAY, N_("an array")))
        break;
      {
        guint index = 0;

        for (SpJsonValue *item = value->first_child; item; item = item->next, index++)
          {
            g_autofree char *suffix = suffix_printf (field->name, index, NULL);
            g_autofree char *actor_suffix = suffix_printf (field->name, index, "actor");
            g_autofree char *role_suffix = suffix_printf (field->name, index, "role");
            SpJsonValue *actor, *role;

            if (!expect_type (run, item, suffix, SP_JSON_VALUE_OBJECT, N_("an object")))
              continue;

            for (SpJsonValue *member = item->first_child; member; member = member->next)
              if (strcmp (member->name, "actor") != 0 && strcmp (member->name, "role") != 0)
                {
                  g_autofree char *member_suffix = suffix_printf (field->name, index, member->name);

                  problem (run, member, member_suffix, _("unknown member \"%s\""), member->name);
                }

            actor = sp_json_value_get_member (item, "actor");
            role = sp_json_value_get_member (item, "role");
            if (actor == NULL)
              problem (run, item, suffix, _("missing member \"%s\""), "actor");
            else
              check_reference (run, actor, actor_suffix, SP_RECORD_ACTOR, ANY_ACTOR);

            if (role == NULL)
              problem (run, item, suffix, _("missing member \"%s\""), "role");
            else if (expect_type (run, role, role_suffix, SP_JSON_VALUE_STRING, N_("a string")) &&
                     sp_role_from_string (role->string) == 0)
              problem (run, role, role_suffix, _("unknown value \"%s\", expected one of: %s"),
                       role->string, "chair, host, attendee, speaker, organizer");
            else if (actor != NULL && actor->type == SP_JSON_VALUE_STRING)
              {
                for (SpJsonValue *earlier = value->first_child; earlier != item; earlier = earlier->next)
                  if (earlier->type == SP_JSON_VALUE_OBJECT &&
                      same_string (sp_json_value_get_member (earlier, "actor"), actor) &&
                      same_string (sp_json_value_get_member (earlier, "role"), role))
                    {
                      problem (run, item, suffix, _("actor \"%s\" is listed twice as %s"),
                               actor->string, role->string);
                      break;
                    }
              }
          }
      }
      break;

    case FIELD_QUANTITY:
      if (!expect_type (run, value, field->name, SP_JSON_VALUE_OBJECT, N_("an object")))
        break;
      {
        g_autofree char *value_suffix = g_strconcat (field->name, ".value", NULL);
        g_autofree char *unit_suffix = g_strconcat (field->name, ".unit", NULL);
        SpJsonValue *number = sp_json_value_get_member (value, "value");
        SpJsonValue *unit = sp_json_value_get_member (value, "unit");
        gboolean ok = TRUE;

        for (SpJsonValue *member = value->first_child; member; member = member->next)
          if (strcmp (member->name, "value") != 0 && strcmp (member->name, "unit") != 0)
            {
              g_autofree char *member_suffix = g_strconcat (field->name, ".", member->name, NULL);

              problem (run, member, member_suffix, _("unknown member \"%s\""), member->name);
              ok = FALSE;
            }

        if (number == NULL)
          {
            problem (run, value, field->name, _("missing member \"%s\""), "value");
            ok = FALSE;
          }
        else if (!expect_type (run, number, value_suffix, SP_JSON_VALUE_NUMBER, N_("a number")) ||
                 !sp_json_value_get_double (number, &slot->number))
          ok = FALSE;

        if (unit == NULL)
          {
            problem (run, value, field->name, _("missing member \"%s\""), "unit");
            ok = FALSE;
          }
        else if (!expect_type (run, unit, unit_suffix, SP_JSON_VALUE_STRING, N_("a string")))
          ok = FALSE;
        else if (unit->length == 0)
          {
            problem (run, unit, unit_suffix, _("must not be empty"));
            ok = FALSE;
          }

        if (ok)
          slot->text = unit->string;
      }
      break;

    case FIELD_OFFSETS:
      if (!expect_type (run, value, field->name, SP_JSON_VALUE_ARRAY, N_("an array")))
        break;
      if (value->n_children != 2)
        {
          problem (run, value, field->name, _("expected two offsets, [start, end]"));
          break;
        }
      {
        SpJsonValue *start = value->first_child;
        SpJsonValue *end = start->next;

        if (start->type != SP_JSON_VALUE_NUMBER || !sp_json_value_get_int64 (start, &slot->start) ||
            end->type != SP_JSON_VALUE_NUMBER || !sp_json_value_get_int64 (end, &slot->end))
          problem (run, value, field->name, _("offsets must be whole numbers"));
        else if (slot->start < 0 || slot->end <= slot->start)
          problem (run, value, field->name,
                   _("offsets must satisfy 0 <= start < end, found [%lld, %lld]"),
                   (long long) slot->start, (long long) slot->end);
        else
          slot->text = "";
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Fills @slots from @object after checking every member against @kind;
 * a slot's text stays NULL when its member is absent or invalid. */
static void
read_fields (Run         *run,
             const Kind  *kind,
             SpJsonValue *object,
             Slot        *slots)
{
  memset (slots, 0, sizeof (Slot) * kind->n_fields);

  for (SpJsonValue *member = object->first_child; member; member = member->next)
    {
      guint i;

      for (i = 0; i < kind->n_fields; i++)
        if (strcmp (member->name, kind->fields[i].name) == 0)
          break;

      if (i == kind->n_fields)
        problem (run, member, member->name, _("unknown member \"%s\""), member->name);
      else if (member->type != SP_JSON_VALUE_NULL || kind->fields[i].required)
        slots[i].value = member;
    }

  for (guint i = 0; i < kind->n_fields; i++)
    {
      if (slots[i].value != NULL)
        check_field (run, &kind->fields[i], &slots[i]);
      else if (kind->fields[i].required)
        problem (run, object, NULL, _("missing member \"%s\""), kind->fields[i].name);
    }

  if (kind->check != NULL)
    kind->check (run, object, slots);
}

static void
check_span (Run        *run,
            Slot       *start,
            Slot       *end,
            const char *end_name)
{
  if (start->text != NULL && end->text != NULL && end->date.hi <= start->date.lo)
    problem (run, end->value, end_name, _("ends (%s) before it starts (%s)"),
             end->text, start->text);
}

static void
check_office (Run         *run,
              SpJsonValue *object,
              Slot        *slots)
{
  check_span (run, &slots[OFFICE_START], &slots[OFFICE_END], "end");
}

static void
check_event (Run         *run,
             SpJsonValue *object,
             Slot        *slots)
{
  Slot *date = &slots[EVENT_DATE];
  Slot *start = &slots[EVENT_START];
  Slot *end = &slots[EVENT_END];

  if (date->value != NULL)
    {
      if (start->value != NULL || end->value != NULL)
        problem (run, date->value, "date", _("give either \"date\" or \"start\" and \"end\", not both"));
      else
        *start = *date;
    }
  else if (start->value == NULL && end->value == NULL)
    problem (run, object, NULL, _("missing member \"%s\" (or \"start\" and \"end\")"), "date");
  else if (start->value == NULL)
    problem (run, end->value, "end", _("missing member \"%s\""), "start");
  else if (end->value == NULL)
    problem (run, start->value, "start", _("missing member \"%s\""), "end");
  else
    check_span (run, start, end, "end");
}

static void
check_statement (Run         *run,
                 SpJsonValue *object,
                 Slot        *slots)
{
  Slot *offsets = &slots[STATEMENT_OFFSETS];

  if (slots[STATEMENT_QUOTE].value == NULL && slots[STATEMENT_PARAPHRASE].value == NULL)
    problem (run, object, NULL, _("a statement needs a \"quote\" or a \"paraphrase\""));

  if (offsets->text != NULL && slots[0].text != NULL)
    {
      PendingOffsets pending = {
        .id = g_string_chunk_insert (run->strings, slots[0].text),
        .line = offsets->value->line,
        .column = offsets->value->column,
        .path = field_path (run, "offsets"),
      };

      g_array_append_val (run->pending_offsets, pending);
    }
}

/* Writing */

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME G_GUINT64_CONSTANT (0x100000001b3)

/* 0xfe and 0xff never occur in UTF-8, so they separate values. */
static guint64
hash_bytes (guint64     hash,
            const char *data,
            gsize       length,
            guchar      end)
{
  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar)data[i]) * FNV_PRIME;

  return (hash ^ end) * FNV_PRIME;
}

/* A fingerprint of the record as written, to tell an edited record from an
 * unchanged one without reading its row back. */
static gint64
hash_slots (const Kind *kind,
            Slot       *slots)
{
  guint64 hash = FNV_OFFSET;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      SpJsonValue *value = slots[i].value;

      if (value == NULL)
        {
          hash = hash_bytes (hash, NULL, 0, 0xfe);
          continue;
        }

      switch (kind->fields[i].type)
        {
        case FIELD_QUANTITY:
          {
            SpJsonValue *number = sp_json_value_get_member (value, "value");

            hash = hash_bytes (hash, number->string, number->length, 0xff);
            hash = hash_bytes (hash, slots[i].text, strlen (slots[i].text), 0xff);
          }
          break;

        case FIELD_OFFSETS:
        case FIELD_REF_LIST:
          for (SpJsonValue *item = value->first_child; item; item = item->next)
            hash = hash_bytes (hash, item->string, item->length, 0xff);
          break;

        case FIELD_PARTICIPANTS:
          for (SpJsonValue *item = value->first_child; item; item = item->next)
            {
              SpJsonValue *actor = sp_json_value_get_member (item, "actor");
              SpJsonValue *role = sp_json_value_get_member (item, "role");

              hash = hash_bytes (hash, actor->string, actor->length, 0xff);
              hash = hash_bytes (hash, role->string, role->length, 0xff);
            }
          break;

        default:
          hash = hash_bytes (hash, value->string, value->length, 0xff);
          break;
        }
    }

  return (gint64)hash;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           param,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, param, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, param);
}

/* Binds the columns in field order, then the hash: the insert and update
 * statements of every kind share this layout. */
static void
bind_slots (sqlite3_stmt *stmt,
            const Kind   *kind,
            Slot         *slots,
            gint64        hash)
{
  int param = 1;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const Field *field = &kind->fields[i];
      Slot *slot = &slots[i];

      if (field->column == NULL)
        continue;

      switch (field->type)
        {
        case FIELD_DATE:
          bind_text (stmt, param++, slot->text);
          if (slot->text != NULL)
            {
              sqlite3_bind_int64 (stmt, param++, slot->date.lo);
              sqlite3_bind_int64 (stmt, param++, slot->date.hi);
              sqlite3_bind_int (stmt, param++, slot->date.precision);
            }
          else
            {
              for (guint j = 0; j < 3; j++)
                sqlite3_bind_null (stmt, param++);
            }
          break;

        case FIELD_KEYWORD:
          sqlite3_bind_int (stmt, param++, slot->keyword);
          break;

        case FIELD_QUANTITY:
          if (slot->text != NULL)
            sqlite3_bind_double (stmt, param++, slot->number);
          else
            sqlite3_bind_null (stmt, param++);
          bind_text (stmt, param++, slot->text);
          break;

        case FIELD_OFFSETS:
          if (slot->text != NULL)
            {
              sqlite3_bind_int64 (stmt, param++, slot->start);
              sqlite3_bind_int64 (stmt, param++, slot->end);
            }
          else
            {
              sqlite3_bind_null (stmt, param++);
              sqlite3_bind_null (stmt, param++);
            }
          break;

        default:
          bind_text (stmt, param++, slot->text);
          break;
        }
    }

  sqlite3_bind_int64 (stmt, param, hash);
}

static gboolean
step_done (Run          *run,
           sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  fatal_sqlite (run);
  return FALSE;
}

static void
write_children (Run        *run,
                const Kind *kind,
                Slot       *slots)
{
  Statements *s = &run->statements[kind->kind];
  const char *id = slots[0].text;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      SpJsonValue *value = slots[i].value;

      if (value == NULL)
        continue;

      if (kind->fields[i].type == FIELD_REF_LIST)
        {
          sqlite3_stmt *stmt = kind->kind == SP_RECORD_EVENT ? s->insert_child2 : s->insert_child;

          for (SpJsonValue *item = value->first_child; item; item = item->next)
            {
              sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 2, item->string, item->length, SQLITE_STATIC);
              if (!step_done (run, stmt))
                return;
            }
        }
      else if (kind->fields[i].type == FIELD_PARTICIPANTS)
        {
          for (SpJsonValue *item = value->first_child; item; item = item->next)
            {
              SpJsonValue *actor = sp_json_value_get_member (item, "actor");
              SpJsonValue *role = sp_json_value_get_member (item, "role");

              sqlite3_bind_text (s->insert_child, 1, id, -1, SQLITE_STATIC);
              sqlite3_bind_text (s->insert_child, 2, actor->string, actor->length, SQLITE_STATIC);
              sqlite3_bind_int (s->insert_child, 3, sp_role_from_string (role->string));
              if (!step_done (run, s->insert_child))
                return;
            }
        }
    }
}

static void
delete_children (Run          *run,
                 Statements   *s,
                 const char   *id)
{
  sqlite3_stmt *deletes[] = { s->delete_children, s->delete_children2 };

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      if (deletes[i] == NULL)
        continue;
      sqlite3_bind_text (deletes[i], 1, id, -1, SQLITE_STATIC);
      if (!step_done (run, deletes[i]))
        return;
    }
}

static void
write_record (Run        *run,
              const Kind *kind,
              Slot       *slots)
{
  Statements *s = &run->statements[kind->kind];
  const char *id = slots[0].text;
  gint64 hash = hash_slots (kind, slots);
  SpImportOutcome outcome = SP_IMPORT_ADDED;

  if (!s->was_empty)
    {
      int rc;

      sqlite3_bind_text (s->select, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (s->select);
      if (rc == SQLITE_ROW)
        outcome = sqlite3_column_int64 (s->select, 0) == hash ? SP_IMPORT_UNCHANGED : SP_IMPORT_UPDATED;
      sqlite3_reset (s->select);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          fatal_sqlite (run);
          return;
        }
    }

  if (outcome == SP_IMPORT_ADDED)
    {
      bind_slots (s->insert, kind, slots, hash);
      if (!step_done (run, s->insert))
        return;
      write_children (run, kind, slots);
    }
  else if (outcome == SP_IMPORT_UPDATED)
    {
      bind_slots (s->update, kind, slots, hash);
      if (!step_done (run, s->update))
        return;
      delete_children (run, s, id);
      write_children (run, kind, slots);
    }

  sqlite3_bind_int (run->provenance, 1, kind->kind);
  sqlite3_bind_text (run->provenance, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->provenance, 3, run->dataset_id, -1, SQLITE_STATIC);
  if (!step_done (run, run->provenance))
    return;

  run->importer->counts[outcome]++;
}

static void
write_retraction (Run        *run,
                  const Kind *kind,
                  const char *id)
{
  Statements *s = &run->statements[kind->kind];

  sqlite3_bind_text (s->retract, 1, id, -1, SQLITE_STATIC);
  if (!step_done (run, s->retract))
    return;

  if (sqlite3_changes (run->db) == 0)
    return;

  sqlite3_bind_int (run->retract_provenance, 1, kind->kind);
  sqlite3_bind_text (run->retract_provenance, 2, id, -1, SQLITE_STATIC);
  if (step_done (run, run->retract_provenance))
    run->importer->counts[SP_IMPORT_RETRACTED]++;
}

/* Records */

/* Remembers @id as defined by this file; FALSE for a duplicate. */
static gboolean
register_id (Run         *run,
             const Kind  *kind,
             SpJsonValue *id,
             gboolean     retracted,
             SpActorKind  actor_kind)
{
  gpointer info;

  if (g_hash_table_lookup_extended (run->ids[kind->kind], id->string, NULL, &info))
    {
      problem (run, id, "id", _("duplicate id \"%s\" (first used on line %u)"),
               id->string, ID_INFO_LINE (info));
      return FALSE;
    }

  g_hash_table_insert (run->ids[kind->kind], (gpointer)intern (run, id),
                       ID_INFO (id->line, retracted, actor_kind));
  return TRUE;
}

static void
import_retraction (Run         *run,
                   const Kind  *kind,
                   SpJsonValue *object,
                   SpJsonValue *retracted)
{
  guint problems = run->importer->problems->len;
  SpJsonValue *id = sp_json_value_get_member (object, "id");

  for (SpJsonValue *member = object->first_child; member; member = member->next)
    {
      if (strcmp (member->name, "reason") == 0)
        expect_type (run, member, "reason", SP_JSON_VALUE_STRING, N_("a string"));
      else if (strcmp (member->name, "id") != 0 && strcmp (member->name, "retracted") != 0)
        problem (run, member, member->name,
                 _("a retraction has only \"id\", \"retracted\" and \"reason\", found \"%s\""),
                 member->name);
    }

  if (retracted->type != SP_JSON_VALUE_BOOLEAN || !retracted->boolean)
    problem (run, retracted, "retracted",
             _("must be true; leave it out for a record that is not retracted"));

  if (id == NULL)
    problem (run, object, NULL, _("missing member \"%s\""), "id");
  else if (check_id_syntax (run, id, "id") &&
           register_id (run, kind, id, TRUE, 0) &&
           problems == run->importer->problems->len &&
           run->writing)
    write_retraction (run, kind, id->string);
}

static void
import_record (Run         *run,
               const Kind  *kind,
               SpJsonValue *object)
{
  guint problems = run->importer->problems->len;
  SpJsonValue *retracted;
  Slot slots[MAX_FIELDS];

  if (!expect_type (run, object, NULL, SP_JSON_VALUE_OBJECT, N_("an object")))
    return;

  retracted = sp_json_value_get_member (object, "retracted");
  if (retracted != NULL)
    {
      import_retraction (run, kind, object, retracted);
      return;
    }

  read_fields (run, kind, object, slots);

  if (slots[0].text == NULL ||
      !register_id (run, kind, slots[0].value, FALSE,
                    kind->kind == SP_RECORD_ACTOR ? slots[1].keyword : 0))
    return;

  if (run->writing && problems == run->importer->problems->len)
    write_record (run, kind, slots);
}

static void
resolve_pending_references (Run *run)
{
  for (guint i = 0; i < run->pending_references->len && !run->failed; i++)
    {
      PendingReference *pending = &g_array_index (run->pending_references, PendingReference, i);
      char *message;
      gpointer info;

      if (!g_hash_table_lookup_extended (run->ids[pending->kind], pending->id, NULL, &info) ||
          ID_INFO_RETRACTED (info))
        add_problem_at (run, pending->line, pending->column, pending->path,
                        /* Translators: "unknown actor "hegsth"" */
                        g_strdup_printf (_("unknown %s \"%s\""),
                                         sp_record_kind_to_string (pending->kind), pending->id));
      else if ((message = check_actor_kind (pending->id, info, pending->actor_kinds)) != NULL)
        add_problem_at (run, pending->line, pending->column, pending->path, message);
    }
}

/* Offsets index the source's text, which may come later in the file, so
 * they are checked against what was written. */
static void
check_pending_offsets (Run *run)
{
  sqlite3_stmt *stmt = NULL;

  if (run->pending_offsets->len == 0)
    return;

  if (sqlite3_prepare_v2 (run->db,
                          "SELECT src.text IS NULL, length (src.text), st.offset_end, "
                          " st.quote IS NULL OR substr (src.text, st.offset_start + 1,"
                          "  st.offset_end - st.offset_start) = st.quote, src.id "
                          "FROM statements AS st JOIN sources AS src ON src.id = st.source_id "
                          "WHERE st.id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fatal_sqlite (run);
      return;
    }

  for (guint i = 0; i < run->pending_offsets->len && !run->failed; i++)
    {
      PendingOffsets *pending = &g_array_index (run->pending_offsets, PendingOffsets, i);
      char *message = NULL;
      int rc;

      sqlite3_bind_text (stmt, 1, pending->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *source = (const char *)sqlite3_column_text (stmt, 4);

          if (sqlite3_column_int (stmt, 0))
            message = g_strdup_printf (_("offsets need the text of source \"%s\", which has none"), source);
          else if (sqlite3_column_int64 (stmt, 2) > sqlite3_column_int64 (stmt, 1))
            {
              gint64 length = sqlite3_column_int64 (stmt, 1);

              message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "offsets go past the end of the text of source \"%s\" (%lld character)",
                                                      "offsets go past the end of the text of source \"%s\" (%lld characters)",
                                                      (gulong) length),
                                         source, (long long) length);
            }
          else if (!sqlite3_column_int (stmt, 3))
            message = g_strdup_printf (_("the text of source \"%s\" between these offsets "
                                         "is not the quote"), source);
        }
      sqlite3_reset (stmt);

      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          fatal_sqlite (run);
          break;
        }
      if (message != NULL)
        add_problem_at (run, pending->line, pending->column, pending->path, message);
    }

  sqlite3_finalize (stmt);
}

/* The document */

/* A document the reader cannot read further is a problem with the file;
 * failing to read it at all (or being cancelled) is an error. */
static void
reader_failed (Run    *run,
               GError *error)
{
  if (error->domain == SP_JSON_ERROR && error->code != SP_JSON_ERROR_IO)
    {
      reader_problem (run, error);
      g_error_free (error);
      run->failed = TRUE;
    }
  else
    fatal (run, error);
}

static gboolean
next_token (Run         *run,
            SpJsonToken *token)
{
  GError *error = NULL;

  *token = sp_json_reader_next (run->reader, run->cancellable, &error);
  if (error == NULL)
    return TRUE;

  reader_failed (run, error);
  return FALSE;
}

static SpJsonValue *
read_value (Run         *run,
            SpJsonToken  first)
{
  GError *error = NULL;
  SpJsonValue *value;

  value = sp_json_reader_read_value (run->reader, first, run->cancellable, &error);
  if (value == NULL)
    reader_failed (run, error);

  return value;
}

static void
problem_here (Run  *run,
              char *message)
{
  add_problem_at (run,
                  sp_json_reader_get_line (run->reader),
                  sp_json_reader_get_column (run->reader),
                  run->path->len > 0 ? run->path->str : NULL,
                  message);
}

static gboolean
same_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  const char *stored = (const char *)sqlite3_column_text (stmt, column);

  return g_strcmp0 (stored, text) == 0;
}

/* Creates or updates the dataset's row; FALSE on a database error. */
static gboolean
write_dataset (Run  *run,
               Slot *slots)
{
  sqlite3_stmt *stmt = NULL;
  gboolean exists, same = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (run->db,
                          "SELECT title, description, language, license FROM datasets WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, run->dataset_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  exists = rc == SQLITE_ROW;
  if (exists)
    same = same_text (stmt, 0, slots[1].text) && same_text (stmt, 1, slots[2].text) &&
           same_text (stmt, 2, slots[3].text) && same_text (stmt, 3, slots[4].text);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto failed;

  if (same)
    return TRUE;

  if (sqlite3_prepare_v2 (run->db,
                          exists
                          ? "UPDATE datasets SET title = ?2, description = ?3, language = ?4,"
                            " license = ?5, file = ?6, imported_at = ?7 WHERE id = ?1"
                          : "INSERT INTO datasets (id, title, description, language, license,"
                            " file, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  for (guint i = 0; i < 5; i++)
    bind_text (stmt, i + 1, slots[i].text);
  bind_text (stmt, 6, run->importer->display_name);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);

  return TRUE;

failed:
  sqlite3_finalize (stmt);
  fatal_sqlite (run);
  return FALSE;
}

/* "format", "version" and "dataset" come first so that a streaming reader
 * knows what it reads, and for which dataset, before any record. */
static const char * const header_members[] = { "format", "version", "dataset", NULL };

static gboolean
read_header (Run *run)
{
  for (guint i = 0; header_members[i] != NULL; i++)
    {
      SpJsonToken token;
      SpJsonValue *value;
      const char *name;

      g_string_truncate (run->path, 0);
      if (!next_token (run, &token))
        return FALSE;

      name = sp_json_reader_get_string (run->reader, NULL);
      if (token != SP_JSON_TOKEN_MEMBER || strcmp (name, header_members[i]) != 0)
        {
          if (i == 0)
            problem_here (run, g_strdup_printf (_("not a Standpoint dataset: the first member must be "
                                                  "\"format\": \"%s\""), FORMAT_NAME));
          else
            problem_here (run, g_strdup_printf (_("expected member \"%s\" here: \"format\", "
                                                  "\"version\" and \"dataset\" come first, "
                                                  "in this order"), header_members[i]));
          return FALSE;
        }

      g_string_assign (run->path, header_members[i]);
      if ((value = read_value (run, SP_JSON_TOKEN_EOF)) == NULL)
        return FALSE;

      if (i == 0)
        {
          if (value->type != SP_JSON_VALUE_STRING || strcmp (value->string, FORMAT_NAME) != 0)
            {
              problem (run, value, NULL, _("not a Standpoint dataset: the format must be \"%s\""),
                       FORMAT_NAME);
              return FALSE;
            }
        }
      else if (i == 1)
        {
          gint64 version = 0;

          if (value->type != SP_JSON_VALUE_NUMBER || !sp_json_value_get_int64 (value, &version))
            {
              problem (run, value, NULL, _("the version must be a whole number"));
              return FALSE;
            }
          if (version != FORMAT_VERSION)
            {
              problem (run, value, NULL,
                       _("unsupported format version %s (this version of Standpoint reads version %d)"),
                       value->string, FORMAT_VERSION);
              return FALSE;
            }
        }
      else
        {
          guint problems = run->importer->problems->len;
          Slot slots[MAX_FIELDS];

          if (!expect_type (run, value, NULL, SP_JSON_VALUE_OBJECT, N_("an object")))
            continue;
          read_fields (run, &kinds[0], value, slots);
          if (problems == run->importer->problems->len)
            {
              run->dataset_id = g_strdup (slots[0].text);
              g_free (run->importer->dataset_id);
              run->importer->dataset_id = g_strdup (slots[0].text);
              g_free (run->importer->dataset_title);
              run->importer->dataset_title = g_strdup (slots[1].text);
              if (!write_dataset (run, slots))
                return FALSE;
              run->writing = TRUE;
            }
        }
    }

  return TRUE;
}

static void post_progress (SpImporter *self,
                           double      fraction,
                           guint64     bytes_read);

static void
report_progress (Run *run)
{
  guint64 bytes = sp_json_reader_get_bytes_read (run->reader);

  if (run->size > 0 ? (bytes - run->reported_bytes) * 100 < (guint64)run->size
                    : bytes - run->reported_bytes < UNKNOWN_SIZE_STEP)
    return;

  run->reported_bytes = bytes;
  post_progress (run->importer, run->size > 0 ? MIN (1.0, (double)bytes / run->size) : -1.0, bytes);
}

static void
read_document (Run *run)
{
  guint seen = 0;
  SpJsonToken token;

  if (!next_token (run, &token))
    return;
  if (token != SP_JSON_TOKEN_BEGIN_OBJECT)
    {
      problem_here (run, g_strdup (_("not a Standpoint dataset: a dataset is a JSON object")));
      return;
    }

  if (!read_header (run))
    return;

  for (;;)
    {
      const Kind *kind = NULL;
      const char *name;
      guint index = 0;

      g_string_truncate (run->path, 0);
      if (!next_token (run, &token))
        return;
      if (token == SP_JSON_TOKEN_END_OBJECT)
        break;

      name = sp_json_reader_get_string (run->reader, NULL);
      for (guint i = SP_RECORD_SOURCE; i <= SP_N_RECORD_KINDS; i++)
        if (strcmp (name, kinds[i].member) == 0)
          kind = &kinds[i];

      if (kind == NULL || (seen & (1u << kind->kind)) != 0)
        {
          gboolean duplicate = kind != NULL || g_strv_contains (header_members, name);

          g_string_assign (run->path, name);
          problem_here (run, duplicate
                             ? g_strdup_printf (_("duplicate member \"%s\""), name)
                             : g_strdup_printf (_("unknown member \"%s\""), name));
          if (read_value (run, SP_JSON_TOKEN_EOF) == NULL)
            return;
          continue;
        }
      seen |= 1u << kind->kind;
      g_string_assign (run->path, kind->member);

      if (!next_token (run, &token))
        return;
      if (token != SP_JSON_TOKEN_BEGIN_ARRAY)
        {
          SpJsonValue *value = read_value (run, token);

          if (value != NULL)
            expect_type (run, value, NULL, SP_JSON_VALUE_ARRAY, N_("an array"));
          if (run->failed)
            return;
          continue;
        }

      for (;; index++)
        {
          SpJsonValue *value;

          if (!next_token (run, &token))
            return;
          if (token == SP_JSON_TOKEN_END_ARRAY)
            break;
          g_string_printf (run->path, "%s[%u]", kind->member, index);
          if ((value = read_value (run, token)) == NULL)
            return;

          import_record (run, kind, value);
          if (run->failed)
            return;
          report_progress (run);
        }
    }

  next_token (run, &token);
}

/* Running */

static char *
column_list (const Kind *kind,
             gboolean    as_assignments)
{
  GString *sql = g_string_new (NULL);
  int param = 1;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const Field *field = &kind->fields[i];
      const char *suffixes_date[] = { "", "_lo", "_hi", "_precision", NULL };
      const char *suffixes_quantity[] = { "", NULL };
      const char *suffixes_offsets[] = { "_start", "_end", NULL };
      const char *suffixes_plain[] = { "", NULL };
      const char **suffixes = suffixes_plain;

      if (field->column == NULL)
        continue;

      if (field->type == FIELD_DATE)
        suffixes = suffixes_date;
      else if (field->type == FIELD_OFFSETS)
        suffixes = suffixes_offsets;
      else if (field->type == FIELD_QUANTITY)
        suffixes = suffixes_quantity;

      for (guint j = 0; suffixes[j] != NULL; j++, param++)
        {
          if (as_assignments)
            g_string_append_printf (sql, "\"%s%s\" = ?%d, ", field->column, suffixes[j], param);
          else
            g_string_append_printf (sql, "\"%s%s\", ", field->column, suffixes[j]);
        }

      if (field->type == FIELD_QUANTITY)
        {
          if (as_assignments)
            g_string_append_printf (sql, "\"unit\" = ?%d, ", param);
          else
            g_string_append (sql, "\"unit\", ");
          param++;
        }
    }

  if (as_assignments)
    g_string_append_printf (sql, "hash = ?%d", param);
  else
    {
      g_string_append (sql, "hash) VALUES (");
      for (int i = 1; i <= param; i++)
        g_string_append_printf (sql, i < param ? "?%d, " : "?%d)", i);
    }

  return g_string_free (sql, FALSE);
}

static gboolean
prepare (Run           *run,
         sqlite3_stmt **stmt,
         const char    *sql)
{
  if (sqlite3_prepare_v3 (run->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) == SQLITE_OK)
    return TRUE;

  fatal_sqlite (run);
  return FALSE;
}

static gboolean
prepare_statements (Run *run)
{
  if (!prepare (run, &run->provenance,
                "INSERT OR IGNORE INTO provenance (kind, record_id, dataset_id) VALUES (?1, ?2, ?3)") ||
      !prepare (run, &run->retract_provenance,
                "DELETE FROM provenance WHERE kind = ?1 AND record_id = ?2"))
    return FALSE;

  for (guint k = SP_RECORD_SOURCE; k <= SP_N_RECORD_KINDS; k++)
    {
      const Kind *kind = &kinds[k];
      Statements *s = &run->statements[k];
      g_autofree char *columns = column_list (kind, FALSE);
      g_autofree char *assignments = column_list (kind, TRUE);
      g_autofree char *select = g_strdup_printf ("SELECT hash FROM %s WHERE id = ?1", kind->member);
      g_autofree char *insert = g_strdup_printf ("INSERT INTO %s (%s", kind->member, columns);
      g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?1", kind->member, assignments);
      g_autofree char *retract = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kind->member);
      g_autofree char *empty = g_strdup_printf ("SELECT NOT EXISTS (SELECT 1 FROM %s),"
                                                " coalesce (max (pk), 0) FROM %s",
                                                kind->member, kind->member);
      sqlite3_stmt *stmt = NULL;

      if (!prepare (run, &s->select, select) ||
          !prepare (run, &s->insert, insert) ||
          !prepare (run, &s->update, update) ||
          !prepare (run, &s->retract, retract) ||
          !prepare (run, &stmt, empty))
        return FALSE;

      /* On a fresh table every id not seen in this file is new, and the
       * lookup before each insert can be skipped. */
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          s->was_empty = sqlite3_column_int (stmt, 0);
          s->last_pk = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_finalize (stmt);
    }

  return prepare (run, &run->statements[SP_RECORD_OFFICE].insert_child,
                  "INSERT INTO office_sources (office_id, source_id) VALUES (?1, ?2)") &&
         prepare (run, &run->statements[SP_RECORD_OFFICE].delete_children,
                  "DELETE FROM office_sources WHERE office_id = ?1") &&
         prepare (run, &run->statements[SP_RECORD_EVENT].insert_child,
                  "INSERT INTO event_participants (event_id, actor_id, role) VALUES (?1, ?2, ?3)") &&
         prepare (run, &run->statements[SP_RECORD_EVENT].delete_children,
                  "DELETE FROM event_participants WHERE event_id = ?1") &&
         prepare (run, &run->statements[SP_RECORD_EVENT].insert_child2,
                  "INSERT INTO event_sources (event_id, source_id) VALUES (?1, ?2)") &&
         prepare (run, &run->statements[SP_RECORD_EVENT].delete_children2,
                  "DELETE FROM event_sources WHERE event_id = ?1");
}

static void
clear_pending_reference (gpointer data)
{
  g_free (((PendingReference *)data)->path);
}

static void
clear_pending_offsets (gpointer data)
{
  g_free (((PendingOffsets *)data)->path);
}

static void
run_clear (Run *run)
{
  for (guint k = 0; k <= SP_N_RECORD_KINDS; k++)
    {
      Statements *s = &run->statements[k];

      sqlite3_finalize (s->select);
      sqlite3_finalize (s->insert);
      sqlite3_finalize (s->update);
      sqlite3_finalize (s->retract);
      sqlite3_finalize (s->insert_child);
      sqlite3_finalize (s->insert_child2);
      sqlite3_finalize (s->delete_children);
      sqlite3_finalize (s->delete_children2);
      g_clear_pointer (&run->ids[k], g_hash_table_unref);
    }
  sqlite3_finalize (run->provenance);
  sqlite3_finalize (run->retract_provenance);

  g_clear_object (&run->reader);
  if (run->path != NULL)
    g_string_free (g_steal_pointer (&run->path), TRUE);
  g_clear_pointer (&run->strings, g_string_chunk_free);
  g_clear_pointer (&run->pending_references, g_array_unref);
  g_clear_pointer (&run->pending_offsets, g_array_unref);
  g_clear_pointer (&run->dataset_id, g_free);
  g_clear_error (&run->fatal);
}

/* Rows added by this import are indexed for full-text search here, in one
 * statement per table (see the schema for why). */
static void
index_new_rows (Run *run)
{
  static const struct {
    SpRecordKind  kind;
    const char   *sql;
  } indexes[] = {
    { SP_RECORD_SOURCE,
      "INSERT INTO sources_fts (rowid, title, text)"
      " SELECT pk, title, text FROM sources WHERE pk > ?1" },
    { SP_RECORD_EVENT,
      "INSERT INTO events_fts (rowid, title, description)"
      " SELECT pk, title, description FROM events WHERE pk > ?1" },
    { SP_RECORD_STATEMENT,
      "INSERT INTO statements_fts (rowid, quote, paraphrase)"
      " SELECT pk, quote, paraphrase FROM statements WHERE pk > ?1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (indexes) && !run->failed; i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (!prepare (run, &stmt, indexes[i].sql))
        return;
      sqlite3_bind_int64 (stmt, 1, run->statements[indexes[i].kind].last_pk);
      step_done (run, stmt);
      sqlite3_finalize (stmt);
    }
}

/* A retraction may leave records of other datasets pointing at nothing;
 * name them instead of failing at COMMIT with a bare constraint error. */
static void
check_retractions (Run *run)
{
  sqlite3_stmt *stmt = NULL;

  if (run->importer->counts[SP_IMPORT_RETRACTED] == 0)
    return;

  if (!prepare (run, &stmt, "PRAGMA foreign_key_check"))
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW && !run->failed)
    add_problem_at (run, 0, 0, NULL,
                    g_strdup_printf (_("a retraction would leave records in table \"%s\" "
                                       "referring to a missing record of table \"%s\""),
                                     sqlite3_column_text (stmt, 0),
                                     sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const SpProblem *pa = *(SpProblem * const *)a;
  const SpProblem *pb = *(SpProblem * const *)b;

  /* Problems without a place (the note that more were left out) go last. */
  if ((pa->line == 0) != (pb->line == 0))
    return pa->line == 0 ? 1 : -1;
  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return 0;
}

static gboolean
run_import (SpImporter    *self,
            SpLibrary     *library,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  Run run = { .importer = self, .cancellable = cancellable };
  guint64 bytes_read;
  gboolean ok = FALSE;

  g_ptr_array_set_size (self->problems, 0);
  memset (self->counts, 0, sizeof self->counts);
  g_clear_pointer (&self->dataset_id, g_free);
  g_clear_pointer (&self->dataset_title, g_free);

  stream = g_file_read (self->file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL)
    run.size = g_file_info_get_size (info);

  run.reader = sp_json_reader_new (G_INPUT_STREAM (stream), self->display_name);
  run.library = library;
  run.db = sp_library_get_db (library);
  run.path = g_string_new (NULL);
  run.strings = g_string_chunk_new (64 * 1024);
  run.pending_references = g_array_new (FALSE, FALSE, sizeof (PendingReference));
  g_array_set_clear_func (run.pending_references, clear_pending_reference);
  run.pending_offsets = g_array_new (FALSE, FALSE, sizeof (PendingOffsets));
  g_array_set_clear_func (run.pending_offsets, clear_pending_offsets);
  for (guint k = SP_RECORD_SOURCE; k <= SP_N_RECORD_KINDS; k++)
    run.ids[k] = g_hash_table_new (g_str_hash, g_str_equal);

  if (!sp_library_exec (library, "BEGIN IMMEDIATE", error))
    {
      run_clear (&run);
      return FALSE;
    }

  if (prepare_statements (&run))
    read_document (&run);

  if (!run.failed)
    resolve_pending_references (&run);
  if (!run.failed && run.writing)
    check_pending_offsets (&run);
  if (!run.failed && self->problems->len == 0)
    check_retractions (&run);
  if (!run.failed && self->problems->len == 0)
    index_new_rows (&run);

  /* Checks that wait for the end of the file find their problems late;
   * the list reads in file order (the sort is stable). */
  g_ptr_array_sort (self->problems, compare_problems);

  if (run.fatal == NULL && self->problems->len == 0)
    {
      gboolean changed = self->counts[SP_IMPORT_ADDED] > 0 ||
                         self->counts[SP_IMPORT_UPDATED] > 0 ||
                         self->counts[SP_IMPORT_RETRACTED] > 0;
      sqlite3_stmt *stmt = NULL;

      if (changed && prepare (&run, &stmt, "UPDATE datasets SET file = ?2, imported_at = ?3 WHERE id = ?1"))
        {
          sqlite3_bind_text (stmt, 1, run.dataset_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, self->display_name, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
          step_done (&run, stmt);
          sqlite3_finalize (stmt);
        }
    }

  /* Statements must be finalized before COMMIT can release the lock. */
  {
    GError *fatal_error = g_steal_pointer (&run.fatal);
    guint n_problems = self->problems->len;

    bytes_read = sp_json_reader_get_bytes_read (run.reader);

    run_clear (&run);

    if (fatal_error != NULL)
      g_propagate_error (error, fatal_error);
    else if (n_problems > 0)
      g_set_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u problem found; nothing was imported",
                                "%s: %u problems found; nothing was imported",
                                n_problems),
                   self->display_name, n_problems);
    else if (sp_library_exec (library, "COMMIT", error))
      ok = TRUE;
  }

  if (!ok)
    {
      sqlite3_exec (sp_library_get_db (library), "ROLLBACK", NULL, NULL, NULL);
      memset (self->counts, 0, sizeof self->counts);
    }

  post_progress (self, ok ? 1.0 : -1.0, bytes_read);

  return ok;
}

/* The object */

/* A negative @fraction leaves the fraction as it is. */
static void
set_progress (SpImporter *self,
              double      fraction,
              guint64     bytes_read)
{
  if (fraction >= 0.0 && self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (self->bytes_read != bytes_read)
    {
      self->bytes_read = bytes_read;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_READ]);
    }
}

typedef struct {
  SpImporter *importer;
  double      fraction;
  guint64     bytes_read;
} ProgressUpdate;

static gboolean
set_progress_in_context (gpointer data)
{
  ProgressUpdate *update = data;

  set_progress (update->importer, update->fraction, update->bytes_read);
  return G_SOURCE_REMOVE;
}

static void
free_progress_update (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->importer);
  g_free (update);
}

/* During an asynchronous run the worker thread reports progress, and the
 * properties change in the context that started the run, where widgets
 * listen. */
static void
post_progress (SpImporter *self,
               double      fraction,
               guint64     bytes_read)
{
  ProgressUpdate *update;

  if (self->context == NULL)
    {
      set_progress (self, fraction, bytes_read);
      return;
    }

  update = g_new (ProgressUpdate, 1);
  update->importer = g_object_ref (self);
  update->fraction = fraction;
  update->bytes_read = bytes_read;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT,
                              set_progress_in_context, update, free_progress_update);
}

static void
sp_importer_dispose (GObject *object)
{
  SpImporter *self = (SpImporter *)object;

  g_clear_object (&self->library);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (sp_importer_parent_class)->dispose (object);
}

static void
sp_importer_finalize (GObject *object)
{
  SpImporter *self = (SpImporter *)object;

  g_free (self->display_name);
  g_free (self->dataset_id);
  g_free (self->dataset_title);
  g_ptr_array_unref (self->problems);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (sp_importer_parent_class)->finalize (object);
}

static void
sp_importer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SpImporter *self = SP_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_BYTES_READ:
      g_value_set_uint64 (value, self->bytes_read);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_importer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SpImporter *self = SP_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    case PROP_FILE:
      self->file = g_value_dup_object (value);
      self->display_name = g_file_get_parse_name (self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_importer_class_init (SpImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_importer_dispose;
  object_class->finalize = sp_importer_finalize;
  object_class->get_property = sp_importer_get_property;
  object_class->set_property = sp_importer_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         SP_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* How much of the file was read, from 0 to 1. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* How many bytes of the file were read: the progress there is when the
   * size is not known beforehand, as with a pipe. */
  properties[PROP_BYTES_READ] =
    g_param_spec_uint64 ("bytes-read", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_importer_init (SpImporter *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)sp_problem_free);
}

SpImporter *
sp_importer_new (SpLibrary *library,
                 GFile     *file)
{
  g_return_val_if_fail (SP_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (SP_TYPE_IMPORTER,
                       "library", library,
                       "file", file,
                       NULL);
}

GFile *
sp_importer_get_file (SpImporter *self)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), NULL);

  return self->file;
}

const char *
sp_importer_get_display_name (SpImporter *self)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), NULL);

  return self->display_name;
}

double
sp_importer_get_fraction (SpImporter *self)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), 0.0);

  return self->fraction;
}

guint64
sp_importer_get_bytes_read (SpImporter *self)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), 0);

  return self->bytes_read;
}

const char *
sp_importer_get_dataset_id (SpImporter *self)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), NULL);

  return self->dataset_id;
}

/* The title the dataset gives itself, once its header is read. */
const char *
sp_importer_get_dataset_title (SpImporter *self)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), NULL);

  return self->dataset_title;
}

guint
sp_importer_get_count (SpImporter      *self,
                       SpImportOutcome  outcome)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), 0);
  g_return_val_if_fail (outcome <= SP_IMPORT_RETRACTED, 0);

  return self->counts[outcome];
}

/* Returns: (transfer none) (element-type SpProblem): what was wrong with
 * the file in the last run; empty after a successful one. */
GPtrArray *
sp_importer_get_problems (SpImporter *self)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), NULL);

  return self->problems;
}

gboolean
sp_importer_run (SpImporter    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_progress (self, 0.0, 0);
  return run_import (self, self->library, cancellable, error);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SpImporter *self = source_object;
  g_autoptr(SpLibrary) library = NULL;
  GError *error = NULL;
  const char *path = sp_library_get_path (self->library);

  /* A connection of its own, so the caller keeps reading the library (WAL
   * lets it) while the import writes.  An in-memory library exists only
   * in its connection, which the caller then must leave alone. */
  if (g_strcmp0 (path, ":memory:") == 0)
    library = g_object_ref (self->library);
  else if ((library = sp_library_reopen (self->library, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (run_import (self, library, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sp_importer_run_async (SpImporter          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SP_IS_IMPORTER (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_main_context_ref_thread_default ();
  set_progress (self, 0.0, 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_importer_run_async);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
sp_importer_run_finish (SpImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (SP_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  g_clear_pointer (&self->context, g_main_context_unref);

  return g_task_propagate_boolean (G_TASK (result), error);
}
