/* dx-scenario-json-reader.c — scenarios in workspace files; reading
 *
 * Reading is strict about variables, steps and matchers: a member a step
 * does not take is an error naming the members it does take, since a
 * misspelt "timout" would otherwise be dropped in silence. The scenario
 * object itself tolerates members it does not know, so the workspace may
 * keep more there. Error messages carry no file or line: the caller adds
 * them from *error_node.
 *
 * "last-run" is the exception: results are derived data, so one that is
 * malformed or no longer fits the steps is dropped without a word rather
 * than stopping a file from opening (dx-run-result-json.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-field.h"
#include "dx-runner-private.h"
#include "dx-scenario-json.h"

typedef struct {
  JsonNode **error_node;
  GError   **error;
} Reader;

/* ---- reading ------------------------------------------------------------- */

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return _("a string");
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return _("true or false");
  return _("a number");
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Reader     *reader,
      JsonNode   *node,
      const char *format,
      ...)
{
  va_list args;

  if (reader->error_node)
    *reader->error_node = node;
  if (reader->error)
    {
      va_start (args, format);
      *reader->error = g_error_new_valist (DX_SCENARIO_ERROR, DX_SCENARIO_ERROR_INVALID, format, args);
      va_end (args);
    }
  return FALSE;
}

static gboolean
check_members (Reader             *reader,
               JsonNode           *node,
               const char         *what,
               const char * const *allowed)
{
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        return fail (reader, json_object_get_member (object, l->data),
                     _("unknown member “%s” in %s; it takes: %s"),
                     (const char *) l->data, what, list);
      }
  return TRUE;
}

static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             gboolean     required,
             JsonNode    *object_node,
             const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      if (required)
        return fail (reader, object_node, _("“%s” is missing"), member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (reader, node, _("“%s” must be a string, not %s"), member, describe_node (node));
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_uint (Reader     *reader,
           JsonObject *object,
           const char *member,
           guint64     max,
           guint64    *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (reader, node, _("“%s” must be a whole number, not %s"), member, describe_node (node));
  value = json_node_get_int (node);
  if (value < 0 || (guint64) value > max)
    {
      g_autofree char *max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
      g_autofree char *value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      return fail (reader, node, _("“%s” must be from 0 to %s, not %s"), member, max_text, value_text);
    }
  *out = (guint64) value;
  return TRUE;
}

static gboolean
read_bool (Reader     *reader,
           JsonObject *object,
           const char *member,
           gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (reader, node, _("“%s” must be true or false, not %s"), member, describe_node (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* @what: "step kind", "matcher kind", … for the error */
static gboolean
read_enum (Reader      *reader,
           JsonObject  *object,
           const char  *member,
           gboolean     required,
           JsonNode    *object_node,
           GType        type,
           const char  *what,
           int         *out)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autoptr(GString) names = g_string_new (NULL);
  const char *text = NULL;
  GEnumValue *value;

  if (!read_string (reader, object, member, required, object_node, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  value = g_enum_get_value_by_nick (klass, text);
  if (value != NULL)
    {
      *out = value->value;
      return TRUE;
    }

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (names, i ? ", %s" : "%s", klass->values[i].value_nick);
  return fail (reader, json_object_get_member (object, member),
               _("unknown %s “%s”; use one of: %s"), what, text, names->str);
}

/* JSON matchers may hold their JSON value directly, not only as a string */
static gboolean
read_matcher_value (Reader     *reader,
                    JsonObject *object,
                    gboolean    json_value,
                    DxMatcher  *matcher)
{
  JsonNode *node = json_object_get_member (object, "value");

  if (node == NULL)
    return TRUE;
  if (json_value && !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      dx_matcher_set_value (matcher, text);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (reader, node, _("“value” must be a string, not %s"), describe_node (node));
  dx_matcher_set_value (matcher, json_node_get_string (node));
  return TRUE;
}

static DxMatcher *
read_matcher (Reader   *reader,
              JsonNode *node)
{
  static const char * const text_members[] = { "kind", "negate", "value", NULL };
  static const char * const path_members[] = { "kind", "negate", "path", "op", "value", NULL };
  static const char * const size_members[] = { "kind", "negate", "op", "size", NULL };
  g_autoptr(DxMatcher) matcher = NULL;
  JsonObject *object;
  const char *path = NULL;
  gboolean negate = FALSE;
  guint64 size = 0;
  int kind = 0, op;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, node, _("a matcher must be an object, not %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_enum (reader, object, "kind", TRUE, node, DX_TYPE_MATCHER_KIND, _("matcher kind"), &kind))
    return NULL;

  matcher = dx_matcher_new (kind, NULL);
  if (!read_bool (reader, object, "negate", &negate))
    return NULL;
  dx_matcher_set_negate (matcher, negate);

  switch (kind)
    {
    case DX_MATCHER_JSONPATH:
      op = DX_PATH_OP_EXISTS;
      if (!check_members (reader, node, _("a jsonpath matcher"), path_members) ||
          !read_string (reader, object, "path", TRUE, node, &path) ||
          !read_enum (reader, object, "op", FALSE, node, DX_TYPE_PATH_OP, _("JSONPath operation"), &op))
        return NULL;
      dx_matcher_set_path (matcher, path);
      dx_matcher_set_path_op (matcher, op);
      if (!read_matcher_value (reader, object, op == DX_PATH_OP_EQUALS, matcher))
        return NULL;
      break;

    case DX_MATCHER_SIZE:
      op = DX_SIZE_OP_LE;
      if (!check_members (reader, node, _("a size matcher"), size_members) ||
          !read_enum (reader, object, "op", FALSE, node, DX_TYPE_SIZE_OP, _("size comparison"), &op) ||
          !read_uint (reader, object, "size", G_MAXINT64, &size))
        return NULL;
      dx_matcher_set_size_op (matcher, op);
      dx_matcher_set_size (matcher, size);
      break;

    default:
      {
        g_autofree char *what = g_strdup_printf (_("a “%s” matcher"),
                                                 json_object_get_string_member (object, "kind"));

        if (!check_members (reader, node, what, text_members) ||
            !read_matcher_value (reader, object, kind == DX_MATCHER_JSON_EQUALS, matcher))
          return NULL;
      }
      break;
    }

  return g_steal_pointer (&matcher);
}

static gboolean
read_matchers (Reader         *reader,
               JsonObject     *object,
               DxScenarioStep *step)
{
  JsonNode *node = json_object_get_member (object, "matchers");
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (reader, node, _("“matchers” must be an array, not %s"), describe_node (node));

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMatcher) matcher = read_matcher (reader, json_array_get_element (array, i));

      if (matcher == NULL)
        return FALSE;
      dx_scenario_step_add_matcher (step, matcher);
    }
  return TRUE;
}

static const char * const *
step_members (DxStepKind kind)
{
  static const char * const connect[] = { "kind", "enabled", "expect", "status", "subprotocol", "timeout", NULL };
  static const char * const send[] = { "kind", "enabled", "format", "content", "message", NULL };
  static const char * const expect[] = { "kind", "enabled", "mode", "timeout", "matchers", NULL };
  static const char * const duration[] = { "kind", "enabled", "duration", NULL };
  static const char * const capture[] = { "kind", "enabled", "variable", "source", "expression", "group", "timeout", NULL };
  static const char * const ping[] = { "kind", "enabled", "payload", "timeout", NULL };
  static const char * const close[] = { "kind", "enabled", "code", "reason", NULL };
  static const char * const expect_close[] = { "kind", "enabled", "code", "reason", "timeout", NULL };

  switch (kind)
    {
    case DX_STEP_CONNECT: return connect;
    case DX_STEP_SEND: return send;
    case DX_STEP_EXPECT_MESSAGE: return expect;
    case DX_STEP_EXPECT_NO_MESSAGE: return duration;
    case DX_STEP_CAPTURE: return capture;
    case DX_STEP_WAIT: return duration;
    case DX_STEP_PING: return ping;
    case DX_STEP_CLOSE: return close;
    case DX_STEP_EXPECT_CLOSE: return expect_close;
    default: g_assert_not_reached ();
    }
}

static gboolean
read_connect (Reader         *reader,
              JsonNode       *node,
              DxScenarioStep *step)
{
  JsonObject *object = json_node_get_object (node);
  const char *expect = NULL, *subprotocol = NULL;
  guint64 status = 0;

  if (!read_string (reader, object, "expect", FALSE, node, &expect) ||
      !read_uint (reader, object, "status", 599, &status) ||
      !read_string (reader, object, "subprotocol", FALSE, node, &subprotocol))
    return FALSE;
  if (expect && !g_str_equal (expect, "success") && !g_str_equal (expect, "failure"))
    return fail (reader, json_object_get_member (object, "expect"),
                 _("“expect” must be “success” or “failure”, not “%s”"), expect);
  dx_scenario_step_set_expect_failure (step, g_strcmp0 (expect, "failure") == 0);
  dx_scenario_step_set_status (step, status);
  dx_scenario_step_set_subprotocol (step, subprotocol);
  return TRUE;
}

static gboolean
read_send (Reader         *reader,
           JsonNode       *node,
           DxScenarioStep *step)
{
  JsonObject *object = json_node_get_object (node);
  const char *format_text = NULL, *content = NULL, *message = NULL;
  DxSavedFormat format = DX_SAVED_FORMAT_TEXT;

  if (!read_string (reader, object, "format", FALSE, node, &format_text) ||
      !read_string (reader, object, "content", FALSE, node, &content) ||
      !read_string (reader, object, "message", FALSE, node, &message))
    return FALSE;
  if (format_text && !dx_saved_format_from_string (format_text, &format))
    return fail (reader, json_object_get_member (object, "format"),
                 _("unknown format “%s”; use one of: text, json, hex, base64"), format_text);
  if (message == NULL && content == NULL)
    return fail (reader, node, _("a send step needs “content” (with “format”) or the name of a saved “message”"));
  dx_scenario_step_set_format (step, format);
  dx_scenario_step_set_content (step, content);
  dx_scenario_step_set_message_name (step, message);
  return TRUE;
}

static gboolean
read_capture (Reader         *reader,
              JsonNode       *node,
              DxScenarioStep *step)
{
  JsonObject *object = json_node_get_object (node);
  const char *variable = NULL, *expression = NULL;
  int source = DX_CAPTURE_JSONPATH;
  guint64 group = 1;

  if (!read_string (reader, object, "variable", TRUE, node, &variable) ||
      !read_enum (reader, object, "source", FALSE, node, DX_TYPE_CAPTURE_SOURCE, _("capture source"), &source) ||
      !read_string (reader, object, "expression", TRUE, node, &expression) ||
      !read_uint (reader, object, "group", 99, &group))
    return FALSE;
  dx_scenario_step_set_variable (step, variable);
  dx_scenario_step_set_source (step, source);
  dx_scenario_step_set_expression (step, expression);
  dx_scenario_step_set_group (step, group);
  return TRUE;
}

static DxScenarioStep *
read_step (Reader   *reader,
           JsonNode *node)
{
  g_autoptr(DxScenarioStep) step = NULL;
  g_autofree char *what = NULL;
  JsonObject *object;
  const char *text = NULL;
  gboolean enabled = TRUE;
  guint64 number;
  int kind = 0, mode = DX_EXPECT_NEXT;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, node, _("a step must be an object, not %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_enum (reader, object, "kind", TRUE, node, DX_TYPE_STEP_KIND, _("step kind"), &kind))
    return NULL;

  what = g_strdup_printf (_("a “%s” step"), json_object_get_string_member (object, "kind"));
  if (!check_members (reader, node, what, step_members (kind)))
    return NULL;

  step = dx_scenario_step_new (kind);
  if (!read_bool (reader, object, "enabled", &enabled))
    return NULL;
  dx_scenario_step_set_enabled (step, enabled);

  number = dx_scenario_step_get_timeout (step);
  if (!read_uint (reader, object, "timeout", G_MAXUINT, &number))
    return NULL;
  dx_scenario_step_set_timeout (step, number);

  number = dx_scenario_step_get_duration (step);
  if (!read_uint (reader, object, "duration", G_MAXUINT, &number))
    return NULL;
  dx_scenario_step_set_duration (step, number);

  switch (kind)
    {
    case DX_STEP_CONNECT:
      if (!read_connect (reader, node, step))
        return NULL;
      break;

    case DX_STEP_SEND:
      if (!read_send (reader, node, step))
        return NULL;
      break;

    case DX_STEP_EXPECT_MESSAGE:
      if (!read_enum (reader, object, "mode", FALSE, node, DX_TYPE_EXPECT_MODE, _("expect mode"), &mode) ||
          !read_matchers (reader, object, step))
        return NULL;
      dx_scenario_step_set_mode (step, mode);
      break;

    case DX_STEP_CAPTURE:
      if (!read_capture (reader, node, step))
        return NULL;
      break;

    case DX_STEP_PING:
      if (!read_string (reader, object, "payload", FALSE, node, &text))
        return NULL;
      dx_scenario_step_set_content (step, text);
      break;

    case DX_STEP_CLOSE:
    case DX_STEP_EXPECT_CLOSE:
      number = dx_scenario_step_get_code (step);
      if (!read_uint (reader, object, "code", 4999, &number) ||
          !read_string (reader, object, "reason", FALSE, node, &text))
        return NULL;
      dx_scenario_step_set_code (step, number);
      dx_scenario_step_set_reason (step, text);
      break;

    case DX_STEP_EXPECT_NO_MESSAGE:
    case DX_STEP_WAIT:
    default:
      break;
    }

  return g_steal_pointer (&step);
}

static DxField *
read_variable (Reader   *reader,
               JsonNode *node)
{
  static const char * const members[] = { "enabled", "key", "value", NULL };
  JsonObject *object;
  const char *key = NULL, *value = "";
  gboolean enabled = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, node, _("a variable must be an {enabled, key, value} object, not %s"),
            describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!check_members (reader, node, _("a variable"), members) ||
      !read_bool (reader, object, "enabled", &enabled) ||
      !read_string (reader, object, "key", TRUE, node, &key) ||
      !read_string (reader, object, "value", FALSE, node, &value))
    return NULL;
  return dx_field_new (enabled, key, value);
}

static gboolean
read_variables (Reader     *reader,
                JsonObject *object,
                GPtrArray  *variables)
{
  JsonNode *node = json_object_get_member (object, "variables");
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (reader, node, _("“variables” must be an array, not %s"), describe_node (node));

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      DxField *field = read_variable (reader, json_array_get_element (array, i));

      if (field == NULL)
        return FALSE;
      g_ptr_array_add (variables, field);
    }
  return TRUE;
}

/**
 * dx_scenario_new_from_json:
 * @error_node: (out) (optional) (transfer none): on failure, the node in
 *   @node's tree where the problem is
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with @error
 *   saying what is wrong (%DX_SCENARIO_ERROR)
 */
DxScenario *
dx_scenario_new_from_json (JsonNode  *node,
                           JsonNode **error_node,
                           GError   **error)
{
  Reader reader = { error_node, error };
  g_autoptr(DxScenario) scenario = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) variables = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DxRunResult) last_result = NULL;
  JsonObject *object;
  JsonNode *steps_node, *last_run;
  const char *name = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (&reader, node, _("a scenario must be an object, not %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_string (&reader, object, "name", TRUE, node, &name) ||
      !read_variables (&reader, object, variables))
    return NULL;

  steps_node = json_object_get_member (object, "steps");
  if (steps_node != NULL && !JSON_NODE_HOLDS_ARRAY (steps_node))
    {
      fail (&reader, steps_node, _("“steps” must be an array, not %s"), describe_node (steps_node));
      return NULL;
    }
  if (steps_node != NULL)
    {
      JsonArray *array = json_node_get_array (steps_node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          DxScenarioStep *step = read_step (&reader, json_array_get_element (array, i));

          if (step == NULL)
            return NULL;
          g_ptr_array_add (steps, step);
        }
    }

  scenario = dx_scenario_new (name);
  g_list_store_splice (dx_scenario_get_variables (scenario), 0, 0, variables->pdata, variables->len);
  g_list_store_splice (dx_scenario_get_steps (scenario), 0, 0, steps->pdata, steps->len);

  last_run = json_object_get_member (object, "last-run");
  if (last_run != NULL)
    last_result = _dx_run_result_new_from_json (scenario, last_run);
  dx_scenario_set_last_result (scenario, last_result);
  return g_steal_pointer (&scenario);
}

/**
 * dx_scenarios_load_json:
 * @scenarios: the #GListStore of #DxScenario to fill
 * @node: a JSON array of scenarios
 * @error_node: (out) (optional) (transfer none): see
 *   dx_scenario_new_from_json()
 *
 * Appends all of @node's scenarios to @scenarios, or none of them.
 *
 * Returns: %FALSE, with @error saying what is wrong
 */
gboolean
dx_scenarios_load_json (GListStore  *scenarios,
                        JsonNode    *node,
                        JsonNode   **error_node,
                        GError     **error)
{
  Reader reader = { error_node, error };
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  guint n;

  g_return_val_if_fail (G_IS_LIST_STORE (scenarios), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (&reader, node, _("the scenarios must be an array, not %s"), describe_node (node));

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      DxScenario *scenario = dx_scenario_new_from_json (json_array_get_element (array, i),
                                                        error_node, error);

      if (scenario == NULL)
        return FALSE;
      g_ptr_array_add (loaded, scenario);
    }

  g_list_store_splice (scenarios, g_list_model_get_n_items (G_LIST_MODEL (scenarios)), 0,
                       loaded->pdata, loaded->len);
  return TRUE;
}
