/* dx-filtered-history.h — the rows of a DxHistory that a DxHistoryFilter
 * matches, as a GListModel that filters in slices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-history.h"
#include "dx-history-filter.h"

G_BEGIN_DECLS

#define DX_TYPE_FILTERED_HISTORY (dx_filtered_history_get_type ())
G_DECLARE_FINAL_TYPE (DxFilteredHistory, dx_filtered_history, DX, FILTERED_HISTORY, GObject)

DxFilteredHistory *dx_filtered_history_new                  (DxHistory         *history,
                                                             DxHistoryFilter   *filter);
DxHistory         *dx_filtered_history_get_history          (DxFilteredHistory *self);
void               dx_filtered_history_set_history          (DxFilteredHistory *self,
                                                             DxHistory         *history);
DxHistoryFilter   *dx_filtered_history_get_filter           (DxFilteredHistory *self);
guint              dx_filtered_history_get_pending          (DxFilteredHistory *self);
gboolean           dx_filtered_history_get_filtering        (DxFilteredHistory *self);
guint              dx_filtered_history_get_history_position (DxFilteredHistory *self,
                                                             guint              position);
void               dx_filtered_history_finish               (DxFilteredHistory *self);

G_END_DECLS
