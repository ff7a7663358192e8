/* dx-matcher.h — one check on a received message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-message.h"

G_BEGIN_DECLS

/* What a matcher checks; the nicks ("equals", "json-equals", ...) are the
 * names used in workspace files. */
typedef enum {
  DX_MATCHER_EQUALS,
  DX_MATCHER_CONTAINS,
  DX_MATCHER_REGEX,
  DX_MATCHER_JSON_EQUALS,
  DX_MATCHER_JSONPATH,
  DX_MATCHER_SIZE,
  DX_MATCHER_BINARY_EQUALS,
} DxMatcherKind;

/* What a JSONPath matcher does with what the path selects */
typedef enum {
  DX_PATH_OP_EXISTS,
  DX_PATH_OP_EQUALS,
  DX_PATH_OP_MATCHES,
  DX_PATH_OP_IS_TYPE,
} DxPathOp;

/* How a size matcher compares the payload's size with its own */
typedef enum {
  DX_SIZE_OP_EQ,
  DX_SIZE_OP_LT,
  DX_SIZE_OP_LE,
  DX_SIZE_OP_GT,
  DX_SIZE_OP_GE,
} DxSizeOp;

#define DX_TYPE_MATCHER_KIND (dx_matcher_kind_get_type ())
GType dx_matcher_kind_get_type (void) G_GNUC_CONST;
#define DX_TYPE_PATH_OP (dx_path_op_get_type ())
GType dx_path_op_get_type (void) G_GNUC_CONST;
#define DX_TYPE_SIZE_OP (dx_size_op_get_type ())
GType dx_size_op_get_type (void) G_GNUC_CONST;

#define DX_TYPE_MATCHER (dx_matcher_get_type ())
G_DECLARE_FINAL_TYPE (DxMatcher, dx_matcher, DX, MATCHER, GObject)

DxMatcher     *dx_matcher_new             (DxMatcherKind   kind,
                                           const char     *value);
DxMatcher     *dx_matcher_new_path        (const char     *path,
                                           DxPathOp        op,
                                           const char     *value);
DxMatcher     *dx_matcher_new_size        (DxSizeOp        op,
                                           guint64         size);
DxMatcher     *dx_matcher_copy            (DxMatcher      *self);

DxMatcherKind  dx_matcher_get_kind        (DxMatcher      *self);
void           dx_matcher_set_kind        (DxMatcher      *self,
                                           DxMatcherKind   kind);
const char    *dx_matcher_get_value       (DxMatcher      *self);
void           dx_matcher_set_value       (DxMatcher      *self,
                                           const char     *value);
const char    *dx_matcher_get_path        (DxMatcher      *self);
void           dx_matcher_set_path        (DxMatcher      *self,
                                           const char     *path);
DxPathOp       dx_matcher_get_path_op     (DxMatcher      *self);
void           dx_matcher_set_path_op     (DxMatcher      *self,
                                           DxPathOp        op);
DxSizeOp       dx_matcher_get_size_op     (DxMatcher      *self);
void           dx_matcher_set_size_op     (DxMatcher      *self,
                                           DxSizeOp        op);
guint64        dx_matcher_get_size        (DxMatcher      *self);
void           dx_matcher_set_size        (DxMatcher      *self,
                                           guint64         size);
gboolean       dx_matcher_get_negate      (DxMatcher      *self);
void           dx_matcher_set_negate      (DxMatcher      *self,
                                           gboolean        negate);

gboolean       dx_matcher_validate        (DxMatcher      *self,
                                           GError        **error);
char          *dx_matcher_dup_summary     (DxMatcher      *self);
gboolean       dx_matcher_match           (DxMatcher      *self,
                                           DxMessageKind   kind,
                                           GBytes         *payload,
                                           GListModel     *variables,
                                           char          **explanation);

char          *dx_matcher_describe_payload (DxMessageKind  kind,
                                            GBytes        *payload);

G_END_DECLS
