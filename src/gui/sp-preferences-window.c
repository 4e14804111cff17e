#define G_LOG_DOMAIN "standpoint-preferences"

#include "config.h"

#include "sp-preferences-window.h"

struct _SpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
sp_preferences_window_dispose (GObject *object)
{
  SpPreferencesWindow *self = (SpPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sp_preferences_window_parent_class)->dispose (object);
}

static void
sp_preferences_window_class_init (SpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/standpoint/Standpoint/sp-preferences-window.ui");
}

/* Each row is a check button on a settings action, so the keys stay the
 * one place the choices live. */
static void
sp_preferences_window_init (SpPreferencesWindow *self)
{
  static const char * const keys[] = { "default-grouping", "date-style", "export-scale" };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  self->settings = g_settings_new (APPLICATION_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, keys[i]);

      g_action_map_add_action (G_ACTION_MAP (group), action);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "prefs", G_ACTION_GROUP (group));

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* In @application, so that its shortcuts work here and it finds the
 * window again; over its active window. */
GtkWidget *
sp_preferences_window_new (GtkApplication *application)
{
  GtkWindow *parent;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  parent = gtk_application_get_active_window (application);

  return g_object_new (SP_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "destroy-with-parent", TRUE,
                       NULL);
}
