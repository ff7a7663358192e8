/* dx-handshake-view.c — the latest handshake of a connection, readable
 *
 * Shows what DxConnection:handshake holds: a one-line summary (status,
 * time, subprotocol, certificate problems) over the whole exchange in
 * monospace, as the request and answer went over the wire, the body of a
 * refused upgrade included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-handshake-view.h"

struct _DxHandshakeView
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkLabel     *summary_label;
  GtkLabel     *empty_label;
  GtkTextView  *text_view;
  GtkButton    *copy_button;

  DxConnection *connection;
};

G_DEFINE_FINAL_TYPE (DxHandshakeView, dx_handshake_view, GTK_TYPE_WIDGET)

static char *
describe (DxHandshake *handshake)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint status = dx_handshake_get_status (handshake);

  if (status == 0)
    g_string_append (summary, _("No answer from the server"));
  else
    g_string_append_printf (summary, "%u %s", status, dx_handshake_get_reason (handshake));
  g_string_append_printf (summary, _(" · %.1f ms"), dx_handshake_get_duration (handshake) / 1000.0);
  if (dx_handshake_get_protocol (handshake))
    g_string_append_printf (summary, _(" · subprotocol %s"), dx_handshake_get_protocol (handshake));
  if (dx_handshake_get_tls_errors (handshake))
    g_string_append (summary, _(" · certificate not trusted by the system"));

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
update (DxHandshakeView *self)
{
  DxHandshake *handshake = self->connection ? dx_connection_get_handshake (self->connection) : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), handshake == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), handshake != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->text_view), handshake != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), handshake != NULL);

  if (handshake)
    {
      g_autofree char *summary = describe (handshake);
      g_autofree char *text = dx_handshake_dup_text (handshake);

      gtk_label_set_text (self->summary_label, summary);
      gtk_text_buffer_set_text (buffer, text, -1);
    }
  else
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_text_buffer_set_text (buffer, "", -1);
    }
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DxHandshakeView *self = DX_HANDSHAKE_VIEW (widget);
  g_autofree char *text = dx_handshake_view_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
dx_handshake_view_dispose (GObject *object)
{
  DxHandshakeView *self = DX_HANDSHAKE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_HANDSHAKE_VIEW);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (dx_handshake_view_parent_class)->dispose (object);
}

static void
dx_handshake_view_class_init (DxHandshakeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_handshake_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-handshake-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DxHandshakeView, box);
  gtk_widget_class_bind_template_child (widget_class, DxHandshakeView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DxHandshakeView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DxHandshakeView, text_view);
  gtk_widget_class_bind_template_child (widget_class, DxHandshakeView, copy_button);
  gtk_widget_class_install_action (widget_class, "handshake.copy", NULL, copy_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dx_handshake_view_init (DxHandshakeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/**
 * dx_handshake_view_set_connection:
 *
 * Shows @connection's latest handshake, and each one after it.
 */
void
dx_handshake_view_set_connection (DxHandshakeView *self,
                                  DxConnection    *connection)
{
  g_return_if_fail (DX_IS_HANDSHAKE_VIEW (self));
  g_return_if_fail (connection == NULL || DX_IS_CONNECTION (connection));

  if (self->connection)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_set_object (&self->connection, connection);
  if (connection)
    g_signal_connect_object (connection, "notify::handshake", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

/**
 * dx_handshake_view_get_summary:
 *
 * Returns: the one line shown over the details, "" when there are none
 */
const char *
dx_handshake_view_get_summary (DxHandshakeView *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE_VIEW (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/**
 * dx_handshake_view_dup_text:
 *
 * Returns: the details shown, as they would be copied
 */
char *
dx_handshake_view_dup_text (DxHandshakeView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (DX_IS_HANDSHAKE_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
