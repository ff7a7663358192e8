/* dx-test-window.h — what a tester sees in the window's history and state,
 * and a message sent and echoed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-window.h"

G_BEGIN_DECLS

gboolean dx_test_row_is_shown   (DxWindow          *window,
                                 const char        *text,
                                 const char        *css_class);
const char *dx_test_row_tag     (DxWindow          *window,
                                 const char        *text);
void     dx_test_wait_for_row   (DxWindow          *window,
                                 const char        *text,
                                 const char        *css_class);
void     dx_test_wait_for_state (DxWindow          *window,
                                 DxConnectionState  state);

void     dx_test_assert_sent_and_echoed (DxHistory     *history,
                                         guint          after,
                                         DxMessageKind  kind,
                                         const void    *expected,
                                         gsize          expected_size);

G_END_DECLS
