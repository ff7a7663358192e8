/* dx-saved-message-dialog.c — names, notes and edits a saved message
 *
 * One dialog for both ways in: saving the composer's message (the tester
 * picks this session or the library) and editing a saved one (content and
 * format too). Nothing reaches a list until the name is given, is not
 * taken in that list, and the content can be sent as its format says;
 * until then the dialog says why and keeps everything typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dx-bind.h"
#include "dx-message.h"
#include "dx-saved-message-dialog.h"
#include "dx-variables.h"

/* Content larger than this (a loaded file as Base64) is kept as it is and
 * not shown: a text view holding megabytes would make the dialog crawl */
#define SHOWN_CONTENT_MAX (64 * 1024)

struct _DxSavedMessageDialog
{
  AdwWindow        parent_instance;

  AdwEntryRow     *name_row;
  AdwEntryRow     *note_row;
  AdwComboRow     *place_row;
  AdwComboRow     *format_row;
  GtkLabel        *error_label;
  GtkLabel        *large_label;
  GtkWidget       *content_scroller;
  GtkSourceView   *content_view;

  GtkSourceBuffer *buffer;
  GListStore      *session_messages;
  GListStore      *library;
  DxSavedMessage  *editing;        /* NULL when saving a new one */
  char            *large_content;  /* content too large to show, or NULL */
};

G_DEFINE_FINAL_TYPE (DxSavedMessageDialog, dx_saved_message_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The place row's items */
enum {
  PLACE_SESSION,
  PLACE_LIBRARY,
};

static void
show_error (DxSavedMessageDialog *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
show_name_error (DxSavedMessageDialog *self,
                 const char           *message)
{
  show_error (self, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static GListStore *
target_store (DxSavedMessageDialog *self)
{
  if (self->session_messages == NULL)
    return self->library;
  if (self->library == NULL)
    return self->session_messages;
  return adw_combo_row_get_selected (self->place_row) == PLACE_LIBRARY ? self->library : self->session_messages;
}

static char *
dup_content (DxSavedMessageDialog *self)
{
  GtkTextIter start, end;

  if (self->large_content)
    return g_strdup (self->large_content);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

static void
format_changed_cb (DxSavedMessageDialog *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  gboolean json = adw_combo_row_get_selected (self->format_row) == DX_SAVED_FORMAT_JSON;

  gtk_source_buffer_set_language (self->buffer,
                                  json ? gtk_source_language_manager_get_language (languages, "json") : NULL);
  show_error (self, NULL);
}

static void
input_changed_cb (DxSavedMessageDialog *self)
{
  show_error (self, NULL);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dx_saved_message_dialog_save (DX_SAVED_MESSAGE_DIALOG (widget));
}

static void
dx_saved_message_dialog_dispose (GObject *object)
{
  DxSavedMessageDialog *self = DX_SAVED_MESSAGE_DIALOG (object);

  g_clear_object (&self->session_messages);
  g_clear_object (&self->library);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->large_content, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_SAVED_MESSAGE_DIALOG);

  G_OBJECT_CLASS (dx_saved_message_dialog_parent_class)->dispose (object);
}

static void
dx_saved_message_dialog_class_init (DxSavedMessageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_saved_message_dialog_dispose;

  /**
   * DxSavedMessageDialog::saved:
   * @message: the message as it is now in @store
   * @store: the list that holds it
   * @old_name: the name it had before, or %NULL when it is new
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  DX_TYPE_SAVED_MESSAGE, G_TYPE_LIST_STORE, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-saved-message-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, large_label);
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, content_scroller);
  gtk_widget_class_bind_template_child (widget_class, DxSavedMessageDialog, content_view);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* Ctrl+Enter saves from the content too, where Enter is a new line */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.save", NULL);
}

static void
dx_saved_message_dialog_init (DxSavedMessageDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->content_view)));
  dx_bind_style_scheme (self->buffer);

  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (format_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->place_row, "notify::selected", G_CALLBACK (input_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (input_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (input_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "entry-activated", G_CALLBACK (dx_saved_message_dialog_save),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_row, "entry-activated", G_CALLBACK (dx_saved_message_dialog_save),
                           self, G_CONNECT_SWAPPED);
}

static DxSavedMessageDialog *
dialog_new (GtkWindow     *parent,
            const char    *title,
            DxSavedFormat  format,
            const char    *content)
{
  DxSavedMessageDialog *self = g_object_new (DX_TYPE_SAVED_MESSAGE_DIALOG,
                                             "title", title,
                                             "transient-for", parent,
                                             NULL);

  gsize length = content ? strlen (content) : 0;

  adw_combo_row_set_selected (self->format_row, format);
  if (length > SHOWN_CONTENT_MAX)
    {
      g_autofree char *size = dx_format_size (length);
      g_autofree char *text = NULL;

      self->large_content = g_strdup (content);
      /* Translators: %s is a size, such as 2.9 MiB */
      text = g_strdup_printf (_("%s of content, too large to show here; it is saved as it is."), size);
      gtk_label_set_text (self->large_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->large_label), TRUE);
      gtk_widget_set_visible (self->content_scroller, FALSE);
    }
  else
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), content ? content : "", -1);
  format_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/**
 * dx_saved_message_dialog_new_for_save:
 * @session_messages: (nullable): the session's saved messages
 * @library: (nullable): the workspace's library
 *
 * A dialog that adds a new message with @format and @content (which the
 * tester may still change) to the list the tester picks.
 */
DxSavedMessageDialog *
dx_saved_message_dialog_new_for_save (GtkWindow     *parent,
                                      GListStore    *session_messages,
                                      GListStore    *library,
                                      DxSavedFormat  format,
                                      const char    *content)
{
  DxSavedMessageDialog *self;

  g_return_val_if_fail (session_messages != NULL || library != NULL, NULL);

  self = dialog_new (parent, _("Save Message"), format, content);
  g_set_object (&self->session_messages, session_messages);
  g_set_object (&self->library, library);
  gtk_widget_set_visible (GTK_WIDGET (self->place_row), session_messages != NULL && library != NULL);
  return self;
}

/**
 * dx_saved_message_dialog_new_for_edit:
 * @messages: the list that holds @message
 *
 * A dialog that changes @message in place: its name, note, format and
 * content.
 */
DxSavedMessageDialog *
dx_saved_message_dialog_new_for_edit (GtkWindow      *parent,
                                      GListStore     *messages,
                                      gboolean        in_library,
                                      DxSavedMessage *message)
{
  DxSavedMessageDialog *self;

  g_return_val_if_fail (G_IS_LIST_STORE (messages), NULL);
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (message), NULL);

  self = dialog_new (parent, _("Edit Saved Message"),
                     dx_saved_message_get_format (message), dx_saved_message_get_content (message));
  if (in_library)
    g_set_object (&self->library, messages);
  else
    g_set_object (&self->session_messages, messages);
  self->editing = g_object_ref (message);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), dx_saved_message_get_name (message));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), dx_saved_message_get_note (message));
  /* Renaming is the most common edit: typing replaces the name */
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->place_row), FALSE);
  show_error (self, NULL);
  return self;
}

/**
 * dx_saved_message_dialog_save:
 *
 * What the Save button does: checks the name and content, then adds or
 * changes the message and closes; or shows why not and keeps it all.
 *
 * Returns: whether the message was saved
 */
gboolean
dx_saved_message_dialog_save (DxSavedMessageDialog *self)
{
  GListStore *store;
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;
  g_autofree char *content = NULL;
  g_autofree char *old_name = NULL;
  g_autoptr(DxSavedMessage) message = NULL;
  DxSavedMessage *same_name;
  DxSavedFormat format;
  guint position;

  g_return_val_if_fail (DX_IS_SAVED_MESSAGE_DIALOG (self), FALSE);

  store = target_store (self);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  content = dup_content (self);
  format = adw_combo_row_get_selected (self->format_row);

  if (name[0] == '\0')
    {
      show_name_error (self, _("Give the message a name: heartbeats and scenario steps find saved messages by name."));
      return FALSE;
    }

  same_name = dx_saved_message_find (G_LIST_MODEL (store), name, NULL);
  if (same_name != NULL && same_name != self->editing)
    {
      g_autofree char *free_name = dx_saved_message_unique_name (G_LIST_MODEL (store), name);
      g_autofree char *error = NULL;

      if (store == self->library)
        /* Translators: both %s are names of saved messages */
        error = g_strdup_printf (_("The library already has a message named “%s”. Choose another name, such as “%s”."),
                                 name, free_name);
      else
        /* Translators: both %s are names of saved messages */
        error = g_strdup_printf (_("This session already has a message named “%s”. Choose another name, such as “%s”."),
                                 name, free_name);
      show_name_error (self, error);
      return FALSE;
    }

  message = dx_saved_message_new (name, format, content);
  dx_saved_message_set_note (message, note);

  /* With {{variables}} the content is only known when sent; without, a
   * message that could never be sent is caught here */
  if (!dx_variables_has_references (content))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) payload = dx_saved_message_build (message, NULL, &error);

      if (payload == NULL)
        {
          show_error (self, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->content_view));
          return FALSE;
        }
    }

  /* An edit replaces the item, so that every view of the list (rows, the
   * heartbeat's choice) hears of it through items-changed */
  if (self->editing && g_list_store_find (store, self->editing, &position))
    {
      old_name = g_strdup (dx_saved_message_get_name (self->editing));
      g_list_store_splice (store, position, 1, (gpointer *) &message, 1);
    }
  else
    g_list_store_append (store, message);

  g_signal_emit (self, signals[SAVED], 0, message, store, old_name);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/**
 * dx_saved_message_dialog_get_error:
 *
 * Returns: (nullable): why the message was not saved, while shown
 */
const char *
dx_saved_message_dialog_get_error (DxSavedMessageDialog *self)
{
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
