/* dx-cli-progress.c — duplex-cli's console lines as a run goes
 *
 * One line per step as it finishes, a header per scenario and a summary
 * at the end. When several sessions run at once (--jobs), every line
 * starts with the session's name in brackets, and each line is written
 * and flushed whole, so lines of different sessions never mix and a CI
 * log shows them as they happen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-cli-progress.h"
#include "dx-message.h"

/* Payloads can be megabytes: the console shows the start, the reports
 * keep all of it. */
#define MAX_DETAIL_CHARS 200

#define COLOR_RED   "\033[31m"
#define COLOR_GREEN "\033[32m"
#define COLOR_DIM   "\033[2m"
#define COLOR_BOLD  "\033[1m"
#define COLOR_RESET "\033[0m"

struct _DxCliProgress
{
  FILE     *out;
  gboolean  name_sessions;
  gboolean  utf8;
  gboolean  color;
};

DxCliProgress *
dx_cli_progress_new (FILE     *out,
                     gboolean  name_sessions)
{
  DxCliProgress *self = g_new0 (DxCliProgress, 1);

  self->out = out;
  self->name_sessions = name_sessions;
  self->utf8 = g_get_charset (NULL);
  return self;
}

void
dx_cli_progress_free (DxCliProgress *self)
{
  g_free (self);
}

/**
 * dx_cli_progress_set_color:
 *
 * Marks passes green and failures red, for a terminal.
 */
void
dx_cli_progress_set_color (DxCliProgress *self,
                           gboolean       color)
{
  self->color = color;
}

/* Text from the workspace or the server, made safe for one console line:
 * line breaks become spaces, and control characters (an escape sequence
 * could rewrite the terminal) become '?'. At most @max_chars characters
 * (0: no limit), for a payload that may span many. */
static void
append_clean (GString    *line,
              const char *text,
              guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && n == max_chars)
        {
          g_string_append (line, "…");
          return;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (line, ' ');
      else if (g_unichar_iscntrl (c))
        g_string_append_c (line, '?');
      else
        g_string_append_unichar (line, c);
    }
}

static void
append_detail (GString    *line,
               const char *text)
{
  append_clean (line, text, MAX_DETAIL_CHARS);
}

/* Writes whole lines and flushes them, so a CI log shows each as it
 * happens. The console may not be UTF-8: the glyphs fall back to text
 * then, and names are converted. */
static void
put (DxCliProgress *self,
     const char    *text)
{
  g_autofree char *local = NULL;

  if (!self->utf8)
    local = g_locale_from_utf8 (text, -1, NULL, NULL, NULL);

  fputs (local ? local : text, self->out);
  fflush (self->out);
}

static void
write_line (DxCliProgress *self,
            DxCliSession  *session,
            const char    *line)
{
  g_autoptr(GString) whole = g_string_new (NULL);

  if (self->name_sessions)
    {
      g_string_append_c (whole, '[');
      append_clean (whole, session->name, 0);
      g_string_append (whole, "] ");
    }
  g_string_append (whole, line);
  g_string_append_c (whole, '\n');
  put (self, whole->str);
}

static const char *
paint (DxCliProgress *self,
       const char    *color)
{
  return self->color ? color : "";
}

static const char *
mark (DxCliProgress *self,
      DxCliStatus    status)
{
  switch (status)
    {
    case DX_CLI_STATUS_PASSED:
      return self->utf8 ? "✓" : "ok";
    case DX_CLI_STATUS_FAILED:
    case DX_CLI_STATUS_ERROR:
      return self->utf8 ? "✗" : "FAIL";
    case DX_CLI_STATUS_SKIPPED:
      return self->utf8 ? "–" : "skip";
    default:
      g_assert_not_reached ();
    }
}

static const char *
mark_color (DxCliStatus status)
{
  switch (status)
    {
    case DX_CLI_STATUS_PASSED:
      return COLOR_GREEN;
    case DX_CLI_STATUS_FAILED:
    case DX_CLI_STATUS_ERROR:
      return COLOR_RED;
    case DX_CLI_STATUS_SKIPPED:
    default:
      return COLOR_DIM;
    }
}

/**
 * dx_cli_progress_dup_step_line:
 *
 * Returns: the console line of a finished step, without session name or
 *   line break: "  ✓ Connect  12 ms", or for a failure
 *   "  ✗ Expect message — expected $.type equals "pong", got "ping"  2003 ms"
 */
char *
dx_cli_progress_dup_step_line (DxCliProgress *self,
                               DxCliStep     *step)
{
  GString *line = g_string_new ("  ");
  gboolean failed = step->status == DX_CLI_STATUS_FAILED || step->status == DX_CLI_STATUS_ERROR;

  /* A failure's explanation already says what the step looked for */
  g_string_append_printf (line, "%s%s%s ",
                          paint (self, mark_color (step->status)), mark (self, step->status),
                          paint (self, COLOR_RESET));
  append_clean (line, failed || step->summary == NULL ? step->title : step->summary, 0);

  if (failed && step->message != NULL)
    {
      /* The runner's message is the whole story: "expected …, got …" */
      g_string_append (line, " — ");
      append_detail (line, step->message);
    }
  else if (failed)
    {
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) actual = g_string_new (NULL);

      append_detail (expected, step->expected ? step->expected : "");
      append_detail (actual, step->actual ? step->actual : "");
      g_string_append (line, " — ");
      if (step->expected != NULL && step->actual != NULL)
        g_string_append_printf (line, _("expected %s, got %s"), expected->str, actual->str);
      else if (step->expected != NULL)
        g_string_append_printf (line, _("expected %s"), expected->str);
      else if (step->actual != NULL)
        g_string_append_printf (line, _("got %s"), actual->str);
    }
  else if (step->status == DX_CLI_STATUS_SKIPPED && step->message != NULL)
    {
      g_string_append (line, " — ");
      append_detail (line, step->message);
    }

  if (step->status != DX_CLI_STATUS_SKIPPED)
    {
      g_autofree char *duration = dx_format_duration (step->duration_us);

      g_string_append_printf (line, "  %s%s%s", paint (self, COLOR_DIM), duration, paint (self, COLOR_RESET));
    }

  return g_string_free (line, FALSE);
}

void
dx_cli_progress_scenario_started (DxCliProgress *self,
                                  DxCliSession  *session,
                                  DxCliScenario *scenario)
{
  g_autoptr(GString) line = g_string_new (paint (self, COLOR_BOLD));

  /* With session names in front of every line, the header needs none */
  if (!self->name_sessions)
    {
      append_clean (line, session->name, 0);
      g_string_append (line, " › ");
    }
  append_clean (line, scenario->name, 0);
  g_string_append (line, paint (self, COLOR_RESET));
  write_line (self, session, line->str);
}

void
dx_cli_progress_step_finished (DxCliProgress *self,
                               DxCliSession  *session,
                               DxCliStep     *step)
{
  g_autofree char *line = dx_cli_progress_dup_step_line (self, step);

  write_line (self, session, line);
}

static const char *
scenario_verdict (DxCliStatus status)
{
  switch (status)
    {
    case DX_CLI_STATUS_PASSED:
      return _("passed");
    case DX_CLI_STATUS_FAILED:
      return _("FAILED");
    case DX_CLI_STATUS_ERROR:
      return _("ERROR");
    case DX_CLI_STATUS_SKIPPED:
      return _("skipped");
    default:
      g_assert_not_reached ();
    }
}

void
dx_cli_progress_scenario_finished (DxCliProgress *self,
                                   DxCliSession  *session,
                                   DxCliScenario *scenario)
{
  g_autofree char *line = NULL;
  g_autofree char *duration = dx_format_duration (scenario->duration_us);

  if (scenario->status == DX_CLI_STATUS_SKIPPED)
    {
      /* Translators: a scenario that did not run, and why */
      line = g_strdup_printf (_("  → skipped (%s)"),
                              scenario->message ? scenario->message : _("not run"));
    }
  else
    {
      g_autofree char *verdict = g_strdup_printf ("%s%s%s", paint (self, mark_color (scenario->status)),
                                                  scenario_verdict (scenario->status),
                                                  paint (self, COLOR_RESET));

      /* Translators: "→ passed in 12 ms", "→ FAILED in 2.1 s" */
      line = g_strdup_printf (_("  → %s in %s"), verdict, duration);
    }

  write_line (self, session, line);
}

/**
 * dx_cli_progress_summary:
 *
 * Writes the last line of a run: "3 scenarios: 2 passed, 1 failed,
 * 0 skipped in 1.2 s".
 */
void
dx_cli_progress_summary (DxCliProgress *self,
                         DxCliReport   *report)
{
  DxCliCounts counts;
  g_autofree char *duration = dx_format_duration (report->duration_us);
  g_autofree char *scenarios = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  dx_cli_report_count (report, &counts);

  scenarios = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scenario", "%u scenarios", counts.scenarios),
                               counts.scenarios);
  errors = counts.errors > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, ", %u error", ", %u errors", counts.errors), counts.errors)
    : g_strdup ("");

  /* Translators: "3 scenarios: 2 passed, 1 failed, 0 skipped in 1.2 s";
   * the first %s is "N scenarios", the third ", N errors" or nothing,
   * the last the time the run took */
  g_string_append_printf (line, _("%s: %u passed, %u failed%s, %u skipped in %s\n"),
                          scenarios, counts.passed, counts.failed, errors, counts.skipped, duration);
  put (self, line->str);
}
