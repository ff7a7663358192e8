/* dx-test-util.h — what every Duplex test program shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A hang guard for every wait, far beyond any normal run: not a timing
 * assertion. */
#define DX_TEST_WAIT_LIMIT_S 120

/* Spins the default main context until @cond holds; past the limit it fails
 * the test and runs @bail (return from the caller, usually). dx_test_setup()
 * keeps the context waking up, so the limit is noticed even when idle. */
#define DX_TEST_WAIT_UNTIL_OR(cond, what, bail)                                   \
  G_STMT_START {                                                                  \
    gint64 wait_deadline_ = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC; \
    while (!(cond))                                                               \
      {                                                                           \
        if (g_get_monotonic_time () > wait_deadline_)                             \
          {                                                                       \
            g_test_fail_printf ("Gave up after %d s waiting for %s (%s:%d)",      \
                                DX_TEST_WAIT_LIMIT_S, (what), __FILE__, __LINE__); \
            bail;                                                                 \
          }                                                                       \
        g_main_context_iteration (NULL, TRUE);                                    \
      }                                                                           \
  } G_STMT_END
#define DX_TEST_WAIT_UNTIL(cond, what) DX_TEST_WAIT_UNTIL_OR (cond, what, return)

typedef gboolean (*DxTestCondition) (gpointer data);

void dx_test_setup       (void);
void dx_test_allow_benign_warnings (void);
void dx_test_wait_until  (DxTestCondition  condition,
                          gpointer         data,
                          const char      *what);
void dx_test_spin        (guint            ms);
void dx_test_store_result_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      data);

G_END_DECLS
