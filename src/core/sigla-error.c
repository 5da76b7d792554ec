/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-error.c: the Sigla error domain. */

#include "sigla-error.h"

G_DEFINE_QUARK (sigla-error-quark, sigla_error)
