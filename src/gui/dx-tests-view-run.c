/* dx-tests-view-run.c — running a session's scenarios in the tests view
 *
 * Scenarios run one after another through the session view's connection;
 * one that connects starts from a closed connection, so a connection the
 * tester opened by hand is closed first. The run going on is watched so
 * that its steps turn pass or fail as they finish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-tests-view-private.h"

static void start_next (DxTestsView *self);

static void
live_changed_cb (DxTestsView *self)
{
  _dx_tests_view_update_results (self);
}

void
_dx_tests_view_watch_live (DxTestsView *self,
                           DxRunResult *result)
{
  GListModel *steps;

  if (self->live != NULL)
    {
      steps = dx_run_result_get_steps (self->live);
      for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
        {
          g_autoptr(GObject) step_result = g_list_model_get_item (steps, i);

          g_signal_handlers_disconnect_by_func (step_result, live_changed_cb, self);
        }
      g_signal_handlers_disconnect_by_func (self->live, live_changed_cb, self);
      g_signal_handlers_disconnect_by_func (steps, live_changed_cb, self);
    }
  g_set_object (&self->live, result);
  if (result == NULL)
    return;

  steps = dx_run_result_get_steps (result);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(GObject) step_result = g_list_model_get_item (steps, i);

      g_signal_connect_swapped (step_result, "notify", G_CALLBACK (live_changed_cb), self);
    }
  g_signal_connect_swapped (result, "notify", G_CALLBACK (live_changed_cb), self);
  g_signal_connect_swapped (steps, "items-changed", G_CALLBACK (live_changed_cb), self);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *async_result,
             gpointer      data)
{
  g_autoptr(DxTestsView) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DxRunResult) result = dx_runner_run_finish (DX_RUNNER (source), async_result, &error);

  _dx_tests_view_watch_live (self, NULL);
  if (result == NULL)
    {
      g_ptr_array_set_size (self->queue, 0);
      gtk_label_set_text (self->result_label, error->message);
    }
  else
    {
      _dx_tests_view_update_results (self);
      if (dx_run_result_get_status (result) == DX_RUN_STATUS_STOPPED)
        g_ptr_array_set_size (self->queue, 0);
    }

  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    start_next (self);
}

static gboolean
connection_busy (DxTestsView *self)
{
  switch (dx_connection_get_state (self->connection))
    {
    case DX_CONNECTION_STATE_CONNECTING:
    case DX_CONNECTION_STATE_OPEN:
    case DX_CONNECTION_STATE_CLOSING:
      return TRUE;
    case DX_CONNECTION_STATE_DISCONNECTED:
    case DX_CONNECTION_STATE_CLOSED:
    default:
      return FALSE;
    }
}

static void
connection_state_cb (DxTestsView *self)
{
  if (connection_busy (self))
    return;
  g_signal_handlers_disconnect_by_func (self->connection, connection_state_cb, self);
  self->waiting_for_close = FALSE;
  start_next (self);
}

static void
start_next (DxTestsView *self)
{
  g_autoptr(DxScenario) scenario = NULL;
  DxRunResult *result;
  guint position;

  if (self->queue->len == 0 || self->waiting_for_close)
    {
      _dx_tests_view_update_running (self);
      return;
    }

  /* A scenario that connects starts from a closed connection: the one the
   * tester opened by hand is closed first */
  if (dx_scenario_connects (g_ptr_array_index (self->queue, 0)) && connection_busy (self))
    {
      self->waiting_for_close = TRUE;
      g_signal_connect_swapped (self->connection, "notify::state", G_CALLBACK (connection_state_cb), self);
      if (dx_connection_get_state (self->connection) != DX_CONNECTION_STATE_CLOSING)
        dx_connection_disconnect (self->connection);
      _dx_tests_view_update_running (self);
      return;
    }

  scenario = g_object_ref (g_ptr_array_index (self->queue, 0));
  g_ptr_array_remove_index (self->queue, 0);

  /* Show the scenario running, so that its steps turn as they go */
  if (g_list_store_find (_dx_tests_view_scenarios (self), scenario, &position))
    dx_tests_view_select (self, position);

  dx_runner_run_async (self->runner, scenario, NULL, run_done_cb, g_object_ref (self));
  result = dx_runner_get_result (self->runner);
  if (result != NULL)
    _dx_tests_view_watch_live (self, result);
  _dx_tests_view_update_results (self);
  _dx_tests_view_update_running (self);
}

void
_dx_tests_view_run_scenarios (DxTestsView *self,
                              GListModel  *scenarios)
{
  if (self->runner == NULL || dx_tests_view_get_running (self))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    g_ptr_array_add (self->queue, g_list_model_get_item (scenarios, i));
  start_next (self);
}

/* ---- public ---------------------------------------------------------------- */

gboolean
dx_tests_view_get_running (DxTestsView *self)
{
  g_return_val_if_fail (DX_IS_TESTS_VIEW (self), FALSE);
  return self->runner != NULL && (dx_runner_get_running (self->runner) || self->queue->len > 0);
}

/* Runs the scenario shown */
void
dx_tests_view_run (DxTestsView *self)
{
  g_autoptr(GListStore) one = g_list_store_new (DX_TYPE_SCENARIO);

  g_return_if_fail (DX_IS_TESTS_VIEW (self));

  if (self->shown == NULL)
    return;
  g_list_store_append (one, self->shown);
  _dx_tests_view_run_scenarios (self, G_LIST_MODEL (one));
}

/* Runs every scenario of the session, in order */
void
dx_tests_view_run_all (DxTestsView *self)
{
  g_return_if_fail (DX_IS_TESTS_VIEW (self));

  if (self->session != NULL)
    _dx_tests_view_run_scenarios (self, G_LIST_MODEL (_dx_tests_view_scenarios (self)));
}

void
dx_tests_view_stop (DxTestsView *self)
{
  g_return_if_fail (DX_IS_TESTS_VIEW (self));

  g_ptr_array_set_size (self->queue, 0);
  if (self->waiting_for_close)
    {
      g_signal_handlers_disconnect_by_func (self->connection, connection_state_cb, self);
      self->waiting_for_close = FALSE;
    }
  if (self->runner != NULL && dx_runner_get_running (self->runner))
    dx_runner_stop (self->runner);
  _dx_tests_view_update_running (self);
}
