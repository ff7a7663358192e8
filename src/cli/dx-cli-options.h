/* dx-cli-options.h — duplex-cli's command lines, parsed and checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DX_CLI_ERROR (dx_cli_error_quark ())
GQuark dx_cli_error_quark (void);

/* Every one of these ends the program with DX_CLI_EXIT_INVALID */
typedef enum {
  DX_CLI_ERROR_USAGE,     /* a malformed command line */
  DX_CLI_ERROR_WORKSPACE, /* the workspace cannot be read or run */
  DX_CLI_ERROR_SELECTION, /* --session / --scenario name nothing, or nothing is left */
  DX_CLI_ERROR_OUTPUT,    /* a report file cannot be written */
} DxCliError;

typedef struct {
  char    *workspace;
  char   **sessions;      /* --session NAME..., NULL for all */
  char   **scenarios;     /* --scenario NAME..., NULL for all */
  char   **var_keys;      /* --var KEY=VALUE..., split and checked */
  char   **var_values;
  char    *junit;
  char    *json;
  int      jobs;
  double   timeout_scale;
} DxCliRunOptions;

typedef struct {
  int port;
} DxCliEchoOptions;

DxCliRunOptions *dx_cli_run_options_parse  (int               argc,
                                            char            **argv,
                                            GError          **error);
void             dx_cli_run_options_free   (DxCliRunOptions  *options);
gboolean         dx_cli_echo_options_parse (int               argc,
                                            char            **argv,
                                            DxCliEchoOptions *options,
                                            GError          **error);
gboolean         dx_cli_parse_var          (const char       *text,
                                            char            **key,
                                            char            **value,
                                            GError          **error);
char            *dx_cli_dup_main_help      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DxCliRunOptions, dx_cli_run_options_free)

G_END_DECLS
