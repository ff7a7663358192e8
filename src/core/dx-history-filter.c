/* dx-history-filter.c — which history entries to show
 *
 * A filter is a direction mask, a kind mask and an optional search. Text
 * search is a substring match that ignores ASCII case; a regular
 * expression is matched on the raw payload bytes (PCRE raw mode), so
 * binary payloads and invalid UTF-8 can be searched too. Matching works on
 * bytes in place: filtering a million rows allocates nothing per row.
 * "changed" tells a view to filter again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dx-history-filter.h"

struct _DxHistoryFilter
{
  GObject  parent_instance;

  guint    directions;
  guint    kinds;
  char    *needle;        /* lower-case ASCII; NULL when no text search */
  gsize    needle_len;
  GRegex  *regex;
};

G_DEFINE_FINAL_TYPE (DxHistoryFilter, dx_history_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
contains_caseless (const guint8 *haystack,
                   gsize         size,
                   const char   *needle,
                   gsize         needle_len)
{
  guint8 first_lower = (guint8) needle[0];
  guint8 first_upper = (guint8) g_ascii_toupper (needle[0]);

  if (needle_len > size)
    return FALSE;

  for (gsize i = 0; i + needle_len <= size; i++)
    {
      gsize j;

      if (haystack[i] != first_lower && haystack[i] != first_upper)
        continue;
      for (j = 1; j < needle_len; j++)
        if (g_ascii_tolower (haystack[i + j]) != (guint8) needle[j])
          break;
      if (j == needle_len)
        return TRUE;
    }
  return FALSE;
}

static void
dx_history_filter_finalize (GObject *object)
{
  DxHistoryFilter *self = DX_HISTORY_FILTER (object);

  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->regex, g_regex_unref);

  G_OBJECT_CLASS (dx_history_filter_parent_class)->finalize (object);
}

static void
dx_history_filter_class_init (DxHistoryFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dx_history_filter_finalize;

  /**
   * DxHistoryFilter::changed:
   *
   * The filter matches something else now.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dx_history_filter_init (DxHistoryFilter *self)
{
  self->directions = DX_HISTORY_FILTER_ALL;
  self->kinds = DX_HISTORY_FILTER_ALL;
}

DxHistoryFilter *
dx_history_filter_new (void)
{
  return g_object_new (DX_TYPE_HISTORY_FILTER, NULL);
}

/**
 * dx_history_filter_set_directions:
 * @mask: DX_HISTORY_FILTER_BIT() of each #DxDirection to show
 */
void
dx_history_filter_set_directions (DxHistoryFilter *self,
                                  guint            mask)
{
  g_return_if_fail (DX_IS_HISTORY_FILTER (self));

  if (self->directions == mask)
    return;
  self->directions = mask;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * dx_history_filter_set_kinds:
 * @mask: DX_HISTORY_FILTER_BIT() of each #DxMessageKind to show
 */
void
dx_history_filter_set_kinds (DxHistoryFilter *self,
                             guint            mask)
{
  g_return_if_fail (DX_IS_HISTORY_FILTER (self));

  if (self->kinds == mask)
    return;
  self->kinds = mask;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * dx_history_filter_set_search:
 * @search: (nullable): what to look for; empty or %NULL searches nothing
 * @regex: whether @search is a regular expression
 *
 * Returns: %FALSE, with @error set and the filter unchanged, when @search
 *   is not a valid regular expression
 */
gboolean
dx_history_filter_set_search (DxHistoryFilter  *self,
                              const char       *search,
                              gboolean          regex,
                              GError          **error)
{
  g_autoptr(GRegex) compiled = NULL;

  g_return_val_if_fail (DX_IS_HISTORY_FILTER (self), FALSE);

  if (search && search[0] && regex)
    {
      g_autoptr(GError) local_error = NULL;

      compiled = g_regex_new (search, G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, &local_error);
      if (compiled == NULL)
        {
          g_set_error (error, G_REGEX_ERROR, local_error->code,
                       _("Not a valid regular expression: %s"), local_error->message);
          return FALSE;
        }
    }

  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->regex, g_regex_unref);
  self->needle_len = 0;

  if (compiled)
    self->regex = g_steal_pointer (&compiled);
  else if (search && search[0])
    {
      self->needle = g_ascii_strdown (search, -1);
      self->needle_len = strlen (self->needle);
    }

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
dx_history_filter_is_everything (DxHistoryFilter *self)
{
  g_return_val_if_fail (DX_IS_HISTORY_FILTER (self), TRUE);

  return self->directions == DX_HISTORY_FILTER_ALL && self->kinds == DX_HISTORY_FILTER_ALL &&
         self->needle == NULL && self->regex == NULL;
}

gboolean
dx_history_filter_match (DxHistoryFilter *self,
                         DxDirection      direction,
                         DxMessageKind    kind,
                         const guint8    *data,
                         gsize            size)
{
  if (!(self->directions & DX_HISTORY_FILTER_BIT (direction)) ||
      !(self->kinds & DX_HISTORY_FILTER_BIT (kind)))
    return FALSE;

  if (self->needle)
    return data != NULL && contains_caseless (data, size, self->needle, self->needle_len);

  if (self->regex)
    return g_regex_match_full (self->regex, data ? (const char *) data : "", size, 0, 0, NULL, NULL);

  return TRUE;
}

gboolean
dx_history_filter_match_message (DxHistoryFilter *self,
                                 DxMessage       *message)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (DX_IS_HISTORY_FILTER (self), FALSE);
  g_return_val_if_fail (DX_IS_MESSAGE (message), FALSE);

  data = g_bytes_get_data (dx_message_get_payload (message), &size);
  return dx_history_filter_match (self, dx_message_get_direction (message),
                                  dx_message_get_kind (message), data, size);
}

gboolean
dx_history_filter_match_position (DxHistoryFilter *self,
                                  DxHistory       *history,
                                  guint            position)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (DX_IS_HISTORY_FILTER (self), FALSE);
  g_return_val_if_fail (DX_IS_HISTORY (history), FALSE);

  data = dx_history_peek_payload (history, position, &size);
  return dx_history_filter_match (self, dx_history_get_direction (history, position),
                                  dx_history_get_kind (history, position), data, size);
}

/**
 * dx_history_filter_count:
 *
 * Returns: how many entries of @history the filter matches
 */
guint
dx_history_filter_count (DxHistoryFilter *self,
                         DxHistory       *history)
{
  guint n, count = 0;

  g_return_val_if_fail (DX_IS_HISTORY_FILTER (self), 0);
  g_return_val_if_fail (DX_IS_HISTORY (history), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (history));
  for (guint i = 0; i < n; i++)
    if (dx_history_filter_match_position (self, history, i))
      count++;
  return count;
}

/**
 * dx_history_filter_copy_matching:
 * @self: (nullable): the filter; %NULL copies everything
 *
 * A copy of the entries of @history that the filter matches, for work on
 * another thread (an export) while @history goes on growing here. Large
 * payloads are shared, not copied.
 *
 * Returns: (transfer full): a new history
 */
DxHistory *
dx_history_filter_copy_matching (DxHistoryFilter *self,
                                 DxHistory       *history)
{
  DxHistory *copy;
  g_autoptr(GArray) batch = NULL;
  guint n;

  g_return_val_if_fail (!self || DX_IS_HISTORY_FILTER (self), NULL);
  g_return_val_if_fail (DX_IS_HISTORY (history), NULL);

  copy = dx_history_new ();
  batch = g_array_sized_new (FALSE, FALSE, sizeof (DxRecord), 4096);
  n = g_list_model_get_n_items (G_LIST_MODEL (history));
  for (guint i = 0; i < n; i++)
    {
      DxRecord record;

      if (self && !dx_history_filter_match_position (self, history, i))
        continue;

      record.payload = dx_history_dup_payload (history, i);
      record.wall_time_us = dx_history_get_wall_time (history, i);
      record.monotonic_time_us = dx_history_get_monotonic_time (history, i);
      record.direction = dx_history_get_direction (history, i);
      record.kind = dx_history_get_kind (history, i);
      g_array_append_val (batch, record);

      if (batch->len == 4096)
        {
          dx_history_append_batch (copy, (DxRecord *) batch->data, batch->len);
          g_array_set_size (batch, 0);
        }
    }
  dx_history_append_batch (copy, (DxRecord *) batch->data, batch->len);

  return copy;
}
