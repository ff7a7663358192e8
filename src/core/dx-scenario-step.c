/* dx-scenario-step.c — one step of an assertion scenario
 *
 * A step keeps the settings of every kind, not only of its own: the editor
 * can switch a step's kind back and forth without losing what was typed.
 * Files store only what the step's kind uses (dx-scenario-json.c).
 *
 * Any change to the step or to one of its matchers emits "changed", which
 * is how the scenario (and through it the workspace) learns about edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-close-code.h"
#include "dx-list-watch.h"
#include "dx-matcher-private.h"
#include "dx-scenario-private.h"
#include "dx-util.h"
#include "dx-variables.h"

/* What a ping frame holds at most (RFC 6455 §5.5) */
#define MAX_PING_PAYLOAD 125

struct _DxScenarioStep
{
  GObject          parent_instance;
  DxStepKind       kind;
  gboolean         enabled;
  guint            timeout;
  guint            duration;
  gboolean         expect_failure;
  guint            status;
  char            *subprotocol;
  char            *content;
  DxSavedFormat    format;
  char            *message_name;
  DxExpectMode     mode;
  GListStore      *matchers;
  DxListWatch     *matchers_watch;
  char            *variable;
  DxCaptureSource  source;
  char            *expression;
  guint            group;
  guint            code;
  char            *reason;
};

G_DEFINE_FINAL_TYPE (DxScenarioStep, dx_scenario_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ENABLED,
  PROP_TIMEOUT,
  PROP_DURATION,
  PROP_EXPECT_FAILURE,
  PROP_STATUS,
  PROP_SUBPROTOCOL,
  PROP_CONTENT,
  PROP_FORMAT,
  PROP_MESSAGE_NAME,
  PROP_MODE,
  PROP_MATCHERS,
  PROP_VARIABLE,
  PROP_SOURCE,
  PROP_EXPRESSION,
  PROP_GROUP,
  PROP_CODE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
dx_step_kind_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_STEP_CONNECT, "DX_STEP_CONNECT", "connect" },
    { DX_STEP_SEND, "DX_STEP_SEND", "send" },
    { DX_STEP_EXPECT_MESSAGE, "DX_STEP_EXPECT_MESSAGE", "expect-message" },
    { DX_STEP_EXPECT_NO_MESSAGE, "DX_STEP_EXPECT_NO_MESSAGE", "expect-no-message" },
    { DX_STEP_CAPTURE, "DX_STEP_CAPTURE", "capture" },
    { DX_STEP_WAIT, "DX_STEP_WAIT", "wait" },
    { DX_STEP_PING, "DX_STEP_PING", "ping" },
    { DX_STEP_CLOSE, "DX_STEP_CLOSE", "close" },
    { DX_STEP_EXPECT_CLOSE, "DX_STEP_EXPECT_CLOSE", "expect-close" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxStepKind", values));
  return type;
}

GType
dx_expect_mode_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_EXPECT_NEXT, "DX_EXPECT_NEXT", "next" },
    { DX_EXPECT_SKIP, "DX_EXPECT_SKIP", "skip" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxExpectMode", values));
  return type;
}

GType
dx_capture_source_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_CAPTURE_JSONPATH, "DX_CAPTURE_JSONPATH", "jsonpath" },
    { DX_CAPTURE_REGEX, "DX_CAPTURE_REGEX", "regex" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxCaptureSource", values));
  return type;
}

static void
emit_changed (DxScenarioStep *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
dx_scenario_step_notify (GObject    *object,
                         GParamSpec *pspec)
{
  emit_changed (DX_SCENARIO_STEP (object));
}

static void
dx_scenario_step_dispose (GObject *object)
{
  DxScenarioStep *self = DX_SCENARIO_STEP (object);

  g_clear_pointer (&self->matchers_watch, dx_list_watch_free);
  g_clear_object (&self->matchers);

  G_OBJECT_CLASS (dx_scenario_step_parent_class)->dispose (object);
}

static void
dx_scenario_step_finalize (GObject *object)
{
  DxScenarioStep *self = DX_SCENARIO_STEP (object);

  g_clear_pointer (&self->subprotocol, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->message_name, g_free);
  g_clear_pointer (&self->variable, g_free);
  g_clear_pointer (&self->expression, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (dx_scenario_step_parent_class)->finalize (object);
}

static void
dx_scenario_step_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DxScenarioStep *self = DX_SCENARIO_STEP (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_ENABLED: g_value_set_boolean (value, self->enabled); break;
    case PROP_TIMEOUT: g_value_set_uint (value, self->timeout); break;
    case PROP_DURATION: g_value_set_uint (value, self->duration); break;
    case PROP_EXPECT_FAILURE: g_value_set_boolean (value, self->expect_failure); break;
    case PROP_STATUS: g_value_set_uint (value, self->status); break;
    case PROP_SUBPROTOCOL: g_value_set_string (value, self->subprotocol); break;
    case PROP_CONTENT: g_value_set_string (value, self->content); break;
    case PROP_FORMAT: g_value_set_enum (value, self->format); break;
    case PROP_MESSAGE_NAME: g_value_set_string (value, self->message_name); break;
    case PROP_MODE: g_value_set_enum (value, self->mode); break;
    case PROP_MATCHERS: g_value_set_object (value, self->matchers); break;
    case PROP_VARIABLE: g_value_set_string (value, self->variable); break;
    case PROP_SOURCE: g_value_set_enum (value, self->source); break;
    case PROP_EXPRESSION: g_value_set_string (value, self->expression); break;
    case PROP_GROUP: g_value_set_uint (value, self->group); break;
    case PROP_CODE: g_value_set_uint (value, self->code); break;
    case PROP_REASON: g_value_set_string (value, self->reason); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_scenario_step_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DxScenarioStep *self = DX_SCENARIO_STEP (object);

  switch (prop_id)
    {
    case PROP_KIND: dx_scenario_step_set_kind (self, g_value_get_enum (value)); break;
    case PROP_ENABLED: dx_scenario_step_set_enabled (self, g_value_get_boolean (value)); break;
    case PROP_TIMEOUT: dx_scenario_step_set_timeout (self, g_value_get_uint (value)); break;
    case PROP_DURATION: dx_scenario_step_set_duration (self, g_value_get_uint (value)); break;
    case PROP_EXPECT_FAILURE: dx_scenario_step_set_expect_failure (self, g_value_get_boolean (value)); break;
    case PROP_STATUS: dx_scenario_step_set_status (self, g_value_get_uint (value)); break;
    case PROP_SUBPROTOCOL: dx_scenario_step_set_subprotocol (self, g_value_get_string (value)); break;
    case PROP_CONTENT: dx_scenario_step_set_content (self, g_value_get_string (value)); break;
    case PROP_FORMAT: dx_scenario_step_set_format (self, g_value_get_enum (value)); break;
    case PROP_MESSAGE_NAME: dx_scenario_step_set_message_name (self, g_value_get_string (value)); break;
    case PROP_MODE: dx_scenario_step_set_mode (self, g_value_get_enum (value)); break;
    case PROP_VARIABLE: dx_scenario_step_set_variable (self, g_value_get_string (value)); break;
    case PROP_SOURCE: dx_scenario_step_set_source (self, g_value_get_enum (value)); break;
    case PROP_EXPRESSION: dx_scenario_step_set_expression (self, g_value_get_string (value)); break;
    case PROP_GROUP: dx_scenario_step_set_group (self, g_value_get_uint (value)); break;
    case PROP_CODE: dx_scenario_step_set_code (self, g_value_get_uint (value)); break;
    case PROP_REASON: dx_scenario_step_set_reason (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_scenario_step_class_init (DxScenarioStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->notify = dx_scenario_step_notify;
  object_class->dispose = dx_scenario_step_dispose;
  object_class->finalize = dx_scenario_step_finalize;
  object_class->get_property = dx_scenario_step_get_property;
  object_class->set_property = dx_scenario_step_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DX_TYPE_STEP_KIND, DX_STEP_SEND, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  /* Milliseconds; the runner's timeout-scale multiplies both */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, DX_STEP_DEFAULT_TIMEOUT, flags);
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, DX_STEP_DEFAULT_DURATION, flags);
  properties[PROP_EXPECT_FAILURE] = g_param_spec_boolean ("expect-failure", NULL, NULL, FALSE, flags);
  /* The HTTP status an expected failure answers with; 0 for any */
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, 599, 0, flags);
  properties[PROP_SUBPROTOCOL] = g_param_spec_string ("subprotocol", NULL, NULL, NULL, flags);
  properties[PROP_CONTENT] = g_param_spec_string ("content", NULL, NULL, "", flags);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, DX_TYPE_SAVED_FORMAT, DX_SAVED_FORMAT_TEXT, flags);
  /* When set, the send step sends this saved message instead of content */
  properties[PROP_MESSAGE_NAME] = g_param_spec_string ("message-name", NULL, NULL, NULL, flags);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, DX_TYPE_EXPECT_MODE, DX_EXPECT_NEXT, flags);
  properties[PROP_MATCHERS] =
    g_param_spec_object ("matchers", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLE] = g_param_spec_string ("variable", NULL, NULL, "", flags);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, DX_TYPE_CAPTURE_SOURCE, DX_CAPTURE_JSONPATH, flags);
  properties[PROP_EXPRESSION] = g_param_spec_string ("expression", NULL, NULL, "", flags);
  properties[PROP_GROUP] = g_param_spec_uint ("group", NULL, NULL, 0, 99, 1, flags);
  properties[PROP_CODE] = g_param_spec_uint ("code", NULL, NULL, 0, 4999, 0, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DxScenarioStep::changed:
   *
   * Any setting of the step or of one of its matchers changed, or a
   * matcher was added or removed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dx_scenario_step_init (DxScenarioStep *self)
{
  self->kind = DX_STEP_SEND;
  self->enabled = TRUE;
  self->timeout = DX_STEP_DEFAULT_TIMEOUT;
  self->duration = DX_STEP_DEFAULT_DURATION;
  self->content = g_strdup ("");
  self->variable = g_strdup ("");
  self->expression = g_strdup ("");
  self->group = 1;
  self->matchers = g_list_store_new (DX_TYPE_MATCHER);
  self->matchers_watch = dx_list_watch_new (G_LIST_MODEL (self->matchers), "notify", G_CALLBACK (emit_changed), self);
}

/* ---- public API ------------------------------------------------------------- */

/**
 * dx_scenario_step_new:
 *
 * Returns: (transfer full): a step of @kind with settings that make sense
 *   for it (a close step closes normally with 1000)
 */
DxScenarioStep *
dx_scenario_step_new (DxStepKind kind)
{
  return g_object_new (DX_TYPE_SCENARIO_STEP, "kind", kind, NULL);
}

/**
 * dx_scenario_step_copy:
 *
 * Returns: (transfer full): a new step with the same settings and copies
 *   of the matchers
 */
DxScenarioStep *
dx_scenario_step_copy (DxScenarioStep *self)
{
  DxScenarioStep *copy;
  guint n;

  g_return_val_if_fail (DX_IS_SCENARIO_STEP (self), NULL);

  copy = g_object_new (DX_TYPE_SCENARIO_STEP,
                       "kind", self->kind, "enabled", self->enabled,
                       "timeout", self->timeout, "duration", self->duration,
                       "expect-failure", self->expect_failure, "status", self->status,
                       "subprotocol", self->subprotocol, "content", self->content,
                       "format", self->format, "message-name", self->message_name,
                       "mode", self->mode, "variable", self->variable,
                       "source", self->source, "expression", self->expression,
                       "group", self->group, "code", self->code, "reason", self->reason,
                       NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->matchers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMatcher) matcher = g_list_model_get_item (G_LIST_MODEL (self->matchers), i);
      g_autoptr(DxMatcher) matcher_copy = dx_matcher_copy (matcher);

      g_list_store_append (copy->matchers, matcher_copy);
    }
  return copy;
}

#define DEFINE_ACCESSORS(Type, name, PROP)                              \
  Type                                                                  \
  dx_scenario_step_get_##name (DxScenarioStep *self)                    \
  {                                                                     \
    g_return_val_if_fail (DX_IS_SCENARIO_STEP (self), 0);               \
    return self->name;                                                  \
  }                                                                     \
  void                                                                  \
  dx_scenario_step_set_##name (DxScenarioStep *self,                    \
                               Type            value)                   \
  {                                                                     \
    g_return_if_fail (DX_IS_SCENARIO_STEP (self));                      \
    if (self->name == value)                                            \
      return;                                                           \
    self->name = value;                                                 \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
  }

/* @empty: what %NULL becomes, "" for strings that are never %NULL */
#define DEFINE_STRING_ACCESSORS(name, PROP, empty)                      \
  const char *                                                          \
  dx_scenario_step_get_##name (DxScenarioStep *self)                    \
  {                                                                     \
    g_return_val_if_fail (DX_IS_SCENARIO_STEP (self), NULL);            \
    return self->name;                                                  \
  }                                                                     \
  void                                                                  \
  dx_scenario_step_set_##name (DxScenarioStep *self,                    \
                               const char     *value)                   \
  {                                                                     \
    g_return_if_fail (DX_IS_SCENARIO_STEP (self));                      \
    if (dx_set_str (&self->name, value ? value : (empty)))              \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
  }

DEFINE_ACCESSORS (gboolean, enabled, PROP_ENABLED)
DEFINE_ACCESSORS (guint, timeout, PROP_TIMEOUT)
DEFINE_ACCESSORS (guint, duration, PROP_DURATION)
DEFINE_ACCESSORS (gboolean, expect_failure, PROP_EXPECT_FAILURE)
DEFINE_ACCESSORS (guint, status, PROP_STATUS)
DEFINE_ACCESSORS (DxSavedFormat, format, PROP_FORMAT)
DEFINE_ACCESSORS (DxExpectMode, mode, PROP_MODE)
DEFINE_ACCESSORS (DxCaptureSource, source, PROP_SOURCE)
DEFINE_ACCESSORS (guint, group, PROP_GROUP)
DEFINE_ACCESSORS (guint, code, PROP_CODE)
DEFINE_STRING_ACCESSORS (subprotocol, PROP_SUBPROTOCOL, NULL)
DEFINE_STRING_ACCESSORS (content, PROP_CONTENT, "")
DEFINE_STRING_ACCESSORS (message_name, PROP_MESSAGE_NAME, NULL)
DEFINE_STRING_ACCESSORS (variable, PROP_VARIABLE, "")
DEFINE_STRING_ACCESSORS (expression, PROP_EXPRESSION, "")
DEFINE_STRING_ACCESSORS (reason, PROP_REASON, NULL)

DxStepKind
dx_scenario_step_get_kind (DxScenarioStep *self)
{
  g_return_val_if_fail (DX_IS_SCENARIO_STEP (self), DX_STEP_SEND);
  return self->kind;
}

void
dx_scenario_step_set_kind (DxScenarioStep *self,
                           DxStepKind      kind)
{
  g_return_if_fail (DX_IS_SCENARIO_STEP (self));

  if (self->kind == kind)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  /* "Any code" makes sense to expect, not to send: a step turned into a
   * close step closes normally unless told otherwise */
  if (kind == DX_STEP_CLOSE && self->code == 0)
    dx_scenario_step_set_code (self, 1000);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * dx_scenario_step_get_matchers:
 *
 * Returns: (transfer none): the #DxMatcher list of an expect-message step;
 *   a message must pass all of them
 */
GListStore *
dx_scenario_step_get_matchers (DxScenarioStep *self)
{
  g_return_val_if_fail (DX_IS_SCENARIO_STEP (self), NULL);
  return self->matchers;
}

void
dx_scenario_step_add_matcher (DxScenarioStep *self,
                              DxMatcher      *matcher)
{
  g_return_if_fail (DX_IS_SCENARIO_STEP (self));
  g_return_if_fail (DX_IS_MATCHER (matcher));

  g_list_store_append (self->matchers, matcher);
}

static gboolean
is_variable_name (const char *name)
{
  if (name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (strchr ("{}\"' \t\r\n", *p))
      return FALSE;
  return TRUE;
}

static gboolean
validate_capture (DxScenarioStep  *self,
                  GError         **error)
{
  if (!is_variable_name (self->variable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be a variable name: use letters, digits, - or _, without braces or spaces"),
                   self->variable);
      return FALSE;
    }
  if (self->expression[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           self->source == DX_CAPTURE_JSONPATH
                           ? _("Say where the value is: a JSONPath such as $.id")
                           : _("Say where the value is: a regular expression such as id=(\\d+)"));
      return FALSE;
    }
  if (self->source == DX_CAPTURE_JSONPATH)
    {
      g_autoptr(JsonPath) path = json_path_new ();
      g_autoptr(GError) local_error = NULL;

      if (!json_path_compile (path, self->expression, &local_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid JSONPath expression (%s); paths look like $.type or $.items[0].id"),
                       self->expression, local_error->message);
          return FALSE;
        }
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GRegex) regex = g_regex_new (self->expression, 0, 0, &local_error);

      if (regex == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid regular expression: %s"),
                       self->expression, local_error->message);
          return FALSE;
        }
      if ((int) self->group > g_regex_get_capture_count (regex))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The regular expression “%s” has %d groups, so it has no group %u: "
                         "put what to capture in parentheses"),
                       self->expression, g_regex_get_capture_count (regex), self->group);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * dx_scenario_step_validate:
 *
 * Checks what can be checked before a run: matchers, patterns, paths, close
 * codes, and inline content that uses no variables. A saved message is
 * looked up by name only when the step runs.
 *
 * Returns: %FALSE, with @error saying what to fix
 */
gboolean
dx_scenario_step_validate (DxScenarioStep  *self,
                           GError         **error)
{
  g_return_val_if_fail (DX_IS_SCENARIO_STEP (self), FALSE);

  switch (self->kind)
    {
    case DX_STEP_SEND:
      if (self->message_name == NULL || self->message_name[0] == '\0')
        {
          g_autoptr(DxSavedMessage) message = dx_saved_message_new ("", self->format, self->content);
          g_autoptr(GBytes) payload = NULL;

          if (dx_variables_has_references (self->content))
            return TRUE;
          payload = dx_saved_message_build (message, NULL, error);
          return payload != NULL;
        }
      return TRUE;

    case DX_STEP_EXPECT_MESSAGE:
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matchers));

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(DxMatcher) matcher = g_list_model_get_item (G_LIST_MODEL (self->matchers), i);

            if (!dx_matcher_validate (matcher, error))
              {
                if (n > 1)
                  g_prefix_error (error, _("Matcher %u: "), i + 1);
                return FALSE;
              }
          }
        return TRUE;
      }

    case DX_STEP_CAPTURE:
      return validate_capture (self, error);

    case DX_STEP_PING:
      if (strlen (self->content) > MAX_PING_PAYLOAD)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The ping payload is %zu bytes long; at most %d fit in a ping"),
                       strlen (self->content), MAX_PING_PAYLOAD);
          return FALSE;
        }
      return TRUE;

    case DX_STEP_CLOSE:
      return dx_close_code_check (self->code, self->reason, error);

    case DX_STEP_EXPECT_CLOSE:
      if (self->code != 0 && self->code < 1000)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%u is not a close code: expect one from 1000 to 4999, or 0 for any"),
                       self->code);
          return FALSE;
        }
      return TRUE;

    case DX_STEP_CONNECT:
    case DX_STEP_EXPECT_NO_MESSAGE:
    case DX_STEP_WAIT:
    default:
      return TRUE;
    }
}

/**
 * dx_step_kind_get_label:
 *
 * Returns: the kind's name as the window shows it, translated
 */
const char *
dx_step_kind_get_label (DxStepKind kind)
{
  switch (kind)
    {
    case DX_STEP_CONNECT: return _("Connect");
    case DX_STEP_SEND: return _("Send");
    case DX_STEP_EXPECT_MESSAGE: return _("Expect message");
    case DX_STEP_EXPECT_NO_MESSAGE: return _("Expect no message");
    case DX_STEP_CAPTURE: return _("Capture");
    case DX_STEP_WAIT: return _("Wait");
    case DX_STEP_PING: return _("Ping");
    case DX_STEP_CLOSE: return _("Close");
    case DX_STEP_EXPECT_CLOSE: return _("Expect close");
    default: g_return_val_if_reached (NULL);
    }
}

/* Long content shortened for a one-line summary */
static char *
shorten (const char *text)
{
  g_autofree char *line = g_strdup (text);
  glong n;

  g_strdelimit (line, "\r\n\t", ' ');
  n = g_utf8_strlen (line, -1);
  if (n <= 60)
    return g_steal_pointer (&line);
  *g_utf8_offset_to_pointer (line, 59) = '\0';
  return g_strconcat (line, "…", NULL);
}

/* The matchers joined with "and"; "" when there are none */
char *
_dx_scenario_step_dup_matchers_summary (DxScenarioStep *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matchers));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMatcher) matcher = g_list_model_get_item (G_LIST_MODEL (self->matchers), i);
      g_autofree char *summary = dx_matcher_dup_summary (matcher);

      if (i > 0)
        g_string_append (out, _(" and "));
      g_string_append (out, summary);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dup_send_summary (DxScenarioStep *self)
{
  g_autofree char *content = NULL;

  if (self->message_name && self->message_name[0])
    return g_strdup_printf (_("Send saved message “%s”"), self->message_name);

  content = shorten (self->content);
  switch (self->format)
    {
    case DX_SAVED_FORMAT_JSON: return g_strdup_printf (_("Send JSON: %s"), content);
    case DX_SAVED_FORMAT_HEX: return g_strdup_printf (_("Send binary (hex): %s"), content);
    case DX_SAVED_FORMAT_BASE64: return g_strdup_printf (_("Send binary (Base64): %s"), content);
    case DX_SAVED_FORMAT_TEXT:
    default: return g_strdup_printf (_("Send text: “%s”"), content);
    }
}

/**
 * dx_scenario_step_dup_summary:
 *
 * Returns: (transfer full): the step in one line, for lists:
 *   "Expect message: $.type equals "pong" (2000 ms)"
 */
char *
dx_scenario_step_dup_summary (DxScenarioStep *self)
{
  g_return_val_if_fail (DX_IS_SCENARIO_STEP (self), NULL);

  switch (self->kind)
    {
    case DX_STEP_CONNECT:
      if (!self->expect_failure && self->subprotocol && self->subprotocol[0])
        return g_strdup_printf (_("Connect, expect subprotocol “%s”"), self->subprotocol);
      if (!self->expect_failure)
        return g_strdup (_("Connect"));
      if (self->status != 0)
        return g_strdup_printf (_("Connect, expect it to fail with HTTP %u"), self->status);
      return g_strdup (_("Connect, expect it to fail"));

    case DX_STEP_SEND:
      return dup_send_summary (self);

    case DX_STEP_EXPECT_MESSAGE:
      {
        g_autofree char *matchers = _dx_scenario_step_dup_matchers_summary (self);

        if (matchers[0] == '\0')
          return g_strdup_printf (self->mode == DX_EXPECT_SKIP
                                  ? _("Expect any message, skipping others (%u ms)")
                                  : _("Expect any message (%u ms)"),
                                  self->timeout);
        return g_strdup_printf (self->mode == DX_EXPECT_SKIP
                                ? _("Expect message, skipping others: %s (%u ms)")
                                : _("Expect message: %s (%u ms)"),
                                matchers, self->timeout);
      }

    case DX_STEP_EXPECT_NO_MESSAGE:
      return g_strdup_printf (_("Expect no message for %u ms"), self->duration);

    case DX_STEP_CAPTURE:
      if (self->source == DX_CAPTURE_REGEX)
        return g_strdup_printf (_("Capture group %u of /%s/ into {{%s}} (%u ms)"),
                                self->group, self->expression, self->variable, self->timeout);
      return g_strdup_printf (_("Capture %s into {{%s}} (%u ms)"),
                              self->expression, self->variable, self->timeout);

    case DX_STEP_WAIT:
      return g_strdup_printf (_("Wait %u ms"), self->duration);

    case DX_STEP_PING:
      if (self->content[0])
        return g_strdup_printf (_("Ping “%s”, expect a pong (%u ms)"), self->content, self->timeout);
      return g_strdup_printf (_("Ping, expect a pong (%u ms)"), self->timeout);

    case DX_STEP_CLOSE:
      if (self->reason && self->reason[0])
        return g_strdup_printf (_("Close with %u “%s”"), self->code, self->reason);
      return g_strdup_printf (_("Close with %u"), self->code);

    case DX_STEP_EXPECT_CLOSE:
      if (self->code != 0 && self->reason)
        return g_strdup_printf (_("Expect close %u “%s” (%u ms)"), self->code, self->reason, self->timeout);
      if (self->code != 0)
        return g_strdup_printf (_("Expect close %u (%u ms)"), self->code, self->timeout);
      return g_strdup_printf (_("Expect close (%u ms)"), self->timeout);

    default:
      g_return_val_if_reached (NULL);
    }
}
