/* dx-cli-runner.c — one scenario run by the core's DxRunner, its results
 * copied into the CLI's report as they come
 *
 * The core's results are live objects: each step's result changes status
 * as the run goes. This copies a step into the report, and says so, the
 * moment its status is final, so the console shows each step as it
 * finishes; whatever is left when the run ends (steps never reached, or
 * cut short by a stop) is copied then, in order.
 *
 * A session's scenarios share its connection. Each starts from a closed
 * connection, so that one scenario's leftovers (an open socket, messages
 * in flight) cannot decide another's result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-cli-runner.h"
#include "dx-runner.h"

/* How long a connection from the scenario before gets to close, before
 * the next scenario starts anyway */
#define CLOSE_WAIT_MS 5000

struct _DxCliRunner
{
  DxConnection      *connection;
  DxScenario        *scenario;
  DxRunner          *runner;
  DxRunResult       *result;
  DxCliScenario     *report;
  guint              n_reported;    /* steps copied into the report so far */
  DxCliStepFunc      step_finished;
  DxCliScenarioFunc  finished;
  gpointer           data;
  gulong             state_id;
  guint              close_wait_id;
  gint64             started_us;
};

static gboolean
is_final (DxStepStatus status)
{
  return status == DX_STEP_STATUS_PASSED ||
         status == DX_STEP_STATUS_FAILED ||
         status == DX_STEP_STATUS_SKIPPED;
}

static DxCliStatus
step_status (DxStepStatus status)
{
  switch (status)
    {
    case DX_STEP_STATUS_PASSED:
      return DX_CLI_STATUS_PASSED;
    case DX_STEP_STATUS_FAILED:
      return DX_CLI_STATUS_FAILED;
    case DX_STEP_STATUS_PENDING:
    case DX_STEP_STATUS_RUNNING:
    case DX_STEP_STATUS_SKIPPED:
    default:
      return DX_CLI_STATUS_SKIPPED;
    }
}

static const char *
kind_nick (DxStepKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (DX_TYPE_STEP_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  return value ? value->value_nick : NULL;
}

/* Copies step results into the report and tells the caller, in the
 * scenario's order: each final one (all of them, once the run is over)
 * up to the first still pending or running. Turned-off steps are final
 * from the start, and a failure makes the rest final at once, so a run
 * never holds a finished step back for long. */
static void
report_steps (DxCliRunner *self,
              DxRunResult *result,
              gboolean     all)
{
  GListModel *steps = G_LIST_MODEL (dx_run_result_get_steps (result));
  guint n = MIN (g_list_model_get_n_items (steps), self->report->steps->len);

  while (self->n_reported < n)
    {
      g_autoptr(DxStepResult) step = g_list_model_get_item (steps, self->n_reported);
      DxStepStatus status = dx_step_result_get_status (step);
      DxCliStep *copy = g_ptr_array_index (self->report->steps, self->n_reported);

      if (!all && !is_final (status))
        return;

      copy->status = step_status (status);
      copy->duration_us = dx_step_result_get_duration (step);
      copy->summary = g_strdup (dx_step_result_get_summary (step));
      copy->expected = g_strdup (dx_step_result_get_expected (step));
      copy->actual = g_strdup (dx_step_result_get_actual (step));
      copy->message = g_strdup (dx_step_result_get_message (step));
      if (!is_final (status) && copy->message == NULL)
        copy->message = g_strdup (_("not run: the run was stopped"));
      self->n_reported++;

      if (self->step_finished != NULL)
        self->step_finished (copy, self->data);
    }
}

static void
step_status_cb (DxStepResult *step,
                GParamSpec   *pspec,
                DxCliRunner  *self)
{
  report_steps (self, self->result, FALSE);
}

static void
watch_result (DxCliRunner *self)
{
  GListModel *steps;
  guint n;

  self->result = dx_runner_get_result (self->runner);
  if (self->result == NULL)
    return;
  g_object_ref (self->result);

  steps = G_LIST_MODEL (dx_run_result_get_steps (self->result));
  n = g_list_model_get_n_items (steps);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxStepResult) result = g_list_model_get_item (steps, i);

      g_signal_connect (result, "notify::status", G_CALLBACK (step_status_cb), self);
    }

  /* Steps turned off at the start are final already */
  report_steps (self, self->result, FALSE);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *async_result,
             gpointer      data)
{
  DxCliRunner *self = data;
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DxCliScenario *report = self->report;

  result = dx_runner_run_finish (DX_RUNNER (source), async_result, &error);
  report->duration_us = g_get_monotonic_time () - self->started_us;
  g_clear_pointer (&report->message, g_free);

  if (result == NULL)
    {
      /* The run never got going: the connection was busy */
      report->status = DX_CLI_STATUS_ERROR;
      report->message = g_strdup (error->message);
    }
  else
    {
      report_steps (self, result, TRUE);
      report->duration_us = dx_run_result_get_duration (result);
      dx_cli_scenario_finish (report);
      if (dx_run_result_get_status (result) == DX_RUN_STATUS_STOPPED &&
          report->status == DX_CLI_STATUS_PASSED)
        {
          report->status = DX_CLI_STATUS_SKIPPED;
          report->message = g_strdup (_("stopped before the end"));
        }
    }

  /* The caller may free us from here: nothing of self after this */
  self->finished (report, self->data);
}

static void
start_run (DxCliRunner *self)
{
  g_clear_signal_handler (&self->state_id, self->connection);
  g_clear_handle_id (&self->close_wait_id, g_source_remove);

  self->started_us = g_get_monotonic_time ();
  dx_runner_run_async (self->runner, self->scenario, NULL, run_done_cb, self);
  watch_result (self);
}

static gboolean
is_closed (DxConnection *connection)
{
  DxConnectionState state = dx_connection_get_state (connection);

  return state == DX_CONNECTION_STATE_DISCONNECTED || state == DX_CONNECTION_STATE_CLOSED;
}

static void
state_cb (DxConnection *connection,
          GParamSpec   *pspec,
          DxCliRunner  *self)
{
  if (is_closed (connection))
    start_run (self);
}

static gboolean
close_wait_cb (gpointer data)
{
  DxCliRunner *self = data;

  self->close_wait_id = 0;
  start_run (self);
  return G_SOURCE_REMOVE;
}

/**
 * dx_cli_runner_new:
 * @variables: the workspace's variables
 * @overrides: the variables given with --var, which win over the others
 * @report: (transfer none): where the results go; its steps are made here
 */
DxCliRunner *
dx_cli_runner_new (DxConnection  *connection,
                   DxScenario    *scenario,
                   GListModel    *variables,
                   GListModel    *overrides,
                   double         timeout_scale,
                   DxCliScenario *report)
{
  DxCliRunner *self = g_new0 (DxCliRunner, 1);
  GListModel *steps = G_LIST_MODEL (dx_scenario_get_steps (scenario));
  guint n = g_list_model_get_n_items (steps);

  self->connection = g_object_ref (connection);
  self->scenario = g_object_ref (scenario);
  self->report = report;

  self->runner = dx_runner_new (connection);
  dx_runner_set_variables (self->runner, variables);
  dx_runner_set_overrides (self->runner, overrides);
  dx_runner_set_saved_messages (self->runner,
                                G_LIST_MODEL (dx_session_get_saved_messages (dx_connection_get_session (connection))));
  dx_runner_set_timeout_scale (self->runner, timeout_scale);

  /* The report lists every step from the start, so that its order is the
   * scenario's whatever order results come in */
  g_clear_pointer (&report->message, g_free);
  g_ptr_array_set_size (report->steps, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, i);
      DxStepKind kind = dx_scenario_step_get_kind (step);

      dx_cli_scenario_add_step (report, dx_cli_step_new (i + 1, dx_step_kind_get_label (kind),
                                                         kind_nick (kind)));
    }

  return self;
}

/**
 * dx_cli_runner_set_library:
 *
 * The workspace's saved messages, for send steps that name one the
 * session does not have.
 */
void
dx_cli_runner_set_library (DxCliRunner *self,
                           GListModel  *library)
{
  dx_runner_set_library (self->runner, library);
}

/**
 * dx_cli_runner_start:
 * @step_finished: (nullable): called with each step as it finishes
 * @finished: called once with the scenario's report, when the run is over
 */
void
dx_cli_runner_start (DxCliRunner       *self,
                     DxCliStepFunc      step_finished,
                     DxCliScenarioFunc  finished,
                     gpointer           data)
{
  self->step_finished = step_finished;
  self->finished = finished;
  self->data = data;

  if (is_closed (self->connection))
    {
      start_run (self);
      return;
    }

  self->state_id = g_signal_connect (self->connection, "notify::state", G_CALLBACK (state_cb), self);
  self->close_wait_id = g_timeout_add (CLOSE_WAIT_MS, close_wait_cb, self);
  dx_connection_disconnect (self->connection);
}

/**
 * dx_cli_runner_stop:
 *
 * Stops the run; the finished callback still comes, with the steps not
 * run as skipped.
 */
void
dx_cli_runner_stop (DxCliRunner *self)
{
  if (self->state_id != 0)
    {
      /* Not started yet: start, so that the stop has a run to end */
      start_run (self);
    }
  dx_runner_stop (self->runner);
}

void
dx_cli_runner_free (DxCliRunner *self)
{
  if (self == NULL)
    return;

  g_clear_signal_handler (&self->state_id, self->connection);
  g_clear_handle_id (&self->close_wait_id, g_source_remove);
  if (self->result != NULL)
    {
      GListModel *steps = G_LIST_MODEL (dx_run_result_get_steps (self->result));
      guint n = g_list_model_get_n_items (steps);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DxStepResult) result = g_list_model_get_item (steps, i);

          g_signal_handlers_disconnect_by_data (result, self);
        }
    }
  g_clear_object (&self->result);
  g_clear_object (&self->runner);
  g_clear_object (&self->scenario);
  g_clear_object (&self->connection);
  g_free (self);
}
