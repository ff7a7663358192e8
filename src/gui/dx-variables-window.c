/* dx-variables-window.c — edits the workspace's variables, the {{name}}
 * values every session shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field-editor.h"
#include "dx-variables-window.h"

struct _DxVariablesWindow
{
  AdwWindow      parent_instance;

  DxFieldEditor *editor;
};

G_DEFINE_FINAL_TYPE (DxVariablesWindow, dx_variables_window, ADW_TYPE_WINDOW)

static void
dx_variables_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DX_TYPE_VARIABLES_WINDOW);

  G_OBJECT_CLASS (dx_variables_window_parent_class)->dispose (object);
}

static void
dx_variables_window_class_init (DxVariablesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_variables_window_dispose;

  g_type_ensure (DX_TYPE_FIELD_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-variables-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DxVariablesWindow, editor);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dx_variables_window_init (DxVariablesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dx_variables_window_new (GtkWindow   *parent,
                         DxWorkspace *workspace)
{
  DxVariablesWindow *self;

  g_return_val_if_fail (DX_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (DX_TYPE_VARIABLES_WINDOW, "transient-for", parent, NULL);
  dx_field_editor_set_fields (self->editor, dx_workspace_get_variables (workspace));

  return GTK_WIDGET (self);
}
