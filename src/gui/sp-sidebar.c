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
 * change of the filter, wherever it comes from, sets the controls. */

/* Larger than on the timeline, to suit the height of a row. */
#define MARKER_SIZE 16.0

/* A stance mask that lets no stance through: zero would mean all. */
#define NO_STANCE 1u

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

  /* GtkCheckButtons, each with its id as "sp-id" data. */
  GPtrArray       *dataset_checks;
  GPtrArray       *actor_checks;
  GPtrArray       *topic_checks;
  /* Indexed by SpStance. */
  GtkCheckButton  *stance_checks[SP_STANCE_UNCLEAR + 1];
  GtkImage        *stance_markers[SP_STANCE_UNCLEAR + 1];
  /* A check per country for the country and its persons together, with
   * the checks of those as "sp-members" data. */
  GPtrArray       *country_checks;

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

static char *
describe_statements (guint n_statements)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u statement", "%'u statements", n_statements),
                          n_statements);
}

/* NULL when every check is active; otherwise the ids of the active ones. */
static GStrv
collect_ids (GPtrArray *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean all = TRUE;

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "sp-id"));
      else
        all = FALSE;
    }

  return all ? NULL : g_strv_builder_end (builder);
}

/* A new filter from the checks, with the search as it is: the search
 * entry writes the search itself. */
static void
apply_checks (SpSidebar *self)
{
  g_autoptr(SpFilter) filter = sp_filter_copy (sp_view_state_get_filter (self->state));
  gboolean all = TRUE;

  g_strfreev (filter->dataset_ids);
  g_strfreev (filter->actor_ids);
  g_strfreev (filter->topic_ids);
  filter->dataset_ids = collect_ids (self->dataset_checks);
  filter->actor_ids = collect_ids (self->actor_checks);
  filter->topic_ids = collect_ids (self->topic_checks);

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
update_country_check (GtkCheckButton *country_check)
{
  GPtrArray *members = g_object_get_data (G_OBJECT (country_check), "sp-members");
  guint n_active = 0;

  for (guint i = 0; i < members->len; i++)
    n_active += gtk_check_button_get_active (g_ptr_array_index (members, i));

  set_active (country_check, n_active == members->len);
  gtk_check_button_set_inconsistent (country_check, n_active > 0 && n_active < members->len);
}

static gboolean
is_let_through (GStrv       ids,
                const char *id)
{
  return ids == NULL || g_strv_contains ((const char * const *)ids, id);
}

static gboolean
filter_is_set (const SpFilter *filter)
{
  return filter->dataset_ids != NULL || filter->actor_ids != NULL || filter->topic_ids != NULL ||
         filter->stances != 0 || filter->search != NULL;
}

static void
sync_checks (GPtrArray *checks,
             GStrv      ids)
{
  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      set_active (check, is_let_through (ids, g_object_get_data (G_OBJECT (check), "sp-id")));
    }
}

static void
sync_from_filter (SpSidebar *self)
{
  const SpFilter *filter = sp_view_state_get_filter (self->state);
  const char *search = filter->search != NULL ? filter->search : "";

  self->syncing = TRUE;

  sync_checks (self->dataset_checks, filter->dataset_ids);
  sync_checks (self->actor_checks, filter->actor_ids);
  sync_checks (self->topic_checks, filter->topic_ids);
  for (guint i = 0; i < self->country_checks->len; i++)
    update_country_check (g_ptr_array_index (self->country_checks, i));

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
  GtkCheckButton *country_check = g_object_get_data (G_OBJECT (check), "sp-country-check");

  if (self->syncing)
    return;

  if (country_check != NULL)
    {
      self->syncing = TRUE;
      update_country_check (country_check);
      self->syncing = FALSE;
    }

  apply_checks (self);
}

static void
country_check_toggled (GtkCheckButton *country_check,
                       SpSidebar      *self)
{
  GPtrArray *members = g_object_get_data (G_OBJECT (country_check), "sp-members");
  gboolean active = gtk_check_button_get_active (country_check);

  if (self->syncing)
    return;

  self->syncing = TRUE;
  for (guint i = 0; i < members->len; i++)
    set_active (g_ptr_array_index (members, i), active);
  gtk_check_button_set_inconsistent (country_check, FALSE);
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

/* A row that the user toggles as a whole, by click, Space or Enter.
 * @decoration, if any, goes between the check and the title. */
static GtkWidget *
check_row_new (SpSidebar       *self,
               const char      *id,
               const char      *title,
               const char      *subtitle,
               GtkWidget       *decoration,
               GPtrArray       *checks,
               GtkCheckButton **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
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

  if (id != NULL)
    g_object_set_data_full (G_OBJECT (check), "sp-id", g_strdup (id), g_free);
  if (checks != NULL)
    g_ptr_array_add (checks, check);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled), self);

  if (check_out != NULL)
    *check_out = GTK_CHECK_BUTTON (check);

  return row;
}

static GtkWidget *
actor_row_new (SpSidebar            *self,
               const SpCatalogActor *actor,
               GtkCheckButton      **check_out)
{
  g_autofree char *subtitle = describe_statements (actor->n_statements);

  return check_row_new (self, actor->id, actor->name, subtitle, NULL, self->actor_checks, check_out);
}

static void
add_dataset (SpSidebar           *self,
             const SpDatasetInfo *info)
{
  g_autofree char *subtitle = describe_statements (info->counts[SP_RECORD_STATEMENT]);
  g_autofree char *remove_label = NULL;
  GtkWidget *row = check_row_new (self, info->id, info->title, subtitle, NULL, self->dataset_checks, NULL);
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

  gtk_list_box_append (self->datasets_list, row);
}

/* A country's rows wait to be shown until it is first expanded: a large
 * library has thousands of them, and hidden rows cost nothing to lay out. */
static void
country_expanded (AdwExpanderRow *expander)
{
  GPtrArray *members = g_object_get_data (G_OBJECT (expander), "sp-members");

  if (!adw_expander_row_get_expanded (expander))
    return;

  for (guint i = 0; i < members->len; i++)
    gtk_widget_set_visible (gtk_widget_get_ancestor (g_ptr_array_index (members, i), GTK_TYPE_LIST_BOX_ROW), TRUE);
}

static void
add_country (SpSidebar            *self,
             const SpCatalogActor *country,
             GHashTable           *expanded)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GPtrArray *members = g_ptr_array_new ();
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
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                 g_hash_table_contains (expanded, country->id));

  /* Translators: tooltip and accessible label of the check that selects a
   * country together with all its people; %s is the country's name */
  check_label = g_strdup_printf (_("%s: All Speakers"), country->name);
  gtk_widget_set_tooltip_text (check, check_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_label,
                                  -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_object_set_data_full (G_OBJECT (check), "sp-id", g_strdup (country->id), g_free);
  g_object_set_data_full (G_OBJECT (check), "sp-members", members, (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect (check, "toggled", G_CALLBACK (country_check_toggled), self);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), check);
  g_ptr_array_add (self->country_checks, check);

  if (country->n_statements > 0)
    {
      g_autofree char *own = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%'u statement as a country",
                                                           "%'u statements as a country",
                                                           country->n_statements),
                                              country->n_statements);
      GtkCheckButton *member;

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                check_row_new (self, country->id, country->name, own, NULL,
                                               self->actor_checks, &member));
      g_object_set_data (G_OBJECT (member), "sp-country-check", check);
      g_ptr_array_add (members, member);
    }

  for (guint i = 0; i < country->persons->len; i++)
    {
      GtkCheckButton *member;

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                actor_row_new (self, g_ptr_array_index (country->persons, i), &member));
      g_object_set_data (G_OBJECT (member), "sp-country-check", check);
      g_ptr_array_add (members, member);
    }

  for (guint i = 0; i < members->len; i++)
    gtk_widget_set_visible (gtk_widget_get_ancestor (g_ptr_array_index (members, i), GTK_TYPE_LIST_BOX_ROW),
                            adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  g_object_set_data (G_OBJECT (expander), "sp-members", members);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (country_expanded), NULL);

  gtk_list_box_append (self->countries_list, expander);
}

static void
add_topic (SpSidebar            *self,
           const SpCatalogTopic *topic)
{
  g_autofree char *count = describe_statements (topic->n_statements);
  g_autofree char *number = g_strdup_printf ("%u", topic->n_statements);
  GtkWidget *row = check_row_new (self, topic->id, topic->label, topic->proposition, NULL,
                                  self->topic_checks, NULL);
  GtkWidget *label = gtk_label_new (number);

  /* The number alone, in words for the tooltip and screen readers. */
  gtk_widget_set_tooltip_text (label, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, count,
                                  -1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  gtk_list_box_append (self->topics_list, row);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
sp_sidebar_reload (SpSidebar *self,
                   SpLibrary *library)
{
  g_autoptr(SpCatalog) catalog = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint n_organizations = 0;

  g_return_if_fail (SP_IS_SIDEBAR (self));
  g_return_if_fail (library == NULL || SP_IS_LIBRARY (library));

  for (guint i = 0; i < self->country_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->country_checks, i);
      GtkWidget *expander = gtk_widget_get_ancestor (check, ADW_TYPE_EXPANDER_ROW);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
        g_hash_table_add (expanded, g_strdup (g_object_get_data (G_OBJECT (check), "sp-id")));
    }

  g_ptr_array_set_size (self->dataset_checks, 0);
  g_ptr_array_set_size (self->actor_checks, 0);
  g_ptr_array_set_size (self->topic_checks, 0);
  g_ptr_array_set_size (self->country_checks, 0);
  clear_list (self->datasets_list);
  clear_list (self->countries_list);
  clear_list (self->organizations_list);
  clear_list (self->people_list);
  clear_list (self->topics_list);

  if (library != NULL)
    catalog = sp_catalog_load (library, &error);
  if (error != NULL)
    g_warning ("Cannot list what the library holds: %s", error->message);

  if (catalog != NULL)
    {
      for (guint i = 0; i < catalog->datasets->len; i++)
        add_dataset (self, g_ptr_array_index (catalog->datasets, i));
      for (guint i = 0; i < catalog->countries->len; i++)
        add_country (self, g_ptr_array_index (catalog->countries, i), expanded);
      for (guint i = 0; i < catalog->organizations->len; i++)
        {
          SpCatalogActor *organization = g_ptr_array_index (catalog->organizations, i);

          /* Organizations that only speak through office holders filter
           * nothing as speakers; they are there for comparisons. */
          if (organization->n_statements > 0)
            {
              gtk_list_box_append (self->organizations_list, actor_row_new (self, organization, NULL));
              n_organizations++;
            }
        }
      for (guint i = 0; i < catalog->persons->len; i++)
        gtk_list_box_append (self->people_list,
                             actor_row_new (self, g_ptr_array_index (catalog->persons, i), NULL));
      for (guint i = 0; i < catalog->topics->len; i++)
        add_topic (self, g_ptr_array_index (catalog->topics, i));
    }

  gtk_widget_set_visible (self->datasets_section, catalog != NULL && catalog->datasets->len > 0);
  gtk_widget_set_visible (self->countries_section, catalog != NULL && catalog->countries->len > 0);
  gtk_widget_set_visible (self->organizations_section, n_organizations > 0);
  gtk_widget_set_visible (self->people_section, catalog != NULL && catalog->persons->len > 0);
  gtk_widget_set_visible (self->topics_section, catalog != NULL && catalog->topics->len > 0);

  sync_from_filter (self);
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
      row = check_row_new (self, NULL, sp_stance_get_label (stance), NULL, marker, NULL,
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
sp_sidebar_dispose (GObject *object)
{
  SpSidebar *self = (SpSidebar *)object;
  GtkWidget *child;

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

  g_ptr_array_unref (self->dataset_checks);
  g_ptr_array_unref (self->actor_checks);
  g_ptr_array_unref (self->topic_checks);
  g_ptr_array_unref (self->country_checks);

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
  self->dataset_checks = g_ptr_array_new ();
  self->actor_checks = g_ptr_array_new ();
  self->topic_checks = g_ptr_array_new ();
  self->country_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  add_stances (self);
}

GtkWidget *
sp_sidebar_new (SpViewState *state)
{
  g_return_val_if_fail (SP_IS_VIEW_STATE (state), NULL);

  return g_object_new (SP_TYPE_SIDEBAR, "state", state, NULL);
}
