#define G_LOG_DOMAIN "standpoint-details-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-details.h"
#include "sp-details-pane.h"

struct _SpDetailsPane
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkScrolledWindow   *scroller;
  GtkLabel            *kind_label;
  GtkLabel            *title_label;
  GtkLabel            *proposition_label;
  GtkLabel            *stance_label;
  GtkLabel            *date_label;
  GtkWidget           *location_box;
  GtkLabel            *location_label;
  GtkWidget           *words_box;
  GtkWidget           *quote_heading;
  GtkLabel            *quote_label;
  GtkWidget           *paraphrase_heading;
  GtkLabel            *paraphrase_label;
  GtkLabel            *description_label;
  GtkListBox          *facts_list;
  AdwPreferencesGroup *participants_group;
  GtkListBox          *participants_list;
  AdwPreferencesGroup *sources_group;
  GtkListBox          *sources_list;
  AdwPreferencesGroup *context_group;
  GtkLabel            *context_label;
  AdwPreferencesGroup *related_group;
  GtkListBox          *related_list;
  AdwPreferencesGroup *datasets_group;
  GtkListBox          *datasets_list;
};

G_DEFINE_FINAL_TYPE (SpDetailsPane, sp_details_pane, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
set_list_label (GtkListBox *list,
                const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The stance as a word in a pill whose colour repeats it. */
static GtkWidget *
set_stance (GtkWidget *label,
            SpStance   stance)
{
  g_autofree char *css_class = g_strdup_printf ("stance-%s", sp_stance_to_string (stance));
  const char *classes[] = { "stance", css_class, NULL };

  gtk_label_set_text (GTK_LABEL (label), sp_stance_get_label (stance));
  gtk_widget_set_css_classes (label, classes);

  return label;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* The row's title already names the actor. */
static GtkWidget *
new_avatar (const char  *name,
            SpActorKind  kind)
{
  const char *icon_name = NULL;

  if (kind == SP_ACTOR_COUNTRY)
    icon_name = "mark-location-symbolic";
  else if (kind == SP_ACTOR_ORGANIZATION)
    icon_name = "system-users-symbolic";

  return g_object_new (ADW_TYPE_AVATAR,
                       "size", 32,
                       "text", name,
                       "show-initials", kind == SP_ACTOR_PERSON,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

/* A row that leads to another statement or event through the
 * details.open-item action; @suffix may be NULL. */
static GtkWidget *
new_item_row (const char *title,
              const char *subtitle,
              GtkWidget  *suffix,
              SpItemKind  kind,
              gint64      pk)
{
  GtkWidget *row = new_row (title, subtitle);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "details.open-item");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ix)", (gint32) kind, pk);
  if (suffix != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL));

  return row;
}

static GtkWidget *
new_statement_row (const SpDetailsStatement *statement,
                   gboolean                  with_topic)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *stance = set_stance (gtk_label_new (NULL), statement->stance);
  GtkWidget *row;

  /* Translators: below a speaker's name: the date or the topic of a
   * statement, then its words, as in "12 Feb 2025 · “unrealistic”" */
  subtitle = g_strdup_printf (C_("statement row", "%1$s · %2$s"),
                              with_topic ? statement->topic : statement->said,
                              statement->text);
  gtk_widget_set_valign (stance, GTK_ALIGN_CENTER);
  row = new_item_row (statement->speaker, subtitle, stance, SP_ITEM_STATEMENT, statement->pk);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  return row;
}

static GtkWidget *
new_source_row (const SpDetailsSource *source)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label;
  g_autoptr(GPtrArray) meta = g_ptr_array_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "source");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), texts);

  label = gtk_label_new (source->title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (texts), label);
  /* The row takes the focus too; without a name it would be read as an
   * empty list item. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);

  if (source->publisher != NULL)
    g_ptr_array_add (meta, source->publisher);
  if (source->published != NULL)
    g_ptr_array_add (meta, source->published);
  if (meta->len > 0)
    {
      g_autofree char *text = NULL;

      g_ptr_array_add (meta, NULL);
      /* Translators: between a source's publisher and its date */
      text = g_strjoinv (C_("source", " · "), (char **) meta->pdata);
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (texts), label);
    }

  if (source->url != NULL)
    {
      g_autofree char *name = NULL;
      GtkWidget *link;

      label = gtk_label_new (source->url);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (texts), label);

      link = gtk_link_button_new (source->url);
      gtk_button_set_icon_name (GTK_BUTTON (link), "adw-external-link-symbolic");
      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (link, "flat");
      /* Translators: the accessible name of a button that opens a source's
       * address; %s is the source's title */
      name = g_strdup_printf (_("Open “%s” in a Browser"), source->title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (GTK_BOX (box), link);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static char *
context_markup (const SpDetails *details)
{
  g_autofree char *before = g_markup_escape_text (details->context_before, -1);
  g_autofree char *passage = g_markup_escape_text (details->context_passage, -1);
  g_autofree char *after = g_markup_escape_text (details->context_after, -1);

  return g_strdup_printf ("%s<span weight=\"bold\" underline=\"single\">%s</span>%s",
                          before, passage, after);
}

static void
show_statement (SpDetailsPane   *self,
                const SpDetails *details)
{
  gboolean has_quote = details->quote != NULL && *details->quote != '\0';
  gboolean has_paraphrase = details->paraphrase != NULL && *details->paraphrase != '\0';
  GtkWidget *row;

  gtk_label_set_text (self->kind_label, _("Statement"));
  set_text (self->proposition_label, details->proposition);
  gtk_widget_set_visible (GTK_WIDGET (self->stance_label), TRUE);
  set_stance (GTK_WIDGET (self->stance_label), details->stance);

  gtk_widget_set_visible (self->words_box, TRUE);
  gtk_widget_set_visible (self->quote_heading, has_quote);
  if (has_quote)
    {
      /* Translators: a quotation; use your language's quotation marks */
      g_autofree char *quote = g_strdup_printf (C_("quotation", "“%s”"), details->quote);

      set_text (self->quote_label, quote);
    }
  else
    {
      set_text (self->quote_label, NULL);
    }
  gtk_widget_set_visible (self->paraphrase_heading, has_paraphrase);
  set_text (self->paraphrase_label, details->paraphrase);

  row = new_row (details->speaker, details->office ? details->office : details->speaker_country);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_avatar (details->speaker, details->speaker_kind));
  gtk_list_box_append (self->facts_list, row);

  if (details->quantity != NULL)
    {
      row = new_row (details->quantity, _("Amount named"));
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      gtk_list_box_append (self->facts_list, row);
    }

  if (details->event_pk != 0)
    gtk_list_box_append (self->facts_list,
                         new_item_row (details->event_title, _("Said at this event"), NULL,
                                       SP_ITEM_EVENT, details->event_pk));

  if (details->context_passage != NULL)
    {
      g_autofree char *markup = context_markup (details);

      gtk_label_set_markup (self->context_label, markup);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->context_group), details->context_passage != NULL);

  adw_preferences_group_set_title (self->related_group, _("Nearby on This Topic"));
  adw_preferences_group_set_description (self->related_group,
                                         details->nearby->len > 0 ? _("Other statements on the topic, closest in time") : NULL);
  set_list_label (self->related_list, _("Nearby on This Topic"));
  for (guint i = 0; i < details->nearby->len; i++)
    gtk_list_box_append (self->related_list, new_statement_row (details->nearby->pdata[i], FALSE));
  gtk_widget_set_visible (GTK_WIDGET (self->related_group), details->nearby->len > 0);
}

static void
show_event (SpDetailsPane   *self,
            const SpDetails *details)
{
  guint n_statements = details->statements->len + details->n_more_statements;

  gtk_label_set_text (self->kind_label, _("Event"));
  set_text (self->proposition_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->stance_label), FALSE);
  gtk_widget_set_visible (self->words_box, FALSE);
  set_text (self->location_label, details->location);
  set_text (self->description_label, details->description);
  gtk_widget_set_visible (GTK_WIDGET (self->context_group), FALSE);

  for (guint i = 0; i < details->participants->len; i++)
    {
      SpDetailsParticipant *participant = details->participants->pdata[i];
      GtkWidget *row = new_row (participant->name, sp_role_get_label (participant->role));

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), new_avatar (participant->name, participant->kind));
      gtk_list_box_append (self->participants_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->participants_group), details->participants->len > 0);

  adw_preferences_group_set_title (self->related_group, _("Statements Made There"));
  if (details->n_more_statements > 0)
    {
      g_autofree char *description = NULL;

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The first %1$u of %2$u statement",
                                                  "The first %1$u of %2$u statements",
                                                  n_statements),
                                     details->statements->len, n_statements);
      adw_preferences_group_set_description (self->related_group, description);
    }
  else
    {
      adw_preferences_group_set_description (self->related_group, NULL);
    }
  set_list_label (self->related_list, _("Statements Made There"));
  for (guint i = 0; i < details->statements->len; i++)
    gtk_list_box_append (self->related_list, new_statement_row (details->statements->pdata[i], TRUE));
  gtk_widget_set_visible (GTK_WIDGET (self->related_group), details->statements->len > 0);
}

static void
show_details (SpDetailsPane   *self,
              const SpDetails *details)
{
  g_autofree char *description = sp_details_describe (details);
  const char *sources_title;
  const char *datasets_title;

  sp_details_pane_clear (self);

  set_text (self->title_label, details->title);
  set_text (self->date_label, details->date);
  set_text (self->location_label, NULL);
  set_text (self->description_label, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->participants_group), FALSE);

  if (details->kind == SP_ITEM_STATEMENT)
    show_statement (self, details);
  else
    show_event (self, details);

  gtk_widget_set_visible (self->location_box, gtk_widget_get_visible (GTK_WIDGET (self->location_label)));
  gtk_widget_set_visible (GTK_WIDGET (self->facts_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->facts_list)) != NULL);

  sources_title = g_dngettext (GETTEXT_PACKAGE, "Source", "Sources", details->sources->len);
  adw_preferences_group_set_title (self->sources_group, sources_title);
  set_list_label (self->sources_list, sources_title);
  for (guint i = 0; i < details->sources->len; i++)
    gtk_list_box_append (self->sources_list, new_source_row (details->sources->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->sources_group), details->sources->len > 0);

  /* Translators: the datasets that brought a statement or event into the library */
  datasets_title = g_dngettext (GETTEXT_PACKAGE, "From Dataset", "From Datasets", details->datasets->len);
  adw_preferences_group_set_title (self->datasets_group, datasets_title);
  set_list_label (self->datasets_list, datasets_title);
  for (guint i = 0; i < details->datasets->len; i++)
    gtk_list_box_append (self->datasets_list, new_row (details->datasets->pdata[i], NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->datasets_group), details->datasets->len > 0);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "details");
}

static void
open_item_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gint32 kind;
  gint64 pk;

  g_variant_get (parameter, "(ix)", &kind, &pk);
  g_signal_emit (widget, signals[ITEM_ACTIVATED], 0, kind, pk);
}

static void
update_dark (SpDetailsPane   *self,
             GParamSpec      *pspec,
             AdwStyleManager *style_manager)
{
  if (adw_style_manager_get_dark (style_manager))
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
}

static void
sp_details_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_DETAILS_PANE);

  G_OBJECT_CLASS (sp_details_pane_parent_class)->dispose (object);
}

static void
sp_details_pane_class_init (SpDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_details_pane_dispose;

  /**
   * SpDetailsPane::item-activated:
   * @self: the pane
   * @kind: an #SpItemKind
   * @pk: the statement's or event's row
   *
   * Emitted when the user picks another statement or event in the pane.
   */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "details-pane");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/standpoint/Standpoint/sp-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, proposition_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, stance_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, date_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, location_box);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, location_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, words_box);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, quote_heading);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, quote_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, paraphrase_heading);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, paraphrase_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, description_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, facts_list);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, participants_group);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, participants_list);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, sources_group);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, sources_list);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, context_group);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, context_label);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, related_group);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, related_list);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, datasets_group);
  gtk_widget_class_bind_template_child (widget_class, SpDetailsPane, datasets_list);

  gtk_widget_class_install_action (widget_class, "details.open-item", "(ix)", open_item_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sp_details_pane_init (SpDetailsPane *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (update_dark),
                           self, G_CONNECT_SWAPPED);
  update_dark (self, NULL, style_manager);
}

GtkWidget *
sp_details_pane_new (void)
{
  return g_object_new (SP_TYPE_DETAILS_PANE, NULL);
}

/**
 * sp_details_pane_show:
 * @self: a details pane
 * @library: the library that holds the item
 * @kind: whether @pk is a statement or an event
 * @pk: its row
 *
 * Shows one statement or event, or why it cannot be shown.
 */
void
sp_details_pane_show (SpDetailsPane *self,
                      SpLibrary     *library,
                      SpItemKind     kind,
                      gint64         pk)
{
  g_autoptr(SpDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SP_IS_DETAILS_PANE (self));
  g_return_if_fail (SP_IS_LIBRARY (library));

  details = sp_details_load (library, kind, pk, &error);
  if (details == NULL)
    {
      /* The status page reads its description as markup. */
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      sp_details_pane_clear (self);
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_details (self, details);
}

/**
 * sp_details_pane_clear:
 * @self: a details pane
 *
 * Shows that nothing is selected.
 */
void
sp_details_pane_clear (SpDetailsPane *self)
{
  g_return_if_fail (SP_IS_DETAILS_PANE (self));

  remove_rows (self->facts_list);
  remove_rows (self->participants_list);
  remove_rows (self->sources_list);
  remove_rows (self->related_list);
  remove_rows (self->datasets_list);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
