/* dx-cli-test-util.c — what the duplex-cli test programs share: running
 * the real binary, fixtures, temporary folders, reading reports back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dx-cli-test-util.h"

void
dx_cli_result_clear (DxCliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/**
 * dx_cli_test_binary:
 *
 * Returns: the duplex-cli of this build
 */
char *
dx_cli_test_binary (void)
{
  return g_build_filename (g_getenv ("DX_TEST_BUILDDIR"), "..", "src", "cli", "duplex-cli", NULL);
}

/**
 * dx_cli_test_fixture:
 *
 * Returns: the path of @name in tests/cli/
 */
char *
dx_cli_test_fixture (const char *name)
{
  return g_build_filename (g_getenv ("DX_TEST_SRCDIR"), "cli", name, NULL);
}

/**
 * dx_cli_test_run:
 * @first: the first argument, then the others, then %NULL
 *
 * Runs duplex-cli and waits for it; the suite's timeout is the hang
 * guard. Its output goes to the test log.
 */
void
dx_cli_test_run (DxCliResult *result,
                 const char  *first,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, dx_cli_test_binary ());
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  g_test_message ("duplex-cli exited with %d\n--- stdout:\n%s--- stderr:\n%s",
                  result->status, result->out, result->err);
}

void
dx_cli_test_assert_contains (const char *haystack,
                             const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, haystack);
}

char *
dx_cli_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("duplex-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The reports a test wrote, then the folder */
void
dx_cli_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

JsonObject *
dx_cli_test_load_json (JsonParser *parser,
                       const char *path)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/**
 * dx_cli_test_check_junit:
 *
 * Checks the JUnit file with check-junit.py (Python's xml.etree, the way
 * CI tools read it).
 *
 * Returns: (nullable): its summary, or %NULL when the test was skipped
 *   for want of Python
 */
JsonObject *
dx_cli_test_check_junit (JsonParser *parser,
                         const char *path)
{
  g_autofree char *script = dx_cli_test_fixture ("check-junit.py");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!g_file_test (DX_CLI_TEST_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (DX_CLI_TEST_PYTHON " is missing: apt-get install python3");
      return NULL;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, DX_CLI_TEST_PYTHON, script, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("The JUnit report is not what CI tools read: %s", err);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/**
 * dx_cli_test_member:
 *
 * Returns: element @index of the array @member of @object, which must be
 *   there
 */
JsonObject *
dx_cli_test_member (JsonObject *object,
                    const char *member,
                    guint       index)
{
  JsonArray *array = json_object_get_array_member (object, member);

  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_array_get_object_element (array, index);
}

/**
 * dx_cli_test_step_text:
 *
 * Returns: a text member of a report's step, "" for null
 */
const char *
dx_cli_test_step_text (JsonObject *step,
                       const char *member)
{
  return json_object_get_null_member (step, member) ? "" : json_object_get_string_member (step, member);
}

/* For g_subprocess_wait_async(): sets the gboolean @data */
void
dx_cli_test_exited_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  gboolean *exited = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *exited = TRUE;
}
