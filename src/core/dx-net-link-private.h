/* dx-net-link-private.h — one connection attempt, between the main thread
 * and the network thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dx-connection.h"
#include "dx-handshake.h"

G_BEGIN_DECLS

/* RFC 6455 §5.5: a control frame carries at most 125 bytes */
#define DX_MAX_PING_PAYLOAD 125

typedef enum {
  DX_NET_EVENT_MESSAGE,
  DX_NET_EVENT_OPENED,
  DX_NET_EVENT_FAILED,
  DX_NET_EVENT_CANCELLED,
  DX_NET_EVENT_ERROR,
  DX_NET_EVENT_CLOSING,
  DX_NET_EVENT_CLOSED,
  DX_NET_EVENT_PONG,
} DxNetEventType;

/* What the network thread tells the main thread, in the order it happened */
typedef struct {
  DxNetEventType  type;
  DxRecord        record;       /* DX_NET_EVENT_MESSAGE */
  guint           code;         /* close code, HTTP status */
  gboolean        by_peer;
  char           *text;         /* protocol, reason phrase, error message */
  char           *detail;       /* close reason */
  gboolean        clean;        /* DX_NET_EVENT_CLOSED: a close frame came back */
  gint64          rtt_us;       /* DX_NET_EVENT_PONG: -1 for a pong nobody asked for */
  DxHandshake    *handshake;    /* DX_NET_EVENT_OPENED, DX_NET_EVENT_FAILED */
} DxNetEvent;

typedef struct {
  gatomicrefcount          ref_count;
  GWeakRef                 owner;        /* DxConnection, main thread */
  GMainContext            *main_context;

  GMutex                   lock;
  GArray                  *inbox;        /* DxNetEvent */
  gboolean                 drain_pending;
  GQueue                   outbox;       /* messages to send */
  GQueue                   pings;        /* GBytes, ping payloads to send */
  guint64                  queued_bytes;
  gboolean                 pump_pending;
  guint64                  max_in_flight;
  guint64                  peak_in_flight;

  /* main thread */
  gint64                   next_drain_us;

  /* network thread; the request is filled in on the main thread before
   * _dx_net_link_start() and not touched there after */
  GUri                    *uri;
  GPtrArray               *header_names;
  GPtrArray               *header_values;
  GStrv                    protocols;
  char                    *origin;
  char                    *user_agent;   /* the tester's own, or NULL */
  guint64                  max_incoming;
  guint                    connect_timeout;
  guint                    keepalive_interval;
  gboolean                 accept_invalid;
  GTlsDatabase            *trust;
  GCancellable            *cancellable;
  gint64                   started_us;
  GQueue                   pings_out;    /* sent, waiting for their pong */
  GSource                 *timeout_source;
  gboolean                 timed_out;
  SoupMessage             *message;
  SoupWebsocketConnection *ws;
  GSource                 *writable_source;
  guint64                  in_flight;
  gboolean                 close_requested;
  guint                    close_code_sent;
  char                    *close_reason_sent;
} DxNetLink;

DxNetLink *_dx_net_link_new                (DxConnection  *owner,
                                            guint64        max_in_flight);
DxNetLink *_dx_net_link_ref                (DxNetLink     *link);
void       _dx_net_link_unref              (DxNetLink     *link);
void       _dx_net_link_start              (DxNetLink     *link);
void       _dx_net_link_close              (DxNetLink     *link,
                                            guint          code,
                                            const char    *reason);
void       _dx_net_link_send               (DxNetLink     *link,
                                            DxMessageKind  kind,
                                            GBytes        *payload);
void       _dx_net_link_ping               (DxNetLink     *link,
                                            GBytes        *payload);
guint64    _dx_net_link_get_queued_bytes   (DxNetLink     *link);
guint64    _dx_net_link_get_peak_in_flight (DxNetLink     *link);

/* dx-net-link-refusal.c, on the network thread */
void       _dx_net_link_watch_refusal_body (SoupMessage   *message);
GBytes    *_dx_net_link_take_refusal_body  (SoupMessage   *message);

G_END_DECLS
