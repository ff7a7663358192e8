/* test-workspace-io.c — workspace files: round trips, stable bytes, errors
 * a tester can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dx-field.h"
#include "dx-run-result.h"
#include "dx-saved-message.h"
#include "dx-scenario-json.h"
#include "dx-test-scenario.h"
#include "dx-test-util.h"
#include "dx-workspace-io.h"

/* What a small workspace is written as, byte for byte: the format that
 * docs/workspace-format.md shows and that testers keep in git. */
static const char small_workspace_text[] =
  "{\n"
  "  \"format\": \"duplex-workspace\",\n"
  "  \"version\": 1,\n"
  "  \"variables\": [\n"
  "    {\n"
  "      \"enabled\": true,\n"
  "      \"key\": \"host\",\n"
  "      \"value\": \"localhost:8080\"\n"
  "    }\n"
  "  ],\n"
  "  \"library\": [],\n"
  "  \"selected\": 0,\n"
  "  \"sessions\": [\n"
  "    {\n"
  "      \"id\": \"0b8e4a6e-5d5e-4c36-9a57-2f1d3c9e7a10\",\n"
  "      \"name\": \"Echo\",\n"
  "      \"url\": \"ws://{{host}}/echo\",\n"
  "      \"params\": [],\n"
  "      \"headers\": [\n"
  "        {\n"
  "          \"enabled\": false,\n"
  "          \"key\": \"Authorization\",\n"
  "          \"value\": \"Bearer abc\"\n"
  "        }\n"
  "      ],\n"
  "      \"subprotocols\": [\n"
  "        \"chat\"\n"
  "      ],\n"
  "      \"origin\": null,\n"
  "      \"options\": {\n"
  "        \"connect-timeout\": 10,\n"
  "        \"keepalive-interval\": 0,\n"
  "        \"heartbeat-interval\": 0,\n"
  "        \"heartbeat-message\": null,\n"
  "        \"heartbeat-saved-message\": null,\n"
  "        \"max-incoming-size\": 16777216,\n"
  "        \"reconnect-attempts\": 0,\n"
  "        \"reconnect-delay\": 2,\n"
  "        \"accept-invalid-certificates\": false,\n"
  "        \"ca-file\": null\n"
  "      },\n"
  "      \"saved-messages\": [],\n"
  "      \"scenarios\": []\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
add_row (GListStore *rows,
         gboolean    enabled,
         const char *key,
         const char *value)
{
  g_autoptr(DxField) field = dx_field_new (enabled, key, value);

  g_list_store_append (rows, field);
}

static DxSession *
add_session (DxWorkspace *workspace,
             const char  *id,
             const char  *name,
             const char  *url)
{
  g_autoptr(DxSession) session = g_object_new (DX_TYPE_SESSION,
                                               "id", id,
                                               "name", name,
                                               "url", url,
                                               NULL);

  g_list_store_append (dx_workspace_get_sessions (workspace), session);
  return session;
}

static DxWorkspace *
small_workspace_new (void)
{
  DxWorkspace *workspace = dx_workspace_new ();
  DxSession *echo;
  const char *chat[] = { "chat", NULL };

  add_row (dx_workspace_get_variables (workspace), TRUE, "host", "localhost:8080");
  echo = add_session (workspace, "0b8e4a6e-5d5e-4c36-9a57-2f1d3c9e7a10", "Echo", "ws://{{host}}/echo");
  add_row (dx_session_get_headers (echo), FALSE, "Authorization", "Bearer abc");
  dx_session_set_subprotocols (echo, chat);

  return workspace;
}

/* Everything a workspace file holds, with every option away from its
 * default and the strings a hand-made file would get wrong. */

/* A scenario with a step of every kind, off its defaults, its own
 * variables and a kept run */
static void
add_scenario (GListStore *scenarios)
{
  g_autoptr(DxScenario) scenario = dx_scenario_new ("Every step “kind”");
  g_autoptr(DxScenario) empty = dx_scenario_new ("");
  g_autoptr(DxScenario) run = NULL;
  g_autoptr(DxField) variable = dx_field_new (TRUE, "n", "4\"2 ✓");
  g_autoptr(DxField) off = dx_field_new (FALSE, "", "");

  for (DxStepKind kind = DX_STEP_CONNECT; kind <= DX_STEP_EXPECT_CLOSE; kind++)
    {
      g_autoptr(DxScenarioStep) step = dx_scenario_step_new (kind);

      dx_scenario_step_set_enabled (step, kind != DX_STEP_WAIT);
      dx_scenario_step_set_timeout (step, 1234 + kind);
      dx_scenario_step_set_content (step, "{\"n\": {{n}}}\n\t✓");
      dx_scenario_step_set_reason (step, "done ✓");
      dx_scenario_step_set_code (step, 4001);
      if (kind == DX_STEP_EXPECT_MESSAGE)
        {
          g_autoptr(DxMatcher) path = dx_matcher_new_path ("$.a[0]", DX_PATH_OP_EQUALS, "\"x\"");
          g_autoptr(DxMatcher) size = dx_matcher_new_size (DX_SIZE_OP_LE, 99);

          dx_matcher_set_negate (size, TRUE);
          dx_scenario_step_add_matcher (step, path);
          dx_scenario_step_add_matcher (step, size);
        }
      dx_scenario_add_step (scenario, step);
    }
  g_list_store_append (dx_scenario_get_variables (scenario), variable);
  g_list_store_append (dx_scenario_get_variables (scenario), off);
  run = dx_test_scenario_with_last_run (scenario);
  g_list_store_append (scenarios, run);
  g_list_store_append (scenarios, empty);
}

static DxWorkspace *
rich_workspace_new (void)
{
  DxWorkspace *workspace = dx_workspace_new ();
  GListStore *variables = dx_workspace_get_variables (workspace);
  DxSession *session;
  const char *protocols[] = { "graphql-transport-ws", "v2.json", "chat", NULL };

  add_row (variables, TRUE, "host", "echo.example.org");
  add_row (variables, FALSE, "token", "");
  add_row (variables, TRUE, "token", "s3cr\"et\\with\ttab\nand newline");
  add_row (variables, TRUE, "", "");
  add_row (variables, TRUE, "价格", "Ünïcödé 😀 “quoted” \x01\x1f control");

  session = add_session (workspace, "first-id", "Prices", "wss://{{host}}/prices");
  add_row (dx_session_get_params (session), TRUE, "symbol", "BTC");
  add_row (dx_session_get_params (session), FALSE, "symbol", "ETH");
  add_row (dx_session_get_params (session), TRUE, "symbol", "BTC");
  add_row (dx_session_get_params (session), TRUE, "empty", "");
  add_row (dx_session_get_params (session), TRUE, "q", "a b&c=d/é");
  add_row (dx_session_get_headers (session), TRUE, "Authorization", "Bearer {{token}}");
  add_row (dx_session_get_headers (session), FALSE, "X-Debug", "1");
  dx_session_set_subprotocols (session, protocols);
  g_object_set (session,
                "origin", "https://app.example.org",
                "connect-timeout", 3600,
                "keepalive-interval", 15,
                "heartbeat-interval", 30,
                "heartbeat-message", "{\"op\": \"ping\", \"who\": \"{{user}}\"}",
                "max-incoming-size", (guint64) 1 << 40,
                "reconnect-attempts", 1000,
                "reconnect-delay", 0,
                "accept-invalid-certificates", TRUE,
                "ca-file", "/home/tester/certs/ca ünï.pem",
                "heartbeat-saved-message", "Keep alive",
                NULL);
  dx_test_add_saved (dx_session_get_saved_messages (session), "Subscribe", "Needs {{token}}",
                     DX_SAVED_FORMAT_JSON, "{\"op\": \"subscribe\",\n \"symbol\": \"{{symbol}}\"}");
  dx_test_add_saved (dx_session_get_saved_messages (session), "Raw “frame”", "", DX_SAVED_FORMAT_HEX, "00 ff 7f");
  dx_test_add_saved (dx_session_get_saved_messages (session), "", "\t\x01", DX_SAVED_FORMAT_BASE64, "AP8=");
  add_scenario (dx_session_get_scenarios (session));
  dx_test_add_saved (dx_workspace_get_library (workspace), "Keep alive", "Every session's heartbeat",
                     DX_SAVED_FORMAT_TEXT, "ping 価格");

  /* An empty session, and one whose origin is set but empty */
  add_session (workspace, "second-id", "", "");
  session = add_session (workspace, "third-id", "Echo “local”", "ws://localhost:8080/");
  g_object_set (session,
                "origin", "",
                "connect-timeout", 0,
                "max-incoming-size", (guint64) 0,
                NULL);

  dx_workspace_set_selected (workspace, 2);
  return workspace;
}

static void
assert_rows_equal (GListModel *a,
                   GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(DxField) x = g_list_model_get_item (a, i);
      g_autoptr(DxField) y = g_list_model_get_item (b, i);

      g_assert_true (x != y);
      g_assert_cmpint (dx_field_get_enabled (x), ==, dx_field_get_enabled (y));
      g_assert_cmpstr (dx_field_get_key (x), ==, dx_field_get_key (y));
      g_assert_cmpstr (dx_field_get_value (x), ==, dx_field_get_value (y));
    }
}

static void
assert_saved_equal (GListModel *a,
                    GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(DxSavedMessage) x = g_list_model_get_item (a, i);
      g_autoptr(DxSavedMessage) y = g_list_model_get_item (b, i);

      g_assert_true (x != y);
      g_assert_cmpstr (dx_saved_message_get_name (x), ==, dx_saved_message_get_name (y));
      g_assert_cmpstr (dx_saved_message_get_note (x), ==, dx_saved_message_get_note (y));
      g_assert_cmpint (dx_saved_message_get_format (x), ==, dx_saved_message_get_format (y));
      g_assert_cmpstr (dx_saved_message_get_content (x), ==, dx_saved_message_get_content (y));
    }
}

/* Scenarios compare by what they write: their own tests check that their
 * JSON holds every property */
static void
assert_scenarios_equal (GListModel *a,
                        GListModel *b)
{
  g_autoptr(JsonNode) node_a = dx_scenarios_to_json (a);
  g_autoptr(JsonNode) node_b = dx_scenarios_to_json (b);
  g_autofree char *text_a = json_to_string (node_a, TRUE);
  g_autofree char *text_b = json_to_string (node_b, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  g_assert_cmpstr (text_a, ==, text_b);
}

static void
assert_sessions_equal (DxSession *a,
                       DxSession *b)
{
  g_assert_cmpstr (dx_session_get_id (a), ==, dx_session_get_id (b));
  g_assert_cmpstr (dx_session_get_name (a), ==, dx_session_get_name (b));
  g_assert_cmpstr (dx_session_get_url (a), ==, dx_session_get_url (b));
  assert_rows_equal (G_LIST_MODEL (dx_session_get_params (a)), G_LIST_MODEL (dx_session_get_params (b)));
  assert_rows_equal (G_LIST_MODEL (dx_session_get_headers (a)), G_LIST_MODEL (dx_session_get_headers (b)));
  g_assert_true (g_strv_equal ((const char * const *) dx_session_get_subprotocols (a),
                               (const char * const *) dx_session_get_subprotocols (b)));
  g_assert_cmpstr (dx_session_get_origin (a), ==, dx_session_get_origin (b));
  g_assert_cmpuint (dx_session_get_connect_timeout (a), ==, dx_session_get_connect_timeout (b));
  g_assert_cmpuint (dx_session_get_keepalive_interval (a), ==, dx_session_get_keepalive_interval (b));
  g_assert_cmpuint (dx_session_get_heartbeat_interval (a), ==, dx_session_get_heartbeat_interval (b));
  g_assert_cmpstr (dx_session_get_heartbeat_message (a), ==, dx_session_get_heartbeat_message (b));
  g_assert_cmpuint (dx_session_get_max_incoming_size (a), ==, dx_session_get_max_incoming_size (b));
  g_assert_cmpuint (dx_session_get_reconnect_attempts (a), ==, dx_session_get_reconnect_attempts (b));
  g_assert_cmpuint (dx_session_get_reconnect_delay (a), ==, dx_session_get_reconnect_delay (b));
  g_assert_cmpint (dx_session_get_accept_invalid_certificates (a), ==, dx_session_get_accept_invalid_certificates (b));
  g_assert_cmpstr (dx_session_get_ca_file (a), ==, dx_session_get_ca_file (b));
  g_assert_cmpstr (dx_session_get_heartbeat_saved_message (a), ==, dx_session_get_heartbeat_saved_message (b));
  assert_saved_equal (G_LIST_MODEL (dx_session_get_saved_messages (a)), G_LIST_MODEL (dx_session_get_saved_messages (b)));
  assert_scenarios_equal (G_LIST_MODEL (dx_session_get_scenarios (a)), G_LIST_MODEL (dx_session_get_scenarios (b)));
}

static void
assert_workspaces_equal (DxWorkspace *a,
                         DxWorkspace *b)
{
  GListModel *sessions_a = G_LIST_MODEL (dx_workspace_get_sessions (a));
  GListModel *sessions_b = G_LIST_MODEL (dx_workspace_get_sessions (b));

  assert_rows_equal (G_LIST_MODEL (dx_workspace_get_variables (a)), G_LIST_MODEL (dx_workspace_get_variables (b)));
  assert_saved_equal (G_LIST_MODEL (dx_workspace_get_library (a)), G_LIST_MODEL (dx_workspace_get_library (b)));
  g_assert_cmpuint (dx_workspace_get_selected (a), ==, dx_workspace_get_selected (b));
  g_assert_cmpuint (g_list_model_get_n_items (sessions_a), ==, g_list_model_get_n_items (sessions_b));
  for (guint i = 0; i < g_list_model_get_n_items (sessions_a); i++)
    {
      g_autoptr(DxSession) x = g_list_model_get_item (sessions_a, i);
      g_autoptr(DxSession) y = g_list_model_get_item (sessions_b, i);

      assert_sessions_equal (x, y);
    }
}

static DxSession *
session_at (DxWorkspace *workspace,
            guint        position)
{
  g_autoptr(DxSession) session = g_list_model_get_item (G_LIST_MODEL (dx_workspace_get_sessions (workspace)), position);

  g_assert_nonnull (session);
  return session;
}

/* A file in a fresh directory that the fixture removes again. */
typedef struct {
  char  *dir;
  GFile *file;
} TempFile;

static void
temp_file_setup (TempFile      *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("duplex-workspace-io-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_build_filename (fixture->dir, "workspace.json", NULL);
}

static void
temp_file_teardown (TempFile      *fixture,
                    gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_object (&fixture->file);
}

static void
write_file (GFile      *file,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
file_contents (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Loads @text, which must fail with @code; returns the message. */
static char *
load_error (const char *text,
            int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DxWorkspace) workspace = dx_workspace_io_from_data (text, -1, &error);

  g_assert_null (workspace);
  g_assert_error (error, DX_WORKSPACE_IO_ERROR, code);
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

static void
test_round_trip_data (void)
{
  g_autoptr(DxWorkspace) workspace = rich_workspace_new ();
  g_autoptr(DxWorkspace) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  gsize length;

  data = dx_workspace_io_to_data (workspace, NULL, &length);
  g_assert_cmpuint (length, ==, strlen (data));

  loaded = dx_workspace_io_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (loaded != workspace);
  assert_workspaces_equal (workspace, loaded);

  /* What a tester would see: the details that are easiest to lose */
  g_assert_cmpstr (dx_session_get_origin (session_at (loaded, 0)), ==, "https://app.example.org");
  g_assert_null (dx_session_get_origin (session_at (loaded, 1)));
  g_assert_cmpstr (dx_session_get_origin (session_at (loaded, 2)), ==, "");
  g_assert_cmpuint (dx_session_get_max_incoming_size (session_at (loaded, 0)), ==, (guint64) 1 << 40);
  g_assert_cmpuint (dx_workspace_get_selected (loaded), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_saved_messages (session_at (loaded, 0)))), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_library (loaded))), ==, 1);
  {
    g_autoptr(DxScenario) scenario = g_list_model_get_item (G_LIST_MODEL (dx_session_get_scenarios (session_at (loaded, 0))), 0);

    g_autoptr(DxField) variable = NULL;
    g_autoptr(DxStepResult) failed = NULL;
    DxRunResult *result;

    g_assert_cmpstr (dx_scenario_get_name (scenario), ==, "Every step “kind”");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_steps (scenario))), ==,
                      DX_STEP_EXPECT_CLOSE - DX_STEP_CONNECT + 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_variables (scenario))), ==, 2);
    variable = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_variables (scenario)), 0);
    g_assert_cmpstr (dx_field_get_value (variable), ==, "4\"2 ✓");
    result = dx_scenario_get_last_result (scenario);
    g_assert_nonnull (result);
    g_assert_cmpint (dx_run_result_get_status (result), ==, DX_RUN_STATUS_FAILED);
    g_assert_cmpint (dx_run_result_get_duration (result), ==, 2345000);
    failed = g_list_model_get_item (dx_run_result_get_steps (result), 1);
    g_assert_cmpint (dx_step_result_get_status (failed), ==, DX_STEP_STATUS_FAILED);
    g_assert_cmpstr (dx_step_result_get_expected (failed), ==, "matches “^hello \"\\w+\"$”");
  }

  again = dx_workspace_io_to_data (loaded, NULL, NULL);
  g_assert_cmpstr (again, ==, data);
}

static void
test_round_trip_file (TempFile      *fixture,
                      gconstpointer  data)
{
  g_autoptr(DxWorkspace) workspace = rich_workspace_new ();
  g_autoptr(DxWorkspace) loaded = NULL;
  g_autoptr(DxWorkspace) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = dx_workspace_io_to_data (workspace, NULL, NULL);

  g_assert_true (dx_workspace_io_save (workspace, fixture->file, &error));
  g_assert_no_error (error);

  contents = file_contents (fixture->file);
  g_assert_cmpstr (contents, ==, expected);

  loaded = dx_workspace_io_load (fixture->file, &error);
  g_assert_no_error (error);
  assert_workspaces_equal (workspace, loaded);

  /* Saving over an existing file replaces it, and leaves no backup or
   * temporary file next to it. */
  dx_session_set_name (session_at (workspace, 0), "Renamed");
  g_assert_true (dx_workspace_io_save (workspace, fixture->file, &error));
  g_assert_no_error (error);
  reloaded = dx_workspace_io_load (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dx_session_get_name (session_at (reloaded, 0)), ==, "Renamed");

  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "workspace.json");
  g_assert_null (g_dir_read_name (dir));
}

static void
test_history_not_saved (void)
{
  g_autoptr(DxWorkspace) workspace = small_workspace_new ();
  g_autoptr(DxWorkspace) loaded = NULL;
  g_autoptr(DxMessage) message = dx_message_new_event (DX_MESSAGE_KIND_OPEN, "history-marker");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  dx_history_append (dx_session_get_history (session_at (workspace, 0)), message);
  data = dx_workspace_io_to_data (workspace, NULL, NULL);

  g_assert_null (strstr (data, "history-marker"));
  loaded = dx_workspace_io_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_history (session_at (loaded, 0)))), ==, 0);
}

static void
test_stable_output (TempFile      *fixture,
                    gconstpointer  data)
{
  g_autoptr(DxWorkspace) workspace = small_workspace_new ();
  g_autoptr(DxWorkspace) reordered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;

  /* The exact bytes: key order, indent, "[]", null, trailing newline */
  text = dx_workspace_io_to_data (workspace, NULL, NULL);
  g_assert_cmpstr (text, ==, small_workspace_text);

  g_assert_true (dx_workspace_io_save (workspace, fixture->file, &error));
  first = file_contents (fixture->file);
  g_assert_true (dx_workspace_io_save (workspace, fixture->file, &error));
  second = file_contents (fixture->file);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, ==, small_workspace_text);

  /* A file written by hand or by another tool, keys in any order and
   * squeezed on one line, is saved back in the one order. */
  reordered = dx_workspace_io_from_data (
    "{\"sessions\": [{\"options\": {\"ca-file\": null, \"reconnect-delay\": 2},"
    " \"subprotocols\": [\"chat\"], \"url\": \"ws://{{host}}/echo\","
    " \"headers\": [{\"value\": \"Bearer abc\", \"key\": \"Authorization\", \"enabled\": false}],"
    " \"name\": \"Echo\", \"id\": \"0b8e4a6e-5d5e-4c36-9a57-2f1d3c9e7a10\"}],"
    " \"variables\": [{\"value\": \"localhost:8080\", \"key\": \"host\"}],"
    " \"version\": 1, \"format\": \"duplex-workspace\"}",
    -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = dx_workspace_io_to_data (reordered, NULL, NULL);
  g_assert_cmpstr (text, ==, small_workspace_text);
}

static void
test_subset_export (void)
{
  g_autoptr(DxWorkspace) workspace = rich_workspace_new ();
  g_autoptr(DxWorkspace) loaded = NULL;
  g_autoptr(GListStore) chosen = g_list_store_new (DX_TYPE_SESSION);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  /* The third session (selected) and the first, in that order */
  g_list_store_append (chosen, session_at (workspace, 2));
  g_list_store_append (chosen, session_at (workspace, 0));

  data = dx_workspace_io_to_data (workspace, G_LIST_MODEL (chosen), NULL);
  loaded = dx_workspace_io_from_data (data, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (loaded))), ==, 2);
  assert_sessions_equal (session_at (workspace, 2), session_at (loaded, 0));
  assert_sessions_equal (session_at (workspace, 0), session_at (loaded, 1));
  g_assert_null (strstr (data, "second-id"));
  /* The sessions use the variables: an export carries them along. */
  assert_rows_equal (G_LIST_MODEL (dx_workspace_get_variables (workspace)),
                     G_LIST_MODEL (dx_workspace_get_variables (loaded)));
  /* The selected session is still the selected one. */
  g_assert_cmpuint (dx_workspace_get_selected (loaded), ==, 0);

  /* Without the selected session, the first is selected. */
  g_list_store_remove (chosen, 0);
  g_clear_pointer (&data, g_free);
  g_clear_object (&loaded);
  data = dx_workspace_io_to_data (workspace, G_LIST_MODEL (chosen), NULL);
  loaded = dx_workspace_io_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (loaded))), ==, 1);
  g_assert_cmpstr (dx_session_get_id (session_at (loaded, 0)), ==, "first-id");
  g_assert_cmpuint (dx_workspace_get_selected (loaded), ==, 0);
}

static void
test_unknown_keys_ignored (void)
{
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  DxSession *session;
  g_autoptr(DxField) param = NULL;

  workspace = dx_workspace_io_from_data (
    "{\n"
    "  \"format\": \"duplex-workspace\",\n"
    "  \"version\": 1,\n"
    "  \"comment\": \"staging endpoints\",\n"
    "  \"theme\": {\"dark\": true},\n"
    "  \"sessions\": [\n"
    "    {\n"
    "      \"name\": \"Prices\",\n"
    "      \"url\": \"wss://example.org/prices\",\n"
    "      \"color\": [1, 2, 3],\n"
    "      \"params\": [{\"enabled\": false, \"key\": \"a\", \"value\": \"1\", \"note\": null}],\n"
    "      \"options\": {\"connect-timeout\": 5, \"compression\": \"deflate\"}\n"
    "    }\n"
    "  ]\n"
    "}\n", -1, &error);
  g_assert_no_error (error);

  session = session_at (workspace, 0);
  g_assert_cmpstr (dx_session_get_name (session), ==, "Prices");
  g_assert_cmpuint (dx_session_get_connect_timeout (session), ==, 5);
  param = g_list_model_get_item (G_LIST_MODEL (dx_session_get_params (session)), 0);
  g_assert_false (dx_field_get_enabled (param));
  g_assert_cmpstr (dx_field_get_key (param), ==, "a");
}

static void
test_missing_keys_default (void)
{
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autoptr(DxSession) fresh = dx_session_new ("", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(DxField) row = NULL;
  DxSession *session;

  /* The smallest file a tester would write by hand */
  workspace = dx_workspace_io_from_data (
    "{\"format\": \"duplex-workspace\", \"version\": 1, \"sessions\": [\n"
    "  {\"name\": \"Echo\", \"url\": \"ws://localhost:8080/\", \"headers\": [{\"key\": \"X-A\"}]}\n"
    "]}", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_variables (workspace))), ==, 0);
  g_assert_cmpuint (dx_workspace_get_selected (workspace), ==, 0);
  session = session_at (workspace, 0);
  g_assert_nonnull (dx_session_get_id (session));
  g_assert_cmpstr (dx_session_get_id (session), !=, "");
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://localhost:8080/");
  g_assert_cmpuint (dx_session_get_connect_timeout (session), ==, dx_session_get_connect_timeout (fresh));
  g_assert_cmpuint (dx_session_get_max_incoming_size (session), ==, dx_session_get_max_incoming_size (fresh));
  g_assert_cmpuint (dx_session_get_reconnect_delay (session), ==, dx_session_get_reconnect_delay (fresh));
  g_assert_null (dx_session_get_origin (session));
  g_assert_null (dx_session_get_ca_file (session));

  row = g_list_model_get_item (G_LIST_MODEL (dx_session_get_headers (session)), 0);
  g_assert_true (dx_field_get_enabled (row));
  g_assert_cmpstr (dx_field_get_key (row), ==, "X-A");
  g_assert_cmpstr (dx_field_get_value (row), ==, "");
}

static void
test_duplicate_ids (void)
{
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  /* A session block pasted twice in an editor */
  workspace = dx_workspace_io_from_data (
    "{\"format\": \"duplex-workspace\", \"version\": 1, \"sessions\": [\n"
    "  {\"id\": \"same\", \"name\": \"A\"},\n"
    "  {\"id\": \"same\", \"name\": \"A copy\"}\n"
    "]}", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (dx_session_get_id (session_at (workspace, 0)), ==, "same");
  g_assert_cmpstr (dx_session_get_id (session_at (workspace, 1)), !=, "same");
  g_assert_cmpstr (dx_session_get_name (session_at (workspace, 1)), ==, "A copy");
}

static void
test_selected_past_the_end (void)
{
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  /* The selected session was deleted by hand */
  workspace = dx_workspace_io_from_data (
    "{\"format\": \"duplex-workspace\", \"version\": 1, \"selected\": 5,\n"
    " \"sessions\": [{\"name\": \"A\"}, {\"name\": \"B\"}]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dx_workspace_get_selected (workspace), ==, 1);
}

static void
test_malformed_json (TempFile      *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autofree char *message = NULL;

  /* A missing ':' on line 3 */
  write_file (fixture->file,
              "{\n"
              "  \"format\": \"duplex-workspace\",\n"
              "  \"version\" 1\n"
              "}\n");
  workspace = dx_workspace_io_load (fixture->file, &error);
  g_assert_null (workspace);
  g_assert_error (error, DX_WORKSPACE_IO_ERROR, DX_WORKSPACE_IO_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "workspace.json, line 3, column "));
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);

  /* A trailing comma, as hand edits and merges leave them */
  message = load_error ("{\n"
                        "  \"format\": \"duplex-workspace\",\n"
                        "  \"version\": 1,\n"
                        "  \"sessions\": [],\n"
                        "}\n",
                        DX_WORKSPACE_IO_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (message, "Line 4, column "));
  g_clear_pointer (&message, g_free);

  /* Columns are counted in characters, as editors count them, not bytes:
   * json-glib points at the "1", the 9th character of its line (and the
   * 13th byte). */
  message = load_error ("{\n"
                        "  \"名前\": 1 x\n"
                        "}\n",
                        DX_WORKSPACE_IO_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (message, "Line 2, column 9: "));
  g_clear_pointer (&message, g_free);

  /* A merge conflict left in the file */
  message = load_error ("{\n"
                        "  \"format\": \"duplex-workspace\",\n"
                        "<<<<<<< HEAD\n"
                        "  \"version\": 1\n"
                        "=======\n"
                        "  \"version\": 2\n"
                        ">>>>>>> other\n"
                        "}\n",
                        DX_WORKSPACE_IO_ERROR_PARSE);
  g_assert_cmpstr (message, ==, "Line 3: A git merge conflict is left in the file: keep one side, "
                                "remove the <<<<<<<, ======= and >>>>>>> lines, then open it again");
  g_clear_pointer (&message, g_free);

  /* Not text at all */
  message = load_error ("{\"format\": \"duplex-\xff\xfe\"}", DX_WORKSPACE_IO_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (message, "Line 1, column 20: "));
  g_assert_nonnull (strstr (message, "UTF-8"));
}

static void
test_not_a_workspace (void)
{
  const char *foreign[] = {
    "{\"info\": {\"name\": \"Postman collection\"}, \"item\": []}",
    "[1, 2, 3]",
    "\"duplex-workspace\"",
    "{}",
    "{\"format\": 1, \"version\": 1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autofree char *message = load_error (foreign[i], DX_WORKSPACE_IO_ERROR_FORMAT);

      g_assert_cmpstr (message, ==, "This is not a Duplex workspace (no \"format\": \"duplex-workspace\")");
    }

  {
    g_autofree char *message = load_error ("{\n  \"format\": \"insomnia\",\n  \"version\": 1\n}",
                                           DX_WORKSPACE_IO_ERROR_FORMAT);

    g_assert_cmpstr (message, ==, "Line 2: This is not a Duplex workspace: its \"format\" is “insomnia”, not “duplex-workspace”");
  }
}

static void
test_newer_version (TempFile      *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autofree char *message = NULL;

  write_file (fixture->file, "{\"format\": \"duplex-workspace\", \"version\": 3, \"sessions\": 42}");
  workspace = dx_workspace_io_load (fixture->file, &error);
  g_assert_null (workspace);
  g_assert_error (error, DX_WORKSPACE_IO_ERROR, DX_WORKSPACE_IO_ERROR_VERSION);
  g_assert_cmpstr (error->message, ==,
                   "workspace.json: This workspace was saved by a newer Duplex (version 3); this one reads version 1");

  message = load_error ("{\"format\": \"duplex-workspace\", \"version\": \"1\"}", DX_WORKSPACE_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "\"version\" must be a whole number"));
  g_clear_pointer (&message, g_free);
  message = load_error ("{\"format\": \"duplex-workspace\"}", DX_WORKSPACE_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "\"version\" must be a whole number"));
}

typedef struct {
  const char *sessions;
  const char *expected;
} WrongType;

static void
test_wrong_types (void)
{
  /* Each session list goes in a file at line 3; the first session is fine,
   * the second one is wrong. The message names session, key and line. */
  static const WrongType cases[] = {
    { "{\"name\": \"Prices\", \"params\": {\"a\": \"1\"}}",
      "Line 5: Session 2 (“Prices”): \"params\" must be a list of {enabled, key, value} rows" },
    { "{\"name\": \"Prices\", \"params\": [\n  \"a=1\"\n]}",
      "Line 6: Session 2 (“Prices”): \"params\" must be a list of {enabled, key, value} rows" },
    { "{\"name\": \"Prices\", \"headers\": [{\"key\": \"A\"}, {\"enabled\": \"yes\"}]}",
      "Line 5: Session 2 (“Prices”), \"headers\" row 2: \"enabled\" must be true or false" },
    { "{\"name\": \"Prices\", \"headers\": [{\"key\": \"A\", \"value\": 5}]}",
      "Line 5: Session 2 (“Prices”), \"headers\" row 1: \"value\" must be text" },
    { "{\"name\": \"Prices\", \"url\": null}",
      "Line 5: Session 2 (“Prices”): \"url\" must be text" },
    { "{\"name\": 7}",
      "Line 5: Session 2: \"name\" must be text" },
    { "{\"name\": \"Prices\", \"origin\": false}",
      "Line 5: Session 2 (“Prices”): \"origin\" must be text or null" },
    { "{\"name\": \"Prices\", \"subprotocols\": \"chat\"}",
      "Line 5: Session 2 (“Prices”): \"subprotocols\" must be a list of texts, such as [\"chat\", \"json\"]" },
    { "{\"name\": \"Prices\", \"subprotocols\": [\"chat\", 2]}",
      "Line 5: Session 2 (“Prices”): \"subprotocols\" must be a list of texts, such as [\"chat\", \"json\"]" },
    { "{\"name\": \"Prices\", \"options\": [10]}",
      "Line 5: Session 2 (“Prices”): \"options\" must be an object, such as {\"connect-timeout\": 10}" },
    { "{\"name\": \"Prices\", \"options\": {\n  \"connect-timeout\": \"10\"\n}}",
      "Line 6: Session 2 (“Prices”): \"connect-timeout\" must be a whole number from 0 to 3600" },
    { "{\"name\": \"Prices\", \"options\": {\"connect-timeout\": 3601}}",
      "Line 5: Session 2 (“Prices”): \"connect-timeout\" must be a whole number from 0 to 3600" },
    { "{\"name\": \"Prices\", \"options\": {\"reconnect-delay\": 1.5}}",
      "Line 5: Session 2 (“Prices”): \"reconnect-delay\" must be a whole number from 0 to 3600" },
    { "{\"name\": \"Prices\", \"options\": {\"max-incoming-size\": -1}}",
      "Line 5: Session 2 (“Prices”): \"max-incoming-size\" must be a whole number, 0 or more" },
    { "{\"name\": \"Prices\", \"options\": {\"accept-invalid-certificates\": 1}}",
      "Line 5: Session 2 (“Prices”): \"accept-invalid-certificates\" must be true or false" },
    { "{\"name\": \"Prices\", \"options\": {\"ca-file\": [\"a.pem\"]}}",
      "Line 5: Session 2 (“Prices”): \"ca-file\" must be text or null" },
    { "\"ws://localhost/\"",
      "Line 5: Session 2 must be an object, such as {\"name\": \"Echo\", \"url\": \"ws://localhost:8080/\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\n"
                                               "  \"format\": \"duplex-workspace\", \"version\": 1,\n"
                                               "  \"sessions\": [\n"
                                               "    {\"name\": \"Fine\"},\n"
                                               "%s\n"
                                               "  ]\n"
                                               "}\n",
                                               cases[i].sessions);
      g_autofree char *message = load_error (text, DX_WORKSPACE_IO_ERROR_INVALID);

      g_assert_cmpstr (message, ==, cases[i].expected);
    }
}

static void
test_wrong_types_top_level (void)
{
  static const WrongType cases[] = {
    { "\"variables\": {\"host\": \"x\"}",
      "Line 3: \"variables\" must be a list of {enabled, key, value} rows" },
    { "\"variables\": [{\"key\": \"host\", \"value\": [\"x\"]}]",
      "Line 3: \"variables\" row 1: \"value\" must be text" },
    { "\"selected\": -1",
      "Line 3: \"selected\" must be a whole number, 0 or more" },
    { "\"sessions\": {\"name\": \"Echo\"}",
      "Line 3: \"sessions\" must be a list of sessions" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\n"
                                               "  \"format\": \"duplex-workspace\", \"version\": 1,\n"
                                               "  %s\n"
                                               "}\n",
                                               cases[i].sessions);
      g_autofree char *message = load_error (text, DX_WORKSPACE_IO_ERROR_INVALID);

      g_assert_cmpstr (message, ==, cases[i].expected);
    }
}

static void
test_empty_file (TempFile      *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autofree char *message = NULL;

  write_file (fixture->file, "");
  workspace = dx_workspace_io_load (fixture->file, &error);
  g_assert_null (workspace);
  g_assert_error (error, DX_WORKSPACE_IO_ERROR, DX_WORKSPACE_IO_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "workspace.json: The file is empty, so it is not a Duplex workspace");

  message = load_error (" \n\t\n", DX_WORKSPACE_IO_ERROR_FORMAT);
  g_assert_cmpstr (message, ==, "The file is empty, so it is not a Duplex workspace");
}

static void
test_missing_file (TempFile      *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DxWorkspace) workspace = dx_workspace_io_load (fixture->file, &error);

  g_assert_null (workspace);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_failed_load_leaves_workspace (TempFile      *fixture,
                                   gconstpointer  data)
{
  g_autoptr(DxWorkspace) current = rich_workspace_new ();
  g_autoptr(DxWorkspace) snapshot = rich_workspace_new ();
  g_autoptr(DxWorkspace) small = small_workspace_new ();
  g_autofree char *before = dx_workspace_io_to_data (current, NULL, NULL);
  g_autofree char *after = NULL;
  g_autofree char *good = NULL;
  const char *bad[] = {
    "",
    "{ \"format\": \"duplex-workspace\", ",
    "{\"format\": \"duplex-workspace\", \"version\": 2}",
    /* fails on the last session, after the others were read */
    "{\"format\": \"duplex-workspace\", \"version\": 1, \"variables\": [],"
    " \"sessions\": [{\"id\": \"first-id\", \"name\": \"Other\"}, {\"name\": 5}]}",
  };
  guint changes = 0;

  g_signal_connect (current, "changed", G_CALLBACK (count_cb), &changes);

  /* The file held a good workspace a moment ago; now it holds a bad one. */
  good = dx_workspace_io_to_data (small, NULL, NULL);
  write_file (fixture->file, good);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DxWorkspace) loaded = NULL;

      write_file (fixture->file, bad[i]);
      loaded = dx_workspace_io_load (fixture->file, &error);
      g_assert_null (loaded);
      g_assert_nonnull (error);
      g_assert_true (error->domain == DX_WORKSPACE_IO_ERROR);
    }

  g_assert_cmpuint (changes, ==, 0);
  after = dx_workspace_io_to_data (current, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
  assert_workspaces_equal (current, snapshot);
}

static void
test_many_sessions (void)
{
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxWorkspace) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;

  /* 100× what a demo holds */
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("Session %u", i);
      g_autofree char *url = g_strdup_printf ("ws://host-%u.example.org/", i);
      g_autoptr(DxSession) session = dx_session_new (name, url);

      for (guint j = 0; j < 20; j++)
        {
          g_autofree char *key = g_strdup_printf ("k%u", j);
          g_autofree char *value = g_strdup_printf ("v%u-%u", i, j);

          add_row (dx_session_get_params (session), j % 3 != 0, key, value);
          add_row (dx_session_get_headers (session), TRUE, key, value);
        }
      g_list_store_append (dx_workspace_get_sessions (workspace), session);
    }
  dx_workspace_set_selected (workspace, 499);

  data = dx_workspace_io_to_data (workspace, NULL, NULL);
  loaded = dx_workspace_io_from_data (data, -1, &error);
  g_assert_no_error (error);
  assert_workspaces_equal (workspace, loaded);
  again = dx_workspace_io_to_data (loaded, NULL, NULL);
  g_assert_cmpstr (again, ==, data);
}

/* docs/workspace-format.md shows a workspace file: it must be one Duplex
 * reads, and byte for byte what Duplex writes back. */
static void
test_documented_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DX_TEST_SRCDIR"), "..", "docs", "workspace-format.md", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *example = NULL;
  g_autofree char *written = NULL;
  g_autoptr(DxWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  const char *start;
  const char *end;

  if (g_getenv ("DX_TEST_SRCDIR") == NULL)
    {
      g_test_skip ("DX_TEST_SRCDIR is not set: run through meson test");
      return;
    }

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);

  start = strstr (doc, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  example = g_strndup (start, end - start);

  workspace = dx_workspace_io_from_data (example, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (workspace))), >, 0);
  written = dx_workspace_io_to_data (workspace, NULL, NULL);
  g_assert_cmpstr (written, ==, example);
}

/* A saved message written wrong by hand: the line and what is wrong */
static void
test_bad_saved_message (void)
{
  const char *text =
    "{\n"
    "  \"format\": \"duplex-workspace\",\n"
    "  \"version\": 1,\n"
    "  \"sessions\": [\n"
    "    {\n"
    "      \"name\": \"Prices\",\n"
    "      \"saved-messages\": [\n"
    "        { \"name\": \"a\", \"content\": \"x\" },\n"
    "        {\n"
    "          \"name\": \"b\",\n"
    "          \"format\": \"xml\",\n"
    "          \"content\": \"<a/>\"\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n";
  const char *library =
    "{\"format\": \"duplex-workspace\", \"version\": 1,\n"
    " \"library\": [ {\"name\": 3, \"content\": \"\"} ]}";
  g_autofree char *message = load_error (text, DX_WORKSPACE_IO_ERROR_INVALID);
  g_autofree char *library_message = load_error (library, DX_WORKSPACE_IO_ERROR_INVALID);

  g_assert_nonnull (strstr (message, "Line 11"));
  g_assert_nonnull (strstr (message, "Prices"));
  g_assert_nonnull (strstr (message, "“xml”"));
  g_assert_nonnull (strstr (library_message, "Line 2"));
  g_assert_nonnull (strstr (library_message, "Library"));
  g_assert_nonnull (strstr (library_message, "“name”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/workspace-io/round-trip-data", test_round_trip_data);
  g_test_add ("/dx/workspace-io/round-trip-file", TempFile, NULL,
              temp_file_setup, test_round_trip_file, temp_file_teardown);
  g_test_add_func ("/dx/workspace-io/history-not-saved", test_history_not_saved);
  g_test_add ("/dx/workspace-io/stable-output", TempFile, NULL,
              temp_file_setup, test_stable_output, temp_file_teardown);
  g_test_add_func ("/dx/workspace-io/subset-export", test_subset_export);
  g_test_add_func ("/dx/workspace-io/unknown-keys-ignored", test_unknown_keys_ignored);
  g_test_add_func ("/dx/workspace-io/missing-keys-default", test_missing_keys_default);
  g_test_add_func ("/dx/workspace-io/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/dx/workspace-io/selected-past-the-end", test_selected_past_the_end);
  g_test_add ("/dx/workspace-io/malformed-json", TempFile, NULL,
              temp_file_setup, test_malformed_json, temp_file_teardown);
  g_test_add_func ("/dx/workspace-io/not-a-workspace", test_not_a_workspace);
  g_test_add ("/dx/workspace-io/newer-version", TempFile, NULL,
              temp_file_setup, test_newer_version, temp_file_teardown);
  g_test_add_func ("/dx/workspace-io/wrong-types", test_wrong_types);
  g_test_add_func ("/dx/workspace-io/wrong-types-top-level", test_wrong_types_top_level);
  g_test_add ("/dx/workspace-io/empty-file", TempFile, NULL,
              temp_file_setup, test_empty_file, temp_file_teardown);
  g_test_add ("/dx/workspace-io/missing-file", TempFile, NULL,
              temp_file_setup, test_missing_file, temp_file_teardown);
  g_test_add ("/dx/workspace-io/failed-load-leaves-workspace", TempFile, NULL,
              temp_file_setup, test_failed_load_leaves_workspace, temp_file_teardown);
  g_test_add_func ("/dx/workspace-io/many-sessions", test_many_sessions);
  g_test_add_func ("/dx/workspace-io/documented-example", test_documented_example);
  g_test_add_func ("/dx/workspace-io/bad-saved-message", test_bad_saved_message);

  return g_test_run ();
}
