/* dx-cli-report-junit.c — the run as JUnit XML, for CI systems
 *
 * The shape is the one GitLab, Jenkins and GitHub's test reporters share
 * (the Ant JUnit task's): a <testsuites> root, a <testsuite> per session,
 * a <testcase> per scenario with classname = session and name = scenario,
 * a <failure> (an expectation did not hold) or <error> (a step could not
 * be carried out) whose text is expected vs. actual step by step,
 * <skipped/> for scenarios that did not run, and the step log in
 * <system-out>. Times are seconds with a dot, whatever the locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-cli-report-junit.h"

/* XML 1.0 allows only these characters, even escaped as &#...; */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/**
 * dx_cli_xml_append_escaped:
 * @attribute: whether @text goes in an attribute, where line breaks and
 *   tabs must be written as references to survive attribute normalisation
 *
 * Appends @text escaped for XML. Invalid UTF-8 becomes U+FFFD; a character
 * XML 1.0 cannot carry at all (most control characters) is written as a
 * visible \xNN / \uNNNN, so that a binary payload in a failure still
 * shows what it was and the report stays well-formed.
 */
void
dx_cli_xml_append_escaped (GString    *out,
                           const char *text,
                           gboolean    attribute)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;

  valid = g_utf8_make_valid (text, -1);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_xml_char (c))
        {
          if (c < 0x100)
            g_string_append_printf (out, "\\x%02X", c);
          else
            g_string_append_printf (out, "\\u%04X", c);
          continue;
        }

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;
        case '\'':
          g_string_append (out, attribute ? "&apos;" : "'");
          break;
        case '\n':
          g_string_append (out, attribute ? "&#10;" : "\n");
          break;
        case '\r':
          g_string_append (out, "&#13;");
          break;
        case '\t':
          g_string_append (out, attribute ? "&#9;" : "\t");
          break;
        default:
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  dx_cli_xml_append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static void
append_count (GString    *out,
              const char *name,
              guint       value)
{
  g_string_append_printf (out, " %s=\"%u\"", name, value);
}

static void
append_seconds (GString    *out,
                const char *name,
                gint64      duration_us)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.3f", duration_us / (double) G_USEC_PER_SEC);
  g_string_append_printf (out, " %s=\"%s\"", name, buffer);
}

static const char *
step_mark (DxCliStatus status)
{
  switch (status)
    {
    case DX_CLI_STATUS_PASSED:
      return "PASS";
    case DX_CLI_STATUS_FAILED:
      return "FAIL";
    case DX_CLI_STATUS_ERROR:
      return "ERROR";
    case DX_CLI_STATUS_SKIPPED:
      return "SKIP";
    default:
      g_assert_not_reached ();
    }
}

static void
append_testcase (GString       *out,
                 DxCliSession  *session,
                 DxCliScenario *scenario)
{
  g_autofree char *log = dx_cli_scenario_dup_step_log (scenario);

  g_string_append (out, "    <testcase");
  append_attribute (out, "classname", session->name);
  append_attribute (out, "name", scenario->name);
  append_seconds (out, "time", scenario->duration_us);
  g_string_append (out, ">\n");

  if (scenario->status == DX_CLI_STATUS_FAILED || scenario->status == DX_CLI_STATUS_ERROR)
    {
      gboolean is_error = scenario->status == DX_CLI_STATUS_ERROR;
      DxCliStep *step = dx_cli_scenario_first_failure (scenario);
      g_autofree char *text = dx_cli_scenario_dup_failure_text (scenario);
      g_autofree char *summary = NULL;

      if (step != NULL)
        summary = g_strdup_printf ("%u. %s: %s", step->index, step->title,
                                   step->message ? step->message : step_mark (step->status));
      else
        summary = g_strdup (scenario->message ? scenario->message : step_mark (scenario->status));

      g_string_append_printf (out, "      <%s", is_error ? "error" : "failure");
      append_attribute (out, "message", summary);
      append_attribute (out, "type", step && step->kind ? step->kind : "scenario");
      g_string_append_c (out, '>');
      dx_cli_xml_append_escaped (out, text, FALSE);
      g_string_append_printf (out, "</%s>\n", is_error ? "error" : "failure");
    }
  else if (scenario->status == DX_CLI_STATUS_SKIPPED)
    {
      g_string_append (out, "      <skipped");
      if (scenario->message != NULL)
        append_attribute (out, "message", scenario->message);
      g_string_append (out, "/>\n");
    }

  if (log[0] != '\0')
    {
      g_string_append (out, "      <system-out>");
      dx_cli_xml_append_escaped (out, log, FALSE);
      g_string_append (out, "</system-out>\n");
    }

  g_string_append (out, "    </testcase>\n");
}

static void
append_testsuite (GString      *out,
                  DxCliReport  *report,
                  DxCliSession *session,
                  guint         index)
{
  DxCliCounts counts = { 0 };
  GDateTime *started = session->started ? session->started : report->started;
  g_autofree char *timestamp = g_date_time_format (started, "%Y-%m-%dT%H:%M:%S");

  dx_cli_session_count (session, &counts);

  g_string_append (out, "  <testsuite");
  append_attribute (out, "name", session->name);
  g_string_append_printf (out, " id=\"%u\"", index);
  append_count (out, "tests", counts.scenarios);
  append_count (out, "failures", counts.failed);
  append_count (out, "errors", counts.errors);
  append_count (out, "skipped", counts.skipped);
  append_seconds (out, "time", session->duration_us);
  append_attribute (out, "timestamp", timestamp);
  append_attribute (out, "hostname", report->hostname);
  g_string_append (out, ">\n");

  if (session->url != NULL)
    {
      g_string_append (out, "    <properties>\n      <property name=\"url\"");
      append_attribute (out, "value", session->url);
      g_string_append (out, "/>\n    </properties>\n");
    }

  for (guint i = 0; i < session->scenarios->len; i++)
    append_testcase (out, session, g_ptr_array_index (session->scenarios, i));

  g_string_append (out, "  </testsuite>\n");
}

/**
 * dx_cli_report_to_junit:
 *
 * Returns: the report as a JUnit XML document
 */
char *
dx_cli_report_to_junit (DxCliReport *report)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  DxCliCounts counts;

  dx_cli_report_count (report, &counts);

  g_string_append (out, "<testsuites");
  append_attribute (out, "name", report->workspace ? report->workspace : "duplex-cli");
  append_count (out, "tests", counts.scenarios);
  append_count (out, "failures", counts.failed);
  append_count (out, "errors", counts.errors);
  append_count (out, "skipped", counts.skipped);
  append_seconds (out, "time", report->duration_us);
  g_string_append (out, ">\n");

  for (guint i = 0; i < report->sessions->len; i++)
    append_testsuite (out, report, g_ptr_array_index (report->sessions, i), i);

  g_string_append (out, "</testsuites>\n");
  return g_string_free (out, FALSE);
}

/**
 * dx_cli_report_write_junit:
 *
 * Writes the report as JUnit XML to @path, replacing the file whole.
 */
gboolean
dx_cli_report_write_junit (DxCliReport  *report,
                           const char   *path,
                           GError      **error)
{
  g_autofree char *xml = dx_cli_report_to_junit (report);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, xml, -1, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the JUnit report: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}
