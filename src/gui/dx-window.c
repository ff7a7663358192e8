/* dx-window.c — the main window: one session, its connection and history
 *
 * The URL bar always shows the connection's state; the request pane edits
 * the session's parameters, headers and options; the history view and the
 * composer share the rest. Errors a tester must act on appear in a banner
 * under the URL bar, and in the history as event rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-field-editor.h"
#include "dx-window.h"

struct _DxWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  GtkLabel             *state_label;
  GtkEntry             *url_entry;
  GtkButton            *connect_button;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  DxFieldEditor        *params_editor;
  DxFieldEditor        *headers_editor;
  AdwEntryRow          *protocols_row;
  GtkLabel             *negotiated_label;
  GtkSpinButton        *max_size_spin;
  DxHistoryView        *history_view;
  DxComposer           *composer;

  DxSession            *session;
  DxConnection         *connection;
};

G_DEFINE_FINAL_TYPE (DxWindow, dx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_classes[] = {
  "state-disconnected", "state-connecting", "state-open", "state-closing", "state-closed", NULL
};

static void
update_state (DxWindow *self)
{
  DxConnectionState state = dx_connection_get_state (self->connection);
  g_autofree char *status = dx_connection_dup_status_text (self->connection);
  const char *error = dx_connection_get_error_message (self->connection);
  const char *protocol = dx_connection_get_protocol (self->connection);
  gboolean active = state == DX_CONNECTION_STATE_CONNECTING || state == DX_CONNECTION_STATE_OPEN;
  GtkWidget *button = GTK_WIDGET (self->connect_button);

  adw_window_title_set_subtitle (self->window_title, status);

  gtk_label_set_text (self->state_label, dx_connection_state_to_string (state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), status);
  for (guint i = 0; state_classes[i]; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_classes[state]);

  gtk_button_set_label (self->connect_button, active ? _("Disconnect") : _("Connect"));
  gtk_widget_set_sensitive (button, state != DX_CONNECTION_STATE_CLOSING);
  if (active)
    {
      gtk_widget_remove_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (button, "destructive-action");
      gtk_widget_add_css_class (button, "suggested-action");
    }

  gtk_label_set_text (self->negotiated_label,
                      protocol ? protocol
                               : state == DX_CONNECTION_STATE_OPEN ? _("none") : _("not connected"));

  if (state == DX_CONNECTION_STATE_CONNECTING || state == DX_CONNECTION_STATE_OPEN)
    dx_window_show_error (self, NULL);
  else if (state == DX_CONNECTION_STATE_CLOSED && error)
    dx_window_show_error (self, error);
}

static void
connection_error_cb (DxWindow *self)
{
  const char *error = dx_connection_get_error_message (self->connection);

  if (error)
    dx_window_show_error (self, error);
}

static void
update_title (DxWindow *self)
{
  const char *name = dx_session_get_name (self->session);

  adw_window_title_set_title (self->window_title, name[0] ? name : _("Duplex"));
  gtk_window_set_title (GTK_WINDOW (self), name[0] ? name : _("Duplex"));
}

static void
protocols_changed_cb (DxWindow *self)
{
  g_auto(GStrv) protocols = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->protocols_row)), ",", -1);

  dx_session_set_subprotocols (self->session, (const char * const *) protocols);
}

static gboolean
size_to_kib (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      data)
{
  g_value_set_double (to, g_value_get_uint64 (from) / 1024.0);
  return TRUE;
}

static gboolean
kib_to_size (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      data)
{
  g_value_set_uint64 (to, (guint64) g_value_get_double (from) * 1024);
  return TRUE;
}

static void
send_requested_cb (DxComposer *composer,
                   const char *text,
                   DxWindow   *self)
{
  g_autoptr(GError) error = NULL;

  if (!dx_connection_send_text (self->connection, text, &error))
    {
      dx_composer_show_error (composer, error->message);
      return;
    }

  dx_history_view_scroll_to_end (self->history_view);
}

static void
url_activate_cb (DxWindow *self)
{
  DxConnectionState state = dx_connection_get_state (self->connection);

  if (state != DX_CONNECTION_STATE_CONNECTING && state != DX_CONNECTION_STATE_OPEN)
    dx_window_connect (self);
}

static void
toggle_connection_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  DxConnectionState state = dx_connection_get_state (self->connection);

  if (state == DX_CONNECTION_STATE_CONNECTING || state == DX_CONNECTION_STATE_OPEN)
    dx_connection_disconnect (self->connection);
  else if (state != DX_CONNECTION_STATE_CLOSING)
    dx_window_connect (self);
}

static void
send_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dx_composer_send (DX_WINDOW (widget)->composer);
}

static void
focus_url_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->url_entry), 0, -1);
}

static void
focus_composer_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  dx_composer_focus (DX_WINDOW (widget)->composer);
}

static void
dismiss_error_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  dx_window_show_error (DX_WINDOW (widget), NULL);
}

static gboolean
dx_window_close_request (GtkWindow *window)
{
  DxWindow *self = DX_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);

  if (DX_IS_APPLICATION (app))
    {
      GSettings *settings = dx_application_get_settings (DX_APPLICATION (app));
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  dx_connection_disconnect (self->connection);

  return GTK_WINDOW_CLASS (dx_window_parent_class)->close_request (window);
}

static void
dx_window_constructed (GObject *object)
{
  DxWindow *self = DX_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (dx_window_parent_class)->constructed (object);

  g_assert (self->session != NULL);

  self->connection = dx_connection_new (self->session);
  g_signal_connect_object (self->connection, "notify::state", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::protocol", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::error-message", G_CALLBACK (connection_error_cb), self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->session, "url", self->url_entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->session, "notify::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  dx_field_editor_set_fields (self->params_editor, dx_session_get_params (self->session));
  dx_field_editor_set_fields (self->headers_editor, dx_session_get_headers (self->session));

  {
    g_autofree char *protocols = g_strjoinv (", ", (GStrv) dx_session_get_subprotocols (self->session));
    gtk_editable_set_text (GTK_EDITABLE (self->protocols_row), protocols);
  }
  g_signal_connect_object (self->protocols_row, "changed", G_CALLBACK (protocols_changed_cb), self, G_CONNECT_SWAPPED);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (DX_IS_APPLICATION (app))
    {
      GSettings *settings = dx_application_get_settings (DX_APPLICATION (app));

      g_settings_bind (settings, "max-incoming-payload-size", self->session, "max-incoming-size",
                       G_SETTINGS_BIND_DEFAULT);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  g_object_bind_property_full (self->session, "max-incoming-size", self->max_size_spin, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               size_to_kib, kib_to_size, NULL, NULL);

  dx_history_view_set_model (self->history_view, G_LIST_MODEL (dx_session_get_history (self->session)));
  g_signal_connect_object (self->composer, "send-requested", G_CALLBACK (send_requested_cb), self, 0);
  g_signal_connect_object (self->url_entry, "activate", G_CALLBACK (url_activate_cb), self, G_CONNECT_SWAPPED);

  update_title (self);
  update_state (self);
}

static void
dx_window_dispose (GObject *object)
{
  DxWindow *self = DX_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_WINDOW);
  g_clear_object (&self->connection);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dx_window_parent_class)->dispose (object);
}

static void
dx_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DxWindow *self = DX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DxWindow *self = DX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_window_class_init (DxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dx_window_constructed;
  object_class->dispose = dx_window_dispose;
  object_class->get_property = dx_window_get_property;
  object_class->set_property = dx_window_set_property;
  window_class->close_request = dx_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DX_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DX_TYPE_FIELD_EDITOR);
  g_type_ensure (DX_TYPE_HISTORY_VIEW);
  g_type_ensure (DX_TYPE_COMPOSER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, url_entry);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, connect_button);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, params_editor);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, headers_editor);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, protocols_row);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, negotiated_label);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, history_view);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, composer);

  gtk_widget_class_install_action (widget_class, "win.toggle-connection", NULL, toggle_connection_activated);
  gtk_widget_class_install_action (widget_class, "win.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-url", NULL, focus_url_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-composer", NULL, focus_composer_activated);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_activated);
}

static void
dx_window_init (DxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dx_window_new:
 * @application: (nullable): the application, or %NULL in tests
 */
DxWindow *
dx_window_new (DxApplication *application,
               DxSession     *session)
{
  g_return_val_if_fail (DX_IS_SESSION (session), NULL);

  return g_object_new (DX_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

DxSession *
dx_window_get_session (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->session;
}

DxConnection *
dx_window_get_connection (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->connection;
}

DxComposer *
dx_window_get_composer (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->composer;
}

DxHistoryView *
dx_window_get_history_view (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->history_view;
}

GtkEditable *
dx_window_get_url_entry (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->url_entry);
}

GtkButton *
dx_window_get_connect_button (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->connect_button;
}

/**
 * dx_window_connect:
 *
 * Moves any query typed into the URL into the parameter rows, then
 * connects; a request that cannot be made shows why in the banner.
 */
void
dx_window_connect (DxWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DX_IS_WINDOW (self));

  dx_session_move_query_to_params (self->session);
  if (!dx_connection_connect (self->connection, &error))
    dx_window_show_error (self, error->message);
}

/**
 * dx_window_show_error:
 * @message: (nullable): what went wrong and what to do, or %NULL to hide
 */
void
dx_window_show_error (DxWindow   *self,
                      const char *message)
{
  g_return_if_fail (DX_IS_WINDOW (self));

  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/**
 * dx_window_get_error:
 *
 * Returns: (nullable): the message in the error banner, if shown
 */
const char *
dx_window_get_error (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_text (self->banner_label);
}
