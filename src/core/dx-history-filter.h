/* dx-history-filter.h — which history entries to show: direction, kind and
 * a text or regular-expression search over payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-history.h"

G_BEGIN_DECLS

#define DX_HISTORY_FILTER_ALL 0xffu
#define DX_HISTORY_FILTER_BIT(value) (1u << (value))

#define DX_TYPE_HISTORY_FILTER (dx_history_filter_get_type ())
G_DECLARE_FINAL_TYPE (DxHistoryFilter, dx_history_filter, DX, HISTORY_FILTER, GObject)

DxHistoryFilter *dx_history_filter_new             (void);
void             dx_history_filter_set_directions  (DxHistoryFilter *self,
                                                    guint            mask);
void             dx_history_filter_set_kinds       (DxHistoryFilter *self,
                                                    guint            mask);
gboolean         dx_history_filter_set_search      (DxHistoryFilter *self,
                                                    const char      *search,
                                                    gboolean         regex,
                                                    GError         **error);
gboolean         dx_history_filter_is_everything   (DxHistoryFilter *self);
gboolean         dx_history_filter_match           (DxHistoryFilter *self,
                                                    DxDirection      direction,
                                                    DxMessageKind    kind,
                                                    const guint8    *data,
                                                    gsize            size);
gboolean         dx_history_filter_match_message   (DxHistoryFilter *self,
                                                    DxMessage       *message);
gboolean         dx_history_filter_match_position  (DxHistoryFilter *self,
                                                    DxHistory       *history,
                                                    guint            position);
guint            dx_history_filter_count           (DxHistoryFilter *self,
                                                    DxHistory       *history);
DxHistory       *dx_history_filter_copy_matching   (DxHistoryFilter *self,
                                                    DxHistory       *history);

G_END_DECLS
