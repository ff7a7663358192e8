/* dx-message-inspector.h — the selected history row in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-message.h"

G_BEGIN_DECLS

#define DX_TYPE_MESSAGE_INSPECTOR (dx_message_inspector_get_type ())
G_DECLARE_FINAL_TYPE (DxMessageInspector, dx_message_inspector, DX, MESSAGE_INSPECTOR, GtkWidget)

GtkWidget  *dx_message_inspector_new          (void);
void        dx_message_inspector_set_message  (DxMessageInspector *self,
                                               DxMessage          *message,
                                               DxMessage          *previous);
DxMessage  *dx_message_inspector_get_message  (DxMessageInspector *self);
char       *dx_message_inspector_dup_shown_text (DxMessageInspector *self);
const char *dx_message_inspector_get_language (DxMessageInspector *self);
gboolean    dx_message_inspector_get_showing_hex (DxMessageInspector *self);

G_END_DECLS
