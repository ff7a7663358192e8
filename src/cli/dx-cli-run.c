/* dx-cli-run.c — `duplex-cli run`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-cli-options.h"
#include "dx-cli-report.h"
#include "dx-cli-run.h"

int
dx_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DxCliRunOptions) options = dx_cli_run_options_parse (argc, argv, &error);

  if (options == NULL)
    {
      g_printerr ("duplex-cli: %s\n", error->message);
      return DX_CLI_EXIT_INVALID;
    }

  return DX_CLI_EXIT_INVALID;
}
