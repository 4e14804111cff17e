#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-board-view.h"
#include "sp-comparison-view.h"
#include "sp-date.h"
#include "sp-i18n.h"
#include "sp-importer.h"
#include "sp-model.h"
#include "sp-sidebar.h"
#include "sp-test-util.h"
#include "sp-timeline-view.h"
#include "sp-window.h"

/* The interface in the user's language and locale.  tests/meson.build
 * runs this program in German, in Ukrainian (locales compiled by
 * make-locales.sh, translations from the build tree) and in the C locale
 * with a right-to-left interface; each run adds the tests of its locale. */

typedef struct {
  const char *language;
  const char *day;        /* 12 Feb 2025, written out */
  const char *month;      /* Feb 2025 */
  const char *ancient;    /* 0044 BCE, as the format writes -0043 */
  const char *quantity;   /* 1234.5 % of GDP */
  const char *import;     /* the header's Import button */
  const char *count;      /* the bundled dataset's "15 statements" */
  const char *timeline;   /* the view switcher's page */
} Expected;

static const Expected expectations[] = {
  { "de", "12. Feb. 2025", "Feb. 2025", "44 v. Chr.", "1.234,5\u00a0% of GDP",
    "_Importieren", "15 Aussagen", "_Zeitleiste" },
  { "uk", "12 лют. 2025", "лют. 2025", "44 до н. е.", "1\u202f234,5\u00a0% of GDP",
    "_Імпортувати", "15 заяв", "_Часова шкала" },
};

static const Expected *expected;
static SpApplication *app;

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
format_date (const char *text)
{
  SpDate date;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_date_parse (text, -1, &date, &error));
  g_assert_no_error (error);

  return sp_date_format (&date);
}

static void
test_dates (void)
{
  g_autofree char *day = format_date ("2025-02-12");
  g_autofree char *month = format_date ("2025-02");
  g_autofree char *ancient = format_date ("-0043");

  g_assert_cmpstr (day, ==, expected->day);
  g_assert_cmpstr (month, ==, expected->month);
  g_assert_cmpstr (ancient, ==, expected->ancient);
}

static void
test_numbers (void)
{
  g_autofree char *quantity = sp_format_quantity (1234.5, "% of GDP");
  g_autofree char *whole = sp_format_quantity (5, "% of GDP");

  g_assert_cmpstr (quantity, ==, expected->quantity);
  g_assert_cmpstr (whole, ==, "5\u00a0% of GDP");
}

/* Ukrainian has three plural forms: 1 and 21; 2 to 4 and 22; the rest. */
static void
test_plural_forms (void)
{
  const char *one = g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", 1);
  const char *few = g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", 3);
  const char *many = g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", 5);

  g_assert_cmpstr (one, ==, "%'u заява");
  g_assert_cmpstr (few, ==, "%'u заяви");
  g_assert_cmpstr (many, ==, "%'u заяв");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", 21), ==, one);
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", 11), ==, many);
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", 22), ==, few);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_button_get_label (GTK_BUTTON (widget))));
  else if (ADW_IS_VIEW_STACK (widget))
    for (GtkWidget *page = gtk_widget_get_first_child (widget); page; page = gtk_widget_get_next_sibling (page))
      {
        const char *title = adw_view_stack_page_get_title (adw_view_stack_get_page (ADW_VIEW_STACK (widget), page));

        if (title != NULL)
          g_ptr_array_add (texts, g_strdup (title));
      }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

static SpWindow *
open_window (void)
{
  SpWindow *window = sp_window_new (app);
  SpTimelineView *timeline;
  SpTimelineIndex *index;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  timeline = SP_TIMELINE_VIEW (sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_TIMELINE_VIEW));
  g_assert_nonnull (timeline);
  while (g_get_monotonic_time () < deadline &&
         ((index = sp_timeline_view_get_index (timeline)) == NULL || !sp_timeline_index_is_complete (index)))
    g_main_context_iteration (NULL, TRUE);
  settle ();

  return window;
}

/* The interface speaks the language; the dataset keeps its own words. */
static void
test_window (void)
{
  SpWindow *window = open_window ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_texts (GTK_WIDGET (window), texts);
  g_assert_true (has_text (texts, expected->import));
  g_assert_true (has_text (texts, expected->count));
  g_assert_true (has_text (texts, expected->timeline));
  g_assert_true (has_text (texts, "The US and the UK in the Ukraine Defense Contact Group, February 2025"));
  g_assert_true (has_text (texts, "United Kingdom"));
  g_assert_false (has_text (texts, "_Import"));
  g_assert_false (has_text (texts, "15 statements"));

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* With a right-to-left interface the window mirrors: the sidebar on the
 * right, the details on the left, and the board's columns from the right,
 * topics first; time on the timeline still runs left to right, as on a
 * chart's axis. */
static void
test_right_to_left (void)
{
  SpWindow *window;
  GtkWidget *timeline, *sidebar, *stack, *comparison;
  SpBoardView *board;
  graphene_rect_t timeline_bounds, sidebar_bounds, first, second;
  gint64 deadline;

  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  window = open_window ();

  timeline = sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_TIMELINE_VIEW);
  sidebar = sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_SIDEBAR);
  g_assert_nonnull (sidebar);
  g_assert_true (gtk_widget_compute_bounds (timeline, GTK_WIDGET (window), &timeline_bounds));
  g_assert_true (gtk_widget_compute_bounds (sidebar, GTK_WIDGET (window), &sidebar_bounds));
  g_assert_cmpfloat (sidebar_bounds.origin.x, >=, timeline_bounds.origin.x + timeline_bounds.size.width);

  stack = sp_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  comparison = sp_test_find_widget (GTK_WIDGET (window), SP_TYPE_COMPARISON_VIEW);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "comparison");
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (sp_comparison_view_get_comparison (SP_COMPARISON_VIEW (comparison)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  settle ();

  board = SP_BOARD_VIEW (sp_test_find_widget (comparison, SP_TYPE_BOARD_VIEW));
  g_assert_nonnull (board);
  /* The board lays itself out once it has its width. */
  while (!sp_board_view_get_cell_bounds (board, 0, 0, &first) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sp_board_view_get_cell_bounds (board, 0, 0, &first));
  g_assert_true (sp_board_view_get_cell_bounds (board, 0, 1, &second));
  g_assert_cmpfloat (first.origin.x, >=, second.origin.x + second.size.width);
  /* The topic column is the rightmost: nothing of the sides lies beyond
   * the first side's column but the topic's label. */
  g_assert_cmpfloat (first.origin.x + first.size.width, <, gtk_widget_get_width (GTK_WIDGET (board)) - 100.0);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  const char *messages;
  int status;

  data_home = g_dir_make_tmp ("standpoint-test-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  sp_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  /* A locale that failed to load leaves "C": that must fail, not pass
   * as the right-to-left run. */
  messages = setlocale (LC_MESSAGES, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_str_has_prefix (messages, expectations[i].language))
      expected = &expectations[i];
  if (expected == NULL && g_getenv ("STANDPOINT_TEST_LOCALE") != NULL)
    g_error ("the locale %s did not load (LOCPATH=%s)", g_getenv ("STANDPOINT_TEST_LOCALE"), g_getenv ("LOCPATH"));

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  app = sp_test_new_application ();
  sp_test_import_bundled (app);

  if (expected != NULL)
    {
      g_test_add_func ("/i18n/dates", test_dates);
      g_test_add_func ("/i18n/numbers", test_numbers);
      g_test_add_func ("/i18n/window", test_window);
      if (strcmp (expected->language, "uk") == 0)
        g_test_add_func ("/i18n/plural-forms", test_plural_forms);
    }
  else
    {
      g_test_add_func ("/i18n/right-to-left", test_right_to_left);
    }

  status = g_test_run ();
  g_clear_object (&app);
  sp_test_remove_tree (data_home);

  return status;
}
