/* dx-variables.c — {{name}} in URLs, headers and messages
 *
 * A reference is {{name}}, with optional spaces or tabs around the name;
 * the name holds no braces, quotes or line breaks, so JSON and other
 * brace-heavy text is left alone. The first enabled row with that key
 * gives the value; a value may use variables in turn, up to
 * DX_VARIABLES_MAX_DEPTH levels, and each name is worked out once per
 * expansion, so values that use each other many times stay cheap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-field.h"
#include "dx-variables-private.h"

G_DEFINE_QUARK (dx-variables-error-quark, dx_variables_error)

typedef struct {
  GListModel *variables;
  GHashTable *values;      /* name → value of the first enabled row */
  GHashTable *disabled;    /* names of rows that are turned off */
  GHashTable *resolved;    /* name → its value, expanded */
  GPtrArray  *stack;       /* names being expanded, outermost first */
} Expander;

static void
expander_clear (Expander *self)
{
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->disabled, g_hash_table_unref);
  g_clear_pointer (&self->resolved, g_hash_table_unref);
  g_clear_pointer (&self->stack, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Expander, expander_clear)

static void
expander_load (Expander *self)
{
  guint n;

  if (self->values != NULL)
    return;

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->disabled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stack = g_ptr_array_new_with_free_func (g_free);

  n = self->variables ? g_list_model_get_n_items (self->variables) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (self->variables, i);
      g_autofree char *key = g_strstrip (g_strdup (dx_field_get_key (field)));

      if (key[0] == '\0')
        continue;
      if (!dx_field_get_enabled (field))
        g_hash_table_add (self->disabled, g_steal_pointer (&key));
      else if (!g_hash_table_contains (self->values, key))
        g_hash_table_insert (self->values, g_steal_pointer (&key),
                             g_strdup (dx_field_get_value (field)));
    }
}

static gboolean expand_into (Expander    *self,
                             const char  *text,
                             guint        depth,
                             GString     *out,
                             GError     **error);

static const char *
resolve (Expander    *self,
         const char  *name,
         guint        depth,
         GError     **error)
{
  g_autoptr(GString) expanded = NULL;
  const char *value;
  gboolean ok;

  value = g_hash_table_lookup (self->resolved, name);
  if (value != NULL)
    return value;

  value = g_hash_table_lookup (self->values, name);
  if (value == NULL)
    {
      if (g_hash_table_contains (self->disabled, name))
        g_set_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_UNDEFINED,
                     _("The variable {{%s}} is turned off: turn it on under Variables, or remove it"),
                     name);
      else
        g_set_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_UNDEFINED,
                     _("The variable {{%s}} is not defined: add it under Variables, or remove it"),
                     name);
      return NULL;
    }

  for (guint i = 0; i < self->stack->len; i++)
    if (g_str_equal (g_ptr_array_index (self->stack, i), name))
      {
        g_autoptr(GString) chain = g_string_new (NULL);

        for (guint j = i; j < self->stack->len; j++)
          g_string_append_printf (chain, "{{%s}} → ", (char *) g_ptr_array_index (self->stack, j));
        g_string_append_printf (chain, "{{%s}}", name);
        g_set_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_CYCLE,
                     _("The variable {{%s}} uses itself through %s: change one of these values"),
                     name, chain->str);
        return NULL;
      }

  if (depth >= DX_VARIABLES_MAX_DEPTH)
    {
      g_set_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_TOO_DEEP,
                   _("Variables use other variables more than %d levels deep, at {{%s}}: "
                     "write its value in directly"),
                   DX_VARIABLES_MAX_DEPTH, name);
      return NULL;
    }

  expanded = g_string_new (NULL);
  g_ptr_array_add (self->stack, g_strdup (name));
  ok = expand_into (self, value, depth + 1, expanded, error);
  g_ptr_array_remove_index (self->stack, self->stack->len - 1);
  if (!ok)
    return NULL;

  value = expanded->str;
  g_hash_table_insert (self->resolved, g_strdup (name), g_string_free (g_steal_pointer (&expanded), FALSE));
  return value;
}

static gboolean
expand_into (Expander    *self,
             const char  *text,
             guint        depth,
             GString     *out,
             GError     **error)
{
  const char *start, *end;
  char *name;

  while (_dx_variables_find_reference (text, &start, &end, &name))
    {
      g_autofree char *owned_name = name;
      const char *value;

      expander_load (self);
      value = resolve (self, owned_name, depth, error);
      if (value == NULL)
        return FALSE;

      g_string_append_len (out, text, start - text);
      g_string_append (out, value);
      text = end;
    }
  g_string_append (out, text);

  return TRUE;
}

/**
 * _dx_variables_find_reference:
 * @start: (out): where the first reference in @text starts, at its "{{"
 * @end: (out): just past its "}}"
 * @name: (out) (optional): its name, without the spaces around it
 *
 * Returns: whether @text holds a reference
 */
gboolean
_dx_variables_find_reference (const char  *text,
                              const char **start,
                              const char **end,
                              char       **name)
{
  const char *p = text;

  /* Every character is looked at a bounded number of times, so a long
   * message full of braces costs no more than one pass. */
  while ((p = strstr (p, "{{")) != NULL)
    {
      const char *q = p + 2;

      while (*q != '\0' && strchr ("{}\"\r\n", *q) == NULL)
        q++;

      if (q[0] == '}' && q[1] == '}')
        {
          g_autofree char *inner = g_strstrip (g_strndup (p + 2, q - (p + 2)));

          if (inner[0] != '\0')
            {
              *start = p;
              *end = q + 2;
              if (name)
                *name = g_steal_pointer (&inner);
              return TRUE;
            }
          p = q + 2;
        }
      else if (*q == '\0')
        return FALSE;
      else if (*q == '{')
        p = q - 1;    /* "{{{name}}": the reference may start one brace later */
      else
        p = q + 1;
    }

  return FALSE;
}

/**
 * dx_variables_has_references:
 *
 * Returns: whether @text uses any {{variable}}
 */
gboolean
dx_variables_has_references (const char *text)
{
  const char *start, *end;

  g_return_val_if_fail (text != NULL, FALSE);

  return _dx_variables_find_reference (text, &start, &end, NULL);
}

/**
 * dx_variables_expand:
 * @variables: (nullable): a list of #DxField; the enabled rows count
 * @text: text that may use {{name}}
 *
 * Replaces every {{name}} in @text with the value of the first enabled
 * row whose key is name; values may use variables themselves.
 *
 * Returns: (transfer full): the expanded text, or %NULL with @error naming
 *   the variable that is not defined (or turned off), or the variables
 *   that use each other in a circle
 */
char *
dx_variables_expand (GListModel  *variables,
                     const char  *text,
                     GError     **error)
{
  g_auto(Expander) expander = { 0, };
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (variables == NULL || G_IS_LIST_MODEL (variables), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strstr (text, "{{") == NULL)
    return g_strdup (text);

  expander.variables = variables;
  out = g_string_new (NULL);
  if (!expand_into (&expander, text, 0, out, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
