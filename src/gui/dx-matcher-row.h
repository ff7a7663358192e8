/* dx-matcher-row.h — edits one matcher of an expect-message step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-matcher.h"

G_BEGIN_DECLS

#define DX_TYPE_MATCHER_ROW (dx_matcher_row_get_type ())
G_DECLARE_FINAL_TYPE (DxMatcherRow, dx_matcher_row, DX, MATCHER_ROW, GtkListBoxRow)

GtkWidget *dx_matcher_row_new         (DxMatcher    *matcher);
DxMatcher *dx_matcher_row_get_matcher (DxMatcherRow *self);

G_END_DECLS
