/* dx-field-editor.c — edits a list of enabled/key/value rows (query
 * parameters, headers): each row is bound both ways to its DxField
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dx-field.h"
#include "dx-field-editor.h"
#include "dx-headers.h"

struct _DxFieldEditor
{
  GtkWidget          parent_instance;

  GtkWidget        *root_box;
  GtkListBox        *list;
  GtkLabel          *empty_label;
  AdwButtonContent  *add_content;

  GListStore        *fields;
  char              *add_label;
  char              *key_placeholder;
  gboolean           headers;
  GtkListStore      *header_names;   /* completion for header rows */
};

G_DEFINE_FINAL_TYPE (DxFieldEditor, dx_field_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FIELDS,
  PROP_ADD_LABEL,
  PROP_KEY_PLACEHOLDER,
  PROP_EMPTY_TEXT,
  PROP_HEADERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
remove_clicked_cb (GtkButton     *button,
                   DxFieldEditor *self)
{
  DxField *field = g_object_get_data (G_OBJECT (button), "dx-field");
  guint position;

  if (g_list_store_find (self->fields, field, &position))
    g_list_store_remove (self->fields, position);
}

/* libsoup writes these for the handshake itself: say so at the row */
static void
check_header_name_cb (GtkEntry *entry)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (dx_header_is_reserved (name))
    {
      g_autofree char *tip = g_strdup_printf (_("libsoup sets “%s” itself for the WebSocket handshake: "
                                                "this row cannot change it"), name);

      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, "dialog-warning-symbolic");
      gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, tip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), tip);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "warning");
    }
  else
    {
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "warning");
    }
}

static void
add_header_completion (DxFieldEditor *self,
                       GtkEntry      *entry)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  if (self->header_names == NULL)
    {
      const char * const *names = dx_header_common_names ();

      self->header_names = gtk_list_store_new (1, G_TYPE_STRING);
      for (guint i = 0; names[i]; i++)
        gtk_list_store_insert_with_values (self->header_names, NULL, -1, 0, names[i], -1);
    }

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->header_names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (entry, completion);

  g_signal_connect (entry, "changed", G_CALLBACK (check_header_name_cb), NULL);
  check_header_name_cb (entry);
}

static GtkWidget *
create_row (gpointer item,
            gpointer data)
{
  DxFieldEditor *self = data;
  DxField *field = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *key = gtk_entry_new ();
  GtkWidget *value = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "field-row");

  gtk_widget_set_tooltip_text (check, _("Send this row"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Enabled"), -1);
  g_object_bind_property (field, "enabled", check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_entry_set_placeholder_text (GTK_ENTRY (key), self->key_placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (key),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->key_placeholder, -1);
  gtk_widget_set_hexpand (key, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (key), 6);
  g_object_bind_property (field, "key", key, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (field, "enabled", key, "sensitive", G_BINDING_SYNC_CREATE);
  if (self->headers)
    add_header_completion (self, GTK_ENTRY (key));

  gtk_entry_set_placeholder_text (GTK_ENTRY (value), _("Value"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 6);
  g_object_bind_property (field, "value", value, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (field, "enabled", value, "sensitive", G_BINDING_SYNC_CREATE);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  g_object_set_data_full (G_OBJECT (remove), "dx-field", g_object_ref (field), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), key);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
update_visibility (DxFieldEditor *self)
{
  gboolean empty = self->fields == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->fields)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DxFieldEditor *self = DX_FIELD_EDITOR (widget);
  g_autoptr(DxField) field = NULL;
  GtkListBoxRow *row;
  guint n;

  if (self->fields == NULL)
    return;

  field = dx_field_new (TRUE, "", "");
  g_list_store_append (self->fields, field);

  /* Put the cursor in the new row's name */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  row = gtk_list_box_get_row_at_index (self->list, n - 1);
  if (row)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);
      gtk_widget_grab_focus (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)));
    }
}

static void
dx_field_editor_dispose (GObject *object)
{
  DxFieldEditor *self = DX_FIELD_EDITOR (object);

  if (self->fields)
    g_signal_handlers_disconnect_by_data (self->fields, self);
  g_clear_object (&self->fields);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_FIELD_EDITOR);

  G_OBJECT_CLASS (dx_field_editor_parent_class)->dispose (object);
}

static void
dx_field_editor_finalize (GObject *object)
{
  DxFieldEditor *self = DX_FIELD_EDITOR (object);

  g_free (self->add_label);
  g_free (self->key_placeholder);
  g_clear_object (&self->header_names);

  G_OBJECT_CLASS (dx_field_editor_parent_class)->finalize (object);
}

static void
dx_field_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DxFieldEditor *self = DX_FIELD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FIELDS:
      g_value_set_object (value, self->fields);
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, self->add_label);
      break;
    case PROP_KEY_PLACEHOLDER:
      g_value_set_string (value, self->key_placeholder);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, gtk_label_get_text (self->empty_label));
      break;
    case PROP_HEADERS:
      g_value_set_boolean (value, self->headers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_field_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DxFieldEditor *self = DX_FIELD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FIELDS:
      dx_field_editor_set_fields (self, g_value_get_object (value));
      break;
    case PROP_ADD_LABEL:
      g_free (self->add_label);
      self->add_label = g_value_dup_string (value);
      adw_button_content_set_label (self->add_content, self->add_label ? self->add_label : "");
      break;
    case PROP_KEY_PLACEHOLDER:
      g_free (self->key_placeholder);
      self->key_placeholder = g_value_dup_string (value);
      break;
    case PROP_EMPTY_TEXT:
      gtk_label_set_text (self->empty_label, g_value_get_string (value));
      break;
    case PROP_HEADERS:
      self->headers = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_field_editor_class_init (DxFieldEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_field_editor_dispose;
  object_class->finalize = dx_field_editor_finalize;
  object_class->get_property = dx_field_editor_get_property;
  object_class->set_property = dx_field_editor_set_property;

  properties[PROP_FIELDS] =
    g_param_spec_object ("fields", NULL, NULL, G_TYPE_LIST_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_PLACEHOLDER] =
    g_param_spec_string ("key-placeholder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Rows are HTTP headers: complete common names, warn about the ones
   * libsoup sets itself. */
  properties[PROP_HEADERS] =
    g_param_spec_boolean ("headers", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-field-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DxFieldEditor, root_box);
  gtk_widget_class_bind_template_child (widget_class, DxFieldEditor, list);
  gtk_widget_class_bind_template_child (widget_class, DxFieldEditor, empty_label);
  gtk_widget_class_bind_template_child (widget_class, DxFieldEditor, add_content);
  gtk_widget_class_install_action (widget_class, "field-editor.add", NULL, add_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dx_field_editor_init (DxFieldEditor *self)
{
  self->key_placeholder = g_strdup (_("Name"));
  gtk_widget_init_template (GTK_WIDGET (self));
  update_visibility (self);
}

GtkWidget *
dx_field_editor_new (void)
{
  return g_object_new (DX_TYPE_FIELD_EDITOR, NULL);
}

void
dx_field_editor_set_fields (DxFieldEditor *self,
                            GListStore    *fields)
{
  g_return_if_fail (DX_IS_FIELD_EDITOR (self));
  g_return_if_fail (!fields || G_IS_LIST_STORE (fields));

  if (self->fields == fields)
    return;

  if (self->fields)
    g_signal_handlers_disconnect_by_data (self->fields, self);
  g_set_object (&self->fields, fields);
  if (fields)
    g_signal_connect_swapped (fields, "items-changed", G_CALLBACK (update_visibility), self);

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (fields), create_row, self, NULL);
  update_visibility (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELDS]);
}

/**
 * dx_field_editor_get_fields:
 *
 * Returns: (transfer none) (nullable): the rows being edited
 */
GListStore *
dx_field_editor_get_fields (DxFieldEditor *self)
{
  g_return_val_if_fail (DX_IS_FIELD_EDITOR (self), NULL);
  return self->fields;
}
