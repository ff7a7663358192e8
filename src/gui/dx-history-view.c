/* dx-history-view.c — the message history as a GtkListView with recycled
 * rows, a search and filter bar, an inspector for the selected row and a
 * status line with counts and rates
 *
 * It follows the newest row until the tester scrolls away or pauses, and
 * offers a button to follow again. Filtering goes through a
 * DxFilteredHistory, which tests rows where they are stored and works in
 * slices, so a search over a million rows never holds the main loop; a
 * spinner and the status line show how far it got. Clearing moves the
 * entries aside (no copy) until the Undo toast is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dx-filtered-history.h"
#include "dx-history.h"
#include "dx-history-export.h"
#include "dx-history-filter.h"
#include "dx-history-row.h"
#include "dx-history-view.h"
#include "dx-history-view-private.h"
#include "dx-message-inspector.h"

G_DEFINE_FINAL_TYPE (DxHistoryView, dx_history_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FOLLOWING,
  PROP_PAUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint kind_masks[] = {
  DX_HISTORY_FILTER_ALL,
  DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_TEXT),
  DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_BINARY),
  DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_PING),
  DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_PONG),
  DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_CLOSE),
  DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_OPEN) | DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_ERROR) |
    DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_STATE),
};

static void
set_following (DxHistoryView *self,
               gboolean       following)
{
  if (self->following == following)
    return;
  self->following = following;
  gtk_revealer_set_reveal_child (self->jump_revealer, !following);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

static void
stick_to_end (DxHistoryView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  /* An empty list has nowhere to scroll to, and GtkListView warns */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    return;

  self->scrolling = TRUE;
  gtk_adjustment_set_value (adjustment, end);
  self->last_value = gtk_adjustment_get_value (adjustment);
  self->scrolling = FALSE;
}

static gboolean
follow_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  DxHistoryView *self = DX_HISTORY_VIEW (widget);

  self->follow_tick = 0;
  if (self->following)
    stick_to_end (self);

  return G_SOURCE_REMOVE;
}

static void
adjustment_changed_cb (GtkAdjustment *adjustment,
                       DxHistoryView *self)
{
  /* New rows made the list taller: keep the newest in view if following.
   * The list view configures its adjustment while it lays itself out, and
   * only takes a new value from outside that; so move at the next frame. */
  if (self->following && self->follow_tick == 0)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_tick_cb, NULL, NULL);
}

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment,
                             DxHistoryView *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double last_value = self->last_value;

  if (self->scrolling)
    return;

  self->last_value = value;

  /* Only a move up is the tester scrolling away; the list growing under a
   * still value is not. While paused, reaching the end follows nothing. */
  if (value >= end - 4 && !self->paused)
    set_following (self, TRUE);
  else if (value < last_value - 1)
    set_following (self, FALSE);
  else if (self->following)
    adjustment_changed_cb (adjustment, self);
}

static void
update_page (DxHistoryView *self)
{
  const char *page;

  if (self->model == NULL || g_list_model_get_n_items (self->model) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0 &&
           dx_filtered_history_get_pending (self->shown) == 0)
    page = "no-match";
  else
    page = "list";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
count_entries (DxHistoryView *self,
               guint          position,
               guint          n)
{
  DxHistory *history = DX_HISTORY (self->model);

  for (guint i = position; i < position + n; i++)
    {
      switch (dx_history_get_direction (history, i))
        {
        case DX_DIRECTION_SENT:
          self->n_sent++;
          self->bytes_sent += dx_history_get_size (history, i);
          break;
        case DX_DIRECTION_RECEIVED:
          self->n_received++;
          self->bytes_received += dx_history_get_size (history, i);
          break;
        case DX_DIRECTION_EVENT:
        default:
          break;
        }
    }
}

static void
recount (DxHistoryView *self)
{
  self->n_sent = self->n_received = 0;
  self->bytes_sent = self->bytes_received = 0;
  if (self->model && DX_IS_HISTORY (self->model))
    count_entries (self, 0, g_list_model_get_n_items (self->model));
  self->rate_last_count = self->n_sent + self->n_received;
  self->rate_last_time = g_get_monotonic_time ();
  self->rate = 0;
}

static void
update_status (DxHistoryView *self)
{
  g_autofree char *text = dx_history_view_dup_status_text (self);
  gboolean pending = dx_filtered_history_get_pending (self->shown) > 0;

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_spinner), pending);
  gtk_spinner_set_spinning (self->filter_spinner, pending);
}

static gboolean
status_timer_cb (gpointer data)
{
  DxHistoryView *self = data;
  gint64 now = g_get_monotonic_time ();
  guint64 count = self->n_sent + self->n_received;

  if (now > self->rate_last_time)
    self->rate = (count - self->rate_last_count) * (double) G_USEC_PER_SEC / (now - self->rate_last_time);
  self->rate_last_count = count;
  self->rate_last_time = now;
  update_status (self);

  return G_SOURCE_CONTINUE;
}

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  DxHistoryView *self)
{
  if (removed > 0 || !DX_IS_HISTORY (model))
    recount (self);
  else
    count_entries (self, position, added);
  update_page (self);
}

static void
filter_items_changed_cb (DxHistoryView *self)
{
  update_page (self);
}

static void
pending_changed_cb (DxHistoryView *self)
{
  update_page (self);
  update_status (self);
}

/* The shown rows follow the filter by themselves (they were connected
 * to it first); this only tells the tester */
static void
filter_changed_cb (DxHistoryView *self)
{
  update_page (self);
  update_status (self);
}

static void
search_changed_cb (DxHistoryView *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean regex = gtk_toggle_button_get_active (self->regex_button);

  g_clear_pointer (&self->search_error, g_free);
  if (dx_history_filter_set_search (self->filter, text, regex, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), NULL);
    }
  else
    {
      self->search_error = g_strdup (error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), error->message);
    }
  update_status (self);
}

static void
directions_toggled_cb (DxHistoryView *self)
{
  guint mask = 0;

  if (gtk_toggle_button_get_active (self->sent_button))
    mask |= DX_HISTORY_FILTER_BIT (DX_DIRECTION_SENT);
  if (gtk_toggle_button_get_active (self->received_button))
    mask |= DX_HISTORY_FILTER_BIT (DX_DIRECTION_RECEIVED);
  if (gtk_toggle_button_get_active (self->events_button))
    mask |= DX_HISTORY_FILTER_BIT (DX_DIRECTION_EVENT);

  /* All three on is "everything", which filters nothing at all */
  if (mask == (DX_HISTORY_FILTER_BIT (DX_DIRECTION_SENT) | DX_HISTORY_FILTER_BIT (DX_DIRECTION_RECEIVED) |
               DX_HISTORY_FILTER_BIT (DX_DIRECTION_EVENT)))
    mask = DX_HISTORY_FILTER_ALL;
  dx_history_filter_set_directions (self->filter, mask);
}

static void
kind_changed_cb (DxHistoryView *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  dx_history_filter_set_kinds (self->filter, kind_masks[MIN (kind, G_N_ELEMENTS (kind_masks) - 1)]);
}

static void
stop_search_cb (DxHistoryView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
pause_toggled_cb (DxHistoryView *self)
{
  dx_history_view_set_paused (self, gtk_toggle_button_get_active (self->pause_button));
}

static void
selection_changed_cb (DxHistoryView *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  DxMessage *message = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(DxMessage) previous = NULL;

  if (message && position > 0 && position != GTK_INVALID_LIST_POSITION)
    previous = g_list_model_get_item (G_LIST_MODEL (self->shown), position - 1);

  dx_message_inspector_set_message (self->inspector, message, previous);
  /* The list gets the room back when nothing is selected */
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), message != NULL);
}

static void
inspector_closed_cb (DxHistoryView *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  gtk_list_item_set_child (item, dx_history_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  data)
{
  dx_history_row_set_message (DX_HISTORY_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
follow_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DxHistoryView *self = DX_HISTORY_VIEW (widget);

  dx_history_view_set_paused (self, FALSE);
  dx_history_view_scroll_to_end (self);
}

static void
focus_search_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (DX_HISTORY_VIEW (widget)->search_entry));
}

static void
dx_history_view_map (GtkWidget *widget)
{
  DxHistoryView *self = DX_HISTORY_VIEW (widget);

  GTK_WIDGET_CLASS (dx_history_view_parent_class)->map (widget);

  recount (self);
  update_status (self);
  if (self->status_timer == 0)
    {
      self->status_timer = g_timeout_add_seconds (1, status_timer_cb, self);
      g_source_set_name_by_id (self->status_timer, "[duplex] history status");
    }
}

static void
dx_history_view_unmap (GtkWidget *widget)
{
  DxHistoryView *self = DX_HISTORY_VIEW (widget);

  g_clear_handle_id (&self->status_timer, g_source_remove);

  GTK_WIDGET_CLASS (dx_history_view_parent_class)->unmap (widget);
}

static void
dx_history_view_dispose (GObject *object)
{
  DxHistoryView *self = DX_HISTORY_VIEW (object);

  dx_history_view_set_model (self, NULL);
  if (self->clear_toast)
    g_signal_handlers_disconnect_by_data (self->clear_toast, self);
  g_clear_object (&self->clear_toast);
  if (self->follow_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_tick);
  self->follow_tick = 0;
  g_clear_handle_id (&self->status_timer, g_source_remove);
  if (self->export_dialog)
    {
      g_signal_handlers_disconnect_by_data (self->export_dialog, self);
      gtk_native_dialog_destroy (self->export_dialog);
      g_clear_object (&self->export_dialog);
    }
  if (self->filter)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_HISTORY_VIEW);
  /* set_model (NULL) above left the shown rows with no history */
  if (self->shown)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->cleared);
  g_clear_pointer (&self->search_error, g_free);
  g_clear_pointer (&self->export_target, g_free);

  G_OBJECT_CLASS (dx_history_view_parent_class)->dispose (object);
}

static void
dx_history_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DxHistoryView *self = DX_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_history_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DxHistoryView *self = DX_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      dx_history_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_PAUSED:
      dx_history_view_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_history_view_class_init (DxHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_history_view_dispose;
  object_class->get_property = dx_history_view_get_property;
  object_class->set_property = dx_history_view_set_property;
  widget_class->map = dx_history_view_map;
  widget_class->unmap = dx_history_view_unmap;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, DX_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DX_TYPE_MESSAGE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, root_box);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, regex_button);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, sent_button);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, received_button);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, events_button);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, jump_revealer);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, inspector);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, filter_spinner);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, status_label);
  gtk_widget_class_install_action (widget_class, "history.follow", NULL, follow_activated);
  gtk_widget_class_install_action (widget_class, "history.clear", NULL, _dx_history_view_clear_activated);
  gtk_widget_class_install_action (widget_class, "history.export", "s", _dx_history_view_export_activated);
  gtk_widget_class_install_action (widget_class, "history.focus-search", NULL, focus_search_activated);
  gtk_widget_class_install_property_action (widget_class, "history.pause", "paused");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "history.focus-search", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dx_history_view_init (DxHistoryView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->following = TRUE;
  self->filter = dx_history_filter_new ();
  self->shown = dx_filtered_history_new (NULL, self->filter);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->shown, "items-changed", G_CALLBACK (filter_items_changed_cb), self);
  g_signal_connect_swapped (self->shown, "notify::pending", G_CALLBACK (pending_changed_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_object (self->inspector, "close", G_CALLBACK (inspector_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->regex_button, "toggled", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sent_button, "toggled", G_CALLBACK (directions_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->received_button, "toggled", G_CALLBACK (directions_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->events_button, "toggled", G_CALLBACK (directions_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected", G_CALLBACK (kind_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pause_button, "toggled", G_CALLBACK (pause_toggled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (adjustment_changed_cb), self, 0);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self, 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.clear", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", FALSE);
  update_page (self);
  update_status (self);
}

GtkWidget *
dx_history_view_new (void)
{
  return g_object_new (DX_TYPE_HISTORY_VIEW, NULL);
}

/**
 * dx_history_view_set_model:
 * @model: (nullable): a #DxHistory: the view filters it where it is stored
 */
void
dx_history_view_set_model (DxHistoryView *self,
                           GListModel    *model)
{
  g_return_if_fail (DX_IS_HISTORY_VIEW (self));
  g_return_if_fail (!model || DX_IS_HISTORY (model));

  if (self->model == model)
    return;

  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model)
    g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);

  /* Undo of a clear belongs to the history it was cleared from */
  _dx_history_view_forget_clear (self);

  if (self->shown)
    dx_filtered_history_set_history (self->shown, model ? DX_HISTORY (model) : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.clear", model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", model != NULL);

  if (self->shown)
    {
      recount (self);
      update_page (self);
      update_status (self);
    }
  set_following (self, !self->paused);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * dx_history_view_get_model:
 *
 * Returns: (transfer none) (nullable): the messages shown
 */
GListModel *
dx_history_view_get_model (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), NULL);
  return self->model;
}

gboolean
dx_history_view_get_following (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), FALSE);
  return self->following;
}

/**
 * dx_history_view_scroll_to_end:
 *
 * Shows the newest row and follows from there, unless the tester paused
 * following: that stays until they resume.
 */
void
dx_history_view_scroll_to_end (DxHistoryView *self)
{
  g_return_if_fail (DX_IS_HISTORY_VIEW (self));

  if (self->paused)
    return;
  set_following (self, TRUE);
  stick_to_end (self);
}

/**
 * dx_history_view_get_list_view:
 *
 * Returns: (transfer none): the list, for tests and keyboard focus
 */
GtkListView *
dx_history_view_get_list_view (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), NULL);
  return self->list_view;
}

gboolean
dx_history_view_get_paused (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), FALSE);
  return self->paused;
}

/**
 * dx_history_view_set_paused:
 *
 * While paused the view stays where it is however many messages arrive;
 * resuming jumps to the newest.
 */
void
dx_history_view_set_paused (DxHistoryView *self,
                            gboolean       paused)
{
  g_return_if_fail (DX_IS_HISTORY_VIEW (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  gtk_toggle_button_set_active (self->pause_button, paused);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               paused ? _("Resume following the newest message")
                                      : _("Pause following the newest message"));
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  if (paused)
    set_following (self, FALSE);
  else
    {
      set_following (self, TRUE);
      stick_to_end (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * dx_history_view_get_filter:
 *
 * Returns: (transfer none): the filter of the rows shown; set it up from
 *   the search bar or directly
 */
DxHistoryFilter *
dx_history_view_get_filter (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), NULL);
  return self->filter;
}

/**
 * dx_history_view_get_shown:
 *
 * Returns: (transfer none): the rows shown (filtered; may still be
 *   filtering, see dx_filtered_history_get_pending())
 */
DxFilteredHistory *
dx_history_view_get_shown (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), NULL);
  return self->shown;
}

/**
 * dx_history_view_get_selection:
 *
 * Returns: (transfer none): which shown row the inspector shows
 */
GtkSingleSelection *
dx_history_view_get_selection (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), NULL);
  return self->selection;
}

/**
 * dx_history_view_get_inspector:
 *
 * Returns: (transfer none): the pane that shows the selected row
 */
DxMessageInspector *
dx_history_view_get_inspector (DxHistoryView *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), NULL);
  return self->inspector;
}

/**
 * dx_history_view_dup_status_text:
 *
 * Returns: the status line: rows shown, messages and bytes each way, the
 *   recent message rate, and filtering progress or a search error
 */
char *
dx_history_view_dup_status_text (DxHistoryView *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *bytes_sent = NULL;
  g_autofree char *n_sent = NULL;
  g_autofree char *n_received = NULL;
  g_autofree char *bytes_received = NULL;
  guint total, shown, pending;

  g_return_val_if_fail (DX_IS_HISTORY_VIEW (self), NULL);

  total = self->model ? g_list_model_get_n_items (self->model) : 0;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  pending = dx_filtered_history_get_pending (self->shown);

  if (self->search_error)
    g_string_append_printf (out, "%s · ", self->search_error);

  if (pending > 0 && total > 0)
    g_string_append_printf (out, _("Filtering… %u%% · "), (guint) (100 - pending * 100.0 / total));

  if (dx_filtered_history_get_filtering (self->shown))
    g_string_append_printf (out, ngettext ("%u of %u message shown", "%u of %u messages shown", total),
                            shown, total);
  else
    g_string_append_printf (out, ngettext ("%u message", "%u messages", total), total);

  bytes_sent = g_format_size_full (self->bytes_sent, G_FORMAT_SIZE_IEC_UNITS);
  bytes_received = g_format_size_full (self->bytes_received, G_FORMAT_SIZE_IEC_UNITS);
  /* the counts go in as text: gettext cannot see through G_GUINT64_FORMAT */
  n_sent = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_sent);
  n_received = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_received);
  /* Translators: ↑ messages sent (their bytes) · ↓ received (bytes) · rate */
  g_string_append_printf (out, _(" · ↑ %s (%s) · ↓ %s (%s) · %.0f msg/s"),
                          n_sent, bytes_sent, n_received, bytes_received, self->rate);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
