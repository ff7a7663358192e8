/* dx-control-button.c — ping and close with a code, beside Connect
 *
 * A menu button whose popover sends a ping with an optional payload (and
 * shows the latest round-trip time), and closes the connection with a
 * chosen code and reason. A code a client may not send is refused there,
 * with the reason, and the popover stays open with what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-close-code.h"
#include "dx-control-button.h"

struct _DxControlButton
{
  GtkWidget      parent_instance;

  GtkMenuButton *menu_button;
  GtkPopover    *popover;
  GtkEntry      *ping_entry;
  GtkLabel      *rtt_label;
  GtkEntry      *code_entry;
  GtkEntry      *reason_entry;
  GtkLabel      *error_label;

  DxConnection  *connection;
};

G_DEFINE_FINAL_TYPE (DxControlButton, dx_control_button, GTK_TYPE_WIDGET)

static void
show_error (DxControlButton *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update (DxControlButton *self)
{
  gboolean open = self->connection &&
                  dx_connection_get_state (self->connection) == DX_CONNECTION_STATE_OPEN;
  gint64 rtt = self->connection ? dx_connection_get_round_trip_time (self->connection) : -1;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "control.ping", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "control.close", open);

  if (rtt >= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Last round trip: %.2f ms"), rtt / 1000.0);

      gtk_label_set_text (self->rtt_label, text);
    }
  else
    gtk_label_set_text (self->rtt_label, open ? _("No pong yet") : _("Connect first to ping"));
}

static void
ping_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DxControlButton *self = DX_CONTROL_BUTTON (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->ping_entry));
  g_autoptr(GBytes) payload = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  if (!dx_connection_send_ping (self->connection, payload, &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DxControlButton *self = DX_CONTROL_BUTTON (widget);
  g_autofree char *code_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
  g_autoptr(GError) error = NULL;
  guint64 code;

  if (!g_ascii_string_to_unsigned (code_text, 10, 0, G_MAXUINT16, &code, NULL))
    {
      show_error (self, _("Enter the close code as a number, such as 1000 or 4000"));
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      return;
    }

  if (!dx_close_code_check ((guint) code, reason[0] ? reason : NULL, &error))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      return;
    }

  show_error (self, NULL);
  dx_connection_close (self->connection, (guint) code, reason[0] ? reason : NULL);
  gtk_popover_popdown (self->popover);
}

static void
ping_entry_activate_cb (DxControlButton *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "control.ping", NULL);
}

static void
dx_control_button_dispose (GObject *object)
{
  DxControlButton *self = DX_CONTROL_BUTTON (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_CONTROL_BUTTON);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (dx_control_button_parent_class)->dispose (object);
}

static void
dx_control_button_class_init (DxControlButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_control_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-control-button.ui");
  gtk_widget_class_bind_template_child (widget_class, DxControlButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DxControlButton, popover);
  gtk_widget_class_bind_template_child (widget_class, DxControlButton, ping_entry);
  gtk_widget_class_bind_template_child (widget_class, DxControlButton, rtt_label);
  gtk_widget_class_bind_template_child (widget_class, DxControlButton, code_entry);
  gtk_widget_class_bind_template_child (widget_class, DxControlButton, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, DxControlButton, error_label);
  gtk_widget_class_install_action (widget_class, "control.ping", NULL, ping_activated);
  gtk_widget_class_install_action (widget_class, "control.close", NULL, close_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dx_control_button_init (DxControlButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->ping_entry, "activate", G_CALLBACK (ping_entry_activate_cb),
                           self, G_CONNECT_SWAPPED);
  update (self);
}

/**
 * dx_control_button_set_connection:
 *
 * Pings and closes @connection; the controls follow its state.
 */
void
dx_control_button_set_connection (DxControlButton *self,
                                  DxConnection    *connection)
{
  g_return_if_fail (DX_IS_CONTROL_BUTTON (self));
  g_return_if_fail (connection == NULL || DX_IS_CONNECTION (connection));

  if (self->connection)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_set_object (&self->connection, connection);
  if (connection)
    {
      g_signal_connect_object (connection, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (connection, "notify::round-trip-time", G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

void
dx_control_button_popup (DxControlButton *self)
{
  g_return_if_fail (DX_IS_CONTROL_BUTTON (self));
  gtk_menu_button_popup (self->menu_button);
}

/**
 * dx_control_button_get_error:
 *
 * Returns: the message shown for what could not be sent, or ""
 */
const char *
dx_control_button_get_error (DxControlButton *self)
{
  g_return_val_if_fail (DX_IS_CONTROL_BUTTON (self), NULL);
  return gtk_label_get_text (self->error_label);
}
