/* dx-history-row.h — one row of the history list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-message.h"

G_BEGIN_DECLS

#define DX_TYPE_HISTORY_ROW (dx_history_row_get_type ())
G_DECLARE_FINAL_TYPE (DxHistoryRow, dx_history_row, DX, HISTORY_ROW, GtkWidget)

GtkWidget  *dx_history_row_new          (void);
void        dx_history_row_set_message  (DxHistoryRow *self,
                                         DxMessage    *message);
const char *dx_history_row_get_kind_tag   (DxHistoryRow *self);
const char *dx_history_row_get_preview  (DxHistoryRow *self);

G_END_DECLS
