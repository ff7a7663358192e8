/* test-query.c — query strings as rows and back; the URL a session builds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-field.h"
#include "dx-query.h"
#include "dx-session.h"

static GListStore *
store_new (void)
{
  return g_list_store_new (DX_TYPE_FIELD);
}

static void
store_add (GListStore *store,
           gboolean    enabled,
           const char *key,
           const char *value)
{
  g_autoptr(DxField) field = dx_field_new (enabled, key, value);

  g_list_store_append (store, field);
}

/* @expected: key, value, key, value, ..., NULL; every row enabled */
static void
assert_rows (GListModel *rows,
             ...)
{
  va_list args;
  guint n = g_list_model_get_n_items (rows);
  guint i = 0;
  const char *key;

  va_start (args, rows);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autoptr(DxField) field = NULL;

      g_assert_cmpuint (i, <, n);
      field = g_list_model_get_item (rows, i);
      g_assert_true (dx_field_get_enabled (field));
      g_assert_cmpstr (dx_field_get_key (field), ==, key);
      g_assert_cmpstr (dx_field_get_value (field), ==, value);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (i, ==, n);
}

static void
test_split_order_and_duplicates (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autofree char *base = NULL;

  base = dx_query_split_url ("ws://example.com:8080/chat?z=1&a=2&z=3&m=4", params);

  g_assert_cmpstr (base, ==, "ws://example.com:8080/chat");
  assert_rows (G_LIST_MODEL (params),
               "z", "1",
               "a", "2",
               "z", "3",
               "m", "4",
               NULL);
}

static void
test_split_decoding (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autofree char *base = NULL;

  base = dx_query_split_url ("wss://h/p?text=hello%20world&plus=a+b&amp=%26&eq=%3D"
                             "&literal=1%2B1&city=Z%C3%BCrich&raw=Z\xc3\xbcrich&%E2%9C%93=yes",
                             params);

  g_assert_cmpstr (base, ==, "wss://h/p");
  assert_rows (G_LIST_MODEL (params),
               "text", "hello world",
               "plus", "a b",
               "amp", "&",
               "eq", "=",
               "literal", "1+1",
               "city", "Zürich",
               "raw", "Zürich",
               "✓", "yes",
               NULL);
}

static void
test_split_key_without_value (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autofree char *base = NULL;

  /* Empty pieces (&&, trailing &) are not rows */
  base = dx_query_split_url ("ws://h/?debug&&empty=&x=1&", params);

  g_assert_cmpstr (base, ==, "ws://h/");
  assert_rows (G_LIST_MODEL (params),
               "debug", "",
               "empty", "",
               "x", "1",
               NULL);
}

static void
test_split_fragment (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autofree char *base = NULL;
  g_autofree char *no_query = NULL;

  base = dx_query_split_url ("ws://h/p?a=1&b=2#section?c=3&d=4", params);
  g_assert_cmpstr (base, ==, "ws://h/p");
  assert_rows (G_LIST_MODEL (params), "a", "1", "b", "2", NULL);

  g_list_store_remove_all (params);
  no_query = dx_query_split_url ("ws://h/p#frag?x=1", params);
  g_assert_cmpstr (no_query, ==, "ws://h/p");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (params)), ==, 0);
}

static void
test_build_encoding (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autofree char *query = NULL;

  store_add (params, TRUE, "q", "a b");
  store_add (params, TRUE, "amp", "x&y");
  store_add (params, TRUE, "eq", "k=v");
  store_add (params, TRUE, "plus", "1+1");
  store_add (params, TRUE, "key with space", "#?/%");

  query = dx_query_build (G_LIST_MODEL (params));

  g_assert_cmpstr (query, ==,
                   "q=a%20b&amp=x%26y&eq=k%3Dv&plus=1%2B1"
                   "&key%20with%20space=%23%3F%2F%25");
}

/* What goes on the wire is plain ASCII, whatever the rows hold */
static void
test_session_build_uri_encoding (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h/p");
  GListStore *params = dx_session_get_params (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = NULL;

  store_add (params, TRUE, "city", "Zürich");
  store_add (params, TRUE, "✓", "日本");
  store_add (params, TRUE, "q", "a b&c=d+e");

  uri = dx_session_build_uri (session, &error);
  g_assert_no_error (error);
  text = g_uri_to_string (uri);

  g_assert_cmpstr (text, ==,
                   "ws://h/p?city=Z%C3%BCrich&%E2%9C%93=%E6%97%A5%E6%9C%AC&q=a%20b%26c%3Dd%2Be");
}

static void
test_build_order_duplicates_and_inactive (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autofree char *query = NULL;

  store_add (params, TRUE, "z", "1");
  store_add (params, FALSE, "secret", "hidden");
  store_add (params, TRUE, "a", "2");
  store_add (params, TRUE, "", "no key, not sent");
  store_add (params, TRUE, "z", "3");
  store_add (params, TRUE, "flag", "");

  query = dx_query_build (G_LIST_MODEL (params));

  g_assert_cmpstr (query, ==, "z=1&a=2&z=3&flag");
}

static void
test_build_nothing_active (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autofree char *empty = NULL;
  g_autofree char *disabled = NULL;

  empty = dx_query_build (G_LIST_MODEL (params));
  g_assert_cmpstr (empty, ==, "");

  store_add (params, FALSE, "a", "1");
  store_add (params, TRUE, "", "2");
  disabled = dx_query_build (G_LIST_MODEL (params));
  g_assert_cmpstr (disabled, ==, "");
}

static void
test_round_trip (void)
{
  static const char *values[][2] = {
    { "space", "hello world" },
    { "amp", "a&b" },
    { "eq", "a=b=c" },
    { "plus", "1+1=2" },
    { "percent", "100%" },
    { "unicode", "日本語 ✓ Zürich" },
    { "dup", "first" },
    { "dup", "second" },
    { "a&b=c d+", "weird key" },
    { "flag", "" },
  };
  g_autoptr(GListStore) params = store_new ();
  g_autoptr(GListStore) parsed = store_new ();
  g_autofree char *url = NULL;
  g_autofree char *base = NULL;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    store_add (params, TRUE, values[i][0], values[i][1]);

  url = dx_query_join_url ("ws://h/p", G_LIST_MODEL (params));
  base = dx_query_split_url (url, parsed);

  g_assert_cmpstr (base, ==, "ws://h/p");
  n = g_list_model_get_n_items (G_LIST_MODEL (parsed));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (G_LIST_MODEL (parsed), i);

      g_assert_cmpstr (dx_field_get_key (field), ==, values[i][0]);
      g_assert_cmpstr (dx_field_get_value (field), ==, values[i][1]);
    }
}

static void
test_join_url (void)
{
  g_autoptr(GListStore) params = store_new ();
  g_autoptr(GListStore) none = store_new ();
  g_autofree char *plain = NULL;
  g_autofree char *with_query = NULL;
  g_autofree char *with_fragment = NULL;
  g_autofree char *nothing = NULL;

  store_add (params, TRUE, "token", "a b");
  store_add (params, FALSE, "off", "1");
  store_add (params, TRUE, "n", "2");

  plain = dx_query_join_url ("ws://h:1/p", G_LIST_MODEL (params));
  g_assert_cmpstr (plain, ==, "ws://h:1/p?token=a%20b&n=2");

  with_query = dx_query_join_url ("ws://h:1/p?fixed=yes", G_LIST_MODEL (params));
  g_assert_cmpstr (with_query, ==, "ws://h:1/p?fixed=yes&token=a%20b&n=2");

  with_fragment = dx_query_join_url ("ws://h:1/p#top", G_LIST_MODEL (params));
  g_assert_cmpstr (with_fragment, ==, "ws://h:1/p?token=a%20b&n=2");

  nothing = dx_query_join_url ("ws://h:1/p#top", G_LIST_MODEL (none));
  g_assert_cmpstr (nothing, ==, "ws://h:1/p");
}

static void
test_session_move_query_to_params (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "  ws://h:9/p?b=1&a=x%20y&b=2#frag  ");
  GListStore *params = dx_session_get_params (session);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri_text = NULL;

  /* An existing row stays first; the URL's parameters come after it */
  store_add (params, TRUE, "existing", "0");

  dx_session_move_query_to_params (session);

  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h:9/p");
  assert_rows (G_LIST_MODEL (params),
               "existing", "0",
               "b", "1",
               "a", "x y",
               "b", "2",
               NULL);

  /* A URL without a query is left alone */
  dx_session_move_query_to_params (session);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h:9/p");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (params)), ==, 4);

  /* Turning a row off leaves it out of the URL that is connected to */
  {
    g_autoptr(DxField) existing = g_list_model_get_item (G_LIST_MODEL (params), 0);

    dx_field_set_enabled (existing, FALSE);
  }
  uri = dx_session_build_uri (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "ws");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "h");
  g_assert_cmpint (g_uri_get_port (uri), ==, 9);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/p");
  g_assert_cmpstr (g_uri_get_query (uri), ==, "b=1&a=x%20y&b=2");
  g_assert_null (g_uri_get_fragment (uri));

  uri_text = g_uri_to_string (uri);
  g_assert_cmpstr (uri_text, ==, "ws://h:9/p?b=1&a=x%20y&b=2");
}

static void
test_session_build_uri_ok (void)
{
  static const char *good[] = {
    "ws://localhost:8080/",
    "wss://example.com/socket",
    "WS://127.0.0.1:1/x",
    "ws://[::1]:9000/echo",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(DxSession) session = dx_session_new ("Test", good[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = dx_session_build_uri (session, &error);

      g_test_message ("%s", good[i]);
      g_assert_no_error (error);
      g_assert_nonnull (uri);
    }
}

static void
test_session_build_uri_errors (void)
{
  static const struct {
    const char *url;
    int         code;
  } bad[] = {
    { "", G_URI_ERROR_FAILED },
    { "   ", G_URI_ERROR_FAILED },
    { "http://example.com/socket", G_URI_ERROR_BAD_SCHEME },
    { "https://example.com/socket", G_URI_ERROR_BAD_SCHEME },
    { "ftp://example.com/", G_URI_ERROR_BAD_SCHEME },
    { "ws:///path", G_URI_ERROR_BAD_HOST },
    { "ws://", G_URI_ERROR_BAD_HOST },
    { "wss://:443/x", G_URI_ERROR_BAD_HOST },
    { "not a url", G_URI_ERROR_FAILED },
    { "localhost:8080/echo", G_URI_ERROR_BAD_SCHEME },
    { "%%%", G_URI_ERROR_FAILED },
    { "ws://h:99999999/", G_URI_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DxSession) session = dx_session_new ("Test", bad[i].url);
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = NULL;

      uri = dx_session_build_uri (session, &error);
      g_assert_null (uri);
      g_assert_nonnull (error);
      g_test_message ("“%s” → %s", bad[i].url, error->message);
      g_assert_error (error, G_URI_ERROR, bad[i].code);
      /* Every message shows how a WebSocket URL is written */
      g_assert_true (strstr (error->message, "ws://") || strstr (error->message, "wss://"));
    }

  /* A URL typed without its scheme gets the fix spelled out */
  {
    g_autoptr(DxSession) session = dx_session_new ("Test", "localhost:8080/echo");
    g_autoptr(GError) error = NULL;
    g_autoptr(GUri) uri = dx_session_build_uri (session, &error);

    g_assert_null (uri);
    g_assert_nonnull (strstr (error->message, "ws://localhost:8080/echo"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dx/query/split-order-duplicates", test_split_order_and_duplicates);
  g_test_add_func ("/dx/query/split-decoding", test_split_decoding);
  g_test_add_func ("/dx/query/split-key-without-value", test_split_key_without_value);
  g_test_add_func ("/dx/query/split-fragment", test_split_fragment);
  g_test_add_func ("/dx/query/build-encoding", test_build_encoding);
  g_test_add_func ("/dx/query/build-order-duplicates-inactive", test_build_order_duplicates_and_inactive);
  g_test_add_func ("/dx/query/build-nothing-active", test_build_nothing_active);
  g_test_add_func ("/dx/query/round-trip", test_round_trip);
  g_test_add_func ("/dx/query/join-url", test_join_url);
  g_test_add_func ("/dx/session/move-query-to-params", test_session_move_query_to_params);
  g_test_add_func ("/dx/session/build-uri", test_session_build_uri_ok);
  g_test_add_func ("/dx/session/build-uri-encoding", test_session_build_uri_encoding);
  g_test_add_func ("/dx/session/build-uri-errors", test_session_build_uri_errors);

  return g_test_run ();
}
