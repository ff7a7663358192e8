/* dx-workspace-io-writer.c — workspace files: stable, git-friendly JSON;
 * writing
 *
 * The file is emitted by hand, not through json-glib, so that its bytes
 * depend on the workspace alone, never on how a given json-glib version
 * pretty-prints ("key" : value, "{  }"). Testers keep these files in git,
 * and two machines with two json-glib versions must not fight over
 * whitespace. See docs/workspace-format.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field.h"
#include "dx-session-lists-private.h"
#include "dx-workspace-io-private.h"

/* A pretty-printer with one member per line, two spaces of indent
 * and "key": value, as JSON.stringify (v, null, 2), python's json.dumps
 * (indent=2) and jq write it, so that reformatting by those tools is no
 * diff. */
typedef struct {
  GString *out;
  GArray  *has_items; /* one gboolean per open object or array */
} Writer;

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = NULL;

  /* Not UTF-8 (a percent-decoded query can be anything): JSON cannot hold
   * it, and one bad byte would make the whole file unreadable. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
writer_item (Writer     *w,
             const char *key)
{
  gboolean *has_items;

  if (w->has_items->len == 0)
    return;

  has_items = &g_array_index (w->has_items, gboolean, w->has_items->len - 1);
  g_string_append (w->out, *has_items ? ",\n" : "\n");
  *has_items = TRUE;

  for (guint i = 0; i < w->has_items->len; i++)
    g_string_append (w->out, "  ");
  if (key != NULL)
    {
      append_json_string (w->out, key);
      g_string_append (w->out, ": ");
    }
}

static void
writer_open (Writer     *w,
             const char *key,
             char        bracket)
{
  gboolean has_items = FALSE;

  writer_item (w, key);
  g_string_append_c (w->out, bracket);
  g_array_append_val (w->has_items, has_items);
}

static void
writer_close (Writer *w,
              char    bracket)
{
  gboolean had_items;

  g_assert (w->has_items->len > 0);

  had_items = g_array_index (w->has_items, gboolean, w->has_items->len - 1);
  g_array_set_size (w->has_items, w->has_items->len - 1);

  /* An empty list is "[]" on the line of its key. */
  if (had_items)
    {
      g_string_append_c (w->out, '\n');
      for (guint i = 0; i < w->has_items->len; i++)
        g_string_append (w->out, "  ");
    }
  g_string_append_c (w->out, bracket);
}

static void
writer_string (Writer     *w,
               const char *key,
               const char *value)
{
  writer_item (w, key);
  if (value != NULL)
    append_json_string (w->out, value);
  else
    g_string_append (w->out, "null");
}

static void
writer_number (Writer     *w,
               const char *key,
               guint64     value)
{
  writer_item (w, key);
  g_string_append_printf (w->out, "%" G_GUINT64_FORMAT, value);
}

static void
writer_boolean (Writer     *w,
                const char *key,
                gboolean    value)
{
  writer_item (w, key);
  g_string_append (w->out, value ? "true" : "false");
}

/* Any JSON value, its object members in the order they were built */
static void
writer_node (Writer     *w,
             const char *key,
             JsonNode   *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        writer_open (w, key, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &member, &value))
          writer_node (w, member, value);
        writer_close (w, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        writer_open (w, key, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          writer_node (w, NULL, json_array_get_element (array, i));
        writer_close (w, ']');
      }
      break;
    case JSON_NODE_NULL:
      writer_string (w, key, NULL);
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          writer_string (w, key, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          writer_boolean (w, key, json_node_get_boolean (node));
          break;
        case G_TYPE_INT64:
          writer_item (w, key);
          g_string_append_printf (w->out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            writer_item (w, key);
            g_string_append (w->out, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
          }
          break;
        default:
          g_assert_not_reached ();
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
write_rows (Writer     *w,
            const char *key,
            GListModel *rows)
{
  guint n = g_list_model_get_n_items (rows);

  writer_open (w, key, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (rows, i);

      writer_open (w, NULL, '{');
      writer_boolean (w, "enabled", dx_field_get_enabled (field));
      writer_string (w, "key", dx_field_get_key (field));
      writer_string (w, "value", dx_field_get_value (field));
      writer_close (w, '}');
    }
  writer_close (w, ']');
}

static void
write_session (Writer    *w,
               DxSession *session)
{
  const char * const *subprotocols = dx_session_get_subprotocols (session);

  writer_open (w, NULL, '{');
  writer_string (w, "id", dx_session_get_id (session));
  writer_string (w, "name", dx_session_get_name (session));
  writer_string (w, "url", dx_session_get_url (session));
  write_rows (w, "params", G_LIST_MODEL (dx_session_get_params (session)));
  write_rows (w, "headers", G_LIST_MODEL (dx_session_get_headers (session)));

  writer_open (w, "subprotocols", '[');
  for (guint i = 0; subprotocols[i] != NULL; i++)
    writer_string (w, NULL, subprotocols[i]);
  writer_close (w, ']');

  writer_string (w, "origin", dx_session_get_origin (session));

  writer_open (w, "options", '{');
  writer_number (w, "connect-timeout", dx_session_get_connect_timeout (session));
  writer_number (w, "keepalive-interval", dx_session_get_keepalive_interval (session));
  writer_number (w, "heartbeat-interval", dx_session_get_heartbeat_interval (session));
  writer_string (w, "heartbeat-message", dx_session_get_heartbeat_message (session));
  writer_string (w, "heartbeat-saved-message", dx_session_get_heartbeat_saved_message (session));
  /* JSON readers (json-glib too) stop at signed 64 bits; beyond that is
   * "no limit" all the same. */
  writer_number (w, "max-incoming-size", MIN (dx_session_get_max_incoming_size (session), (guint64) G_MAXINT64));
  writer_number (w, "reconnect-attempts", dx_session_get_reconnect_attempts (session));
  writer_number (w, "reconnect-delay", dx_session_get_reconnect_delay (session));
  writer_boolean (w, "accept-invalid-certificates", dx_session_get_accept_invalid_certificates (session));
  writer_string (w, "ca-file", dx_session_get_ca_file (session));
  writer_close (w, '}');

  for (guint i = 0; i < G_N_ELEMENTS (dx_session_lists); i++)
    {
      g_autoptr(JsonNode) list = dx_session_lists[i].to_json (G_LIST_MODEL (dx_session_lists[i].get (session)));

      writer_node (w, dx_session_lists[i].member, list);
    }

  writer_close (w, '}');
}

static guint
find_in_model (GListModel *model,
               gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }
  return G_MAXUINT;
}

/* The position, in @sessions, of the session @workspace has selected. */
static guint
selected_in (DxWorkspace *workspace,
             GListModel  *sessions)
{
  GListModel *all = G_LIST_MODEL (dx_workspace_get_sessions (workspace));
  guint selected = dx_workspace_get_selected (workspace);
  g_autoptr(DxSession) session = NULL;
  guint position;

  if (sessions == all)
    return selected;
  if (selected >= g_list_model_get_n_items (all))
    return 0;

  session = g_list_model_get_item (all, selected);
  position = find_in_model (sessions, session);
  return position != G_MAXUINT ? position : 0;
}

/**
 * dx_workspace_io_to_data:
 * @only_sessions: (nullable): a list of #DxSession to write instead of all
 *   of @workspace's, for exporting some of them
 * @length: (out) (optional): the length of the text
 *
 * Writes the workspace file's text: the variables and the sessions (with
 * their parameters, headers, subprotocols and options, not their history).
 * The same workspace always gives the same bytes.
 *
 * Returns: (transfer full): the text, ending with a newline
 */
char *
dx_workspace_io_to_data (DxWorkspace *workspace,
                         GListModel  *only_sessions,
                         gsize       *length)
{
  g_autoptr(GArray) has_items = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(JsonNode) library = NULL;
  GListModel *sessions;
  GString *out;
  Writer w;
  guint n;

  g_return_val_if_fail (DX_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (only_sessions == NULL ||
                        g_type_is_a (g_list_model_get_item_type (only_sessions), DX_TYPE_SESSION), NULL);

  sessions = only_sessions ? only_sessions : G_LIST_MODEL (dx_workspace_get_sessions (workspace));
  out = g_string_new (NULL);
  w = (Writer) { .out = out, .has_items = has_items };

  writer_open (&w, NULL, '{');
  writer_string (&w, "format", DX_WORKSPACE_IO_FORMAT_NAME);
  writer_number (&w, "version", DX_WORKSPACE_IO_VERSION);
  write_rows (&w, "variables", G_LIST_MODEL (dx_workspace_get_variables (workspace)));
  library = dx_saved_messages_to_json (G_LIST_MODEL (dx_workspace_get_library (workspace)));
  writer_node (&w, "library", library);
  writer_number (&w, "selected", selected_in (workspace, sessions));

  writer_open (&w, "sessions", '[');
  n = g_list_model_get_n_items (sessions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);

      write_session (&w, session);
    }
  writer_close (&w, ']');

  writer_close (&w, '}');
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * dx_workspace_io_save:
 *
 * Writes the whole workspace to @file, atomically: the file holds either
 * what it held before or the new workspace, never half of it.
 *
 * Returns: whether the file was written
 */
gboolean
dx_workspace_io_save (DxWorkspace  *workspace,
                      GFile        *file,
                      GError      **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (DX_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = dx_workspace_io_to_data (workspace, NULL, &length);

  return g_file_replace_contents (file, data, length, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}
