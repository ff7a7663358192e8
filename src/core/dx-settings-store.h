/* dx-settings-store.h — the workspace and its bounded history in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-workspace.h"

G_BEGIN_DECLS

#define DX_SETTINGS_STORE_ERROR (dx_settings_store_error_quark ())
GQuark dx_settings_store_error_quark (void);

typedef enum {
  /* Something saved could not be read and was skipped; the rest was
   * restored. */
  DX_SETTINGS_STORE_ERROR_UNREADABLE,
} DxSettingsStoreError;

/* How often, at most, the store writes while changes keep coming. */
#define DX_SETTINGS_STORE_WRITE_INTERVAL_MS 1000

#define DX_TYPE_SETTINGS_STORE (dx_settings_store_get_type ())
G_DECLARE_FINAL_TYPE (DxSettingsStore, dx_settings_store, DX, SETTINGS_STORE, GObject)

DxSettingsStore *dx_settings_store_new             (GSettings        *settings,
                                                    DxWorkspace      *workspace);
gboolean         dx_settings_store_restore         (DxSettingsStore  *self,
                                                    GError          **error);
void             dx_settings_store_flush           (DxSettingsStore  *self);
guint            dx_settings_store_get_write_count (DxSettingsStore  *self);

G_END_DECLS
