/* test-matcher.c — DxMatcher: every kind, passing and failing, and what it
 * says when a message does not pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-field.h"
#include "dx-matcher.h"
#include "dx-test-util.h"

/* Checks @matcher on @text; on failure the explanation must hold @expect_in */
static void
check_text (DxMatcher  *matcher,
            const char *text,
            gboolean    expect_match,
            const char *expect_in)
{
  g_autoptr(GBytes) payload = g_bytes_new (text, strlen (text));
  g_autofree char *explanation = NULL;
  g_autofree char *summary = dx_matcher_dup_summary (matcher);
  gboolean matched;

  matched = dx_matcher_match (matcher, DX_MESSAGE_KIND_TEXT, payload, NULL, &explanation);
  if (matched != expect_match)
    g_test_fail_printf ("%s on “%s”: expected %s, got %s (%s)",
                        summary, text,
                        expect_match ? "a match" : "no match", matched ? "a match" : "no match",
                        explanation ? explanation : "no explanation");
  if (!matched)
    {
      g_assert_nonnull (explanation);
      if (expect_in && strstr (explanation, expect_in) == NULL)
        g_test_fail_printf ("explanation “%s” lacks “%s”", explanation, expect_in);
    }
  else
    g_assert_null (explanation);
}

static void
test_equals (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new (DX_MATCHER_EQUALS, "hello");

  check_text (m, "hello", TRUE, NULL);
  check_text (m, "hello!", FALSE, "expected the message to equal “hello”, got “hello!”");
  check_text (m, "", FALSE, "got “”");
}

static void
test_contains (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new (DX_MATCHER_CONTAINS, "ell");

  check_text (m, "hello", TRUE, NULL);
  check_text (m, "help", FALSE, "to contain “ell”, got “help”");
}

static void
test_regex (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new (DX_MATCHER_REGEX, "^id=\\d+$");
  g_autoptr(DxMatcher) bad = dx_matcher_new (DX_MATCHER_REGEX, "([a-");
  g_autoptr(GError) error = NULL;

  check_text (m, "id=42", TRUE, NULL);
  check_text (m, "id=x", FALSE, "to match /^id=\\d+$/, got “id=x”");

  g_assert_true (dx_matcher_validate (m, NULL));
  g_assert_false (dx_matcher_validate (bad, &error));
  g_assert_nonnull (strstr (error->message, "not a valid regular expression"));
  /* Running a bad one fails with the same message, never crashes */
  check_text (bad, "anything", FALSE, "not a valid regular expression");
}

static void
test_json_equals (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new (DX_MATCHER_JSON_EQUALS, "{\"a\": 1, \"b\": [true, null, \"x\"]}");
  g_autoptr(DxMatcher) bad = dx_matcher_new (DX_MATCHER_JSON_EQUALS, "{nope");
  g_autoptr(GError) error = NULL;

  check_text (m, "{\"b\":[true,null,\"x\"],\"a\":1}", TRUE, NULL);
  check_text (m, "  {\"a\" : 1.0 , \"b\" : [ true , null , \"x\" ] }\n", TRUE, NULL);
  check_text (m, "{\"a\": 1e0, \"b\": [true, null, \"x\"]}", TRUE, NULL);
  check_text (m, "{\"a\": 2, \"b\": [true, null, \"x\"]}", FALSE, "expected JSON equal to");
  check_text (m, "{\"a\": 1, \"b\": [null, true, \"x\"]}", FALSE, NULL);
  check_text (m, "{\"a\": 1, \"b\": [true, null, \"x\"], \"c\": 0}", FALSE, NULL);
  check_text (m, "{\"a\": \"1\", \"b\": [true, null, \"x\"]}", FALSE, NULL);
  check_text (m, "not json", FALSE, "a message that is not JSON");

  g_assert_false (dx_matcher_validate (bad, &error));
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
}

static void
test_jsonpath_exists (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new_path ("$.user.id", DX_PATH_OP_EXISTS, NULL);

  check_text (m, "{\"user\": {\"id\": 7}}", TRUE, NULL);
  check_text (m, "{\"user\": {}}", FALSE, "expected JSON path $.user.id to exist, got nothing there");
  check_text (m, "plain", FALSE, "not JSON");
}

static void
test_jsonpath_equals (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new_path ("$.type", DX_PATH_OP_EQUALS, "\"pong\"");
  g_autoptr(DxMatcher) n = dx_matcher_new_path ("$.n", DX_PATH_OP_EQUALS, "3");
  g_autoptr(DxMatcher) all = dx_matcher_new_path ("$.items[*].id", DX_PATH_OP_EQUALS, "[1, 2]");

  check_text (m, "{\"type\": \"pong\"}", TRUE, NULL);
  check_text (m, "{\"type\": \"ping\"}", FALSE,
              "expected JSON path $.type to equal \"pong\", got \"ping\"");
  check_text (n, "{\"n\": 3.0}", TRUE, NULL);
  check_text (n, "{\"n\": \"3\"}", FALSE, NULL);
  check_text (all, "{\"items\": [{\"id\": 1}, {\"id\": 2}]}", TRUE, NULL);
}

static void
test_jsonpath_matches (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new_path ("$.id", DX_PATH_OP_MATCHES, "^[a-f0-9]{4}$");
  g_autoptr(DxMatcher) num = dx_matcher_new_path ("$.n", DX_PATH_OP_MATCHES, "^4\\d$");

  check_text (m, "{\"id\": \"beef\"}", TRUE, NULL);
  check_text (m, "{\"id\": \"BEEF\"}", FALSE, "expected JSON path $.id to match /^[a-f0-9]{4}$/");
  check_text (num, "{\"n\": 42}", TRUE, NULL);
}

static void
test_jsonpath_type (void)
{
  const struct {
    const char *json;
    const char *type;
  } cases[] = {
    { "{\"v\": \"s\"}", "string" },
    { "{\"v\": 1}", "number" },
    { "{\"v\": 1.5}", "number" },
    { "{\"v\": false}", "boolean" },
    { "{\"v\": null}", "null" },
    { "{\"v\": {}}", "object" },
    { "{\"v\": []}", "array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
      {
        g_autoptr(DxMatcher) m = dx_matcher_new_path ("$.v", DX_PATH_OP_IS_TYPE, cases[j].type);
        gboolean same = g_str_equal (cases[i].type, cases[j].type);

        check_text (m, cases[i].json, same, same ? NULL : "to be of type");
      }

  {
    g_autoptr(DxMatcher) bad = dx_matcher_new_path ("$.v", DX_PATH_OP_IS_TYPE, "integer");
    g_autoptr(GError) error = NULL;

    g_assert_false (dx_matcher_validate (bad, &error));
    g_assert_nonnull (strstr (error->message, "“integer” is not a JSON type"));
  }
}

static void
test_jsonpath_invalid (void)
{
  const char *paths[] = { "", "type", "$.[", "$..", "$[?(" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(DxMatcher) m = dx_matcher_new_path (paths[i], DX_PATH_OP_EXISTS, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (dx_matcher_validate (m, &error));
      g_assert_nonnull (error);
      check_text (m, "{\"type\": 1}", FALSE, NULL);
    }
}

static void
test_size (void)
{
  const struct {
    DxSizeOp op;
    gboolean results[3];   /* for 4, 5 and 6 bytes against 5 */
  } cases[] = {
    { DX_SIZE_OP_EQ, { FALSE, TRUE, FALSE } },
    { DX_SIZE_OP_LT, { TRUE, FALSE, FALSE } },
    { DX_SIZE_OP_LE, { TRUE, TRUE, FALSE } },
    { DX_SIZE_OP_GT, { FALSE, FALSE, TRUE } },
    { DX_SIZE_OP_GE, { FALSE, TRUE, TRUE } },
  };
  const char *texts[] = { "abcd", "abcde", "abcdef" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DxMatcher) m = dx_matcher_new_size (cases[i].op, 5);

      for (guint j = 0; j < 3; j++)
        check_text (m, texts[j], cases[i].results[j], "bytes");
    }

  {
    g_autoptr(DxMatcher) m = dx_matcher_new_size (DX_SIZE_OP_LE, 3);

    check_text (m, "abcd", FALSE, "expected a payload of at most 3 bytes, got 4 bytes");
  }
}

static void
test_binary_equals (void)
{
  static const guint8 data[] = { 0x00, 0xff, 0x41, 0x80 };
  g_autoptr(GBytes) payload = g_bytes_new_static (data, sizeof data);
  g_autoptr(DxMatcher) m = dx_matcher_new (DX_MATCHER_BINARY_EQUALS, "00 ff\n41 80");
  g_autoptr(DxMatcher) other = dx_matcher_new (DX_MATCHER_BINARY_EQUALS, "00ff4181");
  g_autoptr(DxMatcher) bad = dx_matcher_new (DX_MATCHER_BINARY_EQUALS, "00 zz");
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;

  g_assert_true (dx_matcher_match (m, DX_MESSAGE_KIND_BINARY, payload, NULL, NULL));
  g_assert_false (dx_matcher_match (other, DX_MESSAGE_KIND_BINARY, payload, NULL, &explanation));
  g_assert_nonnull (strstr (explanation, "00 ff 41 80"));

  g_assert_false (dx_matcher_validate (bad, &error));
  g_assert_nonnull (error);
}

static void
test_binary_payload_text_matchers (void)
{
  static const guint8 data[] = { 'a', 0x00, 0xc3, 0x28, 'b' };
  g_autoptr(GBytes) payload = g_bytes_new_static (data, sizeof data);
  g_autoptr(DxMatcher) contains = dx_matcher_new (DX_MATCHER_CONTAINS, "b");
  g_autoptr(DxMatcher) regex = dx_matcher_new (DX_MATCHER_REGEX, "a");
  g_autoptr(DxMatcher) json = dx_matcher_new (DX_MATCHER_JSON_EQUALS, "1");
  g_autoptr(DxMatcher) path = dx_matcher_new_path ("$.a", DX_PATH_OP_EXISTS, NULL);
  g_autofree char *explanation = NULL;

  g_assert_true (dx_matcher_match (contains, DX_MESSAGE_KIND_BINARY, payload, NULL, NULL));
  g_assert_false (dx_matcher_match (regex, DX_MESSAGE_KIND_BINARY, payload, NULL, &explanation));
  g_assert_nonnull (strstr (explanation, "binary"));
  g_assert_false (dx_matcher_match (json, DX_MESSAGE_KIND_BINARY, payload, NULL, NULL));
  g_assert_false (dx_matcher_match (path, DX_MESSAGE_KIND_BINARY, payload, NULL, NULL));
}

static void
test_negate (void)
{
  g_autoptr(DxMatcher) m = dx_matcher_new (DX_MATCHER_CONTAINS, "error");
  g_autofree char *summary = NULL;

  dx_matcher_set_negate (m, TRUE);
  check_text (m, "all fine", TRUE, NULL);
  check_text (m, "an error", FALSE, "expected not the message to contain “error”");
  summary = dx_matcher_dup_summary (m);
  g_assert_cmpstr (summary, ==, "not: contains “error”");
}

static void
test_variables (void)
{
  g_autoptr(GListStore) variables = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(DxField) field = dx_field_new (TRUE, "id", "42");
  g_autoptr(DxMatcher) m = dx_matcher_new_path ("$.id", DX_PATH_OP_EQUALS, "{{id}}");
  g_autoptr(DxMatcher) undefined = dx_matcher_new (DX_MATCHER_EQUALS, "{{nope}}");
  g_autoptr(GBytes) good = g_bytes_new_static ("{\"id\": 42}", 10);
  g_autoptr(GBytes) other = g_bytes_new_static ("{\"id\": 43}", 10);
  g_autofree char *explanation = NULL;

  g_list_store_append (variables, field);
  /* Not known until it runs: not an error yet */
  g_assert_true (dx_matcher_validate (m, NULL));
  g_assert_true (dx_matcher_match (m, DX_MESSAGE_KIND_TEXT, good, G_LIST_MODEL (variables), NULL));
  g_assert_false (dx_matcher_match (m, DX_MESSAGE_KIND_TEXT, other, G_LIST_MODEL (variables), NULL));
  g_assert_false (dx_matcher_match (undefined, DX_MESSAGE_KIND_TEXT, good, G_LIST_MODEL (variables),
                                    &explanation));
  g_assert_nonnull (strstr (explanation, "{{nope}}"));
}

static void
test_long_message_truncated (void)
{
  g_autofree char *text = g_strnfill (5000, 'x');
  g_autoptr(DxMatcher) m = dx_matcher_new (DX_MATCHER_EQUALS, "y");
  g_autoptr(GBytes) payload = g_bytes_new (text, strlen (text));
  g_autofree char *explanation = NULL;

  g_assert_false (dx_matcher_match (m, DX_MESSAGE_KIND_TEXT, payload, NULL, &explanation));
  g_assert_cmpuint (strlen (explanation), <, 400);
  g_assert_nonnull (strstr (explanation, "5000 bytes"));
}

static void
test_summary (void)
{
  g_autoptr(DxMatcher) path = dx_matcher_new_path ("$.type", DX_PATH_OP_EQUALS, "\"pong\"");
  g_autoptr(DxMatcher) size = dx_matcher_new_size (DX_SIZE_OP_LE, 1024);
  g_autofree char *a = dx_matcher_dup_summary (path);
  g_autofree char *b = dx_matcher_dup_summary (size);

  g_assert_cmpstr (a, ==, "$.type equals \"pong\"");
  g_assert_cmpstr (b, ==, "size ≤ 1024 bytes");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/matcher/equals", test_equals);
  g_test_add_func ("/dx/matcher/contains", test_contains);
  g_test_add_func ("/dx/matcher/regex", test_regex);
  g_test_add_func ("/dx/matcher/json-equals", test_json_equals);
  g_test_add_func ("/dx/matcher/jsonpath-exists", test_jsonpath_exists);
  g_test_add_func ("/dx/matcher/jsonpath-equals", test_jsonpath_equals);
  g_test_add_func ("/dx/matcher/jsonpath-matches", test_jsonpath_matches);
  g_test_add_func ("/dx/matcher/jsonpath-type", test_jsonpath_type);
  g_test_add_func ("/dx/matcher/jsonpath-invalid", test_jsonpath_invalid);
  g_test_add_func ("/dx/matcher/size", test_size);
  g_test_add_func ("/dx/matcher/binary-equals", test_binary_equals);
  g_test_add_func ("/dx/matcher/binary-payload", test_binary_payload_text_matchers);
  g_test_add_func ("/dx/matcher/negate", test_negate);
  g_test_add_func ("/dx/matcher/variables", test_variables);
  g_test_add_func ("/dx/matcher/truncated", test_long_message_truncated);
  g_test_add_func ("/dx/matcher/summary", test_summary);

  return g_test_run ();
}
