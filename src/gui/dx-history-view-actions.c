/* dx-history-view-actions.c — clearing (with Undo) and exporting the
 * history shown by DxHistoryView
 *
 * A clear moves the entries aside without copying them; they go back on
 * Undo, or are freed when the toast is gone. An export of the shown rows
 * applies the filter itself, so it is whole even while the view filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dx-history-export.h"
#include "dx-history-view-private.h"

static void
clear_toast_dismissed_cb (AdwToast      *toast,
                          DxHistoryView *self)
{
  if (self->clear_toast != toast)
    return;
  g_clear_object (&self->clear_toast);
  g_clear_object (&self->cleared);
}

static void
undo_clear_cb (AdwToast      *toast,
               DxHistoryView *self)
{
  dx_history_view_undo_clear (self);
}

void
_dx_history_view_clear_activated (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  DxHistoryView *self = DX_HISTORY_VIEW (widget);
  GtkWidget *overlay;
  guint n;

  if (self->model == NULL || !DX_IS_HISTORY (self->model))
    return;

  n = g_list_model_get_n_items (self->model);
  dx_history_view_clear (self);

  /* libadwaita 1.2 uses freed memory when a toast is dismissed while it
   * animates: the one Undo toast is updated while it shows, never dismissed
   * by hand. */
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay && self->cleared)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Cleared %u message", "Cleared %u messages", n), n);

      if (self->clear_toast)
        {
          adw_toast_set_title (self->clear_toast, title);
          adw_toast_set_button_label (self->clear_toast, _("_Undo"));
          return;
        }

      self->clear_toast = adw_toast_new (title);
      adw_toast_set_button_label (self->clear_toast, _("_Undo"));
      g_signal_connect_object (self->clear_toast, "button-clicked", G_CALLBACK (undo_clear_cb), self, 0);
      g_signal_connect_object (self->clear_toast, "dismissed", G_CALLBACK (clear_toast_dismissed_cb), self, 0);
      /* the overlay takes a reference of its own */
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->clear_toast));
    }
}

typedef struct {
  DxHistory      *snapshot;
  GFile          *file;
  DxExportFormat  format;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->snapshot);
  g_clear_object (&job->file);
  g_free (job);
}

/* Writing a million rows takes about a second: not on the main thread */
static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (dx_history_export_to_file (G_LIST_MODEL (job->snapshot), NULL, job->format, job->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  DxHistoryView *self = DX_HISTORY_VIEW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_file_get_basename (job->file);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (job->snapshot));

      title = g_strdup_printf (ngettext ("Exported %u message to “%s”", "Exported %u messages to “%s”", n), n, name);
    }
  else
    title = g_strdup_printf (_("Could not export the history: %s"), error->message);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    DxHistoryView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->model && DX_IS_HISTORY (self->model))
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, export_done_cb, NULL);
      ExportJob *job = g_new0 (ExportJob, 1);
      gboolean shown = g_str_has_prefix (self->export_target, "shown");

      /* A copy of what to export, so that the history may go on growing
       * (or be cleared) while the file is written */
      job->snapshot = dx_history_filter_copy_matching (shown ? self->filter : NULL, DX_HISTORY (self->model));
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      job->format = g_str_has_suffix (self->export_target, "csv") ? DX_EXPORT_FORMAT_CSV : DX_EXPORT_FORMAT_JSON_LINES;
      g_task_set_task_data (task, job, export_job_free);
      g_task_set_source_tag (task, export_response_cb);
      g_task_run_in_thread (task, export_thread);
    }

  g_clear_object (&self->export_dialog);
}

void
_dx_history_view_export_activated (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  DxHistoryView *self = DX_HISTORY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  gboolean csv = g_str_has_suffix (target, "-csv");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) file_filter = gtk_file_filter_new ();

  if (self->export_dialog)
    return;

  g_free (self->export_target);
  self->export_target = g_strdup (target);

  chooser = gtk_file_chooser_native_new (_("Export History"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), csv ? "history.csv" : "history.jsonl");
  gtk_file_filter_set_name (file_filter, csv ? _("CSV") : _("JSON Lines"));
  gtk_file_filter_add_pattern (file_filter, csv ? "*.csv" : "*.jsonl");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), file_filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->export_dialog = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (self->export_dialog);
}

/* Drops what the last clear kept for Undo; its toast (if still shown)
 * loses its button */
void
_dx_history_view_forget_clear (DxHistoryView *self)
{
  g_clear_object (&self->cleared);
  if (self->clear_toast)
    adw_toast_set_button_label (self->clear_toast, NULL);
}

/**
 * dx_history_view_clear:
 *
 * Clears the history shown; dx_history_view_undo_clear() puts it back
 * until the next clear or another history is shown.
 */
void
dx_history_view_clear (DxHistoryView *self)
{
  g_return_if_fail (DX_IS_HISTORY_VIEW (self));

  if (self->model == NULL || !DX_IS_HISTORY (self->model))
    return;

  _dx_history_view_forget_clear (self);
  self->cleared = dx_history_clear (DX_HISTORY (self->model));
}

gboolean
dx_history_view_can_undo_clear (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), FALSE);
  return self->cleared != NULL;
}

void
dx_history_view_undo_clear (DxHistoryView *self)
{
  g_return_if_fail (DX_IS_HISTORY_VIEW (self));

  if (self->cleared == NULL || self->model == NULL || !DX_IS_HISTORY (self->model))
    return;

  dx_history_restore (DX_HISTORY (self->model), self->cleared);
  g_clear_object (&self->cleared);
  if (self->clear_toast)
    {
      adw_toast_set_title (self->clear_toast, _("History restored"));
      adw_toast_set_button_label (self->clear_toast, NULL);
    }
}

/**
 * dx_history_view_export:
 * @target: "all-jsonl", "all-csv", "shown-jsonl" or "shown-csv"
 *
 * Writes the whole history or the rows the filter shows to @file.
 */
gboolean
dx_history_view_export (DxHistoryView  *self,
                        GFile          *file,
                        const char     *target,
                        GError        **error)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (self->model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no history to export"));
      return FALSE;
    }

  return dx_history_export_to_file (self->model,
                                    g_str_has_prefix (target, "shown") ? self->filter : NULL,
                                    g_str_has_suffix (target, "csv") ? DX_EXPORT_FORMAT_CSV : DX_EXPORT_FORMAT_JSON_LINES,
                                    file, NULL, error);
}
