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

/* @...: "+key=value" for an enabled row, "-key=value" for one that is off,
 * ending with NULL */
static void
assert_table (GListModel *rows,
              ...)
{
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  guint n = g_list_model_get_n_items (rows);
  const char *row;
  va_list args;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (rows, i);

      g_string_append_printf (got, "%s%c%s=%s", i ? " " : "",
                              dx_field_get_enabled (field) ? '+' : '-',
                              dx_field_get_key (field), dx_field_get_value (field));
    }

  va_start (args, rows);
  while ((row = va_arg (args, const char *)) != NULL)
    g_string_append_printf (expected, "%s%s", expected->len ? " " : "", row);
  va_end (args);

  g_assert_cmpstr (got->str, ==, expected->str);
}

/* Returns: (transfer none): the parameter row at @position, which the
 * session holds */
static DxField *
row_at (DxSession *session,
        guint      position)
{
  GListModel *params = G_LIST_MODEL (dx_session_get_params (session));
  g_autoptr(DxField) field = g_list_model_get_item (params, position);

  return field;
}

typedef struct {
  guint url_notifies;
  guint rows_changes;
} Counts;

static void
count_url_cb (GObject    *session,
              GParamSpec *pspec,
              Counts     *counts)
{
  counts->url_notifies++;
}

static void
count_rows_cb (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Counts     *counts)
{
  counts->rows_changes++;
}

static char *
uri_string (DxSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = dx_session_build_uri (session, &error);

  g_assert_no_error (error);
  return g_uri_to_string (uri);
}

/* Typing a URL with a query fills the parameter table; the URL stays as
 * typed, query included, and is connected to once, not with the
 * parameters added a second time. */
static void
test_session_url_to_params (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "  ws://h:9/p?b=1&a=x%20y&b=2#frag  ");
  GListModel *params = G_LIST_MODEL (dx_session_get_params (session));
  g_autofree char *uri = NULL;

  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h:9/p?b=1&a=x%20y&b=2#frag");
  assert_table (params, "+b=1", "+a=x y", "+b=2", NULL);

  uri = uri_string (session);
  g_assert_cmpstr (uri, ==, "ws://h:9/p?b=1&a=x%20y&b=2");

  /* Replacing the URL replaces its rows */
  dx_session_set_url (session, "wss://other/q?only=one");
  assert_table (params, "+only=one", NULL);
  dx_session_set_url (session, "wss://other/q");
  assert_table (params, NULL);
  g_assert_cmpstr (dx_session_get_url (session), ==, "wss://other/q");
}

/* Every edit of the table rewrites the URL's query */
static void
test_session_params_to_url (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h/p#top");
  GListStore *params = dx_session_get_params (session);
  g_autofree char *uri = NULL;
  DxField *moved;

  store_add (params, TRUE, "q", "a b&c");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?q=a%20b%26c#top");

  /* Off, or without a key yet, a row is not in the URL */
  store_add (params, FALSE, "off", "1");
  store_add (params, TRUE, "", "");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?q=a%20b%26c#top");

  /* Typing a key into the new row puts it in */
  dx_field_set_key (row_at (session, 2), "n");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?q=a%20b%26c&n#top");
  dx_field_set_value (row_at (session, 2), "2");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?q=a%20b%26c&n=2#top");

  /* Turning a row on puts it in where it stands */
  dx_field_set_enabled (row_at (session, 1), TRUE);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?q=a%20b%26c&off=1&n=2#top");
  dx_field_set_enabled (row_at (session, 0), FALSE);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?off=1&n=2#top");
  dx_field_set_enabled (row_at (session, 0), TRUE);

  /* Reordering: move the last row first */
  moved = g_object_ref (row_at (session, 2));
  g_list_store_remove (params, 2);
  g_list_store_insert (params, 0, moved);
  g_object_unref (moved);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?n=2&q=a%20b%26c&off=1#top");

  /* Editing a key, removing a row */
  dx_field_set_key (row_at (session, 2), "on");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?n=2&q=a%20b%26c&on=1#top");
  g_list_store_remove (params, 1);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?n=2&on=1#top");

  /* The table never gained or lost a row of its own accord */
  assert_table (G_LIST_MODEL (params), "+n=2", "+on=1", NULL);

  /* No query left, no '?' left */
  g_list_store_remove_all (params);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p#top");

  store_add (params, TRUE, "x", "1");
  uri = uri_string (session);
  g_assert_cmpstr (uri, ==, "ws://h/p?x=1");
}

/* Rows that are off are not in the URL, so editing the URL leaves them
 * where they are */
static void
test_session_url_keeps_disabled (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h/p");
  GListStore *params = dx_session_get_params (session);
  GListModel *model = G_LIST_MODEL (params);

  store_add (params, TRUE, "a", "1");
  store_add (params, FALSE, "x", "9");
  store_add (params, TRUE, "b", "2");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?a=1&b=2");

  dx_session_set_url (session, "ws://h/p?a=1&c=3&b=2");
  assert_table (model, "+a=1", "+c=3", "-x=9", "+b=2", NULL);

  dx_session_set_url (session, "ws://h/p?b=2");
  assert_table (model, "-x=9", "+b=2", NULL);

  dx_session_set_url (session, "ws://h/p");
  assert_table (model, "-x=9", NULL);

  /* The same key as a row that is off is a row of its own */
  dx_session_set_url (session, "ws://h/p?x=9&z");
  assert_table (model, "-x=9", "+x=9", "+z=", NULL);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?x=9&z");
}

/* Typing a URL one character at a time: the URL is never rewritten under
 * the tester's fingers, and the row being typed stays the same row */
static void
test_session_url_typing (void)
{
  const char *url = "ws://h/p?room=lob+by&user=ann%20b";
  g_autoptr(DxSession) session = dx_session_new ("Test", "");
  GListModel *params = G_LIST_MODEL (dx_session_get_params (session));
  DxField *first = NULL;
  Counts counts = { 0, };

  g_signal_connect (session, "notify::url", G_CALLBACK (count_url_cb), &counts);

  for (gsize len = 1; len <= strlen (url); len++)
    {
      g_autofree char *typed = g_strndup (url, len);
      guint before = counts.url_notifies;

      dx_session_set_url (session, typed);
      g_assert_cmpstr (dx_session_get_url (session), ==, typed);
      g_assert_cmpuint (counts.url_notifies, ==, before + 1);

      if (first == NULL && g_list_model_get_n_items (params) > 0)
        first = row_at (session, 0);
      if (first)
        g_assert_true (row_at (session, 0) == first);
    }

  assert_table (params, "+room=lob by", "+user=ann b", NULL);
}

/* Percent-encoding both ways: rows hold plain text, the URL holds it
 * encoded; what the tester typed is kept until a row changes */
static void
test_session_encoding (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test",
                                                 "ws://h/p?plus=1%2B1&space=a+b&amp=%26&city=Z%C3%BCrich&raw=日本");
  GListModel *params = G_LIST_MODEL (dx_session_get_params (session));
  g_autoptr(GListStore) parsed = store_new ();
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;

  assert_table (params, "+plus=1+1", "+space=a b", "+amp=&", "+city=Zürich", "+raw=日本", NULL);
  g_assert_cmpstr (dx_session_get_url (session), ==,
                   "ws://h/p?plus=1%2B1&space=a+b&amp=%26&city=Z%C3%BCrich&raw=日本");

  /* On the wire it is ASCII, the same rows */
  uri = uri_string (session);
  g_assert_cmpstr (uri, ==,
                   "ws://h/p?plus=1%2B1&space=a%20b&amp=%26&city=Z%C3%BCrich&raw=%E6%97%A5%E6%9C%AC");

  dx_field_set_value (row_at (session, 1), "a b c");
  g_assert_cmpstr (dx_session_get_url (session), ==,
                   "ws://h/p?plus=1%2B1&space=a%20b%20c&amp=%26&city=Z%C3%BCrich&raw=%E6%97%A5%E6%9C%AC");

  /* Reading the URL back gives the same rows */
  base = dx_query_split_url (dx_session_get_url (session), parsed);
  g_assert_cmpstr (base, ==, "ws://h/p");
  assert_table (G_LIST_MODEL (parsed), "+plus=1+1", "+space=a b c", "+amp=&", "+city=Zürich", "+raw=日本", NULL);
}

/* Order and duplicate keys survive both ways */
static void
test_session_duplicates (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h/p?z=1&a=2&z=1&z=3");
  GListStore *params = dx_session_get_params (session);

  assert_table (G_LIST_MODEL (params), "+z=1", "+a=2", "+z=1", "+z=3", NULL);

  store_add (params, TRUE, "a", "2");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?z=1&a=2&z=1&z=3&a=2");

  /* Removing one of two equal pieces from the URL removes one row */
  dx_session_set_url (session, "ws://h/p?z=1&a=2&z=3&a=2");
  assert_table (G_LIST_MODEL (params), "+z=1", "+a=2", "+z=3", "+a=2", NULL);
}

/* Neither side answers the other's change: one notification of the URL
 * per edit, and setting the URL touches no row it does not have to */
static void
test_session_no_loops (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h/p?a=1&b=2");
  GListStore *params = dx_session_get_params (session);
  Counts counts = { 0, };

  g_signal_connect (session, "notify::url", G_CALLBACK (count_url_cb), &counts);
  g_signal_connect (params, "items-changed", G_CALLBACK (count_rows_cb), &counts);

  dx_field_set_value (row_at (session, 0), "10");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?a=10&b=2");
  g_assert_cmpuint (counts.url_notifies, ==, 1);
  g_assert_cmpuint (counts.rows_changes, ==, 0);

  /* The same rows spelt otherwise: the URL is kept, no row changes */
  dx_session_set_url (session, "ws://h/p?a=%31%30&b=2");
  g_assert_cmpuint (counts.url_notifies, ==, 2);
  g_assert_cmpuint (counts.rows_changes, ==, 0);
  assert_table (G_LIST_MODEL (params), "+a=10", "+b=2", NULL);

  /* Editing a row that is off leaves the tester's spelling alone */
  store_add (params, FALSE, "c", "3");
  dx_field_set_value (row_at (session, 2), "4");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?a=%31%30&b=2");
  g_assert_cmpuint (counts.url_notifies, ==, 2);

  /* Setting the URL it already has does nothing at all */
  dx_session_set_url (session, "ws://h/p?a=%31%30&b=2");
  g_assert_cmpuint (counts.url_notifies, ==, 2);
}

/* A {{variable}} stays readable in the URL the rows write */
static void
test_session_variables_in_url (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://{{host}}/p");
  GListStore *params = dx_session_get_params (session);

  store_add (params, TRUE, "token", "{{token}}");
  store_add (params, TRUE, "q", "a&{{ q }}");
  store_add (params, TRUE, "odd", "{{a&b}}");
  g_assert_cmpstr (dx_session_get_url (session), ==,
                   "ws://{{host}}/p?token={{token}}&q=a%26{{ q }}&odd=%7B%7Ba%26b%7D%7D");

  /* and reads back as the same rows */
  g_list_store_remove_all (params);
  dx_session_set_url (session, "ws://{{host}}/p?token={{token}}&q=a%26{{ q }}&odd=%7B%7Ba%26b%7D%7D");
  assert_table (G_LIST_MODEL (params), "+token={{token}}", "+q=a&{{ q }}", "+odd={{a&b}}", NULL);
}

/* A copy has the same URL and the same rows, those that are off too, and
 * none twice */
static void
test_session_duplicate (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h/p?a=1&b=2");
  g_autoptr(DxSession) copy = NULL;

  store_add (dx_session_get_params (session), FALSE, "off", "0");
  copy = dx_session_duplicate (session, "Copy");

  g_assert_cmpstr (dx_session_get_url (copy), ==, "ws://h/p?a=1&b=2");
  assert_table (G_LIST_MODEL (dx_session_get_params (copy)), "+a=1", "+b=2", "-off=0", NULL);

  /* Not shared */
  dx_field_set_value (row_at (copy, 0), "changed");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?a=1&b=2");
}

/* Callers from before the two were kept in step still work: the call
 * changes nothing */
static void
test_replace_in_url (void)
{
  const char *cases[][3] = {
    { "ws://h/p", "a=1", "ws://h/p?a=1" },
    { "ws://h/p?old=1", "a=1", "ws://h/p?a=1" },
    { "ws://h/p?old=1#frag?x", "a=1", "ws://h/p?a=1#frag?x" },
    { "ws://h/p?old=1#frag", "", "ws://h/p#frag" },
    { "ws://h/p?", "", "ws://h/p" },
    { "", "a=1", "?a=1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = dx_query_replace_in_url (cases[i][0], cases[i][1]);

      g_assert_cmpstr (url, ==, cases[i][2]);
    }
}

/* A URL given with its query shows it as rows; a disabled row added
 * beside them changes neither the URL nor them */
static void
test_session_url_query_rows (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h:9/p?b=1&a=x%20y");
  GListStore *params = dx_session_get_params (session);

  store_add (params, FALSE, "off", "0");

  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h:9/p?b=1&a=x%20y");
  assert_table (G_LIST_MODEL (params), "+b=1", "+a=x y", "-off=0", NULL);
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

/* Whoever still holds a session's row lists (an editor, a runner) may edit
 * them after the session is gone */
static void
test_session_lists_outlive_session (void)
{
  DxSession *session = dx_session_new ("Test", "ws://h/p");
  g_autoptr(GListStore) params = g_object_ref (dx_session_get_params (session));
  g_autoptr(GListStore) headers = g_object_ref (dx_session_get_headers (session));
  g_autoptr(GListStore) saved = g_object_ref (dx_session_get_saved_messages (session));
  g_autoptr(GListStore) scenarios = g_object_ref (dx_session_get_scenarios (session));
  g_autoptr(DxField) param = dx_field_new (TRUE, "a", "1");
  g_autoptr(DxField) header = dx_field_new (TRUE, "X-A", "1");

  g_object_unref (session);

  g_list_store_append (params, param);
  g_list_store_append (headers, header);
  g_list_store_remove_all (saved);
  g_list_store_remove_all (scenarios);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (params)), ==, 1);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A row taken out of a session (kept for Undo, or by an editor) no longer
 * speaks for it: editing it is no change to the session, while editing a
 * row still in it is. The URL follows only the rows in the list. */
static void
test_session_removed_rows_quiet (void)
{
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://h/p?a=1");
  g_autoptr(DxField) param = g_list_model_get_item (G_LIST_MODEL (dx_session_get_params (session)), 0);
  g_autoptr(DxField) header = dx_field_new (TRUE, "X-A", "1");
  guint changed = 0;

  g_list_store_append (dx_session_get_headers (session), header);
  g_signal_connect_swapped (session, "changed", G_CALLBACK (count_cb), &changed);

  dx_field_set_value (header, "2");
  g_assert_cmpuint (changed, ==, 1);
  dx_field_set_value (param, "2");
  g_assert_cmpuint (changed, >=, 2);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p?a=2");

  g_list_store_remove_all (dx_session_get_headers (session));
  g_list_store_remove_all (dx_session_get_params (session));
  changed = 0;
  dx_field_set_value (header, "3");
  dx_field_set_value (param, "3");
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://h/p");
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
  g_test_add_func ("/dx/query/replace-in-url", test_replace_in_url);
  g_test_add_func ("/dx/session/url-to-params", test_session_url_to_params);
  g_test_add_func ("/dx/session/params-to-url", test_session_params_to_url);
  g_test_add_func ("/dx/session/url-keeps-disabled", test_session_url_keeps_disabled);
  g_test_add_func ("/dx/session/url-typing", test_session_url_typing);
  g_test_add_func ("/dx/session/encoding", test_session_encoding);
  g_test_add_func ("/dx/session/duplicates", test_session_duplicates);
  g_test_add_func ("/dx/session/no-loops", test_session_no_loops);
  g_test_add_func ("/dx/session/variables-in-url", test_session_variables_in_url);
  g_test_add_func ("/dx/session/duplicate", test_session_duplicate);
  g_test_add_func ("/dx/session/url-query-rows", test_session_url_query_rows);
  g_test_add_func ("/dx/session/build-uri", test_session_build_uri_ok);
  g_test_add_func ("/dx/session/build-uri-encoding", test_session_build_uri_encoding);
  g_test_add_func ("/dx/session/build-uri-errors", test_session_build_uri_errors);
  g_test_add_func ("/dx/session/lists-outlive-session", test_session_lists_outlive_session);
  g_test_add_func ("/dx/session/removed-rows-quiet", test_session_removed_rows_quiet);

  return g_test_run ();
}
