/* dx-query.c — a URL's query string as enable/key/value rows and back
 *
 * Query strings are read the way servers read them ('+' and %20 are both a
 * space) and written with every reserved character percent-encoded, so a
 * value survives the round trip whatever it holds. Order and duplicate keys
 * are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-field.h"
#include "dx-query.h"

static char *
unescape_component (const char *start,
                    gsize       len)
{
  g_autofree char *plain = g_strndup (start, len);
  char *unescaped;

  g_strdelimit (plain, "+", ' ');
  unescaped = g_uri_unescape_string (plain, NULL);

  /* A stray '%' is not worth losing the value for: keep it as typed. */
  return unescaped ? unescaped : g_steal_pointer (&plain);
}

/**
 * dx_query_split_url:
 * @url: a URL as a tester typed it
 * @params: rows to append the query's parameters to
 *
 * Returns: (transfer full): @url without its query and fragment
 */
char *
dx_query_split_url (const char *url,
                    GListStore *params)
{
  const char *query;
  const char *end;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (params), NULL);

  end = url + strcspn (url, "#");
  query = memchr (url, '?', end - url);
  if (query == NULL)
    return g_strndup (url, end - url);

  for (const char *p = query + 1; p < end;)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *stop = amp ? amp : end;

      if (stop > p)
        {
          const char *eq = memchr (p, '=', stop - p);
          g_autofree char *key = unescape_component (p, (eq ? eq : stop) - p);
          g_autofree char *value = eq ? unescape_component (eq + 1, stop - eq - 1) : g_strdup ("");
          g_autoptr(DxField) field = dx_field_new (TRUE, key, value);

          g_list_store_append (params, field);
        }
      p = stop + 1;
    }

  return g_strndup (url, query - url);
}

/**
 * dx_query_build:
 * @params: a list of #DxField
 *
 * Returns: (transfer full): the query string of the active rows, without
 *   the leading '?'; empty when there are none
 */
char *
dx_query_build (GListModel *params)
{
  g_autoptr(GString) query = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (params), NULL);

  n = g_list_model_get_n_items (params);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (params, i);

      if (!dx_field_is_active (field))
        continue;

      if (query->len > 0)
        g_string_append_c (query, '&');
      g_string_append_uri_escaped (query, dx_field_get_key (field), NULL, FALSE);
      if (dx_field_get_value (field)[0] != '\0')
        {
          g_string_append_c (query, '=');
          g_string_append_uri_escaped (query, dx_field_get_value (field), NULL, FALSE);
        }
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * dx_query_join_url:
 * @base: a URL, which may already have a query of its own
 * @params: a list of #DxField
 *
 * Returns: (transfer full): @base with the active rows of @params added to
 *   its query
 */
char *
dx_query_join_url (const char *base,
                   GListModel *params)
{
  g_autofree char *query = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (base != NULL, NULL);

  trimmed = g_strndup (base, strcspn (base, "#"));
  query = dx_query_build (params);
  if (query[0] == '\0')
    return g_steal_pointer (&trimmed);

  return g_strconcat (trimmed, strchr (trimmed, '?') ? "&" : "?", query, NULL);
}
