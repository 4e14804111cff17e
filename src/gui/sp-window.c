#define G_LOG_DOMAIN "standpoint-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-importer.h"
#include "sp-window.h"

/* The problems shown in the failure dialog; the rest are counted. */
#define MAX_SHOWN_PROBLEMS 20

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkListBox           *dataset_list;

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

static SpLibrary *
get_library (SpWindow  *self,
             GError   **error)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return sp_application_get_library (SP_APPLICATION (app), error);
}

static char *
describe_counts (const SpDatasetInfo *info)
{
  /* Translators: counts of the records of a dataset */
  return g_strdup_printf (_("%u statements, %u actors, %u topics, %u events, %u sources"),
                          info->counts[SP_RECORD_STATEMENT], info->counts[SP_RECORD_ACTOR],
                          info->counts[SP_RECORD_TOPIC], info->counts[SP_RECORD_EVENT],
                          info->counts[SP_RECORD_SOURCE]);
}

void
sp_window_reload (SpWindow *self)
{
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;
  SpLibrary *library;
  GtkWidget *child;

  g_return_if_fail (SP_IS_WINDOW (self));

  library = get_library (self, &error);
  if (library != NULL)
    datasets = sp_library_list_datasets (library, &error);

  if (datasets == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dataset_list))))
    gtk_list_box_remove (self->dataset_list, child);

  for (guint i = 0; i < datasets->len; i++)
    {
      SpDatasetInfo *info = g_ptr_array_index (datasets, i);
      g_autofree char *counts = describe_counts (info);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), counts);
      gtk_list_box_append (self->dataset_list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, datasets->len > 0 ? "datasets" : "empty");
}

static void
show_problems (SpWindow   *self,
               SpImporter *importer,
               GError     *error)
{
  GPtrArray *problems = sp_importer_get_problems (importer);
  const char *name = sp_importer_get_display_name (importer);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < problems->len && i < MAX_SHOWN_PROBLEMS; i++)
    {
      g_autofree char *line = sp_problem_to_string (g_ptr_array_index (problems, i), name);

      g_string_append_printf (body, "%s\n", line);
    }
  if (problems->len > MAX_SHOWN_PROBLEMS)
    g_string_append_printf (body,
                            g_dngettext (GETTEXT_PACKAGE, "…and %u more problem\n",
                                         "…and %u more problems\n",
                                         problems->len - MAX_SHOWN_PROBLEMS),
                            problems->len - MAX_SHOWN_PROBLEMS);
  if (problems->len == 0)
    g_string_append (body, error->message);
  else
    g_string_append (body, _("The library was left unchanged."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Failed"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SpWindow) self = user_data;
  SpImporter *importer = SP_IMPORTER (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!sp_importer_run_finish (importer, result, &error))
    {
      show_problems (self, importer, error);
      return;
    }

  /* Translators: the counts of records an import added, updated and left unchanged */
  message = g_strdup_printf (_("Imported “%s”: %u added, %u updated, %u unchanged, %u retracted"),
                             sp_importer_get_dataset_id (importer),
                             sp_importer_get_count (importer, SP_IMPORT_ADDED),
                             sp_importer_get_count (importer, SP_IMPORT_UPDATED),
                             sp_importer_get_count (importer, SP_IMPORT_UNCHANGED),
                             sp_importer_get_count (importer, SP_IMPORT_RETRACTED));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  sp_window_reload (self);
}

void
sp_window_import (SpWindow *self,
                  GFile    *file)
{
  g_autoptr(SpImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  SpLibrary *library;

  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  library = get_library (self, &error);
  if (library == NULL)
    {
      sp_window_reload (self);
      return;
    }

  importer = sp_importer_new (library, file);
  sp_importer_run_async (importer, NULL, import_done, g_object_ref (self));
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  SpWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sp_window_import (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Datasets (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");

  self->chooser = gtk_file_chooser_native_new (_("Import Dataset"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = (SpWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/standpoint/Standpoint/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, dataset_list);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SpWindow *
sp_window_new (SpApplication *application)
{
  SpWindow *self = g_object_new (SP_TYPE_WINDOW, "application", application, NULL);

  sp_window_reload (self);
  return self;
}
