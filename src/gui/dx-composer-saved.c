/* dx-composer-saved.c — the composer's message as a saved message, and a
 * saved message back into the composer
 *
 * A saved message keeps the text as written ({{variables}} and all) with
 * the format that tells how to send it, which is what the composer's mode
 * says; only a loaded file has no text, so its bytes are kept as Base64.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-composer-private.h"

/**
 * dx_composer_dup_saved_content:
 * @format: (out): how the content is to be read when sent
 *
 * Returns: (transfer full): the message in the composer as a saved
 *   message's content
 */
char *
dx_composer_dup_saved_content (DxComposer    *self,
                               DxSavedFormat *format)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), NULL);
  g_return_val_if_fail (format != NULL, NULL);

  switch (self->mode)
    {
    case DX_COMPOSER_MODE_JSON:
      *format = DX_SAVED_FORMAT_JSON;
      break;
    case DX_COMPOSER_MODE_BINARY:
      if (self->file_payload)
        {
          *format = DX_SAVED_FORMAT_BASE64;
          return dx_payload_format (DX_PAYLOAD_FORMAT_BASE64, self->file_payload);
        }
      *format = self->binary_format == DX_PAYLOAD_FORMAT_BASE64 ? DX_SAVED_FORMAT_BASE64 : DX_SAVED_FORMAT_HEX;
      break;
    case DX_COMPOSER_MODE_TEXT:
    default:
      *format = DX_SAVED_FORMAT_TEXT;
      break;
    }

  return dx_composer_dup_text (self);
}

/**
 * dx_composer_load_saved:
 *
 * Puts @message into the composer in the mode its format calls for,
 * replacing what was there.
 */
void
dx_composer_load_saved (DxComposer     *self,
                        DxSavedMessage *message)
{
  g_return_if_fail (DX_IS_COMPOSER (self));
  g_return_if_fail (DX_IS_SAVED_MESSAGE (message));

  dx_composer_remove_file (self);
  switch (dx_saved_message_get_format (message))
    {
    case DX_SAVED_FORMAT_JSON:
      dx_composer_set_mode (self, DX_COMPOSER_MODE_JSON);
      break;
    case DX_SAVED_FORMAT_HEX:
    case DX_SAVED_FORMAT_BASE64:
      /* Empty first: switching the format would rewrite the old text */
      dx_composer_set_text (self, "");
      dx_composer_set_mode (self, DX_COMPOSER_MODE_BINARY);
      dx_composer_set_binary_format (self, dx_saved_message_get_format (message) == DX_SAVED_FORMAT_HEX
                                             ? DX_PAYLOAD_FORMAT_HEX : DX_PAYLOAD_FORMAT_BASE64);
      break;
    case DX_SAVED_FORMAT_TEXT:
    default:
      dx_composer_set_mode (self, DX_COMPOSER_MODE_TEXT);
      break;
    }

  dx_composer_set_text (self, dx_saved_message_get_content (message));

  self->recall_position = DX_COMPOSER_NO_RECALL;
  g_clear_pointer (&self->recalled_text, g_free);
  dx_composer_show_error (self, NULL);
}
