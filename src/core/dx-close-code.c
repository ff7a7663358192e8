/* dx-close-code.c — what WebSocket close codes mean (RFC 6455 §7.4 and the
 * IANA registry), so testers read "1009 Message too big", not a number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-close-code.h"

const char *
dx_close_code_get_meaning (guint code)
{
  switch (code)
    {
    case 1000: return _("Normal closure");
    case 1001: return _("Going away");
    case 1002: return _("Protocol error");
    case 1003: return _("Unsupported data");
    case 1005: return _("No status code");
    case 1006: return _("Abnormal closure");
    case 1007: return _("Invalid payload data");
    case 1008: return _("Policy violation");
    case 1009: return _("Message too big");
    case 1010: return _("Mandatory extension missing");
    case 1011: return _("Internal server error");
    case 1012: return _("Service restart");
    case 1013: return _("Try again later");
    case 1014: return _("Bad gateway");
    case 1015: return _("TLS handshake failure");
    default:
      break;
    }

  if (code >= 3000 && code <= 3999)
    return _("Registered code");
  if (code >= 4000 && code <= 4999)
    return _("Application code");
  return _("Unknown code");
}

/**
 * dx_close_code_describe:
 *
 * Returns: "1009 Message too big" or "4001 Application code: “bye”"
 */
char *
dx_close_code_describe (guint       code,
                        const char *reason)
{
  if (reason && reason[0])
    return g_strdup_printf ("%u %s: “%s”", code, dx_close_code_get_meaning (code), reason);
  return g_strdup_printf ("%u %s", code, dx_close_code_get_meaning (code));
}

/* RFC 6455 §5.5: a control frame carries 125 bytes, two of them the code */
#define MAX_CLOSE_REASON 123

/**
 * dx_close_code_check:
 * @reason: (nullable): the close reason to send with @code
 *
 * Checks that a client may send @code with @reason (RFC 6455 §7.4):
 * 1000–1003, 1007–1010 and 3000–4999, and a reason of at most 123 bytes.
 *
 * Returns: %FALSE, with @error saying what to choose instead
 */
gboolean
dx_close_code_check (guint        code,
                     const char  *reason,
                     GError     **error)
{
  gboolean allowed = (code >= 1000 && code <= 1003) ||
                     (code >= 1007 && code <= 1010) ||
                     (code >= 3000 && code <= 4999);

  if (!allowed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%u cannot be sent as a close code: choose 1000–1003, 1007–1010 or "
                     "3000–4999 (1004–1006 and 1015 are reserved, 1011–1014 are for servers)"),
                   code);
      return FALSE;
    }

  if (reason && strlen (reason) > MAX_CLOSE_REASON)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The close reason is %zu bytes long; at most %d fit in a close frame"),
                   strlen (reason), MAX_CLOSE_REASON);
      return FALSE;
    }

  return TRUE;
}
