/* dx-workspace-io-private.h — what reading and writing workspace files
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dx-workspace-io.h"

G_BEGIN_DECLS

/* The "format" of every workspace file, so that another JSON file opened
 * by mistake is refused with a message that says so. */
#define DX_WORKSPACE_IO_FORMAT_NAME "duplex-workspace"

/* Where each node starts in the file, so that a value of the wrong
 * type can be reported by line (dx-workspace-io-parse.c) */
typedef struct {
  const char *name;           /* for messages: the file's name, or NULL */
  GHashTable *node_lines;     /* JsonNode → line */
  GHashTable *container_lines; /* JsonObject, JsonArray → line of { or [ */
  GArray     *open_lines;     /* lines of the containers being parsed */
} DxWorkspaceIoReader;

/* dx-workspace-io-parse.c */
void        _dx_workspace_io_reader_init       (DxWorkspaceIoReader  *r,
                                                const char           *name);
void        _dx_workspace_io_reader_clear      (DxWorkspaceIoReader  *r);
JsonParser *_dx_workspace_io_reader_parse      (DxWorkspaceIoReader  *r,
                                                const char           *data,
                                                gsize                 length,
                                                GError              **error);
guint       _dx_workspace_io_reader_line_of    (DxWorkspaceIoReader  *r,
                                                JsonNode             *node);
void        _dx_workspace_io_set_located_error (GError              **error,
                                                int                   code,
                                                const char           *name,
                                                guint                 line,
                                                guint                 column,
                                                const char           *message);

G_END_DECLS
