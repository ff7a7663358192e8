/* dx-util.h — small helpers the core shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76, above our floor. */
static inline gboolean
dx_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

/* Connects @signal of each of the @added items from @position of @list
 * to @callback, swapped, for as long as @owner lives: how an object says
 * "changed" when a row of one of its lists is edited. */
static inline void
dx_watch_items (GListModel *list,
                guint       position,
                guint       added,
                const char *signal,
                GCallback   callback,
                gpointer    owner)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_signal_connect_object (item, signal, callback, owner, G_CONNECT_SWAPPED);
    }
}

G_END_DECLS
