/* dx-test-echo.h — the built-in echo server, for the whole of a test
 * program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-echo-server.h"

G_BEGIN_DECLS

DxEchoServer *dx_test_echo_server_start (void);
void          dx_test_echo_server_stop  (DxEchoServer *server);

G_END_DECLS
