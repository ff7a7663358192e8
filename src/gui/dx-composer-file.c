/* dx-composer-file.c — a file as the next binary message: chosen, loaded
 * off the main thread, shown by name and size instead of the text
 * (which is kept beneath it), and removed again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-composer-private.h"

/* A file, or an earlier message too large to show as text, is the next
 * binary message; the text beneath it is kept */
void
_dx_composer_set_file_payload (DxComposer *self,
                               const char *name,
                               GBytes     *payload)
{
  g_autofree char *size = dx_format_size (g_bytes_get_size (payload));

  g_free (self->file_name);
  self->file_name = g_strdup (name);
  g_clear_pointer (&self->file_payload, g_bytes_unref);
  self->file_payload = g_bytes_ref (payload);

  gtk_label_set_text (self->file_name_label, self->file_name);
  gtk_label_set_text (self->file_size_label, size);
  gtk_stack_set_visible_child_name (self->body_stack, "file");
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->hex_button)), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.remove-file", TRUE);
  dx_composer_set_mode (self, DX_COMPOSER_MODE_BINARY);
  dx_composer_show_error (self, NULL);
  _dx_composer_update_size (self);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(DxComposer) self = data;
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;

  payload = dx_payload_load_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  if (payload == NULL)
    {
      dx_composer_show_error (self, error->message);
      return;
    }

  basename = g_file_get_basename (file);
  display_name = g_filename_display_name (basename ? basename : "");
  _dx_composer_set_file_payload (self, display_name, payload);
  self->recall_position = DX_COMPOSER_NO_RECALL;
}

static void
file_chosen_cb (DxComposer           *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      dx_composer_load_file (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

void
_dx_composer_load_file_activated (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  DxComposer *self = DX_COMPOSER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Load a File as a Binary Message"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Load"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_dx_composer_remove_file_activated (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  DxComposer *self = DX_COMPOSER (widget);

  dx_composer_remove_file (self);
  dx_composer_focus (self);
}

/**
 * dx_composer_load_file:
 *
 * Reads @file in the background as the next binary message, and switches
 * to binary mode; a file that cannot be read, or is larger than
 * %DX_PAYLOAD_MAX_SIZE, is explained beneath the composer.
 */
void
dx_composer_load_file (DxComposer *self,
                       GFile      *file)
{
  g_return_if_fail (DX_IS_COMPOSER (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  dx_payload_load_file_async (file, self->load_cancellable, file_loaded_cb, g_object_ref (self));
}

/**
 * dx_composer_get_file_name:
 *
 * Returns: (nullable): the name of the file that is the next message
 */
const char *
dx_composer_get_file_name (DxComposer *self)
{
  g_return_val_if_fail (DX_IS_COMPOSER (self), NULL);
  return self->file_payload ? self->file_name : NULL;
}

void
dx_composer_remove_file (DxComposer *self)
{
  g_return_if_fail (DX_IS_COMPOSER (self));

  if (self->file_payload == NULL)
    return;

  g_clear_pointer (&self->file_payload, g_bytes_unref);
  g_clear_pointer (&self->file_name, g_free);
  gtk_stack_set_visible_child_name (self->body_stack, "editor");
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->hex_button)), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.remove-file", FALSE);
  _dx_composer_update_size (self);
}
