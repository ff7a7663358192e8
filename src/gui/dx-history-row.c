/* dx-history-row.c — one row of the history list: direction, local time
 * with milliseconds, size, a tag for frames that are not text (binary,
 * ping, pong, close), and a one-line preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-history-row.h"

#define PREVIEW_CHARS 300

struct _DxHistoryRow
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkImage  *direction_icon;
  GtkLabel  *time_label;
  GtkLabel  *size_label;
  GtkLabel  *kind_label;
  GtkLabel  *preview_label;
};

G_DEFINE_FINAL_TYPE (DxHistoryRow, dx_history_row, GTK_TYPE_WIDGET)

static const char * const row_classes[] = { "sent", "received", "event", "error", NULL };

/* What sets a message apart from a text message at a glance: a ping with
 * no payload would otherwise be an empty row. */
static const char *
kind_tag (DxMessageKind kind)
{
  switch (kind)
    {
    case DX_MESSAGE_KIND_BINARY:
      return C_("message kind", "Binary");
    case DX_MESSAGE_KIND_PING:
      return C_("message kind", "Ping");
    case DX_MESSAGE_KIND_PONG:
      return C_("message kind", "Pong");
    case DX_MESSAGE_KIND_CLOSE:
      return C_("message kind", "Close");
    case DX_MESSAGE_KIND_TEXT:
    case DX_MESSAGE_KIND_OPEN:
    case DX_MESSAGE_KIND_ERROR:
    case DX_MESSAGE_KIND_STATE:
    default:
      return NULL;
    }
}

static void
dx_history_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DX_TYPE_HISTORY_ROW);

  G_OBJECT_CLASS (dx_history_row_parent_class)->dispose (object);
}

static void
dx_history_row_class_init (DxHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_history_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DxHistoryRow, box);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryRow, direction_icon);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryRow, size_label);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryRow, preview_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "historyrow");
}

static void
dx_history_row_init (DxHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dx_history_row_new (void)
{
  return g_object_new (DX_TYPE_HISTORY_ROW, NULL);
}

void
dx_history_row_set_message (DxHistoryRow *self,
                            DxMessage    *message)
{
  g_autofree char *time = NULL;
  g_autofree char *size = NULL;
  g_autofree char *preview = NULL;
  const char *icon;
  const char *row_class;
  const char *direction;
  const char *tag;
  DxMessageKind kind;

  g_return_if_fail (DX_IS_HISTORY_ROW (self));

  for (guint i = 0; row_classes[i]; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), row_classes[i]);

  if (message == NULL)
    return;

  kind = dx_message_get_kind (message);
  switch (dx_message_get_direction (message))
    {
    case DX_DIRECTION_SENT:
      icon = "go-up-symbolic";
      row_class = "sent";
      direction = _("Sent");
      break;
    case DX_DIRECTION_RECEIVED:
      icon = "go-down-symbolic";
      row_class = "received";
      direction = _("Received");
      break;
    case DX_DIRECTION_EVENT:
    default:
      icon = kind == DX_MESSAGE_KIND_ERROR ? "dialog-error-symbolic" : "dialog-information-symbolic";
      row_class = kind == DX_MESSAGE_KIND_ERROR ? "error" : "event";
      direction = kind == DX_MESSAGE_KIND_ERROR ? _("Error") : _("Event");
      break;
    }

  gtk_image_set_from_icon_name (self->direction_icon, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->direction_icon), direction);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->direction_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, direction, -1);
  gtk_widget_add_css_class (GTK_WIDGET (self), row_class);

  time = dx_message_format_time (message);
  gtk_label_set_text (self->time_label, time);

  /* Events have no size; GTK 4.8 would read an empty label out as "GtkLabel" */
  if (dx_message_get_direction (message) != DX_DIRECTION_EVENT)
    size = dx_format_size (dx_message_get_size (message));
  gtk_label_set_text (self->size_label, size ? size : "");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->size_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, size == NULL, -1);

  /* Events say what they are in their text */
  tag = dx_message_get_direction (message) != DX_DIRECTION_EVENT ? kind_tag (kind) : NULL;
  gtk_label_set_text (self->kind_label, tag ? tag : "");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_label), tag != NULL);

  preview = dx_message_dup_preview (message, PREVIEW_CHARS);
  gtk_label_set_text (self->preview_label, preview);
  if (kind == DX_MESSAGE_KIND_BINARY)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "monospace");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "monospace");
}

/**
 * dx_history_row_get_kind_tag:
 *
 * Returns: the tag the row shows for its kind ("Ping", "Binary"…), or ""
 */
const char *
dx_history_row_get_kind_tag (DxHistoryRow *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_ROW (self), NULL);
  return gtk_label_get_text (self->kind_label);
}

/**
 * dx_history_row_get_preview:
 *
 * Returns: the text the row shows for the payload
 */
const char *
dx_history_row_get_preview (DxHistoryRow *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_ROW (self), NULL);
  return gtk_label_get_text (self->preview_label);
}
