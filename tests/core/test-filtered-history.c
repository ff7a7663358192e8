/* test-filtered-history.c — DxFilteredHistory shows exactly the rows that
 * dx_history_filter_match_position() matches, whatever happens to the
 * history while it filters, and says so in items-changed a list can follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-filtered-history.h"
#include "dx-settings-store-private.h"
#include "dx-test-util.h"

/* Each row's monotonic time is unique: it tells rows apart wherever they
 * move */
static gint64 next_key = 1;

static const char *words[] = { "alpha", "Needle", "needle", "NEEDLE", "hay", "{\"type\":\"ping\"}", "ümlaut", "seq=42" };

static GBytes *
random_payload (GRand         *rand,
                DxMessageKind  kind)
{
  GByteArray *bytes = g_byte_array_new ();
  guint n = g_rand_int_range (rand, 0, 6);

  if (kind == DX_MESSAGE_KIND_BINARY)
    {
      /* NUL, invalid UTF-8 and sometimes a word inside */
      for (guint i = 0; i < n * 3; i++)
        {
          guint8 byte = g_rand_int_range (rand, 0, 256);

          g_byte_array_append (bytes, &byte, 1);
        }
      if (g_rand_boolean (rand))
        g_byte_array_append (bytes, (const guint8 *) "needle", 6);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

          g_byte_array_append (bytes, (const guint8 *) word, strlen (word));
          g_byte_array_append (bytes, (const guint8 *) " ", 1);
        }
    }

  /* Now and then a large payload, which the history keeps as a GBytes */
  if (g_rand_int_range (rand, 0, 500) == 0)
    {
      g_autofree char *large = g_strnfill (5000, 'x');

      g_byte_array_append (bytes, (const guint8 *) large, 5000);
    }

  return g_byte_array_free_to_bytes (bytes);
}

static void
append_random (DxHistory *history,
               GRand     *rand,
               guint      n)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (DxRecord));

  for (guint i = 0; i < n; i++)
    {
      DxRecord record;

      record.direction = g_rand_int_range (rand, DX_DIRECTION_SENT, DX_DIRECTION_EVENT + 1);
      record.kind = g_rand_int_range (rand, DX_MESSAGE_KIND_TEXT, DX_MESSAGE_KIND_STATE + 1);
      record.payload = random_payload (rand, record.kind);
      record.wall_time_us = 1764107404000000 + next_key;
      record.monotonic_time_us = next_key++;
      g_array_append_val (batch, record);
    }
  dx_history_append_batch (history, (DxRecord *) batch->data, batch->len);
}

/* The GListModel consistency checker: replays every items-changed on a
 * shadow list of row keys and compares it with the model */
typedef struct {
  DxFilteredHistory *model;
  GArray            *keys;
  guint              emissions;
} Shadow;

static gint64
key_at (DxFilteredHistory *model,
        guint              position)
{
  DxHistory *history = dx_filtered_history_get_history (model);
  guint row = dx_filtered_history_get_history_position (model, position);

  g_assert_cmpuint (row, !=, G_MAXUINT);
  return dx_history_get_monotonic_time (history, row);
}

static void
shadow_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Shadow     *shadow)
{
  g_assert_cmpuint (position + removed, <=, shadow->keys->len);
  g_array_remove_range (shadow->keys, position, removed);
  for (guint i = 0; i < added; i++)
    {
      gint64 key = key_at (shadow->model, position + i);

      g_array_insert_val (shadow->keys, position + i, key);
    }
  g_assert_cmpuint (shadow->keys->len, ==, g_list_model_get_n_items (model));
  shadow->emissions++;
}

static void
shadow_init (Shadow            *shadow,
             DxFilteredHistory *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  shadow->model = model;
  shadow->keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  shadow->emissions = 0;
  for (guint i = 0; i < n; i++)
    {
      gint64 key = key_at (model, i);

      g_array_append_val (shadow->keys, key);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (shadow_items_changed_cb), shadow);
}

static void
shadow_clear (Shadow *shadow)
{
  g_signal_handlers_disconnect_by_data (shadow->model, shadow);
  g_clear_pointer (&shadow->keys, g_array_unref);
}

/* The shadow is the model; the model's rows are in order and each one is
 * what its DxMessage says */
static void
shadow_check (Shadow *shadow)
{
  GListModel *model = G_LIST_MODEL (shadow->model);
  guint n = g_list_model_get_n_items (model);
  guint previous = 0;

  g_assert_cmpuint (shadow->keys->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      guint row = dx_filtered_history_get_history_position (shadow->model, i);

      g_assert_cmpint (g_array_index (shadow->keys, gint64, i), ==, key_at (shadow->model, i));
      g_assert_true (i == 0 || row > previous);
      previous = row;
    }
  if (n > 0)
    {
      g_autoptr(DxMessage) last = g_list_model_get_item (model, n - 1);

      g_assert_cmpint (dx_message_get_monotonic_time (last), ==, g_array_index (shadow->keys, gint64, n - 1));
    }
  g_assert_null (g_list_model_get_item (model, n));
}

/* Once filtering is done, the rows shown are the ones the core matches */
static void
check_matches (DxFilteredHistory *model)
{
  DxHistory *history = dx_filtered_history_get_history (model);
  DxHistoryFilter *filter = dx_filtered_history_get_filter (model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  guint shown = 0;

  g_assert_cmpuint (dx_filtered_history_get_pending (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, dx_history_filter_count (filter, history));
  for (guint row = 0; row < n; row++)
    if (dx_history_filter_match_position (filter, history, row))
      g_assert_cmpuint (dx_filtered_history_get_history_position (model, shown++), ==, row);
}

static void
wait_done (DxFilteredHistory *model)
{
  while (dx_filtered_history_get_pending (model) > 0)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  const char *search;
  gboolean    regex;
  guint       directions;
  guint       kinds;
} FilterSpec;

static const FilterSpec specs[] = {
  { NULL, FALSE, DX_HISTORY_FILTER_ALL, DX_HISTORY_FILTER_ALL },
  { "needle", FALSE, DX_HISTORY_FILTER_ALL, DX_HISTORY_FILTER_ALL },
  { "NeEdLe ", FALSE, DX_HISTORY_FILTER_BIT (DX_DIRECTION_RECEIVED), DX_HISTORY_FILTER_ALL },
  { "Ne+dle|ümlaut", TRUE, DX_HISTORY_FILTER_ALL, DX_HISTORY_FILTER_ALL },
  { "\\x00", TRUE, DX_HISTORY_FILTER_ALL, DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_BINARY) },
  { "^$", TRUE, DX_HISTORY_FILTER_ALL, DX_HISTORY_FILTER_ALL },
  { NULL, FALSE, DX_HISTORY_FILTER_BIT (DX_DIRECTION_SENT) | DX_HISTORY_FILTER_BIT (DX_DIRECTION_EVENT),
    DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_TEXT) | DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_PONG) },
  { "type", FALSE, DX_HISTORY_FILTER_ALL, DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_TEXT) },
  { "nothing matches this", FALSE, DX_HISTORY_FILTER_ALL, DX_HISTORY_FILTER_ALL },
};

static void
apply (DxHistoryFilter  *filter,
       const FilterSpec *spec)
{
  g_assert_true (dx_history_filter_set_search (filter, spec->search, spec->regex, NULL));
  dx_history_filter_set_directions (filter, spec->directions);
  dx_history_filter_set_kinds (filter, spec->kinds);
}

static void
test_matches_core (void)
{
  for (guint seed = 1; seed <= 4; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(DxHistory) history = dx_history_new ();
      g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
      g_autoptr(DxFilteredHistory) model = NULL;
      Shadow shadow;

      append_random (history, rand, g_rand_int_range (rand, 0, 30000));
      model = dx_filtered_history_new (history, filter);
      shadow_init (&shadow, model);

      for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
        {
          apply (filter, &specs[i]);
          shadow_check (&shadow);
          wait_done (model);
          shadow_check (&shadow);
          check_matches (model);
          g_assert_cmpint (dx_filtered_history_get_filtering (model), ==,
                           !dx_history_filter_is_everything (filter));
        }
      shadow_clear (&shadow);
    }
}

/* Large enough that filtering takes several slices */
#define LARGE 400000

static void
test_incremental (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(DxFilteredHistory) model = NULL;
  guint turns = 0;
  Shadow shadow;

  append_random (history, rand, LARGE);
  model = dx_filtered_history_new (history, filter);
  shadow_init (&shadow, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, LARGE);

  /* A regular expression over 400 000 rows is more than one slice */
  g_assert_true (dx_history_filter_set_search (filter, "(?i)n[e]+dle\\s", TRUE, NULL));
  g_assert_cmpuint (dx_filtered_history_get_pending (model), >, 0);
  while (dx_filtered_history_get_pending (model) > 0)
    {
      g_main_context_iteration (NULL, TRUE);
      shadow_check (&shadow);
      turns++;
    }
  g_assert_cmpuint (turns, >, 1);
  check_matches (model);

  /* Changing the filter in the middle starts over, cleanly */
  apply (filter, &specs[3]);
  g_main_context_iteration (NULL, TRUE);
  apply (filter, &specs[6]);
  shadow_check (&shadow);
  apply (filter, &specs[0]);
  shadow_check (&shadow);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, LARGE);
  apply (filter, &specs[4]);
  dx_filtered_history_finish (model);
  shadow_check (&shadow);
  check_matches (model);

  shadow_clear (&shadow);
}

static void
test_append_while_filtering (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(DxFilteredHistory) model = NULL;
  Shadow shadow;
  guint before;

  append_random (history, rand, LARGE);
  model = dx_filtered_history_new (history, filter);
  shadow_init (&shadow, model);
  apply (filter, &specs[3]);

  /* Batches arriving while filtering wait for their turn */
  for (guint i = 0; dx_filtered_history_get_pending (model) > 0; i++)
    {
      append_random (history, rand, g_rand_int_range (rand, 1, 3000));
      shadow_check (&shadow);
      g_main_context_iteration (NULL, FALSE);
      shadow_check (&shadow);
      g_assert_cmpuint (i, <, 100000);
    }
  check_matches (model);

  /* Once filtered, each batch is tested as it comes: at most one
   * items-changed, none when nothing in it matches */
  for (guint i = 0; i < 50; i++)
    {
      before = shadow.emissions;
      append_random (history, rand, g_rand_int_range (rand, 1, 500));
      g_assert_cmpuint (shadow.emissions - before, <=, 1);
      g_assert_cmpuint (dx_filtered_history_get_pending (model), ==, 0);
      shadow_check (&shadow);
      check_matches (model);
    }

  /* And one batch too large to test at once is finished by the slices */
  append_random (history, rand, LARGE);
  shadow_check (&shadow);
  wait_done (model);
  shadow_check (&shadow);
  check_matches (model);

  /* Passing through, a batch is the history's own items-changed */
  apply (filter, &specs[0]);
  before = shadow.emissions;
  append_random (history, rand, 100);
  g_assert_cmpuint (shadow.emissions - before, ==, 1);
  shadow_check (&shadow);

  shadow_clear (&shadow);
}

static void
test_clear_restore (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(DxFilteredHistory) model = NULL;
  Shadow shadow;

  append_random (history, rand, 20000);
  model = dx_filtered_history_new (history, filter);
  shadow_init (&shadow, model);
  apply (filter, &specs[1]);
  wait_done (model);

  for (guint small = 0; small < 2; small++)
    {
      g_autoptr(DxHistory) cleared = NULL;

      /* Cleared, a few new rows, then Undo puts the old ones before them */
      cleared = dx_history_clear (history);
      shadow_check (&shadow);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
      append_random (history, rand, 300);
      shadow_check (&shadow);
      check_matches (model);
      dx_history_restore (history, cleared);
      shadow_check (&shadow);
      wait_done (model);
      shadow_check (&shadow);
      check_matches (model);

      /* The same in the middle of filtering a large history */
      append_random (history, rand, LARGE);
      apply (filter, &specs[3]);
      g_assert_cmpuint (dx_filtered_history_get_pending (model), >, 0);
      g_main_context_iteration (NULL, FALSE);
      g_clear_object (&cleared);
      cleared = dx_history_clear (history);
      shadow_check (&shadow);
      g_assert_cmpuint (dx_filtered_history_get_pending (model), ==, 0);
      append_random (history, rand, 10);
      dx_history_restore (history, cleared);
      shadow_check (&shadow);
      g_main_context_iteration (NULL, FALSE);
      shadow_check (&shadow);
      /* Cleared again while restoring the large history is filtered */
      g_clear_object (&cleared);
      cleared = dx_history_clear (history);
      dx_history_restore (history, cleared);
      shadow_check (&shadow);
      wait_done (model);
      shadow_check (&shadow);
      check_matches (model);
    }

  shadow_clear (&shadow);
}

/* The retention limit: what comes back at start-up is the newest
 * history-limit rows of the saved history, appended while a filter is on;
 * and another history put under the same filter */
static void
test_retention_and_swap (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(DxHistory) saved = dx_history_new ();
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxHistory) other = dx_history_new ();
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(DxFilteredHistory) model = NULL;
  g_autoptr(GVariant) value = NULL;
  Shadow shadow;

  append_random (saved, rand, 50000);
  value = _dx_settings_store_history_to_variant (saved, 30000, G_MAXUINT);

  append_random (history, rand, 100);
  model = dx_filtered_history_new (history, filter);
  shadow_init (&shadow, model);
  apply (filter, &specs[2]);
  g_assert_cmpint (_dx_settings_store_restore_history (history, value, 20000), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 20100);
  g_assert_cmpint (dx_history_get_monotonic_time (history, 100), ==, dx_history_get_monotonic_time (saved, 30000));
  shadow_check (&shadow);
  wait_done (model);
  check_matches (model);

  append_random (other, rand, LARGE);
  dx_filtered_history_set_history (model, other);
  shadow_check (&shadow);
  wait_done (model);
  shadow_check (&shadow);
  check_matches (model);

  dx_filtered_history_set_history (model, NULL);
  shadow_check (&shadow);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (dx_filtered_history_get_pending (model), ==, 0);

  shadow_clear (&shadow);
}

/* DxHistory only appends, clears and restores; any other change, such as
 * a row replaced in the middle, is followed as well. Rows "replaced" by
 * themselves keep the history as it is, so the result can be checked. */
static void
test_rows_replaced (void)
{
  static const struct { guint position, n; } changes[] = {
    { 0, 1 }, { 5000, 1 }, { 123456, 20000 }, { 1000, LARGE - 2000 }, { LARGE - 10, 10 }, { 7, 0 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(DxFilteredHistory) model = NULL;
  Shadow shadow;

  append_random (history, rand, LARGE);
  model = dx_filtered_history_new (history, filter);
  shadow_init (&shadow, model);

  for (guint midway = 0; midway < 2; midway++)
    for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
      {
        apply (filter, &specs[i % 2 ? 3 : 1]);
        if (midway)
          g_main_context_iteration (NULL, FALSE);
        else
          wait_done (model);
        g_list_model_items_changed (G_LIST_MODEL (history), changes[i].position, changes[i].n, changes[i].n);
        shadow_check (&shadow);
        wait_done (model);
        shadow_check (&shadow);
        check_matches (model);
      }

  shadow_clear (&shadow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/filtered-history/matches-core", test_matches_core);
  g_test_add_func ("/dx/filtered-history/incremental", test_incremental);
  g_test_add_func ("/dx/filtered-history/append-while-filtering", test_append_while_filtering);
  g_test_add_func ("/dx/filtered-history/clear-restore", test_clear_restore);
  g_test_add_func ("/dx/filtered-history/retention-and-swap", test_retention_and_swap);
  g_test_add_func ("/dx/filtered-history/rows-replaced", test_rows_replaced);

  return g_test_run ();
}
