/* dx-cli-report-json.c — the run as a JSON document, for scripts
 *
 * {
 *   "format": "duplex-cli-report", "version": 1,
 *   "workspace": FILE, "hostname": ..., "started": ISO 8601, "duration_ms": N,
 *   "summary": { "scenarios", "passed", "failed", "errors", "skipped" },
 *   "sessions": [ { "name", "id", "url", "started", "duration_ms",
 *     "scenarios": [ { "name", "status", "duration_ms", "message",
 *       "steps": [ { "index", "title", "summary", "kind", "status", "duration_ms",
 *                    "expected", "actual", "message" } ] } ] } ]
 * }
 *
 * Every key is always there, null when it has no value, in this order, so
 * that scripts need no guesswork and two reports diff well. Statuses are
 * "passed", "failed", "error" or "skipped".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-cli-report-json.h"

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  g_autofree char *valid = value ? g_utf8_make_valid (value, -1) : NULL;

  json_builder_set_member_name (builder, key);
  if (valid != NULL)
    json_builder_add_string_value (builder, valid);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *key,
          GDateTime   *time)
{
  g_autofree char *text = time ? g_date_time_format_iso8601 (time) : NULL;

  add_string (builder, key, text);
}

static void
add_duration (JsonBuilder *builder,
              gint64       duration_us)
{
  add_int (builder, "duration_ms", (duration_us + 500) / 1000);
}

static void
add_step (JsonBuilder *builder,
          DxCliStep   *step)
{
  json_builder_begin_object (builder);
  add_int (builder, "index", step->index);
  add_string (builder, "title", step->title);
  add_string (builder, "summary", step->summary ? step->summary : step->title);
  add_string (builder, "kind", step->kind);
  add_string (builder, "status", dx_cli_status_to_string (step->status));
  add_duration (builder, step->duration_us);
  add_string (builder, "expected", step->expected);
  add_string (builder, "actual", step->actual);
  add_string (builder, "message", step->message);
  json_builder_end_object (builder);
}

static void
add_scenario (JsonBuilder   *builder,
              DxCliScenario *scenario)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", scenario->name);
  add_string (builder, "status", dx_cli_status_to_string (scenario->status));
  add_duration (builder, scenario->duration_us);
  add_string (builder, "message", scenario->message);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < scenario->steps->len; i++)
    add_step (builder, g_ptr_array_index (scenario->steps, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_session (JsonBuilder  *builder,
             DxCliSession *session)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", session->name);
  add_string (builder, "id", session->id);
  add_string (builder, "url", session->url);
  add_time (builder, "started", session->started);
  add_duration (builder, session->duration_us);
  json_builder_set_member_name (builder, "scenarios");
  json_builder_begin_array (builder);
  for (guint i = 0; i < session->scenarios->len; i++)
    add_scenario (builder, g_ptr_array_index (session->scenarios, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* Returns: (transfer full): the report as a JSON object */
static JsonNode *
dx_cli_report_to_json_node (DxCliReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  DxCliCounts counts;

  dx_cli_report_count (report, &counts);

  json_builder_begin_object (builder);
  add_string (builder, "format", "duplex-cli-report");
  add_int (builder, "version", DX_CLI_REPORT_JSON_VERSION);
  add_string (builder, "workspace", report->workspace);
  add_string (builder, "hostname", report->hostname);
  add_time (builder, "started", report->started);
  add_duration (builder, report->duration_us);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  add_int (builder, "scenarios", counts.scenarios);
  add_int (builder, "passed", counts.passed);
  add_int (builder, "failed", counts.failed);
  add_int (builder, "errors", counts.errors);
  add_int (builder, "skipped", counts.skipped);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->sessions->len; i++)
    add_session (builder, g_ptr_array_index (report->sessions, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * dx_cli_report_to_json:
 *
 * Returns: the report as pretty-printed JSON, ending with a newline
 */
char *
dx_cli_report_to_json (DxCliReport *report)
{
  g_autoptr(JsonNode) root = dx_cli_report_to_json_node (report);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

/**
 * dx_cli_report_write_json:
 *
 * Writes the report as JSON to @path, replacing the file whole.
 */
gboolean
dx_cli_report_write_json (DxCliReport  *report,
                          const char   *path,
                          GError      **error)
{
  g_autofree char *json = dx_cli_report_to_json (report);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, json, -1, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the JSON report: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}
