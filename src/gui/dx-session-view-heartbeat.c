/* dx-session-view-heartbeat.c — what the session's heartbeat sends: a
 * ping, the text message, or a saved message by name
 *
 * The session keeps a saved message's name (it wins), else a text (which
 * wins over a ping). The row offers the three as one choice; the text is
 * kept aside while another is chosen, so switching back loses nothing. The
 * saved names are those the connection can find: the session's own, then
 * the library's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-session-view-private.h"

static GtkStringList *
choices (DxSessionView *self)
{
  return GTK_STRING_LIST (adw_combo_row_get_model (self->heartbeat_kind_row));
}

/* Changes only the names that differ: typing the heartbeat text resyncs
 * on every key, and replacing the chosen item under the combo row would
 * make it choose again */
static void
replace_names (DxSessionView *self,
               GPtrArray     *names)
{
  GtkStringList *list = choices (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list)) - DX_HEARTBEAT_SAVED;
  guint first = 0;

  while (first < n && first < names->len &&
         g_strcmp0 (gtk_string_list_get_string (list, DX_HEARTBEAT_SAVED + first), names->pdata[first]) == 0)
    first++;
  if (first == n && first == names->len)
    return;

  /* The choice may be among the names replaced: park it on Ping */
  if (adw_combo_row_get_selected (self->heartbeat_kind_row) >= DX_HEARTBEAT_SAVED + first)
    adw_combo_row_set_selected (self->heartbeat_kind_row, DX_HEARTBEAT_PING);

  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (list, DX_HEARTBEAT_SAVED + first, n - first,
                          (const char * const *) names->pdata + first);
}

/* Shows the session's choice; never writes to the session */
static void
sync_from_session (DxSessionView *self)
{
  const char *saved = dx_session_get_heartbeat_saved_message (self->session);
  const char *text = dx_session_get_heartbeat_message (self->session);
  g_autoptr(GPtrArray) names = dx_saved_message_names (G_LIST_MODEL (dx_session_get_saved_messages (self->session)),
                                                       G_LIST_MODEL (self->library));
  guint selected;

  if (saved && saved[0])
    {
      guint index;

      self->heartbeat_kind = DX_HEARTBEAT_SAVED;
      /* A name no list has (deleted, or from a file) stays visible: the
       * heartbeat reports it missing in the history */
      if (!g_ptr_array_find_with_equal_func (names, saved, g_str_equal, &index))
        {
          index = names->len;
          g_ptr_array_add (names, g_strdup (saved));
        }
      selected = DX_HEARTBEAT_SAVED + index;
    }
  else if (text && text[0])
    selected = self->heartbeat_kind = DX_HEARTBEAT_TEXT;
  else
    selected = self->heartbeat_kind = self->heartbeat_kind == DX_HEARTBEAT_TEXT ? DX_HEARTBEAT_TEXT : DX_HEARTBEAT_PING;

  self->updating_heartbeat = TRUE;
  replace_names (self, names);
  if (adw_combo_row_get_selected (self->heartbeat_kind_row) != selected)
    adw_combo_row_set_selected (self->heartbeat_kind_row, selected);
  self->updating_heartbeat = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->heartbeat_message_row), self->heartbeat_kind == DX_HEARTBEAT_TEXT);
}

static void
kind_selected_cb (DxSessionView *self)
{
  guint selected = adw_combo_row_get_selected (self->heartbeat_kind_row);
  const char *text = dx_session_get_heartbeat_message (self->session);

  if (self->updating_heartbeat || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected == DX_HEARTBEAT_PING)
    {
      self->heartbeat_kind = DX_HEARTBEAT_PING;
      if (text && text[0])
        {
          g_free (self->heartbeat_text_kept);
          self->heartbeat_text_kept = g_strdup (text);
        }
      g_object_set (self->session, "heartbeat-saved-message", NULL, "heartbeat-message", NULL, NULL);
    }
  else if (selected == DX_HEARTBEAT_TEXT)
    {
      self->heartbeat_kind = DX_HEARTBEAT_TEXT;
      g_object_set (self->session, "heartbeat-saved-message", NULL, NULL);
      if ((text == NULL || text[0] == '\0') && self->heartbeat_text_kept)
        g_object_set (self->session, "heartbeat-message", self->heartbeat_text_kept, NULL);
    }
  else
    {
      const char *name = gtk_string_list_get_string (choices (self), selected);

      self->heartbeat_kind = DX_HEARTBEAT_SAVED;
      g_object_set (self->session, "heartbeat-saved-message", name, NULL);
    }

  sync_from_session (self);
}

void
_dx_session_view_heartbeat_init (DxSessionView *self)
{
  g_signal_connect_object (self->session, "notify::heartbeat-saved-message",
                           G_CALLBACK (sync_from_session), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::heartbeat-message",
                           G_CALLBACK (sync_from_session), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dx_session_get_saved_messages (self->session), "items-changed",
                           G_CALLBACK (sync_from_session), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->heartbeat_kind_row, "notify::selected",
                           G_CALLBACK (kind_selected_cb), self, G_CONNECT_SWAPPED);
  sync_from_session (self);
}

/* Called once self->library is the new library */
void
_dx_session_view_heartbeat_set_library (DxSessionView *self,
                                        GListStore    *old_library)
{
  if (old_library)
    g_signal_handlers_disconnect_by_func (old_library, sync_from_session, self);
  if (self->library)
    g_signal_connect_object (self->library, "items-changed", G_CALLBACK (sync_from_session),
                             self, G_CONNECT_SWAPPED);
  sync_from_session (self);
}
