/* test-composer.c — the composer in the real window: every mode goes
 * through the echo server and comes back byte for byte; JSON is
 * pretty-printed and minified; bad hex and Base64 are explained and kept;
 * earlier messages are recalled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dx-composer.h"
#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-test-echo.h"
#include "dx-test-util.h"
#include "dx-test-widgets.h"
#include "dx-test-window.h"
#include "dx-window.h"

static DxEchoServer *server;

typedef struct {
  DxWindow   *window;
  DxWorkspace *workspace;
  DxComposer *composer;
  DxHistory  *history;
} Fixture;

static gboolean
is_open (gpointer data)
{
  Fixture *f = data;

  return dx_connection_get_state (dx_window_get_connection (f->window)) == DX_CONNECTION_STATE_OPEN;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DxSession) session = dx_session_new ("Composer", "");
  g_autoptr(DxField) variable = dx_field_new (TRUE, "byte", "fe");
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo");

  f->workspace = dx_workspace_new ();
  g_list_store_append (dx_workspace_get_sessions (f->workspace), session);
  g_list_store_append (dx_workspace_get_variables (f->workspace), variable);
  f->window = dx_window_new (NULL, f->workspace);
  gtk_window_present (GTK_WINDOW (f->window));

  f->composer = dx_window_get_composer (f->window);
  f->history = dx_session_get_history (dx_window_get_session (f->window));

  gtk_editable_set_text (dx_window_get_url_entry (f->window), url);
  dx_test_click (GTK_WIDGET (f->window), "Connect");
  dx_test_wait_until (is_open, f, "the connection to open");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->workspace);
}

/* Clicks Send and checks that one message of @kind with exactly @expected
 * was sent, and came back the same */
static void
send_and_expect_echo (Fixture       *f,
                      DxMessageKind  kind,
                      const void    *expected,
                      gsize          expected_size)
{
  guint after = g_list_model_get_n_items (G_LIST_MODEL (f->history));

  dx_test_click (GTK_WIDGET (f->window), "Send");
  g_assert_null (dx_composer_get_error (f->composer));
  dx_test_assert_sent_and_echoed (f->history, after, kind, expected, expected_size);
}

static void
test_text_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  const char *text = "héllo\n\t{{byte}} — ✓";
  const char *expanded = "héllo\n\tfe — ✓";

  g_assert_cmpint (dx_composer_get_mode (f->composer), ==, DX_COMPOSER_MODE_TEXT);
  dx_composer_set_text (f->composer, text);
  g_assert_cmpstr (dx_composer_get_size_text (f->composer), ==, "24 bytes");
  send_and_expect_echo (f, DX_MESSAGE_KIND_TEXT, expanded, strlen (expanded));
}

static void
test_json_pretty_minify_round_trip (Fixture       *f,
                                    gconstpointer  data)
{
  const char *minified = "{\"id\":1,\"tags\":[\"a\",\"b\"],\"ok\":true}";
  g_autofree char *text = NULL;

  dx_test_click (GTK_WIDGET (f->window), "JSON");
  g_assert_cmpint (dx_composer_get_mode (f->composer), ==, DX_COMPOSER_MODE_JSON);
  dx_composer_set_text (f->composer, "{ \"id\": 1, \"tags\": [\"a\", \"b\"], \"ok\": true }");

  dx_test_click (GTK_WIDGET (f->window), "Pretty-Print");
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, "{\n  \"id\" : 1,\n  \"tags\" : [\n    \"a\",\n    \"b\"\n  ],\n  \"ok\" : true\n}");
  g_clear_pointer (&text, g_free);

  dx_test_click (GTK_WIDGET (f->window), "Minify");
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, minified);
  send_and_expect_echo (f, DX_MESSAGE_KIND_TEXT, minified, strlen (minified));

  /* Invalid JSON is explained and left as it was */
  dx_composer_set_text (f->composer, "{\"id\": }");
  dx_test_click (GTK_WIDGET (f->window), "Pretty-Print");
  g_assert_nonnull (dx_composer_get_error (f->composer));
  g_assert_true (g_str_has_prefix (dx_composer_get_error (f->composer), "Invalid JSON at line 1"));
  g_clear_pointer (&text, g_free);
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, "{\"id\": }");

  /* A variable may stand for part of the JSON: what is checked is what
   * is sent */
  dx_composer_set_text (f->composer, "{\"byte\": \"{{byte}}\", \"n\": {{byte}}}");
  dx_test_click (GTK_WIDGET (f->window), "Send");
  g_assert_nonnull (dx_composer_get_error (f->composer));
  g_assert_true (g_str_has_prefix (dx_composer_get_error (f->composer), "Invalid JSON"));
}

static void
test_binary_hex_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  /* NUL, bytes that are never UTF-8, a cut-off sequence, and a variable */
  const guint8 expected[] = { 0x00, 0xff, 0x80, 0xc3, 0x28, 0x00, 0xfe, 0x41 };

  dx_test_click (GTK_WIDGET (f->window), "Binary");
  g_assert_cmpint (dx_composer_get_mode (f->composer), ==, DX_COMPOSER_MODE_BINARY);
  dx_composer_set_text (f->composer, "00 ff 80 c3\n28 00 {{byte}} 41");
  g_assert_cmpstr (dx_composer_get_size_text (f->composer), ==, "8 bytes");
  send_and_expect_echo (f, DX_MESSAGE_KIND_BINARY, expected, sizeof expected);
}

static void
test_binary_base64_round_trip (Fixture       *f,
                               gconstpointer  data)
{
  const guint8 expected[] = { 0x00, 0xff, 0x80, 0xc3, 0x28, 0x00 };
  g_autofree char *text = NULL;

  dx_test_click (GTK_WIDGET (f->window), "Binary");
  dx_composer_set_text (f->composer, "00 ff 80 c3 28 00");
  dx_test_click (GTK_WIDGET (f->window), "Base64");
  g_assert_cmpint (dx_composer_get_binary_format (f->composer), ==, DX_PAYLOAD_FORMAT_BASE64);

  /* Switching format rewrites the same bytes */
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, "AP+AwygA");
  g_assert_cmpstr (dx_composer_get_size_text (f->composer), ==, "6 bytes");
  send_and_expect_echo (f, DX_MESSAGE_KIND_BINARY, expected, sizeof expected);
}

static gboolean
file_loaded (gpointer data)
{
  Fixture *f = data;

  return dx_composer_get_file_name (f->composer) != NULL || dx_composer_get_error (f->composer) != NULL;
}

static void
test_binary_file_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dx-composer-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "frame.bin", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/frame.bin");
  g_autofree guint8 *content = g_malloc (3000);
  g_autofree char *zeros = g_malloc0 (DX_PAYLOAD_MAX_SIZE + 1);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 3000; i++)
    content[i] = (i * 31) & 0xff;
  g_file_set_contents (path, (const char *) content, 3000, &error);
  g_assert_no_error (error);
  g_file_set_contents (big_path, zeros, DX_PAYLOAD_MAX_SIZE + 1, &error);
  g_assert_no_error (error);

  dx_test_click (GTK_WIDGET (f->window), "Binary");
  dx_composer_set_text (f->composer, "41 42");

  /* A file that cannot be read, or is too large, is explained; the text
   * is kept */
  dx_composer_load_file (f->composer, missing);
  dx_test_wait_until (file_loaded, f, "the missing file");
  g_assert_null (dx_composer_get_file_name (f->composer));
  g_assert_true (g_str_has_prefix (dx_composer_get_error (f->composer), "Could not read “frame.bin”: "));

  dx_composer_show_error (f->composer, NULL);
  dx_composer_load_file (f->composer, big);
  dx_test_wait_until (file_loaded, f, "the large file");
  g_assert_null (dx_composer_get_file_name (f->composer));
  g_assert_cmpstr (dx_composer_get_error (f->composer), ==,
                   "“big.bin” is larger than 16.0\u00a0MiB, the most a message can be");
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, "41 42");

  dx_composer_show_error (f->composer, NULL);
  dx_composer_load_file (f->composer, file);
  dx_test_wait_until (file_loaded, f, "the file");
  g_assert_cmpstr (dx_composer_get_file_name (f->composer), ==, "frame.bin");
  g_assert_cmpstr (dx_composer_get_size_text (f->composer), ==, "2.9\u00a0KiB");
  send_and_expect_echo (f, DX_MESSAGE_KIND_BINARY, content, 3000);

  /* Removing the file brings back the text beneath it */
  dx_test_click (GTK_WIDGET (f->window), "Remove File");
  g_assert_null (dx_composer_get_file_name (f->composer));
  send_and_expect_echo (f, DX_MESSAGE_KIND_BINARY, "AB", 2);

  g_unlink (path);
  g_unlink (big_path);
  g_rmdir (dir);
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static int
cursor_offset (Fixture *f)
{
  GtkWidget *view = dx_test_find_widget (GTK_WIDGET (f->composer), is_text_view, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&cursor);
}

static void
assert_not_sent (Fixture    *f,
                 const char *text,
                 const char *message)
{
  guint before = g_list_model_get_n_items (G_LIST_MODEL (f->history));
  g_autofree char *kept = NULL;

  dx_composer_set_text (f->composer, text);
  dx_test_click (GTK_WIDGET (f->window), "Send");
  g_assert_cmpstr (dx_composer_get_error (f->composer), ==, message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->history)), ==, before);
  kept = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (kept, ==, text);
}

static void
test_invalid_binary_explained (Fixture       *f,
                               gconstpointer  data)
{
  dx_test_click (GTK_WIDGET (f->window), "Binary");
  dx_composer_set_text (f->composer, "41 42 zz 43");
  g_assert_cmpstr (dx_composer_get_size_text (f->composer), ==, "Not valid hex");
  assert_not_sent (f, "41 42 zz 43", "Not hex: “zz” at character 7");
  /* The cursor is put where the mistake is */
  g_assert_cmpint (cursor_offset (f), ==, 6);

  assert_not_sent (f, "41 424", "Odd number of hex digits: “424” at character 4; each byte needs two");
  assert_not_sent (f, "00 {{nothing}}", "The variable {{nothing}} is not defined: add it under Variables, or remove it");

  dx_test_click (GTK_WIDGET (f->window), "Base64");
  assert_not_sent (f, "SGVs bG8*", "Not Base64: “*” at character 9");
  assert_not_sent (f, "SG=VsbG8", "Base64 padding “=” at character 3 comes before the end");
}

static gboolean
is_list_box_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget);
}

static gboolean
is_recent_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Recent Messages (Up and Down in an empty composer)") == 0;
}

static void
assert_composer (Fixture        *f,
                 DxComposerMode  mode,
                 const char     *expected)
{
  g_autofree char *text = dx_composer_dup_text (f->composer);

  g_assert_cmpint (dx_composer_get_mode (f->composer), ==, mode);
  g_assert_cmpstr (text, ==, expected);
}

/* Presses @keyval in the composer's text view, as far as its key
 * controllers go: what a tester's arrow key does */
static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  GtkWidget *view = dx_test_find_widget (GTK_WIDGET (f->composer), is_text_view, NULL);
  g_autoptr(GListModel) controllers = NULL;
  gboolean handled = FALSE;

  g_assert_nonnull (view);
  controllers = gtk_widget_observe_controllers (view);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
test_recall (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *recent_button;
  GtkPopover *popover;
  GtkWidget *row;

  /* Nothing sent yet: the arrows are the text view's */
  g_assert_false (dx_composer_recall (f->composer, TRUE));

  dx_composer_set_text (f->composer, "first");
  send_and_expect_echo (f, DX_MESSAGE_KIND_TEXT, "first", 5);
  dx_composer_set_text (f->composer, "second {{byte}}");
  send_and_expect_echo (f, DX_MESSAGE_KIND_TEXT, "second fe", 9);
  dx_test_click (GTK_WIDGET (f->window), "Binary");
  dx_composer_set_text (f->composer, "00 01");
  send_and_expect_echo (f, DX_MESSAGE_KIND_BINARY, "\0\1", 2);
  dx_test_click (GTK_WIDGET (f->window), "Text");
  dx_composer_set_text (f->composer, "");

  /* Up, newest first; received echoes are skipped */
  g_assert_true (press_key (f, GDK_KEY_Up));
  assert_composer (f, DX_COMPOSER_MODE_BINARY, "00 01");
  g_assert_true (dx_composer_recall (f->composer, TRUE));
  assert_composer (f, DX_COMPOSER_MODE_TEXT, "second fe");
  g_assert_true (dx_composer_recall (f->composer, TRUE));
  assert_composer (f, DX_COMPOSER_MODE_TEXT, "first");
  /* At the oldest it stays */
  g_assert_true (dx_composer_recall (f->composer, TRUE));
  assert_composer (f, DX_COMPOSER_MODE_TEXT, "first");

  /* Down, and past the newest back to an empty composer */
  g_assert_true (dx_composer_recall (f->composer, FALSE));
  assert_composer (f, DX_COMPOSER_MODE_TEXT, "second fe");
  g_assert_true (dx_composer_recall (f->composer, FALSE));
  assert_composer (f, DX_COMPOSER_MODE_BINARY, "00 01");
  g_assert_true (dx_composer_recall (f->composer, FALSE));
  assert_composer (f, DX_COMPOSER_MODE_BINARY, "");
  g_assert_false (dx_composer_recall (f->composer, FALSE));

  /* A message being written is never replaced */
  dx_composer_set_text (f->composer, "my draft");
  g_assert_false (press_key (f, GDK_KEY_Up));
  g_assert_false (dx_composer_recall (f->composer, TRUE));
  assert_composer (f, DX_COMPOSER_MODE_BINARY, "my draft");

  /* The Recent list: newest first, one click puts it in the composer */
  recent_button = dx_test_find_widget (GTK_WIDGET (f->window), is_recent_button, NULL);
  g_assert_nonnull (recent_button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (recent_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (recent_button));
  row = dx_test_find_widget (GTK_WIDGET (popover), is_list_box_row, NULL);
  g_assert_nonnull (row);
  row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  assert_composer (f, DX_COMPOSER_MODE_TEXT, "second fe");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
test_recall_large_binary (Fixture       *f,
                          gconstpointer  data)
{
  gsize size = 70 * 1024;
  g_autofree guint8 *content = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dx-composer-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "large.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) resent = NULL;
  guint before;

  for (gsize i = 0; i < size; i++)
    content[i] = i % 251;
  g_file_set_contents (path, (const char *) content, size, &error);
  g_assert_no_error (error);

  dx_test_click (GTK_WIDGET (f->window), "Binary");
  dx_composer_set_text (f->composer, "00 01");
  send_and_expect_echo (f, DX_MESSAGE_KIND_BINARY, "\0\1", 2);
  dx_composer_load_file (f->composer, file);
  dx_test_wait_until (file_loaded, f, "the file");
  send_and_expect_echo (f, DX_MESSAGE_KIND_BINARY, content, size);

  /* A loaded file is never replaced by a recalled message */
  g_assert_false (dx_composer_recall (f->composer, TRUE));
  dx_test_click (GTK_WIDGET (f->window), "Remove File");
  dx_composer_set_text (f->composer, "");

  /* Too large to write out as hex: it comes back as a message of its own,
   * and Up goes on from there */
  g_assert_true (dx_composer_recall (f->composer, TRUE));
  g_assert_cmpstr (dx_composer_get_file_name (f->composer), ==, "Earlier binary message");
  before = g_list_model_get_n_items (G_LIST_MODEL (f->history));
  dx_test_click (GTK_WIDGET (f->window), "Send");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->history)), ==, before + 1);
  resent = dx_history_dup_payload (f->history, before);
  g_assert_cmpmem (g_bytes_get_data (resent, NULL), g_bytes_get_size (resent), content, size);

  g_assert_true (dx_composer_recall (f->composer, TRUE));
  g_assert_true (dx_composer_recall (f->composer, TRUE));
  g_assert_null (dx_composer_get_file_name (f->composer));
  assert_composer (f, DX_COMPOSER_MODE_BINARY, "00 01");
  g_assert_true (dx_composer_recall (f->composer, FALSE));
  g_assert_cmpstr (dx_composer_get_file_name (f->composer), ==, "Earlier binary message");

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  dx_test_setup ();
  adw_init ();

  server = dx_test_echo_server_start ();

#define ADD(path, func) \
  g_test_add ("/dx/composer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("text-round-trip", test_text_round_trip);
  ADD ("json-pretty-minify-round-trip", test_json_pretty_minify_round_trip);
  ADD ("binary-hex-round-trip", test_binary_hex_round_trip);
  ADD ("binary-base64-round-trip", test_binary_base64_round_trip);
  ADD ("binary-file-round-trip", test_binary_file_round_trip);
  ADD ("invalid-binary-explained", test_invalid_binary_explained);
  ADD ("recall", test_recall);
  ADD ("recall-large-binary", test_recall_large_binary);
#undef ADD

  status = g_test_run ();
  g_clear_pointer (&server, dx_test_echo_server_stop);
  return status;
}
