/* dx-matcher-row.c — edits one matcher of an expect-message step: its
 * kind, the fields that kind takes, "not", and the reason it cannot work
 * yet (a bad regular expression, JSONPath, JSON value or hex), as the
 * tester types
 *
 * The widgets are bound both ways to the DxMatcher, so every edit reaches
 * the step (and the workspace) at once. A matcher keeps the fields of every
 * kind, so switching the kind back and forth loses nothing typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-matcher-row.h"
#include "dx-step-editor-private.h"

struct _DxMatcherRow
{
  GtkListBoxRow  parent_instance;

  GtkDropDown   *kind_dropdown;
  GtkToggleButton *negate_button;
  GtkWidget     *path_box;
  GtkEntry      *path_entry;
  GtkDropDown   *path_op_dropdown;
  GtkWidget     *size_box;
  GtkDropDown   *size_op_dropdown;
  GtkSpinButton *size_spin;
  GtkEntry      *value_entry;
  GtkLabel      *error_label;

  DxMatcher     *matcher;
};

G_DEFINE_FINAL_TYPE (DxMatcherRow, dx_matcher_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the value entry asks for, by kind and path operation */
static const char *
value_placeholder (DxMatcherKind kind,
                   DxPathOp      op)
{
  switch (kind)
    {
    case DX_MATCHER_EQUALS: return _("The whole message, exactly");
    case DX_MATCHER_CONTAINS: return _("Text the message contains");
    case DX_MATCHER_REGEX: return _("Regular expression, such as ^pong");
    case DX_MATCHER_JSON_EQUALS: return _("JSON, such as {\"type\": \"pong\"}");
    case DX_MATCHER_BINARY_EQUALS: return _("Hex bytes, such as 01 ff 7e");
    case DX_MATCHER_JSONPATH:
      switch (op)
        {
        case DX_PATH_OP_EQUALS: return _("JSON value, such as \"pong\" or 42");
        case DX_PATH_OP_MATCHES: return _("Regular expression");
        case DX_PATH_OP_IS_TYPE: return _("string, number, boolean, null, object or array");
        case DX_PATH_OP_EXISTS:
        default: return NULL;
        }
    case DX_MATCHER_SIZE:
    default:
      return NULL;
    }
}

static void
update_fields (DxMatcherRow *self)
{
  DxMatcherKind kind = dx_matcher_get_kind (self->matcher);
  DxPathOp op = dx_matcher_get_path_op (self->matcher);
  const char *placeholder = value_placeholder (kind, op);
  gboolean code_like = kind != DX_MATCHER_EQUALS && kind != DX_MATCHER_CONTAINS;

  gtk_widget_set_visible (self->path_box, kind == DX_MATCHER_JSONPATH);
  gtk_widget_set_visible (self->size_box, kind == DX_MATCHER_SIZE);
  gtk_widget_set_visible (GTK_WIDGET (self->value_entry), placeholder != NULL);
  gtk_entry_set_placeholder_text (self->value_entry, placeholder);
  if (code_like)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_entry), "monospace");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_entry), "monospace");
}

static void
validate (DxMatcherRow *self)
{
  g_autoptr(GError) error = NULL;

  dx_matcher_validate (self->matcher, &error);
  _dx_show_error (self->error_label, error);
}

static void
matcher_notify_cb (DxMatcherRow *self,
                   GParamSpec   *pspec)
{
  if (pspec->name == g_intern_static_string ("kind") ||
      pspec->name == g_intern_static_string ("path-op"))
    update_fields (self);
  validate (self);
}

static void
remove_clicked_cb (DxMatcherRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
dx_matcher_row_dispose (GObject *object)
{
  DxMatcherRow *self = DX_MATCHER_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_MATCHER_ROW);
  g_clear_object (&self->matcher);

  G_OBJECT_CLASS (dx_matcher_row_parent_class)->dispose (object);
}

static void
dx_matcher_row_class_init (DxMatcherRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_matcher_row_dispose;

  /**
   * DxMatcherRow::remove-requested:
   *
   * The tester clicked the row's remove button; whoever holds the list
   * removes the matcher.
   */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-matcher-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, negate_button);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, path_box);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, path_entry);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, path_op_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, size_box);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, size_op_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, size_spin);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, DxMatcherRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
dx_matcher_row_init (DxMatcherRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dx_matcher_row_new:
 *
 * Returns: a row that edits @matcher for as long as it lives
 */
GtkWidget *
dx_matcher_row_new (DxMatcher *matcher)
{
  DxMatcherRow *self;

  g_return_val_if_fail (DX_IS_MATCHER (matcher), NULL);

  self = g_object_new (DX_TYPE_MATCHER_ROW, NULL);
  self->matcher = g_object_ref (matcher);

  /* The row dies with the list's item or before it: the bindings go with
   * whichever is finalized first */
  _dx_bind_index (matcher, "kind", self->kind_dropdown, "selected");
  _dx_bind_index (matcher, "path-op", self->path_op_dropdown, "selected");
  _dx_bind_index (matcher, "size-op", self->size_op_dropdown, "selected");
  dx_bind_text (matcher, "path", self->path_entry);
  dx_bind_text (matcher, "value", self->value_entry);
  g_object_bind_property (matcher, "size", self->size_spin, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (matcher, "negate", self->negate_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (matcher, "notify", G_CALLBACK (matcher_notify_cb), self, G_CONNECT_SWAPPED);

  update_fields (self);
  validate (self);
  return GTK_WIDGET (self);
}

DxMatcher *
dx_matcher_row_get_matcher (DxMatcherRow *self)
{
  g_return_val_if_fail (DX_IS_MATCHER_ROW (self), NULL);
  return self->matcher;
}
