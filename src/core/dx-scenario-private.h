/* dx-scenario-private.h — what the scenario files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-scenario.h"

G_BEGIN_DECLS

char *_dx_scenario_step_dup_matchers_summary (DxScenarioStep *self);

G_END_DECLS
