/* dx-list-watch.h — "something in this list changed", for an object that
 * saves what its lists hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DxListWatch DxListWatch;

DxListWatch *dx_list_watch_new  (GListModel  *list,
                                 const char  *item_signal,
                                 GCallback    callback,
                                 gpointer     owner);
void         dx_list_watch_free (DxListWatch *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxListWatch, dx_list_watch_free)

G_END_DECLS
