/* test-step-editor.c — the step editor as a tester uses it: every kind's
 * fields write to the step and show changes made elsewhere, matchers are
 * added, edited and removed, bad input is explained with the core's own
 * message, another step never receives what was typed for the last one,
 * and a send step chooses among the session's and the library's saved
 * messages
 *
 * DX_TEST_KEEP_OPEN=1 leaves the last window on screen for a while, for a
 * screenshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "dx-matcher-row.h"
#include "dx-step-editor.h"
#include "dx-test-util.h"
#include "dx-test-widgets.h"

typedef struct {
  GtkWindow    *window;
  DxStepEditor *editor;
} Fixture;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 360, 760);
  f->editor = DX_STEP_EDITOR (dx_step_editor_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  dx_test_wait_until (is_mapped, f->window, "the window to show");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *keep = g_getenv ("DX_TEST_KEEP_OPEN");

  if (keep && keep[0])
    dx_test_spin (atoi (keep) * 1000);
  gtk_window_destroy (f->window);
}

/* ---- finding things as a tester would: by the titles on screen ----------- */

static char *
without_underline (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  g_autofree char *shown = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  shown = without_underline (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return g_strcmp0 (shown, title) == 0;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_add_matcher_button (GtkWidget     *widget,
                       gconstpointer  data)
{
  return dx_test_is_button_labelled (widget, "_Add Matcher");
}

static GtkWidget *
row (Fixture    *f,
     const char *title)
{
  GtkWidget *found = dx_test_find_widget (GTK_WIDGET (f->editor), is_row_titled, title);

  if (found == NULL)
    g_error ("No row “%s” on screen", title);
  return found;
}

static GtkSpinButton *
spin (Fixture    *f,
      const char *title)
{
  GtkWidget *found = dx_test_find_widget (row (f, title), is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));

  g_assert_nonnull (found);
  return GTK_SPIN_BUTTON (found);
}

static void
set_spin (Fixture    *f,
          const char *title,
          double      value)
{
  gtk_spin_button_set_value (spin (f, title), value);
}

static void
set_entry (Fixture    *f,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, title)), text);
}

static const char *
entry_text (Fixture    *f,
            const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (row (f, title)));
}

static void
choose (Fixture    *f,
        const char *title,
        guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (f, title)), position);
}

static guint
chosen (Fixture    *f,
        const char *title)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, title)));
}

static gboolean
shows_text (Fixture    *f,
            const char *text)
{
  return dx_test_find_widget (GTK_WIDGET (f->editor), is_label_with_text, text) != NULL;
}

static gboolean
has_row (Fixture    *f,
         const char *title)
{
  return dx_test_find_widget (GTK_WIDGET (f->editor), is_row_titled, title) != NULL;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *found = dx_test_find_widget (root, is_named, name);

  if (found == NULL)
    g_error ("No “%s” on screen", name);
  return found;
}

static GtkTextBuffer *
content_buffer (Fixture *f)
{
  GtkWidget *view = dx_test_find_widget (GTK_WIDGET (f->editor), is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* The error the core gives for @step, which the editor must show as is */
static char *
validation_error (DxScenarioStep *step)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (dx_scenario_step_validate (step, &error));
  return g_strdup (error->message);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_WAIT);

  g_assert_null (dx_step_editor_get_step (f->editor));
  g_assert_true (shows_text (f, "Select a step to edit it"));
  g_assert_false (has_row (f, "Kind"));

  dx_step_editor_set_step (f->editor, step);
  g_assert_true (dx_step_editor_get_step (f->editor) == step);
  g_assert_true (has_row (f, "Kind"));
  g_assert_false (shows_text (f, "Select a step to edit it"));

  dx_step_editor_set_step (f->editor, NULL);
  g_assert_true (shows_text (f, "Select a step to edit it"));
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_WAIT);
  GtkWidget *enabled;
  guint changes = 0;

  g_signal_connect_swapped (step, "changed", G_CALLBACK (count_cb), &changes);

  dx_step_editor_set_step (f->editor, step);
  g_assert_true (shows_text (f, "Wait"));

  /* The switch turns the step off, and the step's change shows */
  enabled = dx_test_find_widget (row (f, "Enabled"), is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (enabled)));
  gtk_switch_set_active (GTK_SWITCH (enabled), FALSE);
  g_assert_false (dx_scenario_step_get_enabled (step));
  g_assert_cmpuint (changes, >, 0);
  dx_scenario_step_set_enabled (step, TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (enabled)));

  /* Changing the kind shows the new kind's title and fields */
  choose (f, "Kind", DX_STEP_CLOSE);
  g_assert_cmpint (dx_scenario_step_get_kind (step), ==, DX_STEP_CLOSE);
  g_assert_true (shows_text (f, "Close"));
  g_assert_true (has_row (f, "Close code"));
  g_assert_false (has_row (f, "Duration"));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (f, "Close code")), ==, 1000);

  dx_scenario_step_set_kind (step, DX_STEP_PING);
  g_assert_cmpuint (chosen (f, "Kind"), ==, DX_STEP_PING);
  g_assert_true (has_row (f, "Payload (optional)"));
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_CONNECT);

  dx_step_editor_set_step (f->editor, step);
  g_assert_false (has_row (f, "HTTP status"));

  set_entry (f, "Expected subprotocol (empty: any)", "chat.v2");
  g_assert_cmpstr (dx_scenario_step_get_subprotocol (step), ==, "chat.v2");
  set_entry (f, "Expected subprotocol (empty: any)", "");
  g_assert_null (dx_scenario_step_get_subprotocol (step));
  set_spin (f, "Timeout", 2500);
  g_assert_cmpuint (dx_scenario_step_get_timeout (step), ==, 2500);

  choose (f, "Handshake must", 1);
  g_assert_true (dx_scenario_step_get_expect_failure (step));
  g_assert_false (has_row (f, "Expected subprotocol (empty: any)"));
  set_spin (f, "HTTP status", 401);
  g_assert_cmpuint (dx_scenario_step_get_status (step), ==, 401);

  /* From code to the screen */
  dx_scenario_step_set_status (step, 503);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (f, "HTTP status")), ==, 503);
  dx_scenario_step_set_expect_failure (step, FALSE);
  g_assert_cmpuint (chosen (f, "Handshake must"), ==, 0);
  g_assert_false (has_row (f, "HTTP status"));
  dx_scenario_step_set_subprotocol (step, "mqtt");
  g_assert_cmpstr (entry_text (f, "Expected subprotocol (empty: any)"), ==, "mqtt");
}

static void
test_send_inline (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_SEND);
  g_autofree char *error = NULL;
  g_autofree char *shown = NULL;
  GtkTextBuffer *buffer;

  dx_step_editor_set_step (f->editor, step);
  g_assert_cmpuint (chosen (f, "Source"), ==, 0);
  g_assert_false (has_row (f, "Saved message"));

  choose (f, "Format", DX_SAVED_FORMAT_JSON);
  g_assert_cmpint (dx_scenario_step_get_format (step), ==, DX_SAVED_FORMAT_JSON);
  buffer = content_buffer (f);
  gtk_text_buffer_set_text (buffer, "{\"type\": \"ping\"}", -1);
  g_assert_cmpstr (dx_scenario_step_get_content (step), ==, "{\"type\": \"ping\"}");
  g_assert_nonnull (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)));

  /* Bad JSON is explained with the core's words */
  gtk_text_buffer_set_text (buffer, "{\"type\": ", -1);
  error = validation_error (step);
  g_assert_true (shows_text (f, error));

  dx_scenario_step_set_content (step, "{\"ok\": true}");
  shown = buffer_text (buffer);
  g_assert_cmpstr (shown, ==, "{\"ok\": true}");
  g_assert_false (shows_text (f, error));

  dx_scenario_step_set_format (step, DX_SAVED_FORMAT_HEX);
  g_assert_cmpuint (chosen (f, "Format"), ==, DX_SAVED_FORMAT_HEX);
  g_assert_null (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)));
  g_clear_pointer (&error, g_free);
  error = validation_error (step);
  g_assert_true (shows_text (f, error));
}

static void
add_saved (GListStore *list,
           const char *name)
{
  g_autoptr(DxSavedMessage) message = dx_saved_message_new (name, DX_SAVED_FORMAT_TEXT, name);

  g_list_store_append (list, message);
}

static const char *
choice (Fixture *f,
        guint    position)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row (f, "Saved message")));

  if (position >= g_list_model_get_n_items (model))
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (model), position);
}

static void
test_send_saved (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_SEND);
  g_autoptr(DxScenarioStep) gone = dx_scenario_step_new (DX_STEP_SEND);
  g_autoptr(GListStore) session = g_list_store_new (DX_TYPE_SAVED_MESSAGE);
  g_autoptr(GListStore) library = g_list_store_new (DX_TYPE_SAVED_MESSAGE);
  g_autoptr(DxSavedMessage) renamed = NULL;

  add_saved (session, "Hello");
  add_saved (session, "Shared");
  add_saved (library, "Shared");
  add_saved (library, "Subscribe");
  dx_step_editor_set_saved_messages (f->editor, G_LIST_MODEL (session), G_LIST_MODEL (library));
  dx_scenario_step_set_content (step, "typed");
  dx_step_editor_set_step (f->editor, step);

  choose (f, "Source", 1);
  /* The first saved message is taken at once, so the step sends it */
  g_assert_cmpstr (dx_scenario_step_get_message_name (step), ==, "Hello");
  g_assert_cmpstr (choice (f, 0), ==, "Hello");
  g_assert_cmpstr (choice (f, 1), ==, "Shared");
  g_assert_cmpstr (choice (f, 2), ==, "Subscribe");
  g_assert_null (choice (f, 3));
  g_assert_false (has_row (f, "Format"));

  choose (f, "Saved message", 2);
  g_assert_cmpstr (dx_scenario_step_get_message_name (step), ==, "Subscribe");

  /* Back to the written text, which was kept; and back again */
  choose (f, "Source", 0);
  g_assert_null (dx_scenario_step_get_message_name (step));
  g_assert_cmpstr (dx_scenario_step_get_content (step), ==, "typed");
  g_assert_true (has_row (f, "Format"));
  choose (f, "Source", 1);
  g_assert_cmpstr (dx_scenario_step_get_message_name (step), ==, "Subscribe");

  /* A new saved message is offered at once */
  add_saved (library, "Late");
  g_assert_cmpstr (choice (f, 3), ==, "Late");

  /* A name nobody has any more stays, marked missing */
  dx_scenario_step_set_message_name (gone, "Vanished");
  dx_step_editor_set_step (f->editor, gone);
  g_assert_cmpuint (chosen (f, "Source"), ==, 1);
  g_assert_cmpstr (choice (f, chosen (f, "Saved message")), ==, "Vanished (missing)");
  g_assert_cmpstr (dx_scenario_step_get_message_name (gone), ==, "Vanished");

  /* ...until a saved message takes that name */
  renamed = g_list_model_get_item (G_LIST_MODEL (session), 0);
  dx_saved_message_set_name (renamed, "Vanished");
  g_assert_cmpstr (choice (f, chosen (f, "Saved message")), ==, "Vanished");
  g_assert_cmpstr (dx_scenario_step_get_message_name (gone), ==, "Vanished");
  g_assert_cmpstr (dx_scenario_step_get_message_name (step), ==, "Subscribe");
}

static DxMatcher *
matcher_at (DxScenarioStep *step,
            guint           position)
{
  GListModel *matchers = G_LIST_MODEL (dx_scenario_step_get_matchers (step));
  g_autoptr(DxMatcher) matcher = g_list_model_get_item (matchers, position);

  return matcher;   /* the list keeps it */
}

static GtkWidget *
matcher_row (Fixture *f,
             guint    position)
{
  GtkWidget *list = dx_test_find_widget (GTK_WIDGET (f->editor), is_type, GSIZE_TO_POINTER (DX_TYPE_MATCHER_ROW));
  GtkWidget *found;

  g_assert_nonnull (list);
  found = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (gtk_widget_get_parent (list)), position));
  g_assert_true (DX_IS_MATCHER_ROW (found));
  return found;
}

static void
test_expect_message (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  g_autoptr(DxMatcher) bad_path = dx_matcher_new_path ("$.[", DX_PATH_OP_EXISTS, NULL);
  GListModel *matchers = G_LIST_MODEL (dx_scenario_step_get_matchers (step));
  GtkWidget *add, *mrow;
  DxMatcher *matcher;
  g_autoptr(GError) error = NULL;

  dx_step_editor_set_step (f->editor, step);
  g_assert_true (shows_text (f, "No matchers: any message passes"));

  choose (f, "Which message", 1);
  g_assert_cmpint (dx_scenario_step_get_mode (step), ==, DX_EXPECT_SKIP);
  set_spin (f, "Timeout", 750);
  g_assert_cmpuint (dx_scenario_step_get_timeout (step), ==, 750);

  add = dx_test_find_widget (GTK_WIDGET (f->editor), is_add_matcher_button, NULL);
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (matchers), ==, 1);
  matcher = matcher_at (step, 0);
  mrow = matcher_row (f, 0);

  /* A regular expression that does not compile is explained under it */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (mrow, "kind")), DX_MATCHER_REGEX);
  g_assert_cmpint (dx_matcher_get_kind (matcher), ==, DX_MATCHER_REGEX);
  gtk_editable_set_text (GTK_EDITABLE (named (mrow, "value")), "(unclosed");
  g_assert_cmpstr (dx_matcher_get_value (matcher), ==, "(unclosed");
  g_assert_false (dx_matcher_validate (matcher, &error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named (mrow, "error"))), ==, error->message);
  g_assert_true (shows_text (f, error->message));
  gtk_editable_set_text (GTK_EDITABLE (named (mrow, "value")), "^pong$");
  g_assert_false (shows_text (f, error->message));
  g_assert_null (dx_test_find_widget (mrow, is_named, "error"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (mrow, "negate")), TRUE);
  g_assert_true (dx_matcher_get_negate (matcher));

  /* JSONPath: path and operation */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (mrow, "kind")), DX_MATCHER_JSONPATH);
  gtk_editable_set_text (GTK_EDITABLE (named (mrow, "path")), "$.type");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (mrow, "path-op")), DX_PATH_OP_EQUALS);
  gtk_editable_set_text (GTK_EDITABLE (named (mrow, "value")), "\"pong\"");
  g_assert_cmpstr (dx_matcher_get_path (matcher), ==, "$.type");
  g_assert_cmpint (dx_matcher_get_path_op (matcher), ==, DX_PATH_OP_EQUALS);
  g_assert_true (dx_matcher_validate (matcher, NULL));

  /* Size: no value entry, an operation and a number */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (mrow, "kind")), DX_MATCHER_SIZE);
  g_assert_null (dx_test_find_widget (mrow, is_named, "value"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (mrow, "size-op")), DX_SIZE_OP_GT);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (mrow, "size")), 64);
  g_assert_cmpint (dx_matcher_get_size_op (matcher), ==, DX_SIZE_OP_GT);
  g_assert_cmpuint (dx_matcher_get_size (matcher), ==, 64);

  /* From code to the row */
  dx_matcher_set_size (matcher, 128);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (named (mrow, "size"))), ==, 128);

  /* A matcher added elsewhere gets a row, and shows its error */
  g_clear_error (&error);
  dx_scenario_step_add_matcher (step, bad_path);
  g_assert_false (dx_matcher_validate (bad_path, &error));
  g_assert_true (shows_text (f, error->message));

  /* Removing */
  g_signal_emit_by_name (named (matcher_row (f, 1), "remove"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (matchers), ==, 1);
  g_assert_false (shows_text (f, error->message));
  g_signal_emit_by_name (named (matcher_row (f, 0), "remove"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (matchers), ==, 0);
  g_assert_true (shows_text (f, "No matchers: any message passes"));
}

static void
test_capture (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_CAPTURE);
  g_autofree char *error = NULL;

  dx_step_editor_set_step (f->editor, step);
  error = validation_error (step);
  g_assert_true (shows_text (f, error));

  set_entry (f, "Variable name", "token");
  set_entry (f, "Expression", "$.session.token");
  g_assert_cmpstr (dx_scenario_step_get_variable (step), ==, "token");
  g_assert_cmpstr (dx_scenario_step_get_expression (step), ==, "$.session.token");
  g_assert_false (shows_text (f, error));
  g_assert_false (has_row (f, "Regex group"));

  choose (f, "Find the value by", 1);
  g_assert_cmpint (dx_scenario_step_get_source (step), ==, DX_CAPTURE_REGEX);
  set_entry (f, "Expression", "id=(\\d+)-(\\w+)");
  set_spin (f, "Regex group", 2);
  g_assert_cmpuint (dx_scenario_step_get_group (step), ==, 2);
  set_spin (f, "Timeout", 900);
  g_assert_cmpuint (dx_scenario_step_get_timeout (step), ==, 900);
  g_assert_true (dx_scenario_step_validate (step, NULL));

  /* A group the expression does not have */
  set_spin (f, "Regex group", 5);
  g_clear_pointer (&error, g_free);
  error = validation_error (step);
  g_assert_true (shows_text (f, error));

  /* A variable name with a space */
  set_spin (f, "Regex group", 1);
  set_entry (f, "Variable name", "my token");
  g_clear_pointer (&error, g_free);
  error = validation_error (step);
  g_assert_true (shows_text (f, error));

  dx_scenario_step_set_variable (step, "id");
  g_assert_cmpstr (entry_text (f, "Variable name"), ==, "id");
}

static void
test_durations (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DxScenarioStep) silence = dx_scenario_step_new (DX_STEP_EXPECT_NO_MESSAGE);
  g_autoptr(DxScenarioStep) wait = dx_scenario_step_new (DX_STEP_WAIT);

  dx_step_editor_set_step (f->editor, silence);
  set_spin (f, "Duration", 1500);
  g_assert_cmpuint (dx_scenario_step_get_duration (silence), ==, 1500);

  dx_step_editor_set_step (f->editor, wait);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (f, "Duration")), ==, DX_STEP_DEFAULT_DURATION);
  set_spin (f, "Duration", 200);
  g_assert_cmpuint (dx_scenario_step_get_duration (wait), ==, 200);
  dx_scenario_step_set_duration (wait, 300);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (f, "Duration")), ==, 300);
}

static void
test_ping (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_PING);
  g_autofree char *long_payload = g_strnfill (130, 'x');
  g_autofree char *error = NULL;

  dx_step_editor_set_step (f->editor, step);
  set_entry (f, "Payload (optional)", "are you there");
  set_spin (f, "Timeout", 1200);
  g_assert_cmpstr (dx_scenario_step_get_content (step), ==, "are you there");
  g_assert_cmpuint (dx_scenario_step_get_timeout (step), ==, 1200);

  set_entry (f, "Payload (optional)", long_payload);
  error = validation_error (step);
  g_assert_true (shows_text (f, error));
}

static void
test_close (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DxScenarioStep) close = dx_scenario_step_new (DX_STEP_CLOSE);
  g_autoptr(DxScenarioStep) expect = dx_scenario_step_new (DX_STEP_EXPECT_CLOSE);
  g_autofree char *error = NULL;

  dx_step_editor_set_step (f->editor, close);
  set_spin (f, "Close code", 4000);
  set_entry (f, "Reason (optional)", "done");
  g_assert_cmpuint (dx_scenario_step_get_code (close), ==, 4000);
  g_assert_cmpstr (dx_scenario_step_get_reason (close), ==, "done");

  /* A code only servers may send is explained, and kept */
  set_spin (f, "Close code", 1011);
  g_assert_cmpuint (dx_scenario_step_get_code (close), ==, 1011);
  error = validation_error (close);
  g_assert_true (shows_text (f, error));

  dx_step_editor_set_step (f->editor, expect);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin (f, "Close code")), ==, 0);
  set_spin (f, "Close code", 4001);
  set_entry (f, "Reason (empty: any)", "bye");
  set_spin (f, "Timeout", 3000);
  g_assert_cmpuint (dx_scenario_step_get_code (expect), ==, 4001);
  g_assert_cmpstr (dx_scenario_step_get_reason (expect), ==, "bye");
  g_assert_cmpuint (dx_scenario_step_get_timeout (expect), ==, 3000);
  set_entry (f, "Reason (empty: any)", "");
  g_assert_null (dx_scenario_step_get_reason (expect));
}

static void
test_switch_steps (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DxScenarioStep) first = dx_scenario_step_new (DX_STEP_CAPTURE);
  g_autoptr(DxScenarioStep) second = dx_scenario_step_new (DX_STEP_CAPTURE);
  g_autoptr(DxScenarioStep) send = dx_scenario_step_new (DX_STEP_SEND);
  g_autoptr(DxMatcher) matcher = dx_matcher_new (DX_MATCHER_CONTAINS, "hello");
  g_autoptr(DxScenarioStep) expect = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  g_autoptr(DxScenarioStep) other = dx_scenario_step_new (DX_STEP_SEND);
  g_autofree char *shown = NULL;
  GtkTextBuffer *buffer;
  guint first_changes = 0;

  dx_scenario_step_set_variable (first, "one");
  dx_scenario_step_set_variable (second, "two");
  dx_scenario_step_set_content (send, "keep me");
  dx_scenario_step_add_matcher (expect, matcher);

  dx_step_editor_set_step (f->editor, first);
  g_assert_cmpstr (entry_text (f, "Variable name"), ==, "one");
  dx_step_editor_set_step (f->editor, second);
  g_assert_cmpstr (entry_text (f, "Variable name"), ==, "two");

  g_signal_connect_swapped (first, "changed", G_CALLBACK (count_cb), &first_changes);
  set_entry (f, "Variable name", "edited");
  set_spin (f, "Timeout", 42);
  g_assert_cmpstr (dx_scenario_step_get_variable (second), ==, "edited");
  g_assert_cmpstr (dx_scenario_step_get_variable (first), ==, "one");
  g_assert_cmpuint (dx_scenario_step_get_timeout (first), ==, DX_STEP_DEFAULT_TIMEOUT);

  /* The old step changed elsewhere does not show */
  dx_scenario_step_set_variable (first, "elsewhere");
  g_assert_cmpstr (entry_text (f, "Variable name"), ==, "edited");

  /* Undo in the content reaches no further back than the step shown */
  dx_step_editor_set_step (f->editor, other);
  buffer = content_buffer (f);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "typed", -1, TRUE);
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  dx_step_editor_set_step (f->editor, send);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  shown = buffer_text (buffer);
  g_assert_cmpstr (shown, ==, "keep me");
  g_assert_cmpstr (dx_scenario_step_get_content (other), ==, "typed");

  /* Through other kinds and back, nothing is written on the way */
  dx_step_editor_set_step (f->editor, expect);
  dx_step_editor_set_step (f->editor, NULL);
  g_assert_cmpuint (first_changes, ==, 1);
  g_assert_cmpstr (dx_scenario_step_get_content (send), ==, "keep me");
  g_assert_null (dx_scenario_step_get_message_name (send));
  g_assert_cmpstr (dx_matcher_get_value (matcher), ==, "hello");
  g_assert_cmpint (dx_matcher_get_kind (matcher), ==, DX_MATCHER_CONTAINS);
  g_assert_cmpstr (dx_scenario_step_get_variable (second), ==, "edited");
}

/* A step as a file may hold it: out-of-range and odd values, shown without
 * a crash and without being rewritten */
static void
test_odd_values (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  g_autoptr(DxMatcher) hex = dx_matcher_new (DX_MATCHER_BINARY_EQUALS, "zz 01");
  g_autoptr(DxMatcher) type = dx_matcher_new_path ("$.a", DX_PATH_OP_IS_TYPE, "integer");
  g_autoptr(DxMatcher) variable = dx_matcher_new (DX_MATCHER_REGEX, "{{pattern}}(");
  g_autoptr(GError) hex_error = NULL;
  g_autoptr(GError) type_error = NULL;

  dx_scenario_step_set_timeout (step, G_MAXUINT);
  dx_scenario_step_add_matcher (step, hex);
  dx_scenario_step_add_matcher (step, type);
  dx_scenario_step_add_matcher (step, variable);
  dx_step_editor_set_step (f->editor, step);

  g_assert_false (dx_matcher_validate (hex, &hex_error));
  g_assert_false (dx_matcher_validate (type, &type_error));
  g_assert_true (shows_text (f, hex_error->message));
  g_assert_true (shows_text (f, type_error->message));
  g_assert_cmpuint (dx_scenario_step_get_timeout (step), ==, G_MAXUINT);
  g_assert_cmpstr (dx_matcher_get_value (hex), ==, "zz 01");
  g_assert_cmpstr (dx_matcher_get_value (variable), ==, "{{pattern}}(");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  dx_test_setup ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/dx/step-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("header", test_header);
  ADD ("connect", test_connect);
  ADD ("send-inline", test_send_inline);
  ADD ("send-saved", test_send_saved);
  ADD ("expect-message", test_expect_message);
  ADD ("capture", test_capture);
  ADD ("durations", test_durations);
  ADD ("ping", test_ping);
  ADD ("close", test_close);
  ADD ("switch-steps", test_switch_steps);
  ADD ("odd-values", test_odd_values);
#undef ADD

  return g_test_run ();
}
