/* dx-cli-echo.c — `duplex-cli echo-server`: the built-in echo server for
 * trying things out and for CI pipelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "dx-cli-echo.h"
#include "dx-cli-options.h"
#include "dx-cli-report.h"
#include "dx-echo-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

/**
 * dx_cli_echo_server:
 * @argv: the arguments after "duplex-cli", starting with "echo-server"
 *
 * Runs the server until SIGINT or SIGTERM. The /echo URL is the first
 * line on stdout, flushed at once: scripts wait for it before they
 * connect.
 *
 * Returns: the exit status
 */
int
dx_cli_echo_server (int    argc,
                    char **argv)
{
  DxCliEchoOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DxEchoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *paths[] = { "/inspect", "/flood?count=N&size=S", "/close?code=C&reason=R",
                          "/refuse?status=S&body=B" };
  g_autofree char *url = NULL;
  guint sigint_id, sigterm_id;

  if (!dx_cli_echo_options_parse (argc, argv, &options, &error))
    {
      g_printerr ("duplex-cli: %s\n", error->message);
      return DX_CLI_EXIT_INVALID;
    }

  server = dx_echo_server_new ();
  if (!dx_echo_server_start (server, options.port, &error))
    {
      g_printerr ("duplex-cli: %s\n", error->message);
      return DX_CLI_EXIT_INVALID;
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  url = dx_echo_server_dup_url (server, "/echo");
  printf ("%s\n", url);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *other = dx_echo_server_dup_url (server, paths[i]);

      printf ("%s\n", other);
    }
  fflush (stdout);
  g_printerr (_("The echo server is listening; Ctrl+C stops it.\n"));

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  dx_echo_server_stop (server);
  return DX_CLI_EXIT_PASSED;
}
