/* dx-session-view.h — one session: URL bar, request editors, history,
 * composer, and its live connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-composer.h"
#include "dx-connection.h"
#include "dx-history-view.h"
#include "dx-saved-list.h"
#include "dx-tests-view.h"
#include "dx-session.h"

G_BEGIN_DECLS

#define DX_TYPE_SESSION_VIEW (dx_session_view_get_type ())
G_DECLARE_FINAL_TYPE (DxSessionView, dx_session_view, DX, SESSION_VIEW, GtkWidget)

DxSessionView *dx_session_view_new                (DxSession     *session);
DxSession     *dx_session_view_get_session        (DxSessionView *self);
DxConnection  *dx_session_view_get_connection     (DxSessionView *self);
DxComposer    *dx_session_view_get_composer       (DxSessionView *self);
DxHistoryView *dx_session_view_get_history_view   (DxSessionView *self);
DxSavedList   *dx_session_view_get_saved_list     (DxSessionView *self);
DxTestsView   *dx_session_view_get_tests_view     (DxSessionView *self);
void           dx_session_view_show_tests         (DxSessionView *self,
                                                   gboolean       tests);
void           dx_session_view_set_library        (DxSessionView *self,
                                                   GListStore    *library,
                                                   GListModel    *sessions);
GtkEditable   *dx_session_view_get_url_entry      (DxSessionView *self);
void           dx_session_view_connect            (DxSessionView *self);
void           dx_session_view_show_error         (DxSessionView *self,
                                                   const char    *message);
const char    *dx_session_view_get_error          (DxSessionView *self);
guint          dx_session_view_get_unread         (DxSessionView *self);
void           dx_session_view_set_shown          (DxSessionView *self,
                                                   gboolean       shown);

G_END_DECLS
