#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Containers nested deeper than this are rejected (SP_JSON_ERROR_DEPTH). */
#define SP_JSON_MAX_DEPTH 64

typedef enum {
  SP_JSON_TOKEN_EOF,
  SP_JSON_TOKEN_BEGIN_OBJECT,
  SP_JSON_TOKEN_END_OBJECT,
  SP_JSON_TOKEN_BEGIN_ARRAY,
  SP_JSON_TOKEN_END_ARRAY,
  SP_JSON_TOKEN_MEMBER,
  SP_JSON_TOKEN_STRING,
  SP_JSON_TOKEN_NUMBER,
  SP_JSON_TOKEN_TRUE,
  SP_JSON_TOKEN_FALSE,
  SP_JSON_TOKEN_NULL,
} SpJsonToken;

typedef enum {
  SP_JSON_VALUE_OBJECT,
  SP_JSON_VALUE_ARRAY,
  SP_JSON_VALUE_STRING,
  SP_JSON_VALUE_NUMBER,
  SP_JSON_VALUE_BOOLEAN,
  SP_JSON_VALUE_NULL,
} SpJsonValueType;

typedef struct _SpJsonValue SpJsonValue;

struct _SpJsonValue
{
  SpJsonValueType type;
  guint line;                /* where the value starts, 1-based */
  guint column;              /* 1-based, in Unicode characters */
  const char *name;          /* member name when the parent is an object, else NULL */
  const char *string;        /* STRING: decoded UTF-8, NUL-terminated; NUMBER: the lexeme */
  gsize length;              /* bytes in string */
  gboolean boolean;
  SpJsonValue *first_child;  /* OBJECT members in document order, ARRAY elements */
  SpJsonValue *next;
  guint n_children;
};

#define SP_JSON_ERROR (sp_json_error_quark ())

typedef enum {
  SP_JSON_ERROR_SYNTAX,
  SP_JSON_ERROR_ENCODING,
  SP_JSON_ERROR_DEPTH,
  SP_JSON_ERROR_DUPLICATE_MEMBER,
  SP_JSON_ERROR_IO,
} SpJsonError;

#define SP_TYPE_JSON_READER (sp_json_reader_get_type ())

G_DECLARE_FINAL_TYPE (SpJsonReader, sp_json_reader, SP, JSON_READER, GObject)

GQuark        sp_json_error_quark            (void);

SpJsonReader *sp_json_reader_new             (GInputStream  *stream,
                                              const char    *display_name);
SpJsonToken   sp_json_reader_next            (SpJsonReader  *self,
                                              GCancellable  *cancellable,
                                              GError       **error);
const char   *sp_json_reader_get_string      (SpJsonReader  *self,
                                              gsize         *length);
guint         sp_json_reader_get_line        (SpJsonReader  *self);
guint         sp_json_reader_get_column      (SpJsonReader  *self);
guint         sp_json_reader_get_depth       (SpJsonReader  *self);
guint64       sp_json_reader_get_bytes_read  (SpJsonReader  *self);
const char   *sp_json_reader_get_error_path  (SpJsonReader  *self);
SpJsonValue  *sp_json_reader_read_value      (SpJsonReader  *self,
                                              SpJsonToken    first,
                                              GCancellable  *cancellable,
                                              GError       **error);

SpJsonValue  *sp_json_value_get_member       (SpJsonValue   *object,
                                              const char    *name);
gboolean      sp_json_value_get_int64        (SpJsonValue   *number,
                                              gint64        *out);
gboolean      sp_json_value_get_double       (SpJsonValue   *number,
                                              double        *out);

G_END_DECLS
