/* dx-composer.c — where a tester writes the next message: a GtkSourceView
 * with a Text / JSON / Binary switch. JSON is checked before it leaves and
 * can be pretty-printed or minified; binary is written as hex or Base64
 * (its {{variables}} expanded before decoding) or loaded from a file. A bad
 * message is kept, with the reason shown beneath it. Recalling earlier
 * messages is in dx-composer-recall.c, loading a file in
 * dx-composer-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dx-bind.h"
#include "dx-composer-private.h"
#include "dx-json.h"
#include "dx-message.h"
#include "dx-variables.h"

G_DEFINE_FINAL_TYPE (DxComposer, dx_composer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  PROP_BINARY_FORMAT,
  PROP_VARIABLES,
  N_PROPS
};

enum {
  SEND_REQUESTED,
  SEND_BINARY_REQUESTED,
  SAVE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The bytes a binary message would be now: the file, or the text with its
 * variables expanded and decoded. @expanded tells whether positions in an
 * error refer to the expanded text rather than the one shown. */
static GBytes *
build_binary (DxComposer  *self,
              gboolean    *expanded,
              guint       *error_position,
              GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;

  *expanded = FALSE;
  *error_position = 0;
  if (self->file_payload)
    return g_bytes_ref (self->file_payload);

  text = dx_composer_dup_text (self);
  if (dx_variables_has_references (text))
    {
      plain = dx_variables_expand (self->variables, text, error);
      if (plain == NULL)
        return NULL;
      *expanded = TRUE;
    }

  return dx_payload_parse (self->binary_format, plain ? plain : text, error_position, error);
}

void
_dx_composer_update_size (DxComposer *self)
{
  g_autofree char *size = NULL;

  if (self->mode == DX_COMPOSER_MODE_BINARY)
    {
      g_autoptr(GBytes) payload = NULL;
      g_autoptr(GError) error = NULL;
      gboolean expanded;
      guint position;

      payload = build_binary (self, &expanded, &position, &error);
      if (payload)
        size = dx_format_size (g_bytes_get_size (payload));
      else if (g_error_matches (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_TOO_LARGE))
        size = g_strdup (_("Too large"));
      else if (g_error_matches (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID))
        size = g_strdup (self->binary_format == DX_PAYLOAD_FORMAT_HEX ? _("Not valid hex") : _("Not valid Base64"));
      else
        size = g_strdup ("");
    }
  else
    {
      g_autofree char *text = dx_composer_dup_text (self);

      size = dx_format_size (strlen (text));
    }

  gtk_label_set_text (self->size_label, size);
}

static void
place_cursor_at_char (DxComposer *self,
                      guint       offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->buffer), &iter, offset);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
}

static void
place_cursor_at_line (DxComposer *self,
                      guint       line,
                      guint       column)
{
  GtkTextIter iter;

  if (line == 0)
    return;

  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->buffer), &iter,
                                           line - 1, column > 0 ? column - 1 : 0);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
}

/* Replaces the text as one step that Undo takes back */
static void
replace_text (DxComposer *self,
              const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static void
reformat_json (DxComposer *self,
               gboolean    pretty)
{
  g_autofree char *text = dx_composer_dup_text (self);
  g_autofree char *formatted = NULL;
  g_autoptr(GError) error = NULL;

  formatted = pretty ? dx_json_pretty (text, &error) : dx_json_minify (text, &error);
  if (formatted == NULL)
    {
      guint line = 0, column = 0;

      dx_json_check (text, &line, &column, NULL);
      dx_composer_show_error (self, error->message);
      place_cursor_at_line (self, line, column);
      return;
    }

  if (g_strcmp0 (formatted, text) != 0)
    replace_text (self, formatted);
}

static void
buffer_changed_cb (DxComposer *self)
{
  _dx_composer_update_size (self);
  dx_composer_show_error (self, NULL);
}

static void
mode_toggled_cb (DxComposer      *self,
                 GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->json_button)
    dx_composer_set_mode (self, DX_COMPOSER_MODE_JSON);
  else if (button == self->binary_button)
    dx_composer_set_mode (self, DX_COMPOSER_MODE_BINARY);
  else
    dx_composer_set_mode (self, DX_COMPOSER_MODE_TEXT);
}

static void
format_toggled_cb (DxComposer      *self,
                   GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  dx_composer_set_binary_format (self, button == self->base64_button
                                         ? DX_PAYLOAD_FORMAT_BASE64 : DX_PAYLOAD_FORMAT_HEX);
}

static void
pretty_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  reformat_json (DX_COMPOSER (widget), TRUE);
}

static void
minify_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  reformat_json (DX_COMPOSER (widget), FALSE);
}

static void
send_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dx_composer_send (DX_COMPOSER (widget));
}

static void
save_message_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[SAVE_REQUESTED], 0);
}

static void
dx_composer_dispose (GObject *object)
{
  DxComposer *self = DX_COMPOSER (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  dx_composer_set_history (self, NULL);
  g_clear_object (&self->variables);
  g_clear_pointer (&self->file_payload, g_bytes_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_COMPOSER);

  G_OBJECT_CLASS (dx_composer_parent_class)->dispose (object);
}

static void
dx_composer_finalize (GObject *object)
{
  DxComposer *self = DX_COMPOSER (object);

  g_free (self->recalled_text);
  g_free (self->file_name);

  G_OBJECT_CLASS (dx_composer_parent_class)->finalize (object);
}

static void
dx_composer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DxComposer *self = DX_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;
    case PROP_BINARY_FORMAT:
      g_value_set_int (value, self->binary_format);
      break;
    case PROP_VARIABLES:
      g_value_set_object (value, self->variables);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_composer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DxComposer *self = DX_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      dx_composer_set_mode (self, g_value_get_int (value));
      break;
    case PROP_BINARY_FORMAT:
      dx_composer_set_binary_format (self, g_value_get_int (value));
      break;
    case PROP_VARIABLES:
      dx_composer_set_variables (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_composer_class_init (DxComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_composer_dispose;
  object_class->finalize = dx_composer_finalize;
  object_class->get_property = dx_composer_get_property;
  object_class->set_property = dx_composer_set_property;

  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      DX_COMPOSER_MODE_TEXT, DX_COMPOSER_MODE_BINARY, DX_COMPOSER_MODE_TEXT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BINARY_FORMAT] =
    g_param_spec_int ("binary-format", NULL, NULL,
                      DX_PAYLOAD_FORMAT_HEX, DX_PAYLOAD_FORMAT_BASE64, DX_PAYLOAD_FORMAT_HEX,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLES] =
    g_param_spec_object ("variables", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DxComposer::send-requested:
   * @text: the message, checked for the current mode; its {{variables}}
   *   are left for the connection to expand
   */
  signals[SEND_REQUESTED] =
    g_signal_new ("send-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DxComposer::send-binary-requested:
   * @payload: the bytes to send, variables expanded and decoded
   */
  signals[SEND_BINARY_REQUESTED] =
    g_signal_new ("send-binary-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  /**
   * DxComposer::save-requested:
   *
   * The tester wants to keep the message; dx_composer_dup_saved_content()
   * has it.
   */
  signals[SAVE_REQUESTED] =
    g_signal_new ("save-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, DxComposer, root_box);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, text_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, json_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, binary_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, tools_bar);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, tools_stack);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, hex_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, base64_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, size_label);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, send_button);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, recent_popover);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, recent_list);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, body_stack);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, view);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, file_name_label);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, file_size_label);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DxComposer, error_label);
  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "composer.pretty", NULL, pretty_activated);
  gtk_widget_class_install_action (widget_class, "composer.minify", NULL, minify_activated);
  gtk_widget_class_install_action (widget_class, "composer.load-file", NULL, _dx_composer_load_file_activated);
  gtk_widget_class_install_action (widget_class, "composer.remove-file", NULL, _dx_composer_remove_file_activated);
  gtk_widget_class_install_action (widget_class, "composer.save-message", NULL, save_message_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "composer");
}

static void
dx_composer_init (DxComposer *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_button, "toggled", G_CALLBACK (mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->json_button, "toggled", G_CALLBACK (mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->binary_button, "toggled", G_CALLBACK (mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hex_button, "toggled", G_CALLBACK (format_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->base64_button, "toggled", G_CALLBACK (format_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.remove-file", FALSE);

  dx_bind_style_scheme (self->buffer);

  /* Ctrl+Enter sends even while the text view has the focus: the text view
   * would otherwise take it as a new line. Ctrl+D would delete a line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("composer.send")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>f"),
                                                          gtk_named_action_new ("composer.pretty")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>d"),
                                                          gtk_named_action_new ("composer.save-message")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  _dx_composer_recall_init (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.pretty", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.minify", FALSE);
  _dx_composer_update_size (self);
  dx_composer_show_error (self, NULL);
}

GtkWidget *
dx_composer_new (void)
{
  return g_object_new (DX_TYPE_COMPOSER, NULL);
}

char *
dx_composer_dup_text (DxComposer *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (DX_IS_COMPOSER (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

void
dx_composer_set_text (DxComposer *self,
                      const char *text)
{
  g_return_if_fail (DX_IS_COMPOSER (self));

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text ? text : "", -1);
}

DxComposerMode
dx_composer_get_mode (DxComposer *self)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), DX_COMPOSER_MODE_TEXT);
  return self->mode;
}

void
dx_composer_set_mode (DxComposer     *self,
                      DxComposerMode  mode)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  static const char * const pages[] = { "text", "json", "binary" };
  GtkToggleButton *buttons[] = { self->text_button, self->json_button, self->binary_button };

  g_return_if_fail (DX_IS_COMPOSER (self));
  g_return_if_fail (mode <= DX_COMPOSER_MODE_BINARY);

  if (self->mode == mode)
    return;

  self->mode = mode;
  gtk_toggle_button_set_active (buttons[mode], TRUE);
  gtk_stack_set_visible_child_name (self->tools_stack, pages[mode]);
  gtk_widget_set_visible (self->tools_bar, mode != DX_COMPOSER_MODE_TEXT);
  gtk_source_buffer_set_language (self->buffer,
                                  mode == DX_COMPOSER_MODE_JSON
                                    ? gtk_source_language_manager_get_language (languages, "json")
                                    : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.pretty", mode == DX_COMPOSER_MODE_JSON);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.minify", mode == DX_COMPOSER_MODE_JSON);

  /* A loaded file belongs to binary mode; the text beneath it is kept */
  if (mode != DX_COMPOSER_MODE_BINARY)
    dx_composer_remove_file (self);

  dx_composer_show_error (self, NULL);
  _dx_composer_update_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

DxPayloadFormat
dx_composer_get_binary_format (DxComposer *self)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), DX_PAYLOAD_FORMAT_HEX);
  return self->binary_format;
}

/**
 * dx_composer_set_binary_format:
 *
 * Chooses how binary text is read. Text that is valid in the old format
 * is rewritten in the new one, so the bytes stay the same.
 */
void
dx_composer_set_binary_format (DxComposer      *self,
                               DxPayloadFormat  format)
{
  DxPayloadFormat old_format;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) payload = NULL;

  g_return_if_fail (DX_IS_COMPOSER (self));
  g_return_if_fail (format <= DX_PAYLOAD_FORMAT_BASE64);

  if (self->binary_format == format)
    return;

  old_format = self->binary_format;
  self->binary_format = format;
  gtk_toggle_button_set_active (format == DX_PAYLOAD_FORMAT_BASE64 ? self->base64_button : self->hex_button, TRUE);

  text = dx_composer_dup_text (self);
  if (self->mode == DX_COMPOSER_MODE_BINARY && !dx_variables_has_references (text))
    payload = dx_payload_parse (old_format, text, NULL, NULL);
  if (payload && g_bytes_get_size (payload) > 0)
    {
      g_autofree char *converted = dx_payload_format (format, payload);

      replace_text (self, converted);
      if (self->recalled_text && g_strcmp0 (self->recalled_text, text) == 0)
        {
          g_free (self->recalled_text);
          self->recalled_text = g_steal_pointer (&converted);
        }
    }

  dx_composer_show_error (self, NULL);
  _dx_composer_update_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BINARY_FORMAT]);
}

/**
 * dx_composer_set_variables:
 * @variables: (nullable): a list of #DxField expanded in binary text
 *   before decoding, and in JSON before checking it
 */
void
dx_composer_set_variables (DxComposer *self,
                           GListModel *variables)
{
  g_return_if_fail (DX_IS_COMPOSER (self));
  g_return_if_fail (variables == NULL || G_IS_LIST_MODEL (variables));

  if (g_set_object (&self->variables, variables))
    {
      _dx_composer_update_size (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLES]);
    }
}

/**
 * dx_composer_get_size_text:
 *
 * Returns: the size shown for the message: bytes of text, or of the
 *   decoded binary message, or why it has none
 */
const char *
dx_composer_get_size_text (DxComposer *self)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), NULL);
  return gtk_label_get_text (self->size_label);
}

static gboolean
check_json (DxComposer *self,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;
  guint line = 0, column = 0;

  /* {{variables}} may stand for any part of the JSON: check what is sent */
  if (dx_variables_has_references (text))
    {
      expanded = dx_variables_expand (self->variables, text, &error);
      if (expanded == NULL)
        {
          dx_composer_show_error (self, error->message);
          return FALSE;
        }
    }

  if (dx_json_check (expanded ? expanded : text, &line, &column, &error))
    return TRUE;

  dx_composer_show_error (self, error->message);
  if (expanded == NULL)
    place_cursor_at_line (self, line, column);
  return FALSE;
}

/**
 * dx_composer_send:
 *
 * Checks the message for the current mode and emits
 * #DxComposer::send-requested (text, JSON) or
 * #DxComposer::send-binary-requested, or shows why it cannot be sent.
 */
void
dx_composer_send (DxComposer *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DX_IS_COMPOSER (self));

  if (self->mode == DX_COMPOSER_MODE_BINARY)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) payload = NULL;
      gboolean expanded;
      guint position;

      payload = build_binary (self, &expanded, &position, &error);
      if (payload == NULL)
        {
          dx_composer_show_error (self, error->message);
          /* Positions in the expanded text are not those shown */
          if (!expanded && position > 0)
            place_cursor_at_char (self, position - 1);
          return;
        }

      g_signal_emit (self, signals[SEND_BINARY_REQUESTED], 0, payload);
      return;
    }

  text = dx_composer_dup_text (self);
  if (self->mode == DX_COMPOSER_MODE_JSON && !check_json (self, text))
    return;

  g_signal_emit (self, signals[SEND_REQUESTED], 0, text);
}

/**
 * dx_composer_show_error:
 * @message: (nullable): why the message was not sent, or %NULL to clear
 */
void
dx_composer_show_error (DxComposer *self,
                        const char *message)
{
  g_return_if_fail (DX_IS_COMPOSER (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->error_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, message == NULL, -1);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/**
 * dx_composer_get_error:
 *
 * Returns: (nullable): the message shown beneath the composer, if any
 */
const char *
dx_composer_get_error (DxComposer *self)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

void
dx_composer_focus (DxComposer *self)
{
  g_return_if_fail (DX_IS_COMPOSER (self));

  if (self->file_payload)
    gtk_widget_grab_focus (GTK_WIDGET (self->send_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}
