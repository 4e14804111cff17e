#include "config.h"

#include <string.h>

#include "sp-importer.h"
#include "sp-library.h"
#include "sp-test-util.h"

#define HEADER \
  "{\"format\": \"standpoint-dataset\", \"version\": 1,\n" \
  " \"dataset\": {\"id\": \"test\", \"title\": \"Test\"},\n"

/* A small valid dataset; tests edit it with their own records. */
#define SOURCES \
  " \"sources\": [{\"id\": \"src\", \"title\": \"An article\", \"text\": \"He said: “unrealistic” – twice.\"}],\n"
#define ACTORS \
  " \"actors\": [{\"id\": \"us\", \"kind\": \"country\", \"name\": \"United States\"},\n" \
  "            {\"id\": \"pete\", \"kind\": \"person\", \"name\": \"Pete\", \"country\": \"us\"}],\n"
#define TOPICS \
  " \"topics\": [{\"id\": \"nato\", \"label\": \"NATO\", \"proposition\": \"Ukraine should join NATO\"}],\n"
#define STATEMENT(id, stance) \
  "{\"id\": \"" id "\", \"speaker\": \"pete\", \"topic\": \"nato\", \"stance\": \"" stance "\"," \
  " \"quote\": \"unrealistic\", \"said\": \"2025-02-12\", \"source\": \"src\", \"offsets\": [10, 21]}"

/* Imports @contents; returns the importer for its counts and problems. */
static SpImporter *
import_text (SpTestLibrary  *fixture,
             const char     *contents,
             GError        **error)
{
  g_autofree char *path = sp_test_write_file (fixture->dir, "input.json", contents);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SpImporter *importer = sp_importer_new (fixture->library, file);

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

      /* Without the "F:" or "F: " that stands for the file. */
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

static void
test_bundled (SpTestLibrary *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (sp_test_bundled_dataset ());
  g_autoptr(SpImporter) first = sp_importer_new (fixture->library, file);
  g_autoptr(SpImporter) second = sp_importer_new (fixture->library, file);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 records;

  g_assert_true (sp_importer_run (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_importer_get_dataset_id (first), ==, "ukraine-contact-group-2025-02");
  g_assert_cmpstr (sp_importer_get_dataset_title (first), ==,
                   "The US and the UK in the Ukraine Defense Contact Group, February 2025");
  g_assert_cmpfloat (sp_importer_get_fraction (first), ==, 1.0);

  records = sp_test_query_int (fixture->library,
                               "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM actors)"
                               " + (SELECT count(*) FROM offices) + (SELECT count(*) FROM topics)"
                               " + (SELECT count(*) FROM events) + (SELECT count(*) FROM statements)");
  g_assert_cmpint (records, >, 40);
  assert_counts (first, records, 0, 0, 0);

  /* Every statement carries a quote or a paraphrase and a source. */
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM statements WHERE source_id IS NULL"
                                      " OR (quote IS NULL AND paraphrase IS NULL)"), ==, 0);

  /* The same file again changes nothing at all. */
  before = sp_test_library_fingerprint (fixture->library);
  g_assert_true (sp_importer_run (second, NULL, &error));
  g_assert_no_error (error);
  assert_counts (second, 0, 0, records, 0);
  after = sp_test_library_fingerprint (fixture->library);
  g_assert_cmpstr (before, ==, after);
}

static void
test_update (SpTestLibrary *fixture,
             gconstpointer  data)
{
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stance = NULL;

  first = import_text (fixture,
                       HEADER SOURCES ACTORS TOPICS
                       " \"statements\": [" STATEMENT ("s1", "oppose") ", " STATEMENT ("s2", "oppose") "]}",
                       &error);
  g_assert_no_error (error);
  assert_counts (first, 6, 0, 0, 0);

  /* s1 changes; s2 is left out, which does not remove it. */
  second = import_text (fixture,
                        HEADER SOURCES ACTORS TOPICS
                        " \"statements\": [" STATEMENT ("s1", "mixed") "]}",
                        &error);
  g_assert_no_error (error);
  assert_counts (second, 0, 1, 4, 0);

  stance = sp_test_query_text (fixture->library, "SELECT stance FROM statements WHERE id = 's1'");
  g_assert_cmpstr (stance, ==, "4");
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM statements"), ==, 2);
}

static void
test_search_index (SpTestLibrary *fixture,
                   gconstpointer  data)
{
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(GError) error = NULL;

  first = import_text (fixture,
                       HEADER SOURCES ACTORS TOPICS
                       " \"statements\": [" STATEMENT ("s1", "oppose") "]}",
                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'unrealistic'"),
                   ==, 1);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'twice'"),
                   ==, 1);

  second = import_text (fixture,
                        HEADER SOURCES ACTORS TOPICS
                        " \"statements\": [{\"id\": \"s1\", \"speaker\": \"pete\", \"topic\": \"nato\","
                        " \"stance\": \"oppose\", \"paraphrase\": \"Membership is out of reach\","
                        " \"said\": \"2025-02\", \"source\": \"src\"}]}",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'unrealistic'"),
                   ==, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'reach'"),
                   ==, 1);
}

static void
test_dates_stored (SpTestLibrary *fixture,
                   gconstpointer  data)
{
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  importer = import_text (fixture,
                          HEADER SOURCES ACTORS TOPICS
                          " \"statements\": [{\"id\": \"s1\", \"speaker\": \"pete\", \"topic\": \"nato\","
                          " \"stance\": \"oppose\", \"paraphrase\": \"p\", \"said\": \"2025-02\", \"source\": \"src\"}]}",
                          &error);
  g_assert_no_error (error);

  /* "Feb 2025" is stored as the whole month, never as its first day. */
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT said_lo FROM statements"), ==, 1738368000);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT said_hi FROM statements"), ==, 1740787200);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT said_precision FROM statements"), ==, 2);
}

static void
test_forward_references (SpTestLibrary *fixture,
                         gconstpointer  data)
{
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  importer = import_text (fixture,
                          HEADER
                          " \"statements\": [" STATEMENT ("s1", "oppose") "],\n"
                          TOPICS ACTORS
                          " \"sources\": [{\"id\": \"src\", \"title\": \"An article\", \"text\": \"He said: “unrealistic” – twice.\"}]}",
                          &error);
  g_assert_no_error (error);
  assert_counts (importer, 5, 0, 0, 0);
}

static void
test_events_and_offices (SpTestLibrary *fixture,
                         gconstpointer  data)
{
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(GError) error = NULL;

  first = import_text (fixture,
                       HEADER SOURCES ACTORS
                       " \"offices\": [{\"id\": \"o1\", \"holder\": \"pete\", \"title\": \"Secretary\","
                       "  \"of\": \"us\", \"start\": \"2025-01-25\", \"sources\": [\"src\"]}],\n"
                       " \"events\": [{\"id\": \"e1\", \"title\": \"Meeting\", \"start\": \"2025-02-12\","
                       "  \"end\": \"2025-02-13\", \"participants\": [{\"actor\": \"pete\", \"role\": \"chair\"},"
                       "  {\"actor\": \"us\", \"role\": \"host\"}], \"sources\": [\"src\"]}]}",
                       &error);
  g_assert_no_error (error);
  assert_counts (first, 5, 0, 0, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM event_participants"), ==, 2);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM event_sources"), ==, 1);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM office_sources"), ==, 1);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT end_lo IS NULL FROM offices"), ==, 1);

  /* A one-day event given as "date"; a participant dropped. */
  second = import_text (fixture,
                        HEADER SOURCES ACTORS
                        " \"events\": [{\"id\": \"e1\", \"title\": \"Meeting\", \"date\": \"2025-02-12\","
                        "  \"participants\": [{\"actor\": \"pete\", \"role\": \"chair\"}]}]}",
                        &error);
  g_assert_no_error (error);
  assert_counts (second, 0, 1, 3, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM event_participants"), ==, 1);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM event_sources"), ==, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT start_hi - start_lo FROM events"), ==, 86400);
}

static void
test_retraction (SpTestLibrary *fixture,
                 gconstpointer  data)
{
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(GError) error = NULL;

  first = import_text (fixture,
                       HEADER SOURCES ACTORS TOPICS
                       " \"statements\": [" STATEMENT ("s1", "oppose") ", " STATEMENT ("s2", "oppose") "]}",
                       &error);
  g_assert_no_error (error);

  second = import_text (fixture,
                        HEADER SOURCES ACTORS TOPICS
                        " \"statements\": [" STATEMENT ("s1", "oppose") ","
                        " {\"id\": \"s2\", \"retracted\": true, \"reason\": \"misattributed\"},"
                        " {\"id\": \"never-imported\", \"retracted\": true}]}",
                        &error);
  g_assert_no_error (error);
  assert_counts (second, 0, 0, 5, 1);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM statements WHERE id = 's2'"), ==, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM provenance WHERE record_id = 's2'"), ==, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library,
                                      "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'unrealistic'"),
                   ==, 1);
}

static void
test_retraction_still_referenced (SpTestLibrary *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *problems = NULL;

  first = import_text (fixture,
                       HEADER SOURCES ACTORS TOPICS
                       " \"statements\": [" STATEMENT ("s1", "oppose") "]}",
                       &error);
  g_assert_no_error (error);
  before = sp_test_library_fingerprint (fixture->library);

  /* The topic goes while statement s1, already in the library, still
   * needs it. */
  second = import_text (fixture,
                        HEADER " \"topics\": [{\"id\": \"nato\", \"retracted\": true}]}",
                        &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_INVALID);
  problems = problems_text (second);
  g_assert_cmpstr (problems, ==,
                   "a retraction would leave records in table \"statements\" referring to a "
                   "missing record of table \"topics\"\n");
  after = sp_test_library_fingerprint (fixture->library);
  g_assert_cmpstr (before, ==, after);
}

static void
test_remove (SpTestLibrary *fixture,
             gconstpointer  data)
{
  g_autoptr(SpImporter) first = NULL;
  g_autoptr(SpImporter) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) datasets = NULL;

  first = import_text (fixture,
                       HEADER SOURCES ACTORS TOPICS
                       " \"statements\": [" STATEMENT ("s1", "oppose") "]}",
                       &error);
  g_assert_no_error (error);

  /* Another dataset brings the same source and actors, and its own topic. */
  second = import_text (fixture,
                        "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
                        " \"dataset\": {\"id\": \"other\", \"title\": \"Other\"},\n"
                        SOURCES ACTORS
                        " \"topics\": [{\"id\": \"aid\", \"label\": \"Aid\", \"proposition\": \"Send aid\"}]}",
                        &error);
  g_assert_no_error (error);
  assert_counts (second, 1, 0, 3, 0);

  datasets = sp_library_list_datasets (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (datasets->len, ==, 2);
  g_clear_pointer (&datasets, g_ptr_array_unref);

  g_assert_true (sp_library_remove_dataset (fixture->library, "test", &error));
  g_assert_no_error (error);

  /* What only "test" brought is gone; what "other" brought too stays. */
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM statements"), ==, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM topics WHERE id = 'nato'"), ==, 0);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM topics WHERE id = 'aid'"), ==, 1);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM actors"), ==, 2);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM sources"), ==, 1);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'unrealistic'"), ==, 0);

  datasets = sp_library_list_datasets (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (datasets->len, ==, 1);
  g_assert_cmpstr (((SpDatasetInfo *)datasets->pdata[0])->id, ==, "other");
  g_assert_cmpuint (((SpDatasetInfo *)datasets->pdata[0])->counts[SP_RECORD_ACTOR], ==, 2);

  g_assert_false (sp_library_remove_dataset (fixture->library, "test", &error));
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no dataset “test” in the library");
}

/* One case per class of bad input: the exact problems, and the library as
 * it was. */
typedef struct {
  const char *name;
  const char *input;
  const char *problems;
} BadCase;

static const BadCase bad_cases[] = {
  { "syntax", HEADER " \"sources\": [],}", "3:15: trailing comma is not allowed\n" },
  { "empty", "", "1:1: empty document\n" },
  { "not-object", "[1, 2]", "1:1: not a Standpoint dataset: a dataset is a JSON object\n" },
  { "not-dataset", "{\"name\": \"x\"}",
    "1:2: not a Standpoint dataset: the first member must be \"format\": \"standpoint-dataset\"\n" },
  { "wrong-format", "{\"format\": \"other\"}",
    "1:12: format: not a Standpoint dataset: the format must be \"standpoint-dataset\"\n" },
  { "version", "{\"format\": \"standpoint-dataset\", \"version\": 2, \"dataset\": {}}",
    "1:45: version: unsupported format version 2 (this version of Standpoint reads version 1)\n" },
  { "header-order", "{\"format\": \"standpoint-dataset\", \"dataset\": {}, \"version\": 1}",
    "1:34: expected member \"version\" here: \"format\", \"version\" and \"dataset\" come first, in this order\n" },
  { "missing-field", HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"T\"}]}",
    "3:13: topics[0]: missing member \"proposition\"\n" },
  { "mistyped-field", HEADER " \"topics\": [{\"id\": \"t\", \"label\": 5, \"proposition\": \"P\"}]}",
    "3:34: topics[0].label: expected a string, found a number\n" },
  { "unknown-member", HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\", \"lable\": \"T\"}]}",
    "3:68: topics[0].lable: unknown member \"lable\"\n" },
  { "unknown-top-member", HEADER " \"claims\": []}", "3:2: claims: unknown member \"claims\"\n" },
  { "unknown-reference",
    HEADER SOURCES ACTORS TOPICS
    " \"statements\": [{\"id\": \"s\", \"speaker\": \"hegsth\", \"topic\": \"nato\", \"stance\": \"oppose\","
    " \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"}]}",
    "7:40: statements[0].speaker: unknown actor \"hegsth\"\n" },
  { "reference-kind",
    HEADER ACTORS
    " \"offices\": [{\"id\": \"o\", \"holder\": \"us\", \"title\": \"T\", \"of\": \"pete\", \"start\": \"2025\"}]}",
    "5:36: offices[0].holder: actor \"us\" is a country, expected a person\n"
    "5:62: offices[0].of: actor \"pete\" is a person, expected a country or organization\n" },
  { "stance",
    HEADER SOURCES ACTORS TOPICS " \"statements\": [" STATEMENT ("s", "maybe") "]}",
    "7:75: statements[0].stance: unknown value \"maybe\", expected one of: support, oppose, neutral, mixed, unclear\n" },
  { "date",
    HEADER ACTORS
    " \"offices\": [{\"id\": \"o\", \"holder\": \"pete\", \"title\": \"T\", \"of\": \"us\", \"start\": \"2025-02-30\"}]}",
    "5:79: offices[0].start: invalid date \"2025-02-30\": day 30 does not exist in February 2025\n" },
  { "span",
    HEADER ACTORS
    " \"offices\": [{\"id\": \"o\", \"holder\": \"pete\", \"title\": \"T\", \"of\": \"us\", \"start\": \"2025\","
    " \"end\": \"2024-12\"}]}",
    "5:94: offices[0].end: ends (2024-12) before it starts (2025)\n" },
  { "duplicate-id",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\"},"
    " {\"id\": \"t\", \"label\": \"U\", \"proposition\": \"Q\"}]}",
    "3:67: topics[1].id: duplicate id \"t\" (first used on line 3)\n" },
  { "duplicate-member",
    HEADER " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"label\": \"U\", \"proposition\": \"P\"}]}",
    "3:39: topics[0].label: duplicate member \"label\" in object\n" },
  { "offsets",
    HEADER SOURCES ACTORS TOPICS
    " \"statements\": [{\"id\": \"s\", \"speaker\": \"pete\", \"topic\": \"nato\", \"stance\": \"oppose\","
    " \"quote\": \"unrealistic\", \"said\": \"2025\", \"source\": \"src\", \"offsets\": [9, 20]}]}",
    "7:153: statements[0].offsets: the text of source \"src\" between these offsets is not the quote\n" },
  { "no-quote",
    HEADER SOURCES ACTORS TOPICS
    " \"statements\": [{\"id\": \"s\", \"speaker\": \"pete\", \"topic\": \"nato\", \"stance\": \"oppose\","
    " \"said\": \"2025\", \"source\": \"src\"}]}",
    "7:17: statements[0]: a statement needs a \"quote\" or a \"paraphrase\"\n" },
  { "event-date",
    HEADER " \"events\": [{\"id\": \"e\", \"title\": \"E\", \"date\": \"2025\", \"start\": \"2025\"}]}",
    "3:47: events[0].date: give either \"date\" or \"start\" and \"end\", not both\n" },
  { "retraction",
    HEADER " \"topics\": [{\"id\": \"t\", \"retracted\": \"yes\", \"label\": \"T\"}]}",
    "3:38: topics[0].retracted: must be true; leave it out for a record that is not retracted\n"
    "3:54: topics[0].label: a retraction has only \"id\", \"retracted\" and \"reason\", found \"label\"\n" },
  { "big-integer", HEADER " \"statements\": [{\"offsets\": [0, 9223372036854775808]}]}",
    "3:33: statements[0].offsets[1]: integer out of range\n" },
  { "nul-escape", HEADER " \"topics\": [{\"id\": \"a\\u0000b\"}]}",
    "3:22: topics[0].id: \\u0000 is not allowed in strings\n" },
  { "deep", HEADER " \"topics\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    "3:75: nesting deeper than 64 levels\n" },
};

static void
test_bad_input (SpTestLibrary *fixture,
                gconstpointer  data)
{
  const BadCase *bad = data;
  g_autoptr(SpImporter) good = NULL;
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *problems = NULL;

  good = import_text (fixture,
                      HEADER SOURCES ACTORS TOPICS " \"statements\": [" STATEMENT ("s1", "oppose") "]}",
                      &error);
  g_assert_no_error (error);
  before = sp_test_library_fingerprint (fixture->library);

  importer = import_text (fixture, bad->input, &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_INVALID);
  problems = problems_text (importer);
  g_assert_cmpstr (problems, ==, bad->problems);
  assert_counts (importer, 0, 0, 0, 0);

  after = sp_test_library_fingerprint (fixture->library);
  g_assert_cmpstr (before, ==, after);
}

static void
test_problem_cap (SpTestLibrary *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) input = g_string_new (HEADER " \"topics\": [");
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (input, "%s{\"id\": \"t%u\"}", i ? ", " : "", i);
  g_string_append (input, "]}");

  importer = import_text (fixture, input->str, &error);
  g_assert_error (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_INVALID);
  problems = sp_importer_get_problems (importer);
  g_assert_cmpuint (problems->len, ==, SP_IMPORT_MAX_PROBLEMS + 1);
  g_assert_cmpstr (((SpProblem *)problems->pdata[SP_IMPORT_MAX_PROBLEMS])->message, ==,
                   "too many problems, stopped after 100");
}

/* A write that fails half way through the file rolls everything back. */
static void
test_failure_half_way (SpTestLibrary *fixture,
                       gconstpointer  data)
{
  g_autoptr(SpImporter) good = NULL;
  g_autoptr(SpImporter) failing = NULL;
  g_autoptr(SpImporter) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) input = g_string_new (HEADER SOURCES ACTORS TOPICS " \"statements\": [");

  good = import_text (fixture, HEADER SOURCES ACTORS TOPICS " \"statements\": [" STATEMENT ("s1", "oppose") "]}", &error);
  g_assert_no_error (error);
  before = sp_test_library_fingerprint (fixture->library);

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (input, "%s{\"id\": \"n%u\", \"speaker\": \"pete\", \"topic\": \"nato\","
                            " \"stance\": \"support\", \"paraphrase\": \"p%u\", \"said\": \"2025\","
                            " \"source\": \"src\"}", i ? ", " : "", i, i);
  g_string_append (input, "]}");

  g_assert_true (sp_library_exec (fixture->library,
                                  "CREATE TEMP TRIGGER fail_half_way BEFORE INSERT ON main.statements"
                                  " WHEN new.id = 'n100' BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                                  &error));
  g_assert_no_error (error);

  failing = import_text (fixture, input->str, &error);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "disk on fire"));
  assert_counts (failing, 0, 0, 0, 0);
  g_clear_error (&error);

  after = sp_test_library_fingerprint (fixture->library);
  g_assert_cmpstr (before, ==, after);

  /* The library works as before once the fault is gone. */
  g_assert_true (sp_library_exec (fixture->library, "DROP TRIGGER fail_half_way", &error));
  again = import_text (fixture, input->str, &error);
  g_assert_no_error (error);
  assert_counts (again, 200, 0, 4, 0);
}

static void
cancel_when_started (SpImporter   *importer,
                     GParamSpec   *pspec,
                     GCancellable *cancellable)
{
  if (sp_importer_get_fraction (importer) > 0.2)
    g_cancellable_cancel (cancellable);
}

static char *
big_input (guint n_statements)
{
  GString *input = g_string_new (HEADER SOURCES ACTORS TOPICS " \"statements\": [");

  for (guint i = 0; i < n_statements; i++)
    g_string_append_printf (input, "%s\n{\"id\": \"n%u\", \"speaker\": \"pete\", \"topic\": \"nato\","
                            " \"stance\": \"support\", \"paraphrase\": \"A paraphrase long enough to"
                            " make the file span many blocks of the reader, number %u\","
                            " \"said\": \"2025-02-%02u\", \"source\": \"src\"}",
                            i ? "," : "", i, i, i % 28 + 1);
  g_string_append (input, "]}");

  return g_string_free (input, FALSE);
}

static void
test_cancel (SpTestLibrary *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *input = big_input (20000);
  g_autofree char *path = sp_test_write_file (fixture->dir, "big.json", input);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = sp_importer_new (fixture->library, file);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sp_test_library_fingerprint (fixture->library);
  g_autofree char *after = NULL;

  g_signal_connect (importer, "notify::fraction", G_CALLBACK (cancel_when_started), cancellable);
  g_assert_false (sp_importer_run (importer, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (sp_importer_get_fraction (importer), <, 1.0);

  after = sp_test_library_fingerprint (fixture->library);
  g_assert_cmpstr (before, ==, after);
}

static void
count_notifications (SpImporter *importer,
                     GParamSpec *pspec,
                     guint      *count)
{
  /* Progress reaches the thread that started the import. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*count)++;
}

static void
async_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  sp_importer_run_finish (SP_IMPORTER (object), result, error);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static void
test_async (SpTestLibrary *fixture,
            gconstpointer  data)
{
  g_autofree char *input = big_input (5000);
  g_autofree char *path = sp_test_write_file (fixture->dir, "big.json", input);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = sp_importer_new (fixture->library, file);
  g_autoptr(GError) error = NULL;
  guint notifications = 0;

  g_signal_connect (importer, "notify::fraction", G_CALLBACK (count_notifications), &notifications);
  sp_importer_run_async (importer, NULL, async_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_assert_cmpuint (notifications, >, 10);
  g_assert_cmpfloat (sp_importer_get_fraction (importer), ==, 1.0);
  assert_counts (importer, 5004, 0, 0, 0);

  /* The window's own connection sees the committed import. */
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM statements"), ==, 5000);
}

static void
test_text_round_trip (SpTestLibrary *fixture,
                      gconstpointer  data)
{
  static const char *id = "'; DROP TABLE statements; -- \"q\" 🇺🇦 שלום Привіт";
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  importer = import_text (fixture,
                          HEADER " \"topics\": [{\"id\": \"'; DROP TABLE statements; -- \\\"q\\\" 🇺🇦 שלום Привіт\","
                          " \"label\": \"SELECT * FROM topics;\", \"proposition\": \"P\"}]}",
                          &error);
  g_assert_no_error (error);
  stored = sp_test_query_text (fixture->library, "SELECT id FROM topics");
  g_assert_cmpstr (stored, ==, id);
  g_assert_cmpint (sp_test_query_int (fixture->library, "SELECT count(*) FROM statements"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/importer/" path, SpTestLibrary, NULL, \
              sp_test_library_set_up, func, sp_test_library_tear_down)

  ADD ("bundled", test_bundled);
  ADD ("update", test_update);
  ADD ("search-index", test_search_index);
  ADD ("dates-stored", test_dates_stored);
  ADD ("forward-references", test_forward_references);
  ADD ("events-and-offices", test_events_and_offices);
  ADD ("retraction", test_retraction);
  ADD ("retraction-still-referenced", test_retraction_still_referenced);
  ADD ("remove", test_remove);
  ADD ("problem-cap", test_problem_cap);
  ADD ("failure-half-way", test_failure_half_way);
  ADD ("cancel", test_cancel);
  ADD ("async", test_async);
  ADD ("text-round-trip", test_text_round_trip);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/importer/bad/%s", bad_cases[i].name);

      g_test_add (path, SpTestLibrary, &bad_cases[i],
                  sp_test_library_set_up, test_bad_input, sp_test_library_tear_down);
    }

  return g_test_run ();
}
