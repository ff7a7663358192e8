/* dx-cli-report-junit.h — the run as JUnit XML, for CI systems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dx-cli-report.h"

G_BEGIN_DECLS

char     *dx_cli_report_to_junit    (DxCliReport  *report);
gboolean  dx_cli_report_write_junit (DxCliReport  *report,
                                     const char   *path,
                                     GError      **error);
void      dx_cli_xml_append_escaped (GString      *out,
                                     const char   *text,
                                     gboolean      attribute);

G_END_DECLS
