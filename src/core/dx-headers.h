/* dx-headers.h — what a tester may put in a handshake's request headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean            dx_header_is_reserved   (const char *name);
const char * const *dx_header_common_names  (void);

G_END_DECLS
