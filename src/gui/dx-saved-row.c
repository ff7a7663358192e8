/* dx-saved-row.c — one saved message in the request pane's Saved page:
 * its name, note, format and the start of its content, a Send button and
 * a menu of everything else
 *
 * The row only says what the tester asked for (DxSavedRow::action); the
 * list that holds the row knows the stores and does it. Keys work on the
 * focused row: Enter sends (the list's row-activated), Alt+Up and Alt+Down
 * move it, F2 edits, Delete deletes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-saved-row.h"

/* The preview shows the start of the content: enough for a narrow pane */
#define PREVIEW_MAX_CHARS 120

struct _DxSavedRow
{
  GtkListBoxRow    parent_instance;

  GtkLabel        *name_label;
  GtkLabel        *format_label;
  GtkLabel        *note_label;
  GtkLabel        *preview_label;
  GtkButton       *send_button;
  GtkMenuButton   *menu_button;
  GMenuModel      *session_menu;
  GMenuModel      *library_menu;

  DxSavedMessage  *message;
  gboolean         in_library;
};

G_DEFINE_FINAL_TYPE (DxSavedRow, dx_saved_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * dx_saved_format_get_label:
 *
 * Returns: the short name a tester sees for @format
 */
const char *
dx_saved_format_get_label (DxSavedFormat format)
{
  switch (format)
    {
    case DX_SAVED_FORMAT_TEXT:
      return _("Text");
    case DX_SAVED_FORMAT_JSON:
      return _("JSON");
    case DX_SAVED_FORMAT_HEX:
      return _("Hex");
    case DX_SAVED_FORMAT_BASE64:
      return _("Base64");
    default:
      g_return_val_if_reached ("");
    }
}

/* One line: runs of white space (new lines, indentation) become one space */
static char *
make_preview (const char *content)
{
  GString *preview = g_string_new (NULL);
  gboolean space = FALSE;
  guint chars = 0;

  for (const char *p = content; *p && chars < PREVIEW_MAX_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = preview->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (preview, ' ');
          chars++;
          space = FALSE;
        }
      g_string_append_unichar (preview, c);
      chars++;
    }

  return g_string_free (preview, FALSE);
}

static void
update (DxSavedRow *self)
{
  const char *name = dx_saved_message_get_name (self->message);
  const char *note = dx_saved_message_get_note (self->message);
  const char *format = dx_saved_format_get_label (dx_saved_message_get_format (self->message));
  g_autofree char *preview = make_preview (dx_saved_message_get_content (self->message));
  g_autofree char *send_label = NULL;
  g_autofree char *description = NULL;

  gtk_label_set_text (self->name_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), name);
  gtk_label_set_text (self->format_label, format);
  gtk_label_set_text (self->note_label, note);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->note_label), note[0] ? note : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note[0] != '\0');
  gtk_label_set_text (self->preview_label, preview[0] ? preview : _("(empty)"));

  /* Translators: the accessible name of a saved message's Send button;
   * %s is the message's name */
  send_label = g_strdup_printf (_("Send “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->send_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, send_label,
                                  -1);
  /* Translators: how a screen reader describes a saved message: its
   * format, then its note */
  description = g_strdup_printf (_("%s message. %s"), format, note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
row_action_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  static const char * const names[] = {
    "row.send", "row.load", "row.edit", "row.move-up", "row.move-down", "row.transfer", "row.delete",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (action_name, names[i]))
      {
        g_signal_emit (widget, signals[ACTION], 0, (int) i);
        return;
      }
  g_assert_not_reached ();
}

static void
dx_saved_row_dispose (GObject *object)
{
  DxSavedRow *self = DX_SAVED_ROW (object);

  if (self->message)
    g_signal_handlers_disconnect_by_data (self->message, self);
  g_clear_object (&self->message);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_SAVED_ROW);

  G_OBJECT_CLASS (dx_saved_row_parent_class)->dispose (object);
}

static void
dx_saved_row_class_init (DxSavedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_saved_row_dispose;

  /**
   * DxSavedRow::action:
   * @action: a #DxSavedRowAction
   */
  signals[ACTION] =
    g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-saved-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, format_label);
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, send_button);
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, session_menu);
  gtk_widget_class_bind_template_child (widget_class, DxSavedRow, library_menu);

  gtk_widget_class_install_action (widget_class, "row.send", NULL, row_action_activated);
  gtk_widget_class_install_action (widget_class, "row.load", NULL, row_action_activated);
  gtk_widget_class_install_action (widget_class, "row.edit", NULL, row_action_activated);
  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, row_action_activated);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, row_action_activated);
  gtk_widget_class_install_action (widget_class, "row.transfer", NULL, row_action_activated);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, row_action_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "row.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "row.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "row.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "row.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "row.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "row.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "row.edit", NULL);
}

static void
dx_saved_row_init (DxSavedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dx_saved_row_new (DxSavedMessage *message,
                  gboolean        in_library)
{
  DxSavedRow *self;

  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (message), NULL);

  self = g_object_new (DX_TYPE_SAVED_ROW, NULL);
  self->message = g_object_ref (message);
  self->in_library = in_library;
  gtk_menu_button_set_menu_model (self->menu_button, in_library ? self->library_menu : self->session_menu);
  g_signal_connect_object (message, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

DxSavedMessage *
dx_saved_row_get_message (DxSavedRow *self)
{
  g_return_val_if_fail (DX_IS_SAVED_ROW (self), NULL);
  return self->message;
}

gboolean
dx_saved_row_get_in_library (DxSavedRow *self)
{
  g_return_val_if_fail (DX_IS_SAVED_ROW (self), FALSE);
  return self->in_library;
}

/**
 * dx_saved_row_set_can_move:
 *
 * Turns off Move Up on the first row and Move Down on the last.
 */
void
dx_saved_row_set_can_move (DxSavedRow *self,
                           gboolean    up,
                           gboolean    down)
{
  g_return_if_fail (DX_IS_SAVED_ROW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-up", up);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-down", down);
}

const char *
dx_saved_row_get_format_text (DxSavedRow *self)
{
  g_return_val_if_fail (DX_IS_SAVED_ROW (self), NULL);
  return gtk_label_get_text (self->format_label);
}

const char *
dx_saved_row_get_preview (DxSavedRow *self)
{
  g_return_val_if_fail (DX_IS_SAVED_ROW (self), NULL);
  return gtk_label_get_text (self->preview_label);
}
