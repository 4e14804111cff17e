#define G_LOG_DOMAIN "standpoint-gui"

#include "config.h"

#include <adwaita.h>

#include "sp-widget-style.h"

/**
 * sp_widget_style_fill:
 * @widget: a widget that draws with the render code
 * @style: (out caller-allocates): the style to fill
 *
 * Fills @style from the application's style: light or dark, high
 * contrast, the theme's text colour and @widget's scale factor.
 */
void
sp_widget_style_fill (GtkWidget     *widget,
                      SpRenderStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (style != NULL);

  if (adw_style_manager_get_dark (manager))
    sp_render_style_init_dark (style);
  else
    sp_render_style_init_light (style);
  if (adw_style_manager_get_high_contrast (manager))
    sp_render_style_set_high_contrast (style);

  /* The theme's text colour, which high contrast makes pure. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &style->foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->scale = gtk_widget_get_scale_factor (widget);
}

/**
 * sp_widget_style_watch:
 * @widget: the widget sp_widget_style_fill() fills a style for
 * @changed: called as `void changed (GtkWidget *widget)`
 *
 * Calls @changed, for as long as @widget lives, whenever the style turns
 * dark or light or high contrast goes on or off.
 */
void
sp_widget_style_watch (GtkWidget *widget,
                       GCallback  changed)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_signal_connect_object (manager, "notify::dark", changed, widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", changed, widget, G_CONNECT_SWAPPED);
}
