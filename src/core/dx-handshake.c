/* dx-handshake.c — what one connection attempt sent and got back
 *
 * The network thread copies what the SoupMessage of a connection attempt
 * holds once it is over (request line and headers, status, response
 * headers and body, the TLS certificate) into a DxHandshake and hands it
 * to the main thread with the attempt's outcome. It never changes after,
 * so either thread may read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-handshake-private.h"

struct _DxHandshake
{
  GObject               parent_instance;

  char                 *url;
  GStrv                 request_headers;    /* name, value, name, value ... */
  guint                 status;
  char                 *reason;
  GStrv                 response_headers;
  char                 *protocol;
  char                 *extensions;
  gint64                duration_us;
  GBytes               *response_body;
  gboolean              tls;
  char                 *tls_subject;
  char                 *tls_issuer;
  GDateTime            *tls_not_before;
  GDateTime            *tls_not_after;
  GTlsCertificateFlags  tls_errors;
};

G_DEFINE_FINAL_TYPE (DxHandshake, dx_handshake, G_TYPE_OBJECT)

static GStrv
copy_headers (SoupMessageHeaders *headers,
              const char         *host)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  /* libsoup writes Host from the URI itself, outside the headers */
  if (host && soup_message_headers_get_one (headers, "Host") == NULL)
    {
      g_strv_builder_add (builder, "Host");
      g_strv_builder_add (builder, host);
    }

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_strv_builder_add (builder, name);
      g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

static char *
host_header (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  int port = g_uri_get_port (uri);
  gboolean secure = g_ascii_strcasecmp (scheme, "wss") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
  int default_port = secure ? 443 : 80;
  const char *host = g_uri_get_host (uri);
  gboolean ipv6 = strchr (host, ':') != NULL;

  if (port < 0 || port == default_port)
    return ipv6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  return ipv6 ? g_strdup_printf ("[%s]:%d", host, port) : g_strdup_printf ("%s:%d", host, port);
}

static const char *
lookup (GStrv        headers,
        const char  *name)
{
  for (guint i = 0; headers && headers[i] && headers[i + 1]; i += 2)
    if (g_ascii_strcasecmp (headers[i], name) == 0)
      return headers[i + 1];
  return NULL;
}

static void
dx_handshake_finalize (GObject *object)
{
  DxHandshake *self = DX_HANDSHAKE (object);

  g_free (self->url);
  g_strfreev (self->request_headers);
  g_free (self->reason);
  g_strfreev (self->response_headers);
  g_free (self->protocol);
  g_free (self->extensions);
  g_clear_pointer (&self->response_body, g_bytes_unref);
  g_free (self->tls_subject);
  g_free (self->tls_issuer);
  g_clear_pointer (&self->tls_not_before, g_date_time_unref);
  g_clear_pointer (&self->tls_not_after, g_date_time_unref);

  G_OBJECT_CLASS (dx_handshake_parent_class)->finalize (object);
}

static void
dx_handshake_class_init (DxHandshakeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dx_handshake_finalize;
}

static void
dx_handshake_init (DxHandshake *self)
{
}

/* Network thread: @message is the connection attempt's, when it is over */
DxHandshake *
_dx_handshake_new (SoupMessage *message,
                   gint64       duration_us,
                   GBytes      *response_body)
{
  DxHandshake *self = g_object_new (DX_TYPE_HANDSHAKE, NULL);
  GUri *uri = soup_message_get_uri (message);
  GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (message);
  g_autofree char *host = host_header (uri);
  SoupMessageHeaders *response = soup_message_get_response_headers (message);

  self->url = g_uri_to_string (uri);
  self->request_headers = copy_headers (soup_message_get_request_headers (message), host);
  self->status = soup_message_get_status (message);
  self->reason = g_strdup (soup_message_get_reason_phrase (message));
  self->response_headers = copy_headers (response, NULL);
  self->protocol = g_strdup (soup_message_headers_get_one (response, "Sec-WebSocket-Protocol"));
  self->extensions = g_strdup (soup_message_headers_get_list (response, "Sec-WebSocket-Extensions"));
  self->duration_us = duration_us;
  self->response_body = response_body ? g_bytes_ref (response_body) : NULL;
  self->tls = g_ascii_strcasecmp (g_uri_get_scheme (uri), "wss") == 0 ||
              g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
  if (certificate)
    {
      g_object_get (certificate,
                    "subject-name", &self->tls_subject,
                    "issuer-name", &self->tls_issuer,
                    "not-valid-before", &self->tls_not_before,
                    "not-valid-after", &self->tls_not_after,
                    NULL);
      self->tls_errors = soup_message_get_tls_peer_certificate_errors (message);
    }

  return self;
}

/**
 * dx_handshake_get_url:
 *
 * Returns: the URL requested, with the variables expanded
 */
const char *
dx_handshake_get_url (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->url;
}

/**
 * dx_handshake_get_request_headers:
 *
 * Returns: (transfer none): the headers sent, as name, value, name,
 *   value ..., in the order they were written
 */
const char * const *
dx_handshake_get_request_headers (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return (const char * const *) self->request_headers;
}

/**
 * dx_handshake_get_status:
 *
 * Returns: the HTTP status of the answer (101 when it switched to
 *   WebSocket), or 0 when no answer came
 */
guint
dx_handshake_get_status (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), 0);
  return self->status;
}

const char *
dx_handshake_get_reason (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->reason;
}

/**
 * dx_handshake_get_response_headers:
 *
 * Returns: (transfer none): the headers received, as name, value ...
 */
const char * const *
dx_handshake_get_response_headers (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return (const char * const *) self->response_headers;
}

const char *
dx_handshake_get_protocol (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->protocol;
}

/**
 * dx_handshake_get_extensions:
 *
 * Returns: (nullable): the extensions the server accepted, with their
 *   parameters: "permessage-deflate; client_max_window_bits=15"
 */
const char *
dx_handshake_get_extensions (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->extensions;
}

/**
 * dx_handshake_get_duration:
 *
 * Returns: µs from the start of the attempt to its answer
 */
gint64
dx_handshake_get_duration (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), 0);
  return self->duration_us;
}

/**
 * dx_handshake_get_response_body:
 *
 * Returns: (transfer none) (nullable): what came with an answer other
 *   than 101, up to 64 KiB
 */
GBytes *
dx_handshake_get_response_body (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->response_body;
}

gboolean
dx_handshake_get_tls (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), FALSE);
  return self->tls;
}

const char *
dx_handshake_get_tls_subject (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->tls_subject;
}

const char *
dx_handshake_get_tls_issuer (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->tls_issuer;
}

GDateTime *
dx_handshake_get_tls_not_before (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->tls_not_before;
}

GDateTime *
dx_handshake_get_tls_not_after (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return self->tls_not_after;
}

/**
 * dx_handshake_get_tls_errors:
 *
 * Returns: what is wrong with the server's certificate for the system's
 *   trust store, whether or not the session accepted it
 */
GTlsCertificateFlags
dx_handshake_get_tls_errors (DxHandshake *self)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), 0);
  return self->tls_errors;
}

const char *
dx_handshake_lookup_request_header (DxHandshake *self,
                                    const char  *name)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return lookup (self->request_headers, name);
}

const char *
dx_handshake_lookup_response_header (DxHandshake *self,
                                     const char  *name)
{
  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);
  return lookup (self->response_headers, name);
}

/**
 * dx_tls_errors_describe:
 *
 * Returns: each problem with a certificate, one per line, or %NULL
 */
char *
dx_tls_errors_describe (GTlsCertificateFlags flags)
{
  static const struct {
    GTlsCertificateFlags flag;
    const char *text;
  } problems[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("Not signed by a known certificate authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("Issued for another host name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("Not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("Expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("Revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("Uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("Otherwise not valid") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    if (flags & problems[i].flag)
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", _(problems[i].text));

  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
append_headers (GString            *out,
                const char * const *headers)
{
  for (guint i = 0; headers && headers[i] && headers[i + 1]; i += 2)
    g_string_append_printf (out, "%s: %s\n", headers[i], headers[i + 1]);
}

static char *
format_date (GDateTime *time)
{
  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("—");
}

/**
 * dx_handshake_dup_text:
 *
 * Returns: the whole handshake as a tester reads it: the request as sent,
 *   the answer, the negotiated subprotocol and extensions, the time it
 *   took and the server's certificate
 */
char *
dx_handshake_dup_text (DxHandshake *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (DX_IS_HANDSHAKE (self), NULL);

  uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);
  if (uri)
    g_string_append_printf (out, "GET %s%s%s HTTP/1.1\n",
                            g_uri_get_path (uri)[0] ? g_uri_get_path (uri) : "/",
                            g_uri_get_query (uri) ? "?" : "",
                            g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  else
    g_string_append_printf (out, "GET %s HTTP/1.1\n", self->url);
  append_headers (out, (const char * const *) self->request_headers);

  g_string_append (out, "\n");
  if (self->status)
    {
      g_string_append_printf (out, "HTTP/1.1 %u %s\n", self->status, self->reason ? self->reason : "");
      append_headers (out, (const char * const *) self->response_headers);
    }
  else
    g_string_append_printf (out, "%s\n", _("No answer"));

  if (self->response_body && g_bytes_get_size (self->response_body) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (self->response_body, &size);
      g_autofree char *valid = g_utf8_make_valid (data, size);

      g_string_append_printf (out, "\n%s\n", valid);
    }

  g_string_append (out, "\n");
  g_string_append_printf (out, _("Subprotocol: %s\n"), self->protocol ? self->protocol : _("none"));
  g_string_append_printf (out, _("Extensions: %s\n"), self->extensions ? self->extensions : _("none"));
  g_string_append_printf (out, _("Handshake time: %.1f ms\n"), self->duration_us / 1000.0);

  if (self->tls_subject || self->tls_issuer)
    {
      g_autofree char *from = format_date (self->tls_not_before);
      g_autofree char *until = format_date (self->tls_not_after);
      g_autofree char *errors = dx_tls_errors_describe (self->tls_errors);

      g_string_append_printf (out, _("Certificate subject: %s\n"), self->tls_subject ? self->tls_subject : "—");
      g_string_append_printf (out, _("Certificate issuer: %s\n"), self->tls_issuer ? self->tls_issuer : "—");
      g_string_append_printf (out, _("Valid from %s until %s\n"), from, until);
      if (errors)
        {
          g_strdelimit (errors, "\n", ';');
          g_string_append_printf (out, _("Certificate problems: %s\n"), errors);
        }
      else
        g_string_append (out, _("Certificate problems: none\n"));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
