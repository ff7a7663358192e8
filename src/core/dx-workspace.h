/* dx-workspace.h — the sessions and variables a tester keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-session.h"

G_BEGIN_DECLS

#define DX_TYPE_WORKSPACE (dx_workspace_get_type ())
G_DECLARE_FINAL_TYPE (DxWorkspace, dx_workspace, DX, WORKSPACE, GObject)

DxWorkspace *dx_workspace_new            (void);
GListStore  *dx_workspace_get_sessions   (DxWorkspace *self);
GListStore  *dx_workspace_get_variables  (DxWorkspace *self);
GListStore  *dx_workspace_get_library    (DxWorkspace *self);
guint        dx_workspace_get_selected   (DxWorkspace *self);
void         dx_workspace_set_selected   (DxWorkspace *self,
                                          guint        position);
DxSession   *dx_workspace_find_session   (DxWorkspace *self,
                                          const char  *id,
                                          guint       *position);
void         dx_workspace_replace        (DxWorkspace *self,
                                          DxWorkspace *other);

G_END_DECLS
