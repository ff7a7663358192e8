/* dx-window.c — the main window: the session sidebar and the selected
 * session's view
 *
 * Every session gets a DxSessionView the first time it is needed; views
 * stay in a GtkStack (and keep their connections) while other sessions are
 * shown, so every session can be connected at once and keeps receiving in
 * the background. Deleting a session keeps its view until the Undo toast
 * is gone. The sidebar's session actions (add, duplicate, delete and
 * undo, rename, reorder) are in dx-window-sessions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-session-row.h"
#include "dx-variables-window.h"
#include "dx-window-files.h"
#include "dx-window-private.h"

G_DEFINE_FINAL_TYPE (DxWindow, dx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

DxSession *
_dx_window_selected_session (DxWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_title (DxWindow *self)
{
  g_autofree char *status = NULL;
  DxSession *session;

  if (self->current == NULL)
    {
      adw_window_title_set_title (self->window_title, "Duplex");
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_window_set_title (GTK_WINDOW (self), "Duplex");
      return;
    }

  session = dx_session_view_get_session (self->current);
  status = dx_connection_dup_status_text (dx_session_view_get_connection (self->current));
  adw_window_title_set_title (self->window_title, dx_session_get_name (session)[0] ? dx_session_get_name (session) : _("Untitled"));
  adw_window_title_set_subtitle (self->window_title, status);
  gtk_window_set_title (GTK_WINDOW (self), dx_session_get_name (session));
}

/**
 * dx_window_get_view_for:
 *
 * Returns: (transfer none): the view of @session, made on first use
 */
DxSessionView *
dx_window_get_view_for (DxWindow  *self,
                        DxSession *session)
{
  DxSessionView *view;

  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  g_return_val_if_fail (DX_IS_SESSION (session), NULL);

  view = g_hash_table_lookup (self->views, session);
  if (view == NULL)
    {
      view = dx_session_view_new (session);
      dx_connection_set_variables (dx_session_view_get_connection (view),
                                   G_LIST_MODEL (dx_workspace_get_variables (self->workspace)));
      dx_session_view_set_library (view, dx_workspace_get_library (self->workspace),
                                   G_LIST_MODEL (dx_workspace_get_sessions (self->workspace)));
      g_hash_table_insert (self->views, g_object_ref (session), g_object_ref (view));
      gtk_stack_add_child (self->views_stack, GTK_WIDGET (view));
    }

  return view;
}

static void
show_selected (DxWindow *self)
{
  DxSession *session = _dx_window_selected_session (self);
  DxSessionView *view = session ? dx_window_get_view_for (self, session) : NULL;

  if (self->current == view)
    return;

  if (self->current)
    {
      dx_session_view_set_shown (self->current, FALSE);
      g_signal_handlers_disconnect_by_data (dx_session_view_get_connection (self->current), self);
      g_signal_handlers_disconnect_by_data (dx_session_view_get_session (self->current), self);
    }

  self->current = view;

  if (view)
    {
      gtk_stack_set_visible_child (self->views_stack, GTK_WIDGET (view));
      dx_session_view_set_shown (view, TRUE);
      g_signal_connect_object (dx_session_view_get_connection (view), "notify::state",
                               G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dx_session_view_get_connection (view), "notify::protocol",
                               G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
      dx_workspace_set_selected (self->workspace, gtk_single_selection_get_selected (self->selection));
    }
  else
    gtk_stack_set_visible_child_name (self->views_stack, "empty");

  update_title (self);
}

static void
forget_removed_views (DxWindow *self)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->views);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (key != self->deleted && !dx_workspace_find_session (self->workspace, dx_session_get_id (key), NULL))
      g_ptr_array_add (gone, key);

  for (guint i = 0; i < gone->len; i++)
    {
      DxSessionView *view = g_hash_table_lookup (self->views, gone->pdata[i]);

      if (view == self->current)
        self->current = NULL;
      gtk_stack_remove (self->views_stack, GTK_WIDGET (view));
      g_hash_table_remove (self->views, gone->pdata[i]);
    }
}

static void
sessions_changed_cb (GListModel *sessions,
                     guint       position,
                     guint       removed,
                     guint       added,
                     DxWindow   *self)
{
  if (removed > 0)
    forget_removed_views (self);
  show_selected (self);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DxWindow                 *self)
{
  gtk_list_item_set_child (item, dx_session_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             DxWindow                 *self)
{
  DxSession *session = gtk_list_item_get_item (item);

  dx_session_row_set_view (DX_SESSION_ROW (gtk_list_item_get_child (item)),
                           dx_window_get_view_for (self, session));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DxWindow                 *self)
{
  dx_session_row_set_view (DX_SESSION_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
edit_variables_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (dx_variables_window_new (GTK_WINDOW (self), self->workspace)));
}

/* The selected session's actions, from anywhere in the window */
static void
forward_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  g_autofree char *session_action = NULL;

  if (self->current == NULL)
    return;

  session_action = g_strconcat ("session.", action_name + strlen ("win."), NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->current), session_action, NULL);
}

/* Every session's scenarios at once: each session runs on its own
 * connection, so sessions run side by side, a session's scenarios in
 * order */
static void
run_workspace_tests_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (self->workspace));

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);
      DxSessionView *view = dx_window_get_view_for (self, session);

      if (view != NULL)
        dx_tests_view_run_all (dx_session_view_get_tests_view (view));
    }
  if (self->current != NULL)
    dx_session_view_show_tests (self->current, TRUE);
}

/* ---- window ------------------------------------------------------------ */

static gboolean
dx_window_close_request (GtkWindow *window)
{
  DxWindow *self = DX_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  GHashTableIter iter;
  gpointer view;

  if (DX_IS_APPLICATION (app))
    {
      GSettings *settings = dx_application_get_settings (DX_APPLICATION (app));
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  g_hash_table_iter_init (&iter, self->views);
  while (g_hash_table_iter_next (&iter, NULL, &view))
    dx_connection_disconnect (dx_session_view_get_connection (view));

  return GTK_WINDOW_CLASS (dx_window_parent_class)->close_request (window);
}

static void
dx_window_constructed (GObject *object)
{
  DxWindow *self = DX_WINDOW (object);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GListModel *sessions;
  GtkApplication *app;
  guint selected;

  G_OBJECT_CLASS (dx_window_parent_class)->constructed (object);

  if (self->workspace == NULL)
    self->workspace = dx_workspace_new ();
  sessions = G_LIST_MODEL (dx_workspace_get_sessions (self->workspace));

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (_dx_window_row_setup_dnd_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->sessions_list, factory);

  self->selection = gtk_single_selection_new (g_object_ref (sessions));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  selected = dx_workspace_get_selected (self->workspace);
  if (selected < g_list_model_get_n_items (sessions))
    gtk_single_selection_set_selected (self->selection, selected);
  gtk_list_view_set_model (self->sessions_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (show_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sessions, "items-changed", G_CALLBACK (sessions_changed_cb), self, G_CONNECT_AFTER);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (DX_IS_APPLICATION (app))
    {
      GSettings *settings = dx_application_get_settings (DX_APPLICATION (app));

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (settings, "sidebar-width", self->sidebar_paned, "position", G_SETTINGS_BIND_DEFAULT);
    }

  show_selected (self);
}

static void
dx_window_dispose (GObject *object)
{
  DxWindow *self = DX_WINDOW (object);

  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  self->current = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_WINDOW);
  g_clear_pointer (&self->views, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->deleted);
  g_clear_object (&self->workspace);

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
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
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
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
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

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, DX_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, DxWindow, views_stack);

  _dx_window_sessions_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.edit-variables", NULL, edit_variables_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-connection", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.send", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-url", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-composer", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.run-tests", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.run-all-tests", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.show-messages", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.show-tests", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.run-workspace-tests", NULL, run_workspace_tests_activated);

  _dx_window_files_class_init (widget_class);

  g_type_ensure (DX_TYPE_SESSION_VIEW);
}

static void
dx_window_init (DxWindow *self)
{
  self->views = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", FALSE);
  _dx_window_files_init (self);
}

/**
 * dx_window_new:
 * @application: (nullable): the application, or %NULL in tests
 */
DxWindow *
dx_window_new (DxApplication *application,
               DxWorkspace   *workspace)
{
  g_return_val_if_fail (DX_IS_WORKSPACE (workspace), NULL);

  return g_object_new (DX_TYPE_WINDOW,
                       "application", application,
                       "workspace", workspace,
                       NULL);
}

/**
 * dx_window_get_workspace:
 *
 * Returns: (transfer none): the sessions and variables shown
 */
DxWorkspace *
dx_window_get_workspace (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->workspace;
}

/**
 * dx_window_get_view:
 *
 * Returns: (transfer none) (nullable): the selected session's view
 */
DxSessionView *
dx_window_get_view (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->current;
}

void
dx_window_select_session (DxWindow  *self,
                          DxSession *session)
{
  guint position;

  g_return_if_fail (DX_IS_WINDOW (self));
  g_return_if_fail (DX_IS_SESSION (session));

  if (dx_workspace_find_session (self->workspace, dx_session_get_id (session), &position))
    gtk_single_selection_set_selected (self->selection, position);
  show_selected (self);
}

DxSession *
dx_window_get_session (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->current ? dx_session_view_get_session (self->current) : NULL;
}

DxConnection *
dx_window_get_connection (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->current ? dx_session_view_get_connection (self->current) : NULL;
}

DxComposer *
dx_window_get_composer (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->current ? dx_session_view_get_composer (self->current) : NULL;
}

DxHistoryView *
dx_window_get_history_view (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->current ? dx_session_view_get_history_view (self->current) : NULL;
}

GtkEditable *
dx_window_get_url_entry (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->current ? dx_session_view_get_url_entry (self->current) : NULL;
}

void
dx_window_connect (DxWindow *self)
{
  g_return_if_fail (DX_IS_WINDOW (self));

  if (self->current)
    dx_session_view_connect (self->current);
}

void
dx_window_show_error (DxWindow   *self,
                      const char *message)
{
  g_return_if_fail (DX_IS_WINDOW (self));

  if (self->current)
    dx_session_view_show_error (self->current, message);
}

const char *
dx_window_get_error (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return self->current ? dx_session_view_get_error (self->current) : NULL;
}
