/* dx-runner-private.h — how the runner fills in its results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dx-run-result.h"
#include "dx-runner.h"
#include "dx-step-result.h"

G_BEGIN_DECLS

/* A received text or binary message, waiting for a step to look at it */
typedef struct {
  DxMessageKind  kind;
  GBytes        *payload;
} DxInboxItem;

struct _DxRunner
{
  GObject         parent_instance;
  DxConnection   *connection;
  GListModel     *variables;     /* workspace variables; %NULL: the connection's */
  GListModel     *overrides;     /* --var and the like, before variables */
  GListModel     *saved;         /* the session's saved messages */
  GListModel     *library;       /* the workspace's saved messages */
  double          timeout_scale;

  /* While a run is under way (task != NULL) */
  GTask          *task;
  DxScenario     *scenario;      /* kept with the result, which holds it weakly */
  DxRunResult    *result;
  GListStore     *captures;      /* DxField, what capture steps stored */
  GListStore     *run_variables; /* captures, overrides, variables */
  GListModel     *original_variables;
  gint64          run_started_us;
  guint           index;         /* of the step result running or next */
  DxStepResult   *current;
  gint64          step_started_us;
  GSource        *timeout;
  GSource        *idle;
  gboolean        timed_out;
  gboolean        opened;        /* the run connected, so it closes too */
  gboolean        closing;       /* the run is over, waiting for the close */
  gboolean        waiting_pong;
  gboolean        pong_seen;
  DxRunStatus     final_status;
  GQueue          inbox;         /* of DxInboxItem */
  guint           skipped;       /* messages an expect step passed over */
  char           *last_mismatch;
  gulong          history_handler;
  gulong          state_handler;
  gulong          rtt_handler;
  gulong          cancel_handler;
};

DxStepResult *_dx_step_result_new          (DxScenarioStep *step,
                                            guint           index);
void          _dx_step_result_set_status   (DxStepResult   *self,
                                            DxStepStatus    status);
void          _dx_step_result_finish       (DxStepResult   *self,
                                            DxStepStatus    status,
                                            gint64          duration_us,
                                            const char     *message,
                                            const char     *expected,
                                            const char     *actual);

DxRunResult  *_dx_run_result_new           (DxScenario     *scenario);
DxRunResult  *_dx_run_result_new_restored  (DxScenario     *scenario,
                                            DxRunStatus     status,
                                            gint64          finished_us,
                                            gint64          duration_us);
void          _dx_run_result_finish        (DxRunResult    *self,
                                            DxRunStatus     status,
                                            gint64          duration_us);

/* dx-run-result-json.c: the "last-run" of a scenario in workspaces */
void          _dx_run_result_add_json      (DxRunResult    *self,
                                            DxScenario     *scenario,
                                            JsonBuilder    *builder);
DxRunResult  *_dx_run_result_new_from_json (DxScenario     *scenario,
                                            JsonNode       *node);

/* dx-runner.c, for the steps */
guint         _dx_runner_scale             (DxRunner       *self,
                                            guint           ms);
void          _dx_runner_arm_timeout       (DxRunner       *self,
                                            guint           ms);
void          _dx_runner_pass              (DxRunner       *self,
                                            const char     *message,
                                            const char     *actual);
void          _dx_runner_fail              (DxRunner       *self,
                                            const char     *message,
                                            const char     *expected,
                                            const char     *actual);

void          dx_inbox_item_free           (DxInboxItem    *item);

/* dx-runner-variables.c */
void          _dx_runner_rebuild_variables (DxRunner       *self);
void          _dx_runner_set_capture       (DxRunner       *self,
                                            const char     *name,
                                            const char     *value);

/* dx-runner-steps.c */
void          _dx_runner_start_step        (DxRunner       *self,
                                            DxScenarioStep *step);
void          _dx_runner_poll_step         (DxRunner       *self,
                                            DxScenarioStep *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxInboxItem, dx_inbox_item_free)

G_END_DECLS
