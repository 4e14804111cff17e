#include "config.h"

#include "sp-catalog.h"
#include "sp-test-util.h"

static void
describe_actor (GString              *text,
                const char           *indent,
                const SpCatalogActor *actor)
{
  g_string_append_printf (text, "%s%s %s “%s” %u", indent,
                          sp_actor_kind_to_string (actor->kind), actor->id, actor->name,
                          actor->n_statements);
  if (actor->country_id != NULL)
    g_string_append_printf (text, " in %s “%s”", actor->country_id, actor->country_name);
  g_string_append_c (text, '\n');
}

/* The whole catalog as text, in its order, so tests compare it at once. */
static char *
describe_catalog (const SpCatalog *catalog)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < catalog->datasets->len; i++)
    {
      SpDatasetInfo *info = g_ptr_array_index (catalog->datasets, i);

      g_string_append_printf (text, "dataset %s “%s” %u\n", info->id, info->title,
                              info->counts[SP_RECORD_STATEMENT]);
    }

  for (guint i = 0; i < catalog->countries->len; i++)
    {
      SpCatalogActor *country = g_ptr_array_index (catalog->countries, i);

      g_assert_null (country->country_id);
      describe_actor (text, "", country);
      for (guint j = 0; j < country->persons->len; j++)
        {
          SpCatalogActor *person = g_ptr_array_index (country->persons, j);

          g_assert_cmpstr (person->country_id, ==, country->id);
          g_assert_null (person->persons);
          describe_actor (text, "  ", person);
        }
    }

  for (guint i = 0; i < catalog->organizations->len; i++)
    {
      SpCatalogActor *organization = g_ptr_array_index (catalog->organizations, i);

      g_assert_null (organization->persons);
      describe_actor (text, "", organization);
    }

  for (guint i = 0; i < catalog->persons->len; i++)
    {
      SpCatalogActor *person = g_ptr_array_index (catalog->persons, i);

      g_assert_null (person->country_id);
      g_assert_null (person->persons);
      describe_actor (text, "", person);
    }

  for (guint i = 0; i < catalog->topics->len; i++)
    {
      SpCatalogTopic *topic = g_ptr_array_index (catalog->topics, i);

      g_string_append_printf (text, "topic %s “%s” “%s” %u\n", topic->id, topic->label,
                              topic->proposition, topic->n_statements);
    }

  return g_string_free (text, FALSE);
}

static void
test_bundled (SpTestLibrary *fixture,
              gconstpointer  data)
{
  g_autoptr(SpCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  sp_test_import (fixture->library, sp_test_bundled_dataset ());

  catalog = sp_catalog_load (fixture->library, &error);
  g_assert_no_error (error);
  text = describe_catalog (catalog);

  /* Actors without statements (Russia, Rustem Umerov, Lloyd Austin, the
   * Contact Group) are left out; NATO is in, speaking through Mark Rutte's
   * office, who himself has no country. */
  g_assert_cmpstr (text, ==,
                   "dataset ukraine-contact-group-2025-02 “The US and the UK in the Ukraine Defense Contact Group, February 2025” 15\n"
                   "country ukraine “Ukraine” 0\n"
                   "  person volodymyr-zelensky “Volodymyr Zelensky” 1 in ukraine “Ukraine”\n"
                   "country united-kingdom “United Kingdom” 0\n"
                   "  person john-healey “John Healey” 1 in united-kingdom “United Kingdom”\n"
                   "country united-states “United States” 0\n"
                   "  person donald-trump “Donald Trump” 1 in united-states “United States”\n"
                   "  person matthew-miller “Matthew Miller” 1 in united-states “United States”\n"
                   "  person pete-hegseth “Pete Hegseth” 8 in united-states “United States”\n"
                   "organization nato “NATO” 0\n"
                   "organization unnamed-european-officials “Unnamed European officials” 2\n"
                   "person mark-rutte “Mark Rutte” 1\n"
                   "topic defence-spending-target “Defence spending target” “NATO members should raise their defence spending above the current 2% of GDP” 1\n"
                   "topic europe-defence-burden “Europe’s share of the defence burden” “European NATO members should carry more of the burden of defending Europe and supporting Ukraine” 4\n"
                   "topic contact-group-leadership “Leadership of the Ukraine Defense Contact Group” “The United Kingdom should take the lead in the Ukraine Defense Contact Group, a role traditionally held by the United States” 1\n"
                   "topic us-aid-from-stockpiles “New US military aid from US stockpiles” “The United States should provide additional military aid to Ukraine from its own stockpiles” 1\n"
                   "topic approved-us-aid-packages “Previously approved US aid packages” “Aid packages for Ukraine that the United States approved earlier should continue to be delivered” 1\n"
                   "topic new-us-approach “The new US approach to Ukraine and European security” “The US approach to Ukraine and European security set out by the Trump administration in February 2025 is the right course” 2\n"
                   "topic ukraine-nato-membership “Ukraine’s NATO membership” “Ukraine can realistically become a member of NATO” 3\n"
                   "topic ukraine-pre-2014-borders “Ukraine’s pre-2014 borders” “Restoring Ukraine’s pre-2014 borders is a realistic goal to pursue” 2\n");
}

/* A country that speaks for itself keeps its own count beside its
 * persons'; a person's country is listed even when it never spoke. */
static void
test_countries (SpTestLibrary *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(SpCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  path = sp_test_write_file (fixture->dir, "countries.json",
    "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
    " \"dataset\": {\"id\": \"test\", \"title\": \"Test\"},\n"
    " \"sources\": [{\"id\": \"src\", \"title\": \"An article\"}],\n"
    " \"actors\": [{\"id\": \"fr\", \"kind\": \"country\", \"name\": \"France\"},\n"
    "            {\"id\": \"de\", \"kind\": \"country\", \"name\": \"Germany\"},\n"
    "            {\"id\": \"ee\", \"kind\": \"country\", \"name\": \"Estonia\"},\n"
    "            {\"id\": \"zoe\", \"kind\": \"person\", \"name\": \"Zoé\", \"country\": \"fr\"},\n"
    "            {\"id\": \"anne\", \"kind\": \"person\", \"name\": \"Anne\", \"country\": \"fr\"},\n"
    "            {\"id\": \"max\", \"kind\": \"person\", \"name\": \"Max\", \"country\": \"de\"},\n"
    "            {\"id\": \"un\", \"kind\": \"organization\", \"name\": \"United Nations\"},\n"
    "            {\"id\": \"eu\", \"kind\": \"organization\", \"name\": \"European Union\"}],\n"
    " \"topics\": [{\"id\": \"a\", \"label\": \"A <b>&amp;</b>\", \"proposition\": \"A is good\"},\n"
    "            {\"id\": \"b\", \"label\": \"B\", \"proposition\": \"B is good\"},\n"
    "            {\"id\": \"c\", \"label\": \"C\", \"proposition\": \"C is good\"}],\n"
    " \"statements\": [\n"
    "  {\"id\": \"s1\", \"speaker\": \"fr\", \"topic\": \"a\", \"stance\": \"support\", \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"},\n"
    "  {\"id\": \"s2\", \"speaker\": \"fr\", \"topic\": \"b\", \"stance\": \"oppose\", \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"},\n"
    "  {\"id\": \"s3\", \"speaker\": \"zoe\", \"topic\": \"a\", \"stance\": \"mixed\", \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"},\n"
    "  {\"id\": \"s4\", \"speaker\": \"anne\", \"topic\": \"a\", \"stance\": \"neutral\", \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"},\n"
    "  {\"id\": \"s5\", \"speaker\": \"max\", \"topic\": \"b\", \"stance\": \"unclear\", \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"},\n"
    "  {\"id\": \"s6\", \"speaker\": \"un\", \"topic\": \"b\", \"stance\": \"support\", \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"},\n"
    "  {\"id\": \"s7\", \"speaker\": \"eu\", \"topic\": \"a\", \"stance\": \"support\", \"paraphrase\": \"p\", \"said\": \"2025\", \"source\": \"src\"}]}\n");
  sp_test_import (fixture->library, path);

  catalog = sp_catalog_load (fixture->library, &error);
  g_assert_no_error (error);
  text = describe_catalog (catalog);

  g_assert_cmpstr (text, ==,
                   "dataset test “Test” 7\n"
                   "country fr “France” 2\n"
                   "  person anne “Anne” 1 in fr “France”\n"
                   "  person zoe “Zoé” 1 in fr “France”\n"
                   "country de “Germany” 0\n"
                   "  person max “Max” 1 in de “Germany”\n"
                   "organization eu “European Union” 1\n"
                   "organization un “United Nations” 1\n"
                   "topic a “A <b>&amp;</b>” “A is good” 4\n"
                   "topic b “B” “B is good” 3\n");
}

static void
test_empty (SpTestLibrary *fixture,
            gconstpointer  data)
{
  g_autoptr(SpCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  catalog = sp_catalog_load (fixture->library, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_cmpuint (catalog->datasets->len, ==, 0);
  g_assert_cmpuint (catalog->countries->len, ==, 0);
  g_assert_cmpuint (catalog->organizations->len, ==, 0);
  g_assert_cmpuint (catalog->persons->len, ==, 0);
  g_assert_cmpuint (catalog->topics->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/catalog/" path, SpTestLibrary, NULL, \
              sp_test_library_set_up, func, sp_test_library_tear_down)
  ADD ("bundled", test_bundled);
  ADD ("countries", test_countries);
  ADD ("empty", test_empty);
#undef ADD

  return g_test_run ();
}
