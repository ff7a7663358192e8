/* dx-hexdump.c — binary payloads as offset / hex / ASCII lines, the way
 * `hexdump -C` prints them, so testers can compare the two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-hexdump.h"

#define BYTES_PER_LINE 16

/**
 * dx_hexdump:
 * @data: (array length=size) (nullable): the bytes
 * @max_bytes: dump at most this many bytes (0: all); a dump of a few
 *   megabytes is more than anybody reads, and more than a text view lays
 *   out quickly
 *
 * Returns: lines like
 *   `00000000  48 65 6c 6c 6f 00 ff 41  42 43 0a              |Hello..ABC.|`
 *   and a last line with the offset after the last byte shown
 */
char *
dx_hexdump (const guint8 *data,
            gsize         size,
            gsize         max_bytes)
{
  gsize shown = max_bytes && size > max_bytes ? max_bytes : size;
  GString *out = g_string_sized_new ((shown / BYTES_PER_LINE + 2) * 80);

  for (gsize line = 0; line < shown; line += BYTES_PER_LINE)
    {
      gsize n = MIN (BYTES_PER_LINE, shown - line);

      g_string_append_printf (out, "%08" G_GSIZE_MODIFIER "x  ", line);
      for (gsize i = 0; i < BYTES_PER_LINE; i++)
        {
          if (i < n)
            g_string_append_printf (out, "%02x ", data[line + i]);
          else
            g_string_append (out, "   ");
          if (i == 7)
            g_string_append_c (out, ' ');
        }
      g_string_append (out, " |");
      for (gsize i = 0; i < n; i++)
        {
          guint8 c = data[line + i];

          g_string_append_c (out, c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
      g_string_append (out, "|\n");
    }

  /* Like hexdump -C, the offset after the last byte shown ends the dump */
  g_string_append_printf (out, "%08" G_GSIZE_MODIFIER "x\n", shown);

  return g_string_free (out, FALSE);
}
