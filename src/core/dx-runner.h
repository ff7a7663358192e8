/* dx-runner.h — runs a scenario's steps on one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-connection.h"
#include "dx-run-result.h"
#include "dx-scenario.h"

G_BEGIN_DECLS

#define DX_RUNNER_ERROR (dx_runner_error_quark ())
GQuark dx_runner_error_quark (void);

typedef enum {
  DX_RUNNER_ERROR_BUSY,
} DxRunnerError;

#define DX_TYPE_RUNNER (dx_runner_get_type ())
G_DECLARE_FINAL_TYPE (DxRunner, dx_runner, DX, RUNNER, GObject)

DxRunner     *dx_runner_new                (DxConnection         *connection);
DxConnection *dx_runner_get_connection     (DxRunner             *self);
void          dx_runner_set_variables      (DxRunner             *self,
                                            GListModel           *variables);
void          dx_runner_set_overrides      (DxRunner             *self,
                                            GListModel           *overrides);
void          dx_runner_set_saved_messages (DxRunner             *self,
                                            GListModel           *saved);
void          dx_runner_set_library        (DxRunner             *self,
                                            GListModel           *library);
double        dx_runner_get_timeout_scale  (DxRunner             *self);
void          dx_runner_set_timeout_scale  (DxRunner             *self,
                                            double                scale);
gboolean      dx_runner_get_running        (DxRunner             *self);
DxRunResult  *dx_runner_get_result         (DxRunner             *self);
GListModel   *dx_runner_get_captures       (DxRunner             *self);

void          dx_runner_run_async          (DxRunner             *self,
                                            DxScenario           *scenario,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
DxRunResult  *dx_runner_run_finish         (DxRunner             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void          dx_runner_stop               (DxRunner             *self);

G_END_DECLS
