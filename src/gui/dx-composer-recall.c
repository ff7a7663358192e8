/* dx-composer-recall.c — bringing earlier sent messages back into the
 * composer: Up and Down in an empty (or just recalled) composer walk
 * through the session's sent rows, newest first; the Recent button lists
 * the last ones. A message being written is never replaced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-composer-private.h"
#include "dx-message.h"

/* The Recent list shows this many messages, found among at most this many
 * of the newest rows, so that a flood of received rows cannot stall it */
#define RECENT_MAX_ROWS 20
#define RECENT_MAX_SCAN 100000

/* A recalled binary message larger than this is not written out as text:
 * a text view holding megabytes of hex would make typing slow */
#define RECALL_MAX_BINARY_TEXT (64 * 1024)

static gboolean
is_recallable (DxHistory *history,
               guint      position)
{
  DxMessageKind kind;

  if (dx_history_get_direction (history, position) != DX_DIRECTION_SENT)
    return FALSE;

  kind = dx_history_get_kind (history, position);
  return kind == DX_MESSAGE_KIND_TEXT || kind == DX_MESSAGE_KIND_BINARY;
}

static void
load_history_row (DxComposer *self,
                  guint       position)
{
  g_autoptr(GBytes) payload = dx_history_dup_payload (self->history, position);
  g_autofree char *text = NULL;

  if (dx_history_get_kind (self->history, position) == DX_MESSAGE_KIND_BINARY &&
      g_bytes_get_size (payload) > RECALL_MAX_BINARY_TEXT)
    {
      _dx_composer_set_file_payload (self, _("Earlier binary message"), payload);
      self->recall_position = position;
      g_clear_pointer (&self->recalled_text, g_free);
      return;
    }

  dx_composer_remove_file (self);
  if (dx_history_get_kind (self->history, position) == DX_MESSAGE_KIND_BINARY)
    {
      dx_composer_set_mode (self, DX_COMPOSER_MODE_BINARY);
      text = dx_payload_format (self->binary_format, payload);
    }
  else
    {
      gsize size;
      const char *data = g_bytes_get_data (payload, &size);

      if (self->mode == DX_COMPOSER_MODE_BINARY)
        dx_composer_set_mode (self, DX_COMPOSER_MODE_TEXT);
      text = g_utf8_make_valid (data ? data : "", size);
    }

  dx_composer_set_text (self, text);
  self->recall_position = position;
  g_free (self->recalled_text);
  self->recalled_text = g_steal_pointer (&text);
}

static GtkWidget *
create_recent_row (DxComposer *self,
                   guint       position)
{
  g_autoptr(DxMessage) message = g_list_model_get_item (G_LIST_MODEL (self->history), position);
  g_autofree char *preview = dx_message_dup_preview (message, 80);
  g_autofree char *size = dx_format_size (dx_message_get_size (message));
  g_autofree char *time = dx_message_format_time (message);
  g_autofree char *details = NULL;
  GtkWidget *row, *box, *label;

  details = g_strdup_printf ("%s · %s · %s",
                             dx_message_get_kind (message) == DX_MESSAGE_KIND_BINARY ? _("Binary") : _("Text"),
                             size, time);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  label = gtk_label_new (preview[0] ? preview : _("(empty)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_add_css_class (label, "monospace");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, preview,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details,
                                  -1);
  g_object_set_data (G_OBJECT (row), "dx-position", GUINT_TO_POINTER (position));
  return row;
}

static void
fill_recent_list (DxComposer *self)
{
  GtkWidget *child;
  guint n, shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  if (self->history == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->history));
  for (guint i = n; i-- > 0 && n - i <= RECENT_MAX_SCAN && shown < RECENT_MAX_ROWS;)
    if (is_recallable (self->history, i))
      {
        gtk_list_box_append (self->recent_list, create_recent_row (self, i));
        shown++;
      }
}

static void
recent_row_activated_cb (DxComposer    *self,
                         GtkListBoxRow *row)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "dx-position"));

  gtk_popover_popdown (self->recent_popover);
  if (self->history && position < g_list_model_get_n_items (G_LIST_MODEL (self->history)))
    load_history_row (self, position);
  dx_composer_focus (self);
}

static void
history_changed_cb (DxComposer *self,
                    guint       position,
                    guint       removed,
                    guint       added)
{
  /* Rows dropped by the retention limit move every position */
  if (removed > 0)
    self->recall_position = DX_COMPOSER_NO_RECALL;
}

static gboolean
cursor_on_edge_line (DxComposer *self,
                     gboolean    first)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (first)
    return gtk_text_iter_get_line (&cursor) == 0;
  return gtk_text_iter_get_line (&cursor) == gtk_text_buffer_get_line_count (buffer) - 1;
}

static gboolean
key_pressed_cb (DxComposer      *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  gboolean older;

  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    older = TRUE;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    older = FALSE;
  else
    return GDK_EVENT_PROPAGATE;

  /* In a recalled message of several lines the arrows still move the
   * cursor until it reaches the first or last line */
  if (!cursor_on_edge_line (self, older))
    return GDK_EVENT_PROPAGATE;

  return dx_composer_recall (self, older) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

void
_dx_composer_recall_init (DxComposer *self)
{
  GtkEventController *keys;

  self->recall_position = DX_COMPOSER_NO_RECALL;
  g_signal_connect_object (self->recent_popover, "show", G_CALLBACK (fill_recent_list), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recent_list, "row-activated", G_CALLBACK (recent_row_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_set_placeholder (self->recent_list, gtk_label_new (_("Nothing sent yet")));

  /* Up and Down recall before the text view moves its cursor */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), keys);
}

/**
 * dx_composer_set_history:
 * @history: (nullable): the session's history, whose sent messages can be
 *   recalled
 */
void
dx_composer_set_history (DxComposer *self,
                         DxHistory  *history)
{
  g_return_if_fail (DX_IS_COMPOSER (self));
  g_return_if_fail (history == NULL || DX_IS_HISTORY (history));

  if (self->history == history)
    return;

  if (self->history)
    g_signal_handlers_disconnect_by_func (self->history, history_changed_cb, self);
  g_set_object (&self->history, history);
  if (self->history)
    g_signal_connect_object (self->history, "items-changed", G_CALLBACK (history_changed_cb),
                             self, G_CONNECT_SWAPPED);
  self->recall_position = DX_COMPOSER_NO_RECALL;
}

/**
 * dx_composer_recall:
 * @older: %TRUE for the message sent before, %FALSE for the one after
 *
 * Puts an earlier sent message of the session into the composer, when the
 * composer is empty or still holds the message recalled last; past the
 * newest, the composer is emptied again.
 *
 * Returns: whether the composer took the request (and the key is used)
 */
gboolean
dx_composer_recall (DxComposer *self,
                    gboolean    older)
{
  g_autofree char *text = NULL;
  guint n;

  g_return_val_if_fail (DX_IS_COMPOSER (self), FALSE);

  if (self->history == NULL)
    return FALSE;

  /* A loaded file is the tester's own; a recalled large message is not */
  if (self->file_payload != NULL && self->recall_position == DX_COMPOSER_NO_RECALL)
    return FALSE;

  text = dx_composer_dup_text (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->history));
  if (self->recall_position >= n ||
      (self->file_payload == NULL && g_strcmp0 (text, self->recalled_text) != 0))
    {
      if (self->file_payload != NULL)
        return FALSE;
      if (text[0] != '\0')
        return FALSE;
      self->recall_position = DX_COMPOSER_NO_RECALL;
    }

  if (older)
    {
      guint start = self->recall_position == DX_COMPOSER_NO_RECALL ? n : self->recall_position;

      for (guint i = start; i-- > 0;)
        if (is_recallable (self->history, i))
          {
            load_history_row (self, i);
            return TRUE;
          }

      /* At the oldest already: stay there */
      return self->recall_position != DX_COMPOSER_NO_RECALL;
    }

  if (self->recall_position == DX_COMPOSER_NO_RECALL)
    return FALSE;

  for (guint i = self->recall_position + 1; i < n; i++)
    if (is_recallable (self->history, i))
      {
        load_history_row (self, i);
        return TRUE;
      }

  self->recall_position = DX_COMPOSER_NO_RECALL;
  g_clear_pointer (&self->recalled_text, g_free);
  dx_composer_remove_file (self);
  dx_composer_set_text (self, "");
  return TRUE;
}
