/* dx-composer.h — where a tester writes the next message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  DX_COMPOSER_MODE_TEXT,
  DX_COMPOSER_MODE_JSON,
} DxComposerMode;

#define DX_TYPE_COMPOSER (dx_composer_get_type ())
G_DECLARE_FINAL_TYPE (DxComposer, dx_composer, DX, COMPOSER, GtkWidget)

GtkWidget      *dx_composer_new        (void);
char           *dx_composer_dup_text   (DxComposer     *self);
void            dx_composer_set_text   (DxComposer     *self,
                                        const char     *text);
DxComposerMode  dx_composer_get_mode   (DxComposer     *self);
void            dx_composer_set_mode   (DxComposer     *self,
                                        DxComposerMode  mode);
void            dx_composer_send       (DxComposer     *self);
void            dx_composer_show_error (DxComposer     *self,
                                        const char     *message);
const char     *dx_composer_get_error  (DxComposer     *self);
void            dx_composer_focus      (DxComposer     *self);

G_END_DECLS
