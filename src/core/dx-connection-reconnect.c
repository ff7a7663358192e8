/* dx-connection-reconnect.c — trying again after an unasked-for close
 *
 * After a close or failure the tester did not ask for, the session's
 * reconnect-attempts and reconnect-delay apply. A connection that stayed
 * open RECONNECT_STABLE_S starts a fresh count, so a server that accepts
 * and at once closes is not retried forever. A close or connect of the
 * tester's own ends the run of attempts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-connection-private.h"

#define RECONNECT_STABLE_S    10

void
_dx_connection_cancel_reconnect (DxConnection *self)
{
  if (self->reconnect_source == NULL)
    return;
  g_source_destroy (self->reconnect_source);
  g_clear_pointer (&self->reconnect_source, g_source_unref);
}

static gboolean
reconnect_cb (gpointer data)
{
  DxConnection *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->reconnect_source, g_source_unref);

  /* What cannot even be tried (a variable removed meanwhile, say) will
   * not get better by trying again. */
  if (!_dx_connection_start_connecting (self, &error))
    {
      _dx_connection_set_error_message (self, error->message);
      _dx_connection_add_event (self, DX_MESSAGE_KIND_ERROR, error->message);
      self->reconnect_attempt = 0;
      _dx_connection_set_reconnecting (self, FALSE);
    }

  return G_SOURCE_REMOVE;
}

/* After a close or failure the tester did not ask for */
void
_dx_connection_maybe_reconnect (DxConnection *self)
{
  guint attempts = dx_session_get_reconnect_attempts (self->session);
  guint delay = dx_session_get_reconnect_delay (self->session);
  g_autofree char *text = NULL;
  g_autoptr(GMainContext) context = NULL;

  if (self->stopped_by_user || attempts == 0)
    {
      _dx_connection_set_reconnecting (self, FALSE);
      return;
    }

  if (self->opened_at_us != 0 &&
      g_get_monotonic_time () - self->opened_at_us >= RECONNECT_STABLE_S * G_USEC_PER_SEC)
    self->reconnect_attempt = 0;
  self->opened_at_us = 0;

  if (self->reconnect_attempt >= attempts)
    {
      text = g_strdup_printf (ngettext ("Gave up reconnecting after %u attempt",
                                        "Gave up reconnecting after %u attempts", attempts),
                              attempts);
      _dx_connection_add_event (self, DX_MESSAGE_KIND_ERROR, text);
      self->reconnect_attempt = 0;
      _dx_connection_set_reconnecting (self, FALSE);
      return;
    }

  self->reconnect_attempt++;
  text = g_strdup_printf (_("Reconnecting in %u s (attempt %u of %u)"),
                          delay, self->reconnect_attempt, attempts);
  _dx_connection_add_event (self, DX_MESSAGE_KIND_STATE, text);

  _dx_connection_cancel_reconnect (self);
  context = g_main_context_ref_thread_default ();
  self->reconnect_source = g_timeout_source_new (delay * 1000);
  g_source_set_callback (self->reconnect_source, reconnect_cb, self, NULL);
  g_source_set_static_name (self->reconnect_source, "[duplex] reconnect");
  g_source_attach (self->reconnect_source, context);
  _dx_connection_set_reconnecting (self, TRUE);
}
