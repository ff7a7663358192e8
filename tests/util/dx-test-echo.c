/* dx-test-echo.c — the built-in echo server, for the whole of a test
 * program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-test-echo.h"

/* Returns: (transfer full): the echo server, listening on a free port of
 *   the loopback; a program that cannot start it stops at once */
DxEchoServer *
dx_test_echo_server_start (void)
{
  g_autoptr(DxEchoServer) server = dx_echo_server_new ();
  g_autoptr(GError) error = NULL;

  if (!dx_echo_server_start (server, 0, &error))
    g_error ("The echo server did not start: %s", error->message);
  return g_steal_pointer (&server);
}

/* Stops @server and drops it: for g_clear_pointer() */
void
dx_test_echo_server_stop (DxEchoServer *server)
{
  dx_echo_server_stop (server);
  g_object_unref (server);
}
