/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sigla-core.h: the core library's public API, for the CLI, the window and the tests. */
#pragma once

#include "sigla-claim.h"
#include "sigla-date.h"
#include "sigla-document.h"
#include "sigla-entity.h"
#include "sigla-error.h"
#include "sigla-export.h"
#include "sigla-history.h"
#include "sigla-import.h"
#include "sigla-kind.h"
#include "sigla-mention.h"
#include "sigla-project.h"
#include "sigla-recover.h"
#include "sigla-search.h"
#include "sigla-settings.h"
#include "sigla-mark.h"
#include "sigla-tei-alternatives.h"
#include "sigla-tei-reader.h"
#include "sigla-tei-report.h"
#include "sigla-tei-writer.h"
