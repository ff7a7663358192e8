/* dx-field-editor.h — edits a list of enabled/key/value rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DX_TYPE_FIELD_EDITOR (dx_field_editor_get_type ())
G_DECLARE_FINAL_TYPE (DxFieldEditor, dx_field_editor, DX, FIELD_EDITOR, GtkWidget)

GtkWidget  *dx_field_editor_new        (void);
void        dx_field_editor_set_fields (DxFieldEditor *self,
                                        GListStore    *fields);
GListStore *dx_field_editor_get_fields (DxFieldEditor *self);

G_END_DECLS
