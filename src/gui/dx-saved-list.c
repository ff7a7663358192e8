/* dx-saved-list.c — the request pane's Saved page: the session's saved
 * messages above, the workspace's library below
 *
 * Each list shows its store as it is (GtkListBox bound to the model), so
 * every session's page shows the same library. The page does what the rows
 * ask — move, move to the other list, delete with Undo, edit in the dialog
 * — and leaves sending and loading to the session view, which owns the
 * connection and the composer (::send-requested, ::load-requested).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dx-saved-list.h"
#include "dx-saved-message-dialog.h"
#include "dx-saved-references.h"
#include "dx-saved-row.h"

struct _DxSavedList
{
  GtkWidget       parent_instance;

  GtkWidget      *root_box;
  GtkListBox     *session_list;
  GtkListBox     *library_list;

  DxSession      *session;
  GListStore     *messages;
  GListStore     *library;
  GListModel     *sessions;       /* every session that shares the library */

  /* The last deleted message, until its toast is gone */
  DxSavedMessage *deleted;
  GListStore     *deleted_from;
  guint           deleted_position;
  AdwToast       *delete_toast;
};

G_DEFINE_FINAL_TYPE (DxSavedList, dx_saved_list, GTK_TYPE_WIDGET)

enum {
  SEND_REQUESTED,
  LOAD_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void row_action_cb (DxSavedRow  *row,
                           int          action,
                           DxSavedList *self);

static GtkListBox *
list_for (DxSavedList *self,
          GListStore  *store)
{
  return store == self->library ? self->library_list : self->session_list;
}

static void
focus_row (DxSavedList *self,
           GListStore  *store,
           guint        position)
{
  GtkListBoxRow *row;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (n == 0)
    return;
  row = gtk_list_box_get_row_at_index (list_for (self, store), MIN (position, n - 1));
  if (row)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
update_move_actions (GtkListBox *list)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)); i++)
    dx_saved_row_set_can_move (DX_SAVED_ROW (row), i > 0, gtk_list_box_get_row_at_index (list, i + 1) != NULL);
}

static GtkWidget *
create_row (DxSavedList    *self,
            DxSavedMessage *message,
            gboolean        in_library)
{
  GtkWidget *row = dx_saved_row_new (message, in_library);

  g_signal_connect_object (row, "action", G_CALLBACK (row_action_cb), self, 0);
  return row;
}

static GtkWidget *
create_session_row (gpointer item,
                    gpointer data)
{
  return create_row (data, item, FALSE);
}

static GtkWidget *
create_library_row (gpointer item,
                    gpointer data)
{
  return create_row (data, item, TRUE);
}

static void
session_items_changed_cb (DxSavedList *self)
{
  update_move_actions (self->session_list);
}

static void
library_items_changed_cb (DxSavedList *self)
{
  update_move_actions (self->library_list);
}

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A rename carries along the heartbeats and scenario steps that send the
 * message: this session's for its own message, every session's that uses
 * it for a library message */
static void
follow_rename (DxSavedList *self,
               GListStore  *store,
               const char  *old_name,
               const char  *new_name)
{
  if (store == self->library && self->sessions != NULL)
    dx_saved_references_rename_in_library (self->sessions, old_name, new_name);
  else if (store == self->messages && self->session != NULL)
    dx_saved_references_rename (self->session, old_name, new_name);
}

static void
dialog_saved_cb (DxSavedMessageDialog *dialog,
                 DxSavedMessage       *message,
                 GListStore           *store,
                 const char           *old_name,
                 DxSavedList          *self)
{
  guint position;

  follow_rename (self, store, old_name, dx_saved_message_get_name (message));
  if (g_list_store_find (store, message, &position))
    focus_row (self, store, position);
}

static void
open_dialog (DxSavedList          *self,
             DxSavedMessageDialog *dialog)
{
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_message (DxSavedList    *self,
              GListStore     *store,
              DxSavedMessage *message,
              int             offset)
{
  g_autoptr(DxSavedMessage) held = g_object_ref (message);
  guint position, n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (!g_list_store_find (store, message, &position))
    return;
  if ((offset < 0 && position == 0) || (offset > 0 && position + 1 >= n))
    return;

  g_list_store_remove (store, position);
  g_list_store_insert (store, position + offset, held);
  focus_row (self, store, position + offset);
}

/* From the session into the library it moves (the tester shares it);
 * from the library into the session it is copied, since other sessions
 * may send it too. A name taken in the other list gets a number. */
static void
transfer_message (DxSavedList    *self,
                  GListStore     *from,
                  DxSavedMessage *message)
{
  GListStore *to = from == self->library ? self->messages : self->library;
  g_autoptr(DxSavedMessage) copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_name = g_strdup (dx_saved_message_get_name (message));
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  guint position;

  if (to == NULL)
    return;

  name = dx_saved_message_unique_name (G_LIST_MODEL (to), old_name);
  copy = dx_saved_message_copy (message);
  dx_saved_message_set_name (copy, name);
  g_list_store_append (to, copy);

  if (from == self->messages)
    {
      if (g_list_store_find (from, message, &position))
        g_list_store_remove (from, position);
      /* The session's steps now find it in the library, perhaps numbered */
      follow_rename (self, self->messages, old_name, name);
      /* Translators: %s is a saved message's name */
      title = g_strdup_printf (_("“%s” moved to the library"), name);
    }
  else
    /* Translators: %s is a saved message's name */
    title = g_strdup_printf (_("“%s” copied to this session"), name);

  focus_row (self, to, g_list_model_get_n_items (G_LIST_MODEL (to)) - 1);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
forget_deleted (DxSavedList *self)
{
  g_clear_object (&self->deleted);
  g_clear_object (&self->deleted_from);
}

static void
delete_toast_dismissed_cb (AdwToast    *toast,
                           DxSavedList *self)
{
  if (self->delete_toast != toast)
    return;
  g_clear_object (&self->delete_toast);
  forget_deleted (self);
}

static void
undo_clicked_cb (AdwToast    *toast,
                 DxSavedList *self)
{
  dx_saved_list_undo_delete (self);
}

/* libadwaita 1.2 uses freed memory when a toast is dismissed while it
 * animates: the one Undo toast is updated while it shows, never dismissed
 * by hand. */
static void
delete_message (DxSavedList    *self,
                GListStore     *store,
                DxSavedMessage *message)
{
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  guint position;

  if (!g_list_store_find (store, message, &position))
    return;

  forget_deleted (self);
  self->deleted = g_object_ref (message);
  self->deleted_from = g_object_ref (store);
  self->deleted_position = position;
  g_list_store_remove (store, position);
  focus_row (self, store, position);

  /* Translators: %s is a saved message's name */
  title = g_strdup_printf (_("“%s” deleted"), dx_saved_message_get_name (message));
  if (self->delete_toast)
    {
      adw_toast_set_title (self->delete_toast, title);
      adw_toast_set_button_label (self->delete_toast, _("_Undo"));
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  self->delete_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  g_signal_connect_object (self->delete_toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  g_signal_connect_object (self->delete_toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb), self, 0);
  /* the overlay takes a reference of its own */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->delete_toast));
}

static void
row_action_cb (DxSavedRow  *row,
               int          action,
               DxSavedList *self)
{
  DxSavedMessage *message = dx_saved_row_get_message (row);
  gboolean in_library = dx_saved_row_get_in_library (row);
  GListStore *store = in_library ? self->library : self->messages;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (store == NULL)
    return;

  switch ((DxSavedRowAction) action)
    {
    case DX_SAVED_ROW_ACTION_SEND:
      g_signal_emit (self, signals[SEND_REQUESTED], 0, message);
      break;
    case DX_SAVED_ROW_ACTION_LOAD:
      g_signal_emit (self, signals[LOAD_REQUESTED], 0, message);
      break;
    case DX_SAVED_ROW_ACTION_EDIT:
      open_dialog (self, dx_saved_message_dialog_new_for_edit (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               store, in_library, message));
      break;
    case DX_SAVED_ROW_ACTION_MOVE_UP:
      move_message (self, store, message, -1);
      break;
    case DX_SAVED_ROW_ACTION_MOVE_DOWN:
      move_message (self, store, message, 1);
      break;
    case DX_SAVED_ROW_ACTION_TRANSFER:
      transfer_message (self, store, message);
      break;
    case DX_SAVED_ROW_ACTION_DELETE:
      delete_message (self, store, message);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
row_activated_cb (DxSavedList   *self,
                  GtkListBoxRow *row)
{
  if (DX_IS_SAVED_ROW (row))
    g_signal_emit (self, signals[SEND_REQUESTED], 0, dx_saved_row_get_message (DX_SAVED_ROW (row)));
}

static void
bind_store (DxSavedList *self,
            GListStore **field,
            GListStore  *store,
            gboolean     library)
{
  GtkListBox *list = library ? self->library_list : self->session_list;

  if (*field == store)
    return;

  if (*field)
    g_signal_handlers_disconnect_by_data (*field, self);
  g_set_object (field, store);
  gtk_list_box_bind_model (list, G_LIST_MODEL (store),
                           library ? create_library_row : create_session_row, self, NULL);
  if (store)
    g_signal_connect_object (store, "items-changed",
                             G_CALLBACK (library ? library_items_changed_cb : session_items_changed_cb),
                             self, G_CONNECT_SWAPPED);
  update_move_actions (list);
}

static void
dx_saved_list_dispose (GObject *object)
{
  DxSavedList *self = DX_SAVED_LIST (object);

  if (self->delete_toast)
    g_signal_handlers_disconnect_by_data (self->delete_toast, self);
  g_clear_object (&self->delete_toast);
  forget_deleted (self);
  if (self->session_list)
    gtk_list_box_bind_model (self->session_list, NULL, NULL, NULL, NULL);
  if (self->library_list)
    gtk_list_box_bind_model (self->library_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->messages);
  g_clear_object (&self->library);
  g_clear_object (&self->sessions);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_SAVED_LIST);

  G_OBJECT_CLASS (dx_saved_list_parent_class)->dispose (object);
}

static void
dx_saved_list_class_init (DxSavedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_saved_list_dispose;

  /**
   * DxSavedList::send-requested:
   * @message: the saved message to send now
   */
  signals[SEND_REQUESTED] =
    g_signal_new ("send-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DX_TYPE_SAVED_MESSAGE);

  /**
   * DxSavedList::load-requested:
   * @message: the saved message to put into the composer
   */
  signals[LOAD_REQUESTED] =
    g_signal_new ("load-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DX_TYPE_SAVED_MESSAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-saved-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DxSavedList, root_box);
  gtk_widget_class_bind_template_child (widget_class, DxSavedList, session_list);
  gtk_widget_class_bind_template_child (widget_class, DxSavedList, library_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dx_saved_list_init (DxSavedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->session_list,
                                make_placeholder (_("Save a message from the composer to send it again with one click")));
  gtk_list_box_set_placeholder (self->library_list,
                                make_placeholder (_("Messages here can be sent from every session. Choose Library when saving, or move a message here from its menu.")));
  g_signal_connect_object (self->session_list, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_list, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
dx_saved_list_new (void)
{
  return g_object_new (DX_TYPE_SAVED_LIST, NULL);
}

/**
 * dx_saved_list_set_session:
 *
 * Shows the saved messages of @session in the upper list.
 */
void
dx_saved_list_set_session (DxSavedList *self,
                           DxSession   *session)
{
  g_return_if_fail (DX_IS_SAVED_LIST (self));
  g_return_if_fail (session == NULL || DX_IS_SESSION (session));

  g_set_object (&self->session, session);
  bind_store (self, &self->messages, session ? dx_session_get_saved_messages (session) : NULL, FALSE);
}

/**
 * dx_saved_list_set_library:
 * @library: (nullable): the workspace's library of #DxSavedMessage
 * @sessions: (nullable): the sessions that share it, whose heartbeats and
 *   scenario steps follow a rename of one of its messages
 */
void
dx_saved_list_set_library (DxSavedList *self,
                           GListStore  *library,
                           GListModel  *sessions)
{
  g_return_if_fail (DX_IS_SAVED_LIST (self));
  g_return_if_fail (library == NULL || G_IS_LIST_STORE (library));
  g_return_if_fail (sessions == NULL || G_IS_LIST_MODEL (sessions));

  g_set_object (&self->sessions, sessions);
  bind_store (self, &self->library, library, TRUE);
}

/**
 * dx_saved_list_get_library:
 *
 * Returns: (transfer none) (nullable): the library shown
 */
GListStore *
dx_saved_list_get_library (DxSavedList *self)
{
  g_return_val_if_fail (DX_IS_SAVED_LIST (self), NULL);
  return self->library;
}

/**
 * dx_saved_list_save_new:
 *
 * Asks the tester for a name, a note and a list, then saves @content as a
 * new message of @format.
 */
void
dx_saved_list_save_new (DxSavedList   *self,
                        DxSavedFormat  format,
                        const char    *content)
{
  GtkRoot *root;

  g_return_if_fail (DX_IS_SAVED_LIST (self));

  if (self->messages == NULL && self->library == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  open_dialog (self, dx_saved_message_dialog_new_for_save (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           self->messages, self->library, format, content));
}

/**
 * dx_saved_list_undo_delete:
 *
 * Puts the message deleted last back where it was.
 *
 * Returns: whether there was one to put back
 */
gboolean
dx_saved_list_undo_delete (DxSavedList *self)
{
  g_autofree char *title = NULL;
  guint n;

  g_return_val_if_fail (DX_IS_SAVED_LIST (self), FALSE);

  if (self->deleted == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->deleted_from));
  g_list_store_insert (self->deleted_from, MIN (self->deleted_position, n), self->deleted);
  if (self->deleted_from == self->messages || self->deleted_from == self->library)
    focus_row (self, self->deleted_from, self->deleted_position);

  if (self->delete_toast)
    {
      /* Translators: %s is a saved message's name */
      title = g_strdup_printf (_("“%s” restored"), dx_saved_message_get_name (self->deleted));
      adw_toast_set_title (self->delete_toast, title);
      adw_toast_set_button_label (self->delete_toast, NULL);
    }
  forget_deleted (self);
  return TRUE;
}
