/* dx-saved-references.h — what refers to a saved message by name, and
 * following a rename
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-session.h"

G_BEGIN_DECLS

guint dx_saved_references_rename            (DxSession  *session,
                                             const char *old_name,
                                             const char *new_name);
guint dx_saved_references_rename_in_library (GListModel *sessions,
                                             const char *old_name,
                                             const char *new_name);

G_END_DECLS
