/* test-headers.c — headers libsoup writes itself, and names to complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-headers.h"

static void
test_reserved (void)
{
  const char *reserved[] = {
    "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
    "Sec-WebSocket-Extensions", "Sec-WebSocket-Accept", "Content-Length",
    "Transfer-Encoding", "host", "UPGRADE", "sec-websocket-key", " Connection ",
  };
  const char *allowed[] = {
    "Authorization", "Cookie", "Origin", "User-Agent", "Sec-WebSocket-Protocol",
    "X-Api-Key", "X-Host", "Hostname", "", "Sec-WebSocket",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    {
      g_test_message ("reserved: “%s”", reserved[i]);
      g_assert_true (dx_header_is_reserved (reserved[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_test_message ("allowed: “%s”", allowed[i]);
      g_assert_false (dx_header_is_reserved (allowed[i]));
    }
}

static void
test_common_names (void)
{
  const char * const *names = dx_header_common_names ();
  const char *expected[] = {
    "Authorization", "Cookie", "Origin", "User-Agent", "Sec-WebSocket-Protocol", "X-Api-Key",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains (names, expected[i]));

  /* Completion never offers what would only get replaced, and offers each
   * name once, sorted */
  for (guint i = 0; names[i]; i++)
    {
      g_assert_false (dx_header_is_reserved (names[i]));
      if (i > 0)
        g_assert_cmpint (g_ascii_strcasecmp (names[i - 1], names[i]), <, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dx/headers/reserved", test_reserved);
  g_test_add_func ("/dx/headers/common-names", test_common_names);

  return g_test_run ();
}
