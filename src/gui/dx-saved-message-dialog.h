/* dx-saved-message-dialog.h — names, notes and edits a saved message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dx-saved-message.h"

G_BEGIN_DECLS

#define DX_TYPE_SAVED_MESSAGE_DIALOG (dx_saved_message_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DxSavedMessageDialog, dx_saved_message_dialog, DX, SAVED_MESSAGE_DIALOG, AdwWindow)

DxSavedMessageDialog *dx_saved_message_dialog_new_for_save (GtkWindow            *parent,
                                                            GListStore           *session_messages,
                                                            GListStore           *library,
                                                            DxSavedFormat         format,
                                                            const char           *content);
DxSavedMessageDialog *dx_saved_message_dialog_new_for_edit (GtkWindow            *parent,
                                                            GListStore           *messages,
                                                            gboolean              in_library,
                                                            DxSavedMessage       *message);
gboolean              dx_saved_message_dialog_save         (DxSavedMessageDialog *self);
const char           *dx_saved_message_dialog_get_error    (DxSavedMessageDialog *self);

G_END_DECLS
