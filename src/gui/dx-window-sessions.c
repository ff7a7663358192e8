/* dx-window-sessions.c — the sidebar's sessions: add, duplicate, delete
 * with Undo, rename, and reorder with Alt+Up/Down or by dragging
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-session-row.h"
#include "dx-window-private.h"

/* ---- session actions ---------------------------------------------------- */

static guint
session_count (DxWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (self->workspace)));
}

static char *
next_session_name (DxWindow *self)
{
  for (guint n = session_count (self) + 1;; n++)
    {
      g_autofree char *name = g_strdup_printf (_("Session %u"), n);
      GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (self->workspace));
      gboolean taken = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (sessions) && !taken; i++)
        {
          g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);
          taken = g_str_equal (dx_session_get_name (session), name);
        }
      if (!taken)
        return g_steal_pointer (&name);
    }
}

/**
 * dx_window_add_session:
 * @url: (nullable): its URL
 *
 * Adds a session after the others, selects it and returns it.
 *
 * Returns: (transfer none): the new session
 */
DxSession *
dx_window_add_session (DxWindow   *self,
                       const char *url)
{
  g_autofree char *name = NULL;
  g_autoptr(DxSession) session = NULL;
  GtkApplication *app;

  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);

  name = next_session_name (self);
  session = dx_session_new (name, url ? url : "");
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (DX_IS_APPLICATION (app))
    dx_session_set_max_incoming_size (session, g_settings_get_uint64 (dx_application_get_settings (DX_APPLICATION (app)),
                                                                      "max-incoming-payload-size"));
  g_list_store_append (dx_workspace_get_sessions (self->workspace), session);
  dx_window_select_session (self, session);

  return session;
}

static void
add_session_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);

  dx_window_add_session (self, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->current), "session.focus-url", NULL);
}

static void
duplicate_session_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  DxSession *session = _dx_window_selected_session (self);
  g_autoptr(DxSession) copy = NULL;
  g_autofree char *name = NULL;

  if (session == NULL)
    return;

  /* Translators: the name of a duplicated session */
  name = g_strdup_printf (_("%s (copy)"), dx_session_get_name (session));
  copy = dx_session_duplicate (session, name);
  g_list_store_insert (dx_workspace_get_sessions (self->workspace),
                       gtk_single_selection_get_selected (self->selection) + 1, copy);
  dx_window_select_session (self, copy);
}

static void
forget_deleted (DxWindow *self)
{
  DxSessionView *view;

  if (self->deleted == NULL)
    return;

  view = g_hash_table_lookup (self->views, self->deleted);
  if (view)
    {
      /* The tester let it go: close its connection as a browser tab would. */
      dx_connection_close (dx_session_view_get_connection (view), 1001, NULL);
      gtk_stack_remove (self->views_stack, GTK_WIDGET (view));
      g_hash_table_remove (self->views, self->deleted);
    }
  g_clear_object (&self->deleted);
}

static void
deleted_toast_dismissed_cb (AdwToast *toast,
                            DxWindow *self)
{
  if (self->deleted_toast != toast)
    return;
  self->deleted_toast = NULL;
  forget_deleted (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", FALSE);
}

/* libadwaita 1.2 uses freed memory when a toast is dismissed, or replaced
 * by one of higher priority, while it animates: so the one Undo toast is
 * never dismissed by hand; it is updated while it shows and times out. */
static void
delete_session_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  DxSession *session = _dx_window_selected_session (self);
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autofree char *title = NULL;

  if (session == NULL)
    return;

  forget_deleted (self);

  self->deleted = g_object_ref (session);
  self->deleted_position = position;
  g_list_store_remove (dx_workspace_get_sessions (self->workspace), position);
  gtk_widget_action_set_enabled (widget, "win.undo-delete", TRUE);

  title = g_strdup_printf (_("“%s” deleted"), dx_session_get_name (self->deleted));
  if (self->deleted_toast)
    {
      adw_toast_set_title (self->deleted_toast, title);
      adw_toast_set_button_label (self->deleted_toast, _("_Undo"));
      return;
    }

  self->deleted_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->deleted_toast, _("_Undo"));
  adw_toast_set_action_name (self->deleted_toast, "win.undo-delete");
  g_signal_connect_object (self->deleted_toast, "dismissed", G_CALLBACK (deleted_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, self->deleted_toast);
}

static void
undo_delete_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  g_autoptr(DxSession) session = NULL;
  g_autofree char *title = NULL;

  if (self->deleted == NULL)
    return;

  session = g_steal_pointer (&self->deleted);
  g_list_store_insert (dx_workspace_get_sessions (self->workspace),
                       MIN (self->deleted_position, session_count (self)), session);
  dx_window_select_session (self, session);
  gtk_widget_action_set_enabled (widget, "win.undo-delete", FALSE);

  if (self->deleted_toast)
    {
      title = g_strdup_printf (_("“%s” restored"), dx_session_get_name (session));
      adw_toast_set_title (self->deleted_toast, title);
      adw_toast_set_button_label (self->deleted_toast, NULL);
    }
}

static GtkWidget *
find_row (GtkWidget *root,
          DxSession *session)
{
  if (DX_IS_SESSION_ROW (root))
    {
      DxSessionView *view = dx_session_row_get_view (DX_SESSION_ROW (root));

      return view && dx_session_view_get_session (view) == session ? root : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, session);

      if (found)
        return found;
    }
  return NULL;
}

static void
rename_session_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  DxSession *session = _dx_window_selected_session (self);
  GtkWidget *row = session ? find_row (GTK_WIDGET (self->sessions_list), session) : NULL;

  if (row)
    dx_session_row_start_rename (DX_SESSION_ROW (row));
}

static void
move_session (DxWindow *self,
              int       delta)
{
  GListStore *sessions = dx_workspace_get_sessions (self->workspace);
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(DxSession) session = NULL;

  if (position == GTK_INVALID_LIST_POSITION ||
      (delta < 0 && position == 0) ||
      (delta > 0 && position + 1 >= session_count (self)))
    return;

  session = g_list_model_get_item (G_LIST_MODEL (sessions), position);
  g_list_store_remove (sessions, position);
  g_list_store_insert (sessions, position + delta, session);
  dx_window_select_session (self, session);
}

static void
move_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_session (DX_WINDOW (widget), -1);
}

static void
move_down_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_session (DX_WINDOW (widget), +1);
}

/* ---- drag and drop to reorder ------------------------------------------ */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *item)
{
  DxSession *session = gtk_list_item_get_item (item);

  return session ? gdk_content_provider_new_typed (DX_TYPE_SESSION, session) : NULL;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *item)
{
  DxWindow *self = g_object_get_data (G_OBJECT (target), "dx-window");
  DxSession *dragged = g_value_get_object (value);
  GListStore *sessions = dx_workspace_get_sessions (self->workspace);
  guint from, to = gtk_list_item_get_position (item);
  g_autoptr(DxSession) keep = NULL;

  if (!dx_workspace_find_session (self->workspace, dx_session_get_id (dragged), &from) || from == to)
    return FALSE;

  keep = g_object_ref (dragged);
  g_list_store_remove (sessions, from);
  g_list_store_insert (sessions, to, keep);
  dx_window_select_session (self, keep);
  return TRUE;
}

void
_dx_window_row_setup_dnd_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             DxWindow                 *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (DX_TYPE_SESSION, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  g_object_set_data (G_OBJECT (target), "dx-window", self);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
}

/* ---- class ------------------------------------------------------------ */

void
_dx_window_sessions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-session", NULL, add_session_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate-session", NULL, duplicate_session_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-session", NULL, delete_session_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_activated);
  gtk_widget_class_install_action (widget_class, "win.rename-session", NULL, rename_session_activated);
  gtk_widget_class_install_action (widget_class, "win.move-session-up", NULL, move_up_activated);
  gtk_widget_class_install_action (widget_class, "win.move-session-down", NULL, move_down_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.move-session-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.move-session-down", NULL);
}
