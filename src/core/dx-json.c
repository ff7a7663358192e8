/* dx-json.c — checking JSON before it is sent, with an error a tester can
 * act on ("Line 3, column 5: …") rather than json-glib's "<data>:3:5: …";
 * pretty-printing and minifying it in the composer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dx-json.h"

/**
 * dx_json_check:
 * @error_line: (out) (optional): where the error is, from 1
 * @error_column: (out) (optional): where the error is, from 1
 *
 * Returns: whether @text is one valid JSON value
 */
gboolean
dx_json_check (const char  *text,
               guint       *error_line,
               guint       *error_column,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GRegex) location = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint line = 0, column = 0;
  const char *message;

  g_return_val_if_fail (text != NULL, FALSE);

  if (json_parser_load_from_data (parser, text, -1, &local_error))
    {
      if (json_parser_get_root (parser) != NULL)
        return TRUE;
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("The message is empty: JSON needs a value, such as {} or \"text\""));
      return FALSE;
    }

  /* json-glib says "<data>:LINE:COLUMN: Parse error: …" */
  message = local_error->message;
  location = g_regex_new ("^<data>:(\\d+):(\\d+): (?:Parse error: )?(.*)$", G_REGEX_DOTALL, 0, NULL);
  if (g_regex_match (location, message, 0, &match))
    {
      g_autofree char *line_text = g_match_info_fetch (match, 1);
      g_autofree char *column_text = g_match_info_fetch (match, 2);
      g_autofree char *what = g_match_info_fetch (match, 3);

      line = atoi (line_text);
      column = atoi (column_text);
      g_set_error (error, JSON_PARSER_ERROR, local_error->code,
                   _("Invalid JSON at line %u, column %u: %s"), line, column, what);
    }
  else
    g_set_error (error, JSON_PARSER_ERROR, local_error->code,
                 _("Invalid JSON: %s"), message);

  if (error_line)
    *error_line = line;
  if (error_column)
    *error_column = column;

  return FALSE;
}

static char *
reformat (const char  *text,
          gboolean     pretty,
          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (!dx_json_check (text, NULL, NULL, error))
    return NULL;

  json_parser_load_from_data (parser, text, -1, NULL);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/**
 * dx_json_pretty:
 *
 * Returns: (transfer full) (nullable): @text indented by two spaces, or
 *   %NULL with the error of dx_json_check()
 */
char *
dx_json_pretty (const char  *text,
                GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  return reformat (text, TRUE, error);
}

/**
 * dx_json_minify:
 *
 * Returns: (transfer full) (nullable): @text without any space between
 *   tokens, or %NULL with the error of dx_json_check()
 */
char *
dx_json_minify (const char  *text,
                GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  return reformat (text, FALSE, error);
}
