/* dx-composer.h — where a tester writes the next message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-history.h"
#include "dx-payload.h"
#include "dx-saved-message.h"

G_BEGIN_DECLS

typedef enum {
  DX_COMPOSER_MODE_TEXT,
  DX_COMPOSER_MODE_JSON,
  DX_COMPOSER_MODE_BINARY,
} DxComposerMode;

#define DX_TYPE_COMPOSER (dx_composer_get_type ())
G_DECLARE_FINAL_TYPE (DxComposer, dx_composer, DX, COMPOSER, GtkWidget)

GtkWidget       *dx_composer_new               (void);
char            *dx_composer_dup_text          (DxComposer      *self);
void             dx_composer_set_text          (DxComposer      *self,
                                                const char      *text);
DxComposerMode   dx_composer_get_mode          (DxComposer      *self);
void             dx_composer_set_mode          (DxComposer      *self,
                                                DxComposerMode   mode);
DxPayloadFormat  dx_composer_get_binary_format (DxComposer      *self);
void             dx_composer_set_binary_format (DxComposer      *self,
                                                DxPayloadFormat  format);
void             dx_composer_set_variables     (DxComposer      *self,
                                                GListModel      *variables);
void             dx_composer_set_history       (DxComposer      *self,
                                                DxHistory       *history);
void             dx_composer_load_file         (DxComposer      *self,
                                                GFile           *file);
const char      *dx_composer_get_file_name     (DxComposer      *self);
void             dx_composer_remove_file       (DxComposer      *self);
const char      *dx_composer_get_size_text     (DxComposer      *self);
gboolean         dx_composer_recall            (DxComposer      *self,
                                                gboolean         older);
void             dx_composer_send              (DxComposer      *self);
void             dx_composer_show_error        (DxComposer      *self,
                                                const char      *message);
const char      *dx_composer_get_error         (DxComposer      *self);
void             dx_composer_focus             (DxComposer      *self);
char            *dx_composer_dup_saved_content (DxComposer      *self,
                                                DxSavedFormat   *format);
void             dx_composer_load_saved        (DxComposer      *self,
                                                DxSavedMessage  *message);

G_END_DECLS
