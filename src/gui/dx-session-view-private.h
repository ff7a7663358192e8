/* dx-session-view-private.h — what the session view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dx-control-button.h"
#include "dx-field-editor.h"
#include "dx-handshake-view.h"
#include "dx-saved-list.h"
#include "dx-tests-view.h"
#include "dx-session-view.h"

G_BEGIN_DECLS

/* What the heartbeat sends, in the order of the heartbeat row's items;
 * saved messages follow by name */
enum {
  DX_HEARTBEAT_PING,
  DX_HEARTBEAT_TEXT,
  DX_HEARTBEAT_SAVED,
};

struct _DxSessionView
{
  GtkWidget             parent_instance;

  GtkWidget            *root_box;
  GtkLabel             *state_label;
  GtkPaned             *request_paned;
  GtkWidget            *request_switcher;
  GtkEntry             *url_entry;
  GtkButton            *connect_button;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  DxFieldEditor        *params_editor;
  DxFieldEditor        *headers_editor;
  AdwEntryRow          *protocols_row;
  GtkLabel             *negotiated_label;
  GtkSpinButton        *max_size_spin;
  AdwEntryRow          *origin_row;
  GtkSpinButton        *timeout_spin;
  GtkSpinButton        *keepalive_spin;
  GtkSpinButton        *reconnect_spin;
  GtkSpinButton        *reconnect_delay_spin;
  GtkSwitch            *insecure_switch;
  AdwEntryRow          *ca_file_row;
  GtkRevealer          *insecure_revealer;
  DxControlButton      *control_button;
  DxHandshakeView      *handshake_view;
  GtkSpinButton        *heartbeat_spin;
  AdwEntryRow          *heartbeat_message_row;
  AdwComboRow          *heartbeat_kind_row;
  DxSavedList          *saved_list;
  DxHistoryView        *history_view;
  DxComposer           *composer;
  GtkStack             *mode_stack;
  DxTestsView          *tests_view;

  DxSession            *session;
  DxConnection         *connection;
  GListStore           *library;
  guint                 unread;
  gboolean              shown;

  /* What the heartbeat sends, as the tester chose it; a text message with
   * no text yet is still "text" here though the session would ping */
  int                   heartbeat_kind;
  char                 *heartbeat_text_kept;
  gboolean              updating_heartbeat;
};

void _dx_session_view_heartbeat_init        (DxSessionView *self);
void _dx_session_view_heartbeat_set_library (DxSessionView *self,
                                             GListStore    *old_library);

G_END_DECLS
