/* dx-runner-variables.c — the variables a run expands {{name}} with
 *
 * One list, in order of precedence: what capture steps stored in this run,
 * then the overrides (duplex-cli --var), then the scenario's own
 * variables, then the workspace's. Rows are shared, not copied, so an edit
 * of a value during a run is seen by the steps after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field.h"
#include "dx-runner-private.h"

static void
append_all (GListStore *store,
            GListModel *model)
{
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_list_store_append (store, item);
    }
}

/* dx_variables_expand() takes the first enabled row with a name, so the
 * order of the rows is the order of precedence. */
void
_dx_runner_rebuild_variables (DxRunner *self)
{
  g_list_store_remove_all (self->run_variables);
  append_all (self->run_variables, G_LIST_MODEL (self->captures));
  append_all (self->run_variables, self->overrides);
  append_all (self->run_variables, G_LIST_MODEL (dx_scenario_get_variables (self->scenario)));
  append_all (self->run_variables, self->variables ? self->variables : self->original_variables);
}

void
_dx_runner_set_capture (DxRunner   *self,
                        const char *name,
                        const char *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->captures));
  g_autoptr(DxField) field = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) existing = g_list_model_get_item (G_LIST_MODEL (self->captures), i);

      if (g_strcmp0 (dx_field_get_key (existing), name) == 0)
        {
          dx_field_set_value (existing, value);
          _dx_runner_rebuild_variables (self);
          return;
        }
    }

  field = dx_field_new (TRUE, name, value);
  g_list_store_append (self->captures, field);
  _dx_runner_rebuild_variables (self);
}
