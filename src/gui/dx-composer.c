/* dx-composer.c — where a tester writes the next message: a GtkSourceView
 * with a Text / JSON switch; JSON is checked before it leaves, and a bad
 * message is kept, with the reason shown beneath it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dx-composer.h"
#include "dx-json.h"
#include "dx-message.h"

struct _DxComposer
{
  GtkWidget        parent_instance;

  GtkWidget        *root_box;
  GtkToggleButton *text_button;
  GtkToggleButton *json_button;
  GtkLabel        *size_label;
  GtkSourceView   *view;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;

  GtkSourceBuffer *buffer;
  DxComposerMode   mode;
};

G_DEFINE_FINAL_TYPE (DxComposer, dx_composer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

enum {
  SEND_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_style_scheme (DxComposer *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
update_size (DxComposer *self)
{
  g_autofree char *text = dx_composer_dup_text (self);
  g_autofree char *size = dx_format_size (strlen (text));

  gtk_label_set_text (self->size_label, size);
}

static void
buffer_changed_cb (DxComposer *self)
{
  update_size (self);
  dx_composer_show_error (self, NULL);
}

static void
mode_toggled_cb (DxComposer *self)
{
  dx_composer_set_mode (self, gtk_toggle_button_get_active (self->json_button)
                                ? DX_COMPOSER_MODE_JSON : DX_COMPOSER_MODE_TEXT);
}

static void
send_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dx_composer_send (DX_COMPOSER (widget));
}

static void
dx_composer_dispose (GObject *object)
{
  DxComposer *self = DX_COMPOSER (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_COMPOSER);

  G_OBJECT_CLASS (dx_composer_parent_class)->dispose (object);
}

static void
dx_composer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DxComposer *self = DX_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_composer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DxComposer *self = DX_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      dx_composer_set_mode (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_composer_class_init (DxComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_composer_dispose;
  object_class->get_property = dx_composer_get_property;
  object_class->set_property = dx_composer_set_property;

  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      DX_COMPOSER_MODE_TEXT, DX_COMPOSER_MODE_JSON, DX_COMPOSER_MODE_TEXT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DxComposer::send-requested:
   * @text: the message, checked for the current mode
   */
  signals[SEND_REQUESTED] =
    g_signal_new ("send-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, DxComposer, root_box);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, text_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, json_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, size_label);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, view);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, error_label);
  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "composer");
}

static void
dx_composer_init (DxComposer *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->json_button, "toggled", G_CALLBACK (mode_toggled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);

  /* Ctrl+Enter sends even while the text view has the focus: the text view
   * would otherwise take it as a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("composer.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_size (self);
  dx_composer_show_error (self, NULL);
}

GtkWidget *
dx_composer_new (void)
{
  return g_object_new (DX_TYPE_COMPOSER, NULL);
}

char *
dx_composer_dup_text (DxComposer *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (DX_IS_COMPOSER (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

void
dx_composer_set_text (DxComposer *self,
                      const char *text)
{
  g_return_if_fail (DX_IS_COMPOSER (self));

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text ? text : "", -1);
}

DxComposerMode
dx_composer_get_mode (DxComposer *self)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), DX_COMPOSER_MODE_TEXT);
  return self->mode;
}

void
dx_composer_set_mode (DxComposer     *self,
                      DxComposerMode  mode)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  g_return_if_fail (DX_IS_COMPOSER (self));

  if (self->mode == mode)
    return;

  self->mode = mode;
  gtk_toggle_button_set_active (mode == DX_COMPOSER_MODE_JSON ? self->json_button : self->text_button, TRUE);
  gtk_source_buffer_set_language (self->buffer,
                                  mode == DX_COMPOSER_MODE_JSON
                                    ? gtk_source_language_manager_get_language (languages, "json")
                                    : NULL);
  dx_composer_show_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

/**
 * dx_composer_send:
 *
 * Checks the message for the current mode and emits
 * #DxComposer::send-requested, or shows why it cannot be sent.
 */
void
dx_composer_send (DxComposer *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DX_IS_COMPOSER (self));

  text = dx_composer_dup_text (self);

  if (self->mode == DX_COMPOSER_MODE_JSON)
    {
      guint line = 0, column = 0;

      if (!dx_json_check (text, &line, &column, &error))
        {
          dx_composer_show_error (self, error->message);
          if (line > 0)
            {
              GtkTextIter iter;

              gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->buffer), &iter,
                                                       line - 1, column > 0 ? column - 1 : 0);
              gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
            }
          return;
        }
    }

  g_signal_emit (self, signals[SEND_REQUESTED], 0, text);
}

/**
 * dx_composer_show_error:
 * @message: (nullable): why the message was not sent, or %NULL to clear
 */
void
dx_composer_show_error (DxComposer *self,
                        const char *message)
{
  g_return_if_fail (DX_IS_COMPOSER (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->error_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, message == NULL, -1);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/**
 * dx_composer_get_error:
 *
 * Returns: (nullable): the message shown beneath the composer, if any
 */
const char *
dx_composer_get_error (DxComposer *self)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

void
dx_composer_focus (DxComposer *self)
{
  g_return_if_fail (DX_IS_COMPOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}
