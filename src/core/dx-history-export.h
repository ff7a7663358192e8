/* dx-history-export.h — history as JSON Lines or CSV (docs/history-export.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-history-filter.h"

G_BEGIN_DECLS

typedef enum {
  DX_EXPORT_FORMAT_JSON_LINES,
  DX_EXPORT_FORMAT_CSV,
} DxExportFormat;

gboolean dx_history_export (GListModel      *messages,
                            DxHistoryFilter *filter,
                            DxExportFormat  format,
                            GOutputStream  *stream,
                            GCancellable   *cancellable,
                            GError        **error);
gboolean dx_history_export_to_file (GListModel      *messages,
                                    DxHistoryFilter *filter,
                                    DxExportFormat  format,
                                    GFile          *file,
                                    GCancellable   *cancellable,
                                    GError        **error);

G_END_DECLS
