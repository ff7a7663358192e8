/* dx-saved-row.h — one saved message in the request pane's Saved page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-saved-message.h"

G_BEGIN_DECLS

/* What the tester asked of a row; the list that holds it acts */
typedef enum {
  DX_SAVED_ROW_ACTION_SEND,
  DX_SAVED_ROW_ACTION_LOAD,
  DX_SAVED_ROW_ACTION_EDIT,
  DX_SAVED_ROW_ACTION_MOVE_UP,
  DX_SAVED_ROW_ACTION_MOVE_DOWN,
  DX_SAVED_ROW_ACTION_TRANSFER,
  DX_SAVED_ROW_ACTION_DELETE,
} DxSavedRowAction;

#define DX_TYPE_SAVED_ROW (dx_saved_row_get_type ())
G_DECLARE_FINAL_TYPE (DxSavedRow, dx_saved_row, DX, SAVED_ROW, GtkListBoxRow)

GtkWidget      *dx_saved_row_new             (DxSavedMessage *message,
                                              gboolean        in_library);
DxSavedMessage *dx_saved_row_get_message     (DxSavedRow     *self);
gboolean        dx_saved_row_get_in_library  (DxSavedRow     *self);
void            dx_saved_row_set_can_move    (DxSavedRow     *self,
                                              gboolean        up,
                                              gboolean        down);
const char     *dx_saved_row_get_format_text (DxSavedRow     *self);
const char     *dx_saved_row_get_preview     (DxSavedRow     *self);

const char     *dx_saved_format_get_label    (DxSavedFormat   format);

G_END_DECLS
