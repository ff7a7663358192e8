/* dx-scenario-step.h — one step of an assertion scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-matcher.h"
#include "dx-saved-message.h"

G_BEGIN_DECLS

/* The nicks ("connect", "expect-message", ...) are the names used in
 * workspace files. */
typedef enum {
  DX_STEP_CONNECT,
  DX_STEP_SEND,
  DX_STEP_EXPECT_MESSAGE,
  DX_STEP_EXPECT_NO_MESSAGE,
  DX_STEP_CAPTURE,
  DX_STEP_WAIT,
  DX_STEP_PING,
  DX_STEP_CLOSE,
  DX_STEP_EXPECT_CLOSE,
} DxStepKind;

/* Which received message an expect-message step judges */
typedef enum {
  DX_EXPECT_NEXT,   /* the next one must match */
  DX_EXPECT_SKIP,   /* skip messages until one matches */
} DxExpectMode;

/* Where a capture finds its value in the message */
typedef enum {
  DX_CAPTURE_JSONPATH,
  DX_CAPTURE_REGEX,
} DxCaptureSource;

#define DX_TYPE_STEP_KIND (dx_step_kind_get_type ())
GType dx_step_kind_get_type (void) G_GNUC_CONST;
#define DX_TYPE_EXPECT_MODE (dx_expect_mode_get_type ())
GType dx_expect_mode_get_type (void) G_GNUC_CONST;
#define DX_TYPE_CAPTURE_SOURCE (dx_capture_source_get_type ())
GType dx_capture_source_get_type (void) G_GNUC_CONST;

#define DX_STEP_DEFAULT_TIMEOUT  5000
#define DX_STEP_DEFAULT_DURATION 1000

#define DX_TYPE_SCENARIO_STEP (dx_scenario_step_get_type ())
G_DECLARE_FINAL_TYPE (DxScenarioStep, dx_scenario_step, DX, SCENARIO_STEP, GObject)

DxScenarioStep  *dx_scenario_step_new               (DxStepKind       kind);
DxScenarioStep  *dx_scenario_step_copy              (DxScenarioStep  *self);

DxStepKind       dx_scenario_step_get_kind          (DxScenarioStep  *self);
void             dx_scenario_step_set_kind          (DxScenarioStep  *self,
                                                     DxStepKind       kind);
gboolean         dx_scenario_step_get_enabled       (DxScenarioStep  *self);
void             dx_scenario_step_set_enabled       (DxScenarioStep  *self,
                                                     gboolean         enabled);
guint            dx_scenario_step_get_timeout       (DxScenarioStep  *self);
void             dx_scenario_step_set_timeout       (DxScenarioStep  *self,
                                                     guint            timeout_ms);
guint            dx_scenario_step_get_duration      (DxScenarioStep  *self);
void             dx_scenario_step_set_duration      (DxScenarioStep  *self,
                                                     guint            duration_ms);

/* connect */
gboolean         dx_scenario_step_get_expect_failure (DxScenarioStep *self);
void             dx_scenario_step_set_expect_failure (DxScenarioStep *self,
                                                      gboolean        expect_failure);
guint            dx_scenario_step_get_status        (DxScenarioStep  *self);
void             dx_scenario_step_set_status        (DxScenarioStep  *self,
                                                     guint            status);
const char      *dx_scenario_step_get_subprotocol   (DxScenarioStep  *self);
void             dx_scenario_step_set_subprotocol   (DxScenarioStep  *self,
                                                     const char      *subprotocol);

/* send; ping uses content as its payload text */
const char      *dx_scenario_step_get_content       (DxScenarioStep  *self);
void             dx_scenario_step_set_content       (DxScenarioStep  *self,
                                                     const char      *content);
DxSavedFormat    dx_scenario_step_get_format        (DxScenarioStep  *self);
void             dx_scenario_step_set_format        (DxScenarioStep  *self,
                                                     DxSavedFormat    format);
const char      *dx_scenario_step_get_message_name  (DxScenarioStep  *self);
void             dx_scenario_step_set_message_name  (DxScenarioStep  *self,
                                                     const char      *name);

/* expect-message */
DxExpectMode     dx_scenario_step_get_mode          (DxScenarioStep  *self);
void             dx_scenario_step_set_mode          (DxScenarioStep  *self,
                                                     DxExpectMode     mode);
GListStore      *dx_scenario_step_get_matchers      (DxScenarioStep  *self);
void             dx_scenario_step_add_matcher       (DxScenarioStep  *self,
                                                     DxMatcher       *matcher);

/* capture */
const char      *dx_scenario_step_get_variable      (DxScenarioStep  *self);
void             dx_scenario_step_set_variable      (DxScenarioStep  *self,
                                                     const char      *variable);
DxCaptureSource  dx_scenario_step_get_source        (DxScenarioStep  *self);
void             dx_scenario_step_set_source        (DxScenarioStep  *self,
                                                     DxCaptureSource  source);
const char      *dx_scenario_step_get_expression    (DxScenarioStep  *self);
void             dx_scenario_step_set_expression    (DxScenarioStep  *self,
                                                     const char      *expression);
guint            dx_scenario_step_get_group         (DxScenarioStep  *self);
void             dx_scenario_step_set_group         (DxScenarioStep  *self,
                                                     guint            group);

/* close, expect-close (code 0 and a %NULL reason: any, for expect-close) */
guint            dx_scenario_step_get_code          (DxScenarioStep  *self);
void             dx_scenario_step_set_code          (DxScenarioStep  *self,
                                                     guint            code);
const char      *dx_scenario_step_get_reason        (DxScenarioStep  *self);
void             dx_scenario_step_set_reason        (DxScenarioStep  *self,
                                                     const char      *reason);

gboolean         dx_scenario_step_validate          (DxScenarioStep  *self,
                                                     GError         **error);
char            *dx_scenario_step_dup_summary       (DxScenarioStep  *self);
const char      *dx_step_kind_get_label             (DxStepKind       kind);

G_END_DECLS
