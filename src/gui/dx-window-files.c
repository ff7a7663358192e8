/* dx-window-files.c — workspace files from the window: Open, Save, Save
 * As, Import, Export, and a workspace file dropped on the window
 *
 * A file that cannot be read is explained in a dialog that names the
 * problem, and the workspace on screen stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-window-files.h"
#include "dx-workspace-io.h"

#define FILE_KEY "dx-workspace-file"

GFile *
dx_window_get_file (DxWindow *self)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), FILE_KEY);
}

static void
set_file (DxWindow *self,
          GFile    *file)
{
  g_object_set_data_full (G_OBJECT (self), FILE_KEY, file ? g_object_ref (file) : NULL, g_object_unref);
}

static void
toast (DxWindow   *self,
       const char *title)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)));

  adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

static void
show_error (DxWindow   *self,
            const char *heading,
            GError     *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base);
}

/**
 * dx_window_open_file:
 *
 * Replaces the window's workspace with the one in @file; on error the
 * workspace is left as it was.
 */
gboolean
dx_window_open_file (DxWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(DxWorkspace) loaded = NULL;

  g_return_val_if_fail (DX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  loaded = dx_workspace_io_load (file, error);
  if (loaded == NULL)
    return FALSE;

  dx_workspace_replace (dx_window_get_workspace (self), loaded);
  set_file (self, file);
  return TRUE;
}

/**
 * dx_window_import_file:
 *
 * Adds the sessions of @file after the window's own; a session that is
 * already here (the same id) comes in as a copy of its own.
 */
gboolean
dx_window_import_file (DxWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(DxWorkspace) loaded = NULL;
  DxWorkspace *workspace;
  GListModel *sessions;
  DxSession *last = NULL;

  g_return_val_if_fail (DX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  loaded = dx_workspace_io_load (file, error);
  if (loaded == NULL)
    return FALSE;

  workspace = dx_window_get_workspace (self);
  sessions = G_LIST_MODEL (dx_workspace_get_sessions (loaded));
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);

      if (dx_workspace_find_session (workspace, dx_session_get_id (session), NULL))
        {
          DxSession *copy = dx_session_duplicate (session, dx_session_get_name (session));

          g_object_unref (session);
          session = copy;
        }
      g_list_store_append (dx_workspace_get_sessions (workspace), session);
      last = session;
    }

  if (last)
    dx_window_select_session (self, last);
  return TRUE;
}

gboolean
dx_window_save_file (DxWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_return_val_if_fail (DX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!dx_workspace_io_save (dx_window_get_workspace (self), file, error))
    return FALSE;

  set_file (self, file);
  return TRUE;
}

/**
 * dx_window_export_file:
 *
 * Writes the selected session alone to @file, as a workspace.
 */
gboolean
dx_window_export_file (DxWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(GListStore) only = g_list_store_new (DX_TYPE_SESSION);
  g_autofree char *data = NULL;
  DxSession *session;
  gsize length;

  g_return_val_if_fail (DX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  session = dx_window_get_session (self);
  if (session)
    g_list_store_append (only, session);

  data = dx_workspace_io_to_data (dx_window_get_workspace (self), G_LIST_MODEL (only), &length);
  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/* ---- file choosers ------------------------------------------------------ */

typedef enum {
  CHOOSE_OPEN,
  CHOOSE_IMPORT,
  CHOOSE_SAVE,
  CHOOSE_EXPORT,
} Choice;

static void
run_choice (DxWindow *self,
            Choice    choice,
            GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (file);
  g_autofree char *done = NULL;
  const char *failed = NULL;

  switch (choice)
    {
    case CHOOSE_OPEN:
      if (dx_window_open_file (self, file, &error))
        done = g_strdup_printf (_("Opened “%s”"), name);
      failed = _("Could Not Open the Workspace");
      break;
    case CHOOSE_IMPORT:
      if (dx_window_import_file (self, file, &error))
        done = g_strdup_printf (_("Imported the sessions of “%s”"), name);
      failed = _("Could Not Import the Sessions");
      break;
    case CHOOSE_SAVE:
      if (dx_window_save_file (self, file, &error))
        done = g_strdup_printf (_("Saved “%s”"), name);
      failed = _("Could Not Save the Workspace");
      break;
    case CHOOSE_EXPORT:
      if (dx_window_export_file (self, file, &error))
        done = g_strdup_printf (_("Exported to “%s”"), name);
      failed = _("Could Not Export the Session");
      break;
    default:
      g_assert_not_reached ();
    }

  if (error)
    show_error (self, failed, error);
  else
    toast (self, done);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DxWindow        *self)
{
  Choice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "dx-choice"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      run_choice (self, choice, file);
    }
  g_object_unref (chooser);
}

static void
choose_file (DxWindow   *self,
             Choice      choice,
             const char *title,
             const char *accept,
             const char *suggested_name)
{
  gboolean saving = choice == CHOOSE_SAVE || choice == CHOOSE_EXPORT;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         saving ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept, _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Duplex workspaces (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (suggested_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);

  g_object_set_data (G_OBJECT (chooser), "dx-choice", GINT_TO_POINTER (choice));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  choose_file (DX_WINDOW (widget), CHOOSE_OPEN, _("Open Workspace"), _("_Open"), NULL);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose_file (DX_WINDOW (widget), CHOOSE_IMPORT, _("Import Sessions"), _("_Import"), NULL);
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_file (DX_WINDOW (widget), CHOOSE_SAVE, _("Save Workspace"), _("_Save"), _("workspace.json"));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  GFile *file = dx_window_get_file (self);

  if (file)
    run_choice (self, CHOOSE_SAVE, file);
  else
    save_as_activated (widget, action_name, parameter);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DxWindow *self = DX_WINDOW (widget);
  DxSession *session = dx_window_get_session (self);
  g_autofree char *name = NULL;

  if (session == NULL)
    return;

  /* Translators: the file an unnamed session is exported to, before ".json" */
  name = g_strdup_printf ("%s.json", dx_session_get_name (session)[0] ? dx_session_get_name (session) : _("session"));
  g_strdelimit (name, "/\\", '-');
  choose_file (self, CHOOSE_EXPORT, _("Export Session"), _("_Export"), name);
}

/* ---- drop ---------------------------------------------------------------- */

static void
drop_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DxWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "dx-file");

  if (g_str_equal (response, "open"))
    run_choice (self, CHOOSE_OPEN, file);
  else if (g_str_equal (response, "import"))
    run_choice (self, CHOOSE_IMPORT, file);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DxWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (files == NULL || files->next != NULL)
    return FALSE;

  name = display_name (files->data);
  body = g_strdup_printf (_("Open “%s” in place of this workspace, or add its sessions to it?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Open or Import?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import Sessions"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dx-file", g_object_ref (files->data), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (drop_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

void
_dx_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
}

void
_dx_window_files_init (DxWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
