/* dx-cli-runner.c — placeholder until the core's DxRunner lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-cli-runner.h"

struct _DxCliRunner
{
  DxScenario        *scenario;
  DxCliScenario     *report;
  DxCliScenarioFunc  finished;
  gpointer           data;
  guint              idle_id;
};

DxCliRunner *
dx_cli_runner_new (DxConnection  *connection,
                   DxScenario    *scenario,
                   GListModel    *variables,
                   double         timeout_scale,
                   DxCliScenario *report)
{
  DxCliRunner *self = g_new0 (DxCliRunner, 1);

  self->scenario = g_object_ref (scenario);
  self->report = report;
  return self;
}

static gboolean
finish_cb (gpointer data)
{
  DxCliRunner *self = data;

  self->idle_id = 0;
  self->report->status = DX_CLI_STATUS_ERROR;
  g_free (self->report->message);
  self->report->message = g_strdup (_("This duplex-cli cannot run scenarios yet"));
  self->finished (self->report, self->data);
  return G_SOURCE_REMOVE;
}

void
dx_cli_runner_start (DxCliRunner       *self,
                     DxCliStepFunc      step_finished,
                     DxCliScenarioFunc  finished,
                     gpointer           data)
{
  self->finished = finished;
  self->data = data;
  self->idle_id = g_idle_add (finish_cb, self);
}

void
dx_cli_runner_stop (DxCliRunner *self)
{
}

void
dx_cli_runner_free (DxCliRunner *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_object (&self->scenario);
  g_free (self);
}
