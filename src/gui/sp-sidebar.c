#define G_LOG_DOMAIN "standpoint-sidebar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-catalog.h"
#include "sp-sidebar.h"
#include "sp-timeline-render.h"
#include "sp-widget-style.h"

/* The filter controls.  Every check shows whether its item is let through
 * the view state's filter: all checked means no restriction.  The view
 * state is the truth: a change of a control sets a new filter there, and a
 * change of the filter, wherever it comes from, sets the controls.
 *
 * A large library has thousands of items, and making a row and laying it
 * out takes a millisecond or more: the catalog is read in a thread, the
 * rows are made a batch a frame, and a country's members only once it is
 * expanded.  Each item keeps whether it is let through, so the filter is
 * the same with or without its row. */

/* Larger than on the timeline, to suit the height of a row. */
#define MARKER_SIZE 16.0

/* A stance mask that lets no stance through: zero would mean all. */
#define NO_STANCE 1u

/* How long making rows may hold the main loop at a time: laying them out
 * in the next frame takes two to four times as long. */
#define FILL_BUDGET_USEC 8000

/* Rows a reload makes (and removes) at once, without waiting for frames. */
#define FEW_ROWS 32

typedef enum
{
  ITEM_DATASET,
  ITEM_COUNTRY,
  ITEM_ACTOR,
  ITEM_TOPIC,
} ItemKind;

typedef struct _Item Item;

struct _Item
{
  ItemKind        kind;
  /* The catalog's SpDatasetInfo, SpCatalogActor or SpCatalogTopic. */
  gconstpointer   data;
  const char     *id;
  /* Let through the filter; a country's check follows its members. */
  gboolean        active;
  /* NULL until the row is made. */
  GtkCheckButton *check;
  /* A member's country. */
  Item           *country;
  /* A country's own actor, if it made statements, then its persons; the
   * first n_made have rows. */
  GPtrArray      *members;
  guint           n_made;
  /* A country's row is expanded, or is to be once made. */
  gboolean        expanded;
};

struct _SpSidebar
{
  GtkWidget        parent_instance;

  SpViewState     *state;

  GtkSearchEntry  *search_entry;
  GtkToggleButton *actor_button;
  GtkToggleButton *country_button;
  GtkToggleButton *topic_button;
  GtkWidget       *datasets_section;
  GtkListBox      *datasets_list;
  GtkWidget       *countries_section;
  GtkListBox      *countries_list;
  GtkWidget       *organizations_section;
  GtkListBox      *organizations_list;
  GtkWidget       *people_section;
  GtkListBox      *people_list;
  GtkWidget       *topics_section;
  GtkListBox      *topics_list;
  GtkListBox      *stances_list;
  GtkActionBar    *clear_bar;

  /* What the items point into. */
  SpCatalog       *catalog;
  /* Of the catalog being read in a thread. */
  GCancellable    *cancellable;
  /* The items with rows in the lists, in the order shown; the first
   * n_made have theirs.  Countries hold their members. */
  GPtrArray       *items;
  guint            n_made;
  /* After a reload, the items before and what they point into, while
   * their rows are removed a batch a frame too: removing thousands at
   * once holds the main loop for most of a second. */
  GPtrArray       *old_items;
  SpCatalog       *old_catalog;
  /* Countries expanded before their members' rows were all made. */
  GQueue           expanding;
  guint            fill_id;
  guint            tick_id;

  /* The items by kind, in the order of the filter's ids, and the
   * countries. */
  GPtrArray       *dataset_items;
  GPtrArray       *actor_items;
  GPtrArray       *topic_items;
  GPtrArray       *country_items;
  /* Indexed by SpStance. */
  GtkCheckButton  *stance_checks[SP_STANCE_UNCLEAR + 1];
  GtkImage        *stance_markers[SP_STANCE_UNCLEAR + 1];

  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (SpSidebar, sp_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  REMOVE_DATASET,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static Item *
item_new (ItemKind       kind,
          gconstpointer  data,
          const char    *id)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->data = data;
  item->id = id;
  item->active = TRUE;

  return item;
}

static void
item_free (Item *item)
{
  g_clear_pointer (&item->members, g_ptr_array_unref);
  g_free (item);
}

static char *
describe_statements (guint n_statements)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", n_statements),
                          n_statements);
}

/* NULL when every item is let through; otherwise the ids of those that are. */
static GStrv
collect_ids (GPtrArray *items)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean all = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (item->active)
        g_strv_builder_add (builder, item->id);
      else
        all = FALSE;
    }

  return all ? NULL : g_strv_builder_end (builder);
}

/* A new filter from the items, with the search as it is: the search
 * entry writes the search itself. */
static void
apply_checks (SpSidebar *self)
{
  g_autoptr(SpFilter) filter = sp_filter_copy (sp_view_state_get_filter (self->state));
  gboolean all = TRUE;

  g_strfreev (filter->dataset_ids);
  g_strfreev (filter->actor_ids);
  g_strfreev (filter->topic_ids);
  filter->dataset_ids = collect_ids (self->dataset_items);
  filter->actor_ids = collect_ids (self->actor_items);
  filter->topic_ids = collect_ids (self->topic_items);

  filter->stances = 0;
  for (SpStance stance = SP_STANCE_SUPPORT; stance <= SP_STANCE_UNCLEAR; stance++)
    {
      if (gtk_check_button_get_active (self->stance_checks[stance]))
        filter->stances |= 1u << stance;
      else
        all = FALSE;
    }
  if (all)
    filter->stances = 0;
  else if (filter->stances == 0)
    filter->stances = NO_STANCE;

  sp_view_state_set_filter (self->state, filter);
}

static void
set_active (GtkCheckButton *check,
            gboolean        active)
{
  if (gtk_check_button_get_active (check) != active)
    gtk_check_button_set_active (check, active);
}

/* A country's check is active when all its members are, and shows a dash
 * when only some are. */
static void
update_country_check (Item *country)
{
  guint n_active = 0;

  if (country->check == NULL)
    return;

  for (guint i = 0; i < country->members->len; i++)
    n_active += ((Item *)g_ptr_array_index (country->members, i))->active;

  set_active (country->check, n_active == country->members->len);
  gtk_check_button_set_inconsistent (country->check, n_active > 0 && n_active < country->members->len);
}

static gboolean
filter_is_set (const SpFilter *filter)
{
  return filter->dataset_ids != NULL || filter->actor_ids != NULL || filter->topic_ids != NULL ||
         filter->stances != 0 || filter->search != NULL;
}

static void
sync_items (GPtrArray *items,
            GStrv      ids)
{
  g_autoptr(GHashTable) let_through = NULL;

  /* A set, as a filter can hold thousands of ids. */
  if (ids != NULL)
    {
      let_through = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; ids[i] != NULL; i++)
        g_hash_table_add (let_through, ids[i]);
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      item->active = let_through == NULL || g_hash_table_contains (let_through, item->id);
      if (item->check != NULL)
        set_active (item->check, item->active);
    }
}

static void
sync_from_filter (SpSidebar *self)
{
  const SpFilter *filter = sp_view_state_get_filter (self->state);
  const char *search = filter->search != NULL ? filter->search : "";

  self->syncing = TRUE;

  sync_items (self->dataset_items, filter->dataset_ids);
  sync_items (self->actor_items, filter->actor_ids);
  sync_items (self->topic_items, filter->topic_ids);
  for (guint i = 0; i < self->country_items->len; i++)
    update_country_check (g_ptr_array_index (self->country_items, i));

  for (SpStance stance = SP_STANCE_SUPPORT; stance <= SP_STANCE_UNCLEAR; stance++)
    set_active (self->stance_checks[stance],
                filter->stances == 0 || (filter->stances & (1u << stance)) != 0);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), search) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);

  gtk_action_bar_set_revealed (self->clear_bar, filter_is_set (filter));

  self->syncing = FALSE;
}

static void
sync_grouping (SpSidebar *self)
{
  GtkToggleButton *buttons[] = {
    [SP_GROUPING_ACTOR] = self->actor_button,
    [SP_GROUPING_COUNTRY] = self->country_button,
    [SP_GROUPING_TOPIC] = self->topic_button,
  };

  self->syncing = TRUE;
  gtk_toggle_button_set_active (buttons[sp_view_state_get_grouping (self->state)], TRUE);
  self->syncing = FALSE;
}

static void
grouping_toggled (SpSidebar       *self,
                  GtkToggleButton *button)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->actor_button)
    sp_view_state_set_grouping (self->state, SP_GROUPING_ACTOR);
  else if (button == self->country_button)
    sp_view_state_set_grouping (self->state, SP_GROUPING_COUNTRY);
  else
    sp_view_state_set_grouping (self->state, SP_GROUPING_TOPIC);
}

static void
check_toggled (GtkCheckButton *check,
               SpSidebar      *self)
{
  Item *item = g_object_get_data (G_OBJECT (check), "sp-item");

  if (self->syncing)
    return;

  /* A stance's check has no item. */
  if (item != NULL)
    {
      item->active = gtk_check_button_get_active (check);
      if (item->country != NULL)
        {
          self->syncing = TRUE;
          update_country_check (item->country);
          self->syncing = FALSE;
        }
    }

  apply_checks (self);
}

static void
country_check_toggled (GtkCheckButton *check,
                       SpSidebar      *self)
{
  Item *country = g_object_get_data (G_OBJECT (check), "sp-item");
  gboolean active = gtk_check_button_get_active (check);

  if (self->syncing)
    return;

  self->syncing = TRUE;
  for (guint i = 0; i < country->members->len; i++)
    {
      Item *member = g_ptr_array_index (country->members, i);

      member->active = active;
      if (member->check != NULL)
        set_active (member->check, active);
    }
  gtk_check_button_set_inconsistent (check, FALSE);
  self->syncing = FALSE;

  apply_checks (self);
}

static void
search_changed (SpSidebar      *self,
                GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(SpFilter) filter = NULL;

  if (self->syncing)
    return;

  filter = sp_filter_copy (sp_view_state_get_filter (self->state));
  g_free (filter->search);
  filter->search = text[0] != '\0' ? g_strdup (text) : NULL;
  sp_view_state_set_filter (self->state, filter);
}

static void
stop_search (SpSidebar      *self,
             GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
clear_clicked (SpSidebar *self,
               GtkButton *button)
{
  sp_view_state_set_filter (self->state, NULL);
}

static void
remove_clicked (GtkButton *button,
                SpSidebar *self)
{
  g_signal_emit (self, signals[REMOVE_DATASET], 0,
                 g_object_get_data (G_OBJECT (button), "sp-id"),
                 g_object_get_data (G_OBJECT (button), "sp-title"));
}

/* A row that the user toggles as a whole, by click, Space or Enter; its
 * check shows @item, if any, and is checked otherwise.  @decoration, if
 * any, goes between the check and the title. */
static GtkWidget *
check_row_new (SpSidebar       *self,
               Item            *item,
               const char      *title,
               const char      *subtitle,
               GtkWidget       *decoration,
               GtkCheckButton **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item == NULL || item->active);
  /* The row names its activatable widget after its title. */
  if (subtitle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                    -1);
  /* Prefixes are prepended. */
  if (decoration != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), decoration);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  if (item != NULL)
    {
      item->check = GTK_CHECK_BUTTON (check);
      g_object_set_data (G_OBJECT (check), "sp-item", item);
    }
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled), self);

  if (check_out != NULL)
    *check_out = GTK_CHECK_BUTTON (check);

  return row;
}

static GtkWidget *
actor_row_new (SpSidebar *self,
               Item      *item)
{
  const SpCatalogActor *actor = item->data;
  g_autofree char *subtitle = describe_statements (actor->n_statements);

  return check_row_new (self, item, actor->name, subtitle, NULL, NULL);
}

/* Rows appear in sections that show only once they have one. */
static void
append_row (GtkListBox *list,
            GtkWidget  *row)
{
  gtk_list_box_append (list, row);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (list)), TRUE);
}

static void
add_dataset (SpSidebar *self,
             Item      *item)
{
  const SpDatasetInfo *info = item->data;
  g_autofree char *subtitle = describe_statements (info->counts[SP_RECORD_STATEMENT]);
  g_autofree char *remove_label = NULL;
  GtkWidget *row = check_row_new (self, item, info->title, subtitle, NULL, NULL);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  /* Translators: %s is the title of a dataset */
  remove_label = g_strdup_printf (_("Remove Dataset “%s”"), info->title);
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "sp-id", g_strdup (info->id), g_free);
  g_object_set_data_full (G_OBJECT (button), "sp-title", g_strdup (info->title), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  append_row (self->datasets_list, row);
}

static void
add_member (SpSidebar *self,
            Item      *country)
{
  Item *member = g_ptr_array_index (country->members, country->n_made++);
  const SpCatalogActor *actor = member->data;
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (country->check), ADW_TYPE_EXPANDER_ROW);
  GtkWidget *row;

  if (actor == country->data)
    {
      g_autofree char *own = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%'u statement as a country",
                                                           "%'u statements as a country",
                                                           actor->n_statements),
                                              actor->n_statements);

      row = check_row_new (self, member, actor->name, own, NULL, NULL);
    }
  else
    row = actor_row_new (self, member);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static void fill (SpSidebar *self,
                  gint64     budget);

static void
country_expanded (AdwExpanderRow *expander,
                  GParamSpec     *pspec,
                  SpSidebar      *self)
{
  Item *country = g_object_get_data (G_OBJECT (expander), "sp-item");

  country->expanded = adw_expander_row_get_expanded (expander);
  if (country->expanded && country->n_made < country->members->len &&
      g_queue_find (&self->expanding, country) == NULL)
    {
      g_queue_push_tail (&self->expanding, country);
      /* At once, so the rows are there as the row opens. */
      fill (self, FILL_BUDGET_USEC);
    }
}

static void
add_country (SpSidebar *self,
             Item      *item)
{
  const SpCatalogActor *country = item->data;
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *check_label = NULL;
  guint n_statements = country->n_statements;

  for (guint i = 0; i < country->persons->len; i++)
    n_statements += ((SpCatalogActor *)g_ptr_array_index (country->persons, i))->n_statements;

  subtitle = describe_statements (n_statements);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), country->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  /* libadwaita 1.2 names the row inside, not the expander row around it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, country->name,
                                  -1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), item->expanded);

  /* Translators: tooltip and accessible label of the check that selects a
   * country together with all its people; %s is the country's name */
  check_label = g_strdup_printf (_("%s: All Speakers"), country->name);
  gtk_widget_set_tooltip_text (check, check_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_label,
                                  -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  item->check = GTK_CHECK_BUTTON (check);
  update_country_check (item);
  g_object_set_data (G_OBJECT (check), "sp-item", item);
  g_signal_connect (check, "toggled", G_CALLBACK (country_check_toggled), self);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), check);

  g_object_set_data (G_OBJECT (expander), "sp-item", item);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (country_expanded), self);
  if (item->expanded && item->members->len > 0)
    g_queue_push_tail (&self->expanding, item);

  append_row (self->countries_list, expander);
}

static void
add_topic (SpSidebar *self,
           Item      *item)
{
  const SpCatalogTopic *topic = item->data;
  g_autofree char *count = describe_statements (topic->n_statements);
  g_autofree char *number = g_strdup_printf ("%u", topic->n_statements);
  GtkWidget *row = check_row_new (self, item, topic->label, topic->proposition, NULL, NULL);
  GtkWidget *label = gtk_label_new (number);

  /* The number alone, in words for the tooltip and screen readers. */
  gtk_widget_set_tooltip_text (label, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, count,
                                  -1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  append_row (self->topics_list, row);
}

static void
add_row (SpSidebar *self,
         Item      *item)
{
  const SpCatalogActor *actor = item->data;

  switch (item->kind)
    {
    case ITEM_DATASET:
      add_dataset (self, item);
      break;

    case ITEM_COUNTRY:
      add_country (self, item);
      break;

    case ITEM_ACTOR:
      append_row (actor->kind == SP_ACTOR_ORGANIZATION ? self->organizations_list : self->people_list,
                  actor_row_new (self, item));
      break;

    case ITEM_TOPIC:
      add_topic (self, item);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Removes the last row made for the items before a reload; a country's
 * member rows one by one before the country's, however many it has. */
static void
remove_old_row (SpSidebar *self)
{
  Item *item = NULL;
  GtkWidget *row;

  while (self->old_items->len > 0 &&
         (item = g_ptr_array_index (self->old_items, self->old_items->len - 1))->check == NULL)
    g_ptr_array_remove_index (self->old_items, self->old_items->len - 1);

  if (self->old_items->len == 0)
    {
      g_clear_pointer (&self->old_items, g_ptr_array_unref);
      g_clear_pointer (&self->old_catalog, sp_catalog_free);
      return;
    }

  if (item->kind == ITEM_COUNTRY)
    {
      AdwExpanderRow *expander = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (item->check),
                                                                             ADW_TYPE_EXPANDER_ROW));

      if (item->n_made > 0)
        {
          Item *member = g_ptr_array_index (item->members, --item->n_made);

          adw_expander_row_remove (expander, gtk_widget_get_ancestor (GTK_WIDGET (member->check),
                                                                      GTK_TYPE_LIST_BOX_ROW));
          return;
        }
      row = GTK_WIDGET (expander);
    }
  else
    row = gtk_widget_get_ancestor (GTK_WIDGET (item->check), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
  g_ptr_array_remove_index (self->old_items, self->old_items->len - 1);
}

static gboolean
has_work (SpSidebar *self)
{
  return self->old_items != NULL || !g_queue_is_empty (&self->expanding) || self->n_made < self->items->len;
}

/* Works until @budget is spent: first removes the rows from before a
 * reload, then makes the members of countries that were expanded, then
 * the other rows in order. */
static void
make_rows (SpSidebar *self,
           gint64     budget)
{
  gint64 deadline = budget == G_MAXINT64 ? G_MAXINT64 : g_get_monotonic_time () + budget;

  do
    {
      Item *country = g_queue_peek_head (&self->expanding);

      if (self->old_items != NULL)
        remove_old_row (self);
      else if (country != NULL)
        {
          add_member (self, country);
          if (country->n_made == country->members->len)
            g_queue_pop_head (&self->expanding);
        }
      else if (self->n_made < self->items->len)
        add_row (self, g_ptr_array_index (self->items, self->n_made++));
      else
        return;
    }
  while (g_get_monotonic_time () < deadline);
}

static void schedule_fill (SpSidebar *self);

static gboolean
fill_in_idle (gpointer user_data)
{
  SpSidebar *self = user_data;

  self->fill_id = 0;
  make_rows (self, FILL_BUDGET_USEC);
  schedule_fill (self);

  return G_SOURCE_REMOVE;
}

/* The frame that lays out the rows of a batch is starting: the next batch
 * waits until it is over, and then until other idle work is done, so that
 * each frame lays out one batch only. */
static gboolean
frame_started (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  SpSidebar *self = SP_SIDEBAR (widget);

  self->tick_id = 0;
  self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_in_idle, self, NULL);

  return G_SOURCE_REMOVE;
}

/* Only while shown: rows made while hidden would all be laid out at once
 * when shown. */
static void
schedule_fill (SpSidebar *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && has_work (self) &&
      self->fill_id == 0 && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), frame_started, NULL, NULL);
}

static void
stop_filling (SpSidebar *self)
{
  g_clear_handle_id (&self->fill_id, g_source_remove);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
}

/* A batch now, the next ones a frame apart. */
static void
fill (SpSidebar *self,
      gint64     budget)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    make_rows (self, budget);
  schedule_fill (self);
}

/* @item has a row of its own in a list, in the order of @self->items. */
static void
add_item (SpSidebar *self,
          GPtrArray *filter_items,
          Item      *item)
{
  g_ptr_array_add (self->items, item);
  g_ptr_array_add (filter_items, item);
}

/* Replaces the rows with those of @catalog (nullable, taken), keeping
 * the filter and which countries are expanded.  The sections are hidden
 * until the rows before are removed and new ones made. */
static void
show_catalog (SpSidebar *self,
              SpCatalog *catalog)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_rows;

  for (guint i = 0; i < self->country_items->len; i++)
    {
      Item *country = g_ptr_array_index (self->country_items, i);

      if (country->expanded)
        g_hash_table_add (expanded, g_strdup (country->id));
    }

  stop_filling (self);
  g_queue_clear (&self->expanding);
  gtk_widget_set_visible (self->datasets_section, FALSE);
  gtk_widget_set_visible (self->countries_section, FALSE);
  gtk_widget_set_visible (self->organizations_section, FALSE);
  gtk_widget_set_visible (self->people_section, FALSE);
  gtk_widget_set_visible (self->topics_section, FALSE);
  g_ptr_array_set_size (self->dataset_items, 0);
  g_ptr_array_set_size (self->actor_items, 0);
  g_ptr_array_set_size (self->topic_items, 0);
  g_ptr_array_set_size (self->country_items, 0);
  /* While the rows before are being removed, none are made. */
  if (self->old_items == NULL)
    {
      self->old_items = g_steal_pointer (&self->items);
      self->old_catalog = g_steal_pointer (&self->catalog);
      self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
    }
  g_ptr_array_set_size (self->items, 0);
  g_clear_pointer (&self->catalog, sp_catalog_free);
  self->catalog = catalog;
  self->n_made = 0;

  if (catalog != NULL)
    {
      for (guint i = 0; i < catalog->datasets->len; i++)
        {
          SpDatasetInfo *info = g_ptr_array_index (catalog->datasets, i);

          add_item (self, self->dataset_items, item_new (ITEM_DATASET, info, info->id));
        }
      for (guint i = 0; i < catalog->countries->len; i++)
        {
          SpCatalogActor *actor = g_ptr_array_index (catalog->countries, i);
          Item *country = item_new (ITEM_COUNTRY, actor, actor->id);

          country->members = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
          country->expanded = g_hash_table_contains (expanded, actor->id);
          if (actor->n_statements > 0)
            g_ptr_array_add (country->members, item_new (ITEM_ACTOR, actor, actor->id));
          for (guint j = 0; j < actor->persons->len; j++)
            {
              SpCatalogActor *person = g_ptr_array_index (actor->persons, j);

              g_ptr_array_add (country->members, item_new (ITEM_ACTOR, person, person->id));
            }
          for (guint j = 0; j < country->members->len; j++)
            {
              Item *member = g_ptr_array_index (country->members, j);

              member->country = country;
              g_ptr_array_add (self->actor_items, member);
            }
          add_item (self, self->country_items, country);
        }
      for (guint i = 0; i < catalog->organizations->len; i++)
        {
          SpCatalogActor *organization = g_ptr_array_index (catalog->organizations, i);

          /* Organizations that only speak through office holders filter
           * nothing as speakers; they are there for comparisons. */
          if (organization->n_statements > 0)
            add_item (self, self->actor_items, item_new (ITEM_ACTOR, organization, organization->id));
        }
      for (guint i = 0; i < catalog->persons->len; i++)
        {
          SpCatalogActor *person = g_ptr_array_index (catalog->persons, i);

          add_item (self, self->actor_items, item_new (ITEM_ACTOR, person, person->id));
        }
      for (guint i = 0; i < catalog->topics->len; i++)
        {
          SpCatalogTopic *topic = g_ptr_array_index (catalog->topics, i);

          add_item (self, self->topic_items, item_new (ITEM_TOPIC, topic, topic->id));
        }
    }

  sync_from_filter (self);
  n_rows = self->items->len + (self->old_items != NULL ? self->old_items->len : 0);
  fill (self, n_rows <= FEW_ROWS ? G_MAXINT64 : FILL_BUDGET_USEC);
}

static void
catalog_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpSidebar) self = user_data;
  g_autoptr(GError) error = NULL;
  SpCatalog *catalog = sp_catalog_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (error != NULL)
    g_warning ("Cannot list what the library holds: %s", error->message);
  show_catalog (self, catalog);
}

void
sp_sidebar_reload (SpSidebar *self,
                   SpLibrary *library)
{
  g_return_if_fail (SP_IS_SIDEBAR (self));
  g_return_if_fail (library == NULL || SP_IS_LIBRARY (library));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (library == NULL || sp_catalog_loads_quickly (library))
    {
      g_autoptr(GError) error = NULL;
      SpCatalog *catalog = NULL;

      if (library != NULL)
        catalog = sp_catalog_load (library, &error);
      if (error != NULL)
        g_warning ("Cannot list what the library holds: %s", error->message);
      show_catalog (self, catalog);
      return;
    }

  /* The rows shown stay until the new ones replace them. */
  self->cancellable = g_cancellable_new ();
  sp_catalog_load_async (library, self->cancellable, catalog_loaded, g_object_ref (self));
}

gboolean
sp_sidebar_get_loading (SpSidebar *self)
{
  g_return_val_if_fail (SP_IS_SIDEBAR (self), FALSE);

  return self->cancellable != NULL || has_work (self);
}
void
sp_sidebar_focus_search (SpSidebar *self)
{
  g_return_if_fail (SP_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The markers are drawn by the timeline's own code, so they match it, and
 * drawn again when the style turns dark or light.  What the timeline
 * fills with its background shows the row behind instead. */
static void
update_markers (SpSidebar *self)
{
  SpRenderStyle style;

  sp_widget_style_fill (GTK_WIDGET (self), &style);
  style.background = (GdkRGBA) { 0, 0, 0, 0 };

  for (SpStance stance = SP_STANCE_SUPPORT; stance <= SP_STANCE_UNCLEAR; stance++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GdkPaintable) paintable = NULL;

      sp_render_stance_marker (snapshot, &style, stance, MARKER_SIZE / 2, MARKER_SIZE / 2, MARKER_SIZE);
      paintable = gtk_snapshot_free_to_paintable (g_steal_pointer (&snapshot),
                                                  &GRAPHENE_SIZE_INIT (MARKER_SIZE, MARKER_SIZE));
      gtk_image_set_from_paintable (self->stance_markers[stance], paintable);
    }
}

static void
add_stances (SpSidebar *self)
{
  for (SpStance stance = SP_STANCE_SUPPORT; stance <= SP_STANCE_UNCLEAR; stance++)
    {
      GtkWidget *marker = gtk_image_new ();
      GtkWidget *row;

      gtk_image_set_pixel_size (GTK_IMAGE (marker), MARKER_SIZE);
      /* The row's title says the stance already. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (marker),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
      self->stance_markers[stance] = GTK_IMAGE (marker);
      row = check_row_new (self, NULL, sp_stance_get_label (stance), NULL, marker,
                           &self->stance_checks[stance]);
      gtk_list_box_append (self->stances_list, row);
    }

  update_markers (self);
  sp_widget_style_watch (GTK_WIDGET (self), G_CALLBACK (update_markers));
}

static void
sp_sidebar_constructed (GObject *object)
{
  SpSidebar *self = (SpSidebar *)object;

  G_OBJECT_CLASS (sp_sidebar_parent_class)->constructed (object);

  g_assert (self->state != NULL);

  g_signal_connect_object (self->state, "notify::filter",
                           G_CALLBACK (sync_from_filter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::grouping",
                           G_CALLBACK (sync_grouping), self, G_CONNECT_SWAPPED);
  sync_grouping (self);
  sync_from_filter (self);
}

static void
sp_sidebar_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sp_sidebar_parent_class)->map (widget);

  schedule_fill (SP_SIDEBAR (widget));
}

static void
sp_sidebar_unmap (GtkWidget *widget)
{
  stop_filling (SP_SIDEBAR (widget));

  GTK_WIDGET_CLASS (sp_sidebar_parent_class)->unmap (widget);
}

static void
sp_sidebar_dispose (GObject *object)
{
  SpSidebar *self = (SpSidebar *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_filling (self);
  g_queue_clear (&self->expanding);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SIDEBAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (sp_sidebar_parent_class)->dispose (object);
}

static void
sp_sidebar_finalize (GObject *object)
{
  SpSidebar *self = (SpSidebar *)object;

  g_ptr_array_unref (self->dataset_items);
  g_ptr_array_unref (self->actor_items);
  g_ptr_array_unref (self->topic_items);
  g_ptr_array_unref (self->country_items);
  g_ptr_array_unref (self->items);
  g_clear_pointer (&self->catalog, sp_catalog_free);
  g_clear_pointer (&self->old_items, g_ptr_array_unref);
  g_clear_pointer (&self->old_catalog, sp_catalog_free);

  G_OBJECT_CLASS (sp_sidebar_parent_class)->finalize (object);
}

static void
sp_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SpSidebar *self = SP_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SpSidebar *self = SP_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_sidebar_class_init (SpSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_sidebar_constructed;
  object_class->dispose = sp_sidebar_dispose;
  object_class->finalize = sp_sidebar_finalize;
  object_class->get_property = sp_sidebar_get_property;
  object_class->set_property = sp_sidebar_set_property;

  widget_class->map = sp_sidebar_map;
  widget_class->unmap = sp_sidebar_unmap;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         SP_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Asks to remove a dataset, given its id and title; the window confirms
   * and removes it. */
  signals[REMOVE_DATASET] =
    g_signal_new ("remove-dataset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebar");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/standpoint/Standpoint/sp-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, actor_button);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, country_button);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, topic_button);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, datasets_section);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, datasets_list);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, countries_section);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, countries_list);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, organizations_section);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, organizations_list);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, people_section);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, people_list);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, topics_section);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, topics_list);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, stances_list);
  gtk_widget_class_bind_template_child (widget_class, SpSidebar, clear_bar);
  gtk_widget_class_bind_template_callback (widget_class, grouping_toggled);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, stop_search);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked);
}

static void
sp_sidebar_init (SpSidebar *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  self->dataset_items = g_ptr_array_new ();
  self->actor_items = g_ptr_array_new ();
  self->topic_items = g_ptr_array_new ();
  self->country_items = g_ptr_array_new ();
  g_queue_init (&self->expanding);

  gtk_widget_init_template (GTK_WIDGET (self));
  add_stances (self);
}

GtkWidget *
sp_sidebar_new (SpViewState *state)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (state), NULL);

  return g_object_new (SP_TYPE_SIDEBAR, "state", state, NULL);
}
