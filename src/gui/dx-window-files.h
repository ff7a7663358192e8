/* dx-window-files.h — workspace files from the window: open, save, import,
 * export, and files dropped on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-window.h"

G_BEGIN_DECLS

gboolean dx_window_open_file   (DxWindow  *self,
                                GFile     *file,
                                GError   **error);
gboolean dx_window_import_file (DxWindow  *self,
                                GFile     *file,
                                GError   **error);
gboolean dx_window_save_file   (DxWindow  *self,
                                GFile     *file,
                                GError   **error);
gboolean dx_window_export_file (DxWindow  *self,
                                GFile     *file,
                                GError   **error);
GFile   *dx_window_get_file    (DxWindow  *self);

void     _dx_window_files_class_init (GtkWidgetClass *widget_class);
void     _dx_window_files_init       (DxWindow       *self);

G_END_DECLS
