/* dx-sample-session.h — what a first run shows: a session on the built-in
 * echo server, with a saved message and a scenario to try
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-session.h"

G_BEGIN_DECLS

DxSession *dx_sample_session_new (const char *url);

G_END_DECLS
