/* dx-cli-report.h — what a duplex-cli run found, for the console and the
 * report files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of duplex-cli, as the usage text documents them */
#define DX_CLI_EXIT_PASSED  0
#define DX_CLI_EXIT_FAILED  1
#define DX_CLI_EXIT_INVALID 2

typedef enum {
  DX_CLI_STATUS_PASSED,
  DX_CLI_STATUS_FAILED,  /* an expectation did not hold */
  DX_CLI_STATUS_ERROR,   /* the step could not be carried out at all */
  DX_CLI_STATUS_SKIPPED, /* turned off, or never reached */
} DxCliStatus;

typedef struct {
  guint        index;        /* from 1, as the window numbers steps */
  char        *title;        /* the kind of step: "Connect", "Expect message" */
  char        *summary;      /* the step itself: "Send “hello”"; NULL: the title */
  char        *kind;         /* the step's type as in workspace files */
  DxCliStatus  status;
  gint64       duration_us;
  char        *expected;     /* NULL when the step expects nothing */
  char        *actual;
  char        *message;      /* why it failed or was skipped */
} DxCliStep;

typedef struct {
  char        *name;
  DxCliStatus  status;
  gint64       duration_us;
  char        *message;      /* for a scenario that did not run */
  GPtrArray   *steps;        /* of DxCliStep */
} DxCliScenario;

typedef struct {
  char        *name;
  char        *id;
  char        *url;
  GDateTime   *started;      /* NULL until the session's run starts */
  gint64       duration_us;
  GPtrArray   *scenarios;    /* of DxCliScenario */
} DxCliSession;

typedef struct {
  char        *workspace;    /* the file, as given on the command line */
  char        *hostname;
  GDateTime   *started;
  gint64       duration_us;
  GPtrArray   *sessions;     /* of DxCliSession */
} DxCliReport;

typedef struct {
  guint scenarios;
  guint passed;
  guint failed;
  guint errors;
  guint skipped;
} DxCliCounts;

const char    *dx_cli_status_to_string     (DxCliStatus    status);

DxCliStep     *dx_cli_step_new             (guint          index,
                                            const char    *title,
                                            const char    *kind);
void           dx_cli_step_free            (DxCliStep     *step);

DxCliScenario *dx_cli_scenario_new         (const char    *name);
void           dx_cli_scenario_free        (DxCliScenario *scenario);
void           dx_cli_scenario_add_step    (DxCliScenario *scenario,
                                            DxCliStep     *step);
void           dx_cli_scenario_finish      (DxCliScenario *scenario);
DxCliStep     *dx_cli_scenario_first_failure (DxCliScenario *scenario);
char          *dx_cli_scenario_dup_failure_text (DxCliScenario *scenario);
char          *dx_cli_scenario_dup_step_log (DxCliScenario *scenario);

DxCliSession  *dx_cli_session_new          (const char    *name,
                                            const char    *id,
                                            const char    *url);
void           dx_cli_session_free         (DxCliSession  *session);
void           dx_cli_session_add_scenario (DxCliSession  *session,
                                            DxCliScenario *scenario);
void           dx_cli_session_count        (DxCliSession  *session,
                                            DxCliCounts   *counts);

DxCliReport   *dx_cli_report_new           (const char    *workspace);
void           dx_cli_report_free          (DxCliReport   *report);
void           dx_cli_report_add_session   (DxCliReport   *report,
                                            DxCliSession  *session);
void           dx_cli_report_count         (DxCliReport   *report,
                                            DxCliCounts   *counts);
int            dx_cli_report_exit_status   (DxCliReport   *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxCliStep, dx_cli_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxCliScenario, dx_cli_scenario_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxCliSession, dx_cli_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxCliReport, dx_cli_report_free)

G_END_DECLS
