/* dx-workspace-io-private.h — what reading and writing workspace files
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-workspace-io.h"

G_BEGIN_DECLS

/* The "format" of every workspace file, so that another JSON file opened
 * by mistake is refused with a message that says so. */
#define DX_WORKSPACE_IO_FORMAT_NAME "duplex-workspace"

G_END_DECLS
