/* dx-composer-private.h — what the composer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "dx-composer.h"

G_BEGIN_DECLS

/* No message of the history is in the composer */
#define DX_COMPOSER_NO_RECALL G_MAXUINT

struct _DxComposer
{
  GtkWidget        parent_instance;

  GtkWidget       *root_box;
  GtkToggleButton *text_button;
  GtkToggleButton *json_button;
  GtkToggleButton *binary_button;
  GtkWidget       *tools_bar;
  GtkStack        *tools_stack;
  GtkToggleButton *hex_button;
  GtkToggleButton *base64_button;
  GtkLabel        *size_label;
  GtkButton       *send_button;
  GtkPopover      *recent_popover;
  GtkListBox      *recent_list;
  GtkStack        *body_stack;
  GtkSourceView   *view;
  GtkLabel        *file_name_label;
  GtkLabel        *file_size_label;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;

  GtkSourceBuffer *buffer;
  DxComposerMode   mode;
  DxPayloadFormat  binary_format;
  GListModel      *variables;
  DxHistory       *history;
  guint            recall_position;
  char            *recalled_text;
  GBytes          *file_payload;
  char            *file_name;
  GCancellable    *load_cancellable;
};

/* dx-composer.c */
void _dx_composer_update_size           (DxComposer *self);

/* dx-composer-file.c */
void _dx_composer_set_file_payload      (DxComposer *self,
                                         const char *name,
                                         GBytes     *payload);
void _dx_composer_load_file_activated   (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter);
void _dx_composer_remove_file_activated (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter);

/* dx-composer-recall.c */
void _dx_composer_recall_init           (DxComposer *self);

G_END_DECLS
