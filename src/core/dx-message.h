/* dx-message.h — one history entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  DX_DIRECTION_SENT,
  DX_DIRECTION_RECEIVED,
  DX_DIRECTION_EVENT,
} DxDirection;

typedef enum {
  DX_MESSAGE_KIND_TEXT,
  DX_MESSAGE_KIND_BINARY,
  DX_MESSAGE_KIND_PING,
  DX_MESSAGE_KIND_PONG,
  DX_MESSAGE_KIND_CLOSE,
  DX_MESSAGE_KIND_OPEN,
  DX_MESSAGE_KIND_ERROR,
  DX_MESSAGE_KIND_STATE,
} DxMessageKind;

#define DX_TYPE_DIRECTION (dx_direction_get_type ())
#define DX_TYPE_MESSAGE_KIND (dx_message_kind_get_type ())
GType dx_direction_get_type (void) G_GNUC_CONST;
GType dx_message_kind_get_type (void) G_GNUC_CONST;

#define DX_TYPE_MESSAGE (dx_message_get_type ())
G_DECLARE_FINAL_TYPE (DxMessage, dx_message, DX, MESSAGE, GObject)

DxMessage     *dx_message_new            (DxDirection    direction,
                                          DxMessageKind  kind,
                                          GBytes        *payload,
                                          gint64         wall_time_us,
                                          gint64         monotonic_time_us);
DxMessage     *dx_message_new_now        (DxDirection    direction,
                                          DxMessageKind  kind,
                                          GBytes        *payload);
DxMessage     *dx_message_new_event      (DxMessageKind  kind,
                                          const char    *text);
DxDirection    dx_message_get_direction  (DxMessage     *self);
DxMessageKind  dx_message_get_kind       (DxMessage     *self);
GBytes        *dx_message_get_payload    (DxMessage     *self);
gsize          dx_message_get_size       (DxMessage     *self);
gint64         dx_message_get_wall_time  (DxMessage     *self);
gint64         dx_message_get_monotonic_time (DxMessage *self);
char          *dx_message_dup_text       (DxMessage     *self);
char          *dx_message_dup_preview    (DxMessage     *self,
                                          guint          max_chars);
char          *dx_message_format_time    (DxMessage     *self);

char          *dx_format_size            (guint64        size);
char          *dx_format_duration        (gint64         duration_us);

G_END_DECLS
