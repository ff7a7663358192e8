/* dx-step-editor-private.h — what the step editor's files share: its state and binding helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "dx-bind.h"
#include "dx-step-editor.h"

G_BEGIN_DECLS

struct _DxStepEditor
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  GtkLabel        *title_label;
  GtkLabel        *summary_label;
  AdwComboRow     *kind_row;
  GtkSwitch       *enabled_switch;
  GtkStack        *kind_stack;
  GtkLabel        *error_label;

  /* connect */
  AdwComboRow     *outcome_row;
  GtkWidget       *status_row;
  GtkSpinButton   *status_spin;
  AdwEntryRow     *subprotocol_row;
  GtkSpinButton   *connect_timeout_spin;

  /* send */
  AdwComboRow     *send_source_row;
  AdwComboRow     *saved_row;
  AdwComboRow     *format_row;
  GtkLabel        *saved_hint;
  GtkWidget       *content_box;
  GtkSourceView   *content_view;

  /* expect-message */
  AdwComboRow     *mode_row;
  GtkSpinButton   *expect_timeout_spin;
  GtkListBox      *matchers_list;

  /* expect-no-message, wait */
  GtkSpinButton   *silence_duration_spin;
  GtkSpinButton   *wait_duration_spin;

  /* capture */
  AdwEntryRow     *variable_row;
  AdwComboRow     *capture_source_row;
  AdwEntryRow     *expression_row;
  GtkWidget       *group_row;
  GtkSpinButton   *group_spin;
  GtkSpinButton   *capture_timeout_spin;

  /* ping */
  AdwEntryRow     *payload_row;
  GtkSpinButton   *ping_timeout_spin;

  /* close, expect-close */
  GtkSpinButton   *close_code_spin;
  AdwEntryRow     *close_reason_row;
  GtkSpinButton   *expect_code_spin;
  AdwEntryRow     *expect_reason_row;
  GtkSpinButton   *expect_close_timeout_spin;

  DxScenarioStep  *step;
  GPtrArray       *bindings;        /* to @step, dropped when it changes */

  GListModel      *session_saved;
  GListModel      *library;
  GPtrArray       *saved_names;     /* what each saved_row choice sets */
  GPtrArray       *watched_saved;   /* saved messages whose names we follow */
  gboolean         want_saved;      /* "Saved message" chosen, none picked yet */
  gboolean         updating;        /* our own changes to the send page */
  gboolean         choosing;        /* the tester picks a saved message */
  guint            rebuild_source;
};

void      _dx_step_editor_send_init    (DxStepEditor *self);
void      _dx_step_editor_send_dispose (DxStepEditor *self);
void      _dx_step_editor_send_sync    (DxStepEditor *self);
void      _dx_step_editor_send_rebuild (DxStepEditor *self);

GBinding *_dx_bind_index (gpointer    source,
                          const char *property,
                          gpointer    target,
                          const char *target_property);
void      _dx_show_error (GtkLabel   *label,
                          GError     *error);

G_END_DECLS
