/* dx-session-view.c — one session: URL bar, request editors, history,
 * composer, and its live connection
 *
 * The view owns the session's DxConnection, so a session keeps receiving
 * while another one is shown; it counts what arrives meanwhile as unread.
 * The URL bar always shows the connection's state; the request pane edits
 * the session's parameters, headers and options; the history view and the
 * composer share the rest. Errors a tester must act on appear in a banner
 * under the URL bar, and in the history as event rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dx-bind.h"
#include "dx-control-button.h"
#include "dx-field-editor.h"
#include "dx-handshake-view.h"
#include "dx-saved-list.h"
#include "dx-session-view-private.h"


G_DEFINE_FINAL_TYPE (DxSessionView, dx_session_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_UNREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_classes[] = {
  "state-disconnected", "state-connecting", "state-open", "state-closing", "state-closed", NULL
};

static void
update_state (DxSessionView *self)
{
  DxConnectionState state = dx_connection_get_state (self->connection);
  g_autofree char *status = dx_connection_dup_status_text (self->connection);
  const char *error = dx_connection_get_error_message (self->connection);
  const char *protocol = dx_connection_get_protocol (self->connection);
  gboolean active = state == DX_CONNECTION_STATE_CONNECTING || state == DX_CONNECTION_STATE_OPEN ||
                    dx_connection_get_reconnecting (self->connection);
  GtkWidget *button = GTK_WIDGET (self->connect_button);

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
    dx_session_view_show_error (self, NULL);
  else if (state == DX_CONNECTION_STATE_CLOSED && error)
    dx_session_view_show_error (self, error);
}

static void
connection_error_cb (DxSessionView *self)
{
  const char *error = dx_connection_get_error_message (self->connection);

  if (error)
    dx_session_view_show_error (self, error);
}

static void
protocols_changed_cb (DxSessionView *self)
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
                   DxSessionView *self)
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
send_binary_requested_cb (DxComposer    *composer,
                          GBytes        *payload,
                          DxSessionView *self)
{
  g_autoptr(GError) error = NULL;

  if (!dx_connection_send_binary (self->connection, payload, &error))
    {
      dx_composer_show_error (composer, error->message);
      return;
    }

  dx_history_view_scroll_to_end (self->history_view);
}

static void
saved_send_requested_cb (DxSessionView  *self,
                         DxSavedMessage *message)
{
  g_autoptr(GError) error = NULL;

  /* Shown where the composer's own send errors are: beneath it */
  if (!dx_connection_send_saved (self->connection, message, &error))
    {
      dx_composer_show_error (self->composer, error->message);
      return;
    }

  dx_composer_show_error (self->composer, NULL);
  dx_history_view_scroll_to_end (self->history_view);
}

static void
saved_load_requested_cb (DxSessionView  *self,
                         DxSavedMessage *message)
{
  dx_composer_load_saved (self->composer, message);
  dx_composer_focus (self->composer);
}

static void
save_message_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DxSessionView *self = DX_SESSION_VIEW (widget);
  g_autofree char *content = NULL;
  DxSavedFormat format;

  content = dx_composer_dup_saved_content (self->composer, &format);
  dx_saved_list_save_new (self->saved_list, format, content);
}

static void
url_activate_cb (DxSessionView *self)
{
  DxConnectionState state = dx_connection_get_state (self->connection);

  if (state != DX_CONNECTION_STATE_CONNECTING && state != DX_CONNECTION_STATE_OPEN)
    dx_session_view_connect (self);
}

static void
toggle_connection_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DxSessionView *self = DX_SESSION_VIEW (widget);
  DxConnectionState state = dx_connection_get_state (self->connection);

  /* Disconnect also stops a reconnect that is waiting for its turn */
  if (state == DX_CONNECTION_STATE_CONNECTING || state == DX_CONNECTION_STATE_OPEN ||
      dx_connection_get_reconnecting (self->connection))
    dx_connection_disconnect (self->connection);
  else if (state != DX_CONNECTION_STATE_CLOSING)
    dx_session_view_connect (self);
}

static void
send_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dx_composer_send (DX_SESSION_VIEW (widget)->composer);
}

/* Running shows the tests, so that the steps can be seen turning */
static void
run_tests_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DxSessionView *self = DX_SESSION_VIEW (widget);

  dx_session_view_show_tests (self, TRUE);
  if (g_str_equal (action_name, "session.run-all-tests"))
    dx_tests_view_run_all (self->tests_view);
  else
    dx_tests_view_run (self->tests_view);
}

static void
show_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  dx_session_view_show_tests (DX_SESSION_VIEW (widget), g_str_equal (action_name, "session.show-tests"));
}

static void
focus_url_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DxSessionView *self = DX_SESSION_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->url_entry), 0, -1);
}

static void
focus_composer_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  dx_composer_focus (DX_SESSION_VIEW (widget)->composer);
}

static void
dismiss_error_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  dx_session_view_show_error (DX_SESSION_VIEW (widget), NULL);
}

static void
history_changed_cb (GListModel    *history,
                    guint          position,
                    guint          removed,
                    guint          added,
                    DxSessionView *self)
{
  guint received = 0;

  if (self->shown)
    return;

  for (guint i = position; i < position + added; i++)
    if (dx_history_get_direction (DX_HISTORY (history), i) == DX_DIRECTION_RECEIVED)
      received++;

  if (received == 0)
    return;
  self->unread += received;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD]);
}

static void
dx_session_view_constructed (GObject *object)
{
  DxSessionView *self = DX_SESSION_VIEW (object);
  G_OBJECT_CLASS (dx_session_view_parent_class)->constructed (object);

  g_assert (self->session != NULL);

  self->connection = dx_connection_new (self->session);
  g_signal_connect_object (self->connection, "notify::state", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::protocol", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::reconnecting", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::error-message", G_CALLBACK (connection_error_cb), self, G_CONNECT_SWAPPED);
  dx_control_button_set_connection (self->control_button, self->connection);
  dx_handshake_view_set_connection (self->handshake_view, self->connection);
  dx_tests_view_bind (self->tests_view, self->connection);

  g_object_bind_property (self->session, "url", self->url_entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  dx_field_editor_set_fields (self->params_editor, dx_session_get_params (self->session));
  dx_field_editor_set_fields (self->headers_editor, dx_session_get_headers (self->session));

  {
    g_autofree char *protocols = g_strjoinv (", ", (GStrv) dx_session_get_subprotocols (self->session));
    gtk_editable_set_text (GTK_EDITABLE (self->protocols_row), protocols);
  }
  g_signal_connect_object (self->protocols_row, "changed", G_CALLBACK (protocols_changed_cb), self, G_CONNECT_SWAPPED);

  g_object_bind_property_full (self->session, "max-incoming-size", self->max_size_spin, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               size_to_kib, kib_to_size, NULL, NULL);

  /* Options: each control edits the session's property directly */
  dx_bind_text (self->session, "origin", self->origin_row);
  g_object_bind_property (self->session, "connect-timeout", self->timeout_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "keepalive-interval", self->keepalive_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "heartbeat-interval", self->heartbeat_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  dx_bind_text (self->session, "heartbeat-message", self->heartbeat_message_row);
  g_object_bind_property (self->session, "reconnect-attempts", self->reconnect_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "reconnect-delay", self->reconnect_delay_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "accept-invalid-certificates", self->insecure_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "accept-invalid-certificates", self->insecure_revealer, "reveal-child",
                          G_BINDING_SYNC_CREATE);
  dx_bind_text (self->session, "ca-file", self->ca_file_row);

  dx_history_view_set_model (self->history_view, G_LIST_MODEL (dx_session_get_history (self->session)));
  g_signal_connect_object (self->composer, "send-requested", G_CALLBACK (send_requested_cb), self, 0);
  g_signal_connect_object (self->composer, "send-binary-requested", G_CALLBACK (send_binary_requested_cb), self, 0);
  g_object_bind_property (self->connection, "variables", self->composer, "variables", G_BINDING_SYNC_CREATE);
  dx_composer_set_history (self->composer, dx_session_get_history (self->session));
  g_signal_connect_object (self->composer, "save-requested", G_CALLBACK (save_message_activated),
                           self, G_CONNECT_SWAPPED);

  dx_saved_list_set_session (self->saved_list, self->session);
  g_signal_connect_object (self->saved_list, "send-requested", G_CALLBACK (saved_send_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->saved_list, "load-requested", G_CALLBACK (saved_load_requested_cb),
                           self, G_CONNECT_SWAPPED);
  _dx_session_view_heartbeat_init (self);
  g_signal_connect_object (self->url_entry, "activate", G_CALLBACK (url_activate_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (dx_session_get_history (self->session), "items-changed",
                           G_CALLBACK (history_changed_cb), self, 0);
  dx_session_view_show_error (self, NULL);
  update_state (self);
}

static void
dx_session_view_dispose (GObject *object)
{
  DxSessionView *self = DX_SESSION_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_SESSION_VIEW);
  g_clear_object (&self->connection);
  g_clear_object (&self->session);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (dx_session_view_parent_class)->dispose (object);
}

static void
dx_session_view_finalize (GObject *object)
{
  DxSessionView *self = DX_SESSION_VIEW (object);

  g_free (self->heartbeat_text_kept);

  G_OBJECT_CLASS (dx_session_view_parent_class)->finalize (object);
}

static void
dx_session_view_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DxSessionView *self = DX_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_UNREAD:
      g_value_set_uint (value, self->unread);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_session_view_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DxSessionView *self = DX_SESSION_VIEW (object);

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
dx_session_view_class_init (DxSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dx_session_view_constructed;
  object_class->dispose = dx_session_view_dispose;
  object_class->finalize = dx_session_view_finalize;
  object_class->get_property = dx_session_view_get_property;
  object_class->set_property = dx_session_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DX_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREAD] =
    g_param_spec_uint ("unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DX_TYPE_FIELD_EDITOR);
  g_type_ensure (DX_TYPE_CONTROL_BUTTON);
  g_type_ensure (DX_TYPE_HANDSHAKE_VIEW);
  g_type_ensure (DX_TYPE_HISTORY_VIEW);
  g_type_ensure (DX_TYPE_COMPOSER);
  g_type_ensure (DX_TYPE_SAVED_LIST);
  g_type_ensure (DX_TYPE_TESTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-session-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, root_box);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, request_paned);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, request_switcher);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, state_label);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, url_entry);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, connect_button);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, params_editor);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, headers_editor);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, protocols_row);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, negotiated_label);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, origin_row);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, keepalive_spin);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, reconnect_spin);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, reconnect_delay_spin);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, insecure_revealer);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, control_button);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, handshake_view);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, heartbeat_spin);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, heartbeat_message_row);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, heartbeat_kind_row);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, saved_list);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, history_view);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, composer);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, DxSessionView, tests_view);

  gtk_widget_class_install_action (widget_class, "session.toggle-connection", NULL, toggle_connection_activated);
  gtk_widget_class_install_action (widget_class, "session.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "session.focus-url", NULL, focus_url_activated);
  gtk_widget_class_install_action (widget_class, "session.focus-composer", NULL, focus_composer_activated);
  gtk_widget_class_install_action (widget_class, "session.dismiss-error", NULL, dismiss_error_activated);
  gtk_widget_class_install_action (widget_class, "session.run-tests", NULL, run_tests_activated);
  gtk_widget_class_install_action (widget_class, "session.run-all-tests", NULL, run_tests_activated);
  gtk_widget_class_install_action (widget_class, "session.show-messages", NULL, show_view_activated);
  gtk_widget_class_install_action (widget_class, "session.show-tests", NULL, show_view_activated);
  gtk_widget_class_install_action (widget_class, "session.save-message", NULL, save_message_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dx_session_view_init (DxSessionView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+D saves wherever the focus is in the window (the sidebar too)
   * while this view is shown; the composer takes it first itself, before
   * its text view would delete a line */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>d"),
                                                          gtk_named_action_new ("session.save-message")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Four equal tabs as wide as "Handshake" would make the request pane
   * too wide to leave room for the history and its inspector. */
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (self->request_switcher)), FALSE);
  gtk_paned_set_position (self->request_paned, 300);
}

DxSessionView *
dx_session_view_new (DxSession *session)
{
  g_return_val_if_fail (DX_IS_SESSION (session), NULL);

  return g_object_new (DX_TYPE_SESSION_VIEW, "session", session, NULL);
}

DxSession *
dx_session_view_get_session (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);
  return self->session;
}

/**
 * dx_session_view_get_connection:
 *
 * Returns: (transfer none): the session's live connection
 */
DxConnection *
dx_session_view_get_connection (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);
  return self->connection;
}

DxComposer *
dx_session_view_get_composer (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);
  return self->composer;
}

DxSavedList *
dx_session_view_get_saved_list (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);
  return self->saved_list;
}

/**
 * dx_session_view_set_library:
 * @library: (nullable): the workspace's library of #DxSavedMessage
 * @sessions: (nullable): the workspace's sessions, which share it
 *
 * Shows @library on the Saved page and lets the connection (and its
 * heartbeat) and scenarios send from it.
 */
void
dx_session_view_set_library (DxSessionView *self,
                             GListStore    *library,
                             GListModel    *sessions)
{
  g_autoptr(GListStore) old_library = NULL;

  g_return_if_fail (DX_IS_SESSION_VIEW (self));
  g_return_if_fail (library == NULL || G_IS_LIST_STORE (library));

  if (self->library == library)
    return;

  old_library = g_steal_pointer (&self->library);
  self->library = library ? g_object_ref (library) : NULL;
  dx_connection_set_library (self->connection, G_LIST_MODEL (library));
  dx_saved_list_set_library (self->saved_list, library, sessions);
  dx_tests_view_set_library (self->tests_view, G_LIST_MODEL (library));
  _dx_session_view_heartbeat_set_library (self, old_library);
}

DxTestsView *
dx_session_view_get_tests_view (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);
  return self->tests_view;
}

/**
 * dx_session_view_show_tests:
 * @tests: %TRUE for the scenarios, %FALSE for the messages
 */
void
dx_session_view_show_tests (DxSessionView *self,
                            gboolean       tests)
{
  g_return_if_fail (DX_IS_SESSION_VIEW (self));
  gtk_stack_set_visible_child_name (self->mode_stack, tests ? "tests" : "messages");
}

DxHistoryView *
dx_session_view_get_history_view (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);
  return self->history_view;
}

GtkEditable *
dx_session_view_get_url_entry (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);
  return GTK_EDITABLE (self->url_entry);
}

/**
 * dx_session_view_connect:
 *
 * Connects with the session as it is now; a request that cannot be made
 * (a bad URL, an undefined {{variable}}) shows why in the banner.
 */
void
dx_session_view_connect (DxSessionView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DX_IS_SESSION_VIEW (self));

  if (!dx_connection_connect (self->connection, &error))
    dx_session_view_show_error (self, error->message);
}

/**
 * dx_session_view_show_error:
 * @message: (nullable): what went wrong and what to do, or %NULL to hide
 */
void
dx_session_view_show_error (DxSessionView *self,
                            const char    *message)
{
  g_return_if_fail (DX_IS_SESSION_VIEW (self));

  gtk_label_set_text (self->banner_label, message ? message : "");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->banner_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, message == NULL, -1);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/**
 * dx_session_view_get_error:
 *
 * Returns: (nullable): the message in the error banner, if shown
 */
const char *
dx_session_view_get_error (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_text (self->banner_label);
}

/**
 * dx_session_view_get_unread:
 *
 * Returns: how many messages arrived while the view was not shown
 */
guint
dx_session_view_get_unread (DxSessionView *self)
{
  g_return_val_if_fail (DX_IS_SESSION_VIEW (self), 0);
  return self->unread;
}

/**
 * dx_session_view_set_shown:
 *
 * Tells the view whether the tester sees it; showing it marks all read.
 */
void
dx_session_view_set_shown (DxSessionView *self,
                           gboolean       shown)
{
  g_return_if_fail (DX_IS_SESSION_VIEW (self));

  self->shown = shown;
  if (shown && self->unread != 0)
    {
      self->unread = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD]);
    }
}
