/* dx-matcher-describe.c — matchers and messages in words: the one-line
 * summary for lists, and the "expected …, got …" of a failure, with long
 * messages shortened and binary ones shown as hex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-matcher-private.h"

/* How much of a message or value a failure text quotes */
#define QUOTE_MAX_CHARS 160
#define QUOTE_MAX_BYTES 48

char *
_dx_matcher_quote_text (const char *text,
                        gsize       length)
{
  const char *end = text;
  glong n = 0;

  while (end < text + length && n < QUOTE_MAX_CHARS)
    {
      end = g_utf8_next_char (end);
      n++;
    }
  if (end < text + length)
    return g_strdup_printf ("“%.*s…” (%zu bytes)", (int) (end - text), text, length);
  return g_strdup_printf ("“%.*s”", (int) length, text);
}

char *
_dx_matcher_quote_bytes (const guint8 *data,
                         gsize         size)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; i < size && i < QUOTE_MAX_BYTES; i++)
    g_string_append_printf (out, i ? " %02x" : "%02x", data[i]);
  if (size > QUOTE_MAX_BYTES)
    g_string_append (out, " …");
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu byte: %s", "%zu bytes: %s", size),
                          size, out->str);
}

gboolean
_dx_matcher_is_text (const char *data,
                     gsize       size)
{
  return g_utf8_validate (data, size, NULL) && memchr (data, '\0', size) == NULL;
}

/**
 * dx_matcher_describe_payload:
 *
 * Returns: (transfer full): how failure texts quote a payload: text in
 *   quotes (shortened), anything else as its first bytes in hex
 */
char *
dx_matcher_describe_payload (DxMessageKind  kind,
                             GBytes        *payload)
{
  gsize size;
  const char *data = g_bytes_get_data (payload, &size);

  g_autofree char *quoted = NULL;

  if (data == NULL)
    data = "";
  if (kind != DX_MESSAGE_KIND_BINARY && _dx_matcher_is_text (data, size))
    return _dx_matcher_quote_text (data, size);
  if (_dx_matcher_is_text (data, size) && size > 0)
    {
      quoted = _dx_matcher_quote_text (data, size);
      return g_strdup_printf (_("binary %s"), quoted);
    }
  quoted = _dx_matcher_quote_bytes ((const guint8 *) data, size);
  return g_strdup_printf (_("binary, %s"), quoted);
}

static char *
quote_value (const char *value)
{
  return _dx_matcher_quote_text (value, strlen (value));
}

/* The expectation, for "expected …, got …": phrased to follow "expected" */
char *
_dx_matcher_dup_expectation (DxMatcher  *self,
                             const char *value)
{
  g_autofree char *quoted = quote_value (value);

  switch (dx_matcher_get_kind (self))
    {
    case DX_MATCHER_EQUALS:
      return g_strdup_printf (_("the message to equal %s"), quoted);
    case DX_MATCHER_CONTAINS:
      return g_strdup_printf (_("the message to contain %s"), quoted);
    case DX_MATCHER_REGEX:
      return g_strdup_printf (_("the message to match /%s/"), value);
    case DX_MATCHER_JSON_EQUALS:
      return g_strdup_printf (_("JSON equal to %s"), value);
    case DX_MATCHER_BINARY_EQUALS:
      return g_strdup_printf (_("the bytes %s"), value);
    case DX_MATCHER_SIZE:
      {
        g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, dx_matcher_get_size (self));
        g_autofree char *bytes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes",
                                                               dx_matcher_get_size (self)),
                                                  number);

        switch (dx_matcher_get_size_op (self))
          {
          case DX_SIZE_OP_EQ: return g_strdup_printf (_("a payload of exactly %s"), bytes);
          case DX_SIZE_OP_LT: return g_strdup_printf (_("a payload smaller than %s"), bytes);
          case DX_SIZE_OP_LE: return g_strdup_printf (_("a payload of at most %s"), bytes);
          case DX_SIZE_OP_GT: return g_strdup_printf (_("a payload larger than %s"), bytes);
          case DX_SIZE_OP_GE: return g_strdup_printf (_("a payload of at least %s"), bytes);
          default: g_assert_not_reached ();
          }
      }
    case DX_MATCHER_JSONPATH:
      switch (dx_matcher_get_path_op (self))
        {
        case DX_PATH_OP_EXISTS:
          return g_strdup_printf (_("JSON path %s to exist"), dx_matcher_get_path (self));
        case DX_PATH_OP_EQUALS:
          return g_strdup_printf (_("JSON path %s to equal %s"), dx_matcher_get_path (self), value);
        case DX_PATH_OP_MATCHES:
          return g_strdup_printf (_("JSON path %s to match /%s/"), dx_matcher_get_path (self), value);
        case DX_PATH_OP_IS_TYPE:
          return g_strdup_printf (_("JSON path %s to be of type %s"), dx_matcher_get_path (self), value);
        default:
          g_assert_not_reached ();
        }
    default:
      g_assert_not_reached ();
    }
}

/**
 * dx_matcher_dup_summary:
 *
 * Returns: (transfer full): the matcher in a few words, for lists:
 *   "$.type equals "pong"", "contains “ok”", "size ≤ 1024 bytes"
 */
char *
dx_matcher_dup_summary (DxMatcher *self)
{
  g_autofree char *quoted = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (DX_IS_MATCHER (self), NULL);

  quoted = quote_value (dx_matcher_get_value (self));
  switch (dx_matcher_get_kind (self))
    {
    case DX_MATCHER_EQUALS:
      summary = g_strdup_printf (_("equals %s"), quoted);
      break;
    case DX_MATCHER_CONTAINS:
      summary = g_strdup_printf (_("contains %s"), quoted);
      break;
    case DX_MATCHER_REGEX:
      summary = g_strdup_printf (_("matches /%s/"), dx_matcher_get_value (self));
      break;
    case DX_MATCHER_JSON_EQUALS:
      summary = g_strdup_printf (_("JSON equals %s"), dx_matcher_get_value (self));
      break;
    case DX_MATCHER_BINARY_EQUALS:
      summary = g_strdup_printf (_("bytes are %s"), dx_matcher_get_value (self));
      break;
    case DX_MATCHER_SIZE:
      {
        static const char * const signs[] = { "=", "<", "≤", ">", "≥" };
        g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, dx_matcher_get_size (self));

        summary = g_strdup_printf (_("size %s %s bytes"), signs[dx_matcher_get_size_op (self)], number);
      }
      break;
    case DX_MATCHER_JSONPATH:
      switch (dx_matcher_get_path_op (self))
        {
        case DX_PATH_OP_EXISTS:
          summary = g_strdup_printf (_("%s exists"), dx_matcher_get_path (self));
          break;
        case DX_PATH_OP_EQUALS:
          summary = g_strdup_printf (_("%s equals %s"), dx_matcher_get_path (self), dx_matcher_get_value (self));
          break;
        case DX_PATH_OP_MATCHES:
          summary = g_strdup_printf (_("%s matches /%s/"), dx_matcher_get_path (self), dx_matcher_get_value (self));
          break;
        case DX_PATH_OP_IS_TYPE:
          summary = g_strdup_printf (_("%s is of type %s"), dx_matcher_get_path (self), dx_matcher_get_value (self));
          break;
        default:
          g_assert_not_reached ();
        }
      break;
    default:
      g_assert_not_reached ();
    }

  if (dx_matcher_get_negate (self))
    return g_strdup_printf (_("not: %s"), summary);
  return g_steal_pointer (&summary);
}
