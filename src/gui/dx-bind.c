/* dx-bind.c — bindings that more than one widget makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-bind.h"

/* Optional text properties are %NULL when unset; entries want "" */
static gboolean
null_to_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text ? text : "");
  return TRUE;
}

/* An empty field means "none" (no subprotocol, any reason, no origin): %NULL */
static gboolean
empty_to_null (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text && text[0] ? text : NULL);
  return TRUE;
}

/**
 * dx_bind_text:
 * @source: an object with a string @property that may be %NULL
 * @target: an object with a "text" property: an entry, a row, a buffer
 *
 * Binds @property and the target's text both ways, from @source first:
 * %NULL shows as empty, and an emptied field sets %NULL.
 *
 * Returns: (transfer none): the binding
 */
GBinding *
dx_bind_text (gpointer    source,
              const char *property,
              gpointer    target)
{
  return g_object_bind_property_full (source, property, target, "text",
                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                      null_to_empty, empty_to_null, NULL, NULL);
}
