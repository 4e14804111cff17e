#define G_LOG_DOMAIN "standpoint-comparison-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-board-render.h"
#include "sp-board-view.h"
#include "sp-catalog.h"
#include "sp-comparison-view.h"
#include "sp-date.h"
#include "sp-timeline-index.h"

/* The comparison: pickers for the sides, the topics and the as-of date
 * over the board, which the render code draws with its agreement summary.
 * What it shows comes from the view state, so the timeline and the
 * comparison stay in step: a cell selects its statement, and a statement
 * selected elsewhere moves the as-of date to its day. */

#define SECONDS_PER_DAY 86400
/* Beyond this many days with statements, ticks on the date slider would
 * run together. */
#define MAX_DAY_MARKS 60

struct _SpComparisonView
{
  GtkWidget          parent_instance;

  SpViewState       *state;
  SpLibrary         *library;
  SpCatalog         *catalog;
  GListStore        *actor_names;     /* the pickers' model: GtkStringObjects carrying their SpCatalogActor */
  GHashTable        *actor_positions; /* id -> position in actor_names + 1 */
  /* Every statement with a lane per country: statement dates and which
   * countries spoke most.  NULL while loading. */
  SpTimelineIndex   *index;
  GCancellable      *loading;
  GCancellable      *catalog_loading;  /* while a large library's catalog is read */
  gboolean           topic_checks_stale;  /* made when the topics menu opens */
  gint64             first_said;      /* earliest and latest statement's lo */
  gint64             last_said;
  GStrv              ranked_sides;    /* countries, then other speakers, most statements first */
  GStrv              default_sides;   /* the first two ranked */
  SpComparison      *comparison;

  gboolean           updating;        /* while the controls are set from the state */
  gboolean           selecting;       /* while writing the selection to the state */

  GtkWidget         *pickers[SP_COMPARISON_MAX_SIDES];
  GtkWidget         *picker_boxes[SP_COMPARISON_MAX_SIDES];

  GtkBox            *sides_box;
  GtkMenuButton     *topics_button;
  GtkBox            *topics_box;
  GtkCheckButton    *all_topics_check;
  GtkScale          *as_of_scale;
  GtkAdjustment     *as_of_adjustment;
  GtkEntry          *as_of_entry;
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkScrolledWindow *scroller;
  SpBoardView       *board;
  GtkToggleButton   *table_button;
  gboolean           table_stale;  /* the table shows an earlier comparison */
  GtkBox            *table;
};

G_DEFINE_FINAL_TYPE (SpComparisonView, sp_comparison_view, GTK_TYPE_WIDGET)

static gint64
day_of (gint64 time)
{
  return time >= 0 ? time / SECONDS_PER_DAY : -((-time - 1) / SECONDS_PER_DAY) - 1;
}

static gint64
end_of_day (gint64 day)
{
  return day * SECONDS_PER_DAY + SECONDS_PER_DAY - 1;
}

/* "2025-02-12", as the dataset writes dates. */
static char *
day_to_string (gint64 time)
{
  SpDate date;

  if (!sp_date_init_from_bounds (&date, day_of (time) * SECONDS_PER_DAY, SP_DATE_PRECISION_DAY, 0, 0, FALSE))
    return g_strdup ("");

  return sp_date_to_string (&date);
}

static gint64
get_as_of (SpComparisonView *self)
{
  gint64 as_of = sp_view_state_get_as_of (self->state);

  return as_of != 0 ? as_of : end_of_day (day_of (self->last_said));
}

/* The sides the pickers show: the chosen ones, or the defaults. */
static const char * const *
get_sides (SpComparisonView *self)
{
  const char * const *sides = sp_view_state_get_sides (self->state);

  return sides != NULL ? sides : (const char * const *)self->default_sides;
}

static const SpCatalogActor *
find_actor (SpComparisonView *self,
            const char       *id,
            guint            *position)
{
  gpointer value = g_hash_table_lookup (self->actor_positions, id);
  g_autoptr(GObject) item = NULL;

  if (value == NULL)
    return NULL;

  if (position != NULL)
    *position = GPOINTER_TO_UINT (value) - 1;
  item = g_list_model_get_item (G_LIST_MODEL (self->actor_names), GPOINTER_TO_UINT (value) - 1);
  return g_object_get_data (item, "sp-actor");
}

static const SpComparisonRow *
get_row (SpComparisonView *self,
         guint             row)
{
  return g_ptr_array_index (self->comparison->rows, row);
}

/* Description of a cell, for the board's accessible description. */
static char *
describe_cell (SpComparisonView *self,
               guint             row_index,
               guint             side)
{
  const SpComparisonRow *row = get_row (self, row_index);
  const SpCell *cell = &row->cells[side];
  const SpEvidence *latest = cell->latest;
  g_autofree char *words = NULL;
  g_autofree char *speaker = NULL;
  GString *text;

  if (cell->state == SP_CELL_NO_POSITION || latest == NULL)
    /* Translators: the description of a board cell: a side, a topic, and
     * the as-of date, as in "United Kingdom, Ukraine’s NATO membership: no
     * recorded position as of 12 Feb 2025" */
    return g_strdup_printf (_("%1$s, %2$s: no recorded position as of %3$s"),
                            self->comparison->sides[side].name, row->label,
                            self->comparison->as_of_label);

  if (latest->quote != NULL)
    /* Translators: a quotation; use your language's quotation marks */
    words = g_strdup_printf (C_("quotation", "“%s”"), latest->quote);
  else
    words = g_strdup (latest->paraphrase != NULL ? latest->paraphrase : "");

  if (latest->office != NULL)
    /* Translators: a speaker and the office they held, as in "Pete Hegseth,
     * Secretary of Defense, United States" */
    speaker = g_strdup_printf (C_("speaker", "%1$s, %2$s"), latest->speaker, latest->office);
  else
    speaker = g_strdup (latest->speaker);

  text = g_string_new (NULL);
  /* Translators: the description of a board cell: a side, a topic, the
   * stance, the words, who said them and when, as in "United States,
   * Ukraine’s NATO membership: Opposes. “…unrealistic…” Pete Hegseth,
   * Secretary of Defense, United States, 12 Feb 2025." */
  g_string_printf (text, _("%1$s, %2$s: %3$s. %4$s %5$s, %6$s."),
                   self->comparison->sides[side].name, row->label,
                   sp_stance_get_label (cell->stance), words, speaker, latest->said);
  if (cell->shifted)
    {
      g_string_append_c (text, ' ');
      /* Translators: the stance a side held before, and when */
      g_string_append_printf (text, _("Earlier: %1$s, %2$s."),
                              sp_stance_get_label (cell->shifted_from), cell->shifted_from_date);
    }

  return g_string_free (text, FALSE);
}

/* Agreement */

static char *
agreement_text (const guint *counts,
                const char  *separator)
{
  g_autofree char *agree = NULL;
  g_autofree char *differ = NULL;
  g_autofree char *incomparable = NULL;

  agree = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Agree on %u topic", "Agree on %u topics",
                                        counts[SP_AGREEMENT_AGREE]),
                           counts[SP_AGREEMENT_AGREE]);
  differ = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Differ on %u topic", "Differ on %u topics",
                                         counts[SP_AGREEMENT_DIFFER]),
                            counts[SP_AGREEMENT_DIFFER]);
  incomparable = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cannot compare %u topic", "Cannot compare %u topics",
                                               counts[SP_AGREEMENT_INCOMPARABLE]),
                                  counts[SP_AGREEMENT_INCOMPARABLE]);

  return g_strjoin (separator, agree, differ, incomparable, NULL);
}

/* How far each pair of sides agrees, as the board draws it above the
 * topics. */
static char *
describe_agreement (SpComparisonView *self)
{
  const SpComparison *comparison = self->comparison;
  GString *text = g_string_new (NULL);

  for (guint a = 0; a < comparison->n_sides; a++)
    {
      for (guint b = a + 1; b < comparison->n_sides; b++)
        {
          /* Translators: between the counts of topics on which two sides
           * agree, differ, or cannot be compared */
          g_autofree char *counts = agreement_text (comparison->counts[a][b], C_("agreement", ", "));

          if (text->len > 0)
            g_string_append_c (text, ' ');
          /* Translators: the agreement of two sides, as in "United States
           * and Ukraine: Agree on 1 topic, Differ on 1 topic, Cannot compare
           * 5 topics." */
          g_string_append_printf (text, _("%1$s and %2$s: %3$s."),
                                  comparison->sides[a].name, comparison->sides[b].name, counts);
        }
    }

  return g_string_free (text, FALSE);
}

/* The selected cell, or with none the agreement of the sides. */
static void
update_board_description (SpComparisonView *self)
{
  g_autofree char *description = NULL;
  guint row, side;

  if (self->comparison != NULL && sp_board_view_get_selected (self->board, &row, &side))
    description = describe_cell (self, row, side);
  else if (self->comparison != NULL)
    description = describe_agreement (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->board),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No cell selected"),
                                  -1);
}

/* Scrolls as little as needed to show the selected cell. */
static void
reveal_selected_cell (SpComparisonView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  graphene_rect_t bounds;
  graphene_point_t top;
  double value, page;
  guint row, side;

  if (!sp_board_view_get_selected (self->board, &row, &side) ||
      !sp_board_view_get_cell_bounds (self->board, row, side, &bounds) ||
      !gtk_widget_compute_point (GTK_WIDGET (self->board), content, &bounds.origin, &top))
    return;

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (top.y < value)
    gtk_adjustment_set_value (adjustment, top.y);
  else if (top.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, top.y + bounds.size.height - page);
}

/* The cell that shows statement @pk: as its latest, or else among the
 * statements behind it (one said the same day, say). */
static gboolean
find_statement_cell (SpComparisonView *self,
                     gint64            pk,
                     guint            *row_out,
                     guint            *side_out)
{
  gboolean found = FALSE;

  if (self->comparison == NULL)
    return FALSE;

  for (guint row = 0; row < self->comparison->rows->len; row++)
    {
      const SpComparisonRow *comparison_row = get_row (self, row);

      for (guint side = 0; side < self->comparison->n_sides; side++)
        {
          const SpCell *cell = &comparison_row->cells[side];

          if (cell->latest != NULL && cell->latest->pk == pk)
            {
              *row_out = row;
              *side_out = side;
              return TRUE;
            }

          for (guint i = 0; !found && i < cell->evidence->len; i++)
            {
              if (((SpEvidence *)g_ptr_array_index (cell->evidence, i))->pk == pk)
                {
                  *row_out = row;
                  *side_out = side;
                  found = TRUE;
                }
            }
        }
    }

  return found;
}

/* Evidence */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* Text a reader may copy with the pointer; kept out of the focus chain,
 * where a selectable label would select all of itself when the popover
 * opens. */
static void
set_copyable (GtkWidget *label)
{
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
}

/* The stance as a word in a pill whose colour repeats it. */
static GtkWidget *
new_stance_pill (SpStance stance)
{
  g_autofree char *css_class = g_strdup_printf ("stance-%s", sp_stance_to_string (stance));
  GtkWidget *label = gtk_label_new (sp_stance_get_label (stance));

  gtk_widget_add_css_class (label, "stance");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);

  return label;
}

static GtkWidget *
new_citation (const SpCitation *citation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *label;

  /* Translators: a numbered source, as in "[1] Reuters · Title · 12 Feb 2025" */
  g_string_printf (text, C_("citation", "[%1$u] %2$s"), citation->number, citation->title);
  if (citation->publisher != NULL)
    /* Translators: between a source's title and its publisher or date */
    g_string_append_printf (text, C_("source", " · %s"), citation->publisher);
  if (citation->published != NULL)
    g_string_append_printf (text, C_("source", " · %s"), citation->published);

  label = new_label (text->str, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  set_copyable (label);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);

  if (citation->url != NULL)
    {
      g_autofree char *name = NULL;
      GtkWidget *link = gtk_link_button_new (citation->url);

      gtk_button_set_icon_name (GTK_BUTTON (link), "adw-external-link-symbolic");
      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (link, "flat");
      /* Translators: the accessible name of a button that opens a source's
       * address; %s is the source's title */
      name = g_strdup_printf (_("Open “%s” in a Browser"), citation->title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (GTK_BOX (box), link);
    }

  return box;
}

static GtkWidget *
new_evidence (SpComparisonView *self,
              const SpEvidence *evidence)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  g_autofree char *speaker = NULL;
  GtkWidget *words;
  GtkWidget *label;

  gtk_box_append (GTK_BOX (header), new_stance_pill (evidence->stance));
  label = new_label (evidence->said, "dim-label");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (box), header);

  if (evidence->office != NULL)
    speaker = g_strdup_printf (C_("speaker", "%1$s, %2$s"), evidence->speaker, evidence->office);
  else
    speaker = g_strdup (evidence->speaker);
  gtk_box_append (GTK_BOX (box), new_label (speaker, "heading"));

  /* The words in a card, as the details pane shows them. */
  words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (words, "card");
  gtk_widget_add_css_class (words, "words");
  gtk_box_append (GTK_BOX (box), words);

  if (evidence->quote != NULL)
    {
      g_autofree char *quote = g_strdup_printf (C_("quotation", "“%s”"), evidence->quote);

      label = new_label (quote, "quote");
      set_copyable (label);
      gtk_box_append (GTK_BOX (words), label);
    }
  if (evidence->paraphrase != NULL)
    {
      /* In italics, as on the board, so it is never taken for a quote. */
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", evidence->paraphrase);

      label = new_label (NULL, evidence->quote != NULL ? "dim-label" : NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      set_copyable (label);
      gtk_box_append (GTK_BOX (words), label);
    }
  if (evidence->has_quantity)
    {
      g_autofree char *amount = sp_format_quantity (evidence->quantity, evidence->unit);
      g_autofree char *quantity = NULL;

      /* Translators: an amount a statement names, as in "Amount named: 5 % of GDP" */
      quantity = g_strdup_printf (_("Amount named: %s"), amount);
      gtk_box_append (GTK_BOX (box), new_label (quantity, NULL));
    }

  if (evidence->citation > 0 && evidence->citation <= self->comparison->citations->len)
    gtk_box_append (GTK_BOX (box),
                    new_citation (g_ptr_array_index (self->comparison->citations, evidence->citation - 1)));

  return box;
}

/* A popover's scrolling page, and in @box the column it shows. */
static GtkWidget *
new_popover_page (GtkWidget **box)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (*box, 12);
  gtk_widget_set_margin_bottom (*box, 12);
  gtk_widget_set_margin_start (*box, 12);
  gtk_widget_set_margin_end (*box, 12);
  gtk_widget_set_size_request (*box, 360, -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), *box);

  return scroller;
}

static GtkWidget *
new_evidence_content (SpComparisonView *self,
                      guint             row_index,
                      guint             side)
{
  const SpComparisonRow *row = get_row (self, row_index);
  const SpCell *cell = &row->cells[side];
  GtkWidget *box;
  GtkWidget *scroller = new_popover_page (&box);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *accessible = NULL;
  GtkWidget *label;

  label = new_label (self->comparison->sides[side].name, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (GTK_BOX (heading), new_label (row->label, "title-4"));
  gtk_box_append (GTK_BOX (heading), new_label (row->proposition, "proposition"));
  gtk_box_append (GTK_BOX (box), heading);

  if (cell->state == SP_CELL_NO_POSITION)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a date, as in "12 Feb 2025" */
      text = g_strdup_printf (_("No recorded position as of %s. A side without a statement "
                                "on a topic is not counted as neutral."),
                              self->comparison->as_of_label);
      gtk_box_append (GTK_BOX (box), new_label (text, "dim-label"));
    }
  else if (cell->shifted)
    {
      g_autofree char *text = NULL;

      /* Translators: a side's change of stance: the earlier stance and
       * the date of the statement that held it, then the latest stance */
      text = g_strdup_printf (_("Changed from %1$s (%2$s) to %3$s"),
                              sp_stance_get_label (cell->shifted_from), cell->shifted_from_date,
                              sp_stance_get_label (cell->stance));
      gtk_box_append (GTK_BOX (box), new_label (text, NULL));
    }

  for (guint i = 0; i < cell->evidence->len; i++)
    {
      gtk_box_append (GTK_BOX (list), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (list), new_evidence (self, g_ptr_array_index (cell->evidence, i)));
    }
  gtk_box_append (GTK_BOX (box), list);

  /* Translators: the accessible name of the list of statements behind a
   * board cell, as in "Statements of United States on Ukraine’s NATO membership" */
  accessible = g_strdup_printf (_("Statements of %1$s on %2$s"),
                                self->comparison->sides[side].name, row->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return scroller;
}

/* All of a side's roles, which the board may only count, each with its
 * source. */
static GtkWidget *
new_roles_content (SpComparisonView *self,
                   guint             side)
{
  const SpSide *the_side = &self->comparison->sides[side];
  GtkWidget *box;
  GtkWidget *scroller = new_popover_page (&box);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *note = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *label;
  gboolean earlier = FALSE;

  label = new_label (the_side->name, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (GTK_BOX (heading), new_label (_("Roles"), "title-4"));
  /* Translators: %s is a date, as in "12 Feb 2025" */
  note = g_strdup_printf (_("Offices and parts in events on %s, and before"), self->comparison->as_of_label);
  gtk_box_append (GTK_BOX (heading), new_label (note, "proposition"));
  gtk_box_append (GTK_BOX (box), heading);

  if (the_side->roles->len == 0)
    gtk_box_append (GTK_BOX (box), new_label (_("No recorded role"), "dim-label"));

  for (guint i = 0; i < the_side->roles->len; i++)
    {
      const SpSideRole *role = g_ptr_array_index (the_side->roles, i);
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      if (!role->current && !earlier)
        {
          label = new_label (_("Earlier"), "caption-heading");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (list), label);
          earlier = TRUE;
        }
      gtk_box_append (GTK_BOX (list), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      label = new_label (role->text, role->current ? NULL : "dim-label");
      set_copyable (label);
      gtk_box_append (GTK_BOX (item), label);
      if (role->citation > 0 && role->citation <= self->comparison->citations->len)
        gtk_box_append (GTK_BOX (item), new_citation (g_ptr_array_index (self->comparison->citations,
                                                                          role->citation - 1)));
      gtk_box_append (GTK_BOX (list), item);
    }
  gtk_box_append (GTK_BOX (box), list);

  /* Translators: the accessible name of the list of a side's roles, as in
   * "Roles of United Kingdom" */
  accessible = g_strdup_printf (_("Roles of %s"), the_side->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return scroller;
}

/* Table */

/* A label in a table's role: screen readers announce it as a cell and its
 * headers as headers.  @name, when given, says what the text alone does
 * not: which side and topic the cell is about. */
static void
append_table_cell (GtkWidget         *row,
                   GtkAccessibleRole  role,
                   const char        *markup,
                   const char        *name)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", role,
                                   "use-markup", TRUE,
                                   "label", markup,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "xalign", 0.0f,
                                   "yalign", 0.0f,
                                   NULL);

  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (row), label);
}

static void
append_table_heading (GtkWidget         *row,
                      GtkAccessibleRole  role,
                      const char        *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);

  append_table_cell (row, role, markup, NULL);
}

static GtkWidget *
append_table_row (SpComparisonView *self,
                  const char       *name)
{
  GtkWidget *row = g_object_new (GTK_TYPE_BOX,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_ROW,
                                 "homogeneous", TRUE,
                                 "spacing", 18,
                                 NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (self->table, row);
  return row;
}

static char *
cell_markup (SpComparisonView *self,
             guint             row_index,
             guint             side)
{
  const SpCell *cell = &get_row (self, row_index)->cells[side];
  const SpEvidence *latest = cell->latest;
  g_autofree char *stance = NULL;
  g_autofree char *words = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *earlier = NULL;

  if (cell->state == SP_CELL_NO_POSITION || latest == NULL)
    return g_markup_printf_escaped ("<i>%s</i>", _("No recorded position"));

  stance = g_markup_printf_escaped ("<b>%s</b>", sp_stance_get_label (cell->stance));
  if (latest->quote != NULL)
    words = g_markup_printf_escaped (C_("quotation", "“%s”"), latest->quote);
  else
    words = g_markup_printf_escaped ("<i>%s</i>", latest->paraphrase != NULL ? latest->paraphrase : "");
  if (latest->office != NULL)
    byline = g_markup_printf_escaped (_("— %s, %s, %s"), latest->speaker, latest->office, latest->said);
  else
    byline = g_markup_printf_escaped (_("— %s, %s"), latest->speaker, latest->said);
  if (cell->shifted)
    earlier = g_markup_printf_escaped (_("Earlier: %1$s, %2$s."),
                                       sp_stance_get_label (cell->shifted_from), cell->shifted_from_date);

  return g_strjoin ("\n", stance, words, byline, earlier, NULL);
}

/* The board again as a table of text: a header row with the sides, a row
 * of their roles, then a row per topic.  Where the board is a drawing,
 * this is what screen readers can walk cell by cell, and what a reader who
 * does not tell the colours apart can read. */
static void
fill_table (SpComparisonView *self)
{
  const SpComparison *comparison = self->comparison;
  g_autofree char *description = NULL;
  GtkWidget *child;
  GtkWidget *row;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_box_remove (self->table, child);

  if (comparison == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  description = describe_agreement (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  row = append_table_row (self, _("Sides"));
  append_table_heading (row, GTK_ACCESSIBLE_ROLE_COLUMN_HEADER, _("Topic and proposition"));
  for (guint side = 0; side < comparison->n_sides; side++)
    append_table_heading (row, GTK_ACCESSIBLE_ROLE_COLUMN_HEADER, comparison->sides[side].name);

  row = append_table_row (self, _("Roles"));
  append_table_heading (row, GTK_ACCESSIBLE_ROLE_ROW_HEADER, _("Roles"));
  for (guint side = 0; side < comparison->n_sides; side++)
    {
      GPtrArray *roles = comparison->sides[side].roles;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *markup = NULL;
      g_autofree char *name = NULL;

      for (guint i = 0; i < roles->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", ((SpSideRole *)g_ptr_array_index (roles, i))->text);
      if (roles->len > 0)
        markup = g_markup_escape_text (text->str, -1);
      else
        markup = g_markup_printf_escaped ("<i>%s</i>", _("No recorded role"));

      /* Translators: the accessible name of the cell with a side's
       * offices and parts in events, as in "United Kingdom, roles:
       * Secretary of State for Defence: John Healey (since 5 Jul 2024)" */
      name = g_strdup_printf (_("%1$s, roles: %2$s"), comparison->sides[side].name,
                              roles->len > 0 ? text->str : _("No recorded role"));
      append_table_cell (row, GTK_ACCESSIBLE_ROLE_CELL, markup, name);
    }

  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SpComparisonRow *topic = get_row (self, i);
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autofree char *header = g_markup_printf_escaped ("<b>%s</b>\n%s", topic->label, topic->proposition);

      g_string_append (markup, header);
      if (topic->disagree)
        {
          g_autofree char *disagree = g_markup_printf_escaped ("\n<b>≠ %s</b>", _("Disagree"));

          g_string_append (markup, disagree);
        }

      row = append_table_row (self, topic->label);
      append_table_cell (row, GTK_ACCESSIBLE_ROLE_ROW_HEADER, markup->str, NULL);
      for (guint side = 0; side < comparison->n_sides; side++)
        {
          g_autofree char *cell = cell_markup (self, i, side);
          g_autofree char *name = describe_cell (self, i, side);

          append_table_cell (row, GTK_ACCESSIBLE_ROLE_CELL, cell, name);
        }
    }
}

/* Controls */

static void
update_pickers (SpComparisonView *self)
{
  const char * const *sides = get_sides (self);
  guint n_sides = sides != NULL ? g_strv_length ((char **)sides) : 0;
  guint n_pickers = CLAMP (n_sides, 2, SP_COMPARISON_MAX_SIDES);

  self->updating = TRUE;
  for (guint i = 0; i < SP_COMPARISON_MAX_SIDES; i++)
    {
      const SpCatalogActor *actor = NULL;
      guint position = GTK_INVALID_LIST_POSITION;
      GtkWidget *button = gtk_widget_get_first_child (self->pickers[i]);
      g_autofree char *name = NULL;

      if (i < n_sides)
        actor = find_actor (self, sides[i], &position);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->pickers[i]), position);
      gtk_widget_set_visible (self->picker_boxes[i], i < n_pickers);

      /* The drop-down's button takes the focus, and GTK 4.8 leaves it
       * without a name: a screen reader would say nothing of the side. */
      if (actor != NULL)
        /* Translators: the accessible name of a side picker, with the
         * side it shows, as in "Side 1: United States" */
        name = g_strdup_printf (_("Side %1$u: %2$s"), i + 1, actor->name);
      else
        name = g_strdup_printf (_("Side %u"), i + 1);
      if (GTK_IS_TOGGLE_BUTTON (button))
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  self->updating = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.add-side", n_pickers < SP_COMPARISON_MAX_SIDES);
}

static void
update_topic_checks (SpComparisonView *self)
{
  const char * const *topics = sp_view_state_get_topics (self->state);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *label = NULL;

  if (topics != NULL)
    {
      for (guint i = 0; topics[i] != NULL; i++)
        g_hash_table_add (shown, (char *)topics[i]);
    }
  else if (self->comparison != NULL)
    {
      for (guint i = 0; i < self->comparison->rows->len; i++)
        g_hash_table_add (shown, get_row (self, i)->id);
    }

  self->updating = TRUE;
  gtk_check_button_set_active (self->all_topics_check, topics == NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *id = g_object_get_data (G_OBJECT (child), "sp-topic");

      if (id != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child), g_hash_table_contains (shown, id));
    }
  self->updating = FALSE;

  if (topics == NULL)
    label = g_strdup (_("All Topics"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Topic", "%u Topics", g_strv_length ((char **)topics)),
                             g_strv_length ((char **)topics));
  gtk_menu_button_set_label (self->topics_button, label);
}

static void
update_as_of_controls (SpComparisonView *self)
{
  gint64 as_of = get_as_of (self);
  g_autofree char *text = self->index != NULL ? day_to_string (as_of) : g_strdup ("");

  self->updating = TRUE;
  gtk_adjustment_configure (self->as_of_adjustment,
                            CLAMP (day_of (as_of), day_of (self->first_said), day_of (self->last_said)),
                            day_of (self->first_said), day_of (self->last_said),
                            1, 7, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->as_of_entry), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->as_of_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_entry), _("A date such as 2025-02-12 or 2025-02"));
  self->updating = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comparison.latest", sp_view_state_get_as_of (self->state) != 0);
}

static void
show_status (SpComparisonView *self,
             const char       *icon_name,
             const char       *title,
             const char       *description)
{
  g_autofree char *markup = g_markup_escape_text (description, -1);

  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, markup);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
show_board (SpComparisonView *self)
{
  if (self->comparison == NULL || self->comparison->rows->len == 0)
    return;

  /* The table is made when it is first shown: a long comparison makes
   * thousands of labels, and measuring them takes seconds. */
  if (self->table_stale && gtk_toggle_button_get_active (self->table_button))
    {
      fill_table (self);
      self->table_stale = FALSE;
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_toggle_button_get_active (self->table_button) ? "table" : "board");
}

/* Builds the comparison from the view state, keeping the selected cell
 * when its topic and side are still shown. */
static void
rebuild (SpComparisonView *self)
{
  const char * const *sides = get_sides (self);
  const char * const *topics = sp_view_state_get_topics (self->state);
  g_autoptr(GPtrArray) valid = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_topic = NULL;
  g_autofree char *selected_side = NULL;
  guint row, side;

  if (self->comparison != NULL && sp_board_view_get_selected (self->board, &row, &side))
    {
      selected_topic = g_strdup (get_row (self, row)->id);
      selected_side = g_strdup (self->comparison->sides[side].id);
    }

  sp_board_view_set_comparison (self->board, NULL);
  g_clear_pointer (&self->comparison, sp_comparison_free);
  fill_table (self);
  self->table_stale = FALSE;

  update_pickers (self);
  update_as_of_controls (self);

  if (self->index == NULL || self->catalog_loading != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      update_topic_checks (self);
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->actor_names)) == 0)
    {
      show_status (self, "view-dual-symbolic", _("No Statements"),
                   _("Import a dataset to compare what sides said."));
      update_topic_checks (self);
      return;
    }

  for (guint i = 0; sides != NULL && sides[i] != NULL && i < SP_COMPARISON_MAX_SIDES; i++)
    {
      if (find_actor (self, sides[i], NULL) != NULL &&
          !g_ptr_array_find_with_equal_func (valid, sides[i], g_str_equal, NULL))
        g_ptr_array_add (valid, (char *)sides[i]);
    }
  g_ptr_array_add (valid, NULL);

  if (valid->len < 3)
    {
      show_status (self, "view-dual-symbolic", _("Choose Sides"),
                   _("Choose at least two different sides to compare: countries, organizations or persons."));
      update_topic_checks (self);
      return;
    }

  self->comparison = sp_comparison_new (self->library, (const char * const *)valid->pdata, topics,
                                        get_as_of (self), G_MININT64, &error);
  update_topic_checks (self);
  if (self->comparison == NULL)
    {
      show_status (self, "dialog-error-symbolic", _("Cannot Compare"), error->message);
      return;
    }

  if (self->comparison->rows->len == 0)
    {
      g_autofree char *description = NULL;

      if (topics != NULL && topics[0] == NULL)
        description = g_strdup (_("Choose topics to compare in the Topics menu."));
      else
        /* Translators: %s is a date, as in "12 Feb 2025" */
        description = g_strdup_printf (_("None of the sides made a statement on these topics up to %s. "
                                         "Choose a later date or other sides."),
                                       self->comparison->as_of_label);
      show_status (self, "view-dual-symbolic", _("Nothing to Compare"), description);
      return;
    }

  sp_board_view_set_comparison (self->board, self->comparison);
  for (row = 0; selected_topic != NULL && row < self->comparison->rows->len; row++)
    {
      if (g_strcmp0 (get_row (self, row)->id, selected_topic) != 0)
        continue;
      for (side = 0; side < self->comparison->n_sides; side++)
        {
          if (g_str_equal (self->comparison->sides[side].id, selected_side))
            sp_board_view_select (self->board, row, side);
        }
    }
  update_board_description (self);
  self->table_stale = TRUE;
  show_board (self);
}

/* @sides may point into the view state's own list, which setting frees. */
static void
set_sides (SpComparisonView *self,
           GPtrArray        *sides)
{
  g_auto(GStrv) copy = NULL;

  g_ptr_array_add (sides, NULL);
  copy = g_strdupv ((char **)sides->pdata);
  sp_view_state_set_sides (self->state, (const char * const *)copy);
}

static void
picker_changed (SpComparisonView *self)
{
  const char * const *current = get_sides (self);
  guint n_current = current != NULL ? g_strv_length ((char **)current) : 0;
  g_autoptr(GPtrArray) sides = g_ptr_array_new ();

  if (self->updating)
    return;

  for (guint i = 0; i < SP_COMPARISON_MAX_SIDES; i++)
    {
      guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->pickers[i]));

      if (!gtk_widget_get_visible (self->picker_boxes[i]))
        break;

      if (position != GTK_INVALID_LIST_POSITION)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->actor_names), position);
          const SpCatalogActor *actor = g_object_get_data (item, "sp-actor");

          g_ptr_array_add (sides, actor->id);
        }
      else if (i < n_current)
        g_ptr_array_add (sides, (char *)current[i]);
    }

  set_sides (self, sides);
}

static void
add_side_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpComparisonView *self = SP_COMPARISON_VIEW (widget);
  const char * const *current = get_sides (self);
  g_autoptr(GPtrArray) sides = g_ptr_array_new ();
  const char *next = NULL;

  for (guint i = 0; current != NULL && current[i] != NULL && i < SP_COMPARISON_MAX_SIDES; i++)
    g_ptr_array_add (sides, (char *)current[i]);
  if (sides->len >= SP_COMPARISON_MAX_SIDES)
    return;

  /* The speaker with the most statements not yet compared. */
  for (guint i = 0; self->ranked_sides != NULL && self->ranked_sides[i] != NULL && next == NULL; i++)
    {
      if (!g_ptr_array_find_with_equal_func (sides, self->ranked_sides[i], g_str_equal, NULL))
        next = self->ranked_sides[i];
    }
  for (guint i = 0; next == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->actor_names)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->actor_names), i);
      const SpCatalogActor *actor = g_object_get_data (item, "sp-actor");

      if (!g_ptr_array_find_with_equal_func (sides, actor->id, g_str_equal, NULL))
        next = actor->id;
    }
  if (next == NULL)
    return;

  g_ptr_array_add (sides, (char *)next);
  set_sides (self, sides);
}

/* "i": the index of the side to remove. */
static void
remove_side_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SpComparisonView *self = SP_COMPARISON_VIEW (widget);
  const char * const *current = get_sides (self);
  guint removed = g_variant_get_int32 (parameter);
  g_autoptr(GPtrArray) sides = g_ptr_array_new ();

  for (guint i = 0; current != NULL && current[i] != NULL && i < SP_COMPARISON_MAX_SIDES; i++)
    {
      if (i != removed)
        g_ptr_array_add (sides, (char *)current[i]);
    }

  set_sides (self, sides);
}

static void
latest_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpComparisonView *self = SP_COMPARISON_VIEW (widget);

  sp_view_state_set_as_of (self->state, 0);
}

static void
topic_toggled (SpComparisonView *self,
               GtkCheckButton   *check)
{
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();

  if (self->updating)
    return;

  if (check == self->all_topics_check && gtk_check_button_get_active (check))
    {
      sp_view_state_set_topics (self->state, NULL);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *id = g_object_get_data (G_OBJECT (child), "sp-topic");

      if (id != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        g_ptr_array_add (topics, (char *)id);
    }
  g_ptr_array_add (topics, NULL);

  sp_view_state_set_topics (self->state, (const char * const *)topics->pdata);
}

static void
as_of_scale_changed (SpComparisonView *self)
{
  if (self->updating)
    return;

  sp_view_state_set_as_of (self->state, end_of_day (gtk_adjustment_get_value (self->as_of_adjustment)));
}

static void
as_of_entry_changed (SpComparisonView *self)
{
  if (self->updating)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->as_of_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_entry), _("A date such as 2025-02-12 or 2025-02"));
}

/* A date means the end of its period: "2025-02" compares as of the last
 * second of February. */
static void
as_of_entry_activated (SpComparisonView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->as_of_entry))));
  g_autofree char *current = day_to_string (get_as_of (self));
  g_autoptr(GError) error = NULL;
  SpDate date;

  if (g_strcmp0 (text, current) == 0)
    return;

  if (!sp_date_parse (text, -1, &date, &error))
    {
      /* Translators: the tooltip of an as-of date that cannot be read;
       * %s says why */
      g_autofree char *tooltip = g_strdup_printf (_("Not a date: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->as_of_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_entry), tooltip);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->as_of_entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      return;
    }

  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->as_of_entry), GTK_ACCESSIBLE_STATE_INVALID);
  sp_view_state_set_as_of (self->state, date.hi - 1);
}

/* Board */

static void
cell_selected (SpComparisonView *self,
               guint             row,
               guint             side)
{
  const SpCell *cell = &get_row (self, row)->cells[side];

  update_board_description (self);
  reveal_selected_cell (self);

  if (cell->state != SP_CELL_POSITION || cell->latest == NULL)
    return;

  self->selecting = TRUE;
  sp_view_state_set_selection (self->state, SP_ITEM_STATEMENT, cell->latest->pk);
  self->selecting = FALSE;
}

static void
cell_activated (SpComparisonView *self,
                guint             row,
                guint             side)
{
  if (row == SP_BOARD_ROLES_ROW)
    sp_board_view_popup_at (self->board, row, side, new_roles_content (self, side));
  else
    sp_board_view_popup (self->board, new_evidence_content (self, row, side));
}

/* The view state */

static void
state_selection_changed (SpComparisonView *self)
{
  const SpTimelineItem *item = NULL;
  SpItemKind kind;
  gint64 pk;
  guint row, side;

  if (self->selecting || self->index == NULL)
    return;

  kind = sp_view_state_get_selection (self->state, &pk);
  if (kind == SP_ITEM_STATEMENT)
    {
      guint found = sp_timeline_index_find_item (self->index, SP_ITEM_STATEMENT, pk);

      if (found != G_MAXUINT)
        item = sp_timeline_index_get_item (self->index, found);
    }

  if (item != NULL)
    sp_view_state_set_as_of (self->state, end_of_day (day_of (item->lo)));

  if (item != NULL && find_statement_cell (self, pk, &row, &side))
    {
      sp_board_view_select (self->board, row, side);
      reveal_selected_cell (self);
    }
  else
    sp_board_view_select (self->board, SP_BOARD_NO_CELL, 0);
  update_board_description (self);
}

/* Loading */

static void
update_ranking (SpComparisonView *self)
{
  guint n_lanes = sp_timeline_index_get_n_lanes (self->index);
  guint n_items = sp_timeline_index_get_n_items (self->index);
  g_autofree gint64 *latest = g_new (gint64, n_lanes);
  g_autofree guint *order = g_new (guint, n_lanes);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer day;
  guint n_ranked = 0;

  self->first_said = G_MAXINT64;
  self->last_said = G_MININT64;
  for (guint lane = 0; lane < n_lanes; lane++)
    latest[lane] = G_MININT64;

  for (guint i = 0; i < n_items; i++)
    {
      const SpTimelineItem *item = sp_timeline_index_get_item (self->index, i);

      if (item->kind != SP_ITEM_STATEMENT)
        continue;
      self->first_said = MIN (self->first_said, item->lo);
      self->last_said = MAX (self->last_said, item->lo);
      latest[item->lane] = MAX (latest[item->lane], item->lo);
      if (g_hash_table_size (days) <= MAX_DAY_MARKS)
        g_hash_table_add (days, g_memdup2 (&(gint64) { day_of (item->lo) }, sizeof (gint64)));
    }

  /* A tick under the date slider for each day someone spoke. */
  gtk_scale_clear_marks (self->as_of_scale);
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_size (days) <= MAX_DAY_MARKS && g_hash_table_iter_next (&iter, &day, NULL))
    gtk_scale_add_mark (self->as_of_scale, *(gint64 *)day, GTK_POS_BOTTOM, NULL);
  if (self->first_said > self->last_said)
    self->first_said = self->last_said = g_get_real_time () / G_USEC_PER_SEC;

  for (guint lane = 0; lane < n_lanes; lane++)
    {
      const SpLane *info = sp_timeline_index_get_lane (self->index, lane);

      if (info->kind == SP_LANE_ACTOR && info->n_items > 0 && find_actor (self, info->id, NULL) != NULL)
        order[n_ranked++] = lane;
    }

  /* Countries first, then by statements; ties go to the side that spoke
   * last, the one the story is about now. */
  for (guint i = 1; i < n_ranked; i++)
    {
      for (guint j = i; j > 0; j--)
        {
          const SpLane *a = sp_timeline_index_get_lane (self->index, order[j - 1]);
          const SpLane *b = sp_timeline_index_get_lane (self->index, order[j]);
          gboolean a_country = a->actor_kind == SP_ACTOR_COUNTRY;
          gboolean b_country = b->actor_kind == SP_ACTOR_COUNTRY;
          guint swap;

          if (a_country != b_country ? a_country :
              a->n_items != b->n_items ? a->n_items > b->n_items :
              latest[order[j - 1]] >= latest[order[j]])
            break;

          swap = order[j];
          order[j] = order[j - 1];
          order[j - 1] = swap;
        }
    }

  for (guint i = 0; i < n_ranked; i++)
    g_strv_builder_add (builder, sp_timeline_index_get_lane (self->index, order[i])->id);
  g_strfreev (self->ranked_sides);
  self->ranked_sides = g_strv_builder_end (builder);

  /* The first two ranked sides, as their own list */
  g_strfreev (self->default_sides);
  self->default_sides = g_new0 (char *, 3);
  for (guint i = 0; i < MIN (n_ranked, 2); i++)
    self->default_sides[i] = g_strdup (self->ranked_sides[i]);
}

/* Once the catalog and the index are both there: the default sides come
 * from both. */
static void
show_loaded (SpComparisonView *self)
{
  SpItemKind kind;
  gint64 pk;
  guint row, side;

  update_ranking (self);
  rebuild (self);

  /* A statement selected before the comparison was ready. */
  kind = sp_view_state_get_selection (self->state, &pk);
  if (kind == SP_ITEM_STATEMENT && find_statement_cell (self, pk, &row, &side))
    {
      sp_board_view_select (self->board, row, side);
      update_board_description (self);
    }
}

static void
index_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpComparisonView) self = user_data;
  g_autoptr(SpTimelineIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = sp_timeline_index_new_finish (result, &error);
  if (index == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->loading);
      g_cancellable_cancel (self->catalog_loading);
      g_clear_object (&self->catalog_loading);
      show_status (self, "dialog-error-symbolic", _("Cannot Compare"), error->message);
      return;
    }

  g_clear_object (&self->loading);
  g_set_object (&self->index, index);
  if (self->catalog_loading == NULL)
    show_loaded (self);
}

/* A check per topic: a large library has a thousand, so they are made
 * when the menu first opens. */
static void
add_topic_checks (SpComparisonView *self)
{
  GtkWidget *child = gtk_widget_get_next_sibling (GTK_WIDGET (self->all_topics_check));

  /* The separator after "All topics" stays. */
  child = gtk_widget_get_next_sibling (child);
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (self->topics_box, child);
      child = next;
    }

  for (guint i = 0; self->catalog != NULL && i < self->catalog->topics->len; i++)
    {
      const SpCatalogTopic *topic = g_ptr_array_index (self->catalog->topics, i);
      GtkWidget *check = gtk_check_button_new_with_label (topic->label);

      g_object_set_data_full (G_OBJECT (check), "sp-topic", g_strdup (topic->id), g_free);
      gtk_widget_set_tooltip_text (check, topic->proposition);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (topic_toggled), self);
      gtk_box_append (self->topics_box, check);
    }
  self->topic_checks_stale = FALSE;
  update_topic_checks (self);
}

static void
topics_shown (SpComparisonView *self)
{
  if (self->topic_checks_stale)
    add_topic_checks (self);
}

static int
compare_actors (gconstpointer a,
                gconstpointer b)
{
  const SpCatalogActor *actor_a = *(SpCatalogActor **)a;
  const SpCatalogActor *actor_b = *(SpCatalogActor **)b;

  return g_utf8_collate (actor_a->name, actor_b->name);
}

/* The pickers list countries, then organizations, then persons. */
static void
fill_actors (SpComparisonView *self)
{
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();
  g_autoptr(GPtrArray) persons = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->catalog != NULL)
    {
      for (guint i = 0; i < self->catalog->countries->len; i++)
        {
          SpCatalogActor *country = g_ptr_array_index (self->catalog->countries, i);

          g_ptr_array_add (actors, country);
          g_ptr_array_extend (persons, country->persons, NULL, NULL);
        }
      g_ptr_array_extend (actors, self->catalog->organizations, NULL, NULL);
      g_ptr_array_extend (persons, self->catalog->persons, NULL, NULL);
      g_ptr_array_sort (persons, compare_actors);
      g_ptr_array_extend (actors, persons, NULL, NULL);
    }

  /* Each item carries its actor before it enters the model: the pickers'
   * lists bind the new items while the model changes. */
  g_hash_table_remove_all (self->actor_positions);
  for (guint i = 0; i < actors->len; i++)
    {
      SpCatalogActor *actor = g_ptr_array_index (actors, i);
      GtkStringObject *item = gtk_string_object_new (actor->name);

      g_object_set_data (G_OBJECT (item), "sp-actor", actor);
      g_ptr_array_add (items, item);
      g_hash_table_insert (self->actor_positions, actor->id, GUINT_TO_POINTER (i + 1));
    }

  self->updating = TRUE;
  g_list_store_splice (self->actor_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->actor_names)),
                       items->pdata, items->len);
  self->updating = FALSE;
}

/* Takes @catalog. */
static void
show_catalog (SpComparisonView *self,
              SpCatalog        *catalog)
{
  /* The pickers' items point into the catalog. */
  SpCatalog *old_catalog = g_steal_pointer (&self->catalog);

  self->catalog = catalog;
  fill_actors (self);
  g_clear_pointer (&old_catalog, sp_catalog_free);

  self->topic_checks_stale = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (self->topics_button))))
    add_topic_checks (self);

  if (self->index != NULL)
    show_loaded (self);
  else
    rebuild (self);
}

static void
catalog_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpComparisonView) self = user_data;
  g_autoptr(GError) error = NULL;
  SpCatalog *catalog = sp_catalog_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->catalog_loading);
  if (catalog == NULL)
    {
      /* Nothing to compare without it: the index would only hide why. */
      g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
      show_status (self, "dialog-error-symbolic", _("Cannot Compare"), error->message);
      return;
    }
  show_catalog (self, catalog);
}

static void
reload (SpComparisonView *self)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();

  if (self->library == NULL)
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_cancellable_cancel (self->catalog_loading);
  g_clear_object (&self->catalog_loading);
  g_clear_object (&self->index);

  /* A large library's catalog takes a second to read. */
  if (sp_catalog_loads_quickly (self->library))
    {
      g_autoptr(GError) error = NULL;
      SpCatalog *catalog = sp_catalog_load (self->library, &error);

      if (catalog == NULL)
        {
          show_status (self, "dialog-error-symbolic", _("Cannot Compare"), error->message);
          return;
        }
      show_catalog (self, catalog);
    }
  else
    {
      self->catalog_loading = g_cancellable_new ();
      sp_catalog_load_async (self->library, self->catalog_loading, catalog_loaded, g_object_ref (self));
      rebuild (self);
    }

  self->loading = g_cancellable_new ();
  sp_timeline_index_new_async (self->library, SP_GROUPING_COUNTRY, filter, self->loading,
                               index_loaded, g_object_ref (self));
}

void
sp_comparison_view_set_library (SpComparisonView *self,
                                SpLibrary        *library)
{
  g_return_if_fail (SP_IS_COMPARISON_VIEW (self));
  g_return_if_fail (library == NULL || SP_IS_LIBRARY (library));

  if (g_set_object (&self->library, library))
    reload (self);
}

const SpComparison *
sp_comparison_view_get_comparison (SpComparisonView *self)
{
  g_return_val_if_fail (SP_IS_COMPARISON_VIEW (self), NULL);

  return self->comparison;
}

/* "united-states-vs-united-kingdom-2025-02-12.png": the side ids, kept to
 * characters every file system takes. */
char *
sp_comparison_view_get_default_file_name (SpComparisonView *self)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *date = NULL;

  g_return_val_if_fail (SP_IS_COMPARISON_VIEW (self), NULL);

  if (self->comparison == NULL)
    return g_strdup (C_("file name", "comparison.png"));

  for (guint i = 0; i < self->comparison->n_sides; i++)
    {
      if (i > 0)
        g_string_append (name, "-vs-");
      for (const char *c = self->comparison->sides[i].id; *c != '\0'; c++)
        g_string_append_c (name, g_ascii_isalnum (*c) || *c == '-' || *c == '_' ? *c : '-');
    }
  date = day_to_string (self->comparison->as_of);
  g_string_append_printf (name, "-%s.png", date);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

gboolean
sp_comparison_view_export (SpComparisonView  *self,
                           GFile             *file,
                           int                scale,
                           GError           **error)
{
  g_return_val_if_fail (SP_IS_COMPARISON_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (scale == 1 || scale == 2, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->comparison == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no comparison to export: choose at least two sides"));
      return FALSE;
    }

  return sp_export_board_png (self->comparison, NULL, scale, file, error);
}

/* Pickers */

static void
setup_name (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (item));
}

static void
setup_actor (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_item_set_child (list_item, box);
}

static void
bind_actor (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const SpCatalogActor *actor = g_object_get_data (G_OBJECT (item), "sp-actor");
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *kind = gtk_widget_get_next_sibling (name);

  gtk_label_set_text (GTK_LABEL (name), gtk_string_object_get_string (item));
  if (actor != NULL && actor->country_name != NULL)
    {
      /* Translators: a person and their country in the side pickers, as
       * in "Person · United States" */
      g_autofree char *text = g_strdup_printf (_("%1$s · %2$s"), sp_actor_kind_get_label (actor->kind), actor->country_name);

      gtk_label_set_text (GTK_LABEL (kind), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (kind), actor != NULL ? sp_actor_kind_get_label (actor->kind) : "");
}

static void
add_pickers (SpComparisonView *self)
{
  g_autoptr(GtkListItemFactory) name_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) actor_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (name_factory, "setup", G_CALLBACK (setup_name), NULL);
  g_signal_connect (name_factory, "bind", G_CALLBACK (bind_name), NULL);
  g_signal_connect (actor_factory, "setup", G_CALLBACK (setup_actor), NULL);
  g_signal_connect (actor_factory, "bind", G_CALLBACK (bind_actor), NULL);

  for (guint i = 0; i < SP_COMPARISON_MAX_SIDES; i++)
    {
      g_autofree char *label = NULL;
      GtkWidget *picker;

      picker = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->actor_names)),
                                  gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (picker), TRUE);
      gtk_drop_down_set_factory (GTK_DROP_DOWN (picker), name_factory);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (picker), actor_factory);
      /* Translators: the name of a side picker, as in "Side 1" */
      label = g_strdup_printf (_("Side %u"), i + 1);
      gtk_widget_set_tooltip_text (picker, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picker), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_swapped (picker, "notify::selected", G_CALLBACK (picker_changed), self);
      self->pickers[i] = picker;

      if (i < 2)
        self->picker_boxes[i] = picker;
      else
        {
          g_autofree char *remove_label = NULL;
          GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

          /* Translators: the name of the button that removes a side, as in "Remove Side 3" */
          remove_label = g_strdup_printf (_("Remove Side %u"), i + 1);
          gtk_widget_set_tooltip_text (remove, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "comparison.remove-side");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "i", (gint32) i);

          self->picker_boxes[i] = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          gtk_widget_add_css_class (self->picker_boxes[i], "linked");
          gtk_box_append (GTK_BOX (self->picker_boxes[i]), picker);
          gtk_box_append (GTK_BOX (self->picker_boxes[i]), remove);
        }
      gtk_box_append (self->sides_box, self->picker_boxes[i]);
    }
}

static void
update_dark (SpComparisonView *self,
             GParamSpec       *pspec,
             AdwStyleManager  *style_manager)
{
  if (adw_style_manager_get_dark (style_manager))
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
}

static void
sp_comparison_view_dispose (GObject *object)
{
  SpComparisonView *self = (SpComparisonView *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_cancellable_cancel (self->catalog_loading);
  g_clear_object (&self->catalog_loading);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_COMPARISON_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->comparison, sp_comparison_free);
  g_clear_object (&self->state);
  g_clear_object (&self->library);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (sp_comparison_view_parent_class)->dispose (object);
}

static void
sp_comparison_view_finalize (GObject *object)
{
  SpComparisonView *self = (SpComparisonView *)object;

  g_clear_object (&self->actor_names);
  g_clear_pointer (&self->actor_positions, g_hash_table_unref);
  g_clear_pointer (&self->catalog, sp_catalog_free);
  g_strfreev (self->ranked_sides);
  g_strfreev (self->default_sides);

  G_OBJECT_CLASS (sp_comparison_view_parent_class)->finalize (object);
}

static void
sp_comparison_view_class_init (SpComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_comparison_view_dispose;
  object_class->finalize = sp_comparison_view_finalize;

  g_type_ensure (SP_TYPE_BOARD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/standpoint/Standpoint/sp-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, sides_box);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, topics_button);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, topics_box);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, all_topics_check);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, as_of_scale);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, as_of_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, as_of_entry);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, stack);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, status_page);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, scroller);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, board);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, table_button);
  gtk_widget_class_bind_template_child (widget_class, SpComparisonView, table);
  gtk_widget_class_bind_template_callback (widget_class, topic_toggled);
  gtk_widget_class_bind_template_callback (widget_class, as_of_scale_changed);
  gtk_widget_class_bind_template_callback (widget_class, as_of_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, as_of_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, cell_selected);
  gtk_widget_class_bind_template_callback (widget_class, cell_activated);
  gtk_widget_class_bind_template_callback (widget_class, show_board);

  gtk_widget_class_install_action (widget_class, "comparison.add-side", NULL, add_side_activated);
  gtk_widget_class_install_action (widget_class, "comparison.remove-side", "i", remove_side_activated);
  gtk_widget_class_install_action (widget_class, "comparison.latest", NULL, latest_activated);

  gtk_widget_class_set_css_name (widget_class, "comparison");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_comparison_view_init (SpComparisonView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkEventController *focus;

  self->actor_names = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->actor_positions = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));
  add_pickers (self);
  g_signal_connect_object (gtk_menu_button_get_popover (self->topics_button), "show",
                           G_CALLBACK (topics_shown), self, G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (as_of_entry_activated), self);
  gtk_widget_add_controller (GTK_WIDGET (self->as_of_entry), focus);

  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (update_dark),
                           self, G_CONNECT_SWAPPED);
  update_dark (self, NULL, style_manager);
}

GtkWidget *
sp_comparison_view_new (SpViewState *state)
{
  SpComparisonView *self;

  g_return_val_if_fail (SP_IS_VIEW_STATE (state), NULL);

  self = g_object_new (SP_TYPE_COMPARISON_VIEW, NULL);
  self->state = g_object_ref (state);

  g_signal_connect_swapped (state, "notify::sides", G_CALLBACK (rebuild), self);
  g_signal_connect_swapped (state, "notify::topics", G_CALLBACK (rebuild), self);
  g_signal_connect_swapped (state, "notify::as-of", G_CALLBACK (rebuild), self);
  g_signal_connect_swapped (state, "notify::selection-pk", G_CALLBACK (state_selection_changed), self);
  g_signal_connect_swapped (state, "library-changed", G_CALLBACK (reload), self);

  rebuild (self);

  return GTK_WIDGET (self);
}
