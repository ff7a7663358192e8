/* dx-payload.c — binary messages written as hex or Base64, or read from a
 * file. A tester types these by hand, so a mistake is named by what was
 * typed and where ("Not hex: “zz” at character 7"), and common ways of
 * writing bytes are accepted: "48 65", "4865", "0x48, 0x65", "48:65";
 * Base64 with line breaks, without padding, or URL-safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-message.h"
#include "dx-payload.h"

G_DEFINE_QUARK (dx-payload-error-quark, dx_payload_error)

/* Shown at most this many characters of a bad piece of input */
#define MAX_QUOTED_CHARS 16

static gboolean
is_hex_separator (char c)
{
  return g_ascii_isspace (c) || c == ',' || c == ':' || c == '-';
}

/* The bad piece of input starting at @p, up to the next separator */
static char *
quote_run (const char *p,
           gboolean  (*is_separator) (char c))
{
  const char *end = p;
  guint n = 0;

  while (*end && !is_separator (*end) && n < MAX_QUOTED_CHARS)
    {
      end = g_utf8_next_char (end);
      n++;
    }

  if (*end && !is_separator (*end))
    return g_strdup_printf ("%.*s…", (int) (end - p), p);
  return g_strndup (p, end - p);
}

static gboolean
check_size (gsize    size,
            GError **error)
{
  g_autofree char *limit = NULL;

  if (size <= DX_PAYLOAD_MAX_SIZE)
    return TRUE;

  limit = dx_format_size (DX_PAYLOAD_MAX_SIZE);
  g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_TOO_LARGE,
               _("The message is larger than %s, the most a message can be"), limit);
  return FALSE;
}

static void
set_position (guint *error_position,
              guint  position)
{
  if (error_position)
    *error_position = position;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/**
 * dx_payload_parse_hex:
 * @text: bytes as pairs of hex digits, separated or not by spaces, commas,
 *   colons or dashes, each pair optionally written 0x…
 * @error_position: (out) (optional): the character where the mistake is,
 *   from 1, or 0 when the error has no place
 *
 * Returns: (transfer full): the bytes, or %NULL with %DX_PAYLOAD_ERROR
 */
GBytes *
dx_payload_parse_hex (const char  *text,
                      guint       *error_position,
                      GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  const char *p = text;
  guint position = 1;

  g_return_val_if_fail (text != NULL, NULL);

  set_position (error_position, 0);
  while (*p)
    {
      const char *digits;
      guint digits_position;
      gsize n;

      if (is_hex_separator (*p))
        {
          p++;
          position++;
          continue;
        }

      if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && g_ascii_isxdigit (p[2]))
        {
          p += 2;
          position += 2;
        }

      digits = p;
      digits_position = position;
      while (g_ascii_isxdigit (*p))
        {
          p++;
          position++;
        }
      n = p - digits;

      if (*p && !is_hex_separator (*p))
        {
          g_autofree char *bad = quote_run (p, is_hex_separator);

          g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID,
                       _("Not hex: “%s” at character %u"), bad, position);
          set_position (error_position, position);
          return NULL;
        }

      if (n % 2 != 0)
        {
          g_autofree char *bad = g_strndup (digits, n);

          g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID,
                       _("Odd number of hex digits: “%s” at character %u; each byte needs two"),
                       bad, digits_position);
          set_position (error_position, digits_position);
          return NULL;
        }

      if (!check_size (bytes->len + n / 2, error))
        return NULL;

      for (gsize i = 0; i < n; i += 2)
        {
          guint8 byte = hex_value (digits[i]) << 4 | hex_value (digits[i + 1]);

          g_byte_array_append (bytes, &byte, 1);
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
is_base64_separator (char c)
{
  return g_ascii_isspace (c) || c == '=';
}

static int
base64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

/**
 * dx_payload_parse_base64:
 * @text: standard or URL-safe Base64; spaces, line breaks and a missing
 *   padding are fine
 * @error_position: (out) (optional): as for dx_payload_parse_hex()
 *
 * Returns: (transfer full): the bytes, or %NULL with %DX_PAYLOAD_ERROR
 */
GBytes *
dx_payload_parse_base64 (const char  *text,
                         guint       *error_position,
                         GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  const char *p;
  guint position = 1;
  guint padding_position = 0;
  guint last_group_position = 0;
  gsize n_digits = 0, n_padding = 0;
  guint32 group = 0;

  g_return_val_if_fail (text != NULL, NULL);

  set_position (error_position, 0);
  for (p = text; *p; p = g_utf8_next_char (p), position++)
    {
      int value;

      if (g_ascii_isspace (*p))
        continue;

      if (*p == '=')
        {
          if (n_padding++ == 0)
            padding_position = position;
          continue;
        }

      value = base64_value (*p);
      if (value < 0)
        {
          g_autofree char *bad = quote_run (p, is_base64_separator);

          g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID,
                       _("Not Base64: “%s” at character %u"), bad, position);
          set_position (error_position, position);
          return NULL;
        }

      if (n_padding > 0)
        {
          g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID,
                       _("Base64 padding “=” at character %u comes before the end"), padding_position);
          set_position (error_position, padding_position);
          return NULL;
        }

      if (n_digits % 4 == 0)
        last_group_position = position;
      group = group << 6 | value;
      n_digits++;

      if (n_digits % 4 == 0)
        {
          guint8 out[3] = { group >> 16, group >> 8, group };

          if (!check_size (bytes->len + 3, error))
            return NULL;
          g_byte_array_append (bytes, out, 3);
          group = 0;
        }
    }

  switch (n_digits % 4)
    {
    case 1:
      g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID,
                   _("Incomplete Base64: the last group, at character %u, has one character; it needs at least two"),
                   last_group_position);
      set_position (error_position, last_group_position);
      return NULL;
    case 2:
      {
        guint8 out = group >> 4;

        g_byte_array_append (bytes, &out, 1);
      }
      break;
    case 3:
      {
        guint8 out[2] = { group >> 10, group >> 2 };

        g_byte_array_append (bytes, out, 2);
      }
      break;
    default:
      break;
    }

  if (n_padding > 0 && ((n_digits + n_padding) % 4 != 0 || n_padding > 2))
    {
      g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID,
                   _("Wrong Base64 padding at character %u: a group of four ends with at most two “=”"),
                   padding_position);
      set_position (error_position, padding_position);
      return NULL;
    }

  if (!check_size (bytes->len, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * dx_payload_parse:
 * @error_position: (out) (optional): as for dx_payload_parse_hex()
 *
 * Returns: (transfer full): the bytes @text stands for in @format, or
 *   %NULL with %DX_PAYLOAD_ERROR
 */
GBytes *
dx_payload_parse (DxPayloadFormat   format,
                  const char       *text,
                  guint            *error_position,
                  GError          **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (format == DX_PAYLOAD_FORMAT_BASE64)
    return dx_payload_parse_base64 (text, error_position, error);
  return dx_payload_parse_hex (text, error_position, error);
}

/**
 * dx_payload_format:
 *
 * Returns: (transfer full): @payload written in @format, the way
 *   dx_payload_parse() reads it back: hex as spaced pairs, 16 a line
 */
char *
dx_payload_format (DxPayloadFormat  format,
                   GBytes          *payload)
{
  const guint8 *data;
  gsize size;
  GString *text;

  g_return_val_if_fail (payload != NULL, NULL);

  data = g_bytes_get_data (payload, &size);
  if (format == DX_PAYLOAD_FORMAT_BASE64)
    return g_base64_encode (data, size);

  text = g_string_sized_new (size * 3);
  for (gsize i = 0; i < size; i++)
    {
      if (i > 0)
        g_string_append_c (text, i % 16 == 0 ? '\n' : ' ');
      g_string_append_printf (text, "%02x", data[i]);
    }
  return g_string_free (text, FALSE);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name ? name : "");
}

/**
 * dx_payload_load_file:
 *
 * Reads a whole file as one binary message, at most DX_PAYLOAD_MAX_SIZE.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with an error that
 *   names the file
 */
GBytes *
dx_payload_load_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  guint8 buffer[64 * 1024];

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = dup_display_name (file);
  stream = g_file_read (file, cancellable, &local_error);

  /* Read one byte past the limit, so that a file that does not tell its
   * size (a pipe, /dev/zero) is stopped too */
  while (stream != NULL)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                      cancellable, &local_error);

      if (n < 0)
        break;
      if (n == 0)
        return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));

      g_byte_array_append (bytes, buffer, n);
      if (bytes->len > DX_PAYLOAD_MAX_SIZE)
        {
          g_autofree char *limit = dx_format_size (DX_PAYLOAD_MAX_SIZE);

          g_set_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_TOO_LARGE,
                       _("“%s” is larger than %s, the most a message can be"), name, limit);
          return NULL;
        }
    }

  g_set_error (error, local_error->domain, local_error->code,
               _("Could not read “%s”: %s"), name, local_error->message);
  return NULL;
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = dx_payload_load_file (task_data, cancellable, &error);

  if (bytes)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/**
 * dx_payload_load_file_async:
 *
 * dx_payload_load_file() on a worker thread.
 */
void
dx_payload_load_file_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dx_payload_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

/**
 * dx_payload_load_file_finish:
 *
 * Returns: (transfer full): the file's bytes, or %NULL with an error
 */
GBytes *
dx_payload_load_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
