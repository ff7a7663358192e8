/* dx-window.h — the main window: one session, its connection and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dx-application.h"
#include "dx-composer.h"
#include "dx-connection.h"
#include "dx-history-view.h"
#include "dx-session.h"

G_BEGIN_DECLS

#define DX_TYPE_WINDOW (dx_window_get_type ())
G_DECLARE_FINAL_TYPE (DxWindow, dx_window, DX, WINDOW, AdwApplicationWindow)

DxWindow      *dx_window_new                (DxApplication *application,
                                             DxSession     *session);
DxSession     *dx_window_get_session        (DxWindow      *self);
DxConnection  *dx_window_get_connection     (DxWindow      *self);
DxComposer    *dx_window_get_composer       (DxWindow      *self);
DxHistoryView *dx_window_get_history_view   (DxWindow      *self);
GtkEditable   *dx_window_get_url_entry      (DxWindow      *self);
GtkButton     *dx_window_get_connect_button (DxWindow      *self);
void           dx_window_connect            (DxWindow      *self);
void           dx_window_show_error         (DxWindow      *self,
                                             const char    *message);
const char    *dx_window_get_error          (DxWindow      *self);

G_END_DECLS
