/* test-saved-references.c — a renamed saved message is still sent by the
 * heartbeats and scenario steps that named it, and only by those
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-saved-message.h"
#include "dx-saved-references.h"
#include "dx-scenario.h"
#include "dx-test-util.h"

static void
count_cb (guint *count)
{
  (*count)++;
}

static DxScenarioStep *
add_send (DxScenario *scenario,
          const char *message_name)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_SEND);

  dx_scenario_step_set_message_name (step, message_name);
  dx_scenario_add_step (scenario, step);
  return step;
}

/* A session that sends "Login" from a scenario and its heartbeat, and
 * "Other" from another step */
static DxSession *
session_new (const char      *name,
             DxScenarioStep **login_step,
             DxScenarioStep **other_step)
{
  DxSession *session = dx_session_new (name, "ws://127.0.0.1:1/");
  g_autoptr(DxScenario) scenario = dx_scenario_new ("Logs in");
  g_autoptr(DxScenarioStep) wait = dx_scenario_step_new (DX_STEP_WAIT);

  g_object_set (session, "heartbeat-saved-message", "Login", NULL);
  dx_scenario_add_step (scenario, wait);
  *login_step = add_send (scenario, "Login");
  *other_step = add_send (scenario, "Other");
  g_list_store_append (dx_session_get_scenarios (session), scenario);
  return session;
}

static void
test_session_rename (void)
{
  DxScenarioStep *login, *other;
  g_autoptr(DxSession) session = session_new ("A", &login, &other);
  guint changed_signals = 0;

  g_signal_connect_swapped (session, "changed", G_CALLBACK (count_cb), &changed_signals);

  g_assert_cmpuint (dx_saved_references_rename (session, "Login", "Sign in"), ==, 2);
  g_assert_cmpstr (dx_session_get_heartbeat_saved_message (session), ==, "Sign in");
  g_assert_cmpstr (dx_scenario_step_get_message_name (login), ==, "Sign in");
  g_assert_cmpstr (dx_scenario_step_get_message_name (other), ==, "Other");
  /* The workspace hears of it, so the change is saved */
  g_assert_cmpuint (changed_signals, >, 0);

  /* Nothing named it: nothing changes */
  g_assert_cmpuint (dx_saved_references_rename (session, "Nobody", "Sign in"), ==, 0);
  g_assert_cmpuint (dx_saved_references_rename (session, "Sign in", "Sign in"), ==, 0);
  g_assert_cmpuint (dx_saved_references_rename (session, "", "X"), ==, 0);
}

/* A library message is renamed in the sessions that send it; a session
 * with a message of its own by that name was sending its own, and keeps
 * doing so */
static void
test_library_rename (void)
{
  DxScenarioStep *login_a, *other_a, *login_b, *other_b;
  g_autoptr(GListStore) sessions = g_list_store_new (DX_TYPE_SESSION);
  g_autoptr(DxSession) a = session_new ("A", &login_a, &other_a);
  g_autoptr(DxSession) b = session_new ("B", &login_b, &other_b);
  g_autoptr(DxSavedMessage) own = dx_saved_message_new ("Login", DX_SAVED_FORMAT_TEXT, "b's own");

  g_list_store_append (dx_session_get_saved_messages (b), own);
  g_list_store_append (sessions, a);
  g_list_store_append (sessions, b);

  g_assert_cmpuint (dx_saved_references_rename_in_library (G_LIST_MODEL (sessions), "Login", "Sign in"), ==, 2);
  g_assert_cmpstr (dx_scenario_step_get_message_name (login_a), ==, "Sign in");
  g_assert_cmpstr (dx_session_get_heartbeat_saved_message (a), ==, "Sign in");
  g_assert_cmpstr (dx_scenario_step_get_message_name (login_b), ==, "Login");
  g_assert_cmpstr (dx_session_get_heartbeat_saved_message (b), ==, "Login");
  g_assert_cmpstr (dx_scenario_step_get_message_name (other_a), ==, "Other");
}

/* A step written inline keeps its text, whatever its old message name */
static void
test_only_send_steps (void)
{
  g_autoptr(DxSession) session = dx_session_new ("C", "ws://127.0.0.1:1/");
  g_autoptr(DxScenario) scenario = dx_scenario_new ("Pings");
  g_autoptr(DxScenarioStep) ping = dx_scenario_step_new (DX_STEP_PING);

  dx_scenario_step_set_message_name (ping, "Login");
  dx_scenario_add_step (scenario, ping);
  g_list_store_append (dx_session_get_scenarios (session), scenario);

  g_assert_cmpuint (dx_saved_references_rename (session, "Login", "Sign in"), ==, 0);
  g_assert_cmpstr (dx_scenario_step_get_message_name (ping), ==, "Login");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/saved-references/session-rename", test_session_rename);
  g_test_add_func ("/dx/saved-references/library-rename", test_library_rename);
  g_test_add_func ("/dx/saved-references/only-send-steps", test_only_send_steps);

  return g_test_run ();
}
