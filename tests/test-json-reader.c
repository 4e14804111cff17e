#define G_LOG_DOMAIN "standpoint-test"

#include "config.h"

#include <string.h>

#include "sp-json-reader.h"

/* An input stream that hands out at most `chunk` bytes per read and fails once
 * `fail_at` bytes were read, to show that block boundaries do not matter. */
#define TEST_TYPE_STREAM (test_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestStream, test_stream, TEST, STREAM, GInputStream)

struct _TestStream
{
  GInputStream parent_instance;
  GBytes *bytes;
  gsize offset;
  gsize chunk;
  gsize fail_at;
};

G_DEFINE_FINAL_TYPE (TestStream, test_stream, G_TYPE_INPUT_STREAM)

static gssize
test_stream_read (GInputStream  *stream,
                  void          *buffer,
                  gsize          count,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TestStream *self = TEST_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  if (self->offset >= self->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk on fire");
      return -1;
    }

  n = MIN (count, self->chunk);
  n = MIN (n, size - self->offset);
  n = MIN (n, self->fail_at - self->offset);
  if (n > 0)
    memcpy (buffer, data + self->offset, n);
  self->offset += n;

  return n;
}

static void
test_stream_finalize (GObject *object)
{
  TestStream *self = TEST_STREAM (object);

  g_bytes_unref (self->bytes);

  G_OBJECT_CLASS (test_stream_parent_class)->finalize (object);
}

static void
test_stream_class_init (TestStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_stream_read;
}

static void
test_stream_init (TestStream *self)
{
  self->fail_at = G_MAXSIZE;
}

static GInputStream *
test_stream_new (const char *data,
                 gsize       length,
                 gsize       chunk,
                 gsize       fail_at)
{
  TestStream *self = g_object_new (TEST_TYPE_STREAM, NULL);

  self->bytes = g_bytes_new (data, length);
  self->chunk = chunk;
  self->fail_at = fail_at;

  return G_INPUT_STREAM (self);
}

/* chunk 0 reads from a GMemoryInputStream, else from a TestStream. */
static SpJsonReader *
reader_new (const char *data,
            gssize      length,
            gsize       chunk)
{
  g_autoptr(GInputStream) stream = NULL;

  if (length < 0)
    length = strlen (data);

  if (chunk == 0)
    stream = g_memory_input_stream_new_from_data (data, length, NULL);
  else
    stream = test_stream_new (data, length, chunk, G_MAXSIZE);

  return sp_json_reader_new (stream, "t.json");
}

static const char *token_names[] = {
  "EOF", "BEGIN_OBJECT", "END_OBJECT", "BEGIN_ARRAY", "END_ARRAY", "MEMBER",
  "STRING", "NUMBER", "TRUE", "FALSE", "NULL",
};

/* One line per token: name, line:column, depth and the string if any; the
 * error message ends the trace, after a second call shows it is sticky. */
static char *
trace_document (const char *data,
                gssize      length,
                gsize       chunk)
{
  g_autoptr(SpJsonReader) reader = reader_new (data, length, chunk);
  GString *trace = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) again = NULL;
      SpJsonToken token = sp_json_reader_next (reader, NULL, &error);
      const char *string = sp_json_reader_get_string (reader, NULL);

      if (error != NULL)
        {
          g_assert_cmpint (token, ==, SP_JSON_TOKEN_EOF);
          g_assert_cmpint (sp_json_reader_next (reader, NULL, &again), ==, SP_JSON_TOKEN_EOF);
          g_assert_true (g_error_matches (again, error->domain, error->code));
          g_assert_cmpstr (again->message, ==, error->message);
          g_string_append_printf (trace, "error %d: %s\n", error->code, error->message);
          break;
        }

      g_string_append_printf (trace, "%s %u:%u d%u%s%s\n", token_names[token],
                              sp_json_reader_get_line (reader),
                              sp_json_reader_get_column (reader),
                              sp_json_reader_get_depth (reader),
                              string != NULL ? " " : "", string != NULL ? string : "");

      if (token == SP_JSON_TOKEN_EOF)
        {
          g_assert_cmpint (sp_json_reader_next (reader, NULL, &again), ==, SP_JSON_TOKEN_EOF);
          g_assert_no_error (again);
          break;
        }
    }

  return g_string_free (trace, FALSE);
}

static void
test_tokens (void)
{
  const char *document =
    "{\n"
    "  \"a\": [1, -2.5e+3, true, false, null],\n"
    "  \"b\": {\"c\": \"d\\u00e9\\t\"},\n"
    "  \"\xc3\xa9\": []\r\n"
    "}\n";
  g_autofree char *trace = trace_document (document, -1, 0);
  g_autoptr(SpJsonReader) reader = reader_new ("[1]", -1, 0);

  g_assert_cmpstr (trace, ==,
                   "BEGIN_OBJECT 1:1 d1\n"
                   "MEMBER 2:3 d1 a\n"
                   "BEGIN_ARRAY 2:8 d2\n"
                   "NUMBER 2:9 d2 1\n"
                   "NUMBER 2:12 d2 -2.5e+3\n"
                   "TRUE 2:21 d2\n"
                   "FALSE 2:27 d2\n"
                   "NULL 2:34 d2\n"
                   "END_ARRAY 2:38 d1\n"
                   "MEMBER 3:3 d1 b\n"
                   "BEGIN_OBJECT 3:8 d2\n"
                   "MEMBER 3:9 d2 c\n"
                   "STRING 3:14 d2 d\xc3\xa9\t\n"
                   "END_OBJECT 3:25 d1\n"
                   "MEMBER 4:3 d1 \xc3\xa9\n"
                   "BEGIN_ARRAY 4:8 d2\n"
                   "END_ARRAY 4:9 d1\n"
                   "END_OBJECT 5:1 d0\n"
                   "EOF 6:1 d0\n");

  g_assert_cmpint (sp_json_reader_next (reader, NULL, NULL), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, NULL), ==, SP_JSON_TOKEN_NUMBER);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, NULL), ==, SP_JSON_TOKEN_END_ARRAY);
  g_assert_null (sp_json_reader_get_string (reader, NULL));
  g_assert_cmpint (sp_json_reader_next (reader, NULL, NULL), ==, SP_JSON_TOKEN_EOF);
  g_assert_cmpuint (sp_json_reader_get_bytes_read (reader), ==, 3);
}

static void
test_top_level_scalars (void)
{
  struct {
    const char *document;
    const char *trace;
  } cases[] = {
    { "\"x\"", "STRING 1:1 d0 x\nEOF 1:4 d0\n" },
    { "  42 ", "NUMBER 1:3 d0 42\nEOF 1:6 d0\n" },
    { "-0", "NUMBER 1:1 d0 -0\nEOF 1:3 d0\n" },
    { "null", "NULL 1:1 d0\nEOF 1:5 d0\n" },
    { "\n\ttrue\n", "TRUE 2:2 d0\nEOF 3:1 d0\n" },
    { "false", "FALSE 1:1 d0\nEOF 1:6 d0\n" },
    { "9223372036854775807", "NUMBER 1:1 d0 9223372036854775807\nEOF 1:20 d0\n" },
    { "-9223372036854775808", "NUMBER 1:1 d0 -9223372036854775808\nEOF 1:21 d0\n" },
    { "0E-999", "NUMBER 1:1 d0 0E-999\nEOF 1:7 d0\n" },
    { "-1.5E308", "NUMBER 1:1 d0 -1.5E308\nEOF 1:9 d0\n" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *trace = trace_document (cases[i].document, -1, 0);

      g_assert_cmpstr (trace, ==, cases[i].trace);
    }
}

static void
test_string_escapes (void)
{
  const char *document = "[\"\\uD83D\\uDE00\\ud83d\\ude00\\u00e9\\u20AC\\\"\\\\\\/\\b\\f\\n\\r\\t\", 1]";
  const char *expected = "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xc3\xa9\xe2\x82\xac\"\\/\b\f\n\r\t";
  g_autoptr(SpJsonReader) reader = reader_new (document, -1, 0);
  g_autoptr(GError) error = NULL;
  const char *string;
  gsize length;

  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_STRING);
  g_assert_no_error (error);
  string = sp_json_reader_get_string (reader, &length);
  g_assert_cmpstr (string, ==, expected);
  g_assert_cmpuint (length, ==, strlen (expected));

  /* Escapes count one column per character as written. */
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_NUMBER);
  g_assert_cmpuint (sp_json_reader_get_column (reader), ==, strlen (document) - 1);
}

typedef struct
{
  const char *path;
  const char *input;
  gssize length;
  int code;
  const char *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "empty", "", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: empty document" },
  { "whitespace-only", " \r\n\t ", -1, SP_JSON_ERROR_SYNTAX, "t.json:2:3: empty document" },
  { "two-values", "[][]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:3: unexpected content after the top-level value" },
  { "comment", "{\"a\": 1 /* x */}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:9: comments are not allowed in JSON" },
  { "trailing-comma-array", "[1, 2,]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:6: trailing comma is not allowed" },
  { "trailing-comma-object", "{\"a\": 1,\n}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:8: trailing comma is not allowed" },
  { "crlf-one-line", "[\r\n1,\r\n]", -1, SP_JSON_ERROR_SYNTAX, "t.json:2:2: trailing comma is not allowed" },
  { "single-quotes", "['a']", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: strings must be in double quotes" },
  { "bare-word", "[nul]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: invalid literal, expected true, false or null" },
  { "capitalized-literal", "True", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: invalid literal, expected true, false or null" },
  { "literal-with-suffix", "[truex]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: invalid literal, expected true, false or null" },
  { "nan", "[NaN]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: invalid literal, expected true, false or null" },
  { "infinity", "-Infinity", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: invalid number" },
  { "hex", "0x10", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: invalid number" },
  { "leading-zero", "01", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: leading zeros are not allowed in numbers" },
  { "negative-leading-zero", "[-01]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: leading zeros are not allowed in numbers" },
  { "missing-fraction", "2.", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: expected a digit after the decimal point" },
  { "leading-dot", ".2e-3", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: invalid number" },
  { "plus-sign", "+1", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: invalid number" },
  { "missing-exponent", "[1e+]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: expected a digit in the exponent" },
  { "integer-too-big", "9223372036854775808", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: integer out of range" },
  { "integer-too-small", "[-9223372036854775809]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: integer out of range" },
  { "float-overflow", "1E999", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:1: number out of range" },
  { "float-underflow", "[0, 1E-999]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:5: number out of range" },
  { "missing-colon", "{\"a\" 1}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:6: expected ':' after member name" },
  { "missing-comma-object", "{\"a\": 1 \"b\": 2}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:9: expected ',' or '}' after object member" },
  { "missing-comma-array", "[1 2]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:4: expected ',' or ']' after array element" },
  { "second-colon", "{\"a\":\"b\":1}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:9: expected ',' or '}' after object member" },
  { "missing-member-value", "{\"a\":}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:6: expected a value" },
  { "unquoted-member", "{a: 1}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: expected a member name in double quotes or '}'" },
  { "member-after-comma", "{\"a\": 1, 2}", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:10: expected a member name in double quotes" },
  { "unclosed-array", "[1,\n", -1, SP_JSON_ERROR_SYNTAX, "t.json:2:1: unexpected end of document" },
  { "unclosed-object", "{\"a\":{", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:7: unexpected end of document" },
  { "unterminated-string", "[\"abc", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: unterminated string" },
  { "control-tab", "[\"a\tb\"]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:4: control character U+0009 in string" },
  { "control-newline", "{\"a\":\n\"x\ny\"}", -1, SP_JSON_ERROR_SYNTAX, "t.json:2:3: control character U+000A in string" },
  { "control-nul", "\"a\0\"", 4, SP_JSON_ERROR_SYNTAX, "t.json:1:3: control character U+0000 in string" },
  { "invalid-escape", "\"\\x\"", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: invalid escape sequence in string" },
  { "invalid-unicode-escape", "\"ab\\u12G4\"", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:4: invalid \\u escape in string: expected four hexadecimal digits" },
  { "nul-escape", "\"\\u0000\"", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: \\u0000 is not allowed in strings" },
  { "lone-high-surrogate", "\"\\uD800x\"", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: unpaired surrogate \\uD800 in string" },
  { "lone-low-surrogate", "\"a\\udc00\"", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:3: unpaired surrogate \\uDC00 in string" },
  { "high-surrogate-then-bmp", "\"\\uD83D\\u0041\"", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: unpaired surrogate \\uD83D in string" },
  { "invalid-utf8-in-string", "[\"\xc3\xa9\xff\"]", -1, SP_JSON_ERROR_ENCODING, "t.json:1:4: invalid UTF-8 sequence starting with byte 0xFF" },
  { "invalid-utf8-outside-string", "[1,\n \xff]", -1, SP_JSON_ERROR_ENCODING, "t.json:2:2: invalid UTF-8 sequence starting with byte 0xFF" },
  { "invalid-utf8-after-value", "[] \x80", -1, SP_JSON_ERROR_ENCODING, "t.json:1:4: invalid UTF-8 sequence starting with byte 0x80" },
  { "overlong-utf8", "\"\xc0\xaf\"", -1, SP_JSON_ERROR_ENCODING, "t.json:1:2: invalid UTF-8 sequence starting with byte 0xC0" },
  { "overlong-utf8-3-bytes", "\"\xe0\x80\xaf\"", -1, SP_JSON_ERROR_ENCODING, "t.json:1:2: invalid UTF-8 sequence starting with byte 0xE0" },
  { "utf8-surrogate", "\"\xed\xa0\x80\"", -1, SP_JSON_ERROR_ENCODING, "t.json:1:2: invalid UTF-8 sequence starting with byte 0xED" },
  { "utf8-beyond-unicode", "\"\xf4\x90\x80\x80\"", -1, SP_JSON_ERROR_ENCODING, "t.json:1:2: invalid UTF-8 sequence starting with byte 0xF4" },
  { "utf8-truncated", "\"\xe2\x82\"", -1, SP_JSON_ERROR_ENCODING, "t.json:1:2: invalid UTF-8 sequence starting with byte 0xE2" },
  { "utf8-truncated-at-end", "\"\xf0\x9f\x98", -1, SP_JSON_ERROR_ENCODING, "t.json:1:2: invalid UTF-8 sequence starting with byte 0xF0" },
  { "byte-order-mark", "\xef\xbb\xbf{}", -1, SP_JSON_ERROR_ENCODING, "t.json:1:1: document starts with a byte order mark, which JSON does not allow" },
  { "nul-byte", "[\0]", 3, SP_JSON_ERROR_SYNTAX, "t.json:1:2: expected a value or ']'" },
  { "non-ascii-outside-string", "[\xc2\xa0]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:2: expected a value or ']'" },
  { "column-counts-characters", "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\", x]", -1, SP_JSON_ERROR_SYNTAX, "t.json:1:9: invalid literal, expected true, false or null" },
  { "depth", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", -1, SP_JSON_ERROR_DEPTH, "t.json:1:65: nesting deeper than 64 levels" },
};

static void
check_error (const ErrorCase *c,
             gsize            chunk)
{
  g_autoptr(SpJsonReader) reader = reader_new (c->input, c->length, chunk);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  guint n_tokens = 0;

  while (sp_json_reader_next (reader, NULL, &error) != SP_JSON_TOKEN_EOF)
    g_assert_cmpuint (++n_tokens, <, 100);

  g_assert_error (error, SP_JSON_ERROR, c->code);
  g_assert_cmpstr (error->message, ==, c->message);

  g_assert_cmpint (sp_json_reader_next (reader, NULL, &again), ==, SP_JSON_TOKEN_EOF);
  g_assert_error (again, SP_JSON_ERROR, c->code);
  g_assert_cmpstr (again->message, ==, c->message);
}

static void
test_error (gconstpointer data)
{
  const ErrorCase *c = data;

  check_error (c, 0);
  check_error (c, 1);
}

static void
test_error_in_read_value (void)
{
  g_autoptr(SpJsonReader) reader = reader_new ("{\"a\": [1, 2,]}", -1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;

  g_assert_null (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "t.json:1:12: trailing comma is not allowed");

  g_assert_null (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &again));
  g_assert_error (again, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (again->message, ==, error->message);
}

static void
test_io_error (void)
{
  const char *document = "[1, 2, 3]";
  g_autoptr(GInputStream) stream = test_stream_new (document, strlen (document), 64, 5);
  g_autoptr(SpJsonReader) reader = sp_json_reader_new (stream, "t.json");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_NUMBER);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_EOF);
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "t.json:1:6: read failed: disk on fire");
}

static void
test_cancel (void)
{
  g_autoptr(SpJsonReader) reader = reader_new ("[1, 2]", -1, 1);
  g_autoptr(SpJsonReader) unread = reader_new ("[]", -1, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  g_autoptr(GError) before = NULL;

  g_assert_cmpint (sp_json_reader_next (reader, cancellable, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);

  g_assert_cmpint (sp_json_reader_next (reader, cancellable, &error), ==, SP_JSON_TOKEN_EOF);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &again), ==, SP_JSON_TOKEN_EOF);
  g_assert_error (again, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_null (sp_json_reader_read_value (unread, SP_JSON_TOKEN_EOF, cancellable, &before));
  g_assert_error (before, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_big_string (void)
{
  /* 12 characters, decoded to 14 bytes; the document is about 10 MB. */
  const char *unit = "abcdefgh\xc3\xa9\xe2\x82\xac\\n";
  const char *decoded_unit = "abcdefgh\xc3\xa9\xe2\x82\xac\n";
  const guint n_units = 700000;
  g_autoptr(GString) document = g_string_new ("[\"");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(SpJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  SpJsonValue *value;
  gsize length;

  for (guint i = 0; i < n_units; i++)
    {
      g_string_append (document, unit);
      g_string_append (expected, decoded_unit);
    }
  g_string_append (document, "\", 7]");
  g_assert_cmpuint (document->len, >, 10 * 1000 * 1000);

  reader = reader_new (document->str, document->len, 0);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_STRING);
  g_assert_no_error (error);
  g_assert_true (memcmp (sp_json_reader_get_string (reader, &length), expected->str, expected->len) == 0);
  g_assert_cmpuint (length, ==, expected->len);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_NUMBER);
  g_assert_cmpuint (sp_json_reader_get_column (reader), ==, 2 + 12 * n_units + 4);
  g_clear_object (&reader);

  reader = reader_new (document->str, document->len, 0);
  value = sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (value->n_children, ==, 2);
  g_assert_cmpuint (value->first_child->length, ==, expected->len);
  g_assert_cmpstr (value->first_child->string, ==, expected->str);
  g_assert_cmpstr (value->first_child->next->string, ==, "7");
}

static void
test_deep_nesting (void)
{
  const gsize n = 1000000;
  g_autofree char *brackets = g_malloc (n);
  g_autoptr(GString) deepest_allowed = g_string_new (NULL);
  g_autoptr(SpJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  SpJsonValue *value;
  guint levels = 0;

  memset (brackets, '[', n);

  reader = reader_new (brackets, n, 0);
  while (sp_json_reader_next (reader, NULL, &error) != SP_JSON_TOKEN_EOF)
    ;
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_DEPTH);
  g_assert_cmpstr (error->message, ==, "t.json:1:65: nesting deeper than 64 levels");
  /* Rejected after the first block, without reading the rest. */
  g_assert_cmpuint (sp_json_reader_get_bytes_read (reader), <=, 64 * 1024);
  g_clear_error (&error);
  g_clear_object (&reader);

  reader = reader_new (brackets, n, 0);
  g_assert_null (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_DEPTH);
  g_assert_cmpstr (error->message, ==, "t.json:1:65: nesting deeper than 64 levels");
  g_clear_error (&error);
  g_clear_object (&reader);

  for (guint i = 0; i < SP_JSON_MAX_DEPTH; i++)
    g_string_append (deepest_allowed, i % 2 ? "[" : "{\"a\":");
  for (guint i = SP_JSON_MAX_DEPTH; i > 0; i--)
    g_string_append (deepest_allowed, (i - 1) % 2 ? "]" : "}");
  reader = reader_new (deepest_allowed->str, deepest_allowed->len, 0);
  value = sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error);
  g_assert_no_error (error);
  for (; value != NULL; value = value->first_child)
    {
      g_assert_cmpint (value->type, ==, levels % 2 ? SP_JSON_VALUE_ARRAY : SP_JSON_VALUE_OBJECT);
      g_assert_cmpuint (value->column, ==, levels / 2 * 6 + (levels % 2 ? 6 : 1));
      levels++;
    }
  g_assert_cmpuint (levels, ==, SP_JSON_MAX_DEPTH);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_EOF);
  g_assert_no_error (error);
}

static void
test_block_boundaries (void)
{
  const char *documents[] = {
    "{\n  \"a\": [1, -2.5e+3, true, false, null],\r\n  \"b\": {\"\xe2\x82\xac\": \"d\\u00e9\\t\\uD83D\\uDE00\"}\n}\n",
    "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\", 12345678901234, 1.5e-7, \"\xf0\x9f\x98\x80\"]",
  };
  const char *tail = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\\uD83D\\uDE00\\n\", 12345678, -0.5e+10, true, null]";
  const char *decoded_tail = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf0\x9f\x98\x80\n";

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *whole = trace_document (documents[i], -1, 0);

      for (gsize chunk = 1; chunk <= 7; chunk++)
        {
          g_autofree char *trickled = trace_document (documents[i], -1, chunk);

          g_assert_cmpstr (trickled, ==, whole);
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *whole = trace_document (error_cases[i].input, error_cases[i].length, 0);
      g_autofree char *trickled = trace_document (error_cases[i].input, error_cases[i].length, 3);

      g_assert_cmpstr (trickled, ==, whole);
    }

  /* Move every kind of token across the edge of the reader's 64 KiB block. */
  for (guint pad = 0; pad < 64; pad++)
    {
      const guint n_a = 65480;
      g_autoptr(GString) document = g_string_new (NULL);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *whole = NULL;
      g_autofree char *trickled = NULL;
      guint column = pad + 2;

      g_string_append_printf (document, "%*s[\"", pad, "");
      g_string_append_printf (expected, "BEGIN_ARRAY 1:%u d1\nSTRING 1:%u d1 ", pad + 1, pad + 2);
      for (guint j = 0; j < n_a; j++)
        {
          g_string_append_c (document, 'a');
          g_string_append_c (expected, 'a');
        }
      g_string_append (document, tail);
      column += 1 + n_a + 3 + 12 + 2 + 1 + 2;
      g_string_append_printf (expected, "%s\nNUMBER 1:%u d1 12345678\n", decoded_tail, column);
      column += 10;
      g_string_append_printf (expected, "NUMBER 1:%u d1 -0.5e+10\n", column);
      column += 10;
      g_string_append_printf (expected, "TRUE 1:%u d1\n", column);
      column += 6;
      g_string_append_printf (expected, "NULL 1:%u d1\nEND_ARRAY 1:%u d0\nEOF 1:%u d0\n",
                              column, column + 4, column + 5);

      whole = trace_document (document->str, document->len, 0);
      g_assert_cmpstr (whole, ==, expected->str);
      if (pad % 8 == 0)
        {
          trickled = trace_document (document->str, document->len, 1);
          g_assert_cmpstr (trickled, ==, expected->str);
        }
    }
}

static void
test_read_value (void)
{
  const char *document =
    "[\n"
    "  {\"id\": \"s1\", \"n\": 3, \"tags\": [\"x\", \"y\"], \"ok\": true, \"none\": null},\n"
    "  {\"id\": \"s2\", \"nested\": {\"a\": {\"b\": [1, [2, [\"\xc3\xa9\"]]]}}, \"id2\": false}\n"
    "]\n";
  g_autoptr(SpJsonReader) reader = reader_new (document, -1, 0);
  g_autoptr(GError) error = NULL;
  SpJsonValue *record, *member, *child;
  SpJsonToken token;
  gint64 n;

  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);

  token = sp_json_reader_next (reader, NULL, &error);
  g_assert_cmpint (token, ==, SP_JSON_TOKEN_BEGIN_OBJECT);
  record = sp_json_reader_read_value (reader, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->type, ==, SP_JSON_VALUE_OBJECT);
  g_assert_cmpuint (record->line, ==, 2);
  g_assert_cmpuint (record->column, ==, 3);
  g_assert_null (record->name);
  g_assert_cmpuint (record->n_children, ==, 5);
  g_assert_cmpuint (sp_json_reader_get_depth (reader), ==, 1);

  child = record->first_child;
  g_assert_cmpstr (child->name, ==, "id");
  g_assert_cmpint (child->type, ==, SP_JSON_VALUE_STRING);
  g_assert_cmpstr (child->string, ==, "s1");
  g_assert_cmpuint (child->length, ==, 2);
  g_assert_cmpuint (child->line, ==, 2);
  g_assert_cmpuint (child->column, ==, 10);
  child = child->next;
  g_assert_cmpstr (child->name, ==, "n");
  g_assert_true (sp_json_value_get_int64 (child, &n));
  g_assert_cmpint (n, ==, 3);
  child = child->next;
  g_assert_cmpstr (child->name, ==, "tags");
  g_assert_cmpint (child->type, ==, SP_JSON_VALUE_ARRAY);
  g_assert_cmpuint (child->n_children, ==, 2);
  g_assert_cmpuint (child->column, ==, 32);
  g_assert_null (child->first_child->name);
  g_assert_cmpstr (child->first_child->string, ==, "x");
  g_assert_cmpuint (child->first_child->column, ==, 33);
  g_assert_cmpstr (child->first_child->next->string, ==, "y");
  g_assert_null (child->first_child->next->next);
  child = child->next;
  g_assert_cmpstr (child->name, ==, "ok");
  g_assert_cmpint (child->type, ==, SP_JSON_VALUE_BOOLEAN);
  g_assert_true (child->boolean);
  child = child->next;
  g_assert_cmpstr (child->name, ==, "none");
  g_assert_cmpint (child->type, ==, SP_JSON_VALUE_NULL);
  g_assert_null (child->next);

  g_assert_true (sp_json_value_get_member (record, "ok") == record->first_child->next->next->next);
  g_assert_null (sp_json_value_get_member (record, "missing"));
  g_assert_null (sp_json_value_get_member (record->first_child, "id"));

  record = sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->line, ==, 3);
  g_assert_cmpuint (record->n_children, ==, 3);
  member = sp_json_value_get_member (record, "nested");
  member = sp_json_value_get_member (member, "a");
  member = sp_json_value_get_member (member, "b");
  g_assert_cmpint (member->type, ==, SP_JSON_VALUE_ARRAY);
  g_assert_cmpuint (member->n_children, ==, 2);
  child = member->first_child->next->first_child->next->first_child;
  g_assert_cmpstr (child->string, ==, "\xc3\xa9");
  g_assert_cmpuint (child->line, ==, 3);
  g_assert_cmpuint (child->column, ==, 47);
  member = sp_json_value_get_member (record, "id2");
  g_assert_cmpint (member->type, ==, SP_JSON_VALUE_BOOLEAN);
  g_assert_false (member->boolean);

  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_END_ARRAY);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_EOF);
  g_assert_no_error (error);
}

static void
test_streaming (void)
{
  const guint n_records = 20000;
  g_autoptr(GString) document = g_string_new ("[");
  g_autoptr(SpJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  SpJsonValue *record;
  SpJsonToken token;
  guint n = 0;

  for (guint i = 0; i < n_records; i++)
    g_string_append_printf (document, "%s\n{\"id\": \"s%u\", \"speaker\": \"a1\", \"quote\": \"some text here\"}",
                            i > 0 ? "," : "", i);
  g_string_append (document, "\n]\n");
  g_assert_cmpuint (document->len, >, 16 * 64 * 1024);

  reader = reader_new (document->str, document->len, 0);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
  while ((token = sp_json_reader_next (reader, NULL, &error)) == SP_JSON_TOKEN_BEGIN_OBJECT)
    {
      g_autofree char *id = g_strdup_printf ("s%u", n);

      record = sp_json_reader_read_value (reader, token, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sp_json_value_get_member (record, "id")->string, ==, id);
      g_assert_cmpuint (record->line, ==, n + 2);
      /* The stream is read one block at a time, as far as needed. */
      if (n == 0)
        g_assert_cmpuint (sp_json_reader_get_bytes_read (reader), ==, 64 * 1024);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpint (token, ==, SP_JSON_TOKEN_END_ARRAY);
  g_assert_cmpuint (n, ==, n_records);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_EOF);
  g_assert_cmpuint (sp_json_reader_get_bytes_read (reader), ==, document->len);
}

static void
test_read_value_scalar (void)
{
  g_autoptr(SpJsonReader) reader = reader_new (" \"only\" ", -1, 0);
  g_autoptr(GError) error = NULL;
  SpJsonValue *value;

  value = sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value->type, ==, SP_JSON_VALUE_STRING);
  g_assert_cmpstr (value->string, ==, "only");
  g_assert_cmpuint (value->column, ==, 2);
  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_EOF);
  g_assert_no_error (error);
}

static void
test_duplicate_member (void)
{
  const char *document =
    "[{\"id\": 1, \"x\": {\"id\": 2}}, {\"id\": 3},\n"
    "{\n"
    "  \"id\": 1,\n"
    "  \"x\": {\"id\": 2},\n"
    "  \"id\": 3\n"
    "}]";
  g_autoptr(SpJsonReader) reader = reader_new (document, -1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;

  g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
  g_assert_nonnull (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
  g_assert_nonnull (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
  g_assert_no_error (error);

  g_assert_null (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_DUPLICATE_MEMBER);
  g_assert_cmpstr (error->message, ==, "t.json:5:3: duplicate member \"id\" in object");

  g_assert_cmpint (sp_json_reader_next (reader, NULL, &again), ==, SP_JSON_TOKEN_EOF);
  g_assert_error (again, SP_JSON_ERROR, SP_JSON_ERROR_DUPLICATE_MEMBER);
  g_assert_cmpstr (again->message, ==, error->message);
}

static void
test_duplicate_member_many (void)
{
  g_autoptr(GString) unique = g_string_new ("{");
  g_autoptr(GString) duplicate = NULL;
  g_autoptr(SpJsonReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SpJsonValue *value;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (unique, "%s\"m%u\": %u", i > 0 ? ", " : "", i, i);
  duplicate = g_string_new (unique->str);
  g_string_append (unique, "}");

  reader = reader_new (unique->str, unique->len, 0);
  value = sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (value->n_children, ==, 40);
  g_clear_object (&reader);

  message = g_strdup_printf ("t.json:1:%u: duplicate member \"m17\" in object", (guint) duplicate->len + 3);
  g_string_append (duplicate, ", \"m17\": 0}");
  reader = reader_new (duplicate->str, duplicate->len, 0);
  g_assert_null (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_DUPLICATE_MEMBER);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_numbers (void)
{
  const char *document = "[0, -0, 9223372036854775807, -9223372036854775808, 1.5, 1e3, -2.5E-3, 4.9e-324, \"7\"]";
  g_autoptr(SpJsonReader) reader = reader_new (document, -1, 0);
  g_autoptr(GError) error = NULL;
  SpJsonValue *array, *v;
  gint64 i;
  double d;

  array = sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error);
  g_assert_no_error (error);
  v = array->first_child;

  g_assert_true (sp_json_value_get_int64 (v, &i));
  g_assert_cmpint (i, ==, 0);
  v = v->next;
  g_assert_true (sp_json_value_get_int64 (v, &i));
  g_assert_cmpint (i, ==, 0);
  v = v->next;
  g_assert_true (sp_json_value_get_int64 (v, &i));
  g_assert_cmpint (i, ==, G_MAXINT64);
  v = v->next;
  g_assert_true (sp_json_value_get_int64 (v, &i));
  g_assert_cmpint (i, ==, G_MININT64);
  g_assert_true (sp_json_value_get_double (v, &d));
  g_assert_cmpfloat (d, ==, -9223372036854775808.0);
  v = v->next;
  g_assert_false (sp_json_value_get_int64 (v, &i));
  g_assert_true (sp_json_value_get_double (v, &d));
  g_assert_cmpfloat (d, ==, 1.5);
  v = v->next;
  g_assert_false (sp_json_value_get_int64 (v, &i));
  g_assert_true (sp_json_value_get_double (v, &d));
  g_assert_cmpfloat (d, ==, 1000.0);
  v = v->next;
  g_assert_true (sp_json_value_get_double (v, &d));
  g_assert_cmpfloat (d, ==, -0.0025);
  v = v->next;
  g_assert_true (sp_json_value_get_double (v, &d));
  g_assert_cmpfloat (d, >, 0.0);
  v = v->next;
  g_assert_cmpint (v->type, ==, SP_JSON_VALUE_STRING);
  g_assert_false (sp_json_value_get_int64 (v, &i));
  g_assert_false (sp_json_value_get_double (v, &d));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-reader/tokens", test_tokens);
  g_test_add_func ("/json-reader/top-level-scalars", test_top_level_scalars);
  g_test_add_func ("/json-reader/string-escapes", test_string_escapes);
  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-reader/error/%s", error_cases[i].path);

      g_test_add_data_func (path, &error_cases[i], test_error);
    }
  g_test_add_func ("/json-reader/error/in-read-value", test_error_in_read_value);
  g_test_add_func ("/json-reader/error/io", test_io_error);
  g_test_add_func ("/json-reader/error/cancelled", test_cancel);
  g_test_add_func ("/json-reader/big-string", test_big_string);
  g_test_add_func ("/json-reader/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json-reader/block-boundaries", test_block_boundaries);
  g_test_add_func ("/json-reader/read-value", test_read_value);
  g_test_add_func ("/json-reader/read-value-scalar", test_read_value_scalar);
  g_test_add_func ("/json-reader/streaming", test_streaming);
  g_test_add_func ("/json-reader/duplicate-member", test_duplicate_member);
  g_test_add_func ("/json-reader/duplicate-member-many", test_duplicate_member_many);
  g_test_add_func ("/json-reader/numbers", test_numbers);

  return g_test_run ();
}
