/* dx-payload.h — binary messages written as hex or Base64, or read from a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  DX_PAYLOAD_FORMAT_HEX,
  DX_PAYLOAD_FORMAT_BASE64,
} DxPayloadFormat;

#define DX_PAYLOAD_ERROR (dx_payload_error_quark ())
GQuark dx_payload_error_quark (void);

typedef enum {
  DX_PAYLOAD_ERROR_INVALID,
  DX_PAYLOAD_ERROR_TOO_LARGE,
} DxPayloadError;

/* The largest binary message the composer builds or loads */
#define DX_PAYLOAD_MAX_SIZE (16 * 1024 * 1024)

GBytes *dx_payload_parse             (DxPayloadFormat       format,
                                      const char           *text,
                                      guint                *error_position,
                                      GError              **error);
GBytes *dx_payload_parse_hex         (const char           *text,
                                      guint                *error_position,
                                      GError              **error);
GBytes *dx_payload_parse_base64      (const char           *text,
                                      guint                *error_position,
                                      GError              **error);
char   *dx_payload_format            (DxPayloadFormat       format,
                                      GBytes               *payload);
GBytes *dx_payload_load_file         (GFile                *file,
                                      GCancellable         *cancellable,
                                      GError              **error);
void    dx_payload_load_file_async   (GFile                *file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
GBytes *dx_payload_load_file_finish  (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
