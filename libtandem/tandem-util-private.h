/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

const char *_tandem_enum_to_nick   (GType        type,
                                    int          value);
gboolean    _tandem_enum_from_nick (GType        type,
                                    const char  *what,
                                    const char  *nick,
                                    int         *value,
                                    GError     **error);
void        _tandem_set_str        (char       **ptr,
                                    const char  *value);
gboolean    _tandem_check_name     (const char  *what,
                                    const char  *name,
                                    GError     **error);

G_END_DECLS
