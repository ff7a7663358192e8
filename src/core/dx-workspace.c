/* dx-workspace.c — the sessions and variables a tester keeps
 *
 * Emits ::changed for anything that is saved: the list of sessions, any
 * session's ::changed, the variable rows, the library of saved messages,
 * the selection. DxSettingsStore
 * and the window's "unsaved" mark listen to that one signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field.h"
#include "dx-saved-message.h"
#include "dx-list-watch.h"
#include "dx-util.h"
#include "dx-workspace.h"

struct _DxWorkspace
{
  GObject      parent_instance;

  GListStore  *sessions;
  GListStore  *variables;
  GListStore  *library;
  DxListWatch *watches[3];   /* "changed" for any edit of the lists above */
  guint        selected;
};

G_DEFINE_FINAL_TYPE (DxWorkspace, dx_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (DxWorkspace *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
dx_workspace_dispose (GObject *object)
{
  DxWorkspace *self = DX_WORKSPACE (object);

  /* Others may keep the lists (a connection keeps the variables) */
  for (guint i = 0; i < G_N_ELEMENTS (self->watches); i++)
    g_clear_pointer (&self->watches[i], dx_list_watch_free);
  g_clear_object (&self->sessions);
  g_clear_object (&self->variables);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (dx_workspace_parent_class)->dispose (object);
}

static void
dx_workspace_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DxWorkspace *self = DX_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_workspace_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DxWorkspace *self = DX_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      dx_workspace_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_workspace_class_init (DxWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dx_workspace_dispose;
  object_class->get_property = dx_workspace_get_property;
  object_class->set_property = dx_workspace_set_property;

  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dx_workspace_init (DxWorkspace *self)
{
  self->sessions = g_list_store_new (DX_TYPE_SESSION);
  self->variables = g_list_store_new (DX_TYPE_FIELD);
  self->library = g_list_store_new (DX_TYPE_SAVED_MESSAGE);

  self->watches[0] = dx_list_watch_new (G_LIST_MODEL (self->sessions), "changed", G_CALLBACK (emit_changed), self);
  /* The variables and the library: rows whose every property is saved */
  self->watches[1] = dx_list_watch_new (G_LIST_MODEL (self->variables), "notify", G_CALLBACK (emit_changed), self);
  self->watches[2] = dx_list_watch_new (G_LIST_MODEL (self->library), "notify", G_CALLBACK (emit_changed), self);
}

DxWorkspace *
dx_workspace_new (void)
{
  return g_object_new (DX_TYPE_WORKSPACE, NULL);
}

/**
 * dx_workspace_get_sessions:
 *
 * Returns: (transfer none): the sessions, a list of #DxSession in the
 *   order the sidebar shows them
 */
GListStore *
dx_workspace_get_sessions (DxWorkspace *self)
{
  g_return_val_if_fail (DX_IS_WORKSPACE (self), NULL);
  return self->sessions;
}

/**
 * dx_workspace_get_variables:
 *
 * Returns: (transfer none): the environment variables, a list of #DxField
 *   used as {{name}}
 */
GListStore *
dx_workspace_get_variables (DxWorkspace *self)
{
  g_return_val_if_fail (DX_IS_WORKSPACE (self), NULL);
  return self->variables;
}

/**
 * dx_workspace_get_library:
 *
 * Returns: (transfer none): the saved messages every session can send, a
 *   list of #DxSavedMessage
 */
GListStore *
dx_workspace_get_library (DxWorkspace *self)
{
  g_return_val_if_fail (DX_IS_WORKSPACE (self), NULL);
  return self->library;
}

guint
dx_workspace_get_selected (DxWorkspace *self)
{
  g_return_val_if_fail (DX_IS_WORKSPACE (self), 0);
  return self->selected;
}

void
dx_workspace_set_selected (DxWorkspace *self,
                           guint        position)
{
  g_return_if_fail (DX_IS_WORKSPACE (self));

  if (self->selected == position)
    return;
  self->selected = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  emit_changed (self);
}

/**
 * dx_workspace_find_session:
 * @position: (out) (optional): where it is
 *
 * Returns: (transfer none) (nullable): the session with this id
 */
DxSession *
dx_workspace_find_session (DxWorkspace *self,
                           const char  *id,
                           guint       *position)
{
  guint n;

  g_return_val_if_fail (DX_IS_WORKSPACE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (g_strcmp0 (dx_session_get_id (session), id) == 0)
        {
          if (position)
            *position = i;
          return session;
        }
    }
  return NULL;
}

static void
replace_all (GListStore *into,
             GListModel *from)
{
  guint n = g_list_model_get_n_items (from);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (from, i));
  g_list_store_splice (into, 0, g_list_model_get_n_items (G_LIST_MODEL (into)), items->pdata, n);
}

/**
 * dx_workspace_replace:
 *
 * Makes @self hold what @other holds (the same session objects): for
 * opening a workspace file into the window's workspace.
 */
void
dx_workspace_replace (DxWorkspace *self,
                      DxWorkspace *other)
{
  g_return_if_fail (DX_IS_WORKSPACE (self));
  g_return_if_fail (DX_IS_WORKSPACE (other));

  replace_all (self->variables, G_LIST_MODEL (other->variables));
  replace_all (self->library, G_LIST_MODEL (other->library));
  replace_all (self->sessions, G_LIST_MODEL (other->sessions));
  dx_workspace_set_selected (self, other->selected);
}
