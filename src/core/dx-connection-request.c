/* dx-connection-request.c — what a connect sends
 *
 * Everything a connect sends (URL, parameters, headers, subprotocols,
 * origin) is taken from the session as it is at that moment and expanded
 * on the main thread first, into a new link's request: an undefined
 * variable, a header that cannot be sent or an unreadable CA file stops
 * it here, before anything reaches the network thread. The network
 * thread then reads the request and nothing else of the session, which
 * the tester may keep editing meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-connection-private.h"
#include "dx-field.h"
#include "dx-util.h"
#include "dx-variables.h"

static gboolean
is_token (const char *name)
{
  if (name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("!#$%&'*+-.^_`|~", *p))
      return FALSE;
  return TRUE;
}

/* Returns: (transfer full): a link ready for _dx_net_link_start(), or
 *   %NULL with @error saying what to fix */
DxNetLink *
_dx_connection_new_link (DxConnection  *self,
                         GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GTlsDatabase) trust = NULL;
  g_autoptr(GStrvBuilder) protocols = g_strv_builder_new ();
  g_autofree char *origin = NULL;
  const char * const *offered;
  DxNetLink *link;
  GListModel *headers;
  guint n;

  uri = dx_session_expand_uri (self->session, self->variables, error);
  if (uri == NULL)
    return NULL;

  if (dx_session_get_ca_file (self->session))
    {
      g_autoptr(GError) local_error = NULL;

      trust = g_tls_file_database_new (dx_session_get_ca_file (self->session), &local_error);
      if (trust == NULL)
        {
          g_set_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_CA_FILE,
                       _("Could not read the CA file “%s”: %s"),
                       dx_session_get_ca_file (self->session), local_error->message);
          return NULL;
        }
    }

  offered = dx_session_get_subprotocols (self->session);
  for (guint i = 0; offered[i]; i++)
    {
      g_autofree char *protocol = dx_variables_expand (self->variables, offered[i], error);

      if (protocol == NULL)
        return NULL;
      g_strstrip (protocol);
      if (protocol[0] != '\0')
        g_strv_builder_add (protocols, protocol);
    }

  if (dx_session_get_origin (self->session) && dx_session_get_origin (self->session)[0])
    {
      origin = dx_variables_expand (self->variables, dx_session_get_origin (self->session), error);
      if (origin == NULL)
        return NULL;
    }

  link = _dx_net_link_new (self, self->max_bytes_in_flight);
  link->uri = g_uri_ref (uri);
  link->protocols = g_strv_builder_end (protocols);
  link->origin = origin && origin[0] ? g_steal_pointer (&origin) : NULL;
  link->max_incoming = dx_session_get_max_incoming_size (self->session);
  link->connect_timeout = dx_session_get_connect_timeout (self->session);
  link->keepalive_interval = dx_session_get_keepalive_interval (self->session);
  link->accept_invalid = dx_session_get_accept_invalid_certificates (self->session);
  link->trust = g_steal_pointer (&trust);

  headers = G_LIST_MODEL (dx_session_get_headers (self->session));
  n = g_list_model_get_n_items (headers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (headers, i);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!dx_field_is_active (field))
        continue;

      name = dx_variables_expand (self->variables, dx_field_get_key (field), error);
      value = name ? dx_variables_expand (self->variables, dx_field_get_value (field), error) : NULL;
      if (value == NULL)
        {
          _dx_net_link_unref (link);
          return NULL;
        }
      if (!is_token (name) || strpbrk (value, "\r\n"))
        {
          g_set_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_HEADER,
                       _("The header “%s” cannot be sent: a header name has no spaces and no "
                         "characters such as : ( ) , / ; = \" and a value is one line"),
                       name);
          _dx_net_link_unref (link);
          return NULL;
        }
      if (g_ascii_strcasecmp (name, "User-Agent") == 0)
        dx_set_str (&link->user_agent, value);
      else
        {
          g_ptr_array_add (link->header_names, g_steal_pointer (&name));
          g_ptr_array_add (link->header_values, g_steal_pointer (&value));
        }
    }

  return link;
}
