/* dx-cli-echo.h — `duplex-cli echo-server`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int dx_cli_echo_server (int    argc,
                        char **argv);

G_END_DECLS
