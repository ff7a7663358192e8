/* dx-settings-store.c — the workspace and its bounded history in GSettings
 *
 * Restores the workspace at start-up, then watches it and writes at most
 * once a second while changes keep coming (a flood of messages would
 * otherwise be a dconf write per batch), and at once on flush.
 *
 * Each session is a JSON document of its own in "sessions", and each
 * session's history a value of its own in "history", so that a value that
 * cannot be read costs itself only. A session document from a newer
 * version is kept as it is, so that going back to an older Duplex for a
 * day does not destroy it. A document nobody can read is kept until the
 * tester changes the workspace: it is reported at start-up, and only a
 * change of the tester's own replaces it.
 *
 * The writes go through a delayed GSettings of our own, so that each batch
 * is one change set: one dconf call, one keyfile write, and "sessions" and
 * "history" never disagree.
 *
 * What a session document and a saved history look like is
 * dx-settings-store-codec.c's business; this file decides when to write
 * and what to keep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dx-field.h"
#include "dx-settings-store-private.h"

/* A session of the workspace whose history is watched */
typedef struct {
  DxSettingsStore *store;
  DxSession       *session;
  gulong           handler;
  GVariant        *saved;    /* its history as saved; NULL when it changed */
} Watch;

/* A saved session this version does not show, and its saved history */
typedef struct {
  char     *document;
  char     *id;              /* nullable */
  GVariant *history;         /* nullable */
  gboolean  newer;           /* from a newer version: kept for good */
} Kept;

struct _DxSettingsStore
{
  GObject      parent_instance;

  GSettings   *settings;
  GSettings   *writer;
  DxWorkspace *workspace;

  GHashTable  *watches;      /* DxSession * → Watch * */
  GPtrArray   *kept;         /* Kept *, in saved order */
  GPtrArray   *orphans;      /* {sv}: saved histories of unreadable sessions */
  char        *unreadable_library; /* kept until the library has messages again */

  guint        write_source;
  guint        write_count;
  gboolean     restored;
  gboolean     workspace_dirty;
  gboolean     history_dirty;
};

G_DEFINE_FINAL_TYPE (DxSettingsStore, dx_settings_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (dx-settings-store-error-quark, dx_settings_store_error)

static void sync_watches (DxSettingsStore *self);

static void
watch_free (Watch *watch)
{
  g_signal_handler_disconnect (dx_session_get_history (watch->session), watch->handler);
  g_clear_object (&watch->session);
  g_clear_pointer (&watch->saved, g_variant_unref);
  g_free (watch);
}

static void
kept_free (Kept *kept)
{
  g_free (kept->document);
  g_free (kept->id);
  g_clear_pointer (&kept->history, g_variant_unref);
  g_free (kept);
}

/* The key of a session's history: its id, and for a second session with
 * the same id (imported twice, say) "id#2", so that no history is lost. */
static char *
history_key (GHashTable *seen,
             const char *id)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id)) + 1;

  g_hash_table_insert (seen, g_strdup (id), GUINT_TO_POINTER (n));
  return n == 1 ? g_strdup (id) : g_strdup_printf ("%s#%u", id, n);
}

/* Writing */

static GVariant *
build_sessions (DxSettingsStore *self)
{
  GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (self->workspace));
  guint n = g_list_model_get_n_items (sessions);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);

      g_variant_builder_add_value (&builder, g_variant_new_take_string (_dx_settings_store_session_to_json (session)));
    }
  for (guint i = 0; i < self->kept->len; i++)
    {
      Kept *kept = g_ptr_array_index (self->kept, i);

      g_variant_builder_add (&builder, "s", kept->document);
    }

  return g_variant_builder_end (&builder);
}

static GVariant *
build_variables (DxSettingsStore *self)
{
  GListModel *variables = G_LIST_MODEL (dx_workspace_get_variables (self->workspace));
  guint n = g_list_model_get_n_items (variables);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(bss)"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (variables, i);

      g_variant_builder_add (&builder, "(bss)",
                             dx_field_get_enabled (field),
                             dx_field_get_key (field),
                             dx_field_get_value (field));
    }

  return g_variant_builder_end (&builder);
}

/* A library that could not be read is written back as it was, until the
 * tester makes a new one: it may be from a newer Duplex. */
static char *
build_library (DxSettingsStore *self)
{
  GListModel *library = G_LIST_MODEL (dx_workspace_get_library (self->workspace));

  if (self->unreadable_library != NULL && g_list_model_get_n_items (library) == 0)
    return g_strdup (self->unreadable_library);
  g_clear_pointer (&self->unreadable_library, g_free);
  return _dx_settings_store_library_to_json (library);
}

static GVariant *
build_history (DxSettingsStore *self)
{
  GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (self->workspace));
  guint n = g_list_model_get_n_items (sessions);
  guint limit = g_settings_get_uint (self->settings, "history-limit");
  guint max_payload = g_settings_get_uint (self->settings, "history-max-payload");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (sessions, i);
      g_autofree char *key = history_key (seen, dx_session_get_id (session));
      Watch *watch = g_hash_table_lookup (self->watches, session);

      if (limit == 0)
        continue;
      if (watch->saved == NULL)
        watch->saved = _dx_settings_store_history_to_variant (dx_session_get_history (session), limit, max_payload);
      g_variant_builder_add (&builder, "{sv}", key, watch->saved);
    }

  for (guint i = 0; i < self->kept->len; i++)
    {
      Kept *kept = g_ptr_array_index (self->kept, i);
      g_autofree char *key = NULL;

      if (kept->id == NULL)
        continue;
      key = history_key (seen, kept->id);
      if (kept->history)
        g_variant_builder_add (&builder, "{sv}", key, kept->history);
    }

  for (guint i = 0; i < self->orphans->len; i++)
    g_variant_builder_add_value (&builder, g_ptr_array_index (self->orphans, i));

  return g_variant_builder_end (&builder);
}

/* The tester changed the workspace: what could not be read is theirs to
 * lose now, except what a newer version wrote. */
static void
drop_unreadable (DxSettingsStore *self)
{
  guint before = self->kept->len + self->orphans->len;

  for (guint i = self->kept->len; i > 0; i--)
    {
      Kept *kept = g_ptr_array_index (self->kept, i - 1);

      if (!kept->newer)
        g_ptr_array_remove_index (self->kept, i - 1);
    }
  g_ptr_array_set_size (self->orphans, 0);

  if (self->kept->len + self->orphans->len != before)
    self->history_dirty = TRUE;
}

static void
write_now (DxSettingsStore *self)
{
  g_autofree char *library = NULL;
  gboolean wrote = FALSE;

  g_clear_handle_id (&self->write_source, g_source_remove);
  if (!self->restored)
    return;
  sync_watches (self);

  if (self->workspace_dirty)
    {
      drop_unreadable (self);
      library = build_library (self);
      g_settings_set_value (self->writer, "sessions", build_sessions (self));
      g_settings_set_value (self->writer, "variables", build_variables (self));
      g_settings_set_string (self->writer, "library", library);
      g_settings_set_uint (self->writer, "selected-session", dx_workspace_get_selected (self->workspace));
      wrote = TRUE;
    }

  if (self->history_dirty)
    {
      g_settings_set_value (self->writer, "history", build_history (self));
      wrote = TRUE;
    }

  self->workspace_dirty = FALSE;
  self->history_dirty = FALSE;

  if (wrote)
    {
      g_settings_apply (self->writer);
      self->write_count++;
    }
}

static gboolean
write_timeout_cb (gpointer data)
{
  DxSettingsStore *self = data;

  self->write_source = 0;
  write_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_write (DxSettingsStore *self)
{
  if (self->write_source != 0)
    return;

  self->write_source = g_timeout_add (DX_SETTINGS_STORE_WRITE_INTERVAL_MS, write_timeout_cb, self);
  g_source_set_name_by_id (self->write_source, "[duplex] settings store write");
}

/* Watching */

static void
history_changed_cb (GListModel *history,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Watch      *watch)
{
  g_clear_pointer (&watch->saved, g_variant_unref);
  watch->store->history_dirty = TRUE;
  schedule_write (watch->store);
}

static void
sessions_changed_cb (GListModel      *sessions,
                     guint            position,
                     guint            removed,
                     guint            added,
                     DxSettingsStore *self)
{
  sync_watches (self);
  /* Histories are saved by id and in order: both may have changed */
  self->history_dirty = TRUE;
  schedule_write (self);
}

static void
workspace_changed_cb (DxSettingsStore *self)
{
  self->workspace_dirty = TRUE;
  schedule_write (self);
}

static void
history_settings_changed_cb (DxSettingsStore *self)
{
  GHashTableIter iter;
  Watch *watch;

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    g_clear_pointer (&watch->saved, g_variant_unref);

  self->history_dirty = TRUE;
  schedule_write (self);
}

static void
sync_watches (DxSettingsStore *self)
{
  GListModel *sessions = G_LIST_MODEL (dx_workspace_get_sessions (self->workspace));
  g_autoptr(GHashTable) present = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  guint n = g_list_model_get_n_items (sessions);
  GHashTableIter iter;
  DxSession *session;

  for (guint i = 0; i < n; i++)
    {
      session = g_list_model_get_item (sessions, i);
      g_hash_table_add (present, session);

      if (!g_hash_table_contains (self->watches, session))
        {
          Watch *watch = g_new0 (Watch, 1);

          watch->store = self;
          watch->session = g_object_ref (session);
          watch->handler = g_signal_connect (dx_session_get_history (session), "items-changed",
                                             G_CALLBACK (history_changed_cb), watch);
          g_hash_table_insert (self->watches, session, watch);
        }
    }

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, (gpointer *) &session, NULL))
    if (!g_hash_table_contains (present, session))
      g_hash_table_iter_remove (&iter);
}

static void
dx_settings_store_dispose (GObject *object)
{
  DxSettingsStore *self = DX_SETTINGS_STORE (object);

  /* Nothing pending is lost when the store goes first */
  if (self->write_source != 0)
    write_now (self);

  if (self->workspace)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_signal_handlers_disconnect_by_data (dx_workspace_get_sessions (self->workspace), self);
    }
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_object (&self->workspace);
  g_clear_object (&self->writer);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dx_settings_store_parent_class)->dispose (object);
}

static void
dx_settings_store_finalize (GObject *object)
{
  DxSettingsStore *self = DX_SETTINGS_STORE (object);

  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable_library, g_free);

  G_OBJECT_CLASS (dx_settings_store_parent_class)->finalize (object);
}

static void
dx_settings_store_class_init (DxSettingsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dx_settings_store_dispose;
  object_class->finalize = dx_settings_store_finalize;
}

static void
dx_settings_store_init (DxSettingsStore *self)
{
  self->watches = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) watch_free);
  self->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_free);
  self->orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
}

/**
 * dx_settings_store_new:
 * @settings: the application's settings (schema io.github.duplexapp.Duplex)
 * @workspace: an empty workspace, for dx_settings_store_restore() to fill
 *
 * Returns: (transfer full): a store that saves @workspace in @settings once
 *   it has restored it
 */
DxSettingsStore *
dx_settings_store_new (GSettings   *settings,
                       DxWorkspace *workspace)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  DxSettingsStore *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (DX_IS_WORKSPACE (workspace), NULL);

  g_object_get (settings,
                "settings-schema", &schema,
                "backend", &backend,
                "path", &path,
                NULL);
  g_return_val_if_fail (g_settings_schema_has_key (schema, "sessions"), NULL);

  self = g_object_new (DX_TYPE_SETTINGS_STORE, NULL);
  self->settings = g_object_ref (settings);
  self->workspace = g_object_ref (workspace);
  self->writer = g_settings_new_full (schema, backend, path);
  g_settings_delay (self->writer);

  return self;
}

/**
 * dx_settings_store_restore:
 *
 * Fills the workspace with what is saved: the sessions in order, the
 * variables, the selection and the newest history-limit messages of each
 * session. From then on the store saves every change, debounced.
 *
 * Something that cannot be read is skipped, and everything else is
 * restored all the same: then this returns %FALSE with @error saying what
 * was skipped, in words for the tester.
 *
 * Returns: whether everything saved was restored
 */
gboolean
dx_settings_store_restore (DxSettingsStore  *self,
                           GError          **error)
{
  g_auto(GStrv) documents = NULL;
  g_autoptr(GVariant) variables = NULL;
  g_autoptr(GVariant) histories = NULL;
  g_autoptr(GError) library_error = NULL;
  g_autofree char *library = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store;
  GVariantIter iter;
  GVariant *entry;
  guint n_newer = 0;
  guint saved_selected, selected = 0;
  guint limit;
  gboolean unreadable_kept = FALSE;
  gboolean b;
  const char *key, *value;

  g_return_val_if_fail (DX_IS_SETTINGS_STORE (self), FALSE);
  g_return_val_if_fail (!self->restored, FALSE);
  g_return_val_if_fail (g_list_model_get_n_items (G_LIST_MODEL (dx_workspace_get_sessions (self->workspace))) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  documents = g_settings_get_strv (self->settings, "sessions");
  histories = g_settings_get_value (self->settings, "history");
  saved_selected = g_settings_get_uint (self->settings, "selected-session");
  limit = g_settings_get_uint (self->settings, "history-limit");

  for (guint i = 0; documents[i]; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *id = NULL;
      g_autofree char *hkey = NULL;
      g_autoptr(GVariant) history = NULL;
      DxSession *session;
      gboolean newer;

      session = _dx_settings_store_session_from_json (documents[i], &id, &newer, problems, &local_error);

      /* The history of a document nobody can read stays an orphan */
      if (id && (session || newer))
        {
          hkey = history_key (seen, id);
          history = g_variant_lookup_value (histories, hkey, NULL);
          g_hash_table_add (claimed, g_strdup (hkey));
        }

      if (session == NULL)
        {
          Kept *kept = g_new0 (Kept, 1);

          kept->document = g_strdup (documents[i]);
          kept->newer = newer;
          if (newer)
            {
              kept->id = g_steal_pointer (&id);
              kept->history = g_steal_pointer (&history);
              n_newer++;
            }
          else
            {
              unreadable_kept = TRUE;
              g_ptr_array_add (unreadable, g_strdup_printf (_("session %u: %s"), i + 1, local_error->message));
            }
          g_ptr_array_add (self->kept, kept);
          continue;
        }

      /* The saved selection, or the nearest restored session before it */
      if (i <= saved_selected)
        selected = sessions->len;
      g_ptr_array_add (sessions, session);

      if (history && limit > 0)
        {
          int bad = _dx_settings_store_restore_history (dx_session_get_history (session), history, limit);

          if (bad < 0)
            g_ptr_array_add (problems,
                             g_strdup_printf (_("The saved history of “%s” is not in a form this version of Duplex reads and was skipped"),
                                              _dx_settings_store_session_label (session)));
          else if (bad > 0)
            g_ptr_array_add (problems,
                             g_strdup_printf (ngettext ("%u saved message of “%s” could not be read and was skipped",
                                                        "%u saved messages of “%s” could not be read and were skipped",
                                                        bad),
                                              (guint) bad, _dx_settings_store_session_label (session)));
        }
    }

  /* Histories of sessions that could not be read are kept with them */
  g_variant_iter_init (&iter, histories);
  while (unreadable_kept && (entry = g_variant_iter_next_value (&iter)))
    {
      g_variant_get_child (entry, 0, "&s", &key);
      if (!g_hash_table_contains (claimed, key))
        g_ptr_array_add (self->orphans, g_variant_ref (entry));
      g_variant_unref (entry);
    }

  store = dx_workspace_get_sessions (self->workspace);
  g_list_store_splice (store, 0, 0, sessions->pdata, sessions->len);

  variables = g_settings_get_value (self->settings, "variables");
  g_variant_iter_init (&iter, variables);
  while (g_variant_iter_next (&iter, "(b&s&s)", &b, &key, &value))
    g_ptr_array_add (rows, dx_field_new (b, key, value));
  store = dx_workspace_get_variables (self->workspace);
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0, rows->pdata, rows->len);

  library = g_settings_get_string (self->settings, "library");
  if (!_dx_settings_store_library_from_json (dx_workspace_get_library (self->workspace), library, &library_error))
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_("The library of saved messages could not be read and is left out: %s"),
                                        library_error->message));
      self->unreadable_library = g_steal_pointer (&library);
    }

  dx_workspace_set_selected (self->workspace, selected);

  self->restored = TRUE;
  sync_watches (self);
  g_signal_connect_swapped (self->workspace, "changed", G_CALLBACK (workspace_changed_cb), self);
  g_signal_connect (dx_workspace_get_sessions (self->workspace), "items-changed",
                    G_CALLBACK (sessions_changed_cb), self);
  g_signal_connect_swapped (self->settings, "changed::history-limit",
                            G_CALLBACK (history_settings_changed_cb), self);
  g_signal_connect_swapped (self->settings, "changed::history-max-payload",
                            G_CALLBACK (history_settings_changed_cb), self);

  if (unreadable->len > 0)
    {
      g_autofree char *details = NULL;

      g_ptr_array_add (unreadable, NULL);
      details = g_strjoinv ("; ", (char **) unreadable->pdata);
      g_ptr_array_insert (problems, 0,
                          g_strdup_printf (ngettext ("%u saved session could not be read and was skipped: %s",
                                                     "%u saved sessions could not be read and were skipped: %s",
                                                     unreadable->len - 1),
                                           unreadable->len - 1, details));
    }
  if (n_newer > 0)
    g_ptr_array_add (problems,
                     g_strdup_printf (ngettext ("%u saved session is from a newer version of Duplex: it is kept, but not shown",
                                                "%u saved sessions are from a newer version of Duplex: they are kept, but not shown",
                                                n_newer),
                                      n_newer));

  if (problems->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (problems, NULL);
      message = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, DX_SETTINGS_STORE_ERROR, DX_SETTINGS_STORE_ERROR_UNREADABLE, message);
      return FALSE;
    }

  return TRUE;
}

/**
 * dx_settings_store_flush:
 *
 * Writes what has changed now, instead of within the second: for quitting.
 */
void
dx_settings_store_flush (DxSettingsStore *self)
{
  g_return_if_fail (DX_IS_SETTINGS_STORE (self));

  write_now (self);
  g_settings_sync ();
}

/**
 * dx_settings_store_get_write_count:
 *
 * Returns: how many times the store has written to GSettings: each write
 *   is one change set of the keys that changed
 */
guint
dx_settings_store_get_write_count (DxSettingsStore *self)
{
  g_return_val_if_fail (DX_IS_SETTINGS_STORE (self), 0);
  return self->write_count;
}
