/* dx-variables-window.h — edits the workspace's variables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dx-workspace.h"

G_BEGIN_DECLS

#define DX_TYPE_VARIABLES_WINDOW (dx_variables_window_get_type ())
G_DECLARE_FINAL_TYPE (DxVariablesWindow, dx_variables_window, DX, VARIABLES_WINDOW, AdwWindow)

GtkWidget *dx_variables_window_new (GtkWindow   *parent,
                                    DxWorkspace *workspace);

G_END_DECLS
