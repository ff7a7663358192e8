/* dx-test-util.c — what every Duplex test program shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-test-util.h"

static GLogFunc gtest_log_handler;

/* libsoup's server warns when a client is gone before the server got to
 * look at its socket; a client that gives up while connecting does exactly
 * that. It is no failure. */
static gboolean
is_benign_warning (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message)
{
  return g_strcmp0 (log_domain, "libsoup") == 0 &&
         (log_level & G_LOG_LEVEL_WARNING) != 0 &&
         strstr (message, "could not get remote address") != NULL;
}

static void
quiet_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        data)
{
  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0 &&
      g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return;

  if (is_benign_warning (log_domain, log_level, message))
    log_level &= ~G_LOG_FLAG_FATAL;

  gtest_log_handler (log_domain, log_level, message, data);
}

static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        data)
{
  return !is_benign_warning (log_domain, log_level, message);
}

/**
 * dx_test_allow_benign_warnings:
 *
 * GTest forgets its fatal handler at the start of every test: call this in
 * the setup of tests that make clients give up while connecting.
 */
void
dx_test_allow_benign_warnings (void)
{
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
}

static gboolean
keep_awake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * dx_test_setup:
 *
 * Call after g_test_init() or gtk_test_init(). GTest prints every debug
 * message in TAP mode, and libsoup logs one per frame: under a flood that
 * is millions of lines and most of the run time, so debug output is shown
 * only with G_MESSAGES_DEBUG. It also keeps the main context waking up
 * every 100 ms, so that a wait's hang guard is noticed.
 */
void
dx_test_setup (void)
{
  gtest_log_handler = g_log_set_default_handler (quiet_log_handler, NULL);
  dx_test_allow_benign_warnings ();
  g_timeout_add (100, keep_awake_cb, NULL);
}

/**
 * dx_test_wait_until:
 * @what: what is awaited, for the failure message
 *
 * Spins the default main context until @condition holds, or aborts the
 * test program past DX_TEST_WAIT_LIMIT_S.
 */
void
dx_test_wait_until (DxTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up after %d s waiting for %s", DX_TEST_WAIT_LIMIT_S, what);
      g_main_context_iteration (NULL, TRUE);
    }
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

/* A GAsyncReadyCallback that keeps a reference to the result in
 * *(GAsyncResult **) @data */
void
dx_test_store_result_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}
