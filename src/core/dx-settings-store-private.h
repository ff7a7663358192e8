/* dx-settings-store-private.h — how the store encodes what it saves, for
 * dx-settings-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-settings-store.h"

G_BEGIN_DECLS

/* dx-settings-store-codec.c */
const char *_dx_settings_store_session_label       (DxSession   *session);
char       *_dx_settings_store_session_to_json     (DxSession   *session);
DxSession  *_dx_settings_store_session_from_json   (const char  *document,
                                                    char       **id,
                                                    gboolean    *newer,
                                                    GPtrArray   *problems,
                                                    GError     **error);
GVariant   *_dx_settings_store_history_to_variant  (DxHistory   *history,
                                                    guint        limit,
                                                    guint        max_payload);
int         _dx_settings_store_restore_history     (DxHistory   *history,
                                                    GVariant    *value,
                                                    guint        limit);
char       *_dx_settings_store_library_to_json     (GListModel  *library);
gboolean    _dx_settings_store_library_from_json   (GListStore  *library,
                                                    const char  *document,
                                                    GError     **error);

G_END_DECLS
