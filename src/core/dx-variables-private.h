/* dx-variables-private.h — the {{name}} scanner, for the rest of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-variables.h"

G_BEGIN_DECLS

gboolean _dx_variables_find_reference (const char  *text,
                                       const char **start,
                                       const char **end,
                                       char       **name);

G_END_DECLS
