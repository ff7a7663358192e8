/* dx-step-editor-send.c — the send step's page: the message written here
 * (text, JSON, hex or Base64, in a source view that highlights JSON), or a
 * saved message chosen by name
 *
 * A send step sends a saved message when it has a message name, so
 * "Saved message" and "Written here" are not a setting of their own: the
 * choice follows the name. The name the step had is kept on screen even
 * when no saved message has it any more, marked missing, so that opening a
 * step never rewrites it; the run is what fails, with a clear message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-saved-message.h"
#include "dx-step-editor-private.h"

/* Where a step that goes back to "Written here" keeps its saved message's
 * name, so that choosing "Saved message" again brings it back */
#define LAST_NAME_KEY "dx-step-editor-last-message-name"

static const char *
step_message_name (DxStepEditor *self)
{
  const char *name = self->step ? dx_scenario_step_get_message_name (self->step) : NULL;

  return name && name[0] ? name : NULL;
}

/* A saved message was renamed, added or removed */
static void
saved_list_changed_cb (DxStepEditor *self)
{
  _dx_step_editor_send_rebuild (self);
  _dx_step_editor_send_sync (self);
}

static void
watch_saved (DxStepEditor *self,
             GListModel   *list)
{
  guint n = list ? g_list_model_get_n_items (list) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_signal_connect_swapped (item, "notify::name", G_CALLBACK (saved_list_changed_cb), self);
      g_ptr_array_add (self->watched_saved, g_steal_pointer (&item));
    }
}

static void
unwatch_saved (DxStepEditor *self)
{
  for (guint i = 0; i < self->watched_saved->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched_saved, i),
                                          saved_list_changed_cb, self);
  g_ptr_array_set_size (self->watched_saved, 0);
}

static gboolean
same_labels (GListModel    *model,
             GtkStringList *labels)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (labels));

  if (model == NULL || !GTK_IS_STRING_LIST (model) || g_list_model_get_n_items (model) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                   gtk_string_list_get_string (labels, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  DxStepEditor *self = data;

  self->rebuild_source = 0;
  _dx_step_editor_send_rebuild (self);
  _dx_step_editor_send_sync (self);
  return G_SOURCE_REMOVE;
}

/**
 * _dx_step_editor_send_rebuild:
 *
 * Lists the saved messages to choose from, the session's then the
 * library's, and the step's own name if neither has it.
 */
void
_dx_step_editor_send_rebuild (DxStepEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *current = step_message_name (self);
  guint selected = GTK_INVALID_LIST_POSITION;

  /* The choice being made is still on its way out of the list's
   * selection model: replace the list once it is done with it */
  if (self->choosing)
    {
      if (self->rebuild_source == 0)
        self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
      return;
    }

  unwatch_saved (self);
  watch_saved (self, self->session_saved);
  watch_saved (self, self->library);

  g_clear_pointer (&self->saved_names, g_ptr_array_unref);
  self->saved_names = dx_saved_message_names (self->session_saved, self->library);

  for (guint i = 0; i < self->saved_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->saved_names, i);

      gtk_string_list_append (labels, name);
      if (g_strcmp0 (name, current) == 0)
        selected = i;
    }
  if (current && selected == GTK_INVALID_LIST_POSITION)
    {
      /* TRANSLATORS: a saved message a send step names, which neither the
       * session nor the library has any more */
      g_autofree char *label = g_strdup_printf (_("%s (missing)"), current);

      selected = self->saved_names->len;
      g_ptr_array_add (self->saved_names, g_strdup (current));
      gtk_string_list_append (labels, label);
    }

  self->updating = TRUE;
  if (!same_labels (adw_combo_row_get_model (self->saved_row), labels))
    adw_combo_row_set_model (self->saved_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->saved_row, selected);
  self->updating = FALSE;
}

static void
update_hint (DxStepEditor *self,
             gboolean      saved)
{
  const char *name = step_message_name (self);
  g_autofree char *hint = NULL;

  if (saved && name == NULL && self->saved_names->len == 0)
    hint = g_strdup (_("There are no saved messages yet: save one from the composer, "
                       "or on the Saved page. Until one is chosen, the text below is sent."));
  else if (saved && name == NULL)
    hint = g_strdup (_("Choose the saved message to send. Until one is chosen, the text below is sent."));
  else if (name && !(self->session_saved && dx_saved_message_find (self->session_saved, name, NULL)) &&
           !(self->library && dx_saved_message_find (self->library, name, NULL)))
    hint = g_strdup_printf (_("Neither the session nor the library has a saved message called “%s”: "
                              "choose another, or the step fails when it runs."), name);

  gtk_label_set_text (self->saved_hint, hint ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->saved_hint), hint != NULL);
}

static void
update_language (DxStepEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->content_view)));
  gboolean json = self->step && dx_scenario_step_get_format (self->step) == DX_SAVED_FORMAT_JSON;

  gtk_source_buffer_set_language (buffer, json ? gtk_source_language_manager_get_language (languages, "json") : NULL);
}

/**
 * _dx_step_editor_send_sync:
 *
 * Shows the send page's parts for what the step sends now.
 */
void
_dx_step_editor_send_sync (DxStepEditor *self)
{
  gboolean saved = step_message_name (self) != NULL || self->want_saved;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->send_source_row, saved ? 1 : 0);
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->saved_row), saved);
  /* Until a saved message is chosen the step still sends its own text:
   * keep it in view rather than hide what will go out */
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), step_message_name (self) == NULL);
  gtk_widget_set_visible (self->content_box, step_message_name (self) == NULL);
  update_hint (self, saved);
  update_language (self);
}

static void
source_selected_cb (DxStepEditor *self)
{
  const char *name;

  if (self->updating || self->step == NULL)
    return;

  name = step_message_name (self);
  if (adw_combo_row_get_selected (self->send_source_row) == 1)
    {
      const char *last = g_object_get_data (G_OBJECT (self->step), LAST_NAME_KEY);

      self->want_saved = TRUE;
      if (name == NULL && last != NULL)
        dx_scenario_step_set_message_name (self->step, last);
      else if (name == NULL && self->saved_names->len > 0)
        dx_scenario_step_set_message_name (self->step, g_ptr_array_index (self->saved_names, 0));
    }
  else
    {
      self->want_saved = FALSE;
      if (name)
        g_object_set_data_full (G_OBJECT (self->step), LAST_NAME_KEY, g_strdup (name), g_free);
      dx_scenario_step_set_message_name (self->step, NULL);
    }
  _dx_step_editor_send_sync (self);
}

static void
saved_selected_cb (DxStepEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->saved_row);

  if (self->updating || self->step == NULL || selected >= self->saved_names->len)
    return;
  self->choosing = TRUE;
  dx_scenario_step_set_message_name (self->step, g_ptr_array_index (self->saved_names, selected));
  self->choosing = FALSE;
}

void
_dx_step_editor_send_init (DxStepEditor *self)
{
  self->saved_names = g_ptr_array_new_with_free_func (g_free);
  self->watched_saved = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_swapped (self->send_source_row, "notify::selected", G_CALLBACK (source_selected_cb), self);
  g_signal_connect_swapped (self->saved_row, "notify::selected", G_CALLBACK (saved_selected_cb), self);
  dx_bind_style_scheme (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->content_view))));
}

static void
forget_list (DxStepEditor  *self,
             GListModel   **list)
{
  if (*list)
    g_signal_handlers_disconnect_by_func (*list, saved_list_changed_cb, self);
  g_clear_object (list);
}

void
_dx_step_editor_send_dispose (DxStepEditor *self)
{
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->watched_saved)
    unwatch_saved (self);
  forget_list (self, &self->session_saved);
  forget_list (self, &self->library);
  g_clear_pointer (&self->watched_saved, g_ptr_array_unref);
  g_clear_pointer (&self->saved_names, g_ptr_array_unref);
}

/**
 * dx_step_editor_set_saved_messages:
 * @session_saved: (nullable): the session's #DxSavedMessage list
 * @library: (nullable): the workspace's library of saved messages
 *
 * What a send step can choose from, as the runner looks names up: the
 * session's own first, then the library's.
 */
void
dx_step_editor_set_saved_messages (DxStepEditor *self,
                                   GListModel   *session_saved,
                                   GListModel   *library)
{
  g_return_if_fail (DX_IS_STEP_EDITOR (self));
  g_return_if_fail (session_saved == NULL || G_IS_LIST_MODEL (session_saved));
  g_return_if_fail (library == NULL || G_IS_LIST_MODEL (library));

  forget_list (self, &self->session_saved);
  forget_list (self, &self->library);
  self->session_saved = session_saved ? g_object_ref (session_saved) : NULL;
  self->library = library ? g_object_ref (library) : NULL;
  if (session_saved)
    g_signal_connect_swapped (session_saved, "items-changed", G_CALLBACK (saved_list_changed_cb), self);
  if (library)
    g_signal_connect_swapped (library, "items-changed", G_CALLBACK (saved_list_changed_cb), self);

  _dx_step_editor_send_rebuild (self);
  _dx_step_editor_send_sync (self);
}
