/* dx-session.c — a saved endpoint: URL, parameters, headers, options and
 * the history of everything sent and received on it
 *
 * The URL is the whole URL as the tester reads it, query included, and the
 * query is the enabled parameter rows: editing either side rewrites the
 * other. Rows that are off (or have no key yet) are not in the URL, so the
 * URL leaves them where they are. The URL a connect uses, its variables
 * expanded, is built in dx-session-uri.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field.h"
#include "dx-query.h"
#include "dx-saved-message.h"
#include "dx-scenario.h"
#include "dx-session.h"
#include "dx-list-watch.h"
#include "dx-util.h"

struct _DxSession
{
  GObject      parent_instance;

  char        *name;
  char        *url;
  GListStore  *params;
  GListStore  *headers;
  GStrv        subprotocols;
  guint64      max_incoming_size;
  char        *ca_file;
  char        *id;
  char        *origin;
  guint        connect_timeout;
  guint        keepalive_interval;
  guint        reconnect_attempts;
  guint        reconnect_delay;
  gboolean     accept_invalid_certificates;
  guint        heartbeat_interval;
  char        *heartbeat_message;
  char        *heartbeat_saved_message;
  GListStore  *saved_messages;
  GListStore  *scenarios;
  /* "changed" for any edit of the lists above, the URL kept in step with
   * the parameter rows */
  DxListWatch *watches[4];
  DxHistory   *history;

  /* Set while the URL and the parameter rows are brought in step, so
   * that neither side answers the other's change */
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (DxSession, dx_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_URL,
  PROP_PARAMS,
  PROP_HEADERS,
  PROP_SUBPROTOCOLS,
  PROP_MAX_INCOMING_SIZE,
  PROP_CA_FILE,
  PROP_HISTORY,
  PROP_ID,
  PROP_ORIGIN,
  PROP_CONNECT_TIMEOUT,
  PROP_KEEPALIVE_INTERVAL,
  PROP_RECONNECT_ATTEMPTS,
  PROP_RECONNECT_DELAY,
  PROP_ACCEPT_INVALID_CERTIFICATES,
  PROP_HEARTBEAT_INTERVAL,
  PROP_HEARTBEAT_MESSAGE,
  PROP_HEARTBEAT_SAVED_MESSAGE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (DxSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
dx_session_notify (GObject    *object,
                   GParamSpec *pspec)
{
  if (pspec != properties[PROP_HISTORY])
    emit_changed (DX_SESSION (object));

  if (G_OBJECT_CLASS (dx_session_parent_class)->notify)
    G_OBJECT_CLASS (dx_session_parent_class)->notify (object, pspec);
}

/* Rewrites the URL's query from the enabled rows, unless it already says
 * the same (perhaps encoded otherwise: the tester's spelling is kept). */
static void
sync_url_from_params (DxSession *self)
{
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;

  if (self->syncing || dx_query_rows_match_url (G_LIST_MODEL (self->params), self->url))
    return;

  query = dx_query_build (G_LIST_MODEL (self->params));
  url = dx_query_replace_in_url (self->url, query);
  if (!dx_set_str (&self->url, url))
    return;

  self->syncing = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  self->syncing = FALSE;
}

static void
params_edited_cb (DxSession *self)
{
  sync_url_from_params (self);
  emit_changed (self);
}

static void
dx_session_constructed (GObject *object)
{
  DxSession *self = DX_SESSION (object);

  G_OBJECT_CLASS (dx_session_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_uuid_string_random ();
}

static void
dx_session_dispose (GObject *object)
{
  DxSession *self = DX_SESSION (object);

  /* Others may keep the lists (an editor, a runner) and edit them later */
  for (guint i = 0; i < G_N_ELEMENTS (self->watches); i++)
    g_clear_pointer (&self->watches[i], dx_list_watch_free);

  G_OBJECT_CLASS (dx_session_parent_class)->dispose (object);
}

static void
dx_session_finalize (GObject *object)
{
  DxSession *self = DX_SESSION (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->params);
  g_clear_object (&self->headers);
  g_clear_pointer (&self->subprotocols, g_strfreev);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->heartbeat_message, g_free);
  g_clear_pointer (&self->heartbeat_saved_message, g_free);
  g_clear_object (&self->saved_messages);
  g_clear_object (&self->scenarios);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (dx_session_parent_class)->finalize (object);
}

static void
dx_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DxSession *self = DX_SESSION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PARAMS:
      g_value_set_object (value, self->params);
      break;
    case PROP_HEADERS:
      g_value_set_object (value, self->headers);
      break;
    case PROP_SUBPROTOCOLS:
      g_value_set_boxed (value, self->subprotocols);
      break;
    case PROP_MAX_INCOMING_SIZE:
      g_value_set_uint64 (value, self->max_incoming_size);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_KEEPALIVE_INTERVAL:
      g_value_set_uint (value, self->keepalive_interval);
      break;
    case PROP_RECONNECT_ATTEMPTS:
      g_value_set_uint (value, self->reconnect_attempts);
      break;
    case PROP_RECONNECT_DELAY:
      g_value_set_uint (value, self->reconnect_delay);
      break;
    case PROP_ACCEPT_INVALID_CERTIFICATES:
      g_value_set_boolean (value, self->accept_invalid_certificates);
      break;
    case PROP_HEARTBEAT_INTERVAL:
      g_value_set_uint (value, self->heartbeat_interval);
      break;
    case PROP_HEARTBEAT_MESSAGE:
      g_value_set_string (value, self->heartbeat_message);
      break;
    case PROP_HEARTBEAT_SAVED_MESSAGE:
      g_value_set_string (value, self->heartbeat_saved_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DxSession *self = DX_SESSION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      dx_session_set_name (self, g_value_get_string (value));
      break;
    case PROP_URL:
      dx_session_set_url (self, g_value_get_string (value));
      break;
    case PROP_SUBPROTOCOLS:
      dx_session_set_subprotocols (self, g_value_get_boxed (value));
      break;
    case PROP_MAX_INCOMING_SIZE:
      dx_session_set_max_incoming_size (self, g_value_get_uint64 (value));
      break;
    case PROP_CA_FILE:
      dx_session_set_ca_file (self, g_value_get_string (value));
      break;
    case PROP_ID:
      if (g_value_get_string (value))
        dx_set_str (&self->id, g_value_get_string (value));
      break;
    case PROP_ORIGIN:
      if (dx_set_str (&self->origin, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_HEARTBEAT_MESSAGE:
      if (dx_set_str (&self->heartbeat_message, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_HEARTBEAT_SAVED_MESSAGE:
      if (dx_set_str (&self->heartbeat_saved_message, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CONNECT_TIMEOUT:
    case PROP_KEEPALIVE_INTERVAL:
    case PROP_RECONNECT_ATTEMPTS:
    case PROP_RECONNECT_DELAY:
    case PROP_HEARTBEAT_INTERVAL:
      {
        guint *field = prop_id == PROP_CONNECT_TIMEOUT ? &self->connect_timeout
                     : prop_id == PROP_KEEPALIVE_INTERVAL ? &self->keepalive_interval
                     : prop_id == PROP_RECONNECT_ATTEMPTS ? &self->reconnect_attempts
                     : prop_id == PROP_HEARTBEAT_INTERVAL ? &self->heartbeat_interval
                     : &self->reconnect_delay;

        if (*field != g_value_get_uint (value))
          {
            *field = g_value_get_uint (value);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_ACCEPT_INVALID_CERTIFICATES:
      if (self->accept_invalid_certificates != g_value_get_boolean (value))
        {
          self->accept_invalid_certificates = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_session_class_init (DxSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dx_session_dispose;
  object_class->finalize = dx_session_finalize;
  object_class->get_property = dx_session_get_property;
  object_class->set_property = dx_session_set_property;
  object_class->notify = dx_session_notify;
  object_class->constructed = dx_session_constructed;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARAMS] =
    g_param_spec_object ("params", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADERS] =
    g_param_spec_object ("headers", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBPROTOCOLS] =
    g_param_spec_boxed ("subprotocols", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_INCOMING_SIZE] =
    g_param_spec_uint64 ("max-incoming-size", NULL, NULL,
                         0, G_MAXUINT64, DX_DEFAULT_MAX_INCOMING_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, DX_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* Made anew for every session unless given, to tell sessions apart in
   * saved histories even when they share a name. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL, 0, 3600, DX_DEFAULT_CONNECT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEPALIVE_INTERVAL] =
    g_param_spec_uint ("keepalive-interval", NULL, NULL, 0, 3600, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECONNECT_ATTEMPTS] =
    g_param_spec_uint ("reconnect-attempts", NULL, NULL, 0, 1000, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECONNECT_DELAY] =
    g_param_spec_uint ("reconnect-delay", NULL, NULL, 0, 3600, DX_DEFAULT_RECONNECT_DELAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCEPT_INVALID_CERTIFICATES] =
    g_param_spec_boolean ("accept-invalid-certificates", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DxSession:heartbeat-interval:
   *
   * Seconds between heartbeats while connected, 0 for none; each sends
   * the saved message #DxSession:heartbeat-saved-message names, else
   * #DxSession:heartbeat-message, else a ping.
   */
  properties[PROP_HEARTBEAT_INTERVAL] =
    g_param_spec_uint ("heartbeat-interval", NULL, NULL, 0, 3600, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEARTBEAT_MESSAGE] =
    g_param_spec_string ("heartbeat-message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DxSession:heartbeat-saved-message:
   *
   * The name of the saved message each heartbeat sends: the session's own,
   * else the workspace library's.
   */
  properties[PROP_HEARTBEAT_SAVED_MESSAGE] =
    g_param_spec_string ("heartbeat-saved-message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DxSession::changed:
   *
   * Something that is saved changed: a property, a parameter or header
   * row, a saved message or a scenario (added, removed, edited, moved). History has its own items-changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dx_session_init (DxSession *self)
{
  self->name = g_strdup ("");
  self->url = g_strdup ("");
  self->params = g_list_store_new (DX_TYPE_FIELD);
  self->headers = g_list_store_new (DX_TYPE_FIELD);
  self->subprotocols = g_new0 (char *, 1);
  self->max_incoming_size = DX_DEFAULT_MAX_INCOMING_SIZE;
  self->connect_timeout = DX_DEFAULT_CONNECT_TIMEOUT;
  self->reconnect_delay = DX_DEFAULT_RECONNECT_DELAY;
  self->saved_messages = g_list_store_new (DX_TYPE_SAVED_MESSAGE);
  self->scenarios = g_list_store_new (DX_TYPE_SCENARIO);
  self->history = dx_history_new ();

  self->watches[0] = dx_list_watch_new (G_LIST_MODEL (self->params), "notify", G_CALLBACK (params_edited_cb), self);
  self->watches[1] = dx_list_watch_new (G_LIST_MODEL (self->headers), "notify", G_CALLBACK (emit_changed), self);
  self->watches[2] = dx_list_watch_new (G_LIST_MODEL (self->saved_messages), "notify", G_CALLBACK (emit_changed), self);
  self->watches[3] = dx_list_watch_new (G_LIST_MODEL (self->scenarios), "changed", G_CALLBACK (emit_changed), self);
}

DxSession *
dx_session_new (const char *name,
                const char *url)
{
  return g_object_new (DX_TYPE_SESSION,
                       "name", name,
                       "url", url,
                       NULL);
}

const char *
dx_session_get_name (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->name;
}

void
dx_session_set_name (DxSession  *self,
                     const char *name)
{
  g_return_if_fail (DX_IS_SESSION (self));

  if (dx_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
dx_session_get_url (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->url;
}

/**
 * dx_session_set_url:
 * @url: the whole URL, query included
 *
 * Keeps @url as typed (trimmed) and rewrites the enabled parameter rows
 * from its query: rows that still match stay, the others are edited in
 * place, removed or added; rows that are off stay.
 */
void
dx_session_set_url (DxSession  *self,
                    const char *url)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (DX_IS_SESSION (self));

  stripped = g_strstrip (g_strdup (url ? url : ""));
  if (!dx_set_str (&self->url, stripped))
    return;

  if (!self->syncing)
    {
      self->syncing = TRUE;
      dx_query_update_rows (self->params, self->url);
      self->syncing = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/**
 * dx_session_get_params:
 *
 * The enabled rows with a key are the URL's query, in order: changing
 * them rewrites the URL. To restore saved rows, set the URL first and then
 * replace all rows at once (g_list_store_splice()), or add the rows first
 * and set the URL after: appending rows to a session whose URL already
 * has them would list them twice.
 *
 * Returns: (transfer none): the query parameters, a list of #DxField
 */
GListStore *
dx_session_get_params (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->params;
}

/**
 * dx_session_get_headers:
 *
 * Returns: (transfer none): the request headers, a list of #DxField
 */
GListStore *
dx_session_get_headers (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->headers;
}

const char * const *
dx_session_get_subprotocols (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return (const char * const *) self->subprotocols;
}

void
dx_session_set_subprotocols (DxSession          *self,
                             const char * const *subprotocols)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (DX_IS_SESSION (self));

  for (guint i = 0; subprotocols && subprotocols[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (subprotocols[i]));

      if (name[0] != '\0')
        g_strv_builder_add (builder, name);
    }

  g_strfreev (self->subprotocols);
  self->subprotocols = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBPROTOCOLS]);
}

guint64
dx_session_get_max_incoming_size (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), 0);
  return self->max_incoming_size;
}

void
dx_session_set_max_incoming_size (DxSession *self,
                                  guint64    size)
{
  g_return_if_fail (DX_IS_SESSION (self));

  if (self->max_incoming_size == size)
    return;
  self->max_incoming_size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_INCOMING_SIZE]);
}

const char *
dx_session_get_ca_file (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->ca_file;
}

/**
 * dx_session_set_ca_file:
 * @path: (nullable): a PEM file of certificate authorities to trust for
 *   this session, besides the system's
 */
void
dx_session_set_ca_file (DxSession  *self,
                        const char *path)
{
  g_return_if_fail (DX_IS_SESSION (self));

  if (path && path[0] == '\0')
    path = NULL;
  if (dx_set_str (&self->ca_file, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CA_FILE]);
}

/**
 * dx_session_get_history:
 *
 * Returns: (transfer none): everything sent and received on this session
 */
DxHistory *
dx_session_get_history (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->history;
}

/**
 * dx_session_get_id:
 *
 * Returns: the session's stable identifier
 */
const char *
dx_session_get_id (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->id;
}

const char *
dx_session_get_origin (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->origin;
}

guint
dx_session_get_connect_timeout (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), 0);
  return self->connect_timeout;
}

guint
dx_session_get_keepalive_interval (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), 0);
  return self->keepalive_interval;
}

guint
dx_session_get_reconnect_attempts (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), 0);
  return self->reconnect_attempts;
}

guint
dx_session_get_reconnect_delay (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), 0);
  return self->reconnect_delay;
}

gboolean
dx_session_get_accept_invalid_certificates (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), FALSE);
  return self->accept_invalid_certificates;
}

guint
dx_session_get_heartbeat_interval (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), 0);
  return self->heartbeat_interval;
}

/**
 * dx_session_get_heartbeat_message:
 *
 * Returns: (nullable): the text message each heartbeat sends (with its
 *   {{variables}} expanded), or %NULL / "" for a ping
 */
const char *
dx_session_get_heartbeat_message (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->heartbeat_message;
}

/**
 * dx_session_duplicate:
 * @name: the copy's name
 *
 * Returns: (transfer full): a new session with the same request, options,
 *   saved messages and scenarios (copied, not shared), an empty history
 *   and an id of its own
 */
DxSession *
dx_session_duplicate (DxSession  *self,
                      const char *name)
{
  DxSession *copy;

  g_return_val_if_fail (DX_IS_SESSION (self), NULL);

  copy = g_object_new (DX_TYPE_SESSION,
                       "name", name,
                       "url", self->url,
                       "subprotocols", self->subprotocols,
                       "max-incoming-size", self->max_incoming_size,
                       "ca-file", self->ca_file,
                       "origin", self->origin,
                       "connect-timeout", self->connect_timeout,
                       "keepalive-interval", self->keepalive_interval,
                       "reconnect-attempts", self->reconnect_attempts,
                       "reconnect-delay", self->reconnect_delay,
                       "accept-invalid-certificates", self->accept_invalid_certificates,
                       "heartbeat-interval", self->heartbeat_interval,
                       "heartbeat-message", self->heartbeat_message,
                       "heartbeat-saved-message", self->heartbeat_saved_message,
                       NULL);

  /* The copy's URL already made its enabled parameter rows: replace them
   * with copies of all of ours, the ones that are off included. */
  dx_field_copy_rows (G_LIST_MODEL (self->params), copy->params);
  dx_field_copy_rows (G_LIST_MODEL (self->headers), copy->headers);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->saved_messages)); i++)
    {
      g_autoptr(DxSavedMessage) message = g_list_model_get_item (G_LIST_MODEL (self->saved_messages), i);
      g_autoptr(DxSavedMessage) message_copy = dx_saved_message_copy (message);

      g_list_store_append (copy->saved_messages, message_copy);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)); i++)
    {
      g_autoptr(DxScenario) scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), i);
      g_autoptr(DxScenario) scenario_copy = dx_scenario_duplicate (scenario, dx_scenario_get_name (scenario));

      g_list_store_append (copy->scenarios, scenario_copy);
    }

  return copy;
}

/**
 * dx_session_get_saved_messages:
 *
 * Returns: (transfer none): the session's #DxSavedMessage list, in the
 *   order the tester gave it
 */
GListStore *
dx_session_get_saved_messages (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->saved_messages;
}

const char *
dx_session_get_heartbeat_saved_message (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->heartbeat_saved_message;
}

/**
 * dx_session_get_scenarios:
 *
 * Returns: (transfer none): the session's #DxScenario list, in order
 */
GListStore *
dx_session_get_scenarios (DxSession *self)
{
  g_return_val_if_fail (DX_IS_SESSION (self), NULL);
  return self->scenarios;
}
