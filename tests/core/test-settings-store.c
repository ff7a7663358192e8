/* test-settings-store.c — DxSettingsStore: restore, debounced writes,
 * history bounds, unreadable values, and a round trip through a second
 * process on the keyfile backend
 *
 * Run with --print-restored, this program is that second process: it
 * restores the workspace from the default GSettings backend and prints it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "dx-field.h"
#include "dx-run-result.h"
#include "dx-saved-message.h"
#include "dx-scenario-json.h"
#include "dx-settings-store.h"
#include "dx-test-scenario.h"
#include "dx-test-util.h"

/* Helpers */

static GSettings *
memory_settings_new (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (APP_ID, backend);
}

static void
append (DxHistory     *history,
        DxDirection    direction,
        DxMessageKind  kind,
        gconstpointer  data,
        gsize          size,
        gint64         time_us)
{
  DxRecord record = {
    .payload = g_bytes_new (data, size),
    .wall_time_us = 1700000000000000 + time_us,
    .monotonic_time_us = 5000000 + time_us,
    .direction = direction,
    .kind = kind,
  };

  dx_history_append_batch (history, &record, 1);
}

static void
append_text (DxHistory  *history,
             const char *text)
{
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, text, strlen (text),
          g_list_model_get_n_items (G_LIST_MODEL (history)));
}

static void
add_field (GListStore *rows,
           gboolean    enabled,
           const char *key,
           const char *value)
{
  g_autoptr(DxField) field = dx_field_new (enabled, key, value);

  g_list_store_append (rows, field);
}

static void
print_string (GString    *out,
              const char *label,
              const char *value)
{
  g_autofree char *escaped = value ? g_strescape (value, NULL) : NULL;

  if (value)
    g_string_append_printf (out, "%s \"%s\"\n", label, escaped);
  else
    g_string_append_printf (out, "%s (null)\n", label);
}

static void
print_rows (GString    *out,
            const char *label,
            GListModel *rows)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (rows, i);
      g_autofree char *key = g_strescape (dx_field_get_key (field), NULL);
      g_autofree char *value = g_strescape (dx_field_get_value (field), NULL);

      g_string_append_printf (out, "%s %d \"%s\" \"%s\"\n", label,
                              dx_field_get_enabled (field), key, value);
    }
}

/* Everything a workspace holds, in words: two workspaces are the same when
 * their prints are. Only the newest @limit messages of each history. */
static void
print_saved (GString    *out,
             const char *label,
             GListModel *messages)
{
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(DxSavedMessage) message = g_list_model_get_item (messages, i);

      print_string (out, label, dx_saved_message_get_name (message));
      print_string (out, "    note", dx_saved_message_get_note (message));
      print_string (out, "    format", dx_saved_format_to_string (dx_saved_message_get_format (message)));
      print_string (out, "    content", dx_saved_message_get_content (message));
    }
}

static char *
print_workspace (DxWorkspace *workspace,
                 guint        limit)
{
  GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (workspace));
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "selected %u\n", dx_workspace_get_selected (workspace));
  print_rows (out, "variable", G_LIST_MODEL (dx_workspace_get_variables (workspace)));
  print_saved (out, "library", G_LIST_MODEL (dx_workspace_get_library (workspace)));

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);
      GListModel *history = G_LIST_MODEL (dx_session_get_history (session));
      guint n = g_list_model_get_n_items (history);
      const char * const *subprotocols = dx_session_get_subprotocols (session);

      print_string (out, "session", dx_session_get_id (session));
      print_string (out, "  name", dx_session_get_name (session));
      print_string (out, "  url", dx_session_get_url (session));
      print_rows (out, "  param", G_LIST_MODEL (dx_session_get_params (session)));
      print_rows (out, "  header", G_LIST_MODEL (dx_session_get_headers (session)));
      for (guint j = 0; subprotocols[j]; j++)
        print_string (out, "  subprotocol", subprotocols[j]);
      print_string (out, "  origin", dx_session_get_origin (session));
      print_string (out, "  ca-file", dx_session_get_ca_file (session));
      g_string_append_printf (out, "  connect-timeout %u\n", dx_session_get_connect_timeout (session));
      g_string_append_printf (out, "  keepalive-interval %u\n", dx_session_get_keepalive_interval (session));
      g_string_append_printf (out, "  heartbeat-interval %u\n", dx_session_get_heartbeat_interval (session));
      print_string (out, "  heartbeat-message", dx_session_get_heartbeat_message (session));
      print_string (out, "  heartbeat-saved-message", dx_session_get_heartbeat_saved_message (session));
      print_saved (out, "  saved", G_LIST_MODEL (dx_session_get_saved_messages (session)));
      {
        g_autoptr(JsonNode) scenarios = dx_scenarios_to_json (G_LIST_MODEL (dx_session_get_scenarios (session)));
        g_autofree char *text = json_to_string (scenarios, FALSE);

        print_string (out, "  scenarios", text);
      }
      g_string_append_printf (out, "  max-incoming-size %" G_GUINT64_FORMAT "\n", dx_session_get_max_incoming_size (session));
      g_string_append_printf (out, "  reconnect-attempts %u\n", dx_session_get_reconnect_attempts (session));
      g_string_append_printf (out, "  reconnect-delay %u\n", dx_session_get_reconnect_delay (session));
      g_string_append_printf (out, "  accept-invalid-certificates %d\n",
                              dx_session_get_accept_invalid_certificates (session));

      g_string_append_printf (out, "  history %u\n", MIN (n, limit));
      for (guint j = n > limit ? n - limit : 0; j < n; j++)
        {
          g_autoptr(DxMessage) message = g_list_model_get_item (history, j);
          gsize size;
          const guint8 *data = g_bytes_get_data (dx_message_get_payload (message), &size);

          g_string_append_printf (out, "    %d %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GSIZE_FORMAT " ",
                                  dx_message_get_direction (message), dx_message_get_kind (message),
                                  dx_message_get_wall_time (message),
                                  dx_message_get_monotonic_time (message), size);
          for (gsize k = 0; k < size; k++)
            g_string_append_printf (out, "%02x", data[k]);
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}

/* Line by line, so that a difference is shown as the line it is on */
static void
assert_same_print (const char *actual,
                   const char *expected)
{
  g_auto(GStrv) a = g_strsplit (actual, "\n", -1);
  g_auto(GStrv) e = g_strsplit (expected, "\n", -1);

  for (guint i = 0; a[i] || e[i]; i++)
    {
      if (g_strcmp0 (a[i], e[i]) != 0)
        g_test_message ("line %u differs", i + 1);
      g_assert_cmpstr (a[i], ==, e[i]);
    }
}

/* A store that has restored (nothing) and now saves @workspace */
static DxSettingsStore *
watching_store_new (GSettings   *settings,
                    DxWorkspace *workspace)
{
  g_autoptr(DxSettingsStore) store = dx_settings_store_new (settings, workspace);
  g_autoptr(GError) error = NULL;

  g_assert_true (dx_settings_store_restore (store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* What a start-up would restore from @settings now; @error is set when
 * something was skipped. */
static DxWorkspace *
restore_new (GSettings  *settings,
             GError    **error)
{
  DxWorkspace *workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = dx_settings_store_new (settings, workspace);

  dx_settings_store_restore (store, error);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 0);

  return workspace;
}

static DxWorkspace *
restore_new_no_error (GSettings *settings)
{
  g_autoptr(GError) error = NULL;
  DxWorkspace *workspace = restore_new (settings, &error);

  g_assert_no_error (error);
  return workspace;
}

static DxSession *
add_session (DxWorkspace *workspace,
             const char  *name,
             const char  *url)
{
  g_autoptr(DxSession) session = dx_session_new (name, url);

  g_list_store_append (dx_workspace_get_sessions (workspace), session);
  return session;
}

static DxSession *
session_at (DxWorkspace *workspace,
            guint        position)
{
  g_autoptr(DxSession) session = g_list_model_get_item (G_LIST_MODEL (dx_workspace_get_sessions (workspace)),
                                                        position);

  g_assert_nonnull (session);
  return session;
}

static DxMessage *
message_at (DxSession *session,
            guint      position)
{
  return g_list_model_get_item (G_LIST_MODEL (dx_session_get_history (session)), position);
}

static void
assert_text (DxSession  *session,
             guint       position,
             const char *expected)
{
  g_autoptr(DxMessage) message = message_at (session, position);
  gsize size;
  const char *data = g_bytes_get_data (dx_message_get_payload (message), &size);

  g_assert_cmpmem (data, size, expected, strlen (expected));
}

static guint
n_messages (DxSession *session)
{
  return g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_history (session)));
}

static gboolean
has_saved_history (GSettings  *settings,
                   const char *key)
{
  g_autoptr(GVariant) histories = g_settings_get_value (settings, "history");
  g_autoptr(GVariant) history = g_variant_lookup_value (histories, key, NULL);

  return history != NULL;
}

/* The saved history of one session: a(xxyytay), or NULL */
static GVariant *
saved_history (GSettings  *settings,
               const char *key)
{
  g_autoptr(GVariant) histories = g_settings_get_value (settings, "history");

  return g_variant_lookup_value (histories, key, NULL);
}

/* The samples: every property away from its default, text that needs
 * escaping, binary payloads, two sessions with one id */
static void
fill_sample (DxWorkspace *workspace)
{
  GListStore *variables = dx_workspace_get_variables (workspace);
  DxSession *echo, *plain, *twin;
  DxHistory *history;
  const char *subprotocols[] = { "chat", "superchat.v2", NULL };
  guint8 all_bytes[256];
  g_autofree guint8 *large = g_malloc (60000);

  add_field (variables, TRUE, "host", "localhost:8080");
  add_field (variables, FALSE, "token", "sécret \"quoted\"\nline 2\t☃");
  add_field (variables, TRUE, "", "");

  echo = add_session (workspace, "Echo ☃ \"one\"", "ws://{{host}}/echo");
  add_field (dx_session_get_params (echo), TRUE, "a", "1");
  add_field (dx_session_get_params (echo), FALSE, "b", "x y&z=%20");
  add_field (dx_session_get_params (echo), TRUE, "a", "2");
  add_field (dx_session_get_headers (echo), TRUE, "Authorization", "Bearer {{token}}");
  add_field (dx_session_get_headers (echo), FALSE, "X-Empty", "");
  dx_session_set_subprotocols (echo, subprotocols);
  dx_session_set_max_incoming_size (echo, G_GUINT64_CONSTANT (123456789012));
  dx_session_set_ca_file (echo, "/tmp/ca ☃.pem");
  g_object_set (echo,
                "origin", "https://example.org",
                "connect-timeout", 33,
                "keepalive-interval", 7,
                "heartbeat-interval", 11,
                "heartbeat-message", "♥ {{beat}}",
                "reconnect-attempts", 5,
                "reconnect-delay", 9,
                "accept-invalid-certificates", TRUE,
                "heartbeat-saved-message", "Beat ♥",
                NULL);
  dx_test_add_saved (dx_session_get_saved_messages (echo), "Beat ♥", "a \"note\"\nline 2", DX_SAVED_FORMAT_JSON, "{\"beat\": \"{{beat}}\"}");
  dx_test_add_saved (dx_session_get_saved_messages (echo), "", "", DX_SAVED_FORMAT_HEX, "00 ff");
  dx_test_add_saved (dx_workspace_get_library (workspace), "Hello", "", DX_SAVED_FORMAT_BASE64, "aGVsbG8=");
  {
    g_autoptr(DxScenario) scenario = dx_scenario_new ("Greets ☃");
    g_autoptr(DxScenarioStep) send = dx_scenario_step_new (DX_STEP_SEND);
    g_autoptr(DxScenarioStep) expect = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
    g_autoptr(DxMatcher) matcher = dx_matcher_new (DX_MATCHER_REGEX, "^hello \"\\w+\"$");

    dx_scenario_step_set_message_name (send, "Beat ♥");
    dx_scenario_step_add_matcher (expect, matcher);
    dx_scenario_step_set_enabled (expect, FALSE);
    g_autoptr(DxScenario) run = NULL;

    dx_scenario_add_step (scenario, send);
    dx_scenario_add_step (scenario, expect);
    add_field (dx_scenario_get_variables (scenario), TRUE, "beat", "♥ \"quoted\"");
    add_field (dx_scenario_get_variables (scenario), FALSE, "token", "");
    run = dx_test_scenario_with_last_run (scenario);
    g_list_store_append (dx_session_get_scenarios (echo), run);
  }
  dx_test_add_saved (dx_workspace_get_library (workspace), "Hello", "same name", DX_SAVED_FORMAT_TEXT, "");

  history = dx_session_get_history (echo);
  for (guint i = 0; i < 256; i++)
    all_bytes[i] = i;
  for (guint i = 0; i < 60000; i++)
    large[i] = g_test_rand_int_range (0, 256);
  append (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_OPEN, "Connected", 9, 0);
  append (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_BINARY, all_bytes, sizeof all_bytes, 1);
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, "", 0, 2);
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY, large, 60000, 3);
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, "\xff\xfe not UTF-8 \0 nul", 18, 4);
  /* More than history-limit (1000): only the newest are kept */
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"n\": %u}", i);

      append_text (history, text);
    }
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY, all_bytes, sizeof all_bytes, 2000);
  append (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_CLOSE, "Closed: 1000", 12, 2001);

  plain = add_session (workspace, "", "");
  dx_session_set_max_incoming_size (plain, G_MAXUINT64);
  g_object_set (plain, "connect-timeout", 0, "reconnect-delay", 0, NULL);

  twin = g_object_new (DX_TYPE_SESSION,
                       "id", dx_session_get_id (echo),
                       "name", "Twin",
                       "url", "wss://example.org/",
                       "origin", "",
                       NULL);
  g_list_store_append (dx_workspace_get_sessions (workspace), twin);
  g_object_unref (twin);
  append (dx_session_get_history (twin), DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING, "twin", 4, 7);

  dx_workspace_set_selected (workspace, 2);
}

/* The second process */

static int
print_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = dx_settings_store_new (settings, workspace);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_object_get (settings, "backend", &backend, NULL);
  if (strstr (G_OBJECT_TYPE_NAME (backend), "Keyfile") == NULL)
    {
      g_printerr ("Expected the keyfile backend, got %s\n", G_OBJECT_TYPE_NAME (backend));
      return 2;
    }

  if (!dx_settings_store_restore (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  text = print_workspace (workspace, G_MAXUINT);
  fputs (text, stdout);
  return 0;
}

/* Tests */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
test_round_trip_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_dir_make_tmp ("duplex-settings-XXXXXX", &error);
  g_autofree char *keyfile = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (exe);

  /* The file the keyfile backend of a process with this XDG_CONFIG_HOME
   * reads */
  keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  settings = g_settings_new_with_backend (APP_ID, backend);

  store = watching_store_new (settings, workspace);
  fill_sample (workspace);
  dx_settings_store_flush (store);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 1);
  g_assert_true (g_file_test (keyfile, G_FILE_TEST_IS_REGULAR));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, "--print-restored", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, &errors, &error);
  g_assert_no_error (error);
  if (errors && errors[0])
    g_test_message ("second process: %s", errors);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  expected = print_workspace (workspace, 1000);
  g_assert_nonnull (strstr (expected, "  history 1000\n"));
  /* The scenario's variables and kept run are among what must match
   * (the scenarios are printed escaped) */
  g_assert_nonnull (strstr (expected, "\\\"last-run\\\":{\\\"status\\\":\\\"failed\\\""));
  g_assert_nonnull (strstr (expected, "\\\"key\\\":\\\"beat\\\""));
  assert_same_print (output, expected);

  g_clear_object (&store);
  remove_tree (config);
}

static void
test_nothing_saved (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (workspace))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_variables (workspace))), ==, 0);

  /* Restoring is no change: nothing to write */
  dx_settings_store_flush (store);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 0);
}

static void
test_debounced (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);
  g_auto(GStrv) saved = NULL;
  DxSession *session;

  session = add_session (workspace, "Later", "ws://localhost/");
  dx_session_set_name (session, "Later still");
  append_text (dx_session_get_history (session), "hello");

  /* Not at once, and all three changes in one write */
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 0);
  DX_TEST_WAIT_UNTIL (dx_settings_store_get_write_count (store) == 1, "the debounced write");

  saved = g_settings_get_strv (settings, "sessions");
  g_assert_cmpuint (g_strv_length (saved), ==, 1);
  g_assert_nonnull (strstr (saved[0], "\"Later still\""));
  g_assert_true (has_saved_history (settings, dx_session_get_id (session)));
}

/* A run ending is a change like an edit: its result is saved, and so is
 * an edit of a scenario variable */
static DxScenario *
restored_scenario (GSettings *settings)
{
  g_autoptr(DxWorkspace) restored = restore_new_no_error (settings);

  return g_list_model_get_item (G_LIST_MODEL (dx_session_get_scenarios (session_at (restored, 0))), 0);
}

static void
test_scenario_result_saved (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);
  g_autoptr(DxScenario) base = dx_scenario_new ("Kept");
  g_autoptr(DxScenarioStep) send = dx_scenario_step_new (DX_STEP_SEND);
  g_autoptr(DxScenarioStep) wait = dx_scenario_step_new (DX_STEP_WAIT);
  g_autoptr(DxScenario) scenario = NULL;
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(DxScenario) restored = NULL;
  g_autoptr(DxField) variable = NULL;
  g_autoptr(DxField) restored_variable = NULL;
  DxSession *session;

  dx_scenario_step_set_content (send, "hi");
  dx_scenario_add_step (base, send);
  dx_scenario_add_step (base, wait);
  add_field (dx_scenario_get_variables (base), TRUE, "who", "me");
  scenario = dx_test_scenario_with_last_run (base);
  result = g_object_ref (dx_scenario_get_last_result (scenario));
  dx_scenario_set_last_result (scenario, NULL);
  session = add_session (workspace, "Runs", "ws://localhost/");
  g_list_store_append (dx_session_get_scenarios (session), scenario);
  dx_settings_store_flush (store);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 1);
  restored = restored_scenario (settings);
  g_assert_null (dx_scenario_get_last_result (restored));
  g_clear_object (&restored);

  /* What the runner does at the end of a run */
  dx_scenario_set_last_result (scenario, result);
  dx_settings_store_flush (store);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 2);
  restored = restored_scenario (settings);
  g_assert_nonnull (dx_scenario_get_last_result (restored));
  g_assert_cmpint (dx_run_result_get_status (dx_scenario_get_last_result (restored)), ==, DX_RUN_STATUS_FAILED);
  g_clear_object (&restored);

  variable = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_variables (scenario)), 0);
  dx_field_set_value (variable, "you");
  dx_settings_store_flush (store);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 3);
  restored = restored_scenario (settings);
  restored_variable = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_variables (restored)), 0);
  g_assert_cmpstr (dx_field_get_value (restored_variable), ==, "you");
}

static void
test_flush (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);
  g_autoptr(DxWorkspace) restored = NULL;
  DxSession *session;

  session = add_session (workspace, "Now", "ws://localhost/");
  append_text (dx_session_get_history (session), "quit right after this");
  dx_settings_store_flush (store);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 1);

  restored = restore_new_no_error (settings);
  g_assert_cmpstr (dx_session_get_name (session_at (restored, 0)), ==, "Now");
  assert_text (session_at (restored, 0), 0, "quit right after this");

  /* The pending write went with the flush */
  dx_test_spin (DX_SETTINGS_STORE_WRITE_INTERVAL_MS + 500);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, 1);

  /* Dropping the store writes what is pending too */
  dx_session_set_name (session, "Dropped");
  g_clear_object (&store);
  g_clear_object (&restored);
  restored = restore_new_no_error (settings);
  g_assert_cmpstr (dx_session_get_name (session_at (restored, 0)), ==, "Dropped");
}

static void
test_flood (void)
{
  const guint n_batches = 250;
  const guint batch_size = 400;
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);
  g_autoptr(GVariant) history = NULL;
  g_autoptr(GVariant) last = NULL;
  g_autoptr(GVariant) payload = NULL;
  DxSession *sessions[2];
  guint writes_before, writes;
  gint64 start;
  double elapsed;
  gsize size;
  const char *data;

  sessions[0] = add_session (workspace, "Flood 1", "ws://localhost/1");
  sessions[1] = add_session (workspace, "Flood 2", "ws://localhost/2");
  dx_settings_store_flush (store);
  writes_before = dx_settings_store_get_write_count (store);

  /* 100,000 messages in batches, as the network thread hands them over,
   * over about 2.5 s of main loop */
  start = g_get_monotonic_time ();
  for (guint b = 0; b < n_batches; b++)
    {
      DxRecord records[400];

      g_assert_cmpuint (G_N_ELEMENTS (records), ==, batch_size);
      for (guint i = 0; i < batch_size; i++)
        {
          char *text = g_strdup_printf ("message %u", b * batch_size + i);

          records[i].payload = g_bytes_new_take (text, strlen (text));
          records[i].wall_time_us = g_get_real_time ();
          records[i].monotonic_time_us = g_get_monotonic_time ();
          records[i].direction = DX_DIRECTION_RECEIVED;
          records[i].kind = DX_MESSAGE_KIND_TEXT;
        }
      dx_history_append_batch (dx_session_get_history (sessions[b % 2]), records, batch_size);
      dx_test_spin (10);
    }
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  writes = dx_settings_store_get_write_count (store) - writes_before;

  g_test_message ("%u messages in %u batches over %.2f s: %u writes",
                  n_batches * batch_size, n_batches, elapsed, writes);
  g_assert_cmpuint (writes, >=, 1);
  g_assert_cmpfloat (writes, <=, elapsed + 2);
  g_assert_cmpuint (writes * 10, <, n_batches);

  /* And nothing is lost at the end: the newest 1000 of each */
  dx_settings_store_flush (store);
  history = saved_history (settings, dx_session_get_id (sessions[1]));
  g_assert_cmpuint (g_variant_n_children (history), ==, 1000);
  last = g_variant_get_child_value (history, 999);
  payload = g_variant_get_child_value (last, 5);
  data = g_variant_get_fixed_array (payload, &size, 1);
  g_assert_cmpmem (data, size, "message 99999", 13);
}

static void
test_history_limit (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = NULL;
  g_autoptr(DxWorkspace) restored = NULL;
  g_autoptr(GVariant) history = NULL;
  guint writes;
  DxSession *session;

  g_settings_set_uint (settings, "history-limit", 3);
  store = watching_store_new (settings, workspace);
  session = add_session (workspace, "Limited", "ws://localhost/");
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("m%u", i);

      append_text (dx_session_get_history (session), text);
    }
  dx_settings_store_flush (store);

  history = saved_history (settings, dx_session_get_id (session));
  g_assert_cmpuint (g_variant_n_children (history), ==, 3);

  restored = restore_new_no_error (settings);
  g_assert_cmpuint (n_messages (session_at (restored, 0)), ==, 3);
  assert_text (session_at (restored, 0), 0, "m7");
  assert_text (session_at (restored, 0), 1, "m8");
  assert_text (session_at (restored, 0), 2, "m9");
  g_clear_object (&restored);

  /* Lowered since: the newest of what was saved */
  g_settings_set_uint (settings, "history-limit", 2);
  restored = restore_new_no_error (settings);
  g_assert_cmpuint (n_messages (session_at (restored, 0)), ==, 2);
  assert_text (session_at (restored, 0), 0, "m8");
  assert_text (session_at (restored, 0), 1, "m9");
  g_clear_object (&restored);

  /* 0 keeps none, and the history saved so far goes at once: no need to
   * wait for a message */
  writes = dx_settings_store_get_write_count (store);
  g_settings_set_uint (settings, "history-limit", 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  dx_settings_store_flush (store);
  g_assert_cmpuint (dx_settings_store_get_write_count (store), ==, writes + 1);
  g_clear_pointer (&history, g_variant_unref);
  history = saved_history (settings, dx_session_get_id (session));
  g_assert_null (history);

  g_settings_set_uint (settings, "history-limit", 1000);
  restored = restore_new_no_error (settings);
  g_assert_cmpuint (n_messages (session_at (restored, 0)), ==, 0);
  g_assert_cmpstr (dx_session_get_name (session_at (restored, 0)), ==, "Limited");
}

static void
test_truncated (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = NULL;
  g_autoptr(DxWorkspace) restored = NULL;
  g_autoptr(GVariant) history = NULL;
  g_autoptr(DxMessage) cut = NULL;
  g_autoptr(DxMessage) note = NULL;
  g_autoptr(DxMessage) exact = NULL;
  g_autofree char *note_text = NULL;
  guint8 big[100];
  DxSession *session, *back;
  guint64 size;
  gsize length;
  GVariant *payload;

  for (guint i = 0; i < sizeof big; i++)
    big[i] = i % 7 == 0 ? 0 : 0x80 + i;

  g_settings_set_uint (settings, "history-max-payload", 16);
  store = watching_store_new (settings, workspace);
  session = add_session (workspace, "Big", "ws://localhost/");
  append_text (dx_session_get_history (session), "0123456789abcdef");
  append (dx_session_get_history (session), DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY,
          big, sizeof big, 1);
  append_text (dx_session_get_history (session), "after");
  dx_settings_store_flush (store);

  /* Saved: the first bytes, and the size it had */
  history = saved_history (settings, dx_session_get_id (session));
  g_variant_get_child (history, 1, "(xxyyt@ay)", NULL, NULL, NULL, NULL, &size, &payload);
  g_assert_cmpuint (size, ==, 100);
  g_assert_cmpuint (g_variant_n_children (payload), ==, 16);
  g_variant_unref (payload);

  restored = restore_new_no_error (settings);
  back = session_at (restored, 0);
  g_assert_cmpuint (n_messages (back), ==, 4);

  /* As large as allowed: as it was, no note */
  exact = message_at (back, 0);
  g_assert_cmpint (dx_message_get_direction (exact), ==, DX_DIRECTION_RECEIVED);
  assert_text (back, 0, "0123456789abcdef");

  cut = message_at (back, 1);
  g_assert_cmpint (dx_message_get_kind (cut), ==, DX_MESSAGE_KIND_BINARY);
  g_assert_cmpint (dx_message_get_direction (cut), ==, DX_DIRECTION_RECEIVED);
  g_assert_cmpmem (g_bytes_get_data (dx_message_get_payload (cut), &length), length, big, 16);

  /* Right after it, the row that says so, at the same time */
  note = message_at (back, 2);
  g_assert_cmpint (dx_message_get_direction (note), ==, DX_DIRECTION_EVENT);
  g_assert_cmpint (dx_message_get_kind (note), ==, DX_MESSAGE_KIND_STATE);
  g_assert_cmpint (dx_message_get_wall_time (note), ==, dx_message_get_wall_time (cut));
  g_assert_cmpint (dx_message_get_monotonic_time (note), ==, dx_message_get_monotonic_time (cut));
  note_text = dx_message_dup_text (note);
  g_test_message ("note: %s", note_text);
  g_assert_nonnull (strstr (note_text, "100 bytes"));
  g_assert_nonnull (strstr (note_text, "16 bytes"));

  assert_text (back, 3, "after");

  /* Saved again, the note stays one row: the cut message is no longer
   * larger than allowed */
  {
    g_autoptr(DxWorkspace) again = dx_workspace_new ();
    g_autoptr(DxSettingsStore) again_store = dx_settings_store_new (settings, again);
    g_autoptr(DxWorkspace) third = NULL;
    g_autoptr(DxMessage) kept_note = NULL;

    g_assert_true (dx_settings_store_restore (again_store, NULL));
    append_text (dx_session_get_history (session_at (again, 0)), "later");
    dx_settings_store_flush (again_store);

    third = restore_new_no_error (settings);
    g_assert_cmpuint (n_messages (session_at (third, 0)), ==, 5);
    kept_note = message_at (session_at (third, 0), 2);
    g_assert_cmpint (dx_message_get_direction (kept_note), ==, DX_DIRECTION_EVENT);
    assert_text (session_at (third, 0), 3, "after");
    assert_text (session_at (third, 0), 4, "later");
  }
}

static void
test_binary_exact (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);
  g_autoptr(DxWorkspace) restored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  fill_sample (workspace);
  dx_settings_store_flush (store);

  restored = restore_new_no_error (settings);
  expected = print_workspace (workspace, 1000);
  actual = print_workspace (restored, G_MAXUINT);
  assert_same_print (actual, expected);
}

static void
test_removed_session (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);
  g_autoptr(DxWorkspace) restored = NULL;
  g_autoptr(GVariant) histories = NULL;
  g_autofree char *gone = NULL;
  DxSession *first, *second;

  first = add_session (workspace, "First", "ws://localhost/1");
  second = add_session (workspace, "Second", "ws://localhost/2");
  append_text (dx_session_get_history (first), "one");
  append_text (dx_session_get_history (second), "two");
  dx_settings_store_flush (store);

  gone = g_strdup (dx_session_get_id (first));
  g_list_store_remove (dx_workspace_get_sessions (workspace), 0);
  append_text (dx_session_get_history (second), "three");
  dx_settings_store_flush (store);

  histories = g_settings_get_value (settings, "history");
  g_assert_cmpuint (g_variant_n_children (histories), ==, 1);
  g_assert_false (has_saved_history (settings, gone));

  restored = restore_new_no_error (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (restored))), ==, 1);
  g_assert_cmpuint (n_messages (session_at (restored, 0)), ==, 2);
  assert_text (session_at (restored, 0), 1, "three");
}

#define FUTURE_DOCUMENT "{\"format\": 99, \"id\": \"future-id\", \"name\": \"From the future\", \"shape\": {\"new\": true}}"
#define BAD_VALUES_DOCUMENT \
  "{\"format\": 1, \"id\": \"beta-id\", \"name\": \"Beta\", \"url\": \"ws://beta/\", " \
  "\"connect-timeout\": \"ten\", \"reconnect-delay\": 99999, \"keepalive-interval\": 4, " \
  "\"headers\": [{\"enabled\": true, \"key\": \"X-A\", \"value\": \"1\"}, {\"enabled\": \"yes\", \"key\": \"X-B\"}]}"
#define MINIMAL_DOCUMENT "{\"format\": 1, \"id\": \"hand-id\", \"name\": \"Hand\"}"

static void
test_unreadable (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSettingsStore) store = watching_store_new (settings, workspace);
  g_autoptr(DxWorkspace) restored = NULL;
  g_autoptr(DxSettingsStore) restored_store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) alpha_history = NULL;
  g_autoptr(GVariant) future_history = g_variant_ref_sink (g_variant_new_parsed ("[(1, 'a new shape')]"));
  g_autoptr(GVariant) kept = NULL;
  g_auto(GStrv) good = NULL;
  g_auto(GStrv) after = NULL;
  GVariantBuilder histories;
  DxSession *alpha, *beta, *hand;
  GListModel *headers;
  g_autofree char *alpha_id = NULL;

  /* What a good run saved */
  alpha = add_session (workspace, "Alpha", "ws://alpha/");
  append_text (dx_session_get_history (alpha), "a1");
  append_text (dx_session_get_history (alpha), "a2");
  dx_settings_store_flush (store);
  g_clear_object (&store);
  good = g_settings_get_strv (settings, "sessions");
  alpha_id = g_strdup (dx_session_get_id (alpha));
  alpha_history = saved_history (settings, alpha_id);

  /* ... and what went wrong with it since */
  {
    const char *documents[] = {
      good[0],
      "{\"format\": 1, \"id\": ",
      FUTURE_DOCUMENT,
      BAD_VALUES_DOCUMENT,
      "[1, 2]",
      "{\"id\": \"no-format-id\", \"name\": \"No format\"}",
      MINIMAL_DOCUMENT,
      NULL,
    };

    g_variant_builder_init (&histories, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_add (&histories, "{sv}", alpha_id, alpha_history);
    g_variant_builder_add (&histories, "{sv}", "beta-id", g_variant_new_parsed ("['not', 'a', 'history']"));
    g_variant_builder_add (&histories, "{sv}", "future-id", future_history);
    g_variant_builder_add (&histories, "{sv}", "no-format-id", g_variant_new_parsed ("@a(xxyytay) []"));
    g_settings_set_strv (settings, "sessions", documents);
    g_settings_set_value (settings, "history", g_variant_builder_end (&histories));
    g_settings_set_uint (settings, "selected-session", 3);
  }

  restored = dx_workspace_new ();
  restored_store = dx_settings_store_new (settings, restored);
  g_assert_false (dx_settings_store_restore (restored_store, &error));
  g_assert_error (error, DX_SETTINGS_STORE_ERROR, DX_SETTINGS_STORE_ERROR_UNREADABLE);
  g_test_message ("reported: %s", error->message);
  g_assert_nonnull (strstr (error->message, "3 saved sessions could not be read and were skipped: session 2: "));
  g_assert_nonnull (strstr (error->message, "session 5: "));
  g_assert_nonnull (strstr (error->message, "session 6: "));
  g_assert_nonnull (strstr (error->message, "1 saved session is from a newer version"));
  g_assert_nonnull (strstr (error->message, "“Beta”: some saved values could not be read and were left out: headers, connect-timeout, reconnect-delay"));
  g_assert_nonnull (strstr (error->message, "The saved history of “Beta” is not in a form"));

  /* Everything else is there */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (restored))), ==, 3);
  g_assert_cmpstr (dx_session_get_name (session_at (restored, 0)), ==, "Alpha");
  g_assert_cmpuint (n_messages (session_at (restored, 0)), ==, 2);
  assert_text (session_at (restored, 0), 1, "a2");

  beta = session_at (restored, 1);
  g_assert_cmpstr (dx_session_get_id (beta), ==, "beta-id");
  g_assert_cmpstr (dx_session_get_url (beta), ==, "ws://beta/");
  g_assert_cmpuint (dx_session_get_keepalive_interval (beta), ==, 4);
  g_assert_cmpuint (dx_session_get_connect_timeout (beta), ==, DX_DEFAULT_CONNECT_TIMEOUT);
  g_assert_cmpuint (dx_session_get_reconnect_delay (beta), ==, DX_DEFAULT_RECONNECT_DELAY);
  headers = G_LIST_MODEL (dx_session_get_headers (beta));
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 1);
  g_assert_cmpuint (n_messages (beta), ==, 0);

  hand = session_at (restored, 2);
  g_assert_cmpstr (dx_session_get_name (hand), ==, "Hand");
  g_assert_cmpstr (dx_session_get_url (hand), ==, "");
  g_assert_cmpuint (dx_session_get_max_incoming_size (hand), ==, DX_DEFAULT_MAX_INCOMING_SIZE);
  g_assert_null (dx_session_get_origin (hand));

  /* The selection was Beta */
  g_assert_cmpuint (dx_workspace_get_selected (restored), ==, 1);

  /* A message is no edit of the tester's: what could not be read stays */
  append_text (dx_session_get_history (session_at (restored, 0)), "a3");
  dx_settings_store_flush (restored_store);
  g_assert_cmpuint (dx_settings_store_get_write_count (restored_store), ==, 1);
  after = g_settings_get_strv (settings, "sessions");
  g_assert_cmpuint (g_strv_length (after), ==, 7);
  g_assert_cmpstr (after[1], ==, "{\"format\": 1, \"id\": ");
  kept = saved_history (settings, "no-format-id");
  g_assert_nonnull (kept);
  g_clear_pointer (&kept, g_variant_unref);
  g_clear_pointer (&after, g_strfreev);

  /* An edit: only what a newer version wrote is kept, with its history */
  dx_session_set_name (session_at (restored, 0), "Alpha 2");
  dx_settings_store_flush (restored_store);
  after = g_settings_get_strv (settings, "sessions");
  g_assert_cmpuint (g_strv_length (after), ==, 4);
  g_assert_cmpstr (after[3], ==, FUTURE_DOCUMENT);
  kept = saved_history (settings, "future-id");
  g_assert_true (g_variant_equal (kept, future_history));
  g_assert_false (has_saved_history (settings, "no-format-id"));
  g_clear_object (&restored_store);
  g_clear_object (&restored);
  g_clear_error (&error);

  /* Next start-up: the newer one is reported again, nothing else */
  restored = restore_new (settings, &error);
  g_assert_error (error, DX_SETTINGS_STORE_ERROR, DX_SETTINGS_STORE_ERROR_UNREADABLE);
  g_assert_null (strstr (error->message, "could not be read"));
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (restored))), ==, 3);
  g_assert_cmpstr (dx_session_get_name (session_at (restored, 0)), ==, "Alpha 2");
  g_assert_cmpuint (n_messages (session_at (restored, 0)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && g_str_equal (argv[1], "--print-restored"))
    return print_restored ();

  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/settings-store/round-trip-process", test_round_trip_process);
  g_test_add_func ("/dx/settings-store/nothing-saved", test_nothing_saved);
  g_test_add_func ("/dx/settings-store/debounced", test_debounced);
  g_test_add_func ("/dx/settings-store/flush", test_flush);
  g_test_add_func ("/dx/settings-store/scenario-result-saved", test_scenario_result_saved);
  g_test_add_func ("/dx/settings-store/flood", test_flood);
  g_test_add_func ("/dx/settings-store/history-limit", test_history_limit);
  g_test_add_func ("/dx/settings-store/truncated", test_truncated);
  g_test_add_func ("/dx/settings-store/binary-exact", test_binary_exact);
  g_test_add_func ("/dx/settings-store/removed-session", test_removed_session);
  g_test_add_func ("/dx/settings-store/unreadable", test_unreadable);

  return g_test_run ();
}
