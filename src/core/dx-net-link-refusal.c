/* dx-net-link-refusal.c — the body of a refused handshake
 *
 * libsoup 3 reads the body of an answer other than 101 and drops it; only
 * a SoupLogger on the session sees it. The logger prints the answers of
 * our connection attempts that are not 101, line by line, each answer
 * headed by a "Soup-Debug: SoupMessage N (0x...)" line that says whose it
 * is; the body lines are gathered on that message for connect_done_cb.
 * All of it happens on the network thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "dx-net-link-private.h"
#include "dx-net-thread.h"

#define MAX_REFUSAL_BODY (64 * 1024)

static GHashTable  *body_wanted;     /* SoupMessage, of attempts under way */
static SoupMessage *body_printing;   /* the message the logger is printing */
static guint        body_lines;      /* of it, so far */

static SoupLoggerLogLevel
body_filter_cb (SoupLogger  *logger,
                SoupMessage *message,
                gpointer     data)
{
  guint status = soup_message_get_status (message);

  if (status >= 200 && g_hash_table_contains (body_wanted, message))
    return SOUP_LOGGER_LOG_BODY;
  return SOUP_LOGGER_LOG_NONE;
}

static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

static void
body_printer_cb (SoupLogger         *logger,
                 SoupLoggerLogLevel  level,
                 char                direction,
                 const char         *data,
                 gpointer            user_data)
{
  GString *body;

  if (direction != '<')
    return;

  if (g_str_has_prefix (data, "Soup-Debug: "))
    {
      const char *open = strrchr (data, '(');
      gpointer pointer = NULL;

      body_printing = NULL;
      if (open && sscanf (open, "(%p)", &pointer) == 1 && g_hash_table_contains (body_wanted, pointer))
        {
          body_printing = pointer;
          body_lines = 0;
          g_object_set_data_full (G_OBJECT (body_printing), "dx-response-body",
                                  g_string_new (NULL), free_string);
        }
      return;
    }

  if (level != SOUP_LOGGER_LOG_BODY || body_printing == NULL)
    return;

  /* The body comes line by line after an empty one */
  body = g_object_get_data (G_OBJECT (body_printing), "dx-response-body");
  if (body_lines++ == 0)
    return;
  if (body_lines > 2)
    g_string_append_c (body, '\n');
  g_string_append (body, data);
}

void
_dx_net_link_watch_refusal_body (SoupMessage *message)
{
  if (body_wanted == NULL)
    {
      SoupLogger *logger = soup_logger_new (SOUP_LOGGER_LOG_BODY);

      body_wanted = g_hash_table_new (NULL, NULL);
      soup_logger_set_max_body_size (logger, MAX_REFUSAL_BODY);
      soup_logger_set_request_filter (logger, body_filter_cb, NULL, NULL);
      soup_logger_set_response_filter (logger, body_filter_cb, NULL, NULL);
      soup_logger_set_printer (logger, body_printer_cb, NULL, NULL);
      soup_session_add_feature (dx_net_thread_get_session (), SOUP_SESSION_FEATURE (logger));
      g_object_unref (logger);
    }
  g_hash_table_add (body_wanted, message);
}

/* Returns: (transfer full) (nullable): the body of a refused handshake */
GBytes *
_dx_net_link_take_refusal_body (SoupMessage *message)
{
  GString *body;

  g_hash_table_remove (body_wanted, message);
  if (body_printing == message)
    body_printing = NULL;

  body = g_object_steal_data (G_OBJECT (message), "dx-response-body");
  if (body == NULL)
    return NULL;
  return g_string_free_to_bytes (body);
}
