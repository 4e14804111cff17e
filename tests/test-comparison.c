#include "config.h"

#include <string.h>

#include "sp-comparison.h"
#include "sp-date.h"
#include "sp-library.h"
#include "sp-test-util.h"

/* A dataset with sources "src" to "src-4" and the given actors, offices,
 * topics, events and statements (JSON array bodies). */
static void
import_records (SpTestLibrary *fixture,
                const char    *actors,
                const char    *offices,
                const char    *topics,
                const char    *events,
                const char    *statements)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  text = g_strdup_printf ("{\"format\": \"standpoint-dataset\", \"version\": 1,"
                          " \"dataset\": {\"id\": \"fixture\", \"title\": \"Fixture\"},"
                          " \"sources\": [{\"id\": \"src\", \"title\": \"Source\", \"published\": \"2024-06\"},"
                          "  {\"id\": \"src-2\", \"title\": \"Second source\", \"publisher\": \"Wire\","
                          "   \"url\": \"https://example.org/2\"},"
                          "  {\"id\": \"src-3\", \"title\": \"Third source\"},"
                          "  {\"id\": \"src-4\", \"title\": \"Fourth source\"}],"
                          " \"actors\": [%s], \"offices\": [%s], \"topics\": [%s],"
                          " \"events\": [%s], \"statements\": [%s]}",
                          actors, offices, topics, events, statements);
  path = sp_test_write_file (fixture->dir, "fixture.json", text);
  sp_test_import (fixture->library, path);
}

static gint64
day_start (const char *text)
{
  SpDate date;

  g_assert_true (sp_date_parse (text, -1, &date, NULL));
  return date.lo;
}

/* The last second of the day (or month) @text. */
static gint64
day_end (const char *text)
{
  SpDate date;

  g_assert_true (sp_date_parse (text, -1, &date, NULL));
  return date.hi - 1;
}

/* @sides and @topics are space-separated ids; @period_start NULL for all
 * history. */
static SpComparison *
compare_full (SpTestLibrary  *fixture,
              const char     *sides,
              const char     *topics,
              const char     *as_of,
              const char     *period_start,
              GError        **error)
{
  g_auto(GStrv) side_ids = g_strsplit (sides, " ", -1);
  g_auto(GStrv) topic_ids = topics != NULL ? g_strsplit (topics, " ", -1) : NULL;

  return sp_comparison_new (fixture->library,
                            (const char * const *) side_ids,
                            (const char * const *) topic_ids,
                            day_end (as_of),
                            period_start != NULL ? day_start (period_start) : G_MININT64,
                            error);
}

static SpComparison *
compare (SpTestLibrary *fixture,
         const char    *sides,
         const char    *topics,
         const char    *as_of,
         const char    *period_start)
{
  g_autoptr(GError) error = NULL;
  SpComparison *comparison;

  comparison = compare_full (fixture, sides, topics, as_of, period_start, &error);
  g_assert_no_error (error);
  g_assert_nonnull (comparison);

  return comparison;
}

static void
append_evidence (GString          *text,
                 const SpEvidence *evidence)
{
  g_string_append_printf (text, "    %s %s, %s, %s", evidence->id,
                          sp_stance_to_string (evidence->stance), evidence->said, evidence->speaker);
  if (evidence->office != NULL)
    g_string_append_printf (text, " (%s)", evidence->office);
  if (evidence->has_quantity)
    g_string_append_printf (text, ", %g %s", evidence->quantity, evidence->unit);
  g_string_append_printf (text, " [%u]\n", evidence->citation);
}

/* One line a row ("!" when it disagrees), one a cell, one an evidence. */
static char *
dump_rows (const SpComparison *comparison)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SpComparisonRow *row = comparison->rows->pdata[i];

      g_string_append_printf (text, "%s%s\n", row->id, row->disagree ? " !" : "");
      for (guint s = 0; s < comparison->n_sides; s++)
        {
          const SpCell *cell = &row->cells[s];

          g_string_append_printf (text, "  %s: ", comparison->sides[s].id);
          if (cell->state == SP_CELL_NO_POSITION)
            {
              g_assert_null (cell->latest);
              g_assert_cmpuint (cell->evidence->len, ==, 0);
              g_assert_false (cell->shifted);
              g_string_append (text, "no recorded position\n");
              continue;
            }

          g_assert_true (cell->latest == cell->evidence->pdata[0]);
          g_string_append (text, sp_stance_to_string (cell->stance));
          if (cell->shifted)
            g_string_append_printf (text, " (from %s, %s)",
                                    sp_stance_to_string (cell->shifted_from), cell->shifted_from_date);
          g_string_append_c (text, '\n');
          for (guint e = 0; e < cell->evidence->len; e++)
            append_evidence (text, cell->evidence->pdata[e]);
        }
    }

  return g_string_free (text, FALSE);
}

/* One line a role, "*" marking current ones. */
static char *
dump_roles (const SpSide *side)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < side->roles->len; i++)
    {
      const SpSideRole *role = side->roles->pdata[i];

      g_string_append_printf (text, "%s%s [%u]\n", role->current ? "* " : "", role->text, role->citation);
    }

  return g_string_free (text, FALSE);
}

static char *
dump_citations (const SpComparison *comparison)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < comparison->citations->len; i++)
    {
      const SpCitation *citation = comparison->citations->pdata[i];

      g_assert_cmpuint (citation->number, ==, i + 1);
      g_string_append_printf (text, "%u %s | %s | %s | %s\n", citation->number, citation->source_id,
                              citation->publisher ? citation->publisher : "-",
                              citation->published ? citation->published : "-",
                              citation->url ? citation->url : "-");
    }

  return g_string_free (text, FALSE);
}

/* "agree differ incomparable" for each pair a < b, space-separated. */
static char *
dump_counts (const SpComparison *comparison)
{
  GString *text = g_string_new (NULL);

  for (guint a = 0; a < comparison->n_sides; a++)
    for (guint b = a + 1; b < comparison->n_sides; b++)
      {
        for (guint k = 0; k <= SP_AGREEMENT_INCOMPARABLE; k++)
          g_assert_cmpuint (comparison->counts[a][b][k], ==, comparison->counts[b][a][k]);
        g_string_append_printf (text, "%s%u-%u:%u/%u/%u", text->len > 0 ? " " : "", a, b,
                                comparison->counts[a][b][SP_AGREEMENT_AGREE],
                                comparison->counts[a][b][SP_AGREEMENT_DIFFER],
                                comparison->counts[a][b][SP_AGREEMENT_INCOMPARABLE]);
      }

  return g_string_free (text, FALSE);
}

static void
assert_error (SpTestLibrary *fixture,
              const char    *sides,
              const char    *topics,
              const char    *as_of,
              const char    *period_start,
              GQuark         domain,
              int            code,
              const char    *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpComparison) comparison = NULL;

  comparison = compare_full (fixture, sides, topics, as_of, period_start, &error);
  g_assert_null (comparison);
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_bundled_countries (SpTestLibrary *fixture,
                        gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *us = NULL;
  g_autofree char *uk = NULL;
  g_autofree char *citations = NULL;
  g_autofree char *counts = NULL;
  const SpEvidence *five;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  comparison = compare (fixture, "united-states united-kingdom", NULL, "2025-02-28", "2022-01-01");

  g_assert_cmpstr (comparison->as_of_label, ==, "28 Feb 2025");
  g_assert_cmpint (comparison->as_of, ==, day_end ("2025-02-28"));
  g_assert_cmpint (comparison->period_start, ==, day_start ("2022-01-01"));
  g_assert_cmpuint (comparison->n_sides, ==, 2);
  g_assert_cmpstr (comparison->sides[0].name, ==, "United States");
  g_assert_cmpint (comparison->sides[0].kind, ==, SP_ACTOR_COUNTRY);
  g_assert_cmpstr (comparison->sides[1].name, ==, "United Kingdom");

  /* Matthew Miller spoke after his office ended, so "The new US approach"
   * is no row: nobody speaking for either side said anything on it.
   * Donald Trump speaks for the US as its President, in a month-precision
   * statement that sorts after the same-day statements of 12 February. */
  rows = dump_rows (comparison);
  g_assert_cmpstr (rows, ==,
                   "defence-spending-target\n"
                   "  united-states: support\n"
                   "    st-hegseth-five-percent support, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States), 5 % of GDP [1]\n"
                   "  united-kingdom: no recorded position\n"
                   "europe-defence-burden\n"
                   "  united-states: support\n"
                   "    st-hegseth-europe-step-up support, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "    st-hegseth-imbalanced-relationship support, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "    st-trump-allies-contribute-more support, Feb 2025?, Donald Trump (President, United States) [1]\n"
                   "  united-kingdom: no recorded position\n"
                   "contact-group-leadership\n"
                   "  united-states: no recorded position\n"
                   "  united-kingdom: support\n"
                   "    st-healey-uk-takes-lead support, 12 Feb 2025, John Healey (Secretary of State for Defence, United Kingdom) [1]\n"
                   "us-aid-from-stockpiles\n"
                   "  united-states: oppose\n"
                   "    st-hegseth-no-stockpile-aid oppose, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "  united-kingdom: no recorded position\n"
                   "approved-us-aid-packages\n"
                   "  united-states: support\n"
                   "    st-hegseth-approved-packages-continue support, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "  united-kingdom: no recorded position\n"
                   "ukraine-nato-membership\n"
                   "  united-states: oppose\n"
                   "    st-hegseth-nato-not-in-settlement oppose, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "    st-hegseth-nato-unrealistic oppose, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "  united-kingdom: no recorded position\n"
                   "ukraine-pre-2014-borders\n"
                   "  united-states: oppose\n"
                   "    st-hegseth-pre-2014-borders oppose, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "  united-kingdom: no recorded position\n");

  g_assert_cmpstr (((SpComparisonRow *) comparison->rows->pdata[0])->label, ==, "Defence spending target");
  g_assert_cmpstr (((SpComparisonRow *) comparison->rows->pdata[0])->proposition, ==,
                   "NATO members should raise their defence spending above the current 2% of GDP");
  five = ((SpComparisonRow *) comparison->rows->pdata[0])->cells[0].latest;
  g_assert_true (five->has_quantity);
  g_assert_cmpfloat (five->quantity, ==, 5.0);
  g_assert_cmpstr (five->unit, ==, "% of GDP");
  g_assert_null (five->quote);
  g_assert_cmpstr (five->paraphrase, ==,
                   "Said NATO members must step up and suggested that each should aim for defence "
                   "spending of 5% of its GDP, a sharp increase from the current 2%.");
  g_assert_cmpstr (five->source_id, ==, "article-hegseth-ukraine-nato-2025-02");
  g_assert_cmpint (five->said_lo, ==, day_start ("2025-02-12"));
  g_assert_cmpint (five->said_hi, ==, day_end ("2025-02-12") + 1);

  /* The US had chaired the Contact Group through Lloyd Austin; on 12
   * February John Healey chaired it while Pete Hegseth attended. */
  us = dump_roles (&comparison->sides[0]);
  g_assert_cmpstr (us, ==,
                   "* Secretary of Defense: Pete Hegseth (since 25 Jan 2025) [2]\n"
                   "* President: Donald Trump (since 20 Jan 2025) [3]\n"
                   "Attendee: Pete Hegseth meets Rustem Umerov, 12 Feb 2025 (Pete Hegseth) [1]\n"
                   "Attendee: Ukraine Defense Contact Group meeting chaired by the United Kingdom, 12 Feb 2025 (Pete Hegseth) [1]\n"
                   "Spokesperson for the Department of State: Matthew Miller (24 Apr 2023 – 20 Jan 2025) [4]\n"
                   "Secretary of Defense: Lloyd Austin (22 Jan 2021 – 20 Jan 2025) [5]\n"
                   "Chair: Ukraine Defense Contact Group meeting, the last chaired by Lloyd Austin, 9 Jan 2025 (Lloyd Austin) [5]\n"
                   "Chair of the Ukraine Defense Contact Group, Ukraine Defense Contact Group: Lloyd Austin (26 Apr 2022 – 9 Jan 2025) [5]\n"
                   "Chair: Founding meeting of the Ukraine Defense Contact Group, 26 Apr 2022 (Lloyd Austin) [5]\n");
  uk = dump_roles (&comparison->sides[1]);
  g_assert_cmpstr (uk, ==,
                   "* Secretary of State for Defence: John Healey (since 5 Jul 2024) [6]\n"
                   "Attendee: John Healey meets Rustem Umerov, 12 Feb 2025 (John Healey) [1]\n"
                   "Chair: Ukraine Defense Contact Group meeting chaired by the United Kingdom, 12 Feb 2025 (John Healey) [1]\n");

  citations = dump_citations (comparison);
  g_assert_cmpstr (citations, ==,
                   "1 article-hegseth-ukraine-nato-2025-02 | - | Feb 2025 | -\n"
                   "2 wikipedia-pete-hegseth | Wikipedia | - | https://en.wikipedia.org/wiki/Pete_Hegseth\n"
                   "3 wikipedia-donald-trump | Wikipedia | - | https://en.wikipedia.org/wiki/Donald_Trump\n"
                   "4 wikipedia-matthew-miller | Wikipedia | - | https://en.wikipedia.org/wiki/Matthew_Miller_(spokesperson)\n"
                   "5 wikipedia-lloyd-austin | Wikipedia | - | https://en.wikipedia.org/wiki/Lloyd_Austin\n"
                   "6 wikipedia-john-healey | Wikipedia | - | https://en.wikipedia.org/wiki/John_Healey\n");
  g_assert_cmpstr (((SpCitation *) comparison->citations->pdata[0])->title, ==,
                   "Hegseth calls Ukraine’s NATO membership “unrealistic” as the UK chairs the Ukraine "
                   "Defense Contact Group [descriptive title; the original headline is not known]");

  g_assert_cmpuint (comparison->n_board_citations, ==, 6);

  counts = dump_counts (comparison);
  g_assert_cmpstr (counts, ==, "0-1:0/0/7");
}

static void
test_bundled_roles_on_the_day (SpTestLibrary *fixture,
                               gconstpointer  data)
{
  g_autoptr(SpComparison) meeting = NULL;
  g_autoptr(SpComparison) before = NULL;
  g_autoptr(SpComparison) persons = NULL;
  g_autofree char *us = NULL;
  g_autofree char *uk = NULL;
  g_autofree char *us_before = NULL;
  g_autofree char *hegseth = NULL;
  g_autofree char *healey = NULL;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  /* On the day itself the meeting is current; Austin's chair ended in
   * January, before this period. */
  meeting = compare (fixture, "united-states united-kingdom", "contact-group-leadership",
                     "2025-02-12", "2025-02-01");
  us = dump_roles (&meeting->sides[0]);
  g_assert_cmpstr (us, ==,
                   "* Attendee: Pete Hegseth meets Rustem Umerov, 12 Feb 2025 (Pete Hegseth) [1]\n"
                   "* Attendee: Ukraine Defense Contact Group meeting chaired by the United Kingdom, 12 Feb 2025 (Pete Hegseth) [1]\n"
                   "* Secretary of Defense: Pete Hegseth (since 25 Jan 2025) [2]\n"
                   "* President: Donald Trump (since 20 Jan 2025) [3]\n");
  uk = dump_roles (&meeting->sides[1]);
  g_assert_cmpstr (uk, ==,
                   "* Attendee: John Healey meets Rustem Umerov, 12 Feb 2025 (John Healey) [1]\n"
                   "* Chair: Ukraine Defense Contact Group meeting chaired by the United Kingdom, 12 Feb 2025 (John Healey) [1]\n"
                   "* Secretary of State for Defence: John Healey (since 5 Jul 2024) [4]\n");

  /* As of Austin's last meeting, his chair is current and shown "since". */
  before = compare (fixture, "united-states united-kingdom", "contact-group-leadership",
                    "2025-01-09", "2025-01-01");
  us_before = dump_roles (&before->sides[0]);
  g_assert_cmpstr (us_before, ==,
                   "* Chair: Ukraine Defense Contact Group meeting, the last chaired by Lloyd Austin, 9 Jan 2025 (Lloyd Austin) [1]\n"
                   "* Spokesperson for the Department of State: Matthew Miller (since 24 Apr 2023) [2]\n"
                   "* Chair of the Ukraine Defense Contact Group, Ukraine Defense Contact Group: Lloyd Austin (since 26 Apr 2022) [1]\n"
                   "* Secretary of Defense: Lloyd Austin (since 22 Jan 2021) [1]\n");

  /* A person side: its own offices and events, without its name. */
  persons = compare (fixture, "pete-hegseth john-healey", NULL, "2025-02-28", "2025-01-01");
  hegseth = dump_roles (&persons->sides[0]);
  g_assert_cmpstr (hegseth, ==,
                   "* Secretary of Defense, United States (since 25 Jan 2025) [2]\n"
                   "Attendee: Pete Hegseth meets Rustem Umerov, 12 Feb 2025 [1]\n"
                   "Attendee: Ukraine Defense Contact Group meeting chaired by the United Kingdom, 12 Feb 2025 [1]\n");
  healey = dump_roles (&persons->sides[1]);
  g_assert_cmpstr (healey, ==,
                   "* Secretary of State for Defence, United Kingdom (since 5 Jul 2024) [3]\n"
                   "Attendee: John Healey meets Rustem Umerov, 12 Feb 2025 [1]\n"
                   "Chair: Ukraine Defense Contact Group meeting chaired by the United Kingdom, 12 Feb 2025 [1]\n");
}

static void
test_bundled_speakers (SpTestLibrary *fixture,
                       gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = NULL;
  g_autofree char *rows = NULL;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  /* Miller's statement counts for himself, with no office, but not for the
   * United States; Rutte's counts for NATO through his office. */
  comparison = compare (fixture, "united-states matthew-miller nato",
                        "new-us-approach europe-defence-burden", "2025-02-28", NULL);
  rows = dump_rows (comparison);
  g_assert_cmpstr (rows, ==,
                   "new-us-approach\n"
                   "  united-states: no recorded position\n"
                   "  matthew-miller: oppose\n"
                   "    st-miller-surrender-of-leverage oppose, Feb 2025, Matthew Miller [1]\n"
                   "  nato: no recorded position\n"
                   "europe-defence-burden\n"
                   "  united-states: support\n"
                   "    st-hegseth-europe-step-up support, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "    st-hegseth-imbalanced-relationship support, 12 Feb 2025, Pete Hegseth (Secretary of Defense, United States) [1]\n"
                   "    st-trump-allies-contribute-more support, Feb 2025?, Donald Trump (President, United States) [1]\n"
                   "  matthew-miller: no recorded position\n"
                   "  nato: support\n"
                   "    st-rutte-allies-contribute-more support, Feb 2025, Mark Rutte (Secretary General, NATO) [1]\n");
}

static void
test_bundled_agreement (SpTestLibrary *fixture,
                        gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autofree char *counts = NULL;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());
  comparison = compare (fixture, "pete-hegseth volodymyr-zelensky nato unnamed-european-officials",
                        NULL, "2025-02-28", NULL);

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SpComparisonRow *row = comparison->rows->pdata[i];

      g_string_append_printf (rows, "%s%s:", row->label, row->disagree ? " (disagree)" : "");
      for (guint s = 0; s < comparison->n_sides; s++)
        g_string_append_printf (rows, " %s", row->cells[s].state == SP_CELL_NO_POSITION ?
                                             "-" : sp_stance_to_string (row->cells[s].stance));
      g_string_append_c (rows, '\n');
    }
  g_assert_cmpstr (rows->str, ==,
                   "Defence spending target: support - - -\n"
                   "Europe’s share of the defence burden: support - support -\n"
                   "New US military aid from US stockpiles: oppose - - -\n"
                   "Previously approved US aid packages: support - - -\n"
                   "The new US approach to Ukraine and European security: - - - oppose\n"
                   "Ukraine’s NATO membership: oppose - - oppose\n"
                   "Ukraine’s pre-2014 borders (disagree): oppose support - -\n");

  counts = dump_counts (comparison);
  g_assert_cmpstr (counts, ==, "0-1:0/1/6 0-2:1/0/6 0-3:1/0/6 1-2:0/0/7 1-3:0/0/7 2-3:0/0/7");
}

static void
test_bundled_as_of (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpComparison) early = NULL;
  g_autoptr(SpComparison) january = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *january_rows = NULL;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  /* "Feb 2025?" counts from 1 February; the statements of the 12th not yet. */
  early = compare (fixture, "united-states united-kingdom",
                   "europe-defence-burden contact-group-leadership", "2025-02-11", NULL);
  g_assert_cmpstr (early->as_of_label, ==, "11 Feb 2025");
  rows = dump_rows (early);
  g_assert_cmpstr (rows, ==,
                   "europe-defence-burden\n"
                   "  united-states: support\n"
                   "    st-trump-allies-contribute-more support, Feb 2025?, Donald Trump (President, United States) [1]\n"
                   "  united-kingdom: no recorded position\n"
                   "contact-group-leadership\n"
                   "  united-states: no recorded position\n"
                   "  united-kingdom: no recorded position\n");

  january = compare (fixture, "united-states united-kingdom", NULL, "2025-01-31", NULL);
  january_rows = dump_rows (january);
  g_assert_cmpstr (january_rows, ==, "");
  g_assert_cmpuint (january->citations->len, ==, 5);
}

static void
test_errors (SpTestLibrary *fixture,
             gconstpointer  data)
{
  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  assert_error (fixture, "united-states atlantis", NULL, "2025-02-28", NULL,
                SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                "There is no actor “atlantis” in the library");
  assert_error (fixture, "united-states united-kingdom", "ukraine-nato-membership moon-landing",
                "2025-02-28", NULL, SP_LIBRARY_ERROR, SP_LIBRARY_ERROR_NOT_FOUND,
                "There is no topic “moon-landing” in the library");
  assert_error (fixture, "united-states", NULL, "2025-02-28", NULL,
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                "A comparison needs 2 to 4 sides, not 1");
  assert_error (fixture, "united-states united-kingdom ukraine russia nato", NULL, "2025-02-28", NULL,
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                "A comparison needs 2 to 4 sides, not 5");
  assert_error (fixture, "united-states nato united-states", NULL, "2025-02-28", NULL,
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                "The side “united-states” is chosen twice");
  assert_error (fixture, "united-states nato", "new-us-approach new-us-approach", "2025-02-28", NULL,
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                "The topic “new-us-approach” is chosen twice");
  assert_error (fixture, "united-states nato", NULL, "2025-02-28", "2025-03-01",
                G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                "The period starts after the as-of date");
}

#define PERSONS \
  "{\"id\": \"p\", \"kind\": \"person\", \"name\": \"P\"}," \
  " {\"id\": \"q\", \"kind\": \"person\", \"name\": \"Q\"}"
#define TOPICS \
  "{\"id\": \"t1\", \"label\": \"T1\", \"proposition\": \"One\"}," \
  " {\"id\": \"t2\", \"label\": \"T2\", \"proposition\": \"Two\"}," \
  " {\"id\": \"t3\", \"label\": \"T3\", \"proposition\": \"Three\"}"
#define STATEMENT(id, speaker, topic, stance, said) \
  "{\"id\": \"" id "\", \"speaker\": \"" speaker "\", \"topic\": \"" topic "\"," \
  " \"stance\": \"" stance "\", \"said\": \"" said "\", \"source\": \"src\", \"paraphrase\": \"" id "\"}"

static void
test_same_day (SpTestLibrary *fixture,
               gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = NULL;
  g_autoptr(SpComparison) earlier = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *earlier_rows = NULL;
  g_autofree char *counts = NULL;

  import_records (fixture, PERSONS, "", TOPICS, "",
                  /* Same day, different stances: mixed, and the id orders them. */
                  STATEMENT ("b", "p", "t1", "oppose", "2024-05-10") ","
                  STATEMENT ("a", "p", "t1", "support", "2024-05-10") ","
                  STATEMENT ("c", "p", "t1", "oppose", "2024-05-09") ","
                  /* Same day, same stance. */
                  STATEMENT ("e", "p", "t2", "support", "2024-05-10") ","
                  STATEMENT ("d", "p", "t2", "support", "2024-05-10") ","
                  /* A month and its first day start together: the day is
                   * the finer date, so it is the latest, and they are not
                   * tied. */
                  STATEMENT ("a-month", "p", "t3", "oppose", "2024-05") ","
                  STATEMENT ("z-day", "p", "t3", "support", "2024-05-01") ","
                  STATEMENT ("q1", "q", "t1", "support", "2024-05-01") ","
                  /* A time on the day is later than the day itself. */
                  STATEMENT ("q2", "q", "t3", "support", "2024-05-01") ","
                  STATEMENT ("q3", "q", "t3", "oppose", "2024-05-01T09:30Z"));

  comparison = compare (fixture, "p q", NULL, "2024-05-31", "2024-05-01");
  rows = dump_rows (comparison);
  g_assert_cmpstr (rows, ==,
                   "t1 !\n"
                   "  p: mixed (from oppose, 9 May 2024)\n"
                   "    a support, 10 May 2024, P [1]\n"
                   "    b oppose, 10 May 2024, P [1]\n"
                   "    c oppose, 9 May 2024, P [1]\n"
                   "  q: support\n"
                   "    q1 support, 1 May 2024, Q [1]\n"
                   "t2\n"
                   "  p: support\n"
                   "    d support, 10 May 2024, P [1]\n"
                   "    e support, 10 May 2024, P [1]\n"
                   "  q: no recorded position\n"
                   "t3 !\n"
                   "  p: support (from oppose, May 2024)\n"
                   "    z-day support, 1 May 2024, P [1]\n"
                   "    a-month oppose, May 2024, P [1]\n"
                   "  q: oppose (from support, 1 May 2024)\n"
                   "    q3 oppose, 1 May 2024 09:30, Q [1]\n"
                   "    q2 support, 1 May 2024, Q [1]\n");
  counts = dump_counts (comparison);
  g_assert_cmpstr (counts, ==, "0-1:0/2/1");

  /* Before May, nothing counts; on 30 April neither does "May 2024". */
  earlier = compare (fixture, "p q", "t1 t3", "2024-04-30", NULL);
  earlier_rows = dump_rows (earlier);
  g_assert_cmpstr (earlier_rows, ==,
                   "t1\n"
                   "  p: no recorded position\n"
                   "  q: no recorded position\n"
                   "t3\n"
                   "  p: no recorded position\n"
                   "  q: no recorded position\n");
}

static void
test_precision (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autoptr(SpComparison) tenth = NULL;
  g_autoptr(SpComparison) end = NULL;
  g_autofree char *tenth_rows = NULL;
  g_autofree char *end_rows = NULL;

  import_records (fixture, PERSONS, "", TOPICS, "",
                  STATEMENT ("month", "p", "t1", "oppose", "2024-03") ","
                  STATEMENT ("day", "p", "t1", "support", "2024-03-15") ","
                  STATEMENT ("year", "q", "t1", "neutral", "2024"));

  /* "Mar 2024" counts from 1 March, "15 Mar 2024" only from the 15th; a
   * year counts from its first day too. */
  tenth = compare (fixture, "p q", "t1", "2024-03-10", NULL);
  tenth_rows = dump_rows (tenth);
  g_assert_cmpstr (tenth_rows, ==,
                   "t1 !\n"
                   "  p: oppose\n"
                   "    month oppose, Mar 2024, P [1]\n"
                   "  q: neutral\n"
                   "    year neutral, 2024, Q [1]\n");

  end = compare (fixture, "p q", "t1", "2024-03-31", NULL);
  end_rows = dump_rows (end);
  g_assert_cmpstr (end_rows, ==,
                   "t1 !\n"
                   "  p: support (from oppose, Mar 2024)\n"
                   "    day support, 15 Mar 2024, P [1]\n"
                   "    month oppose, Mar 2024, P [1]\n"
                   "  q: neutral\n"
                   "    year neutral, 2024, Q [1]\n");
}

static void
test_shift (SpTestLibrary *fixture,
            gconstpointer  data)
{
  g_autoptr(SpComparison) year = NULL;
  g_autoptr(SpComparison) spring = NULL;
  g_autoptr(SpComparison) summer = NULL;
  g_autoptr(SpComparison) mixed = NULL;
  g_autofree char *year_rows = NULL;
  g_autofree char *spring_rows = NULL;
  g_autofree char *summer_rows = NULL;
  g_autofree char *mixed_rows = NULL;

  import_records (fixture, PERSONS, "", TOPICS, "",
                  /* Back and forth: the most recent different stance. */
                  STATEMENT ("p1", "p", "t1", "support", "2024-01-10") ","
                  STATEMENT ("p2", "p", "t1", "oppose", "2024-03-10") ","
                  STATEMENT ("p3", "p", "t1", "support", "2024-05-10") ","
                  /* Changed, then repeated: from the earlier stance. */
                  STATEMENT ("q1", "q", "t1", "oppose", "2024-01-10") ","
                  STATEMENT ("q2", "q", "t1", "support", "2024-03-10") ","
                  STATEMENT ("q3", "q", "t1", "support", "2024-05-10") ","
                  /* From a day of statements that disagreed, which was mixed. */
                  STATEMENT ("p4", "p", "t2", "support", "2024-02-01") ","
                  STATEMENT ("p5", "p", "t2", "oppose", "2024-02-01") ","
                  STATEMENT ("p6", "p", "t2", "support", "2024-03-01"));

  year = compare (fixture, "p q", "t1", "2024-12-31", "2024-01-01");
  year_rows = dump_rows (year);
  g_assert_cmpstr (year_rows, ==,
                   "t1\n"
                   "  p: support (from oppose, 10 Mar 2024)\n"
                   "    p3 support, 10 May 2024, P [1]\n"
                   "    p2 oppose, 10 Mar 2024, P [1]\n"
                   "    p1 support, 10 Jan 2024, P [1]\n"
                   "  q: support (from oppose, 10 Jan 2024)\n"
                   "    q3 support, 10 May 2024, Q [1]\n"
                   "    q2 support, 10 Mar 2024, Q [1]\n"
                   "    q1 oppose, 10 Jan 2024, Q [1]\n");

  /* Statements before the period neither shift the cell nor show. */
  spring = compare (fixture, "p q", "t1", "2024-12-31", "2024-03-01");
  spring_rows = dump_rows (spring);
  g_assert_cmpstr (spring_rows, ==,
                   "t1\n"
                   "  p: support (from oppose, 10 Mar 2024)\n"
                   "    p3 support, 10 May 2024, P [1]\n"
                   "    p2 oppose, 10 Mar 2024, P [1]\n"
                   "  q: support\n"
                   "    q3 support, 10 May 2024, Q [1]\n"
                   "    q2 support, 10 Mar 2024, Q [1]\n");

  /* A latest statement older than the period stands alone. */
  mixed = compare (fixture, "p q", "t2", "2024-12-31", "2024-01-01");
  mixed_rows = dump_rows (mixed);
  g_assert_cmpstr (mixed_rows, ==,
                   "t2\n"
                   "  p: support (from mixed, 1 Feb 2024)\n"
                   "    p6 support, 1 Mar 2024, P [1]\n"
                   "    p4 support, 1 Feb 2024, P [1]\n"
                   "    p5 oppose, 1 Feb 2024, P [1]\n"
                   "  q: no recorded position\n");

  summer = compare (fixture, "p q", "t1", "2024-12-31", "2024-06-01");
  summer_rows = dump_rows (summer);
  g_assert_cmpstr (summer_rows, ==,
                   "t1\n"
                   "  p: support\n"
                   "    p3 support, 10 May 2024, P [1]\n"
                   "  q: support\n"
                   "    q3 support, 10 May 2024, Q [1]\n");
}

static void
test_office_change (SpTestLibrary *fixture,
                    gconstpointer  data)
{
  g_autoptr(SpComparison) june = NULL;
  g_autoptr(SpComparison) march = NULL;
  g_autofree char *june_rows = NULL;
  g_autofree char *march_rows = NULL;
  g_autofree char *roles = NULL;

  import_records (fixture,
                  "{\"id\": \"c\", \"kind\": \"country\", \"name\": \"C\"},"
                  " {\"id\": \"a\", \"kind\": \"person\", \"name\": \"A\", \"country\": \"c\"},"
                  " {\"id\": \"b\", \"kind\": \"person\", \"name\": \"B\", \"country\": \"c\"},"
                  " {\"id\": \"d\", \"kind\": \"person\", \"name\": \"D\", \"country\": \"c\"}",
                  "{\"id\": \"a-minister\", \"holder\": \"a\", \"title\": \"Minister\", \"of\": \"c\","
                  "  \"start\": \"2020-01-01\", \"end\": \"2024-03-31\"},"
                  " {\"id\": \"b-minister\", \"holder\": \"b\", \"title\": \"Minister\", \"of\": \"c\","
                  "  \"start\": \"2024-04-01\", \"sources\": [\"src-2\"]}",
                  TOPICS, "",
                  STATEMENT ("a-march", "a", "t1", "oppose", "2024-03-15") ","
                  /* A month that starts as A's term has ended. */
                  STATEMENT ("a-april", "a", "t1", "support", "2024-04") ","
                  STATEMENT ("b-april", "b", "t1", "support", "2024-04-10") ","
                  /* Before B's term began. */
                  STATEMENT ("b-march", "b", "t1", "neutral", "2024-03-20") ","
                  /* From the country, without an office: not its voice. */
                  STATEMENT ("d-april", "d", "t1", "oppose", "2024-04-20") ","
                  STATEMENT ("c-april", "c", "t2", "neutral", "2024-04-15") ","
                  /* A year that overlaps B's term, begun before it. */
                  STATEMENT ("b-year", "b", "t2", "support", "2024") ","
                  STATEMENT ("b-old", "b", "t3", "support", "2019-06-01"));

  june = compare (fixture, "c a", NULL, "2024-06-30", "2024-01-01");
  june_rows = dump_rows (june);
  g_assert_cmpstr (june_rows, ==,
                   "t1\n"
                   "  c: support (from oppose, 15 Mar 2024)\n"
                   "    b-april support, 10 Apr 2024, B (Minister, C) [1]\n"
                   "    a-march oppose, 15 Mar 2024, A (Minister, C) [1]\n"
                   "  a: support (from oppose, 15 Mar 2024)\n"
                   "    a-april support, Apr 2024, A [1]\n"
                   "    a-march oppose, 15 Mar 2024, A (Minister, C) [1]\n"
                   "t2\n"
                   "  c: neutral (from support, 2024)\n"
                   "    c-april neutral, 15 Apr 2024, C [1]\n"
                   "    b-year support, 2024, B (Minister, C) [1]\n"
                   "  a: no recorded position\n");

  roles = dump_roles (&june->sides[0]);
  g_assert_cmpstr (roles, ==,
                   "* Minister: B (since 1 Apr 2024) [2]\n"
                   "Minister: A (1 Jan 2020 – 31 Mar 2024) [0]\n");

  march = compare (fixture, "c a", "t1", "2024-03-31", "2024-01-01");
  march_rows = dump_rows (march);
  g_assert_cmpstr (march_rows, ==,
                   "t1\n"
                   "  c: oppose\n"
                   "    a-march oppose, 15 Mar 2024, A (Minister, C) [1]\n"
                   "  a: oppose\n"
                   "    a-march oppose, 15 Mar 2024, A (Minister, C) [1]\n");
}

static void
test_no_position (SpTestLibrary *fixture,
                  gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *counts = NULL;
  const SpComparisonRow *row;

  import_records (fixture,
                  PERSONS ", {\"id\": \"r\", \"kind\": \"person\", \"name\": \"R\"}",
                  "", TOPICS, "",
                  STATEMENT ("p1", "p", "t1", "neutral", "2024-02-01") ","
                  STATEMENT ("q2", "q", "t2", "neutral", "2024-02-01") ","
                  STATEMENT ("r1", "r", "t1", "unclear", "2024-02-01") ","
                  STATEMENT ("r2", "r", "t2", "neutral", "2024-02-01"));

  comparison = compare (fixture, "p q r", "t1 t2 t3", "2024-12-31", NULL);
  rows = dump_rows (comparison);
  g_assert_cmpstr (rows, ==,
                   "t1 !\n"
                   "  p: neutral\n"
                   "    p1 neutral, 1 Feb 2024, P [1]\n"
                   "  q: no recorded position\n"
                   "  r: unclear\n"
                   "    r1 unclear, 1 Feb 2024, R [1]\n"
                   "t2\n"
                   "  p: no recorded position\n"
                   "  q: neutral\n"
                   "    q2 neutral, 1 Feb 2024, Q [1]\n"
                   "  r: neutral\n"
                   "    r2 neutral, 1 Feb 2024, R [1]\n"
                   "t3\n"
                   "  p: no recorded position\n"
                   "  q: no recorded position\n"
                   "  r: no recorded position\n");

  row = comparison->rows->pdata[0];
  g_assert_cmpint (row->cells[0].state, ==, SP_CELL_POSITION);
  g_assert_cmpint (row->cells[0].stance, ==, SP_STANCE_NEUTRAL);
  g_assert_cmpint (row->cells[1].state, ==, SP_CELL_NO_POSITION);
  g_assert_cmpint (row->cells[1].stance, ==, 0);

  counts = dump_counts (comparison);
  g_assert_cmpstr (counts, ==, "0-1:0/0/3 0-2:0/1/2 1-2:1/0/2");
}

static void
test_evidence_limit (SpTestLibrary *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) statements = g_string_new (NULL);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr(SpComparison) all = NULL;
  g_autoptr(SpComparison) february = NULL;
  const SpCell *cell;

  /* 60 days: opposed for the first five, then in support. */
  for (int i = 0; i < 60; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, i);
      g_autofree char *said = g_date_time_format (day, "%Y-%m-%d");

      g_string_append_printf (statements,
                              "%s{\"id\": \"s%02d\", \"speaker\": \"p\", \"topic\": \"t1\","
                              " \"stance\": \"%s\", \"said\": \"%s\", \"source\": \"src\", \"quote\": \"q\"}",
                              i > 0 ? ", " : "", i, i < 5 ? "oppose" : "support", said);
    }
  /* Tied with s10, the 50th newest: the ids decide which make the cut. */
  g_string_append (statements,
                   ", " STATEMENT ("s10a", "p", "t1", "support", "2024-01-11")
                   ", " STATEMENT ("s09z", "p", "t1", "support", "2024-01-11"));
  import_records (fixture, PERSONS, "", TOPICS, "", statements->str);

  all = compare (fixture, "p q", "t1", "2024-03-31", NULL);
  cell = &((SpComparisonRow *) all->rows->pdata[0])->cells[0];
  g_assert_cmpint (cell->stance, ==, SP_STANCE_SUPPORT);
  g_assert_cmpuint (cell->evidence->len, ==, SP_COMPARISON_EVIDENCE_LIMIT);
  g_assert_cmpstr (((SpEvidence *) cell->evidence->pdata[0])->id, ==, "s59");
  g_assert_cmpstr (((SpEvidence *) cell->evidence->pdata[48])->id, ==, "s11");
  g_assert_cmpstr (((SpEvidence *) cell->evidence->pdata[48])->quote, ==, "q");
  g_assert_cmpstr (((SpEvidence *) cell->evidence->pdata[49])->id, ==, "s09z");
  g_assert_cmpstr (((SpEvidence *) cell->evidence->pdata[49])->said, ==, "11 Jan 2024");
  /* Found beyond the evidence shown. */
  g_assert_true (cell->shifted);
  g_assert_cmpint (cell->shifted_from, ==, SP_STANCE_OPPOSE);
  g_assert_cmpstr (cell->shifted_from_date, ==, "5 Jan 2024");
  g_assert_cmpuint (all->citations->len, ==, 1);

  february = compare (fixture, "p q", "t1", "2024-03-31", "2024-02-01");
  cell = &((SpComparisonRow *) february->rows->pdata[0])->cells[0];
  g_assert_cmpuint (cell->evidence->len, ==, 29);
  g_assert_cmpstr (((SpEvidence *) cell->evidence->pdata[28])->said, ==, "1 Feb 2024");
  g_assert_false (cell->shifted);
  g_assert_null (cell->shifted_from_date);
}

static void
test_history (SpTestLibrary *fixture,
              gconstpointer  data)
{
  g_autoptr(SpComparison) recent = NULL;
  g_autoptr(SpComparison) all = NULL;
  g_autofree char *recent_rows = NULL;
  g_autofree char *all_rows = NULL;

  import_records (fixture, PERSONS, "", TOPICS, "",
                  STATEMENT ("old", "p", "t1", "oppose", "1999-05-05") ","
                  STATEMENT ("older", "p", "t1", "oppose", "1980-05-05") ","
                  STATEMENT ("mid", "p", "t1", "support", "2010-05-05") ","
                  STATEMENT ("recent", "q", "t2", "support", "2024-02-02"));

  /* The latest lies years before the period; t2 has nothing from p at all. */
  recent = compare (fixture, "p q", "t1 t2", "2024-12-31", "2024-01-01");
  recent_rows = dump_rows (recent);
  g_assert_cmpstr (recent_rows, ==,
                   "t1\n"
                   "  p: support\n"
                   "    mid support, 5 May 2010, P [1]\n"
                   "  q: no recorded position\n"
                   "t2\n"
                   "  p: no recorded position\n"
                   "  q: support\n"
                   "    recent support, 2 Feb 2024, Q [1]\n");

  all = compare (fixture, "p q", "t1", "2024-12-31", NULL);
  all_rows = dump_rows (all);
  g_assert_cmpstr (all_rows, ==,
                   "t1\n"
                   "  p: support (from oppose, 5 May 1999)\n"
                   "    mid support, 5 May 2010, P [1]\n"
                   "    old oppose, 5 May 1999, P [1]\n"
                   "    older oppose, 5 May 1980, P [1]\n"
                   "  q: no recorded position\n");
}

static void
test_extreme_bounds (SpTestLibrary *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpComparison) comparison = NULL;
  const char *sides[] = { "united-states", "united-kingdom", NULL };
  const SpComparisonRow *row;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  /* The whole of time: every statement counts, every office is ongoing
   * or over, and nothing overflows. */
  comparison = sp_comparison_new (fixture->library, sides, NULL, G_MAXINT64, G_MININT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->rows->len, ==, 7);
  g_assert_cmpstr (comparison->as_of_label, ==, "");
  row = comparison->rows->pdata[1];
  g_assert_cmpstr (row->id, ==, "europe-defence-burden");
  g_assert_cmpuint (row->cells[0].evidence->len, ==, 3);
  g_assert_cmpstr (row->cells[0].latest->id, ==, "st-hegseth-europe-step-up");
}

#define EVENT(id, date, source) \
  "{\"id\": \"" id "\", \"title\": \"" id "\", \"date\": \"" date "\"," \
  " \"participants\": [{\"actor\": \"p\", \"role\": \"attendee\"}], \"sources\": [\"" source "\"]}"

/* The sources the board shows are numbered 1 to n_board_citations without
 * a gap: the statement a shift came from is on the board, a role the board
 * only counts is not. */
static void
test_board_citations (SpTestLibrary *fixture,
                      gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = NULL;
  g_autofree gboolean *shown = NULL;
  const SpCell *cell;
  const SpSide *side;
  guint n_current, shown_current, shown_earlier;

  import_records (fixture, PERSONS, "", TOPICS,
                  EVENT ("e1", "2024-01-10", "src-3") ","
                  EVENT ("e2", "2024-02-10", "src-2") ","
                  EVENT ("e3", "2024-03-10", "src-2") ","
                  EVENT ("e4", "2024-04-10", "src-2") ","
                  EVENT ("e5", "2024-05-10", "src-2"),
                  STATEMENT ("p-new", "p", "t1", "support", "2024-06-01") ","
                  "{\"id\": \"p-old\", \"speaker\": \"p\", \"topic\": \"t1\", \"stance\": \"oppose\","
                  " \"said\": \"2024-03-01\", \"source\": \"src-4\", \"quote\": \"No.\"}");

  comparison = compare (fixture, "p q", "t1", "2024-06-30", "2024-01-01");
  side = &comparison->sides[0];
  sp_side_count_roles (side, &n_current, &shown_current, &shown_earlier);
  g_assert_cmpuint (side->roles->len, ==, 5);
  g_assert_cmpuint (n_current, ==, 0);
  g_assert_cmpuint (shown_earlier, ==, SP_BOARD_MAX_EARLIER_ROLES);

  cell = &((SpComparisonRow *) comparison->rows->pdata[0])->cells[0];
  g_assert_true (cell->shifted);
  g_assert_cmpstr (sp_cell_get_shift_origin (cell)->id, ==, "p-old");

  shown = g_new0 (gboolean, comparison->citations->len + 1);
  shown[cell->latest->citation] = TRUE;
  shown[sp_cell_get_shift_origin (cell)->citation] = TRUE;
  for (guint i = 0; i < shown_earlier; i++)
    shown[((SpSideRole *) side->roles->pdata[i])->citation] = TRUE;

  g_assert_cmpuint (comparison->n_board_citations, ==, 3);
  for (guint number = 1; number <= comparison->citations->len; number++)
    g_assert_cmpint (shown[number], ==, number <= comparison->n_board_citations);
  /* The oldest event is the role the board only counts. */
  g_assert_cmpuint (((SpSideRole *) side->roles->pdata[4])->citation, ==, 4);
}

static void
test_citations (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autoptr(SpComparison) comparison = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *citations = NULL;

  import_records (fixture,
                  PERSONS ", {\"id\": \"org\", \"kind\": \"organization\", \"name\": \"Org\"}",
                  "{\"id\": \"q-head\", \"holder\": \"q\", \"title\": \"Head\", \"of\": \"org\","
                  "  \"start\": \"2020-01\", \"sources\": [\"src-2\", \"src\"]},"
                  " {\"id\": \"p-member\", \"holder\": \"p\", \"title\": \"Member\", \"of\": \"org\","
                  "  \"start\": \"2010-01-01\", \"end\": \"2015-12-31\"}",
                  TOPICS,
                  "{\"id\": \"summit\", \"title\": \"Summit\", \"date\": \"2024-02\","
                  "  \"participants\": [{\"actor\": \"p\", \"role\": \"host\"}], \"sources\": [\"src-3\"]},"
                  " {\"id\": \"talks\", \"title\": \"Talks\", \"date\": \"2024-04-02\","
                  "  \"participants\": [{\"actor\": \"p\", \"role\": \"speaker\"}]}",
                  STATEMENT ("p-t1", "p", "t1", "support", "2024-03-01") ","
                  "{\"id\": \"p-t1-old\", \"speaker\": \"p\", \"topic\": \"t1\", \"stance\": \"support\","
                  " \"said\": \"2024-02-01\", \"source\": \"src-4\", \"quote\": \"Yes.\"},"
                  "{\"id\": \"q-t2\", \"speaker\": \"q\", \"topic\": \"t2\", \"stance\": \"oppose\","
                  " \"said\": \"2024-03-02\", \"source\": \"src-2\", \"quote\": \"No.\"}");

  /* Rows in the order chosen: t2's source comes first; then the roles;
   * then sources only the evidence cites. */
  comparison = compare (fixture, "p org", "t2 t1", "2024-06-30", "2024-01-01");
  rows = dump_rows (comparison);
  g_assert_cmpstr (rows, ==,
                   "t2\n"
                   "  p: no recorded position\n"
                   "  org: oppose\n"
                   "    q-t2 oppose, 2 Mar 2024, Q (Head, Org) [1]\n"
                   "t1\n"
                   "  p: support\n"
                   "    p-t1 support, 1 Mar 2024, P [2]\n"
                   "    p-t1-old support, 1 Feb 2024, P [4]\n"
                   "  org: no recorded position\n");

  /* Without a source, no number; a role cites the source published first.
   * P's membership ended before the period, so the org has only Q. */
  roles = dump_roles (&comparison->sides[0]);
  g_assert_cmpstr (roles, ==,
                   "Speaker: Talks, 2 Apr 2024 [0]\n"
                   "Host: Summit, Feb 2024 [3]\n");
  g_free (roles);
  roles = dump_roles (&comparison->sides[1]);
  g_assert_cmpstr (roles, ==, "* Head: Q (since Jan 2020) [2]\n");

  citations = dump_citations (comparison);
  g_assert_cmpstr (citations, ==,
                   "1 src-2 | Wire | - | https://example.org/2\n"
                   "2 src | - | Jun 2024 | -\n"
                   "3 src-3 | - | - | -\n"
                   "4 src-4 | - | - | -\n");
  g_assert_cmpuint (comparison->n_board_citations, ==, 3);
  g_assert_cmpstr (((SpCitation *) comparison->citations->pdata[0])->title, ==, "Second source");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, SpTestLibrary, NULL, \
              sp_test_library_set_up, func, sp_test_library_tear_down)

  ADD ("/comparison/bundled/countries", test_bundled_countries);
  ADD ("/comparison/bundled/roles-on-the-day", test_bundled_roles_on_the_day);
  ADD ("/comparison/bundled/speakers", test_bundled_speakers);
  ADD ("/comparison/bundled/agreement", test_bundled_agreement);
  ADD ("/comparison/bundled/as-of", test_bundled_as_of);
  ADD ("/comparison/errors", test_errors);
  ADD ("/comparison/latest/same-day", test_same_day);
  ADD ("/comparison/latest/precision", test_precision);
  ADD ("/comparison/shift", test_shift);
  ADD ("/comparison/office-change", test_office_change);
  ADD ("/comparison/no-position", test_no_position);
  ADD ("/comparison/evidence-limit", test_evidence_limit);
  ADD ("/comparison/history", test_history);
  ADD ("/comparison/citations", test_citations);
  ADD ("/comparison/board-citations", test_board_citations);
  ADD ("/comparison/extreme-bounds", test_extreme_bounds);

#undef ADD

  return g_test_run ();
}
