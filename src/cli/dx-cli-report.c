/* dx-cli-report.c — what a duplex-cli run found, for the console and the
 * report files
 *
 * The results are copied out of the core's runner into these plain
 * records as each step finishes, so that the console, the JUnit and the
 * JSON writers share one shape and can be tested without a network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-cli-report.h"
#include "dx-message.h"

/**
 * dx_cli_status_to_string:
 *
 * Returns: the status as the JSON report writes it
 */
const char *
dx_cli_status_to_string (DxCliStatus status)
{
  switch (status)
    {
    case DX_CLI_STATUS_PASSED:
      return "passed";
    case DX_CLI_STATUS_FAILED:
      return "failed";
    case DX_CLI_STATUS_ERROR:
      return "error";
    case DX_CLI_STATUS_SKIPPED:
      return "skipped";
    default:
      g_assert_not_reached ();
    }
}

DxCliStep *
dx_cli_step_new (guint       index,
                 const char *title,
                 const char *kind)
{
  DxCliStep *step = g_new0 (DxCliStep, 1);

  step->index = index;
  step->title = g_strdup (title);
  step->kind = g_strdup (kind);
  step->status = DX_CLI_STATUS_SKIPPED;
  return step;
}

void
dx_cli_step_free (DxCliStep *step)
{
  if (step == NULL)
    return;

  g_free (step->title);
  g_free (step->summary);
  g_free (step->kind);
  g_free (step->expected);
  g_free (step->actual);
  g_free (step->message);
  g_free (step);
}

DxCliScenario *
dx_cli_scenario_new (const char *name)
{
  DxCliScenario *scenario = g_new0 (DxCliScenario, 1);

  scenario->name = g_strdup (name);
  scenario->status = DX_CLI_STATUS_PASSED;
  scenario->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) dx_cli_step_free);
  return scenario;
}

void
dx_cli_scenario_free (DxCliScenario *scenario)
{
  if (scenario == NULL)
    return;

  g_free (scenario->name);
  g_free (scenario->message);
  g_ptr_array_unref (scenario->steps);
  g_free (scenario);
}

/**
 * dx_cli_scenario_add_step:
 * @step: (transfer full):
 */
void
dx_cli_scenario_add_step (DxCliScenario *scenario,
                          DxCliStep     *step)
{
  g_ptr_array_add (scenario->steps, step);
}

/**
 * dx_cli_scenario_finish:
 *
 * Works the scenario's status out from its steps: an error outweighs a
 * failure, which outweighs a pass; skipped steps do not count, so a
 * scenario whose steps are all turned off passes (it has nothing that
 * failed).
 */
void
dx_cli_scenario_finish (DxCliScenario *scenario)
{
  DxCliStatus status = DX_CLI_STATUS_PASSED;

  for (guint i = 0; i < scenario->steps->len; i++)
    {
      DxCliStep *step = g_ptr_array_index (scenario->steps, i);

      if (step->status == DX_CLI_STATUS_ERROR)
        status = DX_CLI_STATUS_ERROR;
      else if (step->status == DX_CLI_STATUS_FAILED && status != DX_CLI_STATUS_ERROR)
        status = DX_CLI_STATUS_FAILED;
    }

  scenario->status = status;
}

/**
 * dx_cli_scenario_first_failure:
 *
 * Returns: (nullable): the first step that failed or could not be carried
 *   out: what a CI summary shows as the reason
 */
DxCliStep *
dx_cli_scenario_first_failure (DxCliScenario *scenario)
{
  for (guint i = 0; i < scenario->steps->len; i++)
    {
      DxCliStep *step = g_ptr_array_index (scenario->steps, i);

      if (step->status == DX_CLI_STATUS_FAILED || step->status == DX_CLI_STATUS_ERROR)
        return step;
    }

  return NULL;
}

/* "3. Expect message: equals “pong” (5000 ms) — FAILED after 2.0 s" */
static void
append_step_heading (GString   *text,
                     DxCliStep *step)
{
  g_autofree char *duration = dx_format_duration (step->duration_us);
  const char *summary = step->summary ? step->summary : step->title;

  switch (step->status)
    {
    case DX_CLI_STATUS_PASSED:
      /* Translators: a step in a test report: its number, what it does, its time */
      g_string_append_printf (text, _("%u. %s — passed in %s"), step->index, summary, duration);
      break;
    case DX_CLI_STATUS_FAILED:
      g_string_append_printf (text, _("%u. %s — FAILED after %s"), step->index, summary, duration);
      break;
    case DX_CLI_STATUS_ERROR:
      g_string_append_printf (text, _("%u. %s — ERROR after %s"), step->index, summary, duration);
      break;
    case DX_CLI_STATUS_SKIPPED:
      g_string_append_printf (text, _("%u. %s — skipped"), step->index, summary);
      break;
    default:
      g_assert_not_reached ();
    }
  g_string_append_c (text, '\n');
}

/* Every step's heading; expected and actual under each that did not pass;
 * what the runner said of a step, for every step or only for those. */
static char *
dup_steps_text (DxCliScenario *scenario,
                gboolean       every_message)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < scenario->steps->len; i++)
    {
      DxCliStep *step = g_ptr_array_index (scenario->steps, i);
      gboolean failed = step->status == DX_CLI_STATUS_FAILED || step->status == DX_CLI_STATUS_ERROR;

      append_step_heading (text, step);
      if (failed && step->expected != NULL)
        {
          g_string_append_printf (text, _("   expected: %s"), step->expected);
          g_string_append_c (text, '\n');
        }
      if (failed && step->actual != NULL)
        {
          g_string_append_printf (text, _("   actual:   %s"), step->actual);
          g_string_append_c (text, '\n');
        }
      if (step->message != NULL && (failed || every_message))
        g_string_append_printf (text, "   %s\n", step->message);
    }

  if (scenario->message != NULL)
    g_string_append_printf (text, "%s\n", scenario->message);

  return g_string_free (text, FALSE);
}

/**
 * dx_cli_scenario_dup_step_log:
 *
 * Returns: every step with its outcome and what the runner said of it:
 *   the log CI shows beside the test
 */
char *
dx_cli_scenario_dup_step_log (DxCliScenario *scenario)
{
  return dup_steps_text (scenario, TRUE);
}

/**
 * dx_cli_scenario_dup_failure_text:
 *
 * Returns: the scenario step by step, with expected and actual under every
 *   step that did not pass: the body of a JUnit failure
 */
char *
dx_cli_scenario_dup_failure_text (DxCliScenario *scenario)
{
  return dup_steps_text (scenario, FALSE);
}

DxCliSession *
dx_cli_session_new (const char *name,
                    const char *id,
                    const char *url)
{
  DxCliSession *session = g_new0 (DxCliSession, 1);

  session->name = g_strdup (name);
  session->id = g_strdup (id);
  session->url = g_strdup (url);
  session->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) dx_cli_scenario_free);
  return session;
}

void
dx_cli_session_free (DxCliSession *session)
{
  if (session == NULL)
    return;

  g_free (session->name);
  g_free (session->id);
  g_free (session->url);
  g_clear_pointer (&session->started, g_date_time_unref);
  g_ptr_array_unref (session->scenarios);
  g_free (session);
}

/**
 * dx_cli_session_add_scenario:
 * @scenario: (transfer full):
 */
void
dx_cli_session_add_scenario (DxCliSession  *session,
                             DxCliScenario *scenario)
{
  g_ptr_array_add (session->scenarios, scenario);
}

/**
 * dx_cli_session_count:
 *
 * Adds the session's scenarios to @counts.
 */
void
dx_cli_session_count (DxCliSession *session,
                      DxCliCounts  *counts)
{
  for (guint i = 0; i < session->scenarios->len; i++)
    {
      DxCliScenario *scenario = g_ptr_array_index (session->scenarios, i);

      counts->scenarios++;
      switch (scenario->status)
        {
        case DX_CLI_STATUS_PASSED:
          counts->passed++;
          break;
        case DX_CLI_STATUS_FAILED:
          counts->failed++;
          break;
        case DX_CLI_STATUS_ERROR:
          counts->errors++;
          break;
        case DX_CLI_STATUS_SKIPPED:
          counts->skipped++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

DxCliReport *
dx_cli_report_new (const char *workspace)
{
  DxCliReport *report = g_new0 (DxCliReport, 1);

  report->workspace = g_strdup (workspace);
  report->hostname = g_strdup (g_get_host_name ());
  report->started = g_date_time_new_now_local ();
  report->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) dx_cli_session_free);
  return report;
}

void
dx_cli_report_free (DxCliReport *report)
{
  if (report == NULL)
    return;

  g_free (report->workspace);
  g_free (report->hostname);
  g_date_time_unref (report->started);
  g_ptr_array_unref (report->sessions);
  g_free (report);
}

/**
 * dx_cli_report_add_session:
 * @session: (transfer full):
 */
void
dx_cli_report_add_session (DxCliReport  *report,
                           DxCliSession *session)
{
  g_ptr_array_add (report->sessions, session);
}

/**
 * dx_cli_report_count:
 *
 * Sets @counts to the report's scenarios by status.
 */
void
dx_cli_report_count (DxCliReport *report,
                     DxCliCounts *counts)
{
  *counts = (DxCliCounts) { 0 };
  for (guint i = 0; i < report->sessions->len; i++)
    dx_cli_session_count (g_ptr_array_index (report->sessions, i), counts);
}

/**
 * dx_cli_report_exit_status:
 *
 * Returns: DX_CLI_EXIT_FAILED when a scenario failed or could not run
 *   through, DX_CLI_EXIT_PASSED otherwise
 */
int
dx_cli_report_exit_status (DxCliReport *report)
{
  DxCliCounts counts;

  dx_cli_report_count (report, &counts);
  return counts.failed + counts.errors > 0 ? DX_CLI_EXIT_FAILED : DX_CLI_EXIT_PASSED;
}
