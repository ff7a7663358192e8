/* dx-cli-progress.h — duplex-cli's console lines as a run goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include <glib.h>

#include "dx-cli-report.h"

G_BEGIN_DECLS

typedef struct _DxCliProgress DxCliProgress;

DxCliProgress *dx_cli_progress_new               (FILE          *out,
                                                  gboolean       name_sessions);
void           dx_cli_progress_free              (DxCliProgress *self);
void           dx_cli_progress_set_color         (DxCliProgress *self,
                                                  gboolean       color);
void           dx_cli_progress_scenario_started  (DxCliProgress *self,
                                                  DxCliSession  *session,
                                                  DxCliScenario *scenario);
void           dx_cli_progress_step_finished     (DxCliProgress *self,
                                                  DxCliSession  *session,
                                                  DxCliStep     *step);
void           dx_cli_progress_scenario_finished (DxCliProgress *self,
                                                  DxCliSession  *session,
                                                  DxCliScenario *scenario);
void           dx_cli_progress_summary           (DxCliProgress *self,
                                                  DxCliReport   *report);
char          *dx_cli_progress_dup_step_line     (DxCliProgress *self,
                                                  DxCliStep     *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxCliProgress, dx_cli_progress_free)

G_END_DECLS
