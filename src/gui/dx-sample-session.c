/* dx-sample-session.c — what a first run shows: a session on the built-in
 * echo server, with a saved message and a scenario to try
 *
 * Everything Duplex does is one click away on it, with no network: connect
 * and send the composer's message, send the saved one, or run the scenario
 * on the Tests page and watch its steps pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-sample-session.h"
#include "dx-saved-message.h"
#include "dx-scenario.h"

#define SAMPLE_MESSAGE "{\"type\": \"hello\", \"from\": \"Duplex\"}"

static void
add_step (DxScenario     *scenario,
          DxScenarioStep *step)
{
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);
}

static DxScenario *
sample_scenario_new (const char *message_name)
{
  DxScenario *scenario = dx_scenario_new (_("Echo answers"));
  DxScenarioStep *send = dx_scenario_step_new (DX_STEP_SEND);
  DxScenarioStep *expect = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  DxScenarioStep *ping = dx_scenario_step_new (DX_STEP_PING);
  DxScenarioStep *close = dx_scenario_step_new (DX_STEP_CLOSE);
  g_autoptr(DxMatcher) type = dx_matcher_new_path ("$.type", DX_PATH_OP_EQUALS, "\"hello\"");
  g_autoptr(DxMatcher) from = dx_matcher_new_path ("$.from", DX_PATH_OP_IS_TYPE, "string");

  dx_scenario_step_set_message_name (send, message_name);
  dx_scenario_step_set_timeout (expect, 2000);
  dx_scenario_step_add_matcher (expect, type);
  dx_scenario_step_add_matcher (expect, from);
  dx_scenario_step_set_timeout (ping, 2000);
  dx_scenario_step_set_code (close, 1000);

  add_step (scenario, dx_scenario_step_new (DX_STEP_CONNECT));
  add_step (scenario, send);
  add_step (scenario, expect);
  add_step (scenario, ping);
  add_step (scenario, close);
  return scenario;
}

/**
 * dx_sample_session_new:
 * @url: the built-in echo server's /echo
 *
 * Returns: (transfer full): the sample session
 */
DxSession *
dx_sample_session_new (const char *url)
{
  DxSession *session = dx_session_new (_("Echo (built-in)"), url);
  g_autoptr(DxSavedMessage) hello = dx_saved_message_new (_("Hello"), DX_SAVED_FORMAT_JSON, SAMPLE_MESSAGE);
  g_autoptr(DxScenario) scenario = sample_scenario_new (dx_saved_message_get_name (hello));

  dx_saved_message_set_note (hello, _("The echo server sends it back as it is"));
  g_list_store_append (dx_session_get_saved_messages (session), hello);
  g_list_store_append (dx_session_get_scenarios (session), scenario);
  return session;
}
