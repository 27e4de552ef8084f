/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-i18n-private.h: the library's messages in its own catalogue
 * (domain libtandem-1.0). _() binds the catalogue on first use, so no
 * code runs when the library is loaded. */

#pragma once

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

/* The translation of @msgid in the library's catalogue. */
const char *_tandem_gettext (const char *msgid) G_GNUC_FORMAT (1);

#undef _
#define _(String) ((char *)_tandem_gettext (String))

G_END_DECLS
