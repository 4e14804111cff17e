#include "config.h"

#include <adwaita.h>

#include "sp-details-pane.h"
#include "sp-importer.h"
#include "sp-test-util.h"

typedef struct {
  char       *dir;
  SpLibrary  *library;
  GtkWidget  *window;
  GtkWidget  *pane;
  SpItemKind  activated_kind;
  gint64      activated_pk;
} Fixture;

static void
item_activated (SpDetailsPane *pane,
                int            kind,
                gint64         pk,
                Fixture       *fixture)
{
  fixture->activated_kind = kind;
  fixture->activated_pk = pk;
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  fixture->dir = g_dir_make_tmp ("standpoint-details-pane-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = sp_test_open_library (fixture->dir, sp_test_bundled_dataset ());

  fixture->pane = sp_details_pane_new ();
  g_signal_connect (fixture->pane, "item-activated", G_CALLBACK (item_activated), fixture);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 460, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->pane);
  gtk_window_present (GTK_WINDOW (fixture->window));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (fixture->pane) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (fixture->pane));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();
  g_clear_object (&fixture->library);
  sp_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
find_pk (Fixture    *fixture,
         const char *table,
         const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pk FROM %s WHERE id = '%s'", table, id);

  return sp_test_query_int (fixture->library, sql);
}

/* The first mapped widget of @type under @root for which @match, when not
 * NULL, holds. */
static GtkWidget *
find_mapped (GtkWidget  *root,
             GType       type,
             gboolean  (*match) (GtkWidget *, const char *),
             const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, text)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_is (GtkWidget  *label,
          const char *text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0;
}

static gboolean
row_title_is (GtkWidget  *row,
              const char *title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0;
}

static gboolean
row_subtitle_is (GtkWidget  *row,
                 const char *subtitle)
{
  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) == 0;
}

static gboolean
link_is (GtkWidget  *link,
         const char *uri)
{
  return g_strcmp0 (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), uri) == 0;
}

static GtkWidget *
find_label (Fixture    *fixture,
            const char *text)
{
  return find_mapped (fixture->pane, GTK_TYPE_LABEL, label_is, text);
}

#define assert_shown(fixture, text) \
  G_STMT_START { \
    if (find_label ((fixture), (text)) == NULL) \
      g_error ("no visible label “%s”", (text)); \
  } G_STMT_END

#define assert_not_shown(fixture, text) \
  G_STMT_START { \
    if (find_label ((fixture), (text)) != NULL) \
      g_error ("a visible label “%s”", (text)); \
  } G_STMT_END

static void
test_statement (Fixture       *fixture,
                gconstpointer  data)
{
  SpDetailsPane *pane = SP_DETAILS_PANE (fixture->pane);
  GtkWidget *stance;
  GtkWidget *row;

  assert_shown (fixture, "Nothing Selected");

  sp_details_pane_show (pane, fixture->library, SP_ITEM_STATEMENT,
                        find_pk (fixture, "statements", "st-hegseth-nato-unrealistic"));
  settle ();

  assert_not_shown (fixture, "Nothing Selected");
  assert_shown (fixture, "Statement");
  assert_shown (fixture, "Ukraine’s NATO membership");
  assert_shown (fixture, "Ukraine can realistically become a member of NATO");
  assert_shown (fixture, "12 Feb 2025");
  assert_shown (fixture, "Pete Hegseth");
  assert_shown (fixture, "Secretary of Defense, United States");
  assert_shown (fixture, "“unrealistic”");
  assert_shown (fixture, "Said it is “unrealistic” for Ukraine to join NATO while it is embroiled "
                         "in its ongoing conflict with Russia.");
  assert_shown (fixture, "Ukraine Defense Contact Group meeting chaired by the United Kingdom");
  assert_shown (fixture, "Feb 2025");
  assert_shown (fixture, "The US and the UK in the Ukraine Defense Contact Group, February 2025");
  assert_shown (fixture, "Nearby on This Topic");
  assert_shown (fixture, "Unnamed European officials");
  assert_not_shown (fixture, "Participants");

  /* The stance is a word, and its colour comes from its class. */
  stance = find_label (fixture, "Opposes");
  g_assert_nonnull (stance);
  g_assert_true (gtk_widget_has_css_class (stance, "stance"));
  g_assert_true (gtk_widget_has_css_class (stance, "stance-oppose"));

  /* The passage in the source's text, emphasised. */
  g_assert_nonnull (find_label (fixture,
                                "U.S. Secretary of Defense Pete Hegseth made waves on Wednesday with a candid "
                                "statement about the future of Ukraine’s NATO membership, saying it’s "
                                "“unrealistic” for the country to join the alliance while embroiled in its "
                                "ongoing conflict with Russia."));

  /* The article's address is not known: nothing to open. */
  g_assert_null (find_mapped (fixture->pane, GTK_TYPE_LINK_BUTTON, NULL, NULL));

  row = find_mapped (fixture->pane, ADW_TYPE_ACTION_ROW, row_title_is, "Unnamed European officials");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (fixture->activated_kind, ==, SP_ITEM_STATEMENT);
  g_assert_cmpint (fixture->activated_pk, ==, find_pk (fixture, "statements", "st-european-officials-nato-membership"));

  row = find_mapped (fixture->pane, ADW_TYPE_ACTION_ROW, row_title_is,
                     "Ukraine Defense Contact Group meeting chaired by the United Kingdom");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (fixture->activated_kind, ==, SP_ITEM_EVENT);
  g_assert_cmpint (fixture->activated_pk, ==, find_pk (fixture, "events", "contact-group-meeting-2025-02-12"));

  /* The speaker's row is not a way elsewhere. */
  row = find_mapped (fixture->pane, ADW_TYPE_ACTION_ROW, row_title_is, "Pete Hegseth");
  g_assert_nonnull (row);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  sp_details_pane_show (pane, fixture->library, SP_ITEM_STATEMENT,
                        find_pk (fixture, "statements", "st-hegseth-five-percent"));
  settle ();
  assert_shown (fixture, "5\u00a0% of GDP");
  assert_shown (fixture, "Supports");
  assert_not_shown (fixture, "Quote");
  assert_not_shown (fixture, "“unrealistic”");
  assert_not_shown (fixture, "In the Source");

  sp_details_pane_clear (pane);
  settle ();
  assert_shown (fixture, "Nothing Selected");
  assert_not_shown (fixture, "Pete Hegseth");
  assert_not_shown (fixture, "Supports");
}

static void
test_event (Fixture       *fixture,
            gconstpointer  data)
{
  SpDetailsPane *pane = SP_DETAILS_PANE (fixture->pane);
  GtkWidget *link;
  GtkWidget *row;

  sp_details_pane_show (pane, fixture->library, SP_ITEM_STATEMENT,
                        find_pk (fixture, "statements", "st-hegseth-nato-unrealistic"));
  sp_details_pane_show (pane, fixture->library, SP_ITEM_EVENT,
                        find_pk (fixture, "events", "contact-group-meeting-2025-02-12"));
  settle ();

  assert_shown (fixture, "Event");
  assert_shown (fixture, "Ukraine Defense Contact Group meeting chaired by the United Kingdom");
  assert_shown (fixture, "12 Feb 2025");
  assert_shown (fixture, "NATO headquarters, Brussels, Belgium");
  assert_shown (fixture, "Participants");
  assert_shown (fixture, "John Healey");
  assert_shown (fixture, "Chair");
  assert_shown (fixture, "Rustem Umerov");
  assert_shown (fixture, "Attendee");
  assert_shown (fixture, "Sources");
  assert_shown (fixture, "Wikipedia");
  assert_shown (fixture, "Statements Made There");
  assert_shown (fixture, "Ukraine’s NATO membership · “unrealistic”");
  assert_not_shown (fixture, "Statement");
  assert_not_shown (fixture, "Quote");
  assert_not_shown (fixture, "Secretary of Defense, United States");
  assert_not_shown (fixture, "Nearby on This Topic");

  link = find_mapped (fixture->pane, GTK_TYPE_LINK_BUTTON, NULL, NULL);
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==,
                   "https://en.wikipedia.org/wiki/Ukraine_Defense_Contact_Group");
  g_assert_nonnull (find_mapped (fixture->pane, GTK_TYPE_LINK_BUTTON, link_is,
                                 "https://en.wikipedia.org/wiki/Ukraine_Defense_Contact_Group"));

  row = find_mapped (fixture->pane, ADW_TYPE_ACTION_ROW, row_title_is, "John Healey");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (fixture->activated_pk, ==, 0);

  row = find_mapped (fixture->pane, ADW_TYPE_ACTION_ROW, row_subtitle_is,
                     "Ukraine’s NATO membership · “unrealistic”");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Pete Hegseth");
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (fixture->activated_kind, ==, SP_ITEM_STATEMENT);
  g_assert_cmpint (fixture->activated_pk, ==, find_pk (fixture, "statements", "st-hegseth-nato-unrealistic"));

  sp_details_pane_clear (pane);
  settle ();
  assert_shown (fixture, "Nothing Selected");
  assert_not_shown (fixture, "John Healey");
  g_assert_null (find_mapped (fixture->pane, GTK_TYPE_LINK_BUTTON, NULL, NULL));
}

/* Markup characters in a dataset are text, never markup. */
static void
test_as_written (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char dataset[] =
    "{\"format\": \"standpoint-dataset\", \"version\": 1,\n"
    " \"dataset\": {\"id\": \"markup\", \"title\": \"<i>Marked</i> & up\"},\n"
    " \"sources\": [{\"id\": \"src\", \"title\": \"A <b>\", \"publisher\": \"B & C\", \"published\": \"2019\","
    "   \"url\": \"https://example.org/?a=1&b=2\", \"text\": \"He said <x> & left.\"}],\n"
    " \"actors\": [{\"id\": \"tom\", \"kind\": \"person\", \"name\": \"Tom & <Jerry>\"}],\n"
    " \"topics\": [{\"id\": \"t\", \"label\": \"<big>T</big>\", \"proposition\": \"P & Q\"}],\n"
    " \"statements\": [{\"id\": \"s\", \"speaker\": \"tom\", \"topic\": \"t\", \"stance\": \"mixed\","
    "   \"quote\": \"<x> &\", \"paraphrase\": \"&amp;\", \"said\": \"2020\", \"source\": \"src\","
    "   \"offsets\": [8, 13]},\n"
    "  {\"id\": \"other\", \"speaker\": \"tom\", \"topic\": \"t\", \"stance\": \"unclear\","
    "   \"paraphrase\": \"<u>x</u>\", \"said\": \"2021\", \"source\": \"src\"}]}\n";
  g_autofree char *path = g_build_filename (fixture->dir, "markup.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SpImporter) importer = sp_importer_new (fixture->library, file);
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  g_file_set_contents (path, dataset, -1, &error);
  g_assert_no_error (error);
  g_assert_true (sp_importer_run (importer, NULL, &error));
  g_assert_no_error (error);

  sp_details_pane_show (SP_DETAILS_PANE (fixture->pane), fixture->library, SP_ITEM_STATEMENT,
                        find_pk (fixture, "statements", "s"));
  settle ();

  assert_shown (fixture, "<big>T</big>");
  assert_shown (fixture, "P & Q");
  assert_shown (fixture, "Mixed");
  assert_shown (fixture, "“<x> &”");
  assert_shown (fixture, "&amp;");
  assert_shown (fixture, "Tom & <Jerry>");
  assert_shown (fixture, "A <b>");
  assert_shown (fixture, "B & C · 2019");
  assert_shown (fixture, "https://example.org/?a=1&b=2");
  assert_shown (fixture, "He said <x> & left.");
  assert_shown (fixture, "<i>Marked</i> & up");
  row = find_mapped (fixture->pane, ADW_TYPE_ACTION_ROW, row_subtitle_is, "2021 · <u>x</u>");
  g_assert_nonnull (row);
  g_assert_true (find_mapped (row, GTK_TYPE_LABEL, label_is, "Unclear") != NULL);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  sp_details_pane_show (SP_DETAILS_PANE (fixture->pane), fixture->library, SP_ITEM_EVENT, 999999);
  settle ();

  assert_shown (fixture, "Cannot Show the Details");
  assert_shown (fixture, "The event is no longer in the library");
  assert_not_shown (fixture, "Nothing Selected");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  if (!sp_test_init_gui (&argc, &argv, &data_home))
    return g_test_run ();

  g_test_add ("/details-pane/statement", Fixture, NULL, fixture_set_up, test_statement, fixture_tear_down);
  g_test_add ("/details-pane/event", Fixture, NULL, fixture_set_up, test_event, fixture_tear_down);
  g_test_add ("/details-pane/as-written", Fixture, NULL, fixture_set_up, test_as_written, fixture_tear_down);
  g_test_add ("/details-pane/missing", Fixture, NULL, fixture_set_up, test_missing, fixture_tear_down);

  status = g_test_run ();
  sp_test_remove_tree (data_home);

  return status;
}
