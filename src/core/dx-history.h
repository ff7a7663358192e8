/* dx-history.h — the message history of one session, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-message.h"

G_BEGIN_DECLS

/* One message on its way into the history: what the network thread hands
 * over in batches, without a GObject per message. */
typedef struct {
  GBytes  *payload;
  gint64   wall_time_us;
  gint64   monotonic_time_us;
  guint8   direction;
  guint8   kind;
} DxRecord;

#define DX_TYPE_HISTORY (dx_history_get_type ())
G_DECLARE_FINAL_TYPE (DxHistory, dx_history, DX, HISTORY, GObject)

DxHistory     *dx_history_new                (void);
void           dx_history_append_batch       (DxHistory  *self,
                                              DxRecord   *records,
                                              guint       n_records);
void           dx_history_append             (DxHistory  *self,
                                              DxMessage  *message);
DxDirection    dx_history_get_direction      (DxHistory  *self,
                                              guint       position);
DxMessageKind  dx_history_get_kind           (DxHistory  *self,
                                              guint       position);
GBytes        *dx_history_dup_payload        (DxHistory  *self,
                                              guint       position);
gsize          dx_history_get_size           (DxHistory  *self,
                                              guint       position);
gint64         dx_history_get_wall_time      (DxHistory  *self,
                                              guint       position);
gint64         dx_history_get_monotonic_time (DxHistory  *self,
                                              guint       position);
gconstpointer  dx_history_peek_payload       (DxHistory  *self,
                                              guint       position,
                                              gsize      *size);
DxHistory     *dx_history_clear              (DxHistory  *self);
void           dx_history_restore            (DxHistory  *self,
                                              DxHistory  *cleared);
guint64        dx_history_get_total_bytes    (DxHistory  *self);
gsize          dx_history_get_storage_size   (DxHistory  *self);

G_END_DECLS
