/* dx-matcher-json.c — the JSON side of matchers: parsing, JSONPath, and
 * comparing values the way a JSON reader would (numerically, ignoring the
 * order of members); the runner's captures use it too
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-matcher-private.h"

JsonNode *
_dx_matcher_parse_json (const char  *text,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("it is empty"));
      return NULL;
    }
  return json_node_copy (root);
}

/* Returns: (transfer full) (nullable): the one node @path selects, the
 *   array of all it selects when that is several, or %NULL (without
 *   @error) when it selects nothing */
JsonNode *
_dx_matcher_select_path (JsonNode    *root,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(JsonPath) compiled = json_path_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) matches = NULL;
  JsonArray *array;

  if (!json_path_compile (compiled, path, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid JSONPath expression (%s); paths look like $.type or $.items[0].id"),
                   path, local_error->message);
      return NULL;
    }

  matches = json_path_match (compiled, root);
  array = json_node_get_array (matches);
  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;
  if (json_array_get_length (array) == 1)
    return json_node_copy (json_array_get_element (array, 0));
  return g_steal_pointer (&matches);
}

char *
_dx_matcher_node_to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* A string as its text, anything else as JSON */
char *
_dx_matcher_node_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return _dx_matcher_node_to_json (node);
}

const char *
_dx_matcher_node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return "string";
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return "boolean";
  return "number";
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  GType ta = json_node_get_value_type (a);
  GType tb = json_node_get_value_type (b);
  gboolean a_number = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
  gboolean b_number = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

  /* 1, 1.0 and 1e0 are the same number to a JSON reader */
  if (a_number && b_number)
    {
      if (ta == G_TYPE_INT64 && tb == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
      return json_node_get_double (a) == json_node_get_double (b);
    }
  if (ta != tb)
    return FALSE;
  if (ta == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
  if (ta == G_TYPE_BOOLEAN)
    return json_node_get_boolean (a) == json_node_get_boolean (b);
  return FALSE;
}

gboolean
_dx_matcher_nodes_equal (JsonNode *a,
                         JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      return values_equal (a, b);

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);
        guint n = json_array_get_length (x);

        if (n != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!_dx_matcher_nodes_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        g_autoptr(GList) members = NULL;

        if (json_object_get_size (x) != json_object_get_size (y))
          return FALSE;
        members = json_object_get_members (x);
        for (GList *l = members; l; l = l->next)
          {
            JsonNode *other = json_object_get_member (y, l->data);

            if (other == NULL || !_dx_matcher_nodes_equal (json_object_get_member (x, l->data), other))
              return FALSE;
          }
        return TRUE;
      }

    default:
      return FALSE;
    }
}
