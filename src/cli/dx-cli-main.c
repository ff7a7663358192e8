/* dx-cli-main.c — duplex-cli's commands: run, echo-server, --help,
 * --version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-cli-echo.h"
#include "dx-cli-main.h"
#include "dx-cli-options.h"
#include "dx-cli-report.h"
#include "dx-cli-run.h"

/**
 * dx_cli_main:
 *
 * Returns: the exit status: DX_CLI_EXIT_PASSED, DX_CLI_EXIT_FAILED or
 *   DX_CLI_EXIT_INVALID
 */
int
dx_cli_main (int    argc,
             char **argv)
{
  const char *command = argc > 1 ? argv[1] : NULL;

  if (command == NULL)
    {
      g_autofree char *help = dx_cli_dup_main_help ();

      g_printerr (_("duplex-cli: no command given\n\n"));
      g_printerr ("%s", help);
      return DX_CLI_EXIT_INVALID;
    }

  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "-?") || g_str_equal (command, "help"))
    {
      g_autofree char *help = dx_cli_dup_main_help ();

      g_print ("%s", help);
      return DX_CLI_EXIT_PASSED;
    }

  if (g_str_equal (command, "--version"))
    {
      g_print ("duplex-cli %s\n", PACKAGE_VERSION);
      return DX_CLI_EXIT_PASSED;
    }

  if (g_str_equal (command, "run"))
    return dx_cli_run (argc - 1, argv + 1);

  if (g_str_equal (command, "echo-server"))
    return dx_cli_echo_server (argc - 1, argv + 1);

  g_printerr (_("duplex-cli: unknown command “%s”: the commands are run and echo-server "
                "(see “duplex-cli --help”)\n"), command);
  return DX_CLI_EXIT_INVALID;
}
