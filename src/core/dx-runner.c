/* dx-runner.c — runs a scenario's steps on one connection
 *
 * The runner drives the connection it is given — in the window, the
 * session view's own, so the run's messages land in the history as usual —
 * and learns what the server sent from the session's history: rows added
 * after the run began, received text and binary ones, go to an inbox that
 * expect and capture steps take from in order. A cleared history changes
 * nothing for the inbox, and the rows a restore brings back are not new.
 *
 * Everything happens on the main context, like DxConnection itself: a step
 * starts, then waits for history rows, state changes, pongs or its timeout
 * (a GSource, scaled by timeout-scale) and decides. The first failure ends
 * the run and skips what is left. The connection gets the run's variables
 * (captures, then overrides, then the scenario's variables, then the
 * workspace's) for as long as the run lasts, and is closed at the end if
 * the run opened it.
 *
 * The result becomes the scenario's last result when the run ends, not
 * when it starts: until then the scenario keeps showing (and saving) the
 * run before, and a run cut short by quitting never replaces a whole one.
 *
 * How each kind of step works is in dx-runner-steps.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-field.h"
#include "dx-runner-private.h"

/* How long the end of a run waits for a close it started, before giving up
 * on a server that does not answer */
#define CLOSE_WAIT_MS 5000

G_DEFINE_FINAL_TYPE (DxRunner, dx_runner, G_TYPE_OBJECT)
G_DEFINE_QUARK (dx-runner-error-quark, dx_runner_error)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_TIMEOUT_SCALE,
  PROP_RUNNING,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STEP_STARTED,
  STEP_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void next_step (DxRunner *self);
static void complete (DxRunner *self);

void
dx_inbox_item_free (DxInboxItem *item)
{
  g_bytes_unref (item->payload);
  g_free (item);
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

guint
_dx_runner_scale (DxRunner *self,
                  guint     ms)
{
  double scaled = ms * self->timeout_scale;

  return scaled >= G_MAXUINT ? G_MAXUINT : (guint) scaled;
}

/* ---- steps ------------------------------------------------------------------ */

static gboolean
timeout_cb (gpointer data)
{
  DxRunner *self = data;

  g_clear_pointer (&self->timeout, g_source_unref);
  self->timed_out = TRUE;
  if (self->current)
    _dx_runner_poll_step (self, dx_step_result_get_step (self->current));
  return G_SOURCE_REMOVE;
}

void
_dx_runner_arm_timeout (DxRunner *self,
                        guint     ms)
{
  clear_source (&self->timeout);
  self->timed_out = FALSE;
  self->timeout = g_timeout_source_new (ms);
  g_source_set_callback (self->timeout, timeout_cb, self, NULL);
  g_source_set_static_name (self->timeout, "[duplex] scenario step timeout");
  g_source_attach (self->timeout, NULL);
}

static gboolean
next_step_cb (gpointer data)
{
  DxRunner *self = data;

  g_clear_pointer (&self->idle, g_source_unref);
  next_step (self);
  return G_SOURCE_REMOVE;
}

/* Later, not now: a step often finishes inside a connection's signal */
static void
schedule_next_step (DxRunner *self)
{
  g_assert (self->idle == NULL);
  self->idle = g_idle_source_new ();
  g_source_set_callback (self->idle, next_step_cb, self, NULL);
  g_source_set_static_name (self->idle, "[duplex] next scenario step");
  g_source_attach (self->idle, NULL);
}

static void
skip_remaining (DxRunner   *self,
                const char *message)
{
  GListModel *steps = dx_run_result_get_steps (self->result);
  guint n = g_list_model_get_n_items (steps);

  for (guint i = self->index; i < n; i++)
    {
      g_autoptr(DxStepResult) result = g_list_model_get_item (steps, i);

      if (dx_step_result_get_status (result) == DX_STEP_STATUS_PENDING)
        _dx_step_result_finish (result, DX_STEP_STATUS_SKIPPED, 0, message, NULL, NULL);
    }
}

static void
finish_step (DxRunner     *self,
             DxStepStatus  status,
             const char   *message,
             const char   *expected,
             const char   *actual)
{
  g_autoptr(DxStepResult) result = g_steal_pointer (&self->current);

  g_assert (result != NULL);

  clear_source (&self->timeout);
  self->waiting_pong = FALSE;
  _dx_step_result_finish (result, status, g_get_monotonic_time () - self->step_started_us,
                          message, expected, actual);
  self->index++;
  g_signal_emit (self, signals[STEP_FINISHED], 0, result);

  if (status == DX_STEP_STATUS_FAILED)
    {
      skip_remaining (self, _("Not run: an earlier step failed"));
      self->final_status = DX_RUN_STATUS_FAILED;
      complete (self);
    }
  else
    schedule_next_step (self);
}

void
_dx_runner_pass (DxRunner   *self,
                 const char *message,
                 const char *actual)
{
  finish_step (self, DX_STEP_STATUS_PASSED, message, NULL, actual);
}

void
_dx_runner_fail (DxRunner   *self,
                 const char *message,
                 const char *expected,
                 const char *actual)
{
  finish_step (self, DX_STEP_STATUS_FAILED, message, expected, actual);
}

static void
next_step (DxRunner *self)
{
  GListModel *steps = dx_run_result_get_steps (self->result);
  guint n = g_list_model_get_n_items (steps);
  DxScenarioStep *step;

  while (self->index < n)
    {
      g_autoptr(DxStepResult) result = g_list_model_get_item (steps, self->index);

      if (dx_step_result_get_status (result) == DX_STEP_STATUS_PENDING)
        {
          self->current = g_steal_pointer (&result);
          break;
        }
      self->index++;
    }

  if (self->current == NULL)
    {
      self->final_status = DX_RUN_STATUS_PASSED;
      complete (self);
      return;
    }

  step = dx_step_result_get_step (self->current);
  self->step_started_us = g_get_monotonic_time ();
  self->timed_out = FALSE;
  self->skipped = 0;
  g_clear_pointer (&self->last_mismatch, g_free);
  _dx_step_result_set_status (self->current, DX_STEP_STATUS_RUNNING);
  g_signal_emit (self, signals[STEP_STARTED], 0, self->current);
  _dx_runner_start_step (self, step);
}

/* ---- what the connection tells ------------------------------------------- */

static void
poll_current (DxRunner *self)
{
  if (self->current)
    _dx_runner_poll_step (self, dx_step_result_get_step (self->current));
}

static void
history_changed_cb (DxRunner   *self,
                    guint       position,
                    guint       removed,
                    guint       added,
                    GListModel *list)
{
  DxHistory *history = DX_HISTORY (list);
  gboolean received = FALSE;

  /* Rows only ever come at the end; a removal is a clear or a restore,
   * and what a restore brings back is old. Once the run is closing, its
   * inbox is emptied for good: what comes now is no step's, nor the next
   * run's. */
  if (removed > 0 || self->closing)
    return;

  for (guint i = position; i < position + added; i++)
    {
      DxMessageKind kind = dx_history_get_kind (history, i);
      DxInboxItem *item;

      if (dx_history_get_direction (history, i) != DX_DIRECTION_RECEIVED ||
          (kind != DX_MESSAGE_KIND_TEXT && kind != DX_MESSAGE_KIND_BINARY))
        continue;

      item = g_new0 (DxInboxItem, 1);
      item->kind = kind;
      item->payload = dx_history_dup_payload (history, i);
      g_queue_push_tail (&self->inbox, item);
      received = TRUE;
    }

  if (received)
    poll_current (self);
}

static void
state_changed_cb (DxRunner *self)
{
  DxConnectionState state = dx_connection_get_state (self->connection);

  if (self->closing)
    {
      if (state != DX_CONNECTION_STATE_CONNECTING && state != DX_CONNECTION_STATE_OPEN &&
          state != DX_CONNECTION_STATE_CLOSING)
        complete (self);
      return;
    }
  poll_current (self);
}

static void
round_trip_cb (DxRunner *self)
{
  if (!self->waiting_pong)
    return;
  self->pong_seen = TRUE;
  poll_current (self);
}

static gboolean
stop_idle_cb (gpointer data)
{
  dx_runner_stop (data);
  return G_SOURCE_REMOVE;
}

/* Possibly on another thread: the run itself belongs to the main context */
static void
cancelled_cb (GCancellable *cancellable,
              DxRunner     *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, stop_idle_cb, g_object_ref (self), g_object_unref);
}

/* ---- the end of a run ------------------------------------------------------ */

static gboolean
close_wait_cb (gpointer data)
{
  DxRunner *self = data;

  g_clear_pointer (&self->timeout, g_source_unref);
  complete (self);
  return G_SOURCE_REMOVE;
}

static void
disconnect_handlers (DxRunner *self)
{
  DxHistory *history = dx_session_get_history (dx_connection_get_session (self->connection));

  g_clear_signal_handler (&self->history_handler, history);
  g_clear_signal_handler (&self->state_handler, self->connection);
  g_clear_signal_handler (&self->rtt_handler, self->connection);
}

/* Ends the run: closes what it opened (waiting for that, once), then
 * hands the result over. Called again by the close's state change. */
static void
complete (DxRunner *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DxRunResult) result = NULL;
  DxConnectionState state = dx_connection_get_state (self->connection);
  GCancellable *cancellable;

  clear_source (&self->idle);
  clear_source (&self->timeout);
  g_clear_object (&self->current);

  if (self->task == NULL)
    return;

  if (!self->closing)
    {
      self->closing = TRUE;
      g_queue_clear_full (&self->inbox, (GDestroyNotify) dx_inbox_item_free);
      _dx_run_result_finish (self->result, self->final_status,
                             g_get_monotonic_time () - self->run_started_us);
      dx_scenario_set_last_result (self->scenario, self->result);
      if (self->opened &&
          (state == DX_CONNECTION_STATE_CONNECTING || state == DX_CONNECTION_STATE_OPEN ||
           state == DX_CONNECTION_STATE_CLOSING))
        {
          if (state != DX_CONNECTION_STATE_CLOSING)
            dx_connection_disconnect (self->connection);
          /* The close may have finished on the spot, and the run with it */
          if (self->task == NULL)
            return;
          if (dx_connection_get_state (self->connection) == DX_CONNECTION_STATE_CLOSING ||
              dx_connection_get_state (self->connection) == DX_CONNECTION_STATE_CONNECTING)
            {
              self->timeout = g_timeout_source_new (_dx_runner_scale (self, CLOSE_WAIT_MS));
              g_source_set_callback (self->timeout, close_wait_cb, self, NULL);
              g_source_set_static_name (self->timeout, "[duplex] scenario close wait");
              g_source_attach (self->timeout, NULL);
              return;
            }
        }
    }

  disconnect_handlers (self);
  dx_connection_set_variables (self->connection, self->original_variables);
  g_clear_object (&self->original_variables);
  self->closing = FALSE;

  task = g_steal_pointer (&self->task);
  cancellable = g_task_get_cancellable (task);
  if (cancellable)
    g_cancellable_disconnect (cancellable, self->cancel_handler);
  self->cancel_handler = 0;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The run was stopped"));
  else
    g_task_return_pointer (task, g_object_ref (self->result), g_object_unref);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
dx_runner_dispose (GObject *object)
{
  DxRunner *self = DX_RUNNER (object);

  /* A task holds a reference to us: no run can be under way here */
  g_assert (self->task == NULL);

  clear_source (&self->timeout);
  clear_source (&self->idle);
  g_queue_clear_full (&self->inbox, (GDestroyNotify) dx_inbox_item_free);
  g_clear_object (&self->connection);
  g_clear_object (&self->variables);
  g_clear_object (&self->overrides);
  g_clear_object (&self->saved);
  g_clear_object (&self->library);
  g_clear_object (&self->result);
  g_clear_object (&self->scenario);
  g_clear_object (&self->captures);
  g_clear_object (&self->run_variables);
  g_clear_object (&self->original_variables);
  g_clear_object (&self->current);
  g_clear_pointer (&self->last_mismatch, g_free);

  G_OBJECT_CLASS (dx_runner_parent_class)->dispose (object);
}

static void
dx_runner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DxRunner *self = DX_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CONNECTION: g_value_set_object (value, self->connection); break;
    case PROP_TIMEOUT_SCALE: g_value_set_double (value, self->timeout_scale); break;
    case PROP_RUNNING: g_value_set_boolean (value, self->task != NULL); break;
    case PROP_RESULT: g_value_set_object (value, self->result); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_runner_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DxRunner *self = DX_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CONNECTION: self->connection = g_value_dup_object (value); break;
    case PROP_TIMEOUT_SCALE: dx_runner_set_timeout_scale (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_runner_class_init (DxRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dx_runner_dispose;
  object_class->get_property = dx_runner_get_property;
  object_class->set_property = dx_runner_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, DX_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Multiplies every timeout and duration: slow CI machines use 2 or 3 */
  properties[PROP_TIMEOUT_SCALE] =
    g_param_spec_double ("timeout-scale", NULL, NULL, 0.01, 1000.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The run under way, or the last one */
  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, DX_TYPE_RUN_RESULT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DxRunner::step-started:
   * @result: the step's #DxStepResult, now running
   */
  signals[STEP_STARTED] =
    g_signal_new ("step-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DX_TYPE_STEP_RESULT);
  /**
   * DxRunner::step-finished:
   * @result: the step's #DxStepResult, passed or failed
   */
  signals[STEP_FINISHED] =
    g_signal_new ("step-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DX_TYPE_STEP_RESULT);
}

static void
dx_runner_init (DxRunner *self)
{
  self->timeout_scale = 1.0;
  self->captures = g_list_store_new (DX_TYPE_FIELD);
  self->run_variables = g_list_store_new (DX_TYPE_FIELD);
  g_queue_init (&self->inbox);
}

/* ---- public API ------------------------------------------------------------- */

/**
 * dx_runner_new:
 * @connection: the connection to run scenarios on; it may be open already
 *
 * Returns: (transfer full): a runner for @connection
 */
DxRunner *
dx_runner_new (DxConnection *connection)
{
  g_return_val_if_fail (DX_IS_CONNECTION (connection), NULL);

  return g_object_new (DX_TYPE_RUNNER, "connection", connection, NULL);
}

DxConnection *
dx_runner_get_connection (DxRunner *self)
{
  g_return_val_if_fail (DX_IS_RUNNER (self), NULL);
  return self->connection;
}

/**
 * dx_runner_set_variables:
 * @variables: (nullable): the workspace's #DxField variables; %NULL (the
 *   default) uses those the connection has when a run starts
 */
void
dx_runner_set_variables (DxRunner   *self,
                         GListModel *variables)
{
  g_return_if_fail (DX_IS_RUNNER (self));
  g_set_object (&self->variables, variables);
}

/**
 * dx_runner_set_overrides:
 * @overrides: (nullable): #DxField variables that win over the scenario's
 *   and the workspace's, such as duplex-cli's --var; captures win over all
 */
void
dx_runner_set_overrides (DxRunner   *self,
                         GListModel *overrides)
{
  g_return_if_fail (DX_IS_RUNNER (self));
  g_set_object (&self->overrides, overrides);
}

/**
 * dx_runner_set_saved_messages:
 * @saved: (nullable): the session's #DxSavedMessage list, where a send
 *   step looks for a message by name first
 */
void
dx_runner_set_saved_messages (DxRunner   *self,
                              GListModel *saved)
{
  g_return_if_fail (DX_IS_RUNNER (self));
  g_set_object (&self->saved, saved);
}

/**
 * dx_runner_set_library:
 * @library: (nullable): the workspace's #DxSavedMessage library, where a
 *   send step looks for a message by name after the session's
 */
void
dx_runner_set_library (DxRunner   *self,
                       GListModel *library)
{
  g_return_if_fail (DX_IS_RUNNER (self));
  g_set_object (&self->library, library);
}

double
dx_runner_get_timeout_scale (DxRunner *self)
{
  g_return_val_if_fail (DX_IS_RUNNER (self), 1.0);
  return self->timeout_scale;
}

void
dx_runner_set_timeout_scale (DxRunner *self,
                             double    scale)
{
  g_return_if_fail (DX_IS_RUNNER (self));
  g_return_if_fail (scale > 0);

  if (self->timeout_scale == scale)
    return;
  self->timeout_scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_SCALE]);
}

gboolean
dx_runner_get_running (DxRunner *self)
{
  g_return_val_if_fail (DX_IS_RUNNER (self), FALSE);
  return self->task != NULL;
}

/**
 * dx_runner_get_result:
 *
 * Returns: (transfer none) (nullable): the run under way, which fills in
 *   as it goes, or else the last one
 */
DxRunResult *
dx_runner_get_result (DxRunner *self)
{
  g_return_val_if_fail (DX_IS_RUNNER (self), NULL);
  return self->result;
}

/**
 * dx_runner_get_captures:
 *
 * Returns: (transfer none): the #DxField variables capture steps stored in
 *   the run under way, or in the last one
 */
GListModel *
dx_runner_get_captures (DxRunner *self)
{
  g_return_val_if_fail (DX_IS_RUNNER (self), NULL);
  return G_LIST_MODEL (self->captures);
}

/**
 * dx_runner_run_async:
 *
 * Runs the enabled steps of @scenario, in order, until one fails. The
 * result (dx_runner_get_result()) is there at once and fills in as steps
 * run. Cancelling @cancellable stops the run like dx_runner_stop(), and
 * the finish function then returns %G_IO_ERROR_CANCELLED.
 */
void
dx_runner_run_async (DxRunner            *self,
                     DxScenario          *scenario,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DxHistory *history;
  GListModel *steps;
  guint n;

  g_return_if_fail (DX_IS_RUNNER (self));
  g_return_if_fail (DX_IS_SCENARIO (scenario));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dx_runner_run_async);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, DX_RUNNER_ERROR, DX_RUNNER_ERROR_BUSY,
                               _("A scenario is already running on this session: stop it first"));
      return;
    }

  self->task = g_steal_pointer (&task);
  g_set_object (&self->result, NULL);
  g_set_object (&self->scenario, scenario);
  self->result = _dx_run_result_new (scenario);
  g_list_store_remove_all (self->captures);
  self->index = 0;
  self->opened = FALSE;
  self->closing = FALSE;
  self->final_status = DX_RUN_STATUS_PASSED;
  self->run_started_us = g_get_monotonic_time ();

  steps = dx_run_result_get_steps (self->result);
  n = g_list_model_get_n_items (steps);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxStepResult) result = g_list_model_get_item (steps, i);

      if (!dx_scenario_step_get_enabled (dx_step_result_get_step (result)))
        _dx_step_result_finish (result, DX_STEP_STATUS_SKIPPED, 0, _("Turned off"), NULL, NULL);
    }

  g_set_object (&self->original_variables, dx_connection_get_variables (self->connection));
  _dx_runner_rebuild_variables (self);
  dx_connection_set_variables (self->connection, G_LIST_MODEL (self->run_variables));

  history = dx_session_get_history (dx_connection_get_session (self->connection));
  self->history_handler = g_signal_connect_swapped (history, "items-changed",
                                                    G_CALLBACK (history_changed_cb), self);
  self->state_handler = g_signal_connect_swapped (self->connection, "notify::state",
                                                  G_CALLBACK (state_changed_cb), self);
  self->rtt_handler = g_signal_connect_swapped (self->connection, "notify::round-trip-time",
                                                G_CALLBACK (round_trip_cb), self);
  if (cancellable)
    self->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  schedule_next_step (self);
}

/**
 * dx_runner_run_finish:
 *
 * Returns: (transfer full): how the run went, failed steps included; %NULL
 *   only when the run could not start or was cancelled, with @error
 */
DxRunResult *
dx_runner_run_finish (DxRunner      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dx_runner_stop:
 *
 * Stops the run under way: the running step fails as stopped, the rest are
 * skipped, and what the run opened is closed.
 */
void
dx_runner_stop (DxRunner *self)
{
  g_return_if_fail (DX_IS_RUNNER (self));

  if (self->task == NULL || self->closing)
    return;

  if (self->current)
    {
      g_autoptr(DxStepResult) result = g_steal_pointer (&self->current);

      clear_source (&self->timeout);
      _dx_step_result_finish (result, DX_STEP_STATUS_FAILED,
                              g_get_monotonic_time () - self->step_started_us,
                              _("Stopped before it finished"), NULL, NULL);
      self->index++;
      g_signal_emit (self, signals[STEP_FINISHED], 0, result);
    }
  skip_remaining (self, _("Not run: the run was stopped"));
  self->final_status = DX_RUN_STATUS_STOPPED;
  complete (self);
}
