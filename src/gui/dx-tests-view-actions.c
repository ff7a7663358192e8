/* dx-tests-view-actions.c — what the tests view's buttons, menus and keys
 * do: add, duplicate, move and delete (with Undo) scenarios and steps;
 * run and stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dx-tests-view-private.h"

static AdwToastOverlay *
find_toast_overlay (DxTestsView *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
}

/* Keeps @item to bring back at @position of the list it came from, and
 * offers Undo. Toasts are never dismissed by hand: libadwaita 1.2 reads
 * freed memory when one goes while it animates. */
static void
offer_undo (DxTestsView *self,
            GObject     *item,
            guint        position,
            const char  *title)
{
  AdwToastOverlay *overlay = find_toast_overlay (self);
  AdwToast *toast;

  g_set_object (&self->deleted, item);
  self->deleted_position = position;
  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "tests.undo-delete");
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
undo_delete_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  g_autoptr(GObject) item = g_steal_pointer (&self->deleted);
  GListStore *list;

  if (item == NULL)
    return;

  list = DX_IS_SCENARIO (item) ? _dx_tests_view_scenarios (self) : _dx_tests_view_shown_steps (self);
  if (list == NULL)
    return;
  g_list_store_insert (list, MIN (self->deleted_position, g_list_model_get_n_items (G_LIST_MODEL (list))), item);
  if (DX_IS_SCENARIO (item))
    dx_tests_view_select (self, self->deleted_position);
  else
    dx_tests_view_select_step (self, self->deleted_position);
}

static void
add_scenario_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  GListStore *scenarios = _dx_tests_view_scenarios (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (scenarios));
  g_autofree char *name = g_strdup_printf (_("Scenario %u"), n + 1);
  g_autoptr(DxScenario) scenario = dx_scenario_new (name);
  g_autoptr(DxScenarioStep) connect = dx_scenario_step_new (DX_STEP_CONNECT);

  /* Every scenario starts by connecting */
  dx_scenario_add_step (scenario, connect);
  g_list_store_append (scenarios, scenario);
  dx_tests_view_select (self, n);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);
}

static void
duplicate_scenario_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  GListStore *scenarios = _dx_tests_view_scenarios (self);
  guint position;
  g_autofree char *name = NULL;
  g_autoptr(DxScenario) copy = NULL;

  if (self->shown == NULL || !g_list_store_find (scenarios, self->shown, &position))
    return;

  /* Translators: the name of a copy of a scenario */
  name = g_strdup_printf (_("%s (copy)"), dx_scenario_get_name (self->shown));
  copy = dx_scenario_duplicate (self->shown, name);
  g_list_store_insert (scenarios, position + 1, copy);
  dx_tests_view_select (self, position + 1);
}

static void
delete_scenario_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  GListStore *scenarios = _dx_tests_view_scenarios (self);
  g_autoptr(DxScenario) scenario = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (self->shown == NULL || dx_tests_view_get_running (self) ||
      !g_list_store_find (scenarios, self->shown, &position))
    return;

  scenario = g_object_ref (self->shown);
  g_list_store_remove (scenarios, position);
  title = g_strdup_printf (_("Scenario “%s” deleted"), dx_scenario_get_name (scenario));
  offer_undo (self, G_OBJECT (scenario), position, title);
}

static void
move_in (GListStore *list,
         guint       from,
         guint       to)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), from);

  g_list_store_remove (list, from);
  g_list_store_insert (list, to, item);
}

static void
move_scenario_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  GListStore *scenarios = _dx_tests_view_scenarios (self);
  gboolean up = g_str_equal (action_name, "tests.move-scenario-up");
  guint position;

  if (self->shown == NULL || !g_list_store_find (scenarios, self->shown, &position))
    return;

  if ((up && position == 0) || (!up && position + 1 >= g_list_model_get_n_items (G_LIST_MODEL (scenarios))))
    return;
  move_in (scenarios, position, up ? position - 1 : position + 1);
}

static void
add_step_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (DX_TYPE_STEP_KIND);
  GEnumValue *kind = g_enum_get_value_by_nick (kinds, g_variant_get_string (parameter, NULL));
  g_autoptr(DxScenarioStep) step = NULL;
  guint n;

  if (kind == NULL || self->shown == NULL)
    return;

  step = dx_scenario_step_new (kind->value);
  dx_scenario_add_step (self->shown, step);
  n = g_list_model_get_n_items (G_LIST_MODEL (_dx_tests_view_shown_steps (self)));
  dx_tests_view_select_step (self, n - 1);
}

static void
step_action_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  GListStore *steps = _dx_tests_view_shown_steps (self);
  guint position = g_variant_get_uint32 (parameter);
  guint n = steps ? g_list_model_get_n_items (G_LIST_MODEL (steps)) : 0;
  g_autoptr(DxScenarioStep) step = NULL;

  if (position >= n)
    return;
  step = g_list_model_get_item (G_LIST_MODEL (steps), position);

  if (g_str_equal (action_name, "tests.duplicate-step"))
    {
      g_autoptr(DxScenarioStep) copy = dx_scenario_step_copy (step);

      g_list_store_insert (steps, position + 1, copy);
      dx_tests_view_select_step (self, position + 1);
    }
  else if (g_str_equal (action_name, "tests.move-step-up") && position > 0)
    {
      move_in (steps, position, position - 1);
      dx_tests_view_select_step (self, position - 1);
    }
  else if (g_str_equal (action_name, "tests.move-step-down") && position + 1 < n)
    {
      move_in (steps, position, position + 1);
      dx_tests_view_select_step (self, position + 1);
    }
  else if (g_str_equal (action_name, "tests.delete-step"))
    {
      g_autofree char *summary = dx_scenario_step_dup_summary (step);
      g_autofree char *title = g_strdup_printf (_("Step “%s” deleted"), summary);

      g_list_store_remove (steps, position);
      offer_undo (self, G_OBJECT (step), position, title);
    }
}

/* Alt+Up, Alt+Down and Delete act on the step row that has the focus */
static void
focused_step_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DxTestsView *self = DX_TESTS_VIEW (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->steps_list);
  const char *target = g_str_equal (action_name, "tests.move-focused-step-up") ? "tests.move-step-up"
                     : g_str_equal (action_name, "tests.move-focused-step-down") ? "tests.move-step-down"
                     : "tests.delete-step";

  if (row == NULL || !gtk_widget_has_focus (GTK_WIDGET (row)))
    return;
  gtk_widget_activate_action (widget, target, "u", dx_step_row_get_position (DX_STEP_ROW (row)));
  if (gtk_list_box_get_selected_row (self->steps_list) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (self->steps_list)));
}

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dx_tests_view_run (DX_TESTS_VIEW (widget));
}

static void
run_all_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  dx_tests_view_run_all (DX_TESTS_VIEW (widget));
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dx_tests_view_stop (DX_TESTS_VIEW (widget));
}

void
_dx_tests_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "tests.add-scenario", NULL, add_scenario_activated);
  gtk_widget_class_install_action (widget_class, "tests.duplicate-scenario", NULL, duplicate_scenario_activated);
  gtk_widget_class_install_action (widget_class, "tests.delete-scenario", NULL, delete_scenario_activated);
  gtk_widget_class_install_action (widget_class, "tests.move-scenario-up", NULL, move_scenario_activated);
  gtk_widget_class_install_action (widget_class, "tests.move-scenario-down", NULL, move_scenario_activated);
  gtk_widget_class_install_action (widget_class, "tests.add-step", "s", add_step_activated);
  gtk_widget_class_install_action (widget_class, "tests.duplicate-step", "u", step_action_activated);
  gtk_widget_class_install_action (widget_class, "tests.move-step-up", "u", step_action_activated);
  gtk_widget_class_install_action (widget_class, "tests.move-step-down", "u", step_action_activated);
  gtk_widget_class_install_action (widget_class, "tests.delete-step", "u", step_action_activated);
  gtk_widget_class_install_action (widget_class, "tests.move-focused-step-up", NULL, focused_step_activated);
  gtk_widget_class_install_action (widget_class, "tests.move-focused-step-down", NULL, focused_step_activated);
  gtk_widget_class_install_action (widget_class, "tests.delete-focused-step", NULL, focused_step_activated);
  gtk_widget_class_install_action (widget_class, "tests.undo-delete", NULL, undo_delete_activated);
  gtk_widget_class_install_action (widget_class, "tests.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "tests.run-all", NULL, run_all_activated);
  gtk_widget_class_install_action (widget_class, "tests.stop", NULL, stop_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "tests.move-focused-step-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "tests.move-focused-step-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "tests.delete-focused-step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "tests.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "tests.run-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "tests.stop", NULL);
}
