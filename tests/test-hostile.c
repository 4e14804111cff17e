#define G_LOG_DOMAIN "standpoint-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sp-importer.h"
#include "sp-json-reader.h"
#include "sp-library.h"
#include "sp-test-util.h"

/* Hostile input for the whole import path: each case asserts the exact
 * outcome, a problem naming the place or a documented acceptance, and that
 * a rejected file leaves the library exactly as it was. */

#define HEADER \
  "{\"format\": \"standpoint-dataset\", \"version\": 1,\n" \
  " \"dataset\": {\"id\": \"test\", \"title\": \"Test\"},\n"
#define SOURCES \
  " \"sources\": [{\"id\": \"src\", \"title\": \"An article\", \"text\": \"He said: “unrealistic” – twice.\"}],\n"
#define ACTORS \
  " \"actors\": [{\"id\": \"us\", \"kind\": \"country\", \"name\": \"United States\"},\n" \
  "            {\"id\": \"pete\", \"kind\": \"person\", \"name\": \"Pete\", \"country\": \"us\"}],\n"
#define TOPICS \
  " \"topics\": [{\"id\": \"nato\", \"label\": \"NATO\", \"proposition\": \"Ukraine should join NATO\"}],\n"
/* A statement whose members after "stance" are given by @rest. */
#define STATEMENT(rest) \
  "{\"id\": \"s1\", \"speaker\": \"pete\", \"topic\": \"nato\", \"stance\": \"oppose\", " rest "}"
#define BASE HEADER SOURCES ACTORS TOPICS

typedef struct {
  char      *dir;
  SpLibrary *library;
  char      *empty;      /* the library's fingerprint before any import */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sp_test_make_dir ();
  fixture->library = sp_test_new_library (fixture->dir);
  fixture->empty = sp_test_library_fingerprint (fixture->library);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->library);
  g_free (fixture->empty);
  g_free (fixture->dir);
}

/* Imports @length bytes of @contents (-1: up to the NUL). */
static SpImporter *
import_bytes (Fixture     *fixture,
              const char  *contents,
              gssize       length,
              GError     **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "input.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  SpImporter *importer;

  g_file_set_contents (path, contents, length, &local_error);
  g_assert_no_error (local_error);

  importer = sp_importer_new (fixture->library, file);
  sp_importer_run (importer, NULL, error);
  return importer;
}

/* The problems of an import, one per line, without the file name. */
static char *
problems_text (SpImporter *importer)
{
  GPtrArray *problems = sp_importer_get_problems (importer);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = sp_problem_to_string (problems->pdata[i], "F");

      g_string_append_printf (text, "%s\n", line + (line[2] == ' ' ? 3 : 2));
    }

  return g_string_free (text, FALSE);
}

static void
assert_counts (SpImporter *importer,
               guint       added,
               guint       updated,
               guint       unchanged,
               guint       retracted)
{
  g_assert_cmpuint (sp_importer_get_count (importer, SP_IMPORT_ADDED), ==, added);
  g_assert_cmpuint (sp_importer_get_count (importer, SP_IMPORT_UPDATED), ==, updated);
  g_assert_cmpuint (sp_importer_get_count (importer, SP_IMPORT_UNCHANGED), ==, unchanged);
  g_assert_cmpuint (sp_importer_get_count (importer, SP_IMPORT_RETRACTED), ==, retracted);
}

/* Asserts that @contents is refused with exactly @expected and that the
 * library did not change; returns the importer for further checks. */
static SpImporter *
assert_rejected (Fixture    *fixture,
                 const char *contents,
                 gssize      length,
                 const char *expected)
{
  g_autofree char *before = sp_test_library_fingerprint (fixture->library);
  g_autofree char *after = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(GError) error = NULL;
  SpImporter *importer;

  importer = import_bytes (fixture, contents, length, &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_INVALID);
  problems = problems_text (importer);
  g_assert_cmpstr (problems, ==, expected);
  assert_counts (importer, 0, 0, 0, 0);

  after = sp_test_library_fingerprint (fixture->library);
  g_assert_cmpstr (after, ==, before);

  return importer;
}

static SpImporter *
assert_accepted (Fixture    *fixture,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  SpImporter *importer;

  importer = import_bytes (fixture, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sp_importer_get_problems (importer)->len, ==, 0);

  return importer;
}

typedef struct {
  const char *name;
  const char *input;
  gssize      length;
  const char *problems;
} Case;

static void
test_case (Fixture       *fixture,
           gconstpointer  data)
{
  const Case *c = data;
  g_autoptr(SpImporter) importer = assert_rejected (fixture, c->input, c->length, c->problems);
}

/* Nesting */

static char *
nested (const char *prefix,
        const char *open,
        const char *close,
        guint       levels,
        const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < levels; i++)
    g_string_append (text, open);
  for (guint i = 0; i < levels; i++)
    g_string_append (text, close);
  g_string_append (text, suffix);

  return g_string_free (text, FALSE);
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

/* A million levels are refused at level 65, after the first block of the
 * file. */
static void
test_nesting_million (Fixture       *fixture,
                      gconstpointer  data)
{
  const guint million = 1000 * 1000;
  g_autofree char *arrays = nested (HEADER " \"topics\": ", "[", "]", million, "}");
  g_autofree char *objects = nested (HEADER " \"topics\": [", "{\"a\":", "}", million, "]}");
  g_autofree char *in_header = nested ("{\"format\": ", "[", "]", million, "}");
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(SpImporter) third = NULL;
  gint64 start = g_get_monotonic_time ();

  first = assert_rejected (fixture, arrays, -1, "3:75: nesting deeper than 64 levels\n");
  g_assert_cmpuint (sp_importer_get_bytes_read (first), ==, 64 * 1024);
  second = assert_rejected (fixture, objects, -1, "3:323: nesting deeper than 64 levels\n");
  g_assert_cmpuint (sp_importer_get_bytes_read (second), ==, 64 * 1024);
  third = assert_rejected (fixture, in_header, -1, "1:75: nesting deeper than 64 levels\n");
  g_assert_cmpuint (sp_importer_get_bytes_read (third), ==, 64 * 1024);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* The reader names where inside a value it stopped, which the importer
 * appends to the record's path; past the depth limit, or outside
 * sp_json_reader_read_value(), there is no path. */
static void
test_reader_error_path (void)
{
  static const struct {
    const char *document;
    const char *path;
  } cases[] = {
    { "{\"a\": {\"b\": [1, 2, {\"c\": 1, \"c\": 2}]}}", ".a.b[2].c" },
    { "{\"a\": [1, 2, 01]}", ".a[2]" },
    { "{\"a\": \"\\u0000\"}", ".a" },
    { "[1, 2,]", "[2]" },
    { "{\"a\": 1,}", "" },
    { "\"\\uD800\"", "" },
    { "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (cases[i].document, -1, NULL);
      g_autoptr(SpJsonReader) reader = sp_json_reader_new (stream, "t.json");
      g_autoptr(GError) error = NULL;

      g_assert_null (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (sp_json_reader_get_error_path (reader), ==, cases[i].path);
    }

  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("[{\"a\": 1} 2]", -1, NULL);
    g_autoptr(SpJsonReader) reader = sp_json_reader_new (stream, "t.json");
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_BEGIN_ARRAY);
    g_assert_nonnull (sp_json_reader_read_value (reader, SP_JSON_TOKEN_EOF, NULL, &error));
    g_assert_null (sp_json_reader_get_error_path (reader));
    g_assert_cmpint (sp_json_reader_next (reader, NULL, &error), ==, SP_JSON_TOKEN_EOF);
    g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_SYNTAX);
    g_assert_null (sp_json_reader_get_error_path (reader));
  }
}

/* Numbers */

static const Case number_cases[] = {
  { "int64-max-plus-one",
    BASE " \"statements\": [" STATEMENT ("\"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\","
                                         " \"offsets\": [0, 9223372036854775808]") "]}",
    -1, "7:153: statements[0].offsets[1]: integer out of range\n" },
  { "int64-min-minus-one",
    BASE " \"statements\": [" STATEMENT ("\"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\","
                                         " \"offsets\": [-9223372036854775809, 1]") "]}",
    -1, "7:150: statements[0].offsets[0]: integer out of range\n" },
  { "huge-integer",
    BASE " \"statements\": [" STATEMENT ("\"quantity\": {\"value\": 123456789012345678901234567890,"
                                         " \"unit\": \"troops\"}") "]}",
    -1, "7:108: statements[0].quantity.value: integer out of range\n" },
  { "float-overflow",
    BASE " \"statements\": [" STATEMENT ("\"quantity\": {\"value\": 1e309, \"unit\": \"troops\"}") "]}",
    -1, "7:108: statements[0].quantity.value: number out of range\n" },
  { "negative-float-overflow",
    BASE " \"statements\": [" STATEMENT ("\"quantity\": {\"value\": -1.8e308, \"unit\": \"troops\"}") "]}",
    -1, "7:108: statements[0].quantity.value: number out of range\n" },
  { "float-underflow",
    BASE " \"statements\": [" STATEMENT ("\"quantity\": {\"value\": 1E-999, \"unit\": \"troops\"}") "]}",
    -1, "7:108: statements[0].quantity.value: number out of range\n" },
  { "huge-exponent",
    BASE " \"statements\": [" STATEMENT ("\"quantity\": {\"value\": 1e99999999999999999999, \"unit\": \"t\"}") "]}",
    -1, "7:108: statements[0].quantity.value: number out of range\n" },
  { "version-out-of-range",
    "{\"format\": \"standpoint-dataset\", \"version\": 99999999999999999999, \"dataset\": {}}",
    -1, "1:45: version: integer out of range\n" },
  { "offsets-at-int64-max",
    BASE " \"statements\": [" STATEMENT ("\"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\","
                                         " \"offsets\": [9223372036854775806, 9223372036854775807]") "]}",
    -1, "7:149: statements[0].offsets: offsets go past the end of the text of source \"src\" (31 characters)\n" },
  { "offsets-negative",
    BASE " \"statements\": [" STATEMENT ("\"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\","
                                         " \"offsets\": [-9223372036854775808, 0]") "]}",
    -1, "7:149: statements[0].offsets: offsets must satisfy 0 <= start < end, found [-9223372036854775808, 0]\n" },
  { "offsets-fractional",
    BASE " \"statements\": [" STATEMENT ("\"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\","
                                         " \"offsets\": [1.0, 2e0]") "]}",
    -1, "7:149: statements[0].offsets: offsets must be whole numbers\n" },
};

/* The largest and smallest numbers a double holds are kept exactly. */
static void
test_numbers_accepted (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct {
    const char *written;
    double      value;
  } cases[] = {
    { "1.7976931348623157e308", 1.7976931348623157e308 },
    { "-1.7976931348623157E+308", -1.7976931348623157e308 },
    { "4.9e-324", 4.9e-324 },
    { "2.2250738585072014e-308", 2.2250738585072014e-308 },
    { "-0", 0.0 },
    { "9223372036854775807", 9223372036854775807.0 },
    { "-9223372036854775808", -9223372036854775808.0 },
    { "0.1", 0.1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *input = g_strdup_printf (BASE " \"statements\": [" STATEMENT (
                                                  "\"quantity\": {\"value\": %s, \"unit\": \"troops\"},"
                                                  " \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"") "]}",
                                                cases[i].written);
      g_autoptr(SpImporter) importer = assert_accepted (fixture, input, -1);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (sp_library_get_db (fixture->library),
                                           "SELECT quantity FROM statements WHERE id = 's1'",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpfloat (sqlite3_column_double (stmt, 0), ==, cases[i].value);
      sqlite3_finalize (stmt);
    }
}

/* Encodings */

static const Case utf8_cases[] = {
  { "invalid-byte-in-quote",
    BASE " \"statements\": [\n" STATEMENT ("\"quote\": \"unrealistic \xff\"") "]}",
    -1, "8:92: statements[0].quote: invalid UTF-8 sequence starting with byte 0xFF\n" },
  { "latin1-file",
    "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
    " \"dataset\": {\"id\": \"test\", \"title\": \"Caf\xe9\"}}",
    -1, "2:41: dataset.title: invalid UTF-8 sequence starting with byte 0xE9\n" },
  { "utf16-file", "\xff\xfe{\0\"\0", 6, "1:1: invalid UTF-8 sequence starting with byte 0xFF\n" },
  { "byte-order-mark", "\xef\xbb\xbf" BASE "}", -1,
    "1:1: document starts with a byte order mark, which JSON does not allow\n" },
  { "cesu8-surrogates",
    HEADER " \"topics\": [{\"id\": \"\xed\xa0\xbd\xed\xb8\x80\"}]}",
    -1, "3:21: topics[0].id: invalid UTF-8 sequence starting with byte 0xED\n" },
  { "overlong-slash",
    HEADER " \"topics\": [{\"id\": \"a\xc0\xaf\"}]}",
    -1, "3:22: topics[0].id: invalid UTF-8 sequence starting with byte 0xC0\n" },
  { "beyond-unicode",
    HEADER " \"topics\": [{\"id\": \"\xf4\x90\x80\x80\"}]}",
    -1, "3:21: topics[0].id: invalid UTF-8 sequence starting with byte 0xF4\n" },
  { "continuation-byte-between-values",
    HEADER " \"topics\": [\x80]}",
    -1, "3:13: invalid UTF-8 sequence starting with byte 0x80\n" },
  { "in-member-name",
    HEADER " \"topics\": [{\"i\xe2\x82\": \"t\"}]}",
    -1, "3:16: topics[0]: invalid UTF-8 sequence starting with byte 0xE2\n" },
  { "truncated-at-end-of-file",
    HEADER " \"topics\": [{\"id\": \"\xf0\x9f\x98",
    -1, "3:21: topics[0].id: invalid UTF-8 sequence starting with byte 0xF0\n" },
};

/* An invalid byte deep inside a large file is found on its own line, far
 * past the reader's first blocks. */
static void
test_utf8_far_line (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint n_topics = 10000;
  g_autoptr(GString) input = g_string_new (HEADER " \"topics\": [");
  g_autoptr(SpImporter) importer = NULL;
  g_autofree char *expected = NULL;

  /* Ten lines a topic, the first nine empty but for indentation. */
  for (guint i = 0; i < n_topics; i++)
    g_string_append_printf (input, "%s\n%*s\n%*s\n%*s\n%*s\n%*s\n%*s\n%*s\n%*s\n%*s\n"
                            "  {\"id\": \"t%u\", \"label\": \"Тема %u\", \"proposition\": \"Пропозиція\"}",
                            i > 0 ? "," : "", 40, "", 40, "", 40, "", 40, "", 40, "", 40, "", 40, "", 40, "", 40, "",
                            i, i);
  g_string_append (input, ",\n{\"id\": \"bad\", \"label\": \"Тема \xc3\x28\", \"proposition\": \"P\"}]}");
  g_assert_cmpuint (input->len, >, 4 * 1000 * 1000);

  expected = g_strdup_printf ("%u:30: topics[%u].label: invalid UTF-8 sequence starting with byte 0xC3\n",
                              3 + 10 * n_topics + 1, n_topics);
  importer = assert_rejected (fixture, input->str, input->len, expected);
}

/* Escapes */

static const Case escape_cases[] = {
  { "nul-in-quote",
    BASE " \"statements\": [" STATEMENT ("\"quote\": \"un\\u0000realistic\"") "]}",
    -1, "7:98: statements[0].quote: \\u0000 is not allowed in strings\n" },
  { "nul-in-id",
    HEADER " \"topics\": [{\"id\": \"\\u0000\", \"label\": \"T\", \"proposition\": \"P\"}]}",
    -1, "3:21: topics[0].id: \\u0000 is not allowed in strings\n" },
  { "nul-in-member-name",
    HEADER " \"topics\": [{\"id\\u0000\": \"t\"}]}",
    -1, "3:17: topics[0]: \\u0000 is not allowed in strings\n" },
  { "lone-high-surrogate",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"\\uD83D\", \"proposition\": \"P\"}]}",
    -1, "3:35: topics[0].label: unpaired surrogate \\uD83D in string\n" },
  { "lone-low-surrogate",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"x\\uDE00\", \"proposition\": \"P\"}]}",
    -1, "3:36: topics[0].label: unpaired surrogate \\uDE00 in string\n" },
  { "reversed-pair",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"\\uDE00\\uD83D\", \"proposition\": \"P\"}]}",
    -1, "3:35: topics[0].label: unpaired surrogate \\uDE00 in string\n" },
  { "high-then-letter",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"\\uD83D\\u0041\", \"proposition\": \"P\"}]}",
    -1, "3:35: topics[0].label: unpaired surrogate \\uD83D in string\n" },
  { "two-highs",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"\\uD83D\\uD83D\\uDE00\", \"proposition\": \"P\"}]}",
    -1, "3:35: topics[0].label: unpaired surrogate \\uD83D in string\n" },
  { "control-escape-in-id",
    HEADER " \"topics\": [{\"id\": \"a\\u0001\", \"label\": \"T\", \"proposition\": \"P\"}]}",
    -1, "3:20: topics[0].id: an id must not contain control characters\n" },
};

/* Duplicate keys */

static const Case duplicate_cases[] = {
  { "in-record",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"label\": \"U\", \"proposition\": \"P\"}]}",
    -1, "3:39: topics[0].label: duplicate member \"label\" in object\n" },
  { "same-after-escapes",
    HEADER " \"topics\": [{\"id\": \"t\", \"i\\u0064\": \"u\", \"label\": \"T\", \"proposition\": \"P\"}]}",
    -1, "3:25: topics[0].id: duplicate member \"id\" in object\n" },
  { "in-quantity",
    BASE " \"statements\": [" STATEMENT ("\"quantity\": {\"value\": 5, \"unit\": \"%\", \"value\": 2}") "]}",
    -1, "7:124: statements[0].quantity.value: duplicate member \"value\" in object\n" },
  { "in-participant",
    HEADER ACTORS
    " \"events\": [{\"id\": \"e\", \"title\": \"E\", \"date\": \"2025\", \"participants\": ["
    "{\"actor\": \"us\", \"role\": \"host\"}, {\"actor\": \"pete\", \"role\": \"chair\", \"role\": \"host\"}]}]}",
    -1, "5:140: events[0].participants[1].role: duplicate member \"role\" in object\n" },
  { "in-dataset",
    "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
    " \"dataset\": {\"id\": \"test\", \"title\": \"Test\", \"id\": \"other\"}}",
    -1, "2:45: dataset.id: duplicate member \"id\" in object\n" },
  { "many-members",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\","
    " \"m1\": 1, \"m2\": 2, \"m3\": 3, \"m4\": 4, \"m5\": 5, \"m6\": 6, \"m7\": 7, \"m8\": 8,"
    " \"m9\": 9, \"m10\": 10, \"m11\": 11, \"m12\": 12, \"m13\": 13, \"m14\": 14, \"m15\": 15, \"m16\": 16,"
    " \"m17\": 17, \"m18\": 18, \"m3\": 0}]}",
    -1, "3:239: topics[0].m3: duplicate member \"m3\" in object\n" },
  { "record-array",
    HEADER TOPICS " \"topics\": []}",
    -1, "4:2: topics: duplicate member \"topics\"\n" },
  { "header-member",
    HEADER " \"version\": 2}",
    -1, "3:2: version: duplicate member \"version\"\n" },
};

/* Strings of many megabytes */

/* A 16 MiB source text, with a quote located by offsets at its very end,
 * is stored byte for byte; nothing limits the length of a text. */
static void
test_big_strings (Fixture       *fixture,
                  gconstpointer  data)
{
  /* 16 characters, 24 bytes; "\\n" is one character, a line break. */
  const char *unit = "Сполучені Штати\\n";
  const char *decoded_unit = "Сполучені Штати\n";
  const guint n_units = 16 * 1024 * 1024 / 24;
  g_autoptr(GString) input = g_string_new (HEADER ACTORS TOPICS " \"sources\": [{\"id\": \"src\", \"title\": \"T\", \"text\": \"");
  g_autoptr(GChecksum) expected = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(SpImporter) importer = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *checksum = NULL;
  guint64 characters = (guint64)n_units * 16;

  for (guint i = 0; i < n_units; i++)
    {
      g_string_append (input, unit);
      g_checksum_update (expected, (const guchar *)decoded_unit, -1);
    }
  g_string_append (input, "the end\"}],\n \"statements\": [");
  g_checksum_update (expected, (const guchar *)"the end", -1);
  g_string_append_printf (input, STATEMENT ("\"quote\": \"the end\", \"said\": \"2025\", \"source\": \"src\","
                                            " \"offsets\": [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "]") "]}",
                          characters, characters + 7);
  g_assert_cmpuint (input->len, >, 16 * 1024 * 1024);

  importer = assert_accepted (fixture, input->str, input->len);
  assert_counts (importer, 5, 0, 0, 0);

  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT length (CAST (text AS BLOB)) FROM sources"),
                   ==, (gint64)n_units * strlen (decoded_unit) + 7);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT length (text) FROM sources"), ==, characters + 7);
  stored = sp_test_query_text (fixture->library, "SELECT text FROM sources");
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, stored, -1);
  g_assert_cmpstr (checksum, ==, g_checksum_get_string (expected));
}

static void
test_big_string_rejected (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *long_id = repeat ("Ж", 4 * 1024 * 1024);
  g_autofree char *input = g_strdup_printf (HEADER " \"topics\": [{\"id\": \"%s\", \"label\": \"T\", \"proposition\": \"P\"}]}",
                                            long_id);
  g_autofree char *unterminated = g_strdup_printf (HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"%s", long_id);
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;

  first = assert_rejected (fixture, input, -1, "3:20: topics[0].id: an id must not be longer than 256 bytes\n");
  second = assert_rejected (fixture, unterminated, -1, "3:34: topics[0].label: unterminated string\n");
}

/* Empty, not a dataset, wrong version */

static const Case document_cases[] = {
  { "empty-file", "", 0, "1:1: empty document\n" },
  { "whitespace-only", " \r\n\t\n  ", -1, "3:3: empty document\n" },
  { "nul-bytes", "\0\0\0\0", 4, "1:1: expected a value\n" },
  { "array", "[{\"format\": \"standpoint-dataset\"}]", -1,
    "1:1: not a Standpoint dataset: a dataset is a JSON object\n" },
  { "string", "\"standpoint-dataset\"", -1, "1:1: not a Standpoint dataset: a dataset is a JSON object\n" },
  { "null", "null", -1, "1:1: not a Standpoint dataset: a dataset is a JSON object\n" },
  { "empty-object", "{}", -1,
    "1:2: not a Standpoint dataset: the first member must be \"format\": \"standpoint-dataset\"\n" },
  { "package-json", "{\"name\": \"standpoint\", \"version\": \"1.0.0\", \"dependencies\": {}}", -1,
    "1:2: not a Standpoint dataset: the first member must be \"format\": \"standpoint-dataset\"\n" },
  { "geojson", "{\"type\": \"FeatureCollection\", \"features\": []}", -1,
    "1:2: not a Standpoint dataset: the first member must be \"format\": \"standpoint-dataset\"\n" },
  { "other-format", "{\"format\": \"geojson\", \"version\": 1}", -1,
    "1:12: format: not a Standpoint dataset: the format must be \"standpoint-dataset\"\n" },
  { "format-not-string", "{\"format\": [\"standpoint-dataset\"]}", -1,
    "1:12: format: not a Standpoint dataset: the format must be \"standpoint-dataset\"\n" },
  { "format-only", "{\"format\": \"standpoint-dataset\"}", -1,
    "1:32: expected member \"version\" here: \"format\", \"version\" and \"dataset\" come first, in this order\n" },
  { "no-records-no-dataset", "{\"format\": \"standpoint-dataset\", \"version\": 1}", -1,
    "1:46: expected member \"dataset\" here: \"format\", \"version\" and \"dataset\" come first, in this order\n" },
  { "version-2", "{\"format\": \"standpoint-dataset\", \"version\": 2, \"dataset\": {}}", -1,
    "1:45: version: unsupported format version 2 (this version of Standpoint reads version 1)\n" },
  { "version-0", "{\"format\": \"standpoint-dataset\", \"version\": 0, \"dataset\": {}}", -1,
    "1:45: version: unsupported format version 0 (this version of Standpoint reads version 1)\n" },
  { "version-negative", "{\"format\": \"standpoint-dataset\", \"version\": -1, \"dataset\": {}}", -1,
    "1:45: version: unsupported format version -1 (this version of Standpoint reads version 1)\n" },
  { "version-string", "{\"format\": \"standpoint-dataset\", \"version\": \"1\", \"dataset\": {}}", -1,
    "1:45: version: the version must be a whole number\n" },
  { "version-fraction", "{\"format\": \"standpoint-dataset\", \"version\": 1.0, \"dataset\": {}}", -1,
    "1:45: version: the version must be a whole number\n" },
  { "version-null", "{\"format\": \"standpoint-dataset\", \"version\": null, \"dataset\": {}}", -1,
    "1:45: version: the version must be a whole number\n" },
  { "truncated", HEADER SOURCES " \"actors\": [{\"id\": \"us\", \"kind\": \"coun", -1,
    "4:34: actors[0].kind: unterminated string\n" },
};

/* Text round trip */

static const char * const hostile_texts[] = {
  "'; DROP TABLE statements; --",
  "Robert'); DELETE FROM sources WHERE ('1' = '1",
  "\"quoted\" \\backslash\\ /slash/ `tick`",
  "SELECT * FROM actors UNION ALL SELECT sql FROM sqlite_schema; PRAGMA writable_schema = 1;",
  "%s%n%x%d %%",
  "🇺🇦 👩🏽‍⚖️ 😀 emoji",
  "שלום עולם مرحبا \u202eRTL override\u202c \u200fRLM",
  "Привіт, світе; «Сполучені Штати» — Їжак",
  "e\u0301 combining, zero\u200bwidth, \ufeffBOM inside, line\u2028separator",
};

/* JSON for @text: raw UTF-8, or with every character beyond ASCII as a
 * \u escape (surrogate pairs above U+FFFF). */
static void
append_json_string (GString    *json,
                    const char *text,
                    gboolean    escape_all)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        g_string_append_printf (json, "\\%c", (char)c);
      else if (c < 0x80)
        g_string_append_c (json, (char)c);
      else if (!escape_all)
        g_string_append_len (json, p, g_utf8_next_char (p) - p);
      else if (c < 0x10000)
        g_string_append_printf (json, "\\u%04X", c);
      else
        g_string_append_printf (json, "\\u%04x\\u%04x",
                                0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
    }
  g_string_append_c (json, '"');
}

static char *
hostile_id (guint i,
            char  kind)
{
  return g_strdup_printf ("%c%u %s", kind, i, hostile_texts[i]);
}

/* Every kind of record, with hostile ids and texts in every text member
 * and in the references between them. */
static char *
hostile_dataset (gboolean escape_all)
{
  GString *json = g_string_new ("{\"format\": \"standpoint-dataset\", \"version\": 1, \"dataset\": {\"id\": ");
  const guint n = G_N_ELEMENTS (hostile_texts);

#define TEXT(text) append_json_string (json, (text), escape_all)
#define ID(i, kind) G_STMT_START { g_autofree char *id_ = hostile_id ((i), (kind)); TEXT (id_); } G_STMT_END

  TEXT (hostile_texts[0]);
  g_string_append (json, ", \"title\": ");
  TEXT (hostile_texts[1]);
  g_string_append (json, ", \"description\": ");
  TEXT (hostile_texts[7]);
  g_string_append (json, "},\n \"sources\": [");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (json, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
      ID (i, 's');
      g_string_append (json, ", \"title\": ");
      TEXT (hostile_texts[i]);
      g_string_append (json, ", \"publisher\": ");
      TEXT (hostile_texts[(i + 1) % n]);
      g_string_append (json, ", \"text\": ");
      TEXT (hostile_texts[i]);
      g_string_append (json, "}");
    }
  g_string_append (json, "],\n \"actors\": [");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (json, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
      ID (i, 'a');
      g_string_append (json, ", \"kind\": \"person\", \"name\": ");
      TEXT (hostile_texts[i]);
      g_string_append (json, ", \"description\": ");
      TEXT (hostile_texts[(i + 2) % n]);
      g_string_append (json, "}");
    }
  g_string_append (json, "],\n \"topics\": [");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (json, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
      ID (i, 't');
      g_string_append (json, ", \"label\": ");
      TEXT (hostile_texts[i]);
      g_string_append (json, ", \"proposition\": ");
      TEXT (hostile_texts[(i + 3) % n]);
      g_string_append (json, "}");
    }
  g_string_append (json, "],\n \"events\": [");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (json, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
      ID (i, 'e');
      g_string_append (json, ", \"title\": ");
      TEXT (hostile_texts[i]);
      g_string_append (json, ", \"location\": ");
      TEXT (hostile_texts[(i + 4) % n]);
      g_string_append (json, ", \"date\": \"2025-02-12\", \"participants\": [{\"actor\": ");
      ID (i, 'a');
      g_string_append (json, ", \"role\": \"chair\"}], \"sources\": [");
      ID (i, 's');
      g_string_append (json, "]}");
    }
  g_string_append (json, "],\n \"statements\": [");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (json, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
      ID (i, 'q');
      g_string_append (json, ", \"speaker\": ");
      ID (i, 'a');
      g_string_append (json, ", \"topic\": ");
      ID (i, 't');
      g_string_append (json, ", \"stance\": \"mixed\", \"quote\": ");
      TEXT (hostile_texts[i]);
      g_string_append (json, ", \"paraphrase\": ");
      TEXT (hostile_texts[(i + 5) % n]);
      g_string_append (json, ", \"quantity\": {\"value\": 1, \"unit\": ");
      TEXT (hostile_texts[(i + 6) % n]);
      g_string_append (json, "}, \"said\": \"2025-02-12\", \"source\": ");
      ID (i, 's');
      g_string_append (json, ", \"event\": ");
      ID (i, 'e');
      g_string_append_printf (json, ", \"offsets\": [0, %ld]}", g_utf8_strlen (hostile_texts[i], -1));
    }
  g_string_append (json, "]}\n");

#undef ID
#undef TEXT

  return g_string_free (json, FALSE);
}

static void
assert_stored (Fixture    *fixture,
               const char *sql,
               const char *expected)
{
  sqlite3_stmt *stmt = NULL;
  const void *bytes;
  int length;

  g_assert_cmpint (sqlite3_prepare_v2 (sp_library_get_db (fixture->library), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  bytes = sqlite3_column_blob (stmt, 0);
  length = sqlite3_column_bytes (stmt, 0);
  g_assert_cmpmem (bytes, length, expected, strlen (expected));
  sqlite3_finalize (stmt);
}

static void
test_text_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  const guint n = G_N_ELEMENTS (hostile_texts);
  g_autofree char *raw = hostile_dataset (FALSE);
  g_autofree char *escaped = hostile_dataset (TRUE);
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpstr (raw, !=, escaped);
  first = assert_accepted (fixture, raw, -1);
  assert_counts (first, 5 * n, 0, 0, 0);
  g_assert_cmpstr (sp_importer_get_dataset_id (first), ==, hostile_texts[0]);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = hostile_id (i, 's');
      g_autofree char *a = hostile_id (i, 'a');
      g_autofree char *t = hostile_id (i, 't');
      g_autofree char *e = hostile_id (i, 'e');
      g_autofree char *q = hostile_id (i, 'q');

#define CHECK(format, id, expected) G_STMT_START { \
        char *sql_ = sqlite3_mprintf (format, id); \
        assert_stored (fixture, sql_, expected); \
        sqlite3_free (sql_); \
      } G_STMT_END

      CHECK ("SELECT title FROM sources WHERE id = %Q", s, hostile_texts[i]);
      CHECK ("SELECT publisher FROM sources WHERE id = %Q", s, hostile_texts[(i + 1) % n]);
      CHECK ("SELECT text FROM sources WHERE id = %Q", s, hostile_texts[i]);
      CHECK ("SELECT name FROM actors WHERE id = %Q", a, hostile_texts[i]);
      CHECK ("SELECT description FROM actors WHERE id = %Q", a, hostile_texts[(i + 2) % n]);
      CHECK ("SELECT label FROM topics WHERE id = %Q", t, hostile_texts[i]);
      CHECK ("SELECT proposition FROM topics WHERE id = %Q", t, hostile_texts[(i + 3) % n]);
      CHECK ("SELECT title FROM events WHERE id = %Q", e, hostile_texts[i]);
      CHECK ("SELECT location FROM events WHERE id = %Q", e, hostile_texts[(i + 4) % n]);
      CHECK ("SELECT actor_id FROM event_participants WHERE event_id = %Q", e, a);
      CHECK ("SELECT source_id FROM event_sources WHERE event_id = %Q", e, s);
      CHECK ("SELECT quote FROM statements WHERE id = %Q", q, hostile_texts[i]);
      CHECK ("SELECT paraphrase FROM statements WHERE id = %Q", q, hostile_texts[(i + 5) % n]);
      CHECK ("SELECT unit FROM statements WHERE id = %Q", q, hostile_texts[(i + 6) % n]);
      CHECK ("SELECT speaker_id FROM statements WHERE id = %Q", q, a);
      CHECK ("SELECT topic_id FROM statements WHERE id = %Q", q, t);
      CHECK ("SELECT source_id FROM statements WHERE id = %Q", q, s);
      CHECK ("SELECT event_id FROM statements WHERE id = %Q", q, e);

#undef CHECK
    }

  datasets = sp_library_list_datasets (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (datasets->len, ==, 1);
  g_assert_cmpstr (((SpDatasetInfo *)datasets->pdata[0])->id, ==, hostile_texts[0]);
  g_assert_cmpstr (((SpDatasetInfo *)datasets->pdata[0])->title, ==, hostile_texts[1]);
  g_assert_cmpstr (((SpDatasetInfo *)datasets->pdata[0])->description, ==, hostile_texts[7]);

  /* Search finds the Cyrillic text. */
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'Привіт'"),
                   ==, 2);

  /* Written with escapes, the same file says exactly the same. */
  before = sp_test_library_fingerprint (fixture->library);
  second = assert_accepted (fixture, escaped, -1);
  assert_counts (second, 0, 0, 5 * n, 0);
  after = sp_test_library_fingerprint (fixture->library);
  g_assert_cmpstr (after, ==, before);

  /* Removed by its hostile id, the dataset leaves nothing behind; the
   * search index keeps only its own bookkeeping. */
  g_assert_true (sp_library_remove_dataset (fixture->library, hostile_texts[0], &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT (SELECT count(*) FROM datasets) + (SELECT count(*) FROM provenance)"
                                      " + (SELECT count(*) FROM sources) + (SELECT count(*) FROM actors)"
                                      " + (SELECT count(*) FROM topics) + (SELECT count(*) FROM events)"
                                      " + (SELECT count(*) FROM statements) + (SELECT count(*) FROM event_sources)"
                                      " + (SELECT count(*) FROM event_participants)"), ==, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'Привіт'"),
                   ==, 0);
}

/* Hostile ids come back unchanged in problems too, and format directives
 * in them are not interpreted. */
static void
test_hostile_problem_text (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SpImporter) importer = NULL;

  importer = assert_rejected (fixture,
                              BASE " \"statements\": [{\"id\": \"s1\", \"speaker\": \"%s%n \\\"; DROP 🇺🇦 שלום Привіт\","
                              " \"topic\": \"nato\", \"stance\": \"oppose\", \"paraphrase\": \"p\", \"said\": \"2025\","
                              " \"source\": \"src\"}]}",
                              -1,
                              "7:41: statements[0].speaker: unknown actor \"%s%n \"; DROP 🇺🇦 שלום Привіт\"\n");
}

/* A gigabyte through a pipe */

/* Feeds a valid dataset of @size bytes into the named pipe @path: a few
 * thousand statements, each followed by lines of indentation, so that the
 * file is large while the library stays small. */
typedef struct {
  char    *path;
  guint64  size;
  guint    n_statements;
  guint64  written;
  int      stopped_by;     /* errno when the reader went away early */
} Feed;

static gboolean
write_all (Feed       *feed,
           int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          feed->stopped_by = errno;
          return FALSE;
        }
      data += n;
      length -= n;
      feed->written += n;
    }

  return TRUE;
}

static gpointer
feed_pipe (gpointer data)
{
  Feed *feed = data;
  g_autoptr(GString) head = g_string_new (BASE " \"statements\": [");
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  const char *tail = "\n]}\n";
  char padding[64 * 1024];
  guint64 record_bytes = 0;
  guint64 pad_each;
  guint64 pad_last;
  int fd;

  for (guint i = 0; i < feed->n_statements; i++)
    {
      char *record = g_strdup_printf ("%s{\"id\": \"n%u\", \"speaker\": \"pete\", \"topic\": \"nato\","
                                      " \"stance\": \"support\", \"paraphrase\": \"Пункт %u: a paraphrase"
                                      " with \\\"escapes\\\" and ✓ marks\", \"said\": \"2025-02-%02u\","
                                      " \"source\": \"src\"}",
                                      i > 0 ? "," : "", i, i, i % 28 + 1);

      record_bytes += strlen (record);
      g_ptr_array_add (records, record);
    }

  g_assert_cmpuint (feed->size, >, head->len + record_bytes + strlen (tail));
  pad_each = (feed->size - head->len - record_bytes - strlen (tail)) / feed->n_statements;
  pad_last = (feed->size - head->len - record_bytes - strlen (tail)) % feed->n_statements;

  for (gsize i = 0; i < sizeof padding; i++)
    padding[i] = i % 80 == 0 ? '\n' : ' ';

  fd = open (feed->path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);

  if (write_all (feed, fd, head->str, head->len))
    for (guint i = 0; i < records->len; i++)
      {
        guint64 pad = pad_each + (i + 1 == records->len ? pad_last : 0);

        if (!write_all (feed, fd, records->pdata[i], strlen (records->pdata[i])))
          break;
        for (; pad > 0; pad -= MIN (pad, sizeof padding))
          if (!write_all (feed, fd, padding, MIN (pad, sizeof padding)))
            break;
        if (feed->stopped_by != 0)
          break;
      }
  if (feed->stopped_by == 0)
    write_all (feed, fd, tail, strlen (tail));

  close (fd);
  return NULL;
}

typedef struct {
  guint64       cancel_at;    /* 0: never */
  GCancellable *cancellable;
  gint64        cancelled_time;
  guint64       last;
  guint         notifications;
  glong         maxrss_early;  /* kB, once the first eighth was read */
  guint64       early;
} Watch;

static glong
max_rss_kb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static void
bytes_read_changed (SpImporter *importer,
                    GParamSpec *pspec,
                    Watch      *watch)
{
  guint64 bytes = sp_importer_get_bytes_read (importer);

  g_assert_cmpuint (bytes, >, watch->last);
  watch->last = bytes;
  watch->notifications++;

  if (watch->maxrss_early == 0 && bytes >= watch->early)
    watch->maxrss_early = max_rss_kb ();

  if (watch->cancel_at > 0 && bytes >= watch->cancel_at && watch->cancelled_time == 0)
    {
      watch->cancelled_time = g_get_monotonic_time ();
      g_cancellable_cancel (watch->cancellable);
    }
}

/* The size a test streams: a gigabyte, or under valgrind, which runs
 * everything some fifty times slower, 64 MiB. */
static guint64
stream_size (void)
{
  if (g_getenv ("STANDPOINT_TEST_VALGRIND") != NULL)
    return G_GUINT64_CONSTANT (64) << 20;
  return G_GUINT64_CONSTANT (1) << 30;
}

/* Valgrind's memory is its own, and AddressSanitizer keeps freed memory
 * in quarantine: there the peak says nothing of the importer's. */
static gboolean
peak_memory_is_ours (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return FALSE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return FALSE;
#endif
#endif
  return g_getenv ("STANDPOINT_TEST_VALGRIND") == NULL;
}

static void
stream_gigabyte (Fixture  *fixture,
                 gboolean  cancel)
{
  g_autofree char *path = g_build_filename (fixture->dir, "pipe.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sp_test_library_fingerprint (fixture->library);
  g_autofree char *after = NULL;
  Feed feed = { .path = path, .size = stream_size (), .n_statements = 5000 };
  Watch watch = { .cancellable = cancellable, .early = feed.size / 8 };
  GThread *thread;
  gboolean ok;

  if (cancel)
    watch.cancel_at = feed.size / 2;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("feed", feed_pipe, &feed);

  importer = sp_importer_new (fixture->library, file);
  g_signal_connect (importer, "notify::bytes-read", G_CALLBACK (bytes_read_changed), &watch);
  ok = sp_importer_run (importer, cancellable, &error);
  g_thread_join (thread);

  /* Memory does not grow with what was read: the reader holds one block
   * and one record at a time. */
  g_assert_cmpint (watch.maxrss_early, >, 0);
  g_test_message ("max RSS %ld kB after %" G_GUINT64_FORMAT " bytes, %ld kB at the end",
                  watch.maxrss_early, watch.early, max_rss_kb ());
  if (peak_memory_is_ours ())
    g_assert_cmpint (max_rss_kb () - watch.maxrss_early, <, 32 * 1024);

  if (!cancel)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpuint (feed.written, ==, feed.size);
      g_assert_cmpuint (sp_importer_get_bytes_read (importer), ==, feed.size);
      /* Without a size there is no fraction until the end, but progress
       * is reported every MiB. */
      g_assert_cmpuint (watch.notifications, >=, feed.size / (2 * 1024 * 1024));
      g_assert_cmpfloat (sp_importer_get_fraction (importer), ==, 1.0);
      assert_counts (importer, feed.n_statements + 4, 0, 0, 0);
      g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM statements"), ==,
                       feed.n_statements);
    }
  else
    {
      gint64 returned = g_get_monotonic_time ();

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (ok);
      g_test_message ("returned %" G_GINT64_FORMAT " ms after the cancellation",
                      (returned - watch.cancelled_time) / 1000);
      g_assert_cmpint (returned - watch.cancelled_time, <, 2 * G_USEC_PER_SEC);
      g_assert_cmpuint (sp_importer_get_bytes_read (importer), <, feed.size / 2 + 2 * 1024 * 1024);
      g_assert_cmpint (feed.stopped_by, ==, EPIPE);
      g_assert_cmpuint (feed.written, <, feed.size);
      assert_counts (importer, 0, 0, 0, 0);
      after = sp_test_library_fingerprint (fixture->library);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Each runs in a subprocess of its own, so that its peak memory is its
 * own. */
static void
test_gigabyte (Fixture       *fixture,
               gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      stream_gigabyte (fixture, GPOINTER_TO_INT (data));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
add_cases (const char *prefix,
           const Case *cases,
           guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/%s/%s", prefix, cases[i].name);

      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_case, fixture_tear_down);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The feeding thread learns from EPIPE that the import stopped reading. */
  signal (SIGPIPE, SIG_IGN);

#define ADD(path, func, data) \
  g_test_add ("/hostile/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("nesting/million", test_nesting_million, NULL);
  g_test_add_func ("/hostile/reader/error-path", test_reader_error_path);
  add_cases ("numbers", number_cases, G_N_ELEMENTS (number_cases));
  ADD ("numbers/accepted", test_numbers_accepted, NULL);
  add_cases ("utf8", utf8_cases, G_N_ELEMENTS (utf8_cases));
  ADD ("utf8/far-line", test_utf8_far_line, NULL);
  add_cases ("escapes", escape_cases, G_N_ELEMENTS (escape_cases));
  add_cases ("duplicate", duplicate_cases, G_N_ELEMENTS (duplicate_cases));
  ADD ("big-strings", test_big_strings, NULL);
  ADD ("big-strings/rejected", test_big_string_rejected, NULL);
  add_cases ("document", document_cases, G_N_ELEMENTS (document_cases));
  ADD ("text/round-trip", test_text_round_trip, NULL);
  ADD ("text/problems", test_hostile_problem_text, NULL);
  ADD ("gigabyte/import", test_gigabyte, GINT_TO_POINTER (FALSE));
  ADD ("gigabyte/cancel", test_gigabyte, GINT_TO_POINTER (TRUE));

  return g_test_run ();
}
