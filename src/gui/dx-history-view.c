/* dx-history-view.c — the message history as a GtkListView with recycled
 * rows; it follows the newest row until the tester scrolls away, and offers
 * a button to follow again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dx-history-row.h"
#include "dx-history-view.h"

struct _DxHistoryView
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkScrolledWindow  *scrolled;
  GtkListView        *list_view;
  GtkRevealer        *jump_revealer;

  GListModel         *model;
  GtkNoSelection     *selection;
  gboolean            following;
  gboolean            scrolling;
  double              last_value;
  guint               follow_tick;
};

G_DEFINE_FINAL_TYPE (DxHistoryView, dx_history_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
   * still value is not. */
  if (value >= end - 4)
    set_following (self, TRUE);
  else if (value < last_value - 1)
    set_following (self, FALSE);
  else if (self->following)
    adjustment_changed_cb (adjustment, self);
}

static void
update_page (DxHistoryView *self)
{
  gboolean empty = self->model == NULL || g_list_model_get_n_items (self->model) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  DxHistoryView *self)
{
  update_page (self);
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
  dx_history_view_scroll_to_end (DX_HISTORY_VIEW (widget));
}

static void
dx_history_view_dispose (GObject *object)
{
  DxHistoryView *self = DX_HISTORY_VIEW (object);

  dx_history_view_set_model (self, NULL);
  if (self->follow_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_tick);
  self->follow_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_HISTORY_VIEW);
  g_clear_object (&self->selection);

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

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, DxHistoryView, jump_revealer);
  gtk_widget_class_install_action (widget_class, "history.follow", NULL, follow_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dx_history_view_init (DxHistoryView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->following = TRUE;
  self->selection = gtk_no_selection_new (NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (adjustment_changed_cb), self, 0);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self, 0);

  update_page (self);
}

GtkWidget *
dx_history_view_new (void)
{
  return g_object_new (DX_TYPE_HISTORY_VIEW, NULL);
}

void
dx_history_view_set_model (DxHistoryView *self,
                           GListModel    *model)
{
  g_return_if_fail (DX_IS_HISTORY_VIEW (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model)
    g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);

  if (self->selection)
    gtk_no_selection_set_model (self->selection, model);
  update_page (self);
  set_following (self, TRUE);
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

void
dx_history_view_scroll_to_end (DxHistoryView *self)
{
  g_return_if_fail (DX_IS_HISTORY_VIEW (self));

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
