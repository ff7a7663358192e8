/* test-variables.c — {{name}} expansion: defined, undefined, turned off,
 * nested, cycles, depth, and text that only looks like a variable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-field.h"
#include "dx-variables.h"

static void
add (GListStore *variables,
     gboolean    enabled,
     const char *key,
     const char *value)
{
  g_autoptr(DxField) field = dx_field_new (enabled, key, value);

  g_list_store_append (variables, field);
}

static GListStore *
sample_variables (void)
{
  GListStore *variables = g_list_store_new (DX_TYPE_FIELD);

  add (variables, TRUE, "name", "Ann");
  add (variables, TRUE, "host", "127.0.0.1:8080");
  add (variables, TRUE, "empty", "");
  add (variables, TRUE, " spaced ", "trimmed key");
  add (variables, FALSE, "off", "never used");
  add (variables, TRUE, "json", "{\"id\": 1}");
  return variables;
}

static void
assert_expands (GListModel *variables,
                const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = dx_variables_expand (variables, text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (expanded, ==, expected);
}

static void
assert_fails (GListModel *variables,
              const char *text,
              int         code,
              const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = dx_variables_expand (variables, text, &error);

  g_assert_null (expanded);
  g_assert_error (error, DX_VARIABLES_ERROR, code);
  g_test_message ("%s → %s", text, error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
}

static void
test_defined (void)
{
  g_autoptr(GListStore) store = sample_variables ();
  GListModel *variables = G_LIST_MODEL (store);

  assert_expands (variables, "Hello {{name}}!", "Hello Ann!");
  assert_expands (variables, "{{name}}", "Ann");
  assert_expands (variables, "{{ name }} and {{\tname\t}}", "Ann and Ann");
  assert_expands (variables, "ws://{{host}}/{{name}}{{name}}", "ws://127.0.0.1:8080/AnnAnn");
  assert_expands (variables, "[{{empty}}]", "[]");
  assert_expands (variables, "{{spaced}}", "trimmed key");
  assert_expands (variables, "{\"payload\": {{json}}}", "{\"payload\": {\"id\": 1}}");
  assert_expands (variables, "héllo ✓ {{name}} 日本", "héllo ✓ Ann 日本");
  assert_expands (variables, "", "");
  assert_expands (variables, "no variables here", "no variables here");
}

/* Braces that are not a {{name}} are left as they are */
static void
test_not_references (void)
{
  g_autoptr(GListStore) store = sample_variables ();
  GListModel *variables = G_LIST_MODEL (store);

  assert_expands (variables, "{{}} {{ }} { {name} } {name}", "{{}} {{ }} { {name} } {name}");
  assert_expands (variables, "{{name} and {{name", "{{name} and {{name");
  assert_expands (variables, "{{{name}}}", "{Ann}");
  assert_expands (variables, "{{\"a\": 1}}", "{{\"a\": 1}}");
  assert_expands (variables, "{{na\nme}}", "{{na\nme}}");
  assert_expands (variables, "{\"a\": {\"b\": {\"c\": 1}}}", "{\"a\": {\"b\": {\"c\": 1}}}");

  g_assert_true (dx_variables_has_references ("a {{ b }} c"));
  g_assert_false (dx_variables_has_references ("{\"a\": {\"b\": 1}}"));
  g_assert_false (dx_variables_has_references ("{{}}"));
}

static void
test_undefined (void)
{
  g_autoptr(GListStore) store = sample_variables ();
  GListModel *variables = G_LIST_MODEL (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;

  expanded = dx_variables_expand (variables, "Bearer {{ token }}", &error);
  g_assert_null (expanded);
  g_assert_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_UNDEFINED);
  g_assert_cmpstr (error->message, ==,
                   "The variable {{token}} is not defined: add it under Variables, or remove it");

  /* The first undefined one is named, even after defined ones */
  assert_fails (variables, "{{name}} {{missing}} {{other}}", DX_VARIABLES_ERROR_UNDEFINED, "{{missing}}");

  /* A variable that is turned off is not used, and the message says so */
  assert_fails (variables, "{{off}}", DX_VARIABLES_ERROR_UNDEFINED, "{{off}}");
  assert_fails (variables, "{{off}}", DX_VARIABLES_ERROR_UNDEFINED, "turn it on");

  /* Names are matched exactly */
  assert_fails (variables, "{{Name}}", DX_VARIABLES_ERROR_UNDEFINED, "{{Name}}");

  /* No variables at all */
  assert_expands (NULL, "plain", "plain");
  assert_fails (NULL, "{{name}}", DX_VARIABLES_ERROR_UNDEFINED, "{{name}}");
}

/* The first enabled row with a name gives its value */
static void
test_first_enabled_wins (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DX_TYPE_FIELD);

  add (store, FALSE, "env", "disabled");
  add (store, TRUE, "env", "staging");
  add (store, TRUE, "env", "production");
  assert_expands (G_LIST_MODEL (store), "{{env}}", "staging");

  /* Later edits count at the next expansion */
  {
    g_autoptr(DxField) first = g_list_model_get_item (G_LIST_MODEL (store), 0);

    dx_field_set_enabled (first, TRUE);
  }
  assert_expands (G_LIST_MODEL (store), "{{env}}", "disabled");
}

static void
test_nested (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DX_TYPE_FIELD);
  GListModel *variables = G_LIST_MODEL (store);

  add (store, TRUE, "url", "ws://{{host}}:{{port}}/{{path}}");
  add (store, TRUE, "host", "{{ env }}.example.com");
  add (store, TRUE, "env", "staging");
  add (store, TRUE, "port", "8080");
  add (store, TRUE, "path", "chat?user={{user}}");
  add (store, TRUE, "user", "ann");
  add (store, TRUE, "broken", "x{{nowhere}}");

  assert_expands (variables, "{{url}}", "ws://staging.example.com:8080/chat?user=ann");

  /* An undefined variable deep inside names that one */
  assert_fails (variables, "ok {{broken}}", DX_VARIABLES_ERROR_UNDEFINED, "{{nowhere}}");
}

static void
test_cycles (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DX_TYPE_FIELD);
  GListModel *variables = G_LIST_MODEL (store);

  add (store, TRUE, "self", "again {{self}}");
  add (store, TRUE, "a", "{{b}}");
  add (store, TRUE, "b", "x{{c}}");
  add (store, TRUE, "c", "{{a}}");
  add (store, TRUE, "fine", "{{name}}");
  add (store, TRUE, "name", "Ann");

  assert_fails (variables, "{{self}}", DX_VARIABLES_ERROR_CYCLE, "{{self}} → {{self}}");
  assert_fails (variables, "go {{a}}", DX_VARIABLES_ERROR_CYCLE, "{{a}} → {{b}} → {{c}} → {{a}}");
  assert_fails (variables, "{{c}}", DX_VARIABLES_ERROR_CYCLE, "{{c}} → {{a}} → {{b}} → {{c}}");

  /* Using a variable twice is no cycle */
  assert_expands (variables, "{{fine}} {{fine}} {{name}}", "Ann Ann Ann");
}

static void
test_depth (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DX_TYPE_FIELD);
  g_autofree char *too_deep = NULL;
  char key[16];
  char value[32];

  /* v1 = {{v2}}, ..., v10 = end: ten levels is the limit and works */
  for (guint i = 1; i <= DX_VARIABLES_MAX_DEPTH; i++)
    {
      g_snprintf (key, sizeof key, "v%u", i);
      if (i < DX_VARIABLES_MAX_DEPTH)
        g_snprintf (value, sizeof value, "{{v%u}}", i + 1);
      else
        g_snprintf (value, sizeof value, "end");
      add (store, TRUE, key, value);
    }
  assert_expands (G_LIST_MODEL (store), "{{v1}}", "end");

  /* One more is refused, with a clear message */
  add (store, TRUE, "v0", "{{v1}}");
  assert_fails (G_LIST_MODEL (store), "{{v0}}", DX_VARIABLES_ERROR_TOO_DEEP, "levels deep");
}

/* Each variable is worked out once: values that use others twice over do
 * not multiply the work beyond the size of the result */
static void
test_repeated_use (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;
  char key[16];
  char value[32];

  add (store, TRUE, "d0", "x");
  for (guint i = 1; i < DX_VARIABLES_MAX_DEPTH; i++)
    {
      g_snprintf (key, sizeof key, "d%u", i);
      g_snprintf (value, sizeof value, "{{d%u}}{{d%u}}", i - 1, i - 1);
      add (store, TRUE, key, value);
    }

  expanded = dx_variables_expand (G_LIST_MODEL (store), "{{d9}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (expanded), ==, 1 << 9);
}

/* A large message full of braces comes back as it was */
static void
test_large_text (void)
{
  g_autoptr(GListStore) store = sample_variables ();
  const gsize size = 4 * 1024 * 1024;
  g_autofree char *braces = g_strnfill (size, '{');
  g_autofree char *mixed = g_strnfill (size, 'x');
  g_autoptr(GError) error = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *expanded_mixed = NULL;

  expanded = dx_variables_expand (G_LIST_MODEL (store), braces, &error);
  g_assert_no_error (error);
  g_assert_true (strcmp (expanded, braces) == 0);

  memcpy (mixed, "{{name}}", 8);
  memcpy (mixed + size - 8, "{{name}}", 8);
  expanded_mixed = dx_variables_expand (G_LIST_MODEL (store), mixed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (expanded_mixed), ==, size - 16 + 6);
  g_assert_true (g_str_has_prefix (expanded_mixed, "Annxxx"));
  g_assert_true (g_str_has_suffix (expanded_mixed, "xxxAnn"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dx/variables/defined", test_defined);
  g_test_add_func ("/dx/variables/not-references", test_not_references);
  g_test_add_func ("/dx/variables/undefined", test_undefined);
  g_test_add_func ("/dx/variables/first-enabled-wins", test_first_enabled_wins);
  g_test_add_func ("/dx/variables/nested", test_nested);
  g_test_add_func ("/dx/variables/cycles", test_cycles);
  g_test_add_func ("/dx/variables/depth", test_depth);
  g_test_add_func ("/dx/variables/repeated-use", test_repeated_use);
  g_test_add_func ("/dx/variables/large-text", test_large_text);

  return g_test_run ();
}
