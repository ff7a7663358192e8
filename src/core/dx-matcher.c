/* dx-matcher.c — one check on a received message
 *
 * A matcher is a small editable object (the scenario editor binds to its
 * properties) that answers one question about a payload. When the answer
 * is no, it says what it expected and what it got, in words a tester can
 * act on without opening the history.
 *
 * The value may use {{variables}}: it is expanded when the matcher runs, so
 * a value captured earlier in a run can be checked later. Until then a value
 * with references is not validated, since it is not known yet.
 *
 * A JSONPath selects nodes; when it selects exactly one, that node is what
 * "equals", "matches" and "is of type" look at, otherwise the array of
 * everything it selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-matcher-private.h"
#include "dx-payload.h"
#include "dx-util.h"
#include "dx-variables.h"

struct _DxMatcher
{
  GObject        parent_instance;
  DxMatcherKind  kind;
  DxPathOp       path_op;
  DxSizeOp       size_op;
  gboolean       negate;
  guint64        size;
  char          *value;
  char          *path;
};

G_DEFINE_FINAL_TYPE (DxMatcher, dx_matcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_VALUE,
  PROP_PATH,
  PROP_PATH_OP,
  PROP_SIZE_OP,
  PROP_SIZE,
  PROP_NEGATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  OUTCOME_MATCH,
  OUTCOME_NO_MATCH,
  OUTCOME_ERROR,
} Outcome;

static const char * const json_types[] = {
  "string", "number", "boolean", "null", "object", "array",
};

GType
dx_matcher_kind_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_MATCHER_EQUALS, "DX_MATCHER_EQUALS", "equals" },
    { DX_MATCHER_CONTAINS, "DX_MATCHER_CONTAINS", "contains" },
    { DX_MATCHER_REGEX, "DX_MATCHER_REGEX", "regex" },
    { DX_MATCHER_JSON_EQUALS, "DX_MATCHER_JSON_EQUALS", "json-equals" },
    { DX_MATCHER_JSONPATH, "DX_MATCHER_JSONPATH", "jsonpath" },
    { DX_MATCHER_SIZE, "DX_MATCHER_SIZE", "size" },
    { DX_MATCHER_BINARY_EQUALS, "DX_MATCHER_BINARY_EQUALS", "binary-equals" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxMatcherKind", values));
  return type;
}

GType
dx_path_op_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_PATH_OP_EXISTS, "DX_PATH_OP_EXISTS", "exists" },
    { DX_PATH_OP_EQUALS, "DX_PATH_OP_EQUALS", "equals" },
    { DX_PATH_OP_MATCHES, "DX_PATH_OP_MATCHES", "matches" },
    { DX_PATH_OP_IS_TYPE, "DX_PATH_OP_IS_TYPE", "is-type" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxPathOp", values));
  return type;
}

GType
dx_size_op_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_SIZE_OP_EQ, "DX_SIZE_OP_EQ", "eq" },
    { DX_SIZE_OP_LT, "DX_SIZE_OP_LT", "lt" },
    { DX_SIZE_OP_LE, "DX_SIZE_OP_LE", "le" },
    { DX_SIZE_OP_GT, "DX_SIZE_OP_GT", "gt" },
    { DX_SIZE_OP_GE, "DX_SIZE_OP_GE", "ge" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxSizeOp", values));
  return type;
}

/* ---- checks --------------------------------------------------------------- */

static GRegex *
compile_regex (const char  *pattern,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GRegex *regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &local_error);

  if (regex == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("“%s” is not a valid regular expression: %s"), pattern, local_error->message);
  return regex;
}

static JsonNode *
parse_expected_json (const char  *value,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  if (value[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The expected JSON value is empty: write one, such as \"pong\", 42 or {\"ok\": true}"));
      return NULL;
    }
  node = _dx_matcher_parse_json (value, strlen (value), &local_error);
  if (node == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("The expected value %s is not valid JSON (%s); a string needs quotes: \"pong\""),
                 value, local_error->message);
  return node;
}

static gboolean
check_value (DxMatcher   *self,
             const char  *value,
             GError     **error)
{
  switch (self->kind)
    {
    case DX_MATCHER_REGEX:
      {
        g_autoptr(GRegex) regex = compile_regex (value, error);

        return regex != NULL;
      }

    case DX_MATCHER_JSON_EQUALS:
      {
        g_autoptr(JsonNode) node = parse_expected_json (value, error);

        return node != NULL;
      }

    case DX_MATCHER_BINARY_EQUALS:
      {
        g_autoptr(GBytes) bytes = dx_payload_parse_hex (value, NULL, error);

        return bytes != NULL;
      }

    case DX_MATCHER_JSONPATH:
      if (self->path_op == DX_PATH_OP_EQUALS)
        {
          g_autoptr(JsonNode) node = parse_expected_json (value, error);

          return node != NULL;
        }
      if (self->path_op == DX_PATH_OP_MATCHES)
        {
          g_autoptr(GRegex) regex = compile_regex (value, error);

          return regex != NULL;
        }
      if (self->path_op == DX_PATH_OP_IS_TYPE &&
          !g_strv_contains ((const char * const *) json_types, value))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a JSON type: use string, number, boolean, null, object or array"),
                       value);
          return FALSE;
        }
      return TRUE;

    case DX_MATCHER_EQUALS:
    case DX_MATCHER_CONTAINS:
    case DX_MATCHER_SIZE:
    default:
      return TRUE;
    }
}

static gboolean
check_path (DxMatcher  *self,
            GError    **error)
{
  g_autoptr(JsonPath) compiled = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->path == NULL || self->path[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The JSONPath is empty: write one, such as $.type"));
      return FALSE;
    }
  compiled = json_path_new ();
  if (!json_path_compile (compiled, self->path, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid JSONPath expression (%s); paths look like $.type or $.items[0].id"),
                   self->path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static Outcome
check_size (DxMatcher *self,
            gsize      size)
{
  gboolean ok = FALSE;

  switch (self->size_op)
    {
    case DX_SIZE_OP_EQ: ok = size == self->size; break;
    case DX_SIZE_OP_LT: ok = size < self->size; break;
    case DX_SIZE_OP_LE: ok = size <= self->size; break;
    case DX_SIZE_OP_GT: ok = size > self->size; break;
    case DX_SIZE_OP_GE: ok = size >= self->size; break;
    default: g_assert_not_reached ();
    }
  return ok ? OUTCOME_MATCH : OUTCOME_NO_MATCH;
}

/* What the path selected, or how the message fell short of having it */
static JsonNode *
select_from_message (DxMatcher   *self,
                     const char  *data,
                     gsize        size,
                     char       **actual,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *selected;

  if (!_dx_matcher_is_text (data, size) ||
      (root = _dx_matcher_parse_json (data, size, &local_error)) == NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
      g_autofree char *quoted = dx_matcher_describe_payload (DX_MESSAGE_KIND_TEXT, bytes);

      *actual = g_strdup_printf (_("a message that is not JSON: %s"), quoted);
      return NULL;
    }

  selected = _dx_matcher_select_path (root, self->path, error);
  if (selected == NULL && error && *error == NULL)
    {
      g_autofree char *quoted = _dx_matcher_quote_text (data, size);

      *actual = g_strdup_printf (_("nothing there in %s"), quoted);
    }
  return selected;
}

static Outcome
evaluate_path (DxMatcher   *self,
               const char  *value,
               const char  *data,
               gsize        size,
               char       **actual,
               GError     **error)
{
  g_autoptr(JsonNode) selected = NULL;
  g_autofree char *selected_json = NULL;

  selected = select_from_message (self, data, size, actual, error);
  if (selected == NULL)
    return (error && *error) ? OUTCOME_ERROR : OUTCOME_NO_MATCH;

  selected_json = _dx_matcher_node_to_json (selected);
  switch (self->path_op)
    {
    case DX_PATH_OP_EXISTS:
      *actual = g_strdup (selected_json);
      return OUTCOME_MATCH;

    case DX_PATH_OP_EQUALS:
      {
        g_autoptr(JsonNode) expected = parse_expected_json (value, error);

        if (expected == NULL)
          return OUTCOME_ERROR;
        *actual = g_strdup (selected_json);
        return _dx_matcher_nodes_equal (expected, selected) ? OUTCOME_MATCH : OUTCOME_NO_MATCH;
      }

    case DX_PATH_OP_MATCHES:
      {
        g_autoptr(GRegex) regex = compile_regex (value, error);
        g_autofree char *text = NULL;

        if (regex == NULL)
          return OUTCOME_ERROR;
        text = _dx_matcher_node_to_text (selected);
        *actual = g_strdup (selected_json);
        return g_regex_match (regex, text, 0, NULL) ? OUTCOME_MATCH : OUTCOME_NO_MATCH;
      }

    case DX_PATH_OP_IS_TYPE:
      {
        const char *type = _dx_matcher_node_type_name (selected);

        *actual = g_strdup_printf ("%s (%s)", type, selected_json);
        return g_str_equal (type, value) ? OUTCOME_MATCH : OUTCOME_NO_MATCH;
      }

    default:
      g_assert_not_reached ();
    }
}

/* memmem() is a GNU extension */
static gboolean
contains_bytes (const char *data,
                gsize       size,
                const char *needle)
{
  gsize length = strlen (needle);

  if (length == 0)
    return TRUE;
  for (gsize i = 0; i + length <= size; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static Outcome
evaluate (DxMatcher      *self,
          const char     *value,
          DxMessageKind   kind,
          GBytes         *payload,
          char          **actual,
          GError        **error)
{
  gsize size;
  const char *data = g_bytes_get_data (payload, &size);

  if (data == NULL)
    data = "";

  switch (self->kind)
    {
    case DX_MATCHER_EQUALS:
      return size == strlen (value) && memcmp (data, value, size) == 0
             ? OUTCOME_MATCH : OUTCOME_NO_MATCH;

    case DX_MATCHER_CONTAINS:
      return contains_bytes (data, size, value) ? OUTCOME_MATCH : OUTCOME_NO_MATCH;

    case DX_MATCHER_REGEX:
      {
        g_autoptr(GRegex) regex = compile_regex (value, error);

        if (regex == NULL)
          return OUTCOME_ERROR;
        if (!g_utf8_validate (data, size, NULL))
          return OUTCOME_NO_MATCH;
        return g_regex_match_full (regex, data, size, 0, 0, NULL, NULL)
               ? OUTCOME_MATCH : OUTCOME_NO_MATCH;
      }

    case DX_MATCHER_JSON_EQUALS:
      {
        g_autoptr(JsonNode) expected = parse_expected_json (value, error);
        g_autoptr(JsonNode) got = NULL;
        g_autoptr(GError) parse_error = NULL;

        if (expected == NULL)
          return OUTCOME_ERROR;
        if (!_dx_matcher_is_text (data, size) ||
            (got = _dx_matcher_parse_json (data, size, &parse_error)) == NULL)
          {
            g_autofree char *quoted = dx_matcher_describe_payload (kind, payload);

            *actual = g_strdup_printf (_("a message that is not JSON: %s"), quoted);
            return OUTCOME_NO_MATCH;
          }
        return _dx_matcher_nodes_equal (expected, got) ? OUTCOME_MATCH : OUTCOME_NO_MATCH;
      }

    case DX_MATCHER_JSONPATH:
      return evaluate_path (self, value, data, size, actual, error);

    case DX_MATCHER_SIZE:
      *actual = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu byte", "%zu bytes", size), size);
      return check_size (self, size);

    case DX_MATCHER_BINARY_EQUALS:
      {
        g_autoptr(GBytes) expected = dx_payload_parse_hex (value, NULL, error);

        if (expected == NULL)
          return OUTCOME_ERROR;
        *actual = _dx_matcher_quote_bytes ((const guint8 *) data, size);
        return g_bytes_equal (expected, payload) ? OUTCOME_MATCH : OUTCOME_NO_MATCH;
      }

    default:
      g_assert_not_reached ();
    }
}

/* ---- GObject ----------------------------------------------------------------- */

static void
dx_matcher_finalize (GObject *object)
{
  DxMatcher *self = DX_MATCHER (object);

  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (dx_matcher_parent_class)->finalize (object);
}

static void
dx_matcher_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DxMatcher *self = DX_MATCHER (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_VALUE: g_value_set_string (value, self->value); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_PATH_OP: g_value_set_enum (value, self->path_op); break;
    case PROP_SIZE_OP: g_value_set_enum (value, self->size_op); break;
    case PROP_SIZE: g_value_set_uint64 (value, self->size); break;
    case PROP_NEGATE: g_value_set_boolean (value, self->negate); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_matcher_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DxMatcher *self = DX_MATCHER (object);

  switch (prop_id)
    {
    case PROP_KIND: dx_matcher_set_kind (self, g_value_get_enum (value)); break;
    case PROP_VALUE: dx_matcher_set_value (self, g_value_get_string (value)); break;
    case PROP_PATH: dx_matcher_set_path (self, g_value_get_string (value)); break;
    case PROP_PATH_OP: dx_matcher_set_path_op (self, g_value_get_enum (value)); break;
    case PROP_SIZE_OP: dx_matcher_set_size_op (self, g_value_get_enum (value)); break;
    case PROP_SIZE: dx_matcher_set_size (self, g_value_get_uint64 (value)); break;
    case PROP_NEGATE: dx_matcher_set_negate (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_matcher_class_init (DxMatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dx_matcher_finalize;
  object_class->get_property = dx_matcher_get_property;
  object_class->set_property = dx_matcher_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DX_TYPE_MATCHER_KIND, DX_MATCHER_EQUALS, flags);
  /* Text, pattern, JSON, type name or hex, depending on the kind */
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, "", flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "$", flags);
  properties[PROP_PATH_OP] =
    g_param_spec_enum ("path-op", NULL, NULL, DX_TYPE_PATH_OP, DX_PATH_OP_EXISTS, flags);
  properties[PROP_SIZE_OP] =
    g_param_spec_enum ("size-op", NULL, NULL, DX_TYPE_SIZE_OP, DX_SIZE_OP_LE, flags);
  properties[PROP_SIZE] = g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_NEGATE] = g_param_spec_boolean ("negate", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_matcher_init (DxMatcher *self)
{
  self->kind = DX_MATCHER_EQUALS;
  self->value = g_strdup ("");
  self->path = g_strdup ("$");
  self->path_op = DX_PATH_OP_EXISTS;
  self->size_op = DX_SIZE_OP_LE;
}

/* ---- public API ------------------------------------------------------------- */

DxMatcher *
dx_matcher_new (DxMatcherKind  kind,
                const char    *value)
{
  return g_object_new (DX_TYPE_MATCHER, "kind", kind, "value", value ? value : "", NULL);
}

DxMatcher *
dx_matcher_new_path (const char *path,
                     DxPathOp    op,
                     const char *value)
{
  return g_object_new (DX_TYPE_MATCHER, "kind", DX_MATCHER_JSONPATH, "path", path,
                       "path-op", op, "value", value ? value : "", NULL);
}

DxMatcher *
dx_matcher_new_size (DxSizeOp op,
                     guint64  size)
{
  return g_object_new (DX_TYPE_MATCHER, "kind", DX_MATCHER_SIZE, "size-op", op, "size", size, NULL);
}

/**
 * dx_matcher_copy:
 *
 * Returns: (transfer full): a new matcher with the same settings
 */
DxMatcher *
dx_matcher_copy (DxMatcher *self)
{
  g_return_val_if_fail (DX_IS_MATCHER (self), NULL);

  return g_object_new (DX_TYPE_MATCHER, "kind", self->kind, "value", self->value,
                       "path", self->path, "path-op", self->path_op, "size-op", self->size_op,
                       "size", self->size, "negate", self->negate, NULL);
}

#define DEFINE_ENUM_ACCESSORS(Type, name, field, PROP)                  \
  Type                                                                  \
  dx_matcher_get_##name (DxMatcher *self)                               \
  {                                                                     \
    g_return_val_if_fail (DX_IS_MATCHER (self), 0);                     \
    return self->field;                                                 \
  }                                                                     \
  void                                                                  \
  dx_matcher_set_##name (DxMatcher *self,                               \
                         Type       value)                              \
  {                                                                     \
    g_return_if_fail (DX_IS_MATCHER (self));                            \
    if (self->field == value)                                           \
      return;                                                           \
    self->field = value;                                                \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
  }

DEFINE_ENUM_ACCESSORS (DxMatcherKind, kind, kind, PROP_KIND)
DEFINE_ENUM_ACCESSORS (DxPathOp, path_op, path_op, PROP_PATH_OP)
DEFINE_ENUM_ACCESSORS (DxSizeOp, size_op, size_op, PROP_SIZE_OP)
DEFINE_ENUM_ACCESSORS (guint64, size, size, PROP_SIZE)
DEFINE_ENUM_ACCESSORS (gboolean, negate, negate, PROP_NEGATE)

const char *
dx_matcher_get_value (DxMatcher *self)
{
  g_return_val_if_fail (DX_IS_MATCHER (self), NULL);
  return self->value;
}

void
dx_matcher_set_value (DxMatcher  *self,
                      const char *value)
{
  g_return_if_fail (DX_IS_MATCHER (self));
  if (dx_set_str (&self->value, value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
dx_matcher_get_path (DxMatcher *self)
{
  g_return_val_if_fail (DX_IS_MATCHER (self), NULL);
  return self->path;
}

void
dx_matcher_set_path (DxMatcher  *self,
                     const char *path)
{
  g_return_if_fail (DX_IS_MATCHER (self));
  if (dx_set_str (&self->path, path ? path : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/**
 * dx_matcher_validate:
 *
 * Returns: %FALSE, with @error saying what to fix, when the matcher cannot
 *   work as it is (a regular expression, JSONPath, JSON value or hex that
 *   does not parse); values with {{variables}} are checked when they run
 */
gboolean
dx_matcher_validate (DxMatcher  *self,
                     GError    **error)
{
  g_return_val_if_fail (DX_IS_MATCHER (self), FALSE);

  if (self->kind == DX_MATCHER_JSONPATH && !check_path (self, error))
    return FALSE;
  if (dx_variables_has_references (self->value))
    return TRUE;
  return check_value (self, self->value, error);
}

/**
 * dx_matcher_match:
 * @kind: the message's kind; text and binary payloads are treated alike
 *   where that makes sense (equals, contains, size, bytes)
 * @variables: (nullable): what {{name}} in the value stands for
 * @explanation: (out) (optional) (transfer full): on failure, what was
 *   expected and what came instead
 *
 * Returns: whether @payload passes the check
 */
gboolean
dx_matcher_match (DxMatcher      *self,
                  DxMessageKind   kind,
                  GBytes         *payload,
                  GListModel     *variables,
                  char          **explanation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *expected = NULL;
  Outcome outcome;

  g_return_val_if_fail (DX_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  if (self->kind == DX_MATCHER_JSONPATH && !check_path (self, &error))
    goto failed;

  value = dx_variables_expand (variables, self->value, &error);
  if (value == NULL)
    goto failed;

  outcome = evaluate (self, value, kind, payload, &actual, &error);
  if (outcome == OUTCOME_ERROR)
    goto failed;
  if ((outcome == OUTCOME_MATCH) != self->negate)
    return TRUE;

  if (explanation)
    {
      if (actual == NULL)
        actual = dx_matcher_describe_payload (kind, payload);
      expected = _dx_matcher_dup_expectation (self, value);
      if (self->negate)
        *explanation = g_strdup_printf (_("expected not %s, got %s"), expected, actual);
      else
        *explanation = g_strdup_printf (_("expected %s, got %s"), expected, actual);
    }
  return FALSE;

failed:
  if (explanation)
    *explanation = g_strdup (error->message);
  return FALSE;
}
