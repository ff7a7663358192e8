/* dx-test-util.c — what every Duplex test program shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-test-util.h"

static GLogFunc test_log_handler;

static void
quiet_log_handler (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        data)
{
  if (level & G_LOG_LEVEL_DEBUG)
    return;
  test_log_handler (domain, level, message, data);
}

/**
 * dx_test_quiet_debug:
 *
 * GTest prints every debug message in TAP mode; libsoup logs one per frame,
 * which under a flood is millions of lines and most of the run time. Call
 * after g_test_init().
 */
void
dx_test_quiet_debug (void)
{
  g_log_set_debug_enabled (FALSE);
  test_log_handler = g_log_set_default_handler (quiet_log_handler, NULL);
}

static gboolean
keep_ticking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * dx_test_wait_until:
 * @what: what is awaited, for the failure message
 *
 * Spins the default main context until @condition holds. The deadline is a
 * hang guard, not a timing assertion: it is far beyond any normal run.
 */
void
dx_test_wait_until (DxTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  /* wakes the loop so that the deadline is checked even when nothing comes */
  guint tick = g_timeout_add (100, keep_ticking, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

/**
 * dx_test_spin:
 *
 * Lets the main context run for @ms milliseconds: for checking that
 * something does NOT happen.
 */
void
dx_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}
