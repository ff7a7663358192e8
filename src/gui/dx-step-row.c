/* dx-step-row.c — one step of a scenario, and how it went in the last run
 *
 * The row shows the step's one-line summary, whether it runs, and the
 * outcome of the last run: an icon, the time it took, and for a failure
 * what was expected against what happened, selectable so that a tester
 * can paste it into a bug report. Its menu acts through the tests view's
 * actions, given the row's position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-step-row.h"

struct _DxStepRow
{
  GtkListBoxRow    parent_instance;

  GtkCheckButton  *enabled_check;
  GtkLabel        *number_label;
  GtkImage        *status_icon;
  GtkLabel        *summary_label;
  GtkLabel        *duration_label;
  GtkLabel        *detail_label;

  DxScenarioStep  *step;
  GBinding        *enabled_binding;
  guint            position;
  DxStepStatus     status;
};

G_DEFINE_FINAL_TYPE (DxStepRow, dx_step_row, GTK_TYPE_LIST_BOX_ROW)

/* By DxStepStatus */
static const char * const status_classes[] = { "pending", "running", "passed", "failed", "skipped", NULL };

static void
update_summary (DxStepRow *self)
{
  g_autofree char *summary = dx_scenario_step_dup_summary (self->step);
  g_autofree char *number = g_strdup_printf ("%u", self->position + 1);

  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary);
  gtk_label_set_text (self->number_label, number);
  gtk_widget_set_opacity (GTK_WIDGET (self->summary_label),
                          dx_scenario_step_get_enabled (self->step) ? 1.0 : 0.55);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DxStepRow *self = DX_STEP_ROW (widget);
  /* "step.move-up" → "tests.move-step-up" and so on */
  static const struct { const char *row; const char *view; } names[] = {
    { "step.duplicate", "tests.duplicate-step" },
    { "step.move-up", "tests.move-step-up" },
    { "step.move-down", "tests.move-step-down" },
    { "step.delete", "tests.delete-step" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (action_name, names[i].row))
      gtk_widget_activate_action (widget, names[i].view, "u", self->position);
}

static void
dx_step_row_dispose (GObject *object)
{
  DxStepRow *self = DX_STEP_ROW (object);

  g_clear_pointer (&self->enabled_binding, g_binding_unbind);
  if (self->step)
    g_signal_handlers_disconnect_by_data (self->step, self);
  g_clear_object (&self->step);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_STEP_ROW);

  G_OBJECT_CLASS (dx_step_row_parent_class)->dispose (object);
}

static void
dx_step_row_class_init (DxStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_step_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DxStepRow, enabled_check);
  gtk_widget_class_bind_template_child (widget_class, DxStepRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, DxStepRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, DxStepRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DxStepRow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, DxStepRow, detail_label);

  gtk_widget_class_install_action (widget_class, "step.duplicate", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "step.move-up", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "step.move-down", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "step.delete", NULL, forward_action);
  gtk_widget_class_set_css_name (widget_class, "steprow");
}

static void
dx_step_row_init (DxStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dx_step_row_new (DxScenarioStep *step,
                 guint           position)
{
  DxStepRow *self;

  g_return_val_if_fail (DX_IS_SCENARIO_STEP (step), NULL);

  self = g_object_new (DX_TYPE_STEP_ROW, NULL);
  self->step = g_object_ref (step);
  self->position = position;
  self->enabled_binding = g_object_bind_property (step, "enabled", self->enabled_check, "active",
                                                  G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (step, "changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  update_summary (self);
  dx_step_row_set_result (self, NULL);

  return GTK_WIDGET (self);
}

DxScenarioStep *
dx_step_row_get_step (DxStepRow *self)
{
  g_return_val_if_fail (DX_IS_STEP_ROW (self), NULL);
  return self->step;
}

guint
dx_step_row_get_position (DxStepRow *self)
{
  g_return_val_if_fail (DX_IS_STEP_ROW (self), 0);
  return self->position;
}

const char *
dx_step_status_icon_name (DxStepStatus status)
{
  switch (status)
    {
    case DX_STEP_STATUS_RUNNING:
      return "media-playback-start-symbolic";
    case DX_STEP_STATUS_PASSED:
      return "emblem-ok-symbolic";
    case DX_STEP_STATUS_FAILED:
      return "dialog-error-symbolic";
    case DX_STEP_STATUS_SKIPPED:
      return "action-unavailable-symbolic";
    case DX_STEP_STATUS_PENDING:
    default:
      return "radio-symbolic";
    }
}

/* Why a step failed, in the words a bug report would use */
static char *
dup_detail (DxStepResult *result)
{
  const char *message = dx_step_result_get_message (result);
  const char *expected = dx_step_result_get_expected (result);
  const char *actual = dx_step_result_get_actual (result);
  GString *detail = g_string_new (message);

  if (dx_step_result_get_status (result) != DX_STEP_STATUS_FAILED)
    return g_string_free (detail, FALSE);

  if (expected != NULL && expected[0] != '\0')
    {
      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      g_string_append_printf (detail, _("Expected: %s"), expected);
    }
  if (actual != NULL && actual[0] != '\0')
    {
      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      g_string_append_printf (detail, _("Actual: %s"), actual);
    }
  return g_string_free (detail, FALSE);
}

/**
 * dx_step_row_set_result:
 * @result: (nullable): how the step went in the last run, %NULL for not run
 */
void
dx_step_row_set_result (DxStepRow    *self,
                        DxStepResult *result)
{
  DxStepStatus status = result ? dx_step_result_get_status (result) : DX_STEP_STATUS_PENDING;
  gint64 duration_us = result ? dx_step_result_get_duration (result) : 0;
  const char *text = dx_step_status_to_string (status);
  gboolean has_duration = status == DX_STEP_STATUS_PASSED || status == DX_STEP_STATUS_FAILED;
  g_autofree char *detail = result ? dup_detail (result) : NULL;

  g_return_if_fail (DX_IS_STEP_ROW (self));

  self->status = status;
  for (guint i = 0; status_classes[i]; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), status_classes[status]);

  gtk_image_set_from_icon_name (self->status_icon, dx_step_status_icon_name (status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  if (has_duration)
    {
      g_autofree char *duration = dx_format_duration (duration_us);

      gtk_label_set_text (self->duration_label, duration);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->duration_label), has_duration);

  gtk_label_set_text (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL && detail[0] != '\0');
}

DxStepStatus
dx_step_row_get_status (DxStepRow *self)
{
  g_return_val_if_fail (DX_IS_STEP_ROW (self), DX_STEP_STATUS_PENDING);
  return self->status;
}

/**
 * dx_step_row_get_detail:
 *
 * Returns: what the row says under the step: why it failed, or ""
 */
const char *
dx_step_row_get_detail (DxStepRow *self)
{
  g_return_val_if_fail (DX_IS_STEP_ROW (self), NULL);
  return gtk_label_get_text (self->detail_label);
}
