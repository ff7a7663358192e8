/* dx-hexdump.h — binary payloads as offset / hex / ASCII lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *dx_hexdump (const guint8 *data,
                  gsize         size,
                  gsize         max_bytes);

G_END_DECLS
