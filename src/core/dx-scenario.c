/* dx-scenario.c — a named list of steps that tests a WebSocket endpoint
 *
 * "changed" tells the owner (the session, and through it the workspace
 * store) about any edit: the name, the step list, a step's settings or one
 * of its matchers, a variable row or the list of them, and a new last
 * result, so that the results of the last run are saved with the rest.
 *
 * The last result points back at the scenario only weakly (see
 * dx-run-result.c), or the two would keep each other alive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-field.h"
#include "dx-run-result.h"
#include "dx-scenario-private.h"
#include "dx-list-watch.h"
#include "dx-util.h"

struct _DxScenario
{
  GObject      parent_instance;
  char        *name;
  GListStore  *steps;
  DxListWatch *steps_watch;
  GListStore  *variables;
  DxListWatch *variables_watch;
  DxRunResult *last_result;
};

G_DEFINE_FINAL_TYPE (DxScenario, dx_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_STEPS,
  PROP_VARIABLES,
  PROP_LAST_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (DxScenario *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
dx_scenario_dispose (GObject *object)
{
  DxScenario *self = DX_SCENARIO (object);

  g_clear_pointer (&self->steps_watch, dx_list_watch_free);
  g_clear_pointer (&self->variables_watch, dx_list_watch_free);
  g_clear_object (&self->steps);
  g_clear_object (&self->variables);
  g_clear_object (&self->last_result);

  G_OBJECT_CLASS (dx_scenario_parent_class)->dispose (object);
}

static void
dx_scenario_finalize (GObject *object)
{
  DxScenario *self = DX_SCENARIO (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (dx_scenario_parent_class)->finalize (object);
}

static void
dx_scenario_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DxScenario *self = DX_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STEPS:
      g_value_set_object (value, self->steps);
      break;
    case PROP_VARIABLES:
      g_value_set_object (value, self->variables);
      break;
    case PROP_LAST_RESULT:
      g_value_set_object (value, self->last_result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_scenario_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DxScenario *self = DX_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NAME:
      dx_scenario_set_name (self, g_value_get_string (value));
      break;
    case PROP_LAST_RESULT:
      dx_scenario_set_last_result (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_scenario_class_init (DxScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dx_scenario_dispose;
  object_class->finalize = dx_scenario_finalize;
  object_class->get_property = dx_scenario_get_property;
  object_class->set_property = dx_scenario_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEPS] =
    g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* DxField rows; a run uses them after captures and overrides and before
   * the workspace's variables */
  properties[PROP_VARIABLES] =
    g_param_spec_object ("variables", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* How the last finished run went, kept until the next one finishes */
  properties[PROP_LAST_RESULT] =
    g_param_spec_object ("last-result", NULL, NULL, DX_TYPE_RUN_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DxScenario::changed:
   *
   * The name, the list of steps, anything in a step, the variables or
   * the last result changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dx_scenario_init (DxScenario *self)
{
  self->name = g_strdup ("");
  self->steps = g_list_store_new (DX_TYPE_SCENARIO_STEP);
  self->steps_watch = dx_list_watch_new (G_LIST_MODEL (self->steps), "changed", G_CALLBACK (emit_changed), self);
  self->variables = g_list_store_new (DX_TYPE_FIELD);
  self->variables_watch = dx_list_watch_new (G_LIST_MODEL (self->variables), "notify", G_CALLBACK (emit_changed), self);
}

DxScenario *
dx_scenario_new (const char *name)
{
  return g_object_new (DX_TYPE_SCENARIO, "name", name ? name : "", NULL);
}

/**
 * dx_scenario_duplicate:
 * @name: (nullable): the copy's name; %NULL keeps the same one
 *
 * Returns: (transfer full): a deep copy: new steps with new matchers, new
 *   variables, and no last result (the copy has never run)
 */
DxScenario *
dx_scenario_duplicate (DxScenario *self,
                       const char *name)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  DxScenario *copy;
  guint n;

  g_return_val_if_fail (DX_IS_SCENARIO (self), NULL);

  copy = dx_scenario_new (name ? name : self->name);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      g_ptr_array_add (steps, dx_scenario_step_copy (step));
    }
  g_list_store_splice (copy->steps, 0, 0, steps->pdata, steps->len);
  dx_field_copy_rows (G_LIST_MODEL (self->variables), copy->variables);
  return copy;
}

const char *
dx_scenario_get_name (DxScenario *self)
{
  g_return_val_if_fail (DX_IS_SCENARIO (self), NULL);
  return self->name;
}

void
dx_scenario_set_name (DxScenario *self,
                      const char *name)
{
  g_return_if_fail (DX_IS_SCENARIO (self));

  if (!dx_set_str (&self->name, name ? name : ""))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

/**
 * dx_scenario_get_steps:
 *
 * Returns: (transfer none): the #DxScenarioStep list, in the order they run
 */
GListStore *
dx_scenario_get_steps (DxScenario *self)
{
  g_return_val_if_fail (DX_IS_SCENARIO (self), NULL);
  return self->steps;
}

void
dx_scenario_add_step (DxScenario     *self,
                      DxScenarioStep *step)
{
  g_return_if_fail (DX_IS_SCENARIO (self));
  g_return_if_fail (DX_IS_SCENARIO_STEP (step));

  g_list_store_append (self->steps, step);
}

/**
 * dx_scenario_get_variables:
 *
 * Returns: (transfer none): the scenario's own #DxField variables, which
 *   win over the workspace's in its runs
 */
GListStore *
dx_scenario_get_variables (DxScenario *self)
{
  g_return_val_if_fail (DX_IS_SCENARIO (self), NULL);
  return self->variables;
}

/**
 * dx_scenario_get_last_result:
 *
 * Returns: (transfer none) (nullable): how the last finished run went, or
 *   %NULL if the scenario has not run (or its result was not kept)
 */
DxRunResult *
dx_scenario_get_last_result (DxScenario *self)
{
  g_return_val_if_fail (DX_IS_SCENARIO (self), NULL);
  return self->last_result;
}

/**
 * dx_scenario_set_last_result:
 * @result: (nullable): a finished run of this very scenario, or %NULL to
 *   forget the last one
 *
 * The runner calls this when a run ends, so the result of the run before
 * stays until then. Emits "changed", so the workspace saves it.
 */
void
dx_scenario_set_last_result (DxScenario  *self,
                             DxRunResult *result)
{
  g_return_if_fail (DX_IS_SCENARIO (self));
  g_return_if_fail (result == NULL || DX_IS_RUN_RESULT (result));
  g_return_if_fail (result == NULL || dx_run_result_get_scenario (result) == self);

  if (!g_set_object (&self->last_result, result))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_RESULT]);
  emit_changed (self);
}

guint
dx_scenario_count_enabled (DxScenario *self)
{
  guint n, enabled = 0;

  g_return_val_if_fail (DX_IS_SCENARIO (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (dx_scenario_step_get_enabled (step))
        enabled++;
    }
  return enabled;
}

/**
 * dx_scenario_connects:
 *
 * Returns: whether a run opens its own connection: it has an enabled
 *   connect step, which needs the connection closed when the run starts
 */
gboolean
dx_scenario_connects (DxScenario *self)
{
  guint n;

  g_return_val_if_fail (DX_IS_SCENARIO (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (dx_scenario_step_get_enabled (step) && dx_scenario_step_get_kind (step) == DX_STEP_CONNECT)
        return TRUE;
    }
  return FALSE;
}

/**
 * dx_scenario_validate:
 * @step_index: (out) (optional): where the first problem is
 *
 * Returns: %FALSE, with @error saying what to fix in which step, when an
 *   enabled step cannot run as it is
 */
gboolean
dx_scenario_validate (DxScenario  *self,
                      guint       *step_index,
                      GError     **error)
{
  guint n;

  g_return_val_if_fail (DX_IS_SCENARIO (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (dx_scenario_step_get_enabled (step) && !dx_scenario_step_validate (step, error))
        {
          g_prefix_error (error, _("Step %u (%s): "), i + 1,
                          dx_step_kind_get_label (dx_scenario_step_get_kind (step)));
          if (step_index)
            *step_index = i;
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * dx_scenario_find:
 * @scenarios: a #GListModel of #DxScenario
 * @position: (out) (optional): where it is
 *
 * Returns: (transfer none) (nullable): the first scenario called @name
 */
DxScenario *
dx_scenario_find (GListModel *scenarios,
                  const char *name,
                  guint      *position)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (scenarios), NULL);

  n = g_list_model_get_n_items (scenarios);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenario) scenario = g_list_model_get_item (scenarios, i);

      if (g_strcmp0 (scenario->name, name) == 0)
        {
          if (position)
            *position = i;
          return scenario;
        }
    }
  return NULL;
}
