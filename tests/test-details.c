#include "config.h"

#include <string.h>

#include "sp-details.h"
#include "sp-library.h"
#include "sp-test-util.h"

static void
import_text (SpTestLibrary *fixture,
             const char    *contents)
{
  g_autofree char *path = sp_test_write_file (fixture->dir, "input.json", contents);

  sp_test_import (fixture->library, path);
}

static gint64
find_pk (SpTestLibrary *fixture,
         const char    *table,
         const char    *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pk FROM %s WHERE id = '%s'", table, id);

  return sp_test_query_int (fixture->library, sql);
}

static SpDetails *
load_statement (SpTestLibrary *fixture,
                const char    *id)
{
  g_autoptr(GError) error = NULL;
  SpDetails *details;

  details = sp_details_load (fixture->library, SP_ITEM_STATEMENT,
                             find_pk (fixture, "statements", id), &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  g_assert_cmpstr (details->id, ==, id);

  return details;
}

static SpDetails *
load_event (SpTestLibrary *fixture,
            const char    *id)
{
  g_autoptr(GError) error = NULL;
  SpDetails *details;

  details = sp_details_load (fixture->library, SP_ITEM_EVENT,
                             find_pk (fixture, "events", id), &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  g_assert_cmpstr (details->id, ==, id);

  return details;
}

/* "pk speaker stance said text" per row, one row a line. */
static char *
rows_text (SpTestLibrary *fixture,
           GPtrArray     *rows)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      SpDetailsStatement *row = rows->pdata[i];
      g_autofree char *id = NULL;
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("SELECT id FROM statements WHERE pk = %" G_GINT64_FORMAT, row->pk);
      id = sp_test_query_text (fixture->library, sql);
      g_string_append_printf (text, "%s|%s|%s|%s|%s|%s\n", id, row->speaker, row->topic,
                              sp_stance_to_string (row->stance), row->said, row->text);
    }

  return g_string_free (text, FALSE);
}

static void
test_bundled_statement (SpTestLibrary *fixture,
                        gconstpointer  data)
{
  g_autoptr(SpDetails) details = NULL;
  g_autofree char *nearby = NULL;
  g_autofree char *description = NULL;
  SpDetailsSource *source;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  details = load_statement (fixture, "st-hegseth-nato-unrealistic");

  g_assert_cmpint (details->kind, ==, SP_ITEM_STATEMENT);
  g_assert_cmpint (details->pk, ==, find_pk (fixture, "statements", "st-hegseth-nato-unrealistic"));
  g_assert_cmpstr (details->title, ==, "Ukraine’s NATO membership");
  g_assert_cmpstr (details->proposition, ==, "Ukraine can realistically become a member of NATO");
  g_assert_cmpint (details->stance, ==, SP_STANCE_OPPOSE);
  g_assert_null (details->quantity);
  g_assert_cmpstr (details->quote, ==, "unrealistic");
  g_assert_cmpstr (details->paraphrase, ==,
                   "Said it is “unrealistic” for Ukraine to join NATO while it is embroiled "
                   "in its ongoing conflict with Russia.");
  g_assert_cmpstr (details->date, ==, "12 Feb 2025");
  g_assert_cmpstr (details->speaker, ==, "Pete Hegseth");
  g_assert_cmpint (details->speaker_kind, ==, SP_ACTOR_PERSON);
  g_assert_cmpstr (details->speaker_country, ==, "United States");
  g_assert_cmpstr (details->office, ==, "Secretary of Defense, United States");

  g_assert_cmpuint (details->sources->len, ==, 1);
  source = details->sources->pdata[0];
  g_assert_cmpstr (source->title, ==,
                   "Hegseth calls Ukraine’s NATO membership “unrealistic” as the UK chairs the "
                   "Ukraine Defense Contact Group [descriptive title; the original headline is not known]");
  g_assert_null (source->publisher);
  g_assert_cmpstr (source->published, ==, "Feb 2025");
  g_assert_null (source->url);

  /* The passage opens the article; its paragraph ends at a line break. */
  g_assert_cmpstr (details->context_before, ==,
                   "U.S. Secretary of Defense Pete Hegseth made waves on Wednesday with a candid "
                   "statement about the future of Ukraine’s NATO membership, saying it’s “");
  g_assert_cmpstr (details->context_passage, ==, "unrealistic");
  g_assert_cmpstr (details->context_after, ==,
                   "” for the country to join the alliance while embroiled in its ongoing "
                   "conflict with Russia.");

  g_assert_cmpint (details->event_pk, ==, find_pk (fixture, "events", "contact-group-meeting-2025-02-12"));
  g_assert_cmpstr (details->event_title, ==, "Ukraine Defense Contact Group meeting chaired by the United Kingdom");

  g_assert_cmpuint (details->datasets->len, ==, 1);
  g_assert_cmpstr (details->datasets->pdata[0], ==,
                   "The US and the UK in the Ukraine Defense Contact Group, February 2025");

  /* The others on the topic: "Feb 2025" starts before 12 Feb. */
  nearby = rows_text (fixture, details->nearby);
  g_assert_cmpstr (nearby, ==,
                   "st-european-officials-nato-membership|Unnamed European officials|Ukraine’s NATO membership|"
                   "oppose|Feb 2025|Quietly share the view that full NATO membership for Ukraine may not be "
                   "realistic, given Russia’s opposition, while NATO members remain…\n"
                   "st-hegseth-nato-not-in-settlement|Pete Hegseth|Ukraine’s NATO membership|oppose|12 Feb 2025|"
                   "Stated firmly that NATO membership for Ukraine is not on the table as part of any potential "
                   "settlement with Russia.\n");

  g_assert_null (details->description);
  g_assert_null (details->location);
  g_assert_cmpuint (details->participants->len, ==, 0);
  g_assert_cmpuint (details->statements->len, ==, 0);

  description = sp_details_describe (details);
  g_assert_cmpstr (description, ==,
                   "Pete Hegseth, Secretary of Defense, United States, opposes “Ukraine can realistically "
                   "become a member of NATO” on 12 Feb 2025: “unrealistic”. Source: Hegseth calls Ukraine’s "
                   "NATO membership “unrealistic” as the UK chairs the Ukraine Defense Contact Group "
                   "[descriptive title; the original headline is not known], Feb 2025.");
}

static void
test_bundled_others (SpTestLibrary *fixture,
                     gconstpointer  data)
{
  g_autoptr(SpDetails) five = NULL;
  g_autoptr(SpDetails) miller = NULL;
  g_autoptr(SpDetails) rutte = NULL;
  g_autoptr(SpDetails) officials = NULL;
  g_autofree char *description = NULL;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  five = load_statement (fixture, "st-hegseth-five-percent");
  g_assert_cmpstr (five->quantity, ==, "5\u00a0% of GDP");
  g_assert_null (five->quote);
  g_assert_null (five->context_passage);
  g_assert_null (five->context_before);
  g_assert_null (five->context_after);

  /* His term ended on 20 Jan 2025, before "Feb 2025" began. */
  miller = load_statement (fixture, "st-miller-surrender-of-leverage");
  g_assert_null (miller->office);
  g_assert_cmpstr (miller->speaker_country, ==, "United States");
  g_assert_null (miller->event_title);
  g_assert_cmpint (miller->event_pk, ==, 0);
  g_assert_cmpstr (miller->context_passage, ==, "surrender");
  g_assert_cmpstr (miller->context_before, ==,
                   "…collective defense stance and embolden Russia. Meanwhile, former Biden administration "
                   "officials also criticized the shift, with former State Department spokesman Matthew "
                   "Miller calling the move a “");
  description = sp_details_describe (miller);
  g_assert_cmpstr (description, ==,
                   "Matthew Miller opposes “The US approach to Ukraine and European security set out by "
                   "the Trump administration in February 2025 is the right course” on Feb 2025: “surrender”. "
                   "Source: Hegseth calls Ukraine’s NATO membership “unrealistic” as the UK chairs the "
                   "Ukraine Defense Contact Group [descriptive title; the original headline is not known], "
                   "Feb 2025.");

  rutte = load_statement (fixture, "st-rutte-allies-contribute-more");
  g_assert_cmpstr (rutte->office, ==, "Secretary General, NATO");
  g_assert_null (rutte->speaker_country);

  officials = load_statement (fixture, "st-european-officials-nato-membership");
  g_assert_cmpint (officials->speaker_kind, ==, SP_ACTOR_ORGANIZATION);
  g_assert_null (officials->office);
  g_assert_null (officials->speaker_country);
}

static void
test_bundled_event (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpDetails) details = NULL;
  g_autoptr(GString) participants = g_string_new (NULL);
  g_autofree char *statements = NULL;
  g_autofree char *description = NULL;
  SpDetailsSource *source;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  details = load_event (fixture, "contact-group-meeting-2025-02-12");

  g_assert_cmpint (details->kind, ==, SP_ITEM_EVENT);
  g_assert_cmpstr (details->title, ==, "Ukraine Defense Contact Group meeting chaired by the United Kingdom");
  g_assert_true (g_str_has_prefix (details->description, "The 26th meeting of the group"));
  g_assert_cmpstr (details->location, ==, "NATO headquarters, Brussels, Belgium");
  g_assert_cmpstr (details->date, ==, "12 Feb 2025");
  g_assert_null (details->proposition);
  g_assert_null (details->speaker);
  g_assert_cmpuint (details->nearby->len, ==, 0);

  for (guint i = 0; i < details->participants->len; i++)
    {
      SpDetailsParticipant *participant = details->participants->pdata[i];

      g_string_append_printf (participants, "%s (%s, %s)\n", participant->name,
                              sp_role_get_label (participant->role),
                              sp_actor_kind_to_string (participant->kind));
    }
  g_assert_cmpstr (participants->str, ==,
                   "John Healey (Chair, person)\n"
                   "Pete Hegseth (Attendee, person)\n"
                   "Rustem Umerov (Attendee, person)\n");

  /* Dated sources first. */
  g_assert_cmpuint (details->sources->len, ==, 2);
  source = details->sources->pdata[0];
  g_assert_true (g_str_has_prefix (source->title, "Hegseth calls"));
  g_assert_null (source->url);
  source = details->sources->pdata[1];
  g_assert_cmpstr (source->title, ==, "Ukraine Defense Contact Group");
  g_assert_cmpstr (source->publisher, ==, "Wikipedia");
  g_assert_null (source->published);
  g_assert_cmpstr (source->url, ==, "https://en.wikipedia.org/wiki/Ukraine_Defense_Contact_Group");

  /* All on the same day, so in the order of their rows. */
  statements = rows_text (fixture, details->statements);
  g_assert_cmpstr (statements, ==,
                   "st-hegseth-nato-unrealistic|Pete Hegseth|Ukraine’s NATO membership|oppose|12 Feb 2025|“unrealistic”\n"
                   "st-hegseth-nato-not-in-settlement|Pete Hegseth|Ukraine’s NATO membership|oppose|12 Feb 2025|"
                   "Stated firmly that NATO membership for Ukraine is not on the table as part of any potential "
                   "settlement with Russia.\n"
                   "st-hegseth-europe-step-up|Pete Hegseth|Europe’s share of the defence burden|support|12 Feb 2025|"
                   "“We hear your concerns about stepping up for Ukraine, and we hear your concerns about stepping "
                   "up for European security”\n"
                   "st-hegseth-imbalanced-relationship|Pete Hegseth|Europe’s share of the defence burden|support|"
                   "12 Feb 2025|“tolerate an imbalanced relationship”\n"
                   "st-hegseth-five-percent|Pete Hegseth|Defence spending target|support|12 Feb 2025|Said NATO "
                   "members must step up and suggested that each should aim for defence spending of 5% of its "
                   "GDP, a sharp increase from the current…\n"
                   "st-hegseth-no-stockpile-aid|Pete Hegseth|New US military aid from US stockpiles|oppose|"
                   "12 Feb 2025|Indicated that the US would not contribute additional military resources to "
                   "Ukraine from its own stockpiles, leaving the future of that…\n"
                   "st-hegseth-approved-packages-continue|Pete Hegseth|Previously approved US aid packages|"
                   "support|12 Feb 2025|Previously approved US aid packages will continue, though no new "
                   "commitments were announced (reported by the article together with Hegseth’s…\n"
                   "st-hegseth-pre-2014-borders|Pete Hegseth|Ukraine’s pre-2014 borders|oppose|12 Feb 2025|"
                   "Dismissed the idea of Ukraine reclaiming its pre-2014 borders.\n"
                   "st-healey-uk-takes-lead|John Healey|Leadership of the Ukraine Defense Contact Group|support|"
                   "12 Feb 2025|Chaired the meeting of the Ukraine Defense Contact Group, a position "
                   "traditionally held by the US, as the UK assumed a more prominent role…\n");
  g_assert_cmpuint (details->n_more_statements, ==, 0);

  g_assert_cmpuint (details->datasets->len, ==, 1);

  description = sp_details_describe (details);
  g_assert_cmpstr (description, ==,
                   "Ukraine Defense Contact Group meeting chaired by the United Kingdom, 12 Feb 2025, "
                   "NATO headquarters, Brussels, Belgium. Participants: John Healey (Chair), "
                   "Pete Hegseth (Attendee), Rustem Umerov (Attendee). Source: Hegseth calls Ukraine’s "
                   "NATO membership “unrealistic” as the UK chairs the Ukraine Defense Contact Group "
                   "[descriptive title; the original headline is not known], Feb 2025. "
                   "Source: Ukraine Defense Contact Group, Wikipedia.");
}

#define HEADER \
  "{\"format\": \"standpoint-dataset\", \"version\": 1,\n" \
  " \"dataset\": {\"id\": \"craft\", \"title\": \"Crafted\"},\n"

#define STATEMENT(id, speaker, topic, said) \
  "{\"id\": \"" id "\", \"speaker\": \"" speaker "\", \"topic\": \"" topic "\"," \
  " \"stance\": \"support\", \"paraphrase\": \"" id "\", \"said\": \"" said "\", \"source\": \"src\"}"

/* Ann was Minister of Finance, then Prime Minister; the two terms share
 * the day of the change.  Bob heads an organization. */
static const char offices_dataset[] =
  HEADER
  " \"sources\": [{\"id\": \"src\", \"title\": \"Src\"}],\n"
  " \"actors\": [{\"id\": \"freedonia\", \"kind\": \"country\", \"name\": \"Freedonia\"},\n"
  "  {\"id\": \"league\", \"kind\": \"organization\", \"name\": \"The League\"},\n"
  "  {\"id\": \"ann\", \"kind\": \"person\", \"name\": \"Ann\", \"country\": \"freedonia\"},\n"
  "  {\"id\": \"bob\", \"kind\": \"person\", \"name\": \"Bob\"}],\n"
  " \"offices\": [\n"
  "  {\"id\": \"ann-finance\", \"holder\": \"ann\", \"title\": \"Minister of Finance\", \"of\": \"freedonia\","
  "   \"start\": \"2010-03-15\", \"end\": \"2012-06-10\"},\n"
  "  {\"id\": \"ann-pm\", \"holder\": \"ann\", \"title\": \"Prime Minister\", \"of\": \"freedonia\","
  "   \"start\": \"2012-06-10\", \"end\": \"2014-01\"},\n"
  "  {\"id\": \"bob-sg\", \"holder\": \"bob\", \"title\": \"Secretary General\", \"of\": \"league\","
  "   \"start\": \"2020\"}],\n"
  " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\"}],\n"
  " \"statements\": [\n"
  STATEMENT ("before", "ann", "t", "2009-05-01") ",\n"
  STATEMENT ("start-year", "ann", "t", "2010") ",\n"
  STATEMENT ("day-before-start", "ann", "t", "2010-03-14") ",\n"
  STATEMENT ("first-day", "ann", "t", "2010-03-15") ",\n"
  STATEMENT ("during-first", "ann", "t", "2011-05-01") ",\n"
  STATEMENT ("last-finance-day", "ann", "t", "2012-06-09") ",\n"
  STATEMENT ("change-day", "ann", "t", "2012-06-10") ",\n"
  STATEMENT ("change-month", "ann", "t", "2012-06") ",\n"
  STATEMENT ("change-year", "ann", "t", "2012~") ",\n"
  STATEMENT ("during-second", "ann", "t", "2013-02-02T10:00Z") ",\n"
  STATEMENT ("end-month", "ann", "t", "2014-01-31") ",\n"
  STATEMENT ("after", "ann", "t", "2014-02-01") ",\n"
  STATEMENT ("much-later", "ann", "t", "2015") ",\n"
  STATEMENT ("bob-before", "bob", "t", "2019-12-31") ",\n"
  STATEMENT ("bob-first-month", "bob", "t", "2020-01") ",\n"
  STATEMENT ("bob-now", "bob", "t", "2025-02-12") "]}\n";

/* The office held on the date said: the term overlaps the statement's
 * span, the latest to start when two do. */
static void
test_office (SpTestLibrary *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *office;
  } cases[] = {
    { "before", NULL },
    /* "2010" overlaps the term that began in March. */
    { "start-year", "Minister of Finance, Freedonia" },
    { "day-before-start", NULL },
    { "first-day", "Minister of Finance, Freedonia" },
    { "during-first", "Minister of Finance, Freedonia" },
    { "last-finance-day", "Minister of Finance, Freedonia" },
    { "change-day", "Prime Minister, Freedonia" },
    { "change-month", "Prime Minister, Freedonia" },
    { "change-year", "Prime Minister, Freedonia" },
    { "during-second", "Prime Minister, Freedonia" },
    /* The term ends in "2014-01": through the month's last day. */
    { "end-month", "Prime Minister, Freedonia" },
    { "after", NULL },
    { "much-later", NULL },
    { "bob-before", NULL },
    { "bob-first-month", "Secretary General, The League" },
    { "bob-now", "Secretary General, The League" },
  };

  import_text (fixture, offices_dataset);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpDetails) details = load_statement (fixture, cases[i].id);

      g_test_message ("statement %s", cases[i].id);
      g_assert_cmpstr (details->office, ==, cases[i].office);
      g_assert_cmpstr (details->speaker_country, ==,
                       g_str_has_prefix (cases[i].id, "bob") ? NULL : "Freedonia");
    }
}

static const char dates_dataset[] =
  HEADER
  " \"sources\": [{\"id\": \"src\", \"title\": \"Src\", \"published\": \"2012-06-15T09:30Z\"},\n"
  "  {\"id\": \"src-year\", \"title\": \"Old\", \"published\": \"-0043?\", \"publisher\": \"Rome\","
  "   \"url\": \"https://example.org/old\"}],\n"
  " \"actors\": [{\"id\": \"ann\", \"kind\": \"person\", \"name\": \"Ann\"}],\n"
  " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\"}],\n"
  " \"events\": [{\"id\": \"span\", \"title\": \"Summit\", \"start\": \"2025-02-12\", \"end\": \"2025-02-14\","
  "   \"sources\": [\"src-year\", \"src\"]},\n"
  "  {\"id\": \"month-span\", \"title\": \"Talks\", \"start\": \"2025-02\", \"end\": \"2025-03~\"},\n"
  "  {\"id\": \"once\", \"title\": \"Call\", \"date\": \"2025-02-12T14:00+01:00\"}],\n"
  " \"statements\": [\n"
  STATEMENT ("month", "ann", "t", "2025-02") ",\n"
  STATEMENT ("approximate-year", "ann", "t", "2022~") ",\n"
  STATEMENT ("uncertain-day", "ann", "t", "2022-05-03?") ",\n"
  STATEMENT ("both", "ann", "t", "2022-05%") ",\n"
  STATEMENT ("minute", "ann", "t", "2025-02-12T14:00") ",\n"
  STATEMENT ("second-offset", "ann", "t", "2025-02-12T14:00:30-05:00") ",\n"
  STATEMENT ("bce", "ann", "t", "-0043-03-15") "]}\n";

static void
test_dates (SpTestLibrary *fixture,
            gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *date;
  } statements[] = {
    { "month", "Feb 2025" },
    { "approximate-year", "~2022" },
    { "uncertain-day", "3 May 2022?" },
    { "both", "~May 2022?" },
    { "minute", "12 Feb 2025 14:00" },
    { "second-offset", "12 Feb 2025 14:00:30 -05:00" },
    { "bce", "15 Mar 44 BCE" },
  };
  g_autoptr(SpDetails) span = NULL;
  g_autoptr(SpDetails) month_span = NULL;
  g_autoptr(SpDetails) once = NULL;
  g_autoptr(SpDetails) month = NULL;
  SpDetailsSource *source;

  import_text (fixture, dates_dataset);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(SpDetails) details = load_statement (fixture, statements[i].id);

      g_assert_cmpstr (details->date, ==, statements[i].date);
    }

  month = load_statement (fixture, "month");
  source = month->sources->pdata[0];
  g_assert_cmpstr (source->published, ==, "15 Jun 2012 09:30");

  span = load_event (fixture, "span");
  g_assert_cmpstr (span->date, ==, "12 Feb 2025 – 14 Feb 2025");
  g_assert_cmpuint (span->sources->len, ==, 2);
  source = span->sources->pdata[0];
  g_assert_cmpstr (source->title, ==, "Old");
  g_assert_cmpstr (source->published, ==, "44 BCE?");
  g_assert_cmpstr (source->publisher, ==, "Rome");
  g_assert_cmpstr (source->url, ==, "https://example.org/old");
  source = span->sources->pdata[1];
  g_assert_cmpstr (source->title, ==, "Src");
  g_assert_null (span->location);
  g_assert_null (span->description);
  g_assert_cmpuint (span->participants->len, ==, 0);

  month_span = load_event (fixture, "month-span");
  g_assert_cmpstr (month_span->date, ==, "Feb 2025 – ~Mar 2025");
  g_assert_cmpuint (month_span->sources->len, ==, 0);

  once = load_event (fixture, "once");
  g_assert_cmpstr (once->date, ==, "12 Feb 2025 14:00 +01:00");
}

/* Offsets count code points: the emoji and the curly quotation marks
 * before the passages are one each. */
#define CONTEXT_TEXT \
  "Opening: the “first” words came early.\\nLong paragraph 😀 starts here, one two three four five " \
  "six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen " \
  "nineteen twenty one two three four five six seven eight nine ten eleven twelve thirteen " \
  "fourteen fifteen sixteen seventeen eighteen nineteen twenty — “middle words” — twenty " \
  "nineteen eighteen seventeen sixteen fifteen fourteen thirteen twelve eleven ten nine eight " \
  "seven six five four three two one twenty nineteen eighteen seventeen sixteen fifteen fourteen " \
  "thirteen twelve eleven ten nine eight seven six five four three two one and ends.\\n\\nLast " \
  "line: the end"

#define QUOTED(id, quote, start, end) \
  "{\"id\": \"" id "\", \"speaker\": \"ann\", \"topic\": \"t\", \"stance\": \"oppose\"," \
  " \"quote\": \"" quote "\", \"said\": \"2025\", \"source\": \"src\", \"offsets\": [" start ", " end "]}"

static const char context_dataset[] =
  HEADER
  " \"sources\": [{\"id\": \"src\", \"title\": \"Src\", \"text\": \"" CONTEXT_TEXT "\"}],\n"
  " \"actors\": [{\"id\": \"ann\", \"kind\": \"person\", \"name\": \"Ann\"}],\n"
  " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\"}],\n"
  " \"statements\": [\n"
  QUOTED ("first", "first", "14", "19") ",\n"
  QUOTED ("middle", "middle words", "336", "348") ",\n"
  QUOTED ("end", "end", "642", "645") ",\n"
  QUOTED ("paragraph-start", "Long paragraph", "39", "53") ",\n"
  "{\"id\": \"paraphrased\", \"speaker\": \"ann\", \"topic\": \"t\", \"stance\": \"oppose\","
  " \"paraphrase\": \"Early words\", \"said\": \"2025\", \"source\": \"src\", \"offsets\": [0, 7]},\n"
  "{\"id\": \"no-offsets\", \"speaker\": \"ann\", \"topic\": \"t\", \"stance\": \"oppose\","
  " \"quote\": \"first\", \"said\": \"2025\", \"source\": \"src\"}]}\n";

static void
test_context (SpTestLibrary *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *before;
    const char *passage;
    const char *after;
  } cases[] = {
    { "first", "Opening: the “", "first", "” words came early." },
    /* Cut at word boundaries about 200 code points away, inside one paragraph. */
    { "middle",
      "…fourteen fifteen sixteen seventeen eighteen nineteen twenty one two three four five six "
      "seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
      "nineteen twenty — “",
      "middle words",
      "” — twenty nineteen eighteen seventeen sixteen fifteen fourteen thirteen twelve eleven ten "
      "nine eight seven six five four three two one twenty nineteen eighteen seventeen sixteen "
      "fifteen fourteen…" },
    { "end", "Last line: the ", "end", "" },
    { "paragraph-start", "", "Long paragraph",
      " 😀 starts here, one two three four five six seven eight nine ten eleven twelve thirteen "
      "fourteen fifteen sixteen seventeen eighteen nineteen twenty one two three four five six "
      "seven eight nine ten…" },
    { "paraphrased", "", "Opening", ": the “first” words came early." },
    { "no-offsets", NULL, NULL, NULL },
  };

  import_text (fixture, context_dataset);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpDetails) details = load_statement (fixture, cases[i].id);

      g_assert_cmpstr (details->context_before, ==, cases[i].before);
      g_assert_cmpstr (details->context_passage, ==, cases[i].passage);
      g_assert_cmpstr (details->context_after, ==, cases[i].after);
    }
}

/* Twelve statements on "t", one a day in January 2024, two on the 3rd;
 * one on another topic that nearby lists leave out. */
static char *
nearby_dataset (void)
{
  GString *text = g_string_new (HEADER
                                " \"sources\": [{\"id\": \"src\", \"title\": \"Src\"}],\n"
                                " \"actors\": [{\"id\": \"ann\", \"kind\": \"person\", \"name\": \"Ann\"}],\n"
                                " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\"},\n"
                                "  {\"id\": \"u\", \"label\": \"U\", \"proposition\": \"Q\"}],\n"
                                " \"statements\": [\n"
                                STATEMENT ("other-topic", "ann", "u", "2024-01-04") ",\n"
                                STATEMENT ("twin", "ann", "t", "2024-01-03"));

  /* Written from the last day to the first, so row order is not time order. */
  for (int day = 12; day >= 1; day--)
    g_string_append_printf (text,
                            ",\n{\"id\": \"day-%02d\", \"speaker\": \"ann\", \"topic\": \"t\","
                            " \"stance\": \"%s\", \"quote\": \"Day %d\", \"said\": \"2024-01-%02d\","
                            " \"source\": \"src\"}",
                            day, day % 2 ? "support" : "oppose", day, day);
  g_string_append (text, "]}\n");

  return g_string_free (text, FALSE);
}

static char *
nearby_ids (SpTestLibrary *fixture,
            const char    *id)
{
  g_autoptr(SpDetails) details = load_statement (fixture, id);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < details->nearby->len; i++)
    {
      SpDetailsStatement *row = details->nearby->pdata[i];
      g_autofree char *sql = NULL;
      g_autofree char *row_id = NULL;

      sql = g_strdup_printf ("SELECT id FROM statements WHERE pk = %" G_GINT64_FORMAT, row->pk);
      row_id = sp_test_query_text (fixture->library, sql);
      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", row_id);
    }

  return g_string_free (ids, FALSE);
}

static void
test_nearby (SpTestLibrary *fixture,
             gconstpointer  data)
{
  g_autofree char *contents = nearby_dataset ();
  g_autofree char *ids = NULL;
  g_autoptr(SpDetails) details = NULL;
  SpDetailsStatement *row;

  import_text (fixture, contents);

  /* The eight closest in time, in time order; a tie goes to the earlier
   * side, and "twin" (an earlier row on the same day) comes before day-03. */
  ids = nearby_ids (fixture, "day-03");
  g_assert_cmpstr (ids, ==, "day-01 day-02 twin day-04 day-05 day-06 day-07 day-08");
  g_clear_pointer (&ids, g_free);

  ids = nearby_ids (fixture, "day-06");
  g_assert_cmpstr (ids, ==, "day-02 twin day-03 day-04 day-05 day-07 day-08 day-09");
  g_clear_pointer (&ids, g_free);

  ids = nearby_ids (fixture, "day-12");
  g_assert_cmpstr (ids, ==, "day-04 day-05 day-06 day-07 day-08 day-09 day-10 day-11");
  g_clear_pointer (&ids, g_free);

  ids = nearby_ids (fixture, "day-01");
  g_assert_cmpstr (ids, ==, "day-02 twin day-03 day-04 day-05 day-06 day-07 day-08");
  g_clear_pointer (&ids, g_free);

  ids = nearby_ids (fixture, "other-topic");
  g_assert_cmpstr (ids, ==, "");

  details = load_statement (fixture, "day-05");
  g_assert_cmpuint (details->nearby->len, ==, 8);
  row = details->nearby->pdata[0];
  g_assert_cmpint (row->pk, ==, find_pk (fixture, "statements", "day-01"));
  g_assert_cmpstr (row->speaker, ==, "Ann");
  g_assert_cmpstr (row->topic, ==, "T");
  g_assert_cmpint (row->stance, ==, SP_STANCE_SUPPORT);
  g_assert_cmpstr (row->said, ==, "1 Jan 2024");
  g_assert_cmpstr (row->text, ==, "“Day 1”");
  row = details->nearby->pdata[1];
  g_assert_cmpint (row->stance, ==, SP_STANCE_OPPOSE);
  g_assert_cmpstr (row->said, ==, "2 Jan 2024");
}

static char *
event_dataset (void)
{
  GString *text = g_string_new (HEADER
                                " \"sources\": [{\"id\": \"src\", \"title\": \"Src\"}],\n"
                                " \"actors\": [{\"id\": \"freedonia\", \"kind\": \"country\", \"name\": \"Freedonia\"},\n"
                                "  {\"id\": \"ann\", \"kind\": \"person\", \"name\": \"Ann\"},\n"
                                "  {\"id\": \"bob\", \"kind\": \"person\", \"name\": \"Bob\"},\n"
                                "  {\"id\": \"cy\", \"kind\": \"person\", \"name\": \"Cy\"}],\n"
                                " \"topics\": [{\"id\": \"t\", \"label\": \"T\", \"proposition\": \"P\"}],\n"
                                " \"events\": [{\"id\": \"summit\", \"title\": \"Summit\", \"date\": \"2024-05\","
                                "  \"location\": \"Fredville\", \"description\": \"All of them.\","
                                "  \"participants\": [{\"actor\": \"cy\", \"role\": \"speaker\"},"
                                "   {\"actor\": \"bob\", \"role\": \"attendee\"},"
                                "   {\"actor\": \"freedonia\", \"role\": \"host\"},"
                                "   {\"actor\": \"ann\", \"role\": \"attendee\"},"
                                "   {\"actor\": \"ann\", \"role\": \"chair\"},"
                                "   {\"actor\": \"bob\", \"role\": \"organizer\"}]},\n"
                                "  {\"id\": \"quiet\", \"title\": \"Quiet\", \"date\": \"2024\"}],\n"
                                " \"statements\": [\n");

  for (int i = 0; i < 102; i++)
    g_string_append_printf (text,
                            "%s{\"id\": \"s-%03d\", \"speaker\": \"ann\", \"topic\": \"t\","
                            " \"stance\": \"neutral\", \"paraphrase\": \"Number %d\","
                            " \"said\": \"2024-05-01T%02d:%02dZ\", \"source\": \"src\", \"event\": \"summit\"}",
                            i > 0 ? ",\n" : "", 101 - i, 101 - i, (101 - i) / 60, (101 - i) % 60);
  g_string_append (text, "]}\n");

  return g_string_free (text, FALSE);
}

static void
test_event (SpTestLibrary *fixture,
            gconstpointer  data)
{
  g_autofree char *contents = event_dataset ();
  g_autoptr(SpDetails) summit = NULL;
  g_autoptr(SpDetails) quiet = NULL;
  g_autoptr(SpDetails) statement = NULL;
  g_autoptr(GString) participants = g_string_new (NULL);
  g_autofree char *description = NULL;
  SpDetailsStatement *row;

  import_text (fixture, contents);
  summit = load_event (fixture, "summit");

  /* By role, then name. */
  for (guint i = 0; i < summit->participants->len; i++)
    {
      SpDetailsParticipant *participant = summit->participants->pdata[i];

      g_string_append_printf (participants, "%s: %s; ", sp_role_get_label (participant->role),
                              participant->name);
    }
  g_assert_cmpstr (participants->str, ==,
                   "Chair: Ann; Host: Freedonia; Attendee: Ann; Attendee: Bob; Speaker: Cy; Organizer: Bob; ");
  g_assert_cmpint (((SpDetailsParticipant *) summit->participants->pdata[1])->kind, ==, SP_ACTOR_COUNTRY);

  /* The first hundred in time order; the rest are counted. */
  g_assert_cmpuint (summit->statements->len, ==, 100);
  g_assert_cmpuint (summit->n_more_statements, ==, 2);
  for (guint i = 0; i < summit->statements->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Number %u", i);

      row = summit->statements->pdata[i];
      g_assert_cmpstr (row->text, ==, expected);
      g_assert_cmpint (row->stance, ==, SP_STANCE_NEUTRAL);
    }
  row = summit->statements->pdata[0];
  g_assert_cmpint (row->pk, ==, find_pk (fixture, "statements", "s-000"));
  g_assert_cmpstr (row->said, ==, "1 May 2024 00:00");

  description = sp_details_describe (summit);
  g_assert_cmpstr (description, ==,
                   "Summit, May 2024, Fredville. Participants: Ann (Chair), Freedonia (Host), Ann (Attendee), "
                   "Bob (Attendee), Cy (Speaker), Bob (Organizer).");
  g_clear_pointer (&description, g_free);

  quiet = load_event (fixture, "quiet");
  g_assert_cmpuint (quiet->participants->len, ==, 0);
  g_assert_cmpuint (quiet->statements->len, ==, 0);
  g_assert_cmpuint (quiet->n_more_statements, ==, 0);
  description = sp_details_describe (quiet);
  g_assert_cmpstr (description, ==, "Quiet, 2024.");

  statement = load_statement (fixture, "s-007");
  g_assert_cmpstr (statement->event_title, ==, "Summit");
  g_assert_cmpint (statement->event_pk, ==, summit->pk);
  g_assert_cmpuint (statement->nearby->len, ==, 8);
  g_clear_pointer (&description, g_free);
  description = sp_details_describe (statement);
  g_assert_cmpstr (description, ==, "Ann is neutral about “P” on 1 May 2024 00:07: Number 7. Source: Src.");
}

static void
test_not_found (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SpDetails *details;

  details = sp_details_load (fixture->library, SP_ITEM_STATEMENT, 1, &error);
  g_assert_null (details);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The statement is no longer in the library");
  g_clear_error (&error);

  details = sp_details_load (fixture->library, SP_ITEM_EVENT, 1, &error);
  g_assert_null (details);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The event is no longer in the library");
  g_clear_error (&error);

  /* Gone with its dataset. */
  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  g_assert_true (sp_library_remove_dataset (fixture->library, "ukraine-contact-group-2025-02", &error));
  g_assert_no_error (error);
  details = sp_details_load (fixture->library, SP_ITEM_STATEMENT, 1, &error);
  g_assert_null (details);
  g_assert_error (error, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND);
}

/* A record that two datasets brought lists both. */
static void
test_provenance (SpTestLibrary *fixture,
                 gconstpointer  data)
{
  g_autofree char *second = NULL;
  g_autoptr(SpDetails) details = NULL;

  import_text (fixture, offices_dataset);
  second = g_strdup (offices_dataset);
  memcpy (strstr (second, "\"Crafted\""), "\"Another\"", strlen ("\"Another\""));
  memcpy (strstr (second, "\"craft\""), "\"other\"", strlen ("\"other\""));
  import_text (fixture, second);

  details = load_statement (fixture, "change-day");
  g_assert_cmpuint (details->datasets->len, ==, 2);
  g_assert_cmpstr (details->datasets->pdata[0], ==, "Another");
  g_assert_cmpstr (details->datasets->pdata[1], ==, "Crafted");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/details/" path, SpTestLibrary, NULL, \
              sp_test_library_set_up, func, sp_test_library_tear_down)

  ADD ("bundled/statement", test_bundled_statement);
  ADD ("bundled/others", test_bundled_others);
  ADD ("bundled/event", test_bundled_event);
  ADD ("office", test_office);
  ADD ("dates", test_dates);
  ADD ("context", test_context);
  ADD ("nearby", test_nearby);
  ADD ("event", test_event);
  ADD ("not-found", test_not_found);
  ADD ("provenance", test_provenance);

#undef ADD

  return g_test_run ();
}
