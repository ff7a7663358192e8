/* dx-test-widgets.h — finding and clicking widgets as a tester would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*DxTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);

GtkWidget *dx_test_find_widget        (GtkWidget         *root,
                                       DxTestWidgetMatch  match,
                                       gconstpointer      data);
gboolean   dx_test_is_button_labelled (GtkWidget         *widget,
                                       gconstpointer      label);
gboolean   dx_test_is_entry_with_text (GtkWidget         *widget,
                                       gconstpointer      text);
void       dx_test_click              (GtkWidget         *root,
                                       const char        *label);

G_END_DECLS
