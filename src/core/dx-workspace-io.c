/* dx-workspace-io.c — workspace files: stable, git-friendly JSON; reading
 *
 * Reading goes through json-glib; writing does not, see
 * dx-workspace-io-writer.c. Testers edit these files by hand and merge them
 * in git, so a file that cannot be read is reported with where the trouble
 * is: the line, and the column as an editor counts it, where known
 * (dx-workspace-io-parse.c notes where each node starts). See
 * docs/workspace-format.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dx-field.h"
#include "dx-session-lists-private.h"
#include "dx-workspace-io-private.h"

/* Short for the reader's own state, which dx-workspace-io-parse.c fills */
typedef DxWorkspaceIoReader Reader;

/* The session options, by their key in the file, which is also the name of
 * the DxSession property. Unsigned integers all; their range is the
 * property's. */
static const char * const number_options[] = {
  "connect-timeout",
  "keepalive-interval",
  "heartbeat-interval",
  "max-incoming-size",
  "reconnect-attempts",
  "reconnect-delay",
};

G_DEFINE_QUARK (dx-workspace-io-error-quark, dx_workspace_io_error)

/* Sets @error to "<file>, line N: <context>: <message>" with the line where
 * @where starts; returns FALSE. */
static gboolean
reader_fail (Reader              *r,
             JsonNode            *where,
             const char          *context,
             DxWorkspaceIoError   code,
             GError             **error,
             const char          *format,
             ...) G_GNUC_PRINTF (6, 7);

static gboolean
reader_fail (Reader              *r,
             JsonNode            *where,
             const char          *context,
             DxWorkspaceIoError   code,
             GError             **error,
             const char          *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (context != NULL)
    full = g_strdup_printf (_("%s: %s"), context, message);

  _dx_workspace_io_set_located_error (error, code, r->name, _dx_workspace_io_reader_line_of (r, where), 0,
                                      full ? full : message);
  return FALSE;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Leaves @value as it is when @object has no @key. */
static gboolean
read_string (Reader      *r,
             JsonObject  *object,
             const char  *key,
             gboolean     nullable,
             const char  *context,
             const char **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    *value = NULL;
  else if (holds_type (node, G_TYPE_STRING))
    *value = json_node_get_string (node);
  else if (nullable)
    return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"%s\" must be text or null"), key);
  else
    return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"%s\" must be text"), key);
  return TRUE;
}

static gboolean
read_boolean (Reader      *r,
              JsonObject  *object,
              const char  *key,
              const char  *context,
              gboolean    *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;

  if (!holds_type (node, G_TYPE_BOOLEAN))
    return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"%s\" must be true or false"), key);
  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_number (Reader      *r,
             JsonObject  *object,
             const char  *key,
             guint64      minimum,
             guint64      maximum,
             const char  *context,
             guint64     *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  gint64 number;

  if (node == NULL)
    return TRUE;

  number = holds_type (node, G_TYPE_INT64) ? json_node_get_int (node) : -1;
  if (number >= 0 && (guint64) number >= minimum && (guint64) number <= maximum)
    {
      *value = (guint64) number;
      return TRUE;
    }

  /* "from 0 to 4294967295" would be no help */
  if (minimum == 0 && maximum >= G_MAXUINT)
    return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"%s\" must be a whole number, 0 or more"), key);
  else
    {
      g_autofree char *from = g_strdup_printf ("%" G_GUINT64_FORMAT, minimum);
      g_autofree char *to = g_strdup_printf ("%" G_GUINT64_FORMAT, maximum);

      return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                          _("\"%s\" must be a whole number from %s to %s"), key, from, to);
    }
}

static gboolean
read_rows (Reader      *r,
           JsonObject  *object,
           const char  *key,
           const char  *context,
           GListStore  *into,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autoptr(GPtrArray) rows = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"%s\" must be a list of {enabled, key, value} rows"), key);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  rows = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *row_context = NULL;
      JsonObject *row;
      gboolean enabled = TRUE;
      const char *row_key = "";
      const char *value = "";

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return reader_fail (r, element, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                            _("\"%s\" must be a list of {enabled, key, value} rows"), key);

      row = json_node_get_object (element);
      if (context != NULL)
        row_context = g_strdup_printf (_("%s, \"%s\" row %u"), context, key, i + 1);
      else
        row_context = g_strdup_printf (_("\"%s\" row %u"), key, i + 1);

      if (!read_boolean (r, row, "enabled", row_context, &enabled, error) ||
          !read_string (r, row, "key", FALSE, row_context, &row_key, error) ||
          !read_string (r, row, "value", FALSE, row_context, &value, error))
        return FALSE;

      g_ptr_array_add (rows, dx_field_new (enabled, row_key, value));
    }

  /* All at once, replacing what is there: a session has made parameter
   * rows from its URL's query already, and they are the same rows. */
  g_list_store_splice (into, 0, g_list_model_get_n_items (G_LIST_MODEL (into)), rows->pdata, rows->len);
  return TRUE;
}

static gboolean
read_subprotocols (Reader      *r,
                   JsonObject  *object,
                   const char  *context,
                   DxSession   *session,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, "subprotocols");
  g_autoptr(GPtrArray) names = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"%s\" must be a list of texts, such as [\"chat\", \"json\"]"), "subprotocols");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  names = g_ptr_array_new_full (n + 1, NULL);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds_type (element, G_TYPE_STRING))
        return reader_fail (r, element, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                            _("\"%s\" must be a list of texts, such as [\"chat\", \"json\"]"), "subprotocols");
      g_ptr_array_add (names, (gpointer) json_node_get_string (element));
    }
  g_ptr_array_add (names, NULL);

  dx_session_set_subprotocols (session, (const char * const *) names->pdata);
  return TRUE;
}

static gboolean
read_options (Reader      *r,
              JsonObject  *object,
              const char  *context,
              DxSession   *session,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "options");
  GObjectClass *session_class = G_OBJECT_GET_CLASS (session);
  JsonObject *options;
  gboolean accept_invalid = dx_session_get_accept_invalid_certificates (session);
  const char *ca_file = dx_session_get_ca_file (session);
  const char *heartbeat_message = dx_session_get_heartbeat_message (session);
  const char *heartbeat_saved = dx_session_get_heartbeat_saved_message (session);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return reader_fail (r, node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"%s\" must be an object, such as {\"connect-timeout\": 10}"), "options");
  options = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (number_options); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (session_class, number_options[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      guint64 minimum, maximum, number;

      g_assert (pspec != NULL);
      if (json_object_get_member (options, number_options[i]) == NULL)
        continue;

      if (G_IS_PARAM_SPEC_UINT (pspec))
        {
          minimum = G_PARAM_SPEC_UINT (pspec)->minimum;
          maximum = G_PARAM_SPEC_UINT (pspec)->maximum;
        }
      else
        {
          g_assert (G_IS_PARAM_SPEC_UINT64 (pspec));
          minimum = G_PARAM_SPEC_UINT64 (pspec)->minimum;
          maximum = MIN (G_PARAM_SPEC_UINT64 (pspec)->maximum, (guint64) G_MAXINT64);
        }

      if (!read_number (r, options, number_options[i], minimum, maximum, context, &number, error))
        return FALSE;

      g_value_init (&value, pspec->value_type);
      if (G_IS_PARAM_SPEC_UINT (pspec))
        g_value_set_uint (&value, (guint) number);
      else
        g_value_set_uint64 (&value, number);
      g_object_set_property (G_OBJECT (session), number_options[i], &value);
    }

  if (!read_boolean (r, options, "accept-invalid-certificates", context, &accept_invalid, error) ||
      !read_string (r, options, "ca-file", TRUE, context, &ca_file, error) ||
      !read_string (r, options, "heartbeat-message", TRUE, context, &heartbeat_message, error) ||
      !read_string (r, options, "heartbeat-saved-message", TRUE, context, &heartbeat_saved, error))
    return FALSE;

  g_object_set (session,
                "accept-invalid-certificates", accept_invalid,
                "ca-file", ca_file,
                "heartbeat-message", heartbeat_message,
                "heartbeat-saved-message", heartbeat_saved,
                NULL);
  return TRUE;
}

/* A list read by its own code (saved messages, scenarios), which says
 * which node is wrong; the reader says where that is in the file. */
static gboolean
read_list (Reader      *r,
           JsonObject  *object,
           const char  *member,
           const char  *context,
           GListStore  *store,
           gboolean   (*load_json) (GListStore *, JsonNode *, JsonNode **, GError **),
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GError) local_error = NULL;
  JsonNode *error_node = NULL;

  if (node == NULL || load_json (store, node, &error_node, &local_error))
    return TRUE;

  return reader_fail (r, error_node ? error_node : node, context, DX_WORKSPACE_IO_ERROR_INVALID, error,
                      "%s", local_error->message);
}

static DxSession *
read_session (Reader      *r,
              JsonNode    *node,
              guint        number,
              GHashTable  *ids,
              GError     **error)
{
  g_autoptr(DxSession) session = NULL;
  g_autofree char *context = NULL;
  JsonObject *object;
  JsonNode *name_node;
  const char *id = NULL;
  const char *name = "";
  const char *url = "";
  const char *origin = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      reader_fail (r, node, NULL, DX_WORKSPACE_IO_ERROR_INVALID, error,
                   _("Session %u must be an object, such as {\"name\": \"Echo\", \"url\": \"ws://localhost:8080/\"}"),
                   number);
      return NULL;
    }
  object = json_node_get_object (node);

  name_node = json_object_get_member (object, "name");
  if (name_node != NULL && holds_type (name_node, G_TYPE_STRING) &&
      json_node_get_string (name_node)[0] != '\0')
    context = g_strdup_printf (_("Session %u (“%s”)"), number, json_node_get_string (name_node));
  else
    context = g_strdup_printf (_("Session %u"), number);

  if (!read_string (r, object, "id", FALSE, context, &id, error) ||
      !read_string (r, object, "name", FALSE, context, &name, error) ||
      !read_string (r, object, "url", FALSE, context, &url, error) ||
      !read_string (r, object, "origin", TRUE, context, &origin, error))
    return NULL;

  /* A session copied and pasted in an editor keeps its twin's id: the copy
   * gets one of its own, so that histories stay apart. */
  if (id != NULL && (id[0] == '\0' || g_hash_table_contains (ids, id)))
    id = NULL;

  session = g_object_new (DX_TYPE_SESSION,
                          "id", id,
                          "name", name,
                          "url", url,
                          "origin", origin,
                          NULL);
  g_hash_table_add (ids, g_strdup (dx_session_get_id (session)));

  if (!read_rows (r, object, "params", context, dx_session_get_params (session), error) ||
      !read_rows (r, object, "headers", context, dx_session_get_headers (session), error) ||
      !read_subprotocols (r, object, context, session, error) ||
      !read_options (r, object, context, session, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dx_session_lists); i++)
    if (!read_list (r, object, dx_session_lists[i].member, context, dx_session_lists[i].get (session),
                    dx_session_lists[i].load_json, error))
      return NULL;

  return g_steal_pointer (&session);
}

static gboolean
read_format (Reader      *r,
             JsonNode    *root,
             GError     **error)
{
  JsonObject *object;
  JsonNode *format;
  JsonNode *version;
  gint64 number;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return reader_fail (r, NULL, NULL, DX_WORKSPACE_IO_ERROR_FORMAT, error,
                        _("This is not a Duplex workspace (no \"format\": \"%s\")"), DX_WORKSPACE_IO_FORMAT_NAME);

  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  if (format == NULL || !holds_type (format, G_TYPE_STRING))
    return reader_fail (r, NULL, NULL, DX_WORKSPACE_IO_ERROR_FORMAT, error,
                        _("This is not a Duplex workspace (no \"format\": \"%s\")"), DX_WORKSPACE_IO_FORMAT_NAME);
  if (g_strcmp0 (json_node_get_string (format), DX_WORKSPACE_IO_FORMAT_NAME) != 0)
    return reader_fail (r, format, NULL, DX_WORKSPACE_IO_ERROR_FORMAT, error,
                        _("This is not a Duplex workspace: its \"format\" is “%s”, not “%s”"),
                        json_node_get_string (format), DX_WORKSPACE_IO_FORMAT_NAME);

  version = json_object_get_member (object, "version");
  number = version != NULL && holds_type (version, G_TYPE_INT64) ? json_node_get_int (version) : 0;
  if (number < 1)
    return reader_fail (r, version ? version : root, NULL, DX_WORKSPACE_IO_ERROR_INVALID, error,
                        _("\"version\" must be a whole number, such as %d"), DX_WORKSPACE_IO_VERSION);
  if (number > DX_WORKSPACE_IO_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      return reader_fail (r, NULL, NULL, DX_WORKSPACE_IO_ERROR_VERSION, error,
                          _("This workspace was saved by a newer Duplex (version %s); this one reads version %d"),
                          found, DX_WORKSPACE_IO_VERSION);
    }

  return TRUE;
}

static DxWorkspace *
read_workspace (Reader      *r,
                JsonNode    *root,
                GError     **error)
{
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sessions = NULL;
  JsonObject *object;
  JsonNode *node;
  guint64 selected = 0;

  if (!read_format (r, root, error))
    return NULL;
  object = json_node_get_object (root);

  if (!read_rows (r, object, "variables", NULL, dx_workspace_get_variables (workspace), error) ||
      !read_list (r, object, "library", _("Library"), dx_workspace_get_library (workspace),
                  dx_saved_messages_load_json, error) ||
      !read_number (r, object, "selected", 0, G_MAXUINT, NULL, &selected, error))
    return NULL;

  node = json_object_get_member (object, "sessions");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      reader_fail (r, node, NULL, DX_WORKSPACE_IO_ERROR_INVALID, error,
                   _("\"%s\" must be a list of sessions"), "sessions");
      return NULL;
    }

  sessions = g_ptr_array_new_with_free_func (g_object_unref);
  if (node != NULL)
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          DxSession *session = read_session (r, json_array_get_element (array, i), i + 1, ids, error);

          if (session == NULL)
            return NULL;
          g_ptr_array_add (sessions, session);
        }
    }
  g_list_store_splice (dx_workspace_get_sessions (workspace), 0, 0, sessions->pdata, sessions->len);

  /* A session deleted by hand should not make the file unreadable. */
  if (selected >= sessions->len)
    selected = sessions->len > 0 ? sessions->len - 1 : 0;
  dx_workspace_set_selected (workspace, (guint) selected);

  return g_steal_pointer (&workspace);
}

static DxWorkspace *
load_data (const char  *data,
           gsize        length,
           const char  *name,
           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  DxWorkspace *workspace = NULL;
  Reader r;

  _dx_workspace_io_reader_init (&r, name);
  parser = _dx_workspace_io_reader_parse (&r, data, length, error);
  if (parser != NULL)
    workspace = read_workspace (&r, json_parser_get_root (parser), error);
  _dx_workspace_io_reader_clear (&r);
  return workspace;
}

/**
 * dx_workspace_io_load:
 *
 * Reads a workspace file. Error messages start with the file's name and,
 * where known, the line: "workspace.json, line 12: …".
 *
 * Returns: (transfer full) (nullable): a new workspace, or %NULL with
 *   @error saying what is wrong with the file
 */
DxWorkspace *
dx_workspace_io_load (GFile   *file,
                      GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  basename = g_file_get_basename (file);
  name = basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);

  return load_data (contents, length, name, error);
}

/**
 * dx_workspace_io_from_data:
 * @length: the length of @data, or -1 if it ends with a NUL
 *
 * Reads a workspace from the text of a workspace file. Never touches any
 * existing workspace: opening into the window's is dx_workspace_replace().
 *
 * Returns: (transfer full) (nullable): a new workspace, or %NULL with
 *   @error saying what is wrong ("Line 12, column 5: …")
 */
DxWorkspace *
dx_workspace_io_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  return load_data (data ? data : "", length, NULL, error);
}
