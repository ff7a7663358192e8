/* dx-session-uri.c — the URL a session connects to: the URL as typed
 * and its enabled parameter rows, {{variables}} expanded, checked with
 * messages a tester can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-field.h"
#include "dx-query.h"
#include "dx-session.h"
#include "dx-variables.h"

/**
 * dx_session_build_uri:
 *
 * The same as dx_session_expand_uri() with no variables defined.
 *
 * Returns: (transfer full): the URL to connect to, or %NULL with @error
 *   saying what is wrong with it
 */
GUri *
dx_session_build_uri (DxSession  *self,
                      GError    **error)
{
  return dx_session_expand_uri (self, NULL, error);
}

/**
 * dx_session_expand_uri:
 * @variables: (nullable): a list of #DxField, the {{variables}} to expand
 *
 * Builds the URL to connect to from the URL as typed (without its query
 * and fragment) and the enabled parameter rows, which are that query:
 * variables are expanded in each part first, then the parameters are
 * percent-encoded, so a value may hold any character.
 *
 * Returns: (transfer full): the URL to connect to, or %NULL with @error
 *   saying what is wrong with it or naming a variable that is not defined
 */
GUri *
dx_session_expand_uri (DxSession   *self,
                       GListModel  *variables,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GListStore) params = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *typed_base = NULL;
  g_autofree char *base = NULL;
  g_autofree char *full = NULL;
  GListModel *params_typed;
  const char *url;
  const char *scheme;
  guint n_rows;

  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  g_return_val_if_fail (variables == NULL || G_IS_LIST_MODEL (variables), NULL);

  url = dx_session_get_url (self);
  params_typed = G_LIST_MODEL (dx_session_get_params (self));
  if (url[0] == '\0')
    {
      g_set_error_literal (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                           _("Enter a URL to connect to, such as ws://localhost:8080/"));
      return NULL;
    }

  /* The whole URL, as the messages below quote it */
  shown = dx_variables_expand (variables, url, error);
  if (shown == NULL)
    return NULL;

  if (strstr (shown, "://") == NULL)
    {
      g_autofree char *guess = g_strconcat ("ws://", shown, NULL);

      /* "localhost:8080/echo" is a URL without its scheme */
      if (strpbrk (shown, " \t") == NULL && g_uri_is_valid (guess, G_URI_FLAGS_NONE, NULL))
        g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_SCHEME,
                     _("“%s” has no scheme: write %s, or wss:// for TLS"),
                     shown, guess);
      else
        g_set_error (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                     _("“%s” is not a URL: write it as ws://host:port/path or wss://host/path"),
                     shown);
      return NULL;
    }

  typed_base = dx_query_replace_in_url (url, "");
  typed_base[strcspn (typed_base, "#")] = '\0';
  base = dx_variables_expand (variables, typed_base, error);
  if (base == NULL)
    return NULL;

  params = g_list_store_new (DX_TYPE_FIELD);
  n_rows = g_list_model_get_n_items (params_typed);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(DxField) row = g_list_model_get_item (params_typed, i);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      g_autoptr(DxField) expanded = NULL;

      if (!dx_field_is_active (row))
        continue;
      key = dx_variables_expand (variables, dx_field_get_key (row), error);
      value = key ? dx_variables_expand (variables, dx_field_get_value (row), error) : NULL;
      if (value == NULL)
        return NULL;
      expanded = dx_field_new (TRUE, key, value);
      g_list_store_append (params, expanded);
    }

  full = dx_query_join_url (base, G_LIST_MODEL (params));
  uri = g_uri_parse (full, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_scheme (uri) == NULL)
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                   _("“%s” is not a URL: write it as ws://host:port/path or wss://host/path"),
                   shown);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "ws") != 0 && g_ascii_strcasecmp (scheme, "wss") != 0)
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_SCHEME,
                   _("The URL starts with “%s://”: a WebSocket URL starts with ws:// or wss://"),
                   scheme);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_HOST,
                   _("The URL has no host: write it as %s://host:port/path"), scheme);
      return NULL;
    }

  return g_steal_pointer (&uri);
}
