/* test-saved.c — saved messages in the real window: saving the composer's
 * message through the dialog, sending a row through the echo server byte
 * for byte, errors that lose nothing, editing, moving, deleting with Undo,
 * the library in two sessions, loading into the composer, and the
 * heartbeat's choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dx-composer.h"
#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-saved-list.h"
#include "dx-saved-message-dialog.h"
#include "dx-saved-row.h"
#include "dx-scenario.h"
#include "dx-test-echo.h"
#include "dx-test-util.h"
#include "dx-test-widgets.h"
#include "dx-test-window.h"
#include "dx-window.h"

static DxEchoServer *server;

typedef struct {
  DxWindow    *window;
  DxWorkspace *workspace;
  DxSession   *session;
  DxComposer  *composer;
  DxHistory   *history;
  GListStore  *messages;
  GListStore  *library;
} Fixture;

static gboolean
is_open (gpointer data)
{
  DxConnection *connection = data;

  return dx_connection_get_state (connection) == DX_CONNECTION_STATE_OPEN;
}

static gboolean
is_stack_with_saved_page (GtkWidget     *widget,
                          gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "saved") != NULL;
}

/* What clicking the Saved tab does */
static void
show_saved_page (DxWindow *window)
{
  GtkWidget *view = GTK_WIDGET (dx_window_get_view (window));
  GtkWidget *stack = dx_test_find_widget (view, is_stack_with_saved_page, NULL);

  g_assert_nonnull (stack);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "saved");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DxSession) session = dx_session_new ("Saved", "");
  g_autoptr(DxField) variable = dx_field_new (TRUE, "byte", "fe");

  f->workspace = dx_workspace_new ();
  g_list_store_append (dx_workspace_get_sessions (f->workspace), session);
  g_list_store_append (dx_workspace_get_variables (f->workspace), variable);
  f->window = dx_window_new (NULL, f->workspace);
  gtk_window_present (GTK_WINDOW (f->window));

  f->session = dx_window_get_session (f->window);
  f->composer = dx_window_get_composer (f->window);
  f->history = dx_session_get_history (f->session);
  f->messages = dx_session_get_saved_messages (f->session);
  f->library = dx_workspace_get_library (f->workspace);
  show_saved_page (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (DX_IS_SAVED_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->workspace);
}

static void
connect_window (DxWindow *window)
{
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo");

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_until (is_open, dx_window_get_connection (window), "the connection to open");
}

static DxSavedMessage *
add_message (GListStore    *store,
             const char    *name,
             DxSavedFormat  format,
             const char    *content)
{
  g_autoptr(DxSavedMessage) message = dx_saved_message_new (name, format, content);

  g_list_store_append (store, message);
  return message;
}

typedef struct {
  const char *name;
  gboolean    in_library;
} RowQuery;

static gboolean
is_saved_row (GtkWidget     *widget,
              gconstpointer  data)
{
  const RowQuery *query = data;

  return DX_IS_SAVED_ROW (widget) &&
         dx_saved_row_get_in_library (DX_SAVED_ROW (widget)) == query->in_library &&
         g_strcmp0 (dx_saved_message_get_name (dx_saved_row_get_message (DX_SAVED_ROW (widget))), query->name) == 0;
}

static DxSavedRow *
find_row (DxWindow   *window,
          const char *name,
          gboolean    in_library)
{
  RowQuery query = { name, in_library };

  return (DxSavedRow *) dx_test_find_widget (GTK_WIDGET (dx_window_get_view (window)), is_saved_row, &query);
}

/* The row as a tester sees it: on screen */
static DxSavedRow *
wait_for_row (DxWindow   *window,
              const char *name,
              gboolean    in_library)
{
  DxSavedRow *row = NULL;
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;

  while ((row = find_row (window, name, in_library)) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_test_fail_printf ("Gave up waiting for the saved row “%s”", name);
          return NULL;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  return row;
}

static gboolean
is_widget_of_type_titled (GtkWidget     *widget,
                          gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static AdwPreferencesRow *
find_pref_row (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = dx_test_find_widget (root, is_widget_of_type_titled, title);

  g_assert_nonnull (row);
  return ADW_PREFERENCES_ROW (row);
}

static DxSavedMessageDialog *
find_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  DxSavedMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (DX_IS_SAVED_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

static gboolean
dialog_is_mapped (gpointer data)
{
  DxSavedMessageDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
is_button_with_action (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* Clicks the composer's bookmark button and waits for the dialog */
static DxSavedMessageDialog *
open_save_dialog (Fixture *f)
{
  GtkWidget *button = dx_test_find_widget (GTK_WIDGET (f->composer), is_button_with_action, "composer.save-message");

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dx_test_wait_until (dialog_is_mapped, NULL, "the Save Message dialog");
  return find_dialog ();
}

static void
fill_dialog (DxSavedMessageDialog *dialog,
             const char           *name,
             const char           *note)
{
  gtk_editable_set_text (GTK_EDITABLE (find_pref_row (GTK_WIDGET (dialog), "Name")), name);
  if (note)
    gtk_editable_set_text (GTK_EDITABLE (find_pref_row (GTK_WIDGET (dialog), "Note (optional)")), note);
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static void
test_save_from_composer (Fixture       *f,
                         gconstpointer  data)
{
  const char *json = "{\"op\": \"subscribe\", \"topic\": \"{{byte}}\"}";
  DxSavedMessageDialog *dialog;
  DxSavedMessage *message;
  DxSavedRow *row;

  dx_test_click (GTK_WIDGET (f->window), "JSON");
  dx_composer_set_text (f->composer, json);

  dialog = open_save_dialog (f);
  fill_dialog (dialog, "Subscribe", "Asks for the ticker of one topic");
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  dx_test_wait_until (dialog_is_gone, NULL, "the dialog to close");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->messages)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 0);
  message = dx_saved_message_find (G_LIST_MODEL (f->messages), "Subscribe", NULL);
  g_assert_nonnull (message);
  g_assert_cmpstr (dx_saved_message_get_note (message), ==, "Asks for the ticker of one topic");
  g_assert_cmpint (dx_saved_message_get_format (message), ==, DX_SAVED_FORMAT_JSON);
  g_assert_cmpstr (dx_saved_message_get_content (message), ==, json);

  row = wait_for_row (f->window, "Subscribe", FALSE);
  g_assert_nonnull (row);
  g_assert_cmpstr (dx_saved_row_get_format_text (row), ==, "JSON");
  g_assert_cmpstr (dx_saved_row_get_preview (row), ==, json);

  /* The composer keeps its message */
  {
    g_autofree char *text = dx_composer_dup_text (f->composer);
    g_assert_cmpstr (text, ==, json);
  }
}

static void
test_name_refused (Fixture       *f,
                   gconstpointer  data)
{
  DxSavedMessageDialog *dialog;
  const char *error;

  add_message (f->messages, "Ping me", DX_SAVED_FORMAT_TEXT, "old");
  dx_composer_set_text (f->composer, "new");

  dialog = open_save_dialog (f);
  g_assert_null (dx_saved_message_dialog_get_error (dialog));

  /* No name: refused, and said so */
  fill_dialog (dialog, "   ", NULL);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  error = dx_saved_message_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, "Give the message a name"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  /* A name the session has: refused, with a free one offered */
  fill_dialog (dialog, "Ping me", NULL);
  g_assert_null (dx_saved_message_dialog_get_error (dialog));
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  g_assert_cmpstr (dx_saved_message_dialog_get_error (dialog), ==,
                   "This session already has a message named “Ping me”. Choose another name, such as “Ping me 2”.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->messages)), ==, 1);
  g_assert_cmpstr (dx_saved_message_get_content (g_list_model_get_item (G_LIST_MODEL (f->messages), 0)), ==, "old");
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (f->messages), 0));

  /* The library is another list: the same name is free there */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_pref_row (GTK_WIDGET (dialog), "Keep in")), 1);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  dx_test_wait_until (dialog_is_gone, NULL, "the dialog to close");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->messages)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 1);
  g_assert_nonnull (wait_for_row (f->window, "Ping me", TRUE));

  /* And now it is taken there too */
  dialog = open_save_dialog (f);
  fill_dialog (dialog, "Ping me", NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_pref_row (GTK_WIDGET (dialog), "Keep in")), 1);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  g_assert_cmpstr (dx_saved_message_dialog_get_error (dialog), ==,
                   "The library already has a message named “Ping me”. Choose another name, such as “Ping me 2”.");

  /* Content that could never be sent as its format says is caught too */
  fill_dialog (dialog, "Broken", NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_pref_row (GTK_WIDGET (dialog), "Format")), DX_SAVED_FORMAT_HEX);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  g_assert_nonnull (dx_saved_message_dialog_get_error (dialog));
  g_assert_true (g_str_has_prefix (dx_saved_message_dialog_get_error (dialog), "Saved message “Broken”: "));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 1);

  /* Cancel keeps the lists as they were */
  dx_test_click (GTK_WIDGET (dialog), "_Cancel");
  dx_test_wait_until (dialog_is_gone, NULL, "the dialog to close");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->messages)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 1);
}

/* Clicks the row's Send button; exactly @expected goes out and comes back */
static void
send_row_and_expect_echo (DxWindow      *window,
                          const char    *name,
                          gboolean       in_library,
                          DxMessageKind  kind,
                          const void    *expected,
                          gsize          expected_size)
{
  DxHistory *history = dx_session_get_history (dx_window_get_session (window));
  guint after = g_list_model_get_n_items (G_LIST_MODEL (history));
  DxSavedRow *row = wait_for_row (window, name, in_library);

  g_assert_nonnull (row);
  dx_test_click (GTK_WIDGET (row), "Send");
  g_assert_null (dx_composer_get_error (dx_window_get_composer (window)));
  dx_test_assert_sent_and_echoed (history, after, kind, expected, expected_size);
}

static void
test_send_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  const char *json = "{\"op\":\"subscribe\",\"byte\":\"{{byte}}\",\"text\":\"héllo ✓\"}";
  const char *expanded = "{\"op\":\"subscribe\",\"byte\":\"fe\",\"text\":\"héllo ✓\"}";
  const guint8 binary[] = { 0x00, 0xff, 0x80, 0xc3, 0x28, 0x00, 0xfe, 0x41 };

  add_message (f->messages, "Subscribe", DX_SAVED_FORMAT_JSON, json);
  add_message (f->messages, "Frame", DX_SAVED_FORMAT_HEX, "00 ff 80 c3\n28 00 {{byte}} 41");
  add_message (f->messages, "Frame64", DX_SAVED_FORMAT_BASE64, "AP+AwygA/kE=");
  dx_composer_set_text (f->composer, "the tester's own draft");
  connect_window (f->window);

  send_row_and_expect_echo (f->window, "Subscribe", FALSE, DX_MESSAGE_KIND_TEXT, expanded, strlen (expanded));
  send_row_and_expect_echo (f->window, "Frame", FALSE, DX_MESSAGE_KIND_BINARY, binary, sizeof binary);
  send_row_and_expect_echo (f->window, "Frame64", FALSE, DX_MESSAGE_KIND_BINARY, binary, sizeof binary);

  /* Sending a saved message leaves the composer's draft alone */
  {
    g_autofree char *text = dx_composer_dup_text (f->composer);
    g_assert_cmpstr (text, ==, "the tester's own draft");
  }
}

static void
test_send_errors_shown (Fixture       *f,
                        gconstpointer  data)
{
  guint before;
  DxSavedRow *row;

  add_message (f->messages, "Hello", DX_SAVED_FORMAT_TEXT, "hello");
  add_message (f->messages, "Undefined", DX_SAVED_FORMAT_JSON, "{\"id\": {{nothing}}}");
  add_message (f->messages, "Bad JSON", DX_SAVED_FORMAT_JSON, "{\"id\": {{byte}}");
  dx_composer_set_text (f->composer, "draft");

  /* Not connected: said beneath the composer, nothing sent or lost */
  before = g_list_model_get_n_items (G_LIST_MODEL (f->history));
  row = wait_for_row (f->window, "Hello", FALSE);
  dx_test_click (GTK_WIDGET (row), "Send");
  g_assert_cmpstr (dx_composer_get_error (f->composer), ==, "Not connected: connect first, then send");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->history)), ==, before);

  connect_window (f->window);
  before = g_list_model_get_n_items (G_LIST_MODEL (f->history));

  row = wait_for_row (f->window, "Undefined", FALSE);
  dx_test_click (GTK_WIDGET (row), "Send");
  g_assert_cmpstr (dx_composer_get_error (f->composer), ==,
                   "Saved message “Undefined”: The variable {{nothing}} is not defined: add it under Variables, or remove it");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->history)), ==, before);

  row = wait_for_row (f->window, "Bad JSON", FALSE);
  dx_test_click (GTK_WIDGET (row), "Send");
  g_assert_nonnull (dx_composer_get_error (f->composer));
  g_assert_true (g_str_has_prefix (dx_composer_get_error (f->composer), "Saved message “Bad JSON”: Invalid JSON"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->history)), ==, before);

  /* The messages and the draft are all still there; a good send clears
   * the error */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->messages)), ==, 3);
  {
    g_autofree char *text = dx_composer_dup_text (f->composer);
    g_assert_cmpstr (text, ==, "draft");
  }
  send_row_and_expect_echo (f->window, "Hello", FALSE, DX_MESSAGE_KIND_TEXT, "hello", 5);
  g_assert_null (dx_composer_get_error (f->composer));
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  DxSavedMessageDialog *dialog;
  DxSavedMessage *message;
  DxSavedRow *row;
  GtkWidget *view;
  GtkTextBuffer *buffer;

  add_message (f->messages, "Old", DX_SAVED_FORMAT_TEXT, "old content");
  add_message (f->messages, "Other", DX_SAVED_FORMAT_TEXT, "other");
  g_object_set (f->session, "heartbeat-saved-message", "Old", NULL);

  row = wait_for_row (f->window, "Old", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.edit", NULL);
  dx_test_wait_until (dialog_is_mapped, NULL, "the Edit dialog");
  dialog = find_dialog ();

  /* Filled in with the message as it is */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_pref_row (GTK_WIDGET (dialog), "Name"))), ==, "Old");
  view = dx_test_find_widget (GTK_WIDGET (dialog), is_text_view, NULL);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
    g_assert_cmpstr (text, ==, "old content");
  }

  /* A name another message has is refused */
  fill_dialog (dialog, "Other", NULL);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  g_assert_nonnull (dx_saved_message_dialog_get_error (dialog));

  fill_dialog (dialog, "New", "now JSON");
  gtk_text_buffer_set_text (buffer, "{\"new\": true}", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_pref_row (GTK_WIDGET (dialog), "Format")), DX_SAVED_FORMAT_JSON);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  dx_test_wait_until (dialog_is_gone, NULL, "the dialog to close");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->messages)), ==, 2);
  g_assert_null (dx_saved_message_find (G_LIST_MODEL (f->messages), "Old", NULL));
  message = g_list_model_get_item (G_LIST_MODEL (f->messages), 0);
  g_assert_cmpstr (dx_saved_message_get_name (message), ==, "New");
  g_assert_cmpstr (dx_saved_message_get_note (message), ==, "now JSON");
  g_assert_cmpstr (dx_saved_message_get_content (message), ==, "{\"new\": true}");
  g_assert_cmpint (dx_saved_message_get_format (message), ==, DX_SAVED_FORMAT_JSON);
  g_object_unref (message);

  row = wait_for_row (f->window, "New", FALSE);
  g_assert_cmpstr (dx_saved_row_get_format_text (row), ==, "JSON");
  /* The heartbeat follows the rename */
  g_assert_cmpstr (dx_session_get_heartbeat_saved_message (f->session), ==, "New");
}

static DxScenarioStep *
add_send_scenario (DxSession  *session,
                   const char *message_name)
{
  g_autoptr(DxScenario) scenario = dx_scenario_new ("Logs in");
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_SEND);

  dx_scenario_step_set_message_name (step, message_name);
  dx_scenario_add_step (scenario, step);
  g_list_store_append (dx_session_get_scenarios (session), scenario);
  return step;
}

/* Renaming a library message in the dialog carries along the scenario
 * steps that send it, in every session that sends the library's, not in
 * one that has a message of its own by that name */
static void
test_library_rename_follows (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DxSession) second = dx_session_new ("Second", "");
  g_autoptr(DxSession) third = dx_session_new ("Third", "");
  DxScenarioStep *first_step = add_send_scenario (f->session, "Login");
  DxScenarioStep *second_step = add_send_scenario (second, "Login");
  DxScenarioStep *third_step = add_send_scenario (third, "Login");
  DxSavedMessageDialog *dialog;
  DxSavedRow *row;

  add_message (f->library, "Login", DX_SAVED_FORMAT_TEXT, "user:pass");
  add_message (dx_session_get_saved_messages (third), "Login", DX_SAVED_FORMAT_TEXT, "third's own");
  g_list_store_append (dx_workspace_get_sessions (f->workspace), second);
  g_list_store_append (dx_workspace_get_sessions (f->workspace), third);

  row = wait_for_row (f->window, "Login", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.edit", NULL);
  dx_test_wait_until (dialog_is_mapped, NULL, "the Edit dialog");
  dialog = find_dialog ();
  fill_dialog (dialog, "Sign in", NULL);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  dx_test_wait_until (dialog_is_gone, NULL, "the dialog to close");

  g_assert_cmpstr (dx_scenario_step_get_message_name (first_step), ==, "Sign in");
  g_assert_cmpstr (dx_scenario_step_get_message_name (second_step), ==, "Sign in");
  g_assert_cmpstr (dx_scenario_step_get_message_name (third_step), ==, "Login");
}

static void
assert_order (GListStore *store,
              const char *expected)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(DxSavedMessage) message = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_string_append_printf (names, "%s%s", i ? " " : "", dx_saved_message_get_name (message));
    }
  g_assert_cmpstr (names->str, ==, expected);
  g_string_free (names, TRUE);
}

/* Runs the key binding of @widget that @keyval with @modifiers triggers,
 * as its shortcut controller would for a key press on the focused row */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  DxSavedRow *row;

  add_message (f->messages, "a", DX_SAVED_FORMAT_TEXT, "1");
  add_message (f->messages, "b", DX_SAVED_FORMAT_TEXT, "2");
  add_message (f->messages, "c", DX_SAVED_FORMAT_TEXT, "3");

  row = wait_for_row (f->window, "a", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.move-down", NULL);
  assert_order (f->messages, "b a c");
  /* The moved row keeps the focus, so the keys can go on moving it */
  row = wait_for_row (f->window, "a", FALSE);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (row)));

  g_assert_true (press_key (GTK_WIDGET (row), GDK_KEY_Down, GDK_ALT_MASK));
  assert_order (f->messages, "b c a");
  /* The last row goes no further */
  row = wait_for_row (f->window, "a", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.move-down", NULL);
  assert_order (f->messages, "b c a");

  row = wait_for_row (f->window, "c", FALSE);
  g_assert_true (press_key (GTK_WIDGET (row), GDK_KEY_Up, GDK_ALT_MASK));
  assert_order (f->messages, "c b a");
  row = wait_for_row (f->window, "c", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.move-up", NULL);
  assert_order (f->messages, "c b a");
}

static gboolean
undo_button_shown (gpointer data)
{
  return dx_test_find_widget (data, dx_test_is_button_labelled, "_Undo") != NULL;
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  DxSavedMessage *b;
  DxSavedMessage *restored;
  DxSavedRow *row;

  add_message (f->messages, "a", DX_SAVED_FORMAT_TEXT, "1");
  b = add_message (f->messages, "b", DX_SAVED_FORMAT_JSON, "{}");
  dx_saved_message_set_note (b, "keep me");
  add_message (f->messages, "c", DX_SAVED_FORMAT_TEXT, "3");

  row = wait_for_row (f->window, "b", FALSE);
  g_assert_true (press_key (GTK_WIDGET (row), GDK_KEY_Delete, 0));
  assert_order (f->messages, "a c");
  g_assert_null (find_row (f->window, "b", FALSE));

  dx_test_wait_until (undo_button_shown, f->window, "the Undo button");
  dx_test_click (GTK_WIDGET (f->window), "_Undo");
  assert_order (f->messages, "a b c");
  restored = g_list_model_get_item (G_LIST_MODEL (f->messages), 1);
  g_assert_cmpstr (dx_saved_message_get_note (restored), ==, "keep me");
  g_assert_cmpstr (dx_saved_message_get_content (restored), ==, "{}");
  g_object_unref (restored);
  g_assert_nonnull (wait_for_row (f->window, "b", FALSE));

  /* Deleting from the library works the same way */
  add_message (f->library, "shared", DX_SAVED_FORMAT_TEXT, "s");
  row = wait_for_row (f->window, "shared", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 0);
  g_assert_true (dx_saved_list_undo_delete (dx_session_view_get_saved_list (dx_window_get_view (f->window))));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 1);
}

static void
test_library_in_two_sessions (Fixture       *f,
                              gconstpointer  data)
{
  const guint8 binary[] = { 0x00, 0x01, 0x00, 0xff };
  g_autoptr(DxSession) second = dx_session_new ("Second", "");
  DxSavedRow *row;

  add_message (f->library, "Shared frame", DX_SAVED_FORMAT_HEX, "00 01 00 ff");
  connect_window (f->window);
  send_row_and_expect_echo (f->window, "Shared frame", TRUE, DX_MESSAGE_KIND_BINARY, binary, sizeof binary);

  g_list_store_append (dx_workspace_get_sessions (f->workspace), second);
  dx_window_select_session (f->window, second);
  g_assert_true (dx_window_get_session (f->window) == second);
  show_saved_page (f->window);
  connect_window (f->window);
  send_row_and_expect_echo (f->window, "Shared frame", TRUE, DX_MESSAGE_KIND_BINARY, binary, sizeof binary);

  /* The second session's own list is its own */
  g_assert_null (find_row (f->window, "Shared frame", FALSE));

  /* Copying it into a session that has the name numbers the copy */
  add_message (dx_session_get_saved_messages (second), "Shared frame", DX_SAVED_FORMAT_TEXT, "x");
  row = wait_for_row (f->window, "Shared frame", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.transfer", NULL);
  assert_order (dx_session_get_saved_messages (second), "Shared frame Shared frame 2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, 1);

  /* Moving one of the session's into the library takes it out of the
   * session, for every session to see */
  row = wait_for_row (f->window, "Shared frame 2", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.transfer", NULL);
  assert_order (dx_session_get_saved_messages (second), "Shared frame");
  assert_order (f->library, "Shared frame Shared frame 2");

  dx_window_select_session (f->window, f->session);
  show_saved_page (f->window);
  g_assert_nonnull (wait_for_row (f->window, "Shared frame 2", TRUE));
}

static void
test_load_into_composer (Fixture       *f,
                         gconstpointer  data)
{
  DxSavedRow *row;
  g_autofree char *text = NULL;

  add_message (f->messages, "Hex", DX_SAVED_FORMAT_HEX, "00 ff {{byte}}");
  add_message (f->library, "Json", DX_SAVED_FORMAT_JSON, "{\"a\": 1}");
  add_message (f->library, "B64", DX_SAVED_FORMAT_BASE64, "AP8=");

  dx_composer_set_text (f->composer, "41 42");
  row = wait_for_row (f->window, "Hex", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.load", NULL);
  g_assert_cmpint (dx_composer_get_mode (f->composer), ==, DX_COMPOSER_MODE_BINARY);
  g_assert_cmpint (dx_composer_get_binary_format (f->composer), ==, DX_PAYLOAD_FORMAT_HEX);
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, "00 ff {{byte}}");
  g_assert_cmpstr (dx_composer_get_size_text (f->composer), ==, "3 bytes");
  g_clear_pointer (&text, g_free);

  row = wait_for_row (f->window, "B64", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.load", NULL);
  g_assert_cmpint (dx_composer_get_mode (f->composer), ==, DX_COMPOSER_MODE_BINARY);
  g_assert_cmpint (dx_composer_get_binary_format (f->composer), ==, DX_PAYLOAD_FORMAT_BASE64);
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, "AP8=");
  g_clear_pointer (&text, g_free);

  row = wait_for_row (f->window, "Json", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.load", NULL);
  g_assert_cmpint (dx_composer_get_mode (f->composer), ==, DX_COMPOSER_MODE_JSON);
  text = dx_composer_dup_text (f->composer);
  g_assert_cmpstr (text, ==, "{\"a\": 1}");
}

static void
test_composer_content (Fixture       *f,
                       gconstpointer  data)
{
  DxSavedFormat format;
  g_autofree char *content = NULL;

  dx_composer_set_text (f->composer, "plain {{byte}}");
  content = dx_composer_dup_saved_content (f->composer, &format);
  g_assert_cmpint (format, ==, DX_SAVED_FORMAT_TEXT);
  g_assert_cmpstr (content, ==, "plain {{byte}}");
  g_clear_pointer (&content, g_free);

  dx_test_click (GTK_WIDGET (f->window), "Binary");
  dx_composer_set_text (f->composer, "00 ff");
  content = dx_composer_dup_saved_content (f->composer, &format);
  g_assert_cmpint (format, ==, DX_SAVED_FORMAT_HEX);
  g_assert_cmpstr (content, ==, "00 ff");
  g_clear_pointer (&content, g_free);

  dx_test_click (GTK_WIDGET (f->window), "Base64");
  content = dx_composer_dup_saved_content (f->composer, &format);
  g_assert_cmpint (format, ==, DX_SAVED_FORMAT_BASE64);
  g_assert_cmpstr (content, ==, "AP8=");
}

static gboolean
file_loaded (gpointer data)
{
  return dx_composer_get_file_name (data) != NULL || dx_composer_get_error (data) != NULL;
}

/* A loaded file is saved as the Base64 of its bytes; one too large to show
 * in the dialog is still saved whole */
static void
test_save_loaded_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dx-saved-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "frame.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree guint8 *bytes = g_malloc (60000);
  g_autofree char *expected = NULL;
  DxSavedMessageDialog *dialog;
  DxSavedMessage *message;
  GtkWidget *view;

  g_assert_no_error (error);
  for (guint i = 0; i < 60000; i++)
    bytes[i] = (i * 7) & 0xff;
  g_file_set_contents (path, (const char *) bytes, 60000, &error);
  g_assert_no_error (error);
  expected = g_base64_encode (bytes, 60000);

  dx_composer_load_file (f->composer, file);
  dx_test_wait_until (file_loaded, f->composer, "the file");
  g_assert_cmpstr (dx_composer_get_file_name (f->composer), ==, "frame.bin");

  dialog = open_save_dialog (f);
  view = dx_test_find_widget (GTK_WIDGET (dialog), is_text_view, NULL);
  g_assert_false (gtk_widget_is_visible (view));
  fill_dialog (dialog, "Frame file", NULL);
  dx_test_click (GTK_WIDGET (dialog), "_Save");
  dx_test_wait_until (dialog_is_gone, NULL, "the dialog to close");

  message = dx_saved_message_find (G_LIST_MODEL (f->messages), "Frame file", NULL);
  g_assert_nonnull (message);
  g_assert_cmpint (dx_saved_message_get_format (message), ==, DX_SAVED_FORMAT_BASE64);
  g_assert_cmpstr (dx_saved_message_get_content (message), ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

static guint
find_choice (AdwComboRow *row,
             const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      return i;
  return G_MAXUINT;
}

static void
test_heartbeat_choice (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (dx_window_get_view (f->window));
  AdwComboRow *row = ADW_COMBO_ROW (find_pref_row (view, "Heartbeat sends"));
  AdwPreferencesRow *text_row = find_pref_row (view, "Heartbeat message (empty: ping)");
  guint beat, shared;

  add_message (f->messages, "Beat", DX_SAVED_FORMAT_TEXT, "beat");
  add_message (f->library, "Shared beat", DX_SAVED_FORMAT_TEXT, "shared");

  /* The choices: ping, text, then every name the connection can find */
  g_assert_cmpuint (find_choice (row, "Ping"), ==, 0);
  g_assert_cmpuint (find_choice (row, "Text message"), ==, 1);
  beat = find_choice (row, "Beat");
  shared = find_choice (row, "Shared beat");
  g_assert_cmpuint (beat, ==, 2);
  g_assert_cmpuint (shared, ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (text_row)));

  adw_combo_row_set_selected (row, beat);
  g_assert_cmpstr (dx_session_get_heartbeat_saved_message (f->session), ==, "Beat");
  adw_combo_row_set_selected (row, shared);
  g_assert_cmpstr (dx_session_get_heartbeat_saved_message (f->session), ==, "Shared beat");

  /* Text: the text row shows, and what is typed there is kept across a
   * switch to ping and back */
  adw_combo_row_set_selected (row, 1);
  g_assert_null (dx_session_get_heartbeat_saved_message (f->session));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (text_row)));
  gtk_editable_set_text (GTK_EDITABLE (text_row), "are you there?");
  g_assert_cmpstr (dx_session_get_heartbeat_message (f->session), ==, "are you there?");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  adw_combo_row_set_selected (row, 0);
  g_assert_null (dx_session_get_heartbeat_message (f->session));
  g_assert_null (dx_session_get_heartbeat_saved_message (f->session));
  adw_combo_row_set_selected (row, 1);
  g_assert_cmpstr (dx_session_get_heartbeat_message (f->session), ==, "are you there?");

  /* The row follows the session (a file opened, a rename) */
  g_object_set (f->session, "heartbeat-saved-message", "Beat", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, find_choice (row, "Beat"));
  /* A name no list has stays chosen and visible */
  g_object_set (f->session, "heartbeat-saved-message", "Gone", NULL);
  g_assert_cmpuint (find_choice (row, "Gone"), !=, G_MAXUINT);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, find_choice (row, "Gone"));

  /* A new saved message is offered at once */
  add_message (f->library, "Fresh", DX_SAVED_FORMAT_TEXT, "fresh");
  g_assert_cmpuint (find_choice (row, "Fresh"), !=, G_MAXUINT);
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
  g_test_add ("/dx/saved/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("save-from-composer", test_save_from_composer);
  ADD ("name-refused", test_name_refused);
  ADD ("send-round-trip", test_send_round_trip);
  ADD ("send-errors-shown", test_send_errors_shown);
  ADD ("edit", test_edit);
  ADD ("move", test_move);
  ADD ("delete-undo", test_delete_undo);
  ADD ("library-in-two-sessions", test_library_in_two_sessions);
  ADD ("library-rename-follows", test_library_rename_follows);
  ADD ("load-into-composer", test_load_into_composer);
  ADD ("composer-content", test_composer_content);
  ADD ("save-loaded-file", test_save_loaded_file);
  ADD ("heartbeat-choice", test_heartbeat_choice);
#undef ADD

  status = g_test_run ();
  g_clear_pointer (&server, dx_test_echo_server_stop);
  return status;
}
