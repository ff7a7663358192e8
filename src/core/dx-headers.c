/* dx-headers.c — what a tester may put in a handshake's request headers
 *
 * libsoup writes the WebSocket handshake itself: a row that names one of
 * those headers is replaced or duplicated on the wire, so the editor warns
 * about it. User-Agent is not among them: DxConnection sends the tester's
 * own in place of libsoup's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-headers.h"

static const char * const reserved_names[] = {
  "Connection",
  "Content-Length",
  "Host",
  "Keep-Alive",
  "Proxy-Connection",
  "Sec-WebSocket-Accept",
  "Sec-WebSocket-Extensions",
  "Sec-WebSocket-Key",
  "Sec-WebSocket-Version",
  "TE",
  "Trailer",
  "Transfer-Encoding",
  "Upgrade",
};

/* Sorted, for a completion popover */
static const char * const common_names[] = {
  "Accept",
  "Accept-Language",
  "Authorization",
  "Cache-Control",
  "Cookie",
  "Origin",
  "Pragma",
  "Proxy-Authorization",
  "Referer",
  "Sec-WebSocket-Protocol",
  "User-Agent",
  "X-Api-Key",
  "X-Auth-Token",
  "X-Client-Id",
  "X-CSRF-Token",
  "X-Forwarded-For",
  "X-Request-Id",
  NULL,
};

/**
 * dx_header_is_reserved:
 * @name: a header name, in any case, with or without surrounding spaces
 *
 * Returns: whether libsoup writes this header of the handshake itself, so
 *   that a value of the tester's own would be replaced or sent twice
 */
gboolean
dx_header_is_reserved (const char *name)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name));
  for (guint i = 0; i < G_N_ELEMENTS (reserved_names); i++)
    if (g_ascii_strcasecmp (stripped, reserved_names[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * dx_header_common_names:
 *
 * Returns: (transfer none): request header names testers often send, for
 *   completion; none of them is reserved
 */
const char * const *
dx_header_common_names (void)
{
  return common_names;
}
