/* dx-saved-message.h — a message kept by name, to send again with one click
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How the content is written: text and JSON are sent as text frames, hex
 * and Base64 are decoded into a binary frame. */
typedef enum {
  DX_SAVED_FORMAT_TEXT,
  DX_SAVED_FORMAT_JSON,
  DX_SAVED_FORMAT_HEX,
  DX_SAVED_FORMAT_BASE64,
} DxSavedFormat;

#define DX_TYPE_SAVED_FORMAT (dx_saved_format_get_type ())
GType dx_saved_format_get_type (void) G_GNUC_CONST;

#define DX_TYPE_SAVED_MESSAGE (dx_saved_message_get_type ())
G_DECLARE_FINAL_TYPE (DxSavedMessage, dx_saved_message, DX, SAVED_MESSAGE, GObject)

DxSavedMessage *dx_saved_message_new            (const char      *name,
                                                 DxSavedFormat    format,
                                                 const char      *content);
const char     *dx_saved_message_get_name       (DxSavedMessage  *self);
void            dx_saved_message_set_name       (DxSavedMessage  *self,
                                                 const char      *name);
const char     *dx_saved_message_get_note       (DxSavedMessage  *self);
void            dx_saved_message_set_note       (DxSavedMessage  *self,
                                                 const char      *note);
DxSavedFormat   dx_saved_message_get_format     (DxSavedMessage  *self);
void            dx_saved_message_set_format     (DxSavedMessage  *self,
                                                 DxSavedFormat    format);
const char     *dx_saved_message_get_content    (DxSavedMessage  *self);
void            dx_saved_message_set_content    (DxSavedMessage  *self,
                                                 const char      *content);
gboolean        dx_saved_message_is_binary      (DxSavedMessage  *self);
GBytes         *dx_saved_message_build          (DxSavedMessage  *self,
                                                 GListModel      *variables,
                                                 GError         **error);
DxSavedMessage *dx_saved_message_copy           (DxSavedMessage  *self);
DxSavedMessage *dx_saved_message_find           (GListModel      *messages,
                                                 const char      *name,
                                                 guint           *position);
char           *dx_saved_message_unique_name    (GListModel      *messages,
                                                 const char      *name);
GPtrArray      *dx_saved_message_names          (GListModel      *session_messages,
                                                 GListModel      *library);

const char     *dx_saved_format_to_string       (DxSavedFormat    format);
gboolean        dx_saved_format_from_string     (const char      *string,
                                                 DxSavedFormat   *format);

JsonNode       *dx_saved_message_to_json        (DxSavedMessage  *self);
DxSavedMessage *dx_saved_message_new_from_json  (JsonNode        *node,
                                                 JsonNode       **error_node,
                                                 GError         **error);
JsonNode       *dx_saved_messages_to_json       (GListModel      *messages);
gboolean        dx_saved_messages_load_json     (GListStore      *messages,
                                                 JsonNode        *node,
                                                 JsonNode       **error_node,
                                                 GError         **error);

G_END_DECLS
