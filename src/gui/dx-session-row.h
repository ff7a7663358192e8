/* dx-session-row.h — one session in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-session-view.h"

G_BEGIN_DECLS

#define DX_TYPE_SESSION_ROW (dx_session_row_get_type ())
G_DECLARE_FINAL_TYPE (DxSessionRow, dx_session_row, DX, SESSION_ROW, GtkWidget)

GtkWidget     *dx_session_row_new           (void);
void           dx_session_row_set_view      (DxSessionRow  *self,
                                             DxSessionView *view);
DxSessionView *dx_session_row_get_view      (DxSessionRow  *self);
void           dx_session_row_start_rename  (DxSessionRow  *self);
const char    *dx_session_row_get_unread_text (DxSessionRow *self);

G_END_DECLS
