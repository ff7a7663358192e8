/* dx-test-widgets.c — finding and clicking widgets as a tester would:
 * by what they show, among those on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-test-widgets.h"

/**
 * dx_test_find_widget:
 *
 * Returns: (transfer none) (nullable): the first widget under @root, depth
 *   first, that @match accepts
 */
GtkWidget *
dx_test_find_widget (GtkWidget         *root,
                     DxTestWidgetMatch  match,
                     gconstpointer      data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dx_test_find_widget (child, match, data);

      if (found)
        return found;
    }
  return NULL;
}

gboolean
dx_test_is_button_labelled (GtkWidget     *widget,
                            gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
dx_test_is_entry_with_text (GtkWidget     *widget,
                            gconstpointer  text)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0;
}

/**
 * dx_test_click:
 *
 * Clicks the button on screen under @root that shows @label; fails the
 * test if there is none or it cannot be clicked.
 */
void
dx_test_click (GtkWidget  *root,
               const char *label)
{
  GtkWidget *button = dx_test_find_widget (root, dx_test_is_button_labelled, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}
