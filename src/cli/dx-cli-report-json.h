/* dx-cli-report-json.h — the run as a JSON document, for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dx-cli-report.h"

G_BEGIN_DECLS

/* The "version" of the report's structure; raised only when a key changes
 * meaning or type. */
#define DX_CLI_REPORT_JSON_VERSION 1

char     *dx_cli_report_to_json    (DxCliReport  *report);
gboolean  dx_cli_report_write_json (DxCliReport  *report,
                                    const char   *path,
                                    GError      **error);

G_END_DECLS
