/* bench-history.c — searching, filtering, exporting and clearing a large
 * history, against a plain memmem() scan of the same payloads measured in
 * the same run
 *
 *   meson compile -C build && build/bench/bench-history [COUNT]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dx-history-export.h"
#include "dx-history-filter.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxHistory) cleared = NULL;
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (DxRecord));
  g_autoptr(GOutputStream) sink = NULL;
  g_autoptr(GFile) null_file = g_file_new_for_path ("/dev/null");
  guint baseline_hits = 0, hits;
  double baseline, ms;
  gint64 start;

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

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      gsize size;
      const char *data = dx_history_peek_payload (history, i, &size);

      baseline_hits += memmem (data, size, "needle", 6) != NULL;
    }
  baseline = ms_since (start);
  g_print ("%u rows; baseline memmem scan: %.1f ms (%u hits)\n", n, baseline, baseline_hits);

  dx_history_filter_set_search (filter, "NEEDLE", FALSE, NULL);
  start = g_get_monotonic_time ();
  hits = dx_history_filter_count (filter, history);
  ms = ms_since (start);
  g_print ("text search, ignoring case: %.1f ms (%.2fx baseline, %u hits)\n", ms, ms / baseline, hits);

  dx_history_filter_set_search (filter, "\"w\":\"n[e]+dle\"", TRUE, NULL);
  start = g_get_monotonic_time ();
  hits = dx_history_filter_count (filter, history);
  ms = ms_since (start);
  g_print ("regex search: %.1f ms (%.2fx baseline, %u hits)\n", ms, ms / baseline, hits);

  dx_history_filter_set_search (filter, NULL, FALSE, NULL);
  dx_history_filter_set_directions (filter, DX_HISTORY_FILTER_BIT (DX_DIRECTION_SENT));
  start = g_get_monotonic_time ();
  hits = dx_history_filter_count (filter, history);
  ms = ms_since (start);
  g_print ("direction filter: %.1f ms (%.2fx baseline, %u hits)\n", ms, ms / baseline, hits);

  sink = G_OUTPUT_STREAM (g_file_append_to (null_file, G_FILE_CREATE_NONE, NULL, NULL));
  start = g_get_monotonic_time ();
  dx_history_export (G_LIST_MODEL (history), NULL, DX_EXPORT_FORMAT_JSON_LINES, sink, NULL, NULL);
  ms = ms_since (start);
  g_print ("export JSON Lines: %.1f ms (%.2fx baseline)\n", ms, ms / baseline);

  start = g_get_monotonic_time ();
  dx_history_export (G_LIST_MODEL (history), NULL, DX_EXPORT_FORMAT_CSV, sink, NULL, NULL);
  ms = ms_since (start);
  g_print ("export CSV: %.1f ms (%.2fx baseline)\n", ms, ms / baseline);

  start = g_get_monotonic_time ();
  cleared = dx_history_clear (history);
  g_print ("clear: %.3f ms\n", ms_since (start));
  start = g_get_monotonic_time ();
  dx_history_restore (history, cleared);
  g_print ("undo clear: %.3f ms (%u rows back)\n", ms_since (start),
           g_list_model_get_n_items (G_LIST_MODEL (history)));

  return 0;
}
