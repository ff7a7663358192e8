/* dx-saved-message.c — a message kept by name, to send again with one click
 *
 * Testers keep the messages an API needs (subscribe, auth, a malformed one
 * to see the error) and send them without retyping. The content is kept as
 * written, {{variables}} and all, so that a saved message follows the
 * environment; only sending expands and decodes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-json.h"
#include "dx-payload.h"
#include "dx-saved-message.h"
#include "dx-util.h"
#include "dx-variables.h"

struct _DxSavedMessage
{
  GObject        parent_instance;
  char          *name;
  char          *note;
  char          *content;
  DxSavedFormat  format;
};

G_DEFINE_FINAL_TYPE (DxSavedMessage, dx_saved_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_NOTE,
  PROP_FORMAT,
  PROP_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The words files use for the formats, in the order of DxSavedFormat */
static const char * const format_names[] = { "text", "json", "hex", "base64" };

GType
dx_saved_format_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { DX_SAVED_FORMAT_TEXT, "DX_SAVED_FORMAT_TEXT", "text" },
    { DX_SAVED_FORMAT_JSON, "DX_SAVED_FORMAT_JSON", "json" },
    { DX_SAVED_FORMAT_HEX, "DX_SAVED_FORMAT_HEX", "hex" },
    { DX_SAVED_FORMAT_BASE64, "DX_SAVED_FORMAT_BASE64", "base64" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxSavedFormat", values));
  return type;
}

static void
dx_saved_message_finalize (GObject *object)
{
  DxSavedMessage *self = DX_SAVED_MESSAGE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->content, g_free);

  G_OBJECT_CLASS (dx_saved_message_parent_class)->finalize (object);
}

static void
dx_saved_message_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DxSavedMessage *self = DX_SAVED_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_saved_message_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DxSavedMessage *self = DX_SAVED_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      dx_saved_message_set_name (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      dx_saved_message_set_note (self, g_value_get_string (value));
      break;
    case PROP_FORMAT:
      dx_saved_message_set_format (self, g_value_get_enum (value));
      break;
    case PROP_CONTENT:
      dx_saved_message_set_content (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_saved_message_class_init (DxSavedMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dx_saved_message_finalize;
  object_class->get_property = dx_saved_message_get_property;
  object_class->set_property = dx_saved_message_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, DX_TYPE_SAVED_FORMAT, DX_SAVED_FORMAT_TEXT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_saved_message_init (DxSavedMessage *self)
{
  self->name = g_strdup ("");
  self->note = g_strdup ("");
  self->content = g_strdup ("");
}

DxSavedMessage *
dx_saved_message_new (const char    *name,
                      DxSavedFormat  format,
                      const char    *content)
{
  return g_object_new (DX_TYPE_SAVED_MESSAGE,
                       "name", name,
                       "format", format,
                       "content", content,
                       NULL);
}

const char *
dx_saved_message_get_name (DxSavedMessage *self)
{
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), NULL);
  return self->name;
}

void
dx_saved_message_set_name (DxSavedMessage *self,
                           const char     *name)
{
  g_return_if_fail (DX_IS_SAVED_MESSAGE (self));
  if (dx_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
dx_saved_message_get_note (DxSavedMessage *self)
{
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), NULL);
  return self->note;
}

void
dx_saved_message_set_note (DxSavedMessage *self,
                           const char     *note)
{
  g_return_if_fail (DX_IS_SAVED_MESSAGE (self));
  if (dx_set_str (&self->note, note ? note : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

DxSavedFormat
dx_saved_message_get_format (DxSavedMessage *self)
{
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), DX_SAVED_FORMAT_TEXT);
  return self->format;
}

void
dx_saved_message_set_format (DxSavedMessage *self,
                             DxSavedFormat   format)
{
  g_return_if_fail (DX_IS_SAVED_MESSAGE (self));
  g_return_if_fail (format <= DX_SAVED_FORMAT_BASE64);
  if (self->format == format)
    return;
  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

const char *
dx_saved_message_get_content (DxSavedMessage *self)
{
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), NULL);
  return self->content;
}

void
dx_saved_message_set_content (DxSavedMessage *self,
                              const char     *content)
{
  g_return_if_fail (DX_IS_SAVED_MESSAGE (self));
  if (dx_set_str (&self->content, content ? content : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

gboolean
dx_saved_message_is_binary (DxSavedMessage *self)
{
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), FALSE);
  return self->format == DX_SAVED_FORMAT_HEX || self->format == DX_SAVED_FORMAT_BASE64;
}

/**
 * dx_saved_message_build:
 * @variables: (nullable): the #DxField rows {{name}} refers to
 *
 * What sending the message sends: its content with variables expanded,
 * checked as JSON or decoded from hex or Base64 by its format.
 *
 * Returns: (transfer full): the payload; text for text and JSON (no
 *   terminating NUL), bytes for hex and Base64; or %NULL with @error set to
 *   a message naming the saved message and the problem
 */
GBytes *
dx_saved_message_build (DxSavedMessage  *self,
                        GListModel      *variables,
                        GError         **error)
{
  g_autofree char *expanded = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *payload = NULL;
  guint line, column;

  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), NULL);

  if (variables != NULL && dx_variables_has_references (self->content))
    {
      expanded = dx_variables_expand (variables, self->content, &local_error);
      if (expanded == NULL)
        goto fail;
    }
  else
    expanded = g_strdup (self->content);

  switch (self->format)
    {
    case DX_SAVED_FORMAT_JSON:
      if (!dx_json_check (expanded, &line, &column, &local_error))
        goto fail;
      G_GNUC_FALLTHROUGH;
    case DX_SAVED_FORMAT_TEXT:
      {
        gsize length = strlen (expanded);

        return g_bytes_new_take (g_steal_pointer (&expanded), length);
      }
    case DX_SAVED_FORMAT_HEX:
      payload = dx_payload_parse_hex (expanded, NULL, &local_error);
      break;
    case DX_SAVED_FORMAT_BASE64:
      payload = dx_payload_parse_base64 (expanded, NULL, &local_error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (payload != NULL)
    return payload;

fail:
  /* A message with no name is a scenario's own, written in its step */
  if (self->name[0] == '\0')
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, local_error->domain, local_error->code,
                 /* Translators: the first %s is a saved message's name */
                 _("Saved message “%s”: %s"), self->name, local_error->message);
  return NULL;
}

DxSavedMessage *
dx_saved_message_copy (DxSavedMessage *self)
{
  DxSavedMessage *copy;

  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), NULL);

  copy = dx_saved_message_new (self->name, self->format, self->content);
  dx_saved_message_set_note (copy, self->note);
  return copy;
}

/**
 * dx_saved_message_find:
 * @position: (out) (optional): where it is in @messages
 *
 * Returns: (transfer none) (nullable): the first message named @name
 */
DxSavedMessage *
dx_saved_message_find (GListModel *messages,
                       const char *name,
                       guint      *position)
{
  guint n = g_list_model_get_n_items (messages);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxSavedMessage) message = g_list_model_get_item (messages, i);

      if (g_strcmp0 (message->name, name) == 0)
        {
          if (position != NULL)
            *position = i;
          return message;
        }
    }
  return NULL;
}

/* "Subscribe", then "Subscribe 2", "Subscribe 3"…: names are how steps and
 * testers refer to saved messages, so a list keeps them apart. */
char *
dx_saved_message_unique_name (GListModel *messages,
                              const char *name)
{
  g_autofree char *stem = g_strstrip (g_strdup (name ? name : ""));

  if (stem[0] == '\0')
    {
      g_free (stem);
      stem = g_strdup (_("Message"));
    }
  if (dx_saved_message_find (messages, stem, NULL) == NULL)
    return g_steal_pointer (&stem);

  for (guint i = 2; ; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s %u", stem, i);

      if (dx_saved_message_find (messages, candidate, NULL) == NULL)
        return g_steal_pointer (&candidate);
    }
}

/**
 * dx_saved_message_names:
 * @session_messages: (nullable): a session's #DxSavedMessage list
 * @library: (nullable): the workspace's
 *
 * What a session can send by name, as heartbeats and send steps offer it:
 * the session's names, then the library's that the session's do not
 * shadow, each once; nameless messages cannot be named, so are left out.
 *
 * Returns: (transfer full) (element-type utf8): the names
 */
GPtrArray *
dx_saved_message_names (GListModel *session_messages,
                        GListModel *library)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GListModel *lists[] = { session_messages, library };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(DxSavedMessage) message = g_list_model_get_item (lists[l], i);

        if (message->name[0] != '\0' &&
            !g_ptr_array_find_with_equal_func (names, message->name, g_str_equal, NULL))
          g_ptr_array_add (names, g_strdup (message->name));
      }
  return names;
}

const char *
dx_saved_format_to_string (DxSavedFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

gboolean
dx_saved_format_from_string (const char    *string,
                             DxSavedFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (string, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * dx_saved_message_to_json:
 *
 * Returns: (transfer full): { "name", "note", "format", "content" }, in
 *   that order, for files and settings alike
 */
JsonNode *
dx_saved_message_to_json (DxSavedMessage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, self->note);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format_names[self->format]);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, self->content);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
read_member_string (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    const char **value,
                    JsonNode   **error_node,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      if (error_node != NULL)
        *error_node = node;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   node == NULL ? _("a saved message needs “%s”")
                                : _("“%s” of a saved message must be a string"),
                   member);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

/**
 * dx_saved_message_new_from_json:
 * @error_node: (out) (optional) (transfer none): where in @node the
 *   problem is, for the caller to say where it is in its file
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with @error
 *   set to a message that needs no context but the location
 */
DxSavedMessage *
dx_saved_message_new_from_json (JsonNode  *node,
                                JsonNode **error_node,
                                GError   **error)
{
  const char *name = NULL, *note = "", *format_name = "text", *content = NULL;
  DxSavedFormat format;
  JsonObject *object;
  DxSavedMessage *message;

  if (error_node != NULL)
    *error_node = node;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("a saved message must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_member_string (object, "name", TRUE, &name, error_node, error) ||
      !read_member_string (object, "note", FALSE, &note, error_node, error) ||
      !read_member_string (object, "format", FALSE, &format_name, error_node, error) ||
      !read_member_string (object, "content", TRUE, &content, error_node, error))
    return NULL;

  if (!dx_saved_format_from_string (format_name, &format))
    {
      if (error_node != NULL)
        *error_node = json_object_get_member (object, "format");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("unknown message format “%s”; use text, json, hex or base64"),
                   format_name);
      return NULL;
    }

  message = dx_saved_message_new (name, format, content);
  dx_saved_message_set_note (message, note);
  return message;
}

/**
 * dx_saved_messages_to_json:
 * @messages: a #GListModel of #DxSavedMessage
 *
 * Returns: (transfer full): a JSON array of them, in order
 */
JsonNode *
dx_saved_messages_to_json (GListModel *messages)
{
  g_autoptr(JsonArray) array = json_array_new ();
  guint n = g_list_model_get_n_items (messages);
  JsonNode *node;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxSavedMessage) message = g_list_model_get_item (messages, i);

      json_array_add_element (array, dx_saved_message_to_json (message));
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

/**
 * dx_saved_messages_load_json:
 * @messages: where to put them, replacing what it holds
 *
 * Reads all or nothing: on error @messages is left as it was.
 */
gboolean
dx_saved_messages_load_json (GListStore  *messages,
                             JsonNode    *node,
                             JsonNode   **error_node,
                             GError     **error)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      if (error_node != NULL)
        *error_node = node;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("saved messages must be an array"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      DxSavedMessage *message;

      message = dx_saved_message_new_from_json (json_array_get_element (array, i), error_node, error);
      if (message == NULL)
        return FALSE;
      g_ptr_array_add (loaded, message);
    }

  g_list_store_splice (messages, 0, g_list_model_get_n_items (G_LIST_MODEL (messages)),
                       loaded->pdata, loaded->len);
  return TRUE;
}
