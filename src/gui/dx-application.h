/* dx-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dx-echo-server.h"
#include "dx-session.h"

G_BEGIN_DECLS

#define DX_TYPE_APPLICATION (dx_application_get_type ())
G_DECLARE_FINAL_TYPE (DxApplication, dx_application, DX, APPLICATION, AdwApplication)

DxApplication *dx_application_new               (void);
GSettings     *dx_application_get_settings      (DxApplication  *self);
DxEchoServer  *dx_application_get_echo_server   (DxApplication  *self,
                                                 GError        **error);
DxSession     *dx_application_create_sample_session (DxApplication *self,
                                                     GError       **error);

G_END_DECLS
