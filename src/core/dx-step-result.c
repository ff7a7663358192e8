/* dx-step-result.c — how one step of a run went
 *
 * The runner fills it in as the step runs; every change is notified, so a
 * list row bound to it turns from pending to running to passed or failed
 * while the tester watches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-runner-private.h"
#include "dx-util.h"

struct _DxStepResult
{
  GObject         parent_instance;
  DxScenarioStep *step;
  guint           index;
  DxStepStatus    status;
  gint64          duration;
  char           *summary;
  char           *message;
  char           *expected;
  char           *actual;
};

G_DEFINE_FINAL_TYPE (DxStepResult, dx_step_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STEP,
  PROP_INDEX,
  PROP_STATUS,
  PROP_DURATION,
  PROP_SUMMARY,
  PROP_MESSAGE,
  PROP_EXPECTED,
  PROP_ACTUAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
dx_step_status_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_STEP_STATUS_PENDING, "DX_STEP_STATUS_PENDING", "pending" },
    { DX_STEP_STATUS_RUNNING, "DX_STEP_STATUS_RUNNING", "running" },
    { DX_STEP_STATUS_PASSED, "DX_STEP_STATUS_PASSED", "passed" },
    { DX_STEP_STATUS_FAILED, "DX_STEP_STATUS_FAILED", "failed" },
    { DX_STEP_STATUS_SKIPPED, "DX_STEP_STATUS_SKIPPED", "skipped" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxStepStatus", values));
  return type;
}

static void
dx_step_result_dispose (GObject *object)
{
  DxStepResult *self = DX_STEP_RESULT (object);

  g_clear_object (&self->step);

  G_OBJECT_CLASS (dx_step_result_parent_class)->dispose (object);
}

static void
dx_step_result_finalize (GObject *object)
{
  DxStepResult *self = DX_STEP_RESULT (object);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->expected, g_free);
  g_clear_pointer (&self->actual, g_free);

  G_OBJECT_CLASS (dx_step_result_parent_class)->finalize (object);
}

static void
dx_step_result_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DxStepResult *self = DX_STEP_RESULT (object);

  switch (prop_id)
    {
    case PROP_STEP: g_value_set_object (value, self->step); break;
    case PROP_INDEX: g_value_set_uint (value, self->index); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_EXPECTED: g_value_set_string (value, self->expected); break;
    case PROP_ACTUAL: g_value_set_string (value, self->actual); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_step_result_class_init (DxStepResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dx_step_result_dispose;
  object_class->finalize = dx_step_result_finalize;
  object_class->get_property = dx_step_result_get_property;

  properties[PROP_STEP] = g_param_spec_object ("step", NULL, NULL, DX_TYPE_SCENARIO_STEP, flags);
  /* The step's position in the scenario, from 0 */
  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DX_TYPE_STEP_STATUS, DX_STEP_STATUS_PENDING, flags);
  /* Microseconds, once the step has finished */
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* The step's one-line summary as it was when the run started */
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  /* What happened, in a sentence; for a failure, expected vs. actual */
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_EXPECTED] = g_param_spec_string ("expected", NULL, NULL, NULL, flags);
  properties[PROP_ACTUAL] = g_param_spec_string ("actual", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_step_result_init (DxStepResult *self)
{
}

DxStepResult *
_dx_step_result_new (DxScenarioStep *step,
                     guint           index)
{
  DxStepResult *self = g_object_new (DX_TYPE_STEP_RESULT, NULL);

  self->step = g_object_ref (step);
  self->index = index;
  self->summary = dx_scenario_step_dup_summary (step);
  return self;
}

void
_dx_step_result_set_status (DxStepResult *self,
                            DxStepStatus  status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
_dx_step_result_finish (DxStepResult *self,
                        DxStepStatus  status,
                        gint64        duration_us,
                        const char   *message,
                        const char   *expected,
                        const char   *actual)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->duration != duration_us)
    {
      self->duration = duration_us;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
  if (dx_set_str (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  if (dx_set_str (&self->expected, expected))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPECTED]);
  if (dx_set_str (&self->actual, actual))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTUAL]);
  _dx_step_result_set_status (self, status);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * dx_step_result_get_step:
 *
 * Returns: (transfer none): the step of the scenario this is about
 */
DxScenarioStep *
dx_step_result_get_step (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), NULL);
  return self->step;
}

guint
dx_step_result_get_index (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), 0);
  return self->index;
}

DxStepStatus
dx_step_result_get_status (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), DX_STEP_STATUS_PENDING);
  return self->status;
}

gint64
dx_step_result_get_duration (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), 0);
  return self->duration;
}

const char *
dx_step_result_get_summary (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), NULL);
  return self->summary;
}

const char *
dx_step_result_get_message (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), NULL);
  return self->message;
}

const char *
dx_step_result_get_expected (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), NULL);
  return self->expected;
}

const char *
dx_step_result_get_actual (DxStepResult *self)
{
  g_return_val_if_fail (DX_IS_STEP_RESULT (self), NULL);
  return self->actual;
}

/**
 * dx_step_status_to_string:
 *
 * Returns: the status as the window and duplex-cli show it, translated
 */
const char *
dx_step_status_to_string (DxStepStatus status)
{
  switch (status)
    {
    case DX_STEP_STATUS_PENDING: return _("Pending");
    case DX_STEP_STATUS_RUNNING: return _("Running");
    case DX_STEP_STATUS_PASSED: return _("Passed");
    case DX_STEP_STATUS_FAILED: return _("Failed");
    case DX_STEP_STATUS_SKIPPED: return _("Skipped");
    default: g_return_val_if_reached (NULL);
    }
}
