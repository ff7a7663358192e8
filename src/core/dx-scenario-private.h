/* dx-scenario-private.h — what the scenario files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-scenario.h"

G_BEGIN_DECLS

void _dx_scenario_watch_items (GPtrArray  *watched,
                               GListModel *list,
                               guint       position,
                               guint       removed,
                               guint       added,
                               const char *signal,
                               GCallback   callback,
                               gpointer    owner);

char *_dx_scenario_step_dup_matchers_summary (DxScenarioStep *self);

G_END_DECLS
