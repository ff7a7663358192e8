/* dx-interop-peer.c — a peer we did not write, run as a child process: it
 * prints "PORT <n>" once it listens and stops when its stdin closes
 *
 * Every wait is bounded by the hang guard, DX_TEST_WAIT_LIMIT_S; a peer
 * that outstays it is killed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-interop-peer.h"
#include "dx-test-util.h"

/**
 * dx_interop_peer_read_port:
 * @who: the peer, as the error names it
 *
 * Reads the "PORT <n>" line a server peer prints once it listens. A peer
 * that prints something else, or nothing, is told to stop.
 *
 * Returns: the port, or 0 with @error saying what came instead
 */
guint
dx_interop_peer_read_port (GSubprocess  *process,
                           const char   *who,
                           GError      **error)
{
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *line = NULL;
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;
  guint64 value;

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (output, G_PRIORITY_DEFAULT, cancellable,
                                       dx_test_store_result_cb, &result);
  while (result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_cancellable_cancel (cancellable);
      g_main_context_iteration (NULL, TRUE);
    }
  line = g_data_input_stream_read_line_finish_utf8 (output, result, NULL, &local_error);

  if (line == NULL || !g_str_has_prefix (line, "PORT ") ||
      !g_ascii_string_to_unsigned (line + strlen ("PORT "), 10, 1, G_MAXUINT16, &value, NULL))
    {
      g_autofree char *what = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        what = g_strdup_printf ("nothing within %d s", DX_TEST_WAIT_LIMIT_S);
      else if (local_error)
        what = g_strdup (local_error->message);
      else if (line)
        what = g_strdup_printf ("\"%s\" instead", line);
      else
        what = g_strdup ("it exited first");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s did not print \"PORT <n>\": %s (its stderr is in the log)", who, what);
      g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
      dx_interop_peer_wait_or_kill (process);
      return 0;
    }

  return value;
}

/* Waits for @process to exit; kills it if it takes longer than the limit.
 * Returns: %FALSE if it had to be killed */
gboolean
dx_interop_peer_wait_or_kill (GSubprocess *process)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;
  gboolean killed = FALSE;

  g_subprocess_wait_async (process, NULL, dx_test_store_result_cb, &result);
  while (result == NULL)
    {
      if (!killed && g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (process);
          killed = TRUE;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_subprocess_wait_finish (process, result, NULL);

  return !killed;
}

/* Closes @process's stdin, which is how a server peer is told to stop, and
 * fails the test unless it then exits cleanly */
void
dx_interop_peer_stop (GSubprocess *process,
                      const char  *who)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  if (!dx_interop_peer_wait_or_kill (process))
    g_test_fail_printf ("%s did not stop within %d s of its stdin closing; killed it",
                        who, DX_TEST_WAIT_LIMIT_S);
  else if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_test_fail_printf ("%s did not exit cleanly (status %d); its stderr is in the log",
                        who, g_subprocess_get_status (process));
}
