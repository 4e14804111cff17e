#define G_LOG_DOMAIN "standpoint-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-comparison-view.h"
#include "sp-details-pane.h"
#include "sp-importer.h"
#include "sp-sidebar.h"
#include "sp-timeline-legend.h"
#include "sp-timeline-view.h"
#include "sp-view-state.h"
#include "sp-window.h"

/* The problems shown in the failure dialog; the rest are counted. */
#define MAX_SHOWN_PROBLEMS 50

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwFlap              *sidebar_flap;
  AdwFlap              *details_flap;
  GtkWidget            *import_button;
  GtkWidget            *export_button;
  AdwBin               *sidebar_bin;
  AdwBin               *details_bin;
  AdwBin               *timeline_bin;
  AdwBin               *legend_bin;
  AdwViewStack         *view_stack;
  AdwBin               *comparison_bin;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;

  SpViewState          *state;
  GSettings            *settings;
  SpSidebar            *sidebar;
  SpDetailsPane        *details;
  SpTimelineView       *timeline;
  SpComparisonView     *comparison;

  /* The sidebar waits for the timeline's first frame: filling it takes
   * long in a large library, and the timeline is what the window is for. */
  gboolean              sidebar_waits;
  guint                 sidebar_idle;
  guint                 header_idle;

  GtkFileChooserNative *chooser;
  GtkFileChooserNative *export_chooser;
  SpLibrary            *watched;           /* the library whose changes reload the window */
  GQueue                pending_imports;   /* GFile, waiting for the running one */
  SpImporter           *importer;          /* the running import */
  GCancellable         *import_cancellable;
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_next_import (SpWindow *self);

static SpLibrary *
get_library (SpWindow  *self,
             GError   **error)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return sp_application_get_library (SP_APPLICATION (app), error);
}

/* Shows the selection again (after an import or a change of the date
 * style), without revealing a pane the user closed. */
static void
refresh_details (SpWindow  *self,
                 SpLibrary *library)
{
  SpItemKind kind;
  gint64 pk;

  kind = sp_view_state_get_selection (self->state, &pk);
  if (kind != 0)
    sp_details_pane_show (self->details, library, kind, pk);
}

static gboolean
showing_comparison (SpWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "comparison") == 0;
}

static gboolean
reload_sidebar (gpointer user_data)
{
  SpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  SpLibrary *library = get_library (self, &error);

  self->sidebar_idle = 0;
  if (library != NULL)
    sp_sidebar_reload (self->sidebar, library);

  return G_SOURCE_REMOVE;
}

/* After paint, the frame shows the index the timeline had at paint. */
static void
window_painted (SpWindow      *self,
                GdkFrameClock *clock)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self->timeline)) &&
      sp_timeline_view_get_index (self->timeline) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (clock, window_painted, self);
  self->sidebar_waits = FALSE;
  self->sidebar_idle = g_idle_add (reload_sidebar, self);
}

static void
sp_window_realize (GtkWidget *widget)
{
  SpWindow *self = SP_WINDOW (widget);

  GTK_WIDGET_CLASS (sp_window_parent_class)->realize (widget);

  if (self->sidebar_waits)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (window_painted), self, G_CONNECT_SWAPPED);
}

void
sp_window_reload (SpWindow *self)
{
  g_autoptr(GError) error = NULL;
  SpLibrary *library;
  int n_datasets = -1;

  g_return_if_fail (SP_IS_WINDOW (self));

  library = get_library (self, &error);
  if (library != NULL)
    n_datasets = sp_library_count_datasets (library, &error);

  if (n_datasets < 0)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (self->watched != library)
    {
      /* Another program (standpoint-cli, a second window) may write to
       * the library; its commits show up here. */
      g_set_object (&self->watched, library);
      sp_library_watch (library, 500);
      g_signal_connect_object (library, "changed", G_CALLBACK (sp_window_reload),
                               self, G_CONNECT_SWAPPED);

      if (sp_library_get_read_only (library))
        {
          g_autofree char *message = g_strdup_printf (_("This library can only be read: %s"),
                                                      sp_library_get_read_only_reason (library));

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !sp_library_get_read_only (library));

  if (!self->sidebar_waits)
    sp_sidebar_reload (self->sidebar, library);
  refresh_details (self, library);
  /* Views that have the library already load it again; one that gets it
   * here loads it once.  The comparison waits until it is shown. */
  sp_view_state_library_changed (self->state);
  sp_timeline_view_set_library (self->timeline, library);
  if (showing_comparison (self))
    sp_comparison_view_set_library (self->comparison, library);

  gtk_stack_set_visible_child_name (self->stack, n_datasets > 0 ? "timeline" : "empty");
}

static void
view_changed (SpWindow *self)
{
  g_autoptr(GError) error = NULL;
  SpLibrary *library;

  if (showing_comparison (self) && (library = get_library (self, &error)) != NULL)
    sp_comparison_view_set_library (self->comparison, library);
}

/* Importing */

static void
show_problems (SpWindow   *self,
               SpImporter *importer,
               GError     *error)
{
  GPtrArray *problems = sp_importer_get_problems (importer);
  const char *name = sp_importer_get_display_name (importer);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *scrolled, *label;

  for (guint i = 0; i < problems->len && i < MAX_SHOWN_PROBLEMS; i++)
    {
      SpProblem *problem = g_ptr_array_index (problems, i);

      /* Line and place first, as people look for them. */
      if (problem->line > 0)
        g_string_append_printf (text, _("Line %u, column %u"), problem->line, problem->column);
      if (problem->path != NULL)
        g_string_append_printf (text, "%s%s", problem->line > 0 ? " · " : "", problem->path);
      if (problem->line > 0 || problem->path != NULL)
        g_string_append (text, "\n");
      g_string_append_printf (text, "%s\n\n", problem->message);
    }
  if (problems->len > MAX_SHOWN_PROBLEMS)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "…and %u more problem\n",
                                         "…and %u more problems\n",
                                         problems->len - MAX_SHOWN_PROBLEMS),
                            problems->len - MAX_SHOWN_PROBLEMS);
  if (problems->len == 0)
    g_string_append (text, error->message);

  if (problems->len > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s has %u problem. Nothing was imported; the library is unchanged.",
                                         "%s has %u problems. Nothing was imported; the library is unchanged.",
                                         problems->len),
                            name, problems->len);
  else
    body = g_strdup_printf (_("%s could not be imported. The library is unchanged."), name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Failed"), body);

  label = gtk_label_new (g_strstrip (text->str));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems"),
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_progressed (SpWindow *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, sp_importer_get_fraction (self->importer));
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SpWindow) self = user_data;
  g_autoptr(SpImporter) importer = SP_IMPORTER (object);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (importer, self);
  g_clear_object (&self->importer);
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  if (!sp_importer_run_finish (importer, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled; the library is unchanged")));
      else
        show_problems (self, importer, error);
    }
  else
    {
      g_autofree char *message = NULL;

      /* Translators: the counts of records an import added, updated, left unchanged and retracted */
      message = g_strdup_printf (_("Imported “%s”: %'u added, %'u updated, %'u unchanged, %'u retracted"),
                                 sp_importer_get_dataset_title (importer),
                                 sp_importer_get_count (importer, SP_IMPORT_ADDED),
                                 sp_importer_get_count (importer, SP_IMPORT_UPDATED),
                                 sp_importer_get_count (importer, SP_IMPORT_UNCHANGED),
                                 sp_importer_get_count (importer, SP_IMPORT_RETRACTED));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      sp_window_reload (self);
    }

  start_next_import (self);
}

static void
start_next_import (SpWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  SpLibrary *library;

  if (self->importer != NULL || (file = g_queue_pop_head (&self->pending_imports)) == NULL)
    return;

  library = get_library (self, &error);
  if (library == NULL)
    {
      sp_window_reload (self);
      return;
    }

  self->importer = sp_importer_new (library, file);
  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->importer, "notify::fraction", G_CALLBACK (import_progressed), self);

  /* Translators: %s is a file name */
  label = g_strdup_printf (_("Importing %s…"), sp_importer_get_display_name (self->importer));
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  sp_importer_run_async (g_object_ref (self->importer), self->import_cancellable,
                         import_done, g_object_ref (self));
}

/* Files are imported one after the other, each in its own transaction. */
void
sp_window_import (SpWindow *self,
                  GFile    *file)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_queue_push_tail (&self->pending_imports, g_object_ref (file));
  start_next_import (self);
}

static void
cancel_import_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  g_queue_clear_full (&self->pending_imports, g_object_unref);
  g_cancellable_cancel (self->import_cancellable);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  SpWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          sp_window_import (self, file);
        }
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

  self->chooser = gtk_file_chooser_native_new (_("Import Datasets"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
files_dropped (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               SpWindow      *self)
{
  GSList *files = g_value_get_boxed (value);

  if (self->watched != NULL && sp_library_get_read_only (self->watched))
    return FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    sp_window_import (self, l->data);

  return files != NULL;
}

/* Exporting */

static void
export_response (GtkNativeDialog *chooser,
                 int              response,
                 gpointer         user_data)
{
  SpWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "scale");
      int scale = g_strcmp0 (choice, "2") == 0 ? 2 : 1;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *name = g_file_get_basename (file);
      gboolean exported;

      if (showing_comparison (self))
        exported = sp_comparison_view_export (self->comparison, file, scale, &error);
      else
        exported = sp_timeline_view_export (self->timeline, file, scale, &error);

      if (exported)
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("Exported “%s”"), name);
      else
        message = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }

  g_clear_object (&self->export_chooser);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *scales[] = { "1", "2", NULL };
  const char *scale_labels[] = { _("Normal size"), _("Double size, for print and high-resolution screens"), NULL };

  if (self->export_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("PNG Pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");

  self->export_chooser = gtk_file_chooser_native_new (_("Export Picture"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
  name = showing_comparison (self)
         ? sp_comparison_view_get_default_file_name (self->comparison)
         : sp_timeline_view_get_default_file_name (self->timeline);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->export_chooser), "scale", _("Size"),
                               scales, scale_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->export_chooser), "scale",
                               g_settings_get_int (self->settings, "export-scale") == 2 ? "2" : "1");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  g_signal_connect (self->export_chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* Removing */

typedef struct {
  SpWindow *window;
  char     *dataset_id;
  char     *title;
} Removal;

static void
removal_free (gpointer  data,
              GClosure *closure)
{
  Removal *removal = data;

  g_object_unref (removal->window);
  g_free (removal->dataset_id);
  g_free (removal->title);
  g_free (removal);
}

static void
remove_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Removal          *removal)
{
  SpWindow *self = removal->window;
  g_autoptr(GError) error = NULL;
  SpLibrary *library;

  if (g_strcmp0 (response, "remove") == 0 &&
      (library = get_library (self, &error)) != NULL &&
      sp_library_remove_dataset (library, removal->dataset_id, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Removed “%s”"), removal->title);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      sp_view_state_set_selection (self->state, 0, 0);
      sp_window_reload (self);
    }

  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
remove_dataset_requested (SpSidebar  *sidebar,
                          const char *dataset_id,
                          const char *title,
                          SpWindow   *self)
{
  Removal *removal = g_new0 (Removal, 1);
  GtkWidget *dialog;

  removal->window = g_object_ref (self);
  removal->dataset_id = g_strdup (dataset_id);
  removal->title = g_strdup (title);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Dataset?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The statements, events and other records that only “%s” "
                                    "brought will be removed from the library. You can import "
                                    "the file again later."),
                                  title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response),
                         removal, removal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Selection and details */

static void
selection_changed (SpWindow *self)
{
  g_autoptr(GError) error = NULL;
  SpLibrary *library = get_library (self, &error);
  SpItemKind kind;
  gint64 pk;

  kind = sp_view_state_get_selection (self->state, &pk);
  if (kind == 0 || library == NULL)
    sp_details_pane_clear (self->details);
  else
    {
      sp_details_pane_show (self->details, library, kind, pk);
      /* Folded, the pane would cover the timeline at each arrow key;
       * activating an item opens it. */
      if (!adw_flap_get_folded (self->details_flap))
        adw_flap_set_reveal_flap (self->details_flap, TRUE);
    }
}

/* Import and Export have a place in the header bar only beside the
 * timeline with its sidebar unfolded: the main menu has them too, and the
 * page without datasets a button to import. */
static gboolean
is_wide (SpWindow *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self->sidebar_flap)) &&
         !adw_flap_get_folded (self->sidebar_flap);
}

static gboolean
update_header (gpointer user_data)
{
  SpWindow *self = user_data;

  self->header_idle = 0;
  gtk_widget_set_visible (self->import_button, is_wide (self));
  gtk_widget_set_visible (self->export_button, is_wide (self));

  return G_SOURCE_REMOVE;
}

/* The flap folds while it is allocated, after the header bar: the header
 * bar changes in the next frame.  Its buttons start hidden, so that they
 * never make the window wider than asked for. */
static void
sp_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SpWindow *self = SP_WINDOW (widget);

  GTK_WIDGET_CLASS (sp_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (gtk_widget_get_visible (self->import_button) != is_wide (self) && self->header_idle == 0)
    self->header_idle = g_idle_add (update_header, self);
}

/* Folded, the details would cover the timeline: they close, and open
 * again when asked for, not when the window widens. */
static void
details_folded (SpWindow *self)
{
  if (adw_flap_get_folded (self->details_flap))
    adw_flap_set_reveal_flap (self->details_flap, FALSE);
}

static void
timeline_item_activated (SpWindow *self)
{
  adw_flap_set_reveal_flap (self->details_flap, TRUE);
}

static void
details_item_activated (SpDetailsPane *pane,
                        int            kind,
                        gint64         pk,
                        SpWindow      *self)
{
  sp_view_state_set_selection (self->state, kind, pk);
}

/* Settings */

static GStrv
nonempty_or_null (GStrv strv)
{
  if (strv != NULL && strv[0] == NULL)
    g_clear_pointer (&strv, g_strfreev);

  return strv;
}

static void
restore_state (SpWindow *self)
{
  g_autoptr(SpFilter) filter = sp_filter_new ();
  g_autoptr(GVariant) saved_grouping = g_settings_get_user_value (self->settings, "grouping");
  g_auto(GStrv) stances = NULL;
  gint64 lo, hi;

  /* The preferred grouping holds until the user picks one in the window. */
  sp_view_state_set_grouping (self->state,
                              g_settings_get_enum (self->settings,
                                                   saved_grouping != NULL ? "grouping" : "default-grouping"));

  filter->dataset_ids = nonempty_or_null (g_settings_get_strv (self->settings, "filter-datasets"));
  filter->actor_ids = nonempty_or_null (g_settings_get_strv (self->settings, "filter-actors"));
  filter->topic_ids = nonempty_or_null (g_settings_get_strv (self->settings, "filter-topics"));
  stances = g_settings_get_strv (self->settings, "filter-stances");
  for (guint i = 0; stances[i] != NULL; i++)
    filter->stances |= 1u << sp_stance_from_string (stances[i]);
  filter->stances &= ~1u;
  filter->search = g_settings_get_string (self->settings, "filter-search");
  if (filter->search[0] == '\0')
    g_clear_pointer (&filter->search, g_free);
  sp_view_state_set_filter (self->state, filter);

  g_settings_get (self->settings, "visible-span", "(xx)", &lo, &hi);
  sp_view_state_set_span (self->state, lo, hi);
}

static void
save_filter (SpWindow *self)
{
  const SpFilter *filter = sp_view_state_get_filter (self->state);
  g_autoptr(GStrvBuilder) stances = g_strv_builder_new ();
  g_auto(GStrv) stance_list = NULL;
  const char * const empty[] = { NULL };

  for (SpStance stance = SP_STANCE_SUPPORT; stance <= SP_STANCE_UNCLEAR; stance++)
    if (filter->stances & (1u << stance))
      g_strv_builder_add (stances, sp_stance_to_string (stance));
  stance_list = g_strv_builder_end (stances);

  g_settings_set_strv (self->settings, "filter-datasets",
                       filter->dataset_ids ? (const char * const *)filter->dataset_ids : empty);
  g_settings_set_strv (self->settings, "filter-actors",
                       filter->actor_ids ? (const char * const *)filter->actor_ids : empty);
  g_settings_set_strv (self->settings, "filter-topics",
                       filter->topic_ids ? (const char * const *)filter->topic_ids : empty);
  g_settings_set_strv (self->settings, "filter-stances", (const char * const *)stance_list);
  g_settings_set_string (self->settings, "filter-search", filter->search ? filter->search : "");
}

/* Folding closes a pane and unfolding opens it again: only what the user
 * chose where the panes fit is kept. */
static void
save_panes (SpWindow *self)
{
  if (!adw_flap_get_folded (self->sidebar_flap))
    g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->sidebar_flap));
  if (!adw_flap_get_folded (self->details_flap))
    g_settings_set_boolean (self->settings, "details-visible", adw_flap_get_reveal_flap (self->details_flap));
}

static void
save_grouping (SpWindow *self)
{
  g_settings_set_enum (self->settings, "grouping", sp_view_state_get_grouping (self->state));
}

static void
save_span (SpWindow *self)
{
  gint64 lo, hi;

  sp_view_state_get_span (self->state, &lo, &hi);
  g_settings_set (self->settings, "visible-span", "(xx)", lo, hi);
}

static gboolean
sp_window_close_request (GtkWindow *window)
{
  SpWindow *self = SP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (sp_window_parent_class)->close_request (window);
}

/* Actions */

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sp_timeline_view_zoom (SP_WINDOW (widget)->timeline, 1.25);
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sp_timeline_view_zoom (SP_WINDOW (widget)->timeline, 1.0 / 1.25);
}

static void
zoom_fit_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sp_timeline_view_zoom_to_fit (SP_WINDOW (widget)->timeline);
}

static void
zoom_selection_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  sp_timeline_view_zoom_to_selection (SP_WINDOW (widget)->timeline);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);
  sp_sidebar_focus_search (self->sidebar);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = (SpWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->importer);
  g_queue_clear_full (&self->pending_imports, g_object_unref);
  g_clear_handle_id (&self->sidebar_idle, g_source_remove);
  g_clear_handle_id (&self->header_idle, g_source_remove);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);
  g_clear_object (&self->state);
  g_clear_object (&self->settings);
  g_clear_object (&self->watched);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_window_dispose;
  widget_class->realize = sp_window_realize;
  widget_class->size_allocate = sp_window_size_allocate;
  window_class->close_request = sp_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/standpoint/Standpoint/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sidebar_bin);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, details_bin);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, timeline_bin);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, legend_bin);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, comparison_bin);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, progress_bar);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-selection", NULL, zoom_selection_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}

static void
sp_window_init (SpWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_queue_init (&self->pending_imports);

  self->settings = g_settings_new (APPLICATION_ID);
  self->state = sp_view_state_new ();
  restore_state (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  adw_flap_set_reveal_flap (self->sidebar_flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
  adw_flap_set_reveal_flap (self->details_flap, g_settings_get_boolean (self->settings, "details-visible"));
  g_signal_connect_swapped (self->sidebar_flap, "notify::reveal-flap", G_CALLBACK (save_panes), self);
  g_signal_connect_swapped (self->details_flap, "notify::reveal-flap", G_CALLBACK (save_panes), self);
  g_signal_connect_swapped (self->details_flap, "notify::folded", G_CALLBACK (details_folded), self);

  self->sidebar = SP_SIDEBAR (sp_sidebar_new (self->state));
  adw_bin_set_child (self->sidebar_bin, GTK_WIDGET (self->sidebar));
  g_signal_connect (self->sidebar, "remove-dataset", G_CALLBACK (remove_dataset_requested), self);

  self->details = SP_DETAILS_PANE (sp_details_pane_new ());
  adw_bin_set_child (self->details_bin, GTK_WIDGET (self->details));
  g_signal_connect (self->details, "item-activated", G_CALLBACK (details_item_activated), self);

  self->timeline = SP_TIMELINE_VIEW (sp_timeline_view_new (self->state));
  adw_bin_set_child (self->timeline_bin, GTK_WIDGET (self->timeline));
  g_signal_connect_swapped (self->timeline, "item-activated", G_CALLBACK (timeline_item_activated), self);
  adw_bin_set_child (self->legend_bin, sp_timeline_legend_new ());

  self->comparison = SP_COMPARISON_VIEW (sp_comparison_view_new (self->state));
  adw_bin_set_child (self->comparison_bin, GTK_WIDGET (self->comparison));
  g_settings_bind (self->settings, "view", self->view_stack, "visible-child-name", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (view_changed), self);
  self->sidebar_waits = TRUE;

  g_signal_connect_swapped (self->state, "notify::selection-pk", G_CALLBACK (selection_changed), self);
  g_signal_connect_swapped (self->state, "notify::filter", G_CALLBACK (save_filter), self);
  g_signal_connect_swapped (self->state, "notify::grouping", G_CALLBACK (save_grouping), self);
  g_signal_connect_swapped (self->state, "notify::span-hi", G_CALLBACK (save_span), self);
  g_signal_connect_swapped (self->state, "notify::span-lo", G_CALLBACK (save_span), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

SpWindow *
sp_window_new (SpApplication *application)
{
  SpWindow *self = g_object_new (SP_TYPE_WINDOW, "application", application, NULL);

  sp_window_reload (self);
  return self;
}

SpViewState *
sp_window_get_view_state (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);

  return self->state;
}
