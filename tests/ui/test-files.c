/* test-files.c — workspace files from the window: save and open again,
 * import, export the selected session, and a bad file that is explained
 * and changes nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dx-field.h"
#include "dx-test-util.h"
#include "dx-window.h"
#include "dx-window-files.h"

static char *tmpdir;

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  return g_file_new_for_path (path);
}

static DxWindow *
open_window (const char * const *names)
{
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  DxWindow *window;

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *url = g_strdup_printf ("ws://example.com/%s?n=%u", names[i], i);
      g_autoptr(DxSession) session = dx_session_new (names[i], url);
      g_autoptr(DxField) header = dx_field_new (i % 2 == 0, "X-Index", "v");

      g_list_store_append (dx_session_get_headers (session), header);
      g_list_store_append (dx_workspace_get_sessions (workspace), session);
    }

  window = dx_window_new (NULL, workspace);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static GListModel *
sessions_of (DxWindow *window)
{
  return G_LIST_MODEL (dx_workspace_get_sessions (dx_window_get_workspace (window)));
}

static const char *
name_at (DxWindow *window,
         guint     position)
{
  g_autoptr(DxSession) session = g_list_model_get_item (sessions_of (window), position);

  return dx_session_get_name (session);
}

static void
test_save_and_open (void)
{
  const char *names[] = { "Prices", "Chat", "Orders", NULL };
  const char *other[] = { "Scratch", NULL };
  DxWindow *window = open_window (names);
  DxWindow *second = open_window (other);
  g_autoptr(GFile) file = tmp_file ("saved.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DxSession) chat = NULL;
  g_autoptr(DxField) header = NULL;

  g_assert_true (dx_window_save_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (dx_window_get_file (window) != NULL);

  /* Another window opens it: the same sessions, in order, with their rows */
  g_assert_true (dx_window_open_file (second, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (second)), ==, 3);
  g_assert_cmpstr (name_at (second, 0), ==, "Prices");
  g_assert_cmpstr (name_at (second, 2), ==, "Orders");
  chat = g_list_model_get_item (sessions_of (second), 1);
  g_assert_cmpstr (dx_session_get_url (chat), ==, "ws://example.com/Chat?n=1");
  header = g_list_model_get_item (G_LIST_MODEL (dx_session_get_headers (chat)), 0);
  g_assert_false (dx_field_get_enabled (header));
  g_assert_nonnull (dx_window_get_view (second));

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_bad_file_changes_nothing (void)
{
  const char *names[] = { "Keep me", NULL };
  DxWindow *window = open_window (names);
  g_autoptr(GFile) file = tmp_file ("broken.json");
  g_autoptr(GError) error = NULL;
  const char *broken = "{\n  \"format\": \"duplex-workspace\",\n  \"version\": 1,\n  \"sessions\": [\n    {\"name\": \"x\",}\n  ]\n}\n";

  g_assert_true (g_file_set_contents (g_file_peek_path (file), broken, -1, NULL));
  g_assert_false (dx_window_open_file (window, file, &error));
  g_assert_nonnull (error);
  /* The message names the file and the line a tester has to fix */
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_clear_error (&error);

  g_assert_false (dx_window_import_file (window, file, &error));
  g_assert_nonnull (error);

  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 1);
  g_assert_cmpstr (name_at (window, 0), ==, "Keep me");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_import_and_export (void)
{
  const char *names[] = { "A", "B", NULL };
  DxWindow *window = open_window (names);
  g_autoptr(GFile) whole = tmp_file ("whole.json");
  g_autoptr(GFile) one = tmp_file ("one.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DxSession) b = g_list_model_get_item (sessions_of (window), 1);
  g_autoptr(DxSession) imported = NULL;

  g_assert_true (dx_window_save_file (window, whole, &error));

  /* Importing a workspace into itself adds copies with ids of their own */
  g_assert_true (dx_window_import_file (window, whole, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 4);
  g_assert_cmpstr (name_at (window, 3), ==, "B");
  imported = g_list_model_get_item (sessions_of (window), 3);
  g_assert_cmpstr (dx_session_get_id (imported), !=, dx_session_get_id (b));
  g_assert_true (dx_window_get_session (window) == imported);

  /* Export writes the selected session alone */
  dx_window_select_session (window, b);
  g_assert_true (dx_window_export_file (window, one, &error));
  g_assert_no_error (error);
  {
    const char *blank[] = { NULL };
    DxWindow *other = open_window (blank);

    g_assert_true (dx_window_open_file (other, one, &error));
    g_assert_cmpuint (g_list_model_get_n_items (sessions_of (other)), ==, 1);
    g_assert_cmpstr (name_at (other, 0), ==, "B");
    gtk_window_destroy (GTK_WINDOW (other));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  dx_test_setup ();
  adw_init ();

  tmpdir = g_dir_make_tmp ("duplex-files-XXXXXX", NULL);

  g_test_add_func ("/dx/files/save-and-open", test_save_and_open);
  g_test_add_func ("/dx/files/bad-file-changes-nothing", test_bad_file_changes_nothing);
  g_test_add_func ("/dx/files/import-and-export", test_import_and_export);

  status = g_test_run ();

  {
    const char *names[] = { "saved.json", "broken.json", "whole.json", "one.json" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return status;
}
