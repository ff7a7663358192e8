/* dx-test-util.h — what every Duplex test program shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*DxTestCondition) (gpointer data);

void dx_test_quiet_debug (void);
void dx_test_wait_until  (DxTestCondition  condition,
                          gpointer         data,
                          const char      *what);
void dx_test_spin        (guint            ms);

G_END_DECLS
