/* dx-window-private.h — DxWindow's insides, for the files that share its
 * work: dx-window.c and dx-window-sessions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-window.h"

G_BEGIN_DECLS

struct _DxWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkListView          *sessions_list;
  GtkPaned             *sidebar_paned;
  GtkStack             *views_stack;

  DxWorkspace          *workspace;
  GtkSingleSelection   *selection;
  GHashTable           *views;          /* DxSession → DxSessionView */
  DxSessionView        *current;

  DxSession            *deleted;        /* waiting for Undo */
  guint                 deleted_position;
  AdwToast             *deleted_toast;
};

/* dx-window.c */
DxSession *_dx_window_selected_session    (DxWindow                 *self);

/* dx-window-sessions.c */
void       _dx_window_sessions_class_init (GtkWidgetClass           *widget_class);
void       _dx_window_row_setup_dnd_cb    (GtkSignalListItemFactory *factory,
                                           GtkListItem              *item,
                                           DxWindow                 *self);

G_END_DECLS
