/* dx-settings-store-codec.c — sessions and histories as GSettings values
 *
 * A session is a JSON document of its own, every saved property under its
 * name, with a "format" number so that a document from a newer Duplex is
 * told from a broken one. Reading one is lenient: a member that cannot be
 * read is left at its default and named, so that a bad value costs itself
 * only, not the session.
 *
 * A history is a GVariant array, one (wall time, monotonic time,
 * direction, kind, size, payload) per message: compact, and read back
 * without parsing. Payloads longer than history-max-payload are cut, and
 * the size kept says by how much, so that restoring can say so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dx-field.h"
#include "dx-session-lists-private.h"
#include "dx-settings-store-private.h"

#define SESSION_FORMAT     1
#define HISTORY_TYPE       "a(xxyytay)"
#define HISTORY_ENTRY      "(xxyyt@ay)"

/* What a session document holds besides its format and id, in the order it
 * is written: every property of DxSession that is saved. */
static const char * const saved_properties[] = {
  "name",
  "url",
  "params",
  "headers",
  "subprotocols",
  "origin",
  "connect-timeout",
  "keepalive-interval",
  "heartbeat-interval",
  "heartbeat-message",
  "heartbeat-saved-message",
  "max-incoming-size",
  "reconnect-attempts",
  "reconnect-delay",
  "accept-invalid-certificates",
  "ca-file",
};

/* How messages to the tester name a session */
const char *
_dx_settings_store_session_label (DxSession *session)
{
  const char *name = dx_session_get_name (session);

  return name[0] != '\0' ? name : dx_session_get_id (session);
}

static void
add_rows (JsonBuilder *builder,
          GListModel  *rows)
{
  guint n = g_list_model_get_n_items (rows);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (rows, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, dx_field_get_enabled (field));
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, dx_field_get_key (field));
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, dx_field_get_value (field));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_value (JsonBuilder  *builder,
           const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    {
      if (g_value_get_string (value))
        json_builder_add_string_value (builder, g_value_get_string (value));
      else
        json_builder_add_null_value (builder);
    }
  else if (type == G_TYPE_UINT)
    json_builder_add_int_value (builder, g_value_get_uint (value));
  else if (type == G_TYPE_UINT64)
    /* JSON numbers stop at 2^63; the cast back on reading is exact */
    json_builder_add_int_value (builder, (gint64) g_value_get_uint64 (value));
  else if (type == G_TYPE_BOOLEAN)
    json_builder_add_boolean_value (builder, g_value_get_boolean (value));
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      json_builder_begin_array (builder);
      for (guint i = 0; strv && strv[i]; i++)
        json_builder_add_string_value (builder, strv[i]);
      json_builder_end_array (builder);
    }
  else if (type == G_TYPE_LIST_STORE)
    add_rows (builder, g_value_get_object (value));
  else
    g_assert_not_reached ();
}

char *
_dx_settings_store_session_to_json (DxSession *session)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GObjectClass *klass = G_OBJECT_GET_CLASS (session);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, SESSION_FORMAT);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, dx_session_get_id (session));

  for (guint i = 0; i < G_N_ELEMENTS (saved_properties); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, saved_properties[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (session), pspec->name, &value);
      json_builder_set_member_name (builder, pspec->name);
      add_value (builder, &value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dx_session_lists); i++)
    {
      json_builder_set_member_name (builder, dx_session_lists[i].member);
      json_builder_add_value (builder, dx_session_lists[i].to_json (G_LIST_MODEL (dx_session_lists[i].get (session))));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The newest @limit entries of @history, payloads cut at @max_payload */
GVariant *
_dx_settings_store_history_to_variant (DxHistory *history,
                                       guint      limit,
                                       guint      max_payload)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  GVariantBuilder builder;

  /* Read where the rows are stored: this runs once a second under a flood,
   * over up to a million rows, and a DxMessage for each would be wasted */
  g_variant_builder_init (&builder, G_VARIANT_TYPE (HISTORY_TYPE));
  for (guint i = n > limit ? n - limit : 0; i < n; i++)
    {
      DxDirection direction = dx_history_get_direction (history, i);
      g_autoptr(GBytes) payload = dx_history_dup_payload (history, i);
      gsize size = g_bytes_get_size (payload);
      g_autoptr(GBytes) saved = NULL;

      /* Events are Duplex's own few words, the note about a cut message
       * among them: cutting one would add a note about the note */
      if (size > max_payload && direction != DX_DIRECTION_EVENT)
        saved = g_bytes_new_from_bytes (payload, 0, max_payload);
      else
        saved = g_bytes_ref (payload);

      g_variant_builder_add (&builder, HISTORY_ENTRY,
                             dx_history_get_wall_time (history, i),
                             dx_history_get_monotonic_time (history, i),
                             (guchar) direction,
                             (guchar) dx_history_get_kind (history, i),
                             (guint64) size,
                             g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, saved, TRUE));
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A row of params, headers: FALSE when it is not one */
static DxField *
field_from_node (JsonNode *node)
{
  JsonObject *object;
  JsonNode *enabled, *key, *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  enabled = json_object_get_member (object, "enabled");
  key = json_object_get_member (object, "key");
  value = json_object_get_member (object, "value");

  if ((enabled && !holds (enabled, G_TYPE_BOOLEAN)) ||
      (key && !holds (key, G_TYPE_STRING)) ||
      (value && !holds (value, G_TYPE_STRING)))
    return NULL;

  return dx_field_new (enabled ? json_node_get_boolean (enabled) : TRUE,
                       key ? json_node_get_string (key) : "",
                       value ? json_node_get_string (value) : "");
}

/* Reads @node into @value (initialized for @pspec's type): FALSE when it
 * holds something else, or a value out of range. Rows that cannot be read
 * are left out of a row list, and make it FALSE too. */
static gboolean
value_from_node (JsonNode   *node,
                 GParamSpec *pspec,
                 GValue     *value)
{
  GType type = pspec->value_type;

  if (type == G_TYPE_STRING)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (!holds (node, G_TYPE_STRING))
        return FALSE;
      g_value_set_string (value, json_node_get_string (node));
    }
  else if (type == G_TYPE_UINT)
    {
      gint64 number;

      if (!holds (node, G_TYPE_INT64))
        return FALSE;
      number = json_node_get_int (node);
      if (number < 0 || number > G_MAXUINT)
        return FALSE;
      g_value_set_uint (value, number);
    }
  else if (type == G_TYPE_UINT64)
    {
      if (!holds (node, G_TYPE_INT64))
        return FALSE;
      g_value_set_uint64 (value, (guint64) json_node_get_int (node));
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (!holds (node, G_TYPE_BOOLEAN))
        return FALSE;
      g_value_set_boolean (value, json_node_get_boolean (node));
    }
  else if (type == G_TYPE_STRV)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!holds (element, G_TYPE_STRING))
            return FALSE;
          g_strv_builder_add (builder, json_node_get_string (element));
        }
      g_value_take_boxed (value, g_strv_builder_end (builder));
    }
  else if (type == G_TYPE_LIST_STORE)
    {
      g_autoptr(GListStore) rows = g_list_store_new (DX_TYPE_FIELD);
      gboolean all = TRUE;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(DxField) field = field_from_node (json_array_get_element (array, i));

          if (field)
            g_list_store_append (rows, field);
          else
            all = FALSE;
        }
      g_value_set_object (value, rows);
      return all;
    }
  else
    g_assert_not_reached ();

  return !g_param_value_validate (pspec, value);
}

/* All at once: the URL, set first, already made the enabled parameter rows,
 * and the saved rows, the same ones and those that are off, replace them */
static void
replace_rows (GListStore *into,
              GListModel *from)
{
  guint n = g_list_model_get_n_items (from);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (from, i));
  g_list_store_splice (into, 0, g_list_model_get_n_items (G_LIST_MODEL (into)), rows->pdata, n);
}

/* Returns the session a document describes, or NULL and @error saying why
 * it cannot be read; @newer tells a document of a newer version. Members
 * that cannot be read are left at their defaults and named in @problems. */
DxSession *
_dx_settings_store_session_from_json (const char  *document,
                                      char       **id,
                                      gboolean    *newer,
                                      GPtrArray   *problems,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(GTypeClass) klass = g_type_class_ref (DX_TYPE_SESSION);
  g_autoptr(GListModel) params = NULL;
  g_autoptr(GListModel) headers = NULL;
  DxSession *session;
  JsonObject *object;
  JsonNode *node;
  gint64 format;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  *newer = FALSE;

  if (!json_parser_load_from_data (parser, document, -1, error))
    return NULL;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DX_SETTINGS_STORE_ERROR, DX_SETTINGS_STORE_ERROR_UNREADABLE,
                           _("it is not a session"));
      return NULL;
    }
  object = json_node_get_object (node);

  node = json_object_get_member (object, "id");
  if (node && holds (node, G_TYPE_STRING) && json_node_get_string (node)[0] != '\0')
    *id = g_strdup (json_node_get_string (node));

  node = json_object_get_member (object, "format");
  if (node == NULL || !holds (node, G_TYPE_INT64) || json_node_get_int (node) < 1)
    {
      g_set_error_literal (error, DX_SETTINGS_STORE_ERROR, DX_SETTINGS_STORE_ERROR_UNREADABLE,
                           _("it has no format version"));
      return NULL;
    }
  format = json_node_get_int (node);
  if (format > SESSION_FORMAT)
    {
      /* the number goes in as text: gettext cannot see through G_GINT64_FORMAT */
      g_autofree char *format_text = g_strdup_printf ("%" G_GINT64_FORMAT, format);

      *newer = TRUE;
      g_set_error (error, DX_SETTINGS_STORE_ERROR, DX_SETTINGS_STORE_ERROR_UNREADABLE,
                   _("it is in format %s, from a newer version of Duplex"), format_text);
      return NULL;
    }

  if (*id == NULL)
    {
      g_set_error_literal (error, DX_SETTINGS_STORE_ERROR, DX_SETTINGS_STORE_ERROR_UNREADABLE,
                           _("it has no id"));
      return NULL;
    }

  g_ptr_array_add (names, (gpointer) "id");
  g_array_set_size (values, 1);
  g_value_init (&g_array_index (values, GValue, 0), G_TYPE_STRING);
  g_value_set_string (&g_array_index (values, GValue, 0), *id);

  for (guint i = 0; i < G_N_ELEMENTS (saved_properties); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), saved_properties[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      node = json_object_get_member (object, pspec->name);
      if (node == NULL)
        continue;

      g_value_init (&value, pspec->value_type);
      if (!value_from_node (node, pspec, &value))
        {
          g_ptr_array_add (unreadable, (gpointer) pspec->name);
          if (pspec->value_type != G_TYPE_LIST_STORE)
            continue;
        }

      /* params and headers are the session's own lists, filled below */
      if (pspec->value_type == G_TYPE_LIST_STORE)
        {
          if (g_str_equal (pspec->name, "params"))
            g_set_object (&params, g_value_get_object (&value));
          else
            g_set_object (&headers, g_value_get_object (&value));
          continue;
        }

      g_ptr_array_add (names, (gpointer) pspec->name);
      g_array_append_val (values, value);
      memset (&value, 0, sizeof value);
    }

  session = DX_SESSION (g_object_new_with_properties (DX_TYPE_SESSION, names->len,
                                                      (const char **) names->pdata,
                                                      (const GValue *) values->data));

  if (params)
    replace_rows (dx_session_get_params (session), params);
  if (headers)
    replace_rows (dx_session_get_headers (session), headers);

  for (guint i = 0; i < G_N_ELEMENTS (dx_session_lists); i++)
    {
      node = json_object_get_member (object, dx_session_lists[i].member);
      if (node != NULL && !dx_session_lists[i].load_json (dx_session_lists[i].get (session), node, NULL, NULL))
        g_ptr_array_add (unreadable, (gpointer) dx_session_lists[i].member);
    }

  if (unreadable->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (unreadable, NULL);
      list = g_strjoinv (", ", (char **) unreadable->pdata);
      g_ptr_array_add (problems,
                       g_strdup_printf (_("Session “%s”: some saved values could not be read and were left out: %s"),
                                        _dx_settings_store_session_label (session), list));
    }

  return session;
}

static GBytes *
truncation_note (guint64 size,
                 gsize   saved)
{
  g_autofree char *full = dx_format_size (size);
  g_autofree char *kept = dx_format_size (saved);
  char *text = g_strdup_printf (_("The message above was %s; only its first %s were saved"), full, kept);

  return g_bytes_new_take (text, strlen (text));
}

/* Appends the newest @limit entries of a saved history, each truncated
 * payload followed by an event that says so. Returns how many entries could
 * not be read, or -1 when the value is of another version's type. */
int
_dx_settings_store_restore_history (DxHistory *history,
                                    GVariant  *value,
                                    guint      limit)
{
  g_autoptr(GArray) records = NULL;
  gsize n;
  int bad = 0;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE (HISTORY_TYPE)))
    return -1;

  n = g_variant_n_children (value);
  records = g_array_sized_new (FALSE, FALSE, sizeof (DxRecord), MIN (n, limit));
  for (gsize i = n > limit ? n - limit : 0; i < n; i++)
    {
      g_autoptr(GVariant) payload = NULL;
      DxRecord record;
      const guint8 *data;
      guint64 size;
      gsize length;

      g_variant_get_child (value, i, HISTORY_ENTRY,
                           &record.wall_time_us, &record.monotonic_time_us,
                           &record.direction, &record.kind, &size, &payload);
      data = g_variant_get_fixed_array (payload, &length, 1);

      if (record.direction > DX_DIRECTION_EVENT || record.kind > DX_MESSAGE_KIND_STATE || length > size)
        {
          bad++;
          continue;
        }

      /* A copy: a reference would keep the whole saved history alive */
      record.payload = g_bytes_new (data, length);
      g_array_append_val (records, record);

      if (length < size)
        {
          DxRecord note = {
            .payload = truncation_note (size, length),
            .wall_time_us = record.wall_time_us,
            .monotonic_time_us = record.monotonic_time_us,
            .direction = DX_DIRECTION_EVENT,
            .kind = DX_MESSAGE_KIND_STATE,
          };

          g_array_append_val (records, note);
        }
    }

  dx_history_append_batch (history, (DxRecord *) records->data, records->len);
  return bad;
}


char *
_dx_settings_store_library_to_json (GListModel *library)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = dx_saved_messages_to_json (library);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Returns: FALSE with @error set when @document is no library; the
 * library is then left as it was */
gboolean
_dx_settings_store_library_from_json (GListStore  *library,
                                      const char  *document,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (document[0] == '\0')
    return TRUE;
  if (!json_parser_load_from_data (parser, document, -1, error))
    return FALSE;
  return dx_saved_messages_load_json (library, json_parser_get_root (parser), NULL, error);
}
