/* dx-bind.h — bindings that more than one widget makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

GBinding *dx_bind_text         (gpointer         source,
                                const char      *property,
                                gpointer         target);
void      dx_bind_style_scheme (GtkSourceBuffer *buffer);

G_END_DECLS
