/* dx-cli-run.c — `duplex-cli run`: load, pick, run, report
 *
 * Sessions run concurrently, up to --jobs at a time, each on a connection
 * of its own; a session's scenarios run one after another, in the order
 * of the file. Everything happens on the main thread (DxConnection's API
 * is main-thread only; its sockets live on the network thread), so the
 * console lines of different sessions can only ever follow each other
 * whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "dx-cli-options.h"
#include "dx-cli-progress.h"
#include "dx-cli-report-json.h"
#include "dx-cli-report-junit.h"
#include "dx-cli-report.h"
#include "dx-cli-run.h"
#include "dx-cli-runner.h"
#include "dx-field.h"
#include "dx-scenario.h"
#include "dx-workspace-io.h"

typedef struct _Run Run;

typedef struct {
  Run          *run;
  DxSession    *session;
  GPtrArray    *scenarios;      /* of DxScenario, in the order they run */
  DxCliSession *report;         /* owned by the run's report */
  DxConnection *connection;
  guint         next;           /* the scenario to run next */
  gint64        started_us;
  DxCliRunner  *runner;         /* of the scenario running */
} SessionJob;

struct _Run
{
  DxCliRunOptions *options;
  DxWorkspace     *workspace;
  GListStore      *overrides;   /* of DxField: --var */
  DxCliReport     *report;
  DxCliProgress   *progress;
  GPtrArray       *jobs;        /* of SessionJob */
  guint            next_job;
  guint            running;
  gboolean         stopping;
  GMainLoop       *loop;
  gint64           started_us;
};

static void job_run_next (SessionJob *job);
static void run_next_jobs (Run *run);

static void
session_job_free (SessionJob *job)
{
  g_clear_pointer (&job->runner, dx_cli_runner_free);
  g_clear_object (&job->connection);
  g_clear_object (&job->session);
  g_ptr_array_unref (job->scenarios);
  g_free (job);
}

/* "“Alpha”, “Beta”" for an error message, each name once */
static char *
dup_name_list (GPtrArray *names)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (!g_hash_table_add (seen, (gpointer) name))
        continue;
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "“%s”", name);
    }

  return g_string_free (list, FALSE);
}

static gboolean
strv_has (char       **strv,
          const char  *name)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, name);
}

static gboolean
session_is_picked (Run       *run,
                   DxSession *session)
{
  return run->options->sessions == NULL ||
         strv_has (run->options->sessions, dx_session_get_name (session)) ||
         strv_has (run->options->sessions, dx_session_get_id (session));
}

/* Works out what runs from --session and --scenario. A name that matches
 * nothing is an error listing the names there are: a typo in a CI file
 * must not pass as a green run of nothing. */
static gboolean
pick_jobs (Run     *run,
           GError **error)
{
  GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (run->workspace));
  guint n_sessions = g_list_model_get_n_items (sessions);
  g_autoptr(GPtrArray) session_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) scenario_names = g_ptr_array_new ();
  g_autoptr(GHashTable) found_sessions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) found_scenarios = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *file = g_filename_display_basename (run->options->workspace);

  for (guint i = 0; i < n_sessions; i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);
      GListModel *scenarios = G_LIST_MODEL (dx_session_get_scenarios (session));
      guint n_scenarios = g_list_model_get_n_items (scenarios);
      SessionJob *job;

      g_ptr_array_add (session_names, (gpointer) dx_session_get_name (session));
      if (!session_is_picked (run, session))
        continue;
      g_hash_table_add (found_sessions, (gpointer) dx_session_get_name (session));
      g_hash_table_add (found_sessions, (gpointer) dx_session_get_id (session));

      job = g_new0 (SessionJob, 1);
      job->run = run;
      job->session = g_object_ref (session);
      job->scenarios = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = 0; j < n_scenarios; j++)
        {
          g_autoptr(DxScenario) scenario = g_list_model_get_item (scenarios, j);
          const char *name = dx_scenario_get_name (scenario);

          g_ptr_array_add (scenario_names, (gpointer) name);
          if (run->options->scenarios != NULL && !strv_has (run->options->scenarios, name))
            continue;
          g_hash_table_add (found_scenarios, (gpointer) name);
          g_ptr_array_add (job->scenarios, g_object_ref (scenario));
        }

      if (job->scenarios->len == 0)
        {
          session_job_free (job);
          continue;
        }
      g_ptr_array_add (run->jobs, job);
    }

  for (guint i = 0; run->options->sessions && run->options->sessions[i]; i++)
    if (!g_hash_table_contains (found_sessions, run->options->sessions[i]))
      {
        g_autofree char *list = dup_name_list (session_names);

        if (session_names->len == 0)
          g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_SELECTION,
                       _("%s has no session “%s”; it has no sessions at all"),
                       file, run->options->sessions[i]);
        else
          g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_SELECTION,
                       _("%s has no session “%s”; its sessions are %s"),
                       file, run->options->sessions[i], list);
        return FALSE;
      }

  for (guint i = 0; run->options->scenarios && run->options->scenarios[i]; i++)
    if (!g_hash_table_contains (found_scenarios, run->options->scenarios[i]))
      {
        g_autofree char *list = dup_name_list (scenario_names);

        if (scenario_names->len == 0)
          g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_SELECTION,
                       _("There is no scenario “%s”: the sessions picked in %s have no scenarios"),
                       run->options->scenarios[i], file);
        else
          g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_SELECTION,
                       _("There is no scenario “%s” in the sessions picked in %s; there are %s"),
                       run->options->scenarios[i], file, list);
        return FALSE;
      }

  if (run->jobs->len == 0)
    {
      g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_SELECTION,
                   _("%s has no scenarios to run: add one to a session in Duplex, "
                     "or write one as docs/workspace-format.md shows"), file);
      return FALSE;
    }

  return TRUE;
}

/* --var KEY=VALUE: the runner's overrides win over the scenario's and the
 * workspace's variables (captures alone win over them), and leave the
 * workspace as the file has it. */
static void
apply_vars (Run *run)
{
  run->overrides = g_list_store_new (DX_TYPE_FIELD);
  for (guint i = 0; run->options->var_keys[i] != NULL; i++)
    {
      g_autoptr(DxField) field = dx_field_new (TRUE, run->options->var_keys[i],
                                               run->options->var_values[i]);

      g_list_store_append (run->overrides, field);
    }
}

/* A report file that cannot be written is found out before the run, not
 * after minutes of it. */
static gboolean
check_output (const char  *path,
              GError     **error)
{
  g_autofree char *dir = NULL;

  if (path == NULL)
    return TRUE;

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || access (dir, W_OK) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_OUTPUT,
                   _("Cannot write the report %s: its folder does not exist or is not writable"),
                   display);
      return FALSE;
    }

  return TRUE;
}

static void
job_finished (SessionJob *job)
{
  Run *run = job->run;

  job->report->duration_us = g_get_monotonic_time () - job->started_us;
  g_clear_object (&job->connection);
  run->running--;
  run_next_jobs (run);
}

static void
step_finished_cb (DxCliStep *step,
                  gpointer   data)
{
  SessionJob *job = data;

  dx_cli_progress_step_finished (job->run->progress, job->report, step);
}

static void
scenario_finished_cb (DxCliScenario *scenario,
                      gpointer       data)
{
  SessionJob *job = data;

  dx_cli_progress_scenario_finished (job->run->progress, job->report, scenario);
  g_clear_pointer (&job->runner, dx_cli_runner_free);
  job->next++;
  job_run_next (job);
}

static void
job_run_next (SessionJob *job)
{
  Run *run = job->run;
  DxCliScenario *scenario;

  if (job->next >= job->scenarios->len)
    {
      job_finished (job);
      return;
    }

  scenario = g_ptr_array_index (job->report->scenarios, job->next);
  if (run->stopping)
    {
      /* What a stop left unrun stays as it was made: skipped */
      dx_cli_progress_scenario_started (run->progress, job->report, scenario);
      dx_cli_progress_scenario_finished (run->progress, job->report, scenario);
      job->next++;
      job_run_next (job);
      return;
    }

  dx_cli_progress_scenario_started (run->progress, job->report, scenario);
  job->runner = dx_cli_runner_new (job->connection,
                                   g_ptr_array_index (job->scenarios, job->next),
                                   G_LIST_MODEL (dx_workspace_get_variables (run->workspace)),
                                   G_LIST_MODEL (run->overrides),
                                   run->options->timeout_scale,
                                   scenario);
  dx_cli_runner_set_library (job->runner, G_LIST_MODEL (dx_workspace_get_library (run->workspace)));
  dx_cli_runner_start (job->runner, step_finished_cb, scenario_finished_cb, job);
}

static void
job_start (SessionJob *job)
{
  Run *run = job->run;

  run->running++;
  job->started_us = g_get_monotonic_time ();
  job->report->started = g_date_time_new_now_local ();
  job->connection = dx_connection_new (job->session);
  job_run_next (job);
}

static void
run_next_jobs (Run *run)
{
  while (!run->stopping && run->next_job < run->jobs->len &&
         run->running < (guint) run->options->jobs)
    job_start (g_ptr_array_index (run->jobs, run->next_job++));

  if (run->running == 0 && (run->stopping || run->next_job == run->jobs->len))
    g_main_loop_quit (run->loop);
}

/* The report holds every session and scenario picked from the start, as
 * skipped, so that a stopped run still reports what it did not get to. */
static void
prepare_report (Run *run)
{
  for (guint i = 0; i < run->jobs->len; i++)
    {
      SessionJob *job = g_ptr_array_index (run->jobs, i);

      /* The URL as written: expanded, a {{token}} given with --var would
       * end up in CI artifacts */
      job->report = dx_cli_session_new (dx_session_get_name (job->session),
                                        dx_session_get_id (job->session),
                                        dx_session_get_url (job->session));
      for (guint j = 0; j < job->scenarios->len; j++)
        {
          DxCliScenario *scenario =
            dx_cli_scenario_new (dx_scenario_get_name (g_ptr_array_index (job->scenarios, j)));

          scenario->status = DX_CLI_STATUS_SKIPPED;
          scenario->message = g_strdup (_("not run: the run was stopped"));
          dx_cli_session_add_scenario (job->report, scenario);
        }
      dx_cli_report_add_session (run->report, job->report);
    }
}

static gboolean
stop_cb (gpointer data)
{
  Run *run = data;

  /* A second Ctrl+C does not wait for connections to close politely */
  if (run->stopping)
    {
      g_main_loop_quit (run->loop);
      return G_SOURCE_CONTINUE;
    }

  g_printerr (_("Stopping: the scenarios not finished are reported as skipped "
                "(Ctrl+C again to stop at once)\n"));
  run->stopping = TRUE;
  for (guint i = 0; i < run->jobs->len; i++)
    {
      SessionJob *job = g_ptr_array_index (run->jobs, i);

      if (job->runner != NULL)
        dx_cli_runner_stop (job->runner);
    }
  run_next_jobs (run);
  return G_SOURCE_CONTINUE;
}

static gboolean
write_reports (Run     *run,
               GError **error)
{
  if (run->options->junit != NULL &&
      !dx_cli_report_write_junit (run->report, run->options->junit, error))
    return FALSE;
  if (run->options->json != NULL &&
      !dx_cli_report_write_json (run->report, run->options->json, error))
    return FALSE;
  return TRUE;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_clear_pointer (&run->report, dx_cli_report_free);
  g_clear_pointer (&run->progress, dx_cli_progress_free);
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->overrides);
  g_clear_object (&run->workspace);
  g_clear_pointer (&run->options, dx_cli_run_options_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gboolean
load_workspace (Run     *run,
                GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (run->options->workspace);
  g_autoptr(GError) local_error = NULL;

  run->workspace = dx_workspace_io_load (file, &local_error);
  if (run->workspace != NULL)
    return TRUE;

  /* Workspace errors name the file and line already; GIO's name the path */
  if (local_error->domain == DX_WORKSPACE_IO_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_WORKSPACE,
                 _("Cannot read the workspace: %s"), local_error->message);
  return FALSE;
}

/**
 * dx_cli_run:
 * @argv: the arguments after "duplex-cli", starting with "run"
 *
 * Returns: the exit status
 */
int
dx_cli_run (int    argc,
            char **argv)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  guint sigint_id, sigterm_id;
  int status;

  run.options = dx_cli_run_options_parse (argc, argv, &error);
  if (run.options == NULL)
    goto invalid;

  run.jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) session_job_free);
  if (!load_workspace (&run, &error) ||
      !pick_jobs (&run, &error) ||
      !check_output (run.options->junit, &error) ||
      !check_output (run.options->json, &error))
    goto invalid;
  apply_vars (&run);

  run.report = dx_cli_report_new (run.options->workspace);
  run.progress = dx_cli_progress_new (stdout, run.options->jobs > 1 && run.jobs->len > 1);
  dx_cli_progress_set_color (run.progress,
                             g_getenv ("NO_COLOR") == NULL && isatty (fileno (stdout)) &&
                             g_log_writer_supports_color (fileno (stdout)));
  prepare_report (&run);

  run.loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, stop_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, stop_cb, &run);

  run.started_us = g_get_monotonic_time ();
  run_next_jobs (&run);
  g_main_loop_run (run.loop);
  run.report->duration_us = g_get_monotonic_time () - run.started_us;

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  dx_cli_progress_summary (run.progress, run.report);
  if (!write_reports (&run, &error))
    goto invalid;

  status = dx_cli_report_exit_status (run.report);
  if (run.stopping)
    status = DX_CLI_EXIT_FAILED;
  return status;

invalid:
  g_printerr ("duplex-cli: %s\n", error->message);
  return DX_CLI_EXIT_INVALID;
}
