/* dx-history-view.h — the message history as a GtkListView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-filtered-history.h"
#include "dx-history-filter.h"
#include "dx-message-inspector.h"

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
gboolean     dx_history_view_get_paused    (DxHistoryView *self);
void         dx_history_view_set_paused    (DxHistoryView *self,
                                            gboolean       paused);
DxHistoryFilter    *dx_history_view_get_filter    (DxHistoryView *self);
DxFilteredHistory  *dx_history_view_get_shown     (DxHistoryView *self);
GtkSingleSelection *dx_history_view_get_selection (DxHistoryView *self);
DxMessageInspector *dx_history_view_get_inspector (DxHistoryView *self);
char        *dx_history_view_dup_status_text (DxHistoryView *self);
void         dx_history_view_clear         (DxHistoryView *self);
gboolean     dx_history_view_can_undo_clear (DxHistoryView *self);
void         dx_history_view_undo_clear    (DxHistoryView *self);
gboolean     dx_history_view_export        (DxHistoryView  *self,
                                            GFile          *file,
                                            const char     *target,
                                            GError        **error);

G_END_DECLS
