/* dx-saved-references.c — what refers to a saved message by name, and
 * following a rename
 *
 * Heartbeats and scenario send steps name the saved message they send, so
 * that a message can be edited without touching them; a rename must then
 * carry them along, or a scenario that passed fails with "no saved message
 * called …". A session's own messages come before the library's, so a
 * library rename concerns only the sessions that have no message of that
 * name themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-saved-message.h"
#include "dx-saved-references.h"
#include "dx-scenario.h"

/**
 * dx_saved_references_rename:
 *
 * Makes @session's heartbeat and scenario send steps that name @old_name
 * name @new_name.
 *
 * Returns: how many references changed
 */
guint
dx_saved_references_rename (DxSession  *session,
                            const char *old_name,
                            const char *new_name)
{
  GListModel *scenarios;
  guint changed = 0;

  g_return_val_if_fail (DX_IS_SESSION (session), 0);

  if (old_name == NULL || old_name[0] == '\0' || g_strcmp0 (old_name, new_name) == 0)
    return 0;

  if (g_strcmp0 (dx_session_get_heartbeat_saved_message (session), old_name) == 0)
    {
      g_object_set (session, "heartbeat-saved-message", new_name, NULL);
      changed++;
    }

  scenarios = G_LIST_MODEL (dx_session_get_scenarios (session));
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(DxScenario) scenario = g_list_model_get_item (scenarios, i);
      GListModel *steps = G_LIST_MODEL (dx_scenario_get_steps (scenario));

      for (guint j = 0; j < g_list_model_get_n_items (steps); j++)
        {
          g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, j);

          if (dx_scenario_step_get_kind (step) == DX_STEP_SEND &&
              g_strcmp0 (dx_scenario_step_get_message_name (step), old_name) == 0)
            {
              dx_scenario_step_set_message_name (step, new_name);
              changed++;
            }
        }
    }

  return changed;
}

/**
 * dx_saved_references_rename_in_library:
 * @sessions: the workspace's #DxSession list
 *
 * Follows the rename of a library message in every session that sends it:
 * those with no message of their own named @old_name.
 *
 * Returns: how many references changed
 */
guint
dx_saved_references_rename_in_library (GListModel *sessions,
                                       const char *old_name,
                                       const char *new_name)
{
  guint changed = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (sessions), 0);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);
      GListModel *own = G_LIST_MODEL (dx_session_get_saved_messages (session));

      if (dx_saved_message_find (own, old_name, NULL) == NULL)
        changed += dx_saved_references_rename (session, old_name, new_name);
    }
  return changed;
}
