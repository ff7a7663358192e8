/* dx-list-watch.c — "something in this list changed", for an object that
 * saves what its lists hold
 *
 * A session saves its parameter rows, saved messages and scenarios; a
 * workspace its sessions and variables; a scenario its steps. Each says
 * "changed" when a row is added, removed, moved or edited. The watch calls
 * @callback with the owner for all of these. It keeps a mirror of the list,
 * so that an item that leaves it stops reporting even while it lives on
 * elsewhere (in an Undo slot, a runner, a copy), and it lets go of the
 * list and every item when freed, since editors may keep a list after
 * its owner is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-list-watch.h"

struct _DxListWatch
{
  GListModel *list;
  GPtrArray  *items;        /* the list's items, in its order, each connected */
  const char *item_signal;
  GCallback   callback;
  gpointer    owner;
  gulong      handler;
};

static void
connect_items (DxListWatch *self,
               guint        position,
               guint        added)
{
  for (guint i = 0; i < added; i++)
    {
      GObject *item = g_list_model_get_item (self->list, position + i);

      g_signal_connect_swapped (item, self->item_signal, self->callback, self->owner);
      g_ptr_array_insert (self->items, position + i, item);
    }
}

static void
disconnect_item (gpointer item,
                 gpointer data)
{
  DxListWatch *self = data;

  g_signal_handlers_disconnect_by_func (item, self->callback, self->owner);
}

static void
items_changed_cb (GListModel  *list,
                  guint        position,
                  guint        removed,
                  guint        added,
                  DxListWatch *self)
{
  for (guint i = position; i < position + removed; i++)
    disconnect_item (g_ptr_array_index (self->items, i), self);
  g_ptr_array_remove_range (self->items, position, removed);
  connect_items (self, position, added);

  ((void (*) (gpointer)) self->callback) (self->owner);
}

/**
 * dx_list_watch_new:
 * @item_signal: what each item emits when it is edited: "notify", or
 *   "changed" for items that watch lists of their own
 * @callback: (scope notified): called with @owner first, for a change of
 *   the list or of any item in it
 *
 * Returns: (transfer full): the watch, to free in @owner's dispose
 */
DxListWatch *
dx_list_watch_new (GListModel *list,
                   const char *item_signal,
                   GCallback   callback,
                   gpointer    owner)
{
  DxListWatch *self = g_new0 (DxListWatch, 1);

  self->list = g_object_ref (list);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->item_signal = item_signal;
  self->callback = callback;
  self->owner = owner;
  connect_items (self, 0, g_list_model_get_n_items (list));
  self->handler = g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), self);

  return self;
}

void
dx_list_watch_free (DxListWatch *self)
{
  if (self == NULL)
    return;

  g_clear_signal_handler (&self->handler, self->list);
  g_ptr_array_foreach (self->items, disconnect_item, self);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->list);
  g_free (self);
}
