/* dx-query.c — a URL's query string as enable/key/value rows and back
 *
 * Query strings are read the way servers read them ('+' and %20 are both a
 * space) and written with every reserved character percent-encoded, so a
 * value survives the round trip whatever it holds. Order and duplicate keys
 * are kept. A {{variable}} is written as it is, not escaped, so the URL a
 * tester reads shows it; it is expanded before anything is sent.
 *
 * DxSession keeps its URL and its parameter rows in step with
 * dx_query_rows_match_url() and dx_query_update_rows(): the rows that are
 * active (enabled, with a key) are the URL's query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-field.h"
#include "dx-query.h"
#include "dx-variables-private.h"

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

/* Escapes @text for a query, leaving {{variable}} references readable when
 * they hold nothing the query's own syntax would misread. */
static void
append_component (GString    *query,
                  const char *text)
{
  const char *start, *end;

  while (_dx_variables_find_reference (text, &start, &end, NULL))
    {
      g_autofree char *before = g_strndup (text, start - text);
      g_autofree char *reference = g_strndup (start, end - start);

      g_string_append_uri_escaped (query, before, NULL, FALSE);
      if (strpbrk (reference, "&=#+%") == NULL)
        g_string_append (query, reference);
      else
        g_string_append_uri_escaped (query, reference, NULL, FALSE);
      text = end;
    }
  g_string_append_uri_escaped (query, text, NULL, FALSE);
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
      append_component (query, dx_field_get_key (field));
      if (dx_field_get_value (field)[0] != '\0')
        {
          g_string_append_c (query, '=');
          append_component (query, dx_field_get_value (field));
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

/**
 * dx_query_replace_in_url:
 * @url: a URL as a tester typed it
 * @query: the new query, without '?'; empty for none
 *
 * Returns: (transfer full): @url with its query replaced by @query; what
 *   comes before it and the fragment are kept as typed
 */
char *
dx_query_replace_in_url (const char *url,
                         const char *query)
{
  const char *fragment;
  const char *end;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  fragment = url + strcspn (url, "#");
  end = memchr (url, '?', fragment - url);
  if (end == NULL)
    end = fragment;

  return g_strdup_printf ("%.*s%s%s%s", (int) (end - url), url,
                          query[0] ? "?" : "", query, fragment);
}

/* ---- keeping rows and a URL in step ------------------------------------ */

static gboolean
same_field (DxField *a,
            DxField *b)
{
  return g_str_equal (dx_field_get_key (a), dx_field_get_key (b)) &&
         g_str_equal (dx_field_get_value (a), dx_field_get_value (b));
}

static gboolean
same_fields (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!same_field (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Returns: the rows @url's query stands for, in order: the pieces with a
 * key ("?=x" and "?&" stand for none) */
static GPtrArray *
url_pairs (const char *url)
{
  g_autoptr(GListStore) parsed = g_list_store_new (DX_TYPE_FIELD);
  g_autofree char *base = dx_query_split_url (url, parsed);
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (parsed));

  for (guint i = 0; i < n; i++)
    {
      DxField *field = g_list_model_get_item (G_LIST_MODEL (parsed), i);

      if (dx_field_is_active (field))
        g_ptr_array_add (pairs, field);
      else
        g_object_unref (field);
    }
  return pairs;
}

/* Returns: the rows that are in a URL (enabled, with a key), and their
 * positions among all rows in @positions */
static GPtrArray *
active_rows (GListModel *params,
             GArray     *positions)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (params);

  for (guint i = 0; i < n; i++)
    {
      DxField *field = g_list_model_get_item (params, i);

      if (!dx_field_is_active (field))
        {
          g_object_unref (field);
          continue;
        }
      g_ptr_array_add (rows, field);
      if (positions)
        g_array_append_val (positions, i);
    }
  return rows;
}

typedef struct {
  guint row;
  guint pair;
} Match;

/* Longest common subsequence of @rows and @pairs: the rows that can stay
 * as they are. Past a size no tester types, every row is simply rewritten
 * in place. Ends with (rows->len, pairs->len). */
static GArray *
match_rows (GPtrArray *rows,
            GPtrArray *pairs)
{
  const guint64 max_cells = 4 * 1024 * 1024;
  guint n = rows->len;
  guint m = pairs->len;
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_autofree guint *table = NULL;
  Match end = { n, m };

#define CELL(i, j) table[(gsize) (i) * (m + 1) + (j)]
  if ((guint64) (n + 1) * (m + 1) <= max_cells)
    {
      guint i = 0, j = 0;

      table = g_new0 (guint, (gsize) (n + 1) * (m + 1));
      for (guint a = n; a-- > 0;)
        for (guint b = m; b-- > 0;)
          CELL (a, b) = same_field (g_ptr_array_index (rows, a), g_ptr_array_index (pairs, b))
                          ? CELL (a + 1, b + 1) + 1
                          : MAX (CELL (a + 1, b), CELL (a, b + 1));

      while (i < n && j < m)
        {
          if (same_field (g_ptr_array_index (rows, i), g_ptr_array_index (pairs, j)))
            {
              Match match = { i++, j++ };

              g_array_append_val (matches, match);
            }
          else if (CELL (i + 1, j) >= CELL (i, j + 1))
            i++;
          else
            j++;
        }
    }
#undef CELL

  g_array_append_val (matches, end);
  return matches;
}

/**
 * dx_query_rows_match_url:
 * @params: a list of #DxField
 * @url: a URL as a tester typed it
 *
 * Returns: whether the active rows of @params are the pieces of @url's
 *   query, in order, however the URL spells them
 */
gboolean
dx_query_rows_match_url (GListModel *params,
                         const char *url)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (params), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  pairs = url_pairs (url);
  rows = active_rows (params, NULL);
  return same_fields (pairs, rows);
}

/**
 * dx_query_update_rows:
 * @params: a list of #DxField to bring in step with @url
 * @url: a URL as a tester typed it
 *
 * Makes the active rows of @params say what @url's query says, touching
 * as little as it can: rows that match stay untouched; between them, rows
 * are rewritten in place (typing in the URL edits a row rather than
 * replacing it), then removed or added, a new row right after the row
 * before it in the URL. Rows that are off, or have no key, are not in the
 * URL and stay where they are.
 */
void
dx_query_update_rows (GListStore *params,
                      const char *url)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) matches = NULL;

  g_return_if_fail (G_IS_LIST_STORE (params));
  g_return_if_fail (url != NULL);

  pairs = url_pairs (url);
  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  rows = active_rows (G_LIST_MODEL (params), positions);
  if (same_fields (pairs, rows))
    return;

  matches = match_rows (rows, pairs);

  /* From the end, so that the positions of the rows before stay right */
  for (guint k = matches->len; k-- > 0;)
    {
      Match *upper = &g_array_index (matches, Match, k);
      Match *lower = k > 0 ? &g_array_index (matches, Match, k - 1) : NULL;
      guint row_lo = lower ? lower->row + 1 : 0;
      guint pair_lo = lower ? lower->pair + 1 : 0;
      guint r = upper->row - row_lo;
      guint q = upper->pair - pair_lo;

      for (guint t = 0; t < MIN (r, q); t++)
        {
          DxField *row = g_ptr_array_index (rows, row_lo + t);
          DxField *pair = g_ptr_array_index (pairs, pair_lo + t);

          dx_field_set_key (row, dx_field_get_key (pair));
          dx_field_set_value (row, dx_field_get_value (pair));
        }

      for (guint t = r; t-- > q;)
        g_list_store_remove (params, g_array_index (positions, guint, row_lo + t));

      if (q > r)
        {
          g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
          guint at;

          if (r > 0)
            at = g_array_index (positions, guint, row_lo + r - 1) + 1;
          else if (lower)
            at = g_array_index (positions, guint, lower->row) + 1;
          else if (upper->row < rows->len)
            at = g_array_index (positions, guint, upper->row);
          else
            at = g_list_model_get_n_items (G_LIST_MODEL (params));

          for (guint t = pair_lo + r; t < upper->pair; t++)
            {
              DxField *pair = g_ptr_array_index (pairs, t);

              g_ptr_array_add (added, dx_field_new (TRUE, dx_field_get_key (pair),
                                                    dx_field_get_value (pair)));
            }
          g_list_store_splice (params, at, 0, added->pdata, added->len);
        }
    }
}
