/* dx-history-view.h — the message history as a GtkListView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DX_TYPE_HISTORY_VIEW (dx_history_view_get_type ())
G_DECLARE_FINAL_TYPE (DxHistoryView, dx_history_view, DX, HISTORY_VIEW, GtkWidget)

GtkWidget   *dx_history_view_new           (void);
void         dx_history_view_set_model     (DxHistoryView *self,
                                            GListModel    *model);
GListModel  *dx_history_view_get_model     (DxHistoryView *self);
gboolean     dx_history_view_get_following (DxHistoryView *self);
void         dx_history_view_scroll_to_end (DxHistoryView *self);
GtkListView *dx_history_view_get_list_view (DxHistoryView *self);

G_END_DECLS
