/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-version-macros.h: symbol visibility and availability macros */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib.h>

#include "tandem-version.h"

#ifndef _TANDEM_EXTERN
#if defined(_WIN32)
#define _TANDEM_EXTERN __declspec(dllexport) extern
#else
#define _TANDEM_EXTERN __attribute__ ((visibility ("default"))) extern
#endif
#endif

#define TANDEM_VERSION_1_0 (G_ENCODE_VERSION (1, 0))

#ifdef TANDEM_DISABLE_DEPRECATION_WARNINGS
#define TANDEM_DEPRECATED _TANDEM_EXTERN
#define TANDEM_DEPRECATED_FOR(f) _TANDEM_EXTERN
#define TANDEM_UNAVAILABLE(maj, min) _TANDEM_EXTERN
#else
#define TANDEM_DEPRECATED G_DEPRECATED _TANDEM_EXTERN
#define TANDEM_DEPRECATED_FOR(f) G_DEPRECATED_FOR (f) _TANDEM_EXTERN
#define TANDEM_UNAVAILABLE(maj, min) G_UNAVAILABLE (maj, min) _TANDEM_EXTERN
#endif

#define TANDEM_VERSION_CUR_STABLE (G_ENCODE_VERSION (TANDEM_MAJOR_VERSION, TANDEM_MINOR_VERSION))

#ifndef TANDEM_VERSION_MIN_REQUIRED
#define TANDEM_VERSION_MIN_REQUIRED (TANDEM_VERSION_CUR_STABLE)
#endif

#ifndef TANDEM_VERSION_MAX_ALLOWED
#define TANDEM_VERSION_MAX_ALLOWED (TANDEM_VERSION_CUR_STABLE)
#endif

/* Every symbol present since the first stable release. */
#define TANDEM_AVAILABLE_IN_ALL _TANDEM_EXTERN

#if TANDEM_VERSION_MAX_ALLOWED < TANDEM_VERSION_1_0
#define TANDEM_AVAILABLE_IN_1_0 TANDEM_UNAVAILABLE (1, 0)
#else
#define TANDEM_AVAILABLE_IN_1_0 _TANDEM_EXTERN
#endif
