/* dx-message-inspector.c — the selected history row in full: pretty JSON
 * (read-only, highlighted), a hex dump for binary, time, size, opcode and
 * the time since the message before; the payload can be copied or saved
 * exactly as it was sent or received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dx-bind.h"
#include "dx-hexdump.h"
#include "dx-json.h"
#include "dx-message-inspector.h"

/* More than this is laid out slowly and read by nobody: the rest is a
 * click on Save away. */
#define MAX_TEXT_SHOWN  (1024 * 1024)
#define MAX_HEX_SHOWN   (64 * 1024)

struct _DxMessageInspector
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  GtkLabel        *title_label;
  GtkToggleButton *hex_button;
  GtkLabel        *time_label;
  GtkLabel        *size_label;
  GtkLabel        *kind_label;
  GtkLabel        *delta_label;
  GtkSourceView   *view;
  GtkSourceBuffer *buffer;

  DxMessage       *message;
  const char      *language;
  GtkNativeDialog *save_dialog;
};

G_DEFINE_FINAL_TYPE (DxMessageInspector, dx_message_inspector, GTK_TYPE_WIDGET)

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_name (DxMessageKind kind)
{
  switch (kind)
    {
    case DX_MESSAGE_KIND_TEXT:
      return _("Text (0x1)");
    case DX_MESSAGE_KIND_BINARY:
      return _("Binary (0x2)");
    case DX_MESSAGE_KIND_PING:
      return _("Ping (0x9)");
    case DX_MESSAGE_KIND_PONG:
      return _("Pong (0xA)");
    case DX_MESSAGE_KIND_CLOSE:
      return _("Close (0x8)");
    case DX_MESSAGE_KIND_OPEN:
      return _("Connection opened");
    case DX_MESSAGE_KIND_ERROR:
      return _("Error");
    case DX_MESSAGE_KIND_STATE:
    default:
      return _("Connection state");
    }
}

static const char *
direction_name (DxDirection direction)
{
  switch (direction)
    {
    case DX_DIRECTION_SENT:
      return _("Sent");
    case DX_DIRECTION_RECEIVED:
      return _("Received");
    case DX_DIRECTION_EVENT:
    default:
      return _("Event");
    }
}

static char *
format_delta (gint64 us)
{
  /* The clock is monotonic, but messages from a restored history are not
   * in one clock's time */
  const char *sign = us < 0 ? "−" : "";
  gint64 magnitude = ABS (us);

  if (magnitude < 1000)
    return g_strdup_printf (_("%s%d µs"), sign, (int) magnitude);
  if (magnitude < G_USEC_PER_SEC)
    return g_strdup_printf (_("%s%.3f ms"), sign, magnitude / 1000.0);
  return g_strdup_printf (_("%s%.3f s"), sign, magnitude / (double) G_USEC_PER_SEC);
}

static void
set_language (DxMessageInspector *self,
              const char         *id)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  self->language = id;
  gtk_source_buffer_set_language (self->buffer,
                                  id ? gtk_source_language_manager_get_language (languages, id) : NULL);
}

static void
show_payload (DxMessageInspector *self)
{
  g_autofree char *shown = NULL;
  gsize size;
  const guint8 *data;

  if (self->message == NULL)
    return;

  data = g_bytes_get_data (dx_message_get_payload (self->message), &size);

  if (gtk_toggle_button_get_active (self->hex_button))
    {
      g_autofree char *dump = dx_hexdump (data, size, MAX_HEX_SHOWN);

      if (size > MAX_HEX_SHOWN)
        {
          g_autofree char *rest = g_format_size_full (size - MAX_HEX_SHOWN, G_FORMAT_SIZE_IEC_UNITS);

          shown = g_strdup_printf (_("%s… and %s more; save the payload to see all of it\n"), dump, rest);
        }
      else
        shown = g_steal_pointer (&dump);
      set_language (self, NULL);
    }
  else
    {
      g_autofree char *text = g_utf8_make_valid (data ? (const char *) data : "", MIN (size, MAX_TEXT_SHOWN));
      g_autofree char *pretty = NULL;

      if (size <= MAX_TEXT_SHOWN && dx_message_get_direction (self->message) != DX_DIRECTION_EVENT)
        pretty = dx_json_pretty (text, NULL);

      if (pretty)
        {
          shown = g_steal_pointer (&pretty);
          set_language (self, "json");
        }
      else
        {
          shown = size > MAX_TEXT_SHOWN ? g_strdup_printf (_("%s…\n(the rest is not shown; save the payload to see all of it)"), text)
                                         : g_steal_pointer (&text);
          set_language (self, NULL);
        }
    }

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), shown, -1);
}

static void
hex_toggled_cb (DxMessageInspector *self)
{
  show_payload (self);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DxMessageInspector *self = DX_MESSAGE_INSPECTOR (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GBytes *payload;
  gsize size;
  const char *data;

  if (self->message == NULL)
    return;

  payload = dx_message_get_payload (self->message);
  data = g_bytes_get_data (payload, &size);

  if (dx_message_get_kind (self->message) == DX_MESSAGE_KIND_BINARY ||
      !g_utf8_validate (data ? data : "", size, NULL))
    {
      /* Binary goes out as its bytes for programs that take them, and as
       * hex for a text field */
      g_autoptr(GString) hex = g_string_sized_new (size * 2);
      g_autoptr(GBytes) hex_bytes = NULL;
      GdkContentProvider *providers[2];
      g_autoptr(GdkContentProvider) provider = NULL;

      for (gsize i = 0; i < size; i++)
        g_string_append_printf (hex, "%02x", (guint8) data[i]);
      hex_bytes = g_bytes_new (hex->str, hex->len);
      providers[0] = gdk_content_provider_new_for_bytes ("application/octet-stream", payload);
      providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", hex_bytes);
      provider = gdk_content_provider_new_union (providers, 2);
      gdk_clipboard_set_content (clipboard, provider);
    }
  else
    {
      g_autofree char *text = g_strndup (data ? data : "", size);

      gdk_clipboard_set_text (clipboard, text);
    }
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(DxMessageInspector) self = data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  g_autofree char *title = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (source));

      title = g_strdup_printf (_("Saved the payload to “%s”"), name);
    }
  else
    title = g_strdup_printf (_("Could not save the payload: %s"), error->message);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_message ("%s", title);
}

static void
save_response_cb (GtkNativeDialog    *dialog,
                  int                 response,
                  DxMessageInspector *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->message)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GBytes *payload = dx_message_get_payload (self->message);

      g_file_replace_contents_bytes_async (file, payload, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, saved_cb, g_object_ref (self));
    }

  g_clear_object (&self->save_dialog);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DxMessageInspector *self = DX_MESSAGE_INSPECTOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  gboolean binary;

  if (self->message == NULL || self->save_dialog)
    return;

  binary = dx_message_get_kind (self->message) == DX_MESSAGE_KIND_BINARY;
  chooser = gtk_file_chooser_native_new (_("Save Payload"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     binary ? "payload.bin" : self->language ? "payload.json" : "payload.txt");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->save_dialog = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (self->save_dialog);
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE], 0);
}

static void
dx_message_inspector_dispose (GObject *object)
{
  DxMessageInspector *self = DX_MESSAGE_INSPECTOR (object);

  if (self->save_dialog)
    {
      g_signal_handlers_disconnect_by_data (self->save_dialog, self);
      gtk_native_dialog_destroy (self->save_dialog);
      g_clear_object (&self->save_dialog);
    }
  g_clear_object (&self->message);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_MESSAGE_INSPECTOR);

  G_OBJECT_CLASS (dx_message_inspector_parent_class)->dispose (object);
}

static void
dx_message_inspector_class_init (DxMessageInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_message_inspector_dispose;

  /**
   * DxMessageInspector::close:
   *
   * The tester is done with this message.
   */
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-message-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, hex_button);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, time_label);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, size_label);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, kind_label);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, delta_label);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, view);
  gtk_widget_class_bind_template_child (widget_class, DxMessageInspector, buffer);
  gtk_widget_class_install_action (widget_class, "inspector.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "inspector.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "inspector.close", NULL, close_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "inspector.close", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
dx_message_inspector_init (DxMessageInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->hex_button, "toggled", G_CALLBACK (hex_toggled_cb), self, G_CONNECT_SWAPPED);
  dx_bind_style_scheme (self->buffer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.save", FALSE);
}

GtkWidget *
dx_message_inspector_new (void)
{
  return g_object_new (DX_TYPE_MESSAGE_INSPECTOR, NULL);
}

/**
 * dx_message_inspector_set_message:
 * @message: (nullable): what to show
 * @previous: (nullable): the message shown before it, for the time between
 */
void
dx_message_inspector_set_message (DxMessageInspector *self,
                                  DxMessage          *message,
                                  DxMessage          *previous)
{
  g_autofree char *when = NULL;
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;
  g_autofree char *size = NULL;
  g_autofree char *delta = NULL;
  g_autoptr(GDateTime) dt = NULL;

  g_return_if_fail (DX_IS_MESSAGE_INSPECTOR (self));
  g_return_if_fail (!message || DX_IS_MESSAGE (message));

  g_set_object (&self->message, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.copy", message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.save", message != NULL);

  if (message == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), "", 0);
      return;
    }

  /* The kind has a row of its own: the header stays short enough for a
   * narrow pane */
  gtk_label_set_text (self->title_label, direction_name (dx_message_get_direction (message)));

  dt = g_date_time_new_from_unix_local (dx_message_get_wall_time (message) / G_USEC_PER_SEC);
  date = dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
  time = dx_message_format_time (message);
  when = g_strdup_printf ("%s %s", date, time);
  gtk_label_set_text (self->time_label, when);

  size = dx_format_size (dx_message_get_size (message));
  gtk_label_set_text (self->size_label, size);
  gtk_label_set_text (self->kind_label, kind_name (dx_message_get_kind (message)));

  if (previous)
    delta = format_delta (dx_message_get_monotonic_time (message) - dx_message_get_monotonic_time (previous));
  gtk_label_set_text (self->delta_label, delta ? delta : _("none (first message)"));

  /* Binary opens as a hex dump; the tester may switch either way */
  g_signal_handlers_block_by_func (self->hex_button, hex_toggled_cb, self);
  gtk_toggle_button_set_active (self->hex_button, dx_message_get_kind (message) == DX_MESSAGE_KIND_BINARY);
  g_signal_handlers_unblock_by_func (self->hex_button, hex_toggled_cb, self);

  show_payload (self);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

/**
 * dx_message_inspector_get_message:
 *
 * Returns: (transfer none) (nullable): the message shown
 */
DxMessage *
dx_message_inspector_get_message (DxMessageInspector *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE_INSPECTOR (self), NULL);
  return self->message;
}

/**
 * dx_message_inspector_dup_shown_text:
 *
 * Returns: the text in the payload view, as a tester reads it
 */
char *
dx_message_inspector_dup_shown_text (DxMessageInspector *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (DX_IS_MESSAGE_INSPECTOR (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

/**
 * dx_message_inspector_get_language:
 *
 * Returns: (nullable): the id of the highlighting in use, "json" or %NULL
 */
const char *
dx_message_inspector_get_language (DxMessageInspector *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE_INSPECTOR (self), NULL);
  return self->language;
}

gboolean
dx_message_inspector_get_showing_hex (DxMessageInspector *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE_INSPECTOR (self), FALSE);
  return gtk_toggle_button_get_active (self->hex_button);
}
