/* test-application.c — the duplex command line: --version, and a URL
 * opens a window on a session for it, its query also split into parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "dx-application.h"
#include "dx-field.h"
#include "dx-test-util.h"
#include "dx-window.h"
#include "dx-window-files.h"
#include "dx-workspace-io.h"

static void
test_version (void)
{
  const char *duplex = g_getenv ("DX_DUPLEX");
  const char *argv[] = { duplex, "--version", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (duplex);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "duplex " PACKAGE_VERSION "\n");
}

static void
test_not_a_url (void)
{
  const char *duplex = g_getenv ("DX_DUPLEX");
  const char *argv[] = { duplex, "localhost:8080", NULL };
  g_autofree char *err = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "neither a URL nor a workspace file"));
  g_assert_nonnull (strstr (err, "ws://"));
}

static void
test_bad_workspace_file (void)
{
  const char *duplex = g_getenv ("DX_DUPLEX");
  g_autofree char *dir = g_dir_make_tmp ("duplex-app-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "team.json", NULL);
  const char *argv[] = { duplex, path, NULL };
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"something-else\"}\n", -1, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "team.json"));
  g_assert_nonnull (strstr (err, "not a Duplex workspace"));

  g_remove (path);
  g_rmdir (dir);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 DxWindow      **out)
{
  *out = DX_WINDOW (window);
  /* Look once the command line is handled, then leave. */
  g_idle_add_once ((GSourceOnceFunc) g_application_quit, app);
}

static void
test_url_opens_session (void)
{
  g_autoptr(DxApplication) app = dx_application_new ();
  const char *argv[] = { "duplex", "ws://127.0.0.1:9/chat?room=lobby&user=ann%20b", NULL };
  DxWindow *window = NULL;
  DxSession *session;
  GListModel *params;
  g_autoptr(DxField) first = NULL;
  g_autoptr(DxField) second = NULL;

  g_application_set_application_id (G_APPLICATION (app), "io.github.duplexapp.DuplexTest");
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &window);
  g_object_add_weak_pointer (G_OBJECT (app), (gpointer *) &app);
  g_application_hold (G_APPLICATION (app));
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, (char **) argv), ==, 0);

  g_assert_nonnull (window);
  session = dx_window_get_session (window);
  /* The URL as given, its query also split into parameter rows */
  g_assert_cmpstr (dx_session_get_url (session), ==, "ws://127.0.0.1:9/chat?room=lobby&user=ann%20b");
  g_assert_cmpstr (dx_session_get_name (session), ==, "127.0.0.1");
  params = G_LIST_MODEL (dx_session_get_params (session));
  g_assert_cmpuint (g_list_model_get_n_items (params), ==, 2);
  first = g_list_model_get_item (params, 0);
  second = g_list_model_get_item (params, 1);
  g_assert_cmpstr (dx_field_get_key (first), ==, "room");
  g_assert_cmpstr (dx_field_get_value (first), ==, "lobby");
  g_assert_cmpstr (dx_field_get_key (second), ==, "user");
  g_assert_cmpstr (dx_field_get_value (second), ==, "ann b");
  /* A URL given on the command line waits for the tester to connect */
  g_assert_cmpint (dx_connection_get_state (dx_window_get_connection (window)), ==,
                   DX_CONNECTION_STATE_DISCONNECTED);
}

static void
test_workspace_file_opens (void)
{
  g_autoptr(DxApplication) app = dx_application_new ();
  g_autoptr(DxWorkspace) saved = dx_workspace_new ();
  g_autoptr(DxSession) first = dx_session_new ("Prices", "ws://127.0.0.1:9/prices");
  g_autoptr(DxSession) second = dx_session_new ("Chat", "ws://127.0.0.1:9/chat");
  g_autofree char *dir = g_dir_make_tmp ("duplex-app-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "team.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *argv[] = { "duplex", path, NULL };
  DxWindow *window = NULL;
  GListModel *sessions;

  g_list_store_append (dx_workspace_get_sessions (saved), first);
  g_list_store_append (dx_workspace_get_sessions (saved), second);
  g_assert_true (dx_workspace_io_save (saved, file, NULL));

  g_application_set_application_id (G_APPLICATION (app), "io.github.duplexapp.DuplexTestFile");
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &window);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, (char **) argv), ==, 0);

  g_assert_nonnull (window);
  sessions = G_LIST_MODEL (dx_workspace_get_sessions (dx_window_get_workspace (window)));
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
  g_assert_true (g_file_equal (dx_window_get_file (window), file));
  g_assert_cmpstr (dx_session_get_name (dx_window_get_session (window)), ==, "Prices");

  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/application/version", test_version);
  g_test_add_func ("/dx/application/not-a-url", test_not_a_url);
  g_test_add_func ("/dx/application/bad-workspace-file", test_bad_workspace_file);
  g_test_add_func ("/dx/application/url-opens-session", test_url_opens_session);
  g_test_add_func ("/dx/application/workspace-file-opens", test_workspace_file_opens);

  return g_test_run ();
}
