/* dx-cli-main.h — duplex-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int dx_cli_main (int    argc,
                 char **argv);

G_END_DECLS
