/* dx-run-result.c — how a run of one scenario went
 *
 * Made when the run starts, with a pending result for every step, so the
 * window can show the whole list at once and watch it fill in; or rebuilt
 * from a workspace, finished, as the scenario's last result.
 *
 * The scenario is held weakly: the scenario keeps its last result, and a
 * strong reference back would keep both alive for ever. Whoever runs a
 * scenario holds it for the run (the runner does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-runner-private.h"

struct _DxRunResult
{
  GObject      parent_instance;
  DxScenario  *scenario;
  char        *name;
  GListStore  *steps;
  DxRunStatus  status;
  gint64       duration;
  gint64       finished;
};

G_DEFINE_FINAL_TYPE (DxRunResult, dx_run_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_NAME,
  PROP_STEPS,
  PROP_STATUS,
  PROP_DURATION,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
dx_run_status_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { DX_RUN_STATUS_RUNNING, "DX_RUN_STATUS_RUNNING", "running" },
    { DX_RUN_STATUS_PASSED, "DX_RUN_STATUS_PASSED", "passed" },
    { DX_RUN_STATUS_FAILED, "DX_RUN_STATUS_FAILED", "failed" },
    { DX_RUN_STATUS_STOPPED, "DX_RUN_STATUS_STOPPED", "stopped" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxRunStatus", values));
  return type;
}

static void
dx_run_result_dispose (GObject *object)
{
  DxRunResult *self = DX_RUN_RESULT (object);

  g_clear_weak_pointer (&self->scenario);
  g_clear_object (&self->steps);

  G_OBJECT_CLASS (dx_run_result_parent_class)->dispose (object);
}

static void
dx_run_result_finalize (GObject *object)
{
  DxRunResult *self = DX_RUN_RESULT (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (dx_run_result_parent_class)->finalize (object);
}

static void
dx_run_result_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DxRunResult *self = DX_RUN_RESULT (object);

  switch (prop_id)
    {
    case PROP_SCENARIO: g_value_set_object (value, self->scenario); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_STEPS: g_value_set_object (value, self->steps); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_FINISHED: g_value_set_int64 (value, self->finished); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_run_result_class_init (DxRunResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dx_run_result_dispose;
  object_class->finalize = dx_run_result_finalize;
  object_class->get_property = dx_run_result_get_property;

  properties[PROP_SCENARIO] = g_param_spec_object ("scenario", NULL, NULL, DX_TYPE_SCENARIO, flags);
  /* The scenario's name when the run started */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STEPS] = g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DX_TYPE_RUN_STATUS, DX_RUN_STATUS_RUNNING, flags);
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* Wall-clock time the run finished, µs since the epoch; 0 while it runs */
  properties[PROP_FINISHED] = g_param_spec_int64 ("finished", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_run_result_init (DxRunResult *self)
{
  self->steps = g_list_store_new (DX_TYPE_STEP_RESULT);
}

DxRunResult *
_dx_run_result_new (DxScenario *scenario)
{
  DxRunResult *self = g_object_new (DX_TYPE_RUN_RESULT, NULL);
  GListModel *steps = G_LIST_MODEL (dx_scenario_get_steps (scenario));
  guint n = g_list_model_get_n_items (steps);

  g_set_weak_pointer (&self->scenario, scenario);
  self->name = g_strdup (dx_scenario_get_name (scenario));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, i);
      g_autoptr(DxStepResult) result = _dx_step_result_new (step, i);

      g_list_store_append (self->steps, result);
    }
  return self;
}

void
_dx_run_result_finish (DxRunResult *self,
                       DxRunStatus  status,
                       gint64       duration_us)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->duration = duration_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  self->finished = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* A finished run read back from a workspace; its step results, made for
 * @scenario's steps in order, are filled in by the caller */
DxRunResult *
_dx_run_result_new_restored (DxScenario  *scenario,
                             DxRunStatus  status,
                             gint64       finished_us,
                             gint64       duration_us)
{
  DxRunResult *self = _dx_run_result_new (scenario);

  self->status = status;
  self->finished = finished_us;
  self->duration = duration_us;
  return self;
}

/**
 * dx_run_result_get_scenario:
 *
 * Returns: (transfer none) (nullable): the scenario that ran; %NULL once
 *   that scenario is gone, as the result holds it only weakly
 */
DxScenario *
dx_run_result_get_scenario (DxRunResult *self)
{
  g_return_val_if_fail (DX_IS_RUN_RESULT (self), NULL);
  return self->scenario;
}

const char *
dx_run_result_get_name (DxRunResult *self)
{
  g_return_val_if_fail (DX_IS_RUN_RESULT (self), NULL);
  return self->name;
}

/**
 * dx_run_result_get_steps:
 *
 * Returns: (transfer none): a #DxStepResult for every step of the
 *   scenario, turned-off ones included (they are skipped)
 */
GListModel *
dx_run_result_get_steps (DxRunResult *self)
{
  g_return_val_if_fail (DX_IS_RUN_RESULT (self), NULL);
  return G_LIST_MODEL (self->steps);
}

/**
 * dx_run_result_get_failed_step:
 *
 * Returns: (transfer none) (nullable): the step that failed the run
 */
DxStepResult *
dx_run_result_get_failed_step (DxRunResult *self)
{
  guint n;

  g_return_val_if_fail (DX_IS_RUN_RESULT (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxStepResult) result = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (dx_step_result_get_status (result) == DX_STEP_STATUS_FAILED)
        return result;
    }
  return NULL;
}

DxRunStatus
dx_run_result_get_status (DxRunResult *self)
{
  g_return_val_if_fail (DX_IS_RUN_RESULT (self), DX_RUN_STATUS_RUNNING);
  return self->status;
}

/**
 * dx_run_result_get_duration:
 *
 * Returns: how long the run took, in microseconds, once it has finished
 */
gint64
dx_run_result_get_duration (DxRunResult *self)
{
  g_return_val_if_fail (DX_IS_RUN_RESULT (self), 0);
  return self->duration;
}

/**
 * dx_run_result_get_finished:
 *
 * Returns: when the run finished, in µs since the epoch (wall clock, as
 *   g_get_real_time()), or 0 while it runs
 */
gint64
dx_run_result_get_finished (DxRunResult *self)
{
  g_return_val_if_fail (DX_IS_RUN_RESULT (self), 0);
  return self->finished;
}

guint
dx_run_result_count (DxRunResult  *self,
                     DxStepStatus  status)
{
  guint n, count = 0;

  g_return_val_if_fail (DX_IS_RUN_RESULT (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxStepResult) result = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (dx_step_result_get_status (result) == status)
        count++;
    }
  return count;
}
