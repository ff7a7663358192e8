/* dx-history.c — the message history of one session, as a GListModel
 *
 * Built for millions of rows: entries are 32-byte structs in fixed-size
 * chunks (appending never moves what is stored), small payloads are copied
 * into a bump arena, large ones keep the GBytes they arrived in, and a
 * DxMessage object is made only when somebody asks for a row. A batch of
 * appends is one items-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-history.h"

#define ENTRIES_PER_CHUNK  4096
#define ARENA_BLOCK_SIZE   (1024 * 1024)
/* Payloads below this are copied into the arena; from here on the GBytes
 * that libsoup (or the composer) made is kept as it is. */
#define SMALL_PAYLOAD_MAX  4096

enum {
  ENTRY_LARGE = 1 << 0,
};

typedef struct {
  gint64         wall_time_us;
  gint64         monotonic_time_us;
  gconstpointer  data;          /* arena bytes, or a GBytes * when ENTRY_LARGE */
  guint32        size;
  guint8         direction;
  guint8         kind;
  guint8         flags;
} Entry;

G_STATIC_ASSERT (sizeof (Entry) == 32);

struct _DxHistory
{
  GObject     parent_instance;

  GPtrArray  *chunks;       /* Entry[ENTRIES_PER_CHUNK] */
  guint       n_entries;

  GPtrArray  *arena_blocks; /* guint8[ARENA_BLOCK_SIZE] */
  gsize       arena_used;   /* in the last block */

  guint64     total_bytes;
  gsize       large_overhead;
};

static void dx_history_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DxHistory, dx_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dx_history_list_model_init))

static inline Entry *
entry_at (DxHistory *self,
          guint      position)
{
  Entry *chunk = g_ptr_array_index (self->chunks, position / ENTRIES_PER_CHUNK);

  return &chunk[position % ENTRIES_PER_CHUNK];
}

static gconstpointer
arena_copy (DxHistory     *self,
            gconstpointer  data,
            gsize          size)
{
  guint8 *block;

  if (size == 0)
    return NULL;

  if (self->arena_blocks->len == 0 || self->arena_used + size > ARENA_BLOCK_SIZE)
    {
      g_ptr_array_add (self->arena_blocks, g_malloc (ARENA_BLOCK_SIZE));
      self->arena_used = 0;
    }

  block = g_ptr_array_index (self->arena_blocks, self->arena_blocks->len - 1);
  memcpy (block + self->arena_used, data, size);
  self->arena_used += size;

  return block + self->arena_used - size;
}

static void
store (DxHistory *self,
       GBytes    *payload,
       gint64     wall_time_us,
       gint64     monotonic_time_us,
       guint8     direction,
       guint8     kind)
{
  Entry *entry;
  gsize size = payload ? g_bytes_get_size (payload) : 0;

  if (self->n_entries % ENTRIES_PER_CHUNK == 0 && self->n_entries / ENTRIES_PER_CHUNK == self->chunks->len)
    g_ptr_array_add (self->chunks, g_new (Entry, ENTRIES_PER_CHUNK));

  entry = entry_at (self, self->n_entries);
  entry->wall_time_us = wall_time_us;
  entry->monotonic_time_us = monotonic_time_us;
  entry->size = size;
  entry->direction = direction;
  entry->kind = kind;

  if (size < SMALL_PAYLOAD_MAX)
    {
      entry->flags = 0;
      entry->data = arena_copy (self, size ? g_bytes_get_data (payload, NULL) : NULL, size);
    }
  else
    {
      entry->flags = ENTRY_LARGE;
      entry->data = g_bytes_ref (payload);
      self->large_overhead += 2 * sizeof (gpointer) + sizeof (gsize) + sizeof (int) + 2 * sizeof (gpointer);
    }

  self->total_bytes += size;
  self->n_entries++;
}

static GType
dx_history_get_item_type (GListModel *model)
{
  return DX_TYPE_MESSAGE;
}

static guint
dx_history_get_n_items (GListModel *model)
{
  return DX_HISTORY (model)->n_entries;
}

static gpointer
dx_history_get_item (GListModel *model,
                     guint       position)
{
  DxHistory *self = DX_HISTORY (model);
  g_autoptr(GBytes) payload = NULL;
  Entry *entry;

  if (position >= self->n_entries)
    return NULL;

  entry = entry_at (self, position);
  payload = dx_history_dup_payload (self, position);

  return dx_message_new (entry->direction, entry->kind, payload,
                         entry->wall_time_us, entry->monotonic_time_us);
}

static void
dx_history_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dx_history_get_item_type;
  iface->get_n_items = dx_history_get_n_items;
  iface->get_item = dx_history_get_item;
}

static void
dx_history_finalize (GObject *object)
{
  DxHistory *self = DX_HISTORY (object);

  for (guint i = 0; i < self->n_entries; i++)
    {
      Entry *entry = entry_at (self, i);

      if (entry->flags & ENTRY_LARGE)
        g_bytes_unref ((GBytes *) entry->data);
    }

  g_clear_pointer (&self->chunks, g_ptr_array_unref);
  g_clear_pointer (&self->arena_blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (dx_history_parent_class)->finalize (object);
}

static void
dx_history_class_init (DxHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dx_history_finalize;
}

static void
dx_history_init (DxHistory *self)
{
  self->chunks = g_ptr_array_new_with_free_func (g_free);
  self->arena_blocks = g_ptr_array_new_with_free_func (g_free);
}

DxHistory *
dx_history_new (void)
{
  return g_object_new (DX_TYPE_HISTORY, NULL);
}

/**
 * dx_history_append_batch:
 * @records: (array length=n_records): the messages, oldest first; their
 *   payload references are taken over (and set to %NULL)
 *
 * Appends all records and emits one items-changed for them.
 */
void
dx_history_append_batch (DxHistory *self,
                         DxRecord  *records,
                         guint      n_records)
{
  guint position;

  g_return_if_fail (DX_IS_HISTORY (self));
  g_return_if_fail (records != NULL || n_records == 0);

  if (n_records == 0)
    return;

  position = self->n_entries;
  for (guint i = 0; i < n_records; i++)
    {
      store (self, records[i].payload, records[i].wall_time_us,
             records[i].monotonic_time_us, records[i].direction, records[i].kind);
      g_clear_pointer (&records[i].payload, g_bytes_unref);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_records);
}

void
dx_history_append (DxHistory *self,
                   DxMessage *message)
{
  DxRecord record;

  g_return_if_fail (DX_IS_HISTORY (self));
  g_return_if_fail (DX_IS_MESSAGE (message));

  record.payload = g_bytes_ref (dx_message_get_payload (message));
  record.wall_time_us = dx_message_get_wall_time (message);
  record.monotonic_time_us = dx_message_get_monotonic_time (message);
  record.direction = dx_message_get_direction (message);
  record.kind = dx_message_get_kind (message);

  dx_history_append_batch (self, &record, 1);
}

DxDirection
dx_history_get_direction (DxHistory *self,
                          guint      position)
{
  g_return_val_if_fail (DX_IS_HISTORY (self), DX_DIRECTION_EVENT);
  g_return_val_if_fail (position < self->n_entries, DX_DIRECTION_EVENT);

  return entry_at (self, position)->direction;
}

DxMessageKind
dx_history_get_kind (DxHistory *self,
                     guint      position)
{
  g_return_val_if_fail (DX_IS_HISTORY (self), DX_MESSAGE_KIND_TEXT);
  g_return_val_if_fail (position < self->n_entries, DX_MESSAGE_KIND_TEXT);

  return entry_at (self, position)->kind;
}

/**
 * dx_history_dup_payload:
 *
 * Returns: (transfer full): the payload of the entry at @position; a large
 *   payload is the very GBytes that was appended, not a copy
 */
GBytes *
dx_history_dup_payload (DxHistory *self,
                        guint      position)
{
  Entry *entry;

  g_return_val_if_fail (DX_IS_HISTORY (self), NULL);
  g_return_val_if_fail (position < self->n_entries, NULL);

  entry = entry_at (self, position);
  if (entry->flags & ENTRY_LARGE)
    return g_bytes_ref ((GBytes *) entry->data);
  return g_bytes_new (entry->data, entry->size);
}

guint64
dx_history_get_total_bytes (DxHistory *self)
{
  g_return_val_if_fail (DX_IS_HISTORY (self), 0);
  return self->total_bytes;
}

/**
 * dx_history_get_storage_size:
 *
 * Returns: the bytes this history holds beyond the payloads themselves:
 *   entry chunks, the chunk index, arena slack and the GBytes headers of
 *   large payloads
 */
gsize
dx_history_get_storage_size (DxHistory *self)
{
  gsize arena_total;
  gsize small_payload = 0;

  g_return_val_if_fail (DX_IS_HISTORY (self), 0);

  arena_total = self->arena_blocks->len * (gsize) ARENA_BLOCK_SIZE;
  for (guint i = 0; i < self->n_entries; i++)
    {
      Entry *entry = entry_at (self, i);

      if (!(entry->flags & ENTRY_LARGE))
        small_payload += entry->size;
    }

  return self->chunks->len * (gsize) ENTRIES_PER_CHUNK * sizeof (Entry)
         + self->chunks->len * sizeof (gpointer)
         + self->arena_blocks->len * sizeof (gpointer)
         + (arena_total - small_payload)
         + self->large_overhead;
}

gsize
dx_history_get_size (DxHistory *self,
                     guint      position)
{
  g_return_val_if_fail (DX_IS_HISTORY (self), 0);
  g_return_val_if_fail (position < self->n_entries, 0);

  return entry_at (self, position)->size;
}

gint64
dx_history_get_wall_time (DxHistory *self,
                          guint      position)
{
  g_return_val_if_fail (DX_IS_HISTORY (self), 0);
  g_return_val_if_fail (position < self->n_entries, 0);

  return entry_at (self, position)->wall_time_us;
}

gint64
dx_history_get_monotonic_time (DxHistory *self,
                               guint      position)
{
  g_return_val_if_fail (DX_IS_HISTORY (self), 0);
  g_return_val_if_fail (position < self->n_entries, 0);

  return entry_at (self, position)->monotonic_time_us;
}

/**
 * dx_history_peek_payload:
 * @size: (out): the payload's size
 *
 * Looks at a payload without a copy or a reference, for scanning millions
 * of rows; the pointer stays valid until the history is cleared or freed.
 *
 * Returns: (transfer none) (nullable): the payload bytes
 */
gconstpointer
dx_history_peek_payload (DxHistory *self,
                         guint      position,
                         gsize     *size)
{
  Entry *entry;

  g_return_val_if_fail (DX_IS_HISTORY (self), NULL);
  g_return_val_if_fail (position < self->n_entries, NULL);
  g_return_val_if_fail (size != NULL, NULL);

  entry = entry_at (self, position);
  *size = entry->size;
  if (entry->flags & ENTRY_LARGE)
    return g_bytes_get_data ((GBytes *) entry->data, NULL);
  return entry->data;
}

/* Moves all storage of @from into @to, which must be empty */
static void
move_storage (DxHistory *from,
              DxHistory *to)
{
  g_assert (to->n_entries == 0);

  g_ptr_array_unref (to->chunks);
  g_ptr_array_unref (to->arena_blocks);
  to->chunks = g_steal_pointer (&from->chunks);
  to->arena_blocks = g_steal_pointer (&from->arena_blocks);
  to->n_entries = from->n_entries;
  to->arena_used = from->arena_used;
  to->total_bytes = from->total_bytes;
  to->large_overhead = from->large_overhead;

  from->chunks = g_ptr_array_new_with_free_func (g_free);
  from->arena_blocks = g_ptr_array_new_with_free_func (g_free);
  from->n_entries = 0;
  from->arena_used = 0;
  from->total_bytes = 0;
  from->large_overhead = 0;
}

/**
 * dx_history_clear:
 *
 * Empties the history in one items-changed. The entries are not copied:
 * they move, as they are, into the history returned, which
 * dx_history_restore() can put back (Undo) or which can simply be dropped.
 *
 * Returns: (transfer full): a history holding what was cleared
 */
DxHistory *
dx_history_clear (DxHistory *self)
{
  DxHistory *cleared;
  guint removed;

  g_return_val_if_fail (DX_IS_HISTORY (self), NULL);

  cleared = dx_history_new ();
  removed = self->n_entries;
  move_storage (self, cleared);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);

  return cleared;
}

/**
 * dx_history_restore:
 * @cleared: what dx_history_clear() returned; it is left empty
 *
 * Puts cleared entries back before whatever arrived since the clear, in
 * one items-changed.
 */
void
dx_history_restore (DxHistory *self,
                    DxHistory *cleared)
{
  g_autoptr(DxHistory) since = NULL;
  guint n_since;

  g_return_if_fail (DX_IS_HISTORY (self));
  g_return_if_fail (DX_IS_HISTORY (cleared));
  g_return_if_fail (self != cleared);

  if (cleared->n_entries == 0)
    return;

  n_since = self->n_entries;
  since = dx_history_new ();
  move_storage (self, since);
  move_storage (cleared, self);

  for (guint i = 0; i < since->n_entries; i++)
    {
      Entry *entry = entry_at (since, i);
      g_autoptr(GBytes) payload = dx_history_dup_payload (since, i);

      store (self, payload, entry->wall_time_us, entry->monotonic_time_us,
             entry->direction, entry->kind);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_since, self->n_entries);
}
