/* dx-session-row.c — one session in the sidebar: its name (renamed in
 * place), its host, a live state dot and the count of messages that came
 * while another session was shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-session-row.h"

struct _DxSessionRow
{
  GtkWidget         parent_instance;

  GtkWidget        *root_box;
  GtkLabel         *state_dot;
  GtkStack         *name_stack;
  GtkLabel         *name_label;
  GtkEntry         *name_entry;
  GtkLabel         *host_label;
  GtkLabel         *unread_label;

  DxSessionView    *view;
  GBinding         *name_binding;
};

G_DEFINE_FINAL_TYPE (DxSessionRow, dx_session_row, GTK_TYPE_WIDGET)

static const char * const state_classes[] = {
  "state-disconnected", "state-connecting", "state-open", "state-closing", "state-closed", NULL
};

static void
update_state (DxSessionRow *self)
{
  DxConnection *connection = dx_session_view_get_connection (self->view);
  DxConnectionState state = dx_connection_get_state (connection);
  g_autofree char *status = dx_connection_dup_status_text (connection);

  for (guint i = 0; state_classes[i]; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_dot), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_dot), state_classes[state]);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_dot), status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_dot),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dx_connection_state_to_string (state), -1);
}

static void
update_host (DxSessionRow *self)
{
  DxSession *session = dx_session_view_get_session (self->view);
  g_autoptr(GUri) uri = g_uri_parse (dx_session_get_url (session), G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host && g_uri_get_port (uri) > 0)
    {
      g_autofree char *text = g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));
      gtk_label_set_text (self->host_label, text);
    }
  else
    gtk_label_set_text (self->host_label, host ? host : _("no URL yet"));
}

static void
update_unread (DxSessionRow *self)
{
  guint unread = dx_session_view_get_unread (self->view);
  g_autofree char *text = unread > 999 ? g_strdup ("999+") : g_strdup_printf ("%u", unread);
  g_autofree char *description = g_strdup_printf (ngettext ("%u unread message", "%u unread messages", unread), unread);

  gtk_label_set_text (self->unread_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), unread > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unread_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static gboolean
is_renaming (DxSessionRow *self)
{
  return gtk_stack_get_visible_child (self->name_stack) == GTK_WIDGET (self->name_entry);
}

static void
finish_rename (DxSessionRow *self,
               gboolean      commit)
{
  g_autofree char *name = NULL;

  if (!is_renaming (self))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  gtk_stack_set_visible_child (self->name_stack, GTK_WIDGET (self->name_label));

  /* An empty name is a slip, not a wish: keep the old one. */
  if (commit && name[0] != '\0' && self->view)
    dx_session_set_name (dx_session_view_get_session (self->view), name);
}

static void
name_entry_activate_cb (DxSessionRow *self)
{
  finish_rename (self, TRUE);
}

static gboolean
name_entry_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DxSessionRow          *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_rename (self, FALSE);
  return TRUE;
}

static void
name_entry_focus_leave_cb (DxSessionRow *self)
{
  finish_rename (self, TRUE);
}

static void
disconnect_view (DxSessionRow *self)
{
  if (self->view == NULL)
    return;

  g_signal_handlers_disconnect_by_data (dx_session_view_get_connection (self->view), self);
  g_signal_handlers_disconnect_by_data (dx_session_view_get_session (self->view), self);
  g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_pointer (&self->name_binding, g_binding_unbind);
  g_clear_object (&self->view);
}

static void
dx_session_row_dispose (GObject *object)
{
  DxSessionRow *self = DX_SESSION_ROW (object);

  disconnect_view (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_SESSION_ROW);

  G_OBJECT_CLASS (dx_session_row_parent_class)->dispose (object);
}

static void
dx_session_row_class_init (DxSessionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_session_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-session-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DxSessionRow, root_box);
  gtk_widget_class_bind_template_child (widget_class, DxSessionRow, state_dot);
  gtk_widget_class_bind_template_child (widget_class, DxSessionRow, name_stack);
  gtk_widget_class_bind_template_child (widget_class, DxSessionRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DxSessionRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DxSessionRow, host_label);
  gtk_widget_class_bind_template_child (widget_class, DxSessionRow, unread_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sessionrow");
}

static void
dx_session_row_init (DxSessionRow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (name_entry_activate_cb), self);
  g_signal_connect (key, "key-pressed", G_CALLBACK (name_entry_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->name_entry), key);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (name_entry_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->name_entry), focus);
}

GtkWidget *
dx_session_row_new (void)
{
  return g_object_new (DX_TYPE_SESSION_ROW, NULL);
}

/**
 * dx_session_row_set_view:
 * @view: (nullable): the view of the session this row stands for
 */
void
dx_session_row_set_view (DxSessionRow  *self,
                         DxSessionView *view)
{
  DxSession *session;

  g_return_if_fail (DX_IS_SESSION_ROW (self));

  finish_rename (self, FALSE);
  disconnect_view (self);
  if (view == NULL)
    return;

  self->view = g_object_ref (view);
  session = dx_session_view_get_session (view);

  self->name_binding = g_object_bind_property (session, "name", self->name_label, "label",
                                               G_BINDING_SYNC_CREATE);
  g_signal_connect_object (session, "notify::url", G_CALLBACK (update_host), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dx_session_view_get_connection (view), "notify::state",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::unread", G_CALLBACK (update_unread), self, G_CONNECT_SWAPPED);

  update_host (self);
  update_state (self);
  update_unread (self);
}

/**
 * dx_session_row_get_view:
 *
 * Returns: (transfer none) (nullable): the session view this row stands for
 */
DxSessionView *
dx_session_row_get_view (DxSessionRow *self)
{
  g_return_val_if_fail (DX_IS_SESSION_ROW (self), NULL);
  return self->view;
}

void
dx_session_row_start_rename (DxSessionRow *self)
{
  g_return_if_fail (DX_IS_SESSION_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), gtk_label_get_text (self->name_label));
  gtk_stack_set_visible_child (self->name_stack, GTK_WIDGET (self->name_entry));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);
}

/**
 * dx_session_row_get_unread_text:
 *
 * Returns: the unread badge's text, or %NULL when it is hidden
 */
const char *
dx_session_row_get_unread_text (DxSessionRow *self)
{
  g_return_val_if_fail (DX_IS_SESSION_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->unread_label)))
    return NULL;
  return gtk_label_get_text (self->unread_label);
}
