/* dx-control-button.h — ping and close with a code, beside Connect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-connection.h"

G_BEGIN_DECLS

#define DX_TYPE_CONTROL_BUTTON (dx_control_button_get_type ())
G_DECLARE_FINAL_TYPE (DxControlButton, dx_control_button, DX, CONTROL_BUTTON, GtkWidget)

void        dx_control_button_set_connection (DxControlButton *self,
                                              DxConnection    *connection);
void        dx_control_button_popup          (DxControlButton *self);
const char *dx_control_button_get_error      (DxControlButton *self);

G_END_DECLS
