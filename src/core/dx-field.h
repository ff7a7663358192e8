/* dx-field.h — one enabled/key/value row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DX_TYPE_FIELD (dx_field_get_type ())
G_DECLARE_FINAL_TYPE (DxField, dx_field, DX, FIELD, GObject)

DxField    *dx_field_new         (gboolean    enabled,
                                  const char *key,
                                  const char *value);
gboolean    dx_field_get_enabled (DxField    *self);
void        dx_field_set_enabled (DxField    *self,
                                  gboolean    enabled);
const char *dx_field_get_key     (DxField    *self);
void        dx_field_set_key     (DxField    *self,
                                  const char *key);
const char *dx_field_get_value   (DxField    *self);
void        dx_field_set_value   (DxField    *self,
                                  const char *value);
gboolean    dx_field_is_active   (DxField    *self);
void        dx_field_copy_rows   (GListModel *from,
                                  GListStore *to);

G_END_DECLS
