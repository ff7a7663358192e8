/* test-payload.c — binary messages typed as hex or Base64 or read from a
 * file: what is accepted, and how a mistake is named; JSON pretty-printing
 * and minifying
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dx-json.h"
#include "dx-payload.h"

static void
assert_bytes (GBytes     *bytes,
              const void *expected,
              gsize       expected_size)
{
  gsize size;
  const void *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpmem (data, size, expected, expected_size);
}

static void
assert_hex (const char *text,
            const void *expected,
            gsize       expected_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = dx_payload_parse_hex (text, NULL, &error);

  g_assert_no_error (error);
  assert_bytes (bytes, expected, expected_size);
}

static void
assert_fails (DxPayloadFormat  format,
              const char      *text,
              const char      *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) place = g_regex_new ("at character (\\d+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;
  guint position = G_MAXUINT;
  g_autoptr(GBytes) bytes = dx_payload_parse (format, text, &position, &error);

  g_assert_null (bytes);
  /* The position given to the caller is the one the message names */
  g_assert_true (g_regex_match (place, message, 0, &match));
  number = g_match_info_fetch (match, 1);
  g_assert_cmpuint (position, ==, g_ascii_strtoull (number, NULL, 10));
  g_assert_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_hex (void)
{
  assert_hex ("", "", 0);
  assert_hex ("48656c6c6f", "Hello", 5);
  assert_hex ("48 65 6C 6c 6F", "Hello", 5);
  assert_hex ("0x48, 0x65,0X6c", "Hel", 3);
  assert_hex ("48:65-6c\n\t6c 6f\n", "Hello", 5);
  assert_hex ("00 ff 80 c3 28", "\0\xff\x80\xc3\x28", 5);
}

static void
test_hex_errors (void)
{
  assert_fails (DX_PAYLOAD_FORMAT_HEX, "41 42 zz 43", "Not hex: “zz” at character 7");
  assert_fails (DX_PAYLOAD_FORMAT_HEX, "4142g", "Not hex: “g” at character 5");
  assert_fails (DX_PAYLOAD_FORMAT_HEX, "41 é2", "Not hex: “é2” at character 4");
  assert_fails (DX_PAYLOAD_FORMAT_HEX, "41 424 43",
                "Odd number of hex digits: “424” at character 4; each byte needs two");
  assert_fails (DX_PAYLOAD_FORMAT_HEX, "4",
                "Odd number of hex digits: “4” at character 1; each byte needs two");
  assert_fails (DX_PAYLOAD_FORMAT_HEX, "00 abcdefghijklmnopqrstuvwxyz",
                "Not hex: “ghijklmnopqrstuv…” at character 10");
}

static void
test_base64 (void)
{
  struct {
    const char *text;
    const char *expected;
    gsize       size;
  } cases[] = {
    { "", "", 0 },
    { "SGVsbG8=", "Hello", 5 },
    { "SGVsbG8", "Hello", 5 },
    { "SGVs\nbG8h\n", "Hello!", 6 },
    { "AP+Awyg=", "\0\xff\x80\xc3\x28", 5 },
    { "AP-Awyg", "\0\xff\x80\xc3\x28", 5 },
    { "_w==", "\xff", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dx_payload_parse_base64 (cases[i].text, NULL, &error);

      g_assert_no_error (error);
      assert_bytes (bytes, cases[i].expected, cases[i].size);
    }
}

static void
test_base64_errors (void)
{
  assert_fails (DX_PAYLOAD_FORMAT_BASE64, "SGVs bG8*", "Not Base64: “*” at character 9");
  assert_fails (DX_PAYLOAD_FORMAT_BASE64, "SG=VsbG8",
                "Base64 padding “=” at character 3 comes before the end");
  assert_fails (DX_PAYLOAD_FORMAT_BASE64, "SGVsb",
                "Incomplete Base64: the last group, at character 5, has one character; it needs at least two");
  assert_fails (DX_PAYLOAD_FORMAT_BASE64, "SGVsbG8==",
                "Wrong Base64 padding at character 8: a group of four ends with at most two “=”");
}

static void
test_format_round_trip (void)
{
  guint8 data[300];
  g_autoptr(GBytes) payload = NULL;

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (i * 7) & 0xff;
  payload = g_bytes_new (data, sizeof data);

  for (DxPayloadFormat format = DX_PAYLOAD_FORMAT_HEX; format <= DX_PAYLOAD_FORMAT_BASE64; format++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = dx_payload_format (format, payload);
      g_autoptr(GBytes) back = dx_payload_parse (format, text, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (back, payload));
    }

  {
    g_autoptr(GBytes) three = g_bytes_new ("\x01\xab\0", 3);
    g_autofree char *hex = dx_payload_format (DX_PAYLOAD_FORMAT_HEX, three);

    g_assert_cmpstr (hex, ==, "01 ab 00");
  }
}

static void
test_too_large (void)
{
  gsize digits = (DX_PAYLOAD_MAX_SIZE + 1) * 2;
  g_autofree char *text = g_malloc (digits + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  memset (text, 'a', digits);
  text[digits] = '\0';
  bytes = dx_payload_parse_hex (text, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The message is larger than 16.0\u00a0MiB, the most a message can be");
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dx-payload-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "frame.bin", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/missing.bin");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *zeros = g_malloc0 (DX_PAYLOAD_MAX_SIZE + 1);

  g_assert_no_error (error);
  g_file_set_contents (path, "\0\xff\xfe text", 8, &error);
  g_assert_no_error (error);
  bytes = dx_payload_load_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, "\0\xff\xfe text", 8);

  g_assert_null (dx_payload_load_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not read “missing.bin”: "));
  g_clear_error (&error);

  g_file_set_contents (big_path, zeros, DX_PAYLOAD_MAX_SIZE + 1, &error);
  g_assert_no_error (error);
  g_assert_null (dx_payload_load_file (big, NULL, &error));
  g_assert_error (error, DX_PAYLOAD_ERROR, DX_PAYLOAD_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "“big.bin” is larger than 16.0\u00a0MiB, the most a message can be");
  g_clear_error (&error);

  g_unlink (path);
  g_unlink (big_path);
  g_rmdir (dir);
}

static void
test_json_pretty_minify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pretty = dx_json_pretty ("{\"id\":1,\"tags\":[\"a\",\"b\"],\"name\":\"Ann é\"}", &error);
  g_autofree char *minified = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"id\" : 1,\n"
                   "  \"tags\" : [\n"
                   "    \"a\",\n"
                   "    \"b\"\n"
                   "  ],\n"
                   "  \"name\" : \"Ann é\"\n"
                   "}");

  minified = dx_json_minify (pretty, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (minified, ==, "{\"id\":1,\"tags\":[\"a\",\"b\"],\"name\":\"Ann é\"}");

  bad = dx_json_pretty ("{\"id\": }", &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Invalid JSON at line 1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dx/payload/hex", test_hex);
  g_test_add_func ("/dx/payload/hex-errors", test_hex_errors);
  g_test_add_func ("/dx/payload/base64", test_base64);
  g_test_add_func ("/dx/payload/base64-errors", test_base64_errors);
  g_test_add_func ("/dx/payload/format-round-trip", test_format_round_trip);
  g_test_add_func ("/dx/payload/too-large", test_too_large);
  g_test_add_func ("/dx/payload/load-file", test_load_file);
  g_test_add_func ("/dx/json/pretty-minify", test_json_pretty_minify);

  return g_test_run ();
}
