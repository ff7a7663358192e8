/* dx-workspace-io-parse.c — a workspace file's text into JSON nodes,
 * with the line where each node starts
 *
 * json-glib 1.6 keeps no locations in its nodes, but its parser says where
 * it is while it emits its signals: the reader notes it, so that
 * dx-workspace-io.c can say on which line a value is wrong. Text that is
 * not UTF-8, not JSON or left with a git merge conflict is reported here,
 * with the line, and the column as an editor counts it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dx-workspace-io-private.h"

/* Where json-glib counts bytes, editors count characters. */
static guint
character_column (const char *data,
                  gsize       length,
                  guint       line,
                  guint       byte_column)
{
  const char *end = data + length;
  const char *start = data;
  const char *stop;

  for (guint i = 1; i < line && start < end; i++)
    {
      const char *newline = memchr (start, '\n', end - start);

      if (newline == NULL)
        return byte_column;
      start = newline + 1;
    }

  stop = start;
  while (stop < end && *stop != '\n' && (guint) (stop - start) + 1 < byte_column)
    stop = g_utf8_next_char (stop);

  return g_utf8_strlen (start, stop - start) + 1;
}

/* Returns: the line of the first "<<<<<<< ours" left by git, or 0 */
static guint
find_conflict_marker (const char *data,
                      gsize       length)
{
  const char *end = data + length;
  guint line = 1;

  for (const char *start = data; start < end; line++)
    {
      const char *newline = memchr (start, '\n', end - start);

      if ((gsize) (end - start) >= 7 && memcmp (start, "<<<<<<<", 7) == 0)
        return line;
      if (newline == NULL)
        break;
      start = newline + 1;
    }
  return 0;
}

static void
container_start_cb (JsonParser          *parser,
                    DxWorkspaceIoReader *r)
{
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (r->open_lines, line);
}

static void
container_end (DxWorkspaceIoReader *r,
               gpointer             container)
{
  guint line;

  g_assert (r->open_lines->len > 0);

  line = g_array_index (r->open_lines, guint, r->open_lines->len - 1);
  g_array_set_size (r->open_lines, r->open_lines->len - 1);
  g_hash_table_insert (r->container_lines, container, GUINT_TO_POINTER (line));
}

static void
object_end_cb (JsonParser          *parser,
               JsonObject          *object,
               DxWorkspaceIoReader *r)
{
  container_end (r, object);
}

static void
array_end_cb (JsonParser          *parser,
              JsonArray           *array,
              DxWorkspaceIoReader *r)
{
  container_end (r, array);
}

/* Called once a value is parsed: the parser is on its last line, which is
 * its first line too unless it is an object or an array. */
static void
node_parsed (JsonParser          *parser,
             JsonNode            *node,
             DxWorkspaceIoReader *r)
{
  guint line;

  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    line = GPOINTER_TO_UINT (g_hash_table_lookup (r->container_lines, json_node_get_object (node)));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    line = GPOINTER_TO_UINT (g_hash_table_lookup (r->container_lines, json_node_get_array (node)));
  else
    line = json_parser_get_current_line (parser);

  g_hash_table_insert (r->node_lines, node, GUINT_TO_POINTER (line));
}

static void
object_member_cb (JsonParser          *parser,
                  JsonObject          *object,
                  const char          *member_name,
                  DxWorkspaceIoReader *r)
{
  node_parsed (parser, json_object_get_member (object, member_name), r);
}

static void
array_element_cb (JsonParser          *parser,
                  JsonArray           *array,
                  int                  position,
                  DxWorkspaceIoReader *r)
{
  node_parsed (parser, json_array_get_element (array, position), r);
}

void
_dx_workspace_io_set_located_error (GError     **error,
                                    int          code,
                                    const char  *name,
                                    guint        line,
                                    guint        column,
                                    const char  *message)
{
  if (name != NULL && line > 0 && column > 0)
    g_set_error (error, DX_WORKSPACE_IO_ERROR, code, _("%s, line %u, column %u: %s"), name, line, column, message);
  else if (name != NULL && line > 0)
    g_set_error (error, DX_WORKSPACE_IO_ERROR, code, _("%s, line %u: %s"), name, line, message);
  else if (name != NULL)
    g_set_error (error, DX_WORKSPACE_IO_ERROR, code, _("%s: %s"), name, message);
  else if (line > 0 && column > 0)
    g_set_error (error, DX_WORKSPACE_IO_ERROR, code, _("Line %u, column %u: %s"), line, column, message);
  else if (line > 0)
    g_set_error (error, DX_WORKSPACE_IO_ERROR, code, _("Line %u: %s"), line, message);
  else
    g_set_error_literal (error, DX_WORKSPACE_IO_ERROR, code, message);
}

/* Returns: the line where @node starts, or 0 where not known */
guint
_dx_workspace_io_reader_line_of (DxWorkspaceIoReader *r,
                                 JsonNode            *node)
{
  gpointer line;

  if (node == NULL)
    return 0;
  if (g_hash_table_lookup_extended (r->node_lines, node, NULL, &line))
    return GPOINTER_TO_UINT (line);

  /* The root is no member of anything: only its { was seen. */
  if (JSON_NODE_HOLDS_OBJECT (node))
    return GPOINTER_TO_UINT (g_hash_table_lookup (r->container_lines, json_node_get_object (node)));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return GPOINTER_TO_UINT (g_hash_table_lookup (r->container_lines, json_node_get_array (node)));
  return 0;
}

void
_dx_workspace_io_reader_init (DxWorkspaceIoReader *r,
                              const char          *name)
{
  *r = (DxWorkspaceIoReader) {
    .name = name,
    .node_lines = g_hash_table_new (NULL, NULL),
    .container_lines = g_hash_table_new (NULL, NULL),
    .open_lines = g_array_new (FALSE, FALSE, sizeof (guint)),
  };
}

void
_dx_workspace_io_reader_clear (DxWorkspaceIoReader *r)
{
  g_clear_pointer (&r->node_lines, g_hash_table_unref);
  g_clear_pointer (&r->container_lines, g_hash_table_unref);
  g_clear_pointer (&r->open_lines, g_array_unref);
}

/* Parses @data, noting in @r where each node starts.
 *
 * Returns: (transfer full) (nullable): the parser, which holds the
 *   nodes and whose root is not %NULL; or %NULL with @error saying where
 *   the text is wrong */
JsonParser *
_dx_workspace_io_reader_parse (DxWorkspaceIoReader  *r,
                               const char           *data,
                               gsize                 length,
                               GError              **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *invalid;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      guint line = 1;
      const char *line_start = data;

      for (const char *p = data; p < invalid; p++)
        if (*p == '\n')
          {
            line++;
            line_start = p + 1;
          }
      _dx_workspace_io_set_located_error (error, DX_WORKSPACE_IO_ERROR_PARSE, r->name, line,
                                          g_utf8_strlen (line_start, invalid - line_start) + 1,
                                          _("This is not UTF-8 text, as a workspace file is"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "object-start", G_CALLBACK (container_start_cb), r);
  g_signal_connect (parser, "array-start", G_CALLBACK (container_start_cb), r);
  g_signal_connect (parser, "object-end", G_CALLBACK (object_end_cb), r);
  g_signal_connect (parser, "array-end", G_CALLBACK (array_end_cb), r);
  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), r);
  g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), r);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_autoptr(GRegex) location = NULL;
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *message = NULL;
      guint line = 0, column = 0;

      /* json-glib would point at the text before the marker */
      line = find_conflict_marker (data, length);
      if (line > 0)
        {
          _dx_workspace_io_set_located_error (error, DX_WORKSPACE_IO_ERROR_PARSE, r->name, line, 0,
                                              _("A git merge conflict is left in the file: keep one side, remove the <<<<<<<, ======= and >>>>>>> lines, then open it again"));
          return NULL;
        }

      /* json-glib says "<data>:LINE:COLUMN: Parse error: …" */
      location = g_regex_new ("^<data>:(\\d+):(\\d+): (?:Parse error: )?(.*)$", G_REGEX_DOTALL, 0, NULL);
      if (g_regex_match (location, local_error->message, 0, &match))
        {
          g_autofree char *line_text = g_match_info_fetch (match, 1);
          g_autofree char *column_text = g_match_info_fetch (match, 2);
          g_autofree char *what = g_match_info_fetch (match, 3);

          line = atoi (line_text);
          column = character_column (data, length, line, atoi (column_text));
          message = g_strdup_printf (_("This is not valid JSON: %s"), what);
        }
      else
        message = g_strdup_printf (_("This is not valid JSON: %s"), local_error->message);

      _dx_workspace_io_set_located_error (error, DX_WORKSPACE_IO_ERROR_PARSE, r->name, line, column, message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      _dx_workspace_io_set_located_error (error, DX_WORKSPACE_IO_ERROR_FORMAT, r->name, 0, 0,
                                          _("The file is empty, so it is not a Duplex workspace"));
      return NULL;
    }

  return g_steal_pointer (&parser);
}
