/* dx-cli-run.h — `duplex-cli run`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int dx_cli_run (int    argc,
                char **argv);

G_END_DECLS
