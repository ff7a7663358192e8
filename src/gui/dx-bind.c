/* dx-bind.c — bindings that more than one widget makes: optional text to
 * an entry, a source buffer's colours to the desktop's dark style
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

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

static void
update_style_scheme (GtkSourceBuffer *buffer)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (buffer, gtk_source_style_scheme_manager_get_scheme (schemes, id));
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

/**
 * dx_bind_style_scheme:
 *
 * Colours @buffer's text with the Adwaita scheme, dark or light as the
 * desktop is, now and whenever it changes, for as long as @buffer lives.
 */
void
dx_bind_style_scheme (GtkSourceBuffer *buffer)
{
  g_return_if_fail (GTK_SOURCE_IS_BUFFER (buffer));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), buffer, G_CONNECT_SWAPPED);
  update_style_scheme (buffer);
}
