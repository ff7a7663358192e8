/* dx-filtered-history.c — the rows of a DxHistory that a DxHistoryFilter
 * matches, as a GListModel that filters in slices
 *
 * A GtkFilterListModel over DxHistory asks for every row as a DxMessage (a
 * GObject and a GBytes each) only to test it; for a million rows that is
 * seconds of work. This model tests rows where they are stored, with
 * dx_history_filter_match_position(), and keeps only the positions that
 * match (4 bytes a row shown). A DxMessage is made only for a row somebody
 * asks for: the ones on screen.
 *
 * Filtering again is done in time-boxed slices from an idle, so the window
 * draws between them; "pending" says how many rows are left. Rows that
 * arrive meanwhile are tested as they come, one items-changed per change of
 * the history. The "everything" filter passes the history through as it
 * is, with no positions at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-filtered-history.h"

/* Time for one slice of filtering: a frame (16 ms at 60 Hz) keeps most of
 * itself for drawing */
#define SLICE_BUDGET_US   5000
/* Just below GTK's redraw (G_PRIORITY_HIGH_IDLE + 20), so each frame is
 * drawn between two slices, but above ordinary idles, which could
 * otherwise hold filtering back for as long as they keep coming */
#define SLICE_PRIORITY    (G_PRIORITY_HIGH_IDLE + 30)
/* How often matches found by the slices are shown. Every items-changed
 * costs the list view far more than finding the rows did (it rebinds the
 * rows it keeps around the newest one it follows), so they go out in a
 * few batches, not one per slice. */
#define PUBLISH_EVERY_US  200000
/* How often a slice looks at the clock: rows, or payload bytes for a few
 * huge rows */
#define CLOCK_EVERY_ROWS  64
#define CLOCK_EVERY_BYTES (256 * 1024)
/* Rows of a new batch tested before looking at the clock at all: a batch
 * of a frame's messages is shown filtered right away, however busy the
 * machine is at that moment */
#define BATCH_AT_ONCE     4096

struct _DxFilteredHistory
{
  GObject           parent_instance;

  DxHistory        *history;
  DxHistoryFilter  *filter;

  /* History positions in [0, checked) that match, ascending; unused while
   * passing through. Only the first "published" are shown yet: those
   * are all the matches below "published_checked". */
  GArray           *positions;
  guint             checked;
  guint             published;
  guint             published_checked;
  gint64            published_time;
  gboolean          passthrough;

  guint             slice_source;
  guint             notified_pending;
};

static void dx_filtered_history_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DxFilteredHistory, dx_filtered_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dx_filtered_history_list_model_init))

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_FILTER,
  PROP_PENDING,
  PROP_FILTERING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean slice_cb (gpointer data);

static guint
history_length (DxFilteredHistory *self)
{
  return self->history ? g_list_model_get_n_items (G_LIST_MODEL (self->history)) : 0;
}

/* Tests rows @from up to @to until @deadline (but at least @at_once rows),
 * appending the positions that match to @matches; returns the first row
 * not tested */
static guint
scan (DxFilteredHistory *self,
      guint              from,
      guint              to,
      guint              at_once,
      GArray            *matches,
      gint64             deadline)
{
  guint row = from;

  while (row < to)
    {
      guint end = MIN (to, row + CLOCK_EVERY_ROWS);
      gsize bytes = 0;

      for (; row < end && bytes < CLOCK_EVERY_BYTES; row++)
        {
          if (dx_history_filter_match_position (self->filter, self->history, row))
            g_array_append_val (matches, row);
          bytes += dx_history_get_size (self->history, row);
        }

      if (row - from >= at_once && g_get_monotonic_time () >= deadline)
        break;
    }

  return row;
}

/* First index of a position at or after @position */
static guint
lower_bound (GArray *positions,
             guint   position)
{
  guint low = 0, high = positions->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (positions, guint, middle) < position)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Keeps the slice source running exactly while rows are left to test, and
 * tells "pending" watchers when the count moved */
static void
update_pending (DxFilteredHistory *self)
{
  guint pending = dx_filtered_history_get_pending (self);

  if (pending > 0 && self->slice_source == 0)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, SLICE_PRIORITY);
      g_source_set_callback (source, slice_cb, self, NULL);
      g_source_set_static_name (source, "[duplex] filter history");
      self->slice_source = g_source_attach (source, NULL);
    }
  else if (pending == 0)
    g_clear_handle_id (&self->slice_source, g_source_remove);

  if (pending != self->notified_pending)
    {
      self->notified_pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
}

/* Shows the matches found since the last time, once filtering is done or
 * it has been a while */
static void
publish (DxFilteredHistory *self)
{
  guint shown = self->published;
  gint64 now = g_get_monotonic_time ();

  if (self->positions->len > shown && dx_filtered_history_get_pending (self) > 0 &&
      now - self->published_time < PUBLISH_EVERY_US)
    return;

  self->published = self->positions->len;
  self->published_checked = self->checked;
  if (self->published > shown)
    {
      self->published_time = now;
      g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, self->published - shown);
    }
}

/* Tests pending rows until @deadline */
static void
run_slice (DxFilteredHistory *self,
           gint64             deadline)
{
  if (self->passthrough)
    return;

  self->checked = scan (self, self->checked, history_length (self), 0, self->positions, deadline);
  publish (self);
}

/* Starts over: @removed is how many rows were shown before */
static void
refilter (DxFilteredHistory *self,
          guint              removed)
{
  gboolean was_passthrough = self->passthrough;
  guint n = history_length (self);
  guint added;

  g_array_set_size (self->positions, 0);
  self->passthrough = self->history == NULL || dx_history_filter_is_everything (self->filter);
  if (self->passthrough)
    {
      self->checked = n;
      added = n;
    }
  else
    {
      /* A first slice at once: a small history is filtered before the list
       * sees it empty. A large one is shown empty first: the list view
       * letting go of its rows and binding new ones in the same main-loop
       * turn would be the longest turn of all. */
      self->checked = scan (self, 0, n, 0, self->positions, g_get_monotonic_time () + SLICE_BUDGET_US);
      added = self->checked == n ? self->positions->len : 0;
    }
  self->published = self->passthrough ? 0 : added;
  self->published_checked = self->published == self->positions->len ? self->checked : 0;
  self->published_time = g_get_monotonic_time ();

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  if (was_passthrough != self->passthrough)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERING]);
  update_pending (self);
}

static gboolean
slice_cb (gpointer data)
{
  DxFilteredHistory *self = data;
  guint id = g_source_get_id (g_main_current_source ());
  gboolean done;

  run_slice (self, g_get_monotonic_time () + SLICE_BUDGET_US);

  /* Whoever listened to the slice may have changed the history or the
   * filter, and with them which source is the one that runs */
  done = dx_filtered_history_get_pending (self) == 0;
  if (done && self->slice_source == id)
    self->slice_source = 0;
  update_pending (self);

  return !done && self->slice_source == id ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
filter_changed_cb (DxFilteredHistory *self)
{
  if (self->passthrough && dx_history_filter_is_everything (self->filter))
    return;
  refilter (self, g_list_model_get_n_items (G_LIST_MODEL (self)));
}

/* DxHistory appends at the end, clears everything (0, n, 0) and on Undo
 * puts rows back before the newer ones (0, newer, all); this follows any
 * change, without starting over */
static void
history_items_changed_cb (GListModel        *history,
                          guint              position,
                          guint              removed,
                          guint              added,
                          DxFilteredHistory *self)
{
  g_autoptr(GArray) matches = NULL;
  guint first, last, dropped, stop, checked_when_done;

  if (self->passthrough)
    {
      self->checked = history_length (self);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* When the change reaches tested rows, matches not shown yet are found
   * again: that is less work than telling them apart from the ones shown */
  if (self->checked >= position)
    {
      g_array_set_size (self->positions, self->published);
      self->checked = self->published_checked;
    }

  /* Filtering has not got this far: the rows are simply pending */
  if (self->checked < position)
    {
      update_pending (self);
      return;
    }

  checked_when_done = self->checked >= position + removed ? self->checked - removed + added : position + added;

  matches = g_array_new (FALSE, FALSE, sizeof (guint));
  stop = scan (self, position, position + added, BATCH_AT_ONCE, matches, g_get_monotonic_time () + SLICE_BUDGET_US);

  first = lower_bound (self->positions, position);
  last = lower_bound (self->positions, position + removed);
  g_array_remove_range (self->positions, first, last - first);
  dropped = last - first;

  if (stop == position + added)
    {
      /* The rows after the change move with it */
      for (guint i = first; i < self->positions->len; i++)
        g_array_index (self->positions, guint, i) = g_array_index (self->positions, guint, i) - removed + added;
      self->checked = checked_when_done;
    }
  else
    {
      /* Out of time: filtering goes on from where this stopped, so the rows
       * after it are tested again */
      dropped += self->positions->len - first;
      g_array_set_size (self->positions, first);
      self->checked = stop;
    }

  g_array_insert_vals (self->positions, first, matches->data, matches->len);
  self->published = self->positions->len;
  self->published_checked = self->checked;
  if (dropped > 0 || matches->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), first, dropped, matches->len);
  update_pending (self);
}

static GType
dx_filtered_history_get_item_type (GListModel *model)
{
  return DX_TYPE_MESSAGE;
}

static guint
dx_filtered_history_get_n_items (GListModel *model)
{
  DxFilteredHistory *self = DX_FILTERED_HISTORY (model);

  if (self->passthrough)
    return history_length (self);
  return self->published;
}

static gpointer
dx_filtered_history_get_item (GListModel *model,
                              guint       position)
{
  DxFilteredHistory *self = DX_FILTERED_HISTORY (model);
  guint row = dx_filtered_history_get_history_position (self, position);

  if (row == G_MAXUINT)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->history), row);
}

static void
dx_filtered_history_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dx_filtered_history_get_item_type;
  iface->get_n_items = dx_filtered_history_get_n_items;
  iface->get_item = dx_filtered_history_get_item;
}

static void
dx_filtered_history_dispose (GObject *object)
{
  DxFilteredHistory *self = DX_FILTERED_HISTORY (object);

  g_clear_handle_id (&self->slice_source, g_source_remove);
  if (self->history)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (self->filter)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->history);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (dx_filtered_history_parent_class)->dispose (object);
}

static void
dx_filtered_history_finalize (GObject *object)
{
  DxFilteredHistory *self = DX_FILTERED_HISTORY (object);

  g_clear_pointer (&self->positions, g_array_unref);

  G_OBJECT_CLASS (dx_filtered_history_parent_class)->finalize (object);
}

static void
dx_filtered_history_constructed (GObject *object)
{
  DxFilteredHistory *self = DX_FILTERED_HISTORY (object);

  G_OBJECT_CLASS (dx_filtered_history_parent_class)->constructed (object);

  if (self->filter == NULL)
    self->filter = dx_history_filter_new ();
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (filter_changed_cb), self);
  refilter (self, 0);
}

static void
dx_filtered_history_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DxFilteredHistory *self = DX_FILTERED_HISTORY (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, dx_filtered_history_get_pending (self));
      break;
    case PROP_FILTERING:
      g_value_set_boolean (value, dx_filtered_history_get_filtering (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_filtered_history_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DxFilteredHistory *self = DX_FILTERED_HISTORY (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      dx_filtered_history_set_history (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      self->filter = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_filtered_history_class_init (DxFilteredHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dx_filtered_history_constructed;
  object_class->dispose = dx_filtered_history_dispose;
  object_class->finalize = dx_filtered_history_finalize;
  object_class->get_property = dx_filtered_history_get_property;
  object_class->set_property = dx_filtered_history_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, DX_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, DX_TYPE_HISTORY_FILTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * DxFilteredHistory:pending:
   *
   * Rows of the history not tested yet; 0 once filtering is done.
   */
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DxFilteredHistory:filtering:
   *
   * Whether the filter leaves anything out, as opposed to passing the
   * history through.
   */
  properties[PROP_FILTERING] =
    g_param_spec_boolean ("filtering", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_filtered_history_init (DxFilteredHistory *self)
{
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->passthrough = TRUE;
}

/**
 * dx_filtered_history_new:
 * @history: (nullable): the rows to filter
 * @filter: (nullable): which of them to show; %NULL makes a filter that
 *   shows everything, see dx_filtered_history_get_filter()
 */
DxFilteredHistory *
dx_filtered_history_new (DxHistory       *history,
                         DxHistoryFilter *filter)
{
  g_return_val_if_fail (!history || DX_IS_HISTORY (history), NULL);
  g_return_val_if_fail (!filter || DX_IS_HISTORY_FILTER (filter), NULL);

  return g_object_new (DX_TYPE_FILTERED_HISTORY, "history", history, "filter", filter, NULL);
}

/**
 * dx_filtered_history_get_history:
 *
 * Returns: (transfer none) (nullable): the history filtered
 */
DxHistory *
dx_filtered_history_get_history (DxFilteredHistory *self)
{
  g_return_val_if_fail (DX_IS_FILTERED_HISTORY (self), NULL);
  return self->history;
}

void
dx_filtered_history_set_history (DxFilteredHistory *self,
                                 DxHistory         *history)
{
  guint shown;

  g_return_if_fail (DX_IS_FILTERED_HISTORY (self));
  g_return_if_fail (!history || DX_IS_HISTORY (history));

  if (self->history == history)
    return;

  shown = g_list_model_get_n_items (G_LIST_MODEL (self));
  if (self->history)
    g_signal_handlers_disconnect_by_func (self->history, history_items_changed_cb, self);
  g_set_object (&self->history, history);
  if (history)
    g_signal_connect (history, "items-changed", G_CALLBACK (history_items_changed_cb), self);

  refilter (self, shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * dx_filtered_history_get_filter:
 *
 * Returns: (transfer none): the filter; change it and the rows shown follow
 */
DxHistoryFilter *
dx_filtered_history_get_filter (DxFilteredHistory *self)
{
  g_return_val_if_fail (DX_IS_FILTERED_HISTORY (self), NULL);
  return self->filter;
}

/**
 * dx_filtered_history_get_pending:
 *
 * Returns: how many rows of the history are still to be tested
 */
guint
dx_filtered_history_get_pending (DxFilteredHistory *self)
{
  g_return_val_if_fail (DX_IS_FILTERED_HISTORY (self), 0);

  if (self->passthrough)
    return 0;
  return history_length (self) - self->checked;
}

/**
 * dx_filtered_history_get_filtering:
 *
 * Returns: %FALSE when every row of the history is shown as it is
 */
gboolean
dx_filtered_history_get_filtering (DxFilteredHistory *self)
{
  g_return_val_if_fail (DX_IS_FILTERED_HISTORY (self), FALSE);
  return !self->passthrough;
}

/**
 * dx_filtered_history_get_history_position:
 *
 * Returns: the position in the history of the row shown at @position, or
 *   %G_MAXUINT when there is none
 */
guint
dx_filtered_history_get_history_position (DxFilteredHistory *self,
                                          guint              position)
{
  g_return_val_if_fail (DX_IS_FILTERED_HISTORY (self), G_MAXUINT);

  if (self->passthrough)
    return position < history_length (self) ? position : G_MAXUINT;
  if (position >= self->published)
    return G_MAXUINT;
  return g_array_index (self->positions, guint, position);
}

/**
 * dx_filtered_history_finish:
 *
 * Tests all pending rows now, without slices: for work that needs the
 * whole result at once, and for measuring.
 */
void
dx_filtered_history_finish (DxFilteredHistory *self)
{
  g_return_if_fail (DX_IS_FILTERED_HISTORY (self));

  run_slice (self, G_MAXINT64);
  update_pending (self);
}
