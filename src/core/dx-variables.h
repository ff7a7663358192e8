/* dx-variables.h — {{name}} in URLs, headers and messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DX_VARIABLES_ERROR (dx_variables_error_quark ())
GQuark dx_variables_error_quark (void);

typedef enum {
  DX_VARIABLES_ERROR_UNDEFINED,
  DX_VARIABLES_ERROR_CYCLE,
  DX_VARIABLES_ERROR_TOO_DEEP,
} DxVariablesError;

/* How deep variables may use variables in their values */
#define DX_VARIABLES_MAX_DEPTH 10

char     *dx_variables_expand         (GListModel  *variables,
                                       const char  *text,
                                       GError     **error);
gboolean  dx_variables_has_references (const char  *text);

G_END_DECLS
