/* dx-step-editor.c — edits one step of a scenario: its kind, whether it
 * runs, what its kind takes, and why it cannot run as it is
 *
 * Every control is bound both ways to the step, so an edit reaches the
 * step at once and its "changed" carries it to the scenario and the
 * workspace; a change made elsewhere (undo, a file loaded) shows here. The
 * bindings are dropped before another step is shown, so nothing typed for
 * one step can land in another.
 *
 * Each kind has a page of its own; the step keeps the settings of every
 * kind, so switching kinds back and forth loses nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-matcher-row.h"
#include "dx-step-editor-private.h"

G_DEFINE_FINAL_TYPE (DxStepEditor, dx_step_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- binding helpers ------------------------------------------------------ */

/* An enum or boolean property shown as the position in a list of choices */
static gboolean
value_to_index (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      data)
{
  if (G_VALUE_HOLDS_ENUM (from))
    g_value_set_uint (to, g_value_get_enum (from));
  else if (G_VALUE_HOLDS_BOOLEAN (from))
    g_value_set_uint (to, g_value_get_boolean (from) ? 1 : 0);
  else
    return FALSE;
  return TRUE;
}

/* No choice (a list being emptied as it is torn down) changes nothing */
static gboolean
index_to_value (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      data)
{
  guint index = g_value_get_uint (from);

  if (G_VALUE_HOLDS_ENUM (to))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (to));

      if (g_enum_get_value (klass, index) == NULL)
        return FALSE;
      g_value_set_enum (to, index);
    }
  else if (G_VALUE_HOLDS_BOOLEAN (to) && index <= 1)
    g_value_set_boolean (to, index == 1);
  else
    return FALSE;
  return TRUE;
}

GBinding *
_dx_bind_index (gpointer    source,
                const char *property,
                gpointer    target,
                const char *target_property)
{
  return g_object_bind_property_full (source, property, target, target_property,
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                      value_to_index, index_to_value, NULL, NULL);
}

/* The message exactly as the core wrote it: it is what a tester acts on */
void
_dx_show_error (GtkLabel *label,
                GError   *error)
{
  gtk_label_set_text (label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

/* ---- the step ------------------------------------------------------------- */

static void
keep (DxStepEditor *self,
      GBinding     *binding)
{
  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
bind_number (DxStepEditor  *self,
             const char    *property,
             GtkSpinButton *spin)
{
  keep (self, g_object_bind_property (self->step, property, spin, "value",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
}

static void
update_step (DxStepEditor *self)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (DX_TYPE_STEP_KIND);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  DxStepKind kind = dx_scenario_step_get_kind (self->step);
  GEnumValue *value = g_enum_get_value (kinds, kind);

  gtk_label_set_text (self->title_label, dx_step_kind_get_label (kind));
  summary = dx_scenario_step_dup_summary (self->step);
  gtk_label_set_text (self->summary_label, summary);
  if (value)
    gtk_stack_set_visible_child_name (self->kind_stack, value->value_nick);

  gtk_widget_set_visible (self->status_row, dx_scenario_step_get_expect_failure (self->step));
  gtk_widget_set_visible (GTK_WIDGET (self->subprotocol_row), !dx_scenario_step_get_expect_failure (self->step));
  gtk_widget_set_visible (self->group_row, dx_scenario_step_get_source (self->step) == DX_CAPTURE_REGEX);
  _dx_step_editor_send_sync (self);

  /* An expect-message step is only as valid as its matchers, and each
   * matcher's row says what is wrong with it, next to it */
  if (kind != DX_STEP_EXPECT_MESSAGE)
    dx_scenario_step_validate (self->step, &error);
  _dx_show_error (self->error_label, error);
}

static void
remove_matcher_cb (DxStepEditor *self,
                   DxMatcherRow *row)
{
  GListStore *matchers;
  guint position;

  if (self->step == NULL)
    return;
  matchers = dx_scenario_step_get_matchers (self->step);
  if (g_list_store_find (matchers, dx_matcher_row_get_matcher (row), &position))
    g_list_store_remove (matchers, position);
}

static GtkWidget *
create_matcher_row (gpointer item,
                    gpointer data)
{
  GtkWidget *row = dx_matcher_row_new (item);

  g_signal_connect_object (row, "remove-requested", G_CALLBACK (remove_matcher_cb), data, G_CONNECT_SWAPPED);
  return row;
}

static void
unbind_step (DxStepEditor *self)
{
  if (self->step == NULL)
    return;

  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  g_signal_handlers_disconnect_by_func (self->step, update_step, self);
  g_signal_handlers_disconnect_by_func (self->step, _dx_step_editor_send_rebuild, self);
  gtk_list_box_bind_model (self->matchers_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->step);
}

static void
bind_step (DxStepEditor   *self,
           DxScenarioStep *step)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->content_view));

  self->step = g_object_ref (step);
  self->want_saved = FALSE;

  keep (self, _dx_bind_index (step, "kind", self->kind_row, "selected"));
  keep (self, g_object_bind_property (step, "enabled", self->enabled_switch, "active",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));

  keep (self, _dx_bind_index (step, "expect-failure", self->outcome_row, "selected"));
  bind_number (self, "status", self->status_spin);
  keep (self, dx_bind_text (step, "subprotocol", self->subprotocol_row));
  bind_number (self, "timeout", self->connect_timeout_spin);

  keep (self, _dx_bind_index (step, "format", self->format_row, "selected"));
  keep (self, dx_bind_text (step, "content", buffer));

  keep (self, _dx_bind_index (step, "mode", self->mode_row, "selected"));
  bind_number (self, "timeout", self->expect_timeout_spin);
  gtk_list_box_bind_model (self->matchers_list, G_LIST_MODEL (dx_scenario_step_get_matchers (step)),
                           create_matcher_row, self, NULL);

  bind_number (self, "duration", self->silence_duration_spin);
  bind_number (self, "duration", self->wait_duration_spin);

  keep (self, dx_bind_text (step, "variable", self->variable_row));
  keep (self, _dx_bind_index (step, "source", self->capture_source_row, "selected"));
  keep (self, dx_bind_text (step, "expression", self->expression_row));
  bind_number (self, "group", self->group_spin);
  bind_number (self, "timeout", self->capture_timeout_spin);

  keep (self, dx_bind_text (step, "content", self->payload_row));
  bind_number (self, "timeout", self->ping_timeout_spin);

  bind_number (self, "code", self->close_code_spin);
  keep (self, dx_bind_text (step, "reason", self->close_reason_row));
  bind_number (self, "code", self->expect_code_spin);
  keep (self, dx_bind_text (step, "reason", self->expect_reason_row));
  bind_number (self, "timeout", self->expect_close_timeout_spin);

  g_signal_connect_swapped (step, "changed", G_CALLBACK (update_step), self);
  g_signal_connect_swapped (step, "notify::message-name", G_CALLBACK (_dx_step_editor_send_rebuild), self);
  _dx_step_editor_send_rebuild (self);
  update_step (self);
}

static void
add_matcher_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DxStepEditor *self = DX_STEP_EDITOR (widget);
  g_autoptr(DxMatcher) matcher = NULL;
  GtkListBoxRow *row;
  guint n;

  if (self->step == NULL)
    return;

  matcher = dx_matcher_new (DX_MATCHER_EQUALS, "");
  dx_scenario_step_add_matcher (self->step, matcher);

  /* Straight on to choosing what the new matcher checks */
  n = g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_step_get_matchers (self->step)));
  row = gtk_list_box_get_row_at_index (self->matchers_list, n - 1);
  if (row)
    gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
}

/* ---- GObject -------------------------------------------------------------- */

static void
dx_step_editor_dispose (GObject *object)
{
  DxStepEditor *self = DX_STEP_EDITOR (object);

  unbind_step (self);
  _dx_step_editor_send_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_STEP_EDITOR);

  G_OBJECT_CLASS (dx_step_editor_parent_class)->dispose (object);
}

static void
dx_step_editor_finalize (GObject *object)
{
  DxStepEditor *self = DX_STEP_EDITOR (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (dx_step_editor_parent_class)->finalize (object);
}

static void
dx_step_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DxStepEditor *self = DX_STEP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STEP: g_value_set_object (value, self->step); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_step_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DxStepEditor *self = DX_STEP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STEP: dx_step_editor_set_step (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_CHILD(name) gtk_widget_class_bind_template_child (widget_class, DxStepEditor, name)

static void
dx_step_editor_class_init (DxStepEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_step_editor_dispose;
  object_class->finalize = dx_step_editor_finalize;
  object_class->get_property = dx_step_editor_get_property;
  object_class->set_property = dx_step_editor_set_property;

  properties[PROP_STEP] =
    g_param_spec_object ("step", NULL, NULL, DX_TYPE_SCENARIO_STEP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "step-editor.add-matcher", NULL, add_matcher_activated);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-step-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stepeditor");

  BIND_CHILD (stack);
  BIND_CHILD (title_label);
  BIND_CHILD (summary_label);
  BIND_CHILD (kind_row);
  BIND_CHILD (enabled_switch);
  BIND_CHILD (kind_stack);
  BIND_CHILD (error_label);
  BIND_CHILD (outcome_row);
  BIND_CHILD (status_row);
  BIND_CHILD (status_spin);
  BIND_CHILD (subprotocol_row);
  BIND_CHILD (connect_timeout_spin);
  BIND_CHILD (send_source_row);
  BIND_CHILD (saved_row);
  BIND_CHILD (format_row);
  BIND_CHILD (saved_hint);
  BIND_CHILD (content_box);
  BIND_CHILD (content_view);
  BIND_CHILD (mode_row);
  BIND_CHILD (expect_timeout_spin);
  BIND_CHILD (matchers_list);
  BIND_CHILD (silence_duration_spin);
  BIND_CHILD (wait_duration_spin);
  BIND_CHILD (variable_row);
  BIND_CHILD (capture_source_row);
  BIND_CHILD (expression_row);
  BIND_CHILD (group_row);
  BIND_CHILD (group_spin);
  BIND_CHILD (capture_timeout_spin);
  BIND_CHILD (payload_row);
  BIND_CHILD (ping_timeout_spin);
  BIND_CHILD (close_code_spin);
  BIND_CHILD (close_reason_row);
  BIND_CHILD (expect_code_spin);
  BIND_CHILD (expect_reason_row);
  BIND_CHILD (expect_close_timeout_spin);
}

#undef BIND_CHILD

static void
dx_step_editor_init (DxStepEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GEnumClass) klass = g_type_class_ref (DX_TYPE_STEP_KIND);
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  /* In enum order, so that a position is a kind */
  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (kinds, dx_step_kind_get_label (klass->values[i].value));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  placeholder = gtk_label_new (_("No matchers: any message passes"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->matchers_list, placeholder);

  _dx_step_editor_send_init (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---- public API ----------------------------------------------------------- */

GtkWidget *
dx_step_editor_new (void)
{
  return g_object_new (DX_TYPE_STEP_EDITOR, NULL);
}

/**
 * dx_step_editor_set_step:
 * @step: (nullable): the step to edit, or %NULL to show that none is
 *   selected
 */
void
dx_step_editor_set_step (DxStepEditor   *self,
                         DxScenarioStep *step)
{
  g_return_if_fail (DX_IS_STEP_EDITOR (self));
  g_return_if_fail (step == NULL || DX_IS_SCENARIO_STEP (step));

  if (self->step == step)
    return;

  unbind_step (self);
  if (step)
    bind_step (self, step);
  gtk_stack_set_visible_child_name (self->stack, step ? "step" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/**
 * dx_step_editor_get_step:
 *
 * Returns: (transfer none) (nullable): the step being edited
 */
DxScenarioStep *
dx_step_editor_get_step (DxStepEditor *self)
{
  g_return_val_if_fail (DX_IS_STEP_EDITOR (self), NULL);
  return self->step;
}
