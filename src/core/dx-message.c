/* dx-message.c — one history entry
 *
 * An immutable value: DxHistory keeps its entries in compact storage and
 * makes DxMessage objects only for the rows somebody looks at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-message.h"

struct _DxMessage
{
  GObject        parent_instance;
  GBytes        *payload;
  gint64         wall_time_us;
  gint64         monotonic_time_us;
  DxDirection    direction;
  DxMessageKind  kind;
};

G_DEFINE_FINAL_TYPE (DxMessage, dx_message, G_TYPE_OBJECT)

GType
dx_direction_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { DX_DIRECTION_SENT, "DX_DIRECTION_SENT", "sent" },
    { DX_DIRECTION_RECEIVED, "DX_DIRECTION_RECEIVED", "received" },
    { DX_DIRECTION_EVENT, "DX_DIRECTION_EVENT", "event" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxDirection", values));
  return type;
}

GType
dx_message_kind_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { DX_MESSAGE_KIND_TEXT, "DX_MESSAGE_KIND_TEXT", "text" },
    { DX_MESSAGE_KIND_BINARY, "DX_MESSAGE_KIND_BINARY", "binary" },
    { DX_MESSAGE_KIND_PING, "DX_MESSAGE_KIND_PING", "ping" },
    { DX_MESSAGE_KIND_PONG, "DX_MESSAGE_KIND_PONG", "pong" },
    { DX_MESSAGE_KIND_CLOSE, "DX_MESSAGE_KIND_CLOSE", "close" },
    { DX_MESSAGE_KIND_OPEN, "DX_MESSAGE_KIND_OPEN", "open" },
    { DX_MESSAGE_KIND_ERROR, "DX_MESSAGE_KIND_ERROR", "error" },
    { DX_MESSAGE_KIND_STATE, "DX_MESSAGE_KIND_STATE", "state" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxMessageKind", values));
  return type;
}

static void
dx_message_finalize (GObject *object)
{
  DxMessage *self = DX_MESSAGE (object);

  g_clear_pointer (&self->payload, g_bytes_unref);

  G_OBJECT_CLASS (dx_message_parent_class)->finalize (object);
}

static void
dx_message_class_init (DxMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dx_message_finalize;
}

static void
dx_message_init (DxMessage *self)
{
}

DxMessage *
dx_message_new (DxDirection    direction,
                DxMessageKind  kind,
                GBytes        *payload,
                gint64         wall_time_us,
                gint64         monotonic_time_us)
{
  DxMessage *self = g_object_new (DX_TYPE_MESSAGE, NULL);

  self->direction = direction;
  self->kind = kind;
  self->payload = payload ? g_bytes_ref (payload) : g_bytes_new_static ("", 0);
  self->wall_time_us = wall_time_us;
  self->monotonic_time_us = monotonic_time_us;

  return self;
}

DxMessage *
dx_message_new_now (DxDirection    direction,
                    DxMessageKind  kind,
                    GBytes        *payload)
{
  return dx_message_new (direction, kind, payload,
                         g_get_real_time (), g_get_monotonic_time ());
}

DxMessage *
dx_message_new_event (DxMessageKind  kind,
                      const char    *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return dx_message_new_now (DX_DIRECTION_EVENT, kind, bytes);
}

DxDirection
dx_message_get_direction (DxMessage *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE (self), DX_DIRECTION_EVENT);
  return self->direction;
}

DxMessageKind
dx_message_get_kind (DxMessage *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE (self), DX_MESSAGE_KIND_TEXT);
  return self->kind;
}

/**
 * dx_message_get_payload:
 *
 * Returns: (transfer none): the payload exactly as sent or received
 */
GBytes *
dx_message_get_payload (DxMessage *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE (self), NULL);
  return self->payload;
}

gsize
dx_message_get_size (DxMessage *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE (self), 0);
  return g_bytes_get_size (self->payload);
}

gint64
dx_message_get_wall_time (DxMessage *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE (self), 0);
  return self->wall_time_us;
}

gint64
dx_message_get_monotonic_time (DxMessage *self)
{
  g_return_val_if_fail (DX_IS_MESSAGE (self), 0);
  return self->monotonic_time_us;
}

/**
 * dx_message_dup_text:
 *
 * Returns: the payload as a string, with invalid UTF-8 replaced, so that it
 *   can always be shown
 */
char *
dx_message_dup_text (DxMessage *self)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (DX_IS_MESSAGE (self), NULL);

  data = g_bytes_get_data (self->payload, &size);
  return g_utf8_make_valid (data ? data : "", size);
}

/**
 * dx_message_dup_preview:
 * @max_chars: how many characters at most
 *
 * Returns: one line that stands for the payload: text with its line breaks
 *   shown as ⏎, binary as the hex of its first bytes
 */
char *
dx_message_dup_preview (DxMessage *self,
                        guint      max_chars)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (DX_IS_MESSAGE (self), NULL);

  data = g_bytes_get_data (self->payload, &size);

  if (self->kind == DX_MESSAGE_KIND_BINARY)
    {
      gsize n = MIN (size, max_chars / 3);

      for (gsize i = 0; i < n; i++)
        g_string_append_printf (out, "%s%02x", i ? " " : "", data[i]);
      if (n < size)
        g_string_append (out, " …");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  else
    {
      /* Only look at as many bytes as can make max_chars characters */
      gsize scan = MIN (size, (gsize) max_chars * 4 + 4);
      g_autofree char *text = g_utf8_make_valid (data ? (const char *) data : "", scan);
      guint chars = 0;

      for (const char *p = text; *p && chars < max_chars; p = g_utf8_next_char (p), chars++)
        {
          gunichar c = g_utf8_get_char (p);

          if (c == '\n')
            g_string_append (out, "⏎ ");
          else if (c == '\r' || c == '\t')
            g_string_append_c (out, ' ');
          else if (g_unichar_iscntrl (c))
            g_string_append (out, "�");
          else
            g_string_append_unichar (out, c);
        }
      if (chars >= max_chars || scan < size)
        g_string_append (out, "…");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
}

/**
 * dx_message_format_time:
 *
 * Returns: the local wall-clock time with milliseconds, "14:03:07.412"
 */
char *
dx_message_format_time (DxMessage *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *hms = NULL;

  g_return_val_if_fail (DX_IS_MESSAGE (self), NULL);

  dt = g_date_time_new_from_unix_local (self->wall_time_us / G_USEC_PER_SEC);
  hms = g_date_time_format (dt, "%H:%M:%S");
  return g_strdup_printf ("%s.%03d", hms, (int) ((self->wall_time_us / 1000) % 1000));
}

/**
 * dx_format_duration:
 *
 * Returns: how long something took, as testers read it: "12 ms" under a
 *   second, "1.2 s" from there
 */
char *
dx_format_duration (gint64 duration_us)
{
  if (duration_us < G_USEC_PER_SEC)
    return g_strdup_printf (_("%d ms"), (int) (duration_us / 1000));

  return g_strdup_printf (_("%.1f s"), duration_us / (double) G_USEC_PER_SEC);
}

char *
dx_format_size (guint64 size)
{
  if (size < 1024)
    return g_strdup_printf (ngettext ("%u byte", "%u bytes", (gulong) size), (guint) size);
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}
