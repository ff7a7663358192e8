/* dx-cli-test-util.h — what the duplex-cli test programs share: running
 * the real binary, fixtures, temporary folders, reading reports back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Debian's interpreter, as the interop tests use: python3 on PATH may be
 * one that cannot see Debian's python3-websockets. */
#define DX_CLI_TEST_PYTHON "/usr/bin/python3"

typedef struct {
  int   status;
  char *out;
  char *err;
} DxCliResult;

void        dx_cli_result_clear         (DxCliResult  *result);

char       *dx_cli_test_binary          (void);
char       *dx_cli_test_fixture         (const char   *name);
void        dx_cli_test_run             (DxCliResult  *result,
                                         const char   *first,
                                         ...) G_GNUC_NULL_TERMINATED;
void        dx_cli_test_assert_contains (const char   *haystack,
                                         const char   *needle);
char       *dx_cli_test_make_dir        (void);
void        dx_cli_test_remove_dir      (const char   *dir);
JsonObject *dx_cli_test_load_json       (JsonParser   *parser,
                                         const char   *path);
JsonObject *dx_cli_test_check_junit     (JsonParser   *parser,
                                         const char   *path);
JsonObject *dx_cli_test_member          (JsonObject   *object,
                                         const char   *member,
                                         guint         index);
const char *dx_cli_test_step_text       (JsonObject   *step,
                                         const char   *member);
void        dx_cli_test_exited_cb       (GObject      *source,
                                         GAsyncResult *result,
                                         gpointer      data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DxCliResult, dx_cli_result_clear)

G_END_DECLS
