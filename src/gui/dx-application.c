/* dx-application.c — the Duplex application: command line, app actions,
 * settings, and the built-in echo server for the sample session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-application.h"
#include "dx-sample-session.h"
#include "dx-settings-store.h"
#include "dx-window.h"
#include "dx-window-files.h"
#include "dx-workspace-io.h"

struct _DxApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  DxEchoServer   *echo_server;
  DxWorkspace    *workspace;
  DxSettingsStore *store;
  char           *restore_problem;
};

G_DEFINE_FINAL_TYPE (DxApplication, dx_application, ADW_TYPE_APPLICATION)

static void
move_echo_sessions (DxApplication *self,
                    guint          from_port,
                    guint          to_port)
{
  GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (self->workspace));
  g_autofree char *from = g_strdup_printf ("ws://127.0.0.1:%u/", from_port);
  g_autofree char *to = g_strdup_printf ("ws://127.0.0.1:%u/", to_port);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);
      const char *url = dx_session_get_url (session);

      if (g_str_has_prefix (url, from))
        {
          g_autofree char *moved = g_strconcat (to, url + strlen (from), NULL);
          dx_session_set_url (session, moved);
        }
    }
}

static DxSession *
session_for_url (const char *url)
{
  g_autoptr(DxSession) session = dx_session_new ("", url);
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse (dx_session_get_url (session), G_URI_FLAGS_PARSE_RELAXED, NULL);
  dx_session_set_name (session, uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : url);

  return g_steal_pointer (&session);
}

/* The one window on the workspace, made on first use. A first run (an
 * empty workspace) gets the sample session on the built-in echo server. */
static DxWindow *
ensure_window (DxApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(DxSession) sample = NULL;
  DxComposer *composer;

  if (window)
    return DX_WINDOW (window);

  /* Saved sessions may be on the built-in server: have it up first. */
  dx_application_get_echo_server (self, NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (self->workspace))) > 0)
    return dx_window_new (self, self->workspace);

  sample = dx_application_create_sample_session (self, &error);
  if (sample == NULL)
    {
      DxWindow *empty = dx_window_new (self, self->workspace);

      /* Still a window: the tester can type a URL of their own. */
      dx_window_add_session (empty, NULL);
      dx_window_show_error (empty, error->message);
      return empty;
    }

  g_list_store_append (dx_workspace_get_sessions (self->workspace), sample);
  window = GTK_WINDOW (dx_window_new (self, self->workspace));
  composer = dx_window_get_composer (DX_WINDOW (window));
  dx_composer_set_mode (composer, DX_COMPOSER_MODE_JSON);
  dx_composer_set_text (composer, "{\n  \"type\": \"hello\",\n  \"from\": \"Duplex\"\n}");
  dx_window_connect (DX_WINDOW (window));

  return DX_WINDOW (window);
}

/* Said once, after the window is up: what could not be restored. */
static void
report_restore_problem (DxApplication *self,
                        DxWindow      *window)
{
  GtkWidget *dialog;

  if (self->restore_problem == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Some Saved Sessions Could Not Be Restored"),
                                   self->restore_problem);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_clear_pointer (&self->restore_problem, g_free);
}

static void
dx_application_activate (GApplication *app)
{
  DxWindow *window = ensure_window (DX_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  report_restore_problem (DX_APPLICATION (app), window);
}

static int
dx_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  DxApplication *self = DX_APPLICATION (app);
  g_auto(GStrv) argv = g_application_command_line_get_arguments (command_line, NULL);
  DxWindow *window = NULL;
  gboolean opened = FALSE;

  for (guint i = 1; argv[i]; i++)
    {
      g_autoptr(DxSession) session = NULL;

      if (g_str_has_suffix (argv[i], ".json"))
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, argv[i]);
          g_autoptr(DxWorkspace) check = NULL;
          g_autoptr(GError) error = NULL;

          /* Refuse a bad file before anything is replaced */
          check = dx_workspace_io_load (file, &error);
          if (check == NULL)
            {
              g_application_command_line_printerr (command_line, "duplex: %s\n", error->message);
              return EXIT_FAILURE;
            }

          window = window ? window : ensure_window (self);
          if (!dx_window_open_file (window, file, &error))
            {
              g_application_command_line_printerr (command_line, "duplex: %s\n", error->message);
              return EXIT_FAILURE;
            }
          opened = TRUE;
          continue;
        }

      if (!strstr (argv[i], "://"))
        {
          g_application_command_line_printerr (command_line,
                                               _("duplex: “%s” is neither a URL nor a workspace file; give a WebSocket URL such as ws://localhost:8080/ or a FILE.json\n"),
                                               argv[i]);
          return EXIT_FAILURE;
        }

      session = session_for_url (argv[i]);
      g_list_store_append (dx_workspace_get_sessions (self->workspace), session);
      window = window ? window : ensure_window (self);
      dx_window_select_session (window, session);
      opened = TRUE;
    }

  if (opened)
    {
      gtk_window_present (GTK_WINDOW (window));
      report_restore_problem (self, window);
    }
  else
    g_application_activate (app);

  return EXIT_SUCCESS;
}

static int
dx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("duplex %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  GtkApplication *app = data;
  const char *developers[] = { "The Duplex developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Duplex",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Duplex developers"),
                         "developers", developers,
                         "comments", _("Test WebSocket APIs: connect, send, read every message with its time, and see the connection’s state at a glance."),
                         "website", "https://github.com/duplexapp/duplex",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (data)));

  /* Close each window so it saves its size and closes its connection. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_activated },
  { .name = "quit", .activate = quit_activated },
};

static void
dx_application_startup (GApplication *app)
{
  DxApplication *self = DX_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (dx_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  self->workspace = dx_workspace_new ();
  self->store = dx_settings_store_new (self->settings, self->workspace);
  {
    g_autoptr(GError) error = NULL;

    if (!dx_settings_store_restore (self->store, &error))
      self->restore_problem = g_strdup (error->message);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "window.close", (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.send", (const char *[]) { "<Control>Return", "<Control>KP_Enter", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.toggle-connection", (const char *[]) { "<Control><Shift>Return", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.focus-url", (const char *[]) { "<Control>l", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.focus-composer", (const char *[]) { "<Control>m", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.run-tests", (const char *[]) { "<Control>r", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.run-all-tests", (const char *[]) { "<Control><Shift>r", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.show-messages", (const char *[]) { "<Control>1", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.show-tests", (const char *[]) { "<Control>2", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.open", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.save", (const char *[]) { "<Control>s", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.save-as", (const char *[]) { "<Control><Shift>s", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.add-session", (const char *[]) { "<Control>t", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.duplicate-session", (const char *[]) { "<Control><Shift>d", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.delete-session", (const char *[]) { "<Control>Delete", NULL });
}

static void
dx_application_shutdown (GApplication *app)
{
  DxApplication *self = DX_APPLICATION (app);

  /* A normal quit loses nothing of the workspace or its history. */
  dx_settings_store_flush (self->store);
  if (self->echo_server)
    dx_echo_server_stop (self->echo_server);

  G_APPLICATION_CLASS (dx_application_parent_class)->shutdown (app);
}

static void
dx_application_dispose (GObject *object)
{
  DxApplication *self = DX_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->echo_server);
  g_clear_object (&self->store);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->restore_problem, g_free);

  G_OBJECT_CLASS (dx_application_parent_class)->dispose (object);
}

static void
dx_application_class_init (DxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dx_application_dispose;

  app_class->activate = dx_application_activate;
  app_class->command_line = dx_application_command_line;
  app_class->handle_local_options = dx_application_handle_local_options;
  app_class->startup = dx_application_startup;
  app_class->shutdown = dx_application_shutdown;
}

static void
dx_application_init (DxApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[URL… | WORKSPACE.json]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens a session for each WebSocket URL given, or the workspace "
                                              "in WORKSPACE.json; with neither, the saved workspace (the first "
                                              "time, a sample session on the built-in echo server)."));
}

DxApplication *
dx_application_new (void)
{
  return g_object_new (DX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/duplexapp/Duplex",
                       NULL);
}

/**
 * dx_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
dx_application_get_settings (DxApplication *self)
{
  g_return_val_if_fail (DX_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * dx_application_get_echo_server:
 *
 * Starts the built-in echo server on first use.
 *
 * Returns: (transfer none): the running server, or %NULL with @error set
 */
DxEchoServer *
dx_application_get_echo_server (DxApplication  *self,
                                GError        **error)
{
  g_autoptr(DxEchoServer) server = NULL;
  guint last_port;

  g_return_val_if_fail (DX_IS_APPLICATION (self), NULL);

  if (self->echo_server)
    return self->echo_server;

  /* Listen where it listened last time, so that saved sessions on it keep
   * working; if that port is taken now, move those sessions along. */
  last_port = g_settings_get_uint (self->settings, "echo-server-port");
  server = dx_echo_server_new ();
  if (last_port == 0 || !dx_echo_server_start (server, last_port, NULL))
    {
      g_clear_object (&server);
      server = dx_echo_server_new ();
      if (!dx_echo_server_start (server, 0, error))
        return NULL;
    }

  if (last_port != 0 && dx_echo_server_get_port (server) != last_port)
    move_echo_sessions (self, last_port, dx_echo_server_get_port (server));
  g_settings_set_uint (self->settings, "echo-server-port", dx_echo_server_get_port (server));

  self->echo_server = g_steal_pointer (&server);
  return self->echo_server;
}

/**
 * dx_application_create_sample_session:
 *
 * Returns: (transfer full): a session on the built-in echo server, with a
 *   saved message and a scenario, for a first look with no network
 */
DxSession *
dx_application_create_sample_session (DxApplication  *self,
                                      GError        **error)
{
  DxEchoServer *server;
  g_autofree char *url = NULL;
  g_autoptr(DxSession) session = NULL;

  g_return_val_if_fail (DX_IS_APPLICATION (self), NULL);

  server = dx_application_get_echo_server (self, error);
  if (server == NULL)
    return NULL;

  url = dx_echo_server_dup_url (server, "/echo");
  session = dx_sample_session_new (url);
  return g_steal_pointer (&session);
}
