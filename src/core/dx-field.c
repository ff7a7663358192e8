/* dx-field.c — one enabled/key/value row (query parameter, header, variable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field.h"
#include "dx-util.h"

struct _DxField
{
  GObject   parent_instance;
  char     *key;
  char     *value;
  gboolean  enabled;
};

G_DEFINE_FINAL_TYPE (DxField, dx_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_KEY,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dx_field_finalize (GObject *object)
{
  DxField *self = DX_FIELD (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (dx_field_parent_class)->finalize (object);
}

static void
dx_field_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DxField *self = DX_FIELD (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_field_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DxField *self = DX_FIELD (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      dx_field_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_KEY:
      dx_field_set_key (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      dx_field_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_field_class_init (DxFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dx_field_finalize;
  object_class->get_property = dx_field_get_property;
  object_class->set_property = dx_field_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_field_init (DxField *self)
{
  self->enabled = TRUE;
  self->key = g_strdup ("");
  self->value = g_strdup ("");
}

DxField *
dx_field_new (gboolean    enabled,
              const char *key,
              const char *value)
{
  return g_object_new (DX_TYPE_FIELD,
                       "enabled", enabled,
                       "key", key,
                       "value", value,
                       NULL);
}

gboolean
dx_field_get_enabled (DxField *self)
{
  g_return_val_if_fail (DX_IS_FIELD (self), FALSE);
  return self->enabled;
}

void
dx_field_set_enabled (DxField  *self,
                      gboolean  enabled)
{
  g_return_if_fail (DX_IS_FIELD (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

const char *
dx_field_get_key (DxField *self)
{
  g_return_val_if_fail (DX_IS_FIELD (self), NULL);
  return self->key;
}

void
dx_field_set_key (DxField    *self,
                  const char *key)
{
  g_return_if_fail (DX_IS_FIELD (self));

  if (dx_set_str (&self->key, key ? key : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
dx_field_get_value (DxField *self)
{
  g_return_val_if_fail (DX_IS_FIELD (self), NULL);
  return self->value;
}

void
dx_field_set_value (DxField    *self,
                    const char *value)
{
  g_return_if_fail (DX_IS_FIELD (self));

  if (dx_set_str (&self->value, value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * dx_field_is_active:
 *
 * Returns: whether the row takes part in a request: enabled, with a key
 */
gboolean
dx_field_is_active (DxField *self)
{
  g_return_val_if_fail (DX_IS_FIELD (self), FALSE);
  return self->enabled && self->key[0] != '\0';
}

/**
 * dx_field_copy_rows:
 * @from: a list of #DxField
 * @to: a #GListStore of #DxField
 *
 * Replaces the rows of @to with copies of those of @from, the ones that
 * are off included, in one change.
 */
void
dx_field_copy_rows (GListModel *from,
                    GListStore *to)
{
  guint n_rows;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_if_fail (G_IS_LIST_MODEL (from));
  g_return_if_fail (G_IS_LIST_STORE (to));

  n_rows = g_list_model_get_n_items (from);
  rows = g_ptr_array_new_full (n_rows, g_object_unref);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (from, i);

      g_ptr_array_add (rows, dx_field_new (field->enabled, field->key, field->value));
    }
  g_list_store_splice (to, 0, g_list_model_get_n_items (G_LIST_MODEL (to)), rows->pdata, rows->len);
}
