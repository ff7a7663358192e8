/* dx-runner-steps.c — what each kind of scenario step does when it runs
 *
 * A step starts (start_*), and unless it is done at once, the runner calls
 * poll_* whenever something it may be waiting for happens: a received
 * message in the inbox, a change of the connection's state, a pong, or
 * its timeout (self->timed_out). A poll either finishes the step with
 * _dx_runner_pass() / _dx_runner_fail() or returns to keep waiting.
 *
 * Failure messages say what was expected and what came instead, with the
 * message quoted (shortened) so that a CI log is enough to see why.
 *
 * Expect and capture steps take messages from the inbox in order, so each
 * received message is judged once. expect-no-message fails on a message
 * that is already waiting there too: one that no step looked at is one the
 * scenario did not expect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-close-code.h"
#include "dx-matcher-private.h"
#include "dx-runner-private.h"
#include "dx-scenario-private.h"

static gboolean
is_live (DxConnectionState state)
{
  return state == DX_CONNECTION_STATE_CONNECTING || state == DX_CONNECTION_STATE_OPEN ||
         state == DX_CONNECTION_STATE_CLOSING;
}

static char *
describe_item (DxInboxItem *item)
{
  return dx_matcher_describe_payload (item->kind, item->payload);
}

/* Why no message will come any more, or %NULL while one still may */
static char *
dup_gone_reason (DxRunner *self)
{
  DxConnectionState state = dx_connection_get_state (self->connection);
  g_autofree char *status = NULL;

  if (state == DX_CONNECTION_STATE_OPEN || state == DX_CONNECTION_STATE_CONNECTING)
    return NULL;
  status = dx_connection_dup_status_text (self->connection);
  return g_strdup_printf (_("the connection is not open (%s)"), status);
}

/* A wait ends without what it waited for when the connection is gone (a
 * reason) or after the step's timeout, scaled. Each case is a whole
 * sentence of its own, so that a translation can order its words. */
static guint
scaled_timeout (DxRunner       *self,
                DxScenarioStep *step)
{
  return _dx_runner_scale (self, dx_scenario_step_get_timeout (step));
}

/* ---- connect ------------------------------------------------------------- */

static void
start_connect (DxRunner       *self,
               DxScenarioStep *step)
{
  g_autoptr(GError) error = NULL;

  if (is_live (dx_connection_get_state (self->connection)))
    {
      _dx_runner_fail (self, _("The connection is already open: disconnect before running a scenario "
                               "that connects"), NULL, NULL);
      return;
    }

  /* Whatever the last connection left unread is not this one's */
  g_queue_clear_full (&self->inbox, (GDestroyNotify) dx_inbox_item_free);
  if (!dx_connection_connect (self->connection, &error))
    {
      _dx_runner_fail (self, error->message, NULL, NULL);
      return;
    }
  self->opened = TRUE;
  _dx_runner_arm_timeout (self, _dx_runner_scale (self, dx_scenario_step_get_timeout (step)));
}

static void
poll_connect (DxRunner       *self,
              DxScenarioStep *step)
{
  DxConnection *conn = self->connection;
  DxConnectionState state = dx_connection_get_state (conn);
  gboolean expect_failure = dx_scenario_step_get_expect_failure (step);
  guint status = dx_scenario_step_get_status (step);
  const char *subprotocol = dx_scenario_step_get_subprotocol (step);
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *message = NULL;

  if (expect_failure)
    expected = status ? g_strdup_printf (_("the handshake to fail with HTTP %u"), status)
                      : g_strdup (_("the handshake to fail"));
  else if (subprotocol && subprotocol[0])
    expected = g_strdup_printf (_("a connection with subprotocol “%s”"), subprotocol);
  else
    expected = g_strdup (_("a connection"));

  if (state == DX_CONNECTION_STATE_CONNECTING)
    {
      if (!self->timed_out)
        return;
      message = g_strdup_printf (_("expected %s, got no outcome within %u ms"), expected,
                                 _dx_runner_scale (self, dx_scenario_step_get_timeout (step)));
      _dx_runner_fail (self, message, expected, _("still connecting"));
      return;
    }

  if (state == DX_CONNECTION_STATE_OPEN)
    {
      const char *protocol = dx_connection_get_protocol (conn);

      actual = protocol ? g_strdup_printf (_("connected, subprotocol “%s”"), protocol)
                        : g_strdup (_("connected, no subprotocol"));
      if (expect_failure ||
          (subprotocol && subprotocol[0] && g_strcmp0 (protocol, subprotocol) != 0))
        {
          message = g_strdup_printf (_("expected %s, got %s"), expected, actual);
          _dx_runner_fail (self, message, expected, actual);
        }
      else
        _dx_runner_pass (self, actual, actual);
      return;
    }

  /* Closed: the handshake failed, or the connection opened and closed at once */
  {
    guint http = dx_connection_get_http_status (conn);
    const char *error = dx_connection_get_error_message (conn);

    if (http >= 200 && http != 101)
      actual = g_strdup_printf (_("HTTP %u %s"), http,
                                dx_connection_get_http_reason (conn) ? dx_connection_get_http_reason (conn) : "");
    else
      actual = dx_connection_dup_status_text (conn);
    if (error && !strstr (actual, error))
      {
        char *longer = g_strdup_printf ("%s: %s", actual, error);

        g_free (actual);
        actual = longer;
      }
    g_strstrip (actual);

    if (expect_failure && (status == 0 || status == http))
      _dx_runner_pass (self, actual, actual);
    else
      {
        message = g_strdup_printf (_("expected %s, got %s"), expected, actual);
        _dx_runner_fail (self, message, expected, actual);
      }
  }
}

/* ---- send ---------------------------------------------------------------- */

static DxSavedMessage *
find_saved (DxRunner   *self,
            const char *name)
{
  DxSavedMessage *found = NULL;

  if (self->saved)
    found = dx_saved_message_find (self->saved, name, NULL);
  if (found == NULL && self->library)
    found = dx_saved_message_find (self->library, name, NULL);
  return found;
}

static void
start_send (DxRunner       *self,
            DxScenarioStep *step)
{
  const char *name = dx_scenario_step_get_message_name (step);
  g_autoptr(DxSavedMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *described = NULL;
  g_autofree char *text = NULL;
  gboolean sent;

  if (name && name[0])
    {
      DxSavedMessage *found = find_saved (self, name);

      if (found == NULL)
        {
          text = g_strdup_printf (_("There is no saved message called “%s” in this session or in the "
                                    "library: save one by that name, or pick another"), name);
          _dx_runner_fail (self, text, NULL, NULL);
          return;
        }
      message = g_object_ref (found);
    }
  else
    message = dx_saved_message_new ("", dx_scenario_step_get_format (step),
                                    dx_scenario_step_get_content (step));

  /* Built with the run's variables to check it (JSON) and to decode it
   * (hex, Base64); text goes out unexpanded, since the connection expands
   * it with the very same variables, and expanding twice would change
   * values that hold {{…}} themselves. */
  payload = dx_saved_message_build (message, G_LIST_MODEL (self->run_variables), &error);
  if (payload == NULL)
    sent = FALSE;
  else if (dx_saved_message_is_binary (message))
    sent = dx_connection_send_binary (self->connection, payload, &error);
  else
    sent = dx_connection_send_text (self->connection, dx_saved_message_get_content (message), &error);

  if (!sent)
    {
      _dx_runner_fail (self, error->message, NULL, NULL);
      return;
    }

  described = dx_matcher_describe_payload (dx_saved_message_is_binary (message)
                                           ? DX_MESSAGE_KIND_BINARY : DX_MESSAGE_KIND_TEXT,
                                           payload);
  text = g_strdup_printf (_("Sent %s"), described);
  _dx_runner_pass (self, text, described);
}

/* ---- expect-message --------------------------------------------------------- */

/* Returns: %NULL if @item passes every matcher, else why not */
static char *
check_matchers (DxRunner       *self,
                DxScenarioStep *step,
                DxInboxItem    *item)
{
  GListModel *matchers = G_LIST_MODEL (dx_scenario_step_get_matchers (step));
  guint n = g_list_model_get_n_items (matchers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMatcher) matcher = g_list_model_get_item (matchers, i);
      char *explanation = NULL;

      if (!dx_matcher_match (matcher, item->kind, item->payload, G_LIST_MODEL (self->run_variables),
                             &explanation))
        return explanation;
    }
  return NULL;
}

static char *
dup_expected_matchers (DxScenarioStep *step)
{
  g_autofree char *summary = _dx_scenario_step_dup_matchers_summary (step);

  if (summary[0] == '\0')
    return g_strdup (_("any message"));
  return g_steal_pointer (&summary);
}

static void
fail_waiting (DxRunner       *self,
              DxScenarioStep *step,
              const char     *gone)
{
  g_autofree char *expected = dup_expected_matchers (step);
  g_autofree char *message = NULL;

  if (self->skipped == 0)
    message = gone ? g_strdup_printf (_("no message, and none can come: %s"), gone)
                   : g_strdup_printf (_("no message within %u ms"), scaled_timeout (self, step));
  else
    {
      g_autofree char *none = gone
        ? g_strdup_printf (_("no matching message, and none can come: %s"), gone)
        : g_strdup_printf (_("no matching message within %u ms"), scaled_timeout (self, step));
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "skipped %u message, the last: %s",
                                                               "skipped %u messages, the last: %s",
                                                               self->skipped),
                                                  self->skipped, self->last_mismatch);

      /* Translators: two clauses of why an expected message failed */
      message = g_strdup_printf (_("%s; %s"), none, skipped);
    }
  _dx_runner_fail (self, message, expected, self->skipped ? NULL : _("no message"));
}

static void
poll_expect_message (DxRunner       *self,
                     DxScenarioStep *step)
{
  gboolean skip = dx_scenario_step_get_mode (step) == DX_EXPECT_SKIP;
  g_autofree char *gone = NULL;

  while (!g_queue_is_empty (&self->inbox))
    {
      g_autoptr(DxInboxItem) item = g_queue_pop_head (&self->inbox);
      g_autofree char *mismatch = check_matchers (self, step, item);
      g_autofree char *actual = describe_item (item);

      if (mismatch == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Received %s"), actual);

          _dx_runner_pass (self, message, actual);
          return;
        }
      if (!skip)
        {
          g_autofree char *expected = dup_expected_matchers (step);

          _dx_runner_fail (self, mismatch, expected, actual);
          return;
        }
      self->skipped++;
      g_free (self->last_mismatch);
      self->last_mismatch = g_steal_pointer (&mismatch);
    }

  gone = dup_gone_reason (self);
  if (self->timed_out || gone)
    fail_waiting (self, step, gone);
}

/* ---- expect-no-message ---------------------------------------------------- */

static void
poll_expect_no_message (DxRunner       *self,
                        DxScenarioStep *step)
{
  guint duration = _dx_runner_scale (self, dx_scenario_step_get_duration (step));
  g_autofree char *expected = g_strdup_printf (_("no message for %u ms"), duration);

  if (!g_queue_is_empty (&self->inbox))
    {
      g_autoptr(DxInboxItem) item = g_queue_pop_head (&self->inbox);
      g_autofree char *actual = describe_item (item);
      g_autofree char *message = g_strdup_printf (_("expected %s, got %s"), expected, actual);

      _dx_runner_fail (self, message, expected, actual);
      return;
    }
  if (self->timed_out)
    _dx_runner_pass (self, expected, NULL);
}

/* ---- capture --------------------------------------------------------------- */

/* Returns: the value, or %NULL with *@why saying why it is not there */
static char *
extract (DxScenarioStep  *step,
         DxInboxItem     *item,
         char           **why)
{
  const char *expression = dx_scenario_step_get_expression (step);
  gsize size;
  const char *data = g_bytes_get_data (item->payload, &size);
  g_autofree char *quoted = describe_item (item);
  g_autoptr(GError) error = NULL;

  if (data == NULL)
    data = "";
  if (!_dx_matcher_is_text (data, size))
    {
      *why = g_strdup_printf (_("expected a text message to capture from, got %s"), quoted);
      return NULL;
    }

  if (dx_scenario_step_get_source (step) == DX_CAPTURE_JSONPATH)
    {
      g_autoptr(JsonNode) root = _dx_matcher_parse_json (data, size, &error);
      g_autoptr(JsonNode) selected = NULL;

      if (root == NULL)
        {
          *why = g_strdup_printf (_("expected a JSON message to capture %s from, got %s"), expression, quoted);
          return NULL;
        }
      selected = _dx_matcher_select_path (root, expression, &error);
      if (selected == NULL)
        {
          *why = error ? g_strdup (error->message)
                       : g_strdup_printf (_("expected JSON path %s in the message, got nothing there in %s"),
                                          expression, quoted);
          return NULL;
        }
      return _dx_matcher_node_to_text (selected);
    }
  else
    {
      g_autoptr(GRegex) regex = g_regex_new (expression, 0, 0, &error);
      g_autoptr(GMatchInfo) match = NULL;
      guint group = dx_scenario_step_get_group (step);

      if (regex == NULL)
        {
          *why = g_strdup_printf (_("“%s” is not a valid regular expression: %s"), expression, error->message);
          return NULL;
        }
      if (!g_regex_match_full (regex, data, size, 0, 0, &match, NULL))
        {
          *why = g_strdup_printf (_("expected the message to match /%s/, got %s"), expression, quoted);
          return NULL;
        }
      if ((int) group > g_regex_get_capture_count (regex))
        {
          *why = g_strdup_printf (_("The regular expression “%s” has %d groups, so it has no group %u: "
                                    "put what to capture in parentheses"),
                                  expression, g_regex_get_capture_count (regex), group);
          return NULL;
        }
      return g_match_info_fetch (match, group);
    }
}

static void
poll_capture (DxRunner       *self,
              DxScenarioStep *step)
{
  g_autofree char *gone = NULL;

  if (!g_queue_is_empty (&self->inbox))
    {
      g_autoptr(DxInboxItem) item = g_queue_pop_head (&self->inbox);
      g_autofree char *why = NULL;
      g_autofree char *value = extract (step, item, &why);
      g_autofree char *actual = describe_item (item);

      if (value == NULL)
        {
          _dx_runner_fail (self, why, dx_scenario_step_get_expression (step), actual);
          return;
        }
      {
        const char *name = dx_scenario_step_get_variable (step);
        g_autofree char *message = g_strdup_printf (_("{{%s}} = “%s”"), name, value);

        _dx_runner_set_capture (self, name, value);
        _dx_runner_pass (self, message, value);
      }
      return;
    }

  gone = dup_gone_reason (self);
  if (self->timed_out || gone)
    {
      const char *name = dx_scenario_step_get_variable (step);
      g_autofree char *message = gone
        ? g_strdup_printf (_("no message to capture {{%s}} from, and none can come: %s"), name, gone)
        : g_strdup_printf (_("no message to capture {{%s}} from within %u ms"), name, scaled_timeout (self, step));

      _dx_runner_fail (self, message, dx_scenario_step_get_expression (step), _("no message"));
    }
}

/* ---- ping --------------------------------------------------------------------- */

static void
start_ping (DxRunner       *self,
            DxScenarioStep *step)
{
  const char *content = dx_scenario_step_get_content (step);
  g_autoptr(GBytes) payload = g_bytes_new (content, strlen (content));
  g_autoptr(GError) error = NULL;

  if (!dx_connection_send_ping (self->connection, payload, &error))
    {
      _dx_runner_fail (self, error->message, NULL, NULL);
      return;
    }
  self->waiting_pong = TRUE;
  self->pong_seen = FALSE;
  _dx_runner_arm_timeout (self, _dx_runner_scale (self, dx_scenario_step_get_timeout (step)));
}

static void
poll_ping (DxRunner       *self,
           DxScenarioStep *step)
{
  gint64 rtt = dx_connection_get_round_trip_time (self->connection);
  g_autofree char *gone = NULL;

  if (self->pong_seen && !self->timed_out)
    {
      g_autofree char *message = g_strdup_printf (_("Pong after %.1f ms"), rtt / 1000.0);

      _dx_runner_pass (self, message, NULL);
      return;
    }

  gone = dup_gone_reason (self);
  if (self->timed_out || gone)
    {
      g_autofree char *message = gone
        ? g_strdup_printf (_("no pong, and none can come: %s"), gone)
        : g_strdup_printf (_("no pong within %u ms"), scaled_timeout (self, step));

      _dx_runner_fail (self, message, _("a pong"), _("no pong"));
    }
}

/* ---- close, expect-close ------------------------------------------------------ */

static char *
describe_close (DxRunner *self)
{
  guint code = dx_connection_get_close_code (self->connection);
  const char *reason = dx_connection_get_close_reason (self->connection);

  if (code == 0)
    return g_strdup (_("a close without a code"));
  if (reason && reason[0])
    return g_strdup_printf (_("close %u “%s”"), code, reason);
  return g_strdup_printf (_("close %u"), code);
}

static void
start_close (DxRunner       *self,
             DxScenarioStep *step)
{
  g_autoptr(GError) error = NULL;
  guint code = dx_scenario_step_get_code (step);
  const char *reason = dx_scenario_step_get_reason (step);

  if (!dx_close_code_check (code, reason, &error))
    {
      _dx_runner_fail (self, error->message, NULL, NULL);
      return;
    }
  if (dx_connection_get_state (self->connection) != DX_CONNECTION_STATE_OPEN)
    {
      g_autofree char *gone = dup_gone_reason (self);
      g_autofree char *message = g_strdup_printf (_("Nothing to close: %s"), gone);

      _dx_runner_fail (self, message, NULL, NULL);
      return;
    }
  dx_connection_close (self->connection, code, reason);
  _dx_runner_arm_timeout (self, _dx_runner_scale (self, dx_scenario_step_get_timeout (step)));
}

static void
poll_close (DxRunner       *self,
            DxScenarioStep *step)
{
  if (!is_live (dx_connection_get_state (self->connection)))
    {
      g_autofree char *actual = describe_close (self);
      g_autofree char *message = g_strdup_printf (_("Closed; the server answered with %s"), actual);

      _dx_runner_pass (self, message, actual);
    }
  else if (self->timed_out)
    {
      g_autofree char *message =
        g_strdup_printf (_("the server did not answer the close within %u ms"),
                         _dx_runner_scale (self, dx_scenario_step_get_timeout (step)));

      _dx_runner_fail (self, message, _("a closed connection"), _("still closing"));
    }
}

static void
poll_expect_close (DxRunner       *self,
                   DxScenarioStep *step)
{
  DxConnectionState state = dx_connection_get_state (self->connection);
  guint code = dx_scenario_step_get_code (step);
  const char *reason = dx_scenario_step_get_reason (step);
  g_autofree char *expected = NULL;

  if (code && reason)
    expected = g_strdup_printf (_("close %u “%s”"), code, reason);
  else if (code)
    expected = g_strdup_printf (_("close %u"), code);
  else if (reason)
    expected = g_strdup_printf (_("a close with the reason “%s”"), reason);
  else
    expected = g_strdup (_("a close"));

  if (state == DX_CONNECTION_STATE_CLOSED ||
      (state == DX_CONNECTION_STATE_CLOSING && dx_connection_get_closed_by_peer (self->connection)))
    {
      g_autofree char *actual = describe_close (self);
      const char *got_reason = dx_connection_get_close_reason (self->connection);

      if ((code == 0 || code == dx_connection_get_close_code (self->connection)) &&
          (reason == NULL || g_strcmp0 (reason, got_reason ? got_reason : "") == 0))
        _dx_runner_pass (self, actual, actual);
      else
        {
          g_autofree char *message = g_strdup_printf (_("expected %s, got %s"), expected, actual);

          _dx_runner_fail (self, message, expected, actual);
        }
    }
  else if (state == DX_CONNECTION_STATE_DISCONNECTED)
    _dx_runner_fail (self, _("expected a close, but the connection was never opened"), expected,
                     _("not connected"));
  else if (self->timed_out)
    {
      g_autofree char *message =
        g_strdup_printf (_("expected %s within %u ms, but the connection is still open"), expected,
                         _dx_runner_scale (self, dx_scenario_step_get_timeout (step)));

      _dx_runner_fail (self, message, expected, _("still open"));
    }
}

/* ---- dispatch ------------------------------------------------------------------ */

void
_dx_runner_start_step (DxRunner       *self,
                       DxScenarioStep *step)
{
  g_autoptr(GError) error = NULL;

  if (!dx_scenario_step_validate (step, &error))
    {
      _dx_runner_fail (self, error->message, NULL, NULL);
      return;
    }

  switch (dx_scenario_step_get_kind (step))
    {
    case DX_STEP_CONNECT:
      start_connect (self, step);
      return;
    case DX_STEP_SEND:
      start_send (self, step);
      return;
    case DX_STEP_PING:
      start_ping (self, step);
      return;
    case DX_STEP_CLOSE:
      start_close (self, step);
      return;
    case DX_STEP_EXPECT_NO_MESSAGE:
    case DX_STEP_WAIT:
      _dx_runner_arm_timeout (self, _dx_runner_scale (self, dx_scenario_step_get_duration (step)));
      break;
    case DX_STEP_EXPECT_MESSAGE:
    case DX_STEP_CAPTURE:
    case DX_STEP_EXPECT_CLOSE:
      _dx_runner_arm_timeout (self, _dx_runner_scale (self, dx_scenario_step_get_timeout (step)));
      break;
    default:
      g_assert_not_reached ();
    }

  /* What arrived before the step started may settle it already */
  _dx_runner_poll_step (self, step);
}

void
_dx_runner_poll_step (DxRunner       *self,
                      DxScenarioStep *step)
{
  switch (dx_scenario_step_get_kind (step))
    {
    case DX_STEP_CONNECT:
      poll_connect (self, step);
      break;
    case DX_STEP_EXPECT_MESSAGE:
      poll_expect_message (self, step);
      break;
    case DX_STEP_EXPECT_NO_MESSAGE:
      poll_expect_no_message (self, step);
      break;
    case DX_STEP_CAPTURE:
      poll_capture (self, step);
      break;
    case DX_STEP_WAIT:
      if (self->timed_out)
        {
          g_autofree char *message = g_strdup_printf (_("Waited %u ms"),
                                                      _dx_runner_scale (self, dx_scenario_step_get_duration (step)));

          _dx_runner_pass (self, message, NULL);
        }
      break;
    case DX_STEP_PING:
      poll_ping (self, step);
      break;
    case DX_STEP_CLOSE:
      poll_close (self, step);
      break;
    case DX_STEP_EXPECT_CLOSE:
      poll_expect_close (self, step);
      break;
    case DX_STEP_SEND:
    default:
      break;
    }
}
