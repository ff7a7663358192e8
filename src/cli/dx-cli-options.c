/* dx-cli-options.c — duplex-cli's command lines, parsed and checked
 *
 * All the checking that needs no workspace happens here, so that a typo
 * on the command line is reported before anything connects anywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dx-cli-options.h"

/* Far beyond any sensible use, low enough that a typo (--jobs 10000) does
 * not open thousands of sockets. */
#define MAX_JOBS          256
#define MAX_TIMEOUT_SCALE 1000.0

G_DEFINE_QUARK (dx-cli-error-quark, dx_cli_error)

/**
 * dx_cli_dup_main_help:
 *
 * Returns: what `duplex-cli --help` prints
 */
char *
dx_cli_dup_main_help (void)
{
  return g_strdup (_("Usage:\n"
                     "  duplex-cli COMMAND [OPTION…]\n"
                     "\n"
                     "Runs the WebSocket test scenarios of Duplex workspace files without a display,\n"
                     "for continuous integration, and serves Duplex's built-in echo server.\n"
                     "\n"
                     "Commands:\n"
                     "  run WORKSPACE.json   Run the scenarios of a workspace file, print each step as\n"
                     "                       it finishes, and write JUnit XML and JSON reports\n"
                     "  echo-server          Run the built-in WebSocket echo server until interrupted\n"
                     "\n"
                     "Options:\n"
                     "  -h, --help           Show this help\n"
                     "  --version            Show the version of duplex-cli\n"
                     "\n"
                     "“duplex-cli COMMAND --help” describes the options of a command.\n"
                     "\n"
                     "Exit status:\n"
                     "  0  every scenario that ran passed (echo-server: stopped by a signal)\n"
                     "  1  a scenario failed, or one of its steps could not be carried out\n"
                     "  2  the workspace or the command line is invalid, or there is nothing to\n"
                     "     run; a message on standard error names the problem\n"
                     "\n"
                     "Examples:\n"
                     "  duplex-cli run api-tests.json\n"
                     "  duplex-cli run api-tests.json --session Prices --junit junit.xml\n"
                     "  duplex-cli echo-server --port 8080\n"));
}

static const char *
run_description (void)
{
  return _("Runs the scenarios of the sessions in WORKSPACE.json, a workspace file saved\n"
           "by Duplex (see docs/workspace-format.md). Each session gets a connection of\n"
           "its own, and its scenarios run one after another, in the order of the file.\n"
           "Every step is printed as it finishes, with ✓ or ✗ and the time it took; a\n"
           "failed step says what was expected and what came instead. A summary line\n"
           "ends the run. A scenario stops at its first failed step; the steps after it,\n"
           "and steps turned off in the workspace, are reported as skipped.\n"
           "\n"
           "--session and --scenario pick what runs, by name (a session also by its id);\n"
           "together, --session A --scenario Login runs the scenario Login of session A.\n"
           "A name that matches nothing is an error that lists the names there are.\n"
           "\n"
           "{{name}} in URLs, headers and messages takes the scenario's variables, then\n"
           "the workspace's; --var sets one for this run only, over both (or adds it).\n"
           "\n"
           "--jobs runs that many sessions at once, each line then starting with its\n"
           "session's [name]; a session's scenarios always run in order. --timeout-scale\n"
           "multiplies the time every step may wait, say 3 on a slow CI machine.\n"
           "\n"
           "The JUnit report has a testsuite per session and a testcase per scenario\n"
           "(classname: the session, name: the scenario); a failure's text is each step\n"
           "with what was expected and what came. GitLab (artifacts:reports:junit),\n"
           "Jenkins (junit) and GitHub test-report actions read it. The JSON report has\n"
           "sessions, their scenarios and their steps, each with status (passed, failed,\n"
           "error, skipped), duration_ms, expected, actual and message.\n"
           "\n"
           "Ctrl+C (SIGINT) or SIGTERM stops the run: what did not finish is reported\n"
           "as skipped, the reports are still written, and the exit status is 1. A\n"
           "second Ctrl+C stops at once, without waiting for connections to close.\n"
           "\n"
           "Exit status:\n"
           "  0  every scenario that ran passed\n"
           "  1  a scenario failed, or one of its steps could not be carried out\n"
           "  2  the workspace or the command line is invalid: the file cannot be read\n"
           "     or is not a workspace, a --session or --scenario names nothing, a\n"
           "     --var is not KEY=VALUE, --jobs is not from 1 to 256, --timeout-scale is\n"
           "     not above 0 and at most 1000, a report cannot be written, or there is no\n"
           "     scenario to run\n"
           "\n"
           "Examples:\n"
           "  duplex-cli run api-tests.json\n"
           "  duplex-cli run api-tests.json --var host=staging.example.org --junit junit.xml\n"
           "  duplex-cli run api-tests.json --session Prices --scenario Subscribe\n"
           "  duplex-cli run api-tests.json --jobs 4 --timeout-scale 3 --json report.json");
}

static const char *
echo_description (void)
{
  return _("Serves Duplex's built-in WebSocket echo server on 127.0.0.1 until it gets\n"
           "SIGINT (Ctrl+C) or SIGTERM. The first line on standard output is the URL of\n"
           "its /echo path, written as soon as it listens, so that a script can wait for\n"
           "that line and then connect; the other paths follow.\n"
           "\n"
           "Paths:\n"
           "  /echo                      echoes text and binary messages\n"
           "  /inspect                   sends the handshake it received as JSON, then echoes\n"
           "  /flood?count=N&size=S      sends N text messages of S bytes, then echoes\n"
           "  /close?code=C&reason=R     closes at once with code C and reason R\n"
           "  /refuse?status=S&body=B    answers HTTP status S instead of upgrading\n"
           "It accepts the subprotocols echo, chat and json.\n"
           "\n"
           "Exit status:\n"
           "  0  stopped by SIGINT or SIGTERM\n"
           "  2  the command line is invalid, or the port cannot be listened on\n"
           "\n"
           "Examples:\n"
           "  duplex-cli echo-server\n"
           "  duplex-cli echo-server --port 8080 &\n"
           "  duplex-cli run tests.json --var echo=ws://127.0.0.1:8080/echo");
}

static void
set_usage_error (GError     **error,
                 const char  *command,
                 const char  *problem)
{
  g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_USAGE,
               /* Translators: the problem, then how to see the usage text */
               _("%s (see “duplex-cli %s --help”)"), problem, command);
}

/**
 * dx_cli_parse_var:
 * @text: "KEY=VALUE", as given to --var
 *
 * Splits @text at its first '='. The key follows the rules of {{name}}:
 * not empty, without braces, quotes or line breaks; the value may be
 * anything, '=' and empty included.
 */
gboolean
dx_cli_parse_var (const char  *text,
                  char       **key,
                  char       **value,
                  GError     **error)
{
  const char *equals = strchr (text, '=');
  g_autofree char *name = NULL;

  if (equals == NULL)
    {
      g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_USAGE,
                   _("--var “%s” is not KEY=VALUE: write it as name=value"), text);
      return FALSE;
    }

  name = g_strstrip (g_strndup (text, equals - text));
  if (name[0] == '\0')
    {
      g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_USAGE,
                   _("--var “%s” has no variable name before the “=”"), text);
      return FALSE;
    }
  if (strpbrk (name, "{}\"\n\r") != NULL)
    {
      g_set_error (error, DX_CLI_ERROR, DX_CLI_ERROR_USAGE,
                   _("--var “%s”: a variable name cannot hold braces, quotes or line breaks"), text);
      return FALSE;
    }

  *key = g_steal_pointer (&name);
  *value = g_strdup (equals + 1);
  return TRUE;
}

void
dx_cli_run_options_free (DxCliRunOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->workspace);
  g_strfreev (options->sessions);
  g_strfreev (options->scenarios);
  g_strfreev (options->var_keys);
  g_strfreev (options->var_values);
  g_free (options->junit);
  g_free (options->json);
  g_free (options);
}

/**
 * dx_cli_run_options_parse:
 * @argv: the arguments after "duplex-cli", starting with "run"
 *
 * Parses and checks `duplex-cli run`'s command line; --help prints the
 * usage text and exits.
 *
 * Returns: (nullable): the options, or NULL with @error set
 */
DxCliRunOptions *
dx_cli_run_options_parse (int     argc,
                          char  **argv,
                          GError **error)
{
  g_autoptr(DxCliRunOptions) options = g_new0 (DxCliRunOptions, 1);
  g_auto(GStrv) vars = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->sessions,
      N_("Run only the session NAME (or with that id); repeatable"),
      N_("NAME") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->scenarios,
      N_("Run only the scenarios called NAME; repeatable"),
      N_("NAME") },
    { "var", 0, 0, G_OPTION_ARG_STRING_ARRAY, &vars,
      N_("Set the variable KEY to VALUE for this run; repeatable"),
      N_("KEY=VALUE") },
    { "junit", 0, 0, G_OPTION_ARG_FILENAME, &options->junit,
      N_("Write a JUnit XML report to FILE"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options->json,
      N_("Write a JSON report to FILE"),
      N_("FILE") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &options->jobs,
      N_("Run up to N sessions at once (default: 1)"),
      N_("N") },
    { "timeout-scale", 0, 0, G_OPTION_ARG_DOUBLE, &options->timeout_scale,
      N_("Multiply every step's timeout by F (default: 1)"),
      N_("F") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("WORKSPACE.json") },
    { NULL }
  };

  options->jobs = 1;
  options->timeout_scale = 1.0;

  context = g_option_context_new (_("— run the scenarios of a workspace"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, run_description ());
  g_option_context_set_strict_posix (context, FALSE);

  /* GOption wants the program name first; "duplex-cli run" reads well in
   * its usage line. */
  args = g_new0 (char *, argc + 1);
  args[0] = g_strdup ("duplex-cli run");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &local_error))
    {
      set_usage_error (error, "run", local_error->message);
      return NULL;
    }

  if (rest == NULL || rest[0] == NULL)
    {
      set_usage_error (error, "run", _("No workspace file given: duplex-cli run WORKSPACE.json"));
      return NULL;
    }
  if (rest[1] != NULL)
    {
      g_autofree char *problem =
        g_strdup_printf (_("One workspace file at a time, not “%s” and “%s”"), rest[0], rest[1]);

      set_usage_error (error, "run", problem);
      return NULL;
    }
  options->workspace = g_strdup (rest[0]);

  if (options->jobs < 1 || options->jobs > MAX_JOBS)
    {
      g_autofree char *problem =
        g_strdup_printf (_("--jobs must be from 1 to %d, not %d"), MAX_JOBS, options->jobs);

      set_usage_error (error, "run", problem);
      return NULL;
    }

  if (!isfinite (options->timeout_scale) || options->timeout_scale <= 0 ||
      options->timeout_scale > MAX_TIMEOUT_SCALE)
    {
      g_autofree char *problem =
        g_strdup_printf (_("--timeout-scale must be above 0 and at most %g, not %g"),
                         MAX_TIMEOUT_SCALE, options->timeout_scale);

      set_usage_error (error, "run", problem);
      return NULL;
    }

  for (guint i = 0; vars != NULL && vars[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (!dx_cli_parse_var (vars[i], &key, &value, error))
        return NULL;
      g_strv_builder_add (keys, key);
      g_strv_builder_add (values, value);
    }
  options->var_keys = g_strv_builder_end (keys);
  options->var_values = g_strv_builder_end (values);

  return g_steal_pointer (&options);
}

/**
 * dx_cli_echo_options_parse:
 * @argv: the arguments after "duplex-cli", starting with "echo-server"
 *
 * Parses `duplex-cli echo-server`'s command line; --help prints the usage
 * text and exits.
 */
gboolean
dx_cli_echo_options_parse (int                argc,
                           char             **argv,
                           DxCliEchoOptions  *options,
                           GError           **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) rest = NULL;
  int port = 0;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Listen on port N of 127.0.0.1 (default: any free port)"),
      N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("— run the built-in WebSocket echo server"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, echo_description ());

  args = g_new0 (char *, argc + 1);
  args[0] = g_strdup ("duplex-cli echo-server");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &local_error))
    {
      set_usage_error (error, "echo-server", local_error->message);
      return FALSE;
    }

  if (rest != NULL && rest[0] != NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("Unexpected argument “%s”"), rest[0]);

      set_usage_error (error, "echo-server", problem);
      return FALSE;
    }

  if (port < 0 || port > G_MAXUINT16)
    {
      g_autofree char *problem = g_strdup_printf (_("--port must be from 0 to 65535, not %d"), port);

      set_usage_error (error, "echo-server", problem);
      return FALSE;
    }

  options->port = port;
  return TRUE;
}
