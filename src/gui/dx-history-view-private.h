/* dx-history-view-private.h — what the files of DxHistoryView share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dx-filtered-history.h"
#include "dx-history.h"
#include "dx-history-view.h"

G_BEGIN_DECLS

struct _DxHistoryView
{
  GtkWidget            parent_instance;

  GtkWidget           *root_box;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *regex_button;
  GtkToggleButton     *sent_button;
  GtkToggleButton     *received_button;
  GtkToggleButton     *events_button;
  GtkDropDown         *kind_dropdown;
  GtkToggleButton     *pause_button;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled;
  GtkListView         *list_view;
  GtkRevealer         *jump_revealer;
  DxMessageInspector  *inspector;
  GtkSpinner          *filter_spinner;
  GtkLabel            *status_label;

  GListModel          *model;
  DxHistoryFilter     *filter;
  DxFilteredHistory   *shown;
  GtkSingleSelection  *selection;
  gboolean             following;
  gboolean             paused;
  gboolean             scrolling;
  double               last_value;
  guint                follow_tick;
  char                *search_error;

  /* Status: counts of the whole history, and the rate over the last tick */
  guint64              n_sent;
  guint64              n_received;
  guint64              bytes_sent;
  guint64              bytes_received;
  guint64              rate_last_count;
  gint64               rate_last_time;
  double               rate;
  guint                status_timer;

  DxHistory           *cleared;
  AdwToast            *clear_toast;
  GtkNativeDialog     *export_dialog;
  char                *export_target;
};

void _dx_history_view_forget_clear      (DxHistoryView *self);
void _dx_history_view_clear_activated   (GtkWidget     *widget,
                                         const char    *action_name,
                                         GVariant      *parameter);
void _dx_history_view_export_activated  (GtkWidget     *widget,
                                         const char    *action_name,
                                         GVariant      *parameter);

G_END_DECLS
