/* bench-filter.c — filtering a large history the way the history view
 * does, against the way it did before, measured in the same run
 *
 *   meson compile -C build && build/bench/bench-filter [COUNT]
 *
 * before: a GtkFilterListModel (incremental) over DxHistory with a
 *   GtkCustomFilter calling dx_history_filter_match_message(): a DxMessage
 *   for every row, only to test it
 * after: DxFilteredHistory, which tests rows where they are stored, in
 *   slices
 * Both run on a main loop until nothing is pending, as in the window, and
 * the longest main-loop turn is printed with the total. For reference, the
 * plain loops under each: g_list_model_get_item() + match_message() for
 * every row, and dx_history_filter_count(). No display is needed: the GTK
 * list models are not widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <gtk/gtk.h>

#include "dx-filtered-history.h"

typedef struct {
  double ms;
  double longest_turn_ms;
  guint  turns;
  guint  shown;
} Run;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
match_message_cb (gpointer item,
                  gpointer data)
{
  return dx_history_filter_match_message (data, item);
}

static void
turn (Run *run)
{
  gint64 start = g_get_monotonic_time ();

  g_main_context_iteration (NULL, TRUE);
  run->longest_turn_ms = MAX (run->longest_turn_ms, ms_since (start));
  run->turns++;
}

static Run
run_before (DxHistory       *history,
            DxHistoryFilter *filter)
{
  g_autoptr(GtkFilterListModel) model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (history)), NULL);
  Run run = { 0 };
  gint64 start;

  gtk_filter_list_model_set_incremental (model, TRUE);
  start = g_get_monotonic_time ();
  gtk_filter_list_model_set_filter (model, GTK_FILTER (gtk_custom_filter_new (match_message_cb,
                                                                              g_object_ref (filter),
                                                                              g_object_unref)));
  while (gtk_filter_list_model_get_pending (model) > 0)
    turn (&run);
  run.ms = ms_since (start);
  run.shown = g_list_model_get_n_items (G_LIST_MODEL (model));

  return run;
}

static Run
run_after (DxHistory       *history,
           DxHistoryFilter *filter,
           const char      *search,
           gboolean         regex,
           guint            directions)
{
  g_autoptr(DxFilteredHistory) model = dx_filtered_history_new (history, filter);
  Run run = { 0 };
  gint64 start;

  /* The view's model exists before the tester types: what is measured is
   * the change of filter */
  start = g_get_monotonic_time ();
  dx_history_filter_set_search (filter, search, regex, NULL);
  dx_history_filter_set_directions (filter, directions);
  while (dx_filtered_history_get_pending (model) > 0)
    turn (&run);
  run.ms = ms_since (start);
  run.shown = g_list_model_get_n_items (G_LIST_MODEL (model));

  dx_history_filter_set_search (filter, NULL, FALSE, NULL);
  dx_history_filter_set_directions (filter, DX_HISTORY_FILTER_ALL);
  return run;
}

static double
loop_get_item (DxHistory       *history,
               DxHistoryFilter *filter,
               guint           *hits)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  gint64 start = g_get_monotonic_time ();

  *hits = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMessage) message = g_list_model_get_item (G_LIST_MODEL (history), i);

      *hits += dx_history_filter_match_message (filter, message);
    }
  return ms_since (start);
}

static void
compare (DxHistory  *history,
         const char *title,
         const char *search,
         gboolean    regex,
         guint       directions)
{
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(DxHistoryFilter) fixed = dx_history_filter_new ();
  Run before, after;
  guint hits, count;
  double get_item_ms, count_ms;
  gint64 start;

  dx_history_filter_set_search (fixed, search, regex, NULL);
  dx_history_filter_set_directions (fixed, directions);

  before = run_before (history, fixed);
  after = run_after (history, filter, search, regex, directions);
  get_item_ms = loop_get_item (history, fixed, &hits);
  start = g_get_monotonic_time ();
  count = dx_history_filter_count (fixed, history);
  count_ms = ms_since (start);

  g_print ("%s:\n", title);
  g_print ("  before, GtkFilterListModel + match_message: %8.1f ms (%u turns, longest %.1f ms, %u shown)\n",
           before.ms, before.turns, before.longest_turn_ms, before.shown);
  g_print ("  after, DxFilteredHistory:                   %8.1f ms (%u turns, longest %.1f ms, %u shown)\n",
           after.ms, after.turns, after.longest_turn_ms, after.shown);
  g_print ("  ratio before / after:                       %8.1fx\n", before.ms / after.ms);
  g_print ("  reference loops: get_item + match_message %.1f ms (%u hits), dx_history_filter_count %.1f ms (%u hits)\n",
           get_item_ms, hits, count_ms, count);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (DxRecord));

  /* The rows of tests/ui/test-history.c: a flood where every 1000th row
   * mentions a needle */
  for (guint i = 0; i < n; i++)
    {
      char text[64];
      int len = g_snprintf (text, sizeof text, "{\"seq\":%u,\"w\":\"%s\"}", i, i % 1000 == 999 ? "needle" : "hay");
      DxRecord record = {
        .payload = g_bytes_new (text, len),
        .wall_time_us = g_get_real_time (),
        .monotonic_time_us = i,
        .direction = i % 2 ? DX_DIRECTION_RECEIVED : DX_DIRECTION_SENT,
        .kind = DX_MESSAGE_KIND_TEXT,
      };

      g_array_append_val (batch, record);
      if (batch->len == 4096 || i == n - 1)
        {
          dx_history_append_batch (history, (DxRecord *) batch->data, batch->len);
          g_array_set_size (batch, 0);
        }
    }
  g_print ("%u rows\n", n);

  compare (history, "text search \"NEEDLE\", ignoring case", "NEEDLE", FALSE, DX_HISTORY_FILTER_ALL);
  compare (history, "regex search \"seq\":1[0-9]{5},", "\"seq\":1[0-9]{5},", TRUE, DX_HISTORY_FILTER_ALL);
  compare (history, "direction: sent only", NULL, FALSE, DX_HISTORY_FILTER_BIT (DX_DIRECTION_SENT));

  return 0;
}
