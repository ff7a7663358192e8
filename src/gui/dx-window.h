/* dx-window.h — the main window: the session sidebar and the selected
 * session's view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dx-application.h"
#include "dx-session-view.h"
#include "dx-workspace.h"

G_BEGIN_DECLS

#define DX_TYPE_WINDOW (dx_window_get_type ())
G_DECLARE_FINAL_TYPE (DxWindow, dx_window, DX, WINDOW, AdwApplicationWindow)

DxWindow      *dx_window_new                (DxApplication *application,
                                             DxWorkspace   *workspace);
DxWorkspace   *dx_window_get_workspace      (DxWindow      *self);
DxSessionView *dx_window_get_view           (DxWindow      *self);
DxSessionView *dx_window_get_view_for       (DxWindow      *self,
                                             DxSession     *session);
void           dx_window_select_session     (DxWindow      *self,
                                             DxSession     *session);
DxSession     *dx_window_add_session        (DxWindow      *self,
                                             const char    *url);

/* The selected session's parts, for tests and the application */
DxSession     *dx_window_get_session        (DxWindow      *self);
DxConnection  *dx_window_get_connection     (DxWindow      *self);
DxComposer    *dx_window_get_composer       (DxWindow      *self);
DxHistoryView *dx_window_get_history_view   (DxWindow      *self);
GtkEditable   *dx_window_get_url_entry      (DxWindow      *self);
void           dx_window_connect            (DxWindow      *self);
void           dx_window_show_error         (DxWindow      *self,
                                             const char    *message);
const char    *dx_window_get_error          (DxWindow      *self);

G_END_DECLS
