/* dx-workspace-io.h — workspace files: stable, git-friendly JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-workspace.h"

G_BEGIN_DECLS

/* The "version" this Duplex writes, and the newest it reads. */
#define DX_WORKSPACE_IO_VERSION 1

#define DX_WORKSPACE_IO_ERROR (dx_workspace_io_error_quark ())

typedef enum {
  DX_WORKSPACE_IO_ERROR_PARSE,   /* not JSON (or not UTF-8) */
  DX_WORKSPACE_IO_ERROR_FORMAT,  /* JSON, but not a Duplex workspace */
  DX_WORKSPACE_IO_ERROR_VERSION, /* written by a newer Duplex */
  DX_WORKSPACE_IO_ERROR_INVALID, /* a workspace with a value of the wrong type or range */
} DxWorkspaceIoError;

GQuark       dx_workspace_io_error_quark (void);

DxWorkspace *dx_workspace_io_load        (GFile        *file,
                                          GError      **error);
DxWorkspace *dx_workspace_io_from_data   (const char   *data,
                                          gssize        length,
                                          GError      **error);
gboolean     dx_workspace_io_save        (DxWorkspace  *workspace,
                                          GFile        *file,
                                          GError      **error);
char        *dx_workspace_io_to_data     (DxWorkspace  *workspace,
                                          GListModel   *only_sessions,
                                          gsize        *length);

G_END_DECLS
