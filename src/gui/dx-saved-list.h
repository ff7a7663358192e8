/* dx-saved-list.h — the request pane's Saved page: the session's saved
 * messages and the workspace's library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-saved-message.h"
#include "dx-session.h"

G_BEGIN_DECLS

#define DX_TYPE_SAVED_LIST (dx_saved_list_get_type ())
G_DECLARE_FINAL_TYPE (DxSavedList, dx_saved_list, DX, SAVED_LIST, GtkWidget)

GtkWidget  *dx_saved_list_new           (void);
void        dx_saved_list_set_session   (DxSavedList   *self,
                                         DxSession     *session);
void        dx_saved_list_set_library   (DxSavedList   *self,
                                         GListStore    *library,
                                         GListModel    *sessions);
GListStore *dx_saved_list_get_library   (DxSavedList   *self);
void        dx_saved_list_save_new      (DxSavedList   *self,
                                         DxSavedFormat  format,
                                         const char    *content);
gboolean    dx_saved_list_undo_delete   (DxSavedList   *self);

G_END_DECLS
